//! The compare command, and [`compute`], the one comparison the app makes
//! (shared with the export command).

use policydiff::compare::{self, CompareOptions};
use policydiff::{library, Comparison};
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

/// Load both documents and their manual pairings (holding the library lock
/// only to read them) and compare them with the request's diff options.
/// TODO(core): replace with a core compare-by-id call if one lands.
pub(crate) fn compute(state: &AppState, request: &CompareRequest) -> AppResult<Comparison> {
    let (left, right, overrides) = {
        let lib = state.library()?;
        (
            library::load_stored(&lib, request.left)?,
            library::load_stored(&lib, request.right)?,
            lib.pairing_overrides(request.left, request.right)?,
        )
    };
    // The user's manual pairings for these two documents apply, as in the CLI.
    let opts = CompareOptions {
        diff: request.diff_options(),
        overrides,
    };
    Ok(compare::compare(state.segmenter(), &left, &right, &opts))
}
