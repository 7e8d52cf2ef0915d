//! .xlsx (Excel 2007+, WPS 表格 saved as .xlsx): one document per visible sheet, each cell's
//! text as the sheet shows it (value through its number format), merged regions resolved.
//!
//! Cells are streamed in file order and reading stops at the grid's limits, so a sheet with a
//! stray cell at XFD1048576 or 100,000 rows costs bounded time and memory.

use crate::error::ReadError;
use crate::numfmt;
use calamine::{DataRef, Reader, SheetVisible, Xlsx};
use std::io::Cursor;
use ziping::import::grid::{Document, Merge, Table, MAX_COLS, MAX_ROWS};

/// The most cells read from one sheet.
const MAX_CELLS: usize = 400_000;
/// The most sheets read from one workbook.
const MAX_SHEETS: usize = 200;

pub fn read(bytes: &[u8]) -> Result<Vec<Document>, ReadError> {
    crate::guard::check_zip(bytes)?;
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_error)?;
    let sheets: Vec<String> = wb
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .take(MAX_SHEETS)
        .collect();
    let mut docs = Vec::new();
    for name in sheets {
        let merges: Vec<Merge> = wb
            .merge_cells_by_sheet_name(&name)
            .unwrap_or_default()
            .into_iter()
            .map(|d| Merge {
                first_row: d.start.0 as usize,
                first_col: d.start.1 as usize,
                last_row: d.end.0 as usize,
                last_col: d.end.1 as usize,
            })
            .collect();
        let mut texts: Vec<(usize, usize, String)> = Vec::new();
        let mut cut = false;
        {
            let mut reader = match wb.worksheet_cells_reader(&name) {
                Ok(r) => r,
                // a chart sheet or a damaged sheet: skip it, read the others
                Err(_) => continue,
            };
            let formats: Vec<Option<String>> = reader
                .styles()
                .iter()
                .map(|s| s.number_format.as_ref().map(|n| n.format_code.clone()))
                .collect();
            let mut count = 0usize;
            loop {
                let next = match reader.next_cell_with_style_id() {
                    Ok(n) => n,
                    Err(e) => return Err(ReadError::Corrupt(e.to_string())),
                };
                let Some((cell, style)) = next else { break };
                let (r, c) = cell.get_position();
                let (r, c) = (r as usize, c as usize);
                if r >= MAX_ROWS {
                    // cells come row by row: nothing further is inside the limits
                    cut = true;
                    break;
                }
                if c >= MAX_COLS {
                    cut |= !matches!(cell.get_value(), DataRef::Empty);
                    continue;
                }
                let format = formats.get(style).and_then(|f| f.as_deref());
                let text = display(cell.get_value(), format);
                if text.is_empty() {
                    continue;
                }
                texts.push((r, c, text));
                count += 1;
                if count >= MAX_CELLS {
                    cut = true;
                    break;
                }
            }
        }
        let (table, cut_more) = Table::from_positions(texts, &merges);
        let mut doc = Document::new(name);
        doc.push_table(table, cut || cut_more);
        docs.push(doc);
    }
    Ok(docs)
}

/// A cell's text as the sheet shows it.
pub fn display(value: &DataRef<'_>, format: Option<&str>) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Float(f) => numfmt::number(*f, format),
        // i64 → f64 is exact for the integers a sheet holds (under 2^53)
        DataRef::Int(i) => numfmt::number(*i as f64, format),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.into(),
        DataRef::DateTime(d) => {
            if d.is_duration() {
                numfmt::general(d.as_f64())
            } else {
                let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
                numfmt::date((y, mo, da, h, mi, s), format)
            }
        }
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::Error(e) => format!("{e}"),
    }
}

fn xlsx_error(e: calamine::XlsxError) -> ReadError {
    match e {
        calamine::XlsxError::Password => ReadError::Encrypted,
        other => ReadError::Corrupt(other.to_string()),
    }
}
