//! .xls (Excel 97–2003 BIFF8, and the BIFF5 of Excel 95; WPS .et files that hold one): one
//! document per visible sheet, each cell as the sheet shows it through its number format,
//! merged regions resolved.
//!
//! A reader of our own rather than calamine's: property tests found calamine's .xls reader
//! panicking on damaged files (out-of-range slices while decoding formulas it does not need), and
//! calamine keeps no number formats for .xls, without which a cell holding 0.95 shown as `95%`
//! reads as `0.95`. Two walks: the OLE container (compound file) to the `Workbook` stream, then
//! the BIFF records in it. Every read is bounds-checked; anything unexpected ends a walk with what
//! was found so far.

use crate::error::ReadError;
use crate::numfmt;
use std::collections::HashMap;
use ziping::import::grid::{Document, Merge, Table, MAX_COLS, MAX_ROWS};

/// The most cells read from one sheet.
const MAX_CELLS: usize = 400_000;
/// The most shared strings kept.
const MAX_STRINGS: usize = 1_000_000;

pub fn read(file: &[u8]) -> Result<Vec<Document>, ReadError> {
    let stream =
        workbook_stream(file).ok_or_else(|| ReadError::Corrupt("no Workbook stream".into()))?;
    let book = globals(&stream)?;
    let mut docs = Vec::new();
    for sheet in book.sheets.iter().take(200) {
        let (texts, merges, cut) = sheet_cells(&stream, sheet.pos, &book);
        let (table, cut_more) = Table::from_positions(texts, &merges);
        let mut doc = Document::new(sheet.name.clone());
        doc.push_table(table, cut || cut_more);
        docs.push(doc);
    }
    if docs.is_empty() {
        return Err(ReadError::Corrupt("no worksheet".into()));
    }
    Ok(docs)
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at.checked_add(2)?)
        .map(|s| u16::from_le_bytes([s[0], s[1]]))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at.checked_add(4)?)
        .map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn f64_at(b: &[u8], at: usize) -> Option<f64> {
    let s = b.get(at..at.checked_add(8)?)?;
    let mut a = [0u8; 8];
    a.copy_from_slice(s);
    Some(f64::from_le_bytes(a))
}

const END_OF_CHAIN: u32 = 0xFFFF_FFFE;
const FREE: u32 = 0xFFFF_FFFF;

