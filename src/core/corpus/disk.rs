//! Articles to bytes and back, for the index kept in the cache folder
//! ([`crate::core::cache`]): everything an [`Article`] holds (its
//! sentences are split when asked, never kept).
//!
//! Decoding trusts nothing: a text must be UTF-8 (a text served from the
//! kept file is checked there, in place, see [`ArticleText`]), every byte
//! range must lie inside its text and on character boundaries, so a damaged file is a [`Malformed`] error,
//! never a panic later when the reader slices a passage. Paths are kept
//! relative to the corpus folder and joined to it again on decode, so an
//! article read through another path to the same folder points at files
//! that exist.

use std::ops::Range;
use std::path::{Path, PathBuf};

use bytes::Bytes;

use super::{Article, ArticleText, Hidden, LoadWarning, Meta, Passage, PassageKind, Reason};
use crate::core::codec::{Malformed, Reader, Writer};

/// Every [`Reason`], in the order of their byte on disk (never reorder:
/// append, and bump the cache's format).
const REASONS: [Reason; 13] = [
    Reason::Title,
    Reason::PageTitle,
    Reason::Byline,
    Reason::Date,
    Reason::Copyright,
    Reason::Boilerplate,
    Reason::Repeated,
    Reason::Duplicate,
    Reason::Short,
    Reason::NotProse,
    Reason::NotText,
    Reason::AfterEnd,
    Reason::PullQuote,
];

const KINDS: [PassageKind; 3] = [
    PassageKind::Paragraph,
    PassageKind::Heading,
    PassageKind::Quote,
];

/// Writes `a`, its path relative to `root`; returns where its text's
/// bytes are in `w`.
pub fn encode_article(w: &mut Writer, a: &Article, root: &Path) -> Range<usize> {
    encode_article_head(w, a);
    let start = w.len();
    w.raw(a.text.as_bytes());
    let text = start..w.len();
    encode_article_tail(w, a, root);
    text
}

/// What [`encode_article`] writes before the text's bytes (the text's
/// length last): with [`encode_article_tail`], an article can be written
/// around its text, which need not be copied into a writer.
pub fn encode_article_head(w: &mut Writer, a: &Article) {
    w.str(&a.id);
    w.str(&a.title);
    for field in meta_fields(&a.meta) {
        w.opt_str(field.as_deref());
    }
    w.len_of(a.text.len());
}

/// What [`encode_article`] writes after the text's bytes.
pub fn encode_article_tail(w: &mut Writer, a: &Article, root: &Path) {
    w.len_of(a.passages.len());
    for p in &a.passages {
        w.len_of(p.number);
        range(w, &p.range);
        w.u8(KINDS.iter().position(|k| *k == p.kind).unwrap_or(0) as u8);
    }
    w.len_of(a.words);
    match &a.path {
        None => w.u8(0),
        Some(p) => {
            w.u8(1);
            encode_path(w, p, root);
        }
    }
    w.str(&a.folder);
    w.len_of(a.hidden.len());
    for h in &a.hidden {
        w.len_of(h.after);
        w.str(&h.text);
        w.u8(REASONS.iter().position(|r| *r == h.reason).unwrap_or(0) as u8);
    }
}

/// Where the bytes being decoded lie in a kept index file: `file` holds
/// them from byte `at` on. Article texts are then served from `file`,
/// uncopied.
#[derive(Debug, Clone, Copy)]
pub struct InFile<'a> {
    /// The whole file.
    pub file: &'a Bytes,
    /// Where the reader's bytes start in it.
    pub at: usize,
}

/// Reads an article written by [`encode_article`], its path joined to
/// `root`; its text is a copy.
pub fn decode_article(r: &mut Reader<'_>, root: &Path) -> Result<Article, Malformed> {
    decode_article_in(r, root, None)
}

/// Reads an article written by [`encode_article`], its path joined to
/// `root`; its text is served from `kept` when given (the reader's bytes
/// being a part of that file), and copied otherwise.
pub fn decode_article_in(
    r: &mut Reader<'_>,
    root: &Path,
    kept: Option<InFile<'_>>,
) -> Result<Article, Malformed> {
    let id = r.str("article id")?.to_string();
    let title = r.str("article title")?.to_string();
    let mut meta = [None, None, None, None, None, None];
    for m in &mut meta {
        *m = r.opt_str("article metadata")?.map(str::to_string);
    }
    let [author, source, date, note, url, added] = meta;
    let text = read_text(r, kept)?;
    let n = r.count(4, "passages")?;
    let mut passages = Vec::with_capacity(n);
    for _ in 0..n {
        let number = r.varint("passage number")? as usize;
        let range = read_range(r, &text, "passage range")?;
        let kind = pick(r, &KINDS, "passage kind")?;
        passages.push(Passage {
            number,
            range,
            kind,
        });
    }
    let words = r.varint("word count")? as usize;
    let path = match r.u8("article path")? {
        0 => None,
        1 => Some(decode_path(r, root)?),
        _ => return Err(bad(r, "article path")),
    };
    let folder = r.str("article folder")?.to_string();
    let n = r.count(3, "hidden blocks")?;
    let mut hidden = Vec::with_capacity(n);
    for _ in 0..n {
        hidden.push(Hidden {
            after: r.varint("hidden block place")? as usize,
            text: r.str("hidden block")?.to_string(),
            reason: pick(r, &REASONS, "hidden block reason")?,
        });
    }
    Ok(Article {
        id,
        title,
        meta: Meta {
            author,
            source,
            date,
            note,
            url,
            added,
        },
        text,
        passages,
        words,
        path,
        folder,
        hidden,
    })
}

