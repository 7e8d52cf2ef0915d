//! Application state: one signal per evaluation (typing in one form notifies only that form's
//! views), the route, the storage status, and the debounced saver.

use crate::i18n::{t, tf};
use crate::model::{DepartmentEvaluation, Evaluation, TrashedEvaluation, Workspace};
use crate::samples::Sample;
use crate::store::merge::{merge_evaluation, same_content};
use crate::store::KeyValueStore;
use crate::store::{self, local::LocalStore, StoreError};
use crate::summary::{summary_row, SummaryRow};
use leptos::prelude::*;
use std::collections::BTreeSet;
use std::time::Duration;

/// Quiet time after the last keystroke before saving.
const SAVE_DELAY: Duration = Duration::from_millis(400);
/// Pause between retries after a failed save.
const RETRY_DELAY: Duration = Duration::from_secs(3);

#[derive(Clone)]
pub struct EvalEntry {
    pub id: String,
    pub doc: RwSignal<Evaluation>,
    /// This evaluation's figures for the list and the summary; recomputed only when this
    /// evaluation changes.
    pub row: Memo<SummaryRow>,
}

impl EvalEntry {
    /// Creates the signals; call under the app's root owner.
    fn new(e: Evaluation) -> EvalEntry {
        let id = e.id.clone();
        let doc = RwSignal::new(e);
        let row = Memo::new(move |_| doc.with(summary_row));
        EvalEntry { id, doc, row }
    }
}

