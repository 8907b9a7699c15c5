//! Tests of the entity index: building it on small corpora made here and on
//! the bundled one, and every query the reader and the CLI make.

use super::*;
use crate::core::corpus::{Corpus, Origin};

/// A corpus of `(file name, contents)` with an optional catalogue.
fn corpus(files: &[(&str, &str)], catalogue: Option<&str>) -> Corpus {
    Corpus {
        articles: files
            .iter()
            .filter_map(|(n, raw)| Article::parse(n, raw, None))
            .collect(),
        warnings: Vec::new(),
        origin: Origin::Folder("/tmp/x".into()),
        entities_toml: catalogue.map(str::to_string),
        content_hashes: Default::default(),
    }
}

const CATALOGUE: &str = r#"
[[entity]]
name = "Sergei Lavrov"
kind = "person"
aliases = ["Lavrov"]

[[entity]]
name = "Russia"
kind = "place"

[[entity]]
name = "United States"
kind = "place"
aliases = ["US", "U.S."]
"#;

fn small() -> Corpus {
    corpus(
        &[
            (
                "a.txt",
                "---\ntitle: Lavrov in Russia\nauthor: Ann Lavrov\n---\n\nLavrov spoke. Russia’s minister Sergei Lavrov said us.\n\nThe US answered Russia.",
            ),
            ("b.txt", "Nothing here\n\nAt all."),
            ("c.txt", "Third\n\nLavrov again, and the U.S. too."),
        ],
        Some(CATALOGUE),
    )
}

fn id(index: &EntityIndex, name: &str) -> EntityId {
    index
        .lookup(name)
        .unwrap_or_else(|| panic!("no entity {name}"))
}

fn surfaces(c: &Corpus, ms: &[Mention]) -> Vec<String> {
    ms.iter()
        .map(|m| field_text(&c.articles[m.article()], m.field())[m.range()].to_string())
        .collect()
}

#[test]
fn title_metadata_and_body_mentions_in_reading_order() {
    let c = small();
    let (index, warnings) = EntityIndex::build(&c);
    assert!(warnings.is_empty(), "{warnings:?}");
    let lavrov = id(&index, "Lavrov");
    let ms = index.mentions(lavrov);
    let fields: Vec<(usize, Field, usize)> = ms
        .iter()
        .map(|m| (m.article(), m.field(), m.passage()))
        .collect();
    assert_eq!(
        fields,
        [
            (0, Field::Title, 0),
            (0, Field::Meta, 0),
            (0, Field::Body, 1),
            (0, Field::Body, 1),
            (2, Field::Body, 1)
        ]
    );
    assert_eq!(
        surfaces(&c, ms),
        ["Lavrov", "Lavrov", "Lavrov", "Sergei Lavrov", "Lavrov"]
    );
    let e = index.entity(lavrov).unwrap();
    assert_eq!((e.mentions, e.articles, e.discovered), (5, 2, false));
    assert_eq!(index.count_in(lavrov, 0), 4);
    assert_eq!(index.count_in(lavrov, 1), 0);
    assert_eq!(index.articles_of(lavrov).collect::<Vec<_>>(), [0, 2]);
}

#[test]
fn acronyms_possessives_and_lower_case_us() {
    let c = small();
    let (index, _) = EntityIndex::build(&c);
    let us = id(&index, "united states");
    assert_eq!(surfaces(&c, index.mentions(us)), ["US", "U.S."]);
    let russia = id(&index, "Russia");
    assert_eq!(
        surfaces(&c, index.mentions(russia)),
        ["Russia", "Russia", "Russia"]
    );
}

