//! Reading a large corpus folder without making the reader wait: the
//! reader starts on the first articles (about [`QUICK_BYTES`] of files,
//! read at once), and a thread started after the first frame brings in the
//! whole folder, then watches it for changes as the watch thread does
//! ([`super::watch`]), except that a change is read (only what changed:
//! [`super::update`]) and indexed here and the index file written again,
//! so the next start after it is warm. A
//! folder small enough to read at once is read before the first frame, as
//! before, and the bundled corpus always is.
//!
//! The whole folder comes from the index file kept in the cache folder
//! ([`IndexFile`]) when there is one: its articles (their texts served
//! from the file, uncopied) and its search index are sent at once
//! ([`Msg::Loaded`]), nothing read or parsed, and its entity index when it
//! is decoded ([`Msg::Entities`]): search answers from the whole folder
//! meanwhile. Only then is the folder looked at (a `stat` per file): when
//! it changed since the file was written, it is updated from the kept
//! file, reading only what changed ([`super::update`]), and sent as a
//! reload ([`Msg::Reloaded`]), as the watch thread would. Otherwise the
//! thread reads the folder on every core, telling the app
//! how far it got ([`Msg::Loading`], a few times a second), and begins a
//! new index file for the next start with the articles: from then on
//! their texts are served from that file as a warm start's are (the
//! copies read are dropped; the pages the indexes read are given back as
//! they go), so the text is never held twice. It builds the search index
//! (on every core), hands it to the search thread and the articles to the
//! app, their entity index to come, as a warm start does (search answers
//! from the whole folder from then on), then appends it to the file. Then it
//! builds the entity index, sends it ([`Msg::Entities`]), appends it and
//! finishes the file (renamed over the kept one). A kept file that could not be used
//! (damaged, cut short, another version's) is said once in the status bar;
//! one that cannot be written is a warning there, never a failure.
//!
//! Never touches the app or the terminal: it only sends messages.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use super::Event;
use super::keep::{Keeping, keep};
use super::search::ToSearch;
use crate::app::reload::EntitiesRead;
use crate::app::{Level, Msg};
use crate::core::cache::index::{Fresh, IndexFile, Opened, Parts, Stale, Texts, content_hashes};
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

/// How often the pages of the kept file read while its entity index is
/// decoded (or, on a cold start, of the texts read while the indexes are
/// built) are given back.
const RELEASE_EVERY: Duration = Duration::from_millis(50);

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
            let stale = match kept.open() {
                Err(stale) => stale,
                Ok(opened) => match warm(&dir, load, &opened, &kept, &events, &searcher) {
                    Ok(Some(since)) => {
                        drop(opened);
                        return watch(&dir, load, since, &kept, &events, &searcher);
                    }
                    Ok(None) => return,
                    Err(stale) => stale,
                },
            };
            // Taken by the walk that lists the files to read, before they
            // are read: a file changed meanwhile is read again.
            let mut taken = None;
            let before = Before::Walk(&mut taken);
            if cold(&dir, load, before, &kept, Send::Loaded, &events, &searcher).is_none() {
                return;
            }
            if let Some(message) = stale.message() {
                let _ = events.send(Event::Msg(Msg::Notify(message, Level::Info)));
            }
            // None when the folder could not be read: looked at now.
            let since = taken.unwrap_or_else(|| Snapshot::take(&dir));
            watch(&dir, load, since, &kept, &events, &searcher);
        })?;
    Ok(())
}

/// Watches the folder as the watch thread does ([`super::watch`]), but a
/// folder that changed is updated from the kept file ([`super::update`])
/// and indexed here, sent as a reload, and kept again: the next start is
/// warm after a change seen while reading.
fn watch(
    dir: &Path,
    load: LoadOptions,
    since: Snapshot,
    kept: &IndexFile,
    events: &mpsc::Sender<Event>,
    searcher: &mpsc::Sender<ToSearch>,
) {
    super::watch::watch(dir, since, |now| {
        let read_whole = || {
            let before = Before::Seen(now);
            cold(dir, load, before, kept, Send::Reloaded, events, searcher)
        };
        super::update::reload(dir, load, now, kept, None, read_whole, events, searcher)
    });
}

