//! Building the [`SearchIndex`]: every word of every passage, once, when the
//! corpus is loaded.
//!
//! On a large corpus several threads build it, each reading every passage
//! but keeping only its share of the vocabulary (chosen by a hash of the
//! word), so no postings are ever merged or copied and the memory used is
//! the same as with one thread. Words of up to 16 bytes — nearly all of them
//! — are keyed by an integer holding their bytes, so a lookup compares two
//! numbers rather than two strings somewhere in memory.

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use fuzzy_matcher::skim::SkimMatcherV2;

use super::index::{PassageEntry, SearchIndex, decode, partition};
use super::query::Query;
use super::scan::Prepared;
use super::words::{Needle, letter_mask, words};
use crate::core::corpus::{Article, Corpus};
use crate::core::text::Folded;

/// Corpora smaller than this are indexed on one thread.
const PARALLEL_MIN_BYTES: usize = 4 << 20;
/// At most this many threads build the index.
const MAX_THREADS: usize = 4;

/// A fast hash for word keys: a folded 64×64→128-bit multiply (as in
/// foldhash), which spreads every input bit over the low bits the table
/// uses. Keys come from the corpus; a crafted corpus could at worst make
/// loading slower.
#[derive(Default)]
struct WordHasher(u64);

const SEED_A: u64 = 0x243f_6a88_85a3_08d3;
const SEED_B: u64 = 0x1319_8a2e_0370_7344;

fn folded_multiply(a: u64, b: u64) -> u64 {
    let p = (a as u128) * (b as u128);
    (p as u64) ^ ((p >> 64) as u64)
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(16) {
            let mut b = [0u8; 16];
            b[..c.len()].copy_from_slice(c);
            self.write_u128(u128::from_le_bytes(b));
        }
    }

    fn write_u128(&mut self, v: u128) {
        self.0 = folded_multiply(v as u64 ^ self.0 ^ SEED_A, (v >> 64) as u64 ^ SEED_B);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Build = BuildHasherDefault<WordHasher>;

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

/// Which of `of` builders keeps a word, from its key (or its bytes when it
/// is too long for one).
fn share_of(key: Option<u128>, word: &str, of: u64) -> u64 {
    let h = match key {
        Some(k) => folded_multiply(k as u64 ^ SEED_B, (k >> 64) as u64 ^ SEED_A),
        None => {
            let mut h = WordHasher::default();
            h.write(word.as_bytes());
            h.finish()
        }
    };
    (h >> 40) % of
}

/// Postings of one word while building (48 bytes with its key in the
/// table: the last passage and position mean nothing while `bytes` is
/// empty).
#[derive(Default)]
struct WordPostings {
    bytes: Vec<u8>,
    last_passage: u32,
    last_pos: u32,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
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
enum Keep<'a> {
    /// Share `index` of `of`, by a hash of the word.
    Share { index: u64, of: u64 },
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
        let h = folded_multiply(key as u64 ^ SEED_A, (key >> 64) as u64 ^ SEED_B);
        let slot = &mut self.slots[(h >> (64 - Self::BITS)) as usize];
        if slot.0 != key {
            *slot = (key, answer());
        }
        slot.1
    }
}

/// One thread's share of the index: the postings of the words it keeps
/// and, for the first share, the passage table.
#[derive(Default)]
struct Share {
    short: HashMap<u128, WordPostings, Build>,
    long: HashMap<Box<str>, WordPostings, Build>,
    passages: Vec<PassageEntry>,
}

impl Share {
    /// Indexes the words `keep` keeps in every passage of `articles`.
    fn build(articles: &[Article], keep: Keep<'_>, total_passages: usize) -> Share {
        Share::build_run(articles, 0, keep, total_passages)
    }

