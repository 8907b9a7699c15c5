//! List movement: the one way every list of the reader moves (the source
//! list, the search results, the entity picker, the concordance, the
//! bookmark list), so the same key moves the same distance everywhere:
//! one row, a page, half a page, the first or last row, three rows for a
//! turn of the wheel.
//!
//! [`Cursor`] is the one list cursor: every overlay's list (the help and
//! hidden-blocks text, the search results, the entity picker, the
//! concordance, the co-occurrence view, the bookmark list) holds one.
//! Pure arithmetic on a selected index; never knows what a list shows.

use super::action::Action;

/// Rows a turn of the mouse wheel moves a list.
pub const WHEEL_ROWS: usize = 3;

/// Where `action` moves the selection `selected` of a list of `len` rows
/// that shows `page` rows at a time; `None` when the action does not move
/// a list. The result is always a row of the list (0 for an empty one).
pub fn moved(selected: usize, len: usize, action: Action, page: usize) -> Option<usize> {
    let last = len.saturating_sub(1);
    let s = selected.min(last);
    let page = page.max(1);
    let half = (page / 2).max(1);
    let down = |n: usize| s.saturating_add(n).min(last);
    let up = |n: usize| s.saturating_sub(n);
    Some(match action {
        Action::Down => down(1),
        Action::Up => up(1),
        Action::PageDown => down(page),
        Action::PageUp => up(page),
        Action::HalfPageDown => down(half),
        Action::HalfPageUp => up(half),
        Action::Top => 0,
        Action::Bottom => last,
        Action::Wheel { down: true, .. } => down(WHEEL_ROWS),
        Action::Wheel { down: false, .. } => up(WHEEL_ROWS),
        _ => return None,
    })
}

/// The selected row of a list. Which rows are shown is worked out from it
/// when the list is drawn ([`Cursor::first_shown`], or the drawing code's
/// own rule where rows differ in height), so a resize never leaves a stale
/// offset behind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursor {
    /// The selected row (for a text view: the first line shown).
    pub selected: usize,
}

impl Cursor {
    /// A cursor on row `selected`.
    pub fn at(selected: usize) -> Cursor {
        Cursor { selected }
    }

    /// Moves as `action` says in a list of `len` rows that shows `page` at a
    /// time ([`moved`]); false when the action does not move a list.
    pub fn move_by(&mut self, action: Action, len: usize, page: usize) -> bool {
        match moved(self.selected, len, action, page) {
            Some(s) => {
                self.selected = s;
                true
            }
            None => false,
        }
    }

    /// The first row shown in `rows` rows so that the selection is on
    /// screen (on the last row when the list had to scroll).
    pub fn first_shown(&self, rows: usize) -> usize {
        self.selected.saturating_sub(rows.saturating_sub(1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_move_stays_in_the_list() {
        assert_eq!(moved(0, 10, Action::Down, 4), Some(1));
        assert_eq!(moved(0, 10, Action::Up, 4), Some(0));
        assert_eq!(moved(2, 10, Action::PageDown, 4), Some(6));
        assert_eq!(moved(8, 10, Action::PageDown, 4), Some(9));
        assert_eq!(moved(3, 10, Action::HalfPageUp, 4), Some(1));
        assert_eq!(moved(3, 10, Action::HalfPageDown, 1), Some(4));
        assert_eq!(moved(3, 10, Action::Bottom, 4), Some(9));
        assert_eq!(moved(3, 10, Action::Top, 4), Some(0));
        let wheel = Action::Wheel {
            column: 0,
            row: 0,
            down: true,
        };
        assert_eq!(moved(3, 10, wheel, 4), Some(6));
        assert_eq!(moved(5, 0, Action::Down, 4), Some(0));
        assert_eq!(moved(15, 10, Action::Up, 4), Some(8));
        assert_eq!(moved(0, 10, Action::Open, 4), None);
        let mut c = Cursor::at(8);
        assert!(c.move_by(Action::PageDown, 10, 4));
        assert_eq!((c.selected, c.first_shown(4)), (9, 6));
        assert!(!c.move_by(Action::Open, 10, 4));
    }
}
