//! The hidden-blocks overlay (`H`): what the cleaner left out of the open
//! article when it was read as a copied web page (menus, tickers, share
//! buttons, the page's title line, a byline moved to the metadata line),
//! each block where it stood and why it was hidden. Nothing is lost
//! without a trace: this is the reader's `dossier show --all`.
//!
//! Read-only: it never changes the article, the passages or their
//! numbers. The movement keys scroll it; `H`, `Esc` and `q` close it.

use super::action::Action;
use super::help::text_width;
use super::list::Cursor;
use super::step::{Ctx, Step};
use super::wrap::wrap;
use crate::core::Article;

/// The state of the open overlay.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HiddenView {
    /// The first line shown.
    pub lines: Cursor,
}

/// One line of the overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HiddenLine {
    /// Where a block stood and why it is hidden.
    Heading(String),
    /// A line of its text, wrapped.
    Text(String),
    /// Space between blocks.
    Blank,
}

/// The lines for `article`, `width` columns wide.
pub fn hidden_lines(article: &Article, width: usize) -> Vec<HiddenLine> {
    let mut out = Vec::new();
    if article.hidden.is_empty() {
        out.push(HiddenLine::Text(
            "Nothing of this article is hidden: it is shown as written.".to_string(),
        ));
        return out;
    }
    for (i, h) in article.hidden.iter().enumerate() {
        if i > 0 {
            out.push(HiddenLine::Blank);
        }
        let place = match h.after {
            0 => "before ¶ 1".to_string(),
            n if n >= article.passages.len() => "after the last passage".to_string(),
            n => format!("after ¶ {n}"),
        };
        let heading = format!("{place} · {}", h.reason.describe());
        for r in wrap(&heading, width.max(1)) {
            out.push(HiddenLine::Heading(heading[r].to_string()));
        }
        for r in wrap(&h.text, width.max(1)) {
            out.push(HiddenLine::Text(h.text[r].to_string()));
        }
    }
    out
}

impl HiddenView {
    pub(super) fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        let total = ctx.article().map_or(0, |a| {
            hidden_lines(a, text_width(ctx.layout.overlay())).len()
        });
        let page = ctx.overlay_rows(2);
        let max = total.saturating_sub(page);
        match action {
            Action::ShowHidden | Action::Cancel | Action::Quit => return Step::close(),
            Action::ForceQuit | Action::Resize { .. } | Action::Redraw | Action::Help => {
                return Step::Pass;
            }
            _ => {}
        }
        // A text view scrolls as a list of its first lines would move.
        self.lines.move_by(action, max + 1, page);
        Step::stay()
    }
}

impl super::step::Room for HiddenView {
    fn mode(&self) -> &'static str {
        "HIDDEN"
    }
    fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        HiddenView::update(self, ctx, action)
    }
}
