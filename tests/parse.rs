//! Clause trees of real documents (the bundled corpus, the Shanghai
//! regulations in tests/fixtures/external), edge cases, and random inputs.
//!
//! Expected labels and nesting were written by reading the documents, not
//! copied from the parser's output.

mod support;

use std::collections::HashSet;

use policydiff_parse::{outline, parse, Clause, ClauseKind, ClauseTree};
use ClauseKind::*;

// ---------------------------------------------------------------- helpers

/// Check the structural invariants every tree must satisfy, whatever the input.
fn check_invariants(tree: &ClauseTree, input: &str) {
    let mut paths = HashSet::new();
    for (i, c) in tree.clauses.iter().enumerate() {
        assert_eq!(c.index, i);
        assert!(paths.insert(c.path.as_str()), "duplicate path {}", c.path);
        assert!(!c.text.is_empty(), "empty text at {}", c.path);
        assert_eq!(c.original, c.text);
        match c.parent {
            None => assert_eq!(c.depth, 0),
            Some(p) => {
                let pc = &tree.clauses[p];
                assert!(p < i);
                assert!(pc.children.contains(&i));
                assert_eq!(c.depth, pc.depth + 1);
                assert!(
                    c.path.starts_with(&format!("{}/", pc.path)),
                    "{} not under {}",
                    c.path,
                    pc.path
                );
                assert_eq!(c.in_article, pc.in_article || pc.kind == Article);
            }
        }
        for &ch in &c.children {
            assert_eq!(tree.clauses[ch].parent, Some(i));
        }
    }
    // Every paragraph of the input is kept exactly once.
    let kept: Vec<&str> = tree.clauses.iter().flat_map(|c| c.text.lines()).collect();
    let paragraphs = input
        .lines()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .filter(|p| !(p.starts_with("<!--") && p.ends_with("-->")))
        .count();
    assert_eq!(kept.len(), paragraphs, "paragraphs lost or duplicated");
    for line in kept {
        assert!(input.contains(line), "text not from the input: {line}");
    }
    // Units: every clause is a unit of its own or a part of an article.
    let units = tree.units();
    let in_article = tree.clauses.iter().filter(|c| c.in_article).count();
    assert_eq!(units.len() + in_article, tree.clauses.len());
    assert_eq!(outline(tree).lines().count(), tree.clauses.len());
}

fn parsed(input: &str) -> ClauseTree {
    let tree = parse(input);
    check_invariants(&tree, input);
    tree
}

/// The numbered clauses: (path, kind).
fn numbered(tree: &ClauseTree) -> Vec<(String, ClauseKind)> {
    tree.clauses
        .iter()
        .filter(|c| !c.label.is_empty())
        .map(|c| (c.path.clone(), c.kind))
        .collect()
}

fn at<'a>(tree: &'a ClauseTree, path: &str) -> &'a Clause {
    tree.clauses
        .iter()
        .find(|c| c.path == path)
        .unwrap_or_else(|| panic!("no clause {path}:\n{}", outline(tree)))
}

fn kinds(tree: &ClauseTree) -> Vec<ClauseKind> {
    tree.clauses.iter().map(|c| c.kind).collect()
}

fn owned(v: &[(&str, ClauseKind)]) -> Vec<(String, ClauseKind)> {
    v.iter().map(|(p, k)| (p.to_string(), *k)).collect()
}

// ------------------------------------------- Guangdong and Foshan plans

const GD_TITLE: &str = "广东省进一步强化市场主体诉求响应服务工作方案的通知";
const FS_TITLE: &str = "佛山市进一步强化市场主体诉求";

#[test]
fn guangdong_plan_numbers_items_straight_through() {
    let tree = parsed(&support::doc(GD_TITLE).text);
    let expected = owned(&[
        ("一", Item),
        ("二", Item),
        ("二/（一）", SubItem),
        ("二/（一）/1", Point),
        ("二/（一）/2", Point),
        ("二/（一）/3", Point),
        ("二/（二）", SubItem),
        ("二/（二）/4", Point),
        ("二/（二）/5", Point),
        ("二/（二）/6", Point),
        ("二/（二）/7", Point),
        ("二/（二）/8", Point),
        ("二/（三）", SubItem),
        ("二/（三）/9", Point),
        ("二/（三）/10", Point),
        ("三", Item),
        ("三/（一）", SubItem),
        ("三/（二）", SubItem),
        ("三/（三）", SubItem),
    ]);
    assert_eq!(numbered(&tree), expected);
    assert_eq!(at(&tree, "二/（二）/4").label, "4.");
    assert_eq!(at(&tree, "二/（一）").label, "（一）");
    assert_eq!(at(&tree, "二").label, "二、");
}

