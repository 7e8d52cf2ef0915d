//! The words forms use for their fields, in the spellings real forms print. The recogniser finds
//! a form by these labels, never by fixed positions, so a province's own column order or extra
//! columns do not matter.

use crate::model::{FundColumn, FundRowKind, Level1, Level2};
use crate::parse::normalize;

thread_local! {
    /// `key` and `bare` of texts seen recently: every cell goes through a dozen label tests,
    /// and folding its text once instead of a dozen times is most of a file's reading time.
    static FOLDED: std::cell::RefCell<std::collections::HashMap<String, (String, String)>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// `key` and `bare` of a text, remembered.
fn folded(text: &str) -> (String, String) {
    // long texts (goals, reasons) are never labels: not worth remembering
    if text.len() > 96 {
        let k = fold(text);
        let b = strip_brackets(&k);
        return (k, b);
    }
    FOLDED.with(|m| {
        let mut m = m.borrow_mut();
        if let Some(v) = m.get(text) {
            return v.clone();
        }
        if m.len() > 20_000 {
            m.clear();
        }
        let k = fold(text);
        let b = strip_brackets(&k);
        m.insert(text.to_string(), (k.clone(), b.clone()));
        (k, b)
    })
}

/// A cell's text folded for matching: no white space, full-width forms folded, `【】〔〕` as
/// brackets, and a trailing colon dropped.
pub fn key(text: &str) -> String {
    folded(text).0
}

fn fold(text: &str) -> String {
    let mut k: String = normalize(text)
        .chars()
        .map(|c| match c {
            '【' | '〔' | '［' => '[',
            '】' | '〕' | '］' => ']',
            '“' | '”' | '"' => '"',
            c => c,
        })
        .collect();
    while k.ends_with(':') {
        k.pop();
    }
    k
}

/// `key` without bracketed parts: `项目资金(万元)` → `项目资金`, `产出指标(50分)` → `产出指标`.
pub fn bare(text: &str) -> String {
    folded(text).1
}

fn strip_brackets(k: &str) -> String {
    let mut out = String::with_capacity(k.len());
    let mut depth = 0usize;
    for c in k.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Header fields of a project form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderLabel {
    ProjectName,
    Department,
    ImplementingUnit,
    Year,
}

/// Labels of the header fields. Longer spellings first where one contains another.
const HEADER_LABELS: &[(&str, HeaderLabel)] = &[
    ("项目支出名称", HeaderLabel::ProjectName),
    ("项目(资金)名称", HeaderLabel::ProjectName),
    ("项目资金名称", HeaderLabel::ProjectName),
    ("专项资金名称", HeaderLabel::ProjectName),
    ("政策(项目)名称", HeaderLabel::ProjectName),
    ("项目名称", HeaderLabel::ProjectName),
    ("专项名称", HeaderLabel::ProjectName),
    ("预算部门、单位名称", HeaderLabel::Department),
    ("部门(单位)名称", HeaderLabel::Department),
    ("单位(部门)名称", HeaderLabel::Department),
    ("部门名称", HeaderLabel::Department),
    ("主管部门(单位)", HeaderLabel::Department),
    ("主管部门", HeaderLabel::Department),
    ("主管单位", HeaderLabel::Department),
    ("预算部门", HeaderLabel::Department),
    ("项目实施单位", HeaderLabel::ImplementingUnit),
    ("实施单位", HeaderLabel::ImplementingUnit),
    ("预算单位", HeaderLabel::ImplementingUnit),
    ("项目单位", HeaderLabel::ImplementingUnit),
    ("单位名称", HeaderLabel::ImplementingUnit),
    ("评价年度", HeaderLabel::Year),
    ("所属年度", HeaderLabel::Year),
    ("项目年度", HeaderLabel::Year),
    ("年度", HeaderLabel::Year),
];

/// The header field a cell labels, and any value written after the label in the same cell
/// (`项目名称：招商引资`).
pub fn header_label(text: &str) -> Option<(HeaderLabel, String)> {
    let k = key(text);
    for (label, field) in HEADER_LABELS {
        if let Some(rest) = k.strip_prefix(label) {
            // "实施单位(盖章)" is still the label; "年度资金总额" is not 年度
            let rest = strip_bracketed(rest);
            if rest.is_empty() {
                return Some((*field, String::new()));
            }
            if let Some(value) = rest.strip_prefix(':') {
                // the value keeps its own spacing: take it from the original text
                let original = text.trim();
                let value_original = original
                    .split_once(['：', ':'])
                    .map(|(_, v)| v.trim().to_string())
                    .unwrap_or_else(|| value.to_string());
                return Some((*field, value_original));
            }
        }
    }
    None
}

fn strip_bracketed(s: &str) -> &str {
    let mut s = s;
    while let Some(rest) = s.strip_prefix('(') {
        match rest.find(')') {
            Some(end) => s = &rest[end + 1..],
            None => return s,
        }
    }
    s
}

/// A column of the fund table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FundCol {
    Amount(FundColumn),
    Weight,
    Rate,
    Score,
}

/// What a fund-table header cell names, and how specific the title is: a generic `年度预算数`
/// (which some forms print over the row labels) gives way to `调整后预算数` in the same row.
pub fn fund_column_ranked(text: &str) -> Option<(FundCol, u8)> {
    let col = fund_column(text)?;
    let b = bare(text);
    let generic = matches!(
        b.as_str(),
        "年度预算数" | "年度预算" | "预算数" | "预算金额" | "年度预算申请"
    ) && col == FundCol::Amount(FundColumn::AnnualBudget);
    Some((col, if generic { 0 } else { 1 }))
}

/// What a fund-table header cell names.
pub fn fund_column(text: &str) -> Option<FundCol> {
    let k = bare(text);
    let k = k.trim_end_matches(['A', 'B', 'a', 'b']);
    if k.is_empty() {
        return None;
    }
    let has = |w: &str| k.contains(w);
    // 执行率权重 / 执行率得分 (重庆) name the weight and the score, not the rate
    if k == "执行率权重" || k == "执行率分值" {
        return Some(FundCol::Weight);
    }
    if k == "执行率得分" {
        return Some(FundCol::Score);
    }
    if has("执行率") {
        return Some(FundCol::Rate);
    }
    if k == "分值" || k == "权重" || k == "分数" {
        return Some(FundCol::Weight);
    }
    if k == "得分" || k == "自评得分" || k == "评分" {
        return Some(FundCol::Score);
    }
    if has("年初预算") || has("年初批复") || k == "年初数" {
        return Some(FundCol::Amount(FundColumn::InitialBudget));
    }
    if has("全年预算")
        || has("调整后预算")
        || has("预算调整后")
        || has("全年批复")
        || has("年度预算")
        || k == "预算数"
        || k == "预算金额"
        || k == "批复数"
    {
        return Some(FundCol::Amount(FundColumn::AnnualBudget));
    }
    if has("执行数")
        || has("实际支出")
        || has("实际执行")
        || has("支出数")
        || has("决算数")
        || has("已支出")
        || k == "执行金额"
    {
        return Some(FundCol::Amount(FundColumn::Executed));
    }
    None
}

/// The fund-table row a label names: the MOF form's four, the 四川 rows by source, the department
/// form's rows by income nature (一般公共预算 …) and by spending nature (基本支出, 项目支出).
pub fn fund_row(text: &str) -> Option<FundRowKind> {
    let k = bare(text);
    // "其中：", "按收入性质分：", "按支出性质分：" lead the first row of a group
    let k = k.trim_start_matches("其中").trim_start_matches(':');
    let k = k
        .strip_prefix("按收入性质分")
        .or_else(|| k.strip_prefix("按支出性质分"))
        .map(|r| {
            r.trim_start_matches(':')
                .trim_start_matches("其中")
                .trim_start_matches(':')
        })
        .unwrap_or(k);
    if k.is_empty() {
        return None;
    }
    let has = |w: &str| k.contains(w);
    if has("资金总额") || has("资金合计") || k == "合计" || k == "总计" || k == "总额"
    {
        return Some(FundRowKind::Total);
    }
    if has("结转") || has("结余") {
        return Some(FundRowKind::CarriedOver);
    }
    if has("一般公共预算") {
        return Some(FundRowKind::GeneralBudget);
    }
    if has("政府性基金") {
        return Some(FundRowKind::GovernmentFund);
    }
    if has("专户") || has("非税收入") {
        return Some(FundRowKind::SpecialAccount);
    }
    if k == "财政资金" {
        return Some(FundRowKind::Fiscal);
    }
    if has("财政拨款") || has("财政资金") || has("本级资金") || has("当年拨款") {
        return Some(FundRowKind::CurrentYear);
    }
    if k == "单位资金" {
        return Some(FundRowKind::UnitFunds);
    }
    if k == "基本支出" || k == "基本支出合计" {
        return Some(FundRowKind::Basic);
    }
    if k == "项目支出" || k == "项目支出合计" {
        return Some(FundRowKind::Project);
    }
    if k == "其他资金" || k == "其他" || k == "其他来源" || k == "自筹资金" || k == "单位自有资金"
    {
        return Some(FundRowKind::Other);
    }
    None
}

/// Whether a cell is the label of the fund table's block (`项目资金(万元)`, `预算执行情况`).
pub fn is_fund_block_label(text: &str) -> bool {
    let k = bare(text);
    matches!(
        k.as_str(),
        "项目资金"
            | "资金情况"
            | "预算执行情况"
            | "资金投入情况"
            | "项目资金情况"
            | "预算执行率"
            | "预算资金"
            | "部门预算执行情况"
            | "年度预算申请"
            | "年度预算数"
    ) || k.starts_with("项目资金")
}

/// The unit of amounts a header states: `(万元)`, `（元）`.
pub fn amount_unit(text: &str) -> Option<&'static str> {
    let k = key(text);
    if k.contains("(万元)") || k.contains("单位:万元") || k.contains("单位万元") {
        Some("万元")
    } else if k.contains("(元)") || k.contains("单位:元") {
        Some("元")
    } else {
        None
    }
}

