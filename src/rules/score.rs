//! The claimed score against the rule's score (RULES.md R5 bounds, R6 departures).

use super::diagnostic::{Diagnostic, Field, Level, RuleId};
use super::num::{self, fmt2, tolerance};
use rust_decimal::Decimal;
use serde::Serialize;

/// Where the score that counts comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum ScoreSource {
    /// Typed on the form.
    Claimed,
    /// The claimed cell is blank: the rule's score is taken.
    Rule,
    /// Neither: counts as 0.
    Missing,
}

pub struct Claim {
    pub used: Decimal,
    pub source: ScoreSource,
    /// claimed − rule, when they differ by more than 0.005.
    pub departure: Option<Decimal>,
}

pub fn check_claim(
    claimed: Option<Decimal>,
    rule: Option<Decimal>,
    weight: Decimal,
    field: Field,
    label_zh: &str,
    rule_id: RuleId,
    out: &mut Vec<Diagnostic>,
) -> Claim {
    match (claimed, rule) {
        (Some(c), rule) => {
            if c.is_sign_negative() && !c.is_zero() || c > weight {
                out.push(Diagnostic::new(
                    Level::Error,
                    field.clone(),
                    RuleId::R5,
                    format!("{label_zh}得分{}超出0～{}分的范围", fmt2(c), fmt2(weight)),
                    format!(
                        "{label_zh}: score {} is outside 0–{}",
                        fmt2(c),
                        fmt2(weight)
                    ),
                ));
            }
            let departure = rule
                .and_then(|r| num::sub(c, r))
                .filter(|d| d.abs() > tolerance());
            if let (Some(d), Some(r)) = (departure, rule) {
                out.push(Diagnostic::new(
                    Level::Warning,
                    field,
                    RuleId::R6,
                    format!(
                        "{label_zh}：自评得分{}与规则得分{}不一致（相差{}，依据{}）",
                        fmt2(c),
                        fmt2(r),
                        signed(d),
                        rule_id.label()
                    ),
                    format!(
                        "{label_zh}: claimed {} but the rule ({}) gives {} (difference {})",
                        fmt2(c),
                        rule_id.label(),
                        fmt2(r),
                        signed(d)
                    ),
                ));
            }
            Claim {
                used: c,
                source: ScoreSource::Claimed,
                departure,
            }
        }
        (None, Some(r)) => Claim {
            used: r,
            source: ScoreSource::Rule,
            departure: None,
        },
        (None, None) => Claim {
            used: Decimal::ZERO,
            source: ScoreSource::Missing,
            departure: None,
        },
    }
}

/// `+3.00` / `-3.00`.
pub fn signed(d: Decimal) -> String {
    if d.is_sign_negative() {
        fmt2(d)
    } else {
        format!("+{}", fmt2(d))
    }
}
