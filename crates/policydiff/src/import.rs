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

/// Import a file (a single document or a compilation) into the library, in
/// one transaction: all its documents or none.
pub fn import_path(store: &mut dyn Store, seg: &Segmenter, path: &Path) -> Result<ImportReport> {
    let docs = policydiff_import::read_path(path)?;
    Ok(store.add(seg, &prepare(docs))?)
}

/// Import the bundled corpus one document per transaction, calling
/// `progress(done, total)` before the first document and after each (so an
/// app can show progress and use the library in between). Returns what was
/// added.
pub fn import_bundled_corpus(
    store: &mut dyn Store,
    seg: &Segmenter,
    mut progress: impl FnMut(usize, usize),
) -> Result<ImportReport> {
    let docs = crate::corpus::documents();
    let total = docs.len();
    let mut report = ImportReport::default();
    progress(0, total);
    for (i, doc) in docs.into_iter().enumerate() {
        let r = store.add(seg, &prepare(vec![doc]))?;
        report.added.extend(r.added);
        report.duplicates.extend(r.duplicates);
        progress(i + 1, total);
    }
    Ok(report)
}
