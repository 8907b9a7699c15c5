//! Text normalisation: sanitising untrusted article text for display, and
//! folding it for matching.
//!
//! Two forms of every text exist in dossier:
//!
//! * the **display form**, produced by [`sanitise`]: the text as written,
//!   minus every escape sequence and control character that could reach a
//!   terminal (C0 controls other than newline and tab, DEL, C1 controls) and
//!   the bidirectional formatting controls that could reorder what it shows.
//!   Curly quotes, non-breaking spaces, Armenian, Cyrillic, Arabic and Hebrew
//!   letters are kept.
//! * the **folded form**, produced by [`fold`]: lower case, diacritics
//!   removed, every space-like character a plain space, curly quotes straight,
//!   dashes a hyphen-minus. Matching (search, entities) works on this form and
//!   maps positions back to the display form with [`Folded::to_display`].
//!
//! This module must never touch a terminal; it is pure string processing.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Removes everything that a terminal could interpret as a command or that
/// could reorder what it displays:
///
/// * whole escape sequences, not just their ESC: CSI (`ESC [` … final
///   byte), OSC (`ESC ]` … BEL or ST), DCS, SOS, PM and APC strings (`ESC P`,
///   `ESC X`, `ESC ^`, `ESC _` … ST), the same in their 8-bit C1 forms
///   (U+009B, U+009D, U+0090, U+0098, U+009E, U+009F), and the short ones
///   (`ESC 7`, `ESC ( B`, …). A string that is never terminated ends at the
///   end of its line, so an unterminated sequence never swallows the text
///   after it;
/// * every other C0 control except `\n` and `\t`, DEL (U+007F) and the C1
///   controls (U+0080–U+009F);
/// * the bidirectional formatting controls ([`is_bidi_control`]), which
///   could make a terminal show text in an order other than the one it is
///   read in ("Trojan Source"). Right-to-left letters (Arabic, Hebrew) are
///   kept as written.
///
/// `\r\n` and a lone `\r` become `\n`; a leading byte-order mark is dropped.
pub fn sanitise(raw: &str) -> String {
    sanitise_cow(raw).into_owned()
}

/// [`sanitise`] without a copy when the text is already clean.
pub fn sanitise_cow(raw: &str) -> std::borrow::Cow<'_, str> {
    if !raw.starts_with('\u{feff}') && !needs_cleaning(raw.as_bytes()) {
        return std::borrow::Cow::Borrowed(raw);
    }
    let mut rest = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let mut out = String::with_capacity(rest.len());
    while let Some(c) = rest.chars().next() {
        rest = &rest[c.len_utf8()..];
        match c {
            '\r' => {
                if !rest.starts_with('\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{1b}' => rest = skip_escape(rest),
            '\u{9b}' => rest = skip_csi(rest),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => rest = skip_string(rest),
            c if is_control(c) || is_bidi_control(c) => {}
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Whether [`sanitise`] has anything to remove or change in these UTF-8
/// bytes (apart from a leading BOM): one pass, no decoding. Eight bytes
/// at a time: a run of printable ASCII (nearly all of an article) is
/// passed over at once, and only the runs holding another byte are looked
/// at byte by byte.
fn needs_cleaning(b: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    const SPACE: u64 = u64::from_ne_bytes([0x20; 8]);
    let mut chunks = b.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let x = u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]));
        // A byte below 0x20, or of 0x7f and above (DEL, any byte of a
        // character that is not ASCII): may be something to clean. Never
        // false when one is there; a false alarm only costs a closer look.
        let low = x.wrapping_sub(SPACE) & !x & HIGH;
        let high = (x.wrapping_add(ONES) | x) & HIGH;
        if (low | high) != 0 && needs_cleaning_at(b, at..at + 8) {
            return true;
        }
        at += 8;
    }
    needs_cleaning_at(b, at..b.len())
}