/// The `Workbook` (BIFF8) or `Book` (BIFF5) stream of a compound file.
fn workbook_stream(file: &[u8]) -> Option<Vec<u8>> {
    if file.len() < 512 || file[..8] != [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] {
        return None;
    }
    let shift = u16_at(file, 0x1E)?;
    if !(7..=16).contains(&shift) {
        return None;
    }
    let size = 1usize << shift;
    let mini_size = 1usize << u16_at(file, 0x20)?.clamp(1, 16);
    let fat_sectors = u32_at(file, 0x2C)? as usize;
    let first_dir = u32_at(file, 0x30)?;
    let cutoff = u32_at(file, 0x38)? as u64;
    let first_minifat = u32_at(file, 0x3C)?;
    let mut difat_next = u32_at(file, 0x44)?;
    let sectors = file.len() / size;
    let sector = |n: u32| -> Option<&[u8]> {
        let start = (n as usize).checked_add(1)?.checked_mul(size)?;
        file.get(start..start.checked_add(size)?)
    };
    // the FAT's own sectors: 109 in the header, the rest in the DIFAT chain
    let fat_sectors = fat_sectors.min(sectors);
    let mut fat_ids: Vec<u32> = (0..109.min(fat_sectors))
        .filter_map(|i| u32_at(file, 0x4C + i * 4))
        .collect();
    let mut guard = 0;
    while fat_ids.len() < fat_sectors && difat_next != END_OF_CHAIN && difat_next != FREE {
        guard += 1;
        if guard > sectors {
            return None;
        }
        let s = sector(difat_next)?;
        let per = size / 4 - 1;
        for i in 0..per {
            if fat_ids.len() >= fat_sectors {
                break;
            }
            fat_ids.push(u32_at(s, i * 4)?);
        }
        difat_next = u32_at(s, per * 4)?;
    }
    let mut fat: Vec<u32> = Vec::with_capacity(fat_ids.len() * size / 4);
    for id in fat_ids {
        let s = sector(id)?;
        fat.extend((0..size / 4).filter_map(|i| u32_at(s, i * 4)));
    }
    let chain = |start: u32| -> Option<Vec<u8>> {
        let mut out = Vec::new();
        let mut n = start;
        let mut steps = 0;
        while n != END_OF_CHAIN && n != FREE {
            steps += 1;
            if steps > sectors + 1 {
                return None;
            }
            out.extend_from_slice(sector(n)?);
            n = *fat.get(n as usize)?;
        }
        Some(out)
    };
    let dir = chain(first_dir)?;
    let mut root: Option<(u32, u64)> = None;
    let mut workbook: Option<(u32, u64)> = None;
    for entry in dir.chunks(128) {
        if entry.len() < 128 {
            break;
        }
        let name_len = (u16_at(entry, 0x40)? as usize).min(64);
        let units: Vec<u16> = (0..name_len / 2)
            .filter_map(|i| u16_at(entry, i * 2))
            .take_while(|u| *u != 0)
            .collect();
        let name = String::from_utf16_lossy(&units);
        let kind = entry[0x42];
        let start = u32_at(entry, 0x74)?;
        let len = u32_at(entry, 0x78)? as u64;
        if kind == 5 {
            root = Some((start, len));
        } else if kind == 2 && (name == "Workbook" || name == "Book") && workbook.is_none() {
            workbook = Some((start, len));
        }
    }
    let (start, len) = workbook?;
    let limit = (len as usize).min(file.len());
    if len >= cutoff {
        let mut data = chain(start)?;
        data.truncate(limit);
        return Some(data);
    }
    // a small stream lives in the mini stream
    let (root_start, root_len) = root?;
    let mut mini_stream = chain(root_start)?;
    mini_stream.truncate((root_len as usize).min(mini_stream.len()));
    let minifat_bytes = chain(first_minifat)?;
    let minifat: Vec<u32> = (0..minifat_bytes.len() / 4)
        .filter_map(|i| u32_at(&minifat_bytes, i * 4))
        .collect();
    let mut out = Vec::new();
    let mut n = start;
    let mut steps = 0;
    while n != END_OF_CHAIN && n != FREE && out.len() < limit {
        steps += 1;
        if steps > minifat.len() + 1 {
            return None;
        }
        let at = (n as usize).checked_mul(mini_size)?;
        out.extend_from_slice(mini_stream.get(at..at.checked_add(mini_size)?)?);
        n = *minifat.get(n as usize)?;
    }
    out.truncate(limit);
    Some(out)
}

