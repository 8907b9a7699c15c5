//! Writes the benchmark corpora: `benches/data/1mb`, `10mb` and `100mb`
//! (folders of generated articles, see `benches/support/generate.rs`), and
//! next to each a `.lines` file with one passage per line for comparing with
//! line-based tools such as `fzf --filter`.
//!
//! ```text
//! cargo bench --bench gen_corpus             # 1, 10 and 100 MB
//! cargo bench --bench gen_corpus -- 10       # only 10 MB
//! ```
//!
//! The output is the same on every run; `benches/data` is ignored by git.

#[path = "support/generate.rs"]
mod generate;

use std::io::Write;
use std::path::Path;

fn main() {
    let sizes = generate::sizes_from_args(&[1, 10, 100]);
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/data");
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
