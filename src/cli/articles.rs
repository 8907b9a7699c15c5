//! `dossier list` and `dossier show`.

use serde::Serialize;

use super::{Ctx, ListArgs, ShowArgs, find_article, json_line};
use crate::core::{Error, PassageKind};

#[derive(Serialize)]
struct ListRow<'a> {
    id: &'a str,
    title: &'a str,
    author: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    words: usize,
    passages: usize,
}

/// `dossier list [--json]`.
pub fn list(ctx: &mut Ctx, args: &ListArgs) -> Result<i32, Error> {
    let corpus = ctx.corpus()?;
    for a in &corpus.articles {
        if args.json {
            json_line(
                ctx.out,
                &ListRow {
                    id: &a.id,
                    title: &a.title,
                    author: a.meta.author.as_deref(),
                    source: a.meta.source.as_deref(),
                    date: a.meta.date.as_deref(),
                    words: a.words,
                    passages: a.passages.len(),
                },
            )?;
        } else {
            writeln!(ctx.out, "{}\t{}\t{}", a.id, a.title, a.words)?;
        }
    }
    Ok(0)
}

/// `dossier show ID`: title, metadata line, then the passages separated by
/// blank lines.
pub fn show(ctx: &mut Ctx, args: &ShowArgs) -> Result<i32, Error> {
    let corpus = ctx.corpus()?;
    let a = &corpus.articles[find_article(&corpus, &args.id)?];
    writeln!(ctx.out, "{}", a.title)?;
    let meta = a.meta.line();
    if !meta.is_empty() {
        writeln!(ctx.out, "{meta}")?;
    }
    for p in &a.passages {
        let text = a.passage_text(p);
        match p.kind {
            PassageKind::Quote => writeln!(ctx.out, "\n> {text}")?,
            _ => writeln!(ctx.out, "\n{text}")?,
        }
    }
    Ok(0)
}
