//! Matching a query against one short text by reading it word by word: for
//! titles, list items, the details of a hit (which words to highlight, which
//! sentence to show), and as the reference the index must agree with.

use std::ops::Range;

use fuzzy_matcher::skim::SkimMatcherV2;

use super::query::{Alternative, Query};
use super::rank::{At, Occ, Rank, Ranker, join};
use super::words::{Cost, Needle, Tiers, Word, word_cost, words};

/// A query with its words prepared for matching.
pub(crate) struct Prepared {
    /// Per term: negated?, and per alternative its needles.
    pub terms: Vec<(bool, Vec<Vec<Needle>>)>,
}

impl Prepared {
    pub fn new(query: &Query) -> Prepared {
        let terms = query
            .terms
            .iter()
            .map(|t| {
                let alts = t.alternatives.iter().map(needles).collect();
                (t.negated, alts)
            })
            .collect();
        Prepared { terms }
    }

    /// Positive terms, in query order.
    pub fn positive(&self) -> impl Iterator<Item = &Vec<Vec<Needle>>> {
        self.terms.iter().filter(|t| !t.0).map(|t| &t.1)
    }

    /// Negated terms.
    pub fn negative(&self) -> impl Iterator<Item = &Vec<Vec<Needle>>> {
        self.terms.iter().filter(|t| t.0).map(|t| &t.1)
    }
}

/// The needles of an alternative. In a phrase, a word of one letter (the
/// "s" of "russia's", the letters of "u.s.") matches only itself: as a
/// prefix it would match a good part of the vocabulary.
fn needles(a: &Alternative) -> Vec<Needle> {
    a.words
        .iter()
        .map(|w| {
            let one_letter = w.chars().nth(1).is_none();
            let tiers = if a.words.len() > 1 && one_letter {
                Tiers::EXACT
            } else {
                a.tiers
            };
            Needle::new(w, tiers)
        })
        .collect()
}

/// Where the query matched in a text.
pub(crate) struct TextMatch {
    /// Rank of the text.
    pub rank: Rank,
    /// Matched stretches (byte ranges in the folded text), with the positive
    /// term they belong to and how well it matched there.
    pub spans: Vec<(usize, Range<usize>, Cost)>,
    /// The positive terms that occur (indices in query order).
    pub matched: Vec<usize>,
}

/// Matches `query` against a folded text; `None` when a positive term is
/// missing or a negated one occurs.
pub(crate) fn match_text(
    folded: &str,
    query: &Prepared,
    matcher: &SkimMatcherV2,
) -> Option<TextMatch> {
    match_some(folded, query, matcher, false)
}

/// Like [`match_text`], but a missing positive term is only left out of
/// [`TextMatch::matched`] (`None` when none occurs, or a negated one does):
/// the details of a partial match.
pub(crate) fn match_partial(
    folded: &str,
    query: &Prepared,
    matcher: &SkimMatcherV2,
) -> Option<TextMatch> {
    match_some(folded, query, matcher, true)
}

fn match_some(
    folded: &str,
    query: &Prepared,
    matcher: &SkimMatcherV2,
    partial: bool,
) -> Option<TextMatch> {
    let cost = |[t, a, k]: [usize; 3], word: &str| {
        let needle = query.terms.get(t)?.1.get(a)?.get(k)?;
        word_cost(needle, word, matcher)
    };
    match_with(folded, query, partial, &cost)
}

/// How a text word matches the query word `[t, a, k]`: word `k` of
/// alternative `a` of term `t` of [`Prepared::terms`].
pub(crate) type WordCost<'a> = dyn Fn([usize; 3], &str) -> Option<Cost> + 'a;

