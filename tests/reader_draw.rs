//! The reader drawn into ratatui's `TestBackend`: text asserts for what is
//! on screen, cell asserts for the styles that carry meaning (the passage
//! cursor, the selection, focus, no colour under NO_COLOR).

use dossier::app::{App, Config};
use dossier::core::Corpus;
use dossier::testing::{app, app_with, find, render, render_at, rows, run_keys, text};
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};

fn corpus_from(files: &[(&str, &str)]) -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        std::fs::write(dir.path().join(name), body).unwrap();
    }
    let c = Corpus::load_dir(dir.path()).unwrap();
    (dir, c)
}

#[test]
fn at_80x24_both_panes_show_titles_text_and_status() {
    let a = app(80, 24);
    let buf = render(&a);
    let screen = text(&buf);
    // Every article's title starts on its row of the list.
    for art in &a.corpus.articles {
        let start = art.title.split(' ').next().unwrap();
        assert!(screen.contains(start), "{start:?} missing:\n{screen}");
    }
    assert!(screen.contains("Articles"), "{screen}");
    assert!(screen.contains("words"), "{screen}");
    // Reading pane: title and text. This article names no author: its
    // note about that is for `dossier show --json`, not the header.
    assert!(screen.contains("Russia seals the demise of Nagorno-Karabakh"));
    assert!(!screen.contains("the source states no author"), "{screen}");
    assert!(screen.contains("Azerbaijan’s military operation"));
    assert!(screen.contains(" 0% "), "{screen}");
    assert!(screen.contains("¶ 1/"), "{screen}");
    let last = rows(&buf).pop().unwrap();
    assert!(last.starts_with(" LIST "), "{last}");
    assert!(last.contains("? help") && last.contains("q quit"), "{last}");
}

#[test]
fn titles_take_two_rows_when_every_article_fits_so() {
    let mut a = app(80, 24);
    let buf = render(&a);
    let r = rows(&buf);
    let list = a.layout().list.unwrap();
    let x = usize::from(list.x) + 1;
    let inner = usize::from(list.width) - 2;
    let cell = |row: &str| -> String { row.chars().skip(x + 2).take(inner - 2).collect() };
    // Each article's two rows: the title broken at a word, its count on
    // the first row only, no blank row between articles.
    for (i, art) in a.corpus.articles.iter().enumerate() {
        let (first, second) = (cell(&r[1 + 2 * i]), cell(&r[2 + 2 * i]));
        let count = dossier::app::count::short_count(art.words);
        let shown = first
            .trim_end()
            .strip_suffix(&count)
            .expect("count")
            .trim_end();
        assert!(!shown.is_empty() && !first.contains('…'), "{i}: {first:?}");
        assert_eq!(art.title.get(..shown.len()), Some(shown), "{i}");
        assert_eq!(art.title.as_bytes()[shown.len()], b' ', "{i}: cut mid-word");
        let rest = art.title[shown.len()..].trim_start();
        let second = second.trim_end();
        let second_shown = second.trim_end_matches('…');
        assert!(rest.starts_with(second_shown), "{i}: {second:?}");
        assert_eq!(second.ends_with('…'), rest != second, "{i}: {second:?}");
    }
    assert!(r[1].contains("Russia seals the") && r[2].contains("demise of Nagorno"));
    assert_eq!(buf[(list.x + 1, 1)].symbol(), "▶");
    // The selection covers both rows of the selected article.
    run_keys(&mut a, "j");
    let buf = render(&a);
    for y in [3, 4] {
        let c = &buf[(list.x + 4, y)];
        assert!(c.modifier.contains(Modifier::REVERSED), "row {y}");
    }
    assert!(!buf[(list.x + 4, 5)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn at_40x12_five_articles_do_not_fit_two_rows_and_take_one() {
    let a = app(40, 12);
    assert_eq!(a.list_item_rows(9), 1);
    let r = rows(&render(&a));
    for (i, art) in a.corpus.articles.iter().enumerate() {
        let head = art.title.split(' ').next().unwrap();
        assert!(r[1 + i].contains(head), "{i}: {}", r[1 + i]);
    }
    assert!(
        r[1].contains("Russia seals the demise of Nag… 1.1k"),
        "{}",
        r[1]
    );
}

#[test]
fn titles_take_one_row_when_two_would_not_fit() {
    let files: Vec<(String, String)> = (0..12)
        .map(|i| {
            let title = format!("Article number {i} with a long title about the corridor");
            (
                format!("a{i:02}.md"),
                format!("# {title}\n\nSome text {i}.\n"),
            )
        })
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_str()))
        .collect();
    let (_dir, c) = corpus_from(&files);
    let mut a = app_with(c, Config::default(), 80, 24);
    assert_eq!(a.list_item_rows(21), 1);
    let r = rows(&render(&a));
    assert!(
        r[1].contains("Article number 0") && r[1].contains('…'),
        "{}",
        r[1]
    );
    assert!(r[2].contains("Article number 1"), "{}", r[2]);
    // Clicking the third row opens the third article.
    let list = a.layout().list.unwrap();
    a.update(dossier::app::Action::Click {
        column: list.x + 3,
        row: list.y + 3,
    });
    assert_eq!(a.open, 2);
}

#[test]
fn the_passage_cursor_is_marked_in_the_margin() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<tab>J");
    let buf = render(&a);
    let t = a.reader_areas().text;
    let mut marked = 0;
    for row in 0..t.height {
        let line = &a.view().lines[a.scroll() + usize::from(row)];
        let cell = &buf[(t.x, t.y + row)];
        if line.passage == Some(1) {
            assert_eq!(cell.symbol(), "▌", "row {row}");
            assert_eq!(cell.fg, Color::Yellow);
            assert!(cell.modifier.contains(Modifier::BOLD));
            marked += 1;
        } else {
            assert_eq!(cell.symbol(), " ", "row {row} is not the cursor's");
        }
    }
    assert!(marked > 0);
}

