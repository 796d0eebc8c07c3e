//! Time every report format on the Guangdong/Foshan pair of the bundled corpus.
//!
//! ```text
//! cargo run --release --example report_bench [OUT_DIR]
//! ```
//!
//! Builds the comparison once (documents split from the corpus by the
//! importer, `tests/support`), then for each format: the
//! median of 21 renders into memory, and one `export_to_file` into `OUT_DIR`
//! (default: a temp dir) with the file size.

use std::io::Cursor;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use policydiff::compare::{self, Comparison};
use policydiff::report::{self, Format, ReportOptions};
use policydiff::Segmenter;

#[path = "../tests/support/mod.rs"]
mod support;

fn render(f: Format, c: &Comparison, opts: &ReportOptions) -> usize {
    let mut out = Cursor::new(Vec::new());
    match f {
        Format::Text => report::write_text(&mut out, c, &[], opts).unwrap(),
        Format::Json => report::write_json(&mut out, c).unwrap(),
        Format::Html => report::write_html(&mut out, c, &[], opts).unwrap(),
        Format::Markdown => report::write_markdown(&mut out, c, &[], opts).unwrap(),
        Format::Csv => report::write_csv(&mut out, c, &[], opts).unwrap(),
        Format::Docx => report::write_docx(&mut out, c, &[], opts).unwrap(),
    }
    out.into_inner().len()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let seg = Segmenter::shared();
    let gd = support::parsed("广东省进一步强化市场主体诉求响应服务工作方案");
    let fs = support::parsed("佛山市进一步强化市场主体诉求");
    let c = compare::compare(seg, &gd, &fs, &Default::default());
    println!("GD/FS: {} pairs", c.pairs.len());

    let tmp;
    let dir: PathBuf = match std::env::args().nth(1) {
        Some(d) => d.into(),
        None => {
            tmp = tempfile::tempdir().unwrap();
            tmp.path().to_owned()
        }
    };
    let opts = ReportOptions::default();
    println!("format     render (median of 21)   export_to_file   size");
    for f in Format::ALL {
        let times: Vec<Duration> = (0..21)
            .map(|_| {
                let t = Instant::now();
                render(f, &c, &opts);
                t.elapsed()
            })
            .collect();
        let path = dir.join(format!("gd-fs.{}", f.extension()));
        let t = Instant::now();
        report::export_to_file(&path, f, &c, &[], &opts).unwrap();
        let export = t.elapsed();
        let size = std::fs::metadata(&path).unwrap().len();
        println!(
            "{:<10} {:>10.2} ms {:>18.2} ms {:>8} B",
            f.extension(),
            median(times).as_secs_f64() * 1e3,
            export.as_secs_f64() * 1e3,
            size
        );
    }
}
