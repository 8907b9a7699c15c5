//! The terminal backend the reader draws through: crossterm's, with fewer
//! bytes on the wire (what a slow SSH link feels).
//!
//! [`Screen`] keeps a copy of what the terminal shows. ratatui's `Terminal`
//! hands [`Backend::draw`] only the cells that changed since its last frame;
//! applied to the copy they give the new frame, and the screen then decides
//! how to get there in the fewest bytes:
//!
//! * **Scrolling.** When the runtime says that some rows moved
//!   ([`Screen::hint`]: the reading pane scrolled by a line, half a page…),
//!   the rows are scrolled on the terminal itself (a scrolling region,
//!   DECSTBM, then line feeds or reverse index: VT100, understood by every
//!   terminal, tmux, screen and the Linux console), the copy is moved the
//!   same way, and only the cells that still differ are sent — the new
//!   lines and the cells of the other pane in those rows (a scrolling region
//!   spans the whole width). It is used only when that is shorter than
//!   sending the changed cells; a wrong hint costs bytes, never a wrong
//!   screen.
//! * **Encoding.** One SGR sequence per change of style, and only for what
//!   changed; short relative moves (`\r\n`, cursor forward) instead of
//!   absolute ones; a gap of a few unchanged cells is written over instead
//!   of jumped; the style is reset once at the end of a frame, and the
//!   cursor is hidden or shown only when that changes.
//!
//! A clear (a resize, `Ctrl-l`, back from `Ctrl-z`) forgets the copy and
//! the cursor's state: the next frame writes every cell, as ratatui does.
//! This module only encodes frames; it never decides what is drawn.

use std::io::{self, Write};

use ratatui::backend::{Backend, ClearType, CrosstermBackend, IntoCrossterm, WindowSize};
use ratatui::buffer::{Buffer, Cell};
use ratatui::crossterm::style::{Color as CtColor, Colored};
use ratatui::layout::{Position, Rect, Size};
use ratatui::style::{Color, Modifier};
use unicode_width::UnicodeWidthStr;

/// Rows `top..bottom` (screen rows, full width) whose content moved `by`
/// rows up (negative: down) since the last frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    /// The first row of the region.
    pub top: u16,
    /// The row after the last.
    pub bottom: u16,
    /// How far the content moved up (a scroll down the text); negative:
    /// down.
    pub by: i32,
}

/// A cell whose content on the terminal is not known (the second column of
/// a wide character): never equal to a cell of a frame, so it is always
/// written when a frame shows something there. Only ever in the copy of
/// the screen, never sent.
/// (Two private-use characters: a cell of a frame holds one grapheme.)
const UNKNOWN: &str = "\u{10FFFD}\u{10FFFD}";

/// crossterm's backend with a copy of the screen; see the module docs.
pub struct Screen<W: Write> {
    inner: CrosstermBackend<W>,
    /// What the terminal shows.
    shown: Buffer,
    /// Rows that moved since the last frame, for the next draw.
    scrolls: Vec<Scroll>,
    /// Whether the cursor is shown, when known.
    cursor: Option<bool>,
    /// The size, for tests without a terminal.
    fixed: Option<Size>,
}

impl<W: Write> Screen<W> {
    /// Wraps `inner`; the terminal is taken to be blank (a fresh alternate
    /// screen).
    pub fn new(inner: CrosstermBackend<W>) -> Screen<W> {
        let size = inner.size().unwrap_or(Size::new(80, 24));
        Screen {
            inner,
            shown: Buffer::empty(Rect::from((Position::ORIGIN, size))),
            scrolls: Vec::new(),
            cursor: None,
            fixed: None,
        }
    }

    /// A screen of a fixed size, for tests.
    pub fn with_size(inner: CrosstermBackend<W>, width: u16, height: u16) -> Screen<W> {
        let size = Size::new(width, height);
        Screen {
            fixed: Some(size),
            shown: Buffer::empty(Rect::from((Position::ORIGIN, size))),
            ..Screen::new(inner)
        }
    }

    /// The writer under the backend.
    pub fn writer_mut(&mut self) -> &mut W {
        self.inner.writer_mut()
    }

    /// Says that rows moved since the last frame (used by the next draw
    /// only).
    pub fn hint(&mut self, scroll: Scroll) {
        self.scrolls.push(scroll);
    }

