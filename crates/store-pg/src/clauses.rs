//! The `clauses` table: one row per clause of a document's tree, children
//! rebuilt from the parents on read, as the SQLite store keeps them.
//!
//! A document's clauses are written with one statement (arrays unnested
//! on the server), not one round trip each.
//! Not the place to start: [`super::PgStore`] calls these inside its transactions.

use policydiff_model::{Clause, ClauseTree};
use policydiff_store::backend::{kind_from_name, kind_name};
use policydiff_store::{Error, Result};

use crate::db::{get, Db};

/// Insert the clauses of document `doc_id`; returns the id of each clause, in order.
pub(crate) fn insert(db: &mut Db<'_>, doc_id: i64, tree: &ClauseTree) -> Result<Vec<i64>> {
    let n = tree.clauses.len();
    let mut idx = Vec::with_capacity(n);
    let mut parent = Vec::with_capacity(n);
    let mut depth = Vec::with_capacity(n);
    let mut kind = Vec::with_capacity(n);
    let mut label = Vec::with_capacity(n);
    let mut path = Vec::with_capacity(n);
    let mut heading = Vec::with_capacity(n);
    let mut text = Vec::with_capacity(n);
    let mut own_original = Vec::with_capacity(n);
    let mut in_article = Vec::with_capacity(n);
    for c in &tree.clauses {
        idx.push(c.index as i32);
        parent.push(c.parent.map(|p| p as i32));
        depth.push(c.depth as i32);
        kind.push(kind_name(c.kind)?);
        label.push(c.label.as_str());
        path.push(c.path.as_str());
        heading.push(c.heading.as_deref());
        text.push(c.text.as_str());
        own_original.push((c.original != c.text).then_some(c.original.as_str()));
        in_article.push(c.in_article);
    }
    let rows = db.query(
        "INSERT INTO clauses (doc_id, idx, parent, depth, kind, label, path, heading, text,
                              own_original, in_article)
         SELECT $1, c.idx, c.parent, c.depth, c.kind, c.label, c.path, c.heading, c.text,
                c.own_original, c.in_article
         FROM unnest($2::int[], $3::int[], $4::int[], $5::text[], $6::text[],
                                  $7::text[], $8::text[], $9::text[], $10::text[], $11::bool[])
                           WITH ORDINALITY AS c(idx, parent, depth, kind, label, path, heading,
                                                text, own_original, in_article, n)
         ORDER BY n
         RETURNING id, idx",
        &[
            &doc_id,
            &idx,
            &parent,
            &depth,
            &kind,
            &label,
            &path,
            &heading,
            &text,
            &own_original,
            &in_article,
        ],
    )?;
    let mut ids = vec![0i64; n];
    for r in &rows {
        let i: i32 = get(r, 1)?;
        ids[i as usize] = get(r, 0)?;
    }
    Ok(ids)
}

/// Rebuild the clause tree of document `doc_id`.
pub(crate) fn load_tree(db: &mut Db<'_>, doc_id: i64) -> Result<ClauseTree> {
    let rows = db.query(
        "SELECT idx, parent, depth, kind, label, path, heading, text, own_original, in_article
         FROM clauses WHERE doc_id = $1 ORDER BY idx",
        &[&doc_id],
    )?;
    let mut tree = ClauseTree::default();
    for r in &rows {
        let i = tree.clauses.len();
        let idx: i32 = get(r, 0)?;
        if idx as i64 != i as i64 {
            return Err(Error::Other(format!(
                "library document {doc_id}: clause {i} is stored with index {idx}"
            )));
        }
        let text: String = get(r, 7)?;
        let original: Option<String> = get(r, 8)?;
        let parent: Option<i32> = get(r, 1)?;
        let kind: String = get(r, 3)?;
        let c = Clause {
            index: i,
            parent: parent.map(|p| p as usize),
            children: Vec::new(),
            depth: get::<i32>(r, 2)? as usize,
            kind: kind_from_name(&kind)?,
            label: get(r, 4)?,
            path: get(r, 5)?,
            heading: get(r, 6)?,
            original: original.unwrap_or_else(|| text.clone()),
            text,
            in_article: get(r, 9)?,
        };
        if let Some(p) = c.parent {
            // The schema guarantees parent < idx, so the parent is already in the tree.
            tree.clauses[p].children.push(i);
        }
        tree.clauses.push(c);
    }
    Ok(tree)
}

/// Number of clauses in the library.
/// The clause paths and texts of document `doc_id`, in tree order.
pub(crate) fn texts(db: &mut Db<'_>, doc_id: i64) -> Result<Vec<(String, String)>> {
    db.query(
        "SELECT path, text FROM clauses WHERE doc_id = $1 ORDER BY idx",
        &[&doc_id],
    )?
    .iter()
    .map(|r| Ok((get(r, 0)?, get(r, 1)?)))
    .collect()
}

pub(crate) fn count(db: &mut Db<'_>) -> Result<usize> {
    let n: i64 = get(&db.one("SELECT count(*) FROM clauses", &[])?, 0)?;
    Ok(n as usize)
}

/// Document `doc` has a comparison unit (a clause not inside an article)
/// at `path`; [`Error::NoSuchClause`] otherwise.
pub(crate) fn check_unit(db: &mut Db<'_>, doc: i64, path: &str) -> Result<()> {
    let found = db
        .opt(
            "SELECT 1 FROM clauses WHERE doc_id = $1 AND path = $2 AND NOT in_article",
            &[&doc, &path],
        )?
        .is_some();
    if found {
        Ok(())
    } else {
        Err(Error::NoSuchClause {
            doc,
            path: path.to_string(),
        })
    }
}
