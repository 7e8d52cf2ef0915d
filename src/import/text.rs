//! Plain-text sources: the tab-separated text that Excel, WPS and Word put on the clipboard
//! (`text/plain`), and "tabbed text", the shape text extraction gives a Word report such as the
//! seed: each table cell on a line of its own that starts with a tab, further lines of a cell
//! without one, rows separated by a blank line, paragraphs as plain lines.

use super::grid::{Document, SpanCell, Table, TableBuilder};

/// Reads clipboard text: tab-separated rows, cells quoted with `"` when they hold a tab, a line
/// break or a quote (Excel's rule, `""` for a quote inside). A text without any tab is one
/// paragraph per line.
pub fn read_clipboard_text(text: &str) -> Document {
    let mut doc = Document::new("");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.contains('\t') {
        if looks_tabbed(text) {
            return read_tabbed_text(text);
        }
        for line in text.lines() {
            doc.push_paragraph(line.trim());
        }
        return doc;
    }
    if looks_tabbed(text) {
        return read_tabbed_text(text);
    }
    let (table, cut) = tsv(text);
    doc.push_table(table, cut);
    doc
}

/// Tab-separated values with Excel's quoting.
pub fn tsv(text: &str) -> (Table, bool) {
    let mut b = TableBuilder::new();
    let mut row: Vec<SpanCell> = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut at_cell_start = true;
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    cell.push('"');
                } else {
                    quoted = false;
                }
            } else if c != '\r' {
                cell.push(c);
            }
            continue;
        }
        match c {
            '"' if at_cell_start => {
                quoted = true;
                at_cell_start = false;
            }
            '\t' => {
                row.push(SpanCell::new(std::mem::take(&mut cell)));
                at_cell_start = true;
            }
            '\r' => {}
            '\n' => {
                row.push(SpanCell::new(std::mem::take(&mut cell)));
                b.row(std::mem::take(&mut row));
                at_cell_start = true;
            }
            _ => {
                cell.push(c);
                at_cell_start = false;
            }
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(SpanCell::new(cell));
        b.row(row);
    }
    b.finish()
}

/// Whether the text has the tabbed-text shape: several lines that are a tab and a cell.
fn looks_tabbed(text: &str) -> bool {
    let mut led = 0usize;
    let mut multi = 0usize;
    for line in text.lines().take(5_000) {
        let line = line.trim_end_matches('\r');
        if let Some(rest) = line.strip_prefix('\t') {
            if rest.contains('\t') {
                multi += 1;
            } else {
                led += 1;
            }
        }
    }
    led >= 8 && led > multi * 4
}

/// Reads tabbed text (see the module's comment) into paragraphs and tables.
///
/// A blank line inside a cell (an empty paragraph in Word) and a blank line between rows look the
/// same; what follows tells them apart. After blank lines, a plain line belongs to the cell above
/// when the table goes on after it (a tab line follows, directly or after blank lines); otherwise
/// the table has ended and the line is a paragraph (the sign-off under a form, the next title).
pub fn read_tabbed_text(text: &str) -> Document {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    let mut doc = Document::new("");
    let mut table: Option<Vec<Vec<String>>> = None;
    let mut row: Vec<String> = Vec::new();
    let mut blanks = 0usize;
    let mut i = 0;
    let flush_row = |table: &mut Option<Vec<Vec<String>>>, row: &mut Vec<String>| {
        if row.is_empty() {
            return;
        }
        let t = table.get_or_insert_with(Vec::new);
        t.push(row.drain(..).map(|c| c.trim().to_string()).collect());
    };
    let close_table = |doc: &mut Document, table: &mut Option<Vec<Vec<String>>>| {
        if let Some(rows) = table.take() {
            let mut b = TableBuilder::new();
            for row in mend_rows(rows) {
                b.row(row.into_iter().map(SpanCell::new));
            }
            let (t, cut) = b.finish();
            doc.push_table(t, cut);
        }
    };
    while i < lines.len() {
        let line = lines[i];
        if line.trim().is_empty() && !line.starts_with('\t') {
            blanks += 1;
            i += 1;
            continue;
        }
        if line.starts_with('\t') {
            if blanks > 0 {
                // a blank line before a tab line ends the row
                flush_row(&mut table, &mut row);
            }
            blanks = 0;
            for piece in line.split('\t').skip(1) {
                row.push(piece.to_string());
            }
            i += 1;
            continue;
        }
        // a plain line
        let in_table = !row.is_empty();
        if in_table && (blanks == 0 || table_goes_on(&lines, i)) {
            if let Some(cell) = row.last_mut() {
                for _ in 0..blanks {
                    cell.push('\n');
                }
                cell.push('\n');
                cell.push_str(line);
            }
            blanks = 0;
            i += 1;
            continue;
        }
        flush_row(&mut table, &mut row);
        close_table(&mut doc, &mut table);
        doc.push_paragraph(line.trim());
        blanks = 0;
        i += 1;
    }
    flush_row(&mut table, &mut row);
    close_table(&mut doc, &mut table);
    doc
}

