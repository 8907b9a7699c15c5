//! Search in the real binary, in a pseudo-terminal, as a new user would try
//! it: `/`, a query with a typo, the results as they come from the search
//! thread, Enter, `n` across articles, Esc; and the history, kept across a
//! restart. Every wait has a deadline.

mod common;

use common::pty::{DEADLINE, Pty, TestEnv, keys};

fn quit(p: &mut Pty) {
    p.send("q");
    let status = p.wait_exit(DEADLINE).expect("dossier exits after q");
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn search_go_step_and_find_the_query_again_after_a_restart() {
    let env = TestEnv::new();
    let mut p = Pty::spawn(&env, &[], 80, 24);
    p.expect_text(" LIST ");
    p.send("/");
    p.expect_text(" SEARCH ");
    // A swapped pair of letters and no capitals.
    p.send("lachin corirdor");
    p.expect_text("¶ 5 · Nagorno-Karabakh Crisis");
    p.expect_text("The prolonged blockade of the Lachin");
    p.send(keys::ENTER);
    // The top result is hit 1, though it is the last in reading order.
    p.expect_text("“lachin corirdor” · hit 1/5");
    p.expect_text(" READ ");
    // n goes to the second result, in another article.
    p.send("n");
    p.expect_text("“lachin corirdor” · hit 2/5");
    p.expect_text("Russia’s Complicity in the Failure");
    p.expect_text("¶ 14/32");
    p.send(keys::ESC);
    p.expect_text("Search “lachin corirdor” cleared");
    quit(&mut p);
    let history = std::fs::read_to_string(env.data_dir().join("history.json"))
        .expect("the history was written");
    assert!(history.contains("lachin corirdor"), "{history}");

    // After a restart, Up in an empty bar brings the query back.
    let mut p = Pty::spawn(&env, &[], 80, 24);
    p.expect_text(" LIST ");
    p.send("/");
    p.expect_text(" SEARCH ");
    p.send(keys::UP);
    p.expect_text("/lachin corirdor");
    p.expect_text("¶ 14 · Russia’s Complicity");
    p.send(keys::ESC);
    p.expect(" the bar closed", |s| !s.contents().contains(" SEARCH "));
    quit(&mut p);
}

#[test]
fn at_names_in_the_search_bar_go_through_the_search_thread() {
    // What the passages should be, from the library.
    let corpus = dossier::core::Corpus::bundled();
    let (index, _) = dossier::core::entity::EntityIndex::build(&corpus);
    let ids = ["lachin", "peacekeepers"].map(|n| index.resolve(n).unwrap());
    let n = index.passages_with_all(&ids).len();
    assert!(n > 0);
    let env = TestEnv::new();
    let mut p = Pty::spawn(&env, &[], 80, 24);
    p.expect_text(" LIST ");
    p.send("/");
    p.expect_text(" SEARCH ");
    p.send("@lachn");
    p.expect_text("No entity is named “@lachn”");
    p.send(keys::BACKSPACE);
    p.send("in @peacekeepers");
    let want = format!("{n} passage");
    p.expect(&format!(" {want} in the bar"), |s| {
        s.contents().contains(&want) && !s.contents().contains("No entity")
    });
    p.send(keys::ENTER);
    p.expect_text(&format!("“@lachin @peacekeepers” · hit 1/{n}"));
    quit(&mut p);
}