/// [`match_text`] or [`match_partial`] with the cost of each word given by
/// `cost` (when the words each query word matches are already known).
pub(crate) fn match_with(
    folded: &str,
    query: &Prepared,
    partial: bool,
    cost: &WordCost<'_>,
) -> Option<TextMatch> {
    let tokens: Vec<Word<'_>> = words(folded).collect();
    let cost = |slot: [usize; 3], i: usize| cost(slot, &tokens[i].key);
    if excluded(tokens.len(), query, &cost) {
        return None;
    }
    let mut per_term: Vec<Vec<At>> = Vec::new();
    let mut spans = Vec::new();
    let mut matched = Vec::new();
    let positive = query.terms.iter().enumerate().filter(|(_, term)| !term.0);
    for (i, (t, (_, alts))) in positive.enumerate() {
        let mut all = Vec::new();
        for (a, alt) in alts.iter().enumerate() {
            for o in occurrences(tokens.len(), [t, a], alt.len(), &cost) {
                spans.push((i, highlight(&tokens, &o, alt), o.cost));
                all.push(o);
            }
        }
        if all.is_empty() {
            if partial {
                continue;
            }
            return None;
        }
        matched.push(i);
        per_term.push(all.iter().map(Occ::at).collect());
    }
    if partial && matched.is_empty() && query.positive().next().is_some() {
        return None;
    }
    let slices: Vec<&[At]> = per_term.iter().map(Vec::as_slice).collect();
    let rank = Ranker::default().rank(&slices, tokens.len() as u32);
    spans.sort_by_key(|s| (s.1.start, s.1.end));
    Some(TextMatch {
        rank,
        spans,
        matched,
    })
}

/// How the word at index `i` of a text matches the query word `[t, a, k]`
/// (see [`WordCost`]).
pub(crate) type TokenCost<'a> = dyn Fn([usize; 3], usize) -> Option<Cost> + 'a;

/// The rank of a text of `n` words for `query`, when `cost` says how each
/// of its words matches each query word: the rank [`match_with`] gives,
/// without the spans; `None` when a positive term is missing or a negated
/// one occurs. `ranker` is scratch space, kept between texts.
pub(crate) fn rank_words(
    n: usize,
    query: &Prepared,
    cost: &TokenCost<'_>,
    ranker: &mut Ranker,
) -> Option<Rank> {
    if excluded(n, query, cost) {
        return None;
    }
    let mut per_term: Vec<Vec<At>> = Vec::new();
    let positive = query.terms.iter().enumerate().filter(|(_, term)| !term.0);
    for (t, (_, alts)) in positive {
        let mut all: Vec<At> = Vec::new();
        for (a, alt) in alts.iter().enumerate() {
            all.extend(occurrences(n, [t, a], alt.len(), cost).iter().map(Occ::at));
        }
        if all.is_empty() {
            return None;
        }
        per_term.push(all);
    }
    let slices: Vec<&[At]> = per_term.iter().map(Vec::as_slice).collect();
    Some(ranker.rank(&slices, n as u32))
}

/// Whether a negated term of `query` occurs in a text of `n` words.
fn excluded(n: usize, query: &Prepared, cost: &TokenCost<'_>) -> bool {
    query.terms.iter().enumerate().any(|(t, (negated, alts))| {
        *negated && (0..alts.len()).any(|a| !occurrences(n, [t, a], alts[a].len(), cost).is_empty())
    })
}

/// Occurrences of alternative `a` of term `t` (`[t, a]`: `len` consecutive
/// words) in a text of `n` words.
fn occurrences(n: usize, [t, a]: [usize; 2], len: usize, cost: &TokenCost<'_>) -> Vec<Occ> {
    let mut occs: Option<Vec<Occ>> = None;
    for k in 0..len {
        let one: Vec<Occ> = (0..n)
            .filter_map(|i| {
                cost([t, a, k], i).map(|cost| Occ {
                    passage: 0,
                    pos: i as u32,
                    len: 1,
                    cost,
                })
            })
            .collect();
        occs = Some(match occs {
            None => one,
            Some(prev) => join(&prev, &one),
        });
        if occs.as_ref().is_some_and(Vec::is_empty) {
            break;
        }
    }
    occs.unwrap_or_default()
}

