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
            if closing
                && matches!(
                    n,
                    '.' | '!' | '?' | '…' | '"' | '\'' | '’' | '”' | ')' | ']' | '»'
                )
            {
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
            let opener = n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '\'' | '‘' | '“' | '(' | '[' | '«' | '•');
            if saw_space && opener {
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
