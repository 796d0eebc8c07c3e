//! The `clause_search` table: Chinese full-text search over clauses.
//!
//! SQLite's `unicode61` tokenizer does not split Chinese, so each clause is
//! indexed as its jieba words ([`Segmenter::tokens`]) joined by spaces
//! (column `words`), and a query is segmented with the same segmenter. Where
//! punctuation separates two words, a break token ([`BREAK`]) is indexed
//! between them, so a phrase never matches across `，。“”（）`
//! (`企业“诉求响应”` is not the phrase `企业诉求`); whitespace is not a break
//! (the corpus has spurious spaces: `诉求 响应`).
//!
//! Column `parts` holds the parts of the clause's longer words
//! ([`Segmenter::parts`]: `营商 环境` for `营商环境`, `监管局 监管` for
//! `监管局`), so a word is found inside longer words. It is a bag of words,
//! not a sequence: a query of several parts is checked against the clause
//! text (the query, whitespace ignored, must be in it).
//!
//! Chosen over a character-bigram index beside the word index (the other
//! way to find words inside words) by measurement on the `scale` example's
//! library of 50,000 documents: the parts cost 2.9 KB a document (the whole
//! index 9.6 KB), a bigram index 13.9 KB (the library would be 2.8 × its
//! text instead of 2.1 ×); a two-character query takes 0.2 ms either way;
//! and bigrams also match across words (专班 in 大专|班), which would need a
//! check against each clause's segmentation.
//!
//! The index is contentless (`content=''`, `contentless_delete=1`) and keyed
//! by the clause's rowid: the text lives once, in `clauses`. It is
//! kept in sync in code, not by triggers: the indexed words come from jieba,
//! which SQL cannot call, so inserting needs Rust anyway; deleting is done
//! here too so the whole index lifecycle is in one place.
//!
//! Search tiers, in result order (see [`HitKind`]):
//! 1. [`HitKind::Phrase`]: the query's words as whole words, adjacent and in
//!    order (also with the whitespace inside the query removed, and with its
//!    longer words split into their parts: `诉求响应` finds `诉求 响应`);
//! 2. [`HitKind::WithinWord`]: the query inside longer words (`环境` in
//!    `营商环境`);
//! 3. [`HitKind::Substring`], when the query is one character, or is made
//!    of one-character words only and the tiers above find nothing (`府采`,
//!    across 政府|采购): clauses containing the query as a substring, most
//!    occurrences first (a scan of the texts: no index holds substrings);
//! 4. [`HitKind::AllWords`], to fill up to the limit: clauses containing all
//!    the query's words anywhere (query of several words only).
//!
//! Ranking is bounded: each tier ranks the first [`RANK_WINDOW`] clauses
//! that match, in library order (every match of most queries in a library of
//! a few thousand documents), shortest first (where the query is most of
//! what the clause says), so a common word costs the same in a library of
//! 50,000 documents as in one of 5,000. Where the index finds candidates to
//! check against their text (a query of several words inside longer words),
//! the first [`CHECK_WINDOW`] candidates are checked. FTS5's bm25 is not
//! used: its document frequencies count every match of every query, which
//! alone took 70 ms for a common word in a library of 10,000 documents.
//!
//! Word semantics: a query word only matches whole jieba tokens or their
//! parts, so `专班` (a task force) does not find `大专班` (a college class,
//! 大专|班); the substring tier only runs when the word index has nothing.
//!
//! Time is linear in the query's length: the query is segmented once, a
//! long query is looked up by a few of its words and checked against each
//! candidate's text, and the all-words tier only runs for queries of at most
//! [`MAX_ALL_WORDS`] words.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use rusqlite::types::Value;
use rusqlite::{params, Connection, ToSql};

use crate::error::Result;
use crate::filter_sql::{scope_condition, Dialect, Filter};
use policydiff_model::{HitKind, SearchHit, SearchScope};
use policydiff_segment::{Segmenter, Token};

/// Indexed between words that punctuation separates: a private-use character,
/// which `unicode61` keeps as a token (it is neither space nor punctuation) and
/// which no real query or text contains.
const BREAK: &str = "\u{E000}";

/// A query of more words than this is looked up by its [`LOOKUP_WORDS`]
/// longest words and checked against each candidate clause's text, instead
/// of as an FTS5 phrase.
const MAX_PHRASE_WORDS: usize = 24;

/// Words a long query is looked up by.
const LOOKUP_WORDS: usize = 6;

/// Pieces a query is looked up by, at most: each costs a walk of its list
/// of clauses, and common words have long ones.
const LOOKUP_PIECES: usize = 3;

/// The all-words tier runs for queries of at most this many distinct words
/// (a pasted paragraph is a phrase, not a bag of words).
pub(crate) const MAX_ALL_WORDS: usize = 12;

/// The substring tier ranks at most this many matching clauses per hit asked for.
const SUBSTRINGS_PER_HIT: usize = 40;

