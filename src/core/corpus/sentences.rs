//! Splitting a passage into sentences (byte ranges), with the
//! abbreviations and initials that end in a full stop without ending one.

use std::ops::Range;

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "capt", "gov",
    "pres", "sen", "rep", "amb", "vs", "etc", "e.g", "i.e", "cf", "no", "vol", "pp", "fig",
    "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "inc", "ltd", "co", "corp", "al",
];

/// Splits a paragraph into sentence ranges (byte offsets into `p`).
///
/// A sentence ends at `.`, `!`, `?` or `…` (followed by any closing quotes
/// or brackets) when whitespace and then an upper-case letter, a digit or an
/// opening quote follow, unless the word before the stop is a known
/// abbreviation or a single capital letter (an initial).
pub fn sentence_ranges(p: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = p.as_bytes();
    let mut next = 0;
    while next < bytes.len() {
        // Only a stop can end a sentence: skip to the next `.`, `!`, `?` or
        // the lead byte of `…` (never a continuation byte), byte by byte.
        let i = next;
        if !matches!(bytes[i], b'.' | b'!' | b'?' | 0xe2) {
            next += 1;
            continue;
        }
        let c = p[i..].chars().next().unwrap_or(' ');
        next = i + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…') || i < start {
            continue;
        }
        // Look ahead over repeated stops, closing punctuation, then spaces.
        let mut end = p.len();
        let mut next_start = None;
        let mut saw_space = false;
        let mut closing = true;
        for (j, n) in p[i + c.len_utf8()..].char_indices() {
            let at = i + c.len_utf8() + j;
            if closing && is_closing(n) {
                continue;
            }
            if closing {
                closing = false;
                end = at;
            }
            if n.is_whitespace() {
                saw_space = true;
                continue;
            }
            if saw_space && opens_sentence(n) {
                next_start = Some(at);
            }
            break;
        }
        if let Some(ns) = next_start
            && !(c == '.' && is_abbreviation(&p[start..i]))
        {
            out.push(start..end);
            start = ns;
        }
    }
    if start < p.len() {
        let end = p.trim_end().len().max(start);
        out.push(start..end);
    }
    out
}

/// Whether one of the sentences [`sentence_ranges`] splits `p` into starts
/// at byte `at`, told from the text just before `at` (for `at` the start
/// of a whitespace-separated word): the first byte of a non-empty text, or
/// a character that opens a sentence after whitespace, after a stop
/// (possibly among closing quotes and brackets) that ends one. A caller
/// that asks about a few words of a passage reads only those few bytes,
/// not the whole passage.
pub fn is_sentence_start(p: &str, at: usize) -> bool {
    if at == 0 {
        return !p.is_empty();
    }
    let (Some(before), Some(first)) = (p.get(..at), p.get(at..).and_then(|r| r.chars().next()))
    else {
        return false;
    };
    if !opens_sentence(first) {
        return false;
    }
    let word = before.trim_end();
    if word.len() == before.len() {
        return false;
    }
    // The stops and closing marks just before the spaces: the first stop
    // among them that ends a sentence ends the one before `at`.
    let marks = word.len()
        - word
            .chars()
            .rev()
            .take_while(|&c| is_closing(c))
            .map(char::len_utf8)
            .sum::<usize>();
    word[marks..].char_indices().any(|(i, c)| match c {
        '!' | '?' | '…' => true,
        '.' => !is_abbreviation(&p[..marks + i]),
        _ => false,
    })
}

/// A stop, or punctuation that may close a sentence after its stop.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | '…' | '"' | '\'' | '’' | '”' | ')' | ']' | '»'
    )
}

/// A character a sentence may start with after a stop.
fn opens_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_ascii_digit()
        || matches!(c, '"' | '\'' | '‘' | '“' | '(' | '[' | '«' | '•')
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true; // an initial: "J. Smith"
    }
    if word.is_ascii() {
        // No allocation for the common case: this runs at every full stop.
        return ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The starts [`is_sentence_start`] tells, at every word start of `p`,
    /// against those of [`sentence_ranges`].
    fn check(p: &str) -> usize {
        let want: Vec<usize> = sentence_ranges(p).iter().map(|r| r.start).collect();
        let mut got = Vec::new();
        let mut after_space = true;
        for (i, c) in p.char_indices() {
            if !c.is_whitespace() && after_space && is_sentence_start(p, i) {
                got.push(i);
            }
            after_space = c.is_whitespace();
        }
        // A passage may begin with spaces: its first sentence still starts at 0.
        if p.starts_with(char::is_whitespace) && is_sentence_start(p, 0) {
            got.insert(0, 0);
        }
        assert_eq!(got, want, "{p:?}");
        want.len()
    }

    #[test]
    fn sentence_starts_told_locally_are_those_of_the_split() {
        for p in [
            "",
            " ",
            "One.",
            "Russia was displeased. The U.S. Army said so, as did Mr. Smith! Then J. Doe left… “Quoted.” Done 1,960 troops.",
            "x. 'y.' Z and x. '.' Z, a.) B, a . B, a.\u{a0}B, a.. B, Mr.. B, e.g. B",
            "He said “Go.” Then (Left.) [See.] «Non.» • Item? Yes! 3 more… ok. a.b. C",
            "U.S.. Then St. Louis. ‘Hi,’ she said. ’Tis. Dr. No. Jan. 5. A.B. C.",
            "  Leading spaces. Then more.   Trailing.   ",
            "Ends with a stop.",
            "No stop at all",
        ] {
            check(p);
        }
        // Text nobody on the project wrote: the bundled articles.
        let corpus = crate::core::Corpus::bundled();
        let mut sentences = 0;
        for a in &corpus.articles {
            for p in &a.passages {
                sentences += check(a.passage_text(p));
            }
        }
        assert!(sentences > 300, "{sentences} sentences");
    }
}
