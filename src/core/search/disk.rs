//! The [`SearchIndex`] written to bytes and read back, for the index cache:
//! [`SearchIndex::encode`] and [`SearchIndex::decode`].
//!
//! Decoding is meant to be fast (a warm start reads the index of a whole
//! large folder): tables are fixed-width `u32` arrays read in bulk, and the
//! postings are one blob cut into segments by their lengths. It is also
//! safe: the caller checksums the whole file, so postings are copied as
//! they are (a posting's passage number is not checked), but every other
//! invariant a query relies on without checking is checked here — table
//! lengths agree, offsets ascend and stay inside their tables, vocabulary
//! words end on char boundaries, runs and passages are inside their tables
//! and match the corpus the index is decoded for — so that, with the
//! postings the checksum vouches for, a decoded index can never make a
//! query panic. Anything wrong is a [`Malformed`] error, never a panic.
//!
//! This module never reads files; the caller hands it the bytes.

use fuzzy_matcher::skim::SkimMatcherV2;

use super::index::{Groups, PassageEntry, SearchIndex, Skip};
use crate::core::codec::{Malformed, Reader, SPILL_BYTES, Writer};
use crate::core::corpus::Corpus;

/// Marks the start of an encoded search index ("SIX" and a format number).
const TAG: u32 = u32::from_le_bytes(*b"SIX1");
/// Word lengths in chars that [`SearchIndex::by_len`] keeps apart (the last
/// holds every longer word).
const LENGTHS: usize = 65;

impl SearchIndex {
    /// Appends the index to `w`: everything but the matcher, which
    /// [`SearchIndex::decode`] makes fresh.
    pub fn encode(&self, w: &mut Writer) {
        self.encode_marked(w, &mut Vec::new());
    }

    /// The bytes [`SearchIndex::encode`] writes, handed to `out` a part at
    /// a time (about [`SPILL_BYTES`] each at most), never all in memory at
    /// once: the postings alone are a third of the size of the text. Stops
    /// at the first error `out` returns.
    pub fn encode_to(
        &self,
        out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        self.encode_spilling(out, SPILL_BYTES)
    }

    /// How many bytes [`SearchIndex::encode`] writes (counted as they are
    /// made, a part at a time: the section's length comes before them).
    pub fn encoded_len(&self) -> usize {
        let mut len = 0;
        // Counting never fails.
        let _ = self.encode_to(&mut |b| {
            len += b.len();
            Ok(())
        });
        len
    }

    /// [`SearchIndex::encode_to`], handing out the bytes once `spill` or
    /// more are gathered.
    fn encode_spilling(
        &self,
        out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
        spill: usize,
    ) -> std::io::Result<()> {
        let mut w = Writer::new();
        self.encode_tables(&mut w, &mut |w, _| w.spill_to(out, spill))?;
        out(w.as_bytes())
    }

    /// [`SearchIndex::encode`], noting in `marks` where each table starts
    /// (for tests that cut the bytes there).
    fn encode_marked(&self, w: &mut Writer, marks: &mut Vec<usize>) {
        // Marking never fails.
        let _ = self.encode_tables(w, &mut |w, table| {
            if table {
                marks.push(w.len());
            }
            Ok(())
        });
    }

    /// Writes the index to `w`, calling `mark` with it where each table
    /// starts (`true`) and after each postings segment (`false`), where the
    /// bytes so far may be taken out of `w`.
    fn encode_tables(
        &self,
        w: &mut Writer,
        mark: &mut dyn FnMut(&mut Writer, bool) -> std::io::Result<()>,
    ) -> std::io::Result<()> {
        w.u32(TAG);
        mark(w, true)?;
        w.str(&self.vocab_text);
        mark(w, true)?;
        w.u32s(&self.vocab_ends);
        mark(w, true)?;
        w.u32s(&self.masks);
        mark(w, true)?;
        w.u32s(&self.word_segments);
        mark(w, true)?;
        w.bytes(&self.segment_runs);
        mark(w, true)?;
        let lens: Vec<u32> = self.segments.iter().map(|s| s.len() as u32).collect();
        w.u32s(&lens);
        drop(lens);
        mark(w, true)?;
        w.len_of(self.postings_bytes());
        for s in &self.segments {
            w.raw(s);
            mark(w, false)?;
        }
        mark(w, true)?;
        w.u32s(&self.segment_skips);
        mark(w, true)?;
        let passages: Vec<u32> = self.skips.iter().map(|s| s.passage).collect();
        w.u32s(&passages);
        drop(passages);
        mark(w, true)?;
        let at: Vec<u32> = self.skips.iter().map(|s| s.at).collect();
        w.u32s(&at);
        drop(at);
        mark(w, true)?;
        w.u32s(&self.run_starts);
        mark(w, true)?;
        w.len_of(self.by_len.len());
        for ids in &self.by_len {
            mark(w, true)?;
            w.u32s(ids);
        }
        mark(w, true)?;
        w.u32s(&self.article_start);
        mark(w, true)?;
        let words: Vec<u32> = self.passages.iter().map(|p| p.words).collect();
        w.u32s(&words);
        Ok(())
    }

