//! Substantive differences first (issue 12): localisation folded, numbers and
//! obligations with their direction, metadata left out, and the ranked key
//! points of a whole comparison, on documents of the bundled corpus:
//! Guangdong's complaint-response plan (粤办函〔2023〕41号) against Foshan's
//! localised version (佛府办函〔2023〕75号), an edited copy of Guangdong's
//! plan, and unrelated documents.

mod support;

use policydiff_engine::compare;
use policydiff_engine::diff::MAX_POINTS;
use policydiff_model::{
    ClauseKind, Comparison, Direction, Doc, KeyDiff, KeyDiffKind, KeyLabel, KeyPart, KeyPoint,
    Pair, PairKind,
};
use policydiff_segment::Segmenter;

const GD: &str = "广东省人民政府办公厅关于印发广东省进一步强化市场主体诉求响应服务工作方案";
const FS: &str = "佛山市人民政府办公室关于印发佛山市进一步强化市场主体诉求响应服务工作方案";

fn run(l: &Doc, r: &Doc) -> Comparison {
    compare(Segmenter::shared(), l, r, &Default::default())
}

fn gd_fs() -> Comparison {
    run(&support::parsed(GD), &support::parsed(FS))
}

fn kinds(p: &Pair) -> [Option<ClauseKind>; 2] {
    [
        p.left.as_ref().map(|u| u.kind),
        p.right.as_ref().map(|u| u.kind),
    ]
}

fn point<'a>(c: &'a Comparison, kind: KeyDiffKind, text: &str) -> Option<&'a KeyPoint> {
    c.key_points
        .iter()
        .find(|p| p.kind == kind && p.detail.contains(text))
}

#[test]
fn signature_title_and_cover_letter_metadata_are_no_key_differences() {
    let c = gd_fs();
    // The signing dates (2023年3月11日 → 2023年6月15日) and the document
    // numbers differ, but they are metadata.
    let meta: Vec<&Pair> = c
        .pairs
        .iter()
        .filter(|p| {
            kinds(p)
                .iter()
                .any(|k| matches!(k, Some(ClauseKind::Signature | ClauseKind::Title)))
        })
        .collect();
    assert!(meta.iter().any(|p| p.kind == PairKind::Modified));
    for p in &meta {
        assert!(p.key_diffs.is_empty(), "{:#?}", p.key_diffs);
    }
    for k in c.pairs.iter().flat_map(|p| &p.key_diffs) {
        assert!(!k.left.contains("2023年3月11日"), "{k:#?}");
    }
    // The cover letter's addressees and the bodies it names are localised; the
    // letter has no difference of substance.
    let cover = c
        .pairs
        .iter()
        .find(|p| kinds(p) == [Some(ClauseKind::Cover); 2])
        .expect("the cover letters are paired");
    assert!(!cover.key_diffs.is_empty());
    assert!(cover.key_diffs.iter().all(|k| !k.substantive), "{cover:#?}");
}

#[test]
fn localisation_is_one_entry_per_pair_and_never_substantive() {
    let c = gd_fs();
    let mut total = 0;
    for p in &c.pairs {
        let local: Vec<_> = p
            .key_diffs
            .iter()
            .filter(|k| k.kind == KeyDiffKind::Localisation)
            .collect();
        assert!(local.len() <= 1, "{:#?}", p.key_diffs);
        for l in local {
            assert!(!l.substantive && l.direction.is_none());
            assert_eq!(l.count, Some(l.substitutions.len()));
            assert_eq!(l.detail, format!("本地化替换 {} 处", l.substitutions.len()));
            total += l.substitutions.len();
        }
        // Only localisation is not substantive.
        for k in &p.key_diffs {
            assert_eq!(k.substantive, k.kind != KeyDiffKind::Localisation, "{k:#?}");
        }
    }
    assert_eq!(c.summary.localisation, total);
    assert!(total >= 40, "{total}");
    // No counterpart pair is left as a difference of substance.
    let counterparts = [
        ("省商务厅", "市商务局"),
        ("省发展改革委", "市发展改革"),
        ("省工业和信息化厅", "市工业和信息化局"),
        ("省有关单位", "市有关单位"),
        ("各地级以上市政府", "各区人民政府"),
        ("全省", "全市"),
        ("省级", "市级"),
        ("省政务服务数据管理局", "市政务服务数据管理局"),
    ];
    for k in c.pairs.iter().flat_map(|p| &p.key_diffs) {
        if !k.substantive {
            continue;
        }
        for (a, b) in counterparts {
            assert!(
                !(k.left.contains(a) && k.right.contains(b)),
                "{a} → {b}: {k:#?}"
            );
        }
        assert!(!k.left.contains("省商务厅"), "{k:#?}");
    }
    // Item 4's lead units, in text order: the province's list becomes the city's.
    let item4 = c
        .pairs
        .iter()
        .find(|p| p.left.as_ref().is_some_and(|u| u.path == "二/（二）/4"))
        .unwrap();
    let subs: Vec<(&str, &str)> = item4
        .key_diffs
        .iter()
        .flat_map(|k| &k.substitutions)
        .map(|s| (s.left.as_str(), s.right.as_str()))
        .collect();
    let at = |x: (&str, &str)| subs.iter().position(|s| *s == x);
    let business = at(("省商务厅", "市商务局")).expect("省商务厅 → 市商务局");
    let agriculture = at(("省农业农村厅", "市农业农村局")).expect("农业农村");
    assert!(business < agriculture, "{subs:?}");
}

