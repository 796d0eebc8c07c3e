//! The `clause_search` table: Chinese full-text search on stock PostgreSQL.
//!
//! PostgreSQL's text search parser does not split Chinese either, and no
//! extension (zhparser, pg_jieba) may be assumed on a team's server. So
//! each clause's index terms are made here, from the same jieba words and
//! parts of words the SQLite store indexes
//! ([`policydiff_store::backend::IndexEntry`]), and stored as a ready-made
//! `tsvector` (`'营商环境':3A …`): no text search configuration ever
//! parses them, and the `simple` configuration's behaviour (no stemming,
//! no stop words) is what they have. A GIN index finds them.
//!
//! The terms are what SQLite's FTS5 `unicode61` tokenizer makes of the
//! entry ([`tokens`]): each space-separated word split further where a
//! character is neither a letter, a number nor private-use (the break
//! token U+E000), and lowercased. The words take positions 1, 2, … with
//! weight A; the parts follow after a gap, weight B. A phrase is then a
//! `tsquery` of adjacent lexemes (`'诉求':A <-> '响应':A`), a word or part
//! of a word a lexeme of any weight, so the tiers of
//! [`policydiff_store::backend::search`], which this module answers, find
//! the same clauses as on SQLite.
//!
//! Limits of `tsvector` (PostgreSQL's, documented): positions stop at
//! 16,383 and a lexeme keeps 255 positions, so in a clause of more than
//! 16,383 words (a whole document pasted as one paragraph) a phrase near
//! its end may be missed; such clauses are still found by their words.
//! Accented Latin letters are kept (`unicode61` folds `é` to `e`).

use std::collections::BTreeMap;
use std::fmt::Write;

use policydiff_model::{HitKind, SearchHit};
use policydiff_store::backend::{
    Candidates, Dialect, IndexEntry, Lookup, Row, ScopeArgs, SearchIndex,
};
use policydiff_store::Result;

use postgres::types::ToSql;

use crate::db::{get, Db};

/// The largest position a `tsvector` keeps.
const MAX_POS: usize = 16_383;

/// The most positions a `tsvector` keeps for one lexeme.
const MAX_POSITIONS: usize = 255;

/// Whether `c` belongs to a token (FTS5 `unicode61`: letters, numbers, private use).
fn token_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c as u32, 0xE000..=0xF8FF | 0xF_0000..=0xF_FFFD | 0x10_0000..=0x10_FFFD)
}

