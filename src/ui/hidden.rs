//! The hidden-blocks overlay (see [`crate::app::hidden`]): the blocks the
//! cleaner left out of the open article, in a bordered box over the panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use super::{fit, overlay_box, pane_block};
use crate::app::help::text_width;
use crate::app::hidden::{HiddenLine, HiddenView, hidden_lines};
use crate::app::{Action, App};

/// Draws the overlay into `area`.
pub fn draw(app: &App, view: &HiddenView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(article) = app.article() else {
        return;
    };
    let lines = hidden_lines(article, text_width(area));
    let inner_h = usize::from(area.height.saturating_sub(2));
    let scroll = view.lines.selected.min(lines.len().saturating_sub(inner_h));
    let close: Vec<String> = [Action::ShowHidden, Action::Cancel]
        .iter()
        .filter_map(|&a| app.keymap.hint(a))
        .collect();
    let title = format!(" Hidden from this article: {} ", article.hidden.len());
    let block = pane_block(theme, true)
        .title(Line::styled(title, theme.pane_title(true)))
        .title(Line::from(format!(" {} close ", close.join(" "))).right_aligned())
        .title_bottom(
            Line::from(format!(
                " {}-{}/{} ",
                (scroll + 1).min(lines.len()),
                (scroll + inner_h).min(lines.len()),
                lines.len()
            ))
            .right_aligned(),
        );
    let Some(inner) = overlay_box(frame, area, block) else {
        return;
    };
    let width = usize::from(inner.width);
    let buf = frame.buffer_mut();
    for (row, line) in lines.iter().skip(scroll).take(inner_h).enumerate() {
        let y = inner.y + row as u16;
        match line {
            HiddenLine::Heading(t) => {
                buf.set_stringn(inner.x, y, fit(t, width), width, theme.help_heading());
            }
            HiddenLine::Text(t) => {
                buf.set_stringn(inner.x, y, fit(t, width), width, theme.text());
            }
            HiddenLine::Blank => {}
        }
    }
}
