//! The writer under the reader's terminal backend: it holds the bytes of a
//! frame until the frame is drawn, then sends them in one write — inside a
//! synchronized update (DEC private mode 2026, so no terminal shows a frame
//! half drawn) when the frame is large, bare when it is small.
//!
//! A small frame (a line scrolled into view, a moved selection) is one
//! write of a few dozen bytes: it reaches the terminal in one piece
//! anyway, and the two markers would cost it sixteen bytes more — on a slow
//! SSH link, a sixth of a scrolled line. Outside a frame (a clipboard
//! request, the terminal's set-up) bytes pass straight through.
//!
//! This module never decides what is drawn, only how the bytes go out.

use std::io::{self, Write};

/// Frames of at most this many bytes are sent without the synchronized
/// update markers.
pub const SYNC_ABOVE: usize = 384;

/// Starts a synchronized update.
pub const SYNC_BEGIN: &[u8] = b"\x1b[?2026h";
/// Ends a synchronized update.
pub const SYNC_END: &[u8] = b"\x1b[?2026l";

/// A writer that can hold a frame; see the module docs.
#[derive(Debug)]
pub struct Frames<W: Write> {
    out: W,
    /// The frame being drawn, when one is.
    held: Option<Vec<u8>>,
}

impl<W: Write> Frames<W> {
    /// Writes to `out`.
    pub fn new(out: W) -> Frames<W> {
        Frames { out, held: None }
    }

    /// Holds what is written from now until [`Frames::end`].
    pub fn begin(&mut self) {
        self.held.get_or_insert_with(Vec::new);
    }

    /// Sends the frame held since [`Frames::begin`] (synchronized when it
    /// is larger than [`SYNC_ABOVE`]) and flushes.
    pub fn end(&mut self) -> io::Result<()> {
        let frame = self.held.take().unwrap_or_default();
        if frame.len() > SYNC_ABOVE {
            let mut all = Vec::with_capacity(frame.len() + SYNC_BEGIN.len() + SYNC_END.len());
            all.extend_from_slice(SYNC_BEGIN);
            all.extend_from_slice(&frame);
            all.extend_from_slice(SYNC_END);
            self.out.write_all(&all)?;
        } else {
            self.out.write_all(&frame)?;
        }
        self.out.flush()
    }
}

impl<W: Write> Write for Frames<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match &mut self.held {
            Some(frame) => {
                frame.extend_from_slice(buf);
                Ok(buf.len())
            }
            None => self.out.write(buf),
        }
    }

    /// Inside a frame, nothing: the frame goes out whole at its end.
    fn flush(&mut self) -> io::Result<()> {
        match self.held {
            Some(_) => Ok(()),
            None => self.out.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_frame_is_one_synchronized_write_and_a_small_one_bare() {
        let mut f = Frames::new(Vec::new());
        f.begin();
        f.write_all(b"abc").unwrap();
        f.flush().unwrap();
        assert!(f.out.is_empty(), "nothing leaves before the frame ends");
        f.write_all(b"def").unwrap();
        f.end().unwrap();
        assert_eq!(f.out, b"abcdef");
        f.out.clear();
        let big = vec![b'x'; SYNC_ABOVE + 1];
        f.begin();
        f.write_all(&big).unwrap();
        f.end().unwrap();
        assert!(f.out.starts_with(SYNC_BEGIN) && f.out.ends_with(SYNC_END));
        assert_eq!(f.out.len(), big.len() + 16);
        // Outside a frame bytes pass straight through.
        f.out.clear();
        f.write_all(b"osc").unwrap();
        assert_eq!(f.out, b"osc");
    }
}
