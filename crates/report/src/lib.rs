//! Present a [`Comparison`]: terminal text, JSON, HTML, Markdown, CSV and DOCX.
//!
//! Takes a finished [`Comparison`] (the engine has already computed
//! everything), the user's [`Note`]s and a few [`ReportOptions`], and writes
//! one output. Nothing here aligns or diffs: each writer only lays out the
//! model ("compute, then present").
//!
//! | format | writer | for |
//! |---|---|---|
//! | text | [`write_text`] | a terminal: side by side, ANSI colours or `[-…-]`/`{+…+}` markers |
//! | JSON | [`write_json`] | programs: the documented wire format of [`Comparison`] |
//! | HTML | [`write_html`] | one self-contained page (no scripts, no external resources) that prints on A4 |
//! | Markdown | [`write_markdown`] | pasting into wikis and issues (GFM tables, `~~deleted~~`, `**inserted**`) |
//! | CSV | [`write_csv`] | Excel: UTF-8 with BOM, one row per pair |
//! | DOCX | [`write_docx`] | a Word briefing note (对比分析报告): A4, 仿宋/黑体, page numbers |
//! | PDF | [`write_pdf`] | the same briefing note as a PDF, system CJK fonts embedded (subset) |
//!
//! [`export_to_file`] writes any of them to a path atomically (temp file in the
//! same directory, then rename), so a failed export never leaves a
//! half-written file.
//!
//! ```no_run
//! use policydiff_report::{export_to_file, Format, ReportOptions};
//! # fn run(c: &policydiff_model::Comparison) -> policydiff_report::Result<()> {
//! export_to_file("对比.docx".as_ref(), Format::Docx, c, &[], &ReportOptions::default())?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use policydiff_model::Level;
use policydiff_model::{Comparison, DocInfo, KeyDiff, KeyDiffKind, OpTag, Pair, PairKind, Summary};
pub use policydiff_model::{Format, Note, PairSelection, ReportOptions};

mod error;
pub use error::{Error, Result};

mod csv;
mod docx;
mod html;
mod json;
mod markdown;
mod pdf;
mod text;

pub use self::csv::write_csv;
pub use self::docx::write_docx;
pub use self::html::write_html;
pub use self::json::{write_json, write_json_selected};
pub use self::markdown::write_markdown;
pub use self::pdf::{write_pdf, write_pdf_with, PdfFonts};
pub use self::text::write_text;

/// Write one report to `path` atomically.
///
/// The report is written to a temporary file in the same directory, flushed,
/// synced and then renamed over `path`. If anything fails, the temporary file is
/// removed and `path` is left as it was (absent, or its old content). `Text`
/// never uses colours in a file, whatever `opts.color` says.
///
/// Errors: [`Error::Write`] with `path` (directory missing or not writable,
/// disk full, `path` is a directory, …).
pub fn export_to_file(
    path: &Path,
    format: Format,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> Result<()> {
    write_file_atomically(path, |file| {
        let mut w = BufWriter::new(&mut *file);
        match format {
            Format::Docx => write_docx(&mut w, c, notes, opts)?,
            Format::Pdf => write_pdf(&mut w, c, notes, opts)?,
            Format::Json => write_json_selected(&mut w, c, notes, opts)?,
            Format::Text => {
                let opts = ReportOptions {
                    color: false,
                    ..opts.clone()
                };
                write_text(&mut w, c, notes, &opts)?
            }
            Format::Html => write_html(&mut w, c, notes, opts)?,
            Format::Markdown => write_markdown(&mut w, c, notes, opts)?,
            Format::Csv => write_csv(&mut w, c, notes, opts)?,
        }
        w.flush()
    })
}

/// Write one report in a text format to `w` (standard output, a pipe),
/// with the options applied exactly as [`export_to_file`] applies them, so
/// a report on stdout and in a file hold the same pairs.
///
/// DOCX and PDF are binary and need a file: they give an
/// [`io::ErrorKind::InvalidInput`] error here; use [`export_to_file`].
pub fn write_report(
    w: &mut dyn Write,
    format: Format,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    match format {
        Format::Text => write_text(w, c, notes, opts),
        Format::Json => write_json_selected(w, c, notes, opts),
        Format::Html => write_html(w, c, notes, opts),
        Format::Markdown => write_markdown(w, c, notes, opts),
        Format::Csv => write_csv(w, c, notes, opts),
        Format::Docx | Format::Pdf => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "a {} file is binary: write it to a file (-o FILE.{})",
                format.extension().to_uppercase(),
                format.extension()
            ),
        )),
    }
}

