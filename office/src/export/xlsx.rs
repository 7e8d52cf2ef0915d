//! The workbook: a 汇总表 sheet first when the forms are one department's year (or one row per
//! form of several), one sheet per project form laid out like the official form, and a sheet of
//! the department form's figures. Printed on A4, one page wide, the indicator titles repeated on
//! every page; computed cells are formulas with their results cached, so Excel and WPS show the
//! figures on opening and recompute them when the sheet is edited.

use super::layout::{form_layout, height_of, Cached, FormLayout, Part, Style, Value};
use super::safe::{cell_text, sheet_names};
use super::{Bundle, ExportError, Progress};
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet};
use ziping::model::{AccountLine, ProcurementLine, ThreePublicItem};
use ziping::rules::{assess, assess_department};
use ziping::summary::summary_row;
use ziping::summary::table::{Cell, Table};

/// A4 (Excel's paper size 9).
const A4: u8 = 9;

struct Formats {
    title: Format,
    label: Format,
    text: Format,
    center: Format,
    plain: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new()
            .set_font_name("宋体")
            .set_font_size(10.5)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let boxed = base.clone().set_border(FormatBorder::Thin);
        Formats {
            title: base
                .clone()
                .set_font_name("黑体")
                .set_font_size(16)
                .set_align(FormatAlign::Center),
            label: boxed.clone().set_align(FormatAlign::Center).set_bold(),
            text: boxed.clone().set_align(FormatAlign::Left),
            center: boxed.set_align(FormatAlign::Center),
            plain: base.set_align(FormatAlign::Left),
        }
    }

    fn of(&self, s: Style) -> &Format {
        match s {
            Style::Title => &self.title,
            Style::Label => &self.label,
            Style::Text => &self.text,
            Style::Center => &self.center,
            Style::Plain => &self.plain,
        }
    }
}

/// `A1` for (row, col), 0-based.
pub fn a1(row: u32, col: u16) -> String {
    let mut c = col as u32 + 1;
    let mut letters = Vec::new();
    while c > 0 {
        let m = (c - 1) % 26;
        letters.push((b'A' + m as u8) as char);
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

fn formula_text(parts: &[Part]) -> String {
    parts
        .iter()
        .map(|p| match p {
            Part::Text(t) => t.clone(),
            Part::Cell(r, c) => a1(*r, *c),
            Part::Range(r0, c0, r1, c1) => format!("{}:{}", a1(*r0, *c0), a1(*r1, *c1)),
        })
        .collect()
}

fn xerr(e: rust_xlsxwriter::XlsxError) -> ExportError {
    ExportError::Writer(e.to_string())
}

/// Writes one cell of the layout.
fn put(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    col: u16,
    value: &Value,
    style: Style,
) -> Result<(), ExportError> {
    let base = f.of(style);
    match value {
        Value::Empty => {
            ws.write_blank(row, col, base).map_err(xerr)?;
        }
        Value::Text(t) => {
            let (text, quote) = cell_text(t);
            let fmt = if quote {
                base.clone().set_quote_prefix()
            } else {
                base.clone()
            };
            ws.write_string_with_format(row, col, text, &fmt)
                .map_err(xerr)?;
        }
        Value::Number(n, code) => {
            ws.write_number_with_format(row, col, *n, &base.clone().set_num_format(code))
                .map_err(xerr)?;
        }
        Value::Formula {
            parts,
            cached,
            format,
        } => {
            let result = match cached {
                Cached::Number(n) => ziping_office_number(*n),
                Cached::Text(t) => t.clone(),
            };
            let formula = Formula::new(formula_text(parts)).set_result(result);
            ws.write_formula_with_format(row, col, formula, &base.clone().set_num_format(format))
                .map_err(xerr)?;
        }
    }
    Ok(())
}

/// A cached result as Excel stores it: a plain decimal.
fn ziping_office_number(n: f64) -> String {
    crate::numfmt::general(n)
}

/// One form on a sheet.
fn write_form(ws: &mut Worksheet, f: &Formats, l: &FormLayout) -> Result<(), ExportError> {
    // an empty result (a rate without a budget) is cached as empty text, not as 0
    ws.set_formula_result_default("");
    for (c, w) in l.widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xerr)?;
    }
    for (r, h) in l.row_heights().iter().enumerate() {
        ws.set_row_height(r as u32, *h).map_err(xerr)?;
    }
    for cell in &l.cells {
        let (r1, c1) = (cell.row + cell.rows - 1, cell.col + cell.cols - 1);
        if (r1, c1) != (cell.row, cell.col) {
            // a merged range writes a string; the value goes into its first cell afterwards
            ws.merge_range(cell.row, cell.col, r1, c1, "", f.of(cell.style))
                .map_err(xerr)?;
        }
        put(ws, f, cell.row, cell.col, &cell.value, cell.style)?;
    }
    ws.set_paper_size(A4);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.5, 0.5, 0.75, 0.75, 0.3, 0.3);
    ws.set_repeat_rows(l.header_row, l.header_row)
        .map_err(xerr)?;
    ws.set_header(header_text(&l.title));
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

