//! A project form laid out like the official 项目支出绩效自评表, once, for both the workbook and the
//! Word report: a grid of cells with their spans, each a text as typed, a number (with the
//! format that shows it as typed), or a formula with its result. The workbook writes the formulas;
//! Word writes their results.
//!
//! Computed cells are formulas: the 执行率 of each fund row, each 一级 subtotal (a 小计 row), the
//! weight total, the 总分 (rescaled as the rules rescale it when indicators do not apply) and the
//! 等级. A score the clerk left to the rule is written as the rule's number with the format
//! `（按规则）`, so the sheet adds it up and the recogniser reads it back as left to the rule.
//! A line at the foot says the sheet comes from ziping, so reading it back takes its computed
//! 执行率 and 总分 for what they are rather than for printed claims.

use rust_decimal::prelude::ToPrimitive;
use ziping::model::{Evaluation, IndicatorKind, Level1};
use ziping::parse::parse_number;
use ziping::rules::{Assessment, Grade};
use ziping::templates::Column;

use ziping::import::exported::{
    printed_text, review_text, KIND_COLUMN, NOTE, PRINTED, REVIEW, REVIEW_OPINION_COLUMN,
    REVIEW_SCORE_COLUMN, SUBTOTAL, TEMPLATE, TIER_COLUMN,
};
pub use ziping::import::exported::{BY_RULE, EXPORT_MARK, NOT_COUNTED};

const MARK_REST: &str = "，执行率、小计、总分和等级为公式，修改分值或得分后自动重算；得分后注“（按规则）”的，是按评分规则算出的得分。";

/// A part of a formula: text, or a reference to a cell of the grid.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Text(String),
    Cell(u32, u16),
    Range(u32, u16, u32, u16),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cached {
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Empty,
    Text(String),
    /// A number and the format that shows it as it was typed (`24.00` → 24 with `0.00`).
    Number(f64, String),
    Formula {
        parts: Vec<Part>,
        cached: Cached,
        format: String,
    },
}

impl Value {
    /// What the cell shows (a formula's result through its format).
    pub fn shown(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Text(t) => t.clone(),
            Value::Number(n, f) => crate::numfmt::number(*n, Some(f)),
            Value::Formula { cached, format, .. } => match cached {
                Cached::Number(n) => crate::numfmt::number(*n, Some(format)),
                Cached::Text(t) => t.clone(),
            },
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Title,
    /// A printed label (项目名称, column titles).
    Label,
    /// Typed text, left aligned and wrapped.
    Text,
    /// Short values, centred.
    Center,
    /// A line of text without borders (sign-off, notes).
    Plain,
}

#[derive(Debug, Clone, PartialEq)]
pub struct LCell {
    pub row: u32,
    pub col: u16,
    pub rows: u32,
    pub cols: u16,
    pub value: Value,
    pub style: Style,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FormLayout {
    pub cells: Vec<LCell>,
    pub width: u16,
    pub height: u32,
    /// The indicator table's title row, repeated on every printed page.
    pub header_row: u32,
    /// Column widths in characters.
    pub widths: Vec<f64>,
    /// The sheet's and the page header's title.
    pub title: String,
    /// Where the computed figures are, for the 汇总表's references and for tests.
    pub figures: Figures,
}

/// A 一级's 小计 cells: (its group, the weights' cell, the scores' cell).
pub type Subtotal = (Level1, (u32, u16), (u32, u16));

/// The cells (row, column) of a form's figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// 执行率 of the 年度资金总额 row.
    pub rate: (u32, u16),
    /// The 预算执行率 score, where the fund table has one.
    pub execution_score: Option<(u32, u16)>,
    /// Per 一级指标 (产出, 效益, 满意度 …): its 小计 of weights and of scores.
    pub subtotals: Vec<Subtotal>,
    /// A flat form's one 小计 (weights, scores) of all its rows.
    pub flat_subtotal: Option<((u32, u16), (u32, u16))>,
    /// 总分 (the weights' and the scores').
    pub weight_total: (u32, u16),
    pub total: (u32, u16),
    pub grade: (u32, u16),
    /// The first indicator row's 得分 cell, if there is one.
    pub first_score: Option<(u32, u16)>,
}

impl FormLayout {
    fn put(&mut self, row: u32, col: u16, rows: u32, cols: u16, value: Value, style: Style) {
        self.cells.push(LCell {
            row,
            col,
            rows: rows.max(1),
            cols: cols.max(1),
            value,
            style,
        });
        self.height = self.height.max(row + rows.max(1));
    }

