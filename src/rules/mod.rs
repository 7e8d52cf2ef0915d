//! The rules engine: `assess(&Evaluation) -> Assessment`, every formula of RULES.md R1–R6.
//!
//! Pure and deterministic; fast enough to rerun whole on every keystroke, so the UI keeps no
//! incremental bookkeeping of its own.

mod department;
pub mod diagnostic;
mod fields;
mod funds;
mod indicators;
pub mod num;
pub mod review;
mod scheme;
mod score;

pub use department::{assess_department, DepartmentAssessment, Figure, FigureKind};
pub use diagnostic::{
    BudgetColumn, Counts, DeptField, Diagnostic, Field, HeaderField, IndicatorField, Level, RuleId,
};
pub use fields::fmt_num;
pub use funds::{ExecutionResult, FundRowFigures};
pub use indicators::{
    detect_kind, detect_kind_in, quantitative_score, row_kind, IndicatorResult, RuleScore,
};
pub use scheme::{Reverse, Scheme};
pub use score::ScoreSource;

use crate::model::{Evaluation, Level1, Level2};
use fields::points;
use num::{fmt2, round2};
use rust_decimal::Decimal;
use serde::Serialize;

/// 等级 by total score (R5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub enum Grade {
    /// 优: [90, 100]
    Excellent,
    /// 良: [80, 90)
    Good,
    /// 中: [60, 80)
    Fair,
    /// 差: below 60
    Poor,
}

impl Grade {
    pub fn of(total: Decimal) -> Grade {
        if total >= Decimal::from(90) {
            Grade::Excellent
        } else if total >= Decimal::from(80) {
            Grade::Good
        } else if total >= Decimal::from(60) {
            Grade::Fair
        } else {
            Grade::Poor
        }
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            Grade::Excellent => "优",
            Grade::Good => "良",
            Grade::Fair => "中",
            Grade::Poor => "差",
        }
    }
    pub fn name_en(self) -> &'static str {
        match self {
            Grade::Excellent => "Excellent",
            Grade::Good => "Good",
            Grade::Fair => "Fair",
            Grade::Poor => "Poor",
        }
    }
}

/// Subtotals of one 一级 or 二级 group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupTotals {
    /// Sum of the rows' weights.
    pub weight: Decimal,
    /// Sum of the scores that count.
    pub used: Decimal,
    /// Sum of the rule's exact scores, falling back to the score that counts where the rule
    /// gives none (qualitative rows): what the form would score by the rules.
    pub rule: Decimal,
    /// Weight of the rows that are not applicable.
    pub excluded_weight: Decimal,
}

impl GroupTotals {
    fn zero() -> GroupTotals {
        GroupTotals {
            weight: Decimal::ZERO,
            used: Decimal::ZERO,
            rule: Decimal::ZERO,
            excluded_weight: Decimal::ZERO,
        }
    }
    fn add(&mut self, r: &IndicatorResult) {
        let w = r.weight.unwrap_or(Decimal::ZERO);
        // sums saturate rather than panic; figures that large already carry an error
        self.weight = self.weight.saturating_add(w);
        if r.applicable() {
            self.used = self.used.saturating_add(r.used);
            self.rule = self.rule.saturating_add(r.rule.exact().unwrap_or(r.used));
        } else {
            self.excluded_weight = self.excluded_weight.saturating_add(w);
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Level1Result {
    pub level1: Level1,
    /// The 一级 weight typed in its heading (default 50/30/10).
    pub weight: Option<Decimal>,
    pub totals: GroupTotals,
    pub groups: Vec<(Level2, GroupTotals)>,
}

/// Everything the engine computes for one form.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assessment {
    pub execution: ExecutionResult,
    /// One result per indicator row, in the model's order.
    pub indicators: Vec<IndicatorResult>,
    pub level1: Vec<Level1Result>,
    /// Execution score + Σ indicator scores before rescaling.
    pub raw_total: Decimal,
    /// Weights of the applicable items (execution + applicable indicators).
    pub applicable_weight: Decimal,
    /// Whether not-applicable indicators made the total rescale to 100.
    pub rescaled: bool,
    /// 总分, rescaled and rounded to 2 decimals.
    pub total: Decimal,
    pub grade: Grade,
    /// The total the rules alone would give (rule scores where computed).
    pub rule_total: Decimal,
    /// The finance bureau's 复核, when the form has one.
    pub review: Option<review::ReviewResult>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Assessment {
    pub fn indicator(&self, id: &str) -> Option<&IndicatorResult> {
        self.indicators.iter().find(|r| r.id == id)
    }
    pub fn counts(&self) -> Counts {
        Counts::of(&self.diagnostics)
    }
    pub fn diagnostics_for<'a>(
        &'a self,
        field: &'a Field,
    ) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| &d.field == field)
    }
    /// The departures of claimed scores from the rules (R6).
    pub fn departures(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.rule == RuleId::R6 && d.level == Level::Warning)
    }
}

