//! Report outputs on a real comparison (Guangdong's complaint-response plan
//! against Foshan's) and on a tiny hand-made one.
//!
//! Alignment and word diff are placeholders on this branch (every unit
//! one-sided, whole-text ops), so the real-pair tests check structure and
//! invariants, not particular pairings. To exercise deletions and insertions
//! on real text, [`real`] appends one `Modified` pair made from two real units
//! that correspond (1. 推进诉求服务标准化 in both plans), with ops from
//! `policydiff::diff::word_diff`.

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use policydiff::compare::{
    self, Comparison, DocInfo, KeyDiff, KeyDiffKind, OpTag, Pair, PairKind, Summary, UnitView,
    WordOp,
};
use policydiff::parse::{self, ClauseKind};
use policydiff::report::{
    export_to_file, write_csv, write_docx, write_file_atomically, write_html, write_json,
    write_markdown, write_text, Format, Note, PairSelection, ReportOptions,
};
use policydiff::{DocMeta, Error, Segmenter};
use unicode_width::UnicodeWidthStr;

const GD: &str = "广东省进一步强化市场主体诉求响应服务工作方案";
const FS: &str = "佛山市进一步强化市场主体诉求";
/// Both plans have this point; it is the pair appended to the real comparison.
const SHARED_POINT: &str = "推进诉求服务标准化";

// ---------------------------------------------------------------------------
// Helpers

/// Stand-in for the importer: the document of the bundled corpus whose title
/// line (`N. …（2023年…日）`) contains `needle`, up to the next title line,
/// with title, issuer, 文号 and date read from its first lines.
fn corpus_doc(needle: &str) -> compare::Doc {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/corpus/south-china-2023-business-environment.txt");
    let corpus = std::fs::read_to_string(path).expect("corpus");
    let title_re = regex::Regex::new(r"^\d+\.\s.*（20\d\d").unwrap();
    let lines: Vec<&str> = corpus.lines().collect();
    let start = lines
        .iter()
        .position(|l| title_re.is_match(l) && l.contains(needle))
        .expect("document in corpus");
    let end = lines[start + 1..]
        .iter()
        .position(|l| title_re.is_match(l))
        .map_or(lines.len(), |i| start + 1 + i);
    let title_line = lines[start];
    let head = regex::Regex::new(r"^\d+\.\s*(.+?)（(20\d\d)\s*年\s*(\d+)\s*月\s*(\d+)\s*日）\s*$")
        .unwrap();
    let caps = head.captures(title_line).expect("title line with date");
    let title = caps[1].to_string();
    let date = format!("{}-{:0>2}-{:0>2}", &caps[2], &caps[3], &caps[4]);
    let number_re = regex::Regex::new(r"^(\S+?)[〔（](20\d\d)[〕）]\s*(\d+)\s*号$").unwrap();
    let doc_number = lines[start..end].iter().find_map(|l| {
        number_re
            .captures(l.trim())
            .map(|c| format!("{}〔{}〕{}号", &c[1], &c[2], &c[3]))
    });
    let text = lines[start + 1..end].join("\n");
    let source = policydiff::import::from_text(&text, None);
    compare::Doc {
        id: None,
        tree: parse::parse(&source.text),
        meta: DocMeta {
            issuer: title.split("关于").next().map(str::to_string),
            title,
            date: Some(date),
            doc_number,
            ..source.meta
        },
    }
}

/// The real GD/FS comparison, plus one appended `Modified` pair (see the module doc).
fn real() -> &'static Comparison {
    static REAL: OnceLock<Comparison> = OnceLock::new();
    REAL.get_or_init(|| {
        let seg = Segmenter::shared();
        let (gd, fs) = (corpus_doc(GD), corpus_doc(FS));
        let mut c = compare::compare(seg, &gd, &fs, &Default::default());
        assert!(c.pairs.len() > 20, "real documents give many pairs");
        let find = |pairs: &[Pair], left: bool| {
            pairs
                .iter()
                .filter_map(|p| {
                    if left {
                        p.left.clone()
                    } else {
                        p.right.clone()
                    }
                })
                .find(|u| u.text.contains(SHARED_POINT))
                .expect("shared point in both documents")
        };
        let (l, r) = (find(&c.pairs, true), find(&c.pairs, false));
        let ops = policydiff::diff::word_diff(seg, &l.text, &r.text, Default::default());
        c.pairs.push(Pair {
            kind: PairKind::Modified,
            similarity: 0.9,
            key_diffs: policydiff::diff::key_diffs(&l.text, &r.text),
            left: Some(l),
            right: Some(r),
            ops,
            group: None,
        });
        c.summary.modified += 1;
        c
    })
}

