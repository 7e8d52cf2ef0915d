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
use ziping::model::{Evaluation, FundRowKind, IndicatorKind, Level1};
use ziping::parse::parse_number;
use ziping::rules::{Assessment, Grade};

use ziping::import::exported::{
    printed_text, review_text, KIND_COLUMN, NOTE, PRINTED, REVIEW, REVIEW_OPINION_COLUMN,
    REVIEW_SCORE_COLUMN, SUBTOTAL, TIER_COLUMN,
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

/// The cells (row, column) of a form's figures.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// 执行率 of the 年度资金总额 row.
    pub rate: (u32, u16),
    /// The 预算执行率 score.
    pub execution_score: (u32, u16),
    /// Per 一级指标 (产出, 效益, 满意度): its 小计 of weights and of scores.
    pub subtotals: Vec<((u32, u16), (u32, u16))>,
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

/// The columns (in Excel's character units, where a Chinese character takes two): A the row
/// labels (项目名称, 绩效指标), B 一级, C 二级, D 三级, E 年度指标值, F 实际完成值, G 分值, H 得分,
/// I 偏差原因, then 指标类型 and 定性档次 when a row sets them.
const WIDTHS: [f64; 9] = [7.0, 8.0, 9.0, 21.0, 14.0, 14.0, 8.0, 10.0, 22.0];

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
    let mut widths = WIDTHS.to_vec();
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
    let width = widths.len() as u16;
    let title = if e.year.trim().is_empty() {
        "项目支出绩效自评表".to_string()
    } else {
        format!("{}年度项目支出绩效自评表", e.year.trim())
    };
    let mut l = FormLayout {
        cells: Vec::new(),
        width,
        height: 0,
        header_row: 0,
        widths,
        title: title.clone(),
        figures: Figures {
            rate: (4, 7),
            execution_score: (4, 8),
            ..Figures::default()
        },
    };
    l.text(0, 0, 1, width, &title, Style::Title);
    l.label(1, 0, 1, 1, "项目名称");
    l.text(1, 1, 1, width - 1, &e.project_name, Style::Text);
    l.label(2, 0, 1, 1, "主管部门");
    l.text(2, 1, 1, 3, &e.department, Style::Text);
    l.label(2, 4, 1, 1, "实施单位");
    l.text(2, 5, 1, width - 5, &e.implementing_unit, Style::Text);

    // the fund table: rows 3 (titles) to 7
    l.label(3, 0, 5, 1, "项目资金\n（万元）");
    l.label(3, 1, 1, 2, "");
    for (i, t) in ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率"]
        .iter()
        .enumerate()
    {
        l.label(3, 3 + i as u16, 1, 1, t);
    }
    l.label(3, 8, 1, width - 8, "得分");
    for (k, kind) in FundRowKind::ALL.iter().enumerate() {
        let r = 4 + k as u32;
        let row = e.funds.row(*kind);
        l.label(r, 1, 1, 2, kind.name_zh());
        let vals = [&row.initial_budget, &row.annual_budget, &row.executed];
        for (i, v) in vals.iter().enumerate() {
            l.put(r, 3 + i as u16, 1, 1, typed(v), Style::Center);
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
        l.put(r, 7, 1, 1, value, Style::Center);
    }
    l.put(4, 6, 4, 1, typed(&e.funds.weight), Style::Center);
    let exec_score = score_value(&e.funds.claimed, a.execution.rule_score);
    l.put(4, 8, 4, width - 8, exec_score, Style::Center);
    l.label(8, 0, 1, 1, "执行偏差说明");
    l.text(8, 1, 1, width - 1, &e.funds.reason, Style::Text);

    // 年度总体目标
    l.label(9, 0, 2, 1, "年度总体目标");
    l.label(9, 1, 1, 4, "预期目标");
    l.label(9, 5, 1, width - 5, "实际完成情况");
    l.text(10, 1, 1, 4, &e.goal.expected, Style::Text);
    l.text(10, 5, 1, width - 5, &e.goal.achieved, Style::Text);

    // the indicator table
    let head = 11;
    l.header_row = head;
    let mut titles = vec![
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ];
    if kinds {
        titles.push(KIND_COLUMN);
    }
    if tiers {
        titles.push(TIER_COLUMN);
    }
    if reviewed {
        titles.push(REVIEW_SCORE_COLUMN);
        titles.push(REVIEW_OPINION_COLUMN);
    }
    for (i, t) in titles.iter().enumerate() {
        l.label(head, 1 + i as u16, 1, 1, t);
    }
    let mut r = head + 1;
    let mut subtotals: Vec<u32> = Vec::new();
    for l1 in Level1::ALL {
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
                l.text(r, 3, 1, 1, "无", Style::Center);
                r += 1;
            }
            for i in rows {
                let row = &e.indicators[i];
                let result = &a.indicators[i];
                l.text(r, 3, 1, 1, &row.name, Style::Text);
                l.text(r, 4, 1, 1, &row.target, Style::Center);
                l.text(r, 5, 1, 1, &row.actual, Style::Center);
                l.put(r, 6, 1, 1, typed(&row.weight), Style::Center);
                let score = if result.kind == IndicatorKind::NotApplicable {
                    if row.claimed.trim().is_empty() {
                        Value::Text("不适用".into())
                    } else {
                        Value::Text(format!("{}{NOT_COUNTED}", row.claimed.trim()))
                    }
                } else {
                    score_value(&row.claimed, result.rule.exact())
                };
                l.put(r, 7, 1, 1, score, Style::Center);
                if l.figures.first_score.is_none() {
                    l.figures.first_score = Some((r, 7));
                }
                l.text(r, 8, 1, 1, &row.reason, Style::Text);
                let mut c = 9;
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
                }
                r += 1;
            }
            l.text(gfirst, 2, r - gfirst, 1, g.name_zh(), Style::Center);
        }
        // 小计: the weights and the scores of this 一级
        let sums = a.level1.iter().find(|x| x.level1 == l1);
        l.text(r, 2, 1, 2, SUBTOTAL, Style::Center);
        for (col, cached) in [
            (6u16, sums.map(|s| dec(s.totals.weight)).unwrap_or(0.0)),
            (7u16, sums.map(|s| dec(s.totals.used)).unwrap_or(0.0)),
        ] {
            l.put(
                r,
                col,
                1,
                1,
                Value::Formula {
                    parts: vec![
                        Part::Text("SUM(".into()),
                        Part::Range(first, col, r - 1, col),
                        Part::Text(")".into()),
                    ],
                    cached: Cached::Number(cached),
                    format: "0.00".into(),
                },
                Style::Center,
            );
        }
        subtotals.push(r);
        l.figures.subtotals.push(((r, 6), (r, 7)));
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
    l.label(head, 0, r - head, 1, "绩效指标");

    // 总分: the execution score and the subtotals, rescaled like the rules when needed
    let total_row = r;
    l.figures.weight_total = (total_row, 6);
    l.figures.total = (total_row, 7);
    l.figures.grade = (total_row, 8);
    l.label(total_row, 0, 1, 6, "总分");
    let mut weight_parts = vec![Part::Cell(4, 6)];
    let mut score_parts = vec![Part::Cell(4, 8)];
    for s in &subtotals {
        weight_parts.push(Part::Text("+".into()));
        weight_parts.push(Part::Cell(*s, 6));
        score_parts.push(Part::Text("+".into()));
        score_parts.push(Part::Cell(*s, 7));
    }
    let weight_total: f64 =
        dec(a.execution.weight) + a.level1.iter().map(|x| dec(x.totals.weight)).sum::<f64>();
    l.put(
        total_row,
        6,
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
        total.push(Part::Cell(total_row, 6));
        total.push(Part::Text(format!("-{}),2)", excluded.normalize())));
    } else {
        total.push(Part::Text("),2)".into()));
    }
    l.put(
        total_row,
        7,
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
        8,
        1,
        width - 8,
        Value::Formula {
            parts: vec![
                Part::Text("IF(".into()),
                Part::Cell(total_row, 7),
                Part::Text(">=90,\"优\",IF(".into()),
                Part::Cell(total_row, 7),
                Part::Text(">=80,\"良\",IF(".into()),
                Part::Cell(total_row, 7),
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
    fit_widths(&mut l);
    l
}

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
fn fit_widths(l: &mut FormLayout) {
    const FLEX: [(u16, f64); 4] = [(3, 9.0), (4, 8.0), (5, 8.0), (8, 9.0)];
    let room: f64 = FLEX.iter().map(|(c, _)| l.widths[*c as usize]).sum();
    let spare = room - FLEX.iter().map(|(_, m)| m).sum::<f64>();
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
    let areas: Vec<f64> = FLEX.iter().map(|(c, _)| area(*c)).collect();
    let sum: f64 = areas.iter().sum();
    if sum <= 0.0 {
        return;
    }
    for ((c, min), a) in FLEX.iter().zip(&areas) {
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
