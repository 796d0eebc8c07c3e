//! Terminal output: a header, the key points and the summary, then each pair
//! side by side.
//!
//! Lays out a [`Document`] in lines of [`Document::text_width`] columns: the
//! left text in the left column, the right text in the right one, separated
//! by ` | `. Widths are display widths (`unicode-width`: a CJK character
//! takes two columns); lines are broken by the reports' one line breaker
//! ([`crate::linebreak`]). Deleted text is marked `[-…-]` and inserted text
//! `{+…+}` (the `wdiff` convention), or, with colours, shown red
//! struck-through and blue underlined with ANSI escapes. A one-sided pair
//! leaves the other column empty.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use crate::document::{
    one_line, Document, Figures, KeyDiffTable, KeyPoints, Mark, MetaRow, PairView, Remark, Section,
    Span,
};
use crate::linebreak::{break_lines, Kind, Unit};
use crate::words::Words;
use crate::{Note, ReportOptions};
use policydiff_model::Comparison;

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
/// issuers; the key points (要点摘要) when the comparison has any; the
/// summary (when [`ReportOptions::summary`]); the list of key differences
/// (when [`ReportOptions::key_diffs`] and there are any); then, for each
/// selected pair, a heading line (`3. 【修改】 相似度 85% · 左 … ↔ 右 …`), the
/// two columns, its key differences and its notes; finally notes that match
/// no pair. [`ReportOptions::width`] is clamped to
/// [`crate::MIN_TEXT_WIDTH`]..=[`crate::MAX_TEXT_WIDTH`].
pub fn write_text(
    w: &mut dyn Write,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    render(w, &Document::build(c, notes, opts))
}

/// Lay out `doc` as text.
pub(crate) fn render(w: &mut dyn Write, doc: &Document<'_>) -> io::Result<()> {
    let words = doc.words;
    let t = Text {
        col: doc.text_width.saturating_sub(SEP.len()).max(16) / 2,
        color: doc.color,
        words,
    };
    // A colon that ends a line: `要点摘要：`, `Key points:`.
    let colon = words.colon.trim_end();
    writeln!(w, "{}", t.bold(words.report_title))?;
    writeln!(w, "{}", doc.subtitle)?;
    writeln!(w, "{}", "=".repeat(t.col * 2 + SEP.len()))?;
    // The documents come first here, as a header, whatever the section order.
    for s in &doc.sections {
        if let Section::Documents(rows) = s {
            write_doc(w, words, words.left, rows, |r| &r.left)?;
            write_doc(w, words, words.right, rows, |r| &r.right)?;
        }
    }
    for s in &doc.sections {
        match s {
            Section::KeyPoints(k) => t.key_points(w, s.title(words), k)?,
            Section::Documents(_) => {}
            Section::Summary(f) => summary(w, words, s.title(words), f)?,
            Section::KeyDiffs(k) => key_diffs(w, words, s.title(words), k)?,
            Section::Pairs(pairs) => {
                for p in pairs {
                    t.pair(w, p)?;
                }
            }
            Section::Notes(notes) => {
                writeln!(w)?;
                writeln!(w, "{}{colon}", s.title(words))?;
                for n in notes {
                    writeln!(
                        w,
                        "  {}{}{}",
                        one_line(&n.target),
                        words.colon,
                        one_line(&n.line)
                    )?;
                }
            }
        }
    }
    Ok(())
}

/// `左：title` and a line with 文号 · 日期 · 发文机关 (when any is known).
fn write_doc(
    w: &mut dyn Write,
    words: &Words,
    side: &str,
    rows: &[MetaRow],
    value: impl Fn(&MetaRow) -> &String,
) -> io::Result<()> {
    let [title, number, issuer, date, ..] = words.meta;
    let get = |k: &str| {
        rows.iter()
            .find(|r| r.label == k)
            .map(|r| one_line(value(r)))
            .unwrap_or_default()
    };
    writeln!(w, "{side}{}{}", words.colon, get(title))?;
    let details: Vec<String> = [number, date, issuer]
        .iter()
        .map(|k| get(k))
        .filter(|v| !v.is_empty())
        .collect();
    if !details.is_empty() {
        writeln!(w, "    {}", details.join(" · "))?;
    }
    Ok(())
}

