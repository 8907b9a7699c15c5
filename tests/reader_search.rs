//! The search bar in the reader, driven through the real key map on the
//! bundled corpus (searches answered at once by `testing::run_keys`, as the
//! search thread would): results per keystroke, moving and going, Esc,
//! hits highlighted and stepped through with `n`/`N` across articles,
//! history, stale answers dropped, drawing at several sizes.

use dossier::app::search::{self, Scope, SearchRequest};
use dossier::app::search_bar::Item;
use dossier::app::{App, Effect, Focus, HighlightKind, Overlay};
use dossier::core::Corpus;
use dossier::core::search::SearchIndex;
use dossier::testing::{app, render, render_at, rows, run_keys, text};
use ratatui::style::Color;

fn message(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

fn status(app: &App) -> String {
    rows(&render(app)).last().cloned().unwrap_or_default()
}

/// The open bar's rows, as (kind, article id, passage or 0).
fn items(app: &App) -> Vec<(char, String, usize)> {
    let Some(Overlay::Search(bar)) = &app.overlay else {
        panic!("the search bar is not open");
    };
    bar.items()
        .iter()
        .map(|i| match i {
            Item::Title(a, _) => ('t', app.corpus.articles[*a].id.clone(), 0),
            Item::Entity(e) => ('e', app.entities.entity(e.id).unwrap().name.clone(), 0),
            Item::Passage(h) => ('p', app.corpus.articles[h.article].id.clone(), h.passage),
        })
        .collect()
}

/// Where the reader is: article id and passage number (1-based).
fn place(app: &App) -> (String, usize) {
    (app.article().unwrap().id.clone(), app.cursor() + 1)
}

#[test]
fn slash_opens_the_bar_and_results_follow_each_keystroke() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/");
    assert_eq!(a.mode(), "SEARCH");
    assert!(items(&a).is_empty());
    run_keys(&mut a, "lach");
    let first = items(&a);
    assert!(
        first.iter().filter(|i| i.0 == 'p').count() >= 5,
        "{first:?}"
    );
    run_keys(&mut a, "in corridor");
    // Entities whose name matches come first, then the passages, the best
    // one selected.
    let got = items(&a);
    assert_eq!(got[0], ('e', "Lachin corridor".into(), 0));
    let p = got.iter().position(|i| i.0 == 'p').unwrap();
    assert_eq!(got[p], ('p', "crisis-russia-strategy".into(), 5));
    assert_eq!(got[p + 1], ('p', "complicity-peacebuilding".into(), 14));
    let Some(Overlay::Search(bar)) = &a.overlay else {
        panic!()
    };
    assert_eq!(bar.cursor.selected, p);
    // The bottom row is the query line; the list shows the best sentence.
    let screen = text(&render(&a));
    let last = rows(&render(&a)).last().cloned().unwrap();
    assert!(last.starts_with(" SEARCH  /lachin corridor"), "{last}");
    assert!(screen.contains("¶ 5 · Nagorno-Karabakh Crisis"), "{screen}");
    assert!(
        screen.contains("The prolonged blockade of the Lachin"),
        "{screen}"
    );
}

#[test]
fn matched_characters_are_highlighted_in_the_results() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/1960 troops");
    let buf = render(&a);
    let screen = rows(&buf);
    let (y, row) = screen
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("1,960"))
        .expect("the sentence with 1,960");
    let col = row.find("1,960").map(|b| row[..b].chars().count()).unwrap() as u16;
    let hl = buf[(col, y as u16)].style();
    let plain = buf[(col.saturating_sub(3), y as u16)].style();
    assert_eq!(hl.bg, Some(Color::Yellow), "the match is highlighted");
    assert_ne!(plain.bg, Some(Color::Yellow), "the rest is not");
}

#[test]
fn up_down_and_ctrl_n_p_move_and_enter_goes_to_the_passage() {
    let mut a = app(80, 24);
    let before = place(&a);
    run_keys(&mut a, "/lachin corridor");
    let Some(Overlay::Search(bar)) = &a.overlay else {
        panic!()
    };
    let best = bar.cursor.selected;
    run_keys(&mut a, "<down><c-n><c-p>");
    let Some(Overlay::Search(bar)) = &a.overlay else {
        panic!()
    };
    assert_eq!(bar.cursor.selected, best + 1);
    let effects = run_keys(&mut a, "<enter>");
    assert!(a.overlay.is_none());
    assert_eq!(a.focus, Focus::Reader);
    assert_eq!(place(&a), ("complicity-peacebuilding".into(), 14));
    // Switching articles saves the state; the history is saved too.
    let Effect::Many(list) = &effects[0] else {
        panic!("{effects:?}")
    };
    assert!(list.contains(&Effect::SaveState) && list.contains(&Effect::SaveHistory));
    // The jump is in the jump list.
    run_keys(&mut a, "<c-o>");
    assert_eq!(place(&a), before);
}

