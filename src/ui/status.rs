//! The status bar: the mode, then the message on screen, or where the
//! reader is among the hits of the search run last (`“lachin” · hit 3/41`),
//! or the current entity and where the reader is among its mentions
//! (`Sergei Lavrov · mention 2/3 · article 2/2`), or short key hints (from
//! the live key map). Hints that do not fit are left out whole, never cut
//! mid-hint.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::fit;
use super::theme::Theme;
use crate::app::wrap::str_width;
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
        Some(s) => Some((s, search_hints(app))),
        None => app.entity_status().map(|s| (s, entity_hints(app))),
    };
    let (text, style) = match (app.message(), stepping) {
        (Some(m), _) => (fit(&m.text, room), theme.message(m.level)),
        (None, Some((status, hints))) if app.overlay.is_none() => {
            (with_hints(&status, &hints, room), theme.text())
        }
        (None, _) => (with_hints("", &hints(app), room), theme.hints()),
    };
    buf.set_stringn(x + 1, area.y, text, room, style);
}

/// `status` (cut with `…` if it alone is too wide), then as many whole
/// hints of `hints` (separated by two spaces) as fit in `room` columns: a
/// hint is dropped, never cut.
pub fn with_hints(status: &str, hints: &str, room: usize) -> String {
    let mut out = fit(status, room);
    let mut used = str_width(&out);
    for hint in hints.split("  ").filter(|h| !h.is_empty()) {
        let sep = if out.is_empty() { 0 } else { 2 };
        let w = str_width(hint);
        if used + sep + w > room {
            break;
        }
        if sep > 0 {
            out.push_str("  ");
        }
        out.push_str(hint);
        used += sep + w;
    }
    out
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

#[cfg(test)]
mod tests {
    use super::with_hints;

    #[test]
    fn hints_are_dropped_whole() {
        let hints = "Enter open  j down  Tab reader  ? help  q quit";
        assert_eq!(with_hints("", hints, 30), "Enter open  j down  Tab reader");
        assert_eq!(with_hints("", hints, 29), "Enter open  j down");
        assert_eq!(with_hints("", hints, 5), "");
        assert_eq!(
            with_hints("Lavrov · mention 2/3", "n/N mentions  Esc stop", 36),
            "Lavrov · mention 2/3  n/N mentions"
        );
        assert_eq!(
            with_hints("Lavrov · mention 2/3", "n/N mentions", 10),
            "Lavrov · …"
        );
    }
}
