//! CSV output for Excel: UTF-8 with a BOM, a header row, one row per pair.
//!
//! Takes a [`Comparison`] and writes RFC 4180 CSV (CRLF line ends, fields
//! quoted when needed, newlines kept inside quoted cells) with the `csv`
//! crate. The BOM makes Excel read the file as UTF-8 instead of the local
//! code page.
//!
//! Columns: 序号 (the pair's number in the whole comparison), 类型, 相似度
//! (0–1, three decimals; empty for one-sided pairs), 左文位置, 左文编号,
//! 左文内容, 右文位置, 右文编号, 右文内容, 重点差异 (details joined by `；`,
//! a direction in brackets, localisation as `本地化替换 N 处：省商务厅→市商务局`), 备注
//! (joined by `；`), 标签 (distinct tags joined by `；`). Texts are the plain
//! unit texts (no diff marks). Columns stay when options switch content off;
//! their cells are then empty. Notes that match no pair are not written.
//!
//! Spreadsheet formula injection: a text cell that would start with `=`, `+`,
//! `-`, `@` or a tab, or with one of `= + - @` after leading tabs and line
//! breaks, gets a leading `'`, which Excel hides and which stops it from
//! evaluating the cell.

use std::io::{self, Write};

use crate::document::{Document, PairView, RemarkKind, Section};
use crate::words::Words;
use crate::{clean_text, Note, ReportOptions};
use policydiff_model::{Comparison, UnitView};

/// Write `c` as CSV: a UTF-8 BOM, the header row, then one row per selected pair.
pub fn write_csv(
    w: &mut dyn Write,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    render(w, &Document::build(c, notes, opts))
}

/// Lay out the pairs of `doc` as CSV rows.
pub(crate) fn render(w: &mut dyn Write, doc: &Document<'_>) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(&mut *w);
    out.write_record(doc.words.csv_head).map_err(io_error)?;
    for s in &doc.sections {
        if let Section::Pairs(pairs) = s {
            for p in pairs {
                out.write_record(row(doc.words, p)).map_err(io_error)?;
            }
        }
    }
    out.flush()
}

/// The I/O error inside a CSV writer's error, with its kind (a closed pipe
/// stays `BrokenPipe`, which callers end quietly on); the `?` conversion
/// would wrap every error as `Other`.
pub(crate) fn io_error(e: ::csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e);
    }
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        _ => unreachable!("is_io_error said it was one"),
    }
}

/// The cells of one pair's row.
fn row(words: &Words, p: &PairView<'_>) -> [String; 12] {
    let side = |u: &Option<UnitView>| match u {
        Some(u) => [cell(&words.path(&u.path)), cell(&u.label), cell(&u.text)],
        None => Default::default(),
    };
    let pair = p.pair;
    let [lp, ll, lt] = side(&pair.left);
    let [rp, rl, rt] = side(&pair.right);
    let similarity = if pair.left.is_some() && pair.right.is_some() && pair.similarity.is_finite() {
        format!("{:.3}", pair.similarity)
    } else {
        String::new()
    };
    // Key differences as the lines under the pair say them, without their
    // heads: the detail (and direction) of a substantive one, the folded line
    // of the others.
    let key_diffs: Vec<String> = p
        .remarks
        .iter()
        .filter_map(|r| match r.kind {
            RemarkKind::KeyDiff => Some(match r.direction {
                Some(direction) => words.paren(&r.body, direction),
                None => r.body.clone(),
            }),
            RemarkKind::Folded => Some(r.line(words)),
            RemarkKind::Note => None,
        })
        .collect();
    let note = p
        .notes
        .iter()
        .map(|n| clean_text(&n.text))
        .collect::<Vec<_>>()
        .join(words.semicolon);
    let mut tags: Vec<String> = Vec::new();
    for t in p.notes.iter().filter_map(|n| n.tag.as_deref()) {
        let t = clean_text(t.trim());
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }
    [
        p.number.to_string(),
        if pair.manual {
            words.paren(words.kind(pair.kind), words.manual)
        } else {
            words.kind(pair.kind).to_string()
        },
        similarity,
        lp,
        ll,
        lt,
        rp,
        rl,
        rt,
        cell(&key_diffs.join(words.semicolon)),
        cell(&note),
        cell(&tags.join(words.semicolon)),
    ]
}

/// A text cell: cleaned, with a `'` before a formula: a cell whose first
/// character is `=`, `+`, `-`, `@` or a tab, or whose first character after
/// leading tabs and line breaks is one of `= + - @` (OWASP, CSV injection).
pub(crate) fn cell(s: &str) -> String {
    let s = clean_text(s);
    let formula = ['=', '+', '-', '@'];
    if s.starts_with('\t')
        || s.trim_start_matches(['\t', '\r', '\n'])
            .starts_with(formula)
    {
        format!("'{s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    /// A reader that has gone away: every write is a broken pipe.
    struct ClosedPipe;

    impl std::io::Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
            Err(std::io::ErrorKind::BrokenPipe.into())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn a_closed_pipe_stays_a_broken_pipe() {
        // The writer buffers: rows meet the closed pipe once its buffer fills.
        let mut out = ::csv::Writer::from_writer(ClosedPipe);
        let err = (0..10_000)
            .find_map(|_| out.write_record(["诉求响应", "12345"]).err())
            .expect("the closed pipe fails a write");
        let err = super::io_error(err);
        assert_eq!(err.kind(), std::io::ErrorKind::BrokenPipe, "{err}");
    }

    #[test]
    fn formulas_behind_tabs_and_line_breaks_are_neutralised() {
        for s in [
            "=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\n=1", "\r\n+1", "\t\n@x", "\tplain",
        ] {
            assert!(cell(s).starts_with('\''), "{s:?}");
        }
        for s in ["1-1", "a=b", "\nplain", "省商务厅"] {
            assert!(!cell(s).starts_with('\''), "{s:?}");
        }
    }
}
