//! The figures cache: every stored form's figures (the list's and the county view's columns, a
//! [`Figures`] each) in one entry, `ziping:figures`, so that the county view of a county's
//! 1,000 forms opens at once after a reload instead of assessing every form first.
//!
//! It is derived data, never the truth: a form's figures are used only while the form is the one
//! they were computed from (same id and edit time) and only when this build wrote them
//! ([`ENGINE`]); the page assesses every form again in the background after start and writes the
//! cache anew. It gives way to the forms: written only where there is room, dropped before an
//! import or when a save meets a full store. Anything wrong with it (damaged, another build's)
//! makes it empty, never a problem to report.

use super::{packed, KeyValueStore, StoreError};
use crate::summary::Figures;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

pub const FIGURES_KEY: &str = "ziping:figures";

/// The build whose rules made the figures: the crate's version and a revision to raise whenever
/// the rules engine or [`Figures`] change what they give for the same form.
pub const ENGINE: &str = concat!(env!("CARGO_PKG_VERSION"), "+figures-1");

#[derive(Serialize, Deserialize)]
struct Cache {
    engine: String,
    /// (form id, its edit time, its figures)
    forms: Vec<(String, u64, Figures)>,
}

/// The figures kept for each form: id → (the edit time they were computed at, figures). Empty
/// when there are none, they are damaged, or another build wrote them.
pub fn read(store: &dyn KeyValueStore) -> HashMap<String, (u64, Figures)> {
    let Ok(Some(raw)) = store.get(FIGURES_KEY) else {
        return HashMap::new();
    };
    let Ok(text) = packed::unpack(&raw) else {
        return HashMap::new();
    };
    match serde_json::from_str::<Cache>(&text) {
        Ok(cache) if cache.engine == ENGINE => cache
            .forms
            .into_iter()
            .map(|(id, at, f)| (id, (at, f)))
            .collect(),
        _ => HashMap::new(),
    }
}

/// Keeps these figures (all forms'), replacing what was kept. When they do not fit, nothing is
/// kept (the old entry is removed too, so stale figures never stand for newer forms).
pub fn write(
    store: &mut dyn KeyValueStore,
    forms: Vec<(String, u64, Figures)>,
) -> Result<(), StoreError> {
    let cache = Cache {
        engine: ENGINE.to_string(),
        forms,
    };
    // plain data with string keys: serialising cannot fail
    let text = serde_json::to_string(&cache).unwrap_or_default();
    match store.set(FIGURES_KEY, &packed::pack(&text)) {
        Ok(()) => Ok(()),
        Err(e) => {
            forget(store);
            Err(e)
        }
    }
}

/// The room the cache takes (its key and value, in the UTF-16 units storage quotas count): room
/// an import may count as free, since the cache gives way to forms.
pub fn room(store: &dyn KeyValueStore) -> usize {
    match store.get(FIGURES_KEY) {
        Ok(Some(raw)) => crate::workspace::entry_chars(FIGURES_KEY, &raw),
        _ => 0,
    }
}

/// Takes the cache out of the store, to make room for an import, and gives it back as stored:
/// [`put_back`] restores it when the import is refused.
pub fn set_aside(store: &mut dyn KeyValueStore) -> Option<String> {
    let raw = store.get(FIGURES_KEY).ok().flatten()?;
    store.remove(FIGURES_KEY).ok()?;
    Some(raw)
}

/// Puts back a cache [`set_aside`] took; when it no longer fits it stays out (it is derived).
pub fn put_back(store: &mut dyn KeyValueStore, raw: &str) {
    let _ = store.set(FIGURES_KEY, raw);
}

/// Drops the cache (to make room for forms). Whether there was one.
pub fn forget(store: &mut dyn KeyValueStore) -> bool {
    let had = matches!(store.get(FIGURES_KEY), Ok(Some(_)));
    had && store.remove(FIGURES_KEY).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;
    use crate::summary::{summary_row, SummaryRow};

    fn rows() -> Vec<(String, u64, Figures)> {
        crate::samples::SAMPLES
            .iter()
            .map(|s| {
                let e = s.build();
                (e.id.clone(), e.updated_at, summary_row(&e).figures())
            })
            .collect()
    }

    #[test]
    fn figures_kept_are_read_back_and_make_the_same_rows() {
        let mut store = MemoryStore::new();
        assert!(read(&store).is_empty());
        write(&mut store, rows()).expect("write");
        let kept = read(&store);
        assert_eq!(kept.len(), crate::samples::SAMPLES.len());
        for s in crate::samples::SAMPLES {
            let e = s.build();
            let (at, f) = kept[&e.id].clone();
            assert_eq!(at, e.updated_at);
            // the row made from the kept figures and the form's own names is the row itself
            assert_eq!(SummaryRow::from_figures(&e, f), summary_row(&e), "{}", e.id);
        }
        // compact: a few dozen characters a form
        let chars = crate::workspace::entry_chars(FIGURES_KEY, &store.entries[FIGURES_KEY]);
        assert!(chars < 150 * kept.len(), "{chars}");
    }

    #[test]
    fn another_builds_or_damaged_figures_are_no_figures() {
        let mut store = MemoryStore::new();
        let other = Cache {
            engine: "0.0.1+figures-0".into(),
            forms: rows(),
        };
        let text = serde_json::to_string(&other).expect("json");
        store
            .entries
            .insert(FIGURES_KEY.into(), packed::pack(&text));
        assert!(read(&store).is_empty(), "another build's rules");
        store
            .entries
            .insert(FIGURES_KEY.into(), "Z\u{801}garbage".into());
        assert!(read(&store).is_empty(), "damaged");
        store.entries.insert(FIGURES_KEY.into(), "{not json".into());
        assert!(read(&store).is_empty(), "not packed");
        // and the forms load as ever: the cache is no form and no problem
        let loaded = crate::store::load(&mut store).expect("load");
        assert!(loaded.problems.is_empty());
    }

    #[test]
    fn figures_that_do_not_fit_are_not_kept_at_all() {
        let mut store = MemoryStore {
            quota: Some(100),
            ..MemoryStore::new()
        };
        store.entries.insert(FIGURES_KEY.into(), "old".into());
        assert_eq!(write(&mut store, rows()), Err(StoreError::QuotaExceeded));
        assert!(
            !store.entries.contains_key(FIGURES_KEY),
            "no stale figures left"
        );
        store.entries.insert(FIGURES_KEY.into(), "old".into());
        assert_eq!(room(&store), FIGURES_KEY.len() + 3);
        let raw = set_aside(&mut store).expect("there was a cache");
        assert_eq!((raw.as_str(), room(&store)), ("old", 0));
        put_back(&mut store, &raw);
        assert_eq!(store.entries[FIGURES_KEY], "old");
        assert!(forget(&mut store));
        assert_eq!(room(&store), 0);
        assert!(!forget(&mut store));
    }
}
