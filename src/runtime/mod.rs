//! Owns the terminal: checks that there is one, sets it up (raw mode, the
//! alternate screen, optional mouse reporting) and always puts it back — on
//! quit, on a panic (the hook restores first, then prints), on SIGTERM,
//! SIGHUP and SIGINT — and runs the event loop. Each terminal event and
//! search answer becomes a [`Msg`] for [`App::update`], the app's one way
//! in; the [`executor`] (the same code the test harness runs) carries out
//! the effects it asks for through this module's terminal [`Host`]:
//! saving `state.json` and the search history, copying by OSC 52,
//! repainting, suspending, searching, changing the bookmarks file
//! ([`bookmarks`]). Before each redraw it tells the app the time and
//! checks (one `stat`) whether another process changed the bookmarks
//! file, and on SIGHUP, SIGTERM, SIGINT or a terminal that went away it
//! saves the note being typed before exiting.
//!
//! Input never freezes the reader: bracketed paste is on, so a paste is one
//! event ([`Msg::Paste`]) however long, never thousands of keys; the loop
//! applies every event already queued before it searches (the latest
//! request of each kind only) and draws once, so keys that come faster
//! than the reader answers are coalesced; and each frame is one
//! synchronized update, never shown half written. (crossterm reads the
//! terminal with its `use-dev-tty` source, which reads again while bytes
//! are waiting; its default source could leave the end of a burst of keys
//! unread until the next key.)
//!
//! The loop never polls: one thread blocks reading terminal events, another
//! waits for signals, a third builds the search index and then answers
//! search requests (only the latest of those queued: typing never waits for
//! a search; it indexes reloaded articles when told, [`Effect::Reindex`](crate::app::Effect::Reindex)),
//! a fourth looks at the corpus folder every second and loads it again
//! when it changed ([`watch`]; never for the bundled corpus), all send
//! into one channel, and the main thread blocks on it. A large folder is
//! not read before the first frame: the reader starts on its first
//! articles and the fourth thread reads it whole first ([`load`]), or
//! opens its kept index, and brings a change up to date reading only what
//! changed ([`update`]).
//! The screen is redrawn only after an event that reached the app (a key, a click, a resize,
//! reloaded articles); ratatui compares the new frame with the
//! last and writes only the cells that changed, in one write, through the
//! [`screen`] backend, which scrolls the rows that moved on the terminal
//! itself ([`scroll_hint`] says which) and encodes the rest tightly.
//!
//! This is the only module that writes to the terminal or reads the files
//! the reader keeps.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

use base64::Engine;
use crossterm::event::{
    DisableBracketedPaste, EnableBracketedPaste, Event as TermEvent, MouseButton, MouseEventKind,
};
use crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

pub mod bookmarks;
pub mod executor;
pub mod screen;

use crate::app::persist::SavedState;
use crate::app::search::{SearchRequest, SearchResults};
use crate::app::{Action, App, Config, Key, Level, Msg};
use crate::core::Corpus;
use crate::core::atomic::write_atomic;
use crate::core::bookmarks::BookmarkStore;
use crate::core::corpus::{LoadOptions, Snapshot};
use crate::core::entity::EntityIndex;
use crate::core::paths::Paths;
use crate::ui;
use frames::Frames;

mod draft;
pub mod frames;
mod job_control;
mod keep;
mod load;
mod scroll_hint;
mod search;
mod update;
mod watch;

use executor::{Flow, Host, Searching, deliver};
use search::{ToSearch, load_history, save_history, spawn_search};

/// Options for the reader, from the command line.
#[derive(Debug, Clone, Default)]
pub struct ReaderOptions {
    /// `--corpus DIR`.
    pub corpus: Option<PathBuf>,
    /// `--bookmarks FILE`.
    pub bookmarks: Option<PathBuf>,
    /// How to load the folder (`clean` from config.toml).
    pub load: crate::core::corpus::LoadOptions,
}

