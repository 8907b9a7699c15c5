//! [`Effect`]: what [`App::update`](super::App::update) asks the runtime to
//! do (quit, copy, save a file, search, repaint), as data. The runtime's
//! executor (`runtime/executor.rs`) carries effects out; nothing here does.
//! Never put a file handle, a channel or a closure in one.

use super::bookmarks::BookmarkChange;
use super::search::SearchRequest;

/// Something for the runtime to do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Save the reading state and leave.
    Quit,
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Write the reading state ([`App::saved_state`](super::App::saved_state)) to its file.
    SaveState,
    /// Repaint every cell of the screen.
    Redraw,
    /// Give the terminal back to the shell until resumed, then repaint.
    Suspend,
    /// Change the bookmarks file (or re-read it), then hand the new list
    /// back as [`Msg::Bookmarks`](super::Msg::Bookmarks) (and how a note's save went).
    Bookmarks(BookmarkChange),
    /// Hand this request to the search thread; its answer comes back as
    /// [`Msg::Searched`](super::Msg::Searched).
    Search(SearchRequest),
    /// Write the search history ([`App::search_history_json`](super::App::search_history_json)) to its file.
    SaveHistory,
    /// Write this draft note ([`super::draft::Draft`] as JSON) to its file
    /// (at most every [`super::draft::DRAFT_EVERY_MS`]), or delete the
    /// file (`None`).
    SaveDraft(Option<String>),
    /// The articles were reloaded: build the search index on them.
    Reindex,
    /// Several of the above, in order.
    Many(Vec<Effect>),
}

impl Effect {
    /// No effect, one, or [`Effect::Many`].
    pub fn many(mut effects: Vec<Effect>) -> Option<Effect> {
        match effects.len() {
            0 => None,
            1 => effects.pop(),
            _ => Some(Effect::Many(effects)),
        }
    }
}
