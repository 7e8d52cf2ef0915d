//! JSON export and import: an envelope naming the format, its version and the app version, then
//! the documents exactly as stored (lossless). Import validates everything before anything
//! changes and says what is wrong and where, in Chinese or English.

use crate::i18n::{Lang, Text};
use crate::model::{DepartmentEvaluation, Evaluation};
use serde::{Deserialize, Serialize};

/// The envelope's `type`.
pub const FORMAT_TYPE: &str = "ziping-export";
/// The newest format version this build reads. Version 2 added the finance bureau's 复核
/// (`review` on a form and on its rows); version 3 the form's `template`. An export is written
/// with the oldest version that holds what it carries (no review, only MOF 2020 forms: version
/// 1), so copies of ziping that predate these read it; one that cannot score a form the way its
/// template says refuses the file instead of scoring it by other rules.
pub const FORMAT_VERSION: u32 = 3;
/// This build's version, recorded in every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Larger files are refused before parsing. A reviewer's workspace of 5,000 forms of 30
/// indicators exports as about 40 MB of pretty JSON; it must import back whole.
pub const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

/// What an export file holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Envelope {
    #[serde(rename = "type")]
    pub kind: String,
    pub format_version: u32,
    pub app_version: String,
    /// Milliseconds since the epoch.
    #[serde(default)]
    pub exported_at: u64,
    #[serde(default)]
    pub evaluations: Vec<Evaluation>,
    #[serde(default)]
    pub departments: Vec<DepartmentEvaluation>,
}

impl Envelope {
    pub fn new(
        evaluations: Vec<Evaluation>,
        departments: Vec<DepartmentEvaluation>,
        now_ms: u64,
    ) -> Envelope {
        // the oldest version that can say everything the documents hold
        let format_version = if evaluations.iter().any(Evaluation::uses_templates) {
            3
        } else if evaluations.iter().any(Evaluation::has_review) {
            2
        } else {
            1
        };
        Envelope {
            kind: FORMAT_TYPE.into(),
            format_version,
            app_version: APP_VERSION.into(),
            exported_at: now_ms,
            evaluations,
            departments,
        }
    }
}

/// Pretty JSON (people open these files in a text editor too).
pub fn export_json(envelope: &Envelope) -> String {
    serde_json::to_string_pretty(envelope).unwrap_or_default()
}

/// Why a file cannot be imported. Every variant says what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooLarge {
        bytes: usize,
    },
    /// UTF-16 or another encoding than UTF-8.
    Encoding(Text),
    /// JSON syntax (line and column, 1-based).
    Syntax {
        line: usize,
        column: usize,
        detail: Text,
    },
    /// Valid JSON, wrong shape: the field path (empty: the top level) and what was expected.
    Shape {
        path: String,
        detail: Text,
    },
    /// Not a ziping export at all.
    NotZiping(Text),
    /// Written by a newer ziping.
    NewerVersion(u32),
    /// Two documents with the same id in one file.
    DuplicateId(String),
    /// A document without an id.
    MissingId(Text),
}

impl ImportError {
    pub fn message_zh(&self) -> String {
        self.message(Lang::Zh)
    }

    /// What is wrong, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            ImportError::Empty if zh => "文件是空的，没有可导入的内容".into(),
            ImportError::Empty => "The file is empty: nothing to import".into(),
            ImportError::TooLarge { bytes } => {
                let (mb, tenth, max) = (
                    bytes / 1_048_576,
                    bytes % 1_048_576 * 10 / 1_048_576,
                    MAX_IMPORT_BYTES / 1_048_576,
                );
                if zh {
                    format!("文件过大（{mb}.{tenth} MB），超过导入上限 {max} MB")
                } else {
                    format!("The file is too large ({mb}.{tenth} MB); the import limit is {max} MB")
                }
            }
            ImportError::Encoding(what) if zh => format!("文件编码不是UTF-8（{}），请用本工具导出的文件，或另存为UTF-8后再导入", what.zh),
            ImportError::Encoding(what) => format!("The file is not UTF-8 ({}): use a file exported by this tool, or save it as UTF-8 first", what.en),
            ImportError::Syntax { line, column, detail } if zh => {
                format!("文件不是有效的JSON：第{line}行第{column}列附近有语法错误（{}）；文件可能不完整或被修改过", detail.zh)
            }
            ImportError::Syntax { line, column, detail } => format!(
                "The file is not valid JSON: a syntax error near line {line}, column {column} ({}); the file may be incomplete or edited",
                detail.en
            ),
            ImportError::Shape { path, detail } if zh => {
                let path = if path.is_empty() { "（最外层）" } else { path };
                format!("文件内容格式不符：字段“{path}”{}", detail.zh)
            }
            ImportError::Shape { path, detail } => {
                let path = if path.is_empty() { "(top level)" } else { path };
                format!("The file's content does not fit: field “{path}” {}", detail.en)
            }
            ImportError::NotZiping(what) if zh => format!("这不是绩效自评导出的文件（{}）", what.zh),
            ImportError::NotZiping(what) => format!("This is not a file exported by ziping ({})", what.en),
            ImportError::NewerVersion(v) if zh => format!(
                "文件由更新版本的绩效自评导出（格式版本{v}），本版本只能读取到版本{FORMAT_VERSION}，请升级后再导入；未导入任何内容"
            ),
            ImportError::NewerVersion(v) => format!(
                "The file comes from a newer ziping (format version {v}); this version reads up to version {FORMAT_VERSION}. Update first; nothing was imported"
            ),
            ImportError::DuplicateId(id) if zh => format!("文件中有两份编号相同的表（“{id}”），无法判断以哪份为准"),
            ImportError::DuplicateId(id) => format!("The file has two forms with the same id (“{id}”): it cannot tell which one to keep"),
            ImportError::MissingId(what) if zh => format!("文件中{}缺少编号（id）", what.zh),
            ImportError::MissingId(what) => format!("In the file, {} has no id", what.en),
        }
    }
}

