//! Embed the lines of standard input; write the vectors as raw little-endian
//! f32 (`lines × dims`) to a file. Used by the evaluation scripts.
//!
//! ```text
//! cargo run --release --example embed -- e5 models/e5-small-q4.bin out.f32 < lines.txt
//! cargo run --release --example embed -- static data/e5-static-zh.bin out.f32 < lines.txt
//! ```
//! Options after the paths: `--threads N`, `--mean` (static: plain mean),
//! `--raw` (e5: no `query: ` prefix, `<s> tokens </s>` as the distiller
//! embeds pieces).
use std::io::{BufRead, Write};
use std::time::Instant;

use policydiff_embed::{E5Encoder, Encoder, Pooling, StaticEncoder};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, model, out, rest @ ..] = args.as_slice() else {
        return Err("usage: embed e5|static MODEL OUT.f32 [--threads N] [--mean] < lines".into());
    };
    let threads = rest
        .iter()
        .position(|a| a == "--threads")
        .and_then(|i| rest.get(i + 1))
        .map(|s| s.parse())
        .transpose()?;
    let lines: Vec<String> = std::io::stdin().lock().lines().collect::<Result<_, _>>()?;
    let texts: Vec<&str> = lines.iter().map(String::as_str).collect();
    let t0 = Instant::now();
    let enc: Box<dyn Encoder> = match kind.as_str() {
        "e5" => {
            let mut b = E5Encoder::builder();
            if let Some(n) = threads {
                b = b.threads(n);
            }
            Box::new(b.open(model)?)
        }
        "static" => {
            let s = StaticEncoder::open(model)?;
            Box::new(if rest.iter().any(|a| a == "--mean") {
                s.with_pooling(Pooling::Mean)
            } else {
                s
            })
        }
        _ => return Err(format!("unknown encoder {kind}").into()),
    };
    let load = t0.elapsed();
    let t1 = Instant::now();
    let v = if kind == "e5" && rest.iter().any(|a| a == "--raw") {
        let e5 = E5Encoder::builder().open(model)?;
        let ids: Vec<Vec<u32>> = texts.iter().map(|t| e5.tokenizer().encode(t)).collect();
        e5.encode_ids(&ids)
    } else {
        enc.encode(&texts)
    };
    let dt = t1.elapsed();
    let mut f = std::io::BufWriter::new(std::fs::File::create(out)?);
    for x in v.as_flat() {
        f.write_all(&x.to_le_bytes())?;
    }
    eprintln!(
        "{}: {} texts, {} dims, load {:.1} ms, encode {:.3} s ({:.3} ms/text)",
        enc.model_id(),
        texts.len(),
        enc.dims(),
        load.as_secs_f64() * 1e3,
        dt.as_secs_f64(),
        dt.as_secs_f64() * 1e3 / texts.len().max(1) as f64
    );
    Ok(())
}
