//! The browser entry point; natively, a small command-line check of forms.

#[cfg(all(target_arch = "wasm32", feature = "web"))]
fn main() {
    ziping::ui::start();
}

#[cfg(all(target_arch = "wasm32", not(feature = "web")))]
fn main() {}

/// `cargo run` prints the built-in samples' totals and departures; `cargo run -- FILE…` assesses
/// the evaluations in export files; `cargo run -- --export-samples` writes the samples as an
/// export file to standard output; `cargo run -- --help-markdown` writes docs/使用说明.md;
/// `cargo run -- --assets assets` writes the files the page fetches on demand.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use std::io::Write;
    use ziping::rules::{assess, num::fmt2};
    // a closed pipe (`| head`) ends the output quietly
    let mut out = std::io::stdout().lock();
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--assets") {
        // the files the page fetches on demand (English, the guide)
        let dir = std::path::PathBuf::from(args.get(1).map(String::as_str).unwrap_or("assets"));
        for (name, text) in [
            ("ui-en.json", ziping::i18n::english_json()),
            ("guide.json", ziping::help::guide_json()),
        ] {
            if let Err(e) = std::fs::write(dir.join(name), text) {
                eprintln!("{}: {e}", dir.join(name).display());
                std::process::exit(1);
            }
        }
        return;
    }
    if args.first().map(String::as_str) == Some("--help-markdown") {
        let _ = write!(out, "{}", ziping::help::markdown());
        return;
    }
    if args.first().map(String::as_str) == Some("--export-samples") {
        let env = ziping::exchange::Envelope::new(
            ziping::samples::SAMPLES.iter().map(|s| s.build()).collect(),
            vec![ziping::samples::department_sample()],
            0,
        );
        let _ = writeln!(out, "{}", ziping::exchange::export_json(&env));
        return;
    }
    let mut forms = Vec::new();
    if args.is_empty() {
        forms.extend(ziping::samples::SAMPLES.iter().map(|s| s.build()));
    }
    for path in &args {
        match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|raw| ziping::exchange::parse_export(&raw).map_err(|e| e.message_zh()))
        {
            Ok(env) => forms.extend(env.evaluations),
            Err(why) => eprintln!("{path}: {why}"),
        }
    }
    for e in &forms {
        let a = assess(e);
        let c = a.counts();
        let _ = writeln!(
            out,
            "{}\t总分 {}\t{}\t规则总分 {}\t错误 {} 警告 {}",
            e.project_name,
            fmt2(a.total),
            a.grade.name_zh(),
            fmt2(a.rule_total),
            c.errors,
            c.warnings
        );
        for d in a.departures() {
            let _ = writeln!(out, "  {}", d.zh);
        }
    }
}
