//! The operations on the workspace and the save ledger they leave behind.

use super::Docs;
use crate::exchange::plan::Action;
use crate::i18n::{t, tf};
use crate::model::{DepartmentEvaluation, Evaluation, Indicator, TrashedEvaluation};
use crate::samples::Sample;
use std::collections::{BTreeSet, HashMap};

/// The time and the randomness new ids are made from: the browser's clock in the page, a
/// counter in tests.
pub trait Clock {
    /// Milliseconds since the epoch.
    fn now_ms(&self) -> u64;
    fn random(&self) -> u32;
}

/// A stored document the ledger has to write or remove.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DocKey {
    Eval(String),
    Dept(String),
}

/// What the last destructive action was, so it can be reversed.
#[derive(Clone, Debug, PartialEq)]
pub enum Undo {
    Deleted {
        id: String,
        title: String,
    },
    RowRemoved {
        eval_id: String,
        pos: usize,
        row: Indicator,
    },
    /// Rows pasted into a form.
    RowsAdded {
        eval_id: String,
        ids: Vec<String>,
    },
    Imported(ImportUndo),
    TrashEmptied(Vec<TrashedEvaluation>),
    DepartmentDeleted(Box<DepartmentEvaluation>),
}

/// What an import changed: the forms it added (removed again on undo) and the versions it
/// replaced (put back on undo).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportUndo {
    pub added: Vec<String>,
    pub added_departments: Vec<String>,
    pub replaced: Vec<Evaluation>,
    pub replaced_departments: Vec<DepartmentEvaluation>,
}

fn or_untitled<'a>(name: &'a str, untitled: &'a str) -> &'a str {
    if name.trim().is_empty() {
        t(untitled)
    } else {
        name.trim()
    }
}

impl Undo {
    /// The sentence beside the 撤销 button.
    pub fn label(&self) -> String {
        match self {
            Undo::Deleted { title, .. } => {
                tf("已将“{}”移到回收站。", &[&or_untitled(title, "未命名项目")])
            }
            Undo::RowRemoved { row, .. } => {
                tf("已删除三级指标“{}”。", &[&or_untitled(&row.name, "未命名")])
            }
            Undo::RowsAdded { ids, .. } => tf("已粘贴{}行三级指标。", &[&ids.len()]),
            Undo::Imported(i) => tf(
                "已导入：新增{}份，替换{}份。",
                &[
                    &(i.added.len() + i.added_departments.len()),
                    &(i.replaced.len() + i.replaced_departments.len()),
                ],
            ),
            Undo::TrashEmptied(items) => tf("已清空回收站（{}份）。", &[&items.len()]),
            Undo::DepartmentDeleted(d) => tf("已删除部门整体支出表“{}”。", &[&d.department]),
        }
    }
}

/// What this tab has to remember between operations. See the module's documentation.
#[derive(Debug, Default)]
pub struct Session {
    /// Documents to write at the next flush.
    pub(super) dirty: BTreeSet<DocKey>,
    /// Documents to remove from storage.
    pub(super) deleted: BTreeSet<DocKey>,
    /// Forms to move into the stored trash.
    pub(super) trashed: BTreeSet<String>,
    /// Stored trash entries to forget (restored or emptied).
    pub(super) untrashed: BTreeSet<String>,
    /// The list's order changed.
    pub(super) index_dirty: bool,
    /// Per form, the text this tab knows is stored for it: what it loaded, wrote or was told
    /// another tab wrote. Kept as text, not as a decoded copy: start-up then copies nothing
    /// (a copy of 1,000 forms took 70–90 ms on Chromium 86), and a flush compares texts,
    /// decoding only when another tab's write has to be merged.
    pub(super) synced: HashMap<String, String>,
    /// Ids of stored entries that could not be read: never given to a new form.
    reserved: Vec<String>,
    undo: Option<Undo>,
    /// Counts the changes that need saving, so the page knows when to schedule a save.
    changes: u64,
}

impl Session {
    /// A session over what was loaded from storage (all of it counts as saved): `stored` is
    /// each loaded form's stored text by id ([`crate::store::LoadOutcome::stored`]).
    pub fn new(stored: HashMap<String, String>, reserved: Vec<String>) -> Session {
        Session {
            synced: stored,
            reserved,
            ..Session::default()
        }
    }

    /// The action the 撤销 button reverses.
    pub fn undo(&self) -> Option<&Undo> {
        self.undo.as_ref()
    }

