//! Load and index a corpus folder from disk, as the reader does at start:
//! prints the time to load, the time to build the full index, and the
//! process's peak memory against the size of the files.
//!
//! ```text
//! cargo bench --bench gen_corpus -- 100     # once
//! cargo bench --bench load                            # benches/data/100mb
//! cargo bench --bench load -- benches/data/10mb
//! cargo bench --bench load -- benches/data/1gb   # after gen_corpus -- 1gb
//! ```
//!
//! Goal: 100 MB in at most 1.5 s, with peak memory at most 3× the files.

use std::path::{Path, PathBuf};
use std::time::Instant;

use dossier::core::Corpus;
use dossier::core::search::SearchIndex;

/// Peak resident memory of this process in bytes (Linux), if known.
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// The size of the files the loader reads, subfolders included.
fn folder_bytes(dir: &Path) -> u64 {
    dossier::core::corpus::Snapshot::take(dir).bytes()
}

fn main() {
    let dir = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/100mb"));
    if !dir.is_dir() {
        eprintln!(
            "load: {} does not exist; write it first with `cargo bench --bench gen_corpus`",
            dir.display()
        );
        std::process::exit(2);
    }
    let bytes = folder_bytes(&dir);
    let t = Instant::now();
    let corpus = match Corpus::load_dir(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let loaded = t.elapsed();
    let t = Instant::now();
    let index = SearchIndex::build(&corpus);
    let indexed = t.elapsed();
    let mb = |b: u64| b as f64 / 1e6;
    println!(
        "{}: {:.1} MB in {} files, {} passages, {} words in the vocabulary",
        dir.display(),
        mb(bytes),
        corpus.articles.len(),
        index.passage_count(),
        index.vocabulary_len()
    );
    println!(
        "load {:.2?} + index {:.2?} = {:.2?}; postings {:.1} MB",
        loaded,
        indexed,
        loaded + indexed,
        mb(index.postings_bytes() as u64)
    );
    match peak_memory() {
        Some(p) => println!(
            "peak memory {:.1} MB = {:.2}x the files",
            mb(p),
            p as f64 / bytes.max(1) as f64
        ),
        None => println!("peak memory: not available on this system"),
    }
}
