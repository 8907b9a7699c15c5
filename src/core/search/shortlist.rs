//! A shortcut to the best passages of a query whose terms differ widely in
//! how common they are: a rare word and a one-letter prefix ("russia r"), a
//! word and the "s" of "russia's". Ranking such a query from the index reads
//! the postings of every word every term matches — for "r", thousands of
//! words, most of the corpus's occurrences.
//!
//! Instead only the rarest term's postings are read. Its best match in each
//! passage, with each other term's best match anywhere and no words between
//! them, is the best rank that passage can have: a bound. The passages with
//! the best bounds (a shortlist) are then read word by word, as
//! [`super::scan_passages`] does but with the words each query word matches
//! taken from the index (one table lookup per word, no fuzzy matching), in
//! the order of their bounds, a batch at a time on every thread, until the
//! next one cannot rank before the best `limit` found: those are the answer,
//! the same as the index would give. When the shortlist runs out first, the
//! shortcut gives up and the caller ranks the query from the index.
//!
//! Never used with a filter of passages (`@name` terms). Never panics.

use super::exec::{Best, Candidate, Part, PassageSet, Plans, TermPlan, WordSet};
use super::index::SearchIndex;
use super::partial::on_threads;
use super::rank::{Rank, Ranker};
use super::scan::{Prepared, rank_words};
use super::words::{Cost, Needle, words};
use crate::core::corpus::Corpus;
use crate::core::fasthash::FastMap;
use crate::core::text::fold_into;

/// Passages on the shortlist per passage asked for, plus [`SHORTLIST_EXTRA`],
/// at least; more when the budget allows.
const SHORTLIST_PER_RESULT: usize = 4;
const SHORTLIST_EXTRA: usize = if cfg!(test) { 0 } else { 64 };
/// The most passages on a shortlist.
const SHORTLIST_MAX: usize = 1 << 16;
/// The budget: the shortlisted passages read hold at most one word per
/// this many bytes of the postings the shortcut leaves unread. Reading a
/// word of a passage (folding, splitting, a table lookup, ranking) costs
/// about what decoding 20 to 30 bytes does, so a shortcut that runs out
/// costs about the time it meant to save, and one that gets there may read
/// several words for every one the index would.
const UNREAD_BYTES_PER_WORD: usize = 32;
/// Passages on the shortlist per word of the budget: at most one per this
/// many words.
const WORDS_PER_PASSAGE: usize = 16;
/// Passages read at once (a share on each thread, for a large batch) at first; the batches
/// double up to [`LAST_BATCH`]. Most shortcuts that get there read fewer
/// than a hundred passages; some read thousands.
const FIRST_BATCH: usize = if cfg!(test) { 2 } else { 64 };
const LAST_BATCH: usize = if cfg!(test) { 16 } else { 2048 };
/// Batches of fewer passages than this are read on the caller's thread.
const SHARED_BATCH: usize = if cfg!(test) { 4 } else { 512 };
/// Threads that read passages, at least: one per run of articles of the
/// index otherwise (in tests, several: so that the shares are tested).
const MIN_READERS: usize = if cfg!(test) { 3 } else { 1 };
/// The shortcut is tried when the postings of every word of the query are
/// at least this many times those the rarest term reads...
const SPREAD: usize = if cfg!(test) { 1 } else { 3 };
/// ...and at least this many bytes: below that the index is quick anyway.
const MIN_BYTES: usize = if cfg!(test) { 1 } else { 64 * 1024 };

