//! Criterion benchmarks of the search core on generated corpora (see
//! `benches/support/generate.rs`): building the index at 10 and 100 MB, and
//! single keystrokes (a prefix being typed, typos, several terms) at 10 and
//! 100 MB, each returning the top 50 passages with their match ranges.
//!
//! `decode` reads a corpus folder (`benches/data/100mb`, or the folder in
//! `DOSSIER_CODEC_DIR`), builds both indexes, prints their encoded sizes
//! and the time to encode them, then measures decoding each, as the index
//! cache does at a warm start.
//!
//! ```text
//! cargo bench --bench search
//! cargo bench --bench search -- 'keystroke/100mb'
//! cargo bench --bench search -- decode
//! DOSSIER_CODEC_DIR=benches/data/1gb cargo bench --bench search -- decode
//! ```
//!
//! `benches/keystrokes.rs` prints the per-keystroke summary (median and
//! worst over a whole query set) that the README quotes.

#[path = "support/generate.rs"]
mod generate;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use dossier::core::Corpus;
use dossier::core::codec::{Reader, Writer};
use dossier::core::entity::EntityIndex;
use dossier::core::search::{Query, SearchIndex};

/// Keystrokes measured one by one.
const QUERIES: &[&str] = &[
    "l",
    "lach",
    "lachin c",
    "lachin corridor",
    "corirdor",
    "intremedairy",
    "russia armenia",
    "russian peacekeepers did not prevent",
    "\"lachin corridor\" hakari",
];

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10).measurement_time(Duration::from_secs(20));
    for mb in [10, 100] {
        let corpus = generate::corpus(mb * generate::MB, generate::SEED);
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}mb")),
            &corpus,
            |b, c| b.iter(|| SearchIndex::build(c)),
        );
    }
    g.finish();
}

fn keystroke(c: &mut Criterion) {
    for mb in [10, 100] {
        let corpus = generate::corpus(mb * generate::MB, generate::SEED);
        let index = SearchIndex::build(&corpus);
        let mut g = c.benchmark_group(format!("keystroke/{mb}mb"));
        g.sample_size(30).measurement_time(Duration::from_secs(3));
        for q in QUERIES {
            let query = Query::parse(q);
            g.bench_with_input(BenchmarkId::from_parameter(q), &query, |b, query| {
                b.iter(|| index.search(&corpus, query, 50))
            });
        }
        g.finish();
    }
}

/// Encoding and decoding both indexes of a corpus folder.
fn decode(c: &mut Criterion) {
    let dir = std::env::var_os("DOSSIER_CODEC_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data/100mb"));
    let Ok(corpus) = Corpus::load_dir(&dir) else {
        eprintln!(
            "decode: cannot read {}; write it first with `cargo bench --bench gen_corpus`",
            dir.display()
        );
        return;
    };
    let name = dir
        .file_name()
        .map_or("corpus".into(), |n| n.to_string_lossy());
    let search = SearchIndex::build(&corpus);
    let (entities, _) = EntityIndex::build(&corpus);
    let t = Instant::now();
    let mut w = Writer::new();
    search.encode(&mut w);
    let search_bytes = w.into_bytes();
    let search_encoded = t.elapsed();
    let t = Instant::now();
    let mut w = Writer::new();
    entities.encode(&mut w);
    let entity_bytes = w.into_bytes();
    let entities_encoded = t.elapsed();
    let mentions: usize = entities.entities().iter().map(|e| e.mentions).sum();
    eprintln!(
        "decode/{name}: {} articles, {:.1} MB of text, {} passages, {} words, {} mentions",
        corpus.articles.len(),
        corpus.text_bytes() as f64 / 1e6,
        search.passage_count(),
        search.vocabulary_len(),
        mentions,
    );
    eprintln!(
        "decode/{name}: search index {:.1} MB, encoded in {:.0} ms; entity index {:.1} MB, encoded in {:.0} ms",
        search_bytes.len() as f64 / 1e6,
        search_encoded.as_secs_f64() * 1e3,
        entity_bytes.len() as f64 / 1e6,
        entities_encoded.as_secs_f64() * 1e3,
    );
    drop((search, entities));
    let t = Instant::now();
    let decoded = SearchIndex::decode(&mut Reader::new(&search_bytes), &corpus);
    let search_decoded = t.elapsed();
    let t = Instant::now();
    let decoded_entities = EntityIndex::decode(&mut Reader::new(&entity_bytes), &corpus);
    let entities_decoded = t.elapsed();
    assert!(
        decoded.is_ok() && decoded_entities.is_ok(),
        "decoding failed"
    );
    drop((decoded, decoded_entities));
    eprintln!(
        "decode/{name}: decoded once in {:.0} ms (search) and {:.0} ms (entities)",
        search_decoded.as_secs_f64() * 1e3,
        entities_decoded.as_secs_f64() * 1e3,
    );
    let mut g = c.benchmark_group("decode");
    g.sample_size(10).measurement_time(Duration::from_secs(5));
    g.bench_function(format!("search/{name}"), |b| {
        b.iter_with_large_drop(|| SearchIndex::decode(&mut Reader::new(&search_bytes), &corpus))
    });
    g.bench_function(format!("entities/{name}"), |b| {
        b.iter_with_large_drop(|| EntityIndex::decode(&mut Reader::new(&entity_bytes), &corpus))
    });
    g.finish();
}

criterion_group!(benches, build, keystroke);
criterion_group!(codec, decode);
criterion_main!(benches, codec);
