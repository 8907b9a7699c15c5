//! Reading a large corpus folder without making the reader wait: the
//! reader starts on the first articles (about [`QUICK_BYTES`] of files,
//! read at once), and a thread started after the first frame brings in the
//! whole folder, then watches it for changes as the watch thread does
//! ([`super::watch`]). A folder small enough to read at once is read
//! before the first frame, as before, and the bundled corpus always is.
//!
//! The whole folder comes from the index file kept in the cache folder
//! ([`IndexFile`]) when that holds the folder as it is now: its articles
//! are decoded (their texts served from the file, uncopied) and sent at
//! once ([`Msg::Loaded`]), nothing read or parsed.
//! Otherwise the thread reads the folder on every core, telling the app
//! how far it got ([`Msg::Loading`], a few times a second), builds the
//! search index and the entity index side by side, hands the index to the
//! search thread and the articles to the app, and only then writes a new
//! index file for the next start. A kept file that could not be used
//! (damaged, cut short, another version's) is said once in the status bar;
//! one that cannot be written is a warning there, never a failure.
//!
//! Never touches the app or the terminal: it only sends messages.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use super::Event;
use super::search::ToSearch;
use crate::app::reload::Reloaded;
use crate::app::{Level, Msg};
use crate::core::cache::index::{Fresh, IndexFile, Opened, Parts, Stale, content_hashes};
use crate::core::codec::{Malformed, Reader, Writer};
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

/// Starts the thread that reads the whole of `dir` (or opens what the
/// cache folder `cache_dir` kept of it), then watches it.
pub(super) fn spawn_load(
    dir: PathBuf,
    load: LoadOptions,
    cache_dir: PathBuf,
    events: mpsc::Sender<Event>,
    searcher: mpsc::Sender<ToSearch>,
) -> io::Result<()> {
    std::thread::Builder::new()
        .name("load".into())
        .spawn(move || {
            let kept = IndexFile::new(&cache_dir, &dir, load);
            // The snapshot is taken before the folder is read (a file
            // changed meanwhile is read again), or while the kept articles
            // are decoded.
            let (since, stale) = match kept.open() {
                Err(stale) => (Snapshot::take(&dir), stale),
                Ok(opened) => {
                    let (since, corpus) = std::thread::scope(|s| {
                        let since = s.spawn(|| Snapshot::take(&dir));
                        let corpus = opened.corpus();
                        let since = since
                            .join()
                            .unwrap_or_else(|e| std::panic::resume_unwind(e));
                        (since, corpus)
                    });
                    match warm(&opened, corpus, &since, &kept, &events, &searcher) {
                        Ok(()) => {
                            // The texts keep the map: only the pages read
                            // while decoding are given back.
                            opened.release();
                            drop(opened);
                            return super::watch::watch(&dir, load, since, &events);
                        }
                        Err(stale) => (since, stale),
                    }
                }
            };
            if cold(&dir, load, &since, &kept, &events, &searcher).is_none() {
                return;
            }
            if let Some(message) = stale.message() {
                let _ = events.send(Event::Msg(Msg::Notify(message, Level::Info)));
            }
            super::watch::watch(&dir, load, since, &events);
        })?;
    Ok(())
}

/// The whole folder from the kept index file (its articles already
/// decoded: `corpus`), when it holds the folder as `since` saw it: sent at
/// once, with no file read or parsed and no index built. A file that was
/// touched without being changed is written again with its new time.
fn warm(
    opened: &Opened,
    corpus: Result<Corpus, Malformed>,
    since: &Snapshot,
    kept: &IndexFile,
    events: &mpsc::Sender<Event>,
    searcher: &mpsc::Sender<ToSearch>,
) -> Result<(), Stale> {
    let fresh = opened.check(since);
    if fresh == Fresh::Changed {
        // The folder changed: read again, quietly.
        return Err(Stale::Missing);
    }
    let damaged = |e: Malformed| Stale::Damaged(e.to_string());
    let whole = decoded(opened, corpus.map_err(damaged)?, searcher).map_err(damaged)?;
    send_all(whole.corpus.articles.len(), events);
    let corpus = Arc::clone(&whole.corpus);
    let _ = events.send(Event::Msg(Msg::Loaded(Ok(Box::new(whole)))));
    if fresh == Fresh::Touched {
        let hashes = opened.hashes();
        let parts = Parts {
            corpus: &corpus,
            snapshot: since,
            hashes: &hashes,
            search: opened.search_section(),
            entities: opened.entity_section(),
        };
        keep(kept, &parts, events);
    }
    Ok(())
}

