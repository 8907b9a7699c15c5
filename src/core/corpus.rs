//! The corpus: articles, their passages and sentences, and loading them from
//! the copy compiled into the binary or from a folder.
//!
//! An [`Article`] keeps one display text (sanitised on load, see
//! [`crate::core::text`]) and its folded twin for matching. Passages
//! (paragraphs, numbered from 1 in reading order; the title is not a passage)
//! and sentences are byte ranges into that display text, so every index built
//! on top (search, mentions, bookmarks) can point back into what the reader
//! shows.
//!
//! Loading never panics on bad input: unreadable, binary and empty files are
//! skipped with a [`LoadWarning`], invalid UTF-8 is read with replacement
//! characters, and a folder with nothing to read is an [`Error`].
//! This module knows nothing of the terminal.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::error::Error;
use super::text::{self, Folded};

/// Files larger than this are skipped with a warning rather than read.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

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
    /// Byte range of the passage in [`Article::text`].
    pub range: Range<usize>,
    /// Byte ranges of its sentences in [`Article::text`], in order, covering
    /// the passage without gaps other than the spaces between sentences.
    pub sentences: Vec<Range<usize>>,
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
    /// The body as displayed: passages separated by a blank line (`"\n\n"`).
    pub text: String,
    /// The folded form of [`Article::text`], for matching.
    pub folded: Folded,
    /// Paragraphs in reading order.
    pub passages: Vec<Passage>,
    /// Words in the body.
    pub words: usize,
    /// The file it was read from; `None` for the bundled corpus.
    pub path: Option<PathBuf>,
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

    /// The passage containing byte offset `at` of [`Article::text`] (or the
    /// nearest one before it, for offsets between passages).
    pub fn passage_at(&self, at: usize) -> Option<&Passage> {
        let i = self.passages.partition_point(|p| p.range.start <= at);
        i.checked_sub(1).map(|i| &self.passages[i])
    }

    /// Builds an article from one file's contents (already decoded). `name`
    /// is the file name, used for the id when the header gives none.
    pub fn parse(name: &str, raw: &str, path: Option<PathBuf>) -> Option<Article> {
        let clean = text::sanitise_cow(raw);
        let (header, body) = split_header(&clean);
        let mut title = header.get("title").map(|t| t.trim().to_string());
        // Decided on the whole body, title line included: a file with no
        // blank line anywhere is read one paragraph per line.
        let one_per_line = is_one_per_line(body);
        let mut body = body;
        if title.as_deref().is_none_or(str::is_empty) {
            // No header title: the first non-empty line is the title (a
            // Markdown `#` marker is dropped) and the body starts after it.
            let skip = body.len() - body.trim_start().len();
            let rest = &body[skip..];
            let (line, after) = rest.split_once('\n').unwrap_or((rest, ""));
            let line = line.trim();
            let line = line.trim_start_matches('#').trim_start();
            if line.is_empty() {
                return None;
            }
            title = Some(line.to_string());
            body = after;
        }
        let title = title.unwrap_or_default();
        let id = header
            .get("id")
            .map(slug)
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slug(file_stem(name)));
        let meta = Meta {
            author: header.get("author").map(|s| s.to_string()),
            source: header.get("source").map(|s| s.to_string()),
            date: header.get("date").map(|s| s.to_string()),
            note: header.get("note").map(|s| s.to_string()),
        };
        let mut text = String::with_capacity(body.len());
        let mut passages = Vec::new();
        for_each_block(body, one_per_line, |line_parts, kind| {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            for (i, l) in line_parts.iter().enumerate() {
                if i > 0 {
                    text.push(' ');
                }
                text.push_str(l);
            }
            let range = start..text.len();
            let mut sentences: Vec<Range<usize>> = sentence_ranges(&text[range.clone()])
                .into_iter()
                .map(|r| r.start + start..r.end + start)
                .collect();
            // A large corpus holds hundreds of thousands of these: keep no
            // spare room.
            sentences.shrink_to_fit();
            passages.push(Passage {
                number: passages.len() + 1,
                range,
                sentences,
                kind,
            });
        });
        drop(clean);
        if passages.is_empty() && title.is_empty() {
            return None;
        }
        passages.shrink_to_fit();
        let words = text::word_count(&text);
        let folded = text::fold(&text);
        Some(Article {
            id,
            title,
            meta,
            text,
            folded,
            passages,
            words,
            path,
        })
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
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// A loaded set of articles.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The articles, in file-name order.
    pub articles: Vec<Article>,
    /// Files skipped or repaired while loading.
    pub warnings: Vec<LoadWarning>,
    /// Bundled or a folder.
    pub origin: Origin,
    /// The text of `entities.toml` beside the articles, when there is one.
    pub entities_toml: Option<String>,
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

    /// Reads every `.txt` and `.md` file in `dir` (not recursing), in
    /// file-name order.
    pub fn load_dir(dir: &Path) -> Result<Corpus, Error> {
        let meta = std::fs::metadata(dir).map_err(|e| Error::CorpusMissing {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        if !meta.is_dir() {
            return Err(Error::CorpusNotDir(dir.to_path_buf()));
        }
        let entries = std::fs::read_dir(dir).map_err(|e| Error::CorpusMissing {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        })?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_article_file(p))
            .collect();
        files.sort();
        let (articles, mut warnings) = read_articles(&files);
        if articles.is_empty() {
            return Err(Error::CorpusEmpty {
                path: dir.to_path_buf(),
                skipped: warnings.len(),
            });
        }
        let entities_path = dir.join("entities.toml");
        let entities_toml = match std::fs::read(&entities_path) {
            Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                warnings.push(LoadWarning {
                    path: entities_path,
                    message: format!("could not be read ({e}); using discovered entities only"),
                });
                None
            }
        };
        Ok(Corpus::finish(
            articles,
            warnings,
            Origin::Folder(dir.to_path_buf()),
            entities_toml,
        ))
    }

    /// The bundled corpus, or the folder when one is given.
    pub fn load(dir: Option<&Path>) -> Result<Corpus, Error> {
        match dir {
            Some(d) => Corpus::load_dir(d),
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

fn is_article_file(p: &Path) -> bool {
    let hidden = p
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let ext_ok = p
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("md"));
    // A folder's README describes the articles; it is not one of them.
    let readme = p
        .file_stem()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case("readme"));
    !hidden && ext_ok && !readme && !p.is_dir()
}

