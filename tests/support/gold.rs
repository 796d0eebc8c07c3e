//! Reference alignments (`tests/fixtures/gold/*.json`, made as
//! `tests/fixtures/gold/PROTOCOL.md` says) and their scoring.
//!
//! A reference names its two documents either by `seed_line` (the 1-based
//! line of the title in the bundled corpus) or by `file` (a path under
//! `tests/fixtures`), and records gold pairs of *keys*: verbatim snippets,
//! each occurring in exactly one unit of its document. [`Reference::score`]
//! scores a comparison by the reference scorer's rules:
//!
//! - texts and keys are compared with all whitespace removed;
//! - a predicted pair (both sides present) is *scored* when it holds at
//!   least one key on either side, and *correct* when its left text holds
//!   exactly one left key `a`, its right text exactly one right key `b`, and
//!   `(a, b)` is a gold pair not already hit by an earlier predicted pair (a
//!   coarse pair that merges units is never correct; a duplicate is not
//!   credited twice);
//! - precision = correct / scored, recall = gold pairs hit / gold pairs, F1
//!   their harmonic mean;
//! - a `left_only` key is right when no predicted pair has a left text
//!   holding it (`right_only` likewise).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use policydiff_model::{Comparison, Doc, SourceDoc};
use serde::Deserialize;

/// Where a reference's document comes from.
#[derive(Debug, Clone, Deserialize)]
pub struct DocSpec {
    /// Title of the document (a check: the corpus line must hold it).
    pub title: String,
    /// 1-based line of the title in the bundled corpus.
    pub seed_line: Option<usize>,
    /// Path under `tests/fixtures` (a leading `shared/` is dropped).
    pub file: Option<String>,
}

/// One gold pair of keys.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoldPair {
    /// Key of the left unit.
    pub left: String,
    /// Key of the right unit.
    pub right: String,
    /// `same`, `modified` or `partial`.
    pub relation: String,
}

/// A reference alignment of two documents.
#[derive(Debug, Clone, Deserialize)]
pub struct Reference {
    /// Name, e.g. `hn-sy-bizenv`.
    pub id: String,
    /// The left document.
    pub left: DocSpec,
    /// The right document.
    pub right: DocSpec,
    /// Gold pairs.
    pub pairs: Vec<GoldPair>,
    /// Keys of left units without a counterpart.
    #[serde(default)]
    pub left_only: Vec<String>,
    /// Keys of right units without a counterpart.
    #[serde(default)]
    pub right_only: Vec<String>,
}

/// A predicted pair as (left unit text, right unit text), squashed; a missing
/// side is a one-sided unit.
pub type Entry = (Option<String>, Option<String>);

/// Scores of one comparison against one reference.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    /// Correct / scored predicted pairs.
    pub precision: f64,
    /// Gold pairs hit / gold pairs.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
    /// Predicted pairs holding at least one key.
    pub scored: usize,
    /// Correct predicted pairs.
    pub correct: usize,
    /// Gold pairs.
    pub gold: usize,
    /// Gold pairs hit, by relation: relation → (hit, gold).
    pub by_relation: BTreeMap<String, (usize, usize)>,
    /// One-sided keys left unpaired: (right, total), left then right side.
    pub one_sided: [(usize, usize); 2],
    /// Scored predicted pairs that are not correct: (entry index, left keys, right keys).
    pub wrong: Vec<(usize, Vec<String>, Vec<String>)>,
    /// Indices of the correct predicted pairs.
    pub right: Vec<usize>,
    /// Gold pairs not hit.
    pub missed: Vec<GoldPair>,
}

/// The text with every whitespace character (and zero-width space/joiners, BOM) removed.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200b}'..='\u{200d}' | '\u{feff}'))
        .collect()
}

fn ordered_unique<'a>(keys: impl Iterator<Item = &'a String>) -> Vec<&'a str> {
    let mut seen = HashSet::new();
    keys.filter(|k| seen.insert(k.as_str()))
        .map(String::as_str)
        .collect()
}

/// Every reference in `tests/fixtures/gold`, by file name.
pub fn references() -> Vec<Reference> {
    readings_in(&super::fixtures_dir().join("gold"))
}

