//! Bookmarks in the reader, driven through the real key map with a real
//! store in a temporary folder (the effects carried out as the runtime
//! does), and drawn into a test terminal.

use dossier::app::{App, BookmarkChange, Effect, Focus, MarkKind, Overlay};
use dossier::core::bookmarks::{BookmarkStore, PassageSpan};
use dossier::testing::{
    app, find, open_store, render, render_at, run_keys, run_keys_with_store, text,
};

fn message(app: &App) -> String {
    app.message().map(|m| m.text.clone()).unwrap_or_default()
}

/// A reader at 80x24 and its store, in `dir`.
fn reader(dir: &tempfile::TempDir) -> (App, BookmarkStore) {
    let mut a = app(80, 24);
    let mut store = BookmarkStore::open(&dir.path().join("bookmarks.json"));
    open_store(&mut a, &mut store);
    (a, store)
}

#[test]
fn m_opens_the_note_editor_and_enter_asks_to_save_the_passage() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>JJ");
    assert!(run_keys(&mut a, "m").is_empty());
    assert!(matches!(a.overlay, Some(Overlay::Note(_))));
    assert_eq!(a.mode(), "NOTE");
    // Letters are text here, not commands (q would quit, j would move).
    let effects = plain(run_keys(&mut a, "q j<a-enter>second<c-j>third<enter>"));
    let article = a.corpus.articles[0].id.clone();
    assert_eq!(
        effects,
        vec![Effect::Bookmarks(BookmarkChange::Add {
            article,
            passages: PassageSpan::single(3),
            note: "q j\nsecond\nthird".into(),
        })]
    );
    assert!(a.overlay.is_none());
    assert_eq!(a.cursor(), 2, "typing did not move the cursor");
}

#[test]
fn esc_cancels_the_note_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "<enter>mnot this<esc>");
    assert!(a.overlay.is_none());
    assert!(message(&a).contains("nothing saved"), "{}", message(&a));
    assert!(store.bookmarks().is_empty());
    assert!(!dir.path().join("bookmarks.json").exists());
}

#[test]
fn v_selects_passages_that_j_and_k_extend_and_m_bookmarks_them() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>Jv");
    assert_eq!(a.mode(), "SELECT");
    run_keys(&mut a, "JJJK");
    assert_eq!(a.selection_in(0), Some((1, 3)));
    let marks = a.passage_marks(0);
    let selected: Vec<usize> = marks
        .iter()
        .filter(|m| m.kind == MarkKind::Selected)
        .map(|m| m.passage)
        .collect();
    assert_eq!(selected, [1, 2, 3]);
    let effects = plain(run_keys(&mut a, "m<enter>"));
    let Some(Effect::Bookmarks(BookmarkChange::Add { passages, .. })) = effects.first() else {
        panic!("{effects:?}");
    };
    assert_eq!(*passages, PassageSpan { first: 2, last: 4 });
    assert_eq!(a.selection_in(0), None, "bookmarking ends the selection");
    // Backwards works too; Esc and v drop a selection.
    run_keys(&mut a, "vKK");
    assert_eq!(a.bookmark_target(), Some(PassageSpan { first: 2, last: 4 }));
    run_keys(&mut a, "<esc>");
    assert_eq!(a.selection_in(0), None);
    run_keys(&mut a, "vJv");
    assert_eq!(a.selection_in(0), None);
    assert_eq!(a.bookmark_target(), Some(PassageSpan::single(3)));
    // Opening another article drops it.
    run_keys(&mut a, "vJ]");
    assert_eq!(a.selection_in(a.open), None);
    assert_eq!(a.mode(), "READ");
}