/// At most this many threads read and parse article files.
const MAX_LOAD_THREADS: usize = 4;

/// Reads the files (on a few threads: parsing and folding take longer than
/// reading), returning the articles and warnings in file order, exactly as
/// reading them one after the other would.
fn read_articles(files: &[PathBuf]) -> (Vec<Article>, Vec<LoadWarning>) {
    type Done = Vec<(usize, Option<Article>, Vec<LoadWarning>)>;
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || -> Done {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(path) = files.get(i) else {
                return done;
            };
            let mut warnings = Vec::new();
            let article = read_article(path, &mut warnings);
            done.push((i, article, warnings));
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(MAX_LOAD_THREADS)
        .min(files.len());
    let mut done: Done = if threads <= 1 {
        work()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|_| s.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    };
    done.sort_unstable_by_key(|d| d.0);
    let mut articles = Vec::with_capacity(done.len());
    let mut warnings = Vec::new();
    for (_, article, w) in done {
        warnings.extend(w);
        articles.extend(article);
    }
    (articles, warnings)
}

/// Reads one file, recording a warning for anything skipped or repaired.
fn read_article(path: &Path, warnings: &mut Vec<LoadWarning>) -> Option<Article> {
    let mut warn = |message: String| {
        warnings.push(LoadWarning {
            path: path.to_path_buf(),
            message,
        })
    };
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_FILE_BYTES => {
            warn(format!(
                "skipped: {} MiB is more than the {} MiB a file may have",
                m.len() >> 20,
                MAX_FILE_BYTES >> 20
            ));
            return None;
        }
        Ok(_) => {}
        Err(e) => {
            warn(format!("skipped: could not be read ({e})"));
            return None;
        }
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            warn(format!("skipped: could not be read ({e})"));
            return None;
        }
    };
    if looks_binary(&bytes) {
        warn("skipped: looks like a binary file, not text".to_string());
        return None;
    }
    let raw = match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            warn("not valid UTF-8; the invalid bytes are shown as \u{FFFD}".to_string());
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    };
    if raw.trim().is_empty() {
        warn("skipped: the file is empty".to_string());
        return None;
    }
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article");
    let article = Article::parse(name, &raw, Some(path.to_path_buf()));
    if article.is_none() {
        warn("skipped: no text after the header".to_string());
    }
    article
}

