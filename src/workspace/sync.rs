//! Writing the ledger to storage, and taking in what another tab wrote.
//!
//! Two tabs of ziping share one localStorage. Before writing a form, the flush reads what is
//! stored: when another tab has saved a different version since this tab last saw it, the two
//! are merged per field (`store::merge`) instead of overwriting the other tab's edits. When the
//! other tab writes, the page passes the storage event to [`Session::on_storage`].

use super::{DocKey, Docs, Session};
use crate::i18n::{t, tf};
use crate::model::Evaluation;
use crate::store::merge::{merge_evaluation, same_content};
use crate::store::{self, KeyValueStore, StoreError};

/// What another tab's simultaneous edit did, for the note above the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SyncNote {
    /// Both tabs changed these fields of a project form differently; this tab's values were
    /// kept, the other changes merged.
    Project { name: String, fields: Vec<String> },
    /// Both tabs changed a department form; this tab's version was kept.
    Department { name: String },
}

impl SyncNote {
    fn conflict(mine: &Evaluation, fields: Vec<String>) -> Option<SyncNote> {
        (!fields.is_empty()).then(|| SyncNote::Project {
            name: mine.project_name.trim().to_string(),
            fields,
        })
    }

    pub fn message(&self) -> String {
        match self {
            SyncNote::Project { name, fields } => tf(
                "另一个标签页同时修改了「{}」的{}，这些内容已保留本页的填写，其余修改已合并。",
                &[
                    &if name.is_empty() {
                        t("未命名项目")
                    } else {
                        name
                    },
                    // the fields' names are the form's own words, in the catalogue
                    &fields
                        .iter()
                        .map(|c| t(c))
                        .collect::<Vec<_>>()
                        .join(t("、")),
                ],
            ),
            SyncNote::Department { name } => tf(
                "另一个标签页同时修改了部门整体支出表「{}」，已保留本页的填写。",
                &[name],
            ),
        }
    }
}

/// The outcome of a flush: the first storage error, if any (what failed stays in the ledger
/// for the next try), and the merges it made.
#[derive(Debug)]
pub struct Flushed {
    pub result: Result<(), StoreError>,
    pub notes: Vec<SyncNote>,
}

impl Session {
    /// Writes every pending change. Stops at the first failure (a full quota), keeping the
    /// rest pending; a later flush carries on from there.
    pub fn flush(&mut self, docs: &mut dyn Docs, store: &mut dyn KeyValueStore) -> Flushed {
        let mut notes = Vec::new();
        let result = self.write(docs, store, &mut notes);
        Flushed { result, notes }
    }

    fn write(
        &mut self,
        docs: &mut dyn Docs,
        store: &mut dyn KeyValueStore,
        notes: &mut Vec<SyncNote>,
    ) -> Result<(), StoreError> {
        for key in self.dirty.clone() {
            match &key {
                DocKey::Eval(id) => {
                    if let Some(mine) = docs.eval(id) {
                        let to_write = self.merged_with_stored(docs, store, mine, notes);
                        let text = store::encode_evaluation(&to_write);
                        store.set(&store::eval_key(id), &text)?;
                        self.synced.insert(id.clone(), text);
                    }
                }
                DocKey::Dept(id) => {
                    if let Some(d) = docs.dept(id) {
                        store::save_department(store, &d)?;
                    }
                }
            }
            self.dirty.remove(&key);
        }
        for id in self.trashed.clone() {
            if let Some(item) = docs.trashed(&id) {
                store::trash_evaluation(store, &item)?;
                // no longer stored as a form: no base to keep
                self.synced.remove(&id);
            }
            self.trashed.remove(&id);
        }
        for id in self.untrashed.clone() {
            store::forget_trash(store, &id)?;
            self.untrashed.remove(&id);
        }
        for key in self.deleted.clone() {
            match &key {
                DocKey::Eval(id) => {
                    store::delete_evaluation(store, id)?;
                    self.synced.remove(id);
                }
                DocKey::Dept(id) => store::delete_department(store, id)?,
            }
            self.deleted.remove(&key);
        }
        if self.index_dirty {
            store::save_index(store, &docs.eval_ids())?;
            self.index_dirty = false;
        }
        Ok(())
    }

