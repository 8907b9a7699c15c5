//! The search bar (`/`): a line at the bottom of the screen (a
//! ratatui-textarea) and, over the reading pane, what matches as you type:
//! articles whose title matches, entities whose name matches, then passages
//! (title, best sentence with the matched characters highlighted, passage
//! number).
//!
//! Every edit sends a request to the search thread (see [`super::search`]);
//! the list shows the answer to the latest one, the best passage selected
//! (titles and entities are above it). `Up`/`Down` and `Ctrl-p`/`Ctrl-n`
//! move in the list (`Up` in an empty bar recalls earlier queries, `Down`
//! comes back), `Enter` goes to the selected result (the
//! move is recorded in the jump list, and the query's hits stay highlighted
//! for `n`/`N`), `Esc` closes the bar and leaves the reader where it was.
//! State and behaviour only; `ui/search.rs` draws it.

use std::ops::Range;

use ratatui::style::Style;
use ratatui_textarea::TextArea;

use super::action::Action;
use super::effect::Effect;
use super::key::Key;
use super::keymap::{Keymap, Mode};
use super::list::Cursor;
use super::notice::Level;
use super::search::{Scope, SearchResults};
use super::step::{Ctx, Request, Step, passes_through};
use super::typing::{edit_text, typed};
use crate::core::entity::{EntityId, EntityIndex};
use crate::core::search::{Hit, fuzzy_filter};

/// Entities listed above the passages.
pub const MAX_ENTITIES: usize = 3;

/// The text being typed: a one-line ratatui-textarea.
#[derive(Debug, Clone)]
pub struct QueryLine(TextArea<'static>);

impl PartialEq for QueryLine {
    fn eq(&self, other: &Self) -> bool {
        self.0.lines() == other.0.lines() && self.0.cursor() == other.0.cursor()
    }
}

impl Eq for QueryLine {}

impl Default for QueryLine {
    fn default() -> QueryLine {
        let mut t = TextArea::default();
        t.set_cursor_line_style(Style::default());
        t.set_placeholder_text("words in any order, \"a phrase\", !not");
        QueryLine(t)
    }
}

impl QueryLine {
    /// The text typed.
    pub fn text(&self) -> &str {
        self.0.lines().first().map_or("", String::as_str)
    }

    /// The widget, to draw (the drawing code sets its styles on a copy).
    pub fn textarea(&self) -> &TextArea<'static> {
        &self.0
    }

    /// Replaces the text, the cursor at its end.
    fn set(&mut self, text: &str) {
        let mut t = QueryLine::default();
        t.0.insert_str(text);
        *self = t;
    }

    /// Applies a typed character or an editing key (the key map's
    /// [`Mode::Line`]); true when it was one.
    fn edit(&mut self, keymap: &Keymap, key: Key) -> bool {
        let t = &mut self.0;
        if let Some(c) = typed(key) {
            t.insert_char(c);
            return true;
        }
        keymap
            .action_in(Mode::Line, key)
            .is_some_and(|a| edit_text(t, a))
    }
}

/// An entity whose name (or an alias) matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMatch {
    /// The entity.
    pub id: EntityId,
    /// The alias that matched, when it was not the canonical name.
    pub alias: Option<String>,
    /// Bytes to highlight in the canonical name or in the alias.
    pub ranges: Vec<Range<usize>>,
}

/// The entities whose name or alias matches `text`, best first, each once.
pub fn match_entities(index: &EntityIndex, text: &str) -> Vec<EntityMatch> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    let mut names: Vec<(EntityId, Option<&str>, &str)> = Vec::new();
    for e in index.entities() {
        names.push((e.id, None, &e.name));
        for a in &e.aliases {
            names.push((e.id, Some(a.as_str()), a));
        }
    }
    let texts: Vec<&str> = names.iter().map(|n| n.2).collect();
    let mut out: Vec<EntityMatch> = Vec::new();
    for (i, ranges) in fuzzy_filter(&texts, text) {
        let (id, alias, _) = names[i];
        if out.iter().any(|m| m.id == id) {
            continue;
        }
        out.push(EntityMatch {
            id,
            alias: alias.map(str::to_string),
            ranges,
        });
        if out.len() == MAX_ENTITIES {
            break;
        }
    }
    out
}

