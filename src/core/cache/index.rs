//! A corpus folder read, parsed and indexed once, kept on disk
//! (`<cache>/<hash of the folder>/index.bin`) so that the next start
//! opens it instead of reading the folder again.
//!
//! The file: a fixed header (magic, format, body length, xxh3 checksum of
//! the body), then the body: the version of dossier that wrote it, the
//! folder (canonical), the load options, one record per file of the
//! folder's [`Snapshot`] (path, size, modification time, xxh3 of the
//! file's bytes), the folder's warnings and `entities.toml`, the articles
//! (without their folded text), then the search and entity index sections
//! when they are there, what the entity index's build counted, and last
//! the repeat keys of each file cleaned
//! (what an update needs: [`crate::core::corpus::update`]). The checksum is checked before anything is
//! decoded, and everything is decoded with the bounds-checked
//! [`Reader`]: a truncated, damaged, foreign or older file is a
//! [`Stale`] reason, never trusted and never a crash.
//!
//! The file is memory-mapped for reading and written as a stream to a
//! temporary file renamed over the old one: a reader sees the old file or
//! the new one, whole, and never a file changed under its map (nothing
//! writes to a kept file in place). That is why the articles' texts are
//! served straight from the map ([`ArticleText`]), which then lives as
//! long as they do, and why the pages read so far can be given back to
//! the system at any time (they are read again from the file, the same):
//! the checksum, the texts' UTF-8 check and the decoding each give back
//! what they read as they go, so the reader keeps in memory only the
//! pages of what it shows. A file can be written in steps ([`Writing`]):
//! begun with the articles, their texts served from it at once (so that
//! a folder just read need not hold them twice), the index sections
//! appended as they are built; nothing appended changes a byte already
//! mapped, and the header (written last) is not mapped. Nothing here
//! decides when to read or write: see the runtime's loader.
//!
//! [`ArticleText`]: crate::core::corpus::ArticleText

use std::collections::HashMap;
use std::io::Write;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use bytes::Bytes;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::body::Body;
use crate::core::codec::{Malformed, Reader, Writer};
use crate::core::corpus::disk::{
    InFile, decode_article_in, decode_path, decode_warning, encode_article_head,
    encode_article_tail, encode_path, encode_warning,
};
use crate::core::corpus::{ArticleText, LoadOptions, Origin, RepeatKeys, Snapshot};
use crate::core::entity::EntityIndex;
use crate::core::search::SearchIndex;
use crate::core::{Corpus, regular_file};

/// The first bytes of every index file.
const MAGIC: &[u8; 8] = b"DOSSIDX\n";

/// Bumped whenever the layout or what is kept changes, and whenever
/// discovery or the cleaner would make other entities or texts of the same
/// files: a kept index is then built again, never served stale. (5: names
/// of web pages typed by their shape; 6: what discovery counted, kept for
/// updates of the entity index.)
pub const FORMAT: u32 = 6;

/// Magic, format, body length, checksum.
const HEADER: usize = 8 + 4 + 8 + 8;

/// How much of the map is read before its pages are given back.
const RELEASE_EVERY: usize = 32 << 20;

/// The index file of one corpus folder.
#[derive(Debug, Clone)]
pub struct IndexFile {
    file: PathBuf,
    /// The folder as given (article paths are joined to it).
    root: PathBuf,
    /// The folder with links resolved: what the file is for.
    folder: PathBuf,
    clean: bool,
}

/// Why a kept index file was not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stale {
    /// There is none yet.
    Missing,
    /// It could not be opened or mapped.
    Unreadable(String),
    /// It is not a dossier index file.
    Foreign,
    /// It was written in another format.
    Format(u32),
    /// It ends early or goes on after its end.
    Truncated,
    /// Its checksum or content is wrong.
    Damaged(String),
    /// It was written by another version of dossier.
    Version(String),
    /// It is another folder's.
    Folder,
    /// It was read with other options (`clean`).
    Options,
}

impl Stale {
    /// What the status line says once the index was made again; `None`
    /// when there was nothing to rebuild.
    pub fn message(&self) -> Option<String> {
        let why = match self {
            Stale::Missing => return None,
            Stale::Unreadable(e) => format!("could not be read ({e})"),
            Stale::Foreign => "not dossier's".to_string(),
            Stale::Format(_) | Stale::Version(_) => "from another version".to_string(),
            Stale::Truncated => "cut short".to_string(),
            Stale::Damaged(e) => format!("damaged ({e})"),
            Stale::Folder => "another folder's".to_string(),
            Stale::Options => "made with other settings".to_string(),
        };
        Some(format!("Index cache was {why}: rebuilt"))
    }
}

