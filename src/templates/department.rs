//! A department form (部门整体支出绩效自评表) belongs to its department-year, beside the
//! department's own figures (RULES.md R7, [`DepartmentEvaluation`]). What those figures already
//! hold — the budget and final expenditure, basic and project spending, the "三公" control rate,
//! the staff control rate, procurement and fixed-asset ratios — is taken from them instead of
//! being typed twice: [`links`] lists each cell the figures can fill with the value they give,
//! [`apply`] writes the ones that differ, and a cell typed differently is shown beside the figure
//! it departs from.

use super::catalogue::CommonIndicator;
use super::template;
use crate::model::{DepartmentEvaluation, Evaluation, FundColumn, FundRowKind};
use crate::parse::{parse_value, Value};
use crate::rules::{assess_department, num::fmt_pct};
use crate::summary::GroupKey;

/// Where a linked value goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkTarget {
    Fund(FundRowKind, FundColumn),
    /// The 实际完成值 of the row with this id.
    Actual(String),
}

/// One cell the department's figures can fill.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: LinkTarget,
    /// The cell, as the form labels it (年度资金总额·全年执行数, 固定资产利用率).
    pub cell_zh: String,
    /// The figure it comes from (支出决算数, 固定资产利用率).
    pub source_zh: &'static str,
    pub source_en: &'static str,
    /// The value the figures give, as it would be written.
    pub value: String,
    /// What the form holds now.
    pub current: String,
}

impl Link {
    /// The form's cell is blank.
    pub fn is_blank(&self) -> bool {
        self.current.trim().is_empty()
    }
    /// The form holds the same number (as typed, 2669.35 and 2669.350 are the same).
    pub fn agrees(&self) -> bool {
        same_number(&self.current, &self.value)
    }
}

fn number(text: &str) -> Option<(rust_decimal::Decimal, String)> {
    match parse_value(text) {
        Value::Quantity(q) => Some((q.number.normalize(), q.unit)),
        _ => None,
    }
}

fn same_number(a: &str, b: &str) -> bool {
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a.trim() == b.trim(),
    }
}

/// The department figures that fill the fund table: (row, column, figure, its name).
const FUND_LINKS: [(FundRowKind, FundColumn, Pick, &str, &str); 6] = [
    (
        FundRowKind::Total,
        FundColumn::InitialBudget,
        Pick::ExpenditureBudget,
        "部门支出预算数",
        "department expenditure budget",
    ),
    (
        FundRowKind::Total,
        FundColumn::Executed,
        Pick::ExpenditureFinal,
        "部门支出决算数",
        "department expenditure (final)",
    ),
    (
        FundRowKind::Basic,
        FundColumn::InitialBudget,
        Pick::BasicBudget,
        "基本支出预算数",
        "basic expenditure budget",
    ),
    (
        FundRowKind::Basic,
        FundColumn::Executed,
        Pick::BasicFinal,
        "基本支出决算数",
        "basic expenditure (final)",
    ),
    (
        FundRowKind::Project,
        FundColumn::InitialBudget,
        Pick::ProjectBudget,
        "项目支出预算数",
        "project expenditure budget",
    ),
    (
        FundRowKind::Project,
        FundColumn::Executed,
        Pick::ProjectFinal,
        "项目支出决算数",
        "project expenditure (final)",
    ),
];

#[derive(Debug, Clone, Copy)]
enum Pick {
    ExpenditureBudget,
    ExpenditureFinal,
    BasicBudget,
    BasicFinal,
    ProjectBudget,
    ProjectFinal,
}

impl Pick {
    fn of(self, d: &DepartmentEvaluation) -> &str {
        match self {
            Pick::ExpenditureBudget => &d.expenditure.budget,
            Pick::ExpenditureFinal => &d.expenditure.final_amount,
            Pick::BasicBudget => &d.basic.budget,
            Pick::BasicFinal => &d.basic.final_amount,
            Pick::ProjectBudget => &d.project.budget,
            Pick::ProjectFinal => &d.project.final_amount,
        }
    }
}

/// The names of the R7 figures a common indicator takes its actual value from.
fn figure_name(key: &str) -> (&'static str, &'static str) {
    match key {
        "staff.control_rate" => ("在职人员控制率（实有÷编制）", "staff control rate"),
        "three_public.total.rate" => ("“三公”经费控制率（决算÷预算）", "three-public control rate"),
        "procurement.rate" => ("政府采购执行率", "procurement execution rate"),
        "assets.fixed_usage" => ("固定资产利用率", "fixed-asset usage"),
        _ => ("部门整体数据", "department figures"),
    }
}

/// Whether `form` and `dept` are of the same department and year.
pub fn belongs(form: &Evaluation, dept: &DepartmentEvaluation) -> bool {
    GroupKey::of(form) == GroupKey::of_department(dept)
}

/// Every cell of a department form the department's figures can fill, with the value they give.
/// Nothing on a project form: its amounts are the project's own.
pub fn links(form: &Evaluation, dept: &DepartmentEvaluation) -> Vec<Link> {
    if !form.template.is_department() {
        return Vec::new();
    }
    let tpl = template(form.template);
    let mut out = Vec::new();
    for (kind, col, pick, zh, en) in FUND_LINKS {
        let value = pick.of(dept).trim();
        if value.is_empty() || !tpl.shows_fund_row(form, kind) {
            continue;
        }
        if col == FundColumn::InitialBudget && !tpl.shows_initial_budget(form) {
            continue;
        }
        out.push(Link {
            target: LinkTarget::Fund(kind, col),
            cell_zh: format!("{}·{}", tpl.fund_label(kind), col.name_zh()),
            source_zh: zh,
            source_en: en,
            value: value.to_string(),
            current: form.funds.row(kind).get(col).to_string(),
        });
    }
    let figures = assess_department(dept);
    for row in &form.indicators {
        let Some(key) = CommonIndicator::find(&row.name).and_then(|c| c.figure) else {
            continue;
        };
        let Some(value) = figures.figure(key).and_then(|f| f.value) else {
            continue;
        };
        let (zh, en) = figure_name(key);
        out.push(Link {
            target: LinkTarget::Actual(row.id.clone()),
            cell_zh: format!("{}·实际完成值", row.name.trim()),
            source_zh: zh,
            source_en: en,
            value: fmt_pct(value),
            current: row.actual.clone(),
        });
    }
    out
}

/// Writes the linked values into the form where it does not already hold them; returns how
/// many cells changed.
pub fn apply(form: &mut Evaluation, links: &[Link]) -> usize {
    let mut changed = 0;
    for l in links.iter().filter(|l| !l.agrees()) {
        let cell = match &l.target {
            LinkTarget::Fund(kind, col) => Some(form.funds.row_mut(*kind).get_mut(*col)),
            LinkTarget::Actual(id) => form.indicator_mut(id).map(|r| &mut r.actual),
        };
        if let Some(cell) = cell {
            *cell = l.value.clone();
            changed += 1;
        }
    }
    changed
}

/// A new department form for the department-year of `dept`: its template's rows, the
/// department's name and year, and what its figures already hold.
pub fn new_department_form(
    id: String,
    dept: &DepartmentEvaluation,
    now_ms: u64,
    t: crate::model::TemplateId,
) -> Evaluation {
    let mut e = super::new_form(id, dept.year.clone(), now_ms, t);
    e.department = dept.department.clone();
    let l = links(&e, dept);
    apply(&mut e, &l);
    e
}
