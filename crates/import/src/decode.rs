//! Turn a file's bytes into text.
//!
//! Takes raw bytes and hands on a `String`, or refuses with
//! [`Error::Unsupported`](crate::Error::Unsupported) naming the file, saying
//! why in plain words, with the kind of [`Problem`] in brackets below.
//! The order of the checks:
//!
//! 1. empty → "the file is empty" (`Empty`; only whitespace: said so, `NoText`);
//! 2. a byte-order mark (UTF-8, UTF-16LE/BE) decides the encoding;
//! 3. valid UTF-8 is taken as UTF-8;
//! 4. UTF-16 without a BOM is recognised by a heuristic (chardetng never
//!    guesses UTF-16): the bytes decode without error and 90 % or more of
//!    the characters are Chinese, ASCII, full-width forms or Chinese
//!    punctuation;
//! 5. UTF-8 with a little damage (at most one bad byte in a thousand) is
//!    taken as UTF-8, each bad sequence replaced by U+FFFD, and the file
//!    offsets of the damage are reported (a warning on the document);
//! 6. NUL bytes left after that → binary (`Binary`);
//! 7. otherwise chardetng (tld `cn`, so GBK/GB18030 is preferred among
//!    legacy encodings) guesses and encoding_rs decodes;
//! 8. the result is refused as binary if more than 0.5 % of its characters
//!    are decoding errors or more than 1 % are control characters (`Binary`);
//! 9. the result is refused if less than 5 % of its visible characters are
//!    Chinese (PolicyDiff compares Chinese documents, and text with no
//!    Chinese is almost always a wrong encoding guess or a non-document;
//!    `NoChinese`, or `NoText` when nothing is visible).

use std::path::Path;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{DecoderResult, Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::error::{Problem, Refusal, Result};
use policydiff_model::text::is_han as is_cjk;

/// How many bytes chardetng looks at (enough to decide; keeps big files fast).
const SNIFF_BYTES: usize = 1 << 20;

/// Decode a file's bytes to text. `path` is only used in error messages.
/// Damaged bytes (a few in a text file) are replaced by U+FFFD.
pub fn decode(bytes: &[u8], path: &Path) -> Result<String> {
    let decoded = decode_markup(bytes, path)?;
    check_chinese(&decoded.text).map_err(|r| r.at(path))?;
    Ok(decoded.text)
}

/// Decoded text and the damage repaired on the way.
#[derive(Debug, Clone, Default)]
pub(crate) struct Decoded {
    /// The text; each damaged byte sequence is one U+FFFD.
    pub text: String,
    /// Each damaged byte sequence, in order.
    pub damage: Vec<Damage>,
    /// The encoding the text was read as (for messages).
    pub encoding: &'static str,
}

impl Decoded {
    /// Text extracted from a container (DOCX, PDF): nothing to repair.
    pub(crate) fn extracted(text: String) -> Decoded {
        Decoded {
            text,
            damage: Vec::new(),
            encoding: "UTF-8",
        }
    }
}

/// One byte sequence that could not be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Damage {
    /// Its offset in the file.
    pub file_offset: usize,
    /// Where its U+FFFD is in the decoded text.
    pub text_offset: usize,
}

/// The warning naming the file offsets of damaged bytes. `None` when there are none.
pub(crate) fn damage_warning(file_offsets: &[usize], encoding: &str) -> Option<String> {
    let n = file_offsets.len();
    (n > 0).then(|| {
        format!(
            "{n} damaged byte sequence{} could not be read as {encoding} and {} replaced by \u{FFFD} (byte offset{} {} of the file)",
            if n == 1 { "" } else { "s" },
            if n == 1 { "was" } else { "were" },
            if n == 1 { "" } else { "s" },
            crate::controls::list(file_offsets, 10),
        )
    })
}

/// Like [`decode`] without the check for Chinese text (rule 9), for markup
/// (HTML) whose text is checked after extraction; also hands on the damage.
pub(crate) fn decode_markup(bytes: &[u8], path: &Path) -> Result<Decoded> {
    let refuse = |problem, reason: &str| Refusal::new(problem, reason).at(path);
    if bytes.is_empty() {
        return Err(refuse(Problem::Empty, "the file is empty (0 bytes)"));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(refuse(Problem::NoText, WHITESPACE));
    }
    let decoded = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        decode_with(enc, &bytes[bom_len..], bom_len)
    } else if let Ok(s) = std::str::from_utf8(bytes) {
        Decoded {
            text: s.to_string(),
            damage: Vec::new(),
            encoding: UTF_8.name(),
        }
    } else if let Some(text) = utf16_without_bom(bytes) {
        Decoded {
            text,
            damage: Vec::new(),
            encoding: "UTF-16",
        }
    } else if slightly_damaged_utf8(bytes) {
        decode_with(UTF_8, bytes, 0)
    } else if bytes.contains(&0) {
        return Err(refuse(Problem::Binary, BINARY));
    } else {
        let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
        let sniff = &bytes[..bytes.len().min(SNIFF_BYTES)];
        det.feed(sniff, sniff.len() == bytes.len());
        let enc = det.guess(Some(b"cn"), Utf8Detection::Allow);
        decode_with(enc, bytes, 0)
    };
    check_binary(&decoded.text).map_err(|r| r.at(path))?;
    Ok(decoded)
}

const BINARY: &str = "binary content, not a text document";

/// UTF-8 with a little damage (a bad byte, a character cut off at the end):
/// at most one invalid byte in a thousand, and at least ten valid multi-byte
/// characters for each invalid sequence. Text in a legacy encoding such as
/// GBK fails this: nearly every Chinese character in it is invalid UTF-8.
fn slightly_damaged_utf8(bytes: &[u8]) -> bool {
    let (mut invalid_bytes, mut invalid_runs, mut multibyte) = (0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid_bytes += chunk.invalid().len();
            invalid_runs += 1;
            if invalid_bytes * 1000 > bytes.len() {
                return false;
            }
        }
    }
    invalid_runs > 0 && multibyte >= invalid_runs * 10
}

