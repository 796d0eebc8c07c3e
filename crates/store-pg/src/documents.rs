//! The `documents` and `document_text` tables: metadata, content hash, and
//! each text stored once (its clauses' texts and the gaps between them,
//! the original as a zstd delta: [`policydiff_store::backend::StoredText`]),
//! as the SQLite store keeps them.
//!
//! Not the place to start: [`super::PgStore`] calls these inside its transactions.

use policydiff_model::{
    DocMeta, DocPage, DocRow, Level, LevelFacet, LibraryFacets, ListFilter, RegionFacet, SortBy,
    SourceDoc,
};
use policydiff_store::backend::{
    facets_from, list_condition, original_from_delta, Dialect, Ids, ListArgs, StoredText,
};
use policydiff_store::{title_sort_key, Error, Result};
use postgres::Row;

use crate::db::{get, Db};

/// The id of the stored document with this content hash, if any.
pub(crate) fn find_by_hash(db: &mut Db<'_>, hash: &str) -> Result<Option<i64>> {
    db.opt("SELECT id FROM documents WHERE content_hash = $1", &[&hash])?
        .map(|r| get(&r, 0))
        .transpose()
}

/// Insert one document (metadata and text); returns its id: one more than
/// the largest ever given ([`crate::state::next_id`]), as the SQLite store
/// numbers them (so the same imports give the same ids on either backend).
/// The caller holds the library's write lock.
pub(crate) fn insert(
    db: &mut Db<'_>,
    doc: &SourceDoc,
    hash: &str,
    clause_count: usize,
    text: &StoredText,
    delta: Option<&[u8]>,
) -> Result<i64> {
    let m = &doc.meta;
    let warnings = serde_json::to_string(&m.warnings)
        .map_err(|e| Error::Other(format!("cannot encode warnings: {e}")))?;
    let id = crate::state::next_id(db, Ids::Documents)?;
    db.execute(
        "INSERT INTO documents (id, title, issuer, date, doc_number, province, city, level,
                                source_url, source_file, fragment, excerpt, warnings,
                                chars, content_hash, clause_count, title_key)
         VALUES ($16, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $17)",
        &[
            &m.title,
            &m.issuer,
            &m.date,
            &m.doc_number,
            &m.province,
            &m.city,
            &m.level.as_str(),
            &m.source_url,
            &m.source_file,
            &m.fragment,
            &m.excerpt,
            &warnings,
            &(doc.text.chars().count() as i64),
            &hash,
            &(clause_count as i32),
            &id,
            &title_sort_key(&m.title),
        ],
    )?;
    db.execute(
        "INSERT INTO document_text (doc_id, text, gaps, original) VALUES ($1, $2, $3, $4)",
        &[&id, &text.text, &text.gaps, &delta],
    )?;
    Ok(id)
}

/// Write the title sort key of every stored document, in one statement
/// (schema version 6 fills it for a library written before). A change of a
/// document's title must write its key with it, as [`insert`] does.
pub(crate) fn fill_title_keys(db: &mut Db<'_>) -> Result<()> {
    let rows = db.query("SELECT id, title FROM documents", &[])?;
    let mut ids = Vec::with_capacity(rows.len());
    let mut keys = Vec::with_capacity(rows.len());
    for r in &rows {
        ids.push(get::<i64>(r, 0)?);
        keys.push(title_sort_key(&get::<String>(r, 1)?));
    }
    db.execute(
        "UPDATE documents d SET title_key = k.key
         FROM unnest($1::bigint[], $2::text[]) AS k (id, key) WHERE d.id = k.id",
        &[&ids, &keys],
    )?;
    Ok(())
}

/// Write the editable metadata of document `id` (title, issuer, date,
/// 文号, province, city, level, source URL).
pub(crate) fn update_meta(db: &mut Db<'_>, id: i64, m: &DocMeta) -> Result<()> {
    let n = db.execute(
        "UPDATE documents SET title = $2, issuer = $3, date = $4, doc_number = $5,
                province = $6, city = $7, level = $8, source_url = $9, title_key = $10
         WHERE id = $1",
        &[
            &id,
            &m.title,
            &m.issuer,
            &m.date,
            &m.doc_number,
            &m.province,
            &m.city,
            &m.level.as_str(),
            &m.source_url,
            &title_sort_key(&m.title),
        ],
    )?;
    if n == 0 {
        return Err(Error::NoSuchDocument(id));
    }
    Ok(())
}

/// The oldest document other than `id` titled `title`, if any.
pub(crate) fn same_title(db: &mut Db<'_>, title: &str, id: i64) -> Result<Option<i64>> {
    get(
        &db.one(
            "SELECT min(id) FROM documents WHERE title_key = $3 AND title = $1 AND id <> $2",
            &[&title, &id, &title_sort_key(title)],
        )?,
        0,
    )
}

