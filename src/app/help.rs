//! The help overlay: every bound key, grouped, generated from the live
//! [`Keymap`] so it always matches what the keys do: the panes' keys, then
//! the keys each overlay reads itself ([`super::keymap::MODE_KEYS`]). `?`, `Esc` and `q`
//! close it; the movement keys scroll it. On a narrow screen the keys and
//! what they do take a line each, the description wrapped, never cut.

use ratatui::layout::Rect;

use super::action::Action;
use super::keymap::Keymap;
use super::list::Cursor;
use super::step::{Ctx, Step};

/// The state of the open help overlay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpView {
    /// The first line shown.
    pub lines: Cursor,
}

/// One line of the help text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpLine {
    /// A section heading.
    Heading(&'static str),
    /// Keys and what they do.
    Row {
        /// The keys, separated by spaces.
        keys: String,
        /// What the action does.
        label: &'static str,
    },
    /// On a narrow screen: the keys on their own line...
    Keys(String),
    /// ... and what they do on the next lines, indented by
    /// [`LABEL_INDENT`] and wrapped at words.
    Label(String),
    /// Space between sections.
    Blank,
}

/// Below this many columns of help text, keys and labels take a line each.
pub const NARROW: usize = 56;

/// Columns a label is indented by on a narrow screen.
pub const LABEL_INDENT: usize = 4;

/// The columns of help text inside the overlay `area` (border and one
/// column of padding on each side left out).
pub fn text_width(area: Rect) -> usize {
    usize::from(area.width.saturating_sub(4))
}

/// The lines of the help overlay for `keymap`, `width` columns wide.
pub fn help_lines(keymap: &Keymap, width: usize) -> Vec<HelpLine> {
    let mut out = Vec::new();
    for (i, s) in keymap.help_sections().into_iter().enumerate() {
        if i > 0 {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Heading(s.title));
        for r in s.rows {
            let keys = r.keys.join(" ");
            if width < NARROW {
                out.push(HelpLine::Keys(keys));
                let room = width.saturating_sub(LABEL_INDENT).max(1);
                for line in super::wrap::wrap(r.label, room) {
                    out.push(HelpLine::Label(r.label[line].to_string()));
                }
            } else {
                out.push(HelpLine::Row {
                    keys,
                    label: r.label,
                });
            }
        }
    }
    out
}

impl HelpView {
    pub(super) fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        let total = help_lines(ctx.keymap, text_width(ctx.layout.overlay())).len();
        // The rows of help text visible in the overlay (inside its border).
        let page = ctx.overlay_rows(2);
        let max = total.saturating_sub(page);
        match action {
            Action::Help | Action::Cancel | Action::Quit => return Step::close(),
            Action::ForceQuit | Action::Resize { .. } | Action::Redraw => return Step::Pass,
            _ => {}
        }
        // A text view scrolls as a list of its first lines would move.
        self.lines.move_by(action, max + 1, page);
        Step::stay()
    }
}

impl super::step::Room for HelpView {
    fn mode(&self) -> &'static str {
        "HELP"
    }
    fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        HelpView::update(self, ctx, action)
    }
}
