//! The index kept in the cache folder, in the real reader: a warm start
//! shows what the cold start showed; a kept file cut short is rebuilt and
//! the status bar says so; a file added since the file was kept is seen,
//! after the kept articles were served, as a reload; a file added while
//! the reader runs is kept for the next start, its new names in the
//! entity list (the kept entity index updated); a cache folder
//! that cannot be written is a warning, and the folder still loads; two
//! readers started at once on one folder both load it whole and leave a
//! sound file.
//!
//! The folder: the Readability test suite's saved pages (text the project
//! did not write), about 8 MB in subfolders, too large to read before the
//! first frame, so that the background load, where the cache is used,
//! runs.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::{DEADLINE, Pty, TestEnv};
use dossier::core::cache::index::IndexFile;
use dossier::core::corpus::LoadOptions;

const SLOW: Duration = Duration::from_secs(180);

/// A reader on `dir` with its own data folders and the shared `cache`.
fn start(dir: &Path, cache: &Path) -> (Pty, TestEnv) {
    let env = TestEnv::new();
    let corpus = dir.to_string_lossy().into_owned();
    let cache = cache.to_string_lossy().into_owned();
    let p = Pty::spawn_with(
        &env,
        &["--corpus", &corpus],
        120,
        30,
        &[("DOSSIER_CACHE_DIR", &cache)],
    );
    (p, env)
}

