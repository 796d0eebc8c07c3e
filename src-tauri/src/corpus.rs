//! The bundled corpus, imported on first run into a new library.
//!
//! The corpus text is embedded in the core ([`policydiff::library::BUNDLED_CORPUS`]),
//! so first run works offline and needs no resource lookup. It is stored one
//! document per transaction so progress can be reported and commands can use
//! the library in between.

use std::path::Path;

use policydiff::{import, library, Segmenter};

use crate::error::AppResult;
use crate::state::AppState;

/// Import the bundled corpus, calling `progress(done, total)` before the first
/// document and after each. Returns the number of documents added.
pub fn import(
    state: &AppState,
    seg: &Segmenter,
    mut progress: impl FnMut(usize, usize),
) -> AppResult<usize> {
    let name = Path::new(library::BUNDLED_CORPUS_NAME);
    let docs = import::split(library::BUNDLED_CORPUS, Some(name));
    let total = docs.len();
    let mut added = 0;
    progress(0, total);
    for (i, doc) in docs.into_iter().enumerate() {
        let prepared = library::prepare(vec![doc]);
        added += state.library()?.add(seg, &prepared)?.added.len();
        progress(i + 1, total);
    }
    Ok(added)
}
