//! The 项目支出绩效自评表 as the user typed it.
//!
//! Every cell is kept as the text that was typed (so nothing is lost when it does not parse);
//! the rules engine parses it on every assessment. Fields carry `#[serde(default)]` so older
//! or partial documents still load.

use super::TemplateId;
use serde::{Deserialize, Serialize};

/// 一级指标. The MOF 2020 form's three (财预〔2020〕10号, RULES.md R1), and the three of the
/// department-wide forms that still group by 部门决策 / 部门管理 / 部门绩效 (the provinces' regrouping
/// of 财预〔2013〕53号's 投入 / 过程 / 产出 / 效果, docs/TEMPLATES.md). A template says which it prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level1 {
    /// 产出指标 (default 50)
    Output,
    /// 效益指标 (default 30)
    Benefit,
    /// 满意度指标 (default 10)
    Satisfaction,
    /// 部门决策
    Decision,
    /// 部门管理
    Management,
    /// 部门绩效
    Performance,
}

impl Level1 {
    pub const ALL: [Level1; 6] = [
        Level1::Output,
        Level1::Benefit,
        Level1::Satisfaction,
        Level1::Decision,
        Level1::Management,
        Level1::Performance,
    ];
    /// The MOF 2020 form's groups.
    pub const STANDARD: [Level1; 3] = [Level1::Output, Level1::Benefit, Level1::Satisfaction];

    pub fn name_zh(self) -> &'static str {
        match self {
            Level1::Output => "产出指标",
            Level1::Benefit => "效益指标",
            Level1::Satisfaction => "满意度指标",
            Level1::Decision => "部门决策",
            Level1::Management => "部门管理",
            Level1::Performance => "部门绩效",
        }
    }
    /// One of the department forms' groups (部门决策 / 部门管理 / 部门绩效).
    pub fn is_department(self) -> bool {
        matches!(
            self,
            Level1::Decision | Level1::Management | Level1::Performance
        )
    }
    /// The MOF 2020 weight (RULES.md R1); the department groups have none of their own: their
    /// templates say theirs.
    pub fn default_weight(self) -> &'static str {
        match self {
            Level1::Output => "50",
            Level1::Benefit => "30",
            Level1::Satisfaction => "10",
            Level1::Decision | Level1::Management | Level1::Performance => "",
        }
    }
    pub fn groups(self) -> &'static [Level2] {
        match self {
            Level1::Output => &[
                Level2::Quantity,
                Level2::Quality,
                Level2::Timeliness,
                Level2::Cost,
            ],
            Level1::Benefit => &[
                Level2::Economic,
                Level2::Social,
                Level2::Ecological,
                Level2::Sustainable,
            ],
            Level1::Satisfaction => &[Level2::ServiceSatisfaction],
            Level1::Decision => &[Level2::GoalSetting, Level2::BudgetAllocation],
            Level1::Management => &[
                Level2::BudgetExecution,
                Level2::BudgetManagement,
                Level2::AssetManagement,
            ],
            Level1::Performance => &[Level2::DutyPerformance, Level2::DutyBenefit],
        }
    }
}

/// 二级指标, each belonging to one fixed 一级指标.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Level2 {
    /// 数量指标
    Quantity,
    /// 质量指标
    Quality,
    /// 时效指标
    Timeliness,
    /// 成本指标
    Cost,
    /// 经济效益指标
    Economic,
    /// 社会效益指标
    Social,
    /// 生态效益指标
    Ecological,
    /// 可持续影响指标
    Sustainable,
    /// 服务对象满意度指标
    ServiceSatisfaction,
    /// 目标设定 (部门决策)
    GoalSetting,
    /// 预算配置 (部门决策)
    BudgetAllocation,
    /// 预算执行 (部门管理)
    BudgetExecution,
    /// 预算管理 (部门管理)
    BudgetManagement,
    /// 资产管理 (部门管理)
    AssetManagement,
    /// 职责履行 (部门绩效)
    DutyPerformance,
    /// 履职效益 (部门绩效)
    DutyBenefit,
}

impl Level2 {
    pub const ALL: [Level2; 16] = [
        Level2::Quantity,
        Level2::Quality,
        Level2::Timeliness,
        Level2::Cost,
        Level2::Economic,
        Level2::Social,
        Level2::Ecological,
        Level2::Sustainable,
        Level2::ServiceSatisfaction,
        Level2::GoalSetting,
        Level2::BudgetAllocation,
        Level2::BudgetExecution,
        Level2::BudgetManagement,
        Level2::AssetManagement,
        Level2::DutyPerformance,
        Level2::DutyBenefit,
    ];