#[test]
fn the_selected_article_is_reversed_when_the_list_has_focus() {
    let mut a = app(80, 24);
    run_keys(&mut a, "j");
    let buf = render(&a);
    // The second title, over two rows: both are reversed.
    let (x, y) = find(&buf, "Complicity in").expect("second title");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert!(buf[(x, y - 1)].modifier.contains(Modifier::REVERSED));
    let (x0, y0) = find(&buf, "Russia seals").unwrap();
    assert!(!buf[(x0, y0)].modifier.contains(Modifier::REVERSED));
    // The open article is marked.
    assert_eq!(buf[(x0 - 2, y0)].symbol(), "▶");
    // Focus shows as a thick border, colour or not.
    assert_eq!(buf[(0, 0)].symbol(), "┏");
    let reader = a.layout().reader.unwrap();
    assert_eq!(buf[(reader.x, reader.y)].symbol(), "┌");
}

#[test]
fn at_40x12_only_the_focused_pane_is_shown() {
    let mut a = app(40, 12);
    let screen = text(&render(&a));
    assert!(screen.contains("Articles"), "{screen}");
    assert!(!screen.contains("Azerbaijan’s military"), "{screen}");
    run_keys(&mut a, "<tab>");
    let screen = text(&render(&a));
    assert!(!screen.contains("Articles"), "{screen}");
    assert!(screen.contains("Azerbaijan’s"), "{screen}");
    assert!(rows(&render(&a)).last().unwrap().starts_with(" READ "));
}

