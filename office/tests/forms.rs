//! Every form fixture (tests/fixtures/forms/, one per layout family) as LibreOffice writes it in
//! .xlsx, .xls and .docx, read by the office module and the recogniser: the same fields, scores
//! and notes whatever the format. The files are read from `$ZIPING_OFFICE_FIXTURES` (the test
//! command makes them afresh with scripts/office-fixtures.sh) or from office/tests/fixtures/.

use rust_decimal::Decimal;
use ziping::import::{Note, Outcome, Recognised};
use ziping::model::{IndicatorKind, Level2, QualitativeTier, TemplateId};
use ziping::rules::{assess, Field, Level, RuleId};

fn dir() -> std::path::PathBuf {
    match std::env::var_os("ZIPING_OFFICE_FIXTURES") {
        Some(d) => d.into(),
        None => std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"),
    }
}

fn read(file: &str) -> Outcome {
    let path = dir().join(file);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    ziping_office::import_file(file, &bytes).unwrap_or_else(|e| panic!("{file}: {}", e.zh()))
}

/// The one form of a fixture, in each of the three formats.
fn each_format(stem: &str) -> Vec<(String, Recognised)> {
    ["xlsx", "xls", "docx"]
        .iter()
        .map(|ext| {
            let file = format!("{stem}.{ext}");
            let out = read(&file);
            assert_eq!(out.forms.len(), 1, "{file}: {:?}", out.found);
            (file, out.forms.into_iter().next().expect("one form"))
        })
        .collect()
}

fn d(s: &str) -> Decimal {
    s.parse().expect("literal")
}

/// An amount as a number: LibreOffice writes "24.00" typed in HTML as the number 24.
fn n(s: &str) -> Decimal {
    ziping::parse::parse_number(s)
        .ok()
        .flatten()
        .map(|(n, _)| n)
        .unwrap_or_else(|| panic!("not a number: {s:?}"))
}

fn total(f: &Recognised) -> Decimal {
    assess(&f.evaluation).total
}

#[test]
fn mof_standard() {
    for (file, f) in each_format("mof-standard") {
        assert_eq!(f.evaluation.template, TemplateId::Mof2020, "{file}");
    }
    for (file, f) in each_format("mof-standard") {
        let e = &f.evaluation;
        assert_eq!(
            e.project_name, "基层农技推广体系改革与建设补助项目",
            "{file}"
        );
        assert_eq!(e.department, "天长市农业农村局", "{file}");
        assert_eq!(e.implementing_unit, "天长市农业技术推广中心", "{file}");
        assert_eq!(e.year, "2022", "{file}");
        assert_eq!(n(&e.funds.total.initial_budget), d("24"), "{file}");
        assert_eq!(n(&e.funds.total.annual_budget), d("26.5"), "{file}");
        assert_eq!(n(&e.funds.total.executed), d("25.18"), "{file}");
        assert_eq!(n(&e.funds.carried_over.annual_budget), d("2.5"), "{file}");
        assert_eq!(n(&e.funds.claimed), d("9.5"), "{file}");
        assert_eq!(n(&e.funds.claimed_rate), d("95.02"), "{file}");
        assert!(
            e.goal.expected.starts_with("培训基层农技人员300人次以上"),
            "{file}"
        );
        // placeholders (指标2：, 指标1：, ……) and "/" rows are not indicators
        let names: Vec<&str> = e.indicators.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "培训基层农技人员人次",
                "培训考核合格率",
                "完成时限",
                "人均培训成本",
                "农技服务能力提升",
                "参训人员满意度"
            ],
            "{file}"
        );
        let cost = &e.indicators[3];
        assert_eq!(
            (cost.level2, cost.target.as_str(), cost.actual.as_str()),
            (Level2::Cost, "≤800元", "850元")
        );
        // 部分达成预期指标: the tier the form states
        assert_eq!(
            e.indicators[4].tier,
            Some(QualitativeTier::Partial),
            "{file}"
        );
        assert_eq!(n(&e.claimed_total), d("89.41"), "{file}");
        assert_eq!(total(&f), d("89.41"), "{file}");
        // the form scores the reverse indicator 15 × 800/850 = 14.12; MOF's rule gives 14.06
        let a = assess(e);
        let r = a.indicator(&cost.id).expect("row");
        assert_eq!(r.rule.exact(), Some(d("14.06")), "{file}");
        assert_eq!(r.departure, Some(d("0.06")), "{file}");
        assert_eq!(e.sign_off.preparer, "王芳", "{file}");
        assert_eq!(e.sign_off.date, "2023年3月10日", "{file}");
        assert_eq!(e.sign_off.head, "李强", "{file}");
        assert!(f.unplaced.is_empty(), "{file}: {:?}", f.unplaced);
    }
}

