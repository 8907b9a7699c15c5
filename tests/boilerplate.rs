//! Boilerplate removal measured on text the project did not write.
//!
//! Always run: the five seed files (the web-page copies the bundled corpus
//! was curated from, in `tests/boilerplate/seeds/`) against `corpus/`, the
//! curated result: kept words' precision and recall, and the title exactly.
//!
//! Run when `DOSSIER_PAGES` names a folder made by
//! `tests/boilerplate/dump_pages.py` (text dumps of real saved news pages,
//! menus and footers included, with the article body as expected): the same
//! measures, as medians, and the title against the page's headline. Without
//! it the test prints how to get the pages and passes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use dossier::core::Corpus;
use dossier::core::corpus::LoadOptions;

fn words(s: &str) -> HashMap<String, usize> {
    let mut m = HashMap::new();
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *m.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    m
}

/// (precision, recall) of the words of `got` against those of `want`.
fn overlap(got: &str, want: &str) -> (f64, f64) {
    let (g, w) = (words(got), words(want));
    let common: usize = g
        .iter()
        .map(|(k, n)| (*n).min(w.get(k).copied().unwrap_or(0)))
        .sum();
    let total = |m: &HashMap<String, usize>| m.values().sum::<usize>().max(1) as f64;
    (common as f64 / total(&g), common as f64 / total(&w))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn seeds_open_as_the_curated_corpus() {
    let seeds = Corpus::load_dir(&root().join("tests/boilerplate/seeds")).unwrap();
    let curated = Corpus::load_dir(&root().join("corpus")).unwrap();
    assert_eq!(seeds.articles.len(), curated.articles.len());
    for (got, want) in seeds.articles.iter().zip(&curated.articles) {
        let (p, r) = overlap(&got.text, &want.text);
        println!(
            "{:<28} precision {p:.3} recall {r:.3} hidden {:>3} title {:?}",
            want.id,
            got.hidden.len(),
            got.title
        );
        assert_eq!(got.title, want.title, "title of {}", want.id);
        assert!(p >= 0.97, "{}: precision {p:.3}", want.id);
        assert!(r >= 0.97, "{}: recall {r:.3}", want.id);
        for bad in [
            "USD87",
            "Subscribe to our weekly",
            "Related Posts",
            "Google Chrome",
        ] {
            assert!(!got.text.contains(bad), "{}: shows {bad:?}", want.id);
        }
    }
}

#[test]
fn seeds_read_as_written_when_cleaning_is_off() {
    let opts = LoadOptions { clean: false };
    let c = Corpus::load_dir_with(&root().join("tests/boilerplate/seeds"), opts).unwrap();
    assert!(c.articles.iter().all(|a| a.hidden.is_empty()));
    assert_eq!(c.articles[2].title, "• USD87.74");
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() { 0.0 } else { v[v.len() / 2] }
}

fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Scores {
    precision: f64,
    recall: f64,
    recall_90: f64,
    titles: f64,
    pages: usize,
}

fn score(dir: &Path, clean: bool) -> Scores {
    let c = Corpus::load_dir_with(dir, LoadOptions { clean }).unwrap();
    let (mut ps, mut rs, mut titled, mut right) = (Vec::new(), Vec::new(), 0, 0);
    for a in &c.articles {
        let path = a.path.as_ref().unwrap();
        let want = std::fs::read_to_string(path.with_extension("expected")).unwrap();
        if want.trim().is_empty() {
            continue;
        }
        let (p, r) = overlap(&a.text, &want);
        ps.push(p);
        rs.push(r);
        if let Ok(t) = std::fs::read_to_string(path.with_extension("title")) {
            titled += 1;
            if squash(&a.title).to_lowercase() == squash(&t).to_lowercase() {
                right += 1;
            }
        }
    }
    let n = rs.len();
    Scores {
        precision: median(ps),
        recall: median(rs.clone()),
        recall_90: rs.iter().filter(|&&r| r >= 0.9).count() as f64 / n.max(1) as f64,
        titles: right as f64 / titled.max(1) as f64,
        pages: n,
    }
}

#[test]
fn real_news_pages() {
    let Some(dir) = std::env::var_os("DOSSIER_PAGES") else {
        println!(
            "skipped: set DOSSIER_PAGES to a folder made by tests/boilerplate/dump_pages.py \
             (see that script for where the pages come from)"
        );
        return;
    };
    let dir = PathBuf::from(dir);
    for (label, clean) in [("as written", false), ("cleaned", true)] {
        let s = score(&dir, clean);
        println!(
            "{label:<11} pages {} median precision {:.3} median recall {:.3} \
             recall>=0.9 {:.0}% titles right {:.0}%",
            s.pages,
            s.precision,
            s.recall,
            s.recall_90 * 100.0,
            s.titles * 100.0
        );
        if clean {
            assert!(s.precision >= 0.80, "median precision {:.3}", s.precision);
            assert!(s.recall >= 0.90, "median recall {:.3}", s.recall);
            assert!(s.titles >= 0.65, "titles right {:.3}", s.titles);
        }
    }
}
