//! A fast hash for the index builds' maps: words (the search index), name
//! keys and entity numbers (the entity index), hashed millions of times
//! while an index is built, where the standard hasher (SipHash, made to
//! resist crafted keys) costs more than the rest of the lookup. Keys come
//! from the corpus, so a crafted corpus could at worst make the build
//! slower; nothing may depend on the order of a map.
//!
//! This module never prints and knows nothing of the terminal.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A map with [`FastHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A set with [`FastHasher`].
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// A folded 64×64→128-bit multiply per 8 bytes of input (as in foldhash),
/// which spreads every input bit over the low bits a table uses.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const SEED_A: u64 = 0x243f_6a88_85a3_08d3;
const SEED_B: u64 = 0x1319_8a2e_0370_7344;

impl FastHasher {
    #[inline]
    fn add(&mut self, v: u64) {
        let p = u128::from(v ^ self.0 ^ SEED_A) * u128::from(SEED_B);
        self.0 = (p as u64) ^ ((p >> 64) as u64);
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            // The length keeps "ab" and "ab\0" apart.
            self.add(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59));
        }
    }

    #[inline]
    fn write_u8(&mut self, v: u8) {
        self.add(u64::from(v));
    }

    #[inline]
    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }

    #[inline]
    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }

    /// One multiply for a word of up to 16 bytes held as an integer (the
    /// search index's short keys).
    #[inline]
    fn write_u128(&mut self, v: u128) {
        let p = u128::from(v as u64 ^ self.0 ^ SEED_A) * u128::from((v >> 64) as u64 ^ SEED_B);
        self.0 = (p as u64) ^ ((p >> 64) as u64);
    }

    #[inline]
    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_keep_what_is_put_in_them() {
        let mut m: FastMap<String, usize> = FastMap::default();
        for i in 0..10_000 {
            *m.entry(format!("name {i}")).or_default() += i;
        }
        // Keys that differ in a trailing NUL or in length only.
        m.insert("ab".into(), 1);
        m.insert("ab\0".into(), 2);
        m.insert("ab\0\0\0\0\0\0\0\0".into(), 3);
        assert_eq!(m.len(), 10_003);
        assert_eq!(m["name 9999"], 9999);
        assert_eq!((m["ab"], m["ab\0"], m["ab\0\0\0\0\0\0\0\0"]), (1, 2, 3));
        let s: FastSet<usize> = (0..1000).map(|i| i << 32).collect();
        assert_eq!(s.len(), 1000);
        assert!(s.contains(&(999 << 32)) && !s.contains(&1));
    }
}
