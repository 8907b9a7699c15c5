//! Boilerplate removal for plain-text articles copied from web pages: which
//! blocks are the article and which are the page around it (menus, tickers,
//! "Subscribe" boxes, footers, related-post lists), and the title, byline
//! and date found among the furniture.
//!
//! The classifier follows jusText: each block is first judged on its own
//! (length, share of stop words, sentence shape, tell-tale phrases, a
//! copyright sign, whether it recurs in other files of the folder or earlier
//! in the same file), then short and doubtful blocks take the class of the
//! prose around them. Blocks outside the article's run of prose, or after a
//! "Related Posts"-style marker, are furniture.
//!
//! Nothing is lost: every dropped block is kept, in order, with the reason,
//! as a [`Hidden`] block of the article. When no block reads as prose (a
//! short note, a language the stop-word list does not cover) nothing is
//! dropped at all. This module only decides: it never reads files and knows
//! nothing of the terminal.

mod classify;
mod features;
mod head;
mod pull_quote;

pub use head::{author_of_byline, headline_of};
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};

use super::PassageKind;

/// One block of a body, as the cleaner sees it.
#[derive(Debug, Clone)]
pub struct Block {
    /// The text, its lines joined by spaces.
    pub text: String,
    /// Paragraph, heading or quote, as marked in the file.
    pub kind: PassageKind,
}

/// Why a block is not shown as part of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// The line became the article's title.
    Title,
    /// A page title ("Headline - Site") whose headline is the title.
    PageTitle,
    /// A byline ("By …", "Author: …"), moved to the metadata line.
    Byline,
    /// A date line, moved to the metadata line.
    Date,
    /// A copyright line or a photo credit ("© …").
    Copyright,
    /// A phrase of page furniture ("Subscribe", "Related Posts", "Share").
    Boilerplate,
    /// The same block appears in other files of the folder (a site footer).
    Repeated,
    /// The same block appears earlier in this article.
    Duplicate,
    /// A short line away from the prose (a menu item, a ticker, a tag).
    Short,
    /// Few stop words for its length: a list, a menu or a foreign-language
    /// block rather than prose.
    NotProse,
    /// Mostly digits and symbols.
    NotText,
    /// After the end of the article ("Related Posts", "Latest", comments).
    AfterEnd,
    /// A pull quote: words of a nearby paragraph set apart.
    PullQuote,
}

impl Reason {
    /// A short explanation for people.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::Title => "used as the title",
            Reason::PageTitle => "the page's title line (site name removed for the title)",
            Reason::Byline => "byline, shown in the metadata line",
            Reason::Date => "date, shown in the metadata line",
            Reason::Copyright => "copyright line or photo credit",
            Reason::Boilerplate => "page furniture (subscribe, share, sign in, ...)",
            Reason::Repeated => "repeats in other files of the folder",
            Reason::Duplicate => "repeats an earlier block of this article",
            Reason::Short => "short line away from the article's prose (menu, ticker, tag)",
            Reason::NotProse => "few stop words for its length: a list or menu, not prose",
            Reason::NotText => "mostly digits and symbols",
            Reason::AfterEnd => "after the end of the article",
            Reason::PullQuote => "pull quote: repeats words of a nearby paragraph",
        }
    }
}

/// A block of the file that is not shown as article text, kept so that it
/// can be shown on demand.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Hidden {
    /// The number of shown passages before it: 0 when it comes before the
    /// first passage. Showing hidden blocks never renumbers the passages.
    pub after: usize,
    /// The block's text.
    pub text: String,
    /// Why it is hidden.
    pub reason: Reason,
}

/// What the cleaner decided for a body.
#[derive(Debug, Clone, Default)]
pub struct Verdict {
    /// Per block: `None` to keep it, or why it is hidden.
    pub drop: Vec<Option<Reason>>,
    /// The title, when one was found.
    pub title: Option<String>,
    /// Author from a byline.
    pub author: Option<String>,
    /// Date from a date line, ISO `YYYY-MM-DD` when day, month and year are
    /// all given.
    pub date: Option<String>,
    /// Publisher from a copyright line with a year.
    pub source: Option<String>,
}

/// How often each block recurs across the files of a folder, counted before
/// the files are cleaned: a block found in several files is a site's
/// furniture, not one article's text.
#[derive(Debug, Clone, Default)]
pub struct Repeats {
    files: HashMap<u64, u32>,
}