pub fn assess(e: &Evaluation) -> Assessment {
    let mut out = Vec::new();
    header(e, &mut out);
    // the template's rules and layout where they differ from RULES.md (docs/TEMPLATES.md)
    let tpl = crate::templates::template(e.template);
    let scheme = tpl.scheme;
    let execution = funds::assess_funds(&e.funds, &tpl.funds, scheme.execution_weight, &mut out);
    let indicators: Vec<IndicatorResult> = e
        .indicators
        .iter()
        .map(|row| indicators::assess_indicator(row, &scheme, &mut out))
        .collect();

    let level1 = level1_results(e, &tpl.level1_groups(e), &indicators, &mut out);
    check_weight_sum(&execution, &level1, &indicators, &mut out);

    let mut raw_total = execution.used;
    let mut rule_total = execution.rule_score.unwrap_or(execution.used);
    let mut applicable_weight = execution.weight;
    let mut excluded = Decimal::ZERO;
    for l in &level1 {
        raw_total = raw_total.saturating_add(l.totals.used);
        rule_total = rule_total.saturating_add(l.totals.rule);
        applicable_weight = applicable_weight
            .saturating_add(l.totals.weight.saturating_sub(l.totals.excluded_weight));
        excluded = excluded.saturating_add(l.totals.excluded_weight);
    }
    let rescaled = excluded > Decimal::ZERO && applicable_weight > Decimal::ZERO;
    let rescale = |x: Decimal| {
        if rescaled {
            num::mul(x, Decimal::ONE_HUNDRED)
                .and_then(|y| num::div(y, applicable_weight))
                .unwrap_or(x)
        } else {
            x
        }
    };
    let total = round2(rescale(raw_total));
    let rule_total = round2(rescale(rule_total));
    if rescaled {
        out.push(Diagnostic::new(
            Level::Info,
            Field::Total,
            RuleId::R5,
            format!(
                "有不适用指标（分值合计{}），总分按适用指标得分{}÷适用分值{}折算为百分制：{}",
                fmt2(excluded),
                fmt2(raw_total),
                fmt2(applicable_weight),
                fmt2(total)
            ),
            format!(
                "not-applicable indicators (weight {}): total rescaled {} ÷ {} × 100 = {}",
                fmt2(excluded),
                fmt2(raw_total),
                fmt2(applicable_weight),
                fmt2(total)
            ),
        ));
    }
    let grade = Grade::of(total);
    printed_claims(e, &execution, total, grade, &mut out);
    let review = review::assess_review(e, &mut out);
    Assessment {
        execution,
        indicators,
        level1,
        raw_total,
        applicable_weight,
        rescaled,
        total,
        grade,
        rule_total,
        review,
        diagnostics: out,
    }
}

