//! Passage search: the query language, fuzzy matching on folded text, and
//! ranking, over an index built once when the corpus is loaded.
//!
//! * [`query`] parses what the user typed into terms (see its table).
//! * [`words`] decides how one query word matches one text word: exact,
//!   prefix, a typo (one edit for 5+ letters, two for 9+), or its letters in
//!   order inside the word (fuzzy-matcher's `SkimMatcherV2`, on single words,
//!   never whole passages).
//! * [`index`] holds the sorted vocabulary and compressed postings.
//! * [`rank`] orders results: more exact terms, fewer typos, terms closer
//!   together, matches at word starts, shorter passages.
//!
//! Results are [`Hit`]s: a passage, its rank, the sentence that matched best
//! and the byte ranges to highlight, all in the article's display text.
//!
//! This module knows nothing of the terminal and never panics on a query.

mod blocks;
mod build;
mod disk;
mod exec;
pub mod index;
pub mod lookup;
mod merge;
mod partial;
mod partial_top;
pub mod query;
pub mod rank;
mod scan;
mod shortlist;
pub mod stem;
pub mod synonyms;
pub mod words;

use std::ops::Range;

use fuzzy_matcher::skim::SkimMatcherV2;

pub use index::SearchIndex;
pub use lookup::{Lookup, MAX_QUERY_WORDS};
pub use merge::UpdateRule;
pub use query::{Alternative, Query, Synonyms, Term, TermKind};
pub use rank::Rank;
pub use synonyms::EntitySynonyms;

use crate::core::corpus::{Article, Corpus};
use crate::core::text::{Folded, fold};
use scan::{Prepared, TextMatch, best_sentence, match_partial, match_text, merge_ranges};

/// A passage that matched a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the article in [`Corpus::articles`].
    pub article: usize,
    /// Passage number in the article (1-based, as [`Article::passage`]).
    pub passage: usize,
    /// Higher is better, comparable within one query: a passage with every
    /// term scores above any partial match ([`Rank::score`] with a high bit
    /// set); a partial match scores by its weighted terms.
    pub score: u64,
    /// How good a match it is.
    pub rank: Rank,
    /// The sentence that matched best: a byte range of [`Article::text`].
    pub sentence: Range<usize>,
    /// What matched, sorted and not overlapping: byte ranges of
    /// [`Article::text`].
    pub matches: Vec<Range<usize>>,
    /// The positive terms found in the passage: indices into
    /// [`Query::positive`], ascending. All of them unless it is a partial
    /// match.
    pub matched: Vec<usize>,
    /// Positive terms in the query.
    pub terms: usize,
}

impl Hit {
    /// True when the passage has every term of the query.
    pub fn has_all_terms(&self) -> bool {
        self.matched.len() == self.terms
    }
}

impl SearchIndex {
    /// The best `limit` passages for `query`, best first; nothing for an
    /// empty query. Passages with every term come first; when there are
    /// fewer than `limit` of them, passages with some of the terms follow
    /// (see [`SearchIndex::lookup`], which also says which terms matched
    /// nothing). `corpus` must be the one the index was built from.
    pub fn search(&self, corpus: &Corpus, query: &Query, limit: usize) -> Vec<Hit> {
        self.lookup(corpus, query, limit, None).hits
    }

    /// Every passage that has every term of `query`, in reading order
    /// (article, then passage).
    pub fn hits_in_reading_order(&self, corpus: &Corpus, query: &Query) -> Vec<Hit> {
        if query.terms.is_empty() {
            return Vec::new();
        }
        let prepared = Prepared::new(query);
        self.candidates(&prepared, None)
            .iter()
            .filter_map(|c| self.hit(corpus, &prepared, c.passage, c.rank))
            .collect()
    }