#[test]
fn a_saved_bookmark_shows_in_the_margin_the_source_list_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "<enter>JJmwhy it matters<enter>");
    assert!(
        message(&a).starts_with("Bookmarked passage 3"),
        "{}",
        message(&a)
    );
    assert_eq!(store.bookmarks().len(), 1);
    assert_eq!(store.bookmarks()[0].note, "why it matters");
    let on_disk = BookmarkStore::open(&dir.path().join("bookmarks.json"));
    assert_eq!(on_disk.bookmarks(), store.bookmarks());
    let marks = a.passage_marks(0);
    assert!(
        marks
            .iter()
            .any(|m| m.passage == 2 && m.kind == MarkKind::Bookmark)
    );
    assert!(
        a.source_column(0).starts_with("*1 "),
        "{}",
        a.source_column(0)
    );
    assert!(!a.source_column(1).contains('*'));

    // The margin shows `*` on the passage's first line even under the
    // cursor, and the cursor mark below it.
    let buf = render(&a);
    let area = a.reader_areas().text;
    let lines = a.view().passage_lines[2].clone();
    assert!(lines.len() > 1 && lines.start >= a.scroll());
    let y = area.y + (lines.start - a.scroll()) as u16;
    assert_eq!(buf[(area.x, y)].symbol(), "*", "{}", text(&buf));
    assert_eq!(buf[(area.x, y + 1)].symbol(), "▌", "{}", text(&buf));
    assert!(find(&buf, "*1 ").is_some(), "{}", text(&buf));
}

#[test]
fn the_list_shows_title_quote_note_and_age_and_enter_jumps_there() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "]]JJmthe sidelines<enter>");
    run_keys_with_store(&mut a, &mut store, "[mfirst article<enter>");
    run_keys(&mut a, "<tab>");
    let before = (a.open, a.cursor());
    run_keys_with_store(&mut a, &mut store, "'");
    assert_eq!(a.mode(), "BOOKMARKS");
    let screen = text(&render(&a));
    assert!(
        screen.contains("Bookmarks") && screen.contains(" 2 "),
        "{screen}"
    );
    assert!(screen.contains("The story of a betrayal"), "{screen}");
    assert!(
        screen.contains("“Three years later, none of the…”"),
        "{screen}"
    );
    assert!(
        screen.contains("the sidelines") && screen.contains("first article"),
        "{screen}"
    );
    // The day it was made, and how long ago.
    let made = store.bookmarks()[0].created.date();
    let day = format!(
        "{:04}-{:02}-{:02} · just now",
        made.year(),
        u8::from(made.month()),
        made.day()
    );
    assert!(screen.contains(&day), "{day}\n{screen}");
    // Corpus order: the second article's bookmark first.
    run_keys(&mut a, "j");
    let effects = run_keys(&mut a, "<enter>");
    assert_eq!(effects, vec![Effect::SaveState]);
    assert!(a.overlay.is_none());
    assert_eq!((a.open, a.cursor(), a.focus), (2, 2, Focus::Reader));
    run_keys(&mut a, "<c-o>");
    assert_eq!((a.open, a.cursor()), before, "the jump is in the jump list");
}

#[test]
fn the_filter_matches_quotes_and_notes_as_you_type() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "]]JJmthe sidelines<enter>");
    run_keys_with_store(&mut a, &mut store, "[mfirst article<enter>'");
    let Some(Overlay::Bookmarks(list)) = &a.overlay else {
        panic!()
    };
    assert_eq!(list.rows(&a.bookmarks).len(), 2);
    run_keys(&mut a, "/armenians");
    let Some(Overlay::Bookmarks(list)) = &a.overlay else {
        panic!()
    };
    assert!(list.filtering);
    let rows = list.rows(&a.bookmarks);
    assert_eq!(rows.len(), 1, "only one quote mentions Armenians");
    assert_eq!(a.bookmarks.list[rows[0]].note, "the sidelines");
    let screen = text(&render(&a));
    assert!(
        screen.contains("/armenians▏") && screen.contains("1 of 2"),
        "{screen}"
    );
    // The note is searched too, letters in order, accents and case folded.
    run_keys(&mut a, &"<backspace>".repeat(9));
    run_keys(&mut a, "FRST");
    let Some(Overlay::Bookmarks(list)) = &a.overlay else {
        panic!()
    };
    let rows = list.rows(&a.bookmarks);
    assert_eq!(a.bookmarks.list[rows[0]].note, "first article");
    run_keys(&mut a, "zzz");
    assert!(text(&render(&a)).contains("No bookmark matches"));
    // Esc leaves the filter, a second clears it, a third closes.
    run_keys(&mut a, "<esc>");
    let Some(Overlay::Bookmarks(list)) = &a.overlay else {
        panic!()
    };
    assert!(!list.filtering && list.filter == "FRSTzzz");
    run_keys(&mut a, "<esc>");
    let Some(Overlay::Bookmarks(list)) = &a.overlay else {
        panic!()
    };
    assert_eq!(list.rows(&a.bookmarks).len(), 2);
    run_keys(&mut a, "<esc>");
    assert!(a.overlay.is_none());
}

