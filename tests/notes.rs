//! Briefing notes and manual pairings on the real Guangdong / Foshan comparison
//! (粤办函〔2023〕41号 / 佛府办函〔2023〕75号): the library API into a temporary
//! library (a file, and a team library on PostgreSQL: see `support::pg`),
//! the exported reports, and the CLI end to end.

use std::process::Command;

use policydiff_model::ListFilter;
use policydiff_model::{Comparison, Pair, PairKind};
use policydiff_report::{export_to_file, Format, Note, ReportOptions};
use policydiff_segment::Segmenter;
use policydiff_store::{Error, Store, DEFAULT_TAGS};
use support::pg::Backend;

mod support;

const GD: &str = "粤办函〔2023〕41号";
const FS: &str = "佛府办函〔2023〕75号";
/// 完善诉求响应协调机制: Guangdong's item 4 is Foshan's item 1 of the same section.
const GD_COORD: &str = "二/（二）/4";
const FS_COORD: &str = "二/（二）/1";
/// 动态完善知识库: Guangdong's item 5, Foshan's item 2.
const GD_KNOWLEDGE: &str = "二/（二）/5";
const FS_KNOWLEDGE: &str = "二/（二）/2";

/// A library (a file, or a team library on the test server) holding the
/// bundled corpus, and a temporary directory for exports.
struct Lib {
    dir: tempfile::TempDir,
    place: support::pg::Place,
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
    fn new(backend: Backend) -> Lib {
        let dir = tempfile::tempdir().unwrap();
        let place = backend.place().unwrap();
        let location = policydiff::library::Location::parse(&place.location);
        let opened = policydiff::library::open_at(&location, seg()).unwrap();
        assert!(opened.first_run.is_some_and(|r| r.added.len() > 30));
        let lib = opened.store;
        let (gd, fs) = (id_of(lib.as_ref(), GD), id_of(lib.as_ref(), FS));
        Lib {
            dir,
            place,
            lib,
            gd,
            fs,
        }
    }

    /// The library's file or URL, as `--db` takes it.
    fn path(&self) -> String {
        self.place.location.clone()
    }

    /// Guangdong (left) against Foshan (right), with the stored pairings.
    fn compare(&self) -> Comparison {
        compare_stored(self.lib.as_ref(), self.gd, self.fs)
    }

    fn notes(&self) -> Vec<Note> {
        self.lib
            .notes_for(self.gd, self.fs)
            .unwrap()
            .iter()
            .map(Note::from)
            .collect()
    }

    /// Export the comparison with its notes and read the file back.
    fn export(&self, format: Format) -> String {
        let path = self
            .dir
            .path()
            .join(format!("report.{}", format.extension()));
        export_to_file(
            &path,
            format,
            &self.compare(),
            &self.notes(),
            &ReportOptions::default(),
        )
        .unwrap();
        std::fs::read_to_string(path).unwrap()
    }
}

fn compare_stored(lib: &dyn Store, left: i64, right: i64) -> Comparison {
    policydiff::compare::compare_stored(lib, seg(), left, right, &Default::default()).unwrap()
}

/// The pairs holding this left or right clause.
fn pairs_of<'c>(c: &'c Comparison, left: Option<&str>, right: Option<&str>) -> Vec<&'c Pair> {
    c.pairs
        .iter()
        .filter(|p| {
            left.is_some_and(|l| p.left.as_ref().is_some_and(|u| u.path == l))
                || right.is_some_and(|r| p.right.as_ref().is_some_and(|u| u.path == r))
        })
        .collect()
}

fn paths(p: &Pair) -> (Option<&str>, Option<&str>) {
    (
        p.left.as_ref().map(|u| u.path.as_str()),
        p.right.as_ref().map(|u| u.path.as_str()),
    )
}

/// CSV rows (BOM stripped) as records.
fn csv_rows(text: &str) -> Vec<csv::StringRecord> {
    let text = text.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().clone();
    assert_eq!(&header[3], "左文位置");
    assert_eq!(&header[6], "右文位置");
    assert_eq!(&header[10], "备注");
    assert_eq!(&header[11], "标签");
    r.records().map(Result::unwrap).collect()
}