/// What the event thread and the signal thread send to the main loop.
pub(crate) enum Event {
    Term(TermEvent),
    Signal(i32),
    InputGone(String),
    Searched(SearchResults),
    /// A message from a worker thread (the watch thread).
    Msg(Msg),
}

type Term = Terminal<screen::Screen<Frames<BufWriter<Stdout>>>>;

/// Whether the terminal is in the reader's mode (so restoring twice, from
/// the panic hook and from the normal exit, does nothing the second time).
static ACTIVE: AtomicBool = AtomicBool::new(false);
/// Whether mouse reporting was turned on.
static MOUSE: AtomicBool = AtomicBool::new(false);

/// Normal mouse tracking (press, release, wheel) in SGR encoding; no motion
/// reports, so moving the pointer wakes nothing up.
const MOUSE_ON: &str = "\x1b[?1000h\x1b[?1006h";
const MOUSE_OFF: &str = "\x1b[?1006l\x1b[?1000l";

/// Runs the reader; returns the process exit status.
pub fn run(opts: ReaderOptions) -> i32 {
    if !io::stdin().is_terminal() || !io::stdout().is_terminal() {
        eprintln!(
            "dossier: the reader needs a terminal, and {} is not one.\n\
             For scripts and pipes use the subcommands: dossier list, show, search, \
             entities, mentions, bookmarks (see `dossier --help`).",
            if io::stdin().is_terminal() {
                "the output"
            } else {
                "the input"
            }
        );
        return 2;
    }
    let paths = Paths::detect();
    // A large folder: its first articles now, the rest read in the
    // background ([`load`]).
    let start = match load::first(opts.corpus.as_deref(), opts.load) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("dossier: {e}");
            return e.exit_code();
        }
    };
    let (corpus, snapshot, partial) = (start.corpus, start.snapshot, start.partial);
    let warnings = corpus.warnings.clone();
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let (config, config_error) = load_config(&paths.config_file());
    // Told the size now, the app wraps the open article once, not once
    // for 80x24 and again on the first resize.
    let size = terminal::size().unwrap_or((80, 24));
    let mut app = App::with_size(corpus, config, color, size);
    let mut start = vec![Msg::JobControl(job_control::available())];
    if partial {
        // Before the state and the draft: they wait for their articles.
        start.push(Msg::Loading(Default::default()));
    }
    if let Some(e) = config_error {
        start.push(Msg::Notify(e, Level::Error));
    }
    if let Some(first) = warnings.first() {
        let more = match warnings.len() {
            1 => String::new(),
            n => format!(" (and {} more; `dossier list` prints them all)", n - 1),
        };
        start.push(Msg::Notify(format!("{first}{more}"), Level::Warning));
    }
    start.extend(load_state(&paths.state_file()));
    start.extend(load_history(&paths.history_file()));
    start.extend(draft::load(&paths.draft_file()));
    for m in start {
        app.update(m);
    }
    let mut store = BookmarkStore::open(&paths.bookmarks_file(opts.bookmarks.as_deref()));
    for m in bookmarks::load(&app, &mut store) {
        // Bookmarks in articles not read yet are not lost: they are
        // placed again once all is read.
        if !(partial && matches!(m, Msg::Notify(_, Level::Warning))) {
            app.update(m);
        }
    }

    let mut term = match setup(app.mouse) {
        Ok(t) => t,
        Err(e) => {
            restore();
            eprintln!("dossier: cannot set up the terminal: {e}");
            return 2;
        }
    };
    // A folder is watched from its snapshot; one without is read whole
    // first.
    let watch = opts.corpus.clone().map(|dir| (dir, opts.load, snapshot));
    let result = event_loop(&mut term, &mut app, &paths, &mut store, watch);
    restore();
    if !matches!(result, Ok(Exit::Quit)) {
        // The terminal hung up, or a SIGTERM: keep the note being typed.
        match bookmarks::save_unsaved_note(&app, &mut store) {
            // Saved: its draft is not to be offered again.
            Ok(true) => {
                let _ = std::fs::remove_file(paths.draft_file());
            }
            Ok(false) => {}
            // stderr may be gone with the terminal: never panic on it.
            Err(e) => {
                let _ = writeln!(io::stderr(), "dossier: {e}");
            }
        }
    }
    match result {
        Ok(Exit::Quit) => match save_state(&paths.state_file(), &app) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!(
                    "dossier: {e}; your bookmarks are saved, only where you were reading is \
                     lost — check that the folder is writable and the disk is not full"
                );
                2
            }
        },
        Ok(Exit::Signal(s)) => {
            let _ = save_state(&paths.state_file(), &app);
            128 + s
        }
        Err(e) => {
            let _ = save_state(&paths.state_file(), &app);
            let _ = writeln!(io::stderr(), "dossier: the terminal failed: {e}");
            1
        }
    }
}

