//! The `documents` and `document_text` tables: metadata, content hash, and
//! each document's text, stored once.
//!
//! A document's cleaned text is made of its clauses' texts (stored with the
//! clauses, where search reads them) and what lies between them, mostly
//! line breaks: only those gaps are stored ([`StoredText`]), and the text
//! is rebuilt on read. A text its clauses do not cover in order is stored
//! whole. The original text, which differs from the cleaned text only where
//! cleaning changed something, is stored as a zstd frame compressed with the
//! cleaned text as its dictionary: a few hundred bytes instead of a second
//! copy. Not the place to start: [`super::SqliteStore`] calls these inside
//! its transactions. Schema in [`super::schema`].

use rusqlite::{params, Connection, OptionalExtension, Row};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::filter_sql::{list_condition, Dialect};
use crate::state;
use crate::title_key::title_sort_key;
use policydiff_model::{DocMeta, Level, SourceDoc};
use policydiff_model::{
    DocPage, DocRow, LevelFacet, LibraryFacets, ListFilter, RegionFacet, SortBy, YearFacet,
};

/// zstd level of the original-text deltas: 3 makes the corpus's deltas 540
/// bytes a document in 0.3 ms; 19 saves 140 bytes and takes 20 times longer.
const DELTA_LEVEL: i32 = 3;

/// The content hash of a document: SHA-256 of its cleaned text, lowercase hex.
pub fn content_hash(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

/// `original` compressed with `text` as the dictionary (a zstd frame that
/// records its size).
pub fn original_delta(original: &str, text: &str) -> Result<Vec<u8>> {
    let delta = |e: std::io::Error| Error::Other(format!("cannot compress an original text: {e}"));
    zstd::bulk::Compressor::with_dictionary(DELTA_LEVEL, text.as_bytes())
        .and_then(|mut c| c.compress(original.as_bytes()))
        .map_err(delta)
}

/// The original text back from [`original_delta`] (given the same cleaned `text`).
pub fn original_from_delta(delta: &[u8], text: &str) -> Result<String> {
    let bad = |what: String| Error::Other(format!("a stored original text is damaged: {what}"));
    let size = zstd::zstd_safe::get_frame_content_size(delta)
        .ok()
        .flatten()
        .ok_or_else(|| bad("no size".into()))?;
    let bytes = zstd::bulk::Decompressor::with_dictionary(text.as_bytes())
        .and_then(|mut d| d.decompress(delta, size as usize))
        .map_err(|e| bad(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| bad(e.to_string()))
}

/// How a document's cleaned text is stored: whole (`text`), or as the
/// `gaps` around and between its clauses' texts (a JSON array of strings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredText {
    /// The whole text, when its clauses do not cover it in order.
    pub text: Option<String>,
    /// Else the gaps around and between the clauses' texts (a JSON array of strings).
    pub gaps: Option<String>,
}

impl StoredText {
    /// How to store `text`, whose clauses have `clauses` as texts in order.
    pub fn new<'a>(text: &str, clauses: impl IntoIterator<Item = &'a str>) -> Result<StoredText> {
        let mut gaps = Vec::new();
        let mut at = 0;
        for c in clauses {
            let Some(i) = text[at..].find(c) else {
                return Ok(StoredText {
                    text: Some(text.to_string()),
                    gaps: None,
                });
            };
            gaps.push(&text[at..at + i]);
            at += i + c.len();
        }
        gaps.push(&text[at..]);
        let gaps = serde_json::to_string(&gaps)
            .map_err(|e| Error::Other(format!("cannot encode a text's gaps: {e}")))?;
        Ok(StoredText {
            text: None,
            gaps: Some(gaps),
        })
    }

    /// The text back, given its clauses' texts in order.
    pub fn rebuild<'a>(
        self,
        doc_id: i64,
        clauses: impl ExactSizeIterator<Item = &'a str>,
    ) -> Result<String> {
        if let Some(text) = self.text {
            return Ok(text);
        }
        let bad = |what: &str| {
            Error::Other(format!(
                "library document {doc_id}: its stored text is damaged ({what})"
            ))
        };
        let gaps: Vec<String> =
            serde_json::from_str(self.gaps.as_deref().unwrap_or("[]")).map_err(|_| bad("gaps"))?;
        if gaps.len() != clauses.len() + 1 {
            return Err(bad("gaps and clauses disagree"));
        }
        let mut out = String::new();
        for (gap, clause) in gaps.iter().zip(clauses) {
            out.push_str(gap);
            out.push_str(clause);
        }
        out.push_str(gaps.last().map_or("", String::as_str));
        Ok(out)
    }
}

