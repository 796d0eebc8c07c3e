//! Read files into documents.
//!
//! Takes a path (or text), reads it (plain text, DOCX, HTML, PDF), decodes it
//! ([`decode`]: UTF-8, UTF-16, GBK/GB18030 …), splits a compilation into its documents ([`split`]),
//! finds their metadata and cleans their text ([`clean`]). Hands on
//! [`SourceDoc`]s for parsing (the parse crate) and then the store or the engine.
//!
//! Start with [`read_path`] for a file or [`split`] for text already in
//! memory. Each document's `text` begins with its title line, then its body
//! (文号, salutation, cover letter, signature, plan title, numbered body …)
//! one paragraph per line, without the source URL or region headings.
#![deny(missing_docs)]

pub mod clean;
mod compilation;
pub mod controls;
mod decode;
mod docx;
mod error;
mod html;
mod meta;
mod pdf;

use std::path::Path;

pub use decode::decode;
use decode::Decoded;
pub use meta::FRAGMENT_TITLE;

pub use error::{Error, Result};
use policydiff_model::SourceDoc;

/// Files larger than this are refused rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Read one file into one or more documents.
///
/// Reads DOCX (Word 2007+) and HTML pages as well as text; any file whose
/// content is text is accepted, whatever its extension, and PDFs with a text
/// layer (read by position, paragraphs rebuilt, page numbers dropped).
/// Errors name the file: it cannot be read, is empty, binary, too large, a
/// broken DOCX, a PDF without text or with a password, or holds no Chinese
/// text.
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
    let decoded = file_text(&bytes, path)?;
    Ok(split_with_damage(&decoded, Some(path)))
}

/// The text of a file, by its kind: PDF, DOCX, HTML or plain text. The kind
/// is told by the content (`%PDF`, zip magic, `<html`/`<!doctype html`/`<body`)
/// and, for HTML, also by the extension (`.html`, `.htm`, `.shtml`, `.xhtml`).
/// The old binary Word format is refused with a plain reason.
fn file_text(bytes: &[u8], path: &Path) -> Result<Decoded> {
    let refuse = |reason: String| Error::Unsupported {
        path: path.to_owned(),
        reason,
    };
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if bytes.starts_with(b"%PDF") {
        let text = pdf::pdf_text(bytes).map_err(refuse)?;
        decode::check_chinese(&text).map_err(|r| refuse(r.to_string()))?;
        return Ok(Decoded::extracted(text));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(refuse(
            "old Word (.doc) files are not supported; save the document as DOCX".into(),
        ));
    }
    if docx::is_zip(bytes) {
        let text = docx::docx_text(bytes).map_err(refuse)?;
        decode::check_chinese(&text).map_err(|r| refuse(r.to_string()))?;
        return Ok(Decoded::extracted(text));
    }
    let decoded = decode::decode_markup(bytes, path)?;
    let decoded = if matches!(ext.as_str(), "html" | "htm" | "shtml" | "xhtml")
        || html::looks_like_html(&decoded.text)
    {
        // The damaged bytes' places in the extracted text are unknown: they
        // are reported on the page's first document.
        let mut extracted = Decoded::extracted(html::html_text(&decoded.text));
        extracted.encoding = decoded.encoding;
        extracted.damage = decoded
            .damage
            .iter()
            .map(|d| decode::Damage {
                text_offset: 0,
                ..*d
            })
            .collect();
        extracted
    } else {
        decoded
    };
    decode::check_chinese(&decoded.text).map_err(|r| refuse(r.to_string()))?;
    Ok(decoded)
}

/// Split a text into its documents.
///
/// A compilation (a file of many documents introduced by numbered title
/// lines `N. 标题（2023年5月30日）`, grouped under region headings) gives one
/// document per title line, plus a fragment (`meta.fragment`, title
/// [`FRAGMENT_TITLE`]) for any text before the first title line. Any other
/// text gives one document whose title is its first line. `source` is
/// recorded as `meta.source_file`.
///
/// Control and invisible characters are removed first ([`controls`]); each
/// document that held some gets a warning saying which and where.
pub fn split(text: &str, source: Option<&Path>) -> Vec<SourceDoc> {
    split_with_damage(&Decoded::extracted(text.to_string()), source)
}

/// [`split`] a decoded file, warning each document about the damaged bytes
/// and the hidden characters that were in its part of the file.
fn split_with_damage(decoded: &Decoded, source: Option<&Path>) -> Vec<SourceDoc> {
    let clean = controls::neutralize(&decoded.text);
    let text = clean.text.as_str();
    let blocks = compilation::blocks(text);
    // Each block's byte range in `text` (its lines are slices of it).
    let ranges: Vec<std::ops::Range<usize>> = blocks
        .iter()
        .map(|b| match (b.lines.first(), b.lines.last()) {
            (Some(first), Some(last)) => {
                let start = first.as_ptr() as usize - text.as_ptr() as usize;
                let end = last.as_ptr() as usize - text.as_ptr() as usize + last.len();
                start..end
            }
            _ => 0..0,
        })
        .collect();
    // The block a text offset belongs to: the one containing it, else the
    // next one (a region heading between documents), else the last.
    let owner = |at: usize| -> usize {
        ranges
            .iter()
            .position(|r| at < r.end)
            .unwrap_or(ranges.len().saturating_sub(1))
    };
    let mut damage: Vec<Vec<usize>> = vec![Vec::new(); blocks.len()];
    for d in &decoded.damage {
        if let Some(v) = damage.get_mut(owner(clean.map_offset(d.text_offset))) {
            v.push(d.file_offset);
        }
    }
    let mut removed: Vec<Vec<(usize, char)>> = vec![Vec::new(); blocks.len()];
    for &(at, c) in &clean.removed {
        if let Some(v) = removed.get_mut(owner(at)) {
            v.push((at, c));
        }
    }
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut doc = meta::document(b, source);
            let found = [
                decode::damage_warning(&damage[i], decoded.encoding),
                controls::removal_warning(text, &removed[i]),
            ];
            doc.meta.warnings.extend(found.into_iter().flatten());
            doc
        })
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