/// Waits for the whole folder, searches, and returns the answer's screen.
fn whole_and_search(p: &mut Pty, articles: usize) -> String {
    let all = format!("/{articles} ┛");
    p.wait_for("the whole folder", SLOW, |s| {
        let c = s.contents();
        c.contains(&all) && !c.contains("partial")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    p.send("/browser");
    answer(p, "browser")
}

/// Closes the search bar, looks `query` up and returns the answer's
/// screen once every index is in (no entity matches still to come).
fn search_again(p: &mut Pty, query: &str) -> String {
    p.send("\x1b");
    p.wait_for("the search bar closed", DEADLINE, |s| {
        !s.contents().contains("Enter go")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    p.send(&format!("/{query}"));
    answer(p, query)
}

/// The answer to `query` once it is whole: the panes, without the status
/// bar's padding.
fn answer(p: &mut Pty, query: &str) -> String {
    p.wait_for("a search answer", SLOW, |s| {
        let c = s.contents();
        c.contains(query)
            && c.contains(" passages ")
            && !c.contains("searching")
            && !c.contains("partial")
            && !c.contains("to come")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    p.text()
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

fn quit(mut p: Pty) {
    p.send("\x1b");
    p.wait_for("the search bar closed", DEADLINE, |s| {
        !s.contents().contains("Enter go")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    p.send("q");
    assert!(p.wait_exit(DEADLINE).is_some(), "dossier exits");
}

/// Waits until the kept file of `dir` opens whole (it is written after
/// the reader has its answer).
fn wait_kept(kept: &IndexFile) {
    let deadline = Instant::now() + SLOW;
    while let Err(why) = kept.open() {
        assert!(
            Instant::now() < deadline,
            "the index was never kept: {why:?}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf, usize, IndexFile) {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("dossier");
    common::pages::readability_folder(&dir);
    let cache = root.path().join("cache");
    let articles = dossier::core::Corpus::load_dir(&dir)
        .unwrap()
        .articles
        .len();
    let kept = IndexFile::new(&cache, &dir, LoadOptions::default());
    (root, dir, cache, articles, kept)
}

#[test]
fn a_warm_start_shows_what_the_cold_start_showed_and_a_cut_file_is_rebuilt() {
    let (_root, dir, cache, articles, kept) = setup();
    let (mut p, _env) = start(&dir, &cache);
    let cold = whole_and_search(&mut p, articles);
    // The entity index comes after the articles and their search index:
    // the search thread has it too (an `@name` term finds its mentions).
    let cold_mentions = search_again(&mut p, "@mozilla");
    assert!(
        cold_mentions.contains("◆ Mozilla  organisation")
            && cold_mentions.contains("entities · 100+ passages")
            && cold_mentions.contains("Mozilla is a free-software community"),
        "{cold_mentions}"
    );
    wait_kept(&kept);
    quit(p);

    let (mut p, _env) = start(&dir, &cache);
    let warm = whole_and_search(&mut p, articles);
    assert_eq!(warm, cold);
    assert_eq!(search_again(&mut p, "@mozilla"), cold_mentions);
    quit(p);

    // Cut short: read again, said once, written anew.
    let bytes = std::fs::read(kept.file()).unwrap();
    std::fs::write(kept.file(), &bytes[..bytes.len() / 2]).unwrap();
    let (mut p, _env) = start(&dir, &cache);
    p.wait_for("the rebuild told", SLOW, |s| {
        s.contents().contains("Index cache was cut short: rebuilt")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let again = whole_and_search(&mut p, articles);
    assert_eq!(again, cold);
    wait_kept(&kept);
    quit(p);

    // A file added since: the kept articles are served, then the folder
    // is read again and the new one arrives as in a live reload.
    std::fs::write(
        dir.join("part-0/aaa.md"),
        "Added between runs\n\nA browser of its own.",
    )
    .unwrap();
    let (mut p, _env) = start(&dir, &cache);
    p.wait_for("the reload told", SLOW, |s| {
        s.contents().contains("1 article added")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let added = whole_and_search(&mut p, articles + 1);
    assert!(added.contains("Added between runs"), "{added}");
    assert!(!added.contains("Index cache"), "{added}");
    quit(p);
}

#[test]
fn a_change_seen_while_the_reader_runs_is_kept_for_the_next_start() {
    let (_root, dir, cache, articles, kept) = setup();
    let (mut p, _env) = start(&dir, &cache);
    whole_and_search(&mut p, articles);
    p.send("\x1b");
    p.wait_for("the search bar closed", DEADLINE, |s| {
        !s.contents().contains("Enter go")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    wait_kept(&kept);
    // Added while it runs: a live reload, and the kept file written again
    // with it, so that the next start is warm and has it.
    std::fs::write(
        dir.join("part-0/aaa.md"),
        "Added while reading\n\nA browser of its own, said Henrietta Marlowe. \
         Henrietta Marlowe wrote it down.",
    )
    .unwrap();
    p.wait_for("the reload told", SLOW, |s| {
        s.contents().contains("1 article added")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let deadline = Instant::now() + SLOW;
    loop {
        let held = kept
            .open()
            .ok()
            .and_then(|o| o.corpus().ok())
            .map_or(0, |c| c.articles.len());
        if held == articles + 1 {
            break;
        }
        assert!(Instant::now() < deadline, "kept {held} articles");
        std::thread::sleep(Duration::from_millis(50));
    }
    let live = whole_and_search(&mut p, articles + 1);
    assert!(live.contains("Added while reading"), "{live}");
    // Its new name is an entity: the kept entity index was updated.
    p.send("\x1b");
    p.wait_for("the search bar closed", DEADLINE, |s| {
        !s.contents().contains("Enter go")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    p.send("emarlowe");
    p.wait_for("the new person listed", SLOW, |s| {
        s.contents().contains("Henrietta Marlowe")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    p.send("\x1b");
    p.wait_for("the entity list closed", DEADLINE, |s| {
        !s.contents().contains("Esc close")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    // Nothing open: `q` alone (an Escape sent just before it would make
    // Alt+q of the two).
    p.send("q");
    assert!(p.wait_exit(DEADLINE).is_some(), "dossier exits");
    let corpus = kept.open().unwrap();
    let snapshot = dossier::core::corpus::Snapshot::take(&dir);
    assert_ne!(
        corpus.check(&snapshot),
        dossier::core::cache::index::Fresh::Changed
    );
    // Kept with what discovery counted, for the next change.
    corpus.corpus().unwrap();
    assert!(corpus.discovery_section().is_some());
    let (mut p, _env) = start(&dir, &cache);
    let warm = whole_and_search(&mut p, articles + 1);
    assert!(warm.contains("Added while reading"), "{warm}");
    assert!(!warm.contains("article added"), "{warm}");
    quit(p);
}

#[test]
fn two_readers_started_at_once_both_load_and_share_the_cache() {
    let (_root, dir, cache, articles, kept) = setup();
    // Cold, both writing; then warm, both reading.
    for round in ["cold", "warm"] {
        let (mut a, _ea) = start(&dir, &cache);
        let (mut b, _eb) = start(&dir, &cache);
        let answer_a = whole_and_search(&mut a, articles);
        let answer_b = whole_and_search(&mut b, articles);
        assert_eq!(answer_a, answer_b, "{round}");
        wait_kept(&kept);
        quit(a);
        quit(b);
        let corpus = kept.open().unwrap().corpus().unwrap();
        assert_eq!(corpus.articles.len(), articles, "{round}");
    }
}

#[test]
fn a_cache_folder_that_cannot_be_written_is_a_warning_and_the_folder_still_loads() {
    let (root, dir, _cache, articles, _kept) = setup();
    // A file where the cache folder should be.
    let blocked = root.path().join("blocked");
    std::fs::write(&blocked, "not a folder").unwrap();
    let (mut p, _env) = start(&dir, &blocked);
    p.wait_for("the warning", SLOW, |s| {
        s.contents().contains("index cache could not be written")
    })
    .unwrap_or_else(|e| panic!("{e}"));
    let answer = whole_and_search(&mut p, articles);
    assert!(answer.contains(" passages "), "{answer}");
    quit(p);
}
