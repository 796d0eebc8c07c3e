//! The matrix for a terminal: the documents with their coverage, a table of
//! symbols (one row per base unit, one narrow column per document, `!` after
//! a symbol when the cell has key differences), the legend, then each
//! document's key differences and additions as lines. No colours: the
//! symbols carry the meaning.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use super::report::{
    DocAdditions, DocKeyDiffs, ADOPTED_HEAD, NO_ADDITIONS, NO_KEY_DIFFS, NO_ROWS, UNIT_HEAD,
};
use super::{MatrixReport, MATRIX_TITLE};

/// The widest the unit column gets, in display columns.
const NAME_WIDTH: usize = 40;

/// Lay out `r` as plain text.
pub(crate) fn render(w: &mut dyn Write, r: &MatrixReport) -> io::Result<()> {
    writeln!(w, "{MATRIX_TITLE}")?;
    writeln!(w, "{}", r.subtitle)?;
    writeln!(w, "{}", r.base_line)?;
    writeln!(w)?;
    writeln!(w, "对照文件")?;
    for c in &r.columns {
        writeln!(w, "  {}  覆盖 {}（{}）", c.heading, c.coverage, c.counts)?;
    }
    writeln!(w)?;
    if r.rows.is_empty() {
        writeln!(w, "{NO_ROWS}")?;
    } else {
        table(w, r)?;
    }
    writeln!(w, "{}", r.legend)?;
    writeln!(w)?;
    writeln!(w, "关键差异")?;
    for k in &r.key_diffs {
        key_diffs(w, k)?;
    }
    writeln!(w)?;
    writeln!(w, "地方新增")?;
    for a in &r.additions {
        additions(w, a)?;
    }
    Ok(())
}

fn table(w: &mut dyn Write, r: &MatrixReport) -> io::Result<()> {
    let names: Vec<String> = r
        .rows
        .iter()
        .map(|row| fit(&row.name, NAME_WIDTH))
        .collect();
    let name_w = names
        .iter()
        .map(|n| n.width())
        .chain([UNIT_HEAD.width()])
        .max()
        .unwrap_or(0);
    let adopted_w = r
        .rows
        .iter()
        .map(|row| row.adopted_text.width())
        .chain([ADOPTED_HEAD.width()])
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
        pad(UNIT_HEAD, name_w),
        pad(ADOPTED_HEAD, adopted_w)
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

fn key_diffs(w: &mut dyn Write, k: &DocKeyDiffs) -> io::Result<()> {
    writeln!(w, "  {}", k.heading)?;
    if k.rows.is_empty() {
        writeln!(w, "    {NO_KEY_DIFFS}")?;
    }
    for line in &k.rows {
        writeln!(w, "    {}", line.sentence())?;
    }
    if let Some(f) = &k.folded {
        writeln!(w, "    {f}")?;
    }
    Ok(())
}

fn additions(w: &mut dyn Write, a: &DocAdditions) -> io::Result<()> {
    writeln!(w, "  {}", a.heading)?;
    if let Some(s) = &a.summary {
        return writeln!(w, "    {s}");
    }
    if a.units.is_empty() {
        writeln!(w, "    {NO_ADDITIONS}")?;
    }
    for (path, _, text) in &a.units {
        writeln!(w, "    {path}  {}", text.replace(['\n', '\t'], " "))?;
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
