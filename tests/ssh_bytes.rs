//! Bytes on the wire: what a terminal at the end of a slow SSH link
//! receives from the reader, counted through a pseudo-terminal — the first
//! paint, a one-line scroll (`j`), half a page (`Ctrl-d`) and a page
//! (`space`) in the middle of an article, with the list beside the text or
//! one pane at a time (`z`) — with fixed limits, and the
//! screen after those scrolls (drawn with the terminal's scrolling region)
//! checked against the same place drawn from scratch; and the screen whole
//! again after `Ctrl-z` and `fg` in a shell with job control (the reader
//! forgets what the terminal showed).
//!
//! `cargo test --test ssh_bytes -- --ignored --nocapture` prints the
//! figures of the README's "Over SSH" table, with `less` on the same text
//! when it is installed.

mod common;

use common::pty::{DEADLINE, Pty, TestEnv, keys};

/// The start and end of a large frame (a synchronized update).
const FRAME_BEGIN: &[u8] = b"\x1b[?2026h";
const FRAME_END: &[u8] = b"\x1b[?2026l";
/// The end of a frame that scrolled rows: the scrolling region reset. A
/// small frame is sent bare, in one write; those the tests wait for all
/// scroll.
const SCROLL_END: &[u8] = b"\x1b[r";

fn frames(raw: &[u8]) -> usize {
    count(raw, FRAME_END)
}

fn count(raw: &[u8], what: &[u8]) -> usize {
    raw.windows(what.len()).filter(|w| *w == what).count()
}

/// True when `new` (what the reader sent since a key) holds the whole
/// frame that key caused: a synchronized update begun and ended, or a
/// bare frame that scrolled.
fn frame_done(new: &[u8]) -> bool {
    if count(new, FRAME_BEGIN) > 0 {
        count(new, FRAME_END) >= count(new, FRAME_BEGIN)
    } else {
        new.ends_with(SCROLL_END)
    }
}

/// The screen as it looks, row by row: each cell's character (a blank for
/// one never written), colours and attributes.
fn look(s: &vt100::Screen) -> Vec<String> {
    let (rows, cols) = s.size();
    (0..rows.get())
        .map(|y| {
            (0..cols.get())
                .filter_map(|x| s.cell(y, x))
                .filter(|c| !c.is_wide_continuation())
                .map(|c| {
                    let ch = if c.contents().is_empty() {
                        " "
                    } else {
                        c.contents()
                    };
                    let attrs = (c.bold(), c.dim(), c.italic(), c.underline(), c.inverse());
                    format!("{ch}{:?}{:?}{attrs:?}", c.fgcolor(), c.bgcolor())
                })
                .collect()
        })
        .collect()
}

fn rows(p: &Pty) -> Vec<String> {
    p.with_screen(look)
}

/// Bytes the reader sent for one paint, one line, half a page and a page.
#[derive(Debug, Clone, Copy)]
struct Figures {
    first: usize,
    line: usize,
    half: usize,
    page: usize,
}

/// The reader on the bundled corpus.
struct Reader {
    p: Pty,
    _env: TestEnv,
}

impl Reader {
    /// Starts the reader at `cols`x`rows` and waits for its first frame;
    /// returns it and the bytes of that frame (terminal set-up included).
    fn start(cols: u16, rows: u16) -> (Reader, usize) {
        let env = TestEnv::new();
        let p = Pty::spawn(&env, &[], cols, rows);
        or_panic(p.wait_for_output("the first frame", DEADLINE, |raw| frames(raw) >= 1));
        let raw = p.raw();
        let end = raw
            .windows(FRAME_END.len())
            .position(|w| w == FRAME_END)
            .expect("a frame");
        (Reader { p, _env: env }, end + FRAME_END.len())
    }

    /// Types `key` (one that scrolls the text, or draws a large frame)
    /// and waits for the frame it causes; returns its bytes.
    fn frame(&mut self, key: &str) -> usize {
        let before = self.p.raw().len();
        self.p.send(key);
        or_panic(self.p.wait_for_output("a frame", DEADLINE, |raw| {
            frame_done(&raw[before.min(raw.len())..])
        }));
        self.p.raw().len() - before
    }

