//! `dossier bookmarks list|add|remove|export`: the bookmark store from the
//! command line, for scripts and for citing.
//!
//! Every command opens the store first: a bookmarks file dossier cannot read
//! is an error (exit 2) naming the file, and is left untouched; so is a
//! write-protected one for `add` and `remove` (`list` and `export` read it). Listing and
//! exporting re-anchor the bookmarks in the corpus given; adding also saves
//! the places of bookmarks that moved.

use serde::Serialize;

use super::{BookmarksCommand, Ctx, ExportFormat, find_article, json_line};
use crate::core::bookmarks::{Anchor, Bookmark, BookmarkStore, PassageSpan, export, format_time};
use crate::core::paths::Paths;
use crate::core::text::sanitise;
use crate::core::{Corpus, Error};

/// Characters of the quote shown by the plain `list`.
const QUOTE_CHARS: usize = 48;

/// `dossier bookmarks list|add|remove|export`.
pub fn run(ctx: &mut Ctx, cmd: &BookmarksCommand) -> Result<i32, Error> {
    let path = Paths::detect().bookmarks_file(ctx.cli.bookmarks.as_deref());
    let mut store = BookmarkStore::open(&path);
    // A write-protected file can still be listed and exported.
    let writes = matches!(
        cmd,
        BookmarksCommand::Add { .. } | BookmarksCommand::Remove { .. }
    );
    let problem = if writes {
        store.error()
    } else {
        store.read_error()
    };
    if let Some(e) = problem {
        return Err(e);
    }
    match cmd {
        BookmarksCommand::List { json } => list(ctx, &mut store, *json),
        BookmarksCommand::Add { spec, note } => {
            add(ctx, &mut store, spec, note.as_deref().unwrap_or(""))
        }
        BookmarksCommand::Remove { id } => remove(ctx, &mut store, id),
        BookmarksCommand::Export { format } => export(ctx, &mut store, *format),
    }
}

#[derive(Serialize)]
struct ListRow<'a> {
    id: &'a str,
    article: &'a str,
    title: &'a str,
    passage: usize,
    last_passage: usize,
    status: &'static str,
    quote: &'a str,
    note: &'a str,
    created: String,
    updated: String,
}

/// Loads the corpus and places every bookmark in it.
fn anchored(ctx: &mut Ctx, store: &mut BookmarkStore) -> Result<(Corpus, Vec<Anchor>), Error> {
    let corpus = ctx.corpus()?;
    let anchors = store.anchor(&corpus);
    Ok((corpus, anchors))
}

/// `list [--json]`, in corpus order, orphaned bookmarks last.
fn list(ctx: &mut Ctx, store: &mut BookmarkStore, json: bool) -> Result<i32, Error> {
    let (corpus, anchors) = anchored(ctx, store)?;
    let bookmarks = store.bookmarks();
    if bookmarks.is_empty() && !json {
        writeln!(
            ctx.err,
            "dossier: no bookmarks yet in {}; add one with `dossier bookmarks add ARTICLE:PASSAGE` or `m` in the reader",
            store.path().display()
        )?;
        return Ok(0);
    }
    let order = export::in_corpus_order(bookmarks, &anchors);
    let place = |i: usize| -> (String, String, PassageSpan) {
        let b = &bookmarks[i];
        match anchors[i].place() {
            Some((ix, span)) => (
                corpus.articles[ix].id.clone(),
                corpus.articles[ix].title.clone(),
                span,
            ),
            None => (b.article.clone(), b.title.clone(), b.passages),
        }
    };
    if json {
        for &i in &order {
            let b = &bookmarks[i];
            let (article, title, span) = place(i);
            json_line(
                ctx.out,
                &ListRow {
                    id: &b.id,
                    article: &article,
                    title: &title,
                    passage: span.first,
                    last_passage: span.last,
                    status: anchors[i].label(),
                    quote: &b.quote.exact,
                    note: &b.note,
                    created: format_time(b.created),
                    updated: format_time(b.updated),
                },
            )?;
        }
        return Ok(0);
    }
    let rows: Vec<(String, &Bookmark)> = order
        .iter()
        .map(|&i| {
            let (article, _, span) = place(i);
            let mut loc = format!("{}:{span}", one_line(&article));
            if anchors[i].is_orphaned() {
                loc.push_str(" (orphaned)");
            }
            (loc, &bookmarks[i])
        })
        .collect();
    let width = rows
        .iter()
        .map(|(loc, _)| loc.chars().count())
        .max()
        .unwrap_or(0);
    for (loc, b) in rows {
        let quote = format!("“{}”", shorten(&one_line(&b.quote.exact), QUOTE_CHARS));
        let note = one_line(&b.note.replace('\n', " / "));
        let line = format!("{:<8}  {loc:<width$}  {quote}  {note}", one_line(&b.id));
        writeln!(ctx.out, "{}", line.trim_end())?;
    }
    Ok(0)
}

