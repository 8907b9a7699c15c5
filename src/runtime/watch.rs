//! The watch thread: notices that the corpus folder changed while the
//! reader runs, and loads it again, off the reader's thread.
//!
//! Every [`INTERVAL`] (or ten times as long as the last look took, for a
//! folder of many thousand files) it takes a [`Snapshot`] of the folder
//! (one `stat` per file, no file read); when it differs from the one
//! taken before the articles shown were read, it loads the folder again
//! with the same options, builds the entity index, and sends the result as
//! [`Msg::Reloaded`] (or, when the folder cannot be read any more, a line
//! for the status bar; the articles shown stay). Nothing is sent while the
//! folder stays the same, so an idle reader draws nothing. The bundled
//! corpus is never watched.
//!
//! Never touches the app or the terminal: it only sends messages.

use std::io;
use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use super::Event;
use crate::app::reload::Reloaded;
use crate::app::{Level, Msg};
use crate::core::Corpus;
use crate::core::corpus::{LoadOptions, Snapshot};

/// How often the folder is looked at.
pub const INTERVAL: Duration = Duration::from_secs(1);

/// Starts the watch thread on `dir`, as it was in `since` when the
/// articles shown were read; it ends when the reader stops listening.
pub(super) fn spawn_watch(
    dir: PathBuf,
    load: LoadOptions,
    since: Snapshot,
    events: mpsc::Sender<Event>,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name("watch".into())
        .spawn(move || {
            watch(&dir, since, |_| {
                events.send(Event::Msg(reload(&dir, load))).ok()
            })
        })?;
    Ok(())
}

/// Looks at `dir` every [`INTERVAL`] and, when it changed from `since`,
/// calls `reload` with the folder as it was just before it is read again
/// (`reload` reads it and sends it; `None` when the reader stopped
/// listening, and then this returns).
pub(super) fn watch(
    dir: &std::path::Path,
    since: Snapshot,
    reload: impl Fn(&Snapshot) -> Option<()>,
) {
    let mut since = since;
    let mut wait = INTERVAL;
    loop {
        std::thread::sleep(wait);
        let started = std::time::Instant::now();
        let now = Snapshot::take(dir);
        // Looking at a folder of many thousand files takes a while: never
        // spend more than a tenth of a core on it.
        wait = INTERVAL.max(started.elapsed() * 10);
        if since.changes(&now).is_empty() {
            continue;
        }
        // Taken before reading: a file changed while it is read
        // differs from `now` at the next look, and is read again.
        since = now;
        if reload(&since).is_none() {
            return;
        }
    }
}

/// The folder loaded again, or why it could not be.
fn reload(dir: &std::path::Path, load: LoadOptions) -> Msg {
    match Corpus::load_with(Some(dir), load) {
        Ok(corpus) => Msg::Reloaded(Box::new(Reloaded::new(corpus))),
        Err(e) => Msg::Notify(
            format!(
                "The folder changed and could not be read again ({e}); the articles shown stay"
            ),
            Level::Warning,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_read_again_or_a_message_saying_why_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "Alpha\n\nOne passage.").unwrap();
        match reload(dir.path(), LoadOptions::default()) {
            Msg::Reloaded(r) => assert_eq!(r.corpus.articles.len(), 1),
            other => panic!("{other:?}"),
        }
        match reload(&dir.path().join("gone"), LoadOptions::default()) {
            Msg::Notify(text, Level::Warning) => {
                assert!(text.contains("the articles shown stay"), "{text}")
            }
            other => panic!("{other:?}"),
        }
    }
}
