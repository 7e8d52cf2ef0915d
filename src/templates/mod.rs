//! Templates: the provinces' own layouts and rules, as data. A form names its template
//! ([`TemplateId`]); everything that differs between templates — the scoring rules
//! ([`Scheme`], read by the rules engine), the fund table's rows, sums and columns, the indicator
//! table's columns, their order and labels, the 一级 groups and their default weights, the rows a
//! new form starts with — is read from the [`Template`] here, never decided by branches in the
//! views. docs/TEMPLATES.md states each template with its sources.

mod catalogue;
pub mod department;
mod split;
mod switch;

pub use catalogue::{common_indicators, CommonIndicator};
pub use split::{join_target, split_target, SplitTarget, QUALITATIVE_NATURE};
pub use switch::{preview_switch, Switch, SwitchNote};

use crate::model::{Evaluation, FundRowKind, Indicator, Level1, Level1Weights, TemplateId};
use crate::rules::Scheme;

/// One template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: TemplateId,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    /// Where it is used and on what it rests, in a line.
    pub basis_zh: &'static str,
    pub basis_en: &'static str,
    /// The printed title (…年度 before it).
    pub title_zh: &'static str,
    pub scheme: Scheme,
    pub funds: FundLayout,
    pub goal: GoalLayout,
    pub indicators: IndicatorLayout,
}

/// The fund table as the paper form prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundLayout {
    /// The block's label (项目资金（万元）, 预算执行情况（万元）).
    pub heading_zh: &'static str,
    /// The rows printed, the total first; a row the form does not print is still shown when it
    /// holds something (an imported or switched form keeps what was typed).
    pub rows: &'static [FundRowKind],
    /// Labels where the form's differ from the rows' names (年度财政资金总额, 其中：一般公共预算).
    pub labels: &'static [(FundRowKind, &'static str)],
    /// Groups of rows that add up to the total, column by column (RULES.md R2 for the MOF
    /// form's three sub-rows; by income and by spending nature on the department form).
    pub sums: &'static [&'static [FundRowKind]],
    /// Whether the 年初预算数 column is printed, and its label.
    pub initial_budget: Option<&'static str>,
    pub budget_zh: &'static str,
    pub executed_zh: &'static str,
    pub weight_zh: &'static str,
    pub rate_zh: &'static str,
    pub score_zh: &'static str,
}

/// The 年度总体目标 block's labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalLayout {
    pub heading_zh: &'static str,
    pub expected_zh: &'static str,
    pub achieved_zh: &'static str,
}

/// A column of the indicator table (after the 一级 and 二级 columns of a grouped form).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 三级指标 / 指标名称
    Name,
    /// 指标性质 as the target's operator (≥ ≤ = 定性): the target split (云南, 四川).
    Operator,
    /// The target: the whole text, or what the operator and unit columns leave of it.
    Target,
    /// 度量单位 / 计量单位: the target's unit.
    Unit,
    /// 指标性质 as 定量 / 定性 (重庆).
    Nature,
    /// 调整指标值
    AdjustedTarget,
    /// 实际完成值
    Actual,
    /// 得分系数（%）: score ÷ weight.
    Coefficient,
    /// 分值 / 权重
    Weight,
    /// 得分
    Score,
    /// 是否核心指标
    Core,
    /// 偏差原因分析及改进措施 / 未完成原因分析
    Reason,
}

impl Column {
    /// The label of the MOF 2020 form (or the usual one where that form has no such column).
    pub fn default_zh(self) -> &'static str {
        match self {
            Column::Name => "三级指标",
            Column::Operator => "指标性质",
            Column::Target => "年度指标值",
            Column::Unit => "度量单位",
            Column::Nature => "指标性质",
            Column::AdjustedTarget => "调整指标值",
            Column::Actual => "实际完成值",
            Column::Coefficient => "得分系数（%）",
            Column::Weight => "分值",
            Column::Score => "得分",
            Column::Core => "是否核心指标",
            Column::Reason => "偏差原因分析及改进措施",
        }
    }
}

/// The indicator table as the paper form prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorLayout {
    /// One list without 一级 and 二级 columns (重庆).
    pub flat: bool,
    /// The columns in printed order.
    pub columns: &'static [Column],
    /// Labels where the form's differ from [`Column::default_zh`].
    pub labels: &'static [(Column, &'static str)],
    /// The 一级 groups printed, in order, with the weight a new form gives each ("" where the
    /// form prints none).
    pub level1: &'static [(Level1, &'static str)],
}

