//! The library location commands, headless (a mock Tauri app, invoked the
//! way the UI invokes them): choosing the local file or a team library on a
//! real PostgreSQL server, testing a connection, falling back to the local
//! library when the server cannot be reached, the settings file (never a
//! password), and the revision the UI polls to see another user's import.
//!
//! The server is `$POLICYDIFF_TEST_PG` (scripts/test.sh starts a throwaway
//! one with scripts/pg-server.sh); else this program starts its own
//! (stopped by a watchdog when it exits). When none can be started the
//! server tests are skipped with a note, except under CI (`$CI` set), where
//! they fail.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use policydiff::library::{self, Location};
use policydiff::stages::store::Setup;
use policydiff::Segmenter;
use policydiff_app::settings::{SavedLibrary, Settings, FILE_NAME};
use policydiff_app::state::AppState;
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{WebviewWindow, WebviewWindowBuilder};

struct TestApp {
    dir: tempfile::TempDir,
    /// How long [`AppState::start`] took (opening the saved library).
    started_in: std::time::Duration,
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl TestApp {
    /// A mock app started as the real one starts ([`AppState::start`]), with
    /// a local library holding the bundled corpus and a settings file in
    /// the temp folder (written first when `settings` is given).
    fn start(settings: Option<&Settings>) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let local = dir.path().join("library.sqlite3");
        let opened = library::open(&local, Segmenter::shared()).unwrap();
        assert!(opened.first_run.is_some_and(|r| !r.added.is_empty()));
        let settings_file = dir.path().join("config").join(FILE_NAME);
        if let Some(s) = settings {
            s.save(&settings_file).unwrap();
        }
        let t0 = std::time::Instant::now();
        let state = AppState::start(settings_file, local, None).unwrap();
        let started_in = t0.elapsed();
        let app = policydiff_app::with_commands(mock_builder())
            .manage(state)
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        TestApp {
            dir,
            started_in,
            _app: app,
            window,
        }
    }

    fn settings_file(&self) -> PathBuf {
        self.dir.path().join("config").join(FILE_NAME)
    }

    fn local(&self) -> PathBuf {
        self.dir.path().join("library.sqlite3")
    }

    /// Invoke a command with JSON arguments: `Ok(result)` or `Err(AppError as JSON)`.
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: if cfg!(windows) {
                "http://tauri.localhost"
            } else {
                "tauri://localhost"
            }
            .parse()
            .unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|b| b.deserialize::<Value>().unwrap())
    }

    fn documents(&self) -> u64 {
        self.invoke("library_status", json!({})).unwrap()["documents"]
            .as_u64()
            .unwrap()
    }

    fn titles(&self) -> Vec<String> {
        let filter = json!({ "region": null, "level": null, "year": null, "sort": "id" });
        let rows = self
            .invoke(
                "list_documents_page",
                json!({ "filter": filter, "offset": 0, "limit": 10_000 }),
            )
            .unwrap();
        rows["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["title"].as_str().unwrap().to_string())
            .collect()
    }

    fn revision(&self) -> u64 {
        self.invoke("library_revision", json!({}))
            .unwrap()
            .as_u64()
            .unwrap()
    }
}

const GD_TITLE: &str = "广东省进一步强化市场主体诉求响应服务工作方案";
const FS_TITLE: &str = "佛山市进一步强化市场主体诉求响应服务工作方案";
const GD_PATH: &str = "二/（二）/4";
const FS_PATH: &str = "二/（二）/1";

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A 127.0.0.1 port nothing listens on.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

/// A document of the corpus's kind, not in the bundled corpus, as a file.
fn new_document(dir: &Path) -> PathBuf {
    let path = dir.join("测试市优化营商环境若干措施.txt");
    std::fs::write(
        &path,
        "测试市优化营商环境若干措施\n\n\
         一、压缩企业开办时间。企业开办全流程压缩至1个工作日内完成。\n\
         二、推行告知承诺制。对申请材料齐全的事项，当场办结。\n\
         三、建立诉求快速响应机制。企业诉求在3个工作日内答复。\n",
    )
    .unwrap();
    path
}

#[test]
fn a_saved_server_that_cannot_be_reached_opens_the_local_library_and_says_why() {
    let url = format!("postgres://zhang@127.0.0.1:{}/policy", closed_port());
    let t = TestApp::start(Some(&Settings {
        library: SavedLibrary::Server { url: url.clone() },
        author: None,
    }));
    let loc = t.invoke("library_location", json!({})).unwrap();
    assert_eq!(loc["kind"], "file", "{loc}");
    assert_eq!(loc["location"], t.local().display().to_string());
    assert_eq!(loc["server_url"], url.as_str());
    assert_eq!(loc["fallback"]["code"], "unreachable", "{loc}");
    let why = loc["fallback"]["message"].as_str().unwrap();
    assert!(why.contains(&url) && why.contains("refused"), "{why}");
    // The local library (the bundled corpus) is the one in use.
    assert!(t.documents() >= 30);
    // The setting is kept: the server is tried again at the next start.
    assert_eq!(
        Settings::load(&t.settings_file()).unwrap().library,
        SavedLibrary::Server { url }
    );
}

