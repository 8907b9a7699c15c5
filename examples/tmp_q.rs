fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let iters: usize = std::env::var("ITER")
        .map(|v| v.parse().unwrap())
        .unwrap_or(30);
    let c = dossier::core::Corpus::load_dir(std::path::Path::new(&dir)).unwrap();
    let idx = dossier::core::search::SearchIndex::build(&c);
    for q in std::env::args().skip(2) {
        let query = dossier::core::search::Query::parse(&q);
        let mut best = std::time::Duration::MAX;
        for _ in 0..iters {
            let t = std::time::Instant::now();
            std::hint::black_box(idx.search(&c, &query, 50));
            best = best.min(t.elapsed());
        }
        if iters > 0 {
            eprintln!("{q}: min {:?} count {}", best, idx.count(&query));
        }
    }
}