    /// Forgets what the terminal shows: it was just cleared.
    fn cleared(&mut self) -> io::Result<()> {
        let size = self.size()?;
        self.shown = Buffer::empty(Rect::from((Position::ORIGIN, size)));
        self.cursor = None;
        self.scrolls.clear();
        Ok(())
    }

    /// Makes sure the copy covers `(x, y)` (ratatui never draws outside the
    /// size it last cleared at; this keeps a mistake from panicking).
    fn cover(&mut self, x: u16, y: u16) {
        let a = self.shown.area;
        if x < a.right() && y < a.bottom() {
            return;
        }
        let area = Rect::new(0, 0, a.right().max(x + 1), a.bottom().max(y + 1));
        let mut bigger = Buffer::empty(area);
        for p in a.positions() {
            bigger[p] = unknown();
        }
        self.shown = bigger;
    }
}

impl<W: Write> Write for Screen<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.inner.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        Write::flush(&mut self.inner)
    }
}

impl<W: Write> Backend for Screen<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let updates: Vec<(u16, u16, &Cell)> = content.collect();
        for &(x, y, _) in &updates {
            self.cover(x, y);
        }
        let mut target = self.shown.clone();
        for (x, y, cell) in updates {
            target[(x, y)] = cell.clone();
        }
        // Cells left unknown and not drawn now: the second column of a
        // wide character that was replaced, blank since.
        for c in &mut target.content {
            if c.symbol() == UNKNOWN {
                *c = Cell::default();
            }
        }
        let out = frame_bytes(&self.shown, &target, &std::mem::take(&mut self.scrolls));
        self.inner.write_all(&out)?;
        self.shown = remembered(target);
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.shown = remembered(Buffer::empty(self.shown.area));
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.cursor != Some(false) {
            self.inner.hide_cursor()?;
            self.cursor = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.cursor != Some(true) {
            self.inner.show_cursor()?;
            self.cursor = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        self.inner.set_cursor_position(position)
    }

    fn clear(&mut self) -> io::Result<()> {
        self.inner.clear()?;
        self.cleared()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.inner.clear_region(clear_type)?;
        match clear_type {
            ClearType::All => self.cleared(),
            // Not used by a full-screen Terminal: forget everything.
            _ => {
                self.shown = remembered(Buffer::empty(self.shown.area));
                for c in &mut self.shown.content {
                    *c = unknown();
                }
                Ok(())
            }
        }
    }

    fn size(&self) -> io::Result<Size> {
        match self.fixed {
            Some(s) => Ok(s),
            None => self.inner.size(),
        }
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        Backend::flush(&mut self.inner)
    }
}

fn unknown() -> Cell {
    let mut c = Cell::default();
    c.set_symbol(UNKNOWN);
    c
}

/// `frame` as the copy of the screen: the columns a wide character covers
/// are unknown (terminals differ in what they keep there).
fn remembered(mut frame: Buffer) -> Buffer {
    let w = usize::from(frame.area.width);
    let mut i = 0;
    while i < frame.content.len() {
        let width = frame.content[i].symbol().width().max(1);
        for j in 1..width {
            if (i % w) + j < w {
                frame.content[i + j] = unknown();
            }
        }
        i += width;
    }
    frame
}

/// The bytes that turn `shown` into `target`: the changed cells, or, when
/// shorter, one of `scrolls` then the cells that still differ.
pub fn frame_bytes(shown: &Buffer, target: &Buffer, scrolls: &[Scroll]) -> Vec<u8> {
    let mut best = cells_bytes(shown, target, None, None);
    for s in scrolls {
        let Some(moved) = scrolled(shown, *s) else {
            continue;
        };
        // The cells are written with the region still set, from where the
        // scroll left the cursor (the row that came in); then it is reset.
        let (mut out, at) = scroll_bytes(*s);
        out.extend(cells_bytes(&moved, target, Some(at), Some(s.bottom - 1)));
        out.extend(b"\x1b[r");
        if out.len() < best.len() {
            best = out;
        }
    }
    best
}

/// `shown` with rows `s.top..s.bottom` moved as `s` says, blank rows coming
/// in; `None` when `s` does not fit the screen or moves nothing.
fn scrolled(shown: &Buffer, s: Scroll) -> Option<Buffer> {
    let a = shown.area;
    let rows = s.bottom.checked_sub(s.top)?;
    let n = s.by.unsigned_abs();
    if s.by == 0 || n >= u32::from(rows) || s.bottom > a.bottom() || a.width == 0 {
        return None;
    }
    let n = n as u16;
    let mut out = shown.clone();
    for y in s.top..s.bottom {
        let from = if s.by > 0 {
            y.checked_add(n).filter(|&f| f < s.bottom)
        } else {
            y.checked_sub(n).filter(|&f| f >= s.top)
        };
        for x in 0..a.width {
            out[(x, y)] = match from {
                Some(f) => shown[(x, f)].clone(),
                None => Cell::default(),
            };
        }
    }
    Some(out)
}

