//! The real reader, in a pseudo-terminal, on a folder too large to read
//! before the first frame (the Readability test suite's saved pages, about
//! 8 MB, in subfolders): the list appears, then fills up as the rest is
//! read in the background, and the reader answers keys meanwhile.

mod common;

use std::time::Duration;

use common::pty::{DEADLINE, Pty, TestEnv};

#[test]
fn a_large_folder_opens_at_once_and_fills_in() {
    let env = TestEnv::new();
    let dir = env.root().join("dossier");
    common::pages::readability_folder(&dir);
    let whole = dossier::core::Corpus::load_dir(&dir)
        .unwrap()
        .articles
        .len();
    let corpus = dir.to_string_lossy().into_owned();
    let mut p = Pty::spawn(&env, &["--corpus", &corpus], 80, 24);
    p.expect_text(" LIST ");
    p.expect_text("part-0/");
    // The reader answers while the rest is read: the help opens.
    p.send("?");
    p.expect_text("Keys");
    p.send("\x1b");
    // Everything is read in the end, the progress line gone.
    let all = format!("/{whole} ┛");
    p.wait_for("the whole folder", Duration::from_secs(120), |s| {
        let c = s.contents();
        c.contains(&all) && !c.contains("partial")
    })
    .unwrap_or_else(|e| panic!("{e}"));

    p.send("q");
    assert!(p.wait_exit(DEADLINE).is_some(), "dossier exits");
}
