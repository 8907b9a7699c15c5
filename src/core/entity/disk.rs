//! The [`EntityIndex`] written to bytes and read back, for the index cache:
//! [`EntityIndex::encode`] and [`EntityIndex::decode`].
//!
//! Mentions are written as columns of fixed-width numbers (article,
//! passage, start, end, and a byte for field and nesting), grouped by
//! entity as the index keeps them, so decoding is a few bulk reads. What
//! can be derived cheaply is not written: each mention's entity (its
//! group), the entities' mention and article counts, the articles each
//! entity is mentioned in, and the name lookup table.
//!
//! Decoding checks everything a query relies on without checking: ids
//! inside their tables, groups that ascend and cover every mention,
//! mentions in reading order, each mention's byte range inside its field's
//! text and on char boundaries, and the article count and body lengths of
//! the `corpus` it is decoded for. Anything wrong is a [`Malformed`]
//! error, never a panic. This module never reads files.

use std::collections::HashMap;

use super::matcher::name_key;
use super::{Entity, EntityId, EntityIndex, Field, Kind, Mention};
use crate::core::codec::{Malformed, Reader, Writer};
use crate::core::corpus::{Article, Corpus};

/// Marks the start of an encoded entity index ("EIX" and a format number).
const TAG: u32 = u32::from_le_bytes(*b"EIX1");
/// The field of a mention, in its flags byte.
const FIELDS: [Field; 3] = [Field::Title, Field::Meta, Field::Body];
/// The flag bit of a nested mention.
const NESTED: u8 = 4;

impl EntityIndex {
    /// Appends the index to `w`.
    pub fn encode(&self, w: &mut Writer) {
        self.encode_marked(w, &mut Vec::new());
    }

    /// [`EntityIndex::encode`], noting in `marks` where each table starts
    /// (for tests that cut the bytes there).
    fn encode_marked(&self, w: &mut Writer, marks: &mut Vec<usize>) {
        let mut mark = |w: &Writer| marks.push(w.len());
        w.u32(TAG);
        mark(w);
        let lens: Vec<u32> = self.body_len.iter().map(|&l| l as u32).collect();
        w.u32s(&lens);
        mark(w);
        w.len_of(self.entities.len());
        for e in &self.entities {
            mark(w);
            w.str(&e.name);
            w.u8(Kind::ALL.iter().position(|&k| k == e.kind).unwrap_or(4) as u8);
            w.u8(u8::from(e.discovered));
            mark(w);
            w.len_of(e.aliases.len());
            for a in &e.aliases {
                w.str(a);
            }
        }
        mark(w);
        let starts: Vec<u32> = self.entity_start.iter().map(|&s| s as u32).collect();
        w.u32s(&starts);
        let column =
            |f: fn(&Mention) -> u32| -> Vec<u32> { self.by_entity.iter().map(f).collect() };
        for f in [
            |m: &Mention| m.article,
            |m: &Mention| m.passage,
            |m: &Mention| m.start,
            |m: &Mention| m.end,
        ] {
            mark(w);
            w.u32s(&column(f));
        }
        mark(w);
        let flags: Vec<u8> = self
            .by_entity
            .iter()
            .map(|m| field_code(m.field) | if m.nested { NESTED } else { 0 })
            .collect();
        w.bytes(&flags);
        mark(w);
        w.u32s(&self.by_article);
        mark(w);
        let starts: Vec<u32> = self.article_start.iter().map(|&s| s as u32).collect();
        w.u32s(&starts);
    }

    /// Reads an index written by [`EntityIndex::encode`] for `corpus`, which
    /// must be the corpus it was built from (same articles, same text).
    /// Bytes that do not make such an index are an error.
    pub fn decode(r: &mut Reader<'_>, corpus: &Corpus) -> Result<EntityIndex, Malformed> {
        let at = r.position();
        let bad = |what: &'static str| Malformed { what, at };
        if r.u32("entity index tag")? != TAG {
            return Err(bad("entity index tag"));
        }
        let articles = &corpus.articles;
        let lens = r.u32s("body lengths")?;
        if lens.len() != articles.len()
            || lens
                .iter()
                .zip(articles)
                .any(|(&l, a)| l as usize != a.text.len())
        {
            return Err(bad("body lengths"));
        }
        let mut entities = read_entities(r)?;
        let entity_start = read_starts(r, entities.len() + 1, "entity starts")?;
        let by_entity = read_mentions(r, &entity_start, corpus)?;
        let by_article = r.u32s("mention order")?;
        let article_start = read_starts(r, articles.len() + 1, "article starts")?;
        if entity_start.last() != Some(&by_entity.len())
            || by_article.len() != by_entity.len()
            || article_start.last() != Some(&by_entity.len())
        {
            return Err(bad("mention count"));
        }
        check_reading_order(&by_entity, &by_article, &article_start)
            .map_err(|_| bad("mention order"))?;
        let mut entity_articles = Vec::with_capacity(entities.len());
        for (i, e) in entities.iter_mut().enumerate() {
            let ms = &by_entity[entity_start[i]..entity_start[i + 1]];
            let mut arts: Vec<u32> = Vec::new();
            for m in ms {
                if arts.last() != Some(&m.article) {
                    arts.push(m.article);
                }
            }
            e.mentions = ms.len();
            e.articles = arts.len();
            entity_articles.push(arts);
        }
        let mut names = HashMap::new();
        for e in &entities {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                names.entry(name_key(name)).or_insert(e.id);
            }
        }
        Ok(EntityIndex {
            entities,
            by_entity,
            entity_start,
            entity_articles,
            by_article,
            article_start,
            body_len: lens.iter().map(|&l| l as usize).collect(),
            names,
        })
    }
}

