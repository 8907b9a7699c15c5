//! How well discovery finds the names of a folder that has no
//! `entities.toml`, measured against hand annotation:
//!
//! * **Brown set**: ten files of the Brown corpus (lore, belles-lettres and
//!   government sections, never the press sections), every named entity
//!   annotated by hand in `tests/entities/brown-*.toml` (see the README
//!   there). Runs when `tests/corpora/make-brown.py` has made the corpus in
//!   `target/corpora/brown` (or `$DOSSIER_BROWN_DIR`); the index is built
//!   over the ten annotated articles alone, as a user's small folder.
//! * **Bundled set**: the five bundled articles with their hand-made
//!   catalogue (`corpus/entities.toml`) taken away; the catalogue is the
//!   answer key (canonical names, aliases, kinds, per-article counts).
//!
//! For every annotated entity of every article:
//!
//! * **found**: some body mention of the article, as written, is one of the
//!   entity's annotated forms; the discovered entity that has most such
//!   mentions is the one it was found as;
//! * **kind right**: that entity's kind is the annotated one (events count
//!   as `other`);
//! * **merged**: for an entity written in two or more forms in the article,
//!   every form that was found belongs to that one entity;
//! * **count exact**: that entity is mentioned in the article's body exactly
//!   as often as annotated.
//!
//! Run `cargo test --test entity_discovery -- --nocapture` to see the
//! figures; the asserts are floors that keep them from going back.

use std::collections::HashMap;
use std::path::PathBuf;

use dossier::core::Corpus;
use dossier::core::entity::matcher::name_key;
use dossier::core::entity::{EntityId, EntityIndex, Field, Kind};

/// One annotated entity of one article.
#[derive(Debug, Clone, serde::Deserialize)]
struct Gold {
    name: String,
    kind: String,
    #[serde(default)]
    forms: Vec<String>,
    count: usize,
}

#[derive(Debug, serde::Deserialize)]
struct GoldFile {
    article: String,
    entity: Vec<Gold>,
}

#[derive(Debug, Default)]
struct Score {
    entities: usize,
    found: usize,
    kind_right: usize,
    several_forms: usize,
    merged: usize,
    count_exact: usize,
    misses: Vec<String>,
    wrong_kinds: Vec<String>,
    unmerged: Vec<String>,
    miscounted: Vec<String>,
}

impl Score {
    fn pct(n: usize, of: usize) -> f64 {
        if of == 0 {
            0.0
        } else {
            100.0 * n as f64 / of as f64
        }
    }

    fn recall(&self) -> f64 {
        Score::pct(self.found, self.entities)
    }

    fn kinds(&self) -> f64 {
        Score::pct(self.kind_right, self.found)
    }

    fn merging(&self) -> f64 {
        Score::pct(self.merged, self.several_forms)
    }

    fn report(&self, set: &str) {
        println!(
            "{set}: {} annotated entities; found {:.1}%; kind right {:.1}% of found; \
             merged {}/{} written in several forms ({:.1}%); count exact {:.1}% of found",
            self.entities,
            self.recall(),
            self.kinds(),
            self.merged,
            self.several_forms,
            self.merging(),
            Score::pct(self.count_exact, self.found),
        );
        let show = |what: &str, list: &[String]| {
            if !list.is_empty() {
                println!("  {what} ({}): {}", list.len(), list.join("; "));
            }
        };
        show("missed", &self.misses);
        show("wrong kind", &self.wrong_kinds);
        show("not merged", &self.unmerged);
        show("count off", &self.miscounted);
    }
}

fn coarse(kind: Kind) -> &'static str {
    match kind {
        Kind::Event => "other",
        k => k.as_str(),
    }
}

/// Scores `index` (built over `corpus`) against the annotation of one
/// article.
fn score_article(
    corpus: &Corpus,
    index: &EntityIndex,
    article: &str,
    gold: &[Gold],
    s: &mut Score,
) {
    let Some(ai) = corpus.articles.iter().position(|a| a.id == article) else {
        panic!("article {article} is not in the corpus");
    };
    let text = &corpus.articles[ai].text;
    // Body mentions of the article by surface key.
    let mut by_form: HashMap<String, Vec<EntityId>> = HashMap::new();
    for m in index.article_mentions(ai) {
        if m.field() == Field::Body {
            by_form
                .entry(name_key(&text[m.range()]))
                .or_default()
                .push(m.entity());
        }
    }
    for g in gold.iter().filter(|g| g.count > 0) {
        s.entities += 1;
        let label = format!("{article} {}", g.name);
        let forms: Vec<String> = std::iter::once(&g.name)
            .chain(&g.forms)
            .flat_map(|f| variants(f))
            .collect();
        let mut votes: HashMap<EntityId, usize> = HashMap::new();
        let mut form_entities: Vec<Vec<EntityId>> = Vec::new();
        for f in &forms {
            if let Some(ids) = by_form.get(f) {
                for id in ids {
                    *votes.entry(*id).or_default() += 1;
                }
                let mut ids = ids.clone();
                ids.sort();
                ids.dedup();
                form_entities.push(ids);
            }
        }
        let Some((&best, _)) = votes
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
        else {
            s.misses.push(label);
            continue;
        };
        s.found += 1;
        let e = index.entity(best).expect("entity");
        if coarse(e.kind) == g.kind {
            s.kind_right += 1;
        } else {
            s.wrong_kinds
                .push(format!("{label} ({} as {})", g.kind, e.kind.as_str()));
        }
        if form_entities.len() >= 2 {
            s.several_forms += 1;
            if form_entities.iter().all(|ids| ids == &[best]) {
                s.merged += 1;
            } else {
                s.unmerged.push(label.clone());
            }
        }
        let n = index
            .mentions_in(best, ai)
            .iter()
            .filter(|m| m.field() == Field::Body)
            .count();
        if n == g.count {
            s.count_exact += 1;
        } else {
            s.miscounted.push(format!("{label} ({n} for {})", g.count));
        }
    }
}

