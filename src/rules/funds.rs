//! RULES.md R2: the fund table and the budget-execution score.

use super::diagnostic::{Diagnostic, Field, Level, RuleId};
use super::fields::{amount, fmt_num, points};
use super::num::{self, fmt2, fmt_pct, round2};
use super::score::{check_claim, ScoreSource};
use crate::model::{FundColumn, FundRowKind, FundTable};
use crate::templates::FundLayout;
use rust_decimal::Decimal;
use serde::Serialize;

/// Parsed amounts of one fund-table row.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FundRowFigures {
    pub initial_budget: Option<Decimal>,
    pub annual_budget: Option<Decimal>,
    pub executed: Option<Decimal>,
    /// 执行率 B / A of this row (shown for every row).
    pub rate: Option<Decimal>,
}

impl FundRowFigures {
    pub fn get(&self, col: FundColumn) -> Option<Decimal> {
        match col {
            FundColumn::InitialBudget => self.initial_budget,
            FundColumn::AnnualBudget => self.annual_budget,
            FundColumn::Executed => self.executed,
        }
    }
}

/// What the engine computed for the fund table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExecutionResult {
    pub rows: Vec<(FundRowKind, FundRowFigures)>,
    /// 执行率 of the 年度资金总额 row.
    pub rate: Option<Decimal>,
    /// 分值 (10 unless adjusted).
    pub weight: Decimal,
    /// The rule's score, or `None` with the reason in the diagnostics.
    pub rule_score: Option<Decimal>,
    /// The score typed on the form.
    pub claimed: Option<Decimal>,
    /// The score that counts: claimed when typed, else the rule's.
    pub used: Decimal,
    pub source: ScoreSource,
}

impl ExecutionResult {
    pub fn row(&self, kind: FundRowKind) -> Option<&FundRowFigures> {
        self.rows.iter().find(|(k, _)| *k == kind).map(|(_, f)| f)
    }
}

/// The fund table under R2, laid out as `layout` says (which sub-rows add up to the total);
/// `default_weight` is the template's 预算执行率 分值 for a blank one, `None` where the template
/// scores execution among its indicators.
pub fn assess_funds(
    funds: &FundTable,
    layout: &FundLayout,
    default_weight: Option<Decimal>,
    out: &mut Vec<Diagnostic>,
) -> ExecutionResult {
    let mut rows = Vec::with_capacity(FundRowKind::ALL.len());
    for kind in FundRowKind::ALL {
        let row = funds.row(kind);
        let mut fig = FundRowFigures::default();
        if !row.is_blank() {
            for col in FundColumn::ALL {
                let label = format!("{}·{}", kind.name_zh(), col.name_zh());
                let v = amount(row.get(col), Field::FundCell(kind, col), &label, out);
                match col {
                    FundColumn::InitialBudget => fig.initial_budget = v,
                    FundColumn::AnnualBudget => fig.annual_budget = v,
                    FundColumn::Executed => fig.executed = v,
                }
            }
            fig.rate = match (fig.annual_budget, fig.executed) {
                (Some(a), Some(b)) => num::div(b, a),
                _ => None,
            };
        }
        rows.push((kind, fig));
    }

    for group in layout.sums {
        check_sub_rows(&rows, group, out);
    }

    let total = rows[0].1.clone();
    let typed = points(&funds.weight, Field::FundWeight, "预算执行率分值", out);
    let weight = match (typed, default_weight) {
        (Some(w), default) if w.is_sign_negative() => {
            out.push(Diagnostic::new(
                Level::Error,
                Field::FundWeight,
                RuleId::R1,
                "预算执行率分值不能为负数",
                "the execution weight cannot be negative",
            ));
            default
        }
        (Some(w), _) => Some(w),
        (None, Some(default)) => {
            if funds.weight.trim().is_empty() {
                out.push(Diagnostic::new(
                    Level::Info,
                    Field::FundWeight,
                    RuleId::R1,
                    format!("预算执行率分值未填，按默认{}分计算", fmt_num(default)),
                    format!(
                        "execution weight blank: the default {} is used",
                        fmt_num(default)
                    ),
                ));
            }
            Some(default)
        }
        (None, None) => None,
    };
    let Some(weight) = weight else {
        // no execution score on this form: the rate is shown, and explained when low
        let rate = total
            .annual_budget
            .filter(|a| !a.is_zero())
            .zip(total.executed)
            .and_then(|(a, b)| num::div(b, a));
        low_rate(funds, rate, out);
        if let (Some(a), Some(b)) = (total.annual_budget, total.executed) {
            over_execution(a, b, out);
        }
        return ExecutionResult {
            rows,
            rate,
            weight: Decimal::ZERO,
            rule_score: None,
            claimed: None,
            used: Decimal::ZERO,
            source: ScoreSource::Missing,
        };
    };

    let (rate, rule_score) = execution_score(&total, weight, out);
    low_rate(funds, rate, out);

    let claimed = points(&funds.claimed, Field::FundClaimed, "预算执行率得分", out);
    let claim = check_claim(
        claimed,
        rule_score,
        weight,
        Field::FundClaimed,
        "预算执行率",
        RuleId::R2,
        out,
    );
    if claim.departure.is_some() && funds.reason.trim().is_empty() {
        out.push(Diagnostic::new(
            Level::Error,
            Field::FundReason,
            RuleId::R6,
            "预算执行率自评得分与规则得分不一致，需填写偏差说明",
            "the claimed execution score departs from the rule: a reason is required",
        ));
    }

    ExecutionResult {
        rows,
        rate,
        weight,
        rule_score,
        claimed,
        used: claim.used,
        source: claim.source,
    }
}

