//! The report as a Word document, written as WordprocessingML on the zip the module already has
//! (docx-rs would add a second zip and XML library and has no repeating table headers).
//!
//! Official-document conventions (GB/T 9704): A4, margins 37 / 35 / 28 / 26 mm, body in 仿宋 16 pt
//! (三号) on a fixed 28.95 pt line, the title in 方正小标宋 22 pt, level-1 headings in 黑体 and
//! level-2 in 楷体, page numbers at the foot. Each form is a table on a page of its own: the
//! header and funds as one table, the indicator table as a second whose title row repeats on
//! every page.

use super::layout::{FormLayout, LCell, Style};
use super::report::Block;
use super::safe::xml_safe;
use super::ExportError;
use std::io::{Cursor, Write};

/// A4 and GB/T 9704 margins, in twentieths of a point.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
const MARGIN_TOP: u32 = 2098;
const MARGIN_BOTTOM: u32 = 1984;
const MARGIN_LEFT: u32 = 1587;
const MARGIN_RIGHT: u32 = 1474;
const TEXT_W: u32 = PAGE_W - MARGIN_LEFT - MARGIN_RIGHT;
/// Tables in 小五 (9 pt): the form's nine columns fit the page's text width.
const TABLE_HALF_POINTS: u32 = 18;

fn esc(t: &str) -> String {
    xml_safe(t)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A run of text in the given fonts and size (half-points).
fn run(text: &str, east_asia: &str, half_points: u32, bold: bool) -> String {
    let b = if bold { "<w:b/><w:bCs/>" } else { "" };
    format!(
        "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{east_asia}\"/>{b}<w:sz w:val=\"{half_points}\"/><w:szCs w:val=\"{half_points}\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        esc(text)
    )
}

/// A body paragraph: first line indented two characters, fixed line height.
fn body(text: &str) -> String {
    format!(
        "<w:p><w:pPr><w:spacing w:line=\"579\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:jc w:val=\"both\"/></w:pPr>{}</w:p>",
        run(text, "仿宋_GB2312", 32, false)
    )
}

fn heading(text: &str, font: &str, bold: bool) -> String {
    format!(
        "<w:p><w:pPr><w:keepNext/><w:spacing w:line=\"579\" w:lineRule=\"exact\"/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr>{}</w:p>",
        run(text, font, 32, bold)
    )
}

fn title(text: &str, page_break: bool) -> String {
    let brk = if page_break {
        "<w:pageBreakBefore/>"
    } else {
        ""
    };
    format!(
        "<w:p><w:pPr>{brk}<w:spacing w:before=\"240\" w:after=\"240\" w:line=\"579\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/></w:pPr>{}</w:p>",
        run(text, "方正小标宋简体", 44, false)
    )
}

/// A cell's paragraphs: one per line of its text.
fn cell_paragraphs(text: &str, style: Style) -> String {
    let (jc, bold) = match style {
        Style::Label => ("center", true),
        Style::Center => ("center", false),
        _ => ("left", false),
    };
    let lines: Vec<&str> = if text.is_empty() {
        vec![""]
    } else {
        text.split('\n').collect()
    };
    lines
        .iter()
        .map(|l| {
            format!(
                "<w:p><w:pPr><w:spacing w:line=\"240\" w:lineRule=\"auto\"/><w:jc w:val=\"{jc}\"/></w:pPr>{}</w:p>",
                if l.is_empty() { String::new() } else { run(l, "宋体", TABLE_HALF_POINTS, bold) }
            )
        })
        .collect()
}

/// The rows `from..to` of a form as one Word table.
fn table(l: &FormLayout, from: u32, to: u32, repeat_first: bool) -> String {
    let total: f64 = l.widths.iter().sum();
    let cols: Vec<u32> = l
        .widths
        .iter()
        .map(|w| (*w / total * TEXT_W as f64).round() as u32)
        .collect();
    let mut x = String::from("<w:tbl><w:tblPr><w:tblW w:w=\"");
    x.push_str(&TEXT_W.to_string());
    x.push_str("\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        x.push_str(&format!(
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        ));
    }
    x.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
    for w in &cols {
        x.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    x.push_str("</w:tblGrid>");
    // which cell covers each position
    let owner = |r: u32, c: u16| -> Option<&LCell> {
        l.cells.iter().find(|cell| {
            r >= cell.row && r < cell.row + cell.rows && c >= cell.col && c < cell.col + cell.cols
        })
    };
    for r in from..to {
        x.push_str("<w:tr><w:trPr><w:cantSplit/>");
        if repeat_first && r == from {
            x.push_str("<w:tblHeader/>");
        }
        x.push_str("</w:trPr>");
        let mut c = 0u16;
        while c < l.width {
            let (span, merge, text, style) = match owner(r, c) {
                Some(cell) if cell.col == c => {
                    let merge = if cell.rows > 1 {
                        if cell.row == r || (r == from && cell.row < from) {
                            Some("restart")
                        } else {
                            Some("continue")
                        }
                    } else {
                        None
                    };
                    let text = if merge == Some("continue") {
                        String::new()
                    } else {
                        cell.value.shown()
                    };
                    (cell.cols, merge, text, cell.style)
                }
                // covered from the left within this row: part of that cell's span
                Some(cell) => {
                    c = cell.col + cell.cols;
                    continue;
                }
                None => (1, None, String::new(), Style::Text),
            };
            let width: u32 = cols[c as usize..(c + span).min(l.width) as usize]
                .iter()
                .sum();
            x.push_str(&format!(
                "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
            ));
            if span > 1 {
                x.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
            }
            match merge {
                Some("restart") => x.push_str("<w:vMerge w:val=\"restart\"/>"),
                Some(_) => x.push_str("<w:vMerge/>"),
                None => {}
            }
            x.push_str("<w:vAlign w:val=\"center\"/></w:tcPr>");
            x.push_str(&cell_paragraphs(&text, style));
            x.push_str("</w:tc>");
            c += span;
        }
        x.push_str("</w:tr>");
    }
    x.push_str("</w:tbl>");
    x
}

