//! The key points (要点摘要) as the user arranged them: pinned points first,
//! hidden points set apart. Every view (the app's panel, `compare` in every
//! format, every export) shows the order [`arrange`] makes, so they agree.

use policydiff_model::{Comparison, KeyPoint, PointMark, StoredPointMark};
use policydiff_store::Store;

use crate::{Error, Result};

/// Apply the user's `marks` to the key points of `c` as the engine ranked
/// them: the pinned points first (in ranking order, each marked
/// [`KeyPoint::pinned`]), then the others in ranking order; the hidden ones
/// move to [`Comparison::hidden_key_points`] (in ranking order). Marks of
/// points the comparison does not have (the texts changed, or the ranking
/// did) are ignored.
pub fn arrange(c: &mut Comparison, marks: &[StoredPointMark]) {
    let mark_of = |p: &KeyPoint| marks.iter().find(|m| m.point_id == p.id).map(|m| m.mark);
    let (mut pinned, mut rest, mut hidden) = (Vec::new(), Vec::new(), Vec::new());
    for mut p in std::mem::take(&mut c.key_points) {
        p.pinned = false;
        match mark_of(&p) {
            Some(PointMark::Pinned) => {
                p.pinned = true;
                pinned.push(p);
            }
            Some(PointMark::Hidden) => hidden.push(p),
            None => rest.push(p),
        }
    }
    pinned.append(&mut rest);
    c.key_points = pinned;
    c.hidden_key_points = hidden;
}

/// Pin, hide or (with `None`) restore the key point `point_id` of `c`, a
/// comparison of two stored documents, in `store`: the next comparison of
/// the two (in the app, the CLI and every export) arranges its points so.
///
/// Errors: [`Error::NotStored`] when either document of `c` is not in the
/// library, [`Error::NoSuchKeyPoint`] when `c` has no such point (shown or
/// hidden), and the store's.
pub fn mark(
    store: &mut dyn Store,
    c: &Comparison,
    point_id: &str,
    mark: Option<PointMark>,
) -> Result<()> {
    let (Some(left), Some(right)) = (c.left.id, c.right.id) else {
        return Err(Error::NotStored);
    };
    let point_id = point_id.trim();
    if !c
        .key_points
        .iter()
        .chain(&c.hidden_key_points)
        .any(|p| p.id == point_id)
    {
        return Err(Error::NoSuchKeyPoint {
            id: point_id.to_owned(),
            left,
            right,
        });
    }
    store.set_point_mark(left, right, point_id, mark)?;
    Ok(())
}
