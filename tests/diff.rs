//! Word diff and key differences on real clause pairs of the bundled corpus:
//! Guangdong's complaint-response plan (corpus line 205) against Foshan's
//! version of it (line 1979), plus edited copies of real clauses.

use policydiff_engine::diff::{key_diffs, word_diff};
use policydiff_model::{DiffOptions, Granularity};
use policydiff_model::{Direction, KeyDiff, KeyDiffKind, OpTag, WordOp};
use policydiff_segment::Segmenter;

mod support;

const GD: std::ops::Range<usize> = 205..264;
const FS: std::ops::Range<usize> = 1979..2036;

fn corpus() -> &'static [String] {
    static LINES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    LINES.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/assets/corpus/south-china-2023-business-environment.txt"
        );
        std::fs::read_to_string(path)
            .expect("corpus")
            .lines()
            .map(str::to_string)
            .collect()
    })
}

/// The one line in the 1-based line range `within` that contains `phrase`.
fn line_with(phrase: &str, within: std::ops::Range<usize>) -> &'static str {
    let hits: Vec<&String> = corpus()[within.start - 1..within.end - 1]
        .iter()
        .filter(|l| l.contains(phrase))
        .collect();
    assert_eq!(hits.len(), 1, "{phrase}: {} lines", hits.len());
    hits[0]
}

fn lines(within: std::ops::Range<usize>) -> Vec<&'static str> {
    corpus()[within.start - 1..within.end - 1]
        .iter()
        .map(String::as_str)
        .filter(|l| !l.trim().is_empty())
        .collect()
}

fn seg() -> &'static Segmenter {
    Segmenter::shared()
}

fn side(ops: &[WordOp], skip: OpTag) -> String {
    ops.iter()
        .filter(|o| o.tag != skip)
        .map(|o| o.text.as_str())
        .collect()
}

/// Ops cover both texts; no empty runs, no neighbours with the same tag, Delete before Insert.
fn assert_well_formed(ops: &[WordOp], left: &str, right: &str) {
    assert_eq!(side(ops, OpTag::Insert), left, "left not rebuilt");
    assert_eq!(side(ops, OpTag::Delete), right, "right not rebuilt");
    for o in ops {
        assert!(!o.text.is_empty(), "empty run");
    }
    for w in ops.windows(2) {
        assert_ne!(w[0].tag, w[1].tag, "same tag twice: {w:?}");
        assert!(
            !(w[0].tag == OpTag::Insert && w[1].tag == OpTag::Delete),
            "insert before delete: {w:?}"
        );
    }
}

fn changed_chars(ops: &[WordOp]) -> usize {
    ops.iter()
        .filter(|o| o.tag != OpTag::Equal)
        .map(|o| o.text.chars().count())
        .sum()
}

/// The substitutions of the one localisation entry of a pair, as `left → right`.
fn localised(diffs: &[KeyDiff]) -> Vec<String> {
    let local = of_kind(diffs, KeyDiffKind::Localisation);
    assert!(local.len() <= 1, "{diffs:#?}");
    let Some(l) = local.first() else {
        return Vec::new();
    };
    assert!(!l.substantive);
    assert_eq!(l.count, Some(l.substitutions.len()));
    assert_eq!(l.detail, format!("本地化替换 {} 处", l.substitutions.len()));
    l.substitutions
        .iter()
        .map(|s| format!("{} → {}", s.left, s.right))
        .collect()
}

fn of_kind(diffs: &[KeyDiff], kind: KeyDiffKind) -> Vec<&KeyDiff> {
    diffs.iter().filter(|d| d.kind == kind).collect()
}

// ---- word diff ----------------------------------------------------------

#[test]
fn ops_rebuild_both_texts_over_all_plan_paragraph_pairs() {
    let (gd, fs) = (lines(GD), lines(FS));
    assert!(gd.len() > 25 && fs.len() > 25);
    let mut pairs = 0;
    for l in &gd {
        for r in &fs {
            let ops = word_diff(seg(), l, r, DiffOptions::default());
            assert_well_formed(&ops, l, r);
            pairs += 1;
        }
    }
    assert!(pairs > 700);
}

