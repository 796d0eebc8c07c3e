//! Similar clauses (相似条款): from one unit of a document, the most similar
//! clauses in the rest of the library, ranked, each with its word diff
//! against the chosen unit.
//!
//! Two steps, so that a library of 50,000 documents answers in interactive
//! time (`examples/scale.rs` measures it):
//! 1. candidates from the search index: [`Store::clauses_like`] returns the
//!    [`CANDIDATES`] clauses sharing the most rare words with the unit
//!    (bounded work whatever the library's size), none of its own document;
//! 2. re-ranking ([`rerank`]) by the engine's similarity
//!    ([`policydiff_engine::align::similarity`], the one a comparison reports
//!    for a rewritten pair); the word diff, and the contrasts of the values
//!    both clauses give ([`policydiff_engine::diff::contrasts`]), only for
//!    the clauses returned. The contrasts need no similarity floor of their
//!    own: a value meets another only when their subjects, the clauses
//!    before them or what is done within them are alike (over the top ten
//!    similar clauses of 350 clauses with time limits or rates in 14 corpus
//!    documents, 18 contrasts, each two values for one thing, at
//!    similarities from 0.2; Huizhou's contract-signing item is 0.28 like
//!    Haikou's).
//!
//! Sentence vectors (when the library stores them per unit) belong in
//! [`rerank`]: fuse their cosine with the wording's similarity there, as
//! the aligner does; candidates written in other words would then also need
//! a vector index as a second source in step 1.

use policydiff_engine::diff::{contrasts, mark_renumbering, word_diff, Labelled};
use policydiff_model::{DiffOptions, SearchHit, SimilarClause};
use policydiff_segment::Segmenter;
use policydiff_store::{Error as StoreError, Store};

use crate::compare::load_stored;
use crate::Result;

/// Clauses listed by default.
pub const DEFAULT_LIMIT: usize = 10;

/// Candidates taken from the search index and re-ranked.
pub const CANDIDATES: usize = 200;

/// The clauses most similar to the unit at `path` of document `doc`, best
/// first, at most `limit`, none of `doc`; clauses with nothing in common
/// (similarity 0) are left out. [`StoreError::NoSuchClause`] when `doc` has
/// no comparison unit at `path`.
pub fn similar(
    store: &dyn Store,
    seg: &Segmenter,
    doc: i64,
    path: &str,
    limit: usize,
) -> Result<Vec<SimilarClause>> {
    let subject = load_stored(store, doc)?;
    let path = path.trim();
    let (i, text) = subject
        .tree
        .units()
        .into_iter()
        .find(|(i, _)| subject.tree.clauses[*i].path == path)
        .ok_or_else(|| StoreError::NoSuchClause {
            doc,
            path: path.to_string(),
        })?;
    let label = &subject.tree.clauses[i].label;
    similar_to_text(
        store,
        seg,
        Labelled { label, text: &text },
        Some(doc),
        limit,
    )
}

/// The clauses most similar to a unit's text, best first, at most `limit`,
/// none of document `exclude` (see [`similar`]). A changed numbering label
/// at the start of the two texts is a renumbering in the word diff
/// ([`policydiff_model::WordOp::renumbered`]).
pub fn similar_to_text(
    store: &dyn Store,
    seg: &Segmenter,
    unit: Labelled<'_>,
    exclude: Option<i64>,
    limit: usize,
) -> Result<Vec<SimilarClause>> {
    let text = unit.text;
    let candidates = store.clauses_like(seg, text, exclude, CANDIDATES)?;
    let mut ranked = rerank(text, candidates);
    ranked.truncate(limit);
    Ok(ranked
        .into_iter()
        .map(|(similarity, h)| SimilarClause {
            contrasts: contrasts(text, &h.text),
            diff: {
                let ops = word_diff(seg, text, &h.text, DiffOptions::default());
                let other = Labelled {
                    label: &h.label,
                    text: &h.text,
                };
                mark_renumbering(ops, unit, other)
            },
            doc_id: h.doc_id,
            title: h.title,
            path: h.path,
            label: h.label,
            text: h.text,
            similarity,
        })
        .collect())
}

/// Order candidates by the engine's similarity to `text` (ties: the index's
/// score, then library order); similarity 0 left out. The place to fuse
/// sentence vectors' cosine in, when units have them.
pub fn rerank(text: &str, candidates: Vec<SearchHit>) -> Vec<(f64, SearchHit)> {
    let mut out: Vec<(f64, SearchHit)> = candidates
        .into_iter()
        .map(|h| (policydiff_engine::align::similarity(text, &h.text), h))
        .filter(|(s, _)| *s > 0.0)
        .collect();
    out.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.rank.total_cmp(&a.1.rank))
            .then(a.1.doc_id.cmp(&b.1.doc_id))
            .then(a.1.clause.cmp(&b.1.clause))
    });
    out
}
