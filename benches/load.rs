//! Load and index a corpus folder from disk, as the reader does at start:
//! prints the time to load, the time to build the full index, and the
//! process's peak memory against the size of the files. Then, for where
//! the memory goes: what the articles hold (text, passages),
//! and the entity index built after (the reader builds it beside the
//! search index), with the peak again. Times are wall clock, with the
//! process's CPU time beside them (steadier on a busy machine).
//!
//! ```text
//! cargo bench --bench gen_corpus -- 100     # once
//! cargo bench --bench load                            # benches/data/100mb
//! cargo bench --bench load -- benches/data/10mb
//! cargo bench --bench load -- benches/data/1gb   # after gen_corpus -- 1gb
//! ```
//!
//! Goal: 100 MB in at most 1.5 s, with peak memory at most 3× the files.
//!
//! `--runs=N` builds the entity index N times and prints the median and
//! the fastest (a shared machine's noise mostly slows runs down).
//!
//! `--dump=FILE` also writes the whole entity index to FILE as text (every
//! entity, every mention of each, every article's mentions in order) and
//! prints a hash of it: two builds that give the same hash built the same
//! index (`--dump=-` prints the hash only).
//!
//! `--search-hash` prints the xxh3 hash of the encoded search index (what
//! the index file holds): two builds with the same hash built the same
//! index, every word, posting, skip and passage. It stops there (no
//! entity index), so a profile of the run is the load and the search index.

#[path = "support/folder.rs"]
mod folder;

use std::path::Path;
use std::time::Instant;

use dossier::core::entity::{EntityIndex, Mention};
use dossier::core::search::SearchIndex;
use dossier::core::{Corpus, Passage};

/// Peak resident memory of this process in bytes (Linux), if known.
fn peak_memory() -> Option<u64> {
    status_bytes("VmHWM:")
}

/// Resident memory of this process now, in bytes (Linux), if known.
fn resident_memory() -> Option<u64> {
    status_bytes("VmRSS:")
}

