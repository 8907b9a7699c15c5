//! A changed folder read at the cost of what changed
//! ([`Corpus::update_dir`]) gives exactly what a full read gives: every
//! field of every article, in order, the warnings, the content hashes and
//! the repeat keys, for files added, changed and removed, and for a change
//! that makes a block a repeat (or no longer one) in files that did not
//! change.
//!
//! The search index updated in place from the kept one
//! ([`SearchIndex::update`]) answers every query as a full build of the
//! updated folder does, through the same changes, one after the other.
//!
//! The articles are the web-page copies in `tests/boilerplate/seeds` and
//! the bundled corpus's Markdown files (text the project did not write);
//! the block shared across pages is a line of one of those pages.

use std::path::{Path, PathBuf};

use dossier::core::cache::index::{IndexFile, Parts, content_hashes};
use dossier::core::codec::{Reader, Writer};
use dossier::core::corpus::update::{Base, Updated};
use dossier::core::corpus::{LoadOptions, RepeatKeys, Snapshot};
use dossier::core::entity::EntityIndex;
use dossier::core::search::{EntitySynonyms, Query, SearchIndex, UpdateRule};
use dossier::core::{Article, Corpus};

#[path = "common/queries.rs"]
mod queries;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seed(n: usize) -> String {
    let dir = root().join("tests/boilerplate/seeds");
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    std::fs::read_to_string(&names[n]).unwrap()
}

/// A line of seed 004, put into other pages as a site puts its furniture.
const SHARED: &str = "Geopolitical Scenario of Russia’s Regional Strategy";

/// `text` with the shared line as a block of its own halfway through.
fn with_shared(text: &str) -> String {
    let half = text.len() / 2;
    let at = text[half..].find("\n\n").map_or(text.len(), |i| half + i);
    format!("{}\n\n{SHARED}\n\n{}", &text[..at], text[at..].trim_start())
}

/// The seeds in `web/` (two of them holding the shared line: no repeat
/// yet), the bundled corpus's files at the top.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let web = dir.path().join("web");
    std::fs::create_dir_all(&web).unwrap();
    for n in 0..5 {
        let text = match n {
            0 => with_shared(&seed(n)),
            _ => seed(n),
        };
        std::fs::write(web.join(format!("page-{n}.txt")), text).unwrap();
    }
    for e in std::fs::read_dir(root().join("corpus")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

/// Every field of an article, for comparing two.
fn fields(a: &Article) -> String {
    format!(
        "{}|{}|{:?}|{}|{:?}|{}|{:?}|{:?}|{}",
        a.id,
        a.title,
        a.meta,
        a.text,
        a.path,
        a.folder,
        a.passages
            .iter()
            .map(|p| (p.number, p.range.clone(), p.kind))
            .collect::<Vec<_>>(),
        a.hidden
            .iter()
            .map(|h| (h.after, h.text.clone(), h.reason))
            .collect::<Vec<_>>(),
        a.words
    )
}

/// What a reader of the folder as it was then keeps.
struct State {
    corpus: Corpus,
    since: Snapshot,
    keys: RepeatKeys,
}

impl State {
    fn full(dir: &Path) -> State {
        let since = Snapshot::take(dir);
        let (corpus, keys) = Corpus::load_dir_keyed(dir, LoadOptions::default(), &|_| {}).unwrap();
        State {
            corpus,
            since,
            keys,
        }
    }

    /// The folder as it is now, updated from this state.
    fn update(&self, dir: &Path) -> (State, Updated) {
        let since = Snapshot::take(dir);
        let base = Base {
            corpus: &self.corpus,
            since: &self.since,
            hashes: &self.corpus.content_hashes,
            keys: &self.keys,
        };
        let (corpus, keys, updated) =
            Corpus::update_dir(dir, LoadOptions::default(), &since, base).unwrap();
        let state = State {
            corpus,
            since,
            keys,
        };
        (state, updated)
    }
}

/// The update equals a full read of the folder, field by field.
fn assert_same(updated: &State, dir: &Path) {
    let full = State::full(dir);
    let a: Vec<String> = updated.corpus.articles.iter().map(fields).collect();
    let b: Vec<String> = full.corpus.articles.iter().map(fields).collect();
    assert_eq!(a.len(), b.len());
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x, y);
    }
    assert_eq!(updated.corpus.warnings, full.corpus.warnings);
    assert_eq!(updated.corpus.entities_toml, full.corpus.entities_toml);
    assert_eq!(updated.corpus.origin, full.corpus.origin);
    assert_eq!(updated.corpus.content_hashes, full.corpus.content_hashes);
    assert_eq!(updated.keys, full.keys);
    assert_eq!(updated.since, full.since);
}

fn article<'a>(s: &'a State, file: &str) -> &'a Article {
    s.corpus
        .articles
        .iter()
        .find(|a| a.path.as_ref().is_some_and(|p| p.ends_with(file)))
        .unwrap()
}

