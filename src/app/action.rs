//! What the reader can be asked to do: every key binding names one
//! [`Action`], by its snake_case name in `config.toml`
//! (`"ctrl-f" = "page_down"`).
//!
//! An action says *what* the user wants, never *how* the screen changes:
//! [`crate::app::App::update`] decides that from the focus and the mode. The
//! help overlay shows each action with [`Action::label`], grouped by
//! [`Action::group`], in the order of [`Action::ALL`].

use serde::{Deserialize, Serialize};

/// One thing the user can ask for. Variants without data can be bound to
/// keys; the others come from the terminal (size, mouse) and cannot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Quit the reader (in an overlay: close it).
    Quit,
    /// Quit the reader from anywhere.
    ForceQuit,
    /// Show or hide the list of keys.
    Help,
    /// Close the overlay, clear the message, or stop following the entity.
    Cancel,
    /// Repaint the whole screen.
    Redraw,
    /// Stop the reader and go back to the shell (`fg` resumes it).
    Suspend,
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Next article in the list; one line down in the reader.
    Down,
    /// Previous article in the list; one line up in the reader.
    Up,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// To the top.
    Top,
    /// To the bottom.
    Bottom,
    /// Open the selected article and focus the reader.
    Open,
    /// Open the next article, from anywhere.
    NextArticle,
    /// Open the previous article, from anywhere.
    PrevArticle,
    /// Move the passage cursor to the next passage.
    NextPassage,
    /// Move the passage cursor to the previous passage.
    PrevPassage,
    /// Go back in the jump list.
    JumpBack,
    /// Go forward in the jump list.
    JumpForward,
    /// Copy the current passage with its citation (OSC 52).
    CopyPassage,
    /// Open the search bar.
    OpenSearch,
    /// Next search hit or mention: whichever was chosen last.
    NextMatch,
    /// Previous search hit or mention: whichever was chosen last.
    PrevMatch,
    /// Pick an entity to follow.
    OpenEntityPicker,
    /// Follow the entity at (or after) the passage cursor.
    EntityAtCursor,
    /// Show the concordance of the current entity.
    OpenConcordance,
    /// Bookmark the passage under the cursor, or the selection, with a
    /// note.
    Bookmark,
    /// Start a selection of passages at the cursor (or drop it).
    SelectPassages,
    /// Show the bookmark list.
    OpenBookmarkList,
    /// The terminal has this many columns and rows now.
    #[serde(skip)]
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// The mouse wheel turned over a cell (`down` = towards the end).
    #[serde(skip)]
    Wheel {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
        /// True for scrolling towards the end.
        down: bool,
    },
    /// The left button was pressed on a cell.
    #[serde(skip)]
    Click {
        /// Column of the pointer.
        column: u16,
        /// Row of the pointer.
        row: u16,
    },
}

/// The sections of the help overlay, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Group {
    /// Focus and movement.
    Moving,
    /// Articles and passages.
    Reading,
    /// Jump list and clipboard.
    Jumps,
    /// Search and stepping through hits.
    Search,
    /// Entities and stepping through mentions.
    Entities,
    /// Bookmarks and notes.
    Bookmarks,
    /// Quit, help, redraw.
    General,
}

impl Group {
    /// The heading shown in help.
    pub fn title(self) -> &'static str {
        match self {
            Group::Moving => "Moving",
            Group::Reading => "Articles and passages",
            Group::Jumps => "Jumps and copying",
            Group::Search => "Search",
            Group::Entities => "Entities",
            Group::Bookmarks => "Bookmarks",
            Group::General => "General",
        }
    }
}