    pub fn level1(self) -> Level1 {
        match self {
            Level2::Quantity | Level2::Quality | Level2::Timeliness | Level2::Cost => {
                Level1::Output
            }
            Level2::Economic | Level2::Social | Level2::Ecological | Level2::Sustainable => {
                Level1::Benefit
            }
            Level2::ServiceSatisfaction => Level1::Satisfaction,
            Level2::GoalSetting | Level2::BudgetAllocation => Level1::Decision,
            Level2::BudgetExecution | Level2::BudgetManagement | Level2::AssetManagement => {
                Level1::Management
            }
            Level2::DutyPerformance | Level2::DutyBenefit => Level1::Performance,
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Level2::Quantity => "数量指标",
            Level2::Quality => "质量指标",
            Level2::Timeliness => "时效指标",
            Level2::Cost => "成本指标",
            Level2::Economic => "经济效益指标",
            Level2::Social => "社会效益指标",
            Level2::Ecological => "生态效益指标",
            Level2::Sustainable => "可持续影响指标",
            Level2::ServiceSatisfaction => "服务对象满意度指标",
            Level2::GoalSetting => "目标设定",
            Level2::BudgetAllocation => "预算配置",
            Level2::BudgetExecution => "预算执行",
            Level2::BudgetManagement => "预算管理",
            Level2::AssetManagement => "资产管理",
            Level2::DutyPerformance => "职责履行",
            Level2::DutyBenefit => "履职效益",
        }
    }

    /// Recognises a level-2 heading as written on a form (`经济效\n益指标`, `满意度指标`, …):
    /// the name, the name without 指标, or an unambiguous beginning of one.
    pub fn from_text(text: &str) -> Option<Level2> {
        let s: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        if let Some(l) = Level2::ALL
            .into_iter()
            .find(|l| s == l.name_zh() || s == l.name_zh().trim_end_matches("指标"))
        {
            return Some(l);
        }
        if s.chars().count() < 2 {
            return None;
        }
        let mut starts = Level2::ALL
            .into_iter()
            .filter(|l| l.name_zh().starts_with(s.as_str()));
        match (starts.next(), starts.next()) {
            (Some(l), None) => Some(l),
            _ => None,
        }
    }
}

/// How an indicator is scored (RULES.md R3–R5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IndicatorKind {
    /// 正向: more is better (≥, >, no operator).
    Positive,
    /// 反向: less is better (≤, <: cost, complaints, accidents).
    Negative,
    /// 等于 (=).
    Equal,
    /// 定性: scored by tier.
    Qualitative,
    /// 不适用: excluded, the total is rescaled.
    NotApplicable,
}

impl IndicatorKind {
    pub const ALL: [IndicatorKind; 5] = [
        IndicatorKind::Positive,
        IndicatorKind::Negative,
        IndicatorKind::Equal,
        IndicatorKind::Qualitative,
        IndicatorKind::NotApplicable,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            IndicatorKind::Positive => "正向",
            IndicatorKind::Negative => "反向",
            IndicatorKind::Equal => "等于",
            IndicatorKind::Qualitative => "定性",
            IndicatorKind::NotApplicable => "不适用",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            IndicatorKind::Positive => "positive",
            IndicatorKind::Negative => "negative",
            IndicatorKind::Equal => "equal",
            IndicatorKind::Qualitative => "qualitative",
            IndicatorKind::NotApplicable => "not_applicable",
        }
    }
    pub fn from_key(key: &str) -> Option<IndicatorKind> {
        IndicatorKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// The three qualitative tiers (RULES.md R4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum QualitativeTier {
    /// 达成年度指标: [80 %, 100 %] of W
    Achieved,
    /// 部分达成年度指标并具有一定效果: [60 %, 80 %) of W
    Partial,
    /// 未达成年度指标且效果较差: [0, 60 %) of W
    NotAchieved,
}

