//! Property tests: the JSON and CSV importers never panic, whatever the file holds.
//!
//! `ZIPING_FUZZ_CASES` sets the number of cases per importer (default 1,000,000, as the README's
//! test command runs it). Half the cases are random bytes; half are valid exports with random
//! mutations (bytes flipped, cut, spliced), which reach far deeper into the importers.

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use ziping::exchange::csv::{indicators_csv, parse_indicators_csv};
use ziping::exchange::{export_json, parse_export, Envelope};
use ziping::model::{Evaluation, Indicator, Level2};

fn cases() -> u32 {
    std::env::var("ZIPING_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

/// A small but complete form, so mutated copies stay fast to parse.
fn seed() -> Evaluation {
    Evaluation {
        id: "f".into(),
        project_name: "项目".into(),
        year: "2022".into(),
        indicators: vec![Indicator {
            id: "f-r0".into(),
            level2: Level2::Cost,
            name: "成本".into(),
            target: "≤10万元".into(),
            actual: "12万元".into(),
            weight: "10".into(),
            claimed: "8".into(),
            ..Indicator::default()
        }],
        ..Evaluation::default()
    }
}

/// Mutations of a valid file: flip a byte, cut, or splice in something hostile.
fn mutated(base: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = base.len();
    let hostile = prop::sample::select(vec![
        b"\"".to_vec(),
        b"{".to_vec(),
        b"]".to_vec(),
        b"1e400".to_vec(),
        b"-1".to_vec(),
        b"79228162514264337593543950336".to_vec(),
        b"null".to_vec(),
        "\u{feff}".as_bytes().to_vec(),
        vec![0xFF, 0xFE],
        vec![0xC9, 0xCC],
        b"<script>alert(1)</script>".to_vec(),
        b",".to_vec(),
        b"\r\n".to_vec(),
        b"=cmd|".to_vec(),
    ]);
    (0..len, 0..len.max(1), hostile, any::<u8>(), 0u8..3).prop_map(
        move |(at, cut, splice, byte, how)| {
            let mut v = base.clone();
            match how {
                0 => {
                    if let Some(b) = v.get_mut(at) {
                        *b = byte;
                    }
                }
                1 => v.truncate(cut),
                _ => {
                    let at = at.min(v.len());
                    v.splice(at..at, splice);
                }
            }
            v
        },
    )
}

fn run(name: &str, strategy: impl Strategy<Value = Vec<u8>>, check: impl Fn(&[u8])) {
    let n = cases();
    let mut runner = TestRunner::new(Config {
        cases: n,
        failure_persistence: None,
        ..Config::default()
    });
    runner
        .run(&strategy, |bytes| {
            check(&bytes);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    eprintln!("{name}: {n} cases, no panic");
}

#[test]
fn json_importer_never_panics() {
    let valid = export_json(&Envelope::new(vec![seed()], Vec::new(), 1)).into_bytes();
    let strategy = prop_oneof![prop::collection::vec(any::<u8>(), 0..64), mutated(valid),];
    run("json importer", strategy, |bytes| {
        if let Ok(env) = parse_export(bytes) {
            // whatever is accepted is well-formed: ids present and unique
            let mut ids: Vec<&str> = env.evaluations.iter().map(|e| e.id.as_str()).collect();
            assert!(ids.iter().all(|id| !id.trim().is_empty()));
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), env.evaluations.len());
        }
    });
}

#[test]
fn csv_importer_never_panics() {
    let valid = indicators_csv([&seed()]).into_bytes();
    let strategy = prop_oneof![prop::collection::vec(any::<u8>(), 0..64), mutated(valid),];
    run("csv importer", strategy, |bytes| {
        if let Ok(evals) = parse_indicators_csv(bytes) {
            assert!(evals.iter().all(|e| !e.id.trim().is_empty()));
        }
    });
}
