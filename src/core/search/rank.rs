//! Ranking: where the terms of a query occur in a passage, and how good that
//! passage is as an answer.
//!
//! The order, most important first: more terms matched exactly, fewer typos,
//! terms closer together, more matches at word starts, a shorter passage.
//! Ties keep reading order. [`Rank`] sorts best first.

use std::cmp::Ordering;

use super::words::Cost;

/// A place where a term (or the first words of a phrase) matched: `len`
/// words from word `pos` of global passage `passage`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occ {
    /// Global passage number (0-based, across the corpus) or 0 inside one
    /// passage.
    pub passage: u32,
    /// Word position in the passage.
    pub pos: u32,
    /// Words covered.
    pub len: u32,
    /// How well it matched.
    pub cost: Cost,
}

impl Occ {
    fn key(&self) -> (u32, u32) {
        (self.passage, self.pos)
    }

    /// The occurrence within its passage.
    pub fn at(&self) -> At {
        At {
            pos: self.pos,
            len: self.len.min(u16::MAX as u32) as u16,
            cost: self.cost,
        }
    }
}

/// An occurrence inside a known passage: 8 bytes, as many are kept while
/// ranking a broad query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At {
    /// Word position in the passage.
    pub pos: u32,
    /// Words covered.
    pub len: u16,
    /// How well it matched.
    pub cost: Cost,
}

impl Default for At {
    fn default() -> At {
        At {
            pos: 0,
            len: 1,
            cost: Cost::EXACT,
        }
    }
}

/// Extends each phrase occurrence in `prev` (sorted, all of the same length)
/// by a following word from `next` (sorted one-word occurrences); those with
/// no such word are dropped.
pub fn join(prev: &[Occ], next: &[Occ]) -> Vec<Occ> {
    let mut out = Vec::new();
    let mut j = 0;
    for o in prev {
        let want = (o.passage, o.pos + o.len);
        while j < next.len() && next[j].key() < want {
            j += 1;
        }
        if let Some(n) = next.get(j)
            && n.key() == want
        {
            out.push(Occ {
                len: o.len + 1,
                cost: o.cost.join(n.cost),
                ..*o
            });
        }
    }
    out
}

/// How good a passage is for a query. Compares best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rank {
    /// Terms matched exactly (all words of a phrase exact).
    pub exact: u32,
    /// Typos in the best match of every term (a subsequence counts 3).
    pub typos: u32,
    /// Words between the terms in the tightest stretch holding all of them.
    pub gap: u32,
    /// Terms whose best match does not start at a word start.
    pub off_start: u32,
    /// Words in the passage.
    pub words: u32,
}

impl Ord for Rank {
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .exact
            .cmp(&self.exact)
            .then(self.typos.cmp(&other.typos))
            .then(self.gap.cmp(&other.gap))
            .then(self.off_start.cmp(&other.off_start))
            .then(self.words.cmp(&other.words))
    }
}

impl PartialOrd for Rank {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Rank {
    /// One number for the rank, higher is better, comparable within one
    /// query: each part of the order in its own bits (exact terms, then
    /// typos, gap, off-start matches, words, each clamped).
    pub fn score(&self) -> u64 {
        let c = |v: u32, max: u64| max - (v as u64).min(max);
        ((self.exact.min(15) as u64) << 36)
            | (c(self.typos, 63) << 30)
            | (c(self.gap, 1023) << 20)
            | (c(self.off_start, 15) << 16)
            | c(self.words, 65535)
    }
}

/// Computes ranks; keeps scratch space between passages.
#[derive(Default)]
pub struct Ranker {
    items: Vec<(u32, u32, usize)>,
    counts: Vec<u32>,
    best: Vec<Cost>,
}

impl Ranker {
    /// The rank of a passage of `words` words where term `i` occurs at
    /// `terms[i]` (each non-empty, in any order).
    pub fn rank(&mut self, terms: &[&[At]], words: u32) -> Rank {
        self.rank_below(terms, words, None).unwrap_or_default()
    }

