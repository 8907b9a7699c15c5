//! Status-bar messages as data: a line of text and how much it matters.
//! Drawing them is `ui/status.rs`'s; queueing them is the [`App`](super::App)'s.

/// How much a message matters (its colour in the status bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something done.
    Info,
    /// Something to know (a file skipped, a key not available yet).
    Warning,
    /// Something failed.
    Error,
}

/// A message for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// One line of text.
    pub text: String,
    /// How much it matters.
    pub level: Level,
}
