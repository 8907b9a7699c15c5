//! Discovery: names the catalogue lacks, found by simple rules, so that a
//! folder of the user's own articles gets entities without any catalogue.
//!
//! The rules, applied to paragraphs and quotes (titles and headings are in
//! title case, so they would yield every word; they are skipped here, but
//! discovered names are still counted in them afterwards):
//!
//! 1. A **run** is a sequence of capitalised words (first letter upper case;
//!    `al-Assad`, `el-Sisi` count) separated by single spaces, which may
//!    contain the connectors `of`, `of the`, `de`, `la`, `van`, `von`, ...
//!    between two capitalised words.
//! 2. Punctuation ends a run (`Europe, Asia`), an opening quote or bracket
//!    starts a new one, and a possessive (`Freedom House’s`) ends one after
//!    its word.
//! 3. A capitalised word that opens a sentence is not part of a run (it is
//!    capitalised because it opens the sentence).
//! 4. A word inside a catalogue mention is not part of a run: discovery
//!    never re-finds, extends or splits a catalogue name.
//! 5. A title (`President`, `Minister`, `Mr`, ...) splits a run and is
//!    left out, so "Russian President Vladimir Putin" yields "Vladimir
//!    Putin"; stop-words at either end of a run are dropped: function words
//!    (`The`, `In`), months and weekdays, so "In September Freedom House"
//!    yields "Freedom House".
//! 6. What remains is a name if it has 2 to 4 capitalised words and occurs
//!    at least twice ([`MIN_OCCURRENCES`]).
//!
//! A discovered name is matched case-sensitively (as it was found, in
//! capitals) and gets a kind from its words when they say it clearly
//! (`... Union` is an organisation, `... Sea` a place, `... War` an event);
//! a name that follows a title somewhere ("President Ilham Aliyev",
//! "spokesman Dmitry Peskov") is a person; anything else is `other`. A
//! discovered person is also matched by the last word of the name alone
//! ("Aliyev"), see [`Discovered::surname`].
//!
//! This module never prints and knows nothing of the terminal.

use std::collections::HashMap;
use std::ops::Range;

mod tokens;
mod words;

use super::Kind;
use super::matcher::name_key;
use crate::core::corpus::{Article, PassageKind};
use tokens::{Token, Tokens, word_before};
pub use words::guess_kind;
use words::{is_stop, is_title};

/// A name must occur this often (outside sentence openings) to be kept.
pub const MIN_OCCURRENCES: usize = 2;

/// A discovered name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// The name, in its most frequent spelling.
    pub name: String,
    /// The kind its words suggest, or `Other`.
    pub kind: Kind,
    /// How many runs yielded it.
    pub occurrences: usize,
}

impl Discovered {
    /// For a person, the last word of the name, which the texts often use
    /// alone ("Pashinyan"); `None` for other kinds or when that word is a
    /// stop-word (a month, a function word).
    pub fn surname(&self) -> Option<&str> {
        if self.kind != Kind::Person {
            return None;
        }
        let mut words = self.name.split(' ');
        let last = words.next_back()?;
        words.next()?; // at least two words
        (!is_stop(last) && !is_title(last) && last.chars().count() > 1).then_some(last)
    }
}

#[derive(Debug, Default, Clone)]
struct Candidate {
    /// Spellings and how often each occurred.
    spellings: HashMap<String, usize>,
    /// How many occurrences followed a title.
    after_title: usize,
}

/// Runs found so far, by name key; merge several with [`Candidates::merge`].
#[derive(Debug, Default, Clone)]
pub struct Candidates {
    by_key: HashMap<String, Candidate>,
}

impl Candidates {
    /// Adds one occurrence of a name; `after_title` when a title such as
    /// "President" came just before it.
    pub fn add(&mut self, name: &str, after_title: bool) {
        let c = self.by_key.entry(name_key(name)).or_default();
        *c.spellings.entry(name.to_string()).or_default() += 1;
        c.after_title += usize::from(after_title);
    }

    /// Adds the counts of another set.
    pub fn merge(&mut self, other: Candidates) {
        for (key, theirs) in other.by_key {
            let mine = self.by_key.entry(key).or_default();
            for (s, n) in theirs.spellings {
                *mine.spellings.entry(s).or_default() += n;
            }
            mine.after_title += theirs.after_title;
        }
    }

