//! Sentence vectors in the application layer (`policydiff::vectors`):
//! computed for what the library is missing, recomputed when the model
//! changes, used by comparisons of stored documents and of files, and a
//! fallback to wording alone when they cannot be had.

use std::sync::Arc;

use policydiff::compare::{self, StoredOptions};
use policydiff::vectors::{self, Model};
use policydiff_embed::{Pooling, StaticEncoder};
use policydiff_model::{Comparison, PairKind};
use policydiff_segment::Segmenter;
use policydiff_store::{SqliteStore, Store};

mod support;

const GD: &str = "广东省进一步强化市场主体诉求响应服务工作方案";
const FS: &str = "佛山市进一步强化市场主体诉求响应服务工作方案";
/// Independently written on one subject (the reference hn-sy-bizenv).
const HN: &str = "海南省 2023 年营商环境制度集成创新重点任务";
const SY: &str = "三亚市创建一流营商环境 2023 年实施方案";

fn seg() -> &'static Segmenter {
    Segmenter::shared()
}

fn model() -> Model {
    Model::bundled().unwrap()
}

/// A library with the corpus documents whose titles contain these words.
fn library(titles: &[&str]) -> (SqliteStore, Vec<i64>) {
    let mut lib = SqliteStore::open_in_memory().unwrap();
    let docs = policydiff::import::prepare(titles.iter().map(|t| support::doc(t)).collect());
    let ids = lib.add(seg(), &docs).unwrap().added;
    (lib, ids)
}

fn with_vectors() -> StoredOptions {
    StoredOptions {
        vectors: Some(model()),
        ..StoredOptions::default()
    }
}

/// Pairs as (kind, left path, right path), to compare comparisons.
fn pairs(c: &Comparison) -> Vec<(PairKind, Option<String>, Option<String>)> {
    c.pairs
        .iter()
        .map(|p| {
            (
                p.kind,
                p.left.as_ref().map(|u| u.path.clone()),
                p.right.as_ref().map(|u| u.path.clone()),
            )
        })
        .collect()
}

#[test]
fn missing_vectors_are_computed_once_with_progress() {
    let (mut lib, ids) = library(&[GD, FS, HN]);
    let m = model();
    let mut calls = Vec::new();
    let filled =
        vectors::fill_missing(&mut lib, &m, |done, total| calls.push((done, total))).unwrap();
    assert_eq!(calls, vec![(0, 3), (1, 3), (2, 3), (3, 3)]);
    assert_eq!(filled.documents, 3);
    let units: usize = ids
        .iter()
        .map(|&id| lib.get(id).unwrap().tree.units().len())
        .sum();
    assert_eq!(filled.units, units);
    for &id in &ids {
        let stored = lib.vectors(id, m.id()).unwrap().unwrap();
        assert_eq!(stored.len(), lib.get(id).unwrap().tree.units().len());
    }
    // Nothing left to do: the second run encodes nothing.
    let again = vectors::fill_missing(&mut lib, &m, |_, _| {}).unwrap();
    assert_eq!(again, vectors::Filled::default());
}

#[test]
fn a_new_model_recomputes_every_document() {
    let (mut lib, ids) = library(&[GD, FS]);
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    let table = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/embed/data/e5-static-zh.bin"),
    )
    .unwrap();
    let other = Model::new(Arc::new(
        StaticEncoder::from_bytes(&table)
            .unwrap()
            .with_pooling(Pooling::Mean),
    ));
    assert_ne!(other.id(), model().id());
    assert_eq!(lib.missing_vectors(other.id(), 10).unwrap(), ids);
    let filled = vectors::fill_missing(&mut lib, &other, |_, _| {}).unwrap();
    assert_eq!(filled.documents, 2);
    assert!(lib.missing_vectors(other.id(), 10).unwrap().is_empty());
    // The old model's vectors were replaced, not kept beside.
    assert_eq!(lib.missing_vectors(model().id(), 10).unwrap(), ids);
}

#[test]
fn stored_vectors_and_vectors_computed_on_the_fly_give_the_same_comparison() {
    let (mut lib, ids) = library(&[HN, SY]);
    // Not computed yet: the comparison computes them.
    let before = compare::compare_stored(&lib, seg(), ids[0], ids[1], &with_vectors()).unwrap();
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    let stored = compare::compare_stored(&lib, seg(), ids[0], ids[1], &with_vectors()).unwrap();
    assert_eq!(pairs(&before), pairs(&stored));
    // Two documents not in the library: the same again.
    let (l, r) = (support::parsed(HN), support::parsed(SY));
    let files = compare::compare_docs(None, seg(), &l, &r, &with_vectors()).unwrap();
    assert_eq!(files.warning, None);
    assert_eq!(pairs(&files.comparison), pairs(&stored));
    // And the vectors change the result of this independently written pair.
    let lexical =
        compare::compare_stored(&lib, seg(), ids[0], ids[1], &Default::default()).unwrap();
    assert_ne!(pairs(&lexical), pairs(&stored));
}

#[test]
fn a_copy_pairs_the_same_with_and_without_vectors() {
    let (mut lib, ids) = library(&[GD, FS]);
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    let with = compare::compare_stored(&lib, seg(), ids[0], ids[1], &with_vectors()).unwrap();
    let without =
        compare::compare_stored(&lib, seg(), ids[0], ids[1], &Default::default()).unwrap();
    assert_eq!(pairs(&with), pairs(&without));
    assert_eq!(with.summary, without.summary);
}

#[test]
fn damaged_stored_vectors_fall_back_to_wording_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    let mut lib = SqliteStore::open(&path).unwrap();
    let docs = policydiff::import::prepare(vec![support::doc(HN), support::doc(SY)]);
    let ids = lib.add(seg(), &docs).unwrap().added;
    vectors::fill_missing(&mut lib, &model(), |_, _| {}).unwrap();
    drop(lib);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE unit_vectors SET scale = -1 WHERE doc_id = ?1 AND idx = (SELECT max(idx) FROM unit_vectors WHERE doc_id = ?1)",
        [ids[1]],
    )
    .unwrap();
    drop(conn);
    let lib = SqliteStore::open(&path).unwrap();
    let pair = compare::load_pair(&lib, ids[0], ids[1], &with_vectors()).unwrap();
    let warning = pair.vectors.warning.clone().expect("a warning");
    assert!(
        warning.contains("wording alone") && warning.contains("damaged"),
        "{warning}"
    );
    let fallback = pair.compare(seg(), Default::default());
    let lexical =
        compare::compare_stored(&lib, seg(), ids[0], ids[1], &Default::default()).unwrap();
    assert_eq!(pairs(&fallback), pairs(&lexical));
}

#[test]
fn a_model_file_that_cannot_be_loaded_is_an_error_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.bin");
    let e = Model::open(&missing).unwrap_err().to_string();
    assert!(e.contains("none.bin"), "{e}");
    let junk = dir.path().join("junk.bin");
    std::fs::write(&junk, b"not a model at all").unwrap();
    let e = Model::open(&junk).unwrap_err().to_string();
    assert!(e.contains("junk.bin"), "{e}");
    // A truncated static table.
    let table = std::fs::read(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/embed/data/e5-static-zh.bin"),
    )
    .unwrap();
    let cut = dir.path().join("cut.bin");
    std::fs::write(&cut, &table[..table.len() / 2]).unwrap();
    let e = Model::open(&cut).unwrap_err().to_string();
    assert!(e.contains("cut.bin"), "{e}");
}
