//! Storing an article in the user's dossier folder as a Markdown file with
//! front matter (`dossier add`), so that it is read, searched and edited
//! like any other article, and telling when it is already there.
//!
//! The file is what the loader reads back: a `---` header with title,
//! author, source, date, url and added (values that YAML would misread
//! are written in double quotes, which the loader unquotes), then the
//! passages separated by blank lines, headings as `## `, quotes as `> `.
//! Files are written whole (temporary file, then rename) and never
//! overwritten: a second article with the same name gets `-2`, `-3`, ...

use std::path::{Path, PathBuf};

use super::{Article, Corpus, LoadOptions, PassageKind, slug};
use crate::core::text;

/// What adding an article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    /// Written to this new file.
    New(PathBuf),
    /// Not written: the folder already has it.
    Duplicate {
        /// The file that has it.
        existing: PathBuf,
        /// `same URL` or `same text`.
        why: &'static str,
    },
}

/// The articles already in a dossier folder, to find duplicates.
#[derive(Debug, Default)]
pub struct Dossier {
    dir: PathBuf,
    /// (file, url, normalised text) of each article.
    known: Vec<(PathBuf, Option<String>, String)>,
}

/// Folded text with every run of white space one space: two copies of
/// one article compare equal however their lines were wrapped.
fn same_text_key(s: &str) -> String {
    text::fold_str(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Dossier {
    /// The articles of `dir` (none if it does not exist or is empty).
    pub fn open(dir: &Path) -> Dossier {
        let known = match Corpus::load_dir_with(dir, LoadOptions { clean: false }) {
            Ok(c) => c
                .articles
                .iter()
                .map(|a| {
                    (
                        a.path.clone().unwrap_or_default(),
                        a.meta.url.clone(),
                        same_text_key(&a.text),
                    )
                })
                .collect(),
            Err(_) => Vec::new(),
        };
        Dossier {
            dir: dir.to_path_buf(),
            known,
        }
    }

    /// The folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file that already has this article: same URL (any of `urls`)
    /// or same text.
    pub fn find(&self, article: &Article, urls: &[&str]) -> Option<(PathBuf, &'static str)> {
        let key = same_text_key(&article.text);
        for (path, url, text) in &self.known {
            if url
                .as_deref()
                .is_some_and(|u| urls.iter().any(|x| same_url(x, u)))
            {
                return Some((path.clone(), "same URL"));
            }
            if !key.is_empty() && *text == key {
                return Some((path.clone(), "same text"));
            }
        }
        None
    }

    /// Writes `article` as a new Markdown file unless the folder has it.
    /// `urls` are the addresses it was fetched from (asked and final);
    /// `added` is the time stamp for the front matter.
    pub fn add(&mut self, article: &Article, urls: &[&str], added: &str) -> std::io::Result<Added> {
        let mut urls: Vec<&str> = urls.to_vec();
        urls.extend(article.meta.url.as_deref());
        if let Some((existing, why)) = self.find(article, &urls) {
            return Ok(Added::Duplicate { existing, why });
        }
        std::fs::create_dir_all(&self.dir)?;
        let url = urls.first().map(|u| u.to_string());
        let md = to_markdown(article, url.as_deref(), added);
        let path = self.write_new(&file_stem_for(article), &md)?;
        self.known
            .push((path.clone(), url, same_text_key(&article.text)));
        Ok(Added::New(path))
    }

    /// Writes `text` to `<stem>.md`, or `<stem>-2.md`, ... : never over an
    /// existing file.
    fn write_new(&self, stem: &str, text: &str) -> std::io::Result<PathBuf> {
        use std::io::Write;
        for n in 1.. {
            let name = if n == 1 {
                format!("{stem}.md")
            } else {
                format!("{stem}-{n}.md")
            };
            let path = self.dir.join(name);
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(mut f) => {
                    let written = f.write_all(text.as_bytes()).and_then(|()| f.sync_all());
                    if let Err(e) = written {
                        let _ = std::fs::remove_file(&path);
                        return Err(e);
                    }
                    return Ok(path);
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            }
        }
        unreachable!("an unbounded range always yields")
    }
}

/// Two addresses for one page: equal but for the case of the scheme and
/// host, a
/// trailing slash and a `#fragment`.
fn same_url(a: &str, b: &str) -> bool {
    fn norm(u: &str) -> String {
        let u = u.trim();
        let u = u.split('#').next().unwrap_or(u);
        let u = u.strip_suffix('/').unwrap_or(u);
        match u.split_once("://") {
            Some((scheme, rest)) => {
                let (host, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
                format!(
                    "{}://{}{path}",
                    scheme.to_ascii_lowercase(),
                    host.to_ascii_lowercase()
                )
            }
            None => u.to_string(),
        }
    }
    norm(a) == norm(b)
}

/// A file name for the article: its title as a slug, at most 60
/// characters, cut at a dash.
fn file_stem_for(article: &Article) -> String {
    let s = slug(&article.title);
    if s.len() <= 60 {
        return s;
    }
    let cut = s[..60].rfind('-').unwrap_or(60);
    s[..cut].to_string()
}

/// A front matter value: as it is when YAML reads it as the same string,
/// else in double quotes (JSON escaping, which YAML reads too).
fn value(v: &str) -> String {
    let v = v.replace(['\n', '\t'], " ");
    let plain = !v.is_empty()
        && !v.contains(": ")
        && !v.contains(" #")
        && !v.ends_with(':')
        && v.trim() == v
        && !v.starts_with([
            '"', '\'', '[', ']', '{', '}', '>', '|', '*', '&', '!', '%', '@', '`', '#', '-', '?',
            ',',
        ]);
    if plain {
        v
    } else {
        serde_json::to_string(&v).unwrap_or_default()
    }
}

/// The article as Markdown with front matter.
pub fn to_markdown(article: &Article, url: Option<&str>, added: &str) -> String {
    let mut out = String::from("---\n");
    let m = &article.meta;
    let fields = [
        ("title", Some(article.title.as_str())),
        ("author", m.author.as_deref()),
        ("source", m.source.as_deref()),
        ("date", m.date.as_deref()),
        ("url", url.or(m.url.as_deref())),
        ("added", Some(added)),
    ];
    for (k, v) in fields {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            out.push_str(&format!("{k}: {}\n", value(&text::sanitise(v))));
        }
    }
    out.push_str("---\n");
    for p in &article.passages {
        let t = article.passage_text(p);
        out.push('\n');
        match p.kind {
            PassageKind::Heading => out.push_str("## "),
            PassageKind::Quote => out.push_str("> "),
            PassageKind::Paragraph => {}
        }
        out.push_str(t);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(title: &str, body: &str) -> Article {
        let mut a = Article::parse("x.md", &format!("# {title}\n\n{body}"), None).unwrap();
        a.meta.author = Some("Ann Lee".into());
        a.meta.source = Some("The Paper: Weekly".into());
        a.meta.date = Some("2024-03-05".into());
        a
    }

    #[test]
    fn markdown_reads_back_as_the_same_article() {
        let a = article(
            "Harbour: the plan",
            "First para.\n\n## A heading\n\n> A quote.\n\n• a list item",
        );
        let md = to_markdown(&a, Some("https://example.org/a"), "2026-01-02T03:04:05Z");
        assert!(
            md.starts_with("---\ntitle: \"Harbour: the plan\"\nauthor: Ann Lee\n"),
            "{md}"
        );
        let b = Article::parse("harbour.md", &md, None).unwrap();
        assert_eq!(b.title, a.title);
        assert_eq!(b.text, a.text);
        assert_eq!(
            b.passages.iter().map(|p| p.kind).collect::<Vec<_>>(),
            a.passages.iter().map(|p| p.kind).collect::<Vec<_>>()
        );
        assert_eq!(b.meta.author.as_deref(), Some("Ann Lee"));
        assert_eq!(b.meta.source.as_deref(), Some("The Paper: Weekly"));
        assert_eq!(b.meta.date.as_deref(), Some("2024-03-05"));
        assert_eq!(b.meta.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(b.meta.added.as_deref(), Some("2026-01-02T03:04:05Z"));
    }

    #[test]
    fn duplicates_by_url_or_text_are_not_added_twice() {
        let dir = tempfile::tempdir().unwrap();
        let a = article("One", "Some text here.");
        let mut d = Dossier::open(dir.path());
        let first = d.add(&a, &["https://example.org/one"], "t").unwrap();
        let Added::New(path) = first else {
            panic!("{first:?}")
        };
        assert_eq!(path.file_name().unwrap(), "one.md");
        // Same URL, other text.
        let b = article("Other", "Different.");
        let again = d.add(&b, &["https://EXAMPLE.org/one/#top"], "t").unwrap();
        assert!(
            matches!(
                &again,
                Added::Duplicate {
                    why: "same URL",
                    ..
                }
            ),
            "{again:?}"
        );
        // Same text, no URL; found again after reopening the folder.
        let mut d = Dossier::open(dir.path());
        let c = article("One copy", "Some   text\nhere.");
        let again = d.add(&c, &[], "t").unwrap();
        assert_eq!(
            again,
            Added::Duplicate {
                existing: path,
                why: "same text"
            }
        );
        // A new article with the same title gets its own file.
        let e = article("One", "Another text.");
        assert_eq!(
            d.add(&e, &[], "t").unwrap(),
            Added::New(dir.path().join("one-2.md"))
        );
    }

    #[test]
    fn values_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(value("Plain title"), "Plain title");
        assert_eq!(value("Title: sub"), "\"Title: sub\"");
        assert_eq!(value("#1 hit"), "\"#1 hit\"");
        assert_eq!(value("say \"hi\": now"), "\"say \\\"hi\\\": now\"");
        assert!(same_url("https://a.org/x/", "HTTPS://a.org/x#y"));
        assert!(!same_url("https://a.org/x", "https://a.org/y"));
    }
}
