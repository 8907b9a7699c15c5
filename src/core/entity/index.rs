//! Building an [`EntityIndex`] from a corpus, once, at load.
//!
//! 1. Read the catalogue (problems become warnings, never failures).
//! 2. Find every catalogue name in every article (title, metadata line,
//!    body) with one automaton.
//! 3. Discover names the catalogue lacks, outside catalogue mentions.
//! 4. Find the discovered names everywhere with a second automaton.
//! 5. Sort mentions two ways (by article, by entity) for fast queries.
//!
//! Articles are independent, so steps 2 to 4 run on all cores for a large
//! corpus. Nothing here prints.

use crate::core::fasthash::{FastMap, FastSet};
use std::ops::Range;
use std::path::PathBuf;

use super::catalogue::{self, Catalogue};
use super::discover::{self, Candidates, Plan};
use super::kept::Discovery;
use super::matcher::{Hit, Matcher, Pattern, is_acronym, name_key};
use super::{Entity, EntityId, EntityIndex, Field, Kind, Mention};
use crate::core::codec::Writer;
use crate::core::corpus::{Article, Corpus, LoadWarning, Origin};
use crate::core::memory::release_freed_memory;

/// Below this much text, threads cost more than they save.
const PARALLEL_BYTES: usize = 4 << 20;

/// An entity before mentions are counted.
pub(super) struct Draft {
    name: String,
    kind: Kind,
    aliases: Vec<String>,
    discovered: bool,
    /// Whether its names count inside longer names (catalogue `nested`).
    nested: bool,
}

impl EntityIndex {
    /// Indexes every mention of every entity in `corpus`: the catalogue's
    /// (`corpus.entities_toml`) and the discovered ones. Problems with the
    /// catalogue are returned as warnings (naming the line) and never stop
    /// the build: a catalogue that cannot be read at all leaves discovered
    /// entities only.
    pub fn build(corpus: &Corpus) -> (EntityIndex, Vec<LoadWarning>) {
        let (catalogue, warnings) = read_catalogue(corpus);
        (EntityIndex::from_catalogue(corpus, &catalogue), warnings)
    }

    /// [`EntityIndex::build`], with what its discovery counted: what the
    /// next update starts from ([`EntityIndex::updated`]).
    pub fn build_keeping(corpus: &Corpus) -> (EntityIndex, Vec<LoadWarning>, Discovery) {
        let (catalogue, warnings) = read_catalogue(corpus);
        let (index, discovery) = build(corpus, &catalogue);
        (index, warnings, discovery)
    }

    /// Builds the index with an already parsed catalogue.
    pub fn from_catalogue(corpus: &Corpus, catalogue: &Catalogue) -> EntityIndex {
        build(corpus, catalogue).0
    }
}

/// The catalogue's entities as drafts (in its order, ids from 0) and the
/// names to find them by.
pub(super) fn catalogue_drafts(catalogue: &Catalogue) -> (Vec<Draft>, Vec<Pattern>) {
    let mut drafts: Vec<Draft> = Vec::new();
    let mut patterns: Vec<Pattern> = Vec::new();
    for e in &catalogue.entries {
        let id = drafts.len() as u32;
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            patterns.push(Pattern {
                name: name.clone(),
                entity: id,
                case_sensitive: e.case_sensitive.unwrap_or_else(|| is_acronym(name)),
            });
        }
        drafts.push(Draft {
            name: e.name.clone(),
            kind: e.kind,
            aliases: e.aliases.clone(),
            discovered: false,
            nested: e.nested,
        });
    }
    (drafts, patterns)
}

/// The planned entities as drafts (ids from `first`) and the names to find
/// them by.
pub(super) fn planned_drafts(plan: &Plan, first: usize) -> (Vec<Draft>, Vec<Pattern>) {
    let mut drafts = Vec::with_capacity(plan.entities.len());
    let mut patterns = Vec::new();
    for (i, e) in plan.entities.iter().enumerate() {
        for (name, case_sensitive) in &e.patterns {
            // Every discovered name is found in any case, then a mention
            // must start with a capital letter (see `resolve_discovered`);
            // acronyms keep their case.
            patterns.push(Pattern {
                name: name.clone(),
                entity: (first + i) as u32,
                case_sensitive: *case_sensitive,
            });
        }
        drafts.push(Draft {
            name: e.name.clone(),
            kind: e.kind,
            aliases: e.aliases.clone(),
            discovered: true,
            nested: true,
        });
    }
    (drafts, patterns)
}

