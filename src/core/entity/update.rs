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
//! 1. The articles of the same file with the same title, metadata, text
//!    and passages in both corpora are kept, wherever they are; the others
//!    are *removed* (old) or *changed* (new: added, or changed).
//!    Discovery's counts lose the removed articles' runs and gain the
//!    changed ones'; the plan is made again from them.
//! 2. A planned entity is *the same* as before when it has the same names
//!    (patterns), kind, persons (for a part), whether it exists only as a
//!    part, and whether its names hold others (nesting). The others are
//!    *changed*: their names, old and new, are looked for in every kept
//!    article, and those that hold one are indexed again. An
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
//! or more than `1/`[`MAX_PART`] of the articles changed, were removed or
//! would be indexed again,
//! nothing is updated and the caller builds whole. The result is the index
//! a build of the new corpus makes, byte for byte (tests/entity_update.rs
//! checks it). Never touches files or the terminal.

use super::discover::{self, Candidates, Plan};
use super::index::{
    Nesting, assemble, body_ranges, catalogue_drafts, discovered_mentions, drop_words, pieces,
    planned_drafts, read_catalogue, scan_article, take_pieces, words,
};
use super::kept::Discovery;
use super::matcher::{Hit, Matcher, Pattern, name_key};
use super::{EntityId, EntityIndex, Mention};
use crate::core::codec::{Reader, Writer};
use crate::core::corpus::{Article, Corpus, LoadWarning};
use crate::core::fasthash::{FastMap, FastSet};

/// More than `1/MAX_PART` of the articles to index again: build whole.
pub const MAX_PART: usize = 4;

/// Below this much text, threads cost more than they save.
const PARALLEL_BYTES: usize = 4 << 20;

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