/// The index tokens of a space-joined string of words, as FTS5's
/// `unicode61` makes them: split at every other character, lowercased.
pub(crate) fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !token_char(c))
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A lexeme quoted for `tsvector` and `tsquery` input.
fn quoted(lexeme: &str) -> String {
    let mut out = String::with_capacity(lexeme.len() + 2);
    out.push('\'');
    for c in lexeme.chars() {
        if c == '\'' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// The `tsvector` (input form) of one clause's index entry.
pub(crate) fn tsvector(entry: &IndexEntry) -> String {
    let mut positions: BTreeMap<String, Vec<(usize, char)>> = BTreeMap::new();
    let words = tokens(&entry.words);
    let mut add = |t: String, pos: usize, weight: char| {
        let p = positions.entry(t).or_default();
        if p.len() < MAX_POSITIONS {
            p.push((pos.min(MAX_POS), weight));
        }
    };
    let n = words.len();
    for (i, t) in words.into_iter().enumerate() {
        add(t, i + 1, 'A');
    }
    // After a gap, so no phrase runs from the words into the parts.
    for (i, t) in tokens(&entry.parts).into_iter().enumerate() {
        add(t, n + 2 + i, 'B');
    }
    let mut out = String::new();
    for (lexeme, pos) in positions {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&quoted(&lexeme));
        out.push(':');
        let mut last = None;
        let mut first = true;
        for (p, w) in pos {
            if last == Some(p) {
                continue; // clamped positions: PostgreSQL keeps one
            }
            last = Some(p);
            if !first {
                out.push(',');
            }
            first = false;
            let _ = write!(out, "{p}{w}");
        }
    }
    out
}

/// A phrase (index terms joined by spaces) as a `tsquery`: its tokens
/// adjacent, restricted to `weight` (`""` for any). `None` when it has no
/// token (it can match nothing).
pub(crate) fn phrase(text: &str, weight: &str) -> Option<String> {
    let t = tokens(text);
    if t.is_empty() {
        return None;
    }
    let lexemes: Vec<String> = t
        .iter()
        .map(|l| format!("{}{}", quoted(l), weight))
        .collect();
    Some(format!("({})", lexemes.join(" <-> ")))
}

/// The `tsquery` of a lookup; `None` when it can match nothing.
fn tsquery(lookup: Lookup<'_>) -> Option<String> {
    let any = |ps: &[String], w: &str| -> Option<String> {
        let alts: Vec<String> = ps.iter().filter_map(|p| phrase(p, w)).collect();
        (!alts.is_empty()).then(|| format!("({})", alts.join(" | ")))
    };
    let all = |ps: &[String], w: &str| -> Option<String> {
        let all: Option<Vec<String>> = ps.iter().map(|p| phrase(p, w)).collect();
        all.filter(|a| !a.is_empty())
            .map(|a| format!("({})", a.join(" & ")))
    };
    match lookup {
        Lookup::Phrases(ps) => any(ps, ":A"),
        Lookup::Pieces { pieces, not } => {
            let all = all(pieces, "")?;
            Some(match any(not, ":A") {
                Some(not) => format!("{all} & !{not}"),
                None => all,
            })
        }
        Lookup::Words(ws) => all(ws, ":A"),
    }
}

/// Characters Rust's `char::is_whitespace` (Unicode White_Space) takes as
/// whitespace, as a regular expression bracket: the folding of a clause's
/// text on the server matches the SQLite store's, done in Rust.
const WHITESPACE: &str = "[\t\n\u{b}\u{c}\r \u{85}\u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}]";

/// The first `$2` clauses (library order) matching `tsquery` `$1`.
pub(crate) const WINDOW: &str =
    "SELECT clause_id FROM clause_search WHERE terms @@ $1::text::tsquery
                      ORDER BY clause_id LIMIT $2";

/// The most documents a scope may have to be looked up by its clauses
/// (see [`TsIndex::new`]).
pub(crate) const SMALL_SCOPE: usize = 2_000;

/// The index of one transaction: [`SearchIndex`] over `clause_search`,
/// looked up within the documents of `scope` (all of them when `None`).
pub(crate) struct TsIndex<'d, 'a> {
    pub(crate) db: std::cell::RefCell<&'d mut Db<'a>>,
    scope: Option<ScopeArgs>,
    /// A small scope's clause ids, ascending.
    small: Option<Vec<i64>>,
}

impl<'d, 'a> TsIndex<'d, 'a> {
    /// The index of `db` within `scope`.
    ///
    /// PostgreSQL finds a word's matches through the GIN index, all of them,
    /// before the scope's join can drop any: a scope of few documents (a
    /// city of 41 at 10,000 documents, a region no document has) paid for
    /// the whole library's matches, 0.4-1.0 s a search. A scope of at most
    /// √(5 N) documents or a tenth of the library, whichever is more (`small_scope`
    /// caps it, 0: never), is looked up by its clauses instead: their ids
    /// are read first and the match is checked on them (the planner
    /// intersects them with the GIN index's matches where that is cheaper).
    /// At 10,000 documents a province of 590 (6 %) took 0.1-0.55 s through
    /// the index's matches and 0.04-0.1 s by its clauses; at a tenth (a
    /// year, about 1,000) the two cost the same; a level of thousands is
    /// fast through the index's matches (its window is met early).
    pub(crate) fn new(
        db: &'d mut Db<'a>,
        scope: Option<ScopeArgs>,
        small_scope: usize,
    ) -> Result<TsIndex<'d, 'a>> {
        let mut small = None;
        if let Some(s) = scope.as_ref().filter(|_| small_scope > 0) {
            let total: i64 = get(&db.one("SELECT count(*) FROM documents", &[])?, 0)?;
            let total = total.max(0) as usize;
            let bound = small_scope.min((((5 * total) as f64).sqrt() as usize).max(total / 10));
            let sql = format!(
                "SELECT x.id FROM documents x WHERE {} ORDER BY x.id LIMIT ${}",
                s.condition("x", 1, Dialect::Postgres),
                s.values().len() + 1
            );
            let cap = limit(bound + 1);
            let mut args: Vec<&(dyn ToSql + Sync)> =
                s.values().map(|v| v as &(dyn ToSql + Sync)).collect();
            args.push(&cap);
            let docs: Vec<i64> = db
                .query(&sql, &args)?
                .iter()
                .map(|r| get(r, 0))
                .collect::<Result<_>>()?;
            if docs.len() <= bound {
                let ids = db
                    .query(
                        "SELECT id FROM clauses WHERE doc_id = ANY($1) ORDER BY id",
                        &[&docs],
                    )?
                    .iter()
                    .map(|r| get(r, 0))
                    .collect::<Result<_>>()?;
                small = Some(ids);
            }
        }
        Ok(TsIndex {
            db: std::cell::RefCell::new(db),
            scope,
            small,
        })
    }
}

impl TsIndex<'_, '_> {
    /// The first `$2` clauses (library order) matching `tsquery` `$1`, in
    /// the scope's documents (its values, or a small scope's clause ids,
    /// numbered from `first`).
    fn window(&self, first: usize) -> String {
        if self.small.is_some() {
            return format!(
                "SELECT clause_id FROM clause_search
                 WHERE clause_id = ANY(${first}::bigint[]) AND terms @@ $1::text::tsquery
                 ORDER BY clause_id LIMIT $2"
            );
        }
        match &self.scope {
            None => WINDOW.to_string(),
            Some(scope) => format!(
                "SELECT m.clause_id FROM clause_search m
                 JOIN clauses s ON s.id = m.clause_id
                 JOIN documents x ON x.id = s.doc_id
                 WHERE m.terms @@ $1::text::tsquery AND {}
                 ORDER BY m.clause_id LIMIT $2",
                scope.condition("x", first, Dialect::Postgres)
            ),
        }
    }

    /// `args` followed by the scope's values (a small scope's clause ids).
    fn with_scope<'a>(
        &'a self,
        mut args: Vec<&'a (dyn ToSql + Sync)>,
    ) -> Vec<&'a (dyn ToSql + Sync)> {
        if let Some(ids) = &self.small {
            args.push(ids);
        } else if let Some(scope) = &self.scope {
            args.extend(scope.values().map(|v| v as &(dyn ToSql + Sync)));
        }
        args
    }
}