impl QualitativeTier {
    pub const ALL: [QualitativeTier; 3] = [
        QualitativeTier::Achieved,
        QualitativeTier::Partial,
        QualitativeTier::NotAchieved,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            QualitativeTier::Achieved => "达成年度指标",
            QualitativeTier::Partial => "部分达成年度指标并具有一定效果",
            QualitativeTier::NotAchieved => "未达成年度指标且效果较差",
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            QualitativeTier::Achieved => "achieved",
            QualitativeTier::Partial => "partial",
            QualitativeTier::NotAchieved => "not_achieved",
        }
    }
    pub fn from_key(key: &str) -> Option<QualitativeTier> {
        QualitativeTier::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// One row of the fund table: 年初预算数, 全年预算数 (A), 全年执行数 (B), as typed (万元).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FundRow {
    #[serde(skip_serializing_if = "String::is_empty")]
    pub initial_budget: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub annual_budget: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub executed: String,
}

impl FundRow {
    /// Nothing typed in any column.
    pub fn is_blank(&self) -> bool {
        self.initial_budget.trim().is_empty()
            && self.annual_budget.trim().is_empty()
            && self.executed.trim().is_empty()
    }
}

/// Which row of the fund table. The MOF 2020 form has the first four; other templates split
/// the total by source (四川: 财政资金 / 财政专户管理资金 / 单位资金 / 其他资金), by income nature
/// (部门整体: 一般公共预算 / 政府性基金 / 财政专户管理资金 / 其他资金) or by spending nature (基本支出 /
/// 项目支出). A template says which rows it prints and which add up to the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FundRowKind {
    /// 年度资金总额
    Total,
    /// 其中：当年财政拨款
    CurrentYear,
    /// 上年结转资金
    CarriedOver,
    /// 其他资金
    Other,
    /// 财政资金 (四川)
    Fiscal,
    /// 一般公共预算（拨款）
    GeneralBudget,
    /// 政府性基金（拨款）
    GovernmentFund,
    /// 财政专户管理资金 (湖南: 纳入专户管理的非税收入拨款)
    SpecialAccount,
    /// 单位资金
    UnitFunds,
    /// 基本支出
    Basic,
    /// 项目支出
    Project,
}

impl FundRowKind {
    pub const ALL: [FundRowKind; 11] = [
        FundRowKind::Total,
        FundRowKind::CurrentYear,
        FundRowKind::CarriedOver,
        FundRowKind::Other,
        FundRowKind::Fiscal,
        FundRowKind::GeneralBudget,
        FundRowKind::GovernmentFund,
        FundRowKind::SpecialAccount,
        FundRowKind::UnitFunds,
        FundRowKind::Basic,
        FundRowKind::Project,
    ];
    /// The MOF 2020 form's rows.
    pub const STANDARD: [FundRowKind; 4] = [
        FundRowKind::Total,
        FundRowKind::CurrentYear,
        FundRowKind::CarriedOver,
        FundRowKind::Other,
    ];
    /// The name without its leading 其中： (in sums and column titles).
    pub fn short_name_zh(self) -> &'static str {
        let n = self.name_zh();
        n.strip_prefix("其中：").unwrap_or(n)
    }
    pub fn name_zh(self) -> &'static str {
        match self {
            FundRowKind::Total => "年度资金总额",
            FundRowKind::CurrentYear => "其中：当年财政拨款",
            FundRowKind::CarriedOver => "上年结转资金",
            FundRowKind::Other => "其他资金",
            FundRowKind::Fiscal => "其中：财政资金",
            FundRowKind::GeneralBudget => "一般公共预算",
            FundRowKind::GovernmentFund => "政府性基金",
            FundRowKind::SpecialAccount => "财政专户管理资金",
            FundRowKind::UnitFunds => "单位资金",
            FundRowKind::Basic => "基本支出",
            FundRowKind::Project => "项目支出",
        }
    }
    /// The word used in stored files and CSV headings for rows beyond the MOF four.
    pub fn key(self) -> &'static str {
        match self {
            FundRowKind::Total => "total",
            FundRowKind::CurrentYear => "current_year",
            FundRowKind::CarriedOver => "carried_over",
            FundRowKind::Other => "other",
            FundRowKind::Fiscal => "fiscal",
            FundRowKind::GeneralBudget => "general_budget",
            FundRowKind::GovernmentFund => "government_fund",
            FundRowKind::SpecialAccount => "special_account",
            FundRowKind::UnitFunds => "unit_funds",
            FundRowKind::Basic => "basic",
            FundRowKind::Project => "project",
        }
    }
}

/// Which column of the fund table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FundColumn {
    /// 年初预算数
    InitialBudget,
    /// 全年预算数 (A)
    AnnualBudget,
    /// 全年执行数 (B)
    Executed,
}

