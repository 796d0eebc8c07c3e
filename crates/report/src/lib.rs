//! Present a [`Comparison`]: terminal text, JSON, HTML, Markdown, CSV, DOCX and PDF.
//!
//! Takes a finished [`Comparison`] (the engine has already computed
//! everything), the user's [`Note`]s and a few [`ReportOptions`], and writes
//! one output. Nothing here aligns or diffs ("compute, then present").
//!
//! How data moves: the comparison, the notes and the options become one
//! internal document (module `document`: sections with headings, paragraphs
//! of styled spans — equal, deleted, inserted, emphasis — tables, the pairs,
//! notes), built once with the options applied once; then one small
//! renderer per format lays that document out. So every format, on standard
//! output or in a file, holds the same sections and the same pairs. The
//! terminal text and the PDF share one line breaker (UAX #14 plus the 禁则 of
//! [`policydiff_model::text`], with a width function of their own: display
//! columns or glyph advances). JSON is the wire format of [`Comparison`]
//! itself, with the same pair selection.
//!
//! The document opens with the key points (要点摘要) when the comparison
//! has any: each point one sentence with its clauses and its direction
//! (更严 / 更宽松 / 有变化), then the folded localisation line (本地化替换 N
//! 处) and the counts. Localisation and other non-substantive key
//! differences stay out of the key-difference table and appear as one line
//! under their pair.
//!
//! | format | writer | for |
//! |---|---|---|
//! | text | [`write_text`] | a terminal: side by side, ANSI colours or `[-…-]`/`{+…+}` markers |
//! | JSON | [`write_json`] | programs: the documented wire format of [`Comparison`] |
//! | HTML | [`write_html`] | one self-contained page (no scripts, no external resources) that prints on A4 |
//! | Markdown | [`write_markdown`] | pasting into wikis and issues (GFM tables, `~~deleted~~`, `**inserted**`) |
//! | CSV | [`write_csv`] | Excel: UTF-8 with BOM, one row per pair |
//! | DOCX | [`write_docx`] | a Word briefing note (对比分析报告): A4, 仿宋/黑体, page numbers |
//! | PDF | [`write_pdf`] | the same briefing note as a PDF, system CJK fonts embedded (subset) |
//!
//! [`export_to_file`] writes any of them to a path atomically (temp file in the
//! same directory, then rename), so a failed export never leaves a
//! half-written file.
//!
//! ```no_run
//! use policydiff_report::{export_to_file, Format, ReportOptions};
//! # fn run(c: &policydiff_model::Comparison) -> policydiff_report::Result<()> {
//! export_to_file("对比.docx".as_ref(), Format::Docx, c, &[], &ReportOptions::default())?;
//! # Ok(()) }
//! ```
#![deny(missing_docs)]

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use policydiff_model::{Comparison, PairKind};
pub use policydiff_model::{Format, Note, PairSelection, ReportLang, ReportOptions};

mod error;
pub use error::{Error, Result};

mod document;
mod linebreak;
mod words;

mod csv;
mod docx;
mod html;
mod json;
mod markdown;
pub mod matrix;
mod pdf;
mod text;

pub use self::document::{MAX_TEXT_WIDTH, MIN_TEXT_WIDTH};

pub use self::csv::write_csv;
pub use self::docx::write_docx;
pub use self::html::write_html;
pub use self::json::{write_json, write_json_selected};
pub use self::markdown::write_markdown;
pub use self::pdf::{write_pdf, write_pdf_with, PdfFonts};
pub use self::text::write_text;
pub use self::words::stored_unit_path;

/// Write one report to `path` atomically.
///
/// The report is written to a temporary file in the same directory, flushed,
/// synced and then renamed over `path`. If anything fails, the temporary file is
/// removed and `path` is left as it was (absent, or its old content). `Text`
/// never uses colours in a file, whatever `opts.color` says; otherwise the
/// file holds exactly what [`write_report`] writes (DOCX and PDF only here).
///
/// Errors: [`Error::Write`] with `path` (directory missing or not writable,
/// disk full, `path` is a directory, …).
pub fn export_to_file(
    path: &Path,
    format: Format,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> Result<()> {
    // Files never get colours.
    let opts = ReportOptions {
        color: false,
        ..opts.clone()
    };
    write_file_atomically(path, |file| {
        let mut w = BufWriter::new(&mut *file);
        render(&mut w, format, c, notes, &opts)?;
        w.flush()
    })
}

/// Write one report in a text format to `w` (standard output, a pipe),
/// with the options applied exactly as [`export_to_file`] applies them, so
/// a report on stdout and in a file hold the same pairs.
///
/// DOCX and PDF are binary and need a file: they give an
/// [`io::ErrorKind::InvalidInput`] error here; use [`export_to_file`].
pub fn write_report(
    w: &mut dyn Write,
    format: Format,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    match format {
        Format::Docx | Format::Pdf => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "a {} file is binary: write it to a file (-o FILE.{})",
                format.extension().to_uppercase(),
                format.extension()
            ),
        )),
        _ => render(w, format, c, notes, opts),
    }
}