/// Reads and checks an export file. Nothing is changed anywhere: the caller shows a preview and
/// applies the result only when the user confirms.
pub fn parse_export(bytes: &[u8]) -> Result<Envelope, ImportError> {
    if bytes.len() > MAX_IMPORT_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(ImportError::Encoding(Text::new("UTF-16", "UTF-16")));
    }
    // a UTF-8 byte-order mark (Windows Notepad adds one) is harmless
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to() + 1;
        ImportError::Encoding(Text::new(
            format!("第{at}个字节起无法按UTF-8读取，可能是GBK"),
            format!("not readable as UTF-8 from byte {at} on; perhaps GBK"),
        ))
    })?;
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| ImportError::Syntax {
        line: e.line(),
        column: e.column(),
        detail: syntax_detail(&e),
    })?;
    let Some(obj) = value.as_object() else {
        return Err(ImportError::NotZiping(Text::new(
            "最外层不是对象",
            "the top level is not an object",
        )));
    };
    match obj.get("type").and_then(|t| t.as_str()) {
        Some(FORMAT_TYPE) => {}
        Some(other) => {
            return Err(ImportError::NotZiping(Text::new(
                format!("type 为“{other}”"),
                format!("type is “{other}”"),
            )))
        }
        None => {
            return Err(ImportError::NotZiping(Text::new(
                "缺少 type 字段",
                "no type field",
            )))
        }
    }
    let version = obj
        .get("format_version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| ImportError::Shape {
            path: "format_version".into(),
            detail: Text::new("缺失或不是正整数", "is missing or not a positive integer"),
        })?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > FORMAT_VERSION {
        return Err(ImportError::NewerVersion(version));
    }
    if version == 0 {
        return Err(ImportError::Shape {
            path: "format_version".into(),
            detail: Text::new("不能为0", "cannot be 0"),
        });
    }
    let mut value = value;
    migrate(&mut value, version);
    let envelope: Envelope = match crate::model::tree::from_tree(&value) {
        Ok(envelope) => envelope,
        Err(e) => {
            return Err(ImportError::Shape {
                path: culprit_path(&value),
                detail: shape_detail(&e),
            })
        }
    };
    check_ids(&envelope)?;
    Ok(envelope)
}

/// Brings a file of an older format version to the current one, before it is read.
/// - 1 → 2: version 1 had no 复核. Its forms and rows carry none, so a `review` key in one of
///   them is not a review (a hand edit, another tool) and is dropped rather than read as one.
/// - 2 → 3: version 2 had no templates: every form is the MOF 2020 form, whatever a stray
///   `template` key says, and the fields the templates added (other fund rows, the department
///   groups' weights, 调整指标值, 是否核心指标) are not in it.
fn migrate(value: &mut serde_json::Value, version: u32) {
    for form in objects(value.get_mut("evaluations")) {
        if version < 3 {
            form.remove("template");
            if let Some(funds) = form.get_mut("funds").and_then(|f| f.as_object_mut()) {
                for kind in crate::model::FundRowKind::ALL {
                    if !crate::model::FundRowKind::STANDARD.contains(&kind) {
                        funds.remove(kind.key());
                    }
                }
            }
            if let Some(w) = form
                .get_mut("level1_weights")
                .and_then(|w| w.as_object_mut())
            {
                for key in ["decision", "management", "performance"] {
                    w.remove(key);
                }
            }
            for row in objects(form.get_mut("indicators")) {
                row.remove("adjusted_target");
                row.remove("core");
            }
        }
        if version < 2 {
            form.remove("review");
            for row in objects(form.get_mut("indicators")) {
                row.remove("review");
            }
        }
    }
}

/// The objects of a JSON array (nothing when it is not one).
fn objects(
    array: Option<&mut serde_json::Value>,
) -> impl Iterator<Item = &mut serde_json::Map<String, serde_json::Value>> {
    array
        .and_then(|v| v.as_array_mut())
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_object_mut())
}