    /// Where `query` matches, in reading order: article index and passage
    /// number (1-based), without the details of each hit (see
    /// [`passage_hit`]): the passages with every term, or when none has
    /// them all, those with the most terms. Cheap enough for stepping
    /// through every hit of a large corpus.
    pub fn positions(&self, query: &Query) -> Vec<(usize, usize)> {
        self.positions_within(query, None)
    }

    /// How many passages [`SearchIndex::positions`] gives.
    pub fn count(&self, query: &Query) -> usize {
        self.positions(query).len()
    }

    /// The details of one passage's match: sentence and highlights.
    fn hit(&self, corpus: &Corpus, q: &Prepared, global: u32, rank: Rank) -> Option<Hit> {
        let (ai, pi) = self.locate(global);
        let article = corpus.articles.get(ai)?;
        let folded = fold(article.passage_text(article.passages.get(pi)?));
        let mut m = match_partial(&folded.text, q, &self.matcher)?;
        m.rank = rank;
        Some(details(ai, article, pi, &folded, m, q))
    }
}

/// A hit from a match in passage `pi` of article `ai`, made on `folded`,
/// the passage's text folded alone (a hit folds only the passage it shows).
fn details(
    ai: usize,
    article: &Article,
    pi: usize,
    folded: &Folded,
    m: TextMatch,
    q: &Prepared,
) -> Hit {
    let start = article.passages[pi].range.start;
    let spans = m
        .spans
        .into_iter()
        .map(|(t, r, c)| {
            let d = folded.range_to_display(r);
            (t, d.start + start..d.end + start, c)
        })
        .collect();
    with_terms(make_hit(ai, article, pi, spans, m.rank), m.matched, q)
}

/// The hit with the terms it matched; a partial match loses the score bit
/// that puts passages with every term first.
fn with_terms(mut h: Hit, matched: Vec<usize>, q: &Prepared) -> Hit {
    h.matched = matched;
    h.terms = q.positive().count();
    if !h.has_all_terms() {
        h.score &= !lookup::ALL_TERMS;
    }
    h
}

/// Builds a hit for passage `pi` of article `ai` from the matched spans
/// (term, display byte range, cost).
fn make_hit(
    ai: usize,
    article: &Article,
    pi: usize,
    spans: Vec<(usize, Range<usize>, words::Cost)>,
    rank: Rank,
) -> Hit {
    let p = &article.passages[pi];
    let mut sentences = article.sentences(p);
    let best = best_sentence(&sentences, &spans);
    let sentence = if best < sentences.len() {
        sentences.swap_remove(best)
    } else {
        p.range.clone()
    };
    Hit {
        article: ai,
        passage: p.number,
        score: rank.score() | lookup::ALL_TERMS,
        rank,
        sentence,
        matches: merge_ranges(spans.into_iter().map(|s| s.1).collect()),
        matched: Vec::new(),
        terms: 0,
    }
}

/// Searches by reading every passage, without an index: the reference the
/// index is checked against, and good enough for a handful of articles.
pub fn scan_passages(corpus: &Corpus, query: &Query, limit: usize) -> Vec<Hit> {
    if query.terms.is_empty() {
        return Vec::new();
    }
    let prepared = Prepared::new(query);
    let matcher = SkimMatcherV2::default();
    let mut hits = Vec::new();
    for (ai, a) in corpus.articles.iter().enumerate() {
        for pi in 0..a.passages.len() {
            hits.extend(scan_one(ai, a, pi, &prepared, &matcher, false));
        }
    }
    hits.sort_by(|a, b| {
        a.rank
            .cmp(&b.rank)
            .then((a.article, a.passage).cmp(&(b.article, b.passage)))
    });
    hits.truncate(limit);
    hits
}

/// The hit of `query` in passage `passage` (1-based) of article `article`,
/// if some positive term matches there (and no negated one): its rank, best
/// sentence and highlights. For showing the hits of the article on screen,
/// one passage at a time, partial matches included.
pub fn passage_hit(corpus: &Corpus, query: &Query, article: usize, passage: usize) -> Option<Hit> {
    let a = corpus.articles.get(article)?;
    let pi = passage.checked_sub(1).filter(|&i| i < a.passages.len())?;
    scan_one(
        article,
        a,
        pi,
        &Prepared::new(query),
        &SkimMatcherV2::default(),
        true,
    )
}

