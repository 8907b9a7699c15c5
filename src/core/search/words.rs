//! Words and how one query word matches one text word.
//!
//! Both sides are folded text (see [`crate::core::text::fold`]). A word is a
//! run of letters or digits; a comma or full stop between two digits belongs
//! to the number, and a comma there is dropped from the word's key, so
//! "1,960" and "1960" are the same word. Everything else (spaces, apostrophes,
//! hyphens, quotes) separates words: "russia's" is the two words "russia" and
//! "s", which a query matches as a phrase.
//!
//! [`word_cost`] is the only place that decides whether a query word matches
//! a text word and how well: exact, prefix, a typo (edit distance), or an
//! in-word subsequence scored by fuzzy-matcher's `SkimMatcherV2`. The index
//! and the plain-text matcher both use it, so they agree.

use std::borrow::Cow;
use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::stem;

/// One word of a folded text: its byte range and its key (the text of the
/// range, minus commas inside numbers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word<'a> {
    /// Byte range in the text that was split.
    pub range: Range<usize>,
    /// The word as matched and indexed.
    pub key: Cow<'a, str>,
}

/// The words of a folded text, in order.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// Iterator returned by [`words`].
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

fn char_at(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        Some(b as char)
    } else {
        s.get(i..)?.chars().next()
    }
}

/// What an ASCII byte is to the tokenizer.
const SEPARATOR: u8 = 0;
const WORD: u8 = 1;
const NOT_ASCII: u8 = 2;
const NUMBER_JOIN: u8 = 3;

const CLASSES: [u8; 256] = {
    let mut t = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_alphanumeric() {
            WORD
        } else if c == b',' || c == b'.' {
            NUMBER_JOIN
        } else {
            SEPARATOR
        };
        b += 1;
    }
    t
};

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let s = self.text;
        let bytes = s.as_bytes();
        // Skip to the start of a word: ASCII by a table, anything else by
        // char.
        let mut i = self.at;
        loop {
            let b = *bytes.get(i)?;
            match CLASSES[b as usize] {
                WORD => break,
                NOT_ASCII => {
                    let c = char_at(s, i)?;
                    if c.is_alphanumeric() {
                        break;
                    }
                    i += c.len_utf8();
                }
                _ => i += 1,
            }
        }
        let start = i;
        let mut has_comma = false;
        while let Some(&b) = bytes.get(i) {
            match CLASSES[b as usize] {
                WORD => i += 1,
                NOT_ASCII => match char_at(s, i) {
                    Some(c) if c.is_alphanumeric() => i += c.len_utf8(),
                    _ => break,
                },
                // "1,960" and "1.5": a separator between two digits.
                NUMBER_JOIN
                    if bytes[i - 1].is_ascii_digit()
                        && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) =>
                {
                    has_comma |= b == b',';
                    i += 1;
                }
                _ => break,
            }
        }
        self.at = i;
        let raw = &s[start..i];
        let key = if has_comma {
            Cow::Owned(raw.replace(',', ""))
        } else {
            Cow::Borrowed(raw)
        };
        Some(Word {
            range: start..i,
            key,
        })
    }
}

/// How well a query word matched a text word, packed in a byte so that a
/// smaller value is a better match: an exact match, then another form of the
/// word (same stem), then a prefix, then fewer typos, then a match that
/// starts at the word's start. Bits: `tier << 5 | typos << 1 | off_start`,
/// tier 0 exact, 1 same stem, 2 prefix or typo.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Cost(u8);

const TIER_SHIFT: u8 = 5;
const STEM_TIER: u8 = 1;
const FUZZY_TIER: u8 = 2;
const OFF_START: u8 = 0x01;
const MAX_TYPOS: u8 = 15;
/// Typos a subsequence match counts as: more than any edit-distance typo.
pub const SUBSEQUENCE_TYPOS: u8 = 3;

