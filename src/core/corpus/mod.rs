//! The corpus: articles, their passages and sentences, and loading them from
//! the copy compiled into the binary or from a folder.
//!
//! An [`Article`] keeps one display text (sanitised on load, see
//! [`crate::core::text`]) and nothing else of its size: matching folds the
//! text it needs when it needs it and drops the copy after (the search
//! index a passage at a time, the entity index an article at a time), so
//! the corpus is never held twice. Passages
//! (paragraphs, numbered from 1 in reading order; the title is not a passage)
//! and sentences are byte ranges into that display text, so every index built
//! on top (search, mentions, bookmarks) can point back into what the reader
//! shows.
//!
//! Loading never panics on bad input: unreadable, binary and empty files are
//! skipped with a [`LoadWarning`], invalid UTF-8 is read with replacement
//! characters, and a folder with nothing to read is an [`Error`].
//! This module knows nothing of the terminal.
//!
//! The module is split by concern: `parse` turns one file's text into an
//! [`Article`] (header, blocks, passages), `sentences` splits passages into
//! sentences, and `folder` finds and reads the files of a folder (size,
//! binary and encoding checks, warnings). [`html`] reads saved web pages
//! (`.html`, `.htm`) as articles, `save` stores an article as Markdown in
//! the dossier folder (`dossier add`), [`watch`] tells what changed in
//! a folder since it was loaded, and [`update`] reads a changed folder
//! again at the cost of what changed.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::error::Error;

mod article_text;
mod blocks;
pub mod clean;
pub mod disk;
mod folder;
pub mod html;
mod parse;
mod save;
mod sentences;
#[cfg(test)]
mod tests;
pub mod update;
pub mod watch;

pub use article_text::ArticleText;
pub use clean::{Hidden, Reason};
pub use folder::{MAX_FILE_BYTES, Progress};
pub use parse::{ParseOptions, slug};
pub use save::{Added, Dossier, to_markdown};
pub use sentences::{is_sentence_start, sentence_ranges};
pub use watch::{Changes, Snapshot};

/// Which kind of block a passage is, as marked in the corpus format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PassageKind {
    /// An ordinary paragraph.
    Paragraph,
    /// A sub-heading inside the article (`## ` in the file).
    Heading,
    /// A pull quote (`> ` in the file).
    Quote,
}

/// One paragraph of an article: the unit that search finds, bookmarks keep
/// and the passage cursor moves over.
#[derive(Debug, Clone)]
pub struct Passage {
    /// 1-based number in reading order.
    pub number: usize,
    /// Byte range of the passage in [`Article::text`]. Its sentences are
    /// split when asked for ([`Article::sentences`]), not kept: a large
    /// corpus has millions.
    pub range: Range<usize>,
    /// Paragraph, heading or quote.
    pub kind: PassageKind,
}

/// Metadata from an article's header; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// Who wrote it.
    pub author: Option<String>,
    /// The publication or outlet.
    pub source: Option<String>,
    /// The date, as given (ISO `YYYY-MM-DD` in the bundled corpus).
    pub date: Option<String>,
    /// A note for the reader (e.g. where the title came from).
    pub note: Option<String>,
    /// Where the article was found on the web (`url:` in the header, or
    /// the page's canonical address).
    pub url: Option<String>,
    /// When it was added to the dossier (`added:` in the header).
    pub added: Option<String>,
}

impl Meta {
    /// `author · source · date`, with the missing parts left out.
    pub fn line(&self) -> String {
        [&self.author, &self.source, &self.date]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// One article of the corpus.
#[derive(Debug, Clone)]
pub struct Article {
    /// Short stable id (a slug), unique in the corpus.
    pub id: String,
    /// The title, sanitised.
    pub title: String,
    /// Author, source, date, note.
    pub meta: Meta,
    /// The body as displayed: passages separated by a blank line (`"\n\n"`);
    /// owned, or served from the kept index file ([`ArticleText`]).
    pub text: ArticleText,
    /// Paragraphs in reading order.
    pub passages: Vec<Passage>,
    /// Words in the body.
    pub words: usize,
    /// The file it was read from; `None` for the bundled corpus.
    pub path: Option<PathBuf>,
    /// The subfolder it was read from, relative to the corpus folder, its
    /// parts joined by `/` (as read: untrusted, sanitise before showing);
    /// empty for the folder itself and the bundled corpus.
    pub folder: String,
    /// Blocks of the file not shown as text (page furniture, the title
    /// line, byline, date), in file order, each with the number of shown
    /// passages before it and the reason. Empty unless the file was
    /// cleaned. Passage numbers count shown passages only, so showing these
    /// never renumbers passages or moves bookmarks.
    pub hidden: Vec<Hidden>,
}

impl Article {
    /// The text of passage `number` (1-based), if it exists.
    pub fn passage(&self, number: usize) -> Option<&Passage> {
        number.checked_sub(1).and_then(|i| self.passages.get(i))
    }

    /// The display text of a passage.
    pub fn passage_text(&self, p: &Passage) -> &str {
        &self.text[p.range.clone()]
    }

    /// Byte ranges of the sentences of passage `p` in [`Article::text`], in
    /// order, covering the passage without gaps other than the spaces
    /// between sentences (see [`sentence_ranges`]).
    pub fn sentences(&self, p: &Passage) -> Vec<Range<usize>> {
        let start = p.range.start;
        let mut out = sentence_ranges(self.passage_text(p));
        for r in &mut out {
            *r = r.start + start..r.end + start;
        }
        out
    }

    /// Whether `other` shows the same as this article: the same title,
    /// metadata, text (the same bytes served from the same place are
    /// not compared), passages and hidden blocks. What a reload counts as
    /// unchanged, and what an index update keeps.
    pub fn shows_same(&self, other: &Article) -> bool {
        let (ta, tb) = (self.text.as_bytes(), other.text.as_bytes());
        self.title == other.title
            && self.meta == other.meta
            && self.hidden == other.hidden
            && self.passages.len() == other.passages.len()
            && self
                .passages
                .iter()
                .zip(&other.passages)
                .all(|(x, y)| x.range == y.range && x.kind == y.kind)
            && ((ta.as_ptr() == tb.as_ptr() && ta.len() == tb.len()) || ta == tb)
    }

    /// The passage containing byte offset `at` of [`Article::text`] (or the
    /// nearest one before it, for offsets between passages).
    pub fn passage_at(&self, at: usize) -> Option<&Passage> {
        let i = self.passages.partition_point(|p| p.range.start <= at);
        i.checked_sub(1).map(|i| &self.passages[i])
    }
}

/// Where a corpus came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The articles compiled into the binary.
    Bundled,
    /// A folder given with `--corpus`.
    Folder(PathBuf),
}

/// Something skipped or repaired while loading; shown on stderr by the CLI
/// and in the reader's message line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadWarning {
    /// The file concerned.
    pub path: PathBuf,
    /// What happened, and what was done about it.
    pub message: String,
}

