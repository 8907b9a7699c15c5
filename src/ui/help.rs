//! The help overlay: every key, grouped, from the live key map (see
//! [`crate::app::help`]), in a bordered box over the panes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use super::{fit, overlay_box, pane_block};
use crate::app::App;
use crate::app::help::{HelpLine, HelpView, LABEL_INDENT, help_lines, text_width};
use crate::app::wrap::str_width;

/// Draws the help box into `area`.
pub fn draw(app: &App, view: &HelpView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let lines = help_lines(&app.keymap, text_width(area));
    let inner_h = usize::from(area.height.saturating_sub(2));
    let max = lines.len().saturating_sub(inner_h);
    let scroll = view.lines.selected.min(max);
    let close: Vec<String> = [
        crate::app::Action::Help,
        crate::app::Action::Cancel,
        crate::app::Action::Quit,
    ]
    .iter()
    .filter_map(|&a| app.keymap.hint(a))
    .collect();
    let shown = format!(
        " {}-{}/{} ",
        (scroll + 1).min(lines.len()),
        (scroll + inner_h).min(lines.len()),
        lines.len()
    );
    let block = pane_block(theme, true)
        .title(Line::styled(" Keys ", theme.pane_title(true)))
        .title(Line::from(format!(" {} close ", close.join(" "))).right_aligned())
        .title_bottom(Line::from(shown).right_aligned());
    let Some(inner) = overlay_box(frame, area, block) else {
        return;
    };
    let width = usize::from(inner.width);
    let key_w = lines
        .iter()
        .map(|l| match l {
            HelpLine::Row { keys, .. } => str_width(keys),
            _ => 0,
        })
        .max()
        .unwrap_or(0)
        .min(width / 2);
    let buf = frame.buffer_mut();
    for (row, line) in lines.iter().skip(scroll).take(inner_h).enumerate() {
        let y = inner.y + row as u16;
        match line {
            HelpLine::Heading(t) => {
                buf.set_stringn(inner.x, y, fit(t, width), width, theme.help_heading());
            }
            HelpLine::Row { keys, label } => {
                buf.set_stringn(inner.x, y, fit(keys, key_w), key_w, theme.help_key());
                let x = inner.x + key_w as u16 + 2;
                let room = width.saturating_sub(key_w + 2);
                buf.set_stringn(x, y, fit(label, room), room, theme.text());
            }
            HelpLine::Keys(keys) => {
                buf.set_stringn(inner.x, y, fit(keys, width), width, theme.help_key());
            }
            HelpLine::Label(label) => {
                let room = width.saturating_sub(LABEL_INDENT);
                let x = inner.x + LABEL_INDENT as u16;
                buf.set_stringn(x, y, fit(label, room), room, theme.text());
            }
            HelpLine::Blank => {}
        }
    }
}