fn field_code(f: Field) -> u8 {
    match f {
        Field::Title => 0,
        Field::Meta => 1,
        Field::Body => 2,
    }
}

/// The entities, their counts left at 0 for the caller to fill in.
fn read_entities(r: &mut Reader<'_>) -> Result<Vec<Entity>, Malformed> {
    // A name, a kind, a flag and an alias count: at least four bytes each.
    let n = r.count(4, "entities")?;
    let mut entities = Vec::with_capacity(n);
    for i in 0..n {
        let name = r.str("entity name")?.to_owned();
        let at = r.position();
        let kind = *Kind::ALL
            .get(usize::from(r.u8("entity kind")?))
            .ok_or(Malformed {
                what: "entity kind",
                at,
            })?;
        let discovered = match r.u8("entity flag")? {
            0 => false,
            1 => true,
            _ => {
                return Err(Malformed {
                    what: "entity flag",
                    at: at + 1,
                });
            }
        };
        let aliases = (0..r.count(1, "aliases")?)
            .map(|_| r.str("alias").map(str::to_owned))
            .collect::<Result<Vec<_>, _>>()?;
        entities.push(Entity {
            id: EntityId(i as u32),
            name,
            kind,
            aliases,
            discovered,
            mentions: 0,
            articles: 0,
        });
    }
    Ok(entities)
}

/// A table of `n` group starts: from 0, never going down.
fn read_starts(r: &mut Reader<'_>, n: usize, what: &'static str) -> Result<Vec<usize>, Malformed> {
    let at = r.position();
    let v = r.u32s(what)?;
    if v.len() != n || v.first() != Some(&0) || v.windows(2).any(|w| w[0] > w[1]) {
        return Err(Malformed { what, at });
    }
    Ok(v.into_iter().map(|s| s as usize).collect())
}

/// The mentions, grouped by entity as `entity_start` says, each checked
/// against its article in `corpus`, in reading order within its group.
fn read_mentions(
    r: &mut Reader<'_>,
    entity_start: &[usize],
    corpus: &Corpus,
) -> Result<Vec<Mention>, Malformed> {
    let at = r.position();
    let bad = |what: &'static str| Malformed { what, at };
    let article = r.u32s("mention articles")?;
    let passage = r.u32s("mention passages")?;
    let start = r.u32s("mention starts")?;
    let end = r.u32s("mention ends")?;
    let flags = r.bytes("mention flags")?;
    let n = article.len();
    if [passage.len(), start.len(), end.len(), flags.len()] != [n; 4]
        || entity_start.last() != Some(&n)
    {
        return Err(bad("mention table"));
    }
    let mut out = Vec::with_capacity(n);
    for (e, bounds) in entity_start.windows(2).enumerate() {
        let mut last = None;
        for i in bounds[0]..bounds[1] {
            let f = flags[i];
            let field = *FIELDS
                .get(usize::from(f & !NESTED))
                .ok_or(bad("mention field"))?;
            let m = Mention {
                entity: EntityId(e as u32),
                article: article[i],
                passage: passage[i],
                start: start[i],
                end: end[i],
                field,
                nested: f & NESTED != 0,
            };
            let a = corpus
                .articles
                .get(m.article as usize)
                .ok_or(bad("mention article"))?;
            if !fits(&m, a) {
                return Err(bad("mention range"));
            }
            let pos = m.position();
            if last.is_some_and(|l| l > pos) {
                return Err(bad("mention order"));
            }
            last = Some(pos);
            out.push(m);
        }
    }
    Ok(out)
}

