//! Headless tests of the IPC commands: a mock Tauri app (no window, no
//! display) over a temp library with the bundled corpus imported, invoked the
//! way the UI invokes them (JSON in, JSON or `{code, message}` out).

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use policydiff::Segmenter;
use policydiff_app::state::AppState;
use serde_json::{json, Value};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::{Listener, WebviewWindow, WebviewWindowBuilder};

const GD_TITLE: &str = "广东省进一步强化市场主体诉求响应服务工作方案";
const FS_TITLE: &str = "佛山市进一步强化市场主体诉求响应服务工作方案";

struct TestApp {
    _dir: tempfile::TempDir,
    app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl TestApp {
    /// A mock app over a fresh temp library holding the bundled corpus.
    fn with_corpus() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(&dir.path().join("library.sqlite3")).unwrap();
        let added = policydiff_app::corpus::import(&state, Segmenter::shared(), |_, _| {}).unwrap();
        assert!(added > 0, "the corpus import added documents");
        let app = policydiff_app::with_commands(mock_builder())
            .manage(state)
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        TestApp {
            _dir: dir,
            app,
            window,
        }
    }

    /// Invoke a command with JSON arguments: `Ok(result)` or `Err(AppError as JSON)`.
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = tauri::webview::InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            // The app's own (local) origin; any other origin is remote and refused.
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

    fn list(&self) -> Vec<Value> {
        let filter = json!({ "region": null, "level": null, "year": null, "sort": "id" });
        let rows = self
            .invoke("list_documents", json!({ "filter": filter }))
            .unwrap();
        rows.as_array().unwrap().clone()
    }

