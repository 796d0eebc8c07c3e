//! Reports as DOCX: the package's XML, its reading by LibreOffice, a
//! failing output.

mod report_common;
mod support;

use report_common::*;

use std::process::Command;

use policydiff_model::{KeyDiffKind, OpTag};
use policydiff_report::{export_to_file, write_docx, Format, ReportOptions};

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
    let Some(text) = docx_text_via_libreoffice(&docx) else {
        return;
    };
    let laid_out = tempfile::tempdir().unwrap();
    assert_key_points_hang(&docx_to_pdf(&docx, laid_out.path()).unwrap());
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

/// A writer that takes `room` bytes and then fails as a full disk does.
struct FullDisk {
    room: usize,
}

impl std::io::Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.room == 0 {
            return Err(std::io::Error::from(std::io::ErrorKind::StorageFull));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A full disk during a DOCX export is an error returned to the caller,
/// and the archive writer prints nothing on standard error. Run in a child
/// process (this test binary again) so that its standard error can be read.
#[test]
fn docx_on_a_full_disk_returns_the_error_and_prints_nothing() {
    const CHILD: &str = "POLICYDIFF_DOCX_FULL_DISK_CHILD";
    if std::env::var_os(CHILD).is_some() {
        let mut whole = Vec::new();
        write_docx(&mut whole, &tiny(), &[], &Default::default()).unwrap();
        for room in [0, 10, whole.len() / 2, whole.len() - 1] {
            let err = write_docx(FullDisk { room }, &tiny(), &[], &Default::default())
                .expect_err("the disk is full");
            assert_eq!(err.kind(), std::io::ErrorKind::StorageFull, "{room}: {err}");
        }
        return;
    }
    let out = Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "docx_on_a_full_disk_returns_the_error_and_prints_nothing",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 passed"),
        "{out:?}"
    );
    assert!(!stderr.contains("ZipWriter"), "{stderr}");
    assert!(stderr.trim().is_empty(), "nothing on stderr: {stderr}");
}

#[test]
fn docx_export_to_an_unwritable_place_names_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-such-dir").join("简报.docx");
    let err = export_to_file(&path, Format::Docx, &tiny(), &[], &Default::default())
        .expect_err("no directory");
    assert!(err.to_string().contains("简报.docx"), "{err}");
}
