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