    /// Indexes the words `keep` keeps in the passages of `articles`, the
    /// first of which is article `first` of the corpus.
    fn build_run(
        articles: &[Article],
        first: usize,
        keep: Keep<'_>,
        total_passages: usize,
    ) -> Share {
        let (index, of) = match keep {
            Keep::Share { index, of } => (index, of),
            Keep::Matching(_) => (0, 1),
        };
        let mut share = Share::default();
        if index == 0 {
            share.passages.reserve_exact(total_passages);
        }
        let mut seen = Remembered::new(matches!(keep, Keep::Matching(_)));
        let mut global: u32 = corpus_passages_before(articles, first);
        for (ai, a) in articles.iter().enumerate().skip(first) {
            let folded = &a.folded.text;
            for (start, end) in folded_passages(a) {
                let mut pos = 0u32;
                for w in words(&folded[start..end]) {
                    let key = match &w.key {
                        Cow::Borrowed(k) => {
                            key_in_place(folded.as_bytes(), start + w.range.start, k.len())
                                .or_else(|| short_key(k))
                        }
                        Cow::Owned(k) => short_key(k),
                    };
                    let wanted = match keep {
                        Keep::Share { .. } => of == 1 || share_of(key, &w.key, of) == index,
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
                if index == 0 {
                    share.passages.push(PassageEntry {
                        article: ai as u32,
                        folded_start: start as u32,
                        folded_end: end as u32,
                        words: pos,
                    });
                }
                global += 1;
            }
        }
        share
    }
}

impl Share {
    /// Adds the postings of a share built for later passages (re-encoding
    /// them: meant for the few words of a query).
    fn append(&mut self, later: Share) {
        for (k, list) in later.short {
            let mine = self.short.entry(k).or_default();
            decode(&list.bytes, |p, pos| mine.push(p, pos));
        }
        for (k, list) in later.long {
            let mine = self.long.entry(k).or_default();
            decode(&list.bytes, |p, pos| mine.push(p, pos));
        }
        self.passages.extend(later.passages);
    }
}

/// A word while assembling: short (an integer) or long.
enum Key {
    Short(u128),
    Long(Box<str>),
}

impl Key {
    fn cmp(&self, other: &Key) -> Ordering {
        match (self, other) {
            (Key::Short(a), Key::Short(b)) => a.cmp(b),
            _ => self.with_bytes(|a| other.with_bytes(|b| a.cmp(b))),
        }
    }

    fn with_bytes<R>(&self, f: impl FnOnce(&[u8]) -> R) -> R {
        match self {
            Key::Short(k) => {
                let (buf, len) = short_bytes(*k);
                f(&buf[..len])
            }
            Key::Long(s) => f(s.as_bytes()),
        }
    }
}

/// Puts the shares together: the sorted vocabulary and its postings.
fn assemble(shares: Vec<Share>, article_start: Vec<u32>) -> SearchIndex {
    let mut passages = Vec::new();
    let mut entries: Vec<(Key, Vec<u8>)> = Vec::new();
    for share in shares {
        if passages.is_empty() {
            passages = share.passages;
        }
        entries.extend(
            share
                .short
                .into_iter()
                .map(|(k, l)| (Key::Short(k), l.bytes)),
        );
        entries.extend(share.long.into_iter().map(|(k, l)| (Key::Long(k), l.bytes)));
    }
    entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut vocab_text = String::new();
    let mut vocab_ends = Vec::with_capacity(entries.len());
    let mut postings = Vec::with_capacity(entries.len());
    let mut masks = Vec::with_capacity(entries.len());
    let mut by_len: Vec<Vec<u32>> = vec![Vec::new(); 65];
    for (id, (key, bytes)) in entries.into_iter().enumerate() {
        let start = vocab_text.len();
        key.with_bytes(|b| vocab_text.push_str(&String::from_utf8_lossy(b)));
        let word = &vocab_text[start..];
        masks.push(letter_mask(word));
        by_len[word.chars().count().min(64)].push(id as u32);
        vocab_ends.push(vocab_text.len() as u32);
        postings.push(bytes.into_boxed_slice());
    }
    SearchIndex {
        vocab_text,
        vocab_ends,
        postings,
        masks,
        by_len,
        passages,
        article_start,
        matcher: SkimMatcherV2::default(),
    }
}

/// The byte range of each passage in the article's folded text. Passages
/// are joined by a blank line, which folding keeps and nothing else folds
/// to, so splitting the folded text there finds them; should the count not
/// match, each boundary is looked up through the offset map instead.
fn folded_passages(a: &Article) -> Vec<(usize, usize)> {
    let text = &a.folded.text;
    let mut out = Vec::with_capacity(a.passages.len());
    let mut start = 0;
    for piece in text.split("\n\n") {
        out.push((start, start + piece.len()));
        start += piece.len() + 2;
    }
    if out.len() == a.passages.len() {
        return out;
    }
    a.passages
        .iter()
        .map(|p| {
            let s = folded_offset(&a.folded, p.range.start);
            (s, folded_offset(&a.folded, p.range.end).max(s))
        })
        .collect()
}

/// The byte offset in `folded` whose display offset is `display` (the first
/// folded position at or after it).
fn folded_offset(folded: &Folded, display: usize) -> usize {
    let text = &folded.text;
    let mut i = partition(text.len(), |f| folded.to_display(f) < display);
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl SearchIndex {
    /// Indexes every passage of `corpus`, on several threads when the corpus
    /// is large.
    pub fn build(corpus: &Corpus) -> SearchIndex {
        let articles = &corpus.articles;
        let (article_start, n) = article_starts(articles);
        let threads = if corpus.text_bytes() < PARALLEL_MIN_BYTES {
            1
        } else {
            std::thread::available_parallelism()
                .map_or(1, |p| p.get())
                .min(MAX_THREADS)
        } as u64;
        let total = n as usize;
        let shares: Vec<Share> = if threads == 1 {
            let all = Keep::Share { index: 0, of: 1 };
            vec![Share::build(articles, all, total)]
        } else {
            std::thread::scope(|s| {
                let handles: Vec<_> = (0..threads)
                    .map(|index| {
                        let keep = Keep::Share { index, of: threads };
                        s.spawn(move || Share::build(articles, keep, total))
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        assemble(shares, article_start)
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
        let articles = &corpus.articles;
        let (article_start, n) = article_starts(articles);
        let keep = Keep::Matching(&needles);
        if corpus.text_bytes() < PARALLEL_MIN_BYTES || articles.len() < 2 {
            return assemble(
                vec![Share::build(articles, keep, n as usize)],
                article_start,
            );
        }
        // Two halves on two threads; the few words kept are then moved over.
        let half = halfway(articles);
        let (mut first, second) = std::thread::scope(|s| {
            let a = s.spawn(|| Share::build_run(&articles[..half], 0, keep, n as usize));
            let b = Share::build_run(articles, half, keep, 0);
            let a = a.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
            (a, b)
        });
        first.append(second);
        assemble(vec![first], article_start)
    }
}

/// The article where the first half of the text ends.
fn halfway(articles: &[Article]) -> usize {
    let total: usize = articles.iter().map(|a| a.text.len()).sum();
    let mut acc = 0;
    for (i, a) in articles.iter().enumerate() {
        acc += a.text.len();
        if acc * 2 >= total {
            return (i + 1).min(articles.len() - 1);
        }
    }
    articles.len() / 2
}

/// Passages in the articles before article `first`.
fn corpus_passages_before(articles: &[Article], first: usize) -> u32 {
    articles[..first.min(articles.len())]
        .iter()
        .map(|a| a.passages.len() as u32)
        .sum()
}

/// The global number of each article's first passage, plus the total.
fn article_starts(articles: &[Article]) -> (Vec<u32>, u32) {
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
    fn folded_passages_match_the_offset_map() {
        let mut articles = Corpus::bundled().articles;
        let odd = "T\n\nA\u{ad}\n\n\u{ad}\n\nCanbäck’s…\n\nB";
        articles.push(Article::parse("x.txt", odd, None).unwrap());
        articles.push(Article::parse("y.txt", "Only a title", None).unwrap());
        for a in &articles {
            let slow: Vec<_> = a
                .passages
                .iter()
                .map(|p| {
                    let s = folded_offset(&a.folded, p.range.start);
                    (s, folded_offset(&a.folded, p.range.end).max(s))
                })
                .collect();
            assert_eq!(folded_passages(a), slow, "{}", a.id);
        }
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
    fn halves_appended_equal_one_run() {
        let corpus = Corpus::bundled();
        let articles = &corpus.articles;
        let query = Query::parse("russia lachin corridor !hakari");
        let needles: Vec<Needle> = Prepared::new(&query)
            .terms
            .into_iter()
            .flat_map(|(_, alts)| alts.into_iter().flatten())
            .collect();
        let (starts, n) = article_starts(articles);
        let keep = Keep::Matching(&needles);
        let one = assemble(
            vec![Share::build(articles, keep, n as usize)],
            starts.clone(),
        );
        let half = halfway(articles);
        assert!(half > 0 && half < articles.len());
        let mut first = Share::build_run(&articles[..half], 0, keep, n as usize);
        first.append(Share::build_run(articles, half, keep, 0));
        let two = assemble(vec![first], starts);
        assert_eq!(two.vocab_text, one.vocab_text);
        assert_eq!(two.postings, one.postings);
        assert_eq!(two.passages.len(), one.passages.len());
        assert!(
            one.vocabulary_len() < 100,
            "{} words kept",
            one.vocabulary_len()
        );
        let full = SearchIndex::build(&corpus);
        assert_eq!(
            one.search(&corpus, &query, 20),
            full.search(&corpus, &query, 20)
        );
    }

    #[test]
    fn shared_builds_equal_one_build() {
        let corpus = Corpus::bundled();
        let one = SearchIndex::build(&corpus);
        let total = one.passages.len();
        let shares = (0..3)
            .map(|index| Share::build(&corpus.articles, Keep::Share { index, of: 3 }, total))
            .collect();
        let three = assemble(shares, one.article_start.clone());
        assert_eq!(three.vocab_text, one.vocab_text);
        assert_eq!(three.vocab_ends, one.vocab_ends);
        assert_eq!(three.postings, one.postings);
        assert_eq!(three.passages.len(), one.passages.len());
    }
}
