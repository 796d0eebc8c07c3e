//! Read files into documents.
//!
//! Takes a path (or text), reads it (plain text, Word, HTML, PDF), decodes it
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
mod doc;
mod docx;
mod error;
mod html;
mod html_sink;
mod meta;
mod pdf;
mod places;

use std::path::Path;

pub use decode::decode;
use decode::Decoded;
pub use meta::FRAGMENT_TITLE;

use error::Refusal;
pub use error::{Error, Problem, Result};
use policydiff_model::SourceDoc;

/// Files larger than this are refused rather than read into memory. Streams
/// (a pipe, `/dev/stdin`, a device) are read up to this many bytes and
/// refused past it, as their size cannot be known beforehand.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Most text one file may hold once extracted, whatever its format (text,
/// Word, PDF, HTML): 64 MB. Room for a compilation of thousands of
/// documents (a 20 MB one of about 1,300 is imported by the tests), while a
/// small DOCX whose XML inflates to hundreds of MB (a bomb) is refused; the
/// DOCX reader stops as soon as its text passes this.
pub const MAX_TEXT_BYTES: usize = 64 * 1024 * 1024;

/// Largest web page (its markup, decoded) whose text is extracted: 32 MB.
/// A page is parsed into a tree of its elements, several times the page in
/// memory, before any of its text is known; real policy pages are well under
/// 2 MB, and a page's text is never larger than the page.
pub const MAX_PAGE_BYTES: usize = 32 * 1024 * 1024;

/// Deepest nesting of elements a web page may have: 256 levels. Real pages
/// nest a few dozen (table layouts included); the HTML parser's work grows
/// with the number of elements times their depth, so 100,000 nested
/// `<div>`s (a 1 MB page) took 32 s. A page is refused as soon as its tree
/// passes this depth.
pub const MAX_PAGE_DEPTH: usize = 256;

/// Most text one document may hold: 16 MB, about 5 million Chinese
/// characters.
///
/// Real policy documents are far below it, well under 2 MB of text (the
/// Civil Code, some 100,000 characters, is about 300 KB; the bundled
/// compilation of 38 documents is under 600 KB in all). A document past it is
/// an accident or a bomb, not something someone compares clause by clause,
/// and would make the library, its sentence vectors and every comparison of
/// it run out of memory.
pub const MAX_DOC_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// Most paragraphs (non-blank lines of cleaned text) one document may have:
/// 20,000, many times the longest real law (the Civil Code has 1,260
/// articles). Each paragraph becomes at least one
/// clause and a comparison pairs the clauses of two documents: a document of
/// millions of short paragraphs (2.56 million from a 700 KB DOCX) made
/// comparing it abort for want of memory.
pub const MAX_DOC_PARAGRAPHS: usize = 20_000;

/// Most paragraphs (non-blank lines, whatever separates them) one file may
/// hold: 1,000,000, some seven times a compilation of 1,300 documents.
/// Checked before the text is split into documents, which takes a few
/// hundred bytes a paragraph: 15 million one-character lines (60 MB, under
/// [`MAX_TEXT_BYTES`]) took 3.6 GB.
pub const MAX_FILE_PARAGRAPHS: usize = 1_000_000;

/// Read one file into one or more documents.
///
/// Reads Word documents (DOCX, and the binary .doc of Word 97–2003 and
/// .wps of WPS Office) and HTML pages as well as text; any file whose
/// content is text is accepted, whatever its extension, and PDFs with a text
/// layer (read by position, paragraphs rebuilt, page numbers dropped).
/// Errors name the file: it cannot be read, is empty, binary, too large (over
/// [`MAX_FILE_BYTES`] read, a web page over [`MAX_PAGE_BYTES`], over
/// [`MAX_TEXT_BYTES`] of text, or a document
/// over [`MAX_DOC_TEXT_BYTES`] or [`MAX_DOC_PARAGRAPHS`] paragraphs), a
/// broken or password-protected Word document, an Office file that is not a
/// Word document, a PDF without text or with a password, or holds no Chinese
/// text.
pub fn read_path(path: &Path) -> Result<Vec<SourceDoc>> {
    let bytes = read_bounded(path, MAX_FILE_BYTES)?;
    let decoded = file_text(&bytes, path)?;
    drop(bytes);
    let docs = split_with_damage(&decoded, Some(path));
    check_documents(&docs, path, MAX_DOC_TEXT_BYTES, MAX_DOC_PARAGRAPHS)?;
    Ok(docs)
}

