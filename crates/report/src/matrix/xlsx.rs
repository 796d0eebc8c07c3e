//! The matrix as an Excel workbook (`rust_xlsxwriter`).
//!
//! Sheets:
//! 1. 覆盖矩阵 — header row, then one row per base unit: 条款路径, 基准条款
//!    (the heading or opening words), 采纳 (`2/3`), one column per
//!    document (headed `1 佛山` and its 文号 and coverage), and 条款内容 (the
//!    unit's text) last. Each document cell holds its text
//!    (`◐ 修改 85%`, the paired paths, the badges, one per line) and a fill
//!    by kind (same green, modified yellow, related blue, missing red, as
//!    Excel's own good/neutral/bad styles), so it reads with or without
//!    colour. The header row and the first three columns are frozen; the
//!    header carries an autofilter.
//! 2. 地方新增 — one row per unit of a document that pairs with nothing in
//!    the base (every one, also for a document that adopted nothing).
//! 3. 重点差异 — one row per substantive key difference: document, base
//!    unit, paired units, category, detail.
//! 4. 文件 — the base and each document: title, 文号, coverage (a number
//!    formatted as a percentage) and the counts.
//!
//! Strings are written as strings (never formulas); a text longer than
//! Excel's cell limit (32,767 characters) is cut there.

use std::io::{self, Write};

use policydiff_model::CellKind;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use unicode_width::UnicodeWidthStr;

use super::report::Column;
use super::MatrixReport;
use crate::words::Words;

/// Excel's limit on the characters of one cell.
const CELL_MAX: usize = 32_767;
const FONT: &str = "等线";
/// Width of the unit column, in characters (a Chinese character is two).
const GIST_WIDTH: usize = 30;
/// Height of one line of 10.5-point text, in points.
const LINE_HEIGHT: f64 = 15.0;

/// Lay out `r` as an XLSX workbook and write it to `w`.
pub(crate) fn render(w: &mut dyn Write, r: &MatrixReport) -> io::Result<()> {
    let bytes = workbook(r).map_err(io::Error::other)?;
    w.write_all(&bytes)
}

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(10.5)
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBFBFBF))
}

fn head() -> Format {
    base()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(0xE7EBF0))
}

/// Fill and font colours of a kind: Excel's good (green), neutral (yellow),
/// a light blue, and bad (red).
fn kind_format(kind: CellKind) -> Format {
    let (fill, font) = match kind {
        CellKind::Same => (0xC6EFCE, 0x006100),
        CellKind::Modified => (0xFFEB9C, 0x9C5700),
        CellKind::Related => (0xDDEBF7, 0x1F4E78),
        CellKind::Missing => (0xFFC7CE, 0x9C0006),
    };
    base()
        .set_text_wrap()
        .set_background_color(Color::RGB(fill))
        .set_font_color(Color::RGB(font))
}

fn text(s: &str) -> String {
    if s.chars().count() <= CELL_MAX {
        s.to_owned()
    } else {
        s.chars().take(CELL_MAX).collect()
    }
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    cells: &[String],
    format: &Format,
) -> Result<(), XlsxError> {
    for (col, s) in cells.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, text(s), format)?;
    }
    Ok(())
}

fn column_head(w: &Words, c: &Column) -> String {
    let mut s = c.head.clone();
    if !c.doc_number.is_empty() {
        s.push('\n');
        s.push_str(&c.doc_number);
    }
    s.push('\n');
    s.push_str(&w.coverage(&c.coverage));
    s
}

