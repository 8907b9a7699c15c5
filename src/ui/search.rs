//! The search bar: the query line on the bottom row (the mode label, `/`
//! and the ratatui-textarea), and the results over the reading pane —
//! matching titles, entities, then passages (passage number and article
//! title, then the best sentence with the matched characters highlighted),
//! the selected result reversed.

use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Clear;

use super::theme::Theme;
use super::{Keep, boxed, fit, fit_parts, pane_block};
use crate::app::count::plural;
use crate::app::search_bar::{Item, SearchBar};
use crate::app::wrap::{fitting_prefix, grapheme_width, graphemes, is_break_space, str_width};
use crate::app::{App, HighlightKind};

/// Draws the results into `area` and the query line into `status`.
pub fn draw(
    app: &App,
    bar: &SearchBar,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
    status: Rect,
) {
    draw_results(app, bar, theme, frame, area);
    draw_line(bar, theme, frame, status);
}

/// The bottom row: ` SEARCH ` then `/` and the text with its cursor.
fn draw_line(bar: &SearchBar, theme: &Theme, frame: &mut Frame, row: Rect) {
    if row.width == 0 || row.height == 0 {
        return;
    }
    frame.render_widget(Clear, row);
    let buf = frame.buffer_mut();
    let x = buf
        .set_stringn(row.x, row.y, " SEARCH ", row.width.into(), theme.mode())
        .0;
    let x = buf.set_stringn(x + 1, row.y, "/", 1, theme.title()).0;
    if x >= row.right() {
        return;
    }
    let mut line = bar.line.textarea().clone();
    line.set_style(theme.text());
    line.set_cursor_style(theme.cursor());
    line.set_placeholder_style(theme.hints());
    frame.render_widget(&line, Rect::new(x, row.y, row.right() - x, 1));
}

/// What the list's bottom border says: how many of each, or a message.
fn summary(app: &App, bar: &SearchBar, width: usize) -> String {
    if let Some(m) = app.message() {
        return m.text.clone();
    }
    if bar.searching() {
        return "searching…".to_string();
    }
    let Some(r) = &bar.results else {
        return "type to search".to_string();
    };
    let n = r.passages.len();
    let more = if n >= crate::app::search::LIVE_PASSAGES {
        "+"
    } else {
        ""
    };
    let mut parts = Vec::new();
    // For a pasted text (cut for ranking) that it was cut says more than
    // which of its words were found together.
    let partial = r.cut.is_none() && r.best_matched > 0;
    if partial && r.words > 1 && r.best_matched < r.words {
        // Partial matches: no passage has every word.
        parts.push(format!("best {} of {} words", r.best_matched, r.words));
    }
    if partial && !r.unmatched.is_empty() {
        let words: Vec<String> = r.unmatched.iter().map(|w| format!("“{w}”")).collect();
        parts.push(format!("no {}", words.join(" ")));
    }
    if let Some((kept, of)) = r.cut {
        // A pasted paragraph: say that it was cut for ranking.
        parts.push(format!("long query: {kept} distinctive of {of} words"));
    }
    if !r.titles.is_empty() {
        parts.push(format!(
            "{} title{}",
            r.titles.len(),
            plural(r.titles.len())
        ));
    }
    if !bar.entities.is_empty() {
        parts.push(format!(
            "{} entit{}",
            bar.entities.len(),
            if bar.entities.len() == 1 { "y" } else { "ies" }
        ));
    }
    parts.push(format!("{n}{more} passage{}", plural(n)));
    // Whole parts go from the end, never the last (the count).
    fit_parts(&parts, " · ", width, Keep::Last)
}

