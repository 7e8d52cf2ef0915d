//! Excel and Word exports: the page sends the forms to the office module (loaded on first use,
//! like the readers) and offers what it writes as a download. A long export reports its progress
//! form by form in a status line; the page stays usable while the worker writes.

use super::exchange::{download_bytes, today};
use super::state::AppState;
use crate::exchange::file_name;
use crate::i18n::{lang, t, tf, Lang};
use crate::model::{DepartmentEvaluation, Evaluation};
use crate::summary::table::Table;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = zipingOffice, js_name = exportFile, catch)]
    fn export_file_js(
        kind: &str,
        bundle: &str,
        progress: &Closure<dyn FnMut(u32, u32)>,
    ) -> Result<js_sys::Promise, JsValue>;
}

/// The documents ziping writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfficeExport {
    /// The forms as a workbook: a 汇总表, a sheet per form, the department form's figures.
    Workbook,
    /// A department-year's 部门整体支出绩效自评报告 with each form as a table.
    Report,
    /// Forms as Word tables, one to a page.
    Forms,
    /// A table of figures (the county view) as a workbook.
    #[cfg_attr(not(feature = "full"), allow(dead_code))]
    Table,
}

impl OfficeExport {
    fn kind(self) -> &'static str {
        match self {
            OfficeExport::Workbook => "xlsx",
            OfficeExport::Report => "report",
            OfficeExport::Forms => "docx",
            OfficeExport::Table => "table",
        }
    }
    fn mime(self) -> &'static str {
        match self {
            OfficeExport::Workbook | OfficeExport::Table => {
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
            OfficeExport::Report | OfficeExport::Forms => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
        }
    }
    fn extension(self) -> &'static str {
        match self {
            OfficeExport::Workbook | OfficeExport::Table => "xlsx",
            OfficeExport::Report | OfficeExport::Forms => "docx",
        }
    }
    fn what(self) -> &'static str {
        match self {
            OfficeExport::Workbook | OfficeExport::Table => t("Excel文件"),
            OfficeExport::Report => t("Word报告"),
            OfficeExport::Forms => t("Word文件"),
        }
    }
}

/// An export under way, for the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportJob {
    pub what: &'static str,
    pub done: u32,
    pub total: u32,
}

#[derive(Serialize)]
struct Bundle<'a> {
    evaluations: &'a [Evaluation],
    departments: &'a [DepartmentEvaluation],
    #[serde(skip_serializing_if = "Option::is_none")]
    table: Option<&'a Table>,
}

#[derive(Deserialize)]
struct ErrorText {
    zh: String,
    en: String,
}

#[derive(Deserialize)]
struct Failure {
    error: ErrorText,
}

/// The file name of an export: `2022_衡山县商务和粮食局_绩效自评表.xlsx`, or of a selection
/// `20261125_绩效自评表_12份.xlsx`.
pub fn export_name(
    what: OfficeExport,
    evaluations: &[Evaluation],
    department: Option<&DepartmentEvaluation>,
) -> String {
    let suffix = match what {
        OfficeExport::Workbook | OfficeExport::Forms | OfficeExport::Table => {
            t("项目支出绩效自评表")
        }
        OfficeExport::Report => t("部门整体支出绩效自评报告"),
    };
    let one = |e: &Evaluation| (e.department.trim().to_string(), e.year.trim().to_string());
    let key = department
        .map(|d| (d.department.trim().to_string(), d.year.trim().to_string()))
        .or_else(|| evaluations.first().map(one));
    let same = key
        .as_ref()
        .is_some_and(|k| evaluations.iter().all(|e| &one(e) == k));
    match (evaluations, key) {
        ([e], _) if department.is_none() => file_name(
            &[&e.year, &e.department, &e.project_name],
            suffix,
            what.extension(),
        ),
        (_, Some((d, y))) if same => file_name(&[&y, &d], suffix, what.extension()),
        _ => file_name(
            &[&today()],
            &tf("{}_{}份", &[&suffix, &evaluations.len()]),
            what.extension(),
        ),
    }
}

/// Writes the document and offers it as a download; one export at a time.
pub fn start_export(
    app: AppState,
    what: OfficeExport,
    evaluations: Vec<Evaluation>,
    departments: Vec<DepartmentEvaluation>,
) {
    if app.office_job.get_untracked().is_some() {
        return;
    }
    let name = export_name(what, &evaluations, departments.first());
    let bundle = match serde_json::to_string(&Bundle {
        evaluations: &evaluations,
        departments: &departments,
        table: None,
    }) {
        Ok(b) => b,
        Err(e) => return super::editor::report(Err(e.to_string())),
    };
    drop(evaluations);
    drop(departments);
    run_export(app, what, bundle, name);
}

/// Writes a table of figures (the county view) as a one-sheet workbook and offers it.
#[cfg(feature = "full")]
pub fn start_table_export(app: AppState, table: Table, name: String) {
    if app.office_job.get_untracked().is_some() {
        return;
    }
    let bundle = match serde_json::to_string(&Bundle {
        evaluations: &[],
        departments: &[],
        table: Some(&table),
    }) {
        Ok(b) => b,
        Err(e) => return super::editor::report(Err(e.to_string())),
    };
    run_export(app, OfficeExport::Table, bundle, name);
}

fn run_export(app: AppState, what: OfficeExport, bundle: String, name: String) {
    app.office_job.set(Some(ExportJob {
        what: what.what(),
        done: 0,
        total: 0,
    }));
    leptos::task::spawn_local(async move {
        let progress = Closure::<dyn FnMut(u32, u32)>::new(move |done, total| {
            app.office_job.update(|j| {
                if let Some(j) = j {
                    j.done = done;
                    j.total = total;
                }
            });
        });
        let result = written(export_file_js(what.kind(), &bundle, &progress)).await;
        drop(progress);
        app.office_job.set(None);
        super::editor::report(result.and_then(|bytes| download_bytes(&name, what.mime(), &bytes)));
    });
}

/// The module's answer: the file's bytes, or its error's JSON text.
async fn written(promise: Result<js_sys::Promise, JsValue>) -> Result<js_sys::Uint8Array, String> {
    let unavailable = || t("无法启动生成Word/Excel文件的组件，请刷新页面后再试").to_string();
    let value = super::office::settled(promise, &unavailable(), t("生成文件超时"), |why| {
        tf("生成文件失败（{}）", &[&why])
    })
    .await?;
    if let Some(text) = value.as_string() {
        let failure: Failure = serde_json::from_str(&text).map_err(|_| unavailable())?;
        return Err(match lang() {
            Lang::Zh => failure.error.zh,
            Lang::En => failure.error.en,
        });
    }
    value
        .dyn_into::<js_sys::Uint8Array>()
        .map_err(|_| unavailable())
}

/// The status line of an export under way.
#[component]
pub fn ExportStatus(app: AppState) -> impl IntoView {
    move || {
        app.office_job.get().map(|j| {
            let text = if j.total == 0 {
                tf("正在生成{}……", &[&j.what])
            } else {
                tf("正在生成{}：{}／{}份", &[&j.what, &j.done, &j.total])
            };
            view! { <div class="banner info" role="status" data-testid="export-status">{text}</div> }
        })
    }
}
