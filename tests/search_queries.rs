//! The query set: lookups a reader of the bundled corpus would type —
//! misspelt, out of order, without accents or curly quotes, half-typed —
//! each with the passage it must find first.
//!
//! `fzf --filter` over the same passages, one per line, finds most but not
//! all of them at rank 1; dossier must find every one.

use dossier::core::Corpus;
use dossier::core::search::{Query, SearchIndex, scan_passages};

/// What a lookup exercises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One letter replaced.
    Substitution,
    /// One letter left out.
    Missing,
    /// One letter too many.
    Extra,
    /// Two neighbouring letters swapped.
    Swapped,
    /// Two typos in a word of 9+ letters.
    TwoTypos,
    /// The words in another order than the text's.
    Order,
    /// No diacritics ("canback" for "Canbäck").
    Accents,
    /// Straight quotes for the text's curly ones.
    Quotes,
    /// Words cut short, as while typing.
    Partial,
    /// Numbers, with or without thousands separators.
    Number,
    /// A name spelt another way.
    Spelling,
    /// A quoted phrase.
    Phrase,
    /// A term that must not occur.
    Exclusion,
    /// Letters of a word in order, some left out.
    Subsequence,
}

use Kind::*;

/// `(query, kind, article id, passage number)`.
const LOOKUPS: &[(&str, Kind, &str, usize)] = &[
    // Typos of each kind.
    (
        "humanitarian convoys helicoptar",
        Substitution,
        "complicity-peacebuilding",
        17,
    ),
    (
        "zakharova accusatory fingar",
        Substitution,
        "crisis-russia-strategy",
        21,
    ),
    ("brandy cuztoms", Substitution, "worst-possible-way", 16),
    (
        "sergey lavrov negative consequences",
        Substitution,
        "russia-seals-demise",
        2,
    ),
    ("meduza leaked documnts", Missing, "story-of-a-betrayal", 23),
    (
        "uranium nuclar power plant",
        Missing,
        "russia-seals-demise",
        7,
    ),
    (
        "disproportinate loses",
        Missing,
        "complicity-peacebuilding",
        7,
    ),
    ("kataro monasteery", Extra, "complicity-peacebuilding", 8),
    (
        "gyumri second city militarry",
        Extra,
        "worst-possible-way",
        3,
    ),
    (
        "stepanakert airpport thousands",
        Extra,
        "story-of-a-betrayal",
        28,
    ),
    (
        "hakari bridge convyo",
        Swapped,
        "complicity-peacebuilding",
        17,
    ),
    ("lukoil shah deinz", Swapped, "story-of-a-betrayal", 37),
    (
        "pashinyan lenghty address",
        Swapped,
        "story-of-a-betrayal",
        16,
    ),
    (
        "intremedairy high-tech",
        TwoTypos,
        "story-of-a-betrayal",
        34,
    ),
    ("trasnistira moldva", TwoTypos, "worst-possible-way", 6),
    (
        "extrateritorail zangezur corridor",
        TwoTypos,
        "complicity-peacebuilding",
        15,
    ),
    // Word order.
    ("bridge hakari", Order, "complicity-peacebuilding", 17),
    ("exercise joint ten-day", Order, "story-of-a-betrayal", 15),
    ("statute rome ratified icc", Order, "worst-possible-way", 13),
    (
        "sanctions western wary might",
        Order,
        "worst-possible-way",
        2,
    ),
    // Accents.
    (
        "canback swedish anthropologist",
        Accents,
        "story-of-a-betrayal",
        1,
    ),
    ("rasmus canback", Accents, "story-of-a-betrayal", 1),
    // Straight quotes for curly ones.
    (
        "russia's role as a mediator",
        Quotes,
        "complicity-peacebuilding",
        2,
    ),
    (
        "azerbaijan's president aliyev apologized",
        Quotes,
        "complicity-peacebuilding",
        20,
    ),
    (
        "\"allied interaction\" gazprom",
        Quotes,
        "complicity-peacebuilding",
        13,
    ),
    (
        "\"extremely hostile\" step",
        Quotes,
        "worst-possible-way",
        16,
    ),
    (
        "russia's passivity ukraine",
        Quotes,
        "russia-seals-demise",
        5,
    ),
    // Partial words.
    ("kocharya pipelin", Partial, "complicity-peacebuilding", 26),
    ("zakhar press depart", Partial, "crisis-russia-strategy", 21),
    ("astrakh dagest", Partial, "crisis-russia-strategy", 26),
    ("gazpr launder", Partial, "complicity-peacebuilding", 13),
    ("lach corr hakar", Partial, "complicity-peacebuilding", 17),
    // Numbers.
    ("1,960 troops", Number, "story-of-a-betrayal", 2),
    ("1960 troops", Number, "story-of-a-betrayal", 2),
    (
        "515 percent circuit chips",
        Number,
        "story-of-a-betrayal",
        34,
    ),
    ("120,000 armenians", Number, "story-of-a-betrayal", 1),
    ("102nd military base", Number, "russia-seals-demise", 7),
    ("77% threat", Number, "story-of-a-betrayal", 11),
    (
        "5000 individuals evacuated",
        Number,
        "crisis-russia-strategy",
        15,
    ),
    ("43 points alliance", Number, "story-of-a-betrayal", 9),
    // Names spelt another way.
    ("aliev apologize", Spelling, "story-of-a-betrayal", 31),
    (
        "pashinian wife hakobyan",
        Spelling,
        "story-of-a-betrayal",
        14,
    ),
    ("maria zaharova", Spelling, "crisis-russia-strategy", 21),
    (
        "nakhichevan exclave",
        Spelling,
        "complicity-peacebuilding",
        15,
    ),
    (
        "tatikian energy security euro-atlantic",
        Spelling,
        "complicity-peacebuilding",
        29,
    ),
    ("josep borel exodus", Spelling, "story-of-a-betrayal", 20),
    ("dmitry peskov kremlin", Spelling, "russia-seals-demise", 2),
    // Phrases.
    (
        "\"lachin corridor\" hakari",
        Phrase,
        "complicity-peacebuilding",
        17,
    ),
    ("\"security vacuum\"", Phrase, "story-of-a-betrayal", 8),
    ("\"near abroad\"", Phrase, "russia-seals-demise", 5),
    (
        "\"velvet revolution\"",
        Phrase,
        "complicity-peacebuilding",
        7,
    ),
    (
        "\"colour revolution\"",
        Phrase,
        "crisis-russia-strategy",
        22,
    ),
    (
        "they gave some food only to kindergartens",
        Phrase,
        "complicity-peacebuilding",
        17,
    ),
    // Exclusions.
    ("peskov !kremlin", Exclusion, "worst-possible-way", 16),
    ("gyumri !propaganda", Exclusion, "worst-possible-way", 3),
    // Subsequences.
    (
        "pshnyan lengthy address",
        Subsequence,
        "story-of-a-betrayal",
        16,
    ),
    ("zkhrova", Subsequence, "crisis-russia-strategy", 21),
];