fn status_bytes(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// CPU time (user + system) this process has used so far, in seconds
/// (Linux, in clock ticks of 10 ms), if known.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name (which may hold spaces).
    let rest = stat.rsplit_once(')')?.1;
    let mut f = rest.split_whitespace().skip(11);
    let user: f64 = f.next()?.parse().ok()?;
    let system: f64 = f.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

/// The size of the files the loader reads, subfolders included.
fn folder_bytes(dir: &Path) -> u64 {
    dossier::core::corpus::Snapshot::take(dir).bytes()
}

fn main() {
    let dir = folder::folder_arg("load");
    let bytes = folder_bytes(&dir);
    let cpu = || cpu_seconds().unwrap_or(0.0);
    let (t, c) = (Instant::now(), cpu());
    let corpus = match Corpus::load_dir(&dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let (loaded, loaded_cpu) = (t.elapsed(), cpu() - c);
    let after_load = resident_memory();
    let (t, c) = (Instant::now(), cpu());
    let index = SearchIndex::build(&corpus);
    let (indexed, indexed_cpu) = (t.elapsed(), cpu() - c);
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
    println!("CPU time: load {loaded_cpu:.2} s + index {indexed_cpu:.2} s");
    if std::env::args().any(|a| a == "--search-hash") {
        let mut w = dossier::core::codec::Writer::new();
        index.encode(&mut w);
        let bytes = w.into_bytes();
        println!(
            "search index encoded: {} bytes, xxh3 {:016x}",
            bytes.len(),
            xxhash_rust::xxh3::xxh3_64(&bytes)
        );
        return;
    }
    let peak = |what: &str| match peak_memory() {
        Some(p) => println!(
            "peak memory {what}{:.1} MB = {:.2}x the files",
            mb(p),
            p as f64 / bytes.max(1) as f64
        ),
        None => println!("peak memory: not available on this system"),
    };
    peak("");
    articles_memory(&corpus, after_load);
    if let Some(r) = resident_memory() {
        println!("resident with the search index {:.1} MB", mb(r));
    }
    let runs: usize = std::env::args()
        .find_map(|a| a.strip_prefix("--runs=").and_then(|n| n.parse().ok()))
        .unwrap_or(1);
    let mut times = Vec::new();
    let mut entities = None;
    for _ in 0..runs.max(1) {
        // The index of the run before is dropped first, as a reader's would be.
        drop(entities.take());
        let (t, c) = (Instant::now(), cpu());
        let (built, _) = EntityIndex::build(&corpus);
        let (wall, used) = (t.elapsed(), cpu() - c);
        let mentions: usize = built
            .entities()
            .iter()
            .map(|e| built.mentions(e.id).len())
            .sum();
        println!(
            "entity index {wall:.2?} (CPU {used:.2} s): {} entities, {mentions} mentions",
            built.entities().len(),
        );
        times.push((wall, used));
        entities = Some(built);
    }
    let Some(entities) = entities else { return };
    if runs > 1 {
        let mut walls: Vec<_> = times.iter().map(|t| t.0).collect();
        let mut cpus: Vec<f64> = times.iter().map(|t| t.1).collect();
        walls.sort();
        cpus.sort_by(f64::total_cmp);
        println!(
            "entity index over {runs} runs: median {:.2?} (CPU {:.2} s), fastest {:.2?} (CPU {:.2} s)",
            walls[runs / 2],
            cpus[runs / 2],
            walls[0],
            cpus[0]
        );
    }
    peak("with the entity index too ");
    if let Some(to) = std::env::args().find_map(|a| a.strip_prefix("--dump=").map(String::from)) {
        dump(&entities, corpus.articles.len(), &to);
    }
}

/// Writes the whole entity index as text to `to` (none for `-`) and prints
/// the xxh3 hash of that text.
fn dump(index: &EntityIndex, articles: usize, to: &str) {
    use std::fmt::Write as _;
    use std::io::Write as _;
    let mut file = (to != "-").then(|| {
        std::io::BufWriter::new(std::fs::File::create(to).unwrap_or_else(|e| {
            eprintln!("load: cannot write {to}: {e}");
            std::process::exit(2);
        }))
    });
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut lines = 0usize;
    let mut line = String::new();
    let mut emit = |line: &str| {
        hasher.update(line.as_bytes());
        lines += 1;
        if let Some(f) = &mut file
            && let Err(e) = f.write_all(line.as_bytes())
        {
            eprintln!("load: cannot write {to}: {e}");
            std::process::exit(2);
        }
    };
    let mention = |line: &mut String, m: &Mention| {
        let r = m.range();
        let _ = writeln!(
            line,
            "  {} {} {} {} {}..{}{}",
            m.entity().index(),
            m.article(),
            m.field().as_str(),
            m.passage(),
            r.start,
            r.end,
            if m.is_nested() { " nested" } else { "" }
        );
    };
    for e in index.entities() {
        line.clear();
        let _ = writeln!(
            line,
            "entity {} {:?} {} aliases={:?} discovered={} mentions={} articles={} in={:?}",
            e.id.index(),
            e.name,
            e.kind,
            e.aliases,
            e.discovered,
            e.mentions,
            e.articles,
            index.articles_of(e.id).collect::<Vec<_>>()
        );
        emit(&line);
        for m in index.mentions(e.id) {
            line.clear();
            mention(&mut line, m);
            emit(&line);
        }
    }
    for a in 0..articles {
        line.clear();
        let _ = writeln!(line, "article {a}");
        emit(&line);
        for m in index.article_mentions(a) {
            line.clear();
            mention(&mut line, m);
            emit(&line);
        }
    }
    if let Some(f) = &mut file
        && let Err(e) = f.flush()
    {
        eprintln!("load: cannot write {to}: {e}");
        std::process::exit(2);
    }
    println!(
        "entity index dump: {lines} lines, xxh3 {:016x}",
        hasher.digest()
    );
}

/// What the loaded articles hold, by part, in MB: the text and the
/// passage table; and the resident memory once loaded.
fn articles_memory(corpus: &Corpus, resident: Option<u64>) {
    let mb = |b: usize| b as f64 / 1e6;
    let a = &corpus.articles;
    let text: usize = a.iter().map(|a| a.text.len()).sum();
    let passages: usize = a.iter().map(|a| a.passages.capacity()).sum();
    println!(
        "articles: text {:.1} MB, {} passages {:.1} MB; \
         resident once loaded {}",
        mb(text),
        passages,
        mb(passages * std::mem::size_of::<Passage>()),
        resident.map_or("unknown".into(), |r| format!("{:.1} MB", mb(r as usize))),
    );
}
