//! Re-anchoring: finding each bookmark's quote again in the current corpus,
//! so a bookmark follows its text when passages are inserted, removed or
//! edited around it.
//!
//! For each bookmark, in its article (matching on folded text with runs of
//! white space made one space):
//!
//! 1. the passages it names, when they still hold the quote exactly;
//! 2. else every exact occurrence of the quote, the one whose surroundings
//!    agree best with the saved prefix and suffix winning (ties: the one
//!    nearest the old place); a quote of a few words (a heading) counts only
//!    where it is a whole passage;
//! 3. else the text between the saved prefix and suffix, when it still
//!    shares at least [`CONTEXT_MIN`] of its words with the quote (the
//!    passage was edited in place; the tightest such pair wins);
//! 4. else the run of passages whose words are most like the quote's, when
//!    the likeness (Dice coefficient over words) is at least [`FUZZY_MIN`];
//! 5. when the article is gone, or the quote is not in it, an exact
//!    occurrence in another article;
//! 6. else the bookmark is [`Anchor::Orphaned`]: shown as such, never
//!    dropped.
//!
//! This module only computes places; [`super::BookmarkStore::anchor`] records
//! them.

use std::cell::OnceCell;
use std::ops::Range;

use super::{Bookmark, PassageSpan};
use crate::core::corpus::{Article, Corpus};
use crate::core::text::fold_str;

/// The least word likeness for the text between the saved prefix and
/// suffix to count as the bookmarked passage, edited.
pub const CONTEXT_MIN: f64 = 0.5;

/// The least word likeness for a passage elsewhere to count as the
/// bookmarked one, edited. High enough that no passage of the bundled corpus
/// takes the place of another one that was deleted (a test checks this).
pub const FUZZY_MIN: f64 = 0.6;

/// Quotes with fewer words are never placed by likeness alone.
const FUZZY_MIN_WORDS: usize = 4;

/// A quote found inside a longer passage needs at least this many words:
/// short ones (headings) are too common to be placed by themselves.
const PARTIAL_MIN_WORDS: usize = 6;

/// How a quote was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The exact text.
    Exact,
    /// Between the saved prefix and suffix; the text was edited.
    Context,
    /// A passage with much the same words; the text was edited.
    Fuzzy,
}

/// Where a bookmark is in the current corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    /// At the article and passages the bookmark names.
    Anchored {
        /// Index into [`Corpus::articles`].
        article_ix: usize,
        /// The passages.
        passages: PassageSpan,
        /// How it was found.
        how: Match,
    },
    /// Found somewhere else: other passages, or another article.
    Moved {
        /// Index into [`Corpus::articles`].
        article_ix: usize,
        /// The passages now.
        passages: PassageSpan,
        /// The passages the bookmark named before.
        from: PassageSpan,
        /// How it was found.
        how: Match,
    },
    /// The quote is nowhere in the corpus.
    Orphaned,
}

impl Anchor {
    /// The article index and passages, unless orphaned.
    pub fn place(&self) -> Option<(usize, PassageSpan)> {
        match *self {
            Anchor::Anchored {
                article_ix,
                passages,
                ..
            }
            | Anchor::Moved {
                article_ix,
                passages,
                ..
            } => Some((article_ix, passages)),
            Anchor::Orphaned => None,
        }
    }

    /// True when the quote could not be placed.
    pub fn is_orphaned(&self) -> bool {
        matches!(self, Anchor::Orphaned)
    }

    /// `anchored`, `moved` or `orphaned`, for listings.
    pub fn label(&self) -> &'static str {
        match self {
            Anchor::Anchored { .. } => "anchored",
            Anchor::Moved { .. } => "moved",
            Anchor::Orphaned => "orphaned",
        }
    }
}

/// Places bookmarks in one corpus, normalising each article once.
pub struct Anchorer<'c> {
    corpus: &'c Corpus,
    norms: Vec<OnceCell<NormArticle>>,
}

