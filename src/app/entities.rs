//! Entities in the reader: the current entity, its highlighted mentions,
//! stepping through them with `n`/`N` across articles, `*` (the entity at
//! the passage cursor), the status line, the source list's counts and
//! dispersion strip.
//!
//! The index itself ([`crate::core::entity::EntityIndex`]) is built once in
//! [`App::new`]; this file only reads it. Every move to a mention goes
//! through [`App::jump_to`], so `Ctrl-o` comes back.

use super::count::plural;
use super::effect::Effect;
use super::highlight::{Highlight, HighlightKind};
use super::notice::Level;
use super::state::{App, Following, Stepping};
use crate::core::entity::{Entity, EntityId, Field, Mention, Position, dispersion_cells};

/// Cells of the source list's dispersion strip.
pub const STRIP_CELLS: usize = 6;

impl App {
    /// The entity being followed, if any.
    pub fn current_entity(&self) -> Option<&Entity> {
        self.entities.entity(self.following?.id)
    }

    /// The mention the reader is on, if it is on one.
    pub fn current_mention(&self) -> Option<Mention> {
        let f = self.following?;
        self.entities.mentions(f.id).get(f.on?).copied()
    }

    /// Makes `id` the current entity (highlighted, followed by `n`/`N`);
    /// `on` is the mention the reader is on, if any.
    pub fn follow(&mut self, id: EntityId, on: Option<usize>) {
        self.following = Some(Following { id, on });
        self.stepping = Some(Stepping::Mentions);
    }

    /// Stops following the current entity.
    pub(super) fn unfollow(&mut self) {
        if let Some(e) = self.current_entity() {
            let text = format!("No longer following {}", e.name);
            self.notify(text, Level::Info);
        }
        self.following = None;
        if self.stepping == Some(Stepping::Mentions) {
            self.stepping = None;
        }
    }

    /// How to choose an entity, with the keys bound: "e picks an entity, *
    /// follows the one at the cursor".
    pub(super) fn how_to_follow(&self) -> String {
        let key = |a| self.keymap.hint(a).unwrap_or_default();
        format!(
            "{} picks an entity, {} follows the one at the cursor",
            key(super::action::Action::OpenEntityPicker),
            key(super::action::Action::EntityAtCursor)
        )
    }

    /// Makes `id` current from the picker, saying what `n` will do.
    pub(super) fn pick_entity(&mut self, id: EntityId) {
        self.follow(id, None);
        let Some(e) = self.entities.entity(id) else {
            return;
        };
        let keys = [
            super::action::Action::NextMatch,
            super::action::Action::OpenConcordance,
        ]
        .map(|a| self.keymap.hint(a).unwrap_or_default());
        let text = match e.mentions {
            0 => format!("{} is not mentioned in these articles", e.name),
            n => format!(
                "{}: {n} mention{} in {} article{}; {} next, {} concordance",
                e.name,
                plural(n),
                e.articles,
                plural(e.articles),
                keys[0],
                keys[1]
            ),
        };
        self.notify(text, Level::Info);
    }

    /// `n` / `N` on mentions: the next (or previous) mention of the current
    /// entity in reading order, crossing articles and wrapping at the ends.
    pub(super) fn step_mention(&mut self, forward: bool) -> Option<Effect> {
        let f = self.following?;
        let here = self.reading_position();
        // From the mention the reader is on when the cursor is still on its
        // passage; otherwise from the passage cursor (from the title when
        // it is on the first passage).
        let on = self
            .current_mention()
            .filter(|m| m.article() == self.open && self.mention_passage(m) == self.cursor());
        let step = match (on, forward) {
            (Some(m), true) => self.entities.next_mention(f.id, m.position()),
            (Some(m), false) => self.entities.prev_mention(f.id, m.position()),
            // On the first passage the header above it comes first.
            (None, true) if self.cursor() == 0 => self
                .entities
                .mention_at_or_after(f.id, Position::article_start(self.open)),
            (None, true) => self.entities.mention_at_or_after(f.id, here),
            (None, false) => self.entities.prev_mention(f.id, here),
        };
        let Some(step) = step else {
            let name = self.current_entity().map_or("", |e| e.name.as_str());
            let text = format!("{name} is not mentioned in these articles");
            self.notify(text, Level::Info);
            return None;
        };
        self.following = Some(Following {
            id: f.id,
            on: Some(step.index),
        });
        if step.wrapped {
            let text = if forward {
                "Past the last mention: back to the first"
            } else {
                "Before the first mention: on to the last"
            };
            self.notify(text, Level::Info);
        }
        self.go_to_mention(&step.mention)
    }

    /// `*`: the entity at the passage cursor, or the first one after it in
    /// the article, becomes current; the reader moves to that mention.
    pub(super) fn entity_at_cursor(&mut self) -> Option<Effect> {
        let here = self.reading_position();
        let Some(m) = self
            .entities
            .entity_at_or_after(self.open, here.byte)
            .copied()
        else {
            self.notify(
                "No entity at or after the passage cursor in this article",
                Level::Info,
            );
            return None;
        };
        let index = self
            .entities
            .mentions(m.entity())
            .iter()
            .position(|x| *x == m);
        self.follow(m.entity(), index);
        self.go_to_mention(&m)
    }

    /// Moves the view to a mention (a jump, recorded for `Ctrl-o`) and
    /// focuses the reading pane, where it shows.
    pub(super) fn go_to_mention(&mut self, m: &Mention) -> Option<Effect> {
        let at = match m.field() {
            Field::Body => m.range().start,
            Field::Title | Field::Meta => 0,
        };
        self.focus = super::state::Focus::Reader;
        self.jump_to(m.article(), at)
    }

