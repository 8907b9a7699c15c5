//! The folder a bench reads: its first argument that is not an option,
//! or the generated 100 MB folder; one that does not exist ends the bench
//! with a word on how to write it.

use std::path::{Path, PathBuf};

/// The folder `bench` is to read, or the process ends (code 2).
pub fn folder_arg(bench: &str) -> PathBuf {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/100mb"));
    if !dir.is_dir() {
        eprintln!(
            "{bench}: {} does not exist; write it first with `cargo bench --bench gen_corpus`",
            dir.display()
        );
        std::process::exit(2);
    }
    dir
}
