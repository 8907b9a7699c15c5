//! The status bar: the mode, then the message on screen or short key hints
//! (from the live key map), and where the reader is.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::fit;
use super::theme::Theme;
use crate::app::{Action, App, Focus};

/// Draws the one-line status bar into `area`.
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    if area.height == 0 || area.width == 0 {
        return;
    }
    let buf = frame.buffer_mut();
    let width = usize::from(area.width);
    let mode = format!(" {} ", app.mode());
    let x = buf
        .set_stringn(area.x, area.y, &mode, width, theme.mode())
        .0;
    let room = usize::from(area.right().saturating_sub(x + 1));
    let (text, style) = match app.message() {
        Some(m) => (m.text.clone(), theme.message(m.level)),
        None => (hints(app), theme.hints()),
    };
    buf.set_stringn(x + 1, area.y, fit(&text, room), room, style);
}

/// Key hints for the focused pane, with the keys actually bound.
pub fn hints(app: &App) -> String {
    let pairs: &[(Action, &str)] = match (&app.overlay, app.focus) {
        (Some(_), _) => &[(Action::Down, "scroll"), (Action::Cancel, "close")],
        (None, Focus::Sources) => &[
            (Action::Open, "open"),
            (Action::Down, "down"),
            (Action::FocusNext, "reader"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
        (None, Focus::Reader) => &[
            (Action::NextPassage, "passage"),
            (Action::PageDown, "page"),
            (Action::NextArticle, "article"),
            (Action::CopyPassage, "copy"),
            (Action::FocusNext, "list"),
            (Action::Help, "help"),
            (Action::Quit, "quit"),
        ],
    };
    pairs
        .iter()
        .filter_map(|&(a, what)| app.keymap.hint(a).map(|k| format!("{k} {what}")))
        .collect::<Vec<_>>()
        .join("  ")
}
