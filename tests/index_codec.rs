//! The search and entity indexes written to bytes and read back behave as
//! the indexes they were written from: the same search results (ids,
//! passages, ranges, scores, in order) for typed words, prefixes, typos,
//! phrases and `@entity` filters; the same mentions, `n`/`N` steps,
//! concordance and co-occurrence. Read against a corpus they were not built
//! from, they are refused.
//!
//! Corpora: the bundled one; a folder of pages nobody on the project wrote
//! (Mozilla Readability's test pages: French, German, Czech, Japanese,
//! Chinese) in subfolders with two bundled articles, their catalogue and a
//! file of awkward Unicode; and the Brown corpus when
//! `tests/corpora/make-brown.py` has made it (`target/corpora/brown` or
//! `$DOSSIER_BROWN_DIR`).

use std::path::{Path, PathBuf};

use dossier::core::Corpus;
use dossier::core::codec::{Reader, Writer};
use dossier::core::entity::{EntityId, EntityIndex, KwicSort, Position};
use dossier::core::search::{EntitySynonyms, Lookup, Query, SearchIndex};

#[path = "common/queries.rs"]
mod queries;

/// Both indexes, one after the other, as bytes.
fn encode(search: &SearchIndex, entities: &EntityIndex) -> Vec<u8> {
    let mut w = Writer::new();
    search.encode(&mut w);
    entities.encode(&mut w);
    w.into_bytes()
}

/// Both indexes read back from `bytes` for `corpus`, which must be used up.
fn decode(bytes: &[u8], corpus: &Corpus) -> (SearchIndex, EntityIndex) {
    let mut r = Reader::new(bytes);
    let search = SearchIndex::decode(&mut r, corpus).expect("search index decodes");
    let entities = EntityIndex::decode(&mut r, corpus).expect("entity index decodes");
    assert!(r.is_done(), "{} bytes left over", r.remaining());
    (search, entities)
}

/// Everything a search answers for `q`, as the reader asks it: synonyms
/// from the entities, `@name` resolved to the passages of those entities.
fn answer(
    search: &SearchIndex,
    entities: &EntityIndex,
    corpus: &Corpus,
    q: &str,
) -> (Lookup, Vec<(usize, usize)>, usize) {
    let synonyms = EntitySynonyms::from_entities(entities.entities());
    let query = Query::parse_with(q, &synonyms);
    let within = queries::within(entities, &query);
    let found = search.lookup(corpus, &query, 20, within.as_deref());
    let reading = search.hits_in_reading_order(corpus, &query).len();
    (found, search.positions(&query), reading)
}

/// Queries made from the own words of eight articles of the corpus
/// ([`queries::from_article`]).
fn queries_from(corpus: &Corpus) -> Vec<String> {
    let mut out = Vec::new();
    let step = (corpus.articles.len() / 8).max(1);
    for a in corpus.articles.iter().step_by(step).take(8) {
        out.extend(queries::from_article(a));
    }
    out
}

/// Queries for the bundled corpus (and anything else: they may find
/// nothing there).
const QUERIES: &[&str] = &[
    "l",
    "lach",
    "lachin",
    "lachin c",
    "lachin corridor",
    "\"lachin corridor\"",
    "corirdor",
    "intremedairy",
    "pashinyan",
    "pshnyan",
    "aliev",
    "russia armenia",
    "russian peacekeepers did not prevent",
    "\"lachin corridor\" hakari",
    "karabakh !russia",
    "ratification",
    "canbäck",
    "@lachin",
    "@pashinyan corridor",
    "@russia @armenia",
    "@aliyev peace",
    "straße",
    "strasse",
    "москва",
    "gouvernement",
    "regierung",
    "東京",
];