fn appended() -> &'static Pair {
    real().pairs.last().unwrap()
}

fn op_texts(tag: OpTag) -> Vec<&'static str> {
    appended()
        .ops
        .iter()
        .filter(|o| o.tag == tag && !o.text.trim().is_empty())
        .map(|o| o.text.as_str())
        .collect()
}

/// A note on the first left-only pair, and one that matches no pair.
fn real_notes() -> Vec<Note> {
    let first_left = real()
        .pairs
        .iter()
        .find(|p| p.kind == PairKind::LeftOnly)
        .unwrap();
    vec![
        Note {
            left_path: Some(first_left.left.as_ref().unwrap().path.clone()),
            right_path: None,
            tag: Some("需关注".into()),
            text: "市级方案未保留此段，请核实。".into(),
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
    }
    out.into_inner()
}

fn render_str(format: Format, c: &Comparison, notes: &[Note], opts: &ReportOptions) -> String {
    String::from_utf8(render(format, c, notes, opts)).expect("UTF-8 output")
}

/// A copy of the real comparison with hostile markup in a clause, a title and a note.
fn hostile() -> (Comparison, Vec<Note>) {
    let mut c = real().clone();
    c.left.meta.title.push_str("<script>alert(1)</script>");
    let p = c.pairs.iter_mut().find(|p| p.left.is_some()).unwrap();
    let u = p.left.as_mut().unwrap();
    u.text = format!(
        "{} <script>alert(1)</script> | <img src=x onerror=alert(1)> *强调* ~~x~~ [链接](http://example.com) a|b",
        u.text
    );
    let notes = vec![Note {
        left_path: Some(u.path.clone()),
        right_path: None,
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
        if f != Format::Docx && f != Format::Csv {
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
    assert_eq!(v["pairs"][0]["kind"], "left_only");
    assert_eq!(v["left"]["doc_number"], "粤办函〔2023〕41号");
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
            let heading = format!("{}. 【{}】", i + 1, policydiff::report::kind_label(p.kind));
            assert!(s.contains(&heading), "{heading}");
        }
        assert!(
            s.contains("[-") && s.contains("{+"),
            "markers for the modified pair"
        );
        assert!(!s.contains('\x1b'));
        assert!(s.contains("备注：〔需关注〕市级方案未保留此段，请核实。"));
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
                key_diffs: vec![KeyDiff {
                    kind: KeyDiffKind::Quantity,
                    left: "5个工作日".into(),
                    right: "3个工作日".into(),
                    detail: "办结时限：5个工作日 → 3个工作日".into(),
                }],
                group: None,
            },
            Pair {
                kind: PairKind::LeftOnly,
                similarity: 0.0,
                left: Some(unit("二", "建立联络员制度。")),
                right: None,
                ops: vec![],
                key_diffs: vec![],
                group: None,
            },
            Pair {
                kind: PairKind::RightOnly,
                similarity: 0.0,
                left: None,
                right: Some(unit("三", "加强督办考核。")),
                ops: vec![],
                key_diffs: vec![],
                group: None,
            },
        ],
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
    // The only links are in-page anchors (there are no key differences yet, so none).
    assert!(!lower.contains(r#"href="http"#));
    assert!(s.contains("@media print") && s.contains("size: A4"));
    assert!(s.contains("display: table-header-group"));
    assert!(s.contains("仿宋") && s.contains("Noto Serif CJK SC"));
    // Both titles in the metadata block, every pair once.
    assert!(s.contains(&real().left.meta.title) && s.contains(&real().right.meta.title));
    assert_eq!(s.matches("<tbody id=\"pair-").count(), real().pairs.len());
    // The modified pair: deletions in <del>, insertions in <ins>.
    for d in op_texts(OpTag::Delete) {
        assert!(s.contains(&format!("<del>{}</del>", d)), "{d}");
    }
    for i in op_texts(OpTag::Insert) {
        assert!(s.contains(&format!("<ins>{}</ins>", i)), "{i}");
    }
    // The note sits inside its pair's tbody.
    let note = at(&s, "市级方案未保留此段");
    let pair_start = s[..note].rfind("<tbody").unwrap();
    let pair_end = pair_start + at(&s[pair_start..], "</tbody>");
    assert!(note < pair_end);
    let first_left = real()
        .pairs
        .iter()
        .position(|p| p.kind == PairKind::LeftOnly)
        .unwrap();
    assert!(s[pair_start..].starts_with(&format!("<tbody id=\"pair-{}\"", first_left + 1)));
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
    for d in op_texts(OpTag::Delete) {
        assert!(marked("~~", "~~", "del", d), "{d}");
    }
    for i in op_texts(OpTag::Insert) {
        assert!(marked("**", "**", "ins", i), "{i}");
    }
    assert!(s.contains("> 备注：〔需关注〕市级方案未保留此段，请核实。"));
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
        assert_eq!(row[1], *policydiff::report::kind_label(p.kind));
        let text = |u: &Option<UnitView>| u.as_ref().map(|u| u.text.clone()).unwrap_or_default();
        assert_eq!(row[5], text(&p.left));
        assert_eq!(row[8], text(&p.right));
        assert_eq!(row[2].is_empty(), p.left.is_none() || p.right.is_none());
    }
    let noted: Vec<_> = rows.iter().filter(|r| !r[10].is_empty()).collect();
    assert_eq!(noted.len(), 1);
    assert_eq!(&noted[0][10], "市级方案未保留此段，请核实。");
    assert_eq!(&noted[0][11], "需关注");
    assert_eq!(rows.last().unwrap()[2], *"0.900");
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
    // The note follows its pair's text and precedes the next pair's heading.
    let first_left = c
        .pairs
        .iter()
        .position(|p| p.kind == PairKind::LeftOnly)
        .unwrap();
    let left_text = &c.pairs[first_left].left.as_ref().unwrap().text;
    let text_at = at(&doc, &xml_escape(left_text.lines().next().unwrap()));
    let note_at = at(&doc, "市级方案未保留此段");
    let next_heading = at(&doc, &format!("{}. 【", first_left + 2));
    assert!(text_at < note_at && note_at < next_heading);
}

#[test]
fn docx_escapes_markup_and_drops_control_characters() {
    let (mut c, notes) = hostile();
    c.pairs[0]
        .left
        .as_mut()
        .unwrap()
        .text
        .push_str("\u{1}\u{b}尾");
    let bytes = render(Format::Docx, &c, &notes, &ReportOptions::default());
    let (doc, _) = docx_parts(&bytes);
    assert!(doc.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!doc.contains("<script"));
    assert!(!doc.contains('\u{1}') && !doc.contains('\u{b}'));
}

fn have(tool: &str, version_flag: &str) -> bool {
    Command::new(tool)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn docx_converts_to_pdf_with_libreoffice() {
    if !have("soffice", "--version") || !have("pdftotext", "-v") {
        eprintln!("note: soffice or pdftotext not installed; DOCX → PDF check skipped");
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
    // Some struck and some inserted words (their first 12 characters).
    for t in op_texts(OpTag::Delete)
        .iter()
        .chain(&op_texts(OpTag::Insert))
    {
        let head: String = squash(t).chars().take(12).collect();
        assert!(text.contains(&head), "{head}");
    }
    assert!(text.contains("市级方案未保留此段"));
    assert!(text.contains("—1—") && text.contains("—2—"), "page numbers");
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
