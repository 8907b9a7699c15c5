//! Ranked lookup that degrades gracefully: the passages with every term
//! first (ranked by [`super::rank`]), then, when there are fewer of them
//! than asked for, the passages with some of the terms (ranked by
//! [`super::partial`], plus how close together the matched words stand),
//! and what the bar and the command line should say about it: whether any
//! passage has every term, the most terms any passage has, the terms that
//! match nothing.
//!
//! A caller may restrict the answer to a set of passages (the passages
//! where some entities are mentioned, for `@name` terms): see
//! [`SearchIndex::lookup`]. Nothing here prints or panics.

use super::exec::{self, Candidate, PassageSet};
use super::partial::Partial;
use super::scan::{Prepared, match_partial};
use super::{Hit, Query, SearchIndex};
use crate::core::corpus::Corpus;
use crate::core::text::fold;

/// Bit set in the score of a hit that has every term: above any partial
/// match's score.
pub(crate) const ALL_TERMS: u64 = 1 << 48;

/// Extra candidates whose details are read to weigh proximity, beyond
/// those that are shown.
const PROXIMITY_EXTRA: usize = 20;

/// A query of more words than this (a pasted paragraph) is looked up by
/// this many of its most distinctive words: the rarest in the corpus.
pub const MAX_QUERY_WORDS: usize = 32;

/// The answer to a lookup.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Lookup {
    /// The passages, best first: all with every term, then partial matches.
    pub hits: Vec<Hit>,
    /// Positive terms in the query (the words looked for).
    pub terms: usize,
    /// True when some passage has every term.
    pub all_terms: bool,
    /// The most terms any passage has (`terms` when `all_terms`).
    pub best_matched: usize,
    /// The terms (as typed, folded) that no passage has.
    pub unmatched: Vec<String>,
    /// What to tell the user when not every term was found together, e.g.
    /// "no passage has all 4 words; best matches with 3"; `None` when some
    /// passage has them all.
    pub note: Option<String>,
    /// When the query had more than [`MAX_QUERY_WORDS`] different words:
    /// how many it had. The lookup used the most distinctive of them only.
    pub shortened_from: Option<usize>,
}

impl Lookup {
    /// What to tell the user when the query was cut to its most
    /// distinctive words, e.g. "long query: looked up by its 32 most
    /// distinctive words of 1740".
    pub fn shortened_note(&self) -> Option<String> {
        self.shortened_from.map(|n| {
            format!("long query: looked up by its {MAX_QUERY_WORDS} most distinctive words of {n}")
        })
    }
}

/// The note for a lookup that found no passage with every term.
fn note(terms: usize, best: usize, unmatched: &[String]) -> Option<String> {
    if terms == 0 || best == terms {
        return None;
    }
    let words = if terms == 1 { "word" } else { "words" };
    let mut s = if best == 0 {
        format!("no passage has any of the {terms} {words}")
    } else if terms == 1 {
        "no passage has this word".to_string()
    } else {
        format!("no passage has all {terms} {words}; best matches with {best}")
    };
    if best > 0 && !unmatched.is_empty() {
        let list: Vec<String> = unmatched.iter().map(|u| format!("“{u}”")).collect();
        s.push_str(&format!("; nothing matches {}", list.join(", ")));
    }
    Some(s)
}

impl SearchIndex {
    /// The global numbers of `within`'s passages: (article index, passage
    /// number from 1); pairs that name no passage are ignored.
    fn passage_set(&self, within: &[(usize, usize)]) -> PassageSet {
        let mut set = PassageSet::new(self.passages.len());
        for &(a, p) in within {
            let (Some(&start), Some(&end)) =
                (self.article_start.get(a), self.article_start.get(a + 1))
            else {
                continue;
            };
            if p >= 1 && start + (p as u32 - 1) < end {
                set.insert(start + p as u32 - 1);
            }
        }
        set
    }

    /// The best `limit` passages for `query`, best first, with partial
    /// matches when fewer than `limit` passages have every term; only among
    /// `within`'s passages ((article index, passage number from 1)) when
    /// given. A query with no word looks for nothing, unless `within` is
    /// given: then its passages are the answer, in reading order.
    pub fn lookup(
        &self,
        corpus: &Corpus,
        query: &Query,
        limit: usize,
        within: Option<&[(usize, usize)]>,
    ) -> Lookup {
        let (short, shortened_from) = self.distinctive(query);
        let mut found = self.lookup_all(corpus, short.as_ref().unwrap_or(query), limit, within);
        found.shortened_from = shortened_from;
        found
    }

