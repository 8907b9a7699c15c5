//! Discovery's counts as the scan gathers them: how often each spelling
//! of a name occurred, and what came around each name.
//!
//! Most runs repeat a spelling seen before, so a spelling is looked up as
//! it is written, with one hash of it; the name's key ([`dotless_key_into`])
//! is made only for a spelling seen for the first time. Names are numbered
//! in the order first seen; the numbers stay inside this module.
//!
//! This module never prints and knows nothing of the terminal.

use super::{Cue, dotless_key_into};
use crate::core::fasthash::FastMap;

/// What came just before one name's occurrences, and how often.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Cues {
    /// Titles seen just before it ("President", "Gen.") and how often.
    pub(super) titles: Vec<(String, usize)>,
    /// How many occurrences followed "in", "at", "near"...
    pub(super) place: usize,
    /// How many occurrences came before "said", "wrote"...
    pub(super) person: usize,
    /// How many occurrences followed "the".
    pub(super) the: usize,
    /// How many occurrences were in quotation marks.
    pub(super) quoted: usize,
    /// How many occurrences followed "outlet", "company", "think tank"...
    pub(super) organisation: usize,
}

impl Cues {
    fn add(&mut self, cue: Cue<'_>) {
        match cue {
            Cue::Title(t) => match self.titles.iter_mut().find(|(s, _)| s == t) {
                Some((_, n)) => *n += 1,
                None => self.titles.push((t.to_string(), 1)),
            },
            Cue::Place => self.place += 1,
            Cue::Person => self.person += 1,
            Cue::The => self.the += 1,
            Cue::Quoted => self.quoted += 1,
            Cue::Organisation => self.organisation += 1,
            Cue::None => {}
        }
    }

    fn add_all(&mut self, other: Cues) {
        for (t, n) in other.titles {
            match self.titles.iter_mut().find(|(s, _)| *s == t) {
                Some((_, m)) => *m += n,
                None => self.titles.push((t, n)),
            }
        }
        self.place += other.place;
        self.person += other.person;
        self.the += other.the;
        self.quoted += other.quoted;
        self.organisation += other.organisation;
    }

    /// Takes `other`'s counts away, forgetting a title that falls to
    /// nothing.
    fn take_away(&mut self, other: &Cues) {
        for (t, n) in &other.titles {
            if let Some(at) = self.titles.iter().position(|(s, _)| s == t) {
                let m = &mut self.titles[at].1;
                *m = m.saturating_sub(*n);
                if *m == 0 {
                    self.titles.swap_remove(at);
                }
            }
        }
        self.place = self.place.saturating_sub(other.place);
        self.person = self.person.saturating_sub(other.person);
        self.the = self.the.saturating_sub(other.the);
        self.quoted = self.quoted.saturating_sub(other.quoted);
        self.organisation = self.organisation.saturating_sub(other.organisation);
    }
}

/// Runs found so far, by name key; merge several with [`Candidates::merge`].
#[derive(Debug, Default, Clone)]
pub struct Candidates {
    /// Each name's number, by its key.
    by_key: FastMap<String, usize>,
    /// Each name's cues, by its number.
    names: Vec<Cues>,
    /// Each spelling: its name's number and how often it occurred.
    by_spelling: FastMap<String, (usize, usize)>,
    /// Room to fold names and make their keys in, used again.
    scratch: (String, String),
    /// Room to join a run's words in, used again.
    joined: String,
}

/// One name with all its counts, as [`Candidates::into_names`] gives them.
pub(super) struct Counted {
    pub(super) spellings: Vec<(String, usize)>,
    pub(super) cues: Cues,
}

impl Candidates {
    /// Adds one occurrence of a name with what came before it.
    pub fn add(&mut self, name: &str, cue: Cue<'_>) {
        let at = match self.by_spelling.get_mut(name) {
            Some((at, n)) => {
                *n += 1;
                *at
            }
            None => {
                let (folded, key) = &mut self.scratch;
                dotless_key_into(name, folded, key);
                let at = match self.by_key.get(key.as_str()) {
                    Some(&at) => at,
                    None => {
                        let at = self.names.len();
                        self.names.push(Cues::default());
                        self.by_key.insert(key.clone(), at);
                        at
                    }
                };
                self.by_spelling.insert(name.to_string(), (at, 1));
                at
            }
        };
        self.names[at].add(cue);
    }

