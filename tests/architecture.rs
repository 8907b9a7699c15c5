//! The core must know nothing of the terminal: no file under `src/core/`
//! may name ratatui, crossterm or the textarea widget, and none may print.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn core_does_not_use_the_terminal() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut files = Vec::new();
    rust_files(&core, &mut files);
    assert!(files.len() >= 5, "expected the core modules in {core:?}");
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for banned in ["ratatui", "crossterm", "println!", "eprintln!", "print!("] {
                assert!(
                    !code.contains(banned),
                    "{}:{}: the core must not use `{banned}`: {line}",
                    f.display(),
                    n + 1
                );
            }
        }
    }
}

#[test]
fn the_check_itself_can_fail() {
    let line = "use ratatui::Frame;";
    assert!(line.split("//").next().unwrap().contains("ratatui"));
}
