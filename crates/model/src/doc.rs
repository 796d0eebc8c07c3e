//! Document metadata and imported text: what import hands on.

use serde::{Deserialize, Serialize};

/// Administrative level of the issuing government.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Province, autonomous region or municipality directly under the central government.
    Province,
    /// Prefecture-level city.
    City,
    /// District or county.
    District,
    /// Anything else (national bodies, unknown).
    #[default]
    Other,
}

impl Level {
    /// Stable lowercase name, as stored in the database and printed in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::City => "city",
            Level::District => "district",
            Level::Other => "other",
        }
    }

    /// Parse the name written by [`Level::as_str`]; unknown names give `Other`.
    pub fn from_name(s: &str) -> Level {
        match s {
            "province" => Level::Province,
            "city" => Level::City,
            "district" => Level::District,
            _ => Level::Other,
        }
    }
}

/// Metadata of one policy document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocMeta {
    /// Title as printed in the document body (or the compilation's title line).
    pub title: String,
    /// Issuing body, e.g. `广东省人民政府办公厅`.
    pub issuer: Option<String>,
    /// Issue date, ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Document number (文号) normalised to `〔〕` brackets, e.g. `粤办函〔2023〕41号`.
    pub doc_number: Option<String>,
    /// Province (or autonomous region), e.g. `广东`.
    pub province: Option<String>,
    /// City, e.g. `佛山`.
    pub city: Option<String>,
    /// Administrative level of the issuer.
    pub level: Level,
    /// Source URL, when the document names one.
    pub source_url: Option<String>,
    /// File the document was imported from.
    pub source_file: Option<String>,
    /// The document is a fragment without a title (e.g. the start of a compilation).
    pub fragment: bool,
    /// The document is an excerpt (`（由于篇幅太长，省略部分内容…）`).
    pub excerpt: bool,
    /// Things the importer noticed and a user should know (e.g. title disagreement).
    pub warnings: Vec<String>,
}

/// One document as produced by import: metadata, the original text and the
/// cleaned text that parsing works on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SourceDoc {
    /// Metadata found in the text.
    pub meta: DocMeta,
    /// The document's text exactly as it was in the file (after decoding).
    pub original: String,
    /// The cleaned, normalised text (see the import crate's `clean`).
    pub text: String,
}
