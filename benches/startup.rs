//! Startup time of the reader: from spawning `dossier` in an 80x24
//! pseudo-terminal to the first full frame on screen (the status bar, drawn
//! in the same write as the rest, on the last row), on the bundled corpus.
//! Goal: a median under 30 ms.
//!
//! Run with `cargo bench --bench startup`; `STARTUP_RUNS=50` changes the
//! number of runs (default 20). Prints the median, minimum and maximum.
//! Given a folder (`cargo bench --bench startup -- benches/data/1gb`), it
//! times the first frame on that folder instead (the list and the status
//! bar on screen), then the first answer to a search (`/lachin`) from the
//! whole folder (not marked partial; its entity matches may be still to
//! come), then its entity index in (nothing partial on screen), and prints
//! the reader's peak memory by then (Linux), with the most resident memory
//! sampled in each phase (until the answer, until the entities, until the
//! index is written): where the peak comes from.
//!
//! With each time, the CPU time the reader had used by then (user and
//! system, all its threads): steadier than wall time on a shared machine,
//! where other jobs take the cores.
//!
//! The reader keeps the folder's index in its cache folder (a temporary
//! one here): the first, uncounted run writes it, so the runs timed are
//! warm starts. `STARTUP_COLD=1` deletes it before each run, timing cold
//! starts (which write it again after the answer). The size of the kept
//! index is printed. `STARTUP_CACHE=DIR` keeps the index in `DIR` (it is
//! never deleted there but by `STARTUP_COLD=1`), so that a second run of
//! the bench starts warm at once.

#[path = "../tests/common/pty.rs"]
mod pty;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use dossier::core::cache::index::IndexFile;
use dossier::core::corpus::LoadOptions;
use pty::{Pty, TestEnv};

