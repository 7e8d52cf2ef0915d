//! Reading typed number cells into Decimals, reporting problems as diagnostics.

use super::diagnostic::{Diagnostic, Field, Level, RuleId};
use super::num::fmt2;
use crate::parse::{parse_number, NumberProblem};
use rust_decimal::Decimal;

/// Reads an amount in 万元. `元` is accepted with a warning (the seed writes "9.81元" for 万元);
/// any other unit, or text, is an error. Blank → `None`.
pub fn amount(
    text: &str,
    field: Field,
    label_zh: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    match parse_number(text) {
        Ok(None) => None,
        Ok(Some((n, unit))) => {
            match unit.as_str() {
                "" | "万元" | "万" => {}
                // doubled units, as in the seed's "0万万元" and "31.26万元元": read as 万元, say so
                "万万元" | "万元元" => out.push(Diagnostic::new(
                    Level::Warning,
                    field.clone(),
                    RuleId::R7,
                    format!("{label_zh}的单位写作“{unit}”，按万元计算，请更正"),
                    format!("{label_zh}: unit written “{unit}”; read as 万元 — please correct"),
                )),
                "元" => out.push(Diagnostic::new(
                    Level::Warning,
                    field.clone(),
                    RuleId::R7,
                    format!(
                        "{label_zh}写作“{}元”，本表金额单位为万元，请核对单位",
                        fmt_num(n)
                    ),
                    format!(
                        "{label_zh} is written in 元 but amounts here are in 万元; check the unit"
                    ),
                )),
                other => {
                    out.push(Diagnostic::new(
                        Level::Error,
                        field,
                        RuleId::Input,
                        format!("{label_zh}的单位“{other}”无法识别，金额单位为万元"),
                        format!("{label_zh}: unit “{other}” not recognised; amounts are in 万元"),
                    ));
                    return None;
                }
            }
            if n.is_sign_negative() && !n.is_zero() {
                out.push(Diagnostic::new(
                    Level::Error,
                    field,
                    RuleId::R2,
                    format!("{label_zh}不能为负数"),
                    format!("{label_zh} cannot be negative"),
                ));
                return None;
            }
            Some(n)
        }
        Err(p) => {
            out.push(number_problem(field, label_zh, &p));
            None
        }
    }
}

/// Reads a head count (unit `人` or `名` allowed). Blank → `None`.
pub fn head_count(
    text: &str,
    field: Field,
    label_zh: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    match parse_number(text) {
        Ok(None) => None,
        Ok(Some((n, unit))) if matches!(unit.as_str(), "" | "人" | "名") => {
            if n.is_sign_negative() && !n.is_zero() {
                out.push(Diagnostic::new(
                    Level::Error,
                    field,
                    RuleId::R7,
                    format!("{label_zh}不能为负数"),
                    format!("{label_zh} cannot be negative"),
                ));
                return None;
            }
            Some(n)
        }
        Ok(Some((_, unit))) => {
            out.push(Diagnostic::new(
                Level::Error,
                field,
                RuleId::Input,
                format!("{label_zh}只填人数，“{unit}”无法识别"),
                format!("{label_zh}: a head count is expected, not “{unit}”"),
            ));
            None
        }
        Err(p) => {
            out.push(number_problem(field, label_zh, &p));
            None
        }
    }
}

/// Reads a weight or score (unit `分` allowed). Blank → `None`.
pub fn points(
    text: &str,
    field: Field,
    label_zh: &str,
    out: &mut Vec<Diagnostic>,
) -> Option<Decimal> {
    match parse_number(text) {
        Ok(None) => None,
        Ok(Some((n, unit))) => {
            if !(unit.is_empty() || unit == "分") {
                out.push(Diagnostic::new(
                    Level::Error,
                    field,
                    RuleId::Input,
                    format!("{label_zh}只填分数，“{unit}”无法识别"),
                    format!("{label_zh}: only a number of points is expected, not “{unit}”"),
                ));
                return None;
            }
            Some(n)
        }
        Err(p) => {
            out.push(number_problem(field, label_zh, &p));
            None
        }
    }
}

pub fn number_problem(field: Field, label_zh: &str, p: &NumberProblem) -> Diagnostic {
    Diagnostic::new(
        Level::Error,
        field,
        RuleId::Input,
        format!("{label_zh}：{}", p.message_zh()),
        format!("{label_zh}: {}", p.message_en()),
    )
}

/// A number as the user would write it: two decimals only where needed.
pub fn fmt_num(n: Decimal) -> String {
    if n.fract().is_zero() {
        n.trunc().normalize().to_string()
    } else {
        let s = fmt2(n);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}
