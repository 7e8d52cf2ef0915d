//! The county view of the finance bureau's reviewer: for one year, one line per department —
//! forms received, budget and execution, average and budget-weighted score, grades, and what
//! needs a look (forms whose claimed total departs from the rules, missing reasons,
//! over-achievement) — sortable and filterable; and a department's or a project's years side by
//! side. Built from the forms' summary rows (the page keeps one per form, so a keystroke
//! recomputes one row, not the county).

use super::{summarize_rows, Summary, SummaryRow};
use crate::rules::Grade;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Which forms a line shows (and which departments: those with at least one such form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormFilter {
    #[default]
    All,
    /// The self-assessed total is not what the rules give.
    Departing,
    /// 差 (below 60).
    Poor,
    /// A row or the fund table needs a 偏差原因 and has none.
    MissingReasons,
    /// A row exceeds its target by 20 % or more.
    OverAchieving,
    /// Not marked 已复核 yet.
    NotReviewed,
}

impl FormFilter {
    pub const ALL: [FormFilter; 6] = [
        FormFilter::All,
        FormFilter::Departing,
        FormFilter::Poor,
        FormFilter::MissingReasons,
        FormFilter::OverAchieving,
        FormFilter::NotReviewed,
    ];

    pub fn keeps(self, r: &SummaryRow) -> bool {
        match self {
            FormFilter::All => true,
            FormFilter::Departing => r.departs(),
            FormFilter::Poor => r.grade == Grade::Poor,
            FormFilter::MissingReasons => r.missing_reasons > 0,
            FormFilter::OverAchieving => r.over_achievements > 0,
            FormFilter::NotReviewed => !r.reviewed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FormFilter::All => "全部",
            FormFilter::Departing => "只看自评总分与规则不一致的表",
            FormFilter::Poor => "只看“差”",
            FormFilter::MissingReasons => "只看缺偏差原因的表",
            FormFilter::OverAchieving => "只看有超额完成的表",
            FormFilter::NotReviewed => "只看未复核的表",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            FormFilter::All => "all",
            FormFilter::Departing => "departing",
            FormFilter::Poor => "poor",
            FormFilter::MissingReasons => "missing-reasons",
            FormFilter::OverAchieving => "over",
            FormFilter::NotReviewed => "not-reviewed",
        }
    }

    pub fn from_key(key: &str) -> FormFilter {
        FormFilter::ALL
            .into_iter()
            .find(|f| f.key() == key)
            .unwrap_or_default()
    }
}

/// The columns a county table sorts by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Department,
    Forms,
    Budget,
    Executed,
    Rate,
    Average,
    Weighted,
    Poor,
    Departing,
    MissingReasons,
    OverAchieving,
    Reviewed,
}

impl SortKey {
    /// A stable name for the page (Debug formatting is compiled out of the browser build).
    pub fn key(self) -> &'static str {
        match self {
            SortKey::Department => "department",
            SortKey::Forms => "forms",
            SortKey::Budget => "budget",
            SortKey::Executed => "executed",
            SortKey::Rate => "rate",
            SortKey::Average => "average",
            SortKey::Weighted => "weighted",
            SortKey::Poor => "poor",
            SortKey::Departing => "departing",
            SortKey::MissingReasons => "missing-reasons",
            SortKey::OverAchieving => "over",
            SortKey::Reviewed => "reviewed",
        }
    }
}

/// One department's line for the year.
#[derive(Debug, Clone, PartialEq)]
pub struct DepartmentLine {
    /// 主管部门 as written (trimmed); empty when the forms leave it blank.
    pub department: String,
    /// Its project forms of the year, with totals.
    pub summary: Summary,
    /// The id of its 部门整体支出 form of the year, if one is stored.
    pub department_form: Option<String>,
    /// Forms whose self-assessed total departs from the rules.
    pub departing: usize,
    /// Missing 偏差原因, all forms together.
    pub missing_reasons: usize,
    /// Forms with at least one over-achieving row.
    pub over_achieving: usize,
    /// Forms marked 已复核.
    pub reviewed: usize,
    /// The positions in `summary.rows` of the forms the filter keeps.
    pub shown: Vec<usize>,
}