/// A column of the indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum IndCol {
    Level1,
    Level2,
    Name,
    Target,
    Actual,
    Weight,
    Claimed,
    Reason,
    /// 指标方向: 正向 / 反向.
    Direction,
    /// 指标性质 of a split target: ≥ / ≤ / = / 定性 (or 定量/定性 on flat layouts).
    Nature,
    /// 度量单位 / 计量单位.
    Unit,
    /// A column kept as a note (是否核心指标, 得分系数 …): its header text is kept.
    Kept,
    /// 调整指标值 (重庆): the target as adjusted during the year.
    AdjustedTarget,
    /// 是否核心指标: 是 / 否.
    Core,
    /// 得分系数: score ÷ weight, computed again from them (not read).
    Coefficient,
    /// 复核分: the finance bureau's score of the row (read into the row's review).
    ReviewScore,
    /// 复核意见 of the row.
    ReviewOpinion,
    /// The kind chosen by hand (ziping's exports): taken exactly.
    Kind,
    /// The tier of a qualitative indicator (达成年度指标 …).
    Tier,
}

/// What an indicator-table header cell names.
pub fn indicator_column(text: &str) -> Option<IndCol> {
    if key(text) == key(super::exported::KIND_COLUMN) {
        return Some(IndCol::Kind);
    }
    let k = bare(text);
    if k.is_empty() {
        return None;
    }
    if matches!(
        k.as_str(),
        "定性档次" | "评价档次" | "档次" | "完成档次" | "定性评价档次"
    ) {
        return Some(IndCol::Tier);
    }
    let has = |w: &str| k.contains(w);
    Some(if has("一级指标") {
        IndCol::Level1
    } else if has("二级指标") {
        IndCol::Level2
    } else if has("三级指标") || k == "指标名称" || k == "绩效指标名称" || k == "指标内容"
    {
        IndCol::Name
    } else if has("偏差原因") || has("未完成原因") || has("原因分析") || has("改进措施")
    {
        IndCol::Reason
    } else if matches!(k.as_str(), "复核分" | "复核得分" | "复核评分" | "复核分值") {
        IndCol::ReviewScore
    } else if matches!(k.as_str(), "复核意见" | "复核说明") {
        IndCol::ReviewOpinion
    } else if has("核心指标") {
        IndCol::Core
    } else if has("得分系数") || k == "系数" {
        IndCol::Coefficient
    } else if has("调整指标值") || has("调整后指标值") || has("调整后目标值") || has("调整目标值")
    {
        IndCol::AdjustedTarget
    } else if has("复核") || has("系数") || k == "备注" || k == "序号" {
        IndCol::Kept
    } else if has("指标方向") || k == "方向" || k == "指标类型" {
        IndCol::Direction
    } else if has("指标性质") || k == "性质" || k == "比较符" || k == "运算符" {
        IndCol::Nature
    } else if has("度量单位") || has("计量单位") || k == "单位" {
        IndCol::Unit
    } else if has("实际完成值")
        || has("实际值")
        || has("完成值")
        || has("实际完成数")
        || has("实际完成情况")
        || has("实际完成")
        || has("实现值")
    {
        IndCol::Actual
    } else if has("指标值") || has("目标值") || has("计划值") || has("预期值") || k == "目标"
    {
        IndCol::Target
    } else if k == "得分"
        || has("自评得分")
        || k == "自评分"
        || k == "实际得分"
        || k == "评分"
        || k == "指标得分"
    {
        IndCol::Claimed
    } else if k == "分值"
        || k == "权重"
        || k == "指标分值"
        || k == "指标权重"
        || has("权重(")
        || k == "标准分"
    {
        IndCol::Weight
    } else {
        return None;
    })
}

