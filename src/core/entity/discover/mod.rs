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
//! "spokesman Dmitry Peskov") is a person; the words around it give the
//! other cues (see [`kind_of`]): "in", "the village of", "its exclave",
//! "the Parukh village", "X, the last village", a list after a place for a
//! place; "the news outlet", "the think tank" for an organisation; "the
//! West" for a region; "The Book Of Job" for a work. A
//! discovered person is also matched by the last word of the name alone
//! ("Aliyev"), see [`Discovered::surname`].
//!
//! This module never prints and knows nothing of the terminal.

use crate::core::fasthash::FastMap;
use std::ops::Range;

mod candidates;
mod kept;
mod tokens;
mod variants;
mod words;
mod wordset;

use super::Kind;
use super::matcher::{is_acronym, name_key, name_key_into};
use crate::core::corpus::{Article, PassageKind, is_sentence_start};
pub use candidates::Candidates;
use tokens::{Token, Tokens, word_before};
pub use variants::{Plan, PlannedEntity, plan};
pub use words::is_title;
pub use words::{
    guess_kind, is_demonym, is_female_first_name, is_first_name, is_known_place, is_surname,
    is_town,
};
use words::{
    is_honorific, is_member_noun, is_organisation_noun, is_person_verb, is_place_after,
    is_place_before, is_place_noun, is_place_preposition, is_stop,
};

/// A name must occur this often (outside sentence openings) to be kept.
pub const MIN_OCCURRENCES: usize = 1;

/// The most capitalised words a name may have.
const MAX_WORDS: usize = 6;

/// A discovered name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discovered {
    /// The name, in its most frequent spelling.
    pub name: String,
    /// The kind its words and the cues around it suggest, or `Other`.
    pub kind: Kind,
    /// How many runs yielded it.
    pub occurrences: usize,
    /// Its other spellings (dotted or not, other case), most frequent first.
    pub spellings: Vec<String>,
    /// Titles seen just before it ("President", "Gen."), most frequent
    /// first, at most a few.
    pub titles: Vec<String>,
}

impl Discovered {
    /// True for a one-word name ("Kennedy", "Ohio", "NATO").
    pub fn is_single_word(&self) -> bool {
        !self.name.contains(' ')
    }

    /// For a person of two words or more, the first and the last word,
    /// which texts often use alone ("Pashinyan", "Johnny"); initials,
    /// stop-words and titles are never parts.
    pub fn parts(&self) -> Vec<&str> {
        if self.kind != Kind::Person {
            return Vec::new();
        }
        let words: Vec<&str> = self.name.split(' ').collect();
        // "Mrs. Kennedy" is not who "Kennedy" alone means.
        if words.len() < 2 || is_honorific(words[0]) {
            return Vec::new();
        }
        let usable = |w: &&&str| {
            !is_stop(w)
                && !is_title(w)
                && !is_honorific(w)
                && !w.ends_with('.')
                && w.chars().count() > 1
                && w.chars().next().is_some_and(char::is_uppercase)
        };
        let mut out: Vec<&str> = Vec::new();
        if let Some(last) = words.last().filter(usable) {
            // "De Seynes", "Van Gogh", "Du Bois": the particle goes with it.
            let n = words.len();
            let particle = n >= 3
                && matches!(
                    words[n - 2],
                    "De" | "de"
                        | "Du"
                        | "du"
                        | "Van"
                        | "van"
                        | "Von"
                        | "von"
                        | "Da"
                        | "Di"
                        | "Le"
                        | "La"
                );
            if particle {
                let start = self.name.len() - last.len() - words[n - 2].len() - 1;
                out.push(&self.name[start..]);
            }
            out.push(last);
        }
        if let Some(first) = words.first().filter(usable)
            && is_first_name(first)
            && !out.contains(first)
        {
            out.push(first);
        }
        out
    }
}

/// What came just before a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Cue<'a> {
    /// Nothing telling.
    #[default]
    None,
    /// A person's title: "President", "Gen.", "Mr.".
    Title(&'a str),
    /// "in", "at", "near"...: a place.
    Place,
    /// A verb after it that people do: "Kennedy said".
    Person,
    /// "the" before it: "the New Republic", "the Cotton Club" (not a
    /// person: people are not "the Kennedy").
    The,
    /// Inside quotation marks, or after "titled", "the song"...: the title
    /// of a work ("“Jeepers Creepers”").
    Quoted,
    /// A noun that names what an organisation is: "the news outlet
    /// Meduza", "the think tank Agora Analytics".
    Organisation,
}

impl Candidates {
    /// The names that occur at least [`MIN_OCCURRENCES`] times and are not
    /// `taken` (a catalogue name key), most frequent first, with their
    /// kinds.
    pub fn finish(self, taken: impl Fn(&str) -> bool) -> Vec<Discovered> {
        let out: Vec<(Discovered, bool)> = self
            .into_names()
            .into_iter()
            .filter_map(|c| {
                let occurrences: usize = c.spellings.iter().map(|s| s.1).sum();
                let mut spellings = c.spellings;
                spellings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let name = spellings.first()?.0.clone();
                if taken(&name_key(&name)) || occurrences < MIN_OCCURRENCES {
                    return None;
                }
                let titled: usize = c.cues.titles.iter().map(|t| t.1).sum();
                let mut titles = c.cues.titles;
                titles.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                let kind = kind_of(
                    &name,
                    &Counts {
                        occurrences,
                        person: titled + c.cues.person,
                        place: c.cues.place,
                        the: c.cues.the,
                        quoted: c.cues.quoted,
                        organisation: c.cues.organisation,
                    },
                );
                let cued = titled + c.cues.person > 0;
                let found = Discovered {
                    kind,
                    name,
                    occurrences,
                    spellings: spellings.into_iter().skip(1).map(|s| s.0).collect(),
                    titles: titles.into_iter().take(3).map(|t| t.0).collect(),
                };
                Some((found, cued))
            })
            .collect::<Vec<_>>();
        let mut out = brands_are_not_people(out);
        out.sort_by(|a, b| {
            b.occurrences
                .cmp(&a.occurrences)
                .then_with(|| a.name.cmp(&b.name))
        });
        out
    }
}

