//! Read the main text of an HTML page.
//!
//! Takes a decoded HTML page and hands on its article text, one paragraph
//! per line, with a title hint first when the page names one. The article
//! is the first of: `#zoomcon`, `.article-content`, `#zoom` (layouts of
//! Chinese government sites), else the `<div>` whose own `<p>` children
//! hold the most text, else `<body>`. Inside it, block elements (`p`, `div`,
//! `li`, `tr`, headings …) and `<br>` end a line; `script`/`style` are
//! skipped. The title hint is `<meta name="ArticleTitle">`, else `<title>`
//! without the site name after `_`, `-` or `|`.

use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node, Selector};

/// Does a decoded text look like an HTML page?
pub(crate) fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html") || head.contains("<body")
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

/// The article text of a page: title hint (if any) then paragraphs; `Err`
/// with the depth reached when the page nests its elements deeper than
/// [`crate::MAX_PAGE_DEPTH`] (see [`crate::html_sink`]).
pub(crate) fn html_text(page: &str) -> Result<String, usize> {
    let doc = crate::html_sink::parse(page, crate::MAX_PAGE_DEPTH)?;
    let title = title_hint(&doc);
    let root = ["#zoomcon", ".article-content", "#zoom"]
        .iter()
        .filter_map(|s| sel(s))
        .find_map(|s| doc.select(&s).next())
        .or_else(|| richest_div(&doc))
        .or_else(|| sel("body").and_then(|s| doc.select(&s).next()));
    let mut lines: Vec<String> = root.map(block_lines).unwrap_or_default();
    if let Some(t) = title {
        let same = |l: &String| squash(l) == squash(&t);
        if !lines.iter().take(3).any(same) {
            lines.insert(0, t);
        }
    }
    Ok(lines.join("\n"))
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn title_hint(doc: &Html) -> Option<String> {
    let meta = sel(r#"meta[name="ArticleTitle"]"#)
        .and_then(|s| doc.select(&s).next())
        .and_then(|m| m.value().attr("content").map(str::trim).map(String::from))
        .filter(|t| !t.is_empty());
    meta.or_else(|| {
        let t: String = doc.select(&sel("title")?).next()?.text().collect();
        let t = t
            .split(['_', '|'])
            .next()?
            .split(" - ")
            .next()?
            .trim()
            .to_string();
        (!t.is_empty()).then_some(t)
    })
}

/// The `<div>` whose direct `<p>` children hold the most text.
fn richest_div(doc: &Html) -> Option<ElementRef<'_>> {
    let div = sel("div")?;
    doc.select(&div)
        .map(|d| {
            let n: usize = d
                .children()
                .filter_map(ElementRef::wrap)
                .filter(|c| c.value().name() == "p")
                .map(|p| p.text().map(|t| t.trim().chars().count()).sum::<usize>())
                .sum();
            (n, d)
        })
        .filter(|(n, _)| *n > 0)
        .max_by_key(|(n, _)| *n)
        .map(|(_, d)| d)
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "section",
    "article",
    "blockquote",
    "ul",
    "ol",
    "td",
    "pre",
];

/// The lines of an element: block elements and `<br>` end a line.
fn block_lines(root: ElementRef<'_>) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    let mut skip = 0usize;
    let flush = |cur: &mut String, lines: &mut Vec<String>| {
        let l = cur.split_whitespace().collect::<Vec<_>>().join(" ");
        if !l.is_empty() {
            lines.push(l);
        }
        cur.clear();
    };
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) if matches!(e.name(), "script" | "style") => skip += 1,
                Node::Element(e) if e.name() == "br" || BLOCKS.contains(&e.name()) => {
                    flush(&mut cur, &mut lines)
                }
                Node::Text(t) if skip == 0 => cur.push_str(t),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(e) if matches!(e.name(), "script" | "style") => {
                    skip = skip.saturating_sub(1)
                }
                Node::Element(e) if BLOCKS.contains(&e.name()) => flush(&mut cur, &mut lines),
                _ => {}
            },
        }
    }
    flush(&mut cur, &mut lines);
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_layout_with_br_paragraphs() {
        let page = "<html><head><title>关于印发某方案的通知_某市人民政府</title></head><body>\
            <div id=\"nav\"><a href=\"/\">首页</a></div>\
            <div id=\"zoom\"><font>一、总体要求<br>到2025年，建成体系。<br/>二、重点任务</font></div></body></html>";
        assert_eq!(
            html_text(page).unwrap(),
            "关于印发某方案的通知\n一、总体要求\n到2025年，建成体系。\n二、重点任务"
        );
    }

    #[test]
    fn richest_div_without_known_selector() {
        let page = "<html><body><div class=\"nav\"><p>首页</p></div>\
            <div class=\"main\"><p>第一条 为了规范管理，制定本办法。</p><p>第二条 本办法适用于本市。</p>\
            <script>var x = 1;</script></div></body></html>";
        assert_eq!(
            html_text(page).unwrap(),
            "第一条 为了规范管理，制定本办法。\n第二条 本办法适用于本市。"
        );
        assert!(looks_like_html("  <!DOCTYPE html><html>"));
        assert!(!looks_like_html("一、总体要求"));
    }
}