/// Sets the terminal up exactly as the reader does, then panics. Only for
/// the test that checks the panic hook puts the terminal back *before* the
/// panic message is printed (`tests/panic_restore.rs`); the binary never
/// calls it.
#[doc(hidden)]
pub fn panic_in_the_reader_for_tests() {
    let _term = setup(true);
    panic!("a test panic inside the reader");
}

/// Reads `config.toml`; a missing file gives the defaults silently, a bad
/// one the defaults and a message naming the file and line, unknown keys
/// a message naming them.
fn load_config(path: &Path) -> (Config, Option<String>) {
    match crate::core::regular_file::read_to_string(path) {
        Ok(text) => match Config::parse(&text) {
            Ok(c) => {
                // A typo in a setting's name is not an error, but is said.
                let unknown: Vec<String> = Config::warnings(&text)
                    .iter()
                    .map(|w| w.to_string())
                    .collect();
                let said = (!unknown.is_empty())
                    .then(|| format!("{}: {}", path.display(), unknown.join("; ")));
                (c, said)
            }
            Err(e) => (
                Config::default(),
                Some(format!(
                    "{}: {e} — started with the default keys; fix the file and restart",
                    path.display()
                )),
            ),
        },
        Err(e) if e.kind() == io::ErrorKind::NotFound => (Config::default(), None),
        Err(e) => (
            Config::default(),
            Some(format!(
                "cannot read {} ({e}); started with the default keys",
                path.display()
            )),
        ),
    }
}

/// Reads and parses a file the reader keeps: `None` when there is none yet,
/// the problem when it cannot be read or parsed.
pub(crate) fn load_kept<T>(
    path: &Path,
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    match crate::core::regular_file::read_to_string(path) {
        Ok(text) => parse(&text).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.to_string()),
    }
}

/// Reads `state.json`: the positions for the app, or (a bad file is
/// reported, not fatal) a message saying what happened.
fn load_state(path: &Path) -> Option<Msg> {
    match load_kept(path, SavedState::parse) {
        Ok(Some(s)) => Some(Msg::Restore(s)),
        Ok(None) => None,
        Err(problem) => Some(Msg::Notify(
            format!(
                "Reading positions in {} could not be read ({problem}); starting from the top — \
                 the file will be replaced when you switch articles or quit",
                path.display()
            ),
            Level::Warning,
        )),
    }
}

/// Writes `state.json` atomically.
fn save_state(path: &Path, app: &App) -> Result<(), String> {
    write_atomic(path, app.saved_state().to_json().as_bytes()).map_err(|e| {
        format!(
            "could not save the reading positions to {}: {e}",
            path.display()
        )
    })
}

/// Raw mode, the alternate screen, a hidden cursor, the mouse if wanted,
/// and a panic hook that restores all that before the panic is printed.
fn setup(mouse: bool) -> io::Result<Term> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
    enter(mouse)?;
    Terminal::new(screen::Screen::new(CrosstermBackend::new(Frames::new(
        BufWriter::with_capacity(1 << 16, io::stdout()),
    ))))
}

