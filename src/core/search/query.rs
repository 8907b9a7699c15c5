//! Query parsing: the text typed in the search bar or given to
//! `dossier search`, turned into terms.
//!
//! The query is folded first (case, accents, curly quotes, dashes), then
//! split on spaces into terms, every one of which must match:
//!
//! | typed           | meaning                                                 |
//! |-----------------|---------------------------------------------------------|
//! | `word`          | the word, a word it starts, a typo of it, or its letters in order inside a word |
//! | `"two words"`   | the words next to each other, in this order             |
//! | `'word`         | exactly this word                                       |
//! | `^word`         | this word or a word it starts                           |
//! | `!word`         | no word equal to it or starting with it                 |
//! | `@name`, `@"two words"` | the passage mentions this entity (resolved by the caller, see [`Query::entities`]) |
//!
//! A term with punctuation inside ("russia's", "nagorno-karabakh") is a
//! phrase of its words. In any phrase a one-letter word (the "s" of
//! "russia's") matches only itself. Parsing never fails: markers with nothing after them
//! are ignored, an unclosed quote runs to the end.

use super::words::{Tiers, words};
use crate::core::text::fold_str;

/// Other names for a term: the entity catalogue's aliases, so that "aliev"
/// also finds "Aliyev". Expansions are matched exactly, as phrases when they
/// have several words.
pub trait Synonyms {
    /// Folded alternatives for a folded term (without the term itself).
    fn expand(&self, folded_term: &str) -> Vec<String>;
}

/// No synonyms.
impl Synonyms for () {
    fn expand(&self, _folded_term: &str) -> Vec<String> {
        Vec::new()
    }
}

/// How a term was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// A plain word (or words joined by punctuation): fuzzy.
    Fuzzy,
    /// `"a phrase"`: words in order, next to each other.
    Phrase,
    /// `'word`: exact words only.
    Exact,
    /// `^word`: the word or a word it starts.
    Prefix,
}

/// One way a term can occur: words that must appear next to each other, in
/// order, each matched with the given tiers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    /// Folded words.
    pub words: Vec<String>,
    /// How each word may match.
    pub tiers: Tiers,
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The term as typed, folded, without its markers.
    pub text: String,
    /// How it was written.
    pub kind: TermKind,
    /// `!term`: the passage must not contain it.
    pub negated: bool,
    /// The term itself first, then its synonyms.
    pub alternatives: Vec<Alternative>,
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    /// The terms, in the order typed.
    pub terms: Vec<Term>,
    /// `@name` terms, folded, in the order typed: entities the passage must
    /// mention. The search itself does not know mentions; the caller
    /// resolves these names in the entity index and passes the passages
    /// they are mentioned in to [`super::SearchIndex::lookup`].
    pub entities: Vec<String>,
}

impl Query {
    /// Parses a query without synonyms.
    pub fn parse(text: &str) -> Query {
        Query::parse_with(text, &())
    }

    /// Parses a query; every term also matches the expansions `synonyms`
    /// gives for it.
    pub fn parse_with(text: &str, synonyms: &dyn Synonyms) -> Query {
        let folded = fold_str(text);
        let mut terms = Vec::new();
        let mut entities = Vec::new();
        let mut rest = folded.as_str();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            if let Some(after) = rest.strip_prefix('@') {
                let (name, after) = entity_name(after);
                rest = after;
                if !name.is_empty() && !entities.contains(&name) {
                    entities.push(name);
                }
                continue;
            }
            let (term, after) = next_term(rest);
            rest = after;
            if let Some(t) = term.and_then(|raw| build_term(raw, synonyms)) {
                terms.push(t);
            }
        }
        Query { terms, entities }
    }

    /// True when there is nothing to look for: no term and no entity.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty() && self.entities.is_empty()
    }

    /// The terms that must match.
    pub fn positive(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| !t.negated)
    }

    /// The terms that must not match.
    pub fn negative(&self) -> impl Iterator<Item = &Term> {
        self.terms.iter().filter(|t| t.negated)
    }
}

/// The name after an `@`: a quoted name, or up to the next space; an
/// underscore stands for a space (`@lachin_corridor`). Returns the name
/// (trimmed, single spaces) and the rest of the query.
fn entity_name(s: &str) -> (String, &str) {
    let (raw, rest) = match s.strip_prefix('"') {
        Some(inner) => match inner.find('"') {
            Some(end) => (&inner[..end], &inner[end + 1..]),
            None => (inner, ""),
        },
        None => {
            let end = s.find(char::is_whitespace).unwrap_or(s.len());
            (&s[..end], &s[end..])
        }
    };
    let name = raw.replace('_', " ");
    (name.split_whitespace().collect::<Vec<_>>().join(" "), rest)
}

/// A term as split from the query, before its words are found.
struct RawTerm<'a> {
    text: &'a str,
    negated: bool,
    exact: bool,
    prefix: bool,
    quoted: bool,
}

/// Splits off the next term (`s` starts with a non-space).
fn next_term(s: &str) -> (Option<RawTerm<'_>>, &str) {
    let (mut negated, mut exact, mut prefix) = (false, false, false);
    let mut i = 0;
    for c in s.chars() {
        match c {
            '!' if !negated => negated = true,
            '\'' if !exact => exact = true,
            '^' if !prefix => prefix = true,
            _ => break,
        }
        i += 1;
    }
    let body = &s[i..];
    if let Some(inner) = body.strip_prefix('"') {
        let (text, after) = match inner.find('"') {
            Some(end) => (&inner[..end], &inner[end + 1..]),
            None => (inner, ""),
        };
        let raw = RawTerm {
            text,
            negated,
            exact,
            prefix,
            quoted: true,
        };
        return (Some(raw), after);
    }
    let end = body.find(char::is_whitespace).unwrap_or(body.len());
    let raw = RawTerm {
        text: &body[..end],
        negated,
        exact,
        prefix,
        quoted: false,
    };
    (Some(raw), &body[end..])
}

