//! Test support: the bundled corpus split by the real importer, one document
//! by title (as a [`SourceDoc`] or parsed for comparison), and the reference
//! files of `shared/external`.
//!
//! Included by each integration test with `mod support;` and by the examples
//! with `#[path = "../tests/support/mod.rs"] mod support;`.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use policydiff::compare;
use policydiff::library::{BUNDLED_CORPUS, BUNDLED_CORPUS_NAME};
use policydiff::SourceDoc;

/// The text of the bundled corpus.
pub const CORPUS: &str = BUNDLED_CORPUS;

/// The bundled corpus file on disk.
pub fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/corpus")
        .join(BUNDLED_CORPUS_NAME)
}

/// The corpus split by `policydiff::import::split`, as the library imports it:
/// the untitled leading fragment (`meta.fragment`) first, then the 37 titled
/// documents in corpus order. Split once per test binary.
pub fn corpus_docs() -> &'static [SourceDoc] {
    static DOCS: OnceLock<Vec<SourceDoc>> = OnceLock::new();
    DOCS.get_or_init(|| policydiff::import::split(CORPUS, Some(Path::new(BUNDLED_CORPUS_NAME))))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The one corpus document whose title contains `title` (whitespace ignored
/// on both sides, so `海南省 2023 年…` finds `海南省2023年…`). Panics, listing
/// the titles, unless exactly one document matches.
pub fn doc(title: &str) -> SourceDoc {
    let needle = squash(title);
    let found: Vec<&SourceDoc> = corpus_docs()
        .iter()
        .filter(|d| squash(&d.meta.title).contains(&needle))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "{title}: {} matches among {:#?}",
        found.len(),
        corpus_docs()
            .iter()
            .map(|d| &d.meta.title)
            .collect::<Vec<_>>()
    );
    found[0].clone()
}

/// The corpus document whose title contains `title`, parsed for [`compare::compare`].
pub fn parsed(title: &str) -> compare::Doc {
    to_compare(doc(title))
}

/// A document parsed for [`compare::compare`] (e.g. after editing its text).
pub fn to_compare(d: SourceDoc) -> compare::Doc {
    compare::Doc {
        id: None,
        tree: policydiff::parse::parse(&d.text),
        meta: d.meta,
    }
}

/// The `shared/` reference directory: `$POLICYDIFF_SHARED` when set, else
/// `../shared` beside the repository (where CI puts it).
pub fn shared_dir() -> PathBuf {
    match std::env::var_os("POLICYDIFF_SHARED") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared"),
    }
}

/// A file of `shared/external` (Shanghai regulations, Markdown), verbatim.
/// Panics naming the path when it cannot be read.
pub fn external(name: &str) -> String {
    let p = shared_dir().join("external").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (shared/ must sit beside the repository, or set POLICYDIFF_SHARED)",
            p.display()
        )
    })
}

/// Chinese numeral of 1..=99 as used in article numbers (`十`, `二十一`).
pub fn cn(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}
