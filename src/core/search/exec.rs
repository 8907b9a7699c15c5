//! Running a query on the index: find the passages where every positive term
//! occurs and no negated one does, and rank them.
//!
//! Terms are looked up in the vocabulary first; then the terms are read a
//! block of passages at a time (see [`super::blocks`]), the term with the
//! fewest postings first, and every other term kept only inside the
//! passages still in the running.
//! A lone term needs no positions: its best match per passage is kept in one
//! array. A large corpus was indexed in runs of articles (see
//! [`super::build`]); each run is searched on its own thread. Only the passages that are shown are read word by word (in
//! [`super`]) to find what to highlight.

use super::index::SearchIndex;
use super::rank::{At, Rank, join_phrase};
use super::scan::Prepared;
use super::words::Cost;

/// A passage that matched, before its details are worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Global passage number.
    pub passage: u32,
    /// How good a match it is.
    pub rank: Rank,
}

/// Vocabulary words matching one query word.
pub(super) type WordSet = Vec<(u32, Cost)>;

/// A term looked up in the vocabulary: per alternative, per word, the
/// matching vocabulary words.
pub(super) struct TermPlan {
    pub(super) alts: Vec<Vec<WordSet>>,
    /// Postings bytes the term will read at most (its rarest word per
    /// alternative): the order terms are read in.
    volume: usize,
}

impl TermPlan {
    fn single_words(&self) -> bool {
        self.alts.iter().all(|a| a.len() == 1)
    }

    /// Postings bytes the term will read at most.
    pub(super) fn volume(&self) -> usize {
        self.volume
    }

    pub(super) fn is_impossible(&self) -> bool {
        self.alts.iter().all(|a| a.iter().any(Vec::is_empty))
    }

    /// The same term matched exactly only (every word of a phrase exact);
    /// its volume is left for the caller to compute.
    fn exact_only(&self) -> TermPlan {
        let alts = self
            .alts
            .iter()
            .map(|a| {
                a.iter()
                    .map(|ws| ws.iter().copied().filter(|w| w.1 == Cost::EXACT).collect())
                    .collect()
            })
            .collect();
        TermPlan { alts, volume: 0 }
    }
}

/// The terms of a query looked up in the vocabulary.
pub(super) struct Plans {
    /// The terms that must match, in the order typed.
    pub(super) positive: Vec<TermPlan>,
    /// The terms that must not.
    pub(super) negative: Vec<TermPlan>,
}

/// Where one term occurs, grouped by passage: the occurrences in passage
/// `p` are `at[ends[i - 1]..ends[i]]` (from 0 for the first) where `i` is
/// `p - first`, in no particular order. Only the passages of one run are
/// counted.
struct Grouped {
    first: u32,
    ends: Vec<u32>,
    at: Vec<At>,
}

impl Grouped {
    /// Groups `(passage, occurrence)` pairs by passage (a counting sort over
    /// the passages of `range`), adding the passages to `found`.
    fn new(
        entries: Vec<(u32, At)>,
        range: std::ops::Range<u32>,
        found: &mut PassageSet,
    ) -> Grouped {
        let first = range.start;
        let mut ends = vec![0u32; (range.end - range.start) as usize];
        for &(p, _) in &entries {
            ends[(p - first) as usize] += 1;
        }
        let mut total = 0u32;
        for (i, e) in ends.iter_mut().enumerate() {
            let count = *e;
            *e = total;
            total += count;
            if count > 0 {
                found.insert(first + i as u32);
            }
        }
        let mut at = vec![At::default(); total as usize];
        for (p, a) in entries {
            let slot = &mut ends[(p - first) as usize];
            at[*slot as usize] = a;
            *slot += 1;
        }
        // Each entry now holds the end of its passage's run.
        Grouped { first, ends, at }
    }

    fn of(&self, p: u32) -> &[At] {
        let i = (p - self.first) as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.at[start..self.ends[i] as usize]
    }
}

/// A set of global passage numbers.
pub(crate) struct PassageSet {
    bits: Vec<u64>,
}

impl PassageSet {
    pub(super) fn new(n: usize) -> PassageSet {
        PassageSet {
            bits: vec![0; n.div_ceil(64)],
        }
    }

    /// The passages of `range`, out of `n`.
    pub(super) fn range(n: usize, range: std::ops::Range<u32>) -> PassageSet {
        let mut s = PassageSet::new(n);
        for i in range {
            s.insert(i);
        }
        s
    }

    pub(super) fn insert(&mut self, p: u32) {
        self.bits[(p / 64) as usize] |= 1 << (p % 64);
    }

    pub(super) fn remove(&mut self, p: u32) {
        self.bits[(p / 64) as usize] &= !(1 << (p % 64));
    }

