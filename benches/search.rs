//! Criterion benchmarks of the search core on generated corpora (see
//! `benches/support/generate.rs`): building the index at 10 and 100 MB, and
//! single keystrokes (a prefix being typed, typos, several terms) at 10 and
//! 100 MB, each returning the top 50 passages with their match ranges.
//!
//! ```text
//! cargo bench --bench search
//! cargo bench --bench search -- 'keystroke/100mb'
//! ```
//!
//! `benches/keystrokes.rs` prints the per-keystroke summary (median and
//! worst over a whole query set) that the README quotes.

#[path = "support/generate.rs"]
mod generate;

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
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

criterion_group!(benches, build, keystroke);
criterion_main!(benches);