/// The id of the stored document with this content hash, if any.
pub(super) fn find_by_hash(conn: &Connection, hash: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
        .query_row([hash], |r| r.get(0))
        .optional()?)
}

/// Insert one document (metadata and text); returns its id, one never
/// given before in this library ([`state::next_id`]). `delta` is the
/// original text's [`original_delta`], `None` when it equals the text.
pub(super) fn insert(
    conn: &Connection,
    doc: &SourceDoc,
    hash: &str,
    clause_count: usize,
    text: &StoredText,
    delta: Option<&[u8]>,
) -> Result<i64> {
    let m = &doc.meta;
    let warnings = serde_json::to_string(&m.warnings)
        .map_err(|e| Error::Other(format!("cannot encode warnings: {e}")))?;
    let id = state::next_id(conn, state::Ids::Documents)?;
    conn.prepare_cached(
        "INSERT INTO documents (id, title, issuer, date, doc_number, province, city, level,
                                source_url, source_file, fragment, excerpt, warnings,
                                chars, content_hash, clause_count, title_key)
         VALUES (?16, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?17)",
    )?
    .execute(params![
        m.title,
        m.issuer,
        m.date,
        m.doc_number,
        m.province,
        m.city,
        m.level.as_str(),
        m.source_url,
        m.source_file,
        m.fragment,
        m.excerpt,
        warnings,
        doc.text.chars().count() as i64,
        hash,
        clause_count as i64,
        id,
        title_sort_key(&m.title),
    ])?;
    conn.prepare_cached(
        "INSERT INTO document_text (doc_id, text, gaps, original) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![id, text.text, text.gaps, delta])?;
    Ok(id)
}

/// Write the title sort key of every stored document (schema version 10
/// fills it for a library written before). A change of a document's title
/// must write its key with it, as [`insert`] does.
pub(super) fn fill_title_keys(conn: &Connection) -> Result<()> {
    let titles: Vec<(i64, String)> = conn
        .prepare("SELECT id, title FROM documents")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut write = conn.prepare("UPDATE documents SET title_key = ?2 WHERE id = ?1")?;
    for (id, title) in titles {
        write.execute(params![id, title_sort_key(&title)])?;
    }
    Ok(())
}

/// Write the editable metadata of document `id` (title, issuer, date,
/// 文号, province, city, level, source URL).
pub(super) fn update_meta(conn: &Connection, id: i64, m: &DocMeta) -> Result<()> {
    let n = conn
        .prepare_cached(
            "UPDATE documents SET title = ?2, issuer = ?3, date = ?4, doc_number = ?5,
                    province = ?6, city = ?7, level = ?8, source_url = ?9, title_key = ?10
             WHERE id = ?1",
        )?
        .execute(params![
            id,
            m.title,
            m.issuer,
            m.date,
            m.doc_number,
            m.province,
            m.city,
            m.level.as_str(),
            m.source_url,
            title_sort_key(&m.title)
        ])?;
    if n == 0 {
        return Err(Error::NoSuchDocument(id));
    }
    Ok(())
}

