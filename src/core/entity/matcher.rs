//! Finding names in a text: one aho-corasick automaton over the folded
//! names of every entity, run over folded text (see
//! [`crate::core::text::fold`]), with the matching rules applied to each
//! candidate:
//!
//! * **Whole words only.** The characters just before and after a match must
//!   not be letters or digits, so "Russia" never matches inside "Russian"
//!   (adjectives are not mentions of the country) and "US" never inside
//!   "USD". Hyphens, apostrophes and punctuation separate words.
//! * **Longest match wins.** The automaton is leftmost-longest: at the first
//!   position where any name starts, the longest name is taken, so
//!   "OSCE Minsk Group" is one mention, not an "OSCE" mention plus more.
//! * **Possessives stay outside.** "Russia’s" folds to `russia's`; the name
//!   ends before the apostrophe, which is a word boundary.
//! * **Spaces of any kind.** Folding turns non-breaking and other spaces
//!   into plain ones, and a line break or tab inside a name is read as a
//!   space, so "Lachin\u{a0}corridor" and "Lachin\ncorridor" match "Lachin
//!   corridor" (the loader also joins a paragraph's lines with a space).
//!   One space of any kind separates two words of a name; a run of several
//!   does not match, nor does a name split across two passages.
//! * **Case-insensitive, except acronyms.** Folding ignores case and
//!   accents; a case-sensitive name (an alias in capitals only, or any name
//!   of an entity marked `case_sensitive`) must also have the same letter
//!   case in the original text, so "us" is not "US".
//!
//! When a candidate is rejected, the search resumes at the next character
//! rather than after the candidate, so a rejected match never hides a good
//! one that starts inside it.
//!
//! This module never prints and knows nothing of the terminal.

use std::ops::Range;

use aho_corasick::automaton::Automaton;
use aho_corasick::automaton::StateID;
use aho_corasick::nfa::contiguous;
use aho_corasick::{Anchored, MatchKind};

use crate::core::fasthash::FastMap;
use crate::core::text::{self, Folded};

/// The key a name is matched and looked up by: folded (lower case, no
/// accents, straight quotes, plain spaces), whitespace runs collapsed to one
/// space, trimmed.
pub fn name_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    name_key_into(s, &mut String::with_capacity(s.len()), &mut out);
    out
}

/// [`name_key`] into `out` (cleared first), folding in `scratch`: no
/// allocation once both have room.
pub(crate) fn name_key_into(s: &str, scratch: &mut String, out: &mut String) {
    scratch.clear();
    text::fold_into(s, scratch);
    out.clear();
    for word in scratch.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// True when a name is written in capitals only (`US`, `U.S.`, `OSCE MG`):
/// such a name matches case-sensitively unless its entry says otherwise.
pub fn is_acronym(name: &str) -> bool {
    name.chars().any(char::is_uppercase) && !name.chars().any(char::is_lowercase)
}

/// One name to find.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// The name as written (for the case check).
    pub name: String,
    /// What a match of it is a mention of (an entity index).
    pub entity: u32,
    /// Whether the original text must have the same letter case.
    pub case_sensitive: bool,
}

/// A compiled set of names.
///
/// One trie of the folded names (an aho-corasick automaton, of which only
/// the trie is walked: anchored, never through failure links), entered at
/// every word start of a text. A name can only match at a word start, so
/// this finds what an unanchored leftmost-longest search would, while
/// reading only the few bytes after each word start that begin a name: far
/// less than every byte through an automaton of every name (a DFA of a
/// hundred megabytes for the names of a 100 MB corpus).
#[derive(Debug, Clone)]
pub struct Matcher {
    trie: Option<Trie>,
    /// For case-sensitive patterns, the upper-case flags of their letters.
    cases: Vec<Option<Box<[bool]>>>,
    entities: Vec<u32>,
}

/// The names as a trie, and which bytes start one.
#[derive(Debug, Clone)]
struct Trie {
    nfa: contiguous::NFA,
    start: StateID,
    /// `first[b]`: whether some name starts with byte `b`.
    first: Box<[bool; 256]>,
    /// The first words of the names (their leading letters and digits), each
    /// with the state of the trie after it: a word of a text that is none
    /// of them starts no name that can match there (see
    /// [`Trie::longest_from_word`]), which one lookup tells rather than a
    /// walk through the trie, a step (often a cache miss) per letter.
    /// Words of up to 8 bytes (most) are keyed by their bytes as one
    /// number (see [`short_word`]): no pointer to follow, no bytes compared.
    short_words: FastMap<u64, FirstWord>,
    /// The keys of `short_words`, for a test before the lookup.
    seen: Seen,
    /// The longer first words.
    words: FastMap<Box<[u8]>, FirstWord>,
}

