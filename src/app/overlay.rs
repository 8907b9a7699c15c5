//! Overlays: views drawn over the panes that take the keys while open (the
//! help, the hidden blocks, the search bar and its results, the entity
//! picker, the concordance, the co-occurrence view, the bookmark list and
//! the note editor).
//!
//! Each overlay is a state type in its own file under `app/` that owns its
//! state and its behaviour, all of one shape, the [`Room`] trait
//! ([`super::step`]): `update` (and, for keys of its own or typed text,
//! `key`) read the reader through a [`Ctx`] and answer with a [`Step`],
//! never touching the [`App`](super::App), which carries out what a step
//! asks (`route.rs`). A drawing file under `ui/` draws it. The one list
//! of overlays is the `overlays!` call below: a line there makes a type an
//! overlay. Never import the App here or in an overlay's file.

use super::action::Action;
use super::bookmark_list::BookmarkList;
use super::concordance::Concordance;
use super::cooccurrence::CoOccurrenceView;
use super::entity_picker::EntityPicker;
use super::help::HelpView;
use super::hidden::HiddenView;
use super::hint::Hint;
use super::key::Key;
use super::keymap::Keymap;
use super::note::NoteEditor;
use super::search_bar::SearchBar;
use super::step::{Ctx, Room, Step};

/// Makes the [`Overlay`] enum, one variant per overlay, and the way from
/// it to the overlay's [`Room`].
macro_rules! overlays {
    ($($(#[$doc:meta])* $name:ident($room:ty),)*) => {
        /// The overlay that is open.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub enum Overlay {
            $($(#[$doc])* $name($room),)*
        }

        impl Overlay {
            /// The open overlay, as its shape.
            pub fn room(&self) -> &dyn Room {
                match self {
                    $(Overlay::$name(r) => r,)*
                }
            }

            fn room_mut(&mut self) -> &mut dyn Room {
                match self {
                    $(Overlay::$name(r) => r,)*
                }
            }
        }
    };
}

overlays! {
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
        self.room().mode()
    }

    /// The overlay's status-bar hints.
    pub fn hints(&self) -> &'static [Hint] {
        self.room().hints()
    }

    /// Handles an action while the overlay is open.
    pub(super) fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        self.room_mut().update(ctx, action)
    }

    /// Gives the overlay a raw key before the key map sees it; overlays that
    /// take text (a search bar, a note editor) consume printable keys here.
    /// `None` lets the key map turn the key into an action.
    pub(super) fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        self.room_mut().key(ctx, key)
    }

    /// What is open once this overlay has closed: the bookmark list a note
    /// was edited from, or nothing.
    pub(super) fn closed(self) -> Option<Overlay> {
        match self {
            Overlay::Note(n) => n.back.map(|back| Overlay::Bookmarks(*back)),
            _ => None,
        }
    }

    /// Whether the overlay takes `key` as typed text (a plain character
    /// that is not one of its own command keys).
    pub(super) fn takes_as_text(&self, keymap: &Keymap, key: Key) -> bool {
        super::typing::typed(key).is_some() && self.room().takes_text(keymap, key)
    }

    /// Gives the overlay text typed in a burst (every character one it
    /// [takes as text](Overlay::takes_as_text)), to insert at once.
    pub(super) fn type_text(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        self.room_mut().type_text(ctx, text)
    }

    /// Gives the overlay pasted text; `None` when it takes no text.
    pub(super) fn paste(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        self.room_mut().paste(ctx, text)
    }
}