/// The page header: the form's title, `&` doubled, within Excel's 255 characters.
fn header_text(title: &str) -> String {
    let t: String = title.replace('&', "&&").chars().take(200).collect();
    format!("&C{t}")
}

/// Column widths of the 汇总表 (its 13 columns).
const SUMMARY_WIDTHS: [f64; 13] = [
    24.0, 18.0, 18.0, 6.0, 10.0, 10.0, 9.0, 9.0, 9.0, 9.0, 9.0, 8.0, 6.0,
];

const SUMMARY_TITLES: [&str; 12] = [
    "项目名称",
    "主管部门",
    "实施单位",
    "年度",
    "全年预算数（万元）",
    "全年执行数（万元）",
    "执行率",
    "预算执行率得分",
    "产出指标得分",
    "效益指标得分",
    "满意度指标得分",
    "总分",
];

/// A cell of another sheet: `'招商引资'!H27`.
fn sheet_ref(sheet: &str, (row, col): (u32, u16)) -> String {
    format!("'{}'!{}", sheet.replace('\'', "''"), a1(row, col))
}

/// A form as the 汇总表 sees it: its sheet, its layout, its figures.
struct Listed<'a> {
    sheet: String,
    layout: FormLayout,
    form: &'a ziping::model::Evaluation,
}

fn write_summary(
    ws: &mut Worksheet,
    f: &Formats,
    title: &str,
    forms: &[&Listed],
) -> Result<(), ExportError> {
    ws.set_formula_result_default("");
    let width = SUMMARY_TITLES.len() as u16 + 1;
    ws.merge_range(0, 0, 0, width - 1, "", &f.title)
        .map_err(xerr)?;
    put(ws, f, 0, 0, &Value::Text(title.to_string()), Style::Title)?;
    for (i, t) in SUMMARY_TITLES
        .iter()
        .chain(std::iter::once(&"等级"))
        .enumerate()
    {
        put(ws, f, 1, i as u16, &Value::Text((*t).into()), Style::Label)?;
    }
    let mut r = 2u32;
    for listed in forms {
        let e = listed.form;
        let s = summary_row(e);
        let texts = [
            &e.project_name,
            &e.department,
            &e.implementing_unit,
            &e.year,
        ];
        for (c, t) in texts.iter().enumerate() {
            put(ws, f, r, c as u16, &Value::Text((*t).clone()), Style::Text)?;
        }
        let num = |d: Option<rust_decimal::Decimal>, fmt: &str| match d.and_then(|d| d.to_f64()) {
            Some(n) => Value::Number(n, fmt.into()),
            None => Value::Empty,
        };
        put(ws, f, r, 4, &num(s.annual_budget, "0.00"), Style::Center)?;
        put(ws, f, r, 5, &num(s.executed, "0.00"), Style::Center)?;
        // the figures are the form sheet's own cells, so an edit there shows here too
        let fig = &listed.layout.figures;
        let link = |at: (u32, u16), cached: Cached, format: &str| Value::Formula {
            parts: vec![Part::Text(sheet_ref(&listed.sheet, at))],
            cached,
            format: format.into(),
        };
        let number = |d: rust_decimal::Decimal| Cached::Number(d.to_f64().unwrap_or(0.0));
        let rate = match s.rate {
            Some(x) => number(x),
            None => Cached::Text(String::new()),
        };
        put(ws, f, r, 6, &link(fig.rate, rate, "0.00%"), Style::Center)?;
        put(
            ws,
            f,
            r,
            7,
            &match fig.execution_score {
                Some(at) => link(at, number(s.execution_score), "0.00"),
                None => Value::Number(s.execution_score.to_f64().unwrap_or(0.0), "0.00".into()),
            },
            Style::Center,
        )?;
        // 产出, 效益, 满意度: the sheet's 小计 where it has one, else the figure
        for (i, l1) in ziping::model::Level1::STANDARD.iter().enumerate() {
            let v = s
                .level1_scores
                .iter()
                .find(|(l, _)| l == l1)
                .map_or(rust_decimal::Decimal::ZERO, |(_, v)| *v);
            let value = match fig.subtotals.iter().find(|(l, _, _)| l == l1) {
                Some((_, _, score)) => link(*score, number(v), "0.00"),
                None => Value::Number(v.to_f64().unwrap_or(0.0), "0.00".into()),
            };
            put(ws, f, r, 8 + i as u16, &value, Style::Center)?;
        }
        put(
            ws,
            f,
            r,
            11,
            &link(fig.total, number(s.total), "0.00"),
            Style::Center,
        )?;
        put(
            ws,
            f,
            r,
            12,
            &link(fig.grade, Cached::Text(s.grade.name_zh().into()), "@"),
            Style::Center,
        )?;
        r += 1;
    }
    if r > 2 {
        put(ws, f, r, 0, &Value::Text("平均".into()), Style::Label)?;
        let totals: Vec<rust_decimal::Decimal> =
            forms.iter().map(|l| summary_row(l.form).total).collect();
        let avg = totals.iter().sum::<rust_decimal::Decimal>()
            / rust_decimal::Decimal::from(totals.len());
        put(
            ws,
            f,
            r,
            11,
            &Value::Formula {
                parts: vec![
                    Part::Text("ROUND(AVERAGE(".into()),
                    Part::Range(2, 11, r - 1, 11),
                    Part::Text("),2)".into()),
                ],
                cached: Cached::Number(avg.round_dp(2).to_f64().unwrap_or(0.0)),
                format: "0.00".into(),
            },
            Style::Center,
        )?;
    }
    // rows as tall as their text: the titles wrap, and so do long names
    let widths = SUMMARY_WIDTHS;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xerr)?;
    }
    ws.set_row_height(0, 30).map_err(xerr)?;
    let titles = SUMMARY_TITLES.iter().chain(std::iter::once(&"等级"));
    ws.set_row_height(1, height_of(titles.zip(widths).map(|(t, w)| (*t, w))))
        .map_err(xerr)?;
    for (i, listed) in forms.iter().enumerate() {
        let e = listed.form;
        let texts = [&e.project_name, &e.department, &e.implementing_unit];
        let h = height_of(texts.iter().zip(widths).map(|(t, w)| (t.as_str(), w)));
        ws.set_row_height(2 + i as u32, h).map_err(xerr)?;
    }
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_repeat_rows(1, 1).map_err(xerr)?;
    ws.set_header(header_text(title));
    ws.set_footer("&C第 &P 页，共 &N 页");
    Ok(())
}