#[test]
fn guangdong_plan_head() {
    let tree = parsed(&support::doc(GD_TITLE).text);
    assert_eq!(
        &kinds(&tree)[..6],
        &[Title, Cover, Signature, Title, Preamble, Item]
    );
    let c = &tree.clauses;
    assert_eq!(
        c[0].text,
        "广东省人民政府办公厅关于印发广东省进一步强化市场主体诉求响应服务工作方案的通知\n粤办函（2023）41号"
    );
    assert_eq!(c[0].path, "标题");
    assert_eq!(
        c[0].heading.as_deref(),
        Some("广东省人民政府办公厅关于印发广东省进一步强化市场主体诉求响应服务工作方案的通知")
    );
    assert_eq!(c[1].path, "印发通知");
    let cover: Vec<&str> = c[1].text.lines().collect();
    assert_eq!(cover.len(), 2);
    assert_eq!(cover[0], "各地级以上市人民政府，省有关单位：");
    assert!(cover[1].contains("现印发给你们，请认真贯彻执行"));
    assert_eq!(c[2].path, "落款");
    assert_eq!(c[2].text, "省政府办公厅\n2023年3月11日");
    assert_eq!(c[3].path, "标题#2");
    assert_eq!(c[3].text, "广东省进一步强化市场主体诉求响应服务工作方案");
    assert_eq!(c[4].path, "序言");
    assert!(c[4].text.starts_with("为深入贯彻党的二十大精神"));
    assert!(c[4].text.ends_with("制定本方案。"));
    assert!(!c[4].text.contains('\n'));
}

#[test]
fn guangdong_plan_headings_and_bodies() {
    let tree = parsed(&support::doc(GD_TITLE).text);
    let h = |p: &str| at(&tree, p).heading.clone();
    assert_eq!(h("一").as_deref(), Some("工作目标"));
    assert_eq!(h("二").as_deref(), Some("重点任务"));
    assert_eq!(
        h("二/（一）").as_deref(),
        Some("加强用户侧服务，提升平台使用体验")
    );
    assert_eq!(h("二/（一）/1").as_deref(), Some("推进诉求服务标准化"));
    assert_eq!(h("二/（三）/10").as_deref(), Some("强化政策供给数据支撑"));
    assert_eq!(h("三/（一）").as_deref(), Some("加强组织领导"));
    // 一、's body paragraph belongs to it.
    let one = at(&tree, "一");
    assert_eq!(one.text.lines().count(), 2);
    assert!(one
        .text
        .lines()
        .nth(1)
        .unwrap()
        .starts_with("聚焦建立线上线下融合"));
    // A paragraph cut by a page break (corpus lines 235-237, `…积极` / `做好…`)
    // is joined again by the importer and stays with its item; 12345 is not a label.
    let three = at(&tree, "二/（一）/3");
    assert!(three.text.starts_with("3.强化涉企服务互融互通。"));
    assert!(three.text.contains("积极做好涉企政策梳理"));
    assert_eq!(three.text.lines().count(), 1);
    assert!(at(&tree, "二/（一）/1").text.contains("12345平台"));
    // Text of a heading unit does not include its numbered children.
    assert_eq!(
        at(&tree, "二/（一）").text,
        "（一）加强用户侧服务，提升平台使用体验。"
    );
    // No articles: every clause is a unit, with its own text.
    let units = tree.units();
    assert_eq!(units.len(), tree.clauses.len());
    let sub = at(&tree, "二/（一）").index;
    assert_eq!(units[sub].1, tree.clauses[sub].text);
}

