//! DOCX output: a Word briefing note (对比分析报告) built with `docx-rs`.
//!
//! Takes a [`Comparison`] and writes a `.docx` package: the title (黑体,
//! centred) and a line naming both documents; 一、比较文件 (a metadata table
//! for both documents); 二、概况 (counts and reuse); 三、关键差异 (a table);
//! 四、逐条对比 (a two-column table, left clause | right clause, a heading
//! row per pair, deleted words red and struck through, inserted words blue and
//! underlined, key differences and notes in rows under their pair); and
//! 五、未对应条款的备注 when some notes match no pair.
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

use std::io::{self, Seek, Write};

use docx_rs::{
    AlignmentType, BreakType, Docx, FieldCharType, Footer, InstrPAGE, InstrText, PageMargin,
    Paragraph, Run, RunFonts, Shading, ShdType, Table, TableCell, TableLayoutType, TableRow,
    WidthType,
};

use super::{
    chinese_number, clean_text, key_diff_label, key_diff_rows, meta_rows, note_line, note_target,
    pair_heading, selected, side_runs, subtitle, summary_items, Note, NoteIndex, ReportOptions,
    Side, KEY_DIFF_HEAD, REPORT_TITLE,
};
use policydiff_model::{Comparison, OpTag};

/// Body face (仿宋).
const BODY_FONT: &str = "仿宋";
/// Heading face (黑体).
const HEAD_FONT: &str = "黑体";
/// Page-number face (宋体), as GB/T 9704 prescribes.
const PAGE_FONT: &str = "宋体";
/// Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt.
const SIZE_TITLE: usize = 44;
const SIZE_H: usize = 32;
const SIZE_BODY: usize = 28;
const SIZE_TABLE: usize = 24;
const SIZE_SMALL: usize = 21;
/// A4 in twips.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// Margins in twips (1 mm = 56.7 twips): 37, 26, 35, 28 mm.
const MARGIN_TOP: i32 = 2098;
const MARGIN_RIGHT: i32 = 1474;
const MARGIN_BOTTOM: i32 = 1984;
const MARGIN_LEFT: i32 = 1587;
/// Width of the text block in twips.
const TEXT_W: usize = (PAGE_W as i32 - MARGIN_LEFT - MARGIN_RIGHT) as usize;
/// Colours: deletions dark red, insertions dark blue, table heads light grey.
const DEL_COLOR: &str = "C00000";
const INS_COLOR: &str = "0040A8";
const HEAD_FILL: &str = "E7EBF0";
const PAIR_FILL: &str = "F2F2F2";
const NOTE_FILL: &str = "FFF8DC";

/// Write `c` as a Word document to `w`.
///
/// Errors: those of `w` (the zip packer's own errors come back as
/// [`io::Error`]s too).
pub fn write_docx<W: Write + Seek>(
    w: W,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    build(c, notes, opts).build().pack(w)?;
    Ok(())
}

