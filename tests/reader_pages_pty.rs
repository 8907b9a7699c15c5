//! Saved web pages in the real reader, in a pseudo-terminal: a folder
//! named by DOSSIER_CORPUS with a Readability test page and a hostile
//! page opens on clean text, and nothing of the hostile markup (scripts,
//! escape sequences written as entities or raw) reaches the terminal.

mod common;

use common::pty::{DEADLINE, Pty, TestEnv};

const HOSTILE: &str = "<html><head><title>Harbour &#x1b;]0;pwned&#x7; plan</title>\
    <script>document.write('alert-from-script')</script><style>p{x:1}</style></head><body>\
    <article><h1>Harbour plan</h1>\
    <p>The council voted on the harbour plan on Tuesday evening after a long debate \
    about the bridge, the budget and the ferry timetable for the coming year.</p>\
    <p>Residents spoke \u{1b}[2Jfirst&#x1b;]0;pwned&#x7; and traders &#155;31m after them, \
    and the vote was close: eleven to ten, with the mayor casting the last vote.</p>\
    <p onclick=\"alert-from-attr\">A third paragraph <a href=\"javascript:alert(1)\">with a link</a> \
    closes the article, long enough to be kept as part of the article text.</p>\
    </article></body></html>";

#[test]
fn the_reader_shows_saved_pages_as_clean_articles() {
    let env = TestEnv::new();
    let dir = env.root().join("dossier");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("hostile.html"), HOSTILE).unwrap();
    std::fs::copy(
        "tests/data/readability/lemonde-1/source.html",
        dir.join("lemonde.html"),
    )
    .unwrap();
    let corpus = dir.to_string_lossy().into_owned();
    let mut p = Pty::spawn_with(&env, &[], 100, 30, &[("DOSSIER_CORPUS", &corpus)]);
    p.expect_text(" LIST ");
    p.expect_text("Harbour plan");
    p.expect_text("Le projet de loi sur le");
    // The first article is open: its clean passages, no script or style.
    // Escape sequences go whole, raw or written as entities; &#155; is
    // "›", as in a browser (numeric references 128-159 are windows-1252).
    p.expect_text("Residents spoke first and traders ›31m after them");
    p.expect_text("A third paragraph with a link");
    let screen = p.text();
    for bad in ["alert", "p{x:1}", "<p", "&#", "pwned", "[2J"] {
        assert!(!screen.contains(bad), "{bad:?} on screen:\n{screen}");
    }
    let raw = String::from_utf8_lossy(&p.raw()).into_owned();
    assert!(
        !raw.contains("\u{1b}]0;pwned"),
        "an OSC title sequence reached the terminal"
    );
    assert!(!raw.contains("\u{9b}"), "a C1 control reached the terminal");
    // The second article, from Le Monde, with its byline.
    p.send("j\r");
    p.expect_text("Martin Untersinger");
    p.expect_text("Les députés ont, sans surprise, adopté");
    p.send("q");
    p.send("q");
    assert!(p.wait_exit(DEADLINE).is_some(), "dossier exits");
}
