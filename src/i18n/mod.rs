//! The UI's words in one catalogue: the Chinese, written in the code as the key, and its English
//! rendering in [`catalogue`]. zh-CN is the first language; English is the option.
//!
//! The language is a per-thread setting read while views are built: switching it rebuilds the
//! page (the data lives outside the views), so a lookup needs no signal of its own.
//! Messages of the rules engine carry both languages as they are made
//! ([`crate::rules::Diagnostic`]); exported files keep Chinese column names and values, so that
//! files from colleagues using either language stay interchangeable.

mod catalogue;
#[cfg(test)]
mod tests;

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt::Display;
use std::sync::OnceLock;

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

fn english() -> &'static HashMap<&'static str, &'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| catalogue::ENTRIES.iter().copied().collect())
}

/// `zh` in `lang`; a key missing from the catalogue shows as written (tests keep none missing).
pub fn tr(lang: Lang, zh: &str) -> &str {
    match lang {
        Lang::Zh => zh,
        Lang::En => english().get(zh).copied().unwrap_or(zh),
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
