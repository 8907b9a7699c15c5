//! The entity index updated in place ([`EntityIndex::updated`]) is the
//! index a build of the changed corpus makes: the same bytes encoded, and
//! the same counts kept for the next update. Checked through a chain of
//! changes of saved web pages (Mozilla Readability's test pages and the
//! boilerplate seeds: text the project did not write), with and without a
//! catalogue: pages added in the middle, removed, changed so that new
//! people, parts of names and merged names appear, a name that becomes a
//! word and a word again.

use std::path::{Path, PathBuf};

use super::kept::Discovery;
use super::update::{built, changed};
use super::*;
use crate::core::codec::{Reader, Writer};
use crate::core::corpus::{Corpus, LoadOptions};
use crate::core::entity::discover::Candidates;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The Readability pages (as `NN-name.html`) and the seeds (as
/// `seed-N.txt`), each file's name and bytes.
fn pages() -> Vec<(String, Vec<u8>)> {
    let dir = root().join("tests/data/readability");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| dir.join(n).join("source.html").is_file())
        .collect();
    names.sort();
    let mut out: Vec<(String, Vec<u8>)> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let bytes = std::fs::read(dir.join(n).join("source.html")).unwrap();
            (format!("{i:02}-{n}.html"), bytes)
        })
        .collect();
    let seeds = root().join("tests/boilerplate/seeds");
    let mut seeds: Vec<_> = std::fs::read_dir(seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    seeds.sort();
    for (i, p) in seeds.iter().take(5).enumerate() {
        out.push((format!("seed-{i}.txt"), std::fs::read(p).unwrap()));
    }
    out
}

fn load(dir: &Path) -> Corpus {
    Corpus::load_dir_with(dir, LoadOptions::default()).unwrap()
}

fn encoded(index: &EntityIndex) -> Vec<u8> {
    let mut w = Writer::new();
    index.encode(&mut w);
    w.into_bytes()
}

fn names(d: &Discovery) -> Vec<super::discover::Discovered> {
    Candidates::decode(&mut Reader::new(&d.candidates))
        .unwrap()
        .finish(|_| false)
}

/// Updates `was` (the index of `old`) to `new`, checks it against a build
/// of `new`, and returns it; `must` says whether it must be an update
/// (rather than a build whole).
fn step(
    what: &str,
    was: &(EntityIndex, Discovery),
    old: &Corpus,
    new: &Corpus,
    must: bool,
) -> (EntityIndex, Discovery) {
    // Whatever share of the articles the change touches: these pages are
    // few, and the update must be exact however much it indexes again.
    let updated = was.0.updated_with(&was.1, old, new, 1);
    assert!(
        updated.is_some() || !must,
        "{what}: updated in place ({} changed of {})",
        changed(old, new),
        new.articles.len()
    );
    let (index, _, discovery) = updated.unwrap_or_else(|| EntityIndex::build_keeping(new));
    let whole = built(new);
    assert_eq!(index.entities(), whole.0.entities(), "{what}: the entities");
    for e in index.entities() {
        assert_eq!(
            index.mentions(e.id),
            whole.0.mentions(e.id),
            "{what}: the mentions of {}",
            e.name
        );
    }
    assert!(
        encoded(&index) == encoded(&whole.0),
        "{what}: the same bytes"
    );
    assert_eq!(
        discovery.plan.entities, whole.1.plan.entities,
        "{what}: plan"
    );
    assert_eq!(discovery.lower, whole.1.lower, "{what}: lower-case uses");
    assert_eq!(discovery.upper, whole.1.upper, "{what}: upper-case uses");
    assert_eq!(discovery.order, whole.1.order, "{what}: drafts");
    assert_eq!(names(&discovery), names(&whole.1), "{what}: counts");
    (index, discovery)
}

/// Writes `files` into `dir` (after emptying it of articles).
fn write(dir: &Path, files: &[(String, Vec<u8>)]) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.file_name().is_some_and(|n| n != "entities.toml") {
            std::fs::remove_file(p).unwrap();
        }
    }
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// A page of new people: a namesake of a person the pages name ("Kennedy"
/// parts), a new name, a name already known in another form.
const NEW_PEOPLE: &str = "A letter to the editors\n\n\
President Henrietta Stallman wrote to Brendan Eich about Firefox. \
Stallman said the Free Software Foundation agreed. Dr. Quentin Marlowe \
said Marlowe would answer. Brendan Eich said so too.\n\n\
Henrietta Stallman and Quentin Marlowe met in Mountain View.";