impl Cost {
    /// The word itself.
    pub const EXACT: Cost = Cost(0);
    /// Another form of the word: the same stem (see [`super::stem`]).
    pub const STEM: Cost = Cost(STEM_TIER << TIER_SHIFT);
    /// The query word is the start of the text word.
    pub const PREFIX: Cost = Cost(FUZZY_TIER << TIER_SHIFT);

    /// A match with `typos` edits (or [`SUBSEQUENCE_TYPOS`] for a subsequence).
    pub fn typo(typos: u8, word_start: bool) -> Cost {
        Cost(
            (FUZZY_TIER << TIER_SHIFT)
                | (typos.min(MAX_TYPOS) << 1)
                | if word_start { 0 } else { OFF_START },
        )
    }

    /// The byte the cost is packed in: below [`Cost::NONE_BITS`].
    pub(crate) fn bits(self) -> u8 {
        self.0
    }

    /// A byte from [`Cost::bits`] back as a cost.
    pub(crate) fn from_bits(bits: u8) -> Cost {
        Cost(bits)
    }

    /// A byte no cost packs to: "no match" in a table of bytes.
    pub(crate) const NONE_BITS: u8 = u8::MAX;

    fn tier(self) -> u8 {
        self.0 >> TIER_SHIFT
    }

    /// True for an exact word match.
    pub fn is_exact(self) -> bool {
        self.tier() == 0
    }

    /// True for another form of the word (same stem).
    pub fn is_stem(self) -> bool {
        self.tier() == STEM_TIER
    }

    /// Edits counted against the match.
    pub fn typos(self) -> u8 {
        (self.0 >> 1) & MAX_TYPOS
    }

    /// True when the match starts at the start of the word.
    pub fn at_word_start(self) -> bool {
        self.0 & OFF_START == 0
    }

    /// True for a prefix match (no typo, not the whole word).
    pub fn is_prefix(self) -> bool {
        self == Cost::PREFIX
    }

    /// The cost of consecutive words matched as one phrase.
    pub fn join(self, next: Cost) -> Cost {
        if self.is_exact() && next.is_exact() {
            return Cost::EXACT;
        }
        let tier = self.tier().max(next.tier());
        let typos = self.typos().saturating_add(next.typos()).min(MAX_TYPOS);
        Cost((tier << TIER_SHIFT) | (typos << 1) | ((self.0 | next.0) & OFF_START))
    }

    /// How much of a term's weight this match earns in partial ranking:
    /// 1 for the word itself, less for another form, a prefix, a typo.
    pub fn quality(self) -> f32 {
        match (self.tier(), self.typos()) {
            (0, _) => 1.0,
            (1, _) => 0.85,
            (_, 0) => 0.7,
            (_, 1) => 0.6,
            (_, 2) => 0.45,
            _ => 0.3,
        }
    }
}

/// Which kinds of match a query word allows besides the exact word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tiers {
    /// The query word may be the start of a longer word.
    pub prefix: bool,
    /// One edit for 5+ letters, two for 9+.
    pub typo: bool,
    /// The query word's letters in order inside the word (SkimMatcherV2).
    pub subsequence: bool,
    /// Another form of the word (see [`super::stem`]).
    pub stem: bool,
}

impl Tiers {
    /// Every kind of match: a plain query word.
    pub const FUZZY: Tiers = Tiers {
        prefix: true,
        typo: true,
        subsequence: true,
        stem: true,
    };
    /// A word of a phrase: exact, prefix or typo.
    pub const PHRASE: Tiers = Tiers {
        prefix: true,
        typo: true,
        subsequence: false,
        stem: true,
    };
    /// `^word`, and the words of an exclusion.
    pub const PREFIX: Tiers = Tiers {
        prefix: true,
        typo: false,
        subsequence: false,
        stem: false,
    };
    /// `'word` and alias expansions: the word itself only.
    pub const EXACT: Tiers = Tiers {
        prefix: false,
        typo: false,
        subsequence: false,
        stem: false,
    };
}