    fn label(&mut self, row: u32, col: u16, rows: u32, cols: u16, text: &str) {
        self.put(row, col, rows, cols, Value::Text(text.into()), Style::Label);
    }

    fn text(&mut self, row: u32, col: u16, rows: u32, cols: u16, text: &str, style: Style) {
        self.put(row, col, rows, cols, Value::Text(text.into()), style);
    }

    pub fn cell(&self, row: u32, col: u16) -> Option<&LCell> {
        self.cells.iter().find(|c| c.row == row && c.col == col)
    }

    /// The height of each row (points) that shows all of its text. Spreadsheets do not grow a
    /// row for the text of merged cells, so the workbook sets these; a cell over several rows
    /// adds what it lacks to its last row.
    pub fn row_heights(&self) -> Vec<f64> {
        let mut h = vec![0.0f64; self.height as usize];
        let need = |c: &LCell| -> f64 {
            let width: f64 = self.widths[c.col as usize..(c.col + c.cols).min(self.width) as usize]
                .iter()
                .sum();
            let text = c.value.shown();
            match c.style {
                Style::Title => 30.0,
                _ if text.is_empty() => LINE_PT + PAD_PT,
                _ => lines_in(&text, width) as f64 * LINE_PT + PAD_PT,
            }
        };
        for c in self.cells.iter().filter(|c| c.rows == 1) {
            let r = c.row as usize;
            h[r] = h[r].max(need(c));
        }
        for r in h.iter_mut() {
            if *r == 0.0 {
                *r = LINE_PT + PAD_PT;
            }
        }
        for c in self.cells.iter().filter(|c| c.rows > 1) {
            let (first, last) = (c.row as usize, (c.row + c.rows) as usize);
            let have: f64 = h[first..last].iter().sum();
            let lack = need(c) - have;
            if lack > 0.0 {
                h[last - 1] += lack;
            }
        }
        // Excel's highest row
        h.iter().map(|x| x.min(409.0)).collect()
    }
}

/// A typed cell as a number when it is one (with its unit kept in the format: `7分`, `9.81元`),
/// else as text, so the sheet can add it up and still shows exactly what was typed.
pub fn typed(text: &str) -> Value {
    let t = text.trim();
    if t.is_empty() {
        return Value::Empty;
    }
    if t != text || !is_plain_number(t) {
        // "９.81", "1e5", "≥5": text, as typed
        if let (Ok(Some((n, unit))), true) = (parse_number(t), t == text) {
            if !unit.is_empty()
                && t.ends_with(unit.as_str())
                && is_plain_number(&t[..t.len() - unit.len()])
            {
                if let Some(f) = n.to_f64() {
                    return Value::Number(
                        f,
                        format!("{}\"{}\"", format_of(&t[..t.len() - unit.len()]), unit),
                    );
                }
            }
        }
        return Value::Text(text.to_string());
    }
    match parse_number(t) {
        Ok(Some((n, _))) => match n.to_f64() {
            Some(f) if significant_digits(t) <= 15 => Value::Number(f, format_of(t)),
            _ => Value::Text(t.to_string()),
        },
        _ => Value::Text(t.to_string()),
    }
}

/// `-1,234.50`: ASCII digits, thousands commas, one point.
fn is_plain_number(t: &str) -> bool {
    let t = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = t.split_once('.').unwrap_or((t, ""));
    !int.is_empty()
        && int.chars().all(|c| c.is_ascii_digit() || c == ',')
        && !int.starts_with(',')
        && !int.ends_with(',')
        && (!int.contains(',') || int.split(',').skip(1).all(|g| g.len() == 3))
        && frac.chars().all(|c| c.is_ascii_digit())
        && !(t.contains('.') && frac.is_empty())
        && !(int.len() > 1 && int.starts_with('0') && !int.contains(','))
}

fn significant_digits(t: &str) -> usize {
    t.chars().filter(|c| c.is_ascii_digit()).count()
}

/// The number format that shows a typed number exactly as typed.
fn format_of(t: &str) -> String {
    let t = t.strip_prefix('-').unwrap_or(t);
    let decimals = t.split_once('.').map(|(_, f)| f.len()).unwrap_or(0);
    let mut f = if t.contains(',') {
        "#,##0".to_string()
    } else {
        "0".to_string()
    };
    if decimals > 0 {
        f.push('.');
        f.push_str(&"0".repeat(decimals));
    }
    f
}

fn dec(d: rust_decimal::Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// The first columns (in Excel's character units, where a Chinese character takes two): A the
/// row labels (项目名称, 绩效指标), B 一级, C 二级 on a grouped form; then the indicator table's
/// own columns (`width_of`), then 指标类型, 定性档次 and the 复核 when rows carry them.
const LABEL_WIDTH: f64 = 7.0;
const GROUP_WIDTHS: [f64; 2] = [8.0, 9.0];
/// The fund table takes columns B to I whatever the indicator table's width.
const FUND_WIDTH: u16 = 9;
/// A flat form's rows that sit in another group than a new row's (a form switched from a grouped
/// template) say so in a column of this title, so reading the sheet back puts them back.
pub const GROUP_COLUMN: &str = "二级指标";

fn width_of(c: Column) -> f64 {
    match c {
        Column::Name => 21.0,
        Column::Operator | Column::Unit | Column::Nature | Column::Coefficient => 9.0,
        Column::Target | Column::Actual => 14.0,
        Column::AdjustedTarget => 12.0,
        Column::Weight | Column::Core => 8.0,
        Column::Score => 12.0,
        Column::Reason => 22.0,
    }
}

/// The text columns that share the room by what they hold, with their minimum widths.
fn flex_min(c: Column) -> Option<f64> {
    match c {
        Column::Name | Column::Reason => Some(9.0),
        Column::Target | Column::Actual => Some(8.0),
        _ => None,
    }
}

/// Where each of the indicator table's columns is in the grid.
struct Cols {
    /// The template's columns and the grid column of each.
    at: Vec<(Column, u16)>,
    /// The first column after them (the extra columns).
    next: u16,
}

impl Cols {
    fn get(&self, c: Column) -> Option<u16> {
        self.at.iter().find(|(x, _)| *x == c).map(|(_, k)| *k)
    }
}

/// Points per line of 10.5 pt 宋体, and the room a cell keeps above and below.
const LINE_PT: f64 = 14.0;
const PAD_PT: f64 = 4.0;

/// The height (points) of a row whose cells hold these texts in columns this wide.
pub fn height_of<'a>(cells: impl IntoIterator<Item = (&'a str, f64)>) -> f64 {
    let lines = cells
        .into_iter()
        .map(|(text, width)| lines_in(text, width))
        .max()
        .unwrap_or(1);
    (lines as f64 * LINE_PT + PAD_PT).min(409.0)
}

