//! The reader driven through its real key map, without a terminal:
//! `run_keys` presses keys, the tests look at the state and the effects.

use dossier::app::{Action, App, Config, Effect, Focus};
use dossier::core::Corpus;
use dossier::testing::{app, app_with, run_keys};

fn message(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

#[test]
fn starts_on_the_source_list_with_the_first_article_open() {
    let a = app(80, 24);
    assert_eq!(a.focus, Focus::Sources);
    assert_eq!((a.open, a.selected), (0, 0));
    assert_eq!(a.cursor(), 0);
    assert_eq!(a.scroll(), 0);
    assert!(a.overlay.is_none());
}

#[test]
fn moving_in_the_list_then_enter_opens_and_focuses_the_reader() {
    let mut a = app(80, 24);
    assert_eq!(run_keys(&mut a, "jj"), vec![]);
    assert_eq!((a.selected, a.open), (2, 0), "j moves the selection only");
    assert_eq!(run_keys(&mut a, "<enter>"), vec![Effect::SaveState]);
    assert_eq!((a.selected, a.open, a.focus), (2, 2, Focus::Reader));
    run_keys(&mut a, "<tab>k<up>");
    assert_eq!(a.selected, 0);
    run_keys(&mut a, "G");
    assert_eq!(a.selected, 4);
    run_keys(&mut a, "<down>");
    assert_eq!(a.selected, 4, "the selection stops at the last article");
}

#[test]
fn passage_keys_move_the_cursor_and_scroll_to_it() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>");
    run_keys(&mut a, "JJ}");
    assert_eq!(a.cursor(), 3);
    run_keys(&mut a, "K{");
    assert_eq!(a.cursor(), 1);
    let n = a.article().unwrap().passages.len();
    for _ in 0..n + 2 {
        run_keys(&mut a, "J");
    }
    assert_eq!(a.cursor(), n - 1);
    assert!(message(&a).contains("last passage"), "{}", message(&a));
    // The cursor's passage is on screen.
    let lines = a.view().passage_lines[a.cursor()].clone();
    let (s, h) = (a.scroll(), a.text_height());
    assert!(
        lines.start < s + h && lines.end > s,
        "{lines:?} not in {s}..{}",
        s + h
    );
    assert!(a.scroll() > 0);
}

#[test]
fn scrolling_keys_in_the_reader_keep_the_cursor_on_screen() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<tab>");
    assert_eq!(a.focus, Focus::Reader);
    run_keys(&mut a, "jj<down>");
    assert_eq!(a.scroll(), 3);
    run_keys(&mut a, "k");
    assert_eq!(a.scroll(), 2);
    run_keys(&mut a, "<space><pagedown>");
    let h = a.text_height();
    assert_eq!(a.scroll(), 2 + 2 * (h - 2));
    let lines = a.view().passage_lines[a.cursor()].clone();
    assert!(lines.end > a.scroll(), "cursor left behind");
    run_keys(&mut a, "<c-u>");
    assert_eq!(a.scroll(), 2 + 2 * (h - 2) - h / 2);
    run_keys(&mut a, "G");
    assert_eq!(a.percent(), 100);
    assert_eq!(a.cursor(), a.article().unwrap().passages.len() - 1);
    run_keys(&mut a, "<home>");
    assert_eq!((a.scroll(), a.cursor(), a.percent()), (0, 0, 0));
    run_keys(&mut a, "b");
    assert_eq!(a.scroll(), 0, "no scrolling above the top");
}

#[test]
fn brackets_switch_articles_from_anywhere() {
    let mut a = app(80, 24);
    assert_eq!(run_keys(&mut a, "]"), vec![Effect::SaveState]);
    assert_eq!((a.open, a.selected, a.focus), (1, 1, Focus::Sources));
    run_keys(&mut a, "<tab>]]]");
    assert_eq!(a.open, 4);
    assert_eq!(run_keys(&mut a, "]"), vec![]);
    assert!(message(&a).contains("last article"));
    run_keys(&mut a, "[");
    assert_eq!(a.open, 3);
}

#[test]
fn each_article_keeps_its_own_position() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>JJJ");
    assert_eq!(a.cursor(), 3);
    run_keys(&mut a, "]J");
    assert_eq!((a.open, a.cursor()), (1, 1));
    run_keys(&mut a, "[");
    assert_eq!((a.open, a.cursor()), (0, 3));
}

#[test]
fn the_jump_list_goes_back_and_forward() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>JJ]]");
    assert_eq!(a.open, 2);
    run_keys(&mut a, "<c-o>");
    assert_eq!(a.open, 1);
    run_keys(&mut a, "<backspace>");
    assert_eq!(
        (a.open, a.cursor()),
        (0, 2),
        "back restores the passage too"
    );
    run_keys(&mut a, "<c-o>");
    assert_eq!(a.open, 0);
    assert!(message(&a).contains("No earlier place"));
    run_keys(&mut a, "<c-t>");
    assert_eq!(a.open, 1);
    run_keys(&mut a, "<c-t>");
    assert_eq!(a.open, 2);
    run_keys(&mut a, "<c-t>");
    assert!(message(&a).contains("No later place"));
    // Top and bottom are jumps too.
    run_keys(&mut a, "G<c-o>");
    assert_eq!((a.open, a.scroll()), (2, 0));
}

