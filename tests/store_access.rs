//! Using one library from several processes, reading a library that cannot
//! be written, and the first run decided by the library's own state: the
//! store API, the application layer and the CLI end to end, on the corpus.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use policydiff::compare::{self, Remembered};
use policydiff::library::{self, FirstRun};
use policydiff_model::ListFilter;
use policydiff_segment::Segmenter;
use policydiff_store::{Access, Error, Setup, SqliteStore, Store};

mod support;

fn seg() -> &'static Segmenter {
    Segmenter::shared()
}

/// A library file holding the bundled corpus (first run done), in its own folder.
fn corpus_library() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    let opened = library::open(&path, seg()).unwrap();
    assert!(opened.first_run.is_some());
    (dir, path)
}

/// The default library holds the corpus's 37 titled documents; the tail of
/// a document the compilation opens with (no title, nothing to compare it
/// with) is left out, while a user importing the same file keeps it.
#[test]
fn the_first_run_imports_the_titled_documents_only() {
    let dir = tempfile::tempdir().unwrap();
    let opened = library::open(&dir.path().join("library.sqlite3"), seg()).unwrap();
    assert_eq!(opened.first_run.as_ref().unwrap().added.len(), 37);
    let rows = opened.store.list(&ListFilter::default()).unwrap();
    assert_eq!(rows.len(), 37);
    assert!(rows.iter().all(|r| !r.meta.fragment), "{rows:#?}");
    assert!(rows
        .iter()
        .any(|r| r.meta.doc_number.as_deref() == Some("粤办函〔2023〕41号")));
    for r in &rows {
        let doc = opened.store.get(r.id).unwrap();
        assert!(
            !doc.text.contains("面落实行政处罚裁量基准制度"),
            "{}",
            r.meta.title
        );
    }
    // The same compilation imported by a user keeps its fragment.
    let docs = support::corpus_docs();
    assert_eq!(docs.len(), 38);
    assert!(docs[0].meta.fragment, "{:?}", docs[0].meta);
    assert!(docs[0].text.contains("面落实行政处罚裁量基准制度"));
}

fn cli(db: &Path, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_policydiff"));
    c.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("POLICYDIFF_LOG");
    c
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// ---------------------------------------------------------------------------
// Several writers.

/// A write waits while another connection holds the write lock, then
/// succeeds (it used to fail at once with "database is locked" when the
/// transaction read before it wrote).
#[test]
fn a_write_waits_for_another_writer_to_finish() {
    let (_dir, path) = corpus_library();
    let mut lib = SqliteStore::open(&path).unwrap();
    let all = support::doc_ids(&lib);
    for write in 0..4 {
        let other = rusqlite::Connection::open(&path).unwrap();
        other.execute_batch("BEGIN IMMEDIATE").unwrap();
        let holder = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            other.execute_batch("COMMIT").unwrap();
        });
        match write {
            0 => lib.remember_comparison(all[1], all[2]).unwrap(),
            1 => lib.delete(all[3]).unwrap(),
            2 => {
                let mut d = support::doc("佛山市进一步强化市场主体诉求响应服务工作方案");
                d.text.push_str("\n（本文为测试副本）");
                let r = lib
                    .add(seg(), &policydiff::import::prepare(vec![d]))
                    .unwrap();
                assert_eq!(r.added.len(), 1);
            }
            _ => lib.set_setup(Setup::Done).unwrap(),
        }
        holder.join().unwrap();
    }
    assert_eq!(lib.recent(5).unwrap().len(), 1);
    assert_eq!(lib.count().unwrap(), all.len());
}

/// Eight `policydiff` processes write one library at once (imports,
/// deletes, comparisons): all of them succeed, and every write is there.
#[test]
fn processes_writing_one_library_at_once_all_succeed() {
    let (dir, path) = corpus_library();
    let before = {
        let lib = SqliteStore::open(&path).unwrap();
        support::doc_ids(&lib)
    };
    // Distinct texts: corpus documents with a line added.
    let docs: Vec<_> = support::corpus_docs()
        .iter()
        .filter(|d| !d.meta.fragment)
        .take(12)
        .collect();
    let mut files = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        let f = dir.path().join(format!("copy{i}.txt"));
        std::fs::write(&f, format!("{}\n（副本{i}）\n", d.original)).unwrap();
        files.push(f);
    }
    let mut children = Vec::new();
    for chunk in files.chunks(3) {
        let mut c = cli(&path, &["import"]);
        c.args(chunk);
        children.push(("import", c.output_spawn()));
    }
    for id in &before[1..3] {
        children.push((
            "delete",
            cli(&path, &["delete", &id.to_string()]).output_spawn(),
        ));
    }
    for pair in [(before[4], before[5]), (before[6], before[7])] {
        let (l, r) = (pair.0.to_string(), pair.1.to_string());
        children.push((
            "compare",
            cli(&path, &["compare", &l, &r, "--no-summary"]).output_spawn(),
        ));
    }
    for (what, child) in children {
        let out = child.wait_with_output().unwrap();
        let (_, err) = text(&out);
        assert!(out.status.success(), "{what} failed: {err}");
        assert!(
            !err.contains("locked") && !err.contains("busy"),
            "{what}: {err}"
        );
    }
    let lib = SqliteStore::open(&path).unwrap();
    assert_eq!(lib.count().unwrap(), before.len() + files.len() - 2);
    assert_eq!(lib.recent(10).unwrap().len(), 2);
    let stats = lib.stats().unwrap();
    assert_eq!(stats.indexed, stats.clauses);
}

