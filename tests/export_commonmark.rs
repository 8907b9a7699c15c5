//! The Markdown export read back by a real CommonMark parser: whatever a
//! passage or a note holds (links, `javascript:` URLs, raw HTML, headings,
//! backticks, emphasis runs, tables, entities), each quote must render as
//! one block quote holding one paragraph of plain text, and each note as
//! plain text. Escaping checked by eye is not enough: a parser decides.

use dossier::core::bookmarks::{Anchorer, Bookmark, PassageSpan, export};
use dossier::core::corpus::Corpus;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Passages written to break Markdown in every way we know of.
const HOSTILE: &[&str] = &[
    "[click here](javascript:alert(1)) and <javascript:alert(2)> then [ref][1]",
    "<script>alert('x')</script> and <b onclick=\"x()\">bold</b> <!-- comment -->",
    "# Not a heading, ## nor this, and a line with trailing hashes ##",
    "`code` and ``double `tick` code`` and ```fence``` inline",
    "*emphasis* **strong** _under_ __dunder__ ***both*** ~~strike~~ ~sub~",
    "| a | b |\n|---|---|\n| c | d |",
    "1. Not a list item, 2) nor this",
    "- not a bullet + nor this * nor this",
    "> not a nested quote >> nor this",
    "AT&T &amp; &#38; &copy; &nbsp; stay as written",
    "![image](http://example.com/x.png) and <http://example.com> autolink",
    "a backslash \\ at the end \\",
    "Setext underline follows\n===",
    "[1]: http://example.com/definition \"title\"",
    "    four leading spaces, not code",
    "Emphasis_inside_words and snake_case_names and 2*3*4",
    "<div>\nblock html\n</div>",
    "---",
    "Text with a footnote[^1] and [^1]: the note",
    "www.example.com and https://example.com/a_b_c bare links",
];

fn corpus_of(passages: &[&str]) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from(
        "---\ntitle: Hostile *title* with [a](link) & `code`\nauthor: A <b>writer</b>\n---\n\n",
    );
    for p in passages {
        text.push_str(p);
        text.push_str("\n\n");
    }
    std::fs::write(dir.path().join("hostile.md"), text).unwrap();
    let corpus = Corpus::load_dir(dir.path()).unwrap();
    (dir, corpus)
}

/// The events of one block: everything between a start tag and its end.
#[derive(Debug, Default)]
struct Block {
    text: String,
    forbidden: Vec<String>,
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Parses `md` and returns, for each top-level block quote, its paragraphs'
/// text, failing on anything but plain text inside it.
fn quotes_and_top_level(md: &str) -> (Vec<Vec<Block>>, Vec<String>) {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_TASKLISTS);
    let mut quotes: Vec<Vec<Block>> = Vec::new();
    let mut others = Vec::new();
    let mut depth_quote = 0usize;
    let mut current: Option<Block> = None;
    for ev in Parser::new_ext(md, opts) {
        match &ev {
            Event::Start(Tag::BlockQuote(_)) => {
                depth_quote += 1;
                if depth_quote == 1 {
                    quotes.push(Vec::new());
                } else {
                    others.push("nested block quote".into());
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => depth_quote -= 1,
            Event::Start(Tag::Paragraph) if depth_quote == 1 => current = Some(Block::default()),
            Event::End(TagEnd::Paragraph) if depth_quote == 1 => {
                if let (Some(q), Some(b)) = (quotes.last_mut(), current.take()) {
                    q.push(b);
                }
            }
            Event::Text(t) if current.is_some() => current.as_mut().unwrap().text.push_str(t),
            Event::SoftBreak | Event::HardBreak if current.is_some() => {
                current.as_mut().unwrap().text.push(' ')
            }
            other if depth_quote > 0 => {
                let b = current.get_or_insert_with(Block::default);
                b.forbidden.push(format!("{other:?}"));
            }
            Event::Html(h) | Event::InlineHtml(h) => others.push(format!("raw HTML {h:?}")),
            Event::Start(Tag::Link { .. }) | Event::Start(Tag::Image { .. }) => {
                others.push(format!("{ev:?}"))
            }
            Event::Start(Tag::Table(_)) | Event::Start(Tag::List(_)) => {
                others.push(format!("{ev:?}"))
            }
            Event::Code(c) => others.push(format!("code {c:?}")),
            Event::FootnoteReference(f) => others.push(format!("footnote {f:?}")),
            _ => {}
        }
    }
    (quotes, others)
}

#[test]
fn every_hostile_quote_renders_as_one_paragraph_of_plain_text() {
    let (_dir, corpus) = corpus_of(HOSTILE);
    let article = &corpus.articles[0];
    let anchorer = Anchorer::new(&corpus);
    let n = article.passages.len();
    assert!(
        n >= HOSTILE.len() - 2,
        "{n} passages from {} texts",
        HOSTILE.len()
    );
    let bookmarks: Vec<Bookmark> = (1..=n)
        .map(|p| Bookmark::new(format!("{p:08x}"), article, PassageSpan::single(p), "").unwrap())
        .collect();
    let anchors: Vec<_> = bookmarks.iter().map(|b| anchorer.locate(b)).collect();
    let md = export::markdown(&corpus, &bookmarks, &anchors);
    let (quotes, others) = quotes_and_top_level(&md);
    assert!(
        others.is_empty(),
        "markup outside the quotes: {others:?}\n{md}"
    );
    assert_eq!(quotes.len(), n, "one block quote per bookmark\n{md}");
    for (i, q) in quotes.iter().enumerate() {
        assert_eq!(q.len(), 1, "quote {} is {} blocks\n{md}", i + 1, q.len());
        let block = &q[0];
        assert!(
            block.forbidden.is_empty(),
            "quote {} renders markup {:?}\n{md}",
            i + 1,
            block.forbidden
        );
        let passage = article.passage_text(article.passage(i + 1).unwrap());
        assert_eq!(words(&block.text), words(passage), "quote {} text", i + 1);
    }
}

#[test]
fn hostile_notes_and_titles_stay_plain_text() {
    let (_dir, corpus) = corpus_of(&["An ordinary passage."]);
    let article = &corpus.articles[0];
    let note = HOSTILE.join("\n");
    let b = Bookmark::new("00000001".into(), article, PassageSpan::single(1), &note).unwrap();
    let anchors = vec![Anchorer::new(&corpus).locate(&b)];
    let md = export::markdown(&corpus, std::slice::from_ref(&b), &anchors);
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_FOOTNOTES);
    let mut text = String::new();
    let mut emphasis = 0;
    let mut headings = Vec::new();
    for ev in Parser::new_ext(&md, opts) {
        match ev {
            Event::Text(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            Event::Start(Tag::Heading { .. }) => headings.push(text.len()),
            // The citation puts the title in emphasis, on purpose: one run.
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::Start(Tag::Paragraph | Tag::BlockQuote(_)) => {}
            Event::End(_) => {}
            other => panic!("the note or title rendered {other:?}\n{md}"),
        }
    }
    assert_eq!(emphasis, 1, "only the citation's title is emphasised\n{md}");
    assert_eq!(
        headings.len(),
        2,
        "`# Bookmarks` and the article's heading only\n{md}"
    );
    for line in HOSTILE {
        assert!(
            words(&text).contains(&words(line)),
            "note line {line:?} lost\n{md}"
        );
    }
    assert!(
        text.contains("Hostile *title* with [a](link) & `code`"),
        "{text}"
    );
}