#[test]
fn key_points_lead_with_what_foshan_changed() {
    let c = gd_fs();
    let points = &c.key_points;
    assert!(
        !points.is_empty() && points.len() <= MAX_POINTS,
        "{points:#?}"
    );
    // A body with no provincial counterpart made lead unit, on several items.
    let centre = point(
        &c,
        KeyDiffKind::Responsibility,
        "新增牵头单位：市行政服务中心",
    )
    .unwrap_or_else(|| panic!("{points:#?}"));
    assert!(centre.left_path.is_some() && centre.right_path.is_some());
    assert!(centre.detail.contains("处"), "{}", centre.detail);
    for unit in ["市投资促进局", "市政府督查室"] {
        assert!(
            point(&c, KeyDiffKind::Responsibility, unit).is_some(),
            "{unit}: {points:#?}"
        );
    }
    // The goal is now reached under the province's coordination.
    let cond = point(&c, KeyDiffKind::Condition, "在省的统筹下").expect("condition");
    assert_eq!(cond.left_path.as_deref(), Some("一"));
    // The three-level mechanism: 县 replaced by 区.
    assert!(
        point(&c, KeyDiffKind::Scope, "删除 县级").is_some(),
        "{points:#?}"
    );
    // Localisation never, and no point said twice.
    assert!(points.iter().all(|p| p.kind != KeyDiffKind::Localisation));
    let details: std::collections::HashSet<&str> =
        points.iter().map(|p| p.detail.as_str()).collect();
    assert_eq!(details.len(), points.len());
    // The new lead unit comes before the scope findings.
    let rank = |p: &KeyPoint| points.iter().position(|q| q.id == p.id).unwrap();
    let scope = points
        .iter()
        .find(|p| p.kind == KeyDiffKind::Scope)
        .unwrap();
    assert!(rank(centre) < rank(scope));
    // Ids are stable and distinct.
    let again = gd_fs();
    let ids: Vec<&str> = points.iter().map(|p| p.id.as_str()).collect();
    let ids_again: Vec<&str> = again.key_points.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, ids_again);
    let distinct: std::collections::HashSet<&&str> = ids.iter().collect();
    assert_eq!(distinct.len(), ids.len());
}

#[test]
fn edited_copy_reports_each_change_with_its_direction() {
    let original = support::doc(GD);
    let mut edited = original.clone();
    let edits = [
        // An earlier deadline and a lower count in the goal.
        ("在2023年底前", "在2023年9月底前"),
        ("梳理不少于50类", "梳理不少于30类"),
        // A qualifier added.
        ("，全面建成省、市、县", "，原则上全面建成省、市、县"),
        // A lead unit with no counterpart among the old ones.
        (
            "（省政务服务数据管理局牵头，各地级以上市政府按职责分工负责）",
            "（省政务服务数据管理局、统计局牵头，各地级以上市政府按职责分工负责）",
        ),
    ];
    // The imported text has the corpus's spurious spaces removed.
    for (from, to) in edits {
        assert_eq!(edited.text.matches(from).count(), 1, "{from}");
        edited.text = edited.text.replace(from, to);
    }
    let c = run(&support::to_compare(original), &support::to_compare(edited));
    let deadline = point(&c, KeyDiffKind::Deadline, "2023年9月底前").expect("deadline");
    assert_eq!(deadline.direction, Some(Direction::Stricter));
    assert_eq!(deadline.detail, "时限：2023年底前 → 2023年9月底前");
    let count = point(&c, KeyDiffKind::Quantity, "30类").expect("count");
    assert_eq!(count.direction, Some(Direction::Looser));
    assert!(point(&c, KeyDiffKind::Condition, "新增 原则上").is_some());
    let unit = point(&c, KeyDiffKind::Responsibility, "省统计局").expect("new lead unit");
    assert_eq!(unit.detail, "新增牵头单位：省统计局");
    // An edit at the same level localises nothing.
    assert_eq!(c.summary.localisation, 0);
    assert_eq!(c.key_points.len(), 4, "{:#?}", c.key_points);
}

