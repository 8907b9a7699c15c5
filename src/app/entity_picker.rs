//! The entity picker (`e`): every entity of the corpus — kind, name, total
//! mentions, articles — filtered as you type (fuzzy, on the name and every
//! alias, so "aliev" finds Ilham Aliyev), the most mentioned first. `Enter`
//! makes the selected one the current entity; `Esc` closes.
//!
//! Typed characters go to the filter, so only keys that cannot be text
//! move the selection: arrows, `Ctrl-n`/`Ctrl-p`, PageUp/PageDown,
//! Home/End. State and behaviour only; `ui/entity_picker.rs` draws it.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::action::Action;
use super::key::{Key, KeyCode};
use super::keymap::Mode;
use super::list;
use super::overlay::{Step, passes_through};
use super::state::App;
use crate::core::entity::EntityId;

/// The state of the open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityPicker {
    /// What was typed.
    pub query: String,
    /// The entities that match, best first.
    pub shown: Vec<EntityId>,
    /// Index of the selected row in `shown`.
    pub selected: usize,
}

/// Rows of the picker that are not entities: the filter line and the
/// column headings (plus the border).
pub const CHROME_ROWS: u16 = 4;

impl EntityPicker {
    /// A picker over `app`'s entities, the current one selected.
    pub fn new(app: &App) -> EntityPicker {
        let mut p = EntityPicker {
            query: String::new(),
            shown: Vec::new(),
            selected: 0,
        };
        p.refilter(app);
        if let Some(cur) = app.current_entity().map(|e| e.id) {
            p.selected = p.shown.iter().position(|&id| id == cur).unwrap_or(0);
        }
        p
    }

    /// The selected entity, if any matches.
    pub fn selection(&self) -> Option<EntityId> {
        self.shown.get(self.selected).copied()
    }

    /// Recomputes the matches for the query; the selection goes to the top.
    fn refilter(&mut self, app: &App) {
        let index = &app.entities;
        let matcher = SkimMatcherV2::default().ignore_case();
        let query = self.query.trim();
        // (score, letters the best name has beyond the query, mentions, id):
        // among equally good matches the plain name typed comes first
        // ("lachin": Lachin corridor before Lachin corridor blockade), then
        // the most mentioned.
        let mut scored: Vec<(i64, usize, usize, EntityId)> = index
            .entities()
            .iter()
            .filter_map(|e| {
                let (score, extra) = if query.is_empty() {
                    (0, 0)
                } else {
                    std::iter::once(&e.name)
                        .chain(&e.aliases)
                        .filter_map(|n| {
                            let s = matcher.fuzzy_match(n, query)?;
                            Some((s, n.chars().count().saturating_sub(query.chars().count())))
                        })
                        .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))?
                };
                Some((score, extra, e.mentions, e.id))
            })
            .collect();
        scored.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(a.1.cmp(&b.1))
                .then(b.2.cmp(&a.2))
                .then_with(|| {
                    let name = |id| index.entity(id).map_or("", |e| e.name.as_str());
                    name(a.3).cmp(name(b.3))
                })
        });
        self.shown = scored.into_iter().map(|s| s.3).collect();
        self.selected = 0;
    }

    /// How many entity rows the picker shows at the current size.
    fn page(app: &App) -> usize {
        usize::from(app.layout().overlay().height.saturating_sub(CHROME_ROWS)).max(1)
    }

    /// Moves the selection as `action` says; false if it is no move.
    fn move_on(&mut self, app: &App, action: Action) -> bool {
        match list::moved(self.selected, self.shown.len(), action, Self::page(app)) {
            Some(s) => {
                self.selected = s;
                true
            }
            None => false,
        }
    }

    fn choose(&mut self, app: &mut App) -> Step {
        match self.selection() {
            Some(id) => {
                app.pick_entity(id);
                Step::Close(None)
            }
            None => Step::Stay(None),
        }
    }

    /// Handles an action while the picker is open.
    pub(super) fn update(&mut self, app: &mut App, action: Action) -> Step {
        if self.move_on(app, action) {
            return Step::Stay(None);
        }
        match action {
            Action::Cancel | Action::Quit => Step::Close(None),
            Action::Open => self.choose(app),
            a if passes_through(a) => Step::Pass,
            _ => Step::Stay(None),
        }
    }

    /// Letters typed in a burst: added to the filter at once.
    pub(super) fn type_text(&mut self, app: &App, text: &str) -> Step {
        self.query.push_str(text);
        self.refilter(app);
        Step::Stay(None)
    }

    /// The picker's own keys (Enter follows, Esc closes, arrows move:
    /// [`Mode::Entities`] in the key map); other typed text edits the
    /// filter.
    pub(super) fn key(&mut self, app: &mut App, key: Key) -> Option<Step> {
        if let Some(action) = app.keymap.action_in(Mode::Entities, key) {
            return Some(match action {
                Action::Open => self.choose(app),
                Action::Cancel => Step::Close(None),
                a => {
                    if !self.move_on(app, a) {
                        return None;
                    }
                    Step::Stay(None)
                }
            });
        }
        match (key.code, key.ctrl, key.alt) {
            (KeyCode::Char(c), false, false) => self.query.push(c),
            (KeyCode::Backspace, ..) => {
                self.query.pop();
            }
            (KeyCode::Char('u'), true, _) => self.query.clear(),
            _ => return None,
        }
        self.refilter(app);
        Some(Step::Stay(None))
    }
}
