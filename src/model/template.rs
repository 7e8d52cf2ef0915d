//! Which template (layout and scoring rules) a form follows. The templates themselves — their
//! rules, rows, columns and labels — are data in `crate::templates`; a form stores only the id,
//! so a file names its template in one word and every other field keeps its meaning.

use serde::{Deserialize, Serialize};

/// A form's template. The default is the MOF 2020 standard form, which every form followed
/// before templates existed: such files carry no `template` key and read as before.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum TemplateId {
    /// 财预〔2020〕10号 附件 项目支出绩效自评表.
    #[default]
    #[serde(rename = "mof2020")]
    Mof2020,
    /// 湖北省 2020 项目支出绩效自评表: 预算执行情况 20 分, 反向 by ratio, 定性 bands 80/50.
    #[serde(rename = "hubei2020")]
    Hubei2020,
    /// The 10号 form with the target split into 指标性质 | 指标值 | 度量单位 (云南).
    #[serde(rename = "split-target")]
    SplitTarget,
    /// 四川 部门预算项目支出绩效自评表 (2023): fund rows by source, 权重, the target split.
    #[serde(rename = "sichuan2023")]
    Sichuan2023,
    /// 部门整体支出绩效自评表: the project form's structure for a whole department, its fund
    /// rows by income and spending nature.
    #[serde(rename = "dept")]
    Department,
    /// 部门整体支出绩效自评表 grouped 部门决策 / 部门管理 / 部门绩效 (财预〔2013〕53号's common
    /// indicators), execution scored as an indicator.
    #[serde(rename = "dept-framework")]
    DepartmentFramework,
    /// 重庆 部门整体绩效自评表: one flat list of indicators with 计量单位, 调整指标值, 得分系数 and
    /// 是否核心指标.
    #[serde(rename = "chongqing-dept")]
    ChongqingDepartment,
}

/// What a form evaluates: one project's spending or a whole department's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormKind {
    /// 项目支出绩效自评表
    Project,
    /// 部门整体支出绩效自评表: belongs to a department-year beside its figures (RULES.md R7).
    Department,
}

impl TemplateId {
    pub const ALL: [TemplateId; 7] = [
        TemplateId::Mof2020,
        TemplateId::Hubei2020,
        TemplateId::SplitTarget,
        TemplateId::Sichuan2023,
        TemplateId::Department,
        TemplateId::DepartmentFramework,
        TemplateId::ChongqingDepartment,
    ];

    pub fn is_default(&self) -> bool {
        *self == TemplateId::Mof2020
    }

    /// The word stored in files and used in the page's controls.
    pub fn key(self) -> &'static str {
        match self {
            TemplateId::Mof2020 => "mof2020",
            TemplateId::Hubei2020 => "hubei2020",
            TemplateId::SplitTarget => "split-target",
            TemplateId::Sichuan2023 => "sichuan2023",
            TemplateId::Department => "dept",
            TemplateId::DepartmentFramework => "dept-framework",
            TemplateId::ChongqingDepartment => "chongqing-dept",
        }
    }

    pub fn from_key(key: &str) -> Option<TemplateId> {
        TemplateId::ALL.into_iter().find(|t| t.key() == key.trim())
    }

    /// Whether the form evaluates a project or a whole department.
    pub fn kind(self) -> FormKind {
        match self {
            TemplateId::Mof2020
            | TemplateId::Hubei2020
            | TemplateId::SplitTarget
            | TemplateId::Sichuan2023 => FormKind::Project,
            TemplateId::Department
            | TemplateId::DepartmentFramework
            | TemplateId::ChongqingDepartment => FormKind::Department,
        }
    }

    pub fn is_department(self) -> bool {
        self.kind() == FormKind::Department
    }
}