/// Writes a load warning, its path relative to `root` when inside it.
pub fn encode_warning(w: &mut Writer, warning: &LoadWarning, root: &Path) {
    encode_path(w, &warning.path, root);
    w.str(&warning.message);
}

/// Reads a warning written by [`encode_warning`].
pub fn decode_warning(r: &mut Reader<'_>, root: &Path) -> Result<LoadWarning, Malformed> {
    Ok(LoadWarning {
        path: decode_path(r, root)?,
        message: r.str("warning")?.to_string(),
    })
}

/// Writes `path` relative to `root` (flag 0), or whole when outside it
/// (flag 1).
pub fn encode_path(w: &mut Writer, path: &Path, root: &Path) {
    match path.strip_prefix(root) {
        Ok(rel) => {
            w.u8(0);
            w.bytes(&path_bytes(rel));
        }
        Err(_) => {
            w.u8(1);
            w.bytes(&path_bytes(path));
        }
    }
}

/// Reads a path written by [`encode_path`].
pub fn decode_path(r: &mut Reader<'_>, root: &Path) -> Result<PathBuf, Malformed> {
    let flag = r.u8("path")?;
    let at = r.position();
    let bytes = r.bytes("path")?;
    let p = bytes_path(bytes).ok_or(Malformed { what: "path", at })?;
    match flag {
        0 if p.as_os_str().is_empty() => Ok(root.to_path_buf()),
        0 => Ok(root.join(p)),
        1 => Ok(p),
        _ => Err(Malformed { what: "path", at }),
    }
}

#[cfg(unix)]
fn path_bytes(p: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    p.as_os_str().as_bytes().to_vec()
}

#[cfg(unix)]
fn bytes_path(b: &[u8]) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStrExt;
    Some(PathBuf::from(std::ffi::OsStr::from_bytes(b)))
}

#[cfg(not(unix))]
fn path_bytes(p: &Path) -> Vec<u8> {
    p.to_string_lossy().into_owned().into_bytes()
}

#[cfg(not(unix))]
fn bytes_path(b: &[u8]) -> Option<PathBuf> {
    std::str::from_utf8(b).ok().map(PathBuf::from)
}

fn meta_fields(m: &Meta) -> [&Option<String>; 6] {
    [&m.author, &m.source, &m.date, &m.note, &m.url, &m.added]
}

fn range(w: &mut Writer, r: &Range<usize>) {
    w.len_of(r.start);
    w.len_of(r.end.saturating_sub(r.start));
}

/// The article text: a range of the kept file, or a copy; UTF-8 either
/// way.
fn read_text(r: &mut Reader<'_>, kept: Option<InFile<'_>>) -> Result<ArticleText, Malformed> {
    let at = r.position();
    let raw = r.bytes("article text")?;
    let end = r.position();
    let text = match kept {
        Some(k) => ArticleText::kept(k.file, k.at + end - raw.len()..k.at + end),
        None => std::str::from_utf8(raw).ok().map(ArticleText::from),
    };
    text.ok_or(Malformed {
        what: "article text",
        at,
    })
}

/// A range that must lie in `text`, on character boundaries.
fn read_range(
    r: &mut Reader<'_>,
    text: &str,
    what: &'static str,
) -> Result<Range<usize>, Malformed> {
    let at = r.position();
    let start = r.varint(what)?;
    let len = r.varint(what)?;
    let end = start.checked_add(len);
    match (
        usize::try_from(start),
        end.and_then(|e| usize::try_from(e).ok()),
    ) {
        (Ok(s), Some(e))
            if e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e) =>
        {
            Ok(s..e)
        }
        _ => Err(Malformed { what, at }),
    }
}

fn pick<T: Copy>(r: &mut Reader<'_>, all: &[T], what: &'static str) -> Result<T, Malformed> {
    let at = r.position();
    let i = r.u8(what)? as usize;
    all.get(i).copied().ok_or(Malformed { what, at })
}