/// What the trie holds after the first word of some name, read once from
/// the trie when it is built: most words of a text that start a name are a
/// name alone, or are not followed by what the names go on with, and then
/// the trie (a step, often a cache miss, per byte) is not read at all.
#[derive(Debug, Clone, Copy)]
struct FirstWord {
    /// The state of the trie after the word.
    sid: StateID,
    /// The name that is the word itself, when exactly one is ([`NONE`]
    /// else).
    whole: u32,
    /// Whether several names are the word itself (equal keys): then they
    /// are read from the trie, in its order.
    several: bool,
    /// Whether some name goes on after the word with a byte from 64 up
    /// (a word ends before a byte that is not a letter or digit: most
    /// names go on with a space, a hyphen, a dot or an apostrophe).
    on_high: bool,
    /// `on_low & 1 << b`: whether some name goes on with byte `b` below 64.
    on_low: u64,
}

/// No name.
const NONE: u32 = u32::MAX;

impl FirstWord {
    fn new(nfa: &contiguous::NFA, sid: StateID, len: usize) -> FirstWord {
        let mut whole = Vec::new();
        if nfa.is_match(sid) {
            for k in 0..nfa.match_len(sid) {
                let pid = nfa.match_pattern(sid, k);
                if nfa.pattern_len(pid) == len {
                    whole.push(pid.as_u32());
                }
            }
        }
        let goes_on = |b: u8| !nfa.is_dead(nfa.next_state(Anchored::Yes, sid, b));
        let mut on_low = 0u64;
        for b in 0..64u8 {
            if goes_on(b) {
                on_low |= 1 << b;
            }
        }
        FirstWord {
            sid,
            whole: if whole.len() == 1 { whole[0] } else { NONE },
            several: whole.len() > 1,
            on_high: (64..=255u8).any(goes_on),
            on_low,
        }
    }

    /// Whether some name may go on after the word with byte `b`.
    #[inline]
    fn goes_on_with(&self, b: u8) -> bool {
        if b < 64 {
            self.on_low & (1 << b) != 0
        } else {
            self.on_high
        }
    }
}

/// Which short first words (see [`short_word`]) a trie may hold: a bit
/// for each, at a place their hash gives, in a table of about 16 bits a
/// word (a quarter of a megabyte for 100 000 words, 2 MB at most), far
/// smaller than the map. A word whose bit is clear (most words of a text:
/// "the", "of", "and") starts no name, told without a lookup in the map.
#[derive(Debug, Clone)]
struct Seen {
    bits: Box<[u64]>,
    shift: u32,
}

impl Seen {
    fn new(words: impl ExactSizeIterator<Item = u64>) -> Seen {
        // About 16 bits a word: one in 16 of the others passes.
        let want = (words.len() * 16)
            .next_power_of_two()
            .clamp(1 << 12, 1 << 24);
        let mut seen = Seen {
            bits: vec![0; want / 64].into_boxed_slice(),
            shift: 64 - want.trailing_zeros(),
        };
        for w in words {
            let at = seen.place(w);
            seen.bits[at / 64] |= 1 << (at % 64);
        }
        seen
    }

    #[inline]
    fn place(&self, word: u64) -> usize {
        (word.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift) as usize
    }

    /// Whether `word` may be one of the words.
    #[inline]
    fn may_hold(&self, word: u64) -> bool {
        let at = self.place(word);
        self.bits
            .get(at / 64)
            .is_some_and(|b| b & (1 << (at % 64)) != 0)
    }
}

/// A word of 1 to 8 bytes as one number: its bytes, zero-padded (a word
/// of letters and digits holds no zero byte, so no two words share one).
#[inline]
fn short_word(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > 8 {
        return None;
    }
    let mut b = [0u8; 8];
    b[..word.len()].copy_from_slice(word);
    Some(u64::from_le_bytes(b))
}