/// Checks that the decoded indexes answer as the built ones, and returns
/// how many queries found something.
fn same_behaviour(corpus: &Corpus) -> usize {
    let search = SearchIndex::build(corpus);
    let (entities, _) = EntityIndex::build(corpus);
    let bytes = encode(&search, &entities);
    let (search2, entities2) = decode(&bytes, corpus);
    assert_eq!(search2.vocabulary_len(), search.vocabulary_len());
    assert_eq!(search2.passage_count(), search.passage_count());
    assert_eq!(search2.postings_bytes(), search.postings_bytes());
    // Written again, the decoded indexes are the same bytes.
    assert!(encode(&search2, &entities2) == bytes, "re-encoding differs");

    let mut found = 0;
    let mut queries: Vec<String> = QUERIES.iter().map(|q| q.to_string()).collect();
    queries.extend(queries_from(corpus));
    for e in entities.entities().iter().take(4) {
        queries.push(format!("@{}", e.name));
        queries.push(e.name.to_lowercase());
    }
    for q in &queries {
        let before = answer(&search, &entities, corpus, q);
        let after = answer(&search2, &entities2, corpus, q);
        assert_eq!(before, after, "query {q:?}");
        if !before.0.hits.is_empty() {
            found += 1;
        }
    }
    same_entities(corpus, &entities, &entities2);
    found
}

/// The decoded entity index answers every question as the built one.
fn same_entities(corpus: &Corpus, a: &EntityIndex, b: &EntityIndex) {
    assert_eq!(a.entities(), b.entities());
    for e in a.entities() {
        let id = e.id;
        assert_eq!(a.mentions(id), b.mentions(id), "{}", e.name);
        assert_eq!(
            a.articles_of(id).collect::<Vec<_>>(),
            b.articles_of(id).collect::<Vec<_>>()
        );
        assert_eq!(a.passages_of(id), b.passages_of(id));
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            assert_eq!(a.lookup(name), b.lookup(name), "{name}");
            assert_eq!(a.resolve(name), b.resolve(name), "{name}");
        }
    }
    for e in a.entities().iter().take(40) {
        let id = e.id;
        assert_eq!(a.co_occurring(id), b.co_occurring(id), "{}", e.name);
        for sort in [KwicSort::Article, KwicSort::Left, KwicSort::Right] {
            assert_eq!(
                a.concordance(corpus, id, 30, sort),
                b.concordance(corpus, id, 30, sort)
            );
        }
        // `n` and `N` through the mentions, from the start and the end.
        let (mut fa, mut fb) = (Position::article_start(0), Position::article_start(0));
        let (mut ba, mut bb) = (fa, fb);
        for _ in 0..30 {
            let (sa, sb) = (a.next_mention(id, fa), b.next_mention(id, fb));
            assert_eq!(sa, sb);
            let (pa, pb) = (a.prev_mention(id, ba), b.prev_mention(id, bb));
            assert_eq!(pa, pb);
            let (Some(sa), Some(pa)) = (sa, pa) else {
                break;
            };
            fa = sa.mention.position();
            fb = fa;
            ba = pa.mention.position();
            bb = ba;
        }
        for art in (0..corpus.articles.len()).step_by(3) {
            assert_eq!(a.dispersion(id, art), b.dispersion(id, art));
            assert_eq!(
                a.mention_at_or_after(id, Position::body(art, 100)),
                b.mention_at_or_after(id, Position::body(art, 100))
            );
        }
    }
    let first_two: Vec<EntityId> = a.entities().iter().take(2).map(|e| e.id).collect();
    assert_eq!(
        a.passages_with_all(&first_two),
        b.passages_with_all(&first_two)
    );
    for (ai, art) in corpus.articles.iter().enumerate() {
        assert!(a.article_mentions(ai).eq(b.article_mentions(ai)));
        assert!(a.top_mentions(ai).eq(b.top_mentions(ai)));
        for p in 0..=art.passages.len() {
            assert_eq!(a.entities_in_passage(ai, p), b.entities_in_passage(ai, p));
        }
        for byte in [0, art.text.len() / 2] {
            assert_eq!(
                a.entity_at_or_after(ai, byte),
                b.entity_at_or_after(ai, byte)
            );
        }
    }
}

#[test]
fn the_bundled_corpus_reads_back_the_same() {
    let corpus = Corpus::bundled();
    let found = same_behaviour(&corpus);
    assert!(found >= 30, "only {found} queries found something");
}

