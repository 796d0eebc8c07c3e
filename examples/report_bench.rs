//! Time every report format on the Guangdong/Foshan pair of the bundled corpus
//! and on its two longest documents.
//!
//! ```text
//! cargo run --release --example report_bench [OUT_DIR]
//! ```
//!
//! Builds the comparison once (documents split from the corpus by the
//! importer, `tests/support`), then for each format: the
//! median of 21 renders into memory, and one `export_to_file` into `OUT_DIR`
//! (default: a temp dir) with the file size. The PDF's first use looks the
//! system's fonts up once per process; that cost is printed on its own line.

use std::io::Cursor;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use policydiff_model::{self, Comparison};
use policydiff_report::{self, Format, ReportOptions};
use policydiff_segment::Segmenter;

#[path = "../tests/support/mod.rs"]
mod support;

fn render(f: Format, c: &Comparison, opts: &ReportOptions) -> usize {
    let mut out = Cursor::new(Vec::new());
    match f {
        Format::Text => policydiff_report::write_text(&mut out, c, &[], opts).unwrap(),
        Format::Json => policydiff_report::write_json(&mut out, c).unwrap(),
        Format::Html => policydiff_report::write_html(&mut out, c, &[], opts).unwrap(),
        Format::Markdown => policydiff_report::write_markdown(&mut out, c, &[], opts).unwrap(),
        Format::Csv => policydiff_report::write_csv(&mut out, c, &[], opts).unwrap(),
        Format::Docx => policydiff_report::write_docx(&mut out, c, &[], opts).unwrap(),
        Format::Pdf => policydiff_report::write_pdf(&mut out, c, &[], opts).unwrap(),
    }
    out.into_inner().len()
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let seg = Segmenter::shared();
    let t = Instant::now();
    let fonts = policydiff_report::PdfFonts::system().expect("a CJK system font");
    println!(
        "PDF fonts found in {:.1} ms: body {:?}, headings {:?}",
        t.elapsed().as_secs_f64() * 1e3,
        fonts.chain_names(false).first(),
        fonts.chain_names(true).first()
    );

    let tmp;
    let dir: PathBuf = match std::env::args().nth(1) {
        Some(d) => d.into(),
        None => {
            tmp = tempfile::tempdir().unwrap();
            tmp.path().to_owned()
        }
    };

    let gd = support::parsed("广东省进一步强化市场主体诉求响应服务工作方案");
    let fs = support::parsed("佛山市进一步强化市场主体诉求");
    let c = policydiff_engine::compare(seg, &gd, &fs, &Default::default());
    println!("\nGD/FS: {} pairs", c.pairs.len());
    table(&c, &dir, "gd-fs", 21);

    let mut by_len: Vec<_> = support::corpus_docs().iter().collect();
    by_len.sort_by_key(|d| std::cmp::Reverse(d.text.chars().count()));
    let (a, b) = (by_len[0].clone(), by_len[1].clone());
    let (na, nb) = (a.text.chars().count(), b.text.chars().count());
    let c = policydiff_engine::compare(
        seg,
        &support::to_compare(a),
        &support::to_compare(b),
        &Default::default(),
    );
    println!(
        "\ntwo longest documents ({na} + {nb} chars): {} pairs",
        c.pairs.len()
    );
    table(&c, &dir, "longest", 5);
}

/// Per format: median render time into memory, one export to a file, its size.
fn table(c: &Comparison, dir: &std::path::Path, stem: &str, runs: usize) {
    let opts = ReportOptions::default();
    println!("format     render (median of {runs:>2})   export_to_file   size");
    for f in Format::ALL {
        let times: Vec<Duration> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                render(f, c, &opts);
                t.elapsed()
            })
            .collect();
        let path = dir.join(format!("{stem}.{}", f.extension()));
        let t = Instant::now();
        policydiff_report::export_to_file(&path, f, c, &[], &opts).unwrap();
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
