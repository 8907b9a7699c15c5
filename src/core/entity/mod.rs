//! Entities: the people, places, organisations, events and documents a
//! corpus talks about, and every mention of them.
//!
//! * [`catalogue`] reads `entities.toml`: canonical names, kinds, aliases.
//! * [`matcher`] finds catalogue names in a text with one multi-pattern
//!   automaton (aho-corasick, leftmost-longest) and applies the matching
//!   rules: whole words only, the longest name wins (and the names nested
//!   inside it count too, see [`Mention::is_nested`]), possessive endings stay
//!   outside the mention, case/accents/quotes/space kinds do not matter
//!   except for acronyms, which match only in capitals.
//! * [`discover`] finds the names that the catalogue lacks (capitalised
//!   words and runs of them), merges their variants and guesses their
//!   kinds, so a folder without `entities.toml` still gets entities.
//! * [`EntityIndex`] holds every mention, indexed once at load, and answers
//!   the reader's questions quickly: the mentions of an entity in reading
//!   order, the next and previous one from any position (binary search),
//!   the entities of a passage, counts and dispersion per article.
//! * Co-occurrence ([`EntityIndex::co_occurring`],
//!   [`EntityIndex::passages_with_all`]): the entities of the same
//!   passages, and the passages where several entities meet.
//! * [`concordance`] lays mentions out as KWIC lines (left context, the
//!   mention, right context) for the CLI and the reader alike.
//!
//! What is counted: every word shown in the reading pane — the title, the
//! metadata line (`author · source · date`, see [`Field`]) and the body.
//!
//! This module knows nothing of the terminal and never prints: problems with
//! a catalogue are returned as [`crate::core::corpus::LoadWarning`]s.

pub mod catalogue;
pub mod concordance;
mod cooccur;
pub mod discover;
mod disk;
mod index;
mod kept;
pub mod matcher;
mod names;
mod update;

pub use kept::Discovery;

use std::borrow::Cow;
use std::ops::Range;

use super::corpus::Article;

pub use concordance::{KwicLine, KwicSort};
pub use cooccur::{CoOccurrence, PassageRef};

/// Identifies an entity within one [`EntityIndex`] (its position in
/// [`EntityIndex::entities`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EntityId(u32);

impl EntityId {
    /// The position of the entity in [`EntityIndex::entities`].
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// What sort of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person.
    Person,
    /// A country, region, city, village, corridor, sea...
    Place,
    /// A state institution, alliance, company, outlet, armed force...
    Organisation,
    /// A war, operation, blockade, revolution...
    Event,
    /// Anything else: treaties and other documents, projects, and
    /// discovered names whose kind cannot be told.
    Other,
}

impl Kind {
    /// Every kind, in the order lists show them.
    pub const ALL: [Kind; 5] = [
        Kind::Person,
        Kind::Place,
        Kind::Organisation,
        Kind::Event,
        Kind::Other,
    ];

    /// The name used in `entities.toml` and in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Organisation => "organisation",
            Kind::Event => "event",
            Kind::Other => "other",
        }
    }

    /// Reads a kind as written in `entities.toml` (any case; the American
    /// "organization" and a few plurals are accepted).
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "people" | "persons" => Some(Kind::Person),
            "place" | "places" | "location" => Some(Kind::Place),
            "organisation" | "organization" | "organisations" | "organizations" | "org" => {
                Some(Kind::Organisation)
            }
            "event" | "events" => Some(Kind::Event),
            "other" | "treaty" | "document" => Some(Kind::Other),
            _ => None,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One entity: from the catalogue or discovered in the texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Its id in the index.
    pub id: EntityId,
    /// The canonical name.
    pub name: String,
    /// Person, place, organisation, event or other.
    pub kind: Kind,
    /// The other names it is matched by, as written in the catalogue (the
    /// canonical name is not repeated here).
    pub aliases: Vec<String>,
    /// True when discovery found it (it is not in `entities.toml`).
    pub discovered: bool,
    /// How many mentions the corpus has.
    pub mentions: usize,
    /// In how many articles it is mentioned.
    pub articles: usize,
}

/// The part of an article a mention is in. The order is reading order: the
/// reading pane shows the title, then the metadata line, then the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// [`Article::title`].
    Title,
    /// The metadata line, [`crate::core::Meta::line`] (`author · source · date`).
    Meta,
    /// [`Article::text`], the passages.
    Body,
}

