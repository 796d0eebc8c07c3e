//! Test support: the bundled corpus split by the real importer, one document
//! by title (as a [`SourceDoc`] or parsed for comparison), the reference
//! Shanghai regulations of `tests/fixtures/external`, and the reference
//! alignments of `tests/fixtures/gold` with their scorer ([`gold`]).
//!
//! Included by each integration test with `mod support;` and by the examples
//! with `#[path = "../tests/support/mod.rs"] mod support;`.
#![allow(dead_code)]

pub mod gold;
pub mod pg;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use policydiff::corpus::{FILE_NAME as BUNDLED_CORPUS_NAME, TEXT as BUNDLED_CORPUS};
use policydiff_model as compare;
use policydiff_model::SourceDoc;

/// The text of the bundled corpus.
pub const CORPUS: &str = BUNDLED_CORPUS;

/// The bundled corpus file on disk.
pub fn corpus_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/corpus")
        .join(BUNDLED_CORPUS_NAME)
}

/// The corpus split by `policydiff_import::split`, as the library imports it:
/// the untitled leading fragment (`meta.fragment`) first, then the 37 titled
/// documents in corpus order. Split once per test binary.
pub fn corpus_docs() -> &'static [SourceDoc] {
    static DOCS: OnceLock<Vec<SourceDoc>> = OnceLock::new();
    DOCS.get_or_init(|| policydiff_import::split(CORPUS, Some(Path::new(BUNDLED_CORPUS_NAME))))
}

/// How many documents a first run imports: the corpus's titled ones.
pub fn corpus_titled() -> usize {
    corpus_docs().iter().filter(|d| !d.meta.fragment).count()
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
        tree: policydiff_parse::parse(&d.text),
        meta: d.meta,
    }
}

/// The units of `d` a reader counts as its items (its clause indices), told
/// apart here by their look, independently of the engine's rule: not the
/// title, cover letter or signature, and not a bare heading — a numbered
/// line with no sentence after its title (二、重点任务, （一）加强用户侧服务，
/// 提升平台使用体验。) over numbered items. (The documents tested this way
/// have no commentary annex.)
pub fn item_units(d: &compare::Doc) -> std::collections::BTreeSet<usize> {
    use compare::ClauseKind;
    d.tree
        .units()
        .into_iter()
        .filter(|(i, text)| {
            let c = &d.tree.clauses[*i];
            let role = matches!(
                c.kind,
                ClauseKind::Title | ClauseKind::Cover | ClauseKind::Signature
            );
            let bare = !c.label.is_empty()
                && !c.children.is_empty()
                && !text.trim().contains('\n')
                && !text.trim_end().trim_end_matches('。').contains('。');
            !role && !bare
        })
        .map(|(i, _)| i)
        .collect()
}

/// The test fixtures: `tests/fixtures/` in the repository.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A Shanghai regulation of `tests/fixtures/external` (Markdown, verbatim;
/// sources in that folder's README).
pub fn external(name: &str) -> String {
    let p = fixtures_dir().join("external").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
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

/// Whether the external program `tool` (run with `version_flag`) is
/// installed, for tests that read an export back with a real reader
/// (LibreOffice, poppler). When it is missing the test is skipped with a
/// note, except under CI (`$CI` set), where the README's test command
/// installs every such program: there a missing program fails the test
/// loudly instead of letting it pass without checking anything.
pub fn tool_available(tool: &str, version_flag: &str) -> bool {
    let ok = std::process::Command::new(tool)
        .arg(version_flag)
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
            panic!(
                "{tool} is not installed, and CI is set: this test reads its output with {tool} \
                 (scripts/test.sh installs it: libreoffice-writer-nogui, poppler-utils)"
            );
        }
        eprintln!(
            "note: {tool} is not installed; this check is skipped (set CI=1 to fail instead)"
        );
    }
    ok
}

/// The ids of a library's documents, in id order.
pub fn doc_ids(lib: &dyn policydiff_store::Store) -> Vec<i64> {
    lib.list(&policydiff_model::ListFilter::default())
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect()
}

