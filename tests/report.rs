//! Report outputs on a real comparison (Guangdong's complaint-response plan
//! against Foshan's, both split from the bundled corpus by the importer) and
//! on a tiny hand-made one.
//!
//! The real comparison has modified pairs with word operations and key
//! differences. Most checks use the pair of point 1 (推进诉求服务标准化,
//! corpus lines 231 and 2005), where Foshan adds 按照省有关部署， and turns
//! 省市两级 12345 平台 into 市级 12345 平台.

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use policydiff_model::ClauseKind;
use policydiff_model::DocMeta;
use policydiff_model::{
    Comparison, DocInfo, KeyDiff, KeyDiffKind, OpTag, Pair, PairKind, Summary, UnitView, WordOp,
};
use policydiff_report::Error;
use policydiff_report::{
    export_to_file, write_csv, write_docx, write_file_atomically, write_html, write_json,
    write_markdown, write_pdf, write_text, Format, Note, PairSelection, PdfFonts, ReportOptions,
};
use policydiff_segment::Segmenter;
use unicode_width::UnicodeWidthStr;

mod support;

const GD: &str = "广东省进一步强化市场主体诉求响应服务工作方案";
const FS: &str = "佛山市进一步强化市场主体诉求响应服务工作方案";
/// Both plans have this point; its pair carries the notes.
const SHARED_POINT: &str = "推进诉求服务标准化";
/// Words of that point: deleted from Guangdong's text, inserted in Foshan's (read in the corpus).
const DELETED: &str = "省市两级";
const INSERTED: &str = "市级";
const INSERTED_CLAUSE: &str = "按照省有关部署，";
/// The note on the shared point.
const NOTE: &str = "市级方案改为市级平台，请核实。";

// ---------------------------------------------------------------------------
// Helpers

/// The real GD/FS comparison.
fn real() -> &'static Comparison {
    static REAL: OnceLock<Comparison> = OnceLock::new();
    REAL.get_or_init(|| {
        let c = policydiff_engine::compare(
            Segmenter::shared(),
            &support::parsed(GD),
            &support::parsed(FS),
            &Default::default(),
        );
        assert!(c.pairs.len() > 20, "real documents give many pairs");
        c
    })
}

/// Index in `real().pairs` of the pair of the shared point.
fn point_index() -> usize {
    let found: Vec<usize> = (0..real().pairs.len())
        .filter(|&i| {
            let p = &real().pairs[i];
            p.left
                .as_ref()
                .is_some_and(|u| u.text.contains(SHARED_POINT))
        })
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    let p = &real().pairs[found[0]];
    assert_eq!(p.kind, PairKind::Modified);
    assert!(p.right.as_ref().unwrap().text.contains(SHARED_POINT));
    found[0]
}

fn point() -> &'static Pair {
    &real().pairs[point_index()]
}

/// The texts of the point's operations with `tag`.
fn op_texts(tag: OpTag) -> Vec<&'static str> {
    let v: Vec<&str> = point()
        .ops
        .iter()
        .filter(|o| o.tag == tag && !o.text.trim().is_empty())
        .map(|o| o.text.as_str())
        .collect();
    assert!(!v.is_empty(), "{tag:?} ops in the shared point");
    v
}

/// A note on the shared point, and one that matches no pair.
fn real_notes() -> Vec<Note> {
    let p = point();
    vec![
        Note {
            left_path: Some(p.left.as_ref().unwrap().path.clone()),
            right_path: Some(p.right.as_ref().unwrap().path.clone()),
            tag: Some("需关注".into()),
            text: NOTE.into(),
        },
        Note {
            left_path: Some("不存在".into()),
            right_path: None,
            tag: None,
            text: "孤立备注".into(),
        },
    ]
}

fn render(format: Format, c: &Comparison, notes: &[Note], opts: &ReportOptions) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    match format {
        Format::Text => write_text(&mut out, c, notes, opts).unwrap(),
        Format::Json => write_json(&mut out, c).unwrap(),
        Format::Html => write_html(&mut out, c, notes, opts).unwrap(),
        Format::Markdown => write_markdown(&mut out, c, notes, opts).unwrap(),
        Format::Csv => write_csv(&mut out, c, notes, opts).unwrap(),
        Format::Docx => write_docx(&mut out, c, notes, opts).unwrap(),
        Format::Pdf => write_pdf(&mut out, c, notes, opts).unwrap(),
    }
    out.into_inner()
}

fn render_str(format: Format, c: &Comparison, notes: &[Note], opts: &ReportOptions) -> String {
    String::from_utf8(render(format, c, notes, opts)).expect("UTF-8 output")
}

/// Markup added to Guangdong's plan: a clause of its own at the end …
const HOSTILE: &str = "<script>alert(1)</script> | <img src=x onerror=alert(1)> *强调* ~~x~~ [链接](http://example.com) a|b\u{1}\u{b}尾";
/// … and a few words inside point 1, so they reach the word operations too.
const HOSTILE_WORDS: &str = "<i>斜体</i>c|d";