fn draw_results(app: &App, bar: &SearchBar, theme: &Theme, frame: &mut Frame, area: Rect) {
    // The bottom border: the summary on the right; while the folder is
    // still read, the partial note on the left, and the summary gets the
    // room that is left.
    let note = app.partial_note();
    let room = usize::from(area.width.saturating_sub(4))
        .saturating_sub(note.as_deref().map_or(0, |n| str_width(n) + 3));
    let mut block = pane_block(theme, true)
        .title(Line::styled(" Search ", theme.pane_title(true)))
        .title(Line::from(" Enter go · Esc back ").right_aligned())
        .title_bottom(
            Line::from(format!(" {} ", fit(&summary(app, bar, room), room))).right_aligned(),
        );
    if let Some(note) = note {
        block = block.title_bottom(Line::from(format!(" {note} ")).left_aligned());
    }
    let inner = boxed(frame, block, area);
    if inner.width < 4 || inner.height == 0 {
        return;
    }
    let items = bar.items();
    if items.is_empty() {
        let msg = match (&bar.results, bar.text().trim().is_empty()) {
            (_, true) => {
                "Words in any order; \"a phrase\", 'exact, ^prefix, !not. Up: earlier searches"
            }
            (Some(_), false) if !bar.searching() => "Nothing matches; Backspace edits the query",
            _ => "",
        };
        let w = usize::from(inner.width);
        frame
            .buffer_mut()
            .set_stringn(inner.x, inner.y, fit(msg, w), w, theme.hints());
        return;
    }
    let heights: Vec<u16> = items
        .iter()
        .map(|i| if matches!(i, Item::Passage(_)) { 2 } else { 1 })
        .collect();
    let first = first_shown(&heights, bar.cursor.selected, inner.height);
    let buf = frame.buffer_mut();
    let mut y = inner.y;
    for (i, item) in items.iter().enumerate().skip(first) {
        if y + heights[i] > inner.bottom() {
            break;
        }
        let selected = i == bar.cursor.selected;
        draw_item(
            app,
            item,
            theme,
            buf,
            Rect::new(inner.x, y, inner.width, heights[i]),
            selected,
        );
        y += heights[i];
    }
}

/// The first item to show so that the selected one fits in `rows` rows.
fn first_shown(heights: &[u16], selected: usize, rows: u16) -> usize {
    let mut first = 0;
    loop {
        let used: u16 = heights[first..=selected.min(heights.len().saturating_sub(1))]
            .iter()
            .sum();
        if used <= rows || first >= selected {
            return first;
        }
        first += 1;
    }
}

fn draw_item(app: &App, item: &Item<'_>, theme: &Theme, buf: &mut Buffer, r: Rect, selected: bool) {
    let w = usize::from(r.width);
    let base = if selected {
        theme.selected(true)
    } else {
        theme.text()
    };
    let hl = base.patch(theme.highlight(HighlightKind::SearchHit));
    buf.set_style(r, base);
    match item {
        Item::Title(a, ranges) => {
            let Some(article) = app.corpus.articles.get(*a) else {
                return;
            };
            let x = buf.set_stringn(r.x, r.y, "▸ ", w, base).0;
            let room = usize::from(r.right().saturating_sub(x));
            put(
                buf,
                x,
                r.y,
                &article.title,
                ranges,
                room,
                base.patch(theme.title()),
                hl,
            );
        }
        Item::Entity(m) => {
            let Some(e) = app.entities.entity(m.id) else {
                return;
            };
            let x = buf.set_stringn(r.x, r.y, "◆ ", w, base).0;
            let room = usize::from(r.right().saturating_sub(x));
            let (name, name_hl): (&str, &[Range<usize>]) = match &m.alias {
                Some(_) => (&e.name, &[]),
                None => (&e.name, &m.ranges),
            };
            let x = put(
                buf,
                x,
                r.y,
                name,
                name_hl,
                room,
                base.patch(theme.title()),
                hl,
            );
            let mut x = x;
            if let Some(alias) = &m.alias {
                let room = usize::from(r.right().saturating_sub(x));
                x = buf.set_stringn(x, r.y, " · ", room, base).0;
                let room = usize::from(r.right().saturating_sub(x));
                x = put(buf, x, r.y, alias, &m.ranges, room, base, hl);
            }
            let room = usize::from(r.right().saturating_sub(x));
            let tail = format!(
                "  {} · {} mention{}",
                e.kind,
                e.mentions,
                plural(e.mentions)
            );
            buf.set_stringn(x, r.y, fit(&tail, room), room, base.patch(theme.meta()));
        }
        Item::Passage(hit) => {
            let Some(article) = app.corpus.articles.get(hit.article) else {
                return;
            };
            let folder = super::source_list::folder_prefix(&article.folder, w);
            let head = format!("¶ {} · {folder}{}", hit.passage, article.title);
            buf.set_stringn(r.x, r.y, fit(&head, w), w, base.patch(theme.meta()));
            let sentence = article.text.get(hit.sentence.clone()).unwrap_or("");
            let ranges: Vec<Range<usize>> = hit
                .matches
                .iter()
                .filter(|m| m.start >= hit.sentence.start && m.end <= hit.sentence.end)
                .map(|m| m.start - hit.sentence.start..m.end - hit.sentence.start)
                .collect();
            let (text, ranges) = around_first_match(sentence, &ranges, w);
            put(
                buf,
                r.x + 2,
                r.y + 1,
                &text,
                &ranges,
                w.saturating_sub(2),
                base,
                hl,
            );
        }
    }
}

