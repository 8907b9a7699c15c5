//! The command line: argument definitions (clap) and the subcommands, which
//! write plain text or JSON Lines to any [`Write`] so they can be tested
//! without a process and piped without surprises.
//!
//! Exit statuses are those of grep: 0 success, 1 nothing found (for lookups),
//! 2 error. Load warnings and errors go to the error stream; results go to the
//! output stream. Nothing here touches the terminal beyond writing lines.

mod add;
mod articles;
mod bookmarks;
mod entities;
pub mod folder;
mod search;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::core::cache::index::{Fresh, IndexFile, Opened};
use crate::core::codec::Reader;
use crate::core::corpus::{LoadOptions, Snapshot};
use crate::core::entity::EntityIndex;
use crate::core::search::SearchIndex;
use crate::core::{Corpus, Error};

/// A terminal reader for researching one topic across a set of articles.
///
/// With no command, opens the reader on the dossier folder (--corpus DIR,
/// DOSSIER_CORPUS, corpus = "..." in config.toml, or the articles added with
/// `dossier add`), else on the bundled corpus.
#[derive(Debug, Parser)]
#[command(name = "dossier", version, about, long_about = None)]
pub struct Cli {
    /// Read the articles in this folder (.txt, .md and .html files) instead
    /// of the dossier folder (DOSSIER_CORPUS, or corpus = "..." in
    /// config.toml) or the bundled corpus.
    #[arg(long, global = true, value_name = "DIR")]
    pub corpus: Option<PathBuf>,

    /// Keep bookmarks in this file (default: bookmarks.json in the data
    /// folder; also DOSSIER_BOOKMARKS).
    #[arg(long, global = true, value_name = "FILE")]
    pub bookmarks: Option<PathBuf>,

    /// What to do; without one, the reader opens.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the articles: id, title, words (and the subfolder, if any).
    List(ListArgs),
    /// Print an article as plain text.
    Show(ShowArgs),
    /// Find passages: every term must match, typos allowed.
    Search(SearchArgs),
    /// List the entities (people, places, organisations, ...).
    Entities(EntitiesArgs),
    /// Every mention of an entity, in context.
    Mentions(MentionsArgs),
    /// Store web pages (saved files or URLs) and articles in the dossier
    /// folder, as Markdown with front matter.
    Add(AddArgs),
    /// List, add, remove or export bookmarks.
    #[command(subcommand)]
    Bookmarks(BookmarksCommand),
}

/// `dossier list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// JSON Lines: id, title, author, source, date, words, passages, folder.
    #[arg(long)]
    pub json: bool,
}

/// `dossier add`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// Saved pages (.html), articles (.txt, .md) or http(s) addresses.
    #[arg(required = true, num_args = 1.., value_name = "FILE|URL")]
    pub inputs: Vec<String>,
}

/// `dossier show`.
#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The article: its id, a unique start of it, or its number in `list`.
    pub id: String,
    /// Also print the blocks hidden as page furniture, each marked with
    /// why it was hidden.
    #[arg(long)]
    pub all: bool,
    /// One JSON object: metadata, passages, and the hidden blocks with the
    /// reason for each.
    #[arg(long)]
    pub json: bool,
}

/// `dossier search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: terms in any order; "a phrase", 'exact, ^prefix, !exclude.
    /// Options may come before or after it; put a term that starts with `-`
    /// after `--`.
    #[arg(required = true, num_args = 1..)]
    pub query: Vec<String>,
    /// At most this many passages.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    /// JSON Lines: article, title, passage, score, text, matches.
    #[arg(long)]
    pub json: bool,
}

/// `dossier entities`.
#[derive(Debug, Args)]
pub struct EntitiesArgs {
    /// JSON Lines: name, kind, aliases, mentions, articles, discovered,
    /// per_article (with --with: name, kind, passages, mentions, where).
    #[arg(long)]
    pub json: bool,
    /// Only the entities mentioned in the same passages as this one (any
    /// of its names), most shared passages first.
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
}

/// `dossier mentions`.
#[derive(Debug, Args)]
pub struct MentionsArgs {
    /// The entity: its name or any alias, any case.
    #[arg(required = true, num_args = 1..)]
    pub name: Vec<String>,
    /// JSON Lines: entity, article, passage, start, end, surface, left, right.
    #[arg(long)]
    pub json: bool,
    /// Characters of context on each side.
    #[arg(long, default_value_t = 40)]
    pub context: usize,
}

/// `dossier bookmarks ...`.
#[derive(Debug, Subcommand)]
pub enum BookmarksCommand {
    /// List the bookmarks.
    List {
        /// JSON Lines: id, article, title, passage, quote, note, created.
        #[arg(long)]
        json: bool,
    },
    /// Bookmark a passage or a range of passages: ARTICLE:PASSAGE[-PASSAGE].
    Add {
        /// e.g. `story-of-a-betrayal:4` or `story-of-a-betrayal:4-6`.
        spec: String,
        /// A note to keep with it.
        #[arg(long)]
        note: Option<String>,
    },
    /// Remove a bookmark by its id.
    Remove {
        /// The id shown by `dossier bookmarks list`.
        id: String,
    },
    /// Export every bookmark, grouped by article, as Markdown or JSON.
    Export {
        /// md (quotes, notes and citations) or json.
        #[arg(long, value_enum, default_value_t = ExportFormat::Md)]
        format: ExportFormat,
    },
}

