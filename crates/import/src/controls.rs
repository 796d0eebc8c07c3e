//! Control and invisible characters: removed at import, made visible at output.
//!
//! A document's text is untrusted. Some characters in it do not show as
//! themselves: C0/C1 control characters (ESC starts a terminal escape
//! sequence, BEL rings, NUL ends C strings), bidirectional controls (U+202E
//! makes `内日作工个3` display as `3个工作日内`, so a reader sees other text
//! than the one compared), and zero-width or other invisible format
//! characters (they split a word without a visible trace). [`neutralize`]
//! removes them from an imported text and says where; [`make_visible`]
//! writes any that a text still holds (a document stored by an older version)
//! as `<U+202E>`, for output to a terminal.
//!
//! Kept: tab, line feed, carriage return before a line feed. Characters that
//! break lines (a lone CR, vertical tab, form feed, U+0085, U+2028, U+2029)
//! become line feeds, as a reader sees them.

use std::borrow::Cow;
use std::collections::BTreeMap;

/// What to do with one character of an imported text.
enum Action {
    Keep,
    /// A character that breaks the line: becomes `\n`.
    LineBreak,
    /// A control or invisible character: removed.
    Remove,
}

/// A character that ends a line: line feed, and what import turns into one
/// (a lone CR, vertical tab, form feed, U+0085, U+2028, U+2029).
pub(crate) fn breaks_line(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn action(c: char, next: Option<char>) -> Action {
    match c {
        '\t' | '\n' => Action::Keep,
        '\r' if next == Some('\n') => Action::Keep,
        c if breaks_line(c) => Action::LineBreak,
        c if is_hidden(c) => Action::Remove,
        _ => Action::Keep,
    }
}

/// A character that does not show as itself: a control character (other
/// than tab and line feed), a bidirectional control, or an invisible format
/// character.
pub fn is_hidden(c: char) -> bool {
    matches!(c,
        '\0'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // soft hyphen, Arabic letter mark, Mongolian vowel separator
        | '\u{ad}' | '\u{61c}' | '\u{180e}'
        // zero-width space, (non-)joiner, LRM, RLM
        | '\u{200b}'..='\u{200f}'
        // line/paragraph separators; LRE, RLE, PDF, LRO, RLO
        | '\u{2028}'..='\u{202e}'
        // word joiner, invisible operators, LRI, RLI, FSI, PDI, deprecated format controls
        | '\u{2060}'..='\u{206f}'
        // byte-order mark inside the text, interlinear annotation
        | '\u{feff}' | '\u{fff9}'..='\u{fffb}'
        // tag characters (invisible ASCII look-alikes)
        | '\u{e0000}'..='\u{e007f}')
        && c != '\t'
        && c != '\n'
}

/// Name of a hidden character for messages: `U+202E (right-to-left override)`.
fn describe(c: char) -> String {
    let name = match c {
        '\0' => "NUL",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        '\u{9b}' => "control sequence introducer",
        '\u{ad}' => "soft hyphen",
        '\u{200b}' => "zero-width space",
        '\u{200c}' => "zero-width non-joiner",
        '\u{200d}' => "zero-width joiner",
        '\u{200e}' => "left-to-right mark",
        '\u{200f}' | '\u{61c}' => "right-to-left mark",
        '\u{202a}' => "left-to-right embedding",
        '\u{202b}' => "right-to-left embedding",
        '\u{202c}' => "pop directional formatting",
        '\u{202d}' => "left-to-right override",
        '\u{202e}' => "right-to-left override",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{feff}' => "zero-width no-break space",
        '\u{2060}' => "word joiner",
        '\0'..='\u{1f}' | '\u{80}'..='\u{9f}' => "control character",
        '\u{e0000}'..='\u{e007f}' => "tag character",
        _ => "invisible formatting character",
    };
    format!("U+{:04X} ({name})", c as u32)
}

/// An imported text with its hidden characters removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Neutralized {
    /// The text without hidden characters (line-breaking ones became `\n`).
    pub text: String,
    /// Each removed character and its byte offset in [`Neutralized::text`]
    /// (where it stood), in text order.
    pub removed: Vec<(usize, char)>,
    /// (offset in the input, offset in the output) at each change, in order,
    /// to map input offsets with [`Neutralized::map_offset`].
    shifts: Vec<(usize, usize)>,
}

impl Neutralized {
    /// Where byte offset `at` of the input text is in [`Neutralized::text`].
    pub fn map_offset(&self, at: usize) -> usize {
        let i = self.shifts.partition_point(|&(input, _)| input <= at);
        match i.checked_sub(1).map(|k| self.shifts[k]) {
            Some((input, output)) => output + (at - input),
            None => at,
        }
    }
}