trait SpawnOutput {
    fn output_spawn(&mut self) -> std::process::Child;
}

impl SpawnOutput for Command {
    fn output_spawn(&mut self) -> std::process::Child {
        self.stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    }
}

// ---------------------------------------------------------------------------
// Read-only libraries.

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// A library closed cleanly: everything in the main file, no `-wal`.
fn checkpointed(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.pragma_update(None, "wal_checkpoint", "TRUNCATE")
        .unwrap();
    drop(conn);
}

/// Opened read-only on purpose: reading works, every change fails with
/// `Error::ReadOnly` and leaves the file as it was.
#[test]
fn a_read_only_library_reads_and_refuses_changes() {
    let (_dir, path) = corpus_library();
    checkpointed(&path);
    let before = bytes(&path);
    let mut lib = SqliteStore::open_read_only(&path).unwrap();
    assert!(matches!(lib.access(), Access::ReadOnly(_)));
    let all = support::doc_ids(&lib);
    assert!(all.len() > 30);
    assert_eq!(
        lib.list_page(&ListFilter::default(), 5, 10)
            .unwrap()
            .rows
            .len(),
        10
    );
    assert!(!lib.get(all[5]).unwrap().tree.clauses.is_empty());
    assert!(!lib.search(seg(), "营商环境", 10).unwrap().is_empty());
    let c = compare::compare_stored(&lib, seg(), all[4], all[5], &Default::default()).unwrap();
    assert!(!c.pairs.is_empty());

    let read_only = |e: Error| matches!(e, Error::ReadOnly(_));
    assert!(read_only(
        lib.remember_comparison(all[4], all[5]).unwrap_err()
    ));
    assert!(read_only(lib.delete(all[4]).unwrap_err()));
    let edit = policydiff_model::MetaEdit {
        title: Some("改过的标题".into()),
        ..Default::default()
    };
    assert!(read_only(lib.edit_meta(all[4], &edit).unwrap_err()));
    let docs = policydiff::import::prepare(vec![support::corpus_docs()[3].clone()]);
    assert!(read_only(lib.add(seg(), &docs).unwrap_err()));
    assert!(read_only(lib.set_setup(Setup::New).unwrap_err()));
    let msg = lib.update_note(1, None, "x").unwrap_err().to_string();
    assert!(msg.contains("read-only"), "{msg}");
    // The application layer skips the recent record with a message.
    match compare::remember(&mut lib, all[4], all[5]).unwrap() {
        Remembered::Skipped(why) => assert!(why.contains("read-only"), "{why}"),
        Remembered::Recorded => panic!("recorded in a read-only library"),
    }
    drop(lib);
    assert_eq!(bytes(&path), before);
}

/// Whether this process can write a file whose mode says read-only (root can).
fn ignores_file_modes(dir: &Path) -> bool {
    let f = dir.join("mode-test");
    std::fs::write(&f, "x").unwrap();
    set_mode(&f, 0o444);
    let writes = std::fs::OpenOptions::new().write(true).open(&f).is_ok();
    std::fs::remove_file(&f).unwrap();
    writes
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `policydiff` as a user the file modes apply to: this user, or, when the
/// tests run as root (whom `chmod` does not stop), `nobody` through
/// `setpriv`, so the read-only file and folder are really read-only.
fn cli_as_user(db: &Path, args: &[&str], as_nobody: bool) -> Output {
    let mut c = if as_nobody {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_policydiff"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_policydiff"))
    };
    c.arg("--db")
        .arg(db)
        .args(args)
        .env_remove("POLICYDIFF_LOG");
    c.output().unwrap()
}