/// The whole folder from the kept index file, served before the folder is
/// looked at: the articles (their texts served from the file) and the
/// search index at once, the entity index when it is decoded
/// ([`Msg::Entities`]), no file read or parsed. Then the folder is looked
/// at: changed, what changed is read ([`super::update`]) and the whole
/// sent as a reload (and kept again);
/// only touched (same bytes, new times), the file is written again with
/// the new times. Returns the folder as it was looked at (`None` when the
/// reader stopped listening), or why the kept file could not be used
/// (nothing sent then).
fn warm(
    dir: &Path,
    load: LoadOptions,
    opened: &Opened,
    kept: &IndexFile,
    events: &mpsc::Sender<Event>,
    searcher: &mpsc::Sender<ToSearch>,
) -> Result<Option<Snapshot>, Stale> {
    let damaged = |e: Malformed| Stale::Damaged(e.to_string());
    let missing = || Stale::Damaged("an index section is missing".into());
    let corpus = Arc::new(opened.corpus().map_err(damaged)?);
    let search = opened.search_section().ok_or_else(missing)?;
    let (entity_bytes, entity_warnings) = opened.entity_section().ok_or_else(missing)?;
    // The search index alone first: the answer waits for it, not for the
    // entities.
    let index = SearchIndex::decode(&mut Reader::new(search), &corpus).map_err(damaged)?;
    let index = Arc::new(index);
    opened.release();
    send_all(corpus.articles.len(), events);
    let loaded = |first| Msg::Loaded(Ok(first));
    let _ = super::update::send_searchable(&corpus, &index, loaded, events, searcher);
    // The folder is looked at while the entities are decoded. Decoding
    // reads the texts the mentions are in, all over the file: the pages
    // are given back as it goes, not all at the end.
    let (since, entities) = std::thread::scope(|s| {
        let since = s.spawn(|| Snapshot::take(dir));
        let (decoded, done) = mpsc::channel::<()>();
        s.spawn(move || {
            while done.recv_timeout(RELEASE_EVERY) == Err(mpsc::RecvTimeoutError::Timeout) {
                opened.release();
            }
        });
        let entities = EntityIndex::decode(&mut Reader::new(entity_bytes), &corpus);
        drop(decoded);
        let since = since
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (since, entities)
    });
    opened.release();
    let (entities, rebuilt) = match entities {
        Ok(entities) => (entities, None),
        Err(e) => {
            // Damaged: built again from the articles, and kept again.
            let (entities, warnings, discovery) = EntityIndex::build_keeping(&corpus);
            let mut w = Writer::new();
            entities.encode(&mut w);
            let warnings: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
            if let Some(message) = damaged(e).message() {
                let _ = events.send(Event::Msg(Msg::Notify(message, Level::Info)));
            }
            let mut counted = Writer::new();
            discovery.encode(&mut counted);
            let rebuilt = (w.into_bytes(), warnings, counted.into_bytes());
            (entities, Some(rebuilt))
        }
    };
    let entities = Arc::new(entities);
    let read = EntitiesRead {
        corpus: Arc::clone(&corpus),
        entities: Arc::clone(&entities),
        entity_warnings: rebuilt
            .as_ref()
            .map_or_else(|| entity_warnings.to_vec(), |r| r.1.clone()),
    };
    if events
        .send(Event::Msg(Msg::Entities(Box::new(read))))
        .is_err()
    {
        return Ok(None);
    }
    let fresh = opened.check(&since);
    if fresh == Fresh::Changed {
        // Changed since it was kept: updated, and shown as a reload.
        // The entity index decoded is the kept one, to update.
        let decoded = rebuilt.is_none().then_some(&entities);
        let opening = Some((opened, corpus.as_ref(), decoded));
        let read_whole = || {
            let before = Before::Seen(&since);
            cold(dir, load, before, kept, Send::Reloaded, events, searcher)
        };
        let sent = super::update::reload(
            dir, load, &since, kept, opening, read_whole, events, searcher,
        );
        return Ok(sent.map(|()| since));
    }
    if fresh == Fresh::Touched || rebuilt.is_some() {
        let hashes = opened.hashes();
        let repeat_keys = opened.repeat_keys().and_then(Result::ok);
        let (entities, discovery) = match &rebuilt {
            Some((bytes, warnings, counted)) => (
                Some((bytes.as_slice(), warnings.as_slice())),
                Some(counted.as_slice()),
            ),
            None => (
                Some((entity_bytes, entity_warnings)),
                opened.discovery_section(),
            ),
        };
        let parts = Parts {
            corpus: &corpus,
            snapshot: &since,
            hashes: &hashes,
            search: Some(search),
            entities,
            discovery,
            repeat_keys: repeat_keys.as_ref(),
        };
        keep(kept, &parts, events);
    }
    Ok(Some(since))
}

