//! Noticing that a corpus folder changed, cheaply and without a
//! file-watching service: a [`Snapshot`] is the size and modification
//! time of each article file (and `entities.toml`); comparing two gives
//! the files added, changed and removed.
//!
//! Meant for a running reader: take a snapshot after loading, take
//! another now and then (on a timer tick or a key, a few milliseconds for
//! thousands of files), and reload when [`Changes::is_empty`] is false.
//! Reading a folder never fails here: an unreadable folder is an empty
//! snapshot, so a folder that disappears shows as every file removed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::folder::stamped_files;

/// Size and modification time of each file of a folder that the loader
/// reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    files: BTreeMap<PathBuf, (u64, Option<SystemTime>)>,
}

/// The difference between two snapshots, each list sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files that are new.
    pub added: Vec<PathBuf>,
    /// Files whose size or modification time changed.
    pub changed: Vec<PathBuf>,
    /// Files that are gone.
    pub removed: Vec<PathBuf>,
}

impl Changes {
    /// True when nothing changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

impl FromIterator<(PathBuf, (u64, Option<SystemTime>))> for Snapshot {
    /// A snapshot of these files, each with its size and modification time
    /// (as kept in the index file).
    fn from_iter<I: IntoIterator<Item = (PathBuf, (u64, Option<SystemTime>))>>(files: I) -> Self {
        Snapshot::of(files)
    }
}

impl Snapshot {
    /// The article files of `dir` and its subfolders (as
    /// [`super::Corpus::load_dir`] would read them) and its `entities.toml`.
    pub fn take(dir: &Path) -> Snapshot {
        if !dir.is_dir() {
            return Snapshot::default();
        }
        // Metadata only (through a link, to what it points at): a FIFO or
        // device is never opened.
        Snapshot::of(stamped_files(dir))
    }

    /// A snapshot of these files, each with its size and modification
    /// time.
    pub(super) fn of(
        files: impl IntoIterator<Item = (PathBuf, (u64, Option<SystemTime>))>,
    ) -> Snapshot {
        Snapshot {
            files: files.into_iter().collect(),
        }
    }

    /// Each file with its size and modification time, by path.
    pub fn stamps(&self) -> impl Iterator<Item = (&Path, u64, Option<SystemTime>)> {
        self.files
            .iter()
            .map(|(p, (len, m))| (p.as_path(), *len, *m))
    }

    /// The size and modification time of `path`, when the snapshot has it.
    pub fn stamp(&self, path: &Path) -> Option<(u64, Option<SystemTime>)> {
        self.files.get(path).copied()
    }

    /// The total size of the files, in bytes.
    pub fn bytes(&self) -> u64 {
        self.files.values().map(|(len, _)| len).sum()
    }

    /// How many files the snapshot holds.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when it holds none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// A number that changes whenever a file is added, removed, resized or
    /// touched: the key of what the cache keeps for this folder.
    pub fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (path, (len, modified)) in &self.files {
            path.hash(&mut h);
            len.hash(&mut h);
            modified
                .and_then(|m| m.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map(|d| d.as_nanos())
                .hash(&mut h);
        }
        h.finish()
    }

    /// What changed from `self` to `newer`.
    pub fn changes(&self, newer: &Snapshot) -> Changes {
        let mut c = Changes::default();
        for (path, stamp) in &newer.files {
            match self.files.get(path) {
                None => c.added.push(path.clone()),
                Some(old) if old != stamp => c.changed.push(path.clone()),
                Some(_) => {}
            }
        }
        c.removed = self
            .files
            .keys()
            .filter(|p| !newer.files.contains_key(*p))
            .cloned()
            .collect();
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn added_changed_and_removed_files_are_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        let p = |n: &str| dir.path().join(n);
        std::fs::write(p("a.txt"), "A\n\none").unwrap();
        std::fs::write(p("b.md"), "B\n\ntwo").unwrap();
        std::fs::write(p("notes.json"), "{}").unwrap();
        let before = Snapshot::take(dir.path());
        assert_eq!(before.len(), 2);
        assert!(before.changes(&Snapshot::take(dir.path())).is_empty());

        std::fs::write(p("a.txt"), "A\n\none, and more").unwrap();
        std::fs::remove_file(p("b.md")).unwrap();
        std::fs::write(p("c.html"), "<p>new</p>").unwrap();
        std::fs::write(p("entities.toml"), "").unwrap();
        std::fs::write(p("other.json"), "{}").unwrap();
        let after = Snapshot::take(dir.path());
        let c = before.changes(&after);
        assert_eq!(c.added, [p("c.html"), p("entities.toml")]);
        assert_eq!(c.changed, [p("a.txt")]);
        assert_eq!(c.removed, [p("b.md")]);
        assert!(!c.is_empty());
        assert_ne!(before.fingerprint(), after.fingerprint());
        assert_eq!(
            after.fingerprint(),
            Snapshot::take(dir.path()).fingerprint()
        );
    }

    #[test]
    fn a_missing_folder_is_an_empty_snapshot() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.txt"), "A\n\none").unwrap();
        let before = Snapshot::take(dir.path());
        let gone = Snapshot::take(&dir.path().join("nope"));
        assert!(gone.is_empty());
        assert_eq!(before.changes(&gone).removed.len(), 1);
    }
}
