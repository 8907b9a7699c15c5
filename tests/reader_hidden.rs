//! The hidden-blocks overlay (`H`) through the real key map: what the
//! cleaner left out of a copied web page is there to read, each block with
//! where it stood and why, and nothing about the article changes.

use dossier::app::{Config, Overlay};
use dossier::core::Corpus;
use dossier::testing::{app, app_with, render, run_keys, text};

const PROSE: &str = "The ministers met in the capital on Tuesday and agreed that the talks \
would go on for as long as it takes, because neither side wanted to be the one that walked \
away from the table after so many months of work on the text of the agreement.";
const PROSE_2: &str = "It was not the first time that the two of them had met, but it was the \
first time that they had done so in public, and with the cameras of the world on them as they \
spoke about what the war had done to the people of the region and what was left to rebuild.";

fn copied_page() -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("page.txt"),
        format!(
            "Talks go on in the capital - The Daily Paper\n\n• USD87.74 • EUR95.76\n\nHome\n\n\
             News\n\n{PROSE}\n\n{PROSE_2}\n\nSubscribe to our weekly digest\n"
        ),
    )
    .unwrap();
    let corpus = Corpus::load_dir(dir.path()).unwrap();
    (dir, corpus)
}

#[test]
fn h_shows_the_hidden_blocks_with_their_place_and_reason() {
    let (_dir, corpus) = copied_page();
    let mut a = app_with(corpus, Config::default(), 80, 24);
    let before = text(&render(&a));
    assert!(!before.contains("USD87"), "hidden in the reading pane");
    run_keys(&mut a, "H");
    assert_eq!(a.mode(), "HIDDEN");
    let screen = text(&render(&a));
    assert!(screen.contains("Hidden from this article: 5"), "{screen}");
    assert!(
        screen.contains("before ¶ 1 · the page's title line"),
        "{screen}"
    );
    assert!(screen.contains("• USD87.74 • EUR95.76"), "{screen}");
    assert!(
        screen.contains("after the last passage · page furniture"),
        "{screen}"
    );
    assert!(
        screen.contains("Subscribe to our weekly digest"),
        "{screen}"
    );
    // The keys that close it come from the key map.
    assert!(screen.contains("H Esc close"), "{screen}");
    run_keys(&mut a, "<esc>");
    assert!(a.overlay.is_none());
    assert_eq!(text(&render(&a)), before, "nothing changed underneath");
}

#[test]
fn an_article_read_as_written_says_nothing_was_hidden() {
    let mut a = app(80, 24);
    run_keys(&mut a, "H");
    assert!(matches!(a.overlay, Some(Overlay::Hidden(_))));
    let screen = text(&render(&a));
    assert!(
        screen.contains("Nothing of this article is hidden"),
        "{screen}"
    );
    run_keys(&mut a, "H");
    assert!(a.overlay.is_none(), "H closes it too");
}

#[test]
fn the_overlay_scrolls_and_fits_a_small_screen() {
    let (_dir, corpus) = copied_page();
    let mut a = app_with(corpus, Config::default(), 40, 12);
    run_keys(&mut a, "H");
    let top = text(&render(&a));
    run_keys(&mut a, "G");
    let bottom = text(&render(&a));
    assert_ne!(top, bottom, "G scrolls to the end");
    assert!(bottom.contains("Subscribe"), "{bottom}");
    run_keys(&mut a, "g");
    assert_eq!(text(&render(&a)), top);
}
