//! The word lists of discovery: stop-words cut from the ends of a name,
//! titles that come before a person's name, and the words that tell a
//! name's kind.

use crate::core::fasthash::FastSet;

use super::Kind;
use super::wordset::{WordSet, ascii_lowercase, pack_word};

/// Capitalised words that do not make a name on their own: they are dropped
/// from either end of a run.
pub(super) fn is_stop(word: &str) -> bool {
    STOP_WORDS.contains(word)
}

#[rustfmt::skip]
static STOP_WORDS: WordSet<512> = WordSet::new(&[
    // function words
    "A", "An", "And", "As", "At", "But", "By", "During", "For", "From", "He",
    "Her", "His", "How", "I", "If", "In", "It", "Its", "Not", "Of", "On",
    "Or", "Our", "She", "So", "That", "The", "Their", "These", "They",
    "This", "Those", "To", "We", "What", "When", "Where", "While", "Who",
    "Why", "With", "You", "After", "Before", "Since", "Until", "Despite",
    "However", "Also", "Then", "There", "Here", "Now", "Yet", "Some",
    "Many", "Most", "Every", "Each", "All", "No", "One", "Two", "My", "Me",
    "Him", "Them", "Your", "Such", "Thus", "Today", "Yes", "Oh", "Dear",
    // calendar
    "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    // parts of offices
    "Foreign", "Deputy", "Assistant", "Vice", "Chief", "Head",
    // document parts
    "Part", "Chapter", "Section", "Volume", "Issue", "Figure", "Table", "Page",
    // "I'm", "I’ve": the pronoun, contracted
    "I'm", "I’m", "I've", "I’ve", "I'd", "I’d", "I'll", "I’ll", "Let",
    // web pages' furniture and references
    "Note", "Notes", "See", "Retrieved", "Archived", "Accessed", "Updated",
    "Posted", "Published", "Share", "Reply", "Comments", "Advertisement",
    // words of specifications written in capitals (RFC 2119, HTTP)
    "MUST", "SHOULD", "SHALL", "MAY", "NOT", "REQUIRED", "RECOMMENDED",
    "OPTIONAL", "OK", "NOTE", "GET", "PUT", "POST", "DELETE", "PATCH",
    "OPTIONS", "HEAD",
]);

/// Titles and offices that come before a person's name (any case): they
/// split a run and mark the name after them as a person's.
pub fn is_title(word: &str) -> bool {
    // The word without its full stops ("Gen.", "Lt.").
    let b = word.as_bytes();
    let mut end = b.len();
    while end > 0 && b[end - 1] == b'.' {
        end -= 1;
    }
    let w = &b[..end];
    const LONGEST: usize = 13;
    if w.len() < 2 || w.len() > LONGEST || !w.is_ascii() {
        return false;
    }
    pack_word(w).is_some_and(|key| TITLES.contains_packed(ascii_lowercase(key)))
}

/// The titles of [`is_title`], in lower case.
#[rustfmt::skip]
static TITLES: WordSet<256> = WordSet::new(&[
    "mr", "mrs", "miss", "messrs", "gen", "general", "gov", "sen", "rep", "col", "lt",
    "capt", "sgt", "adm", "admiral", "lieutenant", "major", "sergeant", "corporal",
    "private", "marshal", "father", "reverend", "rev", "bishop", "cardinal", "rabbi",
    "lord", "lady", "earl", "duke", "baron", "prince", "princess", "emperor", "czar",
    "tsar", "shah", "master", "justice", "attorney", "postmaster", "congressman",
    "congresswoman", "representative", "speaker", "premier", "professor", "archbishop",
    "saint", "ms", "dr", "prof", "sir", "president", "prime", "minister", "ministers",
    "chancellor", "secretary", "chairman", "chairwoman", "director", "ambassador",
    "commissioner", "spokesman", "spokeswoman", "spokesperson", "king", "queen", "pope",
    "senator", "governor", "mayor", "judge", "colonel", "captain", "sheikh", "emir",
    "leader", "ceo", "cto", "cfo", "founder", "cofounder", "co-founder",
]);

