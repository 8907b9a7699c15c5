//! Finding and reading the article files of a folder and its subfolders:
//! which files are articles, size and binary checks, decoding, and the
//! warnings for what was skipped or repaired. Reading never panics and never
//! fails the whole load for one bad file or folder.
//!
//! Subfolders are read at any depth, hidden ones (`.git`, `.cache`) never.
//! A symlinked folder is followed, but each real folder is read once: a
//! link back up the tree (a loop) or a second link to a folder already read
//! is skipped silently, so no article is read twice (it is read under the
//! first path that reaches it in reading order). Articles
//! come by folder path (the corpus folder first, then each subfolder in
//! path order, its own subfolders right after it) and by file name within
//! a folder.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::clean::Repeats;
use super::html;
use super::{
    Article, Corpus, LoadOptions, LoadWarning, Origin, ParseOptions, RepeatKeys, Snapshot,
};
use crate::core::error::Error;
use crate::core::regular_file;
use xxhash_rust::xxh3::xxh3_64;

/// Files larger than this are skipped with a warning rather than read.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

impl Corpus {
    /// Reads every `.txt`, `.md` and `.html`/`.htm` file in `dir` and its
    /// subfolders (see the module docs for the order), with the default
    /// options (cleaning on).
    pub fn load_dir(dir: &Path) -> Result<Corpus, Error> {
        Corpus::load_dir_with(dir, LoadOptions::default())
    }

    /// Like [`Corpus::load_dir`], with options.
    pub fn load_dir_with(dir: &Path, opts: LoadOptions) -> Result<Corpus, Error> {
        Corpus::load_dir_progress(dir, opts, &|_| {})
    }

