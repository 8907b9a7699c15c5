//! The head of a copied page: the title (not blindly the first line), and
//! the byline, date and copyright lines that belong in the metadata line.

use super::features::Features;
use super::{Block, Reason, Verdict};

/// A title has at most this many words.
const TITLE_MAX_WORDS: usize = 30;
/// A site name after the last " - " or " | " of a page title has at most
/// this many words.
const SITE_MAX_WORDS: usize = 5;
/// A first line without a site suffix is looked for again in the head
/// only when it has at least this many letters.
const MIN_REPEAT_LETTERS: usize = 12;
/// A title made from the first words of the text takes this many.
const FIRST_WORDS: usize = 8;

/// Fills title, author, date and source in `v`, marking the lines used.
pub fn find(blocks: &[Block], feats: &[Features], drop: &mut [Option<Reason>], v: &mut Verdict) {
    // The head: what comes before the first long block of prose.
    let prose = (0..blocks.len())
        .find(|&i| drop[i].is_none() && feats[i].chars >= 200)
        .unwrap_or(blocks.len());
    for i in 0..prose {
        let t = blocks[i].text.as_str();
        if v.date.is_none()
            && let Some(d) = date_line(t)
        {
            v.date = Some(d);
            drop[i] = Some(Reason::Date);
        } else if v.author.is_none()
            && let Some(a) = byline(t)
        {
            v.author = Some(a);
            drop[i] = Some(Reason::Byline);
        }
    }
    for (i, b) in blocks.iter().enumerate() {
        if drop[i] == Some(Reason::Copyright) && v.source.is_none() {
            v.source = copyright_holder(&b.text);
        }
    }
    v.title = page_title(blocks, prose, drop)
        .or_else(|| title_line(blocks, feats, prose, drop))
        .or_else(|| first_words(blocks, drop));
    // Between the title and the prose, lines that read as sentences (a
    // standfirst, a picture's caption) belong to the article.
    if let Some(t) = drop.iter().position(|d| *d == Some(Reason::Title)) {
        for j in t + 1..prose {
            let f = &feats[j];
            if matches!(drop[j], Some(Reason::Short | Reason::NotProse))
                && f.words >= 6
                && f.stop_density >= 0.2
                && f.letter_share >= 0.7
                && !f.bullet
            {
                drop[j] = None;
            }
        }
    }
}

/// "Headline - Site" as the first line: the headline, or the later head
/// line that repeats it (the page's own heading). A repeat may be longer
/// than the headline (a heading with its own " | " part the site suffix
/// took away) or have page furniture glued to its end ("…rabbitNew York
/// Post"): the longer complete heading wins, the glued one loses.
fn page_title(blocks: &[Block], prose: usize, drop: &mut [Option<Reason>]) -> Option<String> {
    let first = blocks.first()?;
    let stripped = strip_site(&first.text);
    let headline = stripped.unwrap_or(&first.text);
    let want = letters(headline);
    if stripped.is_none() && want.chars().count() < MIN_REPEAT_LETTERS {
        return None;
    }
    let mut found = None;
    for (j, b) in blocks.iter().enumerate().take(prose).skip(1) {
        let got = letters(&b.text);
        if got == want {
            found = Some((j, b.text.clone()));
            break;
        }
        if got.starts_with(&want) {
            let words = b.text.split_whitespace().count();
            let same_suffixed = strip_site(&b.text).is_some_and(|h| letters(h) == want);
            if same_suffixed || glued_at(&b.text, headline) {
                found.get_or_insert((j, headline.to_string()));
            } else if words <= TITLE_MAX_WORDS && !b.text.ends_with('.') {
                found.get_or_insert((j, b.text.clone()));
            }
        }
    }
    match (found, stripped) {
        (Some((j, title)), _) => {
            drop[0] = Some(Reason::PageTitle);
            drop[j] = Some(Reason::Title);
            Some(title)
        }
        (None, Some(h)) => {
            drop[0] = Some(Reason::PageTitle);
            Some(h.to_string())
        }
        (None, None) => None,
    }
}

/// The letters and digits of `t`, lower case: what two spellings of one
/// heading share whatever their spaces and punctuation.
fn letters(t: &str) -> String {
    t.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether `line` continues right after `headline`'s last letter with a
/// letter and no space between: "…wild rabbitNew York Post".
fn glued_at(line: &str, headline: &str) -> bool {
    let n = letters(headline).chars().count();
    let mut seen = 0;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_alphanumeric() {
            seen += 1;
            if seen == n {
                return chars.peek().is_some_and(|c| c.is_alphanumeric());
            }
        }
    }
    false
}

/// The headline of a page title such as "Headline - Site", when it has a
/// site suffix to take off.
pub fn headline_of(t: &str) -> Option<&str> {
    strip_site(t)
}

/// The headline of "Headline - Site", "Headline | Section | Site": the text
/// before the trailing short segments; `None` when there is no such suffix.
fn strip_site(t: &str) -> Option<&str> {
    let mut head = t;
    let mut stripped = false;
    let last_separator = |h: &str| {
        [" | ", " - ", " – ", " — ", " :: ", " · "]
            .iter()
            .filter_map(|sep| h.rfind(sep))
            .max()
    };
    while let Some(cut) = last_separator(head) {
        let (left, right) = head.split_at(cut);
        let site_words = right.split_whitespace().count().saturating_sub(1);
        if site_words == 0 || site_words > SITE_MAX_WORDS || left.split_whitespace().count() < 2 {
            break;
        }
        head = left.trim_end();
        stripped = true;
    }
    stripped.then_some(head)
}

