//! Article or furniture, block by block: jusText's context-free classes
//! (from length and stop-word share), then context: short and doubtful
//! blocks take the class of the prose around them, and what lies after an
//! end marker ("Related Posts") is furniture.

use std::collections::HashSet;

use super::features::Features;
use super::{Block, Reason, Repeats, key};

/// Below this many characters a block is "short": too little to judge alone.
const LENGTH_LOW: usize = 70;
/// Above this many characters, a block with enough stop words is prose.
const LENGTH_HIGH: usize = 200;
/// Stop-word share at which a block may be prose.
const STOPWORDS_LOW: f32 = 0.30;
/// Stop-word share at which a long block is prose.
const STOPWORDS_HIGH: f32 = 0.32;
/// Without any long block of prose, this many near-prose blocks make an
/// article of short paragraphs.
const MIN_SHORT_PROSE: usize = 3;
/// A short heading-like block this close (in characters) before prose is
/// part of the article.
const MAX_HEADING_DISTANCE: usize = 200;
/// A block shorter than this found in at least [`REPEAT_FILES`] files of the
/// folder, or earlier in the same file, is furniture.
pub(super) const REPEAT_MAX_CHARS: usize = 300;
/// See [`REPEAT_MAX_CHARS`].
pub(super) const REPEAT_FILES: u32 = 3;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Class {
    Good,
    NearGood,
    Short,
    Bad(Reason),
}

/// Per block, `None` (article) or the reason it is furniture; `None` as a
/// whole when no block reads as prose, so that nothing should be dropped.
pub fn classify(
    blocks: &[Block],
    feats: &[Features],
    repeats: Option<&Repeats>,
) -> Option<Vec<Option<Reason>>> {
    let mut seen = HashSet::new();
    let first: Vec<Class> = blocks
        .iter()
        .zip(feats)
        .map(|(b, f)| {
            // Only short blocks: a long paragraph said twice is still text.
            let fresh = seen.insert(key(&b.text)) || f.chars >= REPEAT_MAX_CHARS;
            let repeated = repeats
                .is_some_and(|r| f.chars < REPEAT_MAX_CHARS && r.files(&b.text) >= REPEAT_FILES);
            context_free(f, fresh, repeated)
        })
        .collect();
    let mut first = first;
    if !first.contains(&Class::Good) {
        // A page of one-sentence paragraphs (much of today's news) has no
        // long block: its near-prose blocks are its prose, when there are
        // enough of them to be an article rather than a stray caption.
        if first.iter().filter(|c| **c == Class::NearGood).count() < MIN_SHORT_PROSE {
            return None;
        }
        for c in &mut first {
            if *c == Class::NearGood {
                *c = Class::Good;
            }
        }
    }
    let mut class = first.clone();
    // Headings: a short block shaped like a title just before prose.
    for i in 0..blocks.len() {
        if class[i] == Class::Short && heading_like(&blocks[i], &feats[i]) {
            let mut distance = 0;
            for j in i + 1..blocks.len() {
                if first[j] == Class::Good {
                    class[i] = Class::NearGood;
                    break;
                }
                distance += feats[j].chars;
                if distance > MAX_HEADING_DISTANCE || matches!(first[j], Class::Bad(_)) {
                    break;
                }
            }
        }
    }
    // Short blocks take the class of their neighbours (jusText's rules).
    let snapshot = class.clone();
    for i in 0..blocks.len() {
        if snapshot[i] != Class::Short {
            continue;
        }
        let prev = neighbour(&snapshot, i, -1, true);
        let next = neighbour(&snapshot, i, 1, true);
        class[i] = match (prev, next) {
            (Class::Good, Class::Good) => Class::Good,
            (Class::Bad(_), Class::Bad(_)) => Class::Bad(Reason::Short),
            (Class::Bad(_), _) if neighbour(&snapshot, i, -1, false) == Class::NearGood => {
                Class::Good
            }
            (_, Class::Bad(_)) if neighbour(&snapshot, i, 1, false) == Class::NearGood => {
                Class::Good
            }
            _ => Class::Bad(Reason::Short),
        };
    }
    // Doubtful blocks: article unless furniture lies on both sides.
    let snapshot = class.clone();
    for i in 0..blocks.len() {
        if snapshot[i] != Class::NearGood {
            continue;
        }
        let prev = neighbour(&snapshot, i, -1, true);
        let next = neighbour(&snapshot, i, 1, true);
        class[i] = match (prev, next) {
            (Class::Bad(_), Class::Bad(_)) => Class::Bad(Reason::NotProse),
            _ => Class::Good,
        };
    }
    // After an end marker, unless more prose follows than came before.
    if let Some(m) = feats.iter().position(|f| f.end_marker) {
        let good_chars = |r: std::ops::Range<usize>| -> usize {
            r.filter(|&i| first[i] == Class::Good)
                .map(|i| feats[i].chars)
                .sum()
        };
        if good_chars(0..m) > good_chars(m..blocks.len()) {
            for c in &mut class[m..] {
                if !matches!(c, Class::Bad(_)) {
                    *c = Class::Bad(Reason::AfterEnd);
                }
            }
            class[m] = Class::Bad(Reason::AfterEnd);
        }
    }
    Some(
        class
            .into_iter()
            .map(|c| match c {
                Class::Bad(r) => Some(r),
                _ => None,
            })
            .collect(),
    )
}

fn context_free(f: &Features, fresh: bool, repeated: bool) -> Class {
    if !fresh {
        Class::Bad(Reason::Duplicate)
    } else if repeated {
        Class::Bad(Reason::Repeated)
    } else if f.copyright && f.chars < LENGTH_HIGH {
        Class::Bad(Reason::Copyright)
    } else if f.furniture {
        Class::Bad(Reason::Boilerplate)
    } else if f.end_marker {
        Class::Bad(Reason::AfterEnd)
    } else if f.footnote {
        Class::NearGood
    } else if f.capital_run {
        Class::Bad(Reason::Short)
    } else if f.letter_share < 0.5 {
        Class::Bad(Reason::NotText)
    } else if f.chars < LENGTH_LOW {
        Class::Short
    } else if f.stop_density >= STOPWORDS_HIGH {
        if f.chars > LENGTH_HIGH {
            Class::Good
        } else {
            Class::NearGood
        }
    } else if f.stop_density >= STOPWORDS_LOW {
        Class::NearGood
    } else if f.chars < LENGTH_HIGH && !f.ends_sentence {
        // A sub-heading or a headline: judged by its place.
        Class::Short
    } else {
        Class::Bad(Reason::NotProse)
    }
}

/// A block that could be a sub-heading: a few words, capitalised, no
/// sentence end, not a bullet.
fn heading_like(b: &Block, f: &Features) -> bool {
    let capital = b.text.chars().next().is_some_and(char::is_uppercase);
    (2..=20).contains(&f.words) && capital && !f.bullet && !b.text.ends_with('.')
}

/// The class of the nearest good or bad block before (`step` -1) or after
/// (+1) block `i`; a near-good one counts too unless `ignore_neargood`.
/// The edges of the file count as bad.
fn neighbour(class: &[Class], i: usize, step: isize, ignore_neargood: bool) -> Class {
    let mut j = i as isize + step;
    while j >= 0 && (j as usize) < class.len() {
        match class[j as usize] {
            c @ (Class::Good | Class::Bad(_)) => return c,
            Class::NearGood if !ignore_neargood => return Class::NearGood,
            _ => {}
        }
        j += step;
    }
    Class::Bad(Reason::Short)
}
