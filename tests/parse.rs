//! Clause trees of real documents: the corpus and the Shanghai regulations.

mod common;

use policydiff::parse::{outline, parse};

#[test]
#[ignore]
fn dump() {
    for t in common::corpus_titles() {
        let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
        let t: String = t.chars().take(25).collect();
        let tree = parse(&common::corpus_doc(&t));
        println!("=================== {t}\n{}", outline(&tree));
    }
}
