//! Labelled lookup sets on text nobody on the project wrote: for each query,
//! the passage a reader had in mind, and whether dossier finds it first.
//!
//! `tests/lookup/bundled.tsv` runs on the bundled corpus, always;
//! `tests/lookup/brown.tsv` on the Brown corpus's learned, government, lore
//! and fiction sections (files cd* to cr*), when `tests/corpora/make-brown.py`
//! has made them in `target/corpora/brown` (or `$DOSSIER_BROWN_DIR`);
//! without them it prints a note and checks nothing. Both sets were made
//! by `tests/lookup/make-sets.py` (five classes of eight queries: plain,
//! typo, morphology, order, wrong). Every class must find its passage
//! first in at least 95% of its queries, and no query may come back empty.

use std::collections::BTreeMap;
use std::path::PathBuf;

use dossier::core::Corpus;
use dossier::core::entity::EntityIndex;
use dossier::core::search::{EntitySynonyms, Query, SearchIndex};

struct Case {
    class: String,
    article: String,
    snippet: String,
    query: String,
}

fn cases(path: &str) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 4, "{path}: {l}");
            Case {
                class: f[0].into(),
                article: f[1].into(),
                snippet: f[2].into(),
                query: f[3].into(),
            }
        })
        .collect()
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Runs a set: per class, (found first, queries); panics on a query that
/// comes back empty or a label that names no passage.
fn run(corpus: &Corpus, set: &[Case]) -> BTreeMap<String, (usize, usize)> {
    let index = SearchIndex::build(corpus);
    let (entities, _) = EntityIndex::build(corpus);
    let synonyms = EntitySynonyms::from_entities(entities.entities());
    let mut per_class: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut misses = Vec::new();
    for c in set {
        let ai = corpus
            .articles
            .iter()
            .position(|a| a.id == c.article)
            .unwrap_or_else(|| panic!("no article {}", c.article));
        let a = &corpus.articles[ai];
        let target = a
            .passages
            .iter()
            .find(|p| squash(a.passage_text(p)).starts_with(&c.snippet))
            .unwrap_or_else(|| panic!("{}: no passage starts {:?}", c.article, c.snippet))
            .number;
        let q = Query::parse_with(&c.query, &synonyms);
        let hits = index.search(corpus, &q, 10);
        assert!(!hits.is_empty(), "{:?} came back empty", c.query);
        let first = hits[0].article == ai && hits[0].passage == target;
        let e = per_class.entry(c.class.clone()).or_default();
        e.1 += 1;
        if first {
            e.0 += 1;
        } else {
            let rank = hits
                .iter()
                .position(|h| h.article == ai && h.passage == target);
            misses.push(format!(
                "  {} {:?}: {}:{} at {:?}",
                c.class, c.query, c.article, target, rank
            ));
        }
    }
    for (class, (found, n)) in &per_class {
        println!("  {class:<11} {found}/{n} first");
    }
    if !misses.is_empty() {
        println!("  not first:\n{}", misses.join("\n"));
    }
    per_class
}

fn check(name: &str, per_class: &BTreeMap<String, (usize, usize)>) {
    assert_eq!(per_class.len(), 5, "{name}: five classes");
    for (class, &(found, n)) in per_class {
        assert!(n >= 8, "{name} {class}: {n} queries");
        assert!(
            found * 100 >= n * 95,
            "{name} {class}: {found}/{n} found first, under 95%"
        );
    }
}

#[test]
fn the_bundled_set_finds_every_class_first() {
    let set = cases("tests/lookup/bundled.tsv");
    assert!(set.len() >= 40);
    println!("bundled corpus:");
    let r = run(&Corpus::bundled(), &set);
    check("bundled", &r);
}

#[test]
fn the_brown_set_finds_every_class_first_when_the_corpus_is_made() {
    let dir = std::env::var_os("DOSSIER_BROWN_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/corpora/brown"));
    let set = cases("tests/lookup/brown.tsv");
    assert!(set.len() >= 40);
    if !dir.join("cd01.txt").exists() {
        println!(
            "note: {} has no Brown corpus; make it with `python3 tests/corpora/make-brown.py {}` to run this set",
            dir.display(),
            dir.display()
        );
        return;
    }
    let corpus = Corpus::load(Some(&dir)).expect("the Brown corpus loads");
    println!("Brown corpus ({} articles):", corpus.articles.len());
    let r = run(&corpus, &set);
    check("brown", &r);
}
