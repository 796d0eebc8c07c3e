//! IPC commands, grouped by area. Each is a thin wrapper over one core call
//! (or one [`crate::glue`] composition until the core offers it).
//!
//! All commands are `async` so they run off the main (UI) thread.

pub mod compare;
pub mod import;
pub mod library;
