//! ziping's office module: reads .xlsx, .xls, .docx and text into documents for the recogniser.
//! Built as a wasm module of its own and loaded on first use, so none of it is in the page's
//! first download; natively it is a plain library with tests.

pub mod biff;
pub mod docx;
pub mod error;
pub mod export;
pub mod guard;
pub mod numfmt;
pub mod sniff;
pub mod text;
#[cfg(target_arch = "wasm32")]
mod wasm;
pub mod xlsx;

pub use error::{Legacy, ReadError, MAX_FILE_BYTES};
use sniff::Format;
use ziping::import::grid::{Block, Document, SpannedDocument, Table};
use ziping::import::{recognise, text::tsv, Outcome};

/// The documents a file holds (one per sheet of a workbook). `name` only words the message
/// for formats ziping does not read (`.et`, `.wps`).
pub fn read_documents(name: &str, bytes: &[u8]) -> Result<Vec<Document>, ReadError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ReadError::TooLarge { bytes: bytes.len() });
    }
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match sniff::sniff(bytes) {
        Format::Empty => Err(ReadError::Empty),
        Format::Xlsx => xlsx::read(bytes),
        Format::Docx => docx::read(bytes).map(|d| vec![d]),
        Format::Xls => biff::read(bytes).map_err(|e| match (e, ext.as_str()) {
            (ReadError::Corrupt(_), "et") => ReadError::Legacy(Legacy::Et),
            (e, _) => e,
        }),
        Format::Encrypted => Err(ReadError::Encrypted),
        Format::Doc => Err(ReadError::Legacy(match ext.as_str() {
            "wps" => Legacy::Wps,
            _ => Legacy::Doc,
        })),
        Format::OtherOle => Err(match ext.as_str() {
            "et" | "ett" => ReadError::Legacy(Legacy::Et),
            "wps" | "wpt" => ReadError::Legacy(Legacy::Wps),
            "doc" | "dot" => ReadError::Legacy(Legacy::Doc),
            _ => ReadError::Unknown,
        }),
        Format::Ods => Err(ReadError::Legacy(Legacy::Et)),
        Format::Odt => Err(ReadError::Legacy(Legacy::Odt)),
        Format::Pdf => Err(ReadError::Legacy(Legacy::Pdf)),
        Format::Rtf => Err(ReadError::Legacy(Legacy::Rtf)),
        Format::Image => Err(ReadError::Legacy(Legacy::Image)),
        Format::OtherZip | Format::Markup => Err(ReadError::Unknown),
        Format::Text => Ok(vec![text::read(bytes)]),
    }
}

/// The forms in a file.
pub fn import_file(name: &str, bytes: &[u8]) -> Result<Outcome, ReadError> {
    read_documents(name, bytes).map(|docs| recognise(&docs))
}

/// The forms in what the browser's HTML parser read (a paste, an `.html` file). `plain` is the
/// clipboard's tab-separated text of the same selection: where the HTML shows what a narrow
/// column drew (`####`, `4E+05`) the text has the value.
pub fn import_spanned(docs: Vec<SpannedDocument>, plain: &str) -> Outcome {
    let mut docs: Vec<Document> = docs
        .into_iter()
        .map(SpannedDocument::into_document)
        .collect();
    if docs.iter().all(|d| d.blocks.is_empty()) {
        // text alone (a paste from a plain editor, or a browser that gave no HTML)
        return recognise(&[ziping::import::text::read_clipboard_text(plain)]);
    }
    if !plain.trim().is_empty() {
        let (values, _) = tsv(plain);
        let tables: usize = docs.iter().map(|d| d.tables().count()).sum();
        if tables == 1 {
            for doc in &mut docs {
                for block in &mut doc.blocks {
                    if let Block::Table(t) = block {
                        fill_drawn_numbers(t, &values);
                    }
                }
            }
        }
    }
    recognise(&docs)
}

/// Replaces cells that show a narrow column's drawing (`####`, `4E+05`) by the value at the
/// same place in the plain text.
fn fill_drawn_numbers(table: &mut Table, values: &Table) {
    for (r, row) in table.rows.iter_mut().enumerate() {
        for (c, cell) in row.iter_mut().enumerate() {
            if drawn(&cell.text) {
                if let Some(v) = values.cell(r, c).map(|v| v.text.trim()) {
                    if !v.is_empty() && !drawn(v) {
                        cell.text = v.to_string();
                    }
                }
            }
        }
    }
}

/// `####` or a General number in exponent form (`4E+05`, `1.2E+07`).
fn drawn(t: &str) -> bool {
    let t = t.trim();
    if !t.is_empty() && t.chars().all(|c| c == '#') {
        return true;
    }
    let Some((m, e)) = t.split_once(['E', 'e']) else {
        return false;
    };
    !m.is_empty()
        && m.chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
        && e.len() >= 2
        && e.starts_with(['+', '-'])
        && e[1..].chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_column_drawings_take_the_plain_value() {
        assert!(drawn("4E+05"));
        assert!(drawn("1.2E+07"));
        assert!(drawn("####"));
        assert!(!drawn("≥90%"));
        assert!(!drawn("E+05"));
    }
}