    /// [`Ranker::rank`], or `None` when the passage cannot rank before
    /// `worst` (it would rank at best equal): then the gap between the
    /// terms, the costly part, is not measured.
    pub fn rank_below(&mut self, terms: &[&[At]], words: u32, worst: Option<Rank>) -> Option<Rank> {
        let mut r = Rank {
            words,
            ..Rank::default()
        };
        let mut best = std::mem::take(&mut self.best);
        best.clear();
        for occs in terms {
            let b = occs.iter().map(|o| o.cost).min().unwrap_or(Cost::EXACT);
            r.exact += u32::from(b.is_exact());
            r.typos += u32::from(b.typos());
            r.off_start += u32::from(!b.at_word_start());
            best.push(b);
        }
        // The gap is 0 at best: no better than `worst` then, never better.
        if worst.is_some_and(|w| r >= w) {
            self.best = best;
            return None;
        }
        if terms.len() > 1 {
            r.gap = self.gap(terms, &best);
        }
        self.best = best;
        if worst.is_some_and(|w| r >= w) {
            return None;
        }
        Some(r)
    }

    /// The gap [`Ranker::rank`] measures, between `terms` alone (each
    /// non-empty). When every match is one word, the stretch holding more
    /// terms is no shorter: a gap of `g` here is a gap of at least `g`
    /// less the number of terms added.
    pub fn gap_of(&mut self, terms: &[&[At]]) -> u32 {
        if terms.len() < 2 {
            return 0;
        }
        let mut best = std::mem::take(&mut self.best);
        best.clear();
        best.extend(
            terms
                .iter()
                .map(|occs| occs.iter().map(|o| o.cost).min().unwrap_or(Cost::EXACT)),
        );
        let gap = self.gap(terms, &best);
        self.best = best;
        gap
    }

