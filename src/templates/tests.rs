//! Each template's rules, table-driven, with figures worked out by hand from docs/TEMPLATES.md.

use super::*;
use crate::model::{Indicator, IndicatorKind, Level2, QualitativeTier};
use crate::rules::{assess, num::fmt2, quantitative_score, Grade, Reverse, RuleScore};
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn reverse_indicators_score_as_each_template_says() {
    // (T, A, W): MOF W × (1 − (A − T)/T), 0 from 2T; 湖北 W × T / A
    let cases = [
        ("3", "2", "10", "10", "10"),
        ("3", "3", "10", "10", "10"),
        ("3", "4", "10", "6.67", "7.50"),
        ("3", "6", "10", "0", "5.00"),
        ("3", "9", "10", "0", "3.33"),
        ("0", "0", "5", "5", "5"),
        ("0", "1", "5", "0", "0"),
        ("80", "100", "20", "15.00", "16.00"),
    ];
    for (t, a, w, mof, hubei) in cases {
        for (reverse, want) in [(Reverse::Deduction, mof), (Reverse::Ratio, hubei)] {
            let got = quantitative_score(IndicatorKind::Negative, d(t), d(a), d(w), reverse)
                .map(crate::rules::num::round2)
                .unwrap();
            assert_eq!(got, d(want), "T {t}, A {a}, W {w}, {reverse:?}");
        }
    }
    // 正向 and 等于 are the same under both
    for reverse in [Reverse::Deduction, Reverse::Ratio] {
        let s = quantitative_score(IndicatorKind::Positive, d("10"), d("8"), d("20"), reverse);
        assert_eq!(s, Some(d("16")));
    }
}

fn qualitative_row(tier: QualitativeTier, claimed: &str) -> Evaluation {
    let mut e = Evaluation::new_blank("q".into(), "2022".into(), 0);
    e.indicators = vec![Indicator {
        id: "q-r0".into(),
        level2: Level2::Timeliness,
        name: "按期完工".into(),
        target: "及时".into(),
        actual: "部分延期".into(),
        weight: "10".into(),
        tier: Some(tier),
        claimed: claimed.into(),
        reason: "汛期延后".into(),
        ..Indicator::default()
    }];
    e
}

#[test]
fn qualitative_bands_are_the_templates() {
    // (tier, MOF band, 湖北 band) for W = 10
    let cases = [
        (
            QualitativeTier::Achieved,
            ("8.00", "10.00", true),
            ("8.00", "10.00", true),
        ),
        (
            QualitativeTier::Partial,
            ("6.00", "8.00", false),
            ("5.00", "8.00", false),
        ),
        (
            QualitativeTier::NotAchieved,
            ("0", "6.00", false),
            ("0", "5.00", false),
        ),
    ];
    for (tier, mof, hubei) in cases {
        for (t, (low, high, inclusive)) in
            [(TemplateId::Mof2020, mof), (TemplateId::Hubei2020, hubei)]
        {
            let mut e = qualitative_row(tier, "");
            e.template = t;
            let a = assess(&e);
            assert_eq!(
                a.indicators[0].rule,
                RuleScore::Band {
                    low: d(low),
                    high: d(high),
                    high_inclusive: inclusive
                },
                "{tier:?} under {t:?}"
            );
        }
    }
    // 5.5 for 部分达成: outside MOF's [6, 8), inside 湖北's [5, 8)
    let errors = |t: TemplateId| {
        let mut e = qualitative_row(QualitativeTier::Partial, "5.5");
        e.template = t;
        assess(&e)
            .diagnostics
            .iter()
            .filter(|x| x.level == crate::rules::diagnostic::Level::Error)
            .count()
    };
    assert_eq!(errors(TemplateId::Mof2020), 1);
    assert_eq!(errors(TemplateId::Hubei2020), 0);
    assert_eq!(errors(TemplateId::SplitTarget), 1);
}

