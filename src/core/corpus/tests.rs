//! Tests of parsing, sentence splitting and the bundled corpus.

use super::*;
use crate::core::text;

#[test]
fn parses_header_and_paragraphs() {
    let raw = "---\nid: my-article\ntitle: A title: with colon\nauthor: Ann\ndate: 2023-01-02\n---\n\nFirst para\ncontinues here.\n\n## A heading\n\n> A quote\n\nLast.\n";
    let a = Article::parse("x.txt", raw, None).unwrap();
    assert_eq!(a.id, "my-article");
    assert_eq!(a.title, "A title: with colon");
    assert_eq!(a.meta.line(), "Ann · 2023-01-02");
    assert_eq!(a.passages.len(), 4);
    assert_eq!(a.passage_text(&a.passages[0]), "First para continues here.");
    assert_eq!(a.passages[1].kind, PassageKind::Heading);
    assert_eq!(a.passage_text(&a.passages[1]), "A heading");
    assert_eq!(a.passages[2].kind, PassageKind::Quote);
    assert_eq!(a.passage_text(&a.passages[2]), "A quote");
    assert_eq!(a.passage(4).unwrap().number, 4);
    assert!(a.passage(0).is_none());
    assert_eq!(a.words, 9);
}

#[test]
fn without_header_first_line_is_title_and_id_from_file_name() {
    let a = Article::parse("07-My File.md", "The Title\n\nBody one.\n\nBody two.", None).unwrap();
    assert_eq!(a.title, "The Title");
    assert_eq!(a.id, "my-file");
    assert_eq!(a.passages.len(), 2);
}

#[test]
fn a_blank_line_after_the_title_means_paragraphs_are_blocks() {
    let a = Article::parse("a.txt", "T\n\nthe Lachin\ncorridor.", None).unwrap();
    assert_eq!(a.passages.len(), 1);
    assert_eq!(a.passage_text(&a.passages[0]), "the Lachin corridor.");
}

#[test]
fn markdown_title_marker_is_stripped() {
    let a = Article::parse("a.md", "# Heading Title\n\nText.", None).unwrap();
    assert_eq!(a.title, "Heading Title");
}

#[test]
fn one_paragraph_per_line_when_no_blank_lines() {
    let a = Article::parse("a.txt", "Title\nOne.\nTwo.\nThree.", None).unwrap();
    assert_eq!(a.title, "Title");
    assert_eq!(a.passages.len(), 3);
}

#[test]
fn control_characters_never_survive_parsing() {
    let raw = "---\ntitle: T\u{1b}]0;pwned\u{7}\n---\n\nA\u{1b}[2J\u{9b}1mB\r\n";
    let a = Article::parse("a.txt", raw, None).unwrap();
    assert!(text::is_sanitised(&a.title));
    assert!(text::is_sanitised(&a.text));
    assert_eq!(a.passage_text(&a.passages[0]), "AB");
}

#[test]
fn sentences_split_on_stops_but_not_abbreviations() {
    let p = "Russia was displeased. The U.S. Army said so, as did Mr. Smith! Then J. Doe left… “Quoted.” Done 1,960 troops.";
    let s: Vec<&str> = sentence_ranges(p).into_iter().map(|r| &p[r]).collect();
    assert_eq!(
        s,
        vec![
            "Russia was displeased.",
            "The U.S. Army said so, as did Mr. Smith!",
            "Then J. Doe left…",
            "“Quoted.”",
            "Done 1,960 troops."
        ]
    );
}

#[test]
fn passage_at_finds_the_enclosing_passage() {
    let a = Article::parse("a.txt", "T\n\nOne.\n\nTwo.", None).unwrap();
    let two = a.text.find("Two").unwrap();
    assert_eq!(a.passage_at(two).unwrap().number, 2);
    assert_eq!(a.passage_at(0).unwrap().number, 1);
}

#[test]
fn slugs() {
    assert_eq!(slug("01-russia-seals-demise"), "russia-seals-demise");
    assert_eq!(slug("Canbäck’s Notes!"), "canback-s-notes");
    assert_eq!(slug("???"), "article");
    assert_eq!(slug("2023"), "2023");
}

#[test]
fn bundled_corpus_has_five_articles_with_unique_ids() {
    let c = Corpus::bundled();
    assert_eq!(c.articles.len(), 5);
    let ids: std::collections::HashSet<_> = c.articles.iter().map(|a| &a.id).collect();
    assert_eq!(ids.len(), 5);
    for a in &c.articles {
        assert!(!a.title.is_empty());
        assert!(a.passages.len() > 5, "{} has few passages", a.id);
        for p in &a.passages {
            let sentences = a.sentences(p);
            assert!(!sentences.is_empty());
            assert_eq!(sentences[0].start, p.range.start);
            assert_eq!(sentences.last().unwrap().end, p.range.end);
            assert!(a.text.is_char_boundary(p.range.start));
        }
    }
}
