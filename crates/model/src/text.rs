//! Character classes and foldings shared by every stage that reads Chinese
//! text: the cleaner, the PDF reader, the aligner, the diff and the reports.
//!
//! Each question has one answer here, so the stages agree on what a Chinese
//! character is and which forms are "the same".

/// A Chinese (Han) ideograph: CJK Unified Ideographs with extensions A–F and
/// the compatibility ideographs.
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

/// Chinese punctuation and full-width forms: CJK symbols and punctuation
/// (`、。〈〉《》「」【】〔〕`), full-width ASCII and half-width forms, curly
/// quotes, the em dash and the ellipsis.
pub fn is_cjk_punct(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF | 0x2018..=0x201F | 0x2014 | 0x2026)
}

/// A character set in a CJK font at full width: Han ideographs, CJK
/// radicals, kana, CJK punctuation and full-width forms (what the PDF reader
/// joins without spaces).
pub fn is_cjk_wide(c: char) -> bool {
    is_han(c) || matches!(c as u32, 0x2E80..=0x9FFF | 0xFF00..=0xFFEF)
}

/// Fold full-width ASCII forms (U+FF01–FF5E) and the ideographic space to
/// their ASCII counterparts; every other character is returned unchanged.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// [`fold_width`] plus the look-alikes that policy texts mix freely: curly
/// quotes to straight ones, `〔〕【】` to `[]`, `—`/`–` to `-`, `。` to `.`.
/// The form in which the diff compares punctuation "ignoring width".
pub fn fold_punct(c: char) -> char {
    match c {
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '—' | '–' => '-',
        '。' => '.',
        _ => fold_width(c),
    }
}

/// Marks that never start a line (禁则, "no closing punctuation at a line
/// start"): Chinese and Western closing brackets and quotes, sentence and
/// clause punctuation, the ellipsis, the middle dot and the percent signs.
/// The reports' line breaker carries the character before such a mark down
/// with it.
pub fn is_no_line_start(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '！'
            | '？'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '”'
            | '’'
            | '％'
            | '…'
            | '·'
            | '・'
            | ')'
            | ']'
            | '}'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | '%'
    )
}

/// Marks that never end a line (禁则, "no opening bracket at a line end"):
/// Chinese and Western opening brackets and quotes.
pub fn is_no_line_end(c: char) -> bool {
    matches!(
        c,
        '（' | '《' | '〈' | '「' | '『' | '【' | '〔' | '〖' | '“' | '‘' | '(' | '[' | '{'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('省') && is_han('𠀀') && !is_han('，') && !is_han('a'));
        assert!(is_cjk_punct('，') && is_cjk_punct('“') && !is_cjk_punct('省'));
        assert!(is_cjk_wide('省') && is_cjk_wide('，') && is_cjk_wide('⺀') && !is_cjk_wide('a'));
        assert!(is_no_line_start('，') && is_no_line_start('）') && !is_no_line_start('（'));
        assert!(is_no_line_end('（') && is_no_line_end('“') && !is_no_line_end('）'));
        assert!(!is_no_line_start('省') && !is_no_line_end('省'));
    }

    #[test]
    fn folds() {
        let s: String = "（２０％），；　".chars().map(fold_width).collect();
        assert_eq!(s, "(20%),; ");
        let s: String = "“〔2023〕”—。".chars().map(fold_punct).collect();
        assert_eq!(s, "\"[2023]\"-.");
    }
}
