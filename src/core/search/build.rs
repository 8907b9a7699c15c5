//! Building the [`SearchIndex`]: every word of every passage, once, when the
//! corpus is loaded.
//!
//! On a large corpus several threads build it, each indexing a run of
//! articles (about the same amount of text each). A word's postings from
//! each run stay where they were written, one segment per run, in reading
//! order: nothing is merged or copied. Words of up to 16 bytes — nearly all
//! of them — are keyed by an integer holding their bytes, so a lookup
//! compares two numbers rather than two strings somewhere in memory.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::hash::Hasher;
use std::ops::Range;

use fuzzy_matcher::skim::SkimMatcherV2;

use super::index::{Groups, MAX_THREADS, PassageEntry, SKIP_EVERY, SKIP_MIN, SearchIndex, Skip};
use super::query::Query;
use super::scan::Prepared;
use super::words::{Needle, letter_mask, words};
use crate::core::corpus::{Article, Corpus};
use crate::core::fasthash::{FastHasher, FastMap};
use crate::core::memory::release_freed_memory;
use crate::core::text::fold_into;

/// Sixteen NUL bytes after a folded passage: [`key_in_place`] reads 16
/// bytes from a word's start and keeps only the word's (words hold no NUL).
const KEY_PADDING: &str = "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0";

/// Corpora smaller than this are indexed on one thread.
const PARALLEL_MIN_BYTES: usize = 4 << 20;

/// A word of up to 16 bytes as an integer: its bytes, big-endian,
/// zero-padded (words hold no NUL), so integers sort as the words do.
fn short_key(word: &str) -> Option<u128> {
    let b = word.as_bytes();
    if b.len() > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..b.len()].copy_from_slice(b);
    Some(u128::from_be_bytes(buf))
}

/// [`short_key`] of the `len` bytes at `at` in `text`, read in place when
/// 16 bytes are there to read (no copy through a buffer).
fn key_in_place(text: &[u8], at: usize, len: usize) -> Option<u128> {
    let bytes: [u8; 16] = text.get(at..at + 16)?.try_into().ok()?;
    if len > 16 || len == 0 {
        return None;
    }
    let keep = u128::MAX << (8 * (16 - len));
    Some(u128::from_be_bytes(bytes) & keep)
}

/// The bytes of a short key.
fn short_bytes(key: u128) -> ([u8; 16], usize) {
    let buf = key.to_be_bytes();
    let len = buf.iter().position(|&b| b == 0).unwrap_or(16);
    (buf, len)
}

/// Postings of one word while building (80 bytes with its key in the
/// table: the last passage and position mean nothing while `bytes` is
/// empty), with their skips (see [`super::index`]).
#[derive(Default)]
pub(super) struct WordPostings {
    pub(super) bytes: Vec<u8>,
    pub(super) skips: Vec<Skip>,
    /// Where the last skip points (0 without one), kept here so that a
    /// new passage does not read the skips' own memory (a cache miss per
    /// word and passage, most of a build's time once the text is read).
    last_skip_at: usize,
    last_passage: u32,
    last_pos: u32,
}

pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

impl WordPostings {
    fn push(&mut self, passage: u32, pos: u32) {
        // Grow by a quarter rather than double: less memory left unused.
        if self.bytes.capacity() - self.bytes.len() < 10 {
            self.bytes
                .reserve_exact((self.bytes.capacity() / 4).max(16));
        }
        let seen = !self.bytes.is_empty();
        if seen && passage == self.last_passage {
            put_varint(&mut self.bytes, ((pos - self.last_pos) as u64) << 1);
        } else {
            let at = self.bytes.len();
            if at >= self.last_skip_at + SKIP_EVERY {
                self.skips.push(Skip {
                    passage,
                    at: at as u32,
                });
                self.last_skip_at = at as u32 as usize;
            }
            put_varint(&mut self.bytes, ((pos as u64) << 1) | 1);
            let base = if seen { self.last_passage } else { 0 };
            put_varint(&mut self.bytes, (passage - base) as u64);
        }
        self.last_passage = passage;
        self.last_pos = pos;
    }
}

