//! [`App`]: the whole state of the reader, and [`App::update`], the one
//! place it changes.
//!
//! `update` takes a [`Msg`] (a key, an action, a search answer, the
//! bookmarks file's new list, the time, ...) and may return an [`Effect`]
//! for the runtime to carry out (quit, copy to the clipboard, save the
//! reading state, repaint). It never touches the terminal or a file, and
//! never reads the clock: the time comes in as [`Msg::Now`]. The reading
//! view's movement (scrolling, the passage cursor, jumps) is in
//! `reader.rs`; what the App does for the open overlay (handing it keys and
//! actions, carrying out its requests) is in `route.rs`.
//!
//! The App's fields are made of types from data files (bookmarks, search,
//! msg, overlay, ...) that never import this one; the App's behaviour for
//! a feature lives in files this one never imports (`bookmarking.rs`,
//! `searching.rs`, `entities.rs`, `reload.rs`, ...). Keep it so: it is what
//! keeps `src/app` free of import circles.

use std::collections::VecDeque;
use std::sync::Arc;

use ratatui::layout::Rect;

use super::action::Action;
use super::bookmarks::Bookmarks;
use super::config::Config;
use super::count::short_count;
use super::effect::Effect;
use super::header::Header;
use super::highlight::{Highlight, MarkKind, PassageMark};
use super::jumps::{JumpList, Location};
use super::key::Key;
use super::keymap::Keymap;
pub use super::layout::Focus;
use super::layout::{self, Layout, Panes, ReaderAreas};
use super::msg::{Msg, Reloaded};
use super::note::NoteEditor;
use super::notice::{Level, Message};
use super::overlay::Overlay;
use super::persist::{SavedPosition, SavedState, VERSION};
use super::search::SearchState;
use super::step::Step;
use super::wrap::Wrapped;
use crate::core::entity::{EntityId, EntityIndex};
use crate::core::{Article, Corpus};

/// What `n` and `N` step through: whatever was chosen last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stepping {
    /// The mentions of the current entity (chosen with `e`, `*` or the
    /// concordance).
    Mentions,
    /// The hits of the search run last (`/` then Enter).
    Search,
}

/// The entity the reader follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Following {
    /// The entity.
    pub id: EntityId,
    /// The index (in its mentions, reading order) of the mention the reader
    /// is on, if it is on one.
    pub on: Option<usize>,
}

/// The reader's state.
#[derive(Debug, Clone)]
pub struct App {
    /// The articles (shared with the search thread).
    pub corpus: Arc<Corpus>,
    /// The key bindings (also what help shows).
    pub keymap: Keymap,
    /// False when `NO_COLOR` is set: draw with bold, reverse and underline
    /// only.
    pub color: bool,
    /// Whether mouse input is wanted (`mouse` in config.toml).
    pub mouse: bool,
    /// The focused pane.
    pub focus: Focus,
    /// Both panes, or one at a time (`z`).
    pub panes: Panes,
    /// The article selected in the list.
    pub selected: usize,
    /// The article open in the reading pane.
    pub open: usize,
    /// The overlay drawn over the panes, if any.
    pub overlay: Option<Overlay>,
    /// Per article (same index as the corpus): passage cursor and top byte.
    pub(super) positions: Vec<Location>,
    /// The open article wrapped to the reading pane's width.
    pub(super) view: Wrapped,
    /// Terminal columns and rows.
    pub(super) size: (u16, u16),
    /// Places to go back and forward to.
    pub(super) jumps: JumpList,
    /// Messages waiting to be shown; the first one is on screen, a key
    /// press dismisses it.
    messages: VecDeque<Message>,
    /// Every entity of the corpus and its mentions, built once at load.
    pub entities: Arc<EntityIndex>,
    /// The entity followed (`e`, `*`), if any.
    pub(super) following: Option<Following>,
    /// What `n` / `N` step through now.
    pub(super) stepping: Option<Stepping>,
    /// The bookmarks, as the runtime last loaded them.
    pub bookmarks: Bookmarks,
    /// `v`: the article and passage (0-based) where the selection started.
    pub(super) selection: Option<(usize, usize)>,
    /// The search run last and the history of queries.
    pub(super) search: SearchState,
    /// Whether a shell with job control can resume the reader after
    /// [`Effect::Suspend`] (the runtime finds out; true until told by
    /// [`Msg::JobControl`]). Without it, `Ctrl-z` says so instead of
    /// suspending.
    job_control: bool,
    /// The time, as last told by [`Msg::Now`] (`None` until then).
    now: Option<time::OffsetDateTime>,
    /// Articles reloaded while an overlay was open, swapped in when it
    /// closes (see `reload.rs`).
    pub(super) pending_reload: Option<Reloaded>,
    /// The note editor whose save the runtime is carrying out; reopened
    /// if the save fails (see `bookmarking.rs`).
    pub(super) saving_note: Option<NoteEditor>,
    /// The folder still being read at start (see `reload.rs`).
    pub(super) loading: Option<super::loading::Loading>,
}