    pub(super) fn contains(&self, p: u32) -> bool {
        self.bits
            .get((p / 64) as usize)
            .is_some_and(|w| w & (1 << (p % 64)) != 0)
    }

    pub(super) fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.bits.iter().enumerate().flat_map(|(i, &w)| {
            let mut w = w;
            std::iter::from_fn(move || {
                if w == 0 {
                    return None;
                }
                let b = w.trailing_zeros();
                w &= w - 1;
                Some(i as u32 * 64 + b)
            })
        })
    }
}

impl SearchIndex {
    /// Postings bytes of a plan's rarest word per alternative, summed.
    fn volume(&self, plan: &TermPlan) -> usize {
        plan.alts
            .iter()
            .map(|a| {
                a.iter()
                    .map(|ws| ws.iter().map(|&(w, _)| self.postings_len(w)).sum::<usize>())
                    .min()
                    .unwrap_or(0)
            })
            .sum()
    }

    pub(super) fn plan(&self, alts: &[Vec<super::words::Needle>]) -> TermPlan {
        let alts: Vec<Vec<WordSet>> = alts
            .iter()
            .map(|a| a.iter().map(|n| self.resolve(n)).collect())
            .collect();
        let mut plan = TermPlan { alts, volume: 0 };
        plan.volume = self.volume(&plan);
        plan
    }

    /// The positive and negated terms of `query` looked up.
    pub(super) fn plans(&self, query: &Prepared) -> Plans {
        Plans {
            positive: query.positive().map(|a| self.plan(a)).collect(),
            negative: query.negative().map(|a| self.plan(a)).collect(),
        }
    }

    /// Every passage that matches, with its rank, in reading order. With
    /// `enough`, the passages where every term matches exactly are looked
    /// for first, and when there are at least `enough` of them only those
    /// are returned: they rank above all others, so the best `enough`
    /// results are among them. Each run of articles is searched on its own
    /// thread.
    pub(crate) fn candidates(&self, query: &Prepared, enough: Option<usize>) -> Vec<Candidate> {
        let plans = self.plans(query);
        if let Some(k) = enough
            && let Some(found) = self.exact_candidates(&plans, k)
        {
            return found;
        }
        self.all_candidates(&plans, enough)
    }

    /// The passages where every term matches exactly, when there are at
    /// least `k` of them (some may be left out that cannot be among the
    /// best `k`); `None` when there are fewer, or when the exact words of
    /// a term are too rare for `k` passages.
    pub(super) fn exact_candidates(&self, plans: &Plans, k: usize) -> Option<Vec<Candidate>> {
        if plans.positive.is_empty() || plans.positive.iter().any(TermPlan::is_impossible) {
            return None;
        }
        let exact: Vec<TermPlan> = plans
            .positive
            .iter()
            .map(|p| {
                let mut e = p.exact_only();
                e.volume = self.volume(&e);
                e
            })
            .collect();
        // Each posting entry takes a byte or more: a term whose exact
        // words have fewer bytes than `k` cannot be in `k` passages.
        let promising = exact.iter().all(|p| p.volume >= k);
        if !promising || exact.iter().any(TermPlan::is_impossible) {
            return None;
        }
        let found = self.each_run(|part| part.rank_all(&exact, &plans.negative, Some(k)));
        (found.len() >= k).then_some(found)
    }

    /// [`SearchIndex::candidates`] without looking for exact matches first.
    pub(super) fn all_candidates(&self, plans: &Plans, enough: Option<usize>) -> Vec<Candidate> {
        if plans.positive.iter().any(TermPlan::is_impossible) {
            return Vec::new();
        }
        self.each_run(|part| part.rank_all(&plans.positive, &plans.negative, enough))
    }

    /// Runs `f` on every run of articles (on threads when there are
    /// several) and puts the answers together in reading order.
    fn each_run(&self, f: impl Fn(Part<'_>) -> Vec<Candidate> + Sync) -> Vec<Candidate> {
        let runs = self.run_count();
        if runs <= 1 {
            return f(Part {
                ix: self,
                run: None,
            });
        }
        std::thread::scope(|s| {
            let f = &f;
            let later: Vec<_> = (1..runs)
                .map(|r| {
                    s.spawn(move || {
                        f(Part {
                            ix: self,
                            run: Some(r),
                        })
                    })
                })
                .collect();
            let mut all = f(Part {
                ix: self,
                run: Some(0),
            });
            for h in later {
                all.extend(h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
            }
            all
        })
    }
}

/// The part of the index one thread searches: one run of articles (or all
/// of them).
#[derive(Clone, Copy)]
pub(super) struct Part<'a> {
    pub(super) ix: &'a SearchIndex,
    pub(super) run: Option<usize>,
}

impl Part<'_> {
    /// Reads the postings of `words` (in `filter`'s passages when given)
    /// and groups them by passage; the passages found are added to `found`.
    fn collect(
        &self,
        words: &[(u32, Cost)],
        filter: Option<&PassageSet>,
        found: &mut PassageSet,
    ) -> Grouped {
        let mut entries: Vec<(u32, At)> = Vec::new();
        for &(w, cost) in words {
            self.ix.decode_word(w, self.run, |p, pos| {
                if filter.is_none_or(|f| f.contains(p)) {
                    entries.push((p, At { pos, len: 1, cost }));
                }
            });
        }
        Grouped::new(entries, self.ix.run_passages(self.run), found)
    }

