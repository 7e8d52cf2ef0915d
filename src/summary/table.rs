//! A table of figures as a document takes it: a title, column titles, rows of typed cells, notes.
//! The county view is made into one ([`county_table`]) and written by two writers — CSV
//! (`exchange::csv::table_csv`) and .xlsx (the office module) — so both say the same.

use super::county::County;
use crate::rules::{num, Grade};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// One cell: its kind says how a spreadsheet shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    /// 万元, two decimals.
    Amount(Decimal),
    /// A rate as a fraction (1 = 100 %).
    Percent(Decimal),
    /// A score, two decimals.
    Score(Decimal),
    Count(usize),
    Empty,
}

impl Cell {
    fn opt(v: Option<Decimal>, f: fn(Decimal) -> Cell) -> Cell {
        v.map(f).unwrap_or(Cell::Empty)
    }

    /// As plain text (CSV): percents as `98.50`, in a column titled with （%）.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Amount(d) | Cell::Score(d) => num::fmt2(*d),
            Cell::Percent(d) => num::mul(*d, Decimal::ONE_HUNDRED)
                .map(num::fmt2)
                .unwrap_or_default(),
            Cell::Count(n) => n.to_string(),
            Cell::Empty => String::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Table {
    pub title: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Lines under the table (what the filter kept, how the averages are made).
    pub notes: Vec<String>,
}

pub const COUNTY_HEADER: [&str; 17] = [
    "主管部门",
    "项目自评表（份）",
    "部门整体自评表",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "执行率（%）",
    "平均分",
    "预算加权平均分",
    "优",
    "良",
    "中",
    "差",
    "自评总分与规则不一致（份）",
    "缺偏差原因（处）",
    "超额完成（份）",
    "已复核（份）",
    "错误／警告",
];

fn grade_count(s: &super::Summary, g: Grade) -> Cell {
    Cell::Count(s.grade_count(g))
}

/// The county view as a table: one row per department line, then the county's totals.
pub fn county_table(c: &County, filter_note: Option<&str>) -> Table {
    let figures = |s: &super::Summary| {
        vec![
            Cell::Amount(s.budget_sum),
            Cell::Amount(s.executed_sum),
            Cell::opt(s.rate, Cell::Percent),
            Cell::opt(s.average, Cell::Score),
            Cell::opt(s.weighted_average, Cell::Score),
            grade_count(s, Grade::Excellent),
            grade_count(s, Grade::Good),
            grade_count(s, Grade::Fair),
            grade_count(s, Grade::Poor),
        ]
    };
    let mut rows: Vec<Vec<Cell>> = c
        .lines
        .iter()
        .map(|l| {
            let name = if l.department.is_empty() {
                "（未填主管部门）".to_string()
            } else {
                l.department.clone()
            };
            let mut row = vec![
                Cell::Text(name),
                Cell::Count(l.forms()),
                // the department's own 自评表: its total and grade; its figures alone: 有数据
                Cell::Text(match l.summary.overall.first() {
                    Some(r) => {
                        format!("{} {}", crate::rules::num::fmt2(r.total), r.grade.name_zh())
                    }
                    None if l.department_form.is_some() => "有基础数据".into(),
                    None => "无".into(),
                }),
            ];
            row.extend(figures(&l.summary));
            row.extend([
                Cell::Count(l.departing),
                Cell::Count(l.missing_reasons),
                Cell::Count(l.over_achieving),
                Cell::Count(l.reviewed),
                Cell::Text(format!("{}／{}", l.summary.errors, l.summary.warnings)),
            ]);
            row
        })
        .collect();
    let t = &c.total;
    let mut total = vec![
        Cell::Text(format!("全县合计（{}个部门）", c.departments)),
        Cell::Count(t.rows.len()),
        Cell::Empty,
    ];
    total.extend(figures(t));
    total.extend([
        Cell::Count(t.rows.iter().filter(|r| r.departs()).count()),
        Cell::Count(t.rows.iter().map(|r| r.missing_reasons).sum()),
        Cell::Count(t.rows.iter().filter(|r| r.over_achievements > 0).count()),
        Cell::Count(t.rows.iter().filter(|r| r.reviewed).count()),
        Cell::Text(format!("{}／{}", t.errors, t.warnings)),
    ]);
    rows.push(total);
    let year = if c.year.is_empty() {
        String::new()
    } else {
        format!("{}年度", c.year)
    };
    let mut notes = vec![
        "预算加权平均分 = Σ（总分 × 全年预算数）÷ Σ 全年预算数；合计行为全县全部项目，不受筛选影响。"
            .to_string(),
    ];
    if let Some(f) = filter_note {
        notes.push(format!("筛选：{f}（列出{}个部门）", c.lines.len()));
    }
    Table {
        title: format!("{year}项目支出绩效自评全县汇总表"),
        header: COUNTY_HEADER.iter().map(|s| s.to_string()).collect(),
        rows,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::samples::SAMPLES;
    use crate::summary::county::{county, FormFilter, SortKey};
    use crate::summary::summary_row;

    #[test]
    fn the_county_table_has_a_row_per_department_and_the_total() {
        let rows: Vec<_> = SAMPLES.iter().map(|s| summary_row(&s.build())).collect();
        let c = county(
            &rows,
            &[],
            "2022",
            FormFilter::All,
            "",
            SortKey::Department,
            false,
        );
        let t = county_table(&c, None);
        assert_eq!(t.title, "2022年度项目支出绩效自评全县汇总表");
        assert_eq!(t.rows.len(), 3);
        assert!(t.rows.iter().all(|r| r.len() == t.header.len()));
        assert_eq!(t.rows[0][0], Cell::Text("（未填主管部门）".into()));
        let shangwu: Vec<String> = t.rows[1].iter().map(Cell::plain).collect();
        assert_eq!(
            shangwu,
            [
                "衡山县商务和粮食局",
                "3",
                "无",
                "785.93",
                "785.93",
                "100.00",
                "85.00",
                "81.06",
                "0",
                "3",
                "0",
                "0",
                "2",
                "16",
                "1",
                "0",
                "16／23"
            ]
            .map(String::from)
        );
        assert_eq!(t.rows[2][0], Cell::Text("全县合计（2个部门）".into()));
        assert_eq!(t.rows[2][1], Cell::Count(4));
    }
}