fn main() {
    let runs: usize = std::env::var("STARTUP_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20)
        .max(1);
    // Absolute: the reader runs in a home folder of its own.
    let folder = std::env::args()
        .skip(1)
        .find_map(|a| std::fs::canonicalize(a).ok().filter(|p| p.is_dir()))
        .map(|p| p.display().to_string());
    let args: Vec<&str> = match &folder {
        Some(f) => vec!["--corpus", f],
        None => Vec::new(),
    };
    let env = TestEnv::new();
    let mut times = Vec::with_capacity(runs);
    let mut whole = Vec::with_capacity(runs);
    let mut peak = 0u64;
    let cold = std::env::var_os("STARTUP_COLD").is_some_and(|v| v == "1");
    let mut written = Vec::new();
    let mut entities_in = Vec::new();
    // The reader's CPU time by the answer, the entities, the index written.
    let mut cpu: [Vec<f64>; 3] = Default::default();
    // The most resident memory sampled until the answer, until the entity
    // index is in, and until the index cache is written (cold starts).
    let mut by_phase = [0u64; PHASES];
    // The peak once the entities are in (and the index written, cold).
    let mut peak_all = 0u64;
    // STARTUP_CACHE=DIR keeps the index in DIR across runs of the bench.
    let cache = std::env::var_os("STARTUP_CACHE")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| env.root().join("cache"));
    let cache_var = cache.to_string_lossy().into_owned();
    let vars = [("DOSSIER_CACHE_DIR", cache_var.as_str())];
    for i in 0..runs + 1 {
        if cold {
            let _ = std::fs::remove_dir_all(&cache);
        }
        let mut p = Pty::spawn_with(&env, &args, 80, 24, &vars);
        let rss = Sampler::start(p.pid());
        p.wait_for("the first full frame", Duration::from_secs(120), |s| {
            let c = s.contents();
            match folder {
                Some(_) => c.contains("Articles") && c.contains(" LIST "),
                None => c.contains("q quit") && c.contains("Nagorno-Karabakh"),
            }
        })
        .unwrap_or_else(|e| panic!("{e}"));
        let t = p.started.elapsed();
        if folder.is_some() {
            p.send("/lachin");
            // Whole for search: the entity matches may be still to come
            // ("entity matches to come", "entities partial").
            let answered = |c: &str| {
                c.contains(" passages ")
                    && !c.contains("searching")
                    && !c.contains("partial:")
                    && !c.contains("search and entities partial")
            };
            p.wait_for("a search answer", Duration::from_secs(300), |s| {
                let c = s.contents();
                answered(&c) || c.contains("reopen to search all")
            })
            .unwrap_or_else(|e| panic!("{e}"));
            // All was read while the bar was open: its answer is from the
            // first articles, so ask again, as the bar says.
            if !answered(&p.text()) {
                p.send("\x1b");
                p.wait_for("the search bar closed", Duration::from_secs(10), |s| {
                    !s.contents().contains("Enter go")
                })
                .unwrap_or_else(|e| panic!("{e}"));
                p.send("/lachin");
                p.wait_for("a search answer", Duration::from_secs(60), |s| {
                    answered(&s.contents())
                })
                .unwrap_or_else(|e| panic!("{e}"));
            }
            // Only the timed runs: the first may have built the index.
            if i > 0 {
                whole.push(p.started.elapsed());
                cpu[0].push(p.pid().and_then(cpu_seconds).unwrap_or(0.0));
                peak = peak.max(p.pid().and_then(peak_memory).unwrap_or(0));
            }
            rss.next_phase();
            p.wait_for("the entity index", Duration::from_secs(300), |s| {
                let c = s.contents();
                answered(&c) && !c.contains("entity matches to come") && !c.contains("partial")
            })
            .unwrap_or_else(|e| panic!("{e}"));
            if i > 0 {
                entities_in.push(p.started.elapsed());
                cpu[1].push(p.pid().and_then(cpu_seconds).unwrap_or(0.0));
            }
            rss.next_phase();
            if cold || i == 0 {
                // The index is written after the answer: wait for it (and
                // time it) before quitting, so that the next run is warm.
                // One left by another build (another format) is no better
                // than none: it must open as this build's.
                let deadline = std::time::Instant::now() + Duration::from_secs(600);
                let folder = std::path::Path::new(folder.as_deref().unwrap_or_default());
                let kept = IndexFile::new(&cache, folder, LoadOptions::default());
                while kept.open().is_err() {
                    assert!(
                        std::time::Instant::now() < deadline,
                        "the index cache was never written; the screen:\n{}",
                        p.text()
                    );
                    std::thread::sleep(Duration::from_millis(20));
                }
                if i > 0 {
                    written.push(p.started.elapsed());
                    cpu[2].push(p.pid().and_then(cpu_seconds).unwrap_or(0.0));
                }
            }
            if i > 0 {
                peak_all = peak_all.max(p.pid().and_then(peak_memory).unwrap_or(0));
            }
            p.send("\x1b");
            // Esc then q at once would read as Alt-q.
            p.wait_for("the search bar closed", Duration::from_secs(10), |s| {
                !s.contents().contains("Enter go")
            })
            .unwrap_or_else(|e| panic!("{e}"));
        }
        let phases = rss.stop();
        if i > 0 {
            for (most, now) in by_phase.iter_mut().zip(phases) {
                *most = (*most).max(now);
            }
        }
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
    if !whole.is_empty() {
        whole.sort();
        println!(
            "first search answer from the whole folder: median {:.1} ms, min {:.1} ms, max {:.1} ms; \
             peak memory of the reader by then {:.0} MB",
            ms(whole[whole.len() / 2]),
            ms(whole[0]),
            ms(whole[whole.len() - 1]),
            peak as f64 / 1e6
        );
    }
    if !entities_in.is_empty() {
        entities_in.sort();
        println!(
            "entity index in: median {:.1} ms after the start",
            ms(entities_in[entities_in.len() / 2])
        );
    }
    if !written.is_empty() {
        written.sort();
        println!(
            "index cache written (cold starts): median {:.1} ms after the start",
            ms(written[written.len() / 2])
        );
    }
    let medians: Vec<String> = cpu
        .iter_mut()
        .zip(["by the answer", "by the entities", "by the index written"])
        .filter(|(c, _)| !c.is_empty())
        .map(|(c, what)| {
            c.sort_by(f64::total_cmp);
            format!("{:.2} s {what}", c[c.len() / 2])
        })
        .collect();
    if !medians.is_empty() {
        println!(
            "CPU time of the reader (median, all threads): {}",
            medians.join(", ")
        );
    }
    if !whole.is_empty() {
        let mb = |b: u64| b as f64 / 1e6;
        println!(
            "peak memory of the reader over the start: {:.0} MB; the most resident memory \
             sampled until the answer {:.0} MB, until the entities {:.0} MB, after {:.0} MB",
            mb(peak_all),
            mb(by_phase[0]),
            mb(by_phase[1]),
            mb(by_phase[2])
        );
    }
    let kept = index_files(&cache);
    println!(
        "{} starts; index cache: {:.1} MB",
        if cold { "cold" } else { "warm" },
        kept as f64 / 1e6
    );
}

/// The total size of the `index.bin` files under `dir`.
fn index_files(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .map(|e| {
            let p = e.path();
            if p.is_dir() {
                index_files(&p)
            } else if p.file_name().is_some_and(|n| n == "index.bin") {
                e.metadata().map_or(0, |m| m.len())
            } else {
                0
            }
        })
        .sum()
}

/// The CPU time (user and system) process `pid` has used so far, in
/// seconds (Linux, in clock ticks of 10 ms), if known.
fn cpu_seconds(pid: u32) -> Option<f64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name (which may hold spaces).
    let rest = stat.rsplit_once(')')?.1;
    let mut f = rest.split_whitespace().skip(11);
    let user: f64 = f.next()?.parse().ok()?;
    let system: f64 = f.next()?.parse().ok()?;
    Some((user + system) / 100.0)
}

