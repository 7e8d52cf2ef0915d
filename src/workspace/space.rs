//! Storage space, so that an import is all or nothing against the browser's quota.
//!
//! localStorage cannot say how much room is left, and a write that does not fit throws. Before
//! an import the preview shows what it needs and what is left (a probe finds the room by
//! halving); when the user confirms, [`Session::import`] writes every entry first and only then
//! changes the open documents, putting back what it wrote if a write fails. So an import that
//! does not fit changes nothing, however wrong the estimate.

use super::{DocKey, Docs, Session};
use crate::exchange::json::Envelope;
use crate::exchange::plan::{Action, Choice};
use crate::store::{self, KeyValueStore, StoreError};

/// What an entry takes against the quota: its key and value in UTF-16 code units (Chromium
/// counts two bytes a unit against 10 MiB; Firefox counts units).
pub fn entry_chars(key: &str, value: &str) -> usize {
    key.encode_utf16().count() + value.encode_utf16().count()
}

/// What one item of an import takes in storage once written, and what the copy it would
/// replace takes now (0 when there is none).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemSpace {
    pub incoming: usize,
    pub existing: usize,
}

/// Per item of the plan (project forms, then department forms, as `exchange::plan` lists
/// them), the space it takes.
pub fn item_spaces(env: &Envelope, store: &dyn KeyValueStore) -> Vec<ItemSpace> {
    let existing = |key: &str| {
        store
            .get(key)
            .ok()
            .flatten()
            .map(|v| entry_chars(key, &v))
            .unwrap_or(0)
    };
    let projects = env.evaluations.iter().map(|e| {
        let key = store::eval_key(&e.id);
        ItemSpace {
            // the index lists every project form: its id, quoted, and a comma
            incoming: entry_chars(&key, &store::encode_evaluation(e)) + e.id.len() + 3,
            existing: existing(&key),
        }
    });
    let departments = env.departments.iter().map(|d| {
        let key = store::dept_key(&d.id);
        ItemSpace {
            incoming: entry_chars(&key, &store::encode_department(d)),
            existing: existing(&key),
        }
    });
    projects.chain(departments).collect()
}

/// The space an import needs with these choices; negative when it frees some.
pub fn needed(spaces: &[ItemSpace], choices: &[Choice]) -> i64 {
    spaces
        .iter()
        .zip(choices)
        .map(|(s, c)| {
            let (incoming, existing) = (s.incoming as i64, s.existing as i64);
            match c {
                Choice::Skip => 0,
                Choice::KeepBoth => incoming,
                Choice::Replace => incoming - existing,
            }
        })
        .sum()
}

/// The quota most browsers give a page's localStorage, in UTF-16 code units (Chromium: 10 MiB at
/// two bytes a unit; Firefox: 5 MiB of characters).
pub const USUAL_QUOTA: usize = 5 * 1024 * 1024;

/// What the store holds now, in UTF-16 code units (keys and values, as the quota counts them).
pub fn stored_chars(store: &dyn KeyValueStore) -> Result<usize, StoreError> {
    let mut n = 0;
    for key in store.keys()? {
        n += entry_chars(&key, &store.get(&key)?.unwrap_or_default());
    }
    Ok(n)
}

