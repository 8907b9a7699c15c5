//! Queries made from an article's own words, so that most of them find
//! something: for tests that compare two indexes query by query; and the
//! passages a query's `@entity` terms leave, as the reader asks them.

use dossier::core::Article;
use dossier::core::entity::{EntityId, EntityIndex, PassageRef};
use dossier::core::search::Query;

/// The passages where all the entities `query` names meet (`None` when it
/// names none), the names that resolve to no entity left out.
pub fn within(entities: &EntityIndex, query: &Query) -> Option<Vec<PassageRef>> {
    let ids: Vec<EntityId> = query
        .entities
        .iter()
        .filter_map(|n| entities.resolve(n))
        .collect();
    (!ids.is_empty()).then(|| entities.passages_with_all(&ids))
}

/// From the middle passage of `a` (none when it has fewer than three words
/// of five letters or more): a word, its prefix, a typo of it, two
/// neighbours as words and as a phrase, a word with an exclusion, and a
/// two-word query that may only match in part.
pub fn from_article(a: &Article) -> Vec<String> {
    let Some(p) = a.passages.get(a.passages.len() / 2) else {
        return Vec::new();
    };
    let words: Vec<&str> = a
        .passage_text(p)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 5)
        .collect();
    let [_, w, next, ..] = words[..] else {
        return Vec::new();
    };
    let chars: Vec<char> = w.chars().collect();
    let mut typo = chars.clone();
    typo.swap(1, 2);
    vec![
        w.to_string(),
        chars[..3].iter().collect(),
        typo.into_iter().collect(),
        format!("{w} {next}"),
        format!("\"{w} {next}\""),
        format!("{w} !{next}"),
        format!("{w} zqxjv"),
    ]
}
