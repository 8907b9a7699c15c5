//! The reader searching: App's side of [`super::search`]. It numbers the
//! requests, takes the search thread's answers (the live ones go to the
//! search bar), makes a query the search run last (its hits highlighted in
//! the reading pane, `n`/`N` stepping through them across articles,
//! `hit 3/41` in the status bar), and keeps the history of queries.
//! Never searches itself: requests leave as [`Effect::Search`].

use super::count::plural;
use super::effect::Effect;
use super::highlight::{Highlight, HighlightKind};
use super::notice::Level;
use super::search::{ActiveSearch, HistoryFile, MAX_HISTORY, Scope, SearchRequest, SearchResults};
use super::state::{App, Stepping};
use crate::core::entity::{EntityId, Field};
use crate::core::search::{Query, passage_hit};

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
}