/// Remove the hidden characters of an imported text (see the module doc);
/// line-breaking controls become `\n`. Linear in the text; a text without
/// any is returned unchanged.
pub fn neutralize(text: &str) -> Neutralized {
    let mut out = String::new();
    let mut removed = Vec::new();
    let mut shifts = Vec::new();
    // Copy unchanged runs in one piece: `from` is where the current run starts.
    let mut from = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let act = action(c, next);
        if let Action::Keep = act {
            continue;
        }
        if out.capacity() == 0 {
            out.reserve(text.len());
        }
        out.push_str(&text[from..i]);
        match act {
            Action::LineBreak => out.push('\n'),
            _ => removed.push((out.len(), c)),
        }
        from = i + c.len_utf8();
        shifts.push((from, out.len()));
    }
    if shifts.is_empty() {
        return Neutralized {
            text: text.to_string(),
            removed,
            shifts,
        };
    }
    out.push_str(&text[from..]);
    Neutralized {
        text: out,
        removed,
        shifts,
    }
}

/// A warning naming the hidden characters removed from a document, their
/// kinds and counts and the lines (of `text`, 1-based) they were on. `None`
/// when there are none.
pub fn removal_warning(text: &str, removed: &[(usize, char)]) -> Option<String> {
    if removed.is_empty() {
        return None;
    }
    let mut kinds: BTreeMap<char, usize> = BTreeMap::new();
    for &(_, c) in removed {
        *kinds.entry(c).or_default() += 1;
    }
    let kinds: Vec<String> = kinds
        .iter()
        .map(|(&c, &n)| format!("{} ×{n}", describe(c)))
        .collect();
    let mut lines: Vec<usize> = Vec::new();
    let (mut line, mut pos) = (1, 0);
    for &(at, _) in removed {
        let at = at.min(text.len());
        line += text.as_bytes()[pos..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        pos = at;
        if lines.last() != Some(&line) {
            lines.push(line);
        }
    }
    Some(format!(
        "removed {} invisible or control character{} that would not show as written ({}) on line{} {} of the text",
        removed.len(),
        if removed.len() == 1 { "" } else { "s" },
        kinds.join(", "),
        if lines.len() == 1 { "" } else { "s" },
        list(&lines, 10),
    ))
}

/// `1, 2, 3 and 4 more`: at most `max` numbers.
pub(crate) fn list(values: &[usize], max: usize) -> String {
    let shown: Vec<String> = values.iter().take(max).map(usize::to_string).collect();
    let mut s = shown.join(", ");
    if values.len() > max {
        s.push_str(&format!(" and {} more", values.len() - max));
    }
    s
}

/// `text` with every hidden character written as `<U+XXXX>` (a lone CR
/// too), for printing to a terminal: nothing in it moves the cursor, changes
/// colours or reorders what is shown. Tab and line feed are kept.
pub fn make_visible(text: &str) -> Cow<'_, str> {
    let needs = |c: char| c == '\r' || (is_hidden(c) && c != '\t' && c != '\n');
    if !text.chars().any(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs(c) {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_controls_and_bidi_and_keeps_tabs_and_line_ends() {
        let n = neutralize("甲\u{1b}[31m乙\t丙\r\n丁\u{202e}戊\0\n己");
        assert_eq!(n.text, "甲[31m乙\t丙\r\n丁戊\n己");
        let chars: Vec<char> = n.removed.iter().map(|&(_, c)| c).collect();
        assert_eq!(chars, ['\u{1b}', '\u{202e}', '\0']);
        assert_eq!(&n.text[n.removed[1].0..], "戊\n己");
    }

    #[test]
    fn line_breaking_controls_become_line_feeds() {
        let n = neutralize("一\r二\u{c}三\u{2028}四");
        assert_eq!(n.text, "一\n二\n三\n四");
        assert!(n.removed.is_empty());
    }

    #[test]
    fn offsets_map_from_input_to_output() {
        let input = "ab\u{202e}cd\u{7}ef";
        let n = neutralize(input);
        assert_eq!(n.text, "abcdef");
        for (i, c) in input
            .char_indices()
            .filter(|&(_, c)| c.is_ascii_alphabetic())
        {
            assert_eq!(&n.text[n.map_offset(i)..n.map_offset(i) + 1], c.to_string());
        }
        let clean = neutralize("没有控制字符");
        assert_eq!(clean.map_offset(6), 6);
    }

    #[test]
    fn warning_names_kinds_counts_and_lines() {
        let n = neutralize("第一行\n第二\u{202e}行\u{202c}\n第三行\u{1b}");
        let w = removal_warning(&n.text, &n.removed).unwrap();
        assert!(
            w.contains("removed 3 invisible or control characters"),
            "{w}"
        );
        assert!(w.contains("U+202E (right-to-left override) ×1"), "{w}");
        assert!(w.contains("U+001B (escape) ×1"), "{w}");
        assert!(w.ends_with("on lines 2, 3 of the text"), "{w}");
        assert_eq!(removal_warning("x", &[]), None);
    }

    #[test]
    fn visible_form_for_terminals() {
        assert_eq!(
            make_visible("3个\u{202e}工作日\u{1b}]0;x\u{7}"),
            "3个<U+202E>工作日<U+001B>]0;x<U+0007>"
        );
        assert_eq!(make_visible("a\rb\tc\nd"), "a<U+000D>b\tc\nd");
        assert!(matches!(make_visible("正常文本"), Cow::Borrowed(_)));
    }
}
