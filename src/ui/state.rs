//! Application state: one signal per evaluation (typing in one form notifies only that form's
//! views), the route, the storage status, and the debounced saver.

use crate::model::{Evaluation, Workspace};
use crate::samples::Sample;
use crate::store::{self, local::LocalStore, StoreError};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::time::Duration;

/// Quiet time after the last keystroke before saving.
const SAVE_DELAY: Duration = Duration::from_millis(400);

#[derive(Clone)]
pub struct EvalEntry {
    pub id: String,
    pub doc: RwSignal<Evaluation>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    List,
    Edit(String),
}

impl Route {
    fn to_hash(&self) -> String {
        match self {
            Route::List => "#/".into(),
            Route::Edit(id) => format!("#/e/{id}"),
        }
    }
    fn from_hash(hash: &str) -> Route {
        match hash.strip_prefix("#/e/") {
            Some(id) if !id.is_empty() => Route::Edit(id.to_string()),
            _ => Route::List,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageStatus {
    /// Everything is saved.
    Saved,
    /// Edits are waiting for the debounce.
    Pending,
    /// No storage: working in memory.
    Unavailable(String),
    /// The last save failed; unsaved edits are kept and retried.
    Failed(String),
}

/// What the saver has to write at the next flush.
#[derive(Default)]
struct Saver {
    store: Option<LocalStore>,
    dirty: BTreeSet<String>,
    deleted: BTreeSet<String>,
    index_dirty: bool,
    timer: Option<leptos::prelude::TimeoutHandle>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub evals: RwSignal<Vec<EvalEntry>>,
    pub route: RwSignal<Route>,
    pub status: RwSignal<StorageStatus>,
    /// Stored entries that could not be read (kept aside, reported).
    pub problems: RwSignal<Vec<String>>,
    /// Ids that belong to unreadable stored entries: never reused.
    reserved: StoredValue<Vec<String>>,
    saver: StoredValue<Saver, LocalStorage>,
    /// The app's root owner: evaluation signals are created under it, not under the view that
    /// happened to create them (a list button), which is disposed when the route changes.
    owner: StoredValue<Option<Owner>, LocalStorage>,
}

/// Milliseconds since the epoch. (`Date.now()` is a JS number; it is only a timestamp.)
pub fn now_ms() -> u64 {
    let t = js_sys::Date::now();
    if t.is_finite() && t > 0.0 {
        t as u64
    } else {
        0
    }
}

/// A short random id for a new evaluation.
fn random_suffix() -> u32 {
    // Math.random() in [0, 1): scaled to 32 bits for an id, never used as an amount
    (js_sys::Math::random() * 4_294_967_295.0) as u32
}

impl AppState {
    /// Opens storage and loads the workspace; reports what could not be read.
    pub fn load() -> AppState {
        let mut saver = Saver::default();
        let mut status = StorageStatus::Saved;
        let mut problems = Vec::new();
        let mut reserved = Vec::new();
        let mut workspace = Workspace::default();
        match LocalStore::open() {
            Ok(mut s) => {
                match store::load(&mut s) {
                    Ok(outcome) => {
                        reserved = store::reserved_ids(&outcome.problems);
                        problems = outcome.problems.iter().map(|p| p.message_zh()).collect();
                        workspace = outcome.workspace;
                    }
                    Err(e) => status = StorageStatus::Failed(e.message_zh()),
                }
                saver.store = Some(s);
            }
            Err(e) => status = StorageStatus::Unavailable(e.message_zh()),
        }
        let evals = workspace
            .evaluations
            .into_iter()
            .map(|e| EvalEntry {
                id: e.id.clone(),
                doc: RwSignal::new(e),
            })
            .collect();
        let route = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .map(|h| Route::from_hash(&h))
            .unwrap_or(Route::List);
        AppState {
            evals: RwSignal::new(evals),
            route: RwSignal::new(route),
            status: RwSignal::new(status),
            problems: RwSignal::new(problems),
            reserved: StoredValue::new(reserved),
            saver: StoredValue::new_local(saver),
            owner: StoredValue::new_local(Owner::current()),
        }
    }

    pub fn entry(&self, id: &str) -> Option<EvalEntry> {
        self.evals.with(|v| v.iter().find(|e| e.id == id).cloned())
    }

    pub fn navigate(&self, route: Route) {
        if let Some(w) = web_sys::window() {
            let _ = w.location().set_hash(&route.to_hash());
        }
        self.route.set(route);
    }

    /// Follows the address bar (back/forward, a typed hash).
    pub fn sync_route_from_hash(&self) {
        if let Some(h) = web_sys::window().and_then(|w| w.location().hash().ok()) {
            let r = Route::from_hash(&h);
            if self.route.get_untracked() != r {
                self.route.set(r);
            }
        }
    }

    /// Applies an edit to one evaluation and schedules its save.
    pub fn edit(&self, doc: RwSignal<Evaluation>, f: impl FnOnce(&mut Evaluation)) {
        let mut id = String::new();
        doc.update(|e| {
            f(e);
            e.updated_at = now_ms();
            id = e.id.clone();
        });
        self.saver.update_value(|s| {
            s.dirty.insert(id);
        });
        self.schedule();
    }

    fn unused_id(&self, base: &str) -> String {
        let ws_ids: Vec<String> = self
            .evals
            .with_untracked(|v| v.iter().map(|e| e.id.clone()).collect());
        let reserved = self.reserved.get_value();
        let taken = |c: &str| ws_ids.iter().any(|i| i == c) || reserved.iter().any(|i| i == c);
        if !taken(base) {
            return base.to_string();
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|c| !taken(c))
            .unwrap_or_else(|| format!("{base}-{}", random_suffix()))
    }

    fn insert(&self, e: Evaluation) -> String {
        let id = e.id.clone();
        let doc = match self.owner.get_value() {
            Some(owner) => owner.with(|| RwSignal::new(e)),
            None => RwSignal::new(e),
        };
        self.evals.update(|v| {
            v.push(EvalEntry {
                id: id.clone(),
                doc,
            })
        });
        self.saver.update_value(|s| {
            s.dirty.insert(id.clone());
            s.deleted.remove(&id);
            s.index_dirty = true;
        });
        self.schedule();
        id
    }

    /// A new blank form; returns its id.
    pub fn create(&self) -> String {
        let now = now_ms();
        let id = self.unused_id(&format!("e{now:x}{:08x}", random_suffix()));
        let year = js_sys::Date::new_0()
            .get_full_year()
            .saturating_sub(1)
            .to_string();
        self.insert(Evaluation::new_blank(id, year, now))
    }

    /// Adds one of the built-in examples as a new evaluation; returns its id.
    pub fn add_sample(&self, sample: &Sample) -> String {
        let mut e = sample.build();
        let id = self.unused_id(sample.key);
        if id != e.id {
            for (i, row) in e.indicators.iter_mut().enumerate() {
                row.id = format!("{id}-r{i}");
            }
            e.id = id;
        }
        let now = now_ms();
        e.created_at = now;
        e.updated_at = now;
        self.insert(e)
    }

    pub fn delete(&self, id: &str) {
        self.evals.update(|v| v.retain(|e| e.id != id));
        let id = id.to_string();
        self.saver.update_value(|s| {
            s.dirty.remove(&id);
            s.deleted.insert(id);
            s.index_dirty = true;
        });
        if self.route.get_untracked() != Route::List {
            self.navigate(Route::List);
        }
        self.schedule();
    }

    fn schedule(&self) {
        // an error banner stays until a save succeeds
        if self.status.get_untracked() == StorageStatus::Saved {
            self.status.set(StorageStatus::Pending);
        }
        let this = *self;
        let handle = set_timeout_with_handle(move || this.flush(), SAVE_DELAY).ok();
        self.saver.update_value(|s| {
            if let Some(old) = s.timer.take() {
                old.clear();
            }
            s.timer = handle;
        });
    }

    /// Writes every pending change now (also called on pagehide / visibilitychange).
    pub fn flush(&self) {
        let evals = self.evals;
        let mut result: Result<(), StoreError> = Ok(());
        let mut has_store = true;
        self.saver.update_value(|s| {
            if let Some(t) = s.timer.take() {
                t.clear();
            }
            let Some(store) = s.store.as_mut() else {
                has_store = false;
                return;
            };
            let dirty: Vec<String> = s.dirty.iter().cloned().collect();
            for id in dirty {
                let doc = evals.with_untracked(|v| v.iter().find(|e| e.id == id).map(|e| e.doc));
                let r = match doc {
                    Some(doc) => doc.with_untracked(|e| store::save_evaluation(store, e)),
                    None => Ok(()),
                };
                match r {
                    Ok(()) => {
                        s.dirty.remove(&id);
                    }
                    Err(e) => {
                        result = Err(e);
                        return;
                    }
                }
            }
            let deleted: Vec<String> = s.deleted.iter().cloned().collect();
            for id in deleted {
                if let Err(e) = store::delete_evaluation(store, &id) {
                    result = Err(e);
                    return;
                }
                s.deleted.remove(&id);
            }
            if s.index_dirty {
                let ids: Vec<String> =
                    evals.with_untracked(|v| v.iter().map(|e| e.id.clone()).collect());
                match store::save_index(store, &ids) {
                    Ok(()) => s.index_dirty = false,
                    Err(e) => result = Err(e),
                }
            }
        });
        if !has_store {
            return;
        }
        match result {
            Ok(()) => self.status.set(StorageStatus::Saved),
            Err(e) => self.status.set(StorageStatus::Failed(e.message_zh())),
        }
    }
}