#[test]
fn the_execution_weight_follows_the_template_when_blank() {
    for (t, want) in [
        (TemplateId::Mof2020, "9.50"),
        (TemplateId::Hubei2020, "19.00"),
        (TemplateId::SplitTarget, "9.50"),
    ] {
        let mut e = Evaluation::new_blank("f".into(), "2022".into(), 0);
        e.template = t;
        e.funds.weight.clear();
        e.funds.total.annual_budget = "100".into();
        e.funds.total.executed = "95".into();
        let a = assess(&e);
        assert_eq!(
            a.execution.rule_score.map(fmt2).as_deref(),
            Some(want),
            "{t:?}"
        );
        assert!(a.diagnostics.iter().any(|x| x
            .zh
            .contains(&format!("按默认{}分", template(t).execution_weight()))));
    }
    // over 100 %: capped at the weight under every template
    let mut e = new_form("h".into(), "2022".into(), 0, TemplateId::Hubei2020);
    e.funds.total.annual_budget = "100".into();
    e.funds.total.executed = "120".into();
    assert_eq!(assess(&e).execution.rule_score, Some(d("20")));
}

#[test]
fn over_achievement_is_flagged_only_where_the_template_says_so() {
    for (t, flagged) in [
        (TemplateId::Mof2020, true),
        (TemplateId::Hubei2020, false),
        (TemplateId::SplitTarget, true),
    ] {
        let mut e = Evaluation::new_blank("o".into(), "2022".into(), 0);
        e.template = t;
        e.indicators[0].name = "培训人次".into();
        e.indicators[0].target = "≥100人次".into();
        e.indicators[0].actual = "130人次".into();
        e.indicators[0].weight = "10".into();
        assert_eq!(assess(&e).indicators[0].over_achievement, flagged, "{t:?}");
    }
}

/// The 湖北 form worked by hand in docs/TEMPLATES.md (also tests/fixtures/v3/templates.json).
fn hubei_case() -> Evaluation {
    let raw = include_str!("../../tests/fixtures/v3/templates.json");
    let env = crate::exchange::json::parse_export(raw.as_bytes()).unwrap();
    env.evaluations
        .into_iter()
        .find(|e| e.id == "v3-hubei")
        .unwrap()
}

#[test]
fn a_hubei_form_scores_as_worked_by_hand() {
    let e = hubei_case();
    let a = assess(&e);
    let rules: Vec<String> = a
        .indicators
        .iter()
        .map(|r| match &r.rule {
            RuleScore::Exact(x) => fmt2(*x),
            RuleScore::Band { low, high, .. } => format!("[{}, {})", fmt2(*low), fmt2(*high)),
            _ => "—".into(),
        })
        .collect();
    assert_eq!(
        rules,
        ["16.00", "15.00", "[5.00, 8.00)", "20.00", "9.44"],
        "数量 20×8/10; 反向 20×3/4; 定性 部分达成 [50 %, 80 %); 20; 10×85/90"
    );
    assert_eq!(a.execution.rule_score, Some(d("19")));
    assert_eq!(fmt2(a.total), "84.44");
    assert_eq!(a.grade, Grade::Good);
    // no error: the 5 for 部分达成 is inside 湖北's band; no weight-sum warning (no 一级 weights)
    assert_eq!(a.counts().errors, 0, "{:#?}", a.diagnostics);
    // the same form under the MOF rules: 反向 20 × (1 − 1/3) = 13.33, and 5 is outside [6, 8)
    let mut mof = e.clone();
    mof.template = TemplateId::Mof2020;
    let m = assess(&mof);
    assert_eq!(m.indicators[1].rule, RuleScore::Exact(d("13.33")));
    assert_eq!(fmt2(m.total), "82.77");
    assert_eq!(m.counts().errors, 1);
}

#[test]
fn a_new_form_takes_its_templates_defaults() {
    let h = new_form("n".into(), "2023".into(), 5, TemplateId::Hubei2020);
    assert_eq!(h.template, TemplateId::Hubei2020);
    assert_eq!(h.funds.weight, "20");
    assert_eq!(h.level1_weights.get(crate::model::Level1::Output), "");
    let m = new_form("m".into(), "2023".into(), 5, TemplateId::Mof2020);
    assert_eq!(m.funds.weight, "10");
    assert_eq!(m.level1_weights, crate::model::Level1Weights::default());
    assert_eq!(m.indicators.len(), 3);
}