#[test]
fn e_edits_the_note_and_comes_back_to_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "<enter>mold<enter>'e");
    assert!(matches!(a.overlay, Some(Overlay::Note(_))));
    let screen = text(&render(&a));
    assert!(
        screen.contains("Edit the note") && screen.contains("old"),
        "{screen}"
    );
    run_keys_with_store(
        &mut a,
        &mut store,
        "<backspace><backspace><backspace>new<enter>",
    );
    assert!(
        matches!(a.overlay, Some(Overlay::Bookmarks(_))),
        "back in the list"
    );
    assert_eq!(message(&a), "Note saved");
    assert_eq!(store.bookmarks()[0].note, "new");
    // Esc in the editor keeps the old note.
    run_keys_with_store(&mut a, &mut store, "exyz<esc>");
    assert!(matches!(a.overlay, Some(Overlay::Bookmarks(_))));
    assert_eq!(store.bookmarks()[0].note, "new");
}

#[test]
fn d_deletes_only_after_y() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "<enter>mone<enter>Jmtwo<enter>'d");
    assert!(
        text(&render(&a))
            .contains("Delete the highlighted bookmark of ¶1? y deletes it, n keeps it")
    );
    assert_eq!(
        message(&a),
        "Delete the bookmark of passage 1? y deletes it, n keeps it"
    );
    run_keys_with_store(&mut a, &mut store, "n");
    assert_eq!(message(&a), "Not deleted");
    assert_eq!(store.bookmarks().len(), 2);
    run_keys_with_store(&mut a, &mut store, "d<esc>");
    assert_eq!(store.bookmarks().len(), 2);
    assert!(
        matches!(a.overlay, Some(Overlay::Bookmarks(_))),
        "Esc answered the question"
    );
    run_keys_with_store(&mut a, &mut store, "dy");
    assert_eq!(store.bookmarks().len(), 1);
    assert_eq!(store.bookmarks()[0].note, "two");
    assert!(message(&a).starts_with("Deleted"), "{}", message(&a));
    let on_disk = BookmarkStore::open(&dir.path().join("bookmarks.json"));
    assert_eq!(on_disk.bookmarks().len(), 1);
}

#[test]
fn another_instances_bookmarks_appear_when_the_list_opens() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    let mut other = BookmarkStore::open(&dir.path().join("bookmarks.json"));
    let article = a.corpus.articles[3].clone();
    other
        .add(&article, PassageSpan::single(2), "from the other window")
        .unwrap();
    assert!(a.bookmarks.list.is_empty());
    run_keys_with_store(&mut a, &mut store, "'");
    assert_eq!(a.bookmarks.list.len(), 1);
    assert!(text(&render(&a)).contains("from the other window"));
    // And a change here keeps it.
    run_keys_with_store(&mut a, &mut store, "<esc><enter>mmine<enter>");
    assert_eq!(other.reload().map(|()| other.bookmarks().len()).unwrap(), 2);
}

#[test]
fn a_file_it_cannot_read_makes_the_reader_read_only_and_stays_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bookmarks.json");
    std::fs::write(&path, "{\"version\": 7, \"bookmarks\": []}").unwrap();
    let (mut a, mut store) = reader(&dir);
    assert!(message(&a).contains("read-only"), "{}", message(&a));
    assert!(message(&a).contains("bookmarks.json"), "{}", message(&a));
    run_keys_with_store(&mut a, &mut store, "<enter>m");
    assert!(a.overlay.is_none(), "no editor when nothing can be saved");
    assert!(message(&a).contains("newer dossier"), "{}", message(&a));
    run_keys_with_store(&mut a, &mut store, "'");
    let screen = text(&render(&a));
    assert!(
        screen.contains("Read-only:") && screen.contains("bookmarks.json"),
        "{screen}"
    );
    run_keys_with_store(&mut a, &mut store, "<esc>J");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{\"version\": 7, \"bookmarks\": []}"
    );
}

