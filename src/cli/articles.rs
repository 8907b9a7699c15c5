//! `dossier list` and `dossier show`.

use serde::Serialize;

use super::{Ctx, ListArgs, ShowArgs, find_article, json_line};
use crate::core::corpus::{Article, Hidden, Reason};
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
    /// The subfolder, relative to the dossier folder; `""` for the folder
    /// itself.
    folder: &'a str,
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
                    folder: &a.folder,
                },
            )?;
        } else if a.folder.is_empty() {
            writeln!(ctx.out, "{}\t{}\t{}", a.id, a.title, a.words)?;
        } else {
            // Folder names are read from the disk: untrusted text.
            let folder = crate::core::text::sanitise(&a.folder);
            writeln!(ctx.out, "{}\t{}\t{}\t{folder}", a.id, a.title, a.words)?;
        }
    }
    Ok(0)
}

/// `dossier show ID [--all] [--json]`: title, metadata line, then the
/// passages separated by blank lines; with `--all` the hidden blocks too,
/// in their place, each marked with why it was hidden.
pub fn show(ctx: &mut Ctx, args: &ShowArgs) -> Result<i32, Error> {
    let corpus = ctx.corpus()?;
    let a = &corpus.articles[find_article(&corpus, &args.id)?];
    if args.json {
        json_line(ctx.out, &ShowJson::of(a))?;
        return Ok(0);
    }
    writeln!(ctx.out, "{}", a.title)?;
    let meta = a.meta.line();
    if !meta.is_empty() {
        writeln!(ctx.out, "{meta}")?;
    }
    if !a.folder.is_empty() {
        let folder = crate::core::text::sanitise(&a.folder);
        writeln!(ctx.out, "in {folder}/")?;
    }
    let mut hidden = a.hidden.iter().peekable();
    for (i, p) in a.passages.iter().enumerate() {
        while args.all
            && let Some(h) = hidden.next_if(|h| h.after <= i)
        {
            write_hidden(ctx, h)?;
        }
        let text = a.passage_text(p);
        match p.kind {
            PassageKind::Quote => writeln!(ctx.out, "\n> {text}")?,
            _ => writeln!(ctx.out, "\n{text}")?,
        }
    }
    if args.all {
        for h in hidden {
            write_hidden(ctx, h)?;
        }
    }
    Ok(0)
}

fn write_hidden(ctx: &mut Ctx, h: &Hidden) -> Result<(), Error> {
    writeln!(ctx.out, "\n[hidden: {}] {}", h.reason.describe(), h.text)?;
    Ok(())
}

/// `dossier show --json`.
#[derive(Serialize)]
struct ShowJson<'a> {
    id: &'a str,
    title: &'a str,
    author: Option<&'a str>,
    source: Option<&'a str>,
    date: Option<&'a str>,
    /// How the text was read: where the title came from, what the source
    /// lacks. Not part of the article.
    note: Option<&'a str>,
    path: Option<String>,
    /// The subfolder, relative to the dossier folder; `""` for the folder
    /// itself.
    folder: &'a str,
    words: usize,
    passages: Vec<PassageJson<'a>>,
    hidden: Vec<HiddenJson<'a>>,
}

#[derive(Serialize)]
struct PassageJson<'a> {
    number: usize,
    kind: &'static str,
    text: &'a str,
}

#[derive(Serialize)]
struct HiddenJson<'a> {
    /// Shown passages before it (0: before the first).
    after: usize,
    reason: Reason,
    why: &'static str,
    text: &'a str,
}

impl<'a> ShowJson<'a> {
    fn of(a: &'a Article) -> Self {
        ShowJson {
            id: &a.id,
            title: &a.title,
            author: a.meta.author.as_deref(),
            source: a.meta.source.as_deref(),
            date: a.meta.date.as_deref(),
            note: a.meta.note.as_deref(),
            path: a.path.as_ref().map(|p| p.display().to_string()),
            folder: &a.folder,
            words: a.words,
            passages: a
                .passages
                .iter()
                .map(|p| PassageJson {
                    number: p.number,
                    kind: match p.kind {
                        PassageKind::Quote => "quote",
                        PassageKind::Heading => "heading",
                        PassageKind::Paragraph => "paragraph",
                    },
                    text: a.passage_text(p),
                })
                .collect(),
            hidden: a
                .hidden
                .iter()
                .map(|h| HiddenJson {
                    after: h.after,
                    reason: h.reason,
                    why: h.reason.describe(),
                    text: &h.text,
                })
                .collect(),
        }
    }
}