/// Create or replace `path` with what `write` puts in a fresh file, atomically.
///
/// `write` gets a temporary file in `path`'s directory; when it returns `Ok`
/// the file is synced and renamed to `path`. When `write` (or the rename)
/// fails, the temporary file is deleted and `path` is untouched. On Unix the
/// new file gets the usual `0666 & !umask` permissions, not the temp file's
/// `0600`. Used by [`export_to_file`]; public so the app can save other
/// files the same way.
pub fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<()> {
    let err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".policydiff-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(err)?;
    write(tmp.as_file_mut()).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(path).map_err(|e| err(e.error))?;
    Ok(())
}

// ---------------------------------------------------------------------------
// Shared presentation helpers (labels, selection, notes, side texts).

/// The Chinese label of a pair kind, as every output prints it.
pub fn kind_label(kind: PairKind) -> &'static str {
    match kind {
        PairKind::Same => "相同",
        PairKind::Modified => "修改",
        PairKind::Moved => "移动",
        PairKind::Split => "拆分",
        PairKind::Merged => "合并",
        PairKind::Related => "主题相关",
        PairKind::LeftOnly => "删除（仅左）",
        PairKind::RightOnly => "新增（仅右）",
    }
}

/// The Chinese label of a key-difference category.
pub fn key_diff_label(kind: KeyDiffKind) -> &'static str {
    match kind {
        KeyDiffKind::Deadline => "时限",
        KeyDiffKind::Percentage => "比例",
        KeyDiffKind::Amount => "金额",
        KeyDiffKind::Quantity => "数量",
        KeyDiffKind::Scope => "范围",
        KeyDiffKind::Responsibility => "责任单位",
        KeyDiffKind::Obligation => "约束力度",
        KeyDiffKind::Condition => "条件",
        KeyDiffKind::Localisation => "本地化替换",
    }
}

/// The report's title.
const REPORT_TITLE: &str = "对比分析报告";

/// A similarity as a whole percentage, e.g. `85%`.
fn percent(x: f64) -> String {
    if x.is_finite() {
        format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
    } else {
        "—".to_string()
    }
}

/// A reuse share with one decimal, e.g. `72.4%`.
fn percent1(x: f64) -> String {
    if x.is_finite() {
        format!("{:.1}%", (x * 100.0).clamp(0.0, 100.0))
    } else {
        "—".to_string()
    }
}

fn level_label(l: Level) -> &'static str {
    match l {
        Level::Province => "省级",
        Level::City => "市级",
        Level::District => "区县级",
        Level::Other => "其他",
    }
}

/// Metadata rows of one document: (label, value), value empty when unknown.
fn meta_rows(d: &DocInfo) -> Vec<(&'static str, String)> {
    let m = &d.meta;
    let opt = |o: &Option<String>| o.as_deref().map(clean_text).unwrap_or_default();
    let source = m
        .source_url
        .as_deref()
        .or(m.source_file.as_deref())
        .map(clean_text)
        .unwrap_or_default();
    let mut flags = Vec::new();
    if m.fragment {
        flags.push("片段（无标题）".to_string());
    }
    if m.excerpt {
        flags.push("节选".to_string());
    }
    flags.extend(m.warnings.iter().map(|w| clean_text(w)));
    vec![
        ("标题", clean_text(&m.title)),
        ("文号", opt(&m.doc_number)),
        ("发文机关", opt(&m.issuer)),
        ("日期", opt(&m.date)),
        ("层级", level_label(m.level).to_string()),
        ("来源", source),
        ("提示", flags.join("；")),
    ]
}

