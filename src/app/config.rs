//! The reader's settings from `config.toml` (in the config folder, see
//! [`crate::core::paths::Paths::config_file`]):
//!
//! ```toml
//! mouse = true            # wheel scrolls, click selects (default true)
//! corpus = "~/research"   # the dossier folder read and added to by default
//! clean = true            # hide page furniture in copied pages (default true)
//!
//! [keys]                  # key = action; added to the defaults
//! "ctrl-f" = "page_down"
//! "x" = "quit"
//! "q" = "none"            # "none" removes a default binding
//!
//! [keys.bookmarks]        # the keys an overlay reads first
//! "x" = "delete_bookmark"  # (see keymap::Mode for the tables)
//! ```
//!
//! Parsing is pure (text in, [`Config`] or [`ConfigError`] out); reading the
//! file is the runtime's job. A bad file is never half-applied: the error
//! names the line, and the caller falls back to [`Config::default`].
//! Unknown top-level keys and tables are ignored so that later versions can
//! add settings without breaking older files, but each is named by
//! [`Config::warnings`], with the nearest known one (`mosue` → `mouse`).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::action::Action;
use super::key::Key;
use super::keymap::{Keymap, Mode};

/// The settings the reader uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The key bindings: the defaults plus the file's `[keys]`.
    pub keymap: Keymap,
    /// Whether to capture the mouse (wheel and clicks).
    pub mouse: bool,
    /// The user's dossier folder (`corpus = "..."`), as written: `~/`
    /// and relative paths are resolved by the CLI.
    pub corpus: Option<String>,
    /// Whether `.txt` files without a header are cleaned of page
    /// furniture (`clean = false` reads them as written).
    pub clean: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            keymap: Keymap::defaults(),
            mouse: true,
            corpus: None,
            clean: true,
        }
    }
}