/// Scrolls rows `s.top..s.bottom` on the terminal: a scrolling region, line
/// feeds at its bottom (or reverse index at its top). The region is left
/// set (`CSI r` resets it); returns where the cursor is, at the start of
/// the row that came in.
fn scroll_bytes(s: Scroll) -> (Vec<u8>, (u16, u16)) {
    let n = s.by.unsigned_abs() as usize;
    let mut out = format!("\x1b[{};{}r", s.top + 1, s.bottom).into_bytes();
    if s.by > 0 {
        out.extend(format!("\x1b[{}H", s.bottom).as_bytes());
        out.extend(std::iter::repeat_n(b'\n', n));
        (out, (0, s.bottom - 1))
    } else {
        out.extend(format!("\x1b[{}H", s.top + 1).as_bytes());
        for _ in 0..n {
            out.extend(b"\x1bM");
        }
        (out, (0, s.top))
    }
}

/// The style a cell is written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    underline: Color,
    modifier: Modifier,
}

impl Pen {
    const PLAIN: Pen = Pen {
        fg: Color::Reset,
        bg: Color::Reset,
        underline: Color::Reset,
        modifier: Modifier::empty(),
    };

    fn of(c: &Cell) -> Pen {
        Pen {
            fg: c.fg,
            bg: c.bg,
            underline: c.underline_color,
            modifier: c.modifier,
        }
    }
}

/// The SGR parameters of each modifier: (flag, on, off).
const MODIFIERS: [(Modifier, &str, &str); 9] = [
    (Modifier::BOLD, "1", "22"),
    (Modifier::DIM, "2", "22"),
    (Modifier::ITALIC, "3", "23"),
    (Modifier::UNDERLINED, "4", "24"),
    (Modifier::SLOW_BLINK, "5", "25"),
    (Modifier::RAPID_BLINK, "6", "25"),
    (Modifier::REVERSED, "7", "27"),
    (Modifier::HIDDEN, "8", "28"),
    (Modifier::CROSSED_OUT, "9", "29"),
];

/// The SGR parameter that sets colour `c` (empty when crossterm writes
/// none: `NO_COLOR`). The sixteen colours of the basic palette are written
/// in their short form (`36` rather than `38;5;6`, `100` rather than
/// `48;5;8`): the same palette entry in every terminal, half the bytes.
fn color_param(kind: fn(CtColor) -> Colored, c: Color) -> String {
    let long = kind(c.into_crossterm()).to_string();
    let short = |prefix: &str, dark: u8, bright: u8| {
        let n: u8 = long.strip_prefix(prefix)?.parse().ok()?;
        match n {
            0..=7 => Some((dark + n).to_string()),
            8..=15 => Some((bright + n - 8).to_string()),
            _ => None,
        }
    };
    short("38;5;", 30, 90)
        .or_else(|| short("48;5;", 40, 100))
        .unwrap_or(long)
}