/// Names typed as people only for their shape (plain words, no title or
/// verb of a person's around them) that are made of a product's or a
/// body's name are a brand's: typed as other. One word that also begins
/// names of products or bodies ("Firefox" of "Firefox OS", "Arduino" of
/// "Arduino LLC"); two or three whose first or last word is such a name
/// ("Mozilla Europe", "Represent Mozilla" where "Mozilla", not a place,
/// is named three times as often as they are), or whose last word begins
/// such names ("Gay Firefox" of a headline, "Firefox OS" being a product).
/// A name ending in a known surname stays a person's, and so do a known
/// first name alone and one before a word that is no such name. `cued` says whether a
/// person's cue was seen.
fn brands_are_not_people(found: Vec<(Discovered, bool)>) -> Vec<Discovered> {
    let mut bodies: FastMap<&str, usize> = FastMap::default();
    let mut firsts: FastMap<&str, ()> = FastMap::default();
    for (d, _) in &found {
        if d.kind == Kind::Person {
            continue;
        }
        match d.name.split_once(' ') {
            Some((first, _)) => {
                firsts.insert(first, ());
            }
            None if d.kind != Kind::Place => {
                bodies.insert(&d.name, d.occurrences);
            }
            None => {}
        }
    }
    let brands: Vec<bool> = found
        .iter()
        .map(|(d, cued)| {
            if d.kind != Kind::Person || *cued {
                return false;
            }
            let words: Vec<&str> = d.name.split(' ').collect();
            let (first, last) = (words[0], words[words.len() - 1]);
            if is_surname(last) {
                return false;
            }
            if words.len() == 1 {
                return !is_first_name(first) && firsts.contains_key(first);
            }
            // ... a body far more often named than the name itself.
            let body = |w: &str| bodies.get(w).is_some_and(|&n| n >= 3 * d.occurrences);
            // "Gay Firefox" (a headline's words): a first name does not
            // make a person of a product's name.
            let brand_first = !is_first_name(first) && (body(first) || firsts.contains_key(first));
            brand_first || body(last) || firsts.contains_key(last)
        })
        .collect();
    found
        .into_iter()
        .zip(brands)
        .map(|((mut d, _), brand)| {
            if brand {
                d.kind = Kind::Other;
            }
            d
        })
        .collect()
}

/// The key names are gathered by: [`name_key`] with the dots of an
/// acronym dropped, so "U.N." and "UN" are one name.
fn dotless_key(name: &str) -> String {
    let mut key = String::new();
    dotless_key_into(name, &mut String::new(), &mut key);
    key
}

/// [`dotless_key`] into `key`, folding in `scratch`.
fn dotless_key_into(name: &str, scratch: &mut String, key: &mut String) {
    if name.contains('.') && is_acronym(name) {
        name_key_into(&name.replace(['.', ' '], ""), scratch, key);
    } else if !plain_key_into(name, key) {
        name_key_into(name, scratch, key);
    }
}

/// [`name_key_into`] of a name of ASCII words separated by single spaces
/// (most names), whose key is its lower case: made in one copy, not folded
/// and split; false, `key` untouched, for any other name.
fn plain_key_into(name: &str, key: &mut String) -> bool {
    // Whether the byte before is a space (none may lead).
    let mut space = true;
    for &b in name.as_bytes() {
        if b == b' ' {
            if space {
                return false;
            }
            space = true;
        } else if !b.is_ascii() || char::from(b).is_whitespace() {
            return false;
        } else {
            space = false;
        }
    }
    if space && !name.is_empty() {
        return false;
    }
    key.clear();
    key.push_str(name);
    key.make_ascii_lowercase();
    true
}

/// How often a name occurred and what came around it.
#[derive(Debug, Clone, Copy, Default)]
pub struct Counts {
    /// Occurrences outside sentence openings.
    pub occurrences: usize,
    /// After a person's title, or before "said", "wrote"...
    pub person: usize,
    /// After "in", "at", "the village of"...
    pub place: usize,
    /// After "the".
    pub the: usize,
    /// In quotation marks.
    pub quoted: usize,
    /// After "outlet", "company", "think tank"...
    pub organisation: usize,
}

/// The kind of a name from its words, the gazetteers and what came
/// around it (`c`). The order is that of the evidence's weight: words of
/// the name ("... Committee"), the gazetteer of places, cues of a person
/// (title, verb, first name, initial), cues of a place, "the" and quotes
/// (not a person), and last the shape of the name.
pub fn kind_of(name: &str, c: &Counts) -> Kind {
    let words: Vec<&str> = name.split(' ').collect();
    if is_work_title(&words) || (words.len() >= 2 && is_work_noun(words[words.len() - 1])) {
        return Kind::Other;
    }
    let initial = words.len() >= 2 && words.iter().any(|w| w.len() == 2 && w.ends_with('.'));
    let by_words = guess_kind(name);
    if by_words != Kind::Other && !(initial && by_words == Kind::Event) {
        return by_words;
    }
    if is_honorific(words[0]) && is_known_place(&words[1..].join(" ")) {
        // "Miss America", "Miss Rhode Island": a title, not a woman.
        return Kind::Other;
    }
    if c.organisation > 0 && c.organisation >= c.person {
        return Kind::Organisation;
    }
    // "the West", "the South": a region, not Mae West.
    if words.len() == 1 && is_compass_point(name) && c.the > 0 && c.the * 2 >= c.occurrences {
        return Kind::Place;
    }
    // "South Caucasus", "Southern Caucasus", "East Asia": a region.
    let compass = |w: &str| {
        is_compass_point(w) || matches!(w, "Northern" | "Southern" | "Eastern" | "Western")
    };
    if words.len() >= 2 && compass(words[0]) && c.person == 0 {
        return Kind::Place;
    }
    // "JavaScript", "OkCupid", "OAuth": a capital inside a word names a
    // product or a firm, never a person ("McCain", "DiCaprio" aside).
    if words.iter().any(|w| has_inner_capital(w)) {
        return Kind::Other;
    }
    // "Cache API", "Firefox OS", "Royal McBee LGP-30": no person's name
    // holds an acronym, a digit or a slash.
    let personal = !words.iter().any(|w| not_in_persons_names(w));
    let known_place = is_known_place(name);
    // One "said" makes a person of a name of two words or more, or of one
    // the gazetteers know; a single other word needs more: firms and
    // products "say" and "announce" too ("Facebook said").
    let one_cue_enough = words.len() >= 2 || is_surname(name) || is_first_name(name);
    let cued = c.person > 0 && (one_cue_enough || c.person * 4 >= c.occurrences);
    if personal && (c.person * 2 >= c.occurrences || (cued && !known_place)) {
        return Kind::Person;
    }
    if known_place {
        return Kind::Place;
    }
    // A town's name is a place unless people bear it too ("Whitman").
    if is_town(name) && !(words.len() == 1 && is_surname(name)) {
        return Kind::Place;
    }
    if is_acronym(name) && name.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
        return Kind::Organisation;
    }
    if personal
        && words.len() >= 2
        && (is_first_name(words[0]) || initial || is_honorific(words[0]))
    {
        return Kind::Person;
    }
    if c.place > 0 && c.place * 4 >= c.occurrences {
        return Kind::Place;
    }
    if c.quoted * 2 >= c.occurrences && c.quoted > 0 {
        return Kind::Other;
    }
    // "Boston American", "Louisville Courier-Journal": a newspaper, a
    // company or a team named after its city.
    let last = words[words.len() - 1];
    if words.len() >= 2
        && !is_surname(last)
        && (is_known_place(words[0]) || is_known_place(&words[..2].join(" ")))
    {
        return Kind::Organisation;
    }
    // "the X" is rarely a person, but "the Sinatra craze", "the Pomham
    // matter" use a surname alone as an adjective.
    if (words.len() >= 2 || !is_surname(last)) && c.the * 2 >= c.occurrences && c.the > 0 {
        return Kind::Organisation;
    }
    let plain = words
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) && !is_stop(w));
    if personal && words.len() <= 3 && plain {
        // Most names of one to three plain words in running text are
        // people's ("Degas", "Walt Kuhn").
        return Kind::Person;
    }
    Kind::Other
}

