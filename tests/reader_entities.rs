//! Entities in the reader, driven through the real key map on the bundled
//! corpus: the picker, following an entity, `n`/`N` across articles, `*`,
//! highlights (checked cell by cell: text snapshots do not show style), the
//! source list's counts and dispersion strip, and the concordance.

use dossier::app::{App, Effect, Focus, Overlay};
use dossier::core::entity::Field;
use dossier::testing::{app, render, rows, run_keys, text};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn message(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

fn status(app: &App) -> String {
    rows(&render(app)).last().cloned().unwrap_or_default()
}

fn following(app: &App) -> String {
    app.current_entity()
        .map(|e| e.name.clone())
        .unwrap_or_default()
}

/// Positions `(x, y)` where `word` starts on screen, inside the reading
/// pane (right of the list).
fn find_on_screen(buf: &Buffer, word: &str, from_x: u16) -> Vec<(u16, u16)> {
    let mut out = Vec::new();
    for (y, row) in rows(buf).iter().enumerate() {
        let chars: Vec<char> = row.chars().collect();
        let w: Vec<char> = word.chars().collect();
        for x in 0..chars.len().saturating_sub(w.len() - 1) {
            if chars[x..x + w.len()] == w[..] && x as u16 >= from_x {
                out.push((x as u16, y as u16));
            }
        }
    }
    out
}

#[test]
fn the_picker_filters_as_you_type_and_enter_follows() {
    let mut a = app(80, 24);
    run_keys(&mut a, "e");
    assert_eq!(a.mode(), "ENTITIES");
    let screen = text(&render(&a));
    assert!(screen.contains("KIND"), "{screen}");
    // The most mentioned first, with kind, mentions and articles.
    let russia = screen.lines().find(|l| l.contains("Russia ")).unwrap();
    assert!(russia.contains("place"), "{russia}");
    assert!(russia.contains("144"), "{russia}");
    // An alias finds the entity: "aliev" is Ilham Aliyev.
    run_keys(&mut a, "aliev");
    let Some(Overlay::EntityPicker(p)) = &a.overlay else {
        panic!("the picker is open");
    };
    assert_eq!(a.entities.entity(p.shown[0]).unwrap().name, "Ilham Aliyev");
    // Typed letters are text, not keys: "j" and "q" went into the filter.
    run_keys(
        &mut a,
        "<backspace><backspace><backspace><backspace><backspace>jq",
    );
    assert_eq!(a.mode(), "ENTITIES");
    run_keys(&mut a, "<backspace><backspace>lavrov<enter>");
    assert!(a.overlay.is_none());
    assert_eq!(following(&a), "Sergei Lavrov");
    assert!(
        message(&a).contains("3 mentions in 2 articles"),
        "{}",
        message(&a)
    );
    // The next key dismisses the message; the status line shows the entity.
    run_keys(&mut a, "<tab><tab>");
    assert!(
        status(&a).contains("Sergei Lavrov · 3 mentions in 2 articles"),
        "{}",
        status(&a)
    );
    // Esc in the picker closes it without changing anything.
    run_keys(&mut a, "ekremlin<esc>");
    assert!(a.overlay.is_none());
    assert_eq!(following(&a), "Sergei Lavrov");
}

#[test]
fn n_and_shift_n_walk_the_mentions_across_articles_and_wrap() {
    let mut a = app(80, 24);
    run_keys(&mut a, "elavrov<enter>");
    run_keys(&mut a, "n");
    assert_eq!(a.focus, Focus::Reader, "n shows the mention");
    assert_eq!(a.open, 0);
    let m = a.current_mention().unwrap();
    assert_eq!((m.article(), m.passage()), (0, 2));
    assert_eq!(a.cursor(), 1, "the passage cursor is on the mention");
    assert!(
        status(&a).contains("Sergei Lavrov · mention 1/3 · article 1/2"),
        "{}",
        status(&a)
    );
    // Into the next article.
    let effects = run_keys(&mut a, "n");
    assert_eq!(effects, vec![Effect::SaveState], "the article changed");
    assert_eq!(a.open, 1);
    assert!(
        status(&a).contains("mention 2/3 · article 2/2"),
        "{}",
        status(&a)
    );
    run_keys(&mut a, "n");
    assert_eq!(a.current_mention().unwrap().passage(), 19);
    // Past the last: back to the first, and it says so.
    run_keys(&mut a, "n");
    assert_eq!(a.open, 0);
    assert!(message(&a).contains("back to the first"), "{}", message(&a));
    // And backwards round the start.
    run_keys(&mut a, "N");
    assert_eq!(a.open, 1);
    assert_eq!(a.current_mention().unwrap().passage(), 19);
    assert!(message(&a).contains("on to the last"), "{}", message(&a));
    run_keys(&mut a, "N");
    assert_eq!(a.current_mention().unwrap().passage(), 18);
}

#[test]
fn every_jump_to_a_mention_goes_into_the_jump_list() {
    let mut a = app(80, 24);
    run_keys(&mut a, "elavrov<enter>nn");
    assert_eq!(a.open, 1);
    run_keys(&mut a, "<c-o>");
    assert_eq!((a.open, a.cursor()), (0, 1), "back to the first mention");
    run_keys(&mut a, "<c-o>");
    assert_eq!((a.open, a.cursor()), (0, 0), "back to where we started");
    run_keys(&mut a, "<c-t><c-t>");
    assert_eq!(a.open, 1);
}

#[test]
fn n_from_the_passage_cursor_finds_the_mention_on_it() {
    let mut a = app(80, 24);
    // Article 02, passage 2 mentions Russia first ("Russia’s role...").
    run_keys(&mut a, "j<enter>J");
    run_keys(&mut a, "erussia<enter>n");
    let m = a.current_mention().unwrap();
    assert_eq!((m.article(), m.field(), m.passage()), (1, Field::Body, 2));
    // N from there goes back to passage 1 ("Russia used the Karabakh...").
    run_keys(&mut a, "N");
    assert_eq!(a.current_mention().unwrap().passage(), 1);
    // And once more: the title mention of this article.
    run_keys(&mut a, "N");
    let m = a.current_mention().unwrap();
    assert_eq!((m.article(), m.field()), (1, Field::Title));
}

#[test]
fn n_without_an_entity_says_how_to_choose_one() {
    let mut a = app(80, 24);
    run_keys(&mut a, "n");
    assert!(message(&a).contains("e picks an entity"), "{}", message(&a));
    assert_eq!(a.open, 0);
}

#[test]
fn star_follows_the_entity_at_or_after_the_passage_cursor() {
    let mut a = app(80, 24);
    // Article 02, passage 1: "Russia used the Karabakh conflict..."
    run_keys(&mut a, "j<enter>*");
    assert_eq!(following(&a), "Russia");
    let m = a.current_mention().unwrap();
    assert_eq!((m.article(), m.passage()), (1, 1));
    // Article 01 has 24 mentions of Russia and 02 one in its title.
    assert!(
        status(&a).contains("Russia · mention 26/144 · article 2/5"),
        "{}",
        status(&a)
    );
    // The entities of this passage are listed in the reading pane's
    // bottom border.
    let screen = text(&render(&a));
    let border = screen.lines().nth(22).unwrap();
    assert!(border.contains("Russia · Nagorno-Karabakh"), "{border}");
}

#[test]
fn mentions_are_highlighted_and_the_current_one_stands_out() {
    // Tall enough for both mentions under article 02's two-row title.
    let mut a = app(100, 42);
    run_keys(&mut a, "elavrov<enter>nn");
    // Article 02 passage 18 and 19 mention Lavrov; we are on passage 18's.
    let buf = render(&a);
    let list_w = a.layout().list.unwrap().width;
    let spots = find_on_screen(&buf, "Lavrov", list_w);
    assert_eq!(spots.len(), 2, "{}", text(&buf));
    let current = &buf[spots[0]];
    assert_eq!(current.bg, Color::Cyan, "the current mention");
    let other = &buf[spots[1]];
    assert!(
        other.modifier.contains(Modifier::UNDERLINED),
        "another mention"
    );
    assert_eq!(other.fg, Color::LightCyan);
    // Text around them is plain.
    let before = &buf[(spots[0].0 - 2, spots[0].1)];
    assert_eq!(before.bg, Color::Reset);
    // Without colour, the kinds still differ.
    let mut plain = dossier::testing::app_with(
        dossier::core::Corpus::bundled(),
        dossier::app::Config::default(),
        100,
        42,
    );
    plain.color = false;
    run_keys(&mut plain, "elavrov<enter>nn");
    let buf = render(&plain);
    let spots = find_on_screen(&buf, "Lavrov", list_w);
    assert!(buf[spots[0]].modifier.contains(Modifier::REVERSED));
    assert!(buf[spots[1]].modifier.contains(Modifier::UNDERLINED));
    assert_eq!(buf[spots[1]].fg, Color::Reset);
}

#[test]
fn title_mentions_are_highlighted_too() {
    let mut a = app(100, 30);
    run_keys(&mut a, "ekarabakh<enter>");
    let buf = render(&a);
    let list_w = a.layout().list.unwrap().width;
    let spot = find_on_screen(&buf, "Nagorno-Karabakh", list_w)[0];
    assert_eq!(spot.1, 1, "on the title row");
    assert!(buf[spot].modifier.contains(Modifier::UNDERLINED));
    let title_start = &buf[(list_w + 1, 1)];
    assert!(!title_start.modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn the_source_list_shows_counts_and_where_mentions_fall() {
    let mut a = app(100, 30);
    assert_eq!(a.source_column_title(), "words");
    run_keys(&mut a, "elavrov<enter>");
    assert_eq!(a.source_column(0), "1 ·░····");
    assert_eq!(a.source_column(1), "2 ···▒··");
    assert_eq!(a.source_column(2), "0       ");
    let screen = text(&render(&a));
    let rows: Vec<&str> = screen.lines().collect();
    assert!(rows[0].contains("Sergei Lavrov"), "{}", rows[0]);
    assert!(
        rows[1].ends_with("1 ·░····│") || rows[1].contains("1 ·░····"),
        "{}",
        rows[1]
    );
    // Esc (with no message on screen) stops following: words again.
    run_keys(&mut a, "<tab><tab><esc>");
    assert!(a.current_entity().is_none());
    assert!(message(&a).contains("No longer following Sergei Lavrov"));
    assert_eq!(a.source_column_title(), "words");
}

#[test]
fn the_concordance_aligns_groups_sorts_and_jumps() {
    let mut a = app(100, 30);
    run_keys(&mut a, "c");
    assert!(a.overlay.is_none());
    assert!(message(&a).contains("e picks an entity"), "{}", message(&a));
    run_keys(&mut a, "eputin<enter>c");
    assert_eq!(a.mode(), "CONCORDANCE");
    let buf = render(&a);
    let screen = text(&buf);
    assert!(screen.contains("Vladimir Putin: 12 mentions"), "{screen}");
    assert!(screen.contains("── story-of-a-betrayal · 6 "), "{screen}");
    assert!(
        screen.contains("sort: a article l left r right"),
        "{screen}"
    );
    // The mentions start in one column.
    let lines: Vec<String> = rows(&buf);
    let cols: Vec<u16> = find_on_screen(&buf, "Putin", 0)
        .into_iter()
        .filter(|&(_, y)| lines[y as usize].contains('¶'))
        .map(|(x, y)| {
            let row: String = rows(&buf)[y as usize].chars().take(x as usize).collect();
            if row.ends_with("Vladimir ") { x - 9 } else { x }
        })
        .collect();
    assert!(cols.len() >= 10, "{screen}");
    assert!(cols.iter().all(|&c| c == cols[0]), "{cols:?}\n{screen}");
    // Sorted by right context within each article.
    run_keys(&mut a, "r");
    let Some(Overlay::Concordance(c)) = &a.overlay else {
        panic!("open");
    };
    let story: Vec<&str> = c
        .lines
        .iter()
        .filter(|l| l.mention.article() == 2)
        .map(|l| l.right.trim())
        .collect();
    let mut sorted = story.clone();
    sorted.sort_by_key(|s| s.to_lowercase());
    assert_eq!(story, sorted);
    // Enter goes to the selected mention (the second line) and closes.
    run_keys(&mut a, "gj<enter>");
    assert!(a.overlay.is_none());
    assert_eq!(a.focus, Focus::Reader);
    let m = a.current_mention().unwrap();
    assert_eq!((m.article(), m.passage()), (1, 23));
    assert!(
        status(&a).contains("Vladimir Putin · mention 2/12"),
        "{}",
        status(&a)
    );
}

#[test]
fn ctrl_o_back_from_a_concordance_jump_updates_the_mention_status() {
    let mut a = app(100, 30);
    run_keys(&mut a, "eputin<enter>cgj<enter>");
    assert!(status(&a).contains("mention 2/12"), "{}", status(&a));
    let far = (a.open, a.cursor());
    run_keys(&mut a, "<c-o>");
    assert_ne!((a.open, a.cursor()), far);
    // The status names no mention the reader has left: the one in the
    // passage under the cursor, or the totals.
    let s = status(&a);
    assert!(!s.contains("mention 2/12"), "{s}");
    match a.current_mention() {
        Some(m) => {
            assert_eq!((m.article(), m.passage()), (a.open, a.cursor() + 1));
            assert!(s.contains("Vladimir Putin · mention "), "{s}");
        }
        None => assert!(s.contains("Vladimir Putin · 12 mentions in"), "{s}"),
    }
    // Forward again: on a mention of that passage once more.
    run_keys(&mut a, "<c-t>");
    assert_eq!((a.open, a.cursor()), far);
    let m = a.current_mention().expect("on a mention again");
    assert_eq!((m.article(), m.passage()), (far.0, far.1 + 1));
    assert!(
        status(&a).contains("Vladimir Putin · mention "),
        "{}",
        status(&a)
    );
}

#[test]
fn overlays_draw_at_every_size() {
    for (w, h) in [(80, 24), (40, 12), (41, 13), (59, 30), (200, 60)] {
        let mut a = app(w, h);
        run_keys(&mut a, "e");
        let _ = render(&a);
        run_keys(&mut a, "karabakh<enter>nnc");
        let _ = render(&a);
        run_keys(&mut a, "r<esc>*");
        let _ = render(&a);
    }
    let mut a = app(80, 24);
    run_keys(&mut a, "erussia<enter>c");
    let _ = dossier::testing::render_at(&a, 1, 1);
    let _ = dossier::testing::render_at(&a, 30, 8);
}

#[test]
fn title_and_metadata_mentions_are_shown_and_visited_by_n() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("a.md", "First\n\nLavrov spoke.\n"),
        (
            "b.md",
            "---\ntitle: Lavrov in Moscow\nauthor: Ann Lavrov\n---\n\nNothing.\n\nLavrov again.\n",
        ),
        (
            "entities.toml",
            "[[entity]]\nname = \"Sergei Lavrov\"\nkind = \"person\"\naliases = [\"Lavrov\"]\n",
        ),
    ];
    for (name, body) in files {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    let c = dossier::core::Corpus::load_dir(dir.path()).unwrap();
    let mut a = dossier::testing::app_with(c, dossier::app::Config::default(), 80, 24);
    run_keys(&mut a, "elavrov<enter>n");
    assert!(
        status(&a).contains("mention 1/4 · article 1/2"),
        "{}",
        status(&a)
    );
    // Next: the title of the second article, then its metadata line, then
    // its text; the status counts every one.
    let header_spot = |a: &App, field: Field| {
        let buf = render(a);
        let areas = a.reader_areas();
        let row = if field == Field::Title {
            areas.title.y
        } else {
            areas.meta.y
        };
        let list_w = a.layout().list.unwrap().width;
        find_on_screen(&buf, "Lavrov", list_w)
            .into_iter()
            .find(|s| s.1 == row)
            .map(|s| buf[s].clone())
            .unwrap_or_else(|| panic!("no Lavrov on row {row}:\n{}", text(&buf)))
    };
    run_keys(&mut a, "n");
    assert_eq!(
        (a.open, a.current_mention().unwrap().field()),
        (1, Field::Title)
    );
    assert!(
        status(&a).contains("mention 2/4 · article 2/2"),
        "{}",
        status(&a)
    );
    assert_eq!(header_spot(&a, Field::Title).bg, Color::Cyan, "current");
    let meta = header_spot(&a, Field::Meta);
    assert!(meta.modifier.contains(Modifier::UNDERLINED), "a mention");
    run_keys(&mut a, "n");
    assert_eq!(a.current_mention().unwrap().field(), Field::Meta);
    assert!(status(&a).contains("mention 3/4"), "{}", status(&a));
    assert_eq!(header_spot(&a, Field::Meta).bg, Color::Cyan, "current");
    run_keys(&mut a, "n");
    assert_eq!(a.current_mention().unwrap().field(), Field::Body);
    assert!(status(&a).contains("mention 4/4"), "{}", status(&a));
    // And back.
    run_keys(&mut a, "NN");
    assert_eq!(a.current_mention().unwrap().field(), Field::Title);
    assert!(status(&a).contains("mention 2/4"), "{}", status(&a));
    // Picked afresh with the cursor on the first passage, `n` starts at
    // the title above it.
    run_keys(&mut a, "<esc>elavrov<enter>n");
    assert_eq!(
        (a.open, a.current_mention().unwrap().field()),
        (1, Field::Title)
    );
}

#[test]
fn the_entities_in_the_same_passages_and_stepping_through_them() {
    let mut a = app(80, 24);
    // Nothing followed: the key says how to follow one.
    run_keys(&mut a, "w");
    assert!(a.overlay.is_none());
    assert!(
        message(&a).starts_with("No entity followed: e picks"),
        "{}",
        message(&a)
    );
    run_keys(&mut a, "<esc>elachin<enter>");
    let lachin = following(&a);
    run_keys(&mut a, "w");
    assert_eq!(a.mode(), "WITH");
    let Some(Overlay::CoOccurrence(v)) = &a.overlay else {
        panic!("the co-occurrence view is open");
    };
    // Most shared passages first, each with passages the index agrees on.
    let id = a.current_entity().unwrap().id;
    assert!(v.rows.len() >= 3, "{:?}", v.rows);
    assert!(
        v.rows
            .windows(2)
            .all(|w| w[0].passages.len() >= w[1].passages.len())
    );
    for r in &v.rows {
        assert_eq!(r.passages, a.entities.passages_with_all(&[id, r.entity]));
    }
    let second = v.rows[1].clone();
    let other = a.entities.entity(second.entity).unwrap().name.clone();
    let screen = text(&render(&a));
    assert!(
        screen.contains(&format!("In the same passages as {lachin}")),
        "{screen}"
    );
    assert!(screen.contains(&other), "{screen}");
    assert!(screen.contains("PASSAGES"), "{screen}");
    // Enter on the second row: on its first shared passage, n/N through them.
    run_keys(&mut a, "j<enter>");
    assert!(a.overlay.is_none());
    assert_eq!(a.focus, Focus::Reader);
    assert_eq!(following(&a), lachin, "still following");
    let n = second.passages.len();
    assert!(
        message(&a).contains(&format!("{n} passage")),
        "{}",
        message(&a)
    );
    let here = |a: &App| (a.open, a.cursor() + 1);
    assert_eq!(here(&a), second.passages[0]);
    let search = a.active_search().unwrap();
    assert!(
        search.text.starts_with('@') && search.text.contains(" @"),
        "{}",
        search.text
    );
    assert_eq!(search.hits, second.passages);
    let hit = a.search_status().unwrap_or_default();
    assert!(hit.ends_with(&format!("hit 1/{n}")), "{hit}");
    // Both entities' mentions in the passage are marked as the current hit.
    let (article, passage) = second.passages[0];
    let marked: Vec<_> = a
        .highlights(article)
        .into_iter()
        .filter(|h| h.kind == dossier::app::HighlightKind::CurrentHit)
        .map(|h| h.range)
        .collect();
    for e in [id, second.entity] {
        let ms = a.entities.mentions_in(e, article);
        let there: Vec<_> = ms.iter().filter(|m| m.passage() == passage).collect();
        assert!(!there.is_empty());
        for m in there {
            assert!(marked.contains(&m.range()), "{m:?} not in {marked:?}");
        }
    }
    if n > 1 {
        run_keys(&mut a, "n");
        assert_eq!(here(&a), second.passages[1]);
        run_keys(&mut a, "N");
        assert_eq!(here(&a), second.passages[0]);
    }
    // The query is in the history: the search bar can run it again.
    assert_eq!(a.search_history().last(), Some(&search_text(&a)));
    // Esc closes the view without moving.
    run_keys(&mut a, "w");
    let before = here(&a);
    run_keys(&mut a, "<esc>");
    assert!(a.overlay.is_none());
    assert_eq!(here(&a), before);
}

fn search_text(a: &App) -> String {
    a.active_search()
        .map(|s| s.text.clone())
        .unwrap_or_default()
}

#[test]
fn the_bottom_border_names_the_entities_of_the_passage_under_the_cursor() {
    // Article 3 ¶28 names Stepanakert and Russia (issue 16, where it was
    // ¶33 before the pull quotes left the corpus: the strip was empty
    // there, its first name too long for the room).
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>]]");
    assert_eq!(a.article().unwrap().id, "story-of-a-betrayal");
    run_keys(&mut a, &"J".repeat(27));
    assert_eq!(a.cursor() + 1, 28);
    let names: Vec<String> = a
        .passage_entities()
        .iter()
        .map(|e| e.name.clone())
        .collect();
    assert!(names.iter().any(|n| n == "Stepanakert"), "{names:?}");
    assert!(names.iter().any(|n| n == "Russia"), "{names:?}");
    let border = rows(&render(&a))[22].clone();
    assert!(border.contains("¶ 28/"), "{border}");
    let first = &names[0];
    let shown: String = first.chars().take(8).collect();
    assert!(border.contains(&shown), "{first} not in {border}");
    // Every passage that names an entity shows at least one name, at 80
    // columns, in every article.
    for article in 0..a.corpus.articles.len() {
        let mut b = app(80, 24);
        run_keys(&mut b, &format!("<enter>{}", "]".repeat(article)));
        for p in 1..=b.article().unwrap().passages.len() {
            if p > 1 {
                run_keys(&mut b, "J");
            }
            if b.passage_entities().is_empty() {
                continue;
            }
            let border = rows(&render(&b))[22].clone();
            assert!(
                border.contains(" · ")
                    || border.contains(
                        &*b.passage_entities()[0]
                            .name
                            .chars()
                            .take(4)
                            .collect::<String>()
                    ),
                "article {article} ¶{p}: {border}"
            );
        }
    }
}