/// A cell ending in an empty paragraph looks like the end of a row: the row comes out in two
/// short pieces. Where two consecutive short rows make up together the table's usual width
/// (the most common row length), and the first holds most of it, they are one row.
fn mend_rows(rows: Vec<Vec<String>>) -> Vec<Vec<String>> {
    let mut counts: std::collections::BTreeMap<usize, usize> = Default::default();
    for r in &rows {
        *counts.entry(r.len()).or_default() += 1;
    }
    let Some(width) = counts
        .iter()
        .max_by_key(|(len, n)| (**n, **len))
        .map(|(len, _)| *len)
    else {
        return rows;
    };
    let mut out: Vec<Vec<String>> = Vec::with_capacity(rows.len());
    let mut iter = rows.into_iter().peekable();
    while let Some(mut r) = iter.next() {
        if r.len() < width && r.len() * 2 > width {
            if let Some(next) = iter.peek() {
                if r.len() + next.len() == width {
                    if let Some(next) = iter.next() {
                        r.extend(next);
                    }
                }
            }
        }
        out.push(r);
    }
    out
}

/// Whether the run of plain lines starting at `i` still belongs to the table: it does when a
/// tab line follows it directly (the row goes on); when blank lines come first, only if the
/// run does not read like the text under a form (`填表人：…`, a title ending in 表).
fn table_goes_on(lines: &[&str], i: usize) -> bool {
    let mut j = i;
    while j < lines.len() && !lines[j].trim().is_empty() && !lines[j].starts_with('\t') {
        j += 1;
    }
    let run = &lines[i..j];
    if j < lines.len() && lines[j].starts_with('\t') {
        return true;
    }
    while j < lines.len() && lines[j].trim().is_empty() && !lines[j].starts_with('\t') {
        j += 1;
    }
    let paragraph_like = run.iter().any(|l| {
        l.contains('：') || l.contains(':') || l.trim_end().ends_with('表') || l.contains("自评表")
    });
    j < lines.len() && lines[j].starts_with('\t') && !paragraph_like
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::grid::Block;

    fn texts(t: &Table) -> Vec<Vec<&str>> {
        t.rows
            .iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn excel_tsv_with_quoted_cells() {
        let (t, cut) = tsv("a\t\"b\nc\"\t\"say \"\"hi\"\"\"\r\n1\t2\t3\r\n");
        assert!(!cut);
        assert_eq!(
            texts(&t),
            vec![vec!["a", "b\nc", "say \"hi\""], vec!["1", "2", "3"]]
        );
    }

    #[test]
    fn tsv_rows_of_different_lengths_are_padded() {
        let (t, _) = tsv("a\tb\tc\nd\n");
        assert_eq!(texts(&t), vec![vec!["a", "b", "c"], vec!["d", "", ""]]);
    }

    #[test]
    fn tabbed_text_rows_cells_and_paragraphs() {
        let text = "标题\n\n\t项目名称\n\t社零\n\n\t资金\n(万元)\n\t\n\n\n30\n\t8\n\n\n填表人：张三\n\n下一个\n";
        let doc = read_tabbed_text(text);
        assert_eq!(doc.blocks.len(), 4, "{:?}", doc.blocks);
        assert_eq!(doc.blocks[0], Block::Paragraph("标题".into()));
        let Block::Table(t) = &doc.blocks[1] else {
            panic!("table expected")
        };
        assert_eq!(
            texts(t),
            vec![
                vec!["项目名称", "社零", ""],
                vec!["资金\n(万元)", "30", "8"]
            ]
        );
        assert_eq!(doc.blocks[2], Block::Paragraph("填表人：张三".into()));
        assert_eq!(doc.blocks[3], Block::Paragraph("下一个".into()));
    }

    #[test]
    fn clipboard_text_without_tabs_is_paragraphs() {
        let doc = read_clipboard_text("第一行\r\n第二行\r\n");
        assert_eq!(
            doc.blocks,
            vec![
                Block::Paragraph("第一行".into()),
                Block::Paragraph("第二行".into())
            ]
        );
    }
}