/// The CSV row whose left and right positions are these (`—`/empty for none).
fn csv_row<'a>(
    rows: &'a [csv::StringRecord],
    left: Option<&str>,
    right: Option<&str>,
) -> Vec<&'a csv::StringRecord> {
    let side = |cell: &str, want: Option<&str>| match want {
        Some(p) => cell == p,
        None => cell.is_empty() || cell == "—",
    };
    rows.iter()
        .filter(|r| side(&r[3], left) && side(&r[6], right))
        .collect()
}

/// Pairs in reading order: every pair with a right unit in Foshan's order.
fn assert_reading_order(c: &Comparison) {
    let rights: Vec<usize> = c
        .pairs
        .iter()
        .filter_map(|p| p.right.as_ref().map(|u| u.clause))
        .collect();
    assert!(
        rights.windows(2).all(|w| w[0] <= w[1]),
        "right units out of order: {rights:?}"
    );
    // Every unit appears in one pair (this comparison has no split or merge),
    // but a unit paired by hand with several units, in each of those pairs.
    assert!(c.pairs.iter().all(|p| p.group.is_none()));
    for left in [true, false] {
        let unit = |p: &Pair| {
            if left { &p.left } else { &p.right }
                .as_ref()
                .map(|u| u.clause)
        };
        let mut v: Vec<usize> = c
            .pairs
            .iter()
            .filter(|p| !p.manual)
            .filter_map(unit)
            .collect();
        let manual: std::collections::HashSet<usize> = c
            .pairs
            .iter()
            .filter(|p| p.manual)
            .filter_map(unit)
            .collect();
        assert!(v.iter().all(|u| !manual.contains(u)), "{v:?} {manual:?}");
        let n = v.len();
        v.sort();
        v.dedup();
        assert_eq!(v.len(), n);
    }
}

both_backends! {
fn notes_are_added_edited_listed_and_deleted(backend) {
    let mut t = Lib::new(backend);
    let (gd, fs) = (t.gd, t.fs);
    assert!(t.lib.notes_for(gd, fs).unwrap().is_empty());
    let a = t
        .lib
        .add_note(
            gd,
            fs,
            Some(GD_COORD),
            Some(FS_COORD),
            Some(" 需关注 "),
            "佛山增加了投资促进局",
        )
        .unwrap();
    let b = t
        .lib
        .add_note(
            gd,
            fs,
            Some(GD_KNOWLEDGE),
            Some(FS_KNOWLEDGE),
            Some("核对口径"),
            "粤省心改为12345热线",
        )
        .unwrap();
    let notes = t.lib.notes_for(gd, fs).unwrap();
    assert_eq!(notes.iter().map(|n| n.id).collect::<Vec<_>>(), [a, b]);
    assert_eq!(notes[0].left_path.as_deref(), Some(GD_COORD));
    assert_eq!(notes[0].right_path.as_deref(), Some(FS_COORD));
    assert_eq!(notes[0].tag.as_deref(), Some("需关注"), "tag is trimmed");
    assert_eq!(notes[0].created_at, notes[0].updated_at);
    // Notes belong to the ordered pair: Foshan against Guangdong has none.
    assert!(t.lib.notes_for(fs, gd).unwrap().is_empty());

    // Tags: the defaults first, then the user's.
    let tags = t.lib.tags().unwrap();
    assert_eq!(&tags[..4], DEFAULT_TAGS);
    assert_eq!(tags[4..], ["核对口径".to_string()]);

    t.lib
        .update_note(a, Some("已核实"), "已与佛山市政务服务数据管理局核实")
        .unwrap();
    let edited = t.lib.note(a).unwrap();
    assert_eq!(edited.tag.as_deref(), Some("已核实"));
    assert_eq!(edited.text, "已与佛山市政务服务数据管理局核实");
    assert!(edited.updated_at >= edited.created_at);
    t.lib.update_note(b, Some("  "), "无标签").unwrap();
    assert_eq!(
        t.lib.note(b).unwrap().tag,
        None,
        "a blank tag removes the tag"
    );

    t.lib.delete_note(a).unwrap();
    assert_eq!(
        t.lib
            .notes_for(gd, fs)
            .unwrap()
            .iter()
            .map(|n| n.id)
            .collect::<Vec<_>>(),
        [b]
    );
    assert!(matches!(t.lib.delete_note(a), Err(Error::NoSuchNote(id)) if id == a));
    assert!(matches!(
        t.lib.update_note(a, None, "x"),
        Err(Error::NoSuchNote(_))
    ));

    // Refused: no clause, a clause the document lacks, blank text, unknown document.
    assert!(matches!(
        t.lib.add_note(gd, fs, None, None, None, "无处安放"),
        Err(Error::InvalidNote(_))
    ));
    assert!(matches!(
        t.lib.add_note(gd, fs, Some("二/（二）/9"), None, None, "佛山没有第9项"),
        Err(Error::NoSuchClause { doc, .. }) if doc == gd
    ));
    assert!(matches!(
        t.lib.add_note(gd, fs, Some(GD_COORD), None, None, "  "),
        Err(Error::InvalidNote(_))
    ));
    assert!(matches!(
        t.lib.add_note(gd, 99_999, Some(GD_COORD), None, None, "x"),
        Err(Error::NoSuchDocument(99_999))
    ));
    // A one-sided note (left clause only) is fine.
    t.lib
        .add_note(gd, fs, Some(GD_COORD), None, Some("未落实"), "仅省级")
        .unwrap();
}
}

