//! A folder that changed while its index is kept, brought up to date at
//! the cost of what changed: the loader's answer to a change seen at a
//! warm start or while the reader runs ([`super::load`]).
//!
//! The base is the kept index file: its articles (texts served from its
//! map, uncopied), the folder as it was written, each file's content hash
//! and repeat keys. Only the files added or changed are read and parsed,
//! and the unchanged ones whose cleaning a change of the repeats alters
//! ([`Corpus::update_dir`]). The search index is the kept one (decoded
//! meanwhile) updated in place ([`SearchIndex::updated`]: only the articles that changed are
//! indexed, unless the change is too large a share of the folder, then it
//! is built whole on every core); the reload is sent as soon as search can
//! answer from it ([`Reloaded::entities_to_come`]). The entity index is
//! the kept one (decoded meanwhile, with what its build counted) updated
//! in place ([`EntityIndex::updated`]: only the articles that changed, or
//! that hold a name the change made or unmade, are indexed again; built
//! whole when that is too many, or the file kept no counts) and sent when
//! it is ([`Msg::Entities`]), and last the index file is written again
//! for the next start (and the next change). Without a usable kept file (none,
//! damaged, written without repeat keys) the folder is read whole, as
//! before.
//!
//! Never touches the app or the terminal: it only sends messages.

use std::path::Path;
use std::sync::{Arc, mpsc};

use super::Event;
use super::keep::Keeping;
use super::search::ToSearch;
use crate::app::reload::{EntitiesRead, Reloaded};
use crate::app::{Level, Msg};
use crate::core::cache::index::{IndexFile, Opened, content_hashes};
use crate::core::codec::{Reader, Writer};
use crate::core::corpus::update::Base;
use crate::core::corpus::{LoadOptions, LoadWarning, RepeatKeys, Snapshot};
use crate::core::entity::{Discovery, EntityIndex};
use crate::core::search::SearchIndex;
use crate::core::{Corpus, Error};

/// The kept file already opened, its articles decoded, and its entity
/// index when decoded too (at a warm start).
pub(super) type Opening<'a> = (&'a Opened, &'a Corpus, Option<&'a Arc<EntityIndex>>);

/// `dir`, changed since the kept file (`opened`, or the file `kept` holds)
/// was written, as it was in `now`: updated, sent as a reload, and kept.
/// Without a usable kept file, the folder is read whole: `read_whole`.
/// `None` when the reader stopped listening.
#[allow(clippy::too_many_arguments)]
pub(super) fn reload(
    dir: &Path,
    load: LoadOptions,
    now: &Snapshot,
    kept: &IndexFile,
    opened: Option<Opening<'_>>,
    read_whole: impl FnOnce() -> Option<()>,
    events: &mpsc::Sender<Event>,
    searcher: &mpsc::Sender<ToSearch>,
) -> Option<()> {
    // The kept articles stay while the indexes are updated from them.
    let run = |opened: &Opened, corpus: &Corpus, entities| -> Option<Option<()>> {
        Some(match update(dir, load, now, opened, corpus, entities)? {
            Ok(updated) => send(updated, corpus, now, kept, events, searcher),
            Err(e) => {
                let why = format!(
                    "The folder changed and could not be read again ({e}); the articles shown stay"
                );
                events
                    .send(Event::Msg(Msg::Notify(why, Level::Warning)))
                    .ok()
            }
        })
    };
    let sent = match opened {
        Some((opened, corpus, entities)) => run(opened, corpus, entities),
        None => kept.open().ok().and_then(|opened| {
            let corpus = opened.corpus().ok()?;
            run(&opened, &corpus, None)
        }),
    };
    match sent {
        None => read_whole(),
        Some(sent) => sent,
    }
}

