//! The real binary in a pseudo-terminal: what a user sees and what is left
//! on the terminal afterwards. Every wait has a deadline; none is a blind
//! sleep.

mod common;

use std::time::Duration;

use common::pty::{DEADLINE, Pty, TestEnv, keys};

/// The terminal is back to normal: main screen, cursor shown, no mouse
/// reporting.
fn assert_restored(p: &Pty) {
    p.with_screen(|s| {
        assert!(!s.alternate_screen(), "still on the alternate screen");
        assert!(!s.hide_cursor(), "the cursor is still hidden");
        assert_eq!(
            s.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "mouse reporting still on"
        );
    });
}

fn quit(p: &mut Pty) {
    p.send("q");
    let status = p.wait_exit(DEADLINE).expect("dossier exits after q");
    assert!(status.success(), "exit status {status:?}");
    assert_restored(p);
}

fn started(env: &TestEnv, cols: u16, rows: u16) -> Pty {
    let p = Pty::spawn(env, &[], cols, rows);
    p.expect_text(" LIST ");
    p
}

#[test]
fn starts_with_the_titles_and_quits_leaving_the_screen_restored() {
    let env = TestEnv::new();
    let mut p = started(&env, 80, 24);
    let screen = p.text();
    for t in [
        "Russia seals",
        "Complicity in the",
        "The story of",
        "The conflict in",
        "Nagorno-Karab",
    ] {
        assert!(screen.contains(t), "{t} missing:\n{screen}");
    }
    assert!(
        screen.contains("Azerbaijan’s military operation"),
        "{screen}"
    );
    p.with_screen(|s| {
        assert!(s.alternate_screen());
        assert!(s.hide_cursor());
    });
    quit(&mut p);
    // The state was written on quit.
    assert!(env.data_dir().join("state.json").is_file());
}

#[test]
fn enter_and_brackets_open_other_articles() {
    let env = TestEnv::new();
    let mut p = started(&env, 80, 24);
    p.send("jj");
    p.send(keys::ENTER);
    p.expect_text("The story of a betrayal: Why");
    p.expect_text(" READ ");
    p.send("]");
    p.expect_text("The conflict in the disputed");
    p.send("[");
    p.expect_text("The story of a betrayal: Why");
    p.send(&keys::ctrl('o'));
    p.expect_text("The conflict in the disputed");
    quit(&mut p);
}

#[test]
fn help_overlay_opens_and_closes() {
    let env = TestEnv::new();
    let mut p = started(&env, 80, 24);
    p.send("?");
    p.expect_text(" HELP ");
    p.expect_text("focus the other pane");
    p.send("q");
    p.expect("help closed", |s| {
        let c = s.contents();
        c.contains(" LIST ") && !c.contains("focus the other pane")
    });
    p.send("?");
    p.expect_text(" HELP ");
    p.send(keys::ESC);
    p.expect_text(" LIST ");
    quit(&mut p);
}

#[test]
fn resizing_relays_out_and_small_terminals_say_so() {
    let env = TestEnv::new();
    let mut p = started(&env, 80, 24);
    p.resize(40, 12);
    p.expect("the narrow layout", |s| {
        let c = s.contents();
        c.contains("Articles") && !c.contains("Azerbaijan’s")
    });
    p.resize(30, 10);
    p.expect_text("Terminal too small");
    p.resize(100, 30);
    p.expect("both panes again", |s| {
        let c = s.contents();
        c.contains("Articles") && c.contains("Azerbaijan’s") && !c.contains("too small")
    });
    quit(&mut p);
}