    /// The fewest words between the terms' best matches: 0 when they stand
    /// next to each other (in any order).
    fn gap(&mut self, terms: &[&[At]], best: &[Cost]) -> u32 {
        if let [a, b] = terms
            && a.len() * b.len() <= 64
        {
            return two_term_gap(a, b, best[0], best[1]);
        }
        self.items.clear();
        let mut lens = 0u32;
        for (t, occs) in terms.iter().enumerate() {
            let mut min_len = u32::MAX;
            for o in occs.iter().filter(|o| o.cost == best[t]) {
                self.items.push((o.pos, o.len as u32, t));
                min_len = min_len.min(o.len as u32);
            }
            lens = lens.saturating_add(min_len);
        }
        self.items.sort_unstable();
        self.counts.clear();
        self.counts.resize(terms.len(), 0);
        let (mut covered, mut left) = (0, 0);
        let mut span = u32::MAX;
        for right in 0..self.items.len() {
            let (rpos, rlen, rt) = self.items[right];
            self.counts[rt] += 1;
            if self.counts[rt] == 1 {
                covered += 1;
            }
            while covered == terms.len() {
                let (lpos, _, lt) = self.items[left];
                span = span.min(rpos + rlen - lpos);
                self.counts[lt] -= 1;
                if self.counts[lt] == 0 {
                    covered -= 1;
                }
                left += 1;
            }
        }
        span.saturating_sub(lens)
    }
}

/// [`Ranker::gap`] for two terms with few occurrences: every pair of best
/// matches, no sorting. The same measure: from the start of the earlier
/// match to the end of the later one (the later by position, then length,
/// then term), less the two terms' shortest lengths.
fn two_term_gap(a: &[At], b: &[At], best_a: Cost, best_b: Cost) -> u32 {
    let min_len = |occs: &[At], best: Cost| {
        occs.iter()
            .filter(|o| o.cost == best)
            .map(|o| u32::from(o.len))
            .min()
            .unwrap_or(u32::MAX)
    };
    let lens = min_len(a, best_a).saturating_add(min_len(b, best_b));
    let mut span = u32::MAX;
    for x in a.iter().filter(|o| o.cost == best_a) {
        for y in b.iter().filter(|o| o.cost == best_b) {
            let (xk, yk) = ((x.pos, x.len, 0), (y.pos, y.len, 1));
            let (left, right) = if xk <= yk { (x, y) } else { (y, x) };
            span = span.min(right.pos + u32::from(right.len) - left.pos);
        }
    }
    span.saturating_sub(lens)
}

/// The occurrences of a phrase in one passage, from those of its words in
/// order (`words`: the first word's, then the second's, ...), into `runs`:
/// each first word followed by the others in a row, with the cost of the
/// whole.
pub(super) fn join_phrase<'a>(mut words: impl Iterator<Item = &'a [At]>, runs: &mut Vec<At>) {
    runs.clear();
    let Some(first) = words.next() else {
        return;
    };
    runs.extend_from_slice(first);
    for (k, next) in words.enumerate() {
        if runs.is_empty() {
            return;
        }
        let k = k as u32 + 1;
        runs.retain_mut(|r| {
            let want = r.pos + k;
            match next.iter().filter(|n| n.pos == want).map(|n| n.cost).min() {
                Some(c) => {
                    r.cost = r.cost.join(c);
                    r.len += 1;
                    true
                }
                None => false,
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn occ(passage: u32, pos: u32, cost: Cost) -> Occ {
        Occ {
            passage,
            pos,
            len: 1,
            cost,
        }
    }

    #[test]
    fn join_keeps_adjacent_words_only() {
        let a = [
            occ(0, 1, Cost::EXACT),
            occ(0, 5, Cost::EXACT),
            occ(2, 0, Cost::PREFIX),
        ];
        let b = [
            occ(0, 2, Cost::typo(1, true)),
            occ(0, 7, Cost::EXACT),
            occ(2, 1, Cost::EXACT),
        ];
        let j = join(&a, &b);
        assert_eq!(j.len(), 2);
        assert_eq!((j[0].passage, j[0].pos, j[0].len), (0, 1, 2));
        assert_eq!(j[0].cost.typos(), 1);
        assert_eq!((j[1].passage, j[1].pos), (2, 0));
        assert!(!j[1].cost.is_exact());
    }

    #[test]
    fn order_is_exact_then_typos_then_gap_then_word_start_then_length() {
        let base = Rank {
            exact: 2,
            typos: 1,
            gap: 3,
            off_start: 1,
            words: 50,
        };
        let better = [
            Rank {
                exact: 3,
                typos: 9,
                gap: 99,
                off_start: 9,
                words: 999,
            },
            Rank {
                typos: 0,
                gap: 99,
                off_start: 9,
                words: 999,
                ..base
            },
            Rank {
                gap: 0,
                off_start: 9,
                words: 999,
                ..base
            },
            Rank {
                off_start: 0,
                words: 999,
                ..base
            },
            Rank { words: 10, ..base },
        ];
        for b in better {
            assert!(b < base, "{b:?} should rank before {base:?}");
            assert!(b.score() > base.score(), "{b:?}");
        }
    }

    fn at(pos: u32, cost: Cost) -> At {
        At { pos, len: 1, cost }
    }

    #[test]
    fn gap_is_zero_for_neighbours_in_any_order() {
        let mut r = Ranker::default();
        let a = [at(3, Cost::EXACT), at(20, Cost::EXACT)];
        let b = [at(10, Cost::EXACT), at(19, Cost::EXACT)];
        assert_eq!(r.rank(&[&a, &b], 30).gap, 0);
        let b = [at(10, Cost::EXACT)];
        assert_eq!(r.rank(&[&a, &b], 30).gap, 6);
        // Only the best matches of a term count.
        let b = [at(4, Cost::PREFIX), at(10, Cost::EXACT)];
        let rank = r.rank(&[&a, &b], 30);
        assert_eq!((rank.exact, rank.gap), (2, 6));
        // A two-word phrase next to a word.
        let p = [At {
            pos: 11,
            len: 2,
            cost: Cost::EXACT,
        }];
        assert_eq!(r.rank(&[&b[1..], &p], 30).gap, 0);
    }
}
