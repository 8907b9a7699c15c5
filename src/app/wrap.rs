//! Text layout, the one place for it: wrapping an article to a width,
//! keeping every wrapped line tied to the bytes of [`Article::text`] it
//! shows; the one word wrapper ([`wrap`], and [`wrap_lines`] for messages
//! and notes in a box) and the one truncator ([`fit`], [`fit_words`] at a
//! word's end, [`fitting_prefix`] for drawing code that styles each
//! grapheme).
//!
//! Widths are display columns (unicode-width), measured per grapheme
//! (unicode-segmentation), as the terminal draws them: curly quotes, NBSP,
//! Armenian and Cyrillic letters are one column, wide characters two, a
//! letter with combining accents one, an emoji sequence two. Lines break at
//! spaces and tabs and after dashes, never at a no-break space (U+00A0,
//! U+202F, U+2007); a word longer than the width is cut. Each passage is
//! wrapped on its own and passages are separated by one blank line.
//!
//! Because each [`WrappedLine`] knows its byte range, the reader can map a
//! passage, a search hit or a mention (all byte offsets) to a screen line
//! and back ([`Wrapped::line_at`]), and the drawing code can cut highlight
//! spans at line boundaries. This module only computes; it draws nothing.
//! Drawing code wraps and cuts text to a width with these, never with
//! loops of its own.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::core::{Article, PassageKind};

/// Columns a quote is indented by.
pub const QUOTE_INDENT: usize = 2;

/// One line of wrapped text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedLine {
    /// The bytes of [`Article::text`] on this line (trailing break spaces
    /// left out). A blank line between passages has an empty range at the
    /// end of the passage before it.
    pub range: Range<usize>,
    /// Index (0-based) of the passage the line belongs to; `None` for the
    /// blank line between passages.
    pub passage: Option<usize>,
    /// Columns of indentation before the text.
    pub indent: usize,
}

/// An article wrapped to one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    /// The index of the article in the corpus.
    pub article: usize,
    /// The width wrapped to, in columns.
    pub width: usize,
    /// The lines, top to bottom; their range starts strictly increase.
    pub lines: Vec<WrappedLine>,
    /// For each passage, the range of line indices it occupies.
    pub passage_lines: Vec<Range<usize>>,
}

impl Wrapped {
    /// Wraps `article` (corpus index `article_ix`) to `width` columns.
    pub fn new(article_ix: usize, article: &Article, width: usize) -> Wrapped {
        let width = width.max(1);
        let mut lines = Vec::new();
        let mut passage_lines = Vec::with_capacity(article.passages.len());
        for (pi, p) in article.passages.iter().enumerate() {
            if pi > 0 {
                let end = article.passages[pi - 1].range.end;
                lines.push(WrappedLine {
                    range: end..end,
                    passage: None,
                    indent: 0,
                });
            }
            let indent = if p.kind == PassageKind::Quote && width > QUOTE_INDENT + 8 {
                QUOTE_INDENT
            } else {
                0
            };
            let first = lines.len();
            for r in wrap(&article.text[p.range.clone()], width - indent) {
                lines.push(WrappedLine {
                    range: p.range.start + r.start..p.range.start + r.end,
                    passage: Some(pi),
                    indent,
                });
            }
            passage_lines.push(first..lines.len());
        }
        Wrapped {
            article: article_ix,
            width,
            lines,
            passage_lines,
        }
    }

    /// The line showing byte `at` of the article text (the last line that
    /// starts at or before it); 0 for an empty article.
    pub fn line_at(&self, at: usize) -> usize {
        self.lines
            .partition_point(|l| l.range.start <= at)
            .saturating_sub(1)
    }

    /// The byte a line starts at (the anchor kept across re-wrapping).
    pub fn anchor(&self, line: usize) -> usize {
        self.lines.get(line).map_or(0, |l| l.range.start)
    }
}

/// True for characters a line may break at (and that are dropped there);
/// they are drawn as one plain space.
pub fn is_break_space(c: char) -> bool {
    c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}')
}

/// True for characters a line may break after (kept on the line).
fn breaks_after(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '/')
}

/// The display width of a character (control characters count as 0, tabs
/// and other break spaces as 1 since they are drawn as one space).
pub fn char_width(c: char) -> usize {
    if is_break_space(c) {
        1
    } else {
        c.width().unwrap_or(0)
    }
}

/// The display width of one grapheme (what a reader sees as one
/// character: a letter with its combining accents, an emoji sequence), as
/// the terminal and ratatui draw it: one character as [`char_width`] counts
/// it, a sequence as a whole (`e` + U+0301 is 1 column, 👩‍🔬 is 2).
pub fn grapheme_width(g: &str) -> usize {
    let mut chars = g.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => char_width(c),
        (Some(c), Some(_)) if is_break_space(c) => 1,
        _ => g.width(),
    }
}

/// The graphemes of `s` with their byte offsets.
pub fn graphemes(s: &str) -> impl DoubleEndedIterator<Item = (usize, &str)> {
    s.grapheme_indices(true)
}

