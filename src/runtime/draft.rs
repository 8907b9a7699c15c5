//! The draft note's file (`draft.json` in the state folder): a thread that
//! writes it atomically as it is typed, at most every
//! [`DRAFT_EVERY_MS`], the latest text winning, and deletes it when the
//! note is saved or discarded; and reading it at start.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::load_kept;
use crate::app::draft::{DRAFT_EVERY_MS, Draft};
use crate::app::{Level, Msg};
use crate::core::atomic::write_atomic;

/// The writer of the draft file: a thread that takes `Some(json)` to write
/// the draft, `None` to delete it. A write waits until
/// [`DRAFT_EVERY_MS`] after the one before, the latest text replacing
/// what came meanwhile; a delete never waits. Dropped (the reader quits),
/// it writes or deletes what is pending and ends before the drop returns.
/// A write that fails is dropped: the note is still in the editor, and
/// the next keystroke tries again.
pub struct DraftWriter {
    tx: Option<mpsc::Sender<Option<String>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl DraftWriter {
    /// Starts the thread, writing to `path`.
    pub fn spawn(path: PathBuf) -> std::io::Result<DraftWriter> {
        let (tx, rx) = mpsc::channel::<Option<String>>();
        let thread = std::thread::Builder::new()
            .name("draft".into())
            .spawn(move || write_drafts(&path, &rx))?;
        Ok(DraftWriter {
            tx: Some(tx),
            thread: Some(thread),
        })
    }

    /// Asks for the draft to be written (`Some`) or deleted (`None`).
    pub fn send(&self, draft: Option<String>) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(draft);
        }
    }
}

impl Drop for DraftWriter {
    fn drop(&mut self) {
        self.tx = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn write_drafts(path: &Path, rx: &mpsc::Receiver<Option<String>>) {
    let period = Duration::from_millis(DRAFT_EVERY_MS);
    let mut next_write = Instant::now();
    while let Ok(mut latest) = rx.recv() {
        let mut gone = false;
        // A write waits for its time; what comes meanwhile replaces it.
        while latest.is_some() {
            let now = Instant::now();
            if now >= next_write {
                break;
            }
            match rx.recv_timeout(next_write - now) {
                Ok(newer) => latest = newer,
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    gone = true;
                    break;
                }
            }
        }
        while let Ok(newer) = rx.try_recv() {
            latest = newer;
        }
        match latest {
            Some(json) => {
                if let Some(dir) = path.parent() {
                    let _ = std::fs::create_dir_all(dir);
                }
                let _ = write_atomic(path, json.as_bytes());
                next_write = Instant::now() + period;
            }
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
        if gone {
            break;
        }
    }
}

/// Reads the draft left by an earlier run, if any; a bad file is reported.
pub fn load(path: &Path) -> Option<Msg> {
    match load_kept(path, Draft::parse) {
        Ok(Some(d)) => Some(Msg::Draft(d)),
        Ok(None) => None,
        Err(problem) => Some(Msg::Notify(
            format!(
                "The unsaved note in {} could not be read ({problem}); it is left there",
                path.display()
            ),
            Level::Warning,
        )),
    }
}