impl FundColumn {
    pub const ALL: [FundColumn; 3] = [
        FundColumn::InitialBudget,
        FundColumn::AnnualBudget,
        FundColumn::Executed,
    ];
    pub fn name_zh(self) -> &'static str {
        match self {
            FundColumn::InitialBudget => "年初预算数",
            FundColumn::AnnualBudget => "全年预算数",
            FundColumn::Executed => "全年执行数",
        }
    }
}

impl FundRow {
    pub fn get(&self, col: FundColumn) -> &str {
        match col {
            FundColumn::InitialBudget => &self.initial_budget,
            FundColumn::AnnualBudget => &self.annual_budget,
            FundColumn::Executed => &self.executed,
        }
    }
    pub fn get_mut(&mut self, col: FundColumn) -> &mut String {
        match col {
            FundColumn::InitialBudget => &mut self.initial_budget,
            FundColumn::AnnualBudget => &mut self.annual_budget,
            FundColumn::Executed => &mut self.executed,
        }
    }
}

/// 项目资金 table with the budget-execution score (RULES.md R2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FundTable {
    pub total: FundRow,
    pub current_year: FundRow,
    pub carried_over: FundRow,
    pub other: FundRow,
    /// The rows of other templates (format version 3); absent when blank.
    #[serde(skip_serializing_if = "FundRow::is_blank")]
    pub fiscal: FundRow,
    #[serde(skip_serializing_if = "FundRow::is_blank")]
    pub general_budget: FundRow,
    #[serde(skip_serializing_if = "FundRow::is_blank")]
    pub government_fund: FundRow,
    #[serde(skip_serializing_if = "FundRow::is_blank")]
    pub special_account: FundRow,
    #[serde(skip_serializing_if = "FundRow::is_blank")]
    pub unit_funds: FundRow,
    #[serde(skip_serializing_if = "FundRow::is_blank")]
    pub basic: FundRow,
    #[serde(skip_serializing_if = "FundRow::is_blank")]
    pub project: FundRow,
    /// 分值 of 预算执行率 (10 unless adjusted).
    pub weight: String,
    /// 得分 as claimed on the form; blank = take the rule's score.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub claimed: String,
    /// Explanation of low execution or of a claimed score that departs from the rule.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// 执行率 as printed on the form (a claim, compared with the computed rate); blank on forms
    /// made in ziping, where the rate is only computed.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub claimed_rate: String,
}

impl Default for FundTable {
    fn default() -> Self {
        FundTable {
            total: FundRow::default(),
            current_year: FundRow::default(),
            carried_over: FundRow::default(),
            other: FundRow::default(),
            fiscal: FundRow::default(),
            general_budget: FundRow::default(),
            government_fund: FundRow::default(),
            special_account: FundRow::default(),
            unit_funds: FundRow::default(),
            basic: FundRow::default(),
            project: FundRow::default(),
            weight: "10".into(),
            claimed: String::new(),
            reason: String::new(),
            claimed_rate: String::new(),
        }
    }
}

impl FundTable {
    pub fn row(&self, kind: FundRowKind) -> &FundRow {
        match kind {
            FundRowKind::Total => &self.total,
            FundRowKind::CurrentYear => &self.current_year,
            FundRowKind::CarriedOver => &self.carried_over,
            FundRowKind::Other => &self.other,
            FundRowKind::Fiscal => &self.fiscal,
            FundRowKind::GeneralBudget => &self.general_budget,
            FundRowKind::GovernmentFund => &self.government_fund,
            FundRowKind::SpecialAccount => &self.special_account,
            FundRowKind::UnitFunds => &self.unit_funds,
            FundRowKind::Basic => &self.basic,
            FundRowKind::Project => &self.project,
        }
    }
    pub fn row_mut(&mut self, kind: FundRowKind) -> &mut FundRow {
        match kind {
            FundRowKind::Total => &mut self.total,
            FundRowKind::CurrentYear => &mut self.current_year,
            FundRowKind::CarriedOver => &mut self.carried_over,
            FundRowKind::Other => &mut self.other,
            FundRowKind::Fiscal => &mut self.fiscal,
            FundRowKind::GeneralBudget => &mut self.general_budget,
            FundRowKind::GovernmentFund => &mut self.government_fund,
            FundRowKind::SpecialAccount => &mut self.special_account,
            FundRowKind::UnitFunds => &mut self.unit_funds,
            FundRowKind::Basic => &mut self.basic,
            FundRowKind::Project => &mut self.project,
        }
    }
}