/// Each tier ranks at most this many matching clauses (or the limit asked
/// for, if more), the first in library order: a common word matches a tenth
/// of a large library's clauses. (FTS5 walks its lists forwards; the last
/// matches instead took twice as long.) In a library of a few
/// thousand documents every match is ranked.
pub(crate) const RANK_WINDOW: usize = 500;

/// Candidates checked against their text, at most, per tier.
pub(crate) const CHECK_WINDOW: usize = 1_000;

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

/// The parts of a word as indexed: only words with a non-ASCII character
/// (Chinese compounds; ASCII words are split by `unicode61` already).
fn word_parts<'a>(seg: &Segmenter, word: &'a str) -> Vec<&'a str> {
    if word.is_ascii() {
        return Vec::new();
    }
    seg.parts(word).into_iter().map(|r| &word[r]).collect()
}

/// What one clause puts in the index: its words and the parts of its words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexEntry {
    /// The clause's words in order, joined by spaces, with a break token
    /// (U+E000) where punctuation separated two words.
    pub words: String,
    /// The parts of its longer words (`营商 环境` for `营商环境`), joined by spaces.
    pub parts: String,
}

#[cfg(test)]
impl IndexEntry {
    /// The index entry of a clause text.
    pub(crate) fn new(seg: &Segmenter, text: &str) -> IndexEntry {
        Indexer::new(seg).entry(text)
    }
}

/// Builds [`IndexEntry`]s, remembering the parts of the words it has seen
/// (a document repeats its compounds).
pub struct Indexer<'s> {
    seg: &'s Segmenter,
    parts: HashMap<String, String>,
}

impl<'s> Indexer<'s> {
    /// An indexer using `seg`.
    pub fn new(seg: &'s Segmenter) -> Indexer<'s> {
        Indexer {
            seg,
            parts: HashMap::new(),
        }
    }

    /// The index entry of a clause text.
    pub fn entry(&mut self, text: &str) -> IndexEntry {
        let terms = terms(self.seg, text);
        let mut parts = String::new();
        for t in &terms {
            let Term::Word(w) = t else { continue };
            if w.text.chars().nth(2).is_none() {
                continue;
            }
            let seg = self.seg;
            let p = self
                .parts
                .entry(w.text.to_string())
                .or_insert_with(|| word_parts(seg, w.text).join(" "));
            if !p.is_empty() {
                if !parts.is_empty() {
                    parts.push(' ');
                }
                parts.push_str(p);
            }
        }
        IndexEntry {
            words: joined(&terms),
            parts,
        }
    }
}

/// Index one clause under its rowid.
pub(crate) fn index(conn: &Connection, rowid: i64, entry: &IndexEntry) -> Result<()> {
    conn.prepare_cached("INSERT INTO clause_search (rowid, words, parts) VALUES (?1, ?2, ?3)")?
        .execute(params![rowid, entry.words, entry.parts])?;
    Ok(())
}

/// Remove the index rows of document `doc_id`'s clauses (before the clauses go).
pub(super) fn unindex_document(conn: &Connection, doc_id: i64) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM clause_search WHERE rowid IN (SELECT id FROM clauses WHERE doc_id = ?1)",
    )?
    .execute([doc_id])?;
    Ok(())
}

/// Number of indexed clauses.
pub(super) fn count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM clause_search")?
        .query_row([], |r| r.get(0))?;
    Ok(n as usize)
}