impl<'c> Anchorer<'c> {
    /// An anchorer over `corpus`.
    pub fn new(corpus: &'c Corpus) -> Anchorer<'c> {
        Anchorer {
            corpus,
            norms: (0..corpus.articles.len())
                .map(|_| OnceCell::new())
                .collect(),
        }
    }

    /// Where `b` is now.
    pub fn locate(&self, b: &Bookmark) -> Anchor {
        let quote = normalise(&b.quote.exact);
        if quote.is_empty() {
            return Anchor::Orphaned;
        }
        let home = self.corpus.index_of(&b.article);
        let found = home
            .and_then(|ix| {
                self.find_in(ix, b, &quote)
                    .map(|(span, how)| (ix, span, how))
            })
            .or_else(|| {
                (0..self.corpus.articles.len())
                    .filter(|&ix| Some(ix) != home)
                    .find_map(|ix| {
                        let (occ, _) = self.exact(ix, b, &quote)?;
                        Some((ix, occ, Match::Exact))
                    })
            });
        match found {
            None => Anchor::Orphaned,
            Some((article_ix, passages, how))
                if Some(article_ix) == home && passages == b.passages =>
            {
                Anchor::Anchored {
                    article_ix,
                    passages,
                    how,
                }
            }
            Some((article_ix, passages, how)) => Anchor::Moved {
                article_ix,
                passages,
                from: b.passages,
                how,
            },
        }
    }

    fn norm(&self, ix: usize) -> &NormArticle {
        self.norms[ix].get_or_init(|| NormArticle::new(&self.corpus.articles[ix]))
    }

    /// Steps 1–4 in article `ix`.
    fn find_in(&self, ix: usize, b: &Bookmark, quote: &str) -> Option<(PassageSpan, Match)> {
        let n = self.norm(ix);
        if n.span_text(b.passages) == Some(quote) {
            return Some((b.passages, Match::Exact));
        }
        if let Some((span, _)) = self.exact(ix, b, quote) {
            return Some((span, Match::Exact));
        }
        if let Some(span) = n.between_context(b, quote) {
            return Some((span, Match::Context));
        }
        n.most_alike(b, quote).map(|span| (span, Match::Fuzzy))
    }

    /// The exact occurrence in article `ix` whose surroundings agree best
    /// with the saved context, nearest the old place on a tie; with its
    /// context score.
    fn exact(&self, ix: usize, b: &Bookmark, quote: &str) -> Option<(PassageSpan, usize)> {
        let n = self.norm(ix);
        let prefix = normalise(&b.quote.prefix);
        let suffix = normalise(&b.quote.suffix);
        let short = sorted_words(quote).len() < PARTIAL_MIN_WORDS;
        n.text
            .match_indices(quote)
            .map(|(at, _)| at..at + quote.len())
            .filter(|r| !short || n.is_whole(r))
            .map(|r| {
                let agree = common_suffix(n.text[..r.start].trim_end(), &prefix)
                    + common_prefix(n.text[r.end..].trim_start(), &suffix);
                (n.span_of(r), agree)
            })
            .max_by_key(|(span, agree)| {
                (*agree, usize::MAX - span.first.abs_diff(b.passages.first))
            })
    }
}

/// An article's text folded, with white space runs made one space and
/// passages joined by one space, and where each passage is in it.
struct NormArticle {
    text: String,
    passages: Vec<Range<usize>>,
    /// Each passage's words, sorted.
    words: Vec<Vec<String>>,
}

impl NormArticle {
    fn new(a: &Article) -> NormArticle {
        let mut text = String::with_capacity(a.text.len());
        let mut passages = Vec::with_capacity(a.passages.len());
        let mut words = Vec::with_capacity(a.passages.len());
        for p in &a.passages {
            if !text.is_empty() {
                text.push(' ');
            }
            let n = normalise(a.passage_text(p));
            passages.push(text.len()..text.len() + n.len());
            words.push(sorted_words(&n).into_iter().map(String::from).collect());
            text.push_str(&n);
        }
        NormArticle {
            text,
            passages,
            words,
        }
    }

    /// The normalised text of passages `span`, if they exist.
    fn span_text(&self, span: PassageSpan) -> Option<&str> {
        let first = self.passages.get(span.first.checked_sub(1)?)?;
        let last = self.passages.get(span.last.checked_sub(1)?)?;
        self.text.get(first.start..last.end)
    }

    /// Whether a range of the normalised text is whole passages.
    fn is_whole(&self, r: &Range<usize>) -> bool {
        self.passages.iter().any(|p| p.start == r.start)
            && self.passages.iter().any(|p| p.end == r.end)
    }

