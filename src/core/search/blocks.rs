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
//! [`Ranker::rank_below`]): after each term, each passage still in the
//! running is bounded by the best matches of the terms read and the best
//! the others can have anywhere, and with single words, by the gap between
//! the terms read less one word per term still to read. The terms after the
//! first are then often needed in few passages of a block: a common word's
//! postings are then not read through but jumped through by their skips
//! (see [`super::index`]). Before a block is read, the best matches each
//! term has anywhere bound all its passages: once those tie with the worst
//! kept, only passages shorter than it are read (a lone common phrase, the
//! "russia's" of a query, then reads few). A phrase is matched block by block too: its
//! words are grouped like terms, then lined up passage by passage.

use super::exec::{Best, Candidate, Part, PassageSet, TermPlan, WordSet};
use super::index::Cursor;
use super::rank::{At, Rank, Ranker, join_phrase};
use super::words::Cost;

/// Passages grouped and ranked at a time.
const BLOCK: u32 = if cfg!(test) { 3 } else { 8192 };
/// A term is read only in the passages still in the running, jumping over
/// the others, when fewer than one passage in this many of the block is.
const SPARSE: usize = if cfg!(test) { 1 } else { 4 };
/// ...and when its postings have more than this many skips in the block
/// per passage to jump to (in tests, any: so that jumps are tested).
const SKIPS_PER_JUMP: usize = if cfg!(test) { 0 } else { 2 };

/// The passages of a block are bounded before any term is read when the
/// first term has more than this many postings bytes per passage of the
/// part (in tests, always: so that it is tested).
const PREFILTER_BYTES_PER_PASSAGE: usize = if cfg!(test) { 0 } else { 1 };

/// The occurrences of one term in one block, grouped by passage.
#[derive(Default)]
struct Block {
    /// Occurrences as read: passage, occurrence.
    read: Vec<(u32, At)>,
    /// The occurrences grouped by passage.
    at: Vec<At>,
    /// Where each passage's occurrences are in `at`: start and end (set
    /// for the passages grouped only).
    span: Vec<(u32, u32)>,
}

impl Block {
    /// Groups `read` by passage, for the block starting at `first` of `len`
    /// passages: by a counting sort over the block, or when `few`, by
    /// sorting what was read, for the passages `wanted` only (every
    /// passage read must be one of them).
    fn group(&mut self, first: u32, len: usize, wanted: &[u32], few: bool) {
        self.span.resize(len.max(self.span.len()), (0, 0));
        self.at.clear();
        if few {
            for &i in wanted {
                self.span[i as usize] = (0, 0);
            }
            self.read.sort_unstable_by_key(|r| r.0);
            let mut k = 0;
            while k < self.read.len() {
                let p = self.read[k].0;
                let start = self.at.len() as u32;
                while k < self.read.len() && self.read[k].0 == p {
                    self.at.push(self.read[k].1);
                    k += 1;
                }
                self.span[(p - first) as usize] = (start, self.at.len() as u32);
            }
            return;
        }
        let span = &mut self.span[..len];
        span.fill((0, 0));
        for &(p, _) in &self.read {
            span[(p - first) as usize].1 += 1;
        }
        let mut total = 0u32;
        for s in span.iter_mut() {
            let count = s.1;
            *s = (total, total);
            total += count;
        }
        self.at.resize(total as usize, At::default());
        for &(p, a) in &self.read {
            let s = &mut span[(p - first) as usize];
            self.at[s.1 as usize] = a;
            s.1 += 1;
        }
    }

    /// The occurrences in passage `i` of the block.
    fn of(&self, i: u32) -> &[At] {
        let (start, end) = self.span[i as usize];
        &self.at[start as usize..end as usize]
    }
}

/// A term's postings being read.
struct Reader<'a> {
    /// The cursors of its single words, with their costs.
    words: Vec<(Cursor<'a>, Cost)>,
    /// Per phrase, per word of it, the cursors of its matching words.
    phrases: Vec<Vec<Vec<(Cursor<'a>, Cost)>>>,
}

/// The passages of a block still in the running.
struct Wanted<'a> {
    /// The block's first passage and the passage after its last.
    first: u32,
    end: u32,
    /// Their indices in the block, ascending.
    list: &'a [u32],
    /// A flag per passage of the block.
    alive: &'a [bool],
    /// True when they are few: a cursor with skips then jumps from one to
    /// the next rather than reading every entry between.
    few: bool,
}

