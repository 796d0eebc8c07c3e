//! Speed and memory figures for the core (`cargo bench --bench engine`).
//!
//! Prints a table; asserts nothing. Targets (release build, 2 cores):
//! corpus import < 1 s, search < 20 ms, Guangdong vs Foshan compare < 5 ms,
//! the two longest documents < 50 ms, the whole corpus against a copy with
//! every tenth paragraph edited < 1 s and < 300 MB; compare time per unit
//! flat from 1,000 to 16,000 units (no quadratic step).

use std::time::{Duration, Instant};

use policydiff::corpus::TEXT as BUNDLED_CORPUS;
use policydiff::import::prepare;
use policydiff_engine::compare;
use policydiff_import as import;
use policydiff_model::SourceDoc;
use policydiff_model::{CompareOptions, Doc};
use policydiff_parse as parse;
use policydiff_segment::Segmenter;
use policydiff_store::{SqliteStore as Library, Store};

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
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Peak resident memory of this process so far (Linux), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn doc_of(d: &SourceDoc) -> Doc {
    Doc {
        id: None,
        meta: d.meta.clone(),
        tree: parse::parse(&d.text),
    }
}

/// A whole text as one document, without splitting it into a compilation's documents.
fn from_text(text: &str) -> Doc {
    Doc {
        id: None,
        meta: Default::default(),
        tree: parse::parse(&policydiff_import::clean::clean(text)),
    }
}

