//! The BERT encoder of multilingual-e5-small with int8 weights: takes a
//! batch of token sequences, hands on each sequence's mean-pooled last
//! hidden state (not yet normalised).
//!
//! Several sequences run as one `[tokens, hidden]` matrix so that each weight
//! matrix is read once per layer for the whole batch; attention stays within
//! each sequence. Numerics: weights re-quantised from the file's 4-bit blocks
//! to int8 with one scale per output row, activations quantised to int8 per
//! token before each product, everything else in f32.

use std::ops::Range;

use super::file::{dequantize_q4, f32s, Parsed, Q4_BLOCK_BYTES, QK};
use crate::error::ErrorKind;
use crate::kernels::math::LANES;
use crate::kernels::math::{add_layernorm, gelu_inplace, softmax_inplace};
use crate::kernels::{Gemm, Isa, PackedWeights, Portable, QuantActs};

/// One transformer layer.
struct Layer {
    /// Q, K and V stacked: `[3·hidden, hidden]`.
    qkv: PackedWeights,
    attn_out: PackedWeights,
    attn_ln: (Vec<f32>, Vec<f32>),
    ffn_in: PackedWeights,
    ffn_out: PackedWeights,
    out_ln: (Vec<f32>, Vec<f32>),
}

/// The encoder's weights.
pub(crate) struct Weights {
    pub(crate) hidden: usize,
    heads: usize,
    ffn: usize,
    pub(crate) max_positions: usize,
    eps: f32,
    /// Word embeddings, Q4_0 rows, borrowed from the mapped file.
    word: WordTable,
    pos: Vec<f32>,
    type0: Vec<f32>,
    emb_ln: (Vec<f32>, Vec<f32>),
    layers: Vec<Layer>,
    isa: Isa,
}

/// Q4_0 word-embedding rows inside the mapped model file.
struct WordTable {
    map: std::sync::Arc<memmap2::Mmap>,
    offset: usize,
    rows: usize,
    row_bytes: usize,
}

impl WordTable {
    fn row(&self, id: usize, out: &mut [f32]) {
        let id = id.min(self.rows - 1);
        let start = self.offset + id * self.row_bytes;
        dequantize_q4(&self.map[start..start + self.row_bytes], out);
    }
}

/// A batch of token sequences laid end to end.
#[derive(Debug, Default, Clone)]
pub(crate) struct Batch {
    /// Token ids, `<s>` and `</s>` included.
    pub(crate) ids: Vec<u32>,
    /// Each sequence's range in `ids`.
    pub(crate) seqs: Vec<Range<usize>>,
}

/// Scratch buffers of one thread.
#[derive(Default)]
pub(crate) struct Work {
    x: Vec<f32>,
    qkv: Vec<f32>,
    ctx: Vec<f32>,
    tmp: Vec<f32>,
    mid: Vec<f32>,
    acts: QuantActs,
    kt: Vec<f32>,
    vh: Vec<f32>,
    scores: Vec<f32>,
}

