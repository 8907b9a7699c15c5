//! The concordance overlay: for each article a heading, then one line per
//! mention — passage number, left context right-aligned, the mention (in
//! one column on every line), right context — the selected line reversed;
//! the sort keys in the bottom border.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::fit;
use super::theme::Theme;
use super::{boxed, pane_block};
use crate::app::concordance::{Concordance, Row};
use crate::app::wrap::str_width;
use crate::app::{Action, App, HighlightKind, Mode};
use crate::core::entity::{Field, KwicLine, KwicSort};
use crate::core::text::{head_at_word, tail_at_word};

/// Draws the concordance into `area`.
pub fn draw(app: &App, c: &Concordance, theme: &Theme, frame: &mut Frame, area: Rect) {
    let name = app
        .entities
        .entity(c.entity)
        .map_or("", |e| e.name.as_str());
    // The keys as bound now (the key map's concordance mode).
    let key = |a| app.keymap.hint_in(Mode::Concordance, a).unwrap_or_default();
    let sorts = [
        (key(Action::SortByArticle), KwicSort::Article),
        (key(Action::SortByLeft), KwicSort::Left),
        (key(Action::SortByRight), KwicSort::Right),
    ];
    let mut footer: Vec<Span> = vec![Span::raw(" sort: ")];
    for (k, s) in sorts.into_iter().filter(|(k, _)| !k.is_empty()) {
        let label = format!("{k} {} ", s.label());
        footer.push(if s == c.sort {
            Span::styled(label, theme.selected(true))
        } else {
            Span::raw(label)
        });
    }
    footer.push(Span::raw(format!(
        "· {} go · {} close ",
        key(Action::Open),
        key(Action::Cancel)
    )));
    let block = pane_block(theme, true)
        .title(Line::styled(
            format!(" {name}: {} mentions ", c.lines.len()),
            theme.pane_title(true),
        ))
        .title_bottom(Line::from(footer));
    let inner = boxed(frame, block, area);
    if inner.width < 10 || inner.height == 0 {
        return;
    }
    let rows = c.rows();
    let height = usize::from(inner.height);
    let selected_row = rows
        .iter()
        .position(|r| *r == Row::Line(c.cursor.selected))
        .unwrap_or(0);
    // Keep the selected line on screen, with its article heading when the
    // group fits.
    let offset = selected_row.saturating_sub(height.saturating_sub(1));
    let width = usize::from(inner.width);
    let place_w = 6;
    let left_w = (width.saturating_sub(place_w) * 2 / 5).max(4);
    let buf = frame.buffer_mut();
    for (i, row) in rows.iter().enumerate().skip(offset).take(height) {
        let y = inner.y + (i - offset) as u16;
        match *row {
            Row::Article(a, n) => {
                let id = app.corpus.articles.get(a).map_or("", |a| a.id.as_str());
                let text = format!("── {id} · {n} ");
                let rule = "─".repeat(width.saturating_sub(str_width(&text)));
                let text = fit(&format!("{text}{rule}"), width);
                buf.set_stringn(inner.x, y, text, width, theme.help_heading());
            }
            Row::Line(li) => {
                let Some(line) = c.lines.get(li) else {
                    continue;
                };
                let selected = li == c.cursor.selected;
                let base = if selected {
                    theme.selected(true)
                } else {
                    theme.text()
                };
                buf.set_style(Rect::new(inner.x, y, inner.width, 1), base);
                let place = place_label(line);
                buf.set_stringn(
                    inner.x,
                    y,
                    fit(&place, place_w),
                    place_w,
                    base.patch(theme.hints()),
                );
                // The contexts keep their own spacing ("Lavrov’s", "minister
                // Lavrov"), so the line reads as the text does; the mention
                // starts in the same column on every line.
                // Cut where a word starts (ends, on the right) with `…`, as
                // the core cuts them to `CONTEXT_CHARS` and `dossier mentions`
                // to `--context`.
                let left = tail_at_word(line.left.trim_start(), left_w, str_width);
                let lx = inner.x + (place_w + left_w - str_width(&left)) as u16;
                buf.set_stringn(lx, y, &left, left_w, base);
                let key_x = inner.x + (place_w + left_w) as u16;
                let room = width.saturating_sub(place_w + left_w);
                let key_style = if selected {
                    base
                } else {
                    base.patch(theme.highlight(HighlightKind::CurrentMention))
                };
                let (after, _) =
                    buf.set_stringn(key_x, y, fit(&line.surface, room), room, key_style);
                let rest = usize::from(inner.right().saturating_sub(after));
                if rest > 0 {
                    let right = head_at_word(line.right.trim_end(), rest, str_width);
                    buf.set_stringn(after, y, right, rest, base);
                }
            }
        }
    }
}

/// `¶12`, or `title` / `meta` for the header lines.
fn place_label(line: &KwicLine) -> String {
    match line.mention.field() {
        Field::Body => format!("¶{}", line.mention.passage()),
        Field::Title => "title".to_string(),
        Field::Meta => "meta".to_string(),
    }
}