/// The part of `text` to show in `width` columns so that the first match
/// is on screen: when it would end past the edge, from a word start a
/// third of the width before it, with `…` in front. Ranges move with the
/// text.
fn around_first_match(
    text: &str,
    ranges: &[Range<usize>],
    width: usize,
) -> (String, Vec<Range<usize>>) {
    let Some(first) = ranges.first() else {
        return (text.to_string(), Vec::new());
    };
    let upto = |end: usize| -> usize { str_width(text.get(..end.min(text.len())).unwrap_or(text)) };
    if upto(first.end) < width {
        return (text.to_string(), ranges.to_vec());
    }
    // Start about a third of the width before the match, at a word.
    let mut start = first.start;
    let mut cols = 0;
    for (i, g) in graphemes(&text[..first.start]).rev() {
        cols += grapheme_width(g);
        if cols > width / 3 {
            break;
        }
        start = i;
    }
    if let Some(space) = text[start..first.start].find(' ') {
        start += space + 1;
    }
    let shown = format!("…{}", &text[start..]);
    let shift = start as isize - '…'.len_utf8() as isize;
    let moved = ranges
        .iter()
        .filter(|r| r.start >= start)
        .map(|r| (r.start as isize - shift) as usize..(r.end as isize - shift) as usize)
        .collect();
    (shown, moved)
}

/// Writes `text` at (x, y) in at most `width` columns, the byte `ranges` in
/// `hl`, the rest in `style`, with `…` when cut; returns the column after.
#[allow(clippy::too_many_arguments)]
fn put(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    text: &str,
    ranges: &[Range<usize>],
    width: usize,
    style: Style,
    hl: Style,
) -> u16 {
    let (end, cut) = fitting_prefix(text, width, false);
    let mut col = x;
    for (i, g) in graphemes(&text[..end]) {
        let g = match g.chars().next() {
            Some(c) if is_break_space(c) => " ",
            _ => g,
        };
        let cw = grapheme_width(g);
        let s = if ranges.iter().any(|r| r.contains(&i)) {
            hl
        } else {
            style
        };
        buf.set_stringn(col, y, g, cw.max(1), s);
        col += cw as u16;
    }
    if cut && width > 0 {
        buf.set_stringn(col, y, "…", 1, style);
        col += 1;
    }
    col
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::single_range_in_vec_init)]
    fn the_first_match_is_brought_into_view() {
        let text = "one two three four five six seven eight nine ten eleven twelve lachin corridor";
        let at = text.find("seven").unwrap();
        let seven = [at..at + 5];
        assert_eq!(around_first_match(text, &seven, 40).0, text);
        let at = text.find("lachin").unwrap();
        let (shown, ranges) = around_first_match(text, &[at..at + 6], 30);
        assert!(shown.starts_with('…'), "{shown}");
        assert_eq!(&shown[ranges[0].clone()], "lachin");
        let (same, r) = around_first_match("lachin here", &[0..6], 30);
        assert_eq!((same.as_str(), r), ("lachin here", vec![0..6]));
    }

    #[test]
    fn the_selected_item_stays_in_view() {
        let h = [1, 1, 2, 2, 2, 2];
        assert_eq!(first_shown(&h, 0, 4), 0);
        assert_eq!(first_shown(&h, 3, 4), 2);
        assert_eq!(first_shown(&h, 5, 4), 4);
        assert_eq!(first_shown(&h, 5, 1), 5);
    }
}