/// The room left in the store, in UTF-16 code units: the largest probe that fits, to within
/// 1,024 units, capped at `cap`. The first guess is [`USUAL_QUOTA`] less what is stored: two
/// writes confirm it on the usual browser (the search from nothing took about 20 writes of
/// megabytes: 600 ms of a 1,000-form import's preview). Elsewhere the search goes on from there,
/// doubling up or halving down.
pub fn free_chars(store: &mut dyn KeyValueStore, cap: usize) -> Result<usize, StoreError> {
    // the probe's own key and the rounding of the browser's count
    const MARGIN: usize = 512;
    let guess = USUAL_QUOTA
        .saturating_sub(stored_chars(store)? + MARGIN)
        .min(cap);
    let mut fits = |n: usize| -> Result<bool, StoreError> {
        match store.probe(n) {
            Ok(()) => Ok(true),
            Err(StoreError::QuotaExceeded) => Ok(false),
            Err(e) => Err(e),
        }
    };
    let (mut lo, mut hi) = (0, guess.max(64 * 1024));
    let mut grow = true;
    if guess >= 1024 {
        if fits(guess)? {
            (lo, hi) = (guess, guess + 1024);
        } else {
            // less room than usual: the answer is below the guess
            (hi, grow) = (guess, false);
        }
    }
    // up: a larger step each time, until a probe does not fit or passes the cap
    let mut step = hi - lo;
    while grow && hi <= cap && fits(hi)? {
        lo = hi;
        step = step.saturating_mul(2);
        hi = lo.saturating_add(step);
    }
    // past the cap: the cap itself, if it fits; else the answer is between what fit and it
    if hi > cap {
        if fits(cap)? {
            return Ok(cap);
        }
        hi = cap;
    }
    // down: halve the interval between what fits and what does not
    while hi - lo > 1024 {
        let mid = lo + (hi - lo) / 2;
        if fits(mid)? {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// Why a confirmed import was not carried out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRefused(pub StoreError);

impl Session {
    /// Carries out a confirmed import all or nothing: every entry is written to `store` first;
    /// if one does not fit, what was written is put back as it was and nothing else changes.
    /// Then the open documents change as [`Session::apply_import`] does (undoable as a whole).
    pub fn import(
        &mut self,
        docs: &mut dyn Docs,
        clock: &dyn super::Clock,
        store: &mut dyn KeyValueStore,
        actions: Vec<Action>,
    ) -> Result<(), ImportRefused> {
        let actions = self.settle_department_ids(docs, clock, actions);
        let mut entries: Vec<(String, String)> = Vec::new();
        let mut index = docs.eval_ids();
        for a in &actions {
            match a {
                Action::AddProject(e) | Action::ReplaceProject(e) => {
                    if !docs.has_eval(&e.id) {
                        index.push(e.id.clone());
                    }
                    entries.push((store::eval_key(&e.id), store::encode_evaluation(e)));
                }
                Action::AddDepartment(d) | Action::ReplaceDepartment(d) => {
                    entries.push((store::dept_key(&d.id), store::encode_department(d)));
                }
            }
        }
        let mut written: Vec<(String, Option<String>)> = Vec::new();
        let mut result = Ok(());
        for (key, value) in &entries {
            let before = store.get(key).ok().flatten();
            match store.set(key, value) {
                Ok(()) => written.push((key.clone(), before)),
                Err(e) => {
                    result = Err(e);
                    break;
                }
            }
        }
        let old_index = store.get(store::INDEX_KEY).ok().flatten();
        if result.is_ok() {
            result = store::save_index(store, &index);
        }
        if let Err(e) = result {
            // the new entries go first: that frees the room the old ones need back
            written.sort_by_key(|(_, before)| before.is_some());
            for (key, before) in written {
                let _ = match before {
                    Some(v) => store.set(&key, &v),
                    None => store.remove(&key),
                };
            }
            if let Some(v) = old_index {
                let _ = store.set(store::INDEX_KEY, &v);
            }
            return Err(ImportRefused(e));
        }
        let saved: Vec<Action> = actions.clone();
        self.apply_import(docs, clock, actions);
        // what was just written needs no second write
        for a in saved {
            match a {
                Action::AddProject(e) | Action::ReplaceProject(e) => {
                    self.dirty.remove(&DocKey::Eval(e.id));
                }
                Action::AddDepartment(d) | Action::ReplaceDepartment(d) => {
                    self.dirty.remove(&DocKey::Dept(d.id));
                }
            }
        }
        for (key, text) in entries {
            if let Some(id) = key.strip_prefix(store::EVAL_PREFIX) {
                self.synced.insert(id.to_string(), text);
            }
        }
        if docs.eval_ids() == index {
            self.index_dirty = false;
        }
        Ok(())
    }

    /// Gives new department forms the id and times they will be stored under, so their
    /// entries can be written before they are added.
    fn settle_department_ids(
        &self,
        docs: &dyn Docs,
        clock: &dyn super::Clock,
        actions: Vec<Action>,
    ) -> Vec<Action> {
        let mut taken: Vec<String> = Vec::new();
        actions
            .into_iter()
            .map(|a| match a {
                Action::AddDepartment(mut d) => {
                    d.id = self.department_id(docs, clock, &d.id, &taken);
                    taken.push(d.id.clone());
                    let now = clock.now_ms();
                    if d.created_at == 0 {
                        d.created_at = now;
                    }
                    if d.updated_at == 0 {
                        d.updated_at = now;
                    }
                    Action::AddDepartment(d)
                }
                other => other,
            })
            .collect()
    }
}
