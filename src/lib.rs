//! dossier: a terminal reader for researching one topic across a set of
//! articles.
//!
//! The crate is layered so that each layer only knows the ones below it:
//!
//! * [`core`] — the model: corpus loading and text normalisation, search,
//!   entities and their mentions, bookmarks. No terminal code at all.
//! * [`cli`] — the subcommands (`list`, `show`, `search`, `entities`,
//!   `mentions`, `bookmarks`), writing plain text or JSON Lines to any
//!   [`std::io::Write`].
//! * [`app`] — the reader's state and behaviour: keys become actions,
//!   `App::update` changes state. No terminal I/O.
//! * [`ui`] — pure drawing of an `App` into a ratatui frame.
//! * [`runtime`] — the only module that owns the terminal: setup, restore,
//!   the event loop, effects.

pub mod app;
pub mod cli;
pub mod core;
pub mod runtime;
#[doc(hidden)]
pub mod testing;
pub mod ui;
