//! The [`EntityIndex`] written to bytes and read back, for the index cache:
//! [`EntityIndex::encode`] and [`EntityIndex::decode`].
//!
//! Mentions are written once, in reading order (article by article), as
//! columns of fixed-width numbers (entity, passage, start, end, and a byte
//! for field and nesting), with the table of where each article's mentions
//! start. Decoding reads them front to back and lays them out by entity as
//! the index keeps them, so each article's text is read in one place and
//! the entity groups come out in reading order by construction. What can
//! be derived is not written: each mention's article, the entity groups,
//! the entities' mention and article counts, the articles of each entity,
//! and the name lookup table.
//!
//! Decoding checks everything a query relies on without checking: entity
//! ids inside their table, each article's mentions in reading order, each
//! mention's byte range inside its field's text and on char boundaries, its
//! passage one of its article's, and the article count and body lengths of
//! the `corpus` it is decoded for. Anything wrong is a [`Malformed`] error,
//! never a panic. This module never reads files.

use std::collections::HashMap;
use std::ops::Range;

use super::matcher::name_key;
use super::{Entity, EntityId, EntityIndex, Field, Kind, Mention};
use crate::core::codec::{Malformed, Reader, SPILL_BYTES, Writer};
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

    /// The bytes [`EntityIndex::encode`] writes, handed to `out` about
    /// [`SPILL_BYTES`] at a time as they are made, never all in memory at once: the
    /// encoded index is about as large as the index. Stops at the first
    /// error `out` returns.
    pub fn encode_to(
        &self,
        out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.encode_spilling(out, SPILL_BYTES)
    }

    /// [`EntityIndex::encode_to`], handing out the bytes once `spill` or
    /// more are gathered.
    fn encode_spilling(
        &self,
        out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
        spill: usize,
    ) -> std::io::Result<()> {
        let mut w = Writer::new();
        // Chances to hand a column out about every `spill` bytes of it.
        let every = (spill / 4).max(1);
        self.encode_tables(&mut w, every, &mut |w, _| w.spill_to(out, spill), false)?;
        out(w.as_bytes())
    }

    /// How many bytes [`EntityIndex::encode`] writes, counted without
    /// reading the mentions (each column has a fixed width): a section's
    /// length comes before its bytes, and the mentions are read in reading
    /// order, a cache miss each.
    pub fn encoded_len(&self) -> usize {
        let mut w = Writer::new();
        let mut len = 0;
        let columns = self.encode_tables(
            &mut w,
            usize::MAX,
            &mut |w, _| {
                len += w.len();
                w.clear();
                Ok(())
            },
            true,
        );
        len + w.len() + columns.unwrap_or(0)
    }

    /// [`EntityIndex::encode`], noting in `marks` where each table starts
    /// (for tests that cut the bytes there).
    fn encode_marked(&self, w: &mut Writer, marks: &mut Vec<usize>) {
        // Marking never fails.
        let _ = self.encode_tables(
            w,
            usize::MAX,
            &mut |w, table| {
                if table {
                    marks.push(w.len());
                }
                Ok(())
            },
            false,
        );
    }

    /// Writes the index to `w`, calling `mark` with it where each table
    /// (and each entity) starts (`true`), and every `every` mentions of a
    /// column (`false`): where the bytes so far may be taken out of `w`. With `sizing`, the mentions' columns are left out but
    /// for their lengths: returns how many bytes they take.
    fn encode_tables(
        &self,
        w: &mut Writer,
        every: usize,
        mark: &mut dyn FnMut(&mut Writer, bool) -> std::io::Result<()>,
        sizing: bool,
    ) -> std::io::Result<usize> {
        w.u32(TAG);
        mark(w, true)?;
        let lens: Vec<u32> = self.body_len.iter().map(|&l| l as u32).collect();
        w.u32s(&lens);
        mark(w, true)?;
        w.len_of(self.entities.len());
        for e in &self.entities {
            mark(w, true)?;
            w.str(&e.name);
            w.u8(Kind::ALL.iter().position(|&k| k == e.kind).unwrap_or(4) as u8);
            w.u8(u8::from(e.discovered));
            mark(w, true)?;
            w.len_of(e.aliases.len());
            for a in &e.aliases {
                w.str(a);
            }
        }
        // The mentions in reading order, a column at a time (as
        // `Writer::u32s` writes a column).
        let n = self.by_article.len();
        let mut left_out = 0;
        let reading = |from: usize, to: usize| {
            self.by_article[from..to]
                .iter()
                .map(|&p| &self.by_entity[p as usize])
        };
        let columns: [fn(&Mention) -> u32; 5] = [
            |m| m.entity().0,
            |m| m.passage() as u32,
            |m| m.start() as u32,
            |m| m.end() as u32,
            |m| u32::from(field_code(m.field()) | if m.is_nested() { NESTED } else { 0 }),
        ];
        for (c, f) in columns.iter().enumerate() {
            // Four columns of u32, then the flags, a byte each.
            let width = if c < 4 { 4 } else { 1 };
            mark(w, true)?;
            w.len_of(n);
            if sizing {
                left_out += n * width;
                continue;
            }
            for from in (0..n).step_by(every) {
                let to = from.saturating_add(every).min(n);
                if width == 4 {
                    for m in reading(from, to) {
                        w.u32(f(m));
                    }
                } else {
                    for m in reading(from, to) {
                        w.u8(f(m) as u8);
                    }
                }
                mark(w, false)?;
            }
        }
        mark(w, true)?;
        let starts: Vec<u32> = self.article_start.iter().map(|&s| s as u32).collect();
        w.u32s(&starts);
        Ok(left_out)
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
        let columns = Columns::read(r)?;
        let article_start = read_starts(r, articles.len() + 1, "article starts")?;
        if article_start.last() != Some(&columns.len()) {
            return Err(bad("article starts"));
        }
        let threads = if columns.len() < PARALLEL_MENTIONS {
            1
        } else {
            std::thread::available_parallelism().map_or(1, |n| n.get().min(4))
        };
        let laid = lay_out(&columns, entities.len(), &article_start, articles, threads)
            .map_err(|what| Malformed { what, at })?;
        for (e, arts) in entities.iter_mut().zip(&laid.entity_articles) {
            let i = e.id.index();
            e.mentions = laid.entity_start[i + 1] - laid.entity_start[i];
            e.articles = arts.len();
        }
        let mut names = HashMap::new();
        for e in &entities {
            for name in std::iter::once(&e.name).chain(&e.aliases) {
                names.entry(name_key(name)).or_insert(e.id);
            }
        }
        Ok(EntityIndex {
            entities,
            by_entity: laid.by_entity,
            entity_start: laid.entity_start,
            entity_articles: laid.entity_articles,
            by_article: laid.by_article,
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

/// The mentions in reading order, as written: columns of `u32` read in
/// place (not copied into vectors first), and the flags.
struct Columns<'a> {
    entity: &'a [u8],
    passage: &'a [u8],
    start: &'a [u8],
    end: &'a [u8],
    flags: &'a [u8],
}

impl<'a> Columns<'a> {
    fn read(r: &mut Reader<'a>) -> Result<Columns<'a>, Malformed> {
        let at = r.position();
        let mut column = |what| -> Result<&'a [u8], Malformed> {
            let n = r.count(4, what)?;
            r.raw(n * 4, what)
        };
        let entity = column("mention entities")?;
        let passage = column("mention passages")?;
        let start = column("mention starts")?;
        let end = column("mention ends")?;
        let flags = r.bytes("mention flags")?;
        let n = flags.len();
        if [entity.len(), passage.len(), start.len(), end.len()] != [4 * n; 4] {
            return Err(Malformed {
                what: "mention table",
                at,
            });
        }
        Ok(Columns {
            entity,
            passage,
            start,
            end,
            flags,
        })
    }

    /// How many mentions.
    fn len(&self) -> usize {
        self.flags.len()
    }

    /// Mentions `range`, all of article `article`; `None` for one whose
    /// flags are not a field's or that no [`Mention`] can hold.
    fn mentions(
        &self,
        range: Range<usize>,
        article: usize,
    ) -> impl Iterator<Item = Option<Mention>> + 'a {
        let words = |col: &'a [u8]| words(&col[4 * range.start..4 * range.end]);
        words(self.entity)
            .zip(words(self.passage))
            .zip(words(self.start))
            .zip(words(self.end))
            .zip(&self.flags[range.clone()])
            .map(move |((((entity, passage), start), end), &f)| {
                let field = *FIELDS.get(usize::from(f & !NESTED))?;
                let (start, end) = (start as usize, end as usize);
                let m = Mention::new(
                    EntityId(entity),
                    article,
                    field,
                    passage as usize,
                    start..end,
                )?;
                Some(if f & NESTED != 0 { m.nested() } else { m })
            })
    }
}

/// The numbers of a `u32` column.
fn words(col: &[u8]) -> impl Iterator<Item = u32> + '_ {
    col.chunks_exact(4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The mentions laid out by entity, as [`EntityIndex`] keeps them.
struct Laid {
    by_entity: Vec<Mention>,
    entity_start: Vec<usize>,
    entity_articles: Vec<Vec<u32>>,
    by_article: Vec<u32>,
}

/// Below this many mentions, one thread lays them out.
const PARALLEL_MENTIONS: usize = 1 << 20;

/// Lays the mentions (in reading order, article `a`'s at
/// `article_start[a]..article_start[a + 1]`) out by entity, checking each
/// against its article: the name of what is wrong if something is.
///
/// A large index is laid out by a few threads, each taking a run of
/// articles: each entity's group is cut into one part per run (the run's
/// mentions of it, counted first), so every thread writes its own parts
/// and each group comes out in reading order as with one thread.
fn lay_out(
    columns: &Columns<'_>,
    entities: usize,
    article_start: &[usize],
    articles: &[Article],
    threads: usize,
) -> Result<Laid, &'static str> {
    let total = columns.len();
    if u32::try_from(total).is_err() {
        return Err("mention count");
    }
    let threads = threads.max(1);
    // The runs of articles, about as many mentions each.
    let mut cuts = vec![0usize];
    for k in 1..threads {
        let at = article_start.partition_point(|&s| s < total * k / threads);
        cuts.push(at.clamp(*cuts.last().unwrap_or(&0), articles.len()));
    }
    cuts.push(articles.len());
    let runs: Vec<Range<usize>> = cuts.windows(2).map(|c| c[0]..c[1]).collect();
    // Each run's mentions of each entity.
    let mut counts: Vec<Vec<u32>> = Vec::with_capacity(runs.len());
    for r in &runs {
        let ids = &columns.entity[4 * article_start[r.start]..4 * article_start[r.end]];
        let mut c = vec![0u32; entities];
        for e in words(ids) {
            *c.get_mut(e as usize).ok_or("mention entity")? += 1;
        }
        counts.push(c);
    }
    let mut entity_start = vec![0usize; entities + 1];
    for e in 0..entities {
        let n: usize = counts.iter().map(|c| c[e] as usize).sum();
        entity_start[e + 1] = entity_start[e] + n;
    }
    let placeholder = Mention::new(EntityId(0), 0, Field::Title, 0, 0..0).ok_or("mention")?;
    let mut by_entity = vec![placeholder; total];
    let mut by_article = vec![0u32; total];
    // Each run's parts of the entity groups, and where they start.
    let mut parts: Vec<Vec<&mut [Mention]>> = runs.iter().map(|_| Vec::new()).collect();
    let mut bases: Vec<Vec<u32>> = runs.iter().map(|_| Vec::new()).collect();
    let mut rest: &mut [Mention] = &mut by_entity;
    let mut at = 0usize;
    for e in 0..entities {
        for (k, c) in counts.iter().enumerate() {
            let (part, tail) = std::mem::take(&mut rest).split_at_mut(c[e] as usize);
            parts[k].push(part);
            bases[k].push(at as u32);
            at += c[e] as usize;
            rest = tail;
        }
    }
    let mut places: Vec<&mut [u32]> = Vec::with_capacity(runs.len());
    let mut rest: &mut [u32] = &mut by_article;
    for r in &runs {
        let (mine, tail) =
            std::mem::take(&mut rest).split_at_mut(article_start[r.end] - article_start[r.start]);
        places.push(mine);
        rest = tail;
    }
    let jobs = runs.into_iter().zip(parts).zip(bases).zip(places);
    let results: Vec<Result<(), &'static str>> = if threads == 1 {
        jobs.map(|(((r, p), b), pl)| lay_out_run(columns, article_start, articles, r, p, b, pl))
            .collect()
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = jobs
                .map(|(((r, p), b), pl)| {
                    s.spawn(move || lay_out_run(columns, article_start, articles, r, p, b, pl))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or(Err("mention table")))
                .collect()
        })
    };
    results.into_iter().collect::<Result<(), _>>()?;
    let entity_articles = super::index::articles_of_entities(&entity_start, &by_entity);
    Ok(Laid {
        by_entity,
        entity_start,
        entity_articles,
        by_article,
    })
}

