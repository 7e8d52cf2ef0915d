//! Application state: one signal per form (typing in one form notifies only that form's views),
//! the route, the storage status, and the debounced saver.
//!
//! What the workspace does — create, delete, trash, undo, import, save, merge another tab's
//! edits — is `crate::workspace`, tested natively; this layer gives it the page's signals as its
//! [`Docs`], the browser's clock, and localStorage, and schedules the saves.

use crate::model::{DepartmentEvaluation, Evaluation, TrashedEvaluation, Workspace};
use crate::samples::Sample;
use crate::store::{self, local::LocalStore};
use crate::summary::{summary_row, SummaryRow};
pub use crate::workspace::Undo;
use crate::workspace::{Clock, DocKey, Docs, Session};
use leptos::prelude::*;
use std::time::Duration;

/// Quiet time after the last keystroke before saving.
const SAVE_DELAY: Duration = Duration::from_millis(400);
/// Pause between retries after a failed save.
const RETRY_DELAY: Duration = Duration::from_secs(3);
/// The background assessment after start (`warm_rows`): when it begins, how long one slice may
/// run, the pause between slices (the page handles input and paints in between).
const WARM_START: Duration = Duration::from_millis(300);
const WARM_SLICE_MS: u64 = 8;
const WARM_PAUSE: Duration = Duration::from_millis(4);
/// The figures cache is written this long after the last save (a pass over the rows, packing).
const FIGURES_DELAY: Duration = Duration::from_secs(10);

#[derive(Clone)]
pub struct EvalEntry {
    pub id: String,
    pub doc: RwSignal<Evaluation>,
    /// This evaluation's figures for the list and the summary; recomputed only when this
    /// evaluation changes.
    pub row: Memo<SummaryRow>,
    /// The row came from the figures cache (`store::figures`) and the rules have not run over
    /// the form yet in this page: the background pass does, through `refresh`.
    seeded: StoredValue<bool>,
    refresh: Trigger,
}

impl EvalEntry {
    /// Creates the signals; call under the app's root owner.
    fn new(e: Evaluation) -> EvalEntry {
        EvalEntry::with_figures(e, None)
    }

