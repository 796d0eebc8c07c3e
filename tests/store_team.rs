//! A library shared by a team: several processes writing one library at
//! once, a server that goes away, changes seen by the others, and the CLI
//! giving the same JSON on a team server as on a file. On both backends
//! where both apply (SQLite, PostgreSQL: see `support::pg`).

use std::process::Command;
use std::time::{Duration, Instant};

use policydiff::library::{self, Location};
use policydiff_model::ListFilter;
use policydiff_segment::Segmenter;
use policydiff_store::{Error, Store};
use policydiff_store_pg::PgStore;
use support::pg::{Backend, OwnServer, Place};

mod support;

const GD: &str = "粤办函〔2023〕41号";
const FS: &str = "佛府办函〔2023〕75号";
/// 完善诉求响应协调机制: Guangdong's item 4 is Foshan's item 1 of the same section.
const GD_COORD: &str = "二/（二）/4";
const FS_COORD: &str = "二/（二）/1";

fn seg() -> &'static Segmenter {
    Segmenter::shared()
}

fn id_of(lib: &dyn Store, doc_number: &str) -> i64 {
    let rows = lib.list(&ListFilter::default()).unwrap();
    let found: Vec<i64> = rows
        .iter()
        .filter(|r| r.meta.doc_number.as_deref() == Some(doc_number))
        .map(|r| r.id)
        .collect();
    assert_eq!(found.len(), 1, "{doc_number}: {found:?}");
    found[0]
}

/// A library holding the bundled corpus (its first run), closed again.
fn corpus_place(backend: Backend) -> Place {
    let place = backend.place().unwrap();
    let opened = library::open_at(&Location::parse(&place.location), seg()).unwrap();
    assert!(opened.first_run.is_some());
    place
}

