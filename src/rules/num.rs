//! Decimal helpers. All arithmetic on user numbers goes through checked operations: a typed
//! `79228162514264337593543950335` times 100 must become a message, never a panic.

use rust_decimal::{Decimal, RoundingStrategy};

pub fn round2(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Two decimals, as scores are shown on the form (`8.00`).
pub fn fmt2(d: Decimal) -> String {
    let r = round2(d);
    let mut s = format!("{r:.2}");
    if s == "-0.00" {
        s = "0.00".into();
    }
    s
}

/// A ratio shown as a percentage with two decimals (`0.9581` → `95.81%`).
pub fn fmt_pct(ratio: Decimal) -> String {
    match ratio.checked_mul(Decimal::ONE_HUNDRED) {
        Some(p) => format!("{}%", fmt2(p)),
        None => "—".into(),
    }
}

/// Plain number without trailing zeros (`20`, `0.5`), as a user would write it.
pub fn fmt_plain(d: Decimal) -> String {
    d.normalize().to_string()
}

pub fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}
pub fn sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_sub(b)
}
pub fn mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}
pub fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() {
        None
    } else {
        a.checked_div(b)
    }
}

/// Sum that reports overflow instead of panicking.
pub fn sum<I: IntoIterator<Item = Decimal>>(items: I) -> Option<Decimal> {
    items
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, x| acc.checked_add(x))
}

/// The score difference RULES.md R6 ignores.
pub fn tolerance() -> Decimal {
    Decimal::new(5, 3)
}