fn enter(mouse: bool) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    // Bracketed paste: a paste arrives as one event, not as keys (whose
    // letters would be commands, each one a search and a frame).
    execute!(
        out,
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste
    )?;
    if mouse {
        out.write_all(MOUSE_ON.as_bytes())?;
        out.flush()?;
        MOUSE.store(true, Ordering::SeqCst);
    }
    Ok(())
}

/// Puts the terminal back as it was; safe to call more than once and from
/// the panic hook. Errors are ignored: the terminal may be gone (SIGHUP).
fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = out.write_all(MOUSE_OFF.as_bytes());
    }
    let _ = execute!(
        out,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
    let _ = terminal::disable_raw_mode();
}

/// Why the loop ended.
enum Exit {
    Quit,
    Signal(i32),
}

/// Starts the input and signal threads; returns both ends of the channel
/// they send into.
fn spawn_sources() -> io::Result<(mpsc::Sender<Event>, mpsc::Receiver<Event>)> {
    // Start crossterm's event source now, on this thread: it installs the
    // SIGWINCH handler, so a resize arriving before the input thread first
    // blocks in `read` is still reported. (One zero-timeout check, not a
    // polling loop.)
    crossterm::event::poll(std::time::Duration::ZERO)?;
    let (tx, rx) = mpsc::channel();
    let input = tx.clone();
    std::thread::Builder::new()
        .name("input".into())
        .spawn(move || {
            loop {
                match crossterm::event::read() {
                    Ok(e) => {
                        if input.send(Event::Term(e)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        let _ = input.send(Event::InputGone(e.to_string()));
                        break;
                    }
                }
            }
        })?;
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])?;
    let signal_tx = tx.clone();
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(s) = signals.forever().next() {
                let _ = signal_tx.send(Event::Signal(s));
            }
        })?;
    Ok((tx, rx))
}

/// Turns a terminal event into a message; `None` for events the reader
/// ignores (key releases, focus changes, pointer motion).
fn msg_of(ev: TermEvent) -> Option<Msg> {
    match ev {
        TermEvent::Paste(text) => Some(Msg::Paste(text)),
        TermEvent::Key(k) => Key::from_crossterm(&k).map(Msg::Key),
        TermEvent::Resize(width, height) => Some(Msg::Action(Action::Resize { width, height })),
        TermEvent::Mouse(m) => {
            let (column, row) = (m.column, m.row);
            let action = match m.kind {
                MouseEventKind::ScrollDown => Action::Wheel {
                    column,
                    row,
                    down: true,
                },
                MouseEventKind::ScrollUp => Action::Wheel {
                    column,
                    row,
                    down: false,
                },
                MouseEventKind::Down(MouseButton::Left) => Action::Click { column, row },
                _ => return None,
            };
            Some(Msg::Action(action))
        }
        _ => None,
    }
}

