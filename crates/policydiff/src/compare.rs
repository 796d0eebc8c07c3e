//! Comparing documents: load both (from the library or from files), apply
//! the user's manual pairings, add the units' sentence vectors when a model
//! is given ([`crate::vectors`]: stored ones, or computed for files), run
//! the engine.

use std::path::Path;

use policydiff_model::{
    CompareOptions, Comparison, DiffOptions, Doc, Note, Overrides, StoredPointMark, Suggestion,
};
use policydiff_segment::Segmenter;
use policydiff_store::Store;

use crate::vectors::{pair_vectors, Model, PairVectors};
use crate::{Error, Result};

/// Read a file holding exactly one document, for a direct comparison
/// without importing it. A compilation's leading untitled fragment is
/// ignored; a file with several documents is refused.
pub fn load_file(path: &Path) -> Result<Doc> {
    let mut docs = policydiff_import::read_path(path)?;
    if docs.len() > 1 {
        docs.retain(|d| !d.meta.fragment);
    }
    match docs.len() {
        1 => {
            let d = docs.pop().expect("one document");
            let tree = policydiff_parse::parse(&d.text);
            Ok(Doc {
                id: None,
                meta: d.meta,
                tree,
            })
        }
        count => Err(Error::SeveralDocuments {
            path: path.to_owned(),
            count,
        }),
    }
}

/// Load a stored document for comparison.
pub fn load_stored(store: &dyn Store, id: i64) -> Result<Doc> {
    let d = store.get(id)?;
    Ok(Doc {
        id: Some(d.id),
        meta: d.meta,
        tree: d.tree,
    })
}

/// Options of [`compare_stored`] and [`compare_docs`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StoredOptions {
    /// Options of the word diff inside each pair.
    pub diff: DiffOptions,
    /// Leave the user's manual pairings out (the aligner's result only).
    pub ignore_manual_pairs: bool,
    /// Pair units by meaning as well as wording, with this model's sentence
    /// vectors (stored ones for stored documents, computed for the others);
    /// `None`: by wording alone.
    pub vectors: Option<Model>,
}

/// A comparison and what to tell the user about how it was made.
#[derive(Debug, Clone)]
pub struct Compared {
    /// The comparison.
    pub comparison: Comparison,
    /// Why sentence vectors were asked for and not used (the comparison is
    /// by wording alone); say it once.
    pub warning: Option<String>,
}

/// Run the engine, with the vectors when there are any.
fn run_engine(
    seg: &Segmenter,
    left: &Doc,
    right: &Doc,
    opts: &CompareOptions,
    vectors: &PairVectors,
) -> Comparison {
    match &vectors.vectors {
        Some((l, r)) => {
            let sem = policydiff_engine::Semantic { left: l, right: r };
            policydiff_engine::compare_with(seg, left, right, opts, Some(sem))
        }
        None => policydiff_engine::compare(seg, left, right, opts),
    }
}

/// Compare two documents; when both are stored, the user's manual pairings
/// for them apply (unless `opts` says otherwise). With a model
/// ([`StoredOptions::vectors`]), stored documents use their stored vectors
/// and the others have theirs computed now.
/// The key points are arranged by the user's pins and hides
/// ([`crate::points::arrange`]).
pub fn compare_docs(
    store: Option<&dyn Store>,
    seg: &Segmenter,
    left: &Doc,
    right: &Doc,
    opts: &StoredOptions,
) -> Result<Compared> {
    let overrides = match (store, left.id, right.id) {
        (Some(store), Some(l), Some(r)) if !opts.ignore_manual_pairs => {
            store.pairing_overrides(l, r)?
        }
        _ => Default::default(),
    };
    let marks = match (store, left.id, right.id) {
        (Some(store), Some(l), Some(r)) => store.point_marks(l, r)?,
        _ => Vec::new(),
    };
    let copts = CompareOptions {
        diff: opts.diff,
        overrides,
    };
    let vectors = match &opts.vectors {
        Some(model) => pair_vectors(store, model, left, right),
        None => PairVectors::default(),
    };
    let mut comparison = run_engine(seg, left, right, &copts, &vectors);
    crate::points::arrange(&mut comparison, &marks);
    Ok(Compared {
        comparison,
        warning: vectors.warning,
    })
}

/// Compare two stored documents (the comparison every view of the app and
/// `policydiff compare ID ID` make): [`load_pair`], then [`StoredPair::compare`].
pub fn compare_stored(
    store: &dyn Store,
    seg: &Segmenter,
    left: i64,
    right: i64,
    opts: &StoredOptions,
) -> Result<Comparison> {
    let pair = load_pair(store, left, right, opts)?;
    if let Some(w) = &pair.vectors.warning {
        tracing::warn!("{w}");
    }
    Ok(pair.compare(seg, opts.diff))
}

