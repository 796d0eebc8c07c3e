//! Conditions and qualifiers: words that make a duty hold only under some
//! condition, in some cases or under someone's lead.
//!
//! Takes a compact text and hands on [`Mention`]s of kind
//! [`KeyDiffKind::Condition`] (label `条件`), compared as multisets like the
//! numbers, so an added or removed qualifier is reported
//! (`条件：新增 在省的统筹下`) and one that only moved is not:
//! - under someone's lead: `在省的统筹下`, `在市政府领导下` (`在…统筹/指导/领导/组织/协调下`),
//!   `按照省有关部署` (`按照…部署`);
//! - in principle, when needed: `原则上`, `必要时`, `视情况`/`视情`, `如确需`, `确有需要的`;
//! - for some only: `有条件的`, `具备条件的`, `符合条件的`, `条件成熟时`;
//! - provided that: `在确保…的前提下`, `在…前提下`.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::{clause_after, clause_before, display, within, Mention};
use policydiff_model::{KeyDiffKind, KeyLabel};

static CONDITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"在[^,;.:!?()、]{1,12}?(?:统筹|指导|领导|组织|协调)下",
        r"|按照[^,;.:!?()]{0,8}?部署",
        r"|在[^,;.:!?()]{1,15}?前提下",
        r"|原则上|必要时|视情况|视情|如确需|确有需要的|条件成熟时",
        r"|(?:有|具备|符合)条件的",
    ))
    .expect("condition regex")
});

/// The conditions and qualifiers of a compact text whose cited titles are
/// `names` ([`super::titles`]), in order.
pub(super) fn mentions(text: &str, names: &[Range<usize>]) -> Vec<Mention> {
    CONDITION
        .find_iter(text)
        .filter(|m| !within(names, m.start()))
        .map(|m| Mention {
            kind: KeyDiffKind::Condition,
            label: KeyLabel::Condition,
            key: m.as_str().to_string(),
            shown: display(m.as_str()),
            context: clause_before(text, m.start()),
            after: clause_after(text, m.end()),
            about: String::new(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        mentions(s, &super::super::titles(s))
            .into_iter()
            .map(|m| m.key)
            .collect()
    }

    #[test]
    fn finds_qualifiers() {
        assert_eq!(
            keys("在2023年年底前,在省的统筹下全面建成省、市、区三级联动"),
            ["在省的统筹下"]
        );
        assert_eq!(
            keys("按照省有关部署,结合工作。原则上不超过10个。鼓励有条件的地市设置"),
            ["按照省有关部署", "原则上", "有条件的"]
        );
        assert!(keys("按照职能分工,研究涉企政策。在重大政策发布前,及时更新").is_empty());
    }
}