fn summary(w: &mut dyn Write, words: &Words, title: &str, f: &Figures) -> io::Result<()> {
    let items: Vec<String> = f.items().map(|(k, v)| format!("{k} {v}")).collect();
    writeln!(w)?;
    writeln!(w, "{title}{}{}", words.colon, items.join(words.comma))
}

fn key_diffs(w: &mut dyn Write, words: &Words, title: &str, k: &KeyDiffTable) -> io::Result<()> {
    if k.rows.is_empty() && k.folded.is_none() {
        return Ok(());
    }
    writeln!(w)?;
    writeln!(w, "{title}{}", words.colon.trim_end())?;
    for (n, r) in k.rows.iter().enumerate() {
        writeln!(
            w,
            "  {}. [{}] {}{}{}",
            n + 1,
            r.category,
            r.place,
            words.colon,
            one_line(&r.detail)
        )?;
    }
    if let Some(f) = &k.folded {
        writeln!(w, "  {f}")?;
    }
    Ok(())
}

/// The column width and the colour choice.
struct Text {
    col: usize,
    color: bool,
    words: &'static Words,
}

impl Text {
    fn bold(&self, s: &str) -> String {
        if self.color {
            format!("{ANSI_BOLD}{s}{ANSI_RESET}")
        } else {
            s.to_string()
        }
    }

    fn key_points(&self, w: &mut dyn Write, title: &str, k: &KeyPoints) -> io::Result<()> {
        writeln!(w)?;
        writeln!(w, "{title}{}", self.words.colon.trim_end())?;
        for (n, p) in k.points.iter().enumerate() {
            self.hanging(w, &format!("  {}. ", n + 1), &p.spans)?;
        }
        for line in k.lines() {
            self.hanging(w, "  ", &[Span::plain(line.as_str())])?;
        }
        Ok(())
    }

