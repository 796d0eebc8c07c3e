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
    dir: tempfile::TempDir,
    app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

impl TestApp {
    /// A mock app over a fresh temp library holding the bundled corpus.
    fn with_corpus() -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        // A new library gets the bundled corpus (first run), as in the app.
        let opened = policydiff::library::open(&path, Segmenter::shared()).unwrap();
        assert!(opened
            .first_run
            .as_ref()
            .is_some_and(|r| !r.added.is_empty()));
        drop(opened);
        let state = AppState::open(&path).unwrap();
        let app = policydiff_app::with_commands(mock_builder())
            .manage(state)
            .build(mock_context(noop_assets()))
            .unwrap();
        let window = WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        TestApp { dir, app, window }
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

    /// Every document of the (small) test library: one page that holds them all.
    fn list(&self) -> Vec<Value> {
        let filter = json!({ "region": null, "level": null, "year": null, "sort": "id" });
        self.page(filter, 0, 10_000)["rows"]
            .as_array()
            .unwrap()
            .clone()
    }

    fn page(&self, filter: Value, offset: usize, limit: usize) -> Value {
        self.invoke(
            "list_documents_page",
            json!({ "filter": filter, "offset": offset, "limit": limit }),
        )
        .unwrap()
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
fn the_document_list_is_the_corpus() {
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
fn document_pages_make_up_the_filtered_list_in_order_with_its_total() {
    let t = TestApp::with_corpus();
    let filter = json!({ "region": "广东", "level": null, "year": null, "sort": "date_desc" });
    // The whole filtered list in one page, against which smaller pages are checked.
    let all = t.page(filter.clone(), 0, 10_000)["rows"].clone();
    let all = all.as_array().unwrap();
    assert!(
        all.len() > 5,
        "Guangdong documents in the corpus: {}",
        all.len()
    );
    let mut paged = Vec::new();
    let mut offset = 0;
    loop {
        let page = t.page(filter.clone(), offset, 4);
        assert_eq!(page["total"].as_u64().unwrap() as usize, all.len());
        let rows = page["rows"].as_array().unwrap();
        assert!(rows.len() <= 4, "page of {}", rows.len());
        if rows.is_empty() {
            break;
        }
        paged.extend(rows.iter().cloned());
        offset += rows.len();
    }
    assert_eq!(&paged, all, "pages in order make up the list");
    // A page past the end is empty but still counts the matches.
    let past = t.page(filter, all.len() + 10, 4);
    assert_eq!(past["rows"], json!([]));
    assert_eq!(past["total"].as_u64().unwrap() as usize, all.len());
}

#[test]
fn library_facets_count_what_the_filters_list() {
    let t = TestApp::with_corpus();
    let facets = t.invoke("library_facets", json!({})).unwrap();
    let count = |filter: serde_json::Value| {
        t.invoke(
            "list_documents_page",
            json!({ "filter": filter, "offset": 0, "limit": 1 }),
        )
        .unwrap()["total"]
            .as_u64()
            .unwrap()
    };
    let all = count(json!({ "region": null, "level": null, "year": null, "sort": "id" }));
    let levels = facets["levels"].as_array().unwrap();
    assert!(levels.len() >= 2, "levels: {levels:?}");
    for f in levels {
        let filter = json!({ "region": null, "level": f["level"], "year": null, "sort": "id" });
        assert_eq!(f["count"].as_u64().unwrap(), count(filter), "{f}");
    }
    let sum = |key: &str| {
        facets[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["count"].as_u64().unwrap())
            .sum::<u64>()
    };
    assert_eq!(sum("levels"), all);
    assert_eq!(sum("regions"), all);
    assert_eq!(facets["years"], json!([{ "year": 2023, "count": all }]));
    assert!(facets["regions"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["province"] == "广东" && f["city"] == "佛山"));
}

#[test]
fn documents_by_id_and_by_document_number_without_the_whole_list() {
    let t = TestApp::with_corpus();
    let (gd, fs) = (t.id_of(GD_TITLE), t.id_of(FS_TITLE));
    let rows = t
        .invoke("documents_by_id", json!({ "ids": [fs, gd, fs, 999_999] }))
        .unwrap();
    let rows = rows.as_array().unwrap();
    let ids: Vec<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(
        ids,
        [fs, gd],
        "in the order asked, once, unknown ids left out"
    );
    assert!(
        rows[0]["title"].as_str().unwrap().contains(FS_TITLE),
        "{}",
        rows[0]
    );
    assert!(
        rows[1]["title"].as_str().unwrap().contains(GD_TITLE),
        "{}",
        rows[1]
    );
    // The 文号 of the first-run example, however spaced and bracketed, finds its
    // document through the text filter (which callers may leave out).
    let page = t
        .invoke(
            "list_documents_page",
            json!({ "filter": { "region": null, "level": null, "year": null,
                                "text": "佛府办函(2023)75 号", "sort": "id" },
                    "offset": 0, "limit": 10 }),
        )
        .unwrap();
    assert_eq!(page["total"], 1);
    assert_eq!(page["rows"][0]["doc_number"], "佛府办函〔2023〕75号");
    assert!(page["rows"][0]["title"]
        .as_str()
        .unwrap()
        .contains("佛山市进一步强化市场主体诉求响应服务工作方案"));
    t.invoke("delete_document", json!({ "id": fs })).unwrap();
    let rows = t
        .invoke("documents_by_id", json!({ "ids": [fs, gd] }))
        .unwrap();
    assert_eq!(
        rows.as_array().unwrap().len(),
        1,
        "the deleted document is gone"
    );
    assert_eq!(rows[0]["id"], gd);
}

#[test]
fn search_finds_both_complaint_response_plans() {
    let t = TestApp::with_corpus();
    let (gd, fs) = (t.id_of(GD_TITLE), t.id_of(FS_TITLE));
    let hits = t
        .invoke(
            "search",
            json!({ "query": "诉求响应", "scope": {}, "limit": 200 }),
        )
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
fn search_looks_only_in_the_documents_of_its_scope() {
    let t = TestApp::with_corpus();
    let (gd, fs) = (t.id_of(GD_TITLE), t.id_of(FS_TITLE));
    let doc_ids = |scope: serde_json::Value| -> Vec<i64> {
        let hits = t
            .invoke(
                "search",
                json!({ "query": "诉求", "scope": scope, "limit": 20 }),
            )
            .unwrap();
        hits.as_array()
            .unwrap()
            .iter()
            .map(|h| h["doc_id"].as_i64().unwrap())
            .collect()
    };
    // Foshan's plan is among the hits only when the scope lets it through.
    let foshan = doc_ids(json!({ "region": "佛山" }));
    assert!(foshan.contains(&fs), "Foshan's plan {fs} in {foshan:?}");
    assert!(!foshan.contains(&gd), "no Guangdong hit: {foshan:?}");
    for id in &foshan {
        let doc = t.invoke("get_document", json!({ "id": id })).unwrap();
        assert_eq!(doc["meta"]["city"], json!("佛山"), "hit in document {id}");
    }
    let province = doc_ids(json!({ "level": "province", "year": 2023 }));
    assert!(
        province.contains(&gd),
        "Guangdong's plan {gd} in {province:?}"
    );
    assert!(!province.contains(&fs), "no city hit: {province:?}");
    assert!(doc_ids(json!({ "region": "佛山", "level": "province" })).is_empty());
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

/// Each kind of unusable file comes back with its own code (which the UI words
/// in Chinese and English), the message naming the file.
#[test]
fn import_files_gives_each_unusable_file_its_own_code() {
    let t = TestApp::with_corpus();
    let dir = tempfile::tempdir().unwrap();
    let mut x: u32 = 7;
    let noise: Vec<u8> = (0..4096)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect();
    let files: [(&str, &[u8], &str); 5] = [
        ("空文件.txt", b"", "empty_file"),
        ("空白.txt", b" \n\t\r\n  \n", "no_text"),
        ("乱码.txt", &noise, "binary_file"),
        ("乱码.docx", &noise, "corrupt_file"),
        ("英文.txt", b"Only English words here.", "no_chinese_text"),
    ];
    let mut paths = Vec::new();
    for (name, bytes, _) in &files {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path.display().to_string());
    }
    let out = t.invoke("import_files", json!({ "paths": paths })).unwrap();
    let out = out.as_array().unwrap();
    assert_eq!(out.len(), files.len(), "{out:?}");
    for ((name, _, code), o) in files.iter().zip(out) {
        let err = &o["error"];
        assert_eq!(err["code"], json!(code), "{name}: {err}");
        assert!(err["message"].as_str().unwrap().contains(name), "{err}");
    }
}

#[test]
fn compare_documents_returns_pairs_and_is_remembered() {
    let t = TestApp::with_corpus();
    let (gd, fs) = (t.id_of(GD_TITLE), t.id_of(FS_TITLE));
    let request = json!({
        "left": gd, "right": fs,
        "diff": { "granularity": "word", "ignore_whitespace": false, "ignore_punct_width": false },
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
        "left": gd, "right": 999_999,
        "diff": { "granularity": "char", "ignore_whitespace": true, "ignore_punct_width": true },
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

/// Left and right clause paths of the Guangdong/Foshan pair the notes and
/// pairing tests use: 广东 二（二）4 ↔ 佛山 二（二）1 (the same measure,
/// checked by eye in the corpus).
const GD_PATH: &str = "二/（二）/4";
const FS_PATH: &str = "二/（二）/1";

impl TestApp {
    fn gd_fs(&self) -> (i64, i64) {
        (self.id_of(GD_TITLE), self.id_of(FS_TITLE))
    }

    fn compare(&self, left: i64, right: i64) -> Value {
        let request = json!({
            "left": left, "right": right,
            "diff": { "granularity": "word", "ignore_whitespace": false, "ignore_punct_width": false },
        });
        self.invoke("compare_documents", json!({ "request": request }))
            .unwrap()
    }
}

/// The pairs whose left side is `left` or whose right side is `right`, as
/// (left path, right path, kind, manual).
fn pairs_touching(cmp: &Value, left: &str, right: &str) -> Vec<(Value, Value, Value, Value)> {
    cmp["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["left"]["path"] == json!(left) || p["right"]["path"] == json!(right))
        .map(|p| {
            (
                p["left"]["path"].clone(),
                p["right"]["path"].clone(),
                p["kind"].clone(),
                p["manual"].clone(),
            )
        })
        .collect()
}

#[test]
fn notes_are_added_listed_updated_and_deleted() {
    let t = TestApp::with_corpus();
    let (gd, fs) = t.gd_fs();
    let tags = t.invoke("note_tags", json!({})).unwrap();
    assert_eq!(tags[0], json!("需关注"), "{tags}");
    assert_eq!(
        t.invoke("list_notes", json!({ "left": gd, "right": fs }))
            .unwrap(),
        json!([])
    );

    let request = json!({
        "left": gd, "right": fs, "left_path": GD_PATH, "right_path": FS_PATH,
        "tag": "地方创新", "text": "佛山把响应时限细化到区级",
    });
    let id = t
        .invoke("add_note", json!({ "request": request }))
        .unwrap()
        .as_i64()
        .expect("note id");
    let notes = t
        .invoke("list_notes", json!({ "left": gd, "right": fs }))
        .unwrap();
    assert_eq!(notes.as_array().unwrap().len(), 1, "{notes}");
    let n = &notes[0];
    assert_eq!(n["id"], json!(id));
    assert_eq!(n["left_path"], json!(GD_PATH));
    assert_eq!(n["right_path"], json!(FS_PATH));
    assert_eq!(n["tag"], json!("地方创新"));
    assert_eq!(n["text"], json!("佛山把响应时限细化到区级"));
    // Notes belong to this comparison, not the reverse one.
    assert_eq!(
        t.invoke("list_notes", json!({ "left": fs, "right": gd }))
            .unwrap(),
        json!([])
    );

    t.invoke(
        "update_note",
        json!({ "id": id, "tag": null, "text": "已与佛山市政务服务局核实" }),
    )
    .unwrap();
    let notes = t
        .invoke("list_notes", json!({ "left": gd, "right": fs }))
        .unwrap();
    assert_eq!(notes[0]["tag"], Value::Null, "{notes}");
    assert_eq!(notes[0]["text"], json!("已与佛山市政务服务局核实"));

    // Bad input: no text → invalid_input; a clause the document lacks → not_found.
    let empty = json!({
        "left": gd, "right": fs, "left_path": GD_PATH, "right_path": null, "tag": null, "text": "  ",
    });
    let err = t
        .invoke("add_note", json!({ "request": empty }))
        .unwrap_err();
    assert_eq!(err["code"], json!("invalid_input"), "{err}");
    let nowhere = json!({
        "left": gd, "right": fs, "left_path": "九十九/（九）", "right_path": null, "tag": null,
        "text": "x",
    });
    let err = t
        .invoke("add_note", json!({ "request": nowhere }))
        .unwrap_err();
    assert_eq!(err["code"], json!("not_found"), "{err}");

    t.invoke("delete_note", json!({ "id": id })).unwrap();
    assert_eq!(
        t.invoke("list_notes", json!({ "left": gd, "right": fs }))
            .unwrap(),
        json!([])
    );
    let err = t.invoke("delete_note", json!({ "id": id })).unwrap_err();
    assert_eq!(err["code"], json!("not_found"), "{err}");
}

#[test]
fn a_forbidden_pair_is_split_until_cleared() {
    let t = TestApp::with_corpus();
    let (gd, fs) = t.gd_fs();
    let paired = (json!(GD_PATH), json!(FS_PATH));
    let before = pairs_touching(&t.compare(gd, fs), GD_PATH, FS_PATH);
    assert_eq!(before.len(), 1, "the aligner pairs them: {before:?}");
    assert_eq!((before[0].0.clone(), before[0].1.clone()), paired);
    assert_eq!(before[0].3, json!(false), "not manual: {before:?}");

    let request = json!({ "left": gd, "right": fs, "left_path": GD_PATH, "right_path": FS_PATH });
    t.invoke("forbid_pair", json!({ "request": request }))
        .unwrap();
    let after = pairs_touching(&t.compare(gd, fs), GD_PATH, FS_PATH);
    assert!(
        !after.iter().any(|p| (p.0.clone(), p.1.clone()) == paired),
        "forbidden pair still there: {after:?}"
    );
    // Each clause now stands alone.
    assert!(
        after.contains(&(
            json!(GD_PATH),
            Value::Null,
            json!("left_only"),
            json!(false)
        )),
        "Guangdong clause left-only: {after:?}"
    );
    assert!(
        after.contains(&(
            Value::Null,
            json!(FS_PATH),
            json!("right_only"),
            json!(false)
        )),
        "Foshan clause right-only: {after:?}"
    );

    assert_eq!(
        t.invoke("clear_pairing", json!({ "request": request.clone() }))
            .unwrap(),
        json!(true)
    );
    assert_eq!(
        t.invoke("clear_pairing", json!({ "request": request.clone() }))
            .unwrap(),
        json!(false),
        "nothing left to clear"
    );
    let cleared = pairs_touching(&t.compare(gd, fs), GD_PATH, FS_PATH);
    assert_eq!(cleared, before);

    // Forcing a pair of clauses that do not exist is not_found.
    let bad = json!({ "left": gd, "right": fs, "left_path": GD_PATH, "right_path": "九十九" });
    let err = t
        .invoke("force_pair", json!({ "request": bad }))
        .unwrap_err();
    assert_eq!(err["code"], json!("not_found"), "{err}");
}

#[test]
fn counterpart_strengths_rank_the_other_documents_clauses_for_pairing_by_hand() {
    let t = TestApp::with_corpus();
    let hn = t.id_of("海南省2023年营商环境制度集成创新重点任务");
    let sy = t.id_of("三亚市创建一流营商环境2023年实施方案");
    // Hainan's tax-service task: the reference pairs it with Sanya's 多税合一 item, which the
    // aligner neither pairs with it nor suggests.
    let (tax, filing) = ("二/（二）/8", "二/（二）/9/（26）");
    let args = |from_left: bool, path: &str| json!({ "left": hn, "right": sy, "from_left": from_left, "path": path });
    let found = t.invoke("counterpart_strengths", args(true, tax)).unwrap();
    let found = found.as_array().unwrap();
    let cmp = t.compare(hn, sy);
    let mut right: Vec<&str> = cmp["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["right"]["path"].as_str())
        .collect();
    right.sort();
    right.dedup();
    let mut named: Vec<&str> = found.iter().map(|s| s["path"].as_str().unwrap()).collect();
    let strengths: Vec<f64> = found
        .iter()
        .map(|s| s["strength"].as_f64().unwrap())
        .collect();
    assert!(
        strengths.windows(2).all(|w| w[0] >= w[1]),
        "likeliest first: {strengths:?}"
    );
    assert!(strengths.iter().all(|s| (0.0..1.0).contains(s)));
    // Of the clauses the tax task is not paired with (those the picker lists), 多税合一 is
    // among the first five, far ahead of its place in reading order; the first are the task's
    // own partners, Sanya's other tax items.
    let partners: Vec<&str> = cmp["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["left"]["path"] == json!(tax))
        .filter_map(|p| p["right"]["path"].as_str())
        .collect();
    assert!(!partners.is_empty() && !partners.contains(&filing));
    assert!(
        named[..partners.len()].iter().all(|p| partners.contains(p)),
        "{named:?} {partners:?}"
    );
    let listed: Vec<&&str> = named.iter().filter(|p| !partners.contains(p)).collect();
    let rank = listed.iter().position(|p| **p == filing).unwrap();
    assert!(
        rank < 5,
        "多税合一 is {}th of {}: {listed:?}",
        rank + 1,
        listed.len()
    );
    let mut reading: Vec<&str> = Vec::new();
    for p in cmp["pairs"].as_array().unwrap() {
        if let Some(r) = p["right"]["path"].as_str() {
            if !reading.contains(&r) && !partners.contains(&r) {
                reading.push(r);
            }
        }
    }
    let at = reading.iter().position(|p| *p == filing).unwrap();
    assert!(rank + 10 < at, "{rank} vs {at} in reading order");
    named.sort();
    assert_eq!(named, right, "every clause of the other document, once");
    // From the right: Sanya's item finds the tax task among Hainan's clauses.
    let back = t
        .invoke("counterpart_strengths", args(false, filing))
        .unwrap();
    let back: Vec<&str> = back
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["path"].as_str().unwrap())
        .collect();
    assert!(back.iter().take(3).any(|p| *p == tax), "{back:?}");
    let err = t
        .invoke("counterpart_strengths", args(true, "九十九"))
        .unwrap_err();
    assert_eq!(err["code"], json!("not_found"), "{err}");
}

fn export_request(gd: i64, fs: i64, format: &str, path: &std::path::Path) -> Value {
    json!({
        "id": format!("test-{format}-{}", path.display()),
        "compare": {
            "left": gd, "right": fs,
            "diff": { "granularity": "word", "ignore_whitespace": false, "ignore_punct_width": false },
        },
        "format": format,
        "path": path.display().to_string(),
        "summary": true, "key_diffs": true, "changed_only": false, "notes": true,
    })
}

#[test]
fn export_writes_docx_pdf_and_csv_with_the_notes() {
    let t = TestApp::with_corpus();
    let (gd, fs) = t.gd_fs();
    let note = json!({
        "left": gd, "right": fs, "left_path": GD_PATH, "right_path": FS_PATH,
        "tag": "需关注", "text": "佛山增加了区级首问负责",
    });
    t.invoke("add_note", json!({ "request": note })).unwrap();
    let dir = tempfile::tempdir().unwrap();

    let docx = dir.path().join("对比分析报告.docx");
    t.invoke(
        "export_comparison",
        json!({ "request": export_request(gd, fs, "docx", &docx) }),
    )
    .unwrap();
    let bytes = std::fs::read(&docx).unwrap();
    assert!(bytes.starts_with(b"PK"), "a DOCX is a zip file");
    assert!(bytes.len() > 5_000, "docx size {}", bytes.len());

    let csv = dir.path().join("对比.csv");
    t.invoke(
        "export_comparison",
        json!({ "request": export_request(gd, fs, "csv", &csv) }),
    )
    .unwrap();
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.starts_with('\u{feff}'), "CSV for Excel has a BOM");
    assert!(text.contains("佛山增加了区级首问负责"), "note in CSV");
    let note_line = text
        .lines()
        .find(|l| l.contains("佛山增加了区级首问负责"))
        .unwrap();
    assert!(
        note_line.contains(GD_PATH) && note_line.contains(FS_PATH),
        "the note sits on its pair's row: {note_line}"
    );
    let pdf = dir.path().join("对比分析报告.pdf");
    t.invoke(
        "export_comparison",
        json!({ "request": export_request(gd, fs, "pdf", &pdf) }),
    )
    .unwrap();
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.ends_with(b"%%EOF"));
    assert!(bytes.len() > 50_000, "pdf size {}", bytes.len());

    // Only the three reports: no temp files left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[test]
fn export_into_a_missing_directory_fails_and_writes_nothing() {
    let t = TestApp::with_corpus();
    let (gd, fs) = t.gd_fs();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("没有这个目录");
    let path = missing.join("report.docx");
    let err = t
        .invoke(
            "export_comparison",
            json!({ "request": export_request(gd, fs, "docx", &path) }),
        )
        .unwrap_err();
    assert_eq!(err["code"], json!("io"), "{err}");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains(&path.display().to_string()),
        "the message names the path: {err}"
    );
    assert!(!path.exists() && !missing.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn a_cancelled_export_writes_nothing_and_a_normal_one_reports_its_stages() {
    let t = TestApp::with_corpus();
    let (gd, fs) = t.gd_fs();
    let dir = tempfile::tempdir().unwrap();
    let stages = Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let seen = stages.clone();
    t.app.listen_any("export-progress", move |e| {
        seen.lock()
            .unwrap()
            .push(serde_json::from_str(e.payload()).unwrap());
    });

    // Cancelled before it starts: `cancelled`, no file, no temp file.
    let path = dir.path().join("取消.docx");
    let mut request = export_request(gd, fs, "docx", &path);
    request["id"] = json!("export-1");
    t.invoke("cancel_export", json!({ "id": "export-1" }))
        .unwrap();
    let err = t
        .invoke("export_comparison", json!({ "request": request }))
        .unwrap_err();
    assert_eq!(err["code"], json!("cancelled"), "{err}");
    assert!(!path.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    assert!(
        stages.lock().unwrap().is_empty(),
        "a cancelled export entered no stage"
    );

    // The cancellation ended with that export: the same id now runs through.
    let path = dir.path().join("报告.html");
    let mut request = export_request(gd, fs, "html", &path);
    request["id"] = json!("export-1");
    t.invoke("export_comparison", json!({ "request": request }))
        .unwrap();
    assert!(std::fs::read_to_string(&path).unwrap().contains("<html"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    let got: Vec<Value> = stages.lock().unwrap().clone();
    let want: Vec<Value> = ["compare", "notes", "write", "done"]
        .iter()
        .map(|s| json!({ "id": "export-1", "stage": s }))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn export_takes_the_models_format_names() {
    let t = TestApp::with_corpus();
    let (gd, fs) = t.gd_fs();
    let dir = tempfile::tempdir().unwrap();
    for (format, file, marker) in [
        ("markdown", "报告.md", "| "),
        ("text", "报告.txt", " | "),
        ("json", "报告.json", "\"pairs\""),
    ] {
        let path = dir.path().join(file);
        t.invoke(
            "export_comparison",
            json!({ "request": export_request(gd, fs, format, &path) }),
        )
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(marker), "{format}: {}", &text[..200]);
    }
    // A file extension is not a format name.
    let path = dir.path().join("x.md");
    let err = t
        .invoke(
            "export_comparison",
            json!({ "request": export_request(gd, fs, "md", &path) }),
        )
        .unwrap_err();
    assert!(err.to_string().contains("md"), "{err}");
    assert!(!path.exists());
}

#[test]
fn export_over_the_library_file_is_refused_and_the_library_is_intact() {
    let t = TestApp::with_corpus();
    let (gd, fs) = t.gd_fs();
    let before = t.list().len();
    let lib = t.dir.path().join("library.sqlite3");
    let other_spelling = t.dir.path().join(".").join("library.sqlite3");
    let mut wal = lib.clone().into_os_string();
    wal.push("-wal");
    for path in [lib.clone(), other_spelling, wal.into()] {
        let err = t
            .invoke(
                "export_comparison",
                json!({ "request": export_request(gd, fs, "html", &path) }),
            )
            .unwrap_err();
        assert_eq!(err["code"], json!("invalid_input"), "{err}");
        assert!(
            err["message"]
                .as_str()
                .unwrap()
                .contains(&path.display().to_string()),
            "the message names the path: {err}"
        );
    }
    let head = std::fs::read(&lib).unwrap();
    assert!(head.starts_with(b"SQLite format 3\0"), "still a database");
    assert_eq!(t.list().len(), before, "every document still there");
}

fn matrix_request(base: i64, others: &[i64], order: &str) -> Value {
    json!({
        "base": base,
        "others": others,
        "order": order,
        "diff": { "granularity": "word", "ignore_whitespace": false, "ignore_punct_width": false },
    })
}

#[test]
fn coverage_matrix_has_a_row_per_base_unit_and_a_column_per_document() {
    let t = TestApp::with_corpus();
    let (gd, fs) = (t.id_of(GD_TITLE), t.id_of(FS_TITLE));
    let patent = t.id_of("海南省专利奖评奖办法");
    let m = t
        .invoke(
            "coverage_matrix",
            json!({ "request": matrix_request(gd, &[fs, patent], "reading") }),
        )
        .unwrap();
    assert_eq!(m["base"]["id"], json!(gd));
    let docs = m["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["id"], json!(fs));
    assert_eq!(docs[0]["coverage"], json!(1.0));
    assert!(docs[1]["coverage"].as_f64().unwrap() < 0.1);
    let rows = m["rows"].as_array().unwrap();
    assert!(rows.len() > 20);
    let item4 = rows
        .iter()
        .find(|r| r["unit"]["path"] == "二/（二）/4")
        .unwrap();
    assert_eq!(item4["cells"][0]["paths"], json!(["二/（二）/1"]));
    assert_eq!(item4["cells"][1]["kind"], "missing");

    // Most adopted first: Guangdong's item 4 (adopted by Foshan only) after
    // every row that both took up.
    let sorted = t
        .invoke(
            "coverage_matrix",
            json!({ "request": matrix_request(gd, &[fs, patent], "adoption") }),
        )
        .unwrap();
    let adopted: Vec<usize> = sorted["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["cells"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|c| c["kind"] == "same" || c["kind"] == "modified")
                .count()
        })
        .collect();
    assert!(adopted.windows(2).all(|w| w[0] >= w[1]), "{adopted:?}");

    let none = t
        .invoke(
            "coverage_matrix",
            json!({ "request": matrix_request(gd, &[], "reading") }),
        )
        .unwrap_err();
    assert_eq!(none["code"], "invalid_input");
    let missing = t
        .invoke(
            "coverage_matrix",
            json!({ "request": matrix_request(gd, &[99_999], "reading") }),
        )
        .unwrap_err();
    assert_eq!(missing["code"], "not_found");
}

#[test]
fn export_matrix_writes_xlsx_and_never_the_library() {
    let t = TestApp::with_corpus();
    let (gd, fs) = (t.id_of(GD_TITLE), t.id_of(FS_TITLE));
    let path = t.dir.path().join("矩阵.xlsx");
    t.invoke(
        "export_matrix",
        json!({ "request": {
            "matrix": matrix_request(gd, &[fs], "reading"),
            "format": "xlsx",
            "path": path.to_str().unwrap(),
        }}),
    )
    .unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK"));
    let library = t.dir.path().join("library.sqlite3");
    let before = std::fs::read(&library).unwrap();
    let err = t
        .invoke(
            "export_matrix",
            json!({ "request": {
                "matrix": matrix_request(gd, &[fs], "reading"),
                "format": "json",
                "path": library.to_str().unwrap(),
            }}),
        )
        .unwrap_err();
    assert_eq!(err["code"], "invalid_input");
    assert_eq!(std::fs::read(&library).unwrap(), before);
}

#[test]
fn sentence_vectors_are_computed_in_the_background_with_progress() {
    let t = TestApp::with_corpus();
    let events = Arc::new(std::sync::Mutex::new(Vec::<Value>::new()));
    let seen = events.clone();
    t.app.listen_any("vector-progress", move |e| {
        seen.lock()
            .unwrap()
            .push(serde_json::from_str(e.payload()).unwrap());
    });
    policydiff_app::spawn_vector_worker(t.app.handle().clone());
    let status = t.invoke("library_status", json!({})).unwrap();
    assert_eq!(status["vectors_warning"], Value::Null, "{status}");
    // An import asks for the missing vectors: the whole corpus's and the new file's.
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("测试市营商环境措施.txt");
    std::fs::write(
        &good,
        "测试市进一步优化营商环境若干措施\n\n一、总体要求\n\n到2025年，市场主体满意度明显提升。\n",
    )
    .unwrap();
    t.invoke(
        "import_files",
        json!({ "paths": [good.display().to_string()] }),
    )
    .unwrap();
    let documents = t.list().len();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let last = events.lock().unwrap().last().cloned();
        if last
            .as_ref()
            .is_some_and(|e| e["done"] == e["total"] && e["total"] != 0)
        {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no end of the run: {last:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let got = events.lock().unwrap().clone();
    assert_eq!(
        got[0],
        json!({ "done": 0, "total": documents, "warning": null })
    );
    assert_eq!(
        got.len(),
        documents + 1,
        "one event per document and one before"
    );
    let state = tauri::Manager::state::<AppState>(&t.app);
    let model = state.model().expect("the built-in model");
    assert!(state
        .library()
        .unwrap()
        .missing_vectors(model.id(), 10)
        .unwrap()
        .is_empty());
    // Comparisons go on as before (the copy pairs the same way).
    let (gd, fs) = t.gd_fs();
    let cmp = t.compare(gd, fs);
    assert!(cmp["pairs"].as_array().unwrap().len() >= 20);
}

/// The ids of a list of key points (JSON).
fn point_ids(points: &Value) -> Vec<String> {
    points
        .as_array()
        .map(|a| {
            a.iter()
                .map(|p| p["id"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn mark_key_point_pins_and_hides_as_the_cli_and_exports_do() {
    let app = TestApp::with_corpus();
    let (gd, fs) = app.gd_fs();
    let ranked = app.compare(gd, fs);
    let ids = point_ids(&ranked["key_points"]);
    assert!(ids.len() >= 5, "{ids:?}");
    let request = |id: &str, mark: Value| {
        json!({ "request": {
            "compare": {
                "left": gd, "right": fs,
                "diff": { "granularity": "word", "ignore_whitespace": false, "ignore_punct_width": false },
            },
            "point_id": id, "mark": mark,
        }})
    };
    let last = ids.last().unwrap();
    app.invoke("mark_key_point", request(last, json!("pinned")))
        .unwrap();
    let list = app
        .invoke("mark_key_point", request(&ids[0], json!("hidden")))
        .unwrap();
    let shown = point_ids(&list["key_points"]);
    assert_eq!(&shown[0], last);
    assert_eq!(list["key_points"][0]["pinned"], true);
    assert_eq!(shown[1..], ids[1..ids.len() - 1]);
    assert_eq!(point_ids(&list["hidden_key_points"]), vec![ids[0].clone()]);

    // The next comparison, the application layer (as the CLI and every export
    // use it) and the command agree.
    let again = app.compare(gd, fs);
    assert_eq!(again["key_points"], list["key_points"]);
    assert_eq!(again["hidden_key_points"], list["hidden_key_points"]);
    let lib = policydiff::SqliteStore::open(&app.dir.path().join("library.sqlite3")).unwrap();
    let core =
        policydiff::compare::compare_stored(&lib, Segmenter::shared(), gd, fs, &Default::default())
            .unwrap();
    assert_eq!(
        serde_json::to_value(&core.key_points).unwrap(),
        list["key_points"]
    );

    // An unknown point is `not_found`; restoring both gives the ranking back.
    let err = app
        .invoke(
            "mark_key_point",
            request("scope-0000000000000000", json!("pinned")),
        )
        .unwrap_err();
    assert_eq!(err["code"], "not_found");
    app.invoke("mark_key_point", request(last, Value::Null))
        .unwrap();
    let list = app
        .invoke("mark_key_point", request(&ids[0], Value::Null))
        .unwrap();
    assert_eq!(list["key_points"], ranked["key_points"]);
    assert!(point_ids(&list["hidden_key_points"]).is_empty());
}

#[test]
fn the_first_run_is_due_by_the_library_record_not_by_the_file() {
    use policydiff::library::FirstRun;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.sqlite3");
    // A 0-byte file left by a failed first run: due, and said so.
    std::fs::write(&path, b"").unwrap();
    let state = AppState::open(&path).unwrap();
    assert_eq!(state.first_run(), Some(&FirstRun::EmptyFile));
    assert!(!state.status().unwrap().ready);
    drop(state);
    // A first run that began and did not finish: still due.
    {
        let mut store = policydiff::SqliteStore::open(&path).unwrap();
        policydiff::Store::set_setup(&mut store, policydiff::stages::store::Setup::Started)
            .unwrap();
    }
    assert_eq!(
        AppState::open(&path).unwrap().first_run(),
        Some(&FirstRun::Unfinished)
    );
    // After a completed first run it is no longer due.
    let app = TestApp::with_corpus();
    let state = AppState::open(&app.dir.path().join("library.sqlite3")).unwrap();
    assert_eq!(state.first_run(), None);
    let status = state.status().unwrap();
    assert!(status.ready && status.documents > 30 && status.read_only.is_none());
}

#[test]
fn related_documents_rank_the_cited_provincial_plan_first() {
    let t = TestApp::with_corpus();
    let (gd, fs) = (t.id_of(GD_TITLE), t.id_of(FS_TITLE));
    let related = t.invoke("related_documents", json!({ "doc": fs })).unwrap();
    let list = related.as_array().unwrap();
    assert!(!list.is_empty());
    assert_eq!(list[0]["id"], json!(gd));
    assert_eq!(list[0]["relation"], "cites");
    assert!(list[0]["reasons"]
        .as_array()
        .unwrap()
        .contains(&json!("shares_clauses")));
    assert!(list.iter().all(|r| r["id"] != json!(fs)));
    let err = t
        .invoke("related_documents", json!({ "doc": 999_999 }))
        .unwrap_err();
    assert_eq!(err["code"], "not_found");
}

#[test]
fn similar_clauses_find_the_city_version_of_a_provincial_item() {
    let t = TestApp::with_corpus();
    let (gd, fs) = (t.id_of(GD_TITLE), t.id_of(FS_TITLE));
    let similar = t
        .invoke(
            "similar_clauses",
            json!({ "doc": gd, "path": "二/（二）/4", "limit": 5 }),
        )
        .unwrap();
    let list = similar.as_array().unwrap();
    assert!(!list.is_empty() && list.len() <= 5);
    assert_eq!(list[0]["doc_id"], json!(fs));
    assert_eq!(list[0]["path"], "二/（二）/1");
    assert!(list.iter().all(|c| c["doc_id"] != json!(gd)));
    // The word diff spells out the other clause's text.
    let diff = list[0]["diff"].as_array().unwrap();
    assert!(!diff.is_empty());
    let err = t
        .invoke(
            "similar_clauses",
            json!({ "doc": gd, "path": "九/（九）/9", "limit": 5 }),
        )
        .unwrap_err();
    assert_eq!(err["code"], "not_found");
}

/// The first-run import of the bundled corpus says `library-changed` only once the library
/// reports itself ready: the UI refreshes on that event and reads `ready` then (when the
/// event came first, the list showed the import unfinished until the next poll).
#[test]
fn the_first_run_import_is_ready_when_it_says_the_library_changed() {
    let dir = tempfile::tempdir().unwrap();
    let state = AppState::open(&dir.path().join("library.sqlite3")).unwrap();
    assert!(
        state.first_run().is_some(),
        "a new library's first run is due"
    );
    assert!(!state.status().unwrap().ready);
    let app = policydiff_app::with_commands(mock_builder())
        .manage(state)
        .build(mock_context(noop_assets()))
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let handle = app.handle().clone();
    app.listen_any("library-changed", move |_| {
        let status = tauri::Manager::state::<AppState>(&handle).status().unwrap();
        let _ = tx.send((status.ready, status.documents));
    });
    policydiff_app::spawn_corpus_import(app.handle().clone());
    let (ready, documents) = rx
        .recv_timeout(std::time::Duration::from_secs(300))
        .expect("library-changed after the first-run import");
    assert!(ready, "ready when library-changed is emitted");
    assert!(documents >= 30, "the corpus is in: {documents} documents");
}
