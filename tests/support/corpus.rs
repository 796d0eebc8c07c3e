//! Test support: the real corpus split into documents (a stand-in for the importer).
//!
//! Shared by `tests/store.rs` and `examples/store_bench.rs` through `#[path]`.

use policydiff::{Level, SourceDoc};
use regex::Regex;

/// The bundled corpus.
pub const CORPUS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/corpus/south-china-2023-business-environment.txt"
);

/// STAND-IN for `policydiff::import` (written in parallel). LEAD: switch to
/// `policydiff::import::read_path(CORPUS)` (dropping its leading fragment, or
/// expecting 38 documents) once the importer splits compilations.
///
/// Splits the corpus at its title lines (`N. 标题（2023 年 5 月 30 日）`,
/// full- or half-width parentheses, titles wrapped over two lines joined),
/// skips the untitled fragment before the first title, trims the region
/// headings (`四、华南`, `（一）广东`) that end a document and uses them as the
/// province of the documents that follow. City and level come from the title
/// (`佛山市…` → city 佛山).
pub fn corpus_docs() -> Vec<SourceDoc> {
    let text = std::fs::read_to_string(CORPUS).expect("corpus");
    let lines: Vec<&str> = text.lines().collect();
    let numbered = Regex::new(r"^\d+\s*\.\s*\S").unwrap();
    let dated = Regex::new(r"[（(]\s*20\d\d\s*年").unwrap();
    let date_at_end =
        Regex::new(r"[（(]\s*(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)）]\s*$").unwrap();
    let region = Regex::new(r"^[（(][一二三四五六七八九十]+[)）]\s*(\p{Han}{2,3})\s*$").unwrap();
    let area = Regex::new(r"^[一二三四五六七八九十]+、\s*\p{Han}{2}\s*$").unwrap();
    let city = Regex::new(r"^(\p{Han}{2,3}?)市").unwrap();
    let next_nonblank = |i: usize| (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty());

    // Title starts: (first line, line after the title).
    let mut starts = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if !numbered.is_match(l) {
            continue;
        }
        let mut end = i + 1;
        let mut title = l.trim().to_string();
        if !dated.is_match(l) {
            // A wrapped title: the next non-blank line is short, unnumbered and dated.
            match next_nonblank(i) {
                Some(j)
                    if j <= i + 3
                        && !numbered.is_match(lines[j])
                        && lines[j].chars().count() < 40
                        && date_at_end.is_match(lines[j]) =>
                {
                    title.push_str(lines[j].trim());
                    end = j + 1;
                }
                _ => continue,
            }
        } else if !date_at_end.is_match(&title) {
            // The date itself wrapped (`…（2023 年` / `5 月 11 日）`).
            if let Some(j) = next_nonblank(i).filter(|&j| j <= i + 3) {
                title.push_str(lines[j].trim());
                end = j + 1;
            }
        }
        starts.push((i, end, title));
    }

    let mut province = lines[..starts[0].0]
        .iter()
        .rev()
        .find_map(|l| region.captures(l.trim()).map(|c| c[1].to_string()));
    let mut docs = Vec::new();
    for (k, (first, body, title)) in starts.iter().enumerate() {
        let stop = starts.get(k + 1).map_or(lines.len(), |s| s.0);
        let mut tail = stop;
        let mut next_province = None;
        while tail > *body {
            let l = lines[tail - 1].trim();
            if l.is_empty() || area.is_match(l) {
                tail -= 1;
            } else if let Some(c) = region.captures(l) {
                next_province = Some(c[1].to_string());
                tail -= 1;
            } else {
                break;
            }
        }
        let d = date_at_end.captures(title).expect("dated title");
        let date = format!("{}-{:0>2}-{:0>2}", &d[1], &d[2], &d[3]);
        let name = numbered_prefix_stripped(&title[..d.get(0).unwrap().start()]);
        let city = city.captures(&name).map(|c| c[1].to_string());
        let original = lines[*first..tail].join("\n");
        docs.push(SourceDoc {
            meta: policydiff::DocMeta {
                level: if city.is_some() {
                    Level::City
                } else {
                    Level::Province
                },
                title: name,
                date: Some(date),
                province: province.clone(),
                city,
                source_file: Some(CORPUS.to_string()),
                ..Default::default()
            },
            text: policydiff::clean::clean(&original),
            original,
        });
        if next_province.is_some() {
            province = next_province;
        }
    }
    docs
}

fn numbered_prefix_stripped(s: &str) -> String {
    let s = s.trim();
    let s = s.trim_start_matches(|c: char| c.is_ascii_digit());
    s.trim_start_matches(['.', ' ']).trim().to_string()
}