    /// With the row the figures cache kept for this form as it is: the county view of a
    /// county's forms then opens without assessing them all first.
    fn with_figures(e: Evaluation, kept: Option<SummaryRow>) -> EvalEntry {
        let id = e.id.clone();
        let seeded = StoredValue::new(kept.is_some());
        let kept = StoredValue::new(kept);
        let doc = RwSignal::new(e);
        let refresh = Trigger::new();
        let row = Memo::new(move |_| {
            refresh.track();
            // the form is read either way: an edit recomputes the row
            doc.track();
            match kept.try_update_value(Option::take).flatten() {
                Some(row) => row,
                None => doc.with(summary_row),
            }
        });
        EvalEntry {
            id,
            doc,
            row,
            seeded,
            refresh,
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
    /// The reviewer's county view of a year (empty: the latest year).
    County {
        year: String,
    },
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
            Route::County { year } if year.is_empty() => "#/county".into(),
            Route::County { year } => format!("#/county/{}", encode(year)),
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
        if hash == "#/county" {
            return Route::County {
                year: String::new(),
            };
        }
        if let Some(year) = hash.strip_prefix("#/county/") {
            return Route::County { year: decode(year) };
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

/// The session of the workspace core and what writes it to localStorage.
#[derive(Default)]
struct Saver {
    store: Option<LocalStore>,
    session: Session,
    /// A retry after a failed save is scheduled.
    retry_pending: bool,
    timer: Option<leptos::prelude::TimeoutHandle>,
    /// The figures cache's next write, a while after the last save.
    figures_timer: Option<leptos::prelude::TimeoutHandle>,
}

#[derive(Clone, Copy)]
pub struct AppState {
    pub evals: RwSignal<Vec<EvalEntry>>,
    pub depts: RwSignal<Vec<DeptEntry>>,
    /// Deleted evaluations, newest first (kept until emptied).
    pub trash: RwSignal<Vec<TrashedEvaluation>>,
    /// The last destructive action, offered for one-click undo (mirrors the session's).
    pub undo: RwSignal<Option<Undo>>,
    /// What happened when another tab edited the same data (shown until dismissed).
    pub sync_notes: RwSignal<Vec<String>>,
    pub route: RwSignal<Route>,
    pub status: RwSignal<StorageStatus>,
    /// Stored entries that could not be read (kept aside, reported).
    pub problems: RwSignal<Vec<String>>,
    /// The Excel or Word export being written, if any.
    pub office_job: RwSignal<Option<super::office_export::ExportJob>>,
    /// 复核模式: the finance bureau's reviewer enters 复核分 and 复核意见; otherwise a review
    /// that came with a form is shown read-only.
    pub reviewer: RwSignal<bool>,
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

/// The browser's clock and randomness, for new ids and edit times.
struct WebClock;

impl Clock for WebClock {
    fn now_ms(&self) -> u64 {
        now_ms()
    }
    fn random(&self) -> u32 {
        // Math.random() in [0, 1): scaled to 32 bits for an id, never used as an amount
        (js_sys::Math::random() * 4_294_967_295.0) as u32
    }
}

/// The page's documents as the workspace core sees them: one signal per form.
#[derive(Clone, Copy)]
struct SignalDocs {
    evals: RwSignal<Vec<EvalEntry>>,
    depts: RwSignal<Vec<DeptEntry>>,
    trash: RwSignal<Vec<TrashedEvaluation>>,
    owner: StoredValue<Option<Owner>, LocalStorage>,
}

impl SignalDocs {
    fn eval_doc(&self, id: &str) -> Option<RwSignal<Evaluation>> {
        self.evals
            .with_untracked(|v| v.iter().find(|e| e.id == id).map(|e| e.doc))
    }
    fn dept_doc(&self, id: &str) -> Option<RwSignal<DepartmentEvaluation>> {
        self.depts
            .with_untracked(|v| v.iter().find(|e| e.id == id).map(|e| e.doc))
    }
    /// Runs `f` under the app's root owner, so signals it creates outlive the view that asked.
    fn owned<T>(&self, f: impl FnOnce() -> T) -> T {
        match self.owner.get_value() {
            Some(owner) => owner.with(f),
            None => f(),
        }
    }
}

impl Docs for SignalDocs {
    fn eval_ids(&self) -> Vec<String> {
        self.evals
            .with_untracked(|v| v.iter().map(|e| e.id.clone()).collect())
    }
    fn has_eval(&self, id: &str) -> bool {
        self.evals.with_untracked(|v| v.iter().any(|e| e.id == id))
    }
    fn eval(&self, id: &str) -> Option<Evaluation> {
        self.eval_doc(id).map(|d| d.get_untracked())
    }
    fn set_eval(&mut self, e: Evaluation) -> bool {
        self.eval_doc(&e.id).map(|d| d.set(e)).is_some()
    }
    fn update_eval(&mut self, id: &str, f: &mut dyn FnMut(&mut Evaluation)) -> bool {
        self.eval_doc(id).map(|d| d.update(|e| f(e))).is_some()
    }
    fn push_eval(&mut self, e: Evaluation) {
        let entry = self.owned(|| EvalEntry::new(e));
        self.evals.update(|v| v.push(entry));
    }
    fn remove_eval(&mut self, id: &str) -> Option<Evaluation> {
        let doc = self.eval_doc(id)?;
        self.evals.update(|v| v.retain(|e| e.id != id));
        Some(doc.get_untracked())
    }

    fn has_dept(&self, id: &str) -> bool {
        self.depts.with_untracked(|v| v.iter().any(|e| e.id == id))
    }
    fn dept(&self, id: &str) -> Option<DepartmentEvaluation> {
        self.dept_doc(id).map(|d| d.get_untracked())
    }
    fn set_dept(&mut self, d: DepartmentEvaluation) -> bool {
        self.dept_doc(&d.id).map(|doc| doc.set(d)).is_some()
    }
    fn push_dept(&mut self, d: DepartmentEvaluation) {
        let id = d.id.clone();
        let doc = self.owned(|| RwSignal::new(d));
        self.depts.update(|v| v.push(DeptEntry { id, doc }));
    }
    fn remove_dept(&mut self, id: &str) -> Option<DepartmentEvaluation> {
        let doc = self.dept_doc(id)?;
        self.depts.update(|v| v.retain(|e| e.id != id));
        Some(doc.get_untracked())
    }

    fn in_trash(&self, id: &str) -> bool {
        self.trash
            .with_untracked(|t| t.iter().any(|x| x.evaluation.id == id))
    }
    fn trashed(&self, id: &str) -> Option<TrashedEvaluation> {
        self.trash
            .with_untracked(|t| t.iter().find(|x| x.evaluation.id == id).cloned())
    }
    fn trash_front(&mut self, t: TrashedEvaluation) {
        self.trash.update(|v| v.insert(0, t));
    }
    fn trash_back(&mut self, items: Vec<TrashedEvaluation>) {
        self.trash.update(|v| v.extend(items));
    }
    fn untrash(&mut self, id: &str) -> Option<TrashedEvaluation> {
        let pos = self
            .trash
            .with_untracked(|t| t.iter().position(|x| x.evaluation.id == id))?;
        let mut out = None;
        self.trash.update(|t| out = Some(t.remove(pos)));
        out
    }
    fn take_trash(&mut self) -> Vec<TrashedEvaluation> {
        let mut out = Vec::new();
        self.trash.update(|t| out = std::mem::take(t));
        out
    }
}

impl AppState {
    /// Opens storage and loads the workspace; reports what could not be read.
    /// Computes each form's figures (its summary row: the rules engine over the whole form) a few
    /// at a time after start, in slices of a few milliseconds between which the page answers. The
    /// list does not need them (it starts without assessing, folded when large); the county view,
    /// the 汇总表 and a sort by score do, and then find them ready.
    ///
    /// A row taken from the figures cache is assessed again in this pass (the rules run over the
    /// form; the page shows a change only if there is one), and when the pass is done the cache
    /// is written anew for the next visit.
    pub fn warm_rows(self) {
        self.warm_rows_after(WARM_START);
    }

    fn warm_rows_after(self, delay: Duration) {
        fn slice(app: AppState, from: usize) {
            let started = now_ms();
            let mut at = from;
            let more = app.evals.with_untracked(|v| {
                while let Some(e) = v.get(at) {
                    if e.seeded.get_value() {
                        e.seeded.set_value(false);
                        e.refresh.notify();
                    }
                    // reading the memo computes it once; it stays until the form changes
                    e.row.with_untracked(|_| ());
                    at += 1;
                    if now_ms().saturating_sub(started) >= WARM_SLICE_MS {
                        break;
                    }
                }
                at < v.len()
            });
            if more {
                set_timeout(move || slice(app, at), WARM_PAUSE);
            } else {
                app.keep_figures();
            }
        }
        set_timeout(move || slice(self, 0), delay);
    }

    /// Writes every form's figures to the cache (all rows are computed: the pass above). Where
    /// they do not fit they are not kept; the forms come first.
    fn keep_figures(self) {
        let forms: Vec<(String, u64, crate::summary::Figures)> = self.evals.with_untracked(|v| {
            v.iter()
                .map(|e| {
                    (
                        e.id.clone(),
                        e.doc.with_untracked(|d| d.updated_at),
                        e.row.with_untracked(SummaryRow::figures),
                    )
                })
                .collect()
        });
        self.saver.update_value(|s| {
            if let Some(store) = s.store.as_mut() {
                // a cache that does not fit is simply not kept
                let _ = store::figures::write(store, forms);
            }
        });
    }

    /// After saves: the figures cache again, once the page has been quiet for a while.
    fn schedule_figures(&self) {
        let this = *self;
        let handle =
            set_timeout_with_handle(move || this.warm_rows_after(Duration::ZERO), FIGURES_DELAY)
                .ok();
        self.saver.update_value(|s| {
            if let Some(old) = std::mem::replace(&mut s.figures_timer, handle) {
                old.clear();
            }
        });
    }

    pub fn load() -> AppState {
        let mut status = StorageStatus::Saved;
        let mut problems = Vec::new();
        let mut reserved = Vec::new();
        let mut workspace = Workspace::default();
        let mut stored = std::collections::HashMap::new();
        let mut opened = None;
        let mut kept = std::collections::HashMap::new();
        match LocalStore::open() {
            Ok(mut s) => {
                kept = store::figures::read(&s);
                match store::load(&mut s) {
                    Ok(outcome) => {
                        reserved = store::reserved_ids(&outcome.problems);
                        problems = outcome
                            .problems
                            .iter()
                            .map(|p| p.message(crate::i18n::lang()))
                            .collect();
                        workspace = outcome.workspace;
                        stored = outcome.stored;
                    }
                    Err(e) => status = StorageStatus::Failed(e.message(crate::i18n::lang())),
                }
                opened = Some(s);
            }
            Err(e) => status = StorageStatus::Unavailable(e.message(crate::i18n::lang())),
        }
        let saver = Saver {
            store: opened,
            session: Session::new(stored, reserved),
            ..Saver::default()
        };
        let depts = workspace
            .departments
            .into_iter()
            .map(|d| DeptEntry {
                id: d.id.clone(),
                doc: RwSignal::new(d),
            })
            .collect();
        // each form's figures as kept at the last visit, while it is the form they were made of
        let evals = workspace
            .evaluations
            .into_iter()
            .map(|e| {
                let row = kept
                    .remove(&e.id)
                    .filter(|(at, _)| *at == e.updated_at)
                    .map(|(_, f)| SummaryRow::from_figures(&e, f));
                EvalEntry::with_figures(e, row)
            })
            .collect();
        let route = web_sys::window()
            .and_then(|w| w.location().hash().ok())
            .map(|h| Route::from_hash(&h))
            .unwrap_or(Route::List);
        AppState {
            evals: RwSignal::new(evals),
            depts: RwSignal::new(depts),
            trash: RwSignal::new(workspace.trash),
            undo: RwSignal::new(None),
            sync_notes: RwSignal::new(Vec::new()),
            route: RwSignal::new(route),
            status: RwSignal::new(status),
            problems: RwSignal::new(problems),
            office_job: RwSignal::new(None),
            reviewer: RwSignal::new(super::review::remembered()),
            saver: StoredValue::new_local(saver),
            owner: StoredValue::new_local(Owner::current()),
        }
    }

    fn docs(&self) -> SignalDocs {
        SignalDocs {
            evals: self.evals,
            depts: self.depts,
            trash: self.trash,
            owner: self.owner,
        }
    }

    /// Runs an operation of the workspace core on the page's documents, then shows its undo
    /// and schedules the save it left to do.
    fn run<T>(&self, op: impl FnOnce(&mut Session, &mut dyn Docs) -> T) -> Option<T> {
        let mut docs = self.docs();
        let mut changed = false;
        let mut undo = None;
        let out = self.saver.try_update_value(|s| {
            let before = s.session.changes();
            let out = op(&mut s.session, &mut docs);
            changed = s.session.changes() != before;
            undo = s.session.undo().cloned();
            out
        });
        if self.undo.with_untracked(|u| *u != undo) {
            self.undo.set(undo);
        }
        if changed {
            self.schedule();
        }
        out
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

    fn leave_to_list(&self) {
        if self.route.get_untracked() != Route::List {
            self.navigate(Route::List);
        }
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

    /// Applies an edit to one evaluation and schedules its save. (Typing goes straight to the
    /// form's own signal, so only that form's views update.)
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
        self.saver.update_value(|s| s.session.mark_dirty(key));
        self.schedule();
    }

    /// The raw text of every unreadable stored entry and its backup, as one JSON object
    /// `{key: text}`, so the user can take it to someone who can repair it.
    pub fn raw_problem_entries(&self) -> String {
        self.saver
            .with_value(|s| s.store.as_ref().map(|st| store::raw_backups(st)))
            .unwrap_or_default()
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
        let docs = self.docs();
        self.saver.with_value(|s| s.session.id_taken(&docs, id))
    }

    /// An id for a new form, used by nothing stored (nor by the ids in `also_taken`).
    pub fn new_id(&self, also_taken: &[String]) -> String {
        let docs = self.docs();
        self.saver
            .with_value(|s| s.session.new_id(&docs, &WebClock, also_taken))
    }

    /// Carries out a confirmed import, all or nothing: every entry is written before anything
    /// changes on the page; one that does not fit puts storage back and refuses the import
    /// (with the reason, to show). Without storage it only changes the page. Undoable.
    pub fn import(&self, actions: Vec<crate::exchange::plan::Action>) -> Result<(), String> {
        let mut docs = self.docs();
        let mut undo = None;
        let mut refused = None;
        self.saver.update_value(|s| {
            match s.store.as_mut() {
                Some(store) => {
                    // the forms come first: the figures cache makes room (it is written again
                    // after), and is put back when the import is refused
                    let kept = store::figures::set_aside(store);
                    if let Err(e) = s.session.import(&mut docs, &WebClock, store, actions) {
                        refused = Some(e.0.message(crate::i18n::lang()));
                        if let Some(raw) = kept {
                            store::figures::put_back(store, &raw);
                        }
                    }
                }
                None => s.session.apply_import(&mut docs, &WebClock, actions),
            }
            undo = s.session.undo().cloned();
        });
        if let Some(why) = refused {
            return Err(why);
        }
        self.undo.set(undo);
        self.schedule();
        Ok(())
    }

    /// What each item of an import takes in storage and the room left, for the preview; None
    /// without storage.
    pub fn space_for(
        &self,
        env: &crate::exchange::json::Envelope,
    ) -> Option<(Vec<crate::workspace::ItemSpace>, usize)> {
        self.saver
            .try_update_value(|s| {
                let store = s.store.as_mut()?;
                let spaces = crate::workspace::item_spaces(env, store);
                // Chromium's quota is about 5.2 million units; nothing gives more than 64 MB
                let free = crate::workspace::free_chars(store, 32 * 1024 * 1024).ok()?;
                // the figures cache's room counts as free: it gives way before an import is
                // written, and a preview changes nothing
                Some((spaces, free + store::figures::room(store)))
            })
            .flatten()
    }

    /// Adds pasted rows to a form; undoable.
    pub fn add_rows(&self, doc: RwSignal<Evaluation>, rows: Vec<crate::model::Indicator>) {
        let id = doc.with_untracked(|e| e.id.clone());
        self.run(|s, d| s.add_rows(d, &WebClock, &id, rows));
    }

    /// Removes an indicator row; undoable.
    pub fn remove_row(&self, doc: RwSignal<Evaluation>, row_id: &str) {
        let id = doc.with_untracked(|e| e.id.clone());
        self.run(|s, d| s.remove_row(d, &WebClock, &id, row_id));
    }

    /// Reverses the last destructive action.
    pub fn undo_last(&self) {
        self.run(|s, d| s.undo_last(d, &WebClock));
    }

    /// Adds a department form (new or the built-in example); returns its id.
    pub fn insert_department(&self, d: DepartmentEvaluation) -> String {
        self.run(|s, docs| s.insert_department(docs, &WebClock, d))
            .unwrap_or_default()
    }

    pub fn delete_department(&self, id: &str) {
        self.run(|s, d| s.delete_department(d, id));
        self.leave_to_list();
    }

    /// A new blank form of `template` for last year (the year a self-evaluation looks back on);
    /// returns its id.
    pub fn create(&self, template: crate::model::TemplateId) -> String {
        let year = js_sys::Date::new_0()
            .get_full_year()
            .saturating_sub(1)
            .to_string();
        self.run(|s, d| s.create(d, &WebClock, year, template))
            .unwrap_or_default()
    }

    /// A new 部门整体支出绩效自评表 beside the department form `dept_id`, filled from its
    /// figures; returns its id.
    pub fn create_department_form(
        &self,
        dept_id: &str,
        template: crate::model::TemplateId,
    ) -> Option<String> {
        self.run(|s, d| s.create_department_form(d, &WebClock, dept_id, template))
            .flatten()
    }

    /// Adds one of the built-in examples as a new evaluation; returns its id.
    pub fn add_sample(&self, sample: &Sample) -> String {
        self.run(|s, d| s.add_sample(d, &WebClock, sample))
            .unwrap_or_default()
    }

    /// Moves an evaluation to the trash (undoable until the trash is emptied).
    pub fn delete(&self, id: &str) {
        if self.run(|s, d| s.delete(d, &WebClock, id)) == Some(true) {
            self.leave_to_list();
        }
    }

    /// Takes an evaluation out of the trash, back into the list.
    pub fn restore(&self, id: &str) {
        self.run(|s, d| s.restore(d, id));
    }

    /// Deletes everything in the trash for good.
    pub fn empty_trash(&self) {
        self.run(|s, d| s.empty_trash(d));
    }

    /// Copies an evaluation as next year's starting point; returns the new id.
    pub fn duplicate_for_next_year(&self, id: &str) -> Option<String> {
        self.run(|s, d| s.duplicate_for_next_year(d, &WebClock, id))
            .flatten()
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
        let mut docs = self.docs();
        let flushed = self
            .saver
            .try_update_value(|s| {
                if let Some(t) = s.timer.take() {
                    t.clear();
                }
                let store = s.store.as_mut()?;
                Some(s.session.flush(&mut docs, store))
            })
            .flatten();
        // no storage: working in memory, as the banner says
        let Some(flushed) = flushed else { return };
        self.note(flushed.notes);
        match flushed.result {
            Ok(()) => {
                self.status.set(StorageStatus::Saved);
                self.schedule_figures();
            }
            Err(store::StoreError::QuotaExceeded) if self.forget_figures() => {
                // the figures cache took the room a form needed: without it, save again
                self.flush();
            }
            Err(e) => {
                self.status
                    .set(StorageStatus::Failed(e.message(crate::i18n::lang())));
                self.retry_later();
            }
        }
    }

    /// Drops the figures cache to make room; whether there was one.
    fn forget_figures(&self) -> bool {
        self.saver
            .try_update_value(|s| {
                s.store
                    .as_mut()
                    .is_some_and(|st| store::figures::forget(st))
            })
            .unwrap_or(false)
    }

    fn note(&self, notes: Vec<crate::workspace::SyncNote>) {
        if !notes.is_empty() {
            self.sync_notes
                .update(|n| n.extend(notes.iter().map(|x| x.message())));
        }
    }

    /// Another tab changed localStorage: bring this tab up to date without dropping its own
    /// unsaved edits.
    pub fn on_storage(&self, key: Option<String>, new_value: Option<String>) {
        let Some(key) = key else {
            return;
        };
        let notes = self.run(|s, d| s.on_storage(d, &key, new_value.as_deref()));
        self.note(notes.unwrap_or_default());
    }
}
