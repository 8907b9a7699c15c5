//! Search in the reader, outside the search bar itself
//! ([`super::search_bar`]): the requests sent to the search thread and the
//! results it sends back, the search run last (its hits highlighted in the
//! reading pane, `n`/`N` stepping through them across articles, `hit 3/41`
//! in the status bar), and the history of queries. Hits are stepped through
//! and numbered in the order of the result list the user chose from (its
//! passages best first, then the other hits in reading order), or in reading
//! order when the search was not run from that list.
//!
//! Searching never happens in [`App::update`]: it returns
//! [`Effect::Search`], the runtime hands the request to a search thread
//! (which builds the index at start), and the answer comes back through
//! [`Msg::Searched`](super::Msg::Searched). Each request has a number; an answer to anything
//! but the latest request is dropped, so typing never waits and stale
//! results never show. [`run`] is what the search thread does; tests call
//! it directly.

use std::ops::Range;

use super::count::plural;
use super::highlight::{Highlight, HighlightKind};
use super::state::{App, Effect, Level, Stepping};
use crate::core::Corpus;
use crate::core::entity::{EntityId, EntityIndex, Field, PassageRef};
use crate::core::search::{
    Hit, MAX_QUERY_WORDS, Query, SearchIndex, Synonyms, match_titles, passage_hit,
};

/// Passages listed under the search bar.
pub const LIVE_PASSAGES: usize = 100;
/// Article titles listed above them.
pub const MAX_TITLES: usize = 3;
/// Queries kept in the history.
pub const MAX_HISTORY: usize = 200;
/// What a request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scope {
    /// The results under the search bar: matching titles and the best
    /// passages, with their sentences and highlights.
    Live,
    /// Where every hit is, in reading order, for highlighting and `n`/`N`.
    All,
}

/// A search for the search thread.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchRequest {
    /// Increases with every request; answers to older ones are dropped.
    pub id: u64,
    /// The query as typed.
    pub text: String,
    /// What to find.
    pub scope: Scope,
}

/// The search thread's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchResults {
    /// The request answered.
    pub id: u64,
    /// Its scope.
    pub scope: Scope,
    /// The query as parsed (with the entities' aliases).
    pub query: Query,
    /// Articles whose title matches, best first, with the bytes to
    /// highlight ([`Scope::Live`]).
    pub titles: Vec<(usize, Vec<Range<usize>>)>,
    /// The best passages ([`Scope::Live`]).
    pub passages: Vec<Hit>,
    /// Every hit as (article, passage number from 1), in reading order
    /// ([`Scope::All`]).
    pub positions: Vec<(usize, usize)>,
    /// When the query was too long to rank as typed: how many of its
    /// words were searched, of how many ([`MAX_QUERY_WORDS`]).
    pub cut: Option<(usize, usize)>,
    /// When an `@name` of the query names no entity: what to tell the
    /// user (then nothing is found).
    pub problem: Option<String>,
    /// Words looked for ([`Scope::Live`]).
    pub words: usize,
    /// The most of them any passage has: `words` when some passage has
    /// them all; fewer when the passages shown are partial matches.
    pub best_matched: usize,
    /// The words no passage has, as typed (folded).
    pub unmatched: Vec<String>,
}

/// Answers a request: what the search thread does. `entities` resolves the
/// query's `@name` terms to the passages that mention them all (as
/// `dossier search` does); without it they are ignored.
pub fn run(
    index: &SearchIndex,
    corpus: &Corpus,
    synonyms: &dyn Synonyms,
    entities: Option<&EntityIndex>,
    req: &SearchRequest,
) -> SearchResults {
    let parsed = Query::parse_with(&req.text, synonyms);
    // A pasted paragraph is ranked by its most distinctive words (the
    // core decides which); the same query then gives the hits to step
    // through.
    let (query, cut) = match index.for_ranking(&parsed) {
        Some((short, from)) => (short, from.map(|n| (MAX_QUERY_WORDS, n))),
        None => (parsed, None),
    };
    let mut out = SearchResults {
        id: req.id,
        scope: req.scope,
        query,
        titles: Vec::new(),
        passages: Vec::new(),
        positions: Vec::new(),
        cut,
        problem: None,
        words: 0,
        best_matched: 0,
        unmatched: Vec::new(),
    };
    let within = match entities.map(|e| passages_of_all(e, &out.query.entities)) {
        Some(Err(problem)) => {
            out.problem = Some(problem);
            return out;
        }
        Some(Ok(w)) => w,
        None => None,
    };
    let within = within.as_deref();
    match req.scope {
        Scope::Live => {
            out.titles = match_titles(corpus, &out.query);
            if let Some(w) = within {
                out.titles.retain(|(a, _)| w.iter().any(|p| p.0 == *a));
            }
            out.titles.truncate(MAX_TITLES);
            let found = index.lookup(corpus, &out.query, LIVE_PASSAGES, within);
            out.words = found.terms;
            out.best_matched = found.best_matched;
            out.unmatched = found.unmatched;
            out.passages = found.hits;
        }
        Scope::All => out.positions = index.positions_within(&out.query, within),
    }
    out
}