/// The second readings (`tests/fixtures/gold/second-reading/*.json`): the
/// same document pairs aligned again by another reader, blind (without the
/// reference or the engine's pairs), under the same protocol. Scored against
/// the references they measure how far two careful readers agree.
pub fn second_readings() -> Vec<Reference> {
    readings_in(&super::fixtures_dir().join("gold").join("second-reading"))
}

/// The alignments (`*.json`) of one folder, by file name.
fn readings_in(dir: &Path) -> Vec<Reference> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files.iter().map(|p| Reference::load(p)).collect()
}

/// The corpus document whose title line is line `line` (1-based) of the corpus.
pub fn corpus_doc_at_line(line: usize, title: &str) -> SourceDoc {
    let at = super::CORPUS
        .lines()
        .nth(line - 1)
        .unwrap_or_else(|| panic!("the corpus has no line {line}"))
        .trim();
    assert!(
        squash(at).contains(&squash(title)),
        "line {line} of the corpus is {at:?}, not the title {title:?}"
    );
    let found: Vec<&SourceDoc> = super::corpus_docs()
        .iter()
        .filter(|d| d.original.trim_start().starts_with(at))
        .collect();
    assert_eq!(found.len(), 1, "documents starting with line {line}: {at}");
    found[0].clone()
}

