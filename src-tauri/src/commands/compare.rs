//! The compare command.

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
    compare_stored(&state, &request)
}

/// Load both documents and their manual pairings (holding the library lock
/// only to read them), compare, remember. TODO(core): replace with a core compare-by-id call if one lands.
fn compare_stored(state: &AppState, request: &CompareRequest) -> AppResult<Comparison> {
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
    let result = compare::compare(state.segmenter(), &left, &right, &opts);
    state
        .library()?
        .remember_comparison(request.left, request.right)?;
    Ok(result)
}
