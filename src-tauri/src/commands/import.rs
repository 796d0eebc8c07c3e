//! The import command: files given by path (dialog or drag-and-drop), and
//! the first-run import of the bundled corpus.

use std::path::Path;

use super::Ctx;
use crate::error::{AppError, AppResult};
use crate::types::{CorpusImportProgress, ImportOutcome, ImportProgress, LibraryChanged};

/// Import files, one outcome per file; a failing file does not stop the
/// others. Each file is read and parsed before the library is locked, and
/// stored in one transaction. Emits `import-progress` before each file and
/// `library-changed` when anything was added (and then asks for the new
/// documents' sentence vectors, computed in the background).
pub fn import_files(cx: &Ctx, paths: Vec<String>) -> AppResult<Vec<ImportOutcome>> {
    let seg = cx.state.segmenter();
    let total = paths.len();
    let mut outcomes = Vec::with_capacity(total);
    for (index, path) in paths.into_iter().enumerate() {
        cx.emit(ImportProgress {
            index,
            total,
            path: path.clone(),
        });
        let result = policydiff::import::read_file(Path::new(&path))
            .map_err(AppError::from)
            .and_then(|docs| Ok(cx.state.library()?.add(seg, &docs)?));
        outcomes.push(ImportOutcome::new(path, result));
    }
    if outcomes.iter().any(|o| !o.added.is_empty()) {
        cx.emit(LibraryChanged {});
        cx.state.request_vectors();
    }
    Ok(outcomes)
}

/// The library's first run ([`policydiff::library::run_first_run_with`]):
/// the bundled corpus imported one document per transaction, the library
/// locked only for each step, the run recorded in the library (an
/// interrupted one is finished next time). Emits `corpus-import-progress`
/// before the first document and after each, marks the library ready, then
/// emits `library-changed` (the UI refreshes on it and reads `ready` then: set
/// after the event, the list showed the import unfinished until the next poll).
/// Returns the number of documents added.
pub fn import_bundled_corpus(cx: &Ctx) -> AppResult<usize> {
    let seg = cx.state.segmenter();
    let report = policydiff::library::run_first_run_with(
        || cx.state.library(),
        seg,
        |done, total| cx.emit(CorpusImportProgress { done, total }),
    );
    cx.state.set_ready(true);
    cx.emit(LibraryChanged {});
    Ok(report?.added.len())
}
