//! What the bookmark tests share: running the real `dossier` binary with its
//! data, config and bookmarks in a temporary folder, never the user's.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_dossier");

/// A temporary home for one test.
pub struct Env {
    pub dir: tempfile::TempDir,
}

/// What a run printed and how it ended.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

impl From<Output> for Run {
    fn from(o: Output) -> Run {
        Run {
            code: o.status.code().unwrap_or(-1),
            out: String::from_utf8_lossy(&o.stdout).into_owned(),
            err: String::from_utf8_lossy(&o.stderr).into_owned(),
        }
    }
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// The default bookmarks file: `bookmarks.json` in the data folder.
    pub fn file(&self) -> PathBuf {
        self.dir.path().join("data/bookmarks.json")
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// `dossier ARGS` with the temporary folders.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .env("XDG_DATA_HOME", self.dir.path().join("xdg-data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("xdg-config"))
            .env("XDG_CACHE_HOME", self.dir.path().join("xdg-cache"))
            .env("DOSSIER_DATA_DIR", self.dir.path().join("data"))
            .env("DOSSIER_CONFIG_DIR", self.dir.path().join("config"))
            .env_remove("DOSSIER_BOOKMARKS");
        c
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.cmd(args).output().unwrap().into()
    }

    /// `bookmarks add SPEC --note NOTE`, which must succeed; the new id.
    pub fn add(&self, extra: &[&str], spec: &str, note: &str) -> String {
        let mut args = extra.to_vec();
        args.extend(["bookmarks", "add", spec, "--note", note]);
        let r = self.run(&args);
        assert_eq!(r.code, 0, "{r:?}");
        let id = r.out.trim().to_string();
        assert_eq!(id.len(), 8, "{r:?}");
        id
    }
}

/// The bookmarks file, parsed; panics with the file's text when it is not
/// a valid version-1 file.
pub fn read_file(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let v: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}: {text}"));
    assert_eq!(v["version"], 1, "{text}");
    assert!(v["bookmarks"].is_array(), "{text}");
    v
}

/// The ids in a bookmarks file.
pub fn ids(v: &serde_json::Value) -> Vec<String> {
    v["bookmarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_string())
        .collect()
}
