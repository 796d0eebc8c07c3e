//! Character folding shared by the token diff and the key differences:
//! full-width forms to their half-width counterparts, and whitespace removal.

pub(crate) use policydiff_model::text::fold_punct as fold_char;

/// The text without whitespace, full-width forms folded: the form in which
/// values (numbers, scope phrases, unit names) are compared.
pub(crate) fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .map(fold_char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_width() {
        let s: String = "（２０％），；".chars().map(fold_char).collect();
        assert_eq!(s, "(20%),;");
        assert_eq!(compact("2023 年 底前"), "2023年底前");
    }
}