#[test]
fn targets_split_into_three_columns_and_join_back() {
    let cases = [
        ("≥95%", ("≥", "95", "%")),
        ("≤3天", ("≤", "3", "天")),
        ("100万元", ("", "100", "万元")),
        ("=1个", ("=", "1", "个")),
        (">=5个", (">=", "5", "个")),
        ("不低于90%", ("不低于", "90", "%")),
        ("≥ 95 %", ("≥", "95", "%")),
        ("1,200.5万元", ("", "1,200.5", "万元")),
        ("满意", (QUALITATIVE_NATURE, "满意", "")),
        ("有效提升", (QUALITATIVE_NATURE, "有效提升", "")),
        ("≥满意", ("≥", "满意", "")),
        ("", ("", "", "")),
    ];
    for (t, (n, v, u)) in cases {
        let s = split_target(t);
        assert_eq!(
            (s.nature.as_str(), s.value.as_str(), s.unit.as_str()),
            (n, v, u),
            "{t}"
        );
        // typing into any column gives back the same three columns
        let joined = join_target(&s.nature, &s.value, &s.unit);
        assert_eq!(split_target(&joined), s, "{t} → {joined}");
        if !t.contains(' ') {
            assert_eq!(joined, t);
        }
    }
    // a clerk typing a value digit by digit, with ≥ and % chosen
    let mut target = String::new();
    for typed in ["9", "95", "95.", "95.5"] {
        target = join_target("≥", typed, "%");
        assert_eq!(split_target(&target).value, typed);
    }
    assert_eq!(target, "≥95.5%");
}

/// Every field a clerk typed, as text (the template, the execution weight and the 一级 weights
/// aside: those are what a switch may change).
fn typed_fields(e: &Evaluation) -> String {
    let mut c = e.clone();
    c.template = TemplateId::Mof2020;
    c.funds.weight.clear();
    c.level1_weights = Default::default();
    serde_json::to_string(&c).unwrap()
}

#[test]
fn switching_templates_previews_what_changes_and_loses_nothing() {
    let e = hubei_case();
    let s = preview_switch(&e, TemplateId::Mof2020);
    assert_eq!(s.form.template, TemplateId::Mof2020);
    // the weight 20 was the 湖北 default: it follows the template; the 一级 weights likewise
    assert_eq!(s.form.funds.weight, "10");
    assert_eq!(
        s.form.level1_weights,
        crate::model::Level1Weights::default()
    );
    let zh: Vec<&str> = s.notes.iter().map(|n| n.zh.as_str()).collect();
    for want in [
        "预算执行率分值：20 → 10",
        "产出指标分值：（不设） → 50",
        "资金表增加“其中：当年财政拨款”行",
        "资金表增加“年初预算数”栏",
        "定性指标档次区间：80%／50% → 80%／60%",
        "设施故障率：规则得分 15.00 → 13.33",
        "按期完工：规则得分 [5.00, 8.00) → [6.00, 8.00)",
        "预算执行率规则得分：19.00 → 9.50",
        "总分：84.44（良）→",
    ] {
        assert!(zh.iter().any(|n| n.contains(want)), "{want} in {zh:#?}");
    }
    // nothing typed is lost, and switching back gives the form back
    assert_eq!(typed_fields(&s.form), typed_fields(&e));
    let back = preview_switch(&s.form, TemplateId::Hubei2020);
    assert_eq!(back.form, e);
    // a weight the clerk changed stays as typed
    let mut typed = e.clone();
    typed.funds.weight = "15".into();
    assert_eq!(
        preview_switch(&typed, TemplateId::Mof2020)
            .form
            .funds
            .weight,
        "15"
    );
    // to the same template: nothing to say
    assert!(preview_switch(&e, TemplateId::Hubei2020).notes.is_empty());
    // MOF → split target: the rules are the same, only the layout moves
    let m = crate::samples::SAMPLES[1].build();
    let s = preview_switch(&m, TemplateId::SplitTarget);
    assert_eq!(s.notes.len(), 1, "{:#?}", s.notes);
    assert!(s.notes[0].zh.contains("三栏"));
    assert_eq!(assess(&s.form).total, assess(&m).total);
}

#[test]
fn every_template_is_found_by_its_key() {
    for t in TemplateId::ALL {
        assert_eq!(TemplateId::from_key(t.key()), Some(t));
        assert_eq!(template(t).id, t);
    }
    assert_eq!(TemplateId::from_key("guangxi"), None);
}

/// A form of the fixture tests/fixtures/v3/templates.json by id.
fn fixture(id: &str) -> Evaluation {
    let raw = include_str!("../../tests/fixtures/v3/templates.json");
    let env = crate::exchange::json::parse_export(raw.as_bytes()).unwrap();
    env.evaluations.into_iter().find(|e| e.id == id).unwrap()
}

