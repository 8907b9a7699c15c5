//! Pasted text in the reader (bracketed paste: one message, however long),
//! driven through the runtime's own executor on the bundled corpus: into
//! the search bar (line breaks as spaces, one search, a long text cut to
//! its distinctive words so that a pasted paragraph finds its own passage
//! first), into the note editor (line breaks kept), and anywhere else
//! (nothing done, and said so: pasted letters are never commands).

use dossier::app::search_bar::Item;
use dossier::app::{App, Effect, Key, KeyCode, Msg, Overlay};
use dossier::core::corpus::PassageKind;
use dossier::core::search::MAX_QUERY_WORDS;
use dossier::runtime::executor::deliver;
use dossier::testing::{TestHost, app, render, run_keys, send, text};

fn bar_text(app: &App) -> String {
    match &app.overlay {
        Some(Overlay::Search(bar)) => bar.text().to_string(),
        other => panic!("the search bar is not open: {other:?}"),
    }
}

/// The first passage listed under the bar: (article index, passage).
fn first_passage(app: &App) -> Option<(usize, usize)> {
    let Some(Overlay::Search(bar)) = &app.overlay else {
        panic!("the search bar is not open");
    };
    bar.items().iter().find_map(|i| match i {
        Item::Passage(h) => Some((h.article, h.passage)),
        _ => None,
    })
}

#[test]
fn a_paste_goes_into_the_bar_at_once_with_line_breaks_as_spaces_and_one_search() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/");
    let effect = send(&mut a, Msg::Paste("Lachin\r\ncorridor\tblockade".into()));
    assert_eq!(bar_text(&a), "Lachin corridor blockade");
    // One search for the whole paste, answered.
    assert!(matches!(effect, Some(Effect::Search(_))), "{effect:?}");
    assert!(first_passage(&a).is_some());
    // Typing goes on after the pasted text.
    run_keys(&mut a, "s");
    assert_eq!(bar_text(&a), "Lachin corridor blockades");
}

#[test]
fn control_characters_in_a_paste_never_reach_the_bar() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/");
    send(&mut a, Msg::Paste("a\x1b[31mred\x07\u{9b}b".into()));
    // Whole escape sequences go, not only their ESC (an 8-bit CSI takes the
    // "b" after it as its final byte).
    assert_eq!(bar_text(&a), "ared");
}

#[test]
fn long_pasted_paragraphs_find_their_own_passage_first() {
    let mut a = app(100, 30);
    let corpus = std::sync::Arc::clone(&a.corpus);
    // One host (one search index) for all the pastes.
    let mut host = TestHost::for_app(&a);
    let mut tried = 0;
    let mut long = 0;
    for (ai, article) in corpus.articles.iter().enumerate() {
        for p in &article.passages {
            let text = &article.text[p.range.clone()];
            let words = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .count();
            // Paragraphs long enough to be cut for ranking; every other
            // one (a search of a debug build takes a while).
            if p.kind != PassageKind::Paragraph || words <= MAX_QUERY_WORDS {
                continue;
            }
            long += 1;
            if long % 2 == 0 {
                continue;
            }
            for msg in [
                Msg::Key(Key::new(KeyCode::Esc)),
                Msg::Key(Key::char('/')),
                Msg::Paste(format!("{text}\n")),
            ] {
                deliver(&mut a, &mut host, msg).unwrap();
            }
            assert_eq!(
                first_passage(&a),
                Some((ai, p.number)),
                "pasting ¶{} of {}: {text}",
                p.number,
                article.id
            );
            tried += 1;
        }
    }
    assert!(tried >= 50, "only {tried} of {long} paragraphs tried");
}

#[test]
fn a_long_paste_is_cut_for_ranking_and_the_bar_says_so() {
    let mut a = app(100, 30);
    let article = &a.corpus.articles[2];
    // Two pages of text: every paragraph of the article, twice.
    let page = article.text.repeat(2);
    let (first, number) = article
        .passages
        .iter()
        .find(|p| p.kind == PassageKind::Paragraph && p.range.len() > 300)
        .map(|p| (article.text[p.range.clone()].to_string(), p.number))
        .unwrap();
    let start = page.find(&first).unwrap();
    run_keys(&mut a, "/");
    send(&mut a, Msg::Paste(page[start..].to_string()));
    assert_eq!(first_passage(&a), Some((2, number)));
    let screen = text(&render(&a));
    assert!(
        screen.contains(&format!("long query: {MAX_QUERY_WORDS} distinctive of")),
        "{screen}"
    );
    // Esc closes the bar at once, as after typing.
    run_keys(&mut a, "<esc>");
    assert!(a.overlay.is_none());
}

#[test]
fn a_paste_goes_into_a_note_with_its_line_breaks() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>m");
    send(
        &mut a,
        Msg::Paste("first line\r\nsecond\n\x1b[2Jthird".into()),
    );
    let effects = run_keys(&mut a, "!<enter>");
    // Saving also deletes the note's draft: the change is among the effects.
    let flat: Vec<&Effect> = effects
        .iter()
        .flat_map(|e| match e {
            Effect::Many(inner) => inner.iter().collect(),
            e => vec![e],
        })
        .collect();
    let Some(Effect::Bookmarks(dossier::app::BookmarkChange::Add { note, .. })) =
        flat.iter().find(|e| matches!(e, Effect::Bookmarks(_)))
    else {
        panic!("{effects:?}")
    };
    assert_eq!(note, "first line\nsecond\nthird!");
}

#[test]
fn a_paste_elsewhere_does_nothing_and_says_where_it_goes() {
    let mut a = app(80, 24);
    let before = a.saved_state();
    // Letters that would quit, open things and move if they were keys.
    assert_eq!(send(&mut a, Msg::Paste("qjjm/e".into())), None);
    assert_eq!(a.mode(), "LIST");
    assert_eq!(a.saved_state(), before);
    let m = a.message().expect("a message").text.clone();
    assert!(
        m.contains("search bar (/)") && m.contains("note (m)"),
        "{m}"
    );
}

#[test]
fn a_burst_of_keys_ends_where_the_same_keys_one_by_one_end() {
    // Letters typed faster than the reader answers reach the open text box
    // as one insertion (Msg::Typed); the screen must be the same as after
    // pressing them one at a time, commands included.
    for keys in [
        "/lachin corirdor<down><down>x<backspace>",
        "/<up>",
        "<enter>eali<down>yev<enter>",
        "<enter>Jmq and j are text<a-enter>two<esc>",
        "/aliev<esc>jjq",
    ] {
        let mut one_by_one = app(80, 24);
        run_keys(&mut one_by_one, keys);
        let mut burst = app(80, 24);
        let mut host = TestHost::for_app(&burst);
        let parsed = Key::parse_sequence(keys).unwrap();
        dossier::runtime::executor::deliver_keys(&mut burst, &mut host, &parsed).unwrap();
        assert_eq!(
            text(&render(&burst)),
            text(&render(&one_by_one)),
            "after {keys}"
        );
        assert_eq!(
            burst.saved_state(),
            one_by_one.saved_state(),
            "after {keys}"
        );
    }
    // The run is only the letters the open box takes as text.
    let mut a = app(80, 24);
    run_keys(&mut a, "/");
    let keys = Key::parse_sequence("abc<down>d").unwrap();
    assert_eq!(a.typed_run(&keys), 3);
    run_keys(&mut a, "<esc>");
    assert_eq!(a.typed_run(&keys), 0, "no text box open: keys are commands");
}