#[test]
fn next_and_previous_cross_articles_and_wrap() {
    let c = small();
    let (index, _) = EntityIndex::build(&c);
    let lavrov = id(&index, "Lavrov");
    let all = index.mentions(lavrov).to_vec();
    // From the start of the corpus: the title mention, no wrap; strictly
    // after it, the metadata line.
    let s = index
        .mention_at_or_after(lavrov, Position::article_start(0))
        .unwrap();
    assert_eq!((s.mention, s.index, s.wrapped), (all[0], 0, false));
    let s = index
        .next_mention(lavrov, Position::article_start(0))
        .unwrap();
    assert_eq!((s.mention, s.index), (all[1], 1));
    // A cursor on a mention finds that mention first.
    let s = index
        .mention_at_or_after(lavrov, all[2].position())
        .unwrap();
    assert_eq!(s.mention, all[2]);
    let s = index
        .mention_at_or_after(lavrov, Position::body(2, 999))
        .unwrap();
    assert_eq!((s.mention, s.wrapped), (all[0], true));
    // Stepping from each mention reaches the next one.
    for w in all.windows(2) {
        let s = index.next_mention(lavrov, w[0].position()).unwrap();
        assert_eq!(s.mention, w[1]);
    }
    // Past the last mention: wraps to the first.
    let s = index.next_mention(lavrov, all[4].position()).unwrap();
    assert_eq!((s.mention, s.wrapped), (all[0], true));
    // Backwards across the empty article b.
    let s = index.prev_mention(lavrov, all[4].position()).unwrap();
    assert_eq!((s.mention, s.wrapped), (all[3], false));
    let s = index
        .prev_mention(lavrov, Position::article_start(0))
        .unwrap();
    assert_eq!((s.mention, s.index, s.wrapped), (all[4], 4, true));
    // The step says where it stands: mention 5/5, 1/1 in article 2/2.
    assert_eq!(
        (
            s.total,
            s.index_in_article,
            s.in_article,
            s.article_ordinal,
            s.articles
        ),
        (5, 0, 1, 1, 2)
    );
    // From inside article b (no mentions) forward: article c.
    let s = index.next_mention(lavrov, Position::body(1, 3)).unwrap();
    assert_eq!(s.mention, all[4]);
}

#[test]
fn an_entity_without_mentions_has_no_step() {
    let c = corpus(&[("a.txt", "T\n\nText.")], Some(CATALOGUE));
    let (index, _) = EntityIndex::build(&c);
    let lavrov = id(&index, "Lavrov");
    assert!(index.next_mention(lavrov, Position::body(0, 0)).is_none());
    assert!(index.prev_mention(lavrov, Position::body(0, 0)).is_none());
    assert!(index.mentions(EntityId(999)).is_empty());
    assert!(index.entity(EntityId(999)).is_none());
}

#[test]
fn entity_at_or_after_a_byte_and_entities_of_a_passage() {
    let c = small();
    let (index, _) = EntityIndex::build(&c);
    let a = &c.articles[0];
    let lavrov = id(&index, "Lavrov");
    let russia = id(&index, "Russia");
    // At the start of the body: "Lavrov" itself.
    let m = index.entity_at_or_after(0, 0).unwrap();
    assert_eq!((m.entity(), m.range()), (lavrov, 0..6));
    // Inside "Lavrov": still that mention.
    assert_eq!(index.entity_at_or_after(0, 3).unwrap().range(), 0..6);
    // Just after it: the next mention, "Russia".
    let after = a.text.find(" spoke").unwrap();
    assert_eq!(index.entity_at_or_after(0, after).unwrap().entity(), russia);
    // Past the last mention: none.
    assert!(index.entity_at_or_after(0, a.text.len()).is_none());
    assert_eq!(index.entities_in_passage(0, 1), [(lavrov, 2), (russia, 1)]);
    assert_eq!(index.entities_in_passage(0, 0), [(lavrov, 2), (russia, 1)]);
    assert!(index.entities_in_passage(1, 1).is_empty());
}

