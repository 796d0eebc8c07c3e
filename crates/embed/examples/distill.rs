//! Distil the static token table from e5 — the recipe of `data/e5-static-zh.bin`.
//!
//! ```text
//! cargo run --release --example distill -- models/e5-small-q4.bin data/e5-static-zh.bin \
//!     --corpus ../../assets/corpus/south-china-2023-business-environment.txt
//! ```
//!
//! Steps:
//! 1. Pieces kept: every vocabulary piece containing a CJK ideograph
//!    (18,459 of 250,002), plus the other pieces that occur at least
//!    `--min-count` times (default 2) when the corpus is tokenized (digits,
//!    Latin abbreviations, punctuation, `▁`). Without a corpus: the 2,000
//!    non-CJK pieces with the highest unigram score.
//! 2. Each kept piece alone goes through e5 as `<s> piece </s>` (or after
//!    `query: ` with `--prefix`), mean-pooled over all tokens: 384 dims.
//! 3. PCA over the kept pieces (centred, unweighted): the top `--dims`
//!    (default 256) components.
//! 4. Pooling weight of each piece: smooth inverse frequency `a / (a + p)`,
//!    `a = --sif-a` (default 1e-5), `p = exp(score)`, the piece's probability
//!    in the tokenizer's unigram model (`--weights score`, the default), or
//!    its frequency in the corpus (`--weights corpus`; pieces absent from it
//!    count once). Measured on the reference alignments (MEASURED.md): unigram
//!    probability with a = 1e-5 pairs best; corpus frequency over-weights
//!    rare pieces.
//! 5. int8 per row; the tokenizer shrunk to the kept pieces.
//!
//! `--cache FILE` keeps the 384-dim vectors of step 2 between runs.
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

use policydiff_embed::{E5Encoder, Encoder, StaticTable, QUERY_PREFIX};
use sha2::Digest;