impl Weights {
    /// Build from a parsed file (re-quantising every matrix).
    pub(crate) fn load(
        p: &Parsed,
        map: std::sync::Arc<memmap2::Mmap>,
        isa: Isa,
    ) -> Result<Self, ErrorKind> {
        let h = p.header;
        let (hid, ff) = (h.hidden, h.ffn);
        let buf: &[u8] = &map;
        let word = p.tensor("emb.word", 1, h.vocab_rows * hid)?;
        let pos = f32s(buf, p.tensor("emb.pos", 0, h.max_positions * hid)?);
        let typ = p
            .tensors
            .get("emb.type")
            .ok_or_else(|| ErrorKind::Corrupt("tensor emb.type is missing".into()))?;
        if typ.dtype != 0 || typ.elements < hid {
            return Err(ErrorKind::Corrupt("tensor emb.type is too small".into()));
        }
        let type0 = f32s(buf, *typ)[..hid].to_vec();
        let vec = |name: &str, n: usize| -> Result<Vec<f32>, ErrorKind> {
            Ok(f32s(buf, p.tensor(name, 0, n)?))
        };
        let emb_ln = (vec("emb.ln.w", hid)?, vec("emb.ln.b", hid)?);
        let matrix = |name: &str, n: usize, k: usize| -> Result<Vec<f32>, ErrorKind> {
            let t = p.tensor(name, 1, n * k)?;
            let mut w = vec![0f32; n * k];
            dequantize_q4(&buf[t.offset..t.offset + t.bytes], &mut w);
            Ok(w)
        };
        let mut layers = Vec::with_capacity(h.layers);
        for l in 0..h.layers {
            let n = |s: &str| format!("l{l}.{s}");
            let mut qkv = matrix(&n("q.w"), hid, hid)?;
            qkv.extend(matrix(&n("k.w"), hid, hid)?);
            qkv.extend(matrix(&n("v.w"), hid, hid)?);
            let mut qkv_b = vec(&n("q.b"), hid)?;
            qkv_b.extend(vec(&n("k.b"), hid)?);
            qkv_b.extend(vec(&n("v.b"), hid)?);
            layers.push(Layer {
                qkv: PackedWeights::pack(&qkv, 3 * hid, hid, qkv_b),
                attn_out: PackedWeights::pack(
                    &matrix(&n("ao.w"), hid, hid)?,
                    hid,
                    hid,
                    vec(&n("ao.b"), hid)?,
                ),
                attn_ln: (vec(&n("aln.w"), hid)?, vec(&n("aln.b"), hid)?),
                ffn_in: PackedWeights::pack(
                    &matrix(&n("fi.w"), ff, hid)?,
                    ff,
                    hid,
                    vec(&n("fi.b"), ff)?,
                ),
                ffn_out: PackedWeights::pack(
                    &matrix(&n("fo.w"), hid, ff)?,
                    hid,
                    ff,
                    vec(&n("fo.b"), hid)?,
                ),
                out_ln: (vec(&n("oln.w"), hid)?, vec(&n("oln.b"), hid)?),
            });
        }
        Ok(Weights {
            hidden: hid,
            heads: h.heads,
            ffn: ff,
            max_positions: h.max_positions,
            eps: h.eps,
            word: WordTable {
                map,
                offset: word.offset,
                rows: h.vocab_rows,
                row_bytes: hid / QK * Q4_BLOCK_BYTES,
            },
            pos,
            type0,
            emb_ln,
            layers,
            isa,
        })
    }

    /// Bytes of the re-quantised weights held in memory (the word table
    /// stays in the mapped file).
    pub(crate) fn resident_bytes(&self) -> usize {
        let l: usize = self
            .layers
            .iter()
            .map(|l| l.qkv.bytes() + l.attn_out.bytes() + l.ffn_in.bytes() + l.ffn_out.bytes())
            .sum();
        l + 4 * self.pos.len()
    }