    /// Occurrences of a phrase alternative (several words in a row), in
    /// `filter`'s passages when given. The rarest word is read first, and
    /// each other word only where the words read so far all occur; then the
    /// words are lined up passage by passage.
    pub(super) fn phrase(&self, alt: &[WordSet], filter: Option<&PassageSet>) -> Vec<(u32, At)> {
        let volume =
            |ws: &WordSet| -> usize { ws.iter().map(|&(w, _)| self.ix.postings_len(w)).sum() };
        let mut order: Vec<usize> = (0..alt.len()).collect();
        order.sort_by_key(|&i| volume(&alt[i]));
        let mut groups: Vec<Option<Grouped>> = (0..alt.len()).map(|_| None).collect();
        let mut local: Option<PassageSet> = None;
        for &i in &order {
            let mut found = PassageSet::new(self.ix.passages.len());
            let g = self.collect(&alt[i], local.as_ref().or(filter), &mut found);
            if g.at.is_empty() {
                return Vec::new();
            }
            groups[i] = Some(g);
            local = Some(found);
        }
        let groups: Vec<Grouped> = groups.into_iter().flatten().collect();
        let Some(set) = local else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let mut runs: Vec<At> = Vec::new();
        for p in set.iter() {
            join_phrase(groups.iter().map(|g| g.of(p)), &mut runs);
            out.extend(runs.iter().map(|r| (p, *r)));
        }
        out
    }

    /// Calls `note(passage, cost)` for every match of a term in this part:
    /// each posting of its single words, each place its phrases occur (in
    /// `filter`'s passages, when given; single words are not filtered).
    pub(super) fn each_match(
        &self,
        plan: &TermPlan,
        filter: Option<&PassageSet>,
        mut note: impl FnMut(u32, Cost),
    ) {
        for alt in &plan.alts {
            if alt.len() == 1 {
                for &(w, cost) in &alt[0] {
                    self.ix.decode_word(w, self.run, |p, _| note(p, cost));
                }
            } else {
                for (p, at) in self.phrase(alt, filter) {
                    note(p, at.cost);
                }
            }
        }
    }

    /// The passages where a term occurs, among `within`'s.
    fn passages_of(&self, plan: &TermPlan, within: &PassageSet) -> PassageSet {
        let mut out = PassageSet::new(self.ix.passages.len());
        for alt in &plan.alts {
            if alt.len() > 1 {
                for (p, _) in self.phrase(alt, Some(within)) {
                    out.insert(p);
                }
                continue;
            }
            for &(w, _) in &alt[0] {
                self.ix.decode_word(w, self.run, |p, _| {
                    if within.contains(p) {
                        out.insert(p);
                    }
                });
            }
        }
        out
    }

    /// Every passage where all `plans` occur and no `negative` one does;
    /// with `keep`, possibly only the best `keep` of them.
    fn rank_all(
        &self,
        plans: &[TermPlan],
        negative: &[TermPlan],
        keep: Option<usize>,
    ) -> Vec<Candidate> {
        let n = self.ix.passages.len();
        if plans.len() == 1 && plans[0].single_words() {
            return self.single_term(&plans[0], negative, keep);
        }
        if !plans.is_empty() {
            return self.rank_blocks(plans, negative, keep);
        }
        // Only negated terms: every other passage.
        let mut set = PassageSet::range(n, self.ix.run_passages(self.run));
        self.exclude(negative, &mut set);
        set.iter()
            .map(|p| Candidate {
                passage: p,
                rank: Rank {
                    words: self.ix.passages[p as usize].words,
                    ..Rank::default()
                },
            })
            .collect()
    }

