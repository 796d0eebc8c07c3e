//! The app's managed state: the open library, the shared segmenter and the
//! sentence-vector model.
//!
//! The library is opened once in `setup` (at `POLICYDIFF_DB` or the default
//! path); jieba's dictionary loads on a background thread at startup and
//! commands that need it wait for it ([`AppState::segmenter`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Mutex, MutexGuard, OnceLock};

use policydiff::library::{self, FirstRun};
use policydiff::stages::store::Access;
use policydiff::vectors::Model;
use policydiff::{Segmenter, Store};

use crate::error::{AppError, AppResult};
use crate::types::LibraryStatus;

/// Environment variable naming the library file (tests, portable installs).
pub const DB_ENV: &str = "POLICYDIFF_DB";

/// Environment variable naming a sentence-vector model file to use instead
/// of the built-in static table (as the CLI's `--model`).
pub const MODEL_ENV: &str = "POLICYDIFF_MODEL";

/// Environment variable that, set to anything but `0` or empty, turns
/// sentence vectors off (as the CLI's `--lexical-only`).
pub const LEXICAL_ONLY_ENV: &str = "POLICYDIFF_LEXICAL_ONLY";

/// The sentence-vector model, or why there is none.
enum Vectors {
    On(Model),
    Off,
    Failed(String),
}

/// Shared state of the running app.
pub struct AppState {
    library: Mutex<Box<dyn Store>>,
    path: PathBuf,
    first_run: Option<FirstRun>,
    ready: AtomicBool,
    cancelled_exports: Mutex<HashSet<String>>,
    vectors: OnceLock<Vectors>,
    vector_fill: Mutex<()>,
    vector_worker: Mutex<Option<Sender<()>>>,
}

impl AppState {
    /// The library file to open: `$POLICYDIFF_DB`, else the OS default.
    pub fn library_path() -> AppResult<PathBuf> {
        match std::env::var_os(DB_ENV) {
            Some(p) if !p.is_empty() => Ok(PathBuf::from(p)),
            _ => Ok(policydiff::library::default_path()?),
        }
    }