    /// `spans` over the whole width after `lead`, later lines indented as far.
    fn hanging(&self, w: &mut dyn Write, lead: &str, spans: &[Span<'_>]) -> io::Result<()> {
        let indent = lead.len();
        let width = (self.col * 2 + SEP.len()).saturating_sub(indent).max(1);
        for (i, line) in self.lay_out(spans, width).iter().enumerate() {
            let lead = if i == 0 {
                lead.to_string()
            } else {
                " ".repeat(indent)
            };
            writeln!(w, "{lead}{}", self.line(line, false, 0))?;
        }
        Ok(())
    }

    fn pair(&self, w: &mut dyn Write, p: &PairView<'_>) -> io::Result<()> {
        writeln!(w)?;
        writeln!(w, "{}", self.bold(&p.heading))?;
        let left = self.lay_out(&p.left, self.col);
        let right = self.lay_out(&p.right, self.col);
        for i in 0..left.len().max(right.len()) {
            let l = left.get(i).map(Vec::as_slice).unwrap_or_default();
            let r = right.get(i).map(Vec::as_slice).unwrap_or_default();
            let mut line = self.line(l, true, self.col);
            line.push_str(SEP);
            line.push_str(&self.line(r, false, self.col));
            writeln!(w, "{}", line.trim_end())?;
        }
        for r in &p.remarks {
            writeln!(w, "  {}", remark(self.words, r))?;
        }
        Ok(())
    }

    /// Lay spans out in lines of at most `width` columns. Newlines in the
    /// text start a new line; markers (without colours) surround deleted and
    /// inserted spans and stay with their first and last characters.
    fn lay_out(&self, spans: &[Span], width: usize) -> Vec<Vec<Atom>> {
        if spans.is_empty() {
            return Vec::new();
        }
        let mut atoms: Vec<Atom> = Vec::new();
        for s in spans {
            let (open, close) = match s.mark {
                Mark::Deleted => (DEL_OPEN, DEL_CLOSE),
                Mark::Inserted => (INS_OPEN, INS_CLOSE),
                Mark::Plain | Mark::Emphasis => ("", ""),
            };
            let marked = !self.color && !open.is_empty();
            if marked {
                atoms.push(Atom::marker(open, s.mark, Kind::StickToNext));
            }
            for ch in s.text.chars() {
                let ch = if ch == '\t' { ' ' } else { ch };
                atoms.push(Atom {
                    text: Piece::Char(ch),
                    mark: s.mark,
                    unit: Unit::char(ch, ch.width().unwrap_or(0) as f32),
                });
            }
            if marked {
                atoms.push(Atom::marker(close, s.mark, Kind::StickToPrev));
            }
        }
        let units: Vec<Unit> = atoms.iter().map(|a| a.unit).collect();
        let width = width as f32;
        break_lines(&units, width, width)
            .into_iter()
            .map(|r| atoms[r].to_vec())
            .collect()
    }

    /// One laid-out line; `pad` fills it with spaces to `col` columns.
    fn line(&self, line: &[Atom], pad: bool, col: usize) -> String {
        let mut s = String::new();
        let mut used = 0;
        let mut cur = Mark::Plain;
        for a in line {
            if self.color && a.mark != cur {
                if cur != Mark::Plain {
                    s.push_str(ANSI_RESET);
                }
                match a.mark {
                    Mark::Deleted => s.push_str(ANSI_DEL),
                    Mark::Inserted => s.push_str(ANSI_INS),
                    Mark::Emphasis => s.push_str(ANSI_BOLD),
                    Mark::Plain => {}
                }
                cur = a.mark;
            }
            match a.text {
                Piece::Char(c) => s.push(c),
                Piece::Marker(m) => s.push_str(m),
            }
            used += a.unit.width as usize;
        }
        if self.color && cur != Mark::Plain {
            s.push_str(ANSI_RESET);
        }
        if pad {
            s.extend(std::iter::repeat_n(' ', col.saturating_sub(used)));
        }
        s
    }
}

/// A line under a pair: `重点差异：[数量] …`, `本地化替换 3 处：…`, `备注：…`.
fn remark(words: &Words, r: &Remark) -> String {
    let colon = words.colon;
    match &r.tag {
        Some(t) => format!("{}{colon}[{t}] {}", r.head, one_line(&r.body)),
        None => format!("{}{colon}{}", r.head, one_line(&r.body)),
    }
}

/// A character or a marker of a column, with its look and its width.
#[derive(Debug, Clone, Copy)]
struct Atom {
    text: Piece,
    mark: Mark,
    unit: Unit,
}

#[derive(Debug, Clone, Copy)]
enum Piece {
    Char(char),
    Marker(&'static str),
}

impl Atom {
    fn marker(m: &'static str, mark: Mark, kind: Kind) -> Atom {
        Atom {
            text: Piece::Marker(m),
            mark,
            unit: Unit {
                kind,
                width: m.len() as f32,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(color: bool, col: usize) -> Text {
        Text {
            col,
            color,
            words: crate::words::words(policydiff_model::ReportLang::Zh),
        }
    }

    fn plain(lines: &[Vec<Atom>]) -> Vec<String> {
        let t = text(false, 0);
        lines.iter().map(|l| t.line(l, false, 0)).collect()
    }

    fn span(mark: Mark, s: &'static str) -> Span<'static> {
        Span::new(mark, s)
    }

    #[test]
    fn cjk_takes_two_columns() {
        let spans = [span(Mark::Plain, "一二三四五")];
        assert_eq!(
            plain(&text(false, 4).lay_out(&spans, 4)),
            ["一二", "三四", "五"]
        );
        assert_eq!(
            plain(&text(false, 5).lay_out(&spans, 5)),
            ["一二", "三四", "五"]
        );
    }

    #[test]
    fn markers_wrap_with_their_text() {
        let spans = [span(Mark::Plain, "ab"), span(Mark::Deleted, "一")];
        // "ab[-" would leave the marker alone at the end of a 5-column line.
        assert_eq!(
            plain(&text(false, 5).lay_out(&spans, 5)),
            ["ab", "[-一", "-]"]
        );
        // "ab[-一" fits 6 columns, but "-]" would start the next line alone.
        assert_eq!(plain(&text(false, 6).lay_out(&spans, 6)), ["ab", "[-一-]"]);
    }

    #[test]
    fn closing_punctuation_does_not_start_a_line() {
        let spans = [span(Mark::Plain, "一二三，四")];
        assert_eq!(
            plain(&text(false, 6).lay_out(&spans, 6)),
            ["一二", "三，四"]
        );
    }

    #[test]
    fn colour_resets_at_line_end() {
        let t = text(true, 10);
        let lines = t.lay_out(&[span(Mark::Inserted, "新增")], 10);
        assert_eq!(
            t.line(&lines[0], true, 10),
            format!("{ANSI_INS}新增{ANSI_RESET}      ")
        );
    }
}
