//! Property tests: the value parser and the rules engine never panic, whatever is typed.
//!
//! `ZIPING_FUZZ_CASES` sets the number of random strings (default 1,000,000, as the README's
//! test command runs it); every case also checks invariants, not just "no panic".

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ziping::model::{Evaluation, Indicator, Level2};
use ziping::parse::{parse_number, parse_value, Value};
use ziping::rules::assess;

fn cases(default: u32) -> u32 {
    std::env::var("ZIPING_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Characters that matter to the parser, mixed with arbitrary ones.
const ALPHABET: &[char] = &[
    '0', '1', '5', '9', '.', ',', '，', '%', '％', '≥', '≧', '≤', '≦', '>', '<', '=', '＞', '＝',
    '-', '－', '+', 'e', 'E', '/', '无', '不', '低', '于', '超', '过', '万', '元', '个', '以',
    '上', '内', ' ', '\u{3000}', '９', '．', '起', '分', '\u{feff}', '\n', '—',
];

fn typed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            4 => prop::sample::select(ALPHABET),
            1 => any::<char>(),
        ],
        0..24,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

#[test]
fn parser_never_panics_on_random_strings() {
    let n = cases(1_000_000);
    let mut runner = TestRunner::new(Config {
        cases: n,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&typed_text(), |s| {
            match parse_value(&s) {
                // a quantity's unit never contains a digit
                Value::Quantity(q) => prop_assert!(!q.unit.chars().any(|c| c.is_ascii_digit())),
                // text is kept as typed (trimmed)
                Value::Text(t) => prop_assert_eq!(t, s.trim().to_string()),
                _ => {}
            }
            let _ = parse_number(&s);
            Ok(())
        })
        .expect("parser property");
    eprintln!("parser: {n} random strings, no panic");
}

#[test]
fn engine_never_panics_on_random_forms() {
    let n = cases(1_000_000) / 20;
    let mut runner = TestRunner::new(Config {
        cases: n.max(1),
        failure_persistence: None,
        ..Config::default()
    });
    let cells = prop::collection::vec(typed_text(), 12);
    runner
        .run(&cells, |c| {
            let mut e = Evaluation::default();
            e.funds.total.annual_budget = c[0].clone();
            e.funds.total.executed = c[1].clone();
            e.funds.other.annual_budget = c[2].clone();
            e.funds.weight = c[3].clone();
            e.funds.claimed = c[4].clone();
            e.level1_weights.output = c[5].clone();
            e.indicators.push(Indicator {
                id: "r".into(),
                level2: Level2::Cost,
                name: c[6].clone(),
                target: c[7].clone(),
                actual: c[8].clone(),
                weight: c[9].clone(),
                claimed: c[10].clone(),
                reason: c[11].clone(),
                ..Indicator::default()
            });
            let a = assess(&e);
            // the total is always rounded to two decimals
            prop_assert!(a.total.scale() <= 2);
            Ok(())
        })
        .expect("engine property");
    eprintln!("engine: {n} random forms, no panic");
}
