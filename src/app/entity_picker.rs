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
use super::hint::Hint::{self, Key as K, Pair, Text};
use super::key::Key;
use super::keymap::Keymap;
use super::keymap::Mode;
use super::list::Cursor;
use super::step::{Ctx, Request, Step, passes_through};
use super::typing::edit_filter;
use crate::core::entity::EntityId;

/// The state of the open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityPicker {
    /// What was typed.
    pub query: String,
    /// The entities that match, best first.
    pub shown: Vec<EntityId>,
    /// The selected row of `shown`.
    pub cursor: Cursor,
}

/// Rows of the picker that are not entities: the filter line and the
/// column headings (plus the border).
pub const CHROME_ROWS: u16 = 4;

impl EntityPicker {
    /// A picker over `app`'s entities, the current one selected.
    pub fn new(ctx: &Ctx) -> EntityPicker {
        let mut p = EntityPicker {
            query: String::new(),
            shown: Vec::new(),
            cursor: Cursor::default(),
        };
        p.refilter(ctx);
        if let Some(cur) = ctx.following {
            p.cursor.selected = p.shown.iter().position(|&id| id == cur).unwrap_or(0);
        }
        p
    }

    /// The selected entity, if any matches.
    pub fn selection(&self) -> Option<EntityId> {
        self.shown.get(self.cursor.selected).copied()
    }

    /// Recomputes the matches for the query; the selection goes to the top.
    fn refilter(&mut self, ctx: &Ctx) {
        let index = ctx.entities;
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
        self.cursor = Cursor::default();
    }

    /// Moves the selection as `action` says; false if it is no move.
    fn move_on(&mut self, ctx: &Ctx, action: Action) -> bool {
        // As many entity rows as the picker shows at the current size.
        let page = ctx.overlay_rows(CHROME_ROWS);
        self.cursor.move_by(action, self.shown.len(), page)
    }

    fn choose(&mut self) -> Step {
        match self.selection() {
            Some(id) => Step::Close(vec![Request::PickEntity(id)]),
            None => Step::stay(),
        }
    }

    /// Handles an action while the picker is open.
    pub(super) fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        if self.move_on(ctx, action) {
            return Step::stay();
        }
        match action {
            Action::Cancel | Action::Quit => Step::close(),
            Action::Open => self.choose(),
            a if passes_through(a) => Step::Pass,
            _ => Step::stay(),
        }
    }

    /// Letters typed in a burst: added to the filter at once.
    pub(super) fn type_text(&mut self, ctx: &Ctx, text: &str) -> Step {
        self.query.push_str(text);
        self.refilter(ctx);
        Step::stay()
    }

    /// The picker's own keys (Enter follows, Esc closes, arrows move:
    /// [`Mode::Entities`] in the key map); other typed text edits the
    /// filter.
    pub(super) fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        if let Some(action) = ctx.keymap.action_in(Mode::Entities, key) {
            return Some(match action {
                Action::Open => self.choose(),
                Action::Cancel => Step::close(),
                a => {
                    if !self.move_on(ctx, a) {
                        return None;
                    }
                    Step::stay()
                }
            });
        }
        if !edit_filter(ctx.keymap, key, &mut self.query) {
            return None;
        }
        self.refilter(ctx);
        Some(Step::stay())
    }
}

impl super::step::Room for EntityPicker {
    fn mode(&self) -> &'static str {
        "ENTITIES"
    }
    fn hints(&self) -> &'static [Hint] {
        &[
            Text("type to filter"),
            Pair(Mode::Entities, Action::Up, Action::Down, "select"),
            K(Mode::Entities, Action::Open, "follow"),
            K(Mode::Entities, Action::Cancel, "close"),
        ]
    }
    fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        EntityPicker::update(self, ctx, action)
    }
    fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        EntityPicker::key(self, ctx, key)
    }
    fn takes_text(&self, keymap: &Keymap, key: Key) -> bool {
        super::step::is_text_in(keymap, Mode::Entities, key)
    }
    fn type_text(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        Some(EntityPicker::type_text(self, ctx, text))
    }
}
