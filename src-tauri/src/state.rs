//! The app's managed state: the open library, the shared segmenter and the
//! sentence-vector model.
//!
//! The library is opened in `setup` ([`AppState::start`]): the one the
//! settings file names (the local file in the OS data dir, or a team
//! library on a PostgreSQL server), or `$POLICYDIFF_DB`. A team server that
//! cannot be opened at startup gives the local library instead, and the
//! reason is kept for the UI's banner ([`AppState::location_info`]). The
//! library can be switched while the app runs ([`AppState::switch`]).
//! jieba's dictionary loads on a background thread at startup and commands
//! that need it wait for it ([`AppState::segmenter`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::Sender;
use std::sync::{Mutex, MutexGuard, OnceLock};

use policydiff::library::{self, FirstRun, Location};
use policydiff::stages::store::Access;
use policydiff::vectors::Model;
use policydiff::{Segmenter, Store};

use crate::error::{open_error, AppError, AppResult};
use crate::settings::{SavedLibrary, Settings};
use crate::types::{LibraryKind, LibraryLocation, LibraryStatus};

/// Environment variable naming the library (a file, or a team server's
/// `postgres://` URL), over the settings (tests, portable installs).
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

/// Where the open library is, and the settings.
struct Place {
    location: Location,
    settings: Settings,
    fallback: Option<AppError>,
}

/// Shared state of the running app.
pub struct AppState {
    library: Mutex<Box<dyn Store>>,
    place: Mutex<Place>,
    local: PathBuf,
    settings_file: Option<PathBuf>,
    first_run: Option<FirstRun>,
    ready: AtomicBool,
    cancelled_exports: Mutex<HashSet<String>>,
    vectors: OnceLock<Vectors>,
    vector_fill: Mutex<()>,
    vector_worker: Mutex<Option<Sender<()>>>,
}

impl AppState {
    /// The library `$POLICYDIFF_DB` names over the settings (`None` when it
    /// is unset), and the local library file: `$POLICYDIFF_DB` when it names
    /// a file, else the OS default.
    pub fn library_env() -> AppResult<(Option<Location>, PathBuf)> {
        match std::env::var(DB_ENV).ok().filter(|v| !v.trim().is_empty()) {
            Some(given) => match Location::parse(&given) {
                Location::File(path) => Ok((Some(Location::File(path.clone())), path)),
                server => Ok((Some(server), policydiff::library::default_path()?)),
            },
            None => Ok((None, policydiff::library::default_path()?)),
        }
    }

    /// Open the library the settings in `settings_file` choose (`forced`,
    /// from `$POLICYDIFF_DB`, over them), with `local` the local library
    /// file. A team server that cannot be opened (unreachable, login
    /// refused, not a library…) gives the local library instead, and why is
    /// kept for the UI ([`LibraryLocation::fallback`]); only a local library
    /// that cannot be opened is an error.
    pub fn start(
        settings_file: PathBuf,
        local: PathBuf,
        forced: Option<Location>,
    ) -> AppResult<AppState> {
        let settings = Settings::load_or_default(&settings_file);
        let wanted = forced.unwrap_or_else(|| match &settings.library {
            SavedLibrary::File => Location::File(local.clone()),
            SavedLibrary::Server { url } => Location::Server(url.clone()),
        });
        let mut state = match AppState::open_at(&wanted, local.clone()) {
            Ok(state) => state,
            Err(e) if wanted.file().is_none() => {
                tracing::warn!(
                    "the team library {wanted} cannot be opened ({e}); opening the local library {} instead",
                    local.display()
                );
                let state = AppState::open_at(&Location::File(local.clone()), local)?;
                state.place_mut().fallback = Some(e);
                state
            }
            Err(e) => return Err(e),
        };
        state.settings_file = Some(settings_file);
        state.place_mut().settings = settings;
        state.apply_author()?;
        Ok(state)
    }

    /// Open (creating if needed) the library at `path`, read-only when it
    /// cannot be written. Whether its first run is due is the library's own
    /// record ([`policydiff::library::first_run_due`]: a new library, or an
    /// earlier first run that failed); a library whose first run is due and
    /// can be written is not `ready` until [`AppState::set_ready`].
    pub fn open(path: &Path) -> AppResult<AppState> {
        let state = AppState::open_at(&Location::File(path.to_owned()), path.to_owned())?;
        state.apply_author()?;
        Ok(state)
    }

    /// [`AppState::open`] for a library anywhere (a file or a team server),
    /// with `local` the local library file; no settings file.
    pub fn open_at(location: &Location, local: PathBuf) -> AppResult<AppState> {
        let (library, first_run) = open_library(location)?;
        Ok(AppState {
            library: Mutex::new(library),
            place: Mutex::new(Place {
                location: location.clone(),
                settings: Settings::default(),
                fallback: None,
            }),
            local,
            settings_file: None,
            ready: AtomicBool::new(first_run.is_none()),
            first_run,
            cancelled_exports: Mutex::new(HashSet::new()),
            vectors: OnceLock::new(),
            vector_fill: Mutex::new(()),
            vector_worker: Mutex::new(None),
        })
    }

