//! A running reader picks up new, changed and removed articles: the corpus
//! loaded again arrives as `Msg::Reloaded` (as the runtime's watch thread
//! sends it) and the reader keeps the open article, its passage cursor and
//! the bookmarks (re-anchored in a changed article). On saved news pages
//! from the Readability test suite.

use std::path::Path;

use dossier::app::reload::Reloaded;
use dossier::app::{App, Config, Msg, Overlay};
use dossier::core::Corpus;
use dossier::core::bookmarks::{BookmarkStore, PassageSpan};
use dossier::testing::{app_with, open_store, render, run_keys_with_store, send_with_store, text};

const BBC_FIRST: &str = "President Barack Obama has admitted";

fn page(dir: &Path, name: &str, file: &str) {
    let src = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/readability")
        .join(name)
        .join("source.html");
    std::fs::copy(src, dir.join(file)).unwrap();
}

fn message(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

fn reloaded(dir: &Path) -> Msg {
    Msg::Reloaded(Box::new(Reloaded::new(Corpus::load(Some(dir)).unwrap())))
}

/// Removes the bbc-1 page's first paragraph (its introduction).
fn drop_bbc_introduction(path: &Path) {
    let html = std::fs::read_to_string(path).unwrap();
    let start = html.find("<p class=\"story-body__introduction\">").unwrap();
    let end = start + html[start..].find("</p>").unwrap() + "</p>".len();
    std::fs::write(path, format!("{}{}", &html[..start], &html[end..])).unwrap();
}

/// A reader on ars.html, bbc.html and wapo.html with bbc open, the cursor
/// on its 4th passage and that passage bookmarked.
fn reader_on_bbc(dir: &Path, store: &mut BookmarkStore) -> App {
    page(dir, "ars-1", "ars.html");
    page(dir, "bbc-1", "bbc.html");
    page(dir, "wapo-1", "wapo.html");
    let mut a = app_with(Corpus::load(Some(dir)).unwrap(), Config::default(), 80, 24);
    open_store(&mut a, store);
    run_keys_with_store(&mut a, store, "j<enter>JJJmkeep<enter><esc>");
    assert_eq!(a.article().unwrap().id, "bbc");
    assert_eq!(a.cursor(), 3);
    assert_eq!(store.bookmarks().len(), 1);
    a
}

#[test]
fn new_and_changed_articles_come_in_and_the_open_one_stays_where_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let keep = tempfile::tempdir().unwrap();
    let mut store = BookmarkStore::open(&keep.path().join("bookmarks.json"));
    let mut a = reader_on_bbc(dir.path(), &mut store);
    let passage = |a: &App, n: usize| {
        let art = a.article().unwrap();
        art.passage_text(art.passage(n).unwrap()).to_string()
    };
    let bookmarked = passage(&a, 4);
    assert!(bookmarked.starts_with("However, Mr Obama said race relations"));

    // Two pages added, one sorted before the open one (its index moves);
    // the open article loses its first paragraph.
    page(dir.path(), "cnn", "aaa-cnn.html");
    page(dir.path(), "telegraph", "telegraph.html");
    drop_bbc_introduction(&dir.path().join("bbc.html"));
    send_with_store(&mut a, &mut store, reloaded(dir.path()));

    assert_eq!(a.corpus.articles.len(), 5);
    assert_eq!(
        a.article().unwrap().id,
        "bbc",
        "the open article stays open"
    );
    assert_eq!(a.open, 2);
    assert_eq!(a.corpus.articles[a.selected].id, "bbc");
    assert_eq!(a.cursor(), 3, "the passage cursor stays put");
    assert!(!a.article().unwrap().text.contains(BBC_FIRST));
    assert_eq!(message(&a), "2 articles added, 1 changed");
    // The bookmark followed its text: now the 3rd passage of bbc.
    assert_eq!(a.bookmarks.list.len(), 1);
    let (ix, span) = a.bookmarks.anchors[0].place().unwrap();
    assert_eq!(ix, 2);
    assert_eq!(span, PassageSpan::single(3));
    assert_eq!(passage(&a, 3), bookmarked);
    assert_eq!(a.source_column(2).split(' ').next(), Some("*1"));
    // What is drawn is the new text, the new article in the list.
    let screen = text(&render(&a));
    assert!(screen.contains("2 articles added, 1 changed"), "{screen}");
    assert!(!screen.contains("President Barack"), "{screen}");

    // Searching finds the new articles (the search index was rebuilt).
    run_keys_with_store(&mut a, &mut store, "<esc>/mugabe<enter>");
    let hits = &a.active_search().unwrap().hits;
    assert!(!hits.is_empty());
    assert!(
        hits.iter()
            .all(|&(ix, _)| a.corpus.articles[ix].id == "telegraph")
    );
}

#[test]
fn an_open_article_that_is_removed_gives_way_to_the_nearest_one() {
    let dir = tempfile::tempdir().unwrap();
    let keep = tempfile::tempdir().unwrap();
    let mut store = BookmarkStore::open(&keep.path().join("bookmarks.json"));
    let mut a = reader_on_bbc(dir.path(), &mut store);
    std::fs::remove_file(dir.path().join("bbc.html")).unwrap();
    send_with_store(&mut a, &mut store, reloaded(dir.path()));
    assert_eq!(a.article().unwrap().id, "wapo");
    let m = message(&a);
    assert_eq!(
        m,
        "1 article removed: “Obama admits US gun…”, showing “Attack stokes insta…”"
    );
    // The bookmark is kept in the file, orphaned.
    assert_eq!(a.bookmarks.list.len(), 1);
    assert!(a.bookmarks.anchors[0].is_orphaned());
    assert_eq!(store.bookmarks().len(), 1);
}