/// Peak resident memory of process `pid` in bytes (Linux), if known.
fn peak_memory(pid: u32) -> Option<u64> {
    status_kb(pid, "VmHWM:").map(|kb| kb * 1024)
}

/// A field of `/proc/PID/status` given in kB (Linux), if known.
fn status_kb(pid: u32, field: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Until the answer, until the entity index, until the index is written.
const PHASES: usize = 3;

/// Samples the reader's resident memory every few milliseconds on a
/// thread of its own, keeping the most seen in each phase of the start:
/// where the peak (`VmHWM`) comes from.
struct Sampler {
    phase: Arc<AtomicUsize>,
    most: Arc<[AtomicU64; PHASES]>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Sampler {
    fn start(pid: Option<u32>) -> Sampler {
        let phase = Arc::new(AtomicUsize::new(0));
        let most: Arc<[AtomicU64; PHASES]> = Arc::new(Default::default());
        let thread = pid.map(|pid| {
            let (phase, most) = (Arc::clone(&phase), Arc::clone(&most));
            std::thread::spawn(move || {
                loop {
                    let at = phase.load(Ordering::Acquire);
                    let Some(slot) = most.get(at) else { return };
                    let Some(kb) = status_kb(pid, "VmRSS:") else {
                        return;
                    };
                    slot.fetch_max(kb * 1024, Ordering::Relaxed);
                    std::thread::sleep(Duration::from_millis(5));
                }
            })
        });
        Sampler {
            phase,
            most,
            thread,
        }
    }

    fn next_phase(&self) {
        self.phase.fetch_add(1, Ordering::AcqRel);
    }

    /// Stops sampling; the most seen in each phase.
    fn stop(mut self) -> [u64; PHASES] {
        self.phase.store(PHASES, Ordering::Release);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        std::array::from_fn(|i| self.most[i].load(Ordering::Relaxed))
    }
}
