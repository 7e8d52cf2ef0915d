//! The 部门整体支出绩效自评 (department-wide self-evaluation) as typed: basic data, budget vs
//! final accounts, "三公"经费, government procurement, assets, and the narrative sections.
//! Amounts are in 万元 and kept as typed, like the project form.

use serde::{Deserialize, Serialize};

/// A budget figure next to its final-accounts figure (预算数 / 决算数).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BudgetFinal {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub budget: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub final_amount: String,
}

/// Which line of the 预算 vs 决算 table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountLine {
    /// 收入
    Income,
    /// 支出
    Expenditure,
    /// 其中：基本支出
    Basic,
    /// 其中：项目支出
    Project,
}

impl AccountLine {
    pub const ALL: [AccountLine; 4] = [
        AccountLine::Income,
        AccountLine::Expenditure,
        AccountLine::Basic,
        AccountLine::Project,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            AccountLine::Income => "收入",
            AccountLine::Expenditure => "支出",
            AccountLine::Basic => "其中：基本支出",
            AccountLine::Project => "其中：项目支出",
        }
    }
}

/// Which "三公"经费 item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ThreePublicItem {
    /// 因公出国(境)费
    Abroad,
    /// 公务用车购置及运行维护费
    Vehicles,
    /// 公务接待费
    Reception,
    /// 合计
    Total,
}

impl ThreePublicItem {
    pub const ALL: [ThreePublicItem; 4] = [
        ThreePublicItem::Abroad,
        ThreePublicItem::Vehicles,
        ThreePublicItem::Reception,
        ThreePublicItem::Total,
    ];
    pub const PARTS: [ThreePublicItem; 3] = [
        ThreePublicItem::Abroad,
        ThreePublicItem::Vehicles,
        ThreePublicItem::Reception,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            ThreePublicItem::Abroad => "因公出国(境)费",
            ThreePublicItem::Vehicles => "公务用车购置及运行维护费",
            ThreePublicItem::Reception => "公务接待费",
            ThreePublicItem::Total => "“三公”经费合计",
        }
    }
}

/// Which government-procurement line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProcurementLine {
    Goods,
    Works,
    Services,
    Total,
    Planned,
}

impl ProcurementLine {
    pub const ALL: [ProcurementLine; 5] = [
        ProcurementLine::Goods,
        ProcurementLine::Works,
        ProcurementLine::Services,
        ProcurementLine::Total,
        ProcurementLine::Planned,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            ProcurementLine::Goods => "货物",
            ProcurementLine::Works => "工程",
            ProcurementLine::Services => "服务",
            ProcurementLine::Total => "政府采购支出合计",
            ProcurementLine::Planned => "政府采购预算（计划）数",
        }
    }
}

/// Which asset line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AssetLine {
    /// 资产总额
    Assets,
    /// 负债总额
    Liabilities,
    /// 净资产 (as stated; the engine derives it too)
    NetAssets,
    /// 固定资产账面原值
    FixedOriginal,
    /// 在用资产
    InUse,
}

impl AssetLine {
    pub const ALL: [AssetLine; 5] = [
        AssetLine::Assets,
        AssetLine::Liabilities,
        AssetLine::NetAssets,
        AssetLine::FixedOriginal,
        AssetLine::InUse,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            AssetLine::Assets => "资产总额",
            AssetLine::Liabilities => "负债总额",
            AssetLine::NetAssets => "净资产（填报数）",
            AssetLine::FixedOriginal => "固定资产账面原值",
            AssetLine::InUse => "在用资产",
        }
    }
}

/// Which staffing figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum StaffLine {
    /// 编制人数
    Authorized,
    /// 实有在职人数
    Actual,
    /// 离退休人员
    Retired,
    /// 其他人员
    Other,
}

impl StaffLine {
    pub const ALL: [StaffLine; 4] = [
        StaffLine::Authorized,
        StaffLine::Actual,
        StaffLine::Retired,
        StaffLine::Other,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            StaffLine::Authorized => "编制人数",
            StaffLine::Actual => "实有在职人数",
            StaffLine::Retired => "离退休人员",
            StaffLine::Other => "其他人员",
        }
    }
}