/// 一级指标 weights as typed (R1: adjustable, must add up to 100 with the execution weight).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Level1Weights {
    pub output: String,
    pub benefit: String,
    pub satisfaction: String,
    /// The department groups' weights (format version 3); absent when blank.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub decision: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub management: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    pub performance: String,
}

impl Default for Level1Weights {
    fn default() -> Self {
        Level1Weights {
            output: Level1::Output.default_weight().into(),
            benefit: Level1::Benefit.default_weight().into(),
            satisfaction: Level1::Satisfaction.default_weight().into(),
            decision: String::new(),
            management: String::new(),
            performance: String::new(),
        }
    }
}

impl Level1Weights {
    pub fn get(&self, l: Level1) -> &str {
        match l {
            Level1::Output => &self.output,
            Level1::Benefit => &self.benefit,
            Level1::Satisfaction => &self.satisfaction,
            Level1::Decision => &self.decision,
            Level1::Management => &self.management,
            Level1::Performance => &self.performance,
        }
    }
    pub fn get_mut(&mut self, l: Level1) -> &mut String {
        match l {
            Level1::Output => &mut self.output,
            Level1::Benefit => &mut self.benefit,
            Level1::Satisfaction => &mut self.satisfaction,
            Level1::Decision => &mut self.decision,
            Level1::Management => &mut self.management,
            Level1::Performance => &mut self.performance,
        }
    }
}

/// 年度总体目标.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OverallGoal {
    /// 预期目标
    #[serde(skip_serializing_if = "String::is_empty")]
    pub expected: String,
    /// 实际完成情况
    #[serde(skip_serializing_if = "String::is_empty")]
    pub achieved: String,
}

/// One 三级指标 row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Indicator {
    /// Stable row id (keyed rendering, diagnostics, merging).
    pub id: String,
    pub level2: Level2,
    /// 三级指标
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// 年度指标值 (target), as typed
    #[serde(skip_serializing_if = "String::is_empty")]
    pub target: String,
    /// 调整指标值 (重庆: the target as adjusted during the year), as typed; when given, it is
    /// the target the row is scored against.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub adjusted_target: String,
    /// 实际完成值 (actual), as typed
    #[serde(skip_serializing_if = "String::is_empty")]
    pub actual: String,
    /// 分值 (weight), as typed
    #[serde(skip_serializing_if = "String::is_empty")]
    pub weight: String,
    /// The user's choice of kind; `None` = detected from the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind_override: Option<IndicatorKind>,
    /// Tier picked for a qualitative indicator.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<QualitativeTier>,
    /// 得分 as claimed; blank = take the rule's score.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub claimed: String,
    /// 偏差原因分析及改进措施
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// 是否核心指标 (重庆 and other forms that mark core indicators).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub core: bool,
    /// The finance bureau's 复核分 and 复核意见 for this row.
    #[serde(skip_serializing_if = "ScoreReview::is_empty")]
    pub review: ScoreReview,
}

/// 复核 of one score: the reviewer's score as typed (blank: the self-assessed score stands) and
/// opinion.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ScoreReview {
    /// 复核分
    #[serde(skip_serializing_if = "String::is_empty")]
    pub score: String,
    /// 复核意见
    #[serde(skip_serializing_if = "String::is_empty")]
    pub opinion: String,
}

impl ScoreReview {
    pub fn is_empty(&self) -> bool {
        self.score.trim().is_empty() && self.opinion.trim().is_empty()
    }
}

/// The finance bureau's 复核 of a form (抽查复核): the fund score's review, the opinion on the
/// whole form, who and when, and whether it is finished. Rows carry their own
/// ([`Indicator::review`]). It travels with the form (export format version 2).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Review {
    /// 复核 of the 预算执行率 score.
    #[serde(skip_serializing_if = "ScoreReview::is_empty")]
    pub fund: ScoreReview,
    /// 复核意见 on the form.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub opinion: String,
    /// 复核人
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reviewer: String,
    /// 复核日期
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// 已复核: the reviewer has finished this form.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub done: bool,
}

impl Review {
    pub fn is_empty(&self) -> bool {
        self.fund.is_empty()
            && self.opinion.trim().is_empty()
            && self.reviewer.trim().is_empty()
            && self.date.trim().is_empty()
            && !self.done
    }
}

