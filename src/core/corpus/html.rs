//! Web pages (`.html`, `.htm`) as articles: the charset is detected, the
//! readable article is extracted with a port of Mozilla's Readability
//! (dom_smoothie), its title, byline, site name and date become the
//! article's metadata, and its content becomes passages of plain text.
//!
//! Nothing of the markup reaches the reader: scripts, styles, forms and
//! media are dropped, entities are decoded, links are kept as their text,
//! and every string goes through [`text::sanitise`]. A page in which
//! Readability finds no article is still read (its whole visible text) and
//! flagged with a warning; a page that cannot be parsed at all, or is too
//! large, gives a message. Nothing here panics on bad input: extraction
//! runs on its own thread with a large stack, and a panic in the parser
//! becomes a message.

use std::path::{Path, PathBuf};

use dom_query::{Document, NodeRef};

use super::parse::{push_passage, slug};
use super::{Article, Meta, PassageKind};
use crate::core::text;

mod blocks;
mod charset;

pub use blocks::blocks_of;
use blocks::{blocks_of_node, one_line};
pub use charset::{Decoded, decode};

/// Pages larger than this are not parsed: a saved page of this size is
/// nearly all inline scripts and images, and parsing it would take
/// seconds and hundreds of megabytes.
pub const MAX_PAGE_BYTES: usize = 32 << 20;

/// Readability gives up on pages with more elements than this.
const MAX_ELEMENTS: usize = 400_000;

/// Readability's scoring is quadratic in the nesting depth: a page nested
/// deeper than this (only broken or hostile markup is) is read as its
/// whole text instead.
const MAX_DEPTH: usize = 512;

/// The stack of the extraction thread: deeply nested broken markup
/// makes deep trees.
const EXTRACT_STACK: usize = 256 << 20;

/// True for a file name that is read as a web page.
pub fn is_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(is_page_ext)
}

/// True for the extensions of web pages: `html`, `htm`, `xhtml`.
pub fn is_page_ext(ext: &str) -> bool {
    ["html", "htm", "xhtml"]
        .iter()
        .any(|e| ext.eq_ignore_ascii_case(e))
}

/// What was read from a page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// The article's title (may be empty).
    pub title: String,
    /// The author, as the page gives it.
    pub byline: Option<String>,
    /// The publication.
    pub site_name: Option<String>,
    /// The publication date, as the page gives it.
    pub published: Option<String>,
    /// The page's own address (canonical link or `og:url`), when given.
    pub url: Option<String>,
    /// The blocks of the article: kind and plain text.
    pub blocks: Vec<(PassageKind, String)>,
    /// Set when the page is not a clean article: Readability found none
    /// (and `blocks` is the page's whole visible text), or the page looks
    /// like something else (a list of links, a form).
    pub warning: Option<String>,
}

/// Extracts the article of a page. `url` is the page's address, when
/// known (it resolves relative links; it is not needed for the text).
/// Errors are messages for the user.
pub fn read_page(html: &str, url: Option<&str>) -> Result<Page, String> {
    if html.len() > MAX_PAGE_BYTES {
        return Err(format!(
            "skipped: {} MiB is more than the {} MiB a web page may have; save the article alone (\"Web Page, HTML only\") or as text",
            html.len() >> 20,
            MAX_PAGE_BYTES >> 20
        ));
    }
    let html = html.to_string();
    let url = url.map(str::to_string);
    let worker = std::thread::Builder::new()
        .name("readability".into())
        .stack_size(EXTRACT_STACK)
        .spawn(move || extract(&html, url.as_deref()));
    match worker.map(|h| h.join()) {
        Ok(Ok(page)) => Ok(page),
        Ok(Err(_)) => Err("skipped: the page's markup could not be parsed".to_string()),
        Err(e) => Err(format!("skipped: could not start the page reader ({e})")),
    }
}

/// Why a page is shown without a clean article.
const NO_ARTICLE: &str = "no article found by Readability; the page's whole text is shown";
const TOO_DEEP: &str =
    "the page's markup is nested too deeply to find its article; its whole text is shown";
const TOO_MANY: &str =
    "the page has too many elements to find its article in; its whole text is shown";
const NOT_ARTICLE: &str =
    "this page does not look like an article (too little text); what Readability kept is shown";

