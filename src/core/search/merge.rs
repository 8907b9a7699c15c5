//! A [`SearchIndex`] brought up to date with a changed corpus at the cost
//! of what changed ([`SearchIndex::update`]), not built again whole.
//!
//! The articles of the old and new corpus that are the same (same text,
//! same passages) at the start and at the end are kept; the stretch
//! between them — the articles added, changed and removed, and those
//! among them that did not change — is *the cut*. Postings are one
//! segment per word per run of articles (see [`super::build`]), numbered
//! with global passage numbers, so:
//!
//! - a run wholly before the cut keeps its segments as they are;
//! - a run wholly after it keeps its segments' bytes, but the first entry
//!   of each (a passage counted from 0) is written again, and its skips
//!   moved, by the change in passage count;
//! - a run the cut goes through keeps the part of each segment before the
//!   cut (a prefix of its bytes) and the part after it (re-based as above)
//!   as runs of their own;
//! - the new articles of the cut are indexed as a new run, on one thread;
//! - the vocabularies are merged (a sorted merge), a word left with no
//!   segment is dropped, and the passage table is put together again.
//!
//! Queries run one thread per group of runs (contiguous runs put
//! together, about as large each: [`super::index::Groups`]); the runs are
//! still kept few, as a word has a segment in each, and not small: a part of a run next to the cut smaller than
//! `1/`[`UpdateRule::small_part`] of the passages is indexed again with
//! the cut rather than kept as a run of its own, and when the cut to index
//! is more than `1/`[`UpdateRule::max_part`] of the passages, or the runs
//! would be more than [`UpdateRule::max_runs`], nothing is updated: the
//! caller builds the index whole ([`SearchIndex::updated`] does).
//!
//! The result answers every query as a full build of the new corpus does
//! (the same hits, scores and order); its bytes differ only in how the
//! postings are cut into runs. Never touches files or the terminal.

use std::cmp::Ordering;
use std::ops::Range;

use super::build::{Keep, Share, WordPostings, article_starts, put_varint};
use super::index::{Groups, PassageEntry, SearchIndex, Skip, get_varint};
use super::words::letter_mask;
use crate::core::corpus::{Article, Corpus};

/// When an index is updated in place rather than built whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdateRule {
    /// At most this many runs of articles (a query runs one thread each).
    pub max_runs: usize,
    /// A part of a run next to the cut with fewer than `1/small_part` of
    /// the passages is indexed again with the cut.
    pub small_part: u32,
    /// Articles of more than `1/max_part` of the passages to index again:
    /// build whole.
    pub max_part: u32,
}

impl Default for UpdateRule {
    fn default() -> UpdateRule {
        UpdateRule {
            max_runs: 8,
            small_part: 16,
            max_part: 4,
        }
    }
}

/// True when the index of `a`'s words is the index of `b`'s: the same
/// passages of the same text.
fn same_article(a: &Article, b: &Article) -> bool {
    let (ta, tb) = (a.text.as_bytes(), b.text.as_bytes());
    a.passages.len() == b.passages.len()
        && a.passages
            .iter()
            .zip(&b.passages)
            .all(|(x, y)| x.range == y.range)
        && ((ta.as_ptr() == tb.as_ptr() && ta.len() == tb.len()) || ta == tb)
}

/// The byte offset of the first entry of `segment` in passage `least` or
/// later, and its passage (the segment's length when there is none),
/// read from the last skip before `least`.
fn entry_from(segment: &[u8], skips: &[Skip], least: u32) -> (usize, u32) {
    let k = skips.partition_point(|s| s.passage < least);
    let (mut at, mut passage) = (0usize, 0u32);
    if k > 0 {
        // The entry at a skip is its passage's first: read past it.
        let s = skips[k - 1];
        at = s.at as usize;
        get_varint(segment, &mut at);
        get_varint(segment, &mut at);
        passage = s.passage;
    }
    while at < segment.len() {
        let start = at;
        if get_varint(segment, &mut at) & 1 == 1 {
            passage = passage.wrapping_add(get_varint(segment, &mut at) as u32);
            if passage >= least {
                return (start, passage);
            }
        }
    }
    (segment.len(), u32::MAX)
}

