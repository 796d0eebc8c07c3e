//! Rough timings of the library on the bundled corpus (not a test):
//! import of every document into an empty library (in memory and on disk),
//! searches, and the relations between documents: `related` on Foshan's
//! plan and `similar` from Guangdong's 二/（二）/4 (p50/p95 of 21 runs).
//! Run with `cargo run --release --example store_bench`.

use std::time::{Duration, Instant};

use policydiff::import::prepare;
use policydiff_segment::Segmenter;
use policydiff_store::{SqliteStore as Library, Store};

#[path = "../tests/support/mod.rs"]
mod support;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> policydiff_store::Result<()> {
    let t = Instant::now();
    let seg = Segmenter::new();
    println!("segmenter load: {:?}", t.elapsed());
    // The corpus as the importer splits it (37 documents and the leading fragment).
    let docs = prepare(support::corpus_docs().to_vec());
    let clauses: usize = docs.iter().map(|(_, t)| t.clauses.len()).sum();
    println!("{} documents, {clauses} clauses", docs.len());

    let runs = 7;
    let mut mem = Vec::new();
    let mut disk = Vec::new();
    for i in 0..runs {
        let mut lib = Library::open_in_memory()?;
        let t = Instant::now();
        lib.add(&seg, &docs)?;
        mem.push(t.elapsed());

        let dir = tempfile::tempdir().expect("temp dir");
        let mut lib = Library::open(&dir.path().join(format!("bench{i}.sqlite3")))?;
        let t = Instant::now();
        lib.add(&seg, &docs)?;
        disk.push(t.elapsed());
    }
    println!("import, in memory: median {:?} of {runs}", median(mem));
    println!("import, file (WAL): median {:?} of {runs}", median(disk));

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("library.sqlite3");
    let mut lib = Library::open(&path)?;
    lib.add(&seg, &docs)?;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(path.with_extension("sqlite3-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!("library file + WAL: {} KB", size / 1024);
    for q in [
        "诉求响应",
        "营商环境",
        "企业诉求",
        "专班",
        "政府采购",
        "法",
        "府采",
    ] {
        for limit in [20, 200] {
            let mut times = Vec::new();
            let mut n = 0;
            for _ in 0..21 {
                let t = Instant::now();
                n = lib.search(&seg, q, limit)?.len();
                times.push(t.elapsed());
            }
            println!(
                "search {q} (limit {limit}): {n} hits, median {:?}",
                median(times)
            );
        }
    }
    // The relations (document ids as the corpus is imported: 5 is
    // Guangdong's plan, 20 Foshan's).
    let p = |mut v: Vec<Duration>| {
        v.sort();
        (v[v.len() / 2], v[(v.len() - 1) * 95 / 100])
    };
    let (mut related, mut similar) = (Vec::new(), Vec::new());
    for _ in 0..21 {
        let t = Instant::now();
        policydiff::related::related(&lib, &seg, 20, 10).expect("related");
        related.push(t.elapsed());
        let t = Instant::now();
        policydiff::similar::similar(&lib, &seg, 5, "二/（二）/4", 10).expect("similar");
        similar.push(t.elapsed());
    }
    let (r50, r95) = p(related);
    let (s50, s95) = p(similar);
    println!("related 20 (limit 10): p50 {r50:?} p95 {r95:?}");
    println!("similar 5 二/（二）/4 (limit 10): p50 {s50:?} p95 {s95:?}");
    Ok(())
}
