//! A panic inside the reader must leave a usable terminal and a readable
//! message: the panic hook restores the terminal first, then prints. The
//! test runs this test binary again in a pseudo-terminal, where `child`
//! sets the terminal up as the reader does and panics.

mod common;

use common::pty::{DEADLINE, Pty, TestEnv};

const CHILD: &str = "DOSSIER_PANIC_CHILD";

#[test]
fn child() {
    if std::env::var_os(CHILD).is_some() {
        dossier::runtime::panic_in_the_reader_for_tests();
    }
}

#[test]
fn a_panic_restores_the_terminal_before_printing() {
    let env = TestEnv::new();
    let exe = std::env::current_exe().expect("the test binary");
    let mut p = Pty::spawn_program(
        exe.to_str().expect("a UTF-8 path"),
        &env,
        &["child", "--exact", "--nocapture", "--test-threads=1"],
        80,
        24,
        &[(CHILD, "1"), ("RUST_BACKTRACE", "0")],
    );
    let status = p.wait_exit(DEADLINE).expect("the child exits");
    assert!(!status.success(), "the child should have panicked");
    p.with_screen(|s| {
        assert!(!s.alternate_screen(), "left on the alternate screen");
        assert!(!s.hide_cursor(), "cursor left hidden");
        assert_eq!(s.mouse_protocol_mode(), vt100::MouseProtocolMode::None);
        // Printed after leaving the alternate screen, so it is still there.
        assert!(
            s.contents().contains("a test panic inside the reader"),
            "the panic message is lost:\n{}",
            s.contents()
        );
    });
    // And the terminal was in the reader's mode before: the check can fail.
    let raw = String::from_utf8_lossy(&p.raw()).into_owned();
    let entered = raw
        .find("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = raw.rfind("\x1b[?1049l").expect("left the alternate screen");
    let message = raw.find("a test panic inside").expect("the message");
    assert!(entered < left && left < message, "restored before printing");
}
