//! `dossier add FILE|URL...`: reads each saved page, article file or web
//! address, and stores it in the dossier folder as Markdown with front
//! matter (see [`crate::core::corpus::Dossier`]). Duplicates are reported,
//! not added; one input that fails does not stop the others.

use std::path::Path;

use super::folder::{self, From};
use super::{AddArgs, Ctx};
use crate::core::corpus::{Added, Dossier, LoadOptions, ParseOptions, html};
use crate::core::{Article, Error};
use crate::core::{fetch, regular_file};

/// What one input gave: the article, the addresses it came from, and a
/// warning for the user.
struct Read {
    article: Article,
    urls: Vec<String>,
    warning: Option<String>,
}

/// `dossier add`.
pub fn run(ctx: &mut Ctx, args: &AddArgs) -> Result<i32, Error> {
    let (dir, from) = folder::to_add(ctx.cli, ctx.err);
    if dir.exists() && !dir.is_dir() {
        return Err(Error::CorpusNotDir(dir));
    }
    let mut dossier = Dossier::open(&dir);
    let added = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .ok()
        .and_then(|t| {
            t.format(&time::format_description::well_known::Rfc3339)
                .ok()
        })
        .unwrap_or_default();
    let mut failed = 0;
    let mut new = 0;
    for input in &args.inputs {
        let read = if fetch::is_url(input) {
            read_url(input)
        } else {
            read_file(Path::new(input))
        };
        let read = match read {
            Ok(r) => r,
            Err(m) => {
                writeln!(ctx.err, "dossier: {m}")?;
                failed += 1;
                continue;
            }
        };
        if let Some(w) = &read.warning {
            writeln!(ctx.err, "dossier: warning: {input}: {w}")?;
        }
        let urls: Vec<&str> = read.urls.iter().map(String::as_str).collect();
        match dossier.add(&read.article, &urls, &added) {
            Ok(Added::New(path)) => {
                new += 1;
                let meta = read.article.meta.line();
                let meta = if meta.is_empty() {
                    String::new()
                } else {
                    format!(" ({meta})")
                };
                writeln!(
                    ctx.out,
                    "added {}: {}{meta}",
                    path.display(),
                    read.article.title
                )?;
            }
            Ok(Added::Duplicate { existing, why }) => writeln!(
                ctx.out,
                "already there {}: {input} ({why}); not added again",
                existing.display()
            )?,
            Err(e) => {
                writeln!(
                    ctx.err,
                    "dossier: {input}: could not be written to {} ({e}); check that the folder is writable",
                    dir.display()
                )?;
                failed += 1;
            }
        }
    }
    if new > 0 && from == From::Default {
        writeln!(
            ctx.err,
            "dossier: articles are kept in {}, which dossier reads when no other folder is set (--corpus, {}, or corpus = \"...\" in config.toml)",
            dossier.dir().display(),
            folder::ENV
        )?;
    }
    Ok(if failed > 0 { 2 } else { 0 })
}

fn read_url(url: &str) -> Result<Read, String> {
    let page = fetch::fetch(url, fetch::Limits::default())?;
    if page.bytes[..page.bytes.len().min(8192)].contains(&0) {
        return Err(format!(
            "{url}: the server calls it a web page but sends binary data; nothing was added"
        ));
    }
    let decoded = html::decode(&page.bytes, page.charset.as_deref());
    let name = url_name(&page.url);
    let read =
        html::read_page(&decoded.text, Some(&page.url)).map_err(|m| format!("{url}: {m}"))?;
    let article = Article::from_page(&name, &read, None)
        .ok_or_else(|| format!("{url}: the page has no text to keep"))?;
    let mut urls = vec![url.to_string()];
    if page.url != url {
        urls.push(page.url);
    }
    Ok(Read {
        article,
        urls,
        warning: read.warning.or(decoded.warning),
    })
}

/// A name for a fetched page, for its id when it has no title: the last
/// part of its path, or its host.
fn url_name(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    rest.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or("page")
        .to_string()
}

fn read_file(path: &Path) -> Result<Read, String> {
    let show = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("{show}: cannot be read ({e})"))?;
    if !meta.is_file() {
        return Err(format!(
            "{show}: not a file; give a saved page (.html), an article (.txt, .md) or a web address"
        ));
    }
    let limit = html::MAX_PAGE_BYTES as u64;
    if meta.len() > limit {
        return Err(format!(
            "{show}: {} MiB is more than the {} MiB a page may have; save the article alone and add that",
            meta.len() >> 20,
            limit >> 20
        ));
    }
    let bytes = regular_file::read(path).map_err(|e| format!("{show}: cannot be read ({e})"))?;
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("article")
        .to_string();
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let looks_html = head.trim_start().starts_with("<!doctype html") || head.contains("<html");
    if html::is_page(path) || looks_html {
        if bytes[..bytes.len().min(8192)].contains(&0) {
            return Err(format!("{show}: looks like a binary file, not a web page"));
        }
        let decoded = html::decode(&bytes, None);
        let page = html::read_page(&decoded.text, None).map_err(|m| format!("{show}: {m}"))?;
        let article = Article::from_page(&name, &page, None)
            .ok_or_else(|| format!("{show}: the page has no text to keep"))?;
        let urls = page.url.clone().into_iter().collect();
        return Ok(Read {
            article,
            urls,
            warning: page.warning.or(decoded.warning),
        });
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        format!("{show}: not UTF-8 text nor a web page; save it as UTF-8 text or HTML")
    })?;
    if text.contains('\0') {
        return Err(format!("{show}: looks like a binary file, not text"));
    }
    let opts = ParseOptions {
        clean: LoadOptions::default().clean,
        repeats: None,
    };
    let article = Article::parse_with(&name, &text, None, opts)
        .ok_or_else(|| format!("{show}: no text to keep"))?;
    let urls = article.meta.url.clone().into_iter().collect();
    Ok(Read {
        article,
        urls,
        warning: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fetched_pages_are_named_for_their_path() {
        assert_eq!(
            url_name("https://a.org/news/harbour-plan.html?x=1"),
            "harbour-plan.html"
        );
        assert_eq!(url_name("https://a.org/news/"), "news");
        assert_eq!(url_name("https://a.org"), "a.org");
    }
}