    /// Opens the second article (the longest, about 3,000 words) and
    /// scrolls a little way into it.
    fn go_to_the_middle(&mut self) {
        self.open();
        for _ in 0..15 {
            self.frame("j");
        }
    }

    /// Opens the second article from the list.
    fn open(&mut self) {
        open_second(&mut self.p);
    }
}

/// Opens the second article of the list (a small frame, then a large
/// one) and waits until that is drawn whole.
fn open_second(p: &mut Pty) {
    let n = frames(&p.raw());
    p.send("j");
    p.send(keys::ENTER);
    p.expect_text(" READ ");
    or_panic(
        p.wait_for_output("the article drawn whole", DEADLINE, |raw| {
            frames(raw) > n && raw.ends_with(FRAME_END)
        }),
    );
}

/// Panics with the screen when a wait ran out.
fn or_panic(waited: Result<std::time::Duration, String>) {
    if let Err(e) = waited {
        panic!("{e}");
    }
}

/// How many one-line scrolls are measured.
const LINES: usize = 9;

/// The figures for the reader at `cols`x`rows`, and the screen after the
/// scrolls.
fn measure(cols: u16, rows_n: u16) -> (Figures, Vec<String>) {
    measure_panes(cols, rows_n, false)
}

/// [`measure`], with the reading pane alone (`z`) when `one_pane`.
fn measure_panes(cols: u16, rows_n: u16, one_pane: bool) -> (Figures, Vec<String>) {
    let (mut r, first) = Reader::start(cols, rows_n);
    if one_pane {
        r.open();
        r.frame("z");
        r.p.expect("the list gone", |s| !s.contents().contains(" Articles "));
        for _ in 0..15 {
            r.frame("j");
        }
    } else {
        r.go_to_the_middle();
    }
    // The median of several lines: a line that moves the passage cursor
    // to the next passage also redraws the margin marks of two passages.
    let mut lines: Vec<usize> = (0..LINES).map(|_| r.frame("j")).collect();
    lines.sort_unstable();
    let line = lines[LINES / 2];
    let half = r.frame(&keys::ctrl('d'));
    let page = r.frame(" ");
    // And back up: reverse index instead of line feeds.
    r.frame("k");
    let screen = rows(&r.p);
    (
        Figures {
            first,
            line,
            half,
            page,
        },
        screen,
    )
}

/// The same place reached in a fresh reader given every key at once (drawn
/// in as few frames as the keys arrive in), and then repainted from
/// scratch with `Ctrl-l`, shows the same screen.
fn assert_same_as_fresh(cols: u16, rows_n: u16, scrolled: &[String]) {
    let (mut r, _) = Reader::start(cols, rows_n);
    r.open();
    let keys_at_once = format!("{}{} k", "j".repeat(15 + LINES), keys::ctrl('d'));
    r.p.send(&keys_at_once);
    let fresh = r.p.wait_for("the same place drawn at once", DEADLINE, |s| {
        look(s) == scrolled
    });
    if let Err(e) = fresh {
        panic!("{e}\nwhere the screen drawn by scrolling differs");
    }
    // The frame after the clear, not one left from the keys above.
    let from = r.p.raw().len();
    r.p.send(&keys::ctrl('l'));
    or_panic(r.p.wait_for_output("a full repaint", DEADLINE, |raw| {
        let new = &raw[from.min(raw.len())..];
        new.windows(4)
            .position(|w| w == b"\x1b[2J")
            .is_some_and(|at| frames(&new[at..]) >= 1)
    }));
    assert_eq!(rows(&r.p), scrolled, "a full repaint shows another screen");
}