#[test]
fn dispersion_is_where_mentions_fall() {
    let text = format!("T\n\nRussia {} Russia", "x ".repeat(49));
    let c = corpus(&[("a.txt", &text)], Some(CATALOGUE));
    let (index, _) = EntityIndex::build(&c);
    let russia = id(&index, "Russia");
    let d = index.dispersion(russia, 0);
    assert_eq!(d.len(), 2);
    assert_eq!(d[0], 0.0);
    assert!(d[1] > 0.9 && d[1] < 1.0, "{d:?}");
    assert_eq!(dispersion_cells(&d, 4), [1, 0, 0, 1]);
    assert_eq!(dispersion_cells(&[0.5, 1.0, 7.0, -1.0], 2), [1, 3]);
    assert!(dispersion_cells(&d, 0).is_empty());
}

#[test]
fn lookup_by_any_name_in_any_case() {
    let (index, _) = EntityIndex::build(&small());
    let lavrov = id(&index, "Sergei Lavrov");
    assert_eq!(index.lookup("lavrov"), Some(lavrov));
    assert_eq!(index.lookup("  SERGEI   lavrov "), Some(lavrov));
    assert_eq!(index.lookup("Lavrov’s"), Some(lavrov));
    let us = id(&index, "us");
    assert_eq!(index.lookup("the United States"), Some(us));
    assert_eq!(index.lookup("u.s."), Some(us));
    assert_eq!(index.lookup("Lavrova"), None);
}

#[test]
fn suggestions_for_a_miss() {
    let (index, _) = EntityIndex::build(&small());
    let lavrov = id(&index, "Lavrov");
    let russia = id(&index, "Russia");
    assert_eq!(index.suggest("Lavorv", 3).first(), Some(&lavrov));
    assert_eq!(index.suggest("rusia", 3).first(), Some(&russia));
    assert_eq!(index.suggest("serg", 3).first(), Some(&lavrov));
    assert!(index.suggest("zzzzzzzz", 3).is_empty());
    assert!(index.suggest("", 3).is_empty());
}

#[test]
fn expand_term_gives_every_folded_name() {
    let c = corpus(
        &[("a.txt", "T\n\nAliev and Aliyev.")],
        Some(
            "[[entity]]\nname = \"Ilham Aliyev\"\nkind = \"person\"\naliases = [\"Aliyev\", \"Aliev\", \"Ilham Aliev\"]\n",
        ),
    );
    let (index, _) = EntityIndex::build(&c);
    assert_eq!(
        index.expand_term("aliev"),
        ["ilham aliyev", "aliyev", "aliev", "ilham aliev"]
    );
    assert_eq!(index.expand_term("ilham aliyev")[0], "ilham aliyev");
    assert!(index.expand_term("ilham").is_empty());
}

#[test]
fn concordance_lines_stay_in_their_passage() {
    let c = small();
    let (index, _) = EntityIndex::build(&c);
    let russia = id(&index, "Russia");
    let lines = index.concordance(&c, russia, 12, KwicSort::Article);
    let shown: Vec<(&str, &str, &str)> = lines
        .iter()
        .map(|l| (l.left.as_str(), l.surface.as_str(), l.right.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("Lavrov in ", "Russia", ""),
            // Cut where words start and end, marked with `…`.
            ("…spoke. ", "Russia", "’s minister…"),
            ("…answered ", "Russia", "."),
        ]
    );
    assert_eq!(lines[0].mention.field(), Field::Title);
}

#[test]
fn concordance_sorts_within_each_article() {
    let text = "T\n\nb before Russia zeta. a before Russia alpha. c before Russia middle.";
    let c = corpus(
        &[("a.txt", text), ("b.txt", "U\n\nfirst Russia last")],
        Some(CATALOGUE),
    );
    let (index, _) = EntityIndex::build(&c);
    let russia = id(&index, "Russia");
    let rights = |sort| -> Vec<String> {
        index
            .concordance(&c, russia, 30, sort)
            .into_iter()
            .map(|l| format!("{}|{}", l.mention.article(), l.right.trim()))
            .collect()
    };
    assert_eq!(
        rights(KwicSort::Right),
        [
            "0|alpha. c before Russia…",
            "0|middle.",
            "0|zeta. a before Russia alpha.…",
            "1|last"
        ]
    );
    let lefts: Vec<String> = index
        .concordance(&c, russia, 10, KwicSort::Left)
        .into_iter()
        .map(|l| l.left)
        .collect();
    // Sorted by the word nearest the mention ("before" everywhere), then
    // the one before it: a, b, c; the second article comes last.
    assert_eq!(lefts, ["…a before ", "b before ", "…c before ", "first "]);
    assert_eq!(KwicSort::Article.next(), KwicSort::Left);
    assert_eq!(KwicSort::Right.next().label(), "article");
}