    /// The names that occur at least [`MIN_OCCURRENCES`] times and are not
    /// `taken` (a catalogue name key), most frequent first.
    pub fn finish(self, taken: impl Fn(&str) -> bool) -> Vec<Discovered> {
        let mut out: Vec<Discovered> = self
            .by_key
            .into_iter()
            .filter(|(key, _)| !taken(key))
            .filter_map(|(_, c)| {
                let occurrences: usize = c.spellings.values().sum();
                let (name, _) = c
                    .spellings
                    .into_iter()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
                let kind = match guess_kind(&name) {
                    Kind::Other if c.after_title > 0 => Kind::Person,
                    k => k,
                };
                (occurrences >= MIN_OCCURRENCES).then_some(Discovered {
                    kind,
                    name,
                    occurrences,
                })
            })
            .collect();
        out.sort_by(|a, b| {
            b.occurrences
                .cmp(&a.occurrences)
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    }
}

/// Collects the runs of one article's paragraphs and quotes. `taken` are
/// the byte ranges of catalogue mentions in [`Article::text`], sorted.
pub fn scan_article(article: &Article, taken: &[Range<usize>], out: &mut Candidates) {
    let mut taken_at = 0;
    for p in &article.passages {
        if p.kind == PassageKind::Heading {
            continue;
        }
        let mut run = Run::default();
        let text = &article.text;
        let mut sentence = 0;
        let ptext = &text[p.range.clone()];
        let mut tokens = Tokens { text: ptext, at: 0 };
        loop {
            // Outside a run only a capitalised word matters: jump to the
            // next capital letter, skipping most words unread.
            if run.words.is_empty() && !tokens.jump_to_capital() {
                break;
            }
            let Some(raw) = tokens.next() else { break };
            let raw_start = raw.start;
            let start = p.range.start + raw.start;
            let tok = Token::parse(&ptext[raw]);
            let (core_start, core_end) = (start + tok.core.start, start + tok.core.end);
            while sentence < p.sentences.len() && p.sentences[sentence].start < start {
                sentence += 1;
            }
            let opener = p.sentences.get(sentence).is_some_and(|s| s.start == start);
            while taken_at < taken.len() && taken[taken_at].end <= core_start {
                taken_at += 1;
            }
            let in_catalogue = taken.get(taken_at).is_some_and(|r| r.start < core_end);
            let word = &text[core_start..core_end];
            if tok.core.start > 0 {
                run.flush(out);
            }
            if in_catalogue || word.is_empty() {
                run.flush(out);
                continue;
            }
            if is_capitalised(word) {
                // Titles are tested only here: most words are neither
                // capitalised nor the start of a run.
                if opener || is_title(word) {
                    run.flush(out);
                    continue;
                }
                if run.words.is_empty() {
                    run.after_title =
                        tok.core.start == 0 && word_before(ptext, raw_start).is_some_and(is_title);
                }
                run.words.push((word, false));
            } else if is_connector(word, run.words.last().map(|w| w.0)) {
                run.words.push((word, true));
            } else {
                run.flush(out);
                continue;
            }
            if tok.ends_run {
                run.flush(out);
            }
        }
        run.flush(out);
    }
}

#[derive(Default)]
struct Run<'a> {
    /// Words and whether each is a connector.
    words: Vec<(&'a str, bool)>,
    /// Whether a title came just before the first word.
    after_title: bool,
}

impl Run<'_> {
    fn flush(&mut self, out: &mut Candidates) {
        let mut words = &self.words[..];
        let mut after_title = self.after_title;
        loop {
            match words {
                [(w, c), rest @ ..] if *c || is_stop(w) => {
                    words = rest;
                    after_title = false;
                }
                [rest @ .., (w, c)] if *c || is_stop(w) => words = rest,
                _ => break,
            }
        }
        let capitalised = words.iter().filter(|(_, c)| !c).count();
        if (2..=4).contains(&capitalised) {
            let name = words.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(" ");
            out.add(&name, after_title);
        }
        self.words.clear();
        self.after_title = false;
    }
}

/// First letter upper case, or a lower-case Arabic article prefix before
/// one (`al-Assad`).
fn is_capitalised(word: &str) -> bool {
    let w = ["al-", "el-", "ad-", "ash-"]
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .unwrap_or(word);
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_connector(word: &str, previous: Option<&str>) -> bool {
    match word {
        "of" | "de" | "du" | "da" | "di" | "del" | "des" | "la" | "le" | "van" | "von" | "der"
        | "den" | "bin" | "ibn" => previous.is_some(),
        "the" => previous == Some("of"),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs discovery over one article built from `body` (paragraphs
    /// separated by blank lines), with `taken` names as catalogue mentions.
    fn discover(body: &str, taken: &[&str]) -> Vec<(String, usize)> {
        let a = Article::parse("a.txt", &format!("Title\n\n{body}"), None).unwrap();
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for t in taken {
            for (i, _) in a.text.match_indices(t) {
                ranges.push(i..i + t.len());
            }
        }
        ranges.sort_by_key(|r| r.start);
        let mut c = Candidates::default();
        scan_article(&a, &ranges, &mut c);
        let mut all: Vec<(String, usize)> = c
            .by_key
            .into_values()
            .flat_map(|c| c.spellings.into_iter())
            .collect();
        all.sort();
        all
    }

    fn n(name: &str, count: usize) -> (String, usize) {
        (name.to_string(), count)
    }

    #[test]
    fn capitalised_runs_of_two_to_four_words() {
        let found = discover(
            "They met Anna Hakobyan and the International Republican Institute of Nowhere Really Long today.",
            &[],
        );
        assert_eq!(found, [n("Anna Hakobyan", 1)]);
    }

    #[test]
    fn connectors_join_words_but_never_end_a_name() {
        let found = discover(
            "A report by the Office of the Human Rights Defender and the Bank of Armenia of all places.",
            &[],
        );
        assert_eq!(
            found,
            [
                n("Bank of Armenia", 1),
                n("Office of the Human Rights Defender", 1)
            ]
        );
    }

    #[test]
    fn sentence_openers_are_not_names() {
        // "Reportedly Moscow" opens a sentence: only "Moscow" would remain.
        let found = discover("Reportedly Moscow agreed. Then Freedom House spoke.", &[]);
        assert_eq!(found, [n("Freedom House", 1)]);
        // An opening quote does not hide the sentence start.
        assert!(discover("“Foreign Policy matters,” he said.", &[]).is_empty());
    }

    #[test]
    fn punctuation_and_possessives_end_a_run() {
        let found = discover(
            "with Armenia, Azerbaijan and Chatham House’s rules, and ‘Green Corridor’ plans",
            &[],
        );
        assert_eq!(found, [n("Chatham House", 1), n("Green Corridor", 1)]);
    }

    #[test]
    fn stop_words_at_the_ends_are_dropped_and_titles_split_runs() {
        let found = discover(
            "said President Ilham Aliyev in September Last Year, and the Prime Minister agreed with Russian President Vladimir Putin",
            &[],
        );
        assert_eq!(
            found,
            [
                n("Ilham Aliyev", 1),
                n("Last Year", 1),
                n("Vladimir Putin", 1)
            ]
        );
    }

    #[test]
    fn a_name_after_a_title_is_a_person_with_a_surname() {
        let a = Article::parse(
            "a.txt",
            "T\n\nThe spokesman Dmitry Peskov spoke, and Dmitry Peskov left for Red Square. He saw Red Square again.",
            None,
        )
        .unwrap();
        let mut c = Candidates::default();
        scan_article(&a, &[], &mut c);
        let d = c.finish(|_| false);
        assert_eq!(d.len(), 2);
        assert_eq!(
            (d[0].name.as_str(), d[0].kind),
            ("Dmitry Peskov", Kind::Person)
        );
        assert_eq!(d[0].surname(), Some("Peskov"));
        assert_eq!((d[1].name.as_str(), d[1].kind), ("Red Square", Kind::Place));
    }

    #[test]
    fn catalogue_mentions_split_runs() {
        let found = discover(
            "the Russian Federal Security Service and Armenian Prime Minister Nikol Pashinyan met Agora Analytics",
            &["Russian Federal Security Service", "Nikol Pashinyan"],
        );
        assert_eq!(found, [n("Agora Analytics", 1)]);
    }

    #[test]
    fn headings_are_skipped() {
        let a = Article::parse(
            "a.txt",
            "T\n\n## Background Information Here\n\nText.",
            None,
        )
        .unwrap();
        let mut c = Candidates::default();
        scan_article(&a, &[], &mut c);
        assert!(c.by_key.is_empty());
    }

    #[test]
    fn a_name_needs_two_occurrences_and_must_not_be_taken() {
        let mut c = Candidates::default();
        c.add("Freedom House", false);
        c.add("Freedom House", false);
        c.add("Chatham House", false);
        c.add("Meduza Media", false);
        c.add("Meduza Media", false);
        let d = c.finish(|k| k == "meduza media");
        assert_eq!(
            d,
            [Discovered {
                name: "Freedom House".into(),
                kind: Kind::Organisation,
                occurrences: 2
            }]
        );
        assert_eq!(d[0].surname(), None);
    }

    #[test]
    fn kinds_from_the_words_of_a_name() {
        assert_eq!(guess_kind("Eurasian Customs Union"), Kind::Organisation);
        assert_eq!(guess_kind("Caspian Sea"), Kind::Place);
        assert_eq!(guess_kind("Republic of Artsakh"), Kind::Place);
        assert_eq!(guess_kind("Second Karabakh War"), Kind::Event);
        assert_eq!(guess_kind("Anna Hakobyan"), Kind::Other);
    }
}
