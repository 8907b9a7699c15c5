//! Exports of the bookmarks, for citing: Markdown (each quote a `> ` block,
//! the note under it, a citation line) and JSON, both grouped by article in
//! corpus order, orphaned bookmarks last. In Markdown the quotes, notes,
//! titles and citation fields are escaped, so that characters Markdown
//! reads (`*`, `_`, `#`, `>`, `[`, backticks, `<`, ...) stay text.
//!
//! Pure functions from bookmarks and their [`Anchor`]s to text; nothing here
//! reads or writes files.

use std::fmt::Write as _;

use serde::Serialize;

use super::{Anchor, Bookmark, PassageSpan, TextQuote, format_time};
use crate::core::corpus::{Article, Corpus};

/// Indices into `bookmarks` in corpus order: placed ones by article, then
/// passage, then age; orphaned ones after them, by article id, passage and
/// age. `anchors[i]` belongs to `bookmarks[i]`.
pub fn in_corpus_order(bookmarks: &[Bookmark], anchors: &[Anchor]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..bookmarks.len().min(anchors.len())).collect();
    order.sort_by(|&i, &j| {
        let key = |k: usize| {
            let b = &bookmarks[k];
            match anchors[k].place() {
                Some((ix, span)) => (0, ix, String::new(), span, b.created),
                None => (1, 0, b.article.clone(), b.passages, b.created),
            }
        };
        key(i).cmp(&key(j))
    });
    order
}

/// The Markdown export.
pub fn markdown(corpus: &Corpus, bookmarks: &[Bookmark], anchors: &[Anchor]) -> String {
    let mut out = String::from("# Bookmarks\n");
    let order = in_corpus_order(bookmarks, anchors);
    if order.is_empty() {
        out.push_str("\nNo bookmarks yet.\n");
        return out;
    }
    let mut heading: Option<Option<usize>> = None;
    for i in order {
        let b = &bookmarks[i];
        let place = anchors[i].place();
        let group = place.map(|(ix, _)| ix);
        if heading != Some(group) {
            match group {
                Some(ix) => {
                    let _ = write!(out, "\n## {}\n", escape(&one_line(&corpus.articles[ix].title)));
                }
                None => out.push_str(
                    "\n## Orphaned bookmarks\n\nTheir text is no longer in the articles; the quotes are as they were saved.\n",
                ),
            }
            heading = Some(group);
        }
        out.push('\n');
        for (k, para) in b.quote.exact.split("\n\n").enumerate() {
            if k > 0 {
                out.push_str(">\n");
            }
            let _ = writeln!(out, "> {}", escape_line(one_line(para).trim()));
        }
        let note = note_markdown(&b.note);
        if !note.is_empty() {
            let _ = write!(out, "\n{note}\n");
        }
        let (article, span, saved) = match place {
            Some((ix, span)) => (Some(&corpus.articles[ix]), span, false),
            None => (corpus.get(&b.article), b.passages, true),
        };
        let _ = writeln!(out, "\n— {}", citation(b, article, span, saved));
    }
    out
}

/// One bookmark in the JSON export: the bookmark, its citation fields and
/// its status now.
#[derive(Debug, Serialize)]
pub struct ExportedBookmark<'a> {
    id: &'a str,
    article: &'a str,
    title: &'a str,
    author: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    passages: PassageSpan,
    status: &'static str,
    quote: &'a TextQuote,
    note: &'a str,
    created: String,
    updated: String,
}

/// The JSON export.
#[derive(Debug, Serialize)]
pub struct Exported<'a> {
    version: u64,
    exported: String,
    bookmarks: Vec<ExportedBookmark<'a>>,
}

/// The JSON export (serialise it with serde_json): `version`, `exported`
/// (the time) and the bookmarks in corpus order, each with its citation
/// fields and its status now.
pub fn json<'a>(corpus: &'a Corpus, bookmarks: &'a [Bookmark], anchors: &[Anchor]) -> Exported<'a> {
    let list = in_corpus_order(bookmarks, anchors)
        .into_iter()
        .map(|i| {
            let b = &bookmarks[i];
            let (article, span) = match anchors[i].place() {
                Some((ix, span)) => (Some(&corpus.articles[ix]), span),
                None => (corpus.get(&b.article), b.passages),
            };
            let meta = article.map(|a| &a.meta);
            ExportedBookmark {
                id: &b.id,
                article: article.map_or(&b.article, |a| &a.id),
                title: article.map_or(&b.title, |a| &a.title),
                author: meta.and_then(|m| m.author.as_deref()),
                source: meta.and_then(|m| m.source.as_deref()),
                date: meta.and_then(|m| m.date.as_deref()),
                passages: span,
                status: anchors[i].label(),
                quote: &b.quote,
                note: &b.note,
                created: format_time(b.created),
                updated: format_time(b.updated),
            }
        })
        .collect();
    Exported {
        version: super::FORMAT_VERSION,
        exported: format_time(super::now()),
        bookmarks: list,
    }
}

