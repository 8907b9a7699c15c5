//! The search index, built once when a corpus is loaded: a sorted vocabulary
//! of the folded words, and for each word where it occurs (passage and word
//! position), compressed.
//!
//! A keystroke looks query words up in the vocabulary (exact and prefix by
//! binary search, typos and subsequences by scanning the vocabulary, which
//! stays small even for a large corpus), then reads only the postings of the
//! words that matched. The passage text is never scanned for candidates.
//!
//! Postings of one word are byte strings of varints (one segment per run of
//! articles indexed by one thread), one entry per occurrence in reading
//! order: `pos << 1 | 1` then the passage delta when the passage changes
//! (from 0 at a segment's start), `(pos - previous pos) << 1` otherwise.
//!
//! A long segment also has skips: every [`SKIP_EVERY`] bytes or so, where a
//! passage's first entry starts and which passage it is. A query that needs
//! a common word only in a few passages jumps from skip to skip instead of
//! reading every entry before the passage it wants (see [`Cursor::seek`]).

use fuzzy_matcher::skim::SkimMatcherV2;

use super::words::{Cost, Needle, word_cost};

/// At most this many threads build the index, and run a query (one per
/// group of runs of articles).
pub(crate) const MAX_THREADS: usize = 4;
/// Bytes of postings between two skips, at least.
pub(crate) const SKIP_EVERY: usize = if cfg!(test) { 8 } else { 64 };
/// Segments shorter than this have no skips: they are read through.
pub(crate) const SKIP_MIN: usize = if cfg!(test) { 64 } else { 2048 };

/// A place to start reading a segment from: the entry at byte `at` is the
/// first occurrence in `passage` (so it holds a position and a delta).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Skip {
    /// Global passage number.
    pub passage: u32,
    /// Byte offset in the segment.
    pub at: u32,
}

/// Where one passage is, by global passage number. Its text is the
/// article's; a hit folds it again to find what to highlight.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PassageEntry {
    /// Index of the article in the corpus.
    pub article: u32,
    /// Words in the passage.
    pub words: u32,
}

/// The word and passage index of a corpus. Build it with
/// [`SearchIndex::build`] (in [`super::build`]); it is `Send + Sync`, so a reader can share it with
/// a search thread behind an `Arc`.
pub struct SearchIndex {
    /// All words, sorted, concatenated.
    pub(super) vocab_text: String,
    /// End of word `i` in `vocab_text`.
    pub(super) vocab_ends: Vec<u32>,
    /// Postings, one segment per word per run of articles it was indexed
    /// in (see [`super::build`]), each starting from passage 0.
    pub(super) segments: Vec<Box<[u8]>>,
    /// Word `i`'s segments are `segments[word_segments[i]..word_segments[i + 1]]`,
    /// in reading order.
    pub(super) word_segments: Vec<u32>,
    /// The run of articles each segment was indexed in.
    pub(super) segment_runs: Vec<u8>,
    /// The skips of every segment, passages ascending within a segment.
    pub(super) skips: Vec<Skip>,
    /// Segment `k`'s skips are `skips[segment_skips[k]..segment_skips[k + 1]]`.
    pub(super) segment_skips: Vec<u32>,
    /// The global number of each run's first passage, plus the total.
    pub(super) run_starts: Vec<u32>,
    /// The runs put together for queries: a query is run on each group's
    /// passages in parallel.
    pub(super) groups: Groups,
    /// Letter masks of the words (see [`super::words::letter_mask`]).
    pub(super) masks: Vec<u32>,
    /// Word ids by length in chars (index 64 holds everything longer).
    pub(super) by_len: Vec<Vec<u32>>,
    /// Every passage of the corpus in reading order.
    pub(super) passages: Vec<PassageEntry>,
    /// Global number of each article's first passage, plus the total.
    pub(crate) article_start: Vec<u32>,
    pub(crate) matcher: SkimMatcherV2,
}

/// The runs of articles put together for queries, which search each group
/// on a thread of its own (the query code calls a group a run): one group
/// per run when there are no more runs than threads (an index built
/// whole), else contiguous runs together, the largest group as small as
/// can be (an index updated in place has runs of every size, see
/// [`super::merge`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Groups {
    /// The group of each run.
    of_run: Vec<u8>,
    /// The global number of each group's first passage, plus the total.
    starts: Vec<u32>,
}

