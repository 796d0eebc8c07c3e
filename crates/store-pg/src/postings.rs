//! The similar-clause postings: for each word (index token of a clause's
//! jieba words, weight A in `clause_search`), the first clauses holding it
//! in library order, read index-only from a B-tree. What
//! [`crate::similar`] looks a word up in, instead of the `tsvector` rows
//! (which PostgreSQL rechecks one by one: 10–20 µs a row, up to 2,000 rows
//! a word).
//!
//! - `similar_postings (word, clause_id)`: the first [`CAP`] clauses (by
//!   id) holding each word; a lookup needs at most
//!   [`policydiff_store::backend`]'s 2,000.
//! - `similar_words (word, stored, overflow)`: how many postings the word
//!   has stored, and whether some clause holding it is not stored (it was
//!   imported when the list was full).
//!
//! The invariant: the stored postings of a word are *every* clause holding
//! it up to the largest stored id. Clause ids only grow (writers take
//! turns: [`crate::state::lock`]), so an import appends its clauses to a
//! list that is not full and has never overflowed; a delete removes its
//! clauses from the lists. A lookup of `n` clauses is exact when the list
//! has `n` or has never overflowed; otherwise (a list emptied by deletes
//! below `n`) the word is looked up in `clause_search` as before: slower,
//! the same answer.
//!
//! Only tokens of two characters or more are kept (a lookup is of a jieba
//! word of two characters or more; one that is a shorter token, or several
//! tokens, goes to `clause_search`).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use policydiff_store::backend::IndexEntry;
use policydiff_store::Result;

use crate::db::{get, Db};
use crate::search::tokens;

/// Postings kept per word, at most (twice what a lookup reads, so deletes
/// of a word's first clauses rarely send it back to `clause_search`).
pub(crate) const CAP: usize = 4_000;

/// The cap new postings are stored under: [`CAP`], or
/// `$POLICYDIFF_PG_POSTINGS_CAP` (for the tests: a small cap makes every
/// list overflow, and the answers must not change).
fn cap() -> usize {
    std::env::var("POLICYDIFF_PG_POSTINGS_CAP")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CAP)
}

/// Whether a token is kept in the postings.
pub(crate) fn kept(token: &str) -> bool {
    token.chars().count() >= 2
}

/// The word of `word` as the postings hold it: its one index token, when
/// it is one and kept.
pub(crate) fn key(word: &str) -> Option<String> {
    let mut t = tokens(word);
    (t.len() == 1 && kept(&t[0])).then(|| t.remove(0))
}

/// The first `limit` clauses (ascending id) holding `word`, when the
/// postings know them (`None`: look in `clause_search`).
pub(crate) fn lookup(db: &mut Db<'_>, word: &str, limit: usize) -> Result<Option<Vec<i64>>> {
    let row = db.one(
        "SELECT coalesce((SELECT overflow FROM similar_words WHERE word = $1), false),
                array(SELECT clause_id FROM similar_postings WHERE word = $1
                      ORDER BY clause_id LIMIT $2)",
        &[&word, &(limit.min(i64::MAX as usize) as i64)],
    )?;
    let overflow: bool = get(&row, 0)?;
    let ids: Vec<i64> = get(&row, 1)?;
    Ok((ids.len() >= limit || !overflow).then_some(ids))
}

