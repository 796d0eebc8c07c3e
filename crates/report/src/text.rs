//! Terminal output: a header, the summary, then each pair side by side.
//!
//! Takes a [`Comparison`] and writes lines for a terminal of
//! [`ReportOptions::width`] columns: the left text in the left column, the
//! right text in the right one, separated by ` | `. Widths are display widths
//! (`unicode-width`: a CJK character takes two columns), and long texts wrap
//! anywhere (Chinese has no spaces to wrap at). Deleted text is marked
//! `[-…-]` and inserted text `{+…+}` (the `wdiff` convention), or, with
//! [`ReportOptions::color`], shown red struck-through and blue underlined with
//! ANSI escapes. A one-sided pair leaves the other column empty.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use super::{
    clean_text, key_diff_label, key_diff_place, meta_rows, note_line, note_target, pair_heading,
    selected, side_runs, subtitle, summary_items, Note, NoteIndex, ReportOptions, Side,
    REPORT_TITLE,
};
use policydiff_model::{Comparison, DocInfo, OpTag};

const SEP: &str = " | ";
const DEL_OPEN: &str = "[-";
const DEL_CLOSE: &str = "-]";
const INS_OPEN: &str = "{+";
const INS_CLOSE: &str = "+}";
const ANSI_DEL: &str = "\x1b[31;9m";
const ANSI_INS: &str = "\x1b[34;4m";
const ANSI_BOLD: &str = "\x1b[1m";
const ANSI_RESET: &str = "\x1b[0m";

/// Write `c` as readable side-by-side text.
///
/// Layout: the report title and both documents' titles, 文号, dates and
/// issuers; the summary (when [`ReportOptions::summary`]); the list of key
/// differences (when [`ReportOptions::key_diffs`] and there are any); then,
/// for each selected pair, a heading line (`3. 【修改】 相似度 85% · 左 … ↔ 右 …`),
/// the two columns, its key differences and its notes; finally notes that
/// match no pair.
pub fn write_text(
    w: &mut dyn Write,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    let notes = NoteIndex::new(c, notes, opts.notes);
    let col = opts.width.saturating_sub(SEP.len()).max(16) / 2;
    let bold = |s: &str| {
        if opts.color {
            format!("{ANSI_BOLD}{s}{ANSI_RESET}")
        } else {
            s.to_string()
        }
    };

    writeln!(w, "{}", bold(REPORT_TITLE))?;
    writeln!(w, "{}", subtitle(c))?;
    writeln!(w, "{}", "=".repeat(col * 2 + SEP.len()))?;
    write_doc(w, "左", &c.left)?;
    write_doc(w, "右", &c.right)?;

    if opts.summary {
        let items: Vec<String> = summary_items(&c.summary)
            .into_iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        writeln!(w)?;
        writeln!(w, "概况：{}", items.join("，"))?;
    }

    if opts.key_diffs && c.pairs.iter().any(|p| !p.key_diffs.is_empty()) {
        writeln!(w)?;
        writeln!(w, "关键差异：")?;
        let mut n = 0;
        for (i, p) in c.pairs.iter().enumerate() {
            for k in &p.key_diffs {
                n += 1;
                writeln!(
                    w,
                    "  {n}. [{}] {}：{}",
                    key_diff_label(k.kind),
                    key_diff_place(i + 1, p),
                    clean_text(&k.detail)
                )?;
            }
        }
    }

    for (number, p) in selected(c, &notes, opts) {
        writeln!(w)?;
        writeln!(w, "{}", bold(&pair_heading(number, p)))?;
        let left = layout(&side_runs(p, Side::Left), col, !opts.color);
        let right = layout(&side_runs(p, Side::Right), col, !opts.color);
        for i in 0..left.len().max(right.len()) {
            let l = left.get(i).map(Vec::as_slice).unwrap_or_default();
            let r = right.get(i).map(Vec::as_slice).unwrap_or_default();
            let mut line = render(l, col, opts.color, true);
            line.push_str(SEP);
            line.push_str(&render(r, col, opts.color, false));
            writeln!(w, "{}", line.trim_end())?;
        }
        if opts.key_diffs {
            for k in &p.key_diffs {
                writeln!(
                    w,
                    "  关键差异：[{}] {}",
                    key_diff_label(k.kind),
                    clean_text(&k.detail)
                )?;
            }
        }
        for n in &notes.by_pair[number - 1] {
            writeln!(w, "  备注：{}", one_line(&note_line(n)))?;
        }
    }

    if !notes.unmatched.is_empty() {
        writeln!(w)?;
        writeln!(w, "未对应条款的备注：")?;
        for n in &notes.unmatched {
            writeln!(w, "  {}：{}", note_target(n), one_line(&note_line(n)))?;
        }
    }
    Ok(())
}