impl App {
    /// A reader on `corpus` with the given settings, the first article open
    /// and the source list focused, for an 80x24 terminal until told
    /// otherwise ([`Action::Resize`]). The entity index is built here; a
    /// problem with `entities.toml` becomes a message.
    pub fn new(corpus: Corpus, config: Config, color: bool) -> App {
        App::with_size(corpus, config, color, (80, 24))
    }

    /// As [`App::new`], for a terminal of `size` (columns, rows): the first
    /// article is wrapped once, to the width it is shown at, so a first
    /// [`Action::Resize`] to the same size wraps nothing again (a long
    /// article makes that matter).
    pub fn with_size(corpus: Corpus, config: Config, color: bool, size: (u16, u16)) -> App {
        let (entities, entity_warnings) = EntityIndex::build(&corpus);
        let positions = (0..corpus.articles.len())
            .map(|article| Location {
                article,
                passage: 0,
                top: 0,
            })
            .collect();
        let (w, h) = size;
        let width = match Layout::reader_areas(w, h, Panes::Beside).wrap_width() {
            // Too small for text: wrapped as for 80x24 until a resize.
            0 => Layout::reader_areas(80, 24, Panes::Beside).wrap_width(),
            n => n,
        };
        let view = match corpus.articles.first() {
            Some(a) => Wrapped::new(0, a, width),
            None => Wrapped {
                article: 0,
                width,
                lines: Vec::new(),
                passage_lines: Vec::new(),
            },
        };
        let mut app = App {
            corpus: Arc::new(corpus),
            keymap: config.keymap,
            color,
            mouse: config.mouse,
            focus: Focus::Sources,
            panes: Panes::Beside,
            selected: 0,
            open: 0,
            overlay: None,
            positions,
            view,
            size: (w, h),
            jumps: JumpList::default(),
            messages: VecDeque::new(),
            bookmarks: Bookmarks::default(),
            selection: None,
            entities: Arc::new(entities),
            following: None,
            stepping: None,
            search: Default::default(),
            job_control: true,
            now: None,
            pending_reload: None,
            saving_note: None,
            loading: None,
        };
        if let Some(first) = entity_warnings.first() {
            let more = match entity_warnings.len() {
                1 => String::new(),
                n => format!(" (and {} more; `dossier entities` prints them all)", n - 1),
            };
            app.notify(format!("{first}{more}"), Level::Warning);
        }
        app
    }

    /// Puts back the positions of a saved state and opens the article read
    /// last. Unknown article ids are ignored; positions are clamped.
    fn restore(&mut self, saved: &SavedState) {
        for (id, p) in &saved.positions {
            if let Some(i) = self.corpus.index_of(id) {
                let n = self.corpus.articles[i].passages.len();
                self.positions[i].passage = p.passage.saturating_sub(1).min(n.saturating_sub(1));
                self.positions[i].top = p.top.min(self.corpus.articles[i].text.len());
            }
        }
        if let Some(i) = saved
            .last
            .as_deref()
            .and_then(|id| self.corpus.index_of(id))
        {
            self.open = i;
            self.selected = i;
        }
        if saved.one_pane {
            self.panes = Panes::OneAtATime;
        }
        self.rewrap();
    }

