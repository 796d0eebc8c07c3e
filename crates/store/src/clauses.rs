//! The `clauses` table: one row per clause of a document's tree.
//!
//! Stores each clause's parent and depth; children are not stored but rebuilt
//! from the parents on read, so [`check_tree`] refuses trees whose children
//! lists disagree with their parents (the round trip must be exact).
//!
//! A clause's text is stored here, once: its document's text is rebuilt
//! from its clauses' (see [`super::documents::StoredText`]). A clause's
//! original is stored only when it differs from its text.
//! Not the place to start: [`super::SqliteStore`] calls these inside its transactions.

use rusqlite::{params, Connection};

use crate::error::{Error, Result};
use policydiff_model::{Clause, ClauseKind, ClauseTree};

/// Stable name of a clause kind: its serde name (`sub_item`), as in JSON output.
pub fn kind_name(kind: ClauseKind) -> Result<String> {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        other => Err(Error::Other(format!(
            "clause kind {kind:?} has no name: {other:?}"
        ))),
    }
}

/// The clause kind named `name` (see [`kind_name`]).
pub fn kind_from_name(name: &str) -> Result<ClauseKind> {
    serde_json::from_value(serde_json::Value::String(name.to_string()))
        .map_err(|_| Error::Other(format!("unknown clause kind {name:?} in the library")))
}

/// Check that `tree` is consistent: indices in order, each parent before its
/// child, and children lists exactly the clauses naming that parent, in order
/// ([`Error::InvalidTree`] naming the document `title` otherwise).
pub fn check_tree(title: &str, tree: &ClauseTree) -> Result<()> {
    let bad = |reason: String| Error::InvalidTree {
        title: title.to_string(),
        reason,
    };
    let n = tree.clauses.len();
    let mut children = vec![Vec::new(); n];
    for (i, c) in tree.clauses.iter().enumerate() {
        if c.index != i {
            return Err(bad(format!("clause at position {i} has index {}", c.index)));
        }
        if let Some(p) = c.parent {
            if p >= i {
                return Err(bad(format!(
                    "clause {i} has parent {p}, not an earlier clause"
                )));
            }
            children[p].push(i);
        }
    }
    for (c, want) in tree.clauses.iter().zip(&children) {
        if &c.children != want {
            return Err(bad(format!(
                "clause {} lists children {:?}, but {:?} name it as parent",
                c.index, c.children, want
            )));
        }
    }
    Ok(())
}

/// Insert the clauses of document `doc_id`; returns the rowid of each clause, in order.
pub(super) fn insert(conn: &Connection, doc_id: i64, tree: &ClauseTree) -> Result<Vec<i64>> {
    let mut st = conn.prepare_cached(
        "INSERT INTO clauses (doc_id, idx, parent, depth, kind, label, path, heading, text,
                              own_original, in_article)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    )?;
    let mut ids = Vec::with_capacity(tree.clauses.len());
    for c in &tree.clauses {
        let own_original = (c.original != c.text).then_some(c.original.as_str());
        st.execute(params![
            doc_id,
            c.index as i64,
            c.parent.map(|p| p as i64),
            c.depth as i64,
            kind_name(c.kind)?,
            c.label,
            c.path,
            c.heading,
            c.text,
            own_original,
            c.in_article,
        ])?;
        ids.push(conn.last_insert_rowid());
    }
    Ok(ids)
}

/// Rebuild the clause tree of document `doc_id`.
pub(super) fn load_tree(conn: &Connection, doc_id: i64) -> Result<ClauseTree> {
    let mut st = conn.prepare_cached(
        "SELECT idx, parent, depth, kind, label, path, heading, text, own_original, in_article
         FROM clauses WHERE doc_id = ?1 ORDER BY idx",
    )?;
    let rows = st.query_map([doc_id], |r| {
        let text: String = r.get(7)?;
        let original: Option<String> = r.get(8)?;
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, Option<i64>>(1)?,
            r.get::<_, i64>(2)?,
            r.get::<_, String>(3)?,
            Clause {
                index: 0,
                parent: None,
                children: Vec::new(),
                depth: 0,
                kind: ClauseKind::Paragraph,
                label: r.get(4)?,
                path: r.get(5)?,
                heading: r.get(6)?,
                original: original.unwrap_or_else(|| text.clone()),
                text,
                in_article: r.get(9)?,
            },
        ))
    })?;
    let mut tree = ClauseTree::default();
    for row in rows {
        let (idx, parent, depth, kind, mut c) = row?;
        let i = tree.clauses.len();
        if idx != i as i64 {
            return Err(Error::Other(format!(
                "library document {doc_id}: clause {i} is stored with index {idx}"
            )));
        }
        c.index = i;
        c.parent = parent.map(|p| p as usize);
        c.depth = depth as usize;
        c.kind = kind_from_name(&kind)?;
        if let Some(p) = c.parent {
            // The schema guarantees parent < idx, so the parent is already in the tree.
            tree.clauses[p].children.push(i);
        }
        tree.clauses.push(c);
    }
    Ok(tree)
}

/// Number of clauses in the library.
pub(super) fn count(conn: &Connection) -> Result<usize> {
    let n: i64 = conn
        .prepare_cached("SELECT count(*) FROM clauses")?
        .query_row([], |r| r.get(0))?;
    Ok(n as usize)
}

/// The clause paths and texts of document `doc_id`, in tree order.
pub(super) fn texts(conn: &Connection, doc_id: i64) -> Result<Vec<(String, String)>> {
    Ok(conn
        .prepare_cached("SELECT path, text FROM clauses WHERE doc_id = ?1 ORDER BY idx")?
        .query_map([doc_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_round_trip() {
        use ClauseKind::*;
        for k in [
            Title, Cover, Preamble, Signature, Part, Chapter, Section, Article, Item, SubItem,
            Point, SubPoint, Circled, Annex, Paragraph,
        ] {
            let name = kind_name(k).unwrap();
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
            assert_eq!(kind_from_name(&name).unwrap(), k);
        }
        assert_eq!(kind_name(SubItem).unwrap(), "sub_item");
        assert!(kind_from_name("nonsense").is_err());
    }
}
