//! The bookmarks file on disk.
//!
//! One pretty-printed JSON file (`{"version": 1, "bookmarks": [...]}`) that
//! people can read, diff and keep in git. The guarantees:
//!
//! * **write-through and atomic**: every change is written at once with
//!   [`write_atomic`] (temporary file in the same folder, fsync, rename), so
//!   a `kill -9` at any moment leaves the old file or the new one; a
//!   symlinked file is written through (its target is replaced, the link
//!   stays);
//! * **two instances never lose each other's bookmarks**: every change takes
//!   an exclusive lock on a sidecar file (`bookmarks.json.lock` beside the
//!   real file; the data file itself is replaced by rename, so it cannot
//!   carry the lock),
//!   re-reads the file, applies the change, writes, unlocks;
//! * **a file it cannot read is never overwritten**: one that does not parse,
//!   is empty (dossier never writes an empty file: a 0-byte one is what a
//!   truncation leaves), or has a newer `version`, opens the store read-only with a message that
//!   names the file, says what is wrong and what to do; writing returns that
//!   error (the CLI exits 2) and leaves the file byte for byte as it was.
//!
//! * **a file whose permissions forbid writing is never replaced**: rename
//!   only needs the folder to be writable (and root may write anything), so
//!   the owner's write bit is checked before every change; without it the
//!   store is read-only with a message saying to `chmod u+w` the file.
//!
//! Reads take no lock: rename is atomic, so a reader sees a whole file.
//! [`BookmarkStore::changed_on_disk`] tells, with one `stat`, whether
//! another process replaced the file since it was last read or written.
//! This module never prints and knows nothing of the terminal.

use std::collections::HashMap;
use std::collections::hash_map::RandomState;
use std::fs::{File, OpenOptions};
use std::hash::BuildHasher;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use super::anchor::{Anchor, Anchorer};
use super::{Bookmark, PassageSpan, now};
use crate::core::atomic::{parent_dir, write_atomic, write_target};
use crate::core::corpus::{Article, Corpus};
use crate::core::error::Error;

/// The file format version this dossier reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// What the file holds.
#[derive(Debug, Default, Serialize, Deserialize)]
struct BookmarkFile {
    version: u64,
    bookmarks: Vec<Bookmark>,
    /// Top-level fields this version does not know, kept on rewrite.
    #[serde(flatten)]
    extra: serde_json::Map<String, serde_json::Value>,
}

/// A place a bookmark was re-anchored to, waiting for the next write.
#[derive(Debug, Clone)]
struct Moved {
    article: String,
    title: String,
    passages: PassageSpan,
}

/// The bookmarks of one file, with write-through changes.
#[derive(Debug)]
pub struct BookmarkStore {
    path: PathBuf,
    bookmarks: Vec<Bookmark>,
    /// Why the store is read-only, when it is.
    problem: Option<String>,
    /// Whether `problem` is only that the file is write-protected (its
    /// bookmarks were read).
    protected: bool,
    /// Re-anchored positions, by id, persisted by the next change.
    moved: HashMap<String, Moved>,
    /// The file as it was when last read or written (`None`: missing).
    seen: Option<Stamp>,
}

/// What `stat` says of the file: enough to notice that another process
/// replaced it (every write is a rename of a new file, so the inode, the
/// modification time or the length changes) or changed its permissions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<std::time::SystemTime>,
    inode: u64,
    /// The permission bits: `chmod` makes the file (un)writable.
    mode: u32,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let m = std::fs::metadata(path).ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(&m);
        #[cfg(unix)]
        let mode = std::os::unix::fs::MetadataExt::mode(&m);
        #[cfg(not(unix))]
        let (inode, mode) = (0, u32::from(m.permissions().readonly()));
        Some(Stamp {
            len: m.len(),
            modified: m.modified().ok(),
            inode,
            mode,
        })
    }
}

impl BookmarkStore {
    /// Opens the store at `path`. Never fails: a missing file is an empty
    /// store (the file and its folder are created on the first change); a
    /// file that cannot be read or understood opens the store read-only
    /// (see [`BookmarkStore::read_only`]).
    pub fn open(path: &Path) -> BookmarkStore {
        let mut store = BookmarkStore {
            path: path.to_path_buf(),
            bookmarks: Vec::new(),
            problem: None,
            protected: false,
            moved: HashMap::new(),
            seen: None,
        };
        let _ = store.reload();
        store
    }

