//! `dossier search QUERY... [--limit N] [--json]`: ranked passages.
//!
//! Plain output is one line per passage, `ID:PASSAGE<TAB>sentence`, where the
//! sentence is the one that matched best (tabs and line breaks in it become
//! spaces). `--json` writes JSON Lines with `article` (id), `title`,
//! `passage`, `score` (higher is better, comparable within one query),
//! `text` (the whole passage) and `matches`: `[start, end]` pairs of
//! character offsets (Unicode scalar values, end exclusive) into `text`.
//! Exit status 1 when nothing matches, as grep.

use serde::Serialize;

use super::{Ctx, SearchArgs, json_line};
use crate::core::search::{EntitySynonyms, Hit, Query, SearchIndex};
use crate::core::text::char_offset;
use crate::core::{Corpus, Error};

#[derive(Serialize)]
struct Row<'a> {
    article: &'a str,
    title: &'a str,
    passage: usize,
    score: u64,
    text: &'a str,
    matches: Vec<[usize; 2]>,
}

/// `dossier search QUERY...`.
pub fn run(ctx: &mut Ctx, args: &SearchArgs) -> Result<i32, Error> {
    if args.limit == 0 {
        return Err(Error::BadArgument(
            "--limit must be at least 1 (it is how many passages to print)".into(),
        ));
    }
    let text = args.query.join(" ");
    if Query::parse(&text).is_empty() {
        return Err(Error::BadArgument(format!(
            "the query '{text}' has no word to look for; give at least one word, e.g. `dossier search lachin corridor`"
        )));
    }
    let corpus = ctx.corpus()?;
    // A name from entities.toml also finds the entity's other names.
    let synonyms = EntitySynonyms::from_toml(corpus.entities_toml.as_deref());
    let query = Query::parse_with(&text, &synonyms);
    // One search: index only the words the query can match.
    let index = SearchIndex::build_for(&corpus, &query);
    let hits = index.search(&corpus, &query, args.limit);
    if hits.is_empty() {
        return Ok(1);
    }
    for h in &hits {
        if args.json {
            json_line(ctx.out, &row(&corpus, h))?;
        } else {
            let a = &corpus.articles[h.article];
            let sentence = one_line(&a.text[h.sentence.clone()]);
            writeln!(ctx.out, "{}:{}\t{}", a.id, h.passage, sentence)?;
        }
    }
    Ok(0)
}

fn row<'a>(corpus: &'a Corpus, h: &Hit) -> Row<'a> {
    let a = &corpus.articles[h.article];
    let p = &a.passages[h.passage - 1];
    let text = a.passage_text(p);
    let matches = h
        .matches
        .iter()
        .map(|r| {
            let s = r.start.saturating_sub(p.range.start);
            let e = r.end.saturating_sub(p.range.start);
            [char_offset(text, s), char_offset(text, e)]
        })
        .collect();
    Row {
        article: &a.id,
        title: &a.title,
        passage: h.passage,
        score: h.score,
        text,
        matches,
    }
}

/// The text with tabs and line breaks turned into spaces, so that one hit is
/// one line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c == '\t' || c == '\n' || c == '\r' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_line_has_no_breaks() {
        assert_eq!(super::one_line("a\tb\nc"), "a b c");
    }
}