/// Letters shorter than this never match by subsequence.
pub const MIN_SUBSEQUENCE_CHARS: usize = 3;
/// Letters needed for one typo; two typos need [`TWO_TYPOS_CHARS`].
pub const ONE_TYPO_CHARS: usize = 5;
/// Letters needed for two typos.
pub const TWO_TYPOS_CHARS: usize = 9;

/// A query word prepared for matching many text words.
#[derive(Debug, Clone)]
pub struct Needle {
    /// The folded query word.
    pub text: String,
    chars: Vec<char>,
    /// [`letter_mask`] of the word.
    pub mask: u32,
    /// Allowed kinds of match.
    pub tiers: Tiers,
    /// The word's stem, when the stem tier applies to it.
    pub stem: Option<String>,
}

impl Needle {
    /// Prepares `word` (folded) for matching.
    pub fn new(word: &str, tiers: Tiers) -> Needle {
        Needle {
            text: word.to_string(),
            chars: word.chars().collect(),
            mask: letter_mask(word),
            tiers,
            stem: if tiers.stem { stem::stem(word) } else { None },
        }
    }

    /// Letters in the query word.
    pub fn char_len(&self) -> usize {
        self.chars.len()
    }

    /// Edits a typo match may have: 0, 1 or 2.
    pub fn max_typos(&self) -> usize {
        if !self.tiers.typo {
            0
        } else if self.chars.len() >= TWO_TYPOS_CHARS {
            2
        } else if self.chars.len() >= ONE_TYPO_CHARS {
            1
        } else {
            0
        }
    }

    /// A cheap test that is true whenever [`word_cost`] could match `word`
    /// (`len` chars, [`letter_mask`] `mask`), and false for most words.
    pub fn could_match(&self, word: &str, len: usize, mask: u32) -> bool {
        let n = self.chars.len();
        let k = self.max_typos();
        word == self.text
            || self.stem_possible(word)
            || (self.tiers.prefix && word.starts_with(self.text.as_str()))
            || (k > 0 && len.abs_diff(n) <= k && (mask ^ self.mask).count_ones() as usize <= 2 * k)
            || (self.tries_subsequence() && (n..=3 * n).contains(&len) && self.mask & !mask == 0)
    }

    /// True when `word` could be another form of the query word: it starts
    /// with the same [`stem::MIN_STEM_CHARS`] letters.
    pub fn stem_possible(&self, word: &str) -> bool {
        self.stem.is_some() && stem::key(word).is_some_and(|k| self.text.starts_with(k))
    }

    /// True when `word` is another form of the query word.
    pub fn same_stem(&self, word: &str) -> bool {
        self.stem
            .as_deref()
            .is_some_and(|s| stem::same_stem(&self.text, s, word))
    }

    /// True when a subsequence match is tried for this word.
    pub fn tries_subsequence(&self) -> bool {
        self.tiers.subsequence && self.chars.len() >= MIN_SUBSEQUENCE_CHARS
    }
}

/// Matches a query word against a text word (both folded); `None` when it
/// does not match at all.
pub fn word_cost(needle: &Needle, word: &str, matcher: &SkimMatcherV2) -> Option<Cost> {
    if word == needle.text {
        return Some(Cost::EXACT);
    }
    if needle.same_stem(word) {
        return Some(Cost::STEM);
    }
    if needle.tiers.prefix && word.starts_with(needle.text.as_str()) {
        return Some(Cost::PREFIX);
    }
    let k = needle.max_typos();
    if k > 0
        && (letter_mask(word) ^ needle.mask).count_ones() as usize <= 2 * k
        && let Some(d) = edit_distance_within(&needle.chars, word, k)
    {
        return Some(Cost::typo(d as u8, true));
    }
    if needle.tries_subsequence() {
        return subsequence_cost(needle, word, matcher);
    }
    None
}

