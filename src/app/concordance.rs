//! The concordance overlay (`c`): every mention of the current entity in
//! context, one line each, the mentions aligned in one column (KWIC),
//! grouped by article. `a`, `l` and `r` sort each article's lines by reading
//! order, left context or right context (`s` cycles); `Enter` goes to the
//! selected mention and closes. The lines come from
//! [`crate::core::entity::EntityIndex::concordance`]; `ui/concordance.rs`
//! draws them.

use super::action::Action;
use super::hint::Hint::{self, Key as K};
use super::key::Key;
use super::keymap::Mode;
use super::list::Cursor;
use super::step::{Ctx, Request, Step, passes_through};
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
    /// The selected line (an index into `lines`).
    pub cursor: Cursor,
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
    pub fn new(ctx: &Ctx, id: EntityId) -> Concordance {
        let lines = ctx
            .entities
            .concordance(ctx.corpus, id, CONTEXT_CHARS, KwicSort::Article);
        let selected = lines
            .iter()
            .position(|l| Some(l.mention) == ctx.mention)
            .or_else(|| lines.iter().position(|l| l.mention.article() >= ctx.open))
            .unwrap_or(0);
        Concordance {
            entity: id,
            sort: KwicSort::Article,
            lines,
            cursor: Cursor::at(selected),
        }
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
    fn resort(&mut self, ctx: &Ctx, sort: KwicSort) {
        let keep = self.lines.get(self.cursor.selected).map(|l| l.mention);
        self.sort = sort;
        self.lines = ctx
            .entities
            .concordance(ctx.corpus, self.entity, CONTEXT_CHARS, sort);
        self.cursor.selected = self
            .lines
            .iter()
            .position(|l| Some(l.mention) == keep)
            .unwrap_or(0);
    }

    /// Goes to the selected mention: it becomes the one the reader is on.
    fn go(&self, ctx: &Ctx) -> Step {
        let Some(line) = self.lines.get(self.cursor.selected) else {
            return Step::stay();
        };
        let mention = line.mention;
        let index = ctx
            .entities
            .mentions(self.entity)
            .iter()
            .position(|x| *x == mention);
        Step::Close(vec![Request::FollowMention {
            entity: self.entity,
            index,
            mention,
        }])
    }

    /// Handles an action while the concordance is open.
    pub(super) fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        // Rows the overlay shows at the current size (border left out).
        if self
            .cursor
            .move_by(action, self.lines.len(), ctx.overlay_rows(2))
        {
            return Step::stay();
        }
        match action {
            Action::Cancel | Action::Quit | Action::OpenConcordance => Step::close(),
            Action::Open => self.go(ctx),
            a if passes_through(a) => Step::Pass,
            _ => Step::stay(),
        }
    }

    /// The sort keys (by default `a` article order, `l` left context, `r`
    /// right context, `s` the next of these).
    pub(super) fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        let sort = match ctx.keymap.action_in(Mode::Concordance, key)? {
            Action::SortByArticle => KwicSort::Article,
            Action::SortByLeft => KwicSort::Left,
            Action::SortByRight => KwicSort::Right,
            Action::NextSort => self.sort.next(),
            _ => return None,
        };
        self.resort(ctx, sort);
        Some(Step::stay())
    }
}

impl super::step::Room for Concordance {
    fn mode(&self) -> &'static str {
        "CONCORDANCE"
    }
    fn hints(&self) -> &'static [Hint] {
        &[
            K(Mode::Concordance, Action::Down, "down"),
            K(Mode::Concordance, Action::Up, "up"),
            K(Mode::Concordance, Action::Open, "go"),
            K(Mode::Concordance, Action::Cancel, "close"),
        ]
    }
    fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        Concordance::update(self, ctx, action)
    }
    fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        Concordance::key(self, ctx, key)
    }
}
