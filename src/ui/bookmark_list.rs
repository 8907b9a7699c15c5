//! The bookmark list box: the filter line, the read-only message when the
//! file cannot be saved, then two rows per bookmark — the article title,
//! its passages, the day it was made and its age; the first words of the
//! quote and the note — with the highlighted one in the selection style,
//! and the delete question at the bottom when there is one. The keys are
//! in the status bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use super::{fit, overlay_box, pane_block};
use crate::app::bookmark_list::BookmarkList;
use crate::app::wrap::{str_width, wrap_lines};
use crate::app::{App, Level};
use crate::core::bookmarks::{Anchor, age};
use crate::core::text::sanitise;
use time::OffsetDateTime;

/// Draws the list over the panes in `area`.
pub fn draw(app: &App, list: &BookmarkList, theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = list.rows(&app.bookmarks);
    let total = app.bookmarks.list.len();
    let count = if rows.len() == total {
        format!(" {total} ")
    } else {
        format!(" {} of {total} ", rows.len())
    };
    let block = pane_block(theme, true)
        .title(Line::styled(" Bookmarks ", theme.pane_title(true)))
        .title(Line::from(count).right_aligned());
    let Some(inner) = overlay_box(frame, area, block) else {
        return;
    };
    let w = usize::from(inner.width);
    let buf = frame.buffer_mut();
    let mut y = inner.y;
    let mut bottom = inner.bottom();
    // The filter line.
    let (filter, style) = if list.filtering || !list.filter.is_empty() {
        let cursor = if list.filtering { "▏" } else { "" };
        (format!("/{}{cursor}", list.filter), theme.title())
    } else {
        ("/ filters the quotes and notes".to_string(), theme.hints())
    };
    buf.set_stringn(inner.x, y, fit(&filter, w), w, style);
    y += 1;
    // The read-only reason, on up to three lines.
    if let Some(why) = &app.bookmarks.read_only {
        let text = format!("Read-only: {}", sanitise(why));
        for line in wrap_lines(&text, w).into_iter().take(5) {
            if y >= bottom {
                break;
            }
            buf.set_stringn(inner.x, y, &line, w, theme.message(Level::Error));
            y += 1;
        }
    }
    // The delete question takes the last row.
    if let Some(id) = &list.confirm
        && bottom > y
    {
        bottom -= 1;
        let which = app
            .bookmarks
            .find(id)
            .map(|(b, a)| a.place().map_or(b.passages, |(_, s)| s))
            .map_or_else(String::new, |span| format!(" of ¶{span}"));
        let q = format!("Delete the highlighted bookmark{which}? y deletes it, n keeps it");
        buf.set_stringn(inner.x, bottom, fit(&q, w), w, theme.message(Level::Error));
    }
    y += 1;
    if y >= bottom {
        return;
    }
    if rows.is_empty() {
        let text = if total == 0 {
            "No bookmarks yet: in the reader, m bookmarks the passage under the cursor".to_string()
        } else {
            format!("No bookmark matches “{}”", sanitise(&list.filter))
        };
        buf.set_stringn(inner.x, y, fit(&text, w), w, theme.text());
        return;
    }
    let slots = usize::from((bottom - y) / 2).max(1);
    let selected = list.cursor.selected.min(rows.len() - 1);
    let offset = (selected + 1).saturating_sub(slots);
    // The time the app was told (never the clock: a frame is reproducible).
    let now = app.now();
    for (k, &i) in rows.iter().enumerate().skip(offset).take(slots) {
        if y >= bottom {
            break;
        }
        let b = &app.bookmarks.list[i];
        let anchor = app
            .bookmarks
            .anchors
            .get(i)
            .copied()
            .unwrap_or(Anchor::Orphaned);
        let (title, span) = match anchor.place() {
            Some((ix, span)) => (app.corpus.articles[ix].title.clone(), span),
            None => (b.title.clone(), b.passages),
        };
        let base = if k == selected {
            theme.selected(true)
        } else {
            theme.text()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, 2.min(bottom - y)), base);
        // Row 1: title, passages, the day it was made and how long ago.
        let when = when(b.created, now.unwrap_or(b.created), w);
        let place = if anchor.is_orphaned() {
            format!("¶{span} orphaned")
        } else {
            format!("¶{span}")
        };
        let right = format!("  {place}  {when}");
        let room = w.saturating_sub(str_width(&right));
        let title = fit(&sanitise(&title), room);
        let x = buf
            .set_stringn(inner.x, y, &title, room, base.patch(theme.title()))
            .0;
        let rx = inner.x + (w.saturating_sub(str_width(&right)) as u16).max(x - inner.x);
        let place_style = if anchor.is_orphaned() {
            base.patch(theme.message(Level::Warning))
        } else {
            base
        };
        buf.set_stringn(
            rx,
            y,
            &right,
            w.saturating_sub(usize::from(rx - inner.x)),
            place_style,
        );
        y += 1;
        if y >= bottom {
            break;
        }
        // Row 2: the first words of the quote, then the note.
        let quote = first_words(&sanitise(&b.quote.exact), 6);
        let note = sanitise(&b.note).replace('\n', " / ");
        // The quote's first words; the note gets what it needs, up to half
        // the row.
        let note_w = if note.is_empty() {
            0
        } else {
            (str_width(&note) + 2).min(w / 2)
        };
        let room = w.saturating_sub(2 + note_w);
        let quote = fit(&format!("“{quote}”"), room);
        let x = buf
            .set_stringn(inner.x + 2, y, &quote, room, base.patch(theme.quote()))
            .0;
        let used = usize::from(x - inner.x);
        if !note.is_empty() && used + 3 < w {
            let room = w - used - 2;
            buf.set_stringn(x + 2, y, fit(&note, room), room, base);
        }
        y += 1;
    }
}

/// When a bookmark was made: `2026-12-02 · 3 d ago` (`just now`), the
/// date left out in a list narrower than 60 columns.
fn when(created: OffsetDateTime, now: OffsetDateTime, width: usize) -> String {
    let ago = match age(created, now) {
        a if a == "just now" => a,
        a => format!("{a} ago"),
    };
    if width < 60 {
        return ago;
    }
    let d = created.date();
    format!(
        "{:04}-{:02}-{:02} · {ago}",
        d.year(),
        u8::from(d.month()),
        d.day()
    )
}

/// The first `n` words of `s`, with `…` when there are more.
fn first_words(s: &str, n: usize) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    if words.len() <= n {
        words.join(" ")
    } else {
        format!("{}…", words[..n].join(" "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_words_are_kept() {
        assert_eq!(first_words("a b c", 8), "a b c");
        assert_eq!(first_words("a b c d", 2), "a b…");
    }

    #[test]
    fn when_gives_the_date_and_the_age() {
        let t =
            |s| OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).unwrap();
        let made = t("2026-03-02T10:15:04Z");
        assert_eq!(
            when(made, t("2026-03-05T11:00:00Z"), 74),
            "2026-03-02 · 3 d ago"
        );
        assert_eq!(when(made, made, 74), "2026-03-02 · just now");
        assert_eq!(when(made, t("2026-03-02T12:15:04Z"), 40), "2 h ago");
    }
}
