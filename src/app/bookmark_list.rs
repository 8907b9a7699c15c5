//! The bookmark list (`'`): every bookmark with its article, the first
//! words of its quote, its note and its age, in corpus order; `/` filters
//! them as you type (fuzzy, over quotes and notes); `Enter` jumps to one
//! (recorded in the jump list), `e` edits its note, `d` deletes it after a
//! `y`/`n` question.
//!
//! Movement comes as [`Action`]s through the key map; the letters that are
//! commands here (`/`, `e`, `d`, `y`/`n`, the filter text) are taken as raw
//! keys first. Changes leave as [`Effect::Bookmarks`].

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::action::Action;
use super::bookmarks::{BookmarkChange, Bookmarks};
use super::effect::Effect;
use super::hint::Hint::{self, Key as K, Text};
use super::key::{Key, KeyCode};
use super::keymap::Keymap;
use super::keymap::Mode;
use super::list::Cursor;
use super::notice::Level;
use super::step::{Ctx, Request, Step, passes_through};
use super::typing::edit_filter;
use crate::core::bookmarks::PassageSpan;
use crate::core::bookmarks::export::in_corpus_order;
use crate::core::text::fold_str;

/// The list's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BookmarkList {
    /// The filter typed after `/`.
    pub filter: String,
    /// Whether typing goes to the filter.
    pub filtering: bool,
    /// The highlighted row (an index into [`BookmarkList::rows`]).
    pub cursor: Cursor,
    /// The bookmark waiting for a `y`/`n` before it is deleted.
    pub confirm: Option<String>,
}

/// What a key did in the list.
pub(super) enum Outcome {
    /// Stay, close or pass, as any overlay.
    Step(Step),
    /// Open the note editor on the selected bookmark (coming back here
    /// afterwards).
    Edit {
        /// The bookmark's id.
        id: String,
        /// Its note as saved.
        note: String,
        /// Where it is (article index, passages), if placed.
        place: Option<(usize, PassageSpan)>,
    },
}

impl BookmarkList {
    /// The bookmarks shown, as indices into the app's bookmark list: all in
    /// corpus order, or those matching the filter, best first.
    pub fn rows(&self, b: &Bookmarks) -> Vec<usize> {
        let order = in_corpus_order(&b.list, &b.anchors);
        let pattern = fold_str(self.filter.trim());
        if pattern.is_empty() {
            return order;
        }
        let matcher = SkimMatcherV2::default();
        let mut scored: Vec<(i64, usize)> = order
            .into_iter()
            .filter_map(|i| {
                let bm = &b.list[i];
                let hay = fold_str(&format!("{} {}", bm.quote.exact, bm.note));
                matcher.fuzzy_match(&hay, &pattern).map(|s| (s, i))
            })
            .collect();
        scored.sort_by_key(|&(s, _)| std::cmp::Reverse(s));
        scored.into_iter().map(|(_, i)| i).collect()
    }

    /// The highlighted bookmark (an index into the app's list).
    pub fn current(&self, b: &Bookmarks) -> Option<usize> {
        let rows = self.rows(b);
        rows.get(self.cursor.selected.min(rows.len().saturating_sub(1)))
            .copied()
    }

    /// Letters typed in a burst while filtering: added at once.
    pub(super) fn type_text(&mut self, text: &str) -> Step {
        self.filter.push_str(text);
        self.cursor = Cursor::default();
        Step::stay()
    }

    /// Raw keys: the filter text, and the command letters.
    pub(super) fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Outcome> {
        let plain = !key.ctrl && !key.alt;
        let stay = Some(Outcome::Step(Step::stay()));
        if let Some(id) = self.confirm.take() {
            return match key.code {
                KeyCode::Char('y') if plain => Some(Outcome::Step(Step::Stay(vec![
                    Effect::Bookmarks(BookmarkChange::Remove { id }).into(),
                ]))),
                KeyCode::Char('c') if key.ctrl => None,
                _ => Some(Outcome::Step(Step::say("Not deleted", Level::Info))),
            };
        }
        if self.filtering {
            if edit_filter(ctx.keymap, key, &mut self.filter) {
                self.cursor = Cursor::default();
                return stay;
            }
            return match ctx.keymap.action(key) {
                Some(Action::Cancel) => {
                    self.filtering = false;
                    stay
                }
                Some(Action::Open) => Some(Outcome::Step(self.jump(ctx))),
                _ => None,
            };
        }
        match ctx.keymap.action_in(Mode::Bookmarks, key)? {
            Action::FilterList => {
                self.filtering = true;
                stay
            }
            Action::EditNote => self.edit(ctx),
            Action::DeleteBookmark => Some(Outcome::Step(self.ask_to_delete(ctx))),
            _ => None,
        }
    }

