//! Numbers with their units: which ones a text mentions, classified.
//!
//! Takes a compact text (see [`super::super::normalize::compact`]) and hands
//! on [`Mention`]s:
//! - **Deadline** — calendar dates and deadlines given as a point in time:
//!   `2023年底前`, `6月底前`, `2023年6月30日`, `2023-2025年`
//!   (label `时限` when it ends with 前/底/末/止/内, else `日期`);
//! - **Percentage** — `20%`, `5‰`, `3个百分点` (label `比例`);
//! - **Amount** — money: `1000万元`, `3.5亿元`, `200元` (label `金额`);
//! - **Quantity** — durations, including time limits given as a duration
//!   (`5个工作日`, `3个工作日内`, `30日内`, `两个月`; label `时长`), and counts
//!   (`50类`, `10项`, `100家`; label `数量`).
//!
//! A time limit is thus a Deadline when it names a date and a Quantity when
//! it counts days. Bare numbers without a unit (`12345`, `2.0`) and ordinals
//! (`第3批`) are not values. `年年底` is read as `年底`, `以内`/`以前` as `内`/`前`.

use std::sync::LazyLock;

use regex::Regex;

use super::{before, Mention};
use policydiff_model::KeyDiffKind;

static NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?P<date>(?:\d{4}(?:-\d{4})?年(?:\d{1,2}月(?:\d{1,2}日)?)?|\d{1,2}月(?:\d{1,2}日)?)",
        r"(?:底|末|初|中旬|上旬|下旬|上半年|下半年)?(?:以前|前|起|止|以后|后|以内|内)?)",
        r"|(?P<pct>\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?(?:%|‰|个百分点))",
        r"|(?P<amt>\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?(?:万亿元|亿元|万元|千元|元|亿美元|万美元|美元))",
        r"|(?P<dur>(?:\d+(?:\.\d+)?(?:-\d+)?|[一二两三四五六七八九十百]+)",
        r"(?:个工作日|个自然日|个月|个小时|小时|分钟|工作日|自然日|天|周|日|年)(?:以内|内|以上|以下)?)",
        r"|(?P<cnt>\d+(?:\.\d+)?(?:-\d+)?(?:万|亿)?",
        r"(?:家|项|类|个|人次|人|次|批|件|户|所|条|份|名|台|座|宗|笔|平方米|平方公里|亩|公里|米|吨|倍)",
        r"(?:以上|以下|以内|左右)?)",
    ))
    .expect("number regex")
});

/// The numbers with units in a compact text, in order.
pub(super) fn mentions(text: &str) -> Vec<Mention> {
    let text = text.replace("年年底", "年底").replace("年年末", "年末");
    let mut out = Vec::new();
    for c in NUMBER.captures_iter(&text) {
        let m = c.get(0).expect("whole match");
        if text[..m.start()].ends_with('第') {
            continue;
        }
        let value = m
            .as_str()
            .replace("以内", "内")
            .replace("以前", "前")
            .replace("以后", "后");
        let (kind, label) = if c.name("date").is_some() {
            let limit = ["前", "底", "末", "止", "内"]
                .iter()
                .any(|s| value.ends_with(s));
            (KeyDiffKind::Deadline, if limit { "时限" } else { "日期" })
        } else if c.name("pct").is_some() {
            (KeyDiffKind::Percentage, "比例")
        } else if c.name("amt").is_some() {
            (KeyDiffKind::Amount, "金额")
        } else if c.name("dur").is_some() {
            (KeyDiffKind::Quantity, "时长")
        } else {
            (KeyDiffKind::Quantity, "数量")
        };
        out.push(Mention {
            kind,
            label,
            key: value.clone(),
            shown: value,
            context: before(&text, m.start(), 6),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, &'static str)> {
        mentions(s).into_iter().map(|m| (m.key, m.label)).collect()
    }

    #[test]
    fn classifies() {
        let got = kinds("在2023年年底前梳理不少于50类场景，提速20%，奖励1000万元，5个工作日内办结，第3批，12345热线");
        let want: Vec<(String, &str)> = vec![
            ("2023年底前".into(), "时限"),
            ("50类".into(), "数量"),
            ("20%".into(), "比例"),
            ("1000万元".into(), "金额"),
            ("5个工作日内".into(), "时长"),
        ];
        assert_eq!(got, want);
        assert_eq!(
            kinds("2023年3月11日"),
            vec![("2023年3月11日".into(), "日期")]
        );
        assert_eq!(kinds("6月底前完成"), vec![("6月底前".into(), "时限")]);
    }
}
