//! Running the real `dossier` binary in a pseudo-terminal, for end-to-end
//! tests and the startup benchmark.
//!
//! * [`TestEnv`]: temporary data and config folders (`XDG_*` and
//!   `DOSSIER_*` variables), so a test never touches the user's files.
//! * [`Pty::spawn`]: starts the binary on a pty of a given size. A thread
//!   reads the pty all the time (a full pty would block the child) and
//!   feeds a `vt100` parser, the screen as the user would see it.
//! * [`Pty::wait_for`] / [`Pty::expect`]: wait, with a deadline, until the
//!   screen satisfies a condition — woken by each read, never a blind sleep.
//! * [`Pty::send`], [`Pty::resize`], [`Pty::wait_exit`].
//!
//! Keys are sent as the bytes a terminal sends: see [`keys`].
//!
//! Used from a test file with `mod common;` and from `benches/` with
//! `#[path = "../tests/common/pty.rs"] mod pty;`.

#![allow(dead_code)]

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, mpsc};
use std::time::{Duration, Instant};

use portable_pty::{
    ChildKiller, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system,
};

/// How long [`Pty::expect`] waits by default. Generous: CI machines are
/// slow and shared; a passing test never waits this long.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// The bytes terminals send for some keys.
pub mod keys {
    pub const ENTER: &str = "\r";
    pub const TAB: &str = "\t";
    pub const SHIFT_TAB: &str = "\x1b[Z";
    pub const ESC: &str = "\x1b";
    pub const BACKSPACE: &str = "\x7f";
    pub const UP: &str = "\x1b[A";
    pub const DOWN: &str = "\x1b[B";
    pub const PAGE_DOWN: &str = "\x1b[6~";
    pub const PAGE_UP: &str = "\x1b[5~";
    pub const HOME: &str = "\x1b[H";
    pub const END: &str = "\x1b[F";
    /// `Ctrl-` + a letter.
    pub fn ctrl(c: char) -> String {
        char::from((c.to_ascii_lowercase() as u8) & 0x1f).to_string()
    }
}

/// Temporary folders standing in for the user's data and config folders.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

impl Default for TestEnv {
    fn default() -> Self {
        TestEnv::new()
    }
}

impl TestEnv {
    /// Fresh, empty folders.
    pub fn new() -> TestEnv {
        TestEnv {
            dir: tempfile::tempdir().expect("a temporary folder"),
        }
    }

    /// The root of the temporary folders.
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Where dossier keeps data (state.json, bookmarks.json).
    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data/dossier")
    }

    /// Where dossier reads config.toml.
    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config/dossier")
    }

    /// Writes `config.toml`.
    pub fn write_config(&self, text: &str) {
        std::fs::create_dir_all(self.config_dir()).unwrap();
        std::fs::write(self.config_dir().join("config.toml"), text).unwrap();
    }

    /// The environment variables that point dossier at these folders.
    pub fn vars(&self) -> Vec<(String, String)> {
        let p = |s: PathBuf| s.to_string_lossy().into_owned();
        vec![
            ("XDG_DATA_HOME".into(), p(self.dir.path().join("data"))),
            ("XDG_CONFIG_HOME".into(), p(self.dir.path().join("config"))),
            ("XDG_CACHE_HOME".into(), p(self.dir.path().join("cache"))),
            ("DOSSIER_DATA_DIR".into(), p(self.data_dir())),
            ("DOSSIER_CONFIG_DIR".into(), p(self.config_dir())),
            ("HOME".into(), p(self.dir.path().to_path_buf())),
        ]
    }

    /// A plain (not pty) command for the binary, with these folders.
    pub fn command(&self) -> std::process::Command {
        let mut c = std::process::Command::new(env!("CARGO_BIN_EXE_dossier"));
        c.envs(self.vars())
            .env_remove("DOSSIER_BOOKMARKS")
            .env_remove("TMUX");
        c
    }
}

struct Screen {
    parser: vt100::Parser,
    /// Everything the program wrote, for asserting on escape sequences.
    raw: Vec<u8>,
    /// The program closed the pty (it exited).
    eof: bool,
}