/// One word's postings in one run of the updated index.
struct Piece {
    run: u8,
    bytes: Box<[u8]>,
    skips: Vec<Skip>,
}

/// The entries of `segment` from byte `from` on (the first entry of a
/// passage, `passage`), renumbered so that `passage` is `to`: the first
/// entry written again, the rest copied; its skips moved to match.
fn rebased(segment: &[u8], skips: &[Skip], from: usize, passage: u32, to: u32) -> Piece {
    let mut at = from;
    get_varint(segment, &mut at);
    let delta_at = at;
    get_varint(segment, &mut at);
    // The position as it was, the passage counted from 0 (a segment's
    // start).
    let mut bytes = Vec::with_capacity(segment.len() - from + 5);
    bytes.extend_from_slice(&segment[from..delta_at]);
    put_varint(&mut bytes, u64::from(to));
    let rest = at;
    let head = bytes.len();
    bytes.extend_from_slice(&segment[rest..]);
    let skips = skips
        .iter()
        .filter(|s| s.at as usize >= from)
        .map(|s| Skip {
            passage: s.passage - passage + to,
            at: if s.at as usize == from {
                0
            } else {
                (s.at as usize - rest + head) as u32
            },
        })
        .collect();
    Piece {
        run: 0,
        bytes: bytes.into_boxed_slice(),
        skips,
    }
}

/// The first passage of a segment (its first entry's).
fn first_passage(segment: &[u8]) -> u32 {
    let mut at = 0;
    get_varint(segment, &mut at);
    get_varint(segment, &mut at) as u32
}

/// Renumbers a whole segment whose first passage is `passage` so that it
/// is `to`, in place, when the new number takes as many bytes as the old
/// (nearly always: a change moves passages by a little), with its skips;
/// false, untouched, otherwise.
fn rebase_in_place(segment: &mut [u8], skips: &mut [Skip], passage: u32, to: u32) -> bool {
    let mut at = 0;
    get_varint(segment, &mut at);
    let delta_at = at;
    get_varint(segment, &mut at);
    let mut number = Vec::with_capacity(5);
    put_varint(&mut number, u64::from(to));
    if number.len() != at - delta_at {
        return false;
    }
    segment[delta_at..at].copy_from_slice(&number);
    for s in skips {
        s.passage = s.passage - passage + to;
    }
    true
}

/// How the old runs map to the runs of the updated index.
struct Runs {
    /// Each old run's part before the cut: its new run, if any.
    head: Vec<Option<u8>>,
    /// Each old run's part after the cut: its new run, if any.
    tail: Vec<Option<u8>>,
    /// The run of the new articles, if they have passages.
    new: Option<u8>,
    /// The new runs' first passages, plus the total.
    starts: Vec<u32>,
}

impl SearchIndex {
    /// This index (built for `old`) brought up to date with `new` in place
    /// by `rule`, or built whole when the rule says so (or the index is not
    /// `old`'s): what a full build of `new` gives.
    pub fn updated(self, old: &Corpus, new: &Corpus) -> SearchIndex {
        self.update(old, new, &UpdateRule::default())
            .unwrap_or_else(|| SearchIndex::build(new))
    }

