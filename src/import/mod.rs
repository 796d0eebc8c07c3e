//! Read files into documents.
//!
//! Takes a path, decodes it (UTF-8, UTF-16, GBK/GB18030), splits a
//! compilation into its documents, finds their metadata and cleans their
//! text. Hands on [`crate::SourceDoc`]s for [`crate::store`] or
//! [`crate::compare`].

use std::path::Path;

use crate::error::{Error, Result};
use crate::model::{DocMeta, SourceDoc};

/// Read one file into one or more documents.
pub fn read_path(path: &Path) -> Result<Vec<SourceDoc>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_owned(),
        source,
    })?;
    let text = String::from_utf8(bytes).map_err(|_| Error::Unsupported {
        path: path.to_owned(),
        reason: "not UTF-8 text".into(),
    })?;
    Ok(split(&text, Some(path)))
}

/// Split a text into its documents (placeholder: one document).
pub fn split(text: &str, path: Option<&Path>) -> Vec<SourceDoc> {
    vec![from_text(text, path)]
}

/// Treat a whole text as a single document.
pub fn from_text(text: &str, path: Option<&Path>) -> SourceDoc {
    let cleaned = crate::clean::clean(text);
    let title = cleaned.lines().next().unwrap_or_default().to_string();
    SourceDoc {
        meta: DocMeta {
            title,
            source_file: path.map(|p| p.display().to_string()),
            ..DocMeta::default()
        },
        original: text.to_string(),
        text: cleaned,
    }
}