#[test]
fn jump_to_a_byte_opens_the_article_and_shows_it() {
    let mut a = app(80, 24);
    let target = &a.corpus.articles[3];
    let p = &target.passages[target.passages.len() - 2];
    let at = p.range.start + 5;
    let number = p.number;
    assert_eq!(a.jump_to(3, at), Some(Effect::SaveState));
    assert_eq!((a.open, a.cursor() + 1), (3, number));
    let line = a.view().line_at(at);
    assert!(line >= a.scroll() && line < a.scroll() + a.text_height());
    run_keys(&mut a, "<c-o>");
    assert_eq!(a.open, 0);
}

#[test]
fn y_copies_the_passage_with_its_citation() {
    let mut a = app(80, 24);
    run_keys(&mut a, "]<tab>J");
    let effects = run_keys(&mut a, "y");
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("expected one copy, got {effects:?}");
    };
    let art = a.article().unwrap();
    assert!(text.starts_with(art.passage_text(&art.passages[1])));
    assert!(
        text.ends_with(&format!(
            "\n\n— “{}”, Sossi Tatikyan, OSTWEST MONITORING, 2023-12-12, passage 2.",
            art.title
        )),
        "{text}"
    );
    assert!(message(&a).contains("Copied passage 2"));
    // A title cut with … (the source had none) gets no second stop.
    run_keys(&mut a, "]]J");
    let effects = run_keys(&mut a, "y");
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("expected one copy, got {effects:?}");
    };
    assert!(
        text.ends_with(
            "\n\n— “The conflict in the disputed region of Nagorno-Karabakh…”, passage 2."
        ),
        "{text}"
    );
    assert!(!text.contains("…."), "{text}");
}

#[test]
fn help_opens_and_closes_and_q_closes_it_before_quitting() {
    let mut a = app(80, 24);
    run_keys(&mut a, "?");
    assert_eq!(a.mode(), "HELP");
    assert_eq!(run_keys(&mut a, "q"), vec![], "q closes help first");
    assert!(a.overlay.is_none());
    run_keys(&mut a, "??");
    assert!(a.overlay.is_none());
    run_keys(&mut a, "?jj<esc>");
    assert!(a.overlay.is_none());
    assert_eq!(a.selected, 0, "keys under help do not reach the list");
    run_keys(&mut a, "?");
    assert_eq!(
        run_keys(&mut a, "<c-c>"),
        vec![Effect::Quit],
        "Ctrl-c quits from help"
    );
    assert_eq!(
        run_keys(&mut a, "qq"),
        vec![Effect::Quit],
        "q closes help, then quits"
    );
}

#[test]
fn unbound_keys_point_at_help() {
    let mut a = app(80, 24);
    run_keys(&mut a, "x");
    assert!(message(&a).contains("x does nothing"));
    assert!(message(&a).contains('?'));
}

#[test]
fn remapped_keys_work_and_show_in_help() {
    let config = Config::parse("[keys]\nx = \"next_article\"\n\"]\" = \"none\"\n").unwrap();
    let mut a = app_with(Corpus::bundled(), config, 80, 24);
    run_keys(&mut a, "]");
    assert_eq!(a.open, 0);
    run_keys(&mut a, "x");
    assert_eq!(a.open, 1);
    assert_eq!(a.keymap.hint(Action::NextArticle).as_deref(), Some("x"));
}

#[test]
fn reading_positions_survive_a_restart() {
    let mut a = app(80, 24);
    run_keys(&mut a, "jj<enter>JJJJ<c-d>");
    let saved = a.saved_state();
    let text = saved.to_json();
    let parsed = dossier::app::persist::SavedState::parse(&text).unwrap();
    let mut b = app(80, 24);
    b.update(dossier::app::Msg::Restore(parsed));
    assert_eq!((b.open, b.selected), (2, 2));
    assert_eq!((b.cursor(), b.scroll()), (a.cursor(), a.scroll()));
}

#[test]
fn z_shows_one_pane_at_a_time_and_a_restart_keeps_it() {
    use dossier::app::layout::Panes;
    let mut a = app(100, 30);
    run_keys(&mut a, "j<enter>");
    let beside = a.view().width;
    let top = a.view().lines[a.scroll()].range.start;
    run_keys(&mut a, "z");
    assert_eq!(a.panes, Panes::OneAtATime);
    let l = a.layout();
    assert_eq!((l.list, l.reader.map(|r| r.width)), (None, Some(100)));
    assert!(a.view().width > beside, "the text is wrapped wider");
    let line = &a.view().lines[a.scroll()];
    assert!(line.range.start <= top && top <= line.range.end);
    // Tab shows the list alone, and back.
    run_keys(&mut a, "<tab>");
    let l = a.layout();
    assert_eq!((l.list.map(|r| r.width), l.reader), (Some(100), None));
    run_keys(&mut a, "<tab>");
    let saved = dossier::app::persist::SavedState::parse(&a.saved_state().to_json()).unwrap();
    let mut b = app(100, 30);
    b.update(dossier::app::Msg::Restore(saved));
    assert_eq!(b.panes, Panes::OneAtATime);
    assert_eq!(b.view().width, a.view().width);
    run_keys(&mut a, "z");
    assert_eq!(a.panes, Panes::Beside);
    assert_eq!(a.view().width, beside);
    assert!(!a.saved_state().to_json().contains("one_pane"));
}