/// Honorifics that stay part of a name followed by a surname alone:
/// "Mrs. Kennedy" is not "Kennedy" (often not the same person).
pub(super) fn is_honorific(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.'),
        "Mrs" | "Miss" | "Ms" | "Madame" | "Mme" | "Mlle"
    )
}

/// Words before a name that say it is a place: "in Paris", "from Ohio".
pub(super) fn is_place_preposition(word: &str) -> bool {
    matches!(
        word,
        "in" | "at" | "near" | "into" | "across" | "throughout" | "outside" | "inside" | "via"
    )
}

/// Words just before a name that say it is a place: "the exclave
/// Nakhijevan", "the monastery Kataro", "his native Highlands".
pub(super) fn is_place_before(word: &str) -> bool {
    matches!(
        word,
        "village"
            | "town"
            | "city"
            | "exclave"
            | "enclave"
            | "monastery"
            | "hamlet"
            | "port"
            | "native"
    )
}

/// Nouns just after a name that say it is a place: "the Parukh village",
/// "in Hadrut region", "the Lachin corridor", "the Hakari bridge".
pub(super) fn is_place_after(word: &str) -> bool {
    matches!(
        word,
        "village"
            | "villages"
            | "town"
            | "city"
            | "region"
            | "province"
            | "district"
            | "county"
            | "township"
            | "exclave"
            | "enclave"
            | "monastery"
            | "valley"
            | "river"
            | "harbour"
            | "harbor"
            | "lake"
            | "gorge"
            | "peninsula"
            | "mountains"
            | "corridor"
            | "bridge"
            | "highway"
            | "airport"
            | "border"
            | "checkpoint"
    )
}

/// Nouns just before a name that say what an organisation it is: "the
/// news outlet Meduza", "the think tank Agora Analytics", "the oil company
/// Lukoil".
pub(super) fn is_organisation_noun(word: &str) -> bool {
    matches!(
        word,
        "outlet"
            | "newspaper"
            | "daily"
            | "weekly"
            | "magazine"
            | "broadcaster"
            | "publisher"
            | "agency"
            | "company"
            | "firm"
            | "corporation"
            | "conglomerate"
            | "giant"
            | "tank"
            | "watchdog"
            | "organisation"
            | "organization"
            | "NGO"
            | "charity"
            | "foundation"
            | "institute"
            | "bank"
            | "network"
            | "channel"
            | "website"
            | "portal"
    )
}

/// Nouns just after a name that make it a body with members: "the
/// Harvard dean", "Harvard graduates", "Lukoil shareholders".
pub(super) fn is_member_noun(word: &str) -> bool {
    matches!(
        word,
        "graduates"
            | "graduate"
            | "alumni"
            | "alumnus"
            | "faculty"
            | "dean"
            | "undergraduates"
            | "employees"
            | "employee"
            | "staffers"
            | "shareholders"
            | "executives"
            | "subsidiary"
            | "headquarters"
    )
}

/// Nouns that, before "of", say the name after is a place: "the village
/// of Parukh", "the city of Galena".
pub(super) fn is_place_noun(word: &str) -> bool {
    matches!(
        word,
        "village"
            | "town"
            | "city"
            | "region"
            | "province"
            | "district"
            | "county"
            | "state"
            | "republic"
            | "island"
            | "capital"
            | "port"
            | "valley"
            | "hill"
            | "hills"
            | "villages"
            | "towns"
            | "cities"
            | "outskirts"
            | "streets"
            | "people"
            | "governor"
            | "mayor"
            | "east"
            | "west"
            | "north"
            | "south"
            | "centre"
            | "center"
            | "heart"
            | "coast"
            | "battle"
            | "mines"
            | "shrines"
            | "ruins"
            | "siege"
            | "suburbs"
            | "settlement"
            | "colony"
            | "citizens"
            | "inhabitants"
            | "residents"
            | "banks"
            | "shores"
            | "mouth"
    )
}