fn write_department(
    ws: &mut Worksheet,
    f: &Formats,
    d: &ziping::model::DepartmentEvaluation,
) -> Result<(), ExportError> {
    let a = assess_department(d);
    ws.merge_range(0, 0, 0, 3, "", &f.title).map_err(xerr)?;
    // the recogniser takes this title for a department form's and reads no project form here
    let title = if d.year.trim().is_empty() {
        format!("{}部门整体支出绩效自评基础数据表", d.department.trim())
    } else {
        format!(
            "{}{}年度部门整体支出绩效自评基础数据表",
            d.department.trim(),
            d.year.trim()
        )
    };
    put(ws, f, 0, 0, &Value::Text(title), Style::Title)?;
    let mut r = 1u32;
    let mut line =
        |ws: &mut Worksheet, cells: [Value; 4], label: bool| -> Result<(), ExportError> {
            for (c, v) in cells.iter().enumerate() {
                let style = if label || c == 0 {
                    Style::Label
                } else {
                    Style::Center
                };
                put(ws, f, r, c as u16, v, style)?;
            }
            r += 1;
            Ok(())
        };
    let t = |s: &str| Value::Text(s.to_string());
    line(
        ws,
        [t("项目（万元）"), t("预算数"), t("决算数"), t("")],
        true,
    )?;
    for l in AccountLine::ALL {
        let bf = d.account(l);
        line(
            ws,
            [
                t(l.name_zh()),
                super::layout::typed(&bf.budget),
                super::layout::typed(&bf.final_amount),
                Value::Empty,
            ],
            false,
        )?;
    }
    for i in ThreePublicItem::ALL {
        let bf = d.three_public(i);
        line(
            ws,
            [
                t(i.name_zh()),
                super::layout::typed(&bf.budget),
                super::layout::typed(&bf.final_amount),
                Value::Empty,
            ],
            false,
        )?;
    }
    for p in ProcurementLine::ALL {
        line(
            ws,
            [
                t(p.name_zh()),
                Value::Empty,
                super::layout::typed(d.procurement(p)),
                Value::Empty,
            ],
            false,
        )?;
    }
    line(ws, [t("派生指标"), t("数值"), t("计算公式"), t("")], true)?;
    for fig in &a.figures {
        line(
            ws,
            [
                t(fig.label_zh),
                t(&fig.display()),
                t(&fig.formula_zh),
                Value::Empty,
            ],
            false,
        )?;
    }
    for (c, w) in [30.0, 16.0, 40.0, 4.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w).map_err(xerr)?;
    }
    ws.set_paper_size(A4);
    ws.set_portrait();
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