/// The bytes of a file, of a stream (pipe, `/dev/stdin`, device) as well:
/// at most `limit` of them are read. A file whose metadata says it is larger
/// is refused before reading; a stream is refused once it has given more.
fn read_bounded(path: &Path, limit: u64) -> Result<Vec<u8>> {
    use std::io::Read;
    let io = |source| Error::Io {
        path: path.to_owned(),
        source,
    };
    let too_large = |size: String| Error::Unsupported {
        path: path.to_owned(),
        problem: Problem::TooLarge,
        reason: format!("the file is too large ({size}; at most {} MB)", limit >> 20),
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    if len > limit {
        return Err(too_large(format!("{} MB", len >> 20)));
    }
    // Room for a regular file's size (0 for a stream, which grows as read).
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(format!("more than {} MB read", limit >> 20)));
    }
    Ok(bytes)
}

/// Refuse extracted text over [`MAX_TEXT_BYTES`].
fn check_text_size(text: &str, path: &Path) -> Result<()> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(Error::Unsupported {
            path: path.to_owned(),
            problem: Problem::TooLarge,
            reason: text_too_large(text.len() as u64, false, MAX_TEXT_BYTES),
        });
    }
    Ok(())
}

/// Refuse a text of more than [`MAX_FILE_PARAGRAPHS`] paragraphs: lines
/// with something besides blank space, split where cleaning splits them.
fn check_paragraphs(text: &str, path: &Path) -> Result<()> {
    let n = text
        .split(controls::breaks_line)
        .filter(|l| !l.trim().is_empty())
        .count();
    if n > MAX_FILE_PARAGRAPHS {
        return Err(Error::Unsupported {
            path: path.to_owned(),
            problem: Problem::TooLarge,
            reason: format!(
                "it has too many paragraphs ({n}; at most {MAX_FILE_PARAGRAPHS} in one file, \
                 far more than any compilation of policy documents)"
            ),
        });
    }
    Ok(())
}

/// Why a text over `limit` bytes is refused; `at_least` when reading
/// stopped there, `size` being the limit passed.
pub(crate) fn text_too_large(size: u64, at_least: bool, limit: usize) -> String {
    let size = if at_least {
        format!("more than {} MB", size >> 20)
    } else {
        format!("{} MB", size.div_ceil(1 << 20))
    };
    format!(
        "its text is too large ({size} once extracted; at most {} MB, far more than any policy document)",
        limit >> 20
    )
}

/// Refuse a file one of whose documents has more than `max_bytes` of
/// text or `max_paragraphs` paragraphs.
fn check_documents(
    docs: &[SourceDoc],
    path: &Path,
    max_bytes: usize,
    max_paragraphs: usize,
) -> Result<()> {
    for doc in docs {
        let title = || doc.meta.title.chars().take(40).collect::<String>();
        let refuse = |reason: String| Error::Unsupported {
            path: path.to_owned(),
            problem: Problem::TooLarge,
            reason,
        };
        if doc.text.len() > max_bytes {
            return Err(refuse(format!(
                "the document 《{}》 is too large ({} MB of text; at most {} MB, far more than any policy document)",
                title(),
                doc.text.len().div_ceil(1 << 20),
                max_bytes >> 20
            )));
        }
        let n = doc.text.lines().filter(|l| !l.trim().is_empty()).count();
        if n > max_paragraphs {
            return Err(refuse(format!(
                "the document 《{}》 has too many paragraphs ({n}; at most {max_paragraphs}, far more than any policy document)",
                title()
            )));
        }
    }
    Ok(())
}

