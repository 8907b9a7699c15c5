//! Bookmarks in the reader (the data is in [`super::bookmarks`]): the
//! passage selection
//! (`v`, extended with the passage keys), `m` (bookmark the passage or the
//! selection, with a note), `'` (the bookmark list) and the margin marks and
//! counts they show.
//!
//! Nothing here reads or writes the bookmarks file: a change leaves
//! [`App::update`] as [`Effect::Bookmarks`] with a [`BookmarkChange`]; the
//! runtime applies it to the store and hands the new list back as
//! [`Msg::Bookmarks`](super::Msg::Bookmarks). A note is never lost to a
//! failed save: the editor is kept (`App::saving_note`) until the runtime
//! reports the save done
//! (`Msg::NoteSaved`) or failed (`Msg::NoteNotSaved`, which opens it again
//! with the text), and [`App::unsaved_note`] gives the runtime the
//! note being typed when the reader must exit (SIGHUP, SIGTERM). A note
//! read back from its draft file at start (a new bookmark's or an edited
//! one's) opens here too (`App::offer_draft`).

use super::bookmark_list::BookmarkList;
use super::bookmarks::{BookmarkChange, Bookmarks};
use super::draft::Draft;
use super::effect::Effect;
use super::highlight::{MarkKind, PassageMark};
use super::note::{NoteEditor, NoteTarget};
use super::notice::Level;
use super::overlay::Overlay;
use super::state::App;
use crate::core::bookmarks::{Anchor, Bookmark, PassageSpan};

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
        self.saving_note = None;
    }

    /// The runtime could not save the note: the editor opens again with
    /// the text as typed (and the bookmark list behind it, when it came
    /// from there), and `why` is shown.
    pub(super) fn note_not_saved(&mut self, why: String) {
        let Some(mut editor) = self.saving_note.take() else {
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
        let Some(mut editor) = self.saving_note.take() else {
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

    /// The draft read at start: the note editor opens on it, on its
    /// passage, when the article and passages are still there (an edited
    /// bookmark's draft opens even when they are not: saving it says what
    /// became of the bookmark).
    pub(super) fn offer_draft(&mut self, d: Draft) {
        if d.text.trim().is_empty() {
            return;
        }
        let place = self
            .corpus
            .articles
            .iter()
            .position(|a| a.id == d.article)
            .filter(|&ix| {
                let n = self.corpus.articles[ix].passages.len();
                d.first > 0 && d.first <= d.last && d.last <= n
            })
            .map(|ix| (ix, PassageSpan::between(d.first, d.last)));
        let mut editor = match (d.bookmark, place) {
            (Some(id), place) => NoteEditor::edit(id, "", place, None),
            (None, Some((article, passages))) => NoteEditor::new_bookmark(article, passages),
            (None, None) => return,
        };
        editor.set_text(&d.text);
        if let Some((article, span)) = place
            && let Some(at) = self.corpus.articles[article]
                .passage(span.first)
                .map(|p| p.range.start)
        {
            let _ = self.jump_to(article, at);
        }
        self.overlay = Some(Overlay::Note(editor));
        self.notify(
            "Your unsaved note is back: Enter saves it, Esc discards it",
            Level::Info,
        );
    }
}
