//! The `clause_fts` table: Chinese full-text search over clauses.
//!
//! SQLite's `unicode61` tokenizer does not split Chinese, so each clause is
//! indexed as its jieba words ([`Segmenter::words`]) joined by spaces, and a
//! query is segmented with the same segmenter. Where punctuation separates two
//! words, a break token ([`BREAK`]) is indexed between them, so a phrase never
//! matches across `，。“”（）` (`企业“诉求响应”` is not the phrase `企业诉求`);
//! whitespace is not a break (the corpus has spurious spaces: `诉求 响应`). The index is contentless
//! (`content=''`, `contentless_delete=1`) and keyed by the clause's rowid: the
//! text lives once, in `clauses`.
//!
//! Kept in sync in code, not by triggers: the indexed words come from jieba,
//! which SQL cannot call, so inserting needs Rust anyway; deleting is done
//! here too so the whole index lifecycle is in one place.
//!
//! Search tiers, in result order (see [`HitKind`]):
//! 1. the query's words as a phrase (adjacent tokens, in order), by bm25;
//! 2. when the query is one character, or the phrase finds nothing: clauses
//!    containing the query as a substring (`instr`), most occurrences first;
//! 3. to fill up to the limit: clauses containing all the query's words
//!    anywhere (query of several words only), by bm25.
//!
//! Word semantics: a word only matches whole jieba tokens, so `专班` (a task
//! force) does not find `大专班` (a college class); the substring tier only
//! runs when the token index has nothing.

use std::collections::HashSet;

use rusqlite::{params, Connection};

use crate::error::Result;
use policydiff_model::{HitKind, SearchHit};
use policydiff_segment::{Segmenter, Token};

/// Indexed between words that punctuation separates: a private-use character,
/// which `unicode61` keeps as a token (it is neither space nor punctuation) and
/// which no real query or text contains.
const BREAK: &str = "\u{E000}";

/// What the index sees of a text: words, and breaks where punctuation was.
#[derive(Debug, Clone, PartialEq)]
enum Term<'a> {
    Word(Token<'a>),
    Break,
}

/// The terms of `text`: its words ([`Token::is_word`]) in order, with one
/// [`Term::Break`] for each run of punctuation between two words.
fn terms<'a>(seg: &Segmenter, text: &'a str) -> Vec<Term<'a>> {
    let mut out = Vec::new();
    let mut pending_break = false;
    for t in seg.tokens(text) {
        if t.is_word() {
            if pending_break && !out.is_empty() {
                out.push(Term::Break);
            }
            pending_break = false;
            out.push(Term::Word(t));
        } else if !t.is_space() {
            pending_break = true;
        }
    }
    out
}

/// The index (and phrase query) form of terms: words and breaks joined by spaces.
fn joined(terms: &[Term<'_>]) -> String {
    let parts: Vec<&str> = terms
        .iter()
        .map(|t| match t {
            Term::Word(w) => w.text,
            Term::Break => BREAK,
        })
        .collect();
    parts.join(" ")
}

/// Index one clause's text under its rowid.
pub(super) fn index(conn: &Connection, seg: &Segmenter, rowid: i64, text: &str) -> Result<()> {
    let words = joined(&terms(seg, text));
    conn.prepare_cached("INSERT INTO clause_fts (rowid, words) VALUES (?1, ?2)")?
        .execute(params![rowid, words])?;
    Ok(())
}

/// Remove the index rows of document `doc_id`'s clauses (before the clauses go).
pub(super) fn unindex_document(conn: &Connection, doc_id: i64) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM clause_fts WHERE rowid IN (SELECT id FROM clauses WHERE doc_id = ?1)",
    )?
    .execute([doc_id])?;
    Ok(())
}

/// Number of indexed clauses.
pub(super) fn count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM clause_fts")?
        .query_row([], |r| r.get(0))?;
    Ok(n as usize)
}

/// An FTS5 string literal: the text in double quotes, inner quotes doubled.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A hit before its matches are computed: clause rowid and the public fields.
struct Row {
    id: i64,
    hit: SearchHit,
}