    /// The query that is ranked for `query`: `None` when it is ranked as
    /// typed; else the query with each word once and, when it had more
    /// than [`MAX_QUERY_WORDS`] different words (a pasted paragraph), only
    /// its most distinctive ones, with how many different words it had.
    /// [`SearchIndex::lookup`] does this itself; callers that also ask
    /// [`SearchIndex::positions`] for the same query use it first.
    pub fn for_ranking(&self, query: &Query) -> Option<(Query, Option<usize>)> {
        match self.distinctive(query) {
            (Some(q), from) => Some((q, from)),
            (None, _) => None,
        }
    }

    /// `query` cut to its [`MAX_QUERY_WORDS`] most distinctive different
    /// words, in the order typed, when it has more; with how many it had.
    /// A word's weight is how often the corpus has it (its postings'
    /// bytes): the rarer, the more it tells one passage from another. A
    /// word the corpus does not have as written (a typo, a word of another
    /// text) comes after every word it has. Excluded words and `@name`
    /// terms are all kept.
    fn distinctive(&self, query: &Query) -> (Option<Query>, Option<usize>) {
        let mut seen = std::collections::HashSet::new();
        let distinct: Vec<usize> = (0..query.terms.len())
            .filter(|&i| !query.terms[i].negated && seen.insert(query.terms[i].text.as_str()))
            .collect();
        let positive = query.positive().count();
        if distinct.len() <= MAX_QUERY_WORDS && distinct.len() == positive {
            return (None, None);
        }
        let weight = |i: usize| -> usize {
            let term = &query.terms[i];
            let Some(alt) = term.alternatives.first() else {
                return usize::MAX;
            };
            alt.words
                .iter()
                .map(|w| {
                    let id = self.lower_bound(w);
                    if (id as usize) < self.vocab_ends.len() && self.word(id) == w {
                        self.postings_len(id)
                    } else {
                        usize::MAX / 2
                    }
                })
                .min()
                .unwrap_or(usize::MAX)
        };
        let mut ranked: Vec<(usize, usize)> = distinct.iter().map(|&i| (weight(i), i)).collect();
        ranked.sort();
        let mut keep: Vec<usize> = ranked
            .iter()
            .take(MAX_QUERY_WORDS)
            .map(|&(_, i)| i)
            .collect();
        keep.sort_unstable();
        let mut short = Query {
            terms: keep.iter().map(|&i| query.terms[i].clone()).collect(),
            entities: query.entities.clone(),
        };
        short
            .terms
            .extend(query.terms.iter().filter(|t| t.negated).cloned());
        let from = (distinct.len() > MAX_QUERY_WORDS).then_some(distinct.len());
        (Some(short), from)
    }

    /// [`SearchIndex::lookup`] of a query already cut to size.
    fn lookup_all(
        &self,
        corpus: &Corpus,
        query: &Query,
        limit: usize,
        within: Option<&[(usize, usize)]>,
    ) -> Lookup {
        let prepared = Prepared::new(query);
        let terms = query.positive().count();
        if limit == 0 || (query.terms.is_empty() && within.is_none()) {
            return Lookup {
                terms,
                ..Lookup::default()
            };
        }
        let set = within.map(|w| self.passage_set(w));
        let mut looked_up = None;
        let full = match &set {
            Some(s) => self.full(&prepared, Some(s), Some(limit)),
            // Exact matches first: when there are enough of them, quicker
            // than any shortcut.
            None => {
                let plans = &*looked_up.insert(self.plans(&prepared));
                self.exact_candidates(plans, limit)
                    .or_else(|| self.shortlisted(corpus, &prepared, plans, limit))
                    .unwrap_or_else(|| self.all_candidates(plans, Some(limit)))
            }
        };
        let all_terms = !full.is_empty();
        let best = if terms == 0 && within.is_some() {
            // Only `@name` terms: the passages in reading order.
            full.into_iter().take(limit).collect()
        } else {
            exec::top(full, limit)
        };
        let mut hits: Vec<Hit> = best
            .iter()
            .filter_map(|c| self.hit(corpus, &prepared, c.passage, c.rank))
            .collect();
        let mut best_matched = if all_terms { terms } else { 0 };
        let mut unmatched = Vec::new();
        if terms >= 2 && hits.len() < limit {
            let need = limit - hits.len();
            let plans = looked_up.unwrap_or_else(|| self.plans(&prepared));
            let read = need.saturating_add(PROXIMITY_EXTRA);
            let partial = self.partial_top(&plans, set.as_ref(), read);
            best_matched = best_matched.max(partial.best_count);
            let positive: Vec<&str> = query.positive().map(|t| t.text.as_str()).collect();
            unmatched = partial
                .found
                .iter()
                .zip(&positive)
                .filter(|(f, _)| !**f)
                .map(|(_, t)| t.to_string())
                .collect();
            hits.extend(self.best_partial(corpus, &prepared, partial.passages, need));
        } else if terms == 1 && !all_terms {
            unmatched = query.positive().map(|t| t.text.clone()).collect();
        }
        Lookup {
            note: note(terms, best_matched, &unmatched),
            shortened_from: None,
            hits,
            terms,
            all_terms,
            best_matched,
            unmatched,
        }
    }

