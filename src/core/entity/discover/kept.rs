//! Discovery's counts and plan as bytes, kept in the index file so that an
//! update of the entity index can start from them rather than count the
//! whole corpus again (see [`crate::core::entity::Discovery`]).
//!
//! Decoding trusts nothing: a count that does not fit, a kind out of
//! range, a person that is no entity are [`Malformed`], never a panic.
//! This module never touches files.

use super::candidates::Cues;
use super::{Candidates, Plan, PlannedEntity};
use crate::core::codec::{Malformed, Reader, Writer};
use crate::core::entity::Kind;
use crate::core::fasthash::FastMap;

impl Candidates {
    /// Appends the counts to `w`.
    pub fn encode(&self, w: &mut Writer) {
        w.len_of(self.len());
        for (key, spellings, cues) in self.names() {
            w.str(key);
            w.len_of(spellings.len());
            for (s, n) in spellings {
                w.str(s);
                w.varint(n as u64);
            }
            w.len_of(cues.titles.len());
            for (s, n) in &cues.titles {
                w.str(s);
                w.varint(*n as u64);
            }
            for n in [
                cues.place,
                cues.person,
                cues.the,
                cues.quoted,
                cues.organisation,
            ] {
                w.varint(n as u64);
            }
        }
    }

    /// Reads counts written by [`Candidates::encode`].
    pub fn decode(r: &mut Reader<'_>) -> Result<Candidates, Malformed> {
        let n = r.count(8, "discovered names")?;
        let mut out = Candidates::default();
        out.reserve(n);
        for _ in 0..n {
            let at = r.position();
            let key = r.str("a discovered name")?.to_string();
            let spellings = get_counts(r, "spellings")?;
            // A title read twice counts as its last count.
            let titles: FastMap<String, usize> = get_counts(r, "titles")?.into_iter().collect();
            let mut cue = || r.varint("a cue count").map(|v| v as usize);
            let cues = Cues {
                titles: titles.into_iter().collect(),
                place: cue()?,
                person: cue()?,
                the: cue()?,
                quoted: cue()?,
                organisation: cue()?,
            };
            if out.insert(key, spellings, cues).is_none() {
                return Err(Malformed {
                    what: "a discovered name or spelling read twice",
                    at,
                });
            }
        }
        Ok(out)
    }
}

fn get_counts(r: &mut Reader<'_>, what: &'static str) -> Result<Vec<(String, usize)>, Malformed> {
    let n = r.count(2, what)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let s = r.str(what)?.to_string();
        out.push((s, r.varint(what)? as usize));
    }
    Ok(out)
}

impl Plan {
    /// Appends the plan to `w`.
    pub fn encode(&self, w: &mut Writer) {
        w.len_of(self.entities.len());
        for e in &self.entities {
            w.str(&e.name);
            w.u8(kind_code(e.kind));
            w.len_of(e.aliases.len());
            for a in &e.aliases {
                w.str(a);
            }
            w.len_of(e.patterns.len());
            for (p, case_sensitive) in &e.patterns {
                w.str(p);
                w.u8(u8::from(*case_sensitive));
            }
            w.len_of(e.persons.len());
            for &p in &e.persons {
                w.varint(p as u64);
            }
            w.u8(u8::from(e.part_only));
        }
    }

    /// Reads a plan written by [`Plan::encode`].
    pub fn decode(r: &mut Reader<'_>) -> Result<Plan, Malformed> {
        let n = r.count(6, "planned entities")?;
        let mut entities = Vec::with_capacity(n);
        for _ in 0..n {
            let name = r.str("a planned name")?.to_string();
            let kind = *Kind::ALL
                .get(r.u8("a planned kind")? as usize)
                .ok_or(Malformed {
                    what: "a planned kind",
                    at: r.position(),
                })?;
            let aliases = (0..r.count(1, "aliases")?)
                .map(|_| r.str("an alias").map(str::to_string))
                .collect::<Result<_, _>>()?;
            let patterns = (0..r.count(2, "patterns")?)
                .map(|_| Ok((r.str("a pattern")?.to_string(), flag(r)?)))
                .collect::<Result<_, _>>()?;
            let persons = (0..r.count(1, "persons")?)
                .map(|_| {
                    let at = r.position();
                    let p = r.varint("a person")? as usize;
                    if p < n {
                        Ok(p)
                    } else {
                        Err(Malformed {
                            what: "a person",
                            at,
                        })
                    }
                })
                .collect::<Result<_, _>>()?;
            let part_only = flag(r)?;
            entities.push(PlannedEntity {
                name,
                kind,
                aliases,
                patterns,
                persons,
                part_only,
            });
        }
        Ok(Plan { entities })
    }
}

fn kind_code(kind: Kind) -> u8 {
    Kind::ALL.iter().position(|&k| k == kind).unwrap_or(4) as u8
}

fn flag(r: &mut Reader<'_>) -> Result<bool, Malformed> {
    let at = r.position();
    match r.u8("a flag")? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(Malformed { what: "a flag", at }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::corpus::Corpus;
    use crate::core::entity::discover::{Cue, plan, scan_article};

    fn counted(corpus: &Corpus) -> Candidates {
        let mut c = Candidates::default();
        for a in &corpus.articles {
            scan_article(a, &[], &mut c);
        }
        c
    }

    fn found(c: Candidates) -> Vec<super::super::Discovered> {
        c.finish(|_| false)
    }

    #[test]
    fn counts_and_plans_read_back_as_written() {
        let c = counted(&Corpus::bundled());
        let mut w = Writer::new();
        c.encode(&mut w);
        let bytes = w.into_bytes();
        let back = Candidates::decode(&mut Reader::new(&bytes)).unwrap();
        let p = plan(found(c.clone()), |_| false);
        assert_eq!(found(back.clone()), found(c));
        assert_eq!(plan(found(back), |_| false).entities, p.entities);
        let mut w = Writer::new();
        p.encode(&mut w);
        let bytes = w.into_bytes();
        assert_eq!(
            Plan::decode(&mut Reader::new(&bytes)).unwrap().entities,
            p.entities
        );
        // Every truncation is an error, never a panic.
        for cut in 0..bytes.len() {
            assert!(Plan::decode(&mut Reader::new(&bytes[..cut])).is_err());
        }
    }

    #[test]
    fn what_is_taken_away_is_as_if_never_seen() {
        let corpus = Corpus::bundled();
        let (first, rest) = corpus.articles.split_at(2);
        let mut all = counted(&corpus);
        let mut gone = Candidates::default();
        for a in first {
            scan_article(a, &[], &mut gone);
        }
        all.subtract(gone);
        let mut only_rest = Candidates::default();
        for a in rest {
            scan_article(a, &[], &mut only_rest);
        }
        assert_eq!(found(all.clone()), found(only_rest.clone()));
        assert_eq!(all.len(), only_rest.len());
        // A name seen once, taken away, is forgotten whole.
        let mut one = Candidates::default();
        one.add("Nowhere Land", Cue::Place);
        let mut again = Candidates::default();
        again.add("Nowhere Land", Cue::Place);
        one.subtract(again);
        assert_eq!(one.len(), 0);
    }
}
