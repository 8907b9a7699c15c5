//! Opening a file that may not be what its name says without ever
//! blocking: a named pipe (`mkfifo x.txt`) would make a plain `open` wait
//! for a writer forever, and a device or socket never ends. Only regular
//! files (and symlinks to them) are read; anything else is an error that
//! says what it is. Used for every file dossier reads: articles,
//! `entities.toml`, bookmarks, state and settings.
//!
//! The type is checked twice: with `stat` before opening (a device is
//! never opened, which can have effects of its own), and with `fstat` on
//! the opened file, which is opened non-blocking, so a file swapped for a
//! pipe in between cannot make it wait either.
//!
//! This module knows nothing of what is read.

use std::fs::{File, Metadata, OpenOptions};
use std::io::Read;
use std::path::Path;

/// Opens `path` for reading if it is a regular file (following symlinks);
/// returns the file and its metadata. Never blocks on a pipe or device.
pub fn open(path: &Path) -> std::io::Result<(File, Metadata)> {
    check(&std::fs::metadata(path)?)?;
    let mut opts = OpenOptions::new();
    opts.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = opts.open(path)?;
    let meta = file.metadata()?;
    check(&meta)?;
    Ok((file, meta))
}

/// The whole content of the regular file `path` (see [`open`]).
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let (mut file, meta) = open(path)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// [`read`] as UTF-8 text; invalid UTF-8 is an `InvalidData` error.
pub fn read_to_string(path: &Path) -> std::io::Result<String> {
    String::from_utf8(read(path)?)
        .map_err(|_| std::io::Error::new(std::io::ErrorKind::InvalidData, "not valid UTF-8"))
}

/// An error unless `meta` is a regular file's, saying what it is instead.
pub fn check(meta: &Metadata) -> std::io::Result<()> {
    if meta.is_file() {
        return Ok(());
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("it is {}, not a regular file", kind(meta)),
    ))
}

/// What a file that is not a regular file is, for a message.
fn kind(meta: &Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a folder";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    "a special file"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_regular_files_and_symlinks_to_them() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.txt");
        std::fs::write(&p, "text").unwrap();
        assert_eq!(read(&p).unwrap(), b"text");
        #[cfg(unix)]
        {
            let link = dir.path().join("link.txt");
            std::os::unix::fs::symlink(&p, &link).unwrap();
            assert_eq!(read_to_string(&link).unwrap(), "text");
        }
        let missing = read(&dir.path().join("none")).unwrap_err();
        assert_eq!(missing.kind(), std::io::ErrorKind::NotFound);
        let folder = read(dir.path()).unwrap_err();
        assert!(folder.to_string().contains("a folder"), "{folder}");
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_or_a_device_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("x.txt");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        // With no writer, a plain open would wait here forever.
        let e = read(&fifo).unwrap_err();
        assert!(e.to_string().contains("named pipe (FIFO)"), "{e}");
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let e = read(&link).unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");
    }
}