/// Words after a name that say it is a person's: "Kennedy said".
pub(super) fn is_person_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "wrote"
            | "writes"
            | "told"
            | "asked"
            | "replied"
            | "answered"
            | "recalled"
            | "explained"
            | "declared"
            | "insisted"
            | "thought"
            | "felt"
            | "knew"
            | "believed"
            | "died"
            | "married"
            | "himself"
            | "herself"
            | "smiled"
            | "laughed"
            | "admitted"
            | "argued"
            | "noted"
            | "remarked"
            | "sang"
            | "composed"
            | "painted"
    )
}

/// Words that tell a name's kind, and the gazetteers, read once.
struct Lists {
    places: FastSet<&'static str>,
    /// The places that end in "a", without it: see [`is_place_with_a`].
    places_without_a: FastSet<&'static str>,
    first_names: FastSet<&'static str>,
    female: FastSet<&'static str>,
    towns: FastSet<&'static str>,
    surnames: FastSet<&'static str>,
}

fn lists() -> &'static Lists {
    static LISTS: std::sync::OnceLock<Lists> = std::sync::OnceLock::new();
    LISTS.get_or_init(|| {
        let read = |text: &'static str| {
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        };
        let places: FastSet<&'static str> = read(include_str!("data/places.txt"));
        Lists {
            places_without_a: places.iter().filter_map(|p| p.strip_suffix('a')).collect(),
            places,
            first_names: read(include_str!("data/first-names.txt")),
            female: read(include_str!("data/female-first-names.txt")),
            towns: read(include_str!("data/towns.txt")),
            surnames: read(include_str!("data/surnames.txt")),
        }
    })
}

/// A country, capital, state, continent, large city or region of the
/// gazetteer (`data/places.txt`), as written there.
pub fn is_known_place(name: &str) -> bool {
    let name = name.strip_prefix("the ").unwrap_or(name);
    lists().places.contains(name)
}

/// A town of the gazetteer (`data/towns.txt`, 15,000 to 100,000 people).
pub fn is_town(name: &str) -> bool {
    lists().towns.contains(name)
}

/// A common surname (`data/surnames.txt`), in title case.
pub fn is_surname(word: &str) -> bool {
    lists().surnames.contains(word)
}

/// A common first name (`data/first-names.txt`), in title case.
pub fn is_first_name(word: &str) -> bool {
    lists().first_names.contains(word)
}

/// A first name given to women far more than to men
/// (`data/female-first-names.txt`): "Mrs. Hutchinson" may be "Anne
/// Hutchinson", never "Joseph Hutchinson".
pub fn is_female_first_name(word: &str) -> bool {
    lists().female.contains(word)
}

/// A word for a people or a nationality ("Americans", "Azerbaijani",
/// "Virginian", "Frenchman"): an adjective or a group, not a named entity.
pub fn is_demonym(word: &str) -> bool {
    if DEMONYMS.contains(word) {
        return true;
    }
    // "Armenian-Russian", "Russo-Turkish", "Euro-Atlantic": peoples joined.
    // A byte search: '-' is ASCII, so never inside another character.
    if let Some(at) = word.bytes().position(|b| b == b'-') {
        let (a, b) = (&word[..at], &word[at + 1..]);
        let prefix = matches!(
            a,
            "Russo"
                | "Euro"
                | "Anglo"
                | "Franco"
                | "Sino"
                | "Indo"
                | "Afro"
                | "Greco"
                | "Austro"
                | "Turco"
                | "Italo"
                | "Judeo"
        );
        return (prefix || is_demonym(a)) && (is_demonym(b) || b == "Atlantic");
    }
    let w = word.strip_suffix('s').unwrap_or(word);
    let place = |stem: &str| !stem.is_empty() && is_known_place(stem);
    (w.ends_with("ian") && (is_place_with_a(&w[..w.len() - 3]) || place(&w[..w.len() - 1])))
        || (w.ends_with("an") && (place(&w[..w.len() - 1]) || is_place_with_a(&w[..w.len() - 2])))
        || (w.ends_with('i') && place(&w[..w.len() - 1]))
        || (w.ends_with("er") && place(&w[..w.len() - 2]))
        || (w.ends_with("ese") && is_place_with_a(&w[..w.len() - 3]))
        || (w.ends_with("ean") && place(&w[..w.len() - 2]))
}