    /// [`Candidates::add`] for the name that is these words joined by
    /// spaces, made in a buffer used again.
    pub(super) fn add_words<'a>(&mut self, words: impl Iterator<Item = &'a str>, cue: Cue<'_>) {
        let mut name = std::mem::take(&mut self.joined);
        name.clear();
        for w in words {
            if !name.is_empty() {
                name.push(' ');
            }
            name.push_str(w);
        }
        self.add(&name, cue);
        self.joined = name;
    }

    /// The number of the name with `key`, a new name if there is none.
    fn number(&mut self, key: String) -> usize {
        let next = self.names.len();
        let at = *self.by_key.entry(key).or_insert(next);
        if at == next {
            self.names.push(Cues::default());
        }
        at
    }

    /// Adds the counts of another set.
    pub fn merge(&mut self, other: Candidates) {
        if self.by_key.is_empty() && self.by_spelling.is_empty() {
            // The first set merged (one per thread): taken as it is.
            *self = other;
            return;
        }
        let mut mine = vec![0; other.names.len()];
        for (key, theirs) in other.by_key {
            mine[theirs] = self.number(key);
        }
        for (theirs, cues) in other.names.into_iter().enumerate() {
            self.names[mine[theirs]].add_all(cues);
        }
        for (s, (theirs, n)) in other.by_spelling {
            self.by_spelling.entry(s).or_insert((mine[theirs], 0)).1 += n;
        }
    }

    /// Takes away the counts of another set, which must have been added
    /// before (the runs of articles removed or changed): the counts are as
    /// if those runs had never been seen. A spelling or title whose count
    /// falls to nothing is forgotten, and so is a name with no spelling
    /// left, as in a set that never saw them.
    pub fn subtract(&mut self, other: Candidates) {
        let mut touched = vec![false; self.names.len()];
        for (key, &theirs) in &other.by_key {
            if let Some(&at) = self.by_key.get(key.as_str()) {
                self.names[at].take_away(&other.names[theirs]);
                touched[at] = true;
            }
        }
        for (s, &(_, n)) in &other.by_spelling {
            if let Some((_, m)) = self.by_spelling.get_mut(s.as_str()) {
                *m = m.saturating_sub(n);
                if *m == 0 {
                    self.by_spelling.remove(s.as_str());
                }
            }
        }
        let mut spelt = vec![false; self.names.len()];
        for &(at, _) in self.by_spelling.values() {
            spelt[at] = true;
        }
        let gone = |at: usize| touched[at] && !spelt[at];
        if !(0..self.names.len()).any(gone) {
            return;
        }
        // Number the names left again, in the same order.
        let mut renumbered = vec![usize::MAX; self.names.len()];
        let mut kept = Vec::new();
        for (at, cues) in std::mem::take(&mut self.names).into_iter().enumerate() {
            if !gone(at) {
                renumbered[at] = kept.len();
                kept.push(cues);
            }
        }
        self.names = kept;
        self.by_key.retain(|_, at| {
            *at = renumbered[*at];
            *at != usize::MAX
        });
        for (at, _) in self.by_spelling.values_mut() {
            *at = renumbered[*at];
        }
    }

    /// Every name's spellings and cues, in no particular order.
    pub(super) fn into_names(self) -> Vec<Counted> {
        let mut spellings: Vec<Vec<(String, usize)>> = vec![Vec::new(); self.names.len()];
        for (s, (at, n)) in self.by_spelling {
            spellings[at].push((s, n));
        }
        spellings
            .into_iter()
            .zip(self.names)
            .map(|(spellings, cues)| Counted { spellings, cues })
            .collect()
    }

    /// Every name's key, spellings and cues, in no particular order.
    pub(super) fn names(&self) -> impl Iterator<Item = (&str, Vec<(&str, usize)>, &Cues)> {
        let mut spellings: Vec<Vec<(&str, usize)>> = vec![Vec::new(); self.names.len()];
        for (s, &(at, n)) in &self.by_spelling {
            spellings[at].push((s, n));
        }
        let mut keys: Vec<&str> = vec![""; self.names.len()];
        for (key, &at) in &self.by_key {
            keys[at] = key;
        }
        keys.into_iter()
            .zip(spellings)
            .zip(&self.names)
            .map(|((key, spellings), cues)| (key, spellings, cues))
    }

    /// How many names there are.
    pub(super) fn len(&self) -> usize {
        self.names.len()
    }

    /// Adds a name with these counts, as [`Candidates::names`] gave them
    /// (for decoding); `None` when the key or a spelling is there already.
    pub(super) fn insert(
        &mut self,
        key: String,
        spellings: Vec<(String, usize)>,
        cues: Cues,
    ) -> Option<()> {
        let at = self.names.len();
        if self.by_key.insert(key, at).is_some() {
            return None;
        }
        self.names.push(cues);
        for (s, n) in spellings {
            if self.by_spelling.insert(s, (at, n)).is_some() {
                return None;
            }
        }
        Some(())
    }

    /// Room for `n` names more.
    pub(super) fn reserve(&mut self, n: usize) {
        self.by_key.reserve(n);
        self.names.reserve(n);
        self.by_spelling.reserve(n);
    }
}