/// How many lines `text` takes in a cell `width` character units wide (a Chinese character is
/// two units, other characters one).
pub fn lines_in(text: &str, width: f64) -> usize {
    let room = (width - 1.0).max(2.0);
    text.split('\n')
        .map(|line| {
            let w: f64 = line
                .chars()
                .map(|c| if is_wide(c) { 2.0 } else { 1.05 })
                .sum();
            ((w / room).ceil() as usize).max(1)
        })
        .sum()
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
        || matches!(
            c,
            '“' | '”' | '‘' | '’' | '…' | '—' | '≥' | '≤' | '×' | '÷' | '℃'
        )
}

pub fn form_layout(e: &Evaluation, a: &Assessment) -> FormLayout {
    let kinds = e.indicators.iter().any(|r| r.kind_override.is_some());
    let tiers = e.indicators.iter().any(|r| r.tier.is_some());
    // the finance bureau's 复核 of the rows, when the form carries one
    let reviewed = e.indicators.iter().any(|r| !r.review.is_empty());
    let tpl = ziping::templates::template(e.template);
    let flat = tpl.indicators.flat;
    // a flat form's rows outside the group new rows go to keep theirs in a column
    let default_group = tpl.indicators.level1[0].0.groups()[0];
    let groups_column = flat && e.indicators.iter().any(|r| r.level2 != default_group);

    // the indicator table's columns, in the template's order, after 一级 and 二级 when grouped
    let mut widths = vec![LABEL_WIDTH];
    if !flat {
        widths.extend(GROUP_WIDTHS);
    }
    let mut at = Vec::new();
    for c in tpl.columns(e) {
        at.push((c, widths.len() as u16));
        widths.push(width_of(c));
    }
    let cols = Cols {
        next: widths.len() as u16,
        at,
    };
    if kinds {
        widths.push(8.0);
    }
    if tiers {
        widths.push(14.0);
    }
    if reviewed {
        widths.push(8.0);
        widths.push(18.0);
    }
    if groups_column {
        widths.push(10.0);
    }
    // the fund table needs its nine columns
    while widths.len() < FUND_WIDTH as usize {
        widths.push(8.0);
    }
    let width = widths.len() as u16;
    let title = if e.year.trim().is_empty() {
        tpl.title_zh.to_string()
    } else {
        format!("{}年度{}", e.year.trim(), tpl.title_zh)
    };
    let mut l = FormLayout {
        cells: Vec::new(),
        width,
        height: 0,
        header_row: 0,
        widths,
        title: title.clone(),
        figures: Figures::default(),
    };
    l.text(0, 0, 1, width, &title, Style::Title);
    // the header: a department form names its department, a project form its project and units
    let top = if e.template.is_department() {
        l.label(1, 0, 1, 1, DEPARTMENT_NAME);
        l.text(1, 1, 1, width - 1, &e.department, Style::Text);
        2
    } else {
        l.label(1, 0, 1, 1, "项目名称");
        l.text(1, 1, 1, width - 1, &e.project_name, Style::Text);
        l.label(2, 0, 1, 1, "主管部门");
        l.text(2, 1, 1, 3, &e.department, Style::Text);
        l.label(2, 4, 1, 1, "实施单位");
        l.text(2, 5, 1, width - 5, &e.implementing_unit, Style::Text);
        3
    };

    // the fund table from row `top` (titles): the rows the template prints, and any that holds
    // something; 年初预算数 likewise; 分值 and 得分 where execution is scored here. Columns: B–C
    // (or B–D) the row labels, D 年初预算数, E 预算数, F 执行数, G 分值, H 执行率, I 得分.
    let fund_rows = tpl.fund_rows(e);
    let initial = tpl.shows_initial_budget(e);
    let scored = tpl.shows_execution_score(e);
    let (c_weight, c_rate, c_score) = if scored { (6, 7, 8) } else { (6, 6, 7) };
    let n = fund_rows.len() as u32;
    let heading = tpl.funds.heading_zh.replace('（', "\n（");
    l.label(top, 0, n + 1, 1, &heading);
    l.label(top, 1, 1, if initial { 2 } else { 3 }, "");
    if initial {
        l.label(
            top,
            3,
            1,
            1,
            tpl.funds.initial_budget.unwrap_or("年初预算数"),
        );
    }
    l.label(top, 4, 1, 1, tpl.funds.budget_zh);
    l.label(top, 5, 1, 1, tpl.funds.executed_zh);
    if scored {
        l.label(top, c_weight, 1, 1, tpl.funds.weight_zh);
        l.label(top, c_rate, 1, 1, tpl.funds.rate_zh);
        l.label(top, c_score, 1, width - c_score, tpl.funds.score_zh);
    } else {
        l.label(top, c_rate, 1, width - c_rate, tpl.funds.rate_zh);
    }
    l.figures.rate = (top + 1, c_rate);
    l.figures.execution_score = scored.then_some((top + 1, c_score));
    for (k, kind) in fund_rows.iter().enumerate() {
        let r = top + 1 + k as u32;
        let row = e.funds.row(*kind);
        l.label(r, 1, 1, if initial { 2 } else { 3 }, tpl.fund_label(*kind));
        if initial {
            l.put(r, 3, 1, 1, typed(&row.initial_budget), Style::Center);
        }
        for (i, v) in [&row.annual_budget, &row.executed].iter().enumerate() {
            l.put(r, 4 + i as u16, 1, 1, typed(v), Style::Center);
        }
        let rate = a.execution.row(*kind).and_then(|f| f.rate);
        let numeric = |v: &str| matches!(typed(v), Value::Number(..) | Value::Empty);
        let value = if numeric(&row.annual_budget) && numeric(&row.executed) {
            Value::Formula {
                parts: vec![
                    Part::Text("IF(OR(".into()),
                    Part::Cell(r, 4),
                    Part::Text("=\"\",".into()),
                    Part::Cell(r, 4),
                    Part::Text("=0,".into()),
                    Part::Cell(r, 5),
                    Part::Text("=\"\"),\"\",".into()),
                    Part::Cell(r, 5),
                    Part::Text("/".into()),
                    Part::Cell(r, 4),
                    Part::Text(")".into()),
                ],
                cached: match rate {
                    Some(x) => Cached::Number(dec(x)),
                    None => Cached::Text(String::new()),
                },
                format: "0.00%".into(),
            }
        } else {
            match rate {
                Some(x) => Value::Number(dec(x), "0.00%".into()),
                None => Value::Empty,
            }
        };
        let rate_cols = if scored { 1 } else { width - c_rate };
        l.put(r, c_rate, 1, rate_cols, value, Style::Center);
    }
    if scored {
        l.put(
            top + 1,
            c_weight,
            n,
            1,
            typed(&e.funds.weight),
            Style::Center,
        );
        let exec_score = score_value(&e.funds.claimed, a.execution.rule_score);
        l.put(
            top + 1,
            c_score,
            n,
            width - c_score,
            exec_score,
            Style::Center,
        );
    }
    let r = top + 1 + n;
    l.label(r, 0, 1, 1, "执行偏差说明");
    l.text(r, 1, 1, width - 1, &e.funds.reason, Style::Text);

    // 年度总体目标
    let r = r + 1;
    l.label(r, 0, 2, 1, tpl.goal.heading_zh);
    l.label(r, 1, 1, 4, tpl.goal.expected_zh);
    l.label(r, 5, 1, width - 5, tpl.goal.achieved_zh);
    l.text(r + 1, 1, 1, 4, &e.goal.expected, Style::Text);
    l.text(r + 1, 5, 1, width - 5, &e.goal.achieved, Style::Text);

    // the indicator table
    let head = r + 2;
    l.header_row = head;
    if !flat {
        l.label(head, 1, 1, 1, "一级指标");
        l.label(head, 2, 1, 1, "二级指标");
    }
    for (c, k) in &cols.at {
        l.label(head, *k, 1, 1, tpl.indicators.label(*c));
    }
    let mut extra = Vec::new();
    if kinds {
        extra.push(KIND_COLUMN);
    }
    if tiers {
        extra.push(TIER_COLUMN);
    }
    if reviewed {
        extra.push(REVIEW_SCORE_COLUMN);
        extra.push(REVIEW_OPINION_COLUMN);
    }
    if groups_column {
        extra.push(GROUP_COLUMN);
    }
    for (i, t) in extra.iter().enumerate() {
        l.label(head, cols.next + i as u16, 1, 1, t);
    }
    for k in (cols.next + extra.len() as u16)..width {
        l.label(head, k, 1, 1, "");
    }
    let c_w = cols.get(Column::Weight).unwrap_or(cols.next - 1);
    let c_s = cols.get(Column::Score).unwrap_or(c_w);
    let mut r = head + 1;
    let mut subtotals: Vec<u32> = Vec::new();
    let row_cells = |l: &mut FormLayout, r: u32, i: usize| {
        let row = &e.indicators[i];
        let result = &a.indicators[i];
        let parts = ziping::templates::split_target(&row.target);
        let with_operator = cols.get(Column::Operator).is_some();
        for (c, k) in &cols.at {
            let k = *k;
            match c {
                Column::Name => l.text(r, k, 1, 1, &row.name, Style::Text),
                Column::Operator => l.text(r, k, 1, 1, &parts.nature, Style::Center),
                Column::Target if cols.get(Column::Unit).is_some() || with_operator => {
                    let value = if with_operator {
                        parts.value.clone()
                    } else {
                        ziping::templates::join_target(&parts.nature, &parts.value, "")
                    };
                    l.text(r, k, 1, 1, &value, Style::Center)
                }
                Column::Target => l.text(r, k, 1, 1, &row.target, Style::Center),
                Column::Unit => l.text(r, k, 1, 1, &parts.unit, Style::Center),
                Column::Nature => {
                    let q = result.kind == IndicatorKind::Qualitative;
                    l.text(r, k, 1, 1, if q { "定性" } else { "定量" }, Style::Center)
                }
                Column::AdjustedTarget => l.text(r, k, 1, 1, &row.adjusted_target, Style::Center),
                Column::Actual => l.text(r, k, 1, 1, &row.actual, Style::Center),
                Column::Coefficient => {
                    // 得分系数: the share of the weight the row scores (the formula's ratio,
                    // unrounded, when the rule's score counts), as ziping computes it
                    let value = match (result.coefficient, result.applicable()) {
                        (Some(c), true) => Value::Number(dec(c), "0.00%".into()),
                        _ => Value::Empty,
                    };
                    l.put(r, k, 1, 1, value, Style::Center)
                }
                Column::Weight => l.put(r, k, 1, 1, typed(&row.weight), Style::Center),
                Column::Score => {
                    let score = if result.kind == IndicatorKind::NotApplicable {
                        if row.claimed.trim().is_empty() {
                            Value::Text("不适用".into())
                        } else {
                            Value::Text(format!("{}{NOT_COUNTED}", row.claimed.trim()))
                        }
                    } else {
                        score_value(&row.claimed, result.rule.exact())
                    };
                    l.put(r, k, 1, 1, score, Style::Center);
                    if l.figures.first_score.is_none() {
                        l.figures.first_score = Some((r, k));
                    }
                }
                Column::Core => l.text(
                    r,
                    k,
                    1,
                    1,
                    if row.core { "是" } else { "否" },
                    Style::Center,
                ),
                Column::Reason => l.text(r, k, 1, 1, &row.reason, Style::Text),
            }
        }
        let mut c = cols.next;
        if kinds {
            let k = row.kind_override.map(|k| k.name_zh()).unwrap_or("");
            l.text(r, c, 1, 1, k, Style::Center);
            c += 1;
        }
        if tiers {
            let t = row.tier.map(|t| t.name_zh()).unwrap_or("");
            l.text(r, c, 1, 1, t, Style::Text);
            c += 1;
        }
        if reviewed {
            l.put(r, c, 1, 1, typed(&row.review.score), Style::Center);
            l.text(r, c + 1, 1, 1, &row.review.opinion, Style::Text);
            c += 2;
        }
        if groups_column {
            l.text(r, c, 1, 1, row.level2.name_zh(), Style::Center);
        }
    };
    let subtotal = |l: &mut FormLayout, r: u32, first: u32, l1: Option<Level1>| {
        // 小计: the weights and the scores of a 一级 (of all rows on a flat form)
        let (weight, used) = match l1 {
            Some(l1) => {
                let sums = a.level1.iter().find(|x| x.level1 == l1);
                (
                    sums.map(|s| dec(s.totals.weight)).unwrap_or(0.0),
                    sums.map(|s| dec(s.totals.used)).unwrap_or(0.0),
                )
            }
            None => (
                a.level1.iter().map(|s| dec(s.totals.weight)).sum(),
                a.level1.iter().map(|s| dec(s.totals.used)).sum(),
            ),
        };
        let label_at = if flat { 1 } else { 2 };
        let label_cols = cols.get(Column::Name).map_or(1, |n| n + 1 - label_at);
        l.text(r, label_at, 1, label_cols, SUBTOTAL, Style::Center);
        for (col, cached) in [(c_w, weight), (c_s, used)] {
            l.put(
                r,
                col,
                1,
                1,
                Value::Formula {
                    parts: vec![
                        Part::Text("SUM(".into()),
                        Part::Range(first, col, r.saturating_sub(1).max(first), col),
                        Part::Text(")".into()),
                    ],
                    cached: Cached::Number(cached),
                    format: "0.00".into(),
                },
                Style::Center,
            );
        }
    };
    if flat {
        let first = r;
        for i in 0..e.indicators.len() {
            row_cells(&mut l, r, i);
            r += 1;
        }
        if e.indicators.is_empty() {
            l.text(r, 1, 1, 1, "无", Style::Center);
            r += 1;
        }
        subtotal(&mut l, r, first, None);
        subtotals.push(r);
        l.figures.flat_subtotal = Some(((r, c_w), (r, c_s)));
        r += 1;
    } else {
        for l1 in tpl.level1_groups(e) {
            let first = r;
            for &g in l1.groups() {
                let rows: Vec<usize> = e
                    .indicators
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.level2 == g)
                    .map(|(i, _)| i)
                    .collect();
                let gfirst = r;
                if rows.is_empty() {
                    let at = cols.get(Column::Name).unwrap_or(3);
                    l.text(r, at, 1, 1, "无", Style::Center);
                    r += 1;
                }
                for i in rows {
                    row_cells(&mut l, r, i);
                    r += 1;
                }
                l.text(gfirst, 2, r - gfirst, 1, g.name_zh(), Style::Center);
            }
            subtotal(&mut l, r, first, Some(l1));
            subtotals.push(r);
            l.figures.subtotals.push((l1, (r, c_w), (r, c_s)));
            r += 1;
            let weight = e.level1_weights.get(l1).trim();
            let heading = if weight.is_empty() {
                l1.name_zh().to_string()
            } else if weight.ends_with('分') {
                format!("{}\n（{weight}）", l1.name_zh())
            } else {
                format!("{}\n（{weight}分）", l1.name_zh())
            };
            l.text(first, 1, r - first, 1, &heading, Style::Center);
        }
    }
    l.label(head, 0, r - head, 1, "绩效指标");

    // 总分: the execution score and the subtotals, rescaled like the rules when needed
    let total_row = r;
    l.figures.weight_total = (total_row, c_w);
    l.figures.total = (total_row, c_s);
    l.figures.grade = (total_row, c_s + 1);
    l.label(total_row, 0, 1, c_w, "总分");
    let mut weight_parts = Vec::new();
    let mut score_parts = Vec::new();
    if scored {
        weight_parts.push(Part::Cell(top + 1, c_weight));
        score_parts.push(Part::Cell(top + 1, c_score));
    }
    for s in &subtotals {
        for (parts, col) in [(&mut weight_parts, c_w), (&mut score_parts, c_s)] {
            if !parts.is_empty() {
                parts.push(Part::Text("+".into()));
            }
            parts.push(Part::Cell(*s, col));
        }
    }
    if weight_parts.is_empty() {
        weight_parts.push(Part::Text("0".into()));
        score_parts.push(Part::Text("0".into()));
    }
    let weight_total: f64 =
        dec(a.execution.weight) + a.level1.iter().map(|x| dec(x.totals.weight)).sum::<f64>();
    l.put(
        total_row,
        c_w,
        1,
        1,
        Value::Formula {
            parts: weight_parts,
            cached: Cached::Number(weight_total),
            format: "0.00".into(),
        },
        Style::Center,
    );
    let mut total = vec![Part::Text("ROUND((".into())];
    total.extend(score_parts);
    if a.rescaled {
        // not-applicable indicators: out of the applicable weight (the weight total less theirs)
        let excluded = a
            .level1
            .iter()
            .map(|x| x.totals.excluded_weight)
            .sum::<rust_decimal::Decimal>();
        total.push(Part::Text(")*100/(".into()));
        total.push(Part::Cell(total_row, c_w));
        total.push(Part::Text(format!("-{}),2)", excluded.normalize())));
    } else {
        total.push(Part::Text("),2)".into()));
    }
    // between the weight and the score (a template that puts columns there): blank
    for k in (c_w + 1)..c_s {
        l.put(total_row, k, 1, 1, Value::Empty, Style::Center);
    }
    l.put(
        total_row,
        c_s,
        1,
        1,
        Value::Formula {
            parts: total,
            cached: Cached::Number(dec(a.total)),
            format: "0.00".into(),
        },
        Style::Center,
    );
    l.put(
        total_row,
        c_s + 1,
        1,
        width - c_s - 1,
        Value::Formula {
            parts: vec![
                Part::Text("IF(".into()),
                Part::Cell(total_row, c_s),
                Part::Text(">=90,\"优\",IF(".into()),
                Part::Cell(total_row, c_s),
                Part::Text(">=80,\"良\",IF(".into()),
                Part::Cell(total_row, c_s),
                Part::Text(">=60,\"中\",\"差\")))".into()),
            ],
            cached: Cached::Text(grade_name(a.grade).into()),
            format: "@".into(),
        },
        Style::Center,
    );
    let mut r = total_row + 1;
    // what an imported form printed, kept apart from the computed cells
    let printed = printed_text(&e.funds.claimed_rate, &e.claimed_total, &e.claimed_grade);
    if !printed.is_empty() {
        l.label(r, 0, 1, 1, PRINTED);
        l.text(r, 1, 1, width - 1, &printed, Style::Text);
        r += 1;
    }
    // the template, when it is not the MOF 2020 form (read back by its name)
    if !e.template.is_default() {
        l.label(r, 0, 1, 1, TEMPLATE);
        let name = ziping::templates::template(e.template).name_zh;
        l.text(r, 1, 1, width - 1, name, Style::Text);
        r += 1;
    }
    // the 复核: the fund score's, the opinion, who and when, and its totals (computed, not read back)
    if let (Some(rv), true) = (&a.review, e.has_review()) {
        let text = review_text(&e.review, Some((rv.total, rv.grade)));
        l.label(r, 0, 1, 1, REVIEW);
        l.text(r, 1, 1, width - 1, &text, Style::Text);
        r += 1;
    }
    if !e.note.trim().is_empty() {
        l.label(r, 0, 1, 1, NOTE);
        l.text(r, 1, 1, width - 1, &e.note, Style::Text);
        r += 1;
    }
    let s = &e.sign_off;
    l.text(
        r,
        0,
        1,
        width,
        &format!(
            "填表人：{}　　填报日期：{}　　联系电话：{}　　单位负责人签字：{}",
            s.preparer, s.date, s.phone, s.head
        ),
        Style::Plain,
    );
    l.text(
        r + 1,
        0,
        1,
        width,
        &format!("{EXPORT_MARK}{MARK_REST}"),
        Style::Plain,
    );
    fill_gaps(&mut l, 1, r);
    fit_widths(&mut l, &cols);
    l
}

