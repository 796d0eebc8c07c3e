//! PolicyDiff desktop shell: a thin Tauri layer over the `policydiff` core.
//!
//! At startup [`run`] opens the library ([`state::AppState`], at
//! `$POLICYDIFF_DB` or the OS default), starts loading jieba on a background
//! thread, and on first run (a new library file) imports the bundled corpus ([`corpus`]) while the
//! window is already up. The UI talks to the core only through the
//! [`commands`] (each a thin wrapper over a core call); errors cross IPC as
//! [`error::AppError`] `{ code, message }`, and the shell emits the events
//! named in [`types::events`]. The TypeScript types in `ui/src/lib/bindings/`
//! are generated from these Rust types by `cargo test -p policydiff-app
//! export_bindings`.
#![deny(missing_docs)]

pub mod commands;
pub mod corpus;
pub mod error;
pub mod state;
pub mod types;

use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::state::AppState;
use crate::types::{events, CorpusImportProgress};

/// Register every IPC command on a builder (the real app and the tests share this list).
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        // library
        commands::library::library_status,
        commands::library::list_documents,
        commands::library::get_document,
        commands::library::search,
        commands::library::recent_comparisons,
        commands::library::delete_document,
        // compare
        commands::compare::compare_documents,
        // notes and manual pairings
        commands::notes::list_notes,
        commands::notes::add_note,
        commands::notes::update_note,
        commands::notes::delete_note,
        commands::notes::note_tags,
        commands::notes::force_pair,
        commands::notes::forbid_pair,
        commands::notes::clear_pairing,
        // export
        commands::export::export_comparison,
        commands::export::cancel_export,
        // import
        commands::import::import_files,
    ])
}

/// Import the bundled corpus on a background thread, emitting
/// `corpus-import-progress` and then `library-changed`. The library reports
/// `ready: false` until it is done.
pub fn spawn_corpus_import<R: Runtime>(app: AppHandle<R>) {
    app.state::<AppState>().set_ready(false);
    std::thread::Builder::new()
        .name("corpus-import".into())
        .spawn(move || {
            let state = app.state::<AppState>();
            let t = std::time::Instant::now();
            let result = corpus::import(&state, state.segmenter(), |done, total| {
                let _ = app.emit(
                    events::CORPUS_IMPORT_PROGRESS,
                    CorpusImportProgress { done, total },
                );
            });
            match result {
                Ok(n) => tracing::info!("bundled corpus: {n} documents in {:?}", t.elapsed()),
                Err(e) => tracing::error!("bundled corpus import failed: {e}"),
            }
            state.set_ready(true);
            let _ = app.emit(events::LIBRARY_CHANGED, serde_json::json!({}));
        })
        .expect("spawn corpus import thread");
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
            let path = AppState::library_path()?;
            tracing::info!("library: {}", path.display());
            let state = AppState::open(&path)?;
            let fresh = state.is_fresh();
            app.manage(state);
            if fresh {
                spawn_corpus_import(app.handle().clone());
            }
            Ok(())
        });
    with_commands(builder)
        .run(tauri::generate_context!())
        .expect("error while running PolicyDiff");
}
