//! Find the documents in a compilation.
//!
//! Takes the decoded text of a file and hands on [`Block`]s: the raw lines of
//! each document, how many of them form the compilation's title line, and
//! the province given by the region heading above it. [`super::meta`] turns
//! a block into a [`SourceDoc`](policydiff_model::SourceDoc).
//!
//! A compilation is a file with two or more *title lines*: a numbered line
//! ending with its date in brackets, `N. 标题（2023年5月30日）` (full- or
//! half-width brackets, spaces allowed inside the date). A title may wrap:
//! a numbered line without a date whose next non-blank line (within three
//! lines) is short, unnumbered and ends with the date. *Region headings*
//! (`四、华南`, `（一）广东`: a numbered line holding only a region or
//! province name, followed by another heading or a title line) belong to no
//! document; a province heading gives the province of the documents under
//! it. Text before the first title line is kept as a fragment.
//! A file with fewer than two title lines is one standalone document
//! (unless its first line is a title line).

use std::sync::LazyLock;

use regex::Regex;

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A document introduced by a compilation title line.
    Titled,
    /// Text before the first title line of a compilation (no title).
    Fragment,
    /// The whole file is one document.
    Standalone,
}

/// One document's raw lines.
#[derive(Debug, Clone)]
pub(crate) struct Block<'a> {
    /// What kind of block it is.
    pub kind: Kind,
    /// Raw lines (blank lines included), from the title line (if any) to the
    /// last non-blank line; region headings removed.
    pub lines: Vec<&'a str>,
    /// How many of `lines` form the compilation's title (0 if none).
    pub title_len: usize,
    /// Province from the region heading above the document.
    pub province: Option<String>,
}

static NUM_PREFIX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\d+\s*[.．]\s*\S").expect("valid regex"));
/// A date in brackets at the end of a line.
pub(crate) static DATE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[（(]\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[）)]\s*$")
        .expect("valid regex")
});
static REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:（[一二三四五六七八九十]+）|[一二三四五六七八九十]+、)\s*(\p{Han}{2,3})\s*$",
    )
    .expect("valid regex")
});

/// Short names of China's provinces, autonomous regions, municipalities and
/// SARs (as used in region headings and issuers' names).
pub(crate) const PROVINCES: &[&str] = &[
    "北京",
    "天津",
    "河北",
    "山西",
    "内蒙古",
    "辽宁",
    "吉林",
    "黑龙江",
    "上海",
    "江苏",
    "浙江",
    "安徽",
    "福建",
    "江西",
    "山东",
    "河南",
    "湖北",
    "湖南",
    "广东",
    "广西",
    "海南",
    "重庆",
    "四川",
    "贵州",
    "云南",
    "西藏",
    "陕西",
    "甘肃",
    "青海",
    "宁夏",
    "新疆",
    "香港",
    "澳门",
    "台湾",
];
/// Names of China's macro regions (华南 …), used in region headings.
const MACRO_REGIONS: &[&str] = &["华北", "东北", "华东", "华中", "华南", "西南", "西北"];

