//! Overlays: views drawn over the panes that take the keys while open (the
//! help, the search bar and its results, the entity picker, the
//! concordance, the co-occurrence view, the bookmark list and the note
//! editor).
//!
//! Each overlay is a state type in its own file under `app/` with an
//! `update` (and, for text input, a `key`) method, plus a drawing file under
//! `ui/`; this enum and its match arms tie them in.

use super::action::Action;
use super::bookmark_list::{self, BookmarkList};
use super::concordance::Concordance;
use super::cooccurrence::CoOccurrenceView;
use super::entity_picker::EntityPicker;
use super::help::HelpView;
use super::hidden::HiddenView;
use super::key::{Key, KeyCode};
use super::keymap::Mode;
use super::note::NoteEditor;
use super::search_bar::SearchBar;
use super::state::{App, Effect};

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

/// What an overlay did with an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Handled; the overlay stays open.
    Stay(Option<Effect>),
    /// Handled; the overlay closes.
    Close(Option<Effect>),
    /// Not for the overlay: let the reader handle it (quit from anywhere,
    /// resize, redraw).
    Pass,
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
    pub(super) fn update(&mut self, app: &mut App, action: Action) -> Step {
        match self {
            Overlay::Help(v) => v.update(app, action),
            Overlay::Hidden(v) => v.update(app, action),
            Overlay::Note(n) => n.update(app, action),
            Overlay::Bookmarks(l) => l.update(app, action),
            Overlay::EntityPicker(p) => p.update(app, action),
            Overlay::Concordance(c) => c.update(app, action),
            Overlay::CoOccurrence(c) => c.update(app, action),
            Overlay::Search(s) => s.update(app, action),
        }
    }

    /// Gives the overlay a raw key before the key map sees it; overlays that
    /// take text (a search bar, a note editor) consume printable keys here.
    /// `None` lets the key map turn the key into an action.
    pub(super) fn key(&mut self, app: &mut App, key: Key) -> Option<Step> {
        match self {
            Overlay::Help(_) | Overlay::CoOccurrence(_) | Overlay::Hidden(_) => None,
            Overlay::Note(n) => {
                let step = n.key(app, key);
                // Editing from the bookmark list: back to it afterwards.
                if let Some(Step::Close(effect)) = &step
                    && let Some(back) = n.back.take()
                {
                    let effect = effect.clone();
                    *self = Overlay::Bookmarks(*back);
                    return Some(Step::Stay(effect));
                }
                step
            }
            Overlay::Bookmarks(l) => match l.key(app, key)? {
                bookmark_list::Outcome::Step(step) => Some(step),
                bookmark_list::Outcome::Edit(editor) => {
                    *self = Overlay::Note(editor);
                    Some(Step::Stay(None))
                }
            },
            Overlay::EntityPicker(p) => p.key(app, key),
            Overlay::Concordance(c) => c.key(app, key),
            Overlay::Search(s) => s.key(app, key),
        }
    }
}

impl Overlay {
    /// Whether the overlay takes `key` as typed text (a plain character
    /// that is not one of its own command keys).
    pub(super) fn takes_as_text(&self, app: &App, key: Key) -> bool {
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
        matches!(self, Overlay::Bookmarks(_)) || app.keymap.action_in(mode, key).is_none()
    }

    /// Gives the overlay text typed in a burst (every character one it
    /// [takes as text](Overlay::takes_as_text)), to insert at once.
    pub(super) fn type_text(&mut self, app: &mut App, text: &str) -> Option<Step> {
        match self {
            Overlay::Search(s) => Some(s.paste(app, text)),
            Overlay::Note(n) => Some(n.paste(app, text)),
            Overlay::EntityPicker(p) => Some(p.type_text(app, text)),
            Overlay::Bookmarks(l) => Some(l.type_text(text)),
            _ => None,
        }
    }

    /// Gives the overlay pasted text; `None` when it takes no text.
    pub(super) fn paste(&mut self, app: &mut App, text: &str) -> Option<Step> {
        match self {
            Overlay::Search(s) => Some(s.paste(app, text)),
            Overlay::Note(n) => Some(n.paste(app, text)),
            _ => None,
        }
    }
}

/// Actions the reader handles even while an overlay is open: quitting from
/// anywhere, resizing, repainting, suspending, help.
pub(super) fn passes_through(action: Action) -> bool {
    matches!(
        action,
        Action::ForceQuit | Action::Resize { .. } | Action::Redraw | Action::Suspend | Action::Help
    )
}
