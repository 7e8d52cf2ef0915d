//! The target in three columns, as 云南 and 四川 forms print it: 指标性质 | 指标值 | 度量单位.
//! The form keeps one target text (what the rules engine and every other template read); these
//! columns are a view of it. [`split_target`] and [`join_target`] are inverse on what they
//! produce, so a clerk can type into any of the three columns without the others jumping.

/// The 指标性质 of a target that is not a number (满意, 有效提升).
pub const QUALITATIVE_NATURE: &str = "定性";

/// A target's three columns.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SplitTarget {
    /// ≥, ≤, =, >, < (or the words a form used: 不低于 …), 定性, or empty.
    pub nature: String,
    pub value: String,
    pub unit: String,
}

/// Operators as forms write them, longest first so that `>=` is not read as `>`: every word the
/// value parser reads before a number (a test keeps them in step) and the look-alike signs it
/// folds (`≧`, `﹦` …), kept here as typed.
const OPERATORS: [&str; 43] = [
    "大于或等于",
    "小于或等于",
    "大于等于",
    "小于等于",
    "不低于",
    "不少于",
    "不小于",
    "不高于",
    "不超过",
    "不大于",
    "不多于",
    "控制在",
    ">=",
    "<=",
    "=>",
    "=<",
    "==",
    "＞＝",
    "＜＝",
    "达到",
    "大于",
    "高于",
    "超过",
    "多于",
    "小于",
    "低于",
    "少于",
    "等于",
    "≥",
    "≤",
    "≧",
    "≦",
    "⩾",
    "⩽",
    ">",
    "<",
    "＞",
    "＜",
    "=",
    "＝",
    "﹦",
    "﹥",
    "﹤",
];

fn is_number_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '.' | ',' | '，' | '．')
}

/// The three columns of `target` as typed.
pub fn split_target(target: &str) -> SplitTarget {
    let t = target.trim();
    if t.is_empty() {
        return SplitTarget::default();
    }
    let op = OPERATORS.iter().find(|op| t.starts_with(**op)).copied();
    let rest = op.map(|o| t[o.len()..].trim_start()).unwrap_or(t);
    let number_first = |s: &str| {
        s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '.')
    };
    // a number in full-width or look-alike characters (９５％, −5%): its columns as the parser
    // reads it
    let folded;
    let rest = if !number_first(rest) && number_first(&crate::parse::normalize(rest)) {
        folded = crate::parse::normalize(rest);
        folded.as_str()
    } else {
        rest
    };
    if !number_first(rest) {
        return match op {
            // an operator before text: kept as typed (≥ 满意 is not a number)
            Some(o) => SplitTarget {
                nature: o.to_string(),
                value: rest.to_string(),
                unit: String::new(),
            },
            None => SplitTarget {
                nature: QUALITATIVE_NATURE.to_string(),
                value: t.to_string(),
                unit: String::new(),
            },
        };
    }
    let sign = usize::from(rest.starts_with('-'));
    let end = rest[sign..]
        .char_indices()
        .find(|(_, c)| !is_number_char(*c))
        .map(|(i, _)| i + sign)
        .unwrap_or(rest.len());
    SplitTarget {
        nature: op.unwrap_or("").to_string(),
        value: rest[..end].to_string(),
        unit: rest[end..].trim().to_string(),
    }
}

/// The target text of three columns.
pub fn join_target(nature: &str, value: &str, unit: &str) -> String {
    let (nature, value, unit) = (nature.trim(), value.trim(), unit.trim());
    if nature == QUALITATIVE_NATURE {
        return format!("{value}{unit}");
    }
    format!("{nature}{value}{unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_operators_are_the_parsers_and_their_look_alikes() {
        for w in crate::parse::prefix_operator_words() {
            assert!(OPERATORS.contains(&w), "{w}");
        }
        // longest first: no operator is cut short by one before it
        for (i, a) in OPERATORS.iter().enumerate() {
            for b in &OPERATORS[..i] {
                assert!(!a.starts_with(b), "{b} before {a}");
            }
        }
        // words the parser reads are operators in the column, not 定性
        for (t, (n, v, u)) in [
            ("大于90%", ("大于", "90", "%")),
            ("控制在5%以内", ("控制在", "5", "%以内")),
            ("=>3个", ("=>", "3", "个")),
            ("９５％", ("", "95", "%")),
            ("≥９５％", ("≥", "95", "%")),
        ] {
            let s = split_target(t);
            assert_eq!(
                (s.nature.as_str(), s.value.as_str(), s.unit.as_str()),
                (n, v, u),
                "{t}"
            );
            // and the parser scores them as the numbers they are
            assert!(matches!(
                crate::parse::parse_value(&join_target(&s.nature, &s.value, &s.unit)),
                crate::parse::Value::Quantity(_)
            ));
        }
    }
}
