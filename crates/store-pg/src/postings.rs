//! The similar-clause postings: for each word (index token of a clause's
//! jieba words, weight A in `clause_search`), the first clauses holding it
//! in library order, read as a few rows of an index range. What
//! [`crate::similar`] looks a word up in, instead of the `tsvector` rows
//! (which PostgreSQL rechecks one by one: 10–20 µs a row, up to 2,000 rows
//! a word).
//!
//! - `similar_blocks (word, block, ids)`: the first [`CAP`] clauses (by
//!   id) holding each word, ascending, packed [`BLOCK`] to a row (block
//!   0, 1, … in id order): a lookup of `n` clauses reads the blocks in
//!   order up to the one that reaches `n` (at most `CAP / BLOCK` rows), and
//!   an import rewrites only the last block of a word (appends) or adds
//!   blocks, never a whole list.
//! - `similar_words (word, stored, overflow)`: how many postings the word
//!   has stored, and whether some clause holding it is not stored (it was
//!   imported when the list was full).
//!
//! The invariant: the stored postings of a word are *every* clause holding
//! it up to the largest stored id. Clause ids only grow (writers take
//! turns: [`crate::state::lock`]), so an import appends its clauses to a
//! list that is not full and has never overflowed; a delete removes its
//! clauses from the blocks (which may leave a block short or empty), and
//! a list it leaves below half the cap that overflowed is refilled from
//! `clause_search` with the next clauses after its last one ([`refill`]).
//! So a list holds at least half the cap (twice what a lookup reads) or
//! all of its word's clauses, and a lookup is always exact from the
//! postings; `clause_search` remains the way for words of several tokens.
//!
//! Only tokens of two characters or more are kept (a lookup is of a jieba
//! word of two characters or more; one that is a shorter token, or several
//! tokens, goes to `clause_search`).
//!
//! Schema version 3 kept a row per (word, clause) (`similar_postings`):
//! 1.7 GB of a 50,000-document library; version 4 packs them
//! ([`crate::schema`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use policydiff_store::backend::IndexEntry;
use policydiff_store::Result;

use crate::db::{get, Db};
use crate::search::{phrase, tokens};

/// Postings kept per word, at most (twice what a lookup reads, so deletes
/// of a word's first clauses rarely send it back to `clause_search`).
pub(crate) const CAP: usize = 4_000;

