//! The one line breaker of the reports: the terminal text (widths in display
//! columns) and the PDF (widths in points from glyph advances) both use it.
//!
//! Takes a sequence of [`Unit`]s — characters with the width the caller
//! measured, plus markers glued to a neighbour (`[-`, `-]` of the terminal
//! output) — and returns the lines as ranges of unit indices. Break
//! opportunities come from the Unicode line breaking algorithm (UAX #14, the
//! `unicode-linebreak` crate): Chinese may break between any two characters,
//! Latin words and numbers (`12345`, `IVR`, `5%`) only at spaces and
//! hyphens. On top of it the 禁则 of [`policydiff_model::text`]: a closing
//! mark never starts a line (the character before it moves down with it) and
//! an opening mark never ends one.
//!
//! Filling is greedy. A line ends at the last opportunity that keeps it
//! within its width; spaces at a soft break hang past the width and are
//! dropped; a `\n` always breaks. A word longer than a whole line is cut
//! between characters; a single unit wider than the line gets a line of its
//! own. Nothing else is dropped or reordered.

use std::ops::Range;

use policydiff_model::text::{is_cjk_wide, is_no_line_end, is_no_line_start};
use unicode_linebreak::linebreaks;

/// What a unit is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A character of the text (`\n` forces a break and is not part of any line).
    Char(char),
    /// A marker that stays on the line of the unit after it (an opening `[-`).
    StickToNext,
    /// A marker that stays on the line of the unit before it (a closing `-]`).
    StickToPrev,
}

/// One unbreakable piece of input and its width (columns, points, …).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Unit {
    pub kind: Kind,
    pub width: f32,
}

impl Unit {
    pub fn char(c: char, width: f32) -> Unit {
        Unit {
            kind: Kind::Char(c),
            width,
        }
    }

    fn is_space(&self) -> bool {
        matches!(self.kind, Kind::Char(' ' | '\u{3000}'))
    }
}

/// Tolerance for widths in points.
const EPS: f32 = 0.01;

/// Break `units` into lines: the first at most `first` wide, the others at
/// most `rest` wide. Returns each line's range of unit indices (a `\n` unit
/// and the spaces at a soft break belong to no line). At least one line,
/// empty for empty input; a `\n` at the very end adds no empty line.
pub(crate) fn break_lines(units: &[Unit], first: f32, rest: f32) -> Vec<Range<usize>> {
    let allowed = opportunities(units);
    let mut lines: Vec<Range<usize>> = Vec::new();
    let mut start = 0;
    let mut used = 0.0f32;
    // The last allowed break after `start` (a unit index: the break is
    // before that unit).
    let mut last_break: Option<usize> = None;
    let limit = |lines: &Vec<Range<usize>>| if lines.is_empty() { first } else { rest };
    let mut i = 0;
    while i < units.len() {
        let u = units[i];
        if u.kind == Kind::Char('\n') {
            lines.push(trim_end(units, start..i));
            start = i + 1;
            used = 0.0;
            last_break = None;
            i += 1;
            continue;
        }
        if i > start && allowed[i] {
            last_break = Some(i);
        }
        if !u.is_space() && i > start && used + u.width > limit(&lines) + EPS {
            // Break at the last opportunity, or (a word longer than the
            // line) right here.
            let at = last_break.unwrap_or(i);
            lines.push(trim_end(units, start..at));
            start = at;
            last_break = None;
            used = units[start..i].iter().map(|u| u.width).sum();
            if used + u.width > limit(&lines) + EPS && start < i {
                // What moved down does not fit with this unit either: cut
                // before this unit.
                lines.push(trim_end(units, start..i));
                start = i;
                used = 0.0;
            }
        }
        used += u.width;
        i += 1;
    }
    if start < units.len() || lines.is_empty() {
        lines.push(trim_end(units, start..units.len()));
    }
    lines
}

/// `range` without the spaces at its end.
fn trim_end(units: &[Unit], range: Range<usize>) -> Range<usize> {
    let mut end = range.end;
    while end > range.start && units[end - 1].is_space() {
        end -= 1;
    }
    range.start..end
}

