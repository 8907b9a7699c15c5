//! The cleaner on small pages made to show one rule each; measured on real
//! pages in `tests/boilerplate.rs`.

use super::*;

const PROSE: &str = "The ministers met in the capital on Tuesday and agreed that the talks \
would go on for as long as it takes, because neither side wanted to be the one that walked \
away from the table after so many months of work on the text of the agreement.";

const PROSE_2: &str = "It was not the first time that the two of them had met, but it was the \
first time that they had done so in public, and with the cameras of the world on them as they \
spoke about what the war had done to the people of the region and what was left to rebuild.";

fn verdict(body: &str) -> (Vec<Block>, Verdict) {
    let blocks = blocks_of(body);
    let v = clean(&blocks, None);
    (blocks, v)
}

fn shown(blocks: &[Block], v: &Verdict) -> Vec<String> {
    blocks
        .iter()
        .zip(&v.drop)
        .filter(|(_, d)| d.is_none())
        .map(|(b, _)| b.text.clone())
        .collect()
}

#[test]
fn menus_and_tickers_are_hidden_and_prose_is_kept() {
    let body = format!(
        "Home\n\nNews\n\nSport\n\n• USD87.74 • EUR95.76 • OIL85.27\n\n\
         Talks go on in the capital\n\n{PROSE}\n\n{PROSE_2}\n\nSubscribe to our weekly digest\n"
    );
    let (blocks, v) = verdict(&body);
    let kept = shown(&blocks, &v);
    assert_eq!(kept, vec![PROSE.to_string(), PROSE_2.to_string()]);
    assert_eq!(v.title.as_deref(), Some("Talks go on in the capital"));
}

#[test]
fn a_page_title_loses_its_site_name() {
    let body =
        format!("Talks go on in the capital - The Daily Paper\n\nMenu\n\n{PROSE}\n\n{PROSE_2}\n");
    let (_, v) = verdict(&body);
    assert_eq!(v.title.as_deref(), Some("Talks go on in the capital"));
    assert_eq!(v.drop[0], Some(Reason::PageTitle));
}

#[test]
fn the_page_heading_that_repeats_the_page_title_is_the_title() {
    // The heading keeps its own " | " part, which the site suffix took away.
    let body = format!(
        "Design Week 2018 | A light installation in the park | Inexhibit\n\nMenu\n\n\
         Design Week 2018 | A light installation in the park\n\n{PROSE}\n\n{PROSE_2}\n"
    );
    let (_, v) = verdict(&body);
    assert_eq!(
        v.title.as_deref(),
        Some("Design Week 2018 | A light installation in the park")
    );
}

#[test]
fn a_heading_with_furniture_glued_to_it_gives_the_clean_headline() {
    let body = format!(
        "Hunter catches plague after eating wild rabbit | City Post\n\nSections\n\n\
         Hunter catches plague after eating wild rabbitCity PostPage Six\n\n{PROSE}\n\n{PROSE_2}\n"
    );
    let (_, v) = verdict(&body);
    assert_eq!(
        v.title.as_deref(),
        Some("Hunter catches plague after eating wild rabbit")
    );
}

#[test]
fn a_repeat_with_the_same_site_suffix_is_not_a_longer_heading() {
    let body = format!(
        "Talks go on in the capital - BBC News\n\nSkip to content\n\n\
         Talks go on in the capital - BBC News\n\n{PROSE}\n\n{PROSE_2}\n"
    );
    let (_, v) = verdict(&body);
    assert_eq!(v.title.as_deref(), Some("Talks go on in the capital"));
}

#[test]
fn a_page_of_one_sentence_paragraphs_is_still_an_article() {
    let s = [
        "The singer said on Friday that she would be allowed to play her songs at the show.",
        "The label had said that it would not give its permission for the older songs.",
        "A statement from the company said that it had agreed to grant all the licences.",
        "It is not clear what changed in the talks between the two sides this week.",
    ];
    let body = format!(
        "Singer may play her songs after all - BBC News\n\nMenu\n\nSign in\n\n{}\n\nShare this\n",
        s.join("\n\n")
    );
    let (blocks, v) = verdict(&body);
    assert_eq!(shown(&blocks, &v), s.map(String::from).to_vec());
    assert_eq!(
        v.title.as_deref(),
        Some("Singer may play her songs after all")
    );
}