/// `*Title*, Author, Source, Date, passage 4` (missing parts left out).
fn citation(b: &Bookmark, article: Option<&Article>, span: PassageSpan, saved: bool) -> String {
    let title = article.map_or(b.title.as_str(), |a| a.title.as_str());
    let mut parts = vec![format!("*{}*", escape(&one_line(title)))];
    if let Some(m) = article.map(|a| &a.meta) {
        parts.extend(
            [&m.author, &m.source, &m.date]
                .into_iter()
                .flatten()
                .map(|s| escape(&one_line(s))),
        );
    }
    let noun = if span.first == span.last {
        "passage"
    } else {
        "passages"
    };
    let range = if span.first == span.last {
        span.first.to_string()
    } else {
        format!("{}–{}", span.first, span.last)
    };
    let mut p = format!("{noun} {range}");
    if saved {
        p.push_str(" (as saved)");
    }
    parts.push(p);
    parts.join(", ")
}

/// A note as Markdown: each line escaped, its line breaks kept (a `\` at
/// the end of a line followed by another), blank lines between
/// paragraphs kept, leading spaces (which would make a code block)
/// dropped.
fn note_markdown(note: &str) -> String {
    let note = crate::core::text::sanitise(note.trim()).replace('\t', " ");
    let lines: Vec<&str> = note.lines().map(str::trim).collect();
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(&escape_line(line));
        let next_is_text = lines.get(i + 1).is_some_and(|l| !l.is_empty());
        if !line.is_empty() && next_is_text {
            out.push('\\');
        }
    }
    out
}

/// Text that Markdown shows as it is, inside a line: a backslash before
/// every character that could start emphasis, code, a link, an HTML tag,
/// an entity, a strikethrough or a table cell.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for (i, c) in s.char_indices() {
        // `&amp;`, `&#38;`: an entity Markdown would turn into a character.
        let entity = c == '&' && {
            let rest = &s[i + 1..];
            let name = rest
                .find(|n: char| !(n.is_ascii_alphanumeric() || n == '#'))
                .unwrap_or(rest.len());
            name > 0 && rest[name..].starts_with(';')
        };
        if entity
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '~' | '|'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// [`escape`] for text at the start of a line, where `#` (a heading),
/// `-`, `+`, `=` (a list, a rule, a heading underline) and `1.` or `1)`
/// (a numbered list) would also change what it is.
fn escape_line(s: &str) -> String {
    let escaped = escape(s);
    let digits = s.chars().take_while(char::is_ascii_digit).count();
    let numbered = digits > 0 && matches!(s[digits..].chars().next(), Some('.' | ')'));
    if numbered {
        format!("{}\\{}", &escaped[..digits], &escaped[digits..])
    } else if matches!(s.chars().next(), Some('#' | '-' | '+' | '=')) {
        format!("\\{escaped}")
    } else {
        escaped
    }
}