    /// The start of the passage under the cursor, as a reading position.
    fn reading_position(&self) -> Position {
        let byte = self
            .article()
            .and_then(|a| a.passages.get(self.cursor()))
            .map_or(0, |p| p.range.start);
        Position::body(self.open, byte)
    }

    /// The 0-based passage of a body mention (the title's are "before" 0).
    /// After a move that is not a step (`Ctrl-o`, `Ctrl-t`): the mention
    /// the reader is on becomes the first one in the passage under the
    /// cursor, or none, so that the status bar never names a mention the
    /// reader has left.
    pub(super) fn resync_mention(&mut self) {
        let Some(f) = self.following else { return };
        if self
            .current_mention()
            .is_some_and(|m| m.article() == self.open && self.mention_passage(&m) == self.cursor())
        {
            return;
        }
        let (open, cursor) = (self.open, self.cursor());
        let on = self.entities.mentions(f.id).iter().position(|m| {
            m.article() == open && m.field() == Field::Body && self.mention_passage(m) == cursor
        });
        self.following = Some(Following { id: f.id, on });
    }

    fn mention_passage(&self, m: &Mention) -> usize {
        m.passage().saturating_sub(1)
    }

    /// The current entity's mentions in the body of `article`, the one the
    /// reader is on marked as current.
    pub(super) fn mention_highlights(&self, article: usize, out: &mut Vec<Highlight>) {
        let Some(f) = self.following else { return };
        let current = self.current_mention();
        for m in self.entities.mentions_in(f.id, article) {
            if m.field() == Field::Body {
                let kind = if Some(*m) == current {
                    HighlightKind::CurrentMention
                } else {
                    HighlightKind::Mention
                };
                out.push(Highlight {
                    range: m.range(),
                    kind,
                });
            }
        }
    }

    /// The current entity's mentions in the title or the metadata line
    /// (`field`) of `article`, as byte ranges of that field's text.
    pub fn header_highlights(&self, article: usize, field: Field) -> Vec<Highlight> {
        let Some(f) = self.following else {
            return Vec::new();
        };
        let current = self.current_mention();
        self.entities
            .mentions_in(f.id, article)
            .iter()
            .filter(|m| m.field() == field)
            .map(|m| Highlight {
                range: m.range(),
                kind: if Some(*m) == current {
                    HighlightKind::CurrentMention
                } else {
                    HighlightKind::Mention
                },
            })
            .collect()
    }

    /// The status line while an entity is followed:
    /// `Sergei Lavrov · mention 2/3 · article 2/2`, or its totals when the
    /// reader is not on a mention.
    pub fn entity_status(&self) -> Option<String> {
        let e = self.current_entity()?;
        let on = self.following.and_then(|f| f.on);
        let step = on.and_then(|i| self.entities.step(e.id, i, false));
        Some(match step {
            Some(s) => format!(
                "{} · mention {}/{} · article {}/{}",
                e.name,
                s.index + 1,
                s.total,
                s.article_ordinal + 1,
                s.articles
            ),
            None => format!(
                "{} · {} mention{} in {} article{} · {} here",
                e.name,
                e.mentions,
                plural(e.mentions),
                e.articles,
                plural(e.articles),
                self.entities.count_in(e.id, self.open)
            ),
        })
    }

    /// The entities of the passage under the cursor, most mentioned first
    /// (ties in order of appearance). Like every view that marks all
    /// entities at once, it counts the outer mention only: "war in Ukraine"
    /// names the war here, not Ukraine as well.
    pub fn passage_entities(&self) -> Vec<&Entity> {
        let passage = self.cursor() + 1;
        let mut found: Vec<(EntityId, usize)> = Vec::new();
        let in_passage = self
            .entities
            .top_mentions(self.open)
            .filter(|m| m.field() == Field::Body && m.passage() == passage);
        for m in in_passage {
            match found.iter_mut().find(|(e, _)| *e == m.entity()) {
                Some((_, n)) => *n += 1,
                None => found.push((m.entity(), 1)),
            }
        }
        found.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
        found
            .into_iter()
            .filter_map(|(id, _)| self.entities.entity(id))
            .collect()
    }

    /// The source list's column while an entity is followed: its mentions
    /// in `article` and a strip showing where they fall (`3 ░·█···`).
    pub(super) fn mention_column(&self, article: usize) -> Option<String> {
        let f = self.following?;
        let n = self.entities.count_in(f.id, article);
        // Every article's count fits in the width of the total.
        let width = self.current_entity().map_or(1, |e| digits(e.mentions));
        if n == 0 {
            return Some(format!("{:>width$} {}", 0, " ".repeat(STRIP_CELLS)));
        }
        let cells = dispersion_cells(&self.entities.dispersion(f.id, article), STRIP_CELLS);
        let strip: String = cells.iter().map(|&c| strip_char(c)).collect();
        Some(format!("{n:>width$} {strip}"))
    }
}

/// One cell of the dispersion strip: how many mentions fall in it, drawn
/// with characters every console font has.
fn strip_char(count: usize) -> char {
    match count {
        0 => '·',
        1 => '░',
        2 => '▒',
        3 => '▓',
        _ => '█',
    }
}

fn digits(n: usize) -> usize {
    n.max(1).ilog10() as usize + 1
}