    /// The file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The bookmarks, in the order they were made.
    pub fn bookmarks(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    /// The bookmark with this id.
    pub fn get(&self, id: &str) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| b.id == id)
    }

    /// Why the store is read-only (the file names itself in
    /// [`BookmarkStore::error`]), or `None` when changes can be saved.
    pub fn read_only(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The read-only reason as an [`Error`] naming the file.
    pub fn error(&self) -> Option<Error> {
        self.problem.as_ref().map(|m| self.store_error(m.clone()))
    }

    /// [`BookmarkStore::error`] when the bookmarks could not be read at
    /// all; `None` for a write-protected file, whose bookmarks were read
    /// (listing and exporting them is fine).
    pub fn read_error(&self) -> Option<Error> {
        if self.protected { None } else { self.error() }
    }

    /// The read-only reason in one short line for a status bar: the
    /// file's name and what is wrong, without the path and advice of
    /// [`BookmarkStore::error`] (`bookmarks.json is not valid JSON`).
    pub fn summary(&self) -> Option<String> {
        let problem = self.problem.as_deref()?;
        let cut = problem.find([';', '(']).unwrap_or(problem.len());
        let name = self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        Some(format!(
            "{name} {}",
            problem[..cut].trim_end().trim_end_matches(',')
        ))
    }

    /// Re-reads the file, picking up changes another instance made. When the
    /// file has become unreadable, the bookmarks already loaded are kept, the
    /// store turns read-only and the error is returned.
    ///
    /// A file whose permissions forbid writing is read (the bookmarks are
    /// shown) but makes the store read-only, and that error is returned.
    pub fn reload(&mut self) -> Result<(), Error> {
        // Stat before reading: a write in between makes the next
        // `changed_on_disk` true again (a harmless second read), never
        // hides a change.
        self.seen = Stamp::of(&self.path);
        match read_file(&self.path) {
            Ok(file) => {
                self.bookmarks = file.bookmarks;
                self.apply_moved_in_memory();
                self.check_writable();
                match self.error() {
                    Some(e) => Err(e),
                    None => Ok(()),
                }
            }
            Err(message) => {
                self.problem = Some(message.clone());
                self.protected = false;
                Err(self.store_error(message))
            }
        }
    }

    /// After a successful read: the store is read-only exactly when the
    /// file's permissions forbid replacing it.
    fn check_writable(&mut self) {
        self.problem = not_writable(&self.path);
        self.protected = self.problem.is_some();
    }

    /// Whether the file was replaced, changed, created or removed since
    /// this store last read or wrote it (by another dossier, a
    /// `dossier bookmarks` command, an editor). One `stat`, no read.
    pub fn changed_on_disk(&self) -> bool {
        Stamp::of(&self.path) != self.seen
    }

    /// Bookmarks passages `span` of `article` with a note; returns the new
    /// bookmark.
    pub fn add(
        &mut self,
        article: &Article,
        span: PassageSpan,
        note: &str,
    ) -> Result<Bookmark, Error> {
        let mut b = Bookmark::new(String::new(), article, span, &clean_note(note))?;
        self.change(|list| {
            b.id = new_id(|id| list.iter().any(|b| b.id == id));
            list.push(b.clone());
            Some(b)
        })?
        .ok_or_else(|| self.store_error("the bookmark was not added".into()))
    }

    /// Removes the bookmark `id`; `Ok(None)` when there is none (nothing is
    /// written then).
    pub fn remove(&mut self, id: &str) -> Result<Option<Bookmark>, Error> {
        self.change(|list| {
            let i = list.iter().position(|b| b.id == id)?;
            Some(list.remove(i))
        })
    }

    /// Replaces the note of bookmark `id`; `Ok(false)` when there is none.
    pub fn set_note(&mut self, id: &str, note: &str) -> Result<bool, Error> {
        let note = clean_note(note);
        self.change(|list| {
            let b = list.iter_mut().find(|b| b.id == id)?;
            b.note = note;
            b.updated = now();
            Some(())
        })
        .map(|r| r.is_some())
    }

    /// Finds every bookmark in `corpus` (see [`Anchorer`]). Bookmarks that
    /// moved are updated in memory at once and in the file with the next
    /// change. Returns one [`Anchor`] per bookmark, in the order of
    /// [`BookmarkStore::bookmarks`].
    pub fn anchor(&mut self, corpus: &Corpus) -> Vec<Anchor> {
        let anchorer = Anchorer::new(corpus);
        let anchors: Vec<Anchor> = self.bookmarks.iter().map(|b| anchorer.locate(b)).collect();
        for (b, a) in self.bookmarks.iter_mut().zip(&anchors) {
            if let Anchor::Moved {
                article_ix,
                passages,
                ..
            } = *a
            {
                let article = &corpus.articles[article_ix];
                let m = Moved {
                    article: article.id.clone(),
                    title: article.title.clone(),
                    passages,
                };
                apply_moved(b, &m);
                self.moved.insert(b.id.clone(), m);
            }
        }
        anchors
    }

    /// One change: lock, re-read, apply `f`, write, unlock. `f` returns
    /// `None` when it changed nothing; then nothing is written (but the
    /// fresh list is kept).
    fn change<R>(
        &mut self,
        f: impl FnOnce(&mut Vec<Bookmark>) -> Option<R>,
    ) -> Result<Option<R>, Error> {
        let _lock = self.lock()?;
        // Under the lock no other dossier writes, so this is the file that
        // is read (and, if nothing is written, the one last seen).
        self.seen = Stamp::of(&self.path);
        let mut file = match read_file(&self.path) {
            Ok(file) => file,
            Err(message) => {
                self.problem = Some(message.clone());
                self.protected = false;
                return Err(self.store_error(message));
            }
        };
        self.check_writable();
        if let Some(e) = self.error() {
            self.bookmarks = file.bookmarks;
            self.apply_moved_in_memory();
            return Err(e);
        }
        let moved = file
            .bookmarks
            .iter_mut()
            .filter_map(|b| self.moved.get(&b.id).map(|m| apply_moved(b, m)))
            .filter(|&changed| changed)
            .count();
        let result = f(&mut file.bookmarks);
        if result.is_some() || moved > 0 {
            file.version = FORMAT_VERSION;
            let mut bytes = serde_json::to_vec_pretty(&file).map_err(|e| {
                self.store_error(format!("could not be encoded ({e}); nothing was saved"))
            })?;
            bytes.push(b'\n');
            self.remove_stale_temp_files();
            write_atomic(&self.path, &bytes).map_err(|e| {
                self.store_error(format!(
                    "could not be saved ({e}); the change was not saved — check that the folder is writable and the disk is not full"
                ))
            })?;
            self.seen = Stamp::of(&self.path);
            self.moved.clear();
        }
        self.bookmarks = file.bookmarks;
        self.apply_moved_in_memory();
        Ok(result)
    }

    /// Takes the exclusive lock (released when the returned file is
    /// dropped, or when the process dies).
    fn lock(&self) -> Result<File, Error> {
        let lock_path = lock_path(&self.real_path());
        let fail = |what: &str, e: std::io::Error| {
            self.store_error(format!(
                "{what} {} ({e}); nothing was saved — check that the folder is writable",
                lock_path.display()
            ))
        };
        std::fs::create_dir_all(parent_dir(&lock_path))
            .map_err(|e| fail("cannot create the folder of", e))?;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&lock_path)
            .map_err(|e| fail("cannot open the lock file", e))?;
        file.lock().map_err(|e| fail("cannot lock", e))?;
        Ok(file)
    }

    /// Temporary files left by a writer killed mid-write. Only called
    /// under the lock, when no other writer can have one in progress.
    fn remove_stale_temp_files(&self) {
        let real = self.real_path();
        let Some(name) = real.file_name().and_then(|n| n.to_str()) else {
            return;
        };
        let start = format!(".{name}.tmp.");
        let Ok(entries) = std::fs::read_dir(parent_dir(&real)) else {
            return;
        };
        for e in entries.flatten() {
            if e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with(&start))
            {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }

    /// The file the bookmarks are written to: the target when the path
    /// is a symlink (see [`write_target`]). The lock and the temporary
    /// files sit beside it, so every writer of that file shares one lock,
    /// whichever link it was reached through.
    fn real_path(&self) -> PathBuf {
        write_target(&self.path).unwrap_or_else(|_| self.path.clone())
    }

    fn apply_moved_in_memory(&mut self) {
        for b in &mut self.bookmarks {
            if let Some(m) = self.moved.get(&b.id) {
                apply_moved(b, m);
            }
        }
    }

    fn store_error(&self, message: String) -> Error {
        Error::Store {
            path: self.path.clone(),
            message,
        }
    }
}

