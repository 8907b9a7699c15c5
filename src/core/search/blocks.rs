//! Ranking a query of several single-word terms a block of passages at a
//! time: each word's postings are read through a cursor that stops at the
//! end of the block, so the occurrences of one block are grouped and ranked
//! while they are still in the cache, in buffers reused from block to
//! block. A broad term (a one-letter prefix matches thousands of words)
//! then costs the reading of its postings, not the sorting of millions of
//! occurrences in memory.
//!
//! When only the best `keep` passages are wanted, a passage that cannot rank
//! before the worst of the best so far is not measured further (see
//! [`Ranker::rank_below`]). A phrase is matched block by block too: its
//! words are grouped like terms, then lined up passage by passage.

use super::exec::{Best, Candidate, Part, PassageSet, TermPlan, WordSet};
use super::index::Cursor;
use super::rank::{At, Rank, Ranker, join_phrase};
use super::words::Cost;

/// Passages grouped and ranked at a time.
const BLOCK: u32 = if cfg!(test) { 3 } else { 8192 };

/// The occurrences of one term in one block, grouped by passage.
#[derive(Default)]
struct Block {
    /// Occurrences as read: passage, occurrence.
    read: Vec<(u32, At)>,
    /// End of each passage's occurrences in `at` (see [`Block::group`]).
    ends: Vec<u32>,
    at: Vec<At>,
}

impl Block {
    /// Groups `read` by passage, for the block starting at `first` of `len`
    /// passages (a counting sort).
    fn group(&mut self, first: u32, len: usize) {
        self.ends.clear();
        self.ends.resize(len, 0);
        for &(p, _) in &self.read {
            self.ends[(p - first) as usize] += 1;
        }
        let mut total = 0u32;
        for e in self.ends.iter_mut() {
            let count = *e;
            *e = total;
            total += count;
        }
        self.at.clear();
        self.at.resize(total as usize, At::default());
        for &(p, a) in &self.read {
            let slot = &mut self.ends[(p - first) as usize];
            self.at[*slot as usize] = a;
            *slot += 1;
        }
    }

    /// The occurrences in passage `i` of the block.
    fn of(&self, i: usize) -> &[At] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.at[start..self.ends[i] as usize]
    }
}