#[test]
fn foshan_plan_restarts_points_in_each_section() {
    let tree = parsed(&support::doc(FS_TITLE).text);
    let expected = owned(&[
        ("一", Item),
        ("二", Item),
        ("二/（一）", SubItem),
        ("二/（一）/1", Point),
        ("二/（一）/2", Point),
        ("二/（一）/3", Point),
        ("二/（二）", SubItem),
        ("二/（二）/1", Point),
        ("二/（二）/2", Point),
        ("二/（二）/3", Point),
        ("二/（二）/4", Point),
        ("二/（二）/5", Point),
        ("二/（三）", SubItem),
        ("二/（三）/1", Point),
        ("二/（三）/2", Point),
        ("三", Item),
        ("三/（一）", SubItem),
        ("三/（二）", SubItem),
        ("三/（三）", SubItem),
    ]);
    assert_eq!(numbered(&tree), expected);
    assert_eq!(
        at(&tree, "二/（二）/1").heading.as_deref(),
        Some("完善诉求响应协调机制")
    );
    assert_eq!(
        at(&tree, "二/（三）/2").heading.as_deref(),
        Some("强化政策供给数据支撑")
    );
}

#[test]
fn foshan_plan_head() {
    let tree = parsed(&support::doc(FS_TITLE).text);
    assert_eq!(
        &kinds(&tree)[..6],
        &[Title, Cover, Signature, Title, Preamble, Item]
    );
    let c = &tree.clauses;
    assert_eq!(
        c[0].text,
        "佛山市人民政府办公室关于印发佛山市进一步强化市场主体诉求响应服务工作方案的通知\n佛府办函〔2023〕75号"
    );
    assert!(c[1]
        .text
        .starts_with("各区人民政府，市政府各部门、直属各机构：\n《佛山市进一步强化"));
    assert_eq!(c[2].text, "佛山市人民政府办公室\n2023年6月15日");
    assert_eq!(c[3].text, "佛山市进一步强化市场主体诉求响应服务工作方案");
    // The preamble cites the provincial 文号 inside a sentence: still one preamble.
    assert!(c[4].text.contains("（粤办函〔2023〕41号）"));
    assert!(c[4].text.ends_with("制定本方案。"));
    assert_eq!(
        tree.clauses.iter().filter(|c| c.kind == Preamble).count(),
        1
    );
}

// ------------------------------------------------- 第X条 documents

#[test]
fn dongguan_regulation_chapters_and_articles() {
    let tree = parsed(&support::doc("东莞市优化营商环境条例").text);
    let c = &tree.clauses;
    assert_eq!(c[0].kind, Title);
    assert_eq!(c[0].text, "东莞市优化营商环境条例（草案征求意见稿）");
    assert_eq!(c[1].kind, Title);
    assert_eq!(c[1].text, "《东莞市优化营商环境条例》\n（草案征求意见稿）");
    assert!(!c
        .iter()
        .any(|c| matches!(c.kind, Cover | Signature | Preamble)));

    let chapters: Vec<(&str, Option<&str>)> = c
        .iter()
        .filter(|c| c.kind == Chapter)
        .map(|c| (c.label.as_str(), c.heading.as_deref()))
        .collect();
    assert_eq!(
        chapters,
        [
            ("第一章", Some("总则")),
            ("第二章", Some("市场环境")),
            ("第三章", Some("政务环境")),
            ("第四章", Some("创新环境")),
            ("第五章", Some("法治环境")),
            ("第六章", Some("附则")),
        ]
    );
    // Articles 1..60 in order, each in its chapter (ranges read from the text).
    let articles: Vec<&Clause> = c.iter().filter(|c| c.kind == Article).collect();
    assert_eq!(articles.len(), 60);
    let chapter_of = |n: u32| match n {
        1..=8 => "第一章",
        9..=25 => "第二章",
        26..=38 => "第三章",
        39..=49 => "第四章",
        50..=59 => "第五章",
        _ => "第六章",
    };
    for (k, a) in articles.iter().enumerate() {
        let n = k as u32 + 1;
        let label = format!("第{}条", support::cn(n));
        assert_eq!(a.label, label);
        assert_eq!(a.path, format!("{}/{label}", chapter_of(n)));
        assert!(!a.in_article);
        assert_eq!(a.depth, 1);
    }
    assert_eq!(
        at(&tree, "第一章/第一条").heading.as_deref(),
        Some("立法目的")
    );
    assert_eq!(at(&tree, "第六章/第六十条").heading, None);
    // 第四条: its second paragraph is a 款 of the article.
    let a4 = at(&tree, "第一章/第四条");
    assert_eq!(a4.heading.as_deref(), Some("工作职责"));
    assert_eq!(a4.children.len(), 1);
    let k2 = &c[a4.children[0]];
    assert_eq!(
        (k2.kind, k2.path.as_str(), k2.in_article),
        (Paragraph, "第一章/第四条/款2", true)
    );
    assert!(k2
        .text
        .starts_with("发展和改革部门是优化营商环境工作主管部门"));
    // 第十条: a page break cut its first paragraph (…相 / 关规定…): joined, not a 款.
    let a10 = at(&tree, "第二章/第十条");
    assert!(a10
        .text
        .ends_with("\n关规定，按照规定的权限和程序制定产业引导政策，并向社会公开。"));
    let k: Vec<&str> = a10.children.iter().map(|&i| c[i].path.as_str()).collect();
    assert_eq!(k, ["第二章/第十条/款2", "第二章/第十条/款3"]);
}

