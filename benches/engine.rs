//! Speed and memory figures for the core (`cargo bench --bench engine`).
//!
//! Prints a table; asserts nothing. Targets (release build, 2 cores):
//! corpus import < 1 s, search < 20 ms, Guangdong vs Foshan compare < 5 ms,
//! the two longest documents < 50 ms, the whole corpus against a copy with
//! every tenth paragraph edited < 1 s and < 300 MB; compare time per unit
//! flat from 1,000 to 16,000 units (no quadratic step). Then hostile input:
//! how long import takes to refuse (or read) files built to be slow — a web
//! page nested 100,000 deep, 15 million one-character lines, a DOCX of 3
//! million paragraphs — and a compare of 20,000 items worded alike (targets:
//! each refusal well under a second, the compare under 5 s).

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

    // Ranking the other document's clauses for one clause (与…配对, `pair --candidates`):
    // Hainan's tasks against Sanya's plan (95 units), by wording, the documents parsed once.
    let titled = |t: &str| {
        let d = docs
            .iter()
            .find(|d| d.meta.title.replace(' ', "").contains(t));
        doc_of(d.unwrap_or_else(|| panic!("no document {t}")))
    };
    let hn = titled("海南省2023年营商环境制度集成创新重点任务");
    let sy = titled("三亚市创建一流营商环境2023年实施方案");
    let d = median(21, || {
        std::hint::black_box(policydiff_engine::counterpart_strengths(
            &seg,
            &hn,
            &sy,
            None,
            true,
            "二/（二）/8",
        ));
    });
    println!(
        "{:<58} {}",
        "Hainan vs Sanya: one clause's counterpart strengths",
        ms(d)
    );

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

    hostile(&seg, &opts);
}

/// Time `f` once and print `what` with its outcome.
fn timed<T>(what: &str, f: impl FnOnce() -> T, outcome: impl FnOnce(&T) -> String) {
    let t = Instant::now();
    let r = f();
    let d = t.elapsed();
    println!("{what:<58} {} ({})", ms(d), outcome(&r));
}

/// Import's limits and the aligner's bounded probes on input built to be slow.
fn hostile(seg: &Segmenter, opts: &CompareOptions) {
    println!("\nhostile input (one run each):");
    let dir = tempfile::tempdir().expect("temp dir");
    let read = |name: &str, bytes: &[u8]| {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        move || import::read_path(&path)
    };
    let said = |r: &import::Result<Vec<SourceDoc>>| match r {
        Ok(docs) => format!("read, {} documents", docs.len()),
        Err(e) => {
            let e = e.to_string();
            // The message after "cannot use <path>: ".
            let why = e.split_once(": ").map_or(e.as_str(), |(_, why)| why);
            let short: String = why.chars().take(48).collect();
            format!("refused: {short}…")
        }
    };
    let n = 100_000;
    let page = format!(
        "<html><body>{}<p>第一条 为了规范管理，制定本办法。</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    );
    timed(
        "web page nested 100,000 <div>s deep",
        read("deep.html", page.as_bytes()),
        said,
    );
    let lines = format!("关于测试的通知\n{}", "加\n".repeat(15_000_000));
    timed(
        "text of 15 million one-character lines",
        read("lines.txt", lines.as_bytes()),
        said,
    );
    drop(lines);
    timed(
        "DOCX of 3 million paragraphs",
        read("many.docx", &docx_of_paragraphs(3_000_000)),
        said,
    );
    let (a, b) = alike_items(20_000);
    let (x, y) = (from_text(&a), from_text(&b));
    timed(
        "compare 20,000 items worded alike (every 10th edited)",
        || compare(seg, &x, &y, opts),
        |c| format!("{} pairs", c.pairs.len()),
    );
}

/// A DOCX whose body is `n` short paragraphs.
fn docx_of_paragraphs(n: usize) -> Vec<u8> {
    use std::io::Write;
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    body.push_str("<w:p><w:r><w:t>关于测试的通知</w:t></w:r></w:p>");
    for _ in 0..n {
        body.push_str("<w:p><w:r><w:t>加</w:t></w:r></w:p>");
    }
    body.push_str("</w:body></w:document>");
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", deflated).expect("zip");
    zip.write_all(body.as_bytes()).expect("zip");
    zip.finish().expect("zip").into_inner()
}

/// `n` numbered items that all say nearly the same thing (one template, a
/// district name and a number changed), and a copy with every tenth edited.
fn alike_items(n: usize) -> (String, String) {
    let (mut a, mut b) = (
        String::from("某市工作方案\n"),
        String::from("某市工作方案\n"),
    );
    let places = [
        "东城", "西城", "南山", "北湖", "中山", "新会", "开平", "台山",
    ];
    for k in 0..n {
        let item = format!(
            "{}. {}区要进一步加强政务服务工作，推进政务服务标准化、规范化、便利化，第{k}项任务于年底前完成。\n",
            k + 1,
            places[k % places.len()]
        );
        a.push_str(&item);
        if k % 10 == 9 {
            b.push_str(&item.replace("年底前", "明年六月底前"));
        } else {
            b.push_str(&item);
        }
    }
    (a, b)
}
