//! The one shape every overlay has: it reads the reader through a [`Ctx`]
//! (a read-only view of what overlays need: the articles, the entities,
//! the bookmarks, the key map, the layout, where the reader is) and
//! answers each action or key with a [`Step`]: stay open or close, and the
//! [`Request`]s the [`App`](super::App) carries out for it (go somewhere,
//! follow an entity, run a search, show a message, an [`Effect`]).
//!
//! An overlay never changes the App itself, so no overlay file needs it:
//! this file, [`Ctx`] and [`Request`] are what they share. The App builds a
//! `Ctx` and carries requests out in `route.rs`. Nothing here changes any
//! state.

use super::action::Action;
use super::bookmarks::Bookmarks;
use super::effect::Effect;
use super::hint::{Hint, SCROLL_AND_CLOSE};
use super::key::Key;
use super::keymap::{Keymap, Mode};
use super::layout::Layout;
use super::notice::Level;
use super::search::{Scope, SearchRequest};
use crate::core::bookmarks::PassageSpan;
use crate::core::entity::{CoOccurrence, EntityId, EntityIndex, Mention};
use crate::core::search::Query;
use crate::core::{Article, Corpus};

/// What an overlay may read of the reader (built anew for each action).
#[derive(Debug, Clone, Copy)]
pub struct Ctx<'a> {
    /// The articles.
    pub corpus: &'a Corpus,
    /// Their entities.
    pub entities: &'a EntityIndex,
    /// The key bindings (an overlay's own keys are a [`super::Mode`]).
    pub keymap: &'a Keymap,
    /// The bookmarks, as last loaded.
    pub bookmarks: &'a Bookmarks,
    /// Where the panes and the overlay are at the current size.
    pub layout: Layout,
    /// The article open in the reading pane.
    pub open: usize,
    /// The entity followed, if any.
    pub following: Option<EntityId>,
    /// The mention the reader is on, if it is on one.
    pub mention: Option<Mention>,
    /// The queries searched, oldest first.
    pub search_history: &'a [String],
    /// The number the next search request gets.
    pub next_search: u64,
}

impl Ctx<'_> {
    /// The open article.
    pub fn article(&self) -> Option<&Article> {
        self.corpus.articles.get(self.open)
    }

    /// Rows of the overlay's box left for a list or text once `chrome`
    /// rows (border, headings, a filter line) are taken; at least one.
    pub fn overlay_rows(&self, chrome: u16) -> usize {
        usize::from(self.layout.overlay().height.saturating_sub(chrome)).max(1)
    }

    /// A request for the search thread, numbered as the latest.
    pub fn search_request(&self, text: &str, scope: Scope) -> SearchRequest {
        SearchRequest {
            id: self.next_search,
            text: text.to_string(),
            scope,
        }
    }

    /// Why bookmarks cannot be changed, said in the bookmark list (which
    /// shows the whole reason); `None` when they can.
    pub fn read_only(&self) -> Option<String> {
        let short = self.bookmarks.read_only_short.as_ref()?;
        Some(format!("Bookmarks are read-only: {short}"))
    }
}

/// Something an overlay asks the App to do, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Hand this effect to the runtime.
    Effect(Effect),
    /// Show a message in the status bar.
    Notify(String, Level),
    /// Send this search request (made with [`Ctx::search_request`]); its
    /// answer comes back to the overlay.
    Search(SearchRequest),
    /// Go to byte `at` of article `article` (a jump, recorded for
    /// `Ctrl-o`) and focus the reading pane.
    JumpTo {
        /// The article's index.
        article: usize,
        /// A byte of its text.
        at: usize,
    },
    /// Make this entity the current one, saying what `n` will do.
    PickEntity(EntityId),
    /// Follow `entity`, on its mention number `index`, and go to `mention`.
    FollowMention {
        /// The entity.
        entity: EntityId,
        /// The mention's index in the entity's mentions, if found.
        index: Option<usize>,
        /// Where to go.
        mention: Mention,
    },
    /// Step through the passages `entity` shares with `with.entity`, as the
    /// search `@a @b`.
    StepThroughShared {
        /// The entity followed.
        entity: EntityId,
        /// The other entity and the shared passages.
        with: CoOccurrence,
    },
    /// Make `text` (parsed as `query`) the search run last, the reader on
    /// `target` when its hits arrive; `ranked` is the list chosen from.
    RunSearch {
        /// The query as typed.
        text: String,
        /// As parsed.
        query: Query,
        /// The (article, passage from 1) gone to.
        target: Option<(usize, usize)>,
        /// The result list's passages, best first.
        ranked: Vec<(usize, usize)>,
    },
    /// Add a query to the search history.
    RememberQuery(String),
    /// Keep the open note editor as it is until the runtime says its save
    /// went through (a failed save opens it again).
    KeepNote,
    /// Open the note editor on bookmark `id` in place of this overlay,
    /// coming back to it when the note is saved or cancelled.
    EditNote {
        /// The bookmark's id.
        id: String,
        /// Its note as saved.
        note: String,
        /// Where it is (article index, passages), if placed.
        place: Option<(usize, PassageSpan)>,
    },
}