#[test]
fn without_a_terminal_it_exits_2_and_points_at_the_subcommands() {
    let env = TestEnv::new();
    let out = env
        .command()
        .stdin(std::process::Stdio::null())
        .output()
        .expect("running dossier");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("needs a terminal"), "{err}");
    assert!(err.contains("dossier list"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn the_reading_position_is_remembered_across_restarts() {
    let env = TestEnv::new();
    let mut p = started(&env, 80, 24);
    p.send("jjj");
    p.send(keys::ENTER);
    p.expect_text("The conflict in the disputed");
    p.send("JJ");
    p.expect_text("¶ 3/");
    quit(&mut p);
    let mut p = started(&env, 80, 24);
    p.expect_text("The conflict in the disputed");
    p.expect_text("¶ 3/");
    quit(&mut p);
}

#[test]
fn a_corrupt_state_file_and_a_bad_config_are_reported_not_fatal() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    std::fs::write(env.data_dir().join("state.json"), "{ not json").unwrap();
    env.write_config("[keys]\nj = \"down\"\nx = \"fly\"\n");
    let mut p = Pty::spawn(&env, &[], 120, 24);
    p.expect_text("line 3");
    p.expect_text("'fly' is not an action");
    p.send("j"); // dismisses the first message; defaults still work
    p.expect_text("could not be read");
    p.send("j");
    p.expect_text("Nagorno-Karabakh Crisis");
    quit(&mut p);
    let state = std::fs::read_to_string(env.data_dir().join("state.json")).unwrap();
    assert!(state.contains("\"version\": 1"), "{state}");
}

#[test]
fn sigterm_restores_the_terminal() {
    let env = TestEnv::new();
    let mut p = started(&env, 80, 24);
    p.signal("TERM");
    let status = p.wait_exit(DEADLINE).expect("dossier exits on SIGTERM");
    assert_eq!(status.exit_code(), 128 + 15);
    assert_restored(&p);
}

#[test]
fn no_color_means_no_colour_on_the_real_terminal() {
    let env = TestEnv::new();
    let colour_cells = |p: &Pty| {
        p.with_screen(|s| {
            let (rows, cols) = s.size();
            let mut n = 0;
            for r in 0..rows.get() {
                for c in 0..cols.get() {
                    if let Some(cell) = s.cell(r, c)
                        && (cell.fgcolor() != vt100::Color::Default
                            || cell.bgcolor() != vt100::Color::Default)
                    {
                        n += 1;
                    }
                }
            }
            n
        })
    };
    let mut p = Pty::spawn_with(&env, &[], 80, 24, &[("NO_COLOR", "1")]);
    p.expect_text(" LIST ");
    p.send("?");
    p.expect_text(" HELP ");
    assert_eq!(colour_cells(&p), 0, "{}", p.text());
    p.send(keys::ESC);
    p.expect_text(" LIST ");
    quit(&mut p);
    let mut p = started(&env, 80, 24);
    assert!(colour_cells(&p) > 0, "the colour theme shows colour");
    quit(&mut p);
}

#[test]
fn y_copies_by_osc52_and_the_mouse_opens_articles() {
    let env = TestEnv::new();
    let mut p = started(&env, 80, 24);
    p.with_screen(|s| {
        assert_ne!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
    });
    // Click the second title (row 4, column 5, 1-based, SGR encoding: each
    // title takes two rows).
    p.send("\x1b[<0;5;4M\x1b[<0;5;4m");
    p.expect_text("Sossi Tatikyan · OSTWEST");
    p.send("y");
    p.expect_text("Copied passage 1");
    let raw = String::from_utf8_lossy(&p.raw()).into_owned();
    assert!(raw.contains("\x1b]52;c;"), "no OSC 52 sequence written");
    // Wheel down over the reader scrolls it by three lines.
    let row = |s: &vt100::Screen, r: u16| s.contents_between(r, 29, r, 79).trim_end().to_string();
    let fourth = p.with_screen(|s| row(s, 7));
    p.send("\x1b[<65;50;10M");
    p.expect("scrolled by three lines", |s| row(s, 4) == fourth);
    quit(&mut p);
}

/// Voluntary context switches of each thread of process `pid`, by thread
/// id: a thread blocked on a read or a channel makes none.
#[cfg(target_os = "linux")]
fn wakeups(pid: u32) -> std::collections::HashMap<String, u64> {
    let mut by_thread = std::collections::HashMap::new();
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return by_thread;
    };
    for task in tasks.flatten() {
        // A thread that ends meanwhile (the search index is built on
        // short-lived threads) is simply left out.
        let Ok(status) = std::fs::read_to_string(task.path().join("status")) else {
            continue;
        };
        for line in status.lines() {
            if let Some(v) = line.strip_prefix("voluntary_ctxt_switches:") {
                let tid = task.file_name().to_string_lossy().into_owned();
                by_thread.insert(tid, v.trim().parse::<u64>().unwrap());
            }
        }
    }
    by_thread
}

