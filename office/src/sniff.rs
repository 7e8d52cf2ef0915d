//! Which reader a file needs, by its first bytes (and, inside a zip or an OLE container, by
//! the parts it holds), never by its name alone: government systems often send HTML saved as
//! `.xls`, and an encrypted `.xlsx` is an OLE file.

use std::io::Cursor;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Docx,
    Ods,
    Odt,
    /// BIFF workbook in an OLE container (.xls, and WPS .et files that hold one).
    Xls,
    Doc,
    /// An OLE container holding an encrypted Office file.
    Encrypted,
    /// Another OLE file (WPS .et/.wps of their own format …).
    OtherOle,
    /// A zip that is none of the above.
    OtherZip,
    Pdf,
    Rtf,
    Image,
    /// HTML or XML: read by the browser's parser, not here.
    Markup,
    /// Text: tab-separated, tabbed text, CSV.
    Text,
    Empty,
}

const OLE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

pub fn sniff(bytes: &[u8]) -> Format {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Format::Empty;
    }
    if bytes.starts_with(b"PK\x03\x04") {
        return zip_kind(bytes);
    }
    if bytes.starts_with(&OLE) {
        return ole_kind(bytes);
    }
    if bytes.starts_with(b"%PDF") {
        return Format::Pdf;
    }
    if bytes.starts_with(b"{\\rtf") {
        return Format::Rtf;
    }
    if bytes.starts_with(&[0x89, b'P', b'N', b'G'])
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
        || bytes.starts_with(b"GIF8")
        || bytes.starts_with(b"BM")
    {
        return Format::Image;
    }
    let start = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let first = start.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'<') {
        return Format::Markup;
    }
    Format::Text
}

fn zip_kind(bytes: &[u8]) -> Format {
    let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Format::OtherZip;
    };
    let has = |name: &str| {
        zip.file_names_raw()
            .any(|n| n.eq_ignore_ascii_case(name.as_bytes()))
    };
    if has("word/document.xml") {
        Format::Docx
    } else if has("xl/workbook.xml") || has("xl/workbook.bin") {
        Format::Xlsx
    } else if has("content.xml") {
        // OpenDocument: the mimetype entry says which
        let text = has("mimetype")
            && bytes
                .windows(b"opendocument.text".len())
                .take(200)
                .any(|w| w == b"opendocument.text");
        if text {
            Format::Odt
        } else {
            Format::Ods
        }
    } else {
        Format::OtherZip
    }
}

/// OLE directory entries store stream names in UTF-16LE; looking for the names is enough to
/// tell a workbook, a Word document and an encrypted package apart.
fn ole_kind(bytes: &[u8]) -> Format {
    let has = |name: &str| {
        let pattern: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        bytes
            .windows(pattern.len())
            .any(|w| w == pattern.as_slice())
    };
    if has("EncryptedPackage") {
        Format::Encrypted
    } else if has("Workbook") || has("Book") {
        Format::Xls
    } else if has("WordDocument") {
        Format::Doc
    } else {
        Format::OtherOle
    }
}
