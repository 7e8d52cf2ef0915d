//! The browser entry point; natively, a small command-line check of forms.

#[cfg(target_arch = "wasm32")]
fn main() {
    ziping::ui::start();
}

/// `cargo run` prints the built-in samples' totals and departures; `cargo run -- FILE…` assesses
/// stored/exported evaluation files (`{"schema_version":1,"evaluation":{…}}`).
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use ziping::rules::{assess, num::fmt2};
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut forms = Vec::new();
    if args.is_empty() {
        forms.extend(ziping::samples::SAMPLES.iter().map(|s| s.build()));
    }
    for path in &args {
        match std::fs::read_to_string(path)
            .map_err(|e| e.to_string())
            .and_then(|raw| ziping::store::decode_evaluation(&raw).map_err(|k| format!("{k:?}")))
        {
            Ok(e) => forms.push(e),
            Err(why) => eprintln!("{path}: {why}"),
        }
    }
    for e in &forms {
        let a = assess(e);
        let c = a.counts();
        println!(
            "{}\t总分 {}\t{}\t规则总分 {}\t错误 {} 警告 {}",
            e.project_name,
            fmt2(a.total),
            a.grade.name_zh(),
            fmt2(a.rule_total),
            c.errors,
            c.warnings
        );
        for d in a.departures() {
            println!("  {}", d.zh);
        }
    }
}