#[test]
fn ops_rebuild_with_char_granularity_and_ignore_options() {
    let (gd, fs) = (lines(GD), lines(FS));
    let char_opts = DiffOptions {
        granularity: Granularity::Char,
        ..Default::default()
    };
    let ignore = DiffOptions {
        ignore_whitespace: true,
        ignore_punct_width: true,
        ..Default::default()
    };
    let squeeze = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
                '“' | '”' => '"',
                '〔' | '【' => '[',
                '〕' | '】' => ']',
                '—' | '–' => '-',
                '。' => '.',
                c => c,
            })
            .collect()
    };
    for (l, r) in gd.iter().zip(fs.iter().skip(1)).chain(gd.iter().zip(&fs)) {
        let ops = word_diff(seg(), l, r, char_opts);
        assert_well_formed(&ops, l, r);
        // Ignoring: the right text exactly, the left text up to what is ignored.
        let ops = word_diff(seg(), l, r, ignore);
        assert_eq!(side(&ops, OpTag::Delete), *r);
        assert_eq!(squeeze(&side(&ops, OpTag::Insert)), squeeze(l));
    }
}

#[test]
fn deadline_rewording_reads_as_one_phrase() {
    let gd = line_with("全面建成省、市、县", GD);
    let fs = line_with("省、市、区三级联动", FS);
    let ops = word_diff(seg(), gd, fs, DiffOptions::default());
    assert_well_formed(&ops, gd, fs);
    let del = ops
        .iter()
        .find(|o| o.tag == OpTag::Delete && o.text.contains("年底前"))
        .expect("a deletion with the old deadline");
    assert!(del.text.contains("2023 年底前"), "{del:?}");
    let ins = ops
        .iter()
        .find(|o| o.tag == OpTag::Insert && o.text.contains("年年底前"))
        .expect("an insertion with the new deadline");
    assert!(ins.text.contains("2023 年年底前"), "{ins:?}");
    // The rest of the paragraph is one long equal run, not confetti.
    assert!(ops.len() <= 9, "{ops:#?}");
    assert!(ops
        .iter()
        .any(|o| o.tag == OpTag::Equal && o.text.contains("梳理不少于 50 类诉求分办场景")));
    // The scope change is one phrase too.
    assert!(ops
        .iter()
        .any(|o| o.tag == OpTag::Delete && o.text.contains("县（市、区）")));
}

#[test]
fn char_granularity_is_finer_than_words() {
    let gd = line_with("全面建成省、市、县", GD);
    let fs = line_with("省、市、区三级联动", FS);
    let words = word_diff(seg(), gd, fs, DiffOptions::default());
    let chars = word_diff(
        seg(),
        gd,
        fs,
        DiffOptions {
            granularity: Granularity::Char,
            ..Default::default()
        },
    );
    assert_well_formed(&chars, gd, fs);
    assert!(
        changed_chars(&chars) < changed_chars(&words),
        "char {} vs word {}",
        changed_chars(&chars),
        changed_chars(&words)
    );
    // At character level only the extra 年 of 年年底 is new there.
    assert!(
        chars
            .iter()
            .any(|o| o.tag == OpTag::Insert && o.text == "年"),
        "{chars:#?}"
    );
}

#[test]
fn ignore_punct_width_makes_half_width_brackets_equal() {
    let gd = line_with("推进诉求服务标准化", GD);
    let half = gd.replace('（', "(").replace('）', ")").replace('，', ",");
    assert_ne!(gd, half);
    let plain = word_diff(seg(), gd, &half, DiffOptions::default());
    assert!(plain
        .iter()
        .any(|o| o.tag == OpTag::Delete && o.text.contains('（')));
    let opts = DiffOptions {
        ignore_punct_width: true,
        ..Default::default()
    };
    let ops = word_diff(seg(), gd, &half, opts);
    assert_eq!(ops.len(), 1, "{ops:?}");
    assert_eq!(ops[0].tag, OpTag::Equal);
    assert_eq!(ops[0].text, half);
}

#[test]
fn ignore_whitespace_makes_spacing_equal() {
    let gd = line_with("全面建成省、市、县", GD);
    let squeezed: String = gd.chars().filter(|c| !c.is_whitespace()).collect();
    assert_ne!(gd, squeezed);
    let plain = word_diff(seg(), gd, &squeezed, DiffOptions::default());
    assert!(plain.iter().any(|o| o.tag != OpTag::Equal));
    let opts = DiffOptions {
        ignore_whitespace: true,
        ..Default::default()
    };
    let ops = word_diff(seg(), gd, &squeezed, opts);
    assert_eq!(ops.len(), 1, "{ops:?}");
    assert_eq!(ops[0].text, squeezed);
}