/// The binary running in a pseudo-terminal.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    screen: Arc<(Mutex<Screen>, Condvar)>,
    exited: mpsc::Receiver<ExitStatus>,
    killer: Box<dyn ChildKiller + Send + Sync>,
    status: Option<ExitStatus>,
    pid: Option<u32>,
    /// When the process was started.
    pub started: Instant,
}

fn nz(n: u16) -> NonZeroU16 {
    NonZeroU16::new(n.max(1)).expect("not zero")
}

impl Pty {
    /// Starts `dossier args...` in a `cols`x`rows` pty with `env`'s folders,
    /// `TERM=xterm-256color` and no `NO_COLOR`.
    pub fn spawn(env: &TestEnv, args: &[&str], cols: u16, rows: u16) -> Pty {
        Pty::spawn_with(env, args, cols, rows, &[])
    }

    /// As [`Pty::spawn`], with extra environment variables.
    pub fn spawn_with(
        env: &TestEnv,
        args: &[&str],
        cols: u16,
        rows: u16,
        vars: &[(&str, &str)],
    ) -> Pty {
        Pty::spawn_program(env!("CARGO_BIN_EXE_dossier"), env, args, cols, rows, vars)
    }

    /// As [`Pty::spawn_with`], for any program (e.g. the test binary itself).
    pub fn spawn_program(
        program: &str,
        env: &TestEnv,
        args: &[&str],
        cols: u16,
        rows: u16,
        vars: &[(&str, &str)],
    ) -> Pty {
        let size = PtySize {
            rows,
            cols,
            pixel_width: 0,
            pixel_height: 0,
        };
        let pair = native_pty_system()
            .openpty(size)
            .unwrap_or_else(|e| panic!("cannot open a pty: {e}"));
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.cwd(env.root());
        for (k, v) in env.vars() {
            cmd.env(k, v);
        }
        cmd.env("TERM", "xterm-256color");
        for k in ["NO_COLOR", "TMUX", "DOSSIER_BOOKMARKS"] {
            cmd.env_remove(k);
        }
        for (k, v) in vars {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let mut child = pair
            .slave
            .spawn_command(cmd)
            .unwrap_or_else(|e| panic!("cannot start dossier: {e}"));
        // Only the child may hold the slave side, so that its exit closes
        // the pty and the reader below sees the end.
        drop(pair.slave);
        let killer = child.clone_killer();
        let pid = child.process_id();
        let (tx, exited) = mpsc::channel();
        std::thread::spawn(move || {
            if let Ok(status) = child.wait() {
                let _ = tx.send(status);
            }
        });
        let screen = Arc::new((
            Mutex::new(Screen {
                parser: vt100::Parser::new(nz(rows), nz(cols), 0),
                raw: Vec::new(),
                eof: false,
            }),
            Condvar::new(),
        ));
        let mut reader = pair
            .master
            .try_clone_reader()
            .unwrap_or_else(|e| panic!("cannot read the pty: {e}"));
        let shared = Arc::clone(&screen);
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                let n = reader.read(&mut buf).unwrap_or(0);
                let (lock, cv) = &*shared;
                let mut s = lock.lock().unwrap_or_else(|p| p.into_inner());
                if n == 0 {
                    s.eof = true;
                    cv.notify_all();
                    break;
                }
                s.parser.process(&buf[..n]);
                s.raw.extend_from_slice(&buf[..n]);
                cv.notify_all();
            }
        });
        let writer = pair
            .master
            .take_writer()
            .unwrap_or_else(|e| panic!("cannot write to the pty: {e}"));
        Pty {
            master: pair.master,
            writer,
            screen,
            exited,
            killer,
            status: None,
            pid,
            started,
        }
    }

    /// Types `bytes` (see [`keys`] for special keys).
    pub fn send(&mut self, bytes: &str) {
        self.writer
            .write_all(bytes.as_bytes())
            .expect("writing to the pty");
        self.writer.flush().expect("flushing the pty");
    }

    /// Calls `f` with the current screen.
    pub fn with_screen<R>(&self, f: impl FnOnce(&vt100::Screen) -> R) -> R {
        let s = self.screen.0.lock().unwrap_or_else(|p| p.into_inner());
        f(s.parser.screen())
    }

    /// The screen's text, one line per row.
    pub fn text(&self) -> String {
        self.with_screen(|s| s.contents())
    }

    /// Everything the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.screen
            .0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .raw
            .clone()
    }

    /// Waits until `pred` holds for the screen, or `deadline` passes (then
    /// the error shows the screen). Wakes on every read from the pty.
    pub fn wait_for(
        &self,
        what: &str,
        deadline: Duration,
        pred: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<Duration, String> {
        let start = Instant::now();
        let end = start + deadline;
        let (lock, cv) = &*self.screen;
        let mut s = lock.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if pred(s.parser.screen()) {
                return Ok(start.elapsed());
            }
            let now = Instant::now();
            if s.eof || now >= end {
                let why = if s.eof {
                    "the program exited"
                } else {
                    "timed out"
                };
                return Err(format!(
                    "waiting for {what}: {why} after {:?}; the screen:\n{}",
                    start.elapsed(),
                    s.parser.screen().contents()
                ));
            }
            s = cv
                .wait_timeout(s, end - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// Waits until `pred` holds for everything the program wrote so far
    /// (raw bytes, escape sequences included), or `deadline` passes.
    pub fn wait_for_output(
        &self,
        what: &str,
        deadline: Duration,
        pred: impl Fn(&[u8]) -> bool,
    ) -> Result<Duration, String> {
        let start = Instant::now();
        let end = start + deadline;
        let (lock, cv) = &*self.screen;
        let mut s = lock.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if pred(&s.raw) {
                return Ok(start.elapsed());
            }
            let now = Instant::now();
            if s.eof || now >= end {
                return Err(format!(
                    "waiting for {what}: {} after {:?}; the screen:\n{}",
                    if s.eof {
                        "the program exited"
                    } else {
                        "timed out"
                    },
                    start.elapsed(),
                    s.parser.screen().contents()
                ));
            }
            s = cv
                .wait_timeout(s, end - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    /// [`Pty::wait_for`] with [`DEADLINE`], panicking with the screen on
    /// failure.
    pub fn expect(&self, what: &str, pred: impl Fn(&vt100::Screen) -> bool) {
        if let Err(e) = self.wait_for(what, DEADLINE, pred) {
            panic!("{e}");
        }
    }

    /// Waits until the screen shows `text` somewhere.
    pub fn expect_text(&self, text: &str) {
        self.expect(&format!("{text:?} on screen"), |s| {
            s.contents().contains(text)
        });
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        {
            let mut s = self.screen.0.lock().unwrap_or_else(|p| p.into_inner());
            s.parser.screen_mut().set_size(nz(rows), nz(cols));
        }
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resizing the pty");
    }

    /// Waits for the program to exit and for its last output to be read;
    /// `None` if it is still running at the deadline.
    pub fn wait_exit(&mut self, deadline: Duration) -> Option<ExitStatus> {
        if self.status.is_none() {
            self.status = self.exited.recv_timeout(deadline).ok();
        }
        self.status.as_ref()?;
        // Drain: the pty closes once the program has gone.
        let _ = self.wait_for("the end of the output", deadline, |_| false);
        self.status.clone()
    }

    /// The process id (for sending signals).
    pub fn pid(&self) -> Option<u32> {
        self.pid
    }

    /// Sends a signal (`TERM`, `HUP`, ...) to the program with kill(1).
    pub fn signal(&self, name: &str) {
        let pid = self.pid.expect("the program's pid").to_string();
        let ok = std::process::Command::new("kill")
            .args([format!("-{name}"), pid])
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "kill -{name} failed");
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.status.is_none() && self.exited.try_recv().is_err() {
            let _ = self.killer.kill();
        }
    }
}