/// An FTS5 string literal: the text in double quotes, inner quotes doubled.
fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The text without whitespace next to a non-ASCII character (`诉求 响应` →
/// `诉求响应`; `open data` stays).
fn squash(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            let end = (i..chars.len())
                .find(|&j| !chars[j].is_whitespace())
                .unwrap_or(chars.len());
            let before = i.checked_sub(1).map(|j| chars[j]);
            let after = chars.get(end).copied();
            let cjk = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
            if !(cjk(before) || cjk(after)) && before.is_some() && after.is_some() {
                out.push(' ');
            }
            i = end;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

/// A query, analysed once.
struct Query<'q> {
    /// The query as typed (trimmed).
    text: &'q str,
    /// What a clause must contain, whitespace ignored and ASCII folded (see [`Folded`]).
    needle: String,
    /// FTS5 phrases (on `words`) that find the query as whole words.
    phrases: Vec<String>,
    /// The finest words of the query of two characters or more: each is a
    /// word or a part of a word of any clause containing the query.
    pieces: Vec<String>,
    /// The pieces the index is asked for: all of them, or the rarest
    /// [`LOOKUP_PIECES`] by jieba's word frequencies (the longest
    /// [`LOOKUP_WORDS`] of a long query); the others are checked in the text.
    lookup: Vec<String>,
    /// The distinct words of the query as typed.
    words: Vec<String>,
    /// More than [`MAX_PHRASE_WORDS`] words.
    long: bool,
}

impl<'q> Query<'q> {
    fn new(seg: &Segmenter, text: &'q str) -> Query<'q> {
        let typed = terms(seg, text);
        let squashed = squash(text);
        let sq_terms = terms(seg, &squashed);
        let word_count = typed.iter().filter(|t| matches!(t, Term::Word(_))).count();
        let long = word_count > MAX_PHRASE_WORDS;
        let mut phrases = Vec::new();
        let mut push = |p: String| {
            if !p.is_empty() && !phrases.contains(&p) {
                phrases.push(p);
            }
        };
        let one_word = sq_terms.len() == 1;
        if !long {
            push(joined(&typed));
            push(joined(&sq_terms));
        }
        if one_word {
            // A longer word split into its top-level parts (诉求响应 → 诉求 响应).
            // Only for one word: each alternative phrase costs a walk of the
            // index, and the split forms of longer queries are found inside
            // words (tier 2) anyway.
            let split: Vec<String> = sq_terms
                .iter()
                .flat_map(|t| match t {
                    Term::Word(w) => top_parts(seg, w.text),
                    Term::Break => vec![BREAK.to_string()],
                })
                .collect();
            push(split.join(" "));
        }
        let mut pieces: Vec<String> = Vec::new();
        let mut seen = HashSet::new();
        for t in &sq_terms {
            if let Term::Word(w) = t {
                if seen.insert(w.text) {
                    pieces.extend(finest(seg, w.text));
                }
            }
        }
        let mut seen = HashSet::new();
        pieces.retain(|p| seen.insert(p.clone()));
        let mut lookup = pieces.clone();
        if long {
            lookup.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
            lookup.truncate(LOOKUP_WORDS);
        } else if lookup.len() > LOOKUP_PIECES {
            // Each word looked up costs a walk of its (long) list of clauses.
            lookup.sort_by_key(|p| seg.frequency(p).unwrap_or(0));
            lookup.truncate(LOOKUP_PIECES);
        }
        let mut seen = HashSet::new();
        let words: Vec<String> = typed
            .iter()
            .filter_map(|t| match t {
                Term::Word(w) if seen.insert(w.text) => Some(w.text.to_string()),
                _ => None,
            })
            .collect();
        Query {
            text,
            needle: Folded::new(text).text,
            phrases,
            pieces,
            lookup,
            words,
            long,
        }
    }

    /// The query's words, folded (see [`Folded`]).
    fn folded_words(&self) -> Vec<String> {
        self.words.iter().map(|w| folded(w)).collect()
    }

    /// The index finds exactly the clauses with the query inside a word:
    /// the query is one word piece, no check against the text needed.
    fn pieces_exact(&self) -> bool {
        self.pieces.len() == 1 && self.pieces[0] == self.needle && !self.long
    }
}

/// The top-level parts of a word covering it, what lies between them
/// kept whole (`市政府` → `市`, `政府`; `12345热线` → `12345`, `热线`), or
/// the word itself when it has no parts.
fn top_parts(seg: &Segmenter, word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    for r in seg.parts(word) {
        if r.start < at {
            continue; // nested in the previous part
        }
        if r.start > at {
            out.push(word[at..r.start].to_string());
        }
        out.push(word[r.clone()].to_string());
        at = r.end;
    }
    if at == 0 {
        return vec![word.to_string()];
    }
    if at < word.len() {
        out.push(word[at..].to_string());
    }
    out
}

/// The smallest parts of a word of two characters or more (the word itself
/// when it has none): what any text containing the word has indexed, as a
/// word or as a part.
fn finest(seg: &Segmenter, word: &str) -> Vec<String> {
    let parts = seg.parts(word);
    let leaves: Vec<String> = parts
        .iter()
        .filter(|r| {
            !parts
                .iter()
                .any(|o| o != *r && r.start <= o.start && o.end <= r.end)
        })
        .map(|r| word[r.clone()].to_lowercase())
        .collect();
    if !leaves.is_empty() {
        return leaves;
    }
    if word.chars().nth(1).is_some() {
        vec![word.to_lowercase()]
    } else {
        Vec::new()
    }
}

/// A text without whitespace and with ASCII letters lowercased, and where
/// each of its bytes was in the text: for matching a query whatever the
/// spaces inside it.
struct Folded {
    text: String,
    /// Byte offset in the original text of each byte of `text`, and the end.
    at: Vec<usize>,
}

impl Folded {
    fn new(text: &str) -> Folded {
        let mut out = String::with_capacity(text.len());
        let mut at = Vec::with_capacity(text.len() + 1);
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            let c = c.to_ascii_lowercase();
            for k in 0..c.len_utf8() {
                at.push(i + k);
            }
            out.push(c);
        }
        at.push(text.len());
        Folded { text: out, at }
    }

    /// Byte ranges in the original text of the non-overlapping occurrences of `needle`.
    fn find(&self, needle: &str) -> Vec<(usize, usize)> {
        if needle.is_empty() {
            return Vec::new();
        }
        self.text
            .match_indices(needle)
            // Each byte of `text` maps to one byte of the original, so the
            // last byte of the match maps to the last byte of its original.
            .map(|(i, m)| (self.at[i], self.at[i + m.len() - 1] + 1))
            .collect()
    }
}

/// `text` without whitespace, ASCII lowercased (as [`Folded::text`]).
fn folded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

fn fold_into(text: &str, out: &mut String) {
    out.extend(
        text.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase()),
    );
}