/// The real comparison with hostile markup in Guangdong's text (edited before
/// parsing), in its title and in a note on the clause holding it.
fn hostile() -> (Comparison, Vec<Note>) {
    let mut gd = support::doc(GD);
    assert!(gd.text.contains("引导用户准确表达诉求"));
    gd.text = gd.text.replacen(
        "引导用户准确表达诉求",
        &format!("引导用户准确表达诉求{HOSTILE_WORDS}"),
        1,
    );
    gd.text.push_str(&format!("\n四、其他事项。{HOSTILE}"));
    gd.meta.title.push_str("<script>alert(1)</script>");
    let c = policydiff_engine::compare(
        Segmenter::shared(),
        &support::to_compare(gd),
        &support::parsed(FS),
        &Default::default(),
    );
    let p = c
        .pairs
        .iter()
        .find(|p| p.left.as_ref().is_some_and(|u| u.text.contains("<script>")))
        .expect("the hostile clause is a unit");
    let words = c
        .pairs
        .iter()
        .find(|p| {
            p.left
                .as_ref()
                .is_some_and(|u| u.text.contains(HOSTILE_WORDS))
        })
        .expect("point 1 with markup");
    assert!(
        words.ops.iter().any(|o| o.text.contains("斜体")),
        "markup in the word operations"
    );
    let notes = vec![Note {
        left_path: p.left.as_ref().map(|u| u.path.clone()),
        right_path: p.right.as_ref().map(|u| u.path.clone()),
        tag: Some("<b>标签</b>".into()),
        text: "<script>alert(2)</script>".into(),
    }];
    (c, notes)
}

/// The byte offset of `needle` in `hay`, panicking with a message.
fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"))
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

// ---------------------------------------------------------------------------
// Every format on the real pair

#[test]
fn every_format_renders_the_real_pair() {
    let c = real();
    let notes = real_notes();
    let opts = ReportOptions::default();
    for f in Format::ALL {
        let out = render(f, c, &notes, &opts);
        assert!(out.len() > 1000, "{f:?}: {} bytes", out.len());
        if !matches!(f, Format::Docx | Format::Csv | Format::Pdf) {
            let s = String::from_utf8(out).unwrap();
            for title in [&c.left.meta.title, &c.right.meta.title] {
                assert!(s.contains(title.as_str()), "{f:?} lacks {title}");
            }
        }
    }
}

#[test]
fn json_is_the_model_and_round_trips() {
    let c = real();
    let s = render_str(Format::Json, c, &[], &ReportOptions::default());
    let back: Comparison = serde_json::from_str(&s).unwrap();
    assert_eq!(&back, c);
    let v: serde_json::Value = serde_json::from_str(&s).unwrap();
    // The 二、重点任务 heading is the same in both plans; point 1 is modified,
    // with its word operations and key differences in the wire format.
    let heading = c
        .pairs
        .iter()
        .position(|p| p.left.as_ref().is_some_and(|u| u.text == "二、重点任务"))
        .unwrap();
    assert_eq!(v["pairs"][heading]["kind"], "same");
    let p = &v["pairs"][point_index()];
    assert_eq!(p["kind"], "modified");
    let ops = p["ops"].as_array().unwrap();
    assert!(ops
        .iter()
        .any(|o| o["tag"] == "delete" && o["text"] == DELETED));
    assert!(ops
        .iter()
        .any(|o| o["tag"] == "insert" && o["text"] == INSERTED));
    assert!(p["key_diffs"]
        .as_array()
        .unwrap()
        .iter()
        .any(|k| k["kind"] == "responsibility"));
    assert_eq!(v["left"]["doc_number"], "粤办函〔2023〕41号");
    assert_eq!(v["right"]["doc_number"], "佛府办函〔2023〕75号");
    assert!(s.ends_with("}\n"));
}

// ---------------------------------------------------------------------------
// Text

#[test]
fn text_columns_fit_the_width_on_the_real_pair() {
    for width in [60, 100, 160] {
        let opts = ReportOptions {
            width,
            ..Default::default()
        };
        let s = render_str(Format::Text, real(), &real_notes(), &opts);
        let col = (width - 3) / 2;
        let mut rows = 0;
        for line in s.lines().filter(|l| l.contains(" | ")) {
            rows += 1;
            assert!(line.width() <= width, "{width}: {line:?}");
            // The separator sits right after the left column.
            let sep = line.find(" | ").unwrap();
            assert_eq!(line[..sep].width(), col, "{line:?}");
        }
        assert!(rows > real().pairs.len(), "every pair has at least one row");
        for (i, p) in real().pairs.iter().enumerate() {
            let heading = format!("{}. 【{}】", i + 1, policydiff_report::kind_label(p.kind));
            assert!(s.contains(&heading), "{heading}");
        }
        assert!(s.contains(&format!("[-{DELETED}-]")), "{width}");
        assert!(s.contains(&format!("{{+{INSERTED}+}}")), "{width}");
        assert!(!s.contains('\x1b'));
        assert!(s.contains(&format!("备注：〔需关注〕{NOTE}")));
        assert!(s.contains("未对应条款的备注"));
    }
}

