//! The reading view's movement: scrolling, the passage cursor, switching
//! articles, the jump list and copying a passage.
//!
//! The position in each article is kept as a passage index and the byte
//! shown at the top of the pane, never as a line number, so it survives
//! re-wrapping at another width (a resize) and restarts. Lines come from
//! [`Wrapped`], which is recomputed here (never while drawing) whenever the
//! article or the width changes.

use super::action::Action;
use super::cite::citation;
use super::effect::Effect;
use super::jumps::Location;
use super::notice::Level;
use super::state::App;
use super::wrap::Wrapped;

impl App {
    /// The passage cursor in the open article (0-based).
    pub fn cursor(&self) -> usize {
        self.positions.get(self.open).map_or(0, |p| p.passage)
    }

    /// The first wrapped line shown in the reading pane.
    pub fn scroll(&self) -> usize {
        let top = self.positions.get(self.open).map_or(0, |p| p.top);
        self.view.line_at(top)
    }

    /// Rows of text the reading pane shows (at least 1).
    pub fn text_height(&self) -> usize {
        usize::from(self.reader_areas().text.height).max(1)
    }

    /// The last line that can be at the top.
    fn max_scroll(&self) -> usize {
        self.view.lines.len().saturating_sub(self.text_height())
    }

    /// How far down the open article the view is, 0 to 100.
    pub fn percent(&self) -> usize {
        let max = self.max_scroll();
        (self.scroll().min(max) * 100)
            .checked_div(max)
            .unwrap_or(100)
    }

    /// Where the reader is now.
    pub(super) fn here(&self) -> Location {
        self.positions.get(self.open).copied().unwrap_or(Location {
            article: self.open,
            passage: 0,
            top: 0,
        })
    }

    /// Re-wraps the open article if the article or the width changed, and
    /// keeps the position valid.
    pub(super) fn rewrap(&mut self) {
        let Some(article) = self.corpus.articles.get(self.open) else {
            return;
        };
        let width = self.reader_areas().wrap_width();
        // Too small to show text: keep the lines as they are rather than
        // wrap a long article to one column.
        if width == 0 && self.view.article == self.open {
            return;
        }
        if self.view.article != self.open || self.view.width != width.max(1) {
            self.view = Wrapped::new(self.open, article, width);
        }
        let line = self.scroll();
        self.set_scroll(line);
    }

    /// Puts line `line` (clamped) at the top of the pane.
    fn set_scroll(&mut self, line: usize) {
        let line = line.min(self.max_scroll());
        let top = self.view.anchor(line);
        if let Some(p) = self.positions.get_mut(self.open) {
            p.top = top;
        }
    }

    /// Scrolls by `delta` lines; the passage cursor stays on screen.
    pub(super) fn scroll_by(&mut self, delta: isize) {
        let line = self.scroll().saturating_add_signed(delta);
        self.set_scroll(line);
        self.keep_cursor_visible();
    }

    /// Moves the passage cursor onto the screen if scrolling left it off.
    fn keep_cursor_visible(&mut self) {
        let (s, h) = (self.scroll(), self.text_height());
        let Some(r) = self.view.passage_lines.get(self.cursor()).cloned() else {
            return;
        };
        let shown = s..(s + h).min(self.view.lines.len());
        let pick = if r.end <= s {
            self.view.lines[shown].iter().find_map(|l| l.passage)
        } else if r.start >= s + h {
            self.view.lines[shown].iter().rev().find_map(|l| l.passage)
        } else {
            None
        };
        if let Some(p) = pick {
            self.positions[self.open].passage = p;
        }
    }

    /// Scrolls to the passage cursor if no line of it is on screen (after
    /// a resize).
    pub(super) fn keep_cursor_on_screen(&mut self) {
        let Some(r) = self.view.passage_lines.get(self.cursor()).cloned() else {
            return;
        };
        let (s, h) = (self.scroll(), self.text_height());
        if r.end <= s || r.start >= s + h {
            self.show_passage(self.cursor());
        }
    }

    /// Shows passage `p`: nothing moves if it is all on screen; otherwise
    /// it is brought to the top, where reading goes on.
    fn show_passage(&mut self, p: usize) {
        let Some(r) = self.view.passage_lines.get(p).cloned() else {
            return;
        };
        let (s, h) = (self.scroll(), self.text_height());
        if r.start < s || r.end > s + h {
            self.set_scroll(r.start);
        }
    }

