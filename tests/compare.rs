//! The comparison as a whole (`policydiff::compare`) on real documents: the
//! Guangdong complaint-response plan against Foshan's version of it.

mod support;

use policydiff_engine::compare;
use policydiff_model::{CompareOptions, Comparison, KeyDiffKind, OpTag, PairKind};
use policydiff_model::{DiffOptions, Granularity};
use policydiff_segment::Segmenter;

fn gd_fs(opts: &CompareOptions) -> Comparison {
    let gd =
        support::parsed("广东省人民政府办公厅关于印发广东省进一步强化市场主体诉求响应服务工作方案");
    let fs =
        support::parsed("佛山市人民政府办公室关于印发佛山市进一步强化市场主体诉求响应服务工作方案");
    compare(Segmenter::shared(), &gd, &fs, opts)
}

/// The pair whose left unit has this path.
fn by_left_path<'a>(c: &'a Comparison, path: &str) -> &'a policydiff_model::Pair {
    c.pairs
        .iter()
        .find(|p| p.left.as_ref().is_some_and(|u| u.path == path))
        .unwrap_or_else(|| panic!("no pair with left path {path}"))
}

/// The pair of the left clause at path `l` with the right clause at path `r`.
fn pair_at<'a>(c: &'a Comparison, l: &str, r: &str) -> Option<&'a policydiff_model::Pair> {
    c.pairs.iter().find(|p| {
        p.left.as_ref().is_some_and(|u| u.path == l)
            && p.right.as_ref().is_some_and(|u| u.path == r)
    })
}

fn changed_chars(c: &Comparison) -> usize {
    c.pairs
        .iter()
        .flat_map(|p| &p.ops)
        .filter(|o| o.tag != OpTag::Equal)
        .map(|o| o.text.chars().count())
        .sum()
}

#[test]
fn city_copy_of_a_provincial_plan_pairs_every_clause() {
    let c = gd_fs(&CompareOptions::default());
    // Foshan copies Guangdong clause by clause: nothing is one-sided.
    assert!(
        c.pairs
            .iter()
            .all(|p| p.left.is_some() && p.right.is_some()),
        "one-sided pairs: {:?}",
        c.pairs
            .iter()
            .filter(|p| p.left.is_none() || p.right.is_none())
            .map(|p| (
                p.left.as_ref().map(|u| &u.path),
                p.right.as_ref().map(|u| &u.path)
            ))
            .collect::<Vec<_>>()
    );
    // Guangdong numbers items 1–10 straight through; Foshan restarts per section.
    let item4 = by_left_path(&c, "二/（二）/4");
    assert!(item4
        .left
        .as_ref()
        .unwrap()
        .text
        .contains("完善诉求响应协调机制"));
    assert_eq!(item4.right.as_ref().unwrap().path, "二/（二）/1");
    let item9 = by_left_path(&c, "二/（三）/9");
    assert_eq!(item9.right.as_ref().unwrap().path, "二/（三）/1");
    // The summary counts what the pairs say.
    let count = |k: PairKind| c.pairs.iter().filter(|p| p.kind == k).count();
    assert_eq!(c.summary.same, count(PairKind::Same));
    assert_eq!(c.summary.modified, count(PairKind::Modified));
    assert_eq!(c.summary.left_only + c.summary.right_only, 0);
    assert_eq!(
        c.summary.key_diffs,
        c.pairs.iter().map(|p| p.key_diffs.len()).sum::<usize>()
    );
    assert!(c.summary.left_reused > 0.6 && c.summary.left_reused <= 1.0);
    assert!(c.summary.right_reused > 0.6 && c.summary.right_reused <= 1.0);
}

#[test]
fn scope_and_responsible_units_are_key_differences() {
    let c = gd_fs(&CompareOptions::default());
    // 一、工作目标: 省、市、县（市、区）三级 → 省、市、区三级.
    let goal = by_left_path(&c, "一");
    assert!(
        goal.key_diffs
            .iter()
            .any(|k| k.kind == KeyDiffKind::Scope && k.left.contains('县')),
        "{:#?}",
        goal.key_diffs
    );
    // Item 4: lead units move from the province to the city (localisation),
    // and two city bodies with no provincial counterpart join them.
    let item4 = by_left_path(&c, "二/（二）/4");
    let duty: Vec<_> = item4
        .key_diffs
        .iter()
        .filter(|k| k.kind == KeyDiffKind::Responsibility)
        .collect();
    assert!(
        duty.iter().any(|k| k.substantive
            && k.right.contains("市行政服务中心")
            && k.right.contains("市投资促进局")),
        "{duty:#?}"
    );
    let local = item4
        .key_diffs
        .iter()
        .find(|k| k.kind == KeyDiffKind::Localisation)
        .expect("a localisation entry");
    assert!(local
        .substitutions
        .iter()
        .any(|s| s.left == "省政务服务数据管理局" && s.right == "市政务服务数据管理局"));
    // Same clauses carry no key difference.
    for p in c.pairs.iter().filter(|p| p.kind == PairKind::Same) {
        assert!(
            p.key_diffs.is_empty(),
            "{:?}",
            p.left.as_ref().map(|u| &u.path)
        );
    }
}

