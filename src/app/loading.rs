//! What waits while a large folder is read at start (see `reload.rs`, which
//! keeps it up to date and applies it when the whole folder arrives): the
//! progress, and what `state.json` and a draft asked for articles not read
//! yet; then, when the whole folder came without its entity index (opened
//! from the index kept in the cache folder), that the index is still to
//! come. Data only: never import the App here.

use super::draft::Draft;
use super::persist::SavedState;
use crate::core::corpus::Progress;

/// The folder still being read at start, and what waits for it.
#[derive(Debug, Clone, Default)]
pub struct Loading {
    /// How far the reading got.
    pub progress: Progress,
    /// Everything is read and waits to be swapped in (an overlay is open).
    pub done: bool,
    /// `state.json` as read at start.
    pub(super) saved: Option<SavedState>,
    /// The article open once `state.json` was applied: if it is still
    /// open when all is read, the article read last is opened.
    pub(super) open_at_start: Option<String>,
    /// The draft note, when its article is not read yet.
    pub(super) draft: Option<Draft>,
    /// Every article is shown and searched; only their entity index is
    /// still to come.
    pub entities_due: bool,
    /// The entity followed before, by name: followed again once the index
    /// is in.
    pub(super) follow: Option<String>,
}
