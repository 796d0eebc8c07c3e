//! The compare command, and [`compute`], the one comparison the app makes
//! (shared with the export command).

use policydiff::Comparison;

use super::Ctx;
use crate::error::AppResult;
use crate::types::{CompareRequest, VectorProgress};

/// Compare two stored documents (the user's manual pairings applied) and
/// remember the comparison.
pub fn compare(cx: &Ctx, request: CompareRequest) -> AppResult<Comparison> {
    let comparison = compute(cx, &request)?;
    cx.state
        .library()?
        .remember_comparison(request.left, request.right)?;
    Ok(comparison)
}

/// [`policydiff::compare::compare_stored`] for a request, with the library
/// locked only while the documents, pairings and vectors are read: other
/// commands use the library while the engine runs. Pairs by meaning too
/// with the app's model ([`crate::state::AppState::model`]); a comparison
/// that falls back to wording alone (damaged stored vectors) says so with
/// a `vector-progress` event carrying the warning.
pub(crate) fn compute(cx: &Ctx, request: &CompareRequest) -> AppResult<Comparison> {
    let mut opts = request.options();
    opts.vectors = cx.state.model();
    let pair = {
        let lib = cx.state.library()?;
        policydiff::compare::load_pair(lib.as_ref(), request.left, request.right, &opts)?
    };
    if let Some(warning) = &pair.vectors.warning {
        tracing::warn!("{warning}");
        cx.emit(VectorProgress {
            done: 0,
            total: 0,
            warning: Some(warning.clone()),
        });
    }
    Ok(pair.compare(cx.state.segmenter(), opts.diff))
}
