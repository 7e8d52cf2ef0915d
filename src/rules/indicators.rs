//! RULES.md R3 (quantitative), R4 (qualitative), R5 (bounds, reasons, not applicable) for one
//! 三级指标 row.

use super::diagnostic::{Diagnostic, Field, IndicatorField, Level, RuleId};
use super::fields::{fmt_num, points};
use super::funds::overflow;
use super::num::{self, fmt2, round2};
use super::scheme::{Reverse, Scheme};
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
    /// 得分系数 (重庆): the share of the weight the row scores — the formula's ratio when the
    /// rule's score counts (unrounded: 72.74 %, not 1.45 ÷ 2), else the score that counts over
    /// the weight.
    pub coefficient: Option<Decimal>,
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

/// On department forms also (财预〔2013〕53号's common ratios where less is better): 预算调整率,
/// 结转结余率 and 结转结余变动率, "三公"经费 and 公用经费 控制率 and 变动率, 在职人员控制率.
const COMMON_RATIO_WORDS: &[&str] = &["调整率", "结转结余", "控制率", "变动率"];

/// Words in an indicator's name that make negative targets and actuals valid on department forms:
/// rates of change ("三公"经费变动率 ≤0%, 结转结余变动率 −30 %) fall as well as rise
/// (docs/TEMPLATES.md).
const SIGNED_NAME_WORDS: &[&str] = &["变动率", "增长率", "增幅", "变化率", "下降率"];

/// Detects the kind of an indicator from its target (and, for a bare number, its name), by
/// RULES.md; [`detect_kind_in`] with a template's scheme.
pub fn detect_kind(name: &str, target: &Value) -> IndicatorKind {
    detect_kind_in(name, target, &Scheme::MOF_2020)
}

/// The kind of a row: from its 年度指标值, or — left blank — its 调整指标值 (重庆), under
/// `scheme`. The rules engine and the page read the kind from here.
pub fn row_kind(row: &Indicator, scheme: &Scheme) -> IndicatorKind {
    let target = match parse_value(&row.target) {
        Value::Blank => parse_value(&row.adjusted_target),
        v => v,
    };
    detect_kind_in(&row.name, &target, scheme)
}

/// Detects the kind of an indicator under `scheme` (its department ratios, when it has them).
pub fn detect_kind_in(name: &str, target: &Value, scheme: &Scheme) -> IndicatorKind {
    match target {
        Value::NotApplicable => IndicatorKind::NotApplicable,
        Value::Quantity(q) => match q.op {
            Some(Operator::Ge | Operator::Gt) => IndicatorKind::Positive,
            Some(Operator::Le | Operator::Lt) => IndicatorKind::Negative,
            Some(Operator::Eq) => IndicatorKind::Equal,
            None => {
                // "0起" (zero incidents) and "投诉…" targets without an operator mean "at most"
                let words = |list: &[&str]| list.iter().any(|w| name.contains(w));
                if q.number.is_zero()
                    || words(NEGATIVE_NAME_WORDS)
                    || (scheme.common_ratios && words(COMMON_RATIO_WORDS))
                {
                    IndicatorKind::Negative
                } else {
                    IndicatorKind::Positive
                }
            }
        },
        Value::Text(_) | Value::Blank | Value::Invalid(_) => IndicatorKind::Qualitative,
    }
}

/// The name of the target's cell in messages.
fn cell_zh(field: IndicatorField) -> &'static str {
    if field == IndicatorField::AdjustedTarget {
        "调整指标值"
    } else {
        "年度指标值"
    }
}

/// The target a row is scored against, and its field: the 调整指标值 when one is given — its
/// operator and unit, when it writes none, those of the 年度指标值 (重庆 forms print the unit once,
/// in 计量单位) — else the 年度指标值.
fn effective_target(row: &Indicator) -> (Value, IndicatorField) {
    let original = parse_value(&row.target);
    if row.adjusted_target.trim().is_empty() {
        return (original, IndicatorField::Target);
    }
    let mut adjusted = parse_value(&row.adjusted_target);
    if let (Value::Quantity(a), Value::Quantity(o)) = (&mut adjusted, &original) {
        if a.unit.is_empty() {
            a.unit = o.unit.clone();
        }
        if a.op.is_none() {
            a.op = o.op;
        }
    }
    (adjusted, IndicatorField::AdjustedTarget)
}

