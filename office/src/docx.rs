//! .docx (Word 2007+, WPS 文字 saved as .docx): the body's paragraphs and tables in order, each
//! table with its merged cells (`gridSpan`, `vMerge`) and the paragraphs of a cell as lines.
//!
//! A small reader on the zip and quick-xml that calamine already brings, instead of docx-rs:
//! docx-rs links a second zip and quick-xml (≈1.3 MB more wasm), panics on a damaged entry, and
//! keeps merged-cell information private. Only `word/document.xml` is read.

use crate::error::ReadError;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use ziping::import::grid::{Document, SpanCell, TableBuilder};

/// The most `word/document.xml` may inflate to.
const MAX_DOCUMENT_XML: u64 = 64 * 1024 * 1024;

pub fn read(bytes: &[u8]) -> Result<Document, ReadError> {
    crate::guard::check_zip(bytes)?;
    let xml = crate::guard::read_entry(bytes, "word/document.xml", MAX_DOCUMENT_XML)?
        .ok_or_else(|| ReadError::Corrupt("word/document.xml missing".into()))?;
    let xml = String::from_utf8(xml).map_err(|e| ReadError::Corrupt(e.to_string()))?;
    parse_document_xml(&xml)
}

/// A cell being read: its text, span and merge.
#[derive(Default)]
struct CellState {
    text: String,
    colspan: usize,
    continues: bool,
    paragraphs: usize,
}

/// A table being read (tables nest: a cell may hold one, whose text joins the cell's).
#[derive(Default)]
struct TableState {
    builder: TableBuilder,
    row: Vec<SpanCell>,
    cell: Option<CellState>,
    /// Empty grid columns before the row's first cell (`w:gridBefore`).
    grid_before: usize,
}