/// Each rule score as docs/TEMPLATES.md prints it: `16.00`, a band `[5.00, 8.00)`, or `—`.
fn rule_scores(a: &crate::rules::Assessment) -> Vec<String> {
    a.indicators
        .iter()
        .map(|r| match &r.rule {
            RuleScore::Exact(x) => fmt2(*x),
            RuleScore::Band { low, high, .. } => format!("[{}, {}]", fmt2(*low), fmt2(*high)),
            _ => "—".into(),
        })
        .collect()
}

#[test]
fn the_fixture_forms_score_as_worked_by_hand_in_templates_md() {
    // (form, execution score, rule scores row by row, total, grade): docs/TEMPLATES.md
    type Case<'a> = (&'a str, Option<&'a str>, &'a [&'a str], &'a str, Grade);
    let cases: [Case; 4] = [
        (
            // T4 四川: 10 × 342.6/350 = 9.79; 20 × 118/120 = 19.67
            "v3-sichuan",
            Some("9.79"),
            &[
                "19.67",
                "20.00",
                "10.00",
                "10.00",
                "[16.00, 20.00]",
                "10.00",
            ],
            "99.46",
            Grade::Excellent,
        ),
        (
            // T5 部门整体: 10 × 2669.35/2700 = 9.89; 反向 预算调整率 10 × (1 − 3/5) = 4;
            // 结转结余率 (反向 by its name) 1.5 % ≤ 2 % = 10; 30 × 68.07/70 = 29.17
            "v3-dept",
            Some("9.89"),
            &["18.00", "4.00", "10.00", "10.00", "29.17", "10.00"],
            "91.06",
            Grade::Excellent,
        ),
        (
            // T6 部门决策/管理/绩效: no execution score; 在职人员控制率 15 × (1 − 8.7/100)
            // = 13.70; "三公"经费变动率 −5 % ≤ 0 % = 10; 25 × 90/95 = 23.68
            "v3-framework",
            None,
            &[
                "[8.00, 10.00]",
                "13.70",
                "10.00",
                "10.00",
                "10.00",
                "23.68",
                "20.00",
            ],
            "96.38",
            Grade::Excellent,
        ),
        (
            // T7 重庆: 10 × 76 % = 7.60; 政府采购执行率 2 × 72.74 % = 1.45; 组织宣传活动次数
            // against its 调整指标值 40 (not 50): 10; 投诉发生率 反向 8 × 2/2.5 = 6.40;
            // 38 × 88/90 = 37.16
            "v3-chongqing",
            Some("7.60"),
            &[
                "2.00",
                "2.00",
                "1.45",
                "[2.40, 3.00]",
                "10.00",
                "10.00",
                "5.00",
                "10.00",
                "6.40",
                "37.16",
            ],
            "94.61",
            Grade::Excellent,
        ),
    ];
    for (id, execution, rows, total, grade) in cases {
        let e = fixture(id);
        let a = assess(&e);
        assert_eq!(
            a.execution.rule_score.map(fmt2).as_deref(),
            execution,
            "{id}"
        );
        assert_eq!(rule_scores(&a), rows, "{id}");
        assert_eq!(fmt2(a.total), total, "{id}");
        assert_eq!(a.grade, grade, "{id}");
        // filled in as the template says: no error, and the weights add up (R1)
        assert_eq!(a.counts().errors, 0, "{id}: {:#?}", a.diagnostics);
        assert!(
            !a.diagnostics
                .iter()
                .any(|x| x.rule == crate::rules::RuleId::R1),
            "{id}: {:#?}",
            a.diagnostics
        );
    }
}