/// [`needs_cleaning`] of the bytes of `b` in `range` (a character that
/// starts there is looked at whole, past its end if need be).
fn needs_cleaning_at(b: &[u8], range: std::ops::Range<usize>) -> bool {
    let next = |i: usize| b.get(i).copied().unwrap_or(0);
    let start = range.start;
    b[range].iter().enumerate().any(|(i, &x)| {
        let i = start + i;
        match x {
            b'\n' | b'\t' => false,
            0..0x20 | 0x7f => true,
            // C1 controls: U+0080..U+009F.
            0xc2 => (0x80..0xa0).contains(&next(i + 1)),
            // U+061C ARABIC LETTER MARK.
            0xd8 => next(i + 1) == 0x9c,
            // U+200E/U+200F, U+202A..U+202E, U+2066..U+2069.
            0xe2 => match next(i + 1) {
                0x80 => matches!(next(i + 2), 0x8e | 0x8f | 0xaa..=0xae),
                0x81 => matches!(next(i + 2), 0xa6..=0xa9),
                _ => false,
            },
            _ => false,
        }
    })
}

/// After an ESC: skips the rest of the sequence it starts. An ESC followed
/// by anything that cannot continue a sequence is dropped alone.
fn skip_escape(s: &str) -> &str {
    let b = s.as_bytes();
    match b.first() {
        Some(b'[') => skip_csi(&s[1..]),
        Some(b']' | b'P' | b'X' | b'^' | b'_') => skip_string(&s[1..]),
        // Intermediate bytes, then one final byte: `ESC ( B`, `ESC # 8`.
        Some(0x20..=0x2f) => {
            let n = b.iter().take_while(|x| (0x20..=0x2f).contains(*x)).count();
            match b.get(n) {
                Some(0x30..=0x7e) => &s[n + 1..],
                _ => &s[n..],
            }
        }
        // A one-byte sequence: `ESC 7`, `ESC c`, `ESC M`, a lone ST.
        Some(0x30..=0x7e) => &s[1..],
        _ => s,
    }
}

/// After a CSI: skips its parameter bytes, intermediate bytes and final
/// byte (`ESC [ 3 1 m`, `ESC [ ? 1 0 4 9 h`).
fn skip_csi(s: &str) -> &str {
    let b = s.as_bytes();
    let params = b.iter().take_while(|x| (0x30..=0x3f).contains(*x)).count();
    let inter = b[params..]
        .iter()
        .take_while(|x| (0x20..=0x2f).contains(*x))
        .count();
    let n = params + inter;
    match b.get(n) {
        Some(0x40..=0x7e) => &s[n + 1..],
        _ => &s[n..],
    }
}

/// After an OSC, DCS, SOS, PM or APC introducer: skips the control string
/// up to and including its terminator (BEL, ST as `ESC \` or U+009C, or the
/// CAN and SUB that cancel it). An ESC that does not start ST, or the end of
/// the line, ends the string too, so that an unterminated one removes at
/// most the rest of its line.
fn skip_string(s: &str) -> &str {
    let b = s.as_bytes();
    for (i, &x) in b.iter().enumerate() {
        match x {
            0x07 | 0x18 | 0x1a => return &s[i + 1..],
            0x1b if b.get(i + 1) == Some(&b'\\') => return &s[i + 2..],
            0x1b | b'\n' | b'\r' => return &s[i..],
            0xc2 if b.get(i + 1) == Some(&0x9c) => return &s[i + 2..],
            _ => {}
        }
    }
    ""
}

/// True for the C0 and C1 controls and DEL (plus `\n`, `\r` and `\t`,
/// which [`sanitise`] keeps or converts).
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}')
}

/// True for the bidirectional formatting characters [`sanitise`] removes:
/// the embeddings and overrides (U+202A–U+202E), the isolates
/// (U+2066–U+2069) and the implicit marks (U+200E LEFT-TO-RIGHT MARK,
/// U+200F RIGHT-TO-LEFT MARK, U+061C ARABIC LETTER MARK). All are
/// invisible; a terminal that applies the bidirectional algorithm would
/// let them reorder the characters around them, and the letters of
/// right-to-left scripts keep their own direction without them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}'
    )
}

