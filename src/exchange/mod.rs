//! Exchange: JSON (lossless, re-importable) and CSV (Excel/WPS) export and import, validated
//! before anything changes.

pub mod csv;
pub mod intake;
pub mod json;
pub mod plan;
pub mod zip;

pub use json::{export_json, parse_export, Envelope, ImportError, FORMAT_VERSION};

/// A file name a person understands: `2022_衡山县商务和粮食局_招商引资_绩效自评.json`.
/// Characters Windows forbids in names are replaced; empty parts are left out.
pub fn file_name(parts: &[&str], suffix: &str, ext: &str) -> String {
    let mut name: Vec<String> = parts
        .iter()
        .map(|p| sanitize(p))
        .filter(|p| !p.is_empty())
        .collect();
    name.push(suffix.to_string());
    format!("{}.{ext}", name.join("_"))
}

fn sanitize(s: &str) -> String {
    let cleaned: String = s
        .trim()
        .chars()
        .map(|c| match c {
            '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '－',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    // keep names short enough for old Windows paths
    cleaned.trim().chars().take(40).collect()
}

#[cfg(test)]
mod tests;
