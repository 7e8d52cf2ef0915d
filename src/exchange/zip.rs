//! The files inside a .zip a department sends (its forms as JSON, CSV, .xlsx, .docx...): a small
//! reader over bytes for the two methods real archivers use (stored and deflate), bounded before
//! any work: at most [`MAX_ENTRIES`] entries, each at most [`MAX_ENTRY`] and all together at most
//! [`MAX_TOTAL`] once inflated, counted while inflating (a declared size can lie).
//!
//! Names: Windows' own "send to compressed folder" and many Chinese archivers write names in the
//! local code page (GBK) without saying so; a name is UTF-8 when the entry's flag says so, when an
//! Info-ZIP Unicode path field gives it, or when its bytes are valid UTF-8, and otherwise is
//! decoded by the caller's `legacy` decoder (the browser's `TextDecoder("gbk")`).

use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

/// The most entries an archive may have.
pub const MAX_ENTRIES: usize = 10_000;
/// The most one entry may inflate to (the import cap of one file).
pub const MAX_ENTRY: usize = super::json::MAX_IMPORT_BYTES;
/// The most all entries together may inflate to.
pub const MAX_TOTAL: usize = 256 * 1024 * 1024;

/// Why an archive, or one of its entries, was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// Not a zip, or its directory is damaged.
    NotZip,
    /// A ZIP64 archive (over 4 GB or 65,535 entries): far beyond what a form needs.
    Zip64,
    TooManyEntries,
    /// Inflates past [`MAX_ENTRY`] or, with the others, past [`MAX_TOTAL`].
    TooLarge,
    Encrypted,
    /// A compression method other than stored or deflate.
    Method(u16),
    /// The entry's data is cut off or does not inflate.
    Damaged,
}

impl ZipError {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang::*;
        match (self, lang) {
            (ZipError::NotZip, Zh) => "不是有效的zip压缩包，或压缩包已损坏".into(),
            (ZipError::NotZip, En) => "not a valid zip archive, or the archive is damaged".into(),
            (ZipError::Zip64, Zh) => "ZIP64格式的超大压缩包不能读取".into(),
            (ZipError::Zip64, En) => "ZIP64 archives are not read".into(),
            (ZipError::TooManyEntries, Zh) => format!("压缩包内文件超过{MAX_ENTRIES}个"),
            (ZipError::TooManyEntries, En) => format!("more than {MAX_ENTRIES} files inside"),
            (ZipError::TooLarge, Zh) => format!(
                "解压后过大（单个文件不超过{} MB，合计不超过{} MB）",
                MAX_ENTRY >> 20,
                MAX_TOTAL >> 20
            ),
            (ZipError::TooLarge, En) => format!(
                "too large once unpacked (at most {} MB per file, {} MB in all)",
                MAX_ENTRY >> 20,
                MAX_TOTAL >> 20
            ),
            (ZipError::Encrypted, Zh) => "文件有密码保护".into(),
            (ZipError::Encrypted, En) => "the file is password-protected".into(),
            (ZipError::Method(m), Zh) => {
                format!("不支持的压缩方式（{m}），请用常见的zip格式重新压缩")
            }
            (ZipError::Method(m), En) => {
                format!("unsupported compression method ({m}); re-pack it as an ordinary zip")
            }
            (ZipError::Damaged, Zh) => "数据已损坏，无法解压".into(),
            (ZipError::Damaged, En) => "the data is damaged and does not unpack".into(),
        }
    }
}

/// One file found in an archive: its path inside it and its bytes, or why it was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZipEntry {
    pub name: String,
    pub content: Result<Vec<u8>, ZipError>,
}

/// Whether bytes start like a zip archive (an empty archive included).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

/// The end-of-central-directory record: where the directory starts and how many entries it has.
fn directory(bytes: &[u8]) -> Result<(usize, usize), ZipError> {
    // the record is 22 bytes plus a comment of at most 65,535
    let earliest = bytes.len().saturating_sub(22 + 0xFFFF);
    let end = (earliest..=bytes.len().saturating_sub(22))
        .rev()
        .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
        .ok_or(ZipError::NotZip)?;
    let entries = u16_at(bytes, end + 10).ok_or(ZipError::NotZip)?;
    let offset = u32_at(bytes, end + 16).ok_or(ZipError::NotZip)?;
    if entries == 0xFFFF || offset == 0xFFFF_FFFF {
        return Err(ZipError::Zip64);
    }
    Ok((offset as usize, entries as usize))
}