/// The display width of a string: the sum of its graphemes' widths.
pub fn str_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// Greedy word wrap of one paragraph: byte ranges of `s`, one per line,
/// each at most `width` columns wide (unless one character is wider);
/// never between the characters of one grapheme.
pub fn wrap(s: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut out = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // A place to break: (end of this line, start of the next).
    let mut brk: Option<(usize, usize)> = None;
    for (i, g) in graphemes(s) {
        let next = i + g.len();
        let c = g.chars().next().unwrap_or(' ');
        if is_break_space(c) {
            if i == start {
                // Break spaces at the start of a wrapped line are dropped.
                start = next;
                continue;
            }
            if used + 1 > width {
                out.push(start..i);
                start = next;
                used = 0;
                brk = None;
                continue;
            }
            brk = Some((i, next));
            used += 1;
            continue;
        }
        let w = grapheme_width(g);
        while used > 0 && used + w > width {
            match brk.take() {
                Some((end, resume)) if resume <= i => {
                    out.push(start..end);
                    start = resume;
                    used = str_width(&s[start..i]);
                }
                _ => {
                    out.push(start..i);
                    start = i;
                    used = 0;
                }
            }
        }
        used += w;
        if breaks_after(c) {
            brk = Some((next, next));
        }
    }
    let end = s.trim_end_matches(is_break_space).len();
    if start < end || out.is_empty() {
        out.push(start..end.max(start));
    }
    out
}

/// `s` in lines of at most `width` columns, as [`wrap`] breaks it, runs
/// of spaces and line breaks read as one space: for a message or a note
/// shown in a box.
pub fn wrap_lines(s: &str, width: usize) -> Vec<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        return Vec::new();
    }
    wrap(&s, width)
        .into_iter()
        .map(|r| s[r].to_string())
        .collect()
}

/// `s` cut to `width` display columns, with `…` when cut; break spaces
/// (tabs) become plain spaces. Graphemes are kept whole.
pub fn fit(s: &str, width: usize) -> String {
    cut(s, width, false)
}

/// As [`fit`], but a cut falls where a word ends (a single word longer than
/// the room is cut inside): for sentences, such as status-bar messages.
pub fn fit_words(s: &str, width: usize) -> String {
    cut(s, width, true)
}

/// The one truncation rule, behind [`fit`], [`fit_words`] and the drawing
/// code that styles each grapheme: how many bytes of `s` are shown in
/// `width` columns, leaving one for `…` when anything is cut, and whether
/// anything is (`at_word`: the cut falls where a word ends, unless one word
/// is longer than the room).
pub fn fitting_prefix(s: &str, width: usize, at_word: bool) -> (usize, bool) {
    let total = str_width(s);
    if total <= width {
        return (s.len(), false);
    }
    let room = width.saturating_sub(1);
    let mut end = 0;
    // Where the last space kept starts.
    let mut space = None;
    let mut used = 0;
    for (i, g) in graphemes(s) {
        let w = grapheme_width(g);
        let is_space = g.starts_with(is_break_space);
        if used + w > room {
            // A cut inside a word goes back to the space before it.
            if at_word
                && !is_space
                && let Some(at) = space
            {
                end = at;
            }
            break;
        }
        if is_space {
            space = Some(i);
        }
        used += w;
        end = i + g.len();
    }
    if at_word {
        end = s[..end].trim_end_matches(is_break_space).len();
    }
    (end, true)
}

