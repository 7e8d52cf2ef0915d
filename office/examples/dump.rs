//! Shows what the office module reads from files: each document's paragraphs and tables (merged
//! positions marked `↑`/`←`), then the forms the recogniser finds with their totals.
//! `cargo run -p ziping-office --example dump -- FILE…`

use ziping::import::grid::Block;
use ziping::rules::{assess, num::fmt2};

fn main() {
    for path in std::env::args().skip(1) {
        let bytes = match std::fs::read(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        println!("== {path}");
        match ziping_office::read_documents(&path, &bytes) {
            Err(e) => println!("  {}", e.zh()),
            Ok(docs) => {
                for doc in &docs {
                    println!(
                        "-- document “{}”{}",
                        doc.name,
                        if doc.truncated { " (cut)" } else { "" }
                    );
                    for block in &doc.blocks {
                        match block {
                            Block::Paragraph(p) => println!("  ¶ {}", p.replace('\n', "⏎")),
                            Block::Table(t) => {
                                for (r, row) in t.rows.iter().enumerate() {
                                    let cells: Vec<String> = row
                                        .iter()
                                        .map(|c| match c.merged_from {
                                            Some((mr, _)) if mr < r => "↑".to_string(),
                                            Some(_) => "←".to_string(),
                                            None => c.text.replace('\n', "⏎"),
                                        })
                                        .collect();
                                    println!("  {:>3}| {}", r + 1, cells.join(" | "));
                                }
                            }
                        }
                    }
                }
                let out = ziping::import::recognise(&docs);
                for f in &out.forms {
                    let a = assess(&f.evaluation);
                    println!(
                        "  => {} · {} · {} rows · total {} (printed {}) · notes {:?} · unplaced {:?}",
                        f.evaluation.project_name,
                        f.evaluation.year,
                        f.evaluation.indicators.len(),
                        fmt2(a.total),
                        f.evaluation.claimed_total,
                        f.notes,
                        f.unplaced.iter().map(|u| &u.text).collect::<Vec<_>>()
                    );
                }
                if out.forms.is_empty() {
                    println!("  => {}", out.found.message(ziping::i18n::Lang::Zh));
                }
            }
        }
    }
}
