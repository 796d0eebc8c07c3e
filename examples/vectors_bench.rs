//! Figures of the sentence vectors in the library (not a test): the built-in
//! model's load time; computing and storing the vectors of the whole corpus
//! (total and per clause); how much the library file grows (per document and
//! per 1,000 documents of the corpus's size); and comparison time of two
//! stored documents by wording alone, with stored vectors, and of two files
//! whose vectors are computed on the fly. Run with
//! `cargo run --release --example vectors_bench`.

use std::time::{Duration, Instant};

use policydiff::compare::{self, StoredOptions};
use policydiff::vectors::{self, Model};
use policydiff_segment::Segmenter;
use policydiff_store::{SqliteStore, Store};

#[path = "../tests/support/mod.rs"]
mod support;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The library file's size with its write-ahead log checkpointed.
fn size(path: &std::path::Path) -> u64 {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")
        .unwrap();
    std::fs::metadata(path).unwrap().len()
}

fn main() {
    let seg = Segmenter::new();
    let t = Instant::now();
    let model = Model::bundled().expect("built-in model");
    println!("model {} loaded in {:.1} ms", model.id(), ms(t.elapsed()));

    let docs = policydiff::import::prepare(support::corpus_docs().to_vec());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    let mut lib = SqliteStore::open(&path).unwrap();
    let ids = lib.add(&seg, &docs).unwrap().added;
    drop(lib);
    let before = size(&path);
    let mut lib = SqliteStore::open(&path).unwrap();

    let t = Instant::now();
    let filled = vectors::fill_missing(&mut lib, &model, |_, _| {}).unwrap();
    let took = t.elapsed();
    println!(
        "vectors of the corpus ({} documents, {} units): {:.0} ms, {:.1} µs per unit (encode + store)",
        filled.documents,
        filled.units,
        ms(took),
        took.as_secs_f64() * 1e6 / filled.units as f64
    );
    let trees: Vec<_> = docs.iter().map(|(_, t)| t.clone()).collect();
    let t = Instant::now();
    for tree in &trees {
        std::hint::black_box(model.unit_vectors(tree));
    }
    let enc = t.elapsed();
    println!(
        "  of which encoding: {:.0} ms, {:.1} µs per unit",
        ms(enc),
        enc.as_secs_f64() * 1e6 / filled.units as f64
    );
    drop(lib);
    let after = size(&path);
    let per_doc = (after - before) as f64 / ids.len() as f64;
    println!(
        "library: {:.2} MB without vectors, {:.2} MB with (+{:.1} %): {:.1} KB per document, \
         {:.0} bytes per unit, {:.1} MB per 1,000 documents",
        before as f64 / 1e6,
        after as f64 / 1e6,
        (after - before) as f64 * 100.0 / before as f64,
        per_doc / 1e3,
        (after - before) as f64 / filled.units as f64,
        per_doc * 1000.0 / 1e6
    );

    let lib = SqliteStore::open(&path).unwrap();
    let id = |title: &str| {
        let rows = lib.list(&Default::default()).unwrap();
        rows.iter()
            .find(|r| r.meta.title.replace(' ', "").contains(title))
            .unwrap_or_else(|| panic!("{title}"))
            .id
    };
    let pairs = [
        (
            "Guangdong/Foshan",
            id("广东省进一步强化市场主体诉求响应服务工作方案"),
            id("佛山市进一步强化市场主体诉求响应服务工作方案"),
        ),
        (
            "Hainan/Sanya",
            id("海南省2023年营商环境制度集成创新重点任务"),
            id("三亚市创建一流营商环境2023年实施方案"),
        ),
    ];
    let lexical = StoredOptions::default();
    let semantic = StoredOptions {
        vectors: Some(model.clone()),
        ..StoredOptions::default()
    };
    for (name, l, r) in pairs {
        let time = |opts: &StoredOptions| {
            median(
                (0..9)
                    .map(|_| {
                        let t = Instant::now();
                        std::hint::black_box(
                            compare::compare_stored(&lib, &seg, l, r, opts).unwrap(),
                        );
                        t.elapsed()
                    })
                    .collect(),
            )
        };
        let (a, b) = (
            compare::load_stored(&lib, l).unwrap(),
            compare::load_stored(&lib, r).unwrap(),
        );
        let files = |d: &policydiff::Doc| policydiff::Doc {
            id: None,
            ..d.clone()
        };
        let (fa, fb) = (files(&a), files(&b));
        let on_the_fly = median(
            (0..9)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(
                        compare::compare_docs(None, &seg, &fa, &fb, &semantic).unwrap(),
                    );
                    t.elapsed()
                })
                .collect(),
        );
        println!(
            "{name} ({} + {} units): stored, by wording {:.1} ms, with stored vectors {:.1} ms; \
             not stored, vectors computed {:.1} ms",
            a.tree.units().len(),
            b.tree.units().len(),
            ms(time(&lexical)),
            ms(time(&semantic)),
            ms(on_the_fly)
        );
    }
}
