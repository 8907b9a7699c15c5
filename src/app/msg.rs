//! [`Msg`]: everything that can change the reader, as data. [`App::update`]
//! takes one and is the only way in: keys and actions from the terminal,
//! pasted text, the search thread's answers, the bookmarks file's new
//! list and how a save went, the articles loaded again after their folder
//! changed or read in the background at start, notices from the runtime,
//! the time.
//!
//! A message never does anything by itself: it is what happened, told to
//! the app. Never put a file handle, a channel or a closure in one. The
//! payloads defined here, [`Reloaded`] (the corpus loaded again with its
//! entity index) and [`EntitiesRead`] (an entity index sent after its
//! articles), are what `reload.rs` takes.
//!
//! [`App::update`]: super::App::update

use std::sync::Arc;

use time::OffsetDateTime;

use super::action::Action;
use super::draft::Draft;
use super::key::Key;
use super::notice::Level;
use super::persist::SavedState;
use super::search::SearchResults;
use crate::core::Corpus;
use crate::core::bookmarks::{Anchor, Bookmark};
use crate::core::entity::EntityIndex;

/// Something that happened, for [`super::App::update`].
#[derive(Debug, Clone)]
pub enum Msg {
    /// A key pressed: an open overlay may take it as text, otherwise the
    /// key map turns it into an action.
    Key(Key),
    /// An action (from the key map, or a resize, a click, the wheel).
    Action(Action),
    /// Text pasted into the terminal (bracketed paste), as one piece.
    Paste(String),
    /// Letters typed faster than the reader answered, all taken as text
    /// by the open overlay (see [`super::App::typed_run`]): inserted at
    /// once, searched once.
    Typed(String),
    /// The search thread's answer to a request.
    Searched(SearchResults),
    /// The bookmarks file as read now: its list, where each bookmark is in
    /// the corpus, and why it cannot be written (`(reason, short)`), if so.
    Bookmarks {
        /// In the file's order.
        list: Vec<Bookmark>,
        /// Same index as `list`.
        anchors: Vec<Anchor>,
        /// The full reason and the short one, when read-only.
        read_only: Option<(String, String)>,
    },
    /// The note the editor asked to save was saved.
    NoteSaved,
    /// The note could not be saved, and why: the editor opens again.
    NoteNotSaved(String),
    /// The bookmark whose note was being saved was deleted meanwhile.
    NoteTargetGone,
    /// A line for the status bar (a file could not be read or written).
    Notify(String, Level),
    /// The time now (the bookmark list's "3 d ago"): the runtime sends it
    /// before each frame, tests a fixed one.
    Now(OffsetDateTime),
    /// The search history read at start.
    SearchHistory(Vec<String>),
    /// The reading positions read at start.
    Restore(SavedState),
    /// The draft note read at start (after the positions).
    Draft(Draft),
    /// The articles loaded again after their folder changed, with their
    /// entity index (built off the reader's thread).
    Reloaded(Box<Reloaded>),
    /// How far the reading of a large folder at start got (the reader
    /// shows its first articles meanwhile).
    Loading(crate::core::corpus::Progress),
    /// The whole folder read at start, with its entity index (or with it
    /// to come: [`Reloaded::entities_to_come`]); or why it could not be
    /// read (the first articles stay).
    Loaded(Result<Box<Reloaded>, String>),
    /// The entity index of articles sent without it.
    Entities(Box<EntitiesRead>),
    /// Whether a shell with job control can resume the reader after a
    /// suspend (the runtime finds out at start).
    JobControl(bool),
}

/// A corpus loaded again, with the entity index built on it.
#[derive(Debug, Clone)]
pub struct Reloaded {
    /// The articles as they are now.
    pub corpus: Arc<Corpus>,
    /// Its entities.
    pub entities: Arc<EntityIndex>,
    /// Problems with `entities.toml`, as the status line shows them.
    pub entity_warnings: Vec<String>,
    /// True when `entities` is empty for now, the real index to come as
    /// [`Msg::Entities`] (a large folder opened from its kept index: the
    /// articles and search first).
    pub entities_to_come: bool,
}

/// The entity index of articles sent before it without one.
#[derive(Debug, Clone)]
pub struct EntitiesRead {
    /// The articles it is of (the very ones sent: compared by pointer).
    pub corpus: Arc<Corpus>,
    /// Their entities.
    pub entities: Arc<EntityIndex>,
    /// Problems with `entities.toml`, as the status line shows them.
    pub entity_warnings: Vec<String>,
}

impl Reloaded {
    /// `corpus` with its entity index built (the slow part: done off the
    /// reader's thread).
    pub fn new(corpus: Corpus) -> Reloaded {
        let (entities, warnings) = EntityIndex::build(&corpus);
        Reloaded {
            corpus: Arc::new(corpus),
            entities: Arc::new(entities),
            entity_warnings: warnings.iter().map(|w| w.to_string()).collect(),
            entities_to_come: false,
        }
    }
}

impl From<Action> for Msg {
    fn from(a: Action) -> Msg {
        Msg::Action(a)
    }
}

impl From<Key> for Msg {
    fn from(k: Key) -> Msg {
        Msg::Key(k)
    }
}