fn build_term(raw: RawTerm<'_>, synonyms: &dyn Synonyms) -> Option<Term> {
    let list: Vec<String> = words(raw.text).map(|w| w.key.into_owned()).collect();
    if list.is_empty() {
        return None;
    }
    let kind = if raw.exact {
        TermKind::Exact
    } else if raw.prefix {
        TermKind::Prefix
    } else if raw.quoted {
        TermKind::Phrase
    } else {
        TermKind::Fuzzy
    };
    let tiers = match kind {
        TermKind::Exact => Tiers::EXACT,
        TermKind::Prefix => Tiers::PREFIX,
        _ if raw.negated => Tiers::PREFIX,
        TermKind::Phrase => Tiers::PHRASE,
        TermKind::Fuzzy if list.len() > 1 => Tiers::PHRASE,
        TermKind::Fuzzy => Tiers::FUZZY,
    };
    let text = raw.text.trim().to_string();
    let mut alternatives = vec![Alternative {
        words: list.clone(),
        tiers,
    }];
    for expansion in synonyms.expand(&text) {
        let ws: Vec<String> = words(&fold_str(&expansion))
            .map(|w| w.key.into_owned())
            .collect();
        if ws.is_empty() || ws == list || alternatives.iter().any(|a| a.words == ws) {
            continue;
        }
        alternatives.push(Alternative {
            words: ws,
            tiers: Tiers::EXACT,
        });
    }
    Some(Term {
        text,
        kind,
        negated: raw.negated,
        alternatives,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(q: &Query) -> Vec<Vec<String>> {
        q.terms
            .iter()
            .map(|t| t.alternatives[0].words.clone())
            .collect()
    }

    #[test]
    fn plain_terms_fold_and_split() {
        let q = Query::parse("  Lachin  CORRIDOR ");
        assert_eq!(words_of(&q), [["lachin"], ["corridor"]]);
        assert!(
            q.terms
                .iter()
                .all(|t| t.kind == TermKind::Fuzzy && !t.negated)
        );
        assert_eq!(q.terms[0].alternatives[0].tiers, Tiers::FUZZY);
    }

    #[test]
    fn markers() {
        let q = Query::parse("'exact ^pre !not !'gone \"two Words\" !^x");
        let kinds: Vec<_> = q.terms.iter().map(|t| (t.kind, t.negated)).collect();
        assert_eq!(
            kinds,
            [
                (TermKind::Exact, false),
                (TermKind::Prefix, false),
                (TermKind::Fuzzy, true),
                (TermKind::Exact, true),
                (TermKind::Phrase, false),
                (TermKind::Prefix, true),
            ]
        );
        assert_eq!(q.terms[4].alternatives[0].words, ["two", "words"]);
        assert_eq!(q.terms[4].text, "two words");
        assert_eq!(q.terms[2].alternatives[0].tiers, Tiers::PREFIX);
        assert_eq!(q.terms[3].alternatives[0].tiers, Tiers::EXACT);
        assert_eq!(q.positive().count(), 3);
        assert_eq!(q.negative().count(), 3);
    }

    #[test]
    fn curly_quotes_and_punctuation_make_phrases() {
        let q = Query::parse("Russia’s “Lachin corridor” 1,960");
        assert_eq!(
            words_of(&q),
            vec![
                vec!["russia".to_string(), "s".to_string()],
                vec!["lachin".to_string(), "corridor".to_string()],
                vec!["1960".to_string()],
            ]
        );
        assert_eq!(q.terms[0].alternatives[0].tiers, Tiers::PHRASE);
        assert_eq!(q.terms[1].kind, TermKind::Phrase);
    }

    #[test]
    fn odd_input_never_fails() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("  ! ' ^ \"\" -- ,").is_empty());
        let q = Query::parse("\"unclosed phrase");
        assert_eq!(words_of(&q), [vec!["unclosed", "phrase"]]);
        assert_eq!(Query::parse("a\"b c\"").terms.len(), 2);
    }

    #[test]
    fn at_names_are_entities_not_words() {
        let q = Query::parse("@Lachin @\"Ilham  Aliyev\" corridor @peace_keepers @ @lachin");
        assert_eq!(q.entities, ["lachin", "ilham aliyev", "peace keepers"]);
        assert_eq!(words_of(&q), [["corridor"]]);
        let q = Query::parse("@lachin");
        assert!(q.terms.is_empty() && !q.is_empty());
        assert_eq!(Query::parse("@\"unclosed").entities, ["unclosed"]);
    }

    struct Aliases;
    impl Synonyms for Aliases {
        fn expand(&self, t: &str) -> Vec<String> {
            match t {
                "aliev" => vec!["Aliyev".into(), "ilham aliyev".into(), "aliev".into()],
                _ => Vec::new(),
            }
        }
    }

    #[test]
    fn synonyms_become_exact_alternatives() {
        let q = Query::parse_with("Aliev", &Aliases);
        let alts = &q.terms[0].alternatives;
        assert_eq!(alts.len(), 3);
        assert_eq!(alts[0].words, ["aliev"]);
        assert_eq!(alts[1].words, ["aliyev"]);
        assert_eq!(alts[1].tiers, Tiers::EXACT);
        assert_eq!(alts[2].words, ["ilham", "aliyev"]);
    }
}