/// Whether a word cannot be part of a person's name: an acronym of two
/// letters or more ("API", "CEO"; not a Roman numeral, "Henry VIII"), or a
/// word holding a digit or a slash ("LGP-30", "HTTP/1.1").
fn not_in_persons_names(word: &str) -> bool {
    if word.chars().any(|c| c.is_ascii_digit() || c == '/') {
        return true;
    }
    let roman = word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    !roman
        && !word.contains('.')
        && is_acronym(word)
        && word.chars().filter(|c| c.is_alphabetic()).count() >= 2
}

/// Whether a word has a capital after its first letters that is not a
/// surname's ("JavaScript", "WebFinger", "OAuth", "ETag"; not "McCain",
/// "MacArthur", "DiCaprio", "LeBron", "O'Brien", nor an acronym).
fn has_inner_capital(word: &str) -> bool {
    let chars: Vec<char> = word.chars().collect();
    // "OAuth", "ETag": two capitals, then small letters.
    if chars.len() >= 4
        && chars[0].is_uppercase()
        && chars[1].is_uppercase()
        && chars[2..].iter().all(|c| c.is_lowercase())
    {
        return true;
    }
    let Some(at) =
        (1..chars.len()).find(|&i| chars[i].is_uppercase() && chars[i - 1].is_lowercase())
    else {
        return false;
    };
    let prefix: String = chars[..at].iter().collect();
    !matches!(
        prefix.as_str(),
        "Mc" | "Mac" | "Di" | "De" | "Da" | "Du" | "La" | "Le" | "Van" | "Von" | "Fitz"
    )
}

/// Whether a name's words after the first have a capitalised function
/// word ("The Book Of Job", "Makers And Finders"): the title of a work in
/// title case, where an organisation's or a place's name keeps "of" and
/// "and" in lower case. ("The" is left out: "Gregory The Great".)
fn is_work_title(words: &[&str]) -> bool {
    words.len() >= 3
        && words[1..words.len() - 1].iter().any(|w| {
            matches!(
                *w,
                "Of" | "And" | "A" | "An" | "In" | "On" | "To" | "For" | "With" | "From"
            )
        })
}

/// The last word of a piece of music's name: "American-Negro Suite",
/// "Navy Blues", "Pathétique Sonata".
fn is_work_noun(word: &str) -> bool {
    matches!(
        word,
        "Suite"
            | "Blues"
            | "Symphony"
            | "Sonata"
            | "Concerto"
            | "Overture"
            | "Rhapsody"
            | "Requiem"
            | "Serenade"
            | "Waltz"
            | "Nocturne"
            | "Lullaby"
            | "Rag"
            | "Stomp"
            | "Oratorio"
            | "Cantata"
    )
}