impl IndicatorLayout {
    pub fn has(&self, c: Column) -> bool {
        self.columns.contains(&c)
    }
    pub fn label(&self, c: Column) -> &'static str {
        self.labels
            .iter()
            .find(|(x, _)| *x == c)
            .map_or_else(|| c.default_zh(), |(_, l)| l)
    }
    /// Whether the target shows in more than one column (operator or unit apart).
    pub fn split_target(&self) -> bool {
        self.has(Column::Operator) || self.has(Column::Unit)
    }
}

/// The 一级 groups of the MOF 2020 form with its weights (RULES.md R1).
const STANDARD_LEVEL1: [(Level1, &str); 3] = [
    (Level1::Output, "50"),
    (Level1::Benefit, "30"),
    (Level1::Satisfaction, "10"),
];
/// The same groups where the form prints no 一级 weights (points sit on rows).
const UNWEIGHTED_LEVEL1: [(Level1, &str); 3] = [
    (Level1::Output, ""),
    (Level1::Benefit, ""),
    (Level1::Satisfaction, ""),
];

/// The MOF 2020 form's fund table.
const MOF_FUNDS: FundLayout = FundLayout {
    heading_zh: "项目资金（万元）",
    rows: &FundRowKind::STANDARD,
    labels: &[],
    sums: &[&[
        FundRowKind::CurrentYear,
        FundRowKind::CarriedOver,
        FundRowKind::Other,
    ]],
    initial_budget: Some("年初预算数"),
    budget_zh: "全年预算数",
    executed_zh: "全年执行数",
    weight_zh: "分值",
    rate_zh: "执行率",
    score_zh: "得分",
};

const MOF_GOAL: GoalLayout = GoalLayout {
    heading_zh: "年度总体目标",
    expected_zh: "预期目标",
    achieved_zh: "实际完成情况",
};

const MOF_COLUMNS: [Column; 6] = [
    Column::Name,
    Column::Target,
    Column::Actual,
    Column::Weight,
    Column::Score,
    Column::Reason,
];

const SPLIT_COLUMNS: [Column; 8] = [
    Column::Name,
    Column::Operator,
    Column::Target,
    Column::Unit,
    Column::Actual,
    Column::Weight,
    Column::Score,
    Column::Reason,
];

/// The MOF 2020 form's indicator table.
const MOF_INDICATORS: IndicatorLayout = IndicatorLayout {
    flat: false,
    columns: &MOF_COLUMNS,
    labels: &[],
    level1: &STANDARD_LEVEL1,
};

/// The department-wide form's fund table: the total, then by income nature and by spending
/// nature (湖南 2023 部门整体支出绩效自评表).
const DEPARTMENT_FUNDS: FundLayout = FundLayout {
    heading_zh: "预算资金（万元）",
    rows: &[
        FundRowKind::Total,
        FundRowKind::GeneralBudget,
        FundRowKind::GovernmentFund,
        FundRowKind::SpecialAccount,
        FundRowKind::Other,
        FundRowKind::Basic,
        FundRowKind::Project,
    ],
    labels: &[
        (FundRowKind::GeneralBudget, "按收入性质分：一般公共预算"),
        (FundRowKind::GovernmentFund, "政府性基金拨款"),
        (FundRowKind::SpecialAccount, "纳入专户管理的非税收入拨款"),
        (FundRowKind::Basic, "按支出性质分：基本支出"),
    ],
    sums: &[
        &[
            FundRowKind::GeneralBudget,
            FundRowKind::GovernmentFund,
            FundRowKind::SpecialAccount,
            FundRowKind::Other,
        ],
        &[FundRowKind::Basic, FundRowKind::Project],
    ],
    ..MOF_FUNDS
};

