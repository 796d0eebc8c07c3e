//! The export commands: a comparison written to a file as a briefing report,
//! with progress events and cancellation.

use std::path::Path;

use policydiff::model::Note;
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::commands::compare::compute;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::types::{events, ExportProgress, ExportRequest, ExportStage};

/// Forgets the export's cancellation when the export ends, however it ends.
struct Running<'a> {
    state: &'a AppState,
    id: &'a str,
}

impl Running<'_> {
    /// `cancelled` if `cancel_export(id)` was called.
    fn check(&self) -> AppResult<()> {
        if self.state.is_export_cancelled(self.id) {
            Err(AppError::cancelled(format!(
                "export {} was cancelled; nothing was written",
                self.id
            )))
        } else {
            Ok(())
        }
    }
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.state.forget_export(self.id);
    }
}

/// Compute the comparison exactly as `compare_documents` does (manual
/// pairings applied), attach the stored notes and write the report to
/// `request.path` atomically: on failure no file is left and the error
/// (`io`) names the path.
///
/// Emits `export-progress` `{id, stage}` as it enters each stage
/// (`compare`, `notes`, `write`) and `done` once the file is written. If
/// `cancel_export(id)` was called (before or during the export) it stops
/// before writing and returns `cancelled`, leaving no file.
#[tauri::command]
pub async fn export_comparison<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    request: ExportRequest,
) -> AppResult<()> {
    let running = Running {
        state: &state,
        id: &request.id,
    };
    let progress = |stage| {
        let _ = app.emit(
            events::EXPORT_PROGRESS,
            ExportProgress {
                id: request.id.clone(),
                stage,
            },
        );
    };
    running.check()?;
    progress(ExportStage::Compare);
    let comparison = compute(&state, &request.compare)?;
    running.check()?;
    progress(ExportStage::Notes);
    let notes: Vec<Note> = state
        .library()?
        .notes_for(request.compare.left, request.compare.right)?
        .into_iter()
        .map(Note::from)
        .collect();
    running.check()?;
    progress(ExportStage::Write);
    running.check()?;
    policydiff::export::export(
        Path::new(&request.path),
        request.format.into(),
        &comparison,
        &notes,
        &request.report_options(),
        Some(state.path()),
    )?;
    drop(running);
    progress(ExportStage::Done);
    Ok(())
}

/// Cancel the export `id` (started or about to start): it returns
/// `cancelled` at its next check and writes nothing. Cancelling an export
/// that already finished has no effect.
#[tauri::command]
pub async fn cancel_export(state: State<'_, AppState>, id: String) -> AppResult<()> {
    state.cancel_export(&id);
    Ok(())
}