/// `add ARTICLE:PASSAGE[-PASSAGE] [--note TEXT]`: prints the new id.
fn add(ctx: &mut Ctx, store: &mut BookmarkStore, spec: &str, note: &str) -> Result<i32, Error> {
    let Some((key, passages)) = spec.rsplit_once(':') else {
        return Err(Error::BadArgument(format!(
            "'{spec}' does not say which passage: write ARTICLE:PASSAGE or ARTICLE:FIRST-LAST, e.g. story-of-a-betrayal:4 or story-of-a-betrayal:4-6"
        )));
    };
    let span = PassageSpan::parse(passages)?;
    let (corpus, _) = anchored(ctx, store)?;
    let article = &corpus.articles[find_article(&corpus, key)?];
    let b = store.add(article, span, note)?;
    writeln!(ctx.out, "{}", b.id)?;
    Ok(0)
}

/// `remove ID`: exit 1 when there is no such bookmark.
fn remove(ctx: &mut Ctx, store: &mut BookmarkStore, id: &str) -> Result<i32, Error> {
    match store.remove(id)? {
        Some(b) => {
            writeln!(
                ctx.out,
                "removed {} ({}:{})",
                b.id,
                one_line(&b.article),
                b.passages
            )?;
            Ok(0)
        }
        None => {
            writeln!(
                ctx.err,
                "dossier: no bookmark has the id '{}' in {}; see `dossier bookmarks list`",
                one_line(id),
                store.path().display()
            )?;
            Ok(1)
        }
    }
}

/// `export [--format md|json]`.
fn export(ctx: &mut Ctx, store: &mut BookmarkStore, format: ExportFormat) -> Result<i32, Error> {
    let (corpus, anchors) = anchored(ctx, store)?;
    match format {
        ExportFormat::Md => ctx
            .out
            .write_all(export::markdown(&corpus, store.bookmarks(), &anchors).as_bytes())?,
        ExportFormat::Json => {
            let v = export::json(&corpus, store.bookmarks(), &anchors);
            serde_json::to_writer_pretty(&mut *ctx.out, &v).map_err(|e| Error::Io(e.into()))?;
            ctx.out.write_all(b"\n")?;
        }
    }
    Ok(0)
}

/// Safe on a terminal and on one line (the file may have been edited by
/// hand).
fn one_line(s: &str) -> String {
    sanitise(s).replace(['\n', '\t'], " ")
}

/// At most `max` characters, ending in `…` when cut (at a word when one
/// ends near the cut).
fn shorten(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max - 1).collect();
    let at_word = cut
        .rfind(' ')
        .filter(|&i| i > cut.len() / 2)
        .unwrap_or(cut.len());
    format!("{}…", cut[..at_word].trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 12), "one two…");
        assert_eq!(shorten("abcdefghijklmnop", 6), "abcde…");
    }
}
