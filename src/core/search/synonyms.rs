//! The entity catalogue's names as search synonyms: a term that is one name
//! of an entity (its canonical name or an alias) also matches every other
//! name of it, exactly — "aliev" finds "Ilham Aliyev" and "Aliyev".
//!
//! The entity catalogue is the one alias model: build these from the entity
//! index's entities ([`EntitySynonyms::from_entities`]), which holds the
//! catalogue's entries and the discovered ones alike.
//!
//! Names written in capitals only ("US", "ICC") and entities marked
//! `case_sensitive` ("West") are left out on both sides: search works on
//! folded text, where "us" the pronoun and "US" the country look the same.

use std::collections::HashMap;

use super::query::Synonyms;
use crate::core::entity::Entity;
use crate::core::entity::catalogue::{self, Catalogue};
use crate::core::entity::matcher::is_acronym;
use crate::core::text::fold_str;

/// Other names for each name of the catalogue, folded.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EntitySynonyms {
    names: HashMap<String, Vec<String>>,
}

/// A folded name with single spaces between its words.
fn key(name: &str) -> String {
    fold_str(name)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl EntitySynonyms {
    /// The synonyms of every entity of an entity index (catalogued or
    /// discovered): each name of an entity finds its other names.
    pub fn from_entities(entities: &[Entity]) -> EntitySynonyms {
        let mut s = EntitySynonyms::default();
        for e in entities {
            s.add_group(std::iter::once(&e.name).chain(&e.aliases));
        }
        s
    }

    /// The synonyms of a parsed catalogue (entities marked
    /// `case_sensitive` are left out).
    pub fn from_catalogue(c: &Catalogue) -> EntitySynonyms {
        let mut s = EntitySynonyms::default();
        for e in c.entries.iter().filter(|e| e.case_sensitive != Some(true)) {
            s.add_group(std::iter::once(&e.name).chain(&e.aliases));
        }
        s
    }

    /// Makes every name of one entity expand to its other names (names in
    /// capitals only are left out).
    fn add_group<'a>(&mut self, names: impl Iterator<Item = &'a String>) {
        let mut all: Vec<String> = names
            .filter(|n| !is_acronym(n))
            .map(|n| key(n))
            .filter(|k| !k.is_empty())
            .collect();
        all.dedup();
        for n in &all {
            let others = all.iter().filter(|o| *o != n).cloned();
            let entry = self.names.entry(n.clone()).or_default();
            for o in others {
                if !entry.contains(&o) {
                    entry.push(o);
                }
            }
        }
    }

    /// The synonyms of a corpus's `entities.toml`, if it has one (a broken
    /// file gives what could be read; the entity index reports its
    /// problems).
    pub fn from_toml(text: Option<&str>) -> EntitySynonyms {
        text.map(|t| EntitySynonyms::from_catalogue(&catalogue::parse(t)))
            .unwrap_or_default()
    }
}

impl Synonyms for EntitySynonyms {
    fn expand(&self, folded_term: &str) -> Vec<String> {
        self.names
            .get(&key(folded_term))
            .cloned()
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOML: &str = r#"
[[entity]]
name = "Ilham Aliyev"
kind = "person"
aliases = ["Aliyev", "Aliev"]

[[entity]]
name = "United States"
kind = "place"
aliases = ["US", "U.S.", "America"]

[[entity]]
name = "West"
kind = "place"
aliases = ["Western countries"]
case_sensitive = true
"#;

    #[test]
    fn every_name_expands_to_the_others() {
        let s = EntitySynonyms::from_toml(Some(TOML));
        let mut got = s.expand("aliev");
        got.sort();
        assert_eq!(got, ["aliyev", "ilham aliyev"]);
        assert_eq!(s.expand("ilham   aliyev"), ["aliyev", "aliev"]);
        assert!(s.expand("putin").is_empty());
    }

    #[test]
    fn acronyms_and_case_sensitive_entities_are_left_out() {
        let s = EntitySynonyms::from_toml(Some(TOML));
        assert!(s.expand("us").is_empty());
        let mut got = s.expand("america");
        got.sort();
        assert_eq!(got, ["united states"]);
        assert!(s.expand("west").is_empty());
        assert!(EntitySynonyms::from_toml(None).expand("aliev").is_empty());
    }

    #[test]
    fn the_entity_index_is_the_alias_model() {
        let c = crate::core::Corpus::bundled();
        let (index, _) = crate::core::entity::EntityIndex::build(&c);
        let s = EntitySynonyms::from_entities(index.entities());
        assert!(s.expand("aliev").contains(&"aliyev".to_string()));
        assert!(s.expand("us").is_empty());
    }

    #[test]
    fn the_bundled_catalogue_finds_aliyev_for_aliev() {
        let c = crate::core::Corpus::bundled();
        let s = EntitySynonyms::from_toml(c.entities_toml.as_deref());
        assert!(
            s.expand("aliev").contains(&"aliyev".to_string()),
            "{:?}",
            s.expand("aliev")
        );
    }
}
