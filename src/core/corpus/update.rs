//! A folder read again at the cost of what changed: given the articles
//! read before ([`Base`]: as kept in the index file, or as last read), only
//! the files added or changed since are read and parsed; the unchanged
//! ones keep their articles (a text served from the kept file stays
//! served from it, uncopied) and their warnings; the removed ones are
//! dropped. The result is what a full read of the folder gives, article
//! for article, in the same order, with the same ids.
//!
//! The catch is the cleaner's cross-file repeats ([`Repeats`]): a block
//! found in three files or more is a site's furniture, so a changed file
//! can change how an unchanged one is cleaned. Each cleaned file's repeat
//! keys are kept ([`RepeatKeys`]): the counts are made again from them and
//! the new files' keys, and every unchanged file holding a key that
//! crossed the threshold either way ([`Repeats::flipped`]) is read and
//! cleaned again. A file is also read again when its article's id may have
//! been given a `-2` suffix (its own id is then not known), and when it
//! could not be read before. Unchanged means: the same size and
//! modification time as when it was read.
//!
//! Never panics, knows nothing of the terminal; a folder that cannot be
//! read is the same error as for a full read.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::clean::Repeats;
use super::folder::{FileRead, Listing, article_of, check_dir, finish_folder, par_map, walk};
use super::{Article, Corpus, LoadOptions, LoadWarning, ParseOptions, RepeatKeys, Snapshot};
use crate::core::error::Error;

/// What a folder was when it was last read.
#[derive(Debug, Clone, Copy)]
pub struct Base<'a> {
    /// The articles read then (with the same options).
    pub corpus: &'a Corpus,
    /// The folder as it was before they were read.
    pub since: &'a Snapshot,
    /// The content hash of each file read then, by path.
    pub hashes: &'a HashMap<PathBuf, u64>,
    /// The repeat keys of each file cleaned then.
    pub keys: &'a RepeatKeys,
}

/// How much of the folder an update read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Updated {
    /// Article files read and parsed (added, changed, and unchanged ones
    /// read again).
    pub read: usize,
    /// Of those, unchanged files read again because a repeat they hold
    /// crossed the threshold, or their id was not known.
    pub again: usize,
    /// Files whose articles were taken as they were.
    pub kept: usize,
    /// Files of the base that are gone.
    pub removed: usize,
}

