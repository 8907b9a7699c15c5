//! List movement: the one way every list of the reader moves (the source
//! list, the search results, the entity picker, the concordance, the
//! bookmark list), so the same key moves the same distance everywhere:
//! one row, a page, half a page, the first or last row, three rows for a
//! turn of the wheel.
//!
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
    }
}
