//! The reader's bookmarks file: the runtime opens the [`BookmarkStore`] at
//! start, carries out the [`BookmarkChange`]s that [`App::update`] asks for
//! (each one locked, re-read, written atomically by the store) and hands
//! the new list, placed in the corpus, back to the app.
//!
//! Nothing here changes the [`App`]: each function reads it and returns
//! the [`Msg`]s that say what happened (the new list, how a note's save
//! went, a line for the status bar), which the executor
//! ([`super::executor`]) delivers through [`App::update`].
//!
//! A file the store cannot read makes the reader read-only, with the
//! store's message (naming the file and what to do) on screen. A note whose
//! save fails goes back into its editor (`Msg::NoteNotSaved`).
//!
//! [`sync`] is called after every key (before the screen is drawn): when
//! another process changed the file (a second reader, `dossier bookmarks
//! add` in another terminal), the reader shows it at the next key press.
//! Nothing polls: it costs one `stat` per key, nothing while idle.

use crate::app::count::plural;
use crate::app::{Action, App, BookmarkChange, Level, Msg, Overlay};
use crate::core::Error;
use crate::core::bookmarks::{BookmarkStore, PassageSpan};

/// What a freshly opened `store` tells `app`: its bookmarks, and a message
/// when the file cannot be used or some bookmarks lost their text.
pub fn load(app: &App, store: &mut BookmarkStore) -> Vec<Msg> {
    let list = refresh(app, store);
    let (orphans, read_only) = match &list {
        Msg::Bookmarks {
            anchors, read_only, ..
        } => (
            anchors.iter().filter(|a| a.is_orphaned()).count(),
            read_only.clone(),
        ),
        _ => (0, None),
    };
    let mut out = vec![list];
    if let Some((_, short)) = read_only {
        out.push(Msg::Notify(
            app.read_only_notice_for(&short, false),
            Level::Error,
        ));
        return out;
    }
    if orphans > 0 {
        let list = app
            .keymap
            .hint(Action::OpenBookmarkList)
            .unwrap_or_default();
        let (n, s) = if orphans == 1 {
            ("1 bookmark".to_string(), "its")
        } else {
            (format!("{orphans} bookmarks"), "their")
        };
        out.push(Msg::Notify(
            format!("{n} lost {s} text in the articles (orphaned, kept); {list} lists them"),
            Level::Warning,
        ));
    }
    out
}

/// Carries out one change; returns what happened, for the app.
pub fn apply(app: &App, store: &mut BookmarkStore, change: BookmarkChange) -> Vec<Msg> {
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
        } => match add(app, store, &article, passages, &note) {
            Some(Ok(passages)) => {
                let list = app
                    .keymap
                    .hint(Action::OpenBookmarkList)
                    .unwrap_or_default();
                let s = plural(passages.len());
                Ok(Some(format!(
                    "Bookmarked passage{s} {passages} ({list} lists bookmarks)"
                )))
            }
            Some(Err(e)) => Err(e),
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
    let mut out = vec![refresh(app, store)];
    match done {
        Ok(_) if gone => out.push(Msg::NoteTargetGone),
        Ok(Some(m)) => {
            if from_editor {
                out.push(Msg::NoteSaved);
            }
            out.push(Msg::Notify(m, Level::Info));
        }
        Ok(None) => {}
        Err(e) if reload => out.push(Msg::Notify(read_only_notice(app, store, &e), Level::Error)),
        Err(e) if from_editor => out.push(Msg::NoteNotSaved(format!("Not saved: {e}"))),
        Err(e) => out.push(Msg::Notify(format!("Not saved: {e}"), Level::Error)),
    }
    out
}

/// Bookmarks `passages` of the article `article` with `note`; the span
/// saved, or `None` when the corpus has no such article. The one way the
/// reader adds a bookmark (from the note editor, and when it must exit
/// with a note being typed).
fn add(
    app: &App,
    store: &mut BookmarkStore,
    article: &str,
    passages: PassageSpan,
    note: &str,
) -> Option<Result<PassageSpan, Error>> {
    let a = app.corpus.get(article)?;
    Some(store.add(a, passages, note).map(|b| b.passages))
}

/// The status-bar line for a file that turned read-only.
fn read_only_notice(app: &App, store: &BookmarkStore, e: &Error) -> String {
    store
        .summary()
        .map(|short| app.read_only_notice_for(&short, false))
        .unwrap_or_else(|| format!("Bookmarks are read-only: {e}"))
}

/// Picks up a change another process made to the file since this reader
/// last read or wrote it: what to tell the app, nothing when the file did
/// not change. One `stat` when nothing changed. Says so when the file
/// became unusable (the reader turns read-only), unusable for another
/// reason, or usable again.
pub fn sync(app: &App, store: &mut BookmarkStore) -> Vec<Msg> {
    if !store.changed_on_disk() {
        return Vec::new();
    }
    let before = app.bookmarks.read_only.clone();
    let was_read_only = before.is_some();
    let result = store.reload();
    let mut out = vec![refresh(app, store)];
    let after = store.error().map(|e| e.to_string());
    match result {
        Err(e) if after != before => {
            out.push(Msg::Notify(read_only_notice(app, store, &e), Level::Error));
        }
        Ok(()) if was_read_only => out.push(Msg::Notify(
            "The bookmarks file is usable again: changes are saved".into(),
            Level::Info,
        )),
        _ => {}
    }
    out
}

/// Saves the note being typed when the reader must exit at once (the
/// terminal hung up, SIGTERM): a new bookmark with that note, or the
/// edited note. `Ok(false)` when there was nothing to save; the error
/// names the file and carries the note, for the caller to print.
pub fn save_unsaved_note(app: &App, store: &mut BookmarkStore) -> Result<bool, String> {
    let Some(change) = app.unsaved_note() else {
        return Ok(false);
    };
    let place = match &app.overlay {
        Some(Overlay::Note(editor)) => editor.place,
        _ => None,
    };
    let (done, note) = match change {
        BookmarkChange::Add {
            article,
            passages,
            note,
        } => (add(app, store, &article, passages, &note), note),
        // Deleted meanwhile: bookmark its passage again, with the note.
        BookmarkChange::SetNote { id, note } => match store.set_note(&id, &note) {
            Ok(false) => match place {
                Some((ix, span)) => {
                    let id = app.corpus.articles[ix].id.clone();
                    (add(app, store, &id, span, &note), note)
                }
                None => (None, note),
            },
            Ok(true) => return Ok(true),
            Err(e) => (Some(Err(e)), note),
        },
        _ => return Ok(false),
    };
    match done {
        Some(Ok(_)) => Ok(true),
        None => Err(format!(
            "the note being typed could not be saved (its bookmark is gone); it was:\n{note}"
        )),
        Some(Err(e)) => Err(format!(
            "the note being typed could not be saved ({e}); it was:\n{note}"
        )),
    }
}

/// The store's list, placed in the corpus, as a message for the app.
fn refresh(app: &App, store: &mut BookmarkStore) -> Msg {
    let anchors = store.anchor(&app.corpus);
    let read_only = store
        .error()
        .zip(store.summary())
        .map(|(e, s)| (e.to_string(), s));
    Msg::Bookmarks {
        list: store.bookmarks().to_vec(),
        anchors,
        read_only,
    }
}
