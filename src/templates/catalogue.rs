//! The common indicators of the department-wide forms (财预〔2013〕53号《预算绩效评价共性指标体系
//! 框架》, 部门整体支出), as data: the rows a new department form of a template starts with, where each
//! goes, its usual target, and which figure of the department's own data (RULES.md R7) gives its
//! actual value, so the clerk does not type it twice (`super::department`).

use crate::model::{Indicator, Level2, TemplateId};

/// One common indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CommonIndicator {
    pub name: &'static str,
    /// The usual target ("" where each department sets its own). Reverse ratios carry ≤.
    pub target: &'static str,
    /// Its group on the form grouped 部门决策 / 部门管理 / 部门绩效 (53号's own grouping).
    pub framework: Level2,
    /// Its group on a form grouped 产出 / 效益 / 满意度.
    pub standard: Level2,
    /// Its weight on the 重庆 form ("" where the 重庆 form does not list it).
    pub chongqing_weight: &'static str,
    /// The key of the R7 figure (`rules::assess_department`) that is its actual value.
    pub figure: Option<&'static str>,
}

const fn c(
    name: &'static str,
    target: &'static str,
    framework: Level2,
    standard: Level2,
    chongqing_weight: &'static str,
    figure: Option<&'static str>,
) -> CommonIndicator {
    CommonIndicator {
        name,
        target,
        framework,
        standard,
        chongqing_weight,
        figure,
    }
}

use Level2::*;

/// 53号 附件 部门整体支出绩效评价共性指标体系框架, in its order (docs/TEMPLATES.md T6), and the
/// rows of the 2021 重庆 form that are not in it (T7). Weights only where a real form gives them.
pub const COMMON: [CommonIndicator; 27] = [
    c("绩效目标合理性", "合理", GoalSetting, Quality, "", None),
    c("绩效指标明确性", "明确", GoalSetting, Quality, "", None),
    c(
        "在职人员控制率",
        "≤100%",
        BudgetAllocation,
        Cost,
        "2",
        Some("staff.control_rate"),
    ),
    c("“三公”经费变动率", "≤0%", BudgetAllocation, Cost, "2", None),
    c("重点支出安排率", "", BudgetAllocation, Quality, "", None),
    c("预算完成率", "", BudgetExecution, Quality, "2", None),
    c("预算调整率", "", BudgetExecution, Quality, "2", None),
    c("支付进度率", "", BudgetExecution, Timeliness, "", None),
    c("结转结余率", "", BudgetExecution, Quality, "2", None),
    c("结转结余变动率", "", BudgetExecution, Quality, "", None),
    c("公用经费控制率", "≤100%", BudgetExecution, Cost, "2", None),
    c(
        "“三公”经费控制率",
        "≤100%",
        BudgetExecution,
        Cost,
        "2",
        Some("three_public.total.rate"),
    ),
    c(
        "政府采购执行率",
        "",
        BudgetExecution,
        Quality,
        "2",
        Some("procurement.rate"),
    ),
    c(
        "管理制度健全性",
        "健全",
        BudgetManagement,
        Quality,
        "3",
        None,
    ),
    c(
        "资金使用合规性",
        "合规",
        BudgetManagement,
        Quality,
        "5",
        None,
    ),
    c(
        "预决算信息公开性",
        "按规定公开",
        BudgetManagement,
        Quality,
        "1",
        None,
    ),
    c(
        "基础信息完善性",
        "完善",
        BudgetManagement,
        Quality,
        "1",
        None,
    ),
    c(
        "资产管理安全性",
        "安全",
        AssetManagement,
        Quality,
        "2",
        None,
    ),
    c(
        "固定资产利用率",
        "",
        AssetManagement,
        Quality,
        "2",
        Some("assets.fixed_usage"),
    ),
    c("实际完成率", "", DutyPerformance, Quantity, "", None),
    c("完成及时率", "", DutyPerformance, Timeliness, "", None),
    c("质量达标率", "", DutyPerformance, Quality, "", None),
    c("重点工作办结率", "", DutyPerformance, Quantity, "", None),
    c("经济效益", "", DutyBenefit, Economic, "", None),
    c("社会效益", "", DutyBenefit, Social, "", None),
    c("生态效益", "", DutyBenefit, Ecological, "", None),
    c(
        "社会公众或服务对象满意度",
        "",
        DutyBenefit,
        ServiceSatisfaction,
        "",
        None,
    ),
];

impl CommonIndicator {
    /// Its group on a form of template `t`.
    pub fn group(&self, t: TemplateId) -> Level2 {
        let tpl = super::template(t);
        if tpl.indicators.flat {
            // one list: every row where a new row of the form goes
            tpl.indicators.level1[0].0.groups()[0]
        } else if t == TemplateId::DepartmentFramework {
            self.framework
        } else {
            self.standard
        }
    }

    /// A row for a form of template `t` (ids are given when it is added).
    pub fn row(&self, t: TemplateId) -> Indicator {
        Indicator {
            level2: self.group(t),
            name: self.name.into(),
            target: self.target.into(),
            weight: if t == TemplateId::ChongqingDepartment {
                self.chongqing_weight.into()
            } else {
                String::new()
            },
            ..Indicator::default()
        }
    }

    /// The catalogue entry of an indicator named `name` (as forms write it: 财政供养人员控制率 is
    /// the 在职人员控制率, "三公"经费 with any quotes).
    pub fn find(name: &str) -> Option<&'static CommonIndicator> {
        let key = squeeze(name);
        let key = key.replace("财政供养人员", "在职人员");
        COMMON.iter().find(|c| squeeze(c.name) == key)
    }
}

/// A name without spaces or quotes, for comparing names as forms write them.
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’'))
        .collect()
}

/// The common indicators a new form of template `t` starts with: all of 53号 on the form grouped
/// by it, the 重庆 form's own list there, none on the others (the clerk adds them from the list).
pub fn common_indicators(t: TemplateId) -> Vec<&'static CommonIndicator> {
    match t {
        TemplateId::DepartmentFramework => COMMON.iter().collect(),
        TemplateId::ChongqingDepartment => COMMON
            .iter()
            .filter(|c| !c.chongqing_weight.is_empty())
            .collect(),
        _ => Vec::new(),
    }
}
