//! Where each pane goes for a terminal size: pure geometry, shared by
//! [`crate::app::App::update`] (which needs page sizes, the wrap width and
//! the rows a mouse click lands on) and by [`crate::ui::draw`] (which draws
//! into exactly these rectangles).
//!
//! * at least [`MIN_WIDTH`]x[`MIN_HEIGHT`]: the panes and a one-line status
//!   bar; below [`NARROW_WIDTH`] columns only the focused pane is shown;
//! * smaller: nothing but a "terminal too small" notice.

use ratatui::layout::Rect;

use super::state::Focus;

/// The smallest usable width.
pub const MIN_WIDTH: u16 = 40;
/// The smallest usable height.
pub const MIN_HEIGHT: u16 = 12;
/// Below this width, only the focused pane is shown.
pub const NARROW_WIDTH: u16 = 60;
/// Columns left of the text in the reading pane, for the passage marks.
pub const MARGIN: u16 = 2;

/// The rectangles of one screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Layout {
    /// The whole terminal.
    pub area: Rect,
    /// Too small to lay anything out.
    pub too_small: bool,
    /// The source list pane (with its border), when shown.
    pub list: Option<Rect>,
    /// The reading pane (with its border), when shown.
    pub reader: Option<Rect>,
    /// The status bar (one line).
    pub status: Rect,
}

/// The inside of the reading pane, split into header and text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReaderAreas {
    /// The title row.
    pub title: Rect,
    /// The metadata row.
    pub meta: Rect,
    /// The wrapped text, margin included.
    pub text: Rect,
}

impl ReaderAreas {
    /// The columns the text itself is wrapped to: the margin and one
    /// column of padding on the right left out.
    pub fn wrap_width(&self) -> usize {
        usize::from(self.text.width.saturating_sub(MARGIN + 1))
    }
}

impl Layout {
    /// The layout of a `width`x`height` terminal with `focus` on a pane.
    pub fn new(width: u16, height: u16, focus: Focus) -> Layout {
        let area = Rect::new(0, 0, width, height);
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            return Layout {
                area,
                too_small: true,
                ..Layout::default()
            };
        }
        let main = Rect::new(0, 0, width, height - 1);
        let status = Rect::new(0, height - 1, width, 1);
        let (list, reader) = if width < NARROW_WIDTH {
            match focus {
                Focus::Sources => (Some(main), None),
                Focus::Reader => (None, Some(main)),
            }
        } else {
            let list_w = (width / 3).clamp(20, 44);
            (
                Some(Rect::new(0, 0, list_w, main.height)),
                Some(Rect::new(list_w, 0, width - list_w, main.height)),
            )
        };
        Layout {
            area,
            too_small: false,
            list,
            reader,
            status,
        }
    }

    /// The reading pane's areas as they are (or would be, if the reader
    /// had the focus): the wrap width and page size never depend on which
    /// pane is focused on a narrow screen.
    pub fn reader_areas(width: u16, height: u16) -> ReaderAreas {
        let l = Layout::new(width, height, Focus::Reader);
        l.reader.map(reader_areas).unwrap_or_default()
    }

    /// The help and other overlays: centred, most of the screen (all of
    /// it above the status bar on a narrow screen).
    pub fn overlay(&self) -> Rect {
        let main = Rect::new(0, 0, self.area.width, self.area.height.saturating_sub(1));
        if main.width < NARROW_WIDTH {
            return main;
        }
        let w = main.width.saturating_sub(4).min(76);
        let h = main.height.saturating_sub(2);
        Rect::new((main.width - w) / 2, (main.height - h) / 2, w, h.max(1))
    }
}

/// Splits a reading pane (with border) into title, metadata and text rows.
pub fn reader_areas(pane: Rect) -> ReaderAreas {
    let inner = Rect::new(
        pane.x + 1,
        pane.y + 1,
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    );
    // A blank row under the header when there is room for it.
    let header = if inner.height >= 16 { 3 } else { 2 };
    let row = |i: u16| Rect::new(inner.x, inner.y + i, inner.width, 1.min(inner.height));
    ReaderAreas {
        title: row(0),
        meta: row(1),
        text: Rect::new(
            inner.x,
            inner.y + header,
            inner.width,
            inner.height.saturating_sub(header),
        ),
    }
}

/// Rows each article takes in a source list of `rows` rows: two (the title
/// wrapped over both) when every one of `articles` fits so, otherwise one.
pub fn list_item_rows(articles: usize, rows: usize) -> usize {
    if articles > 0 && articles * 2 <= rows {
        2
    } else {
        1
    }
}

/// The rows of the source list inside its border.
pub fn list_inner(pane: Rect) -> Rect {
    Rect::new(
        pane.x + 1,
        pane.y + 1,
        pane.width.saturating_sub(2),
        pane.height.saturating_sub(2),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_show_both_panes() {
        let l = Layout::new(80, 24, Focus::Sources);
        assert!(!l.too_small);
        let (list, reader) = (l.list.unwrap(), l.reader.unwrap());
        assert_eq!(list.width + reader.width, 80);
        assert_eq!(list.height, 23);
        assert_eq!(l.status, Rect::new(0, 23, 80, 1));
        let r = reader_areas(reader);
        assert_eq!(r.text.height, 23 - 2 - 3);
    }

    #[test]
    fn narrow_screens_show_the_focused_pane() {
        let l = Layout::new(40, 12, Focus::Sources);
        assert!(l.list.is_some() && l.reader.is_none());
        let l = Layout::new(40, 12, Focus::Reader);
        assert!(l.list.is_none() && l.reader.is_some());
        let r = Layout::reader_areas(40, 12);
        assert_eq!(r.text.height, 12 - 1 - 2 - 2);
        assert_eq!(r.wrap_width(), 40 - 2 - 2 - 1);
    }

    #[test]
    fn tiny_screens_are_too_small() {
        for (w, h) in [(39, 24), (80, 11), (1, 1), (0, 0)] {
            let l = Layout::new(w, h, Focus::Reader);
            assert!(l.too_small, "{w}x{h}");
            assert_eq!(Layout::reader_areas(w, h), ReaderAreas::default());
            let _ = l.overlay();
        }
    }
}
