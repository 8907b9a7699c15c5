//! From discovered names to entities: the variants of one entity merged,
//! and the names each entity is matched by.
//!
//! * An acronym joins the name whose capitalised words it spells ("U.N."
//!   and "UN" join "United Nations", "CSTO" joins "Collective Security
//!   Treaty Organization"); dotted and undotted forms were already gathered
//!   as one name.
//! * A person's last word, and a first name that opens the name, are
//!   **parts**: alone ("Kennedy", "Johnny") they stand for the person named
//!   in full in the same article (the index resolves them article by
//!   article, see [`PlannedEntity::persons`]).
//! * A title seen before a name gives an alias ("President Kennedy") for
//!   lookup, never a pattern of its own: the title is outside the mention.

use std::collections::{HashMap, HashSet};

use super::{Discovered, Kind, dotless_key};
use crate::core::entity::matcher::{is_acronym, name_key};

/// One entity to index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedEntity {
    /// Its canonical name.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// Every other name it is known by (matched or only looked up).
    pub aliases: Vec<String>,
    /// The names to find in the texts, and whether each must match in the
    /// same letter case (acronyms); the others must only start with a
    /// capital letter.
    pub patterns: Vec<(String, bool)>,
    /// For a part of persons' names ("Kennedy"), those persons (indices
    /// into [`Plan::entities`]): in an article that names one of them in
    /// full, a mention of the part is a mention of that person.
    pub persons: Vec<usize>,
    /// True when the name was never found alone outside a sentence opening:
    /// it exists only as a part of the persons' names, and a mention of it
    /// that no person claims is dropped.
    pub part_only: bool,
}

/// The discovered entities, ready to index.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The entities, most mentioned first.
    pub entities: Vec<PlannedEntity>,
}

