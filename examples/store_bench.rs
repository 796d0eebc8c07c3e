//! Rough timings of the library on the bundled corpus (not a test):
//! import of every document into an empty library (in memory and on disk),
//! and searches. Run with `cargo run --release --example store_bench`.

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
    Ok(())
}