#[test]
fn unrelated_documents_give_few_points_and_no_localisation() {
    let pairs = [
        (GD, "广州市人民政府办公厅关于印发广州市网上办事管理办法"),
        (
            "深圳市人民政府办公厅关于印发深圳市打造一流质量品",
            "湖北省人民政府办公厅关于加快建设高质量人力资源",
        ),
        (
            "广东省人民政府办公厅关于印发广东省推进招商引资高",
            "佛山市政务服务数据管理局关于进一步健全招标投标",
        ),
    ];
    for (l, r) in pairs {
        let c = run(&support::parsed(l), &support::parsed(r));
        assert!(c.key_points.len() <= 2, "{l} / {r}: {:#?}", c.key_points);
        assert_eq!(c.summary.localisation, 0, "{l} / {r}");
        assert!(c
            .pairs
            .iter()
            .flat_map(|p| &p.key_diffs)
            .all(|k| k.kind != KeyDiffKind::Localisation));
    }
}

/// The duty points (new or removed task items) of a comparison, in rank order.
fn duty_points(c: &Comparison) -> Vec<&KeyPoint> {
    c.key_points
        .iter()
        .filter(|p| matches!(p.kind, KeyDiffKind::DutyRemoved | KeyDiffKind::DutyAdded))
        .collect()
}

#[test]
fn edited_copy_reports_the_task_items_removed_and_added() {
    let original = support::doc(GD);
    let mut edited = original.clone();
    // Item 9 (with its lead units) and the third safeguard (no lead unit)
    // removed, item 10 renumbered, a new item 10 with a lead unit added (the
    // imported text has the corpus's spurious spaces removed).
    let item9 = original
        .text
        .split('\n')
        .find(|l| l.starts_with("9.加强涉企问题总结梳理"))
        .expect("item 9");
    let promo = original
        .text
        .split('\n')
        .find(|l| l.starts_with("（三）做好宣传推广"))
        .expect("the third safeguard");
    let new = "10.建立诉求响应专家咨询制度。组建由行业协会、研究机构和企业代表组成的专家咨询组，\
               每半年对诉求响应工作开展一次评估，提出改进建议。（省政务服务数据管理局牵头，省有关单位按职责分工负责）";
    let edits = [
        (format!("{item9}\n"), String::new()),
        (
            "10.强化政策供给数据支撑".to_string(),
            "9.强化政策供给数据支撑".to_string(),
        ),
        ("三、保障措施".to_string(), format!("{new}\n\n三、保障措施")),
        (format!("\n{promo}"), String::new()),
    ];
    for (from, to) in &edits {
        assert_eq!(edited.text.matches(from.as_str()).count(), 1, "{from}");
        edited.text = edited.text.replace(from.as_str(), to);
    }
    let c = run(&support::to_compare(original), &support::to_compare(edited));
    let duties: Vec<(KeyDiffKind, &str, Option<&str>, Option<&str>)> = duty_points(&c)
        .iter()
        .map(|p| {
            (
                p.kind,
                p.detail.as_str(),
                p.left_path.as_deref(),
                p.right_path.as_deref(),
            )
        })
        .collect();
    // Exactly those three, the two with a lead unit first.
    assert_eq!(
        duties,
        [
            (
                KeyDiffKind::DutyRemoved,
                "删除任务：加强涉企问题总结梳理",
                Some("二/（三）/9"),
                None
            ),
            (
                KeyDiffKind::DutyAdded,
                "新增任务：建立诉求响应专家咨询制度",
                None,
                Some("二/（三）/10")
            ),
            (
                KeyDiffKind::DutyRemoved,
                "删除任务：做好宣传推广",
                Some("三/（三）"),
                None
            ),
        ],
        "{:#?}",
        c.key_points
    );
    assert!(duty_points(&c).iter().all(|p| p.direction.is_none()));
    // Nothing else changed in substance.
    assert_eq!(c.key_points.len(), 3, "{:#?}", c.key_points);
    // A bare heading dropped is no duty.
    let original = support::doc(GD);
    let mut edited = original.clone();
    edited.text = edited
        .text
        .replace("（一）加强用户侧服务，提升平台使用体验。\n", "");
    assert_ne!(edited.text, original.text);
    let c = run(&support::to_compare(original), &support::to_compare(edited));
    assert!(duty_points(&c).is_empty(), "{:#?}", c.key_points);
}