    /// Like [`Corpus::load_dir_with`], telling `progress` how far it got
    /// after each file (from the loading threads: keep it quick).
    pub fn load_dir_progress(
        dir: &Path,
        opts: LoadOptions,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Corpus, Error> {
        Corpus::load_dir_keyed(dir, opts, progress).map(|(corpus, _)| corpus)
    }

    /// Like [`Corpus::load_dir_progress`], with the repeat keys of each
    /// file cleaned ([`RepeatKeys`]): what an update of the folder needs
    /// to know which unchanged files a change makes clean otherwise.
    pub fn load_dir_keyed(
        dir: &Path,
        opts: LoadOptions,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<(Corpus, RepeatKeys), Error> {
        check_dir(dir)?;
        let mut listing = Listing::default();
        walk(dir, &mut std::collections::HashSet::new(), &mut listing);
        load_files(dir, &listing.files, listing.warnings, opts, progress)
    }

    /// Like [`Corpus::load_dir_keyed`], with the folder's [`Snapshot`] as
    /// it was before the files were read, taken by the walk that lists
    /// them: the folder is listed once, not once for the snapshot and
    /// again to read it.
    pub fn load_dir_snapshot(
        dir: &Path,
        opts: LoadOptions,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<(Corpus, RepeatKeys, Snapshot), Error> {
        check_dir(dir)?;
        let mut listing = Listing {
            stamped: true,
            ..Listing::default()
        };
        walk(dir, &mut std::collections::HashSet::new(), &mut listing);
        let snapshot = Snapshot::of(snapshot_stamps(dir, &listing));
        let (corpus, keys) = load_files(dir, &listing.files, listing.warnings, opts, progress)?;
        Ok((corpus, keys, snapshot))
    }

    /// The first articles of `dir` in reading order, from about `bytes`
    /// of files: quick to show while the rest is read. With them, when
    /// they are all the folder holds, the folder's [`Snapshot`] as it was
    /// before they were read; `None` when there is more to read.
    pub fn load_dir_first(
        dir: &Path,
        opts: LoadOptions,
        bytes: u64,
    ) -> Result<(Corpus, Option<Snapshot>), Error> {
        check_dir(dir)?;
        let mut listing = Listing {
            budget: Some(bytes),
            stamped: true,
            ..Listing::default()
        };
        let whole = walk(dir, &mut std::collections::HashSet::new(), &mut listing);
        let snapshot = whole.then(|| Snapshot::of(snapshot_stamps(dir, &listing)));
        let (corpus, _) = load_files(dir, &listing.files, listing.warnings, opts, &|_| {})?;
        Ok((corpus, snapshot))
    }
}

/// How far a folder's load has got (see [`Corpus::load_dir_progress`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Files read from the disk.
    pub read: usize,
    /// Files parsed into articles.
    pub parsed: usize,
    /// Article files in all.
    pub total: usize,
}

impl Progress {
    /// Percent of the files read and parsed: reading counts for a fifth,
    /// parsing (the slow part) for the rest.
    pub fn percent(&self) -> usize {
        match self.total {
            0 => 0,
            t => (self.read.min(t) * 20 + self.parsed.min(t) * 80) / t,
        }
    }
}

/// Fails unless `dir` is a folder that can be listed.
pub(super) fn check_dir(dir: &Path) -> Result<(), Error> {
    let meta = std::fs::metadata(dir).map_err(|e| Error::CorpusMissing {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    if !meta.is_dir() {
        return Err(Error::CorpusNotDir(dir.to_path_buf()));
    }
    std::fs::read_dir(dir).map_err(|e| Error::CorpusMissing {
        path: dir.to_path_buf(),
        reason: e.to_string(),
    })?;
    Ok(())
}

/// Reads `files` of `dir` (with the `warnings` from listing them) and its
/// `entities.toml`.
fn load_files(
    dir: &Path,
    files: &[PathBuf],
    mut warnings: Vec<LoadWarning>,
    opts: LoadOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<(Corpus, RepeatKeys), Error> {
    let (articles, read_warnings, hashes, keys) = read_articles(dir, files, opts, progress);
    warnings.extend(read_warnings);
    let corpus = finish_folder(dir, articles, warnings, hashes)?;
    Ok((corpus, keys))
}

/// The corpus of the articles read from `dir` (in reading order) with
/// its `entities.toml`; an error when there is no article.
pub(super) fn finish_folder(
    dir: &Path,
    articles: Vec<Article>,
    mut warnings: Vec<LoadWarning>,
    mut hashes: HashMap<PathBuf, u64>,
) -> Result<Corpus, Error> {
    if articles.is_empty() {
        return Err(Error::CorpusEmpty {
            path: dir.to_path_buf(),
            skipped: warnings.len(),
        });
    }
    let entities_path = dir.join("entities.toml");
    let entities_toml = match regular_file::read(&entities_path) {
        Ok(bytes) => {
            hashes.insert(entities_path, xxh3_64(&bytes));
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            warnings.push(LoadWarning {
                path: entities_path,
                message: format!("could not be read ({e}); using discovered entities only"),
            });
            None
        }
    };
    let mut corpus = Corpus::finish(
        articles,
        warnings,
        Origin::Folder(dir.to_path_buf()),
        entities_toml,
    );
    corpus.content_hashes = hashes;
    Ok(corpus)
}

/// Size and modification time.
type Stamp = (u64, Option<std::time::SystemTime>);

/// The article files of `dir` and its subfolders, each with its size and
/// modification time, and `entities.toml`: what a [`Snapshot`] holds. One
/// `stat` per file, none per folder entry that is not a link.
pub(super) fn stamped_files(dir: &Path) -> Vec<(PathBuf, Stamp)> {
    let mut listing = Listing {
        stamped: true,
        ..Listing::default()
    };
    walk(dir, &mut std::collections::HashSet::new(), &mut listing);
    snapshot_stamps(dir, &listing)
}

/// The files of a stamped walk that could be looked at, and `entities.toml`.
fn snapshot_stamps(dir: &Path, listing: &Listing) -> Vec<(PathBuf, Stamp)> {
    let entities = dir.join("entities.toml");
    let stamp = std::fs::metadata(&entities)
        .ok()
        .map(|m| (entities, (m.len(), m.modified().ok())));
    listing
        .files
        .iter()
        .zip(&listing.stamps)
        .filter_map(|(p, s)| Some((p.clone(), (*s)?)))
        .chain(stamp)
        .collect()
}

/// What a walk found.
#[derive(Default)]
pub(super) struct Listing {
    /// Article files, in reading order.
    pub(super) files: Vec<PathBuf>,
    /// Each file's size and modification time (`None`: it could not be
    /// looked at), when `stamped`.
    stamps: Vec<Option<Stamp>>,
    /// Whether to take each file's size and modification time.
    stamped: bool,
    /// Subfolders that could not be read.
    pub(super) warnings: Vec<LoadWarning>,
    /// Bytes of files still wanted; `None`: every file.
    budget: Option<u64>,
}

/// Adds the article files of `dir`, then those of its subfolders, unless
/// the real folder (links resolved) was read already. False when the
/// budget ran out before every file was listed.
pub(super) fn walk(
    dir: &Path,
    seen: &mut std::collections::HashSet<PathBuf>,
    out: &mut Listing,
) -> bool {
    let Ok(real) = std::fs::canonicalize(dir) else {
        return true;
    };
    if !seen.insert(real) {
        return true;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.warnings.push(LoadWarning {
                path: dir.to_path_buf(),
                message: format!("folder skipped: could not be read ({e})"),
            });
            return true;
        }
    };
    let mut entries: Vec<std::fs::DirEntry> = entries.filter_map(Result::ok).collect();
    entries.sort_by_cached_key(|e| e.file_name());
    let mut folders = Vec::new();
    for e in entries {
        let p = e.path();
        if is_hidden(&p) {
            continue;
        }
        // The kind comes with the folder's listing; only a link is looked
        // up (and followed: a symlinked folder is a folder).
        let link = e.file_type().map_or(true, |t| t.is_symlink());
        let is_dir = if link {
            p.is_dir()
        } else {
            e.file_type().is_ok_and(|t| t.is_dir())
        };
        if is_dir {
            folders.push(p);
        } else if is_article_file(&p) {
            if out.stamped || out.budget.is_some() {
                if out.budget == Some(0) {
                    return false;
                }
                // Through a link, what it points at: never opened.
                let m = if link {
                    std::fs::metadata(&p)
                } else {
                    e.metadata()
                };
                let stamp = m.ok().map(|m| (m.len(), m.modified().ok()));
                let len = stamp.map_or(0, |s| s.0);
                out.budget = out.budget.map(|left| left.saturating_sub(len));
                out.stamps.push(stamp);
            }
            out.files.push(p);
        }
    }
    folders.into_iter().all(|f| walk(&f, seen, out))
}

/// The folder of `file` relative to `root`, its parts joined by `/`;
/// empty for a file directly in `root`.
pub(super) fn folder_of(root: &Path, file: &Path) -> String {
    let rel = file
        .parent()
        .and_then(|p| p.strip_prefix(root).ok())
        .unwrap_or(Path::new(""));
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a file or folder name starts with `.`.
fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Whether a file (not a folder) is an article by its name.
fn is_article_file(p: &Path) -> bool {
    let hidden = is_hidden(p);
    let ext_ok = p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md") || html::is_page_ext(e)
    });
    // A folder's README describes the articles; it is not one of them.
    let readme = p
        .file_stem()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("readme"));
    !hidden && ext_ok && !readme
}

/// At most this many threads read and parse article files.
const MAX_LOAD_THREADS: usize = 4;

/// Reads the files (on a few threads: parsing and folding take longer than
/// reading), returning the articles and warnings in file order, exactly as
/// reading them one after the other would. Two passes when cleaning: the
/// texts are read first so that a block's recurrence across the folder is
/// counted before any file is cleaned.
fn read_articles(
    root: &Path,
    files: &[PathBuf],
    opts: LoadOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> (
    Vec<Article>,
    Vec<LoadWarning>,
    HashMap<PathBuf, u64>,
    RepeatKeys,
) {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
    let (read, parsed) = (AtomicUsize::new(0), AtomicUsize::new(0));
    let tell = |read: usize, parsed: usize| {
        progress(Progress {
            read,
            parsed,
            total: files.len(),
        })
    };
    let mut texts = par_map(files, |path| {
        let file = FileRead::of(path, opts);
        tell(read.fetch_add(1, Relaxed) + 1, 0);
        file
    });
    let hashes: HashMap<PathBuf, u64> = files
        .iter()
        .zip(&texts)
        .filter_map(|(path, f)| Some((path.clone(), f.hash?)))
        .collect();
    let keys: RepeatKeys = files
        .iter()
        .zip(&mut texts)
        .filter_map(|(path, f)| Some((path.clone(), f.keys.take()?)))
        .collect();
    let repeats = opts
        .clean
        .then(|| Repeats::from_keys(keys.values().map(Vec::as_slice)));
    // Each file's text is taken by the thread that parses it and dropped
    // when its article is made: the folder is never held twice over.
    let texts: Vec<(std::sync::Mutex<Option<String>>, Vec<LoadWarning>)> = texts
        .into_iter()
        .map(|f| (std::sync::Mutex::new(f.raw), f.warnings))
        .collect();
    let parse = ParseOptions {
        clean: opts.clean,
        repeats: repeats.as_ref(),
    };
    let indices: Vec<usize> = (0..files.len()).collect();
    let parsed = par_map(&indices, |&i| {
        let path = &files[i];
        tell(files.len(), parsed.fetch_add(1, Relaxed) + 1);
        let raw = texts[i].0.lock().ok()?.take()?;
        Some(article_of(root, path, &raw, parse))
    });
    let mut articles = Vec::with_capacity(files.len());
    let mut warnings = Vec::new();
    for ((_, w), article) in texts.into_iter().zip(parsed) {
        warnings.extend(w);
        if let Some((article, warning)) = article {
            articles.extend(article);
            warnings.extend(warning);
        }
    }
    (articles, warnings, hashes, keys)
}

/// One file of the folder, read: its text (or none, with warnings why),
/// the hash of its bytes, and its repeat keys when it is to be cleaned.
pub(super) struct FileRead {
    pub raw: Option<String>,
    pub warnings: Vec<LoadWarning>,
    pub hash: Option<u64>,
    pub keys: Option<Vec<u64>>,
}

impl FileRead {
    /// Reads the file at `path`.
    pub(super) fn of(path: &Path, opts: LoadOptions) -> FileRead {
        let (mut warnings, mut hash) = (Vec::new(), None);
        let raw = read_text(path, &mut warnings, &mut hash);
        // Only the files that will be cleaned count towards repeats.
        let keys = match &raw {
            Some(r) if opts.clean && !html::is_page(path) => repeat_keys(path, r),
            _ => None,
        };
        FileRead {
            raw,
            warnings,
            hash,
            keys,
        }
    }
}

/// The article of the file at `path` (in the folder `root`), from its
/// text `raw`, or the warning saying why there is none.
pub(super) fn article_of(
    root: &Path,
    path: &Path,
    raw: &str,
    parse: ParseOptions<'_>,
) -> (Option<Article>, Option<LoadWarning>) {
    let name = file_name(path);
    let (article, warning) = if html::is_page(path) {
        html::article(name, raw, Some(path.to_path_buf()))
    } else {
        let article = Article::parse_with(name, raw, Some(path.to_path_buf()), parse);
        let warning = article
            .is_none()
            .then(|| "skipped: no text after the header".to_string());
        (article, warning)
    };
    let article = article.map(|mut a| {
        a.folder = folder_of(root, path);
        a
    });
    let warning = warning.map(|message| LoadWarning {
        path: path.to_path_buf(),
        message,
    });
    (article, warning)
}

/// The repeat keys of a file read as a copied web page and cleaned (see
/// [`Article::parse_with`], which decides); `None` for any other file.
pub(super) fn repeat_keys(path: &Path, raw: &str) -> Option<Vec<u64>> {
    super::parse::repeat_keys(file_name(path), raw)
}

/// The name an article is parsed under: its file's name.
pub(super) fn file_name(path: &Path) -> &str {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article")
}

/// `f` over `items` on a few threads, the results in item order.
pub(super) fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || -> Vec<(usize, R)> {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return done;
            };
            done.push((i, f(item)));
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_LOAD_THREADS)
        .min(items.len());
    let mut done: Vec<(usize, R)> = if threads <= 1 {
        work()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    done.sort_unstable_by_key(|d| d.0);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Reads one file's text, recording a warning for anything skipped or
/// repaired, and in `hash` the xxh3 of its bytes once they are read.
pub(super) fn read_text(
    path: &Path,
    warnings: &mut Vec<LoadWarning>,
    hash: &mut Option<u64>,
) -> Option<String> {
    let mut warn = |message: String| {
        warnings.push(LoadWarning {
            path: path.to_path_buf(),
            message,
        })
    };
    // Only regular files are opened, never blocking: a named pipe, a
    // device or a socket is skipped with what it is.
    let (mut file, meta) = match regular_file::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::InvalidInput => {
            warn(format!("skipped: {e}"));
            return None;
        }
        Err(e) => {
            warn(format!("skipped: could not be read ({e})"));
            return None;
        }
    };
    if meta.len() > MAX_FILE_BYTES {
        warn(format!(
            "skipped: {} MiB is more than the {} MiB a file may have",
            meta.len() >> 20,
            MAX_FILE_BYTES >> 20
        ));
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    if let Err(e) = file.read_to_end(&mut bytes) {
        warn(format!("skipped: could not be read ({e})"));
        return None;
    }
    *hash = Some(xxh3_64(&bytes));
    // UTF-16 text (with its byte-order mark, as Windows tools save it) is
    // full of NUL bytes but is not binary.
    let utf16 = utf16_text(&bytes);
    if utf16.is_none() && looks_binary(&bytes) {
        warn("skipped: looks like a binary file, not text".to_string());
        return None;
    }
    if html::is_page(path) {
        let page = html::decode(&bytes, None);
        page.warning.map(&mut warn);
        return Some(page.text);
    }
    let raw = match utf16.map_or_else(|| String::from_utf8(bytes), Ok) {
        Ok(s) => s,
        Err(e) => {
            warn("not valid UTF-8; the invalid bytes are shown as \u{FFFD}".to_string());
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    if raw.trim().is_empty() {
        warn("skipped: the file is empty".to_string());
        return None;
    }
    Some(raw)
}

/// The text of a file that starts with a UTF-16 byte-order mark; `None`
/// for any other file.
fn utf16_text(bytes: &[u8]) -> Option<String> {
    let (encoding, _) = encoding_rs::Encoding::for_bom(bytes)?;
    if encoding == encoding_rs::UTF_8 {
        return None;
    }
    Some(encoding.decode_with_bom_removal(bytes).0.into_owned())
}

/// A file is binary when its first 8 KiB hold a NUL byte or are mostly
/// control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && controls * 10 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let p = root.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }

    fn titles_and_folders(c: &Corpus) -> Vec<(String, String)> {
        c.articles
            .iter()
            .map(|a| (a.title.clone(), a.folder.clone()))
            .collect()
    }

    #[test]
    fn subfolders_are_read_in_folder_then_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "b.txt", "Root B\n\nText.");
        write(d, "a.txt", "Root A\n\nText.");
        write(d, "court/2024/z.md", "Deep Z\n\nText.");
        write(d, "court/y.txt", "Court Y\n\nText.");
        write(d, "archive/x.txt", "Archive X\n\nText.");
        std::fs::create_dir_all(d.join("empty/inner")).unwrap();
        let c = Corpus::load_dir(d).unwrap();
        let got = titles_and_folders(&c);
        let want: Vec<(String, String)> = [
            ("Root A", ""),
            ("Root B", ""),
            ("Archive X", "archive"),
            ("Court Y", "court"),
            ("Deep Z", "court/2024"),
        ]
        .iter()
        .map(|(t, f)| (t.to_string(), f.to_string()))
        .collect();
        assert_eq!(got, want);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        // The live-reload snapshot sees the same files.
        assert_eq!(super::super::Snapshot::take(d).len(), 5);
    }

    #[test]
    fn hidden_folders_and_files_are_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "a.txt", "Shown\n\nText.");
        write(d, ".git/notes.txt", "Hidden folder\n\nText.");
        write(d, "sub/.draft.txt", "Hidden file\n\nText.");
        write(d, "sub/.cache/c.txt", "Hidden subfolder\n\nText.");
        let c = Corpus::load_dir(d).unwrap();
        assert_eq!(titles_and_folders(&c), [("Shown".into(), String::new())]);
        assert_eq!(super::super::Snapshot::take(d).len(), 1);
    }