/// A file is binary when its first 8 KiB hold a NUL byte or are mostly
/// control bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    !head.is_empty() && controls * 10 > head.len()
}

fn file_stem(name: &str) -> &str {
    name.rsplit_once('.').map_or(name, |(s, _)| s)
}

/// Lower-case ASCII slug: letters and digits, other runs become one `-`.
/// A leading `NN-` number (as in `01-some-article.txt`) is dropped.
pub fn slug(s: &str) -> String {
    let folded = text::fold_str(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if let Some((num, rest)) = out.split_once('-')
        && num.chars().all(|c| c.is_ascii_digit())
        && !rest.is_empty()
    {
        return rest.to_string();
    }
    if out.is_empty() {
        "article".to_string()
    } else {
        out
    }
}

/// Header fields between two `---` lines at the top of the file.
struct Header<'a>(Vec<(&'a str, &'a str)>);

impl<'a> Header<'a> {
    fn get(&self, key: &str) -> Option<&'a str> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| *v)
            .filter(|v| !v.is_empty())
    }
}

fn split_header(s: &str) -> (Header<'_>, &str) {
    let trimmed = s.trim_start_matches(['\n', ' ']);
    let Some(rest) = trimmed.strip_prefix("---\n") else {
        return (Header(Vec::new()), s);
    };
    let mut fields = Vec::new();
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        let l = line.trim_end();
        if l == "---" {
            return (Header(fields), &rest[offset..]);
        }
        match l.split_once(':') {
            Some((k, v)) if !k.contains(' ') => fields.push((k.trim(), v.trim())),
            _ => return (Header(Vec::new()), s), // not a header after all
        }
    }
    (Header(Vec::new()), s)
}

/// True when a body has several text lines and no blank line between any
/// two of them: such a file holds one paragraph per line.
fn is_one_per_line(body: &str) -> bool {
    let (mut non_empty, mut prev_text, mut gap) = (0, false, false);
    for l in body.lines() {
        if l.trim().is_empty() {
            gap = prev_text;
        } else {
            if gap {
                return false;
            }
            non_empty += 1;
            prev_text = true;
        }
    }
    non_empty > 1
}

