//! A library on a disk that fills up: the write that does not fit is refused
//! with an error naming the file and the cause, and everything stored before
//! is still there, readable and consistent.
//!
//! The disk is real: a small tmpfs mounted in a private mount namespace
//! (`unshare --mount`, or with `--user --map-root-user` when not root), so the
//! CLI meets ENOSPC from the kernel exactly as on a full laptop disk. Without
//! namespaces the tests are skipped with a note, except under CI, where they
//! fail.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;

/// The `unshare` arguments that give this process a private mount namespace
/// in which it may mount a tmpfs, or `None` when this machine allows neither.
fn namespace_args() -> Option<Vec<&'static str>> {
    for args in [
        vec!["--mount"],
        vec!["--user", "--map-root-user", "--mount"],
    ] {
        let ok = Command::new("unshare")
            .args(&args)
            .args(["sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"])
            .output()
            .map(|o| o.status.success())
            .unwrap_or(false);
        if ok {
            return Some(args);
        }
    }
    if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!(
            "cannot mount a small tmpfs in a private mount namespace (`unshare --mount` and \
             `unshare --user --map-root-user --mount` both failed), and CI is set: the full-disk \
             tests need it (util-linux's unshare and a kernel allowing mount namespaces)"
        );
    }
    eprintln!("note: no mount namespaces here; the full-disk tests are skipped (set CI=1 to fail)");
    None
}

/// Run `script` (sh) in a private mount namespace where `disk` is a tmpfs of
/// `size_kb` KiB. `$P` is the CLI. Whatever the script leaves on the disk is
/// gone afterwards, so it copies what the test reads to a real folder.
fn on_small_disk(ns: &[&str], disk: &Path, size_kb: u64, script: &str) -> Output {
    std::fs::create_dir_all(disk).unwrap();
    let full = format!(
        "set -u; mount -t tmpfs -o size={size_kb}k tmpfs '{}' || exit 99; cd '{}'; {script}",
        disk.display(),
        disk.display()
    );
    let out = Command::new("unshare")
        .args(ns)
        .args(["sh", "-c", &full])
        .env("P", env!("CARGO_BIN_EXE_policydiff"))
        .env_remove("POLICYDIFF_LOG")
        .env_remove("POLICYDIFF_DB")
        .output()
        .unwrap();
    assert_ne!(
        out.status.code(),
        Some(99),
        "mounting the tmpfs failed: {out:?}"
    );
    out
}

fn cli(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_policydiff"))
        .arg("--db")
        .arg(db)
        .args(args)
        .env_remove("POLICYDIFF_LOG")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A library holding the bundled corpus, checkpointed into one file.
fn corpus_library(dir: &Path) -> PathBuf {
    let lib = dir.join("library.sqlite3");
    let o = cli(&lib, &["list"]);
    assert!(o.status.success(), "{}", stderr(&o));
    lib
}

#[test]
fn an_import_that_fills_the_disk_is_refused_and_the_library_is_kept() {
    let Some(ns) = namespace_args() else { return };
    let dir = tempfile::tempdir().unwrap();
    let lib = corpus_library(dir.path());
    let before = cli(&lib, &["list", "--json"]);
    assert!(before.status.success());
    let size = std::fs::metadata(&lib).unwrap().len();
    // Room for the library and a little more: the small README fits, the
    // regulations (each a few hundred kilobytes of index) do not.
    let size_kb = size / 1024 + 160;
    let fixtures = support::fixtures_dir().join("external");
    let files: Vec<String> = [
        "README.md",
        "sh-filing-review-2024.md",
        "sh-school-injury-2024.md",
    ]
    .iter()
    .map(|f| format!("'{}'", fixtures.join(f).display()))
    .collect();
    let disk = dir.path().join("disk");
    let after = dir.path().join("after");
    std::fs::create_dir_all(&after).unwrap();
    let script = format!(
        "cp '{lib}' library.sqlite3; \"$P\" --db library.sqlite3 import {files}; echo \"rc=$?\" >&2; \
         \"$P\" --db library.sqlite3 list --json > '{after}/list.json' || exit 98; \
         cp library.sqlite3* '{after}/'",
        lib = lib.display(),
        files = files.join(" "),
        after = after.display(),
    );
    let out = on_small_disk(&ns, &disk, size_kb, &script);
    let err = stderr(&out);
    assert!(
        out.status.success(),
        "reading after the failed import: {err}"
    );
    assert!(err.contains("rc=1"), "the import reports failure: {err}");
    // Every refusal names its file and the cause; the first file got in.
    for f in ["sh-filing-review-2024.md", "sh-school-injury-2024.md"] {
        let line = err
            .lines()
            .find(|l| l.contains(f))
            .unwrap_or_else(|| panic!("no error names {f}: {err}"));
        assert!(line.contains("disk") && line.contains("full"), "{line}");
    }
    assert!(
        stdout(&out).contains("README.md: 1 added"),
        "{}",
        stdout(&out)
    );

    // The library on the full disk lists what it held plus the one document
    // that fitted, nothing half-written.
    let listed: serde_json::Value =
        serde_json::from_slice(&std::fs::read(after.join("list.json")).unwrap()).unwrap();
    let was: serde_json::Value = serde_json::from_slice(&before.stdout).unwrap();
    let (listed, was) = (listed.as_array().unwrap(), was.as_array().unwrap());
    assert_eq!(listed.len(), was.len() + 1);
    for row in was {
        assert!(listed.contains(row), "kept: {row}");
    }
    // The copy taken off the full disk opens, is consistent, and compares.
    let copy = after.join("library.sqlite3");
    let store = policydiff_store::SqliteStore::open(&copy).unwrap();
    use policydiff_store::Store;
    assert_eq!(store.count().unwrap(), was.len() + 1);
    let ids: Vec<i64> = was.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    let o = cli(
        &copy,
        &[
            "compare",
            &ids[1].to_string(),
            &ids[2].to_string(),
            "--format",
            "json",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_first_run_on_a_full_disk_says_so_and_finishes_when_there_is_room() {
    let Some(ns) = namespace_args() else { return };
    let dir = tempfile::tempdir().unwrap();
    let disk = dir.path().join("disk");
    let after = dir.path().join("after");
    std::fs::create_dir_all(&after).unwrap();
    // 400 KiB: the schema fits, the corpus (about 1.4 MB) does not.
    let script = format!(
        "\"$P\" --db library.sqlite3 list; echo \"rc=$?\" >&2; cp library.sqlite3* '{}/' 2>/dev/null; true",
        after.display()
    );
    let out = on_small_disk(&ns, &disk, 400, &script);
    let err = stderr(&out);
    assert!(err.contains("rc=1"), "the first run fails: {err}");
    assert!(
        err.contains("library.sqlite3") && err.contains("disk") && err.contains("full"),
        "names the library and the cause: {err}"
    );
    assert!(
        stdout(&out).trim().is_empty(),
        "no empty table: {}",
        stdout(&out)
    );

    // Moved to a disk with room, the library gets its corpus.
    let lib = after.join("library.sqlite3");
    assert!(
        lib.exists(),
        "the interrupted library file was left on the disk"
    );
    let o = cli(&lib, &["list", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let corpus = support::corpus_titled();
    assert_eq!(rows.as_array().unwrap().len(), corpus, "{}", stderr(&o));
}