/// The records of a stream from `at`: (type, payload, offset).
struct Records<'a> {
    data: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Records<'a> {
    type Item = (u16, &'a [u8]);
    fn next(&mut self) -> Option<Self::Item> {
        let kind = u16_at(self.data, self.at)?;
        let len = u16_at(self.data, self.at + 2)? as usize;
        let payload = self.data.get(self.at + 4..self.at + 4 + len)?;
        self.at += 4 + len;
        Some((kind, payload))
    }
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const CONTINUE: u16 = 0x003C;

struct Sheet {
    pos: usize,
    name: String,
}

/// What the workbook globals say.
struct Book {
    biff8: bool,
    date1904: bool,
    encoding: &'static encoding_rs::Encoding,
    /// format code by format id
    codes: HashMap<u16, String>,
    /// format id by XF index
    xf_formats: Vec<u16>,
    sheets: Vec<Sheet>,
    strings: Vec<String>,
}

impl Book {
    fn format(&self, xf: u16) -> Option<String> {
        let id = *self.xf_formats.get(xf as usize)?;
        self.codes
            .get(&id)
            .cloned()
            .or_else(|| builtin(id).map(str::to_string))
    }
}

fn globals(stream: &[u8]) -> Result<Book, ReadError> {
    let mut book = Book {
        biff8: true,
        date1904: false,
        encoding: encoding_rs::WINDOWS_1252,
        codes: HashMap::new(),
        xf_formats: Vec::new(),
        sheets: Vec::new(),
        strings: Vec::new(),
    };
    let mut records = Records {
        data: stream,
        at: 0,
    }
    .peekable();
    let mut first = true;
    while let Some((kind, data)) = records.next() {
        match kind {
            BOF if first => {
                let version = u16_at(data, 0).unwrap_or(0);
                book.biff8 = version == 0x0600;
                if version != 0x0600 && version != 0x0500 {
                    return Err(ReadError::Corrupt(format!("BIFF version {version:#06x}")));
                }
            }
            0x002F => return Err(ReadError::Encrypted),
            0x0042 => {
                book.encoding = match u16_at(data, 0).unwrap_or(1252) {
                    936 => encoding_rs::GBK,
                    950 => encoding_rs::BIG5,
                    1200 => encoding_rs::UTF_16LE,
                    65001 => encoding_rs::UTF_8,
                    _ => encoding_rs::WINDOWS_1252,
                };
            }
            0x0022 => book.date1904 = u16_at(data, 0) == Some(1),
            0x041E => {
                let id = u16_at(data, 0).unwrap_or(0);
                let code = if book.biff8 {
                    xl_string(data, 2, true).map(|(s, _)| s)
                } else {
                    byte_string(data, 2, false, book.encoding)
                };
                if let Some(code) = code {
                    book.codes.insert(id, code);
                }
            }
            0x00E0 => book.xf_formats.push(u16_at(data, 2).unwrap_or(0)),
            0x0085 => {
                let pos = u32_at(data, 0).unwrap_or(0) as usize;
                let visible = data.get(4).is_some_and(|s| s & 0x03 == 0);
                let worksheet = data.get(5) == Some(&0);
                let name = if book.biff8 {
                    short_xl_string(data, 6)
                } else {
                    byte_string(data, 6, true, book.encoding)
                };
                if let (true, true, Some(name)) = (visible, worksheet, name) {
                    book.sheets.push(Sheet { pos, name });
                }
            }
            0x00FC => {
                let mut segments: Vec<&[u8]> = vec![data.get(8..).unwrap_or(&[])];
                while let Some((CONTINUE, more)) = records.peek().copied() {
                    segments.push(more);
                    records.next();
                }
                book.strings = shared_strings(&segments);
            }
            EOF => break,
            _ => {}
        }
        first = false;
    }
    Ok(book)
}

/// An XLUnicodeString: `cch` (u16 when `long`, else u8), a flags byte, the characters
/// (UTF-16 when flag bit 0 is set, else one byte each). Returns the text and the bytes used.
fn xl_string(data: &[u8], at: usize, long: bool) -> Option<(String, usize)> {
    let (cch, flags_at) = if long {
        (u16_at(data, at)? as usize, at + 2)
    } else {
        (*data.get(at)? as usize, at + 1)
    };
    let flags = *data.get(flags_at)?;
    let start = flags_at + 1;
    if flags & 1 == 1 {
        let end = start.checked_add(cch * 2)?.min(data.len());
        let units: Vec<u16> = data[start.min(end)..end]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some((String::from_utf16_lossy(&units), end - at))
    } else {
        let end = start.checked_add(cch)?.min(data.len());
        let text = data[start.min(end)..end]
            .iter()
            .map(|&b| b as char)
            .collect();
        Some((text, end - at))
    }
}

fn short_xl_string(data: &[u8], at: usize) -> Option<String> {
    xl_string(data, at, false).map(|(s, _)| s)
}

/// A BIFF5 string: a length (u8 when `short`, else u16) and bytes in the workbook's code page.
fn byte_string(
    data: &[u8],
    at: usize,
    short: bool,
    encoding: &'static encoding_rs::Encoding,
) -> Option<String> {
    let (len, start) = if short {
        (*data.get(at)? as usize, at + 1)
    } else {
        (u16_at(data, at)? as usize, at + 2)
    };
    let end = start.checked_add(len)?.min(data.len());
    Some(encoding.decode(&data[start.min(end)..end]).0.into_owned())
}

/// A cursor over the SST record and its CONTINUE records.
struct Segments<'a> {
    segments: &'a [&'a [u8]],
    seg: usize,
    at: usize,
}

