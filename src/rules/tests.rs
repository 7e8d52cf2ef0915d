//! Table-driven tests for RULES.md R1–R6.

use super::*;
use crate::model::{
    Evaluation, FundColumn, FundRow, FundRowKind, Indicator, IndicatorKind, Level1, Level2,
    QualitativeTier,
};

fn d(s: &str) -> Decimal {
    s.parse().expect("test literal")
}

/// A form whose weights add up: execution 10, and one row per 一级 carrying its whole weight.
fn form_with(rows: Vec<Indicator>) -> Evaluation {
    let mut e = Evaluation {
        id: "t".into(),
        project_name: "测试项目".into(),
        ..Evaluation::default()
    };
    e.funds.total = FundRow {
        initial_budget: "100".into(),
        annual_budget: "100".into(),
        executed: "100".into(),
    };
    e.funds.current_year = e.funds.total.clone();
    e.indicators = rows;
    e
}

fn ind(
    id: &str,
    level2: Level2,
    target: &str,
    actual: &str,
    weight: &str,
    claimed: &str,
) -> Indicator {
    Indicator {
        id: id.into(),
        level2,
        name: format!("指标{id}"),
        target: target.into(),
        actual: actual.into(),
        weight: weight.into(),
        claimed: claimed.into(),
        ..Indicator::default()
    }
}

fn one(target: &str, actual: &str, weight: &str) -> (Assessment, IndicatorResult) {
    let e = form_with(vec![ind("a", Level2::Quantity, target, actual, weight, "")]);
    let a = assess(&e);
    let r = a.indicators[0].clone();
    (a, r)
}

fn has(a: &Assessment, level: Level, rule: RuleId, needle: &str) -> bool {
    a.diagnostics
        .iter()
        .any(|x| x.level == level && x.rule == rule && x.zh.contains(needle))
}

// ---- R3: quantitative formulas ------------------------------------------------------------

#[test]
fn quantitative_formulas() {
    // (target, actual, weight, expected kind, expected rule score)
    let cases: &[(&str, &str, &str, IndicatorKind, Option<&str>)] = &[
        // 正向
        ("≥90%", "100%", "10", IndicatorKind::Positive, Some("10")),
        ("≥90%", "90%", "10", IndicatorKind::Positive, Some("10")),
        ("≥90%", "45%", "10", IndicatorKind::Positive, Some("5")),
        ("5个", "4个", "10", IndicatorKind::Positive, Some("8")),
        ("20个", "21个", "20", IndicatorKind::Positive, Some("20")),
        (">3", "1", "9", IndicatorKind::Positive, Some("3")),
        ("3个", "0个", "9", IndicatorKind::Positive, Some("0")),
        ("3", "2", "10", IndicatorKind::Positive, Some("6.67")),
        // 正向, T = 0: any A ≥ 0 reaches it
        ("≥0", "0", "5", IndicatorKind::Positive, Some("5")),
        // 等于
        ("=100%", "100%", "10", IndicatorKind::Equal, Some("10")),
        ("=100%", "120%", "10", IndicatorKind::Equal, Some("10")),
        ("=100%", "80%", "10", IndicatorKind::Equal, Some("8")),
        ("=0", "0", "10", IndicatorKind::Equal, Some("10")),
        ("=0", "1", "10", IndicatorKind::Equal, Some("0")),
        // 反向
        ("≤10次", "8次", "10", IndicatorKind::Negative, Some("10")),
        ("≤10次", "10次", "10", IndicatorKind::Negative, Some("10")),
        ("≤10次", "12次", "10", IndicatorKind::Negative, Some("8")),
        ("≤10次", "15次", "10", IndicatorKind::Negative, Some("5")),
        (
            "≤10次",
            "19.99次",
            "10",
            IndicatorKind::Negative,
            Some("0.01"),
        ),
        ("≤10次", "20次", "10", IndicatorKind::Negative, Some("0")),
        ("≤10次", "30次", "10", IndicatorKind::Negative, Some("0")),
        ("<5%", "6%", "5", IndicatorKind::Negative, Some("4")),
        // 反向, T = 0 ("0起" without operator is read as 反向)
        ("0起", "0起", "5", IndicatorKind::Negative, Some("5")),
        ("0起", "1起", "5", IndicatorKind::Negative, Some("0")),
        ("≤0", "0", "5", IndicatorKind::Negative, Some("5")),
    ];
    for &(t, a, w, kind, expected) in cases {
        let (_, r) = one(t, a, w);
        assert_eq!(r.kind, kind, "{t} / {a}");
        assert_eq!(r.rule.exact(), expected.map(d), "{t} / {a} / {w}");
        // a blank claim takes the rule's score
        assert_eq!(r.source, ScoreSource::Rule, "{t} / {a}");
        assert_eq!(Some(r.used), expected.map(d));
    }
}

