//! Pinning and hiding key points (要点摘要) on the real Guangdong / Foshan
//! comparison (粤办函〔2023〕41号 / 佛府办函〔2023〕75号): stored with the
//! notes in a temporary library, honoured by the comparison, by every export
//! format and by the CLI, which all list the same points in the same order.

mod report_common;
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use policydiff_model::{Comparison, KeyPoint, ListFilter, PointMark, StoredPointMark};
use policydiff_report::{export_to_file, Format, ReportOptions};
use policydiff_segment::Segmenter;
use policydiff_store::{Error as StoreError, Store};
use report_common::{docx_parts, poppler, squash};

const GD: &str = "粤办函〔2023〕41号";
const FS: &str = "佛府办函〔2023〕75号";

struct Lib {
    dir: tempfile::TempDir,
    lib: Box<dyn Store>,
    gd: i64,
    fs: i64,
}

fn seg() -> &'static Segmenter {
    Segmenter::shared()
}

fn id_of(lib: &dyn Store, doc_number: &str) -> i64 {
    let rows = lib.list(&ListFilter::default()).unwrap();
    let found: Vec<i64> = rows
        .iter()
        .filter(|r| r.meta.doc_number.as_deref() == Some(doc_number))
        .map(|r| r.id)
        .collect();
    assert_eq!(found.len(), 1, "{doc_number}: {found:?}");
    found[0]
}

impl Lib {
    fn new() -> Lib {
        let dir = tempfile::tempdir().unwrap();
        let opened = policydiff::library::open(&dir.path().join("library.sqlite3"), seg()).unwrap();
        let lib = opened.store;
        let (gd, fs) = (id_of(lib.as_ref(), GD), id_of(lib.as_ref(), FS));
        Lib { dir, lib, gd, fs }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("library.sqlite3")
    }

    fn compare(&self) -> Comparison {
        policydiff::compare::compare_stored(
            self.lib.as_ref(),
            seg(),
            self.gd,
            self.fs,
            &Default::default(),
        )
        .unwrap()
    }

    fn mark(&mut self, id: &str, mark: Option<PointMark>) {
        let c = self.compare();
        policydiff::points::mark(self.lib.as_mut(), &c, id, mark).unwrap();
    }

    /// Export the comparison (with the stored pins and hides) to a file.
    fn export(&self, format: Format) -> PathBuf {
        let path = self
            .dir
            .path()
            .join(format!("report.{}", format.extension()));
        let c = self.compare();
        let notes = policydiff::compare::notes_for(Some(self.lib.as_ref()), &c).unwrap();
        export_to_file(&path, format, &c, &notes, &ReportOptions::default()).unwrap();
        path
    }
}

fn ids(points: &[KeyPoint]) -> Vec<&str> {
    points.iter().map(|p| p.id.as_str()).collect()
}

/// The part of `text` from the 要点摘要 title to the next section's (比较文件,
/// or 概况 in the terminal's text).
fn summary_section(text: &str) -> &str {
    let start = text.find("要点摘要").expect("a 要点摘要 section");
    let end = ["比较文件", "概况"]
        .iter()
        .filter_map(|t| text[start..].find(t))
        .min()
        .expect("a section after it");
    &text[start..start + end]
}

/// Where each point's sentence starts in `section` (whitespace and Markdown
/// escapes ignored); `None` for a point not there.
fn places(section: &str, points: &[KeyPoint]) -> Vec<Option<usize>> {
    let plain = squash(section).replace('\\', "");
    points
        .iter()
        .map(|p| plain.find(&squash(&p.detail)))
        .collect()
}

/// Every one of `shown` appears in `section`, in that order; none of `hidden`.
fn assert_summary(format: &str, section: &str, shown: &[KeyPoint], hidden: &[KeyPoint]) {
    let at = places(section, shown);
    assert!(
        at.iter().all(Option::is_some),
        "{format}: every shown point in 要点摘要: {at:?}"
    );
    assert!(
        at.windows(2).all(|w| w[0] < w[1]),
        "{format}: in order: {at:?}"
    );
    assert!(
        places(section, hidden).iter().all(Option::is_none),
        "{format}: hidden points left out of 要点摘要"
    );
    assert!(
        squash(section).contains(&format!("另有{}项要点已由用户隐藏", hidden.len())),
        "{format}: the hidden points are counted"
    );
}