impl Segments<'_> {
    fn byte(&mut self) -> Option<u8> {
        loop {
            let s = self.segments.get(self.seg)?;
            if let Some(b) = s.get(self.at) {
                self.at += 1;
                return Some(*b);
            }
            self.seg += 1;
            self.at = 0;
        }
    }
    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }
    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            let s = self.segments.get(self.seg)?;
            let left = s.len().saturating_sub(self.at);
            if left == 0 {
                self.seg += 1;
                self.at = 0;
                continue;
            }
            let k = left.min(n);
            self.at += k;
            n -= k;
        }
        Some(())
    }
    /// `n` characters; where they run on into the next record, that record begins with a new
    /// flags byte saying whether the rest is one or two bytes a character.
    fn chars(&mut self, mut n: usize, mut high: bool) -> Option<String> {
        let mut units: Vec<u16> = Vec::with_capacity(n.min(4096));
        while n > 0 {
            let s = *self.segments.get(self.seg)?;
            if self.at >= s.len() {
                self.seg += 1;
                self.at = 0;
                high = self.byte()? & 1 == 1;
                continue;
            }
            if high {
                let lo = *s.get(self.at)?;
                let hi = *s.get(self.at + 1)?;
                units.push(u16::from_le_bytes([lo, hi]));
                self.at += 2;
            } else {
                units.push(s[self.at] as u16);
                self.at += 1;
            }
            n -= 1;
        }
        Some(String::from_utf16_lossy(&units))
    }
}

/// The shared strings (XLUnicodeRichExtendedString each).
fn shared_strings(segments: &[&[u8]]) -> Vec<String> {
    let mut cur = Segments {
        segments,
        seg: 0,
        at: 0,
    };
    let mut out = Vec::new();
    while out.len() < MAX_STRINGS {
        let Some(cch) = cur.u16() else { break };
        let Some(flags) = cur.byte() else { break };
        let runs = if flags & 0x08 != 0 {
            cur.u16().unwrap_or(0) as usize
        } else {
            0
        };
        let ext = if flags & 0x04 != 0 {
            cur.u32().unwrap_or(0) as usize
        } else {
            0
        };
        let Some(text) = cur.chars(cch as usize, flags & 1 == 1) else {
            break;
        };
        out.push(text);
        if cur.skip(runs * 4).is_none() || cur.skip(ext).is_none() {
            break;
        }
    }
    out
}

/// An RK number: 30 bits of a double or an integer, perhaps divided by 100.
fn rk(v: u32) -> f64 {
    let n = if v & 2 != 0 {
        ((v as i32) >> 2) as f64
    } else {
        f64::from_bits(((v & 0xFFFF_FFFC) as u64) << 32)
    };
    if v & 1 != 0 {
        n / 100.0
    } else {
        n
    }
}

type Cells = (Vec<(usize, usize, String)>, Vec<Merge>, bool);

