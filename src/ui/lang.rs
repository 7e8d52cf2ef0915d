//! The language switch: zh-CN first, English as the option, remembered in this browser.

use crate::i18n::{set_lang, t, Lang};
use leptos::prelude::*;

/// Where the choice is remembered (not part of the workspace: not exported, not synced).
const LANG_KEY: &str = "ziping:lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered language, Chinese when none (or storage is unavailable).
pub fn remembered() -> Lang {
    storage()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten())
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default()
}

/// Makes `lang` current for the views built next, and tells the document (screen readers,
/// fonts, hyphenation).
pub fn apply(lang: Lang) {
    set_lang(lang);
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// A button naming the other language in that language ("English" / "中文").
#[component]
pub fn LangSwitch(lang: RwSignal<Lang>) -> impl IntoView {
    let other = move || match lang.get() {
        Lang::Zh => Lang::En,
        Lang::En => Lang::Zh,
    };
    let switch = move |_| {
        let next = other();
        // remembering is a convenience: where storage is unavailable the switch still works
        if let Some(s) = storage() {
            let _ = s.set_item(LANG_KEY, next.code());
        }
        // English comes as a file of its own, fetched the first time
        super::assets::switch_to(lang, next);
    };
    view! {
        <button
            class="small lang-switch"
            data-testid="lang-switch"
            lang=move || other().code()
            title=t("切换界面语言")
            on:click=switch
        >
            {move || other().own_name()}
        </button>
    }
}
