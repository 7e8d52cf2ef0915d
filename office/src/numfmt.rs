//! A spreadsheet cell as the user sees it: its value through its number format. A cell holding
//! 0.98 formatted `0%` reads as `98%`, `1234.5` formatted `#,##0.00"万元"` as `1,234.50万元`; a
//! General number reads as its full value (never the `4E+05` a narrow column shows).
//!
//! Excel's format language is large; this covers what forms use — General, fixed decimals,
//! thousands separators, percentages, quoted and escaped literal text, sections by sign, colour
//! and locale brackets (ignored), `@` — and dates through [`date`]. Arithmetic is in Decimal.

use rust_decimal::prelude::*;
use rust_decimal::RoundingStrategy;

/// The text of a number cell under `code` (None or `General`: the full value).
pub fn number(value: f64, code: Option<&str>) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let code = code.map(str::trim).unwrap_or("General");
    if code.is_empty() || code.eq_ignore_ascii_case("general") || code == "@" {
        return general(value);
    }
    let sections = split_sections(code);
    let (section, negative_own) = match (value < 0.0, value == 0.0, sections.len()) {
        (true, _, n) if n >= 2 => (sections[1].as_str(), true),
        (false, true, n) if n >= 3 => (sections[2].as_str(), false),
        _ => (sections[0].as_str(), false),
    };
    let abs = if negative_own { value.abs() } else { value };
    render(abs, section).unwrap_or_else(|| general(value))
}

/// The shortest exact-looking text of a double: 15 significant digits, no exponent, no
/// trailing zeros (`0.1 + 0.2` → `0.3`, `400000` → `400000`).
pub fn general(value: f64) -> String {
    match to_decimal(value) {
        Some(d) => {
            let s = d.normalize().to_string();
            if s == "-0" {
                "0".into()
            } else {
                s
            }
        }
        None => format!("{value}"),
    }
}

/// A double as a Decimal, rounded to 15 significant digits as spreadsheets show them.
fn to_decimal(value: f64) -> Option<Decimal> {
    let s = format!("{value:.14e}");
    let (mantissa, exp) = s.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let m = Decimal::from_str(mantissa).ok()?;
    let ten = Decimal::TEN;
    let mut d = m;
    if exp >= 0 {
        for _ in 0..exp.min(28) {
            d = d.checked_mul(ten)?;
        }
    } else {
        for _ in 0..(-exp).min(40) {
            d = d.checked_div(ten)?;
        }
    }
    Some(d)
}

fn split_sections(code: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut quoted = false;
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        let Some(cur) = out.last_mut() else { break };
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            '\\' if !quoted => {
                if let Some(n) = chars.next() {
                    cur.push('\\');
                    cur.push(n);
                }
            }
            ';' if !quoted => out.push(String::new()),
            _ => cur.push(c),
        }
    }
    out
}

/// One piece of a format section.
#[derive(Debug, PartialEq)]
enum Piece {
    Literal(String),
    /// The number itself (digits, point, separators), with its decimals and thousands flag.
    Number,
}

/// Renders `value` (≥ 0 unless the section has no sign of its own) with one section.
fn render(value: f64, section: &str) -> Option<String> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut decimals = 0usize;
    let mut after_point = false;
    let mut thousands = false;
    let mut percents = 0u32;
    let mut in_number = false;
    let mut seen_number = false;
    let mut chars = section.chars().peekable();
    let mut lit = String::new();
    let flush = |lit: &mut String, pieces: &mut Vec<Piece>| {
        if !lit.is_empty() {
            pieces.push(Piece::Literal(std::mem::take(lit)));
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                in_number = false;
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                    lit.push(q);
                }
            }
            '\\' => {
                in_number = false;
                if let Some(n) = chars.next() {
                    lit.push(n);
                }
            }
            '[' => {
                // colours, conditions, locales: [Red], [>=100], [$-804], [DBNum1]
                for q in chars.by_ref() {
                    if q == ']' {
                        break;
                    }
                }
            }
            '_' => {
                // space the width of the next character
                chars.next();
                lit.push(' ');
            }
            '*' => {
                // fill character: nothing in plain text
                chars.next();
            }
            '0' | '#' | '?' => {
                if seen_number && !in_number {
                    // a second run of digits (fractions, phone masks): not supported
                    return None;
                }
                if !in_number {
                    flush(&mut lit, &mut pieces);
                    pieces.push(Piece::Number);
                    in_number = true;
                    seen_number = true;
                }
                if after_point {
                    decimals += 1;
                }
            }
            '.' if in_number || chars.peek().is_some_and(|n| matches!(n, '0' | '#' | '?')) => {
                if !in_number {
                    flush(&mut lit, &mut pieces);
                    pieces.push(Piece::Number);
                    in_number = true;
                    seen_number = true;
                }
                after_point = true;
            }
            ',' if in_number => thousands = true,
            '%' => {
                percents += 1;
                in_number = false;
                lit.push('%');
            }
            'E' | 'e' if in_number => return None,
            'y' | 'Y' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'm' | 'M' if !seen_number => {
                // a date section for a number that is not a date cell: show the number
                return None;
            }
            '@' => lit.push_str(&general(value)),
            _ => {
                in_number = false;
                lit.push(c);
            }
        }
    }
    flush(&mut lit, &mut pieces);
    if !pieces.contains(&Piece::Number) {
        // a section of text only ("-" for zero in accounting formats)
        return Some(
            pieces
                .into_iter()
                .map(|p| match p {
                    Piece::Literal(s) => s,
                    Piece::Number => String::new(),
                })
                .collect(),
        );
    }
    let mut d = to_decimal(value)?;
    for _ in 0..percents {
        d = d.checked_mul(Decimal::ONE_HUNDRED)?;
    }
    let d = d.round_dp_with_strategy(
        decimals.min(20) as u32,
        RoundingStrategy::MidpointAwayFromZero,
    );
    let digits = fixed(d, decimals, thousands);
    Some(
        pieces
            .into_iter()
            .map(|p| match p {
                Piece::Literal(s) => s,
                Piece::Number => digits.clone(),
            })
            .collect(),
    )
}

