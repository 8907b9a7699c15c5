//! An [`EntityIndex`] brought up to date with a changed corpus at the cost
//! of what changed ([`EntityIndex::updated`]), not built again whole.
//!
//! Discovery counts over the whole corpus, so one new article can add an
//! entity, merge two, retype one or make a name a word; and one entity's
//! names decide the mentions of others (the longest name wins, a part of a
//! person's name goes to the person named in full). The update is exact
//! all the same, from what the build kept ([`Discovery`]: discovery's
//! counts, the plan made of them, the upper- and lower-case uses of each
//! discovered name) and the old index:
//!
//! 1. The articles the same at the start and at the end of both corpora
//!    are kept; the stretch between them is *the cut*. Discovery's counts
//!    lose the old cut's runs and gain the new cut's; the plan is made
//!    again from them.
//! 2. A planned entity is *the same* as before when it has the same names
//!    (patterns), kind, persons (for a part), whether it exists only as a
//!    part, and whether its names hold others (nesting). The others are
//!    *changed*: their names, old and new, are looked for in every article
//!    outside the cut, and those that hold one are indexed again. An
//!    article that holds none finds exactly what it found before: the
//!    automaton's answer there depends only on the names that occur in it.
//! 3. The upper- and lower-case uses of the same entities lose those of
//!    the articles indexed again (found with the old plan) and gain them
//!    again with the new; a changed entity's are all in those articles.
//!    An entity whose word test (see `words` in the index module) now
//!    answers otherwise is changed too, and the articles holding its names
//!    are indexed again (their counts are the same under both plans).
//! 4. Every other article keeps its mentions, their entities renumbered;
//!    the index is put together as a build does (entities ordered by
//!    their counts).
//!
//! When the catalogue changed, the kept state does not fit the old index,
//! or more than `1/`[`MAX_PART`] of the articles would be indexed again,
//! nothing is updated and the caller builds whole. The result is the index
//! a build of the new corpus makes, byte for byte (tests/entity_update.rs
//! checks it). Never touches files or the terminal.

use super::discover::{self, Candidates, Plan};
use super::index::{
    Nesting, assemble, body_ranges, catalogue_drafts, discovered_mentions, drop_words, pieces,
    planned_drafts, read_catalogue, scan_article, take_pieces, words,
};
use super::matcher::{Hit, Matcher, Pattern, name_key};
use super::{EntityId, EntityIndex, Mention};
use crate::core::codec::{Malformed, Reader, Writer};
use crate::core::corpus::{Article, Corpus, LoadWarning};
use crate::core::fasthash::{FastMap, FastSet};

/// More than `1/MAX_PART` of the articles to index again: build whole.
pub const MAX_PART: usize = 4;

/// Below this much text, threads cost more than they save.
const PARALLEL_BYTES: usize = 4 << 20;

/// What an entity index's build counted, which the next update starts
/// from: discovery's counts over the whole corpus (encoded), the plan made
/// of them, the upper- and lower-case uses of each planned entity, and the
/// draft each entity of the index was made from. Kept in the index file
/// beside the index ([`Discovery::encode`]).
#[derive(Debug, Clone, Default)]
pub struct Discovery {
    /// [`Candidates::encode`]d.
    pub(super) candidates: Vec<u8>,
    pub(super) plan: Plan,
    /// Lower-case uses of each planned entity.
    pub(super) lower: Vec<usize>,
    /// Upper-case uses of each planned entity.
    pub(super) upper: Vec<usize>,
    /// The draft (catalogue entries, then the plan's) of each entity of
    /// the index, by id.
    pub(super) order: Vec<u32>,
}

impl Discovery {
    /// Appends it to `w`.
    pub fn encode(&self, w: &mut Writer) {
        w.bytes(&self.candidates);
        self.plan.encode(w);
        for counts in [&self.lower, &self.upper] {
            w.len_of(counts.len());
            for &n in counts {
                w.varint(n as u64);
            }
        }
        w.u32s(&self.order);
    }