/// The text of a file, by its kind: PDF, binary Word (.doc/.wps), DOCX, HTML
/// or plain text. The kind is told by the content (`%PDF`, the OLE
/// signature, zip magic, `<html`/`<!doctype html`/`<body`) and, for HTML,
/// also by the extension (`.html`, `.htm`, `.shtml`, `.xhtml`). A text over
/// [`MAX_TEXT_BYTES`] or without Chinese is refused with a plain reason.
fn file_text(bytes: &[u8], path: &Path) -> Result<Decoded> {
    let decoded = extract(bytes, path)?;
    check_text_size(&decoded.text, path)?;
    check_paragraphs(&decoded.text, path)?;
    decode::check_chinese(&decoded.text).map_err(|r| r.at(path))?;
    Ok(decoded)
}

/// [`file_text`] before its checks: the text extracted by the file's kind.
fn extract(bytes: &[u8], path: &Path) -> Result<Decoded> {
    let refuse = |r: Refusal| r.at(path);
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if bytes.starts_with(b"%PDF") {
        return Ok(Decoded::extracted(pdf::pdf_text(bytes).map_err(refuse)?));
    }
    if doc::is_ole(bytes) {
        let text = doc::doc_text(bytes, MAX_TEXT_BYTES).map_err(refuse)?;
        return Ok(Decoded::extracted(text));
    }
    if docx::is_zip(bytes) {
        let text = docx::docx_text(bytes, MAX_TEXT_BYTES).map_err(refuse)?;
        return Ok(Decoded::extracted(text));
    }
    let decoded = decode::decode_markup(bytes, path).map_err(|e| misnamed(e, &ext))?;
    if matches!(ext.as_str(), "docx" | "doc" | "wps" | "pdf") {
        decode::check_chinese(&decoded.text).map_err(|r| misnamed(r.at(path), &ext))?;
    }
    Ok(
        if matches!(ext.as_str(), "html" | "htm" | "shtml" | "xhtml")
            || html::looks_like_html(&decoded.text)
        {
            if decoded.text.len() > MAX_PAGE_BYTES {
                return Err(refuse(Refusal::new(Problem::TooLarge, format!(
                    "the web page is too large ({} MB of markup; at most {} MB, far more than any policy page)",
                    decoded.text.len().div_ceil(1 << 20),
                    MAX_PAGE_BYTES >> 20
                ))));
            }
            // The damaged bytes' places in the extracted text are unknown: they
            // are reported on the page's first document.
            let text = html::html_text(&decoded.text).map_err(|_| {
                refuse(Refusal::new(
                    Problem::Unsupported,
                    format!(
                        "the web page nests its elements more than {MAX_PAGE_DEPTH} deep \
                         (a real page, a few dozen); reading such markup takes minutes"
                    ),
                ))
            })?;
            let mut extracted = Decoded::extracted(text);
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
        },
    )
}