#[test]
fn a_bad_catalogue_warns_with_its_line_and_discovery_still_runs() {
    let text = "T\n\nThey met Anna Hakobyan in Kyiv. Later Anna Hakobyan left.";
    let c = corpus(
        &[("a.txt", text)],
        Some("[[entity]]\nname = \"X\"\nkind = person\n"),
    );
    let (index, warnings) = EntityIndex::build(&c);
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].path,
        std::path::Path::new("/tmp/x/entities.toml")
    );
    assert!(
        warnings[0].message.starts_with("line 3:"),
        "{}",
        warnings[0]
    );
    let names: Vec<(&str, bool, usize)> = index
        .entities()
        .iter()
        .map(|e| (e.name.as_str(), e.discovered, e.mentions))
        .collect();
    assert_eq!(names, [("Anna Hakobyan", true, 2), ("Kyiv", true, 1)]);
}

#[test]
fn discovered_names_are_matched_everywhere_case_sensitively() {
    let text = "Freedom House\n\nIt cited Freedom House twice: Freedom House said so. Freedom House agreed, unlike freedom house.";
    let c = corpus(&[("a.txt", text)], None);
    let (index, warnings) = EntityIndex::build(&c);
    assert!(warnings.is_empty());
    let fh = id(&index, "freedom house");
    let e = index.entity(fh).unwrap();
    assert!(e.discovered);
    assert_eq!(e.kind, Kind::Organisation);
    // The title and the sentence opener count too; lower case does not.
    assert_eq!(e.mentions, 4);
    assert_eq!(index.mentions(fh)[0].field(), Field::Title);
}

#[test]
fn discovered_people_are_also_found_by_surname() {
    let text =
        "T\n\nThe spokesman Dmitry Peskov spoke. Later, Dmitry Peskov left. Peskov came back.";
    let c = corpus(&[("a.txt", text)], None);
    let (index, _) = EntityIndex::build(&c);
    let peskov = id(&index, "Peskov");
    let e = index.entity(peskov).unwrap();
    assert_eq!(
        (e.name.as_str(), e.kind, e.mentions),
        ("Dmitry Peskov", Kind::Person, 3)
    );
    assert_eq!(e.aliases, ["Peskov"]);
}

#[test]
fn catalogue_names_are_never_rediscovered() {
    let text = "T\n\nWe saw Freedom House. And Freedom House again.";
    let cat = "[[entity]]\nname = \"Freedom House\"\nkind = \"organisation\"\n";
    let (index, _) = EntityIndex::build(&corpus(&[("a.txt", text)], Some(cat)));
    assert_eq!(index.entities().len(), 1);
    assert!(!index.entities()[0].discovered);
    assert_eq!(index.entities()[0].mentions, 2);
}

#[test]
fn a_line_break_inside_a_paragraph_still_matches() {
    let cat = "[[entity]]\nname = \"Lachin corridor\"\nkind = \"place\"\n";
    let text = "T\n\nthe Lachin\ncorridor was closed,\n\nthe Lachin\u{a0}corridor too.";
    let (index, _) = EntityIndex::build(&corpus(&[("a.txt", text)], Some(cat)));
    assert_eq!(index.entities()[0].mentions, 2);
}