#[test]
fn unrelated_documents_drop_and_add_no_duties() {
    // Plans of the same province, full of numbered tasks with lead units,
    // written independently: none of their tasks is a new or removed duty.
    let pairs = [
        (GD, "广东省“数字政府2.0”建设全面深化涉企政务服务若干措施"),
        (GD, "广东省人民政府办公厅关于印发广东省培育扶持个体工商户"),
        ("广东省人民政府办公厅关于印发广东省推进招商引资高", FS),
        (
            "深圳市人民政府办公厅关于印发深圳市打造一流质量品",
            "湖北省人民政府办公厅关于加快建设高质量人力资源",
        ),
    ];
    for (l, r) in pairs {
        let c = run(&support::parsed(l), &support::parsed(r));
        assert!(duty_points(&c).is_empty(), "{l} / {r}: {:#?}", c.key_points);
        assert!(c.key_points.len() <= 2, "{l} / {r}: {:#?}", c.key_points);
    }
}

#[test]
fn real_revisions_report_their_new_and_removed_duties() {
    // Guangdong → Foshan: Foshan renumbers and rewrites, but keeps every
    // task item (each unit is paired): no duty is new or removed.
    let c = gd_fs();
    assert!(c
        .pairs
        .iter()
        .all(|p| !matches!(p.kind, PairKind::LeftOnly | PairKind::RightOnly)));
    assert!(duty_points(&c).is_empty(), "{:#?}", c.key_points);
    // Shanghai's filing-review regulation, 2021 → 2024: four articles
    // inserted, none deleted (see the gold reference); the first three are
    // said, in reading order, each with its right clause only.
    let (l, r) = support::gold::Reference::named("sh-filing-review").docs();
    let c = run(&l, &r);
    let added: Vec<(&str, Option<&str>, Option<&str>)> = duty_points(&c)
        .iter()
        .map(|p| {
            assert_eq!(p.kind, KeyDiffKind::DutyAdded, "{p:#?}");
            (
                p.detail.as_str(),
                p.left_path.as_deref(),
                p.right_path.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        added,
        [
            (
                "新增任务：备案审查工作应当贯彻全过程人民民主理念，…",
                None,
                Some("第一章/第九条")
            ),
            (
                "新增任务：市人大常委会按照有备必审的要求完善审查工…",
                None,
                Some("第三章/第一节/第十四条")
            ),
            (
                "新增任务：规范性文件存在涉及其他机关备案审查职责范…",
                None,
                Some("第三章/第一节/第二十二条")
            ),
        ]
    );
    assert_eq!(
        added.len(),
        policydiff_engine::diff::MAX_DUTY_POINTS_PER_SIDE
    );
    // Shanghai's construction-materials regulation, 1999 → 2024: the licence
    // chapter's articles dropped (the chapter heading itself is no duty), a
    // supervision duty added; at most MAX_DUTY_POINTS in all.
    let (l, r) = support::gold::Reference::named("sh-construction-materials").docs();
    let c = run(&l, &r);
    let duties = duty_points(&c);
    assert!(duties.len() <= policydiff_engine::diff::MAX_DUTY_POINTS);
    let removed = |path: &str| {
        duties
            .iter()
            .any(|p| p.kind == KeyDiffKind::DutyRemoved && p.left_path.as_deref() == Some(path))
    };
    assert!(removed("第二章/第四条"), "{duties:#?}");
    assert!(!removed("第二章"), "{duties:#?}");
    let new = duties
        .iter()
        .find(|p| p.kind == KeyDiffKind::DutyAdded)
        .expect("a new duty");
    assert_eq!(new.right_path.as_deref(), Some("第二章/第十条"));
    assert!(new
        .detail
        .starts_with("新增任务：市、区建设行政管理部门应当会同"));
    for p in &duties {
        // One side only: the clause that has the task.
        assert_ne!(p.left_path.is_some(), p.right_path.is_some(), "{p:#?}");
        let pair = c
            .pairs
            .iter()
            .find(|q| {
                q.left.as_ref().map(|u| u.path.as_str()) == p.left_path.as_deref()
                    && q.right.as_ref().map(|u| u.path.as_str()) == p.right_path.as_deref()
            })
            .expect("the point's pair");
        assert!(matches!(
            pair.kind,
            PairKind::LeftOnly | PairKind::RightOnly
        ));
    }
}

/// Every key difference and key point is also handed on in parts (what a
/// front end words in another language): each part's values and quoted
/// context are the sentence's own, its label is the one the sentence says,
/// and a point's count is the one its sentence gives.
#[test]
fn every_key_difference_and_point_is_also_said_in_parts() {
    let mut comparisons = vec![gd_fs()];
    for name in ["sh-filing-review", "sh-construction-materials"] {
        let (l, r) = support::gold::Reference::named(name).docs();
        comparisons.push(run(&l, &r));
    }
    let mut labels = std::collections::HashSet::new();
    let check = |kind: KeyDiffKind, detail: &str, parts: &[KeyPart]| {
        assert!(!parts.is_empty(), "{kind:?}: {detail}");
        for part in parts {
            assert!(
                !(part.left.is_empty() && part.right.is_empty()),
                "{detail}: {part:?}"
            );
            for value in [&part.left, &part.right, &part.context] {
                assert!(detail.contains(value.as_str()), "{detail}: {part:?}");
            }
            // A scope finding of levels and other phrases says 范围 for both.
            if kind != KeyDiffKind::Scope {
                assert!(detail.contains(part.label.zh()), "{detail}: {part:?}");
            }
        }
    };
    for c in &comparisons {
        for k in c.pairs.iter().flat_map(|p| &p.key_diffs) {
            if k.kind == KeyDiffKind::Localisation {
                assert!(k.parts.is_empty(), "{k:#?}");
                continue;
            }
            check(k.kind, &k.detail, &k.parts);
            labels.extend(k.parts.iter().map(|p| p.label));
        }
        for p in &c.key_points {
            check(p.kind, &p.detail, &p.parts);
            assert!(p.count >= 1);
            let said = format!("（{} 处）", p.count);
            assert_eq!(p.count > 1, p.detail.ends_with(&said), "{p:#?}");
            labels.extend(p.parts.iter().map(|p| p.label));
        }
    }
    // These comparisons between them change deadlines, scope, units,
    // obligations and task items.
    for label in [
        KeyLabel::LeadUnit,
        KeyLabel::Obligation,
        KeyLabel::Task,
        KeyLabel::Level,
    ] {
        assert!(labels.contains(&label), "{label:?} in {labels:?}");
    }
}

// ---- Shanwei's and Foshan's approval-reform plans -----------------------

/// Shanwei's plan for classified approval of construction projects
/// (汕建规字〔2023〕2号) and Foshan's (2023-05-30), both written from the
/// province's guidance: many clauses alike, the units said in two styles,
/// `（市自然资源局牵头，市发展改革局等有关部门配合）` and
/// `（牵头单位：市自然资源局；责任单位：各区人民政府）`.
const SW_APPROVAL: &str = "汕尾市深化工程建设项目审批分类改革实施方案";
const FS_APPROVAL: &str = "佛山市工程建设项目分级分类审批管理实施方案";

fn sw_fs_approval() -> Comparison {
    run(&support::parsed(SW_APPROVAL), &support::parsed(FS_APPROVAL))
}

/// The pair of two clauses, by their paths.
fn pair_at<'a>(c: &'a Comparison, left: &str, right: &str) -> &'a Pair {
    c.pairs
        .iter()
        .find(|p| {
            p.left.as_ref().is_some_and(|u| u.path == left)
                && p.right.as_ref().is_some_and(|u| u.path == right)
        })
        .unwrap_or_else(|| panic!("{left} / {right} are not paired"))
}

