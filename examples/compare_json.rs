//! Dev harness: compare two files and print the comparison as JSON.
//!
//! `cargo run --release --example compare_json -- LEFT RIGHT` reads each file
//! (first document of each), parses it, runs [`policydiff_engine::compare`]
//! and prints `serde_json::to_string(&comparison)`. Used with
//! `shared/tools/score-alignment` through a small wrapper script.

use std::path::Path;

use policydiff_import as import;
use policydiff_model as compare;
use policydiff_parse as parse;
use policydiff_segment::Segmenter;

fn load(path: &str) -> Result<compare::Doc, Box<dyn std::error::Error>> {
    let p = Path::new(path);
    let doc = match import::read_path(p) {
        Ok(mut docs) if !docs.is_empty() => docs.swap_remove(0),
        _ => import::from_text(&std::fs::read_to_string(p)?, Some(p)),
    };
    Ok(compare::Doc {
        id: None,
        tree: parse::parse(&doc.text),
        meta: doc.meta,
    })
}

/// Time the alignment alone (units as `compare` builds them).
fn time_align(l: &compare::Doc, r: &compare::Doc) -> std::time::Duration {
    let (lu, ru) = (l.tree.units(), r.tree.units());
    let la: Vec<policydiff_engine::align::Unit<'_>> = lu
        .iter()
        .map(|(i, t)| {
            let c = &l.tree.clauses[*i];
            policydiff_engine::align::Unit::new(c.kind, &c.label, c.depth, t)
        })
        .collect();
    let ra: Vec<policydiff_engine::align::Unit<'_>> = ru
        .iter()
        .map(|(i, t)| {
            let c = &r.tree.clauses[*i];
            policydiff_engine::align::Unit::new(c.kind, &c.label, c.depth, t)
        })
        .collect();
    let t = std::time::Instant::now();
    std::hint::black_box(policydiff_engine::align::align(
        Segmenter::shared(),
        &la,
        &ra,
    ));
    t.elapsed()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [left, right] = args.as_slice() else {
        return Err("usage: compare_json LEFT RIGHT".into());
    };
    let (l, r) = (load(left)?, load(right)?);
    eprintln!("align only: {:?}", time_align(&l, &r));
    let seg = Segmenter::new();
    let t = std::time::Instant::now();
    let result = policydiff_engine::compare(&seg, &l, &r, &Default::default());
    eprintln!("compare: {:?}", t.elapsed());
    println!("{}", serde_json::to_string(&result)?);
    Ok(())
}