    /// Open (creating if needed) the library at `path`, read-only when it
    /// cannot be written. Whether its first run is due is the library's own
    /// record ([`policydiff::library::first_run_due`]: a new library, or an
    /// earlier first run that failed); a library whose first run is due and
    /// can be written is not `ready` until [`AppState::set_ready`].
    pub fn open(path: &Path) -> AppResult<AppState> {
        let was_empty = std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0);
        if let Some(dir) = path.parent() {
            // Best effort: opening reports the real error if this fails.
            let _ = std::fs::create_dir_all(dir);
        }
        let library = library::open_store(path)?;
        let due = library::first_run_due(library.as_ref(), was_empty)?;
        let first_run = match (due, library.access()) {
            (Some(why), Access::ReadOnly(ro)) => {
                tracing::warn!("{why}, but the library is read-only ({ro}): the bundled corpus is not imported");
                None
            }
            (due, _) => due,
        };
        Ok(AppState {
            library: Mutex::new(library),
            path: path.to_owned(),
            ready: AtomicBool::new(first_run.is_none()),
            first_run,
            cancelled_exports: Mutex::new(HashSet::new()),
            vectors: OnceLock::new(),
            vector_fill: Mutex::new(()),
            vector_worker: Mutex::new(None),
        })
    }

    /// The library file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Start loading the segmenter on a background thread (call once at startup).
    pub fn preload_segmenter() {
        std::thread::Builder::new()
            .name("segmenter".into())
            .spawn(|| {
                let t = std::time::Instant::now();
                Segmenter::shared();
                tracing::info!("segmenter loaded in {:?}", t.elapsed());
            })
            .expect("spawn segmenter thread");
    }

    /// The shared segmenter; blocks while it is still loading.
    pub fn segmenter(&self) -> &'static Segmenter {
        Segmenter::shared()
    }

    /// The sentence-vector model (loaded on first use: the built-in static
    /// table, or `$POLICYDIFF_MODEL`); `None` when turned off or when it
    /// could not be loaded ([`AppState::vectors_warning`] says why).
    pub fn model(&self) -> Option<Model> {
        match self.load_vectors() {
            Vectors::On(m) => Some(m.clone()),
            Vectors::Off | Vectors::Failed(_) => None,
        }
    }

    /// Why clauses are paired by wording alone although vectors are on.
    pub fn vectors_warning(&self) -> Option<String> {
        match self.load_vectors() {
            Vectors::Failed(why) => Some(why.clone()),
            Vectors::On(_) | Vectors::Off => None,
        }
    }

    fn load_vectors(&self) -> &Vectors {
        self.vectors.get_or_init(|| {
            let off = std::env::var_os(LEXICAL_ONLY_ENV).is_some_and(|v| !v.is_empty() && v != "0");
            if off {
                return Vectors::Off;
            }
            let t = std::time::Instant::now();
            let loaded = match std::env::var_os(MODEL_ENV).filter(|p| !p.is_empty()) {
                Some(path) => Model::open(Path::new(&path)),
                None => Model::bundled(),
            };
            match loaded {
                Ok(m) => {
                    tracing::info!("sentence vectors: {} loaded in {:?}", m.id(), t.elapsed());
                    Vectors::On(m)
                }
                Err(e) => {
                    let why = format!("the sentence-vector model could not be loaded ({e}); clauses are paired by wording alone");
                    tracing::warn!("{why}");
                    Vectors::Failed(why)
                }
            }
        })
    }

    /// Held while the library's missing vectors are computed: one run at a time.
    pub fn vector_fill_lock(&self) -> MutexGuard<'_, ()> {
        self.vector_fill
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Where [`AppState::request_vectors`] sends (the background worker of
    /// [`crate::spawn_vector_worker`]).
    pub fn set_vector_worker(&self, tx: Sender<()>) {
        *self
            .vector_worker
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(tx);
    }

    /// Ask the background worker to compute the library's missing vectors
    /// (after an import); nothing happens without a worker.
    pub fn request_vectors(&self) {
        let worker = self
            .vector_worker
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(tx) = worker.as_ref() {
            let _ = tx.send(());
        }
    }

    /// Lock the library, turning a poisoned lock into an `internal` error.
    pub fn library(&self) -> AppResult<MutexGuard<'_, Box<dyn Store>>> {
        self.library.lock().map_err(|_| {
            AppError::internal("the library lock is poisoned (an earlier command panicked)")
        })
    }

    /// Why the bundled corpus should be imported (the library's first run is
    /// due and it can be written), `None` when it should not.
    pub fn first_run(&self) -> Option<&FirstRun> {
        self.first_run.as_ref()
    }

    /// Mark the first-run import as running (`false`) or finished (`true`).
    pub fn set_ready(&self, ready: bool) {
        self.ready.store(ready, Ordering::SeqCst);
    }

    fn cancelled_exports(&self) -> MutexGuard<'_, HashSet<String>> {
        // The set holds plain ids: a panic elsewhere cannot leave it inconsistent.
        self.cancelled_exports
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Ask the export `id` to stop (it may not have started yet).
    pub fn cancel_export(&self, id: &str) {
        self.cancelled_exports().insert(id.to_owned());
    }

    /// Whether the export `id` was cancelled.
    pub fn is_export_cancelled(&self, id: &str) -> bool {
        self.cancelled_exports().contains(id)
    }

    /// Forget a cancellation (the export `id` ended).
    pub fn forget_export(&self, id: &str) {
        self.cancelled_exports().remove(id);
    }

    /// Document count, library path, readiness and whether it is read-only.
    pub fn status(&self) -> AppResult<LibraryStatus> {
        let lib = self.library()?;
        Ok(LibraryStatus {
            documents: lib.count()?,
            path: self.path.display().to_string(),
            ready: self.ready.load(Ordering::SeqCst),
            vectors_warning: self.vectors_warning(),
            read_only: match lib.access() {
                Access::ReadWrite => None,
                Access::ReadOnly(why) => Some(why),
            },
        })
    }
}
