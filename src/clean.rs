//! Clean extraction noise from document text.
//!
//! Takes the decoded text of one document and hands on a normalised text:
//! spaces inside Chinese words removed, paragraphs cut by page breaks joined,
//! markdown marks dropped, numbering punctuation normalised. The original
//! text is kept by the caller.

/// Clean a document's text. Paragraphs are separated by `\n` in the result.
pub fn clean(text: &str) -> String {
    // Placeholder: trim lines, drop blank ones.
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
