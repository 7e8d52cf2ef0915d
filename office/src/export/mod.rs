//! Writing the documents institutions take: the official form as .xlsx (one sheet per form, with
//! a 汇总表 and the department form's figures), and the 部门整体支出绩效自评报告 as .docx. The
//! layout of a form is made once ([`layout`]) and written by both.

pub mod docx;
pub mod layout;
pub mod report;
pub mod safe;
pub mod xlsx;

use serde::Deserialize;
use ziping::model::{DepartmentEvaluation, Evaluation};

/// What to write: the forms (in the order to write them) and the department forms.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Bundle {
    #[serde(default)]
    pub evaluations: Vec<Evaluation>,
    #[serde(default)]
    pub departments: Vec<DepartmentEvaluation>,
    /// A table of figures to write as it is (the county view).
    #[serde(default)]
    pub table: Option<ziping::summary::table::Table>,
}

impl Bundle {
    /// The one department-year all the forms belong to, if they do.
    pub fn department_year(&self) -> Option<(String, String)> {
        let first = self.evaluations.first()?;
        let key = (
            first.department.trim().to_string(),
            first.year.trim().to_string(),
        );
        self.evaluations
            .iter()
            .all(|e| e.department.trim() == key.0 && e.year.trim() == key.1)
            .then_some(key)
    }

    /// A 汇总表 comes first when there are several forms.
    pub fn with_summary(&self) -> bool {
        self.evaluations.len() > 1
    }

    pub fn summary_title(&self) -> String {
        match self.department_year() {
            Some((d, y)) if !y.is_empty() => format!("{d}{y}年度项目支出绩效自评汇总表"),
            Some((d, _)) => format!("{d}项目支出绩效自评汇总表"),
            None => "项目支出绩效自评汇总表".into(),
        }
    }
}

/// The documents ziping writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The forms as a workbook (.xlsx): a 汇总表, a sheet per form, the department figures.
    Workbook,
    /// The 部门整体支出绩效自评报告 (.docx) with each form as a table.
    Report,
    /// Only the forms as Word tables (.docx), one per page.
    FormsDocument,
    /// The bundle's table of figures as a one-sheet workbook (.xlsx).
    Table,
}

impl Kind {
    pub fn parse(name: &str) -> Option<Kind> {
        match name {
            "xlsx" => Some(Kind::Workbook),
            "report" => Some(Kind::Report),
            "docx" => Some(Kind::FormsDocument),
            "table" => Some(Kind::Table),
            _ => None,
        }
    }
}

/// The bytes of the document of `kind` for what `bundle_json` (a [`Bundle`]) holds.
pub fn export(
    kind: Kind,
    bundle: &Bundle,
    progress: &mut dyn Progress,
) -> Result<Vec<u8>, ExportError> {
    match kind {
        Kind::Workbook => xlsx::workbook(bundle, progress),
        Kind::Table => match &bundle.table {
            Some(table) => xlsx::table_workbook(table),
            None => Err(ExportError::Nothing),
        },
        Kind::Report => {
            if bundle.evaluations.is_empty() && bundle.departments.is_empty() {
                return Err(ExportError::Nothing);
            }
            let blocks = report::report(bundle.departments.first(), &bundle.evaluations, progress);
            docx::document(&blocks)
        }
        Kind::FormsDocument => {
            if bundle.evaluations.is_empty() {
                return Err(ExportError::Nothing);
            }
            let layouts = bundle
                .evaluations
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    progress.step(i + 1, bundle.evaluations.len());
                    layout::form_layout(e, &ziping::rules::assess(e))
                })
                .collect();
            docx::forms_document(layouts)
        }
    }
}

/// Reads the bundle the page sends (JSON), refusing what is not one.
pub fn bundle_of(json: &str) -> Result<Bundle, ExportError> {
    serde_json::from_str(json).map_err(|e| ExportError::Input(e.to_string()))
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExportError {
    Nothing,
    /// What the page sent is not a bundle of forms.
    Input(String),
    Writer(String),
}

impl ExportError {
    pub fn zh(&self) -> String {
        match self {
            ExportError::Nothing => "没有可导出的表".into(),
            ExportError::Input(why) => format!("要导出的数据有误（{why}）"),
            ExportError::Writer(why) => format!("生成文件失败（{why}）"),
        }
    }
    pub fn en(&self) -> String {
        match self {
            ExportError::Nothing => "There is nothing to export".into(),
            ExportError::Input(why) => format!("The data to export is not valid ({why})"),
            ExportError::Writer(why) => format!("The file could not be written ({why})"),
        }
    }
}

/// Told after each form, so a long export can show how far it is.
pub trait Progress {
    fn step(&mut self, done: usize, total: usize);
}

/// No one is watching.
pub struct Quiet;

impl Progress for Quiet {
    fn step(&mut self, _: usize, _: usize) {}
}