impl Groups {
    /// The groups of runs starting at `run_starts` (plus the total), for
    /// as many threads as this machine runs a query on.
    pub(super) fn of(run_starts: &[u32]) -> Groups {
        let threads = std::thread::available_parallelism().map_or(1, |p| p.get());
        Groups::within(run_starts, threads.min(MAX_THREADS))
    }

    /// The groups of runs starting at `run_starts`, at most `parts`.
    pub(super) fn within(run_starts: &[u32], parts: usize) -> Groups {
        let sizes: Vec<u64> = run_starts
            .windows(2)
            .map(|w| u64::from(w[1].saturating_sub(w[0])))
            .collect();
        if sizes.len() <= parts.max(1) {
            return Groups {
                of_run: (0..sizes.len()).map(|r| r as u8).collect(),
                starts: run_starts.to_vec(),
            };
        }
        // Runs put together in order until the next would pass `most`.
        let group = |most: u64, mut start: Option<&mut Vec<u32>>| {
            let (mut groups, mut size) = (1, 0);
            let mut of_run = Vec::with_capacity(sizes.len());
            for (r, &s) in sizes.iter().enumerate() {
                if size > 0 && size + s > most {
                    groups += 1;
                    size = 0;
                    if let Some(starts) = start.as_deref_mut() {
                        starts.push(run_starts[r]);
                    }
                }
                size += s;
                of_run.push((groups - 1) as u8);
            }
            (groups, of_run)
        };
        // The least `most` that makes no more than `parts` groups.
        let (mut lo, mut hi) = (
            sizes.iter().copied().max().unwrap_or(0),
            sizes.iter().sum::<u64>(),
        );
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if group(mid, None).0 <= parts {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        let mut starts = vec![0];
        let (_, of_run) = group(lo, Some(&mut starts));
        starts.extend(run_starts.last());
        Groups { of_run, starts }
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("words", &self.vocab_ends.len())
            .field("passages", &self.passages.len())
            .finish()
    }
}

pub(super) fn get_varint(bytes: &[u8], at: &mut usize) -> u64 {
    // One byte is by far the commonest case.
    if let Some(&b) = bytes.get(*at)
        && b < 0x80
    {
        *at += 1;
        return b as u64;
    }
    let mut v = 0u64;
    let mut shift = 0;
    while let Some(&b) = bytes.get(*at) {
        *at += 1;
        v |= ((b & 0x7f) as u64) << shift;
        if b < 0x80 || shift > 56 {
            break;
        }
        shift += 7;
    }
    v
}

/// Calls `f(passage, pos)` for each occurrence in a word's postings.
pub(crate) fn decode(bytes: &[u8], mut f: impl FnMut(u32, u32)) {
    let (mut at, mut passage, mut pos) = (0, 0u32, 0u32);
    while at < bytes.len() {
        let v = get_varint(bytes, &mut at);
        if v & 1 == 1 {
            pos = (v >> 1) as u32;
            passage = passage.wrapping_add(get_varint(bytes, &mut at) as u32);
        } else {
            pos = pos.wrapping_add((v >> 1) as u32);
        }
        f(passage, pos);
    }
}

/// Reads a segment of postings a stretch of passages at a time (see
/// [`decode`] for the format), one occurrence ahead.
pub(crate) struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    /// The occurrence read ahead: its passage (`u32::MAX` past the end)
    /// and position.
    passage: u32,
    pos: u32,
    /// The segment's skips not taken yet (some may be behind).
    skips: &'a [Skip],
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(bytes: &'a [u8], skips: &'a [Skip]) -> Cursor<'a> {
        let mut c = Cursor {
            bytes,
            at: 0,
            passage: 0,
            pos: 0,
            skips,
        };
        c.passage = c.read(0);
        c
    }

    /// The skips not taken yet before passage `end`: about how many
    /// [`SKIP_EVERY`] bytes of entries lie ahead before `end`.
    pub(crate) fn skips_before(&self, end: u32) -> usize {
        skips_up_to(self.skips, end.saturating_sub(1))
    }

    /// Moves to the first occurrence in passage `target` or after,
    /// through the last skip at or before `target` when it is ahead, then
    /// reading entry by entry.
    #[inline]
    pub(crate) fn seek(&mut self, target: u32) {
        if self.passage >= target {
            return;
        }
        let k = skips_up_to(self.skips, target);
        if k > 0 {
            let s = self.skips[k - 1];
            self.skips = &self.skips[k..];
            if s.passage > self.passage {
                self.at = s.at as usize;
                // The entry's delta counts from the passage before it.
                self.read(0);
                self.passage = s.passage;
            }
        }
        while self.passage < target {
            self.passage = self.read(self.passage);
        }
    }

    /// Reads the occurrence after one in `passage`: its passage, or
    /// `u32::MAX` at the end; sets `pos`.
    #[inline]
    fn read(&mut self, passage: u32) -> u32 {
        if self.at >= self.bytes.len() {
            return u32::MAX;
        }
        let v = get_varint(self.bytes, &mut self.at);
        if v & 1 == 1 {
            self.pos = (v >> 1) as u32;
            passage.wrapping_add(get_varint(self.bytes, &mut self.at) as u32)
        } else {
            self.pos = self.pos.wrapping_add((v >> 1) as u32);
            passage
        }
    }

    /// Calls `f(passage, pos)` for each occurrence before passage `end`
    /// not given yet.
    #[inline]
    pub(crate) fn until(&mut self, end: u32, mut f: impl FnMut(u32, u32)) {
        let mut passage = self.passage;
        while passage < end {
            f(passage, self.pos);
            passage = self.read(passage);
        }
        self.passage = passage;
    }
}