/// Lays out the mentions of the articles `run`: each goes to the next
/// free place of its entity's part (`parts`, whose places in the whole
/// table start at `bases`), and that place to `places`, in reading order.
fn lay_out_run(
    columns: &Columns<'_>,
    article_start: &[usize],
    articles: &[Article],
    run: Range<usize>,
    mut parts: Vec<&mut [Mention]>,
    bases: Vec<u32>,
    places: &mut [u32],
) -> Result<(), &'static str> {
    let mut filled = vec![0u32; parts.len()];
    let mut places = places.iter_mut();
    for a in run {
        let (art, bounds) = (&articles[a], article_start[a]..article_start[a + 1]);
        let mut last = None;
        let mut meta: Option<String> = None;
        for m in columns.mentions(bounds, a) {
            let m = m.ok_or("mention flags or range")?;
            let pos = m.position();
            if last.is_some_and(|l| l > pos) {
                return Err("mention order");
            }
            last = Some(pos);
            let text = match m.field() {
                Field::Title => art.title.as_str(),
                Field::Meta => meta.get_or_insert_with(|| art.meta.line()).as_str(),
                Field::Body => art.text.as_str(),
            };
            if !fits(&m, text, art.passages.len()) {
                return Err("mention range");
            }
            let e = m.entity().index();
            let slot = &mut filled[e];
            *parts[e].get_mut(*slot as usize).ok_or("mention table")? = m;
            *places.next().ok_or("mention table")? = bases[e] + *slot;
            *slot += 1;
        }
    }
    Ok(())
}

