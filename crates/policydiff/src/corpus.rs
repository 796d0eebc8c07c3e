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

/// The corpus's documents as a first run imports them: its titled
/// documents in order. The compilation opens with the tail of a document it
/// does not hold (`面落实行政处罚裁量基准制度…`), which a user's compilation
/// keeps as an untitled fragment (their text is never dropped) but the
/// default library leaves out: nothing can be compared with it.
pub fn documents() -> Vec<SourceDoc> {
    let mut docs = policydiff_import::split(TEXT, Some(Path::new(FILE_NAME)));
    docs.retain(|d| !d.meta.fragment);
    docs
}
