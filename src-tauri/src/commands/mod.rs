//! What each IPC command does, grouped by area: plain functions over a
//! [`Ctx`], each a thin wrapper over the application layer (`policydiff`).
//!
//! They are not Tauri commands themselves: [`crate::ipc`] lists them with
//! their arguments and generates the Tauri handlers (which run them on a
//! blocking thread) and the TypeScript. They may block (I/O, parsing,
//! comparing), and hold the library's lock only to read or write it, never
//! while parsing or comparing.

pub mod compare;
pub mod export;
pub mod import;
pub mod library;
pub mod location;
pub mod matrix;
pub mod notes;
pub mod related;
pub mod vectors;

use serde_json::Value;

use crate::ipc::Event;
use crate::state::AppState;

/// What a command works with: the app's state and a way to emit events.
pub struct Ctx<'a> {
    /// The open library, the segmenter and the running exports.
    pub state: &'a AppState,
    emit: &'a dyn Fn(&'static str, Value),
}

impl<'a> Ctx<'a> {
    /// A context over `state`, sending events through `emit(name, payload)`.
    pub fn new(state: &'a AppState, emit: &'a dyn Fn(&'static str, Value)) -> Ctx<'a> {
        Ctx { state, emit }
    }

    /// Send an event to the UI (a failure to send is logged, not returned:
    /// events are progress reports, the command's result is what counts).
    pub fn emit<E: Event>(&self, event: E) {
        match serde_json::to_value(&event) {
            Ok(payload) => (self.emit)(E::NAME, payload),
            Err(e) => tracing::error!("event {}: {e}", E::NAME),
        }
    }
}
