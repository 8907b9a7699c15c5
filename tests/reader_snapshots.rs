//! The main screens as snapshots (insta), at 80x24 and at 40x12, with the
//! clock stopped: the source list, reading, help, the search bar with its
//! results, the entity picker, the concordance, the co-occurrence view, the bookmark list and the
//! note editor. A change to what the user sees shows up here as a diff to
//! review (`cargo insta review`, or accept with `INSTA_UPDATE=always`).
//!
//! Text only: the colours are checked by `tests/reader_draw.rs`.

use dossier::app::{App, Msg};
use dossier::core::bookmarks::BookmarkStore;
use dossier::testing::{app, open_store, render, run_keys, run_keys_with_store, text};

/// The time every screen is drawn at.
fn now() -> time::OffsetDateTime {
    let rfc3339 = time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::parse("2026-03-05T12:00:00Z", &rfc3339).unwrap()
}

/// A reader at `w`x`h` with the clock stopped at [`now`].
fn reader(w: u16, h: u16) -> App {
    let mut a = app(w, h);
    a.update(Msg::Now(now()));
    a
}

/// The screen after `keys`, for a snapshot named `name` at both sizes.
fn screens(name: &str, keys: &str) {
    for (w, h) in [(80, 24), (40, 12)] {
        let mut a = reader(w, h);
        run_keys(&mut a, keys);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), text(&render(&a)));
    }
}

#[test]
fn the_source_list_at_start() {
    screens("list", "");
}

#[test]
fn reading_an_article() {
    screens("reading", "<enter>JJ");
}

#[test]
fn the_help() {
    screens("help", "?");
}

#[test]
fn the_search_bar_with_results() {
    screens("search", "/lachin corirdor");
}

#[test]
fn stepping_through_search_hits() {
    screens("search_hits", "/lachin corirdor<enter>n");
}

#[test]
fn the_entity_picker() {
    screens("entities", "<enter>e");
}

#[test]
fn following_an_entity_and_its_concordance() {
    screens("concordance", "<enter>*c");
}

#[test]
fn the_entities_in_the_same_passages() {
    screens("cooccurrence", "elachin<enter>w");
}

#[test]
fn the_note_editor() {
    screens("note", "<enter>Jmwhy this matters");
}

#[test]
fn the_bookmark_list_says_how_long_ago() {
    for (w, h) in [(80, 24), (40, 12)] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bookmarks.json");
        // Two bookmarks made at known times: three days and an hour ago.
        let mut a = reader(w, h);
        let mut store = BookmarkStore::open(&path);
        open_store(&mut a, &mut store);
        run_keys_with_store(&mut a, &mut store, "<enter>Jmfirst<enter>JJmsecond<enter>");
        let mut file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let list = file["bookmarks"].as_array_mut().expect("a bookmarks array");
        assert_eq!(list.len(), 2);
        for (b, when) in list
            .iter_mut()
            .zip(["2026-03-02T09:30:00Z", "2026-03-05T11:00:00Z"])
        {
            b["created"] = when.into();
            b["updated"] = when.into();
        }
        std::fs::write(&path, serde_json::to_string_pretty(&file).unwrap()).unwrap();
        let mut a = reader(w, h);
        let mut store = BookmarkStore::open(&path);
        open_store(&mut a, &mut store);
        run_keys_with_store(&mut a, &mut store, "'");
        insta::assert_snapshot!(format!("bookmarks_{w}x{h}"), text(&render(&a)));
    }
}