/// A tiny hand-made comparison: a modified pair, a left-only and a right-only one.
fn tiny() -> Comparison {
    let unit = |path: &str, text: &str| UnitView {
        clause: 0,
        kind: ClauseKind::Item,
        path: path.into(),
        label: format!("{path}、"),
        heading: None,
        text: text.into(),
    };
    let op = |tag, text: &str| WordOp {
        tag,
        text: text.into(),
    };
    let doc = |title: &str, number: &str| DocInfo {
        id: None,
        meta: DocMeta {
            title: title.into(),
            doc_number: Some(number.into()),
            date: Some("2023-03-11".into()),
            ..Default::default()
        },
    };
    Comparison {
        left: doc("甲方案", "甲办〔2023〕1号"),
        right: doc("乙方案", "乙办〔2023〕2号"),
        summary: Summary {
            modified: 1,
            left_only: 1,
            right_only: 1,
            key_diffs: 1,
            left_reused: 0.5,
            right_reused: 0.5,
            ..Default::default()
        },
        pairs: vec![
            Pair {
                kind: PairKind::Modified,
                similarity: 0.8,
                left: Some(unit("一", "在5个工作日内办结。")),
                right: Some(unit("一", "在3个工作日内办结。")),
                ops: vec![
                    op(OpTag::Equal, "在"),
                    op(OpTag::Delete, "5个"),
                    op(OpTag::Insert, "3个"),
                    op(OpTag::Equal, "工作日内办结。"),
                ],
                key_diffs: vec![KeyDiff::new(
                    KeyDiffKind::Quantity,
                    "5个工作日",
                    "3个工作日",
                    "办结时限：5个工作日 → 3个工作日",
                )],
                group: None,
                manual: false,
            },
            Pair {
                kind: PairKind::LeftOnly,
                similarity: 0.0,
                left: Some(unit("二", "建立联络员制度。")),
                right: None,
                ops: vec![],
                key_diffs: vec![],
                group: None,
                manual: false,
            },
            Pair {
                kind: PairKind::RightOnly,
                similarity: 0.0,
                left: None,
                right: Some(unit("三", "加强督办考核。")),
                ops: vec![],
                key_diffs: vec![],
                group: None,
                manual: false,
            },
        ],
        key_points: Vec::new(),
    }
}

#[test]
fn text_exact_lines_for_tiny_comparison() {
    // width 40 → columns of (40 - 3) / 2 = 18; a CJK character takes 2.
    let opts = ReportOptions {
        width: 40,
        ..Default::default()
    };
    let s = render_str(Format::Text, &tiny(), &[], &opts);
    let expected = [
        "对比分析报告",
        "《甲方案》与《乙方案》",
        "=======================================",
        "左：甲方案",
        "    甲办〔2023〕1号 · 2023-03-11",
        "右：乙方案",
        "    乙办〔2023〕2号 · 2023-03-11",
        "",
        "概况：相同 0，修改 1，移动 0，拆分 0，合并 0，删除（仅左） 1，新增（仅右） 1，关键差异 1，左文保留 50.0%，右文沿用 50.0%",
        "",
        "关键差异：",
        "  1. [数量] 第1项（左 一 ↔ 右 一）：办结时限：5个工作日 → 3个工作日",
        "",
        "1. 【修改】 相似度 80% · 左 一 ↔ 右 一",
        // 在[-5个-]工作日内 is 17 columns; 办 would make 19 > 18.
        "在[-5个-]工作日内  | 在{+3个+}工作日内",
        "办结。             | 办结。",
        "  关键差异：[数量] 办结时限：5个工作日 → 3个工作日",
        "",
        "2. 【删除（仅左）】 · 左 二 ↔ 右 —",
        "建立联络员制度。   |",
        "",
        "3. 【新增（仅右）】 · 左 — ↔ 右 三",
        "                   | 加强督办考核。",
    ];
    let got: Vec<&str> = s.lines().collect();
    assert_eq!(got, expected, "\n{s}");
}

#[test]
fn text_colour_uses_ansi_instead_of_markers() {
    let opts = ReportOptions {
        width: 40,
        color: true,
        ..Default::default()
    };
    let s = render_str(Format::Text, &tiny(), &[], &opts);
    assert!(s.contains("在\x1b[31;9m5个\x1b[0m工作日内"), "{s}");
    assert!(s.contains("在\x1b[34;4m3个\x1b[0m工作日内"), "{s}");
    assert!(!s.contains("[-") && !s.contains("{+"));
}