    /// What `state.json` should hold now.
    pub fn saved_state(&self) -> SavedState {
        let mut s = SavedState {
            version: VERSION,
            last: self.corpus.articles.get(self.open).map(|a| a.id.clone()),
            one_pane: self.panes == Panes::OneAtATime,
            ..SavedState::default()
        };
        for (a, p) in self.corpus.articles.iter().zip(&self.positions) {
            if p.passage > 0 || p.top > 0 {
                s.positions.insert(
                    a.id.clone(),
                    SavedPosition {
                        passage: p.passage + 1,
                        top: p.top,
                    },
                );
            }
        }
        self.keep_unread(&mut s);
        s
    }

    /// Queues a message for the status bar.
    pub(super) fn notify(&mut self, text: impl Into<String>, level: Level) {
        self.messages.push_back(Message {
            text: text.into(),
            level,
        });
    }

    /// Drops the messages, shown or waiting, that `stale` says are
    /// outdated (an earlier reload's summary, when a new one comes).
    pub(super) fn drop_messages(&mut self, stale: impl Fn(&Message) -> bool) {
        self.messages.retain(|m| !stale(m));
    }

    /// Whether `Ctrl-z` can suspend (a shell with job control is there).
    pub fn job_control(&self) -> bool {
        self.job_control
    }

    /// The time as last told ([`Msg::Now`]); what "3 d ago" counts from.
    pub fn now(&self) -> Option<time::OffsetDateTime> {
        self.now
    }

    /// The message on screen, if any.
    pub fn message(&self) -> Option<&Message> {
        self.messages.front()
    }

    /// The terminal size, columns and rows.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Where the panes are at the current size and focus.
    pub fn layout(&self) -> Layout {
        Layout::new(self.size.0, self.size.1, self.focus, self.panes)
    }

    /// The reading pane's header and text areas (as if it were shown).
    pub fn reader_areas(&self) -> ReaderAreas {
        Layout::reader_pane(self.size.0, self.size.1, self.panes)
            .map(|pane| self.reader_areas_in(pane))
            .unwrap_or_default()
    }

    /// The open article's header wrapped for the reading pane `pane`
    /// (border included).
    pub fn header_in(&self, pane: Rect) -> Header {
        let inner = layout::reader_inside(pane);
        let max = layout::header_max(inner.height);
        self.article()
            .map(|a| Header::new(a, usize::from(inner.width), max))
            .unwrap_or_default()
    }

    /// The areas of the reading pane `pane` (border included), its header
    /// sized for the open article.
    pub fn reader_areas_in(&self, pane: Rect) -> ReaderAreas {
        layout::reader_areas(pane, self.header_in(pane).rows())
    }

    /// The open article.
    pub fn article(&self) -> Option<&Article> {
        self.corpus.articles.get(self.open)
    }

    /// The open article's wrapped lines.
    pub fn view(&self) -> &Wrapped {
        &self.view
    }

    /// The text spans to highlight in article `article` (search hits,
    /// mentions of the current entity). Byte ranges into its text.
    pub fn highlights(&self, article: usize) -> Vec<Highlight> {
        let mut out = Vec::new();
        self.search_highlights(article, &mut out);
        self.mention_highlights(article, &mut out);
        out
    }

    /// The margin marks beside the passages of article `article`: the
    /// passage cursor, bookmarked passages, the selection.
    pub fn passage_marks(&self, article: usize) -> Vec<PassageMark> {
        let mut marks = Vec::new();
        if article == self.open && self.article().is_some_and(|a| !a.passages.is_empty()) {
            marks.push(PassageMark {
                passage: self.cursor(),
                kind: MarkKind::Cursor,
            });
        }
        self.bookmark_marks(article, &mut marks);
        marks
    }