/// The entity index of `corpus` and what its discovery counted (for the
/// next update, [`Discovery`]).
pub(super) fn build(corpus: &Corpus, catalogue: &Catalogue) -> (EntityIndex, Discovery) {
    let parallel = corpus.text_bytes() >= PARALLEL_BYTES;
    let (mut drafts, patterns) = catalogue_drafts(catalogue);
    let matcher = Matcher::new(&patterns);
    // Catalogue mentions and discovery candidates of each article in
    // one visit, while its text is in the cache.
    // Candidates are counted once per thread, not kept per article.
    let (mut per_article, candidates) =
        fold_articles(corpus, parallel, Candidates::default, |c, ai, a| {
            let mentions = scan_article(&matcher, ai, a, |_| true);
            discover::scan_article(a, &body_ranges(&mentions), c);
            mentions
        });
    let taken: FastSet<String> = patterns.iter().map(|p| name_key(&p.name)).collect();
    let mut all = Candidates::default();
    for c in candidates {
        all.merge(c);
    }
    let mut kept = Writer::new();
    all.encode(&mut kept);
    let found = all.finish(|k| taken.contains(k));
    let plan = discover::plan(found, |k| taken.contains(k));
    let first = drafts.len();
    let planned = plan.entities.len();
    let (more, discovered_patterns) = planned_drafts(&plan, first);
    drafts.extend(more);
    let mut lower = vec![0usize; planned];
    let mut upper = vec![0usize; planned];
    let mut discovered: Option<(Matcher, Vec<bool>)> = None;
    if planned > 0 {
        let matcher = Matcher::new(&discovered_patterns);
        // Each article's discovered mentions go straight into its list
        // (no second set of lists); the lower-case uses are counted per
        // thread, for the word test.
        let counts = extend_articles(
            corpus,
            &mut per_article,
            parallel,
            || (vec![0usize; planned], vec![0usize; planned]),
            |(lower, upper), ai, a, mine| {
                let more = discovered_mentions(&matcher, ai, a, mine, first, &plan, lower, upper);
                // Exactly the room needed: these lists hold every mention.
                mine.reserve_exact(more.len());
                mine.extend(more);
            },
        );
        for (l, u) in counts {
            for (sum, n) in lower.iter_mut().zip(l) {
                *sum += n;
            }
            for (sum, n) in upper.iter_mut().zip(u) {
                *sum += n;
            }
        }
        let word = words(&lower, &upper);
        for mine in &mut per_article {
            drop_words(mine, first, &word);
        }
        discovered = Some((matcher, word));
    }
    let nesting = Nesting::new(
        &drafts,
        &patterns,
        &discovered_patterns,
        &matcher,
        discovered.as_ref(),
    );
    // Each article's nested names go straight into its list, on the
    // build's threads.
    extend_articles(
        corpus,
        &mut per_article,
        parallel,
        || (),
        |_, ai, a, mine| nesting.add(a, ai, mine, &matcher, discovered.as_ref(), first),
    );
    drop((matcher, discovered));
    let (index, order) = assemble(corpus, drafts, per_article);
    let discovery = Discovery {
        candidates: kept.into_bytes(),
        plan,
        lower,
        upper,
        order,
    };
    (index, discovery)
}

/// The ranges of the body's mentions among `mentions`: what discovery
/// leaves alone.
pub(super) fn body_ranges(mentions: &[Mention]) -> Vec<Range<usize>> {
    mentions
        .iter()
        .filter(|m| m.field() == Field::Body)
        .map(Mention::range)
        .collect()
}