/// The UTF-8 name an Info-ZIP Unicode path extra field (0x7075) carries, if any.
fn unicode_path(extra: &[u8]) -> Option<String> {
    let mut at = 0;
    while at + 4 <= extra.len() {
        let (id, size) = (u16_at(extra, at)?, u16_at(extra, at + 2)? as usize);
        let data = extra.get(at + 4..at + 4 + size)?;
        if id == 0x7075 && data.len() > 5 && data[0] == 1 {
            return String::from_utf8(data[5..].to_vec()).ok();
        }
        at += 4 + size;
    }
    None
}

/// Entries a person did not put there: folders, macOS resource forks, thumbnails.
pub fn is_clutter(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    name.ends_with('/')
        || name.split('/').any(|part| part == "__MACOSX")
        || base.starts_with("._")
        || base.eq_ignore_ascii_case("thumbs.db")
        || base.eq_ignore_ascii_case(".DS_Store")
        || base.starts_with("~$")
}

/// The files of an archive in its order, without folders and clutter. An entry that cannot be
/// read is listed with its reason (the others are still read); the whole archive is refused when
/// it is not a zip, has too many entries, or inflates past [`MAX_TOTAL`].
pub fn unzip(bytes: &[u8], legacy: &dyn Fn(&[u8]) -> String) -> Result<Vec<ZipEntry>, ZipError> {
    let (mut at, count) = directory(bytes)?;
    if count > MAX_ENTRIES {
        return Err(ZipError::TooManyEntries);
    }
    let mut out = Vec::new();
    let mut total = 0usize;
    for _ in 0..count {
        if u32_at(bytes, at) != Some(0x0201_4b50) {
            return Err(ZipError::NotZip);
        }
        let field = |off: usize| u16_at(bytes, at + off).ok_or(ZipError::NotZip);
        let (flags, method) = (field(8)?, field(10)?);
        let packed = u32_at(bytes, at + 20).ok_or(ZipError::NotZip)? as usize;
        let (name_len, extra_len, comment_len) = (
            field(28)? as usize,
            field(30)? as usize,
            field(32)? as usize,
        );
        let local = u32_at(bytes, at + 42).ok_or(ZipError::NotZip)? as usize;
        let raw_name = bytes
            .get(at + 46..at + 46 + name_len)
            .ok_or(ZipError::NotZip)?;
        let extra = bytes
            .get(at + 46 + name_len..at + 46 + name_len + extra_len)
            .unwrap_or_default();
        at += 46 + name_len + extra_len + comment_len;

        let name = if flags & 0x0800 != 0 {
            String::from_utf8_lossy(raw_name).into_owned()
        } else if let Some(name) = unicode_path(extra) {
            name
        } else {
            match std::str::from_utf8(raw_name) {
                Ok(s) => s.to_string(),
                Err(_) => legacy(raw_name),
            }
        };
        // Windows archivers may write back-slashes
        let name = name.replace('\\', "/");
        if is_clutter(&name) {
            continue;
        }
        // what is left of the total; an entry that needs more ends the archive (what it holds is
        // not all there), one that is merely larger than a file may be is refused on its own
        let room = MAX_TOTAL - total;
        let limit = MAX_ENTRY.min(room);
        let content = if flags & 1 != 0 {
            Err(ZipError::Encrypted)
        } else {
            entry_data(bytes, local, packed).and_then(|data| match method {
                0 if data.len() > limit => Err(ZipError::TooLarge),
                0 => Ok(data.to_vec()),
                8 => decompress_to_vec_with_limit(data, limit).map_err(|e| match e.status {
                    TINFLStatus::HasMoreOutput => ZipError::TooLarge,
                    _ => ZipError::Damaged,
                }),
                m => Err(ZipError::Method(m)),
            })
        };
        match &content {
            Ok(data) => total += data.len(),
            Err(ZipError::TooLarge) if room < MAX_ENTRY => return Err(ZipError::TooLarge),
            Err(_) => {}
        }
        out.push(ZipEntry { name, content });
    }
    Ok(out)
}