/// Every text a comparison quotes from its documents: titles and metadata,
/// clause paths, labels, headings and texts, word operations, and the
/// values its key differences and key points quote. What an English report
/// may still say in Chinese.
pub fn comparison_texts(c: &compare::Comparison) -> Vec<String> {
    let mut out = Vec::new();
    for d in [&c.left, &c.right] {
        out.extend(meta_texts(&d.meta));
    }
    for p in &c.pairs {
        for u in [&p.left, &p.right].into_iter().flatten() {
            out.extend([u.path.clone(), u.label.clone(), u.text.clone()]);
            out.extend(u.heading.clone());
        }
        out.extend(p.ops.iter().map(|o| o.text.clone()));
        for k in &p.key_diffs {
            out.extend(key_diff_texts(k));
        }
    }
    for k in c.key_points.iter().chain(&c.hidden_key_points) {
        out.extend(k.left_path.clone());
        out.extend(k.right_path.clone());
        out.extend(part_texts(&k.parts));
    }
    out
}

/// The document texts of a coverage matrix, as [`comparison_texts`].
pub fn matrix_texts(m: &compare::Matrix) -> Vec<String> {
    let mut out = meta_texts(&m.base.meta);
    for d in &m.documents {
        out.extend(meta_texts(&d.info.meta));
        out.push(d.name.clone());
    }
    for r in &m.rows {
        let u = &r.unit;
        out.extend([u.path.clone(), u.label.clone(), u.text.clone()]);
        out.extend(u.heading.clone());
        for c in &r.cells {
            out.extend(c.paths.iter().cloned());
            for k in &c.key_diffs {
                out.extend(key_diff_texts(k));
            }
        }
    }
    for a in &m.additions {
        for u in &a.units {
            out.extend([u.path.clone(), u.label.clone(), u.text.clone()]);
        }
    }
    out
}

fn meta_texts(m: &compare::DocMeta) -> Vec<String> {
    let mut out = vec![m.title.clone()];
    for o in [
        &m.issuer,
        &m.date,
        &m.doc_number,
        &m.province,
        &m.city,
        &m.source_url,
        &m.source_file,
    ] {
        out.extend(o.clone());
    }
    out.extend(m.warnings.iter().cloned());
    out
}

/// The values a key difference quotes (not its Chinese sentence, `detail`).
fn key_diff_texts(k: &compare::KeyDiff) -> Vec<String> {
    let mut out = vec![k.left.clone(), k.right.clone()];
    for s in &k.substitutions {
        out.extend([s.left.clone(), s.right.clone()]);
    }
    out.extend(part_texts(&k.parts));
    out
}

fn part_texts(parts: &[compare::KeyPart]) -> Vec<String> {
    parts
        .iter()
        .flat_map(|p| [p.left.clone(), p.right.clone(), p.context.clone()])
        .collect()
}

/// The runs of Han characters in `s`: the Chinese words of a report, cut
/// wherever anything else (a space, punctuation, a line break, markup) is.
pub fn han_runs(s: &str) -> Vec<&str> {
    let is_han = |c: char| {
        matches!(c as u32,
            0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F)
    };
    let mut runs = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (is_han(c), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                runs.push(&s[b..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(b) = start {
        runs.push(&s[b..]);
    }
    runs
}

/// The Han runs of `report` that no document text holds: the report's own
/// Chinese words. Empty for an English report.
pub fn own_han_words<'r>(report: &'r str, texts: &[String]) -> Vec<&'r str> {
    let mut out: Vec<&str> = han_runs(report)
        .into_iter()
        .filter(|run| !texts.iter().any(|t| t.contains(run)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Check a report in both languages (`what` names it in failures): the
/// Chinese one has Chinese words of its own (so the check can see them),
/// the English one none, while it still quotes at least `quoted` runs of
/// the documents' Chinese.
pub fn assert_only_documents_in_chinese(
    what: &str,
    zh: &str,
    en: &str,
    texts: &[String],
    quoted: usize,
) {
    assert!(
        !own_han_words(zh, texts).is_empty(),
        "{what}: the Chinese report has words of its own"
    );
    assert_eq!(
        own_han_words(en, texts),
        Vec::<&str>::new(),
        "{what}: Chinese words of the report's own"
    );
    assert!(han_runs(en).len() > quoted, "{what}: the documents' text");
}