/// True when the mention's range is one of its field's text, on char
/// boundaries, and its passage one of the article's.
fn fits(m: &Mention, a: &Article) -> bool {
    let (s, e) = (m.start as usize, m.end as usize);
    let on = |t: &str| s <= e && e <= t.len() && t.is_char_boundary(s) && t.is_char_boundary(e);
    let passage_ok = match m.field {
        Field::Body => m.passage as usize <= a.passages.len(),
        _ => m.passage == 0,
    };
    passage_ok
        && match m.field {
            Field::Title => on(&a.title),
            Field::Meta => on(&a.meta.line()),
            Field::Body => on(&a.text),
        }
}

/// Checks that `by_article` lists, for each article, places of that
/// article's mentions in reading order.
fn check_reading_order(
    by_entity: &[Mention],
    by_article: &[u32],
    article_start: &[usize],
) -> Result<(), ()> {
    for (a, bounds) in article_start.windows(2).enumerate() {
        let mut last = None;
        for &place in &by_article[bounds[0]..bounds[1]] {
            let m = by_entity.get(place as usize).ok_or(())?;
            let pos = m.position();
            if m.article as usize != a || last.is_some_and(|l| l > pos) {
                return Err(());
            }
            last = Some(pos);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bundled corpus's entity index as bytes, and where each table
    /// starts.
    fn encoded(corpus: &Corpus) -> (Vec<u8>, Vec<usize>) {
        let mut w = Writer::new();
        let mut marks = Vec::new();
        EntityIndex::build(corpus)
            .0
            .encode_marked(&mut w, &mut marks);
        (w.into_bytes(), marks)
    }

    fn decodes(bytes: &[u8], corpus: &Corpus) -> bool {
        let mut r = Reader::new(bytes);
        EntityIndex::decode(&mut r, corpus).is_ok() && r.is_done()
    }

    fn encode(i: &EntityIndex) -> Vec<u8> {
        let mut w = Writer::new();
        i.encode(&mut w);
        w.into_bytes()
    }

    #[test]
    fn every_truncation_is_an_error() {
        let corpus = Corpus::bundled();
        let (bytes, marks) = encoded(&corpus);
        assert!(decodes(&bytes, &corpus));
        let n = bytes.len();
        let mut cuts: Vec<usize> = (0..n).step_by(n / 700 + 1).collect();
        cuts.extend(0..16);
        cuts.extend(n - 16..n);
        for &m in &marks {
            cuts.extend([m.saturating_sub(1), m, m + 1]);
        }
        for cut in cuts.into_iter().filter(|&c| c < n) {
            assert!(!decodes(&bytes[..cut], &corpus), "cut at {cut} of {n}");
        }
    }

    #[test]
    fn a_flipped_bit_in_a_length_is_an_error() {
        let corpus = Corpus::bundled();
        let (bytes, marks) = encoded(&corpus);
        assert!(marks.len() > 20, "{} tables", marks.len());
        for &m in &marks {
            for bit in [0, 3, 7] {
                let mut b = bytes.clone();
                b[m] ^= 1 << bit;
                assert!(!decodes(&b, &corpus), "bit {bit} of byte {m}");
            }
        }
    }

    /// A change that breaks an index.
    type Change = dyn Fn(&mut EntityIndex);

    #[test]
    fn mentions_outside_their_text_or_tables_are_errors() {
        let corpus = Corpus::bundled();
        let (idx, _) = EntityIndex::build(&corpus);
        assert!(decodes(&encode(&idx), &corpus));
        // The first body mention (its article has curly quotes: not ASCII).
        let (k, a) = idx
            .by_entity
            .iter()
            .enumerate()
            .find(|(_, m)| m.field == Field::Body)
            .map(|(k, m)| (k, &corpus.articles[m.article as usize]))
            .unwrap();
        let inside_char = a
            .text
            .char_indices()
            .find(|(_, c)| c.len_utf8() > 1)
            .unwrap()
            .0
            + 1;
        let too_far = a.text.len() as u32 + 1;
        let broken: Vec<Box<Change>> = vec![
            Box::new(move |i| i.by_entity[k].end = too_far),
            Box::new(move |i| i.by_entity[k].start = i.by_entity[k].end + 1),
            Box::new(move |i| i.by_entity[k].start = inside_char as u32),
            Box::new(move |i| i.by_entity[k].article = 999),
            Box::new(move |i| i.by_entity[k].passage = 999),
            Box::new(move |i| i.by_entity[k].field = Field::Title),
            Box::new(|i| i.by_article[0] = u32::MAX),
            Box::new(|i| i.by_article.swap(0, 1)),
            Box::new(|i| i.article_start[1] = 0),
            Box::new(|i| i.entity_start[1] += 1),
            Box::new(|i| i.body_len[0] += 1),
            Box::new(|i| i.by_entity.swap(0, 1)),
        ];
        for (n, f) in broken.iter().enumerate() {
            let mut i = idx.clone();
            f(&mut i);
            assert!(!decodes(&encode(&i), &corpus), "change {n}");
        }
    }
}