pub(crate) fn hit_row(r: &postgres::Row, kind: HitKind, rank: f64) -> Result<Row> {
    Ok(Row {
        id: get(r, 0)?,
        hit: SearchHit {
            doc_id: get(r, 1)?,
            title: get(r, 2)?,
            clause: get::<i32>(r, 3)? as usize,
            path: get(r, 4)?,
            label: get(r, 5)?,
            text: get(r, 6)?,
            matches: Vec::new(),
            rank,
            kind,
        },
    })
}

pub(crate) fn limit(n: usize) -> i64 {
    n.min(i64::MAX as usize) as i64
}

impl SearchIndex for TsIndex<'_, '_> {
    fn ranked(&self, lookup: Lookup<'_>, window: usize, lim: usize) -> Result<Vec<(i64, f64)>> {
        let Some(q) = tsquery(lookup) else {
            return Ok(Vec::new());
        };
        let sql = format!(
            "SELECT c.id, octet_length(c.text) AS len FROM ({}) f
             JOIN clauses c ON c.id = f.clause_id
             ORDER BY len, c.id LIMIT $3",
            self.window(4)
        );
        let (window, lim) = (limit(window), limit(lim));
        let args = self.with_scope(vec![&q, &window, &lim]);
        let rows = self.db.borrow_mut().query(&sql, &args)?;
        rows.iter()
            .map(|r| Ok((get(r, 0)?, get::<i32>(r, 1)? as f64)))
            .collect()
    }

