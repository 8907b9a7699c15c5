//! The best partial matches of a lookup, without listing every passage that
//! holds some term: for a query with common words that is most of the
//! corpus, and listing, filtering and sorting them cost more than reading
//! the postings.
//!
//! Each run of articles is read on its own thread into one table: a byte per
//! passage and term, the term's best match there ([`Cost::bits`], or
//! [`Cost::NONE_BITS`]), counting the passages each term is in (for many
//! terms, most of them rare, a list per term of the passages holding it). Once every
//! run is read the terms' weights are known (they count passages in all
//! runs); each run then scores its passages exactly as
//! [`SearchIndex::partial`] does and keeps its best few. The answer is the
//! same as that of [`SearchIndex::partial`], its passages ordered by
//! [`SearchIndex::partial_order`] and cut: a passage's score is summed in
//! the same order, with the same weights.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use super::exec::{Part, PassageSet, Plans, TermPlan};
use super::index::SearchIndex;
use super::partial::{MAX_TERMS, Partial, on_threads};
use super::words::Cost;

/// The best partial matches of a lookup, and what the bar says of them.
pub(crate) struct PartialTop {
    /// The best passages (by [`SearchIndex::partial_order`]) that hold some
    /// of the counted terms but not all, and no negated one; in no
    /// particular order.
    pub passages: Vec<Partial>,
    /// The most terms one passage holds, passages with all of them
    /// included.
    pub best_count: usize,
    /// Per positive term: true when some passage (in the filter) holds it.
    pub found: Vec<bool>,
}

/// A partial match ordered best first by [`SearchIndex::partial_order`]
/// (its passage's words at hand): in a max-heap, the worst is on top.
#[derive(Clone, Copy)]
struct Ranked {
    partial: Partial,
    words: u32,
}

impl Ranked {
    fn cmp_key(&self, other: &Ranked) -> Ordering {
        other
            .partial
            .score
            .total_cmp(&self.partial.score)
            .then(self.words.cmp(&other.words))
            .then(self.partial.passage.cmp(&other.partial.passage))
    }
}

impl PartialEq for Ranked {
    fn eq(&self, other: &Ranked) -> bool {
        self.cmp_key(other) == Ordering::Equal
    }
}

impl Eq for Ranked {}

impl PartialOrd for Ranked {
    fn partial_cmp(&self, other: &Ranked) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ranked {
    fn cmp(&self, other: &Ranked) -> Ordering {
        self.cmp_key(other)
    }
}

impl SearchIndex {
    /// The order partial matches are shown in before their words' closeness
    /// is weighed: higher score first, then shorter passage, then reading
    /// order.
    pub(super) fn partial_order(&self, a: &Partial, b: &Partial) -> Ordering {
        let words = |p: &Partial| self.passages[p.passage as usize].words;
        b.score
            .total_cmp(&a.score)
            .then(words(a).cmp(&words(b)))
            .then(a.passage.cmp(&b.passage))
    }