/// Calls `emit(lines, kind)` for each block of a body: blocks are separated
/// by blank lines, or are one per line when `one_per_line`. The lines come
/// trimmed, with the `#` or `>` marker removed; the caller joins them with a
/// space.
fn for_each_block(body: &str, one_per_line: bool, mut emit: impl FnMut(&[&str], PassageKind)) {
    let mut cur: Vec<&str> = Vec::new();
    let mut flush = |cur: &mut Vec<&str>| {
        if cur.is_empty() {
            return;
        }
        let first = cur[0];
        let hashes = first.len() - first.trim_start_matches('#').len();
        let kind = if (1..=6).contains(&hashes) && first[hashes..].starts_with(' ') {
            PassageKind::Heading
        } else if first.starts_with("> ") || first == ">" {
            PassageKind::Quote
        } else {
            PassageKind::Paragraph
        };
        let mut parts: Vec<&str> = Vec::with_capacity(cur.len());
        for (i, l) in cur.drain(..).enumerate() {
            let l = match kind {
                PassageKind::Heading if i == 0 => l.trim_start_matches('#').trim_start(),
                PassageKind::Quote => l.strip_prefix('>').map_or(l, str::trim_start),
                _ => l,
            };
            if !l.is_empty() {
                parts.push(l);
            }
        }
        if !parts.is_empty() {
            emit(&parts, kind);
        }
    };
    for l in body.lines() {
        let t = l.trim();
        if t.is_empty() {
            flush(&mut cur);
        } else {
            cur.push(t);
            if one_per_line {
                flush(&mut cur);
            }
        }
    }
    flush(&mut cur);
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "st", "sr", "jr", "gen", "col", "lt", "sgt", "capt", "gov",
    "pres", "sen", "rep", "amb", "vs", "etc", "e.g", "i.e", "cf", "no", "vol", "pp", "fig",
    "approx", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.u", "inc", "ltd", "co", "corp", "al",
];