/// True when `s` holds no character that [`sanitise`] would remove (newline
/// and tab allowed).
pub fn is_sanitised(s: &str) -> bool {
    !s.chars()
        .any(|c| (is_control(c) && c != '\n' && c != '\t') || is_bidi_control(c))
}

/// A folded copy of a text with a map back to byte offsets in the original.
///
/// The map is sparse: an anchor is stored only where the difference between
/// folded and original offsets changes, so plain ASCII text costs nothing.
#[derive(Debug, Clone, Default)]
pub struct Folded {
    /// The folded text.
    pub text: String,
    /// `(folded offset, original offset)` pairs, sorted, at every char
    /// boundary where the offset difference changes. Starts with `(0, 0)`.
    anchors: Vec<(u32, u32)>,
    /// Length of the original text in bytes.
    original_len: usize,
}

impl Folded {
    /// Maps a byte offset in the folded text to the byte offset of the
    /// corresponding position in the original text. Offsets inside a folded
    /// expansion map to the start of the original character; the folded
    /// length maps to the original length.
    pub fn to_display(&self, folded: usize) -> usize {
        if folded >= self.text.len() {
            return self.original_len;
        }
        let f = folded as u32;
        let i = match self.anchors.binary_search_by_key(&f, |a| a.0) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let (fa, oa) = self.anchors[i];
        let mapped = (oa + (f - fa)) as usize;
        // Inside an expansion (one original char folded to several bytes),
        // the next anchor's original offset bounds the position.
        match self.anchors.get(i + 1) {
            Some(&(_, next_o)) if mapped > next_o as usize => next_o as usize,
            _ => mapped.min(self.original_len),
        }
    }

    /// Maps a folded byte range to a range in the original text.
    pub fn range_to_display(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self.to_display(r.start);
        let end = if r.end == r.start {
            start
        } else {
            // End of the last folded char: map the last byte, then move to the
            // end of that original character.
            self.end_to_display(r.end)
        };
        start..end.max(start)
    }

    fn end_to_display(&self, folded_end: usize) -> usize {
        if folded_end >= self.text.len() {
            return self.original_len;
        }
        // The original position of the folded char that starts at
        // `folded_end` is where the range ends.
        self.to_display(folded_end)
    }
}

/// Folds `s` for matching and keeps the map back to `s`.
pub fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut anchors: Vec<(u32, u32)> = vec![(0, 0)];
    let mut delta: i64 = 0; // original - folded
    let mut buf = String::new();
    let anchor = |anchors: &mut Vec<(u32, u32)>, f: usize, o: usize| match anchors.last_mut() {
        Some(last) if last.0 as usize == f => *last = (f as u32, o as u32),
        _ => anchors.push((f as u32, o as u32)),
    };
    let mut o = 0;
    while o < s.len() {
        let f = text.len();
        if (o as i64 - f as i64) != delta {
            delta = o as i64 - f as i64;
            anchor(&mut anchors, f, o);
        }
        // A run of ASCII folds byte for byte.
        let run = s.as_bytes()[o..]
            .iter()
            .take_while(|b| b.is_ascii())
            .count();
        if run > 0 {
            text.push_str(&s[o..o + run]);
            text[f..].make_ascii_lowercase();
            o += run;
            continue;
        }
        let c = s[o..].chars().next().unwrap_or(' ');
        let at = o;
        o += c.len_utf8();
        buf.clear();
        fold_char_into(c, &mut buf);
        // An expansion (one char folded to several): every folded char after
        // the first maps back to the start of the original char.
        for (k, (bi, _)) in buf.char_indices().enumerate() {
            if k > 0 {
                delta = at as i64 - (f + bi) as i64;
                anchor(&mut anchors, f + bi, at);
            }
        }
        text.push_str(&buf);
    }
    let f = text.len();
    if (s.len() as i64 - f as i64) != delta {
        anchor(&mut anchors, f, s.len());
    }
    Folded {
        text,
        anchors,
        original_len: s.len(),
    }
}

