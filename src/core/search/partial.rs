//! Partial matches: when fewer passages than asked for hold every term of
//! the query, the passages that hold some of them.
//!
//! Each term's postings are read once, in full, and the best match of the
//! term in each passage is kept. A passage's score is the sum, over the
//! terms it holds, of the term's weight — its inverse document frequency,
//! `ln(1 + passages / passages holding it)`, so a rare word counts far more
//! than a common one — times how well it matched there ([`Cost::quality`]:
//! the word itself, another form, a prefix, a typo). How close together the
//! matched words stand is added later, for the few passages that are shown
//! (see [`super::SearchIndex::lookup`]). Passages with every term are found
//! by [`super::exec`] and always rank above these. A lookup wants only the
//! best few of these passages and gets them from [`super::partial_top`],
//! which scores the same way without listing them all.

use super::exec::{Part, PassageSet, TermPlan};
use super::index::SearchIndex;
use super::scan::Prepared;
use super::words::Cost;

/// Terms beyond this many are not counted in partial matches.
pub(crate) const MAX_TERMS: usize = 64;

/// A passage holding some of the query's terms.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Partial {
    /// Global passage number.
    pub passage: u32,
    /// Bit `t` set when positive term `t` occurs.
    pub mask: u64,
    /// Weighted score (higher is better).
    pub score: f32,
}

impl Partial {
    /// How many terms occur.
    pub fn count(&self) -> usize {
        self.mask.count_ones() as usize
    }
}

/// Every passage holding at least one positive term, in reading order.
pub(crate) struct PartialSet {
    pub passages: Vec<Partial>,
}

impl PartialSet {
    /// The most terms one passage holds.
    pub fn best_count(&self) -> usize {
        self.passages.iter().map(Partial::count).max().unwrap_or(0)
    }
}

impl SearchIndex {
    /// The passages (among `filter`'s, when given) that hold at least one
    /// positive term and no negated one. Each run of articles is read on
    /// its own thread; a term's weight counts its passages in all runs.
    pub(crate) fn partial(&self, query: &Prepared, filter: Option<&PassageSet>) -> PartialSet {
        let n = self.passages.len();
        let plans: Vec<TermPlan> = query.positive().map(|a| self.plan(a)).collect();
        let negative: Vec<TermPlan> = query.negative().map(|a| self.plan(a)).collect();
        let runs = self.runs();
        let lists: Vec<Vec<Vec<(u32, Cost)>>> = on_threads(&runs, |run| {
            let part = Part { ix: self, run };
            plans
                .iter()
                .take(MAX_TERMS)
                .map(|plan| part.best_matches(plan, filter))
                .collect()
        });
        let mut counts = vec![0usize; plans.len().min(MAX_TERMS)];
        for run in &lists {
            for (c, list) in counts.iter_mut().zip(run) {
                *c += list.len();
            }
        }
        let idf: Vec<f32> = counts
            .iter()
            .map(|&c| (1.0 + n as f32 / c.max(1) as f32).ln())
            .collect();
        let mut parts = on_threads(&runs, |run| {
            let i = runs.iter().position(|r| *r == run).unwrap_or(0);
            Part { ix: self, run }.score(&lists[i], &idf, &negative)
        });
        let mut passages = Vec::new();
        for p in parts.iter_mut() {
            passages.append(p);
        }
        PartialSet { passages }
    }
}

impl SearchIndex {
    /// The runs of articles a query reads, each on its own thread.
    pub(super) fn runs(&self) -> Vec<Option<usize>> {
        if self.run_count() <= 1 {
            vec![None]
        } else {
            (0..self.run_count()).map(Some).collect()
        }
    }
}

/// `f` of each run, on threads when there are several, in run order.
pub(super) fn on_threads<T: Send>(
    runs: &[Option<usize>],
    f: impl Fn(Option<usize>) -> T + Sync,
) -> Vec<T> {
    if runs.len() <= 1 {
        return runs.iter().map(|&r| f(r)).collect();
    }
    std::thread::scope(|s| {
        let f = &f;
        let later: Vec<_> = runs[1..].iter().map(|&r| s.spawn(move || f(r))).collect();
        let mut all = vec![f(runs[0])];
        for h in later {
            all.push(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        }
        all
    })
}

impl Part<'_> {
    /// The best match of a term in each passage of this part (in
    /// `filter`'s, when given) where it occurs, in no particular order.
    fn best_matches(&self, plan: &TermPlan, filter: Option<&PassageSet>) -> Vec<(u32, Cost)> {
        let range = self.ix.run_passages(self.run);
        let mut best: Vec<Option<Cost>> = vec![None; (range.end - range.start) as usize];
        let mut touched: Vec<u32> = Vec::new();
        if plan.is_impossible() {
            return Vec::new();
        }
        let mut note = |p: u32, cost: Cost| {
            if filter.is_some_and(|f| !f.contains(p)) || p < range.start {
                return;
            }
            let Some(b) = best.get_mut((p - range.start) as usize) else {
                return;
            };
            match b {
                None => {
                    *b = Some(cost);
                    touched.push(p);
                }
                Some(old) if cost < *old => *old = cost,
                Some(_) => {}
            }
        };
        self.each_match(plan, filter, &mut note);
        touched
            .iter()
            .filter_map(|&p| best[(p - range.start) as usize].map(|c| (p, c)))
            .collect()
    }

    /// The passages of this part holding some term (`lists[t]`: term `t`'s
    /// best match per passage) and no `negative` one, in reading order,
    /// scored with the terms' weights `idf`.
    fn score(
        &self,
        lists: &[Vec<(u32, Cost)>],
        idf: &[f32],
        negative: &[TermPlan],
    ) -> Vec<Partial> {
        let range = self.ix.run_passages(self.run);
        let len = (range.end - range.start) as usize;
        let mut score = vec![0f32; len];
        let mut mask = vec![0u64; len];
        let mut union = PassageSet::new(self.ix.passages.len());
        for (t, list) in lists.iter().enumerate() {
            for &(p, c) in list {
                let i = (p - range.start) as usize;
                score[i] += idf[t] * c.quality();
                mask[i] |= 1 << t;
                union.insert(p);
            }
        }
        self.exclude(negative, &mut union);
        union
            .iter()
            .map(|p| {
                let i = (p - range.start) as usize;
                Partial {
                    passage: p,
                    mask: mask[i],
                    score: score[i],
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::core::search::scan::Prepared;
    use crate::core::search::{Query, SearchIndex, test_corpus};

    #[test]
    fn rare_words_count_more_and_missing_terms_are_reported() {
        let c = test_corpus(&[
            "T\n\nthe common word here\n\nthe rare zebra\n\nthe common word again\n\nnothing",
        ]);
        let idx = SearchIndex::build(&c);
        let q = Prepared::new(&Query::parse("common zebra unicorn"));
        let set = idx.partial(&q, None);
        let top = idx.partial_top(&idx.plans(&q), None, 10);
        assert_eq!(top.found, [true, true, false]);
        let ps: Vec<u32> = set.passages.iter().map(|p| p.passage).collect();
        assert_eq!(ps, [0, 1, 2]);
        assert!(set.passages[1].score > set.passages[0].score);
        assert_eq!(set.best_count(), 1);
        let q = Prepared::new(&Query::parse("common zebra !again"));
        let ps: Vec<u32> = idx
            .partial(&q, None)
            .passages
            .iter()
            .map(|p| p.passage)
            .collect();
        assert_eq!(ps, [0, 1]);
    }
}