/// The one SGR sequence that changes the terminal's style from `from` to
/// `to` (nothing when they are the same): what changed, or a reset and
/// what is set, whichever is shorter.
fn sgr(from: Pen, to: Pen, out: &mut Vec<u8>) {
    if from == to {
        return;
    }
    if to == Pen::PLAIN {
        out.extend(b"\x1b[m");
        return;
    }
    // (crossterm writes no colour at all when NO_COLOR is set.)
    let colors = |from: Pen, to: Pen, p: &mut Vec<String>| {
        let changed = [
            (from.fg != to.fg).then(|| color_param(Colored::ForegroundColor, to.fg)),
            (from.bg != to.bg).then(|| color_param(Colored::BackgroundColor, to.bg)),
            (from.underline != to.underline)
                .then(|| color_param(Colored::UnderlineColor, to.underline)),
        ];
        p.extend(changed.into_iter().flatten().filter(|c| !c.is_empty()));
    };
    // What changed.
    let mut changed = Vec::new();
    let removed = from.modifier - to.modifier;
    let mut off: Vec<&str> = MODIFIERS
        .iter()
        .filter(|(m, _, _)| removed.contains(*m))
        .map(|(_, _, off)| *off)
        .collect();
    off.dedup();
    // 22 and 25 turn off two modifiers each: put back the one kept.
    let mut on = to.modifier - from.modifier;
    if off.contains(&"22") {
        on |= to.modifier & (Modifier::BOLD | Modifier::DIM);
    }
    if off.contains(&"25") {
        on |= to.modifier & (Modifier::SLOW_BLINK | Modifier::RAPID_BLINK);
    }
    changed.extend(off.iter().map(|s| s.to_string()));
    changed.extend(
        MODIFIERS
            .iter()
            .filter(|(m, _, _)| on.contains(*m))
            .map(|(_, on, _)| on.to_string()),
    );
    colors(from, to, &mut changed);
    // A reset, then what is set.
    let mut fresh = vec!["0".to_string()];
    fresh.extend(
        MODIFIERS
            .iter()
            .filter(|(m, _, _)| to.modifier.contains(*m))
            .map(|(_, on, _)| on.to_string()),
    );
    colors(Pen::PLAIN, to, &mut fresh);
    if changed.is_empty() {
        return;
    }
    let (a, b) = (changed.join(";"), fresh.join(";"));
    out.extend(b"\x1b[");
    out.extend(if b.len() < a.len() { b } else { a }.as_bytes());
    out.push(b'm');
}

/// The shortest way from the cursor at `at` (when known; its column may be
/// the width, past the last one) to `(x, y)`, with no line feed from row
/// `margin`.
fn move_bytes(at: Option<(u16, u16)>, x: u16, y: u16, margin: Option<u16>, out: &mut Vec<u8>) {
    let forward = |n: u16| match n {
        0 => String::new(),
        1 => "\x1b[C".to_string(),
        n => format!("\x1b[{n}C"),
    };
    let mut best = if x == 0 {
        format!("\x1b[{}H", y + 1)
    } else {
        format!("\x1b[{};{}H", y + 1, x + 1)
    };
    if let Some((ax, ay)) = at {
        let other = if ay == y && x >= ax {
            Some(forward(x - ax))
        } else if y > ay && y - ay <= 3 && !margin.is_some_and(|m| (ay..y).contains(&m)) {
            // Rows below on the screen, above any margin: no line feed
            // scrolls.
            Some(format!(
                "\r{}{}",
                "\n".repeat(usize::from(y - ay)),
                forward(x)
            ))
        } else {
            None
        };
        if let Some(o) = other.filter(|o| o.len() < best.len()) {
            best = o;
        }
    }
    out.extend(best.as_bytes());
}

/// The bytes that write the cells of `target` that differ from `shown`
/// (ratatui's [`Buffer::diff`], which knows wide characters), the style
/// reset at the end; the cursor starts `at` (when known), and a line feed
/// must not leave row `margin` (the bottom of a scrolling region set).
fn cells_bytes(
    shown: &Buffer,
    target: &Buffer,
    mut at: Option<(u16, u16)>,
    margin: Option<u16>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut pen = Pen::PLAIN;
    for (x, y, cell) in shown.diff(target) {
        let p = Pen::of(cell);
        if at != Some((x, y)) {
            // Over a gap in the pen's style, or in the next cell's (whose
            // style is set anyway).
            let over = at.and_then(|a| {
                bridge(target, pen, a, x, y)
                    .map(|gap| (gap, false))
                    .or_else(|| bridge(target, p, a, x, y).map(|gap| (gap, true)))
            });
            match over {
                Some((gap, restyle)) => {
                    if restyle {
                        sgr(pen, p, &mut out);
                        pen = p;
                    }
                    out.extend(gap.as_bytes());
                }
                None => move_bytes(at, x, y, margin, &mut out),
            }
        }
        sgr(pen, p, &mut out);
        pen = p;
        out.extend(cell.symbol().as_bytes());
        // After a wide character the cursor is not trusted. After the
        // last column it waits to wrap (`width`): only a carriage return
        // may follow.
        at = (cell.symbol().width() == 1).then_some((x + 1, y));
    }
    if pen != Pen::PLAIN {
        out.extend(b"\x1b[m");
    }
    out
}

