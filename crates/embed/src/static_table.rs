//! The static encoder: a table of one vector per vocabulary piece, distilled
//! from e5 (recipe: `examples/distill.rs`). A text's vector is the weighted
//! mean of its pieces' vectors, L2-normalised: microseconds per clause.
//!
//! Takes texts, hands on vectors like [`crate::E5Encoder`] but of its own
//! space (do not compare vectors of the two encoders).
//!
//! File layout (`PDST`, little-endian):
//!
//! ```text
//! "PDST" u32 version (1)
//! u32 dims, u32 rows
//! u32 length + UTF-8: SHA-256 of the e5 file it was distilled from
//! u32 length + UTF-8: the recipe (free text)
//! tokenizer section (as in the e5 file; piece i has row i)
//! f32 × rows: pooling weight of each piece
//! f32 × rows: int8 scale of each row
//! i8 × rows·dims: the vectors
//! ```

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::bytes::{Put, Reader};
use crate::error::{show_magic, Error, ErrorKind, Result};
use crate::tokenizer::Unigram;
use crate::{Embeddings, Encoder};

/// How token vectors are pooled into a text vector.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Pooling {
    /// Weighted by each piece's weight from the table (smooth inverse
    /// frequency: rare pieces count more).
    #[default]
    Weighted,
    /// Plain mean.
    Mean,
}

/// The content of a static table, as the distiller builds it.
#[derive(Debug, Clone)]
pub struct StaticTable {
    /// Tokenizer; piece `i` has vector `i`.
    pub tokenizer: Unigram,
    /// Dimension.
    pub dims: usize,
    /// `rows × dims` vectors (any scale; stored as int8 per row).
    pub vectors: Vec<f32>,
    /// Pooling weight per piece (0 = ignored).
    pub weights: Vec<f32>,
    /// SHA-256 of the e5 file the table was distilled from.
    pub source_sha256: String,
    /// How the table was made (free text, kept in the file).
    pub recipe: String,
}

impl StaticTable {
    /// Serialise (see the module doc for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let rows = self.tokenizer.len();
        assert_eq!(self.vectors.len(), rows * self.dims);
        assert_eq!(self.weights.len(), rows);
        let mut out = Vec::new();
        out.extend_from_slice(b"PDST");
        out.put_u32(1);
        out.put_u32(self.dims as u32);
        out.put_u32(rows as u32);
        for s in [&self.source_sha256, &self.recipe] {
            out.put_u32(s.len() as u32);
            out.extend_from_slice(s.as_bytes());
        }
        self.tokenizer.write(&mut out);
        out.put_f32s(&self.weights);
        let mut q = Vec::with_capacity(rows * self.dims);
        for row in self.vectors.chunks_exact(self.dims) {
            let v = crate::quantize_i8(row);
            out.put_f32(v.scale);
            q.extend(v.q.iter().map(|&x| x as u8));
        }
        out.extend_from_slice(&q);
        out
    }
}

/// The static encoder. Implements [`Encoder`].
#[derive(Debug, Clone)]
pub struct StaticEncoder {
    tokenizer: Unigram,
    dims: usize,
    weights: Vec<f32>,
    scales: Vec<f32>,
    vectors: Vec<i8>,
    pooling: Pooling,
    model_id: String,
    source_sha256: String,
    recipe: String,
}