/// What [`compare_stored`] reads from the library: both documents, the
/// user's manual pairings for them, the pins and hides of their key points
/// and (with a model) their vectors. An app that shares one library between
/// threads loads this while holding the library and compares after
/// releasing it ([`StoredPair::compare`] needs no library).
#[derive(Debug, Clone)]
pub struct StoredPair {
    /// The left document.
    pub left: Doc,
    /// The right document.
    pub right: Doc,
    /// The user's manual pairings (empty when `ignore_manual_pairs`).
    pub overrides: Overrides,
    /// The user's pins and hides of the comparison's key points.
    pub marks: Vec<StoredPointMark>,
    /// The units' sentence vectors (none without a model), and why not
    /// when they were asked for and are not there.
    pub vectors: PairVectors,
}

/// Load two stored documents, their manual pairings, key point marks and (with a model in
/// `opts`) their vectors for a comparison; a document whose vectors are
/// not computed yet has them computed now.
pub fn load_pair(
    store: &dyn Store,
    left: i64,
    right: i64,
    opts: &StoredOptions,
) -> Result<StoredPair> {
    let (left, right) = (load_stored(store, left)?, load_stored(store, right)?);
    let overrides = match (left.id, right.id) {
        (Some(l), Some(r)) if !opts.ignore_manual_pairs => store.pairing_overrides(l, r)?,
        _ => Overrides::default(),
    };
    let vectors = match &opts.vectors {
        Some(model) => pair_vectors(Some(store), model, &left, &right),
        None => PairVectors::default(),
    };
    let marks = match (left.id, right.id) {
        (Some(l), Some(r)) => store.point_marks(l, r)?,
        _ => Vec::new(),
    };
    Ok(StoredPair {
        left,
        right,
        overrides,
        vectors,
        marks,
    })
}

impl StoredPair {
    /// Compare the two documents with the manual pairings applied (and the
    /// vectors, when there are any), the key points arranged by the user's
    /// pins and hides.
    pub fn compare(self, seg: &Segmenter, diff: DiffOptions) -> Comparison {
        let opts = CompareOptions {
            diff,
            overrides: self.overrides,
        };
        let mut c = run_engine(seg, &self.left, &self.right, &opts, &self.vectors);
        crate::points::arrange(&mut c, &self.marks);
        c
    }
}

impl StoredPair {
    /// How strongly the clause at `path` of the left document (`from_left`)
    /// or of the right one relates in topic to each comparison unit of the
    /// other document, likeliest first (equal ones in reading order): each
    /// unit's path and the strength of the topic match, measured as the
    /// aligner measures its related pairs (0–1; 0 when no closer than an
    /// ordinary pair of the two documents). For choosing a clause's partner
    /// by hand. The user's manual pairings do not change it.
    pub fn counterparts(
        &self,
        seg: &Segmenter,
        from_left: bool,
        path: &str,
    ) -> Result<Vec<Suggestion>> {
        let semantic = self
            .vectors
            .vectors
            .as_ref()
            .map(|(l, r)| policydiff_engine::Semantic { left: l, right: r });
        let doc = if from_left { &self.left } else { &self.right };
        let mut found = policydiff_engine::counterpart_strengths(
            seg,
            &self.left,
            &self.right,
            semantic,
            from_left,
            path,
        )
        .ok_or_else(|| policydiff_store::Error::NoSuchClause {
            doc: doc.id.unwrap_or_default(),
            path: path.to_owned(),
        })?;
        // Stable: equal strengths stay in reading order.
        found.sort_by(|a, b| b.1.total_cmp(&a.1));
        Ok(found
            .into_iter()
            .map(|(path, strength)| Suggestion { path, strength })
            .collect())
    }
}

/// The user's notes on a comparison, for a report: empty unless both
/// documents are stored.
pub fn notes_for(store: Option<&dyn Store>, c: &Comparison) -> Result<Vec<Note>> {
    match (store, c.left.id, c.right.id) {
        (Some(store), Some(l), Some(r)) => {
            Ok(store.notes_for(l, r)?.into_iter().map(Into::into).collect())
        }
        _ => Ok(Vec::new()),
    }
}

/// What [`remember`] did with a comparison of two stored documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remembered {
    /// Added to (or moved to the front of) the recent comparisons.
    Recorded,
    /// Not recorded; the comparison itself is fine. The message says why
    /// (`the library is read-only (the folder /mnt/usb is not writable): …`);
    /// say it once.
    Skipped(String),
}

/// Record a comparison of two stored documents in the recent comparisons.
/// The record is a convenience: when the library cannot take it (read-only,
/// a full disk, busy too long) it is skipped with a message instead of
/// failing the comparison the user asked for.
pub fn remember(store: &mut dyn Store, left: i64, right: i64) -> Result<Remembered> {
    use policydiff_store::Error as E;
    let skipped = |why: String| {
        Ok(Remembered::Skipped(format!(
            "{why}: this comparison is not added to the recent comparisons"
        )))
    };
    match store.remember_comparison(left, right) {
        Ok(()) => Ok(Remembered::Recorded),
        Err(E::ReadOnly(why)) => skipped(format!("the library is read-only ({why})")),
        Err(e @ (E::DiskFull | E::Busy)) => skipped(e.to_string()),
        Err(e) => Err(e.into()),
    }
}
