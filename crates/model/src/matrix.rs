//! The coverage matrix: one base document against many (一对多覆盖矩阵).
//!
//! Rows are the base's comparison units in reading order; one column per
//! compared document; each cell says how that document takes the unit up.
//! Built by the application layer from the pairwise comparisons of the base
//! (left) with each document (right); see `policydiff::matrix`.
//!
//! # JSON wire format (`policydiff matrix --format json`)
//! One object ([`Matrix`]): `base` (document metadata as in a comparison,
//! [`DocInfo`]), `documents` (the compared documents, not the base, each its
//! metadata plus `name`, `coverage` and `counts`, [`MatrixDoc`]), `rows` (one per
//! base unit: `unit` and `cells`, one cell per document in the order of
//! `documents`, [`MatrixRow`], [`MatrixCell`]) and `additions` (per document,
//! in the same order, the units that pair with nothing in the base,
//! [`Additions`]). Field names are snake_case; absent values `null`.

use serde::{Deserialize, Serialize};

use crate::{DocInfo, KeyDiff, Suggestion};

/// How a document takes up one unit of the base.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CellKind {
    /// Taken over unchanged (after normalisation; renumbering does not count).
    Same,
    /// Taken over with changes (rewritten, split, merged with another unit).
    Modified,
    /// Only a unit on the same topic (主题相关), not a rewrite of the base's.
    Related,
    /// Nothing in the document pairs with the unit.
    Missing,
}

impl CellKind {
    /// Whether the document adopted the unit: `same` or `modified`. What a
    /// column's coverage and a row's adoption count.
    pub fn is_adopted(self) -> bool {
        matches!(self, CellKind::Same | CellKind::Modified)
    }
}

/// A unit of the base: one row's head.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatrixUnit {
    /// Clause path, e.g. `二/（二）/4`.
    pub path: String,
    /// Numbering label, e.g. `4.`.
    pub label: String,
    /// Heading text, when the unit has one.
    pub heading: Option<String>,
    /// The unit's full text.
    pub text: String,
    /// A unit that is not one of the base's items, so counted neither in a
    /// column's coverage nor in the row's adoption (`—`): one every
    /// document has by its role (the title, the cover letter, the
    /// signature: paired by role whatever it says), a bare heading (its
    /// items carry its content), or a unit of the base's own commentary
    /// annex (政策解读, 起草说明: it restates the items).
    #[serde(default)]
    pub structural: bool,
}

/// One cell: how one document takes up one base unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatrixCell {
    /// Library id of the document (the column's), `null` for a document read
    /// from a file: cells are in the order of [`Matrix::documents`].
    pub doc: Option<i64>,
    /// Same, modified, related or missing.
    pub kind: CellKind,
    /// Similarity of the best pair, 0.0–1.0 (0 when missing).
    pub similarity: f64,
    /// Paths of the document's units the base unit pairs with, in the
    /// document's reading order (several for a split or a topic-level
    /// correspondence; empty when missing).
    pub paths: Vec<String>,
    /// The key differences of those pairs, as in a comparison's pairs;
    /// none in a [`MatrixUnit::structural`] row (a cover letter addressed
    /// to 各区 rather than 各地级以上市 takes up no item of the plan).
    pub key_diffs: Vec<KeyDiff>,
    /// Of a missing cell: the document's units the base unit may correspond
    /// to, which the aligner left unpaired for want of evidence, likeliest
    /// first (the one-sided pair's [`crate::Pair::suggestions`]). Absent when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<Suggestion>>"))]
    pub suggestions: Vec<Suggestion>,
}

/// One row: a base unit and its cells.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatrixRow {
    /// The base unit.
    pub unit: MatrixUnit,
    /// One cell per document, in the order of [`Matrix::documents`].
    pub cells: Vec<MatrixCell>,
}

impl MatrixRow {
    /// How many documents adopted the unit ([`CellKind::is_adopted`]);
    /// `None` for a [`MatrixUnit::structural`] unit, which is not counted.
    pub fn adopted(&self) -> Option<usize> {
        (!self.unit.structural).then(|| self.cells.iter().filter(|c| c.kind.is_adopted()).count())
    }
}

/// Counts of a column's cells, and of its additions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CellCounts {
    /// Cells `same`.
    pub same: usize,
    /// Cells `modified`.
    pub modified: usize,
    /// Cells `related`.
    pub related: usize,
    /// Cells `missing`.
    pub missing: usize,
    /// Units of the document that pair with nothing in the base.
    pub additions: usize,
}

