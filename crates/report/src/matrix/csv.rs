//! The matrix as CSV for Excel and scripts: UTF-8 with a BOM, CRLF line
//! ends, a header row, then one row per base unit.
//!
//! Columns: 条款路径, 条款 (the path with the heading or opening words),
//! 条款内容 (the unit's text), 采纳 (how many documents adopted it, `2/3`),
//! then one column per document headed `1 佛山 佛府办函〔2023〕75号`, each
//! cell on one line: `◐ 修改 85%；→ 二/（二）/1；责任单位`. The additions and
//! the per-document key differences are in the other formats (XLSX puts
//! them on sheets of their own). Text cells that would start a formula get a
//! leading `'`, as in the comparison's CSV.

use std::io::{self, Write};

use super::MatrixReport;
use crate::csv::{cell, io_error};

/// Lay out `r` as CSV.
pub(crate) fn render(w: &mut dyn Write, r: &MatrixReport) -> io::Result<()> {
    w.write_all("\u{FEFF}".as_bytes())?;
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(&mut *w);
    let mut head: Vec<String> = r.words.matrix.csv_head.map(String::from).to_vec();
    head.extend(r.columns.iter().map(|c| {
        cell(
            format!("{} {}", c.head, c.doc_number)
                .trim_end()
                .to_owned()
                .as_str(),
        )
    }));
    out.write_record(&head).map_err(io_error)?;
    for row in &r.rows {
        let mut rec = vec![
            cell(&row.path),
            cell(&row.name),
            cell(&row.text),
            row.adopted_text.clone(),
        ];
        rec.extend(row.cells.iter().map(|c| cell(&c.one_line())));
        out.write_record(&rec).map_err(io_error)?;
    }
    out.flush()
}
