//! What the rules engine says about a form: a level, the field it concerns, the rule it
//! comes from and a message in Chinese (with an English rendering for the English UI).

use crate::model::{
    AccountLine, AssetLine, FundColumn, FundRowKind, Level1, ProcurementLine, StaffLine,
    ThreePublicItem,
};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    pub fn name_zh(self) -> &'static str {
        match self {
            Level::Error => "错误",
            Level::Warning => "警告",
            Level::Info => "提示",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        }
    }
}

/// The header fields of a project form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum HeaderField {
    ProjectName,
    Department,
    ImplementingUnit,
    Year,
}

/// The cells of an indicator row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum IndicatorField {
    Name,
    Target,
    /// 调整指标值
    AdjustedTarget,
    Actual,
    Weight,
    Kind,
    Tier,
    Claimed,
    Reason,
    /// 复核分
    ReviewScore,
    /// 复核意见
    ReviewOpinion,
}

/// 预算数 or 决算数 column of the department form's tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum BudgetColumn {
    Budget,
    Final,
}

/// The fields of the department form (部门整体支出).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum DeptField {
    Department,
    Year,
    Account(AccountLine, BudgetColumn),
    ThreePublic(ThreePublicItem, BudgetColumn),
    Procurement(ProcurementLine),
    Asset(AssetLine),
    Staff(StaffLine),
}

/// The field a diagnostic concerns, so the UI can show it beside that field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum Field {
    Header(HeaderField),
    FundCell(FundRowKind, FundColumn),
    FundWeight,
    FundClaimed,
    FundReason,
    /// 复核分 of the fund score.
    FundReview,
    /// 复核意见 of the fund score.
    FundReviewOpinion,
    Level1Weight(Level1),
    Indicator(String, IndicatorField),
    Total,
    /// 总分 as printed on an imported form.
    ClaimedTotal,
    /// 等级 as printed on an imported form.
    ClaimedGrade,
    /// 执行率 as printed on the form.
    FundClaimedRate,
    /// 备注.
    Note,
    Dept(DeptField),
}

/// The rule a diagnostic comes from (RULES.md section ids, or `输入` for parse problems).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum RuleId {
    Input,
    R1,
    R2,
    R3,
    R4,
    R5,
    R6,
    R7,
}

impl RuleId {
    pub fn label(self) -> &'static str {
        match self {
            RuleId::Input => "输入",
            RuleId::R1 => "R1",
            RuleId::R2 => "R2",
            RuleId::R3 => "R3",
            RuleId::R4 => "R4",
            RuleId::R5 => "R5",
            RuleId::R6 => "R6",
            RuleId::R7 => "R7",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    pub field: Field,
    pub rule: RuleId,
    /// Message in Chinese (the UI's first language).
    pub zh: String,
    /// The same message in English.
    pub en: String,
}

impl Diagnostic {
    pub fn new(
        level: Level,
        field: Field,
        rule: RuleId,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Diagnostic {
        Diagnostic {
            level,
            field,
            rule,
            zh: zh.into(),
            en: en.into(),
        }
    }
}

/// Counts of diagnostics by level.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Counts {
    pub fn of(diagnostics: &[Diagnostic]) -> Counts {
        let mut c = Counts::default();
        for d in diagnostics {
            match d.level {
                Level::Error => c.errors += 1,
                Level::Warning => c.warnings += 1,
                Level::Info => c.infos += 1,
            }
        }
        c
    }
}