/// The CLI on library `db`, as `author`; its output, or its error.
fn cli(db: &str, author: &str, args: &[&str]) -> Result<String, String> {
    let out = Command::new(env!("CARGO_BIN_EXE_policydiff"))
        .args(args)
        .env("POLICYDIFF_DB", db)
        .env("POLICYDIFF_AUTHOR", author)
        .env_remove("POLICYDIFF_LOG")
        .output()
        .expect("run policydiff");
    if out.status.success() {
        Ok(String::from_utf8(out.stdout).unwrap())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

fn external(name: &str) -> String {
    support::fixtures_dir()
        .join("external")
        .join(name)
        .display()
        .to_string()
}

both_backends! {
/// Two people annotate the same comparison and import documents at the
/// same moment, from two processes: every note and document of both is
/// kept, each note under its author.
fn two_writers_at_once_both_keep_their_notes_and_imports(backend) {
    let place = corpus_place(backend);
    let (gd, fs) = {
        let lib = place.open().unwrap();
        (id_of(lib.as_ref(), GD), id_of(lib.as_ref(), FS))
    };
    const NOTES: usize = 6;
    let writers: Vec<_> = [
        ("zhang.wei", "sh-filing-review-2021.md"),
        ("li.na", "sh-filing-review-2024.md"),
    ]
    .into_iter()
    .map(|(author, file)| {
        let db = place.location.clone();
        let (gd, fs) = (gd.to_string(), fs.to_string());
        std::thread::spawn(move || {
            for i in 0..NOTES {
                let text = format!("{author} 的第{i}条批注");
                let args = ["note", "add", &gd, &fs, "--left", GD_COORD, "--right", FS_COORD, &text];
                cli(&db, author, &args).unwrap();
                if i == NOTES / 2 {
                    cli(&db, author, &["import", &external(file)]).unwrap();
                }
            }
        })
    })
    .collect();
    for w in writers {
        w.join().unwrap();
    }
    let lib = place.open().unwrap();
    let notes = lib.notes_for(gd, fs).unwrap();
    assert_eq!(notes.len(), 2 * NOTES);
    for author in ["zhang.wei", "li.na"] {
        let mine: Vec<&str> = notes
            .iter()
            .filter(|n| n.author.as_deref() == Some(author))
            .map(|n| n.text.as_str())
            .collect();
        let want: Vec<String> = (0..NOTES).map(|i| format!("{author} 的第{i}条批注")).collect();
        assert_eq!(mine, want, "{author}'s notes, in the order written");
    }
    let mut ids: Vec<i64> = notes.iter().map(|n| n.id).collect();
    ids.dedup();
    assert_eq!(ids.len(), 2 * NOTES, "distinct note ids");
    // Both versions of the Shanghai filing-review regulation went in.
    let filing = lib
        .list(&ListFilter::default())
        .unwrap()
        .into_iter()
        .filter(|r| r.meta.title.contains("规范性文件备案审查条例"))
        .count();
    assert_eq!(filing, 2);
    let stats = lib.stats().unwrap();
    assert_eq!(stats.clauses, stats.indexed);
}
}

both_backends! {
/// A change made by another user's program moves the library's revision,
/// which a program showing the library polls to refresh its list.
fn another_writers_change_moves_the_revision(backend) {
    let place = backend.place().unwrap();
    let mut mine = place.open().unwrap();
    let theirs = place.open().unwrap();
    let before = theirs.revision().unwrap();
    assert_eq!(theirs.revision().unwrap(), before, "reading changes nothing");
    let docs = policydiff::import::prepare(support::corpus_docs()[1..3].to_vec());
    mine.add(seg(), &docs).unwrap();
    let after = theirs.revision().unwrap();
    assert_ne!(after, before);
    assert_eq!(theirs.count().unwrap(), 2, "the other program sees the import");
    // A failed write counts nothing.
    assert!(mine.delete(9999).is_err());
    assert_eq!(theirs.revision().unwrap(), after);
}
}

/// The CLI's JSON for the same documents is the same on a team server as
/// in a library file: import, list, show, search, compare, related,
/// similar, pair, notes (their times aside).
#[test]
fn cli_json_on_a_team_server_equals_the_file_library() {
    let Some(server) = Backend::Postgres.place() else {
        return;
    };
    let file = Backend::Sqlite.place().unwrap();
    let run = |place: &Place, args: &[&str]| -> serde_json::Value {
        let out = cli(&place.location, "zhang.wei", args).unwrap();
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}\n{out}"))
    };
    let both = |args: &[&str]| -> serde_json::Value {
        let (a, b) = (run(&file, args), run(&server, args));
        assert_eq!(a, b, "policydiff {args:?}");
        a
    };
    let imported = both(&[
        "import",
        "--json",
        &external("sh-school-injury-2011.md"),
        &external("sh-school-injury-2024.md"),
    ]);
    assert!(imported.to_string().contains("added"), "{imported}");
    let list = both(&["list", "--json"]);
    let rows = list.as_array().unwrap();
    assert!(rows.len() > 38, "{} documents", rows.len());
    let id = |number: &str| -> String {
        rows.iter()
            .find(|r| r["doc_number"] == number)
            .unwrap_or_else(|| panic!("{number}"))["id"]
            .to_string()
    };
    let (gd, fs) = (id(GD), id(FS));
    both(&["list", "--json", "--sort", "title"]);
    both(&["list", "--json", "--region", "广东", "--sort", "date-desc"]);
    both(&["show", &gd, "--json"]);
    for q in ["诉求响应", "学生伤害", "环境", "的", "市场 主体"] {
        both(&["search", q, "--json", "--limit", "40"]);
    }
    let pair = [
        "pair",
        gd.as_str(),
        fs.as_str(),
        "--left",
        GD_COORD,
        "--right",
        FS_COORD,
    ];
    let said = [&file, &server].map(|p| cli(&p.location, "zhang.wei", &pair).unwrap());
    assert_eq!(said[0], said[1]);
    both(&["compare", &gd, &fs, "-f", "json"]);
    // Related documents (citations both ways, shared clauses, topic) and
    // similar clauses (index candidates re-ranked by the engine).
    // (Hainan's patent rules: related to none of the corpus.)
    for doc in [&gd, &id("琼知规〔2023〕1号")] {
        both(&["related", doc, "--json"]);
    }
    let related = both(&["related", &fs, "--json"]);
    assert_eq!(related[0]["id"].to_string(), gd);
    assert_eq!(related[0]["relation"], "cites");
    for (doc, path) in [(&gd, GD_COORD), (&fs, FS_COORD)] {
        let similar = both(&["similar", doc, path, "--json", "--limit", "20"]);
        assert!(!similar.as_array().unwrap().is_empty(), "similar {path}");
    }
    let similar = both(&["similar", &gd, GD_COORD, "--json", "--limit", "3"]);
    assert_eq!(similar[0]["doc_id"].to_string(), fs);
    assert_eq!(similar[0]["path"], FS_COORD);
    for place in [&file, &server] {
        cli(
            &place.location,
            "zhang.wei",
            &[
                "note",
                "add",
                &gd,
                &fs,
                "--left",
                GD_COORD,
                "--tag",
                "需关注",
                "核对",
            ],
        )
        .unwrap();
    }
    let notes = |place: &Place| -> serde_json::Value {
        let mut v = run(place, &["note", "list", &gd, &fs, "--json"]);
        for n in v.as_array_mut().unwrap() {
            let n = n.as_object_mut().unwrap();
            for t in ["created_at", "updated_at"] {
                let when = n.remove(t).unwrap();
                assert!(when.as_str().unwrap().ends_with('Z'), "{when}");
            }
        }
        v
    };
    let (a, b) = (notes(&file), notes(&server));
    assert_eq!(a, b);
    assert_eq!(a[0]["author"], "zhang.wei");
    // The briefing note, with the manual pairing and the note, is the same
    // file from either library.
    let out = tempfile::tempdir().unwrap();
    let [from_file, from_server] = [&file, &server].map(|place| {
        let md = out.path().join(format!("{:?}.md", place.backend));
        let md_s = md.to_str().unwrap();
        cli(
            &place.location,
            "zhang.wei",
            &["export", &gd, &fs, "-o", md_s],
        )
        .unwrap();
        std::fs::read_to_string(&md).unwrap()
    });
    assert!(
        from_file.contains("核对"),
        "the note is in the briefing note"
    );
    assert_eq!(from_file, from_server, "the Markdown briefing notes differ");
}

/// The server stops in the middle of an import: the import fails with a
/// clear error naming the server (never its password), nothing of it is
/// stored, and once the server is back the same handle works again.
#[test]
fn a_server_that_goes_away_mid_import_leaves_nothing_half_written() {
    let Some(server) = OwnServer::start() else {
        return;
    };
    let mut lib = PgStore::open(&server.url).unwrap();
    let docs = policydiff::import::prepare(support::corpus_docs()[1..6].to_vec());
    lib.add(seg(), &docs[..2]).unwrap();
    let before = (
        lib.stats().unwrap(),
        lib.list(&ListFilter::default()).unwrap(),
    );
    // The fourth document's clauses wait inside the import's transaction
    // (a test-only trigger), after the third document's rows are written.
    let victim = docs[3].0.meta.title.replace('\'', "''");
    let mut raw = support::pg::client(&server.url);
    raw.batch_execute(&format!(
        "CREATE FUNCTION slow_test() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN
           IF (SELECT title FROM documents WHERE id = NEW.doc_id) = '{victim}'
           THEN PERFORM pg_sleep(60); END IF;
           RETURN NEW;
         END $$;
         CREATE TRIGGER slow_test BEFORE INSERT ON clauses
         FOR EACH ROW EXECUTE FUNCTION slow_test();"
    ))
    .unwrap();
    drop(raw);
    let import = std::thread::spawn({
        let docs = docs[2..].to_vec();
        move || {
            let err = lib.add(seg(), &docs).unwrap_err();
            (lib, err)
        }
    });
    // Wait until the import sleeps in the trigger, then stop the server.
    let mut watch = support::pg::client(&server.url);
    let started = std::time::Instant::now();
    loop {
        let n: i64 = watch
            .query_one(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'INSERT INTO clauses%'
                 AND wait_event = 'PgSleep'",
                &[],
            )
            .unwrap()
            .get(0);
        if n > 0 {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 60,
            "the import never reached the trigger"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    drop(watch);
    server.script("pause");
    let (mut lib, err) = import.join().unwrap();
    assert!(matches!(err, Error::Unreachable { .. }), "{err}");
    let password = server
        .url
        .split(':')
        .nth(2)
        .unwrap()
        .split('@')
        .next()
        .unwrap();
    let msg = err.to_string();
    assert!(
        msg.contains("127.0.0.1") && !msg.contains(password),
        "{msg}"
    );
    // While it is down: a clear error, not a hang or a panic.
    let down = lib.count().unwrap_err();
    assert!(matches!(down, Error::Unreachable { .. }), "{down}");

    server.script("resume");
    let after = (
        lib.stats().unwrap(),
        lib.list(&ListFilter::default()).unwrap(),
    );
    assert_eq!(after, before, "nothing of the failed import is stored");
    support::pg::client(&server.url)
        .batch_execute("DROP TRIGGER slow_test ON clauses")
        .unwrap();
    let report = lib.add(seg(), &docs[2..]).unwrap();
    assert_eq!(
        report.added.len(),
        3,
        "none of them was half-stored as a duplicate"
    );
}

/// A server that accepts the connection and never answers (hung, or a
/// proxy whose backend is gone) fails a command after the connect timeout
/// (3 s, the whole connection: the driver's own covers only reaching the
/// server), naming the server; a `connect_timeout=` in the URL says otherwise.
#[test]
fn a_server_that_never_answers_fails_after_the_connect_timeout() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let url = format!("postgres://zhang@127.0.0.1:{port}/policy");
    let t0 = Instant::now();
    let err = PgStore::open(&url).unwrap_err();
    let waited = t0.elapsed();
    assert!(matches!(err, Error::Unreachable { .. }), "{err}");
    assert!(
        err.to_string().contains(&format!("127.0.0.1:{port}")),
        "{err}"
    );
    assert!(err.to_string().contains("no answer within 3 s"), "{err}");
    let limit = policydiff_store_pg::CONNECT_TIMEOUT;
    assert!(
        waited >= limit && waited < limit + Duration::from_secs(2),
        "{waited:?}"
    );
    let t0 = Instant::now();
    let err = cli(&format!("{url}?connect_timeout=1"), "zhang", &["list"]).unwrap_err();
    assert!(err.contains("no answer within 1 s"), "{err}");
    assert!(t0.elapsed() < Duration::from_secs(3), "{:?}", t0.elapsed());
}

#[test]
fn a_url_of_another_kind_is_refused_not_made_into_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    for given in [
        "mysql://u:secret@h/db",
        "file:/tmp/x.sqlite",
        "sqlite://lib.db",
    ] {
        // Opened as a path, each would create a folder named after the URL.
        let relative = Location::parse(given);
        let err = library::open_at(&relative, seg()).unwrap_err().to_string();
        assert!(err.contains("not a library PolicyDiff can open"), "{err}");
        assert!(!err.contains("secret"), "{err}");
        assert!(!relative.to_string().contains("secret"));
    }
    // An ordinary file name with a colon is still a path.
    let odd = dir.path().join("notes:v2.sqlite");
    library::open_at(&Location::parse(&odd.display().to_string()), seg()).unwrap();
    assert!(odd.is_file());
    assert!(!std::path::Path::new("mysql:").exists());
    assert!(!std::path::Path::new("file:").exists());
}