impl DepartmentLine {
    pub fn forms(&self) -> usize {
        self.summary.rows.len()
    }

    pub fn poor(&self) -> usize {
        self.summary.grade_count(Grade::Poor)
    }
}

/// The county for one year.
#[derive(Debug, Clone, PartialEq)]
pub struct County {
    pub year: String,
    /// The departments the filter keeps, in the chosen order.
    pub lines: Vec<DepartmentLine>,
    /// Every form of the year, whatever the filter.
    pub total: Summary,
    /// Departments of the year, whatever the filter.
    pub departments: usize,
}

/// The years forms are for (trimmed, each once), latest first.
pub fn years<'a>(of_forms: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut years: Vec<String> = of_forms.into_iter().map(|y| y.trim().to_string()).collect();
    years.sort_by(|a, b| b.cmp(a));
    years.dedup();
    years
}

/// A department form as the county view needs it: 主管部门, 年度, id.
pub type DepartmentForm = (String, String, String);

/// The county of `year`: each department with forms that year (or only a department form), the
/// lines the filter keeps (matching `query` in the department's name when not blank), sorted.
pub fn county(
    rows: &[SummaryRow],
    department_forms: &[DepartmentForm],
    year: &str,
    filter: FormFilter,
    query: &str,
    sort: SortKey,
    descending: bool,
) -> County {
    let year = year.trim();
    let mut by_department: BTreeMap<&str, Vec<SummaryRow>> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.year == year) {
        by_department
            .entry(r.department.as_str())
            .or_default()
            .push(r.clone());
    }
    for (dept, y, _) in department_forms {
        if y.trim() == year {
            by_department.entry(dept.trim()).or_default();
        }
    }
    let departments = by_department.len();
    let total = summarize_rows(by_department.values().flatten().cloned().collect());
    let query = squeezed(query);
    let mut lines: Vec<DepartmentLine> = by_department
        .into_iter()
        .filter(|(dept, _)| query.is_empty() || squeezed(dept).contains(&query))
        .map(|(dept, forms)| {
            let department_form = department_forms
                .iter()
                .find(|(d, y, _)| d.trim() == dept && y.trim() == year)
                .map(|(_, _, id)| id.clone());
            let summary = summarize_rows(forms);
            let shown = (0..summary.rows.len())
                .filter(|&i| filter.keeps(&summary.rows[i]))
                .collect();
            DepartmentLine {
                department: dept.to_string(),
                departing: summary.rows.iter().filter(|r| r.departs()).count(),
                missing_reasons: summary.rows.iter().map(|r| r.missing_reasons).sum(),
                over_achieving: summary
                    .rows
                    .iter()
                    .filter(|r| r.over_achievements > 0)
                    .count(),
                reviewed: summary.rows.iter().filter(|r| r.reviewed).count(),
                summary,
                department_form,
                shown,
            }
        })
        .filter(|l| filter == FormFilter::All || !l.shown.is_empty())
        .collect();
    sort_lines(&mut lines, sort, descending);
    County {
        year: year.to_string(),
        lines,
        total,
        departments,
    }
}

