//! CSV output for Excel: UTF-8 with a BOM, a header row, one row per pair.
//!
//! Takes a [`Comparison`] and writes RFC 4180 CSV (CRLF line ends, fields
//! quoted when needed, newlines kept inside quoted cells) with the `csv`
//! crate. The BOM makes Excel read the file as UTF-8 instead of the local
//! code page.
//!
//! Columns: 序号 (the pair's number in the whole comparison), 类型, 相似度
//! (0–1, three decimals; empty for one-sided pairs), 左文位置, 左文编号,
//! 左文内容, 右文位置, 右文编号, 右文内容, 关键差异 (details joined by `；`), 备注
//! (joined by `；`), 标签 (distinct tags joined by `；`). Texts are the plain
//! unit texts (no diff marks). Columns stay when options switch content off;
//! their cells are then empty. Notes that match no pair are not written.
//!
//! Spreadsheet formula injection: a text cell that would start with `=`, `+`,
//! `-` or `@` gets a leading `'`, which Excel hides and which stops it from
//! evaluating the cell.

use std::io::{self, Write};

use super::{clean_text, kind_label, selected, Note, NoteIndex, ReportOptions};
use policydiff_model::{Comparison, UnitView};

const HEADER: [&str; 12] = [
    "序号",
    "类型",
    "相似度",
    "左文位置",
    "左文编号",
    "左文内容",
    "右文位置",
    "右文编号",
    "右文内容",
    "关键差异",
    "备注",
    "标签",
];

/// Write `c` as CSV: a UTF-8 BOM, the header row, then one row per selected pair.
pub fn write_csv(
    w: &mut dyn Write,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    let notes = NoteIndex::new(c, notes, opts.notes);
    w.write_all("\u{FEFF}".as_bytes())?;
    let mut out = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(&mut *w);
    out.write_record(HEADER)?;
    for (number, p) in selected(c, &notes, opts) {
        let side = |u: &Option<UnitView>| match u {
            Some(u) => [cell(&u.path), cell(&u.label), cell(&u.text)],
            None => Default::default(),
        };
        let [lp, ll, lt] = side(&p.left);
        let [rp, rl, rt] = side(&p.right);
        let similarity = if p.left.is_some() && p.right.is_some() && p.similarity.is_finite() {
            format!("{:.3}", p.similarity)
        } else {
            String::new()
        };
        let key_diffs = if opts.key_diffs {
            let v: Vec<String> = p.key_diffs.iter().map(|k| clean_text(&k.detail)).collect();
            cell(&v.join("；"))
        } else {
            String::new()
        };
        let pair_notes = &notes.by_pair[number - 1];
        let note = cell(
            &pair_notes
                .iter()
                .map(|n| clean_text(&n.text))
                .collect::<Vec<_>>()
                .join("；"),
        );
        let mut tags: Vec<String> = Vec::new();
        for t in pair_notes.iter().filter_map(|n| n.tag.as_deref()) {
            let t = clean_text(t.trim());
            if !t.is_empty() && !tags.contains(&t) {
                tags.push(t);
            }
        }
        out.write_record([
            number.to_string(),
            kind_label(p.kind).to_string(),
            similarity,
            lp,
            ll,
            lt,
            rp,
            rl,
            rt,
            key_diffs,
            note,
            cell(&tags.join("；")),
        ])?;
    }
    out.flush()
}

/// A text cell: cleaned, with a `'` before a leading formula character.
fn cell(s: &str) -> String {
    let s = clean_text(s);
    if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s
    }
}
