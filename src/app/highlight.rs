//! What the reading pane marks on top of the text: highlight spans inside
//! the text and marks in the margin beside passages.
//!
//! [`crate::app::App::highlights`] and [`crate::app::App::passage_marks`]
//! gather them from every source (the passage cursor now; search hits,
//! mentions, bookmarks and selections as those features arrive); the
//! drawing code only turns kinds into styles (see `ui/theme.rs`). A new
//! source adds a kind here and a few lines to those two functions.

use std::ops::Range;

/// What a highlighted span of text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HighlightKind {
    /// A search hit.
    SearchHit,
    /// The search hit the reader is on.
    CurrentHit,
    /// A mention of the current entity.
    Mention,
    /// The mention the reader is on.
    CurrentMention,
}

/// A span of an article's text to draw in a special style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Highlight {
    /// Bytes of [`crate::core::Article::text`].
    pub range: Range<usize>,
    /// What it is; when spans overlap, the greater kind wins.
    pub kind: HighlightKind,
}

/// What a margin mark beside a passage means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MarkKind {
    /// The passage cursor (what `y` copies, what `m` will bookmark).
    Cursor,
    /// The passage is bookmarked.
    Bookmark,
    /// The passage is in the current selection.
    Selected,
}

/// A mark in the margin beside a passage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PassageMark {
    /// Index (0-based) of the passage.
    pub passage: usize,
    /// What the mark means.
    pub kind: MarkKind,
}