    /// Reads what [`Discovery::encode`] wrote. Whether it fits an index is
    /// checked when it is used.
    pub fn decode(r: &mut Reader<'_>) -> Result<Discovery, Malformed> {
        let candidates = r.bytes("discovery's counts")?.to_vec();
        let plan = Plan::decode(r)?;
        let mut counts = || -> Result<Vec<usize>, Malformed> {
            (0..r.count(1, "uses")?)
                .map(|_| r.varint("uses").map(|n| n as usize))
                .collect()
        };
        let lower = counts()?;
        let upper = counts()?;
        let order = r.u32s("entity drafts")?;
        Ok(Discovery {
            candidates,
            plan,
            lower,
            upper,
            order,
        })
    }
}

impl EntityIndex {
    /// This index, built from `old` (with `kept`, what its build
    /// counted), brought up to date with `new`, the same folder changed:
    /// the index and what it counted, or `None` when it is not worth it or
    /// cannot be (the catalogue changed, too much changed, `kept` does not
    /// fit): build whole then ([`EntityIndex::build_keeping`]). See the
    /// module docs.
    pub fn updated(
        &self,
        kept: &Discovery,
        old: &Corpus,
        new: &Corpus,
    ) -> Option<(EntityIndex, Vec<LoadWarning>, Discovery)> {
        self.updated_with(kept, old, new, MAX_PART)
    }

    /// [`EntityIndex::updated`], giving up when more than `1/max_part` of
    /// the articles would be indexed again (1: never).
    pub fn updated_with(
        &self,
        kept: &Discovery,
        old: &Corpus,
        new: &Corpus,
        max_part: usize,
    ) -> Option<(EntityIndex, Vec<LoadWarning>, Discovery)> {
        let (catalogue, warnings) = read_catalogue(new);
        if old.entities_toml != new.entities_toml {
            return None;
        }
        let (index, discovery) = update(self, kept, old, new, &catalogue, max_part.max(1))?;
        Some((index, warnings, discovery))
    }

    /// [`EntityIndex::updated`], or built whole when it gives `None`.
    pub fn updated_or_built(
        &self,
        kept: Option<&Discovery>,
        old: &Corpus,
        new: &Corpus,
    ) -> (EntityIndex, Vec<LoadWarning>, Discovery) {
        kept.and_then(|kept| self.updated(kept, old, new))
            .unwrap_or_else(|| EntityIndex::build_keeping(new))
    }
}

/// True when an article finds the same mentions as `b`: the same title,
/// metadata, text and passages.
fn same_article(a: &Article, b: &Article) -> bool {
    let (ta, tb) = (a.text.as_bytes(), b.text.as_bytes());
    a.title == b.title
        && a.meta == b.meta
        && a.passages.len() == b.passages.len()
        && a.passages
            .iter()
            .zip(&b.passages)
            .all(|(x, y)| x.number == y.number && x.range == y.range && x.kind == y.kind)
        && ((ta.as_ptr() == tb.as_ptr() && ta.len() == tb.len()) || ta == tb)
}

/// How many articles are the same at the start of both corpora, and at
/// the end (never overlapping).
fn same_ends(old: &Corpus, new: &Corpus) -> (usize, usize) {
    let (o, n) = (&old.articles, &new.articles);
    let front = o
        .iter()
        .zip(n)
        .take_while(|(a, b)| same_article(a, b))
        .count();
    let most = o.len().min(n.len()) - front;
    let back = o
        .iter()
        .rev()
        .zip(n.iter().rev())
        .take(most)
        .take_while(|(a, b)| same_article(a, b))
        .count();
    (front, back)
}

/// The matcher of a plan's names, and its patterns (entity ids from
/// `first`).
fn planned_matcher(plan: &Plan, first: usize) -> (Matcher, Vec<Pattern>) {
    let (_, patterns) = planned_drafts(plan, first);
    (Matcher::new(&patterns), patterns)
}