fn describe(corpus: &Corpus, hits: &[dossier::core::search::Hit]) -> String {
    hits.iter()
        .take(3)
        .map(|h| format!("{}:{}", corpus.articles[h.article].id, h.passage))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn every_lookup_finds_its_passage_first() {
    let corpus = Corpus::bundled();
    let index = SearchIndex::build(&corpus);
    let mut failures = Vec::new();
    for &(q, kind, id, passage) in LOOKUPS {
        let hits = index.search(&corpus, &Query::parse(q), 5);
        let top = hits
            .first()
            .map(|h| (corpus.articles[h.article].id.as_str(), h.passage));
        if top != Some((id, passage)) {
            failures.push(format!(
                "{q:?} ({kind:?}): wanted {id}:{passage}, got [{}]",
                describe(&corpus, &hits)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} lookups missed:\n{}",
        failures.len(),
        LOOKUPS.len(),
        failures.join("\n")
    );
}

#[test]
fn the_query_set_is_large_and_covers_every_kind() {
    assert!(LOOKUPS.len() >= 40);
    for kind in [
        Substitution,
        Missing,
        Extra,
        Swapped,
        TwoTypos,
        Order,
        Accents,
        Quotes,
        Partial,
        Number,
        Spelling,
        Phrase,
        Exclusion,
        Subsequence,
    ] {
        assert!(
            LOOKUPS.iter().filter(|l| l.1 == kind).count() >= 2,
            "fewer than two {kind:?} lookups"
        );
    }
    let corpus = Corpus::bundled();
    for &(q, _, id, passage) in LOOKUPS {
        let a = corpus
            .get(id)
            .unwrap_or_else(|| panic!("{q}: no article {id}"));
        assert!(
            a.passage(passage).is_some(),
            "{q}: no passage {id}:{passage}"
        );
    }
}

/// The index must give exactly what reading every passage gives: the same
/// passages, ranks, sentences and highlights; and so must the smaller index
/// of only the query's words that the command line builds.
#[test]
fn the_index_agrees_with_reading_every_passage() {
    let corpus = Corpus::bundled();
    let index = SearchIndex::build(&corpus);
    let extra = [
        "r",
        "ru",
        "rus",
        "russ",
        "russi",
        "russia",
        "a b",
        "the of",
        "lachin c",
        "lachin co",
        "!russia",
        "russia !armenia",
        "'russia",
        "^russ armen",
        "\"of the\"",
        "karabakh’s",
        "nagorno-karabakh",
        "19–20 september",
        "zzzz",
        "peacekeepers prevent",
        "azerbaijani armed forces",
    ];
    let queries = LOOKUPS.iter().map(|l| l.0).chain(extra);
    let mut failures = Vec::new();
    for q in queries {
        let query = Query::parse(q);
        let fast: Vec<_> = index
            .search(&corpus, &query, 30)
            .into_iter()
            .filter(|h| h.has_all_terms())
            .collect();
        let slow = scan_passages(&corpus, &query, 30);
        let once: Vec<_> = SearchIndex::build_for(&corpus, &query)
            .search(&corpus, &query, 30)
            .into_iter()
            .filter(|h| h.has_all_terms())
            .collect();
        assert_eq!(once, fast, "{q}: the index of the query's words differs");
        if fast != slow {
            failures.push(format!(
                "{q:?}:\n  index [{}]\n  scan  [{}]",
                describe(&corpus, &fast),
                describe(&corpus, &slow)
            ));
        }
        assert_eq!(
            index.count(&query),
            scan_passages(&corpus, &query, usize::MAX).len(),
            "{q}"
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
