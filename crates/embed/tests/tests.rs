//! Integration tests, by theme.

/// Shared helpers: where the model file is, real clauses.
mod util;

/// e5: tokens and vectors against the reference implementation, API properties.
mod e5;
/// Broken or wrong model files give typed errors naming the file.
mod errors;
/// The static table encoder.
mod static_table;
/// int8 storage of vectors.
mod storage;
