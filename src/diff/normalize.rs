//! Character folding shared by the token diff and the key differences:
//! full-width forms to their half-width counterparts, and whitespace removal.

/// Fold a full-width character (and a few common look-alikes) to its half-width form.
///
/// `，`→`,`, `（`→`(`, `２`→`2`, `％`→`%`, ideographic space → space, curly
/// quotes → straight quotes, `〔〕【】`→`[]`, `—`/`–`→`-`, `。`→`.`.
pub(crate) fn fold_char(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        '“' | '”' => '"',
        '‘' | '’' => '\'',
        '〔' | '【' => '[',
        '〕' | '】' => ']',
        '—' | '–' => '-',
        '。' => '.',
        _ => c,
    }
}

/// The text without whitespace, full-width forms folded: the form in which
/// values (numbers, scope phrases, unit names) are compared.
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(fold_char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width() {
        let s: String = "（２０％），；".chars().map(fold_char).collect();
        assert_eq!(s, "(20%),;");
        assert_eq!(compact("2023 年 底前"), "2023年底前");
    }
}