#[test]
fn small_terminals_say_so_and_never_panic() {
    let a = app(20, 5);
    let screen = text(&render(&a));
    assert!(screen.contains("Terminal too"), "{screen}");
    assert!(screen.contains("need 40x12"), "{screen}");
    let tiny = app(1, 1);
    assert_eq!(text(&render(&tiny)), "T");
    for (w, h) in [
        (1, 2),
        (2, 1),
        (39, 11),
        (40, 11),
        (39, 12),
        (40, 12),
        (41, 13),
        (59, 30),
        (60, 12),
    ] {
        let mut a = app(w, h);
        run_keys(&mut a, "?");
        let _ = render(&a);
        run_keys(&mut a, "<esc><tab>GJ");
        let _ = render(&a);
    }
    // A frame of another size than the app was told about.
    let a = app(80, 24);
    let _ = render_at(&a, 30, 8);
    let _ = render_at(&a, 200, 60);
}

#[test]
fn help_lists_every_key_of_the_key_map() {
    // Tall enough for every section, the overlays' own keys included.
    let mut a = app(100, 100);
    run_keys(&mut a, "?");
    let screen = text(&render(&a));
    assert!(screen.contains("Keys"), "{screen}");
    for section in a.keymap.help_sections() {
        assert!(screen.contains(section.title), "{}", section.title);
        for row in section.rows {
            let keys = row.keys.join(" ");
            assert!(screen.contains(&keys), "{keys} missing");
            assert!(screen.contains(row.label), "{} missing", row.label);
        }
    }
    assert!(rows(&render(&a)).last().unwrap().starts_with(" HELP "));
}

#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut a = app(80, 24);
    run_keys(&mut a, "?");
    let before = text(&render(&a));
    assert!(before.contains("Moving"));
    run_keys(&mut a, "G");
    let after = text(&render(&a));
    assert!(!after.contains("Moving"), "{after}");
    // The last section: the note editor's own keys.
    assert!(after.contains("In the note editor"), "{after}");
}

fn assert_colourless(buf: &Buffer, what: &str) {
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let c = &buf[(x, y)];
            assert_eq!(
                (c.fg, c.bg, c.underline_color),
                (Color::Reset, Color::Reset, Color::Reset),
                "{what}: colour at {x},{y} ({:?})",
                c.symbol()
            );
        }
    }
}

#[test]
fn no_color_draws_without_any_colour() {
    let mut a = App::new(Corpus::bundled(), Config::default(), false);
    a.update(dossier::app::Action::Resize {
        width: 80,
        height: 24,
    });
    assert_colourless(&render(&a), "list");
    run_keys(&mut a, "x"); // a message
    run_keys(&mut a, "<enter>J/");
    assert_colourless(&render(&a), "reader");
    run_keys(&mut a, "?");
    assert_colourless(&render(&a), "help");
    // The cursor mark is still visible, in bold.
    run_keys(&mut a, "<esc>");
    let buf = render(&a);
    let t = a.reader_areas().text;
    let y = t.y + (a.view().passage_lines[1].start - a.scroll()) as u16;
    assert_eq!(buf[(t.x, y)].symbol(), "▌");
    assert!(buf[(t.x, y)].modifier.contains(Modifier::BOLD));
    // And the colour palette does use colour (the check can fail).
    let coloured = render(&app(80, 24));
    assert!(
        coloured.content.iter().any(|c| c.fg != Color::Reset),
        "the colour theme should use colour"
    );
}

#[test]
fn headings_are_bold_quotes_italic_and_tabs_are_spaces() {
    let (_dir, c) = corpus_from(&[(
        "a.txt",
        "---\ntitle: Styles\nauthor: Ann\n---\n\n## A heading\n\n> Quoted words\n\nTab\tseparated text.\n",
    )]);
    let a = app_with(c, Config::default(), 80, 24);
    let buf = render(&a);
    let (x, y) = find(&buf, "A heading").unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let (qx, qy) = find(&buf, "Quoted words").unwrap();
    assert!(buf[(qx, qy)].modifier.contains(Modifier::ITALIC));
    assert!(qx > x, "quotes are indented");
    assert!(
        find(&buf, "Tab separated text.").is_some(),
        "{}",
        text(&buf)
    );
    assert!(buf.content.iter().all(|c| !c.symbol().contains('\t')));
    assert!(text(&buf).contains("Ann"));
}