    /// This tab's version of a form, merged with what another tab stored since this tab last
    /// saw it (the merge also replaces the open form).
    fn merged_with_stored(
        &self,
        docs: &mut dyn Docs,
        store: &dyn KeyValueStore,
        mine: Evaluation,
        notes: &mut Vec<SyncNote>,
    ) -> Evaluation {
        let Some(base_text) = self.synced.get(&mine.id) else {
            return mine;
        };
        let Some(stored) = store.get(&store::eval_key(&mine.id)).ok().flatten() else {
            return mine;
        };
        // the text this tab last saw: nobody else wrote (the usual case, no decoding)
        if &stored == base_text {
            return mine;
        }
        let (Ok(theirs), Ok(base)) = (
            store::decode_evaluation(&stored),
            store::decode_evaluation(base_text),
        ) else {
            return mine;
        };
        if same_content(&theirs, &base) {
            return mine;
        }
        let out = merge_evaluation(&base, &mine, &theirs);
        notes.extend(SyncNote::conflict(&mine, out.conflicts));
        docs.set_eval(out.merged.clone());
        out.merged
    }

    /// Another tab changed the stored entry `key` (to `value`, or removed it): bring the open
    /// documents up to date without dropping this tab's unsaved edits (they are merged per
    /// field; true conflicts keep this tab's value and are reported).
    pub fn on_storage(
        &mut self,
        docs: &mut dyn Docs,
        key: &str,
        value: Option<&str>,
    ) -> Vec<SyncNote> {
        if let Some(id) = key.strip_prefix(store::EVAL_PREFIX) {
            self.sync_evaluation(docs, id, value).into_iter().collect()
        } else if let Some(id) = key.strip_prefix(store::DEPT_PREFIX) {
            self.sync_department(docs, id, value).into_iter().collect()
        } else {
            if let Some(id) = key.strip_prefix(store::TRASH_PREFIX) {
                match value.and_then(|raw| store::decode_trash(raw).ok()) {
                    Some(t) if !docs.in_trash(&t.evaluation.id) => docs.trash_front(t),
                    Some(_) => {}
                    None => {
                        docs.untrash(id);
                    }
                }
            }
            Vec::new()
        }
    }

    fn sync_evaluation(
        &mut self,
        docs: &mut dyn Docs,
        id: &str,
        raw: Option<&str>,
    ) -> Option<SyncNote> {
        let key = DocKey::Eval(id.to_string());
        let Some(raw) = raw else {
            // removed (deleted or moved to the trash) in the other tab
            if !self.is_dirty(&key) && docs.remove_eval(id).is_some() {
                self.synced.remove(id);
            }
            return None;
        };
        // our own write, or nothing new, for a form open here (one this tab no longer has is
        // taken in below whatever text it last saw of it)
        if docs.has_eval(id) && self.synced.get(id).is_some_and(|b| b == raw) {
            return None;
        }
        let theirs = store::decode_evaluation(raw).ok()?;
        let Some(mine) = docs.eval(id) else {
            if !docs.in_trash(id) {
                docs.push_eval(theirs);
                self.synced.insert(id.to_string(), raw.to_string());
            }
            return None;
        };
        let base = self
            .synced
            .get(id)
            .and_then(|b| store::decode_evaluation(b).ok());
        if base.as_ref().is_some_and(|b| same_content(b, &theirs)) {
            // the same form written as another text: that text is the base from now on
            self.synced.insert(id.to_string(), raw.to_string());
            return None;
        }
        let base = base.unwrap_or_else(|| mine.clone());
        let mut note = None;
        if !self.is_dirty(&key) || same_content(&mine, &base) {
            docs.set_eval(theirs.clone());
        } else {
            let out = merge_evaluation(&base, &mine, &theirs);
            note = SyncNote::conflict(&mine, out.conflicts);
            docs.set_eval(out.merged);
            self.mark_dirty(key);
        }
        self.synced.insert(id.to_string(), raw.to_string());
        note
    }

    fn sync_department(
        &mut self,
        docs: &mut dyn Docs,
        id: &str,
        raw: Option<&str>,
    ) -> Option<SyncNote> {
        let dirty = self.is_dirty(&DocKey::Dept(id.to_string()));
        let Some(theirs) = raw.and_then(|r| store::decode_department(r).ok()) else {
            if !dirty {
                docs.remove_dept(id);
            }
            return None;
        };
        match docs.dept(id) {
            Some(mine) if dirty => (mine != theirs).then(|| SyncNote::Department {
                name: theirs.department.clone(),
            }),
            Some(_) => {
                docs.set_dept(theirs);
                None
            }
            None => {
                docs.push_dept(theirs);
                None
            }
        }
    }
}
