//! Hostile and odd input, through the real binary: text that tries to
//! drive or reorder the terminal, files that are not files, symlinked and
//! emptied data files, typos in the settings, a state folder that cannot be
//! written. Each case must give a clear message, lose nothing and never
//! hang.

mod common;

use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::pty::{Pty, TestEnv};

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs `dossier args...` with `env`'s folders; fails the test instead of
/// hanging when the command has not finished within a deadline.
fn run(env: &TestEnv, args: &[&str]) -> Output {
    let mut child = env
        .command()
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let end = Instant::now() + common::pty::DEADLINE;
    while child.try_wait().expect("waiting for dossier").is_none() {
        if Instant::now() >= end {
            let _ = child.kill();
            panic!("dossier {args:?} did not finish: it hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("the output")
}

fn corpus(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).unwrap();
    for (name, body) in files {
        std::fs::write(dir.join(name), body).unwrap();
    }
}

#[test]
fn escape_sequences_go_whole_and_bidi_controls_go_while_hebrew_stays() {
    let env = TestEnv::new();
    let dir = env.root().join("corpus");
    corpus(
        &dir,
        &[(
            "evil.txt",
            "Clip\u{1b}]52;c;aGVsbG8=\u{7}board title\n\n\
             Paste \u{1b}P+q544e\u{1b}\\here, \u{9d}0;t\u{9c}then \u{1b}[1;31mred\u{1b}[0m.\n\n\
             access \u{202e}nimda\u{202c} level \u{2067}x\u{2069} \u{200f}\n\n\
             שלום עולם ومرحبا بالعالم\n",
        )],
    );
    let d = dir.to_str().unwrap();
    let shown = run(&env, &["--corpus", d, "show", "evil"]);
    assert_eq!(shown.status.code(), Some(0), "{}", text(&shown.stderr));
    let s = text(&shown.stdout);
    assert!(s.starts_with("Clipboard title\n"), "{s:?}");
    assert!(s.contains("Paste here, then red."), "{s:?}");
    assert!(s.contains("access nimda level x"), "{s:?}");
    assert!(s.contains("שלום עולם ومرحبا بالعالم"), "{s:?}");
    for bad in [
        '\u{1b}', '\u{7}', '\u{9c}', '\u{9d}', '\u{202e}', '\u{2067}',
    ] {
        assert!(!s.contains(bad), "{bad:?} in {s:?}");
    }
    assert!(!s.contains("52;c;") && !s.contains("544e"), "{s:?}");

    let found = run(&env, &["--corpus", d, "search", "nimda"]);
    assert_eq!(found.status.code(), Some(0), "{}", text(&found.stderr));
    let f = text(&found.stdout);
    assert!(f.contains("access nimda level"), "{f:?}");
    assert!(!f.contains('\u{202e}') && !f.contains('\u{1b}'), "{f:?}");
}

#[test]
fn the_reader_shows_the_text_without_the_sequences() {
    let env = TestEnv::new();
    let dir = env.root().join("corpus");
    corpus(
        &dir,
        &[(
            "evil.txt",
            "Evil\u{1b}]0;owned\u{7} title\n\nBefore \u{1b}]52;c;aGVsbG8=\u{7}after \u{202e}desrever\u{202c}.\n",
        )],
    );
    let mut p = Pty::spawn(&env, &["--corpus", dir.to_str().unwrap()], 100, 24);
    p.expect_text("Before after desrever.");
    let raw = p.raw();
    let shown = text(&raw);
    assert!(
        !shown.contains("owned") && !shown.contains("aGVsbG8"),
        "{shown:?}"
    );
    assert!(!shown.contains('\u{202e}'), "{shown:?}");
    p.send("q");
    assert!(p.wait_exit(common::pty::DEADLINE).is_some());
}

/// A folder holding, besides one article, a named pipe, a socket and a
/// symlink to a device, all with article names, and a pipe for
/// `entities.toml`: none has a writer, so opening one would block forever.
#[cfg(unix)]
fn corpus_with_special_files(dir: &Path) {
    corpus(dir, &[("a.txt", "Good title\n\nSome text here.\n")]);
    for name in ["x.txt", "entities.toml"] {
        let made = std::process::Command::new("mkfifo")
            .arg(dir.join(name))
            .status()
            .expect("mkfifo runs");
        assert!(made.success());
    }
    std::os::unix::fs::symlink("/dev/zero", dir.join("zero.md")).unwrap();
    let _socket = std::os::unix::net::UnixListener::bind(dir.join("s.txt")).unwrap();
}

#[cfg(unix)]
#[test]
fn pipes_sockets_and_devices_in_the_corpus_are_skipped_without_blocking() {
    let env = TestEnv::new();
    let dir = env.root().join("corpus");
    corpus_with_special_files(&dir);
    let o = run(&env, &["--corpus", dir.to_str().unwrap(), "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "a\tGood title\t3\n");
    let err = text(&o.stderr);
    for line in [
        "x.txt: skipped: it is a named pipe (FIFO), not a regular file",
        "s.txt: skipped: it is a socket, not a regular file",
        "zero.md: skipped: it is a device, not a regular file",
        "entities.toml: could not be read (it is a named pipe (FIFO), not a regular file)",
    ] {
        assert!(err.contains(line), "{line:?} not in {err}");
    }
}

#[cfg(unix)]
#[test]
fn a_named_pipe_in_the_corpus_does_not_stop_the_reader_from_starting() {
    let env = TestEnv::new();
    let dir = env.root().join("corpus");
    corpus_with_special_files(&dir);
    let mut p = Pty::spawn(&env, &["--corpus", dir.to_str().unwrap()], 100, 24);
    p.expect_text("Some text here.");
    p.expect_text("not a regular file");
    p.send("q");
    let status = p
        .wait_exit(common::pty::DEADLINE)
        .expect("the reader quits");
    assert!(status.success(), "{status:?}");
}

#[cfg(unix)]
#[test]
fn a_named_pipe_for_a_file_dossier_keeps_is_refused_without_blocking() {
    let env = TestEnv::new();
    let fifo = env.root().join("bookmarks.json");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let f = fifo.to_str().unwrap();
    let o = run(&env, &["--bookmarks", f, "bookmarks", "list"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("it is a named pipe (FIFO), not a regular file"),
        "{}",
        text(&o.stderr)
    );
    // The reader starts, read-only, with state and settings as pipes too.
    std::fs::create_dir_all(env.data_dir()).unwrap();
    std::fs::create_dir_all(env.config_dir()).unwrap();
    for p in [
        env.data_dir().join("state.json"),
        env.config_dir().join("config.toml"),
    ] {
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&p)
                .status()
                .unwrap()
                .success()
        );
    }
    let mut p = Pty::spawn(&env, &["--bookmarks", f], 100, 24);
    p.expect_text("Russia seals the demise");
    p.send("q");
    assert!(p.wait_exit(common::pty::DEADLINE).is_some());
}

#[cfg(unix)]
#[test]
fn a_symlinked_bookmarks_file_stays_a_link_and_its_target_gets_the_change() {
    use std::os::unix::fs::PermissionsExt;
    let env = TestEnv::new();
    let synced = env.root().join("synced");
    std::fs::create_dir_all(&synced).unwrap();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    let real = synced.join("bookmarks.json");
    std::fs::write(&real, "{\"version\": 1, \"bookmarks\": []}\n").unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = env.data_dir().join("bookmarks.json");
    std::os::unix::fs::symlink("../../synced/bookmarks.json", &link).unwrap();
    let o = run(
        &env,
        &["bookmarks", "add", "russia-seals-demise:3", "--note", "n"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let id = text(&o.stdout).trim().to_string();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(std::fs::read_to_string(&real).unwrap().contains(&id));
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    let listed = run(&env, &["bookmarks", "list"]);
    assert!(text(&listed.stdout).contains(&id));
}

#[test]
fn an_empty_bookmarks_file_is_left_alone_with_a_clear_message() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.data_dir()).unwrap();
    let file = env.data_dir().join("bookmarks.json");
    std::fs::write(&file, "").unwrap();
    let o = run(&env, &["bookmarks", "add", "russia-seals-demise:3"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
    let err = text(&o.stderr);
    assert!(err.contains("bookmarks.json: is empty (0 bytes)"), "{err}");
    assert!(err.contains("restore it from a backup"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"");
    // The reader says so too, and stays read-only.
    let mut p = Pty::spawn(&env, &[], 120, 24);
    p.expect_text("bookmarks.json is empty");
    p.send("m");
    p.send("q");
    p.send("q");
    assert!(p.wait_exit(common::pty::DEADLINE).is_some());
    assert_eq!(std::fs::read(&file).unwrap(), b"");
}

#[test]
fn a_typo_in_a_setting_is_named_with_the_nearest_known_one() {
    let env = TestEnv::new();
    env.write_config("mosue = false\n[keys]\nx = \"quit\"\n");
    let mut p = Pty::spawn(&env, &[], 160, 24);
    p.expect_text("line 1: unknown setting `mosue` is ignored (did you mean `mouse`?)");
    // The rest of the file applies.
    p.send("x");
    let status = p.wait_exit(common::pty::DEADLINE).expect("x quits");
    assert!(status.success(), "{status:?}");
}

#[test]
fn the_reader_exits_non_zero_when_the_reading_positions_cannot_be_saved() {
    let env = TestEnv::new();
    // A state folder inside a file: it cannot be created, even by root
    // (for whom a read-only folder is still writable).
    let file = env.root().join("a-file");
    std::fs::write(&file, "").unwrap();
    let state = file.join("state");
    let mut p = Pty::spawn_with(
        &env,
        &[],
        120,
        24,
        &[("DOSSIER_STATE_DIR", state.to_str().unwrap())],
    );
    p.expect_text("Russia seals the demise");
    p.send("q");
    let status = p.wait_exit(common::pty::DEADLINE).expect("q quits");
    assert_eq!(status.exit_code(), 2, "{status:?}");
    p.expect_text("could not save the reading positions");
    p.expect_text("check that the folder is writable");
}

#[cfg(unix)]
#[test]
fn a_file_name_with_escape_sequences_is_shown_without_them() {
    let env = TestEnv::new();
    let dir = env.root().join("corpus");
    corpus(&dir, &[("a.txt", "Good title\n\nSome text here.\n")]);
    std::fs::write(
        dir.join("evil\u{1b}]0;PWNED\u{7}\u{1b}[2J.txt"),
        b"\x00\x01bin",
    )
    .unwrap();
    let o = run(&env, &["--corpus", dir.to_str().unwrap(), "list"]);
    assert_eq!(o.status.code(), Some(0));
    let err = text(&o.stderr);
    assert!(
        err.contains("evil.txt: skipped: looks like a binary file"),
        "{err:?}"
    );
    assert!(!err.contains('\u{1b}') && !err.contains("PWNED"), "{err:?}");
    let mut p = Pty::spawn(&env, &["--corpus", dir.to_str().unwrap()], 120, 24);
    p.expect_text("evil.txt: skipped");
    assert!(!text(&p.raw()).contains("PWNED"));
    p.send("q");
    assert!(p.wait_exit(common::pty::DEADLINE).is_some());
}

/// `text` as UTF-16 with its byte-order mark, little- or big-endian.
fn utf16(text: &str, little: bool) -> Vec<u8> {
    let mut out = if little {
        vec![0xff, 0xfe]
    } else {
        vec![0xfe, 0xff]
    };
    for u in text.encode_utf16() {
        out.extend(if little {
            u.to_le_bytes()
        } else {
            u.to_be_bytes()
        });
    }
    out
}

#[test]
fn utf16_text_and_pages_are_read_not_refused_as_binary() {
    let env = TestEnv::new();
    let dir = env.root().join("corpus");
    std::fs::create_dir_all(&dir).unwrap();
    let words = "Stepanakert after the blockade\n\nThe road through the Lachin corridor \
                 stayed closed for nine months, and the shops of Stepanakert emptied.\n";
    std::fs::write(dir.join("le.txt"), utf16(words, true)).unwrap();
    let page = format!(
        "<html><head><title>Yerevan talks</title></head><body><article><h1>Yerevan talks</h1>\
         <p>{}</p></article></body></html>",
        "The ministers met in Yerevan and spoke about the corridor and the border. ".repeat(8)
    );
    std::fs::write(dir.join("be.html"), utf16(&page, false)).unwrap();
    let o = run(&env, &["--corpus", dir.to_str().unwrap(), "list"]);
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(!err.contains("binary"), "{err}");
    assert!(out.contains("Stepanakert after the blockade"), "{out}");
    assert!(out.contains("Yerevan talks"), "{out}");
    let o = run(
        &env,
        &["--corpus", dir.to_str().unwrap(), "search", "lachin"],
    );
    assert!(
        text(&o.stdout).contains("Lachin corridor stayed closed"),
        "{}",
        text(&o.stdout)
    );
}
