//! Options of the stages: the word diff, the comparison, the reports.
//!
//! Each enum is defined once here and derives what its users need: serde
//! (snake_case on the wire), `clap::ValueEnum` (feature `clap`, for the CLI)
//! and `ts_rs::TS` (feature `ts`, for the desktop app's TypeScript bindings).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::Overrides;

/// Granularity of the diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    /// jieba words (default), numbers with their units as one token.
    #[default]
    Word,
    /// Single characters.
    Char,
}

/// Options for the word diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct DiffOptions {
    /// Word or character granularity.
    pub granularity: Granularity,
    /// Treat whitespace differences as equal (whitespace is dropped before
    /// segmenting; equal runs carry the right text, see the module docs).
    pub ignore_whitespace: bool,
    /// Treat full-width and half-width punctuation, digits and letters as
    /// equal (`，`/`,`, `（`/`(`, `２`/`2`; also `“”`/`"`, `〔〕`/`[]`, `—`/`-`).
    pub ignore_punct_width: bool,
}

/// Options for the engine's `compare`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CompareOptions {
    /// Options of the word-level diff inside each pair.
    pub diff: DiffOptions,
    /// Manual pairings to apply after the aligner.
    pub overrides: Overrides,
}

/// Which pairs a report shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PairSelection {
    /// Every pair, identical ones included.
    #[default]
    All,
    /// Every pair except identical ones ([`crate::PairKind::Same`]). A `Same` pair
    /// that carries a note is still shown when notes are on: a remark the user
    /// wrote is never hidden by a filter.
    ChangedOnly,
}

/// The language a report is worded in: its labels, section titles, table
/// heads and sentences. The documents' own text (clauses, titles, metadata
/// values, the values a key difference quotes) stays as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum ReportLang {
    /// Chinese (`zh`, the default).
    #[default]
    Zh,
    /// English (`en`).
    En,
}

/// The order of a comparison's rows (the app's 行序, a report's pairs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum PairOrder {
    /// As aligned (`aligned`, the default): the engine's order, which
    /// follows the right document where the two were written apart.
    #[default]
    Aligned,
    /// In the left document's order (`left`): the pairs of one left clause
    /// together, the other side's one-sided clauses after the clause they
    /// followed.
    Left,
    /// In the right document's order (`right`).
    Right,
}

/// What a report contains. The defaults give the full briefing note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportOptions {
    /// Show the summary (counts of each kind of pair, reuse figures).
    pub summary: bool,
    /// Show key differences (the table and the line under each pair).
    pub key_diffs: bool,
    /// Which pairs to show.
    pub pairs: PairSelection,
    /// Show the user's notes under their pairs.
    pub notes: bool,
    /// Text only: mark deletions and insertions with ANSI colours instead of
    /// `[-…-]` / `{+…+}` markers.
    pub color: bool,
    /// Text only: total line width in terminal columns (both columns and the
    /// ` | ` between them). Each column gets `(width - 3) / 2`, at least 8.
    /// The report clamps the width to 19..=1000 columns
    /// (`policydiff_report::MIN_TEXT_WIDTH`, `MAX_TEXT_WIDTH`), so an absurd
    /// width cannot make a report grow without bound.
    pub width: usize,
    /// The report's language. Absent in older JSON (Chinese).
    #[serde(default)]
    pub lang: ReportLang,
    /// The order of the pairs, numbered in it. Absent in older JSON (as
    /// aligned).
    #[serde(default)]
    pub order: PairOrder,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            summary: true,
            key_diffs: true,
            pairs: PairSelection::All,
            notes: true,
            color: false,
            width: 100,
            lang: ReportLang::Zh,
            order: PairOrder::Aligned,
        }
    }
}

/// An output format, named as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// Plain text (`text`, also `txt`), side by side, without colours.
    #[cfg_attr(feature = "clap", value(alias = "txt"))]
    Text,
    /// JSON (`json`), the wire format of the comparison.
    Json,
    /// HTML (`html`, also `htm`).
    #[cfg_attr(feature = "clap", value(alias = "htm"))]
    Html,
    /// Markdown (`markdown`, also `md`).
    #[cfg_attr(feature = "clap", value(alias = "md"))]
    Markdown,
    /// CSV (`csv`).
    Csv,
    /// Word (`docx`).
    Docx,
    /// PDF (`pdf`).
    Pdf,
}

impl Format {
    /// Every format, in the order of the report crate's table.
    pub const ALL: [Format; 7] = [
        Format::Text,
        Format::Json,
        Format::Html,
        Format::Markdown,
        Format::Csv,
        Format::Docx,
        Format::Pdf,
    ];

    /// Parse a format name or file extension (case-insensitive, leading dot allowed):
    /// `txt`/`text`, `json`, `html`/`htm`, `md`/`markdown`, `csv`, `docx`, `pdf`.
    pub fn from_name(name: &str) -> Option<Format> {
        let n = name.trim().trim_start_matches('.').to_ascii_lowercase();
        Some(match n.as_str() {
            "txt" | "text" => Format::Text,
            "json" => Format::Json,
            "html" | "htm" => Format::Html,
            "md" | "markdown" => Format::Markdown,
            "csv" => Format::Csv,
            "docx" => Format::Docx,
            "pdf" => Format::Pdf,
            _ => return None,
        })
    }

    /// The format a path's extension names, if any.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_name(path.extension()?.to_str()?)
    }

    /// The usual file extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::Json => "json",
            Format::Html => "html",
            Format::Markdown => "md",
            Format::Csv => "csv",
            Format::Docx => "docx",
            Format::Pdf => "pdf",
        }
    }
}

impl std::str::FromStr for Format {
    type Err = UnknownFormat;

    fn from_str(s: &str) -> Result<Format, UnknownFormat> {
        Format::from_name(s).ok_or_else(|| UnknownFormat(s.to_owned()))
    }
}

/// A format name that [`Format::from_name`] does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown report format {0:?} (expected text, json, html, markdown, csv, docx or pdf)")]
pub struct UnknownFormat(pub String);
