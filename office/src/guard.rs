//! Bounds on a zip before any reader opens it: how many entries, and how much they inflate to,
//! counted by inflating them (a declared size can lie). A zip bomb is refused here, having cost
//! at most the cap in work, and a damaged entry is an error instead of a reader's panic.

use crate::error::ReadError;
use std::io::{Cursor, Read};

/// The most a file may inflate to, all entries together.
pub const MAX_INFLATED: u64 = 256 * 1024 * 1024;
/// The most entries a file may have.
pub const MAX_ENTRIES: usize = 10_000;

pub fn check_zip(bytes: &[u8]) -> Result<(), ReadError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Corrupt(e.to_string()))?;
    if zip.len() > MAX_ENTRIES {
        return Err(ReadError::Inflated);
    }
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..zip.len() {
        let mut entry = match zip.by_index(i) {
            Ok(e) => e,
            Err(zip::result::ZipError::UnsupportedArchive(why)) if why.contains("assword") => {
                return Err(ReadError::Encrypted)
            }
            Err(e) => return Err(ReadError::Corrupt(e.to_string())),
        };
        if entry.encrypted() {
            return Err(ReadError::Encrypted);
        }
        if entry.size() > MAX_INFLATED.saturating_sub(total) {
            return Err(ReadError::Inflated);
        }
        loop {
            let n = entry
                .read(&mut buf)
                .map_err(|e| ReadError::Corrupt(e.to_string()))?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > MAX_INFLATED {
                return Err(ReadError::Inflated);
            }
        }
    }
    Ok(())
}

/// One entry's bytes, at most `limit` of them (the entry was bounded by [`check_zip`]).
pub fn read_entry(bytes: &[u8], name: &str, limit: u64) -> Result<Option<Vec<u8>>, ReadError> {
    let mut zip =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ReadError::Corrupt(e.to_string()))?;
    let index = zip
        .file_names_raw()
        .position(|n| n.eq_ignore_ascii_case(name.as_bytes()));
    let Some(index) = index else {
        return Ok(None);
    };
    let entry = zip
        .by_index(index)
        .map_err(|e| ReadError::Corrupt(e.to_string()))?;
    let mut out = Vec::new();
    entry
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| ReadError::Corrupt(e.to_string()))?;
    if out.len() as u64 > limit {
        return Err(ReadError::Inflated);
    }
    Ok(Some(out))
}