    /// This index, built for `old`, brought up to date with `new` at the
    /// cost of what changed (see the module docs); `None` when `rule`
    /// says to build it whole, or the index is not one of `old`.
    pub fn update(mut self, old: &Corpus, new: &Corpus, rule: &UpdateRule) -> Option<SearchIndex> {
        let (old_starts, old_total) = article_starts(&old.articles);
        let (new_starts, new_total) = article_starts(&new.articles);
        if self.article_start != old_starts
            || self.passages.len() != old_total as usize
            || self.run_starts.last() != Some(&old_total)
        {
            return None;
        }
        let (n_old, n_new) = (old.articles.len(), new.articles.len());
        let least = n_old.min(n_new);
        let mut p = 0;
        while p < least && same_article(&old.articles[p], &new.articles[p]) {
            p += 1;
        }
        let mut s = 0;
        while s < least - p
            && same_article(&old.articles[n_old - 1 - s], &new.articles[n_new - 1 - s])
        {
            s += 1;
        }
        if p == n_old && n_old == n_new {
            return Some(self);
        }
        let mut q = n_old - s;
        let mut cut = old_starts[p]..old_starts[q];
        // Small parts of runs next to the cut go with it.
        let small = new_total / rule.small_part.max(1);
        let old_runs: Vec<Range<u32>> = self.run_starts.windows(2).map(|w| w[0]..w[1]).collect();
        loop {
            let before = cut.clone();
            for run in old_runs.iter().filter(|r| !r.is_empty()) {
                if run.start < cut.start && run.end >= cut.start && cut.start - run.start < small {
                    cut.start = run.start;
                }
                if run.end > cut.end && run.start <= cut.end && run.end - cut.end < small {
                    cut.end = run.end;
                }
            }
            if cut == before {
                break;
            }
        }
        if cut.start < old_starts[p] {
            p = old_starts.partition_point(|&x| x < cut.start);
        }
        if cut.end > old_starts[q] {
            q = old_starts.partition_point(|&x| x <= cut.end) - 1;
        }
        let new_end = n_new - (n_old - q);
        let added = new_starts[new_end] - new_starts[p];
        if u64::from(added) * u64::from(rule.max_part) > u64::from(new_total) {
            return None;
        }
        let after = |passage: u32| passage - cut.end + cut.start + added;
        let runs = new_runs(&old_runs, &cut, added, after, new_total);
        if runs.starts.len() - 1 > rule.max_runs.min(usize::from(u8::MAX)) {
            return None;
        }
        let (words, new_passages) =
            Share::build(&new.articles, p..new_end, Keep::All).into_sorted();

        // The passage table: before the cut, the new articles', after it
        // (their articles renumbered).
        let mut passages = Vec::with_capacity(new_total as usize);
        passages.extend_from_slice(&self.passages[..cut.start as usize]);
        passages.extend(new_passages);
        let moved = |a: u32| (a as usize + n_new - n_old) as u32;
        passages.extend(
            self.passages[cut.end as usize..]
                .iter()
                .map(|e| PassageEntry {
                    article: moved(e.article),
                    words: e.words,
                }),
        );

        let vocab_text = std::mem::take(&mut self.vocab_text);
        let vocab_ends = std::mem::take(&mut self.vocab_ends);
        let mut old_len = vec![0u8; vocab_ends.len()];
        for (l, ids) in self.by_len.iter().enumerate() {
            for &id in ids {
                old_len[id as usize] = l as u8;
            }
        }
        let mut out = Assembly::default();
        let mut pieces: Vec<Piece> = Vec::new();
        let mut words = words.into_iter().peekable();
        for (w, &end) in vocab_ends.iter().enumerate() {
            let start = w.checked_sub(1).map_or(0, |v| vocab_ends[v] as usize);
            let word = &vocab_text[start..end as usize];
            let w = w as u32;
            // New words before this one.
            while let Some((key, _)) = words.peek()
                && key.with_bytes(|b| b.cmp(word.as_bytes())) == Ordering::Less
            {
                let Some((key, postings)) = words.next() else {
                    break;
                };
                pieces.extend(runs.new.map(|run| new_piece(run, postings)));
                key.with_bytes(|b| out.word(&String::from_utf8_lossy(b), None, &mut pieces));
            }
            self.old_pieces(w, &cut, &runs, after, &old_runs, &mut pieces);
            if let Some((key, _)) = words.peek()
                && key.with_bytes(|b| b == word.as_bytes())
                && let Some((_, postings)) = words.next()
            {
                pieces.extend(runs.new.map(|run| new_piece(run, postings)));
            }
            let known = (self.masks[w as usize], old_len[w as usize]);
            out.word(word, Some(known), &mut pieces);
        }
        for (key, postings) in words {
            pieces.extend(runs.new.map(|run| new_piece(run, postings)));
            key.with_bytes(|b| out.word(&String::from_utf8_lossy(b), None, &mut pieces));
        }
        Some(SearchIndex {
            vocab_text: out.vocab_text,
            vocab_ends: out.vocab_ends,
            segments: out.segments,
            word_segments: out.word_segments,
            segment_runs: out.segment_runs,
            skips: out.skips,
            segment_skips: out.segment_skips,
            groups: Groups::of(&runs.starts),
            run_starts: runs.starts,
            masks: out.masks,
            by_len: out.by_len,
            passages,
            article_start: new_starts,
            matcher: std::mem::take(&mut self.matcher),
        })
    }