impl From<Effect> for Request {
    fn from(e: Effect) -> Request {
        Request::Effect(e)
    }
}

/// What an overlay did with an action or a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Handled; the overlay stays open.
    Stay(Vec<Request>),
    /// Handled; the overlay closes.
    Close(Vec<Request>),
    /// Not for the overlay: let the reader handle it (quit from anywhere,
    /// resize, redraw).
    Pass,
}

impl Step {
    /// Handled, nothing asked; the overlay stays open.
    pub fn stay() -> Step {
        Step::Stay(Vec::new())
    }

    /// Handled, nothing asked; the overlay closes.
    pub fn close() -> Step {
        Step::Close(Vec::new())
    }

    /// Stays open and shows `text`.
    pub fn say(text: impl Into<String>, level: Level) -> Step {
        Step::Stay(vec![Request::Notify(text.into(), level)])
    }
}

/// The shape every overlay shares: a state type that owns what the overlay
/// shows, reads the reader through a [`Ctx`] and answers with a [`Step`].
/// Listing a type that implements it in `overlay.rs`'s `overlays!` is what
/// makes it an overlay.
pub trait Room {
    /// The mode the status bar shows while it is open (`SEARCH`).
    fn mode(&self) -> &'static str;

    /// Its status-bar hints (the keys come from the key map).
    fn hints(&self) -> &'static [Hint] {
        SCROLL_AND_CLOSE
    }

    /// Handles an action (the panes' key map turned a key into it).
    fn update(&mut self, ctx: &Ctx, action: Action) -> Step;

    /// A raw key, before the panes' key map sees it: an overlay with keys
    /// of its own (a [`Mode`] of the key map) or typed text takes it here.
    /// `None` lets the key map turn it into an action.
    fn key(&mut self, _ctx: &Ctx, _key: Key) -> Option<Step> {
        None
    }

    /// Whether a plain character is typed text here rather than a command.
    fn takes_text(&self, _keymap: &Keymap, _key: Key) -> bool {
        false
    }

    /// Text typed in a burst (every character one it takes as text).
    fn type_text(&mut self, _ctx: &Ctx, _text: &str) -> Option<Step> {
        None
    }

    /// Pasted text; `None` when it takes none.
    fn paste(&mut self, _ctx: &Ctx, _text: &str) -> Option<Step> {
        None
    }
}

impl<T: Room + ?Sized> Room for Box<T> {
    fn mode(&self) -> &'static str {
        (**self).mode()
    }
    fn hints(&self) -> &'static [Hint] {
        (**self).hints()
    }
    fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        (**self).update(ctx, action)
    }
    fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        (**self).key(ctx, key)
    }
    fn takes_text(&self, keymap: &Keymap, key: Key) -> bool {
        (**self).takes_text(keymap, key)
    }
    fn type_text(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        (**self).type_text(ctx, text)
    }
    fn paste(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        (**self).paste(ctx, text)
    }
}

/// A plain character (no Ctrl, no Alt) that `mode` does not bind: typed
/// text in an overlay whose commands are that mode's keys.
pub fn is_text_in(keymap: &Keymap, mode: Mode, key: Key) -> bool {
    super::typing::typed(key).is_some() && keymap.action_in(mode, key).is_none()
}

/// Actions the reader handles even while an overlay is open: quitting from
/// anywhere, resizing, repainting, suspending, help.
pub fn passes_through(action: Action) -> bool {
    matches!(
        action,
        Action::ForceQuit | Action::Resize { .. } | Action::Redraw | Action::Suspend | Action::Help
    )
}