impl Field {
    /// `title`, `meta` or `body`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Meta => "meta",
            Field::Body => "body",
        }
    }
}

/// The text of one field of an article, which a mention's range points into.
pub fn field_text(article: &Article, field: Field) -> Cow<'_, str> {
    match field {
        Field::Title => Cow::Borrowed(&article.title),
        Field::Meta => Cow::Owned(article.meta.line()),
        Field::Body => Cow::Borrowed(&article.text),
    }
}

/// A point in the corpus in reading order: article, then field, then byte
/// offset into that field's text. Used to step from one mention to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Position {
    /// Index of the article in [`crate::core::Corpus::articles`].
    pub article: usize,
    /// Title, metadata line or body.
    pub field: Field,
    /// Byte offset into the field's text (see [`field_text`]).
    pub byte: usize,
}

impl Position {
    /// A position in the body of an article (a passage cursor, a scroll
    /// position).
    pub fn body(article: usize, byte: usize) -> Position {
        Position {
            article,
            field: Field::Body,
            byte,
        }
    }

    /// Before everything in an article, title included.
    pub fn article_start(article: usize) -> Position {
        Position {
            article,
            field: Field::Title,
            byte: 0,
        }
    }
}

/// One mention of an entity: where it is and which entity it names.
///
/// Stored compactly in 16 bytes (a large corpus has millions; 18.8 M at
/// 1 GB of text); read it through the accessors. The range is in bytes
/// into the field's text ([`field_text`]): for the body, into
/// [`Article::text`], so the reader can highlight it directly; `passage`
/// is the 1-based passage number, 0 for the title and the metadata line.
///
/// The packing sets limits far beyond any corpus the reader can hold:
/// [`Mention::MAX_ENTITIES`] entities and [`Mention::MAX_ARTICLES`]
/// articles, mentions of at most [`Mention::MAX_LEN`] bytes and passage
/// numbers up to [`Mention::MAX_PASSAGE`]. A mention beyond them cannot be
/// made ([`Mention::new`] gives `None`) and is left out of the index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Mention {
    /// The entity (bits 0-23), the article (24-47) and the length of the
    /// range (48-63).
    ids: u64,
    /// Where the range starts.
    start: u32,
    /// The passage number (bits 0-28), the field (29-30) and whether the
    /// mention is nested (31).
    place: u32,
}

const ENTITY_BITS: u32 = 24;
const ARTICLE_BITS: u32 = 24;
const PASSAGE_BITS: u32 = 29;
const NESTED_BIT: u32 = 1 << 31;

impl Mention {
    /// How many entities an index can tell apart.
    pub const MAX_ENTITIES: usize = 1 << ENTITY_BITS;
    /// How many articles an index can hold mentions in.
    pub const MAX_ARTICLES: usize = 1 << ARTICLE_BITS;
    /// The longest mention, in bytes.
    pub const MAX_LEN: usize = u16::MAX as usize;
    /// The highest passage number.
    pub const MAX_PASSAGE: usize = (1 << PASSAGE_BITS) - 1;

    /// The mention of `entity` at `range` of a field of an article, or
    /// `None` beyond the limits of the packing (see [`Mention`]) or for a
    /// range that ends before it starts or past 4 GB.
    pub(crate) fn new(
        entity: EntityId,
        article: usize,
        field: Field,
        passage: usize,
        range: Range<usize>,
    ) -> Option<Mention> {
        let len = range.end.checked_sub(range.start)?;
        if article >= Self::MAX_ARTICLES
            || passage > Self::MAX_PASSAGE
            || len > Self::MAX_LEN
            || u32::try_from(range.end).is_err()
        {
            return None;
        }
        let field = match field {
            Field::Title => 0,
            Field::Meta => 1,
            Field::Body => 2,
        };
        Mention {
            ids: (article as u64) << ENTITY_BITS | (len as u64) << (ENTITY_BITS + ARTICLE_BITS),
            start: range.start as u32,
            place: passage as u32 | field << PASSAGE_BITS,
        }
        .with_entity(entity)
    }

    /// The same mention of another entity, or `None` for an id beyond
    /// [`Mention::MAX_ENTITIES`].
    pub(crate) fn with_entity(mut self, entity: EntityId) -> Option<Mention> {
        if entity.index() >= Self::MAX_ENTITIES {
            return None;
        }
        self.ids = self.ids & !((1 << ENTITY_BITS) - 1) | u64::from(entity.0);
        Some(self)
    }

