//! Splitting a passage into words for discovery, fast: only the words near
//! a capital letter are ever looked at closely.

use std::ops::Range;

/// A word of a passage: the range of its letters (without surrounding
/// punctuation and possessive) and whether punctuation after it ends a run.
pub(super) struct Token {
    pub(super) core: Range<usize>,
    pub(super) ends_run: bool,
}

impl Token {
    /// Reads the whitespace-free token `raw` (offsets relative to it).
    ///
    /// A name's word ends where a character no name word holds begins:
    /// a bracket ("Mozilla[4]"), or a letter of a script without capitals
    /// ("Aldrin)可能是…": Chinese is written without spaces, so a whole
    /// clause would otherwise be taken for the rest of the name).
    pub(super) fn parse(raw: &str) -> Token {
        // Most tokens are plain words: all theirs, nothing ends the run.
        if !raw.is_empty() && raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
            return Token {
                core: 0..raw.len(),
                ends_run: false,
            };
        }
        let lead = raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
        let cut = raw[lead..]
            .char_indices()
            .find(|&(_, c)| !in_name_word(c))
            .map_or(raw.len(), |(i, _)| lead + i);
        let mut token = Token::parse_word(&raw[..cut]);
        if cut < raw.len() {
            token.ends_run = true;
        }
        token
    }

    /// [`Token::parse`] of a token holding only characters of names.
    fn parse_word(raw: &str) -> Token {
        if raw.is_empty() {
            return Token {
                core: 0..0,
                ends_run: true,
            };
        }
        let lead = if raw.as_bytes()[0].is_ascii_alphanumeric() {
            0
        } else {
            raw.len() - raw.trim_start_matches(|c: char| !c.is_alphanumeric()).len()
        };
        let mut core_end = raw.trim_end_matches(|c: char| !c.is_alphanumeric()).len();
        // An initial or a dotted acronym keeps its dots and goes on with
        // the run: "John F. Kennedy", "U.N. Security Council".
        let dots = dotted_len(&raw[lead..]);
        if dots > 0 {
            let core_end = lead + dots;
            return Token {
                core: lead..core_end,
                ends_run: core_end < raw.len(),
            };
        }
        // "St. Louis", "Ft. Wayne", "Mt. Vernon": the abbreviation is part
        // of the name.
        if matches!(&raw[lead..], "St." | "Ft." | "Mt.") {
            return Token {
                core: lead..raw.len(),
                ends_run: false,
            };
        }
        let mut ends_run = core_end < raw.len();
        for poss in ["’s", "'s"] {
            if core_end > lead + poss.len() && raw[..core_end].ends_with(poss) {
                core_end -= poss.len();
                ends_run = true;
            }
        }
        Token {
            core: lead..core_end.max(lead),
            ends_run,
        }
    }
}

/// Whether `c` can be part of a name's word: a letter of a script with
/// capitals, a digit, a combining accent, or the joining marks of "O'Brien",
/// "Jean-Luc", "U.S.", "AT&T", "HTTP/1.1".
fn in_name_word(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || matches!(c, '\'' | '-' | '.' | '&' | '/' | '+' | '_');
    }
    c.is_uppercase()
        || c.is_lowercase()
        || c.is_numeric()
        || matches!(c, '’' | '‑' | '\u{0300}'..='\u{036F}')
}

/// The length of a run of capital letters each followed by a full stop
/// at the start of `s` ("F.", "U.S.", "H.M.S."), 0 when there is none.
fn dotted_len(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i + 1 < b.len() && b[i].is_ascii_uppercase() && b[i + 1] == b'.' {
        i += 2;
    }
    // "F.B.I" without the last stop, or a word going on ("U.Sx"), is not one.
    if i > 0 && b.get(i).is_some_and(|c| c.is_ascii_alphanumeric()) {
        return 0;
    }
    i
}

/// The whitespace-separated tokens of a passage, as byte ranges.
pub(super) struct Tokens<'a> {
    pub(super) text: &'a str,
    pub(super) at: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Range<usize>;

    fn next(&mut self) -> Option<Range<usize>> {
        let start = skip(self.text, self.at, true);
        if start >= self.text.len() {
            self.at = start;
            return None;
        }
        self.at = skip(self.text, start, false);
        Some(start..self.at)
    }
}

impl Tokens<'_> {
    /// Moves to the start of the next token that holds an upper-case
    /// letter; false when there is none.
    pub(super) fn jump_to_capital(&mut self) -> bool {
        let bytes = self.text.as_bytes();
        let mut q = self.at;
        while q < bytes.len() {
            // Eight bytes at a time past those that start no capital.
            while let Some(eight) = bytes.get(q..q + 8)
                && !may_start_capital(eight)
            {
                q += 8;
            }
            let Some(&b) = bytes.get(q) else { break };
            if b.is_ascii_uppercase() {
                break;
            }
            if b >= 0xC0
                && self.text[q..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            {
                break;
            }
            q += 1;
        }
        if q >= bytes.len() {
            self.at = bytes.len();
            return false;
        }
        let before = &self.text[self.at..q];
        self.at += before
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        true
    }
}

