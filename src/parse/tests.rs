use super::*;
use helpers::d;

mod helpers {
    /// `d("1.5")` — a Decimal from a literal, for readable tables.
    pub fn d(s: &str) -> rust_decimal::Decimal {
        s.parse().expect("test literal")
    }
}

fn q(op: Option<Operator>, n: &str, unit: &str) -> Value {
    Value::Quantity(Quantity {
        op,
        number: d(n),
        unit: unit.into(),
    })
}

#[test]
fn operators_in_every_spelling() {
    use Operator::*;
    let cases: &[(&str, Value)] = &[
        ("≥90%", q(Some(Ge), "90", "%")),
        ("≧90％", q(Some(Ge), "90", "%")),
        (">=90%", q(Some(Ge), "90", "%")),
        ("＞＝90%", q(Some(Ge), "90", "%")),
        ("不低于95%", q(Some(Ge), "95", "%")),
        ("不少于20个", q(Some(Ge), "20", "个")),
        ("达到100%", q(Some(Ge), "100", "%")),
        ("95%以上", q(Some(Ge), "95", "%")),
        ("≤10次", q(Some(Le), "10", "次")),
        ("≦10次", q(Some(Le), "10", "次")),
        ("不超过5天", q(Some(Le), "5", "天")),
        ("不高于3%", q(Some(Le), "3", "%")),
        ("5天以内", q(Some(Le), "5", "天")),
        ("<3起", q(Some(Lt), "3", "起")),
        ("＜3起", q(Some(Lt), "3", "起")),
        (">50", q(Some(Gt), "50", "")),
        ("=100%", q(Some(Eq), "100", "%")),
        ("＝100%", q(Some(Eq), "100", "%")),
        ("等于0", q(Some(Eq), "0", "")),
    ];
    for (text, expected) in cases {
        assert_eq!(&parse_value(text), expected, "{text}");
    }
}

#[test]
fn numbers_units_and_widths() {
    let cases: &[(&str, Value)] = &[
        ("20个", q(None, "20", "个")),
        ("0起", q(None, "0", "起")),
        ("100000万元", q(None, "100000", "万元")),
        ("1,234.5", q(None, "1234.5", "")),
        ("1，234.5", q(None, "1234.5", "")),
        ("１２３４．５万元", q(None, "1234.5", "万元")),
        ("  6 人 ", q(None, "6", "人")),
        ("100%", q(None, "100", "%")),
        ("-5", q(None, "-5", "")),
        ("18.92", q(None, "18.92", "")),
        ("9.81元", q(None, "9.81", "元")),
        ("100%（已完成）", q(None, "100", "%")),
        ("≥21个(含续建项目)", q(Some(Operator::Ge), "21", "个")),
    ];
    for (text, expected) in cases {
        assert_eq!(&parse_value(text), expected, "{text}");
    }
}

#[test]
fn not_applicable_and_blank() {
    for t in ["/", "无", "—", "-", "／", "不适用"] {
        assert_eq!(parse_value(t), Value::NotApplicable, "{t}");
    }
    for t in ["", "   ", "\u{3000}"] {
        assert_eq!(parse_value(t), Value::Blank, "{t:?}");
    }
}

#[test]
fn free_text_is_qualitative_and_kept_as_typed() {
    for t in [
        "满意",
        "有效提升",
        "效果明显",
        "严格执行相关制度规定",
        "到位率",
        "1-12月全县完成社零总额50.29亿元，同比增长2.5%，新增限上企业2家。",
        "30（8个大个体）家",
        "5个6",
        "90%-95%",
    ] {
        assert_eq!(parse_value(t), Value::Text(t.trim().to_string()), "{t}");
    }
}

#[test]
fn unusable_numbers_are_reported_not_panicked() {
    assert_eq!(parse_value("1e40"), Value::Invalid(NumberProblem::Exponent));
    assert_eq!(
        parse_value("79228162514264337593543950336"),
        Value::Invalid(NumberProblem::TooLarge)
    );
    assert_eq!(
        parse_number("79228162514264337593543950336万元"),
        Err(NumberProblem::TooLarge)
    );
    // the largest Decimal still reads
    assert!(matches!(
        parse_value("79228162514264337593543950335"),
        Value::Quantity(_)
    ));
}

#[test]
fn number_fields() {
    assert_eq!(parse_number(""), Ok(None));
    assert_eq!(parse_number("8"), Ok(Some((d("8"), String::new()))));
    assert_eq!(parse_number("8分"), Ok(Some((d("8"), "分".into()))));
    assert_eq!(parse_number("abc"), Err(NumberProblem::NotANumber));
    assert_eq!(
        parse_number("12 abc def ghi jkl"),
        Err(NumberProblem::Trailing)
    );
    assert_eq!(parse_number("≥5"), Err(NumberProblem::UnexpectedOperator));
    assert_eq!(parse_number("1e5"), Err(NumberProblem::Exponent));
    assert_eq!(parse_number("/"), Err(NumberProblem::NotANumber));
}

/// Every look-alike glyph folds to the sign it stands for, and a target written with it reads
/// as the same quantity as one written with the plain sign.
#[test]
fn every_lookalike_glyph_folds() {
    for &(glyph, sign) in LOOKALIKES {
        assert_eq!(
            normalize(&glyph.to_string()),
            sign.to_string(),
            "U+{:04X}",
            glyph as u32
        );
        match sign {
            '≥' | '≤' | '>' | '<' | '=' => {
                assert_eq!(
                    parse_value(&format!("{glyph}90%")),
                    parse_value(&format!("{sign}90%")),
                    "U+{:04X}",
                    glyph as u32
                );
                assert!(matches!(
                    parse_value(&format!("{glyph}90%")),
                    Value::Quantity(Quantity { op: Some(_), .. })
                ));
            }
            '%' => assert_eq!(
                parse_value(&format!("90{glyph}")),
                q(None, "90", "%"),
                "U+{:04X}",
                glyph as u32
            ),
            '—' => assert_eq!(
                parse_value(&glyph.to_string()),
                Value::NotApplicable,
                "U+{:04X}",
                glyph as u32
            ),
            '-' => assert_eq!(
                parse_value(&format!("{glyph}5")),
                q(None, "-5", ""),
                "U+{:04X}",
                glyph as u32
            ),
            '+' => assert_eq!(
                parse_value(&format!("{glyph}5")),
                q(None, "5", ""),
                "U+{:04X}",
                glyph as u32
            ),
            other => panic!("no check for {other}"),
        }
    }
    // full-width forms, zero-width and ideographic spaces
    assert_eq!(normalize("＞＝９０％"), ">=90%");
    assert_eq!(normalize("9\u{200B}0\u{3000}%"), "90%");
    assert_eq!(parse_value("≮95%"), q(Some(Operator::Ge), "95", "%"));
    assert_eq!(parse_value("≯3次"), q(Some(Operator::Le), "3", "次"));
}
