//! PDF output: the briefing note of the DOCX, drawn directly as an A4 PDF with
//! its Chinese fonts embedded.
//!
//! Why a crate and not the webview's print: the CLI has no webview, a print
//! dialog cannot be driven by a test, and WebKitGTK, WebView2 and WKWebView
//! each print differently. `krilla` writes the PDF (text as real text with a
//! ToUnicode map, so it can be searched and copied; fonts subset and
//! embedded); `fontdb` finds the system's CJK faces ([`fonts`]); glyph
//! advances and lines ([`layout`], with the reports' one line breaker) and
//! page flow ([`page`]) are ours, as neither crate lays out text.
//!
//! Content and order follow the DOCX (the sections of [`Document`]): title
//! and the two documents, 要点摘要 (when there are key points), 比较文件, 概况,
//! 重点差异, 逐条对比 (two columns, deletions red and struck through,
//! insertions blue and underlined, key differences, folded localisation and
//! notes under their pair), 未对应条款的备注. The PDF adds what Word output cannot
//! promise: the comparison table's header repeats on every page, and the
//! outline (bookmarks) lists the sections and every pair.

mod fonts;
mod layout;
mod matrix;
mod page;

use std::io::{self, Write};

pub use self::fonts::PdfFonts;
use self::fonts::Role;
use self::layout::{Rgb, Shaper, Span, Style};
pub(crate) use self::matrix::render_matrix;
use self::page::{Align, Cell, Flow, Row, TEXT_W};
use crate::document::{
    legend, Document, KeyDiffTable, KeyPoints, Mark, MetaRow, PairView, Section, Span as DocSpan,
};
use crate::words::Words;
use crate::{clean_text, Note, ReportOptions};
use policydiff_model::Comparison;

/// Sizes in points: 二号 22, 三号 16, 四号 14, 五号 10.5, 小五 9.
const SIZE_TITLE: f32 = 22.0;
const SIZE_H: f32 = 16.0;
const SIZE_BODY: f32 = 14.0;
const SIZE_TABLE: f32 = 10.5;
const SIZE_SMALL: f32 = 9.0;
/// Colours as in the DOCX.
const DEL_COLOR: Rgb = (0xC0, 0x00, 0x00);
const INS_COLOR: Rgb = (0x00, 0x40, 0xA8);
const HEAD_FILL: Rgb = (0xE7, 0xEB, 0xF0);
const PAIR_FILL: Rgb = (0xF2, 0xF2, 0xF2);
const NOTE_FILL: Rgb = (0xFF, 0xF8, 0xDC);

/// Write `c` as a PDF to `w`, set in the system's Chinese fonts.
///
/// Errors: `NotFound` when the system has no Chinese font (the message says
/// what to install); those of `w`.
pub fn write_pdf<W: Write>(
    w: W,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    write_pdf_with(w, PdfFonts::system()?, c, notes, opts)
}

/// [`write_pdf`] with the given fonts.
pub fn write_pdf_with<W: Write>(
    mut w: W,
    fonts: &PdfFonts,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    let bytes = render(fonts, &Document::build(c, notes, opts))?;
    w.write_all(&bytes)
}

/// Lay out `doc` as a PDF in the system's Chinese fonts and write it to `w`.
pub(crate) fn render_to(w: &mut dyn Write, doc: &Document<'_>) -> io::Result<()> {
    let bytes = render(PdfFonts::system()?, doc)?;
    w.write_all(&bytes)
}

fn body(size: f32) -> Style {
    Style::new(Role::Body, size)
}

fn head(size: f32) -> Style {
    Style::new(Role::Heading, size)
}

/// The style of a span: deleted red and struck, inserted blue and
/// underlined, emphasis in the heading face.
fn styled(s: &DocSpan, size: f32) -> Span {
    let style = match s.mark {
        Mark::Plain => body(size),
        Mark::Deleted => Style {
            color: DEL_COLOR,
            strike: true,
            ..body(size)
        },
        Mark::Inserted => Style {
            color: INS_COLOR,
            underline: true,
            ..body(size)
        },
        Mark::Emphasis => head(size),
    };
    Span::new(s.text.as_ref(), style)
}

fn text_cell(text: &str, style: Style) -> Cell {
    Cell::new(vec![Span::new(clean_text(text), style)])
}

fn header_row(labels: &[&str]) -> Row {
    Row::new(
        labels
            .iter()
            .map(|l| text_cell(l, head(SIZE_TABLE)).fill(HEAD_FILL))
            .collect(),
    )
}

/// A body paragraph with the customary two-character first-line indent.
fn body_para(flow: &mut Flow<'_>, text: &str) {
    flow.paragraph(
        &[Span::new(text, body(SIZE_BODY))],
        2.0 * SIZE_BODY,
        Align::Left,
    );
}

