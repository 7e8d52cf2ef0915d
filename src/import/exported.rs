//! The words ziping's own Excel and Word exports print where a form has no printed field for
//! what ziping keeps: a score left to the rules, a kind or tier chosen by hand, the printed claims
//! of an imported form, its note. The office module writes them and the recogniser reads them
//! back, so an exported form imports as the form it was.

/// The line at the foot of every exported form. Its computed cells (执行率, 小计, 总分, 等级)
/// are the sheet's formulas, not printed claims: a form under this line takes its claims from
/// the [`PRINTED`] row only.
pub const EXPORT_MARK: &str = "注：本表由绩效自评（ziping）导出";

/// After a score the clerk left to the rules (`45.00（按规则）`): read back as left blank.
pub const BY_RULE: &str = "（按规则）";

/// After a score typed on an indicator that does not apply (`5（不计分）`): read back as typed.
pub const NOT_COUNTED: &str = "（不计分）";

/// The row of the printed claims an imported form carried: `执行率：100%；总分：88；等级：良`.
pub const PRINTED: &str = "原表所印";
pub const PRINTED_RATE: &str = "执行率";
pub const PRINTED_TOTAL: &str = "总分";
pub const PRINTED_GRADE: &str = "等级";

/// The row of the form's 备注.
pub const NOTE: &str = "备注";

/// The column of kinds chosen by hand (正向, 反向, 等于, 定性, 不适用): taken exactly.
pub const KIND_COLUMN: &str = "指标类型（手动设定）";

/// The column of the tiers of qualitative indicators (达成年度指标 …).
pub const TIER_COLUMN: &str = "定性档次";

/// The subtotal row of each 一级指标.
pub const SUBTOTAL: &str = "小计";

/// A score cell as the clerk typed it: a rule's score marked [`BY_RULE`] was not typed, a score
/// marked [`NOT_COUNTED`] was.
pub fn typed_score(cell: &str) -> String {
    let t = cell.trim();
    if t.ends_with(BY_RULE) {
        return String::new();
    }
    t.strip_suffix(NOT_COUNTED).unwrap_or(t).trim().to_string()
}

/// The printed claims of a [`PRINTED`] row: (执行率, 总分, 等级), each as printed.
pub fn printed_claims(text: &str) -> (String, String, String) {
    let mut out = (String::new(), String::new(), String::new());
    for part in text.split(['；', ';', '\n']) {
        let Some((label, value)) = part.split_once(['：', ':']) else {
            continue;
        };
        let value = value.trim().to_string();
        match label.trim() {
            PRINTED_RATE => out.0 = value,
            PRINTED_TOTAL => out.1 = value,
            PRINTED_GRADE => out.2 = value,
            _ => {}
        }
    }
    out
}

/// The [`PRINTED`] row's text for the claims (empty when there are none).
pub fn printed_text(rate: &str, total: &str, grade: &str) -> String {
    [
        (PRINTED_RATE, rate),
        (PRINTED_TOTAL, total),
        (PRINTED_GRADE, grade),
    ]
    .iter()
    .filter(|(_, v)| !v.trim().is_empty())
    .map(|(k, v)| format!("{k}：{}", v.trim()))
    .collect::<Vec<_>>()
    .join("；")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_read_back_as_typed() {
        assert_eq!(typed_score("45.00（按规则）"), "");
        assert_eq!(typed_score("5（不计分）"), "5");
        assert_eq!(typed_score(" 8 "), "8");
    }

    #[test]
    fn printed_claims_round_trip() {
        let t = printed_text("100%", "88", "");
        assert_eq!(t, "执行率：100%；总分：88");
        assert_eq!(
            printed_claims(&t),
            ("100%".into(), "88".into(), String::new())
        );
        assert_eq!(
            printed_claims(&printed_text("", "９０.5", "良")),
            (String::new(), "９０.5".into(), "良".into())
        );
        assert_eq!(printed_text("", "", ""), "");
    }
}