/// The 部门整体支出绩效自评 of one department and year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DepartmentEvaluation {
    pub id: String,
    /// 部门（单位）名称
    #[serde(skip_serializing_if = "String::is_empty")]
    pub department: String,
    /// 年度
    #[serde(skip_serializing_if = "String::is_empty")]
    pub year: String,
    /// 部门主要职责（机构设置、主要职能）: the report's section 一（一）
    #[serde(skip_serializing_if = "String::is_empty")]
    pub profile: String,

    #[serde(skip_serializing_if = "String::is_empty")]
    pub staff_authorized: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub staff_actual: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub staff_retired: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub staff_other: String,

    pub income: BudgetFinal,
    pub expenditure: BudgetFinal,
    pub basic: BudgetFinal,
    pub project: BudgetFinal,
    /// 预决算差异原因
    #[serde(skip_serializing_if = "String::is_empty")]
    pub accounts_note: String,

    pub abroad: BudgetFinal,
    pub vehicles: BudgetFinal,
    pub reception: BudgetFinal,
    pub three_public_total: BudgetFinal,

    #[serde(skip_serializing_if = "String::is_empty")]
    pub procurement_goods: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub procurement_works: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub procurement_services: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub procurement_total: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub procurement_planned: String,

    #[serde(skip_serializing_if = "String::is_empty")]
    pub assets_total: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub liabilities_total: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub net_assets: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub fixed_assets_original: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub assets_in_use: String,

    /// 整体绩效目标完成情况
    #[serde(skip_serializing_if = "String::is_empty")]
    pub performance_summary: String,
    /// 存在的问题及改进措施
    #[serde(skip_serializing_if = "String::is_empty")]
    pub problems_and_measures: String,
    /// 其他需要说明的情况
    #[serde(skip_serializing_if = "String::is_empty")]
    pub other_notes: String,

    pub updated_at: u64,
    pub created_at: u64,
}

impl DepartmentEvaluation {
    pub fn account(&self, line: AccountLine) -> &BudgetFinal {
        match line {
            AccountLine::Income => &self.income,
            AccountLine::Expenditure => &self.expenditure,
            AccountLine::Basic => &self.basic,
            AccountLine::Project => &self.project,
        }
    }
    pub fn account_mut(&mut self, line: AccountLine) -> &mut BudgetFinal {
        match line {
            AccountLine::Income => &mut self.income,
            AccountLine::Expenditure => &mut self.expenditure,
            AccountLine::Basic => &mut self.basic,
            AccountLine::Project => &mut self.project,
        }
    }
    pub fn three_public(&self, item: ThreePublicItem) -> &BudgetFinal {
        match item {
            ThreePublicItem::Abroad => &self.abroad,
            ThreePublicItem::Vehicles => &self.vehicles,
            ThreePublicItem::Reception => &self.reception,
            ThreePublicItem::Total => &self.three_public_total,
        }
    }
    pub fn three_public_mut(&mut self, item: ThreePublicItem) -> &mut BudgetFinal {
        match item {
            ThreePublicItem::Abroad => &mut self.abroad,
            ThreePublicItem::Vehicles => &mut self.vehicles,
            ThreePublicItem::Reception => &mut self.reception,
            ThreePublicItem::Total => &mut self.three_public_total,
        }
    }
    pub fn procurement(&self, line: ProcurementLine) -> &String {
        match line {
            ProcurementLine::Goods => &self.procurement_goods,
            ProcurementLine::Works => &self.procurement_works,
            ProcurementLine::Services => &self.procurement_services,
            ProcurementLine::Total => &self.procurement_total,
            ProcurementLine::Planned => &self.procurement_planned,
        }
    }
    pub fn procurement_mut(&mut self, line: ProcurementLine) -> &mut String {
        match line {
            ProcurementLine::Goods => &mut self.procurement_goods,
            ProcurementLine::Works => &mut self.procurement_works,
            ProcurementLine::Services => &mut self.procurement_services,
            ProcurementLine::Total => &mut self.procurement_total,
            ProcurementLine::Planned => &mut self.procurement_planned,
        }
    }
    pub fn asset(&self, line: AssetLine) -> &String {
        match line {
            AssetLine::Assets => &self.assets_total,
            AssetLine::Liabilities => &self.liabilities_total,
            AssetLine::NetAssets => &self.net_assets,
            AssetLine::FixedOriginal => &self.fixed_assets_original,
            AssetLine::InUse => &self.assets_in_use,
        }
    }
    pub fn asset_mut(&mut self, line: AssetLine) -> &mut String {
        match line {
            AssetLine::Assets => &mut self.assets_total,
            AssetLine::Liabilities => &mut self.liabilities_total,
            AssetLine::NetAssets => &mut self.net_assets,
            AssetLine::FixedOriginal => &mut self.fixed_assets_original,
            AssetLine::InUse => &mut self.assets_in_use,
        }
    }
    pub fn staff(&self, line: StaffLine) -> &String {
        match line {
            StaffLine::Authorized => &self.staff_authorized,
            StaffLine::Actual => &self.staff_actual,
            StaffLine::Retired => &self.staff_retired,
            StaffLine::Other => &self.staff_other,
        }
    }
    pub fn staff_mut(&mut self, line: StaffLine) -> &mut String {
        match line {
            StaffLine::Authorized => &mut self.staff_authorized,
            StaffLine::Actual => &mut self.staff_actual,
            StaffLine::Retired => &mut self.staff_retired,
            StaffLine::Other => &mut self.staff_other,
        }
    }
}
