//! Administrative scope: which levels of government a text addresses.
//!
//! Takes two compact texts and hands on [`KeyDiffKind::Scope`] differences.
//! Scope phrases, outside the responsible-unit parentheses (those are
//! [`super::duty`]'s), are of three sorts:
//! - level lists (label `层级`): `省、市、县(市、区)三级`, `省市两级`, `市、区`,
//!   `市级`, `省级` — two or more levels joined by `、`, or ending in `级`;
//! - whole jurisdictions (label `范围`): `全国`, `全省`, `全市`, `全县`, `全区`;
//! - every unit of a level (label `范围`): `各地级以上市`, `各市`, `各县(市、区)`,
//!   `各区`, `各镇(街道)`.
//!
//! Each phrase is reduced to its set of levels (国 省 市 县 区 镇 村; `县(市、区)`
//! is the county level, `地级以上市` the city level, `乡镇`/`街道` the township
//! level, `社区` the village level); phrases are compared as multisets of
//! (sort, levels), so rewording without a change of level is not reported.

use std::sync::LazyLock;

use regex::Regex;

use super::{before, display, duty, pair_changes, Mention};
use crate::compare::{KeyDiff, KeyDiffKind};

const LEVEL: &str = r"(?:国家|省|市|县|区|乡镇|镇|街道|乡|村|社区)级?(?:\([市区县旗、]+\))?";

static LIST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"{LEVEL}(?:、?{LEVEL})*(?:[一二两三四五]级)?")).expect("level list regex")
});
static WHOLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"全(?:国|省|市|县|区)").expect("whole regex"));
static EACH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"各(?:地级以上市|地级市|县\([市区旗、]+\)|县区|县|市|区|镇\(街道\)|镇街|乡镇|镇|街道|村|地)")
        .expect("each regex")
});

/// Levels in canonical order.
const ORDER: [char; 7] = ['国', '省', '市', '县', '区', '镇', '村'];

fn level_set(phrase: &str) -> Vec<char> {
    // Parenthesised alternatives belong to the level before them: 县(市、区) is the county level.
    let mut bare = String::new();
    let mut depth = 0;
    for c in phrase.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ if depth == 0 => bare.push(c),
            _ => {}
        }
    }
    let bare = bare
        .replace("地级以上市", "市")
        .replace("地级市", "市")
        .replace("国家", "国")
        .replace("乡镇", "镇")
        .replace("街道", "镇")
        .replace('乡', "镇")
        .replace("社区", "村");
    if bare == "各地" {
        return vec!['地'];
    }
    ORDER
        .iter()
        .copied()
        .filter(|l| bare.contains(*l))
        .collect()
}

/// A level word followed by one of these is part of another word (`市场`, `区域`).
fn glued(text: &str, end: usize) -> bool {
    text[end..].starts_with(['场', '域', '块', '属'])
}

fn mentions(text: &str) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut push = |label: &'static str, sort: &str, start: usize, phrase: &str| {
        let levels = level_set(phrase);
        if levels.is_empty() {
            return;
        }
        out.push((
            start,
            Mention {
                kind: KeyDiffKind::Scope,
                label,
                key: format!("{sort}:{}", levels.iter().collect::<String>()),
                shown: display(phrase),
                context: before(text, start, 6),
            },
        ));
    };
    for m in LIST.find_iter(text) {
        let p = m.as_str();
        let outside: String = level_outside_parens(p);
        if (outside.contains('、') || p.ends_with('级')) && !glued(text, m.end()) {
            push("层级", "list", m.start(), p);
        }
    }
    for m in WHOLE.find_iter(text) {
        if !glued(text, m.end()) {
            push("范围", "whole", m.start(), m.as_str());
        }
    }
    for m in EACH.find_iter(text) {
        if !glued(text, m.end()) {
            push("范围", "each", m.start(), m.as_str());
        }
    }
    out.sort_by_key(|(start, _)| *start);
    out.into_iter().map(|(_, m)| m).collect()
}

fn level_outside_parens(p: &str) -> String {
    let mut depth = 0;
    p.chars()
        .filter(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth -= 1,
                _ => return depth == 0,
            }
            false
        })
        .collect()
}

/// Scope differences between two compact texts.
pub(super) fn diffs(left: &str, right: &str) -> Vec<KeyDiff> {
    let (l, r) = (duty::without_parens(left), duty::without_parens(right));
    pair_changes(mentions(&l), mentions(&r))
        .into_iter()
        .map(|(l, r)| {
            let label = l.as_ref().or(r.as_ref()).map_or("范围", |m| m.label);
            let shown =
                |m: &Option<Mention>| m.as_ref().map(|m| m.shown.clone()).unwrap_or_default();
            let (ls, rs) = (shown(&l), shown(&r));
            let detail = match (&l, &r) {
                (Some(a), Some(b)) if label == "层级" => {
                    let levels = |m: &Mention| -> Vec<char> {
                        m.key
                            .split_once(':')
                            .map_or(Vec::new(), |(_, l)| l.chars().collect())
                    };
                    let (la, lb) = (levels(a), levels(b));
                    let gone: String = la.iter().filter(|c| !lb.contains(c)).collect();
                    let new: String = lb.iter().filter(|c| !la.contains(c)).collect();
                    let mut what = Vec::new();
                    if !gone.is_empty() {
                        what.push(format!("删除 {}", join_levels(&gone)));
                    }
                    if !new.is_empty() {
                        what.push(format!("新增 {}", join_levels(&new)));
                    }
                    if what.is_empty() {
                        format!("{label}：{ls} → {rs}")
                    } else {
                        format!("{label}：{ls} → {rs}（{}）", what.join("；"))
                    }
                }
                (Some(_), Some(_)) => format!("{label}：{ls} → {rs}"),
                (Some(_), None) => format!("{label}：删除 {ls}"),
                _ => format!("{label}：新增 {rs}"),
            };
            KeyDiff {
                kind: KeyDiffKind::Scope,
                left: ls,
                right: rs,
                detail,
            }
        })
        .collect()
}

fn join_levels(levels: &str) -> String {
    levels
        .chars()
        .map(|c| format!("{c}级"))
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        mentions(s).into_iter().map(|m| m.key).collect()
    }

    #[test]
    fn finds_scope_phrases() {
        assert_eq!(keys("全面建成省、市、县(市、区)三级联动"), ["list:省市县"]);
        assert_eq!(keys("升级省市两级12345平台"), ["list:省市"]);
        assert_eq!(keys("强化全省市场主体诉求"), ["whole:省"]);
        assert_eq!(keys("推动各地级以上市规范上报"), ["each:市"]);
        assert_eq!(keys("各区各部门要着眼"), ["each:区"]);
        assert_eq!(keys("各地各部门要着眼"), ["each:地"]);
        assert!(keys("省市场监管局、商务厅").is_empty());
        assert!(keys("全面落实各市场主体").is_empty());
    }
}