    /// The best `keep` passages (among `filter`'s, when given) that hold
    /// some of the positive terms of `plans` but not every counted one (the
    /// first [`MAX_TERMS`]), and no negated one; see [`PartialTop`].
    pub(super) fn partial_top(
        &self,
        plans: &Plans,
        filter: Option<&PassageSet>,
        keep: usize,
    ) -> PartialTop {
        let n = self.passages.len();
        let terms = &plans.positive[..plans.positive.len().min(MAX_TERMS)];
        let runs = self.runs();
        let tables: Vec<Table> = on_threads(&runs, |run| {
            Part { ix: self, run }.best_table(terms, filter)
        });
        let mut counts = vec![0usize; terms.len()];
        for table in &tables {
            for (c, k) in counts.iter_mut().zip(&table.counts) {
                *c += k;
            }
        }
        let idf: Vec<f32> = counts
            .iter()
            .map(|&c| (1.0 + n as f32 / c.max(1) as f32).ln())
            .collect();
        let parts = on_threads(&runs, |run| {
            let i = runs.iter().position(|r| *r == run).unwrap_or(0);
            Part { ix: self, run }.best_rows(&tables[i], &idf, &plans.negative, keep)
        });
        let best_count = parts.iter().map(|p| p.1).max().unwrap_or(0);
        let mut passages: Vec<Partial> = parts.into_iter().flat_map(|p| p.0).collect();
        if passages.len() > keep {
            if keep == 0 {
                passages.clear();
            } else {
                passages.select_nth_unstable_by(keep - 1, |a, b| self.partial_order(a, b));
                passages.truncate(keep);
            }
        }
        let mut found: Vec<bool> = counts.iter().map(|&c| c > 0).collect();
        found.resize(plans.positive.len(), false);
        PartialTop {
            passages,
            best_count,
            found,
        }
    }
}

/// Queries of up to this many terms are read into a table of a byte per
/// passage and term; longer ones (a pasted paragraph) into a list per term
/// of the passages holding it, as most of their words are rare.
const TABLE_MAX_TERMS: usize = 8;

/// The best match of each term in each passage of one part (a byte:
/// [`Cost::bits`], or [`Cost::NONE_BITS`]).
struct Table {
    rows: Rows,
    /// Bit `i`: the part's `i`th passage holds some term.
    held: Vec<u64>,
    /// How many passages each term is in.
    counts: Vec<usize>,
}

enum Rows {
    /// Byte `i * terms + t`: term `t` in the part's `i`th passage.
    Dense(Vec<u8>),
    /// Per term, the passages of the part holding it, with the byte.
    Sparse(Vec<Vec<(u32, u8)>>),
}

impl Part<'_> {
    /// The best match of each term in each passage of this part (in
    /// `filter`'s, when given).
    fn best_table(&self, terms: &[TermPlan], filter: Option<&PassageSet>) -> Table {
        let range = self.ix.run_passages(self.run);
        let width = terms.len();
        let len = (range.end - range.start) as usize;
        let dense = width <= TABLE_MAX_TERMS;
        // Sparse, one column reused term after term.
        let (stride, mut bytes) = if dense {
            (width, vec![Cost::NONE_BITS; len * width])
        } else {
            (1, vec![Cost::NONE_BITS; len])
        };
        let mut lists = Vec::new();
        let mut held = vec![0u64; len.div_ceil(64)];
        let mut counts = vec![0usize; width];
        for (t, plan) in terms.iter().enumerate() {
            let column = if dense { t } else { 0 };
            let mut touched: Vec<u32> = Vec::new();
            let count = &mut counts[t];
            let mut note = |p: u32, cost: Cost| {
                if filter.is_some_and(|f| !f.contains(p)) || p < range.start || p >= range.end {
                    return;
                }
                let i = (p - range.start) as usize;
                let Some(slot) = bytes.get_mut(i * stride + column) else {
                    return;
                };
                let bits = cost.bits();
                if *slot == Cost::NONE_BITS {
                    *slot = bits;
                    *count += 1;
                    held[i / 64] |= 1 << (i % 64);
                    if !dense {
                        touched.push(i as u32);
                    }
                } else if bits < *slot {
                    *slot = bits;
                }
            };
            if !plan.is_impossible() {
                self.each_match(plan, filter, &mut note);
            }
            if !dense {
                let list = touched.iter().map(|&i| {
                    let b = std::mem::replace(&mut bytes[i as usize], Cost::NONE_BITS);
                    (i, b)
                });
                lists.push(list.collect());
            }
        }
        let rows = if dense {
            Rows::Dense(bytes)
        } else {
            Rows::Sparse(lists)
        };
        Table { rows, held, counts }
    }

