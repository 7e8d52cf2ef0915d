//! RULES.md R3 (quantitative), R4 (qualitative), R5 (bounds, reasons, not applicable) for one
//! 三级指标 row.

use super::diagnostic::{Diagnostic, Field, IndicatorField, Level, RuleId};
use super::fields::{fmt_num, points};
use super::funds::overflow;
use super::num::{self, fmt2, round2};
use super::score::{check_claim, ScoreSource};
use crate::model::{Indicator, IndicatorKind, QualitativeTier};
use crate::parse::{parse_value, Operator, Quantity, Value};
use rust_decimal::Decimal;
use serde::Serialize;

/// What the rule says an indicator scores.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum RuleScore {
    /// A computed score.
    Exact(Decimal),
    /// A qualitative tier's band of the weight: `[low, high]` or `[low, high)`.
    Band {
        low: Decimal,
        high: Decimal,
        high_inclusive: bool,
    },
    /// No automatic score (the diagnostics say why).
    None,
    /// Not applicable: not scored, excluded from the total.
    Excluded,
}

impl RuleScore {
    pub fn exact(&self) -> Option<Decimal> {
        match self {
            RuleScore::Exact(d) => Some(*d),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndicatorResult {
    pub id: String,
    /// The kind used: the override when set, else the detected one.
    pub kind: IndicatorKind,
    /// The kind detected from the target text.
    pub detected: IndicatorKind,
    pub weight: Option<Decimal>,
    pub rule: RuleScore,
    pub claimed: Option<Decimal>,
    /// The score that counts (0 for not applicable).
    pub used: Decimal,
    pub source: ScoreSource,
    /// A ≥ 1.2 T on a 正向 indicator.
    pub over_achievement: bool,
    /// claimed − rule, when they differ.
    pub departure: Option<Decimal>,
    /// A / T as a ratio, for display.
    pub completion: Option<Decimal>,
}

impl IndicatorResult {
    pub fn applicable(&self) -> bool {
        self.kind != IndicatorKind::NotApplicable
    }
}

/// Words in an indicator's name that make a target without operator a 反向 one.
const NEGATIVE_NAME_WORDS: &[&str] = &[
    "投诉",
    "事故",
    "发生数",
    "发生率",
    "发生次数",
    "差错",
    "违规",
    "违纪",
    "超支",
    "损失",
    "死亡",
    "伤亡",
];

/// Detects the kind of an indicator from its target (and, for a bare number, its name).
pub fn detect_kind(name: &str, target: &Value) -> IndicatorKind {
    match target {
        Value::NotApplicable => IndicatorKind::NotApplicable,
        Value::Quantity(q) => match q.op {
            Some(Operator::Ge | Operator::Gt) => IndicatorKind::Positive,
            Some(Operator::Le | Operator::Lt) => IndicatorKind::Negative,
            Some(Operator::Eq) => IndicatorKind::Equal,
            None => {
                // "0起" (zero incidents) and "投诉…" targets without an operator mean "at most"
                if q.number.is_zero() || NEGATIVE_NAME_WORDS.iter().any(|w| name.contains(w)) {
                    IndicatorKind::Negative
                } else {
                    IndicatorKind::Positive
                }
            }
        },
        Value::Text(_) | Value::Blank | Value::Invalid(_) => IndicatorKind::Qualitative,
    }
}

pub fn assess_indicator(row: &Indicator, out: &mut Vec<Diagnostic>) -> IndicatorResult {
    let f = |field| Field::Indicator(row.id.clone(), field);
    let label = if row.name.trim().is_empty() {
        format!("{}（未命名）", row.level2.name_zh())
    } else {
        row.name.trim().to_string()
    };
    let target = parse_value(&row.target);
    let actual = parse_value(&row.actual);
    let detected = detect_kind(&row.name, &target);
    // a name of "无" / "/" marks the group as having no indicator
    let detected =
        if matches!(parse_value(&row.name), Value::NotApplicable) && row.target.trim().is_empty() {
            IndicatorKind::NotApplicable
        } else {
            detected
        };
    let kind = row.kind_override.unwrap_or(detected);

    let weight = points(
        &row.weight,
        f(IndicatorField::Weight),
        &format!("{label}的分值"),
        out,
    );
    if let Some(w) = weight {
        if w.is_sign_negative() && !w.is_zero() {
            out.push(Diagnostic::new(
                Level::Error,
                f(IndicatorField::Weight),
                RuleId::R1,
                format!("{label}的分值不能为负数"),
                format!("{label}: weight cannot be negative"),
            ));
        }
    }
    let claimed = points(
        &row.claimed,
        f(IndicatorField::Claimed),
        &format!("{label}的得分"),
        out,
    );

    if kind == IndicatorKind::NotApplicable {
        if claimed.is_some() {
            out.push(Diagnostic::new(
                Level::Info,
                f(IndicatorField::Claimed),
                RuleId::R5,
                format!("{label}为不适用指标，不计分；总分按适用指标折算为百分制"),
                format!("{label} is not applicable: not scored, the total is rescaled"),
            ));
        }
        return IndicatorResult {
            id: row.id.clone(),
            kind,
            detected,
            weight,
            rule: RuleScore::Excluded,
            claimed,
            used: Decimal::ZERO,
            source: ScoreSource::Missing,
            over_achievement: false,
            departure: None,
            completion: None,
        };
    }

    // no 分值 (the 湖北 2020 form has none per row): no rule score at all — never a score of 0
    // and never a departure against 0; the claimed score is what counts
    if weight.is_none() && row.weight.trim().is_empty() {
        out.push(Diagnostic::new(
            Level::Warning,
            f(IndicatorField::Weight),
            RuleId::R1,
            format!("{label}：分值未填，无法按规则计分"),
            format!("{label}: no weight, so no rule score"),
        ));
        return unweighted(row, kind, detected, claimed, out);
    }
    let w = weight.unwrap_or(Decimal::ZERO);

    let mut over_achievement = false;
    let mut completion = None;
    let rule = match kind {
        IndicatorKind::Qualitative => qualitative(row, &label, w, out),
        IndicatorKind::Positive | IndicatorKind::Negative | IndicatorKind::Equal => {
            match quantities(row, &label, &target, &actual, out) {
                Some((t, a)) => {
                    completion = num::div(a.number, t.number);
                    let score = quantitative_score(kind, t.number, a.number, w);
                    if kind == IndicatorKind::Positive && t.number > Decimal::ZERO {
                        let limit = num::mul(t.number, Decimal::new(12, 1));
                        if limit.is_some_and(|l| a.number >= l) {
                            over_achievement = true;
                            out.push(Diagnostic::new(
                                Level::Warning,
                                f(IndicatorField::Actual),
                                RuleId::R3,
                                format!(
                                    "{label}：实际完成值{}达到年度指标值{}的120%以上，目标可能设定偏低；按10号文应按偏差扣分，请说明原因并确定得分",
                                    fmt_num(a.number),
                                    fmt_num(t.number)
                                ),
                                format!(
                                    "{label}: actual {} is at least 120 % of the target {}; the target was probably too low — explain and decide the score",
                                    fmt_num(a.number),
                                    fmt_num(t.number)
                                ),
                            ));
                        }
                    }
                    match score {
                        Some(s) => RuleScore::Exact(round2(s)),
                        None => {
                            out.push(overflow(f(IndicatorField::Actual)));
                            RuleScore::None
                        }
                    }
                }
                None => RuleScore::None,
            }
        }
        IndicatorKind::NotApplicable => RuleScore::Excluded,
    };

    let claim = match &rule {
        RuleScore::Band { .. } => check_claim(
            claimed,
            None,
            w,
            f(IndicatorField::Claimed),
            &label,
            RuleId::R4,
            out,
        ),
        _ => check_claim(
            claimed,
            rule.exact(),
            w,
            f(IndicatorField::Claimed),
            &label,
            RuleId::R3,
            out,
        ),
    };
    if claim.source == ScoreSource::Missing && !matches!(rule, RuleScore::Band { .. }) {
        out.push(Diagnostic::new(
            Level::Warning,
            f(IndicatorField::Claimed),
            RuleId::R5,
            format!("{label}没有得分（无法自动评分且未填写），按0分计"),
            format!("{label} has no score (none computed, none typed): counted as 0"),
        ));
    }

    // R5: a reason is required when the score is below the weight, on over-achievement and (R6)
    // when the claim departs from the rule
    let mut why_zh = Vec::new();
    let mut why_en = Vec::new();
    if claim.source != ScoreSource::Missing && claim.used < w {
        why_zh.push(format!("得分{}低于分值{}", fmt2(claim.used), fmt2(w)));
        why_en.push(format!(
            "score {} is below the weight {}",
            fmt2(claim.used),
            fmt2(w)
        ));
    }
    if over_achievement {
        why_zh.push("实际完成值超出目标20%以上".to_string());
        why_en.push("over-achievement of 20 % or more".to_string());
    }
    if claim.departure.is_some() {
        why_zh.push("自评得分与规则得分不一致".to_string());
        why_en.push("the claimed score departs from the rule".to_string());
    }
    if !why_zh.is_empty() && row.reason.trim().is_empty() {
        out.push(Diagnostic::new(
            Level::Error,
            f(IndicatorField::Reason),
            RuleId::R5,
            format!(
                "{label}：{}，须填写偏差原因分析及改进措施",
                why_zh.join("；")
            ),
            format!(
                "{label}: {} — a deviation reason is required",
                why_en.join("; ")
            ),
        ));
    }

    IndicatorResult {
        id: row.id.clone(),
        kind,
        detected,
        weight,
        rule,
        claimed,
        used: claim.used,
        source: claim.source,
        over_achievement,
        departure: claim.departure,
        completion,
    }
}

/// A row without a weight: only the claimed score, checked for sign.
fn unweighted(
    row: &Indicator,
    kind: IndicatorKind,
    detected: IndicatorKind,
    claimed: Option<Decimal>,
    out: &mut Vec<Diagnostic>,
) -> IndicatorResult {
    let f = |field| Field::Indicator(row.id.clone(), field);
    if claimed.is_some_and(|c| c.is_sign_negative() && !c.is_zero()) {
        out.push(Diagnostic::new(
            Level::Error,
            f(IndicatorField::Claimed),
            RuleId::R5,
            "得分不能为负数",
            "a score cannot be negative",
        ));
    }
    IndicatorResult {
        id: row.id.clone(),
        kind,
        detected,
        weight: None,
        rule: RuleScore::None,
        claimed,
        used: claimed.unwrap_or(Decimal::ZERO),
        source: if claimed.is_some() {
            ScoreSource::Claimed
        } else {
            ScoreSource::Missing
        },
        over_achievement: false,
        departure: None,
        completion: None,
    }
}

/// R4: the tier's band; the claimed score must lie in it.
fn qualitative(row: &Indicator, label: &str, w: Decimal, out: &mut Vec<Diagnostic>) -> RuleScore {
    let f = |field| Field::Indicator(row.id.clone(), field);
    let Some(tier) = row.tier else {
        out.push(Diagnostic::new(
            Level::Warning,
            f(IndicatorField::Tier),
            RuleId::R4,
            format!("{label}为定性指标，请选择评价档次（达成／部分达成／未达成）"),
            format!("{label} is qualitative: pick a tier"),
        ));
        return RuleScore::None;
    };
    let pct = |p: i64| num::mul(w, Decimal::new(p, 2)).unwrap_or(Decimal::ZERO);
    let (low, high, high_inclusive) = match tier {
        QualitativeTier::Achieved => (pct(80), w, true),
        QualitativeTier::Partial => (pct(60), pct(80), false),
        QualitativeTier::NotAchieved => (Decimal::ZERO, pct(60), false),
    };
    let claimed = crate::parse::parse_number(&row.claimed)
        .ok()
        .flatten()
        .map(|(n, _)| n);
    match claimed {
        None => out.push(Diagnostic::new(
            Level::Error,
            f(IndicatorField::Claimed),
            RuleId::R4,
            format!(
                "{label}：定性指标须在所选档次区间[{}, {}{}内填写得分",
                fmt2(low),
                fmt2(high),
                if high_inclusive { "]" } else { ")" }
            ),
            format!(
                "{label}: qualitative — type a score within the tier's band [{}, {}{}",
                fmt2(low),
                fmt2(high),
                if high_inclusive { "]" } else { ")" }
            ),
        )),
        Some(c) => {
            let inside = c >= low && (c < high || (high_inclusive && c == high));
            if !inside {
                out.push(Diagnostic::new(
                    Level::Error,
                    f(IndicatorField::Claimed),
                    RuleId::R4,
                    format!(
                        "{label}：得分{}不在“{}”档次区间[{}, {}{}内",
                        fmt2(c),
                        tier.name_zh(),
                        fmt2(low),
                        fmt2(high),
                        if high_inclusive { "]" } else { ")" }
                    ),
                    format!(
                        "{label}: score {} is outside the tier's band [{}, {}{}",
                        fmt2(c),
                        fmt2(low),
                        fmt2(high),
                        if high_inclusive { "]" } else { ")" }
                    ),
                ));
            }
        }
    }
    RuleScore::Band {
        low,
        high,
        high_inclusive,
    }
}

/// Target and actual as quantities in the same unit, or diagnostics saying why not.
fn quantities(
    row: &Indicator,
    label: &str,
    target: &Value,
    actual: &Value,
    out: &mut Vec<Diagnostic>,
) -> Option<(Quantity, Quantity)> {
    let f = |field| Field::Indicator(row.id.clone(), field);
    let t = match target {
        Value::Quantity(q) => q.clone(),
        Value::Invalid(p) => {
            out.push(Diagnostic::new(
                Level::Error,
                f(IndicatorField::Target),
                RuleId::Input,
                format!("{label}的年度指标值：{}", p.message_zh()),
                format!("{label} target: {}", p.message_en()),
            ));
            return None;
        }
        _ => {
            out.push(Diagnostic::new(
                Level::Warning,
                f(IndicatorField::Target),
                RuleId::R3,
                format!("{label}：年度指标值不是数值，无法按定量公式评分（可改为定性）"),
                format!("{label}: the target is not a number; it cannot be scored by formula"),
            ));
            return None;
        }
    };
    if t.number.is_sign_negative() && !t.number.is_zero() {
        out.push(Diagnostic::new(
            Level::Error,
            f(IndicatorField::Target),
            RuleId::R3,
            format!("{label}：年度指标值不能为负数"),
            format!("{label}: the target cannot be negative"),
        ));
        return None;
    }
    let a = match actual {
        Value::Quantity(q) => q.clone(),
        Value::Blank => {
            out.push(Diagnostic::new(
                Level::Warning,
                f(IndicatorField::Actual),
                RuleId::R3,
                format!("{label}：实际完成值未填，无法自动评分"),
                format!("{label}: the actual value is blank; no automatic score"),
            ));
            return None;
        }
        Value::Invalid(p) => {
            out.push(Diagnostic::new(
                Level::Error,
                f(IndicatorField::Actual),
                RuleId::Input,
                format!("{label}的实际完成值：{}", p.message_zh()),
                format!("{label} actual: {}", p.message_en()),
            ));
            return None;
        }
        _ => {
            out.push(Diagnostic::new(
                Level::Warning,
                f(IndicatorField::Actual),
                RuleId::R3,
                format!("{label}：实际完成值不是数值，无法自动评分"),
                format!("{label}: the actual value is not a number; no automatic score"),
            ));
            return None;
        }
    };
    if a.number.is_sign_negative() && !a.number.is_zero() {
        out.push(Diagnostic::new(
            Level::Error,
            f(IndicatorField::Actual),
            RuleId::R3,
            format!("{label}：实际完成值不能为负数"),
            format!("{label}: a negative actual value is invalid"),
        ));
        return None;
    }
    if !a.unit.is_empty() && !t.unit.is_empty() && a.unit != t.unit {
        out.push(Diagnostic::new(
            Level::Warning,
            f(IndicatorField::Actual),
            RuleId::R3,
            format!(
                "{label}：实际完成值单位“{}”与年度指标值单位“{}”不一致，统一单位后才能自动评分",
                a.unit, t.unit
            ),
            format!(
                "{label}: unit “{}” differs from the target's “{}”; no automatic score until resolved",
                a.unit, t.unit
            ),
        ));
        return None;
    }
    if a.unit.is_empty() != t.unit.is_empty() && !(a.unit.is_empty()) {
        // the actual has a unit the target lacks: compare as numbers but say so
        out.push(Diagnostic::new(
            Level::Info,
            f(IndicatorField::Target),
            RuleId::R3,
            format!(
                "{label}：年度指标值未写单位，按实际完成值的单位“{}”比较",
                a.unit
            ),
            format!("{label}: the target has no unit; compared in “{}”", a.unit),
        ));
    }
    Some((t, a))
}

/// The formulas of R3. `None` only on arithmetic overflow.
pub fn quantitative_score(
    kind: IndicatorKind,
    t: Decimal,
    a: Decimal,
    w: Decimal,
) -> Option<Decimal> {
    let zero = Decimal::ZERO;
    match kind {
        IndicatorKind::Positive => {
            if a >= t {
                Some(w)
            } else {
                // t > a ≥ 0 here, so t > 0
                num::div(num::mul(w, a)?, t)
            }
        }
        IndicatorKind::Equal => {
            if t.is_zero() {
                Some(if a <= zero { w } else { zero })
            } else {
                quantitative_score(IndicatorKind::Positive, t, a, w)
            }
        }
        IndicatorKind::Negative => {
            if t.is_zero() {
                return Some(if a <= zero { w } else { zero });
            }
            if a <= t {
                return Some(w);
            }
            if a >= num::mul(t, Decimal::TWO)? {
                return Some(zero);
            }
            let over = num::div(num::sub(a, t)?, t)?;
            num::mul(w, num::sub(Decimal::ONE, over)?)
        }
        IndicatorKind::Qualitative | IndicatorKind::NotApplicable => None,
    }
}
