//! A large folder read in the background at start: the reader shows its
//! first articles with a progress line, says that search and entities are
//! partial, and once the whole folder arrives (`Msg::Loaded`) it applies
//! what waited for it: the article read last, its position, the draft
//! note. Driven through `App::update`, drawn into `TestBackend`.

use dossier::app::draft::Draft;
use dossier::app::persist::{SavedPosition, SavedState, VERSION};
use dossier::app::reload::{EntitiesRead, Reloaded};
use dossier::app::{App, Config, Msg, Overlay};
use dossier::core::Corpus;
use dossier::core::corpus::Progress;
use dossier::testing::{app_with, render, rows, run_keys, send, text};

/// A folder of `n` articles, `a00` .. (ids `a00`, ...), each with three
/// passages.
fn folder(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..n {
        let body = format!("Title {i:02}\n\nFirst of {i}.\n\nSecond of {i}.\n\nThird of {i}.");
        std::fs::write(dir.path().join(format!("a{i:02}.txt")), body).unwrap();
    }
    dir
}

/// The first `k` articles of the folder, as the reader starts with them.
fn first(whole: &Corpus, k: usize) -> Corpus {
    let mut c = whole.clone();
    c.articles.truncate(k);
    c
}

fn saved(last: &str, passage: usize) -> SavedState {
    let mut s = SavedState {
        version: VERSION,
        last: Some(last.into()),
        ..SavedState::default()
    };
    s.positions
        .insert(last.into(), SavedPosition { passage, top: 0 });
    s
}

/// A reader on the first 3 of 12 articles, told that loading started and
/// given `state.json`, as the runtime does.
fn loading_app(whole: &Corpus, state: SavedState) -> App {
    let mut app = app_with(first(whole, 3), Config::default(), 100, 30);
    app.update(Msg::Loading(Progress::default()));
    app.update(Msg::Restore(state));
    app
}

#[test]
fn the_status_bar_tells_the_progress_and_search_says_partial() {
    let dir = folder(12);
    let whole = Corpus::load_dir(dir.path()).unwrap();
    let mut app = loading_app(&whole, SavedState::default());
    let last = rows(&render(&app)).pop().unwrap();
    assert!(last.contains("Reading the folder"), "{last}");
    app.update(Msg::Loading(Progress {
        read: 12,
        parsed: 6,
        total: 12,
    }));
    let last = rows(&render(&app)).pop().unwrap();
    assert!(last.contains("Reading 12/12 files (60%)"), "{last}");
    assert!(last.contains("partial"), "{last}");
    run_keys(&mut app, "/");
    let screen = text(&render(&app));
    assert!(screen.contains("partial: 60% read"), "{screen}");
    run_keys(&mut app, "<esc>e");
    let screen = text(&render(&app));
    assert!(screen.contains("partial: 60% read"), "{screen}");
    run_keys(&mut app, "<esc>");
    send(&mut app, Msg::Loaded(Ok(Box::new(Reloaded::new(whole)))));
    assert_eq!(app.corpus.articles.len(), 12);
    let screen = text(&render(&app));
    assert!(!screen.contains("partial"), "{screen}");
    assert!(!screen.contains("Reading"), "{screen}");
    assert!(
        !screen.contains("articles added"),
        "no reload summary:\n{screen}"
    );
}

#[test]
fn an_open_search_bar_says_when_it_is_indexing() {
    let dir = folder(12);
    let whole = Corpus::load_dir(dir.path()).unwrap();
    let mut app = loading_app(&whole, SavedState::default());
    run_keys(&mut app, "/a");
    app.update(Msg::Loading(Progress {
        read: 12,
        parsed: 12,
        total: 12,
    }));
    let screen = text(&render(&app));
    assert!(screen.contains("partial: indexing"), "{screen}");
    // At 40 columns the summary gives way to the note, whole.
    app.update(Msg::Action(dossier::app::Action::Resize {
        width: 40,
        height: 12,
    }));
    let screen = text(&render(&app));
    assert!(screen.contains(" partial: indexing "), "{screen}");
    send(&mut app, Msg::Loaded(Ok(Box::new(Reloaded::new(whole)))));
    run_keys(&mut app, "<esc>/");
    assert_eq!(app.corpus.articles.len(), 12);
    assert!(!text(&render(&app)).contains("partial"));
}