pub fn parse_document_xml(xml: &str) -> Result<Document, ReadError> {
    let mut reader = Reader::from_str(xml);
    let mut doc = Document::new("");
    let mut tables: Vec<TableState> = Vec::new();
    let mut paragraph = String::new();
    let mut in_text = false;
    // content of deleted text, field instructions and the fallback copy of drawings is skipped
    let mut skip_depth = 0usize;
    loop {
        let event = reader
            .read_event()
            .map_err(|e| ReadError::Corrupt(format!("word/document.xml: {e}")))?;
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = local(&e);
                if skip_depth > 0 {
                    skip_depth += 1;
                    continue;
                }
                match name.as_str() {
                    "delText" | "instrText" | "Fallback" | "del" => skip_depth = 1,
                    "tbl" => tables.push(TableState::default()),
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            t.row.clear();
                            t.grid_before = 0;
                        }
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            t.cell = Some(CellState {
                                colspan: 1,
                                ..CellState::default()
                            });
                        }
                    }
                    "p" => paragraph.clear(),
                    "t" => in_text = true,
                    _ => {}
                }
                cell_property(&e, &name, &mut tables);
            }
            Event::Empty(e) => {
                if skip_depth > 0 {
                    continue;
                }
                let name = local(&e);
                match name.as_str() {
                    "tab" => paragraph.push(' '),
                    "br" | "cr" => paragraph.push('\n'),
                    "p" => end_paragraph(&mut tables, &mut doc, ""),
                    _ => {}
                }
                cell_property(&e, &name, &mut tables);
            }
            Event::Text(t) if in_text && skip_depth == 0 => {
                paragraph.push_str(&t.xml10_content());
            }
            Event::CData(t) if in_text && skip_depth == 0 => {
                paragraph.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) if in_text && skip_depth == 0 => {
                let name = r.as_ref();
                let c = match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    _ => r.resolve_char_ref().ok().flatten(),
                };
                if let Some(c) = c {
                    paragraph.push(c);
                }
            }
            Event::End(e) => {
                if skip_depth > 0 {
                    skip_depth -= 1;
                    continue;
                }
                let name = String::from_utf8_lossy(e.local_name().as_ref().as_bytes()).to_string();
                match name.as_str() {
                    "t" => in_text = false,
                    "p" => {
                        let text = std::mem::take(&mut paragraph);
                        end_paragraph(&mut tables, &mut doc, &text);
                    }
                    "tc" => {
                        if let Some(t) = tables.last_mut() {
                            if let Some(c) = t.cell.take() {
                                for _ in 0..std::mem::take(&mut t.grid_before) {
                                    t.row.push(SpanCell::new(""));
                                }
                                t.row.push(SpanCell {
                                    text: c.text.trim().to_string(),
                                    rowspan: 1,
                                    colspan: c.colspan.max(1),
                                    continues_above: c.continues,
                                });
                            }
                        }
                    }
                    "tr" => {
                        if let Some(t) = tables.last_mut() {
                            let row = std::mem::take(&mut t.row);
                            t.builder.row(row);
                        }
                    }
                    "tbl" => {
                        if let Some(t) = tables.pop() {
                            let (table, cut) = t.builder.finish();
                            match tables.last_mut().and_then(|outer| outer.cell.as_mut()) {
                                // a table inside a cell: its text joins the cell's
                                Some(cell) => {
                                    for row in &table.rows {
                                        let line: Vec<&str> = row
                                            .iter()
                                            .map(|c| c.text.as_str())
                                            .filter(|s| !s.is_empty())
                                            .collect();
                                        if !line.is_empty() {
                                            if !cell.text.is_empty() {
                                                cell.text.push('\n');
                                            }
                                            cell.text.push_str(&line.join(" "));
                                        }
                                    }
                                }
                                None => doc.push_table(table, cut),
                            }
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    Ok(doc)
}

fn local(e: &BytesStart<'_>) -> String {
    String::from_utf8_lossy(e.local_name().as_ref().as_bytes()).to_string()
}

/// `w:gridSpan`, `w:vMerge` and `w:gridBefore` of the cell or row being read.
fn cell_property(e: &BytesStart<'_>, name: &str, tables: &mut [TableState]) {
    let Some(t) = tables.last_mut() else { return };
    let val = || {
        e.try_get_attribute("w:val")
            .ok()
            .flatten()
            .map(|a| a.value.to_string())
    };
    match name {
        "gridSpan" => {
            if let Some(c) = t.cell.as_mut() {
                c.colspan = val().and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 64);
            }
        }
        "vMerge" => {
            if let Some(c) = t.cell.as_mut() {
                // <w:vMerge/> and w:val="continue" continue the cell above; "restart" starts one
                c.continues = val().as_deref() != Some("restart");
            }
        }
        "gridBefore" => {
            t.grid_before = val().and_then(|v| v.parse().ok()).unwrap_or(0).min(64);
        }
        _ => {}
    }
}

/// A paragraph ends: a line of the current cell, or a paragraph of the document.
fn end_paragraph(tables: &mut [TableState], doc: &mut Document, text: &str) {
    match tables.last_mut().and_then(|t| t.cell.as_mut()) {
        Some(cell) => {
            if cell.paragraphs > 0 {
                cell.text.push('\n');
            }
            cell.text.push_str(text);
            cell.paragraphs += 1;
        }
        None => {
            if tables.is_empty() {
                doc.push_paragraph(text.trim());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ziping::import::grid::Block;

    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn cell(text: &str, props: &str) -> String {
        format!("<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn paragraphs_tables_spans_and_merges() {
        let xml = format!(
            r#"<w:document {NS}><w:body>
            <w:p><w:r><w:t>2022年度预算支出绩效自评表</w:t></w:r></w:p>
            <w:tbl>
              <w:tr>{}{}</w:tr>
              <w:tr>{}{}{}</w:tr>
              <w:tr>{}{}{}</w:tr>
            </w:tbl>
            <w:p><w:r><w:t xml:space="preserve">填表人：张三 &amp; 李四</w:t></w:r></w:p>
            </w:body></w:document>"#,
            cell("项目名称", ""),
            cell("招商引资", r#"<w:gridSpan w:val="2"/>"#),
            cell("产出指标", r#"<w:vMerge w:val="restart"/>"#),
            cell("数量指标", ""),
            cell("20个", ""),
            cell("", "<w:vMerge/>"),
            cell("质量指标", ""),
            cell("100%", ""),
        );
        let doc = parse_document_xml(&xml).expect("parse");
        assert_eq!(doc.blocks.len(), 3);
        assert_eq!(
            doc.blocks[0],
            Block::Paragraph("2022年度预算支出绩效自评表".into())
        );
        let Block::Table(t) = &doc.blocks[1] else {
            panic!("table")
        };
        assert_eq!(t.rows.len(), 3);
        assert_eq!(t.shown(0, 1), "招商引资");
        assert_eq!(t.cell(0, 2).and_then(|c| c.merged_from), Some((0, 1)));
        assert_eq!(t.shown(2, 0), "产出指标");
        assert_eq!(t.cell(2, 0).and_then(|c| c.merged_from), Some((1, 0)));
        assert_eq!(
            doc.blocks[2],
            Block::Paragraph("填表人：张三 & 李四".into())
        );
    }

    #[test]
    fn cell_paragraphs_are_lines_and_deleted_text_is_skipped() {
        let xml = format!(
            r#"<w:document {NS}><w:body><w:tbl><w:tr><w:tc>
            <w:p><w:r><w:t>偏差原因</w:t></w:r></w:p>
            <w:p><w:r><w:t>分析及</w:t></w:r><w:del><w:r><w:delText>旧</w:delText></w:r></w:del></w:p>
            <w:p><w:r><w:t>改进</w:t><w:br/><w:t>措施</w:t></w:r></w:p>
            </w:tc></w:tr></w:tbl></w:body></w:document>"#
        );
        let doc = parse_document_xml(&xml).expect("parse");
        let Block::Table(t) = &doc.blocks[0] else {
            panic!("table")
        };
        assert_eq!(t.shown(0, 0), "偏差原因\n分析及\n改进\n措施");
    }

    #[test]
    fn damaged_xml_is_an_error() {
        assert!(matches!(
            parse_document_xml("<w:document><w:body><w:p></w:body>"),
            Err(ReadError::Corrupt(_))
        ));
    }
}
