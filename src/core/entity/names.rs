//! Finding an entity by name: exact lookup (canonical name or alias, any
//! case, accents and quotes folded), suggestions for a name that matches
//! nothing, and alias expansion for search ("aliev" also finds "Aliyev").
//! Nothing here prints.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::matcher::name_key;
use super::{EntityId, EntityIndex};
use crate::core::text::edit_distance;

impl EntityIndex {
    /// The entity that `name` names: its canonical name or any alias, in
    /// any case, with or without accents, a leading "the", a title or a
    /// possessive ending ("the Kremlin’s" finds the Kremlin, "President
    /// Kennedy" finds Kennedy).
    pub fn lookup(&self, name: &str) -> Option<EntityId> {
        let key = name_key(name);
        if let Some(&id) = self.names.get(&key) {
            return Some(id);
        }
        let mut k = key.as_str();
        k = k.strip_prefix("the ").unwrap_or(k);
        k = k
            .strip_suffix("'s")
            .or_else(|| k.strip_suffix('\''))
            .unwrap_or(k);
        if let Some(&id) = self.names.get(k) {
            return Some(id);
        }
        // "President Kennedy", "Gen. Gates": the name without its title.
        let (first, rest) = k.split_once(' ')?;
        if !super::discover::is_title(first) {
            return None;
        }
        self.names.get(rest).copied()
    }

    /// The entity a name a reader typed means: [`EntityIndex::lookup`],
    /// else the most mentioned entity with a name holding it as whole words
    /// (`lachin` for the Lachin corridor), for `@name` in a search and
    /// `dossier entities --with`.
    pub fn resolve(&self, name: &str) -> Option<EntityId> {
        if let Some(id) = self.lookup(name) {
            return Some(id);
        }
        let want = crate::core::text::fold_str(name);
        let n_words = want.split(' ').count();
        self.entities()
            .iter()
            .filter(|e| {
                std::iter::once(&e.name).chain(&e.aliases).any(|n| {
                    let n = crate::core::text::fold_str(n);
                    n.split(|c: char| !c.is_alphanumeric())
                        .collect::<Vec<_>>()
                        .windows(n_words)
                        .any(|w| w.join(" ") == want)
                })
            })
            .max_by_key(|e| (e.mentions, std::cmp::Reverse(e.id.index())))
            .map(|e| e.id)
    }

    /// The entities whose names come closest to `name`, best first, at most
    /// `limit`: for "did you mean" when [`EntityIndex::lookup`] finds
    /// nothing. Typos (a few letters off), parts of a name and abbreviations
    /// in order ("pash" for Pashinyan) all count.
    pub fn suggest(&self, name: &str, limit: usize) -> Vec<EntityId> {
        let query = name_key(name);
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let fuzzy = SkimMatcherV2::default();
        let q_len = query.chars().count();
        // Score: (edit distance, -fuzzy score, -mentions); lower is better.
        let mut best: Vec<(usize, i64, i64, EntityId)> = Vec::new();
        for (key, &id) in &self.names {
            let mut dist = edit_distance(&query, key);
            for word in key.split([' ', '-']) {
                dist = dist.min(edit_distance(&query, word) + 1);
            }
            let close = dist <= (q_len / 3).max(1);
            let score = fuzzy.fuzzy_match(key, &query).unwrap_or(0);
            if !close && score == 0 {
                continue;
            }
            let mentions = self.entity(id).map_or(0, |e| e.mentions) as i64;
            let cand = (if close { dist } else { usize::MAX }, -score, -mentions, id);
            match best.iter_mut().find(|b| b.3 == id) {
                Some(b) if cand < *b => *b = cand,
                Some(_) => {}
                None => best.push(cand),
            }
        }
        best.sort();
        best.into_iter().take(limit).map(|b| b.3).collect()
    }

    /// For search: when `folded_term` (already folded, e.g. "aliev") is the
    /// canonical name or an alias of an entity, every name of that entity,
    /// folded, canonical first (e.g. "ilham aliyev", "aliyev", "aliev",
    /// "ilham aliev"); otherwise nothing.
    pub fn expand_term(&self, folded_term: &str) -> Vec<String> {
        let Some(id) = self.names.get(&name_key(folded_term)).copied() else {
            return Vec::new();
        };
        let Some(e) = self.entity(id) else {
            return Vec::new();
        };
        let mut out: Vec<String> = Vec::new();
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            let k = name_key(n);
            if !out.contains(&k) {
                out.push(k);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use crate::core::text::edit_distance;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("lavrov", "lavrov"), 0);
        assert_eq!(edit_distance("lavorv", "lavrov"), 1);
        assert_eq!(edit_distance("aliyef", "aliyev"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "acb"), 1);
        assert_eq!(edit_distance("pashinian", "pashinyan"), 1);
    }
}
