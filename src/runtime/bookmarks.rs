//! The reader's bookmarks file: the runtime opens the [`BookmarkStore`] at
//! start, carries out the [`BookmarkChange`]s that [`App::update`] asks for
//! (each one locked, re-read, written atomically by the store) and hands
//! the new list, placed in the corpus, back to the app.
//!
//! A file the store cannot read makes the reader read-only, with the
//! store's message (naming the file and what to do) on screen.

use crate::app::{Action, App, BookmarkChange, Level};
use crate::core::Error;
use crate::core::bookmarks::BookmarkStore;

/// Gives `app` the bookmarks of a freshly opened `store`, with a message
/// when the file cannot be used or some bookmarks lost their text.
pub fn load(app: &mut App, store: &mut BookmarkStore) {
    refresh(app, store);
    if let Some(e) = store.error() {
        app.notify(format!("Bookmarks are read-only: {e}"), Level::Error);
        return;
    }
    let orphans = app
        .bookmarks
        .anchors
        .iter()
        .filter(|a| a.is_orphaned())
        .count();
    if orphans > 0 {
        let list = app
            .keymap
            .hint(Action::OpenBookmarkList)
            .unwrap_or_default();
        let (n, s) = if orphans == 1 {
            ("1 bookmark", "its")
        } else {
            ("bookmarks", "their")
        };
        let n = if orphans == 1 {
            n.to_string()
        } else {
            format!("{orphans} {n}")
        };
        app.notify(
            format!("{n} lost {s} text in the articles (orphaned, kept); {list} lists them"),
            Level::Warning,
        );
    }
}

/// Carries out one change and shows what happened.
pub fn apply(app: &mut App, store: &mut BookmarkStore, change: BookmarkChange) {
    let reload = change == BookmarkChange::Reload;
    let done: Result<Option<String>, Error> = match change {
        BookmarkChange::Add {
            article,
            passages,
            note,
        } => match app.corpus.get(&article) {
            Some(a) => store.add(a, passages, &note).map(|b| {
                let list = app
                    .keymap
                    .hint(Action::OpenBookmarkList)
                    .unwrap_or_default();
                let what = if b.passages.len() == 1 {
                    "passage"
                } else {
                    "passages"
                };
                Some(format!(
                    "Bookmarked {what} {} ({list} lists bookmarks)",
                    b.passages
                ))
            }),
            None => Ok(Some(format!("No article '{article}' to bookmark"))),
        },
        BookmarkChange::SetNote { id, note } => store.set_note(&id, &note).map(|found| {
            Some(if found {
                "Note saved".to_string()
            } else {
                "Not saved: that bookmark was deleted meanwhile (by another dossier?)".to_string()
            })
        }),
        BookmarkChange::Remove { id } => store.remove(&id).map(|gone| {
            Some(match gone {
                Some(b) => format!("Deleted the bookmark of passage {}", b.passages),
                None => "That bookmark was already deleted (by another dossier?)".to_string(),
            })
        }),
        BookmarkChange::Reload => store.reload().map(|()| None),
    };
    refresh(app, store);
    match done {
        Ok(Some(m)) => app.notify(m, Level::Info),
        Ok(None) => {}
        Err(e) if reload => app.notify(format!("Bookmarks are read-only: {e}"), Level::Error),
        Err(e) => app.notify(format!("Not saved: {e}"), Level::Error),
    }
}

/// Hands the store's list, placed in the corpus, to the app.
fn refresh(app: &mut App, store: &mut BookmarkStore) {
    let anchors = store.anchor(&app.corpus);
    let read_only = store.error().map(|e| e.to_string());
    app.set_bookmarks(store.bookmarks().to_vec(), anchors, read_only);
}