#[test]
fn esc_closes_and_leaves_the_reader_where_it_was() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>jjj");
    let before = place(&a);
    run_keys(&mut a, "/lachin<down><down><esc>");
    assert!(a.overlay.is_none());
    assert_eq!(place(&a), before);
    assert!(a.active_search().is_none());
    assert!(a.search_history().is_empty());
}

#[test]
fn hits_are_highlighted_and_n_steps_across_articles_with_wrap() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/lachin corridor");
    let ranked: Vec<(String, usize)> = items(&a)
        .into_iter()
        .filter(|i| i.0 == 'p')
        .map(|i| (i.1, i.2))
        .collect();
    run_keys(&mut a, "<enter>");
    // The top result (the last hit in reading order) is hit 1: hits are
    // numbered in the order of the list chosen from.
    assert_eq!(place(&a), ("crisis-russia-strategy".into(), 5));
    assert!(
        status(&a).contains("“lachin corridor” · hit 1/5"),
        "{}",
        status(&a)
    );
    let hl = a.highlights(a.open);
    assert!(hl.iter().any(|h| h.kind == HighlightKind::CurrentHit));
    let t = &a.article().unwrap().text;
    let current: Vec<&str> = hl
        .iter()
        .filter(|h| h.kind == HighlightKind::CurrentHit)
        .map(|h| &t[h.range.clone()])
        .collect();
    assert_eq!(current, ["Lachin", "Corridor"]);
    // `n` goes down the result list, hit by hit.
    for (k, want) in ranked.iter().enumerate().skip(1).take(4) {
        run_keys(&mut a, "n");
        assert_eq!(&place(&a), want, "result {}", k + 1);
        let s = status(&a);
        assert!(s.contains(&format!("hit {}/5", k + 1)), "{s}");
    }
    run_keys(&mut a, "n");
    assert_eq!(place(&a), ("crisis-russia-strategy".into(), 5));
    assert!(message(&a).contains("Past the last hit"), "{}", message(&a));
    run_keys(&mut a, "N");
    assert_eq!(&place(&a), ranked.get(4).unwrap());
    assert!(
        message(&a).contains("Before the first hit"),
        "{}",
        message(&a)
    );
    run_keys(&mut a, "n");
    let s = a.search_status().unwrap_or_default();
    assert!(s.ends_with("hit 1/5"), "{s}");
    run_keys(&mut a, "n");
    assert_eq!(place(&a), ("complicity-peacebuilding".into(), 14));
    // Every hit passage of the article on screen is highlighted.
    run_keys(&mut a, "n");
    let art = a.article().unwrap();
    let mut passages: Vec<usize> = a
        .highlights(a.open)
        .iter()
        .filter(|h| matches!(h.kind, HighlightKind::SearchHit | HighlightKind::CurrentHit))
        .map(|h| art.passage_at(h.range.start).unwrap().number)
        .collect();
    passages.dedup();
    assert_eq!(passages, [14, 15, 17, 23]);
}

#[test]
fn the_reading_pane_draws_hits_in_the_hit_style() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/hakari bridge<enter>");
    let buf = render(&a);
    let screen = rows(&buf);
    let (y, row) = screen
        .iter()
        .enumerate()
        .find(|(_, r)| r.contains("Hakari"))
        .expect("Hakari on screen");
    let col = row[..row.find("Hakari").unwrap()].chars().count() as u16;
    let style = buf[(col, y as u16)].style();
    assert_eq!(style.bg, Some(Color::LightYellow), "the current hit");
}

#[test]
fn esc_in_the_reader_clears_the_search_then_n_says_what_to_do() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/lachin<enter>");
    assert!(a.active_search().is_some());
    run_keys(&mut a, "<esc>");
    assert!(a.active_search().is_none());
    assert!(message(&a).contains("cleared"), "{}", message(&a));
    assert!(a.highlights(a.open).is_empty());
    run_keys(&mut a, "<esc>n");
    assert!(
        message(&a).contains("Nothing to step through: / searches"),
        "{}",
        message(&a)
    );
}

