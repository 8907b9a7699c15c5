//! Drawing the reader: [`draw`] paints an [`App`] into a ratatui frame.
//!
//! Drawing is pure: it reads the state and never changes it (the wrapped
//! text it needs was computed by `App::update`), and it never touches the
//! terminal itself (the runtime does). Every write stays inside the frame,
//! whatever its size, 1x1 included. One file per pane: [`source_list`],
//! [`reader`], [`status`]; the overlays [`help`], [`search`],
//! [`entity_picker`], [`concordance`], [`cooccurrence`], [`note`] (the note editor) and
//! [`bookmark_list`]; [`theme`] holds every style.

pub mod bookmark_list;
pub mod concordance;
pub mod cooccurrence;
pub mod entity_picker;
pub mod help;
pub mod hidden;
pub mod note;
pub mod reader;
pub mod search;
pub mod source_list;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Block, BorderType, Clear};

use crate::app::layout::{Layout, MIN_HEIGHT, MIN_WIDTH};
use crate::app::wrap::str_width;
pub(crate) use crate::app::wrap::{fit, fit_words};
use crate::app::{App, Overlay};
use theme::Theme;

/// Draws the whole screen for `app`.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme::new(app.color);
    // The frame's own size decides, so nothing is drawn outside it even if
    // the terminal changed size after the last update.
    let layout = Layout::new(area.width, area.height, app.focus, app.panes);
    if layout.too_small {
        too_small(app, &theme, frame, area);
        return;
    }
    if let Some(r) = layout.list {
        source_list::draw(app, &theme, frame, r);
    }
    if let Some(r) = layout.reader {
        reader::draw(app, &theme, frame, r);
    }
    status::draw(app, &theme, frame, layout.status);
    if let Some(Overlay::EntityPicker(_) | Overlay::Concordance(_) | Overlay::CoOccurrence(_)) =
        &app.overlay
    {
        clear_rows(frame, layout.overlay());
    }
    match &app.overlay {
        Some(Overlay::Help(h)) => help::draw(app, h, &theme, frame, layout.overlay()),
        Some(Overlay::Hidden(h)) => hidden::draw(app, h, &theme, frame, layout.overlay()),
        Some(Overlay::Note(n)) => note::draw(app, n, &theme, frame, layout.overlay()),
        Some(Overlay::Bookmarks(l)) => bookmark_list::draw(app, l, &theme, frame, layout.overlay()),
        Some(Overlay::EntityPicker(p)) => {
            entity_picker::draw(app, p, &theme, frame, layout.overlay());
        }
        Some(Overlay::Concordance(c)) => {
            concordance::draw(app, c, &theme, frame, layout.overlay());
        }
        Some(Overlay::CoOccurrence(c)) => {
            cooccurrence::draw(app, c, &theme, frame, layout.overlay());
        }
        Some(Overlay::Search(bar)) => {
            let over = layout.reader.unwrap_or_else(|| layout.overlay());
            search::draw(app, bar, &theme, frame, over, layout.status);
        }
        None => {}
    }
}

/// The notice shown when the terminal is smaller than the reader needs.
fn too_small(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let quit = app
        .keymap
        .hint(crate::app::Action::Quit)
        .or_else(|| app.keymap.hint(crate::app::Action::ForceQuit))
        .map(|k| format!("{k} quits"))
        .unwrap_or_default();
    let lines = [
        "Terminal too small".to_string(),
        format!(
            "{}x{}: need {MIN_WIDTH}x{MIN_HEIGHT}",
            area.width, area.height
        ),
        quit,
    ];
    let buf = frame.buffer_mut();
    for (i, l) in lines.iter().enumerate() {
        let y = area.y + i as u16;
        if y >= area.bottom() {
            break;
        }
        let style = if i == 0 { theme.title() } else { theme.text() };
        buf.set_stringn(area.x, y, l, area.width.into(), style);
    }
}

/// Draws an overlay's box over whatever is under `area` and returns the
/// inside of its border.
pub(crate) fn boxed(frame: &mut Frame, block: Block<'_>, area: Rect) -> Rect {
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(block, area);
    Rect::new(
        area.x + 1,
        area.y + 1,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    )
}

/// A pane's border: thick and bold when focused, so focus shows without
/// colour too.
pub(crate) fn pane_block<'a>(theme: &Theme, focused: bool) -> Block<'a> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(theme.border(focused))
}

/// Clears the whole width of the rows `area` spans: under an overlay no
/// pane may show beside it (a list's `▶` next to an overlay's row would
/// read as the overlay's selection).
pub(crate) fn clear_rows(frame: &mut Frame, area: Rect) {
    let rows = Rect::new(0, area.y, frame.area().width, area.height).intersection(frame.area());
    frame.render_widget(Clear, rows);
}

/// Draws an overlay's box: clears the rows it spans ([`clear_rows`]),
/// draws `block`, and returns the space inside with a column of padding on
/// each side; `None` when nothing fits.
pub(crate) fn overlay_box(frame: &mut Frame, area: Rect, block: Block) -> Option<Rect> {
    clear_rows(frame, area);
    frame.render_widget(block, area);
    let inner = Rect::new(
        area.x + 2,
        area.y + 1,
        area.width.saturating_sub(4),
        area.height.saturating_sub(2),
    );
    (inner.width > 0 && inner.height > 0).then_some(inner)
}

/// `parts` joined with `sep`, whole parts left out until the line fits
/// `width` columns: from the end, but never `keep` (the first part, which
/// the caller has cut to fit, or the last), so a part is dropped, never cut.
pub(crate) fn fit_parts(parts: &[String], sep: &str, width: usize, keep: Keep) -> String {
    let mut n = parts.len();
    loop {
        let shown: Vec<&str> = match keep {
            Keep::First | Keep::Nothing => parts[..n].iter().map(String::as_str).collect(),
            Keep::Last => parts[..n.saturating_sub(1)]
                .iter()
                .chain(parts.last())
                .map(String::as_str)
                .collect(),
        };
        let line = shown.join(sep);
        let least = if keep == Keep::Nothing { 0 } else { 1 };
        if n <= least || str_width(&line) <= width {
            return line;
        }
        n -= 1;
    }
}

/// Which part [`fit_parts`] never leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// The first.
    First,
    /// The last.
    Last,
    /// None: all may go.
    Nothing,
}

#[cfg(test)]
mod tests {
    use super::{Keep, fit_parts};

    #[test]
    fn parts_are_left_out_whole() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let parts = p(&["2 titles", "1 entity", "40 passages"]);
        assert_eq!(
            fit_parts(&parts, " · ", 80, Keep::Last),
            "2 titles · 1 entity · 40 passages"
        );
        assert_eq!(
            fit_parts(&parts, " · ", 24, Keep::Last),
            "2 titles · 40 passages"
        );
        assert_eq!(fit_parts(&parts, " · ", 5, Keep::Last), "40 passages");
        assert_eq!(
            fit_parts(&parts, " · ", 20, Keep::First),
            "2 titles · 1 entity"
        );
        assert_eq!(fit_parts(&parts, " · ", 5, Keep::First), "2 titles");
        assert_eq!(fit_parts(&parts, " · ", 5, Keep::Nothing), "");
    }
}