/// The keys a form may be found by: as written, without a leading "The"
/// ("The Glasgow Herald" found as "Glasgow Herald") and without a leading
/// title ("Queen Victoria" found as "Victoria", the title left outside the
/// mention as discovery does).
fn variants(form: &str) -> Vec<String> {
    const TITLES: &[&str] = &[
        "president",
        "general",
        "gen.",
        "mr.",
        "dr.",
        "queen",
        "king",
        "captain",
        "pope",
        "senator",
        "governor",
        "judge",
        "colonel",
        "major",
        "lord",
        "father",
        "reverend",
        "secretary",
        "attorney",
        "master",
        "sir",
        "lieutenant-colonel",
    ];
    let key = name_key(form);
    let mut out = vec![key.clone()];
    let mut rest = key.as_str();
    if let Some(r) = rest.strip_prefix("the ") {
        rest = r;
        out.push(rest.to_string());
    }
    if let Some((first, r)) = rest.split_once(' ')
        && TITLES.contains(&first)
    {
        out.push(r.to_string());
    }
    out
}

fn brown_dir() -> PathBuf {
    std::env::var_os("DOSSIER_BROWN_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("target/corpora/brown"))
}

fn gold_files() -> Vec<GoldFile> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir("tests/entities")
        .expect("tests/entities")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("readable annotation");
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
        })
        .collect()
}

#[test]
fn the_annotation_covers_ten_articles_with_valid_kinds() {
    let files = gold_files();
    assert!(files.len() >= 10, "{} annotated articles", files.len());
    for f in &files {
        for g in &f.entity {
            assert!(
                ["person", "place", "organisation", "other"].contains(&g.kind.as_str()),
                "{} {}: kind {}",
                f.article,
                g.name,
                g.kind
            );
        }
    }
}

#[test]
fn discovery_on_the_hand_annotated_brown_articles() {
    let dir = brown_dir();
    if !dir.join("cf29.txt").is_file() {
        println!(
            "note: {} has no Brown corpus; make it with `python3 tests/corpora/make-brown.py {}` to run this set",
            dir.display(),
            dir.display()
        );
        return;
    }
    let files = gold_files();
    let mut corpus = Corpus::load(Some(&dir)).expect("the Brown corpus loads");
    corpus
        .articles
        .retain(|a| files.iter().any(|f| f.article == a.id));
    assert_eq!(corpus.articles.len(), files.len());
    corpus.entities_toml = None;
    let (index, _) = EntityIndex::build(&corpus);
    let mut s = Score::default();
    for f in &files {
        score_article(&corpus, &index, &f.article, &f.entity, &mut s);
    }
    s.report("brown");
    assert!(s.recall() >= 92.0, "recall {:.1}%", s.recall());
    assert!(s.merging() >= 75.0, "merging {:.1}%", s.merging());
    assert!(s.kinds() >= 92.5, "kinds {:.1}%", s.kinds());
}

#[test]
fn discovery_on_the_bundled_articles_without_their_catalogue() {
    let corpus = Corpus::bundled();
    let (full, _) = EntityIndex::build(&corpus);
    let mut bare = corpus.clone();
    bare.entities_toml = None;
    let (index, _) = EntityIndex::build(&bare);
    let mut s = Score::default();
    for (ai, a) in corpus.articles.iter().enumerate() {
        let gold: Vec<Gold> = full
            .entities()
            .iter()
            .filter(|e| !e.discovered)
            .map(|e| Gold {
                name: e.name.clone(),
                kind: coarse(e.kind).to_string(),
                forms: e.aliases.clone(),
                count: full
                    .mentions_in(e.id, ai)
                    .iter()
                    .filter(|m| m.field() == Field::Body)
                    .count(),
            })
            .collect();
        score_article(&bare, &index, &a.id, &gold, &mut s);
    }
    s.report("bundled");
    assert!(s.kinds() >= 96.5, "kinds {:.1}%", s.kinds());
    assert!(s.recall() >= 78.0, "recall {:.1}%", s.recall());
}