both_backends! {
fn notes_and_pairings_come_back_when_a_document_is_reimported(backend) {
    let mut t = Lib::new(backend);
    let (gd, fs) = (t.gd, t.fs);
    t.lib
        .add_note(
            gd,
            fs,
            Some(GD_COORD),
            Some(FS_COORD),
            Some("地方创新"),
            "佛山增加了投资促进局",
        )
        .unwrap();
    t.lib
        .forbid_pair(gd, fs, GD_KNOWLEDGE, FS_KNOWLEDGE)
        .unwrap();
    let before = t.lib.notes_for(gd, fs).unwrap();

    t.lib.delete(fs).unwrap();
    assert!(matches!(
        t.lib.notes_for(gd, fs),
        Err(Error::NoSuchDocument(_))
    ));
    let report =
        policydiff::import::import_bundled_corpus(t.lib.as_mut(), seg(), |_, _| {}).unwrap();
    assert_eq!(report.added.len(), 1, "only the deleted document is new");
    let fs2 = report.added[0];
    assert_ne!(fs2, fs);
    assert_eq!(id_of(t.lib.as_ref(), FS), fs2);

    assert_eq!(t.lib.notes_for(gd, fs2).unwrap(), before);
    assert_eq!(
        t.lib.pairing_overrides(gd, fs2).unwrap().forbid,
        [policydiff_model::PathPair::new(GD_KNOWLEDGE, FS_KNOWLEDGE)]
    );
}
}

