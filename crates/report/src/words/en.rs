//! The reports' own words in English, as the UI says them
//! (`ui/src/lib/i18n/messages.ts`) where it has them.

use policydiff_model::ReportLang;

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
        no_key_diffs: "No key differences found.",
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
        key_diffs_head: [
            "No.",
            "Document",
            "Base clause",
            "Matching clauses",
            "Category",
            "Detail",
        ],
        documents_head: ["No.", "Title", "Document number", "Coverage"],
        base: "Base",
    },
};

/// One segment of a unit's path in English: the parser's names of
/// un-numbered units translated, anything else as written.
pub(super) fn unit_segment(seg: &str) -> String {
    let (name, repeat) = match seg.find('#') {
        Some(k) => seg.split_at(k),
        None => (seg, ""),
    };
    let named = match name {
        "标题" => Some("Title".to_owned()),
        "印发通知" => Some("Cover notice".to_owned()),
        "落款" => Some("Signature".to_owned()),
        "序言" => Some("Preamble".to_owned()),
        _ => numbered(name, '段', "¶").or_else(|| numbered(name, '款', "Para. ")),
    };
    match named {
        Some(n) if repeat.is_empty() || repeat[1..].bytes().all(|b| b.is_ascii_digit()) => {
            format!("{n}{repeat}")
        }
        _ => seg.to_owned(),
    }
}

/// `段3` → `¶3` (with `prefix`), when `name` is `head` and digits.
fn numbered(name: &str, head: char, prefix: &str) -> Option<String> {
    let n = name.strip_prefix(head)?;
    (!n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())).then(|| format!("{prefix}{n}"))
}

#[cfg(test)]
mod tests {
    use super::unit_segment;

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
}
