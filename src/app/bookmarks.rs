//! Bookmarks as the reader knows them, as data: [`Bookmarks`] (a copy of
//! the store's list placed in the corpus) and [`BookmarkChange`] (what the
//! runtime is asked to change in the file). What the reader does with them
//! (`v`, `m`, `'`, saving notes, margin marks) is `bookmarking.rs`.
//!
//! Nothing here reads or writes the bookmarks file, and nothing here knows
//! the [`App`](super::App).

use crate::core::bookmarks::{Anchor, Bookmark, PassageSpan};

/// A change to the bookmarks file, for the runtime to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BookmarkChange {
    /// Bookmark passages of an article with a note.
    Add {
        /// The article's id.
        article: String,
        /// The passages (1-based).
        passages: PassageSpan,
        /// The note; may be empty.
        note: String,
    },
    /// Replace a bookmark's note.
    SetNote {
        /// The bookmark.
        id: String,
        /// The new note.
        note: String,
    },
    /// Delete a bookmark.
    Remove {
        /// The bookmark.
        id: String,
    },
    /// Re-read the file (another instance may have changed it).
    Reload,
}

/// The bookmarks as the reader shows them.
#[derive(Debug, Clone, Default)]
pub struct Bookmarks {
    /// In the file's order.
    pub list: Vec<Bookmark>,
    /// Where each one is in the corpus (same index as `list`).
    pub anchors: Vec<Anchor>,
    /// Why changes cannot be saved (the file could not be read), naming
    /// the file and what to do; `None` when they can.
    pub read_only: Option<String>,
    /// The same in a few words for the status bar (`bookmarks.json is not
    /// valid JSON`).
    pub read_only_short: Option<String>,
}

impl Bookmarks {
    /// The places of the bookmarks in article `article`.
    pub fn spans_in(&self, article: usize) -> impl Iterator<Item = PassageSpan> + '_ {
        self.anchors.iter().filter_map(move |a| match a.place() {
            Some((ix, span)) if ix == article => Some(span),
            _ => None,
        })
    }

    /// How many bookmarks article `article` has.
    pub fn count_in(&self, article: usize) -> usize {
        self.spans_in(article).count()
    }

    /// The bookmark with this id and its place.
    pub fn find(&self, id: &str) -> Option<(&Bookmark, Anchor)> {
        let i = self.list.iter().position(|b| b.id == id)?;
        Some((
            &self.list[i],
            self.anchors.get(i).copied().unwrap_or(Anchor::Orphaned),
        ))
    }
}