/// "West", "South"...: with "the" before it, a region.
fn is_compass_point(word: &str) -> bool {
    matches!(
        word,
        "West"
            | "East"
            | "North"
            | "South"
            | "Midwest"
            | "Northeast"
            | "Northwest"
            | "Southeast"
            | "Southwest"
            | "Orient"
            | "Occident"
    )
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
        let ptext = &text[p.range.clone()];
        let mut tokens = Tokens { text: ptext, at: 0 };
        // A title just read ("President", "Secretary of State"), waiting
        // for the name it comes before.
        let mut title: Option<&str> = None;
        let mut title_of = false;
        loop {
            // Outside a run only a capitalised word matters: jump to the
            // next capital letter, skipping most words unread (a pending
            // title is dropped by a word in between, which is read).
            if run.words.is_empty() && title.is_none() && !tokens.jump_to_capital() {
                break;
            }
            let Some(raw) = tokens.next() else { break };
            let raw_start = raw.start;
            let raw_end = raw.end;
            let start = p.range.start + raw.start;
            let tok = Token::parse(&ptext[raw]);
            let (core_start, core_end) = (start + tok.core.start, start + tok.core.end);
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
                title = None;
                continue;
            }
            if title.is_some() && run.words.is_empty() {
                // "Secretary of State Dean Rusk", "Secretary of the Treasury
                // Douglas Dillon": the office is part of the title.
                if word == "of" && !title_of {
                    title_of = true;
                    continue;
                }
                if title_of && word == "the" {
                    continue;
                }
                // ... but "Director of the Peace Corps": with no name after
                // it, the office's object is the name.
                if title_of && is_capitalised(word) && !tok.ends_run && name_follows(ptext, raw_end)
                {
                    title_of = false;
                    continue;
                }
                if title_of {
                    title = None;
                }
            }
            title_of = false;
            if is_capitalised(word) && !lower_after_hyphen(word) {
                // Told here, for the few words that are capitalised.
                let opener = is_sentence_start(ptext, raw_start);
                let dotted = word.len() == 2 && word.ends_with('.');
                let titled = is_title(word);
                if opener && !dotted && !titled && !is_first_name(word) {
                    run.flush(out);
                    title = None;
                    continue;
                }
                // Titles are tested only here: most words are neither
                // capitalised nor the start of a run.
                if titled
                    && !title_is_part_of_name(ptext, raw_end)
                    && (run.words.is_empty() || capital_follows(ptext, raw_end))
                {
                    run.flush(out);
                    if is_honorific(word) {
                        // "Mrs. Kennedy" stays whole; see Run::flush.
                        let with_dot = if text[core_end..].starts_with('.') {
                            &text[core_start..core_end + 1]
                        } else {
                            word
                        };
                        run.words.push((with_dot, false));
                        run.cue = Cue::Title(with_dot);
                        title = None;
                    } else {
                        title = Some(word);
                    }
                    continue;
                }
                if run.words.is_empty() {
                    run.cue = match title {
                        Some(t) if tok.core.start == 0 => Cue::Title(t),
                        _ if tok.core.start > 0 => {
                            let lead = &ptext[raw_start..raw_start + tok.core.start];
                            if lead.contains(['“', '"', '‘']) {
                                Cue::Quoted
                            } else {
                                Cue::None
                            }
                        }
                        _ if opener => Cue::None,
                        _ => before_cue(ptext, raw_start),
                    };
                }
                title = None;
                run.words.push((word, false));
            } else if is_connector(word, run.words.last().map(|w| w.0)) {
                run.words.push((word, true));
            } else {
                let adjoining = ptext[..raw_start]
                    .trim_end()
                    .ends_with(|c: char| c.is_alphanumeric());
                if run.cue == Cue::None && is_person_verb(word) && adjoining {
                    // "Lukoil said in a statement": people make no
                    // statements in that phrase as often as bodies do.
                    run.cue = if ptext[raw_end..].trim_start().starts_with("in a statement") {
                        Cue::Organisation
                    } else {
                        Cue::Person
                    };
                }
                // "the Harvard dean", "its Harvard graduates": a body's.
                if matches!(run.cue, Cue::None | Cue::The) && is_member_noun(word) && adjoining {
                    run.cue = Cue::Organisation;
                }
                // "Galena and St. Louis", "Khtsaberd and Hin Tagher, the
                // last two villages": listed before a place.
                if run.cue == Cue::None
                    && matches!(word, "and" | "or")
                    && !tok.ends_run
                    && place_listed_next(ptext, raw_end)
                {
                    run.cue = Cue::Place;
                }
                // "the Parukh village", "in Hadrut region": a place.
                if matches!(run.cue, Cue::None | Cue::The)
                    && is_place_after(word)
                    && ptext[..raw_start]
                        .trim_end()
                        .ends_with(|c: char| c.is_alphanumeric())
                {
                    run.cue = Cue::Place;
                }
                run.flush(out);
                title = None;
                continue;
            }
            if tok.ends_run {
                // "Vevay, Indiana", "Oshkosh, Wisconsin": a place.
                if run.cue == Cue::None
                    && ptext[raw_start..raw_end].ends_with(',')
                    && (known_place_follows(ptext, raw_end)
                        || appositive_place_follows(ptext, raw_end))
                {
                    run.cue = Cue::Place;
                }
                run.flush(out);
            }
        }
        run.flush(out);
    }
}

/// Whether the word or two words after byte `after` are a known place.
fn known_place_follows(ptext: &str, after: usize) -> bool {
    // The place must be the whole of the next name: "Gauguin, Van Gogh"
    // is not in Van.
    let words: Vec<&str> = ptext[after..]
        .split_whitespace()
        .take(3)
        .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
        .collect();
    let capital = |i: usize| {
        words
            .get(i)
            .and_then(|w| w.chars().next())
            .is_some_and(char::is_uppercase)
    };
    if !capital(0) {
        return false;
    }
    (is_known_place(words[0]) && !capital(1))
        || (capital(1) && !capital(2) && is_known_place(&format!("{} {}", words[0], words[1])))
}

/// Whether the name after byte `after` (just after "and") is a place: in
/// the gazetteer, by its words, or by an apposition ("Hin Tagher, the
/// last two Armenian villages"); never one with a title.
fn place_listed_next(ptext: &str, after: usize) -> bool {
    let rest = &ptext[after..];
    let mut end = 0;
    let mut words: Vec<&str> = Vec::new();
    for w in rest.split_whitespace().take(MAX_WORDS) {
        if !w.starts_with(char::is_uppercase) {
            break;
        }
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if is_title(bare) || is_honorific(bare) {
            return false;
        }
        words.push(bare);
        end = rest.find(w).map_or(end, |at| at + w.len());
        if bare.len() != w.len() {
            break;
        }
    }
    if words.is_empty() {
        return false;
    }
    let name = words.join(" ");
    is_known_place(&name)
        || guess_kind(&name) == Kind::Place
        || (rest[..end].ends_with(',') && appositive_place_follows(ptext, after + end))
}

/// Whether an apposition that says "place" follows byte `after`:
/// "Khtsaberd, the last Armenian village", "Vevay, a small town".
fn appositive_place_follows(ptext: &str, after: usize) -> bool {
    let mut words = ptext[after..].split_whitespace();
    if !matches!(words.next(), Some("the" | "a" | "an")) {
        return false;
    }
    for w in words.take(5) {
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if is_place_after(bare) {
            return true;
        }
        if bare.len() != w.len() {
            return false;
        }
    }
    false
}

/// A title is part of a name when an organisation's or a place's word
/// follows it: "General Gates" but "General Motors", "Justice Department".
fn title_is_part_of_name(ptext: &str, after: usize) -> bool {
    let next = next_word(ptext, after);
    guess_kind(next) != Kind::Other
        || matches!(
            next,
            "Motors" | "Electric" | "Assembly" | "Court" | "Staff" | "Dynamics"
        )
}