impl Corpus {
    /// The folder `dir` as it is now (`now` taken before anything is
    /// read), read at the cost of what changed since `base`; with the
    /// repeat keys of each file cleaned, as [`Corpus::load_dir_keyed`]
    /// gives, and what was read.
    pub fn update_dir(
        dir: &Path,
        opts: LoadOptions,
        now: &Snapshot,
        base: Base<'_>,
    ) -> Result<(Corpus, RepeatKeys, Updated), Error> {
        check_dir(dir)?;
        let mut listing = Listing::default();
        walk(dir, &mut HashSet::new(), &mut listing);
        let files = &listing.files;
        let old: HashMap<&Path, &Article> = base
            .corpus
            .articles
            .iter()
            .filter_map(|a| Some((a.path.as_deref()?, a)))
            .collect();
        let ids: HashSet<&str> = base.corpus.articles.iter().map(|a| a.id.as_str()).collect();
        // An id `x-2` where `x` is another article's may have been made
        // unique by the full read: the file's own id is not known.
        let maybe_renamed = |a: &Article| {
            a.id.rsplit_once('-').is_some_and(|(stem, n)| {
                !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && ids.contains(stem)
            })
        };
        let same_stamp = |path: &Path| {
            let stamp = now.stamp(path);
            stamp.is_some() && base.since.stamp(path) == stamp
        };
        let unchanged = |path: &Path| {
            same_stamp(path)
                && base.hashes.contains_key(path)
                && old.get(path).is_none_or(|a| !maybe_renamed(a))
        };
        let mut read: Vec<Option<FileRead>> = files.iter().map(|_| None).collect();
        let first: Vec<usize> = (0..files.len())
            .filter(|&i| !unchanged(&files[i]))
            .collect();
        let mut updated = Updated {
            again: first.iter().filter(|&&i| same_stamp(&files[i])).count(),
            ..Updated::default()
        };
        read_files(files, &first, opts, &mut read);
        // The counts of the base, then of the folder now: every unchanged
        // file that holds a key which crossed the threshold is read again,
        // until none does (once, unless a file changed without a new time).
        let old_repeats = Repeats::from_keys(base.keys.values().map(Vec::as_slice));
        let repeats = loop {
            let keys_now = files.iter().zip(&read).filter_map(|(path, r)| match r {
                Some(r) => r.keys.as_deref(),
                None => base.keys.get(path).map(Vec::as_slice),
            });
            let repeats = Repeats::from_keys(keys_now);
            let flipped = old_repeats.flipped(&repeats);
            let again: Vec<usize> = (0..files.len())
                .filter(|&i| read[i].is_none())
                .filter(|&i| {
                    base.keys
                        .get(&files[i])
                        .is_some_and(|keys| keys.iter().any(|k| flipped.contains(k)))
                })
                .collect();
            if again.is_empty() {
                break repeats;
            }
            updated.again += again.len();
            read_files(files, &again, opts, &mut read);
        };
        let parse = ParseOptions {
            clean: opts.clean,
            repeats: opts.clean.then_some(&repeats),
        };
        let to_parse: Vec<usize> = (0..files.len()).filter(|&i| read[i].is_some()).collect();
        let parsed = par_map(&to_parse, |&i| {
            let raw = read[i].as_ref()?.raw.as_deref()?;
            Some(article_of(dir, &files[i], raw, parse))
        });
        let mut parsed: HashMap<usize, _> = to_parse.into_iter().zip(parsed).collect();
        let mut old_warnings: HashMap<&Path, Vec<&LoadWarning>> = HashMap::new();
        for w in &base.corpus.warnings {
            old_warnings.entry(w.path.as_path()).or_default().push(w);
        }
        let mut articles = Vec::with_capacity(files.len());
        let mut warnings = listing.warnings.clone();
        let (mut hashes, mut keys) = (HashMap::new(), RepeatKeys::new());
        for (i, path) in files.iter().enumerate() {
            match read[i].take() {
                Some(r) => {
                    updated.read += 1;
                    warnings.extend(r.warnings);
                    if let Some((article, warning)) = parsed.remove(&i).flatten() {
                        articles.extend(article);
                        warnings.extend(warning);
                    }
                    hashes.extend(r.hash.map(|h| (path.clone(), h)));
                    keys.extend(r.keys.map(|k| (path.clone(), k)));
                }
                None => {
                    updated.kept += 1;
                    let kept = old_warnings.get(path.as_path()).into_iter().flatten();
                    warnings.extend(kept.map(|w| (*w).clone()));
                    articles.extend(old.get(path.as_path()).map(|a| (*a).clone()));
                    hashes.extend(base.hashes.get(path).map(|h| (path.clone(), *h)));
                    keys.extend(base.keys.get(path).map(|k| (path.clone(), k.clone())));
                }
            }
        }
        let listed: HashSet<&Path> = files.iter().map(PathBuf::as_path).collect();
        updated.removed = base
            .since
            .stamps()
            .filter(|(p, _, _)| !listed.contains(p) && *p != dir.join("entities.toml"))
            .count();
        let corpus = finish_folder(dir, articles, warnings, hashes)?;
        Ok((corpus, keys, updated))
    }
}

/// Reads `which` of `files` (on a few threads) into `read`.
fn read_files(
    files: &[PathBuf],
    which: &[usize],
    opts: LoadOptions,
    read: &mut [Option<FileRead>],
) {
    let done = par_map(which, |&i| FileRead::of(&files[i], opts));
    for (&i, r) in which.iter().zip(done) {
        read[i] = Some(r);
    }
}
