//! Importing files into a library: parse each document, store them in one
//! transaction per file.

use std::path::Path;

use policydiff_model::{ClauseTree, ImportReport, SourceDoc};
use policydiff_segment::Segmenter;
use policydiff_store::Store;

use crate::Result;

/// Parse each document into its clause tree.
pub fn prepare(docs: Vec<SourceDoc>) -> Vec<(SourceDoc, ClauseTree)> {
    docs.into_iter()
        .map(|d| {
            let tree = policydiff_parse::parse(&d.text);
            (d, tree)
        })
        .collect()
}

/// Read a file and parse its documents: the slow part of [`import_path`],
/// which needs no library (an app does it before taking the library's lock).
pub fn read_file(path: &Path) -> Result<Vec<(SourceDoc, ClauseTree)>> {
    Ok(prepare(policydiff_import::read_path(path)?))
}

/// Import a file (a single document or a compilation) into the library, in
/// one transaction: all its documents or none.
pub fn import_path(store: &mut dyn Store, seg: &Segmenter, path: &Path) -> Result<ImportReport> {
    Ok(store.add(seg, &read_file(path)?)?)
}

/// Import the bundled corpus one document per transaction, calling
/// `progress(done, total)` before the first document and after each (so an
/// app can show progress and use the library in between). Returns what was
/// added.
pub fn import_bundled_corpus(
    store: &mut dyn Store,
    seg: &Segmenter,
    progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    import_bundled_corpus_with(
        |docs| Ok::<_, crate::Error>(store.add(seg, docs)?),
        progress,
    )
}

/// [`import_bundled_corpus`] with the storing step given by the caller:
/// `add` is called once per document, already parsed (an app that shares
/// the library between threads takes its lock inside `add` only).
pub fn import_bundled_corpus_with<E>(
    mut add: impl FnMut(&[(SourceDoc, ClauseTree)]) -> std::result::Result<ImportReport, E>,
    mut progress: impl FnMut(usize, usize),
) -> std::result::Result<ImportReport, E> {
    let docs = crate::corpus::documents();
    let total = docs.len();
    let mut report = ImportReport::default();
    progress(0, total);
    for (i, doc) in docs.into_iter().enumerate() {
        let r = add(&prepare(vec![doc]))?;
        report.added.extend(r.added);
        report.duplicates.extend(r.duplicates);
        progress(i + 1, total);
    }
    Ok(report)
}