/// The oldest document other than `id` titled `title`, if any.
pub(super) fn same_title(conn: &Connection, title: &str, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT min(id) FROM documents WHERE title_key = ?3 AND title = ?1 AND id <> ?2",
        )?
        .query_row(params![title, id, title_sort_key(title)], |r| r.get(0))?)
}

/// Whether another document has the title of row `d`: an index lookup by
/// the title's sort key (the title order's index leads with it), then the title.
const TITLE_SHARED: &str = "EXISTS (SELECT 1 FROM documents y
              WHERE y.title_key = d.title_key AND y.title = d.title AND y.id <> d.id)";

/// The metadata columns, in the order [`meta_from_row`] reads them.
const META_COLUMNS: &str = "d.title, d.issuer, d.date, d.doc_number, d.province, d.city, d.level,
     d.source_url, d.source_file, d.fragment, d.excerpt, d.warnings";

/// Read [`META_COLUMNS`] starting at column `at`.
fn meta_from_row(row: &Row<'_>, at: usize) -> rusqlite::Result<DocMeta> {
    let level: String = row.get(at + 6)?;
    let warnings: String = row.get(at + 11)?;
    let warnings = serde_json::from_str(&warnings).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(at + 11, rusqlite::types::Type::Text, Box::new(e))
    })?;
    Ok(DocMeta {
        title: row.get(at)?,
        issuer: row.get(at + 1)?,
        date: row.get(at + 2)?,
        doc_number: row.get(at + 3)?,
        province: row.get(at + 4)?,
        city: row.get(at + 5)?,
        level: Level::from_name(&level),
        source_url: row.get(at + 7)?,
        source_file: row.get(at + 8)?,
        fragment: row.get(at + 9)?,
        excerpt: row.get(at + 10)?,
        warnings,
    })
}

/// Number of documents.
pub(super) fn count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM documents")?
        .query_row([], |r| r.get(0))?;
    Ok(n as usize)
}

/// The `WHERE` clause of a list, on table alias `x`, over parameters `?1`
/// (region), `?2` (level), `?3` (year), `?6` (text of the title) and `?7`
/// (the same text as a 文号, [`ListFilter::doc_number_key`]). A 文号 is
/// normalised in SQL only when it has a space or a bracket to change (the
/// `GLOB`): normalising every row costs 85 ms at 50,000 documents.
fn list_where() -> String {
    // `]` first in a GLOB class stands for itself.
    let odd: String = [' ', '\u{3000}']
        .into_iter()
        .chain(
            ListFilter::DOC_NUMBER_BRACKETS
                .iter()
                .map(|&(from, _)| from),
        )
        .filter(|&c| c != ']')
        .collect();
    format!(
        "{}
         AND (?6 IS NULL OR instr(x.title, ?6) > 0
              OR instr(coalesce(x.doc_number, ''), ?7) > 0
              OR (x.doc_number GLOB '*[]{odd}]*' AND instr({}, ?7) > 0))",
        list_condition("x", 1, Dialect::Sqlite),
        ListFilter::doc_number_key_sql("x.doc_number")
    )
}

/// The parameters of a list query, as both stores bind them: the region
/// (empty means none), the level's name, the year as four digits, the
/// trimmed text (empty means none) and that text as a 文号
/// ([`ListFilter::doc_number_key`]).
pub struct ListArgs<'a> {
    /// Part of the province or city.
    pub region: Option<&'a str>,
    /// [`Level::as_str`].
    pub level: Option<&'static str>,
    /// `"2023"`.
    pub year: Option<String>,
    /// Part of the title or 文号.
    pub text: Option<&'a str>,
    /// `text` as a 文号 key.
    pub number: Option<String>,
}

impl<'a> ListArgs<'a> {
    /// The parameters of `filter`.
    pub fn of(filter: &'a ListFilter) -> Self {
        let text = filter
            .text
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty());
        ListArgs {
            region: filter.region.as_deref().filter(|r| !r.is_empty()),
            level: filter.level.map(Level::as_str),
            year: filter.year.map(|y| format!("{y:04}")),
            text,
            number: text.map(ListFilter::doc_number_key),
        }
    }
}