/// The mentions of discovered names in one article, `mine` holding its
/// catalogue mentions (which they must not overlap), with the rules of
/// [`resolve_discovered`] (which counts into `lower` and `upper`).
#[allow(clippy::too_many_arguments)]
pub(super) fn discovered_mentions(
    matcher: &Matcher,
    ai: usize,
    a: &Article,
    mine: &[Mention],
    first: usize,
    plan: &Plan,
    lower: &mut [usize],
    upper: &mut [usize],
) -> Vec<Mention> {
    let meta = a.meta.line();
    let found = scan_fields(matcher, ai, a, &meta, |m| !overlaps(mine, m));
    resolve_discovered(a, &meta, found, first, plan, lower, upper)
}

/// Which discovered names (by plan index) are words, not names: a
/// one-word name the corpus writes in lower case as often as not ("Party",
/// "State"), from the counts of lower- and upper-case uses.
pub(super) fn words(lower: &[usize], upper: &[usize]) -> Vec<bool> {
    lower.iter().zip(upper).map(|(l, u)| l * 3 > *u).collect()
}

/// Drops from one article's list the mentions of discovered names that
/// are words (`word`, by plan index), and puts the discovered ones in
/// reading order among the catalogue's.
pub(super) fn drop_words(mine: &mut Vec<Mention>, first: usize, word: &[bool]) {
    let is_word = |m: &Mention| m.entity().index() >= first && word[m.entity().index() - first];
    let before = mine.len();
    mine.retain(|m| !is_word(m));
    if mine.len() < before {
        mine.shrink_to_fit();
    }
    if mine.iter().any(|m| m.entity().index() >= first) {
        mine.sort_by_key(Mention::position);
    }
}

/// What finding the names nested inside mentions needs to know of the
/// entities.
pub(super) struct Nesting {
    /// The kind each entity counts as for nesting: an entity that must not
    /// count inside longer names is, for this, like a person.
    pub(super) kinds: Vec<Kind>,
    /// Whether a name of the entity holds another name: only those can
    /// hold a nested mention.
    pub(super) may_nest: Vec<bool>,
}

impl Nesting {
    pub(super) fn new(
        drafts: &[Draft],
        patterns: &[Pattern],
        discovered_patterns: &[Pattern],
        matcher: &Matcher,
        discovered: Option<&(Matcher, Vec<bool>)>,
    ) -> Nesting {
        let kinds: Vec<Kind> = drafts
            .iter()
            .map(|d| if d.nested { d.kind } else { Kind::Person })
            .collect();
        // Only the names that hold another name can hold a nested mention:
        // find those once, in the names themselves.
        let mut may_nest = vec![false; drafts.len()];
        let mut inside: Vec<Hit> = Vec::new();
        for p in patterns.iter().chain(discovered_patterns) {
            // Nothing counts inside a person's name (see `nested_mentions`).
            if kinds[p.entity as usize] == Kind::Person {
                continue;
            }
            inside.clear();
            matcher.find_inside(&p.name, 0..p.name.len(), &mut inside);
            if let Some((m, _)) = discovered {
                m.find_inside(&p.name, 0..p.name.len(), &mut inside);
            }
            if !inside.is_empty() {
                may_nest[p.entity as usize] = true;
            }
        }
        Nesting { kinds, may_nest }
    }

    /// Adds to one article's list (`mine`, in reading order) the names
    /// nested inside its mentions.
    pub(super) fn add(
        &self,
        a: &Article,
        ai: usize,
        mine: &mut Vec<Mention>,
        matcher: &Matcher,
        discovered: Option<&(Matcher, Vec<bool>)>,
        first: usize,
    ) {
        let outer = mine.iter().filter(|m| self.may_nest[m.entity().index()]);
        let more = nested_mentions(a, ai, outer, matcher, discovered, first, &self.kinds);
        if !more.is_empty() {
            mine.reserve_exact(more.len());
            mine.extend(more);
            mine.sort_by_key(|m| (m.position(), std::cmp::Reverse(m.end())));
        }
    }
}