/// [`short_word`] of `hay[at..end]`, read as one load of 8 bytes when the
/// text has them (no copy of a variable length).
#[inline]
fn short_word_at(hay: &[u8], at: usize, end: usize) -> Option<u64> {
    let len = end - at;
    match hay.get(at..at + 8) {
        Some(eight) if (1..=8).contains(&len) => {
            let mut b = [0u8; 8];
            b.copy_from_slice(eight);
            let all = u64::from_le_bytes(b);
            Some(if len == 8 {
                all
            } else {
                all & ((1u64 << (len * 8)) - 1)
            })
        }
        _ => short_word(&hay[at..end]),
    }
}

impl Trie {
    fn new(keys: &[String]) -> Option<Trie> {
        let nfa = contiguous::NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(keys)
            .ok()?;
        let start = nfa.start_state(Anchored::Yes).ok()?;
        let mut first = Box::new([false; 256]);
        for (b, f) in first.iter_mut().enumerate() {
            *f = !nfa.is_dead(nfa.next_state(Anchored::Yes, start, b as u8));
        }
        let mut short_words = FastMap::default();
        let mut words = FastMap::default();
        for key in keys {
            let word = &key.as_bytes()[..word_end(key, 0)];
            let short = short_word(word);
            if word.is_empty()
                || short.is_some_and(|w| short_words.contains_key(&w))
                || words.contains_key(word)
            {
                continue;
            }
            let mut sid = start;
            for &b in word {
                sid = nfa.next_state(Anchored::Yes, sid, b);
            }
            let found = FirstWord::new(&nfa, sid, word.len());
            match short {
                Some(w) => short_words.insert(w, found),
                None => words.insert(Box::from(word), found),
            };
        }
        let seen = Seen::new(short_words.keys().copied());
        Some(Trie {
            nfa,
            start,
            first,
            short_words,
            seen,
            words,
        })
    }

    /// Calls `found(pattern, end)` for every name that `hay[at..]` starts
    /// with, shortest first.
    #[inline]
    fn prefixes(&self, hay: &[u8], at: usize, found: impl FnMut(usize, usize)) {
        self.prefixes_from(self.start, hay, at, at, found);
    }

    /// [`Trie::prefixes`] from the state `sid` the trie is in after
    /// `hay[at..from]`.
    #[inline]
    fn prefixes_from(
        &self,
        mut sid: StateID,
        hay: &[u8],
        at: usize,
        from: usize,
        mut found: impl FnMut(usize, usize),
    ) {
        let nfa = &self.nfa;
        for (i, &b) in hay[from..].iter().enumerate() {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if nfa.is_dead(sid) {
                return;
            }
            if nfa.is_match(sid) {
                // A state's matches also list the names that end here but
                // start later (for unanchored searches): only the ones
                // that are the whole path from `at` count.
                let len = from - at + i + 1;
                for k in 0..nfa.match_len(sid) {
                    let pid = nfa.match_pattern(sid, k);
                    if nfa.pattern_len(pid) == len {
                        found(pid.as_usize(), at + len);
                    }
                }
            }
        }
    }

    /// The longest name `hay[at..]` starts with (of two equal ones, the
    /// first given): its pattern and end.
    #[inline]
    fn longest(&self, hay: &[u8], at: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        self.prefixes(hay, at, |pid, end| {
            if best.is_none_or(|(_, e)| e < end) {
                best = Some((pid, end));
            }
        });
        best
    }

    /// What [`Trie::longest`] finds at `at` whenever it is a whole word
    /// (`None` for a match that is not), for `hay[at..end]` a word of
    /// letters and digits and `end` its end: see [`Trie::word_prefixes`].
    #[inline]
    fn longest_from_word(&self, hay: &[u8], at: usize, end: usize) -> Option<(usize, usize)> {
        let mut best: Option<(usize, usize)> = None;
        self.word_prefixes(hay, at, end, |pid, e| {
            if best.is_none_or(|(_, b)| b < e) {
                best = Some((pid, e));
            }
        });
        best
    }

    /// What [`Trie::prefixes`] finds at `at` that may be a whole word, for
    /// `hay[at..end]` a word of letters and digits and `end` its end: the
    /// names that end inside the word are left out (they are not whole
    /// words). A name found there is either the word, or goes on past its
    /// end and then starts with the word: either way the word is the
    /// first word of a name, and the walk starts after it.
    #[inline]
    fn word_prefixes(
        &self,
        hay: &[u8],
        at: usize,
        end: usize,
        mut found: impl FnMut(usize, usize),
    ) {
        let first = match short_word_at(hay, at, end) {
            Some(w) if !self.seen.may_hold(w) => return,
            Some(w) => self.short_words.get(&w),
            None => self.words.get(&hay[at..end]),
        };
        let Some(first) = first else {
            return;
        };
        if first.whole != NONE {
            found(first.whole as usize, end);
        } else if first.several {
            let nfa = &self.nfa;
            for k in 0..nfa.match_len(first.sid) {
                let pid = nfa.match_pattern(first.sid, k);
                if nfa.pattern_len(pid) == end - at {
                    found(pid.as_usize(), end);
                }
            }
        }
        if hay.get(end).is_some_and(|&b| first.goes_on_with(b)) {
            self.prefixes_from(first.sid, hay, at, end, found);
        }
    }
}

