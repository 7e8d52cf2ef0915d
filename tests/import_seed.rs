//! The seed report (衡山县商务和粮食局 2022, text extracted from its Word file) read by the
//! recogniser: its four project forms, each equal to the form entered by hand in `samples`, with
//! the totals 88, 87, 80, 89 and the departures RULES.md names.

use rust_decimal::Decimal;
use ziping::import::{recognise, text::read_tabbed_text};
use ziping::model::Evaluation;
use ziping::rules::assess;
use ziping::samples::sample;

fn seed() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/seed/hengshan-2022-report.txt"
    ))
    .expect("seed fixture")
}

/// The fields a form holds, ids and times aside.
fn content(e: &Evaluation) -> Evaluation {
    let mut e = e.clone();
    e.id = String::new();
    e.created_at = 0;
    e.updated_at = 0;
    for r in &mut e.indicators {
        r.id = String::new();
    }
    e
}

#[test]
fn seed_text_gives_its_four_forms_as_entered_by_hand() {
    let doc = read_tabbed_text(&seed());
    let out = recognise(&[doc]);
    let keys = [
        "sample-sheling",
        "sample-zhaoshang",
        "sample-chubeiliang",
        "sample-guanbi",
    ];
    assert_eq!(
        out.forms.len(),
        4,
        "{:#?}",
        out.forms
            .iter()
            .map(|f| &f.evaluation.project_name)
            .collect::<Vec<_>>()
    );
    for (form, key) in out.forms.iter().zip(keys) {
        let expected = content(&sample(key).expect("sample").build());
        let got = content(&form.evaluation);
        assert_eq!(got.project_name, expected.project_name);
        assert_eq!(got.funds, expected.funds, "{key}");
        assert_eq!(got.goal, expected.goal, "{key}");
        assert_eq!(got.sign_off, expected.sign_off, "{key}");
        assert_eq!(
            got.indicators.len(),
            expected.indicators.len(),
            "{key}: {:#?}",
            got.indicators
        );
        for (g, x) in got.indicators.iter().zip(&expected.indicators) {
            assert_eq!(g, x, "{key}");
        }
        assert_eq!(got, expected, "{key}");
        assert!(form.unplaced.is_empty(), "{key}: {:?}", form.unplaced);
    }
}

#[test]
fn seed_text_totals_and_departures() {
    let out = recognise(&[read_tabbed_text(&seed())]);
    let totals: Vec<Decimal> = out
        .forms
        .iter()
        .map(|f| assess(&f.evaluation).total)
        .collect();
    let expected: Vec<Decimal> = ["88", "87", "80", "89"]
        .iter()
        .map(|s| s.parse().expect("literal"))
        .collect();
    assert_eq!(totals, expected);
    // 招商引资: execution 7 vs 10, 其中总投资过亿项目 5 vs 8, 环保评审合格 25 vs 30
    let a = assess(&out.forms[1].evaluation);
    let deps: Vec<&str> = a.departures().map(|d| d.zh.as_str()).collect();
    assert!(
        deps.iter()
            .any(|m| m.contains("预算执行率") && m.contains("7.00") && m.contains("10.00")),
        "{deps:?}"
    );
    assert!(deps
        .iter()
        .any(|m| m.contains("其中总投资过亿项目") && m.contains("5.00") && m.contains("8.00")));
    assert!(deps
        .iter()
        .any(|m| m.contains("环保评审合格") && m.contains("25.00")));
    assert_eq!(deps.len(), 3);
}
