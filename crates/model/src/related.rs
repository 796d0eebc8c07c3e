//! Relations between the documents of a library: the citations a document
//! makes (文号 and 《titles》), the documents related to one, and the clauses
//! of other documents most like one clause. Plain data: `parse` extracts
//! citations, the store keeps and resolves them, the application layer ranks.

use serde::{Deserialize, Serialize};

use crate::{KeyDiff, WordOp};

/// How a document is cited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum CitationKind {
    /// By its document number (文号), e.g. `粤办函〔2023〕41号`.
    Number,
    /// By its title in book-title marks, e.g. `《广东省进一步强化市场主体诉求响应服务工作方案》`.
    Title,
}

/// One citation found in a document's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Citation {
    /// By number or by title.
    pub kind: CitationKind,
    /// As written in the text (without the 《》 of a title).
    pub cited: String,
    /// Normalised form, the one matched against the library's documents:
    /// a number with `〔〕` brackets, half-width digits and no spaces; a
    /// title without spaces, punctuation folded.
    pub key: String,
    /// Path of the clause it stands in.
    pub path: String,
    /// The sentence that holds it (the evidence shown to the user).
    pub sentence: String,
}

/// A stored citation and the library document it resolves to, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CitationLink {
    /// The citing document.
    pub from: i64,
    /// The cited document, when the library holds one whose number or title
    /// matches; `None` for a document not (yet) imported.
    pub to: Option<i64>,
    /// The citation.
    pub citation: Citation,
}

/// Why a document is related to the one asked about (the *subject*). In
/// order of strength.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// The subject cites it (by 文号 or 《title》): Foshan's plan cites
    /// Guangdong's, so Guangdong's is related to Foshan's as `cites`.
    Cites,
    /// The subject is cited by it.
    CitedBy,
    /// Units of the two documents pair as the same or rewritten clauses.
    SharesClauses,
    /// Same topic: title and text share distinctive words.
    SameTopic,
}

impl Relation {
    /// The wire name (`cites`, `cited_by`, `shares_clauses`, `same_topic`).
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Cites => "cites",
            Relation::CitedBy => "cited_by",
            Relation::SharesClauses => "shares_clauses",
            Relation::SameTopic => "same_topic",
        }
    }
}

/// A document related to another, with why (`policydiff related --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RelatedDoc {
    /// Library id.
    pub id: i64,
    /// Title.
    pub title: String,
    /// Document number (文号), if known.
    pub doc_number: Option<String>,
    /// Relatedness, 0–1, higher first.
    pub score: f64,
    /// The strongest reason (the first of `reasons`).
    pub relation: Relation,
    /// Every reason found, strongest first.
    pub reasons: Vec<Relation>,
    /// Number of the document's units that pair with a unit of this one
    /// (`same`, `modified`, `moved`, `split` or `merged`); 0 when not compared.
    pub shared_units: usize,
    /// Why, in the documents' own words: the citing sentence (`cites`,
    /// `cited_by`), or the related document's clause closest to the
    /// subject's (`shares_clauses`, `same_topic`).
    pub evidence: String,
}

/// A clause of another document like a chosen one (`policydiff similar --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SimilarClause {
    /// Library id of its document.
    pub doc_id: i64,
    /// Its document's title.
    pub title: String,
    /// Clause path.
    pub path: String,
    /// Numbering label.
    pub label: String,
    /// Clause text.
    pub text: String,
    /// Similarity to the chosen clause, 0–1 (the engine's: Dice of the
    /// normalised texts' character bigrams, as in a comparison's pairs).
    pub similarity: f64,
    /// Word diff from the chosen clause (deleted) to this one (inserted).
    pub diff: Vec<WordOp>,
    /// The values this clause and the chosen one give for one thing, where
    /// they differ (`时长对比：5个工作日内 ↔ 20日内`, the chosen clause's value
    /// first; parts marked [`crate::KeyPart::contrast`]), as a comparison
    /// gives them for a related pair. Absent when none (and in older JSON).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "ts", ts(optional, as = "Option<Vec<KeyDiff>>"))]
    pub contrasts: Vec<KeyDiff>,
}