    /// The short second column of the source list for article `article`:
    /// its bookmark count (`*2`, when it has any), then the current entity's
    /// mentions and where they fall, or the article's length in words.
    pub fn source_column(&self, article: usize) -> String {
        let col = self.mention_column(article).unwrap_or_else(|| {
            let words = self.corpus.articles.get(article).map_or(0, |a| a.words);
            short_count(words)
        });
        match self.bookmarks.count_in(article) {
            0 => col,
            n => format!("*{n} {col}"),
        }
    }

    /// The heading of the source list's second column.
    pub fn source_column_title(&self) -> String {
        match self.current_entity() {
            Some(e) => e.name.clone(),
            None => "words".to_string(),
        }
    }

    /// Rows each article takes in a list of `rows` rows (see
    /// [`layout::list_item_rows`]).
    pub fn list_item_rows(&self, rows: usize) -> usize {
        layout::list_item_rows(self.corpus.articles.len(), rows)
    }

    /// The first article shown in a list of `rows` rows (keeps the
    /// selection visible).
    pub fn list_offset(&self, rows: usize) -> usize {
        let shown = rows / self.list_item_rows(rows);
        if shown == 0 || self.selected < shown {
            0
        } else {
            self.selected + 1 - shown
        }
    }

    /// The mode named in the status bar.
    pub fn mode(&self) -> &'static str {
        match (&self.overlay, self.focus) {
            (Some(o), _) => o.mode(),
            (None, _) if self.selection_in(self.open).is_some() => "SELECT",
            (None, Focus::Sources) => "LIST",
            (None, Focus::Reader) => "READ",
        }
    }

    /// Changes the state for one message; returns what the runtime must
    /// do. The only way the reader's state changes from outside.
    pub fn update(&mut self, msg: impl Into<Msg>) -> Option<Effect> {
        let effect = self.handle(msg.into());
        match self.pending_reload.is_some().then(|| self.swap_pending()) {
            Some(Some(swapped)) => Effect::many(effect.into_iter().chain([swapped]).collect()),
            _ => effect,
        }
    }

    fn handle(&mut self, msg: Msg) -> Option<Effect> {
        match msg {
            Msg::Key(key) => self.key(key),
            Msg::Action(action) => self.act(action),
            Msg::Paste(text) => self.paste(&text),
            Msg::Typed(text) => self.typed(&text),
            Msg::Searched(results) => self.search_done(results),
            Msg::Bookmarks {
                list,
                anchors,
                read_only,
            } => {
                self.set_bookmarks(list, anchors, read_only);
                None
            }
            Msg::NoteSaved => {
                self.note_saved();
                None
            }
            Msg::NoteNotSaved(why) => {
                self.note_not_saved(why);
                None
            }
            Msg::NoteTargetGone => {
                self.note_target_gone();
                None
            }
            Msg::Notify(text, level) => {
                self.notify(text, level);
                None
            }
            Msg::Now(t) => {
                self.now = Some(t);
                None
            }
            Msg::SearchHistory(queries) => {
                self.set_search_history(queries);
                None
            }
            Msg::Restore(saved) => {
                self.restore(&saved);
                self.keep_for_loading(saved);
                None
            }
            Msg::Draft(d) => {
                if let Some(d) = self.draft_when_read(d) {
                    self.offer_draft(d);
                }
                None
            }
            Msg::JobControl(on) => {
                self.job_control = on;
                None
            }
            Msg::Reloaded(new) => self.reloaded(*new),
            Msg::Loading(progress) => {
                self.loading(progress);
                None
            }
            Msg::Loaded(whole) => self.loaded(whole),
            Msg::Entities(read) => self.entities_read(*read),
        }
    }

    /// How many of `keys`, from the first, the open overlay would take as
    /// typed text, one after the other: those can be given at once as
    /// [`Msg::Typed`] (the runtime does so with a burst of keys).
    pub fn typed_run(&self, keys: &[Key]) -> usize {
        match &self.overlay {
            Some(o) => keys
                .iter()
                .take_while(|&&k| o.takes_as_text(&self.keymap, k))
                .count(),
            None => 0,
        }
    }

    /// Text typed in a burst (see [`App::typed_run`]): as if each letter
    /// were pressed, inserted at once.
    fn typed(&mut self, text: &str) -> Option<Effect> {
        let mut o = self.overlay.take()?;
        self.messages.pop_front();
        let step = o.type_text(&self.ctx(), text);
        self.finish_step(o, step.unwrap_or(Step::Pass))
    }

    /// Pasted text (one piece, however long): inserted into the search
    /// bar or the note editor; elsewhere nothing happens but a message
    /// (pasted letters are never taken as commands).
    fn paste(&mut self, text: &str) -> Option<Effect> {
        self.messages.pop_front();
        if let Some(mut o) = self.overlay.take() {
            match o.paste(&self.ctx(), text) {
                Some(step) => return self.finish_step(o, step),
                None => self.overlay = Some(o),
            }
        }
        let hint = |a| self.keymap.hint(a).unwrap_or_else(|| "?".into());
        let text = format!(
            "Paste goes into the search bar ({}) or a note ({}); nothing done",
            hint(Action::OpenSearch),
            hint(Action::Bookmark)
        );
        self.notify(text, Level::Info);
        None
    }

    /// Handles one key: an open overlay may take it as text; otherwise the
    /// key map turns it into an action.
    fn key(&mut self, key: Key) -> Option<Effect> {
        if let Some(mut o) = self.overlay.take() {
            let had_message = self.messages.front().is_some();
            match o.key(&self.ctx(), key) {
                Some(step) => {
                    // The key dismisses the message that was on screen, not
                    // one the overlay just gave.
                    if had_message {
                        self.messages.pop_front();
                    }
                    return self.finish_step(o, step);
                }
                None => self.overlay = Some(o),
            }
        }
        match self.keymap.action(key) {
            Some(action) => self.act(action),
            None => {
                self.messages.pop_front();
                let help = self.keymap.hint(Action::Help).unwrap_or_else(|| "?".into());
                self.notify(
                    format!("{key} does nothing here; {help} lists the keys"),
                    Level::Info,
                );
                None
            }
        }
    }

    /// Changes the state for one action; returns what the runtime must do.
    fn act(&mut self, action: Action) -> Option<Effect> {
        let had_message = self.messages.front().is_some();
        match action {
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.rewrap();
                self.keep_cursor_on_screen();
                return None;
            }
            Action::ForceQuit => return Some(Effect::Quit),
            Action::Redraw => return Some(Effect::Redraw),
            Action::Suspend if self.job_control => return Some(Effect::Suspend),
            Action::Suspend => {
                self.messages.pop_front();
                self.notify(
                    "Not suspended: no shell with job control here to come back to",
                    Level::Info,
                );
                return None;
            }
            Action::Wheel { .. } | Action::Click { .. } => {}
            _ => {
                // A key press dismisses the message on screen.
                self.messages.pop_front();
            }
        }
        if let Some(mut o) = self.overlay.take() {
            match o.update(&self.ctx(), action) {
                Step::Pass => self.overlay = Some(o),
                step => return self.finish_step(o, step),
            }
        }
        match action {
            Action::Quit => Some(Effect::Quit),
            Action::Help => self.open_help(),
            Action::ShowHidden => self.open_hidden(),
            Action::Cancel => {
                // Esc clears the messages; with none on screen it drops the
                // selection, clears the search being stepped through, or
                // stops following the current entity.
                self.messages.clear();
                if self.selection.is_some() {
                    self.drop_selection();
                } else if !had_message {
                    if self.stepping == Some(Stepping::Search) {
                        self.clear_search();
                    } else if self.following.is_some() {
                        self.unfollow();
                    }
                }
                None
            }
            Action::OpenSearch => self.open_search(),
            Action::Bookmark => self.start_bookmark(),
            Action::SelectPassages => self.toggle_selection(),
            Action::OpenBookmarkList => self.open_bookmark_list(),
            Action::OpenEntityPicker => self.open_entity_picker(),
            Action::EntityAtCursor => self.entity_at_cursor(),
            Action::OpenConcordance => self.open_concordance(),
            Action::OpenCoOccurrence => self.open_co_occurrence(),
            Action::NextMatch => self.step_match(true),
            Action::PrevMatch => self.step_match(false),
            Action::TogglePanes => {
                self.panes = self.panes.toggled();
                self.rewrap();
                self.keep_cursor_on_screen();
                None
            }
            Action::FocusNext | Action::FocusPrev => {
                self.focus = match self.focus {
                    Focus::Sources => Focus::Reader,
                    Focus::Reader => Focus::Sources,
                };
                None
            }
            Action::Down
            | Action::Up
            | Action::PageDown
            | Action::PageUp
            | Action::HalfPageDown
            | Action::HalfPageUp
            | Action::Top
            | Action::Bottom => match self.focus {
                Focus::Sources => {
                    self.move_selection(action);
                    None
                }
                Focus::Reader => self.move_reader(action),
            },
            Action::Open => match self.focus {
                Focus::Sources => {
                    self.focus = Focus::Reader;
                    self.open_article(self.selected)
                }
                Focus::Reader => None,
            },
            Action::NextArticle => self.step_article(1),
            Action::PrevArticle => self.step_article(-1),
            Action::NextPassage => self.step_passage(1),
            Action::PrevPassage => self.step_passage(-1),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::CopyPassage => self.copy_passage(),
            Action::Wheel { column, row, down } => self.wheel(column, row, down),
            Action::Click { column, row } => self.click(column, row),
            _ => None,
        }
    }

    fn move_selection(&mut self, action: Action) {
        let n = self.corpus.articles.len();
        let rows = self
            .layout()
            .list
            .map_or(1, |r| usize::from(layout::list_inner(r).height).max(1));
        // Articles per page.
        let page = (rows / self.list_item_rows(rows)).max(1);
        if let Some(s) = super::list::moved(self.selected, n, action, page) {
            self.selected = s;
        }
    }

    /// The wheel turned (no overlay open: overlays get it in `update`).
    fn wheel(&mut self, column: u16, row: u16, down: bool) -> Option<Effect> {
        let at = ratatui::layout::Position::new(column, row);
        let l = self.layout();
        if l.list.is_some_and(|r| r.contains(at)) {
            self.move_selection(if down { Action::Down } else { Action::Up });
        } else if l.reader.is_some_and(|r| r.contains(at)) {
            self.scroll_by(if down { 3 } else { -3 });
        }
        None
    }

    /// A click (no overlay open): select and open an article, or move the
    /// passage cursor.
    fn click(&mut self, column: u16, row: u16) -> Option<Effect> {
        let at = ratatui::layout::Position::new(column, row);
        let l = self.layout();
        if let Some(list) = l.list.filter(|r| r.contains(at)) {
            self.focus = Focus::Sources;
            let inner = layout::list_inner(list);
            if inner.contains(at) {
                let rows = usize::from(inner.height);
                let ix =
                    self.list_offset(rows) + usize::from(row - inner.y) / self.list_item_rows(rows);
                if ix < self.corpus.articles.len() {
                    self.selected = ix;
                    return self.open_article(ix);
                }
            }
        } else if let Some(reader) = l.reader.filter(|r| r.contains(at)) {
            self.focus = Focus::Reader;
            let text = self.reader_areas_in(reader).text;
            if text.contains(at) {
                let line = self.scroll() + usize::from(row - text.y);
                if let Some(p) = self.view.lines.get(line).and_then(|l| l.passage) {
                    self.positions[self.open].passage = p;
                }
            }
        }
        None
    }
}