#[test]
fn an_update_gives_what_a_full_read_gives_for_every_kind_of_change() {
    let dir = folder();
    let d = dir.path();
    let web = d.join("web");
    let start = State::full(d);
    let files = start.since.len();

    // Added: a page, and a file with the id of another (made unique).
    std::fs::write(
        web.join("page-5.txt"),
        seed(1).replace("Armenia", "Armenien"),
    )
    .unwrap();
    let dup = std::fs::read_to_string(d.join("01-russia-seals-demise.txt")).unwrap();
    let copy = web.join("01-russia-seals-demise.txt");
    std::fs::write(&copy, format!("{dup}\n\nOne more line.")).unwrap();
    let (added, how) = start.update(d);
    assert_same(&added, d);
    assert_eq!((how.read, how.again, how.removed), (2, 0, 0), "{how:?}");
    assert_eq!(how.kept, files - 1, "entities.toml is no article file");

    // Changed: a page rewritten, an article with a header edited.
    std::fs::write(
        web.join("page-2.txt"),
        seed(2).replace("Russia", "Russland"),
    )
    .unwrap();
    std::fs::write(&copy, format!("{dup}\n\nAnother line.")).unwrap();
    let (changed, how) = added.update(d);
    assert_same(&changed, d);
    assert_eq!((how.read, how.again), (2, 0), "{how:?}");

    // A third page with the shared line: it is a repeat now, and the two
    // pages that did not change are cleaned again.
    std::fs::write(web.join("page-3.txt"), with_shared(&seed(3))).unwrap();
    let (flipped, how) = changed.update(d);
    assert_same(&flipped, d);
    // And the copy, whose id was made unique (`-2`): its own id is not
    // known without reading it.
    assert_eq!((how.read, how.again), (4, 3), "{how:?}");
    assert!(
        article(&flipped, "page-4.txt")
            .hidden
            .iter()
            .any(|h| h.text == SHARED)
    );
    assert_ne!(
        fields(article(&changed, "page-0.txt")),
        fields(article(&flipped, "page-0.txt")),
        "the shared line is hidden as a repeat now"
    );

    // Removed: the third page goes, and the line is no repeat any more.
    std::fs::remove_file(web.join("page-3.txt")).unwrap();
    std::fs::remove_file(web.join("page-5.txt")).unwrap();
    std::fs::remove_file(&copy).unwrap();
    let (removed, how) = flipped.update(d);
    assert_same(&removed, d);
    assert_eq!((how.read, how.again, how.removed), (2, 2, 3), "{how:?}");
    assert_eq!(
        fields(article(&removed, "page-0.txt")),
        fields(article(&start, "page-0.txt"))
    );

    // Nothing changed: nothing read.
    let (same, how) = removed.update(d);
    assert_same(&same, d);
    assert_eq!(how.read, 0);
}

#[test]
fn an_update_from_the_kept_file_serves_unchanged_texts_from_it() {
    let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
    let d = dir.path();
    let opts = LoadOptions::default();
    let start = State::full(d);
    let kept = IndexFile::new(cache.path(), d, opts);
    kept.write(&Parts {
        corpus: &start.corpus,
        snapshot: &start.since,
        hashes: &content_hashes(&start.since, &start.corpus),
        search: None,
        entities: None,
        discovery: None,
        repeat_keys: Some(&start.keys),
    })
    .unwrap();
    let opened = kept.open().unwrap();
    let corpus = opened.corpus().unwrap();
    let base = State {
        corpus,
        since: opened.snapshot(),
        keys: opened.repeat_keys().unwrap().unwrap(),
    };
    let hashes = opened.content_hashes();
    std::fs::write(d.join("web/page-3.txt"), with_shared(&seed(3))).unwrap();
    let now = Snapshot::take(d);
    let b = Base {
        corpus: &base.corpus,
        since: &base.since,
        hashes: &hashes,
        keys: &base.keys,
    };
    let (corpus, keys, how) = Corpus::update_dir(d, opts, &now, b).unwrap();
    assert_eq!((how.read, how.again), (3, 2), "{how:?}");
    let updated = State {
        corpus,
        since: now,
        keys,
    };
    assert_same(&updated, d);
    // An article of a file not read again is the kept one: its text is
    // the very bytes of the kept file.
    let old = article(&base, "page-1.txt");
    let new = article(&updated, "page-1.txt");
    assert_eq!(old.text.as_ptr(), new.text.as_ptr());
}