/// A form: its title, its tables, the lines under them.
fn form(l: &FormLayout, first: bool) -> String {
    let mut x = title(&l.title, !first);
    // cells spanning the whole width without borders (sign-off, the note) are paragraphs
    let plain: Vec<&LCell> = l.cells.iter().filter(|c| c.style == Style::Plain).collect();
    let last_row = plain.iter().map(|c| c.row).min().unwrap_or(l.height);
    // the title row of the layout is the page's title above
    x.push_str(&table(l, 1, l.header_row, false));
    x.push_str("<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"0\" w:line=\"120\" w:lineRule=\"exact\"/></w:pPr></w:p>");
    x.push_str(&table(l, l.header_row, last_row, true));
    for c in plain {
        x.push_str(&format!(
            "<w:p><w:pPr><w:spacing w:before=\"120\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr>{}</w:p>",
            run(&c.value.shown(), "宋体", TABLE_HALF_POINTS, false)
        ));
    }
    x
}

fn document_xml(blocks: &[Block]) -> String {
    let mut body_xml = String::new();
    for (i, b) in blocks.iter().enumerate() {
        body_xml.push_str(&match b {
            Block::Title(t) => title(t, i > 0),
            Block::Heading1(t) => heading(t, "黑体", false),
            Block::Heading2(t) => heading(t, "楷体_GB2312", false),
            Block::Heading3(t) => heading(t, "仿宋_GB2312", true),
            Block::Para(t) => body(t),
            Block::Form(l) => form(l, i == 0),
        });
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">\
<w:body>{body_xml}<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>\
<w:pgSz w:w=\"{PAGE_W}\" w:h=\"{PAGE_H}\"/>\
<w:pgMar w:top=\"{MARGIN_TOP}\" w:right=\"{MARGIN_RIGHT}\" w:bottom=\"{MARGIN_BOTTOM}\" w:left=\"{MARGIN_LEFT}\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>\
</w:sectPr></w:body></w:document>"
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rIdFooter\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
</Relationships>";

const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"仿宋_GB2312\" w:cs=\"Times New Roman\"/>\
<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault>\
<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
</w:styles>";

const FOOTER: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>\
<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\"/><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">— </w:t></w:r>\
<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\"/><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>\
<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"separate\"/></w:r>\
<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:t>1</w:t></w:r>\
<w:r><w:rPr><w:sz w:val=\"28\"/></w:rPr><w:fldChar w:fldCharType=\"end\"/></w:r>\
<w:r><w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\"/><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\"> —</w:t></w:r></w:p></w:ftr>";

/// The .docx bytes of the blocks.
pub fn document(blocks: &[Block]) -> Result<Vec<u8>, ExportError> {
    let err = |e: &dyn std::fmt::Display| ExportError::Writer(e.to_string());
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.into()),
        ("_rels/.rels", ROOT_RELS.into()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.into()),
        ("word/styles.xml", STYLES.into()),
        ("word/footer1.xml", FOOTER.into()),
        ("word/document.xml", document_xml(blocks)),
    ];
    for (name, data) in parts {
        zip.start_file(name, opts).map_err(|e| err(&e))?;
        zip.write_all(data.as_bytes()).map_err(|e| err(&e))?;
    }
    let cursor = zip.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}

/// One form (or several) as a Word document of their own: the tables only.
pub fn forms_document(layouts: Vec<FormLayout>) -> Result<Vec<u8>, ExportError> {
    let blocks: Vec<Block> = layouts.into_iter().map(Block::Form).collect();
    document(&blocks)
}
