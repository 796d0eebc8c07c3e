//! Read files into documents.
//!
//! Takes a path (or text), decodes it ([`decode`]: UTF-8, UTF-16,
//! GBK/GB18030 …), splits a compilation into its documents ([`split`]),
//! finds their metadata and cleans their text ([`crate::clean`]). Hands on
//! [`crate::SourceDoc`]s for [`crate::store`] or [`crate::compare`].
//!
//! Start with [`read_path`] for a file or [`split`] for text already in
//! memory. Each document's `text` begins with its title line, then its body
//! (文号, salutation, cover letter, signature, plan title, numbered body …)
//! one paragraph per line, without the source URL or region headings.

mod compilation;
mod decode;
mod meta;

use std::path::Path;

pub use decode::decode;
pub use meta::FRAGMENT_TITLE;

use crate::error::{Error, Result};
use crate::model::SourceDoc;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Read one file into one or more documents.
///
/// Any file whose content is text is accepted, whatever its extension.
/// Errors name the file: it cannot be read, is empty, binary, too large, or
/// holds no Chinese text.
pub fn read_path(path: &Path) -> Result<Vec<SourceDoc>> {
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_FILE_BYTES {
        return Err(Error::Unsupported {
            path: path.to_owned(),
            reason: format!(
                "the file is too large ({} MB; at most {} MB)",
                len >> 20,
                MAX_FILE_BYTES >> 20
            ),
        });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    let text = decode(&bytes, path)?;
    Ok(split(&text, Some(path)))
}

/// Split a text into its documents.
///
/// A compilation (a file of many documents introduced by numbered title
/// lines `N. 标题（2023年5月30日）`, grouped under region headings) gives one
/// document per title line, plus a fragment (`meta.fragment`, title
/// [`FRAGMENT_TITLE`]) for any text before the first title line. Any other
/// text gives one document whose title is its first line. `source` is
/// recorded as `meta.source_file`.
pub fn split(text: &str, source: Option<&Path>) -> Vec<SourceDoc> {
    compilation::blocks(text)
        .iter()
        .map(|b| meta::document(b, source))
        .collect()
}

/// Treat a whole text as a single document (title = its first line).
pub fn from_text(text: &str, path: Option<&Path>) -> SourceDoc {
    let lines: Vec<&str> = text.lines().collect();
    let block = compilation::Block {
        kind: compilation::Kind::Standalone,
        lines,
        title_len: 0,
        province: None,
    };
    meta::document(&block, path)
}
