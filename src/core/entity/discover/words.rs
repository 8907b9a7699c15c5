//! The word lists of discovery: stop-words cut from the ends of a name,
//! titles that come before a person's name, and the words that tell a
//! name's kind.

use super::Kind;

/// Capitalised words that do not make a name on their own: they are dropped
/// from either end of a run. (A `match`, which compiles to a few integer
/// compares, is much faster here than a slice search.)
pub(super) fn is_stop(word: &str) -> bool {
    matches!(
        word,
        // function words
        "A" | "An" | "And" | "As" | "At" | "But" | "By" | "During" | "For" | "From" | "He"
            | "Her" | "His" | "How" | "I" | "If" | "In" | "It" | "Its" | "Not" | "Of" | "On"
            | "Or" | "Our" | "She" | "So" | "That" | "The" | "Their" | "These" | "They"
            | "This" | "Those" | "To" | "We" | "What" | "When" | "Where" | "While" | "Who"
            | "Why" | "With" | "You" | "After" | "Before" | "Since" | "Until" | "Despite"
            | "However" | "Also"
            // calendar
            | "January" | "February" | "March" | "April" | "May" | "June" | "July" | "August"
            | "September" | "October" | "November" | "December" | "Monday" | "Tuesday"
            | "Wednesday" | "Thursday" | "Friday" | "Saturday" | "Sunday"
            // parts of offices
            | "Foreign" | "General" | "Deputy" | "Assistant" | "Vice" | "Chief" | "Head"
            // document parts
            | "Part" | "Chapter" | "Section" | "Volume" | "Issue" | "Figure" | "Table" | "Page"
    )
}

/// Titles and offices that come before a person's name (any case): they
/// split a run and mark the name after them as a person's.
pub(super) fn is_title(word: &str) -> bool {
    let w = word.trim_end_matches('.');
    const LONGEST: usize = 13;
    if w.len() < 2 || w.len() > LONGEST || !w.is_ascii() {
        return false;
    }
    let mut lower = [0u8; LONGEST];
    for (l, b) in lower.iter_mut().zip(w.bytes()) {
        *l = b.to_ascii_lowercase();
    }
    matches!(
        &lower[..w.len()],
        b"mr"
            | b"mrs"
            | b"ms"
            | b"dr"
            | b"prof"
            | b"sir"
            | b"president"
            | b"prime"
            | b"minister"
            | b"ministers"
            | b"chancellor"
            | b"secretary"
            | b"chairman"
            | b"chairwoman"
            | b"director"
            | b"ambassador"
            | b"commissioner"
            | b"spokesman"
            | b"spokeswoman"
            | b"spokesperson"
            | b"king"
            | b"queen"
            | b"pope"
            | b"senator"
            | b"governor"
            | b"mayor"
            | b"judge"
            | b"colonel"
            | b"captain"
            | b"sheikh"
            | b"emir"
            | b"leader"
    )
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
    ];
    if ORGS.contains(&last) || matches!(first, "Ministry" | "Council" | "Bank" | "University") {
        Kind::Organisation
    } else if PLACES.contains(&last) || matches!(first, "Republic" | "Kingdom" | "Lake" | "Mount") {
        Kind::Place
    } else if EVENTS.contains(&last) || matches!(first, "Battle" | "Siege" | "Operation") {
        Kind::Event
    } else {
        Kind::Other
    }
}
