//! Files the page fetches when they are first needed, so they are not in its first download:
//! the English catalogue (`assets/ui-en.json`, when English is chosen) and the guide
//! (`assets/guide.json`, when 使用说明 is opened). The boot script knows where they are
//! (hashed files beside the page, or inlined in the single-file edition) and the service worker
//! keeps them for offline use.

use crate::i18n::{english_ready, load_english, t, tf};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = zipingAsset, catch)]
    fn asset_js(name: &str) -> Result<js_sys::Promise, JsValue>;
}

/// The text of an asset: `ui-en` or `guide`.
pub async fn fetch_asset(name: &str) -> Result<String, String> {
    let promise =
        asset_js(name).map_err(|_| t("无法加载所需文件，请刷新页面后再试").to_string())?;
    let value = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .map_err(|_| t("无法加载所需文件，请刷新页面后再试").to_string())?;
    value
        .as_string()
        .ok_or_else(|| t("无法加载所需文件，请刷新页面后再试").to_string())
}

/// Shows the page in `lang`, fetching the English catalogue first when it is needed and not
/// here yet. Where it cannot be fetched the page stays in Chinese and says why.
pub fn switch_to(lang: RwSignal<crate::i18n::Lang>, next: crate::i18n::Lang) {
    if next == crate::i18n::Lang::Zh || english_ready() {
        lang.set(next);
        return;
    }
    leptos::task::spawn_local(async move {
        match fetch_asset("ui-en")
            .await
            .and_then(|json| load_english(&json))
        {
            Ok(()) => lang.set(next),
            Err(why) => {
                if let Some(w) = web_sys::window() {
                    let _ = w.alert_with_message(&tf("无法加载英文界面（{}）", &[&why]));
                }
            }
        }
    });
}
