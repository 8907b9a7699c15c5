//! The note editor box: which passages the note is for, the first words of
//! their text, why the last save failed (when it did: the note stays here
//! until it is saved or discarded), then the text box (ratatui-textarea
//! draws it and its cursor), with the keys in the bottom border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use super::{fit, overlay_box, pane_block};
use crate::app::note::{NoteEditor, NoteTarget};
use crate::app::wrap::{str_width, wrap_lines};
use crate::app::{App, Level};
use crate::core::bookmarks::PassageSpan;

/// Rows the text box may grow to.
const MAX_TEXT_ROWS: u16 = 6;
/// Rows for why the last save failed.
const MAX_ERROR_ROWS: usize = 4;

/// Draws the editor over the panes, centred in `area`.
pub fn draw(app: &App, editor: &NoteEditor, theme: &Theme, frame: &mut Frame, area: Rect) {
    let (what, quote) = subject(app, &editor.target);
    let text_w = usize::from(area.width.saturating_sub(4)).max(1);
    let rows: usize = editor
        .text
        .lines()
        .iter()
        .map(|l| str_width(l).div_ceil(text_w).max(1))
        .sum();
    let text_rows = (rows as u16).clamp(1, MAX_TEXT_ROWS);
    let error: Vec<String> = editor
        .error
        .as_deref()
        .map(|e| wrap_lines(&crate::core::text::sanitise(e), text_w))
        .unwrap_or_default()
        .into_iter()
        .take(MAX_ERROR_ROWS)
        .collect();
    // Border, subject, quote, blank, the error and a blank, text.
    let error_rows = if error.is_empty() {
        0
    } else {
        error.len() as u16 + 1
    };
    let height = (text_rows + 5 + error_rows).min(area.height);
    let area = Rect::new(
        area.x,
        area.y + (area.height - height) / 2,
        area.width,
        height,
    );
    let title = match editor.target {
        NoteTarget::New { .. } => " New bookmark ",
        NoteTarget::Edit { .. } => " Edit the note ",
    };
    let block = pane_block(theme, true)
        .title(Line::styled(title, theme.pane_title(true)))
        .title_bottom(Line::from(" Enter save · Esc cancel ").right_aligned());
    let Some(inner) = overlay_box(frame, area, block) else {
        return;
    };
    let w = usize::from(inner.width);
    let buf = frame.buffer_mut();
    buf.set_stringn(inner.x, inner.y, fit(&what, w), w, theme.title());
    let mut y = inner.y + 1;
    if inner.height > 3 {
        buf.set_stringn(inner.x, y, fit(&quote, w), w, theme.quote());
        y += 2;
    }
    // The error gives way to the text box when the box is short.
    let room = usize::from(inner.bottom().saturating_sub(y + 1));
    if !error.is_empty() && room > error.len() {
        for line in &error {
            buf.set_stringn(inner.x, y, line, w, theme.message(Level::Error));
            y += 1;
        }
        y += 1;
    }
    let text = Rect::new(inner.x, y, inner.width, inner.bottom().saturating_sub(y));
    if text.height > 0 {
        frame.render_widget(&*editor.text, text);
    }
}

/// "Passage 4 of Title" and the start of the passages' text.
fn subject(app: &App, target: &NoteTarget) -> (String, String) {
    let (article, span, quote) = match target {
        NoteTarget::New { article, passages } => {
            let a = app.corpus.articles.get(*article);
            let quote = a
                .and_then(|a| Some(a.passage_text(a.passage(passages.first)?)))
                .unwrap_or_default()
                .to_string();
            (a.map(|a| a.title.clone()), *passages, quote)
        }
        NoteTarget::Edit { id } => match app.bookmarks.find(id) {
            Some((b, anchor)) => {
                let span = anchor.place().map_or(b.passages, |(_, s)| s);
                (Some(b.title.clone()), span, b.quote.exact.clone())
            }
            None => (None, PassageSpan::single(1), String::new()),
        },
    };
    let noun = if span.len() == 1 {
        "Passage"
    } else {
        "Passages"
    };
    let what = match article {
        Some(t) => format!("{noun} {span} of {}", crate::core::text::sanitise(&t)),
        None => format!("{noun} {span}"),
    };
    let quote = crate::core::text::sanitise(&quote).replace(['\n', '\t'], " ");
    (what, format!("“{quote}”"))
}
