//! The bundled default corpus: a 2023 compilation of South China
//! business-environment policies, so a first run shows real documents.
//!
//! Embedded in the binary, so a first run works offline and needs no
//! resource lookup.

use std::path::Path;

use policydiff_model::SourceDoc;

/// The bundled corpus text.
pub const TEXT: &str =
    include_str!("../../../assets/corpus/south-china-2023-business-environment.txt");

/// File name recorded as the source of the bundled corpus's documents.
pub const FILE_NAME: &str = "south-china-2023-business-environment.txt";

/// The corpus split into its documents, as the library imports them (the
/// untitled leading fragment first, then the titled documents in order).
pub fn documents() -> Vec<SourceDoc> {
    policydiff_import::split(TEXT, Some(Path::new(FILE_NAME)))
}