#[test]
fn dongguan_units_are_whole_articles() {
    let tree = parsed(&support::doc("东莞市优化营商环境条例").text);
    let units = tree.units();
    // 2 titles + 6 chapters + 60 articles.
    assert_eq!(units.len(), 68);
    let a4 = at(&tree, "第一章/第四条").index;
    let (_, text) = units.iter().find(|(i, _)| *i == a4).unwrap();
    assert!(text.starts_with("第四条【工作职责】"));
    assert!(text.contains("\n发展和改革部门是优化营商环境工作主管部门"));
    assert!(!text.contains("第五条"));
    let a10 = at(&tree, "第二章/第十条").index;
    let (_, text) = units.iter().find(|(i, _)| *i == a10).unwrap();
    assert_eq!(text.lines().count(), 4);
    assert!(text
        .lines()
        .nth(3)
        .unwrap()
        .starts_with("鼓励重点行业和企业实施碳达峰"));
}

#[test]
fn guangzhou_online_measures_articles_with_items() {
    let tree = parsed(&support::doc("广州市网上办事管理办法").text);
    let c = &tree.clauses;
    assert_eq!(
        &kinds(&tree)[..5],
        &[Title, Cover, Signature, Title, Chapter]
    );
    assert_eq!(
        c[0].text,
        "广州市人民政府办公厅关于印发广州市网上办事管理办法的通知\n穗府办规〔2023〕7号"
    );
    assert_eq!(c[2].text, "广州市人民政府办公厅\n2023年5月5日");
    assert_eq!(c[3].text, "广州市网上办事管理办法");

    let chapters: Vec<Option<&str>> = c
        .iter()
        .filter(|c| c.kind == Chapter)
        .map(|c| c.heading.as_deref())
        .collect();
    let expected = [
        "总则",
        "部门及职责",
        "网上办业务规范",
        "网上办事信息管理",
        "网上办事监督",
        "附则",
    ];
    assert_eq!(chapters, expected.map(Some));
    let articles: Vec<&Clause> = c.iter().filter(|c| c.kind == Article).collect();
    assert_eq!(articles.len(), 32);
    for (k, a) in articles.iter().enumerate() {
        assert_eq!(a.label, format!("第{}条", support::cn(k as u32 + 1)));
    }
    // Articles whose first line is only a heading (第一条 目的依据, spaces removed).
    assert_eq!(articles[0].text, "第一条目的依据");
    assert_eq!(articles[0].heading.as_deref(), Some("目的依据"));
    assert_eq!(articles[31].heading.as_deref(), Some("有效期"));
    // 第二条: six paragraphs, each a 款, numbered from 1 (the first line is a heading).
    let a2 = at(&tree, "第一章/第二条");
    let parts: Vec<(&str, bool)> = a2
        .children
        .iter()
        .map(|&i| (c[i].path.as_str(), c[i].text.starts_with("本办法所称")))
        .collect();
    assert_eq!(parts.len(), 6);
    for (k, (p, starts)) in parts.iter().enumerate() {
        assert_eq!(*p, format!("第一章/第二条/款{}", k + 1));
        assert!(starts);
    }
    // 第六条: a lead-in 款 then items （一）…（七）, all parts of the article.
    let a6 = at(&tree, "第二章/第六条");
    let parts: Vec<(&str, ClauseKind)> = a6
        .children
        .iter()
        .map(|&i| (c[i].label.as_str(), c[i].kind))
        .collect();
    assert_eq!(
        parts,
        [
            ("", Paragraph),
            ("（一）", SubItem),
            ("（二）", SubItem),
            ("（三）", SubItem),
            ("（四）", SubItem),
            ("（五）", SubItem),
            ("（六）", SubItem),
            ("（七）", SubItem),
        ]
    );
    assert!(a6
        .children
        .iter()
        .all(|&i| c[i].in_article && c[i].heading.is_none()));
    assert_eq!(at(&tree, "第二章/第六条/（三）").depth, 2);
    // 第三十条: items printed as a Markdown list (`- （一）`) are still items.
    let a30 = at(&tree, "第五章/第三十条");
    let items = a30
        .children
        .iter()
        .filter(|&&i| c[i].kind == SubItem)
        .count();
    assert_eq!(items, 8);
    assert!(at(&tree, "第五章/第三十条/（八）")
        .text
        .starts_with("（八）违反相关法律法规的。"));
}

