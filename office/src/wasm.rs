//! The module's entry points for the page's office worker. Every reading answer is JSON:
//! `{"ok": …}` or `{"error": {"zh": …, "en": …}}`; an export answers the file's bytes or throws
//! the error's JSON as a string. Nothing here panics on what it is given.

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

/// Tells the worker's progress callback after each form.
struct Report<'a>(&'a js_sys::Function);

impl crate::export::Progress for Report<'_> {
    fn step(&mut self, done: usize, total: usize) {
        // a failing callback only loses the progress display
        let _ = self.0.call2(
            &JsValue::NULL,
            &JsValue::from(done as u32),
            &JsValue::from(total as u32),
        );
    }
}

/// The bytes of an export: `kind` is `xlsx`, `report` or `docx`; `bundle_json` holds the forms.
#[wasm_bindgen]
pub fn export_file(
    kind: &str,
    bundle_json: &str,
    progress: &js_sys::Function,
) -> Result<Vec<u8>, String> {
    use crate::export::{bundle_of, export, ExportError, Kind};
    let fail = |e: ExportError| json!({ "error": { "zh": e.zh(), "en": e.en() } }).to_string();
    let kind = Kind::parse(kind).ok_or_else(|| fail(ExportError::Input(format!("kind {kind}"))))?;
    let bundle = bundle_of(bundle_json).map_err(fail)?;
    export(kind, &bundle, &mut Report(progress)).map_err(fail)
}