    /// The same mention in another article (its place in a changed
    /// corpus), or `None` beyond [`Mention::MAX_ARTICLES`].
    pub(crate) fn with_article(mut self, article: usize) -> Option<Mention> {
        if article >= Self::MAX_ARTICLES {
            return None;
        }
        let mask = ((1u64 << ARTICLE_BITS) - 1) << ENTITY_BITS;
        self.ids = self.ids & !mask | (article as u64) << ENTITY_BITS;
        Some(self)
    }

    /// The same mention, marked as nested inside a longer one.
    pub(crate) fn nested(mut self) -> Mention {
        self.place |= NESTED_BIT;
        self
    }

    /// True when the mention lies inside a longer mention of another
    /// entity ("Ukraine" in "war in Ukraine", "Rhode Island" in "Rhode
    /// Island Heritage Week"). Such a mention counts for its entity like
    /// any other (counts, `n`/`N`, the concordance, highlighting of that
    /// entity), but a view that marks every entity at once should draw the
    /// outer one only: [`EntityIndex::top_mentions`].
    pub fn is_nested(&self) -> bool {
        self.place & NESTED_BIT != 0
    }

    /// The entity mentioned.
    pub fn entity(&self) -> EntityId {
        EntityId((self.ids & ((1 << ENTITY_BITS) - 1)) as u32)
    }

    /// Index of the article in [`crate::core::Corpus::articles`].
    pub fn article(&self) -> usize {
        ((self.ids >> ENTITY_BITS) & ((1 << ARTICLE_BITS) - 1)) as usize
    }

    /// Title, metadata line or body.
    pub fn field(&self) -> Field {
        match (self.place >> PASSAGE_BITS) & 3 {
            0 => Field::Title,
            1 => Field::Meta,
            _ => Field::Body,
        }
    }

    /// The 1-based passage number; 0 for the title and the metadata line.
    pub fn passage(&self) -> usize {
        (self.place & ((1 << PASSAGE_BITS) - 1)) as usize
    }

    /// Byte range into the field's text ([`field_text`]).
    pub fn range(&self) -> Range<usize> {
        self.start()..self.end()
    }

    /// Where the range starts.
    pub(crate) fn start(&self) -> usize {
        self.start as usize
    }

    /// Where the range ends.
    pub(crate) fn end(&self) -> usize {
        self.start as usize + (self.ids >> (ENTITY_BITS + ARTICLE_BITS)) as usize
    }

    /// Where the mention starts, in reading order.
    pub fn position(&self) -> Position {
        Position {
            article: self.article(),
            field: self.field(),
            byte: self.start(),
        }
    }
}

/// The answer to "next/previous mention": the mention and where it stands
/// among the entity's mentions, for a status line such as
/// `Lavrov · mention 2/3 · article 1/2`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// The mention jumped to.
    pub mention: Mention,
    /// Its 0-based index among all the entity's mentions.
    pub index: usize,
    /// How many mentions the entity has in the corpus.
    pub total: usize,
    /// Its 0-based index among the entity's mentions in this article.
    pub index_in_article: usize,
    /// How many mentions the entity has in this article.
    pub in_article: usize,
    /// The 0-based index of this article among the articles that mention
    /// the entity.
    pub article_ordinal: usize,
    /// How many articles mention the entity.
    pub articles: usize,
    /// True when the step went past the end (or the start) and came round.
    pub wrapped: bool,
}

/// Every entity of a corpus and every mention of them, built once at load.
///
/// Mentions are kept once, grouped by entity (then reading order) for
/// stepping through one entity; a second order, by article (reading
/// order), for "what is mentioned here", is a list of their places (4 bytes
/// a mention rather than a second copy of each). It is `Send + Sync` and never changes after
/// [`EntityIndex::build`].
#[derive(Debug, Clone, Default)]
pub struct EntityIndex {
    entities: Vec<Entity>,
    /// Grouped by entity, reading order within a group.
    by_entity: Vec<Mention>,
    /// `by_entity[entity_start[e]..entity_start[e + 1]]` are entity e's.
    entity_start: Vec<usize>,
    /// The articles each entity is mentioned in, ascending.
    entity_articles: Vec<Vec<u32>>,
    /// Every mention in reading order, as its place in `by_entity`.
    by_article: Vec<u32>,
    /// `by_article[article_start[a]..article_start[a + 1]]` are article a's.
    article_start: Vec<usize>,
    /// Body length of every article, for dispersion.
    body_len: Vec<usize>,
    /// Folded names and aliases -> entity, for lookup.
    names: std::collections::HashMap<String, EntityId>,
}

