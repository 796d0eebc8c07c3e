//! Test helpers: read documents of the bundled corpus and of `/work/shared/external`.
//!
//! STAND-IN for `policydiff::import`: until the importer lands on main,
//! [`corpus_doc`] cuts one document out of the corpus the way the importer is
//! expected to hand it on (title line without its `N. ` prefix and date, no
//! URL line, no spaces next to CJK characters). The lead will switch it to
//! `policydiff::import`.
#![allow(dead_code)]

use std::path::PathBuf;

/// The bundled corpus file.
pub fn corpus_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/corpus/south-china-2023-business-environment.txt")
}

/// The whole corpus text.
pub fn corpus() -> String {
    std::fs::read_to_string(corpus_path()).expect("corpus is readable")
}

/// A compilation title line: `4. 广东省…的通知（2023年3月11日）`.
fn is_title_line(l: &str) -> bool {
    let l = l.trim();
    let digits = l.chars().take_while(char::is_ascii_digit).count();
    let after = l[digits..].trim_start();
    digits > 0
        && after.starts_with('.')
        && (l.ends_with('）') || l.ends_with(')'))
        && l.contains("年")
        && l.contains("日")
        && (l.contains("（20") || l.contains("(20") || l.contains("（ 20"))
}

/// Remove spaces that touch a non-ASCII character (`2023 年 3 月` → `2023年3月`).
pub fn strip_cjk_spaces(l: &str) -> String {
    let cs: Vec<char> = l.chars().collect();
    let mut out = String::new();
    for (i, &c) in cs.iter().enumerate() {
        if c == ' ' || c == '\u{3000}' {
            let prev = out.chars().last();
            let next = cs[i + 1..].iter().find(|&&c| c != ' ' && c != '\u{3000}');
            if prev.is_some_and(|p: char| !p.is_ascii()) || next.is_some_and(|n| !n.is_ascii()) {
                continue;
            }
        }
        out.push(c);
    }
    out.trim().to_string()
}

/// The cleaned text of the corpus document whose title line contains `title`
/// (compared without spaces). Panics when there is no such document.
pub fn corpus_doc(title: &str) -> String {
    let text = corpus();
    let lines: Vec<&str> = text.lines().collect();
    let start = lines
        .iter()
        .position(|l| is_title_line(l) && strip_cjk_spaces(l).contains(title))
        .unwrap_or_else(|| panic!("no corpus document titled {title}"));
    let end = lines[start + 1..]
        .iter()
        .position(|l| is_title_line(l))
        .map_or(lines.len(), |k| start + 1 + k);
    let mut out = Vec::new();
    // Title: drop the `N. ` prefix and the trailing `（date）`.
    let t = strip_cjk_spaces(lines[start]);
    let t = t
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches('.')
        .trim();
    let t = match t.rfind(['（', '(']) {
        Some(i) => &t[..i],
        None => t,
    };
    out.push(t.to_string());
    for l in &lines[start + 1..end] {
        let l = strip_cjk_spaces(l);
        if l.is_empty() || l.starts_with("http") || l.starts_with("<http") {
            continue;
        }
        out.push(l);
    }
    out.join("\n")
}

/// A file of `/work/shared/external` (Shanghai regulations, Markdown), verbatim.
pub fn external(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/external")
        .join(name);
    let p = if p.exists() {
        p
    } else {
        PathBuf::from("/work/shared/external").join(name)
    };
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// Chinese numeral of 1..=99 as used in article numbers (`二十一`).
pub fn cn(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10..=19 => format!("十{}", D[(n % 10) as usize]),
        20..=99 => format!("{}十{}", D[(n / 10) as usize], D[(n % 10) as usize]),
        _ => n.to_string(),
    }
}

/// The titles of all corpus documents (space-stripped title lines), for looking at them.
pub fn corpus_titles() -> Vec<String> {
    corpus()
        .lines()
        .filter(|l| is_title_line(l))
        .map(strip_cjk_spaces)
        .collect()
}