#[test]
fn negative_keyword_in_name_makes_bare_number_a_ceiling() {
    let mut row = ind("a", Level2::ServiceSatisfaction, "2次", "3次", "10", "");
    row.name = "有效投诉次数".into();
    let a = assess(&form_with(vec![row]));
    assert_eq!(a.indicators[0].kind, IndicatorKind::Negative);
    assert_eq!(a.indicators[0].rule.exact(), Some(d("5")));
}

#[test]
fn over_achievement_at_exactly_120_percent_is_flagged_and_needs_a_reason() {
    let (a, r) = one("100个", "120个", "10");
    assert!(r.over_achievement);
    assert_eq!(r.rule.exact(), Some(d("10")));
    assert!(has(&a, Level::Warning, RuleId::R3, "120%"));
    assert!(has(&a, Level::Error, RuleId::R5, "超出目标20%"));
    // just below: no flag
    let (a, r) = one("100个", "119.99个", "10");
    assert!(!r.over_achievement);
    assert!(!has(&a, Level::Error, RuleId::R5, "偏差原因"));
    // A ≥ 2T is flagged too; 反向 never is
    assert!(one("50", "200", "10").1.over_achievement);
    assert!(!one("≤50", "10", "10").1.over_achievement);
    // with a reason the requirement is met, the flag stays
    let mut row = ind("a", Level2::Quantity, "100个", "150个", "10", "");
    row.reason = "目标设定偏低，明年调整".into();
    let a = assess(&form_with(vec![row]));
    assert!(a.indicators[0].over_achievement);
    assert!(!has(&a, Level::Error, RuleId::R5, "须填写"));
}

#[test]
fn blanks_text_and_units_give_no_automatic_score() {
    // blank actual
    let (a, r) = one("≥90%", "", "10");
    assert_eq!(r.rule, RuleScore::None);
    assert_eq!(r.source, ScoreSource::Missing);
    assert!(has(&a, Level::Warning, RuleId::R3, "实际完成值未填"));
    assert!(has(&a, Level::Warning, RuleId::R5, "按0分计"));
    // text actual
    let (a, r) = one("≥90%", "基本完成", "10");
    assert_eq!(r.rule, RuleScore::None);
    assert!(has(&a, Level::Warning, RuleId::R3, "不是数值"));
    // unit mismatch: 万元 vs 元
    let (a, r) = one("100万元", "1000000元", "10");
    assert_eq!(r.rule, RuleScore::None);
    assert!(has(&a, Level::Warning, RuleId::R3, "单位"));
    // a unit on one side only is compared as numbers
    let (_, r) = one("20", "10个", "10");
    assert_eq!(r.rule.exact(), Some(d("5")));
}

#[test]
fn negative_values_are_errors() {
    let (a, r) = one("≥90%", "-5%", "10");
    assert_eq!(r.rule, RuleScore::None);
    assert!(has(&a, Level::Error, RuleId::R3, "不能为负数"));
    let (a, _) = one("-5", "3", "10");
    assert!(has(&a, Level::Error, RuleId::R3, "年度指标值不能为负数"));
}

#[test]
fn huge_numbers_never_panic() {
    for (t, a, w) in [
        (
            "79228162514264337593543950335",
            "79228162514264337593543950335",
            "10",
        ),
        (
            "0.0000000000000000000000000001",
            "79228162514264337593543950335",
            "79228162514264337593543950335",
        ),
        (
            "≤0.0000000000000000000000000001",
            "79228162514264337593543950335",
            "10",
        ),
        ("1e40", "1", "10"),
        ("10", "79228162514264337593543950336", "10"),
    ] {
        let (a, _) = one(t, a, w);
        let _ = a.total;
    }
    let mut e = form_with(vec![ind(
        "a",
        Level2::Quantity,
        "1",
        "1",
        "79228162514264337593543950335",
        "79228162514264337593543950335",
    )]);
    e.funds.weight = "79228162514264337593543950335".into();
    e.funds.claimed = "79228162514264337593543950335".into();
    let a = assess(&e);
    // no panic, and the absurd weights are reported
    assert!(has(&a, Level::Warning, RuleId::R1, "应为100"));
}