/// Split `text` into document blocks (see the module doc).
pub(crate) fn blocks(text: &str) -> Vec<Block<'_>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut starts: Vec<(usize, usize)> = Vec::new(); // (first line, last title line)
    let mut i = 0;
    while i < lines.len() {
        if let Some(end) = title_at(&lines, i) {
            starts.push((i, end));
            i = end + 1;
        } else {
            i += 1;
        }
    }
    let first_nonblank = lines.iter().position(|l| !l.trim().is_empty());
    let compilation =
        starts.len() >= 2 || (starts.len() == 1 && first_nonblank == Some(starts[0].0));
    if !compilation {
        return standalone(&lines);
    }
    let is_start: Vec<bool> = {
        let mut v = vec![false; lines.len()];
        for &(s, _) in &starts {
            v[s] = true;
        }
        v
    };
    // region headings: (line, province or None for a macro region)
    let heading = |i: usize| -> Option<Option<String>> {
        let name = REGION.captures(lines[i])?.get(1)?.as_str().to_string();
        let province = PROVINCES.contains(&name.as_str());
        if !province && !MACRO_REGIONS.contains(&name.as_str()) {
            return None;
        }
        let next = (i + 1..lines.len()).find(|&j| !lines[j].trim().is_empty())?;
        let next_ok = is_start[next] || REGION.is_match(lines[next]);
        next_ok.then_some(province.then_some(name))
    };
    let mut out = Vec::new();
    let mut province: Option<String> = None;
    let mut bounds: Vec<(usize, usize, usize)> = Vec::new(); // (from, to, title_len)
    if let Some(&(s0, _)) = starts.first() {
        bounds.push((0, s0, 0));
    }
    for (k, &(s, e)) in starts.iter().enumerate() {
        let to = starts.get(k + 1).map_or(lines.len(), |n| n.0);
        bounds.push((s, to, e - s + 1));
    }
    for (n, (from, to, title_len)) in bounds.into_iter().enumerate() {
        let doc_province = province.clone();
        let mut kept: Vec<&str> = Vec::new();
        for (i, line) in lines.iter().enumerate().take(to).skip(from) {
            match heading(i) {
                Some(p) => province = p,
                None => kept.push(line),
            }
        }
        while kept.last().is_some_and(|l| l.trim().is_empty()) {
            kept.pop();
        }
        let leading = kept.iter().take_while(|l| l.trim().is_empty()).count();
        if n == 0 {
            // the fragment before the first title line, if it holds text
            if kept.len() > leading {
                out.push(Block {
                    kind: Kind::Fragment,
                    lines: kept[leading..].to_vec(),
                    title_len: 0,
                    province: None,
                });
            }
            continue;
        }
        out.push(Block {
            kind: Kind::Titled,
            lines: kept,
            title_len,
            province: doc_province,
        });
    }
    out
}

fn standalone<'a>(lines: &[&'a str]) -> Vec<Block<'a>> {
    let from = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(0);
    let to = lines
        .iter()
        .rposition(|l| !l.trim().is_empty())
        .map_or(0, |i| i + 1);
    vec![Block {
        kind: Kind::Standalone,
        lines: lines[from..to.max(from)].to_vec(),
        title_len: 0,
        province: None,
    }]
}

/// Is line `i` the start of a compilation title? Returns its last line.
fn title_at(lines: &[&str], i: usize) -> Option<usize> {
    let line = lines[i];
    if !NUM_PREFIX.is_match(line) {
        return None;
    }
    if DATE_TAIL.is_match(line) {
        return Some(i);
    }
    let j = (i + 1..lines.len().min(i + 4)).find(|&j| !lines[j].trim().is_empty())?;
    let next = lines[j].trim();
    let short = next.chars().count() <= 40;
    (short && !NUM_PREFIX.is_match(next) && DATE_TAIL.is_match(next)).then_some(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compilation_with_headings_wrapped_title_and_fragment() {
        let text = "结尾的片段。\n\n四、华南\n\n（一）广东\n\n1. 甲关于印发乙的通知（2023年5月30日）\n\n正文一。\n\n六、附则\n\n正文。\n\n（二）广西\n\n2. 丙关于印发\n\n丁的通知 (2023 年 4 月 19 日)\n\n正文二。\n";
        let b = blocks(text);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].kind, Kind::Fragment);
        assert_eq!(b[0].lines, vec!["结尾的片段。"]);
        assert_eq!(b[1].province.as_deref(), Some("广东"));
        assert!(
            b[1].lines.contains(&"六、附则"),
            "a section heading is not a region heading"
        );
        assert!(!b[1].lines.contains(&"（二）广西"));
        assert_eq!(b[2].province.as_deref(), Some("广西"));
        assert_eq!(b[2].title_len, 3);
    }

    #[test]
    fn one_document_is_standalone() {
        let b = blocks("\n标题\n\n一、总体要求\n正文（2023年5月30日）\n");
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].kind, Kind::Standalone);
        assert_eq!(b[0].lines[0], "标题");
    }
}