#[test]
fn changed_only_hides_same_pairs_unless_they_carry_a_note() {
    let mut c = tiny();
    let same = |path: &str| {
        let u = UnitView {
            clause: 9,
            kind: ClauseKind::Item,
            path: path.into(),
            label: String::new(),
            heading: None,
            text: format!("相同条款{path}。"),
        };
        Pair {
            kind: PairKind::Same,
            similarity: 1.0,
            left: Some(u.clone()),
            right: Some(u.clone()),
            ops: vec![WordOp {
                tag: OpTag::Equal,
                text: u.text.clone(),
            }],
            key_diffs: vec![],
            group: None,
            manual: false,
        }
    };
    c.pairs.push(same("四"));
    c.pairs.push(same("五"));
    let notes = vec![Note {
        left_path: Some("五".into()),
        right_path: Some("五".into()),
        tag: None,
        text: "保留".into(),
    }];
    let opts = ReportOptions {
        pairs: PairSelection::ChangedOnly,
        ..Default::default()
    };
    let s = render_str(Format::Text, &c, &notes, &opts);
    assert!(!s.contains("相同条款四"), "{s}");
    assert!(
        s.contains("5. 【相同】"),
        "numbering stays that of the whole comparison"
    );
    assert!(s.contains("相同条款五"));
    // CSV: header + the 3 changed pairs + the noted same pair.
    let csv = render(Format::Csv, &c, &notes, &opts);
    let mut r = csv::Reader::from_reader(&csv[3..]);
    assert_eq!(r.records().count(), 4);
    // PDF: the same selection.
    if let Some(pdf) = pdf_text(&c, &notes, &opts) {
        assert!(!pdf.contains("相同条款四") && pdf.contains("相同条款五"));
        assert!(pdf.contains("5.【相同】") && !pdf.contains("4.【相同】"));
    }
}

/// The text of `c` exported as PDF (`pdftotext -raw`, whitespace removed);
/// `None` without poppler-utils.
fn pdf_text(c: &Comparison, notes: &[Note], opts: &ReportOptions) -> Option<String> {
    if !support::tool_available("pdftotext", "-v") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("r.pdf");
    export_to_file(&pdf, Format::Pdf, c, notes, opts).unwrap();
    Some(squash(&poppler("pdftotext", &["-raw"], &pdf)))
}

#[test]
fn pdf_leaves_out_what_the_options_leave_out() {
    let mut c = tiny();
    for p in &mut c.pairs {
        p.key_diffs.clear();
    }
    c.pairs.retain(|p| p.kind == PairKind::Same);
    let opts = ReportOptions {
        summary: false,
        key_diffs: false,
        pairs: PairSelection::ChangedOnly,
        ..Default::default()
    };
    let Some(text) = pdf_text(&c, &[], &opts) else {
        return;
    };
    assert!(
        text.contains("一、比较文件") && text.contains("二、逐条对比"),
        "{text}"
    );
    assert!(
        !text.contains("概况") && !text.contains("关键差异"),
        "{text}"
    );
    assert!(text.contains("没有需要显示的条款。"), "{text}");
    let full = pdf_text(&c, &[], &Default::default()).unwrap();
    assert!(
        full.contains("二、概况")
            && full.contains("三、关键差异")
            && full.contains("未发现关键差异。")
    );
}

// ---------------------------------------------------------------------------
// HTML