/// How many of `skips` (passages ascending) are at or before passage
/// `target`: a galloping search from the start, quick when few are.
fn skips_up_to(skips: &[Skip], target: u32) -> usize {
    let mut end = 1;
    while end < skips.len() && skips[end].passage <= target {
        end *= 2;
    }
    let start = end / 2;
    let end = end.min(skips.len());
    start + skips[start..end].partition_point(|s| s.passage <= target)
}

/// The first `i` in `0..=n` for which `before(i)` is false (`before` must be
/// true then false).
pub(super) fn partition(n: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

impl SearchIndex {
    /// Words in the vocabulary.
    pub fn vocabulary_len(&self) -> usize {
        self.vocab_ends.len()
    }

    /// Passages indexed.
    pub fn passage_count(&self) -> usize {
        self.passages.len()
    }

    /// Bytes held by the postings.
    pub fn postings_bytes(&self) -> usize {
        self.segments.iter().map(|p| p.len()).sum()
    }

    pub(crate) fn word(&self, id: u32) -> &str {
        let i = id as usize;
        let start = if i == 0 {
            0
        } else {
            self.vocab_ends[i - 1] as usize
        };
        &self.vocab_text[start..self.vocab_ends[i] as usize]
    }

    fn word_segments(&self, id: u32) -> &[Box<[u8]>] {
        let i = id as usize;
        let (a, b) = (self.word_segments[i], self.word_segments[i + 1]);
        &self.segments[a as usize..b as usize]
    }

    /// Bytes of a word's postings.
    pub(crate) fn postings_len(&self, id: u32) -> usize {
        self.word_segments(id).iter().map(|s| s.len()).sum()
    }

    /// Calls `f(passage, pos)` for each occurrence of a word, in reading
    /// order: in every run, or in run `run` only.
    pub(crate) fn decode_word(&self, id: u32, run: Option<usize>, mut f: impl FnMut(u32, u32)) {
        let i = id as usize;
        let (a, b) = (
            self.word_segments[i] as usize,
            self.word_segments[i + 1] as usize,
        );
        for k in a..b {
            if run.is_none_or(|g| self.group_of(k) == g) {
                decode(&self.segments[k], &mut f);
            }
        }
    }

    /// Cursors over a word's postings: in every run, or in run `run` only.
    pub(crate) fn cursors(&self, id: u32, run: Option<usize>) -> impl Iterator<Item = Cursor<'_>> {
        let i = id as usize;
        let (a, b) = (
            self.word_segments[i] as usize,
            self.word_segments[i + 1] as usize,
        );
        (a..b)
            .filter(move |&k| run.is_none_or(|g| self.group_of(k) == g))
            .map(|k| {
                let skips = self.segment_skips[k] as usize..self.segment_skips[k + 1] as usize;
                Cursor::new(&self.segments[k], &self.skips[skips])
            })
    }

    /// The group of runs segment `k` is in.
    fn group_of(&self, k: usize) -> usize {
        let run = usize::from(self.segment_runs[k]);
        self.groups.of_run.get(run).map_or(0, |&g| usize::from(g))
    }

    /// The runs of articles a query is run on, one thread each: the runs
    /// the index was built in, or groups of them ([`Groups`]).
    pub(crate) fn run_count(&self) -> usize {
        self.groups.starts.len().saturating_sub(1).max(1)
    }

    /// The global passage numbers of run (group) `run` (all passages for
    /// `None`).
    pub(crate) fn run_passages(&self, run: Option<usize>) -> std::ops::Range<u32> {
        let n = self.passages.len() as u32;
        let starts = &self.groups.starts;
        match run {
            Some(r) if r + 1 < starts.len() => starts[r]..starts[r + 1],
            _ => 0..n,
        }
    }

    /// The article and 0-based passage index of a global passage number.
    pub(crate) fn locate(&self, global: u32) -> (usize, usize) {
        let e = &self.passages[global as usize];
        let a = e.article as usize;
        (a, (global - self.article_start[a]) as usize)
    }

    /// The first word id not less than `s`.
    pub(crate) fn lower_bound(&self, s: &str) -> u32 {
        partition(self.vocab_ends.len(), |i| self.word(i as u32) < s) as u32
    }

    /// Every vocabulary word the query word matches, with how well.
    pub(crate) fn resolve(&self, needle: &Needle) -> Vec<(u32, Cost)> {
        let mut out = Vec::new();
        let text = needle.text.as_str();
        let n = self.vocab_ends.len() as u32;
        let mut id = self.lower_bound(text);
        if id < n && self.word(id) == text {
            out.push((id, Cost::EXACT));
        }
        // Other forms of the word start with its first letters: read that
        // stretch of the vocabulary (it holds the prefix matches too).
        let stem_key = needle.stem.as_ref().and_then(|_| super::stem::key(text));
        if let Some(k) = stem_key {
            let mut w = self.lower_bound(k);
            while w < n && self.word(w).starts_with(k) {
                let word = self.word(w);
                if word != text {
                    if needle.same_stem(word) {
                        out.push((w, Cost::STEM));
                    } else if needle.tiers.prefix && word.starts_with(text) {
                        out.push((w, Cost::PREFIX));
                    }
                }
                w += 1;
            }
        } else if needle.tiers.prefix {
            if id < n && self.word(id) == text {
                id += 1;
            }
            while id < n && self.word(id).starts_with(text) {
                out.push((id, Cost::PREFIX));
                id += 1;
            }
        }
        let k = needle.max_typos();
        let len = needle.char_len();
        let (lo, hi) = match (k > 0, needle.tries_subsequence()) {
            (_, true) => (len.saturating_sub(k), 3 * len),
            (true, false) => (len - k, len + k),
            (false, false) => return out,
        };
        for l in lo..=hi.min(64) {
            for &w in &self.by_len[l] {
                let m = self.masks[w as usize];
                let typo_possible = k > 0
                    && l.abs_diff(len) <= k
                    && (m ^ needle.mask).count_ones() as usize <= 2 * k;
                let subseq_possible =
                    l >= len && needle.tries_subsequence() && needle.mask & !m == 0;
                if !typo_possible && !subseq_possible {
                    continue;
                }
                let word = self.word(w);
                if word == text || (needle.tiers.prefix && word.starts_with(text)) {
                    continue;
                }
                if subseq_possible && !typo_possible && !is_subsequence(text, word) {
                    continue;
                }
                if needle.stem_possible(word) && needle.same_stem(word) {
                    continue;
                }
                if let Some(c) = word_cost(needle, word, &self.matcher) {
                    out.push((w, c));
                }
            }
        }
        out
    }
}

