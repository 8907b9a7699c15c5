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
    /// Show the focused pane alone, the whole width, or both panes again.
    TogglePanes,
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
    /// Show the entities mentioned in the same passages as the current one.
    OpenCoOccurrence,
    /// Show what the cleaner hid of the open article (page furniture).
    ShowHidden,
    /// Bookmark the passage under the cursor, or the selection, with a
    /// note.
    Bookmark,
    /// Start a selection of passages at the cursor (or drop it).
    SelectPassages,
    /// Show the bookmark list.
    OpenBookmarkList,
    /// Note editor: save the note.
    SaveNote,
    /// Note editor: start a new line.
    NewLine,
    /// Bookmark list: type to filter it.
    FilterList,
    /// Bookmark list: edit the highlighted bookmark's note.
    EditNote,
    /// Bookmark list: delete the highlighted bookmark (asks first).
    DeleteBookmark,
    /// Concordance: sort in article order.
    SortByArticle,
    /// Concordance: sort by the words before the mention.
    SortByLeft,
    /// Concordance: sort by the words after the mention.
    SortByRight,
    /// Concordance: the next of these sorts.
    NextSort,
    /// Typing: the cursor one character left.
    CharLeft,
    /// Typing: the cursor one character right.
    CharRight,
    /// Typing: the cursor to the start of the line.
    LineStart,
    /// Typing: the cursor to the end of the line.
    LineEnd,
    /// Typing: delete the character before the cursor.
    DeleteBack,
    /// Typing: delete the character under the cursor.
    DeleteForward,
    /// Typing: delete the word before the cursor.
    DeleteWordBack,
    /// Typing: delete from the start of the line to the cursor.
    DeleteToStart,
    /// Typing: delete from the cursor to the end of the line.
    DeleteToEnd,
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
    /// Editing a line of typed text.
    Typing,
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
            Group::Typing => "Typing",
            Group::General => "General",
        }
    }
}