/// Documents matching `filter`, in its order: `limit` rows from `offset`
/// (all of them when `limit` is `None`), and how many match in all.
pub(super) fn list(
    conn: &Connection,
    filter: &ListFilter,
    offset: usize,
    limit: Option<usize>,
) -> Result<DocPage> {
    let order = |t: &str| order_by(filter.sort, t);
    let ListArgs {
        region,
        level,
        year,
        text,
        number,
    } = ListArgs::of(filter);
    let sql = format!(
        "SELECT d.id, {META_COLUMNS}, d.chars, d.clause_count, {TITLE_SHARED}
         FROM documents d
         WHERE d.id IN (SELECT x.id FROM documents x WHERE {}
                        ORDER BY {} LIMIT ?4 OFFSET ?5)
         ORDER BY {}",
        list_where(),
        order("x"),
        order("d")
    );
    // SQLite: a negative LIMIT is no limit.
    let lim = limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64);
    let mut st = conn.prepare_cached(&sql)?;
    let rows = st.query_map(
        params![
            region,
            level,
            year,
            lim,
            offset.min(i64::MAX as usize) as i64,
            text,
            number
        ],
        doc_row,
    )?;
    let rows: Vec<DocRow> = rows.collect::<rusqlite::Result<_>>()?;
    let total = if offset == 0 && limit.is_none_or(|l| rows.len() < l) {
        rows.len()
    } else {
        // The texts are ?6 and ?7 in the page's query, ?4 and ?5 here.
        let sql = format!(
            "SELECT count(*) FROM documents x WHERE {}",
            list_where().replace("?6", "?4").replace("?7", "?5")
        );
        let n: i64 = conn
            .prepare_cached(&sql)?
            .query_row(params![region, level, year, text, number], |r| r.get(0))?;
        n as usize
    };
    Ok(DocPage { rows, total })
}

/// The `ORDER BY` of a list sorted by `sort`, on table alias `t`. Each order
/// is an index of the schema's (documents_by_*) holding the filter columns:
/// a page's ids come from the index alone, then their rows.
fn order_by(sort: SortBy, t: &str) -> String {
    match sort {
        SortBy::Id => format!("{t}.id"),
        SortBy::DateDesc => format!("{t}.date IS NULL, {t}.date DESC, {t}.id"),
        SortBy::DateAsc => format!("{t}.date IS NULL, {t}.date, {t}.id"),
        // Pinyin order (the key, see title_sort_key), ties by the title's
        // code points, then the id.
        SortBy::Title => format!("{t}.title_key, {t}.title, {t}.id"),
    }
}

/// Where document `id` stands (0-based) among the documents matching
/// `filter`, in its order; `None` when it does not match or is not stored.
/// One pass over the matching rows in index order.
pub(super) fn position(conn: &Connection, filter: &ListFilter, id: i64) -> Result<Option<usize>> {
    let a = ListArgs::of(filter);
    // The texts are ?6 and ?7 in the page's query, ?4 and ?5 here.
    let sql = format!(
        "SELECT pos FROM (SELECT x.id, row_number() OVER (ORDER BY {}) - 1 AS pos
                          FROM documents x WHERE {})
         WHERE id = ?6",
        order_by(filter.sort, "x"),
        list_where().replace("?6", "?4").replace("?7", "?5")
    );
    let pos: Option<i64> = conn
        .prepare_cached(&sql)?
        .query_row(
            params![a.region, a.level, a.year, a.text, a.number, id],
            |r| r.get(0),
        )
        .optional()?;
    Ok(pos.map(|p| p as usize))
}