impl Default for Indicator {
    fn default() -> Self {
        Indicator {
            id: String::new(),
            level2: Level2::Quantity,
            name: String::new(),
            target: String::new(),
            adjusted_target: String::new(),
            actual: String::new(),
            weight: String::new(),
            kind_override: None,
            tier: None,
            claimed: String::new(),
            reason: String::new(),
            core: false,
            review: ScoreReview::default(),
        }
    }
}

/// 填表人 etc. at the foot of the form.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SignOff {
    /// 填表人
    #[serde(skip_serializing_if = "String::is_empty")]
    pub preparer: String,
    /// 填报日期
    #[serde(skip_serializing_if = "String::is_empty")]
    pub date: String,
    /// 联系电话
    #[serde(skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// 单位负责人
    #[serde(skip_serializing_if = "String::is_empty")]
    pub head: String,
}

/// A whole 项目支出绩效自评表.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Evaluation {
    pub id: String,
    /// The template the form follows (its layout and scoring rules); the MOF 2020 form when
    /// absent.
    #[serde(skip_serializing_if = "TemplateId::is_default")]
    pub template: TemplateId,
    /// 项目名称
    #[serde(skip_serializing_if = "String::is_empty")]
    pub project_name: String,
    /// 主管部门
    #[serde(skip_serializing_if = "String::is_empty")]
    pub department: String,
    /// 实施单位
    #[serde(skip_serializing_if = "String::is_empty")]
    pub implementing_unit: String,
    /// 年度
    #[serde(skip_serializing_if = "String::is_empty")]
    pub year: String,
    pub funds: FundTable,
    pub level1_weights: Level1Weights,
    pub goal: OverallGoal,
    /// 三级指标 rows; their order within one 二级指标 group is the form's order.
    pub indicators: Vec<Indicator>,
    pub sign_off: SignOff,
    /// 总分 as printed on an imported form (a claim, compared with the computed total).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub claimed_total: String,
    /// 自评等级 as printed on an imported form (a claim, compared with the computed grade).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub claimed_grade: String,
    /// 备注: free text; an import puts here what it could not place in a field.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The finance bureau's 复核 (rows carry theirs in [`Indicator::review`]).
    #[serde(skip_serializing_if = "Review::is_empty")]
    pub review: Review,
    /// Milliseconds since the Unix epoch of the last edit (0 = unknown).
    pub updated_at: u64,
    /// Milliseconds since the Unix epoch of creation (0 = unknown).
    pub created_at: u64,
}

impl Evaluation {
    /// A fresh form with the given id and one empty row in each 一级指标's first group.
    pub fn new_blank(id: String, year: String, now_ms: u64) -> Evaluation {
        let indicators = Level1::STANDARD
            .iter()
            .enumerate()
            .map(|(i, l1)| Indicator {
                id: format!("{id}-r{i}"),
                level2: l1.groups()[0],
                ..Indicator::default()
            })
            .collect();
        Evaluation {
            id,
            year,
            indicators,
            created_at: now_ms,
            updated_at: now_ms,
            ..Evaluation::default()
        }
    }

    /// Whether the form says anything only the templates' format (version 3) can: a template
    /// other than the MOF 2020 form, or a field they added (docs/FORMAT.md).
    pub fn uses_templates(&self) -> bool {
        !self.template.is_default()
            || FundRowKind::ALL
                .iter()
                .any(|k| !FundRowKind::STANDARD.contains(k) && !self.funds.row(*k).is_blank())
            || Level1::ALL
                .iter()
                .any(|l| l.is_department() && !self.level1_weights.get(*l).trim().is_empty())
            || self.indicators.iter().any(|r| {
                r.core || !r.adjusted_target.is_empty() || r.level2.level1().is_department()
            })
    }

    /// Whether the finance bureau has reviewed anything of this form.
    pub fn has_review(&self) -> bool {
        !self.review.is_empty() || self.indicators.iter().any(|i| !i.review.is_empty())
    }

