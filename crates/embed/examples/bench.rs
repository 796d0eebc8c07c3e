//! Speed and memory of the encoders on corpus units.
//!
//! ```text
//! cargo run --release --example bench -- models/e5-small-q4.bin data/e5-static-zh.bin UNITS.txt
//! ```
//! `UNITS.txt`: one unit per line. Prints load times, ms per clause and per
//! token for e5 on 1 and 2 threads (and with the portable AVX2 kernel),
//! µs per clause for the static table, and the process's RSS.
use std::time::Instant;

use policydiff_embed::{E5Encoder, Encoder, Isa, StaticEncoder};

fn rss_kb(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(field))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// CPU time of the process (all threads), seconds.
fn cpu_s() -> f64 {
    let s = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = s.rsplit_once(')').map_or("", |x| x.1);
    let f: Vec<f64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    // fields 14 and 15 (utime, stime) are at 11 and 12 after the command name
    (f.get(11).unwrap_or(&0.0) + f.get(12).unwrap_or(&0.0)) / 100.0
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .unwrap_or_default()
        .split_whitespace()
        .take(1)
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [model, table, units, ..] = args.as_slice() else {
        return Err("usage: bench E5_MODEL STATIC_TABLE UNITS.txt [--skip-avx2]".into());
    };
    let text = std::fs::read_to_string(units)?;
    let texts: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    println!(
        "{} units, {:.0} characters on average",
        texts.len(),
        chars as f64 / texts.len() as f64
    );
    println!("RSS at start: {} MB", rss_kb("VmRSS:") / 1024);

    let t = Instant::now();
    let st = StaticEncoder::open(table)?;
    println!(
        "static: load {:.1} ms, RSS {} MB",
        t.elapsed().as_secs_f64() * 1e3,
        rss_kb("VmRSS:") / 1024
    );
    let _ = st.encode(&texts);
    let t = Instant::now();
    let reps = 5;
    for _ in 0..reps {
        std::hint::black_box(st.encode(&texts));
    }
    let us = t.elapsed().as_secs_f64() * 1e6 / (reps * texts.len()) as f64;
    println!("static: {us:.1} µs per unit (1 thread)");

    let t = Instant::now();
    let e5 = E5Encoder::builder().threads(1).open(model)?;
    let load = t.elapsed();
    println!(
        "e5: load {:.0} ms (SHA-256 + parse + re-quantise), isa {}, weights {} MB, RSS {} MB",
        load.as_secs_f64() * 1e3,
        e5.isa().name(),
        e5.resident_bytes() / (1 << 20),
        rss_kb("VmRSS:") / 1024
    );
    let tokens: usize = texts
        .iter()
        .map(|t| e5.tokenize(t).len().min(510) + 2)
        .sum();
    println!(
        "e5: {:.1} tokens per unit (with query: prefix, <s>, </s>)",
        tokens as f64 / texts.len() as f64
    );
    let mut configs = vec![(1, Isa::Avx512Vnni), (2, Isa::Avx512Vnni)];
    if !args.iter().any(|a| a == "--skip-avx2") {
        configs.push((1, Isa::Avx2));
    }
    for (threads, isa) in configs {
        let enc = E5Encoder::builder().threads(threads).isa(isa).open(model)?;
        let _ = enc.encode(&texts[..4.min(texts.len())]);
        let (t, c0, l0) = (Instant::now(), cpu_s(), loadavg());
        let v = enc.encode(&texts);
        let (dt, cpu) = (t.elapsed().as_secs_f64(), cpu_s() - c0);
        std::hint::black_box(v);
        println!(
            "e5 [{} threads, {}]: wall {:.2} ms per unit ({:.1} units/s), CPU {:.2} ms per unit, {:.3} ms per token; load average {} → {}",
            threads,
            enc.isa().name(),
            dt * 1e3 / texts.len() as f64,
            texts.len() as f64 / dt,
            cpu * 1e3 / texts.len() as f64,
            cpu * 1e3 / tokens as f64,
            l0,
            loadavg()
        );
    }
    println!("peak RSS {} MB", rss_kb("VmHWM:") / 1024);
    Ok(())
}
