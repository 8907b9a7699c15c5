//! Bookmarks: passages a reader marks to come back to and to cite, each with
//! a note, kept in one local JSON file that survives crashes, restarts, edits
//! of the corpus and two instances at once.
//!
//! * this module: what a [`Bookmark`] is — an article, a passage range and a
//!   W3C-style [`TextQuote`] (the exact text plus ~32 characters of context
//!   on each side), so the bookmark can be found again when the text moves;
//! * [`store`]: the file on disk ([`BookmarkStore`]): write-through, atomic,
//!   locked, versioned, never overwriting a file it cannot read;
//! * [`anchor`]: finding each quote again in the current corpus
//!   ([`Anchor`]: anchored, moved or orphaned — never dropped);
//! * [`export`]: Markdown and JSON exports with citations.
//!
//! Nothing here touches the terminal or prints; errors are values.

pub mod anchor;
pub mod export;
pub mod store;

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::corpus::Article;
use super::error::Error;

pub use anchor::{Anchor, Anchorer, Match};
pub use store::{BookmarkStore, FORMAT_VERSION};

/// How many characters of context a quote keeps on each side.
pub const CONTEXT_CHARS: usize = 32;

/// An inclusive range of passages, numbered from 1 as in
/// [`Article::passage`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PassageSpan {
    /// The first passage.
    pub first: usize,
    /// The last passage (equal to `first` for a single passage).
    pub last: usize,
}

impl PassageSpan {
    /// One passage.
    pub fn single(n: usize) -> PassageSpan {
        PassageSpan { first: n, last: n }
    }

    /// The passages from `a` to `b`, in either order.
    pub fn between(a: usize, b: usize) -> PassageSpan {
        PassageSpan {
            first: a.min(b),
            last: a.max(b),
        }
    }

    /// Whether passage `n` is in the span.
    pub fn contains(&self, n: usize) -> bool {
        (self.first..=self.last).contains(&n)
    }

    /// How many passages the span covers.
    pub fn len(&self) -> usize {
        self.last.saturating_sub(self.first) + 1
    }

    /// Never true: a span covers at least one passage.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Parses `4` or `4-6` (1-based; the second number not before the
    /// first).
    pub fn parse(s: &str) -> Result<PassageSpan, Error> {
        let number = |t: &str| {
            t.trim().parse::<usize>().ok().filter(|&n| n >= 1).ok_or_else(|| {
                Error::BadArgument(format!(
                    "'{s}' is not a passage number or range: use a number from 1, like 4, or a range like 4-6"
                ))
            })
        };
        let span = match s.split_once('-') {
            Some((a, b)) => PassageSpan {
                first: number(a)?,
                last: number(b)?,
            },
            None => PassageSpan::single(number(s)?),
        };
        if span.last < span.first {
            return Err(Error::BadArgument(format!(
                "the passage range '{s}' runs backwards: write the smaller number first ({}-{})",
                span.last, span.first
            )));
        }
        Ok(span)
    }
}

impl fmt::Display for PassageSpan {
    /// `4` or `4-6`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.first == self.last {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{}-{}", self.first, self.last)
        }
    }
}

/// A W3C text-quote selector: the quoted text and a little context on each
/// side, enough to find it again after the text around it has changed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TextQuote {
    /// The passages' display text, as it was when bookmarked (passages
    /// separated by a blank line).
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters of the article just before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters of the article just after it.
    #[serde(default)]
    pub suffix: String,
}

impl TextQuote {
    /// The quote of passages `span` of `article`; an error naming the
    /// article and its passage count when the span does not fit.
    pub fn of(article: &Article, span: PassageSpan) -> Result<TextQuote, Error> {
        let n = article.passages.len();
        let (Some(first), Some(last)) = (article.passage(span.first), article.passage(span.last))
        else {
            return Err(Error::BadArgument(format!(
                "article '{}' has {n} passage{}, so there is no passage {}; choose from 1 to {n} (see `dossier show {}`)",
                article.id,
                if n == 1 { "" } else { "s" },
                if article.passage(span.first).is_none() {
                    span.first
                } else {
                    span.last
                },
                article.id,
            )));
        };
        let (start, end) = (first.range.start, last.range.end.max(first.range.start));
        let text = &article.text;
        let before = &text[..start];
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let after = &text[end..];
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        Ok(TextQuote {
            exact: text[start..end].to_string(),
            prefix: before[prefix_start..].to_string(),
            suffix: after[..suffix_end].to_string(),
        })
    }
}

