//! Text → value: what a clerk typed in a 年度指标值 / 实际完成值 / amount / score cell.
//!
//! Forms from different provinces write the same target many ways (`≥90%`, `≧90％`, `>=90%`,
//! `不低于95%`, `95%以上`, `１００００万元`, `1,234.5`, `0起`, `/`, `无`, free text). This module turns
//! every one of them into a [`Value`] and never panics: anything it does not understand as a single
//! quantity is kept as text (a qualitative target), and numbers it cannot hold are an
//! [`Value::Invalid`] with a reason the UI shows in Chinese.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

/// Comparison written in front of (or behind) a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Operator {
    /// ≥, 不低于, 不少于, 达到, …以上
    Ge,
    /// >, 大于, 高于, 超过
    Gt,
    /// =, 等于
    Eq,
    /// ≤, 不高于, 不超过, …以内, …以下
    Le,
    /// <, 小于, 低于, 少于
    Lt,
}

impl Operator {
    pub fn symbol(self) -> &'static str {
        match self {
            Operator::Ge => "≥",
            Operator::Gt => ">",
            Operator::Eq => "=",
            Operator::Le => "≤",
            Operator::Lt => "<",
        }
    }
}

/// A single number with its optional operator and unit, e.g. `≤10次`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    pub op: Option<Operator>,
    pub number: Decimal,
    /// The unit as written after normalisation (`%`, `个`, `万元`, …); empty when none.
    pub unit: String,
}

/// Why text that looks numeric could not be read as a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberProblem {
    /// More digits than Decimal holds (about 28 significant digits, ±7.9e28).
    TooLarge,
    /// `1e40`, `2E5`: exponent notation is not used on the forms.
    Exponent,
    /// Text where a number is required (`abc`, `十`).
    NotANumber,
    /// A number followed by something that is not a unit (`12 34`, `5个6`).
    Trailing,
    /// An operator where only a plain number belongs (a weight or score of `≥5`).
    UnexpectedOperator,
}

impl NumberProblem {
    pub fn message_zh(&self) -> &'static str {
        match self {
            NumberProblem::TooLarge => "数值过大，无法计算",
            NumberProblem::Exponent => "不支持科学计数法，请直接填写数字",
            NumberProblem::NotANumber => "不是有效数字",
            NumberProblem::Trailing => "数字后有无法识别的内容",
            NumberProblem::UnexpectedOperator => "此处只填数字，不需要≥、≤等符号",
        }
    }
    pub fn message_en(&self) -> &'static str {
        match self {
            NumberProblem::TooLarge => "number too large to compute",
            NumberProblem::Exponent => "exponent notation is not supported; type the plain number",
            NumberProblem::NotANumber => "not a valid number",
            NumberProblem::Trailing => "unrecognised text after the number",
            NumberProblem::UnexpectedOperator => "a plain number is expected here, without ≥ or ≤",
        }
    }
}

/// The meaning of one typed cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Nothing typed (only white space).
    Blank,
    /// `/`, `无`, `—`: the indicator does not apply.
    NotApplicable,
    /// One quantity: operator, number, unit.
    Quantity(Quantity),
    /// Anything else: a qualitative target or description, kept as typed.
    Text(String),
    /// Looks like a number but cannot be used.
    Invalid(NumberProblem),
}

/// Look-alike glyphs that Word, WPS, fonts and OCR put where a form means a plain sign, with the
/// sign they mean: compatibility and small forms (`﹥ ﹤ ﹦ ﹪`), `≧ ≦ ⩾ ⩽`, the "not less / not
/// more than" signs (`≮` is ≥, `≯` is ≤), box-drawing lines for `=` and for the dash that means
/// "none", angle-like letters for `<` and `>`, and the many hyphens and minus signs.
pub const LOOKALIKES: &[(char, char)] = &[
    ('≧', '≥'),
    ('⩾', '≥'),
    ('≽', '≥'),
    ('≮', '≥'),
    ('≦', '≤'),
    ('⩽', '≤'),
    ('≼', '≤'),
    ('≯', '≤'),
    ('﹥', '>'),
    ('˃', '>'),
    ('›', '>'),
    ('ᐳ', '>'),
    ('﹤', '<'),
    ('˂', '<'),
    ('‹', '<'),
    ('ᐸ', '<'),
    ('﹦', '='),
    ('═', '='),
    ('꞊', '='),
    ('⁼', '='),
    ('₌', '='),
    ('゠', '='),
    ('﹪', '%'),
    ('٪', '%'),
    ('﹢', '+'),
    ('﹣', '-'),
    ('−', '-'),
    ('–', '-'),
    ('‐', '-'),
    ('‑', '-'),
    ('‒', '-'),
    ('─', '—'),
    ('━', '—'),
    ('―', '—'),
    ('⸺', '—'),
    ('⸻', '—'),
    ('﹘', '—'),
];

