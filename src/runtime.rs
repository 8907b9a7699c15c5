//! Owns the terminal: setup, restore, the event loop (being written; see
//! issue 3).

use std::path::PathBuf;

/// Options for the reader, from the command line.
#[derive(Debug, Clone, Default)]
pub struct ReaderOptions {
    /// `--corpus DIR`.
    pub corpus: Option<PathBuf>,
    /// `--bookmarks FILE`.
    pub bookmarks: Option<PathBuf>,
}

/// Runs the reader; returns the process exit status.
pub fn run(_opts: ReaderOptions) -> i32 {
    eprintln!("dossier: the reader is not built yet; try `dossier list` or `dossier --help`");
    2
}