/// True when the chars of `needle` appear in order in `hay`.
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut h = hay.chars();
    needle.chars().all(|c| h.any(|x| x == c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::test_corpus as corpus;
    use crate::core::search::words::Tiers;

    #[test]
    fn passages_map_to_folded_ranges() {
        let c = corpus(&["T\n\nRasmus Canbäck’s note.\n\nSecond – passage here."]);
        let idx = SearchIndex::build(&c);
        let a = &c.articles[0];
        assert_eq!(idx.passages.len(), 2);
        let (ai, pi) = idx.locate(1);
        let f = crate::core::text::fold_str(a.passage_text(&c.articles[ai].passages[pi]));
        assert_eq!(f, "second - passage here.");
        assert_eq!(idx.passages[0].words, 4);
        assert_eq!(idx.passages[1].words, 3);
        assert_eq!(idx.locate(1), (0, 1));
    }

    #[test]
    fn seeking_through_skips_finds_what_reading_finds() {
        let c = crate::core::search::tie_corpus(&["the", "of", "role", "russia"], 5, 300, 3..9);
        let idx = SearchIndex::build(&c);
        let mut jumped = 0;
        for w in 0..idx.vocabulary_len() as u32 {
            let mut all = Vec::new();
            idx.decode_word(w, None, |p, pos| all.push((p, pos)));
            // Every passage, every third, every 29th: near and far jumps.
            for step in [1, 3, 29] {
                let mut got = Vec::new();
                for cursor in idx.cursors(w, None) {
                    let mut cursor = cursor;
                    jumped += usize::from(cursor.skips_before(u32::MAX) > 0);
                    for p in (0..idx.passage_count() as u32).step_by(step) {
                        cursor.seek(p);
                        cursor.until(p + 1, |p, pos| got.push((p, pos)));
                    }
                }
                let want: Vec<(u32, u32)> = all
                    .iter()
                    .copied()
                    .filter(|&(p, _)| (p as usize).is_multiple_of(step))
                    .collect();
                assert_eq!(got, want, "{} every {step}", idx.word(w));
            }
        }
        assert!(jumped > 0);
    }

    #[test]
    fn runs_are_grouped_for_queries_as_evenly_as_can_be() {
        let g = |starts: &[u32], parts| {
            let groups = Groups::within(starts, parts);
            assert_eq!(groups.of_run.len(), starts.len() - 1);
            (groups.of_run, groups.starts)
        };
        // No more runs than threads: one group each.
        assert_eq!(g(&[0, 50, 100], 2), (vec![0, 1], vec![0, 50, 100]));
        assert_eq!(g(&[0, 10], 4), (vec![0], vec![0, 10]));
        assert_eq!(g(&[0, 0], 2), (vec![0], vec![0, 0]));
        // An index updated twice: a third, a new run, a sixth, a half, a
        // new run.
        assert_eq!(
            g(&[0, 330, 331, 500, 999, 1000], 2),
            (vec![0, 0, 0, 1, 1], vec![0, 500, 1000])
        );
        assert_eq!(
            g(&[0, 330, 331, 500, 999, 1000], 4),
            (vec![0, 0, 1, 2, 3], vec![0, 331, 500, 999, 1000])
        );
        assert_eq!(g(&[0, 1, 2, 3, 4, 5, 6], 1).1, vec![0, 6]);
    }

    #[test]
    fn resolve_finds_each_tier_in_the_vocabulary() {
        let c = corpus(&[
            "T\n\nlachin lachinx corridor corridors lacking pashinyan ratified ratifying",
        ]);
        let idx = SearchIndex::build(&c);
        let got = |q: &str, t: Tiers| -> Vec<(String, Cost)> {
            let mut v: Vec<_> = idx
                .resolve(&Needle::new(q, t))
                .into_iter()
                .map(|(w, c)| (idx.word(w).to_string(), c))
                .collect();
            v.sort();
            v
        };
        assert_eq!(
            got("lachin", Tiers::FUZZY),
            [
                ("lachin".into(), Cost::EXACT),
                ("lachinx".into(), Cost::PREFIX)
            ]
        );
        assert_eq!(
            got("ratification", Tiers::FUZZY),
            [
                ("ratified".into(), Cost::STEM),
                ("ratifying".into(), Cost::STEM)
            ]
        );
        assert!(got("ratification", Tiers::PREFIX).is_empty());
        assert_eq!(
            got("lachin", Tiers::EXACT),
            [("lachin".into(), Cost::EXACT)]
        );
        assert_eq!(
            got("coridor", Tiers::FUZZY),
            [
                ("corridor".into(), Cost::typo(1, true)),
                ("corridors".into(), Cost::typo(3, true))
            ]
        );
        assert_eq!(got("pshnyan", Tiers::FUZZY)[0].0, "pashinyan");
        assert!(got("pshnyan", Tiers::PHRASE).is_empty());
        assert!(got("zzz", Tiers::FUZZY).is_empty());
    }
}