/// A library whose file is read-only, and one whose folder is read-only too
/// (what a read-only mount looks like to SQLite: no `-shm` can be created):
/// `list`, `show`, `search`, `compare` and `export` work, the recent record
/// is skipped with one warning, `import` is refused, and the file is not
/// changed.
#[test]
fn the_cli_reads_a_library_it_cannot_write() {
    let (dir, path) = corpus_library();
    checkpointed(&path);
    let as_nobody = ignores_file_modes(dir.path());
    if as_nobody && !support::tool_available("setpriv", "--version") {
        return;
    }
    let all = {
        let lib = SqliteStore::open(&path).unwrap();
        support::doc_ids(&lib)
    };
    let (a, b) = (all[4].to_string(), all[5].to_string());
    // Exports go to a folder anyone may write.
    let out_dir = tempfile::tempdir().unwrap();
    set_mode(out_dir.path(), 0o777);
    set_mode(dir.path(), 0o755);
    let before = bytes(&path);
    for folder_read_only in [true, false] {
        set_mode(&path, 0o444);
        set_mode(dir.path(), if folder_read_only { 0o555 } else { 0o777 });
        let run = |args: &[&str]| cli_as_user(&path, args, as_nobody);
        for args in [vec!["list"], vec!["show", &a], vec!["search", "营商环境"]] {
            let out = run(&args);
            let (stdout, stderr) = text(&out);
            assert!(out.status.success(), "{args:?}: {stderr}");
            assert!(!stdout.is_empty(), "{args:?}");
            assert!(!stderr.contains("warning"), "{args:?}: {stderr}");
        }
        let out = run(&["compare", &a, &b, "--no-summary"]);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "compare: {stderr}");
        assert!(!stdout.is_empty());
        assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
        assert!(
            stderr.contains("read-only") && stderr.contains("recent"),
            "{stderr}"
        );

        let report = out_dir.path().join(format!("report-{folder_read_only}.md"));
        let out = run(&["export", &a, &b, "-o", report.to_str().unwrap()]);
        assert!(out.status.success(), "export: {}", text(&out).1);
        assert!(std::fs::read_to_string(&report).unwrap().contains('|'));

        let copy = out_dir.path().join("copy.txt");
        std::fs::write(
            &copy,
            format!("{}\n（副本）", support::corpus_docs()[3].original),
        )
        .unwrap();
        set_mode(&copy, 0o644);
        let out = run(&["import", copy.to_str().unwrap()]);
        assert!(!out.status.success());
        assert!(text(&out).1.contains("read-only"), "{}", text(&out).1);

        set_mode(dir.path(), 0o755);
        assert_eq!(bytes(&path), before, "folder read-only: {folder_read_only}");
        if folder_read_only {
            for suffix in ["-wal", "-shm"] {
                let mut p = path.as_os_str().to_owned();
                p.push(suffix);
                assert!(!PathBuf::from(p).exists(), "{suffix} created");
            }
        }
    }
    set_mode(&path, 0o644);
}

// ---------------------------------------------------------------------------
// The first run.

/// A 0-byte file (a first run that failed before SQLite wrote anything) gets
/// the corpus, and says why.
#[test]
fn an_empty_library_file_gets_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let opened = library::open(&path, seg()).unwrap();
    assert_eq!(opened.first_run_reason, Some(FirstRun::EmptyFile));
    let n = opened.first_run.as_ref().unwrap().added.len();
    assert_eq!(n, support::corpus_titled());
    assert_eq!(opened.store.count().unwrap(), n);
    drop(opened);
    // Opened again: set up, nothing more.
    let again = library::open(&path, seg()).unwrap();
    assert_eq!(again.first_run_reason, None);
    assert!(again.first_run.is_none());
}

/// A first run interrupted half-way through the corpus is finished the next
/// time, keeping what it stored; the CLI says what happened.
#[test]
fn an_interrupted_first_run_is_finished_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    {
        let mut lib = SqliteStore::open(&path).unwrap();
        assert_eq!(lib.setup().unwrap(), Setup::New);
        lib.set_setup(Setup::Started).unwrap();
        let some = policydiff::import::prepare(support::corpus_docs()[..10].to_vec());
        lib.add(seg(), &some).unwrap();
        // The process dies here.
    }
    let out = cli(&path, &["list"]).output().unwrap();
    let (stdout, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("had not finished"), "{stderr}");
    let total = support::corpus_docs().len();
    assert!(
        stderr.contains(&format!("imported {} documents", total - 10)),
        "{stderr}"
    );
    assert!(stdout.lines().count() > total, "{stdout}");
    let lib = SqliteStore::open(&path).unwrap();
    assert_eq!(lib.count().unwrap(), total);
    assert_eq!(lib.setup().unwrap(), Setup::Done);
}

/// A library set up and then emptied by its user stays empty: the first
/// run is not repeated because the library has no documents.
#[test]
fn an_emptied_library_is_not_refilled() {
    let (_dir, path) = corpus_library();
    {
        let mut lib = SqliteStore::open(&path).unwrap();
        for id in support::doc_ids(&lib) {
            lib.delete(id).unwrap();
        }
    }
    let opened = library::open(&path, seg()).unwrap();
    assert!(opened.first_run.is_none());
    assert_eq!(opened.store.count().unwrap(), 0);
}

/// A read-only library whose first run never happened is opened and says so;
/// nothing is imported.
#[test]
fn a_read_only_library_skips_the_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    SqliteStore::open(&path).unwrap();
    checkpointed(&path);
    let store = SqliteStore::open_read_only(&path).unwrap();
    assert_eq!(
        library::first_run_due(&store, false).unwrap(),
        Some(FirstRun::New)
    );
    assert_eq!(store.count().unwrap(), 0);
}
