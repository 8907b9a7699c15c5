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
use super::list;
use super::overlay::{Step, passes_through};
use super::state::{App, Effect, Level};
use crate::core::entity::{CoOccurrence, EntityId};

/// The state of the open co-occurrence view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoOccurrenceView {
    /// The entity whose company is shown.
    pub entity: EntityId,
    /// The entities in the same passages, most shared passages first.
    pub rows: Vec<CoOccurrence>,
    /// Index of the selected row.
    pub selected: usize,
}

impl CoOccurrenceView {
    /// Rows the overlay shows at the current size (border left out).
    fn page(app: &App) -> usize {
        usize::from(app.layout().overlay().height.saturating_sub(2)).max(1)
    }

    /// Handles an action while the view is open.
    pub(super) fn update(&mut self, app: &mut App, action: Action) -> Step {
        if let Some(s) = list::moved(self.selected, self.rows.len(), action, Self::page(app)) {
            self.selected = s;
            return Step::Stay(None);
        }
        match action {
            Action::Cancel | Action::Quit | Action::OpenCoOccurrence => Step::Close(None),
            Action::Open => match self.rows.get(self.selected) {
                Some(row) => Step::Close(app.step_through_shared(self.entity, row)),
                None => Step::Stay(None),
            },
            a if passes_through(a) => Step::Pass,
            _ => Step::Stay(None),
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

impl App {
    /// `w`: the entities in the same passages as the current entity.
    pub(super) fn open_co_occurrence(&mut self) -> Option<Effect> {
        let Some(e) = self.current_entity() else {
            let how = self.how_to_follow();
            self.notify(format!("No entity followed: {how}"), Level::Info);
            return None;
        };
        let (id, name) = (e.id, e.name.clone());
        let rows = self.entities.co_occurring(id);
        if rows.is_empty() {
            let text = format!("No other entity is mentioned in the passages that name {name}");
            self.notify(text, Level::Info);
            return None;
        }
        self.overlay = Some(super::Overlay::CoOccurrence(CoOccurrenceView {
            entity: id,
            rows,
            selected: 0,
        }));
        None
    }

    /// Makes the passages `entity` shares with `row.entity` the search
    /// stepped through (`@a @b`), and goes to the first at or after the
    /// passage cursor.
    fn step_through_shared(&mut self, entity: EntityId, row: &CoOccurrence) -> Option<Effect> {
        let name = |id| {
            self.entities
                .entity(id)
                .map_or(String::new(), |e| e.name.clone())
        };
        let (a, b) = (name(entity), name(row.entity));
        let text = format!("{} {}", at_term(&a), at_term(&b));
        let keys =
            [Action::NextMatch, Action::PrevMatch].map(|a| self.keymap.hint(a).unwrap_or_default());
        let n = row.passages.len();
        let note = format!(
            "{} + {}: {n} passage{}; {}/{} step through them",
            a,
            b,
            super::count::plural(n),
            keys[0],
            keys[1]
        );
        self.notify(note, Level::Info);
        let mut effects =
            self.run_known_search(&text, vec![entity, row.entity], row.passages.clone());
        effects.extend(self.step_hit(true));
        Effect::many(effects)
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
