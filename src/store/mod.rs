//! The one place that knows how the workspace is laid out in browser storage.
//!
//! Layout (one key per evaluation, so typing in one form re-saves only that form):
//! - `ziping:index` — `{"schema_version":1,"order":[ids…]}`: the list's order;
//! - `ziping:eval:<id>` — a [`StoredEvaluation`];
//! - `ziping:dept:<id>` — a [`StoredDepartment`] (部门整体支出 form);
//! - `ziping:trash:<id>` — a deleted evaluation ([`StoredTrash`]), kept until the trash is emptied;
//! - `ziping:backup:<key>` — the raw text of an entry that could not be read, kept aside.
//!
//! Entries that cannot be read (bad JSON, wrong shape, a newer schema) are never overwritten:
//! they are copied under a backup key, left in place, and reported every time the workspace is
//! loaded until the user deals with them. The logic works on any [`KeyValueStore`]; the
//! browser's localStorage backend lives in `local.rs` (wasm only), tests use [`MemoryStore`].

pub mod figures;
#[cfg(all(target_arch = "wasm32", feature = "web"))]
pub mod local;
mod memory;
pub mod merge;
pub mod packed;

pub use memory::MemoryStore;

use crate::i18n::{Lang, Text};
use crate::model::{
    schema_version_of, DepartmentEvaluation, Evaluation, Identified, StoredDepartment,
    StoredEvaluation, StoredTrash, TrashedEvaluation, Workspace, FIRST_SCHEMA_VERSION,
    SCHEMA_VERSION,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

pub const INDEX_KEY: &str = "ziping:index";
pub const EVAL_PREFIX: &str = "ziping:eval:";
pub const DEPT_PREFIX: &str = "ziping:dept:";
pub const TRASH_PREFIX: &str = "ziping:trash:";
pub const BACKUP_PREFIX: &str = "ziping:backup:";

/// Why a storage operation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// Storage cannot be used at all (disabled, private mode, blocked by policy).
    Unavailable(String),
    /// The browser's quota is used up.
    QuotaExceeded,
    /// Anything else the browser reported.
    Failed(String),
}

impl StoreError {
    pub fn message_zh(&self) -> String {
        self.message(Lang::Zh)
    }

    /// What happened to saving, in `lang` (the browser's own words in brackets).
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (StoreError::Unavailable(why), Lang::Zh) => format!(
                "浏览器本地存储不可用（{why}）：数据只保存在本页面内存中，关闭页面会丢失，请及时导出"
            ),
            (StoreError::Unavailable(why), Lang::En) => format!(
                "The browser's storage is unavailable ({why}): your data is only in this page's memory and is lost when the page closes. Export it"
            ),
            (StoreError::QuotaExceeded, Lang::Zh) => {
                "浏览器本地存储空间已满，最近的修改未能保存：请导出数据或删除不需要的评价，腾出空间后会自动继续保存".into()
            }
            (StoreError::QuotaExceeded, Lang::En) => {
                "The browser's storage is full and the latest changes were not saved: export your data or delete forms you do not need; saving resumes when there is room".into()
            }
            (StoreError::Failed(why), Lang::Zh) => format!("保存失败（{why}）：数据仍在内存中，请及时导出"),
            (StoreError::Failed(why), Lang::En) => format!("Saving failed ({why}): the data is still in memory. Export it"),
        }
    }
}

/// A string key-value store with localStorage's semantics.
pub trait KeyValueStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError>;
    fn remove(&mut self, key: &str) -> Result<(), StoreError>;
    fn keys(&self) -> Result<Vec<String>, StoreError>;
    /// Whether `chars` more UTF-16 code units fit: writes a probe of that size and removes it.
    fn probe(&mut self, chars: usize) -> Result<(), StoreError> {
        let written = self.set(SPACE_PROBE_KEY, &"\u{4e2d}".repeat(chars));
        let _ = self.remove(SPACE_PROBE_KEY);
        written
    }
}

/// The key the room left is measured with (`workspace::free_chars`); never left behind.
pub const SPACE_PROBE_KEY: &str = "ziping:space-probe";

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Index {
    schema_version: u32,
    #[serde(default)]
    order: Vec<String>,
}