/// A compared document: a column.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MatrixDoc {
    /// Library id (`null` for a file) and metadata.
    #[serde(flatten)]
    pub info: DocInfo,
    /// The column's short name: the city (else the province, else the
    /// issuer, else the title's opening), with the document's subject when
    /// another column would have the same name (`海南 · 专利奖评奖办法`).
    pub name: String,
    /// Share of the base's units the document adopted (`same` or
    /// `modified`), 0.0–1.0; `related` cells do not count.
    pub coverage: f64,
    /// The column's counts.
    pub counts: CellCounts,
}

/// A unit of a compared document that pairs with nothing in the base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AddedUnit {
    /// Clause path.
    pub path: String,
    /// Numbering label.
    pub label: String,
    /// The unit's full text.
    pub text: String,
}

/// A document's own additions (local innovations, 地方创新).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Additions {
    /// Library id of the document, `null` for a file (entries are in the
    /// order of [`Matrix::documents`], one per document).
    pub doc: Option<i64>,
    /// Its units that pair with nothing in the base, in reading order.
    pub units: Vec<AddedUnit>,
}

/// One base document against many: the coverage matrix.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Matrix {
    /// The base document.
    pub base: DocInfo,
    /// The compared documents (not the base), in column order.
    pub documents: Vec<MatrixDoc>,
    /// One row per base unit, in the base's reading order unless sorted.
    pub rows: Vec<MatrixRow>,
    /// One entry per document, in the order of `documents`.
    pub additions: Vec<Additions>,
}

/// The order of a matrix's rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum RowOrder {
    /// The base's reading order.
    #[default]
    Reading,
    /// Most adopted first (by how many documents adopt the unit); ties in reading order.
    Adoption,
}

/// An output format of a matrix, named as on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum MatrixFormat {
    /// A terminal table (`text`, also `txt`).
    #[cfg_attr(feature = "clap", value(alias = "txt"))]
    Text,
    /// JSON (`json`): the wire format of the matrix.
    Json,
    /// CSV (`csv`): one row per base unit, one column per document.
    Csv,
    /// Excel workbook (`xlsx`): the matrix, then the additions on a second sheet.
    Xlsx,
    /// HTML (`html`, also `htm`): the briefing note.
    #[cfg_attr(feature = "clap", value(alias = "htm"))]
    Html,
    /// Word (`docx`): the briefing note.
    Docx,
    /// PDF (`pdf`): the briefing note.
    Pdf,
}

impl MatrixFormat {
    /// Every format.
    pub const ALL: [MatrixFormat; 7] = [
        MatrixFormat::Text,
        MatrixFormat::Json,
        MatrixFormat::Csv,
        MatrixFormat::Xlsx,
        MatrixFormat::Html,
        MatrixFormat::Docx,
        MatrixFormat::Pdf,
    ];

    /// Parse a format name or file extension (case-insensitive, leading dot
    /// allowed): `txt`/`text`, `json`, `csv`, `xlsx`, `html`/`htm`, `docx`, `pdf`.
    pub fn from_name(name: &str) -> Option<MatrixFormat> {
        let n = name.trim().trim_start_matches('.').to_ascii_lowercase();
        Some(match n.as_str() {
            "txt" | "text" => MatrixFormat::Text,
            "json" => MatrixFormat::Json,
            "csv" => MatrixFormat::Csv,
            "xlsx" => MatrixFormat::Xlsx,
            "html" | "htm" => MatrixFormat::Html,
            "docx" => MatrixFormat::Docx,
            "pdf" => MatrixFormat::Pdf,
            _ => return None,
        })
    }

    /// The format a path's extension names, if any.
    pub fn from_path(path: &std::path::Path) -> Option<MatrixFormat> {
        MatrixFormat::from_name(path.extension()?.to_str()?)
    }

    /// The usual file extension (without the dot).
    pub fn extension(self) -> &'static str {
        match self {
            MatrixFormat::Text => "txt",
            MatrixFormat::Json => "json",
            MatrixFormat::Csv => "csv",
            MatrixFormat::Xlsx => "xlsx",
            MatrixFormat::Html => "html",
            MatrixFormat::Docx => "docx",
            MatrixFormat::Pdf => "pdf",
        }
    }

    /// Whether the format is binary (needs a file, not standard output).
    pub fn is_binary(self) -> bool {
        matches!(
            self,
            MatrixFormat::Xlsx | MatrixFormat::Docx | MatrixFormat::Pdf
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_names_round_trip() {
        for f in MatrixFormat::ALL {
            assert_eq!(MatrixFormat::from_name(f.extension()), Some(f));
        }
        assert_eq!(MatrixFormat::from_name(".XLSX"), Some(MatrixFormat::Xlsx));
        assert_eq!(MatrixFormat::from_name("md"), None);
    }
}
