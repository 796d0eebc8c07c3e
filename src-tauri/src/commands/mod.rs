//! IPC commands, grouped by area. Each is a thin wrapper over a core call.
//!
//! All commands are `async` so they run off the main (UI) thread.

pub mod compare;
pub mod export;
pub mod import;
pub mod library;
pub mod notes;