/// A sheet's cells as shown, its merged regions, and whether the limits cut it.
fn sheet_cells(stream: &[u8], pos: usize, book: &Book) -> Cells {
    let mut texts: Vec<(usize, usize, String)> = Vec::new();
    let mut merges = Vec::new();
    let mut cut = false;
    let mut pending_string: Option<(usize, usize)> = None;
    let mut put = |r: Option<u16>, c: Option<u16>, text: String, cut: &mut bool| {
        let (Some(r), Some(c)) = (r, c) else { return };
        let (r, c) = (r as usize, c as usize);
        if r >= MAX_ROWS || c >= MAX_COLS || texts.len() >= MAX_CELLS {
            *cut = true;
            return;
        }
        if !text.is_empty() {
            texts.push((r, c, text));
        }
    };
    let number = |xf: Option<u16>, v: f64| -> String {
        let code = xf.and_then(|x| book.format(x));
        match code.as_deref() {
            Some(code) if is_date_format(code) => match numfmt::serial_to_date(v, book.date1904) {
                Some(d) => numfmt::date(d, Some(code)),
                None => numfmt::number(v, None),
            },
            code => numfmt::number(v, code),
        }
    };
    let records = Records {
        data: stream,
        at: pos,
    };
    let mut first = true;
    for (kind, d) in records {
        match kind {
            BOF if !first => break,
            EOF => break,
            // LABELSST
            0x00FD => {
                let s = u32_at(d, 6)
                    .and_then(|i| book.strings.get(i as usize))
                    .cloned()
                    .unwrap_or_default();
                put(u16_at(d, 0), u16_at(d, 2), s, &mut cut);
            }
            // LABEL, RSTRING
            0x0204 | 0x00D6 => {
                let s = if book.biff8 {
                    xl_string(d, 6, true).map(|(s, _)| s)
                } else {
                    byte_string(d, 6, false, book.encoding)
                };
                put(u16_at(d, 0), u16_at(d, 2), s.unwrap_or_default(), &mut cut);
            }
            // NUMBER
            0x0203 => {
                if let Some(v) = f64_at(d, 6) {
                    put(
                        u16_at(d, 0),
                        u16_at(d, 2),
                        number(u16_at(d, 4), v),
                        &mut cut,
                    );
                }
            }
            // RK
            0x027E => {
                if let Some(v) = u32_at(d, 6) {
                    put(
                        u16_at(d, 0),
                        u16_at(d, 2),
                        number(u16_at(d, 4), rk(v)),
                        &mut cut,
                    );
                }
            }
            // MULRK: row, first column, (xf, rk)…, last column
            0x00BD => {
                let row = u16_at(d, 0);
                let first_col = u16_at(d, 2).unwrap_or(0);
                let n = d.len().saturating_sub(6) / 6;
                for i in 0..n {
                    let at = 4 + i * 6;
                    if let Some(v) = u32_at(d, at + 2) {
                        let col = first_col.checked_add(i as u16);
                        put(row, col, number(u16_at(d, at), rk(v)), &mut cut);
                    }
                }
            }
            // FORMULA: its cached result
            0x0006 => {
                let (row, col) = (u16_at(d, 0), u16_at(d, 2));
                let Some(result) = d.get(6..14) else { continue };
                if result[6] == 0xFF && result[7] == 0xFF {
                    match result[0] {
                        // a string: in the STRING record that follows
                        0 => pending_string = row.zip(col).map(|(r, c)| (r as usize, c as usize)),
                        1 => put(
                            row,
                            col,
                            if result[2] != 0 { "TRUE" } else { "FALSE" }.into(),
                            &mut cut,
                        ),
                        _ => {}
                    }
                } else if let Some(v) = f64_at(d, 6) {
                    put(row, col, number(u16_at(d, 4), v), &mut cut);
                }
            }
            // STRING: a formula's text result
            0x0207 => {
                if let Some((r, c)) = pending_string.take() {
                    let s = if book.biff8 {
                        xl_string(d, 0, true).map(|(s, _)| s)
                    } else {
                        byte_string(d, 0, false, book.encoding)
                    };
                    put(
                        u16::try_from(r).ok(),
                        u16::try_from(c).ok(),
                        s.unwrap_or_default(),
                        &mut cut,
                    );
                }
            }
            // BOOLERR
            0x0205 => {
                if let (Some(v), Some(0)) = (d.get(6), d.get(7)) {
                    put(
                        u16_at(d, 0),
                        u16_at(d, 2),
                        if *v != 0 { "TRUE" } else { "FALSE" }.into(),
                        &mut cut,
                    );
                }
            }
            // MERGEDCELLS
            0x00E5 => {
                let n = u16_at(d, 0).unwrap_or(0) as usize;
                for i in 0..n {
                    let at = 2 + i * 8;
                    if let (Some(r0), Some(r1), Some(c0), Some(c1)) = (
                        u16_at(d, at),
                        u16_at(d, at + 2),
                        u16_at(d, at + 4),
                        u16_at(d, at + 6),
                    ) {
                        if r0 <= r1 && c0 <= c1 {
                            merges.push(Merge {
                                first_row: r0 as usize,
                                first_col: c0 as usize,
                                last_row: r1 as usize,
                                last_col: c1 as usize,
                            });
                        }
                    }
                }
            }
            _ => {}
        }
        first = false;
    }
    (texts, merges, cut)
}

