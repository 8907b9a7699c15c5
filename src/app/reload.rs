//! The articles loaded again while the reader runs (the runtime noticed
//! that the folder changed, see `runtime/watch.rs`): the new corpus and
//! its entity index arrive as [`Msg::Reloaded`] and replace the old ones.
//!
//! Everything kept by article index is carried over by article id: the
//! open and selected article, each article's passage cursor and scroll
//! (clamped to the new text), the jump list, the selection being made,
//! the entity followed (by name). What depends on the corpus is rebuilt:
//! the wrapped view, the search run last (asked again), the search index
//! ([`Effect::Reindex`]) and the bookmarks' places (re-read and
//! re-anchored as at start, [`BookmarkChange::Reload`]). The status line
//! says what changed ("2 articles added, 1 changed"). A reload that
//! changed nothing shown (a file touched, saved unchanged) is dropped.
//!
//! While an overlay other than help and the search bar is open (a note
//! being typed, a list of bookmarks or mentions, which all hold places in
//! the old corpus), the new corpus waits and is swapped in when it
//! closes. An open search bar takes it at once and asks its query again,
//! of the new articles. Never reads a file or the clock.
//!
//! The same path brings a large folder in at start: the reader starts on
//! its first articles while the runtime reads the rest, telling how far it
//! got ([`Msg::Loading`]); the status bar shows that ([`App::loading_line`])
//! and the search and entity lists say that they are partial
//! ([`App::partial_note`]). The whole corpus arrives as [`Msg::Loaded`]
//! and is swapped in like a reload, without a summary; what was kept from
//! before waits for its article ([`Loading`]): the reading positions of
//! `state.json`, the article read last (unless another was opened
//! meanwhile), the draft note. Until then `state.json` keeps the positions
//! of the articles not read yet. A folder opened from its kept index comes
//! whole but without its entity index ([`Reloaded::entities_to_come`]):
//! search is whole at once, the entity list says it is partial until the
//! index arrives as [`Msg::Entities`], for those very articles.
//!
//! [`Msg::Entities`]: super::Msg::Entities
//! [`Msg::Reloaded`]: super::Msg::Reloaded
//! [`Msg::Loading`]: super::Msg::Loading
//! [`Msg::Loaded`]: super::Msg::Loaded

use std::collections::HashMap;

use super::bookmarks::BookmarkChange;
use super::count::plural;
use super::draft::Draft;
use super::effect::Effect;
use super::jumps::Location;
pub use super::loading::Loading;
pub use super::msg::{EntitiesRead, Reloaded};
use super::notice::Level;
use super::overlay::Overlay;
use super::persist::SavedState;
use super::search::Scope;
use super::state::{App, Following};
use super::wrap::Wrapped;
use crate::core::Corpus;
use crate::core::corpus::Progress;

/// What a reload changed, by article id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleChanges {
    /// Articles that are new.
    pub added: usize,
    /// Articles whose title, metadata or text changed.
    pub changed: usize,
    /// Articles that are gone.
    pub removed: usize,
}

impl ArticleChanges {
    /// Compares two corpora article by article.
    pub fn between(old: &Corpus, new: &Corpus) -> ArticleChanges {
        let before: HashMap<&str, _> = old.articles.iter().map(|a| (a.id.as_str(), a)).collect();
        let mut c = ArticleChanges::default();
        for a in &new.articles {
            match before.get(a.id.as_str()) {
                None => c.added += 1,
                Some(o) if !o.shows_same(a) => c.changed += 1,
                Some(_) => {}
            }
        }
        c.removed = old.articles.len() + c.added - new.articles.len();
        c
    }

    /// True when no article changed.
    pub fn is_empty(&self) -> bool {
        *self == ArticleChanges::default()
    }