/// Folds `s` without keeping a map: for queries and keys.
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` to `out`, without a map: the same text
/// as [`fold`] gives, into a buffer that can be used again (the search
/// index folds every passage this way, one at a time).
pub fn fold_into(s: &str, out: &mut String) {
    let mut rest = s;
    while !rest.is_empty() {
        // A run of ASCII folds byte for byte.
        let run = rest.bytes().take_while(u8::is_ascii).count();
        if run > 0 {
            let f = out.len();
            out.push_str(&rest[..run]);
            out[f..].make_ascii_lowercase();
            rest = &rest[run..];
            continue;
        }
        let c = rest.chars().next().unwrap_or(' ');
        rest = &rest[c.len_utf8()..];
        fold_char_into(c, out);
    }
}

/// Appends the folded form of one character to `out`.
pub fn fold_char_into(c: char, out: &mut String) {
    match c {
        // Spaces of every width, including the non-breaking ones.
        '\u{a0}' | '\u{1680}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => {
            out.push(' ')
        }
        // Invisible characters: soft hyphen, zero-width space/joiners, BOM.
        '\u{ad}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' => {}
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{2035}'
        | '\u{02bc}' | '\u{ff07}' => out.push('\''),
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}'
        | '\u{ff02}' => out.push('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => {
            out.push('-')
        }
        '\u{2026}' => out.push_str("..."),
        'ß' | 'ẞ' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        'ø' | 'Ø' => out.push('o'),
        'ł' | 'Ł' => out.push('l'),
        'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
        'þ' | 'Þ' => out.push_str("th"),
        'ı' => out.push('i'),
        _ => {
            let mut any = false;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    for l in d.to_lowercase() {
                        if !is_combining_mark(l) {
                            out.push(l);
                        }
                    }
                    any = true;
                }
            });
            if !any && !is_combining_mark(c) {
                out.extend(c.to_lowercase());
            }
        }
    }
}

/// Counts words: whitespace-separated tokens with at least one letter or digit.
pub fn word_count(s: &str) -> usize {
    // The same as `split_whitespace` + "has a letter or digit", without
    // branches for ASCII: this runs over every loaded text. A word is
    // counted at its first letter or digit: where one comes with no letter
    // or digit since the last space (`seen` false).
    let bytes = s.as_bytes();
    let (mut count, mut seen) = (0usize, false);
    let mut i = 0;
    while i < bytes.len() {
        // Eight ASCII bytes at once, as bit masks of their kinds.
        if let Some(chunk) = bytes.get(i..i + 8)
            && let Ok(chunk) = <[u8; 8]>::try_from(chunk)
            && let Some((space, alnum)) = ascii_kinds(u64::from_le_bytes(chunk))
        {
            // Seen after each byte: at a letter or digit, yes; at a space,
            // no; at anything else, as before it. An addition carries
            // "seen" up through each run of the others.
            let other = !(space | alnum) & 0xff;
            let from_below = (alnum << 1) | u32::from(seen);
            let carried = ((other + from_below) ^ other) & other;
            let after = (alnum | carried) & 0xff;
            let before = (after << 1) | u32::from(seen);
            count += (alnum & !before).count_ones() as usize;
            seen = after & 0x80 != 0;
            i += 8;
            continue;
        }
        let b = bytes[i];
        let (space, alnum) = if b < 0x80 {
            i += 1;
            (
                matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
                b.is_ascii_alphanumeric(),
            )
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            (c.is_whitespace(), !c.is_whitespace() && c.is_alphanumeric())
        };
        count += usize::from(alnum && !seen);
        seen = (seen || alnum) && !space;
    }
    count
}

/// Which of eight ASCII bytes (little-endian in `x`) are white space and
/// which letters or digits, one bit each (bit `i` for byte `i`); `None`
/// unless all eight are ASCII.
fn ascii_kinds(x: u64) -> Option<(u32, u32)> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    if x & HIGH != 0 {
        return None;
    }
    // Each byte below 0x80 with its high bit set, minus `n`, keeps that
    // bit when the byte is at least `n`; no byte borrows from the next.
    let set = x | HIGH;
    let at_least = |n: u8| set.wrapping_sub(ONES * u64::from(n)) & HIGH;
    let within = |v: u64, lo: u8, hi: u8| {
        let v = v | HIGH;
        v.wrapping_sub(ONES * u64::from(lo)) & !v.wrapping_sub(ONES * u64::from(hi + 1)) & HIGH
    };
    // A byte equal to `n`: its XOR with `n` is zero.
    let equal = |n: u8| {
        let v = x ^ (ONES * u64::from(n));
        !(((v & !HIGH) + !HIGH) | v | !HIGH) & HIGH
    };
    let space = equal(b' ') | (at_least(0x09) & !at_least(0x0e));
    // `| 0x20` makes capitals small (and nothing else a small letter).
    let alnum = within(x, b'0', b'9') | within(x | (ONES * 0x20), b'a', b'z');
    // The high bit of each byte, gathered into the low eight bits.
    let bits = |m: u64| ((m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u32;
    Some((bits(space), bits(alnum)))
}

/// The candidate closest to `word` by edit distance (insertions,
/// deletions, substitutions and swaps of two neighbours, each costing one),
/// when it is close enough to be a likely typo: at most a third of the
/// word's length, and at least 2, apart. For "did you mean" hints.
pub fn nearest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let w = word.to_lowercase();
    let limit = (w.chars().count() / 3).max(2);
    candidates
        .iter()
        .map(|c| (edit_distance(&w, &c.to_lowercase()), *c))
        .filter(|&(d, _)| d <= limit)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance (Levenshtein plus swaps of two
/// neighbouring letters), by chars: the one edit distance of the project's
/// "did you mean" hints and name lookups (search's typo matching has its
/// own bounded form in `search::words`).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * w];
    for (j, cell) in d.iter_mut().enumerate().take(w) {
        *cell = j;
    }
    for i in 1..=a.len() {
        d[i * w] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * w + j] + 1)
                .min(d[i * w + j - 1] + 1)
                .min(d[(i - 1) * w + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * w + j - 2] + 1);
            }
            d[i * w + j] = v;
        }
    }
    d[a.len() * w + b.len()]
}

/// Converts a byte offset in `s` to a char offset.
pub fn char_offset(s: &str, byte: usize) -> usize {
    s[..byte.min(s.len())].chars().count()
}

/// The end of `s` that fits in `max` (as `measure` counts it): when
/// anything is cut, the cut falls where a word starts and `…` marks it (a
/// single word longer than the room is cut inside). For left contexts.
pub fn tail_at_word(s: &str, max: usize, measure: impl Fn(&str) -> usize) -> String {
    if measure(s) <= max {
        return s.to_string();
    }
    let room = max.saturating_sub(measure("…"));
    if max == 0 {
        return String::new();
    }
    let Some(from) = s
        .char_indices()
        .map(|(i, _)| i)
        .find(|&i| measure(&s[i..]) <= room)
    else {
        return "…".to_string();
    };
    let at_word = s[..from].ends_with(char::is_whitespace);
    let start = match s[from..].find(char::is_whitespace) {
        _ if at_word => from,
        Some(j) if !s[from + j..].trim().is_empty() => from + j,
        _ => from,
    };
    format!("…{}", s[start..].trim_start())
}

/// The start of `s` that fits in `max` (as `measure` counts it): when
/// anything is cut, the cut falls where a word ends and `…` marks it (a
/// single word longer than the room is cut inside). For right contexts.
pub fn head_at_word(s: &str, max: usize, measure: impl Fn(&str) -> usize) -> String {
    if measure(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let room = max.saturating_sub(measure("…"));
    let mut to = 0;
    for (i, c) in s.char_indices() {
        let end = i + c.len_utf8();
        if measure(&s[..end]) > room {
            break;
        }
        to = end;
    }
    let at_word = s[to..].starts_with(char::is_whitespace);
    let end = match s[..to].rfind(char::is_whitespace) {
        _ if at_word => to,
        Some(j) if !s[..j].trim().is_empty() => j,
        _ => to,
    };
    format!("{}…", s[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    #[test]
    fn contexts_are_cut_where_words_start_and_end() {
        let chars = |s: &str| s.chars().count();
        let s = "the Kremlin’s spokesman said";
        assert_eq!(tail_at_word(s, 100, chars), s);
        assert_eq!(tail_at_word(s, 16, chars), "…spokesman said");
        assert_eq!(tail_at_word(s, 15, chars), "…spokesman said");
        assert_eq!(tail_at_word(s, 12, chars), "…said");
        assert_eq!(tail_at_word("unbreakable", 5, chars), "…able");
        assert_eq!(tail_at_word(s, 0, chars), "");
        assert_eq!(head_at_word(s, 100, chars), s);
        assert_eq!(head_at_word(s, 15, chars), "the Kremlin’s…");
        assert_eq!(head_at_word(s, 14, chars), "the Kremlin’s…");
        assert_eq!(head_at_word(s, 10, chars), "the…");
        assert_eq!(head_at_word("unbreakable", 5, chars), "unbr…");
        for max in 0..40 {
            assert!(chars(&tail_at_word(s, max, chars)) <= max, "{max}");
            assert!(chars(&head_at_word(s, max, chars)) <= max, "{max}");
        }
    }

    #[test]
    fn sanitise_removes_whole_escape_sequences_and_c1() {
        let s = sanitise("a\u{1b}[31mred\u{7}\u{9b}2Jb\u{0}c");
        assert_eq!(s, "aredbc");
        assert!(is_sanitised(&s));
        for (raw, clean) in [
            // OSC 52 (clipboard), ended by BEL or by ST.
            ("x\u{1b}]52;c;aGVsbG8=\u{7}y", "xy"),
            ("x\u{1b}]52;c;aGVsbG8=\u{1b}\\y", "xy"),
            // An OSC 8 hyperlink keeps its visible text.
            (
                "\u{1b}]8;;http://e.x\u{1b}\\link\u{1b}]8;;\u{1b}\\.",
                "link.",
            ),
            // CSI with private parameters and intermediates.
            ("a\u{1b}[?1049hb\u{1b}[2 qc", "abc"),
            // DCS, SOS, PM, APC up to ST.
            (
                "a\u{1b}Ptmux;evil\u{1b}\\b\u{1b}Xs\u{1b}\\c\u{1b}^p\u{1b}\\d\u{1b}_a\u{1b}\\e",
                "abcde",
            ),
            // The 8-bit forms: CSI, OSC ended by ST (U+009C), DCS, APC.
            (
                "a\u{9b}31mb\u{9d}0;title\u{9c}c\u{90}q\u{9c}d\u{9f}x\u{7}e",
                "abcde",
            ),
            // Short sequences: charset, save cursor, reset, index.
            ("a\u{1b}(Bb\u{1b}7c\u{1b}cd\u{1b}#8e", "abcde"),
            // CAN cancels a string; a new ESC ends it and starts its own.
            ("a\u{1b}]0;t\u{18}b\u{1b}]0;t\u{1b}[1mc", "abc"),
            // Unterminated: the string ends with its line, the rest stays.
            ("a\u{1b}]52;c;aGVsbG8=\nnext line", "a\nnext line"),
            ("a\u{1b}]0;never ended", "a"),
            // A lone ESC, or one before a non-ASCII letter, goes alone.
            ("a\u{1b}", "a"),
            ("a\u{1b}é", "aé"),
            ("a\u{1b}[", "a"),
            ("a\u{1b}[12", "a"),
            ("a\u{1b}[1\u{7f}m", "am"),
        ] {
            let s = sanitise(raw);
            assert_eq!(s, clean, "{raw:?}");
            assert!(is_sanitised(&s), "{raw:?}");
        }
    }

    #[test]
    fn sanitise_removes_bidi_controls_and_keeps_right_to_left_text() {
        // "Trojan Source": an override that would show the text reversed.
        let s = sanitise("access \u{202e}level\u{202c} admin \u{2066}x\u{2069}");
        assert_eq!(s, "access level admin x");
        for c in ['\u{202a}', '\u{202b}', '\u{202d}', '\u{2067}', '\u{2068}'] {
            assert_eq!(sanitise(&format!("a{c}b")), "ab", "{c:?}");
        }
        assert_eq!(sanitise("a\u{200e}b\u{200f}c\u{61c}d"), "abcd");
        assert!(!is_sanitised("a\u{202e}b"));
        // Arabic and Hebrew letters, and characters next to the removed
        // ones in UTF-8 (U+061B Arabic semicolon, U+200D ZWJ, U+2010
        // hyphen, U+2029, U+202F), are kept.
        let rtl = "مرحبا بالعالم؛ שלום עולם \u{200d}\u{2010}\u{2029}\u{202f}";
        assert_eq!(sanitise(rtl), rtl);
        assert!(matches!(sanitise_cow(rtl), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn the_quick_check_agrees_with_the_full_pass_for_every_character() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            let kept = c == '\n' || c == '\t' || !(is_control(c) || is_bidi_control(c));
            assert_eq!(needs_cleaning(s.as_bytes()), !kept, "{c:?}");
            assert_eq!(sanitise(&s) == s, kept, "{c:?}");
        }
    }

    #[test]
    fn whatever_needs_cleaning_is_found_at_any_place_in_a_run_of_eight() {
        // The quick check reads eight bytes at a time: every offset of a
        // character to remove, and of characters to keep.
        let bad = [
            "\u{1b}", "\r", "\u{0}", "\u{7f}", "\u{85}", "\u{9b}", "\u{61c}", "\u{200f}",
            "\u{202e}", "\u{2066}",
        ];
        let fine = ["\n", "\t", "’", "é", "\u{a0}", "\u{2010}", "~", "москва"];
        for pad in 0..20 {
            let before = "a".repeat(pad);
            for b in bad {
                let s = format!("{before}{b} and after");
                assert!(matches!(sanitise_cow(&s), Cow::Owned(_)), "{s:?}");
                assert_ne!(sanitise(&s), s, "{s:?}");
            }
            for f in fine {
                let s = format!("{before}{f} and after{before}");
                assert!(matches!(sanitise_cow(&s), Cow::Borrowed(_)), "{s:?}");
            }
        }
    }

    #[test]
    fn sanitise_keeps_text_as_written() {
        let t = "Russia’s “role” – Lachin\u{a0}corridor, Հայերեն, Русский\tx\ny";
        assert_eq!(sanitise(t), t);
    }

    #[test]
    fn sanitise_normalises_line_endings_and_bom() {
        assert_eq!(sanitise("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn fold_case_accents_quotes_dashes_spaces() {
        assert_eq!(fold_str("Canbäck"), "canback");
        assert_eq!(fold_str("Russia’s"), "russia's");
        assert_eq!(fold_str("“quoted”"), "\"quoted\"");
        assert_eq!(fold_str("19–20 — x"), "19-20 - x");
        assert_eq!(fold_str("Lachin\u{a0}corridor"), "lachin corridor");
        assert_eq!(fold_str("ÉLYSÉE"), "elysee");
        assert_eq!(fold_str("Straße"), "strasse");
        assert_eq!(fold_str("Москва"), "москва");
        assert_eq!(fold_str("soft\u{ad}hyphen"), "softhyphen");
    }

    #[test]
    fn fold_maps_back_to_display_positions() {
        let s = "Rasmus Canbäck, Russia’s man";
        let f = fold(s);
        assert_eq!(f.text, "rasmus canback, russia's man");
        let i = f.text.find("canback").unwrap();
        let r = f.range_to_display(i..i + "canback".len());
        assert_eq!(&s[r], "Canbäck");
        let i = f.text.find("russia's").unwrap();
        let r = f.range_to_display(i..i + "russia's".len());
        assert_eq!(&s[r], "Russia’s");
        let i = f.text.find("man").unwrap();
        assert_eq!(&s[f.range_to_display(i..i + 3)], "man");
    }

    #[test]
    fn fold_map_handles_expansions_and_removals() {
        let s = "a…b soft\u{ad}ware ß!";
        let f = fold(s);
        assert_eq!(f.text, "a...b software ss!");
        let i = f.text.find('b').unwrap();
        assert_eq!(&s[f.range_to_display(i..i + 1)], "b");
        let i = f.text.find("software").unwrap();
        assert_eq!(&s[f.range_to_display(i..i + 8)], "soft\u{ad}ware");
        let i = f.text.find('!').unwrap();
        assert_eq!(&s[f.range_to_display(i..i + 1)], "!");
        // Every folded char boundary maps to an original char boundary.
        for (fi, _) in f.text.char_indices() {
            assert!(s.is_char_boundary(f.to_display(fi)));
        }
    }

    #[test]
    fn fold_into_gives_the_text_fold_gives_piece_by_piece() {
        let pieces = [
            "Rasmus Canbäck’s note",
            "Straße ÆSIR œuvre …",
            "\u{ad}",
            "",
            "İstanbul ıI Ǆ ﬁnance",
            "e\u{301}te\u{301} Москва",
            "soft\u{ad}ware\u{200b}",
        ];
        let whole = pieces.join("\n\n");
        let mut out = String::from("kept ");
        fold_into(&whole, &mut out);
        assert_eq!(out, format!("kept {}", fold(&whole).text));
        // Folding goes char by char: the pieces folded alone and joined
        // again are the whole folded.
        let mut joined = String::new();
        for (i, p) in pieces.iter().enumerate() {
            if i > 0 {
                joined.push_str("\n\n");
            }
            fold_into(p, &mut joined);
        }
        assert_eq!(joined, fold(&whole).text);
    }

    #[test]
    fn nearest_finds_typos_and_nothing_far() {
        let known = ["mouse", "keys"];
        assert_eq!(nearest("mosue", &known), Some("mouse"));
        assert_eq!(nearest("Mouse", &known), Some("mouse"));
        assert_eq!(nearest("mice", &known), None);
        assert_eq!(nearest("key", &known), Some("keys"));
        assert_eq!(nearest("kyes", &known), Some("keys"));
        assert_eq!(nearest("search", &known), None);
        assert_eq!(nearest("", &known), None);
    }

    #[test]
    fn word_count_ignores_punctuation_tokens() {
        assert_eq!(word_count("One, two – three ‘4’ ."), 4);
        for s in [
            "",
            " ",
            "a",
            " a ",
            "a\u{a0}b – c\u{2003}d\n\ne\tf",
            "москва, ереван …",
            "x\u{0b}y",
            "Russia’s 1,960 troops (in 2020) – said: \"no\"... ok?",
            "--- ,,, --- a ... b\r\nc\x0c\x0cd\u{1}e",
        ] {
            let slow = s
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(word_count(s), slow, "{s:?}");
        }
    }

    #[test]
    fn word_count_agrees_with_splitting_at_every_offset() {
        // Eight bytes are counted at once: every text shifted by one byte
        // at a time, so that every kind of byte meets every place in them.
        let text = "Russia’s peacekeeping   mandate,in Nagorno-Karabakh -- (1,960) \
                    — «Ереван» x\u{a0}y\tz\n\n... A.B. 12 - , !! ab9 é!";
        for pad in ["", " ", "-", "a", ".-", "ab", "  x", ",,,,,,,,,"] {
            for start in 0..text.len() {
                let Some(tail) = text.get(start..) else {
                    continue;
                };
                let s = format!("{pad}{tail}");
                let slow = s
                    .split_whitespace()
                    .filter(|w| w.chars().any(char::is_alphanumeric))
                    .count();
                assert_eq!(word_count(&s), slow, "{s:?}");
            }
        }
        let every: String = (0u8..128).map(char::from).collect();
        for start in 0..every.len() {
            let s = &every[start..];
            let slow = s
                .split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count();
            assert_eq!(word_count(s), slow, "{s:?}");
        }
    }
}