/// Clause ids per row of `similar_blocks` (1 KB: stored inline, no TOAST).
/// The schema's version-4 migration packs the version-3 rows by the same
/// number.
pub(crate) const BLOCK: usize = 128;

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
/// postings know them (`None`: look in `clause_search`). One query: a first
/// row with the word's overflow flag, then its blocks in order up to the one
/// that reaches `limit` (a running count, so a list of many blocks is
/// neither unnested nor sorted id by id: 2.2–3.3 → 1.1 ms a word on a
/// loopback server at 50,000 documents).
pub(crate) fn lookup(db: &mut Db<'_>, word: &str, limit: usize) -> Result<Option<Vec<i64>>> {
    let rows = db.query(
        "SELECT -1 AS block, coalesce((SELECT overflow FROM similar_words WHERE word = $1), false),
                NULL::bigint[]
         UNION ALL
         SELECT block, NULL, ids
           FROM (SELECT block, ids,
                        sum(cardinality(ids)) OVER (ORDER BY block) - cardinality(ids) AS before
                   FROM similar_blocks WHERE word = $1) s
          WHERE before < $2
         ORDER BY block",
        &[&word, &(limit.min(i64::MAX as usize) as i64)],
    )?;
    let mut overflow = false;
    let mut ids: Vec<i64> = Vec::new();
    for row in &rows {
        if get::<i32>(row, 0)? < 0 {
            overflow = get(row, 1)?;
        } else {
            ids.extend(get::<Vec<i64>>(row, 2)?);
        }
    }
    ids.truncate(limit);
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
    // Each known word's count, overflow, and last block (number and size).
    let rows = db.query(
        "SELECT w.word, w.stored, w.overflow, b.block, coalesce(cardinality(b.ids), 0)
         FROM similar_words w
         LEFT JOIN LATERAL (SELECT block, ids FROM similar_blocks
                            WHERE word = w.word ORDER BY block DESC LIMIT 1) b ON true
         WHERE w.word = ANY($1::text[])",
        &[&words],
    )?;
    let mut known: HashMap<String, (usize, bool)> = HashMap::with_capacity(rows.len());
    let mut last: HashMap<String, (i32, usize)> = HashMap::with_capacity(rows.len());
    for r in &rows {
        let word: String = get(r, 0)?;
        if let Some(block) = get::<Option<i32>>(r, 3)? {
            last.insert(word.clone(), (block, get::<i32>(r, 4)?.max(0) as usize));
        }
        known.insert(word, (get::<i32>(r, 1)?.max(0) as usize, get(r, 2)?));
    }
    let cap = cap();
    let (mut pw, mut pb, mut pid) = (Vec::new(), Vec::new(), Vec::new());
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
        let blocks = blocks_after(last.get(w).copied().unwrap_or((0, 0)));
        for (&id, block) in clauses[..take].iter().zip(blocks) {
            pw.push(w.as_str());
            pb.push(block);
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
    append(db, &pw, &pb, &pid)
}

/// The blocks new ids go to, one per id, after a list whose last block is
/// `(block, size)`: that block until it holds [`BLOCK`], then new ones.
fn blocks_after((mut block, mut size): (i32, usize)) -> impl Iterator<Item = i32> {
    std::iter::from_fn(move || {
        if size == BLOCK {
            block += 1;
            size = 0;
        }
        size += 1;
        Some(block)
    })
}

/// Append the ids `id` to the blocks `block` of the words `word` (three
/// parallel lists, ids ascending within a word and larger than its stored ones).
fn append(db: &mut Db<'_>, word: &[&str], block: &[i32], id: &[i64]) -> Result<()> {
    if word.is_empty() {
        return Ok(());
    }
    db.execute(
        "INSERT INTO similar_blocks (word, block, ids)
         SELECT word, block, array_agg(id ORDER BY id)
         FROM unnest($1::text[], $2::integer[], $3::bigint[]) AS t(word, block, id)
         GROUP BY word, block
         ON CONFLICT (word, block) DO UPDATE SET ids = similar_blocks.ids || excluded.ids",
        &[&word, &block, &id],
    )?;
    Ok(())
}

/// The words of the clauses of `doc` (from their index rows), kept ones.
const DOC_PAIRS: &str = "SELECT DISTINCT u.lexeme AS word, s.clause_id
     FROM clauses c JOIN clause_search s ON s.clause_id = c.id
     CROSS JOIN LATERAL unnest(s.terms) u
     WHERE c.doc_id = $1 AND 'A' = ANY(u.weights) AND char_length(u.lexeme) >= 2";

/// Remove the clauses of document `doc` from the postings (before the
/// document is deleted). One statement: its parts read the blocks as they
/// were before it. Returns the lists to [`refill`] once the document is
/// gone: those it leaves below half the cap that overflowed.
pub(crate) fn remove_doc(db: &mut Db<'_>, doc: i64) -> Result<Vec<String>> {
    let rows = db.query(
        &format!(
            "WITH g AS (SELECT word, array_agg(clause_id) AS ids FROM ({DOC_PAIRS}) x GROUP BY word),
             b AS (UPDATE similar_blocks s
                   SET ids = array(SELECT y FROM unnest(s.ids) y WHERE y <> ALL (g.ids) ORDER BY y)
                   FROM g, similar_blocks o
                   WHERE s.word = g.word AND s.ids && g.ids AND o.word = s.word AND o.block = s.block
                   RETURNING s.word, cardinality(o.ids) - cardinality(s.ids) AS n),
             n AS (SELECT word, sum(n)::integer AS n FROM b GROUP BY word)
             UPDATE similar_words w SET stored = w.stored - n.n FROM n WHERE w.word = n.word
             RETURNING w.word, w.stored, w.overflow"
        ),
        &[&doc],
    )?;
    let cap = cap();
    let mut low = Vec::new();
    for r in &rows {
        if get::<bool>(r, 2)? && 2 * (get::<i32>(r, 1)?.max(0) as usize) < cap {
            low.push(get(r, 0)?);
        }
    }
    Ok(low)
}

/// Where a list stands before a refill.
struct Stand {
    /// Postings it has room for.
    room: usize,
    /// Its last block and that block's size.
    last: (i32, usize),
    /// Its largest stored clause id.
    after: i64,
}

/// Words refilled per round of queries.
const REFILL_BATCH: usize = 1_000;

/// Refill the lists of `words` (overflowed, left short by a delete) up to
/// the cap with the next clauses holding each word after its last stored
/// one, read from `clause_search` in id order; a list that takes fewer than
/// it has room for now holds all of its word's clauses (no overflow).
/// Four queries per [`REFILL_BATCH`] words, whatever their number (a delete
/// of a common plan leaves about a thousand lists short under a small cap):
/// where each list stands, the next clauses of each, the append, the counts.
pub(crate) fn refill(db: &mut Db<'_>, words: &[String]) -> Result<()> {
    let cap = cap();
    let asked: Vec<(&str, String)> = words
        .iter()
        .filter_map(|w| Some((w.as_str(), phrase(w, ":A")?)))
        .collect();
    for batch in asked.chunks(REFILL_BATCH) {
        let names: Vec<&str> = batch.iter().map(|(w, _)| *w).collect();
        // Each list: postings stored, its last block and that block's size,
        // its largest stored id.
        let rows = db.query(
            "SELECT w.word, w.stored, coalesce(b.block, 0), coalesce(cardinality(b.ids), 0),
                    coalesce((SELECT max(y) FROM similar_blocks s, unnest(s.ids) y
                              WHERE s.word = w.word), 0)::bigint
             FROM similar_words w
             LEFT JOIN LATERAL (SELECT block, ids FROM similar_blocks
                                WHERE word = w.word ORDER BY block DESC LIMIT 1) b ON true
             WHERE w.word = ANY($1::text[])",
            &[&names],
        )?;
        let mut at: HashMap<String, Stand> = HashMap::new();
        for r in &rows {
            let stored = get::<i32>(r, 1)?.max(0) as usize;
            at.insert(
                get(r, 0)?,
                Stand {
                    room: cap.saturating_sub(stored),
                    last: (get::<i32>(r, 2)?, get::<i32>(r, 3)?.max(0) as usize),
                    after: get(r, 4)?,
                },
            );
        }
        let known: Vec<(&str, &str, &Stand)> = batch
            .iter()
            .filter_map(|(w, q)| Some((*w, q.as_str(), at.get(*w)?)))
            .collect();
        if known.is_empty() {
            continue;
        }
        let word: Vec<&str> = known.iter().map(|k| k.0).collect();
        let query: Vec<&str> = known.iter().map(|k| k.1).collect();
        let room: Vec<i64> = known.iter().map(|k| k.2.room as i64).collect();
        let after: Vec<i64> = known.iter().map(|k| k.2.after).collect();
        // The next clauses of every word after its last stored one, each up to its room.
        let rows = db.query(
            "SELECT t.word, c.clause_id
             FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[]) AS t(word, q, after, room)
             CROSS JOIN LATERAL (SELECT clause_id FROM clause_search
                                 WHERE terms @@ t.q::tsquery AND clause_id > t.after
                                 ORDER BY clause_id LIMIT t.room) c",
            &[&word, &query, &after, &room],
        )?;
        let mut next: HashMap<String, Vec<i64>> = HashMap::new();
        for r in &rows {
            next.entry(get(r, 0)?).or_default().push(get(r, 1)?);
        }
        let (mut a_word, mut a_block, mut a_id) = (Vec::new(), Vec::new(), Vec::new());
        let (mut taken, mut full) = (Vec::new(), Vec::new());
        for &(w, _, stand) in &known {
            let mut ids = next.remove(w).unwrap_or_default();
            ids.sort_unstable();
            a_block.extend(blocks_after(stand.last).take(ids.len()));
            a_word.extend(std::iter::repeat_n(w, ids.len()));
            taken.push(ids.len() as i32);
            full.push(ids.len() >= stand.room);
            a_id.extend(ids);
        }
        append(db, &a_word, &a_block, &a_id)?;
        db.execute(
            "UPDATE similar_words w SET stored = w.stored + t.taken, overflow = t.filled
             FROM unnest($1::text[], $2::integer[], $3::boolean[]) AS t(word, taken, filled)
             WHERE w.word = t.word",
            &[&word, &taken, &full],
        )?;
    }
    Ok(())
}

/// Fill the postings from the clauses already indexed, in the layout of
/// schema version 3 (a row per word and clause, which version 4 packs).
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
