//! The bundled corpus, imported on first run into a new library.
//!
//! The corpus is embedded in the application layer ([`policydiff::corpus`]),
//! so first run works offline. It is stored one document per transaction so
//! progress can be reported and commands can use the library in between.

use policydiff::Segmenter;

use crate::error::AppResult;
use crate::state::AppState;

/// Import the bundled corpus, calling `progress(done, total)` before the first
/// document and after each. Returns the number of documents added.
pub fn import(
    state: &AppState,
    seg: &Segmenter,
    mut progress: impl FnMut(usize, usize),
) -> AppResult<usize> {
    let docs = policydiff::corpus::documents();
    let total = docs.len();
    let mut added = 0;
    progress(0, total);
    for (i, doc) in docs.into_iter().enumerate() {
        let prepared = policydiff::import::prepare(vec![doc]);
        added += state.library()?.add(seg, &prepared)?.added.len();
        progress(i + 1, total);
    }
    Ok(added)
}
