//! A small binary codec for what dossier keeps in its cache folder: a
//! [`Writer`] that appends numbers, byte strings and arrays to a buffer,
//! and a [`Reader`] that reads them back from a byte slice (which may be a
//! memory-mapped file).
//!
//! The reader trusts nothing: every read is bounds-checked and answers a
//! [`Malformed`] error instead of panicking, and a length read from the
//! bytes is checked against the bytes left before anything is allocated,
//! so a truncated, corrupt or foreign file costs an error, never a crash
//! or a huge allocation. Whether the values make sense together (an offset
//! inside its text, ids inside their table) is for the caller to check.
//!
//! Numbers are little-endian; `varint` is LEB128. This module knows
//! nothing of what is encoded.

/// A decoding error: the bytes end early or hold an impossible value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Malformed {
    /// What was being read.
    pub what: &'static str,
    /// The byte offset where it went wrong.
    pub at: usize,
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "malformed {} at byte {}", self.what, self.at)
    }
}

impl std::error::Error for Malformed {}

/// Appends encoded values to a buffer.
#[derive(Debug, Default)]
pub struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// The bytes written so far.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf
    }

    /// The bytes written so far, kept.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// Hands the bytes written so far to `out` and forgets them, once
    /// there are at least `at_least` of them (for an encoder that hands
    /// its bytes out a part at a time: see [`SPILL_BYTES`]).
    pub fn spill_to(
        &mut self,
        out: &mut dyn FnMut(&[u8]) -> std::io::Result<()>,
        at_least: usize,
    ) -> std::io::Result<()> {
        if self.buf.len() >= at_least {
            out(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Room for `n` more bytes.
    pub fn reserve(&mut self, n: usize) {
        self.buf.reserve(n);
    }

    /// Forgets the bytes written so far (keeping the room they took).
    pub fn clear(&mut self) {
        self.buf.clear();
    }

    /// Bytes written so far.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// True when nothing was written.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// One byte.
    pub fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }

    /// A fixed-width `u32`.
    pub fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// A fixed-width `u64`.
    pub fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }

    /// A variable-width unsigned number (LEB128).
    pub fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }

    /// A `usize` as a varint.
    pub fn len_of(&mut self, n: usize) {
        self.varint(n as u64);
    }

    /// A byte string, its length first.
    pub fn bytes(&mut self, b: &[u8]) {
        self.len_of(b.len());
        self.buf.extend_from_slice(b);
    }

    /// A string, its length in bytes first.
    pub fn str(&mut self, s: &str) {
        self.bytes(s.as_bytes());
    }

    /// An optional string: a flag byte, then the string.
    pub fn opt_str(&mut self, s: Option<&str>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }

    /// An array of `u32`, its length first, then each fixed-width.
    pub fn u32s(&mut self, v: &[u32]) {
        self.len_of(v.len());
        self.buf.reserve(v.len() * 4);
        for x in v {
            self.buf.extend_from_slice(&x.to_le_bytes());
        }
    }

    /// Bytes as they are, without a length (for a caller that knows it).
    pub fn raw(&mut self, b: &[u8]) {
        self.buf.extend_from_slice(b);
    }
}