/// The names nested inside the mentions of one article (`outer`): a name
/// of the catalogue or a discovered one, strictly inside a longer mention of
/// another entity, counts for its own entity too, except where a person is
/// involved: a person's name inside a longer name is a namesake
/// ("Washington" in "Washington Irving", "Gross" in "Gross Committee"), and
/// nothing inside a person's name is mentioned ("Washington" in "George
/// Washington"). Discovered names follow their rules (a capital letter; not
/// a word the corpus writes in lower case: `discovered.1`).
fn nested_mentions<'m>(
    a: &Article,
    ai: usize,
    outer: impl Iterator<Item = &'m Mention>,
    catalogue: &Matcher,
    discovered: Option<&(Matcher, Vec<bool>)>,
    first: usize,
    kinds: &[Kind],
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut hits: Vec<Hit> = Vec::new();
    // The metadata line, made once for the article when needed.
    let mut meta: Option<String> = None;
    for m in outer {
        if kinds[m.entity().index()] == Kind::Person {
            continue;
        }
        let text: &str = match m.field() {
            Field::Title => &a.title,
            Field::Meta => meta.get_or_insert_with(|| a.meta.line()),
            Field::Body => &a.text,
        };
        hits.clear();
        catalogue.find_inside(text, m.range(), &mut hits);
        if let Some((matcher, word)) = discovered {
            let before = hits.len();
            matcher.find_inside(text, m.range(), &mut hits);
            let mut i = before;
            while i < hits.len() {
                let (e, r) = &hits[i];
                let capital = text[r.clone()]
                    .chars()
                    .next()
                    .is_some_and(|c| !c.is_lowercase());
                if !capital || word[*e as usize - first] {
                    hits.swap_remove(i);
                } else {
                    i += 1;
                }
            }
        }
        for (e, r) in hits.drain(..) {
            let id = EntityId(e);
            if id == m.entity() || kinds[e as usize] == Kind::Person {
                continue;
            }
            // Catalogue and discovered names may both be found in the
            // same place; one mention is enough.
            if out
                .iter()
                .any(|x: &Mention| x.field() == m.field() && x.range() == r)
            {
                continue;
            }
            let passage = match m.field() {
                Field::Body => a.passage_at(r.start).map_or(0, |p| p.number),
                _ => 0,
            };
            out.extend(Mention::new(id, ai, m.field(), passage, r).map(Mention::nested));
        }
    }
    out
}

/// Applies the rules of discovered names to the hits of one article, and
/// counts its upper- and lower-case uses of each name (by plan index) into
/// `upper` and `lower`:
///
/// * a hit must start with a capital letter (or be an acronym, matched in
///   its case); a lower-case one is counted, for the word test, and dropped;
/// * a part of persons' names ("Kennedy") is a mention of the person the
///   article names in full most often (the nearest before it on a tie);
///   in an article that names none of them in full, of the one person of
///   the corpus with that part when there is one and the part is taken for
///   a person's name; else of the part's own entity, or dropped when it was
///   never found alone.
pub(super) fn resolve_discovered(
    a: &Article,
    meta: &str,
    hits: Vec<Mention>,
    first: usize,
    plan: &Plan,
    lower: &mut [usize],
    upper: &mut [usize],
) -> Vec<Mention> {
    let mut kept: Vec<Mention> = Vec::with_capacity(hits.len());
    for m in hits {
        let e = m.entity().index() - first;
        let text = match m.field() {
            Field::Title => a.title.as_str(),
            Field::Meta => meta,
            Field::Body => a.text.as_str(),
        };
        let capital = text
            .get(m.range())
            .and_then(|t| t.chars().next())
            .is_some_and(|c| !c.is_lowercase());
        if capital {
            upper[e] += 1;
            kept.push(m);
        } else {
            lower[e] += 1;
        }
    }
    // Persons named in full here, with their counts.
    let mut full: FastMap<usize, usize> = FastMap::default();
    for m in &kept {
        let e = m.entity().index() - first;
        if plan.entities[e].persons.is_empty() {
            *full.entry(e).or_default() += 1;
        }
    }
    // Where each entity was last found, among the hits before the one at
    // hand (as its place in `kept`).
    let mut last: FastMap<usize, usize> = FastMap::default();
    let mut out: Vec<Mention> = Vec::with_capacity(kept.len());
    for (i, m) in kept.iter().enumerate() {
        let e = m.entity().index() - first;
        let planned = &plan.entities[e];
        if planned.persons.is_empty() {
            last.insert(e, i);
            out.push(*m);
            continue;
        }
        let best = planned
            .persons
            .iter()
            .filter_map(|p| full.get(p).map(|n| (*p, *n)))
            .max_by_key(|&(p, n)| {
                // Most named; then the nearest full mention before this one.
                let before = last.get(&p).map_or(0, |at| at + 1);
                (n, before)
            })
            .map(|(p, _)| p);
        last.insert(e, i);
        // Named in full nowhere here: the one person of the corpus with that
        // name part, unless the word is also something else ("Washington").
        let only = (planned.persons.len() == 1 && planned.kind == Kind::Person)
            .then(|| planned.persons[0]);
        let to = match best {
            Some(p) => Some(p),
            None if only.is_some() => only,
            None if !planned.part_only => Some(e),
            None => None,
        };
        if let Some(m) = to.and_then(|to| m.with_entity(EntityId((first + to) as u32))) {
            out.push(m);
        }
    }
    out
}