#[test]
fn a_point_mark_is_stored_replaced_and_removed() {
    let mut l = Lib::new();
    let (gd, fs) = (l.gd, l.fs);
    assert!(l.lib.point_marks(gd, fs).unwrap().is_empty());
    assert!(l
        .lib
        .set_point_mark(gd, fs, "condition-1", Some(PointMark::Pinned))
        .unwrap());
    assert!(l
        .lib
        .set_point_mark(gd, fs, " scope-2 ", Some(PointMark::Hidden))
        .unwrap());
    // The last mark set wins; one row per point.
    l.lib
        .set_point_mark(gd, fs, "condition-1", Some(PointMark::Hidden))
        .unwrap();
    let want = |id: &str, mark| StoredPointMark {
        point_id: id.into(),
        mark,
    };
    assert_eq!(
        l.lib.point_marks(gd, fs).unwrap(),
        vec![
            want("condition-1", PointMark::Hidden),
            want("scope-2", PointMark::Hidden)
        ]
    );
    // Marks belong to the ordered pair of documents.
    assert!(l.lib.point_marks(fs, gd).unwrap().is_empty());
    assert!(l.lib.set_point_mark(gd, fs, "scope-2", None).unwrap());
    assert!(
        !l.lib.set_point_mark(gd, fs, "scope-2", None).unwrap(),
        "nothing left to remove"
    );
    assert_eq!(
        l.lib.point_marks(gd, fs).unwrap(),
        vec![want("condition-1", PointMark::Hidden)]
    );
    // Bad input changes nothing.
    assert!(matches!(
        l.lib
            .set_point_mark(gd, 99_999, "x", Some(PointMark::Pinned)),
        Err(StoreError::NoSuchDocument(99_999))
    ));
    assert!(matches!(
        l.lib.set_point_mark(gd, fs, "  ", Some(PointMark::Pinned)),
        Err(StoreError::InvalidNote(_))
    ));
    // Kept in the file.
    drop(l.lib);
    let reopened =
        policydiff_store::SqliteStore::open(&l.dir.path().join("library.sqlite3")).unwrap();
    assert_eq!(reopened.point_marks(gd, fs).unwrap().len(), 1);
}

#[test]
fn pinned_points_come_first_and_hidden_ones_are_left_out_but_counted() {
    let mut l = Lib::new();
    let ranked = l.compare();
    let n = ranked.key_points.len();
    assert!(n >= 5, "Guangdong / Foshan has key points: {n}");
    assert!(ranked.hidden_key_points.is_empty() && ranked.key_points.iter().all(|p| !p.pinned));
    let (first, second, last) = (
        &ranked.key_points[0],
        &ranked.key_points[1],
        &ranked.key_points[n - 1],
    );
    l.mark(&last.id, Some(PointMark::Pinned));
    l.mark(&first.id, Some(PointMark::Hidden));

    let c = l.compare();
    assert_eq!(c.key_points.len(), n - 1);
    assert_eq!(c.key_points[0].id, last.id);
    assert!(c.key_points[0].pinned);
    assert_eq!(
        c.key_points[1].id, second.id,
        "the others keep their ranking"
    );
    assert!(c.key_points[1..].iter().all(|p| !p.pinned));
    assert_eq!(ids(&c.hidden_key_points), vec![first.id.as_str()]);
    let mut want: Vec<&str> = ids(&ranked.key_points[1..n - 1]);
    want.insert(0, &last.id);
    assert_eq!(ids(&c.key_points), want);

    // A point no longer in the comparison cannot be marked.
    let err = policydiff::points::mark(l.lib.as_mut(), &c, "condition-0000000000000000", None)
        .unwrap_err();
    assert!(
        matches!(err, policydiff::Error::NoSuchKeyPoint { .. }),
        "{err}"
    );
    // A hidden point can be shown again; unmarked, the ranking is the engine's.
    l.mark(&first.id, None);
    l.mark(&last.id, None);
    assert_eq!(l.compare(), ranked);
}