/// R6 for what an imported form printed: its 总分, 等级 and 执行率 are claims, and where ziping's
/// figure differs the difference is a departure like a row's.
fn printed_claims(
    e: &Evaluation,
    execution: &ExecutionResult,
    total: Decimal,
    grade: Grade,
    out: &mut Vec<Diagnostic>,
) {
    let printed = e.claimed_total.trim();
    if !printed.is_empty() {
        match crate::parse::parse_number(printed) {
            Ok(Some((t, unit))) if unit.is_empty() || unit == "分" => {
                let diff = num::sub(t, total).filter(|d| d.abs() > num::tolerance());
                if let Some(d) = diff {
                    out.push(Diagnostic::new(
                        Level::Warning,
                        Field::ClaimedTotal,
                        RuleId::R6,
                        format!(
                            "表上总分{}与各项得分合计{}不一致（相差{}）",
                            fmt_num(t),
                            fmt2(total),
                            score::signed(d)
                        ),
                        format!(
                            "the printed total {} differs from the sum of the scores {} (difference {})",
                            fmt_num(t),
                            fmt2(total),
                            score::signed(d)
                        ),
                    ));
                }
            }
            _ => out.push(Diagnostic::new(
                Level::Error,
                Field::ClaimedTotal,
                RuleId::Input,
                format!("表上总分“{printed}”不是数字"),
                format!("the printed total “{printed}” is not a number"),
            )),
        }
    }
    let printed = e.claimed_grade.trim();
    if !printed.is_empty() {
        match grade_of_text(printed) {
            Some(g) if g != grade => out.push(Diagnostic::new(
                Level::Warning,
                Field::ClaimedGrade,
                RuleId::R6,
                format!(
                    "表上等级“{printed}”与按总分{}评定的等级“{}”不一致",
                    fmt2(total),
                    grade.name_zh()
                ),
                format!(
                    "the printed grade “{printed}” differs from the grade of the total {}: {}",
                    fmt2(total),
                    grade.name_en()
                ),
            )),
            Some(_) => {}
            None => out.push(Diagnostic::new(
                Level::Info,
                Field::ClaimedGrade,
                RuleId::R5,
                format!("表上等级“{printed}”不是优、良、中、差之一，未核对"),
                format!("the printed grade “{printed}” is not one of 优/良/中/差: not checked"),
            )),
        }
    }
    let printed = e.funds.claimed_rate.trim();
    if !printed.is_empty() {
        let claimed = match crate::parse::parse_number(printed) {
            Ok(Some((n, unit))) if unit == "%" => num::div(n, Decimal::ONE_HUNDRED),
            // "1" for 100 %, as some forms print the ratio
            Ok(Some((n, unit))) if unit.is_empty() && n <= Decimal::new(15, 1) => Some(n),
            Ok(Some((n, unit))) if unit.is_empty() => num::div(n, Decimal::ONE_HUNDRED),
            _ => None,
        };
        match (claimed, execution.rate) {
            (None, _) => out.push(Diagnostic::new(
                Level::Error,
                Field::FundClaimedRate,
                RuleId::Input,
                format!("表上执行率“{printed}”不是百分数"),
                format!("the printed execution rate “{printed}” is not a percentage"),
            )),
            (Some(c), Some(r)) => {
                // as printed, to two decimals of a percent
                let diff = num::sub(c, r).map(|d| d.abs() > Decimal::new(5, 5)).unwrap_or(false);
                if diff {
                    out.push(Diagnostic::new(
                        Level::Warning,
                        Field::FundClaimedRate,
                        RuleId::R6,
                        format!("表上执行率{}与计算的执行率{}不一致", printed, num::fmt_pct(r)),
                        format!(
                            "the printed execution rate {} differs from the computed {}",
                            printed,
                            num::fmt_pct(r)
                        ),
                    ));
                }
            }
            (Some(_), None) => out.push(Diagnostic::new(
                Level::Info,
                Field::FundClaimedRate,
                RuleId::R2,
                format!("表上执行率为{printed}，但年度资金总额缺少全年预算数或执行数，无法核对"),
                format!("the form prints an execution rate of {printed}, but the total row lacks the amounts to check it"),
            )),
        }
    }
}

/// 优 / 良 / 中 / 差 as forms write them (`优秀`, `良好`, `合格`…).
fn grade_of_text(t: &str) -> Option<Grade> {
    let k: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    Some(match k.as_str() {
        "优" | "优秀" | "A" => Grade::Excellent,
        "良" | "良好" | "B" => Grade::Good,
        "中" | "中等" | "合格" | "一般" | "C" => Grade::Fair,
        "差" | "较差" | "不合格" | "D" => Grade::Poor,
        _ => return None,
    })
}

fn header(e: &Evaluation, out: &mut Vec<Diagnostic>) {
    if e.template.is_department() {
        // a department form names its department, not a project
        if e.department.trim().is_empty() {
            out.push(Diagnostic::new(
                Level::Warning,
                Field::Header(HeaderField::Department),
                RuleId::Input,
                "部门（单位）名称未填",
                "department name is blank",
            ));
        }
        return;
    }
    if e.project_name.trim().is_empty() {
        out.push(Diagnostic::new(
            Level::Warning,
            Field::Header(HeaderField::ProjectName),
            RuleId::Input,
            "项目名称未填",
            "project name is blank",
        ));
    }
}

