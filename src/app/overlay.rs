//! Overlays: views drawn over the panes that take the keys while open (the
//! help, the hidden blocks, the search bar and its results, the entity
//! picker, the concordance, the co-occurrence view, the bookmark list and
//! the note editor).
//!
//! Each overlay is a state type in its own file under `app/` that owns its
//! state and its behaviour, all of one shape ([`super::step`]): `update`
//! (and, for text input, `key`) read the reader through a [`Ctx`] and
//! answer with a [`Step`], never touching the [`App`](super::App), which
//! carries out what a step asks (`route.rs`). A drawing file under `ui/`
//! draws it; this enum and its match arms tie them in. Never import the
//! App here or in an overlay's file.

use super::action::Action;
use super::bookmark_list::{self, BookmarkList};
use super::concordance::Concordance;
use super::cooccurrence::CoOccurrenceView;
use super::entity_picker::EntityPicker;
use super::help::HelpView;
use super::hidden::HiddenView;
use super::key::{Key, KeyCode};
use super::keymap::{Keymap, Mode};
use super::note::NoteEditor;
use super::search_bar::SearchBar;
use super::step::{Ctx, Step};

/// The overlay that is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The list of keys.
    Help(HelpView),
    /// What the cleaner hid of the open article (`H`).
    Hidden(HiddenView),
    /// The note editor of a new or existing bookmark.
    Note(NoteEditor),
    /// The bookmark list.
    Bookmarks(BookmarkList),
    /// The entity picker (`e`).
    EntityPicker(EntityPicker),
    /// The concordance of the current entity (`c`).
    Concordance(Concordance),
    /// The entities in the same passages as the current one (`w`).
    CoOccurrence(CoOccurrenceView),
    /// The search bar and its results (`/`): boxed, it is the largest.
    Search(Box<SearchBar>),
}

impl Overlay {
    /// The mode shown in the status bar while the overlay is open.
    pub fn mode(&self) -> &'static str {
        match self {
            Overlay::Help(_) => "HELP",
            Overlay::Hidden(_) => "HIDDEN",
            Overlay::Note(_) => "NOTE",
            Overlay::Bookmarks(_) => "BOOKMARKS",
            Overlay::EntityPicker(_) => "ENTITIES",
            Overlay::Concordance(_) => "CONCORDANCE",
            Overlay::CoOccurrence(_) => "WITH",
            Overlay::Search(_) => "SEARCH",
        }
    }

    /// Handles an action while the overlay is open.
    pub(super) fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        match self {
            Overlay::Help(v) => v.update(ctx, action),
            Overlay::Hidden(v) => v.update(ctx, action),
            Overlay::Note(n) => n.update(ctx, action),
            Overlay::Bookmarks(l) => l.update(ctx, action),
            Overlay::EntityPicker(p) => p.update(ctx, action),
            Overlay::Concordance(c) => c.update(ctx, action),
            Overlay::CoOccurrence(c) => c.update(ctx, action),
            Overlay::Search(s) => s.update(ctx, action),
        }
    }

    /// Gives the overlay a raw key before the key map sees it; overlays that
    /// take text (a search bar, a note editor) consume printable keys here.
    /// `None` lets the key map turn the key into an action.
    pub(super) fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        match self {
            Overlay::Help(_) | Overlay::CoOccurrence(_) | Overlay::Hidden(_) => None,
            Overlay::Note(n) => n.key(ctx, key),
            Overlay::Bookmarks(l) => match l.key(ctx, key)? {
                bookmark_list::Outcome::Step(step) => Some(step),
                bookmark_list::Outcome::Edit { id, note, place } => {
                    let back = Some(l.clone());
                    *self = Overlay::Note(NoteEditor::edit(id, &note, place, back));
                    Some(Step::stay())
                }
            },
            Overlay::EntityPicker(p) => p.key(ctx, key),
            Overlay::Concordance(c) => c.key(ctx, key),
            Overlay::Search(s) => s.key(ctx, key),
        }
    }

    /// What is open once this overlay has closed: the bookmark list a note
    /// was edited from, or nothing.
    pub(super) fn closed(self) -> Option<Overlay> {
        match self {
            Overlay::Note(n) => n.back.map(|back| Overlay::Bookmarks(*back)),
            _ => None,
        }
    }
}

impl Overlay {
    /// Whether the overlay takes `key` as typed text (a plain character
    /// that is not one of its own command keys).
    pub(super) fn takes_as_text(&self, keymap: &Keymap, key: Key) -> bool {
        let KeyCode::Char(_) = key.code else {
            return false;
        };
        if key.ctrl || key.alt {
            return false;
        }
        let mode = match self {
            Overlay::Search(_) => Mode::Search,
            Overlay::EntityPicker(_) => Mode::Entities,
            Overlay::Note(_) => Mode::Note,
            Overlay::Bookmarks(l) if l.filtering && l.confirm.is_none() => Mode::Bookmarks,
            _ => return false,
        };
        // In the bookmark filter every plain character is text.
        matches!(self, Overlay::Bookmarks(_)) || keymap.action_in(mode, key).is_none()
    }

    /// Gives the overlay text typed in a burst (every character one it
    /// [takes as text](Overlay::takes_as_text)), to insert at once.
    pub(super) fn type_text(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        match self {
            Overlay::Search(s) => Some(s.paste(ctx, text)),
            Overlay::Note(n) => Some(n.paste(ctx, text)),
            Overlay::EntityPicker(p) => Some(p.type_text(ctx, text)),
            Overlay::Bookmarks(l) => Some(l.type_text(text)),
            _ => None,
        }
    }

    /// Gives the overlay pasted text; `None` when it takes no text.
    pub(super) fn paste(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        match self {
            Overlay::Search(s) => Some(s.paste(ctx, text)),
            Overlay::Note(n) => Some(n.paste(ctx, text)),
            _ => None,
        }
    }
}
