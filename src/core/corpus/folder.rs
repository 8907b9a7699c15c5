//! Finding and reading the article files of a folder: which files are
//! articles, size and binary checks, decoding, and the warnings for what was
//! skipped or repaired. Reading never panics and never fails the whole load
//! for one bad file.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::clean::Repeats;
use super::html;
use super::{Article, Corpus, LoadOptions, LoadWarning, Origin, ParseOptions};
use crate::core::error::Error;
use crate::core::regular_file;

/// Files larger than this are skipped with a warning rather than read.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

impl Corpus {
    /// Reads every `.txt`, `.md` and `.html`/`.htm` file in `dir` (not recursing), in
    /// file-name order, with the default options (cleaning on).
    pub fn load_dir(dir: &Path) -> Result<Corpus, Error> {
        Corpus::load_dir_with(dir, LoadOptions::default())
    }

    /// Like [`Corpus::load_dir`], with options.
    pub fn load_dir_with(dir: &Path, opts: LoadOptions) -> Result<Corpus, Error> {
        let meta = std::fs::metadata(dir).map_err(|e| Error::CorpusMissing {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        if !meta.is_dir() {
            return Err(Error::CorpusNotDir(dir.to_path_buf()));
        }
        let entries = std::fs::read_dir(dir).map_err(|e| Error::CorpusMissing {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_article_file(p))
            .collect();
        files.sort();
        let (articles, mut warnings) = read_articles(&files, opts);
        if articles.is_empty() {
            return Err(Error::CorpusEmpty {
                path: dir.to_path_buf(),
                skipped: warnings.len(),
            });
        }
        let entities_path = dir.join("entities.toml");
        let entities_toml = match regular_file::read(&entities_path) {
            Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                warnings.push(LoadWarning {
                    path: entities_path,
                    message: format!("could not be read ({e}); using discovered entities only"),
                });
                None
            }
        };
        Ok(Corpus::finish(
            articles,
            warnings,
            Origin::Folder(dir.to_path_buf()),
            entities_toml,
        ))
    }
}

pub(super) fn is_article_file(p: &Path) -> bool {
    let hidden = p
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let ext_ok = p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md") || html::is_page_ext(e)
    });
    // A folder's README describes the articles; it is not one of them.
    let readme = p
        .file_stem()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("readme"));
    !hidden && ext_ok && !readme && !p.is_dir()
}

/// At most this many threads read and parse article files.
const MAX_LOAD_THREADS: usize = 4;

/// Reads the files (on a few threads: parsing and folding take longer than
/// reading), returning the articles and warnings in file order, exactly as
/// reading them one after the other would. Two passes when cleaning: the
/// texts are read first so that a block's recurrence across the folder is
/// counted before any file is cleaned.
fn read_articles(files: &[PathBuf], opts: LoadOptions) -> (Vec<Article>, Vec<LoadWarning>) {
    let mut texts = par_map(files, |path| {
        let mut warnings = Vec::new();
        let raw = read_text(path, &mut warnings);
        // Only the files that will be cleaned count towards repeats.
        let keys = match &raw {
            Some(r) if opts.clean && may_be_cleaned(path, r) => Some(Repeats::keys_of(r)),
            _ => None,
        };
        (raw, warnings, keys)
    });
    let repeats = opts
        .clean
        .then(|| Repeats::from_keys(texts.iter_mut().filter_map(|(_, _, keys)| keys.take())));
    // Each file's text is taken by the thread that parses it and dropped
    // when its article is made: the folder is never held twice over.
    let texts: Vec<(std::sync::Mutex<Option<String>>, Vec<LoadWarning>)> = texts
        .into_iter()
        .map(|(raw, w, _)| (std::sync::Mutex::new(raw), w))
        .collect();
    let parse = ParseOptions {
        clean: opts.clean,
        repeats: repeats.as_ref(),
    };
    let indices: Vec<usize> = (0..files.len()).collect();
    let parsed = par_map(&indices, |&i| {
        let path = &files[i];
        let raw = texts[i].0.lock().ok()?.take()?;
        let raw = raw.as_str();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("article");
        if html::is_page(path) {
            return Some(html::article(name, raw, Some(path.to_path_buf())));
        }
        let article = Article::parse_with(name, raw, Some(path.to_path_buf()), parse);
        let warning = article
            .is_none()
            .then(|| "skipped: no text after the header".to_string());
        Some((article, warning))
    });
    let mut articles = Vec::with_capacity(files.len());
    let mut warnings = Vec::new();
    for ((path, (_, w)), article) in files.iter().zip(texts).zip(parsed) {
        warnings.extend(w);
        if let Some((article, warning)) = article {
            articles.extend(article);
            warnings.extend(warning.map(|message| LoadWarning {
                path: path.clone(),
                message,
            }));
        }
    }
    (articles, warnings)
}

/// Whether a file may be read as a copied web page and cleaned: a `.txt`
/// file without a header (see [`Article::parse_with`], which decides).
fn may_be_cleaned(path: &Path, raw: &str) -> bool {
    let txt = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("txt"));
    txt && !raw.trim_start_matches('\u{feff}').starts_with("---")
}

/// `f` over `items` on a few threads, the results in item order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
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
/// repaired.
fn read_text(path: &Path, warnings: &mut Vec<LoadWarning>) -> Option<String> {
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