/// The folder updated from the kept file, with its search index updated
/// from the kept one (`None` when the file's does not decode: it is built
/// whole then) and the kept entity index (`decoded` already, or decoded
/// here) with what its build counted (`None` when the file keeps none, or
/// they do not decode: the entity index is built whole then); `None` when
/// the file keeps no repeat keys (or they do not decode).
fn update(
    dir: &Path,
    load: LoadOptions,
    now: &Snapshot,
    opened: &Opened,
    corpus: &Corpus,
    decoded: Option<&Arc<EntityIndex>>,
) -> Option<Result<UpdatedFolder, Error>> {
    let keys = opened.repeat_keys()?.ok()?;
    let (since, hashes) = (opened.snapshot(), opened.content_hashes());
    let base = Base {
        corpus,
        since: &since,
        hashes: &hashes,
        keys: &keys,
    };
    // The kept indexes are decoded while the files are read.
    let (updated, kept, entities) = std::thread::scope(|s| {
        let kept = s.spawn(|| {
            let bytes = opened.search_section()?;
            SearchIndex::decode(&mut Reader::new(bytes), corpus).ok()
        });
        let entities = s.spawn(|| {
            let counted = Discovery::decode(&mut Reader::new(opened.discovery_section()?)).ok()?;
            let index = match decoded {
                Some(index) => Arc::clone(index),
                None => {
                    let (bytes, _) = opened.entity_section()?;
                    Arc::new(EntityIndex::decode(&mut Reader::new(bytes), corpus).ok()?)
                }
            };
            Some((index, counted))
        });
        let updated = Corpus::update_dir(dir, load, now, base);
        let kept = kept.join().ok().flatten();
        (updated, kept, entities.join().ok().flatten())
    });
    opened.release();
    Some(updated.map(|(new, keys, _)| {
        let index = kept.map(|kept| kept.updated(corpus, &new));
        UpdatedFolder {
            corpus: new,
            keys,
            search: index,
            entities,
        }
    }))
}

/// The articles of a folder updated, their repeat keys, their search
/// index, and the kept entity index to update.
struct UpdatedFolder {
    corpus: Corpus,
    keys: RepeatKeys,
    search: Option<SearchIndex>,
    entities: Option<(Arc<EntityIndex>, Discovery)>,
}

/// Sends the reload with the search index of the updated corpus (built
/// whole when there is none), then its entity index (updated from the
/// kept one of `old`, the kept articles, or built whole) and sends it,
/// then writes the index file.
fn send(
    updated: UpdatedFolder,
    old: &Corpus,
    now: &Snapshot,
    kept: &IndexFile,
    events: &mpsc::Sender<Event>,
    searcher: &mpsc::Sender<ToSearch>,
) -> Option<()> {
    let UpdatedFolder {
        corpus,
        keys,
        search: index,
        entities: kept_entities,
    } = updated;
    let corpus = Arc::new(corpus);
    // The search index alone first: the reload waits for it, not for the
    // entities, which follow as a cold start's do.
    let index = Arc::new(index.unwrap_or_else(|| SearchIndex::build(&corpus)));
    // Shared: the search thread has it before it is encoded for the file.
    send_searchable(&corpus, &index, Msg::Reloaded, events, searcher)?;
    let (entities, warnings, discovery) = match kept_entities {
        Some((was, counted)) => was.updated_or_built(Some(&counted), old, &corpus),
        None => EntityIndex::build_keeping(&corpus),
    };
    let (entities, warnings) = send_entities(&corpus, (entities, warnings), events)?;
    // The file is written as a cold start writes it: each index handed
    // out a part at a time, never encoded whole in memory.
    let mut counted = Writer::new();
    discovery.encode(&mut counted);
    drop(discovery);
    let hashes = content_hashes(now, &corpus);
    let mut keeping = Keeping::begin(kept, &corpus, now, &hashes);
    keeping.step(|w| w.search_index(&index));
    drop(index);
    keeping.step(|w| w.entity_index(&entities, &warnings));
    drop(entities);
    keeping.finish(Some(&counted.into_bytes()), &keys, events);
    Some(())
}

/// Hands `index` to the search thread and sends `corpus` to the app as
/// `wrap` makes it a message (a start's [`Msg::Loaded`], a
/// [`Msg::Reloaded`]), its entity index to come: search answers from it
/// from then on. `None` when the reader stopped listening.
pub(super) fn send_searchable(
    corpus: &Arc<Corpus>,
    index: &Arc<SearchIndex>,
    wrap: impl FnOnce(Box<Reloaded>) -> Msg,
    events: &mpsc::Sender<Event>,
    searcher: &mpsc::Sender<ToSearch>,
) -> Option<()> {
    // The search thread uses it once the app has the articles and asks
    // for them (Effect::Reindex); without it, it builds one then.
    let _ = searcher.send(ToSearch::Indexed(Arc::clone(corpus), Arc::clone(index)));
    let first = Reloaded {
        corpus: Arc::clone(corpus),
        entities: Arc::default(),
        entity_warnings: Vec::new(),
        entities_to_come: true,
    };
    events.send(Event::Msg(wrap(Box::new(first)))).ok()
}

