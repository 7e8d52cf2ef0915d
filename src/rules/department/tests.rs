//! R7 on the seed's department data and on edge cases.

use super::*;
use crate::samples::department_sample;

fn d(s: &str) -> Decimal {
    s.parse().expect("literal")
}

fn shown(a: &DepartmentAssessment, key: &str) -> String {
    a.figure(key)
        .unwrap_or_else(|| panic!("figure {key}"))
        .display()
}

#[test]
fn seed_figures_come_out_as_the_seed_states() {
    let a = assess_department(&department_sample());
    assert_eq!(shown(&a, "expenditure.basic_share"), "34.31%");
    assert_eq!(shown(&a, "expenditure.project_share"), "65.69%");
    assert_eq!(shown(&a, "income.difference"), "+2011.25");
    assert_eq!(shown(&a, "three_public.final_sum"), "9.81");
    assert_eq!(shown(&a, "three_public.budget_sum"), "23.00");
    assert_eq!(shown(&a, "procurement.sum"), "54.15");
    assert_eq!(shown(&a, "assets.net"), "390.89");
    assert_eq!(shown(&a, "assets.fixed_usage"), "100.00%");
    assert_eq!(shown(&a, "assets.debt_ratio"), "95.78%");
    assert_eq!(shown(&a, "staff.control_rate"), "68.25%");
    // 2011.25 ÷ 684.34 = 2.93896…
    assert_eq!(shown(&a, "income.variance"), "293.90%");
    // the formula is shown with its figures
    let f = a.figure("expenditure.basic_share").expect("figure");
    assert_eq!(f.formula_zh, "基本支出决算 915.76 ÷ 总支出决算 2669.35");
    // 三公 control rates
    assert_eq!(shown(&a, "three_public.total.rate"), "42.65%");
    assert_eq!(shown(&a, "three_public.abroad.rate"), "—");
    // no procurement plan given: no rate
    assert_eq!(a.figure("procurement.rate").and_then(|f| f.value), None);
}

#[test]
fn seed_unit_slips_are_flagged() {
    let a = assess_department(&department_sample());
    let total = Field::Dept(DeptField::ThreePublic(
        ThreePublicItem::Total,
        BudgetColumn::Final,
    ));
    let msgs: Vec<&str> = a.diagnostics_for(&total).map(|x| x.zh.as_str()).collect();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].contains("9.81元") && msgs[0].contains("万元"));
    assert_eq!(
        a.diagnostics_for(&total).next().map(|x| x.level),
        Some(Level::Warning)
    );
    let abroad = Field::Dept(DeptField::ThreePublic(
        ThreePublicItem::Abroad,
        BudgetColumn::Final,
    ));
    assert!(a.diagnostics_for(&abroad).any(|x| x.zh.contains("万万元")));
    let goods = Field::Dept(DeptField::Procurement(ProcurementLine::Goods));
    assert!(a.diagnostics_for(&goods).any(|x| x.zh.contains("万元元")));
    // and nothing else: the seed's sums and net assets agree
    assert_eq!(a.diagnostics.len(), 3, "{:?}", a.diagnostics);
}

#[test]
fn consistency_checks() {
    let mut dept = department_sample();
    dept.three_public_total.final_amount = "10".into();
    dept.procurement_total = "60".into();
    dept.net_assets = "400".into();
    dept.basic.final_amount = "900".into();
    dept.staff_actual = "70".into();
    dept.vehicles.final_amount = "12".into();
    dept.procurement_planned = "60".into();
    let a = assess_department(&dept);
    let has = |needle: &str| {
        a.diagnostics
            .iter()
            .any(|x| x.level == Level::Warning && x.zh.contains(needle))
    };
    assert!(has("合计10.00≠分项之和"));
    assert!(has("政府采购支出合计60.00≠货物＋工程＋服务54.15"));
    assert!(has("填报的净资产400.00≠资产总额−负债总额390.89"));
    assert!(has("支出决算数2669.35≠基本支出900.00＋项目支出1753.59"));
    assert!(has("超过编制人数"));
    assert!(has("公务用车购置及运行维护费决算数12.00超过预算数11.00"));
    assert_eq!(shown(&a, "procurement.rate"), "100.00%");
}

#[test]
fn blanks_zeros_and_garbage_give_no_figure_and_no_panic() {
    let blank = DepartmentEvaluation::default();
    let a = assess_department(&blank);
    assert!(a
        .figures
        .iter()
        .all(|f| f.value.is_none() || f.key.ends_with("sum")));
    assert!(a.diagnostics.is_empty());
    let z = DepartmentEvaluation {
        assets_total: "0".into(),
        liabilities_total: "5".into(),
        staff_authorized: "0".into(),
        staff_actual: "3人".into(),
        income: BudgetFinal {
            budget: "0".into(),
            final_amount: "5".into(),
        },
        expenditure: BudgetFinal {
            budget: String::new(),
            final_amount: "abc".into(),
        },
        fixed_assets_original: "79228162514264337593543950335".into(),
        assets_in_use: "-1".into(),
        ..DepartmentEvaluation::default()
    };
    let a = assess_department(&z);
    assert_eq!(a.figure("assets.debt_ratio").and_then(|f| f.value), None);
    assert_eq!(a.figure("staff.control_rate").and_then(|f| f.value), None);
    assert_eq!(a.figure("income.variance").and_then(|f| f.value), None);
    assert_eq!(a.figure("assets.net").and_then(|f| f.value), Some(d("-5")));
    assert!(a
        .diagnostics
        .iter()
        .any(|x| x.level == Level::Error && x.zh.contains("不是有效数字")));
    assert!(a
        .diagnostics
        .iter()
        .any(|x| x.level == Level::Error && x.zh.contains("不能为负数")));
}

#[test]
fn formulas_read_in_english_with_the_same_figures() {
    let filled = assess_department(&crate::samples::department_sample());
    let blank = assess_department(&crate::model::DepartmentEvaluation::default());
    for f in filled.figures.iter().chain(&blank.figures) {
        let en = f.formula_en();
        assert!(
            !en.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c)
                || ('\u{ff00}'..='\u{ffef}').contains(&c)),
            "{}: {en}",
            f.key
        );
        let digits = |s: &str| s.chars().filter(|c| c.is_ascii_digit()).collect::<String>();
        assert_eq!(digits(&en), digits(&f.formula_zh), "{}", f.key);
    }
    let net = filled.figure("assets.net").map(|f| f.formula_en());
    assert_eq!(
        net.as_deref(),
        Some("total assets 9273.20 − total liabilities 8882.31")
    );
}
