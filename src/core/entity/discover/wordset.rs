//! Fixed sets of short words, looked up with one multiply and a compare or
//! two: each word (1 to 15 bytes) is packed with its length into one
//! 128-bit number, and the numbers are placed in an open-addressing table
//! when the program is compiled. A `match` over a long list of strings
//! compares them one after the other; these lists are read for most
//! capitalised words of a corpus.
//!
//! This module never prints and knows nothing of the terminal.

/// A set of words of 1 to 15 bytes, made at compile time by
/// [`WordSet::new`]; `N` (a power of two) is at least twice the number of
/// words.
pub(super) struct WordSet<const N: usize> {
    /// Each word packed by [`pack`], or 0 for an empty slot.
    slots: [u128; N],
}

/// The longest word a set may hold, in bytes.
const LONGEST: usize = 15;

/// `word`'s bytes in the low bytes of a number, its length in the top
/// byte: one number per word, never 0.
const fn pack(word: &[u8]) -> u128 {
    let mut key = (word.len() as u128) << 120;
    let mut i = 0;
    while i < word.len() {
        key |= (word[i] as u128) << (8 * i);
        i += 1;
    }
    key
}

/// [`pack`] of a word read at run time; `None` when it is empty or too
/// long for any set.
#[inline]
pub(super) fn pack_word(word: &[u8]) -> Option<u128> {
    let n = word.len();
    if n == 0 || n > LONGEST {
        return None;
    }
    let (low, high) = match word.split_first_chunk::<8>() {
        Some((first, rest)) => (u64::from_le_bytes(*first), short(rest)),
        None => (short(word), 0),
    };
    Some(u128::from(low) | (u128::from(high) << 64) | ((n as u128) << 120))
}

/// The bytes of `b` (at most 7 are read; fewer in all uses) as a
/// little-endian number, read in two loads that may overlap rather than
/// byte by byte.
#[inline]
fn short(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 4 {
        let first = b.first_chunk::<4>().map_or(0, |c| u32::from_le_bytes(*c));
        let last = b[..n.min(7)]
            .last_chunk::<4>()
            .map_or(0, |c| u32::from_le_bytes(*c));
        u64::from(first) | (u64::from(last) << (8 * (n.min(7) - 4)))
    } else if n > 0 {
        // One to three bytes: the first, the middle and the last.
        u64::from(b[0])
            | (u64::from(b[n / 2]) << (8 * (n / 2)))
            | (u64::from(b[n - 1]) << (8 * (n - 1)))
    } else {
        0
    }
}

/// `key` (made by [`pack_word`] of an ASCII word) with its capitals made
/// small, eight bytes at a time.
#[inline]
pub(super) fn ascii_lowercase(key: u128) -> u128 {
    const ONES: u128 = u128::MAX / 0xFF;
    // For a byte below 0x80, bit 7 of byte + 0x3F is set from 'A' (0x41)
    // up, that of byte + 0x25 from '[' (0x5B) up; no carry crosses bytes.
    let capital = (key + 0x3F * ONES) & !(key + 0x25 * ONES) & (0x80 * ONES);
    key | (capital >> 2)
}

/// Where a packed word's search starts in a table of `n` slots.
#[inline]
const fn slot(key: u128, n: usize) -> usize {
    let folded = (key as u64) ^ ((key >> 64) as u64);
    (folded.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize & (n - 1)
}

impl<const N: usize> WordSet<N> {
    /// The set of `words` (a word listed twice is there once). Fails to
    /// compile when a word is empty or longer than 15 bytes, or when `N`
    /// is not a power of two at least twice the number of words.
    pub(super) const fn new(words: &[&str]) -> WordSet<N> {
        assert!(N.is_power_of_two() && words.len() * 2 <= N);
        let mut slots = [0u128; N];
        let mut i = 0;
        while i < words.len() {
            let w = words[i].as_bytes();
            assert!(!w.is_empty() && w.len() <= LONGEST);
            let key = pack(w);
            let mut at = slot(key, N);
            while slots[at] != 0 && slots[at] != key {
                at = (at + 1) & (N - 1);
            }
            slots[at] = key;
            i += 1;
        }
        WordSet { slots }
    }

    /// Whether `word` is in the set.
    #[inline]
    pub(super) fn contains(&self, word: &str) -> bool {
        self.contains_bytes(word.as_bytes())
    }

    /// Whether the word of these bytes is in the set.
    #[inline]
    pub(super) fn contains_bytes(&self, word: &[u8]) -> bool {
        pack_word(word).is_some_and(|key| self.contains_packed(key))
    }

    /// Whether the word packed by [`pack_word`] as `key` is in the set.
    #[inline]
    pub(super) fn contains_packed(&self, key: u128) -> bool {
        let mut at = slot(key, N);
        loop {
            let s = self.slots[at];
            if s == key {
                return true;
            }
            if s == 0 {
                return false;
            }
            at = (at + 1) & (N - 1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WORDS: &[&str] = &["A", "An", "The", "I’m", "Advertisement", "September", "a"];
    static SET: WordSet<16> = WordSet::new(WORDS);

    #[test]
    fn holds_its_words_and_nothing_else() {
        for w in WORDS {
            assert!(SET.contains(w), "{w}");
        }
        for w in [
            "",
            "the",
            "Th",
            "Thea",
            "An ",
            "I'm",
            "Advertisements",
            "B",
            "A\0",
            "\0A",
            "Septembe",
            "0123456789abcdefg",
        ] {
            assert!(!SET.contains(w), "{w:?}");
        }
    }

    #[test]
    fn packed_at_compile_time_as_at_run_time() {
        let all = "abcdefghijklmnopq";
        for n in 1..=15 {
            let w = &all.as_bytes()[..n];
            assert_eq!(pack_word(w), Some(pack(w)), "{n}");
        }
        assert_eq!(pack_word(b""), None);
        assert_eq!(pack_word(all.as_bytes()), None);
        for w in WORDS {
            assert_eq!(pack_word(w.as_bytes()), Some(pack(w.as_bytes())));
        }
    }

    #[test]
    fn capitals_made_small_as_one_byte_at_a_time() {
        for w in [
            "A",
            "Mr",
            "ZAP@[`z",
            "Co-Founder",
            "PRESIDENT",
            "Spokesperson!",
            "@[`{",
        ] {
            let small = w.to_ascii_lowercase();
            let packed = pack_word(w.as_bytes()).unwrap();
            assert_eq!(
                ascii_lowercase(packed),
                pack_word(small.as_bytes()).unwrap(),
                "{w}"
            );
        }
    }
}
