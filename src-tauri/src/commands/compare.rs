//! The compare command, and [`compute`], the one comparison the app makes
//! (shared with the export command).

use policydiff::Comparison;
use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;
use crate::types::CompareRequest;

/// Compare two stored documents and remember the comparison.
#[tauri::command]
pub async fn compare_documents(
    state: State<'_, AppState>,
    request: CompareRequest,
) -> AppResult<Comparison> {
    let result = compute(&state, &request)?;
    state
        .library()?
        .remember_comparison(request.left, request.right)?;
    Ok(result)
}

/// Compare two stored documents with the request's diff options and the
/// user's manual pairings, as the CLI does ([`policydiff::compare::compare_stored`]).
/// The library lock is held only while the documents are read.
pub(crate) fn compute(state: &AppState, request: &CompareRequest) -> AppResult<Comparison> {
    let (left, right, overrides) = {
        let lib = state.library()?;
        (
            policydiff::compare::load_stored(lib.as_ref(), request.left)?,
            policydiff::compare::load_stored(lib.as_ref(), request.right)?,
            lib.pairing_overrides(request.left, request.right)?,
        )
    };
    let opts = policydiff::model::CompareOptions {
        diff: request.diff_options(),
        overrides,
    };
    Ok(policydiff::stages::engine::compare(
        state.segmenter(),
        &left,
        &right,
        &opts,
    ))
}
