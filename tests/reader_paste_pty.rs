//! A paste or a flood of keys never freezes the reader: the real binary in
//! a pseudo-terminal, sent bracketed pastes of 10 KB and 100 KB (into the
//! search bar and into the note editor) and bursts of 1,000 keys, as a
//! terminal sends them. Asserts on the screen, and on the time until `Esc`
//! and `q` are honoured after the flood (measured from sending them, with
//! a deadline; a frozen reader took over a minute). No blind sleeps.

mod common;

use std::time::Duration;

use common::pty::{DEADLINE, Pty, TestEnv, keys};

/// How soon `Esc` or `q` must be honoured after a flood. Generous for a
/// shared, slow test machine: the reader answers in tens of
/// milliseconds; the defect this guards against took over a minute.
const PROMPT: Duration = Duration::from_secs(2);

/// The bundled corpus's articles, one after another, repeated to `bytes`
/// bytes (cut at a character boundary): text nobody typed for the test.
fn text_of(bytes: usize) -> String {
    let corpus = dossier::core::Corpus::bundled();
    let all: String = corpus
        .articles
        .iter()
        .map(|a| format!("{}\n\n", a.text))
        .collect();
    let mut s = all.repeat(bytes / all.len() + 1);
    let mut end = bytes;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.truncate(end);
    s
}

/// The bytes a terminal sends for a paste with bracketed paste on.
fn bracketed(text: &str) -> String {
    format!("\x1b[200~{text}\x1b[201~")
}

fn quit_promptly(p: &mut Pty) {
    p.send("q");
    let status = p.wait_exit(PROMPT).expect("dossier exits promptly after q");
    assert!(status.success(), "exit status {status:?}");
}

