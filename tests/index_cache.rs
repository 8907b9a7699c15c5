//! The index kept in the cache folder, without a terminal: what is written
//! comes back equal to a fresh read of the folder; every kind of damage is
//! told apart and never trusted; a folder changed since is seen.
//!
//! The articles are the web-page copies in `tests/boilerplate/seeds` (text
//! the project did not write) and the bundled corpus's Markdown files.

use std::path::{Path, PathBuf};

use dossier::core::Corpus;
use dossier::core::cache::index::{Fresh, IndexFile, Parts, Stale, content_hashes};
use dossier::core::corpus::{LoadOptions, Snapshot};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A folder of real articles: the seeds in `web/`, the curated corpus at
/// the top.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let web = dir.path().join("web");
    std::fs::create_dir_all(&web).unwrap();
    for (from, to) in [
        (root().join("tests/boilerplate/seeds"), web),
        (root().join("corpus"), dir.path().to_path_buf()),
    ] {
        for e in std::fs::read_dir(from).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, to.join(p.file_name().unwrap())).unwrap();
        }
    }
    dir
}

/// Reads `dir` and keeps it under `cache`; returns the index file.
fn keep(cache: &Path, dir: &Path, opts: LoadOptions) -> IndexFile {
    let since = Snapshot::take(dir);
    let (corpus, keys) = Corpus::load_dir_keyed(dir, opts, &|_| {}).unwrap();
    let kept = IndexFile::new(cache, dir, opts);
    let hashes = content_hashes(&since, &corpus);
    kept.write(&Parts {
        corpus: &corpus,
        snapshot: &since,
        hashes: &hashes,
        search: Some(b"search section"),
        entities: Some((b"entity section", &["a warning".to_string()])),
        discovery: Some(b"discovery's counts"),
        repeat_keys: Some(&keys),
    })
    .unwrap();
    kept
}

/// Everything a reader shows of a corpus, for comparing two.
fn shown(c: &Corpus) -> Vec<String> {
    let mut out: Vec<String> = c
        .articles
        .iter()
        .map(|a| {
            format!(
                "{}|{}|{:?}|{}|{:?}|{}|{:?}|{:?}|{:?}",
                a.id,
                a.title,
                a.meta,
                a.text,
                a.path,
                a.folder,
                a.passages
                    .iter()
                    .map(|p| (p.number, p.range.clone(), a.sentences(p), p.kind))
                    .collect::<Vec<_>>(),
                a.hidden
                    .iter()
                    .map(|h| (h.after, h.text.clone(), h.reason))
                    .collect::<Vec<_>>(),
                a.words
            )
        })
        .collect();
    out.extend(c.warnings.iter().map(|w| w.to_string()));
    out.push(format!("{:?} {:?}", c.origin, c.entities_toml));
    out
}

#[test]
fn what_is_kept_comes_back_as_a_fresh_read() {
    let dir = folder();
    std::fs::write(dir.path().join("web/empty.txt"), "   ").unwrap();
    let cache = tempfile::tempdir().unwrap();
    for opts in [LoadOptions { clean: true }, LoadOptions { clean: false }] {
        let kept = keep(cache.path(), dir.path(), opts);
        let opened = kept.open().unwrap();
        assert_eq!(opened.check(&Snapshot::take(dir.path())), Fresh::Same);
        let fresh = Corpus::load_dir_with(dir.path(), opts).unwrap();
        assert!(!fresh.warnings.is_empty(), "the empty file is a warning");
        assert_eq!(shown(&opened.corpus().unwrap()), shown(&fresh));
        assert_eq!(opened.search_section(), Some(&b"search section"[..]));
        let (entities, warnings) = opened.entity_section().unwrap();
        assert_eq!(entities, b"entity section");
        assert_eq!(warnings, ["a warning"]);
        assert_eq!(opened.discovery_section(), Some(&b"discovery's counts"[..]));
    }
}