/// Matches passage `pi` (0-based) of article `a` (index `ai`) by reading it.
fn scan_one(
    ai: usize,
    a: &Article,
    pi: usize,
    prepared: &Prepared,
    matcher: &SkimMatcherV2,
    partial: bool,
) -> Option<Hit> {
    let folded = fold(a.passage_text(&a.passages[pi]));
    let m = if partial {
        match_partial(&folded.text, prepared, matcher)?
    } else {
        match_text(&folded.text, prepared, matcher)?
    };
    Some(details(ai, a, pi, &folded, m, prepared))
}

/// Articles whose title matches `query`, best first: article index and the
/// byte ranges of the title to highlight.
pub fn match_titles(corpus: &Corpus, query: &Query) -> Vec<(usize, Vec<Range<usize>>)> {
    if query.terms.is_empty() {
        return Vec::new();
    }
    let titles: Vec<&str> = corpus.articles.iter().map(|a| a.title.as_str()).collect();
    filter_prepared(&titles, &Prepared::new(query))
}

/// Filters and ranks a list of strings (entity names, bookmark notes, ...)
/// with the search syntax: the indices of the matching items, best first
/// (list order on ties), with the byte ranges of each item to highlight.
/// An empty query keeps every item, in order, with nothing highlighted.
pub fn fuzzy_filter<S: AsRef<str>>(items: &[S], query: &str) -> Vec<(usize, Vec<Range<usize>>)> {
    filter_prepared(items, &Prepared::new(&Query::parse(query)))
}

fn filter_prepared<S: AsRef<str>>(items: &[S], q: &Prepared) -> Vec<(usize, Vec<Range<usize>>)> {
    let matcher = SkimMatcherV2::default();
    let mut found: Vec<(Rank, usize, Vec<Range<usize>>)> = items
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let folded = fold(s.as_ref());
            let m = match_text(&folded.text, q, &matcher)?;
            let ranges = m
                .spans
                .iter()
                .map(|(_, r, _)| folded.range_to_display(r.clone()))
                .collect();
            Some((m.rank, i, merge_ranges(ranges)))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, i, r)| (i, r)).collect()
}

/// A corpus of the given article texts, for tests.
#[cfg(test)]
pub(crate) fn test_corpus(texts: &[&str]) -> Corpus {
    Corpus {
        articles: texts
            .iter()
            .enumerate()
            .map(|(i, t)| Article::parse(&format!("{i}.txt"), t, None).unwrap())
            .collect(),
        warnings: Vec::new(),
        origin: crate::core::corpus::Origin::Bundled,
        entities_toml: None,
        content_hashes: Default::default(),
    }
}

/// Four articles of `passages` passages each, every passage of `words`
/// (a count in the range) drawn from `vocabulary` by a fixed
/// pseudo-random sequence from `seed`: many ties, for tests of ranking.
#[cfg(test)]
pub(crate) fn tie_corpus(
    vocabulary: &[&str],
    seed: u32,
    passages: usize,
    words: std::ops::Range<usize>,
) -> Corpus {
    let mut seed = seed;
    let mut next = move || {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as usize
    };
    let articles: Vec<String> = (0..4)
        .map(|a| {
            let ps: Vec<String> = (0..passages)
                .map(|_| {
                    let n = words.start + next() % words.len();
                    let ws: Vec<&str> = (0..n)
                        .map(|_| vocabulary[next() % vocabulary.len()])
                        .collect();
                    ws.join(" ")
                })
                .collect();
            format!("Article {a}\n\n{}", ps.join("\n\n"))
        })
        .collect();
    let texts: Vec<&str> = articles.iter().map(String::as_str).collect();
    test_corpus(&texts)
}

