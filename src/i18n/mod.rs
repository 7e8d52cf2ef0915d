//! The UI's words in one catalogue: the Chinese, written in the code as the key, and its English
//! rendering in [`catalogue`]. zh-CN is the first language; English is the option.
//!
//! The language is a per-thread setting read while views are built: switching it rebuilds the
//! page (the data lives outside the views), so a lookup needs no signal of its own.
//! Messages of the rules engine carry both languages as they are made
//! ([`crate::rules::Diagnostic`]); exported files keep Chinese column names and values, so that
//! files from colleagues using either language stay interchangeable.

// The catalogue is the source of `assets/ui-en.json` (`cargo run -- --assets assets`; a test keeps
// the two the same). The page does not carry it: it fetches the file when English is chosen.
#[cfg(not(target_arch = "wasm32"))]
mod catalogue;
#[cfg(test)]
mod tests;

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::Display;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// BCP 47 code, for `<html lang>` and for remembering the choice.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code.trim())
    }

    /// The language's own name, as its switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }
}

thread_local! {
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::Zh) };
}

/// Sets the language the following lookups use.
pub fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

pub fn lang() -> Lang {
    CURRENT.with(Cell::get)
}

type Catalogue = HashMap<&'static str, &'static str>;

#[cfg(not(target_arch = "wasm32"))]
fn english() -> Option<&'static Catalogue> {
    static MAP: std::sync::OnceLock<Catalogue> = std::sync::OnceLock::new();
    Some(MAP.get_or_init(|| catalogue::ENTRIES.iter().copied().collect()))
}

#[cfg(target_arch = "wasm32")]
thread_local! {
    /// The English catalogue once fetched (`assets/ui-en.json`), kept for the page's life.
    static LOADED: Cell<Option<&'static Catalogue>> = const { Cell::new(None) };
}

#[cfg(target_arch = "wasm32")]
fn english() -> Option<&'static Catalogue> {
    LOADED.with(Cell::get)
}

/// Takes the English catalogue the page fetched (a JSON object: Chinese → English). Kept for
/// the page's life, so lookups hand out plain `&str`.
#[cfg(target_arch = "wasm32")]
pub fn load_english(json: &str) -> Result<(), String> {
    let map: HashMap<String, String> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let map: Catalogue = map
        .into_iter()
        .map(|(k, v)| {
            (
                &*Box::leak(k.into_boxed_str()),
                &*Box::leak(v.into_boxed_str()),
            )
        })
        .collect();
    LOADED.with(|c| c.set(Some(Box::leak(Box::new(map)))));
    Ok(())
}

/// Whether English can be shown (natively always; in the page once its catalogue is fetched).
pub fn english_ready() -> bool {
    english().is_some()
}

/// The English catalogue as the file the page fetches (`assets/ui-en.json`).
#[cfg(not(target_arch = "wasm32"))]
pub fn english_json() -> String {
    let map: std::collections::BTreeMap<&str, &str> = catalogue::ENTRIES.iter().copied().collect();
    serde_json::to_string_pretty(&map).unwrap_or_default() + "\n"
}

/// `zh` in `lang`; a key missing from the catalogue (or a catalogue not yet fetched) shows as
/// written (tests keep none missing).
pub fn tr(lang: Lang, zh: &str) -> &str {
    match lang {
        Lang::Zh => zh,
        Lang::En => english().and_then(|m| m.get(zh).copied()).unwrap_or(zh),
    }
}

/// `zh` in the current language.
pub fn t(zh: &str) -> &str {
    tr(lang(), zh)
}

/// A template with `{}` placeholders (`{0}`, `{1}`… in a translation that reorders them),
/// in the current language, filled with `args`.
pub fn tf(zh: &str, args: &[&dyn Display]) -> String {
    fill(t(zh), args)
}

/// Fills `{}` in order and `{N}` by index; anything else is copied as is, a placeholder without
/// an argument is left out (never a panic on a catalogue mistake).
pub fn fill(template: &str, args: &[&dyn Display]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut next = 0;
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if after[..close].bytes().all(|b| b.is_ascii_digit()) => {
                let index = if close == 0 {
                    next += 1;
                    next - 1
                } else {
                    after[..close].parse().unwrap_or(usize::MAX)
                };
                if let Some(arg) = args.get(index) {
                    out.push_str(&arg.to_string());
                }
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A message made by the domain core in both languages; the UI shows the one in use.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    pub zh: String,
    pub en: String,
}

impl Text {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}