/// Whether one of eight bytes is an ASCII capital or not ASCII (so may
/// start a capital letter), tested on all eight at once.
#[inline]
fn may_start_capital(eight: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut b = [0u8; 8];
    b.copy_from_slice(eight);
    let x = u64::from_le_bytes(b);
    let ascii = x & (0x7F * ONES);
    // For a byte below 0x80, bit 7 of byte + 0x3F is set from 'A' (0x41)
    // up, that of byte + 0x25 from '[' (0x5B) up; no carry crosses bytes.
    let capital = (ascii + 0x3F * ONES) & !(ascii + 0x25 * ONES);
    (capital | x) & (0x80 * ONES) != 0
}

/// The word just before byte `at` when only spaces separate it from `at`
/// (no punctuation), e.g. "President" before "Ilham Aliyev".
pub(super) fn word_before(text: &str, at: usize) -> Option<&str> {
    // Most text is ASCII: read bytes, and decode characters only when a
    // byte of another character is met.
    let b = text.as_bytes();
    let mut end = at.min(b.len());
    while end > 0 && matches!(b[end - 1], b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ') {
        end -= 1;
    }
    let last = *b[..end].last()?;
    if last.is_ascii() {
        if !last.is_ascii_alphanumeric() {
            return None;
        }
        let mut start = end;
        while start > 0 && (b[start - 1].is_ascii_alphanumeric() || b[start - 1] == b'.') {
            start -= 1;
        }
        if start == 0 || b[start - 1].is_ascii() {
            return text.get(start..end);
        }
    }
    word_before_decoded(text, at)
}

/// [`word_before`], decoding every character.
fn word_before_decoded(text: &str, at: usize) -> Option<&str> {
    let before = text[..at].trim_end();
    if !before.chars().next_back()?.is_alphanumeric() {
        return None;
    }
    let start = before
        .rfind(|c: char| !c.is_alphanumeric() && c != '.')
        .map_or(0, |i| {
            i + before[i..].chars().next().map_or(1, char::len_utf8)
        });
    Some(&before[start..])
}

/// From byte `at`, the first byte that is (`spaces == false`) or is not
/// (`spaces == true`) whitespace. ASCII bytes are tested directly; other
/// characters (the no-break space among them) are decoded.
fn skip(text: &str, mut at: usize, spaces: bool) -> usize {
    let bytes = text.as_bytes();
    if !spaces {
        // The letters of a word: printable ASCII, none of it whitespace.
        while at < bytes.len() && (0x21..0x7F).contains(&bytes[at]) {
            at += 1;
        }
    }
    while at < bytes.len() {
        let b = bytes[at];
        let (white, len) = if b < 0x80 {
            (b.is_ascii_whitespace(), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if white != spaces {
            return at;
        }
        at += len;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts of the bundled articles, and `more`.
    fn bundled_and(more: &str) -> Vec<String> {
        let corpus = crate::core::Corpus::bundled();
        let mut texts: Vec<String> = corpus.articles.iter().map(|a| a.text.to_string()).collect();
        texts.push(more.into());
        texts
    }

    /// Where [`Tokens::jump_to_capital`] lands from every token start, as
    /// the search of one byte at a time finds it.
    #[test]
    fn jumps_land_where_a_byte_by_byte_search_does() {
        let texts = bundled_and("all lower case, then Émile and ÉCOLE, ünter Über, a\u{a0}Z");
        let mut jumps = 0;
        for text in &texts {
            let mut at = 0;
            while at < text.len() {
                let mut t = Tokens { text, at };
                let found = t.jump_to_capital();
                let capital = text[at..]
                    .char_indices()
                    .find(|(_, c)| c.is_uppercase())
                    .map(|(i, _)| at + i);
                assert_eq!(found, capital.is_some());
                if let Some(c) = capital {
                    let start = text[..c]
                        .char_indices()
                        .rfind(|(_, ch)| ch.is_whitespace())
                        .map_or(0, |(i, ch)| i + ch.len_utf8())
                        .max(at);
                    assert_eq!(t.at, start);
                    jumps += 1;
                }
                at = Tokens { text, at }.next().map_or(text.len(), |r| r.end);
            }
        }
        assert!(jumps > 5_000, "{jumps} jumps");
    }

    /// [`word_before`] reads bytes where it can: it finds what decoding
    /// every character finds, before every character of the bundled
    /// articles and of text with other whitespace and letters.
    #[test]
    fn words_before_as_decoded() {
        let texts =
            bundled_and("Gen.\u{a0}Lee, Émile Zola and Zola\u{2009}Émile: Lt.\u{b} X \u{1c}Y é. Z");
        let mut words = 0;
        for text in &texts {
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                let found = word_before(text, at);
                assert_eq!(found, word_before_decoded(text, at), "{at}");
                words += usize::from(found.is_some());
            }
        }
        assert!(words > 10_000, "{words} words");
    }

    #[test]
    fn plain_words_parse_as_themselves() {
        for (raw, core, ends) in [
            ("Kennedy", 0..7, false),
            ("U2", 0..2, false),
            ("F.", 0..2, false),
            ("St.", 0..3, false),
            ("Russia's", 0..6, true),
            ("(Iran)", 1..5, true),
        ] {
            let t = Token::parse(raw);
            assert_eq!((t.core, t.ends_run), (core, ends), "{raw}");
        }
    }
}