#[test]
fn the_index_can_be_shared_between_threads() {
    fn shareable<T: Send + Sync>() {}
    shareable::<EntityIndex>();
}

#[test]
fn the_bundled_catalogue_covers_the_bundled_corpus() {
    let c = Corpus::bundled();
    let (index, warnings) = EntityIndex::build(&c);
    assert!(warnings.is_empty(), "{warnings:?}");
    let catalogue: Vec<&Entity> = index.entities().iter().filter(|e| !e.discovered).collect();
    assert!(catalogue.len() >= 60, "{} entities", catalogue.len());
    for e in &catalogue {
        assert!(
            e.mentions > 0,
            "{} is in the catalogue but never mentioned",
            e.name
        );
    }
    for k in Kind::ALL {
        assert!(catalogue.iter().any(|e| e.kind == k), "no {k}");
    }
    // Every mention's range is a char boundary of its text and reads as one
    // of the entity's names.
    for e in index.entities() {
        let keys: Vec<String> = std::iter::once(&e.name)
            .chain(&e.aliases)
            .map(|n| matcher::name_key(n))
            .collect();
        for m in index.mentions(e.id) {
            let text = field_text(&c.articles[m.article()], m.field());
            let surface = &text[m.range()];
            assert!(
                keys.contains(&matcher::name_key(surface)),
                "{surface} for {}",
                e.name
            );
        }
    }
}

#[test]
fn building_twice_gives_the_same_index() {
    let c = Corpus::bundled();
    let (a, _) = EntityIndex::build(&c);
    let (b, _) = EntityIndex::build(&c);
    assert_eq!(a.entities(), b.entities());
    for e in a.entities() {
        assert_eq!(a.mentions(e.id), b.mentions(e.id));
    }
}

#[test]
fn nested_mentions_count_everywhere_alike() {
    let text = "T\n\nThe war in Ukraine began. Ukraine resisted.\n\nKyiv and the war in Ukraine.";
    let catalogue = "[[entity]]\nname = \"Russian invasion of Ukraine\"\nkind = \"event\"\naliases = [\"war in Ukraine\"]\n\n[[entity]]\nname = \"Ukraine\"\nkind = \"place\"\n";
    let c = corpus(&[("a.txt", text)], Some(catalogue));
    let (index, _) = EntityIndex::build(&c);
    let ukraine = index.lookup("Ukraine").unwrap();
    let war = index.lookup("war in Ukraine").unwrap();
    // Two nested in the war's name, one alone.
    let e = index.entity(ukraine).unwrap();
    assert_eq!(e.mentions, 3);
    assert_eq!(index.count_in(ukraine, 0), 3);
    assert_eq!(
        index
            .mentions(ukraine)
            .iter()
            .filter(|m| m.is_nested())
            .count(),
        2
    );
    assert_eq!(
        index.concordance(&c, ukraine, 20, KwicSort::Article).len(),
        3
    );
    let step = index
        .next_mention(ukraine, Position::article_start(0))
        .unwrap();
    assert_eq!(step.total, 3);
    assert_eq!(&c.articles[0].text[step.mention.range()], "Ukraine");
    assert_eq!(index.count_in(war, 0), 2);
    // Marking every entity at once: the outer mentions, never overlapping.
    let top: Vec<&Mention> = index.top_mentions(0).collect();
    assert!(
        top.windows(2)
            .all(|w| w[0].range().end <= w[1].range().start)
    );
    assert!(top.iter().all(|m| m.entity() != ukraine || !m.is_nested()));
    // The mention under a cursor inside "war in Ukraine" is the war.
    let at = c.articles[0].text.find("Ukraine began").unwrap();
    assert_eq!(index.entity_at_or_after(0, at).unwrap().entity(), war);
}

