//! Helpers for tests of the reader, shared by the unit tests, `tests/` and
//! every feature that plugs into the reader: build an [`App`] on the bundled
//! corpus, drive it with key sequences through the real key map, draw it
//! into ratatui's `TestBackend` and read the screen back.
//!
//! Not part of the public API (hidden from the docs); never used by the
//! binary.

use std::io;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use time::OffsetDateTime;

use crate::app::search::{self, SearchRequest};
use crate::app::{Action, App, Config, Effect, Key, Msg};
use crate::core::Corpus;
use crate::core::bookmarks::BookmarkStore;
use crate::core::search::{EntitySynonyms, SearchIndex};
use crate::runtime::executor::{self, Host, Searching};

/// A reader on the bundled corpus with the default keys, in colour, at
/// `width`x`height`.
pub fn app(width: u16, height: u16) -> App {
    app_with(Corpus::bundled(), Config::default(), width, height)
}

/// A reader on `corpus` with `config` at `width`x`height`, told the time
/// now.
pub fn app_with(corpus: Corpus, config: Config, width: u16, height: u16) -> App {
    let mut app = App::with_size(corpus, config, true, (width, height));
    app.update(Action::Resize { width, height });
    app.update(Msg::Now(crate::core::bookmarks::now()));
    app
}

/// Presses the keys of `keys` (`jj<enter>J<c-o>`, see
/// [`Key::parse_sequence`]) through the app's key map; returns the effects
/// the keys asked for. They are carried out by the runtime's own executor
/// ([`executor`]) on a [`TestHost`] without a bookmarks file: searches are
/// answered at once, as the search thread would answer them; files and
/// the clipboard are left alone. Panics on a sequence that does not parse
/// (a bug in the test).
pub fn run_keys(app: &mut App, keys: &str) -> Vec<Effect> {
    press(app, &mut TestHost::for_app(app), keys, true)
}

/// Presses keys like [`run_keys`], with the bookmark effects carried out
/// on `store` as the runtime does (including picking up, after each key, a
/// change another process made to the file); returns the other effects.
pub fn run_keys_with_store(app: &mut App, store: &mut BookmarkStore, keys: &str) -> Vec<Effect> {
    let mut host = TestHost {
        store: Some(store),
        ..TestHost::for_app(app)
    };
    press(app, &mut host, keys, false)
}

fn press(app: &mut App, host: &mut TestHost, keys: &str, keep_bookmarks: bool) -> Vec<Effect> {
    let keys = Key::parse_sequence(keys).unwrap_or_else(|e| panic!("bad key sequence: {e}"));
    let mut out = Vec::new();
    for k in keys {
        if let Some(e) = app.update(k) {
            if keep_bookmarks || !matches!(e, Effect::Bookmarks(_)) {
                out.push(e.clone());
            }
            executor::execute(app, host, e).expect("a test host never fails");
        }
        executor::before_frame(app, host).expect("a test host never fails");
    }
    out
}

/// Delivers one message (a paste, a resize, ...) through the runtime's
/// executor, as [`run_keys`] does for keys; returns the effect it asked
/// for, if any.
pub fn send(app: &mut App, msg: impl Into<Msg>) -> Option<Effect> {
    let mut host = TestHost::for_app(app);
    let effect = app.update(msg)?;
    executor::execute(app, &mut host, effect.clone()).expect("a test host never fails");
    Some(effect)
}

/// Delivers one message like [`send`], with the bookmark effects carried
/// out on `store` as the runtime does.
pub fn send_with_store(app: &mut App, store: &mut BookmarkStore, msg: impl Into<Msg>) {
    let mut host = TestHost {
        store: Some(store),
        ..TestHost::for_app(app)
    };
    executor::deliver(app, &mut host, msg).expect("a test host never fails");
}

/// Gives `app` the bookmarks of a freshly opened `store`, as the runtime
/// does at start ([`crate::runtime::bookmarks::load`]).
pub fn open_store(app: &mut App, store: &mut BookmarkStore) {
    for m in crate::runtime::bookmarks::load(app, store) {
        app.update(m);
    }
}

/// The test side of [`Host`]: searches answered on the spot with an index
/// built on first use, an optional bookmarks file, a clock (the time now
/// unless fixed), and nothing written anywhere else.
#[derive(Default)]
pub struct TestHost<'a> {
    index: Option<(SearchIndex, EntitySynonyms)>,
    corpus: Option<std::sync::Arc<Corpus>>,
    entities: Option<std::sync::Arc<crate::core::entity::EntityIndex>>,
    /// The bookmarks file, if the test has one.
    pub store: Option<&'a mut BookmarkStore>,
    /// The time told to the app; the clock when `None`.
    pub clock: Option<OffsetDateTime>,
}

impl TestHost<'_> {
    /// A host answering searches on `app`'s corpus, its clock stopped at
    /// the time `app` was last told: in tests, time moves only when a test
    /// says so (`Msg::Now`), so a screen is the same on every run.
    pub fn for_app(app: &App) -> TestHost<'static> {
        TestHost {
            corpus: Some(std::sync::Arc::clone(&app.corpus)),
            entities: Some(std::sync::Arc::clone(&app.entities)),
            clock: app.now(),
            ..TestHost::default()
        }
    }
}

impl Host for TestHost<'_> {
    fn search(&mut self, req: SearchRequest) -> Searching {
        let Some(corpus) = self.corpus.clone() else {
            return Searching::Gone;
        };
        let entities = self.entities.as_deref();
        // As the search thread does: the entity index's names.
        let (index, synonyms) = self.index.get_or_insert_with(|| {
            let s = match entities {
                Some(e) => EntitySynonyms::from_entities(e.entities()),
                None => EntitySynonyms::from_toml(corpus.entities_toml.as_deref()),
            };
            (SearchIndex::build(&corpus), s)
        });
        Searching::Answered(Box::new(search::run(
            index, &corpus, synonyms, entities, &req,
        )))
    }

    fn reindex(
        &mut self,
        corpus: std::sync::Arc<Corpus>,
        entities: std::sync::Arc<crate::core::entity::EntityIndex>,
    ) {
        self.corpus = Some(corpus);
        self.entities = Some(entities);
        self.index = None;
    }

    fn copy(&mut self, _text: &str) -> io::Result<()> {
        Ok(())
    }

    fn repaint(&mut self) -> io::Result<()> {
        Ok(())
    }

    fn suspend(&mut self, _mouse: bool) -> io::Result<Option<(u16, u16)>> {
        Ok(None)
    }

    fn save_state(&mut self, _app: &App) -> Result<(), String> {
        Ok(())
    }

    fn save_history(&mut self, _app: &App) -> Result<(), String> {
        Ok(())
    }

    fn save_draft(&mut self, _draft: Option<String>) {}

    fn store(&mut self) -> Option<&mut BookmarkStore> {
        self.store.as_deref_mut()
    }

    fn now(&self) -> OffsetDateTime {
        self.clock.unwrap_or_else(crate::core::bookmarks::now)
    }
}

/// Carries out `effect` (and what follows from it) as the runtime would,
/// on a [`TestHost`] without a bookmarks file.
pub fn settle(app: &mut App, effect: &Effect) {
    let mut host = TestHost::for_app(app);
    executor::execute(app, &mut host, effect.clone()).expect("a test host never fails");
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