// ---- R4: qualitative ----------------------------------------------------------------------

#[test]
fn qualitative_tiers_and_bands() {
    use QualitativeTier::*;
    // (tier, claimed, in band?)
    let cases: &[(QualitativeTier, &str, bool)] = &[
        (Achieved, "10", true),
        (Achieved, "8", true),
        (Achieved, "7.99", false),
        (Partial, "8", false),
        (Partial, "7.99", true),
        (Partial, "6", true),
        (Partial, "5.99", false),
        (NotAchieved, "5.99", true),
        (NotAchieved, "0", true),
        (NotAchieved, "6", false),
    ];
    for &(tier, claimed, ok) in cases {
        let mut row = ind("q", Level2::Social, "效果明显", "效果明显", "10", claimed);
        row.tier = Some(tier);
        row.reason = "说明".into();
        let a = assess(&form_with(vec![row]));
        let r = &a.indicators[0];
        assert_eq!(r.kind, IndicatorKind::Qualitative);
        assert!(matches!(r.rule, RuleScore::Band { .. }));
        assert_eq!(r.used, d(claimed));
        assert_eq!(
            !has(&a, Level::Error, RuleId::R4, "不在"),
            ok,
            "{tier:?} {claimed}"
        );
    }
}

#[test]
fn qualitative_needs_tier_and_score() {
    let row = ind("q", Level2::Social, "满意", "满意", "10", "");
    let a = assess(&form_with(vec![row.clone()]));
    assert!(has(&a, Level::Warning, RuleId::R4, "请选择评价档次"));
    let mut row = row;
    row.tier = Some(QualitativeTier::Achieved);
    let a = assess(&form_with(vec![row]));
    assert!(has(&a, Level::Error, RuleId::R4, "档次区间"));
    assert_eq!(a.indicators[0].source, ScoreSource::Missing);
}

#[test]
fn kind_override_wins_over_detection() {
    let mut row = ind("a", Level2::Quantity, "20个", "10个", "10", "");
    row.kind_override = Some(IndicatorKind::Negative);
    let a = assess(&form_with(vec![row]));
    assert_eq!(a.indicators[0].detected, IndicatorKind::Positive);
    assert_eq!(a.indicators[0].kind, IndicatorKind::Negative);
    assert_eq!(a.indicators[0].rule.exact(), Some(d("10")));
}

// ---- R5: bounds, reasons, not applicable, total, grade ------------------------------------

#[test]
fn scores_outside_zero_to_weight_are_errors() {
    for (claimed, bad) in [
        ("10", false),
        ("0", false),
        ("10.01", true),
        ("-1", true),
        ("11", true),
    ] {
        let mut row = ind("a", Level2::Quantity, "5个", "5个", "10", claimed);
        row.reason = "说明".into();
        let a = assess(&form_with(vec![row]));
        assert_eq!(
            has(&a, Level::Error, RuleId::R5, "超出0～"),
            bad,
            "{claimed}"
        );
    }
}

#[test]
fn reason_required_below_weight() {
    let row = ind("a", Level2::Quantity, "5个", "4个", "10", "");
    let a = assess(&form_with(vec![row.clone()]));
    assert!(a
        .diagnostics_for(&Field::Indicator("a".into(), IndicatorField::Reason))
        .any(|x| x.level == Level::Error && x.zh.contains("低于分值")));
    let mut row = row;
    row.reason = "项目落地延迟".into();
    let a = assess(&form_with(vec![row]));
    assert_eq!(
        a.diagnostics_for(&Field::Indicator("a".into(), IndicatorField::Reason))
            .count(),
        0
    );
}