/// Whether a kept file still holds the folder as it is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fresh {
    /// Every file has the size and time it had.
    Same,
    /// Some were touched, but their bytes are the same: usable, and worth
    /// writing again with the new times.
    Touched,
    /// Files were added, removed or changed.
    Changed,
}

/// A file's size, modification time and content hash, as kept.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Record {
    path: PathBuf,
    len: u64,
    modified: Option<SystemTime>,
    hash: Option<u64>,
}

/// An index file opened: its header checked, its records read, its
/// sections found, nothing decoded yet. Its checksum is checked while its
/// articles are decoded ([`Opened::corpus`]); its index sections are
/// given out only once it agreed.
pub struct Opened {
    /// The map, to give its pages back.
    map: Arc<memmap2::Mmap>,
    /// The same bytes, shared with the texts served from them.
    bytes: Bytes,
    root: PathBuf,
    layout: Layout,
    /// The body, and the checksum the header gives for it.
    body: Range<usize>,
    sum: u64,
    /// The thread taking the body's checksum, until it is asked.
    hashing: std::sync::Mutex<Option<std::thread::JoinHandle<u64>>>,
    /// Whether the checksum was found to agree.
    verified: AtomicBool,
}

/// Where the sections of an opened file are.
#[derive(Default)]
struct Layout {
    records: Vec<Record>,
    entities_toml: Option<String>,
    warnings: Range<usize>,
    articles: Vec<Range<usize>>,
    search: Option<Range<usize>>,
    entities: Option<Range<usize>>,
    entity_warnings: Vec<String>,
    discovery: Option<Range<usize>>,
    repeat_keys: Option<Range<usize>>,
}

/// What a new index file is written from.
pub struct Parts<'a> {
    /// The articles, read from the folder.
    pub corpus: &'a Corpus,
    /// The folder as it was before they were read.
    pub snapshot: &'a Snapshot,
    /// The content hash of each file of `snapshot`, in its order
    /// ([`content_hashes`]).
    pub hashes: &'a [Option<u64>],
    /// The search index, encoded.
    pub search: Option<&'a [u8]>,
    /// The entity index, encoded, and its warnings.
    pub entities: Option<(&'a [u8], &'a [String])>,
    /// What the entity index's build counted, encoded
    /// ([`crate::core::entity::Discovery`]): what lets the next change
    /// update the entity index; without it, the next change builds it
    /// whole.
    pub discovery: Option<&'a [u8]>,
    /// The repeat keys of each file cleaned, as the articles were cleaned
    /// with: what lets the next change be an update
    /// ([`crate::core::corpus::update`]); without them, the next change
    /// reads the whole folder again.
    pub repeat_keys: Option<&'a RepeatKeys>,
}

impl IndexFile {
    /// The index file of `folder` (read with `opts`) under `cache_dir`.
    pub fn new(cache_dir: &Path, folder: &Path, opts: LoadOptions) -> IndexFile {
        let canonical = std::fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        IndexFile {
            file: super::folder_dir(cache_dir, &canonical).join("index.bin"),
            root: folder.to_path_buf(),
            folder: canonical,
            clean: opts.clean,
        }
    }

