//! Reports as PDF, read back with poppler (pdftotext, pdffonts, pdfinfo):
//! embedded fonts, the briefing note, options, markup as text.

mod report_common;
mod support;

use report_common::*;

use std::process::Command;

use policydiff_model::{KeyDiffKind, OpTag, PairKind};
use policydiff_report::{export_to_file, Format, PairSelection, PdfFonts, ReportOptions};

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
        !text.contains("概况") && !text.contains("重点差异"),
        "{text}"
    );
    assert!(text.contains("没有需要显示的条款。"), "{text}");
    let full = pdf_text(&c, &[], &Default::default()).unwrap();
    assert!(
        full.contains("二、概况")
            && full.contains("三、重点差异")
            && full.contains("未发现重点差异。")
    );
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
    // The engine's key points open the report (要点摘要).
    for section in [
        "一、要点摘要",
        "二、比较文件",
        "三、概况",
        "四、重点差异",
        "五、逐条对比",
    ] {
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
        .position(|p| p.contains("五、逐条对比"))
        .unwrap();
    // (A page that opens with the next section, the notes, has no table.)
    let table_pages = pages[start + 1..n]
        .iter()
        .take_while(|p| !p.starts_with("六、"));
    for page in table_pages {
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

/// The key points are numbered items with a hanging indent: a point's later
/// lines start where its text starts, right of its number.
#[test]
fn pdf_key_points_hang_after_their_numbers() {
    if !support::tool_available("pdftotext", "-v") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("要点.pdf");
    export_to_file(&pdf, Format::Pdf, real(), &[], &Default::default()).unwrap();
    assert_key_points_hang(&pdf);
}
