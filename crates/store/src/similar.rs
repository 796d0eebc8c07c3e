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
//! library's size. Not the place to start: see [`super::Store::clauses_like`].

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection};

use crate::error::Result;
use policydiff_model::{HitKind, SearchHit};
use policydiff_segment::Segmenter;

/// Words of the text looked up, at most.
pub(crate) const PROBE_WORDS: usize = 12;

/// Clauses read per word looked up, at most.
pub(crate) const POSTINGS: usize = 2_000;

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

/// The clauses sharing the most rare words with `text`, best first, at most
/// `limit`, none of document `exclude`. `SearchHit::rank` is the score (the
/// sum of the shared words' weights), `kind` is [`HitKind::AllWords`],
/// `matches` is empty.
pub(crate) fn clauses_like(
    conn: &Connection,
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
        Some(doc) => conn
            .prepare_cached("SELECT id FROM clauses WHERE doc_id = ?1")?
            .query_map([doc], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?,
        None => HashSet::new(),
    };
    // The library's clause count, from the rowid (no scan).
    let total: i64 =
        conn.query_row("SELECT coalesce(max(id), 0) FROM clauses", [], |r| r.get(0))?;
    let total = total.max(1) as f64;
    let mut lookup = conn
        .prepare_cached("SELECT rowid FROM clause_search WHERE clause_search MATCH ?1 LIMIT ?2")?;
    let mut scores: HashMap<i64, f64> = HashMap::new();
    for w in &words {
        let ids: Vec<i64> = lookup
            .query_map(
                params![format!("words : {}", quote(w)), POSTINGS as i64],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
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
    let mut load = conn.prepare_cached(
        "SELECT c.doc_id, d.title, c.idx, c.path, c.label, c.text
         FROM clauses c JOIN documents d ON d.id = c.doc_id WHERE c.id = ?1",
    )?;
    let mut out = Vec::with_capacity(ranked.len());
    for (id, score) in ranked {
        out.push(load.query_row([id], |r| {
            Ok(SearchHit {
                doc_id: r.get(0)?,
                title: r.get(1)?,
                clause: r.get::<_, i64>(2)? as usize,
                path: r.get(3)?,
                label: r.get(4)?,
                text: r.get(5)?,
                matches: Vec::new(),
                rank: score,
                kind: HitKind::AllWords,
            })
        })?);
    }
    Ok(out)
}