/// Decode `bytes` (which start at `base` in the file), replacing each
/// malformed sequence by U+FFFD and recording where it was.
fn decode_with(enc: &'static Encoding, bytes: &[u8], base: usize) -> Decoded {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(
        decoder
            .max_utf8_buffer_length_without_replacement(bytes.len())
            .unwrap_or(bytes.len()),
    );
    let mut damage = Vec::new();
    let mut read = 0;
    loop {
        let (result, n) =
            decoder.decode_to_string_without_replacement(&bytes[read..], &mut text, true);
        read += n;
        match result {
            DecoderResult::InputEmpty => break,
            DecoderResult::OutputFull => text.reserve(bytes.len() - read + 16),
            DecoderResult::Malformed(bad, unread) => {
                damage.push(Damage {
                    file_offset: base + read - usize::from(unread) - usize::from(bad),
                    text_offset: text.len(),
                });
                text.push('\u{FFFD}');
            }
        }
    }
    Decoded {
        text,
        damage,
        encoding: enc.name(),
    }
}

/// Decode BOM-less UTF-16 if the bytes look like it (see the module doc).
fn utf16_without_bom(bytes: &[u8]) -> Option<String> {
    if bytes.len() < 2 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    for enc in [UTF_16LE, UTF_16BE] {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if had_errors {
            continue;
        }
        let total = text.chars().count();
        let plausible = text
            .chars()
            .filter(|&c| {
                c.is_ascii() && (!c.is_ascii_control() || c.is_ascii_whitespace())
                    || is_cjk(c)
                    || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2010..=0x2027)
            })
            .count();
        if total > 0 && plausible * 10 >= total * 9 {
            return Some(text.into_owned());
        }
    }
    None
}

/// Refuse decoded text that is binary (rule 8).
fn check_binary(text: &str) -> std::result::Result<(), Refusal> {
    let mut total = 0usize;
    let mut replacement = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        match c {
            '\u{FFFD}' => replacement += 1,
            '\n' | '\r' | '\t' | '\u{c}' => {}
            c if c.is_control() => control += 1,
            _ => {}
        }
    }
    if replacement * 200 > total || control * 100 > total {
        return Err(Refusal::new(Problem::Binary, BINARY));
    }
    Ok(())
}

/// Why a file of blank lines is refused.
const WHITESPACE: &str = "the file holds nothing but whitespace";
/// Why a file from which no text came is refused.
const NO_TEXT: &str = "no text found in it";

/// Refuse text with no visible characters or (almost) no Chinese (rule 9).
pub(crate) fn check_chinese(text: &str) -> std::result::Result<(), Refusal> {
    let visible = text
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .count();
    let chinese = text.chars().filter(|&c| is_cjk(c)).count();
    if visible == 0 {
        // Nothing extracted (a page or a Word file without text), or a text
        // of blank lines.
        let reason = if text.chars().all(|c| c == '\u{feff}') {
            NO_TEXT
        } else {
            WHITESPACE
        };
        return Err(Refusal::new(Problem::NoText, reason));
    }
    if chinese * 20 < visible {
        return Err(Refusal::new(
            Problem::NoChinese,
            "no Chinese text found (PolicyDiff compares Chinese documents; \
                    the file may be in an encoding that could not be recognised)",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str =
        "广东省进一步强化市场主体诉求响应服务工作方案\n一、工作目标\n聚焦建立线上线下融合。";

    fn p() -> &'static Path {
        Path::new("x.txt")
    }

    #[test]
    fn utf8_plain_and_with_bom() {
        assert_eq!(decode(SAMPLE.as_bytes(), p()).unwrap(), SAMPLE);
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&b, p()).unwrap(), SAMPLE);
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode(SAMPLE);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes, p()).unwrap(), SAMPLE);
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let le: Vec<u8> = SAMPLE
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        let be: Vec<u8> = SAMPLE
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&le, p()).unwrap(), SAMPLE);
        assert_eq!(decode(&be, p()).unwrap(), SAMPLE);
        let mut bom = vec![0xFF, 0xFE];
        bom.extend_from_slice(&le);
        assert_eq!(decode(&bom, p()).unwrap(), SAMPLE);
    }

    #[test]
    fn empty_binary_and_non_chinese_are_refused() {
        let msg = |b: &[u8]| decode(b, p()).unwrap_err().to_string();
        assert!(msg(b"").contains("the file is empty"));
        // Not empty, as `ls` shows: said as it is.
        assert!(msg(b"  \n\n ").contains("the file holds nothing but whitespace"));
        assert!(!msg(b"  \n\n ").contains("empty"));
        assert!(msg(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0").contains("binary content"));
        assert!(msg(b"\x01\x02\x03\x04\x05abc\x06\x07").contains("binary content"));
        assert!(msg(b"Just an English sentence here.").contains("no Chinese text"));
    }

    #[test]
    fn each_refusal_says_which_problem() {
        let problem = |b: &[u8]| decode(b, p()).unwrap_err().problem();
        assert_eq!(problem(b""), Some(Problem::Empty));
        assert_eq!(problem(b"  \n\t\r\n "), Some(Problem::NoText));
        assert_eq!(
            problem(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0"),
            Some(Problem::Binary)
        );
        assert_eq!(
            problem(b"\x01\x02\x03\x04\x05abc\x06\x07"),
            Some(Problem::Binary)
        );
        assert_eq!(
            problem(b"Just an English sentence here."),
            Some(Problem::NoChinese)
        );
    }
}