/// A document row of `SELECT d.id, {META_COLUMNS}, d.chars, d.clause_count`.
fn doc_row(r: &Row<'_>) -> rusqlite::Result<DocRow> {
    Ok(DocRow {
        id: r.get(0)?,
        meta: meta_from_row(r, 1)?,
        chars: r.get::<_, i64>(13)? as usize,
        clause_count: r.get::<_, i64>(14)? as usize,
        title_shared: r.get(15)?,
    })
}

/// The rows of documents `ids`, in that order; an id stored nowhere is
/// skipped, a repeated one given once.
pub(super) fn rows_by_id(conn: &Connection, ids: &[i64]) -> Result<Vec<DocRow>> {
    let mut st = conn.prepare_cached(&format!(
        "SELECT d.id, {META_COLUMNS}, d.chars, d.clause_count, {TITLE_SHARED} FROM documents d WHERE d.id = ?1"
    ))?;
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for &id in ids {
        if !seen.insert(id) {
            continue;
        }
        let row = st.query_row([id], doc_row).optional()?;
        out.extend(row);
    }
    Ok(out)
}

/// The filter choices of the library and their document counts: three
/// grouped scans of the documents table (no text read).
pub(super) fn facets(conn: &Connection) -> Result<LibraryFacets> {
    let regions = conn
        .prepare_cached("SELECT province, city, count(*) FROM documents GROUP BY province, city")?
        .query_map([], |r| {
            Ok(RegionFacet {
                province: r.get(0)?,
                city: r.get(1)?,
                count: r.get::<_, i64>(2)? as usize,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let levels = conn
        .prepare_cached("SELECT level, count(*) FROM documents GROUP BY level")?
        .query_map([], |r| {
            Ok(LevelFacet {
                level: Level::from_name(&r.get::<_, String>(0)?),
                count: r.get::<_, i64>(1)? as usize,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let years = conn
        .prepare_cached(
            "SELECT substr(date, 1, 4), count(*) FROM documents
             WHERE date GLOB '[0-9][0-9][0-9][0-9]*' GROUP BY 1",
        )?
        .query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as usize))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(facets_from(regions, levels, years))
}

/// [`LibraryFacets`] from a backend's grouped counts, in any order: regions by
/// province then city (code-point order, absent first), levels in [`Level`]
/// order, years (`"2023"`, the issue dates' first four characters; others are
/// skipped) newest first. Both stores answer alike whatever their SQL sorts.
pub fn facets_from(
    mut regions: Vec<RegionFacet>,
    mut levels: Vec<LevelFacet>,
    years: Vec<(String, usize)>,
) -> LibraryFacets {
    regions.sort_by(|a, b| (&a.province, &a.city).cmp(&(&b.province, &b.city)));
    let rank = |l: Level| {
        [Level::Province, Level::City, Level::District, Level::Other]
            .iter()
            .position(|&x| x == l)
    };
    levels.sort_by_key(|l| rank(l.level));
    let mut years: Vec<YearFacet> = years
        .into_iter()
        .filter_map(|(y, count)| {
            Some(YearFacet {
                year: y.parse().ok()?,
                count,
            })
        })
        .collect();
    years.sort_by_key(|y| std::cmp::Reverse(y.year));
    LibraryFacets {
        regions,
        levels,
        years,
    }
}

/// A stored document's metadata, its text as stored, and its original's delta.
pub(super) struct Stored {
    pub(super) meta: DocMeta,
    pub(super) text: StoredText,
    delta: Option<Vec<u8>>,
}

impl Stored {
    /// The original text, given the (rebuilt) cleaned text.
    pub(super) fn original(&self, text: &str) -> Result<String> {
        match &self.delta {
            None => Ok(text.to_string()),
            Some(d) => original_from_delta(d, text),
        }
    }
}

/// Document `id` as stored.
pub(super) fn get(conn: &Connection, id: i64) -> Result<Stored> {
    let sql = format!(
        "SELECT {META_COLUMNS}, t.text, t.gaps, t.original
         FROM documents d JOIN document_text t ON t.doc_id = d.id WHERE d.id = ?1"
    );
    conn.prepare_cached(&sql)?
        .query_row([id], |r| {
            Ok(Stored {
                meta: meta_from_row(r, 0)?,
                text: StoredText {
                    text: r.get(12)?,
                    gaps: r.get(13)?,
                },
                delta: r.get(14)?,
            })
        })
        .optional()?
        .ok_or(Error::NoSuchDocument(id))
}

/// The document exists.
pub(super) fn exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
        .exists([id])?)
}

/// Delete document `id`; its text, clauses and recent comparisons go with it
/// (`ON DELETE CASCADE`). The search rows must be removed first by the caller.
pub(super) fn delete(conn: &Connection, id: i64) -> Result<()> {
    let n = conn
        .prepare_cached("DELETE FROM documents WHERE id = ?1")?
        .execute([id])?;
    if n == 0 {
        return Err(Error::NoSuchDocument(id));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn facets_are_ordered_whatever_the_backend_returned() {
        let region = |p: Option<&str>, c: Option<&str>, count| RegionFacet {
            province: p.map(Into::into),
            city: c.map(Into::into),
            count,
        };
        let level = |level, count| LevelFacet { level, count };
        let f = facets_from(
            vec![
                region(Some("广西"), None, 1),
                region(Some("广东"), Some("佛山"), 2),
                region(None, None, 3),
                region(Some("广东"), None, 4),
            ],
            vec![
                level(Level::Other, 1),
                level(Level::City, 2),
                level(Level::Province, 3),
            ],
            vec![
                ("2019".into(), 1),
                ("2023".into(), 2),
                ("二〇二一".into(), 3),
            ],
        );
        assert_eq!(
            f.regions,
            [
                region(None, None, 3),
                region(Some("广东"), None, 4),
                region(Some("广东"), Some("佛山"), 2),
                region(Some("广西"), None, 1),
            ]
        );
        let levels: Vec<_> = f.levels.iter().map(|l| l.level).collect();
        assert_eq!(levels, [Level::Province, Level::City, Level::Other]);
        assert_eq!(
            f.years,
            [
                YearFacet {
                    year: 2023,
                    count: 2
                },
                YearFacet {
                    year: 2019,
                    count: 1
                }
            ]
        );
    }

    #[test]
    fn a_text_is_rebuilt_from_its_clauses_and_gaps() {
        let text = "标题\n\n一、总则\n（一）加强领导。\n附件";
        let clauses = ["标题", "一、总则", "（一）加强领导。"];
        let stored = StoredText::new(text, clauses).unwrap();
        assert!(stored.text.is_none());
        assert_eq!(
            stored.clone().rebuild(1, clauses.into_iter()).unwrap(),
            text
        );
        // Clauses out of order: the text is stored whole.
        let stored = StoredText::new(text, ["一、总则", "标题"]).unwrap();
        assert_eq!(stored.text.as_deref(), Some(text));
        // Gaps that do not fit the clauses are refused, not glued together.
        let stored = StoredText::new(text, clauses).unwrap();
        assert!(stored.rebuild(1, ["标题"].into_iter()).is_err());
    }

    #[test]
    fn an_original_comes_back_from_its_delta() {
        let text = "关于优化营商环境的通知\n一、总体要求\n（一）加强领导。".repeat(20);
        let original = text.replace("\n", "\r\n  ").replace("（", "(");
        let delta = original_delta(&original, &text).unwrap();
        assert!(delta.len() * 10 < original.len(), "{} bytes", delta.len());
        assert_eq!(original_from_delta(&delta, &text).unwrap(), original);
        // The wrong dictionary does not give the original back.
        assert_ne!(
            original_from_delta(&delta, "另一个文本").ok().as_deref(),
            Some(original.as_str())
        );
    }
}