impl SearchIndex {
    /// The best `limit` passages of `query` (or all of them, when fewer),
    /// in reading order, found through a shortlist; `None` when the query
    /// does not suit the shortcut or the shortlist ran out: then rank it
    /// from the index ([`SearchIndex::candidates`]).
    pub(super) fn shortlisted(
        &self,
        corpus: &Corpus,
        query: &Prepared,
        looked_up: &Plans,
        limit: usize,
    ) -> Option<Vec<Candidate>> {
        if limit == 0 || !self.worth_a_shortlist(query) {
            return None;
        }
        // Every term's plan, in the order of the query's terms.
        let (mut positive, mut negative) = (looked_up.positive.iter(), looked_up.negative.iter());
        let every: Vec<&TermPlan> = query
            .terms
            .iter()
            .map(|t| {
                if t.0 {
                    negative.next()
                } else {
                    positive.next()
                }
            })
            .collect::<Option<_>>()?;
        let plans: Vec<&TermPlan> = (every.iter().zip(&query.terms))
            .filter(|(_, t)| !t.0)
            .map(|(p, _)| *p)
            .collect();
        if plans.is_empty()
            || plans.len() > Bound::MAX_TERMS
            || plans.iter().any(|p| p.is_impossible())
        {
            return None;
        }
        let rare = (0..plans.len()).min_by_key(|&t| plans[t].volume())?;
        let all: usize = plans.iter().map(|p| self.all_postings(p)).sum();
        let shortlist = plans[rare].volume();
        if all < MIN_BYTES || all < SPREAD.saturating_mul(shortlist) {
            return None;
        }
        let terms: Vec<Known> = plans.iter().map(|p| self.known(p, shortlist)).collect();
        let budget = (all - shortlist) / UNREAD_BYTES_PER_WORD;
        let least = limit
            .saturating_mul(SHORTLIST_PER_RESULT)
            .saturating_add(SHORTLIST_EXTRA);
        let cap = (budget / WORDS_PER_PASSAGE).clamp(least, SHORTLIST_MAX.max(least));
        let runs: Vec<Option<usize>> = if self.run_count() <= 1 {
            vec![None]
        } else {
            (0..self.run_count()).map(Some).collect()
        };
        let lists = on_threads(&runs, |run| {
            Part { ix: self, run }.shortlist(plans[rare], rare, &terms, cap)
        });
        let mut complete = true;
        let mut list: Vec<Candidate> = Vec::new();
        for (l, whole) in lists {
            complete &= whole;
            list.extend(l);
        }
        list.sort_unstable_by_key(|c| (c.rank, c.passage));
        if list.len() > cap {
            list.truncate(cap);
            complete = false;
        }
        // The words each query word matches, as the index found them.
        let table = Table::new(self, &every);
        // Words in the passages before each one on the list.
        let mut before = Vec::with_capacity(list.len() + 1);
        before.push(0usize);
        for c in &list {
            before.push(before[before.len() - 1].saturating_add(c.rank.words as usize));
        }
        let budget = budget.max(least);
        let mut readers: Vec<Reader> = (0..self.run_count().max(MIN_READERS))
            .map(|_| Reader::default())
            .collect();
        let mut ranks: Vec<Option<Rank>> = Vec::new();
        let mut best = Best::new(limit);
        let mut batch = FIRST_BATCH;
        let mut i = 0;
        while i < list.len() {
            // The next passages are read on every thread at once; what
            // they give is taken in order, up to where reading stops.
            // Nothing past the budget is read.
            let affordable = before.partition_point(|&b| b <= budget).min(list.len());
            if affordable <= i {
                return None;
            }
            let end = (i + batch).min(affordable);
            self.read_batch(
                corpus,
                query,
                &table,
                &list[i..end],
                &mut readers,
                &mut ranks,
            );
            batch = (batch * 2).min(LAST_BATCH);
            for (c, rank) in list[i..end].iter().zip(&ranks) {
                if before[i] > budget {
                    return None;
                }
                if let Some(w) = best.last() {
                    if (c.rank, c.passage) > w {
                        return Some(best.into_candidates());
                    }
                    // Every passage that may still beat the worst kept must
                    // be read: give up as soon as that is more than the
                    // budget, even were the worst kept to have no words
                    // between its terms (the bounds assume none, and the
                    // worst kept gets better as passages are read).
                    let w = (Rank { gap: 0, ..w.0 }, w.1);
                    let must = list.partition_point(|c| (c.rank, c.passage) < w);
                    if (must == list.len() && !complete) || before[must] > budget {
                        return None;
                    }
                }
                if let Some(rank) = rank {
                    best.push(*rank, c.passage);
                }
                i += 1;
            }
        }
        complete.then(|| best.into_candidates())
    }

