//! The co-occurrence overlay: a heading row, then one row per entity
//! mentioned in the same passages as the followed one — kind, name, shared
//! passages, its mentions there, articles — the selected row reversed; the
//! keys (as bound) in the borders.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use super::{boxed, fit, pane_block};
use crate::app::cooccurrence::CoOccurrenceView;
use crate::app::wrap::str_width;
use crate::app::{Action, App};
use crate::core::entity::PassageRef;

/// Draws the view into `area`.
pub fn draw(app: &App, view: &CoOccurrenceView, theme: &Theme, frame: &mut Frame, area: Rect) {
    let name = app
        .entities
        .entity(view.entity)
        .map_or("", |e| e.name.as_str());
    let key = |a| app.keymap.hint(a).unwrap_or_default();
    let block = pane_block(theme, true)
        .title(Line::styled(
            format!(" In the same passages as {name} "),
            theme.pane_title(true),
        ))
        .title_bottom(Line::from(format!(
            " {} go, then n/N · {} close ",
            key(Action::Open),
            key(Action::Cancel)
        )))
        .title_bottom(
            Line::from(format!(
                " {}/{} ",
                view.cursor.selected + 1,
                view.rows.len()
            ))
            .right_aligned(),
        );
    let inner = boxed(frame, block, area);
    if inner.width < 8 || inner.height < 2 {
        return;
    }
    let width = usize::from(inner.width);
    // Columns: kind, name, passages, mentions, articles (narrower on a
    // narrow screen, so the name keeps room).
    let wide = width >= 60;
    let (kind_w, num_w) = if wide { (12, 8) } else { (6, 4) };
    let name_w = width.saturating_sub(kind_w + 3 * num_w + 4);
    let row_text = |kind: &str, name: &str, nums: [&str; 3]| {
        let kind = fit(kind, kind_w);
        let name = fit(name, name_w);
        let pad = name_w.saturating_sub(str_width(&name));
        format!(
            "{kind:<kind_w$} {name}{:pad$} {:>num_w$} {:>num_w$} {:>num_w$}",
            "", nums[0], nums[1], nums[2]
        )
    };
    let header = if wide {
        row_text("KIND", "WITH", ["PASSAGES", "MENTIONS", "ARTICLES"])
    } else {
        row_text("KIND", "WITH", ["PASS", "MENT", "ARTS"])
    };
    let buf = frame.buffer_mut();
    buf.set_stringn(inner.x, inner.y, fit(&header, width), width, theme.hints());
    let rows = usize::from(inner.height - 1);
    let offset = view.cursor.first_shown(rows);
    for (i, row) in view.rows.iter().enumerate().skip(offset).take(rows) {
        let Some(e) = app.entities.entity(row.entity) else {
            continue;
        };
        let y = inner.y + 1 + (i - offset) as u16;
        let style = if i == view.cursor.selected {
            theme.selected(true)
        } else {
            theme.text()
        };
        let nums = [
            row.passages.len().to_string(),
            row.mentions.to_string(),
            articles(&row.passages).to_string(),
        ];
        let text = row_text(e.kind.as_str(), &e.name, [&nums[0], &nums[1], &nums[2]]);
        buf.set_style(Rect::new(inner.x, y, inner.width, 1), style);
        buf.set_stringn(inner.x, y, fit(&text, width), width, style);
    }
}

/// How many articles the passages (in reading order) are in.
fn articles(passages: &[PassageRef]) -> usize {
    let mut n = 0;
    let mut last = None;
    for &(a, _) in passages {
        if last != Some(a) {
            n += 1;
            last = Some(a);
        }
    }
    n
}