#[test]
fn up_in_an_empty_bar_recalls_earlier_queries() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/lachin<enter>/hakari<enter>");
    assert_eq!(a.search_history(), ["lachin", "hakari"]);
    run_keys(&mut a, "/<up>");
    let Some(Overlay::Search(bar)) = &a.overlay else {
        panic!()
    };
    assert_eq!(bar.text(), "hakari");
    assert!(!items(&a).is_empty(), "the recalled query is searched");
    run_keys(&mut a, "<up>");
    let Some(Overlay::Search(bar)) = &a.overlay else {
        panic!()
    };
    assert_eq!(bar.text(), "lachin");
    run_keys(&mut a, "<down><down>");
    let Some(Overlay::Search(bar)) = &a.overlay else {
        panic!()
    };
    assert_eq!(bar.text(), "");
    // Typing after a recall searches the text; Up then moves in the list.
    run_keys(&mut a, "<up><up>x<backspace>");
    let Some(Overlay::Search(bar)) = &a.overlay else {
        panic!()
    };
    let best = bar.cursor.selected;
    run_keys(&mut a, "<down><down><up>");
    let Some(Overlay::Search(bar)) = &a.overlay else {
        panic!()
    };
    assert_eq!((bar.text(), bar.cursor.selected), ("lachin", best + 1));
    // A repeated query moves to the end of the history.
    run_keys(&mut a, "<esc>/lachin<enter>");
    assert_eq!(a.search_history(), ["hakari", "lachin"]);
    // What is saved reads back into a new reader.
    let saved = a.search_history_json();
    let mut b = app(80, 24);
    b.update(dossier::app::Msg::SearchHistory(
        search::parse_history(&saved).unwrap(),
    ));
    run_keys(&mut b, "/<up>");
    let Some(Overlay::Search(bar)) = &b.overlay else {
        panic!()
    };
    assert_eq!(bar.text(), "lachin");
}

#[test]
fn a_title_result_opens_the_article_and_an_entity_result_follows_it() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/betrayl");
    assert_eq!(items(&a), [('t', "story-of-a-betrayal".into(), 0)]);
    run_keys(&mut a, "<enter>");
    assert_eq!(place(&a), ("story-of-a-betrayal".into(), 1));
    let mut a = app(80, 24);
    run_keys(&mut a, "/aliev");
    let rows = items(&a);
    let e = rows.iter().position(|r| r.0 == 'e').expect("an entity row");
    assert_eq!(rows[e].1, "Ilham Aliyev");
    let Some(Overlay::Search(bar)) = &a.overlay else {
        panic!()
    };
    for _ in e..bar.cursor.selected {
        run_keys(&mut a, "<up>");
    }
    run_keys(&mut a, "<enter>");
    assert!(a.overlay.is_none());
    assert_eq!(
        a.current_entity().map(|e| e.name.as_str()),
        Some("Ilham Aliyev")
    );
    // The catalogue's aliases count as matches: "aliev" finds "Aliyev".
    assert!(
        rows.iter()
            .any(|r| r.0 == 'p' && r.1 == "crisis-russia-strategy" && r.2 == 11)
    );
}

#[test]
fn answers_to_older_requests_are_dropped() {
    let corpus = Corpus::bundled();
    let index = SearchIndex::build(&corpus);
    let mut a = app(80, 24);
    run_keys(&mut a, "/");
    // Type two keys without answering: two requests.
    let mut requests = Vec::new();
    for k in ['l', 'a'] {
        match a.update(dossier::app::Key::char(k)) {
            Some(Effect::Search(r)) => requests.push(r),
            other => panic!("{other:?}"),
        }
    }
    assert!(requests[0].id < requests[1].id);
    // The older answer comes last: it is dropped.
    let newer = search::run(&index, &corpus, &(), None, &requests[1]);
    let older = search::run(&index, &corpus, &(), None, &requests[0]);
    a.update(dossier::app::Msg::Searched(newer));
    let shown = items(&a);
    a.update(dossier::app::Msg::Searched(older));
    assert_eq!(items(&a), shown);
    assert!(!shown.is_empty());
    // An answer for an All request that is not the search run last too.
    let stray = SearchRequest {
        id: 999,
        text: "russia".into(),
        scope: Scope::All,
    };
    assert_eq!(
        a.update(dossier::app::Msg::Searched(search::run(
            &index,
            &corpus,
            &(),
            None,
            &stray
        ))),
        None
    );
}