/// The first title-shaped line of the head.
fn title_line(
    blocks: &[Block],
    feats: &[Features],
    prose: usize,
    drop: &mut [Option<Reason>],
) -> Option<String> {
    let i = (0..prose).find(|&i| {
        let (b, f) = (&blocks[i], &feats[i]);
        let start = b
            .text
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric() || "\"“‘'".contains(c));
        matches!(drop[i], None | Some(Reason::Short) | Some(Reason::NotProse))
            && (3..=TITLE_MAX_WORDS).contains(&f.words)
            && f.letter_share >= 0.6
            && start
            && !f.bullet
            && !b.text.ends_with('.')
    })?;
    drop[i] = Some(Reason::Title);
    Some(blocks[i].text.clone())
}

/// No title line: the first words of the text, with an ellipsis.
fn first_words(blocks: &[Block], drop: &[Option<Reason>]) -> Option<String> {
    let b = blocks.iter().zip(drop).find(|(_, d)| d.is_none())?.0;
    let words: Vec<&str> = b.text.split_whitespace().collect();
    if words.len() <= FIRST_WORDS {
        return Some(b.text.clone());
    }
    let mut t = words[..FIRST_WORDS].join(" ");
    while t.ends_with([',', ';', ':', '.', '-', '—']) {
        t.pop();
    }
    t.push('…');
    Some(t)
}

/// A byline as a page's metadata gives it, reduced to the names:
/// "By Erin Cunningham" → "Erin Cunningham". A byline without such a
/// prefix, or whose rest does not read as names, is returned as it is.
pub fn author_of_byline(t: &str) -> String {
    byline(t).unwrap_or_else(|| t.to_string())
}

/// "By Jane Doe", "Author: Jane Doe", "Written by Jane Doe": the name.
fn byline(t: &str) -> Option<String> {
    let lower = t.to_lowercase();
    let rest = ["by ", "author: ", "written by ", "words by ", "authors: "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .map(|p| t[p.len()..].trim())?;
    let words = rest.split_whitespace().count();
    let capital = rest.chars().next().is_some_and(char::is_uppercase);
    ((1..=8).contains(&words) && capital).then(|| rest.trim_end_matches(['.', ',']).to_string())
}

/// "© 2023 Some Media Ltd. All rights reserved." → "Some Media Ltd".
/// Only a line with a year names a publisher; "© Photographer" is a credit.
fn copyright_holder(t: &str) -> Option<String> {
    let after = t
        .split_once('©')
        .map(|(_, r)| r)
        .or_else(|| t.strip_prefix("Copyright"))?;
    let after = after.trim().trim_start_matches("Copyright").trim();
    let year_end = after
        .char_indices()
        .take_while(|(_, c)| c.is_ascii_digit() || *c == '-' || *c == '–' || *c == ' ')
        .last()
        .map(|(i, c)| i + c.len_utf8())?;
    if !after[..year_end].chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let holder = after[year_end..].trim();
    let holder = holder
        .split_once(". ")
        .map_or(holder, |(h, _)| h)
        .split(" All rights")
        .next()
        .unwrap_or("")
        .trim_matches(|c: char| c == '.' || c == ',' || c.is_whitespace());
    (!holder.is_empty() && holder.split_whitespace().count() <= 8).then(|| holder.to_string())
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month(w: &str) -> Option<usize> {
    let w = w.trim_end_matches(['.', ',']).to_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept"))
        .map(|i| i + 1)
}

/// A line that is a date (perhaps after "Published", perhaps with a few
/// words glued on, as in "12 December 2023Armenia"): the date as ISO.
pub(super) fn date_line(t: &str) -> Option<String> {
    let lower = t.to_lowercase();
    let mut s = t;
    for p in [
        "published on ",
        "published: ",
        "published ",
        "updated: ",
        "updated ",
        "posted on ",
        "posted ",
    ] {
        if lower.starts_with(p) {
            s = &t[p.len()..];
            break;
        }
    }
    let (iso, rest) = parse_date(s.trim())?;
    (rest.split_whitespace().count() <= 4).then_some(iso)
}

/// A date at the start of `s`: (ISO date, the rest of the line).
fn parse_date(s: &str) -> Option<(String, &str)> {
    // 2023-12-12
    if s.len() >= 10 && s.is_char_boundary(10) {
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10) {
            return Some((s[..10].to_string(), &s[10..]));
        }
    }
    // Split off the first three "words", where a year may be glued to text.
    let mut parts = s.splitn(3, ' ');
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    let year_of = |c: &str| -> Option<(u32, usize)> {
        let n: String = c.chars().take_while(char::is_ascii_digit).collect();
        (n.len() == 4)
            .then(|| (n.parse().ok(), 4))
            .and_then(|(y, l)| y.map(|y| (y, l)))
    };
    let day_of = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches([',', '.']);
        let w = w
            .trim_end_matches("st")
            .trim_end_matches("nd")
            .trim_end_matches("rd")
            .trim_end_matches("th");
        w.parse().ok().filter(|d| (1..=31).contains(d))
    };
    let (day, mon) = if let (Some(d), Some(m)) = (day_of(a), month(b)) {
        (d, m)
    } else if let (Some(m), Some(d)) = (month(a), day_of(b)) {
        (d, m)
    } else {
        return None;
    };
    let (year, len) = year_of(c)?;
    if !(1800..=2200).contains(&year) {
        return None;
    }
    let start = s.len() - c.len();
    Some((format!("{year:04}-{mon:02}-{day:02}"), &s[start + len..]))
}