/// The passages that mention every entity `names` names (any of its
/// names, or a word of one: `@lachin`); `None` when there are no names.
/// A name that names nothing is an error saying so, with the closest
/// names.
pub fn passages_of_all(
    entities: &EntityIndex,
    names: &[String],
) -> Result<Option<Vec<PassageRef>>, String> {
    let mut ids = Vec::with_capacity(names.len());
    for name in names {
        let Some(id) = entities.resolve(name) else {
            let close: Vec<String> = entities
                .suggest(name, 3)
                .into_iter()
                .filter_map(|s| entities.entity(s))
                .map(|e| format!("“{}”", e.name))
                .collect();
            let hint = match close.is_empty() {
                true => String::new(),
                false => format!("; did you mean {}?", close.join(", ")),
            };
            return Err(format!("No entity is named “@{name}”{hint}"));
        };
        ids.push(id);
    }
    Ok((!ids.is_empty()).then(|| entities.passages_with_all(&ids)))
}

/// The search run last (with Enter): its hits are highlighted and `n`/`N`
/// step through them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveSearch {
    /// The query as typed.
    pub text: String,
    /// As parsed, for highlighting.
    pub query: Query,
    /// The entities its `@name` terms name, whose mentions in the hits
    /// are highlighted like the words.
    pub entities: Vec<EntityId>,
    /// Every hit, (article, passage from 1), in reading order; empty until
    /// `ready`.
    pub hits: Vec<(usize, usize)>,
    /// The hit the reader is on (index in `hits`).
    pub on: Option<usize>,
    /// The order `n` steps in and hits are numbered in, as indices in
    /// `hits`: the result list's order when a result was chosen from it
    /// (its passages first, then the other hits in reading order); empty
    /// for reading order.
    order: Vec<usize>,
    /// The result list chosen from, (article, passage from 1), best first;
    /// empty when the search was not run from a list.
    ranked: Vec<(usize, usize)>,
    /// True once the hits have arrived.
    pub ready: bool,
    /// The hit to be on when they arrive (the passage Enter went to).
    target: Option<(usize, usize)>,
    /// The request that finds them.
    id: u64,
}

impl ActiveSearch {
    /// Puts the hits in the order of the result list chosen from.
    fn order_hits(&mut self) {
        self.order.clear();
        if self.ranked.is_empty() {
            return;
        }
        let mut taken = vec![false; self.hits.len()];
        for r in &self.ranked {
            if let Ok(i) = self.hits.binary_search(r)
                && !std::mem::replace(&mut taken[i], true)
            {
                self.order.push(i);
            }
        }
        self.order
            .extend((0..self.hits.len()).filter(|&i| !taken[i]));
    }

    /// Where hit `i` comes in the stepping order (from 0).
    fn rank_of(&self, i: usize) -> usize {
        self.order.iter().position(|&o| o == i).unwrap_or(i)
    }

    /// The hit at place `k` of the stepping order.
    fn at_rank(&self, k: usize) -> usize {
        self.order.get(k).copied().unwrap_or(k)
    }
}

/// The reader's search state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    /// Queries run, oldest first, no repeats.
    pub history: Vec<String>,
    /// The number of the last request.
    last_id: u64,
    /// The search run last, if any.
    pub active: Option<ActiveSearch>,
}

impl SearchState {
    /// The number the next request gets.
    pub(super) fn next_id(&self) -> u64 {
        self.last_id + 1
    }

    /// Request `id` was sent: answers to earlier ones are now stale.
    pub(super) fn sent(&mut self, id: u64) {
        self.last_id = self.last_id.max(id);
    }
}

/// The history file's content: `{"version": 1, "queries": [...]}`.
#[derive(serde::Serialize, serde::Deserialize)]
struct HistoryFile {
    version: u32,
    queries: Vec<String>,
}