/// The end of the run of letters and digits that starts at byte `at` of
/// `s` (`at` itself when there is none).
///
/// Called at every word start of a text: the ASCII letters and digits are
/// read here, inlined where it is called; what follows a non-ASCII
/// character (rare) in a call of its own.
#[inline(always)]
fn word_end(s: &str, at: usize) -> usize {
    let b = s.as_bytes();
    let mut end = at;
    // ASCII letters and digits, one table lookup each.
    while let Some(&byte) = b.get(end)
        && ASCII_ALNUM[usize::from(byte)]
    {
        end += 1;
    }
    match b.get(end) {
        Some(byte) if !byte.is_ascii() => word_end_past_ascii(s, end),
        _ => end,
    }
}

/// [`word_end`] from `end`, where a non-ASCII character starts.
#[inline(never)]
fn word_end_past_ascii(s: &str, mut end: usize) -> usize {
    let b = s.as_bytes();
    loop {
        match b.get(end) {
            Some(byte) if !byte.is_ascii() => match s.get(end..).and_then(|t| t.chars().next()) {
                Some(c) if c.is_alphanumeric() => end += c.len_utf8(),
                _ => return end,
            },
            _ => return end,
        }
        while let Some(&byte) = b.get(end)
            && ASCII_ALNUM[usize::from(byte)]
        {
            end += 1;
        }
    }
}

/// Whether each byte is an ASCII letter or digit.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// A match: the entity index and the byte range in the original text.
pub type Hit = (u32, Range<usize>);

impl Matcher {
    /// Compiles the patterns. Names whose key is empty are ignored; the
    /// caller keeps keys unique (the first of two equal keys would win).
    pub fn new(patterns: &[Pattern]) -> Matcher {
        let mut keys = Vec::with_capacity(patterns.len());
        let mut cases = Vec::with_capacity(patterns.len());
        let mut entities = Vec::with_capacity(patterns.len());
        for p in patterns {
            let key = name_key(&p.name);
            if key.is_empty() {
                continue;
            }
            keys.push(key);
            cases.push(p.case_sensitive.then(|| letter_cases(&p.name)));
            entities.push(p.entity);
        }
        let trie = if keys.is_empty() {
            None
        } else {
            Trie::new(&keys)
        };
        Matcher {
            trie,
            cases,
            entities,
        }
    }

    /// True when there is nothing to find.
    pub fn is_empty(&self) -> bool {
        self.trie.is_none()
    }

    /// Finds every mention in `original`, whose folded form is `folded`,
    /// appending `(entity, range in original)` in text order.
    ///
    /// At each word start, the longest name there is taken if it is whole
    /// words in the right case, and the search goes on after it; if it is
    /// not, at the next character (a rejected match never hides a good one
    /// that starts inside it).
    pub fn find_all(&self, folded: &Folded, original: &str, out: &mut Vec<Hit>) {
        self.find_all_in(Hay::Mapped(folded), original, out);
    }

    /// [`Matcher::find_all`] in `original` (a body: its line breaks are
    /// not read as spaces), folded here: an ASCII text (most) is only
    /// lower-cased, into a buffer of this thread used again, its offsets
    /// those of the original.
    pub fn find_in_text(&self, original: &str, out: &mut Vec<Hit>) {
        if self.trie.is_none() || original.is_empty() {
            return;
        }
        with_folded(original, false, |hay| self.find_all_in(hay, original, out));
    }