#[test]
fn long_clause_against_edited_copy_and_against_other_text() {
    // About 20,000 characters of real text as one "clause".
    let mut long = String::new();
    for l in corpus().iter().skip(204) {
        long.push_str(l);
        if long.chars().count() > 20_000 {
            break;
        }
    }
    let edited = long
        .replacen("市场主体", "经营主体", 7)
        .replace("省政务服务数据管理局", "市政务服务数据管理局")
        .replacen("。", "。新增一句话。", 3);
    let ops = word_diff(seg(), &long, &edited, DiffOptions::default());
    assert_well_formed(&ops, &long, &edited);
    assert!(ops
        .iter()
        .any(|o| o.tag == OpTag::Insert && o.text.contains("新增一句话")));
    // A very different long text: exact cover even if the deadline cuts refinement short.
    let mut other = String::new();
    for l in corpus().iter().skip(2888) {
        other.push_str(l);
        if other.chars().count() > 20_000 {
            break;
        }
    }
    let ops = word_diff(seg(), &long, &other, DiffOptions::default());
    assert_well_formed(&ops, &long, &other);
    let kd = key_diffs(&long, &other);
    let mut seen = std::collections::HashSet::new();
    assert!(kd
        .iter()
        .all(|k| seen.insert((k.kind, k.left.clone(), k.right.clone()))));
}

// ---- key differences ----------------------------------------------------

#[test]
fn goal_paragraph_reports_scope_and_no_number_changes() {
    let gd = line_with("全面建成省、市、县", GD);
    let fs = line_with("省、市、区三级联动", FS);
    let kd = key_diffs(gd, fs);
    let scope = of_kind(&kd, KeyDiffKind::Scope);
    let tiers = scope
        .iter()
        .find(|d| d.left.contains("县（市、区）"))
        .unwrap_or_else(|| panic!("{kd:#?}"));
    assert_eq!(tiers.right, "省、市、区三级");
    assert!(
        tiers.detail.contains("删除 县级") && tiers.detail.contains("新增 区级"),
        "{}",
        tiers.detail
    );
    // 2023年底前 = 2023年年底前, 50类, 20%, 98% are unchanged.
    for kind in [
        KeyDiffKind::Deadline,
        KeyDiffKind::Percentage,
        KeyDiffKind::Quantity,
        KeyDiffKind::Amount,
        KeyDiffKind::Responsibility,
    ] {
        assert!(of_kind(&kd, kind).is_empty(), "{kind:?}: {kd:#?}");
    }
}

#[test]
fn preamble_whole_province_to_whole_city_is_localisation() {
    let gd = line_with("进一步强化全省市场主体诉求响应服务", GD);
    let fs = line_with("进一步强化全市市场主体诉求响应服务", FS);
    let kd = key_diffs(gd, fs);
    // Foshan cites Guangdong's notice (粤办函〔2023〕41号): no number changed.
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(localised(&kd), ["全省 → 全市"]);
    assert_eq!(
        (kd[0].left.as_str(), kd[0].right.as_str()),
        ("全省", "全市")
    );
    // With the edit undone, nothing is left.
    assert!(key_diffs(gd, &fs.replace("全市市场主体", "全省市场主体"))
        .iter()
        .all(|k| k.kind != KeyDiffKind::Localisation));
}

#[test]
fn responsible_units_compare_as_sets() {
    let gd = line_with("推进诉求服务标准化", GD);
    let fs = line_with("推进诉求服务标准化", FS);
    let kd = key_diffs(gd, fs);
    // The city's data bureau stands for the province's: localisation. The
    // administrative service centre, which the province has not, is new.
    let resp = of_kind(&kd, KeyDiffKind::Responsibility);
    assert_eq!(resp.len(), 1, "{kd:#?}");
    assert_eq!(
        (resp[0].left.as_str(), resp[0].right.as_str()),
        ("", "市行政服务中心")
    );
    assert_eq!(resp[0].detail, "牵头单位：新增 市行政服务中心");
    assert!(resp[0].substantive);
    assert_eq!(
        localised(&kd),
        [
            "省政务服务数据管理局 → 市政务服务数据管理局",
            "各地级以上市政府 → 各区人民政府"
        ]
    );
    // Scope: 省市两级 → 市级 in the body.
    let scope = of_kind(&kd, KeyDiffKind::Scope);
    assert!(
        scope
            .iter()
            .any(|d| d.left == "省市两级" && d.right == "市级"),
        "{kd:#?}"
    );
}

#[test]
fn responsible_units_in_another_order_are_no_change() {
    // Foshan writes the same two lead units in both orders in different items.
    let fs = line_with("强化涉企服务互融互通", FS);
    assert!(fs.contains("市政务服务数据管理局、行政服务中心牵头"));
    let swapped = fs.replace(
        "市政务服务数据管理局、行政服务中心牵头",
        "市行政服务中心、政务服务数据管理局牵头",
    );
    assert!(key_diffs(fs, &swapped).is_empty());
    // Dropping one lead unit is reported with just that unit.
    let dropped = fs.replace(
        "市政务服务数据管理局、行政服务中心牵头",
        "市政务服务数据管理局牵头",
    );
    let kd = key_diffs(fs, &dropped);
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(kd[0].detail, "牵头单位：删除 市行政服务中心");
}

