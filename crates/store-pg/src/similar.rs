//! Candidates for "similar clauses" on the team library: the SQLite
//! store's steps ([`policydiff_store::backend::clauses_like`]: a dozen of
//! the text's rarest words, each looked up in at most a bounded number of
//! clauses, weighted by how few clauses hold it) over the `clause_search`
//! `tsvector` index: a word is its index tokens as a phrase of weight A
//! (the words, not the parts of words, as SQLite's `words` column), and
//! the clauses holding it are the first ones by id, as FTS5 returns them,
//! so both backends find the same candidates with the same scores.
//! A word's clauses are read from its postings ([`crate::postings`], a few
//! rows of one index range) when it has them, which it does but for words
//! of several tokens.
//! Not the place to start: see [`super::PgStore`]'s `clauses_like`.

use std::collections::{HashMap, HashSet};

use policydiff_model::{HitKind, SearchHit};
use policydiff_store::backend::SimilarIndex;
use policydiff_store::{Error, Result};

use crate::db::get;
use crate::postings;
use crate::search::{hit_row, limit, phrase, TsIndex, WINDOW};

impl SimilarIndex for TsIndex<'_, '_> {
    fn clause_ids(&self, doc: i64) -> Result<HashSet<i64>> {
        let rows = self
            .db
            .borrow_mut()
            .query("SELECT id FROM clauses WHERE doc_id = $1", &[&doc])?;
        rows.iter().map(|r| get(r, 0)).collect()
    }

    fn max_clause_id(&self) -> Result<i64> {
        // From the primary key's index (no scan).
        let row = self
            .db
            .borrow_mut()
            .one("SELECT coalesce(max(id), 0)::bigint FROM clauses", &[])?;
        get(&row, 0)
    }

    fn postings(&self, word: &str, lim: usize) -> Result<Vec<i64>> {
        // The postings table (index-only), when it knows the word's clauses.
        if let Some(key) = postings::key(word) {
            if let Some(ids) = postings::lookup(&mut self.db.borrow_mut(), &key, lim)? {
                return Ok(ids);
            }
        }
        let Some(q) = phrase(word, ":A") else {
            return Ok(Vec::new());
        };
        let rows = self.db.borrow_mut().query(WINDOW, &[&q, &limit(lim)])?;
        rows.iter().map(|r| get(r, 0)).collect()
    }

    fn hit(&self, id: i64) -> Result<SearchHit> {
        let row = self.db.borrow_mut().opt(
            "SELECT c.id, c.doc_id, d.title, c.idx, c.path, c.label, c.text
             FROM clauses c JOIN documents d ON d.id = c.doc_id WHERE c.id = $1",
            &[&id],
        )?;
        let row =
            row.ok_or_else(|| Error::Other(format!("clause {id} vanished from the library")))?;
        Ok(hit_row(&row, HitKind::AllWords, 0.0)?.hit)
    }

    fn hits(&self, ids: &[i64]) -> Result<Vec<SearchHit>> {
        let rows = self.db.borrow_mut().query(
            "SELECT c.id, c.doc_id, d.title, c.idx, c.path, c.label, c.text
             FROM clauses c JOIN documents d ON d.id = c.doc_id WHERE c.id = ANY($1)",
            &[&ids],
        )?;
        let mut by_id = HashMap::with_capacity(rows.len());
        for r in &rows {
            let row = hit_row(r, HitKind::AllWords, 0.0)?;
            by_id.insert(row.id, row.hit);
        }
        ids.iter()
            .map(|id| {
                by_id
                    .remove(id)
                    .ok_or_else(|| Error::Other(format!("clause {id} vanished from the library")))
            })
            .collect()
    }
}