/// Whether another document has the title of row `d`: an index lookup by
/// the title's sort key (the title order's index leads with it), then the title.
const TITLE_SHARED: &str = "EXISTS (SELECT 1 FROM documents y
              WHERE y.title_key = d.title_key AND y.title = d.title AND y.id <> d.id)";

/// The metadata columns, in the order [`meta_from_row`] reads them.
const META_COLUMNS: &str = "d.title, d.issuer, d.date, d.doc_number, d.province, d.city, d.level,
     d.source_url, d.source_file, d.fragment, d.excerpt, d.warnings";

/// Read [`META_COLUMNS`] starting at column `at`.
fn meta_from_row(row: &Row, at: usize) -> Result<DocMeta> {
    let level: String = get(row, at + 6)?;
    let warnings: String = get(row, at + 11)?;
    let warnings = serde_json::from_str(&warnings)
        .map_err(|e| Error::Other(format!("a document's stored warnings are damaged: {e}")))?;
    Ok(DocMeta {
        title: get(row, at)?,
        issuer: get(row, at + 1)?,
        date: get(row, at + 2)?,
        doc_number: get(row, at + 3)?,
        province: get(row, at + 4)?,
        city: get(row, at + 5)?,
        level: Level::from_name(&level),
        source_url: get(row, at + 7)?,
        source_file: get(row, at + 8)?,
        fragment: get(row, at + 9)?,
        excerpt: get(row, at + 10)?,
        warnings,
    })
}

/// Number of documents.
pub(crate) fn count(db: &mut Db<'_>) -> Result<usize> {
    let n: i64 = get(&db.one("SELECT count(*) FROM documents", &[])?, 0)?;
    Ok(n as usize)
}

/// The `WHERE` clause of a list over parameters `$1` (region), `$2`
/// (level), `$3` (year), `$6` (text of the title) and `$7` (the same text
/// as a 文号, [`ListFilter::doc_number_key`]), as the SQLite store filters.
fn list_where() -> String {
    format!(
        "{}
         AND ($6::text IS NULL OR strpos(d.title, $6) > 0 OR strpos({}, $7::text) > 0)",
        list_condition("d", 1, Dialect::Postgres),
        ListFilter::doc_number_key_sql("d.doc_number")
    )
}

/// Documents matching `filter`, in its order: `limit` rows from `offset`
/// (all of them when `limit` is `None`), and how many match in all.
pub(crate) fn list(
    db: &mut Db<'_>,
    filter: &ListFilter,
    offset: usize,
    limit: Option<usize>,
) -> Result<DocPage> {
    let order = order_by(filter.sort);
    let ListArgs {
        region,
        level,
        year,
        text,
        number,
    } = ListArgs::of(filter);
    let sql = format!(
        "SELECT d.id, {META_COLUMNS}, d.chars, d.clause_count, {TITLE_SHARED}
         FROM documents d WHERE {}
         ORDER BY {order} LIMIT $4 OFFSET $5",
        list_where()
    );
    let lim = limit.map(|l| l.min(i64::MAX as usize) as i64);
    let off = offset.min(i64::MAX as usize) as i64;
    let rows = db.query(&sql, &[&region, &level, &year, &lim, &off, &text, &number])?;
    let rows = rows.iter().map(doc_row).collect::<Result<Vec<DocRow>>>()?;
    let total = if offset == 0 && limit.is_none_or(|l| rows.len() < l) {
        rows.len()
    } else {
        // The texts are $6 and $7 in the page's query, $4 and $5 here.
        let sql = format!(
            "SELECT count(*) FROM documents d WHERE {}",
            list_where().replace("$6", "$4").replace("$7", "$5")
        );
        let n: i64 = get(&db.one(&sql, &[&region, &level, &year, &text, &number])?, 0)?;
        n as usize
    };
    Ok(DocPage { rows, total })
}

/// The `ORDER BY` of a list sorted by `sort`, on table alias `d`.
fn order_by(sort: SortBy) -> &'static str {
    match sort {
        SortBy::Id => "d.id",
        SortBy::DateDesc => "(d.date IS NULL), d.date DESC, d.id",
        SortBy::DateAsc => "(d.date IS NULL), d.date, d.id",
        // Pinyin order (the key, see title_sort_key), ties by the title's
        // code points (the columns' "C" collation), then the id, as SQLite sorts.
        SortBy::Title => "d.title_key, d.title, d.id",
    }
}

/// Where document `id` stands (0-based) among the documents matching
/// `filter`, in its order, as the SQLite store gives it.
pub(crate) fn position(db: &mut Db<'_>, filter: &ListFilter, id: i64) -> Result<Option<usize>> {
    let a = ListArgs::of(filter);
    // The texts are $6 and $7 in the page's query, $4 and $5 here.
    let sql = format!(
        "SELECT pos FROM (SELECT d.id, row_number() OVER (ORDER BY {}) - 1 AS pos
                          FROM documents d WHERE {}) ranked
         WHERE id = $6",
        order_by(filter.sort),
        list_where().replace("$6", "$4").replace("$7", "$5")
    );
    let rows = db.query(
        &sql,
        &[&a.region, &a.level, &a.year, &a.text, &a.number, &id],
    )?;
    rows.first()
        .map(|r| get::<i64>(r, 0).map(|p| p as usize))
        .transpose()
}