    /// One positive term of single words: the best match per passage, kept
    /// in an array; no positions needed. With `keep`, only (at least) the
    /// best `keep` passages.
    fn single_term(
        &self,
        plan: &TermPlan,
        negative: &[TermPlan],
        keep: Option<usize>,
    ) -> Vec<Candidate> {
        let range = self.ix.run_passages(self.run);
        let first = range.start;
        let mut best: Vec<Option<Cost>> = vec![None; (range.end - first) as usize];
        let mut set = PassageSet::new(self.ix.passages.len());
        for alt in &plan.alts {
            for &(w, cost) in &alt[0] {
                self.ix.decode_word(w, self.run, |p, _| {
                    let Some(b) = best.get_mut(p.wrapping_sub(first) as usize) else {
                        return;
                    };
                    if b.is_none_or(|b| cost < b) {
                        *b = Some(cost);
                    }
                    set.insert(p);
                });
            }
        }
        self.exclude(negative, &mut set);
        let ranked = set.iter().filter_map(|p| {
            let c = best[(p - first) as usize]?;
            Some(Candidate {
                passage: p,
                rank: Rank {
                    exact: u32::from(c.is_exact()),
                    typos: u32::from(c.typos()),
                    gap: 0,
                    off_start: u32::from(!c.at_word_start()),
                    words: self.ix.passages[p as usize].words,
                },
            })
        });
        match keep {
            None => ranked.collect(),
            Some(k) => {
                let mut top = Best::new(k);
                for c in ranked {
                    if top.worst().is_none_or(|w| c.rank < w) {
                        top.push(c.rank, c.passage);
                    }
                }
                top.into_candidates()
            }
        }
    }

    /// Removes from `set` the passages where a negated term occurs.
    pub(super) fn exclude(&self, negative: &[TermPlan], set: &mut PassageSet) {
        for plan in negative {
            let hit = self.passages_of(plan, set);
            for p in hit.iter() {
                set.remove(p);
            }
        }
    }
}

/// The best `limit` candidates, best first (reading order on ties).
pub(crate) fn top(mut c: Vec<Candidate>, limit: usize) -> Vec<Candidate> {
    let cmp = |a: &Candidate, b: &Candidate| a.rank.cmp(&b.rank).then(a.passage.cmp(&b.passage));
    if limit == 0 {
        return Vec::new();
    }
    if c.len() > limit {
        c.select_nth_unstable_by(limit - 1, cmp);
        c.truncate(limit);
    }
    c.sort_unstable_by(cmp);
    c
}

/// The best `keep` passages so far, the worst on top.
pub(super) struct Best {
    keep: usize,
    heap: std::collections::BinaryHeap<(Rank, u32)>,
}

impl Best {
    pub(super) fn new(keep: usize) -> Best {
        Best {
            keep: keep.max(1),
            heap: std::collections::BinaryHeap::new(),
        }
    }

    /// The passages kept, in reading order.
    pub(super) fn into_candidates(self) -> Vec<Candidate> {
        let mut all: Vec<Candidate> = self
            .heap
            .into_iter()
            .map(|(rank, passage)| Candidate { passage, rank })
            .collect();
        all.sort_unstable_by_key(|c| c.passage);
        all
    }

    /// The rank a passage must beat to be kept.
    pub(super) fn worst(&self) -> Option<Rank> {
        if self.heap.len() < self.keep {
            return None;
        }
        self.heap.peek().map(|b| b.0)
    }

    /// The worst passage kept, with its rank, once `keep` are kept: a
    /// passage must come before it (by rank, then reading order) to be kept.
    pub(super) fn last(&self) -> Option<(Rank, u32)> {
        if self.heap.len() < self.keep {
            return None;
        }
        self.heap.peek().copied()
    }

    pub(super) fn push(&mut self, rank: Rank, passage: u32) {
        self.heap.push((rank, passage));
        if self.heap.len() > self.keep {
            self.heap.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passage_set_iterates_in_order() {
        let mut s = PassageSet::new(200);
        for p in [130, 3, 64, 63, 199] {
            s.insert(p);
        }
        s.remove(63);
        assert_eq!(s.iter().collect::<Vec<_>>(), [3, 64, 130, 199]);
        assert!(s.contains(130) && !s.contains(131) && !s.contains(5000));
        assert_eq!(
            PassageSet::range(9, 2..5).iter().collect::<Vec<_>>(),
            [2, 3, 4]
        );
    }

    #[test]
    fn top_keeps_the_best_in_order() {
        let c = |passage, exact| Candidate {
            passage,
            rank: Rank {
                exact,
                ..Rank::default()
            },
        };
        let got = top(vec![c(0, 1), c(1, 3), c(2, 2), c(3, 3), c(4, 0)], 3);
        let ps: Vec<u32> = got.iter().map(|c| c.passage).collect();
        assert_eq!(ps, [1, 3, 2]);
        assert!(top(vec![c(0, 1)], 0).is_empty());
    }
}