/// What the last destructive action was, so it can be reversed.
#[derive(Clone, Debug)]
pub enum Undo {
    Deleted {
        id: String,
        title: String,
    },
    RowRemoved {
        eval_id: String,
        pos: usize,
        row: crate::model::Indicator,
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

#[derive(Clone, Debug, Default)]
pub struct ImportUndo {
    pub added: Vec<String>,
    pub added_departments: Vec<String>,
    pub replaced: Vec<Evaluation>,
    pub replaced_departments: Vec<DepartmentEvaluation>,
}

impl Undo {
    pub fn label(&self) -> String {
        match self {
            Undo::Deleted { title, .. } => tf(
                "已将“{}”移到回收站。",
                &[&if title.trim().is_empty() {
                    t("未命名项目")
                } else {
                    title.trim()
                }],
            ),
            Undo::RowRemoved { row, .. } => tf(
                "已删除三级指标“{}”。",
                &[&if row.name.trim().is_empty() {
                    t("未命名")
                } else {
                    row.name.trim()
                }],
            ),
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

#[derive(Clone)]
pub struct DeptEntry {
    pub id: String,
    pub doc: RwSignal<DepartmentEvaluation>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    List,
    /// A project form.
    Edit(String),
    /// A department form.
    Department(String),
    /// The 汇总表 of a department and year.
    Summary {
        department: String,
        year: String,
    },
    /// 使用说明.
    Help,
}

fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}

fn decode(s: &str) -> String {
    js_sys::decode_uri_component(s)
        .map(String::from)
        .unwrap_or_else(|_| s.to_string())
}

impl Route {
    pub fn to_hash(&self) -> String {
        match self {
            Route::List => "#/".into(),
            Route::Help => "#/help".into(),
            Route::Edit(id) => format!("#/e/{}", encode(id)),
            Route::Department(id) => format!("#/d/{}", encode(id)),
            Route::Summary { department, year } => {
                format!("#/s/{}/{}", encode(year), encode(department))
            }
        }
    }
    fn from_hash(hash: &str) -> Route {
        if hash == "#/help" {
            return Route::Help;
        }
        if let Some(id) = hash.strip_prefix("#/e/").filter(|s| !s.is_empty()) {
            return Route::Edit(decode(id));
        }
        if let Some(id) = hash.strip_prefix("#/d/").filter(|s| !s.is_empty()) {
            return Route::Department(decode(id));
        }
        if let Some(rest) = hash.strip_prefix("#/s/") {
            let (year, dept) = rest.split_once('/').unwrap_or((rest, ""));
            return Route::Summary {
                department: decode(dept),
                year: decode(year),
            };
        }
        Route::List
    }
}

/// A stored document the saver writes.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum DocKey {
    Eval(String),
    Dept(String),
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
    dirty: BTreeSet<DocKey>,
    deleted: BTreeSet<DocKey>,
    /// Evaluations to move into the stored trash.
    trashed: BTreeSet<String>,
    /// Trash entries to forget (restored or emptied).
    untrashed: BTreeSet<String>,
    /// A retry after a failed save is scheduled.
    retry_pending: bool,
    /// Per evaluation, the version this tab knows is in storage: the base of the three-way
    /// merge when another tab has written the same evaluation.
    synced: std::collections::HashMap<String, Evaluation>,
    index_dirty: bool,
    timer: Option<leptos::prelude::TimeoutHandle>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub evals: RwSignal<Vec<EvalEntry>>,
    pub depts: RwSignal<Vec<DeptEntry>>,
    /// Deleted evaluations, newest first (kept until emptied).
    pub trash: RwSignal<Vec<TrashedEvaluation>>,
    /// The last destructive action, offered for one-click undo.
    pub undo: RwSignal<Option<Undo>>,
    /// What happened when another tab edited the same data (shown until dismissed).
    pub sync_notes: RwSignal<Vec<String>>,
    pub route: RwSignal<Route>,
    pub status: RwSignal<StorageStatus>,
    /// Stored entries that could not be read (kept aside, reported).
    pub problems: RwSignal<Vec<String>>,
    /// The Excel or Word export being written, if any.
    pub office_job: RwSignal<Option<super::office_export::ExportJob>>,
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
                        saver.synced = outcome
                            .workspace
                            .evaluations
                            .iter()
                            .map(|e| (e.id.clone(), e.clone()))
                            .collect();
                        reserved = store::reserved_ids(&outcome.problems);
                        problems = outcome
                            .problems
                            .iter()
                            .map(|p| p.message(crate::i18n::lang()))
                            .collect();
                        workspace = outcome.workspace;
                    }
                    Err(e) => status = StorageStatus::Failed(e.message(crate::i18n::lang())),
                }
                saver.store = Some(s);
            }
            Err(e) => status = StorageStatus::Unavailable(e.message(crate::i18n::lang())),
        }
        let depts = workspace
            .departments
            .into_iter()
            .map(|d| DeptEntry {
                id: d.id.clone(),
                doc: RwSignal::new(d),
            })
            .collect();
        let trash = workspace.trash;
        let evals = workspace
            .evaluations
            .into_iter()
            .map(EvalEntry::new)
            .collect();
        let route = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .map(|h| Route::from_hash(&h))
            .unwrap_or(Route::List);
        AppState {
            evals: RwSignal::new(evals),
            depts: RwSignal::new(depts),
            trash: RwSignal::new(trash),
            undo: RwSignal::new(None),
            sync_notes: RwSignal::new(Vec::new()),
            route: RwSignal::new(route),
            status: RwSignal::new(status),
            problems: RwSignal::new(problems),
            office_job: RwSignal::new(None),
            reserved: StoredValue::new(reserved),
            saver: StoredValue::new_local(saver),
            owner: StoredValue::new_local(Owner::current()),
        }
    }

    pub fn entry(&self, id: &str) -> Option<EvalEntry> {
        self.evals.with(|v| v.iter().find(|e| e.id == id).cloned())
    }

    pub fn dept_entry(&self, id: &str) -> Option<DeptEntry> {
        self.depts.with(|v| v.iter().find(|e| e.id == id).cloned())
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
        self.mark_dirty(DocKey::Eval(id));
    }

    /// Applies an edit to one department form and schedules its save.
    pub fn edit_department(
        &self,
        doc: RwSignal<DepartmentEvaluation>,
        f: impl FnOnce(&mut DepartmentEvaluation),
    ) {
        let mut id = String::new();
        doc.update(|d| {
            f(d);
            d.updated_at = now_ms();
            id = d.id.clone();
        });
        self.mark_dirty(DocKey::Dept(id));
    }

    fn mark_dirty(&self, key: DocKey) {
        self.saver.update_value(|s| {
            s.deleted.remove(&key);
            s.dirty.insert(key);
        });
        self.schedule();
    }

    /// The raw text of every unreadable stored entry and its backup, as one JSON object
    /// `{key: text}`, so the user can take it to someone who can repair it.
    pub fn raw_problem_entries(&self) -> String {
        let mut map = serde_json::Map::new();
        self.saver.with_value(|s| {
            if let Some(store) = s.store.as_ref() {
                if let Ok(keys) = crate::store::KeyValueStore::keys(store) {
                    for k in keys
                        .into_iter()
                        .filter(|k| k.starts_with(crate::store::BACKUP_PREFIX))
                    {
                        if let Ok(Some(v)) = crate::store::KeyValueStore::get(store, &k) {
                            map.insert(k, serde_json::Value::String(v));
                        }
                    }
                }
            }
        });
        serde_json::to_string_pretty(&serde_json::Value::Object(map)).unwrap_or_default()
    }

    /// Runs `f` under the app's root owner, so signals it creates outlive the view that asked.
    fn owned<T>(&self, f: impl FnOnce() -> T) -> T {
        match self.owner.get_value() {
            Some(owner) => owner.with(f),
            None => f(),
        }
    }

    /// The project forms of a department and year, as they are now.
    pub fn group_evaluations(&self, key: &crate::summary::GroupKey) -> Vec<Evaluation> {
        self.evals.with_untracked(|v| {
            v.iter()
                .map(|e| e.doc.get_untracked())
                .filter(|e| crate::summary::GroupKey::of(e) == *key)
                .collect()
        })
    }

    /// The department forms of a department and year, as they are now.
    pub fn group_departments(&self, key: &crate::summary::GroupKey) -> Vec<DepartmentEvaluation> {
        self.depts.with_untracked(|v| {
            v.iter()
                .map(|d| d.doc.get_untracked())
                .filter(|d| crate::summary::GroupKey::of_department(d) == *key)
                .collect()
        })
    }

    /// Whether an id is used by an evaluation, a department form, the trash or unreadable data.
    pub fn id_taken(&self, id: &str) -> bool {
        self.evals.with_untracked(|v| v.iter().any(|e| e.id == id))
            || self.depts.with_untracked(|v| v.iter().any(|e| e.id == id))
            || self
                .trash
                .with_untracked(|t| t.iter().any(|x| x.evaluation.id == id))
            || self.reserved.with_value(|r| r.iter().any(|x| x == id))
    }

    /// Carries out a confirmed import; it can be undone as a whole.
    pub fn apply_import(&self, actions: Vec<crate::exchange::plan::Action>) {
        use crate::exchange::plan::Action;
        let mut undo = ImportUndo::default();
        for a in actions {
            match a {
                Action::AddProject(e) => undo.added.push(self.insert(e)),
                Action::ReplaceProject(e) => match self.entry(&e.id) {
                    Some(entry) => {
                        let id = e.id.clone();
                        undo.replaced.push(entry.doc.get_untracked());
                        entry.doc.set(e);
                        self.mark_dirty(DocKey::Eval(id));
                    }
                    None => undo.added.push(self.insert(e)),
                },
                Action::AddDepartment(d) => undo.added_departments.push(self.insert_department(d)),
                Action::ReplaceDepartment(d) => match self.dept_entry(&d.id) {
                    Some(entry) => {
                        let id = d.id.clone();
                        undo.replaced_departments.push(entry.doc.get_untracked());
                        entry.doc.set(d);
                        self.mark_dirty(DocKey::Dept(id));
                    }
                    None => undo.added_departments.push(self.insert_department(d)),
                },
            }
        }
        self.undo.set(Some(Undo::Imported(undo)));
    }

    /// Adds pasted rows to a form; undoable.
    pub fn add_rows(&self, doc: RwSignal<Evaluation>, rows: Vec<crate::model::Indicator>) {
        let mut ids = Vec::new();
        self.edit(doc, |e| ids = e.append_rows(rows));
        let eval_id = doc.with_untracked(|e| e.id.clone());
        self.undo.set(Some(Undo::RowsAdded { eval_id, ids }));
    }

    /// Removes an indicator row; undoable.
    pub fn remove_row(&self, doc: RwSignal<Evaluation>, row_id: &str) {
        let mut removed = None;
        self.edit(doc, |e| removed = e.remove_row(row_id));
        if let Some((pos, row)) = removed {
            let eval_id = doc.with_untracked(|e| e.id.clone());
            self.undo.set(Some(Undo::RowRemoved { eval_id, pos, row }));
        }
    }

    /// Reverses the last destructive action.
    pub fn undo_last(&self) {
        let Some(u) = self.undo.get_untracked() else {
            return;
        };
        self.undo.set(None);
        match u {
            Undo::Deleted { id, .. } => self.restore(&id),
            Undo::RowRemoved { eval_id, pos, row } => {
                if let Some(entry) = self.entry(&eval_id) {
                    self.edit(entry.doc, |e| e.restore_row(pos, row));
                }
            }
            Undo::RowsAdded { eval_id, ids } => {
                if let Some(entry) = self.entry(&eval_id) {
                    self.edit(entry.doc, |e| e.indicators.retain(|r| !ids.contains(&r.id)));
                }
            }
            Undo::Imported(i) => {
                for id in i.added {
                    self.evals.update(|v| v.retain(|e| e.id != id));
                    let key = DocKey::Eval(id);
                    self.saver.update_value(|s| {
                        s.dirty.remove(&key);
                        s.deleted.insert(key);
                        s.index_dirty = true;
                    });
                }
                for id in i.added_departments {
                    self.depts.update(|v| v.retain(|d| d.id != id));
                    let key = DocKey::Dept(id);
                    self.saver.update_value(|s| {
                        s.dirty.remove(&key);
                        s.deleted.insert(key);
                    });
                }
                for e in i.replaced {
                    if let Some(entry) = self.entry(&e.id) {
                        let id = e.id.clone();
                        entry.doc.set(e);
                        self.mark_dirty(DocKey::Eval(id));
                    }
                }
                for d in i.replaced_departments {
                    if let Some(entry) = self.dept_entry(&d.id) {
                        let id = d.id.clone();
                        entry.doc.set(d);
                        self.mark_dirty(DocKey::Dept(id));
                    }
                }
                self.schedule();
            }
            Undo::TrashEmptied(items) => {
                let ids: Vec<String> = items.iter().map(|t| t.evaluation.id.clone()).collect();
                self.trash.update(|t| t.extend(items));
                self.saver.update_value(|s| {
                    for id in ids {
                        s.untrashed.remove(&id);
                        s.trashed.insert(id);
                    }
                });
                self.schedule();
            }
            Undo::DepartmentDeleted(d) => {
                self.insert_department(*d);
            }
        }
    }

    /// An id for a new form, used by nothing stored (nor by the ids in `also_taken`).
    pub fn new_id(&self, also_taken: &[String]) -> String {
        loop {
            let id = self.unused_id(&format!("e{:x}{:08x}", now_ms(), random_suffix()));
            if !also_taken.contains(&id) && !self.id_taken(&id) {
                return id;
            }
        }
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
        let entry = self.owned(|| EvalEntry::new(e));
        self.evals.update(|v| v.push(entry));
        self.saver.update_value(|s| s.index_dirty = true);
        self.mark_dirty(DocKey::Eval(id.clone()));
        id
    }

    /// Adds a department form (new or the built-in example); returns its id.
    pub fn insert_department(&self, mut d: DepartmentEvaluation) -> String {
        let base = if d.id.is_empty() {
            format!("d{:x}{:08x}", now_ms(), random_suffix())
        } else {
            d.id.clone()
        };
        d.id = self.unused_id(&base);
        // imported forms keep their times; new ones get now
        let now = now_ms();
        if d.created_at == 0 {
            d.created_at = now;
        }
        if d.updated_at == 0 {
            d.updated_at = now;
        }
        let id = d.id.clone();
        let doc = self.owned(|| RwSignal::new(d));
        self.depts.update(|v| {
            v.push(DeptEntry {
                id: id.clone(),
                doc,
            })
        });
        self.mark_dirty(DocKey::Dept(id.clone()));
        id
    }

    pub fn delete_department(&self, id: &str) {
        if let Some(d) = self.dept_entry(id) {
            self.undo.set(Some(Undo::DepartmentDeleted(Box::new(
                d.doc.get_untracked(),
            ))));
        }
        self.depts.update(|v| v.retain(|e| e.id != id));
        let key = DocKey::Dept(id.to_string());
        self.saver.update_value(|s| {
            s.dirty.remove(&key);
            s.deleted.insert(key);
        });
        if self.route.get_untracked() != Route::List {
            self.navigate(Route::List);
        }
        self.schedule();
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

    /// Moves an evaluation to the trash (undoable until the trash is emptied).
    pub fn delete(&self, id: &str) {
        let Some(entry) = self.entry(id) else { return };
        let trashed = TrashedEvaluation {
            evaluation: entry.doc.get_untracked(),
            deleted_at: now_ms(),
        };
        self.evals.update(|v| v.retain(|e| e.id != id));
        self.trash.update(|t| t.insert(0, trashed));
        let title = entry.doc.with_untracked(|e| e.project_name.clone());
        self.undo.set(Some(Undo::Deleted {
            id: id.to_string(),
            title,
        }));
        let key = DocKey::Eval(id.to_string());
        self.saver.update_value(|s| {
            s.dirty.remove(&key);
            s.untrashed.remove(id);
            s.trashed.insert(id.to_string());
            s.index_dirty = true;
        });
        if self.route.get_untracked() != Route::List {
            self.navigate(Route::List);
        }
        self.schedule();
    }

    /// Takes an evaluation out of the trash, back into the list.
    pub fn restore(&self, id: &str) {
        let mut found = None;
        self.trash.update(|t| {
            if let Some(pos) = t.iter().position(|x| x.evaluation.id == id) {
                found = Some(t.remove(pos));
            }
        });
        let Some(t) = found else { return };
        if matches!(self.undo.get_untracked(), Some(Undo::Deleted { id: ref d, .. }) if d == id) {
            self.undo.set(None);
        }
        let id = id.to_string();
        self.saver.update_value(|s| {
            s.trashed.remove(&id);
            s.untrashed.insert(id.clone());
        });
        self.insert(t.evaluation);
    }

    /// Deletes everything in the trash for good.
    pub fn empty_trash(&self) {
        let ids: Vec<String> = self
            .trash
            .with_untracked(|t| t.iter().map(|x| x.evaluation.id.clone()).collect());
        let emptied = self.trash.get_untracked();
        self.trash.set(Vec::new());
        self.undo.set(Some(Undo::TrashEmptied(emptied)));
        self.saver.update_value(|s| {
            for id in ids {
                // deleted and emptied before the trash move was saved: remove the entry itself
                if s.trashed.remove(&id) {
                    s.deleted.insert(DocKey::Eval(id.clone()));
                }
                s.untrashed.insert(id);
            }
        });
        self.schedule();
    }

    /// Copies an evaluation as next year's starting point; returns the new id.
    pub fn duplicate_for_next_year(&self, id: &str) -> Option<String> {
        let e = self.entry(id)?.doc.get_untracked();
        let new_id = self.unused_id(&format!("e{:x}{:08x}", now_ms(), random_suffix()));
        Some(self.insert(e.next_year_copy(new_id, now_ms())))
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

    /// After a failed save (quota), try again every few seconds: when the user frees space
    /// (deletes, empties the trash, or another tab does), saving resumes by itself.
    fn retry_later(&self) {
        let mut already = false;
        self.saver.update_value(|s| {
            already = s.retry_pending;
            s.retry_pending = true;
        });
        if already {
            return;
        }
        let this = *self;
        set_timeout(
            move || {
                this.saver.update_value(|s| s.retry_pending = false);
                this.flush();
            },
            RETRY_DELAY,
        );
    }

    /// Writes every pending change now (also called on pagehide / visibilitychange).
    pub fn flush(&self) {
        let evals = self.evals;
        let depts = self.depts;
        let trash = self.trash;
        let mut notes: Vec<String> = Vec::new();
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
            let dirty: Vec<DocKey> = s.dirty.iter().cloned().collect();
            for key in dirty {
                let r = match &key {
                    DocKey::Eval(id) => evals
                        .with_untracked(|v| v.iter().find(|e| &e.id == id).map(|e| e.doc))
                        .map(|doc| {
                            // another tab may have saved this evaluation since we last saw it:
                            // merge per field instead of overwriting its edits
                            let theirs = store
                                .get(&store::eval_key(id))
                                .ok()
                                .flatten()
                                .and_then(|raw| store::decode_evaluation(&raw).ok());
                            let mine = doc.get_untracked();
                            let to_write = match (theirs, s.synced.get(id)) {
                                (Some(theirs), Some(base)) if !same_content(&theirs, base) => {
                                    let out = merge_evaluation(base, &mine, &theirs);
                                    notes.extend(conflict_note(&mine, &out.conflicts));
                                    doc.set(out.merged.clone());
                                    out.merged
                                }
                                _ => mine,
                            };
                            let r = store::save_evaluation(store, &to_write);
                            if r.is_ok() {
                                s.synced.insert(id.clone(), to_write);
                            }
                            r
                        }),
                    DocKey::Dept(id) => depts
                        .with_untracked(|v| v.iter().find(|e| &e.id == id).map(|e| e.doc))
                        .map(|doc| doc.with_untracked(|d| store::save_department(store, d))),
                };
                match r.unwrap_or(Ok(())) {
                    Ok(()) => {
                        s.dirty.remove(&key);
                    }
                    Err(e) => {
                        result = Err(e);
                        return;
                    }
                }
            }
            for id in s.trashed.clone() {
                let item =
                    trash.with_untracked(|t| t.iter().find(|x| x.evaluation.id == id).cloned());
                if let Some(item) = item {
                    if let Err(e) = store::trash_evaluation(store, &item) {
                        result = Err(e);
                        return;
                    }
                }
                s.trashed.remove(&id);
            }
            for id in s.untrashed.clone() {
                if let Err(e) = store::forget_trash(store, &id) {
                    result = Err(e);
                    return;
                }
                s.untrashed.remove(&id);
            }
            let deleted: Vec<DocKey> = s.deleted.iter().cloned().collect();
            for key in deleted {
                let r = match &key {
                    DocKey::Eval(id) => store::delete_evaluation(store, id),
                    DocKey::Dept(id) => store::delete_department(store, id),
                };
                if let Err(e) = r {
                    result = Err(e);
                    return;
                }
                s.deleted.remove(&key);
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
        if !notes.is_empty() {
            self.sync_notes.update(|n| n.extend(notes));
        }
        if !has_store {
            return;
        }
        match result {
            Ok(()) => self.status.set(StorageStatus::Saved),
            Err(e) => {
                self.status
                    .set(StorageStatus::Failed(e.message(crate::i18n::lang())));
                self.retry_later();
            }
        }
    }
}

/// "另一个标签页同时修改了「招商引资」的…；已保留本页的内容".
fn conflict_note(mine: &Evaluation, conflicts: &[String]) -> Option<String> {
    if conflicts.is_empty() {
        return None;
    }
    let name = if mine.project_name.trim().is_empty() {
        t("未命名项目")
    } else {
        mine.project_name.trim()
    };
    Some(tf(
        "另一个标签页同时修改了「{}」的{}，这些内容已保留本页的填写，其余修改已合并。",
        // the fields' names are the form's own words, in the catalogue
        &[
            &name,
            &conflicts
                .iter()
                .map(|c| t(c))
                .collect::<Vec<_>>()
                .join(t("、")),
        ],
    ))
}

impl AppState {
    /// Another tab changed localStorage: bring this tab up to date without dropping its own
    /// unsaved edits (they are merged per field; true conflicts keep this tab's value and are
    /// reported).
    pub fn on_storage(&self, key: Option<String>, new_value: Option<String>) {
        let Some(key) = key else {
            return;
        };
        if let Some(id) = key.strip_prefix(store::EVAL_PREFIX) {
            self.sync_evaluation(id, new_value);
        } else if let Some(id) = key.strip_prefix(store::DEPT_PREFIX) {
            self.sync_department(id, new_value);
        } else if let Some(id) = key.strip_prefix(store::TRASH_PREFIX) {
            match new_value.and_then(|raw| store::decode_trash(&raw).ok()) {
                Some(t) => self.trash.update(|v| {
                    if !v.iter().any(|x| x.evaluation.id == t.evaluation.id) {
                        v.insert(0, t);
                    }
                }),
                None => self.trash.update(|v| v.retain(|x| x.evaluation.id != id)),
            }
        }
    }

    fn is_dirty(&self, key: &DocKey) -> bool {
        self.saver.with_value(|s| s.dirty.contains(key))
    }

    fn sync_evaluation(&self, id: &str, raw: Option<String>) {
        let key = DocKey::Eval(id.to_string());
        let entry = self.entry(id);
        let Some(raw) = raw else {
            // removed (deleted or moved to the trash) in the other tab
            if entry.is_some() && !self.is_dirty(&key) {
                self.evals.update(|v| v.retain(|e| e.id != id));
                self.saver.update_value(|s| {
                    s.synced.remove(id);
                });
            }
            return;
        };
        let Ok(theirs) = store::decode_evaluation(&raw) else {
            return;
        };
        let Some(entry) = entry else {
            if self
                .trash
                .with_untracked(|t| t.iter().any(|x| x.evaluation.id == id))
            {
                return;
            }
            let e = theirs.clone();
            let new_entry = self.owned(|| EvalEntry::new(e));
            self.evals.update(|v| v.push(new_entry));
            self.saver.update_value(|s| {
                s.synced.insert(id.to_string(), theirs);
            });
            return;
        };
        let base = self.saver.with_value(|s| s.synced.get(id).cloned());
        let mine = entry.doc.get_untracked();
        if base.as_ref().is_some_and(|b| same_content(b, &theirs)) {
            return; // our own write, or nothing new
        }
        let dirty = self.is_dirty(&key);
        let base = base.unwrap_or_else(|| mine.clone());
        if !dirty || same_content(&mine, &base) {
            entry.doc.set(theirs.clone());
        } else {
            let out = merge_evaluation(&base, &mine, &theirs);
            if let Some(n) = conflict_note(&mine, &out.conflicts) {
                self.sync_notes.update(|v| v.push(n));
            }
            entry.doc.set(out.merged);
            self.mark_dirty(key);
        }
        self.saver.update_value(|s| {
            s.synced.insert(id.to_string(), theirs);
        });
    }

    fn sync_department(&self, id: &str, raw: Option<String>) {
        let key = DocKey::Dept(id.to_string());
        let entry = self.dept_entry(id);
        match raw.and_then(|r| store::decode_department(&r).ok()) {
            None => {
                if entry.is_some() && !self.is_dirty(&key) {
                    self.depts.update(|v| v.retain(|d| d.id != id));
                }
            }
            Some(theirs) => match entry {
                Some(entry) if self.is_dirty(&key) => {
                    if entry.doc.with_untracked(|d| d != &theirs) {
                        self.sync_notes.update(|v| {
                            v.push(tf(
                                "另一个标签页同时修改了部门整体支出表「{}」，已保留本页的填写。",
                                &[&theirs.department],
                            ))
                        });
                    }
                }
                Some(entry) => entry.doc.set(theirs),
                None => {
                    let doc = self.owned(|| RwSignal::new(theirs));
                    self.depts.update(|v| {
                        v.push(DeptEntry {
                            id: id.to_string(),
                            doc,
                        })
                    });
                }
            },
        }
    }
}
