//! End-to-end tests of the `policydiff` binary on the bundled corpus.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

/// A temporary library and a command builder for the binary.
struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("library.sqlite3")
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_policydiff"))
            .args(args)
            .env("POLICYDIFF_DB", self.db())
            .env_remove("POLICYDIFF_LOG")
            .output()
            .expect("run policydiff")
    }

    /// Run and require success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "policydiff {args:?} failed:\nstdout: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8 output")
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).expect("JSON output")
    }

    /// Run in `dir` as the current folder.
    fn run_in(&self, dir: &Path, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_policydiff"))
            .args(args)
            .current_dir(dir)
            .env("POLICYDIFF_DB", self.db())
            .env_remove("POLICYDIFF_LOG")
            .output()
            .expect("run policydiff")
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.path().join(name);
        std::fs::write(&p, bytes).expect("write fixture");
        p
    }
}

fn corpus() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/corpus/south-china-2023-business-environment.txt"),
    )
    .expect("bundled corpus")
}

/// The id of the library document with this 文号.
fn id_by_number(env: &Env, number: &str) -> i64 {
    let rows = env.json(&["list", "--json"]);
    rows.as_array()
        .expect("array")
        .iter()
        .find(|r| r["doc_number"] == number)
        .unwrap_or_else(|| panic!("no document {number} in the list"))["id"]
        .as_i64()
        .expect("id")
}

#[test]
fn first_use_imports_the_bundled_corpus() {
    let env = Env::new();
    let text = env.ok(&["list"]);
    assert!(text.contains("粤办函〔2023〕41号"), "{text}");
    assert!(text.contains("佛府办函〔2023〕75号"), "{text}");
    let rows = env.json(&["list", "--json"]);
    assert!(rows.as_array().unwrap().len() >= 37);
    // A second run does not import again.
    let again = env.json(&["list", "--json"]);
    assert_eq!(
        rows.as_array().unwrap().len(),
        again.as_array().unwrap().len()
    );
}

#[test]
fn list_filters_by_region() {
    let env = Env::new();
    let rows = env.json(&["list", "--region", "佛山", "--json"]);
    let rows = rows.as_array().unwrap();
    assert!(rows.len() >= 4, "Foshan has several documents: {rows:?}");
    for r in rows {
        assert_eq!(r["city"], "佛山", "{r}");
    }
}

#[test]
fn show_prints_the_clause_outline() {
    let env = Env::new();
    let gd = id_by_number(&env, "粤办函〔2023〕41号");
    let tree = env.ok(&["show", &gd.to_string(), "--tree"]);
    for label in ["一、", "（一）", "10."] {
        assert!(tree.contains(label), "missing {label} in\n{tree}");
    }
    let json = env.json(&["show", &gd.to_string(), "--json"]);
    assert_eq!(json["meta"]["doc_number"], "粤办函〔2023〕41号");
    assert!(json["tree"]["clauses"].as_array().unwrap().len() > 15);
}

#[test]
fn search_within_a_region_gives_its_documents_hits() {
    let env = Env::new();
    let hits = env.json(&[
        "search", "环境", "--region", "佛山", "--level", "city", "--limit", "5", "--json",
    ]);
    let hits = hits.as_array().unwrap();
    assert_eq!(hits.len(), 5, "{hits:?}");
    for h in hits {
        let id = h["doc_id"].as_i64().unwrap().to_string();
        let doc = env.json(&["show", &id, "--json"]);
        assert_eq!(doc["meta"]["city"], "佛山", "{}", h["title"]);
    }
    // A scope no document is in: no hit, said so.
    let none = env.ok(&["search", "环境", "--region", "佛山", "--year", "1990"]);
    assert!(
        none.contains("no clause matches 环境 in the documents of region 佛山, year 1990"),
        "{none}"
    );
}

#[test]
fn search_finds_both_complaint_plans() {
    let env = Env::new();
    let hits = env.json(&["search", "诉求响应", "--json", "--limit", "50"]);
    let titles: Vec<&str> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    assert!(
        titles
            .iter()
            .any(|t| t.contains("广东省") && t.contains("诉求响应")),
        "{titles:?}"
    );
    assert!(
        titles
            .iter()
            .any(|t| t.contains("佛山市") && t.contains("诉求响应")),
        "{titles:?}"
    );
}

#[test]
fn import_refuses_a_binary_file_and_keeps_the_library() {
    let env = Env::new();
    let before = env.json(&["list", "--json"]).as_array().unwrap().len();
    let bin = env.write(
        "image.png",
        &[0x89, b'P', b'N', b'G', 0, 0, 0, 13, 0xff, 0xfe, 0, 1, 2, 3],
    );
    let out = env.run(&["import", bin.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("image.png"), "error names the file: {err}");
    let after = env.json(&["list", "--json"]).as_array().unwrap().len();
    assert_eq!(before, after);
}

#[test]
fn import_gbk_file_then_duplicate_is_not_added_twice() {
    let env = Env::new();
    let text = "深圳市某区关于优化营商环境的若干措施\n\n一、总体要求\n\n坚持问题导向，持续优化营商环境。\n\n二、主要措施\n\n（一）推进政务服务一网通办。\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(text);
    let file = env.write("gbk.txt", &gbk);
    let before = env.json(&["list", "--json"]).as_array().unwrap().len();
    env.ok(&["import", file.to_str().unwrap()]);
    let rows = env.json(&["list", "--json"]);
    assert_eq!(rows.as_array().unwrap().len(), before + 1);
    assert!(rows
        .to_string()
        .contains("深圳市某区关于优化营商环境的若干措施"));
    env.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        env.json(&["list", "--json"]).as_array().unwrap().len(),
        before + 1
    );
}

