//! What goes into a cell or a paragraph is safe there: text that a spreadsheet would take for a
//! formula (`=`, `+`, `-`, `@` first) is marked as text (Excel's quote prefix: shown unchanged,
//! still text when edited), control characters are removed (XML cannot hold them), and a cell
//! longer than a spreadsheet holds is cut with a note instead of making a file Excel refuses.
//! Sheet names are made valid and unique.

/// Excel's limit on the characters of a cell.
pub const MAX_CELL_CHARS: usize = 32_767;
const CUT_NOTE: &str = "……（内容超过Excel单元格上限，以下已截去）";

/// Characters XML 1.0 cannot hold (and so neither .xlsx nor .docx): controls but tab and line
/// breaks, and the non-characters U+FFFE/U+FFFF.
pub fn xml_safe(text: &str) -> String {
    text.chars()
        .filter(|c| {
            !matches!(*c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
        })
        .collect()
}

/// The text of a cell and whether it needs the quote prefix (it would read as a formula).
pub fn cell_text(text: &str) -> (String, bool) {
    let mut t = xml_safe(text);
    if t.chars().count() > MAX_CELL_CHARS {
        let keep = MAX_CELL_CHARS - CUT_NOTE.chars().count();
        t = t.chars().take(keep).collect::<String>() + CUT_NOTE;
    }
    let quote = t.starts_with(['=', '+', '-', '@', '\t', '\r']);
    (t, quote)
}

/// Valid, unique sheet names: at most 31 UTF-16 units (an emoji counts two), none of `[]:*?/\`, not starting or ending
/// with `'`, not "History", unique ignoring case.
pub struct SheetNames {
    used: Vec<String>,
}

pub fn sheet_names() -> SheetNames {
    SheetNames { used: Vec::new() }
}

impl SheetNames {
    pub fn next_name(&mut self, wanted: &str) -> String {
        let cleaned: String = xml_safe(wanted)
            .chars()
            .map(|c| match c {
                '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '－',
                c if c.is_control() => ' ',
                c => c,
            })
            .collect();
        let mut base = cleaned.trim().trim_matches('\'').trim().to_string();
        if base.is_empty() || base.eq_ignore_ascii_case("history") {
            base = "表".into();
        }
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!("({n})")
            };
            let room = 31 - suffix.len();
            let name = take_utf16(&base, room).trim_end().to_string() + &suffix;
            let taken = self
                .used
                .iter()
                .any(|u| u.to_lowercase() == name.to_lowercase());
            if !taken && !name.is_empty() {
                self.used.push(name.clone());
                return name;
            }
            n += 1;
        }
    }
}

/// The longest start of `text` within `units` UTF-16 units.
fn take_utf16(text: &str, units: usize) -> &str {
    let mut used = 0;
    for (i, c) in text.char_indices() {
        used += c.len_utf16();
        if used > units {
            return &text[..i];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_marked_and_controls_removed() {
        assert_eq!(
            cell_text("=cmd|' /C calc'!A0"),
            ("=cmd|' /C calc'!A0".into(), true)
        );
        assert_eq!(cell_text("-3"), ("-3".into(), true));
        assert_eq!(cell_text("≥90%"), ("≥90%".into(), false));
        assert_eq!(cell_text("a\u{1}b\u{7}c\nd"), ("abc\nd".into(), false));
        let big = "字".repeat(1_000_000);
        let (t, _) = cell_text(&big);
        assert_eq!(t.chars().count(), MAX_CELL_CHARS);
        assert!(t.ends_with("以下已截去）"));
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut n = sheet_names();
        assert_eq!(n.next_name("招商引资"), "招商引资");
        assert_eq!(n.next_name("招商引资"), "招商引资(2)");
        assert_eq!(n.next_name("a/b:c*d?e[f]g\\h"), "a－b－c－d－e－f－g－h");
        assert_eq!(n.next_name("'History'"), "表");
        let long = "很长的项目名称".repeat(10);
        let a = n.next_name(&long);
        let b = n.next_name(&long);
        assert_eq!(a.chars().count(), 31);
        assert!(b.ends_with("(2)") && b.chars().count() <= 31);
        assert_ne!(a, b);
        assert_eq!(n.next_name("ABC"), "ABC");
        assert_eq!(n.next_name("abc"), "abc(2)");
        let emoji = n.next_name(&"😀".repeat(20));
        assert_eq!(emoji.encode_utf16().count(), 30);
    }
}