/// Queries made of the corpus's words (a word, its prefix, a typo, two
/// words, a phrase, an exclusion, a word with one that matches nothing),
/// and names of the catalogue as `@entity` filters.
fn queries(corpus: &Corpus) -> Vec<String> {
    let mut out: Vec<String> = [
        "armenia",
        "armen",
        "armenien russland",
        "rusia",
        "\"lachin corridor\"",
        "lachin corridor !russia",
        "peacekeepers zqxjv",
        "@putin",
        "@pashinyan armenia",
        "@aliyev @putin",
    ]
    .map(String::from)
    .to_vec();
    for a in corpus.articles.iter().step_by(2) {
        out.extend(queries::from_article(a));
    }
    out
}

/// `got` answers every query as the full build of `corpus` does: the
/// same hits with the same scores in the same order, the same positions,
/// the same hits in reading order; and it is written and read back.
fn assert_searches_same(got: &SearchIndex, corpus: &Corpus) -> usize {
    let full = SearchIndex::build(corpus);
    assert_eq!(got.vocabulary_len(), full.vocabulary_len());
    assert_eq!(got.passage_count(), full.passage_count());
    let (entities, _) = EntityIndex::build(corpus);
    let synonyms = EntitySynonyms::from_entities(entities.entities());
    let mut found = 0;
    for q in queries(corpus) {
        let query = Query::parse_with(&q, &synonyms);
        let within = queries::within(&entities, &query);
        let a = got.lookup(corpus, &query, 30, within.as_deref());
        let b = full.lookup(corpus, &query, 30, within.as_deref());
        assert_eq!(format!("{a:?}"), format!("{b:?}"), "{q}");
        found += a.hits.len();
        assert_eq!(got.positions(&query), full.positions(&query), "{q}");
        let reading = |ix: &SearchIndex| format!("{:?}", ix.hits_in_reading_order(corpus, &query));
        assert_eq!(reading(got), reading(&full), "{q}");
    }
    let mut w = Writer::new();
    got.encode(&mut w);
    let bytes = w.into_bytes();
    let back = SearchIndex::decode(&mut Reader::new(&bytes), corpus).expect("decodes");
    let q = Query::parse("russia armenia");
    assert_eq!(back.search(corpus, &q, 30), full.search(corpus, &q, 30));
    found
}

/// The index of `from`, written and read back as the kept file gives it,
/// updated to `to`: in place, whatever the size of the change, and as
/// the reader does.
fn updated(ix: &SearchIndex, from: &State, to: &State) -> (SearchIndex, SearchIndex) {
    let kept = || {
        let mut w = Writer::new();
        ix.encode(&mut w);
        SearchIndex::decode(&mut Reader::new(&w.into_bytes()), &from.corpus).unwrap()
    };
    let any = UpdateRule {
        max_runs: 255,
        small_part: u32::MAX,
        max_part: 1,
    };
    let in_place = kept()
        .update(&from.corpus, &to.corpus, &any)
        .expect("updated in place");
    (in_place, kept().updated(&from.corpus, &to.corpus))
}

#[test]
fn the_search_index_updated_in_place_answers_as_a_full_build() {
    let dir = folder();
    let (d, web) = (dir.path(), dir.path().join("web"));
    let mut state = State::full(d);
    let mut ix = SearchIndex::build(&state.corpus);
    let mut reader = SearchIndex::build(&state.corpus);
    let dup = std::fs::read_to_string(d.join("01-russia-seals-demise.txt")).unwrap();
    let copy = web.join("01-russia-seals-demise.txt");
    let changes: [&dyn Fn(); 5] = [
        // Added: a page, an article with another's id.
        &|| {
            std::fs::write(
                web.join("page-5.txt"),
                seed(1).replace("Armenia", "Armenien"),
            )
            .unwrap();
            std::fs::write(&copy, format!("{dup}\n\nOne more line.")).unwrap();
        },
        // Changed: a page, the article.
        &|| {
            std::fs::write(
                web.join("page-2.txt"),
                seed(2).replace("Russia", "Russland"),
            )
            .unwrap();
            std::fs::write(&copy, format!("{dup}\n\nAnother line.")).unwrap();
        },
        // A repeat now: pages that did not change cleaned again.
        &|| std::fs::write(web.join("page-3.txt"), with_shared(&seed(3))).unwrap(),
        // Removed: the first article, pages.
        &|| {
            std::fs::remove_file(d.join("01-russia-seals-demise.txt")).unwrap();
            std::fs::remove_file(web.join("page-3.txt")).unwrap();
            std::fs::remove_file(web.join("page-5.txt")).unwrap();
        },
        // Nothing.
        &|| {},
    ];
    let mut found = 0;
    for change in changes {
        change();
        let (next, _) = state.update(d);
        let (in_place, as_reader) = updated(&ix, &state, &next);
        found += assert_searches_same(&in_place, &next.corpus);
        // The reader's, from its own last update.
        reader = updated(&reader, &state, &next).1;
        assert_searches_same(&as_reader, &next.corpus);
        assert_searches_same(&reader, &next.corpus);
        (ix, state) = (in_place, next);
    }
    assert!(found > 500, "{found} hits: the queries find things");
}