    /// [`Matcher::find_all`] over `folded`.
    fn find_all_in(&self, folded: Hay<'_>, original: &str, out: &mut Vec<Hit>) {
        let Some(trie) = &self.trie else { return };
        let text = folded.text();
        let hay = text.as_bytes();
        let mut at = 0;
        // Whether the character before `at` is a letter or digit.
        let mut in_word = false;
        while at < hay.len() {
            let b = hay[at];
            if !in_word && trie.first[usize::from(b)] {
                // At a word, only the names that start with that word
                // can match; after it (none did), the next word start.
                let end = word_end(text, at);
                let found = if end > at {
                    trie.longest_from_word(hay, at, end)
                } else {
                    trie.longest(hay, at)
                };
                if let Some((pid, e)) = found
                    // `at` is a word start (`in_word` is false).
                    && let Some(range) = self.accept(folded, original, at, e, pid, true)
                {
                    out.push((self.entities[pid], range));
                    in_word = !is_word_start(text, e);
                    at = e;
                    continue;
                }
                if end > at {
                    in_word = true;
                    at = end;
                    continue;
                }
            }
            if b.is_ascii() {
                in_word = b.is_ascii_alphanumeric();
                at += 1;
            } else {
                let c = text[at..].chars().next().unwrap_or(' ');
                in_word = c.is_alphanumeric();
                at += c.len_utf8();
            }
        }
    }

    /// The range in `original` of the match `s..e` of pattern `pid` in the
    /// folded text, when it is whole words in the right letter case
    /// (`s` known to be a word start when `at_word_start`).
    fn accept(
        &self,
        folded: Hay<'_>,
        original: &str,
        s: usize,
        e: usize,
        pid: usize,
        at_word_start: bool,
    ) -> Option<Range<usize>> {
        let text = folded.text();
        if !(at_word_start || is_word_start(text, s)) || !is_word_end(text, e) {
            return None;
        }
        let range = folded.range(s..e);
        let case_ok = match &self.cases[pid] {
            None => true,
            Some(want) => same_cases(&original[range.clone()], want),
        };
        case_ok.then_some(range)
    }

    /// The names nested inside `original[outer]` (a mention found by any
    /// matcher): every whole-word match strictly shorter than the mention,
    /// leftmost-longest among themselves ("Ukraine" in "war in Ukraine",
    /// "Rhode Island" in "Rhode Island Heritage Week"), with ranges into
    /// `original`, in text order.
    pub fn find_inside(&self, original: &str, outer: Range<usize>, out: &mut Vec<Hit>) {
        let Some(trie) = &self.trie else { return };
        let Some(inner) = original.get(outer.clone()) else {
            return;
        };
        if !inner.contains([' ', '-', '\u{a0}']) {
            return;
        }
        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        with_folded(inner, true, |folded| {
            self.find_starts_inside(trie, folded, inner, outer.start, &mut found)
        });
        // Leftmost, then longest; drop those inside one already taken.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut end = 0;
        for (s, e, entity) in found {
            if s >= end {
                out.push((entity, s..e));
                end = e;
            }
        }
    }

    /// Every whole-word name at a word start of `inner` (folded as
    /// `folded`), except `inner` itself, as `(start, end, entity)` with
    /// offsets from `base`, into `found`.
    fn find_starts_inside(
        &self,
        trie: &Trie,
        folded: Hay<'_>,
        inner: &str,
        base: usize,
        found: &mut Vec<(usize, usize, u32)>,
    ) {
        let text = folded.text();
        let hay = text.as_bytes();
        // Whether the character before the one at hand is a letter or digit.
        let mut in_word = false;
        for (s, c) in text.char_indices() {
            let word_start = !in_word;
            in_word = c.is_alphanumeric();
            if !word_start || !trie.first[usize::from(hay[s])] {
                continue;
            }
            let each = |pid: usize, e: usize| {
                if s == 0 && e == hay.len() {
                    return;
                }
                if let Some(r) = self.accept(folded, inner, s, e, pid, true) {
                    found.push((base + r.start, base + r.end, self.entities[pid]));
                }
            };
            let end = word_end(text, s);
            if end > s {
                trie.word_prefixes(hay, s, end, each);
            } else {
                trie.prefixes(hay, s, each);
            }
        }
    }

    /// [`Matcher::find_all`] on a short text that has no folded form yet
    /// (a title, a metadata line).
    pub fn find_in(&self, original: &str, out: &mut Vec<Hit>) {
        if self.trie.is_none() || original.is_empty() {
            return;
        }
        with_folded(original, true, |hay| self.find_all_in(hay, original, out));
    }
}

