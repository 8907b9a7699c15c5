//! Speed of the entity index on a large corpus.
//!
//! The corpus is made in memory, deterministically, from the bundled one:
//! about 8,000 articles of about 12.5 KB each (100 MB of text), every one a
//! shuffle of bundled paragraphs picked by a seeded generator. Nothing is
//! written to disk.
//!
//! * `entities/build_100mb`: `EntityIndex::build` over that corpus:
//!   discovery and the mention index (goal: under 2 s). Articles are already parsed and folded, as after loading.
//! * `entities/discover_scan`: discovery's first pass alone (the runs of
//!   capitalised words counted over every article, on one thread, no
//!   catalogue mentions left out), and `entities/discover_finish`: what
//!   follows it on one core (the names kept and typed, and their plan):
//!   `DOSSIER_BENCH_MB=10 cargo bench --bench entities -- discover`.
//! * `entities/next_mention`: one `n` (next mention) for a rare and a common
//!   entity from a position in the middle of the corpus (goal: under 1 ms).
//!
//! Run: `cargo bench --bench entities -- --measurement-time 5`; set
//! `DOSSIER_BENCH_MB=10` for a 10 MB corpus (the benchmark keeps its name),
//! which is what to run routinely on a shared machine.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use dossier::core::corpus::{Article, Corpus, Origin};
use dossier::core::entity::discover::{self, Candidates};
use dossier::core::entity::{EntityIndex, Position};

/// Bytes of text wanted in all: 100 MB, or `DOSSIER_BENCH_MB` megabytes.
fn target_bytes() -> usize {
    std::env::var("DOSSIER_BENCH_MB")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map_or(100_000_000, |mb| mb * 1_000_000)
}
/// Bytes of body per generated article (the bundled ones have 7-20 KB).
const ARTICLE_BYTES: usize = 12_500;

/// xorshift64*: small, seeded, good enough to shuffle paragraphs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// About 100 MB of articles made from the bundled paragraphs.
fn big_corpus() -> Corpus {
    let bundled = Corpus::bundled();
    let paragraphs: Vec<&str> = bundled
        .articles
        .iter()
        .flat_map(|a| a.passages.iter().map(|p| a.passage_text(p)))
        .collect();
    let titles: Vec<&str> = bundled.articles.iter().map(|a| a.title.as_str()).collect();
    let mut rng = Rng(0x5eed_d055_1e55);
    let mut articles = Vec::new();
    let mut total = 0;
    let target = target_bytes();
    while total < target {
        let n = articles.len();
        let mut raw = format!(
            "---\nid: generated-{n}\ntitle: {}\nauthor: Generated Author\n---\n",
            titles[rng.below(titles.len())]
        );
        let mut body = 0;
        while body < ARTICLE_BYTES {
            let p = paragraphs[rng.below(paragraphs.len())];
            raw.push('\n');
            raw.push_str(p);
            raw.push('\n');
            body += p.len() + 2;
        }
        if let Some(a) = Article::parse(&format!("{n:05}.txt"), &raw, None) {
            total += a.text.len();
            articles.push(a);
        }
    }
    Corpus {
        articles,
        warnings: Vec::new(),
        origin: Origin::Bundled,
        entities_toml: bundled.entities_toml.clone(),
        content_hashes: Default::default(),
    }
}

fn benches(c: &mut Criterion) {
    let corpus = big_corpus();
    let (index, _) = EntityIndex::build(&corpus);
    let mentions: usize = index.entities().iter().map(|e| e.mentions).sum();
    eprintln!(
        "corpus: {} articles, {:.1} MB of text; index: {} entities, {} mentions",
        corpus.articles.len(),
        corpus.text_bytes() as f64 / 1e6,
        index.entities().len(),
        mentions
    );

    let mut g = c.benchmark_group("entities");
    g.sample_size(10);
    g.bench_function("build_100mb", |b| {
        b.iter(|| black_box(EntityIndex::build(black_box(&corpus))))
    });
    let scan = |corpus: &Corpus| {
        let mut counted = Candidates::default();
        for a in &corpus.articles {
            discover::scan_article(a, &[], &mut counted);
        }
        counted
    };
    g.bench_function("discover_scan", |b| {
        b.iter(|| black_box(scan(black_box(&corpus))))
    });
    let counted = scan(&corpus);
    g.bench_function("discover_finish", |b| {
        b.iter_batched(
            || counted.clone(),
            |counted| discover::plan(counted.finish(|_| false), |_| false),
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let mut g = c.benchmark_group("entities");
    g.measurement_time(Duration::from_secs(2));
    let middle = Position::body(corpus.articles.len() / 2, 5_000);
    for name in ["Sergei Lavrov", "Russia"] {
        let id = index.lookup(name).expect("bundled entity");
        g.bench_function(format!("next_mention/{name}"), |b| {
            b.iter(|| black_box(index.next_mention(id, black_box(middle))))
        });
        g.bench_function(format!("prev_mention/{name}"), |b| {
            b.iter(|| black_box(index.prev_mention(id, black_box(middle))))
        });
    }
    g.finish();
}

criterion_group!(entity_benches, benches);
criterion_main!(entity_benches);