/// Text on one line: line breaks and tabs become spaces, other control
/// characters are dropped.
fn one_line(s: &str) -> String {
    crate::core::text::sanitise(s).replace(['\n', '\t'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bookmarks::Match;
    use serde_json::json;

    fn setup() -> (Corpus, Vec<Bookmark>, Vec<Anchor>) {
        let c = Corpus::bundled();
        let mk = |a: &Article, first, last, note: &str| {
            let id = format!("{first:08}");
            Bookmark::new(id, a, PassageSpan { first, last }, note).unwrap()
        };
        let (a1, a2) = (&c.articles[1], &c.articles[2]);
        let mut gone = mk(a1, 1, 1, "gone");
        gone.quote.exact = "Text that is no longer anywhere.".into();
        gone.article = "vanished".into();
        let bookmarks = vec![
            mk(a2, 4, 4, "pull quote"),
            gone,
            mk(a1, 2, 3, "two\nlines"),
            mk(a2, 1, 1, ""),
        ];
        let at = |ix, first, last| Anchor::Anchored {
            article_ix: ix,
            passages: PassageSpan { first, last },
            how: Match::Exact,
        };
        let anchors = vec![at(2, 4, 4), Anchor::Orphaned, at(1, 2, 3), at(2, 1, 1)];
        (c, bookmarks, anchors)
    }

    #[test]
    fn order_is_by_article_then_passage_orphans_last() {
        let (_, b, a) = setup();
        assert_eq!(in_corpus_order(&b, &a), vec![2, 3, 0, 1]);
    }

    #[test]
    fn markdown_groups_quotes_notes_and_citations() {
        let (c, b, a) = setup();
        let md = markdown(&c, &b, &a);
        let first = &c.articles[1];
        let betrayal = &c.articles[2];
        let h0 = md.find(&format!("\n## {}\n", first.title)).unwrap();
        let h2 = md.find(&format!("\n## {}\n", betrayal.title)).unwrap();
        let orphans = md.find("\n## Orphaned bookmarks\n").unwrap();
        assert!(h0 < h2 && h2 < orphans, "{md}");
        // Two passages: two quote paragraphs in one block.
        let p2 = first.passage_text(first.passage(2).unwrap());
        let p3 = first.passage_text(first.passage(3).unwrap());
        assert!(
            md.contains(&format!(
                "> {p2}\n>\n> {p3}\n\ntwo\\\nlines\n\n— *{}*, ",
                first.title
            )),
            "{md}"
        );
        let cite = format!(
            "— *{}*, {}, passages 2–3\n",
            first.title,
            first.meta.line().replace(" · ", ", ")
        );
        assert!(md.contains(&cite), "{cite}\n{md}");
        assert!(md.contains(&format!(
            "\n\npull quote\n\n— *{}*, passage 4\n",
            betrayal.title
        )));
        assert!(md[orphans..].contains("> Text that is no longer anywhere.\n\ngone\n\n"));
        assert!(md[orphans..].contains(", passage 1 (as saved)\n"), "{md}");
        assert!(md.starts_with("# Bookmarks\n"));
    }

    #[test]
    fn json_has_citation_fields_and_status() {
        let (c, b, a) = setup();
        let v = serde_json::to_value(json(&c, &b, &a)).unwrap();
        assert_eq!(v["version"], 1);
        let list = v["bookmarks"].as_array().unwrap();
        assert_eq!(list.len(), 4);
        assert_eq!(list[0]["article"], c.articles[1].id.as_str());
        assert_eq!(list[0]["passages"], json!({"first": 2, "last": 3}));
        assert_eq!(list[0]["author"], "Sossi Tatikyan");
        assert_eq!(list[1]["author"], json!(null));
        let text = serde_json::to_string(&json(&c, &b, &a)).unwrap();
        assert!(text.starts_with("{\"version\":1,\"exported\":"), "{text}");
        assert_eq!(list[3]["status"], "orphaned");
        assert_eq!(list[3]["article"], "vanished");
    }

    #[test]
    fn markdown_meta_characters_in_quotes_and_notes_stay_text() {
        assert_eq!(
            escape("a*b*_c_ `x` [l](u) <b> a\\b ~~s~~ |t| AT&T &amp;"),
            "a\\*b\\*\\_c\\_ \\`x\\` \\[l\\](u) \\<b\\> a\\\\b \\~\\~s\\~\\~ \\|t\\| AT&T \\&amp;"
        );
        assert_eq!(escape_line("# not a heading"), "\\# not a heading");
        assert_eq!(escape_line("> not nested"), "\\> not nested");
        assert_eq!(escape_line("- not a list"), "\\- not a list");
        assert_eq!(escape_line("1984. Not a list"), "1984\\. Not a list");
        assert_eq!(escape_line("2) not"), "2\\) not");
        assert_eq!(escape_line("a # b - c 1. d"), "a # b - c 1. d");
        assert_eq!(
            note_markdown("  # one\n    two\n\n---"),
            "\\# one\\\ntwo\n\n\\---"
        );

        let (c, mut b, a) = setup();
        b[0].quote.exact = "# Heading? *No* — <em>plain</em> [text](x) `code`".into();
        b[0].note = "> not a quote\n_nor_ emphasis".into();
        let md = markdown(&c, &b, &a);
        let betrayal = &c.articles[2];
        let expected = format!(
            "\n> \\# Heading? \\*No\\* — \\<em\\>plain\\</em\\> \\[text\\](x) \\`code\\`\n\n\\> not a quote\\\n\\_nor\\_ emphasis\n\n— *{}*, ",
            betrayal.title
        );
        assert!(md.contains(&expected), "{expected}\n{md}");
        // The citation line is whole: the title in emphasis, passage last.
        assert!(md.contains(&format!("— *{}*, ", betrayal.title)));
        assert!(md.contains(", passage 4\n"), "{md}");
    }

    #[test]
    fn empty_export_says_so() {
        assert_eq!(
            markdown(&Corpus::bundled(), &[], &[]),
            "# Bookmarks\n\nNo bookmarks yet.\n"
        );
    }
}