#[test]
fn orphaned_bookmarks_are_listed_and_say_so_instead_of_jumping() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bookmarks.json");
    {
        let (mut a, mut store) = reader(&dir);
        run_keys_with_store(&mut a, &mut store, "<enter>mkept<enter>");
    }
    let text_now = std::fs::read_to_string(&path).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text_now).unwrap();
    let exact = v["bookmarks"][0]["quote"]["exact"]
        .as_str()
        .unwrap()
        .to_string();
    let edited = text_now.replace(
        &serde_json::to_string(&exact).unwrap(),
        "\"Words that were never in any article at all, anywhere.\"",
    );
    std::fs::write(&path, edited).unwrap();
    let (mut a, mut store) = reader(&dir);
    assert!(
        message(&a).contains("1 bookmark lost its text"),
        "{}",
        message(&a)
    );
    run_keys_with_store(&mut a, &mut store, "'");
    let screen = text(&render(&a));
    assert!(
        screen.contains("orphaned") && screen.contains("kept"),
        "{screen}"
    );
    run_keys(&mut a, "<enter>");
    assert!(matches!(a.overlay, Some(Overlay::Bookmarks(_))));
    assert!(message(&a).contains("orphaned"), "{}", message(&a));
}

#[test]
fn overlays_draw_at_any_size_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "<enter>mnote<enter>'");
    for (w, h) in [(80, 24), (40, 12), (20, 6), (1, 1)] {
        render_at(&a, w, h);
    }
    run_keys(&mut a, "e");
    for (w, h) in [(80, 24), (40, 12), (20, 6), (1, 1)] {
        render_at(&a, w, h);
    }
    let screen = text(&render(&a));
    assert!(
        screen.contains("New bookmark") || screen.contains("Edit the note"),
        "{screen}"
    );
    assert!(screen.contains("Enter save"), "{screen}");
}

#[test]
fn the_new_bookmark_box_names_the_passage_and_shows_its_words() {
    let mut a = app(80, 24);
    run_keys(&mut a, "]]JJm");
    run_keys(&mut a, "typed");
    let screen = text(&render(&a));
    assert!(screen.contains("New bookmark"), "{screen}");
    assert!(
        screen.contains("Passage 3 of The story of a betrayal"),
        "{screen}"
    );
    assert!(
        screen.contains("“Three years later, none of the"),
        "{screen}"
    );
    assert!(screen.contains("typed"), "{screen}");
}

#[test]
fn the_status_bar_gives_the_keys_of_the_open_box() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>m");
    let last = |a: &App| dossier::testing::rows(&render(a)).last().cloned().unwrap();
    assert!(
        last(&a).contains("Alt-Enter or Ctrl-j new line"),
        "{}",
        last(&a)
    );
    run_keys(&mut a, "<esc><esc>'");
    assert!(
        last(&a).contains("/ filter  e note  d delete"),
        "{}",
        last(&a)
    );
    run_keys(&mut a, "/");
    assert!(last(&a).contains("type to filter"), "{}", last(&a));
}

#[test]
fn without_colour_the_boxes_use_no_colour() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    a.color = false;
    let colourless = |a: &App, what: &str| {
        let buf = render(a);
        for y in 0..buf.area.height {
            for x in 0..buf.area.width {
                let c = &buf[(x, y)];
                let none = ratatui::style::Color::Reset;
                assert_eq!(
                    (c.fg, c.bg),
                    (none, none),
                    "{what} at {x},{y}: {}",
                    text(&buf)
                );
            }
        }
    };
    run_keys_with_store(&mut a, &mut store, "<enter>m");
    colourless(&a, "empty note");
    run_keys_with_store(&mut a, &mut store, "text<enter>'");
    colourless(&a, "list");
    run_keys_with_store(&mut a, &mut store, "d");
    colourless(&a, "delete question");
}