fn chain(catalogue: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    if let Some(c) = catalogue {
        std::fs::write(d.join("entities.toml"), c).unwrap();
    }
    let all = pages();
    // Three pages held back, added later in the middle.
    let held: Vec<usize> = vec![20, 21, 22];
    let mut files: Vec<(String, Vec<u8>)> = all
        .iter()
        .enumerate()
        .filter(|(i, _)| !held.contains(i))
        .map(|(_, f)| f.clone())
        .collect();
    write(d, &files);
    let mut old = load(d);
    let mut was = built(&old);

    let mut next = |was: &mut (EntityIndex, Discovery),
                    what: &str,
                    files: &[(String, Vec<u8>)],
                    must: bool| {
        write(d, files);
        let new = load(d);
        *was = step(what, was, &old, &new, must);
        old = new;
    };
    // Added in the middle.
    files = all.clone();
    next(&mut was, "three pages added", &files, true);
    // Removed.
    files.remove(30);
    next(&mut was, "a page removed", &files, true);
    // New people, parts of names, names known in other forms.
    files.push(("zz-letter.txt".into(), NEW_PEOPLE.as_bytes().to_vec()));
    next(&mut was, "a page of new people", &files, true);
    // Changed: a page's text with one more paragraph.
    let page = files.iter().position(|f| f.0.starts_with("25-")).unwrap();
    let mut changed = files[page].1.clone();
    let at = changed.len() - changed.len() / 3;
    let at = (at..changed.len())
        .find(|&i| changed[i..].starts_with(b"<p"))
        .unwrap_or(at);
    changed.splice(
        at..at,
        b"<p>Henrietta Stallman said Firefox would stay.</p>"
            .iter()
            .copied(),
    );
    files[page].1 = changed;
    next(&mut was, "a page changed", &files, true);
    // A one-word name the pages write in capitals, written in lower case
    // often enough to be a word, then not again.
    let single = was
        .0
        .entities()
        .iter()
        .filter(|e| e.discovered && !e.name.contains(' ') && e.mentions >= 2)
        .find(|e| e.name.chars().all(char::is_alphabetic) && e.mentions <= 4)
        .map(|e| e.name.clone())
        .expect("a one-word name seen a few times");
    let lower = single.to_lowercase();
    let words = format!(
        "On words\n\n{}",
        format!("The {lower} is plain. ").repeat(40)
    );
    files.push(("zz-words.txt".into(), words.into_bytes()));
    next(&mut was, &format!("{single} becomes a word"), &files, true);
    assert!(
        was.0.lookup(&single).is_none(),
        "{single} is a word now: not an entity"
    );
    files.pop();
    next(&mut was, &format!("{single} a name again"), &files, true);
    assert!(was.0.lookup(&single).is_some(), "{single} is a name again");
    // Changes far apart: a page changed at the start, one added at the
    // end, one removed in the middle.
    files[0]
        .1
        .extend_from_slice(b"<p>Quentin Marlowe said Firefox.</p>");
    files.push((
        "zz-last.txt".into(),
        b"Last\n\nBrendan Eich and Kennedy.".to_vec(),
    ));
    files.remove(files.len() / 2);
    next(&mut was, "changes far apart", &files, true);
    // Every page renamed: nothing kept.
    for f in &mut files {
        f.0.insert_str(0, "re-");
    }
    next(&mut was, "every page renamed", &files, true);
    // Nothing changed.
    next(&mut was, "nothing changed", &files, true);
}

#[test]
fn updates_of_web_pages_are_builds() {
    chain(None);
}

#[test]
fn updates_with_a_catalogue_are_builds() {
    let catalogue = "[[entity]]\nname = \"Mozilla\"\nkind = \"organisation\"\n\n\
        [[entity]]\nname = \"Firefox OS\"\nkind = \"other\"\n\n\
        [[entity]]\nname = \"Richard Stallman\"\nkind = \"person\"\naliases = [\"RMS\", \"Stallman\"]\n";
    chain(Some(catalogue));
}

#[test]
fn a_changed_catalogue_is_built_whole() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(d, &pages()[..8]);
    let old = load(d);
    let was = built(&old);
    std::fs::write(d.join("entities.toml"), "[[entity]]\nname = \"Mozilla\"\n").unwrap();
    let new = load(d);
    assert!(was.0.updated(&was.1, &old, &new).is_none());
}

#[test]
fn kept_counts_read_back_as_written() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), &pages()[..8]);
    let (_, d) = built(&load(dir.path()));
    let mut w = Writer::new();
    d.encode(&mut w);
    let bytes = w.into_bytes();
    let back = Discovery::decode(&mut Reader::new(&bytes)).unwrap();
    assert_eq!(back.candidates, d.candidates);
    assert_eq!(back.plan.entities, d.plan.entities);
    assert_eq!(
        (back.lower, back.upper, back.order),
        (d.lower, d.upper, d.order)
    );
    for cut in (0..bytes.len()).step_by(97) {
        assert!(Discovery::decode(&mut Reader::new(&bytes[..cut])).is_err());
    }
}

#[test]
fn kept_counts_that_do_not_fit_the_index_are_not_used() {
    let dir = tempfile::tempdir().unwrap();
    let all = pages();
    write(dir.path(), &all[..6]);
    let old = load(dir.path());
    let (index, kept) = built(&old);
    write(dir.path(), &all[..7]);
    let new = load(dir.path());
    assert!(index.updated_with(&kept, &old, &new, 1).is_some());
    let mut bad = kept.clone();
    bad.order[0] = u32::MAX;
    assert!(index.updated_with(&bad, &old, &new, 1).is_none());
    let mut bad = kept.clone();
    bad.lower.pop();
    assert!(index.updated_with(&bad, &old, &new, 1).is_none());
    let mut bad = kept.clone();
    bad.candidates.truncate(bad.candidates.len() / 2);
    assert!(index.updated_with(&bad, &old, &new, 1).is_none());
    // Counts of another folder's build: never a panic.
    let other = built(&new).1;
    let _ = index.updated_with(&other, &old, &new, 1);
}