    /// The pieces word `w`'s segments leave in the updated index, added
    /// to `out` (emptied segments are taken, not copied).
    fn old_pieces(
        &mut self,
        w: u32,
        cut: &Range<u32>,
        runs: &Runs,
        after: impl Fn(u32) -> u32,
        old_runs: &[Range<u32>],
        out: &mut Vec<Piece>,
    ) {
        let i = w as usize;
        for k in self.word_segments[i] as usize..self.word_segments[i + 1] as usize {
            let r = usize::from(self.segment_runs[k]);
            let run = &old_runs[r];
            let skips =
                &self.skips[self.segment_skips[k] as usize..self.segment_skips[k + 1] as usize];
            if run.end <= cut.start {
                if let Some(id) = runs.head[r] {
                    out.push(Piece {
                        run: id,
                        bytes: std::mem::take(&mut self.segments[k]),
                        skips: skips.to_vec(),
                    });
                }
                continue;
            }
            let segment = &self.segments[k];
            if run.start < cut.start
                && let Some(id) = runs.head[r]
            {
                let (end, _) = entry_from(segment, skips, cut.start);
                if end > 0 {
                    out.push(Piece {
                        run: id,
                        bytes: Box::from(&segment[..end]),
                        skips: skips
                            .iter()
                            .copied()
                            .filter(|s| s.passage < cut.start)
                            .collect(),
                    });
                }
            }
            if let Some(id) = runs.tail[r] {
                if run.start >= cut.end && !segment.is_empty() {
                    // Only the first entry and the skips change.
                    let passage = first_passage(segment);
                    let mut moved = skips.to_vec();
                    if rebase_in_place(&mut self.segments[k], &mut moved, passage, after(passage)) {
                        out.push(Piece {
                            run: id,
                            bytes: std::mem::take(&mut self.segments[k]),
                            skips: moved,
                        });
                        continue;
                    }
                }
                let segment = &self.segments[k];
                let (from, passage) = if run.start >= cut.end {
                    (0, first_passage(segment))
                } else {
                    entry_from(segment, skips, cut.end)
                };
                if from < segment.len() {
                    let mut piece = rebased(segment, skips, from, passage, after(passage));
                    piece.run = id;
                    out.push(piece);
                }
            }
        }
    }
}

fn new_piece(run: u8, postings: WordPostings) -> Piece {
    Piece {
        run,
        bytes: postings.bytes.into_boxed_slice(),
        skips: postings.skips,
    }
}

/// The runs of the updated index: the parts of the old runs before the
/// cut, the new articles', the parts after it (empty ones left out).
fn new_runs(
    old_runs: &[Range<u32>],
    cut: &Range<u32>,
    added: u32,
    after: impl Fn(u32) -> u32,
    total: u32,
) -> Runs {
    let mut runs = Runs {
        head: vec![None; old_runs.len()],
        tail: vec![None; old_runs.len()],
        new: None,
        starts: Vec::new(),
    };
    let mut id = 0usize;
    for (r, run) in old_runs.iter().enumerate() {
        if run.start < run.end.min(cut.start) {
            runs.head[r] = u8::try_from(id).ok();
            runs.starts.push(run.start);
            id += 1;
        }
    }
    if added > 0 {
        runs.new = u8::try_from(id).ok();
        runs.starts.push(cut.start);
        id += 1;
    }
    for (r, run) in old_runs.iter().enumerate() {
        let start = run.start.max(cut.end);
        if start < run.end {
            runs.tail[r] = u8::try_from(id).ok();
            runs.starts.push(after(start));
            id += 1;
        }
    }
    if runs.starts.is_empty() {
        runs.starts.push(0);
    }
    runs.starts.push(total);
    runs
}

