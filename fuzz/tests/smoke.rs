//! A short fuzzing run (a fixed seed, a few seconds) and the inputs that
//! once broke the pipeline, replayed.

use std::path::Path;

use policydiff_fuzz::{check, generate, quiet_panics, run, Input, Rng};
use policydiff_segment::Segmenter;

#[test]
fn generated_files_keep_every_invariant() {
    let seg = Segmenter::new();
    let dir = tempfile::tempdir().unwrap();
    quiet_panics();
    let totals = run(&seg, 0x5EED, dir.path(), |n| n < 60);
    let failures: Vec<String> = totals
        .failures
        .iter()
        .map(|(input, what)| format!("{what} ({}: {})", input.name, input.recipe))
        .collect();
    assert!(failures.is_empty(), "{failures:#?}");
    // The run exercised every stage: refusals, imports and comparisons.
    assert_eq!(totals.inputs, 60);
    assert!(
        totals.refused > 0 && totals.documents > 20 && totals.comparisons > 20,
        "{totals:?}"
    );
}

#[test]
fn the_generator_is_deterministic_and_varied() {
    let a: Vec<Input> = {
        let mut rng = Rng::new(7);
        (0..50).map(|_| generate(&mut rng)).collect()
    };
    let mut rng = Rng::new(7);
    let b: Vec<Input> = (0..50).map(|_| generate(&mut rng)).collect();
    assert_eq!(a, b);
    for ext in ["txt", "html", "docx", "doc", "pdf"] {
        assert!(a.iter().any(|i| i.name.ends_with(ext)), "no .{ext} input");
    }
}

#[test]
fn inputs_that_once_failed_pass() {
    let seg = Segmenter::new();
    let dir = tempfile::tempdir().unwrap();
    let regressions = Path::new(env!("CARGO_MANIFEST_DIR")).join("regressions");
    let mut n = 0;
    for entry in std::fs::read_dir(&regressions).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let input = Input {
            name: name.clone(),
            bytes: std::fs::read(&path).unwrap(),
            recipe: String::new(),
        };
        if let Err(e) = check(&seg, &input, dir.path()) {
            panic!("{name}: {e}");
        }
        n += 1;
    }
    assert!(n > 0, "no regression inputs in {}", regressions.display());
}

#[test]
fn a_generated_doc_reads_back_as_its_text() {
    let text = "关于测试的通知\n第一条 为了规范管理，制定本办法。\n第二条 本办法自印发之日起施行。";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.doc");
    std::fs::write(&path, policydiff_fuzz::doc(text)).unwrap();
    let docs = policydiff_import::read_path(&path).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].text, policydiff_import::split(text, None)[0].text);
}
