//! Discovery on saved web pages, the folders users actually collect: the
//! fifty pages of `tests/data/readability/` (news, blogs, Wikipedia,
//! specifications, in several languages), read as one folder with no
//! `entities.toml`.
//!
//! The names below were checked by hand against the pages. The test looks
//! at the most mentioned discovered names ([`TOP`]) and measures:
//!
//! * **debris**: words that are not names at all (a contracted "I'm", a
//!   reference list's "Retrieved", a specification's "MUST") must not be
//!   entities, and no name may run on into text of a script written
//!   without spaces (a Chinese clause after "Aldrin)");
//! * **products**: software and web standards written with a capital
//!   inside a word ("JavaScript", "OAuth") must not be typed as people;
//! * **people**: the people the pages name stay people;
//! * **person precision**: of the top names typed as people, the share
//!   that are people (printed; the assert is a floor).
//!
//! Run `cargo test --test entity_web_pages -- --nocapture` for the figures.

use dossier::core::Corpus;
use dossier::core::entity::{EntityIndex, Kind};

mod common;

/// How many of the most mentioned names are looked at.
const TOP: usize = 150;

/// Not names: they must not be entities.
const DEBRIS: &[&str] = &[
    "I'm",
    "I've",
    "I’d",
    "Retrieved",
    "Note",
    "MUST",
    "MAY",
    "SHOULD",
    "GET",
    "PUT",
    "DELETE",
];

/// Products and standards: never people.
const PRODUCTS: &[&str] = &[
    "JavaScript",
    "OAuth",
    "LibreOffice",
    "WebAssembly",
    "WordPress",
    "OkCupid",
    "SeaMonkey",
    "SpiderMonkey",
    "WebFinger",
];

/// People the pages name, by the name discovery gives them.
const PEOPLE: &[&str] = &[
    "Edward Norton Lorenz",
    "Richard M. Stallman",
    "Barack Obama",
    "Brendan Eich",
    "Margaret Hamilton",
    "Robert Mugabe",
    "Daniel Rothman",
    "Ellen Fetter",
    "Tom Forte",
    "Wade Bassi",
    "Gianluca Martino",
    "Michael Shadlen",
    "Mitchell Baker",
    "Ellen Gille",
    "Jong",
    "Mark Zuckerberg",
    "Jürgen Schmidt",
];

#[test]
fn discovery_on_saved_web_pages() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    common::pages::readability_folder(dir.path());
    let corpus = Corpus::load(Some(dir.path())).expect("the pages load");
    assert!(
        corpus.articles.len() >= 50,
        "{} pages",
        corpus.articles.len()
    );
    let (index, _) = EntityIndex::build(&corpus);
    let mut top: Vec<_> = index.entities().iter().collect();
    top.sort_by(|a, b| b.mentions.cmp(&a.mentions).then(a.name.cmp(&b.name)));
    top.truncate(TOP);
    let kind_of = |name: &str| {
        let all = index.entities().iter();
        all.filter(|e| e.name == name).map(|e| e.kind).next()
    };

    let missing: Vec<&&str> = PEOPLE
        .iter()
        .filter(|n| kind_of(n) != Some(Kind::Person))
        .collect();
    let persons: Vec<&str> = top
        .iter()
        .filter(|e| e.kind == Kind::Person)
        .map(|e| e.name.as_str())
        .collect();
    let right = persons.iter().filter(|n| PEOPLE.contains(n)).count();
    let precision = 100.0 * right as f64 / persons.len().max(1) as f64;
    println!(
        "web pages: of the top {TOP} names, {} typed as people, {right} of them people ({precision:.1}%); people not found as people: {missing:?}",
        persons.len()
    );
    let wrong: Vec<&&str> = persons.iter().filter(|n| !PEOPLE.contains(n)).collect();
    println!("typed as people, not people: {wrong:?}");
    for e in index.entities() {
        assert!(
            !DEBRIS.contains(&e.name.as_str()),
            "{:?} is not a name",
            e.name
        );
        assert!(
            !e.name
                .chars()
                .any(|c| c.is_alphabetic() && !c.is_uppercase() && !c.is_lowercase()),
            "{:?} runs on into text written without spaces",
            e.name
        );
    }
    for name in PRODUCTS {
        assert_ne!(
            kind_of(name),
            Some(Kind::Person),
            "{name} typed as a person"
        );
    }
    assert!(
        missing.len() <= 1,
        "people not typed as people: {missing:?}"
    );
    assert!(precision >= 27.0, "person precision {precision:.1}%");
}