/// Folds full-width ASCII forms (`９０％`, `＞＝`) and the [`LOOKALIKES`] to their plain signs,
/// and drops white space (the ideographic space too) and zero-width characters.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            // the common case first: ASCII and CJK ideographs are never folded
            '\0'..='\u{7F}' | '\u{4E00}'..='\u{9FFF}' => c,
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => LOOKALIKES
                .iter()
                .find(|(from, _)| *from == c)
                .map(|(_, to)| *to)
                .unwrap_or(c),
        };
        if c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{FEFF}' | '\u{2060}') {
            continue;
        }
        out.push(c);
    }
    out
}

/// The words and signs the parser reads as an operator before a number (the split target's
/// 指标性质 column offers the same, `templates::split`).
pub fn prefix_operator_words() -> impl Iterator<Item = &'static str> {
    PREFIX_OPERATORS.iter().map(|(w, _)| *w)
}

/// Word operators written before the number. Longest first so `不低于` wins over `低于`.
const PREFIX_OPERATORS: &[(&str, Operator)] = &[
    ("大于或等于", Operator::Ge),
    ("小于或等于", Operator::Le),
    ("大于等于", Operator::Ge),
    ("小于等于", Operator::Le),
    ("不低于", Operator::Ge),
    ("不少于", Operator::Ge),
    ("不小于", Operator::Ge),
    ("不高于", Operator::Le),
    ("不超过", Operator::Le),
    ("不大于", Operator::Le),
    ("不多于", Operator::Le),
    ("控制在", Operator::Le),
    ("≥", Operator::Ge),
    (">=", Operator::Ge),
    ("=>", Operator::Ge),
    ("≤", Operator::Le),
    ("<=", Operator::Le),
    ("=<", Operator::Le),
    ("==", Operator::Eq),
    ("达到", Operator::Ge),
    ("大于", Operator::Gt),
    ("高于", Operator::Gt),
    ("超过", Operator::Gt),
    ("多于", Operator::Gt),
    ("小于", Operator::Lt),
    ("低于", Operator::Lt),
    ("少于", Operator::Lt),
    ("等于", Operator::Eq),
    (">", Operator::Gt),
    ("<", Operator::Lt),
    ("=", Operator::Eq),
];

/// Words written after the quantity (`95%以上`, `5天以内`).
const SUFFIX_OPERATORS: &[(&str, Operator)] = &[
    ("及以上", Operator::Ge),
    ("以上", Operator::Ge),
    ("及以下", Operator::Le),
    ("以下", Operator::Le),
    ("以内", Operator::Le),
    ("之内", Operator::Le),
];

/// Texts that mean "this indicator does not apply".
const NOT_APPLICABLE: &[&str] = &[
    "/",
    "无",
    "-",
    "--",
    "—",
    "——",
    "不适用",
    "N/A",
    "n/a",
    "NA",
    "\\",
];

/// Longest unit accepted after a number; longer tails are descriptive text.
const MAX_UNIT_CHARS: usize = 8;

/// Reads one target / actual cell.
pub fn parse_value(text: &str) -> Value {
    let s = normalize(text);
    if s.is_empty() {
        return Value::Blank;
    }
    if NOT_APPLICABLE.contains(&s.as_str()) {
        return Value::NotApplicable;
    }
    if let Some(v) = parse_quantity(&s) {
        return v;
    }
    // "100%（已完成）", "21个(含续建)": a quantity followed by a remark in brackets
    if let Some(core) = strip_remark(&s) {
        if let Some(v @ Value::Quantity(_)) = parse_quantity(core) {
            return v;
        }
    }
    Value::Text(text.trim().to_string())
}