/// How the whole folder, read, is sent to the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Send {
    /// At start, telling how far the reading got ([`Msg::Loaded`]).
    Loaded,
    /// After the kept articles were shown, as a reload of a folder that
    /// changed ([`Msg::Reloaded`]); a folder that cannot be read is a
    /// line in the status bar, the articles shown stay.
    Reloaded,
}

/// The folder as it was before a whole read of it ([`cold`]): what the
/// index file records, so that a file changed while it was read is read
/// again.
enum Before<'a> {
    /// Looked at already (a reload's).
    Seen(&'a Snapshot),
    /// Taken by the walk that lists the files to read, and left here (or
    /// nothing, when the folder could not be read).
    Walk(&'a mut Option<Snapshot>),
}

/// The whole folder read and indexed, sent, and kept in the cache folder
/// for the next start: the articles with their search index first (the
/// entity index to come), so that search answers from the whole folder as
/// soon as it can, then the entity index ([`Msg::Entities`]), built once
/// the search index's working lists are gone. The index file is written
/// as it goes: begun with the articles as soon as they are read (their
/// texts then served from it: the copies read are dropped), each index
/// appended once built, renamed over the kept one at the end. `None` when
/// the reader stopped listening.
fn cold(
    dir: &Path,
    load: LoadOptions,
    before: Before<'_>,
    kept: &IndexFile,
    send: Send,
    events: &mpsc::Sender<Event>,
    searcher: &mpsc::Sender<ToSearch>,
) -> Option<()> {
    let told = Mutex::new(Instant::now());
    let progress = |p| {
        let Ok(mut last) = told.try_lock() else {
            return;
        };
        if send == Send::Loaded && last.elapsed() >= PROGRESS_EVERY {
            *last = Instant::now();
            let _ = events.send(Event::Msg(Msg::Loading(p)));
        }
    };
    let read = match &before {
        Before::Seen(_) => {
            Corpus::load_dir_keyed(dir, load, &progress).map(|(c, keys)| (c, keys, None))
        }
        Before::Walk(_) => Corpus::load_dir_snapshot(dir, load, &progress)
            .map(|(c, keys, taken)| (c, keys, Some(taken))),
    };
    let (mut corpus, repeat_keys, taken) = match read {
        Ok(read) => read,
        Err(e) => {
            let msg = match send {
                Send::Loaded => Msg::Loaded(Err(format!(
                    "The folder could not be read in full ({e}); only its first articles are shown"
                ))),
                Send::Reloaded => Msg::Notify(
                    format!(
                        "The folder changed and could not be read again ({e}); the articles shown stay"
                    ),
                    Level::Warning,
                ),
            };
            return events.send(Event::Msg(msg)).ok();
        }
    };
    if send == Send::Loaded {
        send_all(corpus.articles.len(), events);
    }
    let since = match (before, taken) {
        (Before::Seen(since), _) => since,
        (Before::Walk(slot), Some(taken)) => slot.insert(taken),
        // Never so: a walk's read gives its snapshot.
        (Before::Walk(slot), None) => slot.insert(Snapshot::take(dir)),
    };
    // The index file for the next start is begun with the articles, and
    // their texts are served from it from now on: the copies read are
    // dropped, and only the pages of texts being read are in memory.
    let hashes = content_hashes(since, &corpus);
    let mut keeping = Keeping::begin(kept, &corpus, since, &hashes);
    let texts = keeping.texts(&mut corpus);
    // The copies read (a gigabyte at 1 GB, in small pieces) are given back
    // beside the search build, which need not wait for it.
    give_back_freed_memory();
    let corpus = Arc::new(corpus);
    let index = Arc::new(giving_back(texts.as_ref(), || SearchIndex::build(&corpus)));
    let wrap = |first| match send {
        Send::Loaded => Msg::Loaded(Ok(first)),
        Send::Reloaded => Msg::Reloaded(first),
    };
    // Shared: the search thread has it before it is encoded for the file.
    super::update::send_searchable(&corpus, &index, wrap, events, searcher)?;
    // The search section is written (a part at a time, never copied whole)
    // while the entity index is built: the build does not wait for it.
    let build = || giving_back(texts.as_ref(), || EntityIndex::build_keeping(&corpus));
    let (entities, warnings, discovery) = std::thread::scope(|s| {
        let building = std::thread::Builder::new()
            .name("entities".into())
            .spawn_scoped(s, build);
        keeping.step(|w| w.search_index(&index));
        match building {
            Ok(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            // No thread to build it on: built here, after the write.
            Err(_) => build(),
        }
    });
    drop(index);
    let built = (entities, warnings);
    let (entities, entity_warnings) = super::update::send_entities(&corpus, built, events)?;
    // Only now that the reader has its answers: the rest of the file.
    keeping.step(|w| w.entity_index(&entities, &entity_warnings));
    let mut counted = Writer::new();
    discovery.encode(&mut counted);
    drop(discovery);
    keeping.finish(Some(&counted.into_bytes()), &repeat_keys, events);
    Some(())
}

/// Gives the allocator's free memory back to the system on a thread of its
/// own (here when none can be started): walking the free memory of every
/// heap after the texts read are dropped takes a fraction of a second.
fn give_back_freed_memory() {
    let started = std::thread::Builder::new()
        .name("give back".into())
        .spawn(crate::core::memory::release_freed_memory);
    if started.is_err() {
        crate::core::memory::release_freed_memory();
    }
}

/// `build`, the pages of `texts` it reads given back as it goes (every
/// [`RELEASE_EVERY`]) and at the end.
fn giving_back<T>(texts: Option<&Texts>, build: impl FnOnce() -> T) -> T {
    let Some(texts) = texts else {
        return build();
    };
    let built = std::thread::scope(|s| {
        let (built, done) = mpsc::channel::<()>();
        s.spawn(move || {
            while done.recv_timeout(RELEASE_EVERY) == Err(mpsc::RecvTimeoutError::Timeout) {
                texts.release();
            }
        });
        let out = build();
        drop(built);
        out
    });
    texts.release();
    built
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

#[cfg(test)]
mod tests {
    use super::super::update::tests::{Keeps, folder, ids, keep_folder};
    use super::*;

    /// A kept file written before repeat keys were kept: a change is read
    /// whole, as a cold start reads it, and the file is written with its
    /// keys.
    #[test]
    fn a_kept_file_without_repeat_keys_reads_the_folder_whole_once() {
        let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
        let (d, load) = (dir.path(), LoadOptions::default());
        let kept = IndexFile::new(cache.path(), d, load);
        let keeps = Keeps {
            repeat_keys: false,
            search: false,
            entities: false,
        };
        keep_folder(&kept, d, keeps);
        std::fs::remove_file(d.join("000_6d9f219ec080981b.txt")).unwrap();
        let (events, from_loader) = mpsc::channel();
        let (searcher, _search) = mpsc::channel();
        let now = Snapshot::take(d);
        let read_whole = || {
            let before = Before::Seen(&now);
            cold(d, load, before, &kept, Send::Reloaded, &events, &searcher)
        };
        super::super::update::reload(d, load, &now, &kept, None, read_whole, &events, &searcher)
            .unwrap();
        let Ok(Event::Msg(Msg::Reloaded(whole))) = from_loader.try_recv() else {
            panic!("a reload");
        };
        // Read whole, as a cold start is: search first, its entities next.
        assert!(whole.entities_to_come);
        assert!(
            from_loader
                .try_iter()
                .any(|e| matches!(e, Event::Msg(Msg::Entities(_)))),
            "the entity index follows"
        );
        assert_eq!(
            ids(&whole.corpus),
            ids(&Corpus::load_dir_with(d, load).unwrap())
        );
        // Written with the keys this time: the next change is an update.
        let opened = kept.open().unwrap();
        opened.corpus().unwrap();
        assert!(opened.repeat_keys().is_some_and(|k| k.is_ok()));
    }
}