/// The corpus's catalogue (`entities.toml`), and its problems as
/// warnings naming the line.
pub(super) fn read_catalogue(corpus: &Corpus) -> (Catalogue, Vec<LoadWarning>) {
    let catalogue = corpus
        .entities_toml
        .as_deref()
        .map(catalogue::parse)
        .unwrap_or_default();
    let path = catalogue_path(corpus);
    let warnings = catalogue
        .warnings
        .iter()
        .map(|m| LoadWarning {
            path: path.clone(),
            message: m.clone(),
        })
        .collect();
    (catalogue, warnings)
}

/// Where warnings about the catalogue point.
fn catalogue_path(corpus: &Corpus) -> PathBuf {
    match &corpus.origin {
        Origin::Folder(dir) => dir.join("entities.toml"),
        Origin::Bundled => PathBuf::from("entities.toml (bundled)"),
    }
}

/// How many pieces the articles are cut into for each thread: the threads
/// take the next piece as they finish one, so that one slowed down by
/// other work on a shared machine does not leave the others waiting at the
/// end, as halves fixed in advance would.
const PIECES_PER_THREAD: usize = 64;

/// The number of threads to run on and the number of articles of each
/// piece, for `n` articles: one thread and one piece unless `parallel`.
pub(super) fn pieces(n: usize, parallel: bool) -> (usize, usize) {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    if !parallel || threads < 2 || n < 2 {
        return (1, n.max(1));
    }
    (threads, n.div_ceil(threads * PIECES_PER_THREAD).max(1))
}