/// Why a stored entry could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// Not JSON at all (line, column, message).
    InvalidJson(Text),
    /// JSON, but not an evaluation (path and message).
    WrongShape(Text),
    /// Written by a newer version of ziping.
    FutureVersion(u32),
    /// A packed entry that cannot be unpacked (see [`packed`]).
    Unpack(packed::UnpackError),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// The storage key that could not be read.
    pub key: String,
    /// Where its raw text was copied (None when even the copy failed).
    pub backup_key: Option<String>,
    pub kind: ProblemKind,
}

impl LoadProblem {
    pub fn message_zh(&self) -> String {
        self.message(Lang::Zh)
    }

    /// What could not be read and what was done about it, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let what = match (&self.kind, zh) {
            (ProblemKind::InvalidJson(m), true) => format!("内容不是有效的JSON（{}）", m.zh),
            (ProblemKind::InvalidJson(m), false) => format!("not valid JSON ({})", m.en),
            (ProblemKind::WrongShape(m), true) => format!("内容格式不符（{}）", m.zh),
            (ProblemKind::WrongShape(m), false) => format!("unexpected content ({})", m.en),
            (ProblemKind::FutureVersion(v), true) => {
                format!("由更新版本（数据版本{v}）保存，本版本只能读取到版本{SCHEMA_VERSION}")
            }
            (ProblemKind::FutureVersion(v), false) => format!(
                "saved by a newer version (data version {v}); this version reads up to version {SCHEMA_VERSION}"
            ),
            (ProblemKind::Unpack(e), true) => format!("内容无法解压（{}）", e.zh()),
            (ProblemKind::Unpack(e), false) => format!("the content cannot be unpacked ({})", e.en()),
        };
        let kept = match (&self.backup_key, zh) {
            (Some(b), true) => format!("原数据未被覆盖，已另存为“{b}”，可导出备份"),
            (None, true) => "原数据未被覆盖".into(),
            (Some(b), false) => {
                format!("The data was not overwritten; a copy is kept as “{b}” and can be exported")
            }
            (None, false) => "The data was not overwritten".into(),
        };
        if zh {
            format!("存储的数据“{}”无法读取：{what}。{kept}", self.key)
        } else {
            format!(
                "Stored data “{}” could not be read: {what}. {kept}",
                self.key
            )
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct LoadOutcome {
    pub workspace: Workspace,
    pub problems: Vec<LoadProblem>,
    /// Entries of the first layout (plain JSON) rewritten packed by this load.
    pub repacked: usize,
    /// Each loaded form's stored text, by id: the page's base for merging another tab's
    /// writes (`workspace::Session`). For an entry repacked by this load, the text it was read
    /// from (the same form).
    pub stored: std::collections::HashMap<String, String>,
}

pub fn eval_key(id: &str) -> String {
    format!("{EVAL_PREFIX}{id}")
}

pub fn dept_key(id: &str) -> String {
    format!("{DEPT_PREFIX}{id}")
}

/// A stored document's envelope, read in one pass when it is of the current version.
trait Envelope: DeserializeOwned {
    type Doc;
    fn open(self) -> (u32, Self::Doc);
}

impl Envelope for StoredEvaluation {
    type Doc = Evaluation;
    fn open(self) -> (u32, Evaluation) {
        (self.schema_version, self.evaluation)
    }
}

impl Envelope for StoredDepartment {
    type Doc = DepartmentEvaluation;
    fn open(self) -> (u32, DepartmentEvaluation) {
        (self.schema_version, self.department)
    }
}

impl Envelope for StoredTrash {
    type Doc = TrashedEvaluation;
    fn open(self) -> (u32, TrashedEvaluation) {
        (self.schema_version, self.trashed)
    }
}

/// Reads one stored document (`{"schema_version":…, "<field>":{…}}`), migrating older schema
/// versions forward and refusing newer ones.
///
/// Start-up reads thousands of these (a county's years: 5,000), so a document of the current
/// version is read straight into its type; only one that is older, newer or damaged takes the
/// way through a JSON tree, which migrates it or says precisely what is wrong (that way costs
/// about half as much again: 5,000 forms of 30 indicators, 310 → 200 ms natively).
fn decode<E>(raw: &str, field: &str) -> Result<E::Doc, ProblemKind>
where
    E: Envelope,
    E::Doc: DeserializeOwned + Identified,
{
    let text = packed::unpack(raw).map_err(ProblemKind::Unpack)?;
    if let Ok(envelope) = serde_json::from_str::<E>(&text) {
        let (version, doc) = envelope.open();
        // versions 1 and 2 have one shape (2 adds fields): read straight
        if (FIRST_SCHEMA_VERSION..=SCHEMA_VERSION).contains(&version) && !doc.id().is_empty() {
            return Ok(doc);
        }
    }
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| {
        ProblemKind::InvalidJson(Text::new(
            format!("第{}行第{}列：{}", e.line(), e.column(), e),
            format!("line {}, column {}: {}", e.line(), e.column(), e),
        ))
    })?;
    let version = value
        .get("schema_version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| {
            ProblemKind::WrongShape(Text::new("缺少 schema_version", "no schema_version"))
        })?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > SCHEMA_VERSION {
        return Err(ProblemKind::FutureVersion(version));
    }
    let mut value = migrate(value, version)?;
    let doc = value
        .get_mut(field)
        .map(serde_json::Value::take)
        .ok_or_else(|| {
            ProblemKind::WrongShape(Text::new(format!("缺少 {field}"), format!("no {field}")))
        })?;
    let doc: E::Doc = crate::model::tree::from_tree(&doc).map_err(|e| {
        ProblemKind::WrongShape(Text::new(format!("{field}：{e}"), format!("{field}: {e}")))
    })?;
    if doc.id().is_empty() {
        return Err(ProblemKind::WrongShape(Text::new(
            format!("{field}.id 为空"),
            format!("{field}.id is empty"),
        )));
    }
    Ok(doc)
}