/// Sends the entity index built for `corpus` (sent before it) to the
/// app, and returns it with its warnings as the index file keeps them;
/// `None` when the reader stopped listening.
pub(super) fn send_entities(
    corpus: &Arc<Corpus>,
    (entities, warnings): (EntityIndex, Vec<LoadWarning>),
    events: &mpsc::Sender<Event>,
) -> Option<(Arc<EntityIndex>, Vec<String>)> {
    let warnings: Vec<String> = warnings.iter().map(|w| w.to_string()).collect();
    let entities = Arc::new(entities);
    let read = EntitiesRead {
        corpus: Arc::clone(corpus),
        entities: Arc::clone(&entities),
        entity_warnings: warnings.clone(),
    };
    events
        .send(Event::Msg(Msg::Entities(Box::new(read))))
        .ok()?;
    Some((entities, warnings))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::core::cache::index::Parts;

    /// The web-page seeds (text the project did not write) in `dir`.
    pub(in crate::runtime) fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/boilerplate/seeds");
        for e in std::fs::read_dir(seeds).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
        }
        dir
    }

    pub(in crate::runtime) fn ids(c: &Corpus) -> Vec<(String, String)> {
        c.articles
            .iter()
            .map(|a| (a.id.clone(), a.text.to_string()))
            .collect()
    }

    fn encoded(encode: impl FnOnce(&mut Writer)) -> Vec<u8> {
        let mut w = Writer::new();
        encode(&mut w);
        w.into_bytes()
    }

    /// What a kept file holds of the folder it was written for.
    #[derive(Clone, Copy)]
    pub(in crate::runtime) struct Keeps {
        /// The cleaner's repeat keys (not in files written before them).
        pub repeat_keys: bool,
        /// The search index.
        pub search: bool,
        /// The entity index and what its build counted.
        pub entities: bool,
    }

    /// The folder `d` read now and written to `kept` with what `keeps`
    /// says: the articles read.
    pub(in crate::runtime) fn keep_folder(kept: &IndexFile, d: &Path, keeps: Keeps) -> Corpus {
        let since = Snapshot::take(d);
        let (corpus, keys) = Corpus::load_dir_keyed(d, LoadOptions::default(), &|_| {}).unwrap();
        let section = keeps
            .search
            .then(|| encoded(|w| SearchIndex::build(&corpus).encode(w)));
        let built = keeps.entities.then(|| {
            let (index, _, discovery) = EntityIndex::build_keeping(&corpus);
            (
                encoded(|w| index.encode(w)),
                encoded(|w| discovery.encode(w)),
            )
        });
        kept.write(&Parts {
            corpus: &corpus,
            snapshot: &since,
            hashes: &content_hashes(&since, &corpus),
            search: section.as_deref(),
            entities: built.as_ref().map(|b| (b.0.as_slice(), &[][..])),
            discovery: built.as_ref().map(|b| b.1.as_slice()),
            repeat_keys: keeps.repeat_keys.then_some(&keys),
        })
        .unwrap();
        corpus
    }

    #[test]
    fn an_update_is_sent_search_first_and_kept_as_a_full_build() {
        let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
        let (d, load) = (dir.path(), LoadOptions::default());
        let kept = IndexFile::new(cache.path(), d, load);
        let (events, from_loader) = mpsc::channel();
        let (searcher, _search) = mpsc::channel();
        // Kept as a cold start keeps it: its articles, its repeat keys.
        let keeps = Keeps {
            repeat_keys: true,
            search: false,
            entities: false,
        };
        keep_folder(&kept, d, keeps);
        while from_loader.try_recv().is_ok() {}
        let seed = std::fs::read_to_string(d.join("001_86fd26a7e4d90f0c.txt")).unwrap();
        std::fs::write(d.join("added.txt"), seed.replace("Armenia", "Armenien")).unwrap();

        let now = Snapshot::take(d);
        let read_whole = || panic!("an update, not a whole read");
        reload(d, load, &now, &kept, None, read_whole, &events, &searcher).unwrap();
        let full = Corpus::load_dir_with(d, load).unwrap();
        let Ok(Event::Msg(Msg::Reloaded(first))) = from_loader.try_recv() else {
            panic!("the reload first");
        };
        assert!(first.entities_to_come);
        assert_eq!(ids(&first.corpus), ids(&full));
        let Ok(Event::Msg(Msg::Entities(read))) = from_loader.try_recv() else {
            panic!("then the entities");
        };
        assert!(Arc::ptr_eq(&read.corpus, &first.corpus));
        assert!(from_loader.try_recv().is_err(), "nothing else: no warning");

        // The file written equals a full build, index sections included.
        let opened = kept.open().unwrap();
        assert_eq!(ids(&opened.corpus().unwrap()), ids(&full));
        assert_eq!(opened.snapshot(), now);
        let search = encoded(|w| SearchIndex::build(&full).encode(w));
        assert_eq!(opened.search_section().unwrap(), search.as_slice());
        let (entities, _) = EntityIndex::build(&full);
        let entities = encoded(|w| entities.encode(w));
        assert_eq!(opened.entity_section().unwrap().0, entities.as_slice());
        let (_, keys) = Corpus::load_dir_keyed(d, load, &|_| {}).unwrap();
        assert_eq!(opened.repeat_keys().unwrap().unwrap(), keys);
        let corpus = opened.corpus().unwrap();
        assert!(SearchIndex::decode(&mut Reader::new(&search), &corpus).is_ok());
    }

    #[test]
    fn an_update_with_a_kept_search_index_updates_it() {
        let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
        let (d, load) = (dir.path(), LoadOptions::default());
        let kept = IndexFile::new(cache.path(), d, load);
        let (events, from_loader) = mpsc::channel();
        let (searcher, search) = mpsc::channel();
        let keeps = Keeps {
            repeat_keys: true,
            search: true,
            entities: false,
        };
        keep_folder(&kept, d, keeps);
        let seed = std::fs::read_to_string(d.join("003_5e869640046ff880.txt")).unwrap();
        std::fs::write(d.join("zz.txt"), seed.replace("Russia", "Russland")).unwrap();

        let now = Snapshot::take(d);
        let read_whole = || panic!("an update, not a whole read");
        reload(d, load, &now, &kept, None, read_whole, &events, &searcher).unwrap();
        let Ok(ToSearch::Indexed(corpus, index)) = search.try_recv() else {
            panic!("the index handed to the search thread");
        };
        let full = Corpus::load_dir_with(d, load).unwrap();
        assert_eq!(ids(&corpus), ids(&full));
        let built = SearchIndex::build(&full);
        for q in [
            "russland",
            "russia armenia",
            "\"peace agreement\"",
            "rusia",
            "arm",
        ] {
            let q = crate::core::search::Query::parse(q);
            assert_eq!(index.search(&corpus, &q, 30), built.search(&full, &q, 30));
            assert_eq!(index.positions(&q), built.positions(&q));
        }
        assert!(matches!(
            from_loader.try_recv(),
            Ok(Event::Msg(Msg::Reloaded(_)))
        ));
        // Kept: the updated index, read back for the next start.
        let opened = kept.open().unwrap();
        let corpus = opened.corpus().unwrap();
        let back = SearchIndex::decode(&mut Reader::new(opened.search_section().unwrap()), &corpus);
        let q = crate::core::search::Query::parse("russland");
        assert_eq!(back.unwrap().positions(&q), built.positions(&q));
        assert!(!built.positions(&q).is_empty());
    }

    #[test]
    fn an_update_with_a_kept_entity_index_updates_it() {
        let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
        let (d, load) = (dir.path(), LoadOptions::default());
        let kept = IndexFile::new(cache.path(), d, load);
        let (events, from_loader) = mpsc::channel();
        let (searcher, _search) = mpsc::channel();
        let keeps = Keeps {
            repeat_keys: true,
            search: true,
            entities: true,
        };
        keep_folder(&kept, d, keeps);
        let before = kept.open().unwrap();
        before.corpus().unwrap();
        let before = before.entity_section().unwrap().0.to_vec();
        let seed = std::fs::read_to_string(d.join("002_f30b01eb3aa9856a.txt")).unwrap();
        let letter = "\n\nPresident Henrietta Pashinyan wrote to Ilham Aliyev.";
        std::fs::write(d.join("zz.txt"), format!("{seed}{letter}")).unwrap();

        let now = Snapshot::take(d);
        let read_whole = || panic!("an update, not a whole read");
        reload(d, load, &now, &kept, None, read_whole, &events, &searcher).unwrap();
        let full = Corpus::load_dir_with(d, load).unwrap();
        let (built, _, counted) = EntityIndex::build_keeping(&full);
        let read = from_loader
            .try_iter()
            .find_map(|e| match e {
                Event::Msg(Msg::Entities(read)) => Some(read),
                _ => None,
            })
            .expect("the entities sent");
        let built = encoded(|w| built.encode(w));
        assert_eq!(encoded(|w| read.entities.encode(w)), built);
        assert_ne!(built, before, "the change changed the entities");
        // Kept with what its build counted, for the next change.
        let opened = kept.open().unwrap();
        opened.corpus().unwrap();
        assert_eq!(opened.entity_section().unwrap().0, built.as_slice());
        let back = Discovery::decode(&mut Reader::new(opened.discovery_section().unwrap()));
        let mut w = Writer::new();
        back.unwrap().encode(&mut w);
        assert_eq!(w.into_bytes().len(), encoded(|w| counted.encode(w)).len());
    }
}