/// Why `config.toml` could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The 1-based line concerned, when known.
    pub line: Option<usize>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(l) = self.line {
            write!(f, "line {l}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

#[derive(Deserialize)]
struct RawConfig {
    #[serde(default)]
    mouse: Option<bool>,
    /// `key = "action"`, or `mode = { key = "action", ... }` for an
    /// overlay's own keys.
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    corpus: Option<String>,
    #[serde(default)]
    clean: Option<bool>,
}

/// The 1-based line of byte offset `at` in `text`.
fn line_of(text: &str, at: usize) -> usize {
    text.as_bytes()[..at.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

impl Config {
    /// Parses the text of `config.toml`.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| ConfigError {
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        let mut config = Config::default();
        if let Some(m) = raw.mouse {
            config.mouse = m;
        }
        config.corpus = raw.corpus.filter(|c| !c.trim().is_empty());
        if let Some(c) = raw.clean {
            config.clean = c;
        }
        let err = |span: std::ops::Range<usize>, message: String| ConfigError {
            line: Some(line_of(text, span.start)),
            message,
        };
        for (key, value) in &raw.keys {
            match value.get_ref() {
                toml::Value::String(action) => {
                    let k = Key::parse(key.get_ref()).map_err(|m| err(key.span(), m))?;
                    let a = action_named(action).map_err(|m| err(value.span(), m))?;
                    bind(&mut config.keymap, Mode::Panes, k, a);
                }
                toml::Value::Table(table) => {
                    let mode = Mode::from_name(key.get_ref()).ok_or_else(|| {
                        let names: Vec<&str> = Mode::OVERLAYS.iter().map(|m| m.1).collect();
                        err(
                            key.span(),
                            format!(
                                "[keys.{}] is not a table of keys; the tables are: {}",
                                key.get_ref(),
                                names.join(", ")
                            ),
                        )
                    })?;
                    for (k, v) in table {
                        let at = |m: String| {
                            err(value.span(), format!("[keys.{}] {k}: {m}", key.get_ref()))
                        };
                        let k = Key::parse(k).map_err(at)?;
                        let name = v
                            .as_str()
                            .ok_or_else(|| at("the action must be a string".into()))?;
                        let a = action_named(name).map_err(at)?;
                        bind(&mut config.keymap, mode, k, a);
                    }
                }
                _ => {
                    return Err(err(
                        value.span(),
                        format!(
                            "{}: give an action name in quotes (\"page_down\"), or a table of them for an overlay",
                            key.get_ref()
                        ),
                    ));
                }
            }
        }
        Ok(config)
    }
}

/// The action `name` names; `None` inside for `"none"` (unbind the key).
fn action_named(name: &str) -> Result<Option<Action>, String> {
    let name = name.trim();
    if name == "none" {
        return Ok(None);
    }
    Action::from_name(name).map(Some).ok_or_else(|| {
        let names: Vec<String> = Action::ALL.iter().filter_map(|a| a.name()).collect();
        format!(
            "'{name}' is not an action; use \"none\" to unbind a key, or one of: {}",
            names.join(", ")
        )
    })
}

/// Binds (or, for `None`, unbinds) `key` in `mode`.
fn bind(keymap: &mut Keymap, mode: Mode, key: Key, action: Option<Action>) {
    match action {
        Some(a) => keymap.bind_in(mode, key, a),
        None => keymap.unbind_in(mode, key),
    }
}

/// The top-level keys this version reads.
const KNOWN: [&str; 4] = ["mouse", "corpus", "clean", "keys"];

impl Config {
    /// One warning per top-level key or table of `text` that this version
    /// does not know (a typo would otherwise be ignored in silence), with
    /// its line and the nearest known key. Empty when the file does not
    /// parse: [`Config::parse`] reports that.
    pub fn warnings(text: &str) -> Vec<ConfigError> {
        let Ok(top) = toml::from_str::<BTreeMap<Spanned<String>, serde::de::IgnoredAny>>(text)
        else {
            return Vec::new();
        };
        let mut unknown: Vec<_> = top
            .keys()
            .filter(|k| !KNOWN.contains(&k.get_ref().as_str()))
            .collect();
        unknown.sort_by_key(|k| k.span().start);
        unknown
            .into_iter()
            .map(|k| {
                let hint = match crate::core::text::nearest(k.get_ref(), &KNOWN) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "the settings are `mouse`, `corpus`, `clean` and `[keys]`".to_string(),
                };
                ConfigError {
                    line: Some(line_of(text, k.span().start)),
                    message: format!("unknown setting `{}` is ignored ({hint})", k.get_ref()),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::KeyCode;

    #[test]
    fn keys_are_added_replaced_and_removed() {
        let c = Config::parse(
            "mouse = false\n[keys]\n\"ctrl-n\" = \"next_passage\"\nj = \"quit\"\nq = \"none\"\n",
        )
        .unwrap();
        assert!(!c.mouse);
        assert_eq!(c.keymap.action(Key::ctrl('n')), Some(Action::NextPassage));
        assert_eq!(c.keymap.action(Key::char('j')), Some(Action::Quit));
        assert_eq!(c.keymap.action(Key::char('q')), None);
        // Defaults not mentioned stay.
        assert_eq!(c.keymap.action(Key::new(KeyCode::Down)), Some(Action::Down));
    }

    #[test]
    fn an_overlay_s_keys_are_remapped_in_its_own_table() {
        let c = Config::parse(
            "[keys]\nj = \"down\"\n[keys.bookmarks]\nx = \"delete_bookmark\"\nd = \"none\"\n\
             [keys.note]\n\"ctrl-s\" = \"save_note\"\n",
        )
        .unwrap();
        let m = &c.keymap;
        assert_eq!(
            m.action_in(Mode::Bookmarks, Key::char('x')),
            Some(Action::DeleteBookmark)
        );
        assert_eq!(m.action_in(Mode::Bookmarks, Key::char('d')), None);
        assert_eq!(
            m.action_in(Mode::Note, Key::ctrl('s')),
            Some(Action::SaveNote)
        );
        assert_eq!(
            m.action_in(Mode::Note, Key::new(KeyCode::Enter)),
            Some(Action::SaveNote),
            "defaults not mentioned stay"
        );
        let e = Config::parse("[keys]\nj = \"down\"\n[keys.nowhere]\nx = \"quit\"\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("not a table of keys"), "{e}");
        // The editing keys of a typed line are a table too.
        let c = Config::parse("[keys.line]\n\"ctrl-h\" = \"delete_word_back\"\n").unwrap();
        assert_eq!(
            c.keymap.action_in(Mode::Line, Key::ctrl('h')),
            Some(Action::DeleteWordBack)
        );
        let e = Config::parse("[keys.note]\nx = \"fly\"\n").unwrap_err();
        assert!(e.message.contains("'fly' is not an action"), "{e}");
    }

    #[test]
    fn cleaning_is_on_unless_turned_off() {
        assert!(Config::default().clean);
        assert!(Config::parse("mouse = true\n").unwrap().clean);
        assert!(!Config::parse("clean = false\n").unwrap().clean);
        assert!(Config::parse("clean = \"no\"\n").is_err());
        assert!(Config::warnings("clean = false\n").is_empty());
    }

    #[test]
    fn the_corpus_folder_is_read_as_written() {
        let c = Config::parse("corpus = \"~/research\"\n").unwrap();
        assert_eq!(c.corpus.as_deref(), Some("~/research"));
        assert_eq!(Config::parse("corpus = \"\"\n").unwrap().corpus, None);
        let e = Config::parse("corpus = 3\n").unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
    }

    #[test]
    fn empty_file_and_unknown_sections_give_defaults() {
        assert_eq!(Config::parse("").unwrap(), Config::default());
        assert_eq!(
            Config::parse("[search]\nfuzzy = true\n").unwrap(),
            Config::default()
        );
    }

    #[test]
    fn unknown_top_level_keys_are_named_with_the_nearest_known_one() {
        let text = "zoom = 2\nmosue = false\n[keys]\nj = \"down\"\n[search]\nfuzzy = true\n";
        assert!(
            Config::parse(text).unwrap().mouse,
            "the typo is not applied"
        );
        let w: Vec<String> = Config::warnings(text)
            .iter()
            .map(|w| w.to_string())
            .collect();
        assert_eq!(
            w,
            [
                "line 1: unknown setting `zoom` is ignored (the settings are `mouse`, `corpus`, `clean` and `[keys]`)",
                "line 2: unknown setting `mosue` is ignored (did you mean `mouse`?)",
                "line 5: unknown setting `search` is ignored (the settings are `mouse`, `corpus`, `clean` and `[keys]`)",
            ]
        );
        assert!(Config::warnings("mouse = true\n[keys]\n").is_empty());
        assert!(Config::warnings("[keys\n").is_empty());
    }

    #[test]
    fn errors_name_the_line() {
        let e = Config::parse("[keys]\nj = \"down\"\nhyperkey = \"up\"\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("not a key"), "{e}");

        let e = Config::parse("[keys]\n\n\"x\" = \"fly\"\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("'fly' is not an action"), "{e}");
        assert!(e.message.contains("page_down"), "{e}");

        let e = Config::parse("mouse = true\n[keys\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");

        let e = Config::parse("mouse = \"yes\"\n").unwrap_err();
        assert_eq!(e.line, Some(1), "{e}");
        assert!(e.to_string().starts_with("line 1: "), "{e}");
    }
}