fn workbook(r: &MatrixReport) -> Result<Vec<u8>, XlsxError> {
    let words = r.words;
    let m = &words.matrix;
    let mut wb = Workbook::new();
    let (head, plain, wrap) = (head(), base(), base().set_text_wrap());
    let kinds = [
        CellKind::Same,
        CellKind::Modified,
        CellKind::Related,
        CellKind::Missing,
    ]
    .map(|k| (k, kind_format(k)));
    let kind_fmt = |k: CellKind| &kinds.iter().find(|(x, _)| *x == k).expect("every kind").1;

    // 1. The matrix.
    let sheet = wb.add_worksheet();
    sheet.set_name(m.sheets[0])?;
    let n = r.columns.len() as u16;
    let text_col = 3 + n;
    let mut heads = vec![
        m.csv_head[0].to_owned(),
        m.unit_head.to_owned(),
        m.adopted_head.to_owned(),
    ];
    heads.extend(r.columns.iter().map(|c| column_head(words, c)));
    heads.push(m.csv_head[2].to_owned());
    write_row(sheet, 0, &heads, &head)?;
    sheet.set_row_height(0, 45)?;
    sheet.set_column_width(0, 14)?;
    sheet.set_column_width(1, GIST_WIDTH as f64 + 2.0)?;
    sheet.set_column_width(2, 6)?;
    for j in 0..n {
        sheet.set_column_width(3 + j, 16)?;
    }
    sheet.set_column_width(text_col, 80)?;
    for (i, row) in r.rows.iter().enumerate() {
        let at = i as u32 + 1;
        // Excel does not size rows to wrapped text when it opens a file:
        // give each row the height of its tallest cell.
        let lines = row
            .cells
            .iter()
            .map(|c| c.lines().len())
            .chain([row.gist.width().div_ceil(GIST_WIDTH)])
            .max()
            .unwrap_or(1)
            .max(1);
        sheet.set_row_height(at, LINE_HEIGHT * lines as f64)?;
        sheet.write_string_with_format(at, 0, text(&row.path), &plain)?;
        sheet.write_string_with_format(at, 1, text(&row.gist), &wrap)?;
        sheet.write_string_with_format(at, 2, &row.adopted_text, &plain)?;
        for (j, cell) in row.cells.iter().enumerate() {
            sheet.write_string_with_format(
                at,
                3 + j as u16,
                text(&cell.lines().join("\n")),
                if cell.blank {
                    &wrap
                } else {
                    kind_fmt(cell.kind)
                },
            )?;
        }
        sheet.write_string_with_format(at, text_col, text(&row.text.replace('\n', " ")), &plain)?;
    }
    sheet.set_freeze_panes(1, 3)?;
    sheet.autofilter(0, 0, r.rows.len() as u32, text_col)?;

    // 2. Additions.
    let sheet = wb.add_worksheet();
    sheet.set_name(m.sheets[1])?;
    write_row(sheet, 0, &m.additions_head.map(String::from), &head)?;
    for (col, w) in [6, 36, 14, 8, 80].into_iter().enumerate() {
        sheet.set_column_width(col as u16, w)?;
    }
    let mut at = 1;
    for (c, a) in r.columns.iter().zip(&r.additions) {
        for (path, label, body) in &a.units {
            let cells = [
                c.number.to_string(),
                doc_name(words, c),
                path.clone(),
                label.clone(),
                body.clone(),
            ];
            write_row(sheet, at, &cells, &wrap)?;
            at += 1;
        }
    }
    sheet.set_freeze_panes(1, 0)?;

    // 3. Key differences.
    let sheet = wb.add_worksheet();
    sheet.set_name(m.sheets[2])?;
    write_row(sheet, 0, &m.xlsx_key_diffs_head().map(String::from), &head)?;
    for (col, w) in [6, 36, 14, 14, 14, 60].into_iter().enumerate() {
        sheet.set_column_width(col as u16, w)?;
    }
    let mut at = 1;
    for (c, k) in r.columns.iter().zip(&r.key_diffs) {
        for line in &k.rows {
            let cells = [
                c.number.to_string(),
                doc_name(words, c),
                line.base_path.clone(),
                line.doc_paths.clone(),
                line.category.clone(),
                line.detail.clone(),
            ];
            write_row(sheet, at, &cells, &wrap)?;
            at += 1;
        }
    }
    sheet.set_freeze_panes(1, 0)?;

    // 4. Documents.
    let sheet = wb.add_worksheet();
    sheet.set_name(m.sheets[3])?;
    let mut documents_head: Vec<String> = m.documents_head.map(String::from).to_vec();
    documents_head.extend(
        [
            CellKind::Same,
            CellKind::Modified,
            CellKind::Related,
            CellKind::Missing,
        ]
        .map(|k| words.cell(k).to_owned()),
    );
    documents_head.push(m.additions.to_owned());
    write_row(sheet, 0, &documents_head, &head)?;
    for (col, w) in [6, 60, 22, 9, 6, 6, 6, 6, 6].into_iter().enumerate() {
        sheet.set_column_width(col as u16, w)?;
    }
    sheet.write_string_with_format(1, 0, m.base, &plain)?;
    sheet.write_string_with_format(1, 1, text(&r.base_title), &wrap)?;
    sheet.write_string_with_format(1, 2, text(&r.base_number), &plain)?;
    let percent = base().set_num_format("0.0%");
    for (i, c) in r.columns.iter().enumerate() {
        let at = i as u32 + 2;
        sheet.write_number_with_format(at, 0, c.number as f64, &plain)?;
        sheet.write_string_with_format(at, 1, text(&c.title), &wrap)?;
        sheet.write_string_with_format(at, 2, text(&c.doc_number), &plain)?;
        sheet.write_number_with_format(at, 3, c.coverage_value, &percent)?;
        for (k, v) in c.tally.iter().enumerate() {
            sheet.write_number_with_format(at, 4 + k as u16, *v as f64, &plain)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;

    wb.save_to_buffer()
}

/// `1 佛山市…（佛府办函〔2023〕75号）` without the trailing number's dot.
fn doc_name(w: &Words, c: &Column) -> String {
    if c.doc_number.is_empty() {
        c.title.clone()
    } else {
        w.paren(&c.title, &c.doc_number)
    }
}