#[test]
fn guangzhou_online_measures_units_and_closing_signature() {
    let tree = parsed(&support::doc("广州市网上办事管理办法").text);
    let last = tree.clauses.last().unwrap();
    assert_eq!(last.kind, Signature);
    assert_eq!(last.path, "落款#2");
    assert_eq!(
        last.text,
        "公开方式：主动公开\n广州市人民政府办公厅秘书处\n2023年5月18日印发"
    );
    let units = tree.units();
    let article_units: Vec<&(usize, String)> = units
        .iter()
        .filter(|(i, _)| tree.clauses[*i].kind == Article)
        .collect();
    assert_eq!(article_units.len(), 32);
    let a2 = at(&tree, "第一章/第二条").index;
    let (_, t2) = units.iter().find(|(i, _)| *i == a2).unwrap();
    assert_eq!(t2.matches("本办法所称").count(), 6);
    assert!(t2.starts_with("第二条概念解释\n本办法所称网上办事"));
    let a32 = at(&tree, "第六章/第三十二条").index;
    let (_, t32) = units.iter().find(|(i, _)| *i == a32).unwrap();
    assert_eq!(t32, "第三十二条有效期\n本办法自印发之日起实施，有效期5年。");
    // No unit for a part of an article.
    assert!(units.iter().all(|(i, _)| !tree.clauses[*i].in_article));
}

/// Articles of a Shanghai regulation: count, and 第一条…第N条 in order.
fn sh_articles(file: &str) -> (ClauseTree, usize) {
    let text = support::external(file);
    let tree = parsed(&text);
    let articles: Vec<&Clause> = tree.clauses.iter().filter(|c| c.kind == Article).collect();
    for (k, a) in articles.iter().enumerate() {
        assert_eq!(
            a.label,
            format!("第{}条", support::cn(k as u32 + 1)),
            "{file}"
        );
    }
    let n = articles.len();
    (tree, n)
}

#[test]
fn shanghai_regulations_article_counts() {
    // Counts from the README of tests/fixtures/external.
    for (file, articles, chapters) in [
        ("sh-school-injury-2011.md", 28, 0),
        ("sh-school-injury-2024.md", 26, 0),
        ("sh-construction-materials-1999.md", 35, 6),
        ("sh-construction-materials-2024.md", 20, 5),
        ("sh-filing-review-2021.md", 38, 6),
        ("sh-filing-review-2024.md", 42, 6),
    ] {
        let (tree, n) = sh_articles(file);
        assert_eq!(n, articles, "{file}");
        let ch = tree.clauses.iter().filter(|c| c.kind == Chapter).count();
        assert_eq!(ch, chapters, "{file}");
        assert_eq!(tree.clauses[0].kind, Title, "{file}");
    }
}

#[test]
fn shanghai_school_injury_head_and_paragraphs() {
    let (tree, _) = sh_articles("sh-school-injury-2024.md");
    let c = &tree.clauses;
    // `# title` without its Markdown mark; three adoption/amendment lines.
    assert_eq!(c[0].text, "上海市中小学校学生伤害事故处理条例");
    assert_eq!(
        &kinds(&tree)[1..5],
        &[Preamble, Preamble, Preamble, Article]
    );
    assert_eq!(c[3].path, "序言#3");
    // 第五条 has three paragraphs: its own line and two 款.
    let a5 = at(&tree, "第五条");
    let k: Vec<&str> = a5.children.iter().map(|&i| c[i].path.as_str()).collect();
    assert_eq!(k, ["第五条/款2", "第五条/款3"]);
    assert!(c[a5.children[1]]
        .text
        .starts_with("学校应当确保教育教学和生活的设施"));
}