/// Register the SQL functions search uses on a connection:
/// `policydiff_match(text, needle, words)`: 2 when `text` contains `needle`,
/// else 1 when it contains each of `words` (folded words, one a line), else
/// 0; whitespace ignored and ASCII folded (see [`Folded`]).
pub(crate) fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    // `rarray(?)`: a list of clause ids bound as one parameter (a small scope's window).
    rusqlite::vtab::array::load_module(conn)?;
    conn.create_scalar_function(
        "policydiff_match",
        3,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            thread_local! {
                // Called for up to CHECK_WINDOW rows a search: no allocation each.
                static TEXT: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
            }
            let needle = ctx.get_raw(1).as_str().unwrap_or("");
            let words = ctx.get_raw(2).as_str().unwrap_or("");
            Ok(TEXT.with_borrow_mut(|text| {
                text.clear();
                fold_into(ctx.get_raw(0).as_str().unwrap_or(""), text);
                if text.contains(needle) {
                    2
                } else if !words.is_empty() && words.lines().all(|w| text.contains(w)) {
                    1
                } else {
                    0
                }
            }))
        },
    )?;
    Ok(())
}

/// What a search asks the index for. Each backend turns it into its own
/// query language (FTS5 expressions here, `tsquery` in the PostgreSQL
/// store); the tiers built on it are the same for all ([`search`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup<'a> {
    /// Clauses holding any of these phrases in their words: each phrase is
    /// index terms joined by spaces, as in [`IndexEntry::words`] (a term may
    /// be split further by the index's tokenizer).
    Phrases(&'a [String]),
    /// Clauses holding each of `pieces` as a word or a part of a word
    /// (each piece a phrase of index tokens, in `words` or in `parts`), and
    /// none of the phrases `not` in their words.
    Pieces {
        /// Every one of these, in words or parts.
        pieces: &'a [String],
        /// None of these phrases, in words.
        not: &'a [String],
    },
    /// Clauses holding each of these words (phrases of index tokens) in their words.
    Words(&'a [String]),
}

/// The clauses of a [`SearchIndex::checked`] window, best (shortest) first,
/// split by what their text holds: the query, or else all of its words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Candidates {
    /// Clause id and length (bytes of text) of the clauses containing the query.
    pub with_query: Vec<(i64, f64)>,
    /// Clause id and length of the others containing each of the query's words.
    pub with_words: Vec<(i64, f64)>,
}

/// A hit before its matches are computed: the clause's id and the public fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The clause's id in the library (library order).
    pub id: i64,
    /// The hit, `matches` still empty.
    pub hit: SearchHit,
}

/// The few lookups [`search`] needs from a backend's index. "Library
/// order" is the order of clause ids (the order clauses were stored);
/// "length" is the byte length of a clause's text (UTF-8), the rank of
/// the word tiers (shorter first, then by id).
pub trait SearchIndex {
    /// The first `window` clauses (library order) matching `lookup`,
    /// ranked by length: the best `limit`, with their lengths.
    fn ranked(&self, lookup: Lookup<'_>, window: usize, limit: usize) -> Result<Vec<(i64, f64)>>;

    /// The first `window` clauses (library order) matching `lookup`,
    /// ranked by length, checked against their text: folded (whitespace
    /// removed, ASCII lowercased), does it contain `needle`,
    /// or else each of `words` (already folded; none when empty)? Clauses
    /// with neither are dropped.
    fn checked(
        &self,
        lookup: Lookup<'_>,
        window: usize,
        needle: &str,
        words: &[String],
    ) -> Result<Candidates>;

    /// The hits of these clauses, in the given order, with the given ranks.
    fn load(&self, ids: &[(i64, f64)], kind: HitKind) -> Result<Vec<Row>>;

    /// The first `cap` clauses (library order) whose text contains
    /// `needle` as a substring, as [`HitKind::Substring`] hits (rank unset).
    fn substring(&self, needle: &str, cap: usize) -> Result<Vec<Row>>;
}

/// Scopes of at most this many documents may be searched document by
/// document (each one's range of clause ids in the index); larger ones are
/// searched by checking the index's matches in library order against their
/// document. See [`Fts5::new`] for the choice below it.
pub(crate) const SMALL_SCOPE: usize = 2_000;

/// The SQLite store's index: FTS5 table `clause_search` beside `clauses`,
/// looked up within the documents of `scope` (all of them when `None`).
pub(crate) struct Fts5<'c> {
    conn: &'c Connection,
    scope: Option<ScopeArgs>,
    /// A small scope's documents: their first and last clause ids, in
    /// library order.
    small: Option<Vec<(i64, i64, i64)>>,
}