/// The threads of `before` that woke up since (those alive in both).
#[cfg(target_os = "linux")]
fn woken(
    before: &std::collections::HashMap<String, u64>,
    after: &std::collections::HashMap<String, u64>,
) -> Vec<String> {
    before
        .iter()
        .filter(|(tid, n)| after.get(*tid).is_some_and(|m| m > n))
        .map(|(tid, _)| tid.clone())
        .collect()
}

#[cfg(target_os = "linux")]
#[test]
fn an_idle_reader_neither_wakes_up_nor_writes() {
    let env = TestEnv::new();
    let mut p = started(&env, 80, 24);
    // A first search waits for the search index, whose build threads would
    // otherwise still be at work.
    p.send("/");
    p.expect_text(" SEARCH ");
    p.send("lachin corirdor");
    p.expect_text("¶ 5 · Nagorno-Karabakh Crisis");
    p.send(keys::ESC);
    p.expect_text(" LIST ");
    p.send("j");
    p.expect_text("2/5");
    let pid = p.pid().expect("pid");
    // Let the last frame settle, then watch half a second of idleness.
    let quiet = |ms| p.wait_for("nothing", Duration::from_millis(ms), |_| false);
    assert!(quiet(100).is_err());
    let (bytes, before) = (p.raw().len(), wakeups(pid));
    assert!(quiet(500).is_err());
    assert_eq!(p.raw().len(), bytes, "the reader wrote while idle");
    assert_eq!(
        woken(&before, &wakeups(pid)),
        Vec::<String>::new(),
        "a thread of the reader woke up while idle"
    );
    // The check can fail: a key wakes it.
    p.send("k");
    p.expect_text("1/5");
    assert!(!woken(&before, &wakeups(pid)).is_empty());
    quit(&mut p);
}

#[test]
fn ctrl_l_repaints_and_ctrl_z_comes_back() {
    let env = TestEnv::new();
    let mut p = started(&env, 80, 24);
    // Ctrl-l clears the screen and writes every cell again.
    let before = p.raw().len();
    p.send(&keys::ctrl('l'));
    p.wait_for_output("a full repaint", DEADLINE, |raw| {
        let new = &raw[before.min(raw.len())..];
        new.windows(4).any(|w| w == b"\x1b[2J") && new.len() > 80 * 20
    })
    .unwrap_or_else(|e| panic!("{e}"));
    p.expect("the screen written again", |s| {
        s.contents().contains("Russia seals") && s.contents().contains(" LIST ")
    });
    // Ctrl-z: the reader leads its own session here, with no job-control
    // shell to bring it back, so it says so and stays, on the alternate
    // screen, still answering keys.
    p.send(&keys::ctrl('z'));
    p.expect_text("Not suspended: no shell with job control");
    p.send("j");
    p.expect_text("2/5");
    p.with_screen(|s| assert!(s.alternate_screen()));
    quit(&mut p);
}

#[test]
fn sighup_restores_the_terminal() {
    let env = TestEnv::new();
    let mut p = started(&env, 80, 24);
    p.signal("HUP");
    let status = p.wait_exit(DEADLINE).expect("dossier exits on SIGHUP");
    assert_eq!(status.exit_code(), 128 + 1);
    assert_restored(&p);
}