/// Merges the variants of `found` (see the module docs). `taken` tells
/// whether a name key is the catalogue's: such a name is never a pattern.
pub fn plan(found: Vec<Discovered>, taken: impl Fn(&str) -> bool) -> Plan {
    let by_key: HashMap<String, usize> = found
        .iter()
        .enumerate()
        .map(|(i, d)| (dotless_key(&d.name), i))
        .collect();
    // Acronyms into their expansions.
    let mut initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, d) in found.iter().enumerate() {
        if !is_acronym(&d.name) && d.name.contains(' ') {
            let letters = initials_of(&d.name);
            if (2..=8).contains(&letters.len()) {
                initials.entry(letters).or_default().push(i);
            }
        }
    }
    let mut merged_into: Vec<Option<usize>> = vec![None; found.len()];
    for (i, d) in found.iter().enumerate() {
        if !is_acronym(&d.name) {
            continue;
        }
        let letters: String = d.name.chars().filter(|c| c.is_alphabetic()).collect();
        if let Some(targets) = initials.get(&letters)
            && let Some(&t) = targets.iter().max_by_key(|&&t| found[t].occurrences)
        {
            merged_into[i] = Some(t);
        }
    }
    // "Ernest Gross" is "Ernest A. Gross", "Mark Howe" "Mark Antony De
    // Wolfe Howe"; "Republican" is "Republicans"; "Schuylkill" is the
    // "Schuylkill River" (unless it is a known place on its own).
    let mut plain: HashMap<String, usize> = HashMap::new();
    for (i, d) in found.iter().enumerate() {
        if merged_into[i].is_none() && d.kind == Kind::Person && d.name.contains(' ') {
            let k = name_key(&first_and_last(&d.name));
            match plain.get(&k) {
                Some(&j) if found[j].occurrences >= d.occurrences => merged_into[i] = Some(j),
                Some(&j) => {
                    merged_into[j] = Some(i);
                    plain.insert(k, i);
                }
                None => {
                    plain.insert(k, i);
                }
            }
        }
    }
    for (i, d) in found.iter().enumerate() {
        if merged_into[i].is_some() {
            continue;
        }
        if let Some(&j) = by_key.get(&format!("{}s", dotless_key(&d.name)))
            && j != i
            && merged_into[j].is_none()
            && found[j].kind != Kind::Person
        {
            merged_into[i] = Some(j);
        }
    }
    for (i, d) in found.iter().enumerate() {
        let Some((bare, generic)) = d.name.rsplit_once(' ') else {
            continue;
        };
        if !matches!(
            generic,
            "River" | "Bay" | "Lake" | "Creek" | "Valley" | "Mountains" | "Islands"
        ) || merged_into[i].is_some()
            || super::is_known_place(bare)
        {
            continue;
        }
        if let Some(&j) = by_key.get(&dotless_key(bare))
            && j != i
            && merged_into[j].is_none()
            && found[j].kind != Kind::Person
        {
            merged_into[j] = Some(i);
        }
    }
    // Chains (a merged name that another joined) point to the end.
    for i in 0..found.len() {
        let mut t = merged_into[i];
        while let Some(n) = t.and_then(|t| merged_into[t]) {
            t = Some(n);
        }
        merged_into[i] = t;
    }
    let mut out: Vec<PlannedEntity> = Vec::new();
    let mut slot: Vec<usize> = vec![usize::MAX; found.len()];
    let mut keys: HashSet<String> = HashSet::new();
    let add_pattern = |e: &mut PlannedEntity, name: &str, keys: &mut HashSet<String>| {
        let k = name_key(name);
        if !k.is_empty() && !taken(&k) && keys.insert(k) {
            e.patterns.push((name.to_string(), is_acronym(name)));
        }
    };
    for (i, d) in found.iter().enumerate() {
        if merged_into[i].is_some() {
            continue;
        }
        slot[i] = out.len();
        let mut e = PlannedEntity {
            name: d.name.clone(),
            kind: d.kind,
            aliases: Vec::new(),
            patterns: Vec::new(),
            persons: Vec::new(),
            part_only: false,
        };
        add_pattern(&mut e, &d.name, &mut keys);
        for s in &d.spellings {
            if name_key(s) != name_key(&d.name) {
                e.aliases.push(s.clone());
                add_pattern(&mut e, s, &mut keys);
            }
        }
        out.push(e);
    }
    for (i, d) in found.iter().enumerate() {
        let Some(t) = merged_into[i] else { continue };
        let e = &mut out[slot[t]];
        let first = e.name.split(' ').next().unwrap_or("");
        let surely_person = super::is_first_name(first)
            || e.name.split(' ').any(|w| w.len() == 2 && w.ends_with('.'));
        if (e.kind == Kind::Other || (e.kind == Kind::Person && !surely_person))
            && matches!(d.kind, Kind::Organisation | Kind::Place)
        {
            // "NATO" says organisation more surely than a bare name does.
            e.kind = d.kind;
        }
        for s in std::iter::once(&d.name).chain(&d.spellings) {
            e.aliases.push(s.clone());
            add_pattern(e, s, &mut keys);
        }
    }
    // Titles as aliases, for lookup ("President Kennedy").
    for (i, d) in found.iter().enumerate() {
        let at = merged_into[i].map_or(slot[i], |t| slot[t]);
        if let Some(t) = d.titles.iter().find(|t| t.starts_with(char::is_uppercase))
            && !d.name.starts_with(t.as_str())
        {
            let alias = format!("{t} {}", d.name);
            if !taken(&name_key(&alias)) && !out[at].aliases.contains(&alias) {
                out[at].aliases.push(alias);
            }
        }
    }
    // Parts of persons' names.
    for (i, d) in found.iter().enumerate() {
        if merged_into[i].is_some() {
            continue;
        }
        let person = slot[i];
        for part in d.parts() {
            let k = dotless_key(part);
            if taken(&name_key(part)) {
                continue;
            }
            let at = match by_key.get(&k) {
                Some(&j) if merged_into[j].is_none() && slot[j] != person => slot[j],
                Some(_) => continue,
                None => {
                    let at = out.len();
                    let mut e = PlannedEntity {
                        name: part.to_string(),
                        kind: Kind::Person,
                        aliases: Vec::new(),
                        patterns: Vec::new(),
                        persons: Vec::new(),
                        part_only: true,
                    };
                    add_pattern(&mut e, part, &mut keys);
                    out.push(e);
                    // Later persons with the same part share it.
                    at
                }
            };
            if out[at].kind == Kind::Other {
                out[at].kind = Kind::Person;
            }
            if !out[at].persons.contains(&person) {
                out[at].persons.push(person);
            }
            if !out[person].aliases.iter().any(|a| a == part) {
                out[person].aliases.push(part.to_string());
            }
        }
    }
    // "Mrs. Hutchinson" stands for the woman named in full in the same
    // article ("Anne Hutchinson"), never for a man of that name.
    let last_words: Vec<(usize, String, bool)> = out
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == Kind::Person && e.persons.is_empty())
        .filter_map(|(i, e)| {
            let mut w = e.name.split(' ');
            let first = w.next()?;
            let last = w.next_back()?;
            Some((i, last.to_string(), super::is_female_first_name(first)))
        })
        .collect();
    for e in out.iter_mut() {
        let mut w = e.name.split(' ');
        let (Some(h), Some(last), None) = (w.next(), w.next(), w.next()) else {
            continue;
        };
        if !super::words::is_honorific(h) || !e.persons.is_empty() {
            continue;
        }
        e.persons = last_words
            .iter()
            .filter(|(_, l, female)| *female && l == last)
            .map(|(i, _, _)| *i)
            .collect();
    }
    Plan { entities: out }
}