#[test]
fn compare_files_json_contract() {
    let env = Env::new();
    // Cut the two complaint-response plans out of the corpus through the library.
    let gd = id_by_number(&env, "粤办函〔2023〕41号");
    let fs = id_by_number(&env, "佛府办函〔2023〕75号");
    let result = env.json(&[
        "compare",
        &gd.to_string(),
        &fs.to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(result["left"]["doc_number"], "粤办函〔2023〕41号");
    assert_eq!(result["right"]["doc_number"], "佛府办函〔2023〕75号");
    let pairs = result["pairs"].as_array().unwrap();
    assert!(pairs.len() >= 20);
    for p in pairs {
        assert!(p["kind"].is_string());
        assert!(p["similarity"].is_number());
        for side in ["left", "right"] {
            if !p[side].is_null() {
                for field in ["path", "label", "text"] {
                    assert!(p[side][field].is_string(), "{side}.{field} in {p}");
                }
            }
        }
        assert!(p["ops"].is_array() && p["key_diffs"].is_array());
    }
    let s = &result["summary"];
    for k in [
        "same",
        "modified",
        "moved",
        "split",
        "merged",
        "left_only",
        "right_only",
        "left_reused",
    ] {
        assert!(!s[k].is_null(), "summary.{k}");
    }
    // Files compared directly give the same pairing as the stored documents.
    let doc_text = |id: i64| {
        env.json(&["show", &id.to_string(), "--json"])["text"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let a = env.write("gd.txt", doc_text(gd).as_bytes());
    let b = env.write("fs.txt", doc_text(fs).as_bytes());
    let direct = env.json(&[
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(direct["pairs"].as_array().unwrap().len(), pairs.len());
}

#[test]
fn compare_json_carries_key_points_localisation_and_directions() {
    let env = Env::new();
    let gd = id_by_number(&env, "粤办函〔2023〕41号").to_string();
    let fs = id_by_number(&env, "佛府办函〔2023〕75号").to_string();
    let result = env.json(&["compare", &gd, &fs, "--format", "json"]);
    let diffs: Vec<&Value> = result["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["key_diffs"].as_array().unwrap())
        .collect();
    for d in &diffs {
        assert!(d["substantive"].is_boolean(), "{d}");
    }
    // Localisation: one entry per pair, with its count and substitutions.
    let local: Vec<&&Value> = diffs
        .iter()
        .filter(|d| d["kind"] == "localisation")
        .collect();
    assert!(!local.is_empty());
    let mut total = 0;
    for l in &local {
        assert_eq!(l["substantive"], false);
        let subs = l["substitutions"].as_array().unwrap();
        assert_eq!(l["count"].as_u64(), Some(subs.len() as u64));
        assert!(subs
            .iter()
            .all(|s| s["left"].is_string() && s["right"].is_string()));
        total += subs.len() as u64;
    }
    assert_eq!(result["summary"]["localisation"].as_u64(), Some(total));
    assert!(diffs
        .iter()
        .any(|d| d["kind"] == "condition" && d["right"] == "在省的统筹下"));
    assert!(diffs
        .iter()
        .any(|d| d["kind"] == "obligation" && d["direction"] == "stricter"));
    // The ranked summary.
    let points = result["key_points"].as_array().unwrap();
    assert!(!points.is_empty() && points.len() <= 15);
    for p in points {
        for k in ["id", "kind", "detail"] {
            assert!(p[k].is_string(), "{k} in {p}");
        }
        // Both clauses; one only for a task item one document drops or adds.
        let one_sided = matches!(p["kind"].as_str(), Some("duty_removed" | "duty_added"));
        for k in ["left_path", "right_path"] {
            assert!(
                p[k].is_string() || (one_sided && p[k].is_null()),
                "{k} in {p}"
            );
        }
        assert!(p.get("direction").is_some(), "{p}");
        assert_ne!(p["kind"], "localisation");
    }
    assert!(points
        .iter()
        .any(|p| p["detail"].as_str().unwrap().contains("市行政服务中心")));
    // A number changed in an edited copy carries its direction.
    let text = env.json(&["show", &gd, "--json"])["text"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(text.contains("在2023年底前"));
    let a = env.write("gd.txt", text.as_bytes());
    let b = env.write(
        "gd-edited.txt",
        text.replace("在2023年底前", "在2023年9月底前").as_bytes(),
    );
    let edited = env.json(&[
        "compare",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let deadline = &edited["key_points"][0];
    assert_eq!(deadline["kind"], "deadline", "{edited}");
    assert_eq!(deadline["direction"], "stricter");
}

#[test]
fn compare_reports_errors_naming_the_input() {
    let env = Env::new();
    let out = env.run(&["compare", "no-such-file.txt", "1"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no-such-file.txt"));
    let out = env.run(&["show", "99999"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("99999"));
}

#[test]
fn binary_formats_go_to_files_only() {
    let env = Env::new();
    let gd = id_by_number(&env, "粤办函〔2023〕41号").to_string();
    let fs = id_by_number(&env, "佛府办函〔2023〕75号").to_string();
    for (format, hint) in [("pdf", "-o FILE.pdf"), ("docx", "-o FILE.docx")] {
        let out = env.run(&["compare", &gd, &fs, "--format", format]);
        assert!(!out.status.success(), "{format} to a terminal");
        assert!(out.stdout.is_empty());
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(hint),
            "{format}"
        );
    }
    let pdf = env.dir.path().join("对比.pdf");
    env.ok(&["export", &gd, &fs, "-o", pdf.to_str().unwrap()]);
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(
        bytes.starts_with(b"%PDF-") && bytes.ends_with(b"%%EOF"),
        "a whole PDF"
    );
}

#[test]
fn corpus_is_bundled_verbatim() {
    assert_eq!(corpus(), policydiff::corpus::TEXT);
}

// ---- hostile output, pipes, arguments and errors ----------------------------

/// Store a document as an older version did: text with control, bidi and
/// invisible characters, straight into the library (import now removes them).
fn store_raw(env: &Env, text: &str) -> i64 {
    env.ok(&["list"]); // the library with its corpus
    let seg = policydiff_segment::Segmenter::new();
    let mut store = policydiff_store::SqliteStore::open(&env.db()).expect("library");
    let mut doc = policydiff_import::split(text, None).remove(0);
    doc.text = text.to_string();
    doc.original = text.to_string();
    doc.meta.title = text.lines().next().unwrap().to_string();
    let tree = policydiff_parse::parse(text);
    use policydiff_store::Store;
    let report = store.add(&seg, &[(doc, tree)]).expect("stored");
    report.added[0]
}

fn has_raw_controls(s: &str) -> bool {
    s.chars()
        .any(|c| policydiff_import::controls::is_hidden(c) && c != '\n' && c != '\t')
}

#[test]
fn control_and_bidi_characters_never_reach_the_terminal() {
    let env = Env::new();
    let text = "某市办理时限规定\u{1b}]0;标题\u{7}\n一、办理时限\n（一）申请材料齐全的，在\u{202E}内日作工个3\u{202C}办结。\n（二）办理结果\u{1b}[2J及时告知\0申请人。\n";
    let id = store_raw(&env, text).to_string();
    let shown = env.ok(&["show", &id]);
    assert!(!has_raw_controls(&shown), "{shown:?}");
    assert!(
        shown.contains("在<U+202E>内日作工个3<U+202C>办结"),
        "{shown}"
    );
    assert!(
        shown.contains("办理结果<U+001B>[2J及时告知<U+0000>申请人"),
        "{shown}"
    );
    let outline = env.ok(&["show", &id, "--tree"]);
    assert!(
        !has_raw_controls(&outline) && outline.contains("<U+202E>"),
        "{outline:?}"
    );
    let json = env.ok(&["show", &id, "--json"]);
    assert!(!has_raw_controls(&json), "{json:?}");
    assert!(json.contains(r"\u202e"), "JSON escapes, the data is kept");
    let doc: Value = serde_json::from_str(&json).unwrap();
    assert!(doc["text"].as_str().unwrap().contains('\u{202E}'));
    let listed = env.ok(&["list"]);
    assert!(!has_raw_controls(&listed), "{listed:?}");
    assert!(
        listed.contains("某市办理时限规定<U+001B>]0;标题<U+0007>"),
        "{listed}"
    );
    let found = env.ok(&["search", "办理结果"]);
    assert!(
        !has_raw_controls(&found) && found.contains("<U+001B>[2J"),
        "{found:?}"
    );
    let compared = env.ok(&["compare", &id, &id, "--color", "never"]);
    assert!(!has_raw_controls(&compared), "{compared:?}");
    assert!(
        compared.contains("<U+202E>内日作工个3<U+202C>"),
        "{compared}"
    );
}

#[test]
fn an_imported_file_loses_its_hidden_characters_with_a_warning() {
    let env = Env::new();
    let mut text = corpus();
    text = text.replacen("3个工作日内", "\u{202E}内日作工个3\u{202C}", 1);
    let file = env.write("bidi.txt", text.as_bytes());
    let report = env.json(&["import", file.to_str().unwrap(), "--json"]);
    let added = report[0]["added"].as_array().unwrap();
    let said = report[0]["warnings"].as_array().unwrap();
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(said[0]["warning"]
        .as_str()
        .unwrap()
        .starts_with("removed 2 invisible"));
    let rows = env.json(&["list", "--json"]);
    let mut warned = 0;
    for id in added {
        let id = id.as_i64().unwrap().to_string();
        let doc = env.json(&["show", &id, "--json"]);
        assert!(!doc["text"].as_str().unwrap().contains('\u{202E}'));
        if let Some(w) = doc["meta"]["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|w| {
                w.as_str()
                    .unwrap()
                    .contains("U+202E (right-to-left override)")
            })
        {
            warned += 1;
            assert!(doc["text"].as_str().unwrap().contains("内日作工个3"), "{w}");
            assert!(env
                .ok(&["show", &id])
                .contains("warning: removed 2 invisible"));
        }
    }
    assert!(!added.is_empty() && rows.as_array().unwrap().len() > added.len());
    assert_eq!(warned, 1, "one document held the characters");
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let env = Env::new();
    env.ok(&["list"]);
    for args in [
        &["search", "服务", "--limit", "1000"][..],
        &["search", "服务", "--limit", "1000", "--json"][..],
    ] {
        // The rest of the output (over 100 KB) hits a broken pipe.
        let out = run_into_closed_pipe(&env, args);
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
    // The output really is larger than a pipe holds (64 KiB).
    assert!(env.ok(&["search", "服务", "--limit", "1000"]).len() > 100_000);
    assert!(
        env.ok(&["search", "服务", "--limit", "1000", "--json"])
            .len()
            > 100_000
    );
}

#[test]
fn a_number_is_a_library_id_even_when_a_file_has_that_name() {
    let env = Env::new();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("5"),
        "某县关于同名文件的通知\n一、总体要求\n（一）这是当前目录下名为5的文件。\n",
    )
    .unwrap();
    let stored_title = env.json(&["show", "5", "--json"])["meta"]["title"]
        .as_str()
        .unwrap()
        .to_string();
    let out = env.run_in(dir.path(), &["compare", "5", "6", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["left"]["title"], stored_title.as_str());
    assert_eq!(c["left"]["id"], 5);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "policydiff: 5 is taken as library document 5; for the file of that name, write ./5\n"
    );
    // Written as a path, it is the file.
    let out = env.run_in(dir.path(), &["compare", "./5", "6", "--format", "json"]);
    let c: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c["left"]["title"], "某县关于同名文件的通知");
    // Without such a file, nothing is said.
    let out = env.run(&["compare", "5", "6", "--format", "json"]);
    assert!(out.status.success() && out.stderr.is_empty());
}

#[test]
fn width_outside_a_sane_range_is_a_usage_error() {
    let env = Env::new();
    for w in ["100000000", "0", "5"] {
        let out = env.run(&["compare", "5", "6", "--width", w]);
        assert_eq!(out.status.code(), Some(2), "--width {w}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("20..=1000") && err.contains("--width"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
    let narrow = env.ok(&["compare", "5", "6", "--width", "40", "--color", "never"]);
    assert!(narrow.lines().count() > 10);
}

#[test]
fn an_error_says_each_cause_once() {
    let env = Env::new();
    let not_a_db = env.write(
        "notes.db",
        b"these are not the droids you are looking for\n",
    );
    let out = env.run(&["--db", not_a_db.to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        err,
        format!(
            "policydiff: opening the library {}: library database: file is not a database\n",
            not_a_db.display()
        )
    );
}

#[test]
fn vectors_are_the_default_and_leave_a_copy_unchanged() {
    let env = Env::new();
    let gd = id_by_number(&env, "粤办函〔2023〕41号").to_string();
    let fs = id_by_number(&env, "佛府办函〔2023〕75号").to_string();
    // Importing a file computes the library's missing vectors (the corpus's too).
    let file = env.write(
        "fs.txt",
        "某区工作方案\n一、总体要求\n建成区级诉求响应机制。\n".as_bytes(),
    );
    env.ok(&["import", file.to_str().unwrap()]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let (docs, sets): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM vector_sets)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(sets, docs);
    let with = env.ok(&["compare", &gd, &fs, "--format", "json"]);
    let without = env.ok(&["compare", &gd, &fs, "--format", "json", "--lexical-only"]);
    assert_eq!(
        with, without,
        "a localised copy pairs the same with vectors"
    );
    // `--lexical-only` at import stores none.
    let env2 = Env::new();
    env2.ok(&["--lexical-only", "import", file.to_str().unwrap()]);
    let conn = rusqlite::Connection::open(env2.db()).unwrap();
    let sets: i64 = conn
        .query_row("SELECT count(*) FROM vector_sets", [], |r| r.get(0))
        .unwrap();
    assert_eq!(sets, 0);
}

#[test]
fn a_model_that_cannot_be_loaded_warns_once_and_compares_by_wording() {
    let env = Env::new();
    let gd = id_by_number(&env, "粤办函〔2023〕41号").to_string();
    let hn = id_by_number(&env, "琼府办〔2023〕16号").to_string();
    let bad = env.write("model.bin", b"E5S1 but nothing else");
    let out = env.run(&[
        "compare",
        &gd,
        &hn,
        "--format",
        "json",
        "--model",
        bad.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("warning").count(), 1, "{stderr}");
    assert!(
        stderr.contains("model.bin") && stderr.contains("wording alone"),
        "{stderr}"
    );
    let lexical = env.ok(&["compare", &gd, &hn, "--format", "json", "--lexical-only"]);
    assert_eq!(String::from_utf8(out.stdout).unwrap(), lexical);
}

#[test]
fn a_zero_limit_and_an_id_that_is_not_a_number_are_refused_in_plain_words() {
    let env = Env::new();
    for args in [
        &["search", "学生", "--limit", "0"][..],
        &["related", "1", "--limit", "0"][..],
        &["similar", "1", "一", "--limit", "0"][..],
    ] {
        let out = env.run(args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("at least 1"), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?}: no 'nothing found' claim");
    }
    for args in [
        &["show", "1.5"][..],
        &["delete", "abc"][..],
        &["note", "delete", "x"][..],
    ] {
        let out = env.run(args);
        assert!(!out.status.success(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("ids are whole numbers"), "{args:?}: {err}");
        assert!(!err.contains("invalid digit"), "{args:?}: {err}");
    }
    // The help speaks of the output, not of the code's types.
    let help = env.ok(&["compare", "--help"]) + &env.ok(&["matrix", "--help"]);
    assert!(!help.contains("[`"), "{help}");
}

#[test]
fn dash_as_the_output_is_standard_output_not_a_file() {
    let env = Env::new();
    let cwd = tempfile::tempdir().unwrap();
    let out = env.run_in(cwd.path(), &["export", "1", "2", "-o", "-", "-f", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: Value = serde_json::from_slice(&out.stdout).expect("JSON on standard output");
    assert!(json["pairs"].is_array());
    assert!(!cwd.path().join("-").exists());
}

#[test]
fn help_takes_help_flags_like_every_other_subcommand() {
    let env = Env::new();
    let own = env.ok(&["help", "--help"]);
    assert!(own.contains("Usage: policydiff help"), "{own}");
    // `help X` prints what `X --help` prints, at every level.
    assert_eq!(env.ok(&["help"]), env.ok(&["--help"]));
    assert_eq!(env.ok(&["help", "compare"]), env.ok(&["compare", "--help"]));
    assert_eq!(
        env.ok(&["help", "note", "add"]),
        env.ok(&["note", "add", "--help"])
    );
    assert_eq!(
        env.ok(&["note", "help", "pin"]),
        env.ok(&["note", "pin", "--help"])
    );
    assert!(env
        .ok(&["note", "help", "--help"])
        .contains("Usage: policydiff note help"));
    // The command list offers `help` once, with its own words.
    let top = env.ok(&["--help"]);
    assert_eq!(top.matches("\n  help ").count(), 1, "{top}");
    // An unknown command is a usage error naming it.
    let out = env.run(&["help", "nosuch"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nosuch"));
    assert!(!env.db().exists(), "help never creates a library");
}

#[test]
fn lang_en_words_the_report_in_english_and_other_languages_are_refused() {
    let env = Env::new();
    let gd = id_by_number(&env, "粤办函〔2023〕41号").to_string();
    let fs = id_by_number(&env, "佛府办函〔2023〕75号").to_string();
    let zh = env.ok(&["compare", &gd, &fs, "--format", "md"]);
    assert!(zh.starts_with("# 对比分析报告"), "Chinese by default");
    assert_eq!(
        env.ok(&["compare", &gd, &fs, "--format", "md", "--lang", "zh"]),
        zh
    );
    let en = env.ok(&["compare", &gd, &fs, "--format", "md", "--lang", "en"]);
    assert!(en.starts_with("# Comparison report"), "{}", &en[..80]);
    assert!(en.contains("## Key points") && en.contains("Lead unit"));
    assert!(!en.contains("逐条对比") && !en.contains("要点摘要"));
    // A file, and the matrix, take it too.
    let html = env.dir.path().join("report.html");
    env.ok(&[
        "export",
        &gd,
        &fs,
        "--lang",
        "en",
        "-o",
        html.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(html).unwrap();
    assert!(html.contains(r#"<html lang="en">"#) && html.contains("<h1>Comparison report</h1>"));
    let matrix = env.ok(&["matrix", &gd, &fs, "--lang", "en"]);
    assert!(matrix.starts_with("Coverage matrix report"), "{matrix}");
    assert!(matrix.contains("Local additions") && !matrix.contains("地方新增"));

    for cmd in ["compare", "export", "matrix"] {
        let out = env.run(&[cmd, &gd, &fs, "--lang", "fr"]);
        assert_eq!(out.status.code(), Some(2), "{cmd} --lang fr");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("'fr'")
                && err.contains("--lang")
                && err.contains("zh")
                && err.contains("en"),
            "{err}"
        );
        assert!(out.stdout.is_empty());
    }
}

/// Run with standard output closed after its first bytes; the rest of the
/// output hits a broken pipe.
fn run_into_closed_pipe(env: &Env, args: &[&str]) -> Output {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_policydiff"))
        .args(args)
        .env("POLICYDIFF_DB", env.db())
        .env_remove("POLICYDIFF_LOG")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run policydiff");
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_csv_output_quietly_too() {
    let env = Env::new();
    // Sanya's plan (35) against every document, and against Dongguan's
    // draft regulation (23).
    for args in [
        &["matrix", "35", "--all", "--format", "csv"][..],
        &["compare", "35", "23", "--format", "csv"][..],
    ] {
        // More than a pipe holds (64 KiB), so the writer meets the closed pipe.
        assert!(env.ok(args).len() > 65_536, "{args:?}");
        let out = run_into_closed_pipe(&env, args);
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
        assert!(out.status.success(), "{args:?}: {:?}", out.status);
    }
}

#[test]
fn a_folder_or_a_symlink_loop_is_named_with_its_problem_once() {
    let env = Env::new();
    env.ok(&["list"]);
    let dir = env.dir.path().join("a folder");
    std::fs::create_dir(&dir).unwrap();
    let looped = env.dir.path().join("loop");
    std::os::unix::fs::symlink(&looped, &looped).unwrap();
    let (dir, looped) = (dir.to_str().unwrap(), looped.to_str().unwrap());
    for cmd in ["compare", "matrix"] {
        let out = env.run(&[cmd, dir, "5"]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("policydiff: cannot read {dir}: Is a directory\n"),
            "{cmd}"
        );
        let out = env.run(&[cmd, "5", looped]);
        assert_eq!(out.status.code(), Some(1));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("policydiff: cannot read {looped}: Too many levels of symbolic links\n"),
            "{cmd}"
        );
        // Neither a file nor a number: said in plain words.
        let out = env.run(&[cmd, "5", "no-such-plan"]);
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "policydiff: no-such-plan is neither a file nor a document id\n",
            "{cmd}"
        );
    }
}

#[test]
fn matrix_takes_a_number_as_a_library_id_as_compare_does() {
    let env = Env::new();
    env.ok(&["list"]);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("20"),
        "某县关于同名文件的通知\n一、总体要求\n（一）这是当前目录下名为20的文件。\n",
    )
    .unwrap();
    let out = env.run_in(dir.path(), &["matrix", "5", "20", "--format", "json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let m: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(m["documents"][0]["id"], 20, "{}", m["documents"][0]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "policydiff: 20 is taken as library document 20; for the file of that name, write ./20\n"
    );
    let out = env.run_in(dir.path(), &["matrix", "5", "./20", "--format", "json"]);
    let m: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(m["documents"][0]["title"], "某县关于同名文件的通知");
}

#[test]
fn file_names_with_control_characters_are_shown_visibly() {
    let env = Env::new();
    env.ok(&["list"]);
    let plan = env.write(
        "new\nline.txt",
        "某县关于换行文件名的通知\n一、总体要求\n（一）文件名里有换行。\n".as_bytes(),
    );
    let empty = env.write("clear\u{1b}[2J.txt", b"");
    let out = env.run(&["import", plan.to_str().unwrap(), empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stdout.starts_with(&format!(
            "{}/new<U+000A>line.txt: 1 added",
            env.dir.path().display()
        )),
        "{stdout}"
    );
    assert!(stderr.contains("clear<U+001B>[2J.txt"), "{stderr}");
    assert!(
        !has_raw_controls(&stdout) && !stdout.contains("new\nline"),
        "{stdout:?}"
    );
    assert!(!has_raw_controls(&stderr), "{stderr:?}");
}

#[test]
fn a_blank_search_is_a_usage_error_not_a_claim_that_nothing_matches() {
    let env = Env::new();
    for q in ["", "  ", "\u{3000}"] {
        let out = env.run(&["search", q]);
        assert_eq!(out.status.code(), Some(2), "{q:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("give the words to search for"), "{q:?}: {err}");
        assert!(out.stdout.is_empty(), "{q:?}: no 'no clause matches' claim");
    }
}

#[test]
fn an_empty_library_or_model_variable_means_the_default() {
    // The OS data directory of a home of the test's own, never the user's.
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_policydiff"))
        .args(["list", "--region", "佛山"])
        .env("POLICYDIFF_DB", "")
        .env("POLICYDIFF_MODEL", "")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &data)
        .env_remove("POLICYDIFF_LOG")
        .output()
        .expect("run policydiff");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("佛府办函〔2023〕75号"));
    let library = data.join("policydiff/library.sqlite3");
    assert!(library.is_file(), "{err}");
    assert!(err.contains(&library.display().to_string()), "{err}");
}

#[test]
fn a_report_never_overwrites_a_document_it_compares() {
    let env = Env::new();
    let plan = "某县关于优化营商环境的通知\n一、总体要求\n（一）持续优化营商环境。\n";
    let left = env.write("plan.md", plan.as_bytes());
    let right = env.write(
        "city.txt",
        "某镇关于优化营商环境的通知\n一、总体要求\n（一）持续优化本镇营商环境。\n".as_bytes(),
    );
    let link = env.dir.path().join("note.html");
    std::os::unix::fs::symlink(&left, &link).unwrap();
    let (l, r) = (left.to_str().unwrap(), right.to_str().unwrap());
    for (args, target) in [
        (vec!["compare", l, r, "-o", l], l),
        (
            vec!["export", l, r, "-o", link.to_str().unwrap()],
            link.to_str().unwrap(),
        ),
        (vec!["matrix", r, l, "-o", r, "--format", "json"], r),
    ] {
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "policydiff: refusing to write {target}: it is one of the documents compared\n"
            ),
            "{args:?}"
        );
    }
    assert_eq!(std::fs::read_to_string(&left).unwrap(), plan);
    assert!(std::fs::read_to_string(&right).unwrap().starts_with("某镇"));
    // Another file is written.
    env.ok(&[
        "compare",
        l,
        r,
        "-o",
        env.dir.path().join("out.md").to_str().unwrap(),
    ]);
}

#[test]
fn a_library_in_a_folder_that_does_not_exist_is_refused_not_created() {
    let env = Env::new();
    // A typo in a folder name: `polcy` for `policy`.
    let folder = env.dir.path().join("polcy");
    let db = folder.join("library.sqlite3");
    for args in [
        vec!["--db", db.to_str().unwrap(), "list"],
        vec!["--db", db.to_str().unwrap(), "import", "x.txt"],
    ] {
        let out = env.run(&args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "policydiff: the library {}: no folder {} (check the path; to start a new library there, create the folder first)\n",
                db.display(),
                folder.display()
            )
        );
        assert!(!folder.exists(), "no folder made for a mistyped library");
    }
    // The same through the environment.
    let out = Command::new(env!("CARGO_BIN_EXE_policydiff"))
        .arg("list")
        .env("POLICYDIFF_DB", &db)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!folder.exists());
    // Once the folder is there, a new library is made in it.
    std::fs::create_dir(&folder).unwrap();
    let out = env.run(&["--db", db.to_str().unwrap(), "list"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(db.is_file());
}

#[test]
fn a_folder_given_as_the_library_is_said_to_be_one() {
    let env = Env::new();
    let folder = env.dir.path();
    let out = env.run(&["--db", folder.to_str().unwrap(), "list"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "policydiff: the library {0} is a folder: give a file, e.g. {0}/library.sqlite3\n",
            folder.display()
        )
    );
    assert_eq!(
        std::fs::read_dir(folder).unwrap().count(),
        0,
        "nothing created"
    );
}

#[test]
fn import_says_the_ids_to_compare_with() {
    let env = Env::new();
    env.ok(&["list"]);
    let plan = env.write(
        "plan.txt",
        "某县关于优化营商环境的通知\n一、总体要求\n（一）持续优化营商环境。\n".as_bytes(),
    );
    let out = env.ok(&["import", plan.to_str().unwrap()]);
    let id = env
        .json(&["list", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .max()
        .unwrap();
    assert_eq!(
        out,
        format!(
            "{}: 1 added (document {id}), 0 already in the library\n",
            plan.display()
        )
    );
    let out = env.ok(&["import", plan.to_str().unwrap(), &support_corpus_path()]);
    let first = format!(
        "{}: 0 added, 1 already in the library (document {id})\n",
        plan.display()
    );
    assert!(out.starts_with(&first), "{out}");
    // The corpus again: its 37 documents already there, their ids as a
    // range; the fragment it opens with, which the first run leaves out,
    // is a user's text and added.
    assert!(
        out.contains(&format!(
            "1 added (document {}), 37 already in the library (documents 1–37)",
            id + 1
        )),
        "{out}"
    );
}

/// `delete` then `import`: the new document is not given the deleted
/// one's id (a script's `compare 39 20` never comes to mean another
/// document); nor is a deleted note's id given to the next note.
#[test]
fn a_deleted_id_is_not_given_to_the_next_import_or_note() {
    let env = Env::new();
    env.ok(&["list"]);
    let added = |file: &Path| -> i64 {
        let out = env.ok(&["import", file.to_str().unwrap()]);
        let (_, rest) = out.split_once("1 added (document ").expect(&out);
        rest.split_once(')').unwrap().0.parse().expect(&out)
    };
    let one = env.write(
        "one.txt",
        "某县关于优化营商环境的通知\n一、总体要求\n（一）持续优化营商环境。\n".as_bytes(),
    );
    let two = env.write(
        "two.txt",
        "某市关于降低企业成本的通知\n一、总体要求\n（一）持续降低企业成本。\n".as_bytes(),
    );
    let first = added(&one);
    assert_eq!(
        env.ok(&["delete", &first.to_string()]),
        format!("deleted document {first}\n")
    );
    let second = added(&two);
    assert!(second > first, "document {second} after deleting {first}");

    let note = |text: &str| -> i64 {
        let out = env.ok(&[
            "note",
            "add",
            &second.to_string(),
            &second.to_string(),
            "--left",
            "一",
            text,
        ]);
        out.trim()
            .strip_prefix("added note ")
            .expect(&out)
            .parse()
            .expect(&out)
    };
    let a = note("一");
    env.ok(&["note", "delete", &a.to_string()]);
    let b = note("二");
    assert!(b > a, "note {b} after deleting note {a}");
}

fn support_corpus_path() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/corpus/south-china-2023-business-environment.txt")
        .to_str()
        .unwrap()
        .to_owned()
}

/// `edit` changes only the fields given (a region as province/city), in
/// what `show` and `list` print afterwards; a bad date or no field at all
/// is refused in plain words and changes nothing.
#[test]
fn edit_changes_only_the_given_fields_and_refuses_bad_ones() {
    let env = Env::new();
    let id = id_by_number(&env, "佛府办函〔2023〕75号");
    let before = env.json(&["show", &id.to_string(), "--json"]);
    let out = env.ok(&[
        "edit",
        &id.to_string(),
        "--title",
        "佛山市诉求响应方案（修订）",
        "--number",
        "佛府办函(2024)3号",
        "--region",
        "广东/顺德",
        "--level",
        "district",
        "--date",
        "2024-03-01",
    ]);
    assert!(
        out.starts_with(&format!(
            "edited document {id}: 佛山市诉求响应方案（修订）\n"
        )),
        "{out}"
    );
    let after = env.json(&["show", &id.to_string(), "--json"]);
    let m = &after["meta"];
    assert_eq!(m["title"], "佛山市诉求响应方案（修订）");
    assert_eq!(m["doc_number"], "佛府办函〔2024〕3号");
    assert_eq!(
        (&m["province"], &m["city"]),
        (&"广东".into(), &"顺德".into())
    );
    assert_eq!(m["level"], "district");
    assert_eq!(m["date"], "2024-03-01");
    // Not given: unchanged.
    assert_eq!(m["issuer"], before["meta"]["issuer"]);
    assert_eq!(m["source_url"], before["meta"]["source_url"]);
    assert_eq!(after["text"], before["text"]);
    assert_eq!(id_by_number(&env, "佛府办函〔2024〕3号"), id);

    // A bad date: refused, naming the field; nothing changed (the title neither).
    let out = env.run(&[
        "edit",
        &id.to_string(),
        "--title",
        "别的",
        "--date",
        "2024-02-30",
    ]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("date") && err.contains("YYYY-MM-DD"), "{err}");
    assert_eq!(env.json(&["show", &id.to_string(), "--json"]), after);
    // No field: a usage error.
    let out = env.run(&["edit", &id.to_string()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--title"));
    // An unknown document.
    let out = env.run(&["edit", "9999", "--title", "x"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("9999"));
    // An empty value clears a field.
    env.ok(&["edit", &id.to_string(), "--url", "", "--region", ""]);
    let m = &env.json(&["show", &id.to_string(), "--json"])["meta"];
    assert!(
        m["source_url"].is_null() && m["province"].is_null() && m["city"].is_null(),
        "{m}"
    );
}

/// Importing a document whose title the library already has (another text)
/// says so, naming the document it sits beside.
#[test]
fn import_says_when_a_title_is_already_in_the_library() {
    let env = Env::new();
    let one = env.write(
        "one.txt",
        "某县关于优化营商环境的通知\n一、总体要求\n（一）持续优化营商环境。\n".as_bytes(),
    );
    let two = env.write(
        "two.txt",
        "某县关于优化营商环境的通知\n一、总体要求\n（一）持续优化营商环境，降低成本。\n".as_bytes(),
    );
    let out = env.ok(&["import", one.to_str().unwrap()]);
    assert!(!out.contains("has the title of"), "{out}");
    let first: i64 = out
        .split_once("1 added (document ")
        .and_then(|(_, r)| r.split_once(')'))
        .expect(&out)
        .0
        .parse()
        .unwrap();
    let out = env.ok(&["import", two.to_str().unwrap()]);
    assert!(
        out.contains(&format!(
            "document {} has the title of document {first} (both kept, their texts differ): \
             某县关于优化营商环境的通知",
            first + 1
        )),
        "{out}"
    );
}

#[test]
fn order_left_lists_the_pairs_by_the_left_documents_clauses_and_other_orders_are_refused() {
    let env = Env::new();
    let rows = env.json(&["list", "--json"]);
    let id = |part: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["title"].as_str().unwrap().contains(part))
            .unwrap_or_else(|| panic!("no {part}"))["id"]
            .to_string()
    };
    let (hz, hk) = (id("惠州市财政局"), id("海口市财政局"));
    let clauses = |v: &Value, side: &str| -> Vec<Option<i64>> {
        v["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p[side]["clause"].as_i64())
            .collect()
    };
    let aligned = env.json(&["compare", &hz, &hk, "--format", "json"]);
    let left = env.json(&["compare", &hz, &hk, "--format", "json", "--order", "left"]);
    // The same pairs, Huizhou's clauses in turn (Haikou's added items among them).
    assert_eq!(
        left["pairs"].as_array().unwrap().len(),
        aligned["pairs"].as_array().unwrap().len()
    );
    let by_left: Vec<i64> = clauses(&left, "left").into_iter().flatten().collect();
    assert!(by_left.windows(2).all(|w| w[0] <= w[1]), "{by_left:?}");
    let as_aligned: Vec<i64> = clauses(&aligned, "left").into_iter().flatten().collect();
    assert!(
        as_aligned.windows(2).any(|w| w[0] > w[1]),
        "as aligned, Haikou's order"
    );
    // The text report numbers them in that order too.
    let md = env.ok(&["export", &hz, &hk, "--order", "left", "-f", "md", "-o", "-"]);
    let first = md.lines().find(|l| l.starts_with("### 1. ")).unwrap();
    assert!(first.contains("左 标题 ↔"), "{first}");

    let out = env.run(&["compare", &hz, &hk, "--order", "sideways"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("'sideways'") && err.contains("left") && err.contains("aligned"),
        "{err}"
    );
}
