//! The executor: gives messages to [`App::update`] and carries out the
//! [`Effect`]s it returns, feeding what they report back in as messages
//! until nothing is left. The real reader and the test harness
//! ([`crate::testing`]) run this same code; what differs between them (a
//! terminal or a test buffer, a search thread or an answer on the spot,
//! files or nothing) is behind [`Host`].
//!
//! It never changes the app but through [`App::update`], and never draws.

use std::collections::VecDeque;
use std::io;
use std::sync::Arc;

use time::OffsetDateTime;

use super::bookmarks;
use crate::app::search::{SearchRequest, SearchResults};
use crate::app::{Action, App, BookmarkChange, Effect, Key, KeyCode, Level, Msg};
use crate::core::Corpus;
use crate::core::bookmarks::BookmarkStore;

/// What the executor needs from where the reader runs.
pub trait Host {
    /// Hands a request to the searcher.
    fn search(&mut self, req: SearchRequest) -> Searching;
    /// Has the searcher index `corpus` (reloaded) and answer from it.
    fn reindex(&mut self, corpus: Arc<Corpus>, entities: Arc<crate::core::entity::EntityIndex>);
    /// Puts `text` on the clipboard.
    fn copy(&mut self, text: &str) -> io::Result<()>;
    /// Forgets what is on the screen, so the next frame writes every cell.
    fn repaint(&mut self) -> io::Result<()>;
    /// Gives the terminal back to the shell until resumed; the terminal's
    /// size after, if there is one to tell.
    fn suspend(&mut self, mouse: bool) -> io::Result<Option<(u16, u16)>>;
    /// Writes the reading state (`state.json`).
    fn save_state(&mut self, app: &App) -> Result<(), String>;
    /// Writes the search history.
    fn save_history(&mut self, app: &App) -> Result<(), String>;
    /// Writes the draft note (JSON) to its file, or deletes it (`None`);
    /// writes may be put off and merged, at most every
    /// [`crate::app::draft::DRAFT_EVERY_MS`].
    fn save_draft(&mut self, draft: Option<String>);
    /// The bookmarks file, if this host keeps one.
    fn store(&mut self) -> Option<&mut BookmarkStore>;
    /// The time now.
    fn now(&self) -> OffsetDateTime;
}

/// What the status bar says when the search thread is gone.
pub const SEARCH_GONE: &str = "Search stopped working; restart dossier to search again";

/// What became of a search request.
#[derive(Debug)]
pub enum Searching {
    /// Answered at once (the test harness).
    Answered(Box<SearchResults>),
    /// The answer will come later, as [`Msg::Searched`] (the search
    /// thread).
    Later,
    /// The searcher is gone.
    Gone,
}

/// Whether to go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Keep running.
    Go,
    /// The app asked to quit.
    Quit,
}

/// Gives `msg` to the app and carries out all that follows.
pub fn deliver(app: &mut App, host: &mut impl Host, msg: impl Into<Msg>) -> io::Result<Flow> {
    match app.update(msg) {
        Some(effect) => execute(app, host, effect),
        None => Ok(Flow::Go),
    }
}

/// Delivers a burst of keys, in order; a run of letters that the open
/// overlay takes as text goes in one [`Msg::Typed`] (inserted at once and
/// searched once: a text box measures its whole line at every insertion,
/// so thousands of single letters would take seconds).
pub fn deliver_keys(app: &mut App, host: &mut impl Host, keys: &[Key]) -> io::Result<Flow> {
    let mut rest = keys;
    while let Some(&first) = rest.first() {
        let n = app.typed_run(rest).max(1);
        let msg = if n > 1 {
            let text = rest[..n]
                .iter()
                .filter_map(|k| match k.code {
                    KeyCode::Char(c) => Some(c),
                    _ => None,
                })
                .collect();
            Msg::Typed(text)
        } else {
            Msg::Key(first)
        };
        if deliver(app, host, msg)? == Flow::Quit {
            return Ok(Flow::Quit);
        }
        rest = &rest[n..];
    }
    Ok(Flow::Go)
}

/// Carries out `effect`, delivering what it reports as soon as it
/// reports it (and carrying out what that asks for), in order.
pub fn execute(app: &mut App, host: &mut impl Host, effect: Effect) -> io::Result<Flow> {
    if let Effect::Many(effects) = effect {
        for e in effects {
            if execute(app, host, e)? == Flow::Quit {
                return Ok(Flow::Quit);
            }
        }
        return Ok(Flow::Go);
    }
    let mut msgs = VecDeque::new();
    if run(app, host, effect, &mut msgs)? == Flow::Quit {
        return Ok(Flow::Quit);
    }
    for m in msgs {
        if deliver(app, host, m)? == Flow::Quit {
            return Ok(Flow::Quit);
        }
    }
    Ok(Flow::Go)
}

/// Before a frame: the time, and a change another process made to the
/// bookmarks file (after the keys, not before, so that a key acts on the
/// list the user saw and a message about the file stays up).
pub fn before_frame(app: &mut App, host: &mut impl Host) -> io::Result<Flow> {
    let mut msgs = vec![Msg::Now(host.now())];
    if let Some(store) = host.store() {
        msgs.extend(bookmarks::sync(app, store));
    }
    for m in msgs {
        if deliver(app, host, m)? == Flow::Quit {
            return Ok(Flow::Quit);
        }
    }
    Ok(Flow::Go)
}

/// Carries out one effect (never [`Effect::Many`]); what it reports goes
/// to `msgs`.
fn run(
    app: &mut App,
    host: &mut impl Host,
    effect: Effect,
    msgs: &mut VecDeque<Msg>,
) -> io::Result<Flow> {
    match effect {
        Effect::Quit => return Ok(Flow::Quit),
        Effect::Many(effects) => {
            for e in effects {
                if execute(app, host, e)? == Flow::Quit {
                    return Ok(Flow::Quit);
                }
            }
        }
        Effect::SaveState => {
            if let Err(e) = host.save_state(app) {
                msgs.push_back(Msg::Notify(e, Level::Error));
            }
        }
        Effect::SaveHistory => {
            if let Err(e) = host.save_history(app) {
                msgs.push_back(Msg::Notify(e, Level::Error));
            }
        }
        Effect::SaveDraft(draft) => host.save_draft(draft),
        Effect::Search(req) => match host.search(req) {
            Searching::Answered(results) => msgs.push_back(Msg::Searched(*results)),
            Searching::Later => {}
            Searching::Gone => msgs.push_back(Msg::Notify(SEARCH_GONE.into(), Level::Error)),
        },
        Effect::Reindex => host.reindex(Arc::clone(&app.corpus), Arc::clone(&app.entities)),
        Effect::Copy(text) => host.copy(&text)?,
        Effect::Redraw => {
            // A refresh: also pick up bookmarks another dossier saved.
            host.repaint()?;
            change_bookmarks(app, host, BookmarkChange::Reload, msgs);
        }
        Effect::Bookmarks(change) => change_bookmarks(app, host, change, msgs),
        Effect::Suspend => {
            if let Some((width, height)) = host.suspend(app.mouse)? {
                msgs.push_back(Msg::Action(Action::Resize { width, height }));
            }
        }
    }
    Ok(Flow::Go)
}

fn change_bookmarks(
    app: &App,
    host: &mut impl Host,
    change: BookmarkChange,
    msgs: &mut VecDeque<Msg>,
) {
    if let Some(store) = host.store() {
        msgs.extend(bookmarks::apply(app, store, change));
    }
}
