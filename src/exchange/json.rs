//! JSON export and import: an envelope naming the format, its version and the app version, then
//! the documents exactly as stored (lossless). Import validates everything before anything
//! changes and says what is wrong and where, in Chinese.

use crate::model::{DepartmentEvaluation, Evaluation};
use serde::{Deserialize, Serialize};

/// The envelope's `type`.
pub const FORMAT_TYPE: &str = "ziping-export";
/// The newest format version this build reads and the one it writes.
pub const FORMAT_VERSION: u32 = 1;
/// This build's version, recorded in every export.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");
/// Larger files are refused before parsing (a 1,000-form workspace is about 6 MB).
pub const MAX_IMPORT_BYTES: usize = 16 * 1024 * 1024;

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
        Envelope {
            kind: FORMAT_TYPE.into(),
            format_version: FORMAT_VERSION,
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
    Encoding(String),
    /// JSON syntax (line and column, 1-based).
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    /// Valid JSON, wrong shape: the field path and what was expected.
    Shape {
        path: String,
        detail: String,
    },
    /// Not a ziping export at all.
    NotZiping(String),
    /// Written by a newer ziping.
    NewerVersion(u32),
    /// Two documents with the same id in one file.
    DuplicateId(String),
    /// A document without an id.
    MissingId(String),
}

impl ImportError {
    pub fn message_zh(&self) -> String {
        match self {
            ImportError::Empty => "文件是空的，没有可导入的内容".into(),
            ImportError::TooLarge { bytes } => format!(
                "文件过大（{}.{} MB），超过导入上限 {} MB",
                bytes / 1_048_576,
                bytes % 1_048_576 * 10 / 1_048_576,
                MAX_IMPORT_BYTES / 1_048_576
            ),
            ImportError::Encoding(what) => format!("文件编码不是UTF-8（{what}），请用本工具导出的文件，或另存为UTF-8后再导入"),
            ImportError::Syntax { line, column, detail } => {
                format!("文件不是有效的JSON：第{line}行第{column}列附近有语法错误（{detail}）；文件可能不完整或被修改过")
            }
            ImportError::Shape { path, detail } => format!("文件内容格式不符：字段“{path}”{detail}"),
            ImportError::NotZiping(what) => format!("这不是绩效自评导出的文件（{what}）"),
            ImportError::NewerVersion(v) => format!(
                "文件由更新版本的绩效自评导出（格式版本{v}），本版本只能读取到版本{FORMAT_VERSION}，请升级后再导入；未导入任何内容"
            ),
            ImportError::DuplicateId(id) => format!("文件中有两份编号相同的表（“{id}”），无法判断以哪份为准"),
            ImportError::MissingId(what) => format!("文件中{what}缺少编号（id）"),
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
        return Err(ImportError::Encoding("UTF-16".into()));
    }
    // a UTF-8 byte-order mark (Windows Notepad adds one) is harmless
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        ImportError::Encoding(format!(
            "第{}个字节起无法按UTF-8读取，可能是GBK",
            e.valid_up_to() + 1
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
        return Err(ImportError::NotZiping("最外层不是对象".into()));
    };
    match obj.get("type").and_then(|t| t.as_str()) {
        Some(FORMAT_TYPE) => {}
        Some(other) => return Err(ImportError::NotZiping(format!("type 为“{other}”"))),
        None => return Err(ImportError::NotZiping("缺少 type 字段".into())),
    }
    let version = obj
        .get("format_version")
        .and_then(|v| v.as_u64())
        .ok_or_else(|| ImportError::Shape {
            path: "format_version".into(),
            detail: "缺失或不是正整数".into(),
        })?;
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if version > FORMAT_VERSION {
        return Err(ImportError::NewerVersion(version));
    }
    if version == 0 {
        return Err(ImportError::Shape {
            path: "format_version".into(),
            detail: "不能为0".into(),
        });
    }
    let envelope: Envelope =
        serde_path_to_error::deserialize(value).map_err(|e| ImportError::Shape {
            path: readable_path(&e.path().to_string()),
            detail: shape_detail(e.inner()),
        })?;
    check_ids(&envelope)?;
    Ok(envelope)
}

fn check_ids(env: &Envelope) -> Result<(), ImportError> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, e) in env.evaluations.iter().enumerate() {
        if e.id.trim().is_empty() {
            return Err(ImportError::MissingId(format!("第{}份项目自评表", i + 1)));
        }
        if !seen.insert(e.id.as_str()) {
            return Err(ImportError::DuplicateId(e.id.clone()));
        }
    }
    for (i, d) in env.departments.iter().enumerate() {
        if d.id.trim().is_empty() {
            return Err(ImportError::MissingId(format!(
                "第{}份部门整体支出表",
                i + 1
            )));
        }
        if !seen.insert(d.id.as_str()) {
            return Err(ImportError::DuplicateId(d.id.clone()));
        }
    }
    Ok(())
}

fn syntax_detail(e: &serde_json::Error) -> String {
    use serde_json::error::Category;
    match e.classify() {
        Category::Eof => "文件在此处意外结束".into(),
        Category::Syntax => "符号不合法".into(),
        Category::Data => "数据不合法".into(),
        Category::Io => "读取失败".into(),
    }
}

fn shape_detail(e: &serde_json::Error) -> String {
    let s = e.to_string();
    if s.starts_with("invalid type") {
        format!("的类型不对（{}）", s.split(" at line").next().unwrap_or(&s))
    } else if s.starts_with("unknown field") {
        format!("不认识（{}）", s.split(" at line").next().unwrap_or(&s))
    } else if s.starts_with("missing field") {
        format!("缺少必填项（{}）", s.split(" at line").next().unwrap_or(&s))
    } else if s.starts_with("unknown variant") {
        format!(
            "的取值不认识（{}）",
            s.split(" at line").next().unwrap_or(&s)
        )
    } else {
        format!("不合法（{}）", s.split(" at line").next().unwrap_or(&s))
    }
}

/// `evaluations[0].indicators[2].weight` as serde_path_to_error writes it, with `.` → `.`.
fn readable_path(p: &str) -> String {
    if p == "." || p.is_empty() {
        "（最外层）".into()
    } else {
        p.to_string()
    }
}
