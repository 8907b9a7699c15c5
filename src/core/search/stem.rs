//! Morphology: whether a query word and a text word are forms of one word
//! ("ratification" and "ratified", "proposal" and "proposed", "neutral" and
//! "neutrality"), with the English Snowball stemmer (rust-stemmers).
//!
//! Names and short words must stay usable, so the rule is narrow: both
//! words are plain ASCII letters, at least [`MIN_STEM_CHARS`] long, and
//! start with the same [`MIN_STEM_CHARS`] letters (so "Iran" never meets
//! "Ira", nor "US" "use"); then they match when their stems are equal, or
//! when one word's stem of [`MIN_STEM_PREFIX`]+ letters starts the other
//! word, when the stemmer took an ending off (Snowball stems "ratification"
//! to "ratif" and "ratified" to "ratifi"). This module only answers yes or no; it never allocates for a
//! pair that fails the cheap tests.

use std::sync::OnceLock;

use rust_stemmers::{Algorithm, Stemmer};

/// Letters both words need, and need in common at their start.
pub const MIN_STEM_CHARS: usize = 4;
/// Letters a stem needs to count when it only starts the other word.
pub const MIN_STEM_PREFIX: usize = 5;

fn stemmer() -> &'static Stemmer {
    static S: OnceLock<Stemmer> = OnceLock::new();
    S.get_or_init(|| Stemmer::create(Algorithm::English))
}

/// True when `w` is a word the stemmer is used on.
pub fn stemmable(w: &str) -> bool {
    w.len() >= MIN_STEM_CHARS && w.bytes().all(|b| b.is_ascii_lowercase())
}

/// The stem of a folded word, when it is [`stemmable`].
pub fn stem(w: &str) -> Option<String> {
    stemmable(w).then(|| stemmer().stem(w).into_owned())
}

/// The bytes two words must share at their start to be compared at all.
pub fn key(w: &str) -> Option<&str> {
    stemmable(w).then(|| &w[..MIN_STEM_CHARS])
}

/// True when `word` is another form of the query word `query`, whose stem
/// is `query_stem` (from [`stem`]). False for the same word.
pub fn same_stem(query: &str, query_stem: &str, word: &str) -> bool {
    if word == query || !stemmable(word) || key(word) != key(query) {
        return false;
    }
    // A stem that starts the other word counts only when the stemmer took
    // an ending off (else every longer word would be "another form").
    let cut = |w: &str, s: &str| s.len() >= MIN_STEM_PREFIX && s.len() < w.len();
    if cut(query, query_stem) && word.starts_with(query_stem) {
        return true;
    }
    let s = stemmer().stem(word);
    s == query_stem || (cut(word, &s) && query.starts_with(s.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(q: &str, w: &str) -> bool {
        same_stem(q, &stem(q).unwrap(), w)
    }

    #[test]
    fn other_forms_match_both_ways() {
        for (q, w) in [
            ("ratification", "ratified"),
            ("ratified", "ratification"),
            ("proposal", "proposed"),
            ("proposed", "proposal"),
            ("neutral", "neutrality"),
            ("neutrality", "neutral"),
            ("resemblance", "resembles"),
            ("negotiations", "negotiated"),
            ("peacekeepers", "peacekeeping"),
            ("talks", "talked"),
        ] {
            assert!(same(q, w), "{q} ~ {w}");
        }
    }

    #[test]
    fn names_and_short_words_stay_apart() {
        assert!(stem("us").is_none());
        assert!(stem("ira").is_none());
        assert!(!same("iran", "ira"));
        assert!(!same("iran", "iranian"));
        assert!(!same("armenia", "armenian"));
        assert!(!same("corridor", "corridor"));
        assert!(!same("treaty", "trade"));
        assert!(stem("aliyev’s").is_none());
        assert!(!same("proposal", "pro"));
    }
}
