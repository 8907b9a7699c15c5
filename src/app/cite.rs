//! The text `y` copies: a passage followed by a citation line naming the
//! article, its author, source and date, and the passage number, so a quote
//! pasted elsewhere can be traced back.

use crate::core::{Article, Passage};

/// `passage text`, a blank line, then
/// `— Title. Author · Source · Date. Passage 4.` (missing parts left out).
pub fn citation(article: &Article, passage: &Passage) -> String {
    let mut out = article.passage_text(passage).replace('\t', " ");
    out.push_str("\n\n— ");
    out.push_str(&article.title);
    let meta = article.meta.line();
    if !meta.is_empty() {
        out.push_str(". ");
        out.push_str(&meta);
    }
    out.push_str(&format!(". Passage {}.", passage.number));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_title_meta_and_passage() {
        let a = Article::parse(
            "a.txt",
            "---\ntitle: T\nauthor: Ann\nsource: Paper\ndate: 2023-01-02\n---\n\nOne.\n\nTwo\tthree.",
            None,
        )
        .unwrap();
        assert_eq!(
            citation(&a, &a.passages[1]),
            "Two three.\n\n— T. Ann · Paper · 2023-01-02. Passage 2."
        );
        let b = Article::parse("b.txt", "Title\n\nBody.", None).unwrap();
        assert_eq!(citation(&b, &b.passages[0]), "Body.\n\n— Title. Passage 1.");
    }
}
