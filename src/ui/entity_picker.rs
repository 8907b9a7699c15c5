//! The entity picker overlay: the filter line, then one row per matching
//! entity — kind, name, mentions, articles — the selected row reversed.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use super::{boxed, fit, pane_block};
use crate::app::App;
use crate::app::entity_picker::EntityPicker;
use crate::app::wrap::str_width;

/// Draws the picker into `area`.
pub fn draw(app: &App, picker: &EntityPicker, theme: &Theme, frame: &mut Frame, area: Rect) {
    let total = app.entities.entities().len();
    let mut block = pane_block(theme, true)
        .title(Line::styled(" Entities ", theme.pane_title(true)))
        .title(Line::from(" Enter follow · Esc close ").right_aligned())
        .title_bottom(Line::from(format!(" {}/{total} ", picker.shown.len())).right_aligned());
    if let Some(note) = app.entities_note() {
        block = block.title_bottom(Line::from(format!(" {note} ")).left_aligned());
    }
    let inner = boxed(frame, block, area);
    if inner.width < 8 || inner.height < 3 {
        return;
    }
    let width = usize::from(inner.width);
    let buf = frame.buffer_mut();
    // The filter line, with a block cursor after the text.
    let prompt = format!("› {}", picker.query);
    let x = buf
        .set_stringn(
            inner.x,
            inner.y,
            fit(&prompt, width - 1),
            width - 1,
            theme.text(),
        )
        .0;
    buf.set_stringn(x, inner.y, "▏", 1, theme.title());
    // Columns: kind, name, mentions, articles (narrower on a narrow
    // screen, so the name keeps room).
    let wide = width >= 60;
    let (kind_w, num_w) = if wide { (12, 8) } else { (6, 4) };
    let name_w = width.saturating_sub(kind_w + 2 * num_w + 3);
    let row_text = |kind: &str, name: &str, mentions: &str, articles: &str| {
        let kind = fit(kind, kind_w);
        let name = fit(name, name_w);
        let pad = name_w.saturating_sub(str_width(&name));
        format!(
            "{kind:<kind_w$} {name}{:pad$} {mentions:>num_w$} {articles:>num_w$}",
            ""
        )
    };
    let header = if wide {
        row_text("KIND", "NAME", "MENTIONS", "ARTICLES")
    } else {
        row_text("KIND", "NAME", "MENT", "ARTS")
    };
    buf.set_stringn(
        inner.x,
        inner.y + 1,
        fit(&header, width),
        width,
        theme.hints(),
    );
    let rows = usize::from(inner.height - 2);
    let offset = picker.cursor.first_shown(rows);
    for (row, &id) in picker.shown.iter().enumerate().skip(offset).take(rows) {
        let Some(e) = app.entities.entity(id) else {
            continue;
        };
        let y = inner.y + 2 + (row - offset) as u16;
        let style = if row == picker.cursor.selected {
            theme.selected(true)
        } else {
            theme.text()
        };
        let text = row_text(
            e.kind.as_str(),
            &e.name,
            &e.mentions.to_string(),
            &e.articles.to_string(),
        );
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_stringn(inner.x, y, fit(&text, width), width, style);
    }
    if picker.shown.is_empty() {
        let msg = "No entity matches; Backspace edits the filter";
        buf.set_stringn(inner.x, inner.y + 2, fit(msg, width), width, theme.hints());
    }
}
