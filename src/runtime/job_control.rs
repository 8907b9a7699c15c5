//! Whether `Ctrl-z` can suspend the reader: is there a shell with job
//! control to stop it and bring it back with `fg`?
//!
//! SIGTSTP stops a process only when its process group is not orphaned,
//! that is when some member has a parent in another process group of the
//! same session — a job-control shell, which then offers `fg`. Started
//! straight by tmux, screen, ssh or a terminal (the reader leads its own
//! session) or by a shell without job control, no such parent exists: the
//! kernel drops the signal, or, if some other parent keeps the group from
//! being orphaned without controlling jobs, the reader would stop with no
//! way back. [`available`] walks up from the reader's parent while the
//! ancestors share its process group and answers true only on finding one
//! in the same session but another group. It only asks the system; it
//! never sends a signal.

/// True when a parent with job control can resume the reader after
/// SIGTSTP. On systems where a process's parent cannot be read beyond
/// the first, an undecided answer is true (suspend as asked).
#[cfg(unix)]
pub fn available() -> bool {
    // SAFETY: these calls take and return plain integers and have no
    // preconditions; a failed call returns -1, handled below.
    let (group, session, mut pid) = unsafe { (libc::getpgrp(), libc::getsid(0), libc::getppid()) };
    for _ in 0..64 {
        if pid <= 1 {
            return false;
        }
        // SAFETY: as above.
        let (g, s) = unsafe { (libc::getpgid(pid), libc::getsid(pid)) };
        if g < 0 || s < 0 || s != session {
            return false;
        }
        if g != group {
            return true;
        }
        match parent_of(pid) {
            Some(p) => pid = p,
            None => return true,
        }
    }
    false
}

/// Without Unix signals there is nothing to suspend to.
#[cfg(not(unix))]
pub fn available() -> bool {
    false
}

/// The parent of process `pid`, from `/proc/PID/stat` (Linux).
#[cfg(unix)]
fn parent_of(pid: libc::pid_t) -> Option<libc::pid_t> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // "PID (COMMAND) STATE PPID ...": the command may hold spaces and
    // parentheses, so read after the last ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    #[test]
    fn the_parent_of_this_process_is_read_from_proc() {
        let me = std::process::id() as libc::pid_t;
        // SAFETY: no preconditions.
        assert_eq!(super::parent_of(me), Some(unsafe { libc::getppid() }));
    }
}
