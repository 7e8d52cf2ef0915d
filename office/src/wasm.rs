//! The module's entry points for the page's office worker. Every answer is JSON: `{"ok": …}`
//! or `{"error": {"zh": …, "en": …}}`; nothing here panics on what it is given.

use crate::{import_file, import_spanned, ReadError};
use serde_json::json;
use wasm_bindgen::prelude::*;
use ziping::import::grid::SpannedDocument;

fn error(e: &ReadError) -> String {
    json!({ "error": { "zh": e.zh(), "en": e.en() } }).to_string()
}

fn ok(outcome: &ziping::import::Outcome) -> String {
    json!({ "ok": ziping::import::Preview::from(outcome) }).to_string()
}

/// The forms in a file's bytes.
#[wasm_bindgen]
pub fn read_file(name: &str, bytes: &[u8]) -> String {
    match import_file(name, bytes) {
        Ok(o) => ok(&o),
        Err(e) => error(&e),
    }
}

/// The forms in documents the browser's HTML parser read, with the clipboard's plain text.
#[wasm_bindgen]
pub fn read_spanned(documents_json: &str, plain: &str) -> String {
    match serde_json::from_str::<Vec<SpannedDocument>>(documents_json) {
        Ok(docs) => ok(&import_spanned(docs, plain)),
        Err(e) => error(&ReadError::Corrupt(e.to_string())),
    }
}
