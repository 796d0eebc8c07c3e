//! Speed of the coverage matrix (`cargo bench --bench matrix`).
//!
//! Prints figures; asserts nothing. Target (release build, 2 cores):
//! Guangdong's plan (粤办函〔2023〕41号) against all 37 other corpus documents
//! ≤ 1 s in-process and ≤ 3 s as a whole `policydiff matrix` process
//! (library opened, documents loaded, compared, JSON written); also with
//! the built-in sentence vectors (stored in the library first), as the app
//! and the CLI compute it by default.

use std::process::Command;
use std::time::{Duration, Instant};

use policydiff::compare::StoredOptions;
use policydiff::matrix;
use policydiff::model::{MatrixFormat, ReportLang, RowOrder};
use policydiff::vectors::{self, Model};
use policydiff::{library, Segmenter};

fn median<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    println!("PolicyDiff coverage matrix benchmarks (median of runs)");
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("library.sqlite3");
    let seg = Segmenter::new();
    let store = library::open(&db, &seg).expect("library").store;
    let rows = store.list(&Default::default()).expect("list");
    let gd = rows
        .iter()
        .find(|r| r.meta.doc_number.as_deref() == Some("粤办函〔2023〕41号"))
        .expect("Guangdong's plan")
        .id;
    let others: Vec<i64> = rows.iter().map(|r| r.id).filter(|&id| id != gd).collect();
    let opts = StoredOptions::default();

    let mut m = None;
    let d = median(5, || {
        m = Some(matrix::matrix_stored(store.as_ref(), &seg, gd, &others, &opts).unwrap())
    });
    let mut m = m.expect("a matrix");
    println!(
        "{:<62} {} ({} rows × {} documents, {} threads)",
        "Guangdong vs all others: load + compare + assemble",
        ms(d),
        m.rows.len(),
        m.documents.len(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    let loaded = matrix::load_matrix(store.as_ref(), gd, &others, &opts).unwrap();
    let d = median(5, || {
        let _ = loaded.compute(&seg, opts.diff);
    });
    println!(
        "{:<62} {}",
        "  of which compare + assemble (documents loaded)",
        ms(d)
    );
    matrix::sort_rows(&mut m, RowOrder::Adoption);

    // With the built-in sentence vectors, stored in the library beforehand
    // (as the app and the CLI store them at import).
    let model = Model::bundled().expect("the built-in vector table");
    let mut store = store;
    let t = Instant::now();
    vectors::fill_missing(store.as_mut(), &model, |_, _| {}).expect("vectors stored");
    println!(
        "{:<62} {}",
        "vectors of all documents computed and stored (once)",
        ms(t.elapsed())
    );
    let fused = StoredOptions {
        vectors: Some(model),
        ..StoredOptions::default()
    };
    let d = median(5, || {
        let _ = matrix::matrix_stored(store.as_ref(), &seg, gd, &others, &fused).unwrap();
    });
    println!(
        "{:<62} {}",
        "with sentence vectors: load + compare + assemble",
        ms(d)
    );
    let loaded = matrix::load_matrix(store.as_ref(), gd, &others, &fused).unwrap();
    let d = median(5, || {
        let _ = loaded.compute(&seg, fused.diff);
    });
    println!(
        "{:<62} {}",
        "  of which compare + assemble (documents and vectors loaded)",
        ms(d)
    );

    for format in [
        MatrixFormat::Json,
        MatrixFormat::Text,
        MatrixFormat::Csv,
        MatrixFormat::Html,
        MatrixFormat::Xlsx,
        MatrixFormat::Docx,
        MatrixFormat::Pdf,
    ] {
        let path = dir.path().join(format!("m.{}", format.extension()));
        let d = median(3, || {
            matrix::export(&path, format, &m, ReportLang::Zh, None).unwrap()
        });
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        println!(
            "{:<62} {} ({} KB)",
            format!("  export {}", format.extension()),
            ms(d),
            size / 1024
        );
    }

    let gd_arg = gd.to_string();
    let d = median(3, || {
        let out = Command::new(env!("CARGO_BIN_EXE_policydiff"))
            .args(["matrix", &gd_arg, "--all", "--format", "json"])
            .env("POLICYDIFF_DB", &db)
            .output()
            .expect("run policydiff");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    });
    println!(
        "{:<62} {}",
        "whole process: policydiff matrix GD --all --format json",
        ms(d)
    );
}