/// Formats of `dossier bookmarks export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

/// What every subcommand gets: the global options and the output streams.
pub struct Ctx<'a> {
    /// The parsed command line.
    pub cli: &'a Cli,
    /// Results.
    pub out: &'a mut dyn Write,
    /// Warnings and errors.
    pub err: &'a mut dyn Write,
}

impl Ctx<'_> {
    /// Loads the corpus the command line names, printing load warnings.
    pub fn corpus(&mut self) -> Result<Corpus, Error> {
        Ok(self.read()?.corpus)
    }

    /// Like [`Ctx::corpus`], with the folder's snapshot and the index file
    /// the reader kept of it, when that holds the folder as it is now.
    pub fn read(&mut self) -> Result<Read, Error> {
        let (dir, opts) = folder::to_read(self.cli, self.err);
        let snapshot = dir.as_deref().map(Snapshot::take);
        let kept = dir.as_deref().zip(snapshot.as_ref());
        let read = match kept.and_then(|(d, s)| kept_corpus(d, opts, s)) {
            Some((corpus, kept)) => Read {
                corpus,
                snapshot,
                kept: Some(kept),
            },
            None => Read {
                corpus: Corpus::load_with(dir.as_deref(), opts)?,
                snapshot,
                kept: None,
            },
        };
        for w in &read.corpus.warnings {
            let _ = writeln!(self.err, "dossier: warning: {w}");
        }
        Ok(read)
    }
}

/// The articles a command reads, the snapshot of their folder taken just
/// before (`None` for the bundled articles: what the cache of the folder
/// is keyed by), and the index file they came from, if they did.
pub struct Read {
    /// The articles.
    pub corpus: Corpus,
    /// The folder's files as they were before they were read.
    pub snapshot: Option<Snapshot>,
    kept: Option<Opened>,
}

impl Read {
    /// The search index the reader kept with these articles, decoded:
    /// `None` when they were read from the files, or the section does not
    /// decode (then the caller builds one, as without a cache).
    pub fn kept_search(&self) -> Option<SearchIndex> {
        let bytes = self.kept.as_ref()?.search_section()?;
        SearchIndex::decode(&mut Reader::new(bytes), &self.corpus).ok()
    }

    /// The entity index the reader kept with these articles, decoded, with
    /// the catalogue's warnings; `None` as for [`Read::kept_search`].
    pub fn kept_entities(&self) -> Option<(EntityIndex, Vec<String>)> {
        let (bytes, warnings) = self.kept.as_ref()?.entity_section()?;
        let index = EntityIndex::decode(&mut Reader::new(bytes), &self.corpus).ok()?;
        Some((index, warnings.to_vec()))
    }
}

/// The articles of `dir` from the index the reader keeps in the cache
/// folder, when it holds the folder as `snapshot` saw it (read only: the
/// reader writes it), with the opened file for its indexes.
fn kept_corpus(
    dir: &std::path::Path,
    opts: LoadOptions,
    snapshot: &Snapshot,
) -> Option<(Corpus, Opened)> {
    let cache_dir = crate::core::paths::Paths::detect().cache_dir;
    let opened = IndexFile::new(&cache_dir, dir, opts).open().ok()?;
    if opened.check(snapshot) == Fresh::Changed {
        return None;
    }
    let corpus = opened.corpus().ok()?;
    Some((corpus, opened))
}

/// Runs a subcommand; returns the exit status. `cli.command` must be set.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(command) = &cli.command else {
        return 2;
    };
    let mut ctx = Ctx { cli, out, err };
    let result = match command {
        Command::List(a) => articles::list(&mut ctx, a),
        Command::Show(a) => articles::show(&mut ctx, a),
        Command::Search(a) => search::run(&mut ctx, a),
        Command::Entities(a) => entities::list(&mut ctx, a),
        Command::Mentions(a) => entities::mentions(&mut ctx, a),
        Command::Bookmarks(c) => bookmarks::run(&mut ctx, c),
        Command::Add(a) => add::run(&mut ctx, a),
    };
    let code = match result {
        Ok(code) => code,
        Err(Error::Io(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            let _ = writeln!(ctx.err, "dossier: {e}");
            e.exit_code()
        }
    };
    let _ = ctx.out.flush();
    code
}

/// Writes one JSON value as a line.
pub(crate) fn json_line(out: &mut dyn Write, v: &impl serde::Serialize) -> Result<(), Error> {
    serde_json::to_writer(&mut *out, v).map_err(|e| Error::Io(e.into()))?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Finds an article by id, unique id prefix, or 1-based number.
pub(crate) fn find_article(corpus: &Corpus, key: &str) -> Result<usize, Error> {
    if let Some(i) = corpus.index_of(key) {
        return Ok(i);
    }
    if let Ok(n) = key.parse::<usize>()
        && (1..=corpus.articles.len()).contains(&n)
    {
        return Ok(n - 1);
    }
    let matches: Vec<usize> = (0..corpus.articles.len())
        .filter(|&i| corpus.articles[i].id.starts_with(key))
        .collect();
    match matches.as_slice() {
        [one] => Ok(*one),
        _ => Err(Error::UnknownArticle {
            id: key.to_string(),
            known: corpus.articles.iter().map(|a| a.id.clone()).collect(),
        }),
    }
}