/// A refusal of a file's bytes as text, worded by the file's name: a file
/// named as a Word or PDF document (`.docx`, `.doc`, `.wps`, `.pdf`) whose
/// content is neither that nor text is damaged or another kind of file
/// renamed ([`Problem::Corrupt`]); binary content under any other name but a
/// text one (`.txt`, `.md`, a web page's, none) is a kind of file PolicyDiff
/// does not read, an image or a spreadsheet ([`Problem::Unsupported`]).
/// A text file under any name is still read.
fn misnamed(e: Error, ext: &str) -> Error {
    let Error::Unsupported {
        path,
        problem,
        reason,
    } = e
    else {
        return e;
    };
    let container = match ext {
        "docx" | "doc" | "wps" => Some("Word document"),
        "pdf" => Some("PDF"),
        _ => None,
    };
    let text_name = matches!(
        ext,
        "" | "txt" | "text" | "md" | "markdown" | "html" | "htm" | "shtml" | "xhtml"
    );
    let (problem, reason) = match (problem, container) {
        (Problem::Binary | Problem::NoChinese, Some(kind)) => (
            Problem::Corrupt,
            format!(
                "it is named .{ext} but cannot be opened as a {kind} \
                 (the file is damaged, or another kind of file was renamed)"
            ),
        ),
        (Problem::Binary, None) if !text_name => (
            Problem::Unsupported,
            format!(
                "a .{ext} file of binary content is not a kind PolicyDiff reads \
                 (text, Word, WPS, PDF or a web page)"
            ),
        ),
        other => (other.0, reason),
    };
    Error::Unsupported {
        path,
        problem,
        reason,
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stream_is_read_only_up_to_the_limit() {
        // /dev/zero never ends: reading stops one byte past the limit and
        // the error names the file.
        let err = read_bounded(Path::new("/dev/zero"), 1 << 20).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot use /dev/zero: the file is too large (more than 1 MB read; at most 1 MB)"
        );
    }

    #[test]
    fn a_pipe_over_the_limit_is_refused_and_one_within_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("in.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("mkfifo (coreutils) is needed for this test");
        assert!(made.success(), "mkfifo failed");
        for (size, ok) in [(3 << 20, false), (1 << 19, true)] {
            let writer = {
                let fifo = fifo.clone();
                std::thread::spawn(move || {
                    use std::io::Write;
                    let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
                    // The reader stops early: a broken pipe is expected then.
                    let _ = f.write_all(&vec![b'x'; size]);
                })
            };
            let got = read_bounded(&fifo, 1 << 20);
            writer.join().unwrap();
            match got {
                Ok(bytes) => assert!(ok && bytes.len() == size),
                Err(e) => {
                    assert!(!ok, "{e}");
                    assert!(
                        e.to_string().ends_with(
                            "in.txt: the file is too large (more than 1 MB read; at most 1 MB)"
                        ),
                        "{e}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_regular_file_over_the_limit_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.txt");
        std::fs::write(&path, vec![b'x'; 3 << 20]).unwrap();
        let err = read_bounded(&path, 1 << 20).unwrap_err().to_string();
        assert!(
            err.ends_with("big.txt: the file is too large (3 MB; at most 1 MB)"),
            "{err}"
        );
    }

    #[test]
    fn text_over_the_limit_is_refused_for_every_format() {
        let path = Path::new("big.txt");
        let line = "第一条 为了规范管理，制定本办法。\n";
        let text = line.repeat(MAX_TEXT_BYTES / line.len() + 40_000);
        assert!(text.len() > MAX_TEXT_BYTES);
        let err = file_text(text.as_bytes(), path).unwrap_err().to_string();
        assert!(
            err.starts_with(
                "cannot use big.txt: its text is too large (66 MB once extracted; at most 64 MB"
            ),
            "{err}"
        );
        // A web page holding that text is refused before it is parsed.
        let page = format!(
            "<html><body><p>{}</p></body></html>",
            text.replace('\n', "</p><p>")
        );
        let err = file_text(page.as_bytes(), Path::new("big.html"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("cannot use big.html: the web page is too large (")
                && err.contains("MB of markup; at most 32 MB"),
            "{err}"
        );
    }

    #[test]
    fn a_web_page_over_its_limit_is_refused_before_parsing_and_one_under_it_is_read() {
        let para = "<p>第一条 为了规范管理，制定本办法。</p>\n";
        let body = |n: usize| {
            format!(
                "<html><head><title>关于测试的通知</title></head><body>{}</body></html>",
                para.repeat(n)
            )
        };
        let over = body(MAX_PAGE_BYTES / para.len() + 10);
        assert!(over.len() > MAX_PAGE_BYTES);
        let err = file_text(over.as_bytes(), Path::new("page.html"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(
                "cannot use page.html: the web page is too large (33 MB of markup; at most 32 MB"
            ),
            "{err}"
        );
        // Without the .html name: a page is known by its markup.
        let err = file_text(over.as_bytes(), Path::new("page.txt"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("the web page is too large"), "{err}");
        let under = body(1000);
        let text = file_text(under.as_bytes(), Path::new("page.html")).unwrap();
        assert_eq!(text.text.matches("第一条").count(), 1000);
    }

    #[test]
    fn a_file_with_no_text_in_it_is_not_called_empty() {
        let page = "<html><head><script>var x = \"通知\";</script></head><body>\n</body></html>";
        let err = file_text(page.as_bytes(), Path::new("page.html"))
            .unwrap_err()
            .to_string();
        assert_eq!(err, "cannot use page.html: no text found in it");
        let err = file_text(b"\xef\xbb\xbf \t\r\n", Path::new("blank.txt"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "cannot use blank.txt: the file holds nothing but whitespace"
        );
    }

    #[test]
    fn a_file_of_a_million_paragraphs_is_refused_before_it_is_split() {
        // 15 million one-character lines (60 MB, under the text limit) took
        // 3.6 GB and 17 s to split before the document limit refused them.
        let text = format!("关于测试的通知\n{}", "加\n".repeat(MAX_FILE_PARAGRAPHS));
        let err = file_text(text.as_bytes(), Path::new("lines.txt"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            format!(
                "cannot use lines.txt: it has too many paragraphs ({}; at most {MAX_FILE_PARAGRAPHS} \
                 in one file, far more than any compilation of policy documents)",
                MAX_FILE_PARAGRAPHS + 1
            )
        );
        // Paragraphs separated otherwise than by line feeds count as well.
        let text = format!(
            "关于测试的通知\u{2029}{}",
            "加\r".repeat(MAX_FILE_PARAGRAPHS)
        );
        assert!(file_text(text.as_bytes(), Path::new("cr.txt")).is_err());
        // One under the limit is read (and split, and refused later for its documents).
        let text = format!("关于测试的通知\n{}", "加\n".repeat(MAX_FILE_PARAGRAPHS - 1));
        assert!(file_text(text.as_bytes(), Path::new("lines.txt")).is_ok());
    }

    #[test]
    fn a_web_page_nested_too_deeply_is_refused_at_once_and_a_deep_real_layout_is_read() {
        // 100,000 nested <div>s (1.1 MB): the parser's work grows with the
        // square of the depth (32 s before it was refused).
        let deep = |n: usize| {
            format!(
                "<html><body>{}<p>第一条 为了规范管理，制定本办法。</p>{}</body></html>",
                "<div>".repeat(n),
                "</div>".repeat(n)
            )
        };
        let err = file_text(deep(100_000).as_bytes(), Path::new("deep.html"))
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            format!(
                "cannot use deep.html: the web page nests its elements more than {MAX_PAGE_DEPTH} deep \
                 (a real page, a few dozen); reading such markup takes minutes"
            )
        );
        // Just inside the limit, with the <html> and <body> around: read.
        let text = file_text(deep(MAX_PAGE_DEPTH - 3).as_bytes(), Path::new("deep.html")).unwrap();
        assert_eq!(text.text, "第一条 为了规范管理，制定本办法。");
        // Paragraphs never closed follow one another, however many.
        let flat = format!(
            "<html><body>{}</body></html>",
            "<p>第二条 本办法适用于本市。".repeat(5000)
        );
        let text = file_text(flat.as_bytes(), Path::new("flat.html")).unwrap();
        assert_eq!(text.text.matches("第二条").count(), 5000);
    }

    #[test]
    fn a_document_too_large_or_with_too_many_paragraphs_is_refused() {
        let text = format!(
            "关于测试的通知\n{}",
            "第一条 为了规范管理，制定本办法。\n".repeat(300)
        );
        let docs = split(&text, None);
        let err = check_documents(&docs, Path::new("many.txt"), 1 << 20, 100).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot use many.txt: the document 《关于测试的通知》 has too many paragraphs (301; at most 100, far more than any policy document)"
        );
        check_documents(&docs, Path::new("many.txt"), 1 << 20, 301).unwrap();
        let long = format!("关于测试的通知\n{}", "条文".repeat(1 << 20));
        let err =
            check_documents(&split(&long, None), Path::new("long.txt"), 1 << 20, 100).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot use long.txt: the document 《关于测试的通知》 is too large (7 MB of text; at most 1 MB, far more than any policy document)"
        );
    }
}
