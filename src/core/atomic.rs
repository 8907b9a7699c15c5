//! Crash-safe file writing: write to a temporary file in the same folder,
//! flush and sync it, then rename it over the target, so that a crash or a
//! `kill -9` at any moment leaves either the old file or the new one, never a
//! mix. Used for every file dossier keeps (bookmarks, state, history).
//! The new file keeps the permissions of the one it replaces (a file made
//! private with `chmod 600` stays private).
//!
//! A symlink is written through, never replaced: people keep
//! `bookmarks.json` as a link into a synced folder or a dotfiles
//! repository, and replacing the link with a file would split it from its
//! target without a word. The link is followed to the file it finally
//! names ([`write_target`]), and the temporary file is made and renamed in
//! *that* file's folder, so the rename stays atomic and the link keeps
//! pointing at the new content. Anything but a regular file at the end
//! of the link (a device, a named pipe, a folder) is never replaced.
//!
//! This module knows nothing of what is written.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Atomically replaces `path` with `bytes`, creating its folder if needed.
/// When `path` is a symlink, the file it points to is replaced instead.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let path = &write_target(path)?;
    let dir = parent_dir(path);
    std::fs::create_dir_all(&dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let tmp = dir.join(format!(
        ".{name}.tmp.{}.{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    // Only a regular file is replaced: a device, pipe or folder where the
    // file (or its link's target) should be is not dossier's to remove.
    let old = std::fs::metadata(path).ok();
    if let Some(m) = &old {
        crate::core::regular_file::check(m)?;
    }
    let keep = old.map(|m| m.permissions());
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        if let Some(perms) = keep {
            f.set_permissions(perms)?;
        }
        f.write_all(bytes)?;
        f.flush()?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// The file a write to `path` replaces: `path` itself, or, when it is a
/// symlink (or a chain of them), the path the last one names — which may
/// not exist yet (a dangling link is written through, creating its
/// target). A relative link is resolved from the link's own folder. A loop
/// of links is an error.
pub fn write_target(path: &Path) -> std::io::Result<PathBuf> {
    /// As many links as Linux follows before it gives up (`ELOOP`).
    const MAX_LINKS: usize = 40;
    let mut p = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&p)?;
                p = parent_dir(&p).join(to);
            }
            _ => return Ok(p),
        }
    }
    Err(std::io::Error::other(format!(
        "{} is a loop of symbolic links",
        path.display()
    )))
}

/// The folder a file lives in (`.` for a bare file name).
pub fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/state.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn the_new_file_keeps_the_permissions_of_the_old_one() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("bookmarks.json");
        std::fs::write(&p, b"old").unwrap();
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&p, b"newer").unwrap();
        let mode = std::fs::metadata(&p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_written_through_and_stays_a_link() {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let dir = tempfile::tempdir().unwrap();
        let synced = dir.path().join("synced");
        std::fs::create_dir(&synced).unwrap();
        let target = synced.join("bookmarks.json");
        std::fs::write(&target, b"old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
        let data = dir.path().join("data");
        std::fs::create_dir(&data).unwrap();
        // A relative link to a relative link to the file.
        let link = data.join("bookmarks.json");
        symlink("../synced/bookmarks.json", &link).unwrap();
        let link2 = data.join("again.json");
        symlink("bookmarks.json", &link2).unwrap();
        assert_eq!(
            write_target(&link2).unwrap(),
            data.join("../synced/bookmarks.json")
        );
        write_atomic(&link2, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(
            std::fs::symlink_metadata(&link2)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // The temporary file lived and died beside the target.
        assert_eq!(std::fs::read_dir(&synced).unwrap().count(), 1);
        assert_eq!(std::fs::read_dir(&data).unwrap().count(), 2);
    }

    #[cfg(unix)]
    #[test]
    fn a_dangling_link_creates_its_target_and_a_loop_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("state.json");
        std::os::unix::fs::symlink("sub/real.json", &link).unwrap();
        write_atomic(&link, b"x").unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("sub/real.json")).unwrap(),
            b"x"
        );
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );

        let a = dir.path().join("a");
        std::os::unix::fs::symlink("b", &a).unwrap();
        std::os::unix::fs::symlink("a", dir.path().join("b")).unwrap();
        let e = write_atomic(&a, b"x").unwrap_err();
        assert!(e.to_string().contains("loop of symbolic links"), "{e}");
    }

    #[cfg(unix)]
    #[test]
    fn a_device_or_pipe_is_never_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("state.json");
        std::os::unix::fs::symlink("/dev/null", &link).unwrap();
        let e = write_atomic(&link, b"x").unwrap_err();
        assert!(
            e.to_string().contains("a device, not a regular file"),
            "{e}"
        );
        assert!(
            std::fs::metadata("/dev/null")
                .unwrap()
                .file_type()
                .is_char_device()
        );
        let fifo = dir.path().join("history.json");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .unwrap()
                .success()
        );
        let e = write_atomic(&fifo, b"x").unwrap_err();
        assert!(e.to_string().contains("named pipe"), "{e}");
        // Nothing was left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
