//! Present a coverage [`Matrix`] (one base document against many): terminal
//! text, JSON, CSV, an Excel workbook, and the briefing note as HTML, DOCX
//! and PDF.
//!
//! As for a comparison, the matrix is first built into one report model
//! (`report::MatrixReport`): every label, cell text, badge and
//! sentence worded once; then one small renderer per format lays it out.
//! JSON is the wire format of [`Matrix`] itself.
//!
//! Every cell reads without colour: a symbol and a word (`● 相同`, `◐ 修改`,
//! `◇ 相关`, `× 缺失`), the similarity, the paired paths and the badges of
//! its substantive key differences (`时限·更严`, `责任单位`); colour (green,
//! yellow, blue, red) only repeats it.
//!
//! | format | for |
//! |---|---|
//! | text | a terminal: the documents with their coverage, a table of symbols (one column per document), then each document's key differences and additions |
//! | JSON | programs: the documented wire format of [`Matrix`] |
//! | CSV | Excel and scripts: UTF-8 with BOM, one row per base unit, one column per document (the cell's text on one line) |
//! | XLSX | Excel: sheet 覆盖矩阵 (one row per base unit, one column per document, coloured cells with their text, header row and unit columns frozen), 地方新增 (the additions), 重点差异 (one row per key difference), 文件 (the documents) |
//! | HTML, DOCX, PDF | a briefing note (覆盖矩阵分析报告): the documents, the matrix as tables of at most six documents each, the per-document key differences, the additions |

use std::io::{self, BufWriter, Write};
use std::path::Path;

use policydiff_model::{Matrix, MatrixFormat, ReportLang};

use crate::Result;

mod csv;
mod docx;
mod html;
pub(crate) mod report;
mod text;
mod xlsx;

pub use report::cell_symbol;
pub(crate) use report::MatrixReport;

/// Write `m` in a text format (text, JSON, CSV, HTML) to `w`, worded in
/// `lang` (the documents' own text stays as written; JSON is the same in
/// every language).
///
/// XLSX, DOCX and PDF are binary and need a file: they give an
/// [`io::ErrorKind::InvalidInput`] error here; use [`export_to_file`].
pub fn write_matrix(
    w: &mut dyn Write,
    format: MatrixFormat,
    m: &Matrix,
    lang: ReportLang,
) -> io::Result<()> {
    if format.is_binary() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "a {} file is binary: write it to a file (-o FILE.{})",
                format.extension().to_uppercase(),
                format.extension()
            ),
        ));
    }
    render(w, format, m, lang)
}

/// Write `m` to `path` in `format`, worded in `lang`, atomically (a temporary file in the same
/// directory, renamed over `path` once complete): on failure `path` is left
/// as it was.
///
/// Errors: [`crate::Error::Write`] with `path`.
pub fn export_to_file(
    path: &Path,
    format: MatrixFormat,
    m: &Matrix,
    lang: ReportLang,
) -> Result<()> {
    crate::write_file_atomically(path, |file| {
        let mut w = BufWriter::new(&mut *file);
        render(&mut w, format, m, lang)?;
        w.flush()
    })
}

/// Every format's one way in: JSON is the model; the others lay out the
/// report built once.
fn render(w: &mut dyn Write, format: MatrixFormat, m: &Matrix, lang: ReportLang) -> io::Result<()> {
    if format == MatrixFormat::Json {
        serde_json::to_writer_pretty(&mut *w, m)?;
        return w.write_all(b"\n");
    }
    let r = MatrixReport::build(m, lang);
    match format {
        MatrixFormat::Text => text::render(w, &r),
        MatrixFormat::Csv => csv::render(w, &r),
        MatrixFormat::Xlsx => xlsx::render(w, &r),
        MatrixFormat::Html => html::render(w, &r),
        MatrixFormat::Docx => docx::render(w, &r),
        MatrixFormat::Pdf => crate::pdf::render_matrix(w, &r),
        MatrixFormat::Json => unreachable!("handled above"),
    }
}
