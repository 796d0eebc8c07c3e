//! The bundled corpus, imported on first run into an empty library.
//!
//! The corpus text is embedded in the binary, so first run works offline and
//! needs no resource lookup.

use std::path::Path;

use policydiff::Segmenter;

use crate::error::AppResult;
use crate::state::AppState;

/// The bundled corpus (south China, 2023, business-environment policies).
pub const CORPUS: &str =
    include_str!("../../assets/corpus/south-china-2023-business-environment.txt");

/// Name recorded as the source file of the corpus documents.
pub const CORPUS_NAME: &str = "south-china-2023-business-environment.txt";

/// Import the bundled corpus, one document per transaction, calling
/// `progress(done, total)` after each. Returns the number of documents added.
pub fn import(
    state: &AppState,
    seg: &Segmenter,
    mut progress: impl FnMut(usize, usize),
) -> AppResult<usize> {
    let docs = crate::glue::split_text(CORPUS, Path::new(CORPUS_NAME));
    let total = docs.len();
    let mut added = 0;
    progress(0, total);
    for (i, doc) in docs.into_iter().enumerate() {
        added += crate::glue::import_docs(state.library_mutex(), seg, vec![doc])?
            .added
            .len();
        progress(i + 1, total);
    }
    Ok(added)
}