/// Reads one stored project evaluation.
pub fn decode_evaluation(raw: &str) -> Result<Evaluation, ProblemKind> {
    decode::<StoredEvaluation>(raw, "evaluation")
}

/// Reads one trash entry.
pub fn decode_trash(raw: &str) -> Result<TrashedEvaluation, ProblemKind> {
    decode::<StoredTrash>(raw, "trashed")
}

pub fn trash_key(id: &str) -> String {
    format!("{TRASH_PREFIX}{id}")
}

/// Reads one stored department form.
pub fn decode_department(raw: &str) -> Result<DepartmentEvaluation, ProblemKind> {
    decode::<StoredDepartment>(raw, "department")
}

/// Brings a stored document of `version` up to [`SCHEMA_VERSION`]. Version 2 (forms that use the
/// templates) only adds fields to version 1, so there is nothing to do yet; a later version that
/// changes the shape adds its step here, with a fixture test.
fn migrate(value: serde_json::Value, version: u32) -> Result<serde_json::Value, ProblemKind> {
    match version {
        0 => Err(ProblemKind::WrongShape(Text::new(
            "schema_version 0 无效",
            "schema_version 0 is not valid",
        ))),
        _ => Ok(value),
    }
}

/// A department form as stored: packed JSON.
pub fn encode_department(d: &DepartmentEvaluation) -> String {
    let stored = StoredDepartment {
        schema_version: FIRST_SCHEMA_VERSION,
        department: d.clone(),
    };
    packed::pack(&serde_json::to_string(&stored).unwrap_or_default())
}

/// The JSON of a stored project form, before packing (the first layout stored it as it is).
pub fn encode_plain_evaluation(e: &Evaluation) -> String {
    let stored = StoredEvaluation {
        schema_version: schema_version_of(e),
        evaluation: e.clone(),
    };
    // serialising plain data with string keys cannot fail
    serde_json::to_string(&stored).unwrap_or_default()
}

/// A project form as stored: packed JSON.
pub fn encode_evaluation(e: &Evaluation) -> String {
    packed::pack(&encode_plain_evaluation(e))
}

/// A trash entry as stored: packed JSON.
pub fn encode_trash(t: &TrashedEvaluation) -> String {
    let stored = StoredTrash {
        schema_version: schema_version_of(&t.evaluation),
        trashed: t.clone(),
    };
    packed::pack(&serde_json::to_string(&stored).unwrap_or_default())
}