    /// Grows whenever something is left to save; compare before and after an operation.
    pub fn changes(&self) -> u64 {
        self.changes
    }

    /// Whether anything waits to be written.
    pub fn has_pending(&self) -> bool {
        !self.dirty.is_empty()
            || !self.deleted.is_empty()
            || !self.trashed.is_empty()
            || !self.untrashed.is_empty()
            || self.index_dirty
    }

    pub fn is_dirty(&self, key: &DocKey) -> bool {
        self.dirty.contains(key)
    }

    /// Records that a document changed (the page edits its signal, then calls this).
    pub fn mark_dirty(&mut self, key: DocKey) {
        self.deleted.remove(&key);
        self.dirty.insert(key);
        self.changes += 1;
    }

    fn mark_deleted(&mut self, key: DocKey) {
        self.dirty.remove(&key);
        if let DocKey::Eval(_) = key {
            self.index_dirty = true;
        }
        self.deleted.insert(key);
        self.changes += 1;
    }

    /// Whether an id is used by a form, a department form, the trash or unreadable data.
    pub fn id_taken(&self, docs: &dyn Docs, id: &str) -> bool {
        docs.has_eval(id)
            || docs.has_dept(id)
            || docs.in_trash(id)
            || self.reserved.iter().any(|r| r == id)
    }

    /// `base`, or `base-2`, `base-3`, … whichever is free (and not in `also_taken`).
    fn unused_id(&self, docs: &dyn Docs, base: &str, also_taken: &[String]) -> String {
        let taken = |c: &str| self.id_taken(docs, c) || also_taken.iter().any(|a| a == c);
        if !taken(base) {
            return base.to_string();
        }
        (2u32..)
            .map(|n| format!("{base}-{n}"))
            .find(|c| !taken(c))
            .unwrap_or_else(|| format!("{base}-x"))
    }

    /// A new id from the clock and a random number (`e…` for project forms, `d…` for
    /// department forms), made free if it is not.
    fn fresh_id(
        &self,
        docs: &dyn Docs,
        clock: &dyn Clock,
        prefix: char,
        also_taken: &[String],
    ) -> String {
        let base = format!("{prefix}{:x}{:08x}", clock.now_ms(), clock.random());
        self.unused_id(docs, &base, also_taken)
    }

    /// An id for a new form, used by nothing stored nor by the ids in `also_taken` (forms an
    /// import is about to add).
    pub fn new_id(&self, docs: &dyn Docs, clock: &dyn Clock, also_taken: &[String]) -> String {
        self.fresh_id(docs, clock, 'e', also_taken)
    }

    /// The id a department form is stored under: its own when free, else a free variant of it;
    /// a new one when it has none.
    pub(super) fn department_id(
        &self,
        docs: &dyn Docs,
        clock: &dyn Clock,
        id: &str,
        also_taken: &[String],
    ) -> String {
        if id.is_empty() {
            self.fresh_id(docs, clock, 'd', also_taken)
        } else {
            self.unused_id(docs, id, also_taken)
        }
    }

    /// Adds a form at the end of the list, as it is; returns its id.
    pub fn insert(&mut self, docs: &mut dyn Docs, e: Evaluation) -> String {
        let id = e.id.clone();
        docs.push_eval(e);
        self.index_dirty = true;
        self.mark_dirty(DocKey::Eval(id.clone()));
        id
    }

    /// Adds a department form (new, imported or the built-in example); returns its id. Imported
    /// forms keep their times; new ones get now.
    pub fn insert_department(
        &mut self,
        docs: &mut dyn Docs,
        clock: &dyn Clock,
        mut d: DepartmentEvaluation,
    ) -> String {
        d.id = self.department_id(docs, clock, &d.id, &[]);
        let now = clock.now_ms();
        if d.created_at == 0 {
            d.created_at = now;
        }
        if d.updated_at == 0 {
            d.updated_at = now;
        }
        let id = d.id.clone();
        docs.push_dept(d);
        self.mark_dirty(DocKey::Dept(id.clone()));
        id
    }

    /// A new blank form of `template` for `year`; returns its id.
    pub fn create(
        &mut self,
        docs: &mut dyn Docs,
        clock: &dyn Clock,
        year: String,
        template: crate::model::TemplateId,
    ) -> String {
        let id = self.new_id(docs, clock, &[]);
        let form = crate::templates::new_form(id, year, clock.now_ms(), template);
        self.insert(docs, form)
    }