#[test]
fn options_change_what_counts_as_a_difference() {
    let words = gd_fs(&CompareOptions::default());
    let chars = gd_fs(&CompareOptions {
        diff: DiffOptions {
            granularity: Granularity::Char,
            ..DiffOptions::default()
        },
        ..CompareOptions::default()
    });
    // The same pairs, finer highlighting.
    assert_eq!(words.pairs.len(), chars.pairs.len());
    assert!(changed_chars(&chars) < changed_chars(&words));
    // Guangdong prints its 文号 with （）, Foshan with 〔〕: ignoring width
    // differences does not hide real changes, and never adds any.
    let loose = gd_fs(&CompareOptions {
        diff: DiffOptions {
            ignore_punct_width: true,
            ignore_whitespace: true,
            ..DiffOptions::default()
        },
        ..CompareOptions::default()
    });
    assert!(changed_chars(&loose) <= changed_chars(&words));
    assert!(changed_chars(&loose) > 0);
}

#[test]
fn comparison_is_deterministic_and_round_trips_as_json() {
    let a = gd_fs(&CompareOptions::default());
    let b = gd_fs(&CompareOptions::default());
    assert_eq!(a, b);
    let json = serde_json::to_string(&a).unwrap();
    let back: Comparison = serde_json::from_str(&json).unwrap();
    assert_eq!(a, back);
}

#[test]
fn key_differences_do_not_depend_on_the_display_options() {
    // With whitespace and width ignored the display diff is reused for the key
    // differences; with the defaults they are diffed separately. Same findings.
    let plain = gd_fs(&CompareOptions::default());
    let loose = gd_fs(&CompareOptions {
        diff: DiffOptions {
            ignore_punct_width: true,
            ignore_whitespace: true,
            ..DiffOptions::default()
        },
        ..CompareOptions::default()
    });
    let keys = |c: &Comparison| {
        c.pairs
            .iter()
            .map(|p| p.key_diffs.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&plain), keys(&loose));
    assert!(plain.summary.key_diffs > 20);
}

