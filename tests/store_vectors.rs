//! Sentence vectors in the SQLite library (`Store::put_vectors`, `vectors`,
//! `missing_vectors`) on real corpus documents with the static-table
//! encoder's vectors.

use policydiff_embed::{quantize_i8, Encoder, StaticEncoder};
use policydiff_store::{Error, SqliteStore, Store, UnitVector};
use support::pg::{Backend, Lib};

mod support;

fn encoder() -> StaticEncoder {
    StaticEncoder::open(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/embed/data/e5-static-zh.bin"),
    )
    .unwrap()
}

/// The stored form of a document's unit vectors, as the application makes them.
fn unit_vectors(enc: &dyn Encoder, tree: &policydiff_model::ClauseTree) -> Vec<UnitVector> {
    let units = tree.units();
    let texts: Vec<&str> = units.iter().map(|(_, t)| t.as_str()).collect();
    let e = enc.encode(&texts);
    units
        .iter()
        .zip(e.rows())
        .map(|((clause, _), v)| {
            let q = quantize_i8(v);
            UnitVector {
                clause: *clause,
                scale: q.scale,
                values: q.q,
            }
        })
        .collect()
}

/// A library with the corpus documents whose titles contain these words.
fn library(
    backend: Backend,
    titles: &[&str],
) -> (Lib, Vec<i64>, Vec<policydiff_model::ClauseTree>) {
    let mut lib = backend.library();
    let docs = policydiff::import::prepare(titles.iter().map(|t| support::doc(t)).collect());
    let trees = docs.iter().map(|(_, t)| t.clone()).collect();
    let ids = lib
        .add(policydiff_segment::Segmenter::shared(), &docs)
        .unwrap()
        .added;
    (lib, ids, trees)
}

const GD: &str = "广东省进一步强化市场主体诉求响应服务工作方案";
const FS: &str = "佛山市进一步强化市场主体诉求响应服务工作方案";

both_backends! {
fn stored_vectors_come_back_as_stored_and_documents_leave_the_missing_list(backend) {
    let enc = encoder();
    let (mut lib, ids, trees) = library(backend, &[GD, FS]);
    let model = enc.model_id();
    assert_eq!(lib.missing_vectors(model, 10).unwrap(), ids);
    assert_eq!(lib.vectors(ids[0], model).unwrap(), None);

    let gd = unit_vectors(&enc, &trees[0]);
    assert!(gd.len() > 20, "{} units", gd.len());
    lib.put_vectors(ids[0], model, &gd).unwrap();
    assert_eq!(lib.vectors(ids[0], model).unwrap().as_ref(), Some(&gd));
    assert_eq!(lib.missing_vectors(model, 10).unwrap(), vec![ids[1]]);
    assert_eq!(lib.missing_vectors(model, 0).unwrap(), Vec::<i64>::new());
    // Another model's vectors are not these: the document is missing for it.
    assert_eq!(lib.vectors(ids[0], "other-model").unwrap(), None);
    assert_eq!(lib.missing_vectors("other-model", 10).unwrap(), ids);
}
}

both_backends! {
fn vectors_of_a_new_model_replace_the_old_ones(backend) {
    let enc = encoder();
    let (mut lib, ids, trees) = library(backend, &[GD]);
    let v = unit_vectors(&enc, &trees[0]);
    lib.put_vectors(ids[0], enc.model_id(), &v).unwrap();
    let newer: Vec<UnitVector> = v[..3].to_vec();
    lib.put_vectors(ids[0], "model-2", &newer).unwrap();
    assert_eq!(lib.vectors(ids[0], enc.model_id()).unwrap(), None);
    assert_eq!(lib.vectors(ids[0], "model-2").unwrap(), Some(newer));
    assert_eq!(lib.missing_vectors(enc.model_id(), 10).unwrap(), ids);
}
}