/// A person's first and last words: "Ernest A. Gross" and "Ernest Gross"
/// are "Ernest Gross".
fn first_and_last(name: &str) -> String {
    let words: Vec<&str> = name.split(' ').collect();
    match words.as_slice() {
        [first, .., last] => format!("{first} {last}"),
        _ => name.to_string(),
    }
}

/// The first letters of a name's capitalised words, hyphenated parts
/// included ("International North-South Transport Corridor": INSTC).
fn initials_of(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(name: &str, kind: Kind, occurrences: usize) -> Discovered {
        Discovered {
            name: name.into(),
            kind,
            occurrences,
            spellings: Vec::new(),
            titles: Vec::new(),
        }
    }

    #[test]
    fn acronyms_join_their_expansions() {
        let mut un = d("U.N.", Kind::Organisation, 5);
        un.spellings.push("UN".into());
        let p = plan(
            vec![
                un,
                d("United Nations", Kind::Other, 2),
                d(
                    "Collective Security Treaty Organization",
                    Kind::Organisation,
                    1,
                ),
                d("CSTO", Kind::Organisation, 3),
            ],
            |_| false,
        );
        let names: Vec<&str> = p.entities.iter().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["United Nations", "Collective Security Treaty Organization"]
        );
        assert_eq!(p.entities[0].kind, Kind::Organisation);
        assert_eq!(p.entities[0].aliases, ["U.N.", "UN"]);
        assert!(p.entities[0].patterns.contains(&("U.N.".to_string(), true)));
        assert_eq!(p.entities[1].aliases, ["CSTO"]);
    }

    #[test]
    fn initials_plurals_and_rivers() {
        let p = plan(
            vec![
                d("Ernest Gross", Kind::Person, 5),
                d("Ernest A. Gross", Kind::Person, 1),
                d("Republicans", Kind::Organisation, 2),
                d("Republican", Kind::Person, 1),
                d("Schuylkill River", Kind::Place, 1),
                d("Schuylkill", Kind::Other, 1),
                d("Mississippi River", Kind::Place, 1),
                d("Mississippi", Kind::Place, 1),
            ],
            |_| false,
        );
        let names: Vec<(&str, Vec<&str>)> = p
            .entities
            .iter()
            .filter(|e| !e.part_only)
            .map(|e| {
                (
                    e.name.as_str(),
                    e.aliases.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("Ernest Gross", vec!["Ernest A. Gross", "Gross", "Ernest"]),
                ("Republicans", vec!["Republican"]),
                ("Schuylkill River", vec!["Schuylkill"]),
                ("Mississippi River", vec![]),
                ("Mississippi", vec![]),
            ]
        );
    }

    #[test]
    fn surnames_and_first_names_are_parts_of_persons() {
        let mut kennedy = d("Kennedy", Kind::Person, 6);
        kennedy.titles.push("President".into());
        let p = plan(
            vec![
                kennedy,
                d("John F. Kennedy", Kind::Person, 1),
                d("Johnny Mercer", Kind::Person, 4),
            ],
            |_| false,
        );
        let k = &p.entities[0];
        assert_eq!(k.name, "Kennedy");
        assert_eq!(k.aliases, ["President Kennedy"]);
        assert_eq!(k.persons, [1]);
        assert!(!k.part_only);
        let parts: Vec<(&str, bool, &[usize])> = p.entities[3..]
            .iter()
            .map(|e| (e.name.as_str(), e.part_only, e.persons.as_slice()))
            .collect();
        assert_eq!(
            parts,
            [
                ("John", true, &[1][..]),
                ("Mercer", true, &[2][..]),
                ("Johnny", true, &[2][..])
            ]
        );
        assert!(p.entities[2].aliases.contains(&"Mercer".to_string()));
    }
}
