//! Entities in the real binary, in a pseudo-terminal, as a new user would
//! try them: pick an entity, step through its mentions across articles,
//! open the concordance, come back with `Ctrl-o`; and the same on a folder
//! of one's own articles without any catalogue. Every wait has a deadline.

mod common;

use common::pty::{DEADLINE, Pty, TestEnv, keys};

fn quit(p: &mut Pty) {
    p.send("q");
    let status = p.wait_exit(DEADLINE).expect("dossier exits after q");
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn pick_step_concordance_and_back_on_the_bundled_corpus() {
    let env = TestEnv::new();
    let mut p = Pty::spawn(&env, &[], 80, 24);
    p.expect_text(" LIST ");
    p.send("e");
    p.expect_text(" ENTITIES ");
    p.send("lavrov");
    p.expect_text("Sergei Lavrov");
    p.send(keys::ENTER);
    p.expect_text("3 mentions in 2 articles");
    p.send("n");
    p.expect_text("Sergei Lavrov · mention 1/3 · article 1/2");
    p.expect_text("Russia’s foreign minister Sergei Lavrov");
    p.send("n");
    p.expect_text("mention 2/3 · article 2/2");
    p.expect_text("Russia’s Complicity");
    p.send("c");
    p.expect_text("Sergei Lavrov: 3 mentions");
    p.expect_text("── complicity-peacebuilding · 2");
    p.send(keys::ESC);
    p.expect(" the concordance closed", |s| {
        !s.contents().contains("Sergei Lavrov: 3 mentions")
    });
    p.send(&keys::ctrl('o'));
    p.expect_text("Russia seals the demise");
    quit(&mut p);
}

#[test]
fn a_folder_of_ones_own_gets_discovered_entities() {
    let env = TestEnv::new();
    let dir = env.root().join("my-articles");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("one.txt"),
        "Field notes\n\nThe envoy Maria Ivanova met Global Witness staff.\n\nLater, Maria Ivanova flew home.",
    )
    .unwrap();
    std::fs::write(
        dir.join("two.txt"),
        "More notes\n\nA report by Global Witness named Maria Ivanova again.",
    )
    .unwrap();
    let d = dir.to_str().unwrap();
    let mut p = Pty::spawn(&env, &["--corpus", d], 80, 24);
    p.expect_text(" LIST ");
    p.send("e");
    p.expect_text("Maria Ivanova");
    p.send("ivan");
    p.send(keys::ENTER);
    p.expect_text("3 mentions in 2 articles");
    p.send("nnn");
    p.expect_text("Maria Ivanova · mention 3/3 · article 2/2");
    p.expect_text("More notes");
    quit(&mut p);
}

#[test]
fn the_entities_in_the_same_passages_and_stepping_through_them() {
    let env = TestEnv::new();
    let mut p = Pty::spawn(&env, &[], 80, 24);
    p.expect_text(" LIST ");
    p.send("e");
    p.expect_text(" ENTITIES ");
    p.send("lavrov");
    p.expect_text("Sergei Lavrov");
    p.send(keys::ENTER);
    p.expect_text("3 mentions in 2 articles");
    p.send("w");
    p.expect_text("In the same passages as Sergei Lavrov");
    p.expect_text("PASSAGES MENTIONS ARTICLES");
    p.expect_text(" WITH ");
    // The view closes with Esc and the reader has not moved.
    p.send(keys::ESC);
    p.expect(" the view closed", |s| {
        !s.contents().contains("In the same passages as")
    });
    p.send("w");
    p.expect_text("In the same passages as Sergei Lavrov");
    // Enter on the first row: the shared passages are stepped through.
    p.send(keys::ENTER);
    p.expect_text("Sergei Lavrov + ");
    p.send("n");
    p.expect_text(" · hit ");
    p.expect(" a hit number out of the shared passages", |s| {
        s.contents().contains("“@\"Sergei Lavrov\" @")
    });
    quit(&mut p);
}
