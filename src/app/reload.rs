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
//! While an overlay other than help is open (a note being typed, the
//! search bar, a list of bookmarks or mentions, which all hold places in
//! the old corpus), the new corpus waits and is swapped in when it
//! closes. Never reads a file or the clock.
//!
//! [`Msg::Reloaded`]: super::Msg::Reloaded

use std::collections::HashMap;

use super::bookmarks::BookmarkChange;
use super::count::plural;
use super::effect::Effect;
use super::jumps::Location;
pub use super::msg::Reloaded;
use super::notice::Level;
use super::overlay::Overlay;
use super::state::{App, Following};
use super::wrap::Wrapped;
use crate::core::{Article, Corpus};

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
                Some(o) if !same_article(o, a) => c.changed += 1,
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
        if !matches!(self.overlay, None | Some(Overlay::Help(_))) || self.saving_note.is_some() {
            return None;
        }
        let new = self.pending_reload.take()?;
        Some(self.swap_corpus(new))
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

        // Following an entity: the one of the same name, if any.
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

        let mut said = ArticleChanges::between(&old, &self.corpus)
            .summary()
            .unwrap_or_default();
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

        let mut effects = vec![Effect::Reindex, Effect::Bookmarks(BookmarkChange::Reload)];
        // The search run last: its hits were places in the old corpus.
        effects.extend(self.search_again());
        if gone.is_some() {
            effects.push(Effect::SaveState);
        }
        Effect::Many(effects)
    }
}

/// Whether two versions of an article show the same: title, metadata,
/// text, passages and hidden blocks.
fn same_article(a: &Article, b: &Article) -> bool {
    let shape = |x: &Article| {
        x.passages
            .iter()
            .map(|p| (p.range.clone(), p.kind))
            .collect::<Vec<_>>()
    };
    a.title == b.title
        && a.meta == b.meta
        && a.text == b.text
        && a.hidden == b.hidden
        && shape(a) == shape(b)
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
