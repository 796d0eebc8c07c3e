//! Candidates for "similar clauses": the clauses that share the most rare
//! words with a text, found in the search index (`clause_search`), never by
//! reading every clause. The caller re-ranks them (the engine's similarity).
//!
//! How: the text's words (jieba, two characters or more, not numbers) are
//! ordered by how common they are in jieba's dictionary (unknown words
//! first: names, terms of art) and the first [`PROBE_WORDS`] are looked up
//! one by one, each in at most [`POSTINGS`] clauses. A word found in fewer
//! clauses weighs more (`ln(1 + clauses / found)`; a word whose lookup
//! fills [`POSTINGS`] is common in this library and weighs little). A
//! clause's score is the sum of the weights of the words it holds; the
//! best-scored are returned. Time is bounded by `PROBE_WORDS × POSTINGS`
//! index entries plus one row read per clause returned, whatever the
//! library's size. The steps are the same on every backend ([`clauses_like`]
//! over a [`SimilarIndex`]). Not the place to start: see
//! [`super::Store::clauses_like`].

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection};

use crate::error::Result;
use policydiff_model::{HitKind, SearchHit};
use policydiff_segment::Segmenter;

/// Words of the text looked up, at most.
pub(crate) const PROBE_WORDS: usize = 12;

/// Clauses read per word looked up, at most.
pub(crate) const POSTINGS: usize = 2_000;

/// Clauses read per word looked up: [`POSTINGS`], or
/// `$POLICYDIFF_SIMILAR_POSTINGS` (for the tests: a library as small as the
/// corpus has no word in [`POSTINGS`] clauses, so a small limit is how a
/// test makes every backend cut common words' lists, alike).
fn postings_limit() -> usize {
    std::env::var("POLICYDIFF_SIMILAR_POSTINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(POSTINGS)
}

/// An FTS5 string literal (the text in double quotes, inner quotes doubled).
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The words of `text` worth looking up, rarest (by jieba's dictionary) first.
fn probe_words(seg: &Segmenter, text: &str) -> Vec<String> {
    let mut seen = HashSet::new();
    let mut words: Vec<(usize, String)> = seg
        .words(text)
        .into_iter()
        .filter(|w| w.chars().count() >= 2 && !w.chars().all(|c| c.is_ascii_digit() || c == '.'))
        .filter(|w| seen.insert(w.to_string()))
        .map(|w| (seg.frequency(w).unwrap_or(0), w.to_string()))
        .collect();
    // Rarest first; among equals, longer words first (more specific).
    words.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then(b.1.chars().count().cmp(&a.1.chars().count()))
            .then(a.1.cmp(&b.1))
    });
    words
        .into_iter()
        .take(PROBE_WORDS)
        .map(|(_, w)| w)
        .collect()
}

/// What a backend's search index answers for [`clauses_like`]: the steps
/// above that touch the library, so every backend finds the same
/// candidates with the same scores (the SQLite store's: FTS5; the team
/// library's: a `tsvector` GIN index).
pub trait SimilarIndex {
    /// The ids of document `doc`'s clauses.
    fn clause_ids(&self, doc: i64) -> Result<HashSet<i64>>;
    /// The largest clause id (the library's clause count, without a scan).
    fn max_clause_id(&self) -> Result<i64>;
    /// The first `limit` clauses (ascending id) whose words (not the parts
    /// of words) hold `word` as a phrase of index tokens.
    fn postings(&self, word: &str, limit: usize) -> Result<Vec<i64>>;
    /// Clause `id` as a hit: `rank`, `kind` and `matches` are the caller's.
    fn hit(&self, id: i64) -> Result<SearchHit>;
    /// Clauses `ids` as hits, in that order (one [`Self::hit`] each unless
    /// the backend reads them at once: a server, one round trip).
    fn hits(&self, ids: &[i64]) -> Result<Vec<SearchHit>> {
        ids.iter().map(|&id| self.hit(id)).collect()
    }
}

/// The clauses sharing the most rare words with `text`, best first, at most
/// `limit`, none of document `exclude`. `SearchHit::rank` is the score (the
/// sum of the shared words' weights), `kind` is [`HitKind::AllWords`],
/// `matches` is empty.
pub fn clauses_like(
    index: &impl SimilarIndex,
    seg: &Segmenter,
    text: &str,
    exclude: Option<i64>,
    limit: usize,
) -> Result<Vec<SearchHit>> {
    let words = probe_words(seg, text);
    if words.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let excluded: HashSet<i64> = match exclude {
        Some(doc) => index.clause_ids(doc)?,
        None => HashSet::new(),
    };
    let total = index.max_clause_id()?.max(1) as f64;
    let mut scores: HashMap<i64, f64> = HashMap::new();
    let per_word = postings_limit();
    for w in &words {
        let ids = index.postings(w, per_word)?;
        if ids.is_empty() {
            continue;
        }
        let weight = (1.0 + total / ids.len() as f64).ln();
        for id in ids {
            if !excluded.contains(&id) {
                *scores.entry(id).or_default() += weight;
            }
        }
    }
    let mut ranked: Vec<(i64, f64)> = scores.into_iter().collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked.truncate(limit);
    let ids: Vec<i64> = ranked.iter().map(|&(id, _)| id).collect();
    let mut out = index.hits(&ids)?;
    for (hit, (_, score)) in out.iter_mut().zip(ranked) {
        hit.matches.clear();
        hit.rank = score;
        hit.kind = HitKind::AllWords;
    }
    Ok(out)
}

/// The SQLite store's [`SimilarIndex`]: the FTS5 table `clause_search`
/// (its `words` column) and the `clauses` table.
pub(crate) struct FtsSimilar<'c>(pub(crate) &'c Connection);

impl SimilarIndex for FtsSimilar<'_> {
    fn clause_ids(&self, doc: i64) -> Result<HashSet<i64>> {
        Ok(self
            .0
            .prepare_cached("SELECT id FROM clauses WHERE doc_id = ?1")?
            .query_map([doc], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn max_clause_id(&self) -> Result<i64> {
        // From the rowid (no scan).
        Ok(self
            .0
            .query_row("SELECT coalesce(max(id), 0) FROM clauses", [], |r| r.get(0))?)
    }

    fn postings(&self, word: &str, limit: usize) -> Result<Vec<i64>> {
        // FTS5 returns a full-text query's rows by ascending rowid.
        Ok(self
            .0
            .prepare_cached(
                "SELECT rowid FROM clause_search WHERE clause_search MATCH ?1 LIMIT ?2",
            )?
            .query_map(
                params![
                    format!("words : {}", quote(word)),
                    limit.min(i64::MAX as usize) as i64
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?)
    }

    fn hit(&self, id: i64) -> Result<SearchHit> {
        let mut load = self.0.prepare_cached(
            "SELECT c.doc_id, d.title, c.idx, c.path, c.label, c.text
             FROM clauses c JOIN documents d ON d.id = c.doc_id WHERE c.id = ?1",
        )?;
        Ok(load.query_row([id], |r| {
            Ok(SearchHit {
                doc_id: r.get(0)?,
                title: r.get(1)?,
                clause: r.get::<_, i64>(2)? as usize,
                path: r.get(3)?,
                label: r.get(4)?,
                text: r.get(5)?,
                matches: Vec::new(),
                rank: 0.0,
                kind: HitKind::AllWords,
            })
        })?)
    }
}
