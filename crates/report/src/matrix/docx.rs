//! The matrix briefing note as a Word document, in the page and type of the
//! comparison's note (A4, 仿宋/黑体, page numbers; see `crate::docx`).
//!
//! Sections: 对照文件 (a table of the documents with their coverage), 覆盖矩阵
//! (the legend, then one table per group of at most `GROUP`
//! documents: a row per base unit, each cell its symbol and word,
//! similarity, paired paths and badges, shaded by kind), 重点差异 (per
//! document, a table), 地方新增 (per document, the units).

use std::io::{self, Cursor, Write};

use docx_rs::{AlignmentType, Docx, Paragraph, TableRow};
use policydiff_model::CellKind;

use super::report::{DocAdditions, DocKeyDiffs};
use super::MatrixReport;
use crate::docx::{
    blank, body_para, cell, head_row, plain_para, run, shaded, table, BODY_FONT, HEAD_FONT,
    SIZE_BODY, SIZE_H, SIZE_SMALL, SIZE_TABLE, SIZE_TITLE, TEXT_W,
};
use crate::words::{MatrixWords, Words};

/// Widths in twips of the unit and adoption columns of the matrix tables.
const UNIT_W: usize = 2000;

/// The fill of a kind (as the XLSX: green, yellow, blue, red).
fn fill(kind: CellKind) -> &'static str {
    match kind {
        CellKind::Same => "C6EFCE",
        CellKind::Modified => "FFEB9C",
        CellKind::Related => "DDEBF7",
        CellKind::Missing => "FFC7CE",
    }
}

/// Lay out `r` as a Word document and write it to `w`.
pub(crate) fn render(w: &mut dyn Write, r: &MatrixReport) -> io::Result<()> {
    let mut zip = Cursor::new(Vec::new());
    build(r).build().pack(&mut zip).map_err(io::Error::other)?;
    w.write_all(zip.get_ref())
}

fn heading(doc: Docx, text: &str, size: usize) -> Docx {
    doc.add_paragraph(
        Paragraph::new()
            .outline_lvl(if size == SIZE_H { 0 } else { 1 })
            .keep_next(true)
            .add_run(run(text, HEAD_FONT, size)),
    )
}

fn text_row(texts: &[&str], widths: &[usize]) -> TableRow {
    TableRow::new(
        texts
            .iter()
            .zip(widths)
            .map(|(t, wd)| cell(plain_para(t, BODY_FONT, SIZE_TABLE), *wd))
            .collect(),
    )
}

fn build(r: &MatrixReport) -> Docx {
    let m = &r.words.matrix;
    let mut doc = blank()
        .add_paragraph(
            Paragraph::new()
                .align(AlignmentType::Center)
                .add_run(run(m.title, HEAD_FONT, SIZE_TITLE)),
        )
        .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(run(
            &r.subtitle,
            BODY_FONT,
            SIZE_BODY,
        )));

    doc = heading(doc, &r.words.numbered(1, m.sections[0]), SIZE_H)
        .add_paragraph(body_para(&r.base_line));
    let widths = m.docs_widths;
    let mut rows = vec![head_row(&m.docs_head, &widths)];
    for c in &r.columns {
        rows.push(text_row(
            &[
                &c.number.to_string(),
                &c.title,
                &c.doc_number,
                &c.coverage,
                &c.counts,
            ],
            &widths,
        ));
    }
    doc = doc.add_table(table(rows, &widths));

    doc = heading(doc, &r.words.numbered(2, m.sections[1]), SIZE_H)
        .add_paragraph(plain_para(&r.legend, BODY_FONT, SIZE_SMALL));
    if r.rows.is_empty() {
        doc = doc.add_paragraph(body_para(m.no_rows));
    } else {
        for (first, group) in r.groups() {
            let adopted_w = m.adopted_width;
            let each = (TEXT_W - UNIT_W - adopted_w) / group.len();
            let mut widths = vec![UNIT_W, adopted_w];
            widths.extend(std::iter::repeat_n(each, group.len()));
            let heads: Vec<String> = group
                .iter()
                .map(|c| format!("{}\n{}", c.head, r.words.coverage(&c.coverage)))
                .collect();
            let mut labels = vec![m.unit_head, m.adopted_head];
            labels.extend(heads.iter().map(String::as_str));
            let mut rows = vec![head_row(&labels, &widths)];
            for row in &r.rows {
                let mut cells = vec![
                    cell(plain_para(&row.name, BODY_FONT, SIZE_SMALL), UNIT_W),
                    cell(
                        plain_para(&row.adopted_text, BODY_FONT, SIZE_SMALL),
                        adopted_w,
                    ),
                ];
                for c in &row.cells[first..first + group.len()] {
                    let text = c.lines().join("\n");
                    cells.push(shaded(
                        cell(plain_para(&text, BODY_FONT, SIZE_SMALL), each),
                        if c.blank { "FFFFFF" } else { fill(c.kind) },
                    ));
                }
                rows.push(TableRow::new(cells).cant_split());
            }
            doc = doc
                .add_table(table(rows, &widths))
                .add_paragraph(Paragraph::new());
        }
    }

    doc = heading(doc, &r.words.numbered(3, m.sections[2]), SIZE_H);
    for k in &r.key_diffs {
        doc = key_diffs(doc, r.words, k);
    }
    doc = heading(doc, &r.words.numbered(4, m.sections[3]), SIZE_H);
    for a in &r.additions {
        doc = additions(doc, m, a);
    }
    doc
}

fn key_diffs(mut doc: Docx, words: &Words, k: &DocKeyDiffs) -> Docx {
    let m = &words.matrix;
    doc = heading(doc, &k.heading, SIZE_TABLE);
    if k.rows.is_empty() {
        doc = doc.add_paragraph(body_para(words.no_key_diffs));
    } else {
        let widths = [1500, 1500, 1500, TEXT_W - 4500];
        let mut rows = vec![head_row(&m.key_diff_head, &widths)];
        for l in &k.rows {
            rows.push(text_row(
                &[&l.base_path, &l.doc_paths, &l.category, &l.detail],
                &widths,
            ));
        }
        doc = doc.add_table(table(rows, &widths));
    }
    if let Some(f) = &k.folded {
        doc = doc.add_paragraph(plain_para(f, BODY_FONT, SIZE_SMALL));
    }
    doc
}

fn additions(mut doc: Docx, m: &MatrixWords, a: &DocAdditions) -> Docx {
    doc = heading(doc, &a.heading, SIZE_TABLE);
    if let Some(s) = &a.summary {
        return doc.add_paragraph(body_para(s));
    }
    if a.units.is_empty() {
        return doc.add_paragraph(body_para(m.no_additions));
    }
    for (path, _, text) in &a.units {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(run(&format!("{path}　"), HEAD_FONT, SIZE_TABLE))
                .add_run(run(text, BODY_FONT, SIZE_TABLE)),
        );
    }
    doc
}
