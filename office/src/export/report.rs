//! The 部门整体支出绩效自评报告 of a department's year, in the seed report's structure, written
//! from the figures: 一、单位基本情况; 二、预算支出及绩效情况 (budget against final accounts, the
//! 基本/项目 split, "三公"经费, 政府采购, assets; the overall goals; a paragraph per project of
//! 50万元 or more); 三、存在的问题及改进措施; 四、其他需要说明的情况; then each project's 自评表.
//! A figure that is not filled in is said to be missing, never made up.

use super::layout::{form_layout, FormLayout};
use super::Progress;
use rust_decimal::Decimal;
use ziping::model::{DepartmentEvaluation, Evaluation};
use ziping::parse::parse_number;
use ziping::rules::num::{fmt2, fmt_pct};
use ziping::rules::{assess, assess_department, fmt_num, DepartmentAssessment};
use ziping::summary::summary_row;

/// A block of the report.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    /// 一、二、…
    Heading1(String),
    /// （一）（二）…
    Heading2(String),
    /// 1. 2. … (bold run start)
    Heading3(String),
    Para(String),
    /// A form, on a new page, with its title above.
    Form(FormLayout),
}

/// Projects of at least this budget (万元) get a paragraph of their own.
const PARAGRAPH_THRESHOLD: i64 = 50;

fn amount(text: &str) -> Option<Decimal> {
    parse_number(text).ok().flatten().map(|(n, _)| n)
}

/// `684.34万元`, or `（未填）`.
fn wan(text: &str) -> String {
    match amount(text) {
        Some(n) => format!("{}万元", fmt_num(n)),
        None => "（未填）".into(),
    }
}

fn figure(a: &DepartmentAssessment, key: &str) -> Option<Decimal> {
    a.figure(key).and_then(|f| f.value)
}

fn pct(a: &DepartmentAssessment, key: &str) -> String {
    figure(a, key)
        .map(fmt_pct)
        .unwrap_or_else(|| "（无法计算）".into())
}

fn paragraphs(text: &str, missing: &str) -> Vec<Block> {
    let lines: Vec<Block> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| Block::Para(l.to_string()))
        .collect();
    if lines.is_empty() {
        vec![Block::Para(missing.to_string())]
    } else {
        lines
    }
}

/// Adds what a form says it achieved, as a sentence of its own, when it says anything.
fn say_achieved(s: &mut String, label: &str, achieved: &str) {
    let achieved = achieved.trim();
    if !achieved.is_empty() {
        s.push_str(&format!("{label}：{achieved}"));
        if !achieved.ends_with(['。', '！', '；', '.', '!', ';']) {
            s.push('。');
        }
    }
}