/// The templates, the default first; project forms, then department forms.
pub const TEMPLATES: [Template; 7] = [
    Template {
        id: TemplateId::Mof2020,
        name_zh: "财政部2020年项目支出绩效自评表（默认）",
        name_en: "MOF 2020 project self-evaluation form (default)",
        basis_zh: "财预〔2020〕10号附件；RULES.md R1–R6",
        basis_en: "MOF 财预〔2020〕10号, annex; RULES.md R1–R6",
        title_zh: "项目支出绩效自评表",
        scheme: Scheme::MOF_2020,
        funds: MOF_FUNDS,
        goal: MOF_GOAL,
        indicators: MOF_INDICATORS,
    },
    Template {
        id: TemplateId::Hubei2020,
        name_zh: "湖北省2020年项目支出绩效自评表",
        name_en: "Hubei 2020 project self-evaluation form",
        basis_zh: "湖北省项目支出绩效自评表（2020）：预算执行情况20分（20分×执行率），反向指标按目标值÷实际值计分，定性档次80%／50%",
        basis_en: "Hubei 2020 form: execution 20 points (20 × rate), reverse indicators W × T / A, qualitative bands 80 % / 50 %",
        title_zh: "项目支出绩效自评表",
        scheme: Scheme::HUBEI_2020,
        funds: FundLayout {
            heading_zh: "预算执行情况（万元）",
            rows: &[FundRowKind::Total],
            labels: &[(FundRowKind::Total, "年度财政资金总额")],
            sums: &[],
            initial_budget: None,
            budget_zh: "预算数（A）",
            executed_zh: "执行数（B）",
            weight_zh: "分值",
            rate_zh: "执行率（B/A）",
            score_zh: "得分",
        },
        goal: MOF_GOAL,
        indicators: IndicatorLayout {
            flat: false,
            columns: &MOF_COLUMNS,
            labels: &[
                (Column::Target, "年初目标值（A）"),
                (Column::Actual, "实际完成值（B）"),
            ],
            level1: &UNWEIGHTED_LEVEL1,
        },
    },
    Template {
        id: TemplateId::SplitTarget,
        name_zh: "指标值分栏的项目支出绩效自评表（云南式）",
        name_en: "Project form with the target split in three columns (Yunnan)",
        basis_zh: "云南等地的项目支出绩效自评表：指标性质｜指标值｜度量单位分栏，评分同财预〔2020〕10号",
        basis_en: "Yunnan forms: 指标性质 | 指标值 | 度量单位 columns, scored as MOF 2020",
        title_zh: "项目支出绩效自评表",
        scheme: Scheme::MOF_2020,
        funds: MOF_FUNDS,
        goal: MOF_GOAL,
        indicators: IndicatorLayout {
            flat: false,
            columns: &SPLIT_COLUMNS,
            labels: &[(Column::Target, "指标值")],
            level1: &STANDARD_LEVEL1,
        },
    },
    Template {
        id: TemplateId::Sichuan2023,
        name_zh: "四川省部门预算项目支出绩效自评表（2023）",
        name_en: "Sichuan 2023 project self-evaluation form",
        basis_zh: "四川省部门预算项目支出绩效自评表（报表编号510000_0013zp）：资金按来源分列，预算执行10分、绩效指标90分，指标性质｜指标值｜度量单位分栏",
        basis_en: "Sichuan 2023 form (510000_0013zp): funds by source, execution 10 and indicators 90 points, the target split",
        title_zh: "部门预算项目支出绩效自评表",
        scheme: Scheme::MOF_2020,
        funds: FundLayout {
            heading_zh: "年度预算数（万元）",
            rows: &[
                FundRowKind::Total,
                FundRowKind::Fiscal,
                FundRowKind::SpecialAccount,
                FundRowKind::UnitFunds,
                FundRowKind::Other,
            ],
            labels: &[(FundRowKind::Total, "总额")],
            sums: &[&[
                FundRowKind::Fiscal,
                FundRowKind::SpecialAccount,
                FundRowKind::UnitFunds,
                FundRowKind::Other,
            ]],
            initial_budget: Some("年初预算"),
            budget_zh: "调整后预算数",
            executed_zh: "预算执行数",
            weight_zh: "权重",
            rate_zh: "预算执行率",
            score_zh: "得分",
        },
        goal: GoalLayout {
            heading_zh: "项目年度目标完成情况",
            expected_zh: "项目年度目标",
            achieved_zh: "年度目标完成情况",
        },
        indicators: IndicatorLayout {
            flat: false,
            columns: &SPLIT_COLUMNS,
            labels: &[
                (Column::Target, "指标值"),
                (Column::Actual, "完成值"),
                (Column::Weight, "权重"),
                (Column::Reason, "未完成原因分析"),
            ],
            level1: &UNWEIGHTED_LEVEL1,
        },
    },
    Template {
        id: TemplateId::Department,
        name_zh: "部门整体支出绩效自评表",
        name_en: "Department-wide self-evaluation form",
        basis_zh: "各省通用的部门整体支出绩效自评表（如湖南2023）：资金按收入性质、支出性质分列，产出50、效益30、满意度10、预算执行10分，评分同财预〔2020〕10号",
        basis_en: "The department-wide form most provinces use (e.g. Hunan 2023): funds by income and spending nature; output 50, benefit 30, satisfaction 10, execution 10; MOF 2020 rules",
        title_zh: "部门整体支出绩效自评表",
        scheme: Scheme::DEPARTMENT,
        funds: DEPARTMENT_FUNDS,
        goal: MOF_GOAL,
        indicators: MOF_INDICATORS,
    },
    Template {
        id: TemplateId::DepartmentFramework,
        name_zh: "部门整体支出绩效自评表（部门决策、部门管理、部门绩效）",
        name_en: "Department-wide form grouped by decision, management and performance",
        basis_zh: "财预〔2013〕53号部门整体支出共性指标，按部门决策25、部门管理30、部门绩效45分组（如四川达州）；预算执行以预算完成率等指标计分",
        basis_en: "MOF 财预〔2013〕53号 common indicators grouped decision 25 / management 30 / performance 45 (e.g. Dazhou, Sichuan); execution scored as indicators",
        title_zh: "部门整体支出绩效自评表",
        scheme: Scheme::DEPARTMENT_FRAMEWORK,
        funds: DEPARTMENT_FUNDS,
        goal: MOF_GOAL,
        indicators: IndicatorLayout {
            flat: false,
            columns: &MOF_COLUMNS,
            labels: &[],
            level1: &[
                (Level1::Decision, "25"),
                (Level1::Management, "30"),
                (Level1::Performance, "45"),
            ],
        },
    },
    Template {
        id: TemplateId::ChongqingDepartment,
        name_zh: "重庆市部门整体绩效自评表",
        name_en: "Chongqing department-wide self-evaluation form",
        basis_zh: "重庆市部门整体绩效自评表：指标一表列出，计量单位、调整指标值、得分系数、是否核心指标；执行率×执行率权重",
        basis_en: "Chongqing department form: one list of indicators with unit, adjusted target, score coefficient, core flag; execution rate × its weight",
        title_zh: "部门整体绩效自评表",
        scheme: Scheme::CHONGQING,
        funds: FundLayout {
            heading_zh: "部门预算执行情况（万元）",
            rows: &[FundRowKind::Total],
            labels: &[],
            sums: &[],
            initial_budget: Some("年初预算数"),
            budget_zh: "全年（调整）预算数",
            executed_zh: "全年执行数",
            weight_zh: "执行率权重",
            rate_zh: "执行率",
            score_zh: "执行率得分（分）",
        },
        goal: GoalLayout {
            heading_zh: "当年绩效目标",
            expected_zh: "年初绩效目标",
            achieved_zh: "全年目标实际完成情况",
        },
        indicators: IndicatorLayout {
            flat: true,
            columns: &[
                Column::Name,
                Column::Unit,
                Column::Nature,
                Column::Target,
                Column::AdjustedTarget,
                Column::Actual,
                Column::Coefficient,
                Column::Weight,
                Column::Score,
                Column::Core,
                Column::Reason,
            ],
            labels: &[
                (Column::Name, "指标名称"),
                (Column::Unit, "计量单位"),
                (Column::Target, "年初指标值"),
                (Column::Actual, "全年完成值"),
                (Column::Weight, "指标权重（分）"),
                (Column::Score, "指标得分（分）"),
                (Column::Reason, "未完成原因"),
            ],
            level1: &UNWEIGHTED_LEVEL1,
        },
    },
];

