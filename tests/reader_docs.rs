//! The reader's documentation cannot drift from the code: the key table in
//! README.md is the one the help overlay is drawn from.
//!
//! After changing the default keys, regenerate the table with
//! `DOSSIER_UPDATE_DOCS=1 cargo test --test reader_docs`.

use dossier::app::Keymap;

const START: &str =
    "<!-- keys:start (generated from src/app/keymap.rs; see tests/reader_docs.rs) -->\n";
const END: &str = "<!-- keys:end -->";

#[test]
fn the_readme_key_table_matches_the_help_overlay() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let doc = std::fs::read_to_string(&path).expect("README.md");
    let (Some(a), Some(b)) = (doc.find(START), doc.find(END)) else {
        panic!("the key table markers are missing from {}", path.display());
    };
    let table = Keymap::defaults().markdown_table();
    let current = &doc[a + START.len()..b];
    if current != table && std::env::var_os("DOSSIER_UPDATE_DOCS").is_some() {
        let updated = format!("{}{START}{table}{}", &doc[..a], &doc[b..]);
        std::fs::write(&path, updated).expect("writing the docs");
        return;
    }
    assert_eq!(
        current, table,
        "the key table is out of date: run DOSSIER_UPDATE_DOCS=1 cargo test --test reader_docs"
    );
    // Every default key appears in the table.
    for (k, _) in dossier::app::keymap::DEFAULT_KEYS {
        let shown = dossier::app::Key::parse(k).unwrap().to_string();
        assert!(table.contains(&format!("`{shown}`")), "{shown} missing");
    }
}

#[test]
fn the_readme_names_every_action_for_config_toml() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let doc = std::fs::read_to_string(&path).expect("README.md");
    for a in dossier::app::Action::ALL {
        let name = a.name().unwrap();
        assert!(
            doc.contains(&format!("`{name}`")),
            "{name} is not in the README"
        );
    }
}

#[test]
fn the_readme_config_example_is_valid() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let doc = std::fs::read_to_string(&path).expect("README.md");
    let section = doc
        .find("## Settings: `config.toml`")
        .expect("the settings section");
    let start =
        section + doc[section..].find("```toml\n").expect("a toml example") + "```toml\n".len();
    let len = doc[start..].find("```").expect("the end of the example");
    let config = dossier::app::Config::parse(&doc[start..start + len])
        .unwrap_or_else(|e| panic!("the README's config.toml example: {e}"));
    assert!(config.mouse);
    assert_eq!(
        config.keymap.action(dossier::app::Key::ctrl('n')),
        Some(dossier::app::Action::NextPassage)
    );
}