/// `d` with exactly `decimals` places, thousands separated when asked.
fn fixed(d: Decimal, decimals: usize, thousands: bool) -> String {
    let s = format!("{:.*}", decimals, d);
    let (sign, s) = match s.strip_prefix('-') {
        Some(rest) => ("-", rest.to_string()),
        None => ("", s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let int = if thousands {
        let bytes: Vec<char> = int.chars().collect();
        let mut out = String::new();
        for (i, c) in bytes.iter().enumerate() {
            if i > 0 && (bytes.len() - i).is_multiple_of(3) {
                out.push(',');
            }
            out.push(*c);
        }
        out
    } else {
        int
    };
    let sign = if int.chars().all(|c| c == '0' || c == ',')
        && frac.as_deref().is_none_or(|f| f.chars().all(|c| c == '0'))
    {
        ""
    } else {
        sign
    };
    match frac {
        Some(f) => format!("{sign}{int}.{f}"),
        None => format!("{sign}{int}"),
    }
}

/// A spreadsheet date serial as (year, month, day, hour, minute, second). The 1900 system counts
/// from 1900-01-01 as 1 and keeps Lotus 1-2-3's 29 February 1900 (serial 60); the 1904 system
/// counts from 1904-01-01 as 0. `None` for what no sheet shows as a date.
pub fn serial_to_date(serial: f64, date1904: bool) -> Option<(u16, u8, u8, u8, u8, u8)> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let mut days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    let (h, mi, s) = ((seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60);
    // days after 1899-12-31
    if date1904 {
        days += 1461;
    } else if days == 60 {
        return Some((1900, 2, 29, h as u8, mi as u8, s as u8));
    } else if days > 60 {
        days -= 1;
    }
    // → a civil date, counting from 1970-01-01 (Howard Hinnant's days-to-civil)
    let z = days - 25_568 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + if m <= 2 { 1 } else { 0 };
    Some((
        u16::try_from(y).ok()?,
        m as u8,
        d as u8,
        h as u8,
        mi as u8,
        s as u8,
    ))
}

/// A date cell under its format code: `yyyy年m月d日`, `yyyy/m/d`, `yyyy-mm-dd`, `m月d日`,
/// `yyyy年m月`, times with `h:mm`. Without a usable code: `yyyy-mm-dd`, with the time when it
/// has one.
pub fn date(ymdhms: (u16, u8, u8, u8, u8, u8), code: Option<&str>) -> String {
    let (y, mo, d, h, mi, s) = ymdhms;
    let code = code.map(str::trim).unwrap_or("");
    let usable = !code.is_empty()
        && !code.eq_ignore_ascii_case("general")
        && code.chars().any(|c| matches!(c, 'y' | 'Y' | 'd' | 'D'));
    if !usable {
        return if (h, mi, s) == (0, 0, 0) {
            format!("{y:04}-{mo:02}-{d:02}")
        } else {
            format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}")
        };
    }
    let section = split_sections(code).into_iter().next().unwrap_or_default();
    let mut out = String::new();
    let chars: Vec<char> = section.chars().collect();
    let mut i = 0;
    let mut last_was_hour = false;
    while i < chars.len() {
        let c = chars[i];
        let run = chars[i..]
            .iter()
            .take_while(|x| x.eq_ignore_ascii_case(&c))
            .count();
        match c.to_ascii_lowercase() {
            'y' => {
                out.push_str(&if run <= 2 {
                    format!("{:02}", y % 100)
                } else {
                    format!("{y:04}")
                });
                last_was_hour = false;
            }
            'm' => {
                // minutes right after hours, else months
                let v = if last_was_hour { mi } else { mo };
                out.push_str(&if run >= 2 {
                    format!("{v:02}")
                } else {
                    v.to_string()
                });
            }
            'd' if run <= 2 => {
                out.push_str(&if run == 2 {
                    format!("{d:02}")
                } else {
                    d.to_string()
                });
                last_was_hour = false;
            }
            'd' => {
                // ddd / dddd: weekday names; the number is what forms need
                out.push_str(&d.to_string());
            }
            'h' => {
                out.push_str(&if run >= 2 {
                    format!("{h:02}")
                } else {
                    h.to_string()
                });
                last_was_hour = true;
            }
            's' => {
                out.push_str(&if run >= 2 {
                    format!("{s:02}")
                } else {
                    s.to_string()
                });
            }
            '"' => {
                let end = chars[i + 1..]
                    .iter()
                    .position(|x| *x == '"')
                    .map(|p| i + 1 + p);
                if let Some(end) = end {
                    out.extend(&chars[i + 1..end]);
                    i = end + 1;
                } else {
                    i = chars.len();
                }
                continue;
            }
            '\\' => {
                if let Some(n) = chars.get(i + 1) {
                    out.push(*n);
                }
                i += 2;
                continue;
            }
            '[' => {
                let end = chars[i..].iter().position(|x| *x == ']').map(|p| i + p);
                i = end.map(|e| e + 1).unwrap_or(chars.len());
                continue;
            }
            '_' | '*' => {
                i += 2;
                continue;
            }
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        }
        i += run;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_forms_use() {
        let cases: &[(f64, &str, &str)] = &[
            (0.98, "0%", "98%"),
            (0.9581, "0.00%", "95.81%"),
            (1.0, "0%", "100%"),
            (400000.0, "General", "400000"),
            (400000.0, "0", "400000"),
            (1234.5, "#,##0.00", "1,234.50"),
            (1234.5, "#,##0.00\"万元\"", "1,234.50万元"),
            (9.81, "0.00_ ", "9.81 "),
            (-3.0, "0.00;[Red]-0.00", "-3.00"),
            (-3.0, "0.00;[Red]\\(0.00\\)", "(3.00)"),
            (0.0, "#,##0;-#,##0;\"-\"", "-"),
            (0.125, "0.0", "0.1"),
            (0.15, "0.0", "0.2"),
            (2.675, "0.00", "2.68"),
            (0.1 + 0.2, "General", "0.3"),
            (666.59, "0.00", "666.59"),
            (12.0, "0\"个\"", "12个"),
            (5.0, "@", "5"),
            (1e21, "General", "1000000000000000000000"),
        ];
        for (v, code, want) in cases {
            assert_eq!(number(*v, Some(code)), *want, "{v} {code}");
        }
        assert_eq!(number(0.98, None), "0.98");
        assert_eq!(number(f64::NAN, None), "");
    }

    #[test]
    fn serials_to_dates() {
        assert_eq!(serial_to_date(1.0, false), Some((1900, 1, 1, 0, 0, 0)));
        assert_eq!(serial_to_date(59.0, false), Some((1900, 2, 28, 0, 0, 0)));
        assert_eq!(serial_to_date(60.0, false), Some((1900, 2, 29, 0, 0, 0)));
        assert_eq!(serial_to_date(61.0, false), Some((1900, 3, 1, 0, 0, 0)));
        assert_eq!(serial_to_date(45366.0, false), Some((2024, 3, 15, 0, 0, 0)));
        assert_eq!(
            serial_to_date(45366.5, false),
            Some((2024, 3, 15, 12, 0, 0))
        );
        assert_eq!(serial_to_date(0.0, true), Some((1904, 1, 1, 0, 0, 0)));
        assert_eq!(serial_to_date(-1.0, false), None);
        assert_eq!(serial_to_date(f64::NAN, false), None);
    }

    #[test]
    fn dates_as_forms_print_them() {
        let d = (2023, 8, 5, 0, 0, 0);
        assert_eq!(date(d, Some("yyyy\"年\"m\"月\"d\"日\"")), "2023年8月5日");
        assert_eq!(date(d, Some("yyyy/m/d")), "2023/8/5");
        assert_eq!(date(d, Some("yyyy-mm-dd")), "2023-08-05");
        assert_eq!(date(d, Some("yyyy\"年\"m\"月\"")), "2023年8月");
        assert_eq!(date(d, None), "2023-08-05");
        assert_eq!(
            date((2023, 8, 5, 14, 30, 0), Some("yyyy-mm-dd hh:mm")),
            "2023-08-05 14:30"
        );
    }
}