#[test]
fn articles_reloaded_while_a_note_is_typed_wait_until_it_is_done() {
    let dir = tempfile::tempdir().unwrap();
    let keep = tempfile::tempdir().unwrap();
    let mut store = BookmarkStore::open(&keep.path().join("bookmarks.json"));
    let mut a = reader_on_bbc(dir.path(), &mut store);
    run_keys_with_store(&mut a, &mut store, "Kmhalf");
    page(dir.path(), "cnn", "aaa-cnn.html");
    send_with_store(&mut a, &mut store, reloaded(dir.path()));
    assert!(matches!(a.overlay, Some(Overlay::Note(_))));
    assert_eq!(a.corpus.articles.len(), 3, "not yet: the editor is open");
    run_keys_with_store(&mut a, &mut store, " a note<enter>");
    assert!(a.overlay.is_none());
    assert_eq!(a.corpus.articles.len(), 4);
    assert_eq!(a.article().unwrap().id, "bbc");
    assert_eq!(a.cursor(), 2);
    let notes: Vec<&str> = store.bookmarks().iter().map(|b| b.note.as_str()).collect();
    assert_eq!(notes, ["keep", "half a note"]);
    assert_eq!(a.bookmarks.list.len(), 2);
    assert!(
        a.bookmarks
            .anchors
            .iter()
            .all(|x| x.place().unwrap().0 == 2)
    );
}

#[test]
fn the_search_run_last_is_asked_again_on_the_new_articles() {
    let dir = tempfile::tempdir().unwrap();
    let keep = tempfile::tempdir().unwrap();
    let mut store = BookmarkStore::open(&keep.path().join("bookmarks.json"));
    let mut a = reader_on_bbc(dir.path(), &mut store);
    run_keys_with_store(&mut a, &mut store, "/stymied<enter>");
    assert_eq!(a.active_search().unwrap().hits, [(1, 15)]);
    page(dir.path(), "cnn", "aaa-cnn.html");
    send_with_store(&mut a, &mut store, reloaded(dir.path()));
    let s = a.active_search().unwrap();
    assert!(s.ready);
    assert_eq!(s.hits, [(2, 15)], "the same passage, bbc's new index");
}

#[test]
fn a_second_reload_replaces_the_first_ones_summary() {
    let dir = tempfile::tempdir().unwrap();
    let keep = tempfile::tempdir().unwrap();
    let mut store = BookmarkStore::open(&keep.path().join("bookmarks.json"));
    let mut a = reader_on_bbc(dir.path(), &mut store);
    page(dir.path(), "cnn", "aaa-cnn.html");
    send_with_store(&mut a, &mut store, reloaded(dir.path()));
    assert_eq!(message(&a), "1 article added");
    std::fs::remove_file(dir.path().join("ars.html")).unwrap();
    send_with_store(&mut a, &mut store, reloaded(dir.path()));
    assert_eq!(message(&a), "1 article removed");
    // A key dismisses the message on screen: no older summary is behind it.
    run_keys_with_store(&mut a, &mut store, "j");
    assert_eq!(message(&a), "");
    assert_eq!(a.article().unwrap().id, "bbc");
}

#[test]
fn a_file_saved_unchanged_rebuilds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let keep = tempfile::tempdir().unwrap();
    let mut store = BookmarkStore::open(&keep.path().join("bookmarks.json"));
    let mut a = reader_on_bbc(dir.path(), &mut store);
    let before = std::sync::Arc::clone(&a.corpus);
    let effect = a.update(reloaded(dir.path()));
    assert_eq!(effect, None, "no search index or bookmarks to rebuild");
    assert!(std::sync::Arc::ptr_eq(&before, &a.corpus));
    assert_eq!(message(&a), "");
}

#[test]
fn a_reload_sent_before_its_entities_shows_the_articles_then_takes_the_entities() {
    use dossier::app::reload::EntitiesRead;
    use dossier::testing::{run_keys, send};
    let dir = tempfile::tempdir().unwrap();
    page(dir.path(), "ars-1", "ars.html");
    page(dir.path(), "bbc-1", "bbc.html");
    let mut app = app_with(
        Corpus::load(Some(dir.path())).unwrap(),
        Config::default(),
        80,
        24,
    );
    page(dir.path(), "wapo-1", "wapo.html");
    // As an update sends it: the articles once search can answer from
    // them, their entity index after.
    let whole = Reloaded::new(Corpus::load(Some(dir.path())).unwrap());
    send(
        &mut app,
        Msg::Reloaded(Box::new(Reloaded {
            corpus: std::sync::Arc::clone(&whole.corpus),
            entities: Default::default(),
            entity_warnings: Vec::new(),
            entities_to_come: true,
        })),
    );
    assert_eq!(app.corpus.articles.len(), 3);
    assert!(
        message(&app).contains("1 article added"),
        "{}",
        message(&app)
    );
    // The entity list says it waits for them.
    run_keys(&mut app, "e");
    let screen = text(&render(&app));
    assert!(screen.contains("partial: reading entities"), "{screen}");
    run_keys(&mut app, "<esc>");
    send(
        &mut app,
        Msg::Entities(Box::new(EntitiesRead {
            corpus: std::sync::Arc::clone(&whole.corpus),
            entities: std::sync::Arc::clone(&whole.entities),
            entity_warnings: Vec::new(),
        })),
    );
    assert!(std::sync::Arc::ptr_eq(&app.entities, &whole.entities));
    run_keys(&mut app, "e");
    let screen = text(&render(&app));
    assert!(!screen.contains("partial"), "{screen}");
}
