//! Reading a large corpus folder without making the reader wait: the
//! reader starts on the first articles (about [`QUICK_BYTES`] of files,
//! read at once), and a thread started after the first frame reads the
//! whole folder on every core, telling the app how far it got
//! ([`Msg::Loading`], a few times a second), builds the search index and
//! the entity index side by side, hands the index to the search thread and
//! the articles to the app ([`Msg::Loaded`]), then watches the folder for
//! changes as the watch thread does ([`super::watch`]). A folder small
//! enough to read at once is read before the first frame, as before, and
//! the bundled corpus always is.
//!
//! Never touches the app or the terminal: it only sends messages.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use super::Event;
use super::search::ToSearch;
use crate::app::Msg;
use crate::app::reload::Reloaded;
use crate::core::corpus::{LoadOptions, Progress, Snapshot};
use crate::core::entity::EntityIndex;
use crate::core::search::SearchIndex;
use crate::core::{Corpus, Error};

/// Files read before the first frame: about as much as takes ten or
/// twenty milliseconds to read, parse and index (its entities) on one core.
pub const QUICK_BYTES: u64 = 512 << 10;

/// How often the progress is told at most.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// What the reader starts with.
pub(super) struct Start {
    /// The articles to show first.
    pub corpus: Corpus,
    /// The folder as it was before they were read, when they are all of
    /// it (or `None`: the bundled corpus, or a folder still to be read).
    pub snapshot: Option<Snapshot>,
    /// True when the rest of the folder is still to be read.
    pub partial: bool,
}

/// The corpus to start with: the bundled one, a small folder whole, or the
/// first articles of a large one.
pub(super) fn first(dir: Option<&Path>, opts: LoadOptions) -> Result<Start, Error> {
    let Some(dir) = dir else {
        return Ok(Start {
            corpus: Corpus::bundled(),
            snapshot: None,
            partial: false,
        });
    };
    match Corpus::load_dir_first(dir, opts, QUICK_BYTES) {
        Ok((corpus, snapshot)) => Ok(Start {
            partial: snapshot.is_none(),
            corpus,
            snapshot,
        }),
        // Nothing readable among the first files: the whole folder says
        // whether there is anything at all.
        Err(Error::CorpusEmpty { .. }) => {
            let snapshot = Snapshot::take(dir);
            Corpus::load_dir_with(dir, opts).map(|corpus| Start {
                corpus,
                snapshot: Some(snapshot),
                partial: false,
            })
        }
        Err(e) => Err(e),
    }
}

/// Starts the thread that reads the whole of `dir`, then watches it.
pub(super) fn spawn_load(
    dir: PathBuf,
    load: LoadOptions,
    events: mpsc::Sender<Event>,
    searcher: mpsc::Sender<ToSearch>,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name("load".into())
        .spawn(move || {
            // Taken before reading: a file changed meanwhile is read again.
            let since = Snapshot::take(&dir);
            let told = Mutex::new(Instant::now());
            let progress = |p| {
                let Ok(mut last) = told.try_lock() else {
                    return;
                };
                if last.elapsed() >= PROGRESS_EVERY {
                    *last = Instant::now();
                    let _ = events.send(Event::Msg(Msg::Loading(p)));
                }
            };
            let whole = match Corpus::load_dir_progress(&dir, load, &progress) {
                Ok(corpus) => {
                    let n = corpus.articles.len();
                    let all = Progress {
                        read: n,
                        parsed: n,
                        total: n,
                    };
                    let _ = events.send(Event::Msg(Msg::Loading(all)));
                    Ok(Box::new(indexed(corpus, &searcher)))
                }
                Err(e) => Err(format!(
                    "The folder could not be read in full ({e}); only its first articles are shown"
                )),
            };
            if events.send(Event::Msg(Msg::Loaded(whole))).is_err() {
                return;
            }
            super::watch::watch(&dir, load, since, &events);
        })?;
    Ok(())
}

/// `corpus` with its entity index, its search index built alongside (on
/// another core) and handed to the search thread.
fn indexed(corpus: Corpus, searcher: &mpsc::Sender<ToSearch>) -> Reloaded {
    let corpus = Arc::new(corpus);
    let (index, (entities, warnings)) = std::thread::scope(|s| {
        let index = s.spawn(|| SearchIndex::build(&corpus));
        let entities = EntityIndex::build(&corpus);
        (index.join(), entities)
    });
    let entities = Arc::new(entities);
    // The search thread uses it once the app has the articles and asks
    // for them (Effect::Reindex); without it, it builds one then.
    if let Ok(index) = index {
        let _ = searcher.send(ToSearch::Indexed(Arc::clone(&corpus), Box::new(index)));
    }
    Reloaded {
        corpus,
        entities,
        entity_warnings: warnings.iter().map(|w| w.to_string()).collect(),
    }
}
