//! Writes the benchmark corpora: `benches/data/1mb`, `10mb` and `100mb`
//! (folders of generated articles, see `benches/support/generate.rs`), and
//! next to each a `.lines` file with one passage per line for comparing with
//! line-based tools such as `fzf --filter`.
//!
//! ```text
//! cargo bench --bench gen_corpus             # 1, 10 and 100 MB
//! cargo bench --bench gen_corpus -- 10       # only 10 MB
//! cargo bench --bench gen_corpus -- 1gb      # benches/data/1gb (and 100mb if missing)
//! ```
//!
//! The 1 GB set is made only when asked for (CI never does): the 100 MB
//! set repeated into ten subfolders, `1gb/part-00` to `part-09`, each copy's
//! ids prefixed with its part (`p03-gen-00001`) so that they stay unique
//! without renaming. It has no `.lines` file.
//!
//! The output is the same on every run; `benches/data` is ignored by git.

#[path = "support/generate.rs"]
mod generate;

use std::io::Write;
use std::path::Path;

fn main() {
    let one_gb = std::env::args().any(|a| a == "1gb");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data");
    let mut sizes = generate::sizes_from_args(&[1, 10, 100]);
    if one_gb && !std::env::args().skip(1).any(|a| a.parse::<usize>().is_ok()) {
        // Only the 1 GB set asked for: the 100 MB one is made if missing.
        sizes = if root.join("100mb").is_dir() {
            Vec::new()
        } else {
            vec![100]
        };
    }
    for mb in sizes {
        let dir = root.join(format!("{mb}mb"));
        let _ = std::fs::remove_dir_all(&dir);
        let files = match generate::write_corpus(&dir, mb * generate::MB, generate::SEED) {
            Ok(n) => n,
            Err(e) => {
                eprintln!("gen_corpus: cannot write {}: {e}", dir.display());
                std::process::exit(2);
            }
        };
        let lines = root.join(format!("{mb}mb.lines"));
        if let Err(e) = write_lines(&dir, &lines) {
            eprintln!("gen_corpus: cannot write {}: {e}", lines.display());
            std::process::exit(2);
        }
        println!("{}: {files} articles; {}", dir.display(), lines.display());
    }
    if one_gb {
        let dir = root.join("1gb");
        match repeat_into_parts(&root.join("100mb"), &dir, 10) {
            Ok(files) => println!("{}: {files} articles", dir.display()),
            Err(e) => {
                eprintln!("gen_corpus: cannot write {}: {e}", dir.display());
                std::process::exit(2);
            }
        }
    }
}

/// Copies the articles of `from` into `parts` subfolders of `to`
/// (replaced), each copy's `id:` prefixed with its part; returns how many
/// files were written.
fn repeat_into_parts(from: &Path, to: &Path, parts: usize) -> std::io::Result<usize> {
    let _ = std::fs::remove_dir_all(to);
    let mut names: Vec<_> = std::fs::read_dir(from)?
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    names.sort();
    let mut written = 0;
    for part in 0..parts {
        let dir = to.join(format!("part-{part:02}"));
        std::fs::create_dir_all(&dir)?;
        for name in &names {
            let text = std::fs::read_to_string(from.join(name))?;
            let text = text.replacen("\nid: ", &format!("\nid: p{part:02}-"), 1);
            std::fs::write(dir.join(name), text)?;
            written += 1;
        }
    }
    Ok(written)
}

/// One passage per line, every article of `dir` in order.
fn write_lines(dir: &Path, out: &Path) -> std::io::Result<()> {
    let corpus =
        dossier::core::Corpus::load_dir(dir).map_err(|e| std::io::Error::other(e.to_string()))?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(out)?);
    for a in &corpus.articles {
        for p in &a.passages {
            writeln!(w, "{}", a.passage_text(p))?;
        }
    }
    w.flush()
}
