//! The `vector_sets` and `unit_vectors` tables: each document's sentence
//! vectors, one per comparison unit, as int8 values with one scale.
//!
//! A document has at most one set, made by one model (`vector_sets.model`,
//! the encoder's model id): storing a set replaces whatever the document had,
//! so a library that changes model recomputes and keeps one copy. A set with
//! no units (a document without comparison units) is still a set: the
//! document is not listed as missing again. Not the place to start: see
//! [`super::Store::put_vectors`].

use rusqlite::{params, Connection, OptionalExtension};

use crate::error::{Error, Result};
use crate::UnitVector;

/// Replace the document's vectors with `vectors` made by `model`.
pub(super) fn put(conn: &Connection, doc: i64, model: &str, vectors: &[UnitVector]) -> Result<()> {
    let dims = vectors.first().map_or(0, |v| v.values.len());
    if let Some(v) = vectors.iter().find(|v| v.values.len() != dims) {
        return Err(Error::Other(format!(
            "vectors of document {doc} differ in length ({} and {dims} values at clause {})",
            v.values.len(),
            v.clause
        )));
    }
    let exists: Option<i64> = conn
        .prepare_cached("SELECT id FROM documents WHERE id = ?1")?
        .query_row([doc], |r| r.get(0))
        .optional()?;
    if exists.is_none() {
        return Err(Error::NoSuchDocument(doc));
    }
    conn.prepare_cached("DELETE FROM vector_sets WHERE doc_id = ?1")?
        .execute([doc])?;
    conn.prepare_cached("INSERT INTO vector_sets (doc_id, model, dims) VALUES (?1, ?2, ?3)")?
        .execute(params![doc, model, dims as i64])?;
    let mut ins = conn.prepare_cached(
        "INSERT INTO unit_vectors (doc_id, idx, scale, vals) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for v in vectors {
        let bytes: Vec<u8> = v.values.iter().map(|&q| q as u8).collect();
        ins.execute(params![doc, v.clause as i64, f64::from(v.scale), bytes])?;
    }
    Ok(())
}

/// The document's vectors made by `model`, by clause index; `None` when it
/// has none of that model. A row that cannot be a vector of the set (wrong
/// length, a scale that is not a finite number ≥ 0) is [`Error::CorruptVectors`].
pub(super) fn get(conn: &Connection, doc: i64, model: &str) -> Result<Option<Vec<UnitVector>>> {
    let dims: Option<i64> = conn
        .prepare_cached("SELECT dims FROM vector_sets WHERE doc_id = ?1 AND model = ?2")?
        .query_row(params![doc, model], |r| r.get(0))
        .optional()?;
    let Some(dims) = dims else {
        return Ok(None);
    };
    let mut st = conn.prepare_cached(
        "SELECT idx, scale, vals FROM unit_vectors WHERE doc_id = ?1 ORDER BY idx",
    )?;
    let rows = st.query_map([doc], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, f64>(1)?,
            r.get::<_, Vec<u8>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (idx, scale, vals) = row?;
        let corrupt = |reason: String| Error::CorruptVectors { doc, reason };
        if vals.len() as i64 != dims {
            return Err(corrupt(format!(
                "clause {idx} has {} values, the set {dims}",
                vals.len()
            )));
        }
        let scale = scale as f32;
        if !scale.is_finite() || scale < 0.0 {
            return Err(corrupt(format!("clause {idx} has scale {scale}")));
        }
        out.push(UnitVector {
            clause: usize::try_from(idx).map_err(|_| corrupt(format!("clause index {idx}")))?,
            scale,
            values: vals.into_iter().map(|b| b as i8).collect(),
        });
    }
    Ok(Some(out))
}

/// Up to `limit` documents (by id) with no vectors made by `model`.
pub(super) fn missing(conn: &Connection, model: &str, limit: usize) -> Result<Vec<i64>> {
    let mut st = conn.prepare_cached(
        "SELECT id FROM documents d
         WHERE NOT EXISTS (SELECT 1 FROM vector_sets v WHERE v.doc_id = d.id AND v.model = ?1)
         ORDER BY id LIMIT ?2",
    )?;
    let ids = st
        .query_map(params![model, limit.min(i64::MAX as usize) as i64], |r| {
            r.get(0)
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
