//! The import command: files given by path (dialog or drag-and-drop).

use std::path::Path;

use tauri::{AppHandle, Emitter, Runtime, State};

use crate::error::AppResult;
use crate::state::AppState;
use crate::types::{events, ImportOutcome, ImportProgress};

/// Import files, one outcome per file; a failing file does not stop the
/// others. Emits `import-progress` before each file and `library-changed`
/// when anything was added.
#[tauri::command]
pub async fn import_files<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    paths: Vec<String>,
) -> AppResult<Vec<ImportOutcome>> {
    let seg = state.segmenter();
    let total = paths.len();
    let mut outcomes = Vec::with_capacity(total);
    for (index, path) in paths.into_iter().enumerate() {
        let progress = ImportProgress {
            index,
            total,
            path: path.clone(),
        };
        let _ = app.emit(events::IMPORT_PROGRESS, progress);
        let result = state.library().and_then(|mut lib| {
            Ok(policydiff::import::import_path(
                lib.as_mut(),
                seg,
                Path::new(&path),
            )?)
        });
        outcomes.push(ImportOutcome::new(path, result));
    }
    if outcomes.iter().any(|o| !o.added.is_empty()) {
        let _ = app.emit(events::LIBRARY_CHANGED, serde_json::json!({}));
    }
    Ok(outcomes)
}