    /// `d`: asks `y`/`n` before the highlighted bookmark is deleted.
    fn ask_to_delete(&mut self, ctx: &Ctx) -> Step {
        if let Some(why) = ctx.read_only() {
            return Step::say(why, Level::Error);
        }
        let Some(i) = self.current(ctx.bookmarks) else {
            return Step::stay();
        };
        let b = &ctx.bookmarks.list[i];
        let span = ctx
            .bookmarks
            .anchors
            .get(i)
            .and_then(|a| a.place())
            .map_or(b.passages, |(_, s)| s);
        self.confirm = Some(b.id.clone());
        Step::say(
            format!("Delete the bookmark of passage {span}? y deletes it, n keeps it"),
            Level::Warning,
        )
    }

    /// Actions from the key map: movement, jump, close.
    pub(super) fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        let n = self.rows(ctx.bookmarks).len();
        // Two rows a bookmark, below the filter line and the headings.
        let page = (ctx.overlay_rows(4) / 2).max(1);
        if self.cursor.move_by(action, n, page) {
            return Step::stay();
        }
        match action {
            Action::Open => self.jump(ctx),
            Action::Cancel if !self.filter.is_empty() => {
                self.filter.clear();
                self.cursor = Cursor::default();
                Step::stay()
            }
            Action::Cancel | Action::Quit | Action::OpenBookmarkList => Step::close(),
            // Quit from anywhere, resize, repaint, suspend, help: as in
            // every other overlay.
            a if passes_through(a) => Step::Pass,
            _ => Step::stay(),
        }
    }

    /// `Enter`: to the bookmark's passage, as a jump.
    fn jump(&mut self, ctx: &Ctx) -> Step {
        let Some(i) = self.current(ctx.bookmarks) else {
            return Step::stay();
        };
        let place = ctx.bookmarks.anchors.get(i).and_then(|a| a.place());
        let Some((article, span)) = place else {
            return Step::say(
                "This bookmark is orphaned: its text is no longer in the articles (the quote is kept)",
                Level::Warning,
            );
        };
        let at = ctx.corpus.articles[article]
            .passage(span.first)
            .map_or(0, |p| p.range.start);
        Step::Close(vec![Request::JumpTo { article, at }])
    }

    /// `e`: the note editor on the highlighted bookmark.
    fn edit(&mut self, ctx: &Ctx) -> Option<Outcome> {
        if let Some(why) = ctx.read_only() {
            return Some(Outcome::Step(Step::say(why, Level::Error)));
        }
        let i = self.current(ctx.bookmarks)?;
        let b = &ctx.bookmarks.list[i];
        let place = ctx.bookmarks.anchors.get(i).and_then(|a| a.place());
        Some(Outcome::Edit {
            id: b.id.clone(),
            note: b.note.clone(),
            place,
        })
    }
}

impl super::step::Room for BookmarkList {
    fn mode(&self) -> &'static str {
        "BOOKMARKS"
    }
    fn hints(&self) -> &'static [Hint] {
        if self.filtering {
            &[
                Text("type to filter"),
                K(Mode::Panes, Action::Open, "go"),
                K(Mode::Panes, Action::Cancel, "done"),
            ]
        } else {
            &[
                K(Mode::Bookmarks, Action::Open, "go"),
                K(Mode::Bookmarks, Action::FilterList, "filter"),
                K(Mode::Bookmarks, Action::EditNote, "note"),
                K(Mode::Bookmarks, Action::DeleteBookmark, "delete"),
                K(Mode::Bookmarks, Action::Cancel, "close"),
            ]
        }
    }
    fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        BookmarkList::update(self, ctx, action)
    }
    fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        Some(match BookmarkList::key(self, ctx, key)? {
            Outcome::Step(step) => step,
            Outcome::Edit { id, note, place } => {
                Step::Stay(vec![Request::EditNote { id, note, place }])
            }
        })
    }
    // While filtering, every plain character is text.
    fn takes_text(&self, _keymap: &Keymap, _key: Key) -> bool {
        self.filtering && self.confirm.is_none()
    }
    fn type_text(&mut self, _ctx: &Ctx, text: &str) -> Option<Step> {
        Some(BookmarkList::type_text(self, text))
    }
}