/// The block label of the indicator table (`绩效指标`), not a column of its own.
pub fn is_indicator_block_label(text: &str) -> bool {
    let b = bare(text);
    matches!(
        b.as_str(),
        "绩效指标" | "年度绩效指标" | "绩效指标完成情况" | "年度绩效指标完成情况"
    ) || block_heading(text).is_some()
}

/// A 湖北-style block heading with its points: `年度绩效目标1（40分）` → points `40`.
pub fn block_heading(text: &str) -> Option<Option<String>> {
    let b = bare(text);
    let rest = b.strip_prefix("年度绩效目标")?;
    if rest.chars().all(|c| c.is_ascii_digit()) && !rest.is_empty() {
        Some(points_in(&key(text)))
    } else {
        None
    }
}

/// A 一级指标 written in a cell, with a weight written inside it (`产出指标(50分)`).
pub fn level1(text: &str) -> Option<(Level1, Option<String>)> {
    let k = key(text);
    let b = bare(text);
    let l1 = if b.contains("部门决策") || b == "决策" {
        Level1::Decision
    } else if b.contains("部门管理") || b == "综合管理" || b == "管理" {
        Level1::Management
    } else if b.contains("部门绩效") || b == "绩效" {
        Level1::Performance
    } else if b.contains("产出") {
        Level1::Output
    } else if b.contains("效益") {
        Level1::Benefit
    } else if b.contains("满意") {
        Level1::Satisfaction
    } else {
        return None;
    };
    // a level-2 name ("经济效益指标", "服务对象满意度指标") is not a level-1 heading
    if level2_exact(&b).is_some() {
        return None;
    }
    Some((l1, points_in(&k)))
}