/// Shanwei's approval-reform plan (corpus line 1744).
const SW: std::ops::Range<usize> = 1744..1872;

#[test]
fn a_unit_written_two_ways_in_one_role_is_one_unit() {
    // Shanwei's plan names its housing bureau lead of two tasks in a row:
    // `（市住房城乡建设局牵头；…）` and `（市住房城乡建设局、市自然资源局牵头；…）`,
    // joined here as one clause.
    let first = line_with("完成不动产初始登记。（市住房城乡建设局牵头；", SW);
    let second = line_with("（市住房城乡建设局、市自然资源局牵头；", SW);
    let sw = format!("{first}{second}");
    // A copy that writes the full name the second time: the same lead units.
    let full = sw.replace(
        "（市住房城乡建设局、市自然资源局牵头；",
        "（市住房和城乡建设局、市自然资源局牵头；",
    );
    assert_ne!(full, sw);
    for (l, r) in [(&full, &sw), (&sw, &full)] {
        let kd = key_diffs(l, r);
        assert!(kd.is_empty(), "{kd:#?}");
    }
    // The housing bureau dropped from both tasks: reported once, as the
    // text first writes it; added again, the same.
    let dropped = full
        .replace("（市住房城乡建设局牵头；", "（市自然资源局牵头；")
        .replace(
            "（市住房和城乡建设局、市自然资源局牵头；",
            "（市自然资源局牵头；",
        );
    let kd = key_diffs(&full, &dropped);
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(kd[0].detail, "牵头单位：删除 市住房城乡建设局");
    assert_eq!(kd[0].left, "市住房城乡建设局");
    let kd = key_diffs(&dropped, &full);
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(kd[0].detail, "牵头单位：新增 市住房城乡建设局");
}

#[test]
fn lead_units_rewritten_over_many_departments() {
    let gd = line_with("完善挂点联系工作机制", GD);
    let fs = line_with("完善挂点联系工作机制", FS);
    let kd = key_diffs(gd, fs);
    let lead = of_kind(&kd, KeyDiffKind::Responsibility)
        .into_iter()
        .find(|d| d.detail.starts_with("牵头单位"))
        .unwrap_or_else(|| panic!("{kd:#?}"));
    // Six provincial lead units, five of them with a city counterpart
    // (the province's prefix carries over its list, the city's over its own).
    assert_eq!(
        lead.detail,
        "牵头单位：删除 省政务服务数据管理局；新增 市投资促进局"
    );
    let local = localised(&kd);
    for sub in [
        "省发展改革委 → 市发展改革局",
        "省工业和信息化厅 → 市工业和信息化局",
        "省市场监管局 → 市市场监管局",
        "省商务厅 → 市商务局",
        "省农业农村厅 → 市农业农村局",
        "各地 → 各区",
    ] {
        assert!(local.contains(&sub.to_string()), "{sub}: {local:#?}");
    }
    assert!(
        !local.iter().any(|s| s.starts_with("发展改革委")),
        "{local:#?}"
    );
}

#[test]
fn edited_numbers_are_reported_with_their_kind() {
    let gd = line_with("全面建成省、市、县", GD);
    let cases = [
        (
            "50 类",
            "80 类",
            KeyDiffKind::Quantity,
            "50类",
            "80类",
            "数量：50类 → 80类",
        ),
        (
            "20%",
            "30%",
            KeyDiffKind::Percentage,
            "20%",
            "30%",
            "比例：20% → 30%",
        ),
        (
            "2023 年底前",
            "2023 年 6 月底前",
            KeyDiffKind::Deadline,
            "2023年底前",
            "2023年6月底前",
            "时限：2023年底前 → 2023年6月底前",
        ),
    ];
    for (from, to, kind, l, r, detail) in cases {
        let edited = gd.replace(from, to);
        assert_ne!(edited, gd);
        let kd = key_diffs(gd, &edited);
        assert_eq!(kd.len(), 1, "{from}: {kd:#?}");
        assert_eq!(kd[0].kind, kind);
        assert_eq!((kd[0].left.as_str(), kd[0].right.as_str()), (l, r));
        assert_eq!(kd[0].detail, detail);
        // A higher target, an earlier deadline.
        assert_eq!(kd[0].direction, Some(Direction::Stricter), "{from}");
        assert!(kd[0].substantive);
    }
    // Money: a loan ceiling in Guangdong's self-employed measures.
    let loan = corpus()
        .iter()
        .find(|l| l.contains("最高不超过50万元的创业担保贷款"))
        .unwrap();
    let kd = key_diffs(loan, &loan.replace("最高不超过50万元", "最高不超过30万元"));
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(kd[0].kind, KeyDiffKind::Amount);
    assert_eq!(kd[0].detail, "金额：50万元 → 30万元");
    // A lower ceiling.
    assert_eq!(kd[0].direction, Some(Direction::Stricter));
    // A handling time limit counted in working days is a Quantity (时长).
    let hotline = corpus()
        .iter()
        .find(|l| l.contains("10 个工作日内报热线中心备案"))
        .unwrap();
    let kd = key_diffs(hotline, &hotline.replace("10 个工作日内", "5 个工作日内"));
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(kd[0].kind, KeyDiffKind::Quantity);
    assert_eq!(kd[0].detail, "时长：10个工作日内 → 5个工作日内");
}