/// Run an FTS5 `MATCH` expression, best first.
fn fts(conn: &Connection, expr: &str, limit: usize, kind: HitKind) -> Result<Vec<Row>> {
    let mut st = conn.prepare_cached(
        "SELECT c.id, c.doc_id, d.title, c.idx, c.path, c.label, c.text, f.score
         FROM (SELECT rowid, bm25(clause_fts) AS score FROM clause_fts
               WHERE clause_fts MATCH ?1 ORDER BY score LIMIT ?2) f
         JOIN clauses c ON c.id = f.rowid
         JOIN documents d ON d.id = c.doc_id
         ORDER BY f.score, c.doc_id, c.idx",
    )?;
    let rows = st.query_map(params![expr, limit as i64], |r| row(r, kind))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Clauses containing `needle` as a substring, most occurrences first.
fn substring(conn: &Connection, needle: &str, limit: usize) -> Result<Vec<Row>> {
    let mut st = conn.prepare_cached(
        "SELECT c.id, c.doc_id, d.title, c.idx, c.path, c.label, c.text,
                -((length(c.text) - length(replace(c.text, ?1, ''))) / length(?1)) AS rank
         FROM clauses c JOIN documents d ON d.id = c.doc_id
         WHERE instr(c.text, ?1) > 0
         ORDER BY rank, c.doc_id, c.idx LIMIT ?2",
    )?;
    let rows = st.query_map(params![needle, limit as i64], |r| {
        row(r, HitKind::Substring)
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn row(r: &rusqlite::Row<'_>, kind: HitKind) -> rusqlite::Result<Row> {
    Ok(Row {
        id: r.get(0)?,
        hit: SearchHit {
            doc_id: r.get(1)?,
            title: r.get(2)?,
            clause: r.get::<_, i64>(3)? as usize,
            path: r.get(4)?,
            label: r.get(5)?,
            text: r.get(6)?,
            matches: Vec::new(),
            rank: r.get(7)?,
            kind,
        },
    })
}

/// Search clauses for `query`; see the module doc for the tiers.
pub(super) fn search(
    conn: &Connection,
    seg: &Segmenter,
    query: &str,
    limit: usize,
) -> Result<Vec<SearchHit>> {
    let query = query.trim();
    if query.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let phrase = terms(seg, query);
    let words: Vec<&str> = phrase
        .iter()
        .filter_map(|t| match t {
            Term::Word(w) => Some(w.text),
            Term::Break => None,
        })
        .collect();
    let one_char = query.chars().count() == 1;
    let mut rows = Vec::new();
    if !one_char && !words.is_empty() {
        rows = fts(conn, &quote(&joined(&phrase)), limit, HitKind::Phrase)?;
    }
    if rows.is_empty() {
        rows = substring(conn, query, limit)?;
    }
    if words.len() > 1 && rows.len() < limit {
        let seen: HashSet<i64> = rows.iter().map(|r| r.id).collect();
        let all = words
            .iter()
            .map(|w| quote(w))
            .collect::<Vec<_>>()
            .join(" AND ");
        let more = fts(conn, &all, limit + seen.len(), HitKind::AllWords)?;
        rows.extend(more.into_iter().filter(|r| !seen.contains(&r.id)));
        rows.truncate(limit);
    }
    Ok(rows
        .into_iter()
        .map(|Row { mut hit, .. }| {
            hit.matches = match hit.kind {
                HitKind::Phrase => phrase_matches(seg, &hit.text, &phrase, &words),
                HitKind::AllWords => word_matches(seg, &hit.text, &words),
                HitKind::Substring => substring_matches(&hit.text, query),
            };
            hit
        })
        .collect())
}

/// Two words are the same for the index (`unicode61` folds case).
fn same(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

/// Byte ranges of the occurrences of the query's terms, as a phrase, in `text`:
/// first word's start to last word's end.
fn phrase_matches(
    seg: &Segmenter,
    text: &str,
    phrase: &[Term<'_>],
    words: &[&str],
) -> Vec<(usize, usize)> {
    let have = terms(seg, text);
    let n = phrase.len();
    let eq = |a: &Term<'_>, b: &Term<'_>| match (a, b) {
        (Term::Word(a), Term::Word(b)) => same(a.text, b.text),
        (Term::Break, Term::Break) => true,
        _ => false,
    };
    let range = |t: &Term<'_>| match t {
        Term::Word(w) => Some(w.range.clone()),
        Term::Break => None,
    };
    let mut out = Vec::new();
    let mut i = 0;
    while n > 0 && i + n <= have.len() {
        if (0..n).all(|k| eq(&have[i + k], &phrase[k])) {
            if let (Some(a), Some(b)) = (range(&have[i]), range(&have[i + n - 1])) {
                out.push((a.start, b.end));
            }
            i += n;
        } else {
            i += 1;
        }
    }
    if out.is_empty() {
        return fallback_matches(text, words);
    }
    out
}

/// Byte ranges of every occurrence of any of `words` as a word of `text`.
fn word_matches(seg: &Segmenter, text: &str, words: &[&str]) -> Vec<(usize, usize)> {
    let out: Vec<(usize, usize)> = seg
        .tokens(text)
        .into_iter()
        .filter(|t| t.is_word() && words.iter().any(|w| same(t.text, w)))
        .map(|t| (t.range.start, t.range.end))
        .collect();
    if out.is_empty() {
        return fallback_matches(text, words);
    }
    out
}

/// When the clause's tokens do not show the words (the index's `unicode61`
/// splits some jieba words further, e.g. at `.` or `-`), the words' substrings.
fn fallback_matches(text: &str, words: &[&str]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = words
        .iter()
        .flat_map(|w| substring_matches(text, w))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Byte ranges of the non-overlapping occurrences of `needle` in `text`.
fn substring_matches(text: &str, needle: &str) -> Vec<(usize, usize)> {
    text.match_indices(needle)
        .map(|(i, m)| (i, i + m.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> String {
        joined(&terms(Segmenter::shared(), text)).replace(BREAK, "|")
    }

    #[test]
    fn punctuation_breaks_phrases_and_spaces_do_not() {
        assert_eq!(shape("企业“诉求响应”"), "企业 | 诉求响应");
        assert_eq!(shape("“企业诉求”。"), "企业 诉求");
        assert_eq!(shape("诉求 响应"), "诉求 响应");
        assert_eq!(shape("，，"), "");
    }

    #[test]
    fn quoting_doubles_quotes() {
        assert_eq!(quote(r#"a"b"#), r#""a""b""#);
    }
}