    /// The ranks of `list`'s passages into `ranks`, read on as many threads
    /// as there are `readers`, each a share in turn.
    fn read_batch(
        &self,
        corpus: &Corpus,
        query: &Prepared,
        table: &Table<'_>,
        list: &[Candidate],
        readers: &mut [Reader],
        ranks: &mut Vec<Option<Rank>>,
    ) {
        ranks.clear();
        ranks.resize(list.len(), None);
        // A small batch is read here: a thread that waits for a core would
        // cost more than it saves.
        let threads = if list.len() < SHARED_BATCH {
            1.min(readers.len())
        } else {
            readers.len()
        };
        let readers = &mut readers[..threads];
        let share = list.len().div_ceil(readers.len().max(1)).max(1);
        let read = |reader: &mut Reader, list: &[Candidate], out: &mut [Option<Rank>]| {
            for (c, r) in list.iter().zip(out) {
                *r = reader.rank(self, corpus, query, table, c.passage);
            }
        };
        let mut jobs = readers
            .iter_mut()
            .zip(list.chunks(share).zip(ranks.chunks_mut(share)));
        let Some((mine, (list0, out0))) = jobs.next() else {
            return;
        };
        std::thread::scope(|s| {
            for (reader, (list, out)) in jobs {
                s.spawn(move || read(reader, list, out));
            }
            read(mine, list0, out0);
        });
    }

    /// Whether the query's terms differ enough in how common they are, as
    /// far as their exact, prefix and same-stem matches tell: looking up
    /// typos and subsequences in the vocabulary takes as long as a quick
    /// query, and is done once more if the shortcut is taken.
    fn worth_a_shortlist(&self, query: &Prepared) -> bool {
        let plans: Vec<TermPlan> = query
            .positive()
            .map(|alts| {
                let plain: Vec<Vec<Needle>> = alts
                    .iter()
                    .map(|alt| {
                        let mut alt = alt.clone();
                        for n in &mut alt {
                            n.tiers.typo = false;
                            n.tiers.subsequence = false;
                        }
                        alt
                    })
                    .collect();
                self.plan(&plain)
            })
            .collect();
        let Some(rare) = plans.iter().map(TermPlan::volume).min() else {
            return false;
        };
        let all: usize = plans.iter().map(|p| self.all_postings(p)).sum();
        all >= MIN_BYTES && all >= SPREAD.saturating_mul(rare)
    }

    /// Postings bytes of every word a term matches: what ranking it from
    /// the index reads.
    fn all_postings(&self, plan: &TermPlan) -> usize {
        plan.alts
            .iter()
            .flatten()
            .flatten()
            .map(|&(w, _)| self.postings_len(w))
            .sum()
    }
}

/// The words each query word matches, as the index found them, for reading
/// passages: a row per such word, a column per query word (`[t, a, k]`:
/// word `k` of alternative `a` of term `t` of [`Prepared::terms`]).
struct Table<'a> {
    rows: FastMap<&'a str, u32>,
    /// The column of the first word of each alternative of each term.
    first: Vec<Vec<usize>>,
    columns: usize,
    /// `costs[row * columns + column]`.
    costs: Vec<Option<Cost>>,
}

