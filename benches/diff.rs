//! Timing of the word diff and key differences (`cargo bench --bench diff`).
//!
//! Guangdong's complaint-response plan against Foshan's (each Guangdong
//! paragraph with its most similar Foshan paragraph, about 30 pairs), and a
//! 20,000-character text against an edited copy and against unrelated text.
//! Prints the median of several runs; no assertions.

use std::time::{Duration, Instant};

use policydiff_engine::diff::{key_diffs, word_diff};
use policydiff_model::DiffOptions;
use policydiff_model::OpTag;
use policydiff_segment::Segmenter;

fn median(mut f: impl FnMut(), runs: usize) -> Duration {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed()
        })
        .collect();
    t.sort();
    t[runs / 2]
}

fn main() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/corpus/south-china-2023-business-environment.txt"
    ))
    .expect("corpus");
    let lines: Vec<&str> = text.lines().collect();
    let para = |r: std::ops::Range<usize>| -> Vec<&str> {
        lines[r]
            .iter()
            .copied()
            .filter(|l| !l.trim().is_empty())
            .collect()
    };
    let (gd, fs) = (para(204..263), para(1978..2035));
    let seg = Segmenter::shared();
    let opts = DiffOptions::default();
    let equal = |l: &str, r: &str| -> usize {
        word_diff(seg, l, r, opts)
            .iter()
            .filter(|o| o.tag == OpTag::Equal)
            .map(|o| o.text.chars().count())
            .sum()
    };
    let pairs: Vec<(&str, &str)> = gd
        .iter()
        .map(|l| (*l, *fs.iter().max_by_key(|r| equal(l, r)).unwrap()))
        .collect();
    let t = median(
        || {
            for (l, r) in &pairs {
                std::hint::black_box(word_diff(seg, l, r, opts));
                std::hint::black_box(key_diffs(l, r));
            }
        },
        21,
    );
    println!(
        "GD vs FS, {} pairs, word diff + key diffs: {t:?}",
        pairs.len()
    );
    let t = median(
        || {
            for (l, r) in &pairs {
                std::hint::black_box(key_diffs(l, r));
            }
        },
        21,
    );
    println!("  of which key diffs: {t:?}");

    let mut long = String::new();
    for l in &lines[204..] {
        long.push_str(l);
        if long.chars().count() > 20_000 {
            break;
        }
    }
    let edited = long
        .replacen("市场主体", "经营主体", 7)
        .replace("省政务服务数据管理局", "市政务服务数据管理局")
        .replacen("。", "。新增一句话。", 3);
    let mut other = String::new();
    for l in &lines[2888..] {
        other.push_str(l);
        if other.chars().count() > 20_000 {
            break;
        }
    }
    let t = median(
        || {
            std::hint::black_box(word_diff(seg, &long, &edited, opts));
        },
        5,
    );
    println!("20,000 chars vs edited copy, word diff: {t:?}");
    let t = median(
        || {
            std::hint::black_box(key_diffs(&long, &edited));
        },
        5,
    );
    println!("20,000 chars vs edited copy, key diffs: {t:?}");
    let t = median(
        || {
            std::hint::black_box(word_diff(seg, &long, &other, opts));
        },
        3,
    );
    println!("20,000 chars vs unrelated 20,000 chars, word diff: {t:?}");
    let t = median(
        || {
            std::hint::black_box(key_diffs(&long, &other));
        },
        3,
    );
    println!("20,000 chars vs unrelated 20,000 chars, key diffs: {t:?}");
}