/// The workbook's bytes.
pub fn workbook(bundle: &Bundle, progress: &mut dyn Progress) -> Result<Vec<u8>, ExportError> {
    if bundle.evaluations.is_empty() && bundle.departments.is_empty() {
        return Err(ExportError::Nothing);
    }
    let mut wb = Workbook::new();
    let f = Formats::new();
    let mut names = sheet_names();
    let summary = bundle.with_summary().then(|| names.next_name("汇总表"));
    let forms: Vec<Listed> = bundle
        .evaluations
        .iter()
        .map(|e| {
            let base = if e.template.is_department() {
                ziping::templates::template(e.template).title_zh.to_string()
            } else if e.project_name.trim().is_empty() {
                "未命名项目".to_string()
            } else {
                e.project_name.clone()
            };
            Listed {
                sheet: names.next_name(&base),
                layout: form_layout(e, &assess(e)),
                form: e,
            }
        })
        .collect();
    if let Some(name) = summary {
        let ws = wb.add_worksheet();
        ws.set_name(name).map_err(xerr)?;
        // the 汇总表 lists the projects; the department's own form has its sheet
        let projects: Vec<&Listed> = forms
            .iter()
            .filter(|l| !l.form.template.is_department())
            .collect();
        write_summary(ws, &f, &bundle.summary_title(), &projects)?;
    }
    let total = forms.len();
    for (i, listed) in forms.iter().enumerate() {
        let ws = wb.add_worksheet();
        ws.set_name(&listed.sheet).map_err(xerr)?;
        write_form(ws, &f, &listed.layout)?;
        progress.step(i + 1, total);
    }
    for d in &bundle.departments {
        let ws = wb.add_worksheet();
        ws.set_name(names.next_name(&format!("部门整体支出{}", d.year)))
            .map_err(xerr)?;
        write_department(ws, &f, d)?;
    }
    wb.save_to_buffer().map_err(xerr)
}

/// A table of figures (the county view) as a one-sheet workbook: the title, the column titles
/// repeated on every printed page, numbers as numbers in their formats, the notes below. A4
/// landscape, one page wide.
pub fn table_workbook(table: &Table) -> Result<Vec<u8>, ExportError> {
    if table.rows.is_empty() {
        return Err(ExportError::Nothing);
    }
    let mut wb = Workbook::new();
    let f = Formats::new();
    let ws = wb.add_worksheet();
    let mut names = sheet_names();
    ws.set_name(names.next_name("汇总")).map_err(xerr)?;
    let width = table.header.len().max(1) as u16;
    let (title, _) = cell_text(&table.title);
    ws.merge_range(0, 0, 0, width - 1, &title, &f.title)
        .map_err(xerr)?;
    ws.set_row_height(0, 30).map_err(xerr)?;
    for (c, h) in table.header.iter().enumerate() {
        let (text, _) = cell_text(h);
        ws.write_string_with_format(1, c as u16, text, &f.label)
            .map_err(xerr)?;
    }
    ws.set_column_width(0, 24).map_err(xerr)?;
    for c in 1..width {
        ws.set_column_width(c, 11).map_err(xerr)?;
    }
    let number = |code: &str| f.center.clone().set_num_format(code);
    let (amount, percent, score, count) = (
        number("#,##0.00"),
        number("0.00%"),
        number("0.00"),
        number("0"),
    );
    for (r, cells) in table.rows.iter().enumerate() {
        let row = 2 + r as u32;
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            let value = |d: &rust_decimal::Decimal| d.to_f64().unwrap_or(0.0);
            match cell {
                Cell::Text(t) => {
                    let (text, quote) = cell_text(t);
                    let fmt = if quote {
                        f.text.clone().set_quote_prefix()
                    } else {
                        f.text.clone()
                    };
                    ws.write_string_with_format(row, col, text, &fmt)
                }
                Cell::Amount(d) => ws.write_number_with_format(row, col, value(d), &amount),
                Cell::Percent(d) => ws.write_number_with_format(row, col, value(d), &percent),
                Cell::Score(d) => ws.write_number_with_format(row, col, value(d), &score),
                Cell::Count(n) => ws.write_number_with_format(row, col, *n as f64, &count),
                Cell::Empty => ws.write_blank(row, col, &f.center),
            }
            .map_err(xerr)?;
        }
    }
    for (row, note) in (2 + table.rows.len() as u32..).zip(&table.notes) {
        let (text, _) = cell_text(note);
        ws.merge_range(row, 0, row, width - 1, &text, &f.plain)
            .map_err(xerr)?;
    }
    ws.set_paper_size(A4);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(1, 1).map_err(xerr)?;
    ws.set_freeze_panes(2, 1).map_err(xerr)?;
    wb.save_to_buffer().map_err(xerr)
}