    /// A new 部门整体支出绩效自评表 of `template` for the department-year of the department form
    /// `dept_id`, filled from what its figures hold (`templates::department`); returns its id,
    /// or `None` when there is no such department form.
    pub fn create_department_form(
        &mut self,
        docs: &mut dyn Docs,
        clock: &dyn Clock,
        dept_id: &str,
        template: crate::model::TemplateId,
    ) -> Option<String> {
        let dept = docs.dept(dept_id)?;
        let id = self.new_id(docs, clock, &[]);
        let form =
            crate::templates::department::new_department_form(id, &dept, clock.now_ms(), template);
        Some(self.insert(docs, form))
    }

    /// Adds one of the built-in examples as a new form; returns its id.
    pub fn add_sample(
        &mut self,
        docs: &mut dyn Docs,
        clock: &dyn Clock,
        sample: &Sample,
    ) -> String {
        let mut e = sample.build();
        let id = self.unused_id(docs, sample.key, &[]);
        if id != e.id {
            for (i, row) in e.indicators.iter_mut().enumerate() {
                row.id = format!("{id}-r{i}");
            }
            e.id = id;
        }
        e.created_at = clock.now_ms();
        e.updated_at = e.created_at;
        self.insert(docs, e)
    }

    /// Changes a form and records the edit time; false when there is no such form.
    pub fn edit(
        &mut self,
        docs: &mut dyn Docs,
        clock: &dyn Clock,
        id: &str,
        f: &mut dyn FnMut(&mut Evaluation),
    ) -> bool {
        let now = clock.now_ms();
        let found = docs.update_eval(id, &mut |e| {
            f(e);
            e.updated_at = now;
        });
        if found {
            self.mark_dirty(DocKey::Eval(id.to_string()));
        }
        found
    }

    /// Adds pasted rows to a form; undoable.
    pub fn add_rows(
        &mut self,
        docs: &mut dyn Docs,
        clock: &dyn Clock,
        eval_id: &str,
        rows: Vec<Indicator>,
    ) -> bool {
        let mut rows = Some(rows);
        let mut ids = Vec::new();
        let found = self.edit(docs, clock, eval_id, &mut |e| {
            if let Some(rows) = rows.take() {
                ids = e.append_rows(rows);
            }
        });
        if found {
            self.undo = Some(Undo::RowsAdded {
                eval_id: eval_id.to_string(),
                ids,
            });
        }
        found
    }

    /// Removes an indicator row; undoable.
    pub fn remove_row(
        &mut self,
        docs: &mut dyn Docs,
        clock: &dyn Clock,
        eval_id: &str,
        row_id: &str,
    ) -> bool {
        let mut removed = None;
        self.edit(docs, clock, eval_id, &mut |e| {
            removed = e.remove_row(row_id)
        });
        let Some((pos, row)) = removed else {
            return false;
        };
        self.undo = Some(Undo::RowRemoved {
            eval_id: eval_id.to_string(),
            pos,
            row,
        });
        true
    }

    /// Moves a form to the trash (undoable until the trash is emptied).
    pub fn delete(&mut self, docs: &mut dyn Docs, clock: &dyn Clock, id: &str) -> bool {
        let Some(evaluation) = docs.remove_eval(id) else {
            return false;
        };
        self.undo = Some(Undo::Deleted {
            id: id.to_string(),
            title: evaluation.project_name.clone(),
        });
        docs.trash_front(TrashedEvaluation {
            evaluation,
            deleted_at: clock.now_ms(),
        });
        self.dirty.remove(&DocKey::Eval(id.to_string()));
        self.untrashed.remove(id);
        self.trashed.insert(id.to_string());
        self.index_dirty = true;
        self.changes += 1;
        true
    }

    /// Takes a form out of the trash, back at the end of the list.
    pub fn restore(&mut self, docs: &mut dyn Docs, id: &str) -> bool {
        let Some(t) = docs.untrash(id) else {
            return false;
        };
        if matches!(&self.undo, Some(Undo::Deleted { id: d, .. }) if d == id) {
            self.undo = None;
        }
        self.trashed.remove(id);
        self.untrashed.insert(id.to_string());
        self.insert(docs, t.evaluation);
        true
    }