impl<'c> Fts5<'c> {
    /// The index of `conn` within `scope`.
    ///
    /// The index's matches come in library order; a scope of many documents
    /// meets its window's clauses soon among them, a scope of few (a region
    /// no document has, a city of a handful) may meet them only after the
    /// whole list (2.8 s for 服务 at 50,000 documents). Looked up document
    /// by document, a scope costs about 0.1 ms a document (an FTS5 query
    /// each), against about 1.3 µs a match walked in library order, of
    /// which a scope holding a share `f` of the library needs about
    /// `window / f`: the two meet near √(5 N) documents in a library of N
    /// (500 at 50,000), under which a scope is looked up by document.
    /// `small_scope` caps that bound (0: no scope is looked up by document).
    pub(crate) fn new(
        conn: &'c Connection,
        scope: Option<ScopeArgs>,
        small_scope: usize,
    ) -> Result<Fts5<'c>> {
        let mut small = None;
        if let Some(scope) = scope.as_ref().filter(|_| small_scope > 0) {
            let total: i64 = conn
                .prepare_cached("SELECT count(*) FROM documents")?
                .query_row([], |r| r.get(0))?;
            let small_scope = small_scope.min(((5 * total.max(0)) as f64).sqrt() as usize);
            let sql = format!(
                "SELECT x.id FROM documents x WHERE {} ORDER BY x.id LIMIT ?{}",
                scope.condition("x", 1, Dialect::Sqlite),
                scope.values().len() + 1
            );
            let cap = sql_limit(small_scope + 1);
            let mut args: Vec<&dyn ToSql> = scope.values().map(|v| v as &dyn ToSql).collect();
            args.push(&cap);
            let mut st = conn.prepare_cached(&sql)?;
            let ids: Vec<i64> = st
                .query_map(&*args, |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            if ids.len() <= small_scope {
                let mut range =
                    conn.prepare_cached("SELECT min(id), max(id) FROM clauses WHERE doc_id = ?1")?;
                let mut docs = Vec::with_capacity(ids.len());
                for id in ids {
                    let (first, last): (Option<i64>, Option<i64>) =
                        range.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                    if let (Some(first), Some(last)) = (first, last) {
                        docs.push((first, last, id));
                    }
                }
                docs.sort_unstable();
                small = Some(docs);
            }
        }
        Ok(Fts5 { conn, scope, small })
    }

    /// The first `window` clauses (library order) of a small scope's
    /// documents matching FTS5 expression `expr`, as an array parameter.
    fn small_window(
        &self,
        docs: &[(i64, i64, i64)],
        expr: &str,
        window: usize,
    ) -> Result<Rc<Vec<Value>>> {
        let mut st = self.conn.prepare_cached(
            "SELECT m.rowid FROM clause_search m CROSS JOIN clauses c ON c.id = m.rowid
             WHERE m.clause_search MATCH ?1 AND m.rowid BETWEEN ?2 AND ?3 AND c.doc_id = ?4
             ORDER BY m.rowid LIMIT ?5",
        )?;
        let mut ids = Vec::new();
        for &(first, last, doc) in docs {
            let want = sql_limit(window - ids.len());
            let rows = st.query_map(params![expr, first, last, doc, want], |r| {
                r.get::<_, i64>(0)
            })?;
            for id in rows {
                ids.push(Value::Integer(id?));
            }
            if ids.len() >= window {
                break;
            }
        }
        Ok(Rc::new(ids))
    }

    /// The SQL of the first `?2` clauses (library order) matching FTS5
    /// expression `?1`, in the scope's documents, and its parameters after
    /// the caller's `args` (numbered from `args.len() + 1`). A large scope
    /// is checked as the index's matches come, in the order written (`CROSS
    /// JOIN`), so the window stops at its size; a small scope's window is
    /// found first ([`Fts5::small_window`]) and passed as an array.
    fn window<'a>(
        &'a self,
        expr: &str,
        window: usize,
        mut args: Vec<&'a dyn ToSql>,
        array: &'a mut Option<Rc<Vec<Value>>>,
    ) -> Result<(String, Vec<&'a dyn ToSql>)> {
        let first = args.len() + 1;
        let Some(scope) = &self.scope else {
            return Ok((WINDOW.to_string(), args));
        };
        if let Some(docs) = &self.small {
            let ids = array.insert(self.small_window(docs, expr, window)?);
            args.push(ids);
            return Ok((format!("SELECT value AS rowid FROM rarray(?{first})"), args));
        }
        args.extend(scope.values().map(|v| v as &dyn ToSql));
        let sql = format!(
            "SELECT m.rowid FROM clause_search m
             CROSS JOIN clauses s ON s.id = m.rowid
             CROSS JOIN documents x ON x.id = s.doc_id
             WHERE m.clause_search MATCH ?1 AND {}
             ORDER BY m.rowid LIMIT ?2",
            scope.condition("x", first, Dialect::Sqlite)
        );
        Ok((sql, args))
    }
}