#[test]
fn mof_departures_zhongjiang() {
    for (file, f) in each_format("mof-zhongjiang") {
        let e = &f.evaluation;
        assert_eq!(e.year, "2022", "{file}");
        // no 年初预算数 column: (A)/(B) titles map to 全年预算数 / 全年执行数
        assert_eq!(e.funds.total.initial_budget, "", "{file}");
        assert_eq!(n(&e.funds.total.annual_budget), d("80"), "{file}");
        assert_eq!(n(&e.funds.total.executed), d("76.8"), "{file}");
        assert_eq!(n(&e.funds.claimed_rate), d("96"), "{file}");
        // 年初设定目标 / 年度总体目标完成情况综述 written as label + text
        assert!(e.goal.expected.starts_with("新建灌溉渠道266米"), "{file}");
        assert!(e.goal.achieved.starts_with("完成渠道266米"), "{file}");
        // weights in headings
        assert_eq!(
            (
                e.level1_weights.output.as_str(),
                e.level1_weights.benefit.as_str(),
                e.level1_weights.satisfaction.as_str()
            ),
            ("60", "20", "10"),
            "{file}"
        );
        // 分值 before 年度指标值, 全年实际值, the reason column titled 未完成原因…
        let late = &e.indicators[3];
        assert_eq!(late.name, "项目完工及时率");
        assert_eq!(
            (
                late.weight.as_str(),
                late.target.as_str(),
                late.actual.as_str()
            ),
            ("10", "≥95%", "90%")
        );
        assert_eq!(late.claimed, "9.47");
        assert_eq!(late.reason, "雨季影响工期，已督促加快进度");
        // an actual value written with its operator
        assert_eq!(e.indicators[0].actual, "≥266米");
        let a = assess(e);
        assert_eq!(
            a.indicator(&e.indicators[0].id)
                .and_then(|r| r.rule.exact()),
            Some(d("15"))
        );
        // 项目负责人及电话 is kept in the note
        assert!(
            e.note.contains("项目负责人及电话：刘建 0838-7202211"),
            "{file}: {}",
            e.note
        );
        // the printed 总分 99 departs from the scores' sum 99.07
        assert_eq!(total(&f), d("99.07"), "{file}");
        assert!(a
            .diagnostics_for(&Field::ClaimedTotal)
            .any(|x| x.rule == RuleId::R6 && x.zh.contains("99.07")));
        assert!(f.unplaced.is_empty(), "{file}: {:?}", f.unplaced);
    }
}

#[test]
fn extra_columns_are_mapped_or_kept() {
    for (file, f) in each_format("extra-columns") {
        let e = &f.evaluation;
        // 度量单位 joined to bare numbers, 指标方向 read, 完成值 is the actual
        let hours = &e.indicators[1];
        assert_eq!(
            (hours.target.as_str(), hours.actual.as_str()),
            ("≤5天", "4.5天"),
            "{file}"
        );
        let complaints = &e.indicators[2];
        assert_eq!(
            (complaints.target.as_str(), complaints.actual.as_str()),
            ("3次", "4次")
        );
        assert_eq!(complaints.reason, "个别窗口服务态度问题，已加强培训");
        let a = assess(e);
        let r = a.indicator(&complaints.id).expect("row");
        assert_eq!(r.kind, IndicatorKind::Negative, "{file}");
        assert_eq!(r.rule.exact(), Some(d("6.67")), "{file}");
        // 正向 beside a text target does not make it quantitative
        let soft = &e.indicators[4];
        assert_eq!(soft.kind_override, None, "{file}");
        assert_eq!(soft.tier, Some(QualitativeTier::Achieved), "{file}");
        // 复核分 is the row's review; 是否核心指标 is each row's core flag (shown in its own
        // column whatever the template, docs/TEMPLATES.md)
        assert_eq!(complaints.review.score, "6", "{file}");
        assert!(
            !f.notes.contains(&Note::ColumnKept("复核分".into())),
            "{file}"
        );
        let core: Vec<bool> = e.indicators.iter().map(|r| r.core).collect();
        assert_eq!(&core[..4], [true, false, false, true], "{file}");
        assert!(
            !f.notes.contains(&Note::ColumnKept("是否核心指标".into())),
            "{file}"
        );
        assert!(!e.note.contains("是否核心指标"), "{file}: {}", e.note);
        assert_eq!(e.template, TemplateId::Mof2020, "{file}");
        assert_eq!(total(&f), d("95.37"), "{file}");
        assert_eq!(n(&e.claimed_total), d("95.37"), "{file}");
        assert_eq!(e.sign_off.head, "周勇", "{file}");
    }
}