impl Action {
    /// Every action that can be bound to a key, in help order.
    pub const ALL: &'static [Action] = &[
        Action::FocusNext,
        Action::FocusPrev,
        Action::Down,
        Action::Up,
        Action::PageDown,
        Action::PageUp,
        Action::HalfPageDown,
        Action::HalfPageUp,
        Action::Top,
        Action::Bottom,
        Action::Open,
        Action::NextArticle,
        Action::PrevArticle,
        Action::NextPassage,
        Action::PrevPassage,
        Action::JumpBack,
        Action::JumpForward,
        Action::CopyPassage,
        Action::Help,
        Action::Cancel,
        Action::Redraw,
        Action::Suspend,
        Action::Quit,
        Action::ForceQuit,
        Action::OpenSearch,
        Action::NextMatch,
        Action::PrevMatch,
        Action::OpenEntityPicker,
        Action::EntityAtCursor,
        Action::OpenConcordance,
        Action::Bookmark,
        Action::SelectPassages,
        Action::OpenBookmarkList,
    ];

    /// The help section this action is listed in.
    pub fn group(self) -> Group {
        use Action::*;
        match self {
            FocusNext | FocusPrev | Down | Up | PageDown | PageUp | HalfPageDown | HalfPageUp
            | Top | Bottom => Group::Moving,
            Open | NextArticle | PrevArticle | NextPassage | PrevPassage => Group::Reading,
            JumpBack | JumpForward | CopyPassage => Group::Jumps,
            Bookmark | SelectPassages | OpenBookmarkList => Group::Bookmarks,
            Quit
            | ForceQuit
            | Help
            | Cancel
            | Redraw
            | Suspend
            | Resize { .. }
            | Wheel { .. }
            | Click { .. } => Group::General,
            OpenSearch | NextMatch | PrevMatch => Group::Search,
            OpenEntityPicker | EntityAtCursor | OpenConcordance => Group::Entities,
        }
    }

    /// What the action does, in the words of the help overlay.
    pub fn label(self) -> &'static str {
        use Action::*;
        match self {
            Quit => "quit (closes an overlay first)",
            ForceQuit => "quit from anywhere",
            Help => "this help",
            Cancel => "close the overlay or message; stop following",
            Redraw => "repaint the screen",
            Suspend => "suspend to the shell (fg resumes)",
            FocusNext => "focus the other pane",
            FocusPrev => "focus the other pane (backwards)",
            Down => "next article (list) / line down (reader)",
            Up => "previous article (list) / line up (reader)",
            PageDown => "page down",
            PageUp => "page up",
            HalfPageDown => "half a page down",
            HalfPageUp => "half a page up",
            Top => "top",
            Bottom => "bottom",
            Open => "open the selected article, focus the reader",
            NextArticle => "next article, from anywhere",
            PrevArticle => "previous article, from anywhere",
            NextPassage => "next passage (moves the passage cursor)",
            PrevPassage => "previous passage",
            JumpBack => "back in the jump list",
            JumpForward => "forward in the jump list",
            CopyPassage => "copy the passage with its citation (OSC 52)",
            OpenSearch => "search: titles, entities, passages as you type",
            NextMatch => "next search hit or mention",
            PrevMatch => "previous search hit or mention",
            OpenEntityPicker => "pick an entity to follow (type to filter)",
            EntityAtCursor => "follow the entity at the passage cursor",
            OpenConcordance => "concordance: every mention in context",
            Bookmark => "bookmark the passage (or the selection)",
            SelectPassages => "select passages (passage keys extend it)",
            OpenBookmarkList => "bookmark list (/ filter, e note, d delete)",
            Resize { .. } => "terminal resized",
            Wheel { .. } => "mouse wheel",
            Click { .. } => "mouse click",
        }
    }

    /// The snake_case name used in `config.toml`; `None` for actions that
    /// cannot be bound.
    pub fn name(self) -> Option<String> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The bindable action with this snake_case name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL
            .iter()
            .copied()
            .find(|a| a.name().as_deref() == Some(name))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_snake_case_and_round_trip() {
        assert_eq!(Action::PageDown.name().as_deref(), Some("page_down"));
        assert_eq!(
            Action::OpenBookmarkList.name().as_deref(),
            Some("open_bookmark_list")
        );
        for &a in Action::ALL {
            let name = a.name().expect("bindable actions have a name");
            assert_eq!(Action::from_name(&name), Some(a));
        }
        assert_eq!(
            Action::Resize {
                width: 1,
                height: 1
            }
            .name(),
            None
        );
        assert_eq!(Action::from_name("resize"), None);
    }

    #[test]
    fn all_lists_each_action_once() {
        let set: std::collections::HashSet<_> = Action::ALL.iter().collect();
        assert_eq!(set.len(), Action::ALL.len());
    }
}