#[test]
fn labelled_responsibility_annotations_are_read_by_role() {
    let c = sw_fs_approval();
    // 市自然资源局 leads on both sides; Foshan names the districts where
    // Shanwei named the other departments.
    let p = pair_at(&c, "五/（一）/1", "三/（一）/1");
    let resp: Vec<&str> = p
        .key_diffs
        .iter()
        .filter(|k| k.kind == KeyDiffKind::Responsibility)
        .map(|k| k.detail.as_str())
        .collect();
    assert_eq!(
        resp,
        ["参与单位：删除 市发展改革局等有关部门；新增 各区人民政府"],
        "{:#?}",
        p.key_diffs
    );
    // No label is taken for a unit, anywhere.
    for k in c.pairs.iter().flat_map(|p| &p.key_diffs) {
        for text in [&k.left, &k.right] {
            assert!(
                !text.contains("单位：") && !text.contains("单位:"),
                "{k:#?}"
            );
        }
    }
    assert!(
        point(
            &c,
            KeyDiffKind::Responsibility,
            "删除牵头单位：市自然资源局"
        )
        .is_none(),
        "{:#?}",
        c.key_points
    );
}

#[test]
fn a_level_prefix_is_carried_only_over_a_list_that_omits_it() {
    // `（牵头单位：市住房城乡建设局、市水利局、市政务服务数据管理局、佛山供电局；…）`:
    // the list writes 市 on each city bureau; the power company is no 市佛山供电局.
    let c = sw_fs_approval();
    let named: Vec<&KeyDiff> = c
        .pairs
        .iter()
        .flat_map(|p| &p.key_diffs)
        .filter(|k| k.kind == KeyDiffKind::Responsibility && k.right.contains("佛山供电局"))
        .collect();
    assert!(!named.is_empty());
    for k in named {
        assert!(!k.right.contains("市佛山供电局"), "{k:#?}");
    }
}

