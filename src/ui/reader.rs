//! The reading pane: the title and the metadata line (wrapped, see
//! [`crate::app::header`]), then the open article's wrapped text with the
//! passage marks in the margin and the highlight spans in the text
//! (mentions of the current entity in the title and metadata line too); in
//! the bottom border the passage number, the entities of the passage under
//! the cursor and the scroll position (`42%`).
//!
//! Lines come ready-wrapped from [`App::view`]; this file only cuts them at
//! highlight boundaries and styles the pieces.

use std::ops::Range;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Borders;

use super::theme::Theme;
use super::{fit, pane_block};
use crate::app::header::Field as HeaderField;
use crate::app::layout::{MARGIN, reader_areas, reader_is_alone};
use crate::app::wrap::{is_break_space, str_width};
use crate::app::{App, Focus, Highlight, HighlightKind, MarkKind};
use crate::core::PassageKind;
use crate::core::entity::Field;

/// Draws the reading pane into `pane` (border included).
pub fn draw(app: &App, theme: &Theme, frame: &mut Frame, pane: Rect) {
    let focused = app.focus == Focus::Reader && app.overlay.is_none();
    let mut block = pane_block(theme, focused);
    if reader_is_alone(pane) {
        block = block.borders(Borders::TOP | Borders::BOTTOM);
    }
    let Some(article) = app.article() else {
        frame.render_widget(block, pane);
        return;
    };
    block = block.title_bottom(Line::from(format!(" {}% ", app.percent())).right_aligned());
    if let Some(total) = Some(article.passages.len()).filter(|&n| n > 0) {
        block = block.title_bottom(Line::from(format!(" ¶ {}/{total} ", app.cursor() + 1)));
    }
    // Room between " ¶ 12/34 " on the left and " 100% " on the right.
    let strip = passage_entities(app, theme, usize::from(pane.width).saturating_sub(26));
    if !strip.spans.is_empty() {
        block = block.title_bottom(strip.centered());
    }
    frame.render_widget(block, pane);
    let header = app.header_in(pane);
    let areas = reader_areas(pane, header.rows());
    let buf = frame.buffer_mut();
    let title = app.header_highlights(app.open, Field::Title);
    draw_field(
        buf,
        theme,
        areas.title,
        &header.title,
        &title,
        theme.title(),
    );
    let meta = app.header_highlights(app.open, Field::Meta);
    draw_field(buf, theme, areas.meta, &header.meta, &meta, theme.meta());
    draw_text(app, theme, buf, areas.text);
}

/// The wrapped text, its marks and highlights.
fn draw_text(app: &App, theme: &Theme, buf: &mut Buffer, area: Rect) {
    let Some(article) = app.article() else {
        return;
    };
    if area.width <= MARGIN || area.height == 0 {
        return;
    }
    let view = app.view();
    let mut highlights = app.highlights(app.open);
    highlights.retain(|h| {
        h.range.start < h.range.end
            && h.range.end <= article.text.len()
            && article.text.is_char_boundary(h.range.start)
            && article.text.is_char_boundary(h.range.end)
    });
    highlights.sort_by_key(|h| h.range.start);
    let marks = app.passage_marks(app.open);
    let text_x = area.x + MARGIN;
    let text_w = area.width - MARGIN;
    for (row, line) in view
        .lines
        .iter()
        .skip(app.scroll())
        .take(usize::from(area.height))
        .enumerate()
    {
        let y = area.y + row as u16;
        let Some(pi) = line.passage else {
            continue;
        };
        // Margin: the most important mark of this passage; a bookmark
        // shows on its first line even under the cursor.
        let first_line = view.passage_lines.get(pi).map(|r| r.start) == Some(app.scroll() + row);
        let bookmarked = first_line
            && marks
                .iter()
                .any(|m| m.passage == pi && m.kind == MarkKind::Bookmark);
        if let Some(m) = marks
            .iter()
            .filter(|m| m.passage == pi && (!bookmarked || m.kind == MarkKind::Bookmark))
            .min_by_key(|m| mark_rank(m.kind))
        {
            let (sym, style) = theme.mark(m.kind);
            buf.set_stringn(area.x, y, sym, 1, style);
        }
        let base = match article.passages.get(pi).map(|p| p.kind) {
            Some(PassageKind::Heading) => theme.heading(),
            Some(PassageKind::Quote) => theme.quote(),
            _ => theme.text(),
        };
        let mut x = text_x + line.indent.min(usize::from(text_w)) as u16;
        for (piece, kind) in pieces(line.range.clone(), &highlights) {
            let right = area.x + area.width;
            if x >= right {
                break;
            }
            let style = kind.map_or(base, |k| base.patch(theme.highlight(k)));
            let s: String = article.text[piece]
                .chars()
                .map(|c| if is_break_space(c) { ' ' } else { c })
                .collect();
            x = set(buf, x, y, &s, usize::from(right - x), style);
        }
    }
}

