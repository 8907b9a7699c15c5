//! Bookmarks in the real reader, in a pseudo-terminal: bookmarking with a
//! note, quitting and finding it again after a restart; line breaks typed
//! as a terminal sends them; two readers on one file; a file the reader
//! must not touch. Every wait has a deadline; none is a blind sleep.

mod common;

use common::pty::{DEADLINE, Pty, TestEnv, keys};

fn started(env: &TestEnv) -> Pty {
    let p = Pty::spawn(env, &[], 80, 24);
    p.expect_text(" LIST ");
    p
}

fn quit(p: &mut Pty) {
    p.send("q");
    let Some(status) = p.wait_exit(DEADLINE) else {
        panic!("dossier did not exit after q:\n{}", p.text());
    };
    assert!(status.success(), "exit status {status:?}");
}

fn bookmarks_file(env: &TestEnv) -> serde_json::Value {
    let text = std::fs::read_to_string(env.data_dir().join("bookmarks.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn m_note_enter_quit_restart_and_the_list_shows_it() {
    let env = TestEnv::new();
    let mut p = started(&env);
    p.send(keys::ENTER);
    p.expect_text(" READ ");
    p.send("JJ");
    p.expect_text("¶ 3/");
    p.send("m");
    p.expect_text("New bookmark");
    p.expect_text("Passage 3 of");
    p.send("remember this one");
    p.expect_text("remember this one");
    p.send(keys::ENTER);
    p.expect_text("Bookmarked passage 3");
    quit(&mut p);
    let v = bookmarks_file(&env);
    assert_eq!(v["bookmarks"][0]["note"], "remember this one");
    assert_eq!(v["bookmarks"][0]["passages"]["first"], 3);

    let mut p = started(&env);
    p.expect_text("*1 ");
    p.send("'");
    p.expect_text(" Bookmarks ");
    p.expect_text("remember this one");
    p.expect_text("just now");
    p.send(keys::ENTER);
    p.expect_text(" READ ");
    p.expect_text("¶ 3/");
    quit(&mut p);
}

#[test]
fn alt_enter_and_ctrl_j_break_lines_and_esc_saves_nothing() {
    let env = TestEnv::new();
    let mut p = started(&env);
    p.send(keys::ENTER);
    p.expect_text(" READ ");
    p.send("m");
    p.expect_text("New bookmark");
    p.send("one");
    p.send("\x1b\r"); // Alt-Enter
    p.send("two");
    p.send("\n"); // Ctrl-j
    p.send("three");
    p.expect_text("three");
    p.send(keys::ENTER);
    p.expect_text("Bookmarked passage 1");
    p.send("J");
    p.send("m");
    p.expect_text("New bookmark");
    p.send("discarded");
    p.expect_text("discarded");
    p.send(keys::ESC);
    p.expect_text("nothing saved");
    quit(&mut p);
    let v = bookmarks_file(&env);
    assert_eq!(v["bookmarks"].as_array().unwrap().len(), 1);
    assert_eq!(v["bookmarks"][0]["note"], "one\ntwo\nthree");
}

#[test]
fn two_readers_on_one_file_keep_both_bookmarks_and_see_each_other() {
    let env = TestEnv::new();
    let mut a = started(&env);
    let mut b = started(&env);
    a.send(keys::ENTER);
    a.expect_text(" READ ");
    a.send("m");
    a.expect_text("New bookmark");
    a.send("from the first window");
    a.send(keys::ENTER);
    a.expect_text("Bookmarked passage 1");
    b.send("]");
    b.expect_text("Russia’s Complicity in the Failure");
    b.send("m");
    b.expect_text("New bookmark");
    b.send("from the second window");
    b.send(keys::ENTER);
    b.expect_text("Bookmarked passage 1");
    // The first window picks up the second's bookmark when it opens the list.
    a.send("'");
    a.expect_text("from the second window");
    a.expect_text(" 2 ");
    a.send("q"); // closes the list first
    a.expect_text(" READ ");
    quit(&mut a);
    quit(&mut b);
    let v = bookmarks_file(&env);
    let notes: Vec<&str> = v["bookmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["note"].as_str().unwrap())
        .collect();
    assert_eq!(notes, ["from the first window", "from the second window"]);
}

#[test]
fn a_file_it_cannot_read_is_reported_and_left_alone() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    let path = env.data_dir().join("bookmarks.json");
    std::fs::write(&path, "{ \"version\": 1, \"bookmarks\": [ broken").unwrap();
    let mut p = Pty::spawn(&env, &[], 120, 24);
    p.expect_text("Bookmarks are read-only");
    p.send(keys::ENTER);
    p.expect_text(" READ ");
    p.send("m");
    p.expect_text("not valid JSON");
    p.send("'");
    p.expect_text("Read-only:");
    p.send(keys::ESC);
    // Wait until Esc was taken on its own (with q right behind it, a
    // terminal sends Alt-q).
    p.expect("the list closed", |s| !s.contents().contains("Read-only:"));
    quit(&mut p);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "{ \"version\": 1, \"bookmarks\": [ broken"
    );
}

#[test]
fn a_bookmark_added_in_another_terminal_shows_at_the_next_key() {
    let env = TestEnv::new();
    let mut p = started(&env);
    p.send(keys::ENTER);
    p.expect_text(" READ ");
    p.expect("no bookmark yet", |s| !s.contents().contains("*1 "));
    let out = env
        .command()
        .args([
            "bookmarks",
            "add",
            "1:1",
            "--note",
            "typed in another terminal",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    // The next key press (j moves a line) shows it in the source list.
    p.send("j");
    p.expect_text("*1 ");
    p.send("'");
    p.expect_text("typed in another terminal");
    p.send(keys::ESC);
    p.expect("the list closed", |s| {
        !s.contents().contains("typed in another terminal")
    });
    // Removed elsewhere: gone at the next key.
    let id = bookmarks_file(&env)["bookmarks"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = env
        .command()
        .args(["bookmarks", "remove", &id])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    p.send("k");
    p.expect("the mark went", |s| !s.contents().contains("*1 "));
    quit(&mut p);
}

#[test]
fn sighup_with_the_note_editor_open_saves_the_note() {
    let env = TestEnv::new();
    let mut p = started(&env);
    p.send(keys::ENTER);
    p.expect_text(" READ ");
    p.send("J");
    p.expect_text("¶ 2/");
    p.send("m");
    p.expect_text("New bookmark");
    p.send("the connection is about to drop");
    p.expect_text("about to drop");
    p.signal("HUP");
    let status = p.wait_exit(DEADLINE).expect("dossier exits on SIGHUP");
    assert_eq!(status.exit_code(), 128 + 1);
    let v = bookmarks_file(&env);
    assert_eq!(v["bookmarks"][0]["note"], "the connection is about to drop");
    assert_eq!(v["bookmarks"][0]["passages"]["first"], 2);

    // SIGTERM while editing that note from the list: the edit is saved.
    let mut p = started(&env);
    p.send("'");
    p.expect_text("about to drop");
    p.send("e");
    p.expect_text("Edit the note");
    p.send(", and it did");
    p.expect_text("and it did");
    p.signal("TERM");
    let status = p.wait_exit(DEADLINE).expect("dossier exits on SIGTERM");
    assert_eq!(status.exit_code(), 128 + 15);
    let v = bookmarks_file(&env);
    assert_eq!(v["bookmarks"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["bookmarks"][0]["note"],
        "the connection is about to drop, and it did"
    );
}

#[test]
fn a_note_being_typed_survives_kill_9_and_is_offered_back() {
    let env = TestEnv::new();
    let draft = env.data_dir().join("draft.json");
    let mut p = started(&env);
    p.send(keys::ENTER);
    p.expect_text(" READ ");
    p.send("JJ");
    p.expect_text("¶ 3/");
    p.send("m");
    p.expect_text("New bookmark");
    p.send("half a thought");
    p.expect_text("half a thought");
    // The draft reaches the state folder as it is typed (within the
    // write period), then the reader is killed without a chance to save.
    kill_once_drafted(&mut p, &draft, "half a thought");
    // The next start offers it back, on its passage.
    let mut p = Pty::spawn(&env, &[], 80, 24);
    p.expect_text("Your unsaved note is back");
    p.expect_text("Passage 3 of");
    p.expect_text("half a thought");
    p.send(" kept");
    p.expect_text("half a thought kept");
    p.send(keys::ENTER);
    p.expect_text("Bookmarked");
    wait_until("the draft was deleted", || !draft.exists());
    quit(&mut p);
    let list = bookmarks_file(&env);
    assert!(list.to_string().contains("half a thought kept"), "{list}");
    // Saved: nothing is offered at the next start.
    let mut p = started(&env);
    assert!(!p.text().contains("unsaved note"), "{}", p.text());
    quit(&mut p);
}

/// Waits for `done`, failing the test with `what` after the deadline.
fn wait_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = std::time::Instant::now() + DEADLINE;
    while !done() {
        assert!(std::time::Instant::now() < deadline, "not so: {what}");
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Once the draft file holds `text` (written within the draft period), the
/// reader is killed without a chance to save.
fn kill_once_drafted(p: &mut Pty, draft: &std::path::Path, text: &str) {
    wait_until(&format!("{draft:?} holds {text:?}"), || {
        std::fs::read_to_string(draft).is_ok_and(|t| t.contains(text))
    });
    p.signal("KILL");
    assert!(p.wait_exit(DEADLINE).is_some(), "not killed");
}

#[test]
fn an_edited_note_survives_kill_9_and_is_offered_back_to_its_bookmark() {
    let env = TestEnv::new();
    let draft = env.data_dir().join("draft.json");
    let mut p = started(&env);
    p.send(keys::ENTER);
    p.expect_text(" READ ");
    p.send("JJ");
    p.expect_text("¶ 3/");
    p.send("m");
    p.expect_text("New bookmark");
    p.send("first thought");
    p.send(keys::ENTER);
    p.expect_text("Bookmarked");
    p.send("'");
    p.expect_text("first thought");
    p.send("e");
    p.expect_text("Edit the note");
    p.send(", second");
    p.expect_text("first thought, second");
    kill_once_drafted(&mut p, &draft, "first thought, second");
    // The next start offers it back, as the edit of that bookmark.
    let mut p = Pty::spawn(&env, &[], 80, 24);
    p.expect_text("Your unsaved note is back");
    p.expect_text("Edit the note");
    p.expect_text("first thought, second");
    p.send(keys::ENTER);
    p.expect_text("Note saved");
    quit(&mut p);
    let v = bookmarks_file(&env);
    assert_eq!(v["bookmarks"].as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v["bookmarks"][0]["note"], "first thought, second");
    assert!(!draft.exists(), "the draft was not deleted");
}