/// `左：title` and a line with 文号 · 日期 · 发文机关 (when any is known).
fn write_doc(w: &mut dyn Write, side: &str, d: &DocInfo) -> io::Result<()> {
    let rows = meta_rows(d);
    let get = |k: &str| {
        rows.iter()
            .find(|(label, _)| *label == k)
            .map(|(_, v)| one_line(v))
            .unwrap_or_default()
    };
    writeln!(w, "{side}：{}", get("标题"))?;
    let details: Vec<String> = ["文号", "日期", "发文机关"]
        .iter()
        .map(|k| get(k))
        .filter(|v| !v.is_empty())
        .collect();
    if !details.is_empty() {
        writeln!(w, "    {}", details.join(" · "))?;
    }
    Ok(())
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\t'], " ")
}

/// One unbreakable piece of a column: a character or a marker.
#[derive(Debug, Clone)]
struct Atom {
    text: String,
    width: usize,
    tag: OpTag,
}

/// Lay out runs in lines of at most `col` display columns. Newlines in the
/// text start a new line; markers (when `markers`) surround deleted and
/// inserted runs and are never split. Closing punctuation (`，。、；：？！）》”…`)
/// does not start a line: the character before it moves down with it (the
/// usual Chinese line-breaking rule).
fn layout(runs: &[(OpTag, String)], col: usize, markers: bool) -> Vec<Vec<Atom>> {
    if runs.is_empty() {
        return Vec::new();
    }
    let mut l = Lines {
        col,
        lines: Vec::new(),
        line: Vec::new(),
        used: 0,
    };
    for (tag, text) in runs {
        let (open, close) = match tag {
            OpTag::Equal => ("", ""),
            OpTag::Delete => (DEL_OPEN, DEL_CLOSE),
            OpTag::Insert => (INS_OPEN, INS_CLOSE),
        };
        let marked = markers && !open.is_empty();
        if marked {
            // Keep the opening marker on the same line as the first character.
            let first = text.chars().next().map(char_width).unwrap_or(0);
            if l.used + open.len() + first > col {
                l.break_line();
            }
            l.push(atom(open, *tag));
        }
        for ch in text.chars() {
            if ch == '\n' {
                l.lines.push(std::mem::take(&mut l.line));
                l.used = 0;
                continue;
            }
            let ch = if ch == '\t' { ' ' } else { ch };
            l.push(Atom {
                text: ch.to_string(),
                width: char_width(ch),
                tag: *tag,
            });
        }
        if marked {
            l.push(atom(close, *tag));
        }
    }
    l.lines.push(l.line);
    l.lines
}

/// Lines being filled.
struct Lines {
    col: usize,
    lines: Vec<Vec<Atom>>,
    line: Vec<Atom>,
    used: usize,
}

impl Lines {
    /// Start a new line, unless the current one is empty.
    fn break_line(&mut self) {
        if self.used > 0 {
            self.lines.push(std::mem::take(&mut self.line));
            self.used = 0;
        }
    }