#[cfg(test)]
mod tests {
    use super::test_corpus as corpus;
    use super::*;

    fn found(c: &Corpus, q: &str) -> Vec<(usize, usize)> {
        SearchIndex::build(c)
            .search(c, &Query::parse(q), 10)
            .iter()
            .map(|h| (h.article, h.passage))
            .collect()
    }

    fn highlighted(c: &Corpus, h: &Hit) -> Vec<String> {
        let t = &c.articles[h.article].text;
        h.matches.iter().map(|r| t[r.clone()].to_string()).collect()
    }

    #[test]
    fn the_index_is_shareable_with_a_search_thread() {
        fn shareable<T: Send + Sync>() {}
        shareable::<SearchIndex>();
        shareable::<Hit>();
    }

    #[test]
    fn matches_on_folded_text_highlight_the_display_text() {
        let c = corpus(&[
            "T\n\nRasmus Canbäck, a Swedish anthropologist. Russia’s role – the “Lachin\u{a0}corridor”.",
        ]);
        let idx = SearchIndex::build(&c);
        let hits = idx.search(&c, &Query::parse("canback"), 5);
        assert_eq!(highlighted(&c, &hits[0]), ["Canbäck"]);
        let hits = idx.search(&c, &Query::parse("russia's role \"lachin corridor\""), 5);
        assert_eq!(
            highlighted(&c, &hits[0]),
            ["Russia’s", "role", "Lachin\u{a0}corridor"]
        );
        let hits = idx.search(&c, &Query::parse("lach"), 5);
        assert_eq!(highlighted(&c, &hits[0]), ["Lach"]);
    }

    #[test]
    fn the_best_sentence_is_reported() {
        let c = corpus(&[
            "T\n\nThe corridor was closed. Lachin is a town. The Lachin corridor was blocked.",
        ]);
        let idx = SearchIndex::build(&c);
        let h = &idx.search(&c, &Query::parse("lachin corridor"), 1)[0];
        assert_eq!(
            &c.articles[0].text[h.sentence.clone()],
            "The Lachin corridor was blocked."
        );
    }

    #[test]
    fn ranking_follows_the_documented_order() {
        let c = corpus(&[
            "T\n\nlachine corridor here\n\nlachin and then many words before the corridor\n\nthe lachin corridor is here now\n\nlachin corridor",
        ]);
        // Exact beats prefix; neighbours beat words apart; shorter wins ties.
        assert_eq!(
            found(&c, "lachin corridor"),
            [(0, 4), (0, 3), (0, 2), (0, 1)]
        );
        let c = corpus(&["T\n\ncorridar\n\ncoridor x\n\ncorridor x y z"]);
        // Fewer typos first, however long the passage.
        assert_eq!(found(&c, "corridor"), [(0, 3), (0, 1), (0, 2)]);
    }

    #[test]
    fn exclusions_and_phrases() {
        let c = corpus(&["T\n\nlachin corridor\n\ncorridor lachin\n\nlachin hakari corridor"]);
        assert_eq!(found(&c, "\"lachin corridor\""), [(0, 1)]);
        assert_eq!(found(&c, "lachin corridor !hakari"), [(0, 1), (0, 2)]);
        assert_eq!(found(&c, "lachin !hak"), [(0, 1), (0, 2)]);
        assert_eq!(found(&c, "!hakari").len(), 2);
        // No passage has both: the lachin passages, as partial matches.
        let idx = SearchIndex::build(&c);
        let partial = idx.search(&c, &Query::parse("lachin moscow"), 10);
        assert_eq!(partial.len(), 3);
        assert!(
            partial
                .iter()
                .all(|h| h.matched == [0] && !h.has_all_terms())
        );
        assert!(found(&c, "zebra moscow").is_empty());
        assert!(found(&c, "").is_empty());
    }