#[test]
fn split_target_yunnan_two_row_header() {
    for (file, f) in each_format("yunnan-split") {
        let e = &f.evaluation;
        assert_eq!(e.year, "2020", "{file}");
        assert!(f.notes.contains(&Note::TargetJoined), "{file}");
        // the split target tells the template (docs/TEMPLATES.md T3)
        assert_eq!(e.template, TemplateId::SplitTarget, "{file}");
        assert!(f.notes.contains(&Note::Template(TemplateId::SplitTarget)));
        let targets: Vec<&str> = e.indicators.iter().map(|r| r.target.as_str()).collect();
        // "﹦" (U+FE66) kept as typed; it reads as "="
        assert_eq!(
            targets,
            ["﹦72890元", "﹦100%", "﹦100%", "≥95%", "≥95%"],
            "{file}"
        );
        let a = assess(e);
        assert!(
            a.indicators
                .iter()
                .take(3)
                .all(|r| r.kind == IndicatorKind::Equal),
            "{file}"
        );
        // actual = target yet 9 of 10 claimed: a departure from the rule's 10
        assert_eq!(a.indicators[0].departure, Some(d("-1")), "{file}");
        assert_eq!(n(&e.indicators[0].weight), d("10"));
        assert_eq!(total(&f), d("93.5"), "{file}");
        assert!(f.unplaced.is_empty(), "{file}: {:?}", f.unplaced);
    }
}

#[test]
fn split_target_sichuan_one_row() {
    for (file, f) in each_format("sichuan-split") {
        let e = &f.evaluation;
        assert_eq!(e.year, "2023", "{file}");
        // funds by source (财政资金, 财政专户管理资金, 单位资金): the 四川 form (T4)
        assert_eq!(e.template, TemplateId::Sichuan2023, "{file}");
        assert!(f.notes.contains(&Note::Template(TemplateId::Sichuan2023)));
        assert_eq!(e.project_name, "51142221R000000019951-农村公路养护经费");
        assert_eq!(e.implementing_unit, "青神县农村公路养护中心");
        assert!(
            e.goal.expected.starts_with("完成农村公路养护里程120公里"),
            "{file}"
        );
        // 调整后预算数 is the annual budget (not 年度预算数 over the row labels)
        assert_eq!(n(&e.funds.total.annual_budget), d("350"), "{file}");
        assert_eq!(n(&e.funds.total.executed), d("342.6"), "{file}");
        assert_eq!(n(&e.funds.fiscal.executed), d("342.6"), "{file}");
        assert_eq!(n(&e.funds.special_account.annual_budget), d("0"), "{file}");
        assert_eq!(n(&e.funds.unit_funds.executed), d("0"), "{file}");
        assert!(e.funds.current_year.is_blank(), "{file}");
        assert_eq!(e.funds.weight, "10", "{file}");
        let targets: Vec<&str> = e.indicators.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(
            targets,
            ["≥120公里", "=100%", "≥95%", "≤350万元", "明显改善", "≥90%"],
            "{file}"
        );
        assert_eq!(e.indicators[0].actual, "118公里");
        assert_eq!(e.indicators[3].level2, Level2::Cost);
        assert_eq!(
            e.indicators[4].kind_override, None,
            "定性 is what the text already says"
        );
        let a = assess(e);
        assert_eq!(a.indicators[0].rule.exact(), Some(d("19.67")), "{file}");
        assert_eq!(total(&f), d("99.46"), "{file}");
        // no 一级 weights printed: none invented (the rows' 权重 and the 10 add up to 100, R1)
        assert!(
            ziping::model::Level1::ALL
                .iter()
                .all(|l| e.level1_weights.get(*l).is_empty()),
            "{file}: {:?}",
            e.level1_weights
        );
        assert!(
            !a.diagnostics.iter().any(|x| x.rule == RuleId::R1),
            "{file}: {:#?}",
            a.diagnostics
        );
        // the fund rows add up (财政资金 350 + 0 + 0 = 总额 350): no R2 warning
        assert!(
            !a.diagnostics
                .iter()
                .any(|x| x.rule == RuleId::R2 && x.zh.contains("分项")),
            "{file}: {:#?}",
            a.diagnostics
        );
        assert!(
            e.note.contains("评价结论：项目总体完成较好"),
            "{file}: {}",
            e.note
        );
        assert!(e.note.contains("项目负责人：张林"), "{file}: {}", e.note);
    }
}