    /// "2 articles added, 1 changed, 1 removed"; `None` when nothing did.
    pub fn summary(&self) -> Option<String> {
        let parts: Vec<(usize, &str)> = [
            (self.added, "added"),
            (self.changed, "changed"),
            (self.removed, "removed"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .collect();
        let (first, rest) = parts.split_first()?;
        let mut text = format!("{} article{} {}", first.0, plural(first.0), first.1);
        for (n, what) in rest {
            text.push_str(&format!(", {n} {what}"));
        }
        Some(text)
    }
}

impl App {
    /// How far the folder read at start got.
    pub(super) fn loading(&mut self, progress: Progress) {
        self.loading.get_or_insert_with(Loading::default).progress = progress;
    }

    /// The whole folder read at start (or why it could not be): swapped in
    /// now, or when the open overlay closes.
    pub(super) fn loaded(&mut self, whole: Result<Box<Reloaded>, String>) -> Option<Effect> {
        match whole {
            Ok(new) => {
                let l = self.loading.get_or_insert_with(Loading::default);
                l.done = true;
                let n = new.corpus.articles.len();
                l.progress = Progress {
                    read: n,
                    parsed: n,
                    total: n,
                };
                self.pending_reload = Some(*new);
                self.swap_pending()
            }
            Err(why) => {
                self.loading = None;
                self.notify(why, Level::Warning);
                None
            }
        }
    }

    /// The entity index of the articles that came without it: in now (the
    /// search run last is asked again, for its entity matches), or with
    /// them while they wait for an overlay to close; dropped when other
    /// articles came meanwhile.
    pub(super) fn entities_read(&mut self, read: EntitiesRead) -> Option<Effect> {
        if let Some(p) = self
            .pending_reload
            .as_mut()
            .filter(|p| std::sync::Arc::ptr_eq(&p.corpus, &read.corpus))
        {
            p.entities = read.entities;
            p.entity_warnings = read.entity_warnings;
            p.entities_to_come = false;
            return None;
        }
        if std::sync::Arc::ptr_eq(&self.corpus, &read.corpus) {
            // Nothing held the empty index's entities: no overlay or
            // entity followed needs mending.
            self.entities = read.entities;
            let waited = self.loading.take_if(|l| l.entities_due);
            let name = waited.and_then(|l| l.follow);
            if let Some(e) =
                name.and_then(|n| self.entities.entities().iter().find(|e| e.name == n))
            {
                self.following = Some(Following { id: e.id, on: None });
            }
            // The search thread takes them too (the names' aliases, the
            // mentions `@name` asks for), keeping its index of these very
            // articles; then the search run last is asked again.
            let again = self.search_again();
            return Effect::many(
                [Some(Effect::Reindex), again]
                    .into_iter()
                    .flatten()
                    .collect(),
            );
        }
        None
    }

    /// Keeps `state.json` (already applied to the articles there) for the
    /// articles still being read.
    pub(super) fn keep_for_loading(&mut self, saved: SavedState) {
        let open = self.article().map(|a| a.id.clone());
        if let Some(l) = &mut self.loading {
            l.saved = Some(saved);
            l.open_at_start = open;
        }
    }

    /// The draft note, back when its article is there: now, or once the
    /// folder is read (`None` then).
    pub(super) fn draft_when_read(&mut self, d: Draft) -> Option<Draft> {
        match &mut self.loading {
            Some(l) if self.corpus.index_of(&d.article).is_none() => {
                l.draft = Some(d);
                None
            }
            _ => Some(d),
        }
    }

    /// Adds to `state.json`'s positions those of the articles not read
    /// yet, and keeps the article read last while it is still to come.
    pub(super) fn keep_unread(&self, s: &mut SavedState) {
        let Some(saved) = self.loading.as_ref().and_then(|l| l.saved.as_ref()) else {
            return;
        };
        for (id, p) in &saved.positions {
            if self.corpus.index_of(id).is_none() {
                s.positions.insert(id.clone(), *p);
            }
        }
        let last_unread = saved
            .last
            .as_ref()
            .filter(|id| self.corpus.index_of(id).is_none());
        if last_unread.is_some() && self.unmoved() {
            s.last = last_unread.cloned();
        }
    }

    /// Whether the article open is still the one opened at start.
    fn unmoved(&self) -> bool {
        let open_at_start = self.loading.as_ref().and_then(|l| l.open_at_start.as_ref());
        self.article().map(|a| &a.id) == open_at_start
    }

    /// The status bar's line while the folder is read at start:
    /// `Reading 6,300/14,000 files (45%) · search and entities partial`.
    pub fn loading_line(&self) -> Option<String> {
        let l = self.loading.as_ref()?;
        let p = l.progress;
        Some(if l.entities_due {
            format!(
                "Reading the entities of {} articles · entities partial",
                thousands(p.total)
            )
        } else if l.done {
            format!(
                "All {} articles read: the list is completed when this closes",
                thousands(p.total)
            )
        } else if p.total == 0 {
            "Reading the folder · search and entities partial".to_string()
        } else if p.parsed >= p.total {
            format!(
                "Indexing {} articles · search and entities partial",
                thousands(p.total)
            )
        } else {
            format!(
                "Reading {}/{} files ({}%) · search and entities partial",
                thousands(p.read.max(p.parsed)),
                thousands(p.total),
                p.percent()
            )
        })
    }

    /// What the search results and the entity list say while the folder is
    /// still read at start: `partial: 45% read`, `partial: indexing`, and
    /// once all is read but waits for the overlay to close, how to get it.
    /// Once only the entity index is to come, the search results are whole
    /// but for their entity matches: `entity matches to come`.
    pub fn partial_note(&self) -> Option<String> {
        let l = self.loading.as_ref()?;
        let p = l.progress;
        Some(if l.entities_due {
            "entity matches to come".to_string()
        } else if l.done {
            "partial: reopen to search all".to_string()
        } else if p.total > 0 && p.parsed >= p.total {
            "partial: indexing".to_string()
        } else {
            format!("partial: {}% read", p.percent())
        })
    }

    /// What the entity list says while it is partial: as the search
    /// results ([`App::partial_note`]), or while only the entity index is
    /// still to come, `partial: reading entities`.
    pub fn entities_note(&self) -> Option<String> {
        match &self.loading {
            Some(l) if l.entities_due => Some("partial: reading entities".to_string()),
            _ => self.partial_note(),
        }
    }

    /// Applies what waited for the whole folder, once it is swapped in:
    /// positions and the article read last from `state.json` for the
    /// articles that just came (`old` was the corpus shown before).
    fn apply_waiting(&mut self, l: &Loading, old: &Corpus) {
        let Some(saved) = &l.saved else {
            return;
        };
        let new_here = |id: &str| old.index_of(id).is_none();
        for (id, p) in &saved.positions {
            if let Some(i) = self.corpus.index_of(id).filter(|_| new_here(id)) {
                let a = &self.corpus.articles[i];
                self.positions[i].passage = p
                    .passage
                    .saturating_sub(1)
                    .min(a.passages.len().saturating_sub(1));
                self.positions[i].top = p.top.min(a.text.len());
            }
        }
        let last = saved.last.as_deref().filter(|id| new_here(id));
        let open_at_start = l.open_at_start.as_deref();
        let unmoved = self.corpus.articles.get(self.open).map(|a| a.id.as_str()) == open_at_start;
        if let Some(i) = last
            .and_then(|id| self.corpus.index_of(id))
            .filter(|_| unmoved)
        {
            self.open = i;
            self.selected = i;
        }
    }

    /// Takes a reloaded corpus: swapped in now, or when the open overlay
    /// closes.
    pub(super) fn reloaded(&mut self, new: Reloaded) -> Option<Effect> {
        // A file touched, or saved unchanged: nothing to rebuild.
        let (old, now) = (&self.corpus, &new.corpus);
        if self.pending_reload.is_none()
            && ArticleChanges::between(old, now).is_empty()
            && old.entities_toml == now.entities_toml
            && old.warnings == now.warnings
        {
            return None;
        }
        self.pending_reload = Some(new);
        self.swap_pending()
    }

    /// Swaps in the corpus waiting, if any and if no overlay holds places
    /// in the one shown.
    pub(super) fn swap_pending(&mut self) -> Option<Effect> {
        let waits = !matches!(
            self.overlay,
            None | Some(Overlay::Help(_)) | Some(Overlay::Search(_))
        );
        if waits || self.saving_note.is_some() {
            return None;
        }
        let new = self.pending_reload.take()?;
        let swapped = self.swap_corpus(new);
        // An open search bar asks again, of the new articles: its answers
        // were places in the old ones.
        if !matches!(self.overlay, Some(Overlay::Search(_))) {
            return Some(swapped);
        }
        let Some(Overlay::Search(mut bar)) = self.overlay.take() else {
            return Some(swapped);
        };
        let text = bar.text().to_string();
        let asked = (!text.trim().is_empty()).then(|| self.search_request(&text, Scope::Live));
        bar.ask_again(asked.as_ref().map(|r| r.id));
        self.overlay = Some(Overlay::Search(bar));
        Some(match asked {
            Some(req) => Effect::Many(vec![swapped, Effect::Search(req)]),
            None => swapped,
        })
    }

    fn swap_corpus(&mut self, new: Reloaded) -> Effect {
        let old = std::mem::replace(&mut self.corpus, new.corpus);
        let old_entities = std::mem::replace(&mut self.entities, new.entities);
        let index: HashMap<&str, usize> = self
            .corpus
            .articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id.as_str(), i))
            .collect();
        // Old index -> new index, for the articles still there.
        let moved: Vec<Option<usize>> = old
            .articles
            .iter()
            .map(|a| index.get(a.id.as_str()).copied())
            .collect();
        let clamp = |corpus: &Corpus, l: Location| {
            let a = &corpus.articles[l.article];
            Location {
                article: l.article,
                passage: l.passage.min(a.passages.len().saturating_sub(1)),
                top: l.top.min(a.text.len()),
            }
        };
        let remap = |l: Location| {
            let article = moved.get(l.article).copied().flatten()?;
            Some(clamp(&self.corpus, Location { article, ..l }))
        };

        let mut positions: Vec<Location> = (0..self.corpus.articles.len())
            .map(|article| Location {
                article,
                passage: 0,
                top: 0,
            })
            .collect();
        for p in &self.positions {
            if let Some(l) = remap(*p) {
                positions[l.article] = l;
            }
        }
        self.jumps.remap(remap);
        self.selection = self.selection.and_then(|(article, passage)| {
            remap(Location {
                article,
                passage,
                top: 0,
            })
            .map(|l| (l.article, l.passage))
        });
        let gone = old
            .articles
            .get(self.open)
            .filter(|_| moved.get(self.open).copied().flatten().is_none());
        let open = nearest_kept(&moved, self.open).unwrap_or(0);
        let selected = nearest_kept(&moved, self.selected).unwrap_or(open);
        self.positions = positions;
        self.open = open;
        self.selected = selected;
        // The folder read at start, whole now: what waited for it.
        // (An entity index still to come is for the corpus gone now.)
        let finished = self
            .loading
            .take_if(|l| l.done || l.entities_due)
            .filter(|l| l.done);
        if let Some(l) = &finished {
            self.apply_waiting(l, &old);
        }
        if new.entities_to_come {
            let n = self.corpus.articles.len();
            self.loading = Some(Loading {
                progress: Progress {
                    read: n,
                    parsed: n,
                    total: n,
                },
                entities_due: true,
                ..Loading::default()
            });
        }

        // Following an entity: the one of the same name, if any (once the
        // entity index is in, when it is still to come).
        let followed = self.following.and_then(|f| old_entities.entity(f.id));
        if let Some(l) = self.loading.as_mut().filter(|l| l.entities_due) {
            l.follow = followed.map(|e| e.name.clone());
        }
        self.following = self.following.and_then(|f| {
            let name = &old_entities.entity(f.id)?.name;
            let e = self.entities.entities().iter().find(|e| &e.name == name)?;
            Some(Following { id: e.id, on: None })
        });
        if self.following.is_none() && self.stepping == Some(super::Stepping::Mentions) {
            self.stepping = None;
        }

        // The view: wrapped again, the cursor still on screen.
        self.view = match self.corpus.articles.get(self.open) {
            Some(a) => Wrapped::new(self.open, a, self.view.width),
            None => Wrapped {
                article: 0,
                width: self.view.width,
                lines: Vec::new(),
                passage_lines: Vec::new(),
            },
        };
        self.rewrap();
        self.keep_cursor_on_screen();

        let mut said = match &finished {
            Some(_) => String::new(),
            None => ArticleChanges::between(&old, &self.corpus)
                .summary()
                .unwrap_or_default(),
        };
        if let (Some(a), Some(now)) = (gone, self.article()) {
            said = format!(
                "{said}: “{}”, showing “{}”",
                short(&a.title),
                short(&now.title)
            );
        }
        // A summary still up from a reload before is out of date.
        self.drop_messages(|m| is_summary(&m.text));
        let articles_changed = !said.is_empty();
        if articles_changed {
            self.notify(said, Level::Info);
        }
        if old.entities_toml != self.corpus.entities_toml {
            if !articles_changed {
                let n = self.entities.entities().len();
                self.notify(
                    format!("entities.toml read again: {n} entit{}", plural_y(n)),
                    Level::Info,
                );
            }
            if let Some(w) = new.entity_warnings.first() {
                self.notify(w.clone(), Level::Warning);
            }
        }
        if let Some(w) = self
            .corpus
            .warnings
            .iter()
            .find(|w| !old.warnings.contains(w))
        {
            self.notify(w.to_string(), Level::Warning);
        }

        if let Some(d) = finished.and_then(|l| l.draft) {
            self.offer_draft(d);
        }
        let mut effects = vec![Effect::Reindex, Effect::Bookmarks(BookmarkChange::Reload)];
        // The search run last: its hits were places in the old corpus.
        effects.extend(self.search_again());
        if gone.is_some() {
            effects.push(Effect::SaveState);
        }
        Effect::Many(effects)
    }
}

