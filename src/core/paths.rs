//! Where dossier keeps its files: the per-user data, state and config
//! folders of the `directories` crate (`$XDG_DATA_HOME/dossier`,
//! `$XDG_STATE_HOME/dossier`, `$XDG_CONFIG_HOME/dossier`,
//! `$XDG_CACHE_HOME/dossier` on Linux), with
//! environment overrides for tests and scripts.
//!
//! This module computes paths and creates nothing, with one exception kept
//! apart: [`Paths::migrate_state`] moves reading state that an older
//! version kept in the data folder to the state folder.

use std::path::{Path, PathBuf};

/// The folders dossier uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Bookmarks: the user's work, worth backing up.
    pub data_dir: PathBuf,
    /// Reading positions, search history, note drafts: state that can be
    /// lost without losing work.
    pub state_dir: PathBuf,
    /// `config.toml` (key map and settings).
    pub config_dir: PathBuf,
    /// What can be computed again from the articles (the entity names
    /// search expands to): deleting it loses nothing.
    pub cache_dir: PathBuf,
}

/// The reading-state files that once lived in the data folder.
const STATE_FILES: [&str; 2] = ["state.json", "history.json"];

impl Paths {
    /// The platform's folders for dossier. `DOSSIER_DATA_DIR`,
    /// `DOSSIER_STATE_DIR`, `DOSSIER_CONFIG_DIR` and `DOSSIER_CACHE_DIR`
    /// override them; when only
    /// `DOSSIER_DATA_DIR` is given, the state goes there too (one folder
    /// for a script or a test). Platforms without a state folder (macOS,
    /// Windows) keep the state in the data folder. Without a home folder,
    /// `.dossier` in the current folder is used.
    pub fn detect() -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "dossier");
        let env = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let fallback = PathBuf::from(".dossier");
        let data_override = env("DOSSIER_DATA_DIR");
        let data_dir = data_override.clone().unwrap_or_else(|| {
            dirs.as_ref()
                .map_or(fallback.clone(), |d| d.data_dir().to_path_buf())
        });
        let state_dir = env("DOSSIER_STATE_DIR")
            .or(data_override)
            .or_else(|| {
                dirs.as_ref()
                    .and_then(|d| d.state_dir())
                    .map(Path::to_path_buf)
            })
            .unwrap_or_else(|| data_dir.clone());
        Paths {
            data_dir,
            state_dir,
            config_dir: env("DOSSIER_CONFIG_DIR").unwrap_or_else(|| {
                dirs.as_ref()
                    .map_or(fallback.clone(), |d| d.config_dir().to_path_buf())
            }),
            cache_dir: env("DOSSIER_CACHE_DIR").unwrap_or_else(|| {
                dirs.as_ref()
                    .map_or(fallback.join("cache"), |d| d.cache_dir().to_path_buf())
            }),
        }
    }

    /// The bookmarks file: `--bookmarks FILE`, else `DOSSIER_BOOKMARKS`, else
    /// `bookmarks.json` in the data folder.
    pub fn bookmarks_file(&self, flag: Option<&Path>) -> PathBuf {
        if let Some(f) = flag {
            return f.to_path_buf();
        }
        match std::env::var_os("DOSSIER_BOOKMARKS").filter(|v| !v.is_empty()) {
            Some(v) => PathBuf::from(v),
            None => self.data_dir.join("bookmarks.json"),
        }
    }

    /// The key map and settings: `config.toml` in the config folder.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// Reading positions per article: `state.json` in the state folder.
    pub fn state_file(&self) -> PathBuf {
        self.state_dir.join(STATE_FILES[0])
    }

    /// Search history: `history.json` in the state folder.
    pub fn history_file(&self) -> PathBuf {
        self.state_dir.join(STATE_FILES[1])
    }

    /// The note being typed: `draft.json` in the state folder.
    pub fn draft_file(&self) -> PathBuf {
        self.state_dir.join("draft.json")
    }

    /// Moves `state.json` and `history.json` from the data folder, where
    /// versions before the state folder kept them, into the state folder,
    /// unless a file of that name is already there (then the old one is
    /// left alone: nothing is overwritten). Returns one line per file moved
    /// or left, for the user; an error names the file and keeps it where
    /// it was.
    pub fn migrate_state(&self) -> Vec<String> {
        let mut said = Vec::new();
        if self.state_dir == self.data_dir {
            return said;
        }
        for name in STATE_FILES {
            let old = self.data_dir.join(name);
            let new = self.state_dir.join(name);
            if !old.is_file() {
                continue;
            }
            if new.exists() {
                said.push(format!(
                    "{} is no longer read ({} is used); delete it when you like",
                    old.display(),
                    new.display()
                ));
                continue;
            }
            let moved =
                std::fs::create_dir_all(&self.state_dir).and_then(|()| move_file(&old, &new));
            match moved {
                Ok(()) => said.push(format!("moved {} to {}", old.display(), new.display())),
                Err(e) => said.push(format!(
                    "could not move {} to {} ({e}); it stays where it is",
                    old.display(),
                    new.display()
                )),
            }
        }
        said
    }
}