/// What the words before a run (starting at byte `at`) say of it.
fn before_cue(ptext: &str, at: usize) -> Cue<'_> {
    let Some(w) = word_before(ptext, at) else {
        return if listed_after_a_place(ptext, at) {
            Cue::Place
        } else {
            Cue::None
        };
    };
    if is_title(w) {
        // A title in lower case ("the spokesman Dmitry Peskov").
        return Cue::Title(w);
    }
    // "At Shawomet, women and children fled": a sentence's preposition.
    let opening = matches!(w, "In" | "At" | "Near" | "Across" | "Throughout");
    if is_place_preposition(w) || is_place_before(w) || opening {
        return Cue::Place;
    }
    if is_organisation_noun(w) {
        return Cue::Organisation;
    }
    if w == "the" {
        return Cue::The;
    }
    if matches!(
        w,
        "titled"
            | "entitled"
            | "film"
            | "book"
            | "song"
            | "songs"
            | "novel"
            | "poem"
            | "play"
            | "musical"
            | "revue"
            | "opera"
            | "album"
            | "ballad"
    ) {
        // "a script titled Hot Nocturne", "the song Lazybones": a work.
        return Cue::Quoted;
    }
    if w == "of" {
        let before = ptext[..at].trim_end();
        let of_at = before.len() - 2;
        if word_before(ptext, of_at).is_some_and(is_place_noun) {
            return Cue::Place;
        }
    }
    if matches!(w, "and" | "or") && listed_after_a_place(ptext, at) {
        return Cue::Place;
    }
    Cue::None
}

/// Whether the name at byte `at` follows a place in a list: "Crimea and
/// Donbass", "in Dadivank, Shushi", "Mount Vernon and Monticello". A name
/// before is a place when the gazetteer or its words say so, or when "in",
/// "at"... come before the list; never when a title names it a person's.
fn listed_after_a_place(ptext: &str, at: usize) -> bool {
    let mut end = at;
    for _ in 0..6 {
        // The separator: ",", "and", "or", ", and".
        let before = ptext[..end].trim_end();
        let before = match word_before(before, before.len()) {
            Some(w @ ("and" | "or")) => before[..before.len() - w.len()].trim_end(),
            // After a comma only inside a list ("in Dadivank, Shushi and
            // other areas"), not a new clause ("to Europe, Russian Lukoil
            // invested").
            _ if before.ends_with(',') && list_goes_on(ptext, at) => before,
            _ => return false,
        };
        let before = before.strip_suffix(',').unwrap_or(before).trim_end();
        // The name before it: its capitalised words.
        let mut start = before.len();
        while let Some(w) = word_before(before, start) {
            if !w.starts_with(char::is_uppercase) {
                break;
            }
            if is_title(w) || is_honorific(w) {
                // "State Leader Hill and Tammany Boss Murphy": people.
                return false;
            }
            start = before[..start].trim_end().len() - w.len();
        }
        let name = before[start..].trim();
        if name.is_empty() || name.contains(['\n', ',']) {
            return false;
        }
        if is_known_place(name) || guess_kind(name) == Kind::Place {
            return true;
        }
        if word_before(before, start).is_some_and(is_place_preposition) {
            return true;
        }
        end = start;
    }
    false
}

/// Whether the name at byte `at` is followed by "," or "and", "or": an
/// item of a list, not the start of a clause.
fn list_goes_on(ptext: &str, at: usize) -> bool {
    for w in ptext[at..].split_whitespace().take(MAX_WORDS + 1) {
        if !w.starts_with(char::is_uppercase) {
            return matches!(w, "and" | "or");
        }
        if w.ends_with(',') {
            return true;
        }
        if w.ends_with(|c: char| !c.is_alphanumeric() && c != '.') {
            return false;
        }
    }
    false
}

/// The word after byte `after`, without punctuation or a possessive.
fn next_word(ptext: &str, after: usize) -> &str {
    let w = ptext[after..]
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    w.strip_suffix("’s")
        .or_else(|| w.strip_suffix("'s"))
        .unwrap_or(w)
}

/// Whether a person's name follows byte `after`: a first name, an initial
/// or an honorific ("Secretary of State Dean Rusk").
fn name_follows(ptext: &str, after: usize) -> bool {
    let w = ptext[after..].split_whitespace().next().unwrap_or("");
    is_first_name(next_word(ptext, after)) || (w.len() == 2 && w.ends_with('.'))
}

/// Whether the next word after byte `after` starts with a capital letter.
fn capital_follows(ptext: &str, after: usize) -> bool {
    ptext[after..]
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

#[derive(Default)]
struct Run<'a> {
    /// Words and whether each is a connector.
    words: Vec<(&'a str, bool)>,
    /// What came just before the first word.
    cue: Cue<'a>,
}

impl Run<'_> {
    fn flush(&mut self, out: &mut Candidates) {
        let mut words = &self.words[..];
        let mut cue = self.cue;
        // An honorific before two names or more is a title like any other:
        // "Mrs. Margaret Thompson Biddle" is "Margaret Thompson Biddle".
        if let [(h, false), rest @ ..] = words
            && is_honorific(h)
            && rest.iter().filter(|(_, c)| !c).count() != 1
        {
            words = rest;
        }
        loop {
            match words {
                [(w, c), rest @ ..] if *c || is_stop(w) => {
                    words = rest;
                    // "The New Republic" in running text is "the X"; a
                    // quoted title stays a quoted title.
                    cue = match (*w, cue) {
                        (_, Cue::Quoted) => Cue::Quoted,
                        ("The", _) => Cue::The,
                        _ => Cue::None,
                    };
                }
                [rest @ .., (w, c)]
                    if *c
                        || is_stop(w)
                        || matches!(*w, "Jr" | "Sr" | "Jr." | "Sr.")
                        || (!rest.is_empty() && (is_demonym(w) || is_office(w))) =>
                {
                    words = rest
                }
                _ => break,
            }
        }
        // A person's name has no "of": "Senator Edward Carmack of
        // Tennessee" is a person and a place.
        let personal = matches!(cue, Cue::Title(_) | Cue::Person)
            || words.first().is_some_and(|(w, _)| is_first_name(w));
        if personal && let Some(at) = words.iter().position(|(w, c)| *c && *w == "of") {
            let (name, rest) = words.split_at(at);
            let mut after = Run {
                words: rest[1..].to_vec(),
                cue: Cue::None,
            };
            let mut before = Run {
                words: name.to_vec(),
                cue,
            };
            before.flush(out);
            after.flush(out);
            self.words.clear();
            self.cue = Cue::None;
            return;
        }
        // "Secretary of State" with no name after it is an office.
        if let [(w, false), (of, true), ..] = words
            && is_office(w)
            && *of == "of"
        {
            words = &[];
        }
        let capitalised = words.iter().filter(|(_, c)| !c).count();
        let keep = match words {
            [] => false,
            [(w, _)] => is_single_name(w),
            _ => capitalised <= MAX_WORDS && !words.iter().all(|(w, _)| w.ends_with('.')),
        };
        if keep {
            out.add_words(words.iter().map(|(w, _)| *w), cue);
        }
        self.words.clear();
        self.cue = Cue::None;
    }
}

