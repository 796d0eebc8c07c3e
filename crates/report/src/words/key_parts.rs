//! Key differences and key points in the report's language. In Chinese a
//! finding is its engine sentence (`detail`). In English it is worded here
//! from its parts exactly as the UI words it (`ui/src/lib/compare/
//! sentences.ts`): `Deadline: 2023年6月底前 → 2023年9月底前`, `Lead unit
//! added: 市商务局`, the documents' values quoted as written; a finding
//! without parts (JSON written before they existed) keeps its sentence.
//! The two wordings are held equal by a generated fixture
//! (`ui/src/lib/backend/fixtures/gd-foshan.sentences.en.json`, written by
//! `src-tauri/tests/bindings.rs` and read by the UI's `sentences.test.ts`).

use policydiff_model::{KeyDiff, KeyDiffKind, KeyLabel, KeyPart, KeyPoint, ReportLang};

use super::Words;

/// What a part is about, in English (the UI's `keyLabel.*`).
fn label(l: KeyLabel) -> &'static str {
    match l {
        KeyLabel::Deadline => "Deadline",
        KeyLabel::Date => "Date",
        KeyLabel::Percentage => "Percentage",
        KeyLabel::Amount => "Amount",
        KeyLabel::Duration => "Duration",
        KeyLabel::Count => "Count",
        KeyLabel::Condition => "Condition",
        KeyLabel::Obligation => "Obligation",
        KeyLabel::Level => "Levels",
        KeyLabel::Scope => "Scope",
        KeyLabel::LeadUnit => "Lead unit",
        KeyLabel::SupportUnit => "Participating unit",
        KeyLabel::ResponsibleUnit => "Responsible unit",
        KeyLabel::Task => "Task",
    }
}

/// One part in English: `Deadline: a → b`, `Deadline added: b`,
/// `Deadline removed: a`, `Duration compared: a ↔ b` (a contrast of two
/// independently written provisions), with its context in parentheses. An obligation
/// word is never added or removed but changed from or to none
/// (`Obligation: 探索 → none`): a hedge dropped is a stronger obligation,
/// which `Obligation removed` would belie.
fn part_text(p: &KeyPart) -> String {
    let label = label(p.label);
    fn or_none(s: &str) -> &str {
        if s.is_empty() {
            "none"
        } else {
            s
        }
    }
    let text = match (p.left.is_empty(), p.right.is_empty()) {
        _ if p.contrast => format!("{label} compared: {} ↔ {}", p.left, p.right),
        _ if p.label == KeyLabel::Obligation => {
            format!("{label}: {} → {}", or_none(&p.left), or_none(&p.right))
        }
        (false, false) => format!("{label}: {} → {}", p.left, p.right),
        (_, false) => format!("{label} added: {}", p.right),
        _ => format!("{label} removed: {}", p.left),
    };
    if p.context.is_empty() {
        text
    } else {
        format!("{text} ({})", p.context)
    }
}

/// The parts run on: `a; b`.
fn parts_text(parts: &[KeyPart]) -> String {
    parts.iter().map(part_text).collect::<Vec<_>>().join("; ")
}

/// A pair's key difference in `w`'s language (not yet cleaned).
pub(crate) fn key_diff_text(k: &KeyDiff, w: &Words) -> String {
    if w.lang == ReportLang::Zh {
        return k.detail.clone();
    }
    if k.kind == KeyDiffKind::Localisation {
        return w.substitutions(k.count.unwrap_or(k.substitutions.len()));
    }
    if k.parts.is_empty() {
        k.detail.clone()
    } else {
        parts_text(&k.parts)
    }
}