#[test]
fn each_kind_of_damage_is_told_and_never_trusted() {
    let dir = folder();
    let cache = tempfile::tempdir().unwrap();
    let opts = LoadOptions::default();
    let kept = keep(cache.path(), dir.path(), opts);
    let whole = std::fs::read(kept.file()).unwrap();
    // Opened, then decoded (the checksum is checked beside the decoding).
    let reopen = |bytes: &[u8]| {
        std::fs::write(kept.file(), bytes).unwrap();
        match kept.open() {
            Err(why) => Some(why),
            Ok(opened) => {
                let why = opened.corpus().err().map(|e| Stale::Damaged(e.to_string()));
                assert!(why.is_none() || opened.search_section().is_none());
                why
            }
        }
    };
    // Cut short anywhere: in the header, in the records, in an article,
    // one byte before the end.
    for cut in [
        0,
        5,
        20,
        40,
        whole.len() / 3,
        whole.len() / 2,
        whole.len() - 1,
    ] {
        let why = reopen(&whole[..cut]).unwrap_or_else(|| panic!("cut at {cut} was trusted"));
        assert_eq!(why, Stale::Truncated, "cut at {cut}");
    }
    // A byte flipped anywhere after the header: the checksum says so.
    for at in [28, 40, whole.len() / 2, whole.len() - 1] {
        let mut b = whole.clone();
        b[at] ^= 0x10;
        assert!(
            matches!(reopen(&b), Some(Stale::Damaged(_))),
            "flip at {at}"
        );
    }
    // Something else entirely.
    assert_eq!(reopen(b"{\"format\":1}"), Some(Stale::Foreign));
    // A newer and an older format.
    for format in [0u32, 2, 99] {
        let mut b = whole.clone();
        b[8..12].copy_from_slice(&format.to_le_bytes());
        assert_eq!(reopen(&b), Some(Stale::Format(format)));
    }
    // Another version of dossier: written with another version string
    // (same length) and a checksum that agrees.
    let version = env!("CARGO_PKG_VERSION").as_bytes();
    let at = whole
        .windows(version.len())
        .position(|w| w == version)
        .unwrap();
    let mut b = whole.clone();
    b[at] = if b[at] == b'9' { b'8' } else { b'9' };
    let sum = xxhash_rust::xxh3::xxh3_64(&b[28..]);
    b[20..28].copy_from_slice(&sum.to_le_bytes());
    assert!(matches!(reopen(&b), Some(Stale::Version(_))));
    // Every one of them says what happened and that it was rebuilt.
    for why in [
        Stale::Truncated,
        Stale::Foreign,
        Stale::Format(2),
        Stale::Version("0.0.1".into()),
        Stale::Damaged("checksum".into()),
    ] {
        let m = why.message().unwrap();
        assert!(
            m.starts_with("Index cache was ") && m.ends_with(": rebuilt"),
            "{m}"
        );
    }
    assert_eq!(
        Stale::Format(2).message().unwrap(),
        "Index cache was from another version: rebuilt"
    );
    // Deleted: nothing to say.
    std::fs::remove_file(kept.file()).unwrap();
    assert_eq!(kept.open().err(), Some(Stale::Missing));
    assert_eq!(Stale::Missing.message(), None);
}

#[test]
fn kept_texts_outlive_the_opened_file_and_a_damaged_one_is_refused() {
    let dir = folder();
    let cache = tempfile::tempdir().unwrap();
    let opts = LoadOptions::default();
    let kept = keep(cache.path(), dir.path(), opts);
    let fresh = Corpus::load_dir_with(dir.path(), opts).unwrap();
    // Served from the map, which lives on with them.
    let corpus = kept.open().unwrap().corpus().unwrap();
    assert_eq!(shown(&corpus), shown(&fresh));
    // A text no longer UTF-8 (a character cut in two), with a checksum
    // that agrees: found when decoding, never served.
    let whole = std::fs::read(kept.file()).unwrap();
    let a = fresh
        .articles
        .iter()
        .find(|a| a.text.chars().any(|c| c.len_utf8() > 1))
        .unwrap();
    let at = whole
        .windows(a.text.len())
        .position(|w| w == a.text.as_bytes())
        .unwrap();
    let wide = a
        .text
        .char_indices()
        .find(|(_, c)| c.len_utf8() > 1)
        .unwrap();
    let mut b = whole.clone();
    b[at + wide.0 + 1] = b'x';
    let sum = xxhash_rust::xxh3::xxh3_64(&b[28..]);
    b[20..28].copy_from_slice(&sum.to_le_bytes());
    // Renamed over it, as dossier writes: the texts served from the old
    // file stay as they were.
    let new = kept.file().with_extension("new");
    std::fs::write(&new, &b).unwrap();
    std::fs::rename(&new, kept.file()).unwrap();
    let e = kept.open().unwrap().corpus().unwrap_err();
    assert_eq!(e.what, "article text");
    assert_eq!(shown(&corpus), shown(&fresh));
}

