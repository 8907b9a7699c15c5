//! A dossier organised in subfolders, drawn into ratatui's `TestBackend`:
//! each article in a subfolder shows its folder before its title, dim, at
//! the usual size and at the smallest.

use dossier::app::Config;
use dossier::core::Corpus;
use dossier::testing::{app_with, find, render_at, rows};
use ratatui::style::Color;

fn foldered() -> (tempfile::TempDir, Corpus) {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("root.txt", "Opening statement\n\nThe hearing began."),
        (
            "court/2024/day-one.txt",
            "Day one transcript\n\nThe court sat.",
        ),
        ("press/wire.md", "Wire report\n\nA report."),
    ];
    for (rel, body) in files {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    }
    let c = Corpus::load_dir(dir.path()).unwrap();
    (dir, c)
}

#[test]
fn the_list_shows_each_folder_before_its_title() {
    let (_dir, corpus) = foldered();
    let app = app_with(corpus, Config::default(), 80, 24);
    let buf = render_at(&app, 80, 24);
    let screen = rows(&buf).join("\n");
    assert!(screen.contains("Opening statement"), "{screen}");
    // The list pane is narrow at 80x24: the folder takes half a row at
    // most, the title the rest (and the row below).
    assert!(screen.contains("court/20… Day one"), "{screen}");
    assert!(screen.contains("press/ Wire"), "{screen}");
    // The folder is dim (the list's second-column style), the title not.
    let (x, y) = find(&buf, "press/").unwrap();
    assert_eq!(buf[(x, y)].fg, Color::DarkGray);
    let (x, y) = find(&buf, "Wire report").unwrap();
    assert_ne!(buf[(x, y)].fg, Color::DarkGray);
}

#[test]
fn at_40x12_the_list_alone_shows_folder_and_title_whole() {
    let (_dir, corpus) = foldered();
    let app = app_with(corpus, Config::default(), 40, 12);
    let buf = render_at(&app, 40, 12);
    let screen = rows(&buf).join("\n");
    assert!(
        screen.contains("court/2024/ Day one transcript"),
        "{screen}"
    );
    assert!(screen.contains("press/ Wire report"), "{screen}");
}

#[test]
fn a_search_result_names_the_folder_of_its_article() {
    let (_dir, corpus) = foldered();
    let mut app = app_with(corpus, Config::default(), 80, 24);
    dossier::testing::run_keys(&mut app, "/court sat");
    let screen = rows(&render_at(&app, 80, 24)).join("\n");
    assert!(
        screen.contains("¶ 1 · court/2024/ Day one transcript"),
        "{screen}"
    );
}