impl std::fmt::Display for LoadWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A file name is untrusted text too: `evil\x1b]0;...` must not
        // reach the terminal.
        let path = crate::core::text::sanitise(&self.path.display().to_string());
        write!(f, "{path}: {}", self.message)
    }
}

/// How a folder is loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Hide page furniture in `.txt` files without a header (see [`clean`]);
    /// on by default, off with `clean = false` in config.toml.
    pub clean: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions { clean: true }
    }
}

/// The repeat keys of each file of a folder that was cleaned
/// ([`clean::Repeats::keys_of`]), by path.
pub type RepeatKeys = std::collections::HashMap<PathBuf, Vec<u64>>;

/// A loaded set of articles.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The articles, by folder (the corpus folder first, then its
    /// subfolders by path) and by file name within a folder.
    pub articles: Vec<Article>,
    /// Files skipped or repaired while loading.
    pub warnings: Vec<LoadWarning>,
    /// Bundled or a folder.
    pub origin: Origin,
    /// The text of `entities.toml` beside the articles, when there is one.
    pub entities_toml: Option<String>,
    /// A hash (xxh3) of the bytes of each file read from a folder, taken
    /// as it was read, by path; empty for the bundled corpus and one
    /// decoded from the index cache. The cache keeps it beside each file's
    /// size and time, so that it never reads the folder again for it.
    pub content_hashes: std::collections::HashMap<PathBuf, u64>,
}

/// The bundled corpus files: `(file name, contents)`, generated by build.rs.
mod bundled {
    include!(concat!(env!("OUT_DIR"), "/bundled_corpus.rs"));
}

impl Corpus {
    /// The five articles compiled into the binary.
    pub fn bundled() -> Corpus {
        let articles = bundled::ARTICLES
            .iter()
            .filter_map(|(name, raw)| Article::parse(name, raw, None))
            .collect();
        Corpus::finish(
            articles,
            Vec::new(),
            Origin::Bundled,
            bundled::ENTITIES.map(str::to_string),
        )
    }

    /// The bundled corpus, or the folder when one is given.
    pub fn load(dir: Option<&Path>) -> Result<Corpus, Error> {
        Corpus::load_with(dir, LoadOptions::default())
    }

    /// Like [`Corpus::load`], with options for a folder.
    pub fn load_with(dir: Option<&Path>, opts: LoadOptions) -> Result<Corpus, Error> {
        match dir {
            Some(d) => Corpus::load_dir_with(d, opts),
            None => Ok(Corpus::bundled()),
        }
    }

    fn finish(
        mut articles: Vec<Article>,
        warnings: Vec<LoadWarning>,
        origin: Origin,
        entities_toml: Option<String>,
    ) -> Corpus {
        // Ids must be unique: a repeated one gets `-2`, `-3`, ...
        let mut seen = std::collections::HashSet::new();
        for a in &mut articles {
            if !seen.insert(a.id.clone()) {
                let base = a.id.clone();
                let mut n = 2;
                while !seen.insert(format!("{base}-{n}")) {
                    n += 1;
                }
                a.id = format!("{base}-{n}");
            }
        }
        Corpus {
            articles,
            warnings,
            origin,
            entities_toml,
            content_hashes: Default::default(),
        }
    }

    /// The index of the article with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.articles.iter().position(|a| a.id == id)
    }

    /// The article with this id.
    pub fn get(&self, id: &str) -> Option<&Article> {
        self.articles.iter().find(|a| a.id == id)
    }

    /// Total size of the display texts, in bytes.
    pub fn text_bytes(&self) -> usize {
        self.articles.iter().map(|a| a.text.len()).sum()
    }
}