#[test]
fn another_folders_or_other_settings_file_is_not_used() {
    let (a, b) = (folder(), folder());
    let cache = tempfile::tempdir().unwrap();
    let opts = LoadOptions::default();
    let kept_a = keep(cache.path(), a.path(), opts);
    let kept_b = IndexFile::new(cache.path(), b.path(), opts);
    // A's file copied where B's would be.
    std::fs::create_dir_all(kept_b.file().parent().unwrap()).unwrap();
    std::fs::copy(kept_a.file(), kept_b.file()).unwrap();
    assert_eq!(kept_b.open().err(), Some(Stale::Folder));
    let unclean = IndexFile::new(cache.path(), a.path(), LoadOptions { clean: false });
    assert_eq!(unclean.file(), kept_a.file());
    assert_eq!(unclean.open().err(), Some(Stale::Options));
}

#[test]
fn files_added_changed_removed_or_only_touched_are_seen() {
    let dir = folder();
    let cache = tempfile::tempdir().unwrap();
    let opts = LoadOptions::default();
    let kept = keep(cache.path(), dir.path(), opts);
    let check = || kept.open().unwrap().check(&Snapshot::take(dir.path()));
    let file = dir.path().join("web/000_6d9f219ec080981b.txt");
    let text = std::fs::read(&file).unwrap();

    // Touched: same bytes, another time.
    let f = std::fs::File::options().write(true).open(&file).unwrap();
    f.set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000))
        .unwrap();
    drop(f);
    assert_eq!(check(), Fresh::Touched);

    // Changed: same size, other bytes.
    let mut other = text.clone();
    let last = other.len() - 2;
    other[last] = if other[last] == b'x' { b'y' } else { b'x' };
    std::fs::write(&file, &other).unwrap();
    assert_eq!(check(), Fresh::Changed);
    std::fs::write(&file, &text).unwrap();
    assert_eq!(check(), Fresh::Touched, "the same bytes again");

    std::fs::write(dir.path().join("web/new.txt"), "New\n\nAdded.").unwrap();
    assert_eq!(check(), Fresh::Changed);
    std::fs::remove_file(dir.path().join("web/new.txt")).unwrap();
    assert_eq!(check(), Fresh::Touched);
    std::fs::remove_file(&file).unwrap();
    assert_eq!(check(), Fresh::Changed);
}

