//! PolicyDiff desktop shell: a thin Tauri layer over the application layer
//! (`policydiff`).
//!
//! At startup [`run`] opens the library ([`state::AppState`], at
//! `$POLICYDIFF_DB` or the OS default), starts loading jieba on a background
//! thread, and on first run (a new library file) imports the bundled corpus
//! ([`spawn_corpus_import`]) while the window is already up. The UI talks to
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
                cx.state.set_ready(true);
                added
            });
            match result {
                Ok(n) => tracing::info!("bundled corpus: {n} documents in {:?}", t.elapsed()),
                Err(e) => tracing::error!("bundled corpus import failed: {e}"),
            }
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
            use tauri::Manager;
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
