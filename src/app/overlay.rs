//! Overlays: views drawn over the panes that take the keys while open (the
//! help now; search results, the entity picker, the concordance, the
//! bookmark list and the note editor later).
//!
//! Each overlay is a state type in its own file under `app/` with an
//! `update` (and, for text input, a `key`) method, plus a drawing file under
//! `ui/`; this enum and its match arms tie them in.

use super::action::Action;
use super::help::HelpView;
use super::key::Key;
use super::state::{App, Effect};

/// The overlay that is open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    /// The list of keys.
    Help(HelpView),
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
        }
    }

    /// Handles an action while the overlay is open.
    pub(super) fn update(&mut self, app: &mut App, action: Action) -> Step {
        match self {
            Overlay::Help(v) => v.update(app, action),
        }
    }

    /// Gives the overlay a raw key before the key map sees it; overlays that
    /// take text (a search bar, a note editor) consume printable keys here.
    /// `None` lets the key map turn the key into an action.
    pub(super) fn key(&mut self, _app: &mut App, _key: Key) -> Option<Step> {
        match self {
            Overlay::Help(_) => None,
        }
    }
}
