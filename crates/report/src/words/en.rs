//! The reports' own words in English, as the UI says them
//! (`ui/src/lib/i18n/messages.ts`) where it has them.

use policydiff_model::{unit_names, ReportLang};

use super::{MatrixWords, Words};

pub(super) const WORDS: Words = Words {
    lang: ReportLang::En,
    tag: "en",
    colon: ": ",
    comma: ", ",
    semicolon: "; ",
    open: " (",
    close: ")",
    list: ", ",
    dot: " · ",
    left: "Left",
    right: "Right",
    report_title: "Comparison report",
    no_pairs: "No clauses to show.",
    no_key_diffs: "No key differences found.",
    key_diff_head: ["No.", "Category", "Place", "Left", "Right", "Detail"],
    key_diff_widths: [650, 1500, 1900, 1450, 1450, 1895],
    meta_head: ["Item", "Left (original)", "Right (compared)"],
    sections: [
        "Key points",
        "Documents compared",
        "Summary",
        "Key differences",
        "Clause by clause",
        "Notes on no pair",
    ],
    legend: [
        "Legend: ",
        " marks text of the left document that the right one drops; ",
        " marks text the right document adds.",
    ],
    looks: ("Struck through (red)", "underlined (blue)"),
    markdown_looks: ("Struck through", "bold"),
    pinned: "[Pinned] ",
    meta: [
        "Title",
        "Document number",
        "Issuer",
        "Date",
        "Level",
        "Source",
        "Remarks",
    ],
    fragment: "Fragment (no title)",
    excerpt: "Excerpt",
    levels: ["Province", "City", "District", "Other"],
    kinds: [
        "Same",
        "Modified",
        "Moved",
        "Split",
        "Merged",
        "Related",
        "Removed (left only)",
        "Added (right only)",
    ],
    key_kinds: [
        "Deadline",
        "Percentage",
        "Amount",
        "Quantity",
        "Scope",
        "Responsible units",
        "Obligation",
        "Condition",
        "Localisation",
        "Removed duty",
        "New duty",
    ],
    directions: ["stricter", "looser", "changed"],
    key_diffs_count: "Key differences",
    reuse: ["Left text kept", "Right text from the left"],
    remark_heads: ["Key difference", "Non-substantive", "Note"],
    similarity: "similarity",
    relatedness: "relatedness",
    group: "split/merge group",
    manual: "paired by hand",
    csv_head: [
        "No.",
        "Kind",
        "Similarity",
        "Left path",
        "Left number",
        "Left text",
        "Right path",
        "Right number",
        "Right text",
        "Key differences",
        "Notes",
        "Tags",
    ],
    matrix: MatrixWords {
        title: "Coverage matrix report",
        sections: [
            "Documents compared",
            "Coverage matrix",
            "Key differences",
            "Local additions",
        ],
        unit_head: "Base clause",
        adopted_head: "Adopted",
        key_diff_head: ["Base clause", "Matching clauses", "Category", "Detail"],
        docs_head: ["No.", "Document", "Document number", "Coverage", "Breakdown"],
        docs_widths: [650, 2850, 1800, 1400, 2145],
        adopted_width: 1250,
        no_additions: "No added clauses.",
        no_rows: "The base document has no clauses to compare.",
        cells: ["Same", "Modified", "Related", "Missing"],
        cell_meanings: [
            "adopted unchanged",
            "adopted with changes, split, merged or moved",
            "same topic only",
            "not adopted",
        ],
        legend: (
            "Legend: ",
            "; a percentage is the similarity, → names the matching clauses, then come the key differences.",
        ),
        coverage: "Coverage",
        additions: "Added",
        csv_head: ["Clause path", "Clause", "Clause text", "Adopted"],
        sheets: [
            "Coverage matrix",
            "Local additions",
            "Key differences",
            "Documents",
        ],
        additions_head: ["No.", "Document", "Clause path", "Number", "Clause text"],
        documents_head: ["No.", "Title", "Document number", "Coverage"],
        base: "Base",
    },
};