    #[test]
    fn hits_in_reading_order_cover_all_articles() {
        let c = corpus(&["A\n\nzeta one\n\nnothing\n\nzeta two", "B\n\nzeta three"]);
        let idx = SearchIndex::build(&c);
        let q = Query::parse("zeta");
        let all: Vec<_> = idx
            .hits_in_reading_order(&c, &q)
            .iter()
            .map(|h| (h.article, h.passage))
            .collect();
        assert_eq!(all, [(0, 1), (0, 3), (1, 1)]);
        assert_eq!(idx.count(&q), 3);
        assert_eq!(idx.positions(&q), [(0, 1), (0, 3), (1, 1)]);
        let one = passage_hit(&c, &q, 0, 3).unwrap();
        assert_eq!(highlighted(&c, &one), ["zeta"]);
        assert!(passage_hit(&c, &q, 0, 2).is_none());
        assert!(passage_hit(&c, &q, 0, 9).is_none());
        assert!(passage_hit(&c, &q, 7, 1).is_none());
    }

    struct Aliases;
    impl Synonyms for Aliases {
        fn expand(&self, t: &str) -> Vec<String> {
            match t {
                "aliev" => vec!["aliyev".into(), "ilham aliyev".into()],
                "hakobyan" => vec!["anna hakobyan".into()],
                _ => Vec::new(),
            }
        }
    }

    #[test]
    fn synonyms_find_other_names() {
        let c = corpus(&["T\n\nIlham Aliyev spoke.\n\nNobody spoke.\n\nAnna Hakobian visited."]);
        let idx = SearchIndex::build(&c);
        let hits = idx.search(&c, &Query::parse_with("aliev", &Aliases), 5);
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].rank.exact, 1);
        assert_eq!(highlighted(&c, &hits[0]), ["Ilham Aliyev"]);
        // Without the aliases, "aliev" is a typo of "aliyev": found, not exact.
        let hits = idx.search(&c, &Query::parse("aliev"), 5);
        assert_eq!(hits[0].rank.exact, 0);
        // An expansion is matched exactly: "anna hakobyan" is not "Anna Hakobian".
        let hits = idx.search(&c, &Query::parse_with("hakobyan", &Aliases), 5);
        assert_eq!(hits[0].rank.typos, 1);
        // The index and the plain scan agree with synonyms too.
        let q = Query::parse_with("aliev spoke", &Aliases);
        let full: Vec<Hit> = idx
            .search(&c, &q, 5)
            .into_iter()
            .filter(Hit::has_all_terms)
            .collect();
        assert_eq!(full, scan_passages(&c, &q, 5));
    }

    #[test]
    fn titles_and_lists_are_filtered_with_the_same_syntax() {
        let c = corpus(&[
            "Russia seals the demise\n\nx",
            "The story of a betrayal\n\ny",
        ]);
        let t = match_titles(&c, &Query::parse("betrayl"));
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].0, 1);
        assert_eq!(&c.articles[1].title[t[0].1[0].clone()], "betrayal");
        let items = [
            "Ilham Aliyev",
            "Nikol Pashinyan",
            "Vladimir Putin",
            "Anna Hakobyan",
        ];
        let got = fuzzy_filter(&items, "pashnyan");
        assert_eq!(got.len(), 1);
        assert_eq!((got[0].0, &items[1][got[0].1[0].clone()]), (1, "Pashinyan"));
        let got: Vec<usize> = fuzzy_filter(&items, "yan").iter().map(|g| g.0).collect();
        assert!(got.contains(&1) && got.contains(&3), "{got:?}");
        // An empty filter keeps the whole list, in order.
        let all: Vec<usize> = fuzzy_filter(&items, " ").iter().map(|g| g.0).collect();
        assert_eq!(all, [0, 1, 2, 3]);
        assert!(match_titles(&c, &Query::parse("")).is_empty());
        assert_eq!(fuzzy_filter(&items, "!putin").len(), 3);
    }
}