/// The sidecar lock file: `bookmarks.json.lock` beside `bookmarks.json`.
pub fn lock_path(path: &Path) -> PathBuf {
    let mut name = path
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "bookmarks".into());
    name.push(".lock");
    parent_dir(path).join(name)
}

/// Moves a bookmark to a re-anchored place; true when anything changed.
fn apply_moved(b: &mut Bookmark, m: &Moved) -> bool {
    let changed = b.article != m.article || b.passages != m.passages;
    if changed {
        b.article.clone_from(&m.article);
        b.title.clone_from(&m.title);
        b.passages = m.passages;
    }
    changed
}

/// Reads and checks the file. A missing file is an empty store; anything
/// else that is not a version-1 bookmarks file, an empty one included, is
/// an error message (without the path, which [`Error::Store`] adds).
fn read_file(path: &Path) -> Result<BookmarkFile, String> {
    const KEEP: &str =
        "dossier will not overwrite it, so bookmarks cannot be added or changed until then";
    let bytes = match crate::core::regular_file::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(BookmarkFile {
                version: FORMAT_VERSION,
                ..BookmarkFile::default()
            });
        }
        Err(e) => {
            return Err(format!(
                "cannot be read ({e}); check that it is a file you may read; {KEEP}"
            ));
        }
    };
    // Dossier never writes an empty file (even no bookmarks is a JSON
    // object), so one is what a truncation or a failed copy left: its
    // bookmarks may be in a backup, and writing over it would hide that.
    if bytes.iter().all(u8::is_ascii_whitespace) {
        let what = if bytes.is_empty() {
            "is empty (0 bytes)".to_string()
        } else {
            format!("holds only blank space ({} bytes)", bytes.len())
        };
        // Through a symlink, the file to remove is the target: removing
        // the link would split it from its synced copy.
        let real = write_target(path).unwrap_or_else(|_| path.to_path_buf());
        return Err(format!(
            "{what}, which dossier never writes: a file cut short looks like this; restore it from a backup if it held bookmarks, or remove it to start a new one (rm {}); {KEEP}",
            real.display()
        ));
    }
    let value: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
        format!("is not valid JSON ({e}); fix it or move it away (dossier then starts a new one); {KEEP}")
    })?;
    match value.get("version").map(|v| v.as_u64()) {
        Some(Some(FORMAT_VERSION)) => {}
        Some(Some(v)) if v > FORMAT_VERSION => {
            return Err(format!(
                "was written by a newer dossier (file format version {v}; this one knows version {FORMAT_VERSION}); use the newer dossier, or move the file away; {KEEP}"
            ));
        }
        _ => {
            return Err(format!(
                "is not a dossier bookmarks file (it needs \"version\": {FORMAT_VERSION} and a \"bookmarks\" list); fix it or move it away; {KEEP}"
            ));
        }
    }
    serde_json::from_value(value).map_err(|e| {
        format!("has a bookmark dossier cannot read ({e}); fix it or move the file away; {KEEP}")
    })
}

/// Why the existing file must not be replaced although the folder would
/// allow it: its owner may not write it (checked by the mode bits, so that
/// it holds for root too). `None` when it may be written or is missing.
fn not_writable(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let locked = std::os::unix::fs::PermissionsExt::mode(&meta.permissions()) & 0o200 == 0;
    #[cfg(not(unix))]
    let locked = meta.permissions().readonly();
    locked.then(|| {
        format!(
            "is write-protected (no u+w in its mode), so dossier will not replace it; to allow changes: chmod u+w {}",
            path.display()
        )
    })
}

/// Notes keep line breaks and tabs, never other control characters.
fn clean_note(note: &str) -> String {
    crate::core::text::sanitise(note).trim_end().to_string()
}

/// A new id: 8 hex digits from the time, the process id and a counter,
/// hashed with a per-process random key; `taken` rejects ids in use (the
/// caller holds the lock, so no other writer can take it meanwhile).
fn new_id(taken: impl Fn(&str) -> bool) -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    loop {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let seed = (
            nanos,
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
        );
        let id = format!("{:08x}", RandomState::new().hash_one(seed) as u32);
        if !taken(&id) {
            return id;
        }
    }
}

#[cfg(test)]
mod tests;