/// Which words a [`Share`] keeps.
#[derive(Clone, Copy)]
pub(super) enum Keep<'a> {
    /// Every word.
    All,
    /// Only the words one of these query words could match.
    Matching(&'a [Needle]),
}

/// True when one of `needles` could match `word` (never false when
/// [`super::words::word_cost`] would match it).
fn could_match(needles: &[Needle], word: &str) -> bool {
    let len = if word.is_ascii() {
        word.len()
    } else {
        word.chars().count()
    };
    let mask = letter_mask(word);
    needles.iter().any(|n| n.could_match(word, len, mask))
}

/// A small direct-mapped memory of yes/no answers per short word key.
struct Remembered {
    slots: Vec<(u128, bool)>,
}

impl Remembered {
    const BITS: u32 = 12;

    fn new(used: bool) -> Remembered {
        let n = if used { 1 << Self::BITS } else { 0 };
        Remembered {
            // Key 0 is no word (words are not empty), so empty slots miss.
            slots: vec![(0, false); n],
        }
    }

    /// The answer for `key`, computed by `answer` the first time (or again
    /// when another word took its slot).
    fn get(&mut self, key: u128, answer: impl FnOnce() -> bool) -> bool {
        let mut hasher = FastHasher::default();
        hasher.write_u128(key);
        let h = hasher.finish();
        let slot = &mut self.slots[(h >> (64 - Self::BITS)) as usize];
        if slot.0 != key {
            *slot = (key, answer());
        }
        slot.1
    }
}

/// One thread's share of the index: the postings of the words it keeps in
/// a run of articles, and the passage table of the run.
#[derive(Default)]
pub(super) struct Share {
    short: FastMap<u128, WordPostings>,
    long: FastMap<Box<str>, WordPostings>,
    passages: Vec<PassageEntry>,
}

impl Share {
    /// Indexes the words `keep` keeps in the passages of `articles[run]`
    /// (the postings use the corpus's global passage numbers).
    pub(super) fn build(articles: &[Article], run: Range<usize>, keep: Keep<'_>) -> Share {
        let mut share = Share::default();
        let run_articles = &articles[run.clone()];
        share
            .passages
            .reserve_exact(run_articles.iter().map(|a| a.passages.len()).sum());
        let mut seen = Remembered::new(matches!(keep, Keep::Matching(_)));
        let mut global: u32 = articles[..run.start]
            .iter()
            .map(|a| a.passages.len() as u32)
            .sum();
        // Each passage is folded into this buffer in turn and dropped after:
        // the corpus is never held folded. The padding lets a word's key be
        // read in place up to the passage's end.
        let mut folded = String::new();
        for (ai, a) in run.clone().zip(run_articles) {
            for p in &a.passages {
                folded.clear();
                fold_into(a.passage_text(p), &mut folded);
                let len = folded.len();
                folded.push_str(KEY_PADDING);
                let mut pos = 0u32;
                for w in words(&folded[..len]) {
                    let key = match &w.key {
                        Cow::Borrowed(k) => key_in_place(folded.as_bytes(), w.range.start, k.len())
                            .or_else(|| short_key(k)),
                        Cow::Owned(k) => short_key(k),
                    };
                    let wanted = match keep {
                        Keep::All => true,
                        Keep::Matching(needles) => match key {
                            // Most words recur: remember the answer.
                            Some(k) => seen.get(k, || could_match(needles, &w.key)),
                            None => could_match(needles, &w.key),
                        },
                    };
                    if wanted {
                        let list = match key {
                            Some(k) => share.short.entry(k).or_default(),
                            None => share.long.entry(Box::from(w.key.as_ref())).or_default(),
                        };
                        list.push(global, pos);
                    }
                    pos += 1;
                }
                share.passages.push(PassageEntry {
                    article: ai as u32,
                    words: pos,
                });
                global += 1;
            }
        }
        share
    }
}