#[test]
fn hubei_2020_blocks_without_row_weights() {
    for (file, f) in each_format("hubei-2020") {
        let e = &f.evaluation;
        // 年度绩效目标 blocks and 20 points for execution: the 湖北 2020 form (T2)
        assert_eq!(e.template, TemplateId::Hubei2020, "{file}");
        assert!(f.notes.contains(&Note::Template(TemplateId::Hubei2020)));
        assert_eq!(
            e.implementing_unit, "黄冈市水土保持与农田水利科研所",
            "{file}"
        );
        assert_eq!(e.sign_off.date, "2021年3月10日", "{file}");
        // one 年度财政资金总额 row scored 20 × 执行率
        assert_eq!(e.funds.weight, "20", "{file}");
        assert_eq!(n(&e.funds.total.annual_budget), d("56"), "{file}");
        assert_eq!(n(&e.funds.claimed), d("18.86"), "{file}");
        assert_eq!(e.indicators.len(), 8, "{file}");
        assert!(e.indicators.iter().all(|r| r.weight.is_empty()), "{file}");
        assert!(f.notes.contains(&Note::NoRowWeights), "{file}");
        assert!(f.notes.contains(&Note::SatisfactionUnderBenefit), "{file}");
        assert!(f.notes.contains(&Note::BlockPoints(
            "年度绩效目标1".into(),
            "40".into(),
            "39.9".into()
        )));
        // 进度指标 is 时效; 满意度 under 效益 is 服务对象满意度
        assert_eq!(e.indicators[2].level2, Level2::Timeliness);
        assert_eq!(e.indicators[5].level2, Level2::ServiceSatisfaction);
        let a = assess(e);
        // no rule score and no departure against 0 for rows without weights
        assert!(
            a.indicators.iter().all(|r| r.rule.exact().is_none()),
            "{file}"
        );
        assert_eq!(a.departures().count(), 0, "{file}");
        let once: Vec<_> = a
            .diagnostics
            .iter()
            .filter(|x| x.zh.contains("分值未填，无法按规则计分"))
            .collect();
        assert_eq!(once.len(), 8, "{file}");
        assert!(!a
            .diagnostics
            .iter()
            .any(|x| x.level == Level::Warning && x.rule == RuleId::R1 && x.zh.contains("合计为")));
        assert_eq!(total(&f), d("98.76"), "{file}");
        // block 2's rows claim its 40 points in full: their weights are implied
        assert_eq!(
            f.proposed_weights,
            vec![(6, "20".into()), (7, "20".into())],
            "{file}"
        );
        let accepted = f.with_proposed_weights();
        assert_eq!(accepted.indicators[6].weight, "20");
    }
}

#[test]
fn weights_in_headings_and_amounts_in_yuan() {
    for (file, f) in each_format("headings-yuan") {
        let e = &f.evaluation;
        assert_eq!(e.year, "2023", "{file}");
        assert_eq!(e.level1_weights.output, "50", "{file}");
        assert_eq!(e.level1_weights.benefit, "30", "{file}");
        assert!(f.notes.contains(&Note::AmountsInYuan), "{file}");
        // the unit is kept: the engine says amounts are in 元
        assert_eq!(e.funds.total.annual_budget, "240000元", "{file}");
        let a = assess(e);
        assert!(
            a.diagnostics
                .iter()
                .any(|x| x.zh.contains("写作“240000元”")),
            "{file}"
        );
        assert_eq!(a.execution.rate, Some(d("0.95")), "{file}");
        assert_eq!(total(&f), d("98.5"), "{file}");
    }
}