/// R2: spending more than the budget is a warning.
fn over_execution(a: Decimal, b: Decimal, out: &mut Vec<Diagnostic>) {
    if b > a {
        out.push(Diagnostic::new(
            Level::Warning,
            Field::FundCell(FundRowKind::Total, FundColumn::Executed),
            RuleId::R2,
            format!(
                "全年执行数{}大于全年预算数{}（超支{}万元）",
                fmt_num(b),
                fmt_num(a),
                num::sub(b, a).map(fmt_num).unwrap_or_default()
            ),
            format!(
                "executed {} exceeds the annual budget {}",
                fmt_num(b),
                fmt_num(a)
            ),
        ));
    }
}

/// R2: a rate under 90 % needs an explanation.
fn low_rate(funds: &FundTable, rate: Option<Decimal>, out: &mut Vec<Diagnostic>) {
    if let Some(r) = rate {
        if r < Decimal::new(9, 1) && funds.reason.trim().is_empty() {
            out.push(Diagnostic::new(
                Level::Warning,
                Field::FundReason,
                RuleId::R2,
                format!("预算执行率{}低于90%，请说明原因", fmt_pct(r)),
                format!("budget execution {} is below 90 %: explain why", fmt_pct(r)),
            ));
        }
    }
}

/// 执行率 and score of the 年度资金总额 row; says why when there is none.
fn execution_score(
    total: &FundRowFigures,
    weight: Decimal,
    out: &mut Vec<Diagnostic>,
) -> (Option<Decimal>, Option<Decimal>) {
    let a = total.annual_budget.filter(|a| !a.is_zero());
    let Some(a) = a else {
        out.push(Diagnostic::new(
            Level::Warning,
            Field::FundCell(FundRowKind::Total, FundColumn::AnnualBudget),
            RuleId::R2,
            "年度资金总额的全年预算数为空或为0，无法计算执行率，不自动评分",
            "the total row's annual budget is blank or 0: no execution rate and no automatic score",
        ));
        return (None, None);
    };
    let Some(b) = total.executed else {
        out.push(Diagnostic::new(
            Level::Warning,
            Field::FundCell(FundRowKind::Total, FundColumn::Executed),
            RuleId::R2,
            "年度资金总额的全年执行数未填，无法计算执行率，不自动评分",
            "the total row's executed amount is blank: no execution rate and no automatic score",
        ));
        return (None, None);
    };
    over_execution(a, b, out);
    let Some(rate) = num::div(b, a) else {
        out.push(overflow(Field::FundCell(
            FundRowKind::Total,
            FundColumn::Executed,
        )));
        return (None, None);
    };
    let capped = rate.min(Decimal::ONE);
    match num::mul(weight, capped) {
        Some(s) => (Some(rate), Some(round2(s))),
        None => {
            out.push(overflow(Field::FundWeight));
            (Some(rate), None)
        }
    }
}

/// In each column the total row must equal the sum of a group of sub-rows (the MOF form's
/// three; by income or by spending nature on the department form).
fn check_sub_rows(
    rows: &[(FundRowKind, FundRowFigures)],
    group: &[FundRowKind],
    out: &mut Vec<Diagnostic>,
) {
    // the MOF form's three sub-rows need no naming; other groups say which rows they add
    let (names_zh, names_en) = if group == &FundRowKind::STANDARD[1..] {
        (String::new(), String::new())
    } else {
        let names: Vec<&str> = group.iter().map(|k| k.short_name_zh()).collect();
        let names = names.join("＋");
        (format!("（{names}）"), format!(" (“{names}”)"))
    };
    for col in FundColumn::ALL {
        let subs: Vec<Decimal> = rows
            .iter()
            .filter(|(k, _)| group.contains(k))
            .filter_map(|(_, f)| f.get(col))
            .collect();
        if subs.is_empty() {
            continue;
        }
        let Some(sum) = num::sum(subs) else {
            out.push(overflow(Field::FundCell(FundRowKind::Total, col)));
            continue;
        };
        let field = Field::FundCell(FundRowKind::Total, col);
        match rows[0].1.get(col) {
            None => out.push(Diagnostic::new(
                Level::Warning,
                field,
                RuleId::R2,
                format!(
                    "年度资金总额的{}未填，而分项{names_zh}合计为{}万元",
                    col.name_zh(),
                    fmt_num(sum)
                ),
                format!(
                    "total {} is blank while the sub-rows{names_en} add up to {}",
                    col.name_zh(),
                    fmt_num(sum)
                ),
            )),
            Some(total) if total != sum => {
                let diff = num::sub(total, sum).map(fmt2).unwrap_or_default();
                out.push(Diagnostic::new(
                    Level::Warning,
                    field,
                    RuleId::R2,
                    format!(
                        "{}：年度资金总额{}万元≠分项{names_zh}合计{}万元（相差{}万元）",
                        col.name_zh(),
                        fmt_num(total),
                        fmt_num(sum),
                        diff
                    ),
                    format!(
                        "{}: total {} ≠ sum of sub-rows{names_en} {} (difference {})",
                        col.name_zh(),
                        fmt_num(total),
                        fmt_num(sum),
                        diff
                    ),
                ));
            }
            Some(_) => {}
        }
    }
}

pub fn overflow(field: Field) -> Diagnostic {
    Diagnostic::new(
        Level::Error,
        field,
        RuleId::Input,
        "数值过大，无法计算",
        "number too large to compute",
    )
}