fn update(
    index: &EntityIndex,
    kept: &Discovery,
    old: &Corpus,
    new: &Corpus,
    catalogue: &super::catalogue::Catalogue,
    max_part: usize,
) -> Option<(EntityIndex, Discovery)> {
    let (mut drafts, patterns) = catalogue_drafts(catalogue);
    let first = drafts.len();
    let was = kept.plan.entities.len();
    let fits = index.article_start.len() == old.articles.len() + 1
        && kept.lower.len() == was
        && kept.upper.len() == was
        && kept.order.len() == index.entities.len()
        && index.entities.len() < Mention::MAX_ENTITIES
        && kept.order.iter().all(|&d| (d as usize) < first + was)
        && (0..first).all(|e| kept.order.get(e) == Some(&(e as u32)));
    if !fits {
        return None;
    }
    let n = new.articles.len();
    let (front, back) = same_ends(old, new);
    let old_cut = front..old.articles.len() - back;
    let new_cut = front..n - back;
    if new_cut.len() * max_part > n.max(1) {
        return None;
    }
    let parallel = new.text_bytes() >= PARALLEL_BYTES;
    let catalogue_matcher = Matcher::new(&patterns);
    let taken: FastSet<String> = patterns.iter().map(|p| name_key(&p.name)).collect();

    // 1. Discovery's counts without the old cut, with the new.
    let mut candidates = Candidates::decode(&mut Reader::new(&kept.candidates)).ok()?;
    let old_cut_ids: Vec<usize> = old_cut.clone().collect();
    let gone = over(
        old,
        &old_cut_ids,
        parallel,
        Candidates::default,
        |c, ai, a| {
            let mentions = scan_article(&catalogue_matcher, ai, a, |_| true);
            discover::scan_article(a, &body_ranges(&mentions), c);
        },
    );
    for (c, _) in gone {
        candidates.subtract(c);
    }
    let new_cut_ids: Vec<usize> = new_cut.clone().collect();
    let added = over(
        new,
        &new_cut_ids,
        parallel,
        Candidates::default,
        |c, ai, a| {
            let mentions = scan_article(&catalogue_matcher, ai, a, |_| true);
            discover::scan_article(a, &body_ranges(&mentions), c);
        },
    );
    for (c, _) in added {
        candidates.merge(c);
    }
    let mut counted = Writer::new();
    candidates.encode(&mut counted);
    let found = candidates.finish(|k| taken.contains(k));
    let plan = discover::plan(found, |k| taken.contains(k));
    let (more, new_patterns) = planned_drafts(&plan, first);
    drafts.extend(more);
    let new_matcher = Matcher::new(&new_patterns);
    let (old_matcher, old_patterns) = planned_matcher(&kept.plan, first);

    // 2. The same entities and the changed ones.
    let mut old_drafts = catalogue_drafts(catalogue).0;
    old_drafts.extend(planned_drafts(&kept.plan, first).0);
    let old_word = words(&kept.lower, &kept.upper);
    let old_discovered = (old_matcher, old_word);
    let old_nesting = Nesting::new(
        &old_drafts,
        &patterns,
        &old_patterns,
        &catalogue_matcher,
        Some(&old_discovered),
    );
    let mut new_discovered = (new_matcher, Vec::new());
    let new_nesting = Nesting::new(
        &drafts,
        &patterns,
        &new_patterns,
        &catalogue_matcher,
        Some(&new_discovered),
    );
    let same = same_entities(&kept.plan, &plan, first, &old_nesting, &new_nesting);
    // Old planned entity -> the same new one.
    let mut now_of: Vec<Option<usize>> = vec![None; was];
    for (e, o) in same.iter().enumerate() {
        if let Some(o) = o {
            now_of[*o] = Some(e);
        }
    }
    let changed_names: Vec<Pattern> = new_patterns
        .iter()
        .filter(|p| same[p.entity as usize - first].is_none())
        .chain(
            old_patterns
                .iter()
                .filter(|p| now_of[p.entity as usize - first].is_none()),
        )
        .cloned()
        .collect();
    // Where each new article was in the old corpus, outside the cut.
    let old_at = |ai: usize| -> Option<usize> {
        if ai < front {
            Some(ai)
        } else if ai >= n - back {
            Some(ai + old.articles.len() - n)
        } else {
            None
        }
    };
    let mut again = vec![false; n];
    again[new_cut.clone()].fill(true);
    mark_holding(new, &changed_names, &mut again, parallel);
    // A catalogue entity whose names now hold others (or no longer do):
    // the articles it is mentioned in (the same as before, outside the cut).
    let new_at = |oi: usize| -> Option<usize> {
        if oi < front {
            Some(oi)
        } else if oi >= old.articles.len() - back {
            Some(oi + n - old.articles.len())
        } else {
            None
        }
    };
    for e in 0..first {
        if old_nesting.may_nest[e] != new_nesting.may_nest[e] {
            for &oi in &index.entity_articles[e] {
                if let Some(ai) = new_at(oi as usize) {
                    again[ai] = true;
                }
            }
        }
    }

    // 3. The word test's counts.
    let planned = plan.entities.len();
    let mut lower = vec![0usize; planned];
    let mut upper = vec![0usize; planned];
    for (e, o) in same.iter().enumerate() {
        if let Some(o) = *o {
            lower[e] = kept.lower[o];
            upper[e] = kept.upper[o];
        }
    }
    // The old uses of the articles indexed again: the old cut and the
    // unchanged articles marked, as they were.
    let old_again: Vec<usize> = old_cut
        .clone()
        .chain((0..n).filter(|&ai| again[ai]).filter_map(old_at))
        .collect();
    let old_uses = over(
        old,
        &old_again,
        parallel,
        || (vec![0usize; was], vec![0usize; was]),
        |(l, u), ai, a| {
            let mine = scan_article(&catalogue_matcher, ai, a, |_| true);
            discovered_mentions(&old_discovered.0, ai, a, &mine, first, &kept.plan, l, u);
        },
    );
    for ((l, u), _) in old_uses {
        for (o, e) in now_of.iter().enumerate() {
            if let Some(e) = *e {
                lower[e] = lower[e].checked_sub(l[o])?;
                upper[e] = upper[e].checked_sub(u[o])?;
            }
        }
    }
    let again_ids: Vec<usize> = (0..n).filter(|&ai| again[ai]).collect();
    let lists = over(
        new,
        &again_ids,
        parallel,
        || (vec![0usize; planned], vec![0usize; planned]),
        |(l, u), ai, a| {
            let mut mine = scan_article(&catalogue_matcher, ai, a, |_| true);
            let more = discovered_mentions(&new_discovered.0, ai, a, &mine, first, &plan, l, u);
            mine.extend(more);
            (ai, mine)
        },
    );
    let mut per_article: Vec<Option<Vec<Mention>>> = vec![None; n];
    for ((l, u), found) in lists {
        for (sum, x) in lower.iter_mut().zip(l) {
            *sum += x;
        }
        for (sum, x) in upper.iter_mut().zip(u) {
            *sum += x;
        }
        for (ai, mine) in found {
            per_article[ai] = Some(mine);
        }
    }
    let word = words(&lower, &upper);
    // Same names, but now a word (or no longer one): changed too. Their
    // uses in the articles not yet marked are the same under both plans.
    let flipped: Vec<Pattern> = new_patterns
        .iter()
        .filter(|p| {
            let e = p.entity as usize - first;
            same[e].is_some_and(|o| old_discovered.1[o] != word[e])
        })
        .cloned()
        .collect();
    let mut also = again.clone();
    mark_holding(new, &flipped, &mut also, parallel);
    let also_ids: Vec<usize> = (0..n).filter(|&ai| also[ai] && !again[ai]).collect();
    if (again_ids.len() + also_ids.len()) * max_part > n.max(1) {
        return None;
    }
    let more = over(
        new,
        &also_ids,
        parallel,
        || (vec![0usize; planned], vec![0usize; planned]),
        |(l, u), ai, a| {
            let mut mine = scan_article(&catalogue_matcher, ai, a, |_| true);
            let more = discovered_mentions(&new_discovered.0, ai, a, &mine, first, &plan, l, u);
            mine.extend(more);
            (ai, mine)
        },
    );
    for (_, found) in more {
        for (ai, mine) in found {
            per_article[ai] = Some(mine);
        }
    }
    new_discovered.1 = word;

    // 4. Every article's list: indexed again, or kept and renumbered.
    let mut lists: Vec<Vec<Mention>> = Vec::with_capacity(n);
    for (ai, computed) in per_article.into_iter().enumerate() {
        match computed {
            Some(mut mine) => {
                drop_words(&mut mine, first, &new_discovered.1);
                new_nesting.add(
                    &new.articles[ai],
                    ai,
                    &mut mine,
                    &catalogue_matcher,
                    Some(&new_discovered),
                    first,
                );
                lists.push(mine);
            }
            None => {
                let oi = old_at(ai)?;
                let mut mine = Vec::with_capacity(index.article_mentions(oi).len());
                for m in index.article_mentions(oi) {
                    let e = m.entity().index();
                    let to = if e < first {
                        e
                    } else {
                        let draft = *kept.order.get(e)? as usize;
                        first + now_of[draft - first]?
                    };
                    mine.push(m.with_entity(EntityId(to as u32))?.with_article(ai)?);
                }
                lists.push(mine);
            }
        }
    }
    drop((catalogue_matcher, new_discovered, old_discovered));
    let (index, order) = assemble(new, drafts, lists);
    let discovery = Discovery {
        candidates: counted.into_bytes(),
        plan,
        lower,
        upper,
        order,
    };
    Some((index, discovery))
}