#[test]
fn texts_served_from_a_file_being_written_outlive_it_finished_or_dropped() {
    let dir = folder();
    let cache = tempfile::tempdir().unwrap();
    let opts = LoadOptions::default();
    let fresh = Corpus::load_dir_with(dir.path(), opts).unwrap();
    let since = Snapshot::take(dir.path());
    let kept = IndexFile::new(cache.path(), dir.path(), opts);
    let hashes = content_hashes(&since, &fresh);
    let files = || {
        let mut names: Vec<String> = std::fs::read_dir(kept.file().parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };

    // Begun, its texts served from it, then finished: the file is as
    // `IndexFile::write` makes it.
    let mut corpus = fresh.clone();
    let mut writing = kept.begin(&corpus, &since, &hashes).unwrap();
    let texts = writing.texts(&mut corpus).unwrap();
    texts.release();
    assert_eq!(shown(&corpus), shown(&fresh));
    let a = &corpus.articles[0];
    assert_ne!(a.text.as_ptr(), fresh.articles[0].text.as_ptr());
    // The sections handed out in parts, their lengths said first.
    let search = |out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>| {
        out(b"search ")?;
        out(b"section")
    };
    writing.search_from(14, search).unwrap();
    let parts = |out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>| {
        out(b"entity ")?;
        out(b"section")
    };
    writing
        .entities_from(14, parts, &["a warning".to_string()])
        .unwrap();
    // The repeat keys of a cleaned file come last.
    let path = fresh.articles[0].path.clone().unwrap();
    let keys = std::collections::HashMap::from([(path, vec![3, 1 << 40])]);
    writing.finish(None, Some(&keys)).unwrap();
    assert_eq!(files(), ["index.bin"]);
    let opened = kept.open().unwrap();
    assert_eq!(opened.check(&Snapshot::take(dir.path())), Fresh::Same);
    assert_eq!(shown(&opened.corpus().unwrap()), shown(&fresh));
    assert_eq!(opened.search_section(), Some(&b"search section"[..]));
    let (entities, warnings) = opened.entity_section().unwrap();
    assert_eq!(entities, b"entity section");
    assert_eq!(warnings, ["a warning"]);
    assert_eq!(opened.repeat_keys().unwrap().unwrap(), keys);
    drop(opened);

    // Parts longer or shorter than said: an error, the kept file left.
    let five = |out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>| out(b"12345");
    for said in [4, 6] {
        let mut writing = kept.begin(&fresh, &since, &hashes).unwrap();
        writing.search(None).unwrap();
        assert!(writing.entities_from(said, five, &[]).is_err());
        drop(writing);
        assert_eq!(files(), ["index.bin"]);
        let mut writing = kept.begin(&fresh, &since, &hashes).unwrap();
        assert!(writing.search_from(said, five).is_err());
        drop(writing);
        assert_eq!(files(), ["index.bin"]);
    }

    // Another begun and dropped unfinished: its temporary file is gone,
    // the texts served from it stay, the kept file is untouched.
    let mut again = fresh.clone();
    let mut writing = kept.begin(&again, &since, &hashes).unwrap();
    writing.texts(&mut again).unwrap();
    assert_eq!(files().len(), 2, "{:?}", files());
    drop(writing);
    assert_eq!(files(), ["index.bin"]);
    assert_eq!(shown(&again), shown(&fresh));
    assert_eq!(
        shown(&kept.open().unwrap().corpus().unwrap()),
        shown(&fresh)
    );
    assert_eq!(shown(&corpus), shown(&fresh));

    // Texts asked for other articles than those written: refused, and
    // nothing changed.
    let mut other = Corpus::bundled();
    let before = shown(&other);
    let mut writing = kept.begin(&fresh, &since, &hashes).unwrap();
    assert!(writing.texts(&mut other).is_err());
    assert_eq!(shown(&other), before);
}

#[test]
fn an_unwritable_cache_folder_is_an_error_to_tell_not_a_panic() {
    let dir = folder();
    let cache = tempfile::tempdir().unwrap();
    // A file where the cache folder should be.
    let blocked = cache.path().join("blocked");
    std::fs::write(&blocked, "not a folder").unwrap();
    let opts = LoadOptions::default();
    let since = Snapshot::take(dir.path());
    let corpus = Corpus::load_dir_with(dir.path(), opts).unwrap();
    let kept = IndexFile::new(&blocked, dir.path(), opts);
    let e = kept
        .write(&Parts {
            corpus: &corpus,
            snapshot: &since,
            hashes: &[],
            search: None,
            entities: None,
            discovery: None,
            repeat_keys: None,
        })
        .unwrap_err();
    assert!(!e.to_string().is_empty());
    assert!(matches!(kept.open().err(), Some(Stale::Unreadable(_))));
}

#[test]
fn a_write_left_unfinished_long_ago_or_by_a_reader_gone_is_cleared_and_a_live_one_kept() {
    let dir = folder();
    let cache = tempfile::tempdir().unwrap();
    let opts = LoadOptions::default();
    let kept = IndexFile::new(cache.path(), dir.path(), opts);
    let folder_dir = kept.file().parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&folder_dir).unwrap();
    // A process still running, and one that ran and is gone.
    let mut running = std::process::Command::new("sleep")
        .arg("60")
        .spawn()
        .unwrap();
    let mut ended = std::process::Command::new("true").spawn().unwrap();
    ended.wait().unwrap();
    let (old, young, orphan) = (
        folder_dir.join(format!(".index.bin.tmp.{}.0", running.id())),
        folder_dir.join(format!(".index.bin.tmp.{}.1", running.id())),
        folder_dir.join(format!(".index.bin.tmp.{}.0", ended.id())),
    );
    std::fs::write(&old, "half").unwrap();
    std::fs::write(&young, "being written").unwrap();
    std::fs::write(&orphan, "its writer quit").unwrap();
    let f = std::fs::File::options().write(true).open(&old).unwrap();
    f.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(3600))
        .unwrap();
    drop(f);
    keep(cache.path(), dir.path(), opts);
    let _ = running.kill();
    let _ = running.wait();
    assert!(!old.exists());
    assert!(!orphan.exists());
    assert!(young.exists(), "another reader may be writing it");
}

