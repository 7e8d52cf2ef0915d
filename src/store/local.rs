//! The browser's localStorage as a [`KeyValueStore`] (wasm only).
//!
//! Every access is wrapped: a browser may refuse storage altogether (policy, private mode, a
//! sandboxed file:// page), throw on access, or report `QuotaExceededError` on write. None of
//! these may throw through Rust or lose what the user typed; they become [`StoreError`]s that
//! the UI shows in a banner.

use super::{KeyValueStore, StoreError};
use wasm_bindgen::JsCast;

const PROBE_KEY: &str = "ziping:probe";

pub struct LocalStore {
    storage: web_sys::Storage,
}

impl LocalStore {
    /// Opens localStorage and checks that it can be written.
    pub fn open() -> Result<LocalStore, StoreError> {
        let window =
            web_sys::window().ok_or_else(|| StoreError::Unavailable("no window".into()))?;
        let storage = match window.local_storage() {
            Ok(Some(s)) => s,
            Ok(None) => return Err(StoreError::Unavailable("localStorage 不存在".into())),
            Err(e) => return Err(StoreError::Unavailable(js_error_text(&e))),
        };
        match storage.set_item(PROBE_KEY, "1") {
            Ok(()) => {
                let _ = storage.remove_item(PROBE_KEY);
            }
            // a full store still reads: open it, the first save will report the quota
            Err(e) if is_quota(&e) => {}
            Err(e) => return Err(StoreError::Unavailable(js_error_text(&e))),
        }
        Ok(LocalStore { storage })
    }
}

fn is_quota(e: &wasm_bindgen::JsValue) -> bool {
    e.dyn_ref::<web_sys::DomException>()
        .map(|d| {
            d.name() == "QuotaExceededError"
                || d.name() == "NS_ERROR_DOM_QUOTA_REACHED"
                || d.code() == 22
        })
        .unwrap_or(false)
}

fn js_error_text(e: &wasm_bindgen::JsValue) -> String {
    if let Some(d) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", d.name(), d.message());
    }
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string().unwrap_or_else(|| "未知错误".into())
}

fn map_error(e: wasm_bindgen::JsValue) -> StoreError {
    if is_quota(&e) {
        StoreError::QuotaExceeded
    } else {
        StoreError::Failed(js_error_text(&e))
    }
}

impl KeyValueStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.storage.get_item(key).map_err(map_error)
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.storage.set_item(key, value).map_err(map_error)
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.storage.remove_item(key).map_err(map_error)
    }
    fn probe(&mut self, chars: usize) -> Result<(), StoreError> {
        // the probe string is made on the JavaScript side: made in Rust it would grow the
        // module's memory by three bytes a character, for good
        let count = i32::try_from(chars).unwrap_or(i32::MAX);
        let big = js_sys::JsString::from("\u{4e2d}").repeat(count);
        let set: js_sys::Function = js_sys::Reflect::get(&self.storage, &"setItem".into())
            .map_err(map_error)?
            .dyn_into()
            .map_err(|_| StoreError::Failed("setItem".into()))?;
        let written = set
            .call2(&self.storage, &super::SPACE_PROBE_KEY.into(), &big)
            .map(|_| ())
            .map_err(map_error);
        let _ = self.storage.remove_item(super::SPACE_PROBE_KEY);
        written
    }
    fn keys(&self) -> Result<Vec<String>, StoreError> {
        let n = self.storage.length().map_err(map_error)?;
        let mut keys = Vec::with_capacity(n as usize);
        for i in 0..n {
            if let Some(k) = self.storage.key(i).map_err(map_error)? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}