#[test]
fn not_applicable_rows_rescale_the_total() {
    // execution 10/10, output 50/50 of which a 20-point row is "/" → 40/80 applicable
    let e = form_with(vec![
        ind("a", Level2::Quantity, "5个", "5个", "30", ""),
        ind("n", Level2::Quality, "/", "", "20", ""),
        ind("b", Level2::Social, "5个", "5个", "30", ""),
        ind("c", Level2::ServiceSatisfaction, "≥90%", "45%", "10", ""),
    ]);
    let mut e = e;
    e.indicators[3].reason = "满意度偏低".into();
    let a = assess(&e);
    assert_eq!(a.indicators[1].kind, IndicatorKind::NotApplicable);
    assert!(a.rescaled);
    assert_eq!(a.raw_total, d("75"));
    assert_eq!(a.applicable_weight, d("80"));
    assert_eq!(a.total, d("93.75"));
    assert_eq!(a.grade, Grade::Excellent);
    // marking it not applicable by hand does the same
    let mut e2 = e.clone();
    e2.indicators[1].target = "100%".into();
    e2.indicators[1].kind_override = Some(IndicatorKind::NotApplicable);
    assert_eq!(assess(&e2).total, d("93.75"));
    // "无" rows without a weight change nothing
    let mut e3 = e.clone();
    e3.indicators[1] = ind("n", Level2::Quality, "", "", "", "");
    e3.indicators[1].name = "无".into();
    e3.indicators[0].weight = "50".into();
    let a3 = assess(&e3);
    assert_eq!(a3.indicators[1].kind, IndicatorKind::NotApplicable);
    assert!(!a3.rescaled);
    assert_eq!(a3.total, d("95"));
}

#[test]
fn grade_bands() {
    for (total, grade) in [
        ("100", Grade::Excellent),
        ("90", Grade::Excellent),
        ("89.99", Grade::Good),
        ("80", Grade::Good),
        ("79.99", Grade::Fair),
        ("60", Grade::Fair),
        ("59.99", Grade::Poor),
        ("0", Grade::Poor),
    ] {
        assert_eq!(Grade::of(d(total)), grade, "{total}");
    }
}

// ---- R1: weights --------------------------------------------------------------------------

#[test]
fn weight_sums() {
    let e = form_with(vec![
        ind("a", Level2::Quantity, "5个", "5个", "45", ""),
        ind("b", Level2::Social, "5个", "5个", "30", ""),
        ind("c", Level2::ServiceSatisfaction, "5个", "5个", "10", ""),
    ]);
    let a = assess(&e);
    assert!(a
        .diagnostics_for(&Field::Level1Weight(Level1::Output))
        .any(|x| x.zh.contains("合计45") && x.zh.contains("50")));
    assert!(!a.diagnostics.iter().any(|x| x.zh.contains("应为100")));
    // adjusted level-1 weights must still add up to 100
    let mut e = e;
    e.level1_weights.output = "45".into();
    let a = assess(&e);
    assert!(has(&a, Level::Warning, RuleId::R1, "合计为95，应为100"));
    assert!(!a
        .diagnostics_for(&Field::Level1Weight(Level1::Output))
        .any(|x| x.zh.contains("三级")));
}

// ---- R2: fund table -----------------------------------------------------------------------

fn funds(total: [&str; 3], subs: [[&str; 3]; 3]) -> Evaluation {
    let mut e = form_with(vec![]);
    let r = |c: [&str; 3]| FundRow {
        initial_budget: c[0].into(),
        annual_budget: c[1].into(),
        executed: c[2].into(),
    };
    e.funds.total = r(total);
    e.funds.current_year = r(subs[0]);
    e.funds.carried_over = r(subs[1]);
    e.funds.other = r(subs[2]);
    e
}