#[test]
fn the_article_read_last_opens_when_it_arrives_and_its_position_is_kept_meanwhile() {
    let dir = folder(12);
    let whole = Corpus::load_dir(dir.path()).unwrap();
    let mut app = loading_app(&whole, saved("a09", 3));
    // Not there yet: the reader is on the first article, and state.json
    // would still name a09 with its position.
    assert_eq!(app.article().unwrap().id, "a00");
    let kept = app.saved_state();
    assert_eq!(kept.last.as_deref(), Some("a09"));
    assert_eq!(kept.positions["a09"].passage, 3);
    send(&mut app, Msg::Loaded(Ok(Box::new(Reloaded::new(whole)))));
    assert_eq!(app.article().unwrap().id, "a09");
    assert_eq!(app.saved_state().positions["a09"].passage, 3);
    assert_eq!(app.saved_state().last.as_deref(), Some("a09"));
}

#[test]
fn an_article_opened_while_loading_stays_open() {
    let dir = folder(12);
    let whole = Corpus::load_dir(dir.path()).unwrap();
    let mut app = loading_app(&whole, saved("a09", 2));
    run_keys(&mut app, "j<enter>");
    assert_eq!(app.article().unwrap().id, "a01");
    // The reader moved on: a01 is the article read last now.
    assert_eq!(app.saved_state().last.as_deref(), Some("a01"));
    // ... but a09's position is not forgotten.
    assert_eq!(app.saved_state().positions["a09"].passage, 2);
    send(&mut app, Msg::Loaded(Ok(Box::new(Reloaded::new(whole)))));
    assert_eq!(app.article().unwrap().id, "a01");
    assert_eq!(app.saved_state().positions["a09"].passage, 2);
}

#[test]
fn a_draft_for_an_article_not_read_yet_is_offered_when_it_arrives() {
    let dir = folder(12);
    let whole = Corpus::load_dir(dir.path()).unwrap();
    let mut app = loading_app(&whole, SavedState::default());
    app.update(Msg::Draft(Draft {
        version: 1,
        article: "a10".into(),
        first: 2,
        last: 2,
        text: "check this".into(),
        bookmark: None,
    }));
    assert!(app.overlay.is_none());
    send(&mut app, Msg::Loaded(Ok(Box::new(Reloaded::new(whole)))));
    assert!(matches!(app.overlay, Some(Overlay::Note(_))));
    assert_eq!(app.article().unwrap().id, "a10");
}

#[test]
fn an_open_search_bar_takes_the_whole_folder_and_asks_again() {
    let dir = folder(12);
    let whole = Corpus::load_dir(dir.path()).unwrap();
    let mut app = loading_app(&whole, SavedState::default());
    run_keys(&mut app, "/third of 10");
    let screen = text(&render(&app));
    assert!(screen.contains("partial"), "{screen}");
    assert!(!screen.contains("Title 10"), "not read yet: {screen}");
    let effect = send(&mut app, Msg::Loaded(Ok(Box::new(Reloaded::new(whole)))));
    // Taken at once, the bar still open, its query asked again of all.
    assert_eq!(app.corpus.articles.len(), 12);
    assert!(matches!(app.overlay, Some(Overlay::Search(_))));
    assert!(format!("{effect:?}").contains("Search("), "{effect:?}");
    let screen = text(&render(&app));
    assert!(screen.contains("Title 10"), "{screen}");
    assert!(!screen.contains("partial"), "{screen}");
    assert!(app.loading_line().is_none());
    run_keys(&mut app, "<enter>");
    assert_eq!(app.article().unwrap().id, "a10");
}

#[test]
fn the_whole_folder_waits_while_a_list_holds_places() {
    let dir = folder(12);
    let whole = Corpus::load_dir(dir.path()).unwrap();
    let mut app = loading_app(&whole, SavedState::default());
    run_keys(&mut app, "'");
    assert!(app.overlay.is_some(), "the bookmark list is open");
    send(&mut app, Msg::Loaded(Ok(Box::new(Reloaded::new(whole)))));
    assert_eq!(app.corpus.articles.len(), 3);
    run_keys(&mut app, "<esc>");
    assert_eq!(app.corpus.articles.len(), 12);
}

#[test]
fn a_folder_that_cannot_be_read_whole_keeps_the_first_articles_and_says_so() {
    let dir = folder(12);
    let whole = Corpus::load_dir(dir.path()).unwrap();
    let mut app = loading_app(&whole, SavedState::default());
    app.update(Msg::Loaded(Err("The folder could not be read".into())));
    assert_eq!(app.corpus.articles.len(), 3);
    assert!(app.loading_line().is_none());
    assert!(app.message().unwrap().text.contains("could not be read"));
}