    fn push(&mut self, a: Atom) {
        if self.used + a.width > self.col && self.used > 0 {
            // Closing punctuation and closing markers do not start a line:
            // carry the last character (and an opening marker just before
            // it) along, as long as the line keeps something.
            let mut moved = Vec::new();
            if is_closing_punct(&a.text) || a.text == DEL_CLOSE || a.text == INS_CLOSE {
                let n = self.line.len();
                let is_char = |x: &Atom| x.text.chars().count() == 1 && x.width > 0;
                let is_open = |x: &Atom| x.text == DEL_OPEN || x.text == INS_OPEN;
                if n >= 2 && is_char(&self.line[n - 1]) {
                    let take = if is_open(&self.line[n - 2]) { 2 } else { 1 };
                    if n > take {
                        moved = self.line.split_off(n - take);
                    }
                }
            }
            self.lines.push(std::mem::take(&mut self.line));
            self.used = moved.iter().map(|m| m.width).sum();
            self.line = moved;
        }
        self.used += a.width;
        self.line.push(a);
    }
}

fn is_closing_punct(s: &str) -> bool {
    let mut cs = s.chars();
    matches!(
        (cs.next(), cs.next()),
        (
            Some(
                '，' | '。'
                    | '、'
                    | '；'
                    | '：'
                    | '？'
                    | '！'
                    | '）'
                    | '》'
                    | '〉'
                    | '」'
                    | '』'
                    | '】'
                    | '〕'
                    | '”'
                    | '’'
                    | '…'
                    | '·'
            ),
            None
        )
    )
}

fn atom(s: &str, tag: OpTag) -> Atom {
    Atom {
        text: s.to_string(),
        width: s.len(),
        tag,
    }
}

fn char_width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// One line of a column; `pad` fills it with spaces to `col` columns.
fn render(line: &[Atom], col: usize, color: bool, pad: bool) -> String {
    let mut s = String::new();
    let mut used = 0;
    let mut cur = OpTag::Equal;
    for a in line {
        if color && a.tag != cur {
            if cur != OpTag::Equal {
                s.push_str(ANSI_RESET);
            }
            match a.tag {
                OpTag::Delete => s.push_str(ANSI_DEL),
                OpTag::Insert => s.push_str(ANSI_INS),
                OpTag::Equal => {}
            }
            cur = a.tag;
        }
        s.push_str(&a.text);
        used += a.width;
    }
    if color && cur != OpTag::Equal {
        s.push_str(ANSI_RESET);
    }
    if pad {
        s.extend(std::iter::repeat_n(' ', col.saturating_sub(used)));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(lines: &[Vec<Atom>]) -> Vec<String> {
        lines
            .iter()
            .map(|l| l.iter().map(|a| a.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn cjk_takes_two_columns() {
        let runs = vec![(OpTag::Equal, "一二三四五".to_string())];
        assert_eq!(plain(&layout(&runs, 4, true)), ["一二", "三四", "五"]);
        assert_eq!(plain(&layout(&runs, 5, true)), ["一二", "三四", "五"]);
    }

    #[test]
    fn markers_wrap_with_their_text() {
        let runs = vec![
            (OpTag::Equal, "ab".to_string()),
            (OpTag::Delete, "一".to_string()),
        ];
        // "ab[-" would leave the marker alone at the end of a 5-column line.
        assert_eq!(plain(&layout(&runs, 5, true)), ["ab", "[-一", "-]"]);
        // "ab[-一" fits 6 columns, but "-]" would start the next line alone.
        assert_eq!(plain(&layout(&runs, 6, true)), ["ab", "[-一-]"]);
    }

    #[test]
    fn closing_punctuation_does_not_start_a_line() {
        let runs = vec![(OpTag::Equal, "一二三，四".to_string())];
        assert_eq!(plain(&layout(&runs, 6, true)), ["一二", "三，四"]);
    }

    #[test]
    fn colour_resets_at_line_end() {
        let runs = vec![(OpTag::Insert, "新增".to_string())];
        let lines = layout(&runs, 10, false);
        assert_eq!(
            render(&lines[0], 10, true, true),
            format!("{ANSI_INS}新增{ANSI_RESET}      ")
        );
    }
}