/// [`fit`] or [`fit_words`]: the part that fits, break spaces drawn as
/// plain spaces, then `…` if cut.
fn cut(s: &str, width: usize, at_word: bool) -> String {
    let (end, cut) = fitting_prefix(s, width, at_word);
    let mut out: String = graphemes(&s[..end])
        .map(|(_, g)| {
            if g.starts_with(is_break_space) {
                " "
            } else {
                g
            }
        })
        .collect();
    if cut && width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(s: &str, width: usize) -> Vec<&str> {
        wrap(s, width).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn wraps_at_spaces_and_fits_the_width() {
        assert_eq!(
            lines("the quick brown fox jumps", 10),
            vec!["the quick", "brown fox", "jumps"]
        );
        assert_eq!(lines("short", 10), vec!["short"]);
        assert_eq!(lines("", 10), vec![""]);
    }

    #[test]
    fn long_words_are_cut_and_dashes_break() {
        assert_eq!(lines("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(
            lines("Nagorno-Karabakh war", 10),
            vec!["Nagorno-", "Karabakh", "war"]
        );
    }

    #[test]
    fn nbsp_does_not_break_and_counts_one_column() {
        // "the\u{a0}US" must stay together.
        let s = "about the\u{a0}US and";
        assert_eq!(lines(s, 8), vec!["about", "the\u{a0}US", "and"]);
        for r in wrap(s, 8) {
            assert!(str_width(&s[r]) <= 8);
        }
    }

    #[test]
    fn wide_scripts_and_curly_quotes_measure_by_display_width() {
        let s = "Russia’s “Հայաստան” Россия";
        for w in 1..30 {
            for r in wrap(s, w) {
                let piece = &s[r];
                assert!(
                    str_width(piece) <= w || piece.chars().count() == 1,
                    "{piece:?} wider than {w}"
                );
            }
        }
        assert_eq!(lines(s, 12), vec!["Russia’s", "“Հայաստան”", "Россия"]);
        // Wide (two-column) characters.
        assert_eq!(lines("日本語です", 4), vec!["日本", "語で", "す"]);
    }

    #[test]
    fn widths_count_graphemes_as_the_terminal_draws_them() {
        // A letter with a combining accent, a family of emoji joined by
        // ZWJ, a flag (two regional indicators), a skin tone.
        assert_eq!(str_width("Cafe\u{301}"), 4);
        assert_eq!(str_width("👩\u{200d}🔬"), 2);
        assert_eq!(str_width("🇦🇲"), 2);
        assert_eq!(str_width("👍🏽"), 2);
        assert_eq!(grapheme_width("\t"), 1);
        // Wrapping never splits a grapheme and measures it whole.
        let s = "e\u{301}e\u{301}e\u{301} 👩\u{200d}🔬👩\u{200d}🔬";
        assert_eq!(
            lines(s, 3),
            vec!["e\u{301}e\u{301}e\u{301}", "👩\u{200d}🔬", "👩\u{200d}🔬"]
        );
        assert_eq!(
            lines(s, 4),
            vec!["e\u{301}e\u{301}e\u{301}", "👩\u{200d}🔬👩\u{200d}🔬"]
        );
    }

    #[test]
    fn tabs_break_like_spaces() {
        assert_eq!(lines("one\ttwo three", 7), vec!["one\ttwo", "three"]);
    }

    #[test]
    fn ranges_cover_the_text_in_order() {
        let s =
            "Azerbaijan’s military operation in Nagorno-Karabakh (19–20 September), which forced";
        for w in 1..40 {
            let rs = wrap(s, w);
            for pair in rs.windows(2) {
                assert!(pair[0].end <= pair[1].start, "w={w} {rs:?}");
            }
            let joined: String = rs.iter().map(|r| s[r.clone()].replace(' ', "")).collect();
            assert_eq!(joined, s.replace(' ', ""), "w={w}");
        }
    }

    #[test]
    fn article_lines_map_back_to_passages() {
        let c = crate::core::Corpus::bundled();
        let a = &c.articles[0];
        let w = Wrapped::new(0, a, 50);
        assert_eq!(w.passage_lines.len(), a.passages.len());
        for (pi, p) in a.passages.iter().enumerate() {
            let first = w.passage_lines[pi].start;
            assert_eq!(w.lines[first].range.start, p.range.start);
            assert_eq!(w.line_at(p.range.start), first);
            // A byte in the middle of the passage maps into it.
            let mut mid = p.range.start + p.range.len() / 2;
            while !a.text.is_char_boundary(mid) {
                mid -= 1;
            }
            assert_eq!(w.lines[w.line_at(mid)].passage, Some(pi));
        }
        for pair in w.lines.windows(2) {
            assert!(pair[0].range.start < pair[1].range.start);
        }
        for (i, l) in w.lines.iter().enumerate() {
            assert_eq!(w.line_at(l.range.start), i);
            assert!(str_width(&a.text[l.range.clone()]) + l.indent <= 50);
        }
    }

    #[test]
    fn fit_truncates_by_display_width() {
        assert_eq!(fit("Russia’s role", 20), "Russia’s role");
        assert_eq!(fit("Russia’s role", 8), "Russia’…");
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(fit("a\tb", 5), "a b");
        assert_eq!(fit("abc", 0), "");
        assert_eq!(fit("abc", 1), "…");
        // Graphemes are kept whole and measured as drawn.
        assert_eq!(fit("Cafe\u{301} au lait", 5), "Cafe\u{301}…");
        assert_eq!(
            fit("👩\u{200d}🔬👩\u{200d}🔬x", 5),
            "👩\u{200d}🔬👩\u{200d}🔬x"
        );
        assert_eq!(fit("👩\u{200d}🔬👩\u{200d}🔬x", 4), "👩\u{200d}🔬…");
        assert_eq!(
            fit("👩\u{200d}🔬👩\u{200d}🔬", 4),
            "👩\u{200d}🔬👩\u{200d}🔬"
        );
    }

    #[test]
    fn fit_words_cuts_where_a_word_ends() {
        let m = "Not saved; your note is kept: Enter tries again";
        assert_eq!(fit_words(m, 80), m);
        assert_eq!(fit_words(m, 20), "Not saved; your…");
        assert_eq!(fit_words(m, 16), "Not saved; your…");
        assert_eq!(fit_words(m, 15), "Not saved;…");
        // One word longer than the room is cut inside.
        assert_eq!(fit_words("Nagorno-Karabakh", 8), "Nagorno…");
        assert_eq!(fit_words("a\tb c", 4), "a b…");
    }

    #[test]
    fn wrap_lines_break_at_words_and_read_runs_of_space_as_one() {
        assert_eq!(
            wrap_lines("one two  three\nfour", 9),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap_lines(" ", 9), Vec::<String>::new());
    }
}
