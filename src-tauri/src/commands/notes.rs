//! Briefing notes and manual re-pairing: notes on the pairs of a comparison,
//! the tags to offer, and forced / forbidden pairings of two clauses (which
//! `compare_documents` then applies).

use tauri::State;

use crate::error::AppResult;
use crate::state::AppState;
use crate::types::{NoteRequest, PairingRequest};
use policydiff::model::StoredNote;

/// The notes of the comparison of `left` with `right`, oldest first.
#[tauri::command]
pub async fn list_notes(
    state: State<'_, AppState>,
    left: i64,
    right: i64,
) -> AppResult<Vec<StoredNote>> {
    Ok(state.library()?.notes_for(left, right)?)
}

/// Add a note on one pair; returns its id (`not_found` for an unknown
/// document or clause path, `invalid_input` for empty text / no path).
#[tauri::command]
pub async fn add_note(state: State<'_, AppState>, request: NoteRequest) -> AppResult<i64> {
    let r = &request;
    Ok(state.library()?.add_note(
        r.left,
        r.right,
        r.left_path.as_deref(),
        r.right_path.as_deref(),
        r.tag.as_deref(),
        &r.text,
    )?)
}

/// Replace a note's tag and text.
#[tauri::command]
pub async fn update_note(
    state: State<'_, AppState>,
    id: i64,
    tag: Option<String>,
    text: String,
) -> AppResult<()> {
    Ok(state.library()?.update_note(id, tag.as_deref(), &text)?)
}

/// Delete a note (`not_found` when absent).
#[tauri::command]
pub async fn delete_note(state: State<'_, AppState>, id: i64) -> AppResult<()> {
    Ok(state.library()?.delete_note(id)?)
}

/// Tags to offer: the default ones first, then the others in use.
#[tauri::command]
pub async fn note_tags(state: State<'_, AppState>) -> AppResult<Vec<String>> {
    Ok(state.library()?.tags()?)
}

/// Always pair these two clauses in this comparison.
#[tauri::command]
pub async fn force_pair(state: State<'_, AppState>, request: PairingRequest) -> AppResult<()> {
    let r = &request;
    Ok(state
        .library()?
        .force_pair(r.left, r.right, &r.left_path, &r.right_path)?)
}

/// Never pair these two clauses in this comparison.
#[tauri::command]
pub async fn forbid_pair(state: State<'_, AppState>, request: PairingRequest) -> AppResult<()> {
    let r = &request;
    Ok(state
        .library()?
        .forbid_pair(r.left, r.right, &r.left_path, &r.right_path)?)
}

/// Forget the forced or forbidden pairing of these two clauses; `true` when
/// there was one.
#[tauri::command]
pub async fn clear_pairing(state: State<'_, AppState>, request: PairingRequest) -> AppResult<bool> {
    let r = &request;
    Ok(state
        .library()?
        .clear_pairing(r.left, r.right, &r.left_path, &r.right_path)?)
}
