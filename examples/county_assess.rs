//! How long the rules engine takes over a county's forms: 1,050 project forms of 30 indicators
//! (the county view of 150 departments × 7 forms, issue 13) through `summary_row`, natively.
//! Prints figures; the page does the same work in wasm when the county view first opens
//! (docs/BENCHMARKS.md). `cargo run --release --example county_assess [runs]`; for instruction
//! counts, `valgrind --tool=callgrind target/release/examples/county_assess 1`.

use ziping::model::*;
/// Form `i` as `tests/bench/workspace.js` makes it: 30 rows, weights adding up to 100.
fn form(i: usize) -> Evaluation {
    let plan = [
        (Level2::Quantity, 4),
        (Level2::Quality, 4),
        (Level2::Timeliness, 4),
        (Level2::Cost, 4),
        (Level2::Economic, 3),
        (Level2::Social, 3),
        (Level2::Ecological, 2),
        (Level2::Sustainable, 2),
        (Level2::ServiceSatisfaction, 4),
    ];
    let mut e = Evaluation::new_blank(format!("b{i}"), "2022".into(), 0);
    e.project_name = format!("测试项目{i}");
    e.department = format!("第{}局", i % 10);
    e.indicators.clear();
    let mut r = 0;
    for (l2, n) in plan {
        for _ in 0..n {
            let w = match l2.level1() {
                Level1::Output => "3.125",
                Level1::Benefit => "3",
                _ => "2.5",
            };
            let (t, a) = if r % 5 == 4 {
                ("≤10次".to_string(), format!("{}次", 8 + i % 5))
            } else if r % 3 == 0 {
                ("≥90%".into(), format!("{}%", 85 + i % 15))
            } else {
                (format!("{}个", 20 + r % 7), format!("{}个", 18 + i % 9))
            };
            e.indicators.push(Indicator {
                id: format!("b{i}-r{r}"),
                level2: l2,
                name: format!("第{}项指标", r + 1),
                target: t,
                actual: a,
                weight: w.into(),
                reason: if (i + r).is_multiple_of(4) {
                    "部分项目推进延迟".into()
                } else {
                    String::new()
                },
                ..Indicator::default()
            });
            r += 1;
        }
    }
    // as the bench page's forms: 50 + 12.5 × (i mod 40), executed 80 %–100 % of it
    let budget = rust_decimal::Decimal::new(500 + 125 * (i % 40) as i64, 1);
    let share = rust_decimal::Decimal::new(80 + (i % 21) as i64, 2);
    e.funds.total.initial_budget = budget.normalize().to_string();
    e.funds.total.annual_budget = budget.normalize().to_string();
    e.funds.total.executed = (budget * share).round_dp(2).to_string();
    e
}
fn main() {
    let forms: Vec<Evaluation> = (0..1050).map(form).collect();
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    for _ in 0..n {
        let t = std::time::Instant::now();
        let rows: Vec<_> = forms.iter().map(ziping::summary::summary_row).collect();
        println!(
            "{} rows in {:?}; diagnostics per form {}",
            rows.len(),
            t.elapsed(),
            ziping::rules::assess(&forms[0]).diagnostics.len()
        );
    }
}