/// A weight written inside a heading: `(50分)`, `（30分）`, `50分`.
pub fn points_in(k: &str) -> Option<String> {
    let fen = k.find('分')?;
    let before = &k[..fen];
    let digits: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let digits = digits.trim_start_matches('.');
    (!digits.is_empty()).then(|| digits.to_string())
}

fn level2_exact(b: &str) -> Option<Level2> {
    // the full names and their short forms
    Level2::ALL.into_iter().find(|l| {
        let name = l.name_zh();
        b == name || b == name.trim_end_matches("指标")
    })
}

/// A 二级指标 written in a cell, in the names forms use (`经济效\n益指标`, `数量`, `满意度`,
/// `社会公众满意度`, `进度指标`).
pub fn level2(text: &str) -> Option<Level2> {
    let b = bare(text);
    // empty, or long: an indicator name, not a group heading
    if b.is_empty() || b.chars().count() > 12 {
        return None;
    }
    if let Some(l) = level2_exact(&b) {
        return Some(l);
    }
    let has = |w: &str| b.contains(w);
    Some(if has("满意") {
        Level2::ServiceSatisfaction
    } else if has("数量") {
        Level2::Quantity
    } else if has("质量") {
        Level2::Quality
    } else if has("时效") || has("进度") {
        Level2::Timeliness
    } else if has("成本") {
        Level2::Cost
    } else if has("经济效益") || b == "经济" {
        Level2::Economic
    } else if has("社会效益") || b == "社会" {
        Level2::Social
    } else if has("生态") || has("环境效益") {
        Level2::Ecological
    } else if has("可持续") {
        Level2::Sustainable
    } else {
        return None;
    })
}