/// `Some` when `s` is one quantity (or an unusable number); `None` when it is text.
fn parse_quantity(s: &str) -> Option<Value> {
    let mut rest = s;
    let mut op = None;
    // a number first (most cells) has no operator word before it: skip the list
    let starts_with_number = s
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_digit() || *b == b'.');
    if !starts_with_number {
        let first = s.as_bytes().first().copied();
        for (word, o) in PREFIX_OPERATORS {
            // most words differ in their first byte: compare that before the whole word
            if word.as_bytes().first().copied() != first {
                continue;
            }
            if let Some(r) = rest.strip_prefix(word) {
                op = Some(*o);
                rest = r;
                break;
            }
        }
    }
    let (number, tail) = split_number(rest)?;
    let number = match number {
        Ok(n) => n,
        Err(problem) => return Some(Value::Invalid(problem)),
    };
    let mut unit = tail;
    if op.is_none() && !unit.is_ascii() {
        for (word, o) in SUFFIX_OPERATORS {
            if let Some(u) = unit.strip_suffix(word) {
                op = Some(*o);
                unit = u;
                break;
            }
        }
    }
    if !is_unit(unit) {
        return None;
    }
    Some(Value::Quantity(Quantity {
        op,
        number,
        unit: unit.to_string(),
    }))
}

/// The text before a trailing bracketed remark (`100%(已完成)` → `100%`).
fn strip_remark(s: &str) -> Option<&str> {
    let inner = s.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let core = &s[..open];
    (!core.is_empty()).then_some(core)
}

/// Splits a leading number (sign, digits, thousands commas, decimal point) from the rest.
/// Returns `None` when the text does not start with a number; `Some(Err)` when it does but the
/// number cannot be held (too large, exponent notation).
fn split_number(s: &str) -> Option<(Result<Decimal, NumberProblem>, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    if i < bytes.len() && (bytes[i] == b'-' || bytes[i] == b'+') {
        i += 1;
    }
    let digits_start = i;
    let mut digits = String::new();
    if bytes[..].first() == Some(&b'-') {
        digits.push('-');
    }
    let mut seen_digit = false;
    let mut seen_point = false;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_digit() {
            digits.push(b as char);
            seen_digit = true;
            i += 1;
        } else if b == b'.' && !seen_point && i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit() {
            digits.push('.');
            seen_point = true;
            i += 1;
        } else if b == b','
            && seen_digit
            && !seen_point
            && bytes
                .get(i + 1..i + 4)
                .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
        {
            // thousands separator: exactly three digits follow
            i += 1;
        } else {
            break;
        }
    }
    if !seen_digit || i == digits_start {
        return None;
    }
    let tail = &s[i..];
    // 1e40 / 2E-3: exponent notation
    let mut t = tail.chars();
    if let (Some('e' | 'E'), Some(next)) = (t.next(), t.next()) {
        if next.is_ascii_digit() || next == '-' || next == '+' {
            return Some((Err(NumberProblem::Exponent), tail));
        }
    }
    let parsed = Decimal::from_str(&digits).map_err(|_| NumberProblem::TooLarge);
    Some((parsed, tail))
}

/// A unit is a short tail of letters or CJK characters, `%` or `‰`; no digits, no punctuation
/// that would make it a sentence.
fn is_unit(tail: &str) -> bool {
    if tail.is_empty() {
        return true;
    }
    let count = tail.chars().count();
    if count > MAX_UNIT_CHARS {
        return false;
    }
    tail.chars().all(|c| {
        matches!(c, '%' | '‰' | '/' | '²' | '³') || (c.is_alphabetic() && !c.is_ascii_digit())
    })
}

/// Reads a cell that must hold a plain number (an amount, a weight, a score), allowing a unit
/// after it. Blank → `Ok(None)`.
pub fn parse_number(text: &str) -> Result<Option<(Decimal, String)>, NumberProblem> {
    match parse_value(text) {
        Value::Blank => Ok(None),
        Value::Quantity(Quantity {
            op: None,
            number,
            unit,
        }) => Ok(Some((number, unit))),
        Value::Quantity(_) => Err(NumberProblem::UnexpectedOperator),
        Value::Invalid(p) => Err(p),
        Value::NotApplicable | Value::Text(_) => {
            let s = normalize(text);
            match split_number(&s) {
                Some((Err(p), _)) => Err(p),
                Some((Ok(_), _)) => Err(NumberProblem::Trailing),
                None => Err(NumberProblem::NotANumber),
            }
        }
    }
}

#[cfg(test)]
mod tests;