#[test]
fn shanghai_filing_review_sections_and_items() {
    let (tree, _) = sh_articles("sh-filing-review-2021.md");
    let c = &tree.clauses;
    // `### 第一章  总则`: Markdown heading marks and double spaces.
    let ch1 = at(&tree, "第一章");
    assert_eq!(ch1.heading.as_deref(), Some("总则"));
    assert_eq!(ch1.text, "第一章  总则");
    // Chapter 3 has sections; article 13 is in its first section.
    assert_eq!(at(&tree, "第三章/第一节").kind, Section);
    assert_eq!(at(&tree, "第三章/第一节/第十三条").depth, 2);
    // 第二条: two 款, a lead-in 款, then seven items, all parts of the article.
    let a2 = at(&tree, "第一章/第二条");
    let items = a2
        .children
        .iter()
        .filter(|&&i| c[i].kind == SubItem)
        .count();
    assert_eq!(items, 7);
    assert!(a2.children.iter().all(|&i| c[i].in_article));
    let units = tree.units();
    let (_, text) = units.iter().find(|(i, _)| *i == a2.index).unwrap();
    assert!(text.contains("（一）市人民政府制定的规章；"));
}

// ------------------------------------------------------------ edge cases

#[test]
fn empty_and_blank_inputs() {
    for input in ["", "\n", "  \n\u{3000}\n\r\n"] {
        let tree = parsed(input);
        assert!(tree.clauses.is_empty());
        assert_eq!(outline(&tree), "");
        assert!(tree.units().is_empty());
    }
}

#[test]
fn no_numbering_gives_flat_paragraphs() {
    let tree = parsed("这是第一段，没有编号。\n这是第二段。\n\n这是第三段。");
    assert_eq!(kinds(&tree), [Paragraph, Paragraph, Paragraph]);
    let paths: Vec<&str> = tree.clauses.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["段1", "段2", "段3"]);
    assert!(tree
        .clauses
        .iter()
        .all(|c| c.parent.is_none() && c.heading.is_none()));
}

#[test]
fn notice_without_numbering() {
    let tree =
        parsed("关于做好某项工作的通知\n各单位：\n现就有关事项通知如下。\n某某局\n2023年6月1日");
    assert_eq!(kinds(&tree), [Title, Cover, Paragraph, Signature]);
    assert_eq!(tree.clauses[3].text, "某某局\n2023年6月1日");
}

#[test]
fn one_long_paragraph() {
    let corpus = support::CORPUS;
    let line: String = corpus
        .chars()
        .filter(|c| !c.is_whitespace())
        .skip(1000)
        .take(20_000)
        .collect();
    let tree = parsed(&line);
    assert_eq!(tree.clauses.len(), 1);
    assert_eq!(tree.clauses[0].text, line);
    let numbered = format!("1. {line}");
    let tree = parsed(&numbered);
    assert_eq!(tree.clauses.len(), 1);
    assert_eq!(tree.clauses[0].kind, Point);
}

#[test]
fn false_numbering_is_text() {
    let input = "一、工作目标\n到2025年底，完成以下目标。\n2023.5 起开始实施。\n12345热线要加强。\n（2023）41号文件要求。\n1.5倍以上。\n3\n“（一）加强领导”是原文。\n（一）加强领导。";
    let tree = parsed(input);
    assert_eq!(
        numbered(&tree),
        owned(&[("一", Item), ("一/（一）", SubItem)])
    );
    assert_eq!(tree.clauses[0].text.lines().count(), 8);
}

#[test]
fn numbered_lists_of_any_length_keep_every_item() {
    // 1,200 items under one heading, then 1,200 bracketed sub-points under item 1200.
    let mut input = String::from("一、事项清单\n");
    for i in 1..=1_200 {
        input.push_str(&format!("{i}. 第{i}项事项的内容。\n"));
    }
    for i in 1..=1_200 {
        input.push_str(&format!("（{i}）第{i}个细目。\n"));
    }
    let tree = parsed(&input);
    let points: Vec<&Clause> = tree.clauses.iter().filter(|c| c.kind == Point).collect();
    assert_eq!(points.len(), 1_200);
    for (i, c) in (1..).zip(&points) {
        assert_eq!(c.label, format!("{i}."));
        assert_eq!(c.path, format!("一/{i}"));
        assert_eq!(c.text, format!("{i}. 第{i}项事项的内容。"));
    }
    let subs: Vec<&Clause> = tree.clauses.iter().filter(|c| c.kind == SubPoint).collect();
    assert_eq!(subs.len(), 1_200);
    assert_eq!(subs[1_099].path, "一/1200/（1100）");
    assert_eq!(subs[1_099].text, "（1100）第1100个细目。");
    // Full-width digits too.
    let tree = parsed("９９９．甲\n１０００．乙");
    assert_eq!(tree.clauses[1].label, "1000.");
}