/// One field of the header (title or metadata line) over the rows of
/// `area`, the last cut with `…` if the text goes on; `highlights` are byte
/// ranges of the field's text.
fn draw_field(
    buf: &mut Buffer,
    theme: &Theme,
    area: Rect,
    field: &HeaderField,
    highlights: &[Highlight],
    style: Style,
) {
    let w = usize::from(area.width);
    let rows = usize::from(area.height);
    for row in 0..rows {
        let Some((range, cut)) = field.row(row, rows) else {
            break;
        };
        let y = area.y + row as u16;
        let text = &field.text[range.clone()];
        buf.set_stringn(area.x, y, fit(text, w), w, style);
        // Room for the text itself, the ellipsis left out.
        let room = if cut && str_width(text) > w {
            w.saturating_sub(1)
        } else {
            w
        };
        for h in highlights {
            let (start, end) = (h.range.start.max(range.start), h.range.end.min(range.end));
            let (Some(before), Some(inside)) = (
                field.text.get(range.start..start),
                field.text.get(start..end.max(start)),
            ) else {
                continue;
            };
            let x = str_width(before);
            let len = str_width(inside).min(room.saturating_sub(x));
            if len > 0 {
                let r = Rect::new(area.x + x as u16, y, len as u16, 1);
                buf.set_style(r, style.patch(theme.highlight(h.kind)));
            }
        }
    }
}

/// The entities of the passage under the cursor, for the bottom border:
/// `Russia · Lavrov · EU +2`, the current entity highlighted; at most
/// `room` columns.
fn passage_entities<'a>(app: &App, theme: &Theme, room: usize) -> Line<'a> {
    let found = app.passage_entities();
    let current = app.current_entity().map(|e| e.id);
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 2;
    for (i, e) in found.iter().enumerate() {
        let left = found.len() - i;
        let more = if left > 1 {
            format!(" +{}", left - 1).len()
        } else {
            0
        };
        let sep = if i == 0 { 1 } else { 3 };
        let w = str_width(&e.name);
        // The first name is always shown, cut to fit if it must be (a
        // long name alone must not leave the strip empty).
        let name = if i == 0 && used + sep + w + more > room {
            fit(&e.name, room.saturating_sub(used + sep + more))
        } else {
            e.name.clone()
        };
        let w = str_width(&name);
        if w == 0 || used + sep + w + more > room {
            if i > 0 {
                spans.push(Span::raw(format!(" +{left}")));
            }
            break;
        }
        spans.push(Span::raw(if i == 0 { " " } else { " · " }));
        let style = if Some(e.id) == current {
            theme.highlight(HighlightKind::CurrentMention)
        } else {
            theme.text()
        };
        spans.push(Span::styled(name, style));
        used += sep + w;
    }
    if !spans.is_empty() {
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

/// Cursor first, then bookmark, then selection.
fn mark_rank(kind: MarkKind) -> u8 {
    match kind {
        MarkKind::Cursor => 0,
        MarkKind::Bookmark => 1,
        MarkKind::Selected => 2,
    }
}

fn set(buf: &mut Buffer, x: u16, y: u16, s: &str, max: usize, style: Style) -> u16 {
    buf.set_stringn(x, y, s, max, style).0
}

/// Cuts `line` at highlight boundaries: each piece with the highest kind of
/// the highlights covering it (or none). `highlights` are sorted by start.
fn pieces(
    line: Range<usize>,
    highlights: &[Highlight],
) -> Vec<(Range<usize>, Option<HighlightKind>)> {
    let touching: Vec<&Highlight> = highlights
        .iter()
        .take_while(|h| h.range.start < line.end)
        .filter(|h| h.range.end > line.start)
        .collect();
    if touching.is_empty() {
        return vec![(line, None)];
    }
    let mut cuts = vec![line.start, line.end];
    for h in &touching {
        cuts.push(h.range.start.clamp(line.start, line.end));
        cuts.push(h.range.end.clamp(line.start, line.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let kind = touching
                .iter()
                .filter(|h| h.range.start <= w[0] && h.range.end >= w[1])
                .map(|h| h.kind)
                .max();
            (w[0]..w[1], kind)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_split_at_highlights_and_the_greater_kind_wins() {
        let hs = vec![
            Highlight {
                range: 2..6,
                kind: HighlightKind::SearchHit,
            },
            Highlight {
                range: 4..5,
                kind: HighlightKind::CurrentHit,
            },
            Highlight {
                range: 30..40,
                kind: HighlightKind::Mention,
            },
        ];
        assert_eq!(
            pieces(0..10, &hs),
            vec![
                (0..2, None),
                (2..4, Some(HighlightKind::SearchHit)),
                (4..5, Some(HighlightKind::CurrentHit)),
                (5..6, Some(HighlightKind::SearchHit)),
                (6..10, None),
            ]
        );
        assert_eq!(pieces(10..20, &hs), vec![(10..20, None)]);
        assert_eq!(
            pieces(35..50, &hs),
            vec![(35..40, Some(HighlightKind::Mention)), (40..50, None)]
        );
    }
}