impl EntityIndex {
    /// Every entity: the catalogue's in file order, then the discovered ones
    /// (most mentioned first).
    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// The entity with this id.
    pub fn entity(&self, id: EntityId) -> Option<&Entity> {
        self.entities.get(id.index())
    }

    /// Every mention of an entity, in reading order.
    pub fn mentions(&self, id: EntityId) -> &[Mention] {
        group(&self.by_entity, &self.entity_start, id.index())
    }

    /// The mentions of an entity in one article, in reading order.
    pub fn mentions_in(&self, id: EntityId, article: usize) -> &[Mention] {
        let all = self.mentions(id);
        let s = all.partition_point(|m| m.article() < article);
        let e = all.partition_point(|m| m.article() <= article);
        &all[s..e]
    }

    /// How many times an entity is mentioned in one article.
    pub fn count_in(&self, id: EntityId, article: usize) -> usize {
        self.mentions_in(id, article).len()
    }

    /// Every mention in one article (all entities), in reading order.
    pub fn article_mentions(&self, article: usize) -> Mentions<'_> {
        let places = match (
            self.article_start.get(article),
            self.article_start.get(article + 1),
        ) {
            (Some(&s), Some(&e)) => &self.by_article[s..e],
            _ => &[],
        };
        Mentions {
            places,
            all: &self.by_entity,
        }
    }

    /// The entities mentioned in one passage (1-based; 0 for the title and
    /// metadata line) with their counts, in order of first mention.
    pub fn entities_in_passage(&self, article: usize, passage: usize) -> Vec<(EntityId, usize)> {
        let mut out: Vec<(EntityId, usize)> = Vec::new();
        for m in self.passage_mentions(article, passage) {
            match out.iter_mut().find(|(e, _)| *e == m.entity()) {
                Some((_, n)) => *n += 1,
                None => out.push((m.entity(), 1)),
            }
        }
        out
    }

    /// Every mention in one passage of an article (nested ones included),
    /// in reading order.
    pub fn passage_mentions(&self, article: usize, passage: usize) -> Mentions<'_> {
        let ms = self.article_mentions(article);
        let s = ms.partition_point(|m| m.passage() < passage);
        let n = ms
            .sub(s..ms.len())
            .partition_point(|m| m.passage() == passage);
        ms.sub(s..s + n)
    }

    /// The mentions of one article that are not nested inside another
    /// (they never overlap), in reading order: for marking every entity of
    /// a text at once.
    pub fn top_mentions(&self, article: usize) -> impl Iterator<Item = &Mention> + '_ {
        self.article_mentions(article).filter(|m| !m.is_nested())
    }

    /// The mention at byte `byte` of an article's body, or the first one
    /// after it in that article (for "make the entity here current"); of a
    /// mention and a name nested in it, the outer one.
    pub fn entity_at_or_after(&self, article: usize, byte: usize) -> Option<&Mention> {
        let ms = self.article_mentions(article);
        let from = ms.partition_point(|m| m.field() != Field::Body);
        ms.sub(from..ms.len()).find(|m| m.end() > byte)
    }

    /// The first mention of the entity strictly after `from` in reading
    /// order (for `n` from the current mention), wrapping round to the
    /// first mention of the corpus. `None` when the entity has no mention.
    pub fn next_mention(&self, id: EntityId, from: Position) -> Option<Step> {
        let all = self.mentions(id);
        let i = all.partition_point(|m| m.position() <= from);
        let (i, wrapped) = if i < all.len() { (i, false) } else { (0, true) };
        self.step(id, i, wrapped)
    }

    /// The first mention of the entity that starts at `from` or after it
    /// (for the first jump from a passage cursor, which may sit on a
    /// mention), wrapping round like [`EntityIndex::next_mention`].
    pub fn mention_at_or_after(&self, id: EntityId, from: Position) -> Option<Step> {
        let all = self.mentions(id);
        let i = all.partition_point(|m| m.position() < from);
        let (i, wrapped) = if i < all.len() { (i, false) } else { (0, true) };
        self.step(id, i, wrapped)
    }

    /// The last mention of the entity strictly before `from` in reading
    /// order, wrapping round to the last mention of the corpus.
    pub fn prev_mention(&self, id: EntityId, from: Position) -> Option<Step> {
        let all = self.mentions(id);
        let i = all.partition_point(|m| m.position() < from);
        let (i, wrapped) = match i.checked_sub(1) {
            Some(i) => (i, false),
            None => (all.len().checked_sub(1)?, true),
        };
        self.step(id, i, wrapped)
    }

    /// Describes mention `index` of an entity as a [`Step`].
    pub fn step(&self, id: EntityId, index: usize, wrapped: bool) -> Option<Step> {
        let all = self.mentions(id);
        let mention = *all.get(index)?;
        let article = mention.article();
        let first = all.partition_point(|m| m.article() < article);
        let last = all.partition_point(|m| m.article() <= article);
        let arts = &self.entity_articles[id.index()];
        Some(Step {
            mention,
            index,
            total: all.len(),
            index_in_article: index - first,
            in_article: last - first,
            article_ordinal: arts.partition_point(|&a| (a as usize) < article),
            articles: arts.len(),
            wrapped,
        })
    }

    /// The articles that mention an entity, ascending.
    pub fn articles_of(&self, id: EntityId) -> impl Iterator<Item = usize> + '_ {
        self.entity_articles
            .get(id.index())
            .into_iter()
            .flatten()
            .map(|&a| a as usize)
    }

    /// Where in an article the entity's mentions fall, as fractions of the
    /// body's length in `[0, 1)`, in reading order; mentions in the title
    /// and metadata line are at 0.
    pub fn dispersion(&self, id: EntityId, article: usize) -> Vec<f64> {
        let len = self.body_len.get(article).copied().unwrap_or(0).max(1) as f64;
        self.mentions_in(id, article)
            .iter()
            .map(|m| match m.field() {
                Field::Body => (m.start() as f64 / len).min(0.999_999),
                _ => 0.0,
            })
            .collect()
    }
}