#[test]
fn nothing_counts_inside_a_persons_name_nor_a_person_inside_a_name() {
    let text = "T\n\nGeorge Washington crossed. Washington Irving wrote. They flew to Washington.";
    let catalogue = "[[entity]]\nname = \"George Washington\"\nkind = \"person\"\n\n[[entity]]\nname = \"Washington Irving\"\nkind = \"person\"\n\n[[entity]]\nname = \"Washington\"\nkind = \"place\"\n";
    let c = corpus(&[("a.txt", text)], Some(catalogue));
    let (index, _) = EntityIndex::build(&c);
    let place = index.lookup("Washington").unwrap();
    assert_eq!(index.count_in(place, 0), 1);
}

#[test]
fn single_names_surnames_and_words_written_in_lower_case() {
    // A golfer named once in full and then by surname; a word that is
    // capitalised once but mostly written in lower case is not a name.
    let a = "Golf\n\nArnold Palmer won at Augusta. The crowd loved Palmer, and Palmer smiled. The Party was over.";
    let b =
        "More\n\nOn the next day Palmer lost. The party left; every party ends, and a party began.";
    let c = corpus(&[("a.txt", a), ("b.txt", b)], None);
    let (index, _) = EntityIndex::build(&c);
    let palmer = index.lookup("Palmer").unwrap();
    let e = index.entity(palmer).unwrap();
    assert_eq!((e.name.as_str(), e.kind), ("Arnold Palmer", Kind::Person));
    assert_eq!(index.count_in(palmer, 0), 3);
    // In b.txt no one is named in full: the one Palmer of the folder.
    assert_eq!(index.count_in(palmer, 1), 1);
    assert!(index.lookup("Party").is_none());
    let augusta = index.lookup("Augusta").unwrap();
    assert_eq!(index.entity(augusta).unwrap().kind, Kind::Place);
}

#[test]
fn a_mention_keeps_every_part_up_to_its_limits() {
    let big = Mention::new(
        EntityId(Mention::MAX_ENTITIES as u32 - 1),
        Mention::MAX_ARTICLES - 1,
        Field::Body,
        Mention::MAX_PASSAGE,
        (u32::MAX as usize - Mention::MAX_LEN)..u32::MAX as usize,
    )
    .unwrap()
    .nested();
    assert_eq!(big.entity().index(), Mention::MAX_ENTITIES - 1);
    assert_eq!(big.article(), Mention::MAX_ARTICLES - 1);
    assert_eq!(big.field(), Field::Body);
    assert_eq!(big.passage(), Mention::MAX_PASSAGE);
    assert_eq!(
        big.range(),
        (u32::MAX as usize - Mention::MAX_LEN)..u32::MAX as usize
    );
    assert!(big.is_nested());
    let small = Mention::new(EntityId(0), 0, Field::Meta, 0, 3..3).unwrap();
    assert_eq!(
        (
            small.entity().index(),
            small.article(),
            small.field(),
            small.passage()
        ),
        (0, 0, Field::Meta, 0)
    );
    assert_eq!((small.range(), small.is_nested()), (3..3, false));
    assert_eq!(small.with_entity(EntityId(7)).unwrap().entity().index(), 7);
    assert_eq!(std::mem::size_of::<Mention>(), 16);
    // Beyond the limits: no mention, never a wrong one.
    let body = |e: usize, a: usize, p: usize, r: std::ops::Range<usize>| {
        Mention::new(EntityId(e as u32), a, Field::Body, p, r)
    };
    assert!(body(Mention::MAX_ENTITIES, 0, 1, 0..1).is_none());
    assert!(body(0, Mention::MAX_ARTICLES, 1, 0..1).is_none());
    assert!(body(0, 0, Mention::MAX_PASSAGE + 1, 0..1).is_none());
    assert!(body(0, 0, 1, 0..Mention::MAX_LEN + 1).is_none());
    let (five, four) = (5, 4);
    assert!(body(0, 0, 1, five..four).is_none());
    assert!(body(0, 0, 1, u32::MAX as usize..u32::MAX as usize + 1).is_none());
    assert!(small.with_entity(EntityId(u32::MAX)).is_none());
}