/// Rewrites an entry of the first layout (plain JSON) packed, to free its space. A failure
/// changes nothing: the plain entry stays readable and is tried again at the next load. The
/// packing is a closure because it costs as much as the decoding and is needed only for entries
/// of the first layout (start-up once packed every form only to throw the result away).
fn repack(
    store: &mut dyn KeyValueStore,
    key: &str,
    raw: &str,
    packed: impl FnOnce() -> String,
    n: &mut usize,
) {
    if !packed::is_packed(raw) && store.set(key, &packed()).is_ok() {
        *n += 1;
    }
}

/// Loads every readable evaluation in the index's order (unlisted ones after, by key), and
/// sets aside the unreadable ones.
pub fn load(store: &mut dyn KeyValueStore) -> Result<LoadOutcome, StoreError> {
    let mut outcome = LoadOutcome::default();
    let mut order: Vec<String> = Vec::new();
    if let Some(raw) = store.get(INDEX_KEY)? {
        match serde_json::from_str::<Index>(&raw) {
            Ok(index) if index.schema_version <= SCHEMA_VERSION => order = index.order,
            Ok(index) => outcome.problems.push(set_aside(
                store,
                INDEX_KEY,
                &raw,
                ProblemKind::FutureVersion(index.schema_version),
            )),
            Err(e) => outcome.problems.push(set_aside(
                store,
                INDEX_KEY,
                &raw,
                ProblemKind::InvalidJson(Text::new(e.to_string(), e.to_string())),
            )),
        }
    }
    // the keys listed once (a call into the browser per key: 1,000 forms, 4 ms on Chromium 86)
    let all_keys = store.keys()?;
    let of_kind = |prefix: &str| -> Vec<String> {
        all_keys
            .iter()
            .filter(|k| k.starts_with(prefix))
            .cloned()
            .collect()
    };
    let mut keys = of_kind(EVAL_PREFIX);
    keys.sort();
    // one lookup table, not a scan of the order per comparison (1,000 forms: 60 ms → <1 ms)
    let mut rank: std::collections::HashMap<String, usize> = Default::default();
    for (i, id) in order.iter().enumerate() {
        rank.entry(eval_key(id)).or_insert(i);
    }
    keys.sort_by_cached_key(|k| rank.get(k).copied().unwrap_or(usize::MAX));
    for key in keys {
        let Some(raw) = store.get(&key)? else {
            continue;
        };
        match decode_evaluation(&raw) {
            // ids already read are looked up in `stored`, not searched for (5,000 forms: 12.5
            // million string comparisons otherwise)
            Ok(e) if eval_key(&e.id) == key && !outcome.stored.contains_key(&e.id) => {
                repack(
                    store,
                    &key,
                    &raw,
                    || encode_evaluation(&e),
                    &mut outcome.repacked,
                );
                outcome.stored.insert(e.id.clone(), raw);
                outcome.workspace.evaluations.push(e)
            }
            Ok(e) => outcome.problems.push(set_aside(
                store,
                &key,
                &raw,
                ProblemKind::WrongShape(Text::new(
                    format!("键名与评价编号“{}”不符", e.id),
                    format!("the key does not match the form's id “{}”", e.id),
                )),
            )),
            Err(kind) => outcome.problems.push(set_aside(store, &key, &raw, kind)),
        }
    }
    let mut dept_keys = of_kind(DEPT_PREFIX);
    dept_keys.sort();
    for key in dept_keys {
        let Some(raw) = store.get(&key)? else {
            continue;
        };
        match decode_department(&raw) {
            Ok(d) if dept_key(&d.id) == key => {
                repack(
                    store,
                    &key,
                    &raw,
                    || encode_department(&d),
                    &mut outcome.repacked,
                );
                outcome.workspace.departments.push(d)
            }
            Ok(d) => outcome.problems.push(set_aside(
                store,
                &key,
                &raw,
                ProblemKind::WrongShape(Text::new(
                    format!("键名与部门表编号“{}”不符", d.id),
                    format!("the key does not match the department form's id “{}”", d.id),
                )),
            )),
            Err(kind) => outcome.problems.push(set_aside(store, &key, &raw, kind)),
        }
    }
    let trash_keys = of_kind(TRASH_PREFIX);
    for key in trash_keys {
        let Some(raw) = store.get(&key)? else {
            continue;
        };
        match decode_trash(&raw) {
            Ok(t) => {
                repack(
                    store,
                    &key,
                    &raw,
                    || encode_trash(&t),
                    &mut outcome.repacked,
                );
                outcome.workspace.trash.push(t)
            }
            Err(kind) => outcome.problems.push(set_aside(store, &key, &raw, kind)),
        }
    }
    outcome
        .workspace
        .trash
        .sort_by_key(|t| std::cmp::Reverse(t.deleted_at));
    Ok(outcome)
}

