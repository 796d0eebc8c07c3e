//! DOCX output: a Word briefing note (对比分析报告) built with `docx-rs`.
//!
//! Lays out a [`Document`] as a `.docx` package: the title (黑体, centred)
//! and a line naming both documents, then the numbered sections: 要点摘要
//! (when the comparison has key points: one sentence each, then the folded
//! localisation and the counts); 比较文件 (a metadata table for both
//! documents); 概况 (counts and reuse); 重点差异 (a table); 逐条对比 (a
//! two-column table, left clause | right clause, a heading row per pair,
//! deleted words red and struck through, inserted words blue and underlined,
//! key differences, folded localisation and notes in rows under their pair);
//! and 未对应条款的备注 when some notes match no pair.
//!
//! Page and type follow GB/T 9704 (党政机关公文格式) where a comparison table
//! allows: A4 (`w:pgSz` 11906 × 16838 twips), margins 37 mm top, 35 mm
//! bottom, 28 mm left, 26 mm right; page numbers `— 1 —` centred in the footer
//! (a `PAGE` field). Fonts are named on every run for East Asian, ASCII and
//! high-ANSI text: 黑体 for headings, 仿宋 for the body. 仿宋 rather than
//! 仿宋_GB2312 because 仿宋_GB2312 is not installed by default on Windows
//! 10/11, while 仿宋 (FangSong) is on every Windows since Vista; Word
//! substitutes missing fonts, so nothing breaks either way.
//!
//! Deletions and insertions are direct formatting (strike + colour,
//! underline + colour), not tracked changes (`w:del`/`w:ins`): a reader must
//! not be able to "accept all" them away, and they print as they look.
//!
//! Known limits: docx-rs cannot mark a table row as a repeating header
//! (`w:tblHeader`), so the comparison table's header appears on its first page
//! only; docx-rs writes `w:rPr` children in its own order (LibreOffice reads
//! it; not yet checked in Word).

use std::io::{self, Cursor, Write};

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, PageMargin,
    Paragraph, Run, RunFonts, Shading, ShdType, SpecialIndentType, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

use crate::document::{
    legend, Document, KeyDiffTable, KeyPoints, Mark, MetaRow, PairView, Section, Span,
};
use crate::words::Words;
use crate::{clean_text, Note, ReportOptions};
use policydiff_model::Comparison;

/// Body face (仿宋).
pub(crate) const BODY_FONT: &str = "仿宋";
/// Heading face (黑体).
pub(crate) const HEAD_FONT: &str = "黑体";
/// Page-number face (宋体), as GB/T 9704 prescribes.
const PAGE_FONT: &str = "宋体";
/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
pub(crate) const SIZE_TITLE: usize = 44;
pub(crate) const SIZE_H: usize = 32;
pub(crate) const SIZE_BODY: usize = 28;
pub(crate) const SIZE_TABLE: usize = 24;
pub(crate) const SIZE_SMALL: usize = 21;
/// A4 in twips.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// Margins in twips (1 mm = 56.7 twips): 37, 26, 35, 28 mm.
const MARGIN_TOP: i32 = 2098;
const MARGIN_RIGHT: i32 = 1474;
const MARGIN_BOTTOM: i32 = 1984;
const MARGIN_LEFT: i32 = 1587;
/// Width of the text block in twips.
pub(crate) const TEXT_W: usize = (PAGE_W as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
/// Colours: deletions dark red, insertions dark blue, table heads light grey.
const DEL_COLOR: &str = "C00000";
const INS_COLOR: &str = "0040A8";
pub(crate) const HEAD_FILL: &str = "E7EBF0";
const PAIR_FILL: &str = "F2F2F2";
const NOTE_FILL: &str = "FFF8DC";

/// Write `c` as a Word document to `w`.
///
/// The package is put together in memory and finished there, then written
/// to `w` in one go: a failing `w` (a full disk) gives its error back here,
/// and no half-finished archive is left to be finalised (and complained
/// about) later.
///
/// Errors: those of `w` (the zip packer's own errors come back as
/// [`io::Error`]s too).
pub fn write_docx(
    mut w: impl Write,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    render(&mut w, &Document::build(c, notes, opts))
}

/// Lay out `doc` as a Word document and write it to `w`.
pub(crate) fn render(w: &mut dyn Write, doc: &Document<'_>) -> io::Result<()> {
    let mut zip = Cursor::new(Vec::new());
    build(doc)
        .build()
        .pack(&mut zip)
        .map_err(io::Error::other)?;
    w.write_all(zip.get_ref())
}

/// An empty A4 document with the note's margins, fonts and page numbers.
pub(crate) fn blank() -> Docx {
    Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN_TOP)
                .right(MARGIN_RIGHT)
                .bottom(MARGIN_BOTTOM)
                .left(MARGIN_LEFT)
                .header(851)
                .footer(992),
        )
        .created_at(&now_w3cdtf())
        .updated_at(&now_w3cdtf())
        .default_fonts(fonts(BODY_FONT))
        .default_size(SIZE_BODY)
        .footer(page_footer())
}

