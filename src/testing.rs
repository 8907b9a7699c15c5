//! Helpers for tests of the reader, shared by the unit tests, `tests/` and
//! every feature that plugs into the reader: build an [`App`] on the bundled
//! corpus, drive it with key sequences through the real key map, draw it
//! into ratatui's `TestBackend` and read the screen back.
//!
//! Not part of the public API (hidden from the docs); never used by the
//! binary.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;

use crate::app::search;
use crate::app::{Action, App, Config, Effect, Key};
use crate::core::Corpus;
use crate::core::bookmarks::BookmarkStore;
use crate::core::search::{EntitySynonyms, SearchIndex};

/// A reader on the bundled corpus with the default keys, in colour, at
/// `width`x`height`.
pub fn app(width: u16, height: u16) -> App {
    app_with(Corpus::bundled(), Config::default(), width, height)
}

/// A reader on `corpus` with `config` at `width`x`height`.
pub fn app_with(corpus: Corpus, config: Config, width: u16, height: u16) -> App {
    let mut app = App::with_size(corpus, config, true, (width, height));
    app.update(Action::Resize { width, height });
    app
}

/// Presses the keys of `keys` (`jj<enter>J<c-o>`, see
/// [`Key::parse_sequence`]) through the app's key map; returns the effects.
/// Searches are answered at once, as the search thread would answer them
/// (see [`settle`]). Panics on a sequence that does not parse (a bug in the
/// test).
pub fn run_keys(app: &mut App, keys: &str) -> Vec<Effect> {
    let keys = Key::parse_sequence(keys).unwrap_or_else(|e| panic!("bad key sequence: {e}"));
    let mut searcher = Searcher::default();
    let mut out = Vec::new();
    for k in keys {
        if let Some(e) = app.handle_key(k) {
            searcher.settle(app, &e);
            out.push(e);
        }
    }
    out
}

/// Answers search requests synchronously, with an index built on first use.
#[derive(Default)]
pub struct Searcher {
    index: Option<(SearchIndex, EntitySynonyms)>,
}

impl Searcher {
    /// Carries out the [`Effect::Search`] requests in `effect` (and in the
    /// effects answering them), as the runtime's search thread does.
    pub fn settle(&mut self, app: &mut App, effect: &Effect) {
        match effect {
            Effect::Search(req) => {
                let corpus = std::sync::Arc::clone(&app.corpus);
                let (index, synonyms) = self.index.get_or_insert_with(|| {
                    let s = EntitySynonyms::from_toml(corpus.entities_toml.as_deref());
                    (SearchIndex::build(&corpus), s)
                });
                let results = search::run(index, &corpus, synonyms, req);
                if let Some(next) = app.search_done(results) {
                    self.settle(app, &next);
                }
            }
            Effect::Many(effects) => {
                for e in effects {
                    self.settle(app, e);
                }
            }
            _ => {}
        }
    }
}

/// [`Searcher::settle`] with a new index.
pub fn settle(app: &mut App, effect: &Effect) {
    Searcher::default().settle(app, effect);
}

/// Presses keys like [`run_keys`], carrying out the bookmark effects on
/// `store` as the runtime does (including picking up, after each key, a
/// change another process made to the file); returns the other effects.
pub fn run_keys_with_store(app: &mut App, store: &mut BookmarkStore, keys: &str) -> Vec<Effect> {
    let keys = Key::parse_sequence(keys).unwrap_or_else(|e| panic!("bad key sequence: {e}"));
    let mut out = Vec::new();
    for k in keys {
        match app.handle_key(k) {
            Some(Effect::Bookmarks(change)) => crate::runtime::bookmarks::apply(app, store, change),
            Some(e) => out.push(e),
            None => {}
        }
        crate::runtime::bookmarks::sync(app, store);
    }
    out
}

/// Draws `app` at its own size and returns the buffer.
pub fn render(app: &App) -> Buffer {
    let (w, h) = app.size();
    render_at(app, w, h)
}

/// Draws `app` into a `width`x`height` test terminal (which may differ from
/// the size the app was told about).
pub fn render_at(app: &App, width: u16, height: u16) -> Buffer {
    let mut t = Terminal::new(TestBackend::new(width, height)).expect("a test terminal");
    t.draw(|f| crate::ui::draw(app, f)).expect("drawing");
    t.backend().buffer().clone()
}

/// The cells of row `y` as `(column, symbol)`, leaving out the cells
/// hidden under the right half of a wide character.
fn row_cells(buf: &Buffer, y: u16) -> Vec<(u16, &str)> {
    let a = buf.area;
    let mut out = Vec::new();
    let mut x = a.left();
    while x < a.right() {
        let sym = buf[(x, y)].symbol();
        out.push((x, sym));
        x += (unicode_width::UnicodeWidthStr::width(sym) as u16).max(1);
    }
    out
}

/// The rows of a buffer as text, trailing spaces removed.
pub fn rows(buf: &Buffer) -> Vec<String> {
    let a = buf.area;
    (a.top()..a.bottom())
        .map(|y| {
            let row: String = row_cells(buf, y).into_iter().map(|(_, s)| s).collect();
            row.trim_end().to_string()
        })
        .collect()
}

/// The whole screen as text, one row per line.
pub fn text(buf: &Buffer) -> String {
    rows(buf).join("\n")
}

/// The cell position of the first occurrence of `needle` on screen
/// (within one row).
pub fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let a = buf.area;
    for y in a.top()..a.bottom() {
        let cells = row_cells(buf, y);
        for start in 0..cells.len() {
            let mut s = String::new();
            for (_, c) in &cells[start..] {
                if s.len() >= needle.len() {
                    break;
                }
                s.push_str(c);
            }
            if s.starts_with(needle) {
                return Some((cells[start].0, y));
            }
        }
    }
    None
}