/// Two documents written independently on one subject (Hainan's provincial
/// tasks, Sanya's city plan): topic-level pairs reach the comparison and its
/// JSON as a kind of their own, `related`, with a strength between 0 and 1,
/// no split/merge group and no key differences but contrasts (what one text
/// says and the other does not is no change); the summary counts them.
#[test]
fn topic_level_pairs_are_related_not_modified() {
    let hn = support::parsed("海南省 2023 年营商环境制度集成创新重点任务");
    let sy = support::parsed("三亚市创建一流营商环境");
    let c = compare(Segmenter::shared(), &hn, &sy, &CompareOptions::default());
    let related: Vec<_> = c
        .pairs
        .iter()
        .filter(|p| p.kind == PairKind::Related)
        .collect();
    assert!(related.len() >= 10, "{} related pairs", related.len());
    assert_eq!(c.summary.related, related.len());
    for p in &related {
        assert!(p.left.is_some() && p.right.is_some());
        assert!(p.similarity > 0.0 && p.similarity < 1.0, "{}", p.similarity);
        assert_eq!(p.group, None);
        // No change is said of it, only contrasts: two values side by side.
        for k in &p.key_diffs {
            assert!(
                k.detail.contains("对比：") && k.detail.contains(" ↔ "),
                "{k:#?}"
            );
            assert!(k
                .parts
                .iter()
                .all(|x| x.contrast && !x.left.is_empty() && !x.right.is_empty()));
        }
    }
    // A Sanya item carrying part of a broad Hainan task: related, not a rewrite.
    let tax = related
        .iter()
        .find(|p| p.left.as_ref().unwrap().text.contains("一体多元服务"))
        .expect("Hainan's tax-service task relates to a Sanya item");
    assert!(tax.right.as_ref().unwrap().text.contains("税"));
    let json = serde_json::to_value(&c).unwrap();
    let kinds: Vec<&str> = json["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["kind"].as_str())
        .collect();
    assert_eq!(
        kinds.iter().filter(|k| **k == "related").count(),
        related.len()
    );
    assert_eq!(json["summary"]["related"], related.len());
}

/// Foshan numbers its items per section (`4.` → `1.`): the changed labels are
/// runs of their own, marked as a renumbering, and nothing else is.
#[test]
fn renumbered_items_mark_only_their_labels() {
    let c = gd_fs(&CompareOptions::default());
    let item4 = by_left_path(&c, "二/（二）/4");
    let marked: Vec<(OpTag, &str)> = item4
        .ops
        .iter()
        .filter(|o| o.renumbered)
        .map(|o| (o.tag, o.text.as_str()))
        .collect();
    assert_eq!(marked, [(OpTag::Delete, "4"), (OpTag::Insert, "1")]);
    // Real changes in the same pair stay changes.
    assert!(item4
        .ops
        .iter()
        .any(|o| o.tag == OpTag::Insert && !o.renumbered && o.text.contains("市行政服务中心")));
    let mut renumbered = 0;
    for p in &c.pairs {
        let (Some(l), Some(r)) = (&p.left, &p.right) else {
            continue;
        };
        let marked: String = p
            .ops
            .iter()
            .filter(|o| o.renumbered)
            .map(|o| o.text.as_str())
            .collect();
        if l.label == r.label {
            assert!(marked.is_empty(), "{}: {marked}", l.path);
        } else {
            // Each side's marked text is within that side's label (`4` of `4.`).
            let side = |tag: OpTag| -> String {
                p.ops
                    .iter()
                    .filter(|o| o.renumbered && o.tag == tag)
                    .map(|o| o.text.as_str())
                    .collect()
            };
            let (ls, rs) = (side(OpTag::Delete), side(OpTag::Insert));
            assert!(!ls.is_empty() && l.label.contains(&ls), "{}: {ls}", l.path);
            assert!(!rs.is_empty() && r.label.contains(&rs), "{}: {rs}", r.path);
            renumbered += 1;
        }
    }
    // Items 4–8 and 9–10 of Guangdong become 1–5 and 1–2 in Foshan.
    assert_eq!(renumbered, 7);
}

/// Huizhou and Haikou wrote their procurement measures independently; where
/// a related pair gives two values for one thing, the comparison says so —
/// contracts signed within 20 days of the award notice in Huizhou, within 5
/// working days in Haikou; payment within 15 days of the invoice, and within
/// 5 working days — and the contrasts are key points of their own, while
/// nothing one text says alone is.
#[test]
fn related_pairs_contrast_the_values_two_texts_give_for_one_thing() {
    let hz = support::parsed("惠州市财政局关于进一步优化政府采购营商环境的通知");
    let hk = support::parsed("海口市优化政府采购营商环境若干措施");
    let c = compare(Segmenter::shared(), &hz, &hk, &CompareOptions::default());
    let contrasts: Vec<(&str, &str, &str)> = c
        .pairs
        .iter()
        .filter(|p| p.kind == PairKind::Related)
        .flat_map(|p| &p.key_diffs)
        .flat_map(|k| &k.parts)
        .map(|x| (x.left.as_str(), x.right.as_str(), x.context.as_str()))
        .collect();
    assert!(
        contrasts.contains(&("20日内", "5个工作日内", "通知书发出之日起")),
        "{contrasts:?}"
    );
    assert!(
        contrasts
            .iter()
            .any(|c| c.0 == "15日内" && c.1 == "5个工作日内"),
        "{contrasts:?}"
    );
    // Only values both texts give: no value of one text alone.
    assert!(contrasts.iter().all(|c| !c.0.is_empty() && !c.1.is_empty()));
    let points: Vec<&str> = c.key_points.iter().map(|p| p.detail.as_str()).collect();
    assert!(
        points.contains(&"时长对比：20日内 ↔ 5个工作日内（通知书发出之日起）"),
        "{points:?}"
    );
    for p in &c.key_points {
        assert!(p.parts.iter().all(|x| x.contrast), "{p:#?}");
    }
    // The counts name them as key differences.
    assert_eq!(
        c.summary.key_diffs,
        c.pairs.iter().map(|p| p.key_diffs.len()).sum::<usize>()
    );
}

/// Hainan's task list carries its own policy interpretation as 附件1
/// (`关于《…》的政策解读`), which restates the tasks: its sections relate to
/// none of Sanya's items (a topic match there would only repeat the task's
/// own), either way round, while the tasks still do; and between two copies
/// of the document the interpretations pair with each other.
#[test]
fn a_documents_own_policy_interpretation_pairs_with_no_provision() {
    let hn = support::parsed("海南省 2023 年营商环境制度集成创新重点任务");
    let sy = support::parsed("三亚市创建一流营商环境");
    let seg = Segmenter::shared();
    let opts = CompareOptions::default();
    // The pairs whose left (or right) unit is in Hainan's 附件1.
    let annexed = |c: &Comparison, left: bool| -> Vec<policydiff_model::Pair> {
        let side = |p: &policydiff_model::Pair| {
            if left {
                p.left.clone()
            } else {
                p.right.clone()
            }
        };
        c.pairs
            .iter()
            .filter(|p| side(p).is_some_and(|u| u.path.starts_with("附件1")))
            .cloned()
            .collect()
    };
    let c = compare(seg, &hn, &sy, &opts);
    let interpreted = annexed(&c, true);
    assert!(interpreted.len() >= 3, "{} annex units", interpreted.len());
    for p in &interpreted {
        assert_eq!(p.kind, PairKind::LeftOnly, "{p:#?}");
    }
    assert!(c.summary.related >= 10, "{:?}", c.summary);
    let back = compare(seg, &sy, &hn, &opts);
    assert!(annexed(&back, false)
        .iter()
        .all(|p| p.kind == PairKind::RightOnly));
    let own = annexed(&compare(seg, &hn, &hn, &opts), true);
    assert_eq!(own.len(), interpreted.len());
    for p in own {
        assert_eq!(p.kind, PairKind::Same, "{p:#?}");
        assert_eq!(
            p.left.as_ref().unwrap().path,
            p.right.as_ref().unwrap().path
        );
    }
}

/// Between two versions of one regulation (Shanghai's construction-materials
/// rules of 1999 and 2024) a deleted or inserted article may offer possible
/// counterparts, but never an article the other version keeps: a rewrite
/// accounts for it, as it does for the aligner's topic-level pairs.
#[test]
fn between_versions_no_kept_article_is_a_possible_counterpart() {
    let doc = |name: &str| policydiff_model::Doc {
        id: None,
        meta: Default::default(),
        tree: policydiff_parse::parse(&support::external(name)),
    };
    let old = doc("sh-construction-materials-1999.md");
    let new = doc("sh-construction-materials-2024.md");
    let c = compare(Segmenter::shared(), &old, &new, &CompareOptions::default());
    let kept = |left: bool, path: &str| {
        c.pairs.iter().any(|p| {
            let u = if left { &p.left } else { &p.right };
            u.as_ref().is_some_and(|u| u.path == path)
                && matches!(
                    p.kind,
                    PairKind::Same | PairKind::Modified | PairKind::Moved
                )
                && p.similarity >= 0.5
        })
    };
    let mut one_sided = 0;
    for p in &c.pairs {
        let left = match (&p.left, &p.right) {
            (Some(_), None) => false,
            (None, Some(_)) => true,
            _ => continue,
        };
        one_sided += 1;
        for s in &p.suggestions {
            assert!(!kept(left, &s.path), "{p:#?}");
        }
    }
    assert!(one_sided >= 15, "{one_sided} one-sided articles");
}

/// A pair made by hand between documents written apart, one part of a
/// one-to-many correspondence the aligner had no evidence for, is shown
/// with the strength of its topic match, measured as the aligner measures
/// its own related pairs, not by the share of words the two texts have in
/// common (nothing, for two texts written apart): Hainan's tax-service task
/// carries Sanya's 多税合一 item, and its 准入即准营 task Sanya's business
/// start-up item (pairs of the reference alignment, neither made nor
/// suggested by the aligner), while the tax-service task paired with an
/// intellectual-property finance item by mistake stays at nothing.
#[test]
fn a_pair_made_by_hand_between_documents_written_apart_has_its_topic_strength() {
    use policydiff_model::{Overrides, PathPair};
    let hn = support::parsed("海南省 2023 年营商环境制度集成创新重点任务");
    let sy = support::parsed("三亚市创建一流营商环境");
    const ENTRY: &str = "二/（一）/1";
    const TAX: &str = "二/（二）/8";
    const START_UP: &str = "二/（一）/1/（1）";
    const TAX_FILING: &str = "二/（二）/9/（26）";
    const IP_RISK: &str = "二/（三）/13/（46）";
    let plain = compare(Segmenter::shared(), &hn, &sy, &CompareOptions::default());
    let offered = |l: &str, r: &str| {
        plain.pairs.iter().any(|p| {
            p.left.as_ref().is_some_and(|u| u.path == l)
                && p.suggestions.iter().any(|s| s.path == r)
                || p.right.as_ref().is_some_and(|u| u.path == r)
                    && p.suggestions.iter().any(|s| s.path == l)
        })
    };
    let forced = [(ENTRY, START_UP), (TAX, TAX_FILING), (TAX, IP_RISK)];
    for (l, r) in forced {
        assert!(
            pair_at(&plain, l, r).is_none() && !offered(l, r),
            "{l} ↔ {r}"
        );
    }
    let opts = CompareOptions {
        overrides: Overrides {
            force: forced.iter().map(|(l, r)| PathPair::new(*l, *r)).collect(),
            ..Default::default()
        },
        ..Default::default()
    };
    let c = compare(Segmenter::shared(), &hn, &sy, &opts);
    let [start_up, filing, wrong] = forced.map(|(l, r)| pair_at(&c, l, r).unwrap().clone());
    for p in [&start_up, &filing, &wrong] {
        // Each of its units has another partner: a part of a one-to-many correspondence.
        assert!(p.manual && p.kind == PairKind::Related, "{:?}", p.kind);
    }
    assert!(wrong.left.as_ref().unwrap().text.contains("一体多元服务"));
    assert!(wrong.right.as_ref().unwrap().text.contains("知识产权"));
    for p in [&start_up, &filing] {
        assert!(p.similarity >= 0.2, "{}", p.similarity);
        assert!(p.similarity > wrong.similarity + 0.15);
    }
    assert!(wrong.similarity < 0.1, "{}", wrong.similarity);
}

/// A pair made by hand that is its clauses' only pair, and that the aligner
/// neither made nor suggested, is a rewrite when the aligner could have made
/// it one (its wording as strong as the weakest rewrite pair it makes), and
/// two texts written apart, related, when it could not: Hainan's
/// ship-registration task with Sanya's cross-border e-commerce item shows no
/// word diff of deletions and insertions; Guangdong's coordination item with
/// Foshan's item 4 of the same section (two items of one plan, worded
/// alike), a rewrite with its word diff.
#[test]
fn a_sole_pair_made_by_hand_is_a_rewrite_only_when_its_wording_could_be_one() {
    use policydiff_model::{Overrides, PathPair};
    let force = |l: &str, r: &str| CompareOptions {
        overrides: Overrides {
            force: vec![PathPair::new(l, r)],
            ..Default::default()
        },
        ..Default::default()
    };
    let hn = support::parsed("海南省 2023 年营商环境制度集成创新重点任务");
    let sy = support::parsed("三亚市创建一流营商环境");
    let (ship, trade) = ("二/（二）/13", "二/（四）/15/（53）");
    let plain = compare(Segmenter::shared(), &hn, &sy, &CompareOptions::default());
    let sole = |c: &Comparison, side_left: bool, path: &str| {
        c.pairs
            .iter()
            .filter(|p| {
                let u = if side_left { &p.left } else { &p.right };
                u.as_ref().is_some_and(|u| u.path == path)
            })
            .count()
    };
    for (left, path) in [(true, ship), (false, trade)] {
        let p = plain
            .pairs
            .iter()
            .find(|p| {
                (if left { &p.left } else { &p.right })
                    .as_ref()
                    .is_some_and(|u| u.path == path)
            })
            .unwrap();
        assert!(p.left.is_none() || p.right.is_none(), "{path} one-sided");
        assert!(p.suggestions.is_empty(), "{path} suggests nothing");
    }
    let c = compare(Segmenter::shared(), &hn, &sy, &force(ship, trade));
    let apart = pair_at(&c, ship, trade).expect("the pair made by hand");
    assert_eq!((sole(&c, true, ship), sole(&c, false, trade)), (1, 1));
    assert!(apart.manual);
    assert_eq!(apart.kind, PairKind::Related, "written apart");
    assert!(apart
        .key_diffs
        .iter()
        .all(|k| k.parts.iter().all(|x| x.contrast)));
    assert!(
        (0.0..0.5).contains(&apart.similarity),
        "{}",
        apart.similarity
    );

    let gd =
        support::parsed("广东省人民政府办公厅关于印发广东省进一步强化市场主体诉求响应服务工作方案");
    let fs =
        support::parsed("佛山市人民政府办公室关于印发佛山市进一步强化市场主体诉求响应服务工作方案");
    let (coord, check) = ("二/（二）/4", "二/（二）/4");
    let c = compare(Segmenter::shared(), &gd, &fs, &force(coord, check));
    let alike = pair_at(&c, coord, check).expect("the pair made by hand");
    assert_eq!((sole(&c, true, coord), sole(&c, false, check)), (1, 1));
    assert_eq!(alike.kind, PairKind::Modified, "worded alike");
    assert!(alike.ops.iter().any(|o| o.tag == OpTag::Delete));
}
