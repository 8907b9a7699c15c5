//! A file added to a folder whose index is kept: how long until the
//! reader could be sent the reload, and until the index file is written
//! again. Before: the folder read whole and both indexes built (as the
//! loader did for any change); after: the update from the kept file
//! (`Corpus::update_dir`, what `runtime/update.rs` does), the search index
//! the kept one (decoded from the kept file) updated in place
//! (`SearchIndex::updated`), the reload sent once it is, the entity index
//! built beside it.
//! Times start once the folder was looked at (the watch's `stat` of every
//! file, timed on its own) and are wall clock; "articles in" is the time
//! to the whole corpus (read, or updated) before any index is built.
//!
//! The folder is never written to: it is mirrored in a scratch folder of
//! hard links (symbolic links across file systems), under `$TMPDIR`, and
//! the files are added there.
//!
//! ```text
//! cargo bench --bench update                         # benches/data/100mb
//! cargo bench --bench update -- benches/data/10mb
//! flock /tmp/dossier-1gb.lock cargo bench --bench update -- benches/data/1gb
//! ```
//!
//! `UPDATE_RUNS=N` times N updates (default 3), each adding one more file
//! to the folder updated by the one before; the median is printed.
//! `UPDATE_WHOLE=0` leaves out the whole read to compare with;
//! `UPDATE_FILE=PATH` adds that file each time instead of a copy of the
//! folder's first article (e.g. a saved web page full of other names).

#[path = "support/folder.rs"]
mod folder;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use dossier::core::Corpus;
use dossier::core::cache::index::{IndexFile, content_hashes};
use dossier::core::codec::{Reader, Writer};
use dossier::core::corpus::update::Base;
use dossier::core::corpus::{LoadOptions, RepeatKeys, Snapshot};
use dossier::core::entity::{Discovery, EntityIndex};
use dossier::core::search::SearchIndex;

/// Mirrors `from` into `to`, file by file, as links.
fn mirror(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            mirror(&src, &dst)?;
        } else if std::fs::hard_link(&src, &dst).is_err() {
            std::os::unix::fs::symlink(std::fs::canonicalize(&src)?, &dst)?;
        }
    }
    Ok(())
}

/// The indexes, and when each was ready.
struct Indexes {
    sent: Duration,
    entities_at: Duration,
    search: SearchIndex,
    entities: EntityIndex,
    discovery: Vec<u8>,
}

/// Both indexes of `corpus`, made side by side (`search`, `entities`);
/// returns the time the reload could be sent (`early`: once the search
/// index is built; else once both are), and the indexes.
fn indexes(
    early: bool,
    t: Instant,
    search: impl FnOnce() -> SearchIndex,
    entities: impl FnOnce() -> (EntityIndex, Discovery) + Send,
) -> Indexes {
    std::thread::scope(|s| {
        let entities = s.spawn(|| {
            let (entities, discovery) = entities();
            let at = t.elapsed();
            let mut d = Writer::new();
            discovery.encode(&mut d);
            (at, entities, d.into_bytes())
        });
        let index = search();
        let search_at = t.elapsed();
        let (entities_at, entities, discovery) = entities.join().unwrap();
        let sent = if early {
            search_at
        } else {
            search_at.max(entities_at)
        };
        Indexes {
            sent,
            entities_at,
            search: index,
            entities,
            discovery,
        }
    })
}

/// Writes the index file of `corpus`, as read at `since`, as the reader
/// does: each index handed to the file a part at a time.
fn write(kept: &IndexFile, corpus: &Corpus, since: &Snapshot, made: &Indexes, keys: &RepeatKeys) {
    let hashes = content_hashes(since, corpus);
    let (search, entities) = (&made.search, &made.entities);
    let mut w = kept
        .begin(corpus, since, &hashes)
        .expect("the index file is begun");
    w.search_index(search)
        .expect("the search section is written");
    w.entity_index(entities, &[])
        .expect("the entity section is written");
    w.finish(Some(&made.discovery), Some(keys))
        .expect("the index file is written");
}

/// The whole folder read and indexed, then kept: (articles in, sent,
/// written).
fn full(dir: &Path, kept: &IndexFile) -> (Duration, Duration, Duration) {
    let since = Snapshot::take(dir);
    let t = Instant::now();
    let (corpus, keys) = Corpus::load_dir_keyed(dir, LoadOptions::default(), &|_| {}).unwrap();
    let read = t.elapsed();
    let corpus = Arc::new(corpus);
    let made = indexes(
        false,
        t,
        || SearchIndex::build(&corpus),
        || {
            let (index, _, discovery) = EntityIndex::build_keeping(&corpus);
            (index, discovery)
        },
    );
    write(kept, &corpus, &since, &made, &keys);
    (read, made.sent, t.elapsed())
}