impl Reference {
    /// Read one reference file.
    pub fn load(path: &Path) -> Reference {
        let text =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The reference named `id`.
    pub fn named(id: &str) -> Reference {
        Reference::load(
            &super::fixtures_dir()
                .join("gold")
                .join(format!("{id}.json")),
        )
    }

    /// Whether the two documents are independently written (most gold
    /// pairs `partial`), not one text and its copy or later version.
    pub fn independent(&self) -> bool {
        let partial = self
            .pairs
            .iter()
            .filter(|p| p.relation == "partial")
            .count();
        2 * partial > self.pairs.len()
    }

    fn doc(spec: &DocSpec) -> Doc {
        match (spec.seed_line, &spec.file) {
            (Some(line), _) => super::to_compare(corpus_doc_at_line(line, &spec.title)),
            (None, Some(file)) => {
                let rel = file.strip_prefix("shared/").unwrap_or(file);
                let path = super::fixtures_dir().join(rel);
                let text = std::fs::read_to_string(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                let mut docs = policydiff_import::split(&text, Some(&path));
                if docs.len() > 1 {
                    docs.retain(|d| !d.meta.fragment);
                }
                assert_eq!(docs.len(), 1, "{}: one document expected", path.display());
                super::to_compare(docs.pop().expect("one document"))
            }
            (None, None) => panic!("{}: neither seed_line nor file", spec.title),
        }
    }

    /// The two documents, parsed for comparison, as the CLI reads them.
    pub fn docs(&self) -> (Doc, Doc) {
        (Reference::doc(&self.left), Reference::doc(&self.right))
    }

    /// Score a comparison's pairs (the full texts of their units).
    pub fn score(&self, c: &Comparison) -> Score {
        let entries: Vec<Entry> = c
            .pairs
            .iter()
            .map(|p| {
                let side = |u: &Option<policydiff_model::UnitView>| {
                    u.as_ref()
                        .map(|u| squash(&u.text))
                        .filter(|t| !t.is_empty())
                };
                (side(&p.left), side(&p.right))
            })
            .collect();
        self.score_texts(&entries)
    }

    /// This reading as predicted pairs of unit texts (squashed): each gold
    /// pair as the two units holding its keys, each one-sided key as its unit
    /// alone; another reading of the same documents is scored with
    /// [`Reference::score_texts`] on these. Err lists every key that is not
    /// in exactly one unit of its document (`a` left, `b` right).
    pub fn as_entries(&self, a: &Doc, b: &Doc) -> Result<Vec<Entry>, Vec<String>> {
        let texts = |d: &Doc| -> Vec<String> {
            d.tree
                .units()
                .into_iter()
                .map(|(_, t)| squash(&t))
                .collect()
        };
        let (lt, rt) = (texts(a), texts(b));
        let mut problems = Vec::new();
        // unit text -> the key that named it, per side: no unit holds two keys.
        let mut named: [HashMap<String, String>; 2] = Default::default();
        let mut unit = |units: &[String], key: &str, side: usize| -> Option<String> {
            let k = squash(key);
            let hits: Vec<&String> = units.iter().filter(|t| t.contains(&k)).collect();
            let name = ["left", "right"][side];
            if hits.len() != 1 {
                problems.push(format!(
                    "{}: {name} key {key:?} is in {} units",
                    self.id,
                    hits.len()
                ));
                return None;
            }
            let first = named[side]
                .entry(hits[0].clone())
                .or_insert_with(|| key.to_owned());
            if first != key {
                problems.push(format!(
                    "{}: {name} keys {first:?} and {key:?} name one unit",
                    self.id
                ));
            }
            Some(hits[0].clone())
        };
        let mut entries = Vec::new();
        for p in &self.pairs {
            entries.push((unit(&lt, &p.left, 0), unit(&rt, &p.right, 1)));
        }
        for k in &self.left_only {
            entries.push((unit(&lt, k, 0), None));
        }
        for k in &self.right_only {
            entries.push((None, unit(&rt, k, 1)));
        }
        if problems.is_empty() {
            Ok(entries)
        } else {
            Err(problems)
        }
    }

    /// Score predicted pairs given as (left text, right text), texts already squashed.
    pub fn score_texts(&self, entries: &[Entry]) -> Score {
        let lkeys = ordered_unique(
            self.pairs
                .iter()
                .map(|p| &p.left)
                .chain(self.left_only.iter()),
        );
        let rkeys = ordered_unique(
            self.pairs
                .iter()
                .map(|p| &p.right)
                .chain(self.right_only.iter()),
        );
        let keys_in = |text: &Option<String>, keys: &[&str]| -> Vec<String> {
            match text {
                Some(t) => keys
                    .iter()
                    .filter(|k| t.contains(&squash(k)))
                    .map(|k| k.to_string())
                    .collect(),
                None => Vec::new(),
            }
        };
        let e_l: Vec<Vec<String>> = entries.iter().map(|(l, _)| keys_in(l, &lkeys)).collect();
        let e_r: Vec<Vec<String>> = entries.iter().map(|(_, r)| keys_in(r, &rkeys)).collect();
        let gold: HashSet<(&str, &str)> = self
            .pairs
            .iter()
            .map(|p| (p.left.as_str(), p.right.as_str()))
            .collect();
        let mut hit: HashSet<(String, String)> = HashSet::new();
        let mut s = Score {
            gold: self.pairs.len(),
            ..Score::default()
        };
        for (i, (l, r)) in entries.iter().enumerate() {
            if l.is_none() || r.is_none() || (e_l[i].is_empty() && e_r[i].is_empty()) {
                continue;
            }
            s.scored += 1;
            let ok = e_l[i].len() == 1
                && e_r[i].len() == 1
                && gold.contains(&(e_l[i][0].as_str(), e_r[i][0].as_str()))
                && hit.insert((e_l[i][0].clone(), e_r[i][0].clone()));
            if ok {
                s.correct += 1;
                s.right.push(i);
            } else {
                s.wrong.push((i, e_l[i].clone(), e_r[i].clone()));
            }
        }
        for p in &self.pairs {
            let e = s.by_relation.entry(p.relation.clone()).or_default();
            e.1 += 1;
            if hit.contains(&(p.left.clone(), p.right.clone())) {
                e.0 += 1;
            } else {
                s.missed.push(p.clone());
            }
        }
        let one_sided =
            |keys: &[String], mine: &[Vec<String>], other_side: &dyn Fn(usize) -> bool| {
                let ok = keys
                    .iter()
                    .filter(|k| !(0..entries.len()).any(|i| other_side(i) && mine[i].contains(k)))
                    .count();
                (ok, keys.len())
            };
        s.one_sided = [
            one_sided(&self.left_only, &e_l, &|i| entries[i].1.is_some()),
            one_sided(&self.right_only, &e_r, &|i| entries[i].0.is_some()),
        ];
        s.precision = if s.scored > 0 {
            s.correct as f64 / s.scored as f64
        } else {
            0.0
        };
        s.recall = if s.gold > 0 {
            hit.len() as f64 / s.gold as f64
        } else {
            0.0
        };
        s.f1 = if s.precision + s.recall > 0.0 {
            2.0 * s.precision * s.recall / (s.precision + s.recall)
        } else {
            0.0
        };
        s
    }
}
