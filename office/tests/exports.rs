//! The exports read back: a workbook and a Word document ziping writes, imported through the
//! office module and the recogniser, give back the same forms — every field as typed, the same
//! scores and totals. (LibreOffice's view of the same files is checked by
//! scripts/office-exports.sh in the test command.)

use ziping::import::Outcome;
use ziping::model::{Evaluation, IndicatorKind, Level2, QualitativeTier};
use ziping::rules::{assess, num::fmt2};
use ziping_office::export::{export, Bundle, Kind, Progress, Quiet};

fn samples() -> Vec<Evaluation> {
    ziping::samples::SAMPLES.iter().map(|s| s.build()).collect()
}

/// A form that uses what the samples do not: scores left to the rules, a kind and a tier set by
/// hand, an indicator that does not apply, 一级 weights, a reason for the execution, a note,
/// printed claims, units typed with amounts, text that looks like a formula, line breaks.
fn unusual() -> Evaluation {
    let mut e = samples().remove(2);
    e.id = "unusual".into();
    e.project_name = "=HYPERLINK(\"http://x\")项目".into();
    e.implementing_unit = "+实施单位\n第二行".into();
    e.funds.total.initial_budget = "1,200.50".into();
    e.funds.claimed.clear();
    e.funds.reason = "年中追加资金，执行率按全年预算数计算。".into();
    e.level1_weights.output = "45".into();
    e.level1_weights.satisfaction.clear();
    e.goal.expected = "目标一\n目标二".into();
    e.indicators[0].claimed.clear();
    e.indicators[1].kind_override = Some(IndicatorKind::Qualitative);
    e.indicators[1].tier = Some(QualitativeTier::Partial);
    e.indicators[1].claimed.clear();
    e.indicators[2].target = "-5%".into();
    e.indicators[2].reason = "@提醒：这不是公式".into();
    e.indicators[3].target = "无".into();
    e.indicators[3].actual = "无".into();
    e.indicators[3].claimed = "5".into();
    e.indicators[4].weight = "5分".into();
    e.claimed_total = "80".into();
    e.claimed_grade = "良".into();
    e.note = "表上未填年度资金总额的执行数，已按分项填写。".into();
    // the finance bureau's 复核: two rows, the fund score, the opinion over two lines
    e.indicators[0].review.score = "4".into();
    e.indicators[0].review.opinion = "数量指标无佐证；扣1分".into();
    e.indicators[5].review.opinion = "同意".into();
    e.review.fund.score = "9".into();
    e.review.fund.opinion = "执行率：按全年预算数".into();
    e.review.opinion = "偏差原因需补充。\n满意度调查无样本量".into();
    e.review.reviewer = "王五".into();
    e.review.date = "2023-05-06".into();
    e.review.done = true;
    e
}

/// Every field of a form a user typed (ids and times aside).
fn fields(e: &Evaluation) -> Vec<(String, String)> {
    let mut out = vec![
        ("project_name".into(), e.project_name.clone()),
        ("department".into(), e.department.clone()),
        ("implementing_unit".into(), e.implementing_unit.clone()),
        ("year".into(), e.year.clone()),
        ("funds.weight".into(), e.funds.weight.clone()),
        ("funds.claimed".into(), e.funds.claimed.clone()),
        ("funds.reason".into(), e.funds.reason.clone()),
        ("funds.claimed_rate".into(), e.funds.claimed_rate.clone()),
        ("goal.expected".into(), e.goal.expected.clone()),
        ("goal.achieved".into(), e.goal.achieved.clone()),
        ("sign_off.preparer".into(), e.sign_off.preparer.clone()),
        ("sign_off.date".into(), e.sign_off.date.clone()),
        ("sign_off.phone".into(), e.sign_off.phone.clone()),
        ("sign_off.head".into(), e.sign_off.head.clone()),
        ("claimed_total".into(), e.claimed_total.clone()),
        ("claimed_grade".into(), e.claimed_grade.clone()),
        ("note".into(), e.note.clone()),
        ("template".into(), e.template.key().into()),
        ("review.fund.score".into(), e.review.fund.score.clone()),
        ("review.fund.opinion".into(), e.review.fund.opinion.clone()),
        ("review.opinion".into(), e.review.opinion.clone()),
        ("review.reviewer".into(), e.review.reviewer.clone()),
        ("review.date".into(), e.review.date.clone()),
        ("review.done".into(), e.review.done.to_string()),
        ("level1.output".into(), e.level1_weights.output.clone()),
        ("level1.benefit".into(), e.level1_weights.benefit.clone()),
    ];
    for l in ziping::model::Level1::ALL {
        out.push((
            format!("level1.{}", l.name_zh()),
            e.level1_weights.get(l).to_string(),
        ));
    }
    for k in ziping::model::FundRowKind::ALL {
        for c in ziping::model::FundColumn::ALL {
            out.push((
                format!("funds.{k:?}.{c:?}"),
                e.funds.row(k).get(c).to_string(),
            ));
        }
    }
    for (i, r) in e.indicators.iter().enumerate() {
        let p = |f: &str| format!("indicators[{i}].{f}");
        out.push((p("level2"), format!("{:?}", r.level2)));
        out.push((p("name"), r.name.clone()));
        out.push((p("target"), r.target.clone()));
        out.push((p("adjusted_target"), r.adjusted_target.clone()));
        out.push((p("core"), r.core.to_string()));
        out.push((p("actual"), r.actual.clone()));
        out.push((p("weight"), r.weight.clone()));
        out.push((p("claimed"), r.claimed.clone()));
        out.push((p("reason"), r.reason.clone()));
        out.push((p("kind"), format!("{:?}", r.kind_override)));
        out.push((p("tier"), format!("{:?}", r.tier)));
        out.push((p("review.score"), r.review.score.clone()));
        out.push((p("review.opinion"), r.review.opinion.clone()));
    }
    out.push(("indicators".into(), e.indicators.len().to_string()));
    out
}