/// One bookmark, as kept in the file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Short, stable, unique id (8 hex digits).
    pub id: String,
    /// When it was made (RFC 3339, UTC).
    #[serde(with = "rfc3339")]
    pub created: OffsetDateTime,
    /// When it was last changed (RFC 3339, UTC).
    #[serde(with = "rfc3339")]
    pub updated: OffsetDateTime,
    /// The article's id.
    pub article: String,
    /// The article's title when bookmarked, shown when the article is gone.
    pub title: String,
    /// The passages, as last anchored.
    pub passages: PassageSpan,
    /// The quoted text with its context.
    pub quote: TextQuote,
    /// The reader's note; may hold line breaks; empty for none.
    #[serde(default)]
    pub note: String,
    /// Fields this version does not know (kept as they are when the file is
    /// rewritten, so a hand-added field is not lost).
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Bookmark {
    /// A bookmark of passages `span` of `article`, made now, with its quote;
    /// an error when the span is not in the article.
    pub fn new(
        id: String,
        article: &Article,
        span: PassageSpan,
        note: &str,
    ) -> Result<Bookmark, Error> {
        let at = now();
        Ok(Bookmark {
            id,
            created: at,
            updated: at,
            article: article.id.clone(),
            title: article.title.clone(),
            passages: span,
            quote: TextQuote::of(article, span)?,
            note: note.to_string(),
            extra: serde_json::Map::new(),
        })
    }
}

/// The current time, to the second, in UTC.
pub fn now() -> OffsetDateTime {
    let t = OffsetDateTime::now_utc();
    t.replace_nanosecond(0).unwrap_or(t)
}

/// Formats a time as RFC 3339 (`2025-01-02T10:00:00Z`).
pub fn format_time(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}

/// How long ago `then` was, in the largest whole unit: `just now`, `5 min`,
/// `3 h`, `2 d`, `7 mo`, `2 y`.
pub fn age(then: OffsetDateTime, now: OffsetDateTime) -> String {
    let s = (now - then).whole_seconds().max(0);
    match s {
        0..60 => "just now".into(),
        60..3600 => format!("{} min", s / 60),
        3600..86_400 => format!("{} h", s / 3600),
        86_400..2_592_000 => format!("{} d", s / 86_400),
        2_592_000..31_536_000 => format!("{} mo", s / 2_592_000),
        _ => format!("{} y", s / 31_536_000),
    }
}

/// serde for RFC 3339 times, without the `time` crate's serde feature.
mod rfc3339 {
    use serde::{Deserialize, Deserializer, Serializer};
    use time::OffsetDateTime;
    use time::format_description::well_known::Rfc3339;

    pub fn serialize<S: Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
        let text = t.format(&Rfc3339).map_err(serde::ser::Error::custom)?;
        s.serialize_str(&text)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<OffsetDateTime, D::Error> {
        let text = String::deserialize(d)?;
        OffsetDateTime::parse(&text, &Rfc3339).map_err(|e| {
            serde::de::Error::custom(format!("'{text}' is not an RFC 3339 time ({e})"))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article() -> Article {
        Article::parse(
            "a.txt",
            "T\n\nFirst passage, long enough to give a prefix.\n\nSecond “one”.\n\nThird passage follows with more words.",
            None,
        )
        .unwrap()
    }

    #[test]
    fn spans_parse_and_print() {
        assert_eq!(PassageSpan::parse("4").unwrap(), PassageSpan::single(4));
        assert_eq!(PassageSpan::parse("4-6").unwrap().to_string(), "4-6");
        assert_eq!(PassageSpan::parse("4").unwrap().to_string(), "4");
        for bad in ["0", "x", "", "6-4", "-3", "2-"] {
            let e = PassageSpan::parse(bad).unwrap_err().to_string();
            assert!(e.contains(bad), "{bad}: {e}");
        }
        assert!(
            PassageSpan::parse("6-4")
                .unwrap_err()
                .to_string()
                .contains("4-6")
        );
        assert_eq!(
            PassageSpan::between(5, 2),
            PassageSpan { first: 2, last: 5 }
        );
        assert_eq!(PassageSpan::between(5, 2).len(), 4);
    }

    #[test]
    fn quote_has_exact_text_and_bounded_context() {
        let a = article();
        let q = TextQuote::of(&a, PassageSpan::single(2)).unwrap();
        assert_eq!(q.exact, "Second “one”.");
        assert_eq!(q.prefix.chars().count(), CONTEXT_CHARS);
        assert!(q.prefix.ends_with("a prefix.\n\n"), "{:?}", q.prefix);
        assert!(q.suffix.starts_with("\n\nThird passage"), "{:?}", q.suffix);
        assert_eq!(q.suffix.chars().count(), CONTEXT_CHARS);
        let all = TextQuote::of(&a, PassageSpan { first: 1, last: 3 }).unwrap();
        assert_eq!(all.exact, a.text);
        assert_eq!((all.prefix.as_str(), all.suffix.as_str()), ("", ""));
    }

    #[test]
    fn quote_outside_the_article_is_a_clear_error() {
        let e = TextQuote::of(&article(), PassageSpan { first: 2, last: 9 })
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("has 3 passages") && e.contains("no passage 9"),
            "{e}"
        );
    }

    #[test]
    fn times_are_rfc3339_and_ages_are_short() {
        let t = now();
        let s = format_time(t);
        assert!(s.ends_with('Z') && s.contains('T'), "{s}");
        assert_eq!(
            OffsetDateTime::parse(&s, &time::format_description::well_known::Rfc3339).unwrap(),
            t
        );
        let h = time::Duration::hours(1);
        assert_eq!(age(t, t), "just now");
        assert_eq!(age(t - h * 3, t), "3 h");
        assert_eq!(age(t - h * 24 * 2, t), "2 d");
        assert_eq!(age(t + h, t), "just now");
    }
}