impl<'a> Table<'a> {
    /// The table of `plans`, one per term of the query, in its order.
    fn new(ix: &'a SearchIndex, plans: &[&TermPlan]) -> Table<'a> {
        let mut columns = 0;
        let first: Vec<Vec<usize>> = plans
            .iter()
            .map(|p| {
                p.alts
                    .iter()
                    .map(|alt| {
                        columns += alt.len();
                        columns - alt.len()
                    })
                    .collect()
            })
            .collect();
        let mut rows: FastMap<&str, u32> = FastMap::default();
        let mut costs: Vec<Option<Cost>> = Vec::new();
        let all = plans
            .iter()
            .zip(&first)
            .flat_map(|(p, f)| p.alts.iter().zip(f));
        for (alt, &start) in all {
            for (k, words) in alt.iter().enumerate() {
                for &(w, c) in words {
                    let row = *rows.entry(ix.word(w)).or_insert_with(|| {
                        costs.resize(costs.len() + columns, None);
                        (costs.len() / columns.max(1) - 1) as u32
                    });
                    let cell = &mut costs[row as usize * columns + start + k];
                    *cell = Some(cell.map_or(c, |old| old.min(c)));
                }
            }
        }
        Table {
            rows,
            first,
            columns,
            costs,
        }
    }

    /// How a word of a row matches query word `[t, a, k]`.
    fn cost(&self, row: u32, [t, a, k]: [usize; 3]) -> Option<Cost> {
        let column = self.first.get(t)?.get(a)? + k;
        *self.costs.get(row as usize * self.columns + column)?
    }
}

/// Reads passages one after another, with its buffers kept between them.
#[derive(Default)]
struct Reader {
    folded: String,
    /// The row of each word of the passage read ([`NO_ROW`]: no query word
    /// matches it).
    rows: Vec<u32>,
    ranker: Ranker,
}

const NO_ROW: u32 = u32::MAX;

impl Reader {
    /// The rank of global passage `global` for `query`, read word by word
    /// (how each word matches each query word from `table`); `None` when
    /// a term is missing or an excluded one occurs.
    fn rank(
        &mut self,
        ix: &SearchIndex,
        corpus: &Corpus,
        query: &Prepared,
        table: &Table<'_>,
        global: u32,
    ) -> Option<Rank> {
        let (ai, pi) = ix.locate(global);
        let article = corpus.articles.get(ai)?;
        let passage = article.passages.get(pi)?;
        self.folded.clear();
        fold_into(article.passage_text(passage), &mut self.folded);
        self.rows.clear();
        let rows = &table.rows;
        let found = words(&self.folded).map(|w| rows.get(&*w.key).copied().unwrap_or(NO_ROW));
        self.rows.extend(found);
        let line = &self.rows;
        let cost = |column: [usize; 3], i: usize| match line[i] {
            NO_ROW => None,
            row => table.cost(row, column),
        };
        let mut rank = rank_words(line.len(), query, &cost, &mut self.ranker)?;
        rank.words = ix.passages.get(global as usize)?.words;
        Some(rank)
    }
}

/// What is known of a term's best match in a passage before the passage
/// is read.
struct Known {
    /// Its best cost anywhere.
    best: Cost,
    /// For a term of single words whose best words are few: those words,
    /// and the term's best cost in a passage that has none of them (`None`:
    /// the term cannot occur there).
    few: Option<(Vec<u32>, Option<Cost>)>,
}

impl SearchIndex {
    /// What is known of a term; its best words are read only when their
    /// postings are at most `cheap` bytes.
    fn known(&self, plan: &TermPlan, cheap: usize) -> Known {
        let best = best_cost(plan);
        if plan.alts.iter().any(|a| a.len() != 1) {
            return Known { best, few: None };
        }
        let words = || plan.alts.iter().flat_map(|a| a[0].iter().copied());
        let (top, rest): (WordSet, WordSet) = words().partition(|w| w.1 == best);
        let bytes: usize = top.iter().map(|&(w, _)| self.postings_len(w)).sum();
        let few = (bytes <= cheap).then(|| {
            (
                top.iter().map(|w| w.0).collect(),
                rest.iter().map(|w| w.1).min(),
            )
        });
        Known { best, few }
    }
}

/// The best cost a term can have anywhere: its best word for a single
/// word, the best words joined for a phrase.
fn best_cost(plan: &TermPlan) -> Cost {
    let min = |ws: &WordSet| ws.iter().map(|w| w.1).min();
    plan.alts
        .iter()
        .filter_map(|alt| {
            let mut words = alt.iter().map(min);
            let first = words.next()??;
            words.try_fold(first, |c, next| Some(c.join(next?)))
        })
        .min()
        .unwrap_or(Cost::EXACT)
}

impl Part<'_> {
    /// The passages of this part where term `rare` (`plan`) may occur — a
    /// word of its rarest word set per alternative does — with the best
    /// rank each can have (every other term matched as well as `terms`
    /// says it can be there, right next to the others): the best `cap` of
    /// them by that bound, in no particular order, and whether that is all.
    fn shortlist(
        &self,
        plan: &TermPlan,
        rare: usize,
        terms: &[Known],
        cap: usize,
    ) -> (Vec<Candidate>, bool) {
        let ix = self.ix;
        let range = ix.run_passages(self.run);
        let first = range.start;
        let mut best: Vec<Option<Cost>> = vec![None; (range.end - first) as usize];
        let mut set = PassageSet::new(ix.passages.len());
        for alt in &plan.alts {
            // A phrase costs at least what its rarest word costs.
            let volume = |ws: &&WordSet| ws.iter().map(|&(w, _)| ix.postings_len(w)).sum::<usize>();
            let Some(words) = alt.iter().min_by_key(volume) else {
                continue;
            };
            for &(w, cost) in words {
                ix.decode_word(w, self.run, |p, _| {
                    let Some(b) = best.get_mut(p.wrapping_sub(first) as usize) else {
                        return;
                    };
                    if b.is_none_or(|b| cost < b) {
                        *b = Some(cost);
                    }
                    set.insert(p);
                });
            }
        }
        // The passages holding each other term's few best words.
        let holding: Vec<Option<PassageSet>> = terms
            .iter()
            .enumerate()
            .map(|(t, k)| {
                let (words, _) = k.few.as_ref().filter(|_| t != rare)?;
                let mut s = PassageSet::new(ix.passages.len());
                for &w in words {
                    ix.decode_word(w, self.run, |p, _| s.insert(p));
                }
                Some(s)
            })
            .collect();
        // The bound of a passage is the sum of what each term adds to it:
        // the terms of no few best words at their best everywhere, the
        // others by whether the passage holds those words.
        let fixed: u64 = (terms.iter().zip(&holding).enumerate())
            .filter(|(t, (_, h))| *t != rare && h.is_none())
            .map(|(_, (k, _))| Bound::of(k.best))
            .sum();
        let held: Vec<(&PassageSet, u64, Option<u64>)> = (terms.iter().zip(&holding))
            .filter_map(|(k, h)| {
                let (_, otherwise) = k.few.as_ref()?;
                Some((h.as_ref()?, Bound::of(k.best), otherwise.map(Bound::of)))
            })
            .collect();
        let mut top = Shortest::new(cap);
        let mut seen = 0usize;
        'passages: for p in set.iter() {
            let Some(c) = best[(p - first) as usize] else {
                continue;
            };
            let mut bound = fixed + Bound::of(c) + u64::from(ix.passages[p as usize].words);
            for &(h, inside, outside) in &held {
                bound += if h.contains(p) {
                    inside
                } else {
                    match outside {
                        Some(o) => o,
                        None => continue 'passages,
                    }
                };
            }
            seen += 1;
            top.offer(bound, p);
        }
        let terms = terms.len() as u32;
        let list = top.into_list().into_iter();
        let list = list.map(|(b, passage)| Candidate {
            passage,
            rank: Bound::rank(b, terms),
        });
        (list.collect(), seen <= cap)
    }
}