#[test]
fn html_escapes_hostile_markup() {
    let (c, notes) = hostile();
    let s = render_str(Format::Html, &c, &notes, &ReportOptions::default());
    let lower = s.to_lowercase();
    assert!(!lower.contains("<script"), "no script element at all");
    assert!(!lower.contains("<img"));
    assert!(s.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(s.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        s.contains("&lt;script&gt;alert(2)&lt;/script&gt;"),
        "note escaped"
    );
    assert!(s.contains("〔&lt;b&gt;标签&lt;/b&gt;〕"), "tag escaped");
    assert!(!lower.contains("<b>"));
    // Markup inside a modified pair's word operations is escaped too.
    assert!(
        s.contains("&lt;i&gt;斜体&lt;/i&gt;"),
        "markup in ops escaped"
    );
    assert!(!lower.contains("<i>"));
    assert!(!s.contains('\u{1}') && !s.contains('\u{b}'));
}

#[test]
fn html_is_self_contained_and_printable() {
    let s = render_str(
        Format::Html,
        real(),
        &real_notes(),
        &ReportOptions::default(),
    );
    assert!(s.starts_with("<!DOCTYPE html>"));
    assert!(s.contains(r#"<html lang="zh-CN">"#));
    let lower = s.to_lowercase();
    for external in [
        "<script",
        "<link",
        "@import",
        "url(",
        "src=",
        "http-equiv",
        "<iframe",
    ] {
        assert!(!lower.contains(external), "{external}");
    }
    // The only links are in-page anchors: each key difference links to its pair.
    let hrefs: Vec<&str> = s.split("href=\"").skip(1).collect();
    assert!(!hrefs.is_empty(), "key differences link to their pairs");
    assert!(hrefs.iter().all(|h| h.starts_with("#pair-")), "{hrefs:?}");
    assert!(s.contains(&format!("href=\"#pair-{}\"", point_index() + 1)));
    // Key difference details, e.g. the lead unit of point 1.
    for k in &point().key_diffs {
        assert!(s.contains(&k.detail), "{}", k.detail);
    }
    assert!(s.contains("@media print") && s.contains("size: A4"));
    assert!(s.contains("display: table-header-group"));
    assert!(s.contains("仿宋") && s.contains("Noto Serif CJK SC"));
    // Both titles in the metadata block, every pair once.
    assert!(s.contains(&real().left.meta.title) && s.contains(&real().right.meta.title));
    assert_eq!(s.matches("<tbody id=\"pair-").count(), real().pairs.len());
    // Real changed words: deletions in <del>, insertions in <ins>.
    assert!(s.contains(&format!("<del>{DELETED}</del>")));
    assert!(s.contains(&format!("<ins>{INSERTED}</ins>")));
    assert!(s.contains(&format!("<ins>{INSERTED_CLAUSE}</ins>")));
    for d in op_texts(OpTag::Delete) {
        assert!(s.contains(&format!("<del>{}</del>", d)), "{d}");
    }
    for i in op_texts(OpTag::Insert) {
        assert!(s.contains(&format!("<ins>{}</ins>", i)), "{i}");
    }
    // Every modified pair shows its changes; same pairs show none.
    for (i, p) in real().pairs.iter().enumerate() {
        let start = at(&s, &format!("<tbody id=\"pair-{}\"", i + 1));
        let body = &s[start..start + at(&s[start..], "</tbody>")];
        let marked = body.contains("<del>") || body.contains("<ins>");
        match p.kind {
            PairKind::Same => assert!(!marked, "pair {}", i + 1),
            PairKind::Modified => assert!(marked, "pair {}", i + 1),
            _ => {}
        }
    }
    // The note sits inside its pair's tbody.
    let note = at(&s, NOTE);
    let pair_start = s[..note].rfind("<tbody").unwrap();
    let pair_end = pair_start + at(&s[pair_start..], "</tbody>");
    assert!(note < pair_end);
    assert!(s[pair_start..].starts_with(&format!("<tbody id=\"pair-{}\"", point_index() + 1)));
    assert!(s.contains("未对应条款的备注") && s.contains("孤立备注"));
}

// ---------------------------------------------------------------------------
// Markdown

/// `|` not preceded by a backslash.
fn unescaped_pipes(line: &str) -> usize {
    let b = line.as_bytes();
    (0..b.len())
        .filter(|&i| b[i] == b'|' && (i == 0 || b[i - 1] != b'\\'))
        .count()
}

#[test]
fn markdown_escapes_pipes_and_specials() {
    let (c, notes) = hostile();
    let s = render_str(Format::Markdown, &c, &notes, &ReportOptions::default());
    assert!(s.contains(r"\<script\>alert(1)\</script\>"));
    assert!(s.contains(r"a\|b"));
    assert!(s.contains(r"c\|d"), "a pipe inside the word operations");
    assert!(s.contains(r"\*强调\*") && s.contains(r"\~\~x\~\~") && s.contains(r"\[链接\]"));
    // Every `<` that is not backslash-escaped opens one of our own tags.
    for (i, _) in s.match_indices('<') {
        let ours = ["<br>", "<del>", "</del>", "<ins>", "</ins>"];
        assert!(
            s[..i].ends_with('\\') || ours.iter().any(|t| s[i..].starts_with(t)),
            "unescaped: {}",
            s[i..].chars().take(20).collect::<String>()
        );
    }
    // Every row of a two-column pair table has exactly three real pipes.
    let mut in_pair_table = false;
    let mut rows = 0;
    for line in s.lines() {
        if line.starts_with("| 左：") {
            in_pair_table = true;
        } else if !line.starts_with('|') {
            in_pair_table = false;
        }
        if in_pair_table {
            rows += 1;
            assert_eq!(unescaped_pipes(line), 3, "{line}");
        }
    }
    assert_eq!(rows, 3 * c.pairs.len());
}

#[test]
fn markdown_marks_deletions_and_insertions() {
    let s = render_str(
        Format::Markdown,
        real(),
        &real_notes(),
        &ReportOptions::default(),
    );
    assert!(s.starts_with("# 对比分析报告\n"));
    assert!(s.contains("## 概况") && s.contains("## 关键差异") && s.contains("## 逐条对比"));
    let marked = |open: &str, close: &str, tag: &str, text: &str| {
        let body = text.trim().replace('\n', "<br>");
        s.contains(&format!("{open}{body}{close}")) || s.contains(&format!("<{tag}>{body}</{tag}>"))
    };
    assert!(marked("~~", "~~", "del", DELETED));
    assert!(marked("**", "**", "ins", INSERTED));
    for d in op_texts(OpTag::Delete) {
        assert!(marked("~~", "~~", "del", d), "{d}");
    }
    for i in op_texts(OpTag::Insert) {
        assert!(marked("**", "**", "ins", i), "{i}");
    }
    assert!(s.contains(&format!("> 备注：〔需关注〕{NOTE}")));
    for k in &point().key_diffs {
        assert!(s.contains(&k.detail), "{}", k.detail);
    }
}

// ---------------------------------------------------------------------------
// CSV

#[test]
fn csv_has_bom_header_and_one_row_per_pair() {
    let c = real();
    let notes = real_notes();
    let bytes = render(Format::Csv, c, &notes, &ReportOptions::default());
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "UTF-8 BOM");
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        [
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
            "标签"
        ]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), c.pairs.len());
    for (i, (row, p)) in rows.iter().zip(&c.pairs).enumerate() {
        assert_eq!(row.len(), 12);
        assert_eq!(row[0], (i + 1).to_string());
        assert_eq!(row[1], *policydiff_report::kind_label(p.kind));
        let text = |u: &Option<UnitView>| u.as_ref().map(|u| u.text.clone()).unwrap_or_default();
        assert_eq!(row[5], text(&p.left));
        assert_eq!(row[8], text(&p.right));
        assert_eq!(row[2].is_empty(), p.left.is_none() || p.right.is_none());
    }
    let noted: Vec<_> = rows.iter().filter(|r| !r[10].is_empty()).collect();
    assert_eq!(noted.len(), 1);
    assert_eq!(&noted[0][10], NOTE);
    assert_eq!(&noted[0][11], "需关注");
    // The point's row: similarity with three decimals, every key difference.
    let row = &rows[point_index()];
    assert_eq!(row[0], (point_index() + 1).to_string());
    let sim: f64 = row[2].parse().unwrap();
    assert!((sim - point().similarity).abs() < 5e-4, "{}", &row[2]);
    assert_eq!(row[2].split('.').nth(1).map(str::len), Some(3));
    assert!(!point().key_diffs.is_empty());
    for k in &point().key_diffs {
        assert!(row[9].contains(&k.detail), "{}", &row[9]);
    }
    assert_eq!(&row[10], NOTE);
    // Pairs without key differences have an empty cell.
    for (row, p) in rows.iter().zip(&c.pairs) {
        assert_eq!(row[9].is_empty(), p.key_diffs.is_empty());
    }
}

