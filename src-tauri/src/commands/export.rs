//! The export commands: a comparison written to a file as a briefing report,
//! with progress events and cancellation.

use std::path::Path;

use super::compare::compute;
use super::Ctx;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::types::{ExportProgress, ExportRequest, ExportStage};

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
/// `request.path` atomically ([`policydiff::export::export`]): on failure no
/// file is left and the error (`io`) names the path; the library file itself
/// is refused (`invalid_input`).
///
/// Emits `export-progress` `{id, stage}` as it enters each stage
/// (`compare`, `notes`, `write`) and `done` once the file is written. If
/// `cancel_export(id)` was called (before or during the export) it stops
/// before writing and returns `cancelled`, leaving no file.
pub fn export(cx: &Ctx, request: ExportRequest) -> AppResult<()> {
    let running = Running {
        state: cx.state,
        id: &request.id,
    };
    let enter = |stage| {
        running.check()?;
        cx.emit(ExportProgress {
            id: request.id.clone(),
            stage,
        });
        Ok::<_, AppError>(())
    };
    enter(ExportStage::Compare)?;
    let comparison = compute(cx, &request.compare)?;
    enter(ExportStage::Notes)?;
    let notes = {
        let lib = cx.state.library()?;
        policydiff::compare::notes_for(Some(lib.as_ref()), &comparison)?
    };
    enter(ExportStage::Write)?;
    running.check()?;
    policydiff::export::export(
        Path::new(&request.path),
        request.format,
        &comparison,
        &notes,
        &request.report_options(),
        cx.state.library_file().as_deref(),
    )?;
    drop(running);
    cx.emit(ExportProgress {
        id: request.id.clone(),
        stage: ExportStage::Done,
    });
    Ok(())
}

/// Cancel the export `id` (started or about to start): it returns
/// `cancelled` at its next check and writes nothing. Cancelling an export
/// that already finished has no effect.
pub fn cancel(cx: &Ctx, id: String) -> AppResult<()> {
    cx.state.cancel_export(&id);
    Ok(())
}