#[test]
fn a_bookmark_whose_paragraph_moved_is_marked_at_its_new_place() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus_dir).unwrap();
    let file = corpus_dir.join("a.md");
    let paras = [
        "First paragraph here.",
        "The marked paragraph, with enough words to be found.",
        "Last.",
    ];
    std::fs::write(&file, format!("# A\n\n{}\n", paras.join("\n\n"))).unwrap();
    let open = |dir: &tempfile::TempDir| {
        let corpus = dossier::core::Corpus::load_dir(&corpus_dir).unwrap();
        let mut a = dossier::testing::app_with(corpus, dossier::app::Config::default(), 80, 24);
        let mut store = BookmarkStore::open(&dir.path().join("bookmarks.json"));
        open_store(&mut a, &mut store);
        (a, store)
    };
    let (mut a, mut store) = open(&dir);
    run_keys_with_store(&mut a, &mut store, "<enter>Jmmarked<enter>");
    assert_eq!(store.bookmarks()[0].passages, PassageSpan::single(2));
    std::fs::write(
        &file,
        format!("# A\n\nNew one.\n\nNew two.\n\n{}\n", paras.join("\n\n")),
    )
    .unwrap();
    let (a, _) = open(&dir);
    let marked: Vec<usize> = a
        .passage_marks(0)
        .iter()
        .filter(|m| m.kind == MarkKind::Bookmark)
        .map(|m| m.passage)
        .collect();
    assert_eq!(marked, [3], "passage 4 now");
}

#[test]
fn another_processes_change_shows_at_the_next_key_press() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "<enter>");
    let mut other = BookmarkStore::open(&dir.path().join("bookmarks.json"));
    let first = a.corpus.articles[0].clone();
    let b = other
        .add(&first, PassageSpan::single(1), "added elsewhere")
        .unwrap();
    // Nothing is read until a key arrives (no polling) ...
    assert!(a.bookmarks.list.is_empty());
    // ... and any key picks it up: the margin mark and the source count.
    run_keys_with_store(&mut a, &mut store, "j");
    assert_eq!(a.bookmarks.list.len(), 1);
    assert!(
        a.passage_marks(0)
            .iter()
            .any(|m| m.passage == 0 && m.kind == MarkKind::Bookmark)
    );
    assert!(
        a.source_column(0).starts_with("*1 "),
        "{}",
        a.source_column(0)
    );
    // A deletion elsewhere is seen the same way, with the list open.
    run_keys_with_store(&mut a, &mut store, "'");
    assert!(text(&render(&a)).contains("added elsewhere"));
    other.remove(&b.id).unwrap();
    run_keys_with_store(&mut a, &mut store, "j");
    assert!(a.bookmarks.list.is_empty());
    assert!(text(&render(&a)).contains("No bookmarks yet"));
    // A file broken elsewhere turns the reader read-only, untouched.
    std::fs::write(dir.path().join("bookmarks.json"), "{ broken").unwrap();
    run_keys_with_store(&mut a, &mut store, "<esc>");
    assert!(message(&a).contains("read-only"), "{}", message(&a));
    assert!(a.bookmarks.read_only.is_some());
    std::fs::remove_file(dir.path().join("bookmarks.json")).unwrap();
    run_keys_with_store(&mut a, &mut store, "j");
    assert!(a.bookmarks.read_only.is_none());
    assert!(message(&a).contains("usable again"), "{}", message(&a));
}

