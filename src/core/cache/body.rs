//! The body of an index file being written ([`super::index::Writing`]):
//! every byte put here goes to the file and to its checksum, in order.
//!
//! The bytes are gathered into chunks of [`CHUNK`] bytes that a thread of
//! its own writes to the file, so that the system's copying of them into
//! the file runs beside the encoding and the checksum instead of after
//! them: at 1 GB, the articles alone are a gigabyte, written between the
//! read and the search index on a cold start. Chunks written come back to
//! be filled again, so at most a few are ever allocated. Without a thread
//! (none could be started), the chunks are written here.
//!
//! Never decides what is written; never reads the file.

use std::fs::File;
use std::io::{self, Seek, SeekFrom, Write};
use std::sync::mpsc;
use std::thread::JoinHandle;

use xxhash_rust::xxh3::Xxh3;

use crate::core::codec::Writer;

/// Bytes gathered before they are handed to the writing thread.
const CHUNK: usize = 4 << 20;

/// Chunks handed over and not yet written, at most.
const IN_FLIGHT: usize = 2;

/// The body being written: what goes to the file goes to the checksum.
pub(super) struct Body {
    /// This side's handle on the file (the writing thread has its own):
    /// for the map, the header and the sync, once everything is written.
    file: File,
    chunk: Vec<u8>,
    hash: Xxh3,
    /// Bytes put so far.
    len: u64,
    writer: Option<Shipping>,
}

/// The thread writing chunks, and the chunks it gives back.
struct Shipping {
    to_disk: mpsc::SyncSender<Vec<u8>>,
    spare: mpsc::Receiver<Vec<u8>>,
    thread: JoinHandle<io::Result<()>>,
}

impl Body {
    /// A body written to `file` from its current position on.
    pub(super) fn new(file: File) -> Body {
        Body {
            file,
            chunk: Vec::new(),
            hash: Xxh3::new(),
            len: 0,
            writer: None,
        }
    }

    /// Bytes put so far.
    pub(super) fn len(&self) -> u64 {
        self.len
    }

    /// The checksum of the bytes put so far.
    pub(super) fn digest(&self) -> u64 {
        self.hash.digest()
    }

    /// Puts what `w` holds.
    pub(super) fn put(&mut self, w: Writer) -> io::Result<()> {
        self.put_raw(w.as_bytes())
    }

    /// A section: a flag byte, then its bytes with their length.
    pub(super) fn section(&mut self, bytes: Option<&[u8]>) -> io::Result<()> {
        let mut w = Writer::new();
        match bytes {
            None => {
                w.u8(0);
                self.put(w)
            }
            Some(b) => {
                w.u8(1);
                w.len_of(b.len());
                self.put(w)?;
                self.put_raw(b)
            }
        }
    }

    /// Puts `bytes`, copied into the chunk being filled.
    pub(super) fn put_raw(&mut self, mut bytes: &[u8]) -> io::Result<()> {
        self.hash.update(bytes);
        self.len += bytes.len() as u64;
        while !bytes.is_empty() {
            if self.chunk.capacity() == 0 {
                self.chunk = self.spare_chunk();
            }
            let room = CHUNK.saturating_sub(self.chunk.len()).max(1);
            let (now, rest) = bytes.split_at(room.min(bytes.len()));
            self.chunk.extend_from_slice(now);
            bytes = rest;
            if self.chunk.len() >= CHUNK {
                self.ship()?;
            }
        }
        Ok(())
    }

    /// Writes every byte put so far to the file and waits until it is
    /// there; returns the file (to map, or to finish).
    pub(super) fn drain(&mut self) -> io::Result<&mut File> {
        if !self.chunk.is_empty() {
            self.ship()?;
        }
        if let Some(w) = self.writer.take() {
            drop(w.to_disk);
            joined(w.thread)?;
        }
        Ok(&mut self.file)
    }