/// Add the new clauses `ids` (larger than every stored one), with their
/// index entries, to the postings.
pub(crate) fn add(db: &mut Db<'_>, ids: &[i64], entries: &[IndexEntry]) -> Result<()> {
    // Word -> the new clauses holding it, ascending.
    let mut new: BTreeMap<String, Vec<i64>> = BTreeMap::new();
    let mut order: Vec<(i64, &IndexEntry)> = ids.iter().copied().zip(entries).collect();
    order.sort_by_key(|&(id, _)| id);
    for (id, entry) in order {
        let words: BTreeSet<String> = tokens(&entry.words)
            .into_iter()
            .filter(|t| kept(t))
            .collect();
        for w in words {
            new.entry(w).or_default().push(id);
        }
    }
    if new.is_empty() {
        return Ok(());
    }
    let words: Vec<&str> = new.keys().map(String::as_str).collect();
    let rows = db.query(
        "SELECT word, stored, overflow FROM similar_words WHERE word = ANY($1::text[])",
        &[&words],
    )?;
    let mut known: HashMap<String, (usize, bool)> = HashMap::with_capacity(rows.len());
    for r in &rows {
        known.insert(get(r, 0)?, (get::<i32>(r, 1)?.max(0) as usize, get(r, 2)?));
    }
    let cap = cap();
    let (mut pw, mut pid) = (Vec::new(), Vec::new());
    let (mut fresh_w, mut fresh_n, mut fresh_o) = (Vec::new(), Vec::new(), Vec::new());
    let (mut upd_w, mut upd_n, mut upd_o) = (Vec::new(), Vec::new(), Vec::new());
    for (w, clauses) in &new {
        let (stored, overflow) = known.get(w).copied().unwrap_or((0, false));
        // A list that overflowed lacks clauses before these: append nothing.
        let room = if overflow {
            0
        } else {
            cap.saturating_sub(stored)
        };
        let take = room.min(clauses.len());
        let over = overflow || take < clauses.len();
        for &id in &clauses[..take] {
            pw.push(w.as_str());
            pid.push(id);
        }
        if !known.contains_key(w) {
            fresh_w.push(w.as_str());
            fresh_n.push(take as i32);
            fresh_o.push(over);
        } else if take > 0 || over != overflow {
            upd_w.push(w.as_str());
            upd_n.push(take as i32);
            upd_o.push(over);
        }
    }
    if !fresh_w.is_empty() {
        db.execute(
            "INSERT INTO similar_words (word, stored, overflow)
             SELECT * FROM unnest($1::text[], $2::integer[], $3::boolean[])",
            &[&fresh_w, &fresh_n, &fresh_o],
        )?;
    }
    if !upd_w.is_empty() {
        db.execute(
            "UPDATE similar_words s SET stored = s.stored + u.n, overflow = u.o
             FROM unnest($1::text[], $2::integer[], $3::boolean[]) AS u(word, n, o)
             WHERE s.word = u.word",
            &[&upd_w, &upd_n, &upd_o],
        )?;
    }
    if !pw.is_empty() {
        db.execute(
            "INSERT INTO similar_postings (word, clause_id)
             SELECT * FROM unnest($1::text[], $2::bigint[])",
            &[&pw, &pid],
        )?;
    }
    Ok(())
}

/// The words of the clauses of `doc` (from their index rows), kept ones.
const DOC_PAIRS: &str = "SELECT DISTINCT u.lexeme AS word, s.clause_id
     FROM clauses c JOIN clause_search s ON s.clause_id = c.id
     CROSS JOIN LATERAL unnest(s.terms) u
     WHERE c.doc_id = $1 AND 'A' = ANY(u.weights) AND char_length(u.lexeme) >= 2";

/// Remove the clauses of document `doc` from the postings (before the
/// document is deleted).
pub(crate) fn remove_doc(db: &mut Db<'_>, doc: i64) -> Result<()> {
    db.execute(
        &format!(
            "WITH gone AS (
                DELETE FROM similar_postings p USING ({DOC_PAIRS}) x
                WHERE p.word = x.word AND p.clause_id = x.clause_id
                RETURNING p.word)
             UPDATE similar_words s SET stored = s.stored - g.n
             FROM (SELECT word, count(*)::integer AS n FROM gone GROUP BY word) g
             WHERE s.word = g.word"
        ),
        &[&doc],
    )?;
    Ok(())
}

/// Fill the postings from the clauses already indexed (schema version 3).
pub(crate) fn fill_all(db: &mut Db<'_>) -> Result<()> {
    db.batch(&format!(
        "SET LOCAL work_mem = '256MB';
         CREATE TEMPORARY TABLE similar_fill ON COMMIT DROP AS
             SELECT u.lexeme COLLATE \"C\" AS word, s.clause_id
             FROM clause_search s CROSS JOIN LATERAL unnest(s.terms) u
             WHERE 'A' = ANY(u.weights) AND char_length(u.lexeme) >= 2;
         INSERT INTO similar_postings (word, clause_id)
             SELECT word, clause_id FROM (
                 SELECT word, clause_id,
                        row_number() OVER (PARTITION BY word ORDER BY clause_id) AS n
                 FROM similar_fill) x
             WHERE n <= {CAP};
         INSERT INTO similar_words (word, stored, overflow)
             SELECT word, least(count(*), {CAP}), count(*) > {CAP}
             FROM similar_fill GROUP BY word;
         DROP TABLE similar_fill;"
    ))
}