/// Whether `text` is a reload's summary ("1 article added; ...").
fn is_summary(text: &str) -> bool {
    let w: Vec<&str> = text.split([' ', ',', ';', ':']).take(3).collect();
    matches!(w[..], [n, "article" | "articles", "added" | "changed" | "removed"]
        if n.parse::<usize>().is_ok())
}

/// A title cut to fit twice in a status line: 20 columns at most.
fn short(title: &str) -> String {
    super::wrap::fit(title, 20)
}

/// `14,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// "y" for one entity, "ies" for any other number.
fn plural_y(n: usize) -> &'static str {
    if n == 1 { "y" } else { "ies" }
}

/// The new index of the article at old index `ix`, or of the nearest one
/// still there (after it first, then before it).
fn nearest_kept(moved: &[Option<usize>], ix: usize) -> Option<usize> {
    let ix = ix.min(moved.len().checked_sub(1)?);
    moved[ix..]
        .iter()
        .flatten()
        .next()
        .or_else(|| moved[..ix].iter().rev().flatten().next())
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_article_still_there_is_found() {
        let moved = [Some(0), None, None, Some(1)];
        assert_eq!(nearest_kept(&moved, 0), Some(0));
        assert_eq!(nearest_kept(&moved, 1), Some(1));
        assert_eq!(nearest_kept(&moved, 3), Some(1));
        assert_eq!(nearest_kept(&[Some(0), None], 1), Some(0));
        assert_eq!(nearest_kept(&[None], 0), None);
        assert_eq!(nearest_kept(&[], 0), None);
    }

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(14_000), "14,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn a_summary_is_told_from_other_messages() {
        assert!(is_summary("2 articles added, 1 changed"));
        assert!(is_summary("1 article removed: “A”, showing “B”"));
        assert_eq!(short("Twenty characters ok"), "Twenty characters ok");
        assert_eq!(short("Twenty-one characters"), "Twenty-one characte…");
        assert!(!is_summary("2 articles match"));
        assert!(!is_summary("Bookmarked passage 4"));
    }

    #[test]
    fn the_summary_names_each_kind_of_change() {
        let c = |added, changed, removed| ArticleChanges {
            added,
            changed,
            removed,
        };
        assert_eq!(c(0, 0, 0).summary(), None);
        assert_eq!(c(2, 1, 0).summary().unwrap(), "2 articles added, 1 changed");
        assert_eq!(c(0, 1, 0).summary().unwrap(), "1 article changed");
        assert_eq!(c(1, 0, 3).summary().unwrap(), "1 article added, 3 removed");
    }
}
