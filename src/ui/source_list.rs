//! The source list pane: a marker for the open article, each title, and a
//! short second column from [`App::source_column`] (words, or the current
//! entity's mentions and a strip showing where in the article they fall).
//! When every article fits in two rows ([`App::list_item_rows`]) a title is
//! wrapped over two rows, the column on the first; otherwise it takes one
//! row, cut with an ellipsis. An article in a subfolder has the folder
//! before its title, dim (`court/2024/ Title`), taking at most half of
//! the title's room. Never changes the selection or the scroll.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::theme::Theme;
use super::{fit, pane_block};
use crate::app::layout::list_inner;
use crate::app::wrap::{str_width, wrap};
use crate::app::{App, Focus};

/// Draws the list into `pane` (border included).
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, pane: Rect) {
    let focused = app.focus == Focus::Sources && app.overlay.is_none();
    let n = app.corpus.articles.len();
    let inner = list_inner(pane);
    let columns: Vec<String> = (0..n).map(|i| app.source_column(i)).collect();
    let col_w = columns.iter().map(|c| str_width(c)).max().unwrap_or(0);
    let width = usize::from(inner.width);
    // marker, space, title, space, column
    let show_col = width >= col_w + 12;
    let mut block = pane_block(theme, focused)
        .title(Line::styled(" Articles ", theme.pane_title(focused)))
        .title_bottom(Line::from(format!(" {}/{} ", app.selected + 1, n)).right_aligned());
    if show_col {
        // The heading (an entity's name can be long) leaves room for
        // " Articles ".
        let room = usize::from(pane.width).saturating_sub(15);
        let heading = fit(&app.source_column_title(), room);
        block = block.title(Line::from(format!(" {heading} ")).right_aligned());
    }
    frame.render_widget(block, pane);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let rows = usize::from(inner.height);
    let per = app.list_item_rows(rows);
    let offset = app.list_offset(rows);
    let title_w = width - 2 - if show_col { col_w + 1 } else { 0 };
    let buf = frame.buffer_mut();
    for (item, i) in (offset..n).take(rows / per).enumerate() {
        let y = inner.y + (item * per) as u16;
        let a = &app.corpus.articles[i];
        let base = if i == app.selected {
            theme.selected(focused)
        } else {
            theme.text()
        };
        buf.set_style(Rect::new(inner.x, y, inner.width, per as u16), base);
        if i == app.open {
            buf.set_stringn(inner.x, y, "▶", 1, base.patch(theme.open_marker()));
        }
        let folder = folder_prefix(&a.folder, title_w);
        let folder_w = str_width(&folder);
        buf.set_stringn(
            inner.x + 2,
            y,
            &folder,
            folder_w,
            base.patch(theme.list_column()),
        );
        let (x, first_w) = (inner.x + 2 + folder_w as u16, title_w - folder_w);
        if per == 2 {
            let (first, second) = two_rows(&a.title, first_w, width - 2);
            buf.set_stringn(x, y, first, first_w, base);
            buf.set_stringn(inner.x + 2, y + 1, second, width - 2, base);
        } else {
            buf.set_stringn(x, y, fit(&a.title, first_w), first_w, base);
        }
        if show_col {
            let col = &columns[i];
            let x = inner.x + inner.width - str_width(col) as u16;
            buf.set_stringn(x, y, col, col_w, base.patch(theme.list_column()));
        }
    }
}

/// `folder/ ` (sanitised: folder names are untrusted) for an article in a
/// subfolder, cut to half of the title's room `title_w`; empty for one
/// in the dossier folder itself.
pub(super) fn folder_prefix(folder: &str, title_w: usize) -> String {
    if folder.is_empty() {
        return String::new();
    }
    let room = title_w / 2;
    if room < 3 {
        return String::new();
    }
    let shown = format!("{}/", crate::core::text::sanitise(folder));
    format!("{} ", fit(&shown, room - 1))
}

/// A title over two rows, `first` and `second` columns wide: the first
/// row breaks at a word boundary, the second holds the rest, cut with `…`
/// if it is still too long.
fn two_rows(title: &str, first: usize, second: usize) -> (String, String) {
    let lines = wrap(title, first.max(1));
    let Some(head) = lines.first().filter(|_| first > 0) else {
        return (String::new(), fit(title, second));
    };
    let rest = lines.get(1).map_or("", |r| &title[r.start..]);
    (
        fit(&title[head.clone()], first),
        fit(rest.trim_end(), second),
    )
}

#[cfg(test)]
mod tests {
    use super::{folder_prefix, two_rows};

    #[test]
    fn a_folder_takes_half_of_the_room_at_most() {
        assert_eq!(folder_prefix("", 40), "");
        assert_eq!(folder_prefix("court", 40), "court/ ");
        assert_eq!(folder_prefix("court/2024-hearings", 20), "court/20… ");
        assert_eq!(folder_prefix("court", 5), "");
        assert!(!folder_prefix("a\u{1b}]0;x", 40).contains('\u{1b}'));
    }

    #[test]
    fn titles_break_at_words_and_only_the_second_row_is_cut() {
        let t = "Russia seals the demise of Nagorno-Karabakh";
        assert_eq!(
            two_rows(t, 17, 22),
            ("Russia seals the".into(), "demise of Nagorno-Kar…".into())
        );
        assert_eq!(
            two_rows(t, 30, 36),
            (
                "Russia seals the demise of".into(),
                "Nagorno-Karabakh".into()
            )
        );
        assert_eq!(two_rows("Short", 17, 22), ("Short".into(), String::new()));
        assert_eq!(two_rows("", 17, 22), (String::new(), String::new()));
    }
}