/// The words of [`is_demonym`] known as they are written (the others are
/// told by a place's name and an ending).
#[rustfmt::skip]
static DEMONYMS: WordSet<256> = WordSet::new(&[
    "British", "English", "French", "German", "Germans", "Dutch", "Scots", "Scot",
    "Scottish", "Swiss", "Irish", "Welsh", "Danish", "Dane", "Danes", "Swedish", "Swede",
    "Spanish", "Finnish", "Polish", "Turkish", "Turk", "Turks", "Greek", "Greeks",
    "Chinese", "Japanese", "Portuguese", "Vietnamese", "Negro", "Negroes", "Indian",
    "Indians", "Jew", "Jews", "Jewish", "Catholic", "Catholics", "Protestant",
    "Protestants", "Christian", "Christians", "Muslim", "Muslims", "Arab", "Arabs",
    "Arabic", "Frenchman", "Englishman", "Englishmen", "Frenchmen", "Latin", "Western",
    "Eastern", "Northern", "Southern", "Southerners", "Northerners", "Yankee", "Yankees",
    "Quaker", "Quakers", "Hessians", "Soviet", "Israeli", "Israelis", "Pakistani",
    "Iraqi", "Iranian", "Kurdish", "Kurds", "Celtic", "Gothic", "Roman", "Romans",
    "Biblical", "Victorian", "Elizabethan", "Caucasian",
]);

/// [`is_known_place`] of `stem` with an "a" after it ("Armeni" of
/// "Armenian"), without making that string: this runs for most
/// capitalised words.
fn is_place_with_a(stem: &str) -> bool {
    if stem.starts_with("the ") {
        return is_known_place(&format!("{stem}a"));
    }
    lists().places_without_a.contains(stem)
}