#[test]
fn a_unit_written_two_ways_is_the_same_unit() {
    // Shanwei's 市住房城乡建设局 is Foshan's 市住房和城乡建设局: still the lead;
    // 市自然资源局, which Shanwei had participate, now leads too.
    let c = sw_fs_approval();
    let p = pair_at(&c, "五/（二）/7", "三/（三）/3");
    let lead: Vec<&str> = p
        .key_diffs
        .iter()
        .filter(|k| k.detail.starts_with("牵头单位"))
        .map(|k| k.detail.as_str())
        .collect();
    assert_eq!(lead, ["牵头单位：新增 市自然资源局"], "{:#?}", p.key_diffs);
    // Nowhere is one removed for the other.
    for k in c.pairs.iter().flat_map(|p| &p.key_diffs) {
        assert!(
            !(k.left.contains("市住房城乡建设局") && k.right.contains("市住房和城乡建设局")),
            "{k:#?}"
        );
    }
}

#[test]
fn numbers_and_scope_in_the_title_of_a_cited_document_are_no_values() {
    // Foshan's two approval plans: the 益晒你 plan's cover letter cites
    // 《…行动方案（2023年度版）》 and names itself 《…（2023年修订版）》, the
    // other's does not. The year of a cited title is no date of the text.
    let c = run(
        &support::parsed(FS_APPROVAL),
        &support::parsed("佛山市工程建设项目高效审批“益晒你”行动方案"),
    );
    let cover = pair_at(&c, "印发通知", "印发通知");
    assert!(
        cover
            .key_diffs
            .iter()
            .all(|k| k.kind != KeyDiffKind::Deadline),
        "{:#?}",
        cover.key_diffs
    );
    assert!(
        c.key_points.iter().all(|p| !p.detail.contains("2023年")),
        "{:#?}",
        c.key_points
    );
    // Haikou's procurement measures cite 《海南自由贸易港进一步优化营商环境行动
    // 方案（2022-2025年）》 and 《中共中央国务院关于加快建设全国统一大市场的意见》
    // is Huizhou's: neither the years nor 全国 of those titles are values.
    let c = run(
        &support::parsed("惠州市财政局关于进一步优化政府采购营商环境的通知"),
        &support::parsed("海口市优化政府采购营商环境若干措施"),
    );
    for k in c.pairs.iter().flat_map(|p| &p.key_diffs) {
        assert!(!k.detail.contains("2022-2025年"), "{k:#?}");
    }
}

#[test]
fn a_heading_is_no_clause_of_the_sentence_under_it() {
    // Shantou's bidding notice (汕住建通〔2023〕10号) puts 招标人应当… on the line
    // under its heading `（二）规范招标文件编制和发布`; Foshan's (佛政数〔2023〕8号)
    // writes `（三）规范招标文件编制和发布。招标人应当…`. The heading is no
    // clause that lost its 应当.
    let c = run(
        &support::parsed("汕头市住房和城乡建设局关于进一步优化房屋市政工程施工招标投标"),
        &support::parsed("佛山市政务服务数据管理局关于进一步健全招标投标"),
    );
    let p = pair_at(&c, "二/（二）", "一/（三）");
    for k in &p.key_diffs {
        assert!(!k.detail.contains("应当 → 无"), "{k:#?}");
    }
}