fn level1_results(
    e: &Evaluation,
    groups: &[Level1],
    rows: &[IndicatorResult],
    out: &mut Vec<Diagnostic>,
) -> Vec<Level1Result> {
    groups
        .iter()
        .map(|&l1| {
            let weight = points(
                e.level1_weights.get(l1),
                Field::Level1Weight(l1),
                &format!("{}分值", l1.name_zh()),
                out,
            );
            let mut totals = GroupTotals::zero();
            let groups = l1
                .groups()
                .iter()
                .map(|&l2| {
                    let mut g = GroupTotals::zero();
                    for (row, r) in e.indicators.iter().zip(rows) {
                        if row.level2 == l2 {
                            g.add(r);
                            totals.add(r);
                        }
                    }
                    (l2, g)
                })
                .collect();
            let rows_weighted = e
                .indicators
                .iter()
                .zip(rows)
                .any(|(row, r)| row.level2.level1() == l1 && r.weight.is_some());
            let rows_present = e.indicators.iter().any(|row| row.level2.level1() == l1);
            if let (Some(w), false, true) = (weight, rows_weighted, rows_present) {
                // rows without weights: the heading's weight bounds what they claim together
                if totals.used > w {
                    out.push(Diagnostic::new(
                        Level::Error,
                        Field::Level1Weight(l1),
                        RuleId::R5,
                        format!(
                            "{}各指标得分合计{}，超过一级指标分值{}",
                            l1.name_zh(),
                            fmt_num(totals.used),
                            fmt_num(w)
                        ),
                        format!(
                            "{}: the scores add up to {}, more than its weight {}",
                            l1.name_zh(),
                            fmt_num(totals.used),
                            fmt_num(w)
                        ),
                    ));
                }
            } else if let Some(w) = weight {
                if totals.weight != w {
                    out.push(Diagnostic::new(
                        Level::Warning,
                        Field::Level1Weight(l1),
                        RuleId::R1,
                        format!(
                            "{}的三级指标分值合计{}，与一级指标分值{}不一致",
                            l1.name_zh(),
                            fmt_num(totals.weight),
                            fmt_num(w)
                        ),
                        format!(
                            "{}: level-3 weights add up to {}, not {}",
                            l1.name_zh(),
                            fmt_num(totals.weight),
                            fmt_num(w)
                        ),
                    ));
                }
            }
            Level1Result {
                level1: l1,
                weight,
                totals,
                groups,
            }
        })
        .collect()
}

/// R1: execution weight + 一级 weights must be 100.
fn check_weight_sum(
    execution: &ExecutionResult,
    level1: &[Level1Result],
    rows: &[IndicatorResult],
    out: &mut Vec<Diagnostic>,
) {
    let mut sum = execution.weight;
    if level1.iter().all(|l| l.weight.is_none()) {
        // a form that prints no level-1 weights (湖北 2020, 四川, 重庆): the rows' weights add
        // up with the execution weight, when every row has one (湖北's blocks carry the points
        // of rows without)
        let counted = rows.iter().filter(|r| r.applicable());
        if rows.is_empty() || counted.clone().any(|r| r.weight.is_none()) {
            return;
        }
        for l in level1 {
            sum = sum.saturating_add(l.totals.weight);
        }
        if sum != Decimal::ONE_HUNDRED {
            out.push(Diagnostic::new(
                Level::Warning,
                Field::Total,
                RuleId::R1,
                format!("预算执行率与各指标分值合计为{}，应为100", fmt_num(sum)),
                format!(
                    "execution and indicator weights add up to {}, not 100",
                    fmt_num(sum)
                ),
            ));
        }
        return;
    }
    for l in level1 {
        sum = sum.saturating_add(l.weight.unwrap_or(Decimal::ZERO));
    }
    if sum != Decimal::ONE_HUNDRED {
        // on the first 一级 heading the form shows (产出, or 部门决策)
        let field = level1
            .first()
            .map_or(Field::Total, |l| Field::Level1Weight(l.level1));
        out.push(Diagnostic::new(
            Level::Warning,
            field,
            RuleId::R1,
            format!("预算执行率与各一级指标分值合计为{}，应为100", fmt_num(sum)),
            format!(
                "execution and level-1 weights add up to {}, not 100",
                fmt_num(sum)
            ),
        ));
    }
}

#[cfg(test)]
mod tests;
