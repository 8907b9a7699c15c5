//! The reading pane's header: the title and the metadata line (author ·
//! publication · date; empty when the source names none), each wrapped
//! at word boundaries to the pane's width.
//!
//! The header stays at the top of the pane while the text scrolls under
//! it, so it may take at most half the pane (at least one row each for the
//! title and the metadata line); a field with more rows than it gets has
//! its last row cut with `…`. [`crate::app::layout::reader_areas`] sizes
//! the header from [`Header::rows`]; the drawing code shows
//! [`Header::title`] and [`Header::meta`]. This module only computes.

use std::ops::Range;

use super::wrap::wrap;
use crate::core::Article;

/// One field of the header, wrapped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Field {
    /// The text shown.
    pub text: String,
    /// Byte ranges of `text`, one per row (at most the rows wanted, plus
    /// one when there is more).
    pub lines: Vec<Range<usize>>,
}

impl Field {
    /// Wraps `text` to `width`; wraps no more than needed for `max_rows`
    /// rows (plus one, to know whether it was cut), however long `text` is.
    fn new(text: String, width: usize, max_rows: usize) -> Field {
        let width = width.max(1);
        // Each row holds at most `width` characters of at most 4 bytes,
        // plus the space it broke at.
        let mut end = text.len().min((max_rows + 1) * (width + 1) * 4);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut lines = wrap(&text[..end], width);
        lines.truncate(max_rows + 1);
        Field { text, lines }
    }

    /// Rows wanted (at least one).
    pub fn rows(&self) -> usize {
        self.lines.len().max(1)
    }

    /// Row `row` of `rows` shown: its byte range, and whether it is cut
    /// (the last row shown while more of the text follows), in which case
    /// the range runs to the end of the text.
    pub fn row(&self, row: usize, rows: usize) -> Option<(Range<usize>, bool)> {
        let r = self.lines.get(row)?;
        let cut = row + 1 == rows && self.lines.len() > rows;
        Some(if cut {
            (r.start..self.text.len(), true)
        } else {
            (r.clone(), false)
        })
    }
}

/// The title and the metadata line of an article, wrapped.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Header {
    /// The title.
    pub title: Field,
    /// The metadata line (empty when the source names no author,
    /// publication or date).
    pub meta: Field,
}

impl Header {
    /// The header of `article` wrapped to `width` columns, for a pane whose
    /// header may take up to `max_rows` rows.
    pub fn new(article: &Article, width: usize, max_rows: usize) -> Header {
        Header {
            title: Field::new(article.title.clone(), width, max_rows),
            meta: Field::new(meta_text(article), width, max_rows),
        }
    }

    /// Rows the title and the metadata line would take, uncut; none for a
    /// metadata line the article does not have.
    pub fn rows(&self) -> (usize, usize) {
        let meta = if self.meta.text.trim().is_empty() {
            0
        } else {
            self.meta.rows()
        };
        (self.title.rows(), meta)
    }
}

/// The metadata line of `article`: author · publication · date, empty when
/// the source names none. The article's note (how its text was read or
/// curated) is not a byline: it is in `dossier show --json`, not here.
pub fn meta_text(article: &Article) -> String {
    article.meta.line()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_wrap_at_words_and_only_the_last_row_shown_is_cut() {
        let f = Field::new("Russia seals the demise of Nagorno-Karabakh".into(), 20, 5);
        let rows: Vec<&str> = f.lines.iter().map(|r| &f.text[r.clone()]).collect();
        assert_eq!(rows, ["Russia seals the", "demise of Nagorno-", "Karabakh"]);
        assert_eq!(f.rows(), 3);
        assert_eq!(f.row(1, 3), Some((17..35, false)));
        // Two rows given: the second runs to the end and is cut.
        assert_eq!(f.row(1, 2), Some((17..f.text.len(), true)));
        assert_eq!(f.row(2, 2).map(|r| r.1), Some(false));
    }

    #[test]
    fn a_huge_title_is_wrapped_only_as_far_as_needed() {
        let f = Field::new("word ".repeat(1_000_000), 40, 3);
        assert_eq!(f.lines.len(), 4);
        assert_eq!(f.row(2, 3).map(|r| r.1), Some(true));
    }
}
