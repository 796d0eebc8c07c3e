//! The local library: documents, clauses and full-text search in one SQLite file.
//!
//! Takes [`crate::SourceDoc`]s with their [`crate::parse::ClauseTree`]s and
//! stores them in one transaction per import; hands back document lists,
//! documents with their trees, and search hits.
