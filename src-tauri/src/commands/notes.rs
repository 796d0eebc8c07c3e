//! Briefing notes and manual re-pairing: notes on the pairs of a comparison,
//! the tags to offer, and forced / forbidden pairings of two clauses (which
//! `compare_documents` then applies).

use policydiff::model::StoredNote;

use super::Ctx;
use crate::error::AppResult;
use crate::types::{NoteRequest, PairingRequest};

/// The notes of the comparison of `left` with `right`, oldest first.
pub fn list(cx: &Ctx, left: i64, right: i64) -> AppResult<Vec<StoredNote>> {
    Ok(cx.state.library()?.notes_for(left, right)?)
}

/// Add a note on one pair; returns its id (`not_found` for an unknown
/// document or clause path, `invalid_input` for empty text / no path).
pub fn add(cx: &Ctx, request: NoteRequest) -> AppResult<i64> {
    let r = &request;
    Ok(cx.state.library()?.add_note(
        r.left,
        r.right,
        r.left_path.as_deref(),
        r.right_path.as_deref(),
        r.tag.as_deref(),
        &r.text,
    )?)
}

/// Replace a note's tag and text.
pub fn update(cx: &Ctx, id: i64, tag: Option<String>, text: String) -> AppResult<()> {
    Ok(cx.state.library()?.update_note(id, tag.as_deref(), &text)?)
}

/// Delete a note (`not_found` when absent).
pub fn delete(cx: &Ctx, id: i64) -> AppResult<()> {
    Ok(cx.state.library()?.delete_note(id)?)
}

/// Tags to offer: the default ones first, then the others in use.
pub fn tags(cx: &Ctx) -> AppResult<Vec<String>> {
    Ok(cx.state.library()?.tags()?)
}

/// Always pair these two clauses in this comparison.
pub fn force(cx: &Ctx, request: PairingRequest) -> AppResult<()> {
    let r = &request;
    Ok(cx
        .state
        .library()?
        .force_pair(r.left, r.right, &r.left_path, &r.right_path)?)
}

/// Never pair these two clauses in this comparison.
pub fn forbid(cx: &Ctx, request: PairingRequest) -> AppResult<()> {
    let r = &request;
    Ok(cx
        .state
        .library()?
        .forbid_pair(r.left, r.right, &r.left_path, &r.right_path)?)
}

/// Forget the forced or forbidden pairing of these two clauses; `true` when
/// there was one.
pub fn clear(cx: &Ctx, request: PairingRequest) -> AppResult<bool> {
    let r = &request;
    Ok(cx
        .state
        .library()?
        .clear_pairing(r.left, r.right, &r.left_path, &r.right_path)?)
}
