//! The `vector_sets` and `unit_vectors` tables: each document's sentence
//! vectors, one per comparison unit, int8 values with one scale, as the
//! SQLite store keeps them (one set per document, replaced whole).
//! Not the place to start: see [`policydiff_store::Store::put_vectors`].

use policydiff_store::{Error, Result, UnitVector};

use crate::db::{get, Db};

/// Replace the document's vectors with `vectors` made by `model` (the
/// caller holds the write lock).
pub(crate) fn put(db: &mut Db<'_>, doc: i64, model: &str, vectors: &[UnitVector]) -> Result<()> {
    let dims = vectors.first().map_or(0, |v| v.values.len());
    if let Some(v) = vectors.iter().find(|v| v.values.len() != dims) {
        return Err(Error::Other(format!(
            "vectors of document {doc} differ in length ({} and {dims} values at clause {})",
            v.values.len(),
            v.clause
        )));
    }
    if !crate::documents::exists(db, doc)? {
        return Err(Error::NoSuchDocument(doc));
    }
    db.execute("DELETE FROM vector_sets WHERE doc_id = $1", &[&doc])?;
    db.execute(
        "INSERT INTO vector_sets (doc_id, model, dims) VALUES ($1, $2, $3)",
        &[&doc, &model, &(dims as i32)],
    )?;
    let idx: Vec<i32> = vectors.iter().map(|v| v.clause as i32).collect();
    let scales: Vec<f64> = vectors.iter().map(|v| f64::from(v.scale)).collect();
    let vals: Vec<Vec<u8>> = vectors
        .iter()
        .map(|v| v.values.iter().map(|&q| q as u8).collect())
        .collect();
    db.execute(
        "INSERT INTO unit_vectors (doc_id, idx, scale, vals)
         SELECT $1, * FROM unnest($2::int[], $3::float8[], $4::bytea[])",
        &[&doc, &idx, &scales, &vals],
    )?;
    Ok(())
}

/// The document's vectors made by `model`, by clause index; `None` when it
/// has none of that model. Rows that cannot be vectors of the set are
/// [`Error::CorruptVectors`].
pub(crate) fn get_vectors(
    db: &mut Db<'_>,
    doc: i64,
    model: &str,
) -> Result<Option<Vec<UnitVector>>> {
    let Some(row) = db.opt(
        "SELECT dims FROM vector_sets WHERE doc_id = $1 AND model = $2",
        &[&doc, &model],
    )?
    else {
        return Ok(None);
    };
    let dims: i32 = get(&row, 0)?;
    let rows = db.query(
        "SELECT idx, scale, vals FROM unit_vectors WHERE doc_id = $1 ORDER BY idx",
        &[&doc],
    )?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let (idx, scale, vals): (i32, f64, Vec<u8>) = (get(r, 0)?, get(r, 1)?, get(r, 2)?);
        let corrupt = |reason: String| Error::CorruptVectors { doc, reason };
        if vals.len() as i64 != i64::from(dims) {
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
pub(crate) fn missing(db: &mut Db<'_>, model: &str, limit: usize) -> Result<Vec<i64>> {
    let rows = db.query(
        "SELECT id FROM documents d
         WHERE NOT EXISTS (SELECT 1 FROM vector_sets v WHERE v.doc_id = d.id AND v.model = $1)
         ORDER BY id LIMIT $2",
        &[&model, &(limit.min(i64::MAX as usize) as i64)],
    )?;
    rows.iter().map(|r| get(r, 0)).collect()
}