/// Splits a paragraph into sentence ranges (byte offsets into `p`).
///
/// A sentence ends at `.`, `!`, `?` or `…` (followed by any closing quotes
/// or brackets) when whitespace and then an upper-case letter, a digit or an
/// opening quote follow, unless the word before the stop is a known
/// abbreviation or a single capital letter (an initial).
pub fn sentence_ranges(p: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = p.as_bytes();
    let mut next = 0;
    while next < bytes.len() {
        // Only a stop can end a sentence: skip to the next `.`, `!`, `?` or
        // the lead byte of `…` (never a continuation byte), byte by byte.
        let i = next;
        if !matches!(bytes[i], b'.' | b'!' | b'?' | 0xe2) {
            next += 1;
            continue;
        }
        let c = p[i..].chars().next().unwrap_or(' ');
        next = i + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…') || i < start {
            continue;
        }
        // Look ahead over repeated stops, closing punctuation, then spaces.
        let mut end = p.len();
        let mut next_start = None;
        let mut saw_space = false;
        let mut closing = true;
        for (j, n) in p[i + c.len_utf8()..].char_indices() {
            let at = i + c.len_utf8() + j;
            if closing
                && matches!(
                    n,
                    '.' | '!' | '?' | '…' | '"' | '\'' | '’' | '”' | ')' | ']' | '»'
                )
            {
                continue;
            }
            if closing {
                closing = false;
                end = at;
            }
            if n.is_whitespace() {
                saw_space = true;
                continue;
            }
            let opener = n.is_uppercase()
                || n.is_ascii_digit()
                || matches!(n, '"' | '\'' | '‘' | '“' | '(' | '[' | '«' | '•');
            if saw_space && opener {
                next_start = Some(at);
            }
            break;
        }
        if let Some(ns) = next_start
            && !(c == '.' && is_abbreviation(&p[start..i]))
        {
            out.push(start..end);
            start = ns;
        }
    }
    if start < p.len() {
        let end = p.trim_end().len().max(start);
        out.push(start..end);
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .next()
        .unwrap_or("");
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next())
        && c.is_uppercase()
    {
        return true; // an initial: "J. Smith"
    }
    if word.is_ascii() {
        // No allocation for the common case: this runs at every full stop.
        return ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word));
    }
    ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_header_and_paragraphs() {
        let raw = "---\nid: my-article\ntitle: A title: with colon\nauthor: Ann\ndate: 2023-01-02\n---\n\nFirst para\ncontinues here.\n\n## A heading\n\n> A quote\n\nLast.\n";
        let a = Article::parse("x.txt", raw, None).unwrap();
        assert_eq!(a.id, "my-article");
        assert_eq!(a.title, "A title: with colon");
        assert_eq!(a.meta.line(), "Ann · 2023-01-02");
        assert_eq!(a.passages.len(), 4);
        assert_eq!(a.passage_text(&a.passages[0]), "First para continues here.");
        assert_eq!(a.passages[1].kind, PassageKind::Heading);
        assert_eq!(a.passage_text(&a.passages[1]), "A heading");
        assert_eq!(a.passages[2].kind, PassageKind::Quote);
        assert_eq!(a.passage_text(&a.passages[2]), "A quote");
        assert_eq!(a.passage(4).unwrap().number, 4);
        assert!(a.passage(0).is_none());
        assert_eq!(a.words, 9);
    }

    #[test]
    fn without_header_first_line_is_title_and_id_from_file_name() {
        let a =
            Article::parse("07-My File.md", "The Title\n\nBody one.\n\nBody two.", None).unwrap();
        assert_eq!(a.title, "The Title");
        assert_eq!(a.id, "my-file");
        assert_eq!(a.passages.len(), 2);
    }

    #[test]
    fn a_blank_line_after_the_title_means_paragraphs_are_blocks() {
        let a = Article::parse("a.txt", "T\n\nthe Lachin\ncorridor.", None).unwrap();
        assert_eq!(a.passages.len(), 1);
        assert_eq!(a.passage_text(&a.passages[0]), "the Lachin corridor.");
    }

    #[test]
    fn markdown_title_marker_is_stripped() {
        let a = Article::parse("a.md", "# Heading Title\n\nText.", None).unwrap();
        assert_eq!(a.title, "Heading Title");
    }

    #[test]
    fn one_paragraph_per_line_when_no_blank_lines() {
        let a = Article::parse("a.txt", "Title\nOne.\nTwo.\nThree.", None).unwrap();
        assert_eq!(a.title, "Title");
        assert_eq!(a.passages.len(), 3);
    }

    #[test]
    fn control_characters_never_survive_parsing() {
        let raw = "---\ntitle: T\u{1b}]0;pwned\u{7}\n---\n\nA\u{1b}[2J\u{9b}B\r\n";
        let a = Article::parse("a.txt", raw, None).unwrap();
        assert!(text::is_sanitised(&a.title));
        assert!(text::is_sanitised(&a.text));
        assert_eq!(a.passage_text(&a.passages[0]), "A[2JB");
    }

    #[test]
    fn sentences_split_on_stops_but_not_abbreviations() {
        let p = "Russia was displeased. The U.S. Army said so, as did Mr. Smith! Then J. Doe left… “Quoted.” Done 1,960 troops.";
        let s: Vec<&str> = sentence_ranges(p).into_iter().map(|r| &p[r]).collect();
        assert_eq!(
            s,
            vec![
                "Russia was displeased.",
                "The U.S. Army said so, as did Mr. Smith!",
                "Then J. Doe left…",
                "“Quoted.”",
                "Done 1,960 troops."
            ]
        );
    }

    #[test]
    fn passage_at_finds_the_enclosing_passage() {
        let a = Article::parse("a.txt", "T\n\nOne.\n\nTwo.", None).unwrap();
        let two = a.text.find("Two").unwrap();
        assert_eq!(a.passage_at(two).unwrap().number, 2);
        assert_eq!(a.passage_at(0).unwrap().number, 1);
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("01-russia-seals-demise"), "russia-seals-demise");
        assert_eq!(slug("Canbäck’s Notes!"), "canback-s-notes");
        assert_eq!(slug("???"), "article");
        assert_eq!(slug("2023"), "2023");
    }

    #[test]
    fn bundled_corpus_has_five_articles_with_unique_ids() {
        let c = Corpus::bundled();
        assert_eq!(c.articles.len(), 5);
        let ids: std::collections::HashSet<_> = c.articles.iter().map(|a| &a.id).collect();
        assert_eq!(ids.len(), 5);
        for a in &c.articles {
            assert!(!a.title.is_empty());
            assert!(a.passages.len() > 5, "{} has few passages", a.id);
            for p in &a.passages {
                assert!(!p.sentences.is_empty());
                assert!(a.text.is_char_boundary(p.range.start));
            }
        }
    }
}
