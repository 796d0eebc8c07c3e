//! Library commands: status, list, get, search, recent comparisons, delete.

use policydiff::model::{DocRow, ListFilter, RecentComparison, SearchHit, StoredDoc};
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::error::AppResult;
use crate::state::AppState;
use crate::types::{events, LibraryStatus};

/// Document count, library path and whether the first-run import is done.
#[tauri::command]
pub async fn library_status(state: State<'_, AppState>) -> AppResult<LibraryStatus> {
    state.status()
}

/// Documents matching `filter`.
#[tauri::command]
pub async fn list_documents(
    state: State<'_, AppState>,
    filter: ListFilter,
) -> AppResult<Vec<DocRow>> {
    Ok(state.library()?.list(&filter)?)
}

/// One document with its text and clause tree (`not_found` when absent).
#[tauri::command]
pub async fn get_document(state: State<'_, AppState>, id: i64) -> AppResult<StoredDoc> {
    Ok(state.library()?.get(id)?)
}

/// Full-text search over clauses, best first.
#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: String,
    limit: usize,
) -> AppResult<Vec<SearchHit>> {
    let seg = state.segmenter();
    Ok(state.library()?.search(seg, &query, limit)?)
}

/// Recent comparisons, most recent first.
#[tauri::command]
pub async fn recent_comparisons(
    state: State<'_, AppState>,
    limit: usize,
) -> AppResult<Vec<RecentComparison>> {
    Ok(state.library()?.recent(limit)?)
}

/// Delete a document and its clauses; emits `library-changed`.
#[tauri::command]
pub async fn delete_document<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    id: i64,
) -> AppResult<()> {
    state.library()?.delete(id)?;
    let _ = app.emit(events::LIBRARY_CHANGED, serde_json::json!({}));
    Ok(())
}
