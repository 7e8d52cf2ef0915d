//! Stored entries, compressed, so that a county's years fit in the browser's localStorage.
//!
//! The quota is about 5.2 million UTF-16 characters (Chromium: 10 MiB, two bytes a character),
//! and the plain JSON of a form of 30 indicators takes about 4,000 of them: 1,300 forms filled
//! it. A reviewer keeps 5,000 (issue 13). Each entry is therefore its JSON compressed (zlib's
//! format, `miniz_oxide`: the recovery screen, plain JavaScript, inflates it with the browser's
//! own `DecompressionStream("deflate")`, which Chromium has since version 80) and written 15 bits per character into the code points
//! U+0800–U+87FF: all of them valid scalar values (no surrogate, no control character), so the
//! text passes unchanged through Rust's UTF-8, JavaScript's UTF-16 and localStorage. A form of
//! 30 indicators then takes about 500 characters.
//!
//! Layout: the mark `Z`, two characters holding the byte length (30 bits), then the bytes, 15
//! bits per character, the last one padded with zeros. The first layout's entries were plain
//! JSON and start with `{`; they are still read, and `store::load` rewrites them packed.

use std::borrow::Cow;

const MARK: char = 'Z';
const BASE: u32 = 0x0800;
const BITS: u32 = 15;
const MASK: u32 = (1 << BITS) - 1;
/// No entry inflates past this: a damaged or hostile entry must not exhaust the page's memory.
/// (The largest real form, 200 indicators with long texts, is well under 1 MB of JSON.)
pub const MAX_INFLATED: usize = 16 * 1024 * 1024;
/// A length that fits the two length characters.
const MAX_LEN: usize = (1 << (2 * BITS)) - 1;

/// Why a packed entry could not be unpacked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UnpackError {
    /// A character outside the packing's range, or fewer characters than the length says.
    Damaged,
    /// The bytes are not zlib data, or inflate past [`MAX_INFLATED`].
    Inflate,
    /// The inflated bytes are not UTF-8 text.
    NotText,
}

impl UnpackError {
    pub fn zh(&self) -> &'static str {
        match self {
            UnpackError::Damaged => "压缩数据已损坏",
            UnpackError::Inflate => "压缩数据无法解压",
            UnpackError::NotText => "解压后不是文本",
        }
    }
    pub fn en(&self) -> &'static str {
        match self {
            UnpackError::Damaged => "the compressed data is damaged",
            UnpackError::Inflate => "the compressed data cannot be inflated",
            UnpackError::NotText => "the inflated data is not text",
        }
    }
}

/// Whether a stored value is in the packed layout (rather than the first layout's JSON).
pub fn is_packed(stored: &str) -> bool {
    stored.starts_with(MARK)
}

fn digit(v: u32) -> char {
    // BASE + a 15-bit value is at most U+87FF: always a valid char
    char::from_u32(BASE + (v & MASK)).unwrap_or('\u{800}')
}

/// The packed form of `text`.
pub fn pack(text: &str) -> String {
    let bytes = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 6);
    // a form never comes near 1 GB; should it, it is better kept as plain text than cut
    if bytes.len() > MAX_LEN {
        return text.to_string();
    }
    let mut out = String::with_capacity(3 * (3 + bytes.len() * 8 / 15 + 1));
    out.push(MARK);
    out.push(digit((bytes.len() >> BITS) as u32));
    out.push(digit(bytes.len() as u32));
    let mut acc: u32 = 0;
    let mut nbits: u32 = 0;
    for b in bytes {
        acc = (acc << 8) | u32::from(b);
        nbits += 8;
        if nbits >= BITS {
            nbits -= BITS;
            out.push(digit(acc >> nbits));
            acc &= (1 << nbits) - 1;
        }
    }
    if nbits > 0 {
        out.push(digit(acc << (BITS - nbits)));
    }
    out
}

fn value_of(c: char) -> Result<u32, UnpackError> {
    let v = u32::from(c).wrapping_sub(BASE);
    if v <= MASK {
        Ok(v)
    } else {
        Err(UnpackError::Damaged)
    }
}

/// The text of a stored value: packed values are unpacked, anything else is returned as is.
pub fn unpack(stored: &str) -> Result<Cow<'_, str>, UnpackError> {
    let Some(rest) = stored.strip_prefix(MARK) else {
        return Ok(Cow::Borrowed(stored));
    };
    let mut chars = rest.chars();
    let (Some(hi), Some(lo)) = (chars.next(), chars.next()) else {
        return Err(UnpackError::Damaged);
    };
    let len = ((value_of(hi)? as usize) << BITS) | value_of(lo)? as usize;
    // every character carries 15 bits: a length the text cannot hold is damage, found before
    // any memory is reserved for it
    if len.saturating_mul(8) > chars.as_str().chars().count().saturating_mul(BITS as usize) {
        return Err(UnpackError::Damaged);
    }
    let mut bytes = Vec::with_capacity(len);
    let mut acc: u32 = 0;
    let mut nbits: u32 = 0;
    for c in chars {
        acc = (acc << BITS) | value_of(c)?;
        nbits += BITS;
        while nbits >= 8 && bytes.len() < len {
            nbits -= 8;
            bytes.push((acc >> nbits) as u8);
        }
        acc &= (1 << nbits) - 1;
    }
    if bytes.len() != len {
        return Err(UnpackError::Damaged);
    }
    let text = inflate(&bytes)?;
    String::from_utf8(text)
        .map(Cow::Owned)
        .map_err(|_| UnpackError::NotText)
}