/// The subsequence tier: the query word's letters appear in order within
/// one word, close together (the matched stretch is at most half again as
/// long as the query word) — so "pshnyan" finds "pashinyan" but a short
/// query word does not match every long word.
pub fn subsequence_cost(needle: &Needle, word: &str, matcher: &SkimMatcherV2) -> Option<Cost> {
    let n = needle.chars.len();
    let wlen = word.chars().count();
    if wlen < n || wlen > 3 * n || needle.mask & !letter_mask(word) != 0 {
        return None;
    }
    let (_, indices) = matcher.fuzzy_indices(word, &needle.text)?;
    let (first, last) = (*indices.first()?, *indices.last()?);
    if last - first + 1 > n + n / 2 {
        return None;
    }
    Some(Cost::typo(SUBSEQUENCE_TYPOS, first == 0))
}

/// A set of the letters in a word: bit `c - 'a'` for ASCII letters, one of
/// six shared bits for anything else. Two words within `k` edits differ in at
/// most `2k` bits, which rules out most of a vocabulary cheaply.
pub fn letter_mask(word: &str) -> u32 {
    let mut m = 0u32;
    for c in word.chars() {
        m |= match c {
            'a'..='z' => 1 << (c as u32 - 'a' as u32),
            _ => 1 << (26 + (c as u32 % 6)),
        };
    }
    m
}

/// The optimal-string-alignment distance between `a` and `b` (substitution,
/// insertion, deletion, swap of neighbours), if it is at most `k`.
pub fn edit_distance_within(a: &[char], b: &str, k: usize) -> Option<usize> {
    let mut buf = [' '; 64];
    let mut n = 0;
    for c in b.chars() {
        if n == buf.len() {
            return None;
        }
        buf[n] = c;
        n += 1;
    }
    osa_within(a, &buf[..n], k)
}