/// Summary items: (label, value) in display order.
fn summary_items(s: &Summary) -> Vec<(&'static str, String)> {
    vec![
        (kind_label(PairKind::Same), s.same.to_string()),
        (kind_label(PairKind::Modified), s.modified.to_string()),
        (kind_label(PairKind::Moved), s.moved.to_string()),
        (kind_label(PairKind::Split), s.split.to_string()),
        (kind_label(PairKind::Merged), s.merged.to_string()),
        (kind_label(PairKind::LeftOnly), s.left_only.to_string()),
        (kind_label(PairKind::RightOnly), s.right_only.to_string()),
        ("关键差异", s.key_diffs.to_string()),
        ("左文保留", percent1(s.left_reused)),
        ("右文沿用", percent1(s.right_reused)),
    ]
}

/// Remove what no output can carry: `\r` (newlines become `\n`) and control
/// characters other than `\n` and `\t` (XML 1.0 forbids them, terminals act on
/// them). Everything else is kept as is.
fn clean_text(s: &str) -> String {
    let s = s.replace("\r\n", "\n");
    s.chars()
        .map(|c| if c == '\r' { '\n' } else { c })
        .filter(|&c| {
            c == '\n' || c == '\t' || !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .collect()
}

/// Which side of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Left,
    Right,
}

/// The text of one side of a pair as runs of (tag, text): the left side keeps
/// `Equal` and `Delete` ops, the right side `Equal` and `Insert` ops. Without ops
/// (identical or one-sided pairs), the whole text as one `Equal` run. Empty when
/// the side is absent.
fn side_runs(p: &Pair, side: Side) -> Vec<(OpTag, String)> {
    let unit = match side {
        Side::Left => &p.left,
        Side::Right => &p.right,
    };
    let Some(u) = unit else {
        return Vec::new();
    };
    if p.ops.is_empty() || p.left.is_none() || p.right.is_none() {
        return vec![(OpTag::Equal, clean_text(&u.text))];
    }
    let skip = match side {
        Side::Left => OpTag::Insert,
        Side::Right => OpTag::Delete,
    };
    p.ops
        .iter()
        .filter(|op| op.tag != skip && !op.text.is_empty())
        .map(|op| (op.tag, clean_text(&op.text)))
        .collect()
}

/// The path shown for one side of a pair (`—` when absent).
fn side_path(p: &Pair, side: Side) -> String {
    let u = match side {
        Side::Left => &p.left,
        Side::Right => &p.right,
    };
    u.as_ref()
        .map(|u| clean_text(&u.path))
        .unwrap_or_else(|| "—".to_string())
}

/// The notes of a comparison, assigned to its pairs.
struct NoteIndex<'a> {
    /// Per pair (same index as `Comparison::pairs`), its notes in input order.
    by_pair: Vec<Vec<&'a Note>>,
    /// Notes that match no pair.
    unmatched: Vec<&'a Note>,
}

impl<'a> NoteIndex<'a> {
    /// Match notes to pairs by (left path, right path). With `enabled` false,
    /// no notes at all.
    fn new(c: &Comparison, notes: &'a [Note], enabled: bool) -> NoteIndex<'a> {
        let mut by_pair = vec![Vec::new(); c.pairs.len()];
        let mut unmatched = Vec::new();
        if !enabled {
            return NoteIndex { by_pair, unmatched };
        }
        let mut index = std::collections::HashMap::new();
        for (i, p) in c.pairs.iter().enumerate() {
            let key = (
                p.left.as_ref().map(|u| u.path.as_str()),
                p.right.as_ref().map(|u| u.path.as_str()),
            );
            index.entry(key).or_insert(i);
        }
        for n in notes {
            let key = (n.left_path.as_deref(), n.right_path.as_deref());
            match index.get(&key) {
                Some(&i) => by_pair[i].push(n),
                None => unmatched.push(n),
            }
        }
        NoteIndex { by_pair, unmatched }
    }
}

/// The pairs a report shows, with their 1-based number in the whole
/// comparison (numbers stay stable when a filter hides pairs).
fn selected<'c>(
    c: &'c Comparison,
    notes: &NoteIndex<'_>,
    opts: &ReportOptions,
) -> Vec<(usize, &'c Pair)> {
    c.pairs
        .iter()
        .enumerate()
        .filter(|(i, p)| match opts.pairs {
            PairSelection::All => true,
            PairSelection::ChangedOnly => p.kind != PairKind::Same || !notes.by_pair[*i].is_empty(),
        })
        .map(|(i, p)| (i + 1, p))
        .collect()
}