#[test]
fn changed_numbers_are_paired_by_what_they_are_about() {
    // The goals of the two plans: time limits for several kinds of project,
    // each after the same words `…全流程行政审批时间控制在`. Shanwei's old
    // housing estates take 7 working days, Foshan's 15; Shanwei's utility
    // connections 3, which Foshan exempts from approval instead.
    let c = sw_fs_approval();
    let p = pair_at(&c, "二", "一");
    let limits = p
        .key_diffs
        .iter()
        .find(|k| k.kind == KeyDiffKind::Quantity)
        .unwrap_or_else(|| panic!("{:#?}", p.key_diffs));
    // Each says what it is about: the kind of project its clause opens with.
    assert_eq!(
        limits.detail,
        "时长：8个工作日内 → 10个工作日内（社会投资简易低风险项目）；\
         7个工作日内 → 15个工作日内（城镇老旧小区及既有建筑改造项目）；\
         删除 3个工作日内（市政公用基础设施外线工程建设项目）；\
         新增 12个工作日内（带方案出让工业用地项目）；新增 20个工作日内（电网工程项目）；\
         新增 5个工作日内（5G基站建设项目）",
    );
    // The parts carry the same subjects, for the English wording.
    let about: Vec<&str> = limits.parts.iter().map(|p| p.context.as_str()).collect();
    assert_eq!(
        about,
        [
            "社会投资简易低风险项目",
            "城镇老旧小区及既有建筑改造项目",
            "市政公用基础设施外线工程建设项目",
            "带方案出让工业用地项目",
            "电网工程项目",
            "5G基站建设项目",
        ]
    );
    // Both limits that changed are longer; an added or removed limit has no
    // direction of its own and does not blur theirs: looser, so the line
    // ranks with the other clear number changes and makes a key point.
    assert_eq!(limits.direction, Some(Direction::Looser));
    assert!(
        c.key_points.iter().any(|k| k.detail == limits.detail),
        "{:#?}",
        c.key_points
    );
}

#[test]
fn a_value_removed_in_two_places_is_said_once() {
    // Shanwei's old-estate clause gives 办理时限不超过5个工作日 twice and 3个工作日
    // once; the Foshan clause the aligner relates it to has none of them.
    // A related pair has no key differences in a comparison but its
    // contrasts (none here: the Foshan clause gives no time limit), so the
    // two clauses are set against each other directly, as for a rewrite.
    let c = sw_fs_approval();
    let p = pair_at(&c, "五/（三）", "三/（四）");
    assert_eq!(p.kind, PairKind::Related);
    assert!(p.key_diffs.is_empty(), "{:#?}", p.key_diffs);
    let text = |u: &Option<policydiff_model::UnitView>| u.as_ref().unwrap().text.clone();
    let found = policydiff_engine::diff::key_diffs(&text(&p.left), &text(&p.right));
    let limits = found
        .iter()
        .find(|k| k.kind == KeyDiffKind::Quantity)
        .unwrap_or_else(|| panic!("{found:#?}"));
    // Both clauses open with 办理时限: a subject both share would not tell
    // the two values apart, so none is said.
    assert_eq!(limits.detail, "时长：删除 5个工作日；删除 3个工作日");
}

#[test]
fn the_short_modal_ying_is_an_obligation() {
    // Guangdong's procurement-needs notice (粤财采购函〔2023〕29号): 采购人可以
    // 根据实际情况确定…审查的具体采购项目范围; Huizhou's procurement notice:
    // 各采购单位应明确本单位…审查的具体采购项目范围. 可以 became 应, not nothing.
    let c = run(
        &support::parsed("广东省财政厅关于进一步加强政府采购需求管理工作的通知"),
        &support::parsed("惠州市财政局关于进一步优化政府采购营商环境的通知"),
    );
    let ob = point(&c, KeyDiffKind::Obligation, "可以").expect("the obligation point");
    assert!(ob.detail.starts_with("义务强度：可以 → 应（"), "{ob:#?}");
    assert_eq!(ob.direction, Some(Direction::Stricter));
    // 应 and 应当 are the same word: Shantou's bidding notice written with 应
    // has no obligation changed.
    let st = support::doc("汕头市住房和城乡建设局关于进一步优化房屋市政工程施工招标投标");
    let mut edited = st.clone();
    edited.text = edited.text.replace("应当", "应");
    assert_ne!(edited.text, st.text);
    let c = run(&support::to_compare(st), &support::to_compare(edited));
    for k in c.pairs.iter().flat_map(|p| &p.key_diffs) {
        assert_ne!(k.kind, KeyDiffKind::Obligation, "{k:#?}");
    }
}

