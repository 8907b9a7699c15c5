//! `dossier search QUERY... [--limit N] [--json]`: ranked passages.
//!
//! Plain output is one line per passage, `ID:PASSAGE<TAB>sentence`, where the
//! sentence is the one that matched best (tabs and line breaks in it become
//! spaces). `--json` writes JSON Lines with `article` (id), `title`,
//! `passage`, `score` (higher is better, comparable within one query),
//! `text` (the whole passage), `matches`: `[start, end]` pairs of
//! character offsets (Unicode scalar values, end exclusive) into `text`,
//! `matched` and `words` (query words the passage has, and in all) and
//! `missing` (the query words it lacks).
//!
//! When no passage has every word, the best partial matches are printed and
//! a note on standard error says so ("no passage has all 4 words; best
//! matches with 3"). `@name` terms keep the passages that mention the
//! entity (resolved with the entity index). Exit status 1 only when nothing
//! matches at all, as grep.

use serde::Serialize;

use super::{Ctx, SearchArgs, json_line};
use crate::core::cache::FolderCache;
use crate::core::corpus::Origin;
use crate::core::entity::EntityIndex;
use crate::core::paths::Paths;
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
    matched: usize,
    words: usize,
    missing: Vec<&'a str>,
}

/// `dossier search QUERY...`.
pub fn run(ctx: &mut Ctx, args: &SearchArgs) -> Result<i32, Error> {
    if args.limit == 0 {
        return Err(Error::BadArgument(
            "--limit must be at least 1 (it is how many passages to print)".into(),
        ));
    }
    let text = args.query.join(" ");
    // Parsed once without synonyms for what needs no corpus: is there a
    // word, is there an @name (then the entity index is built anyway).
    let plain = Query::parse(&text);
    if plain.is_empty() {
        return Err(Error::BadArgument(format!(
            "the query '{text}' has no word to look for; give at least one word, e.g. `dossier search lachin corridor`"
        )));
    }
    let read = ctx.read()?;
    let (corpus, snapshot) = (&read.corpus, &read.snapshot);
    // The entity index is the one alias model: a name (catalogued or
    // discovered) also finds the entity's other names. Discovering the
    // entities of a whole folder takes longer than the search itself, so
    // their names are kept in the cache until a file of the folder changes;
    // `@name` terms need the mentions, and so the index, anyway.
    let cache = match (&corpus.origin, snapshot) {
        (Origin::Folder(dir), Some(s)) => {
            Some(FolderCache::new(&Paths::detect().cache_dir, dir, s))
        }
        _ => None,
    };
    let needs_index = !plain.entities.is_empty();
    let kept = cache
        .as_ref()
        .filter(|_| !needs_index)
        .and_then(FolderCache::synonyms);
    let (entities, synonyms) = match kept {
        Some(s) => (None, s),
        None => {
            let entities = match read.kept_entities() {
                Some((entities, _)) => entities,
                None => EntityIndex::build(corpus).0,
            };
            let synonyms = EntitySynonyms::from_entities(entities.entities());
            if let Some(c) = &cache {
                // A cache that cannot be written only costs time next run.
                let _ = c.keep(&synonyms);
            }
            (Some(entities), synonyms)
        }
    };
    let query = Query::parse_with(&text, &synonyms);
    let within = match &entities {
        Some(entities) => match mentioned(ctx, entities, &query.entities)? {
            Ok(w) => w,
            Err(code) => return Ok(code),
        },
        None => None,
    };
    // The index the reader kept with the articles, or for one search one
    // of only the words the query can match.
    let index = read
        .kept_search()
        .unwrap_or_else(|| SearchIndex::build_for(corpus, &query));
    let found = index.lookup(corpus, &query, args.limit, within.as_deref());
    if let Some(note) = found.shortened_note() {
        writeln!(ctx.err, "dossier: {note}")?;
    }
    if let Some(note) = &found.note
        && !found.hits.is_empty()
    {
        writeln!(ctx.err, "dossier: {note}")?;
    }
    if found.hits.is_empty() {
        return Ok(1);
    }
    let positive: Vec<&str> = query.positive().map(|t| t.text.as_str()).collect();
    for h in &found.hits {
        if args.json {
            json_line(ctx.out, &row(corpus, h, &positive))?;
        } else {
            let a = &corpus.articles[h.article];
            let sentence = one_line(&a.text[h.sentence.clone()]);
            writeln!(ctx.out, "{}:{}\t{}", a.id, h.passage, sentence)?;
        }
    }
    Ok(0)
}

/// The passages where every `@name` entity is mentioned, as (article index,
/// passage number); `None` when the query names none. `Err(1)` (after a
/// message naming the closest entities) when a name names nothing.
#[allow(clippy::type_complexity)]
fn mentioned(
    ctx: &mut Ctx,
    index: &EntityIndex,
    names: &[String],
) -> Result<Result<Option<Vec<(usize, usize)>>, i32>, Error> {
    let mut ids = Vec::new();
    for name in names {
        let Some(id) = index.resolve(name) else {
            let close: Vec<String> = index
                .suggest(name, 5)
                .into_iter()
                .filter_map(|s| index.entity(s))
                .map(|e| format!("'{}'", e.name))
                .collect();
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!("; did you mean {}?", close.join(", "))
            };
            writeln!(
                ctx.err,
                "dossier: no entity is named '@{name}'{hint} (`dossier entities` lists them all)"
            )?;
            return Ok(Err(1));
        };
        ids.push(id);
    }
    Ok(Ok((!ids.is_empty()).then(|| index.passages_with_all(&ids))))
}

fn row<'a>(corpus: &'a Corpus, h: &Hit, positive: &[&'a str]) -> Row<'a> {
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
    let missing = positive
        .iter()
        .enumerate()
        .filter(|(i, _)| !h.matched.contains(i))
        .map(|(_, t)| *t)
        .collect();
    Row {
        article: &a.id,
        title: &a.title,
        passage: h.passage,
        score: h.score,
        text,
        matches,
        matched: h.matched.len(),
        words: h.terms,
        missing,
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
