//! The text `y` copies: a passage followed by a citation line naming the
//! article, its author, source and date, the passage number and where the
//! article was found, so a quote pasted elsewhere can be traced back. The
//! fields are those of the Markdown export's citation, as plain text.

use crate::core::text::sanitise;
use crate::core::{Article, Passage};

/// `passage text`, a blank line, then
/// `— “Title”, Author, Source, Date, passage 4. https://…` (missing parts
/// left out; no stop doubled after a title that ends in one).
pub fn citation(article: &Article, passage: &Passage) -> String {
    let mut out = article.passage_text(passage).replace('\t', " ");
    let m = &article.meta;
    let mut parts = vec![format!("“{}”", one_line(&article.title))];
    parts.extend(
        [&m.author, &m.source, &m.date]
            .into_iter()
            .flatten()
            .map(|s| one_line(s))
            .filter(|s| !s.is_empty()),
    );
    parts.push(format!("passage {}", passage.number));
    out.push_str("\n\n— ");
    out.push_str(&parts.join(", "));
    match m.url.as_deref().map(one_line).filter(|u| !u.is_empty()) {
        // No stop after the address: it would be copied with it.
        Some(url) => {
            out.push_str(". ");
            out.push_str(&url);
        }
        None => out.push('.'),
    }
    out
}

/// A field on one line, its spaces single, without the stops a list of
/// fields adds itself.
fn one_line(s: &str) -> String {
    let s = sanitise(s);
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.trim_end_matches([',', ';']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_title_meta_passage_and_address() {
        let a = Article::parse(
            "a.txt",
            "---\ntitle: T\nauthor: Ann\nsource: Paper\ndate: 2023-01-02\nurl: https://example.org/a\n---\n\nOne.\n\nTwo\tthree.",
            None,
        )
        .unwrap();
        assert_eq!(
            citation(&a, &a.passages[1]),
            "Two three.\n\n— “T”, Ann, Paper, 2023-01-02, passage 2. https://example.org/a"
        );
        let b = Article::parse("b.txt", "Title\n\nBody.", None).unwrap();
        assert_eq!(
            citation(&b, &b.passages[0]),
            "Body.\n\n— “Title”, passage 1."
        );
    }

    #[test]
    fn a_title_ending_in_a_stop_gets_no_second_one() {
        let a = Article::parse("c.txt", "Is it over?\n\nBody.", None).unwrap();
        let c = citation(&a, &a.passages[0]);
        assert_eq!(c, "Body.\n\n— “Is it over?”, passage 1.");
        assert!(!c.contains("?.") && !c.contains("…."), "{c}");
    }
}
