//! The concordance overlay (`c`): every mention of the current entity in
//! context, one line each, the mentions aligned in one column (KWIC),
//! grouped by article. `a`, `l` and `r` sort each article's lines by reading
//! order, left context or right context (`s` cycles); `Enter` goes to the
//! selected mention and closes. The lines come from
//! [`crate::core::entity::EntityIndex::concordance`]; `ui/concordance.rs`
//! draws them.

use super::action::Action;
use super::key::Key;
use super::keymap::Mode;
use super::list;
use super::overlay::{Step, passes_through};
use super::state::{App, Effect, Level};
use crate::core::entity::{EntityId, KwicLine, KwicSort};

/// Characters of context kept on each side (the screen shows what fits).
pub const CONTEXT_CHARS: usize = 80;

/// The state of the open concordance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concordance {
    /// The entity shown.
    pub entity: EntityId,
    /// How each article's lines are ordered.
    pub sort: KwicSort,
    /// The lines, grouped by article.
    pub lines: Vec<KwicLine>,
    /// Index of the selected line.
    pub selected: usize,
}

/// A row of the concordance: an article's heading or one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The heading of an article's group: its index and how many lines.
    Article(usize, usize),
    /// Line `i` of [`Concordance::lines`].
    Line(usize),
}

impl Concordance {
    /// The concordance of `id`, the mention the reader is on (or the first
    /// one in the open article) selected.
    pub fn new(app: &App, id: EntityId) -> Concordance {
        let mut c = Concordance {
            entity: id,
            sort: KwicSort::Article,
            lines: app
                .entities
                .concordance(&app.corpus, id, CONTEXT_CHARS, KwicSort::Article),
            selected: 0,
        };
        let here = app.current_mention();
        c.selected = c
            .lines
            .iter()
            .position(|l| Some(l.mention) == here)
            .or_else(|| c.lines.iter().position(|l| l.mention.article() >= app.open))
            .unwrap_or(0);
        c
    }

    /// The rows to draw: each article's heading, then its lines.
    pub fn rows(&self) -> Vec<Row> {
        let mut rows = Vec::with_capacity(self.lines.len() + 8);
        let mut i = 0;
        while i < self.lines.len() {
            let article = self.lines[i].mention.article();
            let n = self.lines[i..]
                .iter()
                .take_while(|l| l.mention.article() == article)
                .count();
            rows.push(Row::Article(article, n));
            rows.extend((i..i + n).map(Row::Line));
            i += n;
        }
        rows
    }

    /// Sorts each article's lines another way, keeping the selection on
    /// the same mention.
    fn resort(&mut self, app: &App, sort: KwicSort) {
        let keep = self.lines.get(self.selected).map(|l| l.mention);
        self.sort = sort;
        self.lines = app
            .entities
            .concordance(&app.corpus, self.entity, CONTEXT_CHARS, sort);
        self.selected = self
            .lines
            .iter()
            .position(|l| Some(l.mention) == keep)
            .unwrap_or(0);
    }

    /// Rows the overlay shows at the current size (border left out).
    fn page(app: &App) -> usize {
        usize::from(app.layout().overlay().height.saturating_sub(2)).max(1)
    }

    /// Goes to the selected mention: it becomes the one the reader is on.
    fn go(&self, app: &mut App) -> Step {
        let Some(line) = self.lines.get(self.selected) else {
            return Step::Stay(None);
        };
        let m = line.mention;
        let index = app
            .entities
            .mentions(self.entity)
            .iter()
            .position(|x| *x == m);
        app.follow(self.entity, index);
        Step::Close(app.go_to_mention(&m))
    }

    /// Handles an action while the concordance is open.
    pub(super) fn update(&mut self, app: &mut App, action: Action) -> Step {
        if let Some(s) = list::moved(self.selected, self.lines.len(), action, Self::page(app)) {
            self.selected = s;
            return Step::Stay(None);
        }
        match action {
            Action::Cancel | Action::Quit | Action::OpenConcordance => Step::Close(None),
            Action::Open => self.go(app),
            a if passes_through(a) => Step::Pass,
            _ => Step::Stay(None),
        }
    }

    /// The sort keys (by default `a` article order, `l` left context, `r`
    /// right context, `s` the next of these).
    pub(super) fn key(&mut self, app: &mut App, key: Key) -> Option<Step> {
        let sort = match app.keymap.action_in(Mode::Concordance, key)? {
            Action::SortByArticle => KwicSort::Article,
            Action::SortByLeft => KwicSort::Left,
            Action::SortByRight => KwicSort::Right,
            Action::NextSort => self.sort.next(),
            _ => return None,
        };
        self.resort(app, sort);
        Some(Step::Stay(None))
    }
}

impl App {
    /// `c`: the concordance of the current entity.
    pub(super) fn open_concordance(&mut self) -> Option<Effect> {
        let Some(e) = self.current_entity() else {
            let how = self.how_to_follow();
            self.notify(format!("No entity followed: {how}"), Level::Info);
            return None;
        };
        if e.mentions == 0 {
            let text = format!("{} is not mentioned in these articles", e.name);
            self.notify(text, Level::Info);
            return None;
        }
        let id = e.id;
        self.overlay = Some(super::Overlay::Concordance(Concordance::new(self, id)));
        None
    }
}