/// Sorts lines by a column; lines without a figure (no budget, no forms) go last either way,
/// ties keep the department order.
fn sort_lines(lines: &mut [DepartmentLine], sort: SortKey, descending: bool) {
    let figure = |l: &DepartmentLine| -> Option<Decimal> {
        let n = |x: usize| Some(Decimal::from(x));
        match sort {
            SortKey::Department => None,
            SortKey::Forms => n(l.forms()),
            SortKey::Budget => (l.forms() > 0).then_some(l.summary.budget_sum),
            SortKey::Executed => (l.forms() > 0).then_some(l.summary.executed_sum),
            SortKey::Rate => l.summary.rate,
            SortKey::Average => l.summary.average,
            SortKey::Weighted => l.summary.weighted_average,
            SortKey::Poor => n(l.poor()),
            SortKey::Departing => n(l.departing),
            SortKey::MissingReasons => n(l.missing_reasons),
            SortKey::OverAchieving => n(l.over_achieving),
            SortKey::Reviewed => n(l.reviewed),
        }
    };
    lines.sort_by(|a, b| {
        let order = if sort == SortKey::Department {
            a.department.cmp(&b.department)
        } else {
            match (figure(a), figure(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            }
        };
        let order = if descending { order.reverse() } else { order };
        order.then_with(|| a.department.cmp(&b.department))
    });
}

/// A name with its white space (full-width too) left out: how names are compared.
pub fn squeezed(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A department's years side by side (earliest first): its forms' totals each year.
pub fn department_years(rows: &[SummaryRow], department: &str) -> Vec<(String, Summary)> {
    let department = squeezed(department);
    let mut by_year: BTreeMap<String, Vec<SummaryRow>> = BTreeMap::new();
    for r in rows
        .iter()
        .filter(|r| squeezed(&r.department) == department)
    {
        by_year.entry(r.year.clone()).or_default().push(r.clone());
    }
    by_year
        .into_iter()
        .map(|(y, rows)| (y, summarize_rows(rows)))
        .collect()
}

/// A project's years side by side (earliest first): the forms of the same department and
/// project name, white space aside.
pub fn project_years(rows: &[SummaryRow], department: &str, project: &str) -> Vec<SummaryRow> {
    let (department, project) = (squeezed(department), squeezed(project));
    let mut out: Vec<SummaryRow> = rows
        .iter()
        .filter(|r| squeezed(&r.department) == department && squeezed(&r.project_name) == project)
        .cloned()
        .collect();
    out.sort_by(|a, b| a.year.cmp(&b.year));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::SAMPLES;
    use crate::summary::summary_row;

    fn d(s: &str) -> Decimal {
        s.parse().expect("literal")
    }

    /// The seed's four forms (three of 衡山县商务和粮食局, one without a 主管部门), a poor form of
    /// another department, and 招商引资 of the year before.
    fn rows() -> Vec<SummaryRow> {
        let mut rows: Vec<SummaryRow> = SAMPLES.iter().map(|s| summary_row(&s.build())).collect();
        let mut poor = rows[1].clone();
        (poor.id, poor.department, poor.project_name) =
            ("x1".into(), "衡山县财政局".into(), "财政监督".into());
        (poor.total, poor.rule_total, poor.grade) = (d("55"), d("55"), Grade::Poor);
        (
            poor.departures,
            poor.missing_reasons,
            poor.over_achievements,
        ) = (0, 0, 0);
        (poor.annual_budget, poor.executed) = (Some(d("100")), Some(d("50")));
        rows.push(poor);
        let mut before = rows[1].clone();
        (before.id, before.year, before.total) = ("x2".into(), "2021".into(), d("70"));
        rows.push(before);
        rows
    }

    fn dept_form() -> Vec<DepartmentForm> {
        vec![(
            "衡山县商务和粮食局".into(),
            "2022".into(),
            "sample-dept".into(),
        )]
    }

    fn names(c: &County) -> Vec<&str> {
        c.lines.iter().map(|l| l.department.as_str()).collect()
    }

    #[test]
    fn one_line_per_department_with_its_figures() {
        let rows = rows();
        let c = county(
            &rows,
            &dept_form(),
            "2022",
            FormFilter::All,
            "",
            SortKey::Department,
            false,
        );
        assert_eq!(names(&c), ["", "衡山县商务和粮食局", "衡山县财政局"]);
        assert_eq!((c.departments, c.total.rows.len()), (3, 5));
        let l = &c.lines[1];
        assert_eq!(l.forms(), 3);
        assert_eq!(l.department_form.as_deref(), Some("sample-dept"));
        // 119.34 + 666.59 (社零 prints no 全年预算数)
        assert_eq!(l.summary.budget_sum, d("785.93"));
        assert_eq!(l.summary.rate, Some(d("1")));
        // (88 + 87 + 80) ÷ 3; (87 × 119.34 + 80 × 666.59) ÷ 785.93 = 63709.78 ÷ 785.93
        assert_eq!(l.summary.average, Some(d("85")));
        assert_eq!(l.summary.weighted_average, Some(d("81.06")));
        // 招商引资 claims 87 where the rules give 98, 储备粮 80 where they give 100
        assert_eq!(l.departing, 2);
        assert_eq!(l.missing_reasons, 1 + 5 + 10);
        assert_eq!(l.over_achieving, 1);
        assert_eq!(l.shown, [0, 1, 2]);
        assert_eq!(c.lines[2].poor(), 1);
        assert_eq!(c.lines[2].summary.rate, Some(d("0.5")));
    }

    #[test]
    fn filters_keep_departments_with_such_forms_and_show_only_those() {
        let rows = rows();
        let f = |filter| {
            county(
                &rows,
                &dept_form(),
                "2022",
                filter,
                "",
                SortKey::Department,
                false,
            )
        };
        let c = f(FormFilter::Departing);
        assert_eq!(names(&c), ["", "衡山县商务和粮食局"]);
        assert_eq!(c.lines[1].shown, [1, 2]);
        assert_eq!(
            c.departments, 3,
            "the count is of the year, not of the filter"
        );
        assert_eq!(names(&f(FormFilter::Poor)), ["衡山县财政局"]);
        assert_eq!(names(&f(FormFilter::OverAchieving)), ["衡山县商务和粮食局"]);
        assert_eq!(f(FormFilter::OverAchieving).lines[0].shown, [1]);
        assert_eq!(names(&f(FormFilter::MissingReasons)).len(), 2);
        let c = county(
            &rows,
            &[],
            "2022",
            FormFilter::All,
            " 财 政",
            SortKey::Department,
            false,
        );
        assert_eq!(names(&c), ["衡山县财政局"]);
        for filter in FormFilter::ALL {
            assert_eq!(FormFilter::from_key(filter.key()), filter);
        }
    }

    #[test]
    fn sorting_by_a_figure_puts_lines_without_it_last() {
        let rows = rows();
        let by = |sort, desc| {
            let c = county(&rows, &dept_form(), "2022", FormFilter::All, "", sort, desc);
            names(&c).into_iter().map(String::from).collect::<Vec<_>>()
        };
        // weighted: 企业关闭破产 89, 商务 81.06, 财政局 55
        assert_eq!(
            by(SortKey::Weighted, true),
            ["", "衡山县商务和粮食局", "衡山县财政局"]
        );
        assert_eq!(
            by(SortKey::Weighted, false),
            ["衡山县财政局", "衡山县商务和粮食局", ""]
        );
        assert_eq!(by(SortKey::Forms, true)[0], "衡山县商务和粮食局");
        assert_eq!(by(SortKey::Poor, true)[0], "衡山县财政局");
        assert_eq!(
            by(SortKey::Department, true),
            ["衡山县财政局", "衡山县商务和粮食局", ""]
        );
        // a department with only its department form has no figures: last both ways
        let mut forms = dept_form();
        forms.push(("衡山县教育局".into(), "2022".into(), "d2".into()));
        for desc in [true, false] {
            let c = county(
                &rows,
                &forms,
                "2022",
                FormFilter::All,
                "",
                SortKey::Rate,
                desc,
            );
            assert_eq!(c.lines.last().unwrap().department, "衡山县教育局");
            assert_eq!(c.lines.last().unwrap().forms(), 0);
        }
    }

    #[test]
    fn a_department_and_a_project_year_on_year() {
        let rows = rows();
        let of_forms = rows.iter().map(|r| r.year.as_str()).chain([" 2020"]);
        assert_eq!(years(of_forms), ["2022", "2021", "2020"]);
        let by_year = department_years(&rows, "衡山县 商务和粮食局");
        let got: Vec<(&str, usize, Option<Decimal>)> = by_year
            .iter()
            .map(|(y, s)| (y.as_str(), s.rows.len(), s.average))
            .collect();
        assert_eq!(
            got,
            [("2021", 1, Some(d("70"))), ("2022", 3, Some(d("85")))]
        );
        let project: Vec<(String, Decimal)> =
            project_years(&rows, "衡山县商务和粮食局", "招商 引资")
                .into_iter()
                .map(|r| (r.year, r.total))
                .collect();
        assert_eq!(
            project,
            [("2021".into(), d("70")), ("2022".into(), d("87"))]
        );
    }
}