/// An office held by a person ("Armenian President", "Secretary of
/// State"): no name on its own.
fn is_office(w: &str) -> bool {
    matches!(
        w,
        "President"
            | "Minister"
            | "Secretary"
            | "Chairman"
            | "Governor"
            | "Mayor"
            | "Ambassador"
            | "Director"
            | "Commissioner"
            | "Spokesman"
            | "Premier"
            | "Chancellor"
    )
}

/// Whether one capitalised word alone may be a name: not a function word,
/// a title, an initial or a people's name ("Americans").
fn is_single_name(w: &str) -> bool {
    let initial = w.len() == 2 && w.ends_with('.');
    let number = w.chars().all(|c| c.is_ascii_digit());
    let short = w.chars().count() < 2;
    !(short || initial || number || is_stop(w) || is_title(w) || is_demonym(w))
}

/// "Turkey-backed", "Armenian-populated": an adjective made from a name.
fn lower_after_hyphen(word: &str) -> bool {
    // A byte search: '-' is ASCII, so never inside another character.
    word.bytes()
        .rposition(|b| b == b'-')
        .and_then(|at| word[at + 1..].chars().next())
        .is_some_and(char::is_lowercase)
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
        | "den" | "bin" | "ibn" | "y" => previous.is_some(),
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
            .into_names()
            .into_iter()
            .flat_map(|c| c.spellings)
            .collect();
        all.sort();
        all
    }

    fn n(name: &str, count: usize) -> (String, usize) {
        (name.to_string(), count)
    }

    #[test]
    fn capitalised_runs_and_single_names() {
        let found = discover(
            "They met Anna Hakobyan and Palmer in Ohio with the International Republican Institute of Nowhere Really Long Names Here today.",
            &[],
        );
        assert_eq!(found, [n("Anna Hakobyan", 1), n("Ohio", 1), n("Palmer", 1)]);
    }

    #[test]
    fn initials_and_particles_stay_inside_names() {
        let found = discover(
            "a speech by John F. Kennedy and Charles de Gaulle at the U.N. in St. Louis today",
            &[],
        );
        assert_eq!(
            found,
            [
                n("Charles de Gaulle", 1),
                n("John F. Kennedy", 1),
                n("St. Louis", 1),
                n("U.N.", 1)
            ]
        );
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
    fn sentence_openers_are_not_names_unless_first_names() {
        // "Reportedly Moscow" opens a sentence: only "Moscow" remains.
        let found = discover(
            "Reportedly Moscow agreed. Then Freedom House spoke. Harold Arlen left.",
            &[],
        );
        assert_eq!(
            found,
            [n("Freedom House", 1), n("Harold Arlen", 1), n("Moscow", 1)]
        );
        // An opening quote does not hide the sentence start.
        assert_eq!(
            discover("“Foreign Policy matters,” he said.", &[]),
            [n("Policy", 1)]
        );
    }

    #[test]
    fn punctuation_possessives_and_adjectives_end_a_run() {
        let found = discover(
            "with Armenia, Azerbaijan and Chatham House’s rules, Turkey-backed Baku and ‘Green Corridor’ plans",
            &[],
        );
        assert_eq!(
            found,
            [
                n("Armenia", 1),
                n("Azerbaijan", 1),
                n("Baku", 1),
                n("Chatham House", 1),
                n("Green Corridor", 1)
            ]
        );
    }

    #[test]
    fn titles_are_cut_off_and_honorifics_kept_before_a_surname() {
        let found = discover(
            "said President Ilham Aliyev in September, and Secretary of State Dean Rusk met Mrs. Kennedy and Mr. Hearst with Russian President Vladimir Putin",
            &[],
        );
        assert_eq!(
            found,
            [
                n("Dean Rusk", 1),
                n("Hearst", 1),
                n("Ilham Aliyev", 1),
                n("Mrs. Kennedy", 1),
                n("Vladimir Putin", 1)
            ]
        );
    }

    #[test]
    fn kinds_from_titles_verbs_prepositions_and_gazetteers() {
        let a = Article::parse(
            "a.txt",
            "T\n\nThe spokesman Dmitry Peskov spoke, and Walton said no. They went to Red Square and lived in Vevay for years, near Ohio, and the Garrick Gaieties played.",
            None,
        )
        .unwrap();
        let mut c = Candidates::default();
        scan_article(&a, &[], &mut c);
        let d = c.finish(|_| false);
        let kinds: Vec<(&str, Kind)> = d.iter().map(|d| (d.name.as_str(), d.kind)).collect();
        assert_eq!(
            kinds,
            [
                ("Dmitry Peskov", Kind::Person),
                ("Garrick Gaieties", Kind::Organisation),
                ("Ohio", Kind::Place),
                ("Red Square", Kind::Place),
                ("Vevay", Kind::Place),
                ("Walton", Kind::Person),
            ]
        );
        assert_eq!(d[0].titles, ["spokesman"]);
    }

    #[test]
    fn offices_of_something_before_a_name_or_an_organisation() {
        let found = discover(
            "the Director of the Peace Corps, R. Sargent Shriver, and the Justice Department’s man with Secretary of the Treasury Douglas Dillon",
            &[],
        );
        assert_eq!(
            found,
            [
                n("Douglas Dillon", 1),
                n("Justice Department", 1),
                n("Peace Corps", 1),
                n("R. Sargent Shriver", 1)
            ]
        );
    }

    #[test]
    fn works_and_pageant_titles_are_other() {
        let found = |text: &str| {
            let a = Article::parse("a.txt", &format!("T\n\n{text}"), None).unwrap();
            let mut c = Candidates::default();
            scan_article(&a, &[], &mut c);
            c.finish(|_| false)
                .into_iter()
                .map(|d| (d.name, d.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            found("They wrote a script titled Hot Nocturne for the studio."),
            [("Hot Nocturne".to_string(), Kind::Other)]
        );
        assert_eq!(
            found("She was crowned as Miss America that year."),
            [("Miss America".to_string(), Kind::Other)]
        );
    }

    /// The discovered names of one paragraph with their kinds, sorted.
    fn kinds(text: &str) -> Vec<(String, Kind)> {
        let a = Article::parse("a.txt", &format!("T\n\n{text}"), None).unwrap();
        let mut c = Candidates::default();
        scan_article(&a, &[], &mut c);
        let mut out: Vec<(String, Kind)> = c
            .finish(|_| false)
            .into_iter()
            .map(|d| (d.name, d.kind))
            .collect();
        out.sort();
        out
    }

    fn k(name: &str, kind: Kind) -> (String, Kind) {
        (name.to_string(), kind)
    }

    #[test]
    fn titles_of_works_in_title_case_are_other() {
        assert_eq!(
            kinds("He read the Book Of Job and then Makers And Finders again."),
            [
                k("Book Of Job", Kind::Other),
                k("Makers And Finders", Kind::Other)
            ]
        );
        // An epithet is no title: "Gregory The Great" is a person.
        assert_eq!(
            kinds("a letter of Pope Gregory The Great to them"),
            [k("Gregory The Great", Kind::Person)]
        );
    }

    #[test]
    fn pieces_of_music_are_other() {
        assert_eq!(
            kinds("he wrote the American-Negro Suite and then Navy Blues for them"),
            [
                k("American-Negro Suite", Kind::Other),
                k("Navy Blues", Kind::Other)
            ]
        );
    }

    #[test]
    fn the_west_is_a_region_and_west_alone_a_person() {
        assert_eq!(
            kinds("talks brokered by the West, and ties with the West."),
            [k("West", Kind::Place)]
        );
        assert_eq!(
            kinds("a film with Mae West and others"),
            [k("Mae West", Kind::Person)]
        );
        assert_eq!(kinds("they met West at noon"), [k("West", Kind::Person)]);
        assert_eq!(
            kinds("peace in the South Caucasus and the Southern Caucasus"),
            [
                k("South Caucasus", Kind::Place),
                k("Southern Caucasus", Kind::Place)
            ]
        );
    }

    #[test]
    fn a_noun_before_says_organisation() {
        assert_eq!(
            kinds(
                "leaked to the news outlet Meduza last year, and a poll by the think tank Agora Analytics"
            ),
            [
                k("Agora Analytics", Kind::Organisation),
                k("Meduza", Kind::Organisation)
            ]
        );
        assert_eq!(guess_kind("Agora Analytics"), Kind::Organisation);
    }

    #[test]
    fn a_place_noun_before_or_after_says_place() {
        assert_eq!(
            kinds(
                "linking Azerbaijan with its exclave Nakhijevan and an ancient monastery Kataro."
            ),
            [
                k("Azerbaijan", Kind::Place),
                k("Kataro", Kind::Place),
                k("Nakhijevan", Kind::Place)
            ]
        );
        assert_eq!(
            kinds("They said the Parukh village fell, and Hadrut region too."),
            [k("Hadrut", Kind::Place), k("Parukh", Kind::Place)]
        );
        // A road or a crossing named for a place: without the cue, "the
        // Lachin" read as an organisation's name.
        assert_eq!(
            kinds("Protesters blocked the Lachin corridor, then the Hakari bridge."),
            [k("Hakari", Kind::Place), k("Lachin", Kind::Place)]
        );
    }

    #[test]
    fn hills_natives_appositions_and_opening_prepositions_say_place() {
        assert_eq!(
            kinds("They took the strategic hill of Karaglukh from us."),
            [k("Karaglukh", Kind::Place)]
        );
        assert_eq!(
            kinds("He mourned for his native Highlands all his life."),
            [k("Highlands", Kind::Place)]
        );
        assert_eq!(
            kinds("They took Hin Tagher, the last two Armenian villages held."),
            [k("Hin Tagher", Kind::Place)]
        );
        assert_eq!(
            kinds("It rained. At Shawomet, women fled."),
            [k("Shawomet", Kind::Place)]
        );
        // An apposition that is no place says nothing.
        assert_eq!(
            kinds("They met Degas, the painter of dancers."),
            [k("Degas", Kind::Person)]
        );
    }

    #[test]
    fn members_and_statements_say_organisation() {
        assert_eq!(
            kinds("the Harvard dean met its Harvard graduates at Harvard"),
            [k("Harvard", Kind::Organisation)]
        );
        assert_eq!(
            kinds("the firm’s rival Meduza said in a statement that Walton said no"),
            [k("Meduza", Kind::Organisation), k("Walton", Kind::Person)]
        );
    }

    #[test]
    fn a_name_listed_before_a_place_is_a_place() {
        assert_eq!(
            kinds(
                "sent on to Galena and St. Louis, and took Khtsaberd and Hin Tagher, the last villages."
            ),
            [
                k("Galena", Kind::Place),
                k("Hin Tagher", Kind::Place),
                k("Khtsaberd", Kind::Place),
                k("St. Louis", Kind::Place)
            ]
        );
        // Not before a person named like a place.
        assert_eq!(
            kinds("a talk with Degas and Senator Paris."),
            [k("Degas", Kind::Person), k("Paris", Kind::Person)]
        );
    }

    #[test]
    fn a_name_listed_after_a_place_is_a_place() {
        assert_eq!(
            kinds("monasteries in Dadivank, Shushi and other areas, and Crimea and Donbass too"),
            [
                k("Crimea", Kind::Place),
                k("Dadivank", Kind::Place),
                k("Donbass", Kind::Place),
                k("Shushi", Kind::Place)
            ]
        );
        // A comma that ends a clause makes no list.
        assert_eq!(
            kinds("a pipeline to Europe, Lukoil invested"),
            [k("Europe", Kind::Place), k("Lukoil", Kind::Person)]
        );
        // A person listed after a person stays one, even a person named
        // like a place.
        assert_eq!(
            kinds("a talk with Degas and Walton, then with Leader Hill and Boss Murphy"),
            [
                k("Boss Murphy", Kind::Person),
                k("Degas", Kind::Person),
                k("Hill", Kind::Person),
                k("Walton", Kind::Person)
            ]
        );
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
        assert_eq!(c.len(), 0);
    }

    #[test]
    fn taken_names_are_left_out_and_dotted_forms_gathered() {
        let mut c = Candidates::default();
        c.add("Freedom House", Cue::None);
        c.add("U.N.", Cue::None);
        c.add("UN", Cue::None);
        c.add("U.N.", Cue::None);
        c.add("Meduza Media", Cue::None);
        let d = c.finish(|k| k == "meduza media");
        let names: Vec<(&str, &[String], usize)> = d
            .iter()
            .map(|d| (d.name.as_str(), d.spellings.as_slice(), d.occurrences))
            .collect();
        assert_eq!(
            names,
            [
                ("U.N.", &["UN".to_string()][..], 3),
                ("Freedom House", &[][..], 1)
            ]
        );
    }

    #[test]
    fn plain_keys_are_the_folded_keys() {
        for name in [
            "Freedom House",
            "U.N. Security Council",
            "AT&T",
            "O'Brien",
            "",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\u{b}b",
            "Canbäck",
            "Lachin\u{a0}Corridor",
        ] {
            let mut plain = String::from("unchanged");
            let made = plain_key_into(name, &mut plain);
            if made {
                assert_eq!(plain, name_key(name), "{name:?}");
            } else {
                assert_eq!(plain, "unchanged", "{name:?}");
            }
            assert_eq!(
                made,
                name.is_ascii() && name_key(name) == name.to_ascii_lowercase(),
                "{name:?}"
            );
            assert_eq!(dotless_key(name), {
                let mut key = String::new();
                if name.contains('.') && is_acronym(name) {
                    name_key_into(&name.replace(['.', ' '], ""), &mut String::new(), &mut key);
                } else {
                    name_key_into(name, &mut String::new(), &mut key);
                }
                key
            });
        }
    }

    #[test]
    fn parts_of_a_persons_name() {
        let d = Discovered {
            name: "John F. Kennedy".into(),
            kind: Kind::Person,
            occurrences: 1,
            spellings: Vec::new(),
            titles: Vec::new(),
        };
        assert_eq!(d.parts(), ["Kennedy", "John"]);
        let d = Discovered {
            name: "Freedom House".into(),
            kind: Kind::Organisation,
            ..d
        };
        assert!(d.parts().is_empty());
        let d = Discovered {
            name: "Mrs. Kennedy".into(),
            kind: Kind::Person,
            ..d
        };
        assert!(d.parts().is_empty());
    }

    #[test]
    fn kinds_from_the_words_of_a_name() {
        assert_eq!(guess_kind("Eurasian Customs Union"), Kind::Organisation);
        assert_eq!(guess_kind("Caspian Sea"), Kind::Place);
        assert_eq!(guess_kind("Republic of Artsakh"), Kind::Place);
        assert_eq!(guess_kind("Second Karabakh War"), Kind::Event);
        assert_eq!(guess_kind("Board of War"), Kind::Organisation);
        assert_eq!(
            guess_kind("American Institute of Interior Designers"),
            Kind::Organisation
        );
        assert_eq!(guess_kind("Northern Gulf of Mexico"), Kind::Place);
        assert_eq!(guess_kind("Duke of York"), Kind::Other);
        assert_eq!(guess_kind("Hill"), Kind::Other);
        assert_eq!(guess_kind("Anna Hakobyan"), Kind::Other);
        assert!(is_demonym("Americans") && is_demonym("Azerbaijani") && is_demonym("Virginian"));
        assert!(!is_demonym("Morgan") && !is_demonym("Kennedy"));
        assert!(is_demonym("Armenian-Russian") && is_demonym("Russo-Azerbaijani"));
        assert!(is_demonym("European") && !is_demonym("Nagorno-Karabakh"));
        // "State" is left for the index's lower-case test to drop.
        assert_eq!(
            discover(
                "the Armenian President spoke and the Secretary of State left, in Euro-Atlantic circles",
                &[]
            ),
            [n("State", 1)]
        );
    }

    #[test]
    fn web_pages_debris_and_text_without_spaces_make_no_names() {
        let found = discover(
            "Yes, I'm sure and I've seen it: see the page, Retrieved from it, as clients MUST do. \
             Buzz Aldrin)可能是第二个在月球上行走的人 said so, and Mozilla[4] too.",
            &[],
        );
        assert_eq!(found, [n("Aldrin", 1), n("Mozilla", 1)]);
    }

    #[test]
    fn products_acronyms_and_brands_are_not_people() {
        let text = "We met Anna Hakobyan of Arduino. Hakobyan uses JavaScript and OAuth with \
                    Arduino and the Cache API on Firefox OS; Arduino LLC sells Arduino boards, \
                    and Anna Hakobyan likes JavaScript, OAuth, Firefox OS and the Cache API.";
        let got = kinds(text);
        let kind = |name: &str| got.iter().find(|(n, _)| n == name).map(|(_, k)| *k);
        assert_eq!(kind("Anna Hakobyan"), Some(Kind::Person));
        let text = format!(
            "{text} Gay Firefox users and Gay Firefox fans met Firefox OS users on Firefox OS."
        );
        let got = kinds(&text);
        let kind = |name: &str| got.iter().find(|(n, _)| n == name).map(|(_, k)| *k);
        for name in [
            "JavaScript",
            "OAuth",
            "Cache API",
            "Firefox OS",
            "Arduino",
            "Gay Firefox",
        ] {
            assert_ne!(kind(name), Some(Kind::Person), "{name}: {got:?}");
            assert!(kind(name).is_some(), "{name} not found: {got:?}");
        }
    }
}