/// The FTS5 expression of a lookup.
fn fts5_expr(lookup: Lookup<'_>) -> String {
    let any = |ps: &[String]| -> String {
        let alts: Vec<String> = ps.iter().map(|p| quote(p)).collect();
        alts.join(" OR ")
    };
    let all = |ps: &[String]| -> String {
        let all: Vec<String> = ps.iter().map(|p| quote(p)).collect();
        all.join(" AND ")
    };
    match lookup {
        Lookup::Phrases(ps) => format!("words : ({})", any(ps)),
        Lookup::Pieces { pieces, not: [] } => {
            format!("{{words parts}} : ({})", all(pieces))
        }
        Lookup::Pieces { pieces, not } => format!(
            "({{words parts}} : ({})) NOT (words : ({}))",
            all(pieces),
            any(not)
        ),
        Lookup::Words(ws) => format!("words : ({})", all(ws)),
    }
}

/// The first `?2` clauses (in library order) matching FTS5 expression `?1`.
const WINDOW: &str = "SELECT rowid FROM clause_search WHERE clause_search MATCH ?1
                      ORDER BY rowid LIMIT ?2";

/// The bound values of a [`SearchScope`], as both stores bind them (all
/// text): part of the province or city, the level's name, the year as four
/// digits. `None` from [`ScopeArgs::of`] when the scope is every document,
/// so an unscoped search runs its queries unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScopeArgs {
    /// The filters set, each with its value.
    parts: Vec<(Filter, String)>,
}

impl ScopeArgs {
    /// The values of `scope`; `None` when it lets every document through.
    pub fn of(scope: &SearchScope) -> Option<ScopeArgs> {
        let parts: Vec<(Filter, String)> = [
            (
                Filter::Region,
                scope.region.clone().filter(|r| !r.is_empty()),
            ),
            (Filter::Level, scope.level.map(|l| l.as_str().to_string())),
            (Filter::Year, scope.year.map(|y| format!("{y:04}"))),
        ]
        .into_iter()
        .filter_map(|(part, value)| Some((part, value?)))
        .collect();
        (!parts.is_empty()).then_some(ScopeArgs { parts })
    }

    /// The values, in the order of [`ScopeArgs::condition`]'s placeholders.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &String> {
        self.parts.iter().map(|(_, v)| v)
    }

    /// The condition on the documents table aliased `x` in `dialect`, its
    /// placeholders numbered from `first`, as the library's list filters:
    /// the region a part of the province or the city, the level equal, the
    /// year that of the issue date.
    pub fn condition(&self, x: &str, first: usize, dialect: Dialect) -> String {
        scope_condition(self.parts.iter().map(|(f, _)| f), x, first, dialect)
    }
}

fn sql_limit(n: usize) -> i64 {
    n.min(i64::MAX as usize) as i64
}

fn row(r: &rusqlite::Row<'_>, kind: HitKind, rank: f64) -> rusqlite::Result<Row> {
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
            rank,
            kind,
        },
    })
}