/// The best rank a passage can have, packed in an integer that sorts as
/// the [`Rank`] does: a sum of what each term adds (by its cost there) and
/// the passage's words. Fields, high to low: terms not exact (7 bits, so
/// exact terms sort best first), typos (10 bits), terms off a word's start
/// (10 bits), words (34 bits); with at most [`Bound::MAX_TERMS`] terms
/// (typos at most 15 each), no field overflows into the next.
struct Bound;

impl Bound {
    const MAX_TERMS: usize = 64;
    const NOT_EXACT: u32 = 54;
    const TYPOS: u32 = 44;
    const OFF_START: u32 = 34;

    /// What a term whose best match costs `c` adds.
    fn of(c: Cost) -> u64 {
        (u64::from(!c.is_exact()) << Bound::NOT_EXACT)
            | (u64::from(c.typos()) << Bound::TYPOS)
            | (u64::from(!c.at_word_start()) << Bound::OFF_START)
    }

    /// The rank of a packed bound of a query of `terms` terms.
    fn rank(b: u64, terms: u32) -> Rank {
        let field = |shift: u32, bits: u32| ((b >> shift) & ((1 << bits) - 1)) as u32;
        Rank {
            exact: terms.saturating_sub(field(Bound::NOT_EXACT, 7)),
            typos: field(Bound::TYPOS, 10),
            gap: 0,
            off_start: field(Bound::OFF_START, 10),
            words: field(0, 32),
        }
    }
}