/// Reads the occurrences of `cursors` in the `wanted` passages into `out`.
fn read(cursors: &mut [(Cursor<'_>, Cost)], wanted: &Wanted<'_>, out: &mut Vec<(u32, At)>) {
    let first = wanted.first;
    for (cursor, cost) in cursors.iter_mut() {
        let cost = *cost;
        let mut note = |p, pos| out.push((p, At { pos, len: 1, cost }));
        // Jumping costs about what reading a skip's worth of entries
        // does: worth it when there are more skips than jumps to make.
        if wanted.few && cursor.skips_before(wanted.end) > SKIPS_PER_JUMP * wanted.list.len() {
            for &i in wanted.list {
                let p = first + i;
                cursor.seek(p);
                cursor.until(p + 1, &mut note);
            }
        } else {
            cursor.until(wanted.end, |p, pos| {
                if p >= first && wanted.alive[(p - first) as usize] {
                    note(p, pos);
                }
            });
        }
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
        // With single words only, the terms read so far bound the gap.
        let words_only = readers.iter().all(|r| r.phrases.is_empty());
        let passages = (range.end - range.start) as usize;
        let prefilter = order
            .first()
            .is_some_and(|&i| plans[i].volume() > passages * PREFILTER_BYTES_PER_PASSAGE);
        let mut scratch: Vec<Block> = Vec::new();
        let mut runs: Vec<At> = Vec::new();
        let mut blocks: Vec<Block> = (0..plans.len()).map(|_| Block::default()).collect();
        // The passages of the block still in the running, as a list of
        // indices in the block and as a flag per passage.
        let mut wanted: Vec<u32> = Vec::new();
        let mut alive = vec![false; BLOCK as usize];
        let mut ranker = Ranker::default();
        let mut all = Vec::new();
        let mut best = keep.map(Best::new);
        let mut first = range.start;
        while first < range.end {
            let end = first.saturating_add(BLOCK).min(range.end);
            let len = (end - first) as usize;
            wanted.clear();
            for (i, v) in alive[..len].iter_mut().enumerate() {
                *v = allowed
                    .as_ref()
                    .is_none_or(|a| a.contains(first + i as u32));
                if *v {
                    wanted.push(i as u32);
                }
            }
            // Before any term is read, the best matches of every term
            // anywhere bound each passage; past that only its words count.
            // Worth a look at every passage only when the first term read
            // has more postings than the part has passages.
            if let Some(w) = best.as_ref().and_then(Best::worst)
                && prefilter
            {
                match bound(ahead.iter().copied(), w.words).cmp(&w) {
                    std::cmp::Ordering::Less => {}
                    std::cmp::Ordering::Equal => wanted.retain(|&i| {
                        let keep = ix.passages[(first + i) as usize].words < w.words;
                        alive[i as usize] = keep;
                        keep
                    }),
                    std::cmp::Ordering::Greater => {
                        for &i in &wanted {
                            alive[i as usize] = false;
                        }
                        wanted.clear();
                    }
                }
            }
            for (t, term) in readers.iter_mut().enumerate() {
                if wanted.is_empty() {
                    break;
                }
                let b = &mut blocks[t];
                b.read.clear();
                // When few passages are still in the running, the cursors
                // jump from one to the next.
                let few = wanted.len() * SPARSE < len;
                let w = Wanted {
                    first,
                    end,
                    list: &wanted,
                    alive: &alive,
                    few,
                };
                read(&mut term.words, &w, &mut b.read);
                for phrase in term.phrases.iter_mut() {
                    if scratch.len() < phrase.len() {
                        scratch.resize_with(phrase.len(), Block::default);
                    }
                    for (k, words) in phrase.iter_mut().enumerate() {
                        scratch[k].read.clear();
                        read(words, &w, &mut scratch[k].read);
                        scratch[k].group(first, len, &wanted, few);
                    }
                    for &i in &wanted {
                        join_phrase(scratch[..phrase.len()].iter().map(|w| w.of(i)), &mut runs);
                        let p = first + i;
                        b.read.extend(runs.iter().map(|r| (p, *r)));
                    }
                }
                b.group(first, len, &wanted, few);
                let b = &blocks[t];
                wanted.retain(|&i| {
                    let has = !b.of(i).is_empty();
                    alive[i as usize] = has;
                    has
                });
                // A passage that cannot beat the worst kept, even with the
                // best matches of the terms still to read, is dropped.
                let worst = best.as_ref().and_then(Best::worst);
                if let Some(w) = worst
                    && t + 1 < order.len()
                {
                    let mut read_so_far: Vec<&[At]> = Vec::with_capacity(t + 1);
                    wanted.retain(|&i| {
                        let words = ix.passages[(first + i) as usize].words;
                        let costs = blocks[..=t]
                            .iter()
                            .map(|b| b.of(i).iter().map(|o| o.cost).min())
                            .chain(ahead[t + 1..].iter().copied());
                        let mut r = bound(costs, words);
                        // The gap decides only between passages equal in
                        // exact terms and typos.
                        if words_only && t > 0 && r < w && (r.exact, r.typos) == (w.exact, w.typos)
                        {
                            read_so_far.clear();
                            read_so_far.extend(blocks[..=t].iter().map(|b| b.of(i)));
                            let still = (order.len() - t - 1) as u32;
                            r.gap = ranker.gap_of(&read_so_far).saturating_sub(still);
                        }
                        let keep = r < w;
                        alive[i as usize] = keep;
                        keep
                    });
                }
            }
            let mut slices: Vec<&[At]> = Vec::with_capacity(plans.len());
            for &i in &wanted {
                let p = first + i;
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
            "russia's",
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
