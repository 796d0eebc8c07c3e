//! The compare command, and [`compute`], the one comparison the app makes
//! (shared with the export command).

use policydiff::Comparison;

use super::Ctx;
use crate::error::AppResult;
use crate::types::CompareRequest;

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
/// locked only while the documents and pairings are read: other commands use
/// the library while the engine runs.
pub(crate) fn compute(cx: &Ctx, request: &CompareRequest) -> AppResult<Comparison> {
    let opts = request.options();
    let pair = {
        let lib = cx.state.library()?;
        policydiff::compare::load_pair(lib.as_ref(), request.left, request.right, &opts)?
    };
    Ok(pair.compare(cx.state.segmenter(), opts.diff))
}
