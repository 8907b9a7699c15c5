use super::*;
use crate::core::corpus::Origin;

fn article(id: &str, passages: &[&str]) -> Article {
    let raw = format!(
        "---\nid: {id}\ntitle: Title of {id}\n---\n\n{}",
        passages.join("\n\n")
    );
    Article::parse("a.txt", &raw, None).unwrap()
}

fn corpus(articles: Vec<Article>) -> Corpus {
    Corpus {
        articles,
        warnings: Vec::new(),
        origin: Origin::Bundled,
        entities_toml: None,
        content_hashes: Default::default(),
    }
}

fn bookmark(a: &Article, first: usize, last: usize) -> Bookmark {
    Bookmark::new("00000001".into(), a, PassageSpan { first, last }, "").unwrap()
}

const P: [&str; 6] = [
    "The peacekeepers arrived in November with a five-year mandate and armoured vehicles.",
    "Baku and Moscow signed a declaration of allied interaction just before the invasion.",
    "Nobody in Yerevan expected the corridor to close so soon after the ceasefire.",
    "Analysts disagree about whether the mission ever had the means to protect anyone.",
    "The exodus took less than a week and emptied every village in the region.",
    "What remains is a question about guarantees that were never meant to be kept.",
];

fn locate(c: &Corpus, b: &Bookmark) -> Anchor {
    Anchorer::new(c).locate(b)
}

#[test]
fn unchanged_text_is_anchored_exactly() {
    let a = article("x", &P);
    let b = bookmark(&a, 3, 4);
    let c = corpus(vec![a]);
    let expect = Anchor::Anchored {
        article_ix: 0,
        passages: PassageSpan { first: 3, last: 4 },
        how: Match::Exact,
    };
    assert_eq!(locate(&c, &b), expect);
}

#[test]
fn inserted_paragraphs_move_the_bookmark_with_its_text() {
    let b = bookmark(&article("x", &P), 4, 4);
    let mut edited = P.to_vec();
    edited.insert(1, "A new paragraph inserted early on.");
    edited.insert(0, "## A new heading");
    let c = corpus(vec![article("other", &P[..2]), article("x", &edited)]);
    let expect = Anchor::Moved {
        article_ix: 1,
        passages: PassageSpan::single(6),
        from: PassageSpan::single(4),
        how: Match::Exact,
    };
    assert_eq!(locate(&c, &b), expect);
}

#[test]
fn of_two_identical_passages_the_one_in_the_same_context_wins() {
    let same = "The same sentence, word for word, appears twice in this article.";
    let text = [P[0], same, P[1], P[2], P[3], same, P[4]];
    let b = bookmark(&article("x", &text), 6, 6);
    // Two paragraphs inserted at the top: the second copy is now passage 8
    // and its neighbours still agree with the saved context.
    let mut edited = text.to_vec();
    edited.splice(0..0, [P[5], "Another added paragraph."]);
    let c = corpus(vec![article("x", &edited)]);
    assert_eq!(locate(&c, &b).place(), Some((0, PassageSpan::single(8))));
    let first = bookmark(&article("x", &text), 2, 2);
    assert_eq!(
        locate(&c, &first).place(),
        Some((0, PassageSpan::single(4)))
    );
}

#[test]
fn a_passage_edited_in_place_is_found_by_its_context() {
    let b = bookmark(&article("x", &P), 3, 3);
    let mut edited = P.to_vec();
    edited[2] =
        "Nobody in Yerevan (or in Stepanakert) expected the Lachin corridor to close so soon.";
    let c = corpus(vec![article("x", &edited)]);
    let expect = Anchor::Anchored {
        article_ix: 0,
        passages: PassageSpan::single(3),
        how: Match::Context,
    };
    assert_eq!(locate(&c, &b), expect);
}

