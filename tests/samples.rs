//! The seed's four forms (衡山县商务和粮食局 2022): their totals with the claimed scores, and the
//! departures the engine lists.

use rust_decimal::Decimal;
use ziping::model::{FundColumn, FundRowKind, IndicatorKind};
use ziping::rules::{assess, Field, Grade, Level, RuleId, ScoreSource};
use ziping::samples::{sample, SAMPLES};

fn d(s: &str) -> Decimal {
    s.parse().expect("literal")
}

#[test]
fn totals_are_exactly_the_forms_totals() {
    let expected = [
        ("sample-sheling", "88", Grade::Good),
        ("sample-zhaoshang", "87", Grade::Good),
        ("sample-chubeiliang", "80", Grade::Good),
        ("sample-guanbi", "89", Grade::Good),
    ];
    for (key, total, grade) in expected {
        let e = sample(key).expect("sample").build();
        let a = assess(&e);
        assert_eq!(a.total, d(total), "{key}");
        assert_eq!(a.grade, grade, "{key}");
        assert!(!a.rescaled, "{key}");
        // every score on the forms is claimed
        assert_eq!(a.execution.source, ScoreSource::Claimed, "{key}");
        assert!(
            a.indicators
                .iter()
                .all(|r| r.source == ScoreSource::Claimed),
            "{key}"
        );
        // weights follow R1 on all four forms
        assert!(
            !a.diagnostics
                .iter()
                .any(|x| x.rule == RuleId::R1 && x.level != Level::Info),
            "{key}"
        );
    }
    assert_eq!(SAMPLES.len(), 4);
}

#[test]
fn zhaoshang_departures_named_by_rules_md() {
    let e = sample("sample-zhaoshang").expect("sample").build();
    let a = assess(&e);
    // budget execution 100 %: the rule gives 10, the form claims 7
    assert_eq!(a.execution.rate, Some(d("1")));
    assert_eq!(a.execution.rule_score, Some(d("10")));
    assert_eq!(a.execution.claimed, Some(d("7")));
    // 其中总投资过亿项目 5个 → 4个, weight 10: the rule gives 8, the form claims 5
    let row = e
        .indicators
        .iter()
        .find(|r| r.name == "其中总投资过亿项目")
        .expect("row");
    let r = a.indicator(&row.id).expect("result");
    assert_eq!(r.rule.exact(), Some(d("8")));
    assert_eq!(r.claimed, Some(d("5")));
    assert_eq!(r.departure, Some(d("-3")));
    let deps: Vec<String> = a.departures().map(|x| x.zh.clone()).collect();
    assert!(deps
        .iter()
        .any(|m| m.contains("预算执行率") && m.contains("7.00") && m.contains("10.00")));
    assert!(deps
        .iter()
        .any(|m| m.contains("其中总投资过亿项目") && m.contains("5.00") && m.contains("8.00")));
    // and 环保评审合格 100 % / 100 % claims 25 of 30
    assert!(deps
        .iter()
        .any(|m| m.contains("环保评审合格") && m.contains("25.00") && m.contains("30.00")));
    assert_eq!(deps.len(), 3);
    // the two investment totals are over-achieved (154500 vs 100000, 121000 vs 50000)
    let over: Vec<&str> = e
        .indicators
        .iter()
        .filter(|row| a.indicator(&row.id).is_some_and(|r| r.over_achievement))
        .map(|row| row.name.as_str())
        .collect();
    assert_eq!(
        over,
        ["引进总投资过千万项目投资总额", "其中总投资过亿项目投资总额"]
    );
    // the rules alone would give 10 + 20 + 8 + 10 + 10 + 30 + 10
    assert_eq!(a.rule_total, d("98"));
}

#[test]
fn sheling_blank_total_row_gives_no_automatic_execution_score() {
    let e = sample("sample-sheling").expect("sample").build();
    let a = assess(&e);
    assert_eq!(a.execution.rate, None);
    assert_eq!(a.execution.rule_score, None);
    assert_eq!(a.execution.used, d("8"));
    let annual = Field::FundCell(FundRowKind::Total, FundColumn::AnnualBudget);
    let msgs: Vec<&str> = a.diagnostics_for(&annual).map(|x| x.zh.as_str()).collect();
    assert!(msgs.iter().any(|m| m.contains("不自动评分")));
    assert!(msgs.iter().any(|m| m.contains("分项合计为48.92")));
    // the sub-rows' rates are still shown
    let fiscal = a
        .execution
        .row(FundRowKind::CurrentYear)
        .and_then(|r| r.rate);
    assert_eq!(fiscal, Some(d("1")));
    // long descriptive targets are qualitative; no tier picked yet
    assert!(a
        .indicators
        .iter()
        .all(|r| r.kind == IndicatorKind::Qualitative));
    assert_eq!(a.departures().count(), 0);
}

#[test]
fn chubeiliang_sub_rows_do_not_add_up_and_departures_listed() {
    let e = sample("sample-chubeiliang").expect("sample").build();
    let a = assess(&e);
    let annual = Field::FundCell(FundRowKind::Total, FundColumn::AnnualBudget);
    assert!(a
        .diagnostics_for(&annual)
        .any(|x| x.zh.contains("848.59") && x.zh.contains("-182.00")));
    assert_eq!(a.execution.rule_score, Some(d("10")));
    // "0起" incidents: 反向 with T = 0
    let incidents = e
        .indicators
        .iter()
        .find(|r| r.target == "0起")
        .expect("row");
    let r = a.indicator(&incidents.id).expect("result");
    assert_eq!(r.kind, IndicatorKind::Negative);
    assert_eq!(r.rule.exact(), Some(d("5")));
    // execution (6 vs 10) and every row claiming less than 100 % of a 100 %/100 % indicator
    assert_eq!(a.departures().count(), 1 + 9);
    assert_eq!(a.rule_total, d("100"));
}

#[test]
fn guanbi_departures_and_misplaced_target() {
    let e = sample("sample-guanbi").expect("sample").build();
    let a = assess(&e);
    assert_eq!(a.execution.rule_score, Some(d("10")));
    // "到位率" stands in the target column: qualitative, no tier
    let row = e
        .indicators
        .iter()
        .find(|r| r.target == "到位率")
        .expect("row");
    let r = a.indicator(&row.id).expect("result");
    assert_eq!(r.kind, IndicatorKind::Qualitative);
    // departures: execution 9 vs 10, 安置 28 vs 30, 维护社会稳定 25 vs 30
    assert_eq!(a.departures().count(), 3);
    // 10 + 30 + 17 (qualitative: the claim) + 30 + 10
    assert_eq!(a.rule_total, d("97"));
}