/// Whether a format code shows a date or time: `y m d h s` outside quotes and brackets (but
/// `[h]` elapsed hours count).
pub fn is_date_format(code: &str) -> bool {
    let mut quoted = false;
    let mut bracket = String::new();
    let mut in_bracket = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => quoted = !quoted,
            _ if quoted => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                in_bracket = true;
                bracket.clear();
            }
            ']' => {
                in_bracket = false;
                let b = bracket.to_ascii_lowercase();
                if !b.is_empty() && b.chars().all(|x| matches!(x, 'h' | 'm' | 's')) {
                    return true;
                }
            }
            _ if in_bracket => bracket.push(c),
            'y' | 'Y' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'm' | 'M' => return true,
            _ => {}
        }
    }
    false
}

/// The built-in format codes (not stored in the file). Chinese date formats (27–36, 50–58)
/// read as `yyyy年m月d日`.
fn builtin(id: u16) -> Option<&'static str> {
    Some(match id {
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        14 => "yyyy/m/d",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "yyyy/m/d h:mm",
        27..=31 | 34..=36 | 50..=58 => "yyyy\"年\"m\"月\"d\"日\"",
        32 => "h\"时\"mm\"分\"",
        33 => "h\"时\"mm\"分\"ss\"秒\"",
        37 => "#,##0;(#,##0)",
        38 => "#,##0;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        49 => "@",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers() {
        // 1 as an integer RK, 0.01 as integer 1 divided by 100, 1.5 as a truncated double
        assert_eq!(rk((1 << 2) | 2), 1.0);
        assert_eq!(rk((1 << 2) | 3), 0.01);
        let bits = (1.5f64.to_bits() >> 32) as u32 & 0xFFFF_FFFC;
        assert_eq!(rk(bits), 1.5);
        assert_eq!(rk((((-7i32) << 2) as u32) | 2), -7.0);
    }

    #[test]
    fn date_formats() {
        assert!(is_date_format("yyyy\"年\"m\"月\"d\"日\""));
        assert!(is_date_format("[h]:mm:ss"));
        assert!(!is_date_format("0.00%"));
        assert!(!is_date_format("#,##0.00\"万元\""));
        assert!(!is_date_format("[Red]0.00"));
        assert!(!is_date_format("General"));
    }

    #[test]
    fn shared_strings_across_continue_records() {
        // "项目" as UTF-16 split after one character into a CONTINUE record (new flags byte),
        // then "ab" as one-byte characters
        let first: Vec<u8> = vec![2, 0, 1, 0x79, 0x98];
        let second: Vec<u8> = vec![1, 0xEE, 0x76, 2, 0, 0, b'a', b'b'];
        let strings = shared_strings(&[&first, &second]);
        assert_eq!(strings, ["项目", "ab"]);
    }

    #[test]
    fn not_a_compound_file() {
        assert!(read(b"not an xls").is_err());
        assert!(workbook_stream(&[0u8; 1024]).is_none());
    }
}