/// zlib data inflated, at most [`MAX_INFLATED`] bytes. Unlike miniz_oxide's
/// `decompress_to_vec_zlib_with_limit`, the inflater's state (11 KB of tables) is made once for
/// all entries, and the output starts at 8 × the input (a form's JSON packs about 5.5 : 1), so a
/// form inflates in one pass instead of three: start-up unpacks every stored form (1,000 forms:
/// 20 % less time natively).
fn inflate(zlib: &[u8]) -> Result<Vec<u8>, UnpackError> {
    use miniz_oxide::inflate::core::inflate_flags::{
        TINFL_FLAG_PARSE_ZLIB_HEADER, TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF,
    };
    use miniz_oxide::inflate::core::{decompress, DecompressorOxide};
    use miniz_oxide::inflate::TINFLStatus;
    thread_local! {
        static INFLATER: std::cell::RefCell<Box<DecompressorOxide>> = Default::default();
    }
    let flags = TINFL_FLAG_PARSE_ZLIB_HEADER | TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let run = |state: &mut DecompressorOxide| {
        state.init();
        let mut out = vec![0; zlib.len().saturating_mul(8).clamp(64, MAX_INFLATED)];
        let (mut input, mut at) = (zlib, 0);
        loop {
            let (status, read, written) = decompress(state, input, &mut out, at, flags);
            at += written;
            match status {
                TINFLStatus::Done => {
                    out.truncate(at);
                    return Ok(out);
                }
                TINFLStatus::HasMoreOutput if out.len() < MAX_INFLATED => {
                    input = input.get(read..).ok_or(UnpackError::Inflate)?;
                    let grown = out.len().saturating_mul(2).min(MAX_INFLATED);
                    out.resize(grown, 0);
                }
                _ => return Err(UnpackError::Inflate),
            }
        }
    };
    INFLATER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut state) => run(&mut state),
        // never nested in practice; a fresh state then rather than a panic
        Err(_) => run(&mut Box::default()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn text_comes_back_unchanged() {
        for text in [
            "",
            "{}",
            "{\"evaluation\":{\"project_name\":\"招商引资\",\"target\":\"≥90%\"}}",
            &"第1项指标 部分项目推进延迟，已制定整改措施 ".repeat(200),
        ] {
            let packed = pack(text);
            assert!(is_packed(&packed));
            assert!(packed
                .chars()
                .skip(1)
                .all(|c| (0x800..=0x87ff).contains(&u32::from(c))));
            assert_eq!(unpack(&packed).as_deref(), Ok(text));
        }
    }

    #[test]
    fn plain_json_of_the_first_layout_is_read_as_is() {
        let json = "{\"schema_version\":1}";
        assert!(!is_packed(json));
        assert!(matches!(unpack(json), Ok(Cow::Borrowed(s)) if s == json));
    }

    #[test]
    fn a_form_takes_a_fraction_of_its_json() {
        let e = crate::samples::SAMPLES[0].build();
        let json = crate::store::encode_plain_evaluation(&e);
        let packed = pack(&json);
        let (plain, small) = (json.chars().count(), packed.chars().count());
        assert!(small * 2 < plain, "{plain} characters packed into {small}");
    }

    #[test]
    fn damage_is_an_error_not_a_panic() {
        let packed = pack("{\"a\":\"预算执行率\"}");
        let chars: Vec<char> = packed.chars().collect();
        // cut short
        let cut: String = chars[..chars.len() - 1].iter().collect();
        assert_eq!(unpack(&cut), Err(UnpackError::Damaged));
        // a character outside the range
        let mut bad = chars.clone();
        bad[3] = 'x';
        assert_eq!(
            unpack(&bad.iter().collect::<String>()),
            Err(UnpackError::Damaged)
        );
        // a huge length in a short text
        let huge: String = [MARK, digit(MASK), digit(MASK), digit(1)].iter().collect();
        assert_eq!(unpack(&huge), Err(UnpackError::Damaged));
        // bytes that are not zlib data
        let junk: String = [MARK, digit(0), digit(2), digit(0x7fff), digit(0x7fff)]
            .iter()
            .collect();
        assert_eq!(unpack(&junk), Err(UnpackError::Inflate));
        assert_eq!(unpack("Z"), Err(UnpackError::Damaged));
        // zlib data cut short (the length says so, the stream stops early)
        let bytes =
            miniz_oxide::deflate::compress_to_vec_zlib("预算执行率".repeat(50).as_bytes(), 6);
        assert_eq!(
            inflate(&bytes[..bytes.len() / 2]),
            Err(UnpackError::Inflate)
        );
        // the inflater kept between entries starts afresh after a failure
        assert_eq!(unpack(&packed).as_deref(), Ok("{\"a\":\"预算执行率\"}"));
    }

    #[test]
    fn a_bomb_stops_at_the_cap() {
        let big = "0".repeat(MAX_INFLATED + 1);
        let packed = pack(&big);
        assert!(
            packed.chars().count() < 30_000,
            "a run of zeros packs small"
        );
        assert_eq!(unpack(&packed), Err(UnpackError::Inflate));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]
        #[test]
        fn any_text_round_trips(text in any::<String>()) {
            let packed = pack(&text);
            let back = unpack(&packed);
            prop_assert_eq!(back.as_deref(), Ok(text.as_str()));
        }

        #[test]
        fn any_stored_value_unpacks_or_errs(tail in any::<String>()) {
            let _ = unpack(&format!("{MARK}{tail}"));
        }
    }
}
