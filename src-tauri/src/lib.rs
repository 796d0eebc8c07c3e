//! PolicyDiff desktop shell: a thin Tauri layer over the application layer
//! (`policydiff`).
//!
//! At startup [`run`] opens the library ([`state::AppState::start`]: the
//! local file or team server the settings choose, or `$POLICYDIFF_DB`), starts loading jieba on a background
//! thread, and on first run (a new library file) imports the bundled corpus
//! ([`spawn_corpus_import`]) while the window is already up; the sentence
//! vectors the library is missing are computed by a background worker
//! ([`spawn_vector_worker`], after startup and after each import). The UI talks to
//! the shell only through the contract in [`ipc`]: the commands (each a thin
//! wrapper in [`commands`] over an application-layer call, run on a blocking
//! thread) and the events. Errors cross IPC as [`error::AppError`]
//! `{ code, message }`. The TypeScript in `ui/src/lib/bindings/` (types,
//! commands, events) is generated from the Rust by `cargo test -p
//! policydiff-app --test bindings`.
#![deny(missing_docs)]

pub mod commands;
pub mod error;
pub mod ipc;
pub mod settings;
pub mod state;
pub mod types;

use tauri::{AppHandle, Runtime};

use crate::state::AppState;

/// Register every IPC command on a builder (the real app and the tests share this list).
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    ipc::register(builder)
}

/// Import the bundled corpus on a background thread
/// ([`commands::import::import_bundled_corpus`]). A new library reports
/// `ready: false` until it is done ([`AppState::open`]).
pub fn spawn_corpus_import<R: Runtime>(app: AppHandle<R>) {
    std::thread::Builder::new()
        .name("corpus-import".into())
        .spawn(move || {
            let t = std::time::Instant::now();
            let result = ipc::with_ctx(&app, |cx| {
                let added = commands::import::import_bundled_corpus(cx);
                cx.state.request_vectors();
                added
            });
            match result {
                Ok(n) => tracing::info!("bundled corpus: {n} documents in {:?}", t.elapsed()),
                Err(e) => tracing::error!("bundled corpus import failed: {e}"),
            }
        })
        .expect("spawn corpus import thread");
}

/// Start the worker that computes the library's missing sentence vectors
/// ([`commands::vectors::fill_missing`]) whenever
/// [`AppState::request_vectors`] asks (requests that arrive during a run are
/// served by one more run).
pub fn spawn_vector_worker<R: Runtime>(app: AppHandle<R>) {
    let (tx, rx) = std::sync::mpsc::channel::<()>();
    if let Some(state) = tauri::Manager::try_state::<AppState>(&app) {
        state.set_vector_worker(tx);
    }
    std::thread::Builder::new()
        .name("vectors".into())
        .spawn(move || {
            while rx.recv().is_ok() {
                while rx.try_recv().is_ok() {}
                let t = std::time::Instant::now();
                match ipc::with_ctx(&app, commands::vectors::fill_missing) {
                    Ok(0) => {}
                    Ok(n) => tracing::info!("sentence vectors: {n} documents in {:?}", t.elapsed()),
                    Err(e) => tracing::error!("sentence vectors: {}", e.message),
                }
            }
        })
        .expect("spawn vector thread");
}

fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).try_init();
}

/// Run the desktop app.
pub fn run() {
    init_tracing();
    AppState::preload_segmenter();
    let builder = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .setup(|app| {
            use tauri::Manager;
            let (forced, local) = AppState::library_env()?;
            let settings_file = app.path().app_config_dir()?.join(settings::FILE_NAME);
            let state = AppState::start(settings_file, local, forced)?;
            tracing::info!("library: {}", state.location());
            let due = state.first_run().cloned();
            app.manage(state);
            spawn_vector_worker(app.handle().clone());
            if let Some(why) = due {
                tracing::info!("first run ({why}): importing the bundled corpus");
                spawn_corpus_import(app.handle().clone());
            } else {
                app.state::<AppState>().request_vectors();
            }
            Ok(())
        });
    with_commands(builder)
        .run(tauri::generate_context!())
        .expect("error while running PolicyDiff");
}