/// The label of a total row (`总分`, `合计`, `自评总分`).
pub fn is_total_label(text: &str) -> bool {
    let b = bare(text);
    matches!(
        b.as_str(),
        "总分"
            | "合计"
            | "总计"
            | "合计得分"
            | "得分合计"
            | "自评总分"
            | "综合得分"
            | "总得分"
            | "自评得分"
    )
}

/// The label of a subtotal row inside the indicator table (`小计`): its figures are sums, not
/// an indicator.
pub fn is_subtotal_label(text: &str) -> bool {
    let b = bare(text);
    matches!(
        b.as_str(),
        "小计" | "分项小计" | "小计得分" | "一级指标小计" | "合计小计"
    )
}

/// Labels of rows that hold one text of the form beside them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowLabel {
    /// 执行偏差说明: why execution fell short (the fund table's reason).
    FundReason,
    /// 备注.
    Note,
    /// 原表所印 (ziping's exports): the claims an imported form printed.
    Printed,
    /// 复核 (ziping's exports of a reviewed form): the form's review.
    Review,
    /// 表样 (ziping's exports): the form's template.
    Template,
}

pub fn row_label(text: &str) -> Option<RowLabel> {
    let b = bare(text);
    match b.as_str() {
        "执行偏差说明"
        | "预算执行偏差说明"
        | "执行偏差原因"
        | "资金执行偏差原因"
        | "预算执行偏差原因"
        | "执行率偏差原因"
        | "偏差原因说明" => Some(RowLabel::FundReason),
        "备注" => Some(RowLabel::Note),
        _ if b == bare(super::exported::PRINTED) => Some(RowLabel::Printed),
        _ if b == bare(super::exported::REVIEW) => Some(RowLabel::Review),
        _ if b == bare(super::exported::TEMPLATE) => Some(RowLabel::Template),
        _ => None,
    }
}

/// The label of a printed grade (`自评等级`, `评价等级`).
pub fn is_grade_label(text: &str) -> bool {
    let b = bare(text);
    matches!(
        b.as_str(),
        "自评等级" | "评价等级" | "等级" | "评价结果" | "自评结果" | "绩效等级" | "评定等级"
    )
}