/// The unchanged cells from the cursor at `at` to `(x, y)` on the same
/// row, when writing them again is shorter than moving over them: plain
/// single-column cells all in the style `pen`.
fn bridge(target: &Buffer, pen: Pen, at: (u16, u16), x: u16, y: u16) -> Option<String> {
    let (ax, ay) = at;
    if ay != y || x <= ax || x - ax > 4 {
        return None;
    }
    let mut gap = String::new();
    for gx in ax..x {
        let c = &target[(gx, y)];
        if Pen::of(c) != pen || c.symbol().width() != 1 || c.symbol().len() != 1 {
            return None;
        }
        gap.push_str(c.symbol());
    }
    let forward = if x - ax == 1 { 3 } else { 4 };
    (gap.len() <= forward).then_some(gap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::style::Style;

    /// What the screen wrote.
    #[derive(Clone, Default)]
    struct Sent(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);

    impl Write for Sent {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// Draws `frames` through a screen, each with its scroll hints, and
    /// checks after each that a terminal fed the bytes shows the frame.
    /// Returns the bytes of each frame.
    fn run(frames: &[(Buffer, Vec<Scroll>)]) -> Vec<usize> {
        let area = frames[0].0.area;
        let sent = Sent::default();
        let screen =
            Screen::with_size(CrosstermBackend::new(sent.clone()), area.width, area.height);
        let mut term = Terminal::new(screen).unwrap();
        let nz = |n: u16| std::num::NonZeroU16::new(n).unwrap();
        let mut vt = vt100::Parser::new(nz(area.height), nz(area.width), 0);
        let mut sizes = Vec::new();
        for (buf, scrolls) in frames {
            for s in scrolls {
                term.backend_mut().hint(*s);
            }
            term.draw(|f| f.buffer_mut().merge(buf)).unwrap();
            let bytes = std::mem::take(&mut *sent.0.borrow_mut());
            sizes.push(bytes.len());
            vt.process(&bytes);
            same(buf, vt.screen());
        }
        sizes
    }

    /// Checks that the terminal `vt` shows `buf`: each character, its
    /// colour, bold and reverse.
    fn same(buf: &Buffer, vt: &vt100::Screen) {
        for y in 0..buf.area.height {
            let mut x = 0;
            while x < buf.area.width {
                let (c, v) = (&buf[(x, y)], vt.cell(y, x).unwrap());
                let want = if c.symbol().is_empty() {
                    " "
                } else {
                    c.symbol()
                };
                let got = if v.contents().is_empty() {
                    " "
                } else {
                    v.contents()
                };
                assert_eq!(got, want, "cell {x},{y}");
                assert_eq!(
                    c.modifier.contains(Modifier::BOLD),
                    v.bold(),
                    "bold at {x},{y}"
                );
                let inverse = c.modifier.contains(Modifier::REVERSED);
                assert_eq!(inverse, v.inverse(), "reverse at {x},{y}");
                let fg = match c.fg {
                    Color::Reset => vt100::Color::Default,
                    Color::Indexed(i) => vt100::Color::Idx(i),
                    Color::Cyan => vt100::Color::Idx(6),
                    other => panic!("colour {other:?} not in these tests"),
                };
                assert_eq!(fg, v.fgcolor(), "colour at {x},{y}");
                x += c.symbol().width().max(1) as u16;
            }
        }
    }

    /// A two-pane screen: a list of three items on the left, `lines` of
    /// text from `from` on the right.
    fn panes(lines: &[String], from: usize, w: u16, h: u16) -> Buffer {
        let mut b = Buffer::empty(Rect::new(0, 0, w, h));
        let list = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
        for y in 0..h {
            b.set_string(0, y, "│", list);
            if y < 3 {
                b.set_string(1, y, format!("item {y:02}"), Style::new());
            }
            b.set_string(
                11,
                y,
                &lines[(from + usize::from(y)) % lines.len()],
                Style::new(),
            );
        }
        b.set_string(12, 0, "sel", Style::new().add_modifier(Modifier::REVERSED));
        b
    }

    /// Lines that differ from each other in most columns, some with wide
    /// characters.
    fn text() -> Vec<String> {
        (0..60)
            .map(|i: usize| {
                let letters: String = (0..36)
                    .map(|k: usize| char::from(b'a' + ((i * 7 + k * k * 3) % 26) as u8))
                    .collect();
                if i.is_multiple_of(3) {
                    format!("{}日本{}", &letters[..10], &letters[10..30])
                } else {
                    letters
                }
            })
            .collect()
    }

    #[test]
    fn a_scroll_hint_moves_rows_and_the_screen_stays_right() {
        let t = text();
        let (w, h) = (60, 12);
        let plain = run(&[(panes(&t, 0, w, h), vec![]), (panes(&t, 1, w, h), vec![])]);
        let down = Scroll {
            top: 0,
            bottom: h,
            by: 1,
        };
        let scrolled = run(&[
            (panes(&t, 0, w, h), vec![]),
            (panes(&t, 1, w, h), vec![down]),
            (panes(&t, 4, w, h), vec![Scroll { by: 3, ..down }]),
            (panes(&t, 2, w, h), vec![Scroll { by: -2, ..down }]),
            // A wrong hint: still right, just not cheaper.
            (panes(&t, 9, w, h), vec![Scroll { by: -5, ..down }]),
            (panes(&t, 9, w, h), vec![Scroll { by: 11, ..down }]),
        ]);
        assert!(
            scrolled[1] * 3 < plain[1],
            "a one-line scroll costs {} bytes, a repaint {}",
            scrolled[1],
            plain[1]
        );
    }

    #[test]
    fn a_region_scroll_keeps_the_rows_outside() {
        let t = text();
        let (w, h) = (50, 10);
        let region = Scroll {
            top: 2,
            bottom: 8,
            by: 1,
        };
        let frame = |from: usize| {
            let mut b = panes(&t, 0, w, h);
            for y in 2..8u16 {
                let line = format!("{:<38}", t[from + usize::from(y)]);
                b.set_string(11, y, line, Style::new());
            }
            // Just under the region: reached from its last row by a
            // cursor move that must not be a line feed (it would scroll).
            b.set_string(1, 8, format!("{from}"), Style::new());
            b
        };
        run(&[
            (frame(0), vec![]),
            (frame(1), vec![region]),
            (frame(3), vec![Scroll { by: 2, ..region }]),
            (frame(0), vec![Scroll { by: -3, ..region }]),
        ]);
    }

    #[test]
    fn styles_change_once_per_run_and_gaps_are_written_over() {
        let mut b = Buffer::empty(Rect::new(0, 0, 30, 2));
        b.set_string(0, 0, "a b c d", Style::new());
        b.set_string(10, 0, "xyz", Style::new().fg(Color::Indexed(8)));
        b.set_string(0, 1, "e", Style::new());
        let bytes = cells_bytes(&Buffer::empty(b.area), &b, None, None);
        assert_eq!(
            String::from_utf8(bytes).unwrap(),
            "\x1b[1Ha b c d   \x1b[90mxyz\r\n\x1b[me"
        );
        run(&[(b, vec![])]);
    }

    #[test]
    fn sgr_says_only_what_changed() {
        let mut out = Vec::new();
        let bold = Pen {
            modifier: Modifier::BOLD | Modifier::DIM,
            ..Pen::PLAIN
        };
        sgr(Pen::PLAIN, bold, &mut out);
        assert_eq!(out, b"\x1b[1;2m");
        out.clear();
        sgr(
            bold,
            Pen {
                modifier: Modifier::DIM,
                fg: Color::Indexed(8),
                ..Pen::PLAIN
            },
            &mut out,
        );
        assert_eq!(out, b"\x1b[0;2;90m");
        out.clear();
        sgr(bold, Pen::PLAIN, &mut out);
        assert_eq!(out, b"\x1b[m");
    }

    #[test]
    fn the_sixteen_colours_take_their_short_form() {
        let fg = |c| color_param(Colored::ForegroundColor, c);
        let bg = |c| color_param(Colored::BackgroundColor, c);
        assert_eq!(fg(Color::Indexed(6)), "36");
        assert_eq!(fg(Color::Cyan), "36");
        assert_eq!(fg(Color::LightRed), "91");
        assert_eq!(bg(Color::Indexed(12)), "104");
        assert_eq!(bg(Color::Black), "40");
        assert_eq!(fg(Color::Indexed(100)), "38;5;100");
        assert_eq!(fg(Color::Rgb(1, 2, 3)), "38;2;1;2;3");
        assert_eq!(fg(Color::Reset), "39");
        // The terminal shows the colour the long form names.
        let mut b = Buffer::empty(Rect::new(0, 0, 20, 1));
        b.set_string(
            0,
            0,
            "ab",
            Style::new().fg(Color::Indexed(3)).bg(Color::Indexed(9)),
        );
        b.set_string(2, 0, "cd", Style::new().fg(Color::Indexed(14)));
        run(&[(b, vec![])]);
    }
}
