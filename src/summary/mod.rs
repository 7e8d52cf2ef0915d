//! 汇总表: one row per project evaluation of a department and year, with totals, the
//! budget-weighted average score and the grade distribution; and the county view over every
//! department of a year ([`county`]).

pub mod county;
pub mod table;

use crate::model::{DepartmentEvaluation, Evaluation, Level1};
use crate::rules::{assess, num, Field, Grade, IndicatorField, Level};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A department and year, as written on the forms (trimmed).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct GroupKey {
    pub department: String,
    pub year: String,
}

impl GroupKey {
    pub fn of(e: &Evaluation) -> GroupKey {
        GroupKey {
            department: e.department.trim().to_string(),
            year: e.year.trim().to_string(),
        }
    }
    /// The group a department form belongs to.
    pub fn of_department(d: &DepartmentEvaluation) -> GroupKey {
        GroupKey {
            department: d.department.trim().to_string(),
            year: d.year.trim().to_string(),
        }
    }

    pub fn label_zh(&self) -> String {
        let dept = if self.department.is_empty() {
            "（未填主管部门）"
        } else {
            &self.department
        };
        let year = if self.year.is_empty() {
            "（未填年度）".to_string()
        } else {
            format!("{}年", self.year)
        };
        format!("{dept} · {year}")
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow {
    pub id: String,
    pub project_name: String,
    pub implementing_unit: String,
    /// 全年预算数 of the 年度资金总额 row.
    pub annual_budget: Option<Decimal>,
    /// 全年执行数 of the 年度资金总额 row.
    pub executed: Option<Decimal>,
    pub rate: Option<Decimal>,
    /// Score that counts for budget execution.
    pub execution_score: Decimal,
    /// Scores that count per 一级指标 (产出, 效益, 满意度).
    pub level1_scores: Vec<(Level1, Decimal)>,
    /// Rule total (what the rules alone give).
    pub rule_total: Decimal,
    pub total: Decimal,
    pub grade: Grade,
    pub errors: usize,
    pub warnings: usize,
    /// 主管部门 and 年度 as written (trimmed): the county view groups by them.
    pub department: String,
    pub year: String,
    /// Claimed scores that depart from the rules (R6): rows, the fund score, printed totals.
    pub departures: usize,
    /// Rows (and the fund table) that need a 偏差原因 and have none.
    pub missing_reasons: usize,
    /// Rows whose actual value exceeds the target by 20 % or more.
    pub over_achievements: usize,
    /// 复核总分 and 复核等级, when the finance bureau has reviewed the form.
    pub review: Option<(Decimal, Grade)>,
    /// Marked 已复核.
    pub reviewed: bool,
    /// A 部门整体支出绩效自评表 (a department template): the department's own score, not one of
    /// its projects.
    pub department_form: bool,
}

/// A form's figures without its names: what [`SummaryRow`] holds beyond the form's own header,
/// as the figures cache keeps it (`store::figures`, short keys: 5,000 forms in a few pages of
/// storage).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    #[serde(rename = "b", default, skip_serializing_if = "Option::is_none")]
    pub annual_budget: Option<Decimal>,
    #[serde(rename = "x", default, skip_serializing_if = "Option::is_none")]
    pub executed: Option<Decimal>,
    #[serde(rename = "r", default, skip_serializing_if = "Option::is_none")]
    pub rate: Option<Decimal>,
    #[serde(rename = "e")]
    pub execution_score: Decimal,
    #[serde(rename = "l")]
    pub level1_scores: Vec<(Level1, Decimal)>,
    #[serde(rename = "u")]
    pub rule_total: Decimal,
    #[serde(rename = "t")]
    pub total: Decimal,
    #[serde(rename = "g")]
    pub grade: Grade,
    #[serde(rename = "er", default)]
    pub errors: usize,
    #[serde(rename = "w", default)]
    pub warnings: usize,
    #[serde(rename = "d", default)]
    pub departures: usize,
    #[serde(rename = "m", default)]
    pub missing_reasons: usize,
    #[serde(rename = "o", default)]
    pub over_achievements: usize,
    #[serde(rename = "v", default, skip_serializing_if = "Option::is_none")]
    pub review: Option<(Decimal, Grade)>,
    #[serde(rename = "k", default, skip_serializing_if = "std::ops::Not::not")]
    pub reviewed: bool,
}

impl SummaryRow {
    /// What the figures cache keeps of this row.
    pub fn figures(&self) -> Figures {
        Figures {
            annual_budget: self.annual_budget,
            executed: self.executed,
            rate: self.rate,
            execution_score: self.execution_score,
            level1_scores: self.level1_scores.clone(),
            rule_total: self.rule_total,
            total: self.total,
            grade: self.grade,
            errors: self.errors,
            warnings: self.warnings,
            departures: self.departures,
            missing_reasons: self.missing_reasons,
            over_achievements: self.over_achievements,
            review: self.review,
            reviewed: self.reviewed,
        }
    }