#[test]
fn every_export_shows_the_pinned_point_first_and_counts_the_hidden_one() {
    let mut l = Lib::new();
    let ranked = l.compare();
    let n = ranked.key_points.len();
    l.mark(&ranked.key_points[n - 1].id, Some(PointMark::Pinned));
    l.mark(&ranked.key_points[0].id, Some(PointMark::Hidden));
    let c = l.compare();
    let (shown, hidden) = (&c.key_points, &c.hidden_key_points);

    for format in [Format::Text, Format::Markdown, Format::Html] {
        let text = std::fs::read_to_string(l.export(format)).unwrap();
        let section = summary_section(&text);
        assert_summary(format.extension(), section, shown, hidden);
        // One pin mark, on the first point.
        let plain = squash(section).replace('\\', "");
        assert_eq!(plain.matches("【置顶】").count(), 1, "{format:?}");
        let pin = plain.find("【置顶】").unwrap();
        let first = plain.find(&squash(&shown[0].detail)).unwrap();
        assert!(
            pin < first && !plain[pin..first].contains('。'),
            "{format:?}: the pin marks the first point"
        );
    }
    // HTML: the sentence is text inside its list item (never markup).
    let html = std::fs::read_to_string(l.export(Format::Html)).unwrap();
    assert!(
        summary_section(&html).contains("<li><strong>【置顶】</strong>")
            || summary_section(&html).contains("【置顶】</"),
        "{}",
        summary_section(&html)
    );

    let (docx, _) = docx_parts(&std::fs::read(l.export(Format::Docx)).unwrap());
    let docx_text: String = docx
        .split('<')
        .filter_map(|part| part.split_once('>').map(|(_, t)| t))
        .collect();
    assert_summary("docx", summary_section(&docx_text), shown, hidden);

    if support::tool_available("pdftotext", "-v") {
        let pdf = poppler("pdftotext", &["-raw"], &l.export(Format::Pdf));
        assert_summary("pdf", summary_section(&pdf), shown, hidden);
    }

    // JSON: the arranged points and the hidden ones apart.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(l.export(Format::Json)).unwrap()).unwrap();
    let json_ids = |key: &str| -> Vec<String> {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(json_ids("key_points"), ids(shown));
    assert_eq!(json_ids("hidden_key_points"), ids(hidden));
    assert_eq!(json["key_points"][0]["pinned"], true);
    assert!(json["key_points"][1].get("pinned").is_none());
}

// The CLI, end to end.

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_policydiff"))
        .args(args)
        .env("POLICYDIFF_DB", db)
        .env_remove("POLICYDIFF_LOG")
        .output()
        .expect("run policydiff")
}

fn run_ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "policydiff {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_cli_pins_hides_and_unpins_and_every_view_lists_the_same_points_in_order() {
    let l = Lib::new();
    let db = l.path();
    let (gd, fs) = (l.gd.to_string(), l.fs.to_string());
    let ranked = l.compare();
    let n = ranked.key_points.len();
    let (top, bottom) = (&ranked.key_points[0].id, &ranked.key_points[n - 1].id);

    let out = run_ok(&db, &["note", "pin", &gd, &fs, bottom]);
    assert!(out.contains(&format!("key point {bottom} pinned")), "{out}");
    run_ok(&db, &["note", "hide", &gd, &fs, top]);
    // An id the comparison does not have is refused, naming it and how to find the ids.
    let bad = run(&db, &["note", "pin", &gd, &fs, "scope-0123456789abcdef"]);
    assert!(!bad.status.success());
    let err = String::from_utf8_lossy(&bad.stderr);
    assert!(
        err.contains("scope-0123456789abcdef") && err.contains("note points"),
        "{err}"
    );

    // The library API, `compare --format json`, `note points` and the exported
    // briefing agree on the points and their order.
    let c = l.compare();
    assert_eq!(c.key_points[0].id, *bottom);
    let json: serde_json::Value =
        serde_json::from_str(&run_ok(&db, &["compare", &gd, &fs, "--format", "json"])).unwrap();
    let listed: serde_json::Value =
        serde_json::from_str(&run_ok(&db, &["note", "points", &gd, &fs, "--json"])).unwrap();
    for key in ["key_points", "hidden_key_points"] {
        let want = serde_json::to_value(if key == "key_points" {
            &c.key_points
        } else {
            &c.hidden_key_points
        })
        .unwrap();
        assert_eq!(json[key], want, "compare --format json: {key}");
        assert_eq!(listed[key], want, "note points --json: {key}");
    }
    let table = run_ok(&db, &["note", "points", &gd, &fs]);
    let table_ids: Vec<&str> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let mut want = ids(&c.key_points);
    want.extend(ids(&c.hidden_key_points));
    assert_eq!(table_ids, want, "note points: shown, then hidden");
    let md = l.dir.path().join("brief.md");
    run_ok(&db, &["export", &gd, &fs, "-o", md.to_str().unwrap()]);
    let md = std::fs::read_to_string(md).unwrap();
    assert_summary(
        "export md",
        summary_section(&md),
        &c.key_points,
        &c.hidden_key_points,
    );
    let text = run_ok(&db, &["compare", &gd, &fs]);
    assert_summary(
        "compare text",
        summary_section(&text),
        &c.key_points,
        &c.hidden_key_points,
    );

    // `unpin` (alias `unhide`) takes either mark away.
    run_ok(&db, &["note", "unpin", &gd, &fs, bottom]);
    run_ok(&db, &["note", "unhide", &gd, &fs, top]);
    assert_eq!(l.compare().key_points, ranked.key_points);
}