/// Reads a history file's text.
pub fn parse_history(text: &str) -> Result<Vec<String>, String> {
    let f: HistoryFile = serde_json::from_str(text).map_err(|e| e.to_string())?;
    if f.version != 1 {
        return Err(format!(
            "version {} is not one this dossier knows (1)",
            f.version
        ));
    }
    let mut q: Vec<String> = f
        .queries
        .into_iter()
        .filter(|s| !s.trim().is_empty())
        .collect();
    let extra = q.len().saturating_sub(MAX_HISTORY);
    q.drain(..extra);
    Ok(q)
}

impl App {
    /// A new request for the search thread.
    pub(super) fn search_request(&mut self, text: &str, scope: Scope) -> SearchRequest {
        self.search.last_id += 1;
        SearchRequest {
            id: self.search.last_id,
            text: text.to_string(),
            scope,
        }
    }

    /// Takes the search thread's answer; answers to anything but the latest
    /// request are dropped. Returns what the runtime must do when the answer
    /// completes an Enter pressed while it was on its way.
    pub(super) fn search_done(&mut self, results: SearchResults) -> Option<Effect> {
        match results.scope {
            Scope::Live => {
                let Some(super::Overlay::Search(mut bar)) = self.overlay.take() else {
                    return None;
                };
                // The bar's border shows the message on screen; an answer
                // to an older request (the name since corrected) says
                // nothing.
                if let Some(problem) = &results.problem
                    && results.id == self.search.last_id
                {
                    self.notify(problem.clone(), Level::Warning);
                }
                let step = bar.take_results(&self.ctx(), results);
                let step = step.unwrap_or_else(super::step::Step::stay);
                self.finish_step(super::Overlay::Search(bar), step)
            }
            Scope::All => {
                let active = self.search.active.as_mut().filter(|a| a.id == results.id)?;
                active.hits = results.positions;
                active.query = results.query;
                active.ready = true;
                active.order_hits();
                active.on = active
                    .target
                    .take()
                    .and_then(|t| active.hits.binary_search(&t).ok());
                if let Some(problem) = results.problem {
                    self.notify(problem, Level::Warning);
                } else if active.hits.is_empty() {
                    let text = format!("No passage matches “{}”", active.text);
                    self.notify(text, Level::Info);
                }
                None
            }
        }
    }

    /// Makes `text` (parsed as `query`) the search run last: remembered in
    /// the history, its hits asked for, the reader on `target` if given.
    /// `ranked` is the result list the user chose from, best first: `n`
    /// steps and hits are numbered in its order (empty: reading order).
    /// Returns the effects: the request and saving the history.
    pub(super) fn run_search(
        &mut self,
        text: &str,
        query: Query,
        target: Option<(usize, usize)>,
        ranked: Vec<(usize, usize)>,
    ) -> Vec<Effect> {
        let req = self.search_request(text, Scope::All);
        let entities = query
            .entities
            .iter()
            .filter_map(|n| self.entities.resolve(n))
            .collect();
        self.search.active = Some(ActiveSearch {
            text: text.to_string(),
            query,
            entities,
            hits: Vec::new(),
            on: None,
            order: Vec::new(),
            ranked,
            ready: false,
            target,
            id: req.id,
        });
        self.stepping = Some(Stepping::Search);
        self.remember_query(text);
        vec![Effect::Search(req), Effect::SaveHistory]
    }

    /// Asks again for the hits of the search run last (the articles were
    /// reloaded); the reader is on none of them until they arrive.
    pub(super) fn search_again(&mut self) -> Option<Effect> {
        let text = self.search.active.as_ref()?.text.clone();
        let req = self.search_request(&text, Scope::All);
        let active = self.search.active.as_mut()?;
        active.id = req.id;
        active.hits.clear();
        active.order.clear();
        active.ranked.clear();
        active.on = None;
        active.ready = false;
        active.target = None;
        Some(Effect::Search(req))
    }

    /// Makes `text` the search run last with its hits already known (the
    /// passages two entities share, from the co-occurrence view): nothing
    /// is asked of the search thread, and an answer to an earlier request
    /// is dropped. Returns the effects (saving the history).
    pub(super) fn run_known_search(
        &mut self,
        text: &str,
        entities: Vec<EntityId>,
        hits: Vec<(usize, usize)>,
    ) -> Vec<Effect> {
        self.search.last_id += 1;
        self.search.active = Some(ActiveSearch {
            text: text.to_string(),
            query: Query::parse(text),
            entities,
            hits,
            on: None,
            order: Vec::new(),
            ranked: Vec::new(),
            ready: true,
            target: None,
            id: self.search.last_id,
        });
        self.stepping = Some(Stepping::Search);
        self.remember_query(text);
        vec![Effect::SaveHistory]
    }