    /// The passages with every term (in `set`'s, when given), in reading
    /// order; with `enough`, possibly only the best of them (see
    /// [`SearchIndex::candidates`]).
    fn full(
        &self,
        prepared: &Prepared,
        set: Option<&PassageSet>,
        enough: Option<usize>,
    ) -> Vec<Candidate> {
        match set {
            None => self.candidates(prepared, enough),
            Some(s) => {
                let mut c = self.candidates(prepared, None);
                c.retain(|c| s.contains(c.passage));
                c
            }
        }
    }

    /// The `need` best partial matches, with their details: the best by
    /// score are read, a few more than needed, and their score grows when
    /// the matched words stand close together.
    fn best_partial(
        &self,
        corpus: &Corpus,
        prepared: &Prepared,
        mut rest: Vec<Partial>,
        need: usize,
    ) -> Vec<Hit> {
        let words = |p: &Partial| self.passages[p.passage as usize].words;
        let order = |a: &Partial, b: &Partial| self.partial_order(a, b);
        let read = need.saturating_add(PROXIMITY_EXTRA).min(rest.len());
        if read == 0 {
            return Vec::new();
        }
        if rest.len() > read {
            rest.select_nth_unstable_by(read - 1, order);
            rest.truncate(read);
        }
        let mut scored: Vec<(f32, u32, u32, Hit)> = rest
            .iter()
            .filter_map(|p| {
                let hit = self.partial_hit(corpus, prepared, p.passage)?;
                let bonus = if hit.matched.len() >= 2 {
                    0.2 / (1.0 + hit.rank.gap as f32 / 3.0)
                } else {
                    0.0
                };
                Some((p.score * (1.0 + bonus), words(p), p.passage, hit))
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        scored.truncate(need);
        scored
            .into_iter()
            .map(|(s, _, _, mut h)| {
                h.score = ((s * 10_000.0) as u64).min(ALL_TERMS - 1);
                h
            })
            .collect()
    }

    /// The details of a partial match in global passage `global`.
    fn partial_hit(&self, corpus: &Corpus, q: &Prepared, global: u32) -> Option<Hit> {
        let (ai, pi) = self.locate(global);
        let article = corpus.articles.get(ai)?;
        let folded = fold(article.passage_text(article.passages.get(pi)?));
        let m = match_partial(&folded.text, q, &self.matcher)?;
        Some(super::details(ai, article, pi, &folded, m, q))
    }

    /// Where `query` matches, in reading order (article index, passage
    /// number from 1): the passages with every term; when there are none,
    /// the passages with the most terms any passage has. Only among
    /// `within`'s passages when given.
    pub fn positions_within(
        &self,
        query: &Query,
        within: Option<&[(usize, usize)]>,
    ) -> Vec<(usize, usize)> {
        if query.terms.is_empty() && within.is_none() {
            return Vec::new();
        }
        let prepared = Prepared::new(query);
        let set = within.map(|w| self.passage_set(w));
        let full = self.full(&prepared, set.as_ref(), None);
        let globals: Vec<u32> = if !full.is_empty() || query.positive().count() < 2 {
            full.iter().map(|c| c.passage).collect()
        } else {
            let partial = self.partial(&prepared, set.as_ref());
            let best = partial.best_count();
            partial
                .passages
                .iter()
                .filter(|p| p.count() == best && best > 0)
                .map(|p| p.passage)
                .collect()
        };
        globals
            .into_iter()
            .map(|g| {
                let (a, p) = self.locate(g);
                (a, p + 1)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::test_corpus;

    fn look(text: &[&str], q: &str, limit: usize) -> (Corpus, Lookup) {
        let c = test_corpus(text);
        let idx = SearchIndex::build(&c);
        let l = idx.lookup(&c, &Query::parse(q), limit, None);
        (c, l)
    }

    #[test]
    fn a_pasted_paragraph_is_looked_up_by_its_rarest_words() {
        // Many passages share the common words; one has the rare ones.
        let common = "the war and the people of the region in the year of the talks";
        let mut paras = vec![format!("{common} went on")];
        for i in 0..30 {
            paras.push(format!("{common} number{i} again"));
        }
        let target = format!(
            "{common} with hakobyan zangezur canback tatikyan velvet revolution lachin \
             hakari bridge stepanakert airport crowd"
        );
        paras.push(target.clone());
        let text = format!("T\n\n{}", paras.join("\n\n"));
        // The pasted text: the target passage and noise around it, well over
        // the word limit.
        let noise: Vec<String> = (0..60).map(|i| format!("filler{i}")).collect();
        let query = format!(
            "{} {target} {}",
            noise[..30].join(" "),
            noise[30..].join(" ")
        );
        let (_, l) = look(&[text.as_str()], &query, 5);
        assert_eq!(l.hits[0].passage, paras.len(), "{:?}", l.hits.first());
        let from = l.shortened_from.expect("the query was cut");
        assert!(from > MAX_QUERY_WORDS, "{from}");
        assert_eq!(l.terms, MAX_QUERY_WORDS);
        assert!(
            l.shortened_note()
                .unwrap()
                .contains("32 most distinctive words")
        );
    }

    #[test]
    fn a_short_query_is_not_cut() {
        let (_, l) = look(&["T\n\nlachin corridor"], "lachin corridor", 5);
        assert_eq!(l.shortened_from, None);
        assert_eq!(l.shortened_note(), None);
    }

    #[test]
    fn passages_with_every_word_come_first_then_partial_matches() {
        let (_, l) = look(
            &["T\n\nlachin corridor blocked\n\nlachin corridor\n\nthe corridor was blocked"],
            "lachin corridor blocked",
            10,
        );
        let ps: Vec<usize> = l.hits.iter().map(|h| h.passage).collect();
        assert_eq!(ps, [1, 2, 3]);
        assert!(l.all_terms && l.note.is_none());
        assert_eq!(l.hits[1].matched, [0, 1]);
        assert_eq!(l.hits[0].terms, 3);
        assert!(l.hits[0].score > l.hits[1].score);
    }

    #[test]
    fn a_wrong_word_still_finds_the_passage_and_says_so() {
        let (c, l) = look(
            &["T\n\nthe peacekeepers stood by at the lachin corridor\n\nthe weather was fine"],
            "peacekeepers lachin corridor stalingrad",
            10,
        );
        assert_eq!(l.hits.len(), 1);
        assert_eq!(l.hits[0].matched, [0, 1, 2]);
        assert!(!l.all_terms);
        assert_eq!(l.best_matched, 3);
        assert_eq!(l.unmatched, ["stalingrad"]);
        assert_eq!(
            l.note.as_deref(),
            Some("no passage has all 4 words; best matches with 3; nothing matches “stalingrad”")
        );
        let t = &c.articles[0].text;
        let lit: Vec<&str> = l.hits[0].matches.iter().map(|r| &t[r.clone()]).collect();
        assert_eq!(lit, ["peacekeepers", "lachin", "corridor"]);
    }

    #[test]
    fn rare_words_and_close_words_rank_first() {
        let (_, l) = look(
            &[
                "T\n\nthe army and the river\n\nthe army moved\n\nzebra army\n\narmy far far far far far far far zebra",
            ],
            "army zebra river",
            10,
        );
        // river is in one passage, zebra in two, army in all four: the
        // river passage first, then zebra near army before zebra far away.
        let ps: Vec<usize> = l.hits.iter().map(|h| h.passage).collect();
        assert_eq!(ps, [1, 3, 4, 2]);
    }

    #[test]
    fn within_restricts_the_passages() {
        let c = test_corpus(&["A\n\nlachin one\n\nlachin two", "B\n\nlachin three"]);
        let idx = SearchIndex::build(&c);
        let q = Query::parse("lachin");
        let l = idx.lookup(&c, &q, 10, Some(&[(0, 2), (1, 1), (7, 1), (0, 9)]));
        let ps: Vec<(usize, usize)> = l.hits.iter().map(|h| (h.article, h.passage)).collect();
        assert_eq!(ps, [(0, 2), (1, 1)]);
        let only = idx.lookup(&c, &Query::parse(""), 10, Some(&[(1, 1), (0, 2)]));
        let ps: Vec<(usize, usize)> = only.hits.iter().map(|h| (h.article, h.passage)).collect();
        assert_eq!(ps, [(0, 2), (1, 1)]);
        assert!(idx.lookup(&c, &Query::parse(""), 10, None).hits.is_empty());
        assert_eq!(idx.positions_within(&q, Some(&[(0, 1)])), [(0, 1)]);
    }

    #[test]
    fn nothing_at_all_is_an_empty_answer() {
        let (_, l) = look(&["T\n\nsome text"], "zebra unicorn", 10);
        assert!(l.hits.is_empty());
        assert_eq!(l.best_matched, 0);
        assert_eq!(l.unmatched, ["zebra", "unicorn"]);
        assert_eq!(l.note.as_deref(), Some("no passage has any of the 2 words"));
    }
}