/// The template of `id`.
pub fn template(id: TemplateId) -> &'static Template {
    let i = TemplateId::ALL.iter().position(|t| *t == id).unwrap_or(0);
    &TEMPLATES[i]
}

impl Template {
    /// The 一级指标 weights a new form of this template starts with.
    pub fn level1_weights(&self) -> Level1Weights {
        let mut w = Level1Weights {
            output: String::new(),
            benefit: String::new(),
            satisfaction: String::new(),
            ..Level1Weights::default()
        };
        for (l, weight) in self.indicators.level1 {
            *w.get_mut(*l) = weight.to_string();
        }
        w
    }

    /// The 预算执行率 分值 as a new form of this template shows it ("" where it has none).
    pub fn execution_weight(&self) -> String {
        self.scheme
            .execution_weight
            .map(|w| w.normalize().to_string())
            .unwrap_or_default()
    }

    /// The fund row's label on this form.
    pub fn fund_label(&self, kind: FundRowKind) -> &'static str {
        self.funds
            .labels
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or_else(|| kind.name_zh(), |(_, l)| l)
    }

    /// Whether the form shows this fund row: the template prints it, or it holds something.
    pub fn shows_fund_row(&self, e: &Evaluation, kind: FundRowKind) -> bool {
        kind == FundRowKind::Total
            || self.funds.rows.contains(&kind)
            || !e.funds.row(kind).is_blank()
    }

    /// The fund rows shown, in the template's order and then any other that holds something.
    pub fn fund_rows(&self, e: &Evaluation) -> Vec<FundRowKind> {
        let mut rows: Vec<FundRowKind> = self.funds.rows.to_vec();
        for k in FundRowKind::ALL {
            if !rows.contains(&k) && self.shows_fund_row(e, k) {
                rows.push(k);
            }
        }
        rows
    }

    /// Whether the form shows the 年初预算数 column: the template prints it, or a row holds one.
    pub fn shows_initial_budget(&self, e: &Evaluation) -> bool {
        self.funds.initial_budget.is_some()
            || FundRowKind::ALL
                .iter()
                .any(|k| !e.funds.row(*k).initial_budget.trim().is_empty())
    }

    /// Whether the fund table has a score: the template scores execution there, or the clerk
    /// typed a weight.
    pub fn shows_execution_score(&self, e: &Evaluation) -> bool {
        self.scheme.execution_weight.is_some() || !e.funds.weight.trim().is_empty()
    }

    /// The 一级 groups shown, in order: the template's, then any other that holds a row.
    pub fn level1_groups(&self, e: &Evaluation) -> Vec<Level1> {
        let mut groups: Vec<Level1> = self.indicators.level1.iter().map(|(l, _)| *l).collect();
        for l in Level1::ALL {
            if !groups.contains(&l) && e.indicators.iter().any(|r| r.level2.level1() == l) {
                groups.push(l);
            }
        }
        groups
    }

    /// The indicator columns shown: the template's, and a column it does not print while a row
    /// holds something there (no template hides what was typed).
    pub fn columns(&self, e: &Evaluation) -> Vec<Column> {
        let mut cols = self.indicators.columns.to_vec();
        let holds = |f: fn(&Indicator) -> bool| e.indicators.iter().any(f);
        for (c, held) in [
            (
                Column::AdjustedTarget,
                holds(|r| !r.adjusted_target.trim().is_empty()),
            ),
            (Column::Core, holds(|r| r.core)),
        ] {
            if held && !cols.contains(&c) {
                let at = cols
                    .iter()
                    .position(|x| *x == Column::Reason)
                    .unwrap_or(cols.len());
                cols.insert(at, c);
            }
        }
        cols
    }

    pub fn name(&self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::Zh => self.name_zh,
            crate::i18n::Lang::En => self.name_en,
        }
    }

    pub fn basis(&self, lang: crate::i18n::Lang) -> &'static str {
        match lang {
            crate::i18n::Lang::Zh => self.basis_zh,
            crate::i18n::Lang::En => self.basis_en,
        }
    }
}