    /// Reads an index written by [`SearchIndex::encode`] for `corpus`, which
    /// must be the corpus it was built from: the same articles with the
    /// same passages and the same text. Bytes that do not make such an
    /// index are an error.
    pub fn decode(r: &mut Reader<'_>, corpus: &Corpus) -> Result<SearchIndex, Malformed> {
        let at = r.position();
        let bad = |what: &'static str| Malformed { what, at };
        if r.u32("search index tag")? != TAG {
            return Err(bad("search index tag"));
        }
        let vocab_text = r.str("vocabulary")?.to_owned();
        let vocab_ends = r.u32s("vocabulary ends")?;
        if !ascending_to(&vocab_ends, vocab_text.len())
            || vocab_ends.last().map_or(0, |&e| e as usize) != vocab_text.len()
            || !vocab_ends
                .iter()
                .all(|&e| vocab_text.is_char_boundary(e as usize))
        {
            return Err(bad("vocabulary ends"));
        }
        let words = vocab_ends.len();
        let masks = r.u32s("word masks")?;
        if masks.len() != words {
            return Err(bad("word masks"));
        }
        let word_segments = r.u32s("word segments")?;
        let segment_runs = r.bytes("segment runs")?.to_vec();
        let segments = read_segments(r)?;
        let n_segments = segments.len();
        let segment_skips = r.u32s("segment skips")?;
        let skip_passages = r.u32s("skip passages")?;
        let skip_at = r.u32s("skip offsets")?;
        if skip_passages.len() != skip_at.len() {
            return Err(bad("skip offsets"));
        }
        let skips: Vec<Skip> = skip_passages
            .into_iter()
            .zip(skip_at)
            .map(|(passage, at)| Skip { passage, at })
            .collect();
        if word_segments.len() != words + 1
            || word_segments.first() != Some(&0)
            || word_segments.last().map(|&s| s as usize) != Some(n_segments)
            || !ascending_to(&word_segments, n_segments)
        {
            return Err(bad("word segments"));
        }
        let run_starts = r.u32s("run starts")?;
        let runs = run_starts.len().saturating_sub(1);
        if segment_runs.len() != n_segments || segment_runs.iter().any(|&k| usize::from(k) >= runs)
        {
            return Err(bad("segment runs"));
        }
        if !skips_fit(
            &segments,
            &segment_runs,
            &run_starts,
            &segment_skips,
            &skips,
        ) {
            return Err(bad("segment skips"));
        }
        let by_len = read_by_len(r, words)?;
        let article_start = r.u32s("article starts")?;
        let passages = read_passages(r, corpus, &article_start)?;
        let total = passages.len();
        if run_starts.first() != Some(&0)
            || run_starts.last().map(|&s| s as usize) != Some(total)
            || !ascending_to(&run_starts, total)
        {
            return Err(bad("run starts"));
        }
        Ok(SearchIndex {
            vocab_text,
            vocab_ends,
            segments,
            word_segments,
            segment_runs,
            skips,
            segment_skips,
            groups: Groups::of(&run_starts),
            run_starts,
            masks,
            by_len,
            passages,
            article_start,
            matcher: SkimMatcherV2::default(),
        })
    }
}

/// True when `v` never goes down and never passes `max`.
fn ascending_to(v: &[u32], max: usize) -> bool {
    v.windows(2).all(|w| w[0] <= w[1]) && v.last().is_none_or(|&x| x as usize <= max)
}

