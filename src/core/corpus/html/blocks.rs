//! An HTML tree to passages of plain text: paragraphs, headings, list
//! items, block quotes and table rows; links as their text; scripts,
//! styles, forms and media left out; every string sanitised. The walk
//! keeps its own stack, so a deep tree cannot overflow the thread's.

use dom_query::{Document, NodeRef};

use super::PassageKind;
use crate::core::text;

/// Sanitised, with every run of white space one space.
pub(super) fn one_line(s: &str) -> String {
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
pub(super) fn blocks_of_node(root: &NodeRef) -> Vec<(PassageKind, String)> {
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
                    // Sanitised whole first: an escape sequence goes as a whole.
                    push_collapsed(&mut b.cur, &text::sanitise_cow(&node.text()));
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