#[test]
fn execution_rate_and_score() {
    // (A, B, rule score)
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("100", "100", Some("10")),
        ("100", "95.5", Some("9.55")),
        ("119.34", "119.34", Some("10")),
        ("666.59", "666.59", Some("10")),
        ("3", "2", Some("6.67")),
        ("100", "120", Some("10")),
        ("", "100", None),
        ("0", "100", None),
        ("100", "", None),
    ];
    for &(a, b, score) in cases {
        let e = funds([a, a, b], [[a, a, b], ["", "", ""], ["", "", ""]]);
        let r = assess(&e);
        assert_eq!(r.execution.rule_score, score.map(d), "{a} / {b}");
    }
    let e = funds(["", "", ""], [["", "", ""]; 3]);
    let r = assess(&e);
    assert!(has(&r, Level::Warning, RuleId::R2, "不自动评分"));
    // over-execution warns; under 90 % asks for an explanation until given
    let r = assess(&funds(
        ["100", "100", "120"],
        [["100", "100", "120"], ["", "", ""], ["", "", ""]],
    ));
    assert!(has(&r, Level::Warning, RuleId::R2, "大于全年预算数"));
    let mut e = funds(
        ["100", "100", "80"],
        [["100", "100", "80"], ["", "", ""], ["", "", ""]],
    );
    assert_eq!(assess(&e).execution.rate, Some(d("0.8")));
    assert!(has(&assess(&e), Level::Warning, RuleId::R2, "低于90%"));
    e.funds.reason = "项目延期".into();
    assert!(!has(&assess(&e), Level::Warning, RuleId::R2, "低于90%"));
    // adjusted weight
    let mut e = funds(
        ["100", "100", "50"],
        [["100", "100", "50"], ["", "", ""], ["", "", ""]],
    );
    e.funds.weight = "20".into();
    assert_eq!(assess(&e).execution.rule_score, Some(d("10")));
}

#[test]
fn sub_rows_must_add_up_and_amounts_not_negative() {
    let e = funds(
        ["2000", "666.59", "666.59"],
        [
            ["2000", "646.26", "646.26"],
            ["", "", ""],
            ["", "202.33", "202.33"],
        ],
    );
    let a = assess(&e);
    let annual = Field::FundCell(FundRowKind::Total, FundColumn::AnnualBudget);
    assert!(a
        .diagnostics_for(&annual)
        .any(|x| x.zh.contains("相差-182.00")));
    assert!(a
        .diagnostics_for(&Field::FundCell(
            FundRowKind::Total,
            FundColumn::InitialBudget
        ))
        .next()
        .is_none());
    let e = funds(
        ["10", "10", "-1"],
        [["10", "10", "-1"], ["", "", ""], ["", "", ""]],
    );
    assert!(has(&assess(&e), Level::Error, RuleId::R2, "不能为负数"));
    // rates shown for every row
    let e = funds(
        ["100", "100", "90"],
        [["60", "60", "60"], ["", "", ""], ["40", "40", "30"]],
    );
    let a = assess(&e);
    assert_eq!(
        a.execution.row(FundRowKind::Other).and_then(|r| r.rate),
        Some(d("0.75"))
    );
    assert_eq!(
        a.execution
            .row(FundRowKind::CurrentYear)
            .and_then(|r| r.rate),
        Some(d("1"))
    );
}

#[test]
fn amounts_in_yuan_and_garbage_are_reported_beside_the_cell() {
    let e = funds(["9.81元", "10", "10"], [["", "", ""]; 3]);
    let a = assess(&e);
    assert!(a
        .diagnostics_for(&Field::FundCell(
            FundRowKind::Total,
            FundColumn::InitialBudget
        ))
        .any(|x| x.level == Level::Warning && x.zh.contains("万元")));
    let e = funds(["abc", "10", "10"], [["", "", ""]; 3]);
    let a = assess(&e);
    assert!(a
        .diagnostics_for(&Field::FundCell(
            FundRowKind::Total,
            FundColumn::InitialBudget
        ))
        .any(|x| x.level == Level::Error && x.zh.contains("不是有效数字")));
}

// ---- R6: claimed versus rule --------------------------------------------------------------

#[test]
fn departures_are_listed_with_both_scores_and_the_difference() {
    let mut row = ind("a", Level2::Quantity, "5个", "4个", "10", "5");
    let a = assess(&form_with(vec![row.clone()]));
    let dep: Vec<_> = a.departures().collect();
    assert_eq!(dep.len(), 1);
    assert!(
        dep[0].zh.contains("自评得分5.00")
            && dep[0].zh.contains("规则得分8.00")
            && dep[0].zh.contains("-3.00")
    );
    assert_eq!(a.indicators[0].departure, Some(d("-3")));
    assert_eq!(a.indicators[0].used, d("5"));
    // within 0.005 is no departure
    row.claimed = "8.004".into();
    row.reason = "x".into();
    assert_eq!(assess(&form_with(vec![row])).departures().count(), 0);
    // execution departures need a reason
    let mut e = form_with(vec![]);
    e.funds.claimed = "7".into();
    let a = assess(&e);
    assert!(has(&a, Level::Warning, RuleId::R6, "规则得分10.00"));
    assert!(has(&a, Level::Error, RuleId::R6, "偏差说明"));
}

