//! `dossier entities` and `dossier mentions`: the entity index on the
//! command line. `dossier entities --with NAME` lists the entities that
//! share passages with NAME (co-occurrence).
//!
//! `mentions --json` gives `start` and `end` as **character** offsets (not
//! bytes) into the text of the passage named by `passage` — the passage as
//! `dossier show` prints it — or, when `field` is `title` or `meta`
//! (`passage` is then 0), into the title or the metadata line.

use std::collections::BTreeMap;

use serde::Serialize;
use unicode_width::UnicodeWidthStr;

use super::{Ctx, EntitiesArgs, MentionsArgs, Read, json_line};
use crate::core::entity::{CoOccurrence, EntityIndex, Field, KwicSort, field_text};
use crate::core::text::char_offset;
use crate::core::{Corpus, Error};

/// The entity index: the one the reader kept with the articles, or else
/// built. Catalogue warnings are printed like load warnings.
fn index(ctx: &mut Ctx, read: &Read) -> EntityIndex {
    let (index, warnings) = read.kept_entities().unwrap_or_else(|| {
        let (index, warnings) = EntityIndex::build(&read.corpus);
        (index, warnings.iter().map(|w| w.to_string()).collect())
    });
    for w in &warnings {
        let _ = writeln!(ctx.err, "dossier: warning: {w}");
    }
    index
}

#[derive(Serialize)]
struct EntityRow<'a> {
    name: &'a str,
    kind: &'a str,
    aliases: &'a [String],
    mentions: usize,
    articles: usize,
    discovered: bool,
    /// Mentions per article id, for the articles that have any.
    per_article: BTreeMap<&'a str, usize>,
}

/// `dossier entities [--json]`: every entity, most mentioned first; with
/// `--with NAME`, the entities that share passages with NAME.
pub fn list(ctx: &mut Ctx, args: &EntitiesArgs) -> Result<i32, Error> {
    let read = ctx.read()?;
    let index = index(ctx, &read);
    let corpus = read.corpus;
    if let Some(name) = &args.with {
        return with(ctx, &corpus, &index, name, args.json);
    }
    let mut entities: Vec<_> = index.entities().iter().collect();
    entities.sort_by(|a, b| {
        b.mentions
            .cmp(&a.mentions)
            .then_with(|| a.discovered.cmp(&b.discovered))
            .then_with(|| a.name.cmp(&b.name))
    });
    if args.json {
        for e in entities {
            let per_article = index
                .articles_of(e.id)
                .map(|a| (corpus.articles[a].id.as_str(), index.count_in(e.id, a)))
                .collect();
            json_line(
                ctx.out,
                &EntityRow {
                    name: &e.name,
                    kind: e.kind.as_str(),
                    aliases: &e.aliases,
                    mentions: e.mentions,
                    articles: e.articles,
                    discovered: e.discovered,
                    per_article,
                },
            )?;
        }
        return Ok(0);
    }
    let name_w = entities
        .iter()
        .map(|e| e.name.width())
        .max()
        .unwrap_or(0)
        .max(4);
    writeln!(
        ctx.out,
        "{:<12}  {:<name_w$}  {:>8}  {:>8}  {:>9}",
        "KIND", "NAME", "MENTIONS", "ARTICLES", "FROM"
    )?;
    for e in entities {
        let pad = name_w.saturating_sub(e.name.width());
        let from = if e.discovered {
            "discovery"
        } else {
            "catalogue"
        };
        writeln!(
            ctx.out,
            "{:<12}  {}{:pad$}  {:>8}  {:>8}  {from:>9}",
            e.kind.as_str(),
            e.name,
            "",
            e.mentions,
            e.articles
        )?;
    }
    Ok(0)
}

#[derive(Serialize)]
struct WithRow<'a> {
    name: &'a str,
    kind: &'a str,
    /// How many passages mention both.
    passages: usize,
    /// How many mentions of this entity those passages have.
    mentions: usize,
    /// The passages, as `ARTICLE:PASSAGE` (what `dossier show` and
    /// `dossier search` print).
    #[serde(rename = "where")]
    places: Vec<String>,
}