    fn checked(
        &self,
        lookup: Lookup<'_>,
        window: usize,
        needle: &str,
        words: &[String],
    ) -> Result<Candidates> {
        let Some(q) = tsquery(lookup) else {
            return Ok(Candidates::default());
        };
        let sql = format!(
            "SELECT id, len, m FROM (
                SELECT c.id, octet_length(c.text) AS len,
                       CASE WHEN strpos(t.folded, $3) > 0 THEN 2
                            WHEN cardinality($4::text[]) > 0 AND NOT EXISTS (
                                SELECT 1 FROM unnest($4::text[]) w WHERE strpos(t.folded, w) = 0)
                            THEN 1
                            ELSE 0 END AS m
                FROM ({}) f
                JOIN clauses c ON c.id = f.clause_id
                CROSS JOIN LATERAL (
                    SELECT translate(regexp_replace(c.text, $5, '', 'g'),
                                     'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz')
                           AS folded) t
             ) x WHERE m > 0 ORDER BY len, id",
            self.window(6)
        );
        let window = limit(window);
        let args = self.with_scope(vec![&q, &window, &needle, &words, &WHITESPACE]);
        let rows = self.db.borrow_mut().query(&sql, &args)?;
        let mut out = Candidates::default();
        for r in &rows {
            let hit = (get(r, 0)?, get::<i32>(r, 1)? as f64);
            match get::<i32>(r, 2)? {
                2 => out.with_query.push(hit),
                _ => out.with_words.push(hit),
            }
        }
        Ok(out)
    }

    fn load(&self, ids: &[(i64, f64)], kind: HitKind) -> Result<Vec<Row>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let wanted: Vec<i64> = ids.iter().map(|&(id, _)| id).collect();
        let rows = self.db.borrow_mut().query(
            "SELECT c.id, c.doc_id, d.title, c.idx, c.path, c.label, c.text
             FROM clauses c JOIN documents d ON d.id = c.doc_id WHERE c.id = ANY($1)",
            &[&wanted],
        )?;
        let mut by_id = std::collections::HashMap::with_capacity(rows.len());
        for r in &rows {
            let id: i64 = get(r, 0)?;
            by_id.insert(id, r);
        }
        ids.iter()
            .filter_map(|&(id, rank)| by_id.get(&id).map(|r| hit_row(r, kind, rank)))
            .collect()
    }

    fn substring(&self, needle: &str, cap: usize) -> Result<Vec<Row>> {
        let scope = match (&self.small, &self.scope) {
            (Some(_), _) => "AND c.id = ANY($3::bigint[])".to_string(),
            (None, None) => String::new(),
            (None, Some(scope)) => format!("AND {}", scope.condition("d", 3, Dialect::Postgres)),
        };
        let sql = format!(
            "SELECT c.id, c.doc_id, d.title, c.idx, c.path, c.label, c.text
             FROM clauses c JOIN documents d ON d.id = c.doc_id
             WHERE strpos(c.text, $1) > 0 {scope} ORDER BY c.id LIMIT $2"
        );
        let cap = limit(cap);
        let args = self.with_scope(vec![&needle, &cap]);
        let rows = self.db.borrow_mut().query(&sql, &args)?;
        rows.iter()
            .map(|r| hit_row(r, HitKind::Substring, 0.0))
            .collect()
    }
}

/// Index the clauses `ids` with their entries (one statement).
pub(crate) fn index(db: &mut Db<'_>, ids: &[i64], entries: &[IndexEntry]) -> Result<()> {
    let vectors: Vec<String> = entries.iter().map(tsvector).collect();
    db.execute(
        "INSERT INTO clause_search (clause_id, terms)
         SELECT id, terms::tsvector FROM unnest($1::bigint[], $2::text[]) AS t(id, terms)",
        &[&ids, &vectors],
    )?;
    crate::postings::add(db, ids, entries)
}

/// Number of indexed clauses.
pub(crate) fn count(db: &mut Db<'_>) -> Result<usize> {
    let n: i64 = get(&db.one("SELECT count(*) FROM clause_search", &[])?, 0)?;
    Ok(n as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_split_as_unicode61_does() {
        assert_eq!(
            tokens("营商环境 12.5% WES-5"),
            ["营商环境", "12", "5", "wes", "5"]
        );
        assert_eq!(tokens("诉求 \u{E000} 响应"), ["诉求", "\u{E000}", "响应"]);
    }

    #[test]
    fn a_vector_holds_words_then_parts() {
        let e = IndexEntry {
            words: "优化 营商环境 \u{E000} 营商环境".into(),
            parts: "营商 环境".into(),
        };
        assert_eq!(
            tsvector(&e),
            "'优化':1A '环境':7B '营商':6B '营商环境':2A,4A '\u{E000}':3A"
        );
    }

    #[test]
    fn lookups_become_tsqueries() {
        let ps = vec!["诉求 响应".to_string(), "诉求响应".to_string()];
        assert_eq!(
            tsquery(Lookup::Phrases(&ps)).unwrap(),
            "(('诉求':A <-> '响应':A) | ('诉求响应':A))"
        );
        let pieces = vec!["环境".to_string()];
        assert_eq!(
            tsquery(Lookup::Pieces {
                pieces: &pieces,
                not: &ps
            })
            .unwrap(),
            "(('环境')) & !(('诉求':A <-> '响应':A) | ('诉求响应':A))"
        );
        let none = vec!["，".to_string()];
        assert_eq!(tsquery(Lookup::Phrases(&none)), None);
    }
}
