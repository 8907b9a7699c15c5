//! The real reader, in a pseudo-terminal, on a folder that changes while it
//! runs: a page copied in appears in the source list, and the open page
//! rewritten shows its new text with the passage cursor where it was.
//! Saved news pages from the Readability test suite.

mod common;

use std::path::{Path, PathBuf};

use common::pty::{DEADLINE, Pty, TestEnv};

fn source(name: &str) -> PathBuf {
    Path::new("tests/data/readability")
        .join(name)
        .join("source.html")
}

/// The reader at 80x24 on a folder holding ars-1 and bbc-1.
fn reader(env: &TestEnv) -> (Pty, PathBuf) {
    let dir = env.root().join("dossier");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(source("ars-1"), dir.join("ars.html")).unwrap();
    std::fs::copy(source("bbc-1"), dir.join("bbc.html")).unwrap();
    let corpus = dir.to_string_lossy().into_owned();
    let p = Pty::spawn(env, &["--corpus", &corpus], 80, 24);
    p.expect_text(" LIST ");
    p.expect_text("Obama admits US");
    (p, dir)
}

fn quit(mut p: Pty) {
    p.send("q");
    assert!(p.wait_exit(DEADLINE).is_some(), "dossier exits");
}

#[test]
fn a_page_copied_into_the_folder_appears_in_the_source_list() {
    let env = TestEnv::new();
    let (p, dir) = reader(&env);
    assert!(!p.text().contains("Zimbabwe"));
    std::fs::copy(source("telegraph"), dir.join("telegraph.html")).unwrap();
    p.expect_text("Zimbabwe coup:");
    p.expect_text("1 article added");
    p.expect_text(" 1/3 ┛");
    quit(p);
}

#[test]
fn the_open_page_rewritten_shows_its_new_text_with_the_cursor_kept() {
    let env = TestEnv::new();
    let (mut p, dir) = reader(&env);
    p.send("j\rJJJ");
    p.expect_text("¶ 4/42");
    let row_of = |s: &vt100::Screen, text: &str| {
        s.contents()
            .lines()
            .find(|l| l.contains(text))
            .map(str::to_string)
    };
    let before = p.with_screen(|s| row_of(s, "race relations had")).unwrap();
    assert!(before.contains('▌'), "the cursor is on it: {before}");

    let path = dir.join("bbc.html");
    let html = std::fs::read_to_string(&path).unwrap();
    let changed = html.replace(
        "race relations had improved",
        "race relations had REWRITTEN",
    );
    assert_ne!(html, changed);
    std::fs::write(&path, changed).unwrap();

    p.expect_text("1 article changed");
    p.expect_text("REWRITTEN");
    let after = p.with_screen(|s| row_of(s, "REWRITTEN")).unwrap();
    assert!(after.contains('▌'), "the cursor is still on it: {after}");
    let screen = p.text();
    assert!(screen.contains("¶ 4/42"), "{screen}");
    assert!(screen.contains("Obama admits US gun laws"), "{screen}");
    quit(p);
}