/// A 127.0.0.1 port that accepts connections and never answers (a server
/// that hangs, a proxy whose backend is gone), open while the listener lives.
fn silent_server() -> (std::net::TcpListener, u16) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    (l, port)
}

/// A saved server that accepts the connection but never answers holds the
/// start-up no longer than the connect timeout (3 s; the driver's own
/// timeout covers only reaching the server, so this once waited for ever),
/// then the local library opens and the app says why.
#[test]
fn a_saved_server_that_never_answers_delays_the_start_at_most_the_connect_timeout() {
    let (_listener, port) = silent_server();
    let url = format!("postgres://zhang@127.0.0.1:{port}/policy");
    let t = TestApp::start(Some(&Settings {
        library: SavedLibrary::Server { url: url.clone() },
        author: None,
    }));
    let waited = t.started_in;
    assert!(
        waited >= library::CONNECT_TIMEOUT
            && waited < library::CONNECT_TIMEOUT + std::time::Duration::from_secs(3),
        "{waited:?}"
    );
    let loc = t.invoke("library_location", json!({})).unwrap();
    assert_eq!(loc["kind"], "file", "{loc}");
    assert_eq!(loc["fallback"]["code"], "unreachable", "{loc}");
    let why = loc["fallback"]["message"].as_str().unwrap();
    assert!(why.contains(&url) && why.contains("no answer"), "{why}");
    assert!(t.documents() >= 30);
    // Testing the connection gives up as soon.
    let t0 = std::time::Instant::now();
    let err = t
        .invoke(
            "test_library_connection",
            json!({ "url": url, "password": null }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "unreachable", "{err}");
    let waited = t0.elapsed();
    assert!(
        waited >= library::CONNECT_TIMEOUT
            && waited < library::CONNECT_TIMEOUT + std::time::Duration::from_secs(2),
        "{waited:?}"
    );
}

#[test]
fn switching_to_an_unreachable_server_keeps_the_local_library() {
    let t = TestApp::start(None);
    let before = t.documents();
    let url = format!("postgres://zhang:s3cret@127.0.0.1:{}/policy", closed_port());
    let err = t
        .invoke(
            "test_library_connection",
            json!({ "url": url, "password": null }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "unreachable", "{err}");
    let err = t
        .invoke(
            "set_library_location",
            json!({ "choice": { "kind": "server", "url": url, "password": null } }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "unreachable", "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(!message.contains("s3cret"), "{message}");
    assert!(
        message.contains("zhang@127.0.0.1") && message.contains("password=***"),
        "{message}"
    );
    let loc = t.invoke("library_location", json!({})).unwrap();
    assert_eq!(loc["kind"], "file");
    assert_eq!(loc["fallback"], Value::Null);
    assert_eq!(t.documents(), before);
    // Nothing was saved.
    assert!(!t.settings_file().exists());
    // Not a server URL at all.
    let err = t
        .invoke(
            "test_library_connection",
            json!({ "url": "/home/z/library.sqlite3", "password": null }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input", "{err}");
}

#[test]
fn the_author_name_is_saved_and_applied_to_new_notes() {
    let t = TestApp::start(None);
    let loc = t
        .invoke("set_author_name", json!({ "author": "  李四 " }))
        .unwrap();
    assert_eq!(loc["author"], "李四");
    assert_eq!(
        Settings::load(&t.settings_file())
            .unwrap()
            .author
            .as_deref(),
        Some("李四")
    );
    // A manual pairing records who made it.
    let id_of = |title: &str| -> i64 {
        let filter = json!({ "region": null, "level": null, "year": null, "sort": "id" });
        let rows = t
            .invoke(
                "list_documents_page",
                json!({ "filter": filter, "offset": 0, "limit": 10_000 }),
            )
            .unwrap();
        let ids: Vec<i64> = rows["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| squash(r["title"].as_str().unwrap()).contains(title))
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), 1, "{title}: {ids:?}");
        ids[0]
    };
    let (gd, fs) = (id_of(GD_TITLE), id_of(FS_TITLE));
    let request = json!({ "left": gd, "right": fs, "left_path": GD_PATH, "right_path": FS_PATH });
    t.invoke("force_pair", json!({ "request": request }))
        .unwrap();
    let store = policydiff::SqliteStore::open(&t.local()).unwrap();
    let pairings = policydiff::Store::pairings(&store, gd, fs).unwrap();
    assert_eq!(pairings.len(), 1);
    assert_eq!(pairings[0].author.as_deref(), Some("李四"));
    // Blank: back to the default.
    let loc = t
        .invoke("set_author_name", json!({ "author": " " }))
        .unwrap();
    assert_eq!(loc["author"], loc["default_author"]);
    assert_eq!(Settings::load(&t.settings_file()).unwrap().author, None);
}

#[test]
fn a_second_program_importing_into_the_same_file_changes_the_revision() {
    let t = TestApp::start(None);
    let before = t.revision();
    assert_eq!(t.revision(), before, "reading does not change the revision");
    let mut other = policydiff::SqliteStore::open(&t.local()).unwrap();
    let report = policydiff::import::import_path(
        &mut other,
        Segmenter::shared(),
        &new_document(t.dir.path()),
    )
    .unwrap();
    assert_eq!(report.added.len(), 1);
    assert_ne!(t.revision(), before);
    assert!(t.titles().iter().any(|t| t.contains("测试市优化营商环境")));
}

// ---- on a real PostgreSQL server ----

#[test]
fn a_team_server_is_tested_chosen_saved_without_password_and_polled() {
    let Some(base) = server_url() else { return };
    let url = new_schema(base);
    let (bare, password) = library::without_password(&url);
    let password = password.expect("the test server's URL holds its password");
    // The new team library is marked set up, so choosing it does not import
    // the bundled corpus (that is the first run's test, below).
    {
        let mut store = library::open_store_at(&Location::Server(url.clone())).unwrap();
        store.set_setup(Setup::Done).unwrap();
    }
    let t = TestApp::start(None);

    // Connection test: the password typed separately, the URL without it.
    let ok = t
        .invoke(
            "test_library_connection",
            json!({ "url": bare, "password": password }),
        )
        .unwrap();
    assert_eq!(ok["documents"], 0, "{ok}");
    let version = ok["server_version"].as_str().unwrap();
    assert!(version.chars().next().unwrap().is_ascii_digit(), "{ok}");
    assert!(!ok.to_string().contains(&password), "{ok}");

    // A wrong password is refused as such.
    let err = t
        .invoke(
            "test_library_connection",
            json!({ "url": bare, "password": "not-the-password" }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "auth_failed", "{err}");
    assert!(!err.to_string().contains("not-the-password"), "{err}");

    // Choose it with the password in the URL: in use, saved without it.
    let loc = t
        .invoke(
            "set_library_location",
            json!({ "choice": { "kind": "server", "url": url, "password": null } }),
        )
        .unwrap();
    assert_eq!(loc["kind"], "server", "{loc}");
    assert!(!loc.to_string().contains(&password), "{loc}");
    let saved = std::fs::read_to_string(t.settings_file()).unwrap();
    assert!(!saved.contains(&password), "{saved}");
    assert_eq!(
        Settings::load(&t.settings_file()).unwrap().library,
        SavedLibrary::Server { url: bare.clone() }
    );
    assert_eq!(t.documents(), 0);
    let status = t.invoke("library_status", json!({})).unwrap();
    assert!(!status.to_string().contains(&password), "{status}");

    // A colleague imports a document: the revision changes, the list shows it.
    let before = t.revision();
    let mut colleague = library::open_store_at(&Location::Server(url.clone())).unwrap();
    let report = policydiff::import::import_path(
        colleague.as_mut(),
        Segmenter::shared(),
        &new_document(t.dir.path()),
    )
    .unwrap();
    assert_eq!(report.added.len(), 1);
    assert_ne!(t.revision(), before);
    assert_eq!(t.titles().len(), 1);
    assert!(t.titles()[0].contains("测试市优化营商环境"));

    // Back to the local file: the corpus again, and the server stays offered.
    let loc = t
        .invoke(
            "set_library_location",
            json!({ "choice": { "kind": "file", "url": null, "password": null } }),
        )
        .unwrap();
    assert_eq!(loc["kind"], "file");
    assert_eq!(loc["server_url"], Value::Null);
    assert!(t.documents() >= 30);
    assert_eq!(
        Settings::load(&t.settings_file()).unwrap().library,
        SavedLibrary::File
    );
}

#[test]
fn a_new_team_library_gets_the_bundled_documents_when_chosen() {
    let Some(base) = server_url() else { return };
    let url = new_schema(base);
    let t = TestApp::start(None);
    let local = t.documents();
    let loc = t
        .invoke(
            "set_library_location",
            json!({ "choice": { "kind": "server", "url": url, "password": null } }),
        )
        .unwrap();
    assert_eq!(loc["kind"], "server");
    assert_eq!(t.documents(), local);
    let status = t.invoke("library_status", json!({})).unwrap();
    assert_eq!(status["ready"], true);
}

#[test]
fn a_database_holding_something_else_is_not_a_library() {
    let Some(base) = server_url() else { return };
    let url = new_schema(base);
    // Another program's `documents` table, where the library's would go.
    let mut c = client(&url);
    c.batch_execute("CREATE TABLE documents (name text)")
        .unwrap();
    let t = TestApp::start(None);
    let err = t
        .invoke(
            "test_library_connection",
            json!({ "url": url, "password": null }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "not_a_library", "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("not a PolicyDiff library"),
        "{err}"
    );
}

// ---- the test server: tests/support/pg_server.rs of the core ----

#[path = "../../tests/support/pg_server.rs"]
mod pg_server;
use pg_server::{client, server_url};

/// A new schema on the test server, and the URL of a library in it.
fn new_schema(base: &str) -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let schema = format!(
        "app{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    client(base)
        .batch_execute(&format!("CREATE SCHEMA {schema}"))
        .unwrap();
    format!("{base}?options=-csearch_path%3D{schema}")
}