    /// Deletes everything in the trash for good (undoable).
    pub fn empty_trash(&mut self, docs: &mut dyn Docs) {
        let emptied = docs.take_trash();
        for t in &emptied {
            let id = &t.evaluation.id;
            // deleted and emptied before the move to the trash was saved: remove the entry itself
            if self.trashed.remove(id) {
                self.deleted.insert(DocKey::Eval(id.clone()));
            }
            self.untrashed.insert(id.clone());
        }
        self.undo = Some(Undo::TrashEmptied(emptied));
        self.changes += 1;
    }

    /// Copies a form as next year's starting point; returns the new id.
    pub fn duplicate_for_next_year(
        &mut self,
        docs: &mut dyn Docs,
        clock: &dyn Clock,
        id: &str,
    ) -> Option<String> {
        let e = docs.eval(id)?;
        let new_id = self.new_id(docs, clock, &[]);
        Some(self.insert(docs, e.next_year_copy(new_id, clock.now_ms())))
    }

    /// Deletes a department form (undoable).
    pub fn delete_department(&mut self, docs: &mut dyn Docs, id: &str) -> bool {
        let Some(d) = docs.remove_dept(id) else {
            return false;
        };
        self.undo = Some(Undo::DepartmentDeleted(Box::new(d)));
        self.mark_deleted(DocKey::Dept(id.to_string()));
        true
    }

    /// Carries out a confirmed import; it can be undone as a whole.
    pub fn apply_import(&mut self, docs: &mut dyn Docs, clock: &dyn Clock, actions: Vec<Action>) {
        let mut undo = ImportUndo::default();
        for a in actions {
            match a {
                Action::AddProject(e) => undo.added.push(self.insert(docs, e)),
                Action::ReplaceProject(e) => match docs.eval(&e.id) {
                    Some(old) => {
                        let id = e.id.clone();
                        undo.replaced.push(old);
                        docs.set_eval(e);
                        self.mark_dirty(DocKey::Eval(id));
                    }
                    None => undo.added.push(self.insert(docs, e)),
                },
                Action::AddDepartment(d) => undo
                    .added_departments
                    .push(self.insert_department(docs, clock, d)),
                Action::ReplaceDepartment(d) => match docs.dept(&d.id) {
                    Some(old) => {
                        let id = d.id.clone();
                        undo.replaced_departments.push(old);
                        docs.set_dept(d);
                        self.mark_dirty(DocKey::Dept(id));
                    }
                    None => undo
                        .added_departments
                        .push(self.insert_department(docs, clock, d)),
                },
            }
        }
        self.undo = Some(Undo::Imported(undo));
    }

    /// Reverses the last destructive action; false when there is none.
    pub fn undo_last(&mut self, docs: &mut dyn Docs, clock: &dyn Clock) -> bool {
        let Some(u) = self.undo.take() else {
            return false;
        };
        match u {
            Undo::Deleted { id, .. } => {
                self.restore(docs, &id);
            }
            Undo::RowRemoved { eval_id, pos, row } => {
                let mut row = Some(row);
                self.edit(docs, clock, &eval_id, &mut |e| {
                    if let Some(row) = row.take() {
                        e.restore_row(pos, row);
                    }
                });
            }
            Undo::RowsAdded { eval_id, ids } => {
                self.edit(docs, clock, &eval_id, &mut |e| {
                    e.indicators.retain(|r| !ids.contains(&r.id))
                });
            }
            Undo::Imported(i) => {
                for id in i.added {
                    if docs.remove_eval(&id).is_some() {
                        self.mark_deleted(DocKey::Eval(id));
                    }
                }
                for id in i.added_departments {
                    if docs.remove_dept(&id).is_some() {
                        self.mark_deleted(DocKey::Dept(id));
                    }
                }
                for e in i.replaced {
                    let id = e.id.clone();
                    if docs.set_eval(e) {
                        self.mark_dirty(DocKey::Eval(id));
                    }
                }
                for d in i.replaced_departments {
                    let id = d.id.clone();
                    if docs.set_dept(d) {
                        self.mark_dirty(DocKey::Dept(id));
                    }
                }
            }
            Undo::TrashEmptied(items) => {
                for t in &items {
                    self.untrashed.remove(&t.evaluation.id);
                    self.trashed.insert(t.evaluation.id.clone());
                }
                docs.trash_back(items);
                self.changes += 1;
            }
            Undo::DepartmentDeleted(d) => {
                self.insert_department(docs, clock, *d);
            }
        }
        true
    }
}