#[test]
fn a_department_form_takes_what_the_departments_figures_hold() {
    use super::department::{apply, belongs, links, new_department_form, LinkTarget};
    use crate::model::{FundColumn, FundRowKind};
    let dept = crate::samples::department_sample();
    // 重庆: its 14 common rows (30 points) in one list, the actuals R7 can give filled in
    let e = new_department_form("cq".into(), &dept, 0, TemplateId::ChongqingDepartment);
    assert!(belongs(&e, &dept));
    assert_eq!(
        (e.department.as_str(), e.year.as_str()),
        ("衡山县商务和粮食局", "2022")
    );
    assert_eq!(e.funds.total.initial_budget, "684.34");
    assert_eq!(e.funds.total.executed, "2669.35");
    assert_eq!(
        e.funds.total.annual_budget, "",
        "the adjusted budget is not in R7: typed"
    );
    assert!(e.indicators.iter().all(|r| r.level2 == Level2::Quantity));
    let weights: rust_decimal::Decimal = e
        .indicators
        .iter()
        .filter_map(|r| r.weight.parse::<rust_decimal::Decimal>().ok())
        .sum();
    assert_eq!(weights, d("30"));
    let actual = |name: &str| {
        e.indicators
            .iter()
            .find(|r| r.name == name)
            .map(|r| r.actual.clone())
            .unwrap()
    };
    // 43 ÷ 63, 9.81 ÷ 23, 612.09 ÷ 612.09; no planned procurement: nothing to take
    assert_eq!(actual("在职人员控制率"), "68.25%");
    assert_eq!(actual("“三公”经费控制率"), "42.65%");
    assert_eq!(actual("固定资产利用率"), "100.00%");
    assert_eq!(actual("政府采购执行率"), "");
    assert!(links(&e, &dept).iter().all(|l| l.agrees()));
    // a cell typed otherwise is listed with the figure it departs from, and taken back
    let mut changed = e.clone();
    changed.funds.total.executed = "2600".into();
    changed.indicators[0].actual = "70%".into();
    let l = links(&changed, &dept);
    let pending: Vec<_> = l.iter().filter(|l| !l.agrees()).collect();
    assert_eq!(pending.len(), 2, "{pending:#?}");
    assert_eq!(
        pending[0].target,
        LinkTarget::Fund(FundRowKind::Total, FundColumn::Executed)
    );
    assert_eq!(pending[0].cell_zh, "年度资金总额·全年执行数");
    assert_eq!(
        (pending[0].current.as_str(), pending[0].value.as_str()),
        ("2600", "2669.35")
    );
    assert_eq!(apply(&mut changed, &l), 2);
    assert_eq!(changed, e);
    // the same number written otherwise agrees
    changed.funds.total.executed = "2669.350".into();
    assert!(links(&changed, &dept).iter().all(|l| l.agrees()));
    // the department form by income and spending nature: 基本支出 and 项目支出 too
    let s = new_department_form("s".into(), &dept, 0, TemplateId::Department);
    assert_eq!(
        (
            s.funds.basic.initial_budget.as_str(),
            s.funds.basic.executed.as_str()
        ),
        ("578.38", "915.76")
    );
    assert_eq!(
        (
            s.funds.project.initial_budget.as_str(),
            s.funds.project.executed.as_str()
        ),
        ("105.96", "1753.59")
    );
    // its basic + project budget add up to the total's (578.38 + 105.96 = 684.34): no warning
    let a = assess(&s);
    assert!(
        !a.diagnostics
            .iter()
            .any(|x| x.zh.contains("年初预算数：年度资金总额")),
        "{:#?}",
        a.diagnostics
    );
    // 53号's form: its 27 common rows in their groups, no execution score
    let f = new_department_form("f".into(), &dept, 0, TemplateId::DepartmentFramework);
    assert_eq!(f.indicators.len(), 27);
    assert_eq!(f.funds.weight, "");
    let groups: Vec<crate::model::Level1> = template(f.template).level1_groups(&f);
    assert_eq!(
        groups,
        [
            crate::model::Level1::Decision,
            crate::model::Level1::Management,
            crate::model::Level1::Performance
        ]
    );
    assert_eq!(assess(&f).execution.rule_score, None);
    // a project form has nothing to take; another department-year does not belong
    let p = new_form("p".into(), "2022".into(), 0, TemplateId::Mof2020);
    assert!(links(&p, &dept).is_empty());
    let mut other = dept.clone();
    other.year = "2023".into();
    assert!(!belongs(&e, &other));
}