fn event_loop(
    term: &mut Term,
    app: &mut App,
    paths: &Paths,
    store: &mut BookmarkStore,
    watch: Option<(PathBuf, LoadOptions, Option<Snapshot>)>,
) -> io::Result<Exit> {
    let (tx, rx) = spawn_sources()?;
    let searcher = spawn_search(
        Arc::clone(&app.corpus),
        Arc::clone(&app.entities),
        tx.clone(),
    )?;
    let mut host = TermHost {
        term,
        paths,
        searcher,
        store,
        searches: Vec::new(),
        drafts: draft::DraftWriter::spawn(paths.draft_file())?,
        reindex: None,
        panes: None,
    };
    let size = host.term.size()?;
    app.update(Action::Resize {
        width: size.width,
        height: size.height,
    });
    executor::before_frame(app, &mut host)?;
    host.draw(app)?;
    // After the first frame: reading a large folder would slow it down.
    match watch {
        Some((dir, load, Some(since))) => watch::spawn_watch(dir, load, since, tx)?,
        Some((dir, load, None)) => load::spawn_load(
            dir,
            load,
            paths.cache_dir.clone(),
            tx,
            host.searcher.clone(),
        )?,
        None => {}
    }
    loop {
        // Block for one event, then take whatever else is already queued
        // (a burst of keys, a paste, resizes) and apply it all before
        // searching and drawing once: keys that come faster than the
        // reader answers are coalesced.
        let mut next = rx.recv().ok();
        let mut changed = false;
        // Keys in a row, delivered together (a run of typed letters at once).
        let mut keys: Vec<Key> = Vec::new();
        while let Some(ev) = next.take() {
            let msg = match ev {
                Event::Term(e) => msg_of(e),
                Event::Searched(results) => Some(Msg::Searched(results)),
                Event::Msg(m) => Some(m),
                Event::Signal(s) => {
                    executor::deliver_keys(app, &mut host, &std::mem::take(&mut keys))?;
                    return Ok(Exit::Signal(s));
                }
                Event::InputGone(e) => {
                    return Err(io::Error::other(format!(
                        "cannot read the keyboard any more: {e}"
                    )));
                }
            };
            match msg {
                Some(Msg::Key(k)) => {
                    changed = true;
                    keys.push(k);
                }
                Some(msg) => {
                    changed = true;
                    if executor::deliver_keys(app, &mut host, &std::mem::take(&mut keys))?
                        == Flow::Quit
                        || deliver(app, &mut host, msg)? == Flow::Quit
                    {
                        return Ok(Exit::Quit);
                    }
                }
                None => {}
            }
            next = rx.try_recv().ok();
        }
        if executor::deliver_keys(app, &mut host, &keys)? == Flow::Quit {
            return Ok(Exit::Quit);
        }
        if changed {
            if executor::before_frame(app, &mut host)? == Flow::Quit {
                return Ok(Exit::Quit);
            }
            host.send_searches(app);
            host.draw(app)?;
        }
    }
}

/// Where effects go in the real reader: the terminal, the files, the
/// bookmarks store and the search thread.
struct TermHost<'a> {
    term: &'a mut Term,
    paths: &'a Paths,
    searcher: mpsc::Sender<ToSearch>,
    store: &'a mut BookmarkStore,
    /// Requests made while applying a batch of events, sent after it (the
    /// latest of each scope only: the others are already outdated).
    searches: Vec<SearchRequest>,
    /// The draft note's writer.
    drafts: draft::DraftWriter,
    /// Articles reloaded while applying a batch, sent before its requests.
    reindex: Option<(Arc<Corpus>, Arc<EntityIndex>)>,
    /// Where the scrolling panes were in the last frame.
    panes: Option<scroll_hint::Panes>,
}

impl TermHost<'_> {
    /// Hands the latest request of each scope to the search thread.
    fn send_searches(&mut self, app: &mut App) {
        let mut gone = false;
        if let Some((corpus, entities)) = self.reindex.take() {
            gone |= self
                .searcher
                .send(ToSearch::Corpus(corpus, entities))
                .is_err();
        }
        for req in std::mem::take(&mut self.searches) {
            gone |= self.searcher.send(ToSearch::Request(req)).is_err();
        }
        if gone {
            app.update(Msg::Notify(executor::SEARCH_GONE.into(), Level::Error));
        }
    }

    /// Draws a frame, sent in one write (a large one as a synchronized
    /// update, so no terminal shows it half written: see [`frames`]).
    fn draw(&mut self, app: &App) -> io::Result<()> {
        // Rows that scrolled are scrolled on the terminal, not sent again.
        let size = self.term.size()?;
        let panes = scroll_hint::Panes::of(app, size.width, size.height);
        for s in self.panes.map_or(Vec::new(), |p| panes.scrolls_since(&p)) {
            self.term.backend_mut().hint(s);
        }
        self.panes = Some(panes);
        self.term.backend_mut().writer_mut().begin();
        let drawn = self.term.draw(|f| ui::draw(app, f)).map(|_| ());
        let sent = self.term.backend_mut().writer_mut().end();
        drawn.and(sent)
    }
}