both_backends! {
fn a_document_without_units_is_done_once_its_empty_set_is_stored(backend) {
    let (mut lib, ids, _) = library(backend, &[GD]);
    lib.put_vectors(ids[0], "m", &[]).unwrap();
    assert_eq!(lib.vectors(ids[0], "m").unwrap(), Some(Vec::new()));
    assert!(lib.missing_vectors("m", 10).unwrap().is_empty());
}
}

both_backends! {
fn bad_vector_sets_are_refused_and_change_nothing(backend) {
    let enc = encoder();
    let (mut lib, ids, trees) = library(backend, &[GD]);
    let mut v = unit_vectors(&enc, &trees[0]);
    lib.put_vectors(ids[0], enc.model_id(), &v).unwrap();
    let before = lib.vectors(ids[0], enc.model_id()).unwrap();
    v[5].values.pop();
    let err = lib.put_vectors(ids[0], "m", &v).unwrap_err();
    assert!(err.to_string().contains("differ in length"), "{err}");
    assert_eq!(lib.vectors(ids[0], enc.model_id()).unwrap(), before);
    match lib.put_vectors(ids[0] + 100, "m", &[]) {
        Err(Error::NoSuchDocument(id)) => assert_eq!(id, ids[0] + 100),
        other => panic!("expected NoSuchDocument, got {other:?}"),
    }
}
}

#[test]
fn damaged_stored_vectors_are_reported_as_damaged() {
    let enc = encoder();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    let mut lib = SqliteStore::open(&path).unwrap();
    let docs = policydiff::import::prepare(vec![support::doc(GD)]);
    let id = lib
        .add(policydiff_segment::Segmenter::shared(), &docs)
        .unwrap()
        .added[0];
    lib.put_vectors(id, enc.model_id(), &unit_vectors(&enc, &docs[0].1))
        .unwrap();
    drop(lib);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute(
        "UPDATE unit_vectors SET vals = x'0102' WHERE idx = (SELECT min(idx) FROM unit_vectors)",
        [],
    )
    .unwrap();
    drop(conn);
    let lib = SqliteStore::open(&path).unwrap();
    match lib.vectors(id, enc.model_id()) {
        Err(Error::CorruptVectors { doc, reason }) => {
            assert_eq!(doc, id);
            assert!(reason.contains("2 values"), "{reason}");
        }
        other => panic!("expected CorruptVectors, got {other:?}"),
    }
}

#[test]
fn deleting_a_document_deletes_its_vectors() {
    let enc = encoder();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    let mut lib = SqliteStore::open(&path).unwrap();
    let docs = policydiff::import::prepare(vec![support::doc(GD), support::doc(FS)]);
    let ids = lib
        .add(policydiff_segment::Segmenter::shared(), &docs)
        .unwrap()
        .added;
    for (id, (_, tree)) in ids.iter().zip(&docs) {
        lib.put_vectors(*id, enc.model_id(), &unit_vectors(&enc, tree))
            .unwrap();
    }
    lib.delete(ids[0]).unwrap();
    drop(lib);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT count(*) FROM unit_vectors WHERE doc_id = ?1",
            [ids[0]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    let kept: i64 = conn
        .query_row(
            "SELECT count(*) FROM unit_vectors WHERE doc_id = ?1",
            [ids[1]],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(kept as usize, docs[1].1.units().len());
}

#[test]
fn a_read_only_library_refuses_vectors_but_reads_them() {
    let enc = encoder();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    let mut lib = SqliteStore::open(&path).unwrap();
    let docs = policydiff::import::prepare(vec![support::doc(GD)]);
    let id = lib
        .add(policydiff_segment::Segmenter::shared(), &docs)
        .unwrap()
        .added[0];
    let v = unit_vectors(&enc, &docs[0].1);
    lib.put_vectors(id, enc.model_id(), &v).unwrap();
    drop(lib);
    let mut ro = SqliteStore::open_read_only(&path).unwrap();
    assert!(matches!(
        ro.put_vectors(id, "m", &[]),
        Err(Error::ReadOnly(_))
    ));
    assert_eq!(ro.vectors(id, enc.model_id()).unwrap(), Some(v));
}