/// True when the mention's range is one of `text` (its field's text), on
/// char boundaries, and its passage one of the article's `passages`.
fn fits(m: &Mention, text: &str, passages: usize) -> bool {
    let (s, e) = (m.start(), m.end());
    let passage_ok = match m.field() {
        Field::Body => m.passage() <= passages,
        _ => m.passage() == 0,
    };
    passage_ok && s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::codec::{handed_out, parts_tried_on_failure};

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
    fn the_index_handed_out_in_parts_is_the_one_encoded_whole() {
        let (built, _) = EntityIndex::build(&Corpus::bundled());
        let parts = handed_out(|out| built.encode_spilling(out, 256));
        assert!(parts.len() > 10, "{} parts", parts.len());
        assert!(
            parts.iter().all(|p| p.len() < 512),
            "columns handed out in parts"
        );
        assert_eq!(parts.concat(), encode(&built));
        // Its length counted without the mentions read.
        assert_eq!(built.encoded_len(), parts.concat().len());
        let (empty, _) = EntityIndex::build(&crate::core::search::test_corpus(&["t\n\nno names"]));
        assert_eq!(empty.encoded_len(), encode(&empty).len());
        // A failure stops it.
        assert_eq!(parts_tried_on_failure(|out| built.encode_to(out)), 1);
    }

    #[test]
    fn the_decoded_index_is_the_built_one() {
        for corpus in [
            Corpus::bundled(),
            crate::core::search::test_corpus(&["T\n\nx"]),
        ] {
            let (built, _) = EntityIndex::build(&corpus);
            let bytes = encode(&built);
            let mut r = Reader::new(&bytes);
            let got = EntityIndex::decode(&mut r, &corpus).unwrap();
            assert_eq!(got.entities, built.entities);
            assert_eq!(got.by_entity, built.by_entity);
            assert_eq!(got.entity_start, built.entity_start);
            assert_eq!(got.entity_articles, built.entity_articles);
            assert_eq!(got.by_article, built.by_article);
            assert_eq!(got.article_start, built.article_start);
            assert_eq!(got.body_len, built.body_len);
            assert_eq!(got.names, built.names);
        }
    }

    #[test]
    fn threads_lay_the_mentions_out_as_one_does() {
        let corpus = Corpus::bundled();
        let (bytes, _) = encoded(&corpus);
        let mut r = Reader::new(&bytes);
        r.u32("tag").unwrap();
        r.u32s("lengths").unwrap();
        let entities = read_entities(&mut r).unwrap();
        let columns = Columns::read(&mut r).unwrap();
        let starts = read_starts(&mut r, corpus.articles.len() + 1, "starts").unwrap();
        let one = lay_out(&columns, entities.len(), &starts, &corpus.articles, 1).unwrap();
        assert!(one.by_entity.len() > 1000);
        for threads in [2, 3, 7, 1000] {
            let more = lay_out(&columns, entities.len(), &starts, &corpus.articles, threads);
            let more = more.unwrap();
            assert_eq!(more.by_entity, one.by_entity, "{threads} threads");
            assert_eq!(more.by_article, one.by_article, "{threads} threads");
            assert_eq!(more.entity_start, one.entity_start, "{threads} threads");
            assert_eq!(
                more.entity_articles, one.entity_articles,
                "{threads} threads"
            );
        }
    }

    #[test]
    fn every_truncation_is_an_error() {
        let corpus = Corpus::bundled();
        let (bytes, marks) = encoded(&corpus);
        assert!(decodes(&bytes, &corpus));
        let n = bytes.len();
        for cut in crate::core::codec::cut_points(n, &marks) {
            assert!(!decodes(&bytes[..cut], &corpus), "cut at {cut} of {n}");
        }
    }

    #[test]
    fn a_flipped_bit_in_a_length_is_an_error() {
        let corpus = Corpus::bundled();
        let (bytes, marks) = encoded(&corpus);
        assert!(marks.len() > 20, "{} tables", marks.len());
        for (m, bit, b) in crate::core::codec::flipped_lengths(&bytes, &marks) {
            assert!(!decodes(&b, &corpus), "bit {bit} of byte {m}");
        }
    }

    /// A change that breaks an index.
    type Change = dyn Fn(&mut EntityIndex);

    /// Mention `k` of `i` (by entity) made anew with another entity,
    /// field, passage or range.
    fn remake(i: &mut EntityIndex, k: usize, f: impl Fn(&mut (u32, Field, usize, Range<usize>))) {
        let m = i.by_entity[k];
        let mut parts = (m.entity().0, m.field(), m.passage(), m.range());
        f(&mut parts);
        let (e, field, passage, range) = parts;
        let made = Mention::new(EntityId(e), m.article(), field, passage, range).unwrap();
        i.by_entity[k] = if m.is_nested() { made.nested() } else { made };
    }

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
            .find(|(_, m)| m.field() == Field::Body)
            .map(|(k, m)| (k, &corpus.articles[m.article()]))
            .unwrap();
        let inside_char = a
            .text
            .char_indices()
            .find(|(_, c)| c.len_utf8() > 1)
            .unwrap()
            .0
            + 1;
        let too_far = a.text.len() + 1;
        let broken: Vec<Box<Change>> = vec![
            Box::new(move |i| remake(i, k, |m| m.3.end = too_far)),
            Box::new(move |i| remake(i, k, |m| m.0 = 9999)),
            Box::new(move |i| remake(i, k, |m| m.2 = 999)),
            Box::new(move |i| remake(i, k, |m| m.1 = Field::Title)),
            Box::new(|i| i.by_article.swap(0, 1)),
            Box::new(|i| i.article_start[1] = 0),
            Box::new(|i| i.article_start[2] += 1),
            Box::new(|i| i.body_len[0] += 1),
            Box::new(|i| i.by_entity.swap(0, 1)),
        ];
        for (n, f) in broken.iter().enumerate() {
            let mut i = idx.clone();
            f(&mut i);
            assert!(!decodes(&encode(&i), &corpus), "change {n}");
        }
        // Starts no mention can have: after its end, inside a character.
        let (bytes, marks) = encoded(&corpus);
        let n = idx.by_article.len();
        let place = idx
            .by_article
            .iter()
            .position(|&p| p as usize == k)
            .unwrap();
        let m = idx.by_entity[k];
        // The columns: entities, passages, starts, ends, then the flags.
        let flags_at = marks.len() - 2;
        let starts_end = marks[flags_at - 1];
        let at = starts_end - 4 * n + 4 * place;
        assert_eq!(bytes[at..at + 4], (m.start() as u32).to_le_bytes());
        for start in [m.end() + 1, inside_char] {
            let mut b = bytes.clone();
            b[at..at + 4].copy_from_slice(&(start as u32).to_le_bytes());
            assert!(!decodes(&b, &corpus), "start {start}");
        }
    }
}