/// What the entity rows match: the whole text, or in a query with `@`
/// terms the last of them as typed so far (`@lachin @rus` suggests
/// Russia, not names like the whole line).
fn entity_words(text: &str) -> &str {
    match text.rfind('@') {
        Some(at) => text[at + 1..].split_whitespace().next().unwrap_or(""),
        None => text,
    }
}

/// One row of the results list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item<'a> {
    /// An article whose title matches, with the title bytes to highlight.
    Title(usize, &'a [Range<usize>]),
    /// An entity whose name matches.
    Entity(&'a EntityMatch),
    /// A passage.
    Passage(&'a Hit),
}

/// The state of the open search bar.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SearchBar {
    /// What is typed.
    pub line: QueryLine,
    /// The answer shown (to the latest request that was answered).
    pub results: Option<SearchResults>,
    /// Matching entities, for the text of `results`.
    pub entities: Vec<EntityMatch>,
    /// The selected row of [`SearchBar::items`].
    pub cursor: Cursor,
    /// The request whose answer is awaited.
    pending: Option<u64>,
    /// The history entry shown (`Up` in an empty bar), if any.
    history_pos: Option<usize>,
    /// Enter was pressed before the answer came: go when it does.
    enter_waiting: bool,
}

impl SearchBar {
    /// The text typed.
    pub fn text(&self) -> &str {
        self.line.text()
    }

    /// True while an answer is awaited.
    pub fn searching(&self) -> bool {
        self.pending.is_some()
    }

    /// The rows of the results list: titles, entities, passages.
    pub fn items(&self) -> Vec<Item<'_>> {
        let mut out = Vec::new();
        if let Some(r) = &self.results {
            out.extend(r.titles.iter().map(|(a, ranges)| Item::Title(*a, ranges)));
            out.extend(self.entities.iter().map(Item::Entity));
            out.extend(r.passages.iter().map(Item::Passage));
        }
        out
    }

    /// The articles changed under the bar: its answer, places in the old
    /// ones, is dropped, and the one to `asked` (the query asked again,
    /// when there is one) awaited. An Enter waiting for an answer waits for
    /// that one.
    pub(super) fn ask_again(&mut self, asked: Option<u64>) {
        self.results = None;
        self.entities.clear();
        self.cursor = Cursor::default();
        self.pending = asked;
        self.enter_waiting &= asked.is_some();
    }

    /// The text changed: ask for its results.
    fn changed(&mut self, ctx: &Ctx) -> Step {
        self.enter_waiting = false;
        let text = self.text().to_string();
        if text.trim().is_empty() {
            self.pending = None;
            self.results = None;
            self.entities.clear();
            self.cursor = Cursor::default();
            return Step::stay();
        }
        let req = ctx.search_request(&text, Scope::Live);
        self.pending = Some(req.id);
        Step::Stay(vec![Request::Search(req)])
    }

    /// Takes an answer from the search thread (the latest one only).
    /// Returns what going to a result needs when Enter was waiting for it.
    pub(super) fn take_results(&mut self, ctx: &Ctx, r: SearchResults) -> Option<Step> {
        if self.pending != Some(r.id) {
            return None;
        }
        self.pending = None;
        // A query cut for ranking is a pasted text, not a name.
        self.entities = match r.cut {
            None => match_entities(ctx.entities, entity_words(self.line.text())),
            Some(_) => Vec::new(),
        };
        self.results = Some(r);
        // The best passage is selected; titles and entities are above it.
        let items = self.items();
        self.cursor.selected = items
            .iter()
            .position(|i| matches!(i, Item::Passage(_)))
            .unwrap_or(0);
        if std::mem::take(&mut self.enter_waiting) {
            return Some(self.choose(ctx));
        }
        None
    }

    /// Moves the selection as `action` says; false if it is no move.
    fn move_on(&mut self, ctx: &Ctx, action: Action) -> bool {
        // Results the list shows at the current size (two rows each).
        let area = ctx.layout.reader.unwrap_or_else(|| ctx.layout.overlay());
        let page = (usize::from(area.height.saturating_sub(2)) / 2).max(1);
        self.cursor.move_by(action, self.items().len(), page)
    }

    /// `Up` in an empty bar (or on a recalled query): the query before.
    fn older(&mut self, ctx: &Ctx) -> Step {
        let h = ctx.search_history;
        if h.is_empty() {
            return Step::say("No earlier search", Level::Info);
        }
        let pos = self
            .history_pos
            .map_or(h.len() - 1, |p| p.saturating_sub(1));
        let text = h[pos].clone();
        self.history_pos = Some(pos);
        self.line.set(&text);
        self.changed(ctx)
    }

    /// `Down` on a recalled query: the one after, then an empty bar.
    fn newer(&mut self, ctx: &Ctx) -> Step {
        let Some(pos) = self.history_pos else {
            return Step::stay();
        };
        let h = ctx.search_history;
        let text = match h.get(pos + 1) {
            Some(t) => {
                self.history_pos = Some(pos + 1);
                t.clone()
            }
            None => {
                self.history_pos = None;
                String::new()
            }
        };
        self.line.set(&text);
        self.changed(ctx)
    }

    /// Enter: goes to the selected result.
    fn choose(&mut self, ctx: &Ctx) -> Step {
        if self.pending.is_some() {
            self.enter_waiting = true;
            return Step::stay();
        }
        // With nothing to go to the bar stays open, the query kept to be
        // corrected, and nothing goes into the history: only a query that
        // led somewhere does.
        let text = self.text().trim().to_string();
        let esc = ctx
            .keymap
            .hint_in(Mode::Search, Action::Cancel)
            .map(|k| format!(" · {k} closes"))
            .unwrap_or_default();
        let Some(results) = &self.results else {
            return Step::say(format!("Type what to search for{esc}"), Level::Info);
        };
        let query = results.query.clone();
        let requests = match self.items().get(self.cursor.selected).copied() {
            None => {
                return match &results.problem {
                    Some(problem) => Step::say(problem.clone(), Level::Warning),
                    None => Step::say(format!("Nothing matches “{text}”{esc}"), Level::Info),
                };
            }
            Some(Item::Entity(m)) => vec![
                Request::PickEntity(m.id),
                Request::RememberQuery(text),
                Effect::SaveHistory.into(),
            ],
            Some(Item::Title(article, _)) => vec![
                Request::RunSearch {
                    text,
                    query,
                    target: None,
                    ranked: Vec::new(),
                },
                Request::JumpTo { article, at: 0 },
            ],
            Some(Item::Passage(hit)) => {
                let (article, passage) = (hit.article, hit.passage);
                let at = hit.matches.first().map_or(hit.sentence.start, |m| m.start);
                let ranked = results
                    .passages
                    .iter()
                    .map(|h| (h.article, h.passage))
                    .collect();
                vec![
                    Request::RunSearch {
                        text,
                        query,
                        target: Some((article, passage)),
                        ranked,
                    },
                    Request::JumpTo { article, at },
                ]
            }
        };
        Step::Close(requests)
    }

    /// Handles an action while the bar is open (keys that are not text).
    pub(super) fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        if self.move_on(ctx, action) {
            return Step::stay();
        }
        match action {
            Action::Cancel => Step::close(),
            Action::Open => self.choose(ctx),
            a if passes_through(a) => Step::Pass,
            _ => Step::stay(),
        }
    }

    /// The bar's own keys ([`Mode::Search`] in the key map: by default
    /// arrows and `Ctrl-n`/`Ctrl-p` move in the results, or through the
    /// history; Enter goes; Esc closes); other typed text edits the query.
    pub(super) fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        let recalling = self.text().is_empty() || self.history_pos.is_some();
        let step = match ctx.keymap.action_in(Mode::Search, key) {
            Some(Action::Open) => self.choose(ctx),
            Some(Action::Cancel) => Step::close(),
            Some(Action::Up) if recalling => self.older(ctx),
            Some(Action::Down) if self.history_pos.is_some() => self.newer(ctx),
            Some(action) => {
                if !self.move_on(ctx, action) {
                    return None;
                }
                Step::stay()
            }
            None => {
                let before = self.line.text().to_string();
                if !self.line.edit(ctx.keymap, key) {
                    return None;
                }
                if self.line.text() == before {
                    return Some(Step::stay());
                }
                self.history_pos = None;
                self.changed(ctx)
            }
        };
        Some(step)
    }
}