/// A term's postings being read.
struct Reader<'a> {
    /// The cursors of its single words, with their costs.
    words: Vec<(Cursor<'a>, Cost)>,
    /// Per phrase, per word of it, the cursors of its matching words.
    phrases: Vec<Vec<Vec<(Cursor<'a>, Cost)>>>,
}

/// Reads `cursors` up to passage `end` into `out`, keeping the
/// occurrences in the passages `live` says.
fn read(
    cursors: &mut [(Cursor<'_>, Cost)],
    end: u32,
    live: impl Fn(u32) -> bool,
    out: &mut Vec<(u32, At)>,
) {
    for (cursor, cost) in cursors.iter_mut() {
        let cost = *cost;
        cursor.until(end, |p, pos| {
            if live(p) {
                out.push((p, At { pos, len: 1, cost }));
            }
        });
    }
}

impl Part<'_> {
    /// Every passage where all `plans` occur and no
    /// `negative` one does, in reading order; with `keep`, only (at least)
    /// the best `keep` of them.
    pub(super) fn rank_blocks(
        &self,
        plans: &[TermPlan],
        negative: &[TermPlan],
        keep: Option<usize>,
    ) -> Vec<Candidate> {
        let ix = self.ix;
        let range = ix.run_passages(self.run);
        let allowed = (!negative.is_empty()).then(|| {
            let mut s = PassageSet::new(ix.passages.len());
            for p in range.clone() {
                s.insert(p);
            }
            self.exclude(negative, &mut s);
            s
        });
        // Rarest term first, as in the whole-run ranking.
        let mut order: Vec<usize> = (0..plans.len()).collect();
        order.sort_by_key(|&i| plans[i].volume());
        let cursors_of = |ws: &WordSet| -> Vec<(Cursor<'_>, Cost)> {
            ws.iter()
                .flat_map(|&(w, c)| ix.cursors(w, self.run).map(move |k| (k, c)))
                .collect()
        };
        let mut readers: Vec<Reader<'_>> = order
            .iter()
            .map(|&i| Reader {
                words: plans[i]
                    .alts
                    .iter()
                    .filter(|a| a.len() == 1)
                    .flat_map(|a| cursors_of(&a[0]))
                    .collect(),
                phrases: plans[i]
                    .alts
                    .iter()
                    .filter(|a| a.len() > 1)
                    .map(|a| a.iter().map(cursors_of).collect())
                    .collect(),
            })
            .collect();
        // The best cost each term can have anywhere (unknown with phrases:
        // exact at best).
        let ahead: Vec<Option<Cost>> = readers
            .iter()
            .map(|r| {
                if r.phrases.is_empty() {
                    r.words.iter().map(|k| k.1).min()
                } else {
                    None
                }
            })
            .collect();
        let mut scratch: Vec<Block> = Vec::new();
        let mut runs: Vec<At> = Vec::new();
        let mut blocks: Vec<Block> = (0..plans.len()).map(|_| Block::default()).collect();
        let mut alive = vec![false; BLOCK as usize];
        let mut ranker = Ranker::default();
        let mut all = Vec::new();
        let mut best = keep.map(Best::new);
        let mut first = range.start;
        while first < range.end {
            let end = first.saturating_add(BLOCK).min(range.end);
            let len = (end - first) as usize;
            alive[..len].fill(true);
            if let Some(a) = &allowed {
                for (i, v) in alive[..len].iter_mut().enumerate() {
                    *v = a.contains(first + i as u32);
                }
            }
            let mut any = true;
            for (t, term) in readers.iter_mut().enumerate() {
                let b = &mut blocks[t];
                b.read.clear();
                let live = |p: u32| any && p >= first && alive[(p - first) as usize];
                read(&mut term.words, end, live, &mut b.read);
                for phrase in term.phrases.iter_mut() {
                    if scratch.len() < phrase.len() {
                        scratch.resize_with(phrase.len(), Block::default);
                    }
                    for (k, words) in phrase.iter_mut().enumerate() {
                        scratch[k].read.clear();
                        read(words, end, live, &mut scratch[k].read);
                        scratch[k].group(first, len);
                    }
                    for i in (0..len).filter(|&i| any && alive[i]) {
                        join_phrase(scratch[..phrase.len()].iter().map(|w| w.of(i)), &mut runs);
                        let p = first + i as u32;
                        b.read.extend(runs.iter().map(|r| (p, *r)));
                    }
                }
                b.group(first, len);
                any = false;
                for (i, v) in alive[..len].iter_mut().enumerate() {
                    *v = *v && b.ends[i] > if i == 0 { 0 } else { b.ends[i - 1] };
                    any |= *v;
                }
                // A passage that cannot beat the worst kept, even with the
                // best matches of the terms still to read, is dropped.
                let worst = best.as_ref().and_then(Best::worst);
                if let Some(w) = worst
                    && any
                    && t + 1 < order.len()
                {
                    any = false;
                    for (i, v) in alive[..len].iter_mut().enumerate() {
                        if *v {
                            let words = ix.passages[(first + i as u32) as usize].words;
                            let costs = blocks[..=t]
                                .iter()
                                .map(|b| b.of(i).iter().map(|o| o.cost).min())
                                .chain(ahead[t + 1..].iter().copied());
                            *v = bound(costs, words) < w;
                            any |= *v;
                        }
                    }
                }
            }
            if any {
                let mut slices: Vec<&[At]> = Vec::with_capacity(plans.len());
                for i in (0..len).filter(|&i| alive[i]) {
                    let p = first + i as u32;
                    slices.clear();
                    // Back in the order of the query's terms.
                    slices.resize(plans.len(), &[]);
                    for (t, &q) in order.iter().enumerate() {
                        slices[q] = blocks[t].of(i);
                    }
                    let words = ix.passages[p as usize].words;
                    match &mut best {
                        None => all.push(Candidate {
                            passage: p,
                            rank: ranker.rank(&slices, words),
                        }),
                        Some(b) => {
                            if let Some(r) = ranker.rank_below(&slices, words, b.worst()) {
                                b.push(r, p);
                            }
                        }
                    }
                }
            }
            first = end;
        }
        match best {
            Some(b) => b.into_candidates(),
            None => all,
        }
    }
}

/// The best rank a passage of `words` words can have when each term's best
/// match costs what `costs` says (`None`: unknown, exact at best).
fn bound(costs: impl Iterator<Item = Option<Cost>>, words: u32) -> Rank {
    let mut r = Rank {
        words,
        ..Rank::default()
    };
    for c in costs {
        let c = c.unwrap_or(Cost::EXACT);
        r.exact += u32::from(c.is_exact());
        r.typos += u32::from(c.typos());
        r.off_start += u32::from(!c.at_word_start());
    }
    r
}

#[cfg(test)]
mod tests {
    use crate::core::search::{Hit, Query, SearchIndex, scan_passages, tie_corpus};

    /// Passages of a few words from a small vocabulary: many ties, many
    /// blocks (a block is 3 passages in tests).
    fn corpus() -> crate::core::Corpus {
        let words = [
            "russia",
            "role",
            "russian",
            "road",
            "armenia",
            "lachin",
            "corridor",
            "red",
            "rule",
            "the",
            "of",
            "corridors",
            "ruler",
            "a",
        ];
        tie_corpus(&words, 7, 40, 2..11)
    }

    #[test]
    fn block_ranking_agrees_with_reading_every_passage() {
        let c = corpus();
        let idx = SearchIndex::build(&c);
        for q in [
            "russia r",
            "lachin c",
            "the role of russia",
            "russia ro !armenia",
            "corridor lachin",
            "r a",
            // One term: ranked apart, with the same top-k.
            "r",
            "russia",
            "ru !road",
            // Phrases, lined up block by block.
            "russia's r",
            "\"lachin corridor\" ro",
            "\"the role\" \"of r\" !red",
            "russia-role",
        ] {
            let query = Query::parse(q);
            for limit in [1, 5, 50, 1000] {
                let got: Vec<Hit> = idx
                    .search(&c, &query, limit)
                    .into_iter()
                    .filter(Hit::has_all_terms)
                    .collect();
                assert_eq!(got, scan_passages(&c, &query, limit), "{q} {limit}");
            }
            let all = idx.hits_in_reading_order(&c, &query).len();
            assert_eq!(all, scan_passages(&c, &query, usize::MAX).len(), "{q}");
        }
    }
}