/// The whole folder as the kept index serves it: articles and search at
/// once, the entity index after.
fn served_without_entities(whole: &Reloaded) -> Msg {
    Msg::Loaded(Ok(Box::new(Reloaded {
        corpus: std::sync::Arc::clone(&whole.corpus),
        entities: Default::default(),
        entity_warnings: Vec::new(),
        entities_to_come: true,
    })))
}

/// The entity index of `whole`'s articles, as the load thread sends it
/// after them.
fn entities_of(whole: &Reloaded) -> Msg {
    Msg::Entities(Box::new(EntitiesRead {
        corpus: std::sync::Arc::clone(&whole.corpus),
        entities: std::sync::Arc::clone(&whole.entities),
        entity_warnings: Vec::new(),
    }))
}

#[test]
fn articles_sent_before_their_entities_search_whole_and_the_entity_list_waits() {
    let whole = Reloaded::new(Corpus::bundled());
    assert!(!whole.entities.entities().is_empty());
    let mut app = loading_app(&whole.corpus, SavedState::default());
    send(&mut app, served_without_entities(&whole));
    assert_eq!(app.corpus.articles.len(), whole.corpus.articles.len());
    let last = rows(&render(&app)).pop().unwrap();
    assert!(
        last.contains("Reading the entities of 5 articles · entities partial"),
        "{last}"
    );
    // Search is whole, but for its entity matches.
    run_keys(&mut app, "/lachin");
    let screen = text(&render(&app));
    assert!(!screen.contains("partial"), "{screen}");
    assert!(screen.contains("entity matches to come"), "{screen}");
    // The entity list is, until its index comes.
    run_keys(&mut app, "<enter>e");
    let screen = text(&render(&app));
    assert!(screen.contains("partial: reading entities"), "{screen}");
    run_keys(&mut app, "<esc>");
    // An index for other articles (gone meanwhile) is not taken.
    let other = Reloaded::new(Corpus::bundled());
    send(&mut app, entities_of(&other));
    assert!(app.entities.entities().is_empty());
    let again = send(&mut app, entities_of(&whole));
    assert!(std::sync::Arc::ptr_eq(&app.entities, &whole.entities));
    // The search thread takes the entities (keeping its index), and the
    // search run last is asked again, for its entity matches.
    assert!(format!("{again:?}").contains("Reindex"), "{again:?}");
    assert!(format!("{again:?}").contains("Search("), "{again:?}");
    let last = rows(&render(&app)).pop().unwrap();
    assert!(!last.contains("Reading"), "{last}");
    run_keys(&mut app, "e");
    let screen = text(&render(&app));
    assert!(!screen.contains("partial"), "{screen}");
    let name = &whole.entities.entities()[0].name;
    assert!(screen.contains(name.as_str()), "{name}:\n{screen}");
}

#[test]
fn entities_that_come_while_their_articles_wait_for_an_overlay_go_in_with_them() {
    let whole = Reloaded::new(Corpus::bundled());
    let mut app = loading_app(&whole.corpus, SavedState::default());
    run_keys(&mut app, "'");
    send(&mut app, served_without_entities(&whole));
    assert_eq!(app.corpus.articles.len(), 3, "waits for the bookmark list");
    send(&mut app, entities_of(&whole));
    run_keys(&mut app, "<esc>");
    assert_eq!(app.corpus.articles.len(), 5);
    assert!(std::sync::Arc::ptr_eq(&app.entities, &whole.entities));
    let screen = text(&render(&app));
    assert!(!screen.contains("Reading"), "{screen}");
    assert!(!screen.contains("partial"), "{screen}");
}

#[test]
fn an_entity_followed_while_loading_is_followed_again_once_entities_come() {
    let whole = Reloaded::new(Corpus::bundled());
    let mut app = loading_app(&whole.corpus, SavedState::default());
    run_keys(&mut app, "e<enter>");
    send(&mut app, served_without_entities(&whole));
    let waiting = text(&render(&app));
    send(&mut app, entities_of(&whole));
    let again = text(&render(&app));
    // The list's heading names the entity followed (its mentions by
    // article), or says "words" when none is.
    let heading = |screen: &str| screen.lines().next().unwrap().to_string();
    assert!(heading(&waiting).contains(" words "), "{waiting}");
    assert!(heading(&again).contains(" Russia "), "{again}");
    assert!(again.contains("Nagorno-Karabakh    18 "), "{again}");
}