#[test]
fn wide_and_special_characters_keep_their_columns() {
    let (_dir, c) = corpus_from(&[(
        "a.txt",
        "Title\n\nthe\u{a0}US and Հայաստան and Россия “quoted” — 日本語 end.\n",
    )]);
    let a = app_with(c, Config::default(), 80, 24);
    let buf = render(&a);
    let screen = text(&buf);
    assert!(
        screen.contains("the\u{a0}US and Հայաստան and Россия “quoted” — 日本"),
        "{screen}"
    );
    // The right border stays in its column on every row.
    let right = a.layout().reader.unwrap().right() - 1;
    for y in 1..22 {
        assert!(
            ["│", "┃"].contains(&buf[(right, y)].symbol()),
            "row {y}: {:?}",
            buf[(right, y)].symbol()
        );
    }
}

#[test]
fn long_titles_and_metadata_lines_wrap_in_the_reading_pane() {
    // At 40x12 the first article's title takes two rows; it has no
    // metadata line, so the text starts right under it.
    let mut a = app(40, 12);
    run_keys(&mut a, "<tab>");
    let r = rows(&render(&a));
    // The reading pane alone has no side borders.
    assert_eq!(r[1], "Russia seals the demise of Nagorno-");
    assert_eq!(r[2], "Karabakh");
    assert!(r[3].starts_with("▌ Azerbaijan’s"), "{}", r[3]);
    assert_eq!(a.reader_areas().text.y, 3);
    assert_eq!(a.text_height(), 7);

    // A long metadata line at 80x24, and the bottom of the article still
    // reachable: the last line is on screen after G.
    let title = "A very long title about the Lachin corridor, the blockade and the peacekeepers who watched it happen";
    let body = format!(
        "---\ntitle: {title}\nauthor: Anna Author-Someone and Bertrand Second-Writer\nsource: The Quarterly Review of Caucasus Affairs\ndate: 2023-12-12\n---\n\n{}",
        (1..=40)
            .map(|i| format!("Paragraph {i} says a few words.\n\n"))
            .collect::<String>()
    );
    let (_dir, c) = corpus_from(&[("a.md", body.as_str())]);
    let mut a = app_with(c, Config::default(), 80, 24);
    run_keys(&mut a, "<tab>");
    let screen = text(&render(&a));
    let pane = a.layout().reader.unwrap();
    let inner = |row: &str| -> String {
        row.chars()
            .skip(usize::from(pane.x) + 1)
            .take(usize::from(pane.width) - 2)
            .collect::<String>()
            .trim_end()
            .to_string()
    };
    let r: Vec<String> = screen.lines().map(inner).collect();
    let areas = a.reader_areas();
    assert_eq!((areas.title.height, areas.meta.height), (2, 2));
    let header = r[1..5].join(" ");
    assert_eq!(
        header,
        format!(
            "{title} Anna Author-Someone and Bertrand Second-Writer · The Quarterly Review of Caucasus Affairs · 2023-12-12"
        )
    );
    assert_eq!(r[5], "", "a blank row under the header");
    assert!(r[6].contains("Paragraph 1 says"), "{}", r[6]);
    run_keys(&mut a, "G");
    let r: Vec<String> = text(&render(&a)).lines().map(inner).collect();
    assert!(r[22 - 1].contains("Paragraph 40 says"), "{r:#?}");
    assert!(r[1].starts_with("A very long title"), "the header stays");
    // A click on a text row moves the cursor to the passage drawn there.
    let t = a.reader_areas().text;
    let y = (t.y..t.bottom())
        .find(|&y| r[usize::from(y)].contains("Paragraph 38 says"))
        .expect("a paragraph on screen");
    a.update(dossier::app::Action::Click {
        column: t.x + 3,
        row: y,
    });
    assert_eq!(a.cursor() + 1, 38, "{}", r[usize::from(y)]);
}