#[test]
fn scrolling_sends_the_new_lines_not_the_pane_and_the_screen_stays_right() {
    let (f, screen) = measure(100, 30);
    // Before the scrolling region and the shorter encoding: first paint
    // 7.2 KB, a line 2.1 KB, half a page 2.4 KB, a page 2.7 KB. Now about
    // 3.9 KB, 370 B, 1.4 KB and 1.7 KB: a scrolling region spans the whole
    // width, so the list's titles beside the text are written again after
    // each scroll (about 250 bytes); see the README's "Over SSH".
    assert!(f.first <= 4_200, "first paint {f:?}");
    assert!(f.line <= 420, "one line {f:?}");
    assert!(f.half <= 1_600, "half a page {f:?}");
    assert!(f.page <= 2_000, "a page {f:?}");
    assert_same_as_fresh(100, 30, &screen);
}

#[test]
fn with_the_reading_pane_alone_a_line_costs_little_more_than_the_line() {
    // Below 60 columns the reading pane is the whole width: nothing beside
    // the scrolled rows is written again.
    let (f, screen) = measure(59, 30);
    // About 71 B, 1.4 KB, 560 B and 1.5 KB (before: 1.9 KB a line): no
    // side borders, no synchronized-update markers around a small frame.
    assert!(f.line <= 90, "one line {f:?}");
    assert!(f.first <= 1_600, "first paint {f:?}");
    assert!(f.half <= 800, "half a page {f:?}");
    assert!(f.page <= 1_900, "a page {f:?}");
    assert_same_as_fresh(59, 30, &screen);
}

#[test]
fn with_one_pane_at_a_time_a_line_costs_about_what_it_costs_less() {
    // `z`: the reading pane alone, the whole width, no side borders.
    let (f, screen) = measure_panes(100, 30, true);
    // About 110 B a line (less: about 110 B; before `z`, with the list
    // beside the text, about 400 B).
    assert!(f.line <= 135, "one line {f:?}");
    assert!(f.half <= 1_500, "half a page {f:?}");
    assert!(f.page <= 2_600, "a page {f:?}");
    let (mut r, _) = Reader::start(100, 30);
    r.open();
    r.frame("z");
    let keys_at_once = format!("{}{} k", "j".repeat(15 + LINES), keys::ctrl('d'));
    r.p.send(&keys_at_once);
    let fresh = r.p.wait_for("the same place drawn at once", DEADLINE, |s| {
        look(s) == screen
    });
    if let Err(e) = fresh {
        panic!("{e}\nwhere the screen drawn by scrolling differs");
    }
}

/// `less` on the same article: the bytes of its first screen, and of `j`
/// (the median of several), `Ctrl-d` and `space` in the middle; `None`
/// when it is not installed.
fn less_figures(cols: u16, rows_n: u16) -> Option<Figures> {
    std::process::Command::new("less")
        .arg("--version")
        .output()
        .ok()
        .filter(|o| o.status.success())?;
    let env = TestEnv::new();
    let text = env
        .command()
        .args(["show", "complicity-peacebuilding"])
        .output()
        .expect("dossier show");
    assert!(text.status.success());
    let file = env.root().join("article.txt");
    std::fs::write(&file, &text.stdout).unwrap();
    let vars = [("LESS", ""), ("LESSOPEN", ""), ("LESSHISTFILE", "-")];
    let mut p = Pty::spawn_program("less", &env, &[file.to_str().unwrap()], cols, rows_n, &vars);
    // A screen is done when its prompt is written (the file's name on the
    // first, then `:`), and the rest of that row erased.
    let prompt = |p: &Pty, before: usize, what: &str| {
        or_panic(p.wait_for_output(what, DEADLINE, |raw| {
            let new = &raw[before.min(raw.len())..];
            let done = if before == 0 {
                new.windows(11).any(|w| w == b"article.txt")
            } else {
                new.ends_with(b":\x1b[K")
            };
            done && new.ends_with(b"\x1b[K")
        }));
        p.raw().len() - before
    };
    let first = prompt(&p, 0, "less's first screen");
    let mut key = |k: &str| {
        let before = p.raw().len();
        p.send(k);
        prompt(&p, before, "less's answer")
    };
    for _ in 0..15 {
        key("j");
    }
    let mut lines: Vec<usize> = (0..LINES).map(|_| key("j")).collect();
    lines.sort_unstable();
    let f = Figures {
        first,
        line: lines[LINES / 2],
        half: key(&keys::ctrl('d')),
        page: key(" "),
    };
    p.send("q");
    p.wait_exit(DEADLINE);
    Some(f)
}