#[test]
fn a_long_number_out_of_its_list_is_text() {
    // A year where a list item could be is text of the item before it.
    let tree = parsed("一、目标\n1. 完成任务。\n2. 加强考核。\n2023. 全年力争完成。\n（1）第一步。\n（2024）另行通知。\n3. 其他。");
    assert_eq!(
        numbered(&tree),
        owned(&[
            ("一", Item),
            ("一/1", Point),
            ("一/2", Point),
            ("一/2/（1）", SubPoint),
            ("一/3", Point)
        ])
    );
    assert_eq!(
        at(&tree, "一/2").text,
        "2. 加强考核。\n2023. 全年力争完成。"
    );
    assert_eq!(
        at(&tree, "一/2/（1）").text,
        "（1）第一步。\n（2024）另行通知。"
    );
}

#[test]
fn article_cross_references_and_out_of_order_numbers_are_text() {
    let input = "第一章总则\n第一条【立法目的】为了规范管理，制定本条例。\n第二条【适用范围】本条例适用于本市。\n第一条规定的目的应当落实。\n第三条本条例自公布之日起施行。\n第二条本条所称的单位另行规定。\n第3条 阿拉伯数字的条。";
    let tree = parsed(input);
    assert_eq!(
        numbered(&tree),
        owned(&[
            ("第一章", Chapter),
            ("第一章/第一条", Article),
            ("第一章/第二条", Article),
            ("第一章/第三条", Article),
        ])
    );
    assert_eq!(
        at(&tree, "第一章/第二条").heading.as_deref(),
        Some("适用范围")
    );
    assert_eq!(
        at(&tree, "第一章/第二条/款2").text,
        "第一条规定的目的应当落实。"
    );
    // 第3条 is article 3 again (not increasing): text of 第三条.
    assert_eq!(at(&tree, "第一章/第三条").children.len(), 2);
    let tree = parsed("第1条 甲。\n第2条 乙。\n第3条 丙。");
    assert_eq!(numbered(&tree).len(), 3);
    assert_eq!(tree.clauses[2].label, "第3条");
}

#[test]
fn nesting_follows_the_order_styles_appear_in() {
    let tree = parsed("一、A\n（一）B\n1. C\n（1）D\n①E\n（2）F\n（二）G\n二、H");
    let paths: Vec<String> = numbered(&tree).into_iter().map(|(p, _)| p).collect();
    assert_eq!(
        paths,
        [
            "一",
            "一/（一）",
            "一/（一）/1",
            "一/（一）/1/（1）",
            "一/（一）/1/（1）/①",
            "一/（一）/1/（2）",
            "一/（二）",
            "二"
        ]
    );
    // Starting at 1. : 1. is the top level.
    let tree = parsed("1. 甲\n（1）乙\n（2）丙\n2. 丁");
    let paths: Vec<String> = numbered(&tree).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["1", "1/（1）", "1/（2）", "2"]);
    // Starting at （一）, then 一、 appears later: it goes deeper (first seen, outer).
    let tree = parsed("（一）甲\n1. 乙\n（二）丙");
    let paths: Vec<String> = numbered(&tree).into_iter().map(|(p, _)| p).collect();
    assert_eq!(paths, ["（一）", "（一）/1", "（二）"]);
}

#[test]
fn repeated_paths_get_a_suffix() {
    let tree = parsed("一、甲\n一、乙\n一、丙");
    let paths: Vec<&str> = tree.clauses.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["一", "一#2", "一#3"]);
}

#[test]
fn annexes_are_top_level() {
    let tree = parsed("一、甲\n（一）乙\n附件：清单\n1. 子\n2. 丑\n附件2\n一、寅");
    assert_eq!(
        numbered(&tree),
        owned(&[
            ("一", Item),
            ("一/（一）", SubItem),
            ("附件", Annex),
            ("附件/1", Point),
            ("附件/2", Point),
            ("附件2", Annex),
            ("附件2/一", Item),
        ])
    );
    assert_eq!(at(&tree, "附件").heading.as_deref(), Some("清单"));
}