/// Sends `key` and returns how long until `gone` is off the screen.
fn honoured(p: &mut Pty, key: &str, gone: &'static str) -> Duration {
    p.send(key);
    p.wait_for(&format!("{gone:?} gone"), DEADLINE, |s| {
        !s.contents().contains(gone)
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn bracketed_paste_is_turned_on_and_off_again() {
    let env = TestEnv::new();
    let mut p = Pty::spawn(&env, &[], 80, 24);
    p.expect_text(" LIST ");
    p.wait_for_output("bracketed paste on", DEADLINE, |raw| {
        raw.windows(8).any(|w| w == b"\x1b[?2004h")
    })
    .unwrap();
    quit_promptly(&mut p);
    let raw = p.raw();
    let on = raw.windows(8).rposition(|w| w == b"\x1b[?2004h").unwrap();
    let off = raw.windows(8).rposition(|w| w == b"\x1b[?2004l");
    assert!(off.is_some_and(|off| off > on), "bracketed paste left on");
}

#[test]
fn a_paste_of_10_and_100_kb_into_the_search_bar_leaves_it_responsive() {
    for kb in [10, 100] {
        let env = TestEnv::new();
        let mut p = Pty::spawn(&env, &[], 100, 30);
        p.expect_text(" LIST ");
        p.send("/");
        p.expect_text(" SEARCH ");
        p.send(&bracketed(&text_of(kb * 1024)));
        // One search, over the paste cut to its distinctive words.
        p.expect_text("long query: 32 distinctive of");
        p.expect_text("¶ 1 · Russia seals the demise");
        // Every cell whole: no half-written character, the border intact.
        let screen = p.text();
        assert!(!screen.contains('\u{fffd}'), "{screen}");
        assert!(screen.contains("┗━━"), "{screen}");
        let esc = honoured(&mut p, keys::ESC, " SEARCH ");
        assert!(esc < PROMPT, "{kb} KB: Esc took {esc:?}");
        p.expect_text(" LIST ");
        quit_promptly(&mut p);
    }
}

#[test]
fn esc_is_honoured_at_once_right_after_a_100_kb_paste() {
    let env = TestEnv::new();
    let mut p = Pty::spawn(&env, &[], 100, 30);
    p.expect_text(" LIST ");
    p.send("/");
    p.expect_text(" SEARCH ");
    // Esc right behind the paste, while its search may be under way.
    p.send(&bracketed(&text_of(100 * 1024)));
    let esc = honoured(&mut p, keys::ESC, " SEARCH ");
    assert!(esc < PROMPT, "Esc took {esc:?}");
    p.expect_text(" LIST ");
    // Nothing of the paste was taken as a command.
    assert_eq!(p.with_screen(|s| s.contents()).matches(" LIST ").count(), 1);
    quit_promptly(&mut p);
}

#[test]
fn a_paste_of_10_and_100_kb_into_a_note_keeps_its_lines_and_stays_responsive() {
    for kb in [10, 100] {
        let env = TestEnv::new();
        let mut p = Pty::spawn(&env, &[], 100, 30);
        p.expect_text(" LIST ");
        p.send(&format!("{}m", keys::ENTER));
        p.expect_text(" NOTE ");
        let text = text_of(kb * 1024);
        p.send(&bracketed(&text));
        // The editor shows the end of the paste, its last line on a line
        // of its own (line breaks kept).
        let last = text.lines().rfind(|l| l.len() > 20).unwrap();
        let tail: String = last
            .chars()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        p.expect_text(tail.trim());
        let esc = honoured(&mut p, keys::ESC, " NOTE ");
        assert!(esc < PROMPT, "{kb} KB: Esc took {esc:?}");
        p.expect_text("Cancelled: nothing saved");
        quit_promptly(&mut p);
    }
}

/// The status bar's position (`¶ 7/7`) and the percentage read, as the
/// bottom border of the reading pane shows them.
fn position(p: &Pty) -> String {
    p.with_screen(|s| {
        let rows: Vec<String> = s.rows(0, s.size().1.get()).collect();
        rows[rows.len() - 2].clone()
    })
}

#[test]
fn a_burst_of_1000_keys_settles_at_once_where_the_keys_say() {
    // 1,000 `j` (one byte each) and 1,000 Down (three bytes each: more
    // than one read of the terminal).
    for (key, name) in [("j", "j"), (keys::DOWN, "Down")] {
        let env = TestEnv::new();
        let mut p = Pty::spawn(&env, &[], 100, 30);
        p.expect_text(" LIST ");
        p.send(keys::ENTER);
        p.expect_text(" READ ");
        p.send(&key.repeat(1000));
        // The same 1,000 keys in the library, for where they end.
        let mut a = dossier::testing::app(100, 30);
        dossier::testing::run_keys(&mut a, &format!("<enter>{}", "j".repeat(1000)));
        let want = dossier::testing::rows(&dossier::testing::render(&a))[28].clone();
        p.wait_for(&format!("1,000 {name} applied"), DEADLINE, |s| {
            let rows: Vec<String> = s.rows(0, 100).collect();
            rows[28].trim_end() == want
        })
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(position(&p).contains("100%"), "{}", position(&p));
        // Nothing left over: q is honoured at once.
        quit_promptly(&mut p);
    }
}

#[test]
fn ten_kb_of_letters_typed_into_the_search_bar_without_bracketed_paste() {
    // A terminal without bracketed paste sends a paste as keys: the
    // letters that arrive together are inserted together, searched once.
    let env = TestEnv::new();
    let mut p = Pty::spawn(&env, &[], 100, 30);
    p.expect_text(" LIST ");
    p.send("/");
    p.expect_text(" SEARCH ");
    let text = text_of(10 * 1024).replace(['\n', '\r', '\t'], " ");
    p.send(&text);
    p.expect_text("long query: 32 distinctive of");
    let esc = honoured(&mut p, keys::ESC, " SEARCH ");
    assert!(esc < PROMPT, "Esc took {esc:?}");
    p.expect_text(" LIST ");
    quit_promptly(&mut p);
}
