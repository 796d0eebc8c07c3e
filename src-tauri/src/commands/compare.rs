//! The compare command.

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
    crate::glue::compare_stored(state.library_mutex(), state.segmenter(), &request)
}
