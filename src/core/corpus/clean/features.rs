//! What a block carries without markup: length, words, the share of stop
//! words, sentence shape, letters against digits, and tell-tale phrases.

use std::collections::HashSet;
use std::sync::OnceLock;

/// The measures of one block.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Characters.
    pub chars: usize,
    /// Words (runs of letters or digits).
    pub words: usize,
    /// Share of the words that are stop words (0 to 1).
    pub stop_density: f32,
    /// Share of the characters that are letters (0 to 1).
    pub letter_share: f32,
    /// Ends like a sentence (`.`, `!`, `?`, a closing quote).
    pub ends_sentence: bool,
    /// Starts with a bullet.
    pub bullet: bool,
    /// Holds a copyright sign or "Copyright".
    pub copyright: bool,
    /// A phrase of page furniture: "Subscribe to…", "Sign in", "Share".
    pub furniture: bool,
    /// A marker after which a page lists other pages: "Related Posts".
    pub end_marker: bool,
    /// A note or reference: starts with `[1]`.
    pub footnote: bool,
    /// Three or more words, every one capitalised, none a stop word: a
    /// menu ("Home World Politics"), a language switch.
    pub capital_run: bool,
}

/// Stop words, from the data file beside this module.
fn stop_words() -> &'static HashSet<&'static str> {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        include_str!("stopwords-en.txt")
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.trim().trim_end_matches([',', '.']))
            .filter(|l| !l.is_empty())
            .collect()
    })
}

/// True for a stop word ("the", "of", "which"), given lower-cased.
pub fn is_stop_word(word: &str) -> bool {
    stop_words().contains(word)
}

/// Phrases that mark a short block as furniture wherever it stands.
const FURNITURE: &[&str] = &[
    "subscribe",
    "newsletter",
    "sign in",
    "sign up",
    "log in",
    "cookie",
    "all rights reserved",
    "privacy policy",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "your browser",
    "browser is out",
    "update your browser",
    "браузер",
    "donate",
    "follow us",
    "share this",
    "share on",
    "share article",
    "advertisement",
    "skip to",
    "click here",
    "read more",
    "print edition",
    "contact us",
    "about us",
    "download the app",
    "google chrome",
];

/// Appeals for money or sign-ups that mark a block as furniture even when
/// it is long.
const APPEALS: &[&str] = &[
    "donate now",
    "make a donation",
    "yearly donation",
    "monthly donation",
    "support our work",
    "support independent journalism",
    "subscribe now",
    "subscribe to our",
    "sign up for our newsletter",
    "become a member",
];

/// Lines after which a page lists other pages, not the article.
const END_MARKERS: &[&str] = &[
    "related posts",
    "related articles",
    "related stories",
    "related content",
    "related",
    "latest",
    "latest news",
    "more from",
    "more stories",
    "read next",
    "you may also like",
    "you might also like",
    "recommended",
    "recommended for you",
    "most popular",
    "most read",
    "comments",
    "leave a comment",
    "leave a reply",
    "trending",
];

/// Measures a block.
pub fn of(text: &str) -> Features {
    let stop = stop_words();
    let (mut words, mut stops, mut capitals) = (0usize, 0usize, 0usize);
    for w in text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if w.chars().next().is_some_and(|c| !c.is_lowercase()) {
            capitals += 1;
        }
        let lower = w.to_lowercase().replace('’', "'");
        if stop.contains(lower.as_str()) {
            stops += 1;
        }
    }
    let chars = text.chars().count();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let non_space = text.chars().filter(|c| !c.is_whitespace()).count().max(1);
    let lower = text.to_lowercase();
    let short = chars < 200;
    let bare = lower
        .trim()
        .trim_end_matches([':', '.', '!', '»', '›', '>', ' '])
        .trim();
    Features {
        chars,
        words,
        stop_density: if words == 0 {
            0.0
        } else {
            stops as f32 / words as f32
        },
        letter_share: letters as f32 / non_space as f32,
        ends_sentence: super::ends_sentence(text),
        bullet: text.starts_with(['•', '*', '·', '▪']),
        copyright: text.contains('©') || lower.starts_with("copyright"),
        furniture: (short && FURNITURE.iter().any(|p| lower.contains(p)))
            || (chars < 1000 && APPEALS.iter().any(|p| lower.contains(p))),
        end_marker: END_MARKERS.contains(&bare),
        footnote: text.starts_with('[') && text[1..].starts_with(|c: char| c.is_ascii_digit()),
        capital_run: words >= 3 && stops == 0 && capitals == words && short,
    }
}
