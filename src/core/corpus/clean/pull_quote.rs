//! Pull quotes: a sentence of the article lifted out and set large beside
//! it, which a copied page turns into a paragraph of its own. Read as text
//! it says the same thing twice, and a search for its words lands on the
//! copy first (it is short, so every word weighs more).
//!
//! A kept block is a pull quote when a longer kept block near it (four
//! blocks either way) holds most of its words and many of its word pairs,
//! and it does not read as a sentence of its own (no closing punctuation)
//! unless it is a near-verbatim copy. Headings, short lines and blocks with
//! a price (deal lists repeat a product name in the text below it) are
//! never pull quotes. Measured on the Article Extraction Benchmark's pages:
//! the rule marks the pull quotes the pages have and three product names of
//! one deals page, and nothing else (see `tests/boilerplate.rs`).
//!
//! This module only decides; the block stays in the article's hidden
//! blocks with its reason.

use std::collections::HashSet;

use super::features::is_stop_word;
use super::{Block, PassageKind, Reason};

/// Blocks this far before or after are compared.
const REACH: usize = 4;
/// Word counts of a pull quote.
const MIN_WORDS: usize = 10;
const MAX_WORDS: usize = 60;
/// The neighbour must be this much longer (in words).
const LONGER: f32 = 1.5;
/// Share of the quote's content words found in the neighbour.
const WORDS_SHARED: f32 = 0.7;
/// Share of the quote's word pairs found in the neighbour.
const PAIRS_SHARED: f32 = 0.5;
/// With this share of pairs, a block ending like a sentence is a copy too.
const PAIRS_COPIED: f32 = 0.9;

/// Marks pull quotes among the kept blocks (`drop[i] == None`).
pub fn mark(blocks: &[Block], drop: &mut [Option<Reason>]) {
    let words: Vec<Vec<String>> = blocks.iter().map(|b| words_of(&b.text)).collect();
    let quotes: Vec<usize> = (0..blocks.len())
        .filter(|&i| drop[i].is_none() && is_pull_quote(blocks, &words, drop, i))
        .collect();
    for i in quotes {
        drop[i] = Some(Reason::PullQuote);
    }
}

fn is_pull_quote(
    blocks: &[Block],
    words: &[Vec<String>],
    drop: &[Option<Reason>],
    i: usize,
) -> bool {
    let (b, w) = (&blocks[i], &words[i]);
    if b.kind == PassageKind::Heading
        || !(MIN_WORDS..=MAX_WORDS).contains(&w.len())
        || b.text.contains(['$', '€', '£', '¥'])
    {
        return false;
    }
    let content: HashSet<&str> = w
        .iter()
        .map(String::as_str)
        .filter(|w| w.chars().count() > 2 && !is_stop_word(w))
        .collect();
    if content.len() < 4 {
        return false;
    }
    let pairs: HashSet<(&str, &str)> = w.windows(2).map(|p| (&*p[0], &*p[1])).collect();
    let ends_sentence = super::ends_sentence(&b.text);
    let lo = i.saturating_sub(REACH);
    let hi = (i + REACH + 1).min(blocks.len());
    (lo..hi)
        .filter(|&j| j != i && drop[j].is_none())
        .filter(|&j| words[j].len() as f32 >= w.len() as f32 * LONGER)
        .any(|j| {
            let other: HashSet<&str> = words[j].iter().map(String::as_str).collect();
            let other_pairs: HashSet<(&str, &str)> =
                words[j].windows(2).map(|p| (&*p[0], &*p[1])).collect();
            let shared =
                content.iter().filter(|w| other.contains(*w)).count() as f32 / content.len() as f32;
            let paired = pairs.iter().filter(|p| other_pairs.contains(*p)).count() as f32
                / pairs.len() as f32;
            shared >= WORDS_SHARED
                && paired >= PAIRS_SHARED
                && (!ends_sentence || paired >= PAIRS_COPIED)
        })
}

/// The words of a text, lower-cased (runs of letters and digits).
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}
