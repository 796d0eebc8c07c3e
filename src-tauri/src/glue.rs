//! Compositions of core calls that the core does not offer as one call yet.
//!
//! Importing is read → parse → store; comparing stored documents is get → get
//! → compare → remember. TODO(core): replace these with
//! `policydiff::library::import_path` / `import_text` (and a compare-by-id
//! call) once the lead adds them; the commands should then call those directly.

use std::path::Path;
use std::sync::Mutex;

use policydiff::compare::{self, CompareOptions, Comparison};
use policydiff::store::{ImportReport, Library, StoredDoc};
use policydiff::{import, parse, Segmenter, SourceDoc};

use crate::error::{AppError, AppResult};
use crate::types::CompareRequest;

/// Parse documents (outside the library lock), then store them in one transaction.
fn store(
    library: &Mutex<Library>,
    seg: &Segmenter,
    docs: Vec<SourceDoc>,
) -> AppResult<ImportReport> {
    let parsed: Vec<_> = docs
        .into_iter()
        .map(|d| {
            let tree = parse::parse(&d.text);
            (d, tree)
        })
        .collect();
    let mut lib = lock(library)?;
    Ok(lib.add(seg, &parsed)?)
}

/// Import one file (a single document or a compilation).
pub fn import_path(
    library: &Mutex<Library>,
    seg: &Segmenter,
    path: &Path,
) -> AppResult<ImportReport> {
    let docs = import::read_path(path)?;
    store(library, seg, docs)
}

/// Split a text (a compilation or one document) into documents, without storing them.
pub fn split_text(text: &str, name: &Path) -> Vec<SourceDoc> {
    // TODO(core): use the core's compilation splitter (`import::split`) when it lands.
    vec![import::from_text(text, Some(name))]
}

/// Store already-split documents.
pub fn import_docs(
    library: &Mutex<Library>,
    seg: &Segmenter,
    docs: Vec<SourceDoc>,
) -> AppResult<ImportReport> {
    store(library, seg, docs)
}

/// Lock the library, turning a poisoned lock into an `internal` error.
pub fn lock(library: &Mutex<Library>) -> AppResult<std::sync::MutexGuard<'_, Library>> {
    library
        .lock()
        .map_err(|_| AppError::internal("the library lock is poisoned (an earlier command panicked)"))
}

/// Compare two stored documents and remember the comparison.
/// The library is locked only to read the documents and to remember.
pub fn compare_stored(
    library: &Mutex<Library>,
    seg: &Segmenter,
    request: &CompareRequest,
) -> AppResult<Comparison> {
    let (left, right) = {
        let lib = lock(library)?;
        (lib.get(request.left)?, lib.get(request.right)?)
    };
    let doc = |d: StoredDoc| compare::Doc {
        id: Some(d.id),
        meta: d.meta,
        tree: d.tree,
    };
    let opts = CompareOptions {
        diff: request.diff_options(),
    };
    let result = compare::compare(seg, &doc(left), &doc(right), &opts);
    lock(library)?.remember_comparison(request.left, request.right)?;
    Ok(result)
}