#[test]
fn an_obligation_change_says_only_the_words_that_changed() {
    // Shantou: 建立依法必须招标项目招标文件公平竞争审查机制 (under 鼓励参照…);
    // Foshan: 探索建立依法必须招标项目…. The 必须 of the project kind is on both
    // sides; what changed is 探索, a softer word.
    let c = run(
        &support::parsed("汕头市住房和城乡建设局关于进一步优化房屋市政工程施工招标投标"),
        &support::parsed("佛山市政务服务数据管理局关于进一步健全招标投标"),
    );
    let ob = point(&c, KeyDiffKind::Obligation, "探索").expect("the obligation point");
    assert_eq!(
        ob.detail,
        "义务强度：无 → 探索（探索建立依法必须招标项目招标文件公平竞争审查机制）"
    );
    assert_eq!(ob.direction, Some(Direction::Looser));
}

/// Foshan's approval plans: the 分级分类 plan's item 三/（五）/2 names four
/// lead and six participating units, and the item of the 益晒你 plan it
/// pairs with names none. The dropped annotation is one point per role with
/// its whole list, not ten points that fill the summary from one pair; a
/// short list (Guangdong/Foshan) stays one point per unit, counted across pairs.
#[test]
fn an_annotation_dropped_whole_is_one_point_per_role() {
    let c = run(
        &support::parsed(FS_APPROVAL),
        &support::parsed("佛山市工程建设项目高效审批“益晒你”行动方案"),
    );
    let pair = pair_at(&c, "三/（五）/2", "五/（十六）");
    assert!(
        pair.key_diffs
            .iter()
            .any(|k| k.kind == KeyDiffKind::Responsibility),
        "{:?}",
        pair.key_diffs
    );
    let from_pair: Vec<&str> = c
        .key_points
        .iter()
        .filter(|p| p.left_path.as_deref() == Some("三/（五）/2"))
        .map(|p| p.detail.as_str())
        .collect();
    assert_eq!(
        from_pair,
        [
            "删除牵头单位：市住房城乡建设局、市水利局、市政务服务数据管理局、佛山供电局",
            "删除参与单位：各区人民政府、市自然资源局、市公安局、市交通运输局、市城管执法局、全市市政公用服务企业",
        ]
    );
    // Each point's part carries the list, for the English wording.
    let lead = c
        .key_points
        .iter()
        .find(|p| p.detail == from_pair[0])
        .unwrap();
    assert_eq!(lead.parts.len(), 1);
    assert_eq!(lead.parts[0].label, KeyLabel::LeadUnit);
    assert!(lead.parts[0].right.is_empty() && lead.parts[0].left.contains("、佛山供电局"));

    let gd_fs = gd_fs();
    assert!(
        point(
            &gd_fs,
            KeyDiffKind::Responsibility,
            "新增牵头单位：市行政服务中心"
        )
        .is_some_and(|p| p.count == 7),
        "{:?}",
        gd_fs.key_points
    );
}

/// Three lead units added beside one the clause already names: three
/// points, each counted on its own (the annotation is not new as a whole).
#[test]
fn lead_units_added_to_a_named_one_are_a_point_each() {
    let original = support::doc(FS);
    let mut edited = original.clone();
    let from = "（市政务服务数据管理局牵头，市有关单位及各区人民政府按职责分工负责）";
    assert_eq!(edited.text.matches(from).count(), 1);
    edited.text = edited.text.replace(
        from,
        "（市政务服务数据管理局、市财政局、市税务局、市科技局牵头，市有关单位及各区人民政府按职责分工负责）",
    );
    let c = run(&support::to_compare(original), &support::to_compare(edited));
    for unit in ["市财政局", "市税务局", "市科技局"] {
        let sentence = format!("新增牵头单位：{unit}");
        assert!(
            c.key_points.iter().any(|p| p.detail == sentence),
            "{sentence}: {:?}",
            c.key_points.iter().map(|p| &p.detail).collect::<Vec<_>>()
        );
    }
}