/// The forms read back are the forms written: field by field, and in their scores.
fn same_forms(what: &str, written: &[Evaluation], read: &Outcome) {
    let got: Vec<&Evaluation> = read.forms.iter().map(|f| &f.evaluation).collect();
    assert_eq!(got.len(), written.len(), "{what}: forms read back");
    for (w, g) in written.iter().zip(got) {
        let (fw, fg) = (fields(w), fields(g));
        let diffs: Vec<String> = fw
            .iter()
            .zip(&fg)
            .filter(|(a, b)| a != b)
            .map(|(a, b)| format!("{}: wrote {:?}, read {:?}", a.0, a.1, b.1))
            .collect();
        assert!(
            diffs.is_empty(),
            "{what} «{}»:\n{}",
            w.project_name,
            diffs.join("\n")
        );
        assert_eq!(fw.len(), fg.len(), "{what}: {}", w.project_name);
        let (aw, ag) = (assess(w), assess(g));
        assert_eq!(
            fmt2(aw.total),
            fmt2(ag.total),
            "{what}: total of {}",
            w.project_name
        );
        assert_eq!(aw.grade, ag.grade);
        assert_eq!(aw.rule_total, ag.rule_total);
        assert_eq!(
            aw.review.map(|r| (r.total, r.grade)),
            ag.review.map(|r| (r.total, r.grade)),
            "{what}: 复核 of {}",
            w.project_name
        );
    }
}

/// The forms of tests/fixtures/v3: a 湖北 2020 form and a split-target form.
fn templated() -> Vec<Evaluation> {
    let raw = include_bytes!("../../tests/fixtures/v3/templates.json");
    ziping::exchange::json::parse_export(raw)
        .unwrap()
        .evaluations
}

fn bundle() -> Bundle {
    let mut evaluations = samples();
    evaluations.push(unusual());
    evaluations.extend(templated());
    Bundle {
        evaluations,
        departments: vec![ziping::samples::department_sample()],
        table: None,
    }
}

#[test]
fn the_workbook_reads_back_as_the_same_forms() {
    let b = bundle();
    let bytes = export(Kind::Workbook, &b, &mut Quiet).expect("workbook");
    let read = ziping_office::import_file("导出.xlsx", &bytes).expect("reads");
    same_forms("xlsx", &b.evaluations, &read);
    // one form alone: no 汇总表, the same form
    let one = Bundle {
        evaluations: vec![unusual()],
        departments: Vec::new(),
        table: None,
    };
    let bytes = export(Kind::Workbook, &one, &mut Quiet).expect("workbook");
    let read = ziping_office::import_file("one.xlsx", &bytes).expect("reads");
    same_forms("xlsx, one form", &one.evaluations, &read);
}

#[test]
fn the_word_report_and_forms_read_back_as_the_same_forms() {
    let b = bundle();
    for kind in [Kind::Report, Kind::FormsDocument] {
        let bytes = export(kind, &b, &mut Quiet).expect("document");
        let read = ziping_office::import_file("报告.docx", &bytes).expect("reads");
        // the report puts the department's own forms first, then the projects'
        let mut written = b.evaluations.clone();
        if kind == Kind::Report {
            written.sort_by_key(|e| !e.template.is_department());
        }
        same_forms(&format!("{kind:?}"), &written, &read);
    }
}

