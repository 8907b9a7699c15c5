//! Search in the reader, as data: the requests sent to the search thread
//! and the results it sends back, the search run last ([`ActiveSearch`]),
//! the history of queries and its file. What the reader does with them
//! (highlights, `n`/`N`, the status line) is `searching.rs`; the search bar
//! is [`super::search_bar`]. Hits are stepped through and numbered in the
//! order of the result list the user chose from (its passages best first,
//! then the other hits in reading order), or in reading order when the
//! search was not run from that list. Nothing here knows the
//! [`App`](super::App).
//!
//! Searching never happens in [`App::update`](super::App::update): it returns
//! [`Effect::Search`](super::Effect::Search), the runtime hands the request to a search thread
//! (which builds the index at start), and the answer comes back through
//! [`Msg::Searched`](super::Msg::Searched). Each request has a number; an answer to anything
//! but the latest request is dropped, so typing never waits and stale
//! results never show. [`run`] is what the search thread does; tests call
//! it directly.

use std::ops::Range;

use crate::core::Corpus;
use crate::core::entity::{EntityId, EntityIndex, PassageRef};
use crate::core::search::{Hit, MAX_QUERY_WORDS, Query, SearchIndex, Synonyms, match_titles};

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
    pub(super) order: Vec<usize>,
    /// The result list chosen from, (article, passage from 1), best first;
    /// empty when the search was not run from a list.
    pub(super) ranked: Vec<(usize, usize)>,
    /// True once the hits have arrived.
    pub ready: bool,
    /// The hit to be on when they arrive (the passage Enter went to).
    pub(super) target: Option<(usize, usize)>,
    /// The request that finds them.
    pub(super) id: u64,
}

impl ActiveSearch {
    /// Puts the hits in the order of the result list chosen from.
    pub(super) fn order_hits(&mut self) {
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
    pub(super) fn rank_of(&self, i: usize) -> usize {
        self.order.iter().position(|&o| o == i).unwrap_or(i)
    }

    /// The hit at place `k` of the stepping order.
    pub(super) fn at_rank(&self, k: usize) -> usize {
        self.order.get(k).copied().unwrap_or(k)
    }
}

/// The reader's search state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchState {
    /// Queries run, oldest first, no repeats.
    pub history: Vec<String>,
    /// The number of the last request.
    pub(super) last_id: u64,
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
pub(super) struct HistoryFile {
    pub(super) version: u32,
    pub(super) queries: Vec<String>,
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

#[cfg(test)]
mod tests {
    use super::*;

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
