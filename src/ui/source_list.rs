//! The source list pane: one row per article — a marker for the open one,
//! the title cut with an ellipsis, and a short second column from
//! [`App::source_column`] (words, or the current entity's mentions and a
//! strip showing where in the article they fall).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use super::{fit, pane_block};
use crate::app::layout::list_inner;
use crate::app::wrap::str_width;
use crate::app::{App, Focus};

/// Draws the list into `pane` (border included).
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, pane: Rect) {
    let focused = app.focus == Focus::Sources && app.overlay.is_none();
    let n = app.corpus.articles.len();
    let inner = list_inner(pane);
    let columns: Vec<String> = (0..n).map(|i| app.source_column(i)).collect();
    let col_w = columns.iter().map(|c| str_width(c)).max().unwrap_or(0);
    let width = usize::from(inner.width);
    // marker, space, title, space, column
    let show_col = width >= col_w + 12;
    let mut block = pane_block(theme, focused)
        .title(Line::styled(" Articles ", theme.pane_title(focused)))
        .title_bottom(Line::from(format!(" {}/{} ", app.selected + 1, n)).right_aligned());
    if show_col {
        // The heading (an entity's name can be long) leaves room for
        // " Articles ".
        let room = usize::from(pane.width).saturating_sub(15);
        let heading = fit(&app.source_column_title(), room);
        block = block.title(Line::from(format!(" {heading} ")).right_aligned());
    }
    frame.render_widget(block, pane);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let rows = usize::from(inner.height);
    let offset = app.list_offset(rows);
    let title_w = width - 2 - if show_col { col_w + 1 } else { 0 };
    let buf = frame.buffer_mut();
    for (row, i) in (offset..n).take(rows).enumerate() {
        let y = inner.y + row as u16;
        let a = &app.corpus.articles[i];
        let base = if i == app.selected {
            theme.selected(focused)
        } else {
            theme.text()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
        if i == app.open {
            buf.set_stringn(inner.x, y, "▶", 1, base.patch(theme.open_marker()));
        }
        buf.set_stringn(inner.x + 2, y, fit(&a.title, title_w), title_w, base);
        if show_col {
            let col = &columns[i];
            let x = inner.x + inner.width - str_width(col) as u16;
            buf.set_stringn(x, y, col, col_w, base.patch(theme.list_column()));
        }
    }
}