#[test]
fn enter_before_the_answer_goes_when_it_comes() {
    let corpus = Corpus::bundled();
    let index = SearchIndex::build(&corpus);
    let mut a = app(80, 24);
    run_keys(&mut a, "/");
    let mut last = None;
    for k in "canback".chars() {
        if let Some(Effect::Search(r)) = a.update(dossier::app::Key::char(k)) {
            last = Some(r);
        }
    }
    assert_eq!(
        a.update(dossier::app::Key::new(dossier::app::KeyCode::Enter)),
        None
    );
    assert!(a.overlay.is_some(), "waiting for the answer");
    let effect = a.update(dossier::app::Msg::Searched(search::run(
        &index,
        &corpus,
        &(),
        None,
        &last.unwrap(),
    )));
    assert!(a.overlay.is_none());
    assert!(matches!(effect, Some(Effect::Many(_))), "{effect:?}");
    assert_eq!(place(&a), ("story-of-a-betrayal".into(), 1));
}

#[test]
fn nothing_found_says_so_and_keeps_the_bar_open() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/xylophone");
    assert!(items(&a).is_empty());
    assert!(text(&render(&a)).contains("Nothing matches"));
    run_keys(&mut a, "<enter>");
    // The bar stays open with the query, says what to do, and the query
    // does not go into the history: only accepted queries do.
    assert!(matches!(a.overlay, Some(Overlay::Search(_))));
    assert!(
        message(&a).contains("Nothing matches “xylophone” · Esc closes"),
        "{}",
        message(&a)
    );
    assert!(a.search_history().is_empty());
    // The message is whole in the bar's border at 80 columns.
    assert!(text(&render(&a)).contains("Nothing matches “xylophone” · Esc closes"));
    run_keys(&mut a, "<esc>");
    assert!(a.overlay.is_none());
    assert!(a.search_history().is_empty());
    // Enter in an empty bar says what to do too.
    run_keys(&mut a, "/<enter>");
    assert!(matches!(a.overlay, Some(Overlay::Search(_))));
    assert!(
        message(&a).contains("Type what to search for"),
        "{}",
        message(&a)
    );
    // A query that led somewhere is remembered.
    run_keys(&mut a, "xylophone<c-w>lachin<enter>");
    assert!(a.overlay.is_none());
    assert_eq!(a.search_history(), ["lachin"]);
}

#[test]
fn the_bar_draws_at_every_size() {
    for (w, h) in [(80, 24), (40, 12), (120, 40), (1, 1), (45, 30)] {
        let mut a = app(w, h);
        run_keys(&mut a, "/lachin corridor<down>");
        let buf = render_at(&a, w, h);
        if w >= 40 && h >= 12 {
            let screen = text(&buf);
            assert!(screen.contains("SEARCH"), "{w}x{h}:\n{screen}");
            assert!(screen.contains("¶ "), "{w}x{h}:\n{screen}");
        }
    }
}

#[test]
fn at_names_find_the_passages_where_the_entities_are_together() {
    let mut a = app(80, 24);
    let lachin = a.entities.resolve("lachin").unwrap();
    let peace = a.entities.resolve("peacekeepers").unwrap();
    let together = a.entities.passages_with_all(&[lachin, peace]);
    assert!(!together.is_empty());
    assert!(together.len() < a.entities.passages_of(lachin).len());
    run_keys(&mut a, "/@lachin @peacekeepers");
    let found: Vec<(usize, usize)> = {
        let Some(Overlay::Search(bar)) = &a.overlay else {
            panic!("the search bar is open");
        };
        bar.results
            .as_ref()
            .unwrap()
            .passages
            .iter()
            .map(|h| (h.article, h.passage))
            .collect()
    };
    // Only passages mentioning both: all of them, nothing else.
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(sorted, together);
    // A word narrows them further.
    run_keys(&mut a, " russia");
    for (kind, id, passage) in items(&a).into_iter().filter(|i| i.0 == 'p') {
        let article = a.corpus.articles.iter().position(|x| x.id == id).unwrap();
        assert!(together.contains(&(article, passage)), "{id} ¶{passage}");
        assert_eq!(kind, 'p');
    }
    // Enter: n/N step through exactly those passages.
    run_keys(&mut a, "<c-u>@lachin @peacekeepers<enter>");
    assert_eq!(a.active_search().unwrap().hits, together);
    // Their mentions are highlighted in the hits, like the words.
    assert_eq!(a.active_search().unwrap().entities, [lachin, peace]);
    let (article, passage) = together[0];
    let marked: Vec<_> = a.highlights(article).into_iter().map(|h| h.range).collect();
    let m = a
        .entities
        .mentions_in(peace, article)
        .iter()
        .find(|m| m.passage() == passage);
    assert!(marked.contains(&m.unwrap().range()), "{marked:?}");
}

