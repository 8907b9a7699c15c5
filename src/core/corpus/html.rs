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
use encoding_rs::Encoding;

use super::parse::{push_passage, slug};
use super::{Article, Meta, PassageKind};
use crate::core::text;

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

/// A page's bytes decoded to text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used (its WHATWG name, e.g. `windows-1252`).
    pub encoding: &'static str,
    /// Something the user should know: a guessed charset, invalid bytes.
    pub warning: Option<String>,
}

/// Decodes a page: a byte-order mark wins, then the charset of the HTTP
/// `Content-Type` (`http_charset`, for fetched pages), then a
/// `<meta charset>` or `<meta http-equiv="Content-Type">` in the first
/// 4 KiB, unless the bytes are valid UTF-8 with non-ASCII text (a page
/// re-encoded when saved); without any, UTF-8 when the bytes are valid
/// UTF-8, else windows-1252 (what browsers assume for undeclared legacy
/// pages).
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let declared = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| http_charset.and_then(|l| Encoding::for_label(l.trim().as_bytes())))
        .or_else(|| {
            // A page saved by a browser is often re-encoded as UTF-8 with
            // its old `<meta charset>` left in: text that is valid UTF-8
            // beyond ASCII is UTF-8, whatever the tag says.
            meta_charset(bytes).filter(|_| !utf8 || bytes.is_ascii())
        })
        .map(Encoding::output_encoding);
    let (encoding, guessed) = match declared {
        Some(e) => (e, false),
        None if utf8 => (encoding_rs::UTF_8, false),
        None => (encoding_rs::WINDOWS_1252, true),
    };
    let (cow, used, had_errors) = encoding.decode(bytes);
    let warning = if guessed {
        Some("no charset declared and not UTF-8; read as windows-1252".to_string())
    } else if had_errors {
        Some(format!(
            "bytes that are not valid {}; they are shown as \u{FFFD}",
            used.name()
        ))
    } else {
        None
    };
    Decoded {
        text: cow.into_owned(),
        encoding: used.name(),
        warning,
    }
}

/// The charset named by a `<meta>` tag in the first 4 KiB, if any.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = find(&lower[start..], b">").map_or(lower.len(), |j| start + j);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + b"charset".len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
                let rest = rest.strip_prefix(b"'").unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
                    .unwrap_or(rest.len());
                if let Some(e) = Encoding::for_label(&rest[..len]) {
                    return Some(e);
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
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
                byline: clean(a.byline),
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

/// Sanitised, with every run of white space one space.
fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, &text::sanitise(s));
    out.trim().to_string()
}

/// Appends `s` with every run of white space (newlines, tabs, ...) one
/// space, and no space doubled at the join.
fn push_collapsed(out: &mut String, s: &str) {
    let mut space = out.is_empty() || out.ends_with(' ');
    for c in s.chars() {
        if c.is_whitespace() && c != '\u{a0}' {
            if !space {
                out.push(' ');
                space = true;
            }
        } else if !text::is_control(c) {
            out.push(c);
            space = false;
        }
    }
}

/// The blocks of an HTML fragment or document: paragraphs, headings, list
/// items (marked `• ` or `1. `), block quotes, table rows (cells joined
/// by ` | `), as plain sanitised text.
pub fn blocks_of(html: &str) -> Vec<(PassageKind, String)> {
    let doc = Document::from(html);
    let root = doc.root();
    blocks_of_node(&root)
}

/// Elements whose content is never text for the reader.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "math", "head", "title", "button", "select",
    "option", "textarea", "input", "iframe", "object", "embed", "canvas", "video", "audio", "img",
    "picture", "source", "map", "dialog",
];

/// Elements that start and end a block.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "tr",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "ul",
    "ol",
    "dl",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
    "caption",
    "form",
    "fieldset",
    "legend",
    "body",
    "html",
    "center",
];

/// Builds blocks while walking the tree.
#[derive(Default)]
struct Blocks {
    out: Vec<(PassageKind, String)>,
    cur: String,
    /// `• ` or `3. ` for the list item being read, until its first text.
    prefix: String,
    headings: usize,
    quotes: usize,
    /// One entry per open list: `None` for `ul`, the next number for `ol`.
    lists: Vec<Option<usize>>,
    /// Whether the current table row has a cell with text yet.
    row_has_cell: bool,
}

impl Blocks {
    fn flush(&mut self) {
        let t = self.cur.trim();
        if !t.is_empty() {
            let kind = if self.headings > 0 {
                PassageKind::Heading
            } else if self.quotes > 0 {
                PassageKind::Quote
            } else {
                PassageKind::Paragraph
            };
            let text = format!("{}{t}", std::mem::take(&mut self.prefix));
            self.out.push((kind, text));
        }
        self.cur.clear();
    }

    fn enter(&mut self, name: &str) {
        match name {
            "br" => self.cur.push(' '),
            "td" | "th" => {
                if self.row_has_cell && !self.cur.trim().is_empty() {
                    self.cur.push_str(" | ");
                }
                self.row_has_cell = true;
            }
            _ if BLOCKS.contains(&name) => {
                self.flush();
                match name {
                    "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.headings += 1,
                    "blockquote" => self.quotes += 1,
                    "ul" => self.lists.push(None),
                    "ol" => self.lists.push(Some(1)),
                    "tr" => self.row_has_cell = false,
                    "li" => {
                        self.prefix = match self.lists.last_mut() {
                            Some(Some(n)) => {
                                *n += 1;
                                format!("{}. ", *n - 1)
                            }
                            _ => "• ".to_string(),
                        };
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    fn leave(&mut self, name: &str) {
        if !BLOCKS.contains(&name) {
            return;
        }
        self.flush();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.headings -= 1,
            "blockquote" => self.quotes -= 1,
            "ul" | "ol" => {
                self.lists.pop();
            }
            "li" => self.prefix.clear(),
            _ => {}
        }
    }
}

/// Walks the tree without recursion (deep trees must not overflow).
fn blocks_of_node(root: &NodeRef) -> Vec<(PassageKind, String)> {
    enum Step<'a> {
        Enter(NodeRef<'a>),
        Leave(String),
    }
    let mut b = Blocks::default();
    let mut stack = vec![Step::Enter(*root)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(name) => b.leave(&name),
            Step::Enter(node) => {
                if node.is_text() {
                    push_collapsed(&mut b.cur, &node.text());
                    continue;
                }
                let name = if node.is_element() {
                    node.node_name().map(|n| n.to_ascii_lowercase())
                } else if node.is_document() || node.is_fragment() {
                    None
                } else {
                    continue; // comments, doctype, processing instructions
                };
                if let Some(n) = &name {
                    if SKIPPED.contains(&n.as_str()) || node.has_attr("hidden") {
                        continue;
                    }
                    b.enter(n);
                    stack.push(Step::Leave(n.clone()));
                }
                let children: Vec<_> = node.children_it(true).collect();
                stack.extend(children.into_iter().map(Step::Enter));
            }
        }
    }
    b.flush();
    b.out
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
        let folded = text::fold(&text);
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
            text,
            folded,
            passages,
            words,
            path,
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