    /// Adds a query to the end of the history (moving it there if it was
    /// already in).
    pub(super) fn remember_query(&mut self, text: &str) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        let h = &mut self.search.history;
        h.retain(|q| q != text);
        h.push(text.to_string());
        let extra = h.len().saturating_sub(MAX_HISTORY);
        h.drain(..extra);
    }

    /// The queries searched, oldest first.
    pub fn search_history(&self) -> &[String] {
        &self.search.history
    }

    /// Puts back the history read at start.
    pub(super) fn set_search_history(&mut self, queries: Vec<String>) {
        self.search.history = queries;
    }

    /// What the history file should hold now.
    pub fn search_history_json(&self) -> String {
        let f = HistoryFile {
            version: 1,
            queries: self.search.history.clone(),
        };
        serde_json::to_string_pretty(&f).unwrap_or_default()
    }

    /// The search run last, if any.
    pub fn active_search(&self) -> Option<&ActiveSearch> {
        self.search.active.as_ref()
    }

    /// Forgets the search run last (its highlights go).
    pub(super) fn clear_search(&mut self) {
        if let Some(a) = self.search.active.take() {
            self.notify(format!("Search “{}” cleared", a.text), Level::Info);
        }
        if self.stepping == Some(Stepping::Search) {
            self.stepping = None;
        }
    }

    /// `n` / `N` on search hits: the next (or previous) hit in reading
    /// order from the passage cursor, crossing articles and wrapping.
    pub(super) fn step_hit(&mut self, forward: bool) -> Option<Effect> {
        let here = (self.open, self.cursor() + 1);
        let active = self.search.active.as_ref()?;
        if !active.ready {
            self.notify(
                "Still finding every hit; try again in a moment",
                Level::Info,
            );
            return None;
        }
        let hits = &active.hits;
        if hits.is_empty() {
            let text = format!("No passage matches “{}”", active.text);
            self.notify(text, Level::Info);
            return None;
        }
        let on_here = active.on.filter(|&i| hits.get(i) == Some(&here));
        let (index, wrapped) = match (on_here.map(|i| active.rank_of(i)), forward) {
            (Some(k), true) => {
                let (k, w) = next_index(k + 1, hits.len());
                (active.at_rank(k), w)
            }
            (Some(k), false) => {
                let (k, w) = prev_index(k, hits.len());
                (active.at_rank(k), w)
            }
            (None, true) => next_index(hits.partition_point(|h| *h < here), hits.len()),
            (None, false) => prev_index(hits.partition_point(|h| *h < here), hits.len()),
        };
        if let Some(a) = self.search.active.as_mut() {
            a.on = Some(index);
        }
        if wrapped {
            let text = if forward {
                "Past the last hit: back to the first"
            } else {
                "Before the first hit: on to the last"
            };
            self.notify(text, Level::Info);
        }
        self.go_to_hit(index)
    }

    /// After a move that is not a step (`Ctrl-o`, `Ctrl-t`): the hit the
    /// reader is on becomes the one of the passage under the cursor, or
    /// none.
    pub(super) fn resync_hit(&mut self) {
        let here = (self.open, self.cursor() + 1);
        if let Some(a) = self.search.active.as_mut().filter(|a| a.ready) {
            a.on = a.hits.binary_search(&here).ok();
        }
    }

    /// Moves the reader to hit `index` of the search run last: its first
    /// match, a jump.
    fn go_to_hit(&mut self, index: usize) -> Option<Effect> {
        let active = self.search.active.as_ref()?;
        let &(article, passage) = active.hits.get(index)?;
        let at = passage_hit(&self.corpus, &active.query, article, passage)
            .and_then(|h| h.matches.first().map(|m| m.start))
            .or_else(|| {
                let a = self.corpus.articles.get(article)?;
                a.passage(passage).map(|p| p.range.start)
            })?;
        self.focus = super::state::Focus::Reader;
        self.jump_to(article, at)
    }

    /// The hits of the search run last in the body of `article`, the one
    /// the reader is on marked as current.
    pub(super) fn search_highlights(&self, article: usize, out: &mut Vec<Highlight>) {
        let Some(active) = self.search.active.as_ref().filter(|a| a.ready) else {
            return;
        };
        let hits = &active.hits;
        let first = hits.partition_point(|h| h.0 < article);
        let last = hits.partition_point(|h| h.0 <= article);
        for (i, &(_, passage)) in hits.iter().enumerate().take(last).skip(first) {
            let kind = if active.on == Some(i) {
                HighlightKind::CurrentHit
            } else {
                HighlightKind::SearchHit
            };
            // The `@name` entities' mentions in the passage.
            for &id in &active.entities {
                let here = self
                    .entities
                    .mentions_in(id, article)
                    .iter()
                    .filter(|m| m.field() == Field::Body && m.passage() == passage);
                out.extend(here.map(|m| Highlight {
                    range: m.range(),
                    kind,
                }));
            }
            let Some(hit) = passage_hit(&self.corpus, &active.query, article, passage) else {
                continue;
            };
            out.extend(
                hit.matches
                    .into_iter()
                    .map(|range| Highlight { range, kind }),
            );
        }
    }

    /// The status line while stepping through search hits:
    /// `“lachin corridor” · hit 3/41`, or its totals when the reader is not
    /// on a hit.
    pub fn search_status(&self) -> Option<String> {
        if self.stepping != Some(Stepping::Search) {
            return None;
        }
        let a = self.search.active.as_ref()?;
        if !a.ready {
            return Some(format!("“{}” · finding hits…", a.text));
        }
        let n = a.hits.len();
        Some(match a.on {
            Some(i) => format!("“{}” · hit {}/{n}", a.text, a.rank_of(i) + 1),
            None => {
                let here = a.hits.iter().filter(|h| h.0 == self.open).count();
                let articles = count_articles(&a.hits);
                format!(
                    "“{}” · {n} hit{} in {articles} article{} · {here} here",
                    a.text,
                    plural(n),
                    plural(articles)
                )
            }
        })
    }

    /// `n` / `N`: search hits or mentions, whichever was chosen last.
    pub(super) fn step_match(&mut self, forward: bool) -> Option<Effect> {
        match self.stepping {
            Some(Stepping::Mentions) => self.step_mention(forward),
            Some(Stepping::Search) => self.step_hit(forward),
            None => {
                let search = self
                    .keymap
                    .hint(super::Action::OpenSearch)
                    .map(|k| format!("{k} searches, "))
                    .unwrap_or_default();
                let how = self.how_to_follow();
                self.notify(
                    format!("Nothing to step through: {search}{how}"),
                    Level::Info,
                );
                None
            }
        }
    }
}