/// `dossier entities --with NAME`: the entities of NAME's passages.
fn with(
    ctx: &mut Ctx,
    corpus: &Corpus,
    index: &EntityIndex,
    name: &str,
    json: bool,
) -> Result<i32, Error> {
    let Some(id) = index.resolve(name) else {
        no_such_entity(ctx, index, name)?;
        return Ok(1);
    };
    let rows = index.co_occurring(id);
    let places = |c: &CoOccurrence| -> Vec<String> {
        c.passages
            .iter()
            .map(|&(a, p)| format!("{}:{p}", corpus.articles[a].id))
            .collect()
    };
    if json {
        for c in &rows {
            let Some(e) = index.entity(c.entity) else {
                continue;
            };
            json_line(
                ctx.out,
                &WithRow {
                    name: &e.name,
                    kind: e.kind.as_str(),
                    passages: c.passages.len(),
                    mentions: c.mentions,
                    places: places(c),
                },
            )?;
        }
        return Ok(0);
    }
    let this = index.entity(id).map_or(name, |e| e.name.as_str());
    if rows.is_empty() {
        writeln!(
            ctx.out,
            "No other entity is mentioned in the passages of '{this}'."
        )?;
        return Ok(0);
    }
    let name_w = rows
        .iter()
        .filter_map(|c| index.entity(c.entity))
        .map(|e| e.name.width())
        .max()
        .unwrap_or(0)
        .max(4);
    writeln!(
        ctx.out,
        "{:<12}  {:<name_w$}  {:>8}  {:>8}  FIRST PASSAGES WITH '{this}'",
        "KIND", "NAME", "PASSAGES", "MENTIONS"
    )?;
    for c in &rows {
        let Some(e) = index.entity(c.entity) else {
            continue;
        };
        let pad = name_w.saturating_sub(e.name.width());
        let mut first: Vec<String> = places(c).into_iter().take(3).collect();
        if c.passages.len() > 3 {
            first.push("...".into());
        }
        writeln!(
            ctx.out,
            "{:<12}  {}{:pad$}  {:>8}  {:>8}  {}",
            e.kind.as_str(),
            e.name,
            "",
            c.passages.len(),
            c.mentions,
            first.join(" ")
        )?;
    }
    Ok(0)
}

/// Says that `name` names no entity, with the closest names.
fn no_such_entity(ctx: &mut Ctx, index: &EntityIndex, name: &str) -> Result<(), Error> {
    let names: Vec<String> = index
        .suggest(name, 5)
        .into_iter()
        .filter_map(|s| index.entity(s))
        .map(|e| format!("'{}'", e.name))
        .collect();
    if names.is_empty() {
        writeln!(
            ctx.err,
            "dossier: no entity is named '{name}'; `dossier entities` lists them all"
        )?;
    } else {
        writeln!(
            ctx.err,
            "dossier: no entity is named '{name}'; did you mean {}? (`dossier entities` lists them all)",
            names.join(", ")
        )?;
    }
    Ok(())
}

#[derive(Serialize)]
struct MentionRow<'a> {
    entity: &'a str,
    article: &'a str,
    passage: usize,
    field: &'a str,
    start: usize,
    end: usize,
    surface: &'a str,
    left: &'a str,
    right: &'a str,
}

/// `dossier mentions NAME [--json] [--context N]`: every mention in
/// context. Exit 1 when NAME names no entity (with suggestions) or the
/// entity has no mention.
pub fn mentions(ctx: &mut Ctx, args: &MentionsArgs) -> Result<i32, Error> {
    let name = args.name.join(" ");
    let read = ctx.read()?;
    let index = index(ctx, &read);
    let corpus = read.corpus;
    let Some(id) = index.lookup(&name) else {
        no_such_entity(ctx, &index, &name)?;
        return Ok(1);
    };
    let entity = index.entity(id).map_or(name.as_str(), |e| e.name.as_str());
    let lines = index.concordance(&corpus, id, args.context, KwicSort::Article);
    if lines.is_empty() {
        writeln!(
            ctx.err,
            "dossier: '{entity}' is not mentioned in these articles"
        )?;
        return Ok(1);
    }
    if args.json {
        for l in &lines {
            let m = &l.mention;
            let a = &corpus.articles[m.article()];
            let (start, end) = char_range(a, m.field(), m.passage(), m.range());
            json_line(
                ctx.out,
                &MentionRow {
                    entity,
                    article: &a.id,
                    passage: m.passage(),
                    field: m.field().as_str(),
                    start,
                    end,
                    surface: &l.surface,
                    left: &l.left,
                    right: &l.right,
                },
            )?;
        }
        return Ok(0);
    }
    let place = |l: &crate::core::entity::KwicLine| {
        let m = &l.mention;
        let id = &corpus.articles[m.article()].id;
        match m.field() {
            Field::Body => format!("{id}:{}", m.passage()),
            f => format!("{id}:{}", f.as_str()),
        }
    };
    // Plain KWIC: the space next to the mention is left out, and two spaces
    // set the mention apart, so the mentions form one column.
    let place_w = lines.iter().map(|l| place(l).width()).max().unwrap_or(0);
    let left = |l: &crate::core::entity::KwicLine| l.left.trim_start().trim_end().to_string();
    let left_w = lines.iter().map(|l| left(l).width()).max().unwrap_or(0);
    for l in &lines {
        let (p, lt) = (place(l), left(l));
        let (pp, lp) = (place_w - p.width(), left_w - lt.width());
        let line = format!(
            "{p}{:pp$}  {:lp$}{lt}  {}  {}",
            "",
            "",
            l.surface,
            l.right.trim()
        );
        writeln!(ctx.out, "{}", line.trim_end())?;
    }
    Ok(0)
}

/// Char offsets of a mention into its passage (or title, metadata line).
fn char_range(
    a: &crate::core::Article,
    field: Field,
    passage: usize,
    r: std::ops::Range<usize>,
) -> (usize, usize) {
    let text = field_text(a, field);
    let base = match field {
        Field::Body => a.passage(passage).map_or(0, |p| p.range.start),
        _ => 0,
    };
    let within = text.get(base..).unwrap_or("");
    (
        char_offset(within, r.start.saturating_sub(base)),
        char_offset(within, r.end.saturating_sub(base)),
    )
}