/// A folded text to match in, and how its offsets map to the original's.
#[derive(Clone, Copy)]
enum Hay<'a> {
    /// An ASCII text lower-cased: the same offsets.
    Same(&'a str),
    /// Folded with a map back.
    Mapped(&'a Folded),
}

impl<'a> Hay<'a> {
    fn text(self) -> &'a str {
        match self {
            Hay::Same(t) => t,
            Hay::Mapped(f) => &f.text,
        }
    }

    /// The range in the original of the range `r` of the folded text.
    fn range(self, r: Range<usize>) -> Range<usize> {
        match self {
            Hay::Same(_) => r,
            Hay::Mapped(f) => f.range_to_display(r),
        }
    }
}

thread_local! {
    /// The lower-cased copy of the text at hand, kept for the next one.
    static LOWERED: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A buffer kept for the next text up to this size; a larger one is
/// given back once used.
const KEEP_LOWERED: usize = 1 << 20;

/// Calls `f` with `s` folded (as [`text::fold`] does; line breaks and tabs
/// read as spaces when `one_line`, see [`single_line`]). An ASCII text
/// folds to itself in lower case, byte for byte: it is lower-cased into a
/// buffer of this thread, not folded into a new copy with a map.
fn with_folded<R>(s: &str, one_line: bool, f: impl FnOnce(Hay<'_>) -> R) -> R {
    if !s.is_ascii() {
        let folded = if one_line {
            text::fold(&single_line(s))
        } else {
            text::fold(s)
        };
        return f(Hay::Mapped(&folded));
    }
    LOWERED.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buf) => {
            let found = f(Hay::Same(lower_into(s, one_line, &mut buf)));
            if buf.capacity() > KEEP_LOWERED {
                *buf = Vec::new();
            }
            found
        }
        // In use already on this thread: a buffer of its own.
        Err(_) => f(Hay::Same(lower_into(s, one_line, &mut Vec::new()))),
    })
}

/// The ASCII text `s` in lower case in `buf` (line breaks and tabs as
/// spaces when `one_line`): what [`text::fold`] makes of it.
fn lower_into<'b>(s: &str, one_line: bool, buf: &'b mut Vec<u8>) -> &'b str {
    buf.clear();
    buf.extend_from_slice(s.as_bytes());
    buf.make_ascii_lowercase();
    if one_line {
        for b in buf.iter_mut() {
            if matches!(*b, b'\n' | b'\t' | b'\r') {
                *b = b' ';
            }
        }
    }
    // Still ASCII, so valid UTF-8: this never falls back.
    std::str::from_utf8(buf).unwrap_or_default()
}