#[test]
#[ignore = "prints the README's figures; run with --ignored --nocapture"]
fn figures_for_the_readme() {
    for (cols, rows_n, one_pane, what) in [
        (100, 30, false, "100x30, list and reading pane"),
        (100, 30, true, "100x30, reading pane alone (z)"),
        (59, 30, false, "59x30, reading pane alone"),
    ] {
        let (d, _) = measure_panes(cols, rows_n, one_pane);
        println!("{what}: dossier {d:?}");
        match less_figures(cols, rows_n) {
            Some(l) => {
                println!("{what}: less    {l:?}");
                let r = |a: usize, b: usize| a as f64 / b as f64;
                println!(
                    "{what}: ratio   first {:.2} line {:.2} half {:.2} page {:.2}",
                    r(d.first, l.first),
                    r(d.line, l.line),
                    r(d.half, l.half),
                    r(d.page, l.page)
                );
            }
            None => println!("{what}: less is not installed"),
        }
    }
}

/// Back from `Ctrl-z` (`fg` in a shell with job control) the reader
/// repaints everything: what the terminal showed before is forgotten, so
/// nothing the shell wrote meanwhile is left on the screen.
#[test]
fn back_from_ctrl_z_the_screen_is_whole_again() {
    let Ok(bash) = which_bash() else {
        eprintln!("no bash: skipped");
        return;
    };
    let env = TestEnv::new();
    let vars = [("PS1", "$ "), ("HISTFILE", "/dev/null")];
    let mut p = Pty::spawn_program(&bash, &env, &["--norc", "--noprofile", "-i"], 80, 24, &vars);
    p.expect_text("$ ");
    let vars: String = env
        .vars()
        .iter()
        .map(|(k, v)| format!("{k}='{v}' "))
        .collect();
    p.send(&format!("{vars}{}\r", env!("CARGO_BIN_EXE_dossier")));
    // The whole first frame, not only its first rows.
    or_panic(p.wait_for_output("the first frame", DEADLINE, |raw| frames(raw) >= 1));
    open_second(&mut p);
    for _ in 0..3 {
        let from = p.raw().len();
        p.send("j");
        or_panic(p.wait_for_output("a line scrolled", DEADLINE, |raw| {
            frame_done(&raw[from.min(raw.len())..])
        }));
    }
    let before = rows(&p);
    let before_text = p.text();
    // Typed only once the shell prompts: it may drop what was typed
    // before, when it takes the terminal back.
    let prompt = |p: &Pty, from: usize, after: &'static [u8], what: &str| {
        or_panic(p.wait_for_output(what, DEADLINE, |raw| {
            let new = &raw[from.min(raw.len())..];
            new.windows(after.len()).any(|w| w == after) && new.ends_with(b"$ ")
        }));
    };
    let from = p.raw().len();
    p.send(&keys::ctrl('z'));
    prompt(&p, from, b"Stopped", "the shell's prompt after Ctrl-z");
    let from = p.raw().len();
    p.send("echo written by the shell\r");
    prompt(
        &p,
        from,
        b"written by the shell",
        "the shell's prompt after echo",
    );
    p.send("fg\r");
    let back = p.wait_for("the reader as it was", DEADLINE, |s| {
        s.alternate_screen() && look(s) == before
    });
    if let Err(e) = back {
        panic!("{e}\nbefore Ctrl-z:\n{before_text}");
    }
    p.send("q");
    p.expect("the shell after q", |s| !s.alternate_screen());
    // (The shell is ended when `p` is dropped.)
}

fn which_bash() -> Result<String, ()> {
    ["/bin/bash", "/usr/bin/bash"]
        .iter()
        .find(|p| std::path::Path::new(p).exists())
        .map(|p| p.to_string())
        .ok_or(())
}