#[test]
fn cover_with_attachment_list_and_annex_marker() {
    let input = "某局关于印发某某实施方案的通知\n某建规〔2023〕2号\n各有关单位：\n现将《某某实施方案》印发给你们，请认真组织实施。\n特此通知\n附件：某某实施方案\n某某市住房和城乡建设局\n2023年6月16日\n附件\n某某实施方案\n为持续优化营商环境，制定本方案。\n一、指导思想\n坚持问题导向。";
    let tree = parsed(input);
    assert_eq!(
        kinds(&tree),
        [Title, Cover, Signature, Title, Preamble, Item]
    );
    let c = &tree.clauses;
    assert_eq!(
        c[0].text,
        "某局关于印发某某实施方案的通知\n某建规〔2023〕2号"
    );
    assert!(c[1].text.ends_with("特此通知\n附件：某某实施方案"));
    assert_eq!(c[3].text, "附件\n某某实施方案");
    assert_eq!(c[3].heading.as_deref(), Some("某某实施方案"));
    assert_eq!(c[5].text, "一、指导思想\n坚持问题导向。");
}

#[test]
fn bare_plan_and_wrapped_title() {
    let tree = parsed("某某市关于获得用水用气工作政企联席\n会议制度（试行）\n为加强组织领导，制定本制度。\n一、主要职责\n（一）统筹协调。");
    assert_eq!(kinds(&tree), [Title, Preamble, Item, SubItem]);
    assert_eq!(
        tree.clauses[0].heading.as_deref(),
        Some("某某市关于获得用水用气工作政企联席会议制度（试行）")
    );
}

#[test]
fn outline_of_a_real_plan() {
    let tree = parsed(&support::doc(GD_TITLE).text);
    let out = outline(&tree);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "标题 广东省人民政府办公厅关于印发广东省进一步强化市场主体诉求响应服务工作方案的通知"
    );
    assert_eq!(
        lines[3],
        "标题 广东省进一步强化市场主体诉求响应服务工作方案"
    );
    assert!(lines.contains(&"二、 重点任务"));
    assert!(lines.contains(&"  （一） 加强用户侧服务，提升平台使用体验"));
    assert!(lines.contains(&"    10. 强化政策供给数据支撑"));
}

// ---------------------------------------------------------- random inputs

/// A small deterministic pseudo-random generator (64-bit LCG).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[test]
fn random_slices_of_the_corpus() {
    let corpus = support::CORPUS;
    let mut rng = Lcg(0x5eed);
    for _ in 0..300 {
        let a = floor_boundary(corpus, rng.below(corpus.len()));
        let len = [50, 2_000, 40_000][rng.below(3)];
        let b = floor_boundary(corpus, (a + rng.below(len)).min(corpus.len()));
        parsed(&corpus[a..b]);
    }
    parsed(corpus);
}

#[test]
fn random_token_soup() {
    const TOKENS: [&str; 34] = [
        "第",
        "一",
        "十",
        "三",
        "条",
        "章",
        "节",
        "编",
        "、",
        "（",
        "）",
        "(",
        ")",
        "1",
        "2",
        ".",
        "．",
        "\n",
        "\n",
        "附件",
        "：",
        "年",
        "月",
        "日",
        "。",
        "【",
        "】",
        "①",
        "# ",
        "- ",
        " ",
        "\u{3000}",
        "省政府办公厅\n2023年3月11日",
        "各单位：",
    ];
    let mut rng = Lcg(42);
    for _ in 0..2_000 {
        let n = rng.below(120);
        let s: String = (0..n).map(|_| TOKENS[rng.below(TOKENS.len())]).collect();
        parsed(&s);
    }
}

#[test]
fn ten_megabytes() {
    let corpus = support::CORPUS;
    let big = corpus.repeat(10_000_000 / corpus.len() + 1);
    let tree = parse(&big);
    assert!(tree.clauses.len() > 10_000);
    let paths: HashSet<&str> = tree.clauses.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths.len(), tree.clauses.len());
}

#[test]
fn long_article_with_many_paragraphs() {
    // A long first line and thousands of 款: must stay linear (not timed; would hang if quadratic).
    let mut s = format!("第一条{}。\n", "很长的条文".repeat(4_000));
    for _ in 0..20_000 {
        s.push_str("本款内容。\n");
    }
    let tree = parse(&s);
    assert_eq!(tree.clauses.len(), 20_001);
    assert_eq!(tree.clauses[20_000].path, "第一条/款20001");
    assert_eq!(tree.units().len(), 1);
}
