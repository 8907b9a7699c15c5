//! The `dossier` binary: parses the command line, then runs a subcommand or
//! the reader.

use clap::Parser;
use dossier::cli::{self, Cli};
use dossier::runtime::{self, ReaderOptions};

fn main() {
    let cli = Cli::parse();
    let code = if cli.command.is_some() {
        let stdout = std::io::stdout();
        let stderr = std::io::stderr();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let mut err = stderr.lock();
        cli::run(&cli, &mut out, &mut err)
    } else {
        let (corpus, load) = cli::folder::to_read(&cli, &mut std::io::stderr());
        runtime::run(ReaderOptions {
            corpus,
            bookmarks: cli.bookmarks.clone(),
            load,
        })
    };
    std::process::exit(code);
}