/// The kind a name's words announce, if they do.
pub fn guess_kind(name: &str) -> Kind {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words.last().copied().unwrap_or("");
    let first = words.first().copied().unwrap_or("");
    const ORGS: &[&str] = &[
        "Union",
        "Organization",
        "Organisation",
        "Council",
        "Court",
        "Group",
        "Institute",
        "Institution",
        "Agency",
        "Party",
        "Ministry",
        "Committee",
        "Commission",
        "Parliament",
        "House",
        "College",
        "University",
        "Bank",
        "Fund",
        "Company",
        "Corporation",
        "Office",
        "Service",
        "Army",
        "Forces",
        "Assembly",
        "Department",
        "Foundation",
        "Association",
        "Network",
        "News",
        "Times",
        "Post",
        "Monitor",
        "Review",
        "Tribune",
        "Journal",
        "Gazette",
        "Herald",
        "Examiner",
        "Enquirer",
        "Magazine",
        "Press",
        "Inc.",
        "Inc",
        "Ltd",
        "Co.",
        "Corp.",
        "Motors",
        "Electric",
        "Railroad",
        "Railway",
        "Airlines",
        "School",
        "Academy",
        "Club",
        "Society",
        "Church",
        "Corps",
        "Navy",
        "Guard",
        "Secretariat",
        "Nations",
        "Treasury",
        "Government",
        "Ministry",
        "Senate",
        "Congress",
        "Cabinet",
        "Administration",
        "Democrats",
        "Republicans",
        "Board",
        "Bureau",
        "Trust",
        "League",
        "Federation",
        "Alliance",
        "Coalition",
        "Movement",
        "Front",
        "Legion",
        "Brigade",
        "Regiment",
        "Division",
        "Battalion",
        "Greens",
        "Boys",
        "Guild",
        "Orchestra",
        "Band",
        "Team",
        "Analytics",
        "Consulting",
        "Holdings",
        "Partners",
        "Media",
        "LLC",
    ];
    const PLACES: &[&str] = &[
        "Sea",
        "Ocean",
        "River",
        "Mountains",
        "Mountain",
        "Lake",
        "Island",
        "Islands",
        "Valley",
        "Square",
        "Bridge",
        "Corridor",
        "Region",
        "District",
        "Province",
        "Street",
        "City",
        "Airport",
        "Base",
        "Theater",
        "Theatre",
        "Room",
        "Hall",
        "Avenue",
        "Road",
        "Park",
        "Hill",
        "Hills",
        "Forest",
        "Point",
        "Bay",
        "Gulf",
        "Strait",
        "Canal",
        "Coast",
        "Peninsula",
        "Desert",
        "Plain",
        "Plains",
        "Falls",
        "Creek",
        "Springs",
        "County",
        "State",
        "Territory",
        "Territories",
        "Country",
        "Village",
        "Town",
        "Township",
        "Harbor",
        "Harbour",
        "Port",
        "Grounds",
        "Homestead",
        "Priory",
        "Abbey",
        "Cathedral",
        "Palace",
        "Castle",
        "Tower",
        "Building",
        "Hotel",
        "Lounge",
        "Factory",
        "Raceway",
        "Heights",
        "Neck",
    ];
    const EVENTS: &[&str] = &[
        "War",
        "Revolution",
        "Crisis",
        "Summit",
        "Conference",
        "Offensive",
        "Operation",
        "Uprising",
        "Massacre",
        "Election",
        "Elections",
        "Games",
        "Day",
        "Week",
        "Act",
        "Prize",
        "Award",
        "Charter",
        "Treaty",
        "Agreement",
        "Accord",
        "Declaration",
        "Statute",
        "Report",
        "Memorial",
        "Conflict",
        "Invasion",
        "Blockade",
        "Exodus",
        "Festival",
    ];
    static ORG_WORDS: WordSet<256> = WordSet::new(ORGS);
    static PLACE_WORDS: WordSet<256> = WordSet::new(PLACES);
    static EVENT_WORDS: WordSet<64> = WordSet::new(EVENTS);
    if words.len() < 2 {
        // One word: an organisation's or an event's word alone ("Congress",
        // "Senate") says it; "Hill" or "Bay" alone says nothing.
        return if ORG_WORDS.contains(last) {
            Kind::Organisation
        } else if EVENT_WORDS.contains(last) && last != "Day" {
            Kind::Event
        } else {
            Kind::Other
        };
    }
    if ORG_WORDS.contains(last)
        || matches!(
            first,
            "Ministry"
                | "Council"
                | "Bank"
                | "University"
                | "Board"
                | "Department"
                | "Office"
                | "Bureau"
                | "Committee"
                | "Commission"
                | "Court"
                | "Governor"
                | "House"
                | "Society"
                | "Institute"
                | "Church"
                | "Order"
                | "Knights"
        )
    {
        Kind::Organisation
    } else if PLACE_WORDS.contains(last)
        || matches!(
            first,
            "Republic"
                | "Kingdom"
                | "Lake"
                | "Mount"
                | "Fort"
                | "Port"
                | "Cape"
                | "Isle"
                | "St."
                | "Hotel"
                | "San"
                | "Santa"
                | "Los"
                | "Las"
                | "Piazza"
                | "Via"
                | "Rue"
                | "Camp"
        )
    {
        Kind::Place
    } else if EVENT_WORDS.contains(last) || matches!(first, "Battle" | "Siege" | "Operation") {
        Kind::Event
    } else {
        // "American Institute of Interior Designers", "Gulf of Mexico": the
        // word before "of" says it.
        match words.iter().position(|w| *w == "of") {
            Some(at) if at > 0 && ORG_WORDS.contains(words[at - 1]) => Kind::Organisation,
            Some(at) if at > 0 && PLACE_WORDS.contains(words[at - 1]) => Kind::Place,
            _ => Kind::Other,
        }
    }
}