fn build(d: &Document<'_>) -> Docx {
    let words = d.words;
    let mut doc = blank()
        .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(run(
            words.report_title,
            HEAD_FONT,
            SIZE_TITLE,
        )))
        .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(run(
            &d.subtitle,
            BODY_FONT,
            SIZE_BODY,
        )));

    for (i, s) in d.sections.iter().enumerate() {
        doc = doc.add_paragraph(Paragraph::new().outline_lvl(0).keep_next(true).add_run(run(
            &words.numbered(i + 1, s.title(words)),
            HEAD_FONT,
            SIZE_H,
        )));
        doc = match s {
            Section::KeyPoints(k) => key_points(doc, k),
            Section::Documents(rows) => doc.add_table(meta_table(words, rows)),
            Section::Summary(f) => {
                let doc = doc.add_paragraph(body_para(&f.counts_sentence));
                let doc = match &f.units_sentence {
                    Some(u) => doc.add_paragraph(body_para(u)),
                    None => doc,
                };
                doc.add_paragraph(body_para(&f.reuse_sentence))
            }
            Section::KeyDiffs(k) => key_diffs(doc, words, k),
            Section::Pairs(pairs) => compare_table(doc, d, pairs),
            Section::Notes(notes) => notes.iter().fold(doc, |doc, n| {
                doc.add_paragraph(body_para(&format!("{}{}{}", n.target, words.colon, n.line)))
            }),
        };
    }
    doc
}

fn key_points(mut doc: Docx, k: &KeyPoints) -> Docx {
    // Numbered items with a hanging indent: the number two characters in,
    // then a tab to the text, whose later lines align with it (twips, which
    // Word, WPS and LibreOffice all honour).
    let char_w = (SIZE_BODY * 10) as i32;
    for (n, p) in k.points.iter().enumerate() {
        let mut para = Paragraph::new()
            .add_run(run(&format!("{}.", n + 1), BODY_FONT, SIZE_BODY).add_tab())
            .indent(
                Some(4 * char_w),
                Some(SpecialIndentType::Hanging(2 * char_w)),
                None,
                None,
            );
        for s in &p.spans {
            para = para.add_run(span_run(s, SIZE_BODY));
        }
        doc = doc.add_paragraph(para);
    }
    for line in k.lines() {
        doc = doc.add_paragraph(body_para(line));
    }
    doc
}

fn meta_table(words: &Words, rows: &[MetaRow]) -> Table {
    let widths = [
        1400,
        (TEXT_W - 1400) / 2,
        TEXT_W - 1400 - (TEXT_W - 1400) / 2,
    ];
    let mut out = vec![head_row(&words.meta_head, &widths)];
    for r in rows {
        out.push(TableRow::new(vec![
            cell(plain_para(r.label, HEAD_FONT, SIZE_TABLE), widths[0]),
            cell(plain_para(&r.left, BODY_FONT, SIZE_TABLE), widths[1]),
            cell(plain_para(&r.right, BODY_FONT, SIZE_TABLE), widths[2]),
        ]));
    }
    table(out, &widths)
}

fn key_diffs(mut doc: Docx, words: &Words, k: &KeyDiffTable) -> Docx {
    if k.rows.is_empty() {
        doc = doc.add_paragraph(body_para(words.no_key_diffs));
    } else {
        let widths = words.key_diff_widths;
        let mut rows = vec![head_row(&words.key_diff_head, &widths)];
        for (n, r) in k.rows.iter().enumerate() {
            let texts = [
                (n + 1).to_string(),
                r.category.clone(),
                words.pair_cell(r.pair, &r.left_path, &r.right_path),
                r.left.clone(),
                r.right.clone(),
                r.detail.clone(),
            ];
            // A finding is read as one row: never split across a page break.
            rows.push(
                TableRow::new(
                    texts
                        .iter()
                        .zip(widths)
                        .map(|(t, wd)| cell(plain_para(t, BODY_FONT, SIZE_TABLE), wd))
                        .collect(),
                )
                .cant_split(),
            );
        }
        doc = doc.add_table(table(rows, &widths));
    }
    if let Some(f) = &k.folded {
        doc = doc.add_paragraph(plain_para(f, BODY_FONT, SIZE_SMALL));
    }
    doc
}

fn compare_table(mut doc: Docx, d: &Document<'_>, pairs: &[PairView<'_>]) -> Docx {
    let words = d.words;
    let mut legend_para = Paragraph::new();
    for s in legend(words, words.looks) {
        legend_para = legend_para.add_run(span_run(&s, SIZE_SMALL));
    }
    doc = doc.add_paragraph(legend_para);
    if pairs.is_empty() {
        return doc.add_paragraph(body_para(words.no_pairs));
    }
    let half = TEXT_W / 2;
    let widths = [half, TEXT_W - half];
    let mut rows = vec![head_row(
        &[
            &words.side_head(true, &d.left_title),
            &words.side_head(false, &d.right_title),
        ],
        &widths,
    )];
    for p in pairs {
        rows.push(wide_row(
            plain_para(&p.heading, HEAD_FONT, SIZE_SMALL).keep_next(true),
            PAIR_FILL,
        ));
        let side_cell = |spans: &[Span], width: usize| {
            let para = spans.iter().fold(Paragraph::new(), |para, s| {
                para.add_run(span_run(s, SIZE_TABLE))
            });
            cell(para, width)
        };
        rows.push(TableRow::new(vec![
            side_cell(&p.left, widths[0]),
            side_cell(&p.right, widths[1]),
        ]));
        for r in &p.remarks {
            rows.push(wide_row(
                plain_para(&r.line(words), BODY_FONT, SIZE_SMALL),
                NOTE_FILL,
            ));
        }
    }
    doc.add_table(table(rows, &widths))
}