#[test]
fn moved_values_are_no_change() {
    let gd = line_with("全面建成省、市、县", GD);
    // Swap the two sentences: all values move, none changes.
    let (a, b) = gd.split_once("。").unwrap();
    let moved = format!("{b}{a}。");
    assert!(
        key_diffs(gd, &moved).is_empty(),
        "{:#?}",
        key_diffs(gd, &moved)
    );
    // Swapping the two percentages' places is no change either.
    let swapped = gd.replace("提速 20%、平均办结满意率达 98%", "满意率达 98%、提速 20%");
    assert!(of_kind(&key_diffs(gd, &swapped), KeyDiffKind::Percentage).is_empty());
    assert!(key_diffs(gd, gd).is_empty());
}

#[test]
fn obligation_strength_changes() {
    // Guangdong "探索建立" an evaluation standard; Foshan "建立健全" it.
    let gd = line_with("持续加强检查复核", GD);
    let fs = line_with("持续加强检查复核", FS);
    let kd = key_diffs(gd, fs);
    let ob = of_kind(&kd, KeyDiffKind::Obligation);
    assert_eq!(ob.len(), 1, "{kd:#?}");
    assert_eq!((ob[0].left.as_str(), ob[0].right.as_str()), ("探索", ""));
    // From exploring to doing.
    assert_eq!(ob[0].direction, Some(Direction::Stricter));
    assert!(
        ob[0].detail.contains("建立健全响应质量评价标准"),
        "{}",
        ob[0].detail
    );
    // 应当 → 可以 in a real regulation sentence.
    let hotline = corpus()
        .iter()
        .find(|l| l.contains("10 个工作日内报热线中心备案"))
        .unwrap();
    let kd = key_diffs(hotline, &hotline.replace("应当", "可以"));
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(kd[0].kind, KeyDiffKind::Obligation);
    assert_eq!(
        (kd[0].left.as_str(), kd[0].right.as_str()),
        ("应当", "可以")
    );
    assert_eq!(kd[0].direction, Some(Direction::Looser));
    // Same modal, other wording: nothing.
    let gd = line_with("提升诉求办理实效", GD);
    let fs = line_with("提升诉求办理实效", FS);
    assert!(of_kind(&key_diffs(gd, fs), KeyDiffKind::Obligation).is_empty());
}

#[test]
fn edited_goal_reports_directions_and_conditions() {
    let gd = line_with("全面建成省、市、县", GD);
    // A lower count with the same lower bound is looser.
    let kd = key_diffs(gd, &gd.replace("不少于 50 类", "不少于 30 类"));
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(kd[0].detail, "数量：50类 → 30类");
    assert_eq!(kd[0].direction, Some(Direction::Looser));
    // A later deadline is looser; a percentage target raised is stricter.
    let kd = key_diffs(gd, &gd.replace("2023 年底前", "2024 年 6 月底前"));
    assert_eq!(kd[0].direction, Some(Direction::Looser), "{kd:#?}");
    let kd = key_diffs(gd, &gd.replace("满意率达 98%", "满意率达 95%"));
    assert_eq!(kd[0].direction, Some(Direction::Looser), "{kd:#?}");
    // An added 原则上 is a condition, not an obligation.
    let kd = key_diffs(gd, &gd.replace("，全面建成", "，原则上全面建成"));
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(kd[0].kind, KeyDiffKind::Condition);
    assert_eq!(kd[0].detail, "条件：新增 原则上");
    assert!(kd[0].substantive && kd[0].direction.is_none());
    // Foshan's goal: the condition, and the county level replaced.
    let fs = line_with("省、市、区三级联动", FS);
    let kd = key_diffs(gd, fs);
    let cond = of_kind(&kd, KeyDiffKind::Condition);
    assert_eq!(cond.len(), 1, "{kd:#?}");
    assert_eq!(cond[0].detail, "条件：新增 在省的统筹下");
}