    /// The file it reads and writes.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Opens and checks the kept file: its header, its checksum, whose it
    /// is, its records and sections.
    pub fn open(&self) -> Result<Opened, Stale> {
        let (file, _) = match regular_file::open(&self.file) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Stale::Missing),
            Err(e) => return Err(Stale::Unreadable(e.to_string())),
        };
        // SAFETY: the map is only read, through bounds-checked readers,
        // and dossier never changes a kept file in place (new files are
        // renamed over old ones), so the mapped bytes do not change while
        // the map lives.
        let map =
            unsafe { memmap2::Mmap::map(&file) }.map_err(|e| Stale::Unreadable(e.to_string()))?;
        let (body, sum) = check_header(&map)?;
        let map = Arc::new(map);
        // The checksum is taken on a thread of its own from now on, beside
        // the layout walk and the decoding ([`Opened::corpus`]).
        let hashing = {
            let (map, body) = (Arc::clone(&map), body.clone());
            std::thread::Builder::new()
                .name("checksum".into())
                .spawn(move || checksum(&map, body))
                .ok()
        };
        let mut opened = Opened {
            bytes: Bytes::from_owner(SharedMap(Arc::clone(&map))),
            map,
            root: self.root.clone(),
            layout: Layout::default(),
            body,
            sum,
            hashing: std::sync::Mutex::new(hashing),
            verified: AtomicBool::new(false),
        };
        // A body that does not read as it should: damage, or a file
        // really not for this reader?
        match self.read_body(&opened.map, opened.body.start) {
            Ok(layout) => opened.layout = layout,
            Err(why) if opened.agrees() => return Err(why),
            Err(_) => return Err(Stale::Damaged("checksum".into())),
        }
        Ok(opened)
    }

    /// Whose the body is, and where its sections are.
    fn read_body(&self, map: &memmap2::Mmap, start: usize) -> Result<Layout, Stale> {
        let mut r = Reader::new(&map[..]);
        r.raw(start, "header").map_err(damaged)?;
        let version = r.str("version").map_err(damaged)?;
        if version != env!("CARGO_PKG_VERSION") {
            return Err(Stale::Version(version.to_string()));
        }
        let folder = decode_path(&mut r, Path::new("")).map_err(damaged)?;
        if folder != self.folder {
            return Err(Stale::Folder);
        }
        if (r.u8("options").map_err(damaged)? == 1) != self.clean {
            return Err(Stale::Options);
        }
        let layout =
            read_layout(&mut r, &self.root, &|range| release(map, range)).map_err(damaged)?;
        if !r.is_done() {
            return Err(Stale::Damaged("bytes after the end".into()));
        }
        Ok(layout)
    }

    /// Writes a new file (a temporary file renamed over the old one) and
    /// returns its size.
    pub fn write(&self, parts: &Parts<'_>) -> std::io::Result<u64> {
        let mut writing = self.begin(parts.corpus, parts.snapshot, parts.hashes)?;
        writing.search(parts.search)?;
        writing.entities(parts.entities)?;
        writing.finish(parts.discovery, parts.repeat_keys)
    }

    /// Starts a new file (a temporary file beside the old one) with all
    /// but its index sections: the folder's records and `corpus`'s
    /// articles, read from `snapshot` (`hashes` as in [`Parts`]). The
    /// sections follow ([`Writing`]).
    pub fn begin(
        &self,
        corpus: &Corpus,
        snapshot: &Snapshot,
        hashes: &[Option<u64>],
    ) -> std::io::Result<Writing> {
        let dir = self
            .file
            .parent()
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        std::fs::create_dir_all(&dir)?;
        remove_abandoned(&dir);
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let tmp = dir.join(format!(
            ".index.bin.tmp.{}.{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        // Read too: its articles' texts are served from it ([`Writing::texts`]).
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        let mut writing = Writing {
            body: Body::new(file),
            tmp,
            target: self.file.clone(),
            root: self.root.clone(),
            texts: Vec::new(),
            finished: false,
        };
        writing.body.drain()?.write_all(&[0; HEADER])?;
        self.write_head(&mut writing, corpus, snapshot, hashes)?;
        Ok(writing)
    }

    /// Everything before the index sections: whose the file is, the
    /// records, the articles (where each text lands is noted).
    fn write_head(
        &self,
        writing: &mut Writing,
        c: &Corpus,
        snapshot: &Snapshot,
        hashes: &[Option<u64>],
    ) -> std::io::Result<()> {
        let root = self.root.as_path();
        let mut w = Writer::new();
        w.str(env!("CARGO_PKG_VERSION"));
        encode_path(&mut w, &self.folder, Path::new(""));
        w.u8(u8::from(self.clean));
        w.len_of(snapshot.len());
        let hashes = hashes.iter().copied().chain(std::iter::repeat(None));
        for ((path, len, modified), hash) in snapshot.stamps().zip(hashes) {
            encode_path(&mut w, path, root);
            w.u64(len);
            put_time(&mut w, modified);
            put_opt(&mut w, hash);
        }
        w.opt_str(c.entities_toml.as_deref());
        let mut warnings = Writer::new();
        warnings.len_of(c.warnings.len());
        for warning in &c.warnings {
            encode_warning(&mut warnings, warning, root);
        }
        w.bytes(&warnings.into_bytes());
        w.len_of(c.articles.len());
        let body = &mut writing.body;
        body.put(w)?;
        writing.texts.reserve(c.articles.len());
        // Each article is written around its text, which goes to the file
        // as it is (not copied into a writer first).
        let (mut head, mut tail) = (Writer::new(), Writer::new());
        for a in &c.articles {
            head.clear();
            tail.clear();
            encode_article_head(&mut head, a);
            encode_article_tail(&mut tail, a, root);
            let text = a.text.as_bytes();
            let mut w = Writer::new();
            w.len_of(head.len() + text.len() + tail.len());
            let at = body.len() as usize + w.len() + head.len();
            writing.texts.push(at..at + text.len());
            body.put(w)?;
            body.put_raw(head.as_bytes())?;
            body.put_raw(text)?;
            body.put_raw(tail.as_bytes())?;
        }
        Ok(())
    }
}

/// A new index file being written to a temporary file: begun with its
/// articles ([`IndexFile::begin`]), their texts then served from it if
/// wished ([`Writing::texts`]) while the index sections are built and
/// appended in the file's order ([`Writing::search`], then
/// [`Writing::entities`]), then [`Writing::finish`]ed: its header written,
/// synced and renamed over the old file. Dropped unfinished, the temporary
/// file is removed (texts served from it stay readable: the map holds it).
pub struct Writing {
    body: Body,
    tmp: PathBuf,
    target: PathBuf,
    /// The folder the paths of the repeat keys are written relative to.
    root: PathBuf,
    /// Where each article's text is in the body.
    texts: Vec<Range<usize>>,
    finished: bool,
}

/// The articles' texts of a file being written, served from its map: see
/// [`Writing::texts`].
pub struct Texts(Arc<memmap2::Mmap>);

impl Texts {
    /// Gives back the memory of the pages of texts read so far: they stay
    /// in the system's file cache, read again from there if asked for.
    pub fn release(&self) {
        release(&self.0, 0..self.0.len());
    }
}

impl Writing {
    /// Serves the texts of `corpus` (the articles the file was begun
    /// with) from the file, read back and compared, its pages given back
    /// as it goes: the owned copies are dropped, and the texts are in
    /// memory only while read. An article whose text does not read back
    /// as written keeps its own (and the file is not finished: an error).
    ///
    /// Nothing written from now on changes a byte of the map: the sections
    /// are appended after it and the header, before it, is not mapped.
    pub fn texts(&mut self, corpus: &mut Corpus) -> std::io::Result<Texts> {
        if corpus.articles.len() != self.texts.len() {
            return Err(std::io::Error::other(
                "the articles are not those the file was begun with",
            ));
        }
        let file = self.body.drain()?;
        let len = self.texts.last().map_or(0, |t| t.end).max(1);
        // SAFETY: the body written so far, which nothing changes again:
        // the file is this writer's own (a new name, opened `create_new`),
        // only appended to after this, its header (not mapped) rewritten
        // in place; renamed over the kept file, it is a kept file, which
        // dossier never changes in place.
        let map = unsafe {
            memmap2::MmapOptions::new()
                .offset(HEADER as u64)
                .len(len)
                .map(&*file)
        }?;
        let map = Arc::new(map);
        let bytes = Bytes::from_owner(SharedMap(Arc::clone(&map)));
        let mut read_from = 0;
        let mut differs = false;
        for (a, range) in corpus.articles.iter_mut().zip(&self.texts) {
            if range.end > read_from + RELEASE_EVERY {
                release(&map, read_from..range.start);
                read_from = range.start;
            }
            match ArticleText::kept_as(&bytes, range.clone(), &a.text) {
                Some(text) => a.text = text,
                None => differs = true,
            }
        }
        release(&map, 0..map.len());
        if differs {
            return Err(std::io::Error::other(
                "an article's text did not read back as written",
            ));
        }
        Ok(Texts(map))
    }

    /// Appends the search index section (encoded), or says there is none.
    pub fn search(&mut self, bytes: Option<&[u8]>) -> std::io::Result<()> {
        self.body.section(bytes)
    }

    /// Appends the search index section of `len` bytes as `encode` hands
    /// them out, a part at a time (never all in memory): see
    /// [`Writing::section_from`].
    pub fn search_from(
        &mut self,
        len: usize,
        encode: impl FnOnce(&mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.section_from(len, encode)
    }

    /// Appends `index` as the search index section, a part at a time, its
    /// length counted first ([`SearchIndex::encoded_len`]).
    pub fn search_index(&mut self, index: &SearchIndex) -> std::io::Result<()> {
        self.search_from(index.encoded_len(), |out| index.encode_to(out))
    }

    /// Appends `index` as the entity index section, a part at a time, its
    /// length counted first ([`EntityIndex::encoded_len`]), and its
    /// warnings.
    pub fn entity_index(
        &mut self,
        index: &EntityIndex,
        warnings: &[String],
    ) -> std::io::Result<()> {
        self.entities_from(index.encoded_len(), |out| index.encode_to(out), warnings)
    }

    /// Appends the entity index section (encoded) and its warnings, or
    /// says there is none.
    pub fn entities(&mut self, entities: Option<(&[u8], &[String])>) -> std::io::Result<()> {
        self.body.section(entities.map(|e| e.0))?;
        self.entity_warnings(entities.map_or(&[][..], |e| e.1))
    }

    /// Appends the entity index section of `len` bytes as `encode` hands
    /// them out (see [`Writing::section_from`]), and its warnings.
    pub fn entities_from(
        &mut self,
        len: usize,
        encode: impl FnOnce(&mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()>,
        warnings: &[String],
    ) -> std::io::Result<()> {
        self.section_from(len, encode)?;
        self.entity_warnings(warnings)
    }

    /// Appends a section of `len` bytes (its length comes first) as
    /// `encode` hands them out, a part at a time. Bytes that differ in
    /// length from `len` are an error, the file not finished.
    fn section_from(
        &mut self,
        len: usize,
        encode: impl FnOnce(&mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        let mut w = Writer::new();
        w.u8(1);
        w.len_of(len);
        self.body.put(w)?;
        let mut written = 0;
        let changed = || std::io::Error::other("an index section is not as long as said");
        encode(&mut |b| {
            written += b.len();
            if written > len {
                return Err(changed());
            }
            self.body.put_raw(b)
        })?;
        if written != len {
            return Err(changed());
        }
        Ok(())
    }

    fn entity_warnings(&mut self, warnings: &[String]) -> std::io::Result<()> {
        let mut w = Writer::new();
        w.len_of(warnings.len());
        for e in warnings {
            w.str(e);
        }
        self.body.put(w)
    }

    /// Appends the last sections, what the entity index's build counted
    /// (see [`Parts::discovery`]) and the repeat keys of each file cleaned
    /// (see [`Parts::repeat_keys`]), writes the header (the body's length
    /// and checksum), syncs the file and renames it over the kept one;
    /// returns its size.
    pub fn finish(
        mut self,
        discovery: Option<&[u8]>,
        repeat_keys: Option<&RepeatKeys>,
    ) -> std::io::Result<u64> {
        self.body.section(discovery)?;
        let keys = repeat_keys.map(|keys| {
            let mut w = Writer::new();
            // In path order: the same folder gives the same bytes.
            let mut files: Vec<_> = keys.iter().collect();
            files.sort_unstable_by(|a, b| a.0.cmp(b.0));
            w.len_of(files.len());
            for (path, keys) in files {
                encode_path(&mut w, path, &self.root);
                w.len_of(keys.len());
                for &k in keys {
                    w.u64(k);
                }
            }
            w.into_bytes()
        });
        self.body.section(keys.as_deref())?;
        let (sum, len) = (self.body.digest(), self.body.len());
        let mut header = Writer::new();
        header.raw(MAGIC);
        header.u32(FORMAT);
        header.u64(len);
        header.u64(sum);
        self.body.finish(&header.into_bytes())?;
        std::fs::rename(&self.tmp, &self.target)?;
        self.finished = true;
        Ok(HEADER as u64 + len)
    }
}

impl Drop for Writing {
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

impl Opened {
    /// Whether the folder, as `now` saw it, is still what the file holds:
    /// a file whose size or time changed counts as the same when its bytes
    /// hash as they did.
    pub fn check(&self, now: &Snapshot) -> Fresh {
        if now.len() != self.layout.records.len() {
            return Fresh::Changed;
        }
        let mut fresh = Fresh::Same;
        for ((path, len, modified), rec) in now.stamps().zip(&self.layout.records) {
            if path != rec.path {
                return Fresh::Changed;
            }
            if (len, modified) != (rec.len, rec.modified) {
                let same = rec.hash.is_some()
                    && regular_file::read(path).is_ok_and(|b| Some(xxh3_64(&b)) == rec.hash);
                if !same {
                    return Fresh::Changed;
                }
                fresh = Fresh::Touched;
            }
        }
        fresh
    }

    /// Gives back the memory of the pages read so far (the indexes, once
    /// decoded): they stay in the system's file cache, and are read again
    /// from there if asked for.
    pub fn release(&self) {
        release(&self.map, 0..self.map.len());
    }

    /// The content hash of each file, in the order of the records.
    pub fn hashes(&self) -> Vec<Option<u64>> {
        self.layout.records.iter().map(|r| r.hash).collect()
    }

    /// The folder as it was when the file was written: each file's size
    /// and modification time.
    pub fn snapshot(&self) -> Snapshot {
        self.layout
            .records
            .iter()
            .map(|r| (r.path.clone(), (r.len, r.modified)))
            .collect()
    }

    /// The content hash of each file that was read, by path.
    pub fn content_hashes(&self) -> HashMap<PathBuf, u64> {
        self.layout
            .records
            .iter()
            .filter_map(|r| Some((r.path.clone(), r.hash?)))
            .collect()
    }

    /// The repeat keys of each file cleaned, as kept; `None` when the file
    /// keeps none, or before its checksum agreed ([`Opened::corpus`]).
    pub fn repeat_keys(&self) -> Option<Result<RepeatKeys, Malformed>> {
        let range = self.layout.repeat_keys.clone()?;
        if !self.verified.load(Ordering::Acquire) {
            return None;
        }
        let mut r = Reader::new(&self.map[range.clone()]);
        let decode = |r: &mut Reader<'_>| -> Result<RepeatKeys, Malformed> {
            let n = r.count(2, "repeat keys")?;
            let mut keys = RepeatKeys::with_capacity(n);
            for _ in 0..n {
                let path = decode_path(r, &self.root)?;
                let k = r.count(8, "repeat keys")?;
                let file = (0..k)
                    .map(|_| r.u64("repeat key"))
                    .collect::<Result<Vec<_>, _>>()?;
                keys.insert(path, file);
            }
            match r.is_done() {
                true => Ok(keys),
                false => Err(Malformed {
                    what: "repeat keys end",
                    at: range.start + r.position(),
                }),
            }
        };
        Some(decode(&mut r))
    }

    /// The articles, decoded on every core, their texts served from the
    /// file (checked to be UTF-8, then given back to the system: only the
    /// pages of a text read later come back), while one more thread checks
    /// the file's checksum: a file that does not agree is an error
    /// (`checksum`), whatever was decoded.
    pub fn corpus(&self) -> Result<Corpus, Malformed> {
        let mut r = Reader::new(&self.map[self.layout.warnings.clone()]);
        let n = r.count(1, "warnings")?;
        let warnings = (0..n)
            .map(|_| decode_warning(&mut r, &self.root))
            .collect::<Result<Vec<_>, _>>()?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let chunk = self.layout.articles.len().div_ceil(threads.max(1)).max(1);
        let decoded = std::thread::scope(|s| {
            let handles: Vec<_> = self
                .layout
                .articles
                .chunks(chunk)
                .map(|ranges| {
                    s.spawn(move || {
                        let mut read_from = ranges.first().map_or(0, |r| r.start);
                        ranges
                            .iter()
                            .map(|range| {
                                let mut r = Reader::new(&self.map[range.clone()]);
                                let kept = InFile {
                                    file: &self.bytes,
                                    at: range.start,
                                };
                                let a = decode_article_in(&mut r, &self.root, Some(kept))?;
                                if range.end - read_from >= RELEASE_EVERY {
                                    release(&self.map, read_from..range.end);
                                    read_from = range.end;
                                }
                                match r.is_done() {
                                    true => Ok(a),
                                    false => Err(Malformed {
                                        what: "article end",
                                        at: range.start + r.position(),
                                    }),
                                }
                            })
                            .collect()
                    })
                })
                .collect();
            let decoded: Vec<Result<Vec<_>, Malformed>> = handles.into_iter().map(joined).collect();
            decoded
        });
        self.release();
        if !self.agrees() {
            return Err(Malformed {
                what: "checksum",
                at: HEADER,
            });
        }
        self.verified.store(true, Ordering::Release);
        let mut articles = Vec::with_capacity(self.layout.articles.len());
        for part in decoded {
            articles.extend(part?);
        }
        Ok(Corpus {
            articles,
            warnings,
            origin: Origin::Folder(self.root.clone()),
            entities_toml: self.layout.entities_toml.clone(),
            content_hashes: Default::default(),
        })
    }

    /// Whether the body's checksum is the header's: the thread's answer
    /// (waited for), or taken now when it could not be started.
    fn agrees(&self) -> bool {
        let hashing = self.hashing.lock().ok().and_then(|mut h| h.take());
        let sum = match hashing {
            Some(h) => h.join().ok(),
            None => Some(checksum(&self.map, self.body.clone())),
        };
        sum == Some(self.sum)
    }

    /// The search index section, as written; `None` until the checksum
    /// agreed ([`Opened::corpus`]).
    pub fn search_section(&self) -> Option<&[u8]> {
        let verified = self.verified.load(Ordering::Acquire);
        self.layout
            .search
            .clone()
            .filter(|_| verified)
            .map(|r| &self.map[r])
    }

    /// The entity index section, as written, and its warnings; `None`
    /// until the checksum agreed ([`Opened::corpus`]).
    pub fn entity_section(&self) -> Option<(&[u8], &[String])> {
        let verified = self.verified.load(Ordering::Acquire);
        self.layout
            .entities
            .clone()
            .filter(|_| verified)
            .map(|r| (&self.map[r], self.layout.entity_warnings.as_slice()))
    }
}

impl Opened {
    /// What the entity index's build counted, as written
    /// ([`Parts::discovery`]); `None` when the file keeps none, or until
    /// the checksum agreed ([`Opened::corpus`]).
    pub fn discovery_section(&self) -> Option<&[u8]> {
        let verified = self.verified.load(Ordering::Acquire);
        self.layout
            .discovery
            .clone()
            .filter(|_| verified)
            .map(|r| &self.map[r])
    }
}

/// What a thread returned, or its panic, passed on.
fn joined<T>(h: std::thread::ScopedJoinHandle<'_, T>) -> T {
    h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))
}

/// The map as the owner of the bytes the texts are served from.
struct SharedMap(Arc<memmap2::Mmap>);

impl AsRef<[u8]> for SharedMap {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

/// Drops the mapped pages of `range` (widened to whole pages) from the
/// process's memory (`MADV_DONTNEED`); nothing on systems without it.
fn release(map: &memmap2::Mmap, range: Range<usize>) {
    let start = range.start.min(map.len());
    let len = range.end.min(map.len()).saturating_sub(start);
    #[cfg(unix)]
    // SAFETY: the map is a read-only view of a file nobody changes in
    // place (a new file is renamed over it): a page dropped here and read
    // again, by a text served from the map or a decoder borrowing it,
    // holds the same bytes as before.
    let _ = unsafe { map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, len) };
    #[cfg(not(unix))]
    let _ = (map, start, len);
}

/// The xxh3 checksum of `body`, its pages given back as it goes.
fn checksum(map: &memmap2::Mmap, body: Range<usize>) -> u64 {
    let mut hash = Xxh3::new();
    for start in body.clone().step_by(RELEASE_EVERY) {
        let part = start..(start + RELEASE_EVERY).min(body.end);
        #[cfg(target_os = "linux")]
        let _ = map.advise_range(memmap2::Advice::PopulateRead, part.start, part.len());
        hash.update(&map[part.clone()]);
        release(map, part);
    }
    hash.digest()
}

/// The body's range and its checksum, when the header is dossier's, of
/// this format, and the length agrees with the bytes.
fn check_header(bytes: &[u8]) -> Result<(Range<usize>, u64), Stale> {
    let mut r = Reader::new(bytes);
    match r.raw(MAGIC.len(), "magic") {
        Ok(m) if m == MAGIC => {}
        Ok(_) => return Err(Stale::Foreign),
        Err(_) if bytes.is_empty() || MAGIC.starts_with(bytes) => return Err(Stale::Truncated),
        Err(_) => return Err(Stale::Foreign),
    }
    let format = r.u32("format").map_err(|_| Stale::Truncated)?;
    if format != FORMAT {
        return Err(Stale::Format(format));
    }
    let len = r.u64("length").map_err(|_| Stale::Truncated)?;
    let sum = r.u64("checksum").map_err(|_| Stale::Truncated)?;
    match (r.remaining() as u64).cmp(&len) {
        std::cmp::Ordering::Less => return Err(Stale::Truncated),
        std::cmp::Ordering::Greater => return Err(Stale::Damaged("bytes after the end".into())),
        std::cmp::Ordering::Equal => {}
    }
    Ok((HEADER..bytes.len(), sum))
}

/// Everything after the options, its sections as ranges of the file;
/// what was read (the start of each article) is given back to
/// `release` as it goes.
fn read_layout(
    r: &mut Reader<'_>,
    root: &Path,
    release: &dyn Fn(Range<usize>),
) -> Result<Layout, Malformed> {
    let n = r.count(11, "records")?;
    let mut records = Vec::with_capacity(n);
    for _ in 0..n {
        records.push(Record {
            path: decode_path(r, root)?,
            len: r.u64("file size")?,
            modified: get_time(r)?,
            hash: get_opt(r, "content hash")?,
        });
    }
    let entities_toml = r.opt_str("entities.toml")?.map(str::to_string);
    let warnings = range_of(r, "warnings")?;
    let n = r.count(1, "articles")?;
    let mut articles = Vec::with_capacity(n);
    let mut read_from = r.position();
    for _ in 0..n {
        articles.push(range_of(r, "article")?);
        if r.position() - read_from >= RELEASE_EVERY {
            release(read_from..r.position());
            read_from = r.position();
        }
    }
    release(read_from..r.position());
    let search = get_section(r, "search index")?;
    let entities = get_section(r, "entity index")?;
    let n = r.count(1, "entity warnings")?;
    let entity_warnings = (0..n)
        .map(|_| r.str("entity warning").map(str::to_string))
        .collect::<Result<_, _>>()?;
    let discovery = get_section(r, "discovery's counts")?;
    let repeat_keys = get_section(r, "repeat keys")?;
    Ok(Layout {
        records,
        entities_toml,
        warnings,
        articles,
        search,
        entities,
        entity_warnings,
        discovery,
        repeat_keys,
    })
}

/// The range of a length-prefixed byte string, skipped.
fn range_of(r: &mut Reader<'_>, what: &'static str) -> Result<Range<usize>, Malformed> {
    let n = r.count(1, what)?;
    let start = r.position();
    r.raw(n, what)?;
    Ok(start..start + n)
}

fn get_section(r: &mut Reader<'_>, what: &'static str) -> Result<Option<Range<usize>>, Malformed> {
    match r.u8(what)? {
        0 => Ok(None),
        1 => range_of(r, what).map(Some),
        _ => Err(Malformed {
            what,
            at: r.position() - 1,
        }),
    }
}

fn put_opt(w: &mut Writer, v: Option<u64>) {
    match v {
        None => w.u8(0),
        Some(v) => {
            w.u8(1);
            w.u64(v);
        }
    }
}

fn get_opt(r: &mut Reader<'_>, what: &'static str) -> Result<Option<u64>, Malformed> {
    match r.u8(what)? {
        0 => Ok(None),
        1 => r.u64(what).map(Some),
        _ => Err(Malformed {
            what,
            at: r.position() - 1,
        }),
    }
}

/// A modification time as seconds and nanoseconds since 1970 (a time
/// before then, or none, as none).
fn put_time(w: &mut Writer, t: Option<SystemTime>) {
    let d = t.and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok());
    match d {
        None => w.u8(0),
        Some(d) => {
            w.u8(1);
            w.u64(d.as_secs());
            w.u32(d.subsec_nanos());
        }
    }
}

fn get_time(r: &mut Reader<'_>) -> Result<Option<SystemTime>, Malformed> {
    let at = r.position();
    let bad = Malformed {
        what: "modification time",
        at,
    };
    match r.u8("modification time")? {
        0 => Ok(None),
        1 => {
            let (secs, nanos) = (r.u64("modification time")?, r.u32("modification time")?);
            if nanos >= 1_000_000_000 {
                return Err(bad);
            }
            Ok(SystemTime::UNIX_EPOCH.checked_add(Duration::new(secs, nanos)))
        }
        _ => Err(bad),
    }
}

/// Temporary files older than this were left by a reader that quit while
/// writing (a write takes seconds, or on a cold start as long as the
/// folder takes to index, and each part appended touches the file).
const ABANDONED: Duration = Duration::from_secs(600);

/// Removes the temporary files of writes that never finished: those
/// whose writer is no longer running (their name holds its process id),
/// and any left long ago.
fn remove_abandoned(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.filter_map(Result::ok) {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(".index.bin.tmp.") else {
            continue;
        };
        let old = e
            .metadata()
            .ok()
            .and_then(|m| m.modified().ok())
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > ABANDONED);
        let writer = rest.split('.').next().and_then(|p| p.parse::<u32>().ok());
        if old || writer.is_some_and(gone) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether process `pid` (not this one) is known not to run any more.
fn gone(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 sends nothing: it only asks whether the
        // process exists.
        let status = unsafe { libc::kill(pid, 0) };
        status != 0 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
    }
    #[cfg(not(unix))]
    false
}

fn damaged(e: Malformed) -> Stale {
    Stale::Damaged(e.to_string())
}

/// The xxh3 hash of each file of `snapshot`, in its order, as `corpus`
/// took it when it read the file (taken after the snapshot: a file changed
/// in between is kept with the hash of what was read, so the next start
/// finds its new time, compares the bytes and reads it again only if they
/// are not what was read); `None` for a file not read.
pub fn content_hashes(snapshot: &Snapshot, corpus: &Corpus) -> Vec<Option<u64>> {
    snapshot
        .stamps()
        .map(|(path, _, _)| corpus.content_hashes.get(path).copied())
        .collect()
}