both_backends! {
fn a_note_appears_under_its_pair_in_html_markdown_and_csv(backend) {
    let mut t = Lib::new(backend);
    let (gd, fs) = (t.gd, t.fs);
    // The aligner pairs the two 协调机制 items (checked by eye: same heading,
    // 省→市 rewritten).
    let c = t.compare();
    let coord = pairs_of(&c, Some(GD_COORD), Some(FS_COORD));
    assert_eq!(coord.len(), 1);
    assert_eq!(paths(coord[0]), (Some(GD_COORD), Some(FS_COORD)));
    assert_eq!(coord[0].kind, PairKind::Modified);
    assert!(!coord[0].manual);

    let text = "佛山把投资促进局纳入协调机制";
    t.lib
        .add_note(
            gd,
            fs,
            Some(GD_COORD),
            Some(FS_COORD),
            Some("地方创新"),
            text,
        )
        .unwrap();

    // CSV: the note and its tag in that pair's row, and in no other row.
    let rows = csv_rows(&t.export(Format::Csv));
    let row = csv_row(&rows, Some(GD_COORD), Some(FS_COORD));
    assert_eq!(row.len(), 1);
    assert_eq!(&row[0][10], text);
    assert_eq!(&row[0][11], "地方创新");
    assert_eq!(rows.iter().filter(|r| r[10].contains(text)).count(), 1);

    // HTML: inside the <tbody> whose heading names the pair.
    let html = t.export(Format::Html);
    let heading = format!("左 {GD_COORD} ↔ 右 {FS_COORD}");
    // (The key points above the pairs name the same clauses.)
    let body = html
        .split("<tbody")
        .skip(1)
        .find(|b| b.contains(&heading))
        .expect("the pair's table body");
    assert!(
        body.contains(&format!("备注：〔地方创新〕{text}")),
        "{body}"
    );
    assert_eq!(html.matches(text).count(), 1);
    assert!(!html.contains("未对应条款的备注"));

    // Markdown: between the pair's heading and the next one.
    let md = t.export(Format::Markdown);
    let section = md
        .split("\n### ")
        .find(|s| s.lines().next().is_some_and(|h| h.contains(&heading)))
        .expect("the pair's section");
    assert!(
        section.contains(&format!("> 备注：〔地方创新〕{text}")),
        "{section}"
    );
    assert_eq!(md.matches(text).count(), 1);
}
}

