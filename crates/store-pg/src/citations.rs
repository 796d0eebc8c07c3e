//! The `citations` and `citation_keys` tables: the citation graph, as the
//! SQLite store keeps it (crates/store/src/citations.rs): what each
//! document cites (extracted at import by `policydiff_parse::citations`,
//! [`Entry`]) and the keys each document is cited by; a citation resolves
//! to the documents whose key equals its key, joined at read time.
//! Each document's rows are written with one statement (arrays unnested on
//! the server). Not the place to start: see [`super::PgStore`]'s `citations`.

use policydiff_model::{Citation, CitationLink, DocMeta};
use policydiff_store::backend::citations::{kind_from_name, kind_name, Entry};
use policydiff_store::Result;

use crate::db::{get, Db};

/// Store document `doc_id`'s keys and citations.
pub(crate) fn insert(db: &mut Db<'_>, doc_id: i64, entry: &Entry) -> Result<()> {
    if !entry.keys.is_empty() {
        let kinds: Vec<&str> = entry.keys.iter().map(|(k, _)| kind_name(*k)).collect();
        let keys: Vec<&str> = entry.keys.iter().map(|(_, k)| k.as_str()).collect();
        db.execute(
            "INSERT INTO citation_keys (kind, key, doc_id)
             SELECT kind, key, $1 FROM unnest($2::text[], $3::text[]) AS k(kind, key)
             ON CONFLICT DO NOTHING",
            &[&doc_id, &kinds, &keys],
        )?;
    }
    if entry.citations.is_empty() {
        return Ok(());
    }
    let c = &entry.citations;
    let seq: Vec<i32> = (0..c.len() as i32).collect();
    let kind: Vec<&str> = c.iter().map(|c| kind_name(c.kind)).collect();
    let key: Vec<&str> = c.iter().map(|c| c.key.as_str()).collect();
    let cited: Vec<&str> = c.iter().map(|c| c.cited.as_str()).collect();
    let path: Vec<&str> = c.iter().map(|c| c.path.as_str()).collect();
    let sentence: Vec<&str> = c.iter().map(|c| c.sentence.as_str()).collect();
    db.execute(
        "INSERT INTO citations (doc_id, seq, kind, key, cited, path, sentence)
         SELECT $1, c.* FROM unnest($2::int[], $3::text[], $4::text[], $5::text[],
                                    $6::text[], $7::text[]) AS c",
        &[&doc_id, &seq, &kind, &key, &cited, &path, &sentence],
    )?;
    Ok(())
}

/// Replace document `doc_id`'s keys and citations (its metadata changed).
pub(crate) fn replace(db: &mut Db<'_>, doc_id: i64, entry: &Entry) -> Result<()> {
    db.execute("DELETE FROM citation_keys WHERE doc_id = $1", &[&doc_id])?;
    db.execute("DELETE FROM citations WHERE doc_id = $1", &[&doc_id])?;
    insert(db, doc_id, entry)
}

fn links(db: &mut Db<'_>, sql: &str, doc: i64) -> Result<Vec<CitationLink>> {
    db.query(sql, &[&doc])?
        .iter()
        .map(|r| {
            Ok(CitationLink {
                from: get(r, 0)?,
                to: get(r, 1)?,
                citation: Citation {
                    kind: kind_from_name(&get::<String>(r, 2)?)?,
                    key: get(r, 3)?,
                    cited: get(r, 4)?,
                    path: get(r, 5)?,
                    sentence: get(r, 6)?,
                },
            })
        })
        .collect()
}

/// The citations document `doc` makes, in reading order, each once per
/// document it resolves to (once with `to: None` when it resolves to none).
pub(crate) fn outgoing(db: &mut Db<'_>, doc: i64) -> Result<Vec<CitationLink>> {
    links(
        db,
        "SELECT c.doc_id, k.doc_id, c.kind, c.key, c.cited, c.path, c.sentence
         FROM citations c
         LEFT JOIN citation_keys k ON k.kind = c.kind AND k.key = c.key AND k.doc_id <> c.doc_id
         WHERE c.doc_id = $1 ORDER BY c.seq, k.doc_id",
        doc,
    )
}

/// The citations of document `doc` by other documents, by citing document
/// and then reading order.
pub(crate) fn incoming(db: &mut Db<'_>, doc: i64) -> Result<Vec<CitationLink>> {
    links(
        db,
        "SELECT c.doc_id, k.doc_id, c.kind, c.key, c.cited, c.path, c.sentence
         FROM citation_keys k
         JOIN citations c ON c.kind = k.kind AND c.key = k.key AND c.doc_id <> k.doc_id
         WHERE k.doc_id = $1 ORDER BY c.doc_id, c.seq",
        doc,
    )
}

/// Fill the graph for every stored document (the upgrade to the schema
/// version that added it). Reads the tables of that version only.
pub(crate) fn fill_all(db: &mut Db<'_>) -> Result<()> {
    let docs = db.query(
        "SELECT id, title, doc_number FROM documents ORDER BY id",
        &[],
    )?;
    for d in &docs {
        let id: i64 = get(d, 0)?;
        let meta = DocMeta {
            title: get(d, 1)?,
            doc_number: get(d, 2)?,
            ..DocMeta::default()
        };
        let rows = db.query(
            "SELECT path, text FROM clauses WHERE doc_id = $1 ORDER BY idx",
            &[&id],
        )?;
        let clauses: Vec<(String, String)> = rows
            .iter()
            .map(|r| Ok((get(r, 0)?, get(r, 1)?)))
            .collect::<Result<_>>()?;
        let entry = Entry::new(&meta, clauses.iter().map(|(p, t)| (p.as_str(), t.as_str())));
        insert(db, id, &entry)?;
    }
    Ok(())
}
