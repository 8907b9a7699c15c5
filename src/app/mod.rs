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
//! [`state`] (the [`App`], `update`), [`effect`] (what `update` gives
//! back), [`notice`] (status-bar messages), `reader.rs` (scrolling, passage
//! cursor, jumps, copy), [`wrap`] (text layout with byte offsets),
//! [`layout`] (pane geometry and focus), [`list`] (list movement and the
//! one list [`list::Cursor`]), [`count`] (counts and plurals), [`jumps`],
//! [`persist`] (`state.json`), [`reload`] (the folder's articles loaded
//! again while reading), [`cite`] (citations), [`highlight`];
//! `entities.rs` (the current entity, `n`/`N` on mentions, `*`);
//! [`search`] (requests to the search thread, answers, the search run
//! last, the history: data) and `searching.rs` (what the reader does with
//! them: `n`/`N` on hits, highlights, the status line); [`bookmarks`] (the
//! bookmarks as data), `bookmarking.rs` (selection, `m`, saving notes,
//! marks and counts) and [`draft`] (the draft of a note being typed).
//!
//! Overlays, one room each: [`overlay`] lists them; [`step`] is the shape
//! they share (the [`step::Room`] trait: [`step::Ctx`] in, [`step::Step`]
//! out; [`hint`] their status-bar hints as data); `route.rs` is the
//! App's side (it opens them and carries out what they ask). Each one's
//! file: [`help`], [`hidden`], [`search_bar`], [`entity_picker`],
//! [`concordance`], [`cooccurrence`], [`bookmark_list`], [`note`].
//! No overlay file imports [`state`]: files of data (the ones `state.rs`
//! uses) never import the App either, so `src/app` has no import circle.
//!
//! # How to add an overlay (search bar, entity picker, bookmark list, ...)
//!
//! 1. Add `app/<name>.rs` with a state type that owns everything the
//!    overlay needs, and `impl Room` for it ([`step::Room`]): `mode` (the
//!    status bar's word) and `update(&mut self, ctx: &Ctx, action) ->
//!    Step`; `hints` ([`hint::Hint`]s: actions and words, the keys come
//!    from the key map), `key`, `takes_text`, `type_text` and `paste` if
//!    it has keys of its own or takes typed text. Read the reader through
//!    [`step::Ctx`] (add a field there if it lacks one), return
//!    [`step::Step::Pass`] for actions the reader should still handle
//!    ([`step::passes_through`]), and ask the App for anything else with a
//!    [`step::Request`] (add a variant, carried out in `route.rs`, if none
//!    fits). Never import `state.rs`. Hold a list's selection in a
//!    [`list::Cursor`]. Keys of its own are a [`Mode`] of the key map
//!    ([`keymap::MODE_KEYS`], remappable as `[keys.<mode>]` in
//!    `config.toml`), never key literals.
//! 2. Add one line to the `overlays!` list in `overlay.rs`.
//! 3. Add `ui/<name>.rs` with `draw(app, state, theme, frame, area)` and
//!    its arm in `ui::draw` (`ui/mod.rs`).
//! 4. Give it a way in: an [`Action`] (one row in `action.rs`'s table, its
//!    default key in `keymap.rs`) and an `open_<name>` in `route.rs`,
//!    called from [`App::update`]'s `act`.
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
mod bookmarking;
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
pub mod hint;
pub mod jumps;
pub mod key;
pub mod keymap;
pub mod layout;
pub mod list;
pub mod loading;
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
mod searching;
pub mod state;
pub mod step;
pub mod typing;
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