    /// The best `keep` passages of this part's `table` that hold some term
    /// but not all and no `negative` one, scored with the terms' weights
    /// `idf`; and the most terms one passage holds.
    fn best_rows(
        &self,
        table: &Table,
        idf: &[f32],
        negative: &[TermPlan],
        keep: usize,
    ) -> (Vec<Partial>, usize) {
        let width = idf.len();
        if width == 0 {
            return (Vec::new(), 0);
        }
        let range = self.ix.run_passages(self.run);
        let allowed = (!negative.is_empty()).then(|| {
            let mut set = PassageSet::range(self.ix.passages.len(), range.clone());
            self.exclude(negative, &mut set);
            set
        });
        // What each match earns, per term and cost byte: the same product
        // as the full list's.
        let earns: Vec<[f32; 256]> = idf
            .iter()
            .map(|&w| std::array::from_fn(|c| w * Cost::from_bits(c as u8).quality()))
            .collect();
        let mut heap: BinaryHeap<Ranked> = BinaryHeap::new();
        let mut best_count = 0;
        let mut consider = |i: usize, mask: u64, score: f32| {
            let p = range.start + i as u32;
            if allowed.as_ref().is_some_and(|a| !a.contains(p)) {
                return;
            }
            let count = mask.count_ones() as usize;
            best_count = best_count.max(count);
            if count == width || keep == 0 {
                return;
            }
            let r = Ranked {
                partial: Partial {
                    passage: p,
                    mask,
                    score,
                },
                words: self.ix.passages[p as usize].words,
            };
            if heap.len() < keep {
                heap.push(r);
            } else if heap.peek().is_some_and(|worst| r < *worst) {
                heap.pop();
                heap.push(r);
            }
        };
        let held = table.held.iter().enumerate().flat_map(|(k, &bits)| {
            let mut bits = bits;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(k * 64 + b)
            })
        });
        match &table.rows {
            Rows::Dense(bytes) => {
                for i in held {
                    let Some(row) = bytes.get(i * width..(i + 1) * width) else {
                        continue;
                    };
                    let mut mask = 0u64;
                    let mut score = 0f32;
                    for (t, &c) in row.iter().enumerate() {
                        if c != Cost::NONE_BITS {
                            mask |= 1 << t;
                            score += earns[t][c as usize];
                        }
                    }
                    consider(i, mask, score);
                }
            }
            Rows::Sparse(lists) => {
                // Summed term after term: the same order as a row's.
                let len = (range.end - range.start) as usize;
                let mut score = vec![0f32; len];
                let mut mask = vec![0u64; len];
                for (t, list) in lists.iter().enumerate() {
                    for &(i, c) in list {
                        score[i as usize] += earns[t][c as usize];
                        mask[i as usize] |= 1 << t;
                    }
                }
                for i in held {
                    consider(i, mask[i], score[i]);
                }
            }
        }
        (heap.into_iter().map(|r| r.partial).collect(), best_count)
    }
}

#[cfg(test)]
mod tests {
    use crate::core::search::exec::PassageSet;
    use crate::core::search::partial::Partial;
    use crate::core::search::scan::Prepared;
    use crate::core::search::{Query, SearchIndex, tie_corpus};

    /// What [`SearchIndex::partial_top`] must give: every partial match
    /// listed, those with every term left out, sorted and cut.
    fn listed(
        idx: &SearchIndex,
        q: &Prepared,
        filter: Option<&PassageSet>,
        keep: usize,
    ) -> Vec<Partial> {
        let counted = q.positive().count().min(super::MAX_TERMS);
        let mut all: Vec<Partial> = idx
            .partial(q, filter)
            .passages
            .into_iter()
            .filter(|p| p.count() < counted)
            .collect();
        all.sort_by(|a, b| idx.partial_order(a, b));
        all.truncate(keep);
        all
    }

    #[test]
    fn the_best_partial_matches_are_those_of_the_full_list() {
        let words = [
            "russia", "role", "russian", "road", "armenia", "lachin", "corridor", "red", "rule",
            "the", "of", "s", "ruler", "a", "base", "crowd",
        ];
        let c = tie_corpus(&words, 13, 80, 1..9);
        let idx = SearchIndex::build(&c);
        let mut filter = PassageSet::new(idx.passage_count());
        for p in (0..idx.passage_count() as u32).step_by(3) {
            filter.insert(p);
        }
        let mut compared = 0;
        for q in [
            "russian base lachin crowd zebra",
            "russia r",
            "the role of russia",
            "rusia rol armenia !crowd",
            "\"lachin corridor\" base crowd",
            "corridor lachin red rule ruler",
            "zebra unicorn",
            "a s base",
            // More terms than a table has columns: a list per term.
            "russian base lachin crowd zebra role road red rule ruler of !armenia",
            "russia rol the of s a lachin coridor reds \"the role\"",
        ] {
            let query = Prepared::new(&Query::parse(q));
            let plans = idx.plans(&query);
            for f in [None, Some(&filter)] {
                let full = idx.partial(&query, f);
                for keep in [0, 1, 7, 70, 10_000] {
                    let mut got = idx.partial_top(&plans, f, keep);
                    got.passages.sort_by(|a, b| idx.partial_order(a, b));
                    assert_eq!(got.passages, listed(&idx, &query, f, keep), "{q} {keep}");
                    assert_eq!(got.best_count, full.best_count(), "{q}");
                    if !q.contains('!') {
                        let found: Vec<bool> = (0..got.found.len())
                            .map(|t| full.passages.iter().any(|p| p.mask & 1 << t != 0))
                            .collect();
                        assert_eq!(got.found, found, "{q}");
                    }
                    compared += got.passages.len();
                }
            }
        }
        assert!(compared > 1000, "{compared}");
    }
}