impl SearchIndex for Fts5<'_> {
    /// Lengths from `octet_length`, which reads no text.
    fn ranked(&self, lookup: Lookup<'_>, window: usize, limit: usize) -> Result<Vec<(i64, f64)>> {
        let expr = fts5_expr(lookup);
        let (size, limit) = (sql_limit(window), sql_limit(limit));
        let mut array = None;
        let (within, args) = self.window(&expr, window, vec![&expr, &size, &limit], &mut array)?;
        let sql = format!(
            "SELECT c.id, octet_length(c.text) AS len FROM ({within}) f JOIN clauses c ON c.id = f.rowid
             ORDER BY len, c.id LIMIT ?3"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(&*args, |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as f64)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn checked(
        &self,
        lookup: Lookup<'_>,
        window: usize,
        needle: &str,
        words: &[String],
    ) -> Result<Candidates> {
        let words = words.join("\n");
        let expr = fts5_expr(lookup);
        let size = sql_limit(window);
        let mut array = None;
        let (within, args) = self.window(
            &expr,
            window,
            vec![&expr, &size, &needle, &words],
            &mut array,
        )?;
        let sql = format!(
            "SELECT c.id, octet_length(c.text) AS len, policydiff_match(c.text, ?3, ?4) AS m
             FROM ({within}) f JOIN clauses c ON c.id = f.rowid
             WHERE m > 0 ORDER BY len, c.id"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let mut out = Candidates::default();
        let mut rows = st.query(&*args)?;
        while let Some(r) = rows.next()? {
            let hit = (r.get(0)?, r.get::<_, i64>(1)? as f64);
            match r.get::<_, i64>(2)? {
                2 => out.with_query.push(hit),
                _ => out.with_words.push(hit),
            }
        }
        Ok(out)
    }

    fn load(&self, ids: &[(i64, f64)], kind: HitKind) -> Result<Vec<Row>> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.id, c.doc_id, d.title, c.idx, c.path, c.label, c.text
             FROM clauses c JOIN documents d ON d.id = c.doc_id WHERE c.id = ?1",
        )?;
        let mut out = Vec::with_capacity(ids.len());
        for &(id, rank) in ids {
            out.push(st.query_row([id], |r| row(r, kind, rank))?);
        }
        Ok(out)
    }

    /// A scan of the clause texts (no index holds substrings): of a small
    /// scope's documents only (their clauses found by document), else in
    /// library order until `cap` are found.
    fn substring(&self, needle: &str, cap: usize) -> Result<Vec<Row>> {
        let docs: Option<Rc<Vec<Value>>> = self
            .small
            .as_ref()
            .map(|d| Rc::new(d.iter().map(|&(_, _, id)| Value::Integer(id)).collect()));
        let cap = sql_limit(cap);
        let mut args: Vec<&dyn ToSql> = vec![&needle, &cap];
        let scope = match (&self.scope, &docs) {
            (None, _) => String::new(),
            (Some(_), Some(docs)) => {
                args.push(docs);
                "AND c.doc_id IN (SELECT value FROM rarray(?3))".to_string()
            }
            (Some(scope), None) => {
                args.extend(scope.values().map(|v| v as &dyn ToSql));
                format!("AND {}", scope.condition("d", 3, Dialect::Sqlite))
            }
        };
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT c.id, c.doc_id, d.title, c.idx, c.path, c.label, c.text
             FROM clauses c JOIN documents d ON d.id = c.doc_id
             WHERE instr(c.text, ?1) > 0 {scope} ORDER BY c.id LIMIT ?2"
        ))?;
        let rows = st.query_map(&*args, |r| row(r, HitKind::Substring, 0.0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Clauses containing `needle` as a substring, most occurrences first: the
/// first [`SUBSTRINGS_PER_HIT`] × `limit` found in library order, ranked.
/// A scan of the clause texts (no index holds substrings), so this tier's
/// time grows with the library when few clauses match.
fn substring(index: &impl SearchIndex, needle: &str, limit: usize) -> Result<Vec<Row>> {
    let mut out = index.substring(needle, limit.saturating_mul(SUBSTRINGS_PER_HIT))?;
    for r in &mut out {
        r.hit.rank = -(r.hit.text.matches(needle).count() as f64);
    }
    out.sort_by(|a, b| {
        a.hit
            .rank
            .total_cmp(&b.hit.rank)
            .then(a.hit.doc_id.cmp(&b.hit.doc_id))
            .then(a.hit.clause.cmp(&b.hit.clause))
    });
    out.truncate(limit);
    Ok(out)
}

/// Search clauses for `query` in `index`; see the module doc for the tiers.
/// Every backend answers through this function, so the tiers, their order
/// and the matches are the same whatever holds the library.
pub fn search(
    index: &impl SearchIndex,
    seg: &Segmenter,
    query: &str,
    limit: usize,
) -> Result<Vec<SearchHit>> {
    let query = unquote(query);
    if query.is_empty() || limit == 0 {
        return Ok(Vec::new());
    }
    let q = Query::new(seg, query);
    let one_char = q.needle.chars().count() == 1;
    let mut rows: Vec<Row> = Vec::new();
    let mut seen: HashSet<i64> = HashSet::new();
    let add = |rows: &mut Vec<Row>, seen: &mut HashSet<i64>, more: Vec<Row>| {
        for r in more {
            if rows.len() < limit && seen.insert(r.id) {
                rows.push(r);
            }
        }
    };
    let window = RANK_WINDOW.max(limit);
    let phrases = !one_char && !q.phrases.is_empty();
    let no_phrases: &[String] = &[];
    if phrases {
        let ids = index.ranked(Lookup::Phrases(&q.phrases), window, limit)?;
        let hits = index.load(&ids, HitKind::Phrase)?;
        add(&mut rows, &mut seen, hits);
    } else if q.long && !one_char && !q.lookup.is_empty() {
        let lookup = Lookup::Pieces {
            pieces: &q.lookup,
            not: no_phrases,
        };
        let mut ids = index
            .checked(lookup, CHECK_WINDOW, &q.needle, &[])?
            .with_query;
        ids.truncate(limit);
        let hits = index.load(&ids, HitKind::Phrase)?;
        add(&mut rows, &mut seen, hits);
    }
    let all_words = q.words.len() > 1 && q.words.len() <= MAX_ALL_WORDS;
    // Clauses with every piece of the query but not the query: the
    // all-words tier's candidates, found by the same index lookup.
    let mut apart = None;
    if rows.len() < limit && !one_char && !q.long && !q.lookup.is_empty() {
        let lookup = Lookup::Pieces {
            pieces: &q.lookup,
            not: if phrases { &q.phrases } else { no_phrases },
        };
        let want = limit - rows.len();
        let ids = if q.pieces_exact() {
            index.ranked(lookup, RANK_WINDOW.max(want), want)?
        } else {
            let words = if all_words {
                q.folded_words()
            } else {
                Vec::new()
            };
            let mut c = index.checked(lookup, CHECK_WINDOW, &q.needle, &words)?;
            c.with_query.truncate(want);
            apart = Some(c.with_words);
            c.with_query
        };
        let hits = index.load(&ids, HitKind::WithinWord)?;
        add(&mut rows, &mut seen, hits);
    }
    // The word index cannot hold a query made of single characters only
    // (府采, across 政府|采购): look for it as a substring. A query with a
    // word of two characters or more was looked up by its words above.
    if rows.is_empty() && (one_char || q.pieces.is_empty()) {
        let hits = substring(index, &squash(q.text), limit)?;
        add(&mut rows, &mut seen, hits);
    }
    if all_words && rows.len() < limit {
        let ids = match apart {
            Some(ids) => ids,
            None => {
                let want = limit + seen.len();
                index.ranked(Lookup::Words(&q.words), RANK_WINDOW.max(want), want)?
            }
        };
        let ids: Vec<(i64, f64)> = ids
            .into_iter()
            .filter(|(id, _)| !seen.contains(id))
            .collect();
        let hits = index.load(&ids[..ids.len().min(limit - rows.len())], HitKind::AllWords)?;
        add(&mut rows, &mut seen, hits);
    }
    Ok(rows
        .into_iter()
        .map(|Row { mut hit, .. }| {
            hit.matches = match hit.kind {
                HitKind::AllWords => word_matches(seg, &hit.text, &q.words),
                HitKind::Substring => substring_matches(&hit.text, &squash(q.text)),
                HitKind::Phrase | HitKind::WithinWord => Folded::new(&hit.text).find(&q.needle),
            };
            hit
        })
        .collect())
}

/// Quotation marks a query may be wrapped in (`"企业开办"`, `“企业开办”`,
/// `「企业开办」`), as users quote a phrase in a web search engine.
const QUOTES: &[char] = &['"', '＂', '“', '”', '„', '‘', '’', '「', '」', '『', '』'];

/// The query trimmed, without the quotation marks around it: search already
/// finds a query as a phrase first, and the marks would be part of the text
/// every hit's matches are looked for (none found: nothing highlighted) and
/// that a candidate of the within-word tier is checked against. A quote at
/// one end only (typing is searched as it goes) is dropped too; quotation
/// marks inside a query (`企业“诉求响应”`) are kept.
fn unquote(query: &str) -> &str {
    query
        .trim()
        .trim_matches(|c: char| c.is_whitespace() || QUOTES.contains(&c))
}

/// Two words are the same for the index (`unicode61` folds case).
fn same(a: &str, b: &str) -> bool {
    a == b || a.to_lowercase() == b.to_lowercase()
}

/// Byte ranges of every occurrence of any of `words` as a word of `text`
/// (their substrings when the clause's words do not show them: `unicode61`
/// splits some jieba words further, e.g. at `.` or `-`).
fn word_matches(seg: &Segmenter, text: &str, words: &[String]) -> Vec<(usize, usize)> {
    let out: Vec<(usize, usize)> = seg
        .tokens(text)
        .into_iter()
        .filter(|t| t.is_word() && words.iter().any(|w| same(t.text, w)))
        .map(|t| (t.range.start, t.range.end))
        .collect();
    if !out.is_empty() {
        return out;
    }
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
    fn quotation_marks_around_a_query_are_dropped() {
        assert_eq!(unquote(r#" "企业开办" "#), "企业开办");
        assert_eq!(unquote("“企业开办”"), "企业开办");
        assert_eq!(unquote("「 企业开办 」"), "企业开办");
        assert_eq!(unquote(r#""企业开办"#), "企业开办");
        assert_eq!(unquote("企业“诉求响应”机制"), "企业“诉求响应”机制");
        assert_eq!(unquote(r#""""#), "");
        assert_eq!(unquote("《政府采购法》"), "《政府采购法》");
    }

    #[test]
    fn quoting_doubles_quotes() {
        assert_eq!(quote(r#"a"b"#), r#""a""b""#);
    }

    #[test]
    fn whitespace_next_to_chinese_is_squashed() {
        assert_eq!(squash("诉求 响应"), "诉求响应");
        assert_eq!(squash("12345 热线"), "12345热线");
        assert_eq!(squash("open  data"), "open data");
        assert_eq!(squash("环境"), "环境");
    }

    #[test]
    fn a_query_is_found_whatever_the_spaces_inside_it() {
        let text = "完善 诉求 响应机制，诉求响应。";
        let f = Folded::new(text);
        let ranges = f.find("诉求响应");
        let found: Vec<&str> = ranges.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(found, ["诉求 响应", "诉求响应"]);
        let f = Folded::new("The WES-5 Plan");
        assert_eq!(f.find("wes-5plan"), [(4, 14)]);
    }

    #[test]
    fn an_index_entry_has_the_words_and_their_parts() {
        let e = IndexEntry::new(Segmenter::shared(), "优化营商环境，推进市场监管局工作。");
        let words: Vec<&str> = e.words.split(' ').collect();
        assert!(words.contains(&"营商环境"), "{}", e.words);
        assert!(words.contains(&BREAK), "{}", e.words);
        assert!(e.parts.split(' ').any(|p| p == "环境"), "{}", e.parts);
        assert!(e.parts.split(' ').any(|p| p == "监管"), "{}", e.parts);
    }
}