#[test]
fn a_warm_start_answers_searches_and_mentions_as_the_cold_one() {
    use dossier::core::codec::{Reader, Writer};
    use dossier::core::entity::EntityIndex;
    use dossier::core::search::{Query, SearchIndex};

    let dir = folder();
    let cache = tempfile::tempdir().unwrap();
    let opts = LoadOptions::default();
    let since = Snapshot::take(dir.path());
    let cold = Corpus::load_dir_with(dir.path(), opts).unwrap();
    let (search, (entities, _)) = (SearchIndex::build(&cold), EntityIndex::build(&cold));
    let (mut s, mut e) = (Writer::new(), Writer::new());
    search.encode(&mut s);
    entities.encode(&mut e);
    let (s, e) = (s.into_bytes(), e.into_bytes());
    let kept = IndexFile::new(cache.path(), dir.path(), opts);
    kept.write(&Parts {
        corpus: &cold,
        snapshot: &since,
        hashes: &content_hashes(&since, &cold),
        search: Some(&s),
        entities: Some((&e, &[])),
        discovery: None,
        repeat_keys: None,
    })
    .unwrap();

    let opened = kept.open().unwrap();
    let warm = opened.corpus().unwrap();
    let warm_search =
        SearchIndex::decode(&mut Reader::new(opened.search_section().unwrap()), &warm).unwrap();
    let warm_entities =
        EntityIndex::decode(&mut Reader::new(opened.entity_section().unwrap().0), &warm).unwrap();
    let mut found = 0;
    for q in [
        "karabakh",
        "lachin corridor",
        "\"peace talks\"",
        "aliyev -russia",
        "minsk",
    ] {
        let q = Query::parse(q);
        let (c, w) = (
            search.lookup(&cold, &q, 20, None),
            warm_search.lookup(&warm, &q, 20, None),
        );
        assert_eq!(c, w, "{q:?}");
        found += usize::from(c != Default::default());
    }
    assert!(found >= 3, "the queries find something");
    assert_eq!(entities.entities().len(), warm_entities.entities().len());
    assert!(!entities.entities().is_empty());
    for (a, b) in entities.entities().iter().zip(warm_entities.entities()) {
        assert_eq!((&a.name, a.kind), (&b.name, b.kind));
        assert_eq!(
            entities.mentions(a.id),
            warm_entities.mentions(b.id),
            "{}",
            a.name
        );
    }
}