    /// Run `batch`; write each sequence's mean hidden state into `out`
    /// (`seqs × hidden`).
    pub(crate) fn forward(&self, batch: &Batch, work: &mut Work, out: &mut [f32]) {
        match self.isa {
            #[cfg(target_arch = "x86_64")]
            // SAFETY: `isa` came from `Isa::detect` (or a lower choice), so the CPU has these features.
            Isa::Avx512Vnni => unsafe { forward_avx512(self, batch, work, out) },
            #[cfg(target_arch = "x86_64")]
            // SAFETY: as above.
            Isa::Avx2 => unsafe { forward_avx2(self, batch, work, out) },
            _ => forward_impl::<Portable>(self, batch, work, out),
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512vnni,avx2,fma")]
unsafe fn forward_avx512(m: &Weights, batch: &Batch, work: &mut Work, out: &mut [f32]) {
    forward_impl::<crate::kernels::Vnni>(m, batch, work, out)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn forward_avx2(m: &Weights, batch: &Batch, work: &mut Work, out: &mut [f32]) {
    forward_impl::<crate::kernels::Avx2>(m, batch, work, out)
}

#[inline(always)]
fn forward_impl<G: Gemm>(m: &Weights, batch: &Batch, w: &mut Work, out: &mut [f32]) {
    let (h, ff, t) = (m.hidden, m.ffn, batch.ids.len());
    let hd = h / m.heads;
    w.x.resize(t * h, 0.0);
    w.qkv.resize(t * 3 * h, 0.0);
    w.ctx.resize(t * h, 0.0);
    w.tmp.resize(t * h, 0.0);
    w.mid.resize(t * ff, 0.0);

    // Embeddings: word + position (from 0 in each sequence) + type 0, LayerNorm.
    for seq in &batch.seqs {
        for (p, i) in seq.clone().enumerate() {
            let row = &mut w.x[i * h..(i + 1) * h];
            m.word.row(batch.ids[i] as usize, row);
            let pr = &m.pos[p.min(m.max_positions - 1) * h..][..h];
            for ((x, &a), &b) in row.iter_mut().zip(pr).zip(&m.type0) {
                *x += a + b;
            }
        }
    }
    add_layernorm(&mut w.x, None, &m.emb_ln.0, &m.emb_ln.1, h, m.eps);

    let scale = 1.0 / (hd as f32).sqrt();
    for layer in &m.layers {
        w.acts.quantize(&w.x, t, h);
        G::gemm(&w.acts, &layer.qkv, &mut w.qkv);
        for seq in &batch.seqs {
            attention::<G>(
                &w.qkv,
                &mut w.ctx,
                seq.clone(),
                h,
                hd,
                scale,
                &mut w.kt,
                &mut w.vh,
                &mut w.scores,
            );
        }
        w.acts.quantize(&w.ctx, t, h);
        G::gemm(&w.acts, &layer.attn_out, &mut w.tmp);
        add_layernorm(
            &mut w.x,
            Some(&w.tmp),
            &layer.attn_ln.0,
            &layer.attn_ln.1,
            h,
            m.eps,
        );

        w.acts.quantize(&w.x, t, h);
        G::gemm(&w.acts, &layer.ffn_in, &mut w.mid);
        gelu_inplace(&mut w.mid);
        w.acts.quantize(&w.mid, t, ff);
        G::gemm(&w.acts, &layer.ffn_out, &mut w.tmp);
        add_layernorm(
            &mut w.x,
            Some(&w.tmp),
            &layer.out_ln.0,
            &layer.out_ln.1,
            h,
            m.eps,
        );
    }

    for (s, seq) in batch.seqs.iter().enumerate() {
        let o = &mut out[s * h..(s + 1) * h];
        o.fill(0.0);
        for i in seq.clone() {
            for (a, &b) in o.iter_mut().zip(&w.x[i * h..(i + 1) * h]) {
                *a += b;
            }
        }
        let inv = 1.0 / seq.len().max(1) as f32;
        o.iter_mut().for_each(|a| *a *= inv);
    }
}

/// Scaled dot-product attention of one sequence, all heads.
/// `qkv` rows are `[q | k | v]`; writes `ctx` rows of the sequence.
///
/// K of a head is transposed to `[hd][l]` (padded to a multiple of 16 with
/// zeros) so that scores are computed 16 keys to a register; the context is
/// accumulated over value rows ([`Gemm::scores`], [`Gemm::weighted_sum`]).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn attention<G: Gemm>(
    qkv: &[f32],
    ctx: &mut [f32],
    seq: Range<usize>,
    h: usize,
    hd: usize,
    scale: f32,
    kt: &mut Vec<f32>,
    vh: &mut Vec<f32>,
    scores: &mut Vec<f32>,
) {
    let (s0, l) = (seq.start, seq.len());
    let lp = l.div_ceil(LANES) * LANES;
    kt.clear();
    kt.resize(hd * lp, 0.0);
    scores.clear();
    scores.resize(lp, 0.0);
    // V of the head, rows packed together: strided rows 4.6 KB apart fall
    // into a few L1 sets and evict each other.
    vh.clear();
    vh.resize(l * hd, 0.0);
    let mut qs = [0f32; 256];
    let rows = &qkv[s0 * 3 * h..(s0 + l) * 3 * h];
    for head in 0..h / hd {
        let (qo, ko, vo) = (head * hd, h + head * hd, 2 * h + head * hd);
        for j in 0..l {
            let row = &rows[j * 3 * h..][..3 * h];
            for (e, &v) in row[ko..ko + hd].iter().enumerate() {
                kt[e * lp + j] = v;
            }
            vh[j * hd..(j + 1) * hd].copy_from_slice(&row[vo..vo + hd]);
        }
        for i in 0..l {
            let q = &rows[i * 3 * h + qo..][..hd];
            for (a, &b) in qs.iter_mut().zip(q) {
                *a = b * scale;
            }
            G::scores(&qs[..hd], kt, lp, scores);
            softmax_inplace(&mut scores[..l]);
            let c = &mut ctx[(s0 + i) * h + qo..][..hd];
            G::weighted_sum(&scores[..l], vh, hd, c);
        }
    }
}