/// The whole folder read and indexed, sent, then kept in the cache
/// folder for the next start. `None` when the reader stopped listening.
fn cold(
    dir: &Path,
    load: LoadOptions,
    since: &Snapshot,
    kept: &IndexFile,
    events: &mpsc::Sender<Event>,
    searcher: &mpsc::Sender<ToSearch>,
) -> Option<()> {
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
    let (whole, search) = match Corpus::load_dir_progress(dir, load, &progress) {
        Ok(corpus) => {
            send_all(corpus.articles.len(), events);
            let (whole, search) = indexed(corpus, searcher);
            (Ok(Box::new(whole)), search)
        }
        Err(e) => (
            Err(format!(
                "The folder could not be read in full ({e}); only its first articles are shown"
            )),
            None,
        ),
    };
    let to_keep = whole.as_ref().ok().map(|w| {
        (
            Arc::clone(&w.corpus),
            Arc::clone(&w.entities),
            w.entity_warnings.clone(),
        )
    });
    events.send(Event::Msg(Msg::Loaded(whole))).ok()?;
    // Only now that the reader has its answer: what the next start needs.
    if let Some((corpus, entities, warnings)) = to_keep {
        let hashes = content_hashes(since, &corpus);
        let mut w = Writer::new();
        entities.encode(&mut w);
        let entities = w.into_bytes();
        let parts = Parts {
            corpus: &corpus,
            snapshot: since,
            hashes: &hashes,
            search: search.as_deref(),
            entities: Some((&entities, &warnings)),
        };
        keep(kept, &parts, events);
    }
    Some(())
}

/// Tells the app that every file was read and parsed.
fn send_all(n: usize, events: &mpsc::Sender<Event>) {
    let all = Progress {
        read: n,
        parsed: n,
        total: n,
    };
    let _ = events.send(Event::Msg(Msg::Loading(all)));
}

/// Writes the index file; a failure is a line in the status bar, never
/// more.
fn keep(kept: &IndexFile, parts: &Parts<'_>, events: &mpsc::Sender<Event>) {
    if let Err(e) = kept.write(parts) {
        let message = format!(
            "The index cache could not be written to {} ({e}): the next start reads the folder again",
            crate::core::text::sanitise(&kept.file().display().to_string())
        );
        let _ = events.send(Event::Msg(Msg::Notify(message, Level::Warning)));
    }
}

/// `corpus` with its entity index, its search index built alongside (on
/// another core, and encoded there for the index file: returned) and
/// handed to the search thread.
fn indexed(corpus: Corpus, searcher: &mpsc::Sender<ToSearch>) -> (Reloaded, Option<Vec<u8>>) {
    let corpus = Arc::new(corpus);
    let (index, (entities, warnings)) = std::thread::scope(|s| {
        let index = s.spawn(|| {
            let index = SearchIndex::build(&corpus);
            let mut w = Writer::new();
            index.encode(&mut w);
            (index, w.into_bytes())
        });
        let entities = EntityIndex::build(&corpus);
        (index.join(), entities)
    });
    let entity_warnings = warnings.iter().map(|w| w.to_string()).collect();
    // The search thread uses it once the app has the articles and asks
    // for them (Effect::Reindex); without it, it builds one then.
    let bytes = index.ok().map(|(index, bytes)| {
        let _ = searcher.send(ToSearch::Indexed(Arc::clone(&corpus), Box::new(index)));
        bytes
    });
    let whole = Reloaded {
        corpus,
        entities: Arc::new(entities),
        entity_warnings,
    };
    (whole, bytes)
}

/// The articles of a kept index file with both its indexes, decoded side
/// by side, the search index handed to the search thread.
fn decoded(
    opened: &Opened,
    corpus: Corpus,
    searcher: &mpsc::Sender<ToSearch>,
) -> Result<Reloaded, Malformed> {
    let missing = Malformed {
        what: "index section",
        at: 0,
    };
    let search = opened.search_section().ok_or(missing.clone())?;
    let (entities, warnings) = opened.entity_section().ok_or(missing)?;
    let corpus = Arc::new(corpus);
    let (index, entities) = std::thread::scope(|s| {
        let index = s.spawn(|| SearchIndex::decode(&mut Reader::new(search), &corpus));
        let entities = EntityIndex::decode(&mut Reader::new(entities), &corpus);
        let index = index
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (index, entities)
    });
    let (index, entities) = (index?, entities?);
    let _ = searcher.send(ToSearch::Indexed(Arc::clone(&corpus), Box::new(index)));
    Ok(Reloaded {
        corpus,
        entities: Arc::new(entities),
        entity_warnings: warnings.to_vec(),
    })
}
