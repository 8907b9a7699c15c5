//! The one error type of dossier. Every message says what went wrong, names
//! the file or argument concerned, and tells the user what to do next.
//!
//! Errors are values, never panics; the CLI prints them and exits with
//! [`Error::exit_code`].

use std::path::PathBuf;

/// Everything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// The `--corpus` folder does not exist or cannot be opened.
    CorpusMissing {
        /// The folder given.
        path: PathBuf,
        /// Why it could not be opened.
        reason: String,
    },
    /// The `--corpus` path is a file, not a folder.
    CorpusNotDir(PathBuf),
    /// The folder holds no readable article.
    CorpusEmpty {
        /// The folder given.
        path: PathBuf,
        /// How many files were skipped (with warnings).
        skipped: usize,
    },
    /// No article has this id.
    UnknownArticle {
        /// The id asked for.
        id: String,
        /// The ids that exist.
        known: Vec<String>,
    },
    /// A command-line value that does not parse.
    BadArgument(String),
    /// A file dossier keeps (bookmarks, state, history, config) cannot be
    /// used; it has been left as it is.
    Store {
        /// The file.
        path: PathBuf,
        /// What is wrong and what to do.
        message: String,
    },
    /// An I/O error while writing output or a file.
    Io(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::CorpusMissing { path, reason } => write!(
                f,
                "cannot open the corpus folder {}: {reason}; check the path, or leave out --corpus to read the bundled articles",
                path.display()
            ),
            Error::CorpusNotDir(p) => write!(
                f,
                "{} is a file, not a folder: --corpus takes a folder of .txt or .md articles",
                p.display()
            ),
            Error::CorpusEmpty { path, skipped } => {
                write!(f, "no articles to read in {}: ", path.display())?;
                if *skipped > 0 {
                    write!(
                        f,
                        "all {skipped} article files were skipped (see the warnings above)"
                    )
                } else {
                    write!(
                        f,
                        "put .txt or .md files there (or in subfolders), one article per file"
                    )
                }
            }
            Error::UnknownArticle { id, known } => write!(
                f,
                "no article has the id '{id}'; the ids are: {} (see `dossier list`)",
                known.join(", ")
            ),
            Error::BadArgument(m) => write!(f, "{m}"),
            Error::Store { path, message } => write!(f, "{}: {message}", path.display()),
            Error::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl Error {
    /// The process exit status for this error: always 2 (1 is kept for
    /// "nothing found").
    pub fn exit_code(&self) -> i32 {
        2
    }
}