/// Index `i` in a list of `n`, wrapping past the end: (index, wrapped).
fn next_index(i: usize, n: usize) -> (usize, bool) {
    if i >= n { (0, true) } else { (i, false) }
}

/// The index before `i` in a list of `n`, wrapping before the start.
fn prev_index(i: usize, n: usize) -> (usize, bool) {
    if i == 0 {
        (n - 1, true)
    } else {
        (i - 1, false)
    }
}

fn count_articles(hits: &[(usize, usize)]) -> usize {
    let mut n = 0;
    let mut last = None;
    for h in hits {
        if last != Some(h.0) {
            n += 1;
            last = Some(h.0);
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_indices() {
        assert_eq!(next_index(3, 3), (0, true));
        assert_eq!(next_index(1, 3), (1, false));
        assert_eq!(prev_index(0, 3), (2, true));
        assert_eq!(prev_index(2, 3), (1, false));
        assert_eq!(count_articles(&[(0, 1), (0, 4), (2, 1)]), 2);
    }

    #[test]
    fn history_files_round_trip_and_bad_ones_are_errors() {
        let f = HistoryFile {
            version: 1,
            queries: vec!["lachin".into(), " ".into(), "aliev".into()],
        };
        let text = serde_json::to_string(&f).unwrap();
        assert_eq!(parse_history(&text).unwrap(), ["lachin", "aliev"]);
        assert!(parse_history("{ nope").is_err());
        assert!(
            parse_history(r#"{"version": 9, "queries": []}"#)
                .unwrap_err()
                .contains("version 9")
        );
    }

    #[test]
    fn run_answers_live_and_all_requests() {
        let corpus = Corpus::bundled();
        let index = SearchIndex::build(&corpus);
        let live = SearchRequest {
            id: 7,
            text: "russia lachin".into(),
            scope: Scope::Live,
        };
        let r = run(&index, &corpus, &(), None, &live);
        assert_eq!(r.id, 7);
        assert!(r.positions.is_empty());
        assert!(!r.passages.is_empty());
        let all = SearchRequest {
            scope: Scope::All,
            text: "lachin".into(),
            ..live
        };
        let r = run(&index, &corpus, &(), None, &all);
        assert!(r.passages.is_empty());
        assert!(r.positions.len() >= 5);
        assert!(r.positions.windows(2).all(|w| w[0] < w[1]));
        let t = run(
            &index,
            &corpus,
            &(),
            None,
            &SearchRequest {
                id: 1,
                text: "betrayl".into(),
                scope: Scope::Live,
            },
        );
        assert_eq!(t.titles[0].0, 2);
    }
}