impl Share {
    /// The words indexed, sorted, with their postings, and the passages.
    pub(super) fn into_sorted(self) -> (Vec<(Key, WordPostings)>, Vec<PassageEntry>) {
        let mut words: Vec<(Key, WordPostings)> =
            Vec::with_capacity(self.short.len() + self.long.len());
        words.extend(self.short.into_iter().map(|(k, l)| (Key::Short(k), l)));
        words.extend(self.long.into_iter().map(|(k, l)| (Key::Long(k), l)));
        words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        (words, self.passages)
    }
}

/// A word while assembling: short (an integer) or long.
pub(super) enum Key {
    Short(u128),
    Long(Box<str>),
}

impl Key {
    pub(super) fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Short(a), Key::Short(b)) => a.cmp(b),
            _ => self.with_bytes(|a| other.with_bytes(|b| a.cmp(b))),
        }
    }

    pub(super) fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            Key::Short(k) => {
                let (buf, len) = short_bytes(*k);
                f(&buf[..len])
            }
            Key::Long(s) => f(s.as_bytes()),
        }
    }
}

/// Puts the shares (runs of articles, in reading order) together: the
/// sorted vocabulary, and each word's postings as one segment per run it
/// occurs in.
fn assemble(shares: Vec<Share>, article_start: Vec<u32>) -> SearchIndex {
    let mut passages = Vec::with_capacity(shares.iter().map(|s| s.passages.len()).sum());
    let mut run_starts = vec![0u32];
    for share in &shares {
        let last = run_starts.last().copied().unwrap_or(0);
        run_starts.push(last + share.passages.len() as u32);
    }
    let words: usize = shares.iter().map(|s| s.short.len() + s.long.len()).sum();
    let mut entries: Vec<(Key, u16, WordPostings)> = Vec::with_capacity(words);
    for (run, share) in shares.into_iter().enumerate() {
        let run = run as u16;
        passages.extend(share.passages);
        entries.extend(
            share
                .short
                .into_iter()
                .map(|(k, l)| (Key::Short(k), run, l)),
        );
        entries.extend(share.long.into_iter().map(|(k, l)| (Key::Long(k), run, l)));
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    let mut vocab_text = String::new();
    let mut vocab_ends = Vec::new();
    let mut segments = Vec::with_capacity(entries.len());
    let mut word_segments = vec![0u32];
    let mut segment_runs = Vec::with_capacity(entries.len());
    let mut skips = Vec::new();
    let mut segment_skips = Vec::with_capacity(entries.len() + 1);
    segment_skips.push(0u32);
    let mut masks = Vec::new();
    let mut by_len: Vec<Vec<u32>> = vec![Vec::new(); 65];
    let mut last: Option<Key> = None;
    for (key, run, postings) in entries {
        let same = last
            .as_ref()
            .is_some_and(|l| l.cmp(&key) == Ordering::Equal);
        if !same {
            if last.is_some() {
                word_segments.push(segments.len() as u32);
            }
            let id = vocab_ends.len() as u32;
            let start = vocab_text.len();
            key.with_bytes(|b| vocab_text.push_str(&String::from_utf8_lossy(b)));
            let word = &vocab_text[start..];
            masks.push(letter_mask(word));
            by_len[word.chars().count().min(64)].push(id);
            vocab_ends.push(vocab_text.len() as u32);
            last = Some(key);
        }
        if postings.bytes.len() >= SKIP_MIN {
            skips.extend_from_slice(&postings.skips);
        }
        segment_skips.push(skips.len() as u32);
        segments.push(postings.bytes.into_boxed_slice());
        segment_runs.push(run as u8);
    }
    if last.is_some() {
        word_segments.push(segments.len() as u32);
    }
    SearchIndex {
        vocab_text,
        vocab_ends,
        segments,
        word_segments,
        segment_runs,
        skips,
        segment_skips,
        groups: Groups::of(&run_starts),
        run_starts,
        masks,
        by_len,
        passages,
        article_start,
        matcher: SkimMatcherV2::default(),
    }
}

impl SearchIndex {
    /// Indexes every passage of `corpus`, on several threads when the corpus
    /// is large.
    pub fn build(corpus: &Corpus) -> SearchIndex {
        build_runs(corpus, Keep::All)
    }

    /// An index of only the words `query` could match, for searching once
    /// (the command line): it reads every word but keeps few, so it is
    /// built several times faster than [`SearchIndex::build`]. Searching it
    /// for `query` gives exactly what the full index gives.
    pub fn build_for(corpus: &Corpus, query: &Query) -> SearchIndex {
        let needles: Vec<Needle> = Prepared::new(query)
            .terms
            .into_iter()
            .flat_map(|(_, alts)| alts.into_iter().flatten())
            .collect();
        build_runs(corpus, Keep::Matching(&needles))
    }
}

/// Indexes the corpus in runs of articles, one thread each.
fn build_runs(corpus: &Corpus, keep: Keep<'_>) -> SearchIndex {
    let articles = &corpus.articles;
    let (article_start, _) = article_starts(articles);
    let threads = if corpus.text_bytes() < PARALLEL_MIN_BYTES {
        1
    } else {
        std::thread::available_parallelism()
            .map_or(1, |p| p.get())
            .min(MAX_THREADS)
    };
    let sizes: Vec<usize> = articles.iter().map(|a| a.text.len()).collect();
    let runs = runs(&sizes, threads);
    let shares: Vec<Share> = if runs.len() == 1 {
        vec![Share::build(articles, 0..articles.len(), keep)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = runs
                .into_iter()
                .map(|run| s.spawn(move || Share::build(articles, run, keep)))
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    let index = assemble(shares, article_start);
    if threads > 1 {
        // The shares' postings grew on their threads: what they left
        // behind while growing stays resident unless handed back.
        release_freed_memory();
    }
    index
}

/// The index of `corpus` built in `parts` runs of articles, one after
/// the other (for tests of code that reads runs).
#[cfg(test)]
pub(super) fn build_in_runs(corpus: &Corpus, parts: usize) -> SearchIndex {
    let articles = &corpus.articles;
    let (starts, _) = article_starts(articles);
    let sizes: Vec<usize> = articles.iter().map(|a| a.text.len()).collect();
    let shares = runs(&sizes, parts)
        .into_iter()
        .map(|r| Share::build(articles, r, Keep::All))
        .collect();
    assemble(shares, starts)
}

/// Splits `0..sizes.len()` into at most `parts` contiguous runs of about
/// the same total size.
fn runs(sizes: &[usize], parts: usize) -> Vec<Range<usize>> {
    let total: usize = sizes.iter().sum();
    let mut out = Vec::new();
    let (mut start, mut acc) = (0, 0);
    for (i, s) in sizes.iter().enumerate() {
        acc += s;
        if out.len() + 1 < parts && acc * parts >= total * (out.len() + 1) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < sizes.len() || out.is_empty() {
        out.push(start..sizes.len());
    }
    out
}

/// The global number of each article's first passage, plus the total.
pub(super) fn article_starts(articles: &[Article]) -> (Vec<u32>, u32) {
    let mut starts = Vec::with_capacity(articles.len() + 1);
    let mut n = 0u32;
    for a in articles {
        starts.push(n);
        n += a.passages.len() as u32;
    }
    starts.push(n);
    (starts, n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::search::index::decode;

    #[test]
    fn postings_round_trip() {
        let mut p = WordPostings::default();
        let input = [(0, 0), (0, 5), (3, 1), (3, 200), (1000, 0), (1001, 70000)];
        for (g, pos) in input {
            p.push(g, pos);
        }
        let mut out = Vec::new();
        decode(&p.bytes, |g, pos| out.push((g, pos)));
        assert_eq!(out, input);
    }

    #[test]
    fn keys_read_in_place_equal_copied_keys() {
        let text = b"a lachin corridor, sixteen-bytes-ok and more text after it";
        for (at, len) in [(0, 1), (2, 6), (9, 8), (19, 16)] {
            let word = std::str::from_utf8(&text[at..at + len]).unwrap();
            assert_eq!(key_in_place(text, at, len), short_key(word), "{word}");
        }
        assert_eq!(key_in_place(text, text.len() - 3, 3), None);
        assert_eq!(key_in_place(text, 0, 17), None);
    }

    #[test]
    fn short_keys_sort_as_words() {
        let mut words = ["b", "ab", "a", "abc", "москва", "sixteen-bytes-ok", "z"];
        let mut keys: Vec<u128> = words.iter().map(|w| short_key(w).unwrap()).collect();
        keys.sort();
        words.sort();
        for (k, w) in keys.iter().zip(words) {
            let (buf, len) = short_bytes(*k);
            assert_eq!(&buf[..len], w.as_bytes());
        }
        assert!(short_key("seventeen-bytes-x").is_none());
        let long = Key::Long("abcdefghijklmnopqrstuvwxyz".into());
        assert_eq!(
            Key::Short(short_key("abd").unwrap()).cmp(&long),
            Ordering::Greater
        );
        assert_eq!(
            Key::Short(short_key("abc").unwrap()).cmp(&long),
            Ordering::Less
        );
    }

    #[test]
    fn runs_cover_everything_in_order() {
        assert_eq!(runs(&[5, 5, 5, 5], 2), vec![0..2, 2..4]);
        assert_eq!(runs(&[100, 1, 1], 2), vec![0..1, 1..3]);
        assert_eq!(runs(&[1], 4), vec![0..1]);
        assert_eq!(runs(&[], 2), vec![0..0]);
        let r = runs(&[3, 9, 1, 1, 8, 2, 2], 3);
        assert_eq!((r[0].start, r[r.len() - 1].end), (0, 7));
        assert!(r.windows(2).all(|w| w[0].end == w[1].start));
    }

    #[test]
    fn runs_built_apart_equal_one_run() {
        let corpus = Corpus::bundled();
        let articles = &corpus.articles;
        let (starts, _) = article_starts(articles);
        let one = assemble(
            vec![Share::build(articles, 0..5, Keep::All)],
            starts.clone(),
        );
        let shares = runs(&[1, 1, 1, 1, 1], 3)
            .into_iter()
            .map(|r| Share::build(articles, r, Keep::All))
            .collect();
        let mut three = assemble(shares, starts);
        // A query on each run, however many threads this machine has.
        three.groups = Groups::within(&three.run_starts, 3);
        assert_eq!(three.vocab_text, one.vocab_text);
        assert_eq!(three.passages.len(), one.passages.len());
        assert!(three.segments.len() > one.segments.len());
        assert_eq!(three.run_count(), 3);
        assert_eq!(
            three.run_passages(Some(2)).end as usize,
            three.passages.len()
        );
        // Each run's segments hold only that run's passages.
        for r in 0..3 {
            let range = three.run_passages(Some(r));
            for w in 0..three.vocabulary_len() as u32 {
                three.decode_word(w, Some(r), |p, _| assert!(range.contains(&p)));
            }
        }
        // Queries run per run give what one run gives.
        for q in [
            "russia",
            "lachin corridor",
            "\"lachin corridor\" hakari",
            "russia !armenia",
            "!russia",
        ] {
            let q = Query::parse(q);
            assert_eq!(
                three.search(&corpus, &q, 30),
                one.search(&corpus, &q, 30),
                "{q:?}"
            );
            assert_eq!(three.positions(&q), one.positions(&q));
        }
        for w in 0..one.vocabulary_len() as u32 {
            let (mut a, mut b) = (Vec::new(), Vec::new());
            one.decode_word(w, None, |p, pos| a.push((p, pos)));
            three.decode_word(w, None, |p, pos| b.push((p, pos)));
            assert_eq!(a, b, "{}", one.word(w));
        }
        let query = Query::parse("russia lachin corridor !hakari");
        let needles: Vec<Needle> = Prepared::new(&query)
            .terms
            .into_iter()
            .flat_map(|(_, alts)| alts.into_iter().flatten())
            .collect();
        let (starts, _) = article_starts(articles);
        let shares = runs(&[1, 1, 1, 1, 1], 2)
            .into_iter()
            .map(|r| Share::build(articles, r, Keep::Matching(&needles)))
            .collect();
        let few = assemble(shares, starts);
        assert!(
            few.vocabulary_len() < 100,
            "{} words kept",
            few.vocabulary_len()
        );
        assert_eq!(
            few.search(&corpus, &query, 20),
            one.search(&corpus, &query, 20)
        );
    }
}