impl SearchBar {
    /// Pasted text: inserted at the cursor at once (line breaks and tabs
    /// as spaces, control characters left out), then one search.
    pub(super) fn paste(&mut self, ctx: &Ctx, text: &str) -> Step {
        let clean: String = crate::core::text::sanitise(text)
            .chars()
            .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
            .collect();
        if clean.is_empty() {
            return Step::stay();
        }
        self.line.0.insert_str(&clean);
        self.history_pos = None;
        self.changed(ctx)
    }
}

impl super::step::Room for SearchBar {
    fn mode(&self) -> &'static str {
        "SEARCH"
    }
    fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        SearchBar::update(self, ctx, action)
    }
    fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        SearchBar::key(self, ctx, key)
    }
    fn takes_text(&self, keymap: &Keymap, key: Key) -> bool {
        super::step::is_text_in(keymap, Mode::Search, key)
    }
    fn type_text(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        Some(SearchBar::paste(self, ctx, text))
    }
    fn paste(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        Some(SearchBar::paste(self, ctx, text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::KeyCode;
    use crate::core::Corpus;
    use crate::core::entity::EntityIndex;

    #[test]
    fn the_line_edits_like_a_shell() {
        let keys = Keymap::default();
        let mut l = QueryLine::default();
        for c in "lachin corridor".chars() {
            assert!(l.edit(&keys, Key::new(KeyCode::Char(c))));
        }
        assert_eq!(l.text(), "lachin corridor");
        l.edit(&keys, Key::ctrl('w'));
        assert_eq!(l.text(), "lachin ");
        l.edit(&keys, Key::new(KeyCode::Backspace));
        l.edit(&keys, Key::new(KeyCode::Home));
        l.edit(&keys, Key::new(KeyCode::Char('"')));
        assert_eq!(l.text(), "\"lachin");
        // Ctrl-u deletes back to the start of the line: the quote.
        l.edit(&keys, Key::ctrl('u'));
        assert_eq!(l.text(), "lachin");
        l.edit(&keys, Key::ctrl('e'));
        l.edit(&keys, Key::ctrl('u'));
        assert_eq!(l.text(), "");
        assert!(!l.edit(&keys, Key::new(KeyCode::Enter)));
        l.set("aliev");
        assert_eq!(l.text(), "aliev");
    }

    #[test]
    fn entities_match_by_name_or_alias_once_each() {
        let corpus = Corpus::bundled();
        let (index, _) = EntityIndex::build(&corpus);
        let m = match_entities(&index, "aliev");
        let first = index.entity(m[0].id).unwrap();
        assert_eq!(first.name, "Ilham Aliyev");
        assert!(m.len() <= MAX_ENTITIES);
        let ids: std::collections::HashSet<_> = m.iter().map(|e| e.id).collect();
        assert_eq!(ids.len(), m.len());
        assert!(match_entities(&index, "zzzzqqq").is_empty());
    }

    #[test]
    fn with_at_terms_the_entity_rows_match_the_last_one() {
        assert_eq!(entity_words("lachin corridor"), "lachin corridor");
        assert_eq!(entity_words("@lachin @rus"), "rus");
        assert_eq!(entity_words("@lachin"), "lachin");
        assert_eq!(entity_words("@lachin @csto treaty"), "csto");
        assert_eq!(entity_words("words @"), "");
        assert!(match_entities(&EntityIndex::default(), "").is_empty());
        let corpus = Corpus::bundled();
        let (index, _) = EntityIndex::build(&corpus);
        let m = match_entities(&index, entity_words("@lachin @russia"));
        assert_eq!(index.entity(m[0].id).unwrap().name, "Russia");
    }
}
