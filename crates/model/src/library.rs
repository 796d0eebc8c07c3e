//! What the library hands out: document rows, stored documents, search hits,
//! notes, import reports. Plain data; the store crate fills them.

use serde::{Deserialize, Serialize};

use crate::{ClauseTree, DocMeta, Level};

/// A library row: a document's id and metadata, without its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocRow {
    /// Library id.
    pub id: i64,
    /// Metadata.
    #[serde(flatten)]
    pub meta: DocMeta,
    /// Number of clauses.
    pub clause_count: usize,
    /// Number of characters of the cleaned text.
    pub chars: usize,
    /// Another document of the library has the same title (the rows must be
    /// told apart by something else: the file imported, the id).
    #[serde(default)]
    pub title_shared: bool,
}

/// A stored document with its text and clause tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredDoc {
    /// Library id.
    pub id: i64,
    /// Metadata.
    pub meta: DocMeta,
    /// Original text as imported.
    pub original: String,
    /// Cleaned text.
    pub text: String,
    /// Clause tree.
    pub tree: ClauseTree,
}

/// Sort order of the store's `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "clap", derive(clap::ValueEnum))]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Library order (id).
    #[default]
    Id,
    /// Newest first.
    #[cfg_attr(feature = "clap", value(alias = "date"))]
    DateDesc,
    /// Oldest first.
    DateAsc,
    /// By title, in pinyin order (the store's title sort key), then the
    /// title itself, then id.
    Title,
}

/// Filters of the store's `list`; `None` means no filter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ListFilter {
    /// Substring of the province or city (`广东`, `佛山`).
    pub region: Option<String>,
    /// Administrative level.
    pub level: Option<Level>,
    /// Year of the issue date.
    pub year: Option<i32>,
    /// Substring of the title or of the document number (文号): `营商环境`,
    /// `粤办函〔2023〕41号`; the 文号 matches whatever its spacing and bracket
    /// style (`粤办函(2023)41 号` finds it, see [`ListFilter::doc_number_key`]).
    /// Empty means no filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub text: Option<String>,
    /// Sort order.
    #[serde(default)]
    pub sort: SortBy,
}

impl ListFilter {
    /// `[(（［` as `〔` and `])）］` as `〕` (the brackets of a year in a 文号),
    /// in the order the stores' SQL replaces them.
    pub const DOC_NUMBER_BRACKETS: [(char, char); 8] = [
        ('（', '〔'),
        ('(', '〔'),
        ('［', '〔'),
        ('[', '〔'),
        ('）', '〕'),
        (')', '〕'),
        ('］', '〕'),
        (']', '〕'),
    ];

    /// A 文号 as the text filter compares it: no spaces (ASCII or
    /// ideographic), year brackets as `〔〕` ([`Self::DOC_NUMBER_BRACKETS`]).
    pub fn doc_number_key(s: &str) -> String {
        s.chars()
            .filter(|c| !matches!(c, ' ' | '\u{3000}'))
            .map(|c| {
                Self::DOC_NUMBER_BRACKETS
                    .iter()
                    .find(|(from, _)| *from == c)
                    .map_or(c, |&(_, to)| to)
            })
            .collect()
    }

    /// SQL of [`Self::doc_number_key`] over the text column `column` (the
    /// same in SQLite and PostgreSQL: nested `replace`).
    pub fn doc_number_key_sql(column: &str) -> String {
        let mut sql = format!("coalesce({column}, '')");
        for from in [' ', '\u{3000}'] {
            sql = format!("replace({sql}, '{from}', '')");
        }
        for (from, to) in Self::DOC_NUMBER_BRACKETS {
            sql = format!("replace({sql}, '{from}', '{to}')");
        }
        sql
    }
}

/// Which documents a search looks in: the region, level and year filters of
/// the library pane ([`ListFilter`] without its text and sort), applied by
/// the store to every tier of the search, so a filter never hides hits the
/// limit would otherwise have let through. `None` means no filter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchScope {
    /// Part of the province or city (`广东`, `佛山`).
    #[serde(default)]
    pub region: Option<String>,
    /// Administrative level.
    #[serde(default)]
    pub level: Option<Level>,
    /// Year of the issue date.
    #[serde(default)]
    pub year: Option<i32>,
}

