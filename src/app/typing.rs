//! Typed text in a one-line field: which keys type a character, and the
//! key map's [`Mode::Line`] deletes applied to a filter typed at its end
//! (the entity picker's, the bookmark list's). The search bar's line,
//! which has a cursor, applies the whole of [`Mode::Line`] itself
//! (`search_bar.rs`). Nothing here knows an overlay.

use super::action::Action;
use super::key::{Key, KeyCode};
use super::keymap::{Keymap, Mode};

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