#[test]
fn csv_guards_against_formulas_and_keeps_newlines() {
    let mut c = tiny();
    c.pairs[1].left.as_mut().unwrap().text = "=HYPERLINK(\"x\")\n第二行".into();
    let bytes = render(Format::Csv, &c, &[], &ReportOptions::default());
    let mut r = csv::Reader::from_reader(&bytes[3..]);
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(&rows[1][5], "'=HYPERLINK(\"x\")\n第二行");
    assert_eq!(&rows[0][9], "办结时限：5个工作日 → 3个工作日");
}

// ---------------------------------------------------------------------------
// DOCX

fn docx_parts(bytes: &[u8]) -> (String, String) {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
    let mut document = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    let mut footers = String::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        if f.name().is_ok_and(|n| n.starts_with("word/footer")) {
            f.read_to_string(&mut footers).unwrap();
        }
    }
    (document, footers)
}

#[test]
fn docx_has_titles_marks_fonts_page_and_page_numbers() {
    let c = real();
    let bytes = render(Format::Docx, c, &real_notes(), &ReportOptions::default());
    let (doc, footers) = docx_parts(&bytes);
    assert!(doc.contains("对比分析报告"));
    assert!(doc.contains(&c.left.meta.title) && doc.contains(&c.right.meta.title));
    assert!(doc.contains(r#"w:eastAsia="仿宋""#) && doc.contains(r#"w:eastAsia="黑体""#));
    assert!(doc.contains(r#"w:ascii="仿宋""#) && doc.contains(r#"w:hAnsi="仿宋""#));
    assert!(doc.contains(r#"<w:pgSz w:w="11906" w:h="16838""#));
    assert!(footers.contains(">PAGE<"), "PAGE field in a footer");
    // Runs: each deleted text in a struck red run, each inserted text in an underlined blue run.
    let runs: Vec<&str> = doc.split("<w:r>").collect();
    let run_with = |mark: &str, text: &str| {
        let first_line = xml_escape(text.trim().lines().next().unwrap());
        runs.iter()
            .any(|r| r.contains(mark) && r.contains(&first_line))
    };
    for d in op_texts(OpTag::Delete) {
        assert!(run_with("<w:strike", d), "struck: {d}");
        assert!(run_with(r#"<w:color w:val="C00000""#, d));
    }
    for i in op_texts(OpTag::Insert) {
        assert!(run_with(r#"<w:u w:val="single""#, i), "underlined: {i}");
        assert!(run_with(r#"<w:color w:val="0040A8""#, i));
    }
    assert!(run_with("<w:strike", DELETED) && run_with(r#"<w:u w:val="single""#, INSERTED));
    // The note follows its pair's heading and text and precedes the next pair's heading.
    let i = point_index();
    let heading_at = at(&doc, &format!("{}. 【修改】", i + 1));
    let text_at = heading_at + at(&doc[heading_at..], &xml_escape(INSERTED_CLAUSE));
    let note_at = at(&doc, NOTE);
    let next_heading = at(&doc, &format!("{}. 【", i + 2));
    assert!(heading_at < text_at && text_at < note_at && note_at < next_heading);
    // Key differences: in the table and under their pair.
    for k in &point().key_diffs {
        assert!(
            doc.matches(&xml_escape(&k.detail)).count() >= 2,
            "{}",
            k.detail
        );
    }
}

#[test]
fn docx_escapes_markup_and_drops_control_characters() {
    let (c, notes) = hostile();
    let bytes = render(Format::Docx, &c, &notes, &ReportOptions::default());
    let (doc, _) = docx_parts(&bytes);
    assert!(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        doc.contains("&lt;i&gt;斜体&lt;/i&gt;"),
        "markup in ops escaped"
    );
    assert!(doc.contains("尾"));
    assert!(!doc.contains("<script") && !doc.contains("<i>"));
    assert!(!doc.contains('\u{1}') && !doc.contains('\u{b}'));
}

#[test]
fn docx_converts_to_pdf_with_libreoffice() {
    if !support::tool_available("soffice", "--version")
        || !support::tool_available("pdftotext", "-v")
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("report.docx");
    export_to_file(
        &docx,
        Format::Docx,
        real(),
        &real_notes(),
        &Default::default(),
    )
    .unwrap();
    let profile = format!("-env:UserInstallation=file://{}/lo", dir.path().display());
    let status = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let pdf = dir.path().join("report.pdf");
    let out = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success());
    let text: String = String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(text.contains("对比分析报告"));
    assert!(text.contains(&squash(&real().left.meta.title)));
    assert!(text.contains(&squash(&real().right.meta.title)));
    // The struck and inserted words of point 1 (their first 12 characters),
    // in the order of the pair's text.
    for t in op_texts(OpTag::Delete)
        .iter()
        .chain(&op_texts(OpTag::Insert))
    {
        let head: String = squash(t).chars().take(12).collect();
        assert!(text.contains(&head), "{head}");
    }
    // The struck word in the left column, the inserted one in the right.
    assert!(text.contains(&format!("升级{DELETED}12345平台")));
    assert!(text.contains(&format!("升级{INSERTED}12345平台")));
    // A key difference detail of point 1 (its lead units).
    let detail = point()
        .key_diffs
        .iter()
        .find(|k| k.kind == KeyDiffKind::Responsibility)
        .expect("a lead-unit difference");
    assert!(text.contains(&squash(&detail.detail)), "{}", detail.detail);
    assert!(text.contains(&squash(NOTE)));
    assert!(text.contains("—1—") && text.contains("—2—"), "page numbers");
}

/// Run a poppler tool on `pdf` and return its standard output.
fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "{tool}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn pdf_embeds_its_chinese_fonts_and_carries_the_briefing_note() {
    if !support::tool_available("pdftotext", "-v") || !support::tool_available("pdffonts", "-v") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("对比.pdf");
    export_to_file(
        &pdf,
        Format::Pdf,
        real(),
        &real_notes(),
        &Default::default(),
    )
    .unwrap();

    let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    assert!(info.contains("595.28 x 841.89 pts (A4)"), "{info}");
    assert!(
        info.contains("对比分析报告"),
        "the title is in the metadata: {info}"
    );

    // Every font is embedded, subset and mapped to Unicode (searchable text).
    let fonts = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts = String::from_utf8_lossy(&fonts.stdout).into_owned();
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in &rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "emb sub uni: {row}"
        );
    }
    assert!(rows
        .iter()
        .any(|r| r.contains("CJK") || r.contains("Song") || r.contains("Hei")));

    let raw = poppler("pdftotext", &["-raw"], &pdf);
    let pages: Vec<String> = raw.split('\x0c').map(squash).collect();
    let text: String = pages.concat();
    assert!(text.contains("对比分析报告"));
    for title in [&real().left.meta.title, &real().right.meta.title] {
        assert!(text.contains(&squash(title)), "{title}");
    }
    for section in ["一、比较文件", "二、概况", "三、关键差异", "四、逐条对比"]
    {
        assert!(text.contains(section), "{section}");
    }
    // Point 1: the struck words stay in the left column's text, the inserted
    // ones in the right column's (pdftotext -raw keeps drawing order).
    assert!(text.contains(&format!("升级{DELETED}12345平台")));
    assert!(text.contains(&format!("升级{INSERTED}12345平台")));
    for t in op_texts(OpTag::Delete)
        .iter()
        .chain(&op_texts(OpTag::Insert))
    {
        let head: String = squash(t).chars().take(12).collect();
        assert!(text.contains(&head), "{head}");
    }
    let detail = point()
        .key_diffs
        .iter()
        .find(|k| k.kind == KeyDiffKind::Responsibility)
        .expect("a lead-unit difference");
    assert!(text.contains(&squash(&detail.detail)), "{}", detail.detail);
    assert!(text.contains(&squash(NOTE)) && text.contains("孤立备注"));
    // Every pair of the comparison has its heading row.
    for (i, p) in real().pairs.iter().enumerate() {
        let kind = policydiff_report::kind_label(p.kind);
        assert!(
            text.contains(&format!("{}.【{kind}】", i + 1)),
            "pair {}",
            i + 1
        );
    }
    // Page numbers on every page, and the comparison table's header repeated
    // on every page after the one where it starts.
    let n = pages.iter().filter(|p| !p.is_empty()).count();
    assert!(n > 5, "{n} pages");
    for (i, page) in pages.iter().take(n).enumerate() {
        assert!(page.contains(&format!("—{}—", i + 1)), "page {}", i + 1);
    }
    let header = squash(&format!("左：{}", real().left.meta.title));
    let start = pages
        .iter()
        .position(|p| p.contains("四、逐条对比"))
        .unwrap();
    for page in &pages[start + 1..n] {
        assert!(page.starts_with(&header), "header repeated: {page:.60}");
    }
}

#[test]
fn pdf_writes_markup_as_plain_text() {
    if !support::tool_available("pdftotext", "-v") {
        return;
    }
    let (c, notes) = hostile();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("hostile.pdf");
    export_to_file(&pdf, Format::Pdf, &c, &notes, &Default::default()).unwrap();
    let text = squash(&poppler("pdftotext", &["-raw"], &pdf));
    assert!(
        text.contains(&squash("<script>alert(1)</script>")),
        "markup is text"
    );
    assert!(text.contains(&squash(HOSTILE_WORDS)));
}

#[test]
fn pdf_fonts_name_the_missing_font_or_the_bad_file() {
    let err = PdfFonts::from_files(&[]).err().expect("no fonts, no PDF");
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound);
    assert!(err.to_string().contains("fonts-noto-cjk"), "{err}");
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("不是字体.ttf");
    std::fs::write(&bad, "not a font").unwrap();
    let err = PdfFonts::from_files(&[bad])
        .err()
        .expect("a text file is no font");
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound, "{err}");
    let missing = dir.path().join("missing.ttc");
    let err = PdfFonts::from_files(&[missing])
        .err()
        .expect("missing file");
    assert!(err.to_string().contains("missing.ttc"), "{err}");
    // The system's fonts give both roles a Chinese face.
    let fonts = PdfFonts::system().expect("a CJK system font (fonts-noto-cjk)");
    assert!(!fonts.chain_names(false).is_empty() && !fonts.chain_names(true).is_empty());
}

// ---------------------------------------------------------------------------
// export_to_file

fn dir_entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn export_writes_each_format_like_the_writer() {
    let dir = tempfile::tempdir().unwrap();
    let opts = ReportOptions {
        color: true,
        ..Default::default()
    };
    for f in Format::ALL {
        let path = dir.path().join(format!("对比.{}", f.extension()));
        export_to_file(&path, f, real(), &real_notes(), &opts).unwrap();
        let written = std::fs::read(&path).unwrap();
        match f {
            // Files never get colours.
            Format::Text => {
                let plain = ReportOptions {
                    color: false,
                    ..opts.clone()
                };
                assert_eq!(written, render(f, real(), &real_notes(), &plain));
            }
            Format::Docx => assert_eq!(&written[..2], b"PK"),
            // The others (PDF included: no dates or random ids in it) are
            // byte for byte what the writer gives.
            _ => assert_eq!(written, render(f, real(), &real_notes(), &opts)),
        }
    }
    assert_eq!(
        dir_entries(dir.path()).len(),
        Format::ALL.len(),
        "no temp files left"
    );
    // Replacing an existing file works.
    let path = dir.path().join("对比.json");
    export_to_file(&path, Format::Json, &tiny(), &[], &opts).unwrap();
    let back: Comparison = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(back, tiny());
}

#[test]
fn export_into_missing_directory_fails_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir");
    let path = missing.join("report.html");
    let err = export_to_file(&path, Format::Html, real(), &[], &Default::default()).unwrap_err();
    match &err {
        Error::Write { path: p, .. } => assert_eq!(p, &path),
        other => panic!("unexpected error {other:?}"),
    }
    assert!(err.to_string().contains("report.html"));
    assert!(!missing.exists());
    assert!(dir_entries(dir.path()).is_empty());
}

#[test]
fn failed_write_leaves_no_file_and_keeps_the_old_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md");
    // Fails midway, after writing part of the output.
    let fail = |f: &mut std::fs::File| {
        use std::io::Write;
        f.write_all(&[b'x'; 100_000])?;
        Err(std::io::Error::other("disk full (simulated)"))
    };
    let err = write_file_atomically(&path, fail).unwrap_err();
    assert!(matches!(err, Error::Write { .. }));
    assert!(
        dir_entries(dir.path()).is_empty(),
        "{:?}",
        dir_entries(dir.path())
    );
    // With an old file in place, a failed write leaves it untouched.
    std::fs::write(&path, "old").unwrap();
    write_file_atomically(&path, fail).unwrap_err();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old");
    assert_eq!(dir_entries(dir.path()), ["report.md"]);
    // A directory in the way: the rename fails, the temp file goes.
    let blocked = dir.path().join("blocked.csv");
    std::fs::create_dir(&blocked).unwrap();
    export_to_file(&blocked, Format::Csv, real(), &[], &Default::default()).unwrap_err();
    let mut names = dir_entries(dir.path());
    names.sort();
    assert_eq!(names, ["blocked.csv", "report.md"]);
}

#[cfg(unix)]
#[test]
fn exported_file_is_not_private_to_the_temp_file_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.txt");
    export_to_file(&path, Format::Text, &tiny(), &[], &Default::default()).unwrap();
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    // 0666 & !umask: whatever the umask, the owner can read and write, and it
    // is not the 0600 of a fresh temp file unless the umask itself says so.
    assert_eq!(mode & 0o600, 0o600);
    let umask_allows_group_read = {
        let probe = dir.path().join("probe");
        std::fs::write(&probe, "").unwrap();
        std::fs::metadata(&probe).unwrap().permissions().mode() & 0o040 != 0
    };
    assert_eq!(mode & 0o040 != 0, umask_allows_group_read);
}
