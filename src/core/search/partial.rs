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
//! by [`super::exec`] and always rank above these.

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

/// Every passage holding at least one positive term, in reading order, and
/// which terms occur anywhere.
pub(crate) struct PartialSet {
    pub passages: Vec<Partial>,
    /// Per positive term: true when some passage (in the filter) holds it.
    pub found: Vec<bool>,
}

impl PartialSet {
    /// The most terms one passage holds.
    pub fn best_count(&self) -> usize {
        self.passages.iter().map(Partial::count).max().unwrap_or(0)
    }
}

impl SearchIndex {
    /// The passages (among `filter`'s, when given) that hold at least one
    /// positive term and no negated one.
    pub(crate) fn partial(&self, query: &Prepared, filter: Option<&PassageSet>) -> PartialSet {
        let n = self.passages.len();
        let plans: Vec<TermPlan> = query.positive().map(|a| self.plan(a)).collect();
        let negative: Vec<TermPlan> = query.negative().map(|a| self.plan(a)).collect();
        let part = Part {
            ix: self,
            run: None,
        };
        let mut best: Vec<Option<Cost>> = vec![None; n];
        let mut per_term: Vec<Vec<(u32, Cost)>> = Vec::with_capacity(plans.len());
        for plan in plans.iter().take(MAX_TERMS) {
            let mut touched: Vec<u32> = Vec::new();
            if !plan.is_impossible() {
                let mut note = |p: u32, cost: Cost| {
                    if filter.is_some_and(|f| !f.contains(p)) {
                        return;
                    }
                    let b = &mut best[p as usize];
                    match b {
                        None => {
                            *b = Some(cost);
                            touched.push(p);
                        }
                        Some(old) if cost < *old => *old = cost,
                        Some(_) => {}
                    }
                };
                for alt in &plan.alts {
                    if alt.len() == 1 {
                        for &(w, cost) in &alt[0] {
                            self.decode_word(w, None, |p, _| note(p, cost));
                        }
                    } else {
                        for (p, at) in part.phrase(alt, filter) {
                            note(p, at.cost);
                        }
                    }
                }
            }
            touched.sort_unstable();
            let list = touched
                .iter()
                .filter_map(|&p| best[p as usize].take().map(|c| (p, c)))
                .collect();
            per_term.push(list);
        }
        let mut score = vec![0f32; n];
        let mut mask = vec![0u64; n];
        let mut union = PassageSet::new(n);
        for (t, list) in per_term.iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            let idf = (1.0 + n as f32 / list.len() as f32).ln();
            for &(p, c) in list {
                score[p as usize] += idf * c.quality();
                mask[p as usize] |= 1 << t;
                union.insert(p);
            }
        }
        part.exclude(&negative, &mut union);
        let passages = union
            .iter()
            .map(|p| Partial {
                passage: p,
                mask: mask[p as usize],
                score: score[p as usize],
            })
            .collect();
        let mut found: Vec<bool> = per_term.iter().map(|l| !l.is_empty()).collect();
        found.resize(plans.len(), false);
        PartialSet { passages, found }
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
        assert_eq!(set.found, [true, true, false]);
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