struct Steps(Vec<(usize, usize)>);

impl Progress for Steps {
    fn step(&mut self, done: usize, total: usize) {
        self.0.push((done, total));
    }
}

#[test]
fn progress_is_told_form_by_form() {
    let b = bundle();
    let n = b.evaluations.len();
    for kind in [Kind::Workbook, Kind::Report, Kind::FormsDocument] {
        let mut steps = Steps(Vec::new());
        export(kind, &b, &mut steps).expect("export");
        let want: Vec<(usize, usize)> = (1..=n).map(|i| (i, n)).collect();
        assert_eq!(steps.0, want, "{kind:?}");
    }
}

#[test]
fn nothing_to_export_is_said_so() {
    let empty = Bundle::default();
    for kind in [Kind::Workbook, Kind::Report, Kind::FormsDocument] {
        let e = export(kind, &empty, &mut Quiet).expect_err("nothing");
        assert_eq!(e.zh(), "没有可导出的表");
    }
    let bad = ziping_office::export::bundle_of("{\"evaluations\": 5}").expect_err("not a bundle");
    assert!(bad.zh().starts_with("要导出的数据有误"), "{}", bad.zh());
    let _ = Level2::Quantity;
}

/// Text that would be a formula stays text, control characters go, and a 1 MB cell is cut with a
/// note: the workbook still opens, and the hostile text is read back as text.
#[test]
fn hostile_text_is_written_as_text_and_huge_cells_are_cut() {
    use calamine::{Data, Reader, Xlsx};
    let mut e = unusual();
    e.goal.achieved = "完成".repeat(500_000); // 1,000,000 characters
    e.indicators[0].reason = "@SUM(1+1)\u{1}\u{7}".into();
    e.indicators[1].reason = "=1+1".into();
    e.indicators[2].reason = "+1".into();
    let b = Bundle {
        evaluations: vec![e.clone()],
        departments: Vec::new(),
        table: None,
    };
    let bytes = export(Kind::Workbook, &b, &mut Quiet).expect("workbook");
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes.clone())).expect("opens");
    let name = book.sheet_names()[0].clone();
    let values = book.worksheet_range(&name).expect("sheet");
    let formulas = book.worksheet_formula(&name).expect("formulas");
    let texts: Vec<String> = values
        .used_cells()
        .filter_map(|(_, _, v)| match v {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    for t in ["=HYPERLINK(\"http://x\")项目", "@SUM(1+1)", "=1+1", "+1"] {
        assert!(texts.iter().any(|x| x == t), "{t} kept as text");
    }
    // only ziping's own formulas are formulas
    for (_, _, f) in formulas.used_cells() {
        let ours = f.chars().all(|c| {
            c.is_ascii_uppercase()
                || c.is_ascii_digit()
                || "+-*/(),.=<>\":".contains(c)
                || "优良中差".contains(c)
        });
        assert!(
            ours && !f.contains("HYPERLINK") && !f.contains("1+1"),
            "unexpected formula {f}"
        );
    }
    let cut = texts
        .iter()
        .find(|t| t.starts_with("完成完成"))
        .expect("the long goal");
    assert_eq!(cut.chars().count(), 32_767);
    assert!(cut.ends_with("以下已截去）"));
    // and the form reads back with everything else as typed
    let read = ziping_office::import_file("hostile.xlsx", &bytes).expect("reads");
    assert_eq!(read.forms.len(), 1);
    let back = &read.forms[0].evaluation;
    assert_eq!(back.indicators[0].reason, "@SUM(1+1)");
    assert_eq!(back.indicators[1].reason, "=1+1");
    assert_eq!(back.project_name, e.project_name);
    // Word has no cell limit: the document holds the whole text, and reading it back stops at
    // the importer's own limit of a cell
    let docx = export(Kind::FormsDocument, &b, &mut Quiet).expect("docx");
    let read = ziping_office::import_file("hostile.docx", &docx).expect("reads");
    let goal = &read.forms[0].evaluation.goal.achieved;
    assert!(goal.starts_with("完成完成"), "the long goal");
    assert_eq!(goal.chars().count(), ziping::import::grid::MAX_CELL_CHARS);
    assert_eq!(read.forms[0].evaluation.indicators[0].reason, "@SUM(1+1)");
}