/// An entry's packed bytes, found through its local header (whose name and extra lengths may
/// differ from the directory's).
fn entry_data(bytes: &[u8], local: usize, packed: usize) -> Result<&[u8], ZipError> {
    if u32_at(bytes, local) != Some(0x0403_4b50) {
        return Err(ZipError::Damaged);
    }
    let name_len = u16_at(bytes, local + 26).ok_or(ZipError::Damaged)? as usize;
    let extra_len = u16_at(bytes, local + 28).ok_or(ZipError::Damaged)? as usize;
    let start = local + 30 + name_len + extra_len;
    bytes
        .get(start..start.checked_add(packed).ok_or(ZipError::Damaged)?)
        .ok_or(ZipError::Damaged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use miniz_oxide::deflate::compress_to_vec;

    fn lossy(b: &[u8]) -> String {
        String::from_utf8_lossy(b).into_owned()
    }

    /// A GBK decoder for the two names of the fixture (the browser passes `TextDecoder("gbk")`).
    fn gbk(b: &[u8]) -> String {
        let known: [(&str, &[u8]); 2] = [
            (
                "商务局/招商引资.json",
                b"\xc9\xcc\xce\xf1\xbe\xd6/\xd5\xd0\xc9\xcc\xd2\xfd\xd7\xca.json",
            ),
            (
                "商务局/部门整体.json",
                b"\xc9\xcc\xce\xf1\xbe\xd6/\xb2\xbf\xc3\xc5\xd5\xfb\xcc\xe5.json",
            ),
        ];
        known
            .iter()
            .find(|(_, raw)| *raw == b)
            .map(|(name, _)| name.to_string())
            .unwrap_or_else(|| lossy(b))
    }

    /// One entry to write: name, flags, method, data as stored, inflated size.
    type Written = (Vec<u8>, u16, u16, Vec<u8>, usize);

    /// An archive written entry by entry.
    fn archive(entries: &[Written]) -> Vec<u8> {
        let (mut out, mut dir) = (Vec::new(), Vec::new());
        for (name, flags, method, data, size) in entries {
            let local = out.len() as u32;
            out.extend_from_slice(b"PK\x03\x04\x14\x00");
            out.extend_from_slice(&flags.to_le_bytes());
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&[0; 8]); // time, date, crc
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(*size as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&0u16.to_le_bytes());
            out.extend_from_slice(name);
            out.extend_from_slice(data);
            dir.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00");
            dir.extend_from_slice(&flags.to_le_bytes());
            dir.extend_from_slice(&method.to_le_bytes());
            dir.extend_from_slice(&[0; 8]);
            dir.extend_from_slice(&(data.len() as u32).to_le_bytes());
            dir.extend_from_slice(&(*size as u32).to_le_bytes());
            dir.extend_from_slice(&(name.len() as u16).to_le_bytes());
            dir.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
            dir.extend_from_slice(&local.to_le_bytes());
            dir.extend_from_slice(name);
        }
        let at = out.len() as u32;
        let n = entries.len() as u16;
        out.extend_from_slice(&dir);
        out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&(dir.len() as u32).to_le_bytes());
        out.extend_from_slice(&at.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
        out
    }

    fn deflated(name: &str, data: &[u8]) -> Written {
        (
            name.as_bytes().to_vec(),
            0x0800,
            8,
            compress_to_vec(data, 6),
            data.len(),
        )
    }

    fn read(bytes: &[u8]) -> Vec<(String, Result<usize, ZipError>)> {
        unzip(bytes, &gbk)
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.content.map(|c| c.len())))
            .collect()
    }

    #[test]
    fn info_zip_archive_of_a_folder_gives_its_files_without_folders_or_clutter() {
        let bytes = include_bytes!("../../tests/fixtures/intake/infozip.zip");
        assert!(is_zip(bytes));
        let entries = unzip(bytes, &lossy).unwrap();
        let names: Vec<&str> = entries.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "衡山县各部门/说明.txt",
                "衡山县各部门/商务和粮食局/第一次.json",
                "衡山县各部门/商务和粮食局/补报/第二次.json",
            ]
        );
        assert_eq!(entries[0].content.as_deref(), Ok("各部门自评表".as_bytes()));
        let env = crate::exchange::parse_export(entries[2].content.as_ref().unwrap()).unwrap();
        assert_eq!(env.evaluations.len(), 3);
        assert_eq!(env.evaluations[0].note, "第二次报送");
    }

    #[test]
    fn names_in_gbk_without_the_utf8_flag_go_through_the_legacy_decoder() {
        let bytes = include_bytes!("../../tests/fixtures/intake/gbk-names.zip");
        let got = read(bytes);
        assert_eq!(got[0].0, "商务局/招商引资.json");
        assert_eq!(got[1].0, "商务局/部门整体.json");
        let entries = unzip(bytes, &gbk).unwrap();
        for e in &entries {
            let env = crate::exchange::parse_export(e.content.as_ref().unwrap()).unwrap();
            assert_eq!(env.evaluations.len() + env.departments.len(), 1);
        }
        // without a decoder the names are still there, mangled but usable
        assert!(unzip(bytes, &lossy).unwrap()[0].name.ends_with(".json"));
    }

    #[test]
    fn back_slashes_stored_and_deflated_entries() {
        let text = "项目,指标\n".repeat(1000);
        let bytes = archive(&[
            (b"a\\b.csv".to_vec(), 0, 0, b"stored".to_vec(), 6),
            deflated("c/d.csv", text.as_bytes()),
        ]);
        let entries = unzip(&bytes, &lossy).unwrap();
        assert_eq!(entries[0].name, "a/b.csv");
        assert_eq!(entries[0].content.as_deref(), Ok(&b"stored"[..]));
        assert_eq!(entries[1].content.as_deref(), Ok(text.as_bytes()));
    }

    #[test]
    fn an_entry_that_cannot_be_read_is_listed_with_its_reason_and_the_others_are_read() {
        let bytes = archive(&[
            (b"locked.json".to_vec(), 1, 8, vec![1, 2, 3], 3),
            (b"bzip2.json".to_vec(), 0, 12, vec![1, 2, 3], 3),
            (b"cut.json".to_vec(), 0, 8, vec![0xff; 7], 100),
            deflated("ok.json", b"{}"),
        ]);
        assert_eq!(
            read(&bytes),
            [
                ("locked.json".to_string(), Err(ZipError::Encrypted)),
                ("bzip2.json".to_string(), Err(ZipError::Method(12))),
                ("cut.json".to_string(), Err(ZipError::Damaged)),
                ("ok.json".to_string(), Ok(2)),
            ]
        );
        assert!(ZipError::Method(12)
            .message(crate::i18n::Lang::Zh)
            .contains("12"));
    }

    #[test]
    fn a_bomb_is_refused_having_inflated_no_more_than_the_cap() {
        // 65 MB of zeros packs into ~64 KB: one entry over the per-file cap is refused alone
        let zeros = vec![0u8; MAX_ENTRY + 1024 * 1024];
        let one = deflated("bomb.json", &zeros);
        let bytes = archive(&[one.clone(), deflated("ok.json", b"{}")]);
        assert_eq!(read(&bytes)[0].1, Err(ZipError::TooLarge));
        assert_eq!(read(&bytes)[1].1, Ok(2));
        // five entries of 60 MB are over the total: the whole archive is refused
        let big = deflated("big.json", &vec![0u8; 60 * 1024 * 1024]);
        let bytes = archive(&vec![big; 5]);
        assert_eq!(unzip(&bytes, &lossy), Err(ZipError::TooLarge));
    }

    #[test]
    fn what_is_not_a_zip_is_refused_without_panicking() {
        assert_eq!(unzip(b"", &lossy), Err(ZipError::NotZip));
        assert_eq!(unzip(b"PK\x03\x04garbage", &lossy), Err(ZipError::NotZip));
        let good = include_bytes!("../../tests/fixtures/intake/infozip.zip");
        // every truncation and every single-byte change: an answer, never a panic
        for cut in 0..good.len() {
            let _ = unzip(&good[..cut], &lossy);
        }
        for at in (0..good.len()).step_by(7) {
            let mut bad = good.to_vec();
            bad[at] ^= 0x5a;
            let _ = unzip(&bad, &lossy);
        }
        let empty = archive(&[]);
        assert!(is_zip(&empty));
        assert_eq!(unzip(&empty, &lossy), Ok(vec![]));
    }
}