/// Line breaks and tabs read as spaces (same byte length, so offsets hold).
fn single_line(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\n', '\t', '\r']) {
        std::borrow::Cow::Owned(s.replace(['\n', '\t', '\r'], " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn letter_cases(s: &str) -> Box<[bool]> {
    s.chars()
        .filter(|c| c.is_alphabetic())
        .map(char::is_uppercase)
        .collect()
}

fn same_cases(surface: &str, want: &[bool]) -> bool {
    let mut it = surface.chars().filter(|c| c.is_alphabetic());
    for &w in want {
        match it.next() {
            Some(c) if c.is_uppercase() == w => {}
            _ => return false,
        }
    }
    it.next().is_none()
}

fn is_word_start(s: &str, at: usize) -> bool {
    !s[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

fn is_word_end(s: &str, at: usize) -> bool {
    !s[at..].chars().next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pat(name: &str, entity: u32) -> Pattern {
        Pattern {
            name: name.to_string(),
            entity,
            case_sensitive: is_acronym(name),
        }
    }

    /// The surfaces found in `text` and the entity of each.
    fn find(pats: &[Pattern], text: &str) -> Vec<(u32, String)> {
        let m = Matcher::new(pats);
        let mut out = Vec::new();
        m.find_in(text, &mut out);
        out.into_iter()
            .map(|(e, r)| (e, text[r].to_string()))
            .collect()
    }

    fn s(e: u32, t: &str) -> (u32, String) {
        (e, t.to_string())
    }

    #[test]
    fn whole_words_only() {
        let p = [pat("Russia", 0), pat("Iran", 1)];
        assert_eq!(
            find(
                &p,
                "Russian Russians Russia, Tehran Iranian (Iran) pro-Russia"
            ),
            [s(0, "Russia"), s(1, "Iran"), s(0, "Russia")]
        );
    }

    #[test]
    fn adjectives_are_not_the_country() {
        let p = [pat("Armenia", 0), pat("Azerbaijan", 1)];
        assert_eq!(
            find(
                &p,
                "Armenian and Azerbaijani forces; Armenians left Armenia."
            ),
            [s(0, "Armenia")]
        );
    }

    #[test]
    fn longest_match_wins() {
        let p = [pat("OSCE", 0), pat("OSCE Minsk Group", 1), pat("Minsk", 2)];
        assert_eq!(
            find(&p, "the OSCE Minsk Group and the OSCE in Minsk"),
            [s(1, "OSCE Minsk Group"), s(0, "OSCE"), s(2, "Minsk")]
        );
        let p = [
            pat("Karabakh", 0),
            pat("Nagorno-Karabakh", 0),
            pat("Second Karabakh War", 1),
        ];
        assert_eq!(
            find(
                &p,
                "Nagorno-Karabakh after the Second Karabakh War; Karabakh-Armenian"
            ),
            [
                s(0, "Nagorno-Karabakh"),
                s(1, "Second Karabakh War"),
                s(0, "Karabakh")
            ]
        );
    }

    #[test]
    fn possessive_endings_are_outside_the_mention() {
        let p = [
            pat("Russia", 0),
            pat("Brussels", 1),
            pat("Nikol Pashinyan", 2),
        ];
        assert_eq!(
            find(
                &p,
                "Russia’s view, Russia's view, Brussels’ view, Nikol Pashinyan's wife"
            ),
            [
                s(0, "Russia"),
                s(0, "Russia"),
                s(1, "Brussels"),
                s(2, "Nikol Pashinyan")
            ]
        );
    }

    #[test]
    fn non_breaking_spaces_and_line_breaks_between_words() {
        let p = [pat("Lachin corridor", 0), pat("2020 war", 1)];
        assert_eq!(
            find(
                &p,
                "the Lachin\u{a0}corridor, the 2020\u{a0}war, Lachin\ncorridor"
            ),
            [
                s(0, "Lachin\u{a0}corridor"),
                s(1, "2020\u{a0}war"),
                s(0, "Lachin\ncorridor")
            ]
        );
    }

    #[test]
    fn acronyms_match_case_sensitively() {
        let p = [
            pat("US", 0),
            pat("U.S.", 0),
            pat("United States", 0),
            pat("ICC", 1),
        ];
        assert_eq!(
            find(
                &p,
                "clear to us that the US, the U.S. and the united states; icc, ICC’s"
            ),
            [s(0, "US"), s(0, "U.S."), s(0, "united states"), s(1, "ICC")]
        );
    }

    #[test]
    fn case_sensitive_entities_and_insensitive_acronyms() {
        let p = [
            Pattern {
                name: "West".into(),
                entity: 0,
                case_sensitive: true,
            },
            Pattern {
                name: "OSTWEST MONITORING".into(),
                entity: 1,
                case_sensitive: false,
            },
        ];
        assert_eq!(
            find(&p, "to the west, the West; Ostwest Monitoring"),
            [s(0, "West"), s(1, "Ostwest Monitoring")]
        );
    }

    #[test]
    fn accents_and_curly_quotes_fold() {
        let p = [pat("Canbäck", 0), pat("James O'Brien", 1)];
        assert_eq!(
            find(&p, "Rasmus Canback and James O’Brien"),
            [s(0, "Canback"), s(1, "James O’Brien")]
        );
    }

    #[test]
    fn a_rejected_candidate_does_not_hide_a_match_inside_it() {
        // "an armenia" starts inside "Iran" ... "Iran armenia": the rejected
        // "ran armenia" (mid-word start) must not swallow "Armenia".
        let p = [pat("ran Armenia", 0), pat("Armenia", 1)];
        assert_eq!(find(&p, "Iran Armenia"), [s(1, "Armenia")]);
    }

    #[test]
    fn names_with_dots_and_digits() {
        let p = [pat("U.S.", 0), pat("102nd Military Base", 1)];
        assert_eq!(
            find(&p, "the U.S. and the 102nd Military Base; U.S.A."),
            [s(0, "U.S."), s(1, "102nd Military Base")]
        );
    }

    #[test]
    fn keys_and_acronyms() {
        assert_eq!(name_key("  Lachin\u{a0}\n Corridor "), "lachin corridor");
        assert_eq!(name_key("Russia’s"), "russia's");
        assert!(is_acronym("U.S."));
        assert!(is_acronym("OSCE MG"));
        assert!(!is_acronym("GazProm"));
        assert!(!is_acronym("102nd"));
    }

    #[test]
    fn names_nested_inside_a_mention() {
        let p = [
            pat("war in Ukraine", 0),
            pat("Ukraine", 1),
            pat("Rhode Island", 2),
            pat("Rhode Island Heritage Week", 3),
            pat("Island", 4),
            pat("US", 5),
        ];
        let m = Matcher::new(&p);
        let text = "the war in Ukraine and Rhode Island Heritage Week, us";
        let mut outer = Vec::new();
        m.find_in(text, &mut outer);
        let mut inner = Vec::new();
        for (_, r) in &outer {
            m.find_inside(text, r.clone(), &mut inner);
        }
        let got: Vec<(u32, &str)> = inner.iter().map(|(e, r)| (*e, &text[r.clone()])).collect();
        assert_eq!(got, [(1, "Ukraine"), (2, "Rhode Island")]);
    }

    /// The search as it was made before the trie: one unanchored
    /// leftmost-longest automaton over the whole text, restarting one
    /// character after a rejected match.
    fn reference(m: &Matcher, pats: &[Pattern], original: &str) -> Vec<Hit> {
        use aho_corasick::{AhoCorasick, Input};
        let keys: Vec<String> = pats.iter().map(|p| name_key(&p.name)).collect();
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&keys)
            .unwrap();
        let folded = text::fold(original);
        let hay = folded.text.as_bytes();
        let mut out = Vec::new();
        let mut at = 0;
        while at < hay.len() {
            let Some(found) = ac.find(Input::new(hay).span(at..hay.len())) else {
                break;
            };
            let (s, e, pid) = (found.start(), found.end(), found.pattern().as_usize());
            if let Some(range) = m.accept(Hay::Mapped(&folded), original, s, e, pid, false) {
                out.push((m.entities[pid], range));
                at = e;
            } else {
                at = s + folded.text[s..].chars().next().map_or(1, char::len_utf8);
            }
        }
        out
    }

    #[test]
    fn the_trie_finds_what_one_leftmost_longest_search_finds() {
        // The bundled articles (text nobody on the project wrote) and
        // names that nest, end inside words ("New York Timesx" hides "New
        // York": the longer name is tried first), differ in case only, or
        // start with punctuation.
        let corpus = crate::core::Corpus::bundled();
        let catalogue = crate::core::entity::catalogue::parse(
            corpus.entities_toml.as_deref().unwrap_or_default(),
        );
        let mut pats: Vec<Pattern> = Vec::new();
        for e in &catalogue.entries {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                pats.push(pat(name, pats.len() as u32));
            }
        }
        for name in [
            "New York",
            "New York Times",
            "Russia",
            "Russian",
            "US",
            "the",
            "in the",
            "Peace",
            "Peace Corps",
            "’Karabakh",
            "U.S.",
            "U.S. Army",
            "a",
            "e",
        ] {
            pats.push(pat(name, pats.len() as u32));
        }
        let mut seen = std::collections::HashSet::new();
        pats.retain(|p| seen.insert(name_key(&p.name)));
        let m = Matcher::new(&pats);
        let mut texts: Vec<String> = corpus.articles.iter().map(|a| a.text.to_string()).collect();
        texts.push("New York Timesx, New York Times; the U.S. Army’s U.S.A. us US".into());
        let mut hits = 0;
        // The same texts in ASCII only: folded by lower-casing alone.
        let ascii: Vec<String> = texts
            .iter()
            .map(|t| {
                t.chars()
                    .map(|c| if c.is_ascii() { c } else { ' ' })
                    .collect()
            })
            .collect();
        assert!(ascii.iter().all(|t| t.is_ascii()));
        for t in texts.iter().chain(&ascii) {
            let mut got = Vec::new();
            m.find_all(&text::fold(t), t, &mut got);
            assert_eq!(got, reference(&m, &pats, t));
            let mut again = Vec::new();
            m.find_in_text(t, &mut again);
            assert_eq!(again, got);
            hits += got.len();
        }
        assert!(hits > 1_000, "{hits} hits");
        let surfaces: Vec<String> = find(&pats, "New York Timesx and New York")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(surfaces, ["New York"]);
    }

    #[test]
    fn empty_matcher_finds_nothing() {
        let m = Matcher::new(&[]);
        assert!(m.is_empty());
        let mut out = Vec::new();
        m.find_in("Russia", &mut out);
        assert!(out.is_empty());
    }
}
