//! The status bar: the mode, then the message on screen, or where the
//! reader is among the hits of the search run last (`“lachin” · hit 3/41`),
//! or the current entity and where the reader is among its mentions
//! (`Sergei Lavrov · mention 2/3 · article 2/2`), or how far the reading
//! of a large folder got at start, or short key hints (from the live key
//! map). Hints that do not fit are left out whole, never cut
//! mid-hint.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::theme::Theme;
use super::{Keep, fit, fit_parts, fit_words};
use crate::app::{Action, App, Focus, Mode};

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
        (Some(m), _) => (fit_words(&m.text, room), theme.message(m.level)),
        (None, Some((status, hints))) if app.overlay.is_none() => {
            (with_hints(&status, &hints, room), theme.text())
        }
        // While a large folder is read at start, how far it got.
        (None, _) => match app.loading_line() {
            Some(line) => (with_hints(&line, &hints(app), room), theme.text()),
            None => (with_hints("", &hints(app), room), theme.hints()),
        },
    };
    buf.set_stringn(x + 1, area.y, text, room, style);
}

/// `status` (cut with `…` if it alone is too wide), then as many whole
/// hints of `hints` (separated by two spaces) as fit in `room` columns: a
/// hint is dropped, never cut.
pub fn with_hints(status: &str, hints: &str, room: usize) -> String {
    let status = fit(status, room);
    let keep = if status.is_empty() {
        Keep::Nothing
    } else {
        Keep::First
    };
    let parts: Vec<String> = (!status.is_empty())
        .then_some(status)
        .into_iter()
        .chain(
            hints
                .split("  ")
                .filter(|h| !h.is_empty())
                .map(String::from),
        )
        .collect();
    fit_parts(&parts, "  ", room, keep)
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
        "{}/{} mentions  {} concordance  {} with  {} stop",
        key(Action::NextMatch),
        key(Action::PrevMatch),
        key(Action::OpenConcordance),
        key(Action::OpenCoOccurrence),
        key(Action::Cancel)
    )
}

use crate::app::hint::Hint;
use Hint::{Key as K, Keys, Pair, Text};

const LIST: &[Hint] = &[
    K(Mode::Panes, Action::Open, "open"),
    K(Mode::Panes, Action::Down, "down"),
    K(Mode::Panes, Action::FocusNext, "reader"),
    K(Mode::Panes, Action::Help, "help"),
    K(Mode::Panes, Action::Quit, "quit"),
];
const READER: &[Hint] = &[
    K(Mode::Panes, Action::NextPassage, "passage"),
    K(Mode::Panes, Action::PageDown, "page"),
    K(Mode::Panes, Action::NextArticle, "article"),
    K(Mode::Panes, Action::OpenSearch, "search"),
    K(Mode::Panes, Action::OpenEntityPicker, "entities"),
    K(Mode::Panes, Action::CopyPassage, "copy"),
    K(Mode::Panes, Action::FocusNext, "list"),
    K(Mode::Panes, Action::Help, "help"),
    K(Mode::Panes, Action::Quit, "quit"),
];

/// A key as a hint shows it: arrows as `↑ ↓ ← →`, others by name.
fn shown(key: &crate::app::Key) -> String {
    use crate::app::KeyCode;
    match (key.code, key.ctrl || key.alt) {
        (KeyCode::Up, false) => "↑".into(),
        (KeyCode::Down, false) => "↓".into(),
        (KeyCode::Left, false) => "←".into(),
        (KeyCode::Right, false) => "→".into(),
        _ => key.to_string(),
    }
}

/// The hints, with the keys bound now; a hint whose action has no key is
/// left out.
fn spell(app: &App, hints: &[Hint]) -> String {
    let first = |m, a| app.keymap.keys_in(m, a).first().map(shown);
    hints
        .iter()
        .filter_map(|&h| match h {
            K(m, a, what) => first(m, a).map(|k| format!("{k} {what}")),
            Keys(m, a, what) => {
                let keys: Vec<String> = app.keymap.keys_in(m, a).iter().map(shown).collect();
                (!keys.is_empty()).then(|| format!("{} {what}", keys.join(" or ")))
            }
            Pair(m, a, b, what) => Some(format!("{}/{} {what}", first(m, a)?, first(m, b)?)),
            Text(t) => Some(t.to_string()),
        })
        .collect::<Vec<_>>()
        .join("  ")
}

/// Key hints for the focused pane or the open overlay, with the keys
/// actually bound (never written here: they come from the key map).
pub fn hints(app: &App) -> String {
    let hints = match (&app.overlay, app.focus) {
        (Some(o), _) => o.hints(),
        (None, Focus::Sources) => LIST,
        (None, Focus::Reader) => READER,
    };
    spell(app, hints)
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