#[test]
fn resizing_keeps_the_text_at_the_top_and_the_cursor_on_screen() {
    let mut a = app(100, 40);
    run_keys(&mut a, "<tab><space><space>");
    let top = a.view().lines[a.scroll()].range.start;
    a.update(Action::Resize {
        width: 60,
        height: 40,
    });
    let line = &a.view().lines[a.scroll()];
    assert!(
        line.range.start <= top && top <= line.range.end,
        "the line at the top still holds byte {top}"
    );
    a.update(Action::Resize {
        width: 40,
        height: 12,
    });
    let lines = a.view().passage_lines[a.cursor()].clone();
    let (s, h) = (a.scroll(), a.text_height());
    assert!(lines.start < s + h && lines.end > s);
    // Tiny and back: nothing breaks.
    a.update(Action::Resize {
        width: 1,
        height: 1,
    });
    run_keys(&mut a, "jJ<space>G?q");
    a.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert!(a.scroll() <= a.view().lines.len());
}

#[test]
fn mouse_wheel_scrolls_and_click_opens() {
    let mut a = app(80, 24);
    let list = a.layout().list.unwrap();
    let reader = a.layout().reader.unwrap();
    a.update(Action::Wheel {
        column: reader.x + 5,
        row: reader.y + 5,
        down: true,
    });
    assert_eq!(a.scroll(), 3);
    // Five articles fit two rows each: a click on the first article's
    // second row selects nothing new, one on the second article's first
    // row opens it.
    assert_eq!(a.list_item_rows(21), 2);
    let effect = a.update(Action::Click {
        column: list.x + 3,
        row: list.y + 2,
    });
    assert_eq!(effect, None);
    assert_eq!((a.open, a.selected), (0, 0));
    let effect = a.update(Action::Click {
        column: list.x + 3,
        row: list.y + 3,
    });
    assert_eq!(effect, Some(Effect::SaveState));
    assert_eq!((a.open, a.selected), (1, 1));
    // A click in the text moves the passage cursor there.
    let text = a.reader_areas().text;
    let (row, passage) = (0..a.text_height())
        .find_map(|r| {
            let p = a.view().lines[a.scroll() + r].passage?;
            (p != a.cursor()).then_some((r, p))
        })
        .expect("two passages on screen");
    a.update(Action::Click {
        column: text.x + 4,
        row: text.y + row as u16,
    });
    assert_eq!((a.focus, a.cursor()), (Focus::Reader, passage));
}

#[test]
fn the_cursor_is_a_margin_mark_and_highlights_start_empty() {
    let a = app(80, 24);
    let marks = a.passage_marks(0);
    assert_eq!(marks.len(), 1);
    assert_eq!(marks[0].passage, 0);
    assert!(a.passage_marks(1).is_empty());
    assert!(a.highlights(0).is_empty());
}

#[test]
fn ctrl_z_suspends_only_with_job_control() {
    let mut a = app(80, 24);
    assert!(a.job_control(), "assumed until the runtime says otherwise");
    assert_eq!(run_keys(&mut a, "<c-z>"), vec![Effect::Suspend]);
    a.update(dossier::app::Msg::JobControl(false));
    assert_eq!(run_keys(&mut a, "<c-z>"), Vec::<Effect>::new());
    let m = a.message().expect("a message").text.clone();
    assert!(
        m.starts_with("Not suspended: no shell with job control"),
        "{m}"
    );
}

#[test]
fn the_first_article_is_wrapped_once_at_the_size_it_is_shown_at() {
    use dossier::app::layout::{Layout, Panes};
    let mut a = dossier::app::App::with_size(
        dossier::core::Corpus::bundled(),
        dossier::app::Config::default(),
        true,
        (120, 40),
    );
    let wanted = Layout::reader_areas(120, 40, Panes::Beside).wrap_width();
    assert_eq!(a.view().width, wanted);
    let before = a.view().clone();
    a.update(Action::Resize {
        width: 120,
        height: 40,
    });
    assert_eq!(a.view(), &before);
    // Too small to show text: the lines stay as they were, not wrapped to
    // one column.
    a.update(Action::Resize {
        width: 20,
        height: 5,
    });
    assert_eq!(a.view().width, wanted);
    a.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_eq!(
        a.view().width,
        Layout::reader_areas(80, 24, Panes::Beside).wrap_width()
    );
}
