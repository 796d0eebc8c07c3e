//! PDF output: the briefing note of the DOCX, drawn directly as an A4 PDF with
//! its Chinese fonts embedded.
//!
//! Why a crate and not the webview's print: the CLI has no webview, a print
//! dialog cannot be driven by a test, and WebKitGTK, WebView2 and WKWebView
//! each print differently. `krilla` writes the PDF (text as real text with a
//! ToUnicode map, so it can be searched and copied; fonts subset and
//! embedded); `fontdb` finds the system's CJK faces ([`fonts`]); line breaking
//! ([`layout`]) and page flow ([`page`]) are ours, as neither crate lays out
//! text.
//!
//! Content and order follow the DOCX: title and the two documents, 一、比较文件,
//! 二、概况, 三、关键差异, 四、逐条对比 (two columns, deletions red and struck
//! through, insertions blue and underlined, key differences and notes under
//! their pair), 五、未对应条款的备注. The PDF adds what Word output cannot
//! promise: the comparison table's header repeats on every page, and the
//! outline (bookmarks) lists the sections and every pair.

mod fonts;
mod layout;
mod page;

use std::io::{self, Write};

pub use self::fonts::PdfFonts;
use self::fonts::Role;
use self::layout::{Rgb, Shaper, Span, Style};
use self::page::{Align, Cell, Flow, Row, TEXT_W};
use super::{
    chinese_number, clean_text, key_diff_label, key_diff_rows, kind_label, meta_rows, note_line,
    note_target, pair_heading, selected, side_path, side_runs, subtitle, summary_items, Note,
    NoteIndex, ReportOptions, Side, KEY_DIFF_HEAD, REPORT_TITLE,
};
use policydiff_model::{Comparison, OpTag};

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
    let bytes = render(fonts, c, notes, opts)?;
    w.write_all(&bytes)
}

fn body(size: f32) -> Style {
    Style::new(Role::Body, size)
}

fn head(size: f32) -> Style {
    Style::new(Role::Heading, size)
}

fn deleted(size: f32) -> Style {
    Style {
        color: DEL_COLOR,
        strike: true,
        ..body(size)
    }
}

