//! Startup time of the reader: from spawning `dossier` in an 80x24
//! pseudo-terminal to the first full frame on screen (the status bar, drawn
//! in the same write as the rest, on the last row), on the bundled corpus.
//! Goal: a median under 30 ms.
//!
//! Run with `cargo bench --bench startup`; `STARTUP_RUNS=50` changes the
//! number of runs (default 20). Prints the median, minimum and maximum.
//! Given a folder (`cargo bench --bench startup -- benches/data/1gb`), it
//! times the first frame on that folder instead: the list and the status
//! bar on screen.

#[path = "../tests/common/pty.rs"]
mod pty;

use std::time::Duration;

use pty::{Pty, TestEnv};

fn main() {
    let runs: usize = std::env::var("STARTUP_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
        .max(1);
    let folder = std::env::args()
        .skip(1)
        .find(|a| std::path::Path::new(a).is_dir());
    let args: Vec<&str> = match &folder {
        Some(f) => vec!["--corpus", f],
        None => Vec::new(),
    };
    let env = TestEnv::new();
    let mut times = Vec::with_capacity(runs);
    for i in 0..runs + 1 {
        let mut p = Pty::spawn(&env, &args, 80, 24);
        p.wait_for("the first full frame", Duration::from_secs(120), |s| {
            let c = s.contents();
            match folder {
                Some(_) => c.contains("Articles") && c.contains(" LIST "),
                None => c.contains("q quit") && c.contains("Nagorno-Karabakh"),
            }
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let t = p.started.elapsed();
        p.send("q");
        p.wait_exit(Duration::from_secs(10))
            .expect("dossier quits on q");
        // The first run warms the file cache and writes state.json; it is
        // not counted.
        if i > 0 {
            times.push(t);
        }
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let corpus = folder.unwrap_or_else(|| "bundled corpus".into());
    println!(
        "startup to first full frame (80x24, {corpus}, {runs} runs): median {:.1} ms, min {:.1} ms, max {:.1} ms",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
}
