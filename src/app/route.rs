//! The App's side of the overlays: it opens them, gives them the reader as
//! a [`Ctx`], and carries out the [`Request`]s of the [`Step`] they answer
//! with (go somewhere, follow an entity, run a search, a message, an
//! [`Effect`]). Overlays hold their own state and never change the App;
//! this file is where what they ask for happens. Never put an overlay's
//! own behaviour here: it belongs in its file.

use super::action::Action;
use super::concordance::Concordance;
use super::cooccurrence::{CoOccurrenceView, at_term};
use super::effect::Effect;
use super::entity_picker::EntityPicker;
use super::list::Cursor;
use super::note::NoteEditor;
use super::notice::Level;
use super::overlay::Overlay;
use super::state::{App, Focus};
use super::step::{Ctx, Request, Step};
use crate::core::entity::{CoOccurrence, EntityId};

impl App {
    /// What the overlays may read of the reader now.
    pub(super) fn ctx(&self) -> Ctx<'_> {
        Ctx {
            corpus: &self.corpus,
            entities: &self.entities,
            keymap: &self.keymap,
            bookmarks: &self.bookmarks,
            layout: self.layout(),
            open: self.open,
            following: self.current_entity().map(|e| e.id),
            mention: self.current_mention(),
            search_history: self.search_history(),
            next_search: self.search.next_id(),
        }
    }

    /// Ends an overlay's turn: carries out what `step` asks (the overlay
    /// `o` taken out meanwhile), then puts `o` back, or closes it. A
    /// [`Step::Pass`] puts it back and does nothing else.
    pub(super) fn finish_step(&mut self, o: Overlay, step: Step) -> Option<Effect> {
        let (requests, close) = match step {
            Step::Pass => (Vec::new(), false),
            Step::Stay(r) => (r, false),
            Step::Close(r) => (r, true),
        };
        let mut effects = Vec::new();
        let mut edit = None;
        for r in requests {
            match r {
                Request::EditNote { id, note, place } => edit = Some((id, note, place)),
                r => effects.extend(self.carry_out(&o, r)),
            }
        }
        self.overlay = match edit {
            // The note editor takes the overlay's place and comes back to
            // it (the bookmark list) when it closes.
            Some((id, note, place)) => {
                let back = match o {
                    Overlay::Bookmarks(list) => Some(list),
                    _ => None,
                };
                Some(Overlay::Note(NoteEditor::edit(id, &note, place, back)))
            }
            None if close => o.closed(),
            None => Some(o),
        };
        Effect::many(effects)
    }

    /// Does what an overlay asked; returns the effects for the runtime.
    fn carry_out(&mut self, o: &Overlay, request: Request) -> Vec<Effect> {
        match request {
            Request::Effect(e) => vec![e],
            Request::Notify(text, level) => {
                self.notify(text, level);
                Vec::new()
            }
            Request::Search(req) => {
                self.search.sent(req.id);
                vec![Effect::Search(req)]
            }
            Request::JumpTo { article, at } => {
                let effect = self.jump_to(article, at);
                self.focus = Focus::Reader;
                effect.into_iter().collect()
            }
            Request::PickEntity(id) => {
                self.pick_entity(id);
                Vec::new()
            }
            Request::FollowMention {
                entity,
                index,
                mention,
            } => {
                self.follow(entity, index);
                self.go_to_mention(&mention).into_iter().collect()
            }
            Request::StepThroughShared { entity, with } => self
                .step_through_shared(entity, &with)
                .into_iter()
                .collect(),
            Request::RunSearch {
                text,
                query,
                target,
                ranked,
            } => self.run_search(&text, query, target, ranked),
            Request::RememberQuery(text) => {
                self.remember_query(&text);
                Vec::new()
            }
            // Carried out by `finish_step`, which swaps the overlay.
            Request::EditNote { .. } => Vec::new(),
            Request::KeepNote => {
                if let Overlay::Note(editor) = o {
                    self.saving_note = Some(editor.clone());
                }
                Vec::new()
            }
        }
    }

    /// Opens an overlay (closing the one open, if any).
    fn open_overlay(&mut self, o: Overlay) -> Option<Effect> {
        self.overlay = Some(o);
        None
    }

    /// `?`: the list of keys.
    pub(super) fn open_help(&mut self) -> Option<Effect> {
        self.open_overlay(Overlay::Help(Default::default()))
    }

    /// `H`: what the cleaner hid of the open article.
    pub(super) fn open_hidden(&mut self) -> Option<Effect> {
        self.open_overlay(Overlay::Hidden(Default::default()))
    }

    /// `/`: the search bar.
    pub(super) fn open_search(&mut self) -> Option<Effect> {
        self.open_overlay(Overlay::Search(Box::default()))
    }

    /// `e`: the entity picker.
    pub(super) fn open_entity_picker(&mut self) -> Option<Effect> {
        let picker = EntityPicker::new(&self.ctx());
        self.open_overlay(Overlay::EntityPicker(picker))
    }

    /// The entity followed, or `None` once the status bar says how to
    /// follow one.
    fn followed_or_say(&mut self) -> Option<EntityId> {
        if let Some(e) = self.current_entity() {
            return Some(e.id);
        }
        let how = self.how_to_follow();
        self.notify(format!("No entity followed: {how}"), Level::Info);
        None
    }

    /// `c`: the concordance of the current entity.
    pub(super) fn open_concordance(&mut self) -> Option<Effect> {
        let id = self.followed_or_say()?;
        let e = self.entities.entity(id)?;
        if e.mentions == 0 {
            let text = format!("{} is not mentioned in these articles", e.name);
            self.notify(text, Level::Info);
            return None;
        }
        let c = Concordance::new(&self.ctx(), id);
        self.open_overlay(Overlay::Concordance(c))
    }

    /// `w`: the entities in the same passages as the current entity.
    pub(super) fn open_co_occurrence(&mut self) -> Option<Effect> {
        let id = self.followed_or_say()?;
        let name = self.entities.entity(id)?.name.clone();
        let rows = self.entities.co_occurring(id);
        if rows.is_empty() {
            let text = format!("No other entity is mentioned in the passages that name {name}");
            self.notify(text, Level::Info);
            return None;
        }
        self.open_overlay(Overlay::CoOccurrence(CoOccurrenceView {
            entity: id,
            rows,
            cursor: Cursor::default(),
        }))
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