#[cfg(unix)]
#[test]
fn a_failed_save_keeps_the_note_in_its_editor() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bookmarks.json");
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "<enter>mfirst<enter>Jm");
    // The file turns write-protected while the note is typed (checked by
    // the mode bits, so this holds when the tests run as root too).
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&path).unwrap();
    run_keys_with_store(
        &mut a,
        &mut store,
        "a long thought<a-enter>on two lines<enter>",
    );
    let Some(Overlay::Note(editor)) = &a.overlay else {
        panic!("the editor closed: {:?}", a.overlay);
    };
    assert_eq!(editor.note(), "a long thought\non two lines");
    let why = editor.error.clone().unwrap_or_default();
    assert!(
        why.contains(&format!("chmod u+w {}", path.display())),
        "{why}"
    );
    assert_eq!(
        message(&a),
        "Not saved; your note is kept: Enter tries again, Esc discards it"
    );
    assert_eq!(std::fs::read(&path).unwrap(), before, "file untouched");
    // At 80 columns: the whole status line, and in the box the reason and
    // the note.
    let screen = text(&render(&a));
    assert!(
        screen.contains("on two lines")
            && screen.contains("write-protected")
            && screen.contains("Esc discards it"),
        "{screen}"
    );
    // Fixed: Enter saves the same note, the file keeps its mode.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    run_keys_with_store(&mut a, &mut store, "<enter>");
    assert!(a.overlay.is_none());
    assert!(
        message(&a).starts_with("Bookmarked passage 2"),
        "{}",
        message(&a)
    );
    let notes: Vec<&str> = store.bookmarks().iter().map(|b| b.note.as_str()).collect();
    assert_eq!(notes, ["first", "a long thought\non two lines"]);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);

    // Editing from the list: the editor comes back, and Esc returns to the
    // list with the old note unchanged.
    run_keys_with_store(&mut a, &mut store, "'e");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    run_keys_with_store(
        &mut a,
        &mut store,
        "<backspace><backspace><backspace><backspace><backspace>edited<enter>",
    );
    let Some(Overlay::Note(editor)) = &a.overlay else {
        panic!("the editor closed: {}", message(&a));
    };
    assert_eq!(editor.note(), "edited");
    // While the file is protected, e and m say why instead of opening.
    run_keys_with_store(&mut a, &mut store, "<esc>e");
    assert_eq!(
        message(&a),
        "Bookmarks are read-only: bookmarks.json is write-protected"
    );
    assert!(
        text(&render(&a)).contains("chmod u+w"),
        "the list says what to do"
    );
    assert!(matches!(a.overlay, Some(Overlay::Bookmarks(_))));
    assert_eq!(store.bookmarks()[0].note, "first");
}

#[test]
fn a_note_for_a_bookmark_deleted_meanwhile_bookmarks_its_passage_again() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "<enter>JJmold<enter>'e");
    let id = store.bookmarks()[0].id.clone();
    BookmarkStore::open(&dir.path().join("bookmarks.json"))
        .remove(&id)
        .unwrap();
    run_keys_with_store(&mut a, &mut store, " and new<enter>");
    assert!(matches!(a.overlay, Some(Overlay::Note(_))));
    let Some(Overlay::Note(editor)) = &a.overlay else {
        unreachable!()
    };
    let m = editor.error.clone().unwrap_or_default();
    assert!(
        m.contains("deleted meanwhile") && m.contains("passage 3"),
        "{m}"
    );
    assert!(text(&render(&a)).contains("deleted meanwhile"));
    run_keys_with_store(&mut a, &mut store, "<enter>");
    assert!(
        matches!(a.overlay, Some(Overlay::Bookmarks(_))),
        "back in the list"
    );
    assert_eq!(store.bookmarks().len(), 1);
    assert_eq!(store.bookmarks()[0].note, "old and new");
    assert_eq!(store.bookmarks()[0].passages, PassageSpan::single(3));
}

#[test]
fn the_note_being_typed_is_saved_when_the_reader_must_exit() {
    use dossier::runtime::bookmarks::save_unsaved_note;
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    // Nothing open, or an editor with nothing typed: nothing to save.
    assert_eq!(save_unsaved_note(&a, &mut store), Ok(false));
    run_keys_with_store(&mut a, &mut store, "<enter>Jm");
    assert_eq!(save_unsaved_note(&a, &mut store), Ok(false));
    run_keys_with_store(&mut a, &mut store, "half a thought");
    assert_eq!(save_unsaved_note(&a, &mut store), Ok(true));
    let on_disk = BookmarkStore::open(&dir.path().join("bookmarks.json"));
    assert_eq!(on_disk.bookmarks()[0].note, "half a thought");
    assert_eq!(on_disk.bookmarks()[0].passages, PassageSpan::single(2));
    // An edited note, unchanged or changed.
    run_keys_with_store(&mut a, &mut store, "<esc>'e");
    assert_eq!(save_unsaved_note(&a, &mut store), Ok(false));
    run_keys_with_store(&mut a, &mut store, ", finished");
    assert_eq!(save_unsaved_note(&a, &mut store), Ok(true));
    assert_eq!(store.bookmarks()[0].note, "half a thought, finished");
    assert_eq!(store.bookmarks().len(), 1);
}