/// True when every segment has its own stretch of `skips`, in order, and
/// each skip is inside its segment and its run's passages, passages and
/// offsets ascending: a cursor then never leaves its segment or its run
/// (the entries a skip points at are as trusted as the postings).
fn skips_fit(
    segments: &[Box<[u8]>],
    segment_runs: &[u8],
    run_starts: &[u32],
    segment_skips: &[u32],
    skips: &[Skip],
) -> bool {
    if segment_skips.len() != segments.len() + 1
        || segment_skips.first() != Some(&0)
        || segment_skips.last().map(|&s| s as usize) != Some(skips.len())
        || !ascending_to(segment_skips, skips.len())
    {
        return false;
    }
    segments.iter().enumerate().all(|(k, segment)| {
        let run = usize::from(segment_runs[k]);
        let (Some(&start), Some(&end)) = (run_starts.get(run), run_starts.get(run + 1)) else {
            return false;
        };
        let own = &skips[segment_skips[k] as usize..segment_skips[k + 1] as usize];
        own.iter()
            .all(|s| (start..end).contains(&s.passage) && (s.at as usize) < segment.len())
            && own
                .windows(2)
                .all(|w| w[0].passage < w[1].passage && w[0].at < w[1].at)
    })
}

/// The postings: each segment's length, then all of them as one blob.
fn read_segments(r: &mut Reader<'_>) -> Result<Vec<Box<[u8]>>, Malformed> {
    let lens = r.u32s("segment lengths")?;
    let at = r.position();
    let blob = r.bytes("postings")?;
    let sum: u64 = lens.iter().map(|&l| u64::from(l)).sum();
    if sum != blob.len() as u64 {
        return Err(Malformed {
            what: "segment lengths",
            at,
        });
    }
    let mut segments = Vec::with_capacity(lens.len());
    let mut rest = blob;
    for l in lens {
        let (s, tail) = rest.split_at(l as usize);
        segments.push(Box::from(s));
        rest = tail;
    }
    Ok(segments)
}

/// The word ids by length: [`LENGTHS`] lists of ids below `words`.
fn read_by_len(r: &mut Reader<'_>, words: usize) -> Result<Vec<Vec<u32>>, Malformed> {
    let at = r.position();
    if r.count(1, "words by length")? != LENGTHS {
        return Err(Malformed {
            what: "words by length",
            at,
        });
    }
    let mut by_len = Vec::with_capacity(LENGTHS);
    for _ in 0..LENGTHS {
        let at = r.position();
        let ids = r.u32s("words by length")?;
        if ids.iter().any(|&id| id as usize >= words) {
            return Err(Malformed {
                what: "words by length",
                at,
            });
        }
        by_len.push(ids);
    }
    Ok(by_len)
}