struct Args {
    model: PathBuf,
    out: PathBuf,
    corpus: Option<PathBuf>,
    dims: usize,
    sif_a: f64,
    weights_from_corpus: Option<bool>,
    prefix: bool,
    min_count: usize,
    cache: Option<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut it = std::env::args().skip(1);
    let model = it
        .next()
        .ok_or("usage: distill E5_MODEL OUT [options]")?
        .into();
    let out = it
        .next()
        .ok_or("usage: distill E5_MODEL OUT [options]")?
        .into();
    let mut a = Args {
        model,
        out,
        corpus: None,
        dims: 256,
        sif_a: 1e-5,
        weights_from_corpus: None,
        prefix: false,
        min_count: 2,
        cache: None,
    };
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--corpus" => a.corpus = Some(val()?.into()),
            "--dims" => a.dims = val()?.parse().map_err(|e| format!("--dims: {e}"))?,
            "--sif-a" => a.sif_a = val()?.parse().map_err(|e| format!("--sif-a: {e}"))?,
            "--weights" => a.weights_from_corpus = Some(val()? == "corpus"),
            "--min-count" => {
                a.min_count = val()?.parse().map_err(|e| format!("--min-count: {e}"))?
            }
            "--cache" => a.cache = Some(val()?.into()),
            "--prefix" => a.prefix = true,
            _ => return Err(format!("unknown option {flag}")),
        }
    }
    Ok(a)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FFFF)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let t0 = Instant::now();
    let e5 = E5Encoder::open(&args.model)?;
    let tok = e5.tokenizer();
    let n = tok.len() as u32;
    let piece = |id: u32| String::from_utf8_lossy(tok.piece(id)).into_owned();

    // Corpus counts of pieces (full vocabulary tokenization, line by line).
    let mut counts: HashMap<u32, usize> = HashMap::new();
    let mut total = 0usize;
    let mut corpus_sha = String::from("none");
    if let Some(path) = &args.corpus {
        let text = std::fs::read_to_string(path)?;
        corpus_sha = hex(&sha2::Sha256::digest(text.as_bytes()))[..16].to_owned();
        let mut ids = Vec::new();
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            ids.clear();
            tok.encode_into(line.trim(), &mut ids);
            for &id in &ids {
                *counts.entry(id).or_default() += 1;
                total += 1;
            }
        }
    }

    // 1. Pieces kept.
    let specials = [tok.unk_id()];
    let mut keep: Vec<u32> = (0..4).collect();
    let mut others: Vec<u32> = Vec::new();
    for id in 4..n {
        if specials.contains(&id) {
            continue;
        }
        let p = piece(id);
        let frequent =
            args.corpus.is_some() && counts.get(&id).copied().unwrap_or(0) >= args.min_count;
        if p.chars().any(is_cjk) || frequent {
            keep.push(id);
        } else if args.corpus.is_none() {
            others.push(id);
        }
    }
    if args.corpus.is_none() {
        others.sort_by(|&a, &b| tok.score(b).total_cmp(&tok.score(a)));
        keep.extend(others.iter().take(2000));
    }
    keep[4..].sort_unstable();
    eprintln!(
        "{} pieces kept ({:.1} s)",
        keep.len(),
        t0.elapsed().as_secs_f64()
    );

    // 2. e5 vectors of each piece alone (cached).
    let prefix: Vec<u32> = if args.prefix {
        tok.encode(QUERY_PREFIX.trim_end())
    } else {
        Vec::new()
    };
    let d0 = e5.dims();
    let key_sha = hex(&sha2::Sha256::digest(
        format!("{:?}{:?}", keep, prefix).as_bytes(),
    ));
    let raw: Vec<f32> = match args.cache.as_ref().and_then(|c| read_cache(c, &key_sha)) {
        Some(v) => v,
        None => {
            let seqs: Vec<Vec<u32>> = keep
                .iter()
                .map(|&id| {
                    let mut s = prefix.clone();
                    s.push(id);
                    s
                })
                .collect();
            let t = Instant::now();
            let v = e5.encode_ids(&seqs).as_flat().to_vec();
            eprintln!(
                "embedded {} pieces in {:.1} s",
                seqs.len(),
                t.elapsed().as_secs_f64()
            );
            if let Some(c) = &args.cache {
                write_cache(c, &key_sha, &v)?;
            }
            v
        }
    };
    // Special pieces get no vector.
    let rows = keep.len();

    // 3. PCA over the kept, non-special pieces.
    let mut mean = vec![0f64; d0];
    for r in 4..rows {
        for (m, &x) in mean.iter_mut().zip(&raw[r * d0..(r + 1) * d0]) {
            *m += x as f64;
        }
    }
    mean.iter_mut().for_each(|m| *m /= (rows - 4) as f64);
    let mut cov = vec![0f64; d0 * d0];
    let mut c = vec![0f64; d0];
    for r in 4..rows {
        for (k, ck) in c.iter_mut().enumerate() {
            *ck = raw[r * d0 + k] as f64 - mean[k];
        }
        for i in 0..d0 {
            let ci = c[i];
            for j in i..d0 {
                cov[i * d0 + j] += ci * c[j];
            }
        }
    }
    for i in 0..d0 {
        for j in 0..i {
            cov[i * d0 + j] = cov[j * d0 + i];
        }
    }
    let (vals, vecs) = jacobi_eigen(cov, d0);
    let mut order: Vec<usize> = (0..d0).collect();
    order.sort_by(|&a, &b| vals[b].total_cmp(&vals[a]));
    let dims = args.dims.min(d0);
    let explained: f64 =
        order[..dims].iter().map(|&i| vals[i]).sum::<f64>() / vals.iter().sum::<f64>();
    let mut vectors = vec![0f32; rows * dims];
    for r in 4..rows {
        for (k, ck) in c.iter_mut().enumerate() {
            *ck = raw[r * d0 + k] as f64 - mean[k];
        }
        for (o, &e) in order[..dims].iter().enumerate() {
            let v = &vecs[e * d0..(e + 1) * d0];
            vectors[r * dims + o] = c.iter().zip(v).map(|(a, b)| a * b).sum::<f64>() as f32;
        }
    }

    // 4. Pooling weights.
    let from_corpus = args.weights_from_corpus.unwrap_or(false) && total > 0;
    let mut weights = vec![0f32; rows];
    for (r, &id) in keep.iter().enumerate().skip(4) {
        let p = if from_corpus {
            counts.get(&id).copied().unwrap_or(0).max(1) as f64 / total as f64
        } else {
            (tok.score(id) as f64).exp()
        };
        weights[r] = (args.sif_a / (args.sif_a + p)) as f32;
    }

    // 5. Write.
    let recipe = format!(
        "examples/distill.rs: pieces = CJK + corpus pieces with count >= {} ({} rows); e5 of '<s> {}piece </s>' mean-pooled; \
         PCA {} of {} dims (explained {:.3}); weights = SIF a={} from {}; corpus sha256 {}; int8 per row",
        args.min_count,
        rows,
        if args.prefix { "query: " } else { "" },
        dims,
        d0,
        explained,
        args.sif_a,
        if from_corpus { "corpus frequency" } else { "unigram score" },
        corpus_sha
    );
    let table = StaticTable {
        tokenizer: tok.subset(&keep),
        dims,
        vectors,
        weights,
        source_sha256: e5.sha256().to_owned(),
        recipe: recipe.clone(),
    };
    let bytes = table.to_bytes();
    std::fs::write(&args.out, &bytes)?;
    eprintln!(
        "{recipe}\nwrote {} ({} bytes) in {:.1} s",
        args.out.display(),
        bytes.len(),
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

fn read_cache(path: &PathBuf, key: &str) -> Option<Vec<f32>> {
    let b = std::fs::read(path).ok()?;
    if b.len() < 64 || &b[..64] != key.as_bytes() {
        return None;
    }
    Some(
        b[64..]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
            .collect(),
    )
}

fn write_cache(path: &PathBuf, key: &str, v: &[f32]) -> std::io::Result<()> {
    let mut b = key.as_bytes().to_vec();
    v.iter().for_each(|x| b.extend_from_slice(&x.to_le_bytes()));
    std::fs::write(path, b)
}

/// Eigen-decomposition of a symmetric matrix by cyclic Jacobi rotations.
/// Returns eigenvalues and row-major eigenvectors (row `i` ↔ value `i`).
fn jacobi_eigen(mut a: Vec<f64>, n: usize) -> (Vec<f64>, Vec<f64>) {
    let mut v = vec![0f64; n * n];
    (0..n).for_each(|i| v[i * n + i] = 1.0);
    for _sweep in 0..50 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i * n + j].powi(2))
            .sum();
        if off < 1e-18 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a[p * n + q];
                if apq.abs() < 1e-30 {
                    continue;
                }
                let theta = (a[q * n + q] - a[p * n + p]) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a[k * n + p], a[k * n + q]);
                    a[k * n + p] = c * akp - s * akq;
                    a[k * n + q] = s * akp + c * akq;
                }
                for k in 0..n {
                    let (apk, aqk) = (a[p * n + k], a[q * n + k]);
                    a[p * n + k] = c * apk - s * aqk;
                    a[q * n + k] = s * apk + c * aqk;
                }
                for k in 0..n {
                    let (vpk, vqk) = (v[p * n + k], v[q * n + k]);
                    v[p * n + k] = c * vpk - s * vqk;
                    v[q * n + k] = s * vpk + c * vqk;
                }
            }
        }
    }
    ((0..n).map(|i| a[i * n + i]).collect(), v)
}
