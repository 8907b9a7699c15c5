//! Where each pane goes for a terminal size: pure geometry, shared by
//! [`crate::app::App::update`] (which needs page sizes, the wrap width and
//! the rows a mouse click lands on) and by [`crate::ui::draw`] (which draws
//! into exactly these rectangles).
//!
//! * at least [`MIN_WIDTH`]x[`MIN_HEIGHT`]: the panes and a one-line status
//!   bar; below [`NARROW_WIDTH`] columns, or when the user asks for
//!   [`Panes::OneAtATime`] (`z`), only the focused pane is shown, the whole
//!   width;
//! * smaller: nothing but a "terminal too small" notice.
//!
//! The reading pane alone has no side borders (see [`reader_inside`]): a
//! line scrolled into view then costs the terminal its text and nothing
//! else, which is what a slow SSH link feels.

use ratatui::layout::Rect;

/// Which pane takes the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Focus {
    /// The list of articles.
    Sources,
    /// The reading pane.
    Reader,
}

/// Whether the two panes share the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Panes {
    /// The list beside the reading pane, where the terminal is wide enough.
    #[default]
    Beside,
    /// Only the focused pane, the whole width (`Tab` switches).
    OneAtATime,
}

impl Panes {
    /// The other arrangement.
    pub fn toggled(self) -> Panes {
        match self {
            Panes::Beside => Panes::OneAtATime,
            Panes::OneAtATime => Panes::Beside,
        }
    }
}

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
    /// The title's rows.
    pub title: Rect,
    /// The metadata line's rows.
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
    /// The layout of a `width`x`height` terminal with `focus` on a pane,
    /// its panes arranged as `panes` asks where they fit.
    pub fn new(width: u16, height: u16, focus: Focus, panes: Panes) -> Layout {
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
        let (list, reader) = if width < NARROW_WIDTH || panes == Panes::OneAtATime {
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
    /// had the focus), with a one-row title and metadata line: the wrap
    /// width never depends on which pane is focused on a narrow screen.
    pub fn reader_areas(width: u16, height: u16, panes: Panes) -> ReaderAreas {
        Layout::reader_pane(width, height, panes)
            .map(|p| reader_areas(p, (1, 1)))
            .unwrap_or_default()
    }

    /// The reading pane (with its border) as it is or would be if the
    /// reader had the focus.
    pub fn reader_pane(width: u16, height: u16, panes: Panes) -> Option<Rect> {
        Layout::new(width, height, Focus::Reader, panes).reader
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

/// The most rows the header (title and metadata line) of a reading pane
/// with `inner_height` rows inside its border may take: half of them, and
/// at least two.
pub fn header_max(inner_height: u16) -> usize {
    usize::from(inner_height / 2).max(2)
}

/// Splits a reading pane (with border) into title, metadata and text rows,
/// for a header that wants `want` rows (title, metadata line), each
/// getting at least one (the metadata line none when it wants none) and
/// together at most [`header_max`].
pub fn reader_areas(pane: Rect, want: (usize, usize)) -> ReaderAreas {
    let inner = reader_inside(pane);
    let max = header_max(inner.height);
    let title = want.0.clamp(1, max - 1);
    // No row at all for a metadata line the article does not have.
    let meta = if want.1 == 0 {
        0
    } else {
        want.1.clamp(1, max - title)
    };
    // A blank row under the header when there is room for it.
    let blank = usize::from(inner.height >= 16);
    let header = (title + meta + blank) as u16;
    let rows = |from: usize, n: usize| {
        Rect::new(inner.x, inner.y + from as u16, inner.width, n as u16).intersection(inner)
    };
    ReaderAreas {
        title: rows(0, title),
        meta: rows(title, meta),
        text: Rect::new(
            inner.x,
            inner.y + header.min(inner.height),
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
    inside(pane)
}

/// True when the reading pane `pane` is alone on the screen: it then
/// starts at the left edge (with both panes shown the list is left of it).
pub fn reader_is_alone(pane: Rect) -> bool {
    pane.x == 0
}

/// The inside of the reading pane's border: inside the border all round
/// beside the list; alone, inside the top and bottom borders only (the
/// title and the position stay; a side border would have to be written
/// again on every line the terminal scrolls into view).
pub fn reader_inside(pane: Rect) -> Rect {
    if reader_is_alone(pane) {
        Rect::new(
            pane.x,
            pane.y + 1,
            pane.width,
            pane.height.saturating_sub(2),
        )
    } else {
        inside(pane)
    }
}

/// The inside of a pane's border.
pub fn inside(pane: Rect) -> Rect {
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
        let l = Layout::new(80, 24, Focus::Sources, Panes::Beside);
        assert!(!l.too_small);
        let (list, reader) = (l.list.unwrap(), l.reader.unwrap());
        assert_eq!(list.width + reader.width, 80);
        assert_eq!(list.height, 23);
        assert_eq!(l.status, Rect::new(0, 23, 80, 1));
        let r = reader_areas(reader, (1, 1));
        assert_eq!(r.text.height, 23 - 2 - 3);
        // A two-row title and metadata line push the text down.
        let r = reader_areas(reader, (2, 2));
        assert_eq!((r.title.height, r.meta.y, r.meta.height), (2, 3, 2));
        assert_eq!((r.text.y, r.text.height), (6, 23 - 2 - 5));
        // The header never takes more than half the pane.
        let r = reader_areas(reader, (30, 30));
        assert_eq!((r.title.height, r.meta.height), (9, 1));
    }

    #[test]
    fn narrow_screens_show_the_focused_pane() {
        let l = Layout::new(40, 12, Focus::Sources, Panes::Beside);
        assert!(l.list.is_some() && l.reader.is_none());
        let l = Layout::new(40, 12, Focus::Reader, Panes::Beside);
        assert!(l.list.is_none() && l.reader.is_some());
        let r = Layout::reader_areas(40, 12, Panes::Beside);
        assert_eq!(r.text.height, 12 - 1 - 2 - 2);
        // Alone, the reading pane has no side borders.
        assert_eq!(r.wrap_width(), 40 - 2 - 1);
        // 9 rows inside the border: a header of at most 4 rows.
        let pane = Layout::reader_pane(40, 12, Panes::Beside).unwrap();
        let r = reader_areas(pane, (2, 2));
        assert_eq!((r.text.y, r.text.height), (5, 5));
        let r = reader_areas(pane, (3, 2));
        assert_eq!((r.title.height, r.meta.height, r.text.height), (3, 1, 5));
    }

    #[test]
    fn one_pane_at_a_time_gives_the_focused_pane_the_whole_width() {
        let l = Layout::new(100, 30, Focus::Reader, Panes::OneAtATime);
        assert_eq!((l.list, l.reader), (None, Some(Rect::new(0, 0, 100, 29))));
        let l = Layout::new(100, 30, Focus::Sources, Panes::OneAtATime);
        assert_eq!((l.list, l.reader), (Some(Rect::new(0, 0, 100, 29)), None));
        // Top and bottom borders only: the text runs from the left edge.
        let r = Layout::reader_areas(100, 30, Panes::OneAtATime);
        assert_eq!((r.title.x, r.title.y, r.text.x), (0, 1, 0));
        assert_eq!(r.wrap_width(), 100 - 2 - 1);
        assert_eq!(Panes::OneAtATime.toggled(), Panes::Beside);
        // Beside the list the pane keeps its border all round.
        let beside = Layout::reader_areas(100, 30, Panes::Beside);
        assert_eq!(
            beside.text.x,
            Layout::new(100, 30, Focus::Reader, Panes::Beside)
                .reader
                .unwrap()
                .x
                + 1
        );
    }

    #[test]
    fn tiny_screens_are_too_small() {
        for (w, h) in [(39, 24), (80, 11), (1, 1), (0, 0)] {
            let l = Layout::new(w, h, Focus::Reader, Panes::OneAtATime);
            assert!(l.too_small, "{w}x{h}");
            assert_eq!(
                Layout::reader_areas(w, h, Panes::Beside),
                ReaderAreas::default()
            );
            let _ = l.overlay();
        }
    }
}
