//! Computing the library's missing sentence vectors in the background.

use policydiff::vectors;

use super::Ctx;
use crate::error::AppResult;
use crate::types::VectorProgress;

/// Compute and store the vectors of every document that has none for the
/// app's model ([`policydiff::vectors::fill_missing_with`]), the library
/// locked only to read each document and to store its vectors: the app
/// stays usable, and comparisons use what is ready. Emits
/// `vector-progress` before the first document and after each. One run at
/// a time; returns the number of documents done.
pub fn fill_missing(cx: &Ctx) -> AppResult<usize> {
    let Some(model) = cx.state.model() else {
        return Ok(0);
    };
    let _one_run = cx.state.vector_fill_lock();
    let missing = cx
        .state
        .library()?
        .missing_vectors(model.id(), usize::MAX)?;
    if missing.is_empty() {
        return Ok(0);
    }
    let filled = vectors::fill_missing_with(
        missing,
        &model,
        |id| match cx.state.library() {
            Ok(lib) => vectors::load_tree(lib.as_ref(), id),
            Err(e) => Err(policydiff::Error::Store(
                policydiff::stages::store::Error::Other(e.message),
            )),
        },
        |id, v| match cx.state.library() {
            Ok(mut lib) => vectors::put(lib.as_mut(), &model, id, v),
            Err(e) => Err(policydiff::Error::Store(
                policydiff::stages::store::Error::Other(e.message),
            )),
        },
        |done, total| {
            cx.emit(VectorProgress {
                done,
                total,
                warning: None,
            })
        },
    );
    match filled {
        Ok(f) => Ok(f.documents),
        Err(e) => {
            cx.emit(VectorProgress {
                done: 0,
                total: 0,
                warning: Some(format!("sentence vectors not computed: {e}")),
            });
            Err(e.into())
        }
    }
}
