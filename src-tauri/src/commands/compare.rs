//! The compare command, and `compute`, the one comparison the app makes
//! (shared with the export command).

use policydiff::compare::{Remembered, StoredOptions};
use policydiff::model::Suggestion;
use policydiff::Comparison;

use super::Ctx;
use crate::error::AppResult;
use crate::types::{CompareRequest, KeyPointList, PointMarkRequest, VectorProgress};

/// Compare two stored documents (the user's manual pairings applied) and
/// remember the comparison ([`policydiff::compare::remember`]: skipped with
/// a warning in the log when the library cannot take it, e.g. read-only).
pub fn compare(cx: &Ctx, request: CompareRequest) -> AppResult<Comparison> {
    let comparison = compute(cx, &request)?;
    let remembered =
        policydiff::compare::remember(cx.state.library()?.as_mut(), request.left, request.right)?;
    if let Remembered::Skipped(why) = remembered {
        tracing::warn!("{why}");
    }
    Ok(comparison)
}

/// [`policydiff::compare::compare_stored`] for a request, with the library
/// locked only while the documents, pairings and vectors are read: other
/// commands use the library while the engine runs. Pairs by meaning too
/// with the app's model ([`crate::state::AppState::model`]); a comparison
/// that falls back to wording alone (damaged stored vectors) says so with
/// a `vector-progress` event carrying the warning.
pub(crate) fn compute(cx: &Ctx, request: &CompareRequest) -> AppResult<Comparison> {
    let mut opts = request.options();
    opts.vectors = cx.state.model();
    let pair = {
        let lib = cx.state.library()?;
        policydiff::compare::load_pair(lib.as_ref(), request.left, request.right, &opts)?
    };
    if let Some(warning) = &pair.vectors.warning {
        tracing::warn!("{warning}");
        cx.emit(VectorProgress {
            done: 0,
            total: 0,
            warning: Some(warning.clone()),
        });
    }
    Ok(pair.compare(cx.state.segmenter(), opts.diff))
}

/// How strongly the clause at `path` of the left document (`from_left`) or
/// of the right one relates in topic to each clause of the other document,
/// likeliest first ([`policydiff::compare::StoredPair::counterparts`]), with
/// the app's model when it has one: the order in which 与…配对 lists a
/// clause's possible partners. The library is locked only while the
/// documents and vectors are read.
pub fn counterparts(
    cx: &Ctx,
    left: i64,
    right: i64,
    from_left: bool,
    path: String,
) -> AppResult<Vec<Suggestion>> {
    let opts = StoredOptions {
        ignore_manual_pairs: true,
        vectors: cx.state.model(),
        ..StoredOptions::default()
    };
    let pair = {
        let lib = cx.state.library()?;
        policydiff::compare::load_pair(lib.as_ref(), left, right, &opts)?
    };
    Ok(pair.counterparts(cx.state.segmenter(), from_left, &path)?)
}

/// Pin, hide or restore one key point of a comparison and return the
/// comparison's key points arranged anew ([`policydiff::points`]): the
/// documents are compared once, the library locked only to read them and to
/// store the mark.
pub fn mark_point(cx: &Ctx, request: PointMarkRequest) -> AppResult<KeyPointList> {
    let r = &request.compare;
    let opts = r.options();
    let mut pair = {
        let lib = cx.state.library()?;
        policydiff::compare::load_pair(lib.as_ref(), r.left, r.right, &opts)?
    };
    // The engine's ranking, on which the marks are arranged.
    pair.marks.clear();
    let mut c = pair.compare(cx.state.segmenter(), opts.diff);
    let marks = {
        let mut lib = cx.state.library()?;
        policydiff::points::mark(lib.as_mut(), &c, &request.point_id, request.mark)?;
        lib.point_marks(r.left, r.right)?
    };
    policydiff::points::arrange(&mut c, &marks);
    Ok(KeyPointList {
        key_points: c.key_points,
        hidden_key_points: c.hidden_key_points,
    })
}