/// A key point in `w`'s language, with the number of pairs it was found in
/// (not yet cleaned).
pub(crate) fn key_point_text(p: &KeyPoint, w: &Words) -> String {
    if w.lang == ReportLang::Zh || p.parts.is_empty() {
        return p.detail.clone();
    }
    let text = parts_text(&p.parts);
    if p.count > 1 {
        format!("{text} ({} places)", p.count)
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    //! The expected sentences are the UI's (`sentences.test.ts`).
    use super::*;
    use crate::words::words;
    use policydiff_model::Substitution;

    fn part(label: KeyLabel, left: &str, right: &str, context: &str) -> KeyPart {
        KeyPart {
            context: context.into(),
            ..KeyPart::new(label, left, right)
        }
    }

    fn en() -> &'static Words {
        words(ReportLang::En)
    }

    #[test]
    fn parts_as_the_ui_words_them() {
        let d = KeyLabel::Deadline;
        assert_eq!(
            part_text(&part(d, "2023年6月底前", "2023年9月底前", "")),
            "Deadline: 2023年6月底前 → 2023年9月底前"
        );
        assert_eq!(
            part_text(&part(d, "", "2023年9月底前", "")),
            "Deadline added: 2023年9月底前"
        );
        assert_eq!(
            part_text(&part(d, "2023年6月底前", "", "")),
            "Deadline removed: 2023年6月底前"
        );
        assert_eq!(
            part_text(&part(KeyLabel::Obligation, "应当", "可以", "开展评估")),
            "Obligation: 应当 → 可以 (开展评估)"
        );
        // A hedge dropped, a duty laid: from or to none.
        assert_eq!(
            part_text(&part(KeyLabel::Obligation, "探索", "", "")),
            "Obligation: 探索 → none"
        );
        assert_eq!(
            part_text(&part(KeyLabel::Obligation, "", "应当", "")),
            "Obligation: none → 应当"
        );
        // Two independently written provisions' values side by side.
        let contrast = KeyPart {
            contrast: true,
            ..part(
                KeyLabel::Duration,
                "20日内",
                "5个工作日内",
                "通知书发出之日起",
            )
        };
        assert_eq!(
            part_text(&contrast),
            "Duration compared: 20日内 ↔ 5个工作日内 (通知书发出之日起)"
        );
    }

    #[test]
    fn key_points_and_differences_in_english_and_chinese() {
        let point = KeyPoint {
            id: "x".into(),
            kind: KeyDiffKind::Responsibility,
            detail: "牵头单位：新增 市行政服务中心（7 处）".into(),
            left_path: None,
            right_path: None,
            direction: None,
            parts: vec![KeyPart::new(KeyLabel::LeadUnit, "", "市行政服务中心")],
            count: 7,
            pinned: false,
        };
        assert_eq!(
            key_point_text(&point, en()),
            "Lead unit added: 市行政服务中心 (7 places)"
        );
        assert_eq!(key_point_text(&point, words(ReportLang::Zh)), point.detail);
        // Older JSON: no parts, the engine's sentence.
        let old = KeyPoint {
            parts: Vec::new(),
            ..point
        };
        assert_eq!(key_point_text(&old, en()), old.detail);

        let diff = KeyDiff::new(KeyDiffKind::Deadline, "a", "b", "时限：…").with_parts(vec![
            KeyPart::new(KeyLabel::Deadline, "2023年6月底前", "2023年9月底前"),
            KeyPart::new(KeyLabel::SupportUnit, "省商务厅", ""),
        ]);
        assert_eq!(
            key_diff_text(&diff, en()),
            "Deadline: 2023年6月底前 → 2023年9月底前; Participating unit removed: 省商务厅"
        );
        assert_eq!(key_diff_text(&diff, words(ReportLang::Zh)), "时限：…");
    }

    #[test]
    fn localisation_by_its_count() {
        let mut k = KeyDiff::new(KeyDiffKind::Localisation, "", "", "本地化替换 1 处");
        k.substitutions = vec![Substitution {
            left: "省".into(),
            right: "市".into(),
        }];
        assert_eq!(key_diff_text(&k, en()), "1 localisation substitution");
        k.count = Some(3);
        assert_eq!(key_diff_text(&k, en()), "3 localisation substitutions");
    }
}