    /// Id of the document whose title contains `title` (spaces ignored: the corpus has spurious ones).
    fn id_of(&self, title: &str) -> i64 {
        let rows = self.list();
        let ids: Vec<i64> = rows
            .iter()
            .filter(|r| squash(r["title"].as_str().unwrap()).contains(title))
            .map(|r| r["id"].as_i64().unwrap())
            .collect();
        assert_eq!(ids.len(), 1, "exactly one document titled {title}: {ids:?}");
        ids[0]
    }
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn list_documents_returns_the_corpus() {
    let t = TestApp::with_corpus();
    let rows = t.list();
    let status = t.invoke("library_status", json!({})).unwrap();
    assert_eq!(status["documents"].as_u64().unwrap() as usize, rows.len());
    assert_eq!(status["ready"], json!(true));
    // The bundled corpus is a compilation of about 37 documents.
    assert!(rows.len() >= 30, "corpus documents listed: {}", rows.len());
    for r in &rows {
        assert!(r["id"].is_i64(), "id is a number: {r}");
        assert!(
            !r["title"].as_str().unwrap().trim().is_empty(),
            "title: {r}"
        );
        assert!(r["clause_count"].as_u64().unwrap() > 0, "clauses: {r}");
    }
    t.id_of(GD_TITLE);
    t.id_of(FS_TITLE);
}

#[test]
fn search_finds_both_complaint_response_plans() {
    let t = TestApp::with_corpus();
    let (gd, fs) = (t.id_of(GD_TITLE), t.id_of(FS_TITLE));
    let hits = t
        .invoke("search", json!({ "query": "诉求响应", "limit": 200 }))
        .unwrap();
    let hits = hits.as_array().unwrap();
    let ids: Vec<i64> = hits.iter().map(|h| h["doc_id"].as_i64().unwrap()).collect();
    assert!(ids.contains(&gd), "Guangdong plan {gd} in {ids:?}");
    assert!(ids.contains(&fs), "Foshan plan {fs} in {ids:?}");
    for h in hits {
        let text = squash(h["text"].as_str().unwrap());
        assert!(
            text.contains("诉求") && text.contains("响应"),
            "hit text: {text}"
        );
    }
}

#[test]
fn get_document_of_a_missing_id_is_not_found() {
    let t = TestApp::with_corpus();
    let err = t
        .invoke("get_document", json!({ "id": 999_999 }))
        .unwrap_err();
    assert_eq!(err["code"], json!("not_found"), "{err}");
    assert!(err["message"].as_str().unwrap().contains("999999"), "{err}");
    // An existing id works.
    let gd = t.id_of(GD_TITLE);
    let doc = t.invoke("get_document", json!({ "id": gd })).unwrap();
    assert_eq!(doc["id"], json!(gd));
    assert!(!doc["tree"]["clauses"].as_array().unwrap().is_empty());
}

#[test]
fn import_files_reports_each_file_and_keeps_the_good_one() {
    let t = TestApp::with_corpus();
    let changed = Arc::new(AtomicUsize::new(0));
    let seen = changed.clone();
    t.app.listen_any("library-changed", move |_| {
        seen.fetch_add(1, Ordering::SeqCst);
    });
    let before = t.list().len();
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("测试市营商环境措施.txt");
    std::fs::write(
        &good,
        "测试市进一步优化营商环境若干措施\n\n一、总体要求\n\n到2025年，市场主体满意度明显提升。\n\n二、重点任务\n\n（一）企业开办时间压缩至1个工作日内。\n",
    )
    .unwrap();
    let bad = dir.path().join("scan.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.extend((0..=255u8).cycle().take(4096));
    std::fs::write(&bad, bytes).unwrap();

    let paths = [good.display().to_string(), bad.display().to_string()];
    let out = t.invoke("import_files", json!({ "paths": paths })).unwrap();
    let out = out.as_array().unwrap();
    assert_eq!(out.len(), 2, "{out:?}");
    assert_eq!(out[0]["path"], json!(paths[0]));
    assert_eq!(out[0]["error"], Value::Null, "{}", out[0]);
    let added = out[0]["added"].as_array().unwrap();
    assert_eq!(added.len(), 1, "{}", out[0]);
    assert_eq!(out[1]["added"], json!([]));
    let err = &out[1]["error"];
    assert_eq!(err["code"], json!("unsupported_file"), "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("scan.png"),
        "{err}"
    );

    assert_eq!(t.list().len(), before + 1);
    let doc = t.invoke("get_document", json!({ "id": added[0] })).unwrap();
    assert!(doc["text"].as_str().unwrap().contains("1个工作日"));
    assert_eq!(
        changed.load(Ordering::SeqCst),
        1,
        "one library-changed event"
    );
}

#[test]
fn compare_documents_returns_pairs_and_is_remembered() {
    let t = TestApp::with_corpus();
    let (gd, fs) = (t.id_of(GD_TITLE), t.id_of(FS_TITLE));
    let request = json!({
        "left": gd, "right": fs, "granularity": "word",
        "ignoreWhitespace": false, "ignorePunctWidth": false,
    });
    let cmp = t
        .invoke("compare_documents", json!({ "request": request }))
        .unwrap();
    assert_eq!(cmp["left"]["id"], json!(gd));
    assert_eq!(cmp["right"]["id"], json!(fs));
    let pairs = cmp["pairs"].as_array().unwrap();
    assert!(pairs.len() > 10, "pairs: {}", pairs.len());
    // Every pair has at least one side; two-sided pairs carry a word diff.
    for p in pairs {
        assert!(!p["left"].is_null() || !p["right"].is_null(), "{p}");
        if !p["left"].is_null() && !p["right"].is_null() {
            assert!(!p["ops"].as_array().unwrap().is_empty(), "{p}");
        }
    }
    let s = &cmp["summary"];
    let counted: u64 = [
        "same",
        "modified",
        "moved",
        "split",
        "merged",
        "left_only",
        "right_only",
    ]
    .iter()
    .map(|k| s[k].as_u64().unwrap())
    .sum();
    assert_eq!(counted as usize, pairs.len());

    let recent = t
        .invoke("recent_comparisons", json!({ "limit": 5 }))
        .unwrap();
    assert_eq!(recent[0]["left"], json!(gd), "{recent}");
    assert_eq!(recent[0]["right"], json!(fs), "{recent}");

    let missing = json!({
        "left": gd, "right": 999_999, "granularity": "char",
        "ignoreWhitespace": true, "ignorePunctWidth": true,
    });
    let err = t
        .invoke("compare_documents", json!({ "request": missing }))
        .unwrap_err();
    assert_eq!(err["code"], json!("not_found"), "{err}");
}

#[test]
fn delete_document_removes_it() {
    let t = TestApp::with_corpus();
    let before = t.list();
    let id = before[0]["id"].as_i64().unwrap();
    t.invoke("delete_document", json!({ "id": id })).unwrap();
    assert_eq!(t.list().len(), before.len() - 1);
    let err = t.invoke("get_document", json!({ "id": id })).unwrap_err();
    assert_eq!(err["code"], json!("not_found"));
}