/// A note as one line: `〔tag〕text` (tag omitted when absent).
fn note_line(n: &Note) -> String {
    match n.tag.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!("〔{}〕{}", clean_text(t), clean_text(&n.text)),
        None => clean_text(&n.text),
    }
}

/// Where an unmatched note was meant to go, e.g. `左 ¶3 ↔ 右 —`.
fn note_target(n: &Note) -> String {
    format!(
        "左 {} ↔ 右 {}",
        n.left_path
            .as_deref()
            .map(clean_text)
            .unwrap_or_else(|| "—".into()),
        n.right_path
            .as_deref()
            .map(clean_text)
            .unwrap_or_else(|| "—".into())
    )
}

/// The header line of a pair: `3. 【修改】 相似度 85% · 左 二/（一） ↔ 右 二/（一）`.
fn pair_heading(number: usize, p: &Pair) -> String {
    let mut s = format!("{number}. 【{}】", kind_label(p.kind));
    if p.left.is_some() && p.right.is_some() {
        s.push_str(&format!(" 相似度 {}", percent(p.similarity)));
    }
    s.push_str(&format!(
        " · 左 {} ↔ 右 {}",
        side_path(p, Side::Left),
        side_path(p, Side::Right)
    ));
    if let Some(g) = p.group {
        s.push_str(&format!(" · 拆分合并组 {g}"));
    }
    s
}

/// A one-line subtitle naming both documents: `《左》与《右》`.
fn subtitle(c: &Comparison) -> String {
    format!(
        "《{}》与《{}》",
        clean_text(&c.left.meta.title),
        clean_text(&c.right.meta.title)
    )
}

/// 1 → 一 … 10 → 十 (section numbers; there are at most five).
fn chinese_number(n: usize) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]
        .get(n.wrapping_sub(1))
        .copied()
        .unwrap_or("十")
}

/// Column heads of the key-difference table (every format that has one).
const KEY_DIFF_HEAD: [&str; 6] = ["序号", "类别", "位置", "左", "右", "说明"];

/// The key differences of a comparison in pair order, each with the 1-based
/// number of its pair: the rows of every format's key-difference table.
fn key_diff_entries(c: &Comparison) -> impl Iterator<Item = (usize, &Pair, &KeyDiff)> {
    c.pairs
        .iter()
        .enumerate()
        .flat_map(|(i, p)| p.key_diffs.iter().map(move |k| (i + 1, p, k)))
}

/// The rows of the key-difference table as plain text (DOCX and PDF), one
/// per key difference in pair order: number, category, place (`第N项` and
/// both paths, one per line), left value, right value, explanation.
fn key_diff_rows(c: &Comparison) -> Vec<[String; 6]> {
    key_diff_entries(c)
        .enumerate()
        .map(|(n, (number, p, k))| {
            [
                (n + 1).to_string(),
                key_diff_label(k.kind).to_string(),
                format!(
                    "第{number}项\n左 {}\n右 {}",
                    side_path(p, Side::Left),
                    side_path(p, Side::Right)
                ),
                k.left.clone(),
                k.right.clone(),
                k.detail.clone(),
            ]
        })
        .collect()
}

/// The location of a key difference: `第3项（左 ¶3 ↔ 右 ¶5）`.
fn key_diff_place(number: usize, p: &Pair) -> String {
    format!(
        "第{number}项（左 {} ↔ 右 {}）",
        side_path(p, Side::Left),
        side_path(p, Side::Right)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.extension()), Some(f));
            assert_eq!(f.extension().parse::<Format>().unwrap(), f);
        }
        assert_eq!(Format::from_name(".MD"), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("a/b.Docx")), Some(Format::Docx));
        assert_eq!(Format::from_name("pdf"), Some(Format::Pdf));
        assert_eq!(Format::from_name("odt"), None);
        assert!("odt".parse::<Format>().is_err());
    }

    #[test]
    fn clean_text_drops_controls_keeps_newlines() {
        assert_eq!(clean_text("a\r\nb\rc\u{0}d\u{b}e\tf"), "a\nb\ncde\tf");
    }
}