fn render(fonts: &PdfFonts, doc: &Document<'_>) -> io::Result<Vec<u8>> {
    let words = doc.words;
    let mut flow = Flow::new(Shaper::new(fonts));
    flow.paragraph(
        &[Span::new(words.report_title, head(SIZE_TITLE))],
        0.0,
        Align::Center,
    );
    flow.space(4.0);
    flow.paragraph(
        &[Span::new(doc.subtitle.clone(), body(SIZE_BODY))],
        0.0,
        Align::Center,
    );
    flow.space(8.0);
    for (i, s) in doc.sections.iter().enumerate() {
        flow.heading(&words.numbered(i + 1, s.title(words)), SIZE_H);
        match s {
            Section::KeyPoints(k) => key_points(&mut flow, k),
            Section::Documents(rows) => meta_table(&mut flow, words, rows),
            Section::Summary(f) => {
                body_para(&mut flow, &f.counts_sentence);
                if let Some(u) = &f.units_sentence {
                    body_para(&mut flow, u);
                }
                body_para(&mut flow, &f.reuse_sentence);
            }
            Section::KeyDiffs(k) => key_diffs(&mut flow, words, k),
            Section::Pairs(pairs) => compare_table(&mut flow, doc, pairs),
            Section::Notes(notes) => {
                for n in notes {
                    flow.paragraph(
                        &[Span::new(
                            format!("{}{}{}", n.target, words.colon, n.line),
                            body(SIZE_TABLE),
                        )],
                        0.0,
                        Align::Left,
                    );
                }
            }
        }
    }
    flow.finish(
        &format!("{}{}{}", words.report_title, words.colon, doc.subtitle),
        words.tag,
    )
}

fn key_points(flow: &mut Flow<'_>, k: &KeyPoints) {
    // Numbered items with a hanging indent: a point's later lines align with
    // its text, after the number, so each point reads as one block.
    let indent = 2.0 * SIZE_BODY;
    for (n, p) in k.points.iter().enumerate() {
        let number = Span::new(format!("{}. ", n + 1), body(SIZE_BODY));
        let hang = indent + flow.shaper.width(std::slice::from_ref(&number));
        let mut spans = vec![number];
        spans.extend(p.spans.iter().map(|s| styled(s, SIZE_BODY)));
        flow.hanging(&spans, indent, hang, Align::Left);
    }
    for line in k.lines() {
        body_para(flow, line);
    }
}

fn meta_table(flow: &mut Flow<'_>, words: &Words, rows: &[MetaRow]) {
    let label_w = 56.0;
    let half = (TEXT_W - label_w) / 2.0;
    let rows = rows
        .iter()
        .map(|r| {
            Row::new(vec![
                text_cell(r.label, head(SIZE_TABLE)),
                text_cell(&r.left, body(SIZE_TABLE)),
                text_cell(&r.right, body(SIZE_TABLE)),
            ])
        })
        .collect();
    flow.table(
        &[label_w, half, TEXT_W - label_w - half],
        Some(header_row(&words.meta_head)),
        rows,
    );
}

fn key_diffs(flow: &mut Flow<'_>, words: &Words, k: &KeyDiffTable) {
    if k.rows.is_empty() {
        body_para(flow, words.no_key_diffs);
    } else {
        let rows: Vec<Row> = k
            .rows
            .iter()
            .enumerate()
            .map(|(n, r)| {
                let texts = [
                    (n + 1).to_string(),
                    r.category.clone(),
                    words.pair_cell(r.pair, &r.left_path, &r.right_path),
                    r.left.clone(),
                    r.right.clone(),
                    r.detail.clone(),
                ];
                Row::new(
                    texts
                        .iter()
                        .map(|t| text_cell(t, body(SIZE_TABLE)))
                        .collect(),
                )
            })
            .collect();
        let widths: Vec<f32> = words
            .key_diff_widths
            .iter()
            .map(|&t| from_twips(t))
            .collect();
        flow.table(&widths, Some(header_row(&words.key_diff_head)), rows);
    }
    if let Some(f) = &k.folded {
        flow.space(4.0);
        flow.paragraph(&[Span::new(f.as_str(), body(SIZE_TABLE))], 0.0, Align::Left);
    }
}

fn compare_table(flow: &mut Flow<'_>, doc: &Document<'_>, pairs: &[PairView<'_>]) {
    let words = doc.words;
    let legend: Vec<Span> = legend(words, words.looks)
        .iter()
        .map(|s| styled(s, SIZE_TABLE))
        .collect();
    flow.paragraph(&legend, 0.0, Align::Left);
    flow.space(4.0);
    if pairs.is_empty() {
        body_para(flow, words.no_pairs);
        return;
    }
    let mut rows = Vec::new();
    for p in pairs {
        rows.push(Row {
            keep_with_next: true,
            bookmark: Some(p.bookmark.clone()),
            ..Row::new(vec![text_cell(&p.heading, head(SIZE_SMALL))
                .wide(2)
                .fill(PAIR_FILL)])
        });
        let side =
            |spans: &[DocSpan]| Cell::new(spans.iter().map(|s| styled(s, SIZE_TABLE)).collect());
        rows.push(Row::new(vec![side(&p.left), side(&p.right)]));
        for r in &p.remarks {
            rows.push(Row::new(vec![text_cell(&r.line(words), body(SIZE_SMALL))
                .wide(2)
                .fill(NOTE_FILL)]));
        }
    }
    let half = TEXT_W / 2.0;
    flow.table(
        &[half, TEXT_W - half],
        Some(header_row(&[
            &words.side_head(true, &doc.left_title),
            &words.side_head(false, &doc.right_title),
        ])),
        rows,
    );
}

/// A DOCX column width in twips (of its text block) as the same share of
/// the PDF's text block, in points: the two notes keep one set of proportions.
pub(super) fn from_twips(t: usize) -> f32 {
    t as f32 / crate::docx::TEXT_W as f32 * TEXT_W
}