/// A run for a span: deleted red and struck, inserted blue and underlined,
/// emphasis in the heading face.
fn span_run(s: &Span, size: usize) -> Run {
    match s.mark {
        Mark::Plain => run(&s.text, BODY_FONT, size),
        Mark::Deleted => deleted(run(&s.text, BODY_FONT, size)),
        Mark::Inserted => inserted(run(&s.text, BODY_FONT, size)),
        Mark::Emphasis => run(&s.text, HEAD_FONT, size),
    }
}

/// The same face for East Asian, ASCII and high-ANSI text.
fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

/// A run of `text` in `font` at `size` half-points; newlines become line
/// breaks and tabs tabs, so a multi-paragraph unit stays in one cell.
pub(crate) fn run(text: &str, font: &str, size: usize) -> Run {
    let mut r = Run::new().fonts(fonts(font)).size(size);
    for (i, line) in clean_text(text).split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                r = r.add_tab();
            }
            if !piece.is_empty() {
                r = r.add_text(piece);
            }
        }
    }
    r
}

fn deleted(r: Run) -> Run {
    r.strike().color(DEL_COLOR)
}

fn inserted(r: Run) -> Run {
    r.underline("single").color(INS_COLOR)
}

pub(crate) fn plain_para(text: &str, font: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(run(text, font, size))
}

/// A body paragraph with the customary two-character first-line indent.
pub(crate) fn body_para(text: &str) -> Paragraph {
    plain_para(text, BODY_FONT, SIZE_BODY).first_line_chars(200)
}

pub(crate) fn cell(p: Paragraph, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(p)
        .width(width, WidthType::Dxa)
}

pub(crate) fn shaded(c: TableCell, fill: &str) -> TableCell {
    c.shading(Shading::new().shd_type(ShdType::Clear).fill(fill))
}

pub(crate) fn head_row(labels: &[&str], widths: &[usize]) -> TableRow {
    TableRow::new(
        labels
            .iter()
            .zip(widths)
            .map(|(l, w)| {
                shaded(
                    cell(plain_para(l, HEAD_FONT, SIZE_TABLE).keep_next(true), *w),
                    HEAD_FILL,
                )
            })
            .collect(),
    )
    .cant_split()
}

/// A row with one cell spanning both columns of the comparison table.
fn wide_row(p: Paragraph, fill: &str) -> TableRow {
    TableRow::new(vec![shaded(cell(p, TEXT_W).grid_span(2), fill)]).cant_split()
}

pub(crate) fn table(rows: Vec<TableRow>, widths: &[usize]) -> Table {
    Table::new(rows)
        .set_grid(widths.to_vec())
        .width(TEXT_W, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// Footer: `— N —` centred, N a PAGE field.
fn page_footer() -> Footer {
    let page = Run::new()
        .fonts(fonts(PAGE_FONT))
        .size(SIZE_BODY)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(run("— ", PAGE_FONT, SIZE_BODY))
            .add_run(page)
            .add_run(run(" —", PAGE_FONT, SIZE_BODY)),
    )
}

/// The current UTC time as `YYYY-MM-DDThh:mm:ssZ` for the document
/// properties (docx-rs would otherwise write 1970-01-01).
fn now_w3cdtf() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    w3cdtf(secs)
}

/// Seconds since the Unix epoch → `YYYY-MM-DDThh:mm:ssZ` (days to civil date
/// after Howard Hinnant's algorithm).
fn w3cdtf(secs: u64) -> String {
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use policydiff_model::ReportLang;

    #[test]
    fn w3cdtf_dates() {
        assert_eq!(super::w3cdtf(0), "1970-01-01T00:00:00Z");
        // 2024-02-29 12:34:56 UTC (a leap day).
        assert_eq!(super::w3cdtf(1_709_210_096), "2024-02-29T12:34:56Z");
        assert_eq!(super::w3cdtf(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn table_columns_fill_the_text_block_in_every_language() {
        for lang in [ReportLang::Zh, ReportLang::En] {
            let w = crate::words::words(lang).key_diff_widths;
            assert_eq!(w.iter().sum::<usize>(), super::TEXT_W, "{lang:?}");
            let m = &crate::words::words(lang).matrix;
            assert_eq!(
                m.docs_widths.iter().sum::<usize>(),
                super::TEXT_W,
                "{lang:?}"
            );
        }
    }
}