/// Runs `work` on each piece `queue` gives, on `threads` threads that take
/// the next piece as they finish one (on this thread when one), each with
/// a state made by `init`: the states.
pub(super) fn take_pieces<P: Send, S: Send>(
    threads: usize,
    queue: impl Iterator<Item = P> + Send,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, P) + Sync,
) -> Vec<S> {
    if threads <= 1 {
        let mut state = init();
        queue.for_each(|piece| work(&mut state, piece));
        return vec![state];
    }
    let next = std::sync::Mutex::new(queue);
    let (work, init, next) = (&work, &init, &next);
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(move || {
                    let mut state = init();
                    loop {
                        let taken = next.lock().unwrap_or_else(|p| p.into_inner()).next();
                        let Some(piece) = taken else { break };
                        work(&mut state, piece);
                    }
                    state
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// Runs `f` on every article, on all cores when `parallel`, with a state
/// of each thread (made by `init`) that `f` may add to: the results in
/// article order, and the states.
pub(super) fn fold_articles<S: Send, T: Send>(
    corpus: &Corpus,
    parallel: bool,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, usize, &Article) -> T + Sync,
) -> (Vec<T>, Vec<S>) {
    let n = corpus.articles.len();
    let (threads, piece) = pieces(n, parallel);
    // Each thread's state, and its pieces' numbers and results.
    let done = take_pieces(
        threads,
        corpus.articles.chunks(piece).enumerate(),
        || (init(), Vec::new()),
        |(state, done): &mut (S, Vec<(usize, Vec<T>)>), (c, arts)| {
            let out = arts.iter().enumerate();
            done.push((c, out.map(|(i, a)| f(state, c * piece + i, a)).collect()));
        },
    );
    let (states, done): (Vec<S>, Vec<_>) = done.into_iter().unzip();
    let mut pieces: Vec<(usize, Vec<T>)> = done.into_iter().flatten().collect();
    pieces.sort_unstable_by_key(|(c, _)| *c);
    let mut out = Vec::with_capacity(n);
    for (_, v) in pieces {
        out.extend(v);
    }
    (out, states)
}

/// Runs `f` on every article and its list in `lists` (one per article, in
/// order), which `f` may change, on all cores when `parallel`, with a state
/// of each thread (made by `init`): the states.
pub(super) fn extend_articles<S: Send>(
    corpus: &Corpus,
    lists: &mut [Vec<Mention>],
    parallel: bool,
    init: impl Fn() -> S + Sync,
    f: impl Fn(&mut S, usize, &Article, &mut Vec<Mention>) + Sync,
) -> Vec<S> {
    let articles = &corpus.articles[..lists.len().min(corpus.articles.len())];
    let (threads, piece) = pieces(articles.len(), parallel);
    let queue = articles
        .chunks(piece)
        .zip(lists.chunks_mut(piece))
        .enumerate();
    take_pieces(threads, queue, init, |state, (c, (arts, lists))| {
        for (i, (a, list)) in arts.iter().zip(lists.iter_mut()).enumerate() {
            f(state, c * piece + i, a, list);
        }
    })
}

/// Every mention `matcher` finds in one article that `keep` accepts, in
/// reading order.
pub(super) fn scan_article(
    matcher: &Matcher,
    ai: usize,
    a: &Article,
    keep: impl Fn(&Mention) -> bool,
) -> Vec<Mention> {
    if matcher.is_empty() {
        // No catalogue: nothing to fold the text for.
        return Vec::new();
    }
    let mut out = scan_fields(matcher, ai, a, &a.meta.line(), keep);
    // Kept until the index is assembled: no room left unused.
    out.shrink_to_fit();
    out
}

/// [`scan_article`] with the article's metadata line made already, its
/// list as it grew.
fn scan_fields(
    matcher: &Matcher,
    ai: usize,
    a: &Article,
    meta: &str,
    keep: impl Fn(&Mention) -> bool,
) -> Vec<Mention> {
    let mut out = Vec::new();
    if matcher.is_empty() {
        return out;
    }
    let mut hits: Vec<Hit> = Vec::new();
    matcher.find_in(&a.title, &mut hits);
    push(&mut out, &mut hits, ai, Field::Title, |_| 0, &keep);
    matcher.find_in(meta, &mut hits);
    push(&mut out, &mut hits, ai, Field::Meta, |_| 0, &keep);
    // Folded here, for this scan only: the corpus is not kept folded.
    matcher.find_in_text(&a.text, &mut hits);
    push(
        &mut out,
        &mut hits,
        ai,
        Field::Body,
        |at| a.passage_at(at).map_or(0, |p| p.number),
        &keep,
    );
    out
}

fn push(
    out: &mut Vec<Mention>,
    hits: &mut Vec<Hit>,
    ai: usize,
    field: Field,
    passage: impl Fn(usize) -> usize,
    keep: &impl Fn(&Mention) -> bool,
) {
    for (e, r) in hits.drain(..) {
        if let Some(m) = Mention::new(EntityId(e), ai, field, passage(r.start), r)
            && keep(&m)
        {
            out.push(m);
        }
    }
}

/// Whether `m` overlaps one of `sorted` (mentions in reading order).
pub(super) fn overlaps(sorted: &[Mention], m: &Mention) -> bool {
    let key = |x: &Mention| (x.article(), x.field());
    let i = sorted.partition_point(|x| (key(x), x.end()) <= (key(m), m.start()));
    sorted
        .get(i)
        .is_some_and(|x| key(x) == key(m) && x.start() < m.end())
}

/// How many bytes of mention lists [`assemble`] frees between two calls of
/// [`release_freed_memory`] (each walks the allocator's free memory): the
/// lists were made on the build's threads, and without it they would stay
/// resident beside their copy (half a gigabyte at 1 GB of text).
const RELEASE_EVERY: usize = 64 << 20;

/// How many mentions [`assemble`] gathers at most in one bucket of
/// consecutive entities (4 MB of them, less than a cache of a core holds,
/// so that laying a bucket out by entity reads and writes memory close
/// together); an entity with more has a bucket of its own.
const BUCKET_MENTIONS: usize = 1 << 18;

/// What a slot of the mentions by entity holds until its mention is put
/// there.
const PLACEHOLDER: Mention = Mention {
    ids: 0,
    start: 0,
    place: 0,
};

/// Cuts the entities into buckets of consecutive ids holding at most
/// [`BUCKET_MENTIONS`] mentions each (or one entity): the first entity of
/// each bucket, then the number of entities. `entity_start` is as in
/// [`EntityIndex`].
fn buckets(entity_start: &[usize]) -> Vec<usize> {
    let n = entity_start.len().saturating_sub(1);
    let mut firsts = vec![0];
    for e in 1..n {
        let first = firsts.last().copied().unwrap_or(0);
        if entity_start[e + 1] - entity_start[first] > BUCKET_MENTIONS {
            firsts.push(e);
        }
    }
    if n > 0 {
        firsts.push(n);
    }
    firsts
}

/// Orders the entities (catalogue first, discovered by count), drops
/// discovered names that ended up with fewer than two mentions, and lays
/// the mentions out for queries.
///
/// Also gives the draft of each entity of the index, by id: an update
/// reads the kept mentions' entities back to drafts with it.
pub(super) fn assemble(
    corpus: &Corpus,
    drafts: Vec<Draft>,
    per_article: Vec<Vec<Mention>>,
) -> (EntityIndex, Vec<u32>) {
    let mut counts = vec![0usize; drafts.len()];
    for m in per_article.iter().flatten() {
        counts[m.entity().index()] += 1;
    }
    let mut order: Vec<usize> = (0..drafts.len())
        .filter(|&i| !drafts[i].discovered || counts[i] >= discover::MIN_OCCURRENCES)
        .collect();
    order.sort_by(|&a, &b| {
        let (da, db) = (&drafts[a], &drafts[b]);
        da.discovered.cmp(&db.discovered).then_with(|| {
            if da.discovered {
                counts[b]
                    .cmp(&counts[a])
                    .then_with(|| da.name.cmp(&db.name))
            } else {
                a.cmp(&b)
            }
        })
    });
    // An entity beyond what a mention can name keeps no mentions.
    let mut new_id = vec![u32::MAX; drafts.len()];
    for (new, &old) in order.iter().enumerate().take(Mention::MAX_ENTITIES) {
        new_id[old] = new as u32;
    }

    // By entity: a counting sort keeps reading order within each entity.
    // The reading order (by article, dropped entities removed) is kept as
    // each mention's place there, not as a second copy of the mentions.
    let n = order.len();
    let mut entity_start = vec![0usize; n + 1];
    for (new, &old) in order.iter().enumerate() {
        if new_id[old] != u32::MAX {
            entity_start[new + 1] = counts[old];
        }
    }
    for i in 0..n {
        entity_start[i + 1] += entity_start[i];
    }
    let total = entity_start[n];
    let mut fill = entity_start.clone();
    // The mentions are laid out in two passes, each a few streams of
    // writes rather than one random write per mention, and never two
    // copies of them at once: first into buckets of consecutive entities
    // in reading order, each article's list freed as it is copied (the
    // reading order is kept as each mention's place by entity); then each
    // bucket, in entity order, to its place by entity, freed as it is.
    let firsts = buckets(&entity_start);
    let bucket_of: Vec<u32> = {
        let mut of = vec![0u32; n];
        for (b, w) in firsts.windows(2).enumerate() {
            of[w[0]..w[1]].fill(b as u32);
        }
        of
    };
    let mut gathered: Vec<Vec<Mention>> = firsts
        .windows(2)
        .map(|w| Vec::with_capacity(entity_start[w[1]] - entity_start[w[0]]))
        .collect();
    let mut by_article = Vec::with_capacity(total);
    let mut article_start = Vec::with_capacity(per_article.len() + 1);
    let mut freed = 0;
    for list in per_article {
        // The lists were made on the build's threads: what they held stays
        // with the allocator (and resident) unless given back, which would
        // make two copies of every mention after all.
        freed += list.capacity() * std::mem::size_of::<Mention>();
        if freed >= RELEASE_EVERY {
            release_freed_memory();
            freed = 0;
        }
        article_start.push(by_article.len());
        for m in list {
            let id = new_id[m.entity().index()];
            let Some(m) = m.with_entity(EntityId(id)) else {
                continue;
            };
            let e = id as usize;
            gathered[bucket_of[e] as usize].push(m);
            by_article.push(fill[e] as u32);
            fill[e] += 1;
        }
    }
    article_start.push(by_article.len());
    drop(fill);
    let mut by_entity: Vec<Mention> = Vec::with_capacity(total);
    let mut fill = entity_start.clone();
    for (bucket, w) in gathered.into_iter().zip(firsts.windows(2)) {
        let base = entity_start[w[0]];
        by_entity.resize(entity_start[w[1]], PLACEHOLDER);
        let region = &mut by_entity[base..];
        for m in &bucket {
            let e = m.entity().index();
            region[fill[e] - base] = *m;
            fill[e] += 1;
        }
        freed += bucket.capacity() * std::mem::size_of::<Mention>();
        drop(bucket);
        if freed >= RELEASE_EVERY {
            release_freed_memory();
            freed = 0;
        }
    }
    let entity_articles = articles_of_entities(&entity_start, &by_entity);

    let mut drafts: Vec<Option<Draft>> = drafts.into_iter().map(Some).collect();
    let mut names: std::collections::HashMap<String, EntityId> = std::collections::HashMap::new();
    let entities: Vec<Entity> = order
        .iter()
        .enumerate()
        .filter_map(|(new, &old)| {
            let d = drafts[old].take()?;
            let id = EntityId(new as u32);
            for name in std::iter::once(&d.name).chain(&d.aliases) {
                names.entry(name_key(name)).or_insert(id);
            }
            Some(Entity {
                id,
                name: d.name,
                kind: d.kind,
                aliases: d.aliases,
                discovered: d.discovered,
                mentions: entity_start[new + 1] - entity_start[new],
                articles: entity_articles[new].len(),
            })
        })
        .collect();
    let index = EntityIndex {
        entities,
        by_entity,
        entity_start,
        entity_articles,
        by_article,
        article_start,
        body_len: corpus.articles.iter().map(|a| a.text.len()).collect(),
        names,
    };
    (index, order.iter().map(|&d| d as u32).collect())
}

/// The articles each entity is mentioned in, in reading order, from its
/// mentions grouped by entity (`by_entity[entity_start[e]..entity_start[e +
/// 1]]`, each group in reading order): the changes of article along them,
/// read in order rather than looked up for each mention.
pub(super) fn articles_of_entities(entity_start: &[usize], by_entity: &[Mention]) -> Vec<Vec<u32>> {
    entity_start
        .windows(2)
        .map(|b| {
            let mut arts: Vec<u32> = Vec::new();
            for m in &by_entity[b[0]..b[1]] {
                let article = m.article() as u32;
                if arts.last() != Some(&article) {
                    arts.push(article);
                }
            }
            arts
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{BUCKET_MENTIONS, buckets};

    #[test]
    fn buckets_hold_consecutive_entities_up_to_a_size() {
        let b = BUCKET_MENTIONS;
        // Entities of 1, b - 1, 1, 2b, 0 and 3 mentions.
        let counts = [1, b - 1, 1, 2 * b, 0, 3];
        let mut starts = vec![0];
        for c in counts {
            starts.push(starts.last().unwrap() + c);
        }
        assert_eq!(buckets(&starts), [0, 2, 3, 4, 6]);
        assert_eq!(buckets(&[0]), [0]);
        assert_eq!(buckets(&[0, 5]), [0, 1]);
    }
}