/// Pages of Mozilla Readability's test suite, in several languages, in
/// subfolders, with two bundled articles, their catalogue and a file of
/// awkward Unicode.
fn varied_folder() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pages = root.join("tests/data/readability");
    let dir = tempfile::tempdir().unwrap();
    let put = |to: &str, from: &Path| {
        let to = dir.path().join(to);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(from, to).unwrap();
    };
    for (to, page) in [
        ("fr/lemonde.html", "lemonde-1"),
        ("fr/liberation.html", "liberation-1"),
        ("de/heise.html", "heise"),
        ("cs/aktualne.html", "aktualne"),
        ("asia/ja/hukumusume.html", "hukumusume"),
        ("asia/zh/qq.html", "qq"),
        ("en/wikipedia.html", "wikipedia"),
    ] {
        put(to, &pages.join(page).join("source.html"));
    }
    put(
        "01-russia.txt",
        &root.join("corpus/01-russia-seals-demise.txt"),
    );
    put(
        "notes/03-betrayal.txt",
        &root.join("corpus/03-story-of-a-betrayal.txt"),
    );
    put("entities.toml", &root.join("corpus/entities.toml"));
    std::fs::write(
        dir.path().join("notes/unicode.md"),
        "# Straße und Stadt\n\nDie Straße in İstanbul: ﬁnal ﬂights, Ångström, naïve café.\n\n\
         Москва и Ереван — Пашинян в Москве. Ilham Aliyev spoke in Baku.\n\n\
         Combining: cafe\u{301} re\u{301}sume\u{301}; Turkish ı and İ; Greek Σίσυφος.",
    )
    .unwrap();
    dir
}

#[test]
fn a_folder_of_varied_pages_reads_back_the_same() {
    let dir = varied_folder();
    let corpus = Corpus::load_dir(dir.path()).unwrap();
    assert!(
        corpus.articles.len() >= 9,
        "{} articles",
        corpus.articles.len()
    );
    assert!(corpus.articles.iter().any(|a| !a.folder.is_empty()));
    let found = same_behaviour(&corpus);
    assert!(found >= 30, "only {found} queries found something");
}

fn brown_dir() -> PathBuf {
    std::env::var_os("DOSSIER_BROWN_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target/corpora/brown"))
}

#[test]
fn the_brown_corpus_reads_back_the_same_when_present() {
    let dir = brown_dir();
    if !dir.is_dir() {
        eprintln!("skipped: no Brown corpus at {}", dir.display());
        return;
    }
    let corpus = Corpus::load_dir(&dir).unwrap();
    let found = same_behaviour(&corpus);
    assert!(found >= 30, "only {found} queries found something");
}

/// The corpus with the last article left out, and with one article's text
/// a word shorter.
fn other_corpora(corpus: &Corpus) -> Vec<Corpus> {
    let mut fewer = corpus.clone();
    fewer.articles.pop();
    let mut shorter = corpus.clone();
    let a = &corpus.articles[0];
    let cut = a.text.trim_end().rfind(' ').unwrap();
    let raw = format!("{}\n\n{}", a.title, &a.text[..cut]);
    shorter.articles[0] = dossier::core::corpus::Article::parse("0.txt", &raw, None).unwrap();
    assert_eq!(shorter.articles[0].title, a.title);
    vec![fewer, shorter]
}

#[test]
fn indexes_are_refused_for_another_corpus() {
    let corpus = Corpus::bundled();
    let search = SearchIndex::build(&corpus);
    let (entities, _) = EntityIndex::build(&corpus);
    let mut w = Writer::new();
    search.encode(&mut w);
    let search_bytes = w.into_bytes();
    let mut w = Writer::new();
    entities.encode(&mut w);
    let entity_bytes = w.into_bytes();
    let others = other_corpora(&corpus);
    // The search index keeps no byte offsets (a hit folds its passage
    // again), so it can tell only another shape of corpus: fewer articles
    // or passages. A text changed in place is the cache's file records'
    // business (size, time and content hash of every file).
    assert!(SearchIndex::decode(&mut Reader::new(&search_bytes), &others[0]).is_err());
    for other in &others {
        assert!(EntityIndex::decode(&mut Reader::new(&entity_bytes), other).is_err());
    }
    // And each refuses the other's bytes.
    assert!(SearchIndex::decode(&mut Reader::new(&entity_bytes), &corpus).is_err());
    assert!(EntityIndex::decode(&mut Reader::new(&search_bytes), &corpus).is_err());
}