/// Copies an unreadable entry under a backup key (once) and reports it. The entry itself is
/// left where it is.
fn set_aside(
    store: &mut dyn KeyValueStore,
    key: &str,
    raw: &str,
    kind: ProblemKind,
) -> LoadProblem {
    let backup = format!("{BACKUP_PREFIX}{key}");
    let backup_key = match store.get(&backup) {
        Ok(Some(existing)) if existing == raw => Some(backup),
        Ok(_) => store.set(&backup, raw).ok().map(|_| backup),
        Err(_) => None,
    };
    LoadProblem {
        key: key.to_string(),
        backup_key,
        kind,
    }
}

pub fn save_evaluation(store: &mut dyn KeyValueStore, e: &Evaluation) -> Result<(), StoreError> {
    store.set(&eval_key(&e.id), &encode_evaluation(e))
}

pub fn save_index(store: &mut dyn KeyValueStore, ids: &[String]) -> Result<(), StoreError> {
    let index = Index {
        schema_version: FIRST_SCHEMA_VERSION,
        order: ids.to_vec(),
    };
    store.set(
        INDEX_KEY,
        &serde_json::to_string(&index).unwrap_or_default(),
    )
}

pub fn delete_evaluation(store: &mut dyn KeyValueStore, id: &str) -> Result<(), StoreError> {
    store.remove(&eval_key(id))
}

/// Moves an evaluation to the trash: the trash entry is written before the evaluation is removed,
/// so a failure in between leaves a copy rather than nothing.
pub fn trash_evaluation(
    store: &mut dyn KeyValueStore,
    t: &TrashedEvaluation,
) -> Result<(), StoreError> {
    store.set(&trash_key(&t.evaluation.id), &encode_trash(t))?;
    delete_evaluation(store, &t.evaluation.id)
}

/// Removes an entry from the trash (after a restore, or to empty it).
pub fn forget_trash(store: &mut dyn KeyValueStore, id: &str) -> Result<(), StoreError> {
    store.remove(&trash_key(id))
}

pub fn save_department(
    store: &mut dyn KeyValueStore,
    d: &DepartmentEvaluation,
) -> Result<(), StoreError> {
    store.set(&dept_key(&d.id), &encode_department(d))
}

pub fn delete_department(store: &mut dyn KeyValueStore, id: &str) -> Result<(), StoreError> {
    store.remove(&dept_key(id))
}

/// Keys that hold unreadable data a new evaluation must never be saved over.
pub fn reserved_ids(problems: &[LoadProblem]) -> Vec<String> {
    problems
        .iter()
        .filter_map(|p| {
            p.key
                .strip_prefix(EVAL_PREFIX)
                .or_else(|| p.key.strip_prefix(DEPT_PREFIX))
                .map(str::to_string)
        })
        .collect()
}

#[cfg(test)]
mod tests;

/// The raw text of every stored entry kept aside as unreadable (its backup), as one JSON object
/// `{key: text}`, so the user can take it to someone who can repair it. Packed entries are
/// given unpacked where they can be.
pub fn raw_backups(store: &dyn KeyValueStore) -> String {
    let mut map = serde_json::Map::new();
    for key in store.keys().unwrap_or_default() {
        if key.starts_with(BACKUP_PREFIX) {
            if let Ok(Some(text)) = store.get(&key) {
                let text = packed::unpack(&text)
                    .map(|t| t.into_owned())
                    .unwrap_or(text);
                map.insert(key, serde_json::Value::String(text));
            }
        }
    }
    serde_json::to_string_pretty(&serde_json::Value::Object(map)).unwrap_or_default()
}
