//! The terminal-free core of dossier: the model every front end (the reader,
//! the subcommands) is built on.
//!
//! Nothing under `core` may use ratatui or crossterm, print, or read the
//! keyboard; a test (`tests/architecture.rs`) enforces the first rule. Code
//! here returns values and [`error::Error`]s; the front ends decide how to
//! show them.

pub mod atomic;
pub mod bookmarks;
pub mod cache;
pub mod codec;
pub mod corpus;
pub mod entity;
pub mod error;
pub(crate) mod fasthash;
pub mod fetch;
pub mod memory;
pub mod paths;
pub mod regular_file;
pub mod search;
pub mod text;

pub use corpus::{Article, Corpus, Meta, Passage, PassageKind};
pub use error::Error;
