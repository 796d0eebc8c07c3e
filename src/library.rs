//! One-call pipelines over the stages: file → documents → clause trees → library.
//!
//! This is where the CLI and the desktop shell start: [`open`] opens the
//! library (importing the bundled corpus into a new one), [`import_path`]
//! imports a user's file, [`load_file`] reads a file for a direct comparison
//! without storing it.

use std::path::Path;

use crate::compare::Doc;
use crate::error::{Error, Result};
use crate::model::SourceDoc;
use crate::parse::{parse, ClauseTree};
use crate::segment::Segmenter;
use crate::store::{ImportReport, Library};

/// The bundled default corpus (a 2023 compilation of South China business-environment policies).
pub const BUNDLED_CORPUS: &str =
    include_str!("../assets/corpus/south-china-2023-business-environment.txt");

/// File name recorded as the source of the bundled corpus.
pub const BUNDLED_CORPUS_NAME: &str = "south-china-2023-business-environment.txt";

/// Parse each document into its clause tree.
pub fn prepare(docs: Vec<SourceDoc>) -> Vec<(SourceDoc, ClauseTree)> {
    docs.into_iter()
        .map(|d| {
            let tree = parse(&d.text);
            (d, tree)
        })
        .collect()
}

/// Import a file (a single document or a compilation) into the library, in one transaction.
pub fn import_path(lib: &mut Library, seg: &Segmenter, path: &Path) -> Result<ImportReport> {
    let docs = crate::import::read_path(path)?;
    lib.add(seg, &prepare(docs))
}

/// Import the bundled corpus into the library.
pub fn import_bundled_corpus(lib: &mut Library, seg: &Segmenter) -> Result<ImportReport> {
    let docs = crate::import::split(BUNDLED_CORPUS, Some(Path::new(BUNDLED_CORPUS_NAME)));
    lib.add(seg, &prepare(docs))
}

/// Open the library at `path`; when the file did not exist yet, import the bundled corpus
/// into it so a first run shows real documents. Returns the import report in that case.
pub fn open(path: &Path, seg: &Segmenter) -> Result<(Library, Option<ImportReport>)> {
    let fresh = !path.exists();
    let mut lib = Library::open(path)?;
    if fresh && lib.count()? == 0 {
        let report = import_bundled_corpus(&mut lib, seg)?;
        return Ok((lib, Some(report)));
    }
    Ok((lib, None))
}

/// Read a file holding exactly one document, for a direct comparison without importing it.
pub fn load_file(path: &Path) -> Result<Doc> {
    let mut docs = crate::import::read_path(path)?;
    // A compilation's leading untitled fragment is not a document the user meant.
    if docs.len() > 1 {
        docs.retain(|d| !d.meta.fragment);
    }
    match docs.len() {
        1 => {
            let d = docs.pop().expect("one document");
            let tree = parse(&d.text);
            Ok(Doc {
                id: None,
                meta: d.meta,
                tree,
            })
        }
        n => Err(Error::Unsupported {
            path: path.to_owned(),
            reason: format!("the file holds {n} documents; import it and compare documents by id"),
        }),
    }
}

/// Load a stored document for comparison.
pub fn load_stored(lib: &Library, id: i64) -> Result<Doc> {
    let d = lib.get(id)?;
    Ok(Doc {
        id: Some(d.id),
        meta: d.meta,
        tree: d.tree,
    })
}