/// Reads encoded values from a byte slice, front to back.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    /// A reader at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }

    /// The offset of the next byte to read.
    pub fn position(&self) -> usize {
        self.at
    }

    /// Bytes left to read.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    /// True when everything was read.
    pub fn is_done(&self) -> bool {
        self.at == self.bytes.len()
    }

    fn fail<T>(&self, what: &'static str) -> Result<T, Malformed> {
        Err(Malformed { what, at: self.at })
    }

    /// The next `n` bytes as they are.
    pub fn raw(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], Malformed> {
        if n > self.remaining() {
            return self.fail(what);
        }
        let b = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(b)
    }

    /// One byte.
    pub fn u8(&mut self, what: &'static str) -> Result<u8, Malformed> {
        Ok(self.raw(1, what)?[0])
    }

    /// A fixed-width `u32`.
    pub fn u32(&mut self, what: &'static str) -> Result<u32, Malformed> {
        let b = self.raw(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A fixed-width `u64`.
    pub fn u64(&mut self, what: &'static str) -> Result<u64, Malformed> {
        let b = self.raw(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    /// A varint (LEB128); more than ten bytes is malformed.
    pub fn varint(&mut self, what: &'static str) -> Result<u64, Malformed> {
        let start = self.at;
        let mut v = 0u64;
        for shift in (0..70).step_by(7) {
            let Some(&b) = self.bytes.get(self.at) else {
                self.at = start;
                return self.fail(what);
            };
            self.at += 1;
            v |= ((b & 0x7f) as u64).checked_shl(shift).unwrap_or(0);
            if b < 0x80 {
                return Ok(v);
            }
        }
        self.at = start;
        self.fail(what)
    }

    /// A varint that must fit a `u32`.
    pub fn varint_u32(&mut self, what: &'static str) -> Result<u32, Malformed> {
        let at = self.at;
        let v = self.varint(what)?;
        u32::try_from(v).map_err(|_| Malformed { what, at })
    }

    /// A count of items each at least `min_item_bytes` long: it must fit
    /// in what is left, so a corrupt count never allocates.
    pub fn count(&mut self, min_item_bytes: usize, what: &'static str) -> Result<usize, Malformed> {
        let at = self.at;
        let n = self.varint(what)?;
        let fits = usize::try_from(n)
            .ok()
            .filter(|&n| n.saturating_mul(min_item_bytes.max(1)) <= self.remaining() || n == 0);
        match fits {
            Some(n) => Ok(n),
            None => Err(Malformed { what, at }),
        }
    }

    /// A byte string written by [`Writer::bytes`].
    pub fn bytes(&mut self, what: &'static str) -> Result<&'a [u8], Malformed> {
        let n = self.count(1, what)?;
        self.raw(n, what)
    }

    /// A string written by [`Writer::str`]; invalid UTF-8 is malformed.
    pub fn str(&mut self, what: &'static str) -> Result<&'a str, Malformed> {
        let at = self.at;
        let b = self.bytes(what)?;
        std::str::from_utf8(b).map_err(|_| Malformed { what, at })
    }

    /// An optional string written by [`Writer::opt_str`].
    pub fn opt_str(&mut self, what: &'static str) -> Result<Option<&'a str>, Malformed> {
        match self.u8(what)? {
            0 => Ok(None),
            1 => self.str(what).map(Some),
            _ => Err(Malformed {
                what,
                at: self.at - 1,
            }),
        }
    }

    /// An array written by [`Writer::u32s`].
    pub fn u32s(&mut self, what: &'static str) -> Result<Vec<u32>, Malformed> {
        let n = self.count(4, what)?;
        let b = self.raw(n * 4, what)?;
        Ok(b.chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect())
    }
}

/// Where tests of a decoder cut `n` encoded bytes short: about 700 places
/// spread over the whole, the first and last 16 bytes, and one byte
/// either side of each of `marks` (where the encoder began a table).
/// How many bytes an encoder that hands its bytes out a part at a time
/// (the index sections of the cache file) gathers before it does: large
/// enough that a part is cheap to write, small enough never to matter.
pub const SPILL_BYTES: usize = 1 << 20;

/// The parts an encoder that hands its bytes out (as
/// `SearchIndex::encode_to` does) hands out, in order.
#[cfg(test)]
pub(crate) fn handed_out(
    encode: impl FnOnce(&mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()>,
) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    let done = encode(&mut |b| {
        parts.push(b.to_vec());
        Ok(())
    });
    assert!(done.is_ok(), "handing out never fails here");
    parts
}

/// How many parts an encoder that hands its bytes out tries to hand out
/// when every one fails: it must stop at the first.
#[cfg(test)]
pub(crate) fn parts_tried_on_failure(
    encode: impl FnOnce(&mut dyn FnMut(&[u8]) -> std::io::Result<()>) -> std::io::Result<()>,
) -> usize {
    let mut calls = 0;
    let e = encode(&mut |_| {
        calls += 1;
        Err(std::io::Error::other("disk full"))
    });
    assert!(e.is_err(), "the failure is returned");
    calls
}

#[cfg(test)]
pub(crate) fn cut_points(n: usize, marks: &[usize]) -> Vec<usize> {
    let mut cuts: Vec<usize> = (0..n).step_by(n / 700 + 1).collect();
    cuts.extend(0..16);
    cuts.extend(n.saturating_sub(16)..n);
    for &m in marks {
        cuts.extend([m.saturating_sub(1), m, m + 1]);
    }
    cuts.retain(|&c| c < n);
    cuts
}

/// Copies of `bytes` with one bit flipped (bits 0, 3 and 7) in the first
/// byte of each table the encoder began at `marks` (a length, most
/// often), each with the byte and bit, for tests of decoders.
#[cfg(test)]
pub(crate) fn flipped_lengths<'a>(
    bytes: &'a [u8],
    marks: &'a [usize],
) -> impl Iterator<Item = (usize, u32, Vec<u8>)> + 'a {
    marks.iter().flat_map(move |&m| {
        [0, 3, 7].into_iter().map(move |bit| {
            let mut b = bytes.to_vec();
            b[m] ^= 1 << bit;
            (m, bit, b)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_come_back_as_written() {
        let mut w = Writer::new();
        w.u8(7);
        w.u32(0xdead_beef);
        w.u64(u64::MAX - 1);
        for v in [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            w.varint(v);
        }
        w.str("Ставрополь · Lachin");
        w.opt_str(None);
        w.opt_str(Some("x"));
        w.u32s(&[1, 2, u32::MAX]);
        let bytes = w.into_bytes();
        let mut r = Reader::new(&bytes);
        assert_eq!(r.u8("a").unwrap(), 7);
        assert_eq!(r.u32("b").unwrap(), 0xdead_beef);
        assert_eq!(r.u64("c").unwrap(), u64::MAX - 1);
        for v in [0, 1, 127, 128, 300, u32::MAX as u64, u64::MAX] {
            assert_eq!(r.varint("v").unwrap(), v);
        }
        assert_eq!(r.str("s").unwrap(), "Ставрополь · Lachin");
        assert_eq!(r.opt_str("o").unwrap(), None);
        assert_eq!(r.opt_str("o").unwrap(), Some("x"));
        assert_eq!(r.u32s("u").unwrap(), vec![1, 2, u32::MAX]);
        assert!(r.is_done());
    }

    #[test]
    fn every_truncation_is_an_error_not_a_panic() {
        let mut w = Writer::new();
        w.str("hello");
        w.u32s(&[5, 6]);
        w.varint(1 << 40);
        let bytes = w.into_bytes();
        for cut in 0..bytes.len() {
            let mut r = Reader::new(&bytes[..cut]);
            let all = r
                .str("s")
                .and_then(|_| r.u32s("u"))
                .and_then(|_| r.varint("v"));
            assert!(all.is_err(), "cut at {cut} read as whole");
        }
    }

    #[test]
    fn a_huge_count_is_refused_before_allocating() {
        let mut w = Writer::new();
        w.varint(u64::MAX / 2);
        let bytes = w.into_bytes();
        assert_eq!(Reader::new(&bytes).u32s("u").unwrap_err().what, "u");
        let mut r = Reader::new(&[0xff; 12]);
        assert!(r.varint("v").is_err());
        assert_eq!(r.position(), 0);
    }

    #[test]
    fn invalid_utf8_and_bad_flags_are_malformed() {
        let mut w = Writer::new();
        w.bytes(&[0xff, 0xfe]);
        let bytes = w.into_bytes();
        assert!(Reader::new(&bytes).str("s").is_err());
        assert!(Reader::new(&[2]).opt_str("o").is_err());
    }
}
