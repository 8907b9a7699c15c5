//! The reader's documentation cannot drift from the code: the key table in
//! README.md is the one the help overlay is drawn from, and the overlays'
//! key table is the key map's.
//!
//! After changing the default keys, regenerate the table with
//! `DOSSIER_UPDATE_DOCS=1 cargo test --test reader_docs`.

use dossier::app::Keymap;

/// Checks that README.md holds `table` between the markers named `name`
/// (`<!-- keys:start ... -->` and `<!-- keys:end -->`); with
/// `DOSSIER_UPDATE_DOCS` set, writes it there instead.
fn generated_in_readme(name: &str, table: &str) {
    let start = format!(
        "<!-- {name}:start (generated from src/app/keymap.rs; see tests/reader_docs.rs) -->\n"
    );
    let end = format!("<!-- {name}:end -->");
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let doc = std::fs::read_to_string(&path).expect("README.md");
    let (Some(a), Some(b)) = (doc.find(&start), doc.find(&end)) else {
        panic!("the {name} markers are missing from {}", path.display());
    };
    let current = &doc[a + start.len()..b];
    if current != table && std::env::var_os("DOSSIER_UPDATE_DOCS").is_some() {
        let updated = format!("{}{start}{table}{}", &doc[..a], &doc[b..]);
        std::fs::write(&path, updated).expect("writing the docs");
        return;
    }
    assert_eq!(
        current, table,
        "the {name} table is out of date: run DOSSIER_UPDATE_DOCS=1 cargo test --test reader_docs"
    );
}

#[test]
fn the_readme_key_table_matches_the_help_overlay() {
    let table = Keymap::defaults().markdown_table();
    generated_in_readme("keys", &table);
    // Every default key appears in the table.
    for (k, _) in dossier::app::keymap::DEFAULT_KEYS {
        let shown = dossier::app::Key::parse(k).unwrap().to_string();
        assert!(table.contains(&format!("`{shown}`")), "{shown} missing");
    }
}

#[test]
fn the_readme_overlay_key_table_matches_the_key_map() {
    let table = Keymap::defaults().overlay_markdown_table();
    generated_in_readme("overlay-keys", &table);
    // Every overlay key appears in the table, beside its action's name.
    for (_, k, a) in dossier::app::keymap::MODE_KEYS {
        let shown = dossier::app::Key::parse(k).unwrap().to_string();
        let name = a.name().unwrap();
        assert!(
            table
                .lines()
                .any(|l| l.contains(&format!("`{shown}`")) && l.contains(&format!("`{name}`"))),
            "{shown} ({name}) missing"
        );
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