impl Repeats {
    /// Counts the blocks of these bodies (one per file).
    pub fn count<'a>(bodies: impl IntoIterator<Item = &'a str>) -> Repeats {
        let keys: Vec<Vec<u64>> = bodies.into_iter().map(Repeats::keys_of).collect();
        Repeats::from_keys(keys.iter().map(Vec::as_slice))
    }

    /// The keys of one body's blocks that can count as repeats (only short
    /// blocks do: see `classify`), each once, in order: exactly the keys
    /// the cleaner looks up when it cleans that body. Callers may compute
    /// these per file on several threads, then [`Repeats::from_keys`]; they
    /// are the same from one run (and build) of dossier to the next, so
    /// they may be kept.
    pub fn keys_of(body: &str) -> Vec<u64> {
        let mut keys: Vec<u64> = blocks_of(body)
            .iter()
            .filter(|b| b.text.len() < 4 * classify::REPEAT_MAX_CHARS)
            .filter(|b| b.text.chars().count() < classify::REPEAT_MAX_CHARS)
            .map(|b| key(&b.text))
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys
    }

    /// Puts together the keys of each file.
    pub fn from_keys<'a>(per_file: impl IntoIterator<Item = &'a [u64]>) -> Repeats {
        let mut files: HashMap<u64, u32> = HashMap::new();
        for keys in per_file {
            for &k in keys {
                *files.entry(k).or_default() += 1;
            }
        }
        Repeats { files }
    }

    /// In how many files this block text appears.
    pub fn files(&self, text: &str) -> u32 {
        self.files.get(&key(text)).copied().unwrap_or(0)
    }

    /// The keys that are repeats in one count and not in the other: a file
    /// holding none of them is cleaned the same with either count.
    pub fn flipped(&self, other: &Repeats) -> HashSet<u64> {
        let repeated =
            |r: &Repeats, k: &u64| r.files.get(k).is_some_and(|n| *n >= classify::REPEAT_FILES);
        self.files
            .keys()
            .chain(other.files.keys())
            .filter(|k| repeated(self, k) != repeated(other, k))
            .copied()
            .collect()
    }
}

/// A block's identity for repetition: its letters and digits, lower-cased,
/// hashed (xxh3: the same on every build, so keys can be kept on disk).
fn key(text: &str) -> u64 {
    let folded: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    xxhash_rust::xxh3::xxh3_64(folded.as_bytes())
}

/// Splits a body (after any header) into the blocks the cleaner judges:
/// the file's blank-line blocks, and within a block each line on its own
/// unless the block is one hard-wrapped paragraph (a copied page puts
/// menu items and tickers on lines of their own).
pub fn blocks_of(body: &str) -> Vec<Block> {
    let one_per_line = super::blocks::is_one_per_line(body);
    let mut out = Vec::new();
    super::blocks::for_each_block(body, one_per_line, |parts, kind| {
        if parts.len() == 1 || hard_wrapped(parts) {
            out.push(Block {
                text: parts.join(" "),
                kind,
            });
        } else {
            for (i, p) in parts.iter().enumerate() {
                let kind = match kind {
                    PassageKind::Heading if i > 0 => PassageKind::Paragraph,
                    k => k,
                };
                out.push(Block {
                    text: p.to_string(),
                    kind,
                });
            }
        }
    });
    out
}

/// True when the lines of a block read as one paragraph wrapped at a fixed
/// width: every line but the last is long, and none starts with a bullet.
fn hard_wrapped(lines: &[&str]) -> bool {
    let bullet = |l: &&str| l.starts_with(['•', '*', '-', '·', '▪', '–']);
    let (last, rest) = lines.split_last().expect("at least one line");
    let sentence_ends = rest.iter().filter(|l| ends_sentence(l)).count();
    !bullet(last)
        && rest.iter().all(|l| !bullet(l) && l.chars().count() >= 55)
        && sentence_ends * 2 <= rest.len()
}

fn ends_sentence(l: &str) -> bool {
    l.trim_end()
        .ends_with(['.', '!', '?', '"', '”', '’', ')', '…', ':'])
}

/// Decides which blocks are the article, and finds title, byline and date.
/// `repeats` is the folder-wide count, when the article is part of one.
pub fn clean(blocks: &[Block], repeats: Option<&Repeats>) -> Verdict {
    let feats: Vec<features::Features> = blocks.iter().map(|b| features::of(&b.text)).collect();
    let Some(mut drop) = classify::classify(blocks, &feats, repeats) else {
        return Verdict {
            drop: vec![None; blocks.len()],
            ..Verdict::default()
        };
    };
    let mut v = Verdict::default();
    head::find(blocks, &feats, &mut drop, &mut v);
    pull_quote::mark(blocks, &mut drop);
    v.drop = drop;
    v
}
