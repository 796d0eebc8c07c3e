//! The matrix briefing note as a PDF: the content and order of the matrix's
//! DOCX (see `crate::matrix`), drawn with the comparison note's fonts, page
//! flow and tables (headers repeated on every page; bookmarks to the
//! sections).

use std::io::{self, Write};

use policydiff_model::CellKind;

use super::fonts::PdfFonts;
use super::layout::{Rgb, Shaper, Span};
use super::page::{Align, Cell, Flow, Row, TEXT_W};
use super::{
    body, body_para, from_twips, head, header_row, text_cell, SIZE_BODY, SIZE_H, SIZE_SMALL,
    SIZE_TABLE, SIZE_TITLE,
};
use crate::matrix::report::{DocAdditions, DocKeyDiffs};
use crate::matrix::MatrixReport;
use crate::words::{MatrixWords, Words};

/// Widths in points of the unit and adoption columns of the matrix tables.
const UNIT_W: f32 = 100.0;

/// The fill of a kind (as the XLSX and the DOCX).
fn fill(kind: CellKind) -> Rgb {
    match kind {
        CellKind::Same => (0xC6, 0xEF, 0xCE),
        CellKind::Modified => (0xFF, 0xEB, 0x9C),
        CellKind::Related => (0xDD, 0xEB, 0xF7),
        CellKind::Missing => (0xFF, 0xC7, 0xCE),
    }
}

/// Lay out `r` as a PDF in the system's Chinese fonts and write it to `w`.
pub(crate) fn render_matrix(w: &mut dyn Write, r: &MatrixReport) -> io::Result<()> {
    let bytes = render(PdfFonts::system()?, r)?;
    w.write_all(&bytes)
}

fn small(text: &str) -> Cell {
    text_cell(text, body(SIZE_SMALL))
}

fn render(fonts: &PdfFonts, r: &MatrixReport) -> io::Result<Vec<u8>> {
    let m = &r.words.matrix;
    let mut flow = Flow::new(Shaper::new(fonts));
    flow.paragraph(&[Span::new(m.title, head(SIZE_TITLE))], 0.0, Align::Center);
    flow.space(4.0);
    flow.paragraph(
        &[Span::new(r.subtitle.clone(), body(SIZE_BODY))],
        0.0,
        Align::Center,
    );
    flow.space(8.0);

    flow.heading(&r.words.numbered(1, m.sections[0]), SIZE_H);
    body_para(&mut flow, &r.base_line);
    let widths: Vec<f32> = m.docs_widths.iter().map(|&t| from_twips(t)).collect();
    let rows = r
        .columns
        .iter()
        .map(|c| {
            Row::new(
                [
                    c.number.to_string(),
                    c.title.clone(),
                    c.doc_number.clone(),
                    c.coverage.clone(),
                    c.counts.clone(),
                ]
                .iter()
                .map(|t| text_cell(t, body(SIZE_TABLE)))
                .collect(),
            )
        })
        .collect();
    flow.table(&widths, Some(header_row(&m.docs_head)), rows);

    flow.heading(&r.words.numbered(2, m.sections[1]), SIZE_H);
    flow.paragraph(
        &[Span::new(r.legend.as_str(), body(SIZE_SMALL))],
        0.0,
        Align::Left,
    );
    flow.space(4.0);
    if r.rows.is_empty() {
        body_para(&mut flow, m.no_rows);
    } else {
        for (first, group) in r.groups() {
            // Twips to points.
            let adopted_w = from_twips(m.adopted_width);
            let each = (TEXT_W - UNIT_W - adopted_w) / group.len() as f32;
            let mut widths = vec![UNIT_W, adopted_w];
            widths.extend(std::iter::repeat_n(each, group.len()));
            let heads: Vec<String> = group
                .iter()
                .map(|c| format!("{}\n{}", c.head, r.words.coverage(&c.coverage)))
                .collect();
            let mut labels = vec![m.unit_head, m.adopted_head];
            labels.extend(heads.iter().map(String::as_str));
            let rows = r
                .rows
                .iter()
                .map(|row| {
                    let mut cells = vec![small(&row.name), small(&row.adopted_text)];
                    cells.extend(row.cells[first..first + group.len()].iter().map(|c| {
                        let cell = small(&c.lines().join("\n"));
                        if c.blank {
                            cell
                        } else {
                            cell.fill(fill(c.kind))
                        }
                    }));
                    Row::new(cells)
                })
                .collect();
            flow.table(&widths, Some(header_row(&labels)), rows);
            flow.space(6.0);
        }
    }

    flow.heading(&r.words.numbered(3, m.sections[2]), SIZE_H);
    for k in &r.key_diffs {
        key_diffs(&mut flow, r.words, k);
    }
    flow.heading(&r.words.numbered(4, m.sections[3]), SIZE_H);
    for a in &r.additions {
        additions(&mut flow, m, a);
    }
    flow.finish(
        &format!("{}{}{}", m.title, r.words.colon, r.base_title),
        r.words.tag,
    )
}

fn doc_heading(flow: &mut Flow<'_>, text: &str) {
    flow.space(4.0);
    flow.paragraph(&[Span::new(text, head(SIZE_TABLE))], 0.0, Align::Left);
    flow.space(2.0);
}

fn key_diffs(flow: &mut Flow<'_>, words: &Words, k: &DocKeyDiffs) {
    let m = &words.matrix;
    doc_heading(flow, &k.heading);
    if k.rows.is_empty() {
        flow.paragraph(
            &[Span::new(words.no_key_diffs, body(SIZE_TABLE))],
            0.0,
            Align::Left,
        );
    } else {
        let widths: Vec<f32> = [1500, 1500, 1500, 4345].map(from_twips).to_vec();
        let rows = k
            .rows
            .iter()
            .map(|l| {
                Row::new(
                    [&l.base_path, &l.doc_paths, &l.category, &l.detail]
                        .iter()
                        .map(|t| text_cell(t, body(SIZE_TABLE)))
                        .collect(),
                )
            })
            .collect();
        flow.table(&widths, Some(header_row(&m.key_diff_head)), rows);
    }
    if let Some(f) = &k.folded {
        flow.paragraph(&[Span::new(f.as_str(), body(SIZE_SMALL))], 0.0, Align::Left);
    }
}

fn additions(flow: &mut Flow<'_>, m: &MatrixWords, a: &DocAdditions) {
    doc_heading(flow, &a.heading);
    if let Some(s) = &a.summary {
        flow.paragraph(&[Span::new(s.as_str(), body(SIZE_TABLE))], 0.0, Align::Left);
        return;
    }
    if a.units.is_empty() {
        flow.paragraph(
            &[Span::new(m.no_additions, body(SIZE_TABLE))],
            0.0,
            Align::Left,
        );
        return;
    }
    for (path, _, text) in &a.units {
        flow.paragraph(
            &[
                Span::new(format!("{path}　"), head(SIZE_TABLE)),
                Span::new(text.as_str(), body(SIZE_TABLE)),
            ],
            0.0,
            Align::Left,
        );
    }
}