#[test]
fn an_at_name_that_names_nothing_says_so_in_the_bar() {
    let mut a = app(80, 24);
    run_keys(&mut a, "/corridor @lachn");
    // "@lachn" is no name: the bar says so (with the closest names) and
    // lists no passage rather than ignoring the name.
    assert!(!items(&a).iter().any(|i| i.0 == 'p'), "{:?}", items(&a));
    assert!(
        message(&a).starts_with("No entity is named “@lachn”; did you mean"),
        "{}",
        message(&a)
    );
    let screen = text(&render(&a));
    assert!(screen.contains("No entity is named"), "{screen}");
    // One more letter and it names Lachin.
    run_keys(&mut a, "<backspace>in");
    assert!(items(&a).iter().any(|i| i.0 == 'p'), "{:?}", items(&a));
}

#[test]
fn the_reader_searches_with_the_names_discovery_merged() {
    // A folder without entities.toml: "Ivanova" alone is the same person
    // as "Maria Ivanova" there, so searching the full name finds it too,
    // as `dossier search` does.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("one.txt"),
        "Field notes\n\nThe envoy Maria Ivanova met the press in Geneva.\n\nLater, Ivanova flew home to Vienna.",
    )
    .unwrap();
    let corpus = Corpus::load_dir(dir.path()).unwrap();
    let mut a = dossier::testing::app_with(corpus, Default::default(), 80, 24);
    let id = a.entities.resolve("Maria Ivanova").unwrap();
    assert!(
        a.entities
            .entity(id)
            .unwrap()
            .aliases
            .iter()
            .any(|n| n == "Ivanova"),
        "{:?}",
        a.entities.entity(id)
    );
    run_keys(&mut a, "/maria ivanova<enter>");
    let hits = &a.active_search().unwrap().hits;
    assert_eq!(hits, &[(0, 1), (0, 2)]);
}

#[test]
fn a_late_answer_about_a_name_since_corrected_says_nothing() {
    let corpus = Corpus::bundled();
    let index = SearchIndex::build(&corpus);
    let mut a = app(80, 24);
    run_keys(&mut a, "/");
    let mut requests = Vec::new();
    for k in "@lachn".chars() {
        if let Some(Effect::Search(r)) = a.update(dossier::app::Key::char(k)) {
            requests.push(r);
        }
    }
    let stale = requests.pop().unwrap();
    for k in ['i', 'n'] {
        a.update(dossier::app::Key::char(k));
    }
    // The answer to "@lachn" comes after "@lachnin" was typed: dropped,
    // and no message about a name no longer in the bar.
    let entities = a.entities.clone();
    let answer = search::run(&index, &corpus, &(), Some(&entities), &stale);
    assert!(answer.problem.is_some());
    a.update(dossier::app::Msg::Searched(answer));
    assert_eq!(message(&a), "");
}

#[test]
fn a_wrong_word_still_finds_the_passage_and_the_bar_says_which() {
    let mut a = app(100, 30);
    run_keys(&mut a, "/airport crowd zanzibar");
    let got = items(&a);
    let first = got
        .iter()
        .find(|i| i.0 == 'p')
        .expect("partial matches shown");
    assert_eq!(first.1, "crisis-russia-strategy", "{got:?}");
    let screen = text(&render(&a));
    assert!(screen.contains("best 2 of 3 words"), "{screen}");
    assert!(screen.contains("no “zanzibar”"), "{screen}");
    // Enter lands on it, and n/N step through the passages with both.
    run_keys(&mut a, "<enter>");
    assert_eq!(place(&a).0, "crisis-russia-strategy");
    // With every word found, the bar says nothing of the sort.
    run_keys(&mut a, "/airport crowd");
    let screen = text(&render(&a));
    assert!(!screen.contains("best "), "{screen}");
    assert!(!screen.contains("no “"), "{screen}");
}