#[test]
fn new_unit_without_counterpart_is_substantive() {
    let gd = line_with("推进诉求服务标准化", GD);
    // Another provincial body among the lead units: substantive.
    let edited = gd.replace(
        "（省政务服务数据管理局牵头",
        "（省政务服务数据管理局、统计局牵头",
    );
    let kd = key_diffs(gd, &edited);
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(kd[0].detail, "牵头单位：新增 省统计局");
    assert!(kd[0].substantive);
    // The province's body replaced by the city's: localisation only.
    let edited = gd.replace("（省政务服务数据管理局牵头", "（市政务服务数据管理局牵头");
    let kd = key_diffs(gd, &edited);
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(
        localised(&kd),
        ["省政务服务数据管理局 → 市政务服务数据管理局"]
    );
    // Two levels down is no counterpart.
    let edited = gd.replace("（省政务服务数据管理局牵头", "（区政务服务数据管理局牵头");
    let kd = key_diffs(gd, &edited);
    assert_eq!(kd[0].kind, KeyDiffKind::Responsibility, "{kd:#?}");
}

#[test]
fn key_differences_have_no_duplicates() {
    for (l, r) in lines(GD).iter().zip(lines(FS)) {
        let kd = key_diffs(l, r);
        let mut seen = std::collections::HashSet::new();
        for d in &kd {
            assert!(
                seen.insert((d.kind, d.left.clone(), d.right.clone())),
                "{kd:#?}"
            );
            assert!(!d.detail.is_empty() && !d.detail.contains('\n'));
        }
    }
}

// ---- scope differences: each change once, where it happened ----------------

/// The one scope finding of a pair (panics when there are several).
fn scope_of(l: &str, r: &str) -> Option<KeyDiff> {
    let kd = key_diffs(l, r);
    let scope = of_kind(&kd, KeyDiffKind::Scope);
    assert!(scope.len() <= 1, "{kd:#?}");
    scope.first().map(|d| (*d).clone())
}

