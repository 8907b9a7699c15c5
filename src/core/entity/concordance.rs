//! The concordance: every mention of an entity in context, one line each,
//! as KWIC (key word in context) lines — left context, the mention as
//! written, right context — for `dossier mentions` and the reader's
//! concordance overlay alike.
//!
//! Context never crosses a passage boundary (or leaves the title or
//! metadata line); every kind of whitespace in it becomes one plain space so
//! a line stays one line. Lines are grouped by article in corpus order and
//! sorted within each article by reading order, by the left context read
//! outwards from the mention (the word just before it first), or by the right
//! context. Aligning the columns on screen is the front end's job (it knows
//! display widths). Nothing here prints.

use super::{EntityId, EntityIndex, Field, Mention, field_text};
use crate::core::corpus::{Article, Corpus};
use crate::core::text::{fold_str, head_at_word, tail_at_word};

/// How concordance lines are ordered within each article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KwicSort {
    /// Reading order.
    #[default]
    Article,
    /// By the words before the mention, nearest first.
    Left,
    /// By the words after the mention.
    Right,
}

impl KwicSort {
    /// The next order in the cycle article -> left -> right -> article.
    pub fn next(self) -> KwicSort {
        match self {
            KwicSort::Article => KwicSort::Left,
            KwicSort::Left => KwicSort::Right,
            KwicSort::Right => KwicSort::Article,
        }
    }

    /// A short name for footers and options.
    pub fn label(self) -> &'static str {
        match self {
            KwicSort::Article => "article",
            KwicSort::Left => "left",
            KwicSort::Right => "right",
        }
    }
}

/// One concordance line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KwicLine {
    /// The mention (article, passage, range) the line shows.
    pub mention: Mention,
    /// Up to `width` characters before the mention.
    pub left: String,
    /// The mention as written.
    pub surface: String,
    /// Up to `width` characters after the mention.
    pub right: String,
}

impl EntityIndex {
    /// Every mention of `id` as a KWIC line with `width` characters of
    /// context on each side, grouped by article and sorted within each.
    pub fn concordance(
        &self,
        corpus: &Corpus,
        id: EntityId,
        width: usize,
        sort: KwicSort,
    ) -> Vec<KwicLine> {
        let mut lines: Vec<KwicLine> = self
            .mentions(id)
            .iter()
            .filter_map(|m| Some(kwic_line(corpus.articles.get(m.article())?, m, width)))
            .collect();
        match sort {
            KwicSort::Article => {}
            KwicSort::Left => lines.sort_by_cached_key(|l| {
                let key: Vec<String> = words(&l.left).into_iter().rev().collect();
                (l.mention.article(), key, l.mention.position())
            }),
            KwicSort::Right => lines.sort_by_cached_key(|l| {
                (l.mention.article(), words(&l.right), l.mention.position())
            }),
        }
        lines
    }
}

/// The KWIC line of one mention in `article`.
pub fn kwic_line(article: &Article, m: &Mention, width: usize) -> KwicLine {
    let text = field_text(article, m.field());
    let range = m.range();
    let bounds = match m.field() {
        Field::Body => article
            .passage(m.passage())
            .map_or(0..text.len(), |p| p.range.clone()),
        _ => 0..text.len(),
    };
    let (start, end) = (range.start.min(text.len()), range.end.min(text.len()));
    let before = text.get(bounds.start.min(start)..start).unwrap_or("");
    let after = text.get(end..bounds.end.max(end)).unwrap_or("");
    let surface = text.get(start..end).unwrap_or("");
    KwicLine {
        mention: *m,
        left: tail_at_word(&one_line(before), width, |s| s.chars().count()),
        surface: one_line(surface),
        right: head_at_word(&one_line(after), width, |s| s.chars().count()),
    }
}

/// Every whitespace run as one plain space.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out
}

/// The folded words of a context, for sorting.
fn words(s: &str) -> Vec<String> {
    fold_str(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}