fn build(c: &Comparison, notes: &[Note], opts: &ReportOptions) -> Docx {
    let notes = NoteIndex::new(c, notes, opts.notes);
    let mut doc = Docx::new()
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
        .footer(page_footer());

    doc = doc
        .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(run(
            REPORT_TITLE,
            HEAD_FONT,
            SIZE_TITLE,
        )))
        .add_paragraph(Paragraph::new().align(AlignmentType::Center).add_run(run(
            &subtitle(c),
            BODY_FONT,
            SIZE_BODY,
        )));

    let mut section = 0;
    let mut heading = |doc: Docx, text: &str| {
        section += 1;
        doc.add_paragraph(Paragraph::new().outline_lvl(0).keep_next(true).add_run(run(
            &format!("{}、{text}", chinese_number(section)),
            HEAD_FONT,
            SIZE_H,
        )))
    };

    // 比较文件
    doc = heading(doc, "比较文件");
    let widths = [
        1400,
        (TEXT_W - 1400) / 2,
        TEXT_W - 1400 - (TEXT_W - 1400) / 2,
    ];
    let mut rows = vec![head_row(
        &["项目", "左（原文件）", "右（对照文件）"],
        &widths,
    )];
    for ((label, l), (_, r)) in meta_rows(&c.left).into_iter().zip(meta_rows(&c.right)) {
        if l.is_empty() && r.is_empty() {
            continue;
        }
        rows.push(TableRow::new(vec![
            cell(plain_para(label, HEAD_FONT, SIZE_TABLE), widths[0]),
            cell(plain_para(&l, BODY_FONT, SIZE_TABLE), widths[1]),
            cell(plain_para(&r, BODY_FONT, SIZE_TABLE), widths[2]),
        ]));
    }
    doc = doc.add_table(table(rows, &widths));

    if opts.summary {
        doc = heading(doc, "概况");
        let items = summary_items(&c.summary);
        let counts: Vec<String> = items[..8].iter().map(|(k, v)| format!("{k} {v}")).collect();
        doc = doc
            .add_paragraph(body_para(&format!(
                "共 {} 项对照：{}。",
                c.pairs.len(),
                counts.join("，")
            )))
            .add_paragraph(body_para(&format!(
                "左文 {} 的文字在右文中保留；右文 {} 的文字沿用左文。",
                items[8].1, items[9].1
            )));
    }

    if opts.key_diffs {
        doc = heading(doc, "关键差异");
        let rows_data = key_diff_rows(c);
        if rows_data.is_empty() {
            doc = doc.add_paragraph(body_para("未发现关键差异。"));
        } else {
            let widths = [700, 1100, 1900, 1650, 1650, TEXT_W - 7000];
            let mut rows = vec![head_row(&KEY_DIFF_HEAD, &widths)];
            for texts in rows_data {
                rows.push(TableRow::new(
                    texts
                        .iter()
                        .zip(widths)
                        .map(|(t, wd)| cell(plain_para(t, BODY_FONT, SIZE_TABLE), wd))
                        .collect(),
                ));
            }
            doc = doc.add_table(table(rows, &widths));
        }
    }

    doc = heading(doc, "逐条对比");
    doc = doc.add_paragraph(
        Paragraph::new()
            .add_run(run("说明：", BODY_FONT, SIZE_SMALL))
            .add_run(deleted(run("删除线（红色）", BODY_FONT, SIZE_SMALL)))
            .add_run(run("为左文有、右文删去的文字；", BODY_FONT, SIZE_SMALL))
            .add_run(inserted(run("下划线（蓝色）", BODY_FONT, SIZE_SMALL)))
            .add_run(run("为右文新增的文字。", BODY_FONT, SIZE_SMALL)),
    );
    let pairs = selected(c, &notes, opts);
    if pairs.is_empty() {
        doc = doc.add_paragraph(body_para("没有需要显示的条款。"));
    } else {
        let half = TEXT_W / 2;
        let widths = [half, TEXT_W - half];
        let mut rows = vec![head_row(
            &[
                &format!("左：{}", clean_text(&c.left.meta.title)),
                &format!("右：{}", clean_text(&c.right.meta.title)),
            ],
            &widths,
        )];
        for (number, p) in pairs {
            rows.push(wide_row(
                plain_para(&pair_heading(number, p), HEAD_FONT, SIZE_SMALL).keep_next(true),
                PAIR_FILL,
            ));
            let side_cell = |side: Side, width: usize| {
                let mut para = Paragraph::new();
                for (tag, text) in side_runs(p, side) {
                    let r = run(&text, BODY_FONT, SIZE_TABLE);
                    para = para.add_run(match tag {
                        OpTag::Equal => r,
                        OpTag::Delete => deleted(r),
                        OpTag::Insert => inserted(r),
                    });
                }
                cell(para, width)
            };
            rows.push(TableRow::new(vec![
                side_cell(Side::Left, widths[0]),
                side_cell(Side::Right, widths[1]),
            ]));
            if opts.key_diffs {
                for k in &p.key_diffs {
                    rows.push(wide_row(
                        plain_para(
                            &format!("关键差异〔{}〕：{}", key_diff_label(k.kind), k.detail),
                            BODY_FONT,
                            SIZE_SMALL,
                        ),
                        NOTE_FILL,
                    ));
                }
            }
            for n in &notes.by_pair[number - 1] {
                rows.push(wide_row(
                    plain_para(&format!("备注：{}", note_line(n)), BODY_FONT, SIZE_SMALL),
                    NOTE_FILL,
                ));
            }
        }
        doc = doc.add_table(table(rows, &widths));
    }

    if !notes.unmatched.is_empty() {
        doc = heading(doc, "未对应条款的备注");
        for n in &notes.unmatched {
            doc = doc.add_paragraph(body_para(&format!("{}：{}", note_target(n), note_line(n))));
        }
    }
    doc
}

/// The same face for East Asian, ASCII and high-ANSI text.
fn fonts(name: &str) -> RunFonts {
    RunFonts::new().east_asia(name).ascii(name).hi_ansi(name)
}

/// A run of `text` in `font` at `size` half-points; newlines become line
/// breaks and tabs tabs, so a multi-paragraph unit stays in one cell.
fn run(text: &str, font: &str, size: usize) -> Run {
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

fn plain_para(text: &str, font: &str, size: usize) -> Paragraph {
    Paragraph::new().add_run(run(text, font, size))
}

/// A body paragraph with the customary two-character first-line indent.
fn body_para(text: &str) -> Paragraph {
    plain_para(text, BODY_FONT, SIZE_BODY).first_line_chars(200)
}

fn cell(p: Paragraph, width: usize) -> TableCell {
    TableCell::new()
        .add_paragraph(p)
        .width(width, WidthType::Dxa)
}

fn shaded(c: TableCell, fill: &str) -> TableCell {
    c.shading(Shading::new().shd_type(ShdType::Clear).fill(fill))
}

fn head_row(labels: &[&str], widths: &[usize]) -> TableRow {
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

fn table(rows: Vec<TableRow>, widths: &[usize]) -> Table {
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
    #[test]
    fn w3cdtf_dates() {
        assert_eq!(super::w3cdtf(0), "1970-01-01T00:00:00Z");
        // 2024-02-29 12:34:56 UTC (a leap day).
        assert_eq!(super::w3cdtf(1_709_210_096), "2024-02-29T12:34:56Z");
        assert_eq!(super::w3cdtf(951_782_400), "2000-02-29T00:00:00Z");
    }
}
