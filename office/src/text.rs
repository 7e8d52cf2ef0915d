//! Text files: the bytes decoded (UTF-8, UTF-16 with its mark, or GB18030/GBK — what Chinese
//! Windows Notepad and Excel write), then read as tabbed text, tab-separated values or CSV.

use ziping::import::grid::{Document, SpanCell, TableBuilder};
use ziping::import::text::{read_clipboard_text, read_tabbed_text};

/// The text of a file in whatever encoding Chinese offices write.
pub fn decode(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return encoding_rs::UTF_16LE.decode(bytes).0.into_owned();
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return encoding_rs::UTF_16BE.decode(bytes).0.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// A text file as a document: tabbed text (a report's text), TSV, CSV, or paragraphs.
pub fn read(bytes: &[u8]) -> Document {
    let text = decode(bytes);
    let tabs = text.matches('\t').count();
    let lines = text.lines().count().max(1);
    if tabs == 0 && text.lines().take(50).filter(|l| l.contains(',')).count() * 2 > lines.min(50) {
        return csv(&text);
    }
    if tabs > 0 {
        let doc = read_clipboard_text(&text);
        if doc.tables().next().is_some() {
            return doc;
        }
        return read_tabbed_text(&text);
    }
    read_clipboard_text(&text)
}

/// Comma-separated values as one table (a form saved from Excel as CSV).
fn csv(text: &str) -> Document {
    let mut b = TableBuilder::new();
    let mut rows = 0usize;
    for line in split_csv(text) {
        b.row(line.into_iter().map(SpanCell::new));
        rows += 1;
        if rows > ziping::import::grid::MAX_ROWS {
            break;
        }
    }
    let (t, cut) = b.finish();
    let mut doc = Document::new("");
    doc.push_table(t, cut);
    doc
}

/// RFC 4180 fields: quotes around fields holding commas, quotes or line breaks.
fn split_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut at_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    field.push('"');
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if at_start => {
                quoted = true;
                at_start = false;
            }
            ',' => {
                row.push(std::mem::take(&mut field));
                at_start = true;
            }
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
                at_start = true;
            }
            _ => {
                field.push(c);
                at_start = false;
            }
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_chinese_offices_write() {
        let gbk = encoding_rs::GBK.encode("项目名称\t招商引资").0.into_owned();
        assert_eq!(decode(&gbk), "项目名称\t招商引资");
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("总分".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&utf16), "总分");
        assert_eq!(decode("\u{feff}年度".as_bytes()), "年度");
    }

    #[test]
    fn csv_with_quoted_fields() {
        let doc = read("项目名称,\"招商,引资\"\r\n总分,\"8\"\"7\"\r\n".as_bytes());
        let t = doc.tables().next().expect("table");
        assert_eq!(t.shown(0, 1), "招商,引资");
        assert_eq!(t.shown(1, 1), "8\"7");
    }
}