#[test]
fn the_common_ratios_of_department_forms_are_reverse_and_may_fall() {
    use crate::parse::parse_value;
    // a bare target: 反向 by the name (财预〔2013〕53号's ratios where less is better)
    for name in [
        "预算调整率",
        "结转结余率",
        "结转结余变动率",
        "“三公”经费控制率",
        "公用经费控制率",
        "在职人员控制率",
        "“三公”经费变动率",
    ] {
        let department = crate::rules::detect_kind_in(
            name,
            &parse_value("5%"),
            &template(TemplateId::Department).scheme,
        );
        assert_eq!(department, IndicatorKind::Negative, "{name}");
        // on a project form RULES.md R3 stands as written: a bare target is 正向
        assert_eq!(
            crate::rules::detect_kind(name, &parse_value("5%")),
            IndicatorKind::Positive,
            "{name}"
        );
    }
    for name in [
        "预算完成率",
        "政府采购执行率",
        "固定资产利用率",
        "支付进度率",
    ] {
        for t in [TemplateId::Department, TemplateId::ChongqingDepartment] {
            let kind = crate::rules::detect_kind_in(name, &parse_value("95%"), &template(t).scheme);
            assert_eq!(kind, IndicatorKind::Positive, "{name}");
        }
    }
    // a project form's 病虫害控制率 90% / 85%: 正向, 10 × 85/90 = 9.44 (RULES.md R3)
    let mut p = Evaluation::new_blank("p".into(), "2022".into(), 0);
    p.indicators = vec![Indicator {
        id: "p-r0".into(),
        name: "病虫害控制率".into(),
        target: "90%".into(),
        actual: "85%".into(),
        weight: "10".into(),
        reason: "虫害高发".into(),
        ..Indicator::default()
    }];
    assert_eq!(assess(&p).indicators[0].rule, RuleScore::Exact(d("9.44")));
    // a change rate may be negative on a department form: met at or below its target
    let mut e = new_form("c".into(), "2022".into(), 0, TemplateId::Department);
    e.indicators = vec![Indicator {
        id: "c-r0".into(),
        name: "“三公”经费变动率".into(),
        target: "≤0%".into(),
        actual: "-5%".into(),
        weight: "10".into(),
        ..Indicator::default()
    }];
    let a = assess(&e);
    assert_eq!(a.indicators[0].rule, RuleScore::Exact(d("10")));
    assert!(!a.diagnostics.iter().any(|x| x.zh.contains("负数")));
    e.indicators[0].actual = "3%".into();
    assert_eq!(assess(&e).indicators[0].rule, RuleScore::Exact(d("0")));
    // −30 % as a target: at or below it, the weight
    e.indicators[0].name = "结转结余变动率".into();
    e.indicators[0].target = "≤-30%".into();
    e.indicators[0].actual = "-35%".into();
    assert_eq!(assess(&e).indicators[0].rule, RuleScore::Exact(d("10")));
    // on a project form a negative change rate stays an error (R3 as written)
    let mut project = e.clone();
    project.template = TemplateId::Mof2020;
    assert!(assess(&project)
        .diagnostics
        .iter()
        .any(|x| x.level == crate::rules::diagnostic::Level::Error && x.zh.contains("负数")));
    // elsewhere a negative actual stays an error (R3)
    e.indicators[0].name = "培训人次".into();
    e.indicators[0].target = "≥100人次".into();
    e.indicators[0].actual = "-5人次".into();
    assert!(assess(&e)
        .diagnostics
        .iter()
        .any(|x| x.level == crate::rules::diagnostic::Level::Error && x.zh.contains("负数")));
}

#[test]
fn an_adjusted_target_is_what_a_row_is_scored_against() {
    let mut e = new_form(
        "a".into(),
        "2021".into(),
        0,
        TemplateId::ChongqingDepartment,
    );
    e.indicators = vec![Indicator {
        id: "a-r0".into(),
        level2: Level2::Quantity,
        name: "组织宣传活动次数".into(),
        target: "≥50次".into(),
        actual: "43次".into(),
        weight: "10".into(),
        ..Indicator::default()
    }];
    // against 50: 10 × 43/50 = 8.60
    assert_eq!(assess(&e).indicators[0].rule, RuleScore::Exact(d("8.6")));
    // adjusted to 40 (its unit and operator those of the 年初指标值): met
    e.indicators[0].adjusted_target = "40".into();
    assert_eq!(assess(&e).indicators[0].rule, RuleScore::Exact(d("10")));
    // a row whose 年初指标值 is blank is of the kind its 调整指标值 says (≥40次: 正向)
    let mut blank = e.clone();
    blank.indicators[0].target.clear();
    blank.indicators[0].adjusted_target = "≥40次".into();
    let a = assess(&blank);
    assert_eq!(a.indicators[0].kind, IndicatorKind::Positive);
    assert_eq!(a.indicators[0].rule, RuleScore::Exact(d("10")));
    // an adjusted target that is not a number is reported on its own cell
    e.indicators[0].adjusted_target = "待定".into();
    let a = assess(&e);
    assert!(a.diagnostics.iter().any(|x| x.field
        == crate::rules::Field::Indicator(
            "a-r0".into(),
            crate::rules::IndicatorField::AdjustedTarget
        )));
}
