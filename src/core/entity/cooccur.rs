//! Co-occurrence: the entities mentioned in the same passages as another,
//! and the passages where several entities are all mentioned, for
//! `dossier entities --with`, `@a @b` searches and the reader's
//! co-occurrence view.
//!
//! A passage is a body passage (`(article, passage number)`); the title and
//! the metadata line are not passages and never count. Nested mentions
//! count like the others ("Ukraine" inside "war in Ukraine" is in that
//! passage), except beside the entity they nest in or around: the words
//! of one mention are not two entities side by side. Nothing here prints.

use super::{EntityId, EntityIndex, Field};

/// A passage: the article's index in the corpus and the 1-based passage
/// number, as [`super::Mention::article`] and [`super::Mention::passage`]
/// give them.
pub type PassageRef = (usize, usize);

/// An entity seen in the same passages as another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoOccurrence {
    /// The other entity.
    pub entity: EntityId,
    /// The passages both are mentioned in, in reading order.
    pub passages: Vec<PassageRef>,
    /// How many mentions the other entity has in those passages.
    pub mentions: usize,
}

impl EntityIndex {
    /// The passages that mention an entity, in reading order, each once.
    pub fn passages_of(&self, id: EntityId) -> Vec<PassageRef> {
        let mut out: Vec<PassageRef> = Vec::new();
        for m in self.mentions(id) {
            if m.field() != Field::Body || m.passage() == 0 {
                continue;
            }
            let p = (m.article(), m.passage());
            if out.last() != Some(&p) {
                out.push(p);
            }
        }
        out
    }

    /// The passages that mention every one of `ids`, in reading order;
    /// none when `ids` is empty.
    pub fn passages_with_all(&self, ids: &[EntityId]) -> Vec<PassageRef> {
        let Some((first, rest)) = ids.split_first() else {
            return Vec::new();
        };
        let mut out = self.passages_of(*first);
        for id in rest {
            let theirs = self.passages_of(*id);
            out.retain(|p| theirs.binary_search(p).is_ok());
        }
        out
    }

    /// The entities mentioned in the same passages as `id`: most shared
    /// passages first, then most mentions there, then in index order.
    pub fn co_occurring(&self, id: EntityId) -> Vec<CoOccurrence> {
        let mut by_entity: Vec<Option<CoOccurrence>> = vec![None; self.entities.len()];
        for (article, passage) in self.passages_of(id) {
            let ms = self.passage_mentions(article, passage);
            let own: Vec<_> = ms
                .clone()
                .filter(|m| m.entity() == id)
                .map(|m| m.range())
                .collect();
            for m in ms {
                // A name nested in one of the entity's mentions, or one
                // that holds it ("Lachin corridor blockade" around "Lachin
                // corridor"), is the same words, not another entity beside.
                let r = m.range();
                if m.entity() == id || own.iter().any(|o| o.start < r.end && r.start < o.end) {
                    continue;
                }
                let c = by_entity[m.entity().index()].get_or_insert_with(|| CoOccurrence {
                    entity: m.entity(),
                    passages: Vec::new(),
                    mentions: 0,
                });
                if c.passages.last() != Some(&(article, passage)) {
                    c.passages.push((article, passage));
                }
                c.mentions += 1;
            }
        }
        let mut out: Vec<CoOccurrence> = by_entity.into_iter().flatten().collect();
        out.sort_by(|a, b| {
            b.passages
                .len()
                .cmp(&a.passages.len())
                .then(b.mentions.cmp(&a.mentions))
                .then(a.entity.cmp(&b.entity))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::core::corpus::{Article, Corpus, Origin};
    use crate::core::entity::EntityIndex;

    /// The index of one article with this catalogue.
    fn index_of(text: &str, catalogue: &str) -> EntityIndex {
        let c = Corpus {
            articles: vec![Article::parse("a.txt", text, None).unwrap()],
            warnings: Vec::new(),
            origin: Origin::Bundled,
            entities_toml: Some(catalogue.into()),
            content_hashes: Default::default(),
        };
        EntityIndex::build(&c).0
    }

    #[test]
    fn entities_in_the_same_passages() {
        let text = "T\n\nLachin and the peacekeepers. Lachin again.\n\nThe peacekeepers left Stepanakert.\n\nLachin alone.";
        let catalogue = "[[entity]]\nname = \"Lachin\"\nkind = \"place\"\n\n[[entity]]\nname = \"peacekeepers\"\nkind = \"organisation\"\n\n[[entity]]\nname = \"Stepanakert\"\nkind = \"place\"\n";
        let index = index_of(text, catalogue);
        let lachin = index.lookup("Lachin").unwrap();
        let peace = index.lookup("peacekeepers").unwrap();
        let step = index.lookup("Stepanakert").unwrap();
        assert_eq!(index.passages_of(lachin), [(0, 1), (0, 3)]);
        assert_eq!(index.passages_with_all(&[lachin, peace]), [(0, 1)]);
        assert_eq!(index.passages_with_all(&[peace, step]), [(0, 2)]);
        assert!(index.passages_with_all(&[lachin, step]).is_empty());
        assert!(index.passages_with_all(&[]).is_empty());
        let with: Vec<_> = index
            .co_occurring(peace)
            .into_iter()
            .map(|c| (c.entity, c.passages, c.mentions))
            .collect();
        assert_eq!(with, [(lachin, vec![(0, 1)], 2), (step, vec![(0, 2)], 1)]);
    }

    #[test]
    fn a_name_around_or_inside_the_entity_is_not_beside_it() {
        let text = "T\n\nThe Lachin corridor blockade emptied Stepanakert.\n\n\
                    The Lachin corridor blockade went on.";
        let catalogue = "[[entity]]\nname = \"Lachin corridor\"\nkind = \"place\"\n\n\
                         [[entity]]\nname = \"Lachin corridor blockade\"\nkind = \"event\"\n\n\
                         [[entity]]\nname = \"Stepanakert\"\nkind = \"place\"\n";
        let index = index_of(text, catalogue);
        let corridor = index.lookup("Lachin corridor").unwrap();
        let blockade = index.lookup("Lachin corridor blockade").unwrap();
        let step = index.lookup("Stepanakert").unwrap();
        // The corridor is nested in both blockade mentions.
        assert_eq!(index.passages_of(corridor), [(0, 1), (0, 2)]);
        let with = |id| -> Vec<_> {
            index
                .co_occurring(id)
                .into_iter()
                .map(|c| (c.entity, c.passages, c.mentions))
                .collect()
        };
        assert_eq!(with(corridor), [(step, vec![(0, 1)], 1)]);
        assert_eq!(with(blockade), [(step, vec![(0, 1)], 1)]);
    }
}