/// The label of a department form's name (部门整体支出绩效自评表).
pub const DEPARTMENT_NAME: &str = "部门（单位）名称";

/// Positions of the form's table (rows `from..to`) that no cell covers get an empty cell with
/// borders, so the printed grid has no holes.
fn fill_gaps(l: &mut FormLayout, from: u32, to: u32) {
    let mut covered = vec![vec![false; l.width as usize]; to as usize];
    for c in &l.cells {
        for r in c.row..(c.row + c.rows).min(to) {
            for k in c.col..(c.col + c.cols).min(l.width) {
                covered[r as usize][k as usize] = true;
            }
        }
    }
    for r in from..to {
        for k in 0..l.width {
            if !covered[r as usize][k as usize] {
                l.put(r, k, 1, 1, Value::Empty, Style::Center);
            }
        }
    }
}

/// The text columns of the indicator table (三级指标, 年度指标值, 实际完成值, 偏差原因) share
/// their room by what they hold: a form that writes its goals into the target column gets a
/// wide target column instead of rows a hand tall. Each keeps a minimum.
fn fit_widths(l: &mut FormLayout, cols: &Cols) {
    let flex: Vec<(u16, f64)> = cols
        .at
        .iter()
        .filter_map(|(c, k)| flex_min(*c).map(|m| (*k, m)))
        .collect();
    let room: f64 = flex.iter().map(|(c, _)| l.widths[*c as usize]).sum();
    let spare = room - flex.iter().map(|(_, m)| m).sum::<f64>();
    // the text each column holds in the indicator rows (its area, in character units)
    let area = |col: u16| -> f64 {
        l.cells
            .iter()
            .filter(|c| c.row > l.header_row && c.col == col && c.cols == 1)
            .map(|c| {
                c.value
                    .shown()
                    .chars()
                    .map(|ch| if is_wide(ch) { 2.0 } else { 1.0 })
                    .sum::<f64>()
            })
            .sum::<f64>()
            .sqrt()
    };
    let areas: Vec<f64> = flex.iter().map(|(c, _)| area(*c)).collect();
    let sum: f64 = areas.iter().sum();
    if sum <= 0.0 {
        return;
    }
    for ((c, min), a) in flex.iter().zip(&areas) {
        l.widths[*c as usize] = (min + spare * a / sum).round();
    }
}

/// A claimed score as typed, or — left blank — the rule's score marked as such.
fn score_value(claimed: &str, rule: Option<rust_decimal::Decimal>) -> Value {
    if !claimed.trim().is_empty() {
        return typed(claimed);
    }
    match rule {
        Some(r) => Value::Number(dec(r), format!("0.00\"{BY_RULE}\"")),
        None => Value::Empty,
    }
}

pub fn grade_name(g: Grade) -> &'static str {
    g.name_zh()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_numbers_keep_their_look() {
        let cases: &[(&str, &str)] = &[
            ("24.00", "24.00"),
            ("24", "24"),
            ("1,234.5", "1,234.5"),
            ("-3", "-3"),
            ("9.81元", "9.81元"),
            ("7分", "7分"),
        ];
        for (t, shown) in cases {
            let v = typed(t);
            assert!(matches!(v, Value::Number(..)), "{t}: {v:?}");
            assert_eq!(v.shown(), *shown, "{t}");
        }
        for t in ["≥90%", "０9", "1e5", "abc", "0123", " 5"] {
            assert!(matches!(typed(t), Value::Text(_)), "{t}");
        }
        assert_eq!(typed(""), Value::Empty);
    }
}