/// The tables of the updated index, a word at a time.
struct Assembly {
    vocab_text: String,
    vocab_ends: Vec<u32>,
    segments: Vec<Box<[u8]>>,
    word_segments: Vec<u32>,
    segment_runs: Vec<u8>,
    skips: Vec<Skip>,
    segment_skips: Vec<u32>,
    masks: Vec<u32>,
    by_len: Vec<Vec<u32>>,
}

impl Default for Assembly {
    fn default() -> Assembly {
        Assembly {
            vocab_text: String::new(),
            vocab_ends: Vec::new(),
            segments: Vec::new(),
            word_segments: vec![0],
            segment_runs: Vec::new(),
            skips: Vec::new(),
            segment_skips: vec![0],
            masks: Vec::new(),
            by_len: vec![Vec::new(); 65],
        }
    }
}

impl Assembly {
    /// Adds `word` with `pieces` (taken), unless it has none left; `known`
    /// is its letter mask and length when the old index had them.
    fn word(&mut self, word: &str, known: Option<(u32, u8)>, pieces: &mut Vec<Piece>) {
        pieces.retain(|p| !p.bytes.is_empty());
        if pieces.is_empty() {
            return;
        }
        pieces.sort_by_key(|p| p.run);
        let id = self.vocab_ends.len() as u32;
        let (mask, len) =
            known.unwrap_or_else(|| (letter_mask(word), word.chars().count().min(64) as u8));
        self.vocab_text.push_str(word);
        self.vocab_ends.push(self.vocab_text.len() as u32);
        self.masks.push(mask);
        self.by_len[usize::from(len)].push(id);
        for piece in pieces.drain(..) {
            self.skips.extend(piece.skips);
            self.segment_skips.push(self.skips.len() as u32);
            self.segments.push(piece.bytes);
            self.segment_runs.push(piece.run);
        }
        self.word_segments.push(self.segments.len() as u32);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::codec::{Reader, Writer};
    use crate::core::search::Query;
    use crate::core::search::build::build_in_runs;
    use crate::core::search::{test_corpus, tie_corpus};

    /// Every cut allowed, no part swallowed: the cutting code at work
    /// even on a few articles.
    const ANY: UpdateRule = UpdateRule {
        max_runs: 255,
        small_part: u32::MAX,
        max_part: 1,
    };

    fn corpus_of(articles: Vec<Article>) -> Corpus {
        let mut c = test_corpus(&[]);
        c.articles = articles;
        c
    }

    /// The bundled articles, and long ones whose words' segments have
    /// skips, interleaved.
    fn articles() -> Vec<Article> {
        let ties = tie_corpus(&["the", "of", "role", "russia", "lachin"], 7, 120, 3..9);
        let mut out = Vec::new();
        let mut bundled = Corpus::bundled().articles.into_iter();
        for t in ties.articles {
            out.extend(bundled.next());
            out.push(t);
        }
        out.extend(bundled);
        out
    }

    fn postings(ix: &SearchIndex, w: u32) -> Vec<(u32, u32)> {
        let mut v = Vec::new();
        ix.decode_word(w, None, |p, pos| v.push((p, pos)));
        v
    }

    /// `got` answers as a full build of `corpus` does: the same words,
    /// postings, passages, queries; it encodes and decodes (runs and
    /// skips checked) and its skips land where reading lands.
    fn assert_same(got: &SearchIndex, corpus: &Corpus) {
        let full = SearchIndex::build(corpus);
        assert_eq!(got.vocab_text, full.vocab_text);
        assert_eq!(got.vocab_ends, full.vocab_ends);
        assert_eq!(got.masks, full.masks);
        assert_eq!(got.by_len, full.by_len);
        assert_eq!(got.article_start, full.article_start);
        let entry = |p: &PassageEntry| (p.article, p.words);
        assert!(
            got.passages
                .iter()
                .map(entry)
                .eq(full.passages.iter().map(entry))
        );
        for w in 0..full.vocabulary_len() as u32 {
            let want = postings(&full, w);
            assert_eq!(postings(got, w), want, "{}", full.word(w));
            for step in [1, 3, 29] {
                let mut seen = Vec::new();
                for mut cursor in got.cursors(w, None) {
                    for p in (0..got.passage_count() as u32).step_by(step) {
                        cursor.seek(p);
                        cursor.until(p + 1, |p, pos| seen.push((p, pos)));
                    }
                }
                let every: Vec<_> = want
                    .iter()
                    .copied()
                    .filter(|&(p, _)| (p as usize).is_multiple_of(step))
                    .collect();
                assert_eq!(seen, every, "{} every {step}", full.word(w));
            }
        }
        for r in 0..got.run_count() {
            let range = got.run_passages(Some(r));
            for w in 0..got.vocabulary_len() as u32 {
                got.decode_word(w, Some(r), |p, _| assert!(range.contains(&p)));
            }
        }
        let mut w = Writer::new();
        got.encode(&mut w);
        let bytes = w.into_bytes();
        let back = SearchIndex::decode(&mut Reader::new(&bytes), corpus).expect("decodes");
        assert_eq!(back.segments, got.segments);
        assert_eq!(back.skips, got.skips);
        for q in [
            "russia",
            "lachin corridor",
            "\"lachin corridor\"",
            "rusia",
            "lach",
            "role russia !the",
            "armenia azerbaijan peace zzzz",
        ] {
            let q = Query::parse(q);
            assert_eq!(
                got.search(corpus, &q, 40),
                full.search(corpus, &q, 40),
                "{q:?}"
            );
            assert_eq!(got.positions(&q), full.positions(&q), "{q:?}");
        }
    }

    /// `old` changed into `new`, from a base built in 1, 2 and 3 runs.
    fn check(old: &[Article], new: &[Article]) -> SearchIndex {
        let (old, new) = (corpus_of(old.to_vec()), corpus_of(new.to_vec()));
        let mut last = None;
        for parts in 1..=3 {
            let base = build_in_runs(&old, parts);
            let got = base.update(&old, &new, &ANY).expect("updated in place");
            assert_same(&got, &new);
            last = Some(got);
        }
        last.unwrap()
    }

    fn changed(a: &Article, to: &str) -> Article {
        let text = format!("{}\n\n{}", a.title, a.text.replace("the", to));
        Article::parse(&format!("{}.txt", a.id), &text, None).unwrap()
    }

    #[test]
    fn a_segment_is_renumbered_in_place_or_copied() {
        let mut bytes = Vec::new();
        // Position 3 in passage 100, position 5, position 0 in passage 101.
        for v in [3 << 1 | 1, 100, 2 << 1, 1, 1] {
            put_varint(&mut bytes, v);
        }
        let skips = [Skip {
            passage: 101,
            at: 3,
        }];
        let decoded = |b: &[u8]| {
            let mut v = Vec::new();
            crate::core::search::index::decode(b, |p, pos| v.push((p, pos)));
            v
        };
        assert_eq!(decoded(&bytes), [(100, 3), (100, 5), (101, 0)]);
        // 110 takes a byte as 100 does: in place.
        let (mut b, mut s) = (bytes.clone(), skips.to_vec());
        assert!(rebase_in_place(&mut b, &mut s, 100, 110));
        assert_eq!(decoded(&b), [(110, 3), (110, 5), (111, 0)]);
        assert_eq!(
            s,
            [Skip {
                passage: 111,
                at: 3
            }]
        );
        // 200 takes two: untouched, and copied instead.
        let (mut b, mut s) = (bytes.clone(), skips.to_vec());
        assert!(!rebase_in_place(&mut b, &mut s, 100, 200));
        assert_eq!((b.as_slice(), s.as_slice()), (bytes.as_slice(), &skips[..]));
        let piece = rebased(&bytes, &skips, 0, 100, 200);
        assert_eq!(decoded(&piece.bytes), [(200, 3), (200, 5), (201, 0)]);
        assert_eq!(
            piece.skips,
            [Skip {
                passage: 201,
                at: 4
            }]
        );
        // From the second passage on.
        let piece = rebased(&bytes, &skips, 3, 101, 7);
        assert_eq!(decoded(&piece.bytes), [(7, 0)]);
        assert_eq!(piece.skips, [Skip { passage: 7, at: 0 }]);
    }

    #[test]
    fn every_kind_of_change_gives_a_full_build() {
        let all = articles();
        let n = all.len();
        assert!(n >= 8);
        let extra = |i: usize| changed(&all[i], "lachinx corridor");
        // Added at the end, at the start, in the middle.
        check(&all[..n - 1], &all);
        check(&all[1..], &all);
        let mut v = all.clone();
        v.insert(3, extra(2));
        check(&all, &v);
        // Removed: the first, the last, in the middle, several.
        check(&all, &all[1..]);
        check(&all, &all[..n - 1]);
        let mut v = all.clone();
        v.remove(4);
        check(&all, &v);
        check(&all, &[&all[..2], &all[n - 2..]].concat());
        // Changed, in a long article and a short one; one of each kind.
        for i in [1, 4] {
            let mut v = all.clone();
            v[i] = extra(i);
            check(&all, &v);
        }
        let mut v = all.clone();
        v[2] = extra(2);
        v.remove(5);
        v.insert(6, extra(0));
        check(&all, &v);
        // Nothing changed: the same index.
        let got = check(&all, &all);
        assert_eq!(got.run_starts.len() - 1, 3);
    }

    #[test]
    fn updates_in_a_row_stay_a_full_build() {
        let all = articles();
        let mut old = corpus_of(all[..4].to_vec());
        let mut ix = build_in_runs(&old, 2);
        for step in 0..6 {
            let mut next = old.articles.clone();
            match step % 3 {
                0 => next.push(all[4 + step / 3].clone()),
                1 => next[1] = changed(&next[1], "russia role"),
                _ => {
                    next.remove(0);
                }
            }
            let new = corpus_of(next);
            ix = ix.update(&old, &new, &ANY).expect("updated in place");
            assert_same(&ix, &new);
            old = new;
        }
    }

    #[test]
    fn the_rule_keeps_runs_few_and_the_cut_small() {
        let all = articles();
        let n = all.len();
        let (old, new) = (corpus_of(all[..n - 1].to_vec()), corpus_of(all.clone()));
        let base = build_in_runs(&old, 3);
        // Too many runs, too much to index again: built whole.
        let few = UpdateRule { max_runs: 3, ..ANY };
        assert!(build_in_runs(&old, 3).update(&old, &new, &few).is_none());
        let part = UpdateRule {
            max_part: 1000,
            ..ANY
        };
        assert!(build_in_runs(&old, 3).update(&old, &new, &part).is_none());
        // A small run next to the cut is indexed again with it.
        let got = base.update(&old, &new, &ANY).unwrap();
        assert_eq!(got.run_starts.len() - 1, 4);
        let newer = corpus_of([&all[..], &all[..1]].concat());
        let swallow = UpdateRule {
            small_part: 4,
            ..ANY
        };
        let again = got.update(&new, &newer, &swallow).unwrap();
        assert_eq!(again.run_starts.len() - 1, 4);
        assert_same(&again, &newer);
        // Not the corpus the index was built for: nothing to update.
        let base = build_in_runs(&old, 1);
        assert!(base.update(&new, &newer, &ANY).is_none());
        let whole = build_in_runs(&old, 1).updated(&new, &newer);
        assert_same(&whole, &newer);
    }
}