#[test]
fn none_marks_placeholders_names_with_targets_and_lookalike_glyphs() {
    for (file, f) in each_format("none-and-glyphs") {
        let e = &f.evaluation;
        // "/", "无", "—", "-" in amount and score cells are nothing
        assert_eq!(e.funds.carried_over, Default::default(), "{file}");
        assert_eq!(e.funds.other, Default::default(), "{file}");
        let names: Vec<&str> = e.indicators.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "维修水厂数",
                "水质检测合格率",
                "维修及时率",
                "单处维修成本",
                "受益人口",
                "供水设施正常运行率",
                "用水户满意度"
            ],
            "{file}"
        );
        // the target written inside the name, after "指标1："
        assert_eq!(e.indicators[0].target, "≧5个", "{file}");
        let a = assess(e);
        // ≧ ＞＝ ⩾ ≦ ﹥ ≮ 不低于: every target reads as a quantity with its operator
        for r in &a.indicators {
            assert_ne!(r.kind, IndicatorKind::Qualitative, "{file}: {:?}", r.id);
            assert!(r.rule.exact().is_some(), "{file}: {:?}", r.id);
        }
        assert_eq!(total(&f), d("100"), "{file}");
        assert_eq!(a.departures().count(), 0, "{file}");
        assert!(f.unplaced.is_empty(), "{file}: {:?}", f.unplaced);
    }
}

#[test]
fn two_forms_in_one_document_with_a_repeated_header() {
    for ext in ["xlsx", "xls", "docx"] {
        let file = format!("two-forms.{ext}");
        let out = read(&file);
        let names: Vec<&str> = out
            .forms
            .iter()
            .map(|f| f.evaluation.project_name.as_str())
            .collect();
        assert_eq!(names, ["图书馆免费开放", "文化馆公共文化服务"], "{file}");
        assert_eq!(
            out.forms[0].evaluation.indicators.len(),
            4,
            "the repeated header is not a row"
        );
        let totals: Vec<Decimal> = out.forms.iter().map(total).collect();
        assert_eq!(totals, [d("99.5"), d("88")], "{file}");
        for f in &out.forms {
            assert!(f.unplaced.is_empty(), "{file}: {:?}", f.unplaced);
            assert_eq!(f.evaluation.year, "2022");
        }
    }
}

#[test]
fn spreadsheet_formats_formulas_dates_and_sheets() {
    for ext in ["xlsx", "xls"] {
        let file = format!("formats.{ext}");
        let out = read(&file);
        assert_eq!(out.forms.len(), 2, "{file}: one form per sheet");
        let e = &out.forms[0].evaluation;
        // a formula's cached result through its format
        assert_eq!(e.funds.claimed_rate, "95.00%", "{file}");
        assert_eq!(e.funds.claimed, "9.50", "{file}");
        // 0.97 shown as 97%, 520 shown as 520人, 400000 in a narrow column (4E+05) in full
        assert_eq!(e.indicators[0].actual, "520人", "{file}");
        assert_eq!(e.indicators[1].actual, "97%", "{file}");
        assert_eq!(e.indicators[2].actual, "400000", "{file}");
        // a date cell as the sheet shows it
        assert_eq!(e.sign_off.date, "2024年3月15日", "{file}");
        assert_eq!(e.claimed_total, "96.50", "{file}");
        assert_eq!(total(&out.forms[0]), d("96.5"), "{file}");
        let a = assess(e);
        assert_eq!(
            a.indicators[1].rule.exact(),
            Some(d("15")),
            "{file}: 97% vs ≥95%"
        );
        let b = &out.forms[1].evaluation;
        assert_eq!(b.project_name, "残疾人两项补贴", "{file}");
        assert_eq!(b.indicators[1].actual, "100%", "{file}");
        assert_eq!(total(&out.forms[1]), d("100"), "{file}");
        assert!(out.forms[0].at.document == "社区养老服务", "{file}");
    }
}

#[test]
fn not_a_form_says_what_was_found() {
    let bytes = "姓名\t电话\n张三\t123\n".as_bytes();
    let out = ziping_office::import_file("contacts.txt", bytes).expect("read");
    assert!(out.forms.is_empty() && out.rows.is_empty());
    let m = out.found.message(ziping::i18n::Lang::Zh);
    assert!(m.starts_with("未找到自评表"), "{m}");
    assert!(m.contains("姓名"), "{m}");
}

