//! Status-bar hints as data: which action's key to show, in which key-map
//! mode, and the words for what it does. The keys themselves are never
//! written here: the status bar spells each hint with the keys bound now
//! (`ui/status.rs`). An overlay names its hints in its
//! [`Room`](super::step::Room) impl.

use super::action::Action;
use super::keymap::Mode;

/// One status-bar hint: what to press (from the live key map) and what it
/// does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// The first key of the action, in the mode: `Enter go`.
    Key(Mode, Action, &'static str),
    /// Every key of the action: `Alt-Enter or Ctrl-j new line`.
    Keys(Mode, Action, &'static str),
    /// The first keys of two actions: `↑/↓ select`.
    Pair(Mode, Action, Action, &'static str),
    /// Words, no key: `type to filter`.
    Text(&'static str),
}

/// The hints of an overlay that names none: it scrolls and closes.
pub const SCROLL_AND_CLOSE: &[Hint] = &[
    Hint::Key(Mode::Panes, Action::Down, "scroll"),
    Hint::Key(Mode::Panes, Action::Cancel, "close"),
];