/// Some mentions in an order of their own (one article's, in reading
/// order), read through their places in the index: iterate it, or
/// [`Mentions::len`] and [`Mentions::get`].
#[derive(Debug, Clone)]
pub struct Mentions<'a> {
    places: &'a [u32],
    all: &'a [Mention],
}

impl<'a> Mentions<'a> {
    /// How many mentions are left.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The `i`-th mention (0-based).
    pub fn get(&self, i: usize) -> Option<&'a Mention> {
        self.places.get(i).map(|&p| &self.all[p as usize])
    }

    /// The mentions `range` of these.
    fn sub(&self, range: Range<usize>) -> Mentions<'a> {
        Mentions {
            places: &self.places[range],
            all: self.all,
        }
    }

    /// The number of leading mentions for which `pred` holds (as
    /// [`slice::partition_point`]: `pred` must hold for a prefix only).
    fn partition_point(&self, pred: impl Fn(&Mention) -> bool) -> usize {
        self.places
            .partition_point(|&p| pred(&self.all[p as usize]))
    }
}

impl<'a> Iterator for Mentions<'a> {
    type Item = &'a Mention;

    fn next(&mut self) -> Option<&'a Mention> {
        let (&first, rest) = self.places.split_first()?;
        self.places = rest;
        Some(&self.all[first as usize])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.places.len(), Some(self.places.len()))
    }
}

impl DoubleEndedIterator for Mentions<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let (&last, rest) = self.places.split_last()?;
        self.places = rest;
        Some(&self.all[last as usize])
    }
}

impl ExactSizeIterator for Mentions<'_> {}

/// Group `i` of `items`, which `starts` cuts into consecutive groups
/// (`starts[i]..starts[i + 1]`); empty for a group that does not exist.
fn group<'a>(items: &'a [Mention], starts: &[usize], i: usize) -> &'a [Mention] {
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&s), Some(&e)) => &items[s..e],
        _ => &[],
    }
}

/// Buckets dispersion fractions into `cells` cells (for a strip of that
/// many characters): how many mentions fall in each.
pub fn dispersion_cells(fractions: &[f64], cells: usize) -> Vec<usize> {
    let mut out = vec![0; cells];
    if cells == 0 {
        return out;
    }
    for &f in fractions {
        let i = ((f.clamp(0.0, 1.0) * cells as f64) as usize).min(cells - 1);
        out[i] += 1;
    }
    out
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod update_tests;