#[test]
fn hunan_department_form_by_income_and_spending_nature() {
    for (file, f) in each_format("hunan-dept") {
        let e = &f.evaluation;
        // the title says 部门整体; its funds by income and spending nature: T5 (docs/TEMPLATES.md)
        assert_eq!(e.template, TemplateId::Department, "{file}");
        assert!(f.notes.contains(&Note::Template(TemplateId::Department)));
        assert_eq!(e.department, "衡山县贯塘乡人民政府", "{file}");
        assert_eq!(e.project_name, "", "{file}");
        assert_eq!(e.year, "2023", "{file}");
        assert_eq!(n(&e.funds.total.initial_budget), d("861.1"), "{file}");
        assert_eq!(
            n(&e.funds.general_budget.annual_budget),
            d("1325.68"),
            "{file}"
        );
        assert_eq!(n(&e.funds.government_fund.executed), d("118.82"), "{file}");
        assert!(e.funds.special_account.is_blank(), "{file}");
        assert_eq!(n(&e.funds.other.annual_budget), d("585.62"), "{file}");
        assert_eq!(n(&e.funds.basic.executed), d("900.47"), "{file}");
        assert_eq!(n(&e.funds.project.executed), d("1025.2"), "{file}");
        assert_eq!(e.funds.claimed, "10", "{file}");
        let a = assess(e);
        // income adds up (1325.68 + 118.82 + 585.62 = 2030.12); spending does not (1925.67)
        let sums: Vec<&str> = a
            .diagnostics
            .iter()
            .filter(|x| x.rule == RuleId::R2 && x.zh.contains("分项"))
            .map(|x| x.zh.as_str())
            .collect();
        assert_eq!(sums.len(), 2, "{file}: {sums:#?}");
        assert!(
            sums.iter()
                .all(|s| s.contains("基本支出＋项目支出") && s.contains("104.45")),
            "{file}: {sums:#?}"
        );
        assert_eq!(e.indicators.len(), 7, "{file}");
        assert_eq!(total(&f), d("95"), "{file}");
        assert_eq!(n(&e.claimed_total), d("95"), "{file}");
        assert_eq!(e.sign_off.head, "王强", "{file}");
        assert!(f.unplaced.is_empty(), "{file}: {:?}", f.unplaced);
    }
}

#[test]
fn chongqing_flat_department_form() {
    for (file, f) in each_format("chongqing-dept") {
        let e = &f.evaluation;
        // a flat list with 得分系数, 调整指标值, 是否核心指标 under a 部门整体 title: T7
        assert_eq!(e.template, TemplateId::ChongqingDepartment, "{file}");
        assert_eq!(e.department, "西部（重庆）科学城融媒体中心", "{file}");
        assert_eq!(e.year, "2021", "{file}");
        // the fund values sit under the titles without a row label: the total
        assert_eq!(n(&e.funds.total.annual_budget), d("520"), "{file}");
        assert_eq!(n(&e.funds.total.executed), d("395.2"), "{file}");
        assert_eq!(e.funds.weight, "10", "{file}");
        assert_eq!(n(&e.funds.claimed), d("7.6"), "{file}");
        assert_eq!(n(&e.claimed_total), d("97.6"), "{file}");
        assert!(e.indicators.iter().all(|r| r.level2 == Level2::Quantity));
        let names: Vec<&str> = e.indicators.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(names.len(), 7, "{file}: {names:?}");
        // 计量单位 joined to the values; 调整指标值 and 是否核心指标 read
        let events = &e.indicators[5];
        assert_eq!(
            (
                events.target.as_str(),
                events.adjusted_target.as_str(),
                events.actual.as_str()
            ),
            ("50次", "40", "43次"),
            "{file}"
        );
        let core: Vec<bool> = e.indicators.iter().map(|r| r.core).collect();
        assert_eq!(
            core,
            [false, true, true, false, true, true, false],
            "{file}"
        );
        let a = assess(e);
        // 7.6 + the claimed 90 = 97.6 as printed; the rules give 政府采购执行率 2 × 72.74 % =
        // 1.45, not the 2 claimed: a departure (R6)
        assert_eq!(total(&f), d("97.6"), "{file}");
        assert_eq!(a.indicators[2].rule.exact(), Some(d("1.45")), "{file}");
        assert!(a.indicators[2].departure.is_some(), "{file}");
        assert_eq!(a.indicators[5].rule.exact(), Some(d("10")), "{file}");
        assert!(
            !a.diagnostics.iter().any(|x| x.field == Field::ClaimedTotal),
            "{file}"
        );
        // a flat form prints no 一级 weights: none invented, no R1 warning on cells it lacks
        assert!(
            !a.diagnostics.iter().any(|x| x.rule == RuleId::R1),
            "{file}: {:#?}",
            a.diagnostics
        );
    }
}
