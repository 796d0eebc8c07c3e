use std::io::Write;

use policydiff_embed::{E5Encoder, Encoder, ErrorKind, ExpectedHash, StaticEncoder};

use crate::util::model_path;

fn temp_file(name: &str, bytes: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("policydiff-embed-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::File::create(&p).unwrap().write_all(bytes).unwrap();
    p
}

#[test]
fn a_missing_file_names_the_file() {
    let e = E5Encoder::open("/nonexistent/e5-small-q4.bin").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Io(_)));
    let msg = e.to_string();
    assert!(
        msg.contains("/nonexistent/e5-small-q4.bin") && msg.starts_with("model file"),
        "{msg}"
    );
    assert!(
        msg.ends_with("cannot read: No such file or directory"),
        "the reason in plain words: {msg}"
    );
}

#[test]
fn a_wrong_header_is_reported_as_such() {
    let p = temp_file("not-a-model.bin", b"PK\x03\x04 this is a zip");
    let e = E5Encoder::open(&p).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadHeader { .. }), "{e}");
    assert!(e.to_string().contains("not a E5S1 file"), "{e}");
    assert_eq!(e.path(), Some(p.as_path()));
    let e = E5Encoder::open(temp_file("empty.bin", b"")).unwrap_err();
    assert!(e.to_string().contains("empty file"), "{e}");
}

#[test]
fn a_truncated_header_is_reported() {
    let mut b = b"E5S1".to_vec();
    b.extend_from_slice(&1u32.to_le_bytes());
    b.extend_from_slice(&384i32.to_le_bytes());
    let e = E5Encoder::open(temp_file("short.bin", &b)).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Truncated { .. }), "{e}");
}

#[test]
fn a_truncated_or_altered_model_is_refused() {
    let real = model_path();
    let Ok(bytes) = std::fs::read(&real) else {
        eprintln!("skipping: no model at {}", real.display());
        return;
    };
    // Cut in the middle of the weights: the tensor directory points past the end.
    let e = E5Encoder::open(temp_file("cut.bin", &bytes[..bytes.len() / 2])).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Truncated { .. }), "{e}");
    assert!(e.to_string().contains("truncated: tensor"), "{e}");
    // One weight byte changed: well-formed, but not the pinned file.
    let mut altered = bytes.clone();
    let at = bytes.len() - 100_000;
    altered[at] ^= 0x55;
    let p = temp_file("altered.bin", &altered);
    let e = E5Encoder::open(&p).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::HashMismatch { .. }), "{e}");
    assert!(
        e.to_string().contains(policydiff_embed::E5_SMALL_Q4_SHA256),
        "{e}"
    );
    // Accepted when any file is allowed, under another model id.
    let m = E5Encoder::builder()
        .expected_hash(ExpectedHash::Any)
        .threads(1)
        .open(&p)
        .unwrap();
    assert!(!m
        .model_id()
        .contains(&policydiff_embed::E5_SMALL_Q4_SHA256[..12]));
}

#[test]
fn a_corrupt_static_table_is_refused() {
    let bytes = std::fs::read(crate::util::static_table_path()).unwrap();
    let e = StaticEncoder::from_bytes(&bytes[..bytes.len() - 10]).unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::Truncated { .. }), "{e}");
    let e = StaticEncoder::from_bytes(b"E5S1").unwrap_err();
    assert!(matches!(e.kind(), ErrorKind::BadHeader { .. }), "{e}");
    let e = StaticEncoder::open("/nonexistent/table.bin").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("static table /nonexistent/table.bin"),
        "{e}"
    );
}