/// For each new planned entity, the old one it is the same as (see the
/// module docs), if any.
fn same_entities(
    old: &Plan,
    new: &Plan,
    first: usize,
    old_nesting: &Nesting,
    new_nesting: &Nesting,
) -> Vec<Option<usize>> {
    let by_names: FastMap<&[(String, bool)], usize> = old
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| !e.patterns.is_empty())
        .map(|(i, e)| (e.patterns.as_slice(), i))
        .collect();
    let named: Vec<Option<usize>> = new
        .entities
        .iter()
        .map(|e| by_names.get(e.patterns.as_slice()).copied())
        .collect();
    new.entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let o = named[i]?;
            let was = &old.entities[o];
            let persons_same = e.persons.len() == was.persons.len()
                && e.persons
                    .iter()
                    .zip(&was.persons)
                    .all(|(p, q)| named[*p] == Some(*q));
            let same = e.kind == was.kind
                && e.part_only == was.part_only
                && persons_same
                && new_nesting.may_nest[first + i] == old_nesting.may_nest[first + o];
            same.then_some(o)
        })
        .collect()
}

/// Marks in `marked` every article (not marked yet) where one of `names`
/// is found, in any field, by the rules of the matcher.
fn mark_holding(corpus: &Corpus, names: &[Pattern], marked: &mut [bool], parallel: bool) {
    if names.is_empty() {
        return;
    }
    let matcher = Matcher::new(names);
    let ids: Vec<usize> = (0..corpus.articles.len())
        .filter(|&ai| !marked[ai])
        .collect();
    let found = over(
        corpus,
        &ids,
        parallel,
        || (),
        |_, ai, a| holds(&matcher, a).then_some(ai),
    );
    for (_, hits) in found {
        for ai in hits.into_iter().flatten() {
            marked[ai] = true;
        }
    }
}