    /// Scrolling keys in the reading pane.
    pub(super) fn move_reader(&mut self, action: Action) -> Option<Effect> {
        let h = self.text_height() as isize;
        let page = (h - 2).max(1);
        let half = (h / 2).max(1);
        match action {
            Action::Down => self.scroll_by(1),
            Action::Up => self.scroll_by(-1),
            Action::PageDown => self.scroll_by(page),
            Action::PageUp => self.scroll_by(-page),
            Action::HalfPageDown => self.scroll_by(half),
            Action::HalfPageUp => self.scroll_by(-half),
            Action::Top | Action::Bottom => {
                let here = self.here();
                let last = self
                    .article()
                    .map_or(0, |a| a.passages.len().saturating_sub(1));
                let (line, passage) = if action == Action::Top {
                    (0, 0)
                } else {
                    (usize::MAX, last)
                };
                self.set_scroll(line);
                self.positions[self.open].passage = passage;
                if self.here() != here {
                    self.jumps.record(here);
                }
            }
            _ => {}
        }
        None
    }

    /// Moves the passage cursor by `delta` passages.
    pub(super) fn step_passage(&mut self, delta: isize) -> Option<Effect> {
        let n = self.article().map_or(0, |a| a.passages.len());
        if n == 0 {
            return None;
        }
        let cur = self.cursor();
        let next = cur.saturating_add_signed(delta).min(n - 1);
        if next == cur {
            let which = if delta > 0 { "last" } else { "first" };
            self.notify(format!("This is the {which} passage"), Level::Info);
        }
        self.positions[self.open].passage = next;
        self.show_passage(next);
        None
    }

    /// Opens article `ix` at its remembered position (a jump).
    pub fn open_article(&mut self, ix: usize) -> Option<Effect> {
        if ix >= self.corpus.articles.len() || ix == self.open {
            self.selected = self.open;
            return None;
        }
        self.jumps.record(self.here());
        self.go(self.positions[ix]);
        Some(Effect::SaveState)
    }

    /// Opens the article `delta` places away from the open one.
    pub(super) fn step_article(&mut self, delta: isize) -> Option<Effect> {
        let n = self.corpus.articles.len();
        let next = self.open.saturating_add_signed(delta);
        if next >= n || (delta < 0 && self.open == 0) {
            let which = if delta > 0 { "last" } else { "first" };
            self.notify(format!("This is the {which} article"), Level::Info);
            return None;
        }
        self.open_article(next)
    }

    /// Shows a location without recording a jump.
    fn go(&mut self, loc: Location) {
        if loc.article != self.open {
            self.drop_selection();
        }
        if let Some(p) = self.positions.get_mut(loc.article) {
            *p = loc;
        }
        self.open = loc.article;
        self.selected = loc.article;
        self.rewrap();
    }

    pub(super) fn jump_back(&mut self) -> Option<Effect> {
        match self.jumps.back(self.here()) {
            Some(loc) => self.jump_effect(loc),
            None => {
                self.notify("No earlier place in the jump list", Level::Info);
                None
            }
        }
    }

    pub(super) fn jump_forward(&mut self) -> Option<Effect> {
        match self.jumps.forward() {
            Some(loc) => self.jump_effect(loc),
            None => {
                self.notify("No later place in the jump list", Level::Info);
                None
            }
        }
    }

    fn jump_effect(&mut self, loc: Location) -> Option<Effect> {
        let switched = loc.article != self.open;
        self.go(loc);
        self.resync_mention();
        self.resync_hit();
        switched.then_some(Effect::SaveState)
    }

    /// Jumps to byte `at` of article `article`'s text (a search hit, a
    /// mention, a bookmark): records a jump, opens the article, puts the
    /// passage cursor on the passage holding `at` and scrolls so that the
    /// line holding it is shown, a third of the way down if it was off
    /// screen. Returns [`Effect::SaveState`] when the article changed.
    pub fn jump_to(&mut self, article: usize, at: usize) -> Option<Effect> {
        let a = self.corpus.articles.get(article)?;
        let passage = a.passage_at(at).map_or(0, |p| p.number.saturating_sub(1));
        let here = self.here();
        let switched = article != self.open;
        let mut loc = self.positions[article];
        loc.passage = passage;
        self.go(loc);
        let line = self.view.line_at(at);
        let (s, h) = (self.scroll(), self.text_height());
        if line < s || line >= s + h {
            self.set_scroll(line.saturating_sub(h / 3));
        }
        if self.here() != here {
            self.jumps.record(here);
        }
        switched.then_some(Effect::SaveState)
    }

    /// `y`: the passage under the cursor with its citation, for the
    /// clipboard.
    pub(super) fn copy_passage(&mut self) -> Option<Effect> {
        let a = self.article()?;
        let Some(p) = a.passages.get(self.cursor()) else {
            self.notify("Nothing to copy: this article has no text", Level::Warning);
            return None;
        };
        let text = citation(a, p);
        let n = p.number;
        self.notify(
            format!("Copied passage {n} with its citation (by OSC 52)"),
            Level::Info,
        );
        Some(Effect::Copy(text))
    }
}