/// A blank form of `id`'s template: its execution weight, its 一级 weights, one empty row in
/// the first group of each 一级 it prints, and on department forms the common indicators
/// (财预〔2013〕53号) the template lists.
pub fn new_form(id: String, year: String, now_ms: u64, t: TemplateId) -> Evaluation {
    let mut e = Evaluation::new_blank(id, year, now_ms);
    let tpl = template(t);
    e.template = t;
    e.funds.weight = tpl.execution_weight();
    e.level1_weights = tpl.level1_weights();
    let common = common_indicators(t);
    e.indicators.clear();
    if tpl.indicators.flat {
        e.append_rows(common.iter().map(|c| c.row(t)).collect());
        e.add_row(tpl.indicators.level1[0].0.groups()[0]);
    } else {
        for (l1, _) in tpl.indicators.level1 {
            let rows: Vec<Indicator> = common
                .iter()
                .filter(|c| c.group(t).level1() == *l1)
                .map(|c| c.row(t))
                .collect();
            if rows.is_empty() {
                e.add_row(l1.groups()[0]);
            } else {
                e.append_rows(rows);
            }
        }
    }
    e
}

/// What the list and the headings call a form: the project's name, or the department form's
/// title.
pub fn form_title(e: &Evaluation) -> String {
    if e.template.is_department() {
        template(e.template).title_zh.to_string()
    } else {
        e.project_name.trim().to_string()
    }
}

#[cfg(test)]
mod tests;
