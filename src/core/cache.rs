//! What dossier keeps between runs in the cache folder
//! (`$XDG_CACHE_HOME/dossier/`): results that take long to compute from a
//! folder of articles and can always be computed again: the entity names
//! search expands to ([`EntitySynonyms`]), so that `dossier search` need
//! not discover the entities of the whole folder at every run, and the
//! folder read, parsed and indexed ([`index`]), so that the reader need
//! not read it again at every start.
//!
//! Each folder has a folder of its own here, named by a hash of the
//! folder's path. The synonyms file is used only when it was written by
//! this version of dossier, for this folder, from exactly the files the
//! folder holds now (their names, sizes and modification times:
//! [`Snapshot::fingerprint`]); anything else — stale, truncated, foreign,
//! unreadable — is ignored and written anew (the index file checks more:
//! see [`index`]).
//! Writes are atomic, so two processes never see half a file. Nothing here
//! may fail a command: a cache that cannot be read or written is skipped.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::core::atomic::write_atomic;
use crate::core::corpus::Snapshot;
use crate::core::regular_file;
use crate::core::search::EntitySynonyms;

mod body;
pub mod index;

/// Bumped whenever what is kept, or how it is computed, changes.
const FORMAT: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Kept {
    format: u32,
    version: String,
    folder: PathBuf,
    fingerprint: u64,
    synonyms: EntitySynonyms,
}

/// The cache of one folder of articles.
#[derive(Debug, Clone)]
pub struct FolderCache {
    file: PathBuf,
    folder: PathBuf,
    fingerprint: u64,
}

impl FolderCache {
    /// The cache for `folder` (whose files are as `snapshot` saw them),
    /// kept under `cache_dir`.
    pub fn new(cache_dir: &Path, folder: &Path, snapshot: &Snapshot) -> FolderCache {
        let folder = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        FolderCache {
            file: folder_dir(cache_dir, &folder).join("synonyms.json"),
            folder,
            fingerprint: snapshot.fingerprint(),
        }
    }

    /// The file it reads and writes.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// The kept synonyms, when they were computed from the folder as it
    /// is now by this version.
    pub fn synonyms(&self) -> Option<EntitySynonyms> {
        let text = regular_file::read_to_string(&self.file).ok()?;
        let kept: Kept = serde_json::from_str(&text).ok()?;
        (kept.format == FORMAT
            && kept.version == env!("CARGO_PKG_VERSION")
            && kept.folder == self.folder
            && kept.fingerprint == self.fingerprint)
            .then_some(kept.synonyms)
    }

    /// Keeps `synonyms` for the next run; a failure is returned for the
    /// caller to ignore or mention, never to stop on.
    pub fn keep(&self, synonyms: &EntitySynonyms) -> std::io::Result<()> {
        let kept = Kept {
            format: FORMAT,
            version: env!("CARGO_PKG_VERSION").to_string(),
            folder: self.folder.clone(),
            fingerprint: self.fingerprint,
            synonyms: synonyms.clone(),
        };
        let json = serde_json::to_vec(&kept).map_err(std::io::Error::other)?;
        if let Some(dir) = self.file.parent() {
            std::fs::create_dir_all(dir)?;
        }
        write_atomic(&self.file, &json)
    }
}

/// The folder under `cache_dir` that holds what is kept for the corpus
/// folder `canonical` (its path with links resolved).
fn folder_dir(cache_dir: &Path, canonical: &Path) -> PathBuf {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    cache_dir.join(format!("{:016x}", h.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::entity::catalogue;

    fn synonyms() -> EntitySynonyms {
        EntitySynonyms::from_catalogue(&catalogue::parse(
            "[[entity]]\nname = \"Ilham Aliyev\"\naliases = [\"Aliev\"]\n",
        ))
    }

    #[test]
    fn kept_synonyms_come_back_until_the_folder_changes() {
        let dir = tempfile::tempdir().unwrap();
        let (cache, folder) = (dir.path().join("cache"), dir.path().join("articles"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("a.txt"), "A\n\nAliev spoke.").unwrap();
        let c = FolderCache::new(&cache, &folder, &Snapshot::take(&folder));
        assert_eq!(c.synonyms(), None);
        c.keep(&synonyms()).unwrap();
        let again = FolderCache::new(&cache, &folder, &Snapshot::take(&folder));
        assert_eq!(again.synonyms(), Some(synonyms()));

        std::fs::write(folder.join("b.txt"), "B\n\nMore.").unwrap();
        let changed = FolderCache::new(&cache, &folder, &Snapshot::take(&folder));
        assert_eq!(changed.synonyms(), None, "a new file makes the cache stale");
    }

    #[test]
    fn a_truncated_or_foreign_file_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let (cache, folder) = (dir.path().join("cache"), dir.path().join("articles"));
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join("a.txt"), "A\n\ntext").unwrap();
        let c = FolderCache::new(&cache, &folder, &Snapshot::take(&folder));
        c.keep(&synonyms()).unwrap();
        let full = std::fs::read(c.file()).unwrap();
        std::fs::write(c.file(), &full[..full.len() / 2]).unwrap();
        assert_eq!(c.synonyms(), None);
        let foreign = String::from_utf8(full)
            .unwrap()
            .replace(&format!("\"format\":{FORMAT}"), "\"format\":999");
        std::fs::write(c.file(), foreign).unwrap();
        assert_eq!(c.synonyms(), None);
        std::fs::write(c.file(), b"\x00\xff binary").unwrap();
        assert_eq!(c.synonyms(), None);
        // And it is written anew.
        c.keep(&synonyms()).unwrap();
        assert_eq!(c.synonyms(), Some(synonyms()));
    }
}