#[test]
fn nested_mentions_count_for_the_followed_entity_but_not_in_the_strip() {
    // "war in Ukraine" and "invasion of Ukraine" hold mentions of Ukraine.
    let mut a = app(80, 24);
    let ukraine = a.entities.resolve("Ukraine").unwrap();
    let all = a.entities.mentions(ukraine).to_vec();
    let nested: Vec<_> = all.iter().filter(|m| m.is_nested()).collect();
    assert!(!nested.is_empty(), "some mentions of Ukraine are nested");
    // Follow it: counts, n/N, the concordance and the highlights all see
    // every mention, nested ones included.
    run_keys(&mut a, "eukraine<enter>");
    assert_eq!(following(&a), "Ukraine");
    let e = a.current_entity().unwrap();
    assert_eq!(e.mentions, all.len());
    run_keys(&mut a, "c");
    let Some(Overlay::Concordance(c)) = &a.overlay else {
        panic!("open");
    };
    assert_eq!(c.lines.len(), all.len());
    run_keys(&mut a, "<esc>");
    let mut seen = Vec::new();
    for _ in 0..all.len() {
        run_keys(&mut a, "n");
        seen.push(a.current_mention().unwrap());
    }
    assert_eq!(seen, all, "n visits every mention, nested ones too");
    // On a nested mention: it is highlighted as the current one, while the
    // strip names the outer entity and not Ukraine for it.
    let m = **nested.first().unwrap();
    let i = all.iter().position(|x| *x == m).unwrap();
    run_keys(&mut a, &"n".repeat(i + 1));
    assert_eq!(a.current_mention(), Some(m));
    let outer: Vec<_> = a
        .entities
        .top_mentions(m.article())
        .filter(|o| o.passage() == m.passage())
        .map(|o| o.entity())
        .collect();
    let strip: Vec<_> = a.passage_entities().iter().map(|e| e.id).collect();
    for id in &strip {
        assert!(outer.contains(id), "{id:?} has no outer mention here");
    }
    let own = outer.contains(&ukraine);
    assert_eq!(strip.contains(&ukraine), own);
}

#[test]
fn the_plain_name_typed_comes_first_in_the_picker() {
    // "lachin" is the start of "Lachin corridor" and of "Lachin corridor
    // blockade", which is mentioned more: the plain name still comes first,
    // as the README's first session says.
    let mut a = app(80, 24);
    run_keys(&mut a, "elachin<enter>");
    assert_eq!(following(&a), "Lachin corridor");
}