fn osa_within(a: &[char], b: &[char], k: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > k || a.len() >= 64 || b.len() >= 64 {
        return None;
    }
    let w = b.len() + 1;
    // Three rows: two back (for swaps), previous, current.
    let mut rows = [[0usize; 65]; 3];
    for (j, cell) in rows[1].iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[cur][0] = i;
        let mut row_min = i;
        for j in 1..w {
            let sub = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[prev][j] + 1)
                .min(rows[cur][j - 1] + 1)
                .min(rows[prev][j - 1] + sub);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[prev2][j - 2] + 1);
            }
            rows[cur][j] = v;
            row_min = row_min.min(v);
        }
        if row_min > k {
            return None;
        }
    }
    let d = rows[a.len() % 3][b.len()];
    (d <= k).then_some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(s: &str) -> Vec<String> {
        words(s).map(|w| w.key.into_owned()).collect()
    }

    #[test]
    fn words_split_on_punctuation_but_keep_numbers_whole() {
        assert_eq!(
            keys("russia's 1,960 troops, 1.5 years; 19-20 u.s. ok."),
            [
                "russia", "s", "1960", "troops", "1.5", "years", "19", "20", "u", "s", "ok"
            ]
        );
        let s = "a 1,960.";
        let w: Vec<_> = words(s).collect();
        assert_eq!(&s[w[1].range.clone()], "1,960");
        assert_eq!(keys("հայերեն москва"), ["հայերեն", "москва"]);
        assert!(keys(" ,.- ").is_empty());
    }

    fn cost(q: &str, w: &str, tiers: Tiers) -> Option<Cost> {
        word_cost(&Needle::new(q, tiers), w, &SkimMatcherV2::default())
    }

    #[test]
    fn tiers_in_order() {
        assert_eq!(cost("lachin", "lachin", Tiers::FUZZY), Some(Cost::EXACT));
        assert_eq!(cost("lach", "lachin", Tiers::FUZZY), Some(Cost::PREFIX));
        assert_eq!(
            cost("lachni", "lachin", Tiers::FUZZY),
            Some(Cost::typo(1, true))
        );
        assert_eq!(
            cost("pshnyan", "pashinyan", Tiers::FUZZY),
            Some(Cost::typo(3, true))
        );
        assert_eq!(
            cost("ratification", "ratified", Tiers::FUZZY),
            Some(Cost::STEM)
        );
        assert_eq!(
            cost("neutral", "neutrality", Tiers::FUZZY),
            Some(Cost::STEM)
        );
        assert_eq!(
            cost("neutral", "neutrality", Tiers::PREFIX),
            Some(Cost::PREFIX)
        );
        assert!(Cost::EXACT < Cost::STEM && Cost::STEM < Cost::PREFIX);
        assert!(Cost::PREFIX < Cost::typo(1, true));
        assert!(Cost::typo(2, true) < Cost::typo(SUBSEQUENCE_TYPOS, true));
        assert!(Cost::typo(3, true) < Cost::typo(3, false));
    }

    #[test]
    fn typos_need_five_letters_and_two_need_nine() {
        // Substitution, missing, extra, swapped letters.
        for q in ["corridar", "corrdor", "corridorr", "corirdor"] {
            assert_eq!(
                cost(q, "corridor", Tiers::PHRASE),
                Some(Cost::typo(1, true)),
                "{q}"
            );
        }
        assert_eq!(
            cost("rusia", "russia", Tiers::PHRASE),
            Some(Cost::typo(1, true))
        );
        assert_eq!(cost("tset", "test", Tiers::PHRASE), None); // 4 letters
        assert_eq!(
            cost("corirdoor", "corridor", Tiers::PHRASE),
            Some(Cost::typo(2, true))
        );
        assert_eq!(
            cost("corirdorr", "corridor", Tiers::PHRASE),
            Some(Cost::typo(2, true))
        );
        assert_eq!(cost("corirdr", "corridor", Tiers::PHRASE), None); // 7 letters, 2 edits
        assert_eq!(cost("lachni", "lachin", Tiers::EXACT), None);
        assert_eq!(cost("lach", "lachin", Tiers::EXACT), None);
    }

    #[test]
    fn subsequence_stays_inside_one_word_and_close_together() {
        assert_eq!(
            cost("canbck", "canback", Tiers::FUZZY),
            Some(Cost::typo(1, true))
        );
        assert_eq!(
            cost("zkharva", "zakharova", Tiers::FUZZY),
            Some(Cost::typo(SUBSEQUENCE_TYPOS, true))
        );
        assert_eq!(cost("rsa", "russia", Tiers::FUZZY), None); // too spread out
        assert_eq!(
            cost("rdor", "corridor", Tiers::FUZZY),
            Some(Cost::typo(3, false))
        );
        assert_eq!(cost("ab", "abxyz", Tiers::PHRASE), Some(Cost::PREFIX));
        assert_eq!(cost("xz", "axyz", Tiers::FUZZY), None); // too short
        assert_eq!(cost("rdor", "corridor", Tiers::PHRASE), None);
    }

    #[test]
    fn edit_distance_counts_swaps_as_one() {
        let a: Vec<char> = "abcd".chars().collect();
        assert_eq!(edit_distance_within(&a, "abdc", 1), Some(1));
        assert_eq!(edit_distance_within(&a, "abcd", 0), Some(0));
        assert_eq!(edit_distance_within(&a, "dcba", 2), None);
        assert_eq!(edit_distance_within(&a, "xbcdy", 2), Some(2));
    }

    #[test]
    fn phrase_costs_add_up() {
        assert_eq!(Cost::EXACT.join(Cost::EXACT), Cost::EXACT);
        let c = Cost::EXACT
            .join(Cost::typo(1, true))
            .join(Cost::typo(1, true));
        assert!(!c.is_exact());
        assert_eq!(c.typos(), 2);
        assert!(Cost::PREFIX.join(Cost::EXACT) == Cost::PREFIX);
        assert!(!Cost::EXACT.join(Cost::typo(3, false)).at_word_start());
    }
}