/// The parser's names of un-numbered units and their English names, as
/// the UI shows them (`ui/src/lib/i18n/messages.ts`, `unit.*`).
const UNIT_NAMES: [(&str, &str); 4] = [
    (unit_names::TITLE, "Title"),
    (unit_names::COVER, "Cover notice"),
    (unit_names::SIGNATURE, "Signature"),
    (unit_names::PREAMBLE, "Preamble"),
];

/// The parser's numbered names (`段3`, `款2`) and their English prefixes.
const NUMBERED: [(&str, &str); 2] = [(unit_names::PARAGRAPH, "¶"), (unit_names::KUAN, "Para. ")];

/// One segment of a unit's path in English: the parser's names of
/// un-numbered units translated, anything else as written.
pub(super) fn unit_segment(seg: &str) -> String {
    map_segment(seg, |name| {
        UNIT_NAMES
            .iter()
            .find(|(zh, _)| *zh == name)
            .map(|(_, en)| (*en).to_owned())
            .or_else(|| {
                NUMBERED
                    .iter()
                    .find_map(|(zh, en)| numbered(name, zh).map(|n| format!("{en}{n}")))
            })
    })
}

/// The stored path of a unit path given with English unit names
/// (`Title#2`, `二/¶3`, `Para. 2`), as an English report or the English UI
/// shows it: each English name back to the parser's; anything else as
/// written, so a stored path is returned unchanged.
pub fn stored_unit_path(path: &str) -> String {
    path.split('/')
        .map(|seg| {
            map_segment(seg, |name| {
                UNIT_NAMES
                    .iter()
                    .find(|(_, en)| en.eq_ignore_ascii_case(name))
                    .map(|(zh, _)| (*zh).to_owned())
                    .or_else(|| {
                        NUMBERED.iter().find_map(|(zh, en)| {
                            numbered(name, en.trim_end()).map(|n| format!("{zh}{n}"))
                        })
                    })
            })
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// `seg` with its name (before a repeat's `#N`) renamed by `rename`, when
/// it has a name `rename` knows and any repeat is `#` and digits.
fn map_segment(seg: &str, rename: impl Fn(&str) -> Option<String>) -> String {
    let (name, repeat) = match seg.find('#') {
        Some(k) => seg.split_at(k),
        None => (seg, ""),
    };
    let repeat_ok = repeat.is_empty() || {
        let n = &repeat[1..];
        !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
    };
    match rename(name.trim()).filter(|_| repeat_ok) {
        Some(n) => format!("{n}{repeat}"),
        None => seg.to_owned(),
    }
}

/// The digits after `head` in `name` (`段12` → `12`), when that is all it holds.
fn numbered<'n>(name: &'n str, head: &str) -> Option<&'n str> {
    let n = name.strip_prefix(head)?.trim_start();
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::{stored_unit_path, unit_segment};

    #[test]
    fn unit_names_in_english_numbering_as_written() {
        let cases = [
            ("标题", "Title"),
            ("标题#2", "Title#2"),
            ("印发通知", "Cover notice"),
            ("落款", "Signature"),
            ("序言", "Preamble"),
            ("段12", "¶12"),
            ("款2#3", "Para. 2#3"),
            ("段", "段"),
            ("段落", "段落"),
            ("（一）", "（一）"),
            ("二", "二"),
            ("标题#x", "标题#x"),
        ];
        for (seg, want) in cases {
            assert_eq!(unit_segment(seg), want, "{seg}");
        }
    }

    #[test]
    fn english_unit_names_lead_back_to_the_stored_path() {
        for stored in [
            "标题",
            "标题#2",
            "印发通知",
            "落款",
            "序言",
            "段12",
            "款2#3",
            "二/（一）/1",
            "三/段4",
        ] {
            let english: String = stored
                .split('/')
                .map(unit_segment)
                .collect::<Vec<_>>()
                .join("/");
            assert_eq!(stored_unit_path(&english), stored, "{english}");
            assert_eq!(stored_unit_path(stored), stored, "a stored path is kept");
        }
        assert_eq!(stored_unit_path("signature"), "落款");
        assert_eq!(stored_unit_path("Para.2"), "款2");
        assert_eq!(stored_unit_path("¶"), "¶");
        assert_eq!(stored_unit_path("Title#x"), "Title#x");
    }
}