fn check_ids(env: &Envelope) -> Result<(), ImportError> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, e) in env.evaluations.iter().enumerate() {
        if e.id.trim().is_empty() {
            return Err(ImportError::MissingId(Text::new(
                format!("第{}份项目自评表", i + 1),
                format!("project form no. {}", i + 1),
            )));
        }
        if !seen.insert(e.id.as_str()) {
            return Err(ImportError::DuplicateId(e.id.clone()));
        }
    }
    for (i, d) in env.departments.iter().enumerate() {
        if d.id.trim().is_empty() {
            return Err(ImportError::MissingId(Text::new(
                format!("第{}份部门整体支出表", i + 1),
                format!("department form no. {}", i + 1),
            )));
        }
        if !seen.insert(d.id.as_str()) {
            return Err(ImportError::DuplicateId(d.id.clone()));
        }
    }
    Ok(())
}

fn syntax_detail(e: &serde_json::Error) -> Text {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => Text::new("文件在此处意外结束", "the file ends unexpectedly here"),
        Category::Syntax => Text::new("符号不合法", "unexpected character"),
        Category::Data => Text::new("数据不合法", "invalid data"),
        Category::Io => Text::new("读取失败", "could not be read"),
    }
}

fn shape_detail(e: &impl std::fmt::Display) -> Text {
    let s = e.to_string();
    // serde's own words (English) name the expected type or field: kept in both languages
    let what = s.split(" at line").next().unwrap_or(&s).to_string();
    let (zh, en) = if s.starts_with("invalid type") {
        ("的类型不对", "has the wrong type")
    } else if s.starts_with("unknown field") {
        ("不认识", "is unknown")
    } else if s.starts_with("missing field") {
        ("缺少必填项", "lacks a required item")
    } else if s.starts_with("unknown variant") {
        ("的取值不认识", "has an unknown value")
    } else {
        ("不合法", "is invalid")
    };
    Text::new(format!("{zh}（{what}）"), format!("{en} ({what})"))
}

/// Where a document that does not fit the envelope goes wrong: `evaluations[0].funds.weight`.
/// Found on the refused document only, by cutting parts short until it fits. Every struct of the
/// format fills a missing field with its default, and the deserialiser meets an object's fields
/// and an array's elements in order, so the shortest prefix of fields (or elements) that no longer
/// fits ends with the fault it reported; found by halves, then the search goes into that part.
/// This costs a few dozen parses of a document already refused, instead of a path-tracking
/// deserialiser in every import (which doubled the page's deserialising code).
fn culprit_path(value: &serde_json::Value) -> String {
    use serde_json::Value;
    enum Step {
        Key(String),
        Index(usize),
    }
    fn at<'a>(doc: &'a mut Value, path: &[Step]) -> Option<&'a mut Value> {
        let mut node = doc;
        for step in path {
            node = match step {
                Step::Key(k) => node.get_mut(k.as_str())?,
                Step::Index(i) => node.get_mut(*i)?,
            };
        }
        Some(node)
    }
    /// The node at `path` cut to its first `n` fields or elements.
    fn cut(doc: &mut Value, path: &[Step], n: usize) {
        match at(doc, path) {
            Some(Value::Array(a)) => a.truncate(n),
            Some(Value::Object(m)) => {
                let keep: Vec<String> = m.keys().take(n).cloned().collect();
                // the envelope's own required fields stay (checked before this is called)
                let top = path.is_empty();
                m.retain(|k, _| keep.contains(k) || (top && REQUIRED.contains(&k.as_str())));
            }
            _ => {}
        }
    }
    const REQUIRED: [&str; 3] = ["type", "format_version", "app_version"];
    let fits = |doc: &Value| crate::model::tree::from_tree::<Envelope>(doc).is_ok();
    let mut doc = value.clone();
    let mut path: Vec<Step> = Vec::new();
    // each round goes one level deeper; a document nests only so deep
    for _ in 0..64 {
        let (len, keys) = match at(&mut doc, &path) {
            Some(Value::Array(a)) => (a.len(), None),
            Some(Value::Object(m)) => (m.len(), Some(m.keys().cloned().collect::<Vec<_>>())),
            _ => break,
        };
        let fits_cut = |n: usize| {
            let mut trial = doc.clone();
            cut(&mut trial, &path, n);
            fits(&trial)
        };
        // the whole node does not fit (else the fault is not inside it)
        if len == 0 || fits_cut(len) || !fits_cut(0) {
            break;
        }
        // invariant: the first lo parts fit, the first hi do not
        let (mut lo, mut hi) = (0usize, len);
        while hi - lo > 1 {
            let mid = (lo + hi) / 2;
            if fits_cut(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        // later rounds need only the parts up to the bad one
        cut(&mut doc, &path, hi);
        path.push(match keys {
            Some(keys) => Step::Key(keys[hi - 1].clone()),
            None => Step::Index(hi - 1),
        });
    }
    let mut out = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(&k);
            }
            Step::Index(i) => out.push_str(&format!("[{i}]")),
        }
    }
    out
}