/// Whether `matcher` finds a name anywhere in `a`.
fn holds(matcher: &Matcher, a: &Article) -> bool {
    let mut hits: Vec<Hit> = Vec::new();
    matcher.find_in(&a.title, &mut hits);
    matcher.find_in(&a.meta.line(), &mut hits);
    if hits.is_empty() {
        matcher.find_all(&crate::core::text::fold(&a.text), &a.text, &mut hits);
    }
    !hits.is_empty()
}

/// Runs `f` on the articles `ids` of `corpus`, on all cores when
/// `parallel`, with a state of each thread made by `init`: each thread's
/// state and results (in no particular order).
fn over<S: Send, T: Send>(
    corpus: &Corpus,
    ids: &[usize],
    parallel: bool,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, usize, &Article) -> T + Sync,
) -> Vec<(S, Vec<T>)> {
    let (threads, piece) = pieces(ids.len(), parallel);
    take_pieces(
        threads,
        ids.chunks(piece),
        || (init(), Vec::new()),
        |(state, out): &mut (S, Vec<T>), chunk: &[usize]| {
            for &ai in chunk {
                out.push(f(state, ai, &corpus.articles[ai]));
            }
        },
    )
}

/// The cut of a change (see the module docs): the articles of `new` to
/// index again because they changed, as a range.
#[cfg(test)]
pub(super) fn cut(old: &Corpus, new: &Corpus) -> std::ops::Range<usize> {
    let (front, back) = same_ends(old, new);
    front..new.articles.len() - back
}

/// A build, for the tests: the index and what it counted.
#[cfg(test)]
pub(super) fn built(corpus: &Corpus) -> (EntityIndex, Discovery) {
    let (catalogue, _) = read_catalogue(corpus);
    super::index::build(corpus, &catalogue)
}