#[test]
fn the_status_bar_drops_hints_whole_at_narrow_widths() {
    for (w, keys, want) in [
        (40, "", " LIST  Enter open  j down  Tab reader"),
        (40, "<tab>", " READ  J passage  Space page  ] article"),
        (
            80,
            "<tab>",
            " READ  J passage  Space page  ] article  / search  e entities  y copy  Tab list",
        ),
    ] {
        let mut a = app(w, 24);
        run_keys(&mut a, keys);
        let last = rows(&render(&a)).pop().unwrap();
        assert_eq!(last, want, "{w} columns");
    }
}

#[test]
fn at_40x12_help_wraps_descriptions_and_scrolls_to_every_one() {
    let mut a = app(40, 12);
    run_keys(&mut a, "?");
    // Scroll through the help a line at a time, collecting the text inside
    // the box: the whole first screen, then each new bottom line.
    let inside = |row: &String| -> String {
        let s: String = row.chars().skip(2).take(36).collect();
        assert!(!s.contains('…'), "cut: {row}");
        s.trim().to_string()
    };
    let r = rows(&render(&a));
    let mut seen: Vec<String> = r[1..10].iter().map(inside).collect();
    let mut last = r;
    loop {
        run_keys(&mut a, "j");
        let r = rows(&render(&a));
        if r == last {
            break;
        }
        seen.push(inside(&r[9]));
        last = r;
    }
    let all = seen.join(" ");
    for s in a.keymap.help_sections() {
        for r in s.rows {
            assert!(all.contains(r.label), "{:?} not shown whole", r.label);
        }
    }
}

#[test]
fn nothing_of_the_panes_shows_around_an_overlay() {
    for (w, h) in [(80, 24), (100, 30)] {
        for keys in ["jj?", "jje", "jjeputin<enter>c"] {
            let mut a = app(w, h);
            run_keys(&mut a, keys);
            assert!(a.overlay.is_some(), "{keys}");
            let buf = render(&a);
            let over = a.layout().overlay();
            for y in over.y..over.y + over.height {
                for x in 0..w {
                    if x < over.x || x >= over.x + over.width {
                        let cell = buf[(x, y)].symbol();
                        assert_eq!(cell, " ", "{keys} at {w}x{h}: ({x}, {y})\n{}", text(&buf));
                    }
                }
            }
            let screen = rows(&buf);
            let beside = &screen[usize::from(over.y)..usize::from(over.y + over.height)];
            assert!(
                beside.iter().all(|r| !r.contains('▶')),
                "{keys}\n{}",
                text(&buf)
            );
        }
    }
    // The note editor is a short box: nothing shows beside its rows.
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>Jmwhy this matters");
    let screen = rows(&render(&a));
    let boxed: Vec<&String> = screen.iter().filter(|r| r.contains('┃')).collect();
    assert!(boxed.len() >= 4, "{screen:?}");
    for r in boxed {
        let r = r.trim_end();
        assert!(r.starts_with("  ┃") && r.ends_with('┃'), "{r:?}");
    }
}

#[test]
fn a_status_message_too_long_for_the_bar_is_cut_where_a_word_ends() {
    let mut a = app(40, 12);
    a.update(dossier::app::Key::new(dossier::app::KeyCode::F(5)));
    let full = a.message().unwrap().text.clone();
    let last = rows(&render(&a)).pop().unwrap();
    let shown = last.trim_start().trim_start_matches("LIST").trim();
    assert!(shown.ends_with('…'), "{last}");
    let kept = shown.trim_end_matches('…');
    assert!(full.len() > kept.len(), "{full} / {kept}");
    // What is kept is a run of whole words of the message.
    assert!(full.starts_with(kept), "{full} / {kept}");
    assert!(full[kept.len()..].starts_with(' '), "cut mid-word: {last}");
}