/// Labels of the goal block.
pub fn is_goal_label(text: &str) -> bool {
    let b = bare(text);
    matches!(
        b.as_str(),
        "年度总体目标"
            | "总体目标"
            | "年度目标"
            | "年度绩效目标"
            | "绩效目标"
            | "总体绩效目标"
            | "年度总体目标完成情况"
            | "当年绩效目标"
            | "项目基本情况"
            | "1.项目年度目标完成情况"
            | "项目年度目标完成情况"
    )
}

pub fn is_goal_expected(text: &str) -> bool {
    let b = bare(text);
    matches!(
        b.as_str(),
        "预期目标"
            | "年初设定目标"
            | "年度预期目标"
            | "目标"
            | "预期绩效目标"
            | "年初目标"
            | "项目年度目标"
            | "年初绩效目标"
    )
}

pub fn is_goal_achieved(text: &str) -> bool {
    let b = bare(text);
    matches!(
        b.as_str(),
        "实际完成情况"
            | "实际完成"
            | "完成情况"
            | "全年实际完成情况"
            | "目标完成情况"
            | "实际完成目标"
            | "年度目标完成情况"
            | "年度总体目标完成情况综述"
            | "全年目标实际完成情况"
    )
}

/// Labels of narrative rows some templates add (`评价结论 | …`, `项目类别 | …`): kept in the
/// form's 备注 under their label.
pub fn is_narrative_label(text: &str) -> bool {
    let b = bare(text);
    matches!(
        b.as_str(),
        "评价结论"
            | "存在问题"
            | "改进措施"
            | "存在的问题及改进措施"
            | "偏差大或目标未完成原因分析"
            | "改进措施及结果应用方案"
            | "项目类别"
            | "项目属性"
            | "项目类型"
            | "2.项目实施内容及过程概述"
            | "项目实施内容及过程概述"
            | "项目负责人及电话"
            | "项目负责人"
            | "其他需要说明的问题"
            | "自评结论"
            | "财政处室"
            | "主管处室"
            | "部门联系人"
    )
}