fn extract(html: &str, url: Option<&str>) -> Page {
    // A URL Readability refuses is only a worse base for links: drop it.
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let config = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        ..Default::default()
    };
    let doc = Document::from(html);
    if depth(&doc.root()) > MAX_DEPTH {
        return whole_page(&doc, TOO_DEEP);
    }
    let reader = dom_smoothie::Readability::with_document(doc.clone(), url, Some(config.clone()))
        .or_else(|_| dom_smoothie::Readability::with_document(doc, None, Some(config)))
        .ok();
    let readerable = reader.as_ref().is_some_and(|r| r.is_probably_readable());
    let mut too_many = false;
    let parsed = reader.and_then(|mut r| match r.parse() {
        Ok(a) => Some(a),
        Err(dom_smoothie::ReadabilityError::TooManyElements(..)) => {
            too_many = true;
            None
        }
        Err(_) => None,
    });
    let clean = |s: Option<String>| s.map(|s| one_line(&s)).filter(|s| !s.is_empty());
    match parsed {
        Some(a) => {
            let title = one_line(&a.title);
            let mut blocks = blocks_of(&a.content);
            let url = a.url.clone();
            drop_title_heading(&mut blocks, &title);
            let warning = if blocks.is_empty() {
                blocks = whole_text(&Document::from(html));
                drop_title_heading(&mut blocks, &title);
                Some(NO_ARTICLE)
            } else {
                (!readerable).then_some(NOT_ARTICLE)
            };
            Page {
                title,
                byline: clean(a.byline).map(|b| super::clean::author_of_byline(&b)),
                site_name: clean(a.site_name),
                published: clean(a.published_time).map(|d| short_date(&d)),
                url: clean(url),
                blocks,
                warning: warning.map(str::to_string),
            }
        }
        None if too_many => whole_page(&Document::from(html), TOO_MANY),
        None => whole_page(&Document::from(html), NO_ARTICLE),
    }
}

/// A page read as its whole text, with the reason.
fn whole_page(doc: &Document, why: &str) -> Page {
    let title = one_line(&doc.select("title").text());
    let mut blocks = whole_text(doc);
    drop_title_heading(&mut blocks, &title);
    Page {
        title,
        blocks,
        warning: Some(why.to_string()),
        ..Page::default()
    }
}

/// The deepest nesting of elements under `root`.
fn depth(root: &NodeRef) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(*root, 0)];
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        stack.extend(
            node.children_it(false)
                .filter(|c| c.is_element())
                .map(|c| (c, d + 1)),
        );
    }
    deepest
}

/// Every visible block of a whole page, for a page without an article.
fn whole_text(doc: &Document) -> Vec<(PassageKind, String)> {
    let body = doc.select("body");
    match body.nodes().first() {
        Some(b) => blocks_of_node(b),
        None => blocks_of_node(&doc.root()),
    }
}

/// A heading repeating the title at the top is not a passage.
fn drop_title_heading(blocks: &mut Vec<(PassageKind, String)>, title: &str) {
    if let Some((PassageKind::Heading, t)) = blocks.first()
        && t == title
    {
        blocks.remove(0);
    }
}

/// `2017-01-13T21:00:00Z` → `2017-01-13`; other forms are kept as given.
fn short_date(d: &str) -> String {
    let b = d.as_bytes();
    let iso = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[7] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[8..10].iter().all(u8::is_ascii_digit);
    if iso && (b.len() == 10 || matches!(b[10], b'T' | b' ')) {
        d[..10].to_string()
    } else {
        d.to_string()
    }
}

impl Article {
    /// Builds an article from a page read by [`read_page`]. `name` is the
    /// file name (the id, and the title when the page has none). `None`
    /// when the page has no text at all.
    pub fn from_page(name: &str, page: &Page, path: Option<PathBuf>) -> Option<Article> {
        if page.blocks.is_empty() {
            return None;
        }
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
        let mut note = None;
        let title = if page.title.is_empty() {
            note = Some("the page has no title; the file name is shown".to_string());
            stem.to_string()
        } else {
            page.title.clone()
        };
        if let Some(w) = &page.warning {
            note = Some(w.clone());
        }
        let mut text = String::new();
        let mut passages = Vec::new();
        for (kind, t) in &page.blocks {
            push_passage(&mut text, &mut passages, &[t.as_str()], *kind);
        }
        passages.shrink_to_fit();
        let words = text::word_count(&text);
        Some(Article {
            id: slug(stem),
            title: one_line(&title),
            meta: Meta {
                author: page.byline.clone(),
                source: page.site_name.clone(),
                date: page.published.clone(),
                note,
                url: page.url.clone(),
                added: None,
            },
            text: text.into(),
            passages,
            words,
            path,
            folder: String::new(),
            hidden: Vec::new(),
        })
    }
}

/// A page file's decoded text as an article, with a warning when the page
/// had no article or could not be read. Used by the folder loader.
pub(super) fn article(
    name: &str,
    raw: &str,
    path: Option<PathBuf>,
) -> (Option<Article>, Option<String>) {
    match read_page(raw, None) {
        Ok(page) => {
            let warning = page.warning.clone();
            match Article::from_page(name, &page, path) {
                Some(a) => (Some(a), warning),
                None => (None, Some("skipped: the page has no text".to_string())),
            }
        }
        Err(message) => (None, Some(message)),
    }
}

#[cfg(test)]
mod tests;