#[test]
fn byline_and_date_move_to_the_metadata() {
    let body = format!(
        "Talks go on in the capital\n\nBy Jane Doe\n\n12 December 2023\n\n{PROSE}\n\n{PROSE_2}\n"
    );
    let (blocks, v) = verdict(&body);
    assert_eq!(v.author.as_deref(), Some("Jane Doe"));
    assert_eq!(v.date.as_deref(), Some("2023-12-12"));
    assert_eq!(shown(&blocks, &v).len(), 2);
}

#[test]
fn no_prose_means_nothing_is_hidden() {
    let (_, v) = verdict("Home\n\nNews\n\nSport\n\nWeather\n");
    assert!(v.drop.iter().all(Option::is_none));
    assert_eq!(v.title, None);
}

#[test]
fn headline_of_takes_off_short_site_suffixes_only() {
    assert_eq!(
        headline_of("A headline here - Site"),
        Some("A headline here")
    );
    assert_eq!(
        headline_of("A headline here | Section | Site Name"),
        Some("A headline here")
    );
    assert_eq!(headline_of("No suffix in this headline"), None);
    assert_eq!(
        headline_of("Left - and a right part that is far too long to be a site name"),
        None
    );
}

const PULLED: &str = "Neither side wanted to be the one that walked away from the table \
after so many months of work";

#[test]
fn a_pull_quote_beside_its_paragraph_is_hidden() {
    let body = format!("{PROSE}\n\n{PULLED}\n\n{PROSE_2}\n");
    let (blocks, v) = verdict(&body);
    assert_eq!(
        shown(&blocks, &v),
        vec![PROSE.to_string(), PROSE_2.to_string()]
    );
    assert_eq!(v.drop[1], Some(Reason::PullQuote));
}

#[test]
fn a_sentence_of_its_own_or_a_heading_is_not_a_pull_quote() {
    // Ends like a sentence and is not a near-verbatim copy: a summary.
    let summary = "Neither side wanted to walk away from the table after months of work on it.";
    // The same words as a heading: headings are never pull quotes.
    let heading = format!("## {PULLED}");
    // A product line over its description (a deals page).
    let product = "Neither side wanted the table after so many months of work for $238.99";
    for middle in [summary, heading.as_str(), product] {
        let body = format!("{PROSE}\n\n{middle}\n\n{PROSE_2}\n");
        let (_, v) = verdict(&body);
        assert!(
            v.drop.iter().all(|d| *d != Some(Reason::PullQuote)),
            "{middle}"
        );
    }
}

#[test]
fn a_pull_quote_far_from_its_paragraph_is_kept() {
    let far: Vec<String> = (1..=5).map(|n| format!("Part {n}. {PROSE_2}")).collect();
    let body = format!("{PROSE}\n\n{}\n\n{PULLED}\n", far.join("\n\n"));
    let (blocks, v) = verdict(&body);
    assert!(
        v.drop.iter().all(|d| *d != Some(Reason::PullQuote)),
        "{:?}",
        v.drop
    );
    assert_eq!(blocks.len(), 7);
}

#[test]
fn repeat_keys_are_the_same_on_every_build_and_flips_are_found() {
    // Kept on disk between runs: the key of a block may never change.
    assert_eq!(key("Home | News"), xxhash_rust::xxh3::xxh3_64(b"homenews"));
    let long = format!("{PROSE} {PROSE_2}");
    let keys = Repeats::keys_of(&format!("Home\n\nNews\n\nNews\n\n{long}"));
    assert_eq!(
        keys.len(),
        2,
        "each short block once, the long paragraph never"
    );
    assert!(keys.windows(2).all(|w| w[0] < w[1]));
    let two = Repeats::from_keys([keys.as_slice(), keys.as_slice()]);
    let three = Repeats::from_keys([keys.as_slice(), keys.as_slice(), keys.as_slice()]);
    assert_eq!(two.flipped(&two), HashSet::new());
    let flipped: HashSet<u64> = keys.iter().copied().collect();
    assert_eq!(two.flipped(&three), flipped);
    assert_eq!(three.flipped(&two), flipped);
}