/// The items of a merged detail (`范围：a → b；c → d`), `；` inside `（…）` kept.
fn items(detail: &str) -> Vec<String> {
    let body = detail.split_once('：').map_or(detail, |(_, b)| b);
    let (mut out, mut cur, mut depth) = (Vec::new(), String::new(), 0);
    for c in body.chars() {
        match c {
            '（' => depth += 1,
            '）' => depth -= 1,
            '；' if depth == 0 => {
                out.push(std::mem::take(&mut cur));
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    out.push(cur);
    out
}

#[test]
fn cover_letter_addressee_is_localised_once() {
    // 各地级以上市 is the addressee and the subject of a dropped sentence;
    // Foshan addresses 各区: one substitution, said once.
    let gd = format!(
        "{}{}",
        line_with("各地级以上市人民政府，省有关单位", GD),
        line_with("现印发给你们", GD)
    );
    let fs = format!(
        "{}{}",
        line_with("各区人民政府，市政府各部门", FS),
        line_with("现印发给你们", FS)
    );
    assert!(
        scope_of(&gd, &fs).is_none(),
        "a counterpart is no scope change"
    );
    let local = localised(&key_diffs(&gd, &fs));
    assert_eq!(
        local.iter().filter(|s| *s == "各地级以上市 → 各区").count(),
        1,
        "{local:#?}"
    );
    assert!(local.contains(&"广东省 → 佛山市".to_string()), "{local:#?}");
}

#[test]
fn coordination_mechanism_scope_changes_paired_by_place() {
    let gd = line_with("完善诉求响应协调机制", GD);
    let fs = line_with("完善诉求响应协调机制", FS);
    let d = scope_of(gd, fs).expect("scope changes");
    let it = items(&d.detail);
    // Province-city-county mechanism → city-district: a level dropped.
    assert!(
        it[0].starts_with("省、市、县（市、区） → 市、区"),
        "{}",
        d.detail
    );
    // 省级层面 → 市级层面 is localisation.
    assert!(!d.detail.contains("省级 → 市级"), "{}", d.detail);
    assert!(localised(&key_diffs(gd, fs)).contains(&"省级 → 市级".to_string()));
    // The sentence asking cities to build city-county mechanisms is gone.
    assert!(
        it.contains(&"删除 市、县（市、区）".to_string()),
        "{}",
        d.detail
    );
    // 省市协同 → 推进省、市协同 is the same levels; 省级 is not paired with it.
    assert!(!d.detail.contains("省级 → 省、市"), "{}", d.detail);
    assert!(!d.detail.contains("新增 省、市"), "{}", d.detail);
    assert_eq!(it.len(), 3, "{}", d.detail);
}

#[test]
fn scope_values_paired_across_sorts_and_joiners() {
    // 各地级以上市要注重… → 市、区行政服务中心要注重…: one change, not a deletion and an addition.
    let d = scope_of(
        line_with("持续加强检查复核", GD),
        line_with("持续加强检查复核", FS),
    )
    .unwrap();
    assert_eq!(d.detail, "范围：各地级以上市 → 市、区");
    // The other way round it is a change of scope too, not of levels.
    let d = scope_of(
        line_with("持续加强检查复核", FS),
        line_with("持续加强检查复核", GD),
    )
    .unwrap();
    assert_eq!(d.detail, "范围：市、区 → 各地级以上市");
    // 从国家和省层面 → 从国家、省、市层面: the city level is added, nothing else.
    let d = scope_of(
        line_with("强化政策供给数据支撑", GD),
        line_with("强化政策供给数据支撑", FS),
    )
    .unwrap();
    assert_eq!(d.detail, "层级：国家和省 → 国家、省、市（新增 市级）");
    // 鼓励有条件的地市设置… → 鼓励各区各部门设置…, next to 各地 → 各区: the
    // condition is gone (a condition finding), the rest is localisation.
    let (gd, fs) = (
        line_with("提升诉求办理实效", GD),
        line_with("提升诉求办理实效", FS),
    );
    assert!(scope_of(gd, fs).is_none());
    let kd = key_diffs(gd, fs);
    let cond = of_kind(&kd, KeyDiffKind::Condition);
    assert_eq!(cond.len(), 1, "{kd:#?}");
    assert_eq!(cond[0].detail, "条件：删除 有条件的");
    assert!(localised(&kd).contains(&"各地 → 各区".to_string()));
}

#[test]
fn phrase_dropped_from_a_kept_sentence_is_no_scope_change() {
    // 推动各地级以上市规范上报 → 规范上报: a rewording; 省市两级 → 市级 is the change.
    let d = scope_of(
        line_with("推进诉求服务标准化", GD),
        line_with("推进诉求服务标准化", FS),
    )
    .unwrap();
    assert_eq!(d.detail, "层级：省市两级 → 市级（删除 省级）");
}

#[test]
fn complaint_plan_scope_findings_are_not_restated() {
    // Every aligned clause of the two plans (matched by their first words).
    let fs = lines(FS);
    let mut seen_pairs = 0;
    for l in lines(GD) {
        let head: String = l.chars().skip(2).take(8).collect();
        let Some(r) = fs.iter().find(|r| r.contains(&head)) else {
            continue;
        };
        seen_pairs += 1;
        let kd = key_diffs(l, r);
        for kind in [
            KeyDiffKind::Scope,
            KeyDiffKind::Deadline,
            KeyDiffKind::Quantity,
            KeyDiffKind::Percentage,
            KeyDiffKind::Obligation,
        ] {
            assert!(of_kind(&kd, kind).len() <= 1, "{kind:?}: {kd:#?}");
        }
        for d in of_kind(&kd, KeyDiffKind::Scope) {
            let it = items(&d.detail);
            let mut uniq = std::collections::HashSet::new();
            for i in &it {
                assert!(uniq.insert(i.clone()), "restated: {}", d.detail);
                if let Some((a, b)) = i.split_once(" → ") {
                    let b = b.split('（').next().unwrap();
                    assert_ne!(a, b, "no change: {}", d.detail);
                }
            }
        }
    }
    assert!(seen_pairs >= 15, "{seen_pairs}");
}

#[test]
fn county_level_dropped_from_shanghai_regulation() {
    // Shanghai's school-injury regulation, 2011 → 2024: the counties are gone.
    let old = support::external("sh-school-injury-2011.md");
    let new = support::external("sh-school-injury-2024.md");
    let find = |text: &str, p: &str| -> String {
        text.lines().find(|l| l.contains(p)).expect(p).to_string()
    };
    // 区[-、县-]教育行政部门 and [-区、县为-]{+区为+}: the edited list against the text at its place.
    for (a, b) in [
        ("学校所在地的区、县", "学校所在地的区教育"),
        ("以市或者区、县为单位", "以市或者区为单位"),
    ] {
        let d = scope_of(&find(&old, a), &find(&new, b)).expect(a);
        assert_eq!(d.detail, "层级：区、县 → 区（删除 县级）", "{a}");
    }
}

#[test]
fn a_completion_deadline_is_a_time_limit() {
    // Sanya's business-environment plan (2023-03-29) closes each task with
    // `(牵头单位:…;配合单位:…;完成时限:2023年9月)`: a deadline, which moved earlier.
    let sy = line_with("提升“零跑动”事项可办率达87%以上", 3661..3887);
    assert!(sy.contains("完成时限:2023年9月"));
    let earlier = sy.replace("完成时限:2023年9月", "完成时限:2023年6月");
    let kd = key_diffs(sy, &earlier);
    let d = of_kind(&kd, KeyDiffKind::Deadline);
    assert_eq!(d.len(), 1, "{kd:#?}");
    assert_eq!(d[0].detail, "时限：2023年9月 → 2023年6月");
    assert_eq!(d[0].direction, Some(Direction::Stricter));
    // The label names no unit.
    assert!(
        of_kind(&kd, KeyDiffKind::Responsibility).is_empty(),
        "{kd:#?}"
    );
}

#[test]
fn zone_authorities_take_no_city_prefix() {
    // Sanya's plan: `(牵头单位:市自然资源和规划局、崖州湾科技城管理局、中央商务区
    // 管理局、现代服务业产业园管理委员会;…)`. The zone authorities are no city
    // bureaus: the list says the same in another order.
    let lead =
        "市自然资源和规划局、崖州湾科技城管理局、中央商务区管理局、现代服务业产业园管理委员会";
    // The paragraph is cut in two by a page break in the corpus: joined again.
    let at = lines(3661..3887)
        .iter()
        .position(|l| l.contains(lead))
        .expect(lead);
    let sy = format!("{}{}", lines(3661..3887)[at], lines(3661..3887)[at + 1]);
    assert!(sy.ends_with(')'), "{sy}");
    let reordered = sy.replace(
        lead,
        "崖州湾科技城管理局、中央商务区管理局、现代服务业产业园管理委员会、市自然资源和规划局",
    );
    let kd = key_diffs(&sy, &reordered);
    assert!(kd.is_empty(), "{kd:#?}");
}

#[test]
fn other_unit_labels_are_read_as_their_roles() {
    // Sanya's plan labels its units `牵头单位` and `配合单位`; the same task
    // written with `主办单位` and `协办单位` (or `实施单位`) names the same units.
    let sy = line_with("完善司法公开工作机制", 3661..3887);
    assert!(sy.contains("(牵头单位:市中级人民法院;配合单位:市城郊人民法院;"));
    let relabelled = sy
        .replace("牵头单位:", "主办单位:")
        .replace("配合单位:", "协办单位:");
    let kd = key_diffs(sy, &relabelled);
    assert!(kd.is_empty(), "{kd:#?}");
    let relabelled = sy.replace("牵头单位:", "实施单位:");
    assert!(key_diffs(sy, &relabelled).is_empty());
    // A unit added under the new label is a participating unit.
    let added = relabelled.replace(
        "配合单位:市城郊人民法院",
        "协助单位:市城郊人民法院、市司法局",
    );
    let kd = key_diffs(sy, &added);
    assert_eq!(kd.len(), 1, "{kd:#?}");
    assert_eq!(kd[0].detail, "参与单位：新增 市司法局");
}

#[test]
fn authorities_carried_out_are_no_scope_change() {
    // Shanwei's and Foshan's approval-reform plans (corpus lines 1744 and
    // 2105) say in their preambles whose decisions they carry out: Foshan
    // 贯彻落实国家、省、市关于…的部署, Shanwei 贯彻落实国家、省关于…的决策部署,
    // 以及…和省、市高质量发展大会精神. Those are authorities, not the levels the plans address.
    let fs = line_with("为贯彻落实国家、省、市关于深化", 2105..2241);
    let sw = line_with("进一步贯彻落实国家、省关于深化", 1744..1872);
    let sw_basis = line_with("为持续优化我市营商环境", 1744..1872);
    for sw in [sw, sw_basis] {
        let kd = key_diffs(sw, fs);
        assert!(of_kind(&kd, KeyDiffKind::Scope).is_empty(), "{kd:#?}");
    }
    // The levels a clause addresses, in the same preamble, still count.
    let edited = fs.replace("深入推行工程建设项目", "在市、区两级推行工程建设项目");
    assert_ne!(edited, fs);
    let d = scope_of(fs, &edited).expect("scope change");
    assert_eq!(d.detail, "层级：新增 市、区两级");
}