/// The passage table (each passage's word count; its article follows from
/// `article_start`), checked against `article_start` and the corpus:
/// every article has as many passages as in `corpus`.
fn read_passages(
    r: &mut Reader<'_>,
    corpus: &Corpus,
    article_start: &[u32],
) -> Result<Vec<PassageEntry>, Malformed> {
    let at = r.position();
    let bad = |what: &'static str| Malformed { what, at };
    let articles = &corpus.articles;
    if article_start.len() != articles.len() + 1 || article_start.first() != Some(&0) {
        return Err(bad("article starts"));
    }
    let words = r.u32s("passage words")?;
    let total = words.len();
    let mut passages = Vec::with_capacity(total);
    for (ai, (a, bounds)) in articles.iter().zip(article_start.windows(2)).enumerate() {
        let (first, end) = (bounds[0] as usize, bounds[1] as usize);
        if end < first || end > total || end - first != a.passages.len() {
            return Err(bad("article starts"));
        }
        passages.extend(words[first..end].iter().map(|&words| PassageEntry {
            article: ai as u32,
            words,
        }));
    }
    if passages.len() != total {
        return Err(bad("article starts"));
    }
    Ok(passages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::codec::{handed_out, parts_tried_on_failure};

    /// The bundled corpus's index as bytes, and where each table starts.
    fn encoded(corpus: &Corpus) -> (Vec<u8>, Vec<usize>) {
        let mut w = Writer::new();
        let mut marks = Vec::new();
        SearchIndex::build(corpus).encode_marked(&mut w, &mut marks);
        (w.into_bytes(), marks)
    }

    fn decodes(bytes: &[u8], corpus: &Corpus) -> bool {
        let mut r = Reader::new(bytes);
        SearchIndex::decode(&mut r, corpus).is_ok() && r.is_done()
    }

    #[test]
    fn the_decoded_index_is_the_built_one() {
        let corpus = Corpus::bundled();
        let built = SearchIndex::build(&corpus);
        let mut w = Writer::new();
        built.encode(&mut w);
        let bytes = w.into_bytes();
        let got = SearchIndex::decode(&mut Reader::new(&bytes), &corpus).unwrap();
        assert_eq!(got.vocab_text, built.vocab_text);
        assert_eq!(got.vocab_ends, built.vocab_ends);
        assert_eq!(got.segments, built.segments);
        assert_eq!(got.word_segments, built.word_segments);
        assert_eq!(got.segment_runs, built.segment_runs);
        assert_eq!(got.segment_skips, built.segment_skips);
        assert_eq!(got.skips, built.skips);
        assert!(!built.skips.is_empty());
        assert_eq!(got.run_starts, built.run_starts);
        assert_eq!(got.masks, built.masks);
        assert_eq!(got.by_len, built.by_len);
        assert_eq!(got.article_start, built.article_start);
        let entry = |p: &PassageEntry| (p.article, p.words);
        assert!(
            got.passages
                .iter()
                .map(entry)
                .eq(built.passages.iter().map(entry))
        );
    }

    #[test]
    fn the_index_handed_out_in_parts_is_the_one_encoded_whole() {
        let built = SearchIndex::build(&Corpus::bundled());
        let mut w = Writer::new();
        built.encode(&mut w);
        let whole = w.into_bytes();
        let parts = handed_out(|out| built.encode_spilling(out, 4096));
        assert!(parts.len() > 10, "{} parts", parts.len());
        assert_eq!(parts.concat(), whole);
        assert_eq!(built.encoded_len(), whole.len());
        // A failure stops it.
        assert_eq!(parts_tried_on_failure(|out| built.encode_to(out)), 1);
    }

    #[test]
    fn every_truncation_is_an_error() {
        let corpus = Corpus::bundled();
        let (bytes, marks) = encoded(&corpus);
        assert!(decodes(&bytes, &corpus));
        assert!(marks.len() > 70, "{} tables", marks.len());
        let n = bytes.len();
        for cut in crate::core::codec::cut_points(n, &marks) {
            assert!(!decodes(&bytes[..cut], &corpus), "cut at {cut} of {n}");
        }
    }

    #[test]
    fn a_flipped_bit_in_a_length_is_an_error() {
        let corpus = Corpus::bundled();
        let (bytes, marks) = encoded(&corpus);
        for (m, bit, b) in crate::core::codec::flipped_lengths(&bytes, &marks) {
            assert!(!decodes(&b, &corpus), "bit {bit} of byte {m}");
        }
        let mut b = bytes.clone();
        b[0] ^= 1;
        assert!(!decodes(&b, &corpus), "tag");
    }

    #[test]
    fn ids_outside_their_tables_are_errors() {
        let corpus = Corpus::bundled();
        let broken: [fn(&mut SearchIndex); 10] = [
            |i| i.skips[0].at = u32::MAX,
            |i| i.skips[0].passage = u32::MAX,
            |i| *i.segment_skips.last_mut().unwrap() -= 1,
            |i| i.by_len[3].push(i.vocab_ends.len() as u32),
            |i| i.segment_runs[0] = 9,
            |i| *i.word_segments.last_mut().unwrap() += 1,
            |i| i.vocab_ends.swap(0, 1),
            |i| i.run_starts[0] = 1,
            |i| i.article_start[1] += 1,
            |i| {
                i.passages.pop();
            },
        ];
        for (k, f) in broken.iter().enumerate() {
            let mut i = SearchIndex::build(&corpus);
            f(&mut i);
            let mut w = Writer::new();
            i.encode(&mut w);
            assert!(!decodes(&w.into_bytes(), &corpus), "change {k}");
        }
        // A word end inside a char: "ж" is two bytes.
        let c = crate::core::search::test_corpus(&["T\n\nж"]);
        let mut i = SearchIndex::build(&c);
        assert_eq!(i.vocab_text, "ж");
        i.vocab_ends[0] = 1;
        let mut w = Writer::new();
        i.encode(&mut w);
        assert!(!decodes(&w.into_bytes(), &c));
    }
}