    /// Writes `header` at the file's start, after every byte put, and
    /// syncs the file.
    pub(super) fn finish(&mut self, header: &[u8]) -> io::Result<()> {
        let file = self.drain()?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(header)?;
        file.sync_all()
    }

    /// A chunk to fill: one the writing thread gave back, or a new one.
    fn spare_chunk(&mut self) -> Vec<u8> {
        self.writer
            .as_ref()
            .and_then(|w| w.spare.try_recv().ok())
            .unwrap_or_else(|| Vec::with_capacity(CHUNK))
    }

    /// Hands the chunk being filled to the writing thread (started if
    /// need be), or writes it here when there can be none.
    fn ship(&mut self) -> io::Result<()> {
        let chunk = std::mem::take(&mut self.chunk);
        if self.writer.is_none() {
            self.writer = self.start();
        }
        let Some(w) = &self.writer else {
            return self.file.write_all(&chunk);
        };
        if w.to_disk.send(chunk).is_err() {
            // The thread stopped: on an error, which it returns.
            let w = self.writer.take().expect("a writer");
            joined(w.thread)?;
            return Err(io::Error::other("the index file's writer stopped"));
        }
        Ok(())
    }

    /// The writing thread, on a handle of its own to the same file (so at
    /// the same position); `None` when it cannot be started.
    fn start(&self) -> Option<Shipping> {
        let mut file = self.file.try_clone().ok()?;
        let (to_disk, chunks) = mpsc::sync_channel::<Vec<u8>>(IN_FLIGHT);
        let (give_back, spare) = mpsc::channel();
        let thread = std::thread::Builder::new()
            .name("index file".into())
            .spawn(move || {
                for mut chunk in chunks {
                    file.write_all(&chunk)?;
                    chunk.clear();
                    let _ = give_back.send(chunk);
                }
                Ok(())
            })
            .ok()?;
        Some(Shipping {
            to_disk,
            spare,
            thread,
        })
    }
}

fn joined(thread: JoinHandle<io::Result<()>>) -> io::Result<()> {
    thread
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the index file's writer failed")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_file_holds_every_byte_put_in_order_then_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        let mut file = File::create_new(&path).unwrap();
        file.write_all(&[0; 4]).unwrap();
        let mut body = Body::new(file);
        let mut expected = Vec::new();
        // Small puts, one larger than a chunk, puts across chunk ends.
        for i in 0..3000u32 {
            let part = vec![(i % 251) as u8; (i as usize * 37) % 9000];
            body.put_raw(&part).unwrap();
            expected.extend_from_slice(&part);
        }
        let big: Vec<u8> = (0..CHUNK * 2 + 5).map(|i| (i % 253) as u8).collect();
        body.put_raw(&big).unwrap();
        expected.extend_from_slice(&big);
        assert_eq!(body.len(), expected.len() as u64);
        assert_eq!(body.digest(), xxhash_rust::xxh3::xxh3_64(&expected));
        // Drained in the middle (as when the texts are mapped), then more.
        body.drain().unwrap();
        assert_eq!(std::fs::metadata(&path).unwrap().len(), 4 + body.len());
        body.put_raw(b"tail").unwrap();
        expected.extend_from_slice(b"tail");
        body.finish(b"HEAD").unwrap();
        let mut got = Vec::new();
        File::open(&path).unwrap().read_to_end(&mut got).unwrap();
        assert_eq!(&got[..4], b"HEAD");
        assert!(got[4..] == expected[..], "the body as put");
    }

    #[test]
    fn a_failed_write_is_an_error_not_a_hang() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f");
        std::fs::write(&path, b"").unwrap();
        // Opened read-only: every write fails.
        let mut body = Body::new(File::open(&path).unwrap());
        let chunk = vec![7u8; CHUNK];
        let mut failed = false;
        for _ in 0..2 * IN_FLIGHT + 4 {
            if body.put_raw(&chunk).is_err() {
                failed = true;
                break;
            }
        }
        assert!(failed || body.drain().is_err());
    }
}