/// The best `keep` passages by bound (then reading order) among many
/// offered: kept in a list that is cut back to the best `keep` whenever it
/// doubles, so that a passage costs a comparison with the worst kept at
/// the last cut, not a heap operation.
struct Shortest {
    keep: usize,
    list: Vec<(u64, u32)>,
    /// Once the list was cut: its worst then. Nothing after it is kept.
    limit: Option<(u64, u32)>,
}

impl Shortest {
    fn new(keep: usize) -> Shortest {
        Shortest {
            keep: keep.max(1),
            list: Vec::new(),
            limit: None,
        }
    }

    #[inline]
    fn offer(&mut self, bound: u64, passage: u32) {
        if self.limit.is_some_and(|l| (bound, passage) >= l) {
            return;
        }
        self.list.push((bound, passage));
        if self.list.len() >= 2 * self.keep {
            self.cut();
        }
    }

    /// Keeps the best `keep` only.
    fn cut(&mut self) {
        if self.list.len() > self.keep {
            self.list.select_nth_unstable(self.keep - 1);
            self.list.truncate(self.keep);
            self.limit = Some(self.list[self.keep - 1]);
        }
    }

    /// The passages kept, with their bounds, in no particular order.
    fn into_list(mut self) -> Vec<(u64, u32)> {
        self.cut();
        self.list
    }
}

#[cfg(test)]
mod tests {
    use crate::core::search::exec::top;
    use crate::core::search::scan::Prepared;
    use crate::core::search::{Query, SearchIndex, tie_corpus};

    #[test]
    fn the_shortlist_gives_what_the_index_gives_or_nothing() {
        let words = [
            "russia", "role", "russian", "road", "armenia", "lachin", "corridor", "red", "rule",
            "the", "of", "s", "ruler", "a",
        ];
        let c = tie_corpus(&words, 11, 60, 1..13);
        let idx = SearchIndex::build(&c);
        let (mut taken, mut declined) = (0, 0);
        for q in [
            "russia r",
            "russia's r",
            "russia's",
            "lachin c",
            "the role of russia",
            "russia ro !armenia",
            "\"lachin corridor\" r",
            "corridor lachin",
            "zebra r",
            "rusia r",
        ] {
            let query = Prepared::new(&Query::parse(q));
            for limit in [1, 3, 10, 50, 1000] {
                let expected = top(idx.candidates(&query, None), limit);
                match idx.shortlisted(&c, &query, &idx.plans(&query), limit) {
                    Some(got) => {
                        taken += 1;
                        assert_eq!(top(got, limit), expected, "{q} {limit}");
                    }
                    None => declined += 1,
                }
            }
        }
        assert!(taken > 10 && declined > 0, "{taken} {declined}");
    }
}