/// How a [`SearchHit`] matched the query. Hits come in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum HitKind {
    /// The query's words, adjacent and in order, as whole words (jieba tokens).
    #[default]
    Phrase,
    /// The query inside longer words, adjacent and in order: `环境` in
    /// `营商环境`, `诉求响应` in `市场主体诉求响应`. The query starts and ends
    /// at a boundary of the words those words are made of (jieba's search-mode
    /// sub-words), so `专班` is not found in `大专班` (大专|班).
    WithinWord,
    /// The query as a substring of the clause text: for one-character queries,
    /// or when no clause has the phrase.
    Substring,
    /// All the query's words somewhere in the clause, not as a phrase (queries of
    /// several words; fills the results up to the limit after the tiers above).
    AllWords,
}

/// One full-text search hit: a clause of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    /// Document id.
    pub doc_id: i64,
    /// Document title.
    pub title: String,
    /// Clause index in the document's tree.
    pub clause: usize,
    /// Clause path (`二/（一）/3`).
    pub path: String,
    /// Clause label.
    pub label: String,
    /// The clause text (normalised).
    pub text: String,
    /// Byte ranges in `text` to highlight: each occurrence of the query,
    /// whitespace inside it ignored (so `诉求 响应` is one range) for
    /// [`HitKind::Phrase`], [`HitKind::WithinWord`] and [`HitKind::Substring`];
    /// each occurrence of a query word for [`HitKind::AllWords`].
    pub matches: Vec<(usize, usize)>,
    /// Rank within its [`HitKind`], lower is better: the clause's length in
    /// bytes for `Phrase`, `WithinWord` and `AllWords` (the shorter the
    /// clause, the more of it is about the query), minus the number of
    /// occurrences for `Substring`. Hits are ordered by kind first, then by rank.
    pub rank: f64,
    /// How the clause matched.
    #[serde(default)]
    pub kind: HitKind,
}

/// One page of the library's document list
/// ([`Store::list_page`](../policydiff_store/trait.Store.html#method.list_page)):
/// the rows asked for and how many documents match the filter in all.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DocPage {
    /// The rows of the page, in the filter's order.
    pub rows: Vec<DocRow>,
    /// Documents matching the filter (all pages).
    pub total: usize,
}

/// What the library pane's filters can choose from, with how many documents
/// each choice has ([`Store::facets`](../policydiff_store/trait.Store.html#method.facets)):
/// computed by the store, so that a library of 50,000 documents need not be
/// loaded whole to fill the filter menus.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LibraryFacets {
    /// Each (province, city) pair present, by province then city (code-point
    /// order, absent first).
    pub regions: Vec<RegionFacet>,
    /// Each level present, in [`Level`] order.
    pub levels: Vec<LevelFacet>,
    /// Each issue year present, newest first (undated documents are in none).
    pub years: Vec<YearFacet>,
}

/// Documents of one province and city ([`LibraryFacets::regions`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegionFacet {
    /// Province, if known.
    pub province: Option<String>,
    /// City, if known.
    pub city: Option<String>,
    /// Documents of this province and city.
    pub count: usize,
}

/// Documents of one level ([`LibraryFacets::levels`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LevelFacet {
    /// The level.
    pub level: Level,
    /// Documents of this level.
    pub count: usize,
}

/// Documents issued in one year ([`LibraryFacets::years`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearFacet {
    /// The year of the issue date.
    pub year: i32,
    /// Documents issued that year.
    pub count: usize,
}

/// Outcome of one import.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportReport {
    /// Ids of the documents added.
    pub added: Vec<i64>,
    /// Documents already in the library (same content hash): (title, existing id).
    pub duplicates: Vec<(String, i64)>,
    /// Documents added beside a stored document of the same title but
    /// another text (two rows a user must tell apart), one per document added.
    #[serde(default)]
    pub same_title: Vec<SameTitle>,
}

/// A document added beside another of the same title ([`ImportReport::same_title`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SameTitle {
    /// The shared title.
    pub title: String,
    /// Id of the document added.
    pub id: i64,
    /// Id of the document already stored under that title (the oldest, when several).
    pub existing: i64,
}

