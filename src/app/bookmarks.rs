//! Bookmarks in the reader: what the reader knows of them ([`Bookmarks`], a
//! copy of the store's list placed in the corpus), the passage selection
//! (`v`, extended with the passage keys), `m` (bookmark the passage or the
//! selection, with a note), `'` (the bookmark list) and the margin marks and
//! counts they show.
//!
//! Nothing here reads or writes the bookmarks file: a change leaves
//! [`App::update`] as [`Effect::Bookmarks`] with a [`BookmarkChange`]; the
//! runtime applies it to the store and hands the new list back as
//! [`Msg::Bookmarks`](super::Msg::Bookmarks). A note is never lost to a
//! failed save: the editor is kept until the runtime reports the save done
//! (`Msg::NoteSaved`) or failed (`Msg::NoteNotSaved`, which opens it again
//! with the text), and [`App::unsaved_note`] gives the runtime the
//! note being typed when the reader must exit (SIGHUP, SIGTERM).

use super::bookmark_list::BookmarkList;
use super::highlight::{MarkKind, PassageMark};
use super::note::{NoteEditor, NoteTarget};
use super::overlay::Overlay;
use super::state::{App, Effect, Level};
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
    /// The note editor whose save the runtime is carrying out; reopened
    /// if the save fails.
    pub saving: Option<NoteEditor>,
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

impl App {
    /// Replaces the bookmarks shown (after the runtime loaded or changed
    /// the file).
    pub(super) fn set_bookmarks(
        &mut self,
        list: Vec<Bookmark>,
        anchors: Vec<Anchor>,
        read_only: Option<(String, String)>,
    ) {
        let (read_only, read_only_short) = read_only.unzip();
        self.bookmarks = Bookmarks {
            list,
            anchors,
            read_only,
            read_only_short,
            saving: self.bookmarks.saving.take(),
        };
    }

    /// When bookmarks cannot be saved, why, in one status-bar line that
    /// fits 80 columns as far as it can (the bookmark list shows the whole
    /// reason and what to do).
    /// `in_list`: said in the bookmark list, which shows the rest.
    pub fn read_only_notice(&self, in_list: bool) -> Option<String> {
        let short = self.bookmarks.read_only_short.as_ref()?;
        Some(self.read_only_notice_for(short, in_list))
    }

    /// [`App::read_only_notice`] for a file whose problem is `short` (the
    /// runtime says so before the app has the new list).
    pub fn read_only_notice_for(&self, short: &str, in_list: bool) -> String {
        let list = self
            .keymap
            .hint(super::Action::OpenBookmarkList)
            .unwrap_or_default();
        if in_list || matches!(self.overlay, Some(Overlay::Bookmarks(_))) {
            format!("Bookmarks are read-only: {short}")
        } else {
            format!("Bookmarks are read-only: {short} ({list} for more)")
        }
    }

    /// The runtime saved the note the editor asked to save: forget it.
    pub(super) fn note_saved(&mut self) {
        self.bookmarks.saving = None;
    }

    /// The runtime could not save the note: the editor opens again with
    /// the text as typed (and the bookmark list behind it, when it came
    /// from there), and `why` is shown.
    pub(super) fn note_not_saved(&mut self, why: String) {
        let Some(mut editor) = self.bookmarks.saving.take() else {
            self.notify(why, Level::Error);
            return;
        };
        self.notify(
            "Not saved; your note is kept: Enter tries again, Esc discards it",
            Level::Error,
        );
        editor.error = Some(why);
        self.overlay = Some(Overlay::Note(editor));
    }

    /// The bookmark whose note was being saved was deleted meanwhile (by
    /// another dossier): the editor opens again, now to bookmark the
    /// passage the bookmark was at with the note (or, for a bookmark that
    /// had lost its text, just to keep the note on screen).
    pub(super) fn note_target_gone(&mut self) {
        let why = "Not saved: that bookmark was deleted meanwhile (by another dossier?)";
        let Some(mut editor) = self.bookmarks.saving.take() else {
            self.notify(why, Level::Error);
            return;
        };
        let text = match editor.place {
            Some((article, passages)) => {
                editor.target = NoteTarget::New { article, passages };
                format!("{why}; Enter bookmarks passage {passages} again with this note")
            }
            None => format!("{why}; copy your note if you need it"),
        };
        self.notify(
            "Not saved; your note is kept: Enter saves it, Esc discards it",
            Level::Error,
        );
        editor.error = Some(text);
        self.overlay = Some(Overlay::Note(editor));
    }