/// Which articles of `old` and `new` are the same article (the same file,
/// showing the same: [`Article::shows_same`]): for each article of `new`, the one of `old`
/// (`None`: added or changed), and for each of `old`, the one of `new`
/// (`None`: removed or changed). Never two for one.
fn align(old: &Corpus, new: &Corpus) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let key = |a: &Article| (a.path.clone(), a.id.clone());
    let mut at: FastMap<_, Option<usize>> = FastMap::default();
    for (oi, a) in old.articles.iter().enumerate() {
        // A key two articles share is no one's.
        at.entry(key(a))
            .and_modify(|o| *o = None)
            .or_insert(Some(oi));
    }
    let mut old_of = vec![None; new.articles.len()];
    let mut new_of = vec![None; old.articles.len()];
    for (ai, a) in new.articles.iter().enumerate() {
        if let Some(slot) = at.get_mut(&key(a))
            && let Some(oi) = *slot
            && old.articles[oi].shows_same(a)
        {
            *slot = None;
            old_of[ai] = Some(oi);
            new_of[oi] = Some(ai);
        }
    }
    (old_of, new_of)
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
    let (old_of, new_of) = align(old, new);
    // The articles to index (added or changed), and those to take away.
    let changed: Vec<usize> = (0..n).filter(|&ai| old_of[ai].is_none()).collect();
    let gone: Vec<usize> = (0..old.articles.len())
        .filter(|&oi| new_of[oi].is_none())
        .collect();
    if changed.len().max(gone.len()) * max_part > n.max(1) {
        return None;
    }
    let parallel = new.text_bytes() >= PARALLEL_BYTES;
    let catalogue_matcher = Matcher::new(&patterns);
    let taken: FastSet<String> = patterns.iter().map(|p| name_key(&p.name)).collect();

    // The old plan's matcher and nesting are made on a thread meanwhile.
    let old_side = || {
        let (matcher, old_patterns) = planned_matcher(&kept.plan, first);
        let mut old_drafts = catalogue_drafts(catalogue).0;
        old_drafts.extend(planned_drafts(&kept.plan, first).0);
        let discovered = (matcher, words(&kept.lower, &kept.upper));
        let nesting = Nesting::new(
            &old_drafts,
            &patterns,
            &old_patterns,
            &catalogue_matcher,
            Some(&discovered),
        );
        (discovered, old_patterns, nesting)
    };
    // 1. Discovery's counts without the removed articles, with the changed.
    let new_side = || -> Option<(Vec<u8>, Plan)> {
        let mut candidates = Candidates::decode(&mut Reader::new(&kept.candidates)).ok()?;
        let count = |c: &mut Candidates, ai: usize, a: &Article| {
            let mentions = scan_article(&catalogue_matcher, ai, a, |_| true);
            discover::scan_article(a, &body_ranges(&mentions), c);
        };
        for (c, _) in over(old, &gone, parallel, Candidates::default, count) {
            candidates.subtract(c);
        }
        for (c, _) in over(new, &changed, parallel, Candidates::default, count) {
            candidates.merge(c);
        }
        let mut counted = Writer::new();
        candidates.encode(&mut counted);
        let found = candidates.finish(|k| taken.contains(k));
        Some((
            counted.into_bytes(),
            discover::plan(found, |k| taken.contains(k)),
        ))
    };
    let (made, (old_discovered, old_patterns, old_nesting)) = std::thread::scope(|s| {
        let old_side = s.spawn(old_side);
        let made = new_side();
        let old_side = old_side
            .join()
            .unwrap_or_else(|p| std::panic::resume_unwind(p));
        (made, old_side)
    });
    let (counted, plan) = made?;
    let (more, new_patterns) = planned_drafts(&plan, first);
    drafts.extend(more);

    // 2. The same entities and the changed ones.
    let mut new_discovered = (Matcher::new(&new_patterns), Vec::new());
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
    let mut again = vec![false; n];
    for &ai in &changed {
        again[ai] = true;
    }
    mark_holding(new, &changed_names, &mut again, parallel);
    // A catalogue entity whose names now hold others (or no longer do):
    // the kept articles it is mentioned in (the same as before).
    for e in 0..first {
        if old_nesting.may_nest[e] != new_nesting.may_nest[e] {
            for &oi in &index.entity_articles[e] {
                if let Some(ai) = new_of[oi as usize] {
                    again[ai] = true;
                }
            }
        }
    }
    // Too many to index again: given up before counting anything.
    if again.iter().filter(|&&a| a).count() * max_part > n.max(1) {
        return None;
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
    // The old uses of the articles indexed again: the removed ones and the
    // unchanged articles marked, as they were.
    let old_again: Vec<usize> = gone
        .iter()
        .copied()
        .chain((0..n).filter(|&ai| again[ai]).filter_map(|ai| old_of[ai]))
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
    // Articles indexed again with the new plan: their lists, and their
    // uses of each name.
    let index_again = |ids: &[usize]| {
        over(
            new,
            ids,
            parallel,
            || (vec![0usize; planned], vec![0usize; planned]),
            |(l, u), ai, a| {
                let mut mine = scan_article(&catalogue_matcher, ai, a, |_| true);
                let found = &new_discovered.0;
                let more = discovered_mentions(found, ai, a, &mine, first, &plan, l, u);
                mine.extend(more);
                (ai, mine)
            },
        )
    };
    let again_ids: Vec<usize> = (0..n).filter(|&ai| again[ai]).collect();
    let lists = index_again(&again_ids);
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
    // (Their uses are already counted: the same under both plans.)
    for (_, found) in index_again(&also_ids) {
        for (ai, mine) in found {
            per_article[ai] = Some(mine);
        }
    }
    new_discovered.1 = word;

    // 4. Every article's list: indexed again, or kept and renumbered, on
    // all cores.
    let old_id = |e: usize| -> Option<usize> {
        if e < first {
            return Some(e);
        }
        let draft = *kept.order.get(e)? as usize;
        Some(first + now_of[draft.checked_sub(first)?]?)
    };
    let list = |ai: usize, computed: Option<Vec<Mention>>| -> Option<Vec<Mention>> {
        let Some(mut mine) = computed else {
            let oi = old_of[ai]?;
            let mentions = index.article_mentions(oi);
            let mut mine = Vec::with_capacity(mentions.len());
            for m in mentions {
                let to = EntityId(old_id(m.entity().index())? as u32);
                mine.push(m.with_entity(to)?.with_article(ai)?);
            }
            return Some(mine);
        };
        drop_words(&mut mine, first, &new_discovered.1);
        let a = &new.articles[ai];
        let discovered = Some(&new_discovered);
        new_nesting.add(a, ai, &mut mine, &catalogue_matcher, discovered, first);
        Some(mine)
    };
    let mut lists: Vec<Vec<Mention>> = vec![Vec::new(); n];
    let (threads, piece) = pieces(n, parallel);
    let queue = lists
        .chunks_mut(piece)
        .zip(per_article.chunks_mut(piece))
        .enumerate();
    let made = take_pieces(
        threads,
        queue,
        || true,
        |ok, (c, (out, computed))| {
            for (i, (slot, computed)) in out.iter_mut().zip(computed).enumerate() {
                match list(c * piece + i, computed.take()) {
                    Some(mine) => *slot = mine,
                    None => *ok = false,
                }
            }
        },
    );
    if made.contains(&false) {
        return None;
    }
    drop((catalogue_matcher, new_discovered, old_discovered));
    let (index, order) = assemble(new, drafts, lists);
    let discovery = Discovery {
        candidates: counted,
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
        matcher.find_in_text(&a.text, &mut hits);
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

/// How many articles of `new` are to index because they were added or
/// changed, for the tests.
#[cfg(test)]
pub(super) fn changed(old: &Corpus, new: &Corpus) -> usize {
    align(old, new).0.iter().filter(|o| o.is_none()).count()
}

/// A build, for the tests: the index and what it counted.
#[cfg(test)]
pub(super) fn built(corpus: &Corpus) -> (EntityIndex, Discovery) {
    let (catalogue, _) = read_catalogue(corpus);
    super::index::build(corpus, &catalogue)
}
