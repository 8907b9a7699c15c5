//! Typed text: which keys type a character, the key map's [`Mode::Line`]
//! actions applied to a text area with a cursor (the search bar's line,
//! the note editor) and its deletes applied to a filter typed at its end
//! (the entity picker's, the bookmark list's). Nothing here knows an
//! overlay.

use ratatui_textarea::{CursorMove, TextArea};

use super::action::{Action, Group};
use super::key::{Key, KeyCode};
use super::keymap::{Keymap, Mode};

/// True for the actions of [`Mode::Line`] (what [`edit_text`] applies):
/// those of the action table's typing group.
pub fn is_line_edit(action: Action) -> bool {
    action.group() == Group::Typing
}

/// Applies one of [`Mode::Line`]'s actions to a text area (the search
/// bar's line, the note editor); false for any other action.
pub fn edit_text(t: &mut TextArea<'_>, action: Action) -> bool {
    match action {
        Action::CharLeft => t.move_cursor(CursorMove::Back),
        Action::CharRight => t.move_cursor(CursorMove::Forward),
        Action::LineStart => t.move_cursor(CursorMove::Head),
        Action::LineEnd => t.move_cursor(CursorMove::End),
        Action::DeleteBack => {
            t.delete_char();
        }
        Action::DeleteForward => {
            t.delete_next_char();
        }
        Action::DeleteWordBack => {
            t.delete_word();
        }
        Action::DeleteToStart => {
            t.delete_line_by_head();
        }
        Action::DeleteToEnd => {
            t.delete_line_by_end();
        }
        _ => return false,
    }
    true
}

/// The character a key types: a plain character, without Ctrl or Alt.
pub fn typed(key: Key) -> Option<char> {
    match (key.code, key.ctrl, key.alt) {
        (KeyCode::Char(c), false, false) => Some(c),
        _ => None,
    }
}

/// Edits a filter typed at its end (the entity picker's, the bookmark
/// list's) with a typed character or the key map's [`Mode::Line`] deletes;
/// true when the key was one of them.
pub fn edit_filter(keymap: &Keymap, key: Key, text: &mut String) -> bool {
    if let Some(c) = typed(key) {
        text.push(c);
        return true;
    }
    match keymap.action_in(Mode::Line, key) {
        Some(Action::DeleteBack) => {
            text.pop();
        }
        Some(Action::DeleteWordBack) => {
            let kept = text.trim_end().len();
            let start = text[..kept].rfind(char::is_whitespace).map_or(0, |i| {
                i + text[i..].chars().next().map_or(1, char::len_utf8)
            });
            text.truncate(start);
        }
        Some(Action::DeleteToStart) => text.clear(),
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_is_typed_and_deleted_with_the_line_keys() {
        let keys = Keymap::default();
        let mut f = String::new();
        for c in "lachin corridor".chars() {
            assert!(edit_filter(&keys, Key::new(KeyCode::Char(c)), &mut f));
        }
        assert!(edit_filter(&keys, Key::ctrl('w'), &mut f));
        assert_eq!(f, "lachin ");
        assert!(edit_filter(&keys, Key::new(KeyCode::Backspace), &mut f));
        assert_eq!(f, "lachin");
        assert!(edit_filter(&keys, Key::ctrl('w'), &mut f));
        assert_eq!(f, "");
        f.push_str("été à");
        assert!(edit_filter(&keys, Key::ctrl('w'), &mut f));
        assert_eq!(f, "été ");
        assert!(edit_filter(&keys, Key::ctrl('u'), &mut f));
        assert_eq!(f, "");
        assert!(!edit_filter(&keys, Key::ctrl('x'), &mut f));
        assert!(!edit_filter(&keys, Key::new(KeyCode::Enter), &mut f));
    }
}
