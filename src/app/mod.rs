//! The reader's state and behaviour, without a terminal.
//!
//! Data flows one way: everything that changes the reader arrives as a
//! [`Msg`] through [`App::update`], the one way in — a [`Key`] (only
//! [`key`] knows crossterm's key events; the [`Keymap`], a data table
//! merged with `config.toml`, turns it into an [`Action`]), pasted text, a
//! search answer, the bookmarks file's new list, a notice, the time.
//! `update` changes the state and may return an [`Effect`] (quit, copy,
//! save the state, search, repaint) for the runtime's executor
//! ([`crate::runtime::executor`]) to carry out; what the effect reports
//! comes back as more messages. [`crate::ui::draw`] draws the state.
//! Nothing here writes to the terminal or to a file, or reads the clock;
//! tests drive [`App::update`] directly or through the same executor (see
//! [`crate::testing`]).
//!
//! Files: [`msg`], [`key`], [`action`], [`keymap`], [`config`] (input);
//! [`state`] (the [`App`], `update`), `reader.rs` (scrolling, passage
//! cursor, jumps, copy), [`wrap`] (text layout with byte offsets),
//! [`layout`] (pane geometry and focus), [`list`] (list movement, the
//! same in every list), [`count`] (counts and plurals), [`jumps`],
//! [`persist`] (`state.json`), [`reload`] (the folder's articles loaded
//! again while reading), [`cite`] (citations), [`highlight`],
//! [`overlay`] and [`help`];
//! [`entities`] (the current entity, `n`/`N` on mentions, `*`),
//! [`entity_picker`] and [`concordance`] (overlays); [`search`] (requests
//! to the search thread, the search run last, `n`/`N` on hits, history)
//! and [`search_bar`] (the `/` overlay); [`bookmarks`] (selection, `m`,
//! marks and counts), [`note`] (the note editor) and [`bookmark_list`]
//! (`'`).
//!
//! # How to add an overlay (search bar, entity picker, bookmark list, ...)
//!
//! 1. Add `app/<name>.rs` with a state type and
//!    `fn update(&mut self, app: &mut App, action: Action) -> Step`
//!    (return [`overlay::Step::Pass`] for actions the reader should still
//!    handle: `overlay::passes_through`); move a list with [`list::moved`].
//!    An overlay that reads keys of its own (commands, typed text) does so
//!    in [`Overlay`]'s `key` method, before the panes' key map: its commands
//!    are a [`Mode`] of the key map ([`keymap::MODE_KEYS`], remappable as
//!    `[keys.<mode>]` in `config.toml`), never key literals.
//! 2. Add a variant to [`Overlay`] and its arms in `overlay.rs` (mode
//!    name, `update`, `key`, `paste` if it takes text).
//! 3. Add an [`Action`] to open it (one row in `action.rs`'s table, its
//!    default key in `keymap.rs`) and open the overlay from [`App::update`].
//! 4. Add `ui/<name>.rs` with `draw(app, state, frame)`, a match arm in
//!    `ui/mod.rs`, and its status-bar hints (actions and words, the keys
//!    come from the key map) in `ui/status.rs`.
//!
//! # How to add an effect (saving bookmarks, writing history, ...)
//!
//! Add a variant to [`Effect`], return it from `update`, and carry it out
//! in `runtime/executor.rs` (`run`; what needs the terminal or a thread
//! goes behind its `Host` trait, implemented by the runtime and by the
//! test harness), the only place that writes files or to the terminal;
//! report the outcome back as a [`Msg`] (a failure as `Msg::Notify`).
//!
//! # How to add a highlight or a margin mark
//!
//! The reading pane draws whatever [`App::highlights`] (byte ranges of the
//! article text with a [`HighlightKind`]) and [`App::passage_marks`]
//! (passage index + [`MarkKind`]) return for the article shown; add a kind
//! to [`highlight`] if needed, a style for it in `ui/theme.rs`, and push the
//! spans from your state in those two functions. To move the view to a hit
//! or a mention, call [`App::jump_to`] (it records the jump for `Ctrl-o`).
//! The source list's second column is [`App::source_column`].

pub mod action;
pub mod bookmark_list;
pub mod bookmarks;
pub mod cite;
pub mod concordance;
pub mod config;
pub mod cooccurrence;
pub mod count;
pub mod draft;
pub mod effect;
pub mod entities;
pub mod entity_picker;
pub mod header;
pub mod help;
pub mod hidden;
pub mod highlight;
pub mod jumps;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod list;
pub mod msg;
pub mod note;
pub mod notice;
pub mod overlay;
pub mod persist;
mod reader;
pub mod reload;
mod route;
pub mod search;
pub mod search_bar;
pub mod state;
pub mod step;
pub mod wrap;

pub use action::Action;
pub use bookmarks::{BookmarkChange, Bookmarks};
pub use config::{Config, ConfigError};
pub use effect::Effect;
pub use highlight::{Highlight, HighlightKind, MarkKind, PassageMark};
pub use key::{Key, KeyCode};
pub use keymap::{Keymap, Mode};
pub use msg::Msg;
pub use notice::{Level, Message};
pub use overlay::Overlay;
pub use state::{App, Focus, Stepping};