    /// The change that would save the note being typed, if the note
    /// editor is open with something worth saving (a new bookmark's note
    /// that is not empty, or an edited note that differs from the saved
    /// one). The runtime saves it when the reader must exit at once
    /// (the terminal hung up, SIGTERM).
    pub fn unsaved_note(&self) -> Option<BookmarkChange> {
        match &self.overlay {
            Some(Overlay::Note(editor)) => editor.unsaved_change(&self.corpus),
            _ => None,
        }
    }

    /// The passages `m` would bookmark now: the selection in the open
    /// article, else the passage under the cursor (1-based).
    pub fn bookmark_target(&self) -> Option<PassageSpan> {
        let a = self.article()?;
        if a.passages.is_empty() {
            return None;
        }
        let cursor = self.cursor().min(a.passages.len() - 1);
        let span = match self.selection {
            Some((article, start)) if article == self.open => PassageSpan::between(start, cursor),
            _ => PassageSpan::single(cursor),
        };
        Some(PassageSpan {
            first: span.first + 1,
            last: span.last + 1,
        })
    }

    /// The selection in article `article`, 0-based, if one is being made
    /// there.
    pub fn selection_in(&self, article: usize) -> Option<(usize, usize)> {
        match self.selection {
            Some((a, start)) if a == article && article == self.open => {
                let span = PassageSpan::between(start, self.cursor());
                Some((span.first, span.last))
            }
            _ => None,
        }
    }

    /// Bookmark and selection marks for the margin of article `article`.
    pub(super) fn bookmark_marks(&self, article: usize, marks: &mut Vec<PassageMark>) {
        for span in self.bookmarks.spans_in(article) {
            marks.extend((span.first..=span.last).map(|n| PassageMark {
                passage: n - 1,
                kind: MarkKind::Bookmark,
            }));
        }
        if let Some((first, last)) = self.selection_in(article) {
            marks.extend((first..=last).map(|passage| PassageMark {
                passage,
                kind: MarkKind::Selected,
            }));
        }
    }

    /// `v`: starts a selection at the passage cursor, or drops the one
    /// being made.
    pub(super) fn toggle_selection(&mut self) -> Option<Effect> {
        if self.selection.take().is_some() {
            self.notify("Selection dropped", Level::Info);
            return None;
        }
        if self.article().is_none_or(|a| a.passages.is_empty()) {
            self.notify(
                "Nothing to select: this article has no text",
                Level::Warning,
            );
            return None;
        }
        self.selection = Some((self.open, self.cursor()));
        let keys = |a| self.keymap.hint(a).unwrap_or_default();
        let text = format!(
            "Selecting passages: {}/{} extend, {} bookmarks them, {} drops the selection",
            keys(super::Action::NextPassage),
            keys(super::Action::PrevPassage),
            keys(super::Action::Bookmark),
            keys(super::Action::Cancel),
        );
        self.notify(text, Level::Info);
        None
    }

    /// Drops the selection (Esc, or when another article opens).
    pub(super) fn drop_selection(&mut self) {
        self.selection = None;
    }

    /// `m`: opens the note editor for the passage or the selection.
    pub(super) fn start_bookmark(&mut self) -> Option<Effect> {
        if let Some(why) = self.read_only_notice(false) {
            self.notify(why, Level::Error);
            return None;
        }
        let Some(passages) = self.bookmark_target() else {
            self.notify(
                "Nothing to bookmark: this article has no text",
                Level::Warning,
            );
            return None;
        };
        self.selection = None;
        self.overlay = Some(Overlay::Note(NoteEditor::new_bookmark(self.open, passages)));
        None
    }

    /// `'`: opens the bookmark list, and asks for a fresh copy of the file.
    pub(super) fn open_bookmark_list(&mut self) -> Option<Effect> {
        self.overlay = Some(Overlay::Bookmarks(BookmarkList::default()));
        Some(Effect::Bookmarks(BookmarkChange::Reload))
    }
}
