//! Writing the index file from the load thread: whole ([`keep`]), or in
//! steps as a cold start indexes the folder ([`Keeping`]). A file that
//! cannot be written is a warning in the status bar, said once, never a
//! failure: the next start reads the folder again.
//!
//! Never touches the app or the terminal: it only sends messages.

use std::io;
use std::sync::mpsc;

use super::Event;
use crate::app::{Level, Msg};
use crate::core::Corpus;
use crate::core::cache::index::{IndexFile, Parts, Texts, Writing};
use crate::core::corpus::{RepeatKeys, Snapshot};

/// The index file being written as the folder is indexed: a failure is
/// kept, the file dropped (its temporary file removed), and said once at
/// the end ([`Keeping::finish`]), never more.
pub(super) struct Keeping<'a> {
    kept: &'a IndexFile,
    writing: Result<Writing, io::Error>,
}

impl<'a> Keeping<'a> {
    /// The file begun with the articles of `corpus` ([`IndexFile::begin`]).
    pub(super) fn begin(
        kept: &'a IndexFile,
        corpus: &Corpus,
        since: &Snapshot,
        hashes: &[Option<u64>],
    ) -> Keeping<'a> {
        Keeping {
            kept,
            writing: kept.begin(corpus, since, hashes),
        }
    }

    /// The articles' texts served from the file ([`Writing::texts`]);
    /// `None` when they stay as read.
    pub(super) fn texts(&mut self, corpus: &mut Corpus) -> Option<Texts> {
        let mut texts = None;
        self.step(|w| w.texts(corpus).map(|t| texts = Some(t)));
        texts
    }

    /// One more part of the file written, unless one failed before.
    pub(super) fn step(&mut self, part: impl FnOnce(&mut Writing) -> io::Result<()>) {
        if let Ok(w) = &mut self.writing
            && let Err(e) = part(w)
        {
            self.writing = Err(e);
        }
    }

    /// The file finished (with what the entity index's build counted,
    /// `discovery`, encoded) and renamed over the kept one; a failure is a
    /// line in the status bar.
    pub(super) fn finish(
        self,
        discovery: Option<&[u8]>,
        repeat_keys: &RepeatKeys,
        events: &mpsc::Sender<Event>,
    ) {
        if let Err(e) = self
            .writing
            .and_then(|w| w.finish(discovery, Some(repeat_keys)))
        {
            not_kept(self.kept, &e, events);
        }
    }
}

/// Writes the index file; a failure is a line in the status bar, never
/// more.
pub(super) fn keep(kept: &IndexFile, parts: &Parts<'_>, events: &mpsc::Sender<Event>) {
    if let Err(e) = kept.write(parts) {
        not_kept(kept, &e, events);
    }
}

/// Says in the status bar that the index file could not be written.
fn not_kept(kept: &IndexFile, e: &io::Error, events: &mpsc::Sender<Event>) {
    let message = format!(
        "The index cache could not be written to {} ({e}): the next start reads the folder again",
        crate::core::text::sanitise(&kept.file().display().to_string())
    );
    let _ = events.send(Event::Msg(Msg::Notify(message, Level::Warning)));
}