    /// The row of `e` from figures kept for it (its names from the form itself).
    pub fn from_figures(e: &Evaluation, f: Figures) -> SummaryRow {
        SummaryRow {
            id: e.id.clone(),
            project_name: row_name(e),
            implementing_unit: e.implementing_unit.clone(),
            annual_budget: f.annual_budget,
            executed: f.executed,
            rate: f.rate,
            execution_score: f.execution_score,
            level1_scores: f.level1_scores,
            rule_total: f.rule_total,
            total: f.total,
            grade: f.grade,
            errors: f.errors,
            warnings: f.warnings,
            department: e.department.trim().to_string(),
            year: e.year.trim().to_string(),
            departures: f.departures,
            missing_reasons: f.missing_reasons,
            over_achievements: f.over_achievements,
            review: f.review,
            reviewed: f.reviewed,
            department_form: e.template.is_department(),
        }
    }

    /// The form's self-assessed total is not what the rules give.
    pub fn departs(&self) -> bool {
        self.total != self.rule_total || self.departures > 0
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub rows: Vec<SummaryRow>,
    pub budget_sum: Decimal,
    pub executed_sum: Decimal,
    /// Σ executed ÷ Σ budget.
    pub rate: Option<Decimal>,
    /// Σ (total × 全年预算数) ÷ Σ 全年预算数, over rows with a budget.
    pub weighted_average: Option<Decimal>,
    /// Plain mean of the totals.
    pub average: Option<Decimal>,
    /// How many projects fall in each grade (优, 良, 中, 差).
    pub grades: Vec<(Grade, usize)>,
    pub errors: usize,
    pub warnings: usize,
    /// The department's own 部门整体支出绩效自评表 (department templates), apart from its projects:
    /// not in the sums, averages and grades above.
    pub overall: Vec<SummaryRow>,
}

impl Summary {
    /// How many projects have grade `g`.
    pub fn grade_count(&self, g: Grade) -> usize {
        self.grades
            .iter()
            .find(|(x, _)| *x == g)
            .map_or(0, |&(_, n)| n)
    }
}

pub fn summary_row(e: &Evaluation) -> SummaryRow {
    SummaryRow::from_figures(e, figures(e))
}

/// What the rules give for `e`, as a list or county row shows it.
pub fn figures(e: &Evaluation) -> Figures {
    let a = assess(e);
    let c = a.counts();
    let total_row = &a.execution.rows[0].1;
    Figures {
        annual_budget: total_row.annual_budget,
        executed: total_row.executed,
        rate: a.execution.rate,
        execution_score: a.execution.used,
        level1_scores: a.level1.iter().map(|l| (l.level1, l.totals.used)).collect(),
        rule_total: a.rule_total,
        total: a.total,
        grade: a.grade,
        errors: c.errors,
        warnings: c.warnings,
        departures: a.departures().count(),
        missing_reasons: a
            .diagnostics
            .iter()
            .filter(|d| {
                d.level == Level::Error
                    && matches!(
                        d.field,
                        Field::FundReason | Field::Indicator(_, IndicatorField::Reason)
                    )
            })
            .count(),
        over_achievements: a.indicators.iter().filter(|r| r.over_achievement).count(),
        review: a.review.as_ref().map(|r| (r.total, r.grade)),
        reviewed: a.review.as_ref().is_some_and(|r| r.done),
    }
}

/// The name a row shows: the project's, or a department form's title.
fn row_name(e: &Evaluation) -> String {
    if e.template.is_department() {
        crate::templates::form_title(e)
    } else {
        e.project_name.clone()
    }
}

pub fn summarize<'a>(evaluations: impl IntoIterator<Item = &'a Evaluation>) -> Summary {
    summarize_rows(evaluations.into_iter().map(summary_row).collect())
}

/// Totals over rows already computed (the UI keeps one memo per row): the project forms'; a
/// department form is kept apart in `overall`.
pub fn summarize_rows(rows: Vec<SummaryRow>) -> Summary {
    let (overall, rows): (Vec<SummaryRow>, Vec<SummaryRow>) =
        rows.into_iter().partition(|r| r.department_form);
    let mut budget_sum = Decimal::ZERO;
    let mut executed_sum = Decimal::ZERO;
    let mut weighted = Decimal::ZERO;
    let mut weight = Decimal::ZERO;
    let mut plain = Decimal::ZERO;
    let mut grades = vec![
        (Grade::Excellent, 0),
        (Grade::Good, 0),
        (Grade::Fair, 0),
        (Grade::Poor, 0),
    ];
    let (mut errors, mut warnings) = (0, 0);
    for r in &rows {
        let b = r.annual_budget.unwrap_or(Decimal::ZERO);
        budget_sum = budget_sum.saturating_add(b);
        executed_sum = executed_sum.saturating_add(r.executed.unwrap_or(Decimal::ZERO));
        if b > Decimal::ZERO {
            weighted = weighted.saturating_add(num::mul(r.total, b).unwrap_or(Decimal::MAX));
            weight = weight.saturating_add(b);
        }
        plain = plain.saturating_add(r.total);
        if let Some(g) = grades.iter_mut().find(|(g, _)| *g == r.grade) {
            g.1 += 1;
        }
        errors += r.errors;
        warnings += r.warnings;
    }
    let n = Decimal::from(rows.len());
    Summary {
        budget_sum,
        executed_sum,
        rate: num::div(executed_sum, budget_sum),
        weighted_average: num::div(weighted, weight).map(num::round2),
        average: num::div(plain, n).map(num::round2),
        grades,
        errors,
        warnings,
        rows,
        overall,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::SAMPLES;

    fn d(s: &str) -> Decimal {
        s.parse().expect("literal")
    }

    #[test]
    fn seed_projects_summary() {
        let evals: Vec<Evaluation> = SAMPLES.iter().map(|s| s.build()).collect();
        assert_eq!(
            GroupKey::of(&evals[0]).label_zh(),
            "衡山县商务和粮食局 · 2022年"
        );
        // 企业关闭破产补助经费 has no 主管部门 on the form
        assert_eq!(
            GroupKey::of(&evals[3]).label_zh(),
            "（未填主管部门） · 2022年"
        );

        let s = summarize(&evals);
        assert_eq!(s.rows.len(), 4);
        // 社零 has no 全年预算数 on its total row: it does not weigh in
        assert_eq!(s.budget_sum, d("836.75"));
        assert_eq!(s.executed_sum, d("836.75"));
        assert_eq!(s.rate, Some(d("1")));
        // (87 × 119.34 + 80 × 666.59 + 89 × 50.82) ÷ 836.75
        // = 68232.76 ÷ 836.75 = 81.5449…
        assert_eq!(s.weighted_average, Some(d("81.54")));
        assert_eq!(s.average, Some(d("86")));
        assert_eq!(s.grades[1], (Grade::Good, 4));
        assert_eq!(s.rows[1].level1_scores[0], (Level1::Output, d("45")));
        assert_eq!(s.rows[1].execution_score, d("7"));
        assert_eq!(s.rows[1].rule_total, d("98"));
    }

    #[test]
    fn empty_summary_has_no_averages() {
        let s = summarize(&[]);
        assert_eq!(s.average, None);
        assert_eq!(s.weighted_average, None);
        assert_eq!(s.rate, None);
    }
}