/// The sign-off labels, in the order they are looked for, with the field they fill.
pub const SIGN_OFF_LABELS: &[(&str, SignOffLabel)] = &[
    ("单位负责人签字", SignOffLabel::Head),
    ("单位负责人", SignOffLabel::Head),
    ("部门负责人", SignOffLabel::Head),
    ("填表人", SignOffLabel::Preparer),
    ("填报人", SignOffLabel::Preparer),
    ("经办人", SignOffLabel::Preparer),
    ("填报日期", SignOffLabel::Date),
    ("填表日期", SignOffLabel::Date),
    ("填报时间", SignOffLabel::Date),
    ("联系电话", SignOffLabel::Phone),
    ("联系方式", SignOffLabel::Phone),
    ("财务负责人", SignOffLabel::Other),
    ("项目负责人", SignOffLabel::Other),
    ("审核人", SignOffLabel::Other),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignOffLabel {
    Preparer,
    Date,
    Phone,
    Head,
    Other,
}

/// Whether a line of text is a note printed under or over the form (`注：…`, `说明：…`).
pub fn is_note(text: &str) -> bool {
    let k = key(text);
    [
        "注:",
        "注1",
        "注:",
        "说明:",
        "备注:",
        "填报说明",
        "评分说明",
        "注释",
    ]
    .iter()
    .any(|p| k.starts_with(p))
        || k == "注"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_labels_with_and_without_values() {
        assert_eq!(
            header_label("项目支\n出名称"),
            Some((HeaderLabel::ProjectName, String::new()))
        );
        assert_eq!(
            header_label("项目名称：招商引资"),
            Some((HeaderLabel::ProjectName, "招商引资".into()))
        );
        assert_eq!(
            header_label("实施单位（盖章）"),
            Some((HeaderLabel::ImplementingUnit, String::new()))
        );
        assert_eq!(header_label("年度资金总额"), None);
        assert_eq!(
            header_label("年度"),
            Some((HeaderLabel::Year, String::new()))
        );
    }

    #[test]
    fn level_headings_with_weights() {
        assert_eq!(
            level1("\n\n\n效益\n指标\n(30分)"),
            Some((Level1::Benefit, Some("30".into())))
        );
        assert_eq!(
            level1("产出指标（50分）"),
            Some((Level1::Output, Some("50".into())))
        );
        assert_eq!(level1("满意度指标"), Some((Level1::Satisfaction, None)));
        assert_eq!(level1("经济效益指标"), None);
        assert_eq!(level2("经济效\n益指标"), Some(Level2::Economic));
        assert_eq!(
            level2("服务对象\n满意度指\n标"),
            Some(Level2::ServiceSatisfaction)
        );
        assert_eq!(level2("满意度"), Some(Level2::ServiceSatisfaction));
        assert_eq!(level2("进度指标"), Some(Level2::Timeliness));
        assert_eq!(level2("可持续影\n响指标"), Some(Level2::Sustainable));
    }

    #[test]
    fn columns_by_their_many_titles() {
        use IndCol::*;
        let cases = [
            ("年度\n指标值", Target),
            ("实际\n完成值", Actual),
            ("全年实际值", Actual),
            ("完成值", Actual),
            ("分值", Weight),
            ("得分", Claimed),
            ("偏差原因\n分析及\n改进措施", Reason),
            ("未完成原因", Reason),
            ("未完成原因分析", Reason),
            ("指标方向", Direction),
            ("是否核心指标", Core),
            ("得分系数(%)", Coefficient),
            ("调整指标值", AdjustedTarget),
            ("年初指标值", Target),
            ("全年完成值", Actual),
            ("指标权重（分）", Weight),
            ("指标得分（分）", Claimed),
            ("度量单位", Unit),
            ("复核分", ReviewScore),
            ("复核意见", ReviewOpinion),
            ("复核情况", Kept),
            ("三级\n指标", Name),
            ("指标性质", Nature),
        ];
        for (text, col) in cases {
            assert_eq!(indicator_column(text), Some(col), "{text}");
        }
        assert_eq!(
            fund_column("全年预算数（A）"),
            Some(FundCol::Amount(FundColumn::AnnualBudget))
        );
        assert_eq!(
            fund_column("全年执行数（B）"),
            Some(FundCol::Amount(FundColumn::Executed))
        );
        assert_eq!(fund_column("执行率\n（B/A）"), Some(FundCol::Rate));
        assert_eq!(
            fund_row("其中：当年财政拨款"),
            Some(FundRowKind::CurrentYear)
        );
        assert_eq!(fund_row("年度财政资金总额"), Some(FundRowKind::Total));
        assert_eq!(fund_row("上年结转资金"), Some(FundRowKind::CarriedOver));
        // the rows of the other templates (docs/TEMPLATES.md)
        for (label, kind) in [
            ("其中：财政资金", FundRowKind::Fiscal),
            ("财政专户管理资金", FundRowKind::SpecialAccount),
            ("纳入专户管理的非税收入拨款", FundRowKind::SpecialAccount),
            ("单位资金", FundRowKind::UnitFunds),
            ("单位自有资金", FundRowKind::Other),
            ("按收入性质分：一般公共预算", FundRowKind::GeneralBudget),
            ("其中：一般公共预算拨款", FundRowKind::GeneralBudget),
            ("政府性基金拨款", FundRowKind::GovernmentFund),
            ("按支出性质分：基本支出", FundRowKind::Basic),
            ("其中：基本支出", FundRowKind::Basic),
            ("项目支出", FundRowKind::Project),
            ("其他资金", FundRowKind::Other),
        ] {
            assert_eq!(fund_row(label), Some(kind), "{label}");
        }
        // and every label a template prints reads back as its row
        for tpl in &crate::templates::TEMPLATES {
            for kind in tpl.funds.rows {
                assert_eq!(
                    fund_row(tpl.fund_label(*kind)),
                    Some(*kind),
                    "{}",
                    tpl.name_zh
                );
            }
        }
    }
}