pub fn report(
    d: Option<&DepartmentEvaluation>,
    forms: &[Evaluation],
    progress: &mut dyn Progress,
) -> Vec<Block> {
    let blank = DepartmentEvaluation::default();
    let d = d.unwrap_or(&blank);
    let dept = if d.department.trim().is_empty() {
        forms
            .first()
            .map(|e| e.department.trim().to_string())
            .unwrap_or_default()
    } else {
        d.department.trim().to_string()
    };
    let year = if d.year.trim().is_empty() {
        forms
            .first()
            .map(|e| e.year.trim().to_string())
            .unwrap_or_default()
    } else {
        d.year.trim().to_string()
    };
    let y = if year.is_empty() {
        "本".to_string()
    } else {
        year.clone()
    };
    let a = assess_department(d);
    // the department's own 自评表 (department templates) apart from its projects
    let (overall, forms): (Vec<&Evaluation>, Vec<&Evaluation>) =
        forms.iter().partition(|e| e.template.is_department());
    let mut out = vec![Block::Title(format!(
        "{dept}{year}年度部门整体支出绩效自评报告"
    ))];

    out.push(Block::Heading1("一、单位基本情况".into()));
    out.push(Block::Heading2("（一）部门主要职责".into()));
    out.extend(paragraphs(&d.profile, "（部门主要职责未填写。）"));
    out.push(Block::Heading2("（二）人员编制情况".into()));
    let people = |t: &str| match amount(t) {
        Some(n) => format!("{}人", fmt_num(n)),
        None => "（未填）".into(),
    };
    let mut s = format!(
        "{y}年部门编制{}；部门决算财政供养在职人员{}、离退休人员{}、其他人员{}。",
        people(&d.staff_authorized),
        people(&d.staff_actual),
        people(&d.staff_retired),
        people(&d.staff_other),
    );
    if let Some(r) = figure(&a, "staff.control_rate") {
        s.push_str(&format!("在职人员控制率{}。", fmt_pct(r)));
    }
    out.push(Block::Para(s));

    out.push(Block::Heading1("二、预算支出及绩效情况".into()));
    out.push(Block::Heading2("（一）部门预决算情况".into()));
    out.push(Block::Heading3("1.部门预算情况".into()));
    out.push(Block::Para(format!(
        "{y}年年初预算安排收入{}；年初预算安排支出{}，其中：基本支出{}，项目支出{}。",
        wan(&d.income.budget),
        wan(&d.expenditure.budget),
        wan(&d.basic.budget),
        wan(&d.project.budget)
    )));
    out.push(Block::Heading3("2.部门决算情况".into()));
    let change = |key: &str| match figure(&a, key) {
        Some(v) if v > Decimal::ZERO => format!("较预算增加{}万元", fmt2(v)),
        Some(v) if v < Decimal::ZERO => format!("较预算减少{}万元", fmt2(-v)),
        Some(_) => "与预算持平".into(),
        None => "与预算的差额无法计算".into(),
    };
    let mut s = format!(
        "{y}年决算总收入{}，{}（预决算差异率{}）；总支出{}，{}，其中：基本支出{}，占总支出的{}；项目支出{}，占总支出的{}。",
        wan(&d.income.final_amount),
        change("income.difference"),
        pct(&a, "income.variance"),
        wan(&d.expenditure.final_amount),
        change("expenditure.difference"),
        wan(&d.basic.final_amount),
        pct(&a, "expenditure.basic_share"),
        wan(&d.project.final_amount),
        pct(&a, "expenditure.project_share"),
    );
    if !d.accounts_note.trim().is_empty() {
        s.push_str(&format!("差异产生的主要原因是：{}", d.accounts_note.trim()));
    }
    out.push(Block::Para(s));
    out.push(Block::Heading3("3.“三公”经费执行情况".into()));
    out.push(Block::Para(format!(
        "{y}年“三公”经费预算数{}，其中：因公出国(境)费{}，公务用车购置及运行维护费{}，公务接待费{}。“三公”经费决算数{}，其中：因公出国(境)费{}，公务用车购置及运行维护费{}，公务接待费{}；“三公”经费控制率{}。",
        wan(&d.three_public_total.budget),
        wan(&d.abroad.budget),
        wan(&d.vehicles.budget),
        wan(&d.reception.budget),
        wan(&d.three_public_total.final_amount),
        wan(&d.abroad.final_amount),
        wan(&d.vehicles.final_amount),
        wan(&d.reception.final_amount),
        pct(&a, "three_public.total.rate"),
    )));
    out.push(Block::Heading3("4.政府采购执行情况".into()));
    let mut s = format!(
        "{y}年度政府采购支出{}，其中：货物{}，工程{}，服务{}。",
        wan(&d.procurement_total),
        wan(&d.procurement_goods),
        wan(&d.procurement_works),
        wan(&d.procurement_services)
    );
    if amount(&d.procurement_planned).is_some() {
        s.push_str(&format!(
            "政府采购预算（计划）数{}，执行率{}。",
            wan(&d.procurement_planned),
            pct(&a, "procurement.rate")
        ));
    }
    out.push(Block::Para(s));
    out.push(Block::Heading3("5.资产管理情况".into()));
    out.push(Block::Para(format!(
        "{y}年年末资产总额{}，负债总额{}，净资产{}（资产负债率{}）。固定资产账面原值{}，在用资产{}，固定资产利用率{}。",
        wan(&d.assets_total),
        wan(&d.liabilities_total),
        figure(&a, "assets.net")
            .map(|n| format!("{}万元", fmt2(n)))
            .unwrap_or_else(|| wan(&d.net_assets)),
        pct(&a, "assets.debt_ratio"),
        wan(&d.fixed_assets_original),
        wan(&d.assets_in_use),
        pct(&a, "assets.fixed_usage"),
    )));

    out.push(Block::Heading2("（二）资金使用及绩效情况".into()));
    out.push(Block::Heading3("1.整体绩效目标完成情况".into()));
    out.extend(paragraphs(
        &d.performance_summary,
        "（整体绩效目标完成情况未填写。）",
    ));
    for e in &overall {
        let a = assess(e);
        let mut s = format!(
            "部门整体支出绩效自评（{}）得分{}分，等级{}",
            ziping::templates::template(e.template).name_zh,
            fmt2(a.total),
            a.grade.name_zh()
        );
        if let Some(r) = a.execution.rate {
            s.push_str(&format!("，预算执行率{}", fmt_pct(r)));
        }
        s.push('。');
        say_achieved(&mut s, "年度总体目标完成情况", &e.goal.achieved);
        out.push(Block::Para(s));
    }
    out.push(Block::Heading3(format!(
        "2.项目绩效目标完成情况（仅对{PARAGRAPH_THRESHOLD}万元以上的项目资金进行分项说明）"
    )));
    let rows: Vec<_> = forms.iter().map(|e| summary_row(e)).collect();
    if !rows.is_empty() {
        let n = rows.len();
        let avg: Decimal = rows.iter().map(|r| r.total).sum::<Decimal>() / Decimal::from(n);
        let count = |g: &str| rows.iter().filter(|r| r.grade.name_zh() == g).count();
        out.push(Block::Para(format!(
            "本部门共有{n}个项目开展绩效自评，平均得分{}分，其中优{}个、良{}个、中{}个、差{}个。",
            fmt2(avg),
            count("优"),
            count("良"),
            count("中"),
            count("差")
        )));
    }
    let threshold = Decimal::from(PARAGRAPH_THRESHOLD);
    let mut k = 0;
    for e in &forms {
        let initial = amount(&e.funds.total.initial_budget);
        let annual = amount(&e.funds.total.annual_budget);
        if initial.max(annual).is_none_or(|b| b < threshold) {
            continue;
        }
        k += 1;
        let a = assess(e);
        let rate = a
            .execution
            .rate
            .map(fmt_pct)
            .unwrap_or_else(|| "（无法计算）".into());
        let mut s = format!(
            "（{k}）{}项目：年初预算数{}，全年预算数{}，全年执行数{}，执行率{}；自评得分{}分，等级{}。",
            e.project_name.trim(),
            wan(&e.funds.total.initial_budget),
            wan(&e.funds.total.annual_budget),
            wan(&e.funds.total.executed),
            rate,
            fmt2(a.total),
            a.grade.name_zh()
        );
        say_achieved(&mut s, "完成情况", &e.goal.achieved);
        out.push(Block::Para(s));
    }
    if k == 0 {
        out.push(Block::Para(format!(
            "本部门没有{PARAGRAPH_THRESHOLD}万元以上的项目。"
        )));
    }
    out.push(Block::Heading1("三、存在的问题及改进措施".into()));
    out.extend(paragraphs(&d.problems_and_measures, "（未填写。）"));
    out.push(Block::Heading1("四、其他需要说明的情况".into()));
    out.extend(paragraphs(&d.other_notes, "无。"));
    // the department's own form first, then each project's
    let all: Vec<&Evaluation> = overall.into_iter().chain(forms).collect();
    for (i, e) in all.iter().enumerate() {
        out.push(Block::Form(form_layout(e, &assess(e))));
        progress.step(i + 1, all.len());
    }
    out
}
