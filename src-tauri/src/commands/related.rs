//! Related documents and similar clauses: [`policydiff::related`] and
//! [`policydiff::similar`] over the open library, which they only read.
//!
//! Both hold the library's lock for the whole call: the application layer
//! reads as it ranks (`related` compares at most
//! [`policydiff::related::COMPARED`] candidates; `similar` re-ranks at most
//! [`policydiff::similar::CANDIDATES`] clauses): bounded work whatever the
//! library's size. Splitting them into a read and a compute step would belong in
//! `policydiff`, as [`policydiff::matrix::load_matrix`] does for the matrix.

use policydiff::model::{RelatedDoc, SimilarClause};

use super::Ctx;
use crate::error::AppResult;

/// The documents related to `doc`, best first, with why
/// ([`policydiff::related::related`]; `not_found` for an unknown id).
pub fn related_documents(cx: &Ctx, doc: i64) -> AppResult<Vec<RelatedDoc>> {
    // Wait for the segmenter before taking the lock.
    let seg = cx.state.segmenter();
    let lib = cx.state.library()?;
    Ok(policydiff::related::related(
        lib.as_ref(),
        seg,
        doc,
        policydiff::related::DEFAULT_LIMIT,
    )?)
}

/// The clauses of other documents most similar to the unit at `path` of
/// `doc`, best first, at most `limit`, each with its word diff against it
/// ([`policydiff::similar::similar`]; `not_found` for an unknown document or path).
pub fn similar_clauses(
    cx: &Ctx,
    doc: i64,
    path: String,
    limit: usize,
) -> AppResult<Vec<SimilarClause>> {
    let seg = cx.state.segmenter();
    let lib = cx.state.library()?;
    Ok(policydiff::similar::similar(
        lib.as_ref(),
        seg,
        doc,
        &path,
        limit,
    )?)
}