#[test]
fn the_bookmark_list_moves_like_every_list_and_question_mark_shows_the_keys() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(
        &mut a,
        &mut store,
        "<enter>mone<enter>Jmtwo<enter>Jmthree<enter>'",
    );
    let selected = |a: &App| match &a.overlay {
        Some(Overlay::Bookmarks(l)) => l.cursor.selected,
        other => panic!("{other:?}"),
    };
    // The same keys move it as they move the other lists.
    run_keys_with_store(&mut a, &mut store, "G");
    assert_eq!(selected(&a), 2);
    run_keys_with_store(&mut a, &mut store, "k");
    assert_eq!(selected(&a), 1);
    run_keys_with_store(&mut a, &mut store, "<c-u>");
    assert_eq!(selected(&a), 0);
    run_keys_with_store(&mut a, &mut store, "g");
    assert_eq!(selected(&a), 0);
    // `?` shows the keys here too.
    run_keys_with_store(&mut a, &mut store, "?");
    assert_eq!(a.mode(), "HELP");
}

#[test]
fn the_bookmark_list_keys_are_remapped_in_config_and_the_hints_follow() {
    let dir = tempfile::tempdir().unwrap();
    let config = dossier::app::Config::parse(
        "[keys.bookmarks]\nx = \"delete_bookmark\"\nd = \"none\"\n[keys.note]\n\"ctrl-s\" = \"save_note\"\n",
    )
    .unwrap();
    let mut a = dossier::testing::app_with(dossier::core::Corpus::bundled(), config, 80, 24);
    let mut store = BookmarkStore::open(&dir.path().join("bookmarks.json"));
    open_store(&mut a, &mut store);
    // Ctrl-s saves the note as Enter does.
    run_keys_with_store(&mut a, &mut store, "<enter>mnoted<c-s>");
    assert_eq!(store.bookmarks().len(), 1);
    run_keys_with_store(&mut a, &mut store, "'");
    let screen = text(&render(&a));
    assert!(
        screen.contains("Enter go  / filter  e note  x delete"),
        "{screen}"
    );
    // d does nothing in the list now; x asks, y deletes.
    run_keys_with_store(&mut a, &mut store, "d");
    assert_eq!(store.bookmarks().len(), 1);
    run_keys_with_store(&mut a, &mut store, "xy");
    assert!(store.bookmarks().is_empty());
}

#[test]
fn the_editing_keys_of_keys_line_work_in_the_note_and_the_search_bar() {
    let dir = tempfile::tempdir().unwrap();
    let config = dossier::app::Config::parse(
        "[keys.line]\n\"ctrl-y\" = \"delete_word_back\"\n\"ctrl-w\" = \"none\"\n",
    )
    .unwrap();
    let mut a = dossier::testing::app_with(dossier::core::Corpus::bundled(), config, 80, 24);
    let mut store = BookmarkStore::open(&dir.path().join("bookmarks.json"));
    open_store(&mut a, &mut store);
    // In the note: Ctrl-y deletes the word before the cursor.
    run_keys_with_store(&mut a, &mut store, "<enter>mkeep this<c-y>word<enter>");
    assert_eq!(store.bookmarks()[0].note, "keep word");
    // In the search bar too; Ctrl-w, unbound, no longer deletes a word.
    let typed = |a: &dossier::app::App| match &a.overlay {
        Some(Overlay::Search(bar)) => bar.line.text().to_string(),
        _ => panic!("the search bar is closed"),
    };
    run_keys(&mut a, "/lachin corridor<c-y>");
    assert_eq!(typed(&a), "lachin ");
    run_keys(&mut a, "x<c-w>");
    assert_eq!(typed(&a), "lachin x");
}

