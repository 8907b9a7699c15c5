//! One file's text to an [`Article`]: the `---` header, the title line,
//! blocks (paragraphs, `#` headings, `>` quotes) and the article's id.

use std::path::PathBuf;

use super::blocks::{for_each_block, is_one_per_line};
use super::clean::{self, Hidden, Reason, Repeats};
use super::{Article, Meta, Passage, PassageKind};
use crate::core::text;

/// How an article is read.
#[derive(Debug, Clone, Copy, Default)]
pub struct ParseOptions<'a> {
    /// Remove page furniture from a `.txt` file without a header.
    pub clean: bool,
    /// How often blocks recur across the folder, when known.
    pub repeats: Option<&'a Repeats>,
}

impl Article {
    /// Builds an article from one file's contents (already decoded), as
    /// written: no boilerplate removal. `name` is the file name, used for
    /// the id when the header gives none.
    pub fn parse(name: &str, raw: &str, path: Option<PathBuf>) -> Option<Article> {
        Article::parse_with(name, raw, path, ParseOptions::default())
    }

    /// Like [`Article::parse`]; with `opts.clean`, a `.txt` file without a
    /// header is read as text copied from a web page: its furniture is
    /// hidden (see [`clean`]) and its title, byline and date are found.
    pub fn parse_with(
        name: &str,
        raw: &str,
        path: Option<PathBuf>,
        opts: ParseOptions<'_>,
    ) -> Option<Article> {
        let clean = text::sanitise_cow(raw);
        let (header, body) = split_header(&clean);
        let is_txt = name
            .rsplit_once('.')
            .is_some_and(|(_, e)| e.eq_ignore_ascii_case("txt"));
        if opts.clean && is_txt && header.0.is_empty() {
            return cleaned(name, body, path, opts.repeats);
        }
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
            .map(|s| slug(&s))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slug(file_stem(name)));
        let meta = Meta {
            author: header.get("author").map(|s| s.to_string()),
            source: header.get("source").map(|s| s.to_string()),
            date: header.get("date").map(|s| s.to_string()),
            note: header.get("note").map(|s| s.to_string()),
            url: header.get("url").map(|s| s.to_string()),
            added: header.get("added").map(|s| s.to_string()),
        };
        let mut text = String::with_capacity(body.len());
        let mut passages = Vec::new();
        for_each_block(body, one_per_line, |line_parts, kind| {
            push_passage(&mut text, &mut passages, line_parts, kind);
        });
        drop(clean);
        if passages.is_empty() && title.is_empty() {
            return None;
        }
        passages.shrink_to_fit();
        let words = text::word_count(&text);
        Some(Article {
            id,
            title,
            meta,
            text: text.into(),
            passages,
            words,
            path,
            folder: String::new(),
            hidden: Vec::new(),
        })
    }
}

/// The repeat keys of a file that [`Article::parse_with`] cleans (a
/// `.txt` file without a header): those of the very body it cleans, so
/// that the keys counted for a file are the keys its cleaning looks up.
/// `None` for a file that is not cleaned.
pub(super) fn repeat_keys(name: &str, raw: &str) -> Option<Vec<u64>> {
    let clean = text::sanitise_cow(raw);
    let (header, body) = split_header(&clean);
    let is_txt = name
        .rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case("txt"));
    (is_txt && header.0.is_empty()).then(|| Repeats::keys_of(body))
}

/// A `.txt` file without a header, cleaned of page furniture.
fn cleaned(
    name: &str,
    body: &str,
    path: Option<PathBuf>,
    repeats: Option<&Repeats>,
) -> Option<Article> {
    let blocks = clean::blocks_of(body);
    let verdict = clean::clean(&blocks, repeats);
    let Some(title) = verdict.title.clone() else {
        // No prose recognised: read it as written (first line as title),
        // the site's name taken off a "Headline - Site" first line.
        let mut a = Article::parse(name, body, path)?;
        if let Some(headline) = clean::headline_of(&a.title) {
            a.meta.note = Some(format!("title from the page's title line “{}”", a.title));
            a.title = headline.to_string();
        }
        return Some(a);
    };
    let mut text = String::with_capacity(body.len());
    let mut passages = Vec::new();
    let mut hidden = Vec::new();
    for (b, why) in blocks.iter().zip(&verdict.drop) {
        match why {
            Some(reason) => hidden.push(Hidden {
                after: passages.len(),
                text: b.text.clone(),
                reason: *reason,
            }),
            None => push_passage(&mut text, &mut passages, &[b.text.as_str()], b.kind),
        }
    }
    if passages.is_empty() {
        return Article::parse(name, body, path);
    }
    let has = |r: Reason| hidden.iter().any(|h| h.reason == r);
    let note = if has(Reason::Title) {
        None
    } else if has(Reason::PageTitle) {
        Some("title from the page's title line, site name removed".to_string())
    } else {
        Some("title taken from the article's first words (the text has no heading)".to_string())
    };
    passages.shrink_to_fit();
    let words = text::word_count(&text);
    Some(Article {
        id: slug(file_stem(name)),
        title,
        meta: Meta {
            author: verdict.author,
            source: verdict.source,
            date: verdict.date,
            note,
            ..Meta::default()
        },
        text: text.into(),
        passages,
        words,
        path,
        folder: String::new(),
        hidden,
    })
}

/// Appends one passage (its lines joined by spaces) to `text`.
pub(super) fn push_passage(
    text: &mut String,
    passages: &mut Vec<Passage>,
    parts: &[&str],
    kind: PassageKind,
) {
    if !text.is_empty() {
        text.push_str("\n\n");
    }
    let start = text.len();
    for (i, l) in parts.iter().enumerate() {
        if i > 0 {
            text.push(' ');
        }
        text.push_str(l);
    }
    passages.push(Passage {
        number: passages.len() + 1,
        range: start..text.len(),
        kind,
    });
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
    /// The value of `key`; a value in double quotes (as `dossier add`
    /// writes one that YAML would misread) is unquoted.
    fn get(&self, key: &str) -> Option<std::borrow::Cow<'a, str>> {
        self.0
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, v)| unquote(v))
            .filter(|v| !v.is_empty())
    }
}

/// `"a \"quoted\" value"` → `a "quoted" value`; anything else as it is.
fn unquote(v: &str) -> std::borrow::Cow<'_, str> {
    if v.len() >= 2
        && v.starts_with('"')
        && v.ends_with('"')
        && let Ok(s) = serde_json::from_str::<String>(v)
    {
        return std::borrow::Cow::Owned(text::sanitise(&s));
    }
    std::borrow::Cow::Borrowed(v)
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