/// A row without a weight (湖北 2020 forms have no 分值 column) has no rule score: one message,
/// never a rule score of 0 and never a departure against 0; its claimed score counts.
#[test]
fn a_row_without_weight_has_no_rule_score() {
    let mut e = form_with(vec![
        ind("a", Level2::Quantity, "≥12个", "12个", "", "20"),
        ind("b", Level2::Quality, "≥98%", "97%", "", "14.85"),
    ]);
    e.level1_weights.output = "50".into();
    let a = assess(&e);
    for r in &a.indicators {
        assert_eq!(r.rule, RuleScore::None);
        assert_eq!(r.departure, None);
        assert_eq!(r.source, ScoreSource::Claimed);
    }
    let msgs: Vec<&Diagnostic> = a
        .diagnostics
        .iter()
        .filter(|x| x.zh.contains("分值未填，无法按规则计分"))
        .collect();
    assert_eq!(msgs.len(), 2, "once per row");
    assert_eq!(a.departures().count(), 0);
    // the heading's 50 is not compared with the rows' (absent) weights
    assert!(!has(
        &a,
        Level::Warning,
        RuleId::R1,
        "产出指标的三级指标分值合计"
    ));
    // 10 (execution) + 20 + 14.85
    assert_eq!(a.total, d("44.85"));
}

/// The 一级 weight printed in a heading bounds the claimed scores of rows without weights.
#[test]
fn a_heading_weight_bounds_unweighted_rows() {
    let mut e = form_with(vec![
        ind("a", Level2::Quantity, "≥12个", "12个", "", "30"),
        ind("b", Level2::Quality, "≥98%", "97%", "", "25"),
    ]);
    e.level1_weights.output = "50".into();
    let a = assess(&e);
    assert!(has(
        &a,
        Level::Error,
        RuleId::R5,
        "得分合计55，超过一级指标分值50"
    ));
}

/// What a form printed (总分, 等级, 执行率) is a claim: a difference is a departure (R6).
#[test]
fn printed_total_grade_and_rate_are_claims() {
    let mut e = form_with(vec![
        ind("a", Level2::Quantity, "100", "100", "50", "50"),
        ind("b", Level2::Economic, "100", "100", "30", "30"),
        ind("c", Level2::ServiceSatisfaction, "100", "100", "10", "8"),
    ]);
    // computed: 10 + 50 + 30 + 8 = 98, 优, execution 100 %
    e.claimed_total = "100".into();
    e.claimed_grade = "良".into();
    e.funds.claimed_rate = "95%".into();
    let a = assess(&e);
    assert_eq!(a.total, d("98"));
    let field = |f: Field| {
        a.diagnostics_for(&f)
            .map(|x| x.zh.clone())
            .collect::<Vec<_>>()
    };
    assert!(field(Field::ClaimedTotal)
        .iter()
        .any(|m| m.contains("表上总分100与各项得分合计98.00不一致（相差+2.00）")));
    assert!(field(Field::ClaimedGrade)
        .iter()
        .any(|m| m.contains("“良”") && m.contains("“优”")));
    assert!(field(Field::FundClaimedRate)
        .iter()
        .any(|m| m.contains("95%") && m.contains("100.00%")));
    // agreeing claims say nothing; "1" is read as 100 %
    e.claimed_total = "98".into();
    e.claimed_grade = "优秀".into();
    e.funds.claimed_rate = "1".into();
    let a = assess(&e);
    assert!(a.diagnostics_for(&Field::ClaimedTotal).next().is_none());
    assert!(a.diagnostics_for(&Field::ClaimedGrade).next().is_none());
    assert!(a.diagnostics_for(&Field::FundClaimedRate).next().is_none());
    // a printed total that is not a number is an input error
    e.claimed_total = "八十八".into();
    let a = assess(&e);
    assert!(has(&a, Level::Error, RuleId::Input, "不是数字"));
}
