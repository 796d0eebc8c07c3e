//! Opening a library: where it lives, and the first run that fills a new
//! one with the bundled corpus.

use std::path::{Path, PathBuf};

use policydiff_model::ImportReport;
use policydiff_segment::Segmenter;
use policydiff_store::{SqliteStore, Store};

use crate::{Error, Result};

/// The default library file: `<OS data dir>/policydiff/library.sqlite3`.
pub fn default_path() -> Result<PathBuf> {
    SqliteStore::default_path().map_err(|_| Error::NoHome)
}

/// An open library and what opening it did.
pub struct Opened {
    /// The library.
    pub store: Box<dyn Store>,
    /// The library file.
    pub path: PathBuf,
    /// The bundled corpus was imported into this new library.
    pub first_run: Option<ImportReport>,
}

impl std::fmt::Debug for Opened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Opened")
            .field("path", &self.path)
            .field("first_run", &self.first_run)
            .finish_non_exhaustive()
    }
}

/// Open the library at `path`; when the file did not exist yet, import the
/// bundled corpus into it so a first run shows real documents.
pub fn open(path: &Path, seg: &Segmenter) -> Result<Opened> {
    let fresh = !path.exists();
    let mut store = open_store(path)?;
    let mut first_run = None;
    if fresh && store.count()? == 0 {
        first_run = Some(crate::import::import_bundled_corpus(
            store.as_mut(),
            seg,
            |_, _| {},
        )?);
    }
    Ok(Opened {
        store,
        path: path.to_owned(),
        first_run,
    })
}

/// Open (creating or upgrading) the library at `path` without a first-run
/// import.
pub fn open_store(path: &Path) -> Result<Box<dyn Store>> {
    Ok(Box::new(SqliteStore::open(path)?))
}