/// Every format's one way in: the document is built once (the options
/// applied there) and handed to the format's renderer; JSON is the model
/// itself with the same pair selection.
fn render(
    w: &mut dyn Write,
    format: Format,
    c: &Comparison,
    notes: &[Note],
    opts: &ReportOptions,
) -> io::Result<()> {
    if format == Format::Json {
        return write_json_selected(w, c, notes, opts);
    }
    let doc = document::Document::build(c, notes, opts);
    match format {
        Format::Text => text::render(w, &doc),
        Format::Html => html::render(w, &doc),
        Format::Markdown => markdown::render(w, &doc),
        Format::Csv => self::csv::render(w, &doc),
        Format::Docx => docx::render(w, &doc),
        Format::Pdf => pdf::render_to(w, &doc),
        Format::Json => unreachable!("handled above"),
    }
}

/// Create or replace `path` with what `write` puts in a fresh file, atomically.
///
/// `write` gets a temporary file in `path`'s directory; when it returns `Ok`
/// the file is synced and renamed to `path`. When `write` (or the rename)
/// fails, the temporary file is deleted and `path` is untouched. On Unix the
/// new file gets the usual `0666 & !umask` permissions, not the temp file's
/// `0600`. Used by [`export_to_file`]; public so the app can save other
/// files the same way.
///
/// What is already at `path` is respected as a shell's `>` would: a
/// symbolic link is followed (the file it points to is replaced, the link
/// stays), and a file that is not a regular one (a device such as
/// `/dev/stdout`, a named pipe) is written into, not replaced. A folder is
/// refused with a message saying so, and so is a folder that does not exist.
pub fn write_file_atomically(
    path: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> Result<()> {
    let err = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            return Err(err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a folder: give a file name in it",
            )))
        }
        Ok(m) if !m.is_file() => {
            // A device or a pipe (through any links): nothing to replace, write into it.
            let mut file = File::options()
                .write(true)
                .truncate(true)
                .open(path)
                .map_err(err)?;
            return write(&mut file).map_err(err);
        }
        _ => {}
    }
    let target = follow_links(path).map_err(err)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(err(io::Error::new(
            io::ErrorKind::NotFound,
            format!("the folder {} does not exist", dir.display()),
        )));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".policydiff-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // tempfile's errors name the temporary file: say what failed about the folder instead.
    let mut tmp = builder.tempfile_in(dir).map_err(|e| {
        err(io::Error::new(
            e.kind(),
            format!(
                "cannot create a file in {}: {}",
                dir.display(),
                policydiff_model::io_message(&e)
            ),
        ))
    })?;
    write(tmp.as_file_mut()).map_err(err)?;
    tmp.as_file().sync_all().map_err(err)?;
    tmp.persist(&target).map_err(|e| err(e.error))?;
    Ok(())
}

/// `path` with its symbolic links followed (at most 40, as the kernel
/// does): the file a write to `path` would reach, which may not exist yet.
fn follow_links(path: &Path) -> io::Result<std::path::PathBuf> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        "too many levels of symbolic links",
    ))
}

/// A pair's key difference as a report in `lang` words it: the engine's
/// sentence in Chinese; in English worded from its parts, as the UI words it
/// (`ui/src/lib/compare/sentences.ts`; a generated fixture keeps the two equal).
pub fn key_diff_sentence(k: &policydiff_model::KeyDiff, lang: ReportLang) -> String {
    clean_text(&words::key_parts::key_diff_text(k, words::words(lang)))
}

/// A key point as a report in `lang` words it (see [`key_diff_sentence`]).
pub fn key_point_sentence(p: &policydiff_model::KeyPoint, lang: ReportLang) -> String {
    clean_text(&words::key_parts::key_point_text(p, words::words(lang)))
}

/// The Chinese label of a pair kind, as a Chinese report prints it (an
/// English report's is in its own words).
pub fn kind_label(kind: PairKind) -> &'static str {
    words::words(ReportLang::Zh).kind(kind)
}

/// Remove what no output can carry: `\r` (newlines become `\n`) and control
/// characters other than `\n` and `\t` (XML 1.0 forbids them, terminals act on
/// them). Everything else is kept as is.
fn clean_text(s: &str) -> String {
    clean(s).into_owned()
}

/// [`clean_text`], borrowing `s` when there is nothing to remove (the usual case).
fn clean(s: &str) -> Cow<'_, str> {
    let unwanted =
        |c: char| c != '\n' && c != '\t' && (c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}');
    if !s.chars().any(unwanted) {
        return Cow::Borrowed(s);
    }
    let s = s.replace("\r\n", "\n");
    Cow::Owned(
        s.chars()
            .map(|c| if c == '\r' { '\n' } else { c })
            .filter(|&c| !unwanted(c))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::from_name(f.extension()), Some(f));
            assert_eq!(f.extension().parse::<Format>().unwrap(), f);
        }
        assert_eq!(Format::from_name(".MD"), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("a/b.Docx")), Some(Format::Docx));
        assert_eq!(Format::from_name("pdf"), Some(Format::Pdf));
        assert_eq!(Format::from_name("odt"), None);
        assert!("odt".parse::<Format>().is_err());
    }

    #[test]
    fn clean_text_drops_controls_keeps_newlines() {
        assert_eq!(clean_text("a\r\nb\rc\u{0}d\u{b}e\tf"), "a\nb\ncde\tf");
    }
}
