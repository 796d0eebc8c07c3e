//! `policydiff-fuzz [--minutes N] [--seed S] [--artifacts DIR]`: run the
//! fuzzer (see the library doc) for a time budget and save each failing
//! input with what broke. Exit 1 when anything failed.
//!
//! `policydiff-fuzz --replay FILE…` checks saved inputs again
//! (`POLICYDIFF_FUZZ_DEBUG=1` prints their imported texts).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};

use policydiff_fuzz::{quiet_panics, run};
use policydiff_segment::Segmenter;

fn main() -> ExitCode {
    let mut minutes = 1.0f64;
    let mut seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(1, |d| d.as_secs());
    let mut artifacts = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/artifacts"));
    let mut args = std::env::args().skip(1);
    if std::env::args().nth(1).as_deref() == Some("--replay") {
        return replay(std::env::args().skip(2).map(PathBuf::from).collect());
    }
    while let Some(a) = args.next() {
        let value = args.next();
        let parsed = match (a.as_str(), value.as_deref()) {
            ("--minutes", Some(v)) => v.parse().map(|m| minutes = m).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|s| seed = s).is_ok(),
            ("--artifacts", Some(v)) => {
                artifacts = PathBuf::from(v);
                true
            }
            _ => false,
        };
        if !parsed {
            eprintln!("usage: policydiff-fuzz [--minutes N] [--seed S] [--artifacts DIR]");
            return ExitCode::from(2);
        }
    }
    let budget = Duration::from_secs_f64(minutes * 60.0);
    let seg = Segmenter::new();
    let scratch = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("policydiff-fuzz: no temporary folder: {e}");
            return ExitCode::from(1);
        }
    };
    quiet_panics();
    eprintln!("policydiff-fuzz: seed {seed}, {minutes} min");
    let start = Instant::now();
    let mut next_report = Duration::from_secs(60);
    let totals = run(&seg, seed, scratch.path(), |n| {
        let t = start.elapsed();
        if t >= next_report {
            eprintln!("  {:.0} min: {n} inputs", t.as_secs_f64() / 60.0);
            next_report += Duration::from_secs(60);
        }
        t < budget
    });
    let elapsed = start.elapsed().as_secs_f64() / 60.0;
    println!(
        "seed {seed}: {:.1} min, {} inputs, {} refused, {} documents, {} comparisons, {} failures",
        elapsed,
        totals.inputs,
        totals.refused,
        totals.documents,
        totals.comparisons,
        totals.failures.len()
    );
    for (what, n) in &totals.notes {
        println!("  known limit, {n} inputs: {what}");
    }
    if totals.failures.is_empty() {
        return ExitCode::SUCCESS;
    }
    if let Err(e) = std::fs::create_dir_all(&artifacts) {
        eprintln!(
            "policydiff-fuzz: cannot create {}: {e}",
            artifacts.display()
        );
    }
    for (k, (input, what)) in totals.failures.iter().enumerate() {
        let file = artifacts.join(format!("{seed}-{k}-{}", input.name));
        let note = file.with_extension("failure.txt");
        let saved = std::fs::write(&file, &input.bytes)
            .and_then(|()| std::fs::write(&note, format!("{what}\nrecipe:{}\n", input.recipe)));
        match saved {
            Ok(()) => println!("FAIL {}: {what}", file.display()),
            Err(e) => println!("FAIL (not saved: {e}): {what}; recipe:{}", input.recipe),
        }
    }
    ExitCode::from(1)
}

fn replay(files: Vec<PathBuf>) -> ExitCode {
    let seg = Segmenter::new();
    let Ok(scratch) = tempfile::tempdir() else {
        eprintln!("policydiff-fuzz: no temporary folder");
        return ExitCode::from(1);
    };
    quiet_panics();
    let mut failed = false;
    for f in files {
        let bytes = match std::fs::read(&f) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{}: {e}", f.display());
                failed = true;
                continue;
            }
        };
        let name = f
            .file_name()
            .map_or("input".into(), |n| n.to_string_lossy().into_owned());
        let input = policydiff_fuzz::Input {
            name,
            bytes,
            recipe: String::new(),
        };
        match policydiff_fuzz::check(&seg, &input, scratch.path()) {
            Ok(o) => println!(
                "ok {}: {} documents{}, {} comparisons, {} known limits met",
                f.display(),
                o.documents,
                if o.refused { " (refused)" } else { "" },
                o.comparisons,
                o.notes.len()
            ),
            Err(e) => {
                failed = true;
                println!("FAIL {}: {e}", f.display());
            }
        }
    }
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