/// Runs `dossier ARGS --corpus DIR` with its own home and `cache` as its
/// cache folder: the exit code, standard output and standard error.
fn command(args: &[&str], dir: &Path, home: &Path, cache: &Path) -> (Option<i32>, String, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .arg("--corpus")
        .arg(dir)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("DOSSIER_CACHE_DIR", cache)
        .env_remove("DOSSIER_CONFIG_DIR")
        .env_remove("DOSSIER_DATA_DIR")
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn commands_read_the_articles_from_the_kept_index_while_it_holds_the_folder() {
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let opts = LoadOptions::default();
    let since = Snapshot::take(dir.path());
    // What is kept differs from the files in one title: what a command
    // prints says where it read the articles.
    let mut corpus = Corpus::load_dir_with(dir.path(), opts).unwrap();
    let real = corpus.articles[0].title.clone();
    corpus.articles[0].title = "Kept title".into();
    IndexFile::new(&cache, dir.path(), opts)
        .write(&Parts {
            corpus: &corpus,
            snapshot: &since,
            hashes: &content_hashes(&since, &corpus),
            search: None,
            entities: None,
            discovery: None,
            repeat_keys: None,
        })
        .unwrap();
    let list = || {
        let (code, out, err) = command(&["list"], dir.path(), home.path(), &cache);
        assert_eq!(code, Some(0), "{err}");
        out
    };
    let kept = list();
    assert!(kept.contains("Kept title"), "{kept}");
    // A file of the folder changes: the folder is read.
    std::fs::write(dir.path().join("web/new.txt"), "New\n\nAdded.").unwrap();
    let read = list();
    assert!(
        read.contains(&real) && !read.contains("Kept title"),
        "{read}"
    );
}

#[test]
fn commands_answer_from_the_kept_indexes_while_they_hold_the_folder() {
    use dossier::core::codec::Writer;
    use dossier::core::entity::EntityIndex;
    use dossier::core::search::SearchIndex;
    let dir = folder();
    let home = tempfile::tempdir().unwrap();
    let cache = home.path().join("cache");
    let opts = LoadOptions::default();
    let since = Snapshot::take(dir.path());
    let corpus = Corpus::load_dir_with(dir.path(), opts).unwrap();
    // The kept indexes are built from a doctored copy: a catalogue entry
    // and a name of the files (Lachin) spelt otherwise. A command that
    // answers as they do read them; one that built its own could not.
    let mut doctored = corpus.clone();
    doctored.entities_toml = Some(format!(
        "{}\n[[entity]]\nname = \"Kept Only\"\nkind = \"other\"\naliases = [\"betrayal\"]\n",
        corpus.entities_toml.clone().unwrap_or_default()
    ));
    let (entities, warnings) = EntityIndex::build(&doctored);
    assert!(warnings.is_empty(), "{warnings:?}");
    for a in &mut doctored.articles {
        a.text = a.text.replace("Lachin", "Qzxqzx").into();
    }
    let search = SearchIndex::build(&doctored);
    let encoded = |f: &dyn Fn(&mut Writer)| {
        let mut w = Writer::new();
        f(&mut w);
        w.into_bytes()
    };
    let search = encoded(&|w| search.encode(w));
    let entities = encoded(&|w| entities.encode(w));
    let kept = IndexFile::new(&cache, dir.path(), opts);
    let write = |search: &[u8], entities: &[u8]| {
        kept.write(&Parts {
            corpus: &corpus,
            snapshot: &since,
            hashes: &content_hashes(&since, &corpus),
            search: Some(search),
            entities: Some((entities, &[])),
            discovery: None,
            repeat_keys: None,
        })
        .unwrap()
    };
    write(&search, &entities);
    let run = |args: &[&str]| command(args, dir.path(), home.path(), &cache);
    let (code, out, err) = run(&["search", "lachin"]);
    assert_eq!(code, Some(1), "{out}{err}");
    let (code, out, err) = run(&["mentions", "Kept", "Only"]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.to_lowercase().contains("betrayal"), "{out}");
    let (code, out, _) = run(&["entities"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("Kept Only"), "{out}");
    // Sections that do not decode are not trusted: the commands build
    // their own indexes and answer from the files.
    write(b"not a search index", b"not an entity index");
    let (code, out, _) = run(&["search", "lachin"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("Lachin"), "{out}");
    let (code, out, _) = run(&["entities"]);
    assert_eq!(code, Some(0));
    assert!(!out.contains("Kept Only"), "{out}");
    assert!(out.contains("Pashinyan"), "{out}");
}

#[test]
fn the_repeat_keys_and_the_files_as_read_come_back() {
    let (dir, cache) = (folder(), tempfile::tempdir().unwrap());
    let opts = LoadOptions::default();
    let kept = keep(cache.path(), dir.path(), opts);
    let (corpus, keys) = Corpus::load_dir_keyed(dir.path(), opts, &|_| {}).unwrap();
    assert_eq!(keys.len(), 5, "the five web pages are cleaned");
    let opened = kept.open().unwrap();
    assert!(opened.repeat_keys().is_none(), "not before the checksum");
    opened.corpus().unwrap();
    assert_eq!(opened.repeat_keys().unwrap().unwrap(), keys);
    assert_eq!(opened.snapshot(), Snapshot::take(dir.path()));
    assert_eq!(opened.content_hashes(), corpus.content_hashes);
}