/// A change to a stored document's metadata
/// ([`Store::edit_meta`](../policydiff_store/trait.Store.html#method.edit_meta)):
/// a field left out (`None`) stays as it is; a blank text clears the field
/// (except the title, which cannot be blank). Texts are trimmed; the date is
/// ISO `YYYY-MM-DD`; the 文号's year brackets become `〔〕`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MetaEdit {
    /// New title (not blank).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub title: Option<String>,
    /// New issuing body (发文机关).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub issuer: Option<String>,
    /// New date (成文日期), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub date: Option<String>,
    /// New document number (文号).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub doc_number: Option<String>,
    /// New province.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub province: Option<String>,
    /// New city.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub city: Option<String>,
    /// New level.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub level: Option<Level>,
    /// New source URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub source_url: Option<String>,
}

impl MetaEdit {
    /// Nothing would change.
    pub fn is_empty(&self) -> bool {
        *self == MetaEdit::default()
    }
}

/// A recent comparison, remembered for the app.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecentComparison {
    /// Left document id.
    pub left: i64,
    /// Right document id.
    pub right: i64,
    /// When it was opened (RFC 3339 / SQLite datetime, UTC).
    pub opened_at: String,
}

/// Row counts of a library, e.g. for a status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Documents.
    pub documents: usize,
    /// Clauses of all documents.
    pub clauses: usize,
    /// Clauses in the full-text index (equal to `clauses` in a healthy library).
    pub indexed: usize,
}

/// A user's note on one pair of a comparison, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredNote {
    /// Note id.
    pub id: i64,
    /// Path of the left clause, `None` for a right-only pair.
    pub left_path: Option<String>,
    /// Path of the right clause, `None` for a left-only pair.
    pub right_path: Option<String>,
    /// Tag, e.g. `需关注`.
    pub tag: Option<String>,
    /// The remark.
    pub text: String,
    /// When it was written (UTC, `2024-05-01T08:00:00Z`).
    pub created_at: String,
    /// When it was last edited (UTC); equal to `created_at` until then.
    pub updated_at: String,
    /// Who wrote it (the user name of whoever added it, e.g. `zhang.wei`);
    /// `None` (absent in JSON) for notes written before libraries recorded
    /// it, or by a program that names no author.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub author: Option<String>,
}

/// A manual pairing of a comparison as stored: the two clauses, whether
/// they are forced together or kept apart, and who decided it when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoredPairing {
    /// Path of the left clause.
    pub left_path: String,
    /// Path of the right clause.
    pub right_path: String,
    /// True when the two are kept apart (forbidden), false when forced together.
    pub forbid: bool,
    /// Who made it; `None` for pairings made before libraries recorded it.
    pub author: Option<String>,
    /// When it was made (UTC, `2024-05-01T08:00:00Z`).
    pub created_at: String,
}

/// A user's remark on one pair of a comparison.
///
/// A note belongs to the pair whose left and right clause paths are exactly
/// `(left_path, right_path)` (`None` on the side a one-sided pair lacks). A note
/// that matches no pair (e.g. the alignment changed since it was written) is not
/// dropped: text, HTML, Markdown and DOCX list it at the end under
/// 未对应条款的备注; CSV, which has one row per pair, leaves it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Path of the left clause (`UnitView::path`), `None` for a right-only pair.
    pub left_path: Option<String>,
    /// Path of the right clause, `None` for a left-only pair.
    pub right_path: Option<String>,
    /// A short tag, e.g. `需关注`.
    pub tag: Option<String>,
    /// The remark.
    pub text: String,
}

impl From<StoredNote> for Note {
    fn from(n: StoredNote) -> Self {
        Note {
            left_path: n.left_path,
            right_path: n.right_path,
            tag: n.tag,
            text: n.text,
        }
    }
}

impl From<&StoredNote> for Note {
    fn from(n: &StoredNote) -> Self {
        n.clone().into()
    }
}

#[cfg(test)]
mod tests {
    use super::ListFilter;

    #[test]
    fn doc_number_keys_ignore_spacing_and_bracket_style() {
        for s in [
            "粤办函〔2023〕41号",
            "粤办函（2023）41 号",
            "粤办函(2023)41号",
            "粤办函[2023]\u{3000}41号",
        ] {
            assert_eq!(ListFilter::doc_number_key(s), "粤办函〔2023〕41号", "{s}");
        }
        assert_eq!(ListFilter::doc_number_key("营商环境"), "营商环境");
        let sql = ListFilter::doc_number_key_sql("d.doc_number");
        assert!(sql.contains("coalesce(d.doc_number, '')"), "{sql}");
        assert_eq!(sql.matches("replace(").count(), 10, "{sql}");
    }
}