fn bad(r: &Reader<'_>, what: &'static str) -> Malformed {
    Malformed {
        what,
        at: r.position().saturating_sub(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::Corpus;
    use crate::core::corpus::LoadOptions;

    fn same(a: &Article, b: &Article) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.title, b.title);
        assert_eq!(a.meta, b.meta);
        assert_eq!(a.text, b.text);
        assert_eq!(a.words, b.words);
        assert_eq!(a.path, b.path);
        assert_eq!(a.folder, b.folder);
        let ps = |a: &Article| {
            a.passages
                .iter()
                .map(|p| (p.number, p.range.clone(), p.kind))
                .collect::<Vec<_>>()
        };
        assert_eq!(ps(a), ps(b));
        let hs = |a: &Article| {
            a.hidden
                .iter()
                .map(|h| (h.after, h.text.clone(), h.reason))
                .collect::<Vec<_>>()
        };
        assert_eq!(hs(a), hs(b));
    }

    fn folder() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(
            d.join("a.md"),
            "---\ntitle: Ставрополь\nauthor: A. Writer\nurl: http://x\n---\n\n## Head\n\n> quote\n\nOne. Two é.",
        )
        .unwrap();
        // A copied web page: cleaned, with hidden blocks.
        let seed = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/boilerplate/seeds/000_6d9f219ec080981b.txt");
        std::fs::copy(seed, d.join("sub/b.txt")).unwrap();
        dir
    }

    #[test]
    fn articles_come_back_as_read_in_another_place() {
        let dir = folder();
        let c = Corpus::load_dir_with(dir.path(), LoadOptions::default()).unwrap();
        assert!(c.articles.iter().any(|a| !a.hidden.is_empty()));
        let mut w = Writer::new();
        for a in &c.articles {
            encode_article(&mut w, a, dir.path());
        }
        let bytes = w.into_bytes();
        let mut r = Reader::new(&bytes);
        for a in &c.articles {
            same(a, &decode_article(&mut r, dir.path()).unwrap());
        }
        assert!(r.is_done());
        // Another path to the same folder: the paths follow it.
        let mut r = Reader::new(&bytes);
        let moved = decode_article(&mut r, Path::new("/elsewhere")).unwrap();
        assert_eq!(moved.path.unwrap(), Path::new("/elsewhere/a.md"));
    }

    #[test]
    fn damage_is_an_error_never_a_panic() {
        let dir = folder();
        let c = Corpus::load_dir_with(dir.path(), LoadOptions::default()).unwrap();
        let mut w = Writer::new();
        encode_article(&mut w, &c.articles[1], dir.path());
        let bytes = w.into_bytes();
        for cut in 0..bytes.len() {
            assert!(decode_article(&mut Reader::new(&bytes[..cut]), dir.path()).is_err());
        }
        // Every byte flipped in turn: an error or an article whose ranges
        // all slice.
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0xa5;
            if let Ok(a) = decode_article(&mut Reader::new(&b), dir.path()) {
                for p in &a.passages {
                    let _ = a.passage_text(p);
                    let _ = a.sentences(p);
                }
            }
        }
    }

    #[test]
    fn a_kept_text_is_served_from_the_file_and_refused_when_not_utf8() {
        let dir = folder();
        let c = Corpus::load_dir_with(dir.path(), LoadOptions::default()).unwrap();
        let a = c.articles.iter().find(|a| a.text.contains('é')).unwrap();
        let mut w = Writer::new();
        w.raw(b"head");
        encode_article(&mut w, a, dir.path());
        let file = Bytes::from(w.into_bytes());
        let decode = |file: &Bytes, kept: bool| {
            let kept = kept.then_some(InFile { file, at: 4 });
            decode_article_in(&mut Reader::new(&file[4..]), dir.path(), kept)
        };
        let got = decode(&file, true).unwrap();
        same(a, &got);
        // Not a copy: the text is the file's bytes.
        let at = file
            .windows(a.text.len())
            .position(|w| w == a.text.as_bytes())
            .unwrap();
        assert_eq!(got.text.as_ptr(), file[at..].as_ptr());
        // The "é" cut in two: refused, kept or copied.
        let e = at + a.text.find('é').unwrap();
        let mut damaged = file.to_vec();
        damaged[e + 1] = b'e';
        let damaged = Bytes::from(damaged);
        for kept in [true, false] {
            let err = decode(&damaged, kept).unwrap_err();
            assert_eq!(err.what, "article text", "kept: {kept}");
        }
    }

    #[test]
    fn a_range_off_a_character_boundary_is_malformed() {
        let mut w = Writer::new();
        w.varint(1);
        w.varint(1);
        let bytes = w.into_bytes();
        let e = read_range(&mut Reader::new(&bytes), "é", "r").unwrap_err();
        assert_eq!(e.what, "r");
    }

    #[test]
    fn warnings_keep_paths_inside_and_outside_the_folder() {
        let root = Path::new("/corpus");
        let mut w = Writer::new();
        for p in ["/corpus/sub/x.txt", "/other/y.txt", "/corpus"] {
            encode_warning(
                &mut w,
                &LoadWarning {
                    path: PathBuf::from(p),
                    message: "skipped".into(),
                },
                root,
            );
        }
        let bytes = w.into_bytes();
        let mut r = Reader::new(&bytes);
        for p in ["/corpus/sub/x.txt", "/other/y.txt", "/corpus"] {
            assert_eq!(decode_warning(&mut r, root).unwrap().path, Path::new(p));
        }
    }
}