/// Every action that can be bound to a key, in help order, with its help
/// section and what it does in the words of the help overlay: one row per
/// action, the one table to touch when adding one (its default keys are in
/// [`super::keymap`]).
const TABLE: &[(Action, Group, &str)] = &[
    (Action::FocusNext, Group::Moving, "focus the other pane"),
    (
        Action::FocusPrev,
        Group::Moving,
        "focus the other pane (backwards)",
    ),
    (
        Action::TogglePanes,
        Group::Moving,
        "one pane at a time, the whole width (again: both)",
    ),
    (
        Action::Down,
        Group::Moving,
        "next article (list) / line down (reader)",
    ),
    (
        Action::Up,
        Group::Moving,
        "previous article (list) / line up (reader)",
    ),
    (Action::PageDown, Group::Moving, "page down"),
    (Action::PageUp, Group::Moving, "page up"),
    (Action::HalfPageDown, Group::Moving, "half a page down"),
    (Action::HalfPageUp, Group::Moving, "half a page up"),
    (Action::Top, Group::Moving, "top"),
    (Action::Bottom, Group::Moving, "bottom"),
    (
        Action::Open,
        Group::Reading,
        "open the selected article, focus the reader",
    ),
    (
        Action::NextArticle,
        Group::Reading,
        "next article, from anywhere",
    ),
    (
        Action::PrevArticle,
        Group::Reading,
        "previous article, from anywhere",
    ),
    (
        Action::NextPassage,
        Group::Reading,
        "next passage (moves the passage cursor)",
    ),
    (Action::PrevPassage, Group::Reading, "previous passage"),
    (
        Action::ShowHidden,
        Group::Reading,
        "what was hidden of a copied web page, and why",
    ),
    (Action::JumpBack, Group::Jumps, "back in the jump list"),
    (
        Action::JumpForward,
        Group::Jumps,
        "forward in the jump list",
    ),
    (
        Action::CopyPassage,
        Group::Jumps,
        "copy the passage with its citation (OSC 52)",
    ),
    (Action::Help, Group::General, "this help"),
    (
        Action::Cancel,
        Group::General,
        "close the overlay or message; stop following",
    ),
    (Action::Redraw, Group::General, "repaint the screen"),
    (
        Action::Suspend,
        Group::General,
        "suspend to the shell (fg resumes)",
    ),
    (
        Action::Quit,
        Group::General,
        "quit (closes an overlay first)",
    ),
    (Action::ForceQuit, Group::General, "quit from anywhere"),
    (
        Action::OpenSearch,
        Group::Search,
        "search: titles, entities, passages as you type",
    ),
    (
        Action::NextMatch,
        Group::Search,
        "next search hit or mention",
    ),
    (
        Action::PrevMatch,
        Group::Search,
        "previous search hit or mention",
    ),
    (
        Action::OpenEntityPicker,
        Group::Entities,
        "pick an entity to follow (type to filter)",
    ),
    (
        Action::EntityAtCursor,
        Group::Entities,
        "follow the entity at the passage cursor",
    ),
    (
        Action::OpenConcordance,
        Group::Entities,
        "concordance: every mention in context",
    ),
    (
        Action::OpenCoOccurrence,
        Group::Entities,
        "entities in the same passages as this one",
    ),
    (
        Action::Bookmark,
        Group::Bookmarks,
        "bookmark the passage (or the selection)",
    ),
    (
        Action::SelectPassages,
        Group::Bookmarks,
        "select passages (passage keys extend it)",
    ),
    (
        Action::OpenBookmarkList,
        Group::Bookmarks,
        "bookmark list (/ filter, e note, d delete)",
    ),
    (Action::SaveNote, Group::Bookmarks, "save the note"),
    (Action::NewLine, Group::Bookmarks, "a new line in the note"),
    (
        Action::FilterList,
        Group::Bookmarks,
        "filter the bookmark list",
    ),
    (
        Action::EditNote,
        Group::Bookmarks,
        "edit the bookmark's note",
    ),
    (
        Action::DeleteBookmark,
        Group::Bookmarks,
        "delete the bookmark (asks first)",
    ),
    (
        Action::SortByArticle,
        Group::Entities,
        "sort the concordance in article order",
    ),
    (
        Action::SortByLeft,
        Group::Entities,
        "sort the concordance by the words before",
    ),
    (
        Action::SortByRight,
        Group::Entities,
        "sort the concordance by the words after",
    ),
    (
        Action::NextSort,
        Group::Entities,
        "the concordance's next sort",
    ),
    (Action::CharLeft, Group::Typing, "cursor left"),
    (Action::CharRight, Group::Typing, "cursor right"),
    (Action::LineStart, Group::Typing, "to the start of the line"),
    (Action::LineEnd, Group::Typing, "to the end of the line"),
    (
        Action::DeleteBack,
        Group::Typing,
        "delete the character before",
    ),
    (
        Action::DeleteForward,
        Group::Typing,
        "delete the character under",
    ),
    (
        Action::DeleteWordBack,
        Group::Typing,
        "delete the word before",
    ),
    (
        Action::DeleteToStart,
        Group::Typing,
        "delete to the start of the line",
    ),
    (
        Action::DeleteToEnd,
        Group::Typing,
        "delete to the end of the line",
    ),
];

/// The actions of [`TABLE`], in its order.
const ALL: [Action; TABLE.len()] = {
    let mut out = [Action::Quit; TABLE.len()];
    let mut i = 0;
    while i < TABLE.len() {
        out[i] = TABLE[i].0;
        i += 1;
    }
    out
};

impl Action {
    /// Every action that can be bound to a key, in help order.
    pub const ALL: &'static [Action] = &ALL;

    /// This action's row of [`TABLE`]; `None` for the actions that come
    /// from the terminal (size, mouse).
    fn row(self) -> Option<&'static (Action, Group, &'static str)> {
        TABLE.iter().find(|(a, _, _)| *a == self)
    }

    /// The help section this action is listed in.
    pub fn group(self) -> Group {
        self.row().map_or(Group::General, |r| r.1)
    }

    /// What the action does, in the words of the help overlay.
    pub fn label(self) -> &'static str {
        match self {
            Action::Resize { .. } => "terminal resized",
            Action::Wheel { .. } => "mouse wheel",
            Action::Click { .. } => "mouse click",
            a => a.row().map_or("", |r| r.2),
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