    #[test]
    fn only_articles_in_subfolders_are_enough() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "one/two/a.txt", "Deep\n\nText.");
        let c = Corpus::load_dir(dir.path()).unwrap();
        assert_eq!(c.articles[0].folder, "one/two");
    }

    #[test]
    fn empty_subfolders_alone_are_still_nothing_to_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("a/b")).unwrap();
        assert!(matches!(
            Corpus::load_dir(dir.path()),
            Err(Error::CorpusEmpty { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_folder_is_followed_once_and_a_loop_never() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "a.txt", "Root\n\nText.");
        write(d, "sub/b.txt", "Sub\n\nText.");
        let outside = tempfile::tempdir().unwrap();
        write(outside.path(), "c.txt", "Linked\n\nText.");
        // A loop back to the root, a link to a folder read anyway, and a
        // link to a folder outside.
        std::os::unix::fs::symlink(d, d.join("sub/loop")).unwrap();
        std::os::unix::fs::symlink(d.join("sub"), d.join("again")).unwrap();
        std::os::unix::fs::symlink(outside.path(), d.join("linked")).unwrap();
        let c = Corpus::load_dir(d).unwrap();
        let got = titles_and_folders(&c);
        // `again` comes before `sub` by name, so the folder is read there,
        // once; `sub/loop` is the root again and is skipped.
        assert_eq!(
            got,
            [
                ("Root".to_string(), String::new()),
                ("Sub".to_string(), "again".to_string()),
                ("Linked".to_string(), "linked".to_string()),
            ]
        );
        assert_eq!(super::super::Snapshot::take(d).len(), 3);
    }

    #[test]
    fn the_first_articles_are_a_prefix_and_say_whether_they_are_all() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for i in 0..6 {
            write(
                d,
                &format!("sub{}/a{i}.txt", i % 2),
                &format!("T{i}\n\nText {i}."),
            );
        }
        let all = Corpus::load_dir(d).unwrap();
        let ids = |c: &Corpus| c.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        // About two files' worth: a prefix, and no snapshot (more to read).
        let (first, snap) = Corpus::load_dir_first(d, LoadOptions::default(), 20).unwrap();
        assert!(snap.is_none());
        assert!(first.articles.len() < all.articles.len());
        assert_eq!(ids(&first), ids(&all)[..first.articles.len()]);
        // Room for everything: the whole folder, with its snapshot.
        let (whole, snap) = Corpus::load_dir_first(d, LoadOptions::default(), 1 << 20).unwrap();
        assert_eq!(ids(&whole), ids(&all));
        assert_eq!(snap.unwrap(), super::super::Snapshot::take(d));
    }

    #[test]
    fn the_snapshot_taken_with_a_load_is_the_folder_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        write(d, "a.txt", "A\n\nText.");
        write(d, "sub/b.md", "B\n\nText.");
        write(d, "entities.toml", "");
        write(d, "notes.bin", "not an article");
        let before = super::super::Snapshot::take(d);
        let (corpus, _, snapshot) =
            Corpus::load_dir_snapshot(d, LoadOptions::default(), &|_| {}).unwrap();
        assert_eq!(snapshot, before);
        assert_eq!(snapshot.len(), 3);
        let ids = |c: &Corpus| c.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&corpus), ids(&Corpus::load_dir(d).unwrap()));
    }

    #[test]
    fn progress_counts_every_file_read_and_parsed() {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..5 {
            write(dir.path(), &format!("a{i}.txt"), "T\n\nText.");
        }
        let last = std::sync::Mutex::new(Vec::new());
        Corpus::load_dir_progress(dir.path(), LoadOptions::default(), &|p| {
            last.lock().unwrap().push(p)
        })
        .unwrap();
        let seen = last.into_inner().unwrap();
        assert_eq!(seen.len(), 10);
        let done = seen.iter().max_by_key(|p| p.percent()).unwrap();
        assert_eq!((done.read, done.parsed, done.total), (5, 5, 5));
        assert_eq!(done.percent(), 100);
        assert!(seen.iter().all(|p| p.percent() <= 100));
    }
}