both_backends! {
fn manual_pairings_change_the_comparison_and_the_export(backend) {
    let mut t = Lib::new(backend);
    let (gd, fs) = (t.gd, t.fs);
    let plain = t.compare();
    let n = plain.pairs.len();

    // 1. Forbid the aligner's pair: both items become one-sided.
    t.lib.forbid_pair(gd, fs, GD_COORD, FS_COORD).unwrap();
    let c = t.compare();
    assert_reading_order(&c);
    let got: Vec<_> = pairs_of(&c, Some(GD_COORD), Some(FS_COORD))
        .into_iter()
        .map(|p| (p.kind, paths(p)))
        .collect();
    assert_eq!(
        got,
        [
            (PairKind::LeftOnly, (Some(GD_COORD), None)),
            (PairKind::RightOnly, (None, Some(FS_COORD))),
        ]
    );
    assert_eq!(c.pairs.len(), n + 1);
    assert_eq!(c.summary.left_only, plain.summary.left_only + 1);
    assert_eq!(c.summary.right_only, plain.summary.right_only + 1);
    assert!(c.summary.left_reused < plain.summary.left_reused);
    // They stay where they were: right after the pair of section （二）'s heading.
    let at = c
        .pairs
        .iter()
        .position(|p| p.left.as_ref().is_some_and(|u| u.path == GD_COORD))
        .unwrap();
    assert_eq!(
        paths(&c.pairs[at - 1]),
        (Some("二/（二）"), Some("二/（二）"))
    );
    assert_eq!(
        paths(&c.pairs[at + 2]),
        (Some(GD_KNOWLEDGE), Some(FS_KNOWLEDGE))
    );
    let rows = csv_rows(&t.export(Format::Csv));
    assert!(csv_row(&rows, Some(GD_COORD), Some(FS_COORD)).is_empty());
    assert_eq!(csv_row(&rows, Some(GD_COORD), None).len(), 1);
    assert_eq!(csv_row(&rows, None, Some(FS_COORD)).len(), 1);
    assert_eq!(&csv_row(&rows, Some(GD_COORD), None)[0][1], "删除（仅左）");

    // 2. Force it back: one pair again, marked manual, same place, same similarity.
    t.lib.force_pair(gd, fs, GD_COORD, FS_COORD).unwrap();
    let o = t.lib.pairing_overrides(gd, fs).unwrap();
    assert!(o.forbid.is_empty(), "forcing replaces the forbid");
    let c = t.compare();
    assert_eq!(c.pairs.len(), n);
    for (a, b) in plain.pairs.iter().zip(&c.pairs) {
        assert_eq!(paths(a), paths(b));
        assert_eq!(a.kind, b.kind);
        assert_eq!(a.similarity, b.similarity);
        assert_eq!(b.manual, paths(b) == (Some(GD_COORD), Some(FS_COORD)));
    }
    let rows = csv_rows(&t.export(Format::Csv));
    assert_eq!(csv_row(&rows, Some(GD_COORD), Some(FS_COORD)).len(), 1);

    // 3. Force a second partner for 协调机制 (GD 4): 知识库 (FS 2). GD 4 keeps
    // its forced pair with FS 1 (a clause may be paired by hand with several
    // clauses); FS 2's former partner (GD 5) is left one-sided; the new pair,
    // one part of a one-to-many correspondence the aligner had no evidence
    // for, is `related` (no rewrite: no key differences) with the strength of
    // its topic match (two items of one plan: weaker than four spreads above
    // an ordinary pair, the midpoint), and `manual: true` in the JSON.
    let kept = t.compare();
    t.lib.force_pair(gd, fs, GD_COORD, FS_KNOWLEDGE).unwrap();
    let o = t.lib.pairing_overrides(gd, fs).unwrap();
    assert_eq!(
        o.force,
        [
            policydiff_model::PathPair::new(GD_COORD, FS_COORD),
            policydiff_model::PathPair::new(GD_COORD, FS_KNOWLEDGE),
        ],
        "forcing GD 4 elsewhere keeps its earlier forced pair"
    );
    let c = t.compare();
    assert_reading_order(&c);
    let got: Vec<_> = pairs_of(&c, Some(GD_COORD), Some(FS_COORD))
        .into_iter()
        .chain(pairs_of(&c, Some(GD_KNOWLEDGE), Some(FS_KNOWLEDGE)))
        .map(|p| (p.kind, paths(p), p.manual))
        .collect();
    let before = pairs_of(&kept, Some(GD_COORD), None)[0];
    assert!(got.contains(&(before.kind, (Some(GD_COORD), Some(FS_COORD)), true)));
    assert!(got.contains(&(
        PairKind::Related,
        (Some(GD_COORD), Some(FS_KNOWLEDGE)),
        true
    )));
    assert!(got.contains(&(PairKind::LeftOnly, (Some(GD_KNOWLEDGE), None), false)));
    assert!(!got.iter().any(|g| g.1 == (None, Some(FS_COORD))));
    let first = |c: &Comparison, l: &str, r: &str| {
        c.pairs
            .iter()
            .find(|p| paths(p) == (Some(l), Some(r)))
            .cloned()
            .unwrap()
    };
    assert_eq!(
        first(&c, GD_COORD, FS_COORD).similarity,
        before.similarity,
        "the first forced pair is as it was"
    );
    let forced = first(&c, GD_COORD, FS_KNOWLEDGE);
    assert!(
        forced.similarity > 0.0 && forced.similarity < 0.5,
        "{}",
        forced.similarity
    );
    assert!(!forced.ops.is_empty());
    assert!(forced.key_diffs.is_empty(), "{:?}", forced.key_diffs);
    assert_eq!(c.pairs.len(), n + 1, "one row more: GD 5 alone");

    let json: serde_json::Value = serde_json::from_str(&t.export(Format::Json)).unwrap();
    let manual: Vec<(&str, &str, &str)> = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["manual"] == true)
        .map(|p| {
            (
                p["left"]["path"].as_str().unwrap(),
                p["right"]["path"].as_str().unwrap(),
                p["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(manual.len(), 2, "{manual:?}");
    assert!(manual.contains(&(GD_COORD, FS_KNOWLEDGE, "related")));
    assert!(manual.iter().any(|m| (m.0, m.1) == (GD_COORD, FS_COORD)));
    // The briefing note says which pairs were made by hand: in each pair's
    // heading, and in the CSV's kind column.
    let md = t.export(Format::Markdown);
    assert_eq!(md.matches("手动配对").count(), 2, "{md}");
    let rows = csv_rows(&t.export(Format::Csv));
    assert_eq!(
        &csv_row(&rows, Some(GD_COORD), Some(FS_KNOWLEDGE))[0][1],
        "主题相关（手动配对）"
    );
    assert_eq!(&csv_row(&rows, Some(GD_KNOWLEDGE), None)[0][1], "删除（仅左）");

    // 4. Clear them: the aligner's result again, one step at a time.
    assert!(t.lib.clear_pairing(gd, fs, GD_COORD, FS_KNOWLEDGE).unwrap());
    assert!(!t.lib.clear_pairing(gd, fs, GD_COORD, FS_KNOWLEDGE).unwrap());
    assert_eq!(t.compare(), kept);
    assert!(t.lib.clear_pairing(gd, fs, GD_COORD, FS_COORD).unwrap());
    assert_eq!(t.compare(), plain);

    // A path the document lacks is refused.
    assert!(matches!(
        t.lib.force_pair(gd, fs, GD_COORD, "二/（二）/9"),
        Err(Error::NoSuchClause { doc, .. }) if doc == fs
    ));
}
}

both_backends! {
fn a_forced_pairing_survives_reopening_the_library(backend) {
    let t = Lib::new(backend);
    let (gd, fs) = (t.gd, t.fs);
    {
        let mut lib = t.place.open().unwrap();
        lib.force_pair(gd, fs, GD_COORD, FS_KNOWLEDGE).unwrap();
    }
    drop(t.lib);
    let lib = t.place.open().unwrap();
    let c = compare_stored(lib.as_ref(), gd, fs);
    let forced: Vec<_> = c.pairs.iter().filter(|p| p.manual).map(paths).collect();
    assert_eq!(forced, [(Some(GD_COORD), Some(FS_KNOWLEDGE))]);
}
}

// ---------------------------------------------------------------------------
// The CLI, end to end.

/// `note list LEFT RIGHT --json`, parsed.
fn note_list(db: &str, left: &str, right: &str) -> serde_json::Value {
    serde_json::from_str(&run(db, &["note", "list", left, right, "--json"])).unwrap()
}

fn run(db: &str, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_policydiff"))
        .args(args)
        .env("POLICYDIFF_DB", db)
        .env_remove("POLICYDIFF_LOG")
        .output()
        .expect("run policydiff");
    assert!(
        out.status.success(),
        "policydiff {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_english_unit_names_of_a_report_name_the_same_clauses_on_the_command_line() {
    let t = Lib::new(Backend::Sqlite);
    let db = t.path();
    let (gd, fs) = (t.gd.to_string(), t.fs.to_string());
    drop(t.lib);
    // An English report shows the signatures' pair as `Signature ↔ Signature` …
    let csv_en = t.dir.path().join("en.csv");
    run(
        &db,
        &[
            "export",
            &gd,
            &fs,
            "-o",
            csv_en.to_str().unwrap(),
            "--lang",
            "en",
        ],
    );
    let text = std::fs::read_to_string(&csv_en).unwrap();
    let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    assert_eq!(&reader.headers().unwrap()[3], "Left path");
    assert!(reader
        .records()
        .map(Result::unwrap)
        .any(|r| &r[3] == "Signature" && &r[6] == "Signature"));
    // … and those names reach the same pair as the stored 落款.
    run(
        &db,
        &[
            "note",
            "add",
            &gd,
            &fs,
            "--left",
            "Signature",
            "--right",
            "Signature",
            "落款单位已改",
        ],
    );
    let list = note_list(&db, &gd, &fs);
    assert_eq!(list[0]["left_path"], "落款");
    assert_eq!(list[0]["right_path"], "落款");
    assert_eq!(
        run(&db, &["similar", &gd, "Title#2", "--limit", "3"]),
        run(&db, &["similar", &gd, "标题#2", "--limit", "3"])
    );
    // A stored path is taken as written.
    assert!(run(&db, &["similar", &gd, "二/（二）/4", "--limit", "1"]).contains("二/（二）"));
}

both_backends! {
fn cli_notes_reach_the_exported_report(backend) {
    let t = Lib::new(backend);
    let db = t.path();
    let (gd, fs) = (t.gd.to_string(), t.fs.to_string());
    drop(t.lib);
    let added = run(
        &db,
        &[
            "note",
            "add",
            &gd,
            &fs,
            "--left",
            GD_COORD,
            "--right",
            FS_COORD,
            "--tag",
            "需关注",
            "佛山未写县级",
        ],
    );
    assert!(added.starts_with("added note "), "{added}");
    let list = note_list(&db, &gd, &fs);
    let id = list[0]["id"].as_i64().unwrap().to_string();
    assert_eq!(list[0]["tag"], "需关注");
    run(
        &db,
        &["note", "edit", &id, "--text", "佛山未写县（市、区）"],
    );
    let list = note_list(&db, &gd, &fs);
    assert_eq!(list[0]["tag"], "需关注", "editing the text keeps the tag");
    assert_eq!(list[0]["text"], "佛山未写县（市、区）");

    let out = t.dir.path().join("out.csv");
    let out_s = out.to_str().unwrap();
    run(&db, &["export", &gd, &fs, "-o", out_s]);
    let rows = csv_rows(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(
        &csv_row(&rows, Some(GD_COORD), Some(FS_COORD))[0][10],
        "佛山未写县（市、区）"
    );
    run(&db, &["export", &gd, &fs, "-o", out_s, "--no-notes"]);
    let rows = csv_rows(&std::fs::read_to_string(&out).unwrap());
    assert!(rows.iter().all(|r| r[10].is_empty()));

    // The PDF briefing note carries the note under its pair (format from the extension).
    let pdf = t.dir.path().join("简报.pdf");
    run(&db, &["export", &gd, &fs, "-o", pdf.to_str().unwrap()]);
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    if let Ok(out) = Command::new("pdftotext").arg(&pdf).arg("-").output() {
        let text: String = String::from_utf8_lossy(&out.stdout)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        assert!(
            text.contains("备注：〔需关注〕佛山未写县（市、区）"),
            "{text:.300}"
        );
    }

    run(&db, &["note", "delete", &id]);
    let list = note_list(&db, &gd, &fs);
    assert_eq!(list, serde_json::json!([]));
}
}

both_backends! {
fn cli_pair_forbids_and_forces(backend) {
    let t = Lib::new(backend);
    let db = t.path();
    let (gd, fs) = (t.gd.to_string(), t.fs.to_string());
    drop(t.lib);
    let csv = |extra: &[&str]| {
        let mut args = vec!["compare", gd.as_str(), fs.as_str(), "-f", "csv"];
        args.extend_from_slice(extra);
        csv_rows(&run(&db, &args))
    };
    run(
        &db,
        &[
            "pair", &gd, &fs, "--left", GD_COORD, "--right", FS_COORD, "--forbid",
        ],
    );
    let rows = csv(&[]);
    assert!(csv_row(&rows, Some(GD_COORD), Some(FS_COORD)).is_empty());
    assert_eq!(csv_row(&rows, Some(GD_COORD), None).len(), 1);
    assert_eq!(csv_row(&rows, None, Some(FS_COORD)).len(), 1);
    // --no-manual-pairs shows the aligner's result.
    assert_eq!(
        csv_row(&csv(&["--no-manual-pairs"]), Some(GD_COORD), Some(FS_COORD)).len(),
        1
    );

    run(
        &db,
        &[
            "pair",
            &gd,
            &fs,
            "--left",
            GD_COORD,
            "--right",
            FS_KNOWLEDGE,
        ],
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&db, &["compare", &gd, &fs, "-f", "json"])).unwrap();
    let manual: Vec<_> = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["manual"] == true)
        .map(|p| (p["left"]["path"].clone(), p["right"]["path"].clone()))
        .collect();
    assert_eq!(manual, [(GD_COORD.into(), FS_KNOWLEDGE.into())]);

    run(
        &db,
        &[
            "pair", &gd, &fs, "--left", GD_COORD, "--right", FS_COORD, "--clear",
        ],
    );
    run(
        &db,
        &[
            "pair",
            &gd,
            &fs,
            "--left",
            GD_COORD,
            "--right",
            FS_KNOWLEDGE,
            "--clear",
        ],
    );
    let rows = csv(&[]);
    assert_eq!(csv_row(&rows, Some(GD_COORD), Some(FS_COORD)).len(), 1);

    // Pairing a clause by hand again says which earlier pairing by hand it
    // joins: the clause keeps both partners.
    let said = run(&db, &["pair", &gd, &fs, "--left", GD_COORD, "--right", FS_KNOWLEDGE]);
    assert!(!said.contains("besides"), "{said}");
    let said = run(&db, &["pair", &gd, &fs, "--left", GD_COORD, "--right", FS_COORD]);
    assert!(
        said.contains(&format!("besides {GD_COORD} ↔ {FS_KNOWLEDGE}")),
        "{said}"
    );
    let rows = csv(&[]);
    assert_eq!(csv_row(&rows, Some(GD_COORD), Some(FS_COORD)).len(), 1);
    assert_eq!(csv_row(&rows, Some(GD_COORD), Some(FS_KNOWLEDGE)).len(), 1);
}
}

// `pair --candidates` lists the clauses of the other document one clause
// could be paired with, likeliest first, each with its relatedness, and
// marks its partner; with both clauses or neither it refuses.
both_backends! {
fn cli_pair_candidates_rank_the_other_documents_clauses(backend) {
    let t = Lib::new(backend);
    let db = t.path();
    let (gd, fs) = (t.gd.to_string(), t.fs.to_string());
    drop(t.lib);
    let said = run(
        &db,
        &[
            "pair",
            &gd,
            &fs,
            "--left",
            GD_COORD,
            "--candidates",
            "--limit",
            "5",
        ],
    );
    let lines: Vec<&str> = said.lines().collect();
    assert!(lines[0].contains("to pair with 二/（二）/4"), "{said}");
    // Five clauses, then how many more there are.
    let listed: Vec<(f64, &str)> = lines[1..6]
        .iter()
        .map(|l| {
            let mut w = l.split_whitespace();
            let pct = w.next().unwrap().trim_end_matches('%').parse().unwrap();
            (pct, w.next().unwrap())
        })
        .collect();
    assert!(
        lines[6].starts_with("… ") && lines[6].ends_with("more (--limit)"),
        "{said}"
    );
    assert!(listed.windows(2).all(|w| w[0].0 >= w[1].0), "{said}");
    // Foshan's 1 of the section is Guangdong's 4 renumbered: first, and marked as its partner.
    assert_eq!(listed[0].1, FS_COORD, "{said}");
    assert!(lines[1].ends_with("[paired with it]"), "{said}");
    assert!(lines[2..6].iter().all(|l| !l.contains("[paired")), "{said}");
    // The same as JSON, for batch work.
    let json: serde_json::Value = serde_json::from_str(&run(
        &db,
        &[
            "pair",
            &gd,
            &fs,
            "--left",
            GD_COORD,
            "--candidates",
            "--limit",
            "3",
            "--json",
        ],
    ))
    .unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(
        (&rows[0]["path"], &rows[0]["paired"]),
        (&FS_COORD.into(), &true.into())
    );
    for (row, (pct, path)) in rows.iter().zip(&listed) {
        assert_eq!(row["path"], *path);
        assert_eq!((row["strength"].as_f64().unwrap() * 100.0).round(), *pct);
        assert!(row["text"].as_str().unwrap().chars().count() > 10);
    }
    // From the right side: Guangdong's clauses.
    let back = run(
        &db,
        &["pair", &gd, &fs, "--right", FS_KNOWLEDGE, "--candidates"],
    );
    assert!(
        back.lines().nth(1).unwrap().contains(GD_KNOWLEDGE),
        "{back}"
    );
    for bad in [
        vec!["pair", &gd, &fs, "--candidates"],
        vec![
            "pair",
            &gd,
            &fs,
            "--left",
            GD_COORD,
            "--right",
            FS_COORD,
            "--candidates",
        ],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_policydiff"))
            .args(&bad)
            .env("POLICYDIFF_DB", &db)
            .output()
            .unwrap();
        assert!(!out.status.success());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("give --left or --right, not both"),
            "{bad:?}"
        );
    }
}
}
