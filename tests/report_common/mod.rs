//! What the report tests share: the real comparison (Guangdong's
//! complaint-response plan against Foshan's, both split from the bundled
//! corpus by the importer), its notes, a copy with hostile markup, tiny
//! hand-made comparisons (one with the key points, localisation and a
//! topic-level pair of issue 12), and readers of the exported files.
//!
//! The real comparison has modified pairs with word operations and key
//! differences. Most checks use the pair of point 1 (推进诉求服务标准化,
//! corpus lines 231 and 2005), where Foshan adds 按照省有关部署， and turns
//! 省市两级 12345 平台 into 市级 12345 平台.
//!
//! Included by each `tests/report_*.rs` with `mod report_common;` (after
//! `mod support;`).
#![allow(dead_code)]

use std::io::{Cursor, Read};
use std::path::Path;
use std::process::Command;
use std::sync::OnceLock;

use policydiff_model::{
    ClauseKind, Comparison, Direction, DocInfo, DocMeta, KeyDiff, KeyDiffKind, KeyPoint, OpTag,
    Pair, PairKind, Substitution, Summary, UnitView, WordOp,
};
use policydiff_report::{
    export_to_file, write_docx, write_pdf, write_report, Format, Note, ReportOptions,
};
use policydiff_segment::Segmenter;

use crate::support;

pub const GD: &str = "广东省进一步强化市场主体诉求响应服务工作方案";
pub const FS: &str = "佛山市进一步强化市场主体诉求响应服务工作方案";
/// Both plans have this point; its pair carries the notes.
pub const SHARED_POINT: &str = "推进诉求服务标准化";
/// Words of that point: deleted from Guangdong's text, inserted in Foshan's (read in the corpus).
pub const DELETED: &str = "省市两级";
pub const INSERTED: &str = "市级";
pub const INSERTED_CLAUSE: &str = "按照省有关部署，";
/// The note on the shared point.
pub const NOTE: &str = "市级方案改为市级平台，请核实。";

/// The real GD/FS comparison.
pub fn real() -> &'static Comparison {
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
pub fn point_index() -> usize {
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

pub fn point() -> &'static Pair {
    &real().pairs[point_index()]
}

/// The texts of the point's operations with `tag`.
pub fn op_texts(tag: OpTag) -> Vec<&'static str> {
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
pub fn real_notes() -> Vec<Note> {
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

/// `c` in `format` as the writers give it: [`write_report`] for the text
/// formats (what `compare` prints), `write_docx`/`write_pdf` for the binary ones.
pub fn render(format: Format, c: &Comparison, notes: &[Note], opts: &ReportOptions) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    match format {
        Format::Docx => write_docx(&mut out, c, notes, opts).unwrap(),
        Format::Pdf => write_pdf(&mut out, c, notes, opts).unwrap(),
        _ => write_report(&mut out, format, c, notes, opts).unwrap(),
    }
    out.into_inner()
}

pub fn render_str(format: Format, c: &Comparison, notes: &[Note], opts: &ReportOptions) -> String {
    String::from_utf8(render(format, c, notes, opts)).expect("UTF-8 output")
}

/// Markup added to Guangdong's plan: a clause of its own at the end …
pub const HOSTILE: &str = "<script>alert(1)</script> | <img src=x onerror=alert(1)> *强调* ~~x~~ [链接](http://example.com) a|b\u{1}\u{b}尾";
/// … and a few words inside point 1, so they reach the word operations too.
pub const HOSTILE_WORDS: &str = "<i>斜体</i>c|d";

/// The real comparison with hostile markup in Guangdong's text (edited before
/// parsing), in its title and in a note on the clause holding it.
pub fn hostile() -> (Comparison, Vec<Note>) {
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
pub fn at(hay: &str, needle: &str) -> usize {
    hay.find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not found"))
}

pub fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A tiny hand-made comparison: a modified pair, a left-only and a right-only one.
pub fn tiny() -> Comparison {
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
        renumbered: false,
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
                suggestions: Vec::new(),
            },
            Pair::new(
                PairKind::LeftOnly,
                0.0,
                Some(unit("二", "建立联络员制度。")),
                None,
            ),
            Pair::new(
                PairKind::RightOnly,
                0.0,
                None,
                Some(unit("三", "加强督办考核。")),
            ),
        ],
        key_points: Vec::new(),
        hidden_key_points: Vec::new(),
    }
}