fn inserted(size: f32) -> Style {
    Style {
        color: INS_COLOR,
        underline: true,
        ..body(size)
    }
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

fn render(
    fonts: &PdfFonts,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<Vec<u8>> {
    let notes = NoteIndex::new(c, notes, opts.notes);
    let mut flow = Flow::new(Shaper::new(fonts));
    flow.paragraph(
        &[Span::new(REPORT_TITLE, head(SIZE_TITLE))],
        0.0,
        Align::Center,
    );
    flow.space(4.0);
    flow.paragraph(
        &[Span::new(subtitle(c), body(SIZE_BODY))],
        0.0,
        Align::Center,
    );
    flow.space(8.0);

    let mut section = 0;
    let mut heading = |flow: &mut Flow<'_>, text: &str| {
        section += 1;
        flow.heading(&format!("{}、{text}", chinese_number(section)), SIZE_H);
    };

    heading(&mut flow, "比较文件");
    let label_w = 56.0;
    let half = (TEXT_W - label_w) / 2.0;
    let rows = meta_rows(&c.left)
        .into_iter()
        .zip(meta_rows(&c.right))
        .filter(|((_, l), (_, r))| !(l.is_empty() && r.is_empty()))
        .map(|((label, l), (_, r))| {
            Row::new(vec![
                text_cell(label, head(SIZE_TABLE)),
                text_cell(&l, body(SIZE_TABLE)),
                text_cell(&r, body(SIZE_TABLE)),
            ])
        })
        .collect();
    flow.table(
        &[label_w, half, TEXT_W - label_w - half],
        Some(header_row(&["项目", "左（原文件）", "右（对照文件）"])),
        rows,
    );

    if opts.summary {
        heading(&mut flow, "概况");
        let items = summary_items(&c.summary);
        let counts: Vec<String> = items[..8].iter().map(|(k, v)| format!("{k} {v}")).collect();
        let indent = 2.0 * SIZE_BODY;
        flow.paragraph(
            &[Span::new(
                format!("共 {} 项对照：{}。", c.pairs.len(), counts.join("，")),
                body(SIZE_BODY),
            )],
            indent,
            Align::Left,
        );
        flow.paragraph(
            &[Span::new(
                format!(
                    "左文 {} 的文字在右文中保留；右文 {} 的文字沿用左文。",
                    items[8].1, items[9].1
                ),
                body(SIZE_BODY),
            )],
            indent,
            Align::Left,
        );
    }

    if opts.key_diffs {
        heading(&mut flow, "关键差异");
        let rows: Vec<Row> = key_diff_rows(c)
            .iter()
            .map(|texts| {
                Row::new(
                    texts
                        .iter()
                        .map(|t| text_cell(t, body(SIZE_TABLE)))
                        .collect(),
                )
            })
            .collect();
        if rows.is_empty() {
            flow.paragraph(
                &[Span::new("未发现关键差异。", body(SIZE_BODY))],
                2.0 * SIZE_BODY,
                Align::Left,
            );
        } else {
            // Proportions of the DOCX's table (twips of an 8845-twip block).
            let widths: Vec<f32> = [700.0, 1100.0, 1900.0, 1650.0, 1650.0, 1845.0]
                .iter()
                .map(|t| t / 8845.0 * TEXT_W)
                .collect();
            flow.table(&widths, Some(header_row(&KEY_DIFF_HEAD)), rows);
        }
    }

    heading(&mut flow, "逐条对比");
    flow.paragraph(
        &[
            Span::new("说明：", body(SIZE_TABLE)),
            Span::new("删除线（红色）", deleted(SIZE_TABLE)),
            Span::new("为左文有、右文删去的文字；", body(SIZE_TABLE)),
            Span::new("下划线（蓝色）", inserted(SIZE_TABLE)),
            Span::new("为右文新增的文字。", body(SIZE_TABLE)),
        ],
        0.0,
        Align::Left,
    );
    flow.space(4.0);
    let pairs = selected(c, &notes, opts);
    if pairs.is_empty() {
        flow.paragraph(
            &[Span::new("没有需要显示的条款。", body(SIZE_BODY))],
            2.0 * SIZE_BODY,
            Align::Left,
        );
    } else {
        let mut rows = Vec::new();
        for (number, p) in pairs {
            rows.push(Row {
                keep_with_next: true,
                bookmark: Some(format!(
                    "{number}. {} {} ↔ {}",
                    kind_label(p.kind),
                    side_path(p, Side::Left),
                    side_path(p, Side::Right)
                )),
                ..Row::new(vec![text_cell(&pair_heading(number, p), head(SIZE_SMALL))
                    .wide(2)
                    .fill(PAIR_FILL)])
            });
            let side_cell = |side: Side| {
                Cell::new(
                    side_runs(p, side)
                        .into_iter()
                        .map(|(tag, text)| {
                            let style = match tag {
                                OpTag::Equal => body(SIZE_TABLE),
                                OpTag::Delete => deleted(SIZE_TABLE),
                                OpTag::Insert => inserted(SIZE_TABLE),
                            };
                            Span::new(text, style)
                        })
                        .collect(),
                )
            };
            rows.push(Row::new(vec![
                side_cell(Side::Left),
                side_cell(Side::Right),
            ]));
            if opts.key_diffs {
                for k in &p.key_diffs {
                    rows.push(Row::new(vec![text_cell(
                        &format!("关键差异〔{}〕：{}", key_diff_label(k.kind), k.detail),
                        body(SIZE_SMALL),
                    )
                    .wide(2)
                    .fill(NOTE_FILL)]));
                }
            }
            for n in &notes.by_pair[number - 1] {
                rows.push(Row::new(vec![text_cell(
                    &format!("备注：{}", note_line(n)),
                    body(SIZE_SMALL),
                )
                .wide(2)
                .fill(NOTE_FILL)]));
            }
        }
        let half = TEXT_W / 2.0;
        flow.table(
            &[half, TEXT_W - half],
            Some(header_row(&[
                &format!("左：{}", clean_text(&c.left.meta.title)),
                &format!("右：{}", clean_text(&c.right.meta.title)),
            ])),
            rows,
        );
    }

    if !notes.unmatched.is_empty() {
        heading(&mut flow, "未对应条款的备注");
        for n in &notes.unmatched {
            flow.paragraph(
                &[Span::new(
                    format!("{}：{}", note_target(n), note_line(n)),
                    body(SIZE_TABLE),
                )],
                0.0,
                Align::Left,
            );
        }
    }

    flow.finish(&format!("{REPORT_TITLE}：{}", subtitle(c)))
}