#[test]
fn a_passage_edited_and_moved_is_found_by_likeness() {
    let b = bookmark(&article("x", &P), 4, 4);
    let mut edited = P.to_vec();
    edited[3] = "Analysts still disagree about whether the mission ever had the means to protect anyone at all.";
    edited.swap(3, 5);
    edited[4] = "A rewritten neighbour so that the saved context no longer agrees.";
    let c = corpus(vec![article("x", &edited)]);
    let expect = Anchor::Moved {
        article_ix: 0,
        passages: PassageSpan::single(6),
        from: PassageSpan::single(4),
        how: Match::Fuzzy,
    };
    assert_eq!(locate(&c, &b), expect);
}

#[test]
fn a_split_passage_is_found_as_the_two_halves() {
    let b = bookmark(&article("x", &P), 2, 2);
    let mut edited = P.to_vec();
    edited.splice(
        1..2,
        [
            "Baku and Moscow signed a declaration",
            "of allied interaction just before the invasion.",
        ],
    );
    edited[0] = "The first paragraph was rewritten entirely, to lose the context.";
    edited[3] = "So was the third one, with other words altogether in it.";
    let c = corpus(vec![article("x", &edited)]);
    assert_eq!(
        locate(&c, &b).place(),
        Some((0, PassageSpan { first: 2, last: 3 }))
    );
}

#[test]
fn deleted_text_orphans_the_bookmark() {
    let b = bookmark(&article("x", &P), 5, 5);
    let mut edited = P.to_vec();
    edited.remove(4);
    let c = corpus(vec![article("x", &edited)]);
    assert_eq!(locate(&c, &b), Anchor::Orphaned);
    assert!(locate(&c, &b).is_orphaned());
    assert_eq!(locate(&c, &b).label(), "orphaned");
}

#[test]
fn a_renamed_article_is_searched_for_the_exact_quote() {
    let b = bookmark(&article("old-name", &P), 2, 2);
    let c = corpus(vec![article("unrelated", &P[4..]), article("new-name", &P)]);
    let got = locate(&c, &b);
    assert_eq!(got.place(), Some((1, PassageSpan::single(2))));
    assert!(matches!(
        got,
        Anchor::Moved {
            how: Match::Exact,
            ..
        }
    ));
}

#[test]
fn folding_and_white_space_do_not_matter() {
    let b = bookmark(&article("x", &["Russia’s role — “de jure”.", P[0]]), 1, 1);
    let c = corpus(vec![article("x", &["russia's  role - \"DE JURE\".", P[0]])]);
    assert!(matches!(
        locate(&c, &b),
        Anchor::Anchored {
            how: Match::Exact,
            ..
        }
    ));
}

#[test]
fn deleting_any_passage_of_the_bundled_corpus_never_places_it_on_other_text() {
    // The thresholds must not let one real passage stand in for another
    // that was deleted. A quote may still be found where its exact words
    // are repeated (a pull quote in its paragraph).
    let bundled = Corpus::bundled();
    let (mut wrong, mut orphaned, mut total) = (Vec::new(), 0, 0);
    for a in &bundled.articles {
        let ix = bundled.index_of(&a.id).unwrap();
        for p in &a.passages {
            total += 1;
            let b = bookmark(a, p.number, p.number);
            let kept: Vec<&str> = a
                .passages
                .iter()
                .filter(|q| q.number != p.number)
                .map(|q| a.passage_text(q))
                .collect();
            let mut rest = bundled.clone();
            rest.articles[ix] = article(&a.id, &kept);
            let got = Anchorer::new(&rest).locate(&b);
            match got.place() {
                None => orphaned += 1,
                Some((at, span)) => {
                    let there = NormArticle::new(&rest.articles[at]);
                    let quote = normalise(&b.quote.exact);
                    if !there.span_text(span).unwrap().contains(&quote) {
                        wrong.push(format!("{}:{} -> {got:?}", a.id, p.number));
                    }
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
    // The rest are pull quotes and headings repeated in the text.
    assert!(orphaned * 4 > total * 3, "{orphaned} of {total}");
}

#[test]
fn dice_counts_repeats() {
    assert_eq!(dice(&["a", "a", "b"], &["a", "b", "c"]), 2.0 * 2.0 / 6.0);
    assert_eq!(dice::<&str, &str>(&[], &[]), 1.0);
    assert_eq!(normalise("  A\u{a0}B\n\nc "), "a b c");
}
