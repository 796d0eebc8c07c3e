//! The export command: a comparison written to a file as a briefing report.

use std::path::Path;

use policydiff::report::{self, Note};
use tauri::State;

use crate::commands::compare::compute;
use crate::error::AppResult;
use crate::state::AppState;
use crate::types::ExportRequest;

/// Compute the comparison exactly as `compare_documents` does (manual
/// pairings applied), attach the stored notes and write the report to
/// `request.path` atomically: on failure no file is left and the error
/// (`io`) names the path.
#[tauri::command]
pub async fn export_comparison(
    state: State<'_, AppState>,
    request: ExportRequest,
) -> AppResult<()> {
    let comparison = compute(&state, &request.compare)?;
    let notes: Vec<Note> = state
        .library()?
        .notes_for(request.compare.left, request.compare.right)?
        .into_iter()
        .map(Note::from)
        .collect();
    Ok(report::export_to_file(
        Path::new(&request.path),
        request.format.into(),
        &comparison,
        &notes,
        &request.report_options(),
    )?)
}