/// The folder updated from the kept file, indexed, then kept: (articles
/// in, sent, entities in, written, files read).
fn update(dir: &Path, kept: &IndexFile) -> (Duration, Duration, Duration, Duration, usize) {
    let now = Snapshot::take(dir);
    let t = Instant::now();
    let opened = kept.open().expect("a kept index file");
    let base_corpus = opened.corpus().unwrap();
    let keys = opened.repeat_keys().unwrap().unwrap();
    let (since, hashes) = (opened.snapshot(), opened.content_hashes());
    let base = Base {
        corpus: &base_corpus,
        since: &since,
        hashes: &hashes,
        keys: &keys,
    };
    // The kept search index decoded while the files are read, as the
    // reader does.
    let ((corpus, keys, updated), (base_index, decoded), (base_entities, counted)) =
        std::thread::scope(|s| {
            let kept = s.spawn(|| {
                let section = opened.search_section().expect("a kept search index");
                let kept = SearchIndex::decode(&mut Reader::new(section), &base_corpus).unwrap();
                (kept, t.elapsed())
            });
            // The kept entity index too, as the reader does.
            let entities = s.spawn(|| {
                let (section, _) = opened.entity_section().expect("a kept entity index");
                let index = EntityIndex::decode(&mut Reader::new(section), &base_corpus).unwrap();
                let counted = opened.discovery_section().expect("kept counts");
                (index, Discovery::decode(&mut Reader::new(counted)).unwrap())
            });
            let updated = Corpus::update_dir(dir, LoadOptions::default(), &now, base).unwrap();
            (updated, kept.join().unwrap(), entities.join().unwrap())
        });
    let read = t.elapsed();
    let corpus = Arc::new(corpus);
    let search = || {
        let index = base_index.updated(&base_corpus, &corpus);
        println!(
            "    kept search index decoded at {decoded:.2?}, updated at {:.2?}",
            t.elapsed()
        );
        index
    };
    let entities = || match base_entities.updated(&counted, &base_corpus, &corpus) {
        Some((index, _, discovery)) => {
            println!("    entity index updated in place at {:.2?}", t.elapsed());
            (index, discovery)
        }
        None => {
            let (index, _, discovery) = EntityIndex::build_keeping(&corpus);
            println!("    entity index built whole at {:.2?}", t.elapsed());
            (index, discovery)
        }
    };
    let made = indexes(true, t, search, entities);
    drop((base_corpus, opened));
    write(kept, &corpus, &now, &made, &keys);
    (read, made.sent, made.entities_at, t.elapsed(), updated.read)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() {
    let dir = folder::folder_arg("update");
    let runs: usize = std::env::var("UPDATE_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let scratch = tempfile::tempdir().unwrap();
    let folder = scratch.path().join("folder");
    mirror(&dir, &folder).expect("the scratch folder is made");
    let cache = scratch.path().join("cache");
    let kept = IndexFile::new(&cache, &folder, LoadOptions::default());
    // The first article, again under a new name: a new article.
    let first = Corpus::load_dir_first(&folder, LoadOptions::default(), 1)
        .ok()
        .and_then(|(c, _)| c.articles.into_iter().next())
        .and_then(|a| a.path)
        .expect("an article to copy");
    let text = std::fs::read_to_string(&first).unwrap();
    // UPDATE_FILE=PATH: that file added instead (a page of other names).
    let other = std::env::var_os("UPDATE_FILE").map(std::path::PathBuf::from);
    let add = |n: usize| match &other {
        Some(page) => {
            let ext = page.extension().and_then(|e| e.to_str()).unwrap_or("txt");
            let to = folder.join(format!("zz-added-{n}.{ext}"));
            std::fs::copy(page, to).expect("UPDATE_FILE is copied");
        }
        None => {
            let body = text.replace("id: ", &format!("id: added-{n}-"));
            std::fs::write(folder.join(format!("zz-added-{n}.txt")), body).unwrap();
        }
    };
    let t = Instant::now();
    let files = Snapshot::take(&folder);
    let looked = t.elapsed();
    println!(
        "{}: {:.1} MB in {} files; looking at them (stat) {looked:.2?}",
        dir.display(),
        files.bytes() as f64 / 1e6,
        files.len()
    );
    full(&folder, &kept);
    add(0);
    // UPDATE_WHOLE=0: no read of the whole folder to compare with.
    if std::env::var("UPDATE_WHOLE").as_deref() != Ok("0") {
        let (read, sent, written) = full(
            &folder,
            &IndexFile::new(&cache.join("full"), &folder, LoadOptions::default()),
        );
        println!(
            "before (read whole): articles in {read:.2?}, reload sent {sent:.2?}, index file written {written:.2?}"
        );
    }
    let (mut took, mut sent, mut written) = (Vec::new(), Vec::new(), Vec::new());
    let mut entities = Vec::new();
    for n in 0..runs {
        // Each update starts from the file the one before wrote.
        if n > 0 {
            add(n);
        }
        let (r, s, e, w, read) = update(&folder, &kept);
        println!(
            "  update {n}: {read} file(s) read, articles in {r:.2?}, sent {s:.2?}, entities in {e:.2?}, written {w:.2?}"
        );
        took.push(r);
        sent.push(s);
        entities.push(e);
        written.push(w);
    }
    // The last update's search index built whole instead, for the same
    // machine at the same time.
    if let Some(corpus) = kept.open().ok().and_then(|o| o.corpus().ok()) {
        let t = Instant::now();
        let index = SearchIndex::build(&corpus);
        println!(
            "  the last update's search index built whole instead: {:.2?} ({} passages)",
            t.elapsed(),
            index.passage_count()
        );
    }
    println!(
        "after (update), median of {runs}: articles in {:.2?}, reload sent {:.2?}, entities in {:.2?}, index file written {:.2?}",
        median(took),
        median(sent),
        median(entities),
        median(written)
    );
}