impl StaticEncoder {
    /// Load a table file.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)
            .map_err(|e| Error::new("static table", Some(path.to_path_buf()), e.into()))?;
        Self::parse(&bytes).map_err(|k| Error::new("static table", Some(path.to_path_buf()), k))
    }

    /// Load a table from memory (e.g. `include_bytes!`).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        Self::parse(bytes).map_err(|k| Error::new("static table", None, k))
    }

    /// Build from a table in memory (as it will read back from its bytes).
    pub fn from_table(t: &StaticTable) -> Self {
        Self::from_bytes(&t.to_bytes()).expect("a table's own bytes parse")
    }

    /// Use another pooling (changes the model id).
    pub fn with_pooling(mut self, pooling: Pooling) -> Self {
        if pooling != self.pooling {
            self.pooling = pooling;
            self.model_id.push_str("-mean");
        }
        self
    }

    fn parse(buf: &[u8]) -> Result<Self, ErrorKind> {
        if buf.len() < 4 || &buf[..4] != b"PDST" {
            return Err(ErrorKind::BadHeader {
                expected: "PDST",
                found: show_magic(buf),
            });
        }
        let mut r = Reader::new(buf);
        r.take(4, "header")?;
        let version = r.u32("header")?;
        if version != 1 {
            return Err(ErrorKind::Unsupported(format!(
                "static table version {version}"
            )));
        }
        let dims = r.u32("header")? as usize;
        let rows = r.u32("header")? as usize;
        if dims == 0 || dims > 4096 {
            return Err(ErrorKind::Corrupt(format!("dimension {dims}")));
        }
        let mut text = |part: &str| -> Result<String, ErrorKind> {
            let n = r.u32(part)? as usize;
            let b = r.take(n, part)?;
            String::from_utf8(b.to_vec())
                .map_err(|_| ErrorKind::Corrupt(format!("{part} is not UTF-8")))
        };
        let source_sha256 = text("source hash")?;
        let recipe = text("recipe")?;
        let tokenizer = Unigram::read(&mut r)?;
        if tokenizer.len() != rows {
            return Err(ErrorKind::Corrupt(format!(
                "{rows} rows but {} pieces",
                tokenizer.len()
            )));
        }
        let weights = r.f32s(rows, "piece weights")?;
        let scales = r.f32s(rows, "row scales")?;
        let vectors = r
            .take(rows * dims, "vectors")?
            .iter()
            .map(|&b| b as i8)
            .collect();
        if r.pos() != buf.len() {
            return Err(ErrorKind::Corrupt(format!(
                "{} bytes after the vectors",
                buf.len() - r.pos()
            )));
        }
        if weights.iter().chain(&scales).any(|x| !x.is_finite()) {
            return Err(ErrorKind::Corrupt("weight or scale is not finite".into()));
        }
        let digest: String = Sha256::digest(buf)
            .iter()
            .take(6)
            .map(|b| format!("{b:02x}"))
            .collect();
        Ok(StaticEncoder {
            tokenizer,
            dims,
            weights,
            scales,
            vectors,
            pooling: Pooling::Weighted,
            model_id: format!("e5static-{digest}"),
            source_sha256,
            recipe,
        })
    }

    /// The tokenizer (a subset of e5's vocabulary).
    pub fn tokenizer(&self) -> &Unigram {
        &self.tokenizer
    }

    /// SHA-256 of the e5 file the table was distilled from.
    pub fn source_sha256(&self) -> &str {
        &self.source_sha256
    }

    /// How the table was made.
    pub fn recipe(&self) -> &str {
        &self.recipe
    }

    /// The vector of one text into `out` (`dims` values).
    pub fn encode_into(&self, text: &str, ids: &mut Vec<u32>, out: &mut [f32]) {
        ids.clear();
        self.tokenizer.encode_into(text, ids);
        out.fill(0.0);
        for &id in ids.iter() {
            let id = id as usize;
            let w = match self.pooling {
                Pooling::Weighted => self.weights[id],
                Pooling::Mean => f32::from(self.weights[id] > 0.0),
            };
            if w == 0.0 {
                continue;
            }
            let s = w * self.scales[id];
            for (o, &q) in out
                .iter_mut()
                .zip(&self.vectors[id * self.dims..(id + 1) * self.dims])
            {
                *o += s * q as f32;
            }
        }
        crate::l2_normalize(out);
    }
}

impl Encoder for StaticEncoder {
    fn model_id(&self) -> &str {
        &self.model_id
    }

    fn dims(&self) -> usize {
        self.dims
    }

    fn encode(&self, texts: &[&str]) -> Embeddings {
        let mut data = vec![0f32; texts.len() * self.dims];
        let mut ids = Vec::new();
        for (t, out) in texts.iter().zip(data.chunks_exact_mut(self.dims)) {
            self.encode_into(t, &mut ids, out);
        }
        Embeddings::from_flat(self.dims, data)
    }
}