/// For each unit index `i`, whether a line may break before unit `i`.
fn opportunities(units: &[Unit]) -> Vec<bool> {
    // The text of the character units, and for each of them its unit index.
    let mut text = String::with_capacity(units.len() * 3);
    let mut at_byte: Vec<usize> = Vec::with_capacity(units.len());
    let mut chars: Vec<(usize, char)> = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        if let Kind::Char(c) = u.kind {
            at_byte.push(text.len());
            chars.push((i, c));
            text.push(c);
        }
    }
    // ok[k]: a break before the k-th character.
    let mut ok = vec![false; chars.len()];
    let mut k = 0;
    for (byte, _) in linebreaks(&text) {
        while k < at_byte.len() && at_byte[k] < byte {
            k += 1;
        }
        if k < chars.len() {
            ok[k] = true;
        }
    }
    for k in 1..chars.len() {
        let (prev, next) = (chars[k - 1].1, chars[k].1);
        // UAX #14 glues curly quotes to both neighbours; in Chinese text an
        // opening quote may start a line and a closing one end it.
        if (is_opening_quote(next) && is_cjk_wide(prev))
            || (is_closing_quote(prev) && is_cjk_wide(next))
        {
            ok[k] = true;
        }
        if is_no_line_start(next) || is_no_line_end(prev) {
            ok[k] = false;
        }
    }
    let mut allowed = vec![false; units.len() + 1];
    for k in 1..chars.len() {
        if !ok[k] {
            continue;
        }
        let (before, after) = (chars[k - 1].0, chars[k].0);
        // Between the two characters: closing markers stay with the one
        // before, opening markers go with the one after.
        let b = (before + 1..after)
            .rev()
            .find(|&j| units[j].kind == Kind::StickToPrev)
            .map_or(before + 1, |j| j + 1);
        if units[b - 1].kind != Kind::StickToNext
            && units.get(b).map(|u| u.kind) != Some(Kind::StickToPrev)
        {
            allowed[b] = true;
        }
    }
    allowed
}

fn is_opening_quote(c: char) -> bool {
    matches!(c, '“' | '‘')
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '”' | '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Units of `s`, each character as wide as `unicode-width` says.
    fn units(s: &str) -> Vec<Unit> {
        use unicode_width::UnicodeWidthChar;
        s.chars()
            .map(|c| Unit::char(c, c.width().unwrap_or(0) as f32))
            .collect()
    }

    fn lines(s: &str, width: f32) -> Vec<String> {
        let chars: Vec<char> = s.chars().collect();
        break_lines(&units(s), width, width)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn chinese_breaks_anywhere_within_the_width() {
        assert_eq!(lines("一二三四五", 4.0), ["一二", "三四", "五"]);
        assert_eq!(lines("一二三四五", 5.0), ["一二", "三四", "五"]);
    }

    #[test]
    fn closing_marks_take_the_character_before_them_down() {
        assert_eq!(lines("一二三，四", 6.0), ["一二", "三，四"]);
        assert_eq!(lines("一二三）四", 6.0), ["一二", "三）四"]);
    }

    #[test]
    fn opening_marks_move_to_the_next_line() {
        assert_eq!(lines("一二（三四", 6.0), ["一二", "（三四"]);
        assert_eq!(lines("一二“三四", 6.0), ["一二", "“三四"]);
        assert_eq!(lines("一二”三四", 6.0), ["一二”", "三四"]);
    }

    #[test]
    fn numbers_and_words_stay_whole_unless_longer_than_a_line() {
        assert_eq!(lines("平台12345平台", 8.0), ["平台", "12345平", "台"]);
        assert_eq!(lines("abc defgh", 6.0), ["abc", "defgh"]);
        assert_eq!(lines("abcdefghij", 4.0), ["abcd", "efgh", "ij"]);
    }

    #[test]
    fn newlines_break_and_spaces_hang() {
        assert_eq!(lines("一二\n三", 10.0), ["一二", "三"]);
        assert_eq!(lines("一二\n\n三", 10.0), ["一二", "", "三"]);
        assert_eq!(lines("一二\n", 10.0), ["一二"]);
        assert_eq!(lines("ab   cd", 3.0), ["ab", "cd"]);
        assert_eq!(lines("", 3.0), [""]);
    }

    #[test]
    fn a_unit_wider_than_the_line_gets_its_own() {
        assert_eq!(lines("一二三", 1.0), ["一", "二", "三"]);
    }

    #[test]
    fn markers_stay_with_their_characters() {
        // ab[-一-] with markers two columns wide.
        let mut u = units("ab");
        u.push(Unit {
            kind: Kind::StickToNext,
            width: 2.0,
        });
        u.extend(units("一"));
        u.push(Unit {
            kind: Kind::StickToPrev,
            width: 2.0,
        });
        assert_eq!(break_lines(&u, 5.0, 5.0), [0..2, 2..4, 4..5]);
        assert_eq!(break_lines(&u, 6.0, 6.0), [0..2, 2..5]);
        assert_eq!(break_lines(&u, 8.0, 8.0).len(), 1);
    }

    #[test]
    fn the_first_line_has_its_own_width() {
        assert_eq!(
            break_lines(&units("一二三四"), 2.0, 4.0),
            [0..1, 1..3, 3..4]
        );
    }
}