/// Moves `old` to `new`. A symlink moves as a link to the same file, its
/// target made absolute (a relative link would point elsewhere from its new
/// folder, and copying it would split it from its target); a file is
/// renamed, or copied and removed across file systems.
fn move_file(old: &Path, new: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    if std::fs::symlink_metadata(old)?.file_type().is_symlink() {
        let target = std::path::absolute(crate::core::atomic::write_target(old)?)?;
        std::os::unix::fs::symlink(&target, new)?;
        return std::fs::remove_file(old);
    }
    std::fs::rename(old, new).or_else(|_| copy_then_remove(old, new))
}

/// A move across file systems, where `rename` cannot: copy, then remove
/// the original only once the copy is whole.
fn copy_then_remove(old: &Path, new: &Path) -> std::io::Result<()> {
    std::fs::copy(old, new)?;
    std::fs::remove_file(old)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(root: &Path) -> Paths {
        Paths {
            data_dir: root.join("data"),
            state_dir: root.join("state"),
            config_dir: root.join("config"),
            cache_dir: root.join("cache"),
        }
    }

    #[test]
    fn state_files_move_from_the_data_folder_once() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        std::fs::create_dir_all(&p.data_dir).unwrap();
        std::fs::write(p.data_dir.join("state.json"), "{\"old\":1}").unwrap();
        std::fs::write(p.data_dir.join("bookmarks.json"), "[]").unwrap();
        let said = p.migrate_state();
        assert_eq!(said.len(), 1, "{said:?}");
        assert!(said[0].starts_with("moved "), "{said:?}");
        assert_eq!(
            std::fs::read_to_string(p.state_file()).unwrap(),
            "{\"old\":1}"
        );
        assert!(!p.data_dir.join("state.json").exists());
        // Bookmarks are data: they stay.
        assert!(p.data_dir.join("bookmarks.json").is_file());
        // A second start has nothing to move.
        assert!(p.migrate_state().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_state_file_moves_as_a_link_to_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        let synced = dir.path().join("synced");
        std::fs::create_dir_all(&synced).unwrap();
        std::fs::create_dir_all(&p.data_dir).unwrap();
        std::fs::write(synced.join("state.json"), "{\"old\":1}").unwrap();
        std::os::unix::fs::symlink("../synced/state.json", p.data_dir.join("state.json")).unwrap();
        let said = p.migrate_state();
        assert!(said[0].starts_with("moved "), "{said:?}");
        let link = p.state_file();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&link).unwrap(), "{\"old\":1}");
        assert!(!p.data_dir.join("state.json").exists());
    }

    #[test]
    fn a_newer_state_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let p = paths(dir.path());
        std::fs::create_dir_all(&p.data_dir).unwrap();
        std::fs::create_dir_all(&p.state_dir).unwrap();
        std::fs::write(p.data_dir.join("history.json"), "old").unwrap();
        std::fs::write(p.history_file(), "new").unwrap();
        let said = p.migrate_state();
        assert!(said[0].contains("no longer read"), "{said:?}");
        assert_eq!(std::fs::read_to_string(p.history_file()).unwrap(), "new");
        assert_eq!(
            std::fs::read_to_string(p.data_dir.join("history.json")).unwrap(),
            "old"
        );
    }

    #[test]
    fn one_folder_for_data_and_state_moves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut p = paths(dir.path());
        p.state_dir = p.data_dir.clone();
        std::fs::create_dir_all(&p.data_dir).unwrap();
        std::fs::write(p.state_file(), "{}").unwrap();
        assert!(p.migrate_state().is_empty());
        assert!(p.state_file().is_file());
    }
}