/// A document row of `SELECT d.id, {META_COLUMNS}, d.chars, d.clause_count`.
fn doc_row(r: &Row) -> Result<DocRow> {
    Ok(DocRow {
        id: get(r, 0)?,
        meta: meta_from_row(r, 1)?,
        chars: get::<i64>(r, 13)? as usize,
        clause_count: get::<i32>(r, 14)? as usize,
        title_shared: get(r, 15)?,
    })
}

/// The rows of documents `ids`, in that order, as the SQLite store gives
/// them: an id stored nowhere is skipped, a repeated one given once.
pub(crate) fn rows_by_id(db: &mut Db<'_>, ids: &[i64]) -> Result<Vec<DocRow>> {
    let sql = format!(
        "SELECT d.id, {META_COLUMNS}, d.chars, d.clause_count, {TITLE_SHARED}
         FROM documents d WHERE d.id = ANY($1)"
    );
    let found = db
        .query(&sql, &[&ids])?
        .iter()
        .map(doc_row)
        .collect::<Result<Vec<DocRow>>>()?;
    let mut by_id: std::collections::HashMap<i64, DocRow> =
        found.into_iter().map(|r| (r.id, r)).collect();
    Ok(ids.iter().filter_map(|id| by_id.remove(id)).collect())
}

/// The filter choices of the library and their document counts, as the
/// SQLite store gives them ([`facets_from`] orders both alike).
pub(crate) fn facets(db: &mut Db<'_>) -> Result<LibraryFacets> {
    let regions = db
        .query(
            "SELECT province, city, count(*) FROM documents GROUP BY province, city",
            &[],
        )?
        .iter()
        .map(|r| {
            Ok(RegionFacet {
                province: get(r, 0)?,
                city: get(r, 1)?,
                count: get::<i64>(r, 2)? as usize,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let levels = db
        .query("SELECT level, count(*) FROM documents GROUP BY level", &[])?
        .iter()
        .map(|r| {
            Ok(LevelFacet {
                level: Level::from_name(&get::<String>(r, 0)?),
                count: get::<i64>(r, 1)? as usize,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let years = db
        .query(
            "SELECT substr(date, 1, 4), count(*) FROM documents
             WHERE date ~ '^[0-9]{4}' GROUP BY 1",
            &[],
        )?
        .iter()
        .map(|r| Ok((get::<String>(r, 0)?, get::<i64>(r, 1)? as usize)))
        .collect::<Result<Vec<_>>>()?;
    Ok(facets_from(regions, levels, years))
}

/// A stored document's metadata, its text as stored, and its original's delta.
pub(crate) struct Stored {
    pub(crate) meta: DocMeta,
    pub(crate) text: StoredText,
    delta: Option<Vec<u8>>,
}

impl Stored {
    /// The original text, given the (rebuilt) cleaned text.
    pub(crate) fn original(&self, text: &str) -> Result<String> {
        match &self.delta {
            None => Ok(text.to_string()),
            Some(d) => original_from_delta(d, text),
        }
    }
}

/// Document `id` as stored.
pub(crate) fn get_doc(db: &mut Db<'_>, id: i64) -> Result<Stored> {
    let sql = format!(
        "SELECT {META_COLUMNS}, t.text, t.gaps, t.original
         FROM documents d JOIN document_text t ON t.doc_id = d.id WHERE d.id = $1"
    );
    let row = db.opt(&sql, &[&id])?.ok_or(Error::NoSuchDocument(id))?;
    Ok(Stored {
        meta: meta_from_row(&row, 0)?,
        text: StoredText {
            text: get(&row, 12)?,
            gaps: get(&row, 13)?,
        },
        delta: get(&row, 14)?,
    })
}

/// The document exists.
pub(crate) fn exists(db: &mut Db<'_>, id: i64) -> Result<bool> {
    Ok(db
        .opt("SELECT 1 FROM documents WHERE id = $1", &[&id])?
        .is_some())
}

/// Delete document `id`; its text, clauses, their index rows and its
/// recent comparisons go with it (`ON DELETE CASCADE`), and its
/// similar-clause postings (lists it leaves short refilled).
pub(crate) fn delete(db: &mut Db<'_>, id: i64) -> Result<()> {
    // The postings are not tied to the clauses (no foreign key: a cascade
    // would need a second index on them): removed first, by their words.
    let short = crate::postings::remove_doc(db, id)?;
    let n = db.execute("DELETE FROM documents WHERE id = $1", &[&id])?;
    if n == 0 {
        return Err(Error::NoSuchDocument(id));
    }
    // Lists the delete left short, from the clauses that remain.
    crate::postings::refill(db, &short)
}