    /// The passages a range of the normalised text overlaps.
    fn span_of(&self, r: Range<usize>) -> PassageSpan {
        let first = self.passages.partition_point(|p| p.end <= r.start);
        let last = self
            .passages
            .partition_point(|p| p.start < r.end.max(r.start + 1));
        let last_ix = last
            .saturating_sub(1)
            .max(first)
            .min(self.passages.len().saturating_sub(1));
        PassageSpan {
            first: first.min(last_ix) + 1,
            last: last_ix + 1,
        }
    }

    /// Step 3: the text between an occurrence of the saved prefix and the
    /// next occurrence of the saved suffix (an empty prefix or suffix stands
    /// for the start or end of the article).
    fn between_context(&self, b: &Bookmark, quote: &str) -> Option<PassageSpan> {
        let prefix = normalise(&b.quote.prefix);
        let suffix = normalise(&b.quote.suffix);
        if prefix.is_empty() && suffix.is_empty() {
            return None;
        }
        let starts: Vec<usize> = if prefix.is_empty() {
            vec![0]
        } else {
            self.text
                .match_indices(&prefix)
                .map(|(i, _)| i + prefix.len())
                .collect()
        };
        let quote_words = sorted_words(quote);
        starts
            .iter()
            .enumerate()
            .filter_map(|(k, &s)| {
                let e = if suffix.is_empty() {
                    self.text.len()
                } else {
                    s + self.text[s..].find(&suffix)?
                };
                // A later prefix before the suffix makes a tighter pair.
                if starts.get(k + 1).is_some_and(|&next| next <= e) {
                    return None;
                }
                let gap = &self.text[s..e];
                let lead = gap.len() - gap.trim_start().len();
                let gap = gap.trim();
                if gap.is_empty() {
                    return None;
                }
                let likeness = dice(&sorted_words(gap), &quote_words);
                let span = self.span_of(s + lead..s + lead + gap.len());
                (likeness >= CONTEXT_MIN).then_some((span, likeness))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(span, _)| span)
    }

    /// Step 4: the run of passages (as many as the quote had, or one more
    /// or fewer) most like the quote.
    fn most_alike(&self, b: &Bookmark, quote: &str) -> Option<PassageSpan> {
        let quote_words = sorted_words(quote);
        if quote_words.len() < FUZZY_MIN_WORDS {
            return None;
        }
        let had = b.quote.exact.split("\n\n").count().max(1);
        let mut best: Option<(f64, PassageSpan)> = None;
        for len in [had.saturating_sub(1), had, had + 1] {
            if len == 0 || len > self.passages.len() {
                continue;
            }
            for start in 0..=self.passages.len() - len {
                let mut window: Vec<&str> = self.words[start..start + len]
                    .iter()
                    .flatten()
                    .map(String::as_str)
                    .collect();
                window.sort_unstable();
                let likeness = dice(&window, &quote_words);
                let span = PassageSpan {
                    first: start + 1,
                    last: start + len,
                };
                let nearer = |old: &PassageSpan| {
                    span.first.abs_diff(b.passages.first) < old.first.abs_diff(b.passages.first)
                };
                if likeness >= FUZZY_MIN
                    && best.is_none_or(|(l, old)| likeness > l || (likeness == l && nearer(&old)))
                {
                    best = Some((likeness, span));
                }
            }
        }
        best.map(|(_, span)| span)
    }
}

/// Folded, with every white-space run one space, trimmed.
fn normalise(s: &str) -> String {
    let folded = fold_str(s);
    let mut out = String::with_capacity(folded.len());
    for w in folded.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The words (runs of letters and digits) of a normalised text, sorted.
fn sorted_words(s: &str) -> Vec<&str> {
    let mut w: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    w.sort_unstable();
    w
}

/// Dice's coefficient of two sorted word lists, counting repeats:
/// 2·|A∩B| / (|A|+|B|), from 0 (nothing shared) to 1 (the same words).
fn dice<A: AsRef<str>, B: AsRef<str>>(a: &[A], b: &[B]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].as_ref().cmp(b[j].as_ref()) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Characters `a` ends with that `b` also ends with.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Characters `a` starts with that `b` also starts with.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests;
