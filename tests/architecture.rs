//! The core must know nothing of the terminal: no file under `src/core/`
//! may name ratatui, crossterm or the textarea widget, and none may print.
//! Inside `src/app`, the files the App is made of and the overlays never
//! import the App, so the App's files never import one another in a circle.

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

/// The `app` modules a file of `src/app` uses: `use super::name...` and
/// paths written in place (`Option<super::name::Type>`), comments left out.
fn app_imports(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .flat_map(|l| l.split("super::").skip(1))
        .filter_map(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            (!name.is_empty()).then_some(name)
        })
        .collect()
}

#[test]
fn what_the_app_is_made_of_and_the_overlays_never_import_the_app() {
    let app = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app");
    let read = |name: &str| std::fs::read_to_string(app.join(format!("{name}.rs"))).unwrap();
    // The files state.rs takes its types from, the overlay list and the
    // overlays it names, and the shape they share.
    let mut checked = app_imports(&read("state"));
    checked.extend(app_imports(&read("overlay")));
    checked.extend(["overlay", "step"].map(String::from));
    checked.retain(|m| m != "state" && app.join(format!("{m}.rs")).exists());
    checked.sort();
    checked.dedup();
    for name in ["bookmarks", "search", "msg", "help", "note", "search_bar"] {
        assert!(checked.iter().any(|m| m == name), "{name} is not checked");
    }
    for name in &checked {
        let imports = app_imports(&read(name));
        assert!(
            !imports.iter().any(|m| m == "state"),
            "src/app/{name}.rs imports the App (state.rs): state.rs uses it, \
             so that is an import circle; read what you need through a Ctx or \
             move the App's side into a file state.rs does not import"
        );
    }
}

#[test]
fn the_check_itself_can_fail() {
    assert_eq!(
        app_imports(
            "use super::state::{App, Effect};\n    use super::list;\n\
             // super::draft in a comment\n    loading: Option<super::reload::Loading>,"
        ),
        ["state", "list", "reload"]
    );
    let line = "use ratatui::Frame;";
    assert!(line.split("//").next().unwrap().contains("ratatui"));
}