pub fn assess_indicator(
    row: &Indicator,
    scheme: &Scheme,
    out: &mut Vec<Diagnostic>,
) -> IndicatorResult {
    let f = |field| Field::Indicator(row.id.clone(), field);
    let label = if row.name.trim().is_empty() {
        format!("{}（未命名）", row.level2.name_zh())
    } else {
        row.name.trim().to_string()
    };
    let (target, target_field) = effective_target(row);
    let actual = parse_value(&row.actual);
    // the kind is the 年度指标值's: an adjusted figure that is not one is an error of its own,
    // not a reason to score the row as 定性
    let detected = row_kind(row, scheme);
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
            coefficient: None,
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
    let mut ratio = None;
    let rule = match kind {
        IndicatorKind::Qualitative => qualitative(row, &label, w, scheme, out),
        IndicatorKind::Positive | IndicatorKind::Negative | IndicatorKind::Equal => {
            match quantities(row, &label, (&target, target_field), &actual, scheme, out) {
                Some((t, a)) => {
                    completion = num::div(a.number, t.number);
                    ratio =
                        quantitative_score(kind, t.number, a.number, Decimal::ONE, scheme.reverse);
                    let score = quantitative_score(kind, t.number, a.number, w, scheme.reverse);
                    if scheme.flag_over_achievement
                        && kind == IndicatorKind::Positive
                        && t.number > Decimal::ZERO
                    {
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
        coefficient: match (claim.source, ratio) {
            (ScoreSource::Rule, Some(r)) => Some(r),
            (ScoreSource::Claimed, _) if w > Decimal::ZERO => num::div(claim.used, w),
            // nothing scored yet: no coefficient (not 0 %)
            _ => None,
        },
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
        coefficient: None,
    }
}

/// R4: the tier's band; the claimed score must lie in it.
fn qualitative(
    row: &Indicator,
    label: &str,
    w: Decimal,
    scheme: &Scheme,
    out: &mut Vec<Diagnostic>,
) -> RuleScore {
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
        QualitativeTier::Achieved => (pct(scheme.band_upper), w, true),
        QualitativeTier::Partial => (pct(scheme.band_lower), pct(scheme.band_upper), false),
        QualitativeTier::NotAchieved => (Decimal::ZERO, pct(scheme.band_lower), false),
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
    (target, target_field): (&Value, IndicatorField),
    actual: &Value,
    scheme: &Scheme,
    out: &mut Vec<Diagnostic>,
) -> Option<(Quantity, Quantity)> {
    let f = |field| {
        let field = if field == IndicatorField::Target {
            target_field
        } else {
            field
        };
        Field::Indicator(row.id.clone(), field)
    };
    let t = match target {
        Value::Quantity(q) => q.clone(),
        Value::Invalid(p) => {
            out.push(Diagnostic::new(
                Level::Error,
                f(IndicatorField::Target),
                RuleId::Input,
                format!("{label}的{}：{}", cell_zh(target_field), p.message_zh()),
                format!("{label} target: {}", p.message_en()),
            ));
            return None;
        }
        _ => {
            out.push(Diagnostic::new(
                Level::Warning,
                f(IndicatorField::Target),
                RuleId::R3,
                format!(
                    "{label}：{}不是数值，无法按定量公式评分（可改为定性）",
                    cell_zh(target_field)
                ),
                format!("{label}: the target is not a number; it cannot be scored by formula"),
            ));
            return None;
        }
    };
    // a change rate (变动率, 增长率) may fall: its figures may be negative
    let signed = || scheme.common_ratios && SIGNED_NAME_WORDS.iter().any(|w| row.name.contains(w));
    if t.number.is_sign_negative() && !t.number.is_zero() && !signed() {
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
    if a.number.is_sign_negative() && !a.number.is_zero() && !signed() {
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

/// The formulas of R3 (反向 as the template says). `None` only on arithmetic overflow.
pub fn quantitative_score(
    kind: IndicatorKind,
    t: Decimal,
    a: Decimal,
    w: Decimal,
    reverse: Reverse,
) -> Option<Decimal> {
    let zero = Decimal::ZERO;
    match kind {
        IndicatorKind::Positive => {
            if a >= t {
                Some(w)
            } else if t <= zero || a < zero {
                // a change rate (变动率) below a target of 0 or less: not reached, and no ratio
                // of signed figures means anything
                Some(zero)
            } else {
                num::div(num::mul(w, a)?, t)
            }
        }
        IndicatorKind::Equal => {
            if t.is_zero() {
                Some(if a <= zero { w } else { zero })
            } else {
                quantitative_score(IndicatorKind::Positive, t, a, w, reverse)
            }
        }
        IndicatorKind::Negative => {
            if t <= zero {
                // "0起", or a change rate to keep at or below 0 % or −30 %: met or not
                return Some(if a <= t { w } else { zero });
            }
            if a <= t {
                return Some(w);
            }
            if reverse == Reverse::Ratio {
                // a > t > 0 here
                return num::div(num::mul(w, t)?, a);
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