impl Host for TermHost<'_> {
    fn search(&mut self, req: SearchRequest) -> Searching {
        self.searches.retain(|r| r.scope != req.scope);
        self.searches.push(req);
        Searching::Later
    }

    fn reindex(&mut self, corpus: Arc<Corpus>, entities: Arc<EntityIndex>) {
        self.reindex = Some((corpus, entities));
    }

    fn copy(&mut self, text: &str) -> io::Result<()> {
        let tmux = std::env::var_os("TMUX").is_some_and(|v| !v.is_empty());
        let backend = self.term.backend_mut();
        backend.write_all(osc52(text, tmux).as_bytes())?;
        Write::flush(backend)
    }

    fn repaint(&mut self) -> io::Result<()> {
        repaint_all(self.term)
    }

    fn suspend(&mut self, mouse: bool) -> io::Result<Option<(u16, u16)>> {
        restore();
        let _ = signal_hook::low_level::raise(signal_hook::consts::SIGTSTP);
        // Resumed (`fg`): take the terminal again and repaint it all.
        enter(mouse)?;
        repaint_all(self.term)?;
        let size = self.term.size()?;
        Ok(Some((size.width, size.height)))
    }

    fn save_state(&mut self, app: &App) -> Result<(), String> {
        save_state(&self.paths.state_file(), app)
    }

    fn save_history(&mut self, app: &App) -> Result<(), String> {
        save_history(&self.paths.history_file(), app)
    }

    fn save_draft(&mut self, draft: Option<String>) {
        self.drafts.send(draft);
    }

    fn store(&mut self) -> Option<&mut BookmarkStore> {
        Some(self.store)
    }

    fn now(&self) -> time::OffsetDateTime {
        crate::core::bookmarks::now()
    }
}

/// Clears the screen and forgets what is on it, so the next draw writes
/// every cell. (`Terminal::clear` would ask the terminal for the cursor
/// position, whose answer the input thread would swallow.)
fn repaint_all(term: &mut Term) -> io::Result<()> {
    let size = term.size()?;
    term.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))
}

/// The OSC 52 sequence that asks the terminal to put `text` on the
/// clipboard. Inside tmux the plain sequence is handled by tmux itself (with
/// `set-clipboard on`), and a copy wrapped for passthrough reaches the outer
/// terminal (with `allow-passthrough on`); both are sent.
pub fn osc52(text: &str, tmux: bool) -> String {
    let b64 = base64::engine::general_purpose::STANDARD.encode(text);
    let plain = format!("\x1b]52;c;{b64}\x07");
    if tmux {
        let wrapped = format!("\x1bPtmux;{}\x1b\\", plain.replace('\x1b', "\x1b\x1b"));
        format!("{plain}{wrapped}")
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn osc52_encodes_and_wraps_for_tmux() {
        assert_eq!(osc52("hi", false), "\x1b]52;c;aGk=\x07");
        let t = osc52("hi", true);
        assert!(t.starts_with("\x1b]52;c;aGk=\x07\x1bPtmux;\x1b\x1b]52;c;aGk=\x07"));
        assert!(t.ends_with("\x1b\\"));
    }

    #[test]
    fn a_bad_config_falls_back_to_defaults_with_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        std::fs::write(&p, "[keys]\nj = \"jump\"\n").unwrap();
        let (c, msg) = load_config(&p);
        assert_eq!(c, Config::default());
        let msg = msg.unwrap();
        assert!(
            msg.contains("line 2") && msg.contains("config.toml"),
            "{msg}"
        );
        let (_, none) = load_config(&dir.path().join("missing.toml"));
        assert_eq!(none, None);
    }

    #[test]
    fn a_corrupt_state_file_is_reported_not_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("state.json");
        std::fs::write(&p, "{ nope").unwrap();
        let mut app = App::new(Corpus::bundled(), Config::default(), true);
        app.update(load_state(&p).unwrap());
        let m = app.message().unwrap();
        assert!(m.text.contains("will be replaced"), "{}", m.text);
        assert_eq!(app.open, 0);
        save_state(&p, &app).unwrap();
        assert!(SavedState::parse(&std::fs::read_to_string(&p).unwrap()).is_ok());
    }
}
