//! The matrix for a terminal: the documents with their coverage, a table of
//! symbols (one row per base unit, one narrow column per document, `!` after
//! a symbol when the cell has key differences), the legend, then each
//! document's key differences and additions as lines (an addition's text
//! cut to one line). No colours: the symbols carry the meaning.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::report::{DocAdditions, DocKeyDiffs};
use super::MatrixReport;
use crate::words::Words;

/// The widest the unit column gets, in display columns.
const NAME_WIDTH: usize = 40;
/// The widest an added unit's text gets, in display columns: one line of a
/// terminal beside its path, enough for an item's opening phrase. The
/// briefing formats, the XLSX and the JSON carry the whole text.
const ADDED_WIDTH: usize = 100;

/// Lay out `r` as plain text.
pub(crate) fn render(w: &mut dyn Write, r: &MatrixReport) -> io::Result<()> {
    let words = r.words;
    let m = &words.matrix;
    writeln!(w, "{}", m.title)?;
    writeln!(w, "{}", r.subtitle)?;
    writeln!(w, "{}", r.base_line)?;
    writeln!(w)?;
    writeln!(w, "{}", m.sections[0])?;
    for c in &r.columns {
        writeln!(
            w,
            "  {}  {}",
            c.heading,
            words.paren(&words.coverage(&c.coverage), &c.counts)
        )?;
    }
    writeln!(w)?;
    if r.rows.is_empty() {
        writeln!(w, "{}", m.no_rows)?;
    } else {
        table(w, r)?;
    }
    writeln!(w, "{}", r.legend)?;
    writeln!(w)?;
    writeln!(w, "{}", m.sections[2])?;
    for k in &r.key_diffs {
        key_diffs(w, words, k)?;
    }
    writeln!(w)?;
    writeln!(w, "{}", m.sections[3])?;
    for a in &r.additions {
        additions(w, words, a)?;
    }
    Ok(())
}

fn table(w: &mut dyn Write, r: &MatrixReport) -> io::Result<()> {
    let m = &r.words.matrix;
    let names: Vec<String> = r
        .rows
        .iter()
        .map(|row| fit(&row.name, NAME_WIDTH))
        .collect();
    let name_w = names
        .iter()
        .map(|n| n.width())
        .chain([m.unit_head.width()])
        .max()
        .unwrap_or(0);
    let adopted_w = r
        .rows
        .iter()
        .map(|row| row.adopted_text.width())
        .chain([m.adopted_head.width()])
        .max()
        .unwrap_or(0);
    let col_w: Vec<usize> = r
        .columns
        .iter()
        .map(|c| c.number.to_string().len().max(2))
        .collect();
    write!(
        w,
        "{}  {}",
        pad(m.unit_head, name_w),
        pad(m.adopted_head, adopted_w)
    )?;
    for (c, cw) in r.columns.iter().zip(&col_w) {
        write!(w, "  {}", pad(&c.number.to_string(), *cw))?;
    }
    writeln!(w)?;
    for (row, name) in r.rows.iter().zip(&names) {
        write!(
            w,
            "{}  {}",
            pad(name, name_w),
            pad(&row.adopted_text, adopted_w)
        )?;
        for (cell, cw) in row.cells.iter().zip(&col_w) {
            write!(w, "  {}", pad(&cell.mark(), *cw))?;
        }
        writeln!(w)?;
    }
    Ok(())
}

fn key_diffs(w: &mut dyn Write, words: &Words, k: &DocKeyDiffs) -> io::Result<()> {
    writeln!(w, "  {}", k.heading)?;
    if k.rows.is_empty() {
        writeln!(w, "    {}", words.no_key_diffs)?;
    }
    for line in &k.rows {
        writeln!(w, "    {}", line.sentence(words))?;
    }
    if let Some(f) = &k.folded {
        writeln!(w, "    {f}")?;
    }
    Ok(())
}

fn additions(w: &mut dyn Write, words: &Words, a: &DocAdditions) -> io::Result<()> {
    let m = &words.matrix;
    writeln!(w, "  {}", a.heading)?;
    if let Some(s) = &a.summary {
        return writeln!(w, "    {s}");
    }
    if a.units.is_empty() {
        writeln!(w, "    {}", m.no_additions)?;
    }
    for (path, _, text) in &a.units {
        writeln!(
            w,
            "    {path}  {}",
            fit(&text.replace(['\n', '\t'], " "), ADDED_WIDTH)
        )?;
    }
    Ok(())
}

/// `s` cut to `max` display columns, with `…` when cut.
fn fit(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_owned();
    }
    let mut out = String::new();
    for ch in s.chars() {
        let next = format!("{out}{ch}");
        if next.width() + 1 > max {
            break;
        }
        out = next;
    }
    out.push('…');
    out
}

/// `s` padded with spaces to `width` display columns.
fn pad(s: &str, width: usize) -> String {
    format!("{s}{}", " ".repeat(width.saturating_sub(s.width())))
}