/// The text of `c` exported as PDF (`pdftotext -raw`, whitespace removed);
/// `None` without poppler-utils.
pub fn pdf_text(c: &Comparison, notes: &[Note], opts: &ReportOptions) -> Option<String> {
    if !support::tool_available("pdftotext", "-v") {
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("r.pdf");
    export_to_file(&pdf, Format::Pdf, c, notes, opts).unwrap();
    Some(squash(&poppler("pdftotext", &["-raw"], &pdf)))
}

/// Run a poppler tool on `pdf` and return its standard output.
pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(out.status.success(), "{tool}: {out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

pub fn docx_parts(bytes: &[u8]) -> (String, String) {
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

pub fn dir_entries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// A hand-made comparison with what issue 12 adds to the model, as the
/// engine fills it: ranked key points with directions, a localisation entry
/// (folded, not substantive) beside a stricter deadline, a condition on a
/// topic-level (主题相关) pair, a looser obligation, and the summary's
/// localisation and related counts.
pub fn briefing() -> Comparison {
    let mut c = tiny();
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
        renumbered: false,
    };
    let p = &mut c.pairs[0];
    p.left = Some(unit("一", "由省商务厅在5个工作日内办结全省事项。"));
    p.right = Some(unit("一", "由市商务局在3个工作日内办结全市事项。"));
    p.ops = vec![
        op(OpTag::Equal, "由"),
        op(OpTag::Delete, "省商务厅"),
        op(OpTag::Insert, "市商务局"),
        op(OpTag::Equal, "在"),
        op(OpTag::Delete, "5个"),
        op(OpTag::Insert, "3个"),
        op(OpTag::Equal, "工作日内办结"),
        op(OpTag::Delete, "全省"),
        op(OpTag::Insert, "全市"),
        op(OpTag::Equal, "事项。"),
    ];
    p.key_diffs[0].direction = Some(Direction::Stricter);
    p.key_diffs.push(KeyDiff {
        substantive: false,
        count: Some(2),
        substitutions: vec![
            Substitution {
                left: "省商务厅".into(),
                right: "市商务局".into(),
            },
            Substitution {
                left: "全省".into(),
                right: "全市".into(),
            },
        ],
        ..KeyDiff::new(
            KeyDiffKind::Localisation,
            "省商务厅；全省",
            "市商务局；全市",
            "本地化替换 2 处",
        )
    });
    c.pairs.push(Pair {
        kind: PairKind::Related,
        similarity: 0.42,
        left: Some(unit("四", "优化营商环境。")),
        right: Some(unit("五", "在省的统筹下打造一流营商环境。")),
        ops: vec![
            op(OpTag::Insert, "在省的统筹下打造一流"),
            op(OpTag::Delete, "优化"),
            op(OpTag::Equal, "营商环境。"),
        ],
        key_diffs: vec![KeyDiff::new(
            KeyDiffKind::Condition,
            "",
            "在省的统筹下",
            "新增条件：在省的统筹下",
        )],
        group: None,
        manual: false,
        suggestions: Vec::new(),
    });
    c.pairs.push(Pair {
        kind: PairKind::Modified,
        similarity: 0.9,
        left: Some(unit("六", "各部门应当公开办理结果。")),
        right: Some(unit("六", "各部门可以公开办理结果。")),
        ops: vec![
            op(OpTag::Equal, "各部门"),
            op(OpTag::Delete, "应当"),
            op(OpTag::Insert, "可以"),
            op(OpTag::Equal, "公开办理结果。"),
        ],
        key_diffs: vec![KeyDiff {
            direction: Some(Direction::Looser),
            ..KeyDiff::new(
                KeyDiffKind::Obligation,
                "应当",
                "可以",
                "约束力度：应当 → 可以",
            )
        }],
        group: None,
        manual: false,
        suggestions: Vec::new(),
    });
    c.summary.modified = 2;
    c.summary.related = 1;
    c.summary.key_diffs = 4;
    c.summary.localisation = 2;
    let point = |kind, detail: &str, l: Option<&str>, r: Option<&str>, d| KeyPoint {
        id: format!("{kind:?}-{}", l.or(r).unwrap_or("")),
        kind,
        detail: detail.into(),
        left_path: l.map(Into::into),
        right_path: r.map(Into::into),
        direction: d,
        parts: Vec::new(),
        count: 1,
        pinned: false,
    };
    c.key_points = vec![
        point(
            KeyDiffKind::Condition,
            "右文新增条件“在省的统筹下”",
            Some("四"),
            Some("五"),
            None,
        ),
        point(
            KeyDiffKind::Quantity,
            "办结时限由5个工作日缩短为3个工作日",
            Some("一"),
            Some("一"),
            Some(Direction::Stricter),
        ),
        point(
            KeyDiffKind::Obligation,
            "公开办理结果由“应当”改为“可以”",
            Some("六"),
            Some("六"),
            Some(Direction::Looser),
        ),
        point(
            KeyDiffKind::Responsibility,
            "新增条款：加强督办考核",
            None,
            Some("三"),
            Some(Direction::Changed),
        ),
    ];
    c
}

/// The sentences of [`briefing`]'s key points, in rank order, as every
/// format writes them (whitespace aside).
pub const BRIEFING_POINTS: [&str; 4] = [
    "右文新增条件“在省的统筹下”（左 四 ↔ 右 五）",
    "办结时限由5个工作日缩短为3个工作日（更严；左 一 ↔ 右 一）",
    "公开办理结果由“应当”改为“可以”（更宽松；左 六 ↔ 右 六）",
    "新增条款：加强督办考核（有变化；左 — ↔ 右 三）",
];

/// The folded localisation line under [`briefing`]'s first pair.
pub const BRIEFING_LOCALISATION: &str = "本地化替换 2 处：省商务厅→市商务局；全省→全市";

/// The text of a DOCX file as LibreOffice prints it (converted to PDF,
/// read back with pdftotext, whitespace removed); `None` without those
/// programs (and a failure under CI, see `support::tool_available`).
pub fn docx_text_via_libreoffice(docx: &Path) -> Option<String> {
    let dir = tempfile::tempdir().unwrap();
    let pdf = docx_to_pdf(docx, dir.path())?;
    Some(squash(&poppler("pdftotext", &["-raw"], &pdf)))
}

/// `docx` laid out by LibreOffice as a PDF in `dir`; `None` when LibreOffice
/// or poppler is missing (outside CI, see [`support::tool_available`]).
pub fn docx_to_pdf(docx: &Path, dir: &Path) -> Option<std::path::PathBuf> {
    if !support::tool_available("soffice", "--version")
        || !support::tool_available("pdftotext", "-v")
    {
        return None;
    }
    let profile = format!("-env:UserInstallation=file://{}/lo", dir.display());
    let status = Command::new("soffice")
        .args([&profile, "--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    Some(dir.join(docx.file_stem().unwrap()).with_extension("pdf"))
}

/// On page 1 of a note (the Guangdong/Foshan one), the key points are
/// numbered items with a hanging indent: each line after a point's first
/// starts where that point's text starts, right of its number (read back
/// with `pdftotext -bbox-layout`).
pub fn assert_key_points_hang(pdf: &Path) {
    let xml = poppler("pdftotext", &["-f", "1", "-l", "1", "-bbox-layout"], pdf);
    // Each line: the x of its first word, and its words with their x.
    let attr = |s: &str| -> f32 {
        let at = s.find("xMin=\"").unwrap() + 6;
        s[at..at + s[at..].find('"').unwrap()].parse().unwrap()
    };
    let lines: Vec<Vec<(f32, String)>> = xml
        .split("<line ")
        .skip(1)
        .map(|l| {
            l.split("<word ")
                .skip(1)
                .map(|w| {
                    let text = &w[w.find('>').unwrap() + 1..w.find("</word>").unwrap()];
                    (attr(w), text.to_string())
                })
                .collect()
        })
        .collect();
    let start = lines
        .iter()
        .position(|l| l.first().is_some_and(|w| w.1.ends_with("要点摘要")))
        .expect("key points heading");
    let (mut items, mut continued) = (0, 0);
    let mut text_x = None;
    for l in &lines[start + 1..] {
        let first = &l[0];
        let heading = first.1.contains('、') && first.1.starts_with(|c: char| !c.is_ascii_digit());
        if heading || first.1.starts_with('—') {
            break; // the next section's heading, or the page number
        }
        let numbered = first.1.trim_end_matches('.').parse::<usize>().is_ok() && l.len() > 1;
        if numbered {
            items += 1;
            text_x = Some(l[1].0);
        } else if let Some(x) = text_x {
            continued += 1;
            assert!(
                (first.0 - x).abs() < 1.0,
                "line {:?} starts at {} where its point's text starts at {x}",
                first.1,
                first.0
            );
        }
    }
    assert!(items >= 5, "{items} numbered points on page 1");
    assert!(continued >= 3, "{continued} wrapped lines on page 1");
}