    pub fn indicator(&self, id: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.id == id)
    }

    pub fn indicator_mut(&mut self, id: &str) -> Option<&mut Indicator> {
        self.indicators.iter_mut().find(|i| i.id == id)
    }

    /// Rows of one 二级指标 group, in form order.
    pub fn rows_in(&self, group: Level2) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter().filter(move |i| i.level2 == group)
    }

    /// A row id not used yet in this evaluation.
    pub fn fresh_row_id(&self) -> String {
        let mut n = self.indicators.len();
        loop {
            let candidate = format!("{}-r{n}", self.id);
            if self.indicator(&candidate).is_none() {
                return candidate;
            }
            n += 1;
        }
    }

    /// Adds an empty row at the end of `group` and returns its id.
    pub fn add_row(&mut self, group: Level2) -> String {
        let id = self.fresh_row_id();
        let row = Indicator {
            id: id.clone(),
            level2: group,
            ..Indicator::default()
        };
        // insert after the last row of the same group, else after the last row of an earlier
        // group, so the vector stays in form order
        let pos = self
            .indicators
            .iter()
            .rposition(|i| i.level2 <= group)
            .map(|p| p + 1)
            .unwrap_or(0);
        self.indicators.insert(pos, row);
        id
    }

    /// Adds an empty row of `group` at the very end (a flat form's one list, in its order);
    /// returns its id.
    pub fn push_row(&mut self, group: Level2) -> String {
        let id = self.fresh_row_id();
        self.indicators.push(Indicator {
            id: id.clone(),
            level2: group,
            ..Indicator::default()
        });
        id
    }

    /// Adds rows read from elsewhere (a paste) at the end of their 二级指标 groups, in their
    /// order, with fresh ids; returns the ids.
    pub fn append_rows(&mut self, rows: Vec<Indicator>) -> Vec<String> {
        let mut ids = Vec::with_capacity(rows.len());
        for mut row in rows {
            let id = self.fresh_row_id();
            row.id = id.clone();
            let pos = self
                .indicators
                .iter()
                .rposition(|i| i.level2 <= row.level2)
                .map(|p| p + 1)
                .unwrap_or(0);
            self.indicators.insert(pos, row);
            ids.push(id);
        }
        ids
    }

    /// Removes a row; returns it with its position so it can be put back (undo).
    pub fn remove_row(&mut self, id: &str) -> Option<(usize, Indicator)> {
        let pos = self.indicators.iter().position(|i| i.id == id)?;
        Some((pos, self.indicators.remove(pos)))
    }

    /// Puts a removed row back where it was.
    pub fn restore_row(&mut self, pos: usize, row: Indicator) {
        let pos = pos.min(self.indicators.len());
        self.indicators.insert(pos, row);
    }

    /// Moves a row up (`-1`) or down (`+1`) within its 二级指标 group. Returns whether it moved.
    pub fn move_row(&mut self, id: &str, up: bool) -> bool {
        let Some(pos) = self.indicators.iter().position(|i| i.id == id) else {
            return false;
        };
        let group = self.indicators[pos].level2;
        let other = if up {
            self.indicators[..pos]
                .iter()
                .rposition(|i| i.level2 == group)
        } else {
            self.indicators[pos + 1..]
                .iter()
                .position(|i| i.level2 == group)
                .map(|p| p + pos + 1)
        };
        match other {
            Some(o) => {
                self.indicators.swap(pos, o);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(level2: Level2, name: &str) -> Indicator {
        Indicator {
            level2,
            name: name.into(),
            ..Indicator::default()
        }
    }

    #[test]
    fn pasted_rows_go_to_the_end_of_their_groups() {
        let mut e = Evaluation::new_blank("e".into(), "2024".into(), 0);
        e.indicators[0].name = "原有数量".into();
        let ids = e.append_rows(vec![
            row(Level2::ServiceSatisfaction, "满意度"),
            row(Level2::Quantity, "新增数量"),
            row(Level2::Quality, "新增质量"),
        ]);
        assert_eq!(ids.len(), 3);
        let order: Vec<(Level2, &str)> = e
            .indicators
            .iter()
            .map(|r| (r.level2, r.name.as_str()))
            .collect();
        assert_eq!(
            order,
            [
                (Level2::Quantity, "原有数量"),
                (Level2::Quantity, "新增数量"),
                (Level2::Quality, "新增质量"),
                (Level2::Economic, ""),
                (Level2::ServiceSatisfaction, ""),
                (Level2::ServiceSatisfaction, "满意度"),
            ]
        );
        // ids are fresh and unique
        let mut all: Vec<&str> = e.indicators.iter().map(|r| r.id.as_str()).collect();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), e.indicators.len());
    }
}
