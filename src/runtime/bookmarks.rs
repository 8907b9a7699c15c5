//! The reader's bookmarks file: the runtime opens the [`BookmarkStore`] at
//! start, carries out the [`BookmarkChange`]s that [`App::update`] asks for
//! (each one locked, re-read, written atomically by the store) and hands
//! the new list, placed in the corpus, back to the app.
//!
//! A file the store cannot read makes the reader read-only, with the
//! store's message (naming the file and what to do) on screen. A note whose
//! save fails goes back into its editor ([`App::note_not_saved`]).
//!
//! [`sync`] is called after every key (before the screen is drawn): when
//! another process changed the file (a second reader, `dossier bookmarks
//! add` in another terminal), the reader shows it at the next key press.
//! Nothing polls: it costs one `stat` per key, nothing while idle.

use crate::app::{Action, App, BookmarkChange, Level, Overlay};
use crate::core::Error;
use crate::core::bookmarks::BookmarkStore;

/// Gives `app` the bookmarks of a freshly opened `store`, with a message
/// when the file cannot be used or some bookmarks lost their text.
pub fn load(app: &mut App, store: &mut BookmarkStore) {
    refresh(app, store);
    if let Some(why) = app.read_only_notice(false) {
        app.notify(why, Level::Error);
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
    let from_editor = matches!(
        change,
        BookmarkChange::Add { .. } | BookmarkChange::SetNote { .. }
    );
    let mut gone = false;
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
            gone = !found;
            Some("Note saved".to_string())
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
        Ok(_) if gone => app.note_target_gone(),
        Ok(Some(m)) => {
            if from_editor {
                app.note_saved();
            }
            app.notify(m, Level::Info);
        }
        Ok(None) => {}
        Err(e) if reload => app.notify(
            app.read_only_notice(false)
                .unwrap_or_else(|| format!("Bookmarks are read-only: {e}")),
            Level::Error,
        ),
        Err(e) if from_editor => app.note_not_saved(format!("Not saved: {e}")),
        Err(e) => app.notify(format!("Not saved: {e}"), Level::Error),
    }
}

/// Picks up a change another process made to the file since this reader
/// last read or wrote it; true when the file was read again. One `stat`
/// when nothing changed. Says so when the file became unusable (the
/// reader turns read-only), unusable for another reason, or usable again.
pub fn sync(app: &mut App, store: &mut BookmarkStore) -> bool {
    if !store.changed_on_disk() {
        return false;
    }
    let before = app.bookmarks.read_only.clone();
    let was_read_only = before.is_some();
    let result = store.reload();
    refresh(app, store);
    match result {
        Err(e) if app.bookmarks.read_only != before => {
            app.notify(
                app.read_only_notice(false)
                    .unwrap_or_else(|| format!("Bookmarks are read-only: {e}")),
                Level::Error,
            );
        }
        Ok(()) if was_read_only => {
            app.notify(
                "The bookmarks file is usable again: changes are saved",
                Level::Info,
            );
        }
        _ => {}
    }
    true
}

/// Saves the note being typed when the reader must exit at once (the
/// terminal hung up, SIGTERM): a new bookmark with that note, or the
/// edited note. `Ok(false)` when there was nothing to save; the error
/// names the file and carries the note, for the caller to print.
pub fn save_unsaved_note(app: &mut App, store: &mut BookmarkStore) -> Result<bool, String> {
    let Some(change) = app.unsaved_note() else {
        return Ok(false);
    };
    let place = match &app.overlay {
        Some(Overlay::Note(editor)) => editor.place,
        _ => None,
    };
    let note = match &change {
        BookmarkChange::Add { note, .. } | BookmarkChange::SetNote { note, .. } => note.clone(),
        _ => String::new(),
    };
    let done = match change {
        BookmarkChange::Add {
            article,
            passages,
            note,
        } => match app.corpus.get(&article) {
            Some(a) => store.add(a, passages, &note).map(|_| true),
            None => Ok(false),
        },
        // Deleted meanwhile: bookmark its passage again, with the note.
        BookmarkChange::SetNote { id, note } => match store.set_note(&id, &note) {
            Ok(false) => match place {
                Some((ix, span)) => store
                    .add(&app.corpus.articles[ix], span, &note)
                    .map(|_| true),
                None => Ok(false),
            },
            r => r,
        },
        _ => Ok(false),
    };
    match done {
        Ok(true) => Ok(true),
        Ok(false) => Err(format!(
            "the note being typed could not be saved (its bookmark is gone); it was:\n{note}"
        )),
        Err(e) => Err(format!(
            "the note being typed could not be saved ({e}); it was:\n{note}"
        )),
    }
}

/// Hands the store's list, placed in the corpus, to the app.
fn refresh(app: &mut App, store: &mut BookmarkStore) {
    let anchors = store.anchor(&app.corpus);
    let read_only = store
        .error()
        .zip(store.summary())
        .map(|(e, s)| (e.to_string(), s));
    app.set_bookmarks(store.bookmarks().to_vec(), anchors, read_only);
}