/// The folded bytes to highlight for an occurrence: the words it covers; for
/// a one-word prefix match, only the typed part.
fn highlight(tokens: &[Word<'_>], o: &Occ, needles: &[Needle]) -> Range<usize> {
    let first = &tokens[o.pos as usize];
    let last = &tokens[(o.pos + o.len - 1) as usize];
    if o.len == 1 && o.cost.is_prefix() && first.range.len() == first.key.len() {
        let typed = needles[0].text.len().min(first.range.len());
        return first.range.start..first.range.start + typed;
    }
    first.range.start..last.range.end
}

/// The sentence (index into `sentences`, display ranges) that holds the most
/// distinct terms, then the best matches; the first one on a tie. `spans`
/// are display ranges with their term and cost.
pub(crate) fn best_sentence(
    sentences: &[Range<usize>],
    spans: &[(usize, Range<usize>, Cost)],
) -> usize {
    let mut best: Option<(usize, (usize, u32))> = None;
    for (i, s) in sentences.iter().enumerate() {
        let mut terms: Vec<(usize, Cost)> = Vec::new();
        for (t, r, c) in spans {
            if r.start >= s.start && r.start < s.end.max(s.start + 1) {
                match terms.iter_mut().find(|x| x.0 == *t) {
                    Some(x) => x.1 = x.1.min(*c),
                    None => terms.push((*t, *c)),
                }
            }
        }
        let typos: u32 = terms
            .iter()
            .map(|x| x.1.typos() as u32 + u32::from(!x.1.is_exact()))
            .sum();
        let key = (terms.len(), u32::MAX - typos);
        if best.is_none_or(|b| key > b.1) {
            best = Some((i, key));
        }
    }
    best.map_or(0, |b| b.0)
}

/// Merges overlapping or touching ranges (sorted by start).
pub(crate) fn merge_ranges(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(l) if r.start <= l.end => l.end = l.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str, q: &str) -> Option<TextMatch> {
        let f = crate::core::text::fold_str(text);
        match_text(
            &f,
            &Prepared::new(&Query::parse(q)),
            &SkimMatcherV2::default(),
        )
    }

    fn spans(text: &str, q: &str) -> Vec<String> {
        let f = crate::core::text::fold_str(text);
        m(text, q)
            .unwrap()
            .spans
            .iter()
            .map(|s| f[s.1.clone()].to_string())
            .collect()
    }

    #[test]
    fn all_terms_must_match_and_exclusions_must_not() {
        assert!(m("the lachin corridor", "corridor lachin").is_some());
        assert!(m("the lachin corridor", "corridor moscow").is_none());
        assert!(m("the lachin corridor", "corridor !lach").is_none());
        assert!(m("the lachin corridor", "corridor !moscow").is_some());
    }

    #[test]
    fn phrases_need_neighbours_in_order() {
        assert!(m("the lachin corridor", "\"lachin corridor\"").is_some());
        assert!(m("the lachin corridor", "\"corridor lachin\"").is_none());
        assert!(m("lachin and the corridor", "\"lachin corridor\"").is_none());
        assert!(m("russia's role", "russia's").is_some());
        assert!(m("russia said", "'russia's").is_none());
        // One letter in a phrase is a whole word, not a prefix.
        assert!(m("russia said", "russia's").is_none());
        assert!(m("the u.s. army", "u.s").is_some());
        assert!(m("nagorno-karabakh", "nagorno-kara").is_some());
    }

    #[test]
    fn highlights_cover_words_or_the_typed_prefix() {
        assert_eq!(
            spans("the Lachin corridor", "corr lachin"),
            ["lachin", "corr"]
        );
        assert_eq!(
            spans("the Lachin corridor", "\"lachin corr\""),
            ["lachin corridor"]
        );
        assert_eq!(spans("1,960 troops", "1960"), ["1,960"]);
    }

    #[test]
    fn best_sentence_has_the_most_terms() {
        let s = [0..10, 11..20, 21..30];
        let spans = [
            (0, 1..3, Cost::EXACT),
            (1, 12..14, Cost::EXACT),
            (0, 15..16, Cost::typo(1, true)),
            (0, 22..23, Cost::EXACT),
            (1, 24..26, Cost::EXACT),
        ];
        assert_eq!(best_sentence(&s, &spans), 2);
        assert_eq!(best_sentence(&s, &[]), 0);
    }

    #[test]
    fn merges_overlaps() {
        assert_eq!(merge_ranges(vec![5..7, 0..2, 1..3, 7..8]), vec![0..3, 5..8]);
    }
}