/// `effects` flattened, without the draft's (the note's draft file).
fn plain(effects: Vec<Effect>) -> Vec<Effect> {
    let mut out = Vec::new();
    for e in effects {
        match e {
            Effect::SaveDraft(_) => {}
            Effect::Many(inner) => out.extend(plain(inner)),
            e => out.push(e),
        }
    }
    out
}

/// The draft effects among `effects` (flattened).
fn drafts(effects: &[Effect]) -> Vec<Option<String>> {
    let mut out = Vec::new();
    for e in effects {
        match e {
            Effect::SaveDraft(d) => out.push(d.clone()),
            Effect::Many(inner) => out.extend(drafts(inner)),
            _ => {}
        }
    }
    out
}

#[test]
fn a_new_note_is_kept_as_a_draft_as_typed_and_dropped_when_done() {
    let mut a = app(80, 24);
    run_keys(&mut a, "<enter>Jm");
    let typed = drafts(&run_keys(&mut a, "ab"));
    assert_eq!(typed.len(), 2, "one per change");
    let last = typed[1].as_deref().expect("a draft");
    let d = dossier::app::draft::Draft::parse(last).unwrap();
    assert_eq!(
        (d.article.as_str(), d.first, d.last),
        (a.article().unwrap().id.as_str(), 2, 2)
    );
    assert_eq!(d.text, "ab");
    // A key that changes nothing writes nothing; Esc deletes the draft.
    assert!(drafts(&run_keys(&mut a, "<left><right>")).is_empty());
    assert_eq!(drafts(&run_keys(&mut a, "<esc>")), [None]);
    // Saving deletes it too.
    run_keys(&mut a, "mx");
    assert_eq!(drafts(&run_keys(&mut a, "<enter>")), [None]);
    // A draft read at start opens the editor on its passage with its text.
    let mut b = app(80, 24);
    let _ = dossier::testing::send(&mut b, dossier::app::Msg::Draft(d));
    let Some(Overlay::Note(n)) = &b.overlay else {
        panic!("the note editor is not open");
    };
    assert_eq!(n.note(), "ab");
    assert_eq!((b.open, b.cursor()), (a.open, 1));
    assert!(text(&render(&b)).contains("Passage 2 of"));
}

#[test]
fn an_edited_note_is_kept_as_a_draft_and_offered_back_to_its_bookmark() {
    let dir = tempfile::tempdir().unwrap();
    let (mut a, mut store) = reader(&dir);
    run_keys_with_store(&mut a, &mut store, "<enter>JJmold<enter>'e");
    let id = store.bookmarks()[0].id.clone();
    let typed = drafts(&run_keys_with_store(&mut a, &mut store, " and new"));
    assert_eq!(typed.len(), " and new".len(), "one per change");
    let last = typed.last().unwrap().as_deref().expect("a draft");
    let d = dossier::app::draft::Draft::parse(last).unwrap();
    assert_eq!(d.bookmark.as_deref(), Some(id.as_str()));
    assert_eq!((d.text.as_str(), d.first, d.last), ("old and new", 3, 3));
    // Esc drops the draft, as for a new note.
    assert_eq!(
        drafts(&run_keys_with_store(&mut a, &mut store, "<esc>")),
        [None]
    );
    // After a kill -9 the next start offers it back on the bookmark: Enter
    // changes that bookmark's note, and bookmarks nothing new.
    let (mut b, mut store) = reader(&dir);
    let _ = dossier::testing::send(&mut b, dossier::app::Msg::Draft(d));
    let Some(Overlay::Note(n)) = &b.overlay else {
        panic!("the note editor is not open");
    };
    assert_eq!(n.note(), "old and new");
    assert_eq!(b.cursor(), 2, "on the bookmarked passage");
    let saved = drafts(&run_keys_with_store(&mut b, &mut store, "<enter>"));
    assert_eq!(saved, [None], "saving deletes the draft");
    assert_eq!(store.bookmarks().len(), 1);
    assert_eq!(store.bookmarks()[0].note, "old and new");
}