/// Edit every tenth non-empty paragraph: replace a few characters in the middle.
fn edit_every_tenth(text: &str) -> String {
    let mut n = 0;
    text.lines()
        .map(|l| {
            if l.trim().is_empty() {
                return l.to_string();
            }
            n += 1;
            if n % 10 == 0 && l.chars().count() > 20 {
                let chars: Vec<char> = l.chars().collect();
                let mid = chars.len() / 2;
                let mut s: String = chars[..mid].iter().collect();
                s.push_str("（调整后表述）");
                s.extend(&chars[mid + 3..]);
                s
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `n` numbered items (the corpus's longer paragraphs, repeated as needed) in
/// sections of 100, and a copy with every tenth item cut to half and reworded.
fn item_list(n: usize) -> (String, String) {
    let paragraphs: Vec<&str> = BUNDLED_CORPUS
        .lines()
        .map(str::trim)
        .filter(|l| l.chars().count() > 30 && !l.starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    let (mut a, mut b) = (
        String::from("某市工作方案\n"),
        String::from("某市工作方案\n"),
    );
    for k in 0..n {
        if k % 100 == 0 {
            let h = format!("第{}部分 重点任务\n", k / 100 + 1);
            a.push_str(&h);
            b.push_str(&h);
        }
        let t = paragraphs[k % paragraphs.len()];
        a.push_str(&format!("{}. {t}\n", k % 100 + 1));
        if k % 10 == 5 {
            let half: String = t.chars().take(t.chars().count() / 2).collect();
            b.push_str(&format!("{}. {half}（另行规定）\n", k % 100 + 1));
        } else {
            b.push_str(&format!("{}. {t}\n", k % 100 + 1));
        }
    }
    (a, b)
}

fn main() {
    println!("PolicyDiff engine benchmarks (median of runs)");
    let t = Instant::now();
    let seg = Segmenter::new();
    println!(
        "{:<58} {}",
        "segmenter load (jieba + policy dictionary)",
        ms(t.elapsed())
    );

    let docs = import::split(BUNDLED_CORPUS, None);
    let split = median(5, || {
        std::hint::black_box(import::split(BUNDLED_CORPUS, None));
    });
    println!(
        "{:<58} {} ({} documents)",
        "split + clean corpus",
        ms(split),
        docs.len()
    );

    let import_time = median(5, || {
        let mut lib = Library::open_in_memory().expect("library");
        let prepared = prepare(import::split(BUNDLED_CORPUS, None));
        lib.add(&seg, &prepared).expect("import");
    });
    println!(
        "{:<58} {}",
        "import whole corpus (split, parse, segment, index)",
        ms(import_time)
    );

    let mut lib = Library::open_in_memory().expect("library");
    lib.add(&seg, &prepare(docs.clone())).expect("import");
    for q in ["诉求响应", "营商环境", "采购", "一网通办"] {
        let mut n = 0;
        let d = median(21, || n = lib.search(&seg, q, 20).expect("search").len());
        println!("{:<58} {} ({n} hits)", format!("search {q}"), ms(d));
    }

    let find = |number: &str| -> &SourceDoc {
        docs.iter()
            .find(|d| d.meta.doc_number.as_deref() == Some(number))
            .unwrap_or_else(|| panic!("no document {number}"))
    };
    let gd = find("粤办函〔2023〕41号");
    let fs = find("佛府办函〔2023〕75号");
    let opts = CompareOptions::default();
    let d = median(21, || {
        let (a, b) = (doc_of(gd), doc_of(fs));
        std::hint::black_box(compare(&seg, &a, &b, &opts));
    });
    println!("{:<58} {}", "Guangdong vs Foshan: parse + compare", ms(d));

    let mut by_len: Vec<&SourceDoc> = docs.iter().collect();
    by_len.sort_by_key(|d| std::cmp::Reverse(d.text.chars().count()));
    let (a, b) = (by_len[0], by_len[1]);
    let d = median(11, || {
        let (x, y) = (doc_of(a), doc_of(b));
        std::hint::black_box(compare(&seg, &x, &y, &opts));
    });
    println!(
        "{:<58} {}",
        format!(
            "two longest documents ({} + {} chars)",
            a.text.chars().count(),
            b.text.chars().count()
        ),
        ms(d)
    );

    // Scaling: k documents concatenated against the same with every tenth paragraph edited.
    println!("\nscaling (k documents of the corpus vs an edited copy):");
    println!("{:>4} {:>10} {:>12}", "k", "chars", "compare");
    for k in [1usize, 4, 16] {
        let text: String = docs
            .iter()
            .filter(|d| !d.meta.fragment)
            .take(k)
            .map(|d| d.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        let edited = edit_every_tenth(&text);
        let (x, y) = (from_text(&text), from_text(&edited));
        let d = median(5, || {
            std::hint::black_box(compare(&seg, &x, &y, &opts));
        });
        println!("{k:>4} {:>10} {:>12}", text.chars().count(), ms(d));
    }

    let edited = edit_every_tenth(BUNDLED_CORPUS);
    let t = Instant::now();
    let (x, y) = (from_text(BUNDLED_CORPUS), from_text(&edited));
    let result = compare(&seg, &x, &y, &opts);
    let d = t.elapsed();
    println!(
        "\n{:<58} {} ({} pairs, peak RSS {:.0} MB)",
        "whole corpus vs copy with every 10th paragraph edited",
        ms(d),
        result.pairs.len(),
        peak_rss_mb().unwrap_or(f64::NAN)
    );

    // Scaling in units: a generated list of n numbered items (corpus
    // paragraphs, in sections of 100) against a copy with every tenth item
    // rewritten. Time per unit should stay flat: no step is quadratic.
    println!("\nscaling (n items in sections of 100 vs a copy with every 10th item rewritten):");
    println!(
        "{:>6} {:>10} {:>12} {:>14} {:>10}",
        "n", "units", "compare", "per 1000 units", "peak RSS"
    );
    for n in [500usize, 1000, 2000, 4000, 8000] {
        let (a, b) = item_list(n);
        let (x, y) = (from_text(&a), from_text(&b));
        let units = x.tree.units().len() + y.tree.units().len();
        let d = median(3, || {
            std::hint::black_box(compare(&seg, &x, &y, &opts));
        });
        println!(
            "{n:>6} {units:>10} {:>12} {:>14} {:>7.0} MB",
            ms(d),
            ms(d.mul_f64(1000.0 / units as f64)),
            peak_rss_mb().unwrap_or(f64::NAN)
        );
    }
}