    fn place_mut(&self) -> MutexGuard<'_, Place> {
        // Plain values: a panic elsewhere cannot leave them inconsistent.
        self.place
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The library file, `None` for a team library.
    pub fn library_file(&self) -> Option<PathBuf> {
        self.place_mut().location.file().map(Path::to_owned)
    }

    /// The local library file (the one "local file" opens).
    pub fn local_path(&self) -> &Path {
        &self.local
    }

    /// Where the open library is.
    pub fn location(&self) -> Location {
        self.place_mut().location.clone()
    }

    /// The settings (as saved, or the defaults).
    pub fn settings(&self) -> Settings {
        self.place_mut().settings.clone()
    }

    /// The author name written with notes and pairings: the one set, else
    /// [`library::default_author`].
    pub fn author(&self) -> Option<String> {
        self.place_mut()
            .settings
            .author
            .clone()
            .or_else(library::default_author)
    }

    fn apply_author(&self) -> AppResult<()> {
        let author = self.author();
        self.library()?.set_author(author.as_deref());
        Ok(())
    }

    fn save_settings(&self, settings: &Settings) -> AppResult<()> {
        if let Some(file) = &self.settings_file {
            settings.save(file).map_err(|e| AppError {
                code: crate::error::ErrorCode::Io,
                message: e.to_string(),
            })?;
        }
        Ok(())
    }

    /// The library and the library settings, for the settings dialog and
    /// the fallback banner.
    pub fn location_info(&self) -> LibraryLocation {
        let place = self.place_mut();
        let server_url = match &place.settings.library {
            SavedLibrary::Server { url } => Some(library::redact(url)),
            SavedLibrary::File => match &place.location {
                Location::Server(url) => Some(library::without_password(url).0),
                Location::File(_) => None,
            },
        };
        LibraryLocation {
            kind: match place.location {
                Location::File(_) => LibraryKind::File,
                Location::Server(_) => LibraryKind::Server,
            },
            location: place.location.to_string(),
            local_path: self.local.display().to_string(),
            server_url,
            author: place
                .settings
                .author
                .clone()
                .or_else(library::default_author),
            default_author: library::default_author(),
            fallback: place.fallback.clone(),
        }
    }

    /// Open the library at `location` and use it from now on instead of the
    /// one open, saving `saved` as the library setting (the settings file
    /// never holds a password). When it cannot be opened or the settings
    /// cannot be saved, nothing changes and the error says why. Returns why
    /// the new library's first run is due when it is and the library can be
    /// written (the caller imports the bundled corpus).
    pub fn switch(&self, location: &Location, saved: SavedLibrary) -> AppResult<Option<FirstRun>> {
        if !self.ready.load(Ordering::SeqCst) {
            return Err(AppError {
                code: crate::error::ErrorCode::Busy,
                message: "the bundled documents are still being imported into the library; \
                          change the library when that is done"
                    .into(),
            });
        }
        let (mut store, due) = open_library(location)?;
        let mut settings = self.settings();
        settings.library = saved;
        self.save_settings(&settings)?;
        store.set_author(self.author().as_deref());
        let mut lib = self.library()?;
        *lib = store;
        let mut place = self.place_mut();
        place.location = location.clone();
        place.settings = settings;
        place.fallback = None;
        tracing::info!("library: {location}");
        Ok(due)
    }

    /// Set (or, `None` or blank, clear) the author name: applied to the
    /// open library now and saved in the settings.
    pub fn set_author(&self, author: Option<String>) -> AppResult<()> {
        let mut settings = self.settings();
        settings.author = author
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty());
        self.save_settings(&settings)?;
        self.place_mut().settings = settings;
        self.apply_author()
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
            path: self.place_mut().location.to_string(),
            ready: self.ready.load(Ordering::SeqCst),
            vectors_warning: self.vectors_warning(),
            read_only: match lib.access() {
                Access::ReadWrite => None,
                Access::ReadOnly(why) => Some(why),
            },
        })
    }
}

/// Open (creating if needed) the library at `location`: a file read-only
/// when it cannot be written. Whether its first run is due is the library's
/// own record ([`policydiff::library::first_run_due`]); due is `None` when
/// the library is read-only (with a warning).
fn open_library(location: &Location) -> AppResult<(Box<dyn Store>, Option<FirstRun>)> {
    let path = location.file();
    let was_empty =
        path.is_some_and(|p| std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() == 0));
    if let Some(dir) = path.and_then(Path::parent) {
        // Best effort: opening reports the real error if this fails.
        let _ = std::fs::create_dir_all(dir);
    }
    let library = library::open_store_at(location).map_err(open_error)?;
    let due = library::first_run_due(library.as_ref(), was_empty)?;
    let due = match (due, library.access()) {
        (Some(why), Access::ReadOnly(ro)) => {
            tracing::warn!(
                "{why}, but the library is read-only ({ro}): the bundled corpus is not imported"
            );
            None
        }
        (due, _) => due,
    };
    Ok((library, due))
}
