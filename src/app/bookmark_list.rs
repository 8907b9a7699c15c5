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
use super::bookmarks::BookmarkChange;
use super::key::{Key, KeyCode};
use super::keymap::Mode;
use super::list;
use super::note::NoteEditor;
use super::overlay::{Step, passes_through};
use super::state::{App, Effect, Focus, Level};
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
    pub selected: usize,
    /// The bookmark waiting for a `y`/`n` before it is deleted.
    pub confirm: Option<String>,
}

/// What a key did in the list.
pub(super) enum Outcome {
    /// Stay, close or pass, as any overlay.
    Step(Step),
    /// Open the note editor on the selected bookmark (coming back here
    /// afterwards).
    Edit(NoteEditor),
}

impl BookmarkList {
    /// The bookmarks shown, as indices into the app's bookmark list: all in
    /// corpus order, or those matching the filter, best first.
    pub fn rows(&self, app: &App) -> Vec<usize> {
        let b = &app.bookmarks;
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
    pub fn current(&self, app: &App) -> Option<usize> {
        let rows = self.rows(app);
        rows.get(self.selected.min(rows.len().saturating_sub(1)))
            .copied()
    }

    /// Letters typed in a burst while filtering: added at once.
    pub(super) fn type_text(&mut self, text: &str) -> Step {
        self.filter.push_str(text);
        self.selected = 0;
        Step::Stay(None)
    }

    /// Raw keys: the filter text, and the command letters.
    pub(super) fn key(&mut self, app: &mut App, key: Key) -> Option<Outcome> {
        let plain = !key.ctrl && !key.alt;
        let stay = Some(Outcome::Step(Step::Stay(None)));
        if let Some(id) = self.confirm.take() {
            return match key.code {
                KeyCode::Char('y') if plain => Some(Outcome::Step(Step::Stay(Some(
                    Effect::Bookmarks(BookmarkChange::Remove { id }),
                )))),
                KeyCode::Char('c') if key.ctrl => None,
                _ => {
                    app.notify("Not deleted", Level::Info);
                    stay
                }
            };
        }
        if self.filtering {
            return match key.code {
                KeyCode::Char(c) if plain => {
                    self.filter.push(c);
                    self.selected = 0;
                    stay
                }
                KeyCode::Backspace if plain => {
                    self.filter.pop();
                    self.selected = 0;
                    stay
                }
                _ => match app.keymap.action(key) {
                    Some(Action::Cancel) => {
                        self.filtering = false;
                        stay
                    }
                    Some(Action::Open) => Some(Outcome::Step(self.jump(app))),
                    _ => None,
                },
            };
        }
        match app.keymap.action_in(Mode::Bookmarks, key)? {
            Action::FilterList => {
                self.filtering = true;
                stay
            }
            Action::EditNote => self.edit(app),
            Action::DeleteBookmark => {
                if let Some(why) = self.read_only(app) {
                    app.notify(why, Level::Error);
                } else if let Some(i) = self.current(app) {
                    let b = &app.bookmarks.list[i];
                    let span = app
                        .bookmarks
                        .anchors
                        .get(i)
                        .and_then(|a| a.place())
                        .map_or(b.passages, |(_, s)| s);
                    self.confirm = Some(b.id.clone());
                    app.notify(
                        format!("Delete the bookmark of passage {span}? y deletes it, n keeps it"),
                        Level::Warning,
                    );
                }
                stay
            }
            _ => None,
        }
    }

    /// Actions from the key map: movement, jump, close.
    pub(super) fn update(&mut self, app: &mut App, action: Action) -> Step {
        let n = self.rows(app).len();
        let page = (usize::from(app.layout().overlay().height.saturating_sub(4)) / 2).max(1);
        if let Some(s) = list::moved(self.selected, n, action, page) {
            self.selected = s;
            return Step::Stay(None);
        }
        let s = self.selected;
        self.selected = match action {
            Action::Open => return self.jump(app),
            Action::Cancel if !self.filter.is_empty() => {
                self.filter.clear();
                0
            }
            Action::Cancel | Action::Quit | Action::OpenBookmarkList => return Step::Close(None),
            // Quit from anywhere, resize, repaint, suspend, help: as in
            // every other overlay.
            a if passes_through(a) => return Step::Pass,
            _ => s,
        };
        Step::Stay(None)
    }

    /// `Enter`: to the bookmark's passage, as a jump.
    fn jump(&mut self, app: &mut App) -> Step {
        let Some(i) = self.current(app) else {
            return Step::Stay(None);
        };
        let place = app.bookmarks.anchors.get(i).and_then(|a| a.place());
        let Some((ix, span)) = place else {
            app.notify(
                "This bookmark is orphaned: its text is no longer in the articles (the quote is kept)",
                Level::Warning,
            );
            return Step::Stay(None);
        };
        let at = app.corpus.articles[ix]
            .passage(span.first)
            .map_or(0, |p| p.range.start);
        let effect = app.jump_to(ix, at);
        app.focus = Focus::Reader;
        Step::Close(effect)
    }

    /// `e`: the note editor on the highlighted bookmark.
    fn edit(&mut self, app: &mut App) -> Option<Outcome> {
        if let Some(why) = self.read_only(app) {
            app.notify(why, Level::Error);
            return Some(Outcome::Step(Step::Stay(None)));
        }
        let i = self.current(app)?;
        let b = &app.bookmarks.list[i];
        let place = app.bookmarks.anchors.get(i).and_then(|a| a.place());
        Some(Outcome::Edit(NoteEditor::edit(
            b.id.clone(),
            &b.note,
            place,
            Some(self.clone()),
        )))
    }

    fn read_only(&self, app: &App) -> Option<String> {
        app.read_only_notice(true)
    }
}
