//! The status bar: the mode, then the message on screen, or where the
//! reader is among the hits of the search run last (`“lachin” · hit 3/41`),
//! or the current entity and where the reader is among its mentions
//! (`Sergei Lavrov · mention 2/3 · article 2/2`), or short key hints (from
//! the live key map).

use ratatui::Frame;
use ratatui::layout::Rect;

use super::fit;
use super::theme::Theme;
use crate::app::{Action, App, Focus, Overlay};

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
    // Stepping through search hits, or following an entity.
    let stepping = match app.search_status() {
        Some(s) => Some(format!("{s}  {}", search_hints(app))),
        None => app
            .entity_status()
            .map(|s| format!("{s}  {}", entity_hints(app))),
    };
    let (text, style) = match (app.message(), stepping) {
        (Some(m), _) => (m.text.clone(), theme.message(m.level)),
        (None, Some(status)) if app.overlay.is_none() => (status, theme.text()),
        (None, _) => (hints(app), theme.hints()),
    };
    buf.set_stringn(x + 1, area.y, fit(&text, room), room, style);
}

/// Key hints while stepping through search hits.
pub fn search_hints(app: &App) -> String {
    let key = |a| app.keymap.hint(a).unwrap_or_default();
    format!(
        "{}/{} hits  {} search  {} clear",
        key(Action::NextMatch),
        key(Action::PrevMatch),
        key(Action::OpenSearch),
        key(Action::Cancel)
    )
}

/// Key hints while an entity is followed.
pub fn entity_hints(app: &App) -> String {
    let key = |a| app.keymap.hint(a).unwrap_or_default();
    format!(
        "{}/{} mentions  {} concordance  {} stop",
        key(Action::NextMatch),
        key(Action::PrevMatch),
        key(Action::OpenConcordance),
        key(Action::Cancel)
    )
}

/// Key hints for the focused pane, with the keys actually bound.
pub fn hints(app: &App) -> String {
    match &app.overlay {
        Some(Overlay::Note(_)) => {
            return "Enter save  Alt-Enter or Ctrl-j new line  Esc cancel".into();
        }
        Some(Overlay::Bookmarks(l)) if l.filtering => {
            return "type to filter  Enter go  Esc done".into();
        }
        Some(Overlay::Bookmarks(_)) => {
            let go = app.keymap.hint(Action::Open).unwrap_or_default();
            return format!("{go} go  / filter  e note  d delete  Esc close");
        }
        _ => {}
    }
    let pairs: &[(Action, &str)] = match (&app.overlay, app.focus) {
        (Some(Overlay::EntityPicker(_)), _) => {
            return "type to filter  ↑/↓ select  Enter follow  Esc close".to_string();
        }
        (Some(Overlay::Concordance(_)), _) => &[
            (Action::Down, "down"),
            (Action::Up, "up"),
            (Action::Open, "go"),
            (Action::Cancel, "close"),
        ],
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
            (Action::OpenSearch, "search"),
            (Action::OpenEntityPicker, "entities"),
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
