//! The co-occurrence overlay (`w`, "who is with"): the entities mentioned
//! in the same passages as the followed one, most shared passages first,
//! with how many passages and mentions. `Enter` on one makes its shared
//! passages the search being stepped through, exactly as the query
//! `@followed @other` would: the reader goes to the first of them at or
//! after the passage cursor and `n`/`N` walk the rest (`hit 2/7` in the
//! status bar, `Ctrl-o` back). The rows come from
//! [`crate::core::entity::EntityIndex::co_occurring`]; `ui/cooccurrence.rs`
//! draws them. Nothing here searches text: the passages are known.

use super::action::Action;
use super::hint::Hint::{self, Key as K, Pair};
use super::keymap::Mode;
use super::list::Cursor;
use super::step::{Ctx, Request, Step, passes_through};
use crate::core::entity::{CoOccurrence, EntityId};

/// The state of the open co-occurrence view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoOccurrenceView {
    /// The entity whose company is shown.
    pub entity: EntityId,
    /// The entities in the same passages, most shared passages first.
    pub rows: Vec<CoOccurrence>,
    /// The selected row.
    pub cursor: Cursor,
}

impl CoOccurrenceView {
    /// Handles an action while the view is open.
    pub(super) fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        // Rows the overlay shows at the current size (border left out).
        if self
            .cursor
            .move_by(action, self.rows.len(), ctx.overlay_rows(2))
        {
            return Step::stay();
        }
        match action {
            Action::Cancel | Action::Quit | Action::OpenCoOccurrence => Step::close(),
            Action::Open => match self.rows.get(self.cursor.selected) {
                Some(row) => Step::Close(vec![Request::StepThroughShared {
                    entity: self.entity,
                    with: row.clone(),
                }]),
                None => Step::stay(),
            },
            a if passes_through(a) => Step::Pass,
            _ => Step::stay(),
        }
    }
}

/// `name` as an `@` term of a query: `@Russia`, `@"Lachin corridor"`.
pub fn at_term(name: &str) -> String {
    let name: String = name.chars().filter(|&c| c != '"').collect();
    if name.contains(char::is_whitespace) {
        format!("@\"{name}\"")
    } else {
        format!("@{name}")
    }
}

impl super::step::Room for CoOccurrenceView {
    fn mode(&self) -> &'static str {
        "WITH"
    }
    fn hints(&self) -> &'static [Hint] {
        &[
            Pair(Mode::Panes, Action::Down, Action::Up, "select"),
            K(Mode::Panes, Action::Open, "step through shared passages"),
            K(Mode::Panes, Action::Cancel, "close"),
        ]
    }
    fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        CoOccurrenceView::update(self, ctx, action)
    }
}

#[cfg(test)]
mod tests {
    use super::at_term;

    #[test]
    fn names_become_at_terms() {
        assert_eq!(at_term("Russia"), "@Russia");
        assert_eq!(at_term("Lachin corridor"), "@\"Lachin corridor\"");
        assert_eq!(at_term("the \"Dome\" x"), "@\"the Dome x\"");
    }
}
