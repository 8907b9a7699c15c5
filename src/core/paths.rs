//! Where dossier keeps its files: the per-user data and config folders of the
//! `directories` crate (`$XDG_DATA_HOME/dossier`, `$XDG_CONFIG_HOME/dossier`
//! on Linux), with environment overrides for tests and scripts.
//!
//! This module only computes paths; it creates nothing.

use std::path::PathBuf;

/// The folders dossier uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paths {
    /// Bookmarks, reading positions, search history.
    pub data_dir: PathBuf,
    /// `config.toml` (key map).
    pub config_dir: PathBuf,
}

impl Paths {
    /// The platform's folders for dossier. `DOSSIER_DATA_DIR` and
    /// `DOSSIER_CONFIG_DIR` override them; without a home folder, `.dossier`
    /// in the current folder is used.
    pub fn detect() -> Paths {
        let dirs = directories::ProjectDirs::from("", "", "dossier");
        let env = |k: &str| {
            std::env::var_os(k)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from)
        };
        let fallback = PathBuf::from(".dossier");
        Paths {
            data_dir: env("DOSSIER_DATA_DIR").unwrap_or_else(|| {
                dirs.as_ref()
                    .map_or(fallback.clone(), |d| d.data_dir().to_path_buf())
            }),
            config_dir: env("DOSSIER_CONFIG_DIR").unwrap_or_else(|| {
                dirs.as_ref()
                    .map_or(fallback.clone(), |d| d.config_dir().to_path_buf())
            }),
        }
    }

    /// The bookmarks file: `--bookmarks FILE`, else `DOSSIER_BOOKMARKS`, else
    /// `bookmarks.json` in the data folder.
    pub fn bookmarks_file(&self, flag: Option<&std::path::Path>) -> PathBuf {
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

    /// Reading positions per article: `state.json` in the data folder.
    pub fn state_file(&self) -> PathBuf {
        self.data_dir.join("state.json")
    }

    /// Search history: `history.json` in the data folder.
    pub fn history_file(&self) -> PathBuf {
        self.data_dir.join("history.json")
    }
}
