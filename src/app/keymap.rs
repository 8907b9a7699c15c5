//! The key map: which [`Key`] asks for which [`Action`].
//!
//! The defaults are one data table, [`DEFAULT_KEYS`]; the user's
//! `config.toml` adds to it or overrides it (see [`crate::app::config`]).
//! The help overlay, the status bar hints and the README's key table are all
//! generated from a [`Keymap`], so they can never disagree with what the keys
//! do.

use super::action::{Action, Group};
use super::key::Key;

/// The default bindings, in the order help lists a key for an action.
/// Plain keys every terminal sends over SSH; arrows and vim/less keys both.
pub const DEFAULT_KEYS: &[(&str, Action)] = &[
    ("tab", Action::FocusNext),
    ("shift-tab", Action::FocusPrev),
    ("j", Action::Down),
    ("down", Action::Down),
    ("k", Action::Up),
    ("up", Action::Up),
    ("space", Action::PageDown),
    ("pagedown", Action::PageDown),
    ("ctrl-f", Action::PageDown),
    ("b", Action::PageUp),
    ("pageup", Action::PageUp),
    ("ctrl-b", Action::PageUp),
    ("ctrl-d", Action::HalfPageDown),
    ("ctrl-u", Action::HalfPageUp),
    ("g", Action::Top),
    ("home", Action::Top),
    ("G", Action::Bottom),
    ("end", Action::Bottom),
    ("enter", Action::Open),
    ("]", Action::NextArticle),
    ("[", Action::PrevArticle),
    ("J", Action::NextPassage),
    ("}", Action::NextPassage),
    ("K", Action::PrevPassage),
    ("{", Action::PrevPassage),
    ("ctrl-o", Action::JumpBack),
    ("backspace", Action::JumpBack),
    ("ctrl-t", Action::JumpForward),
    ("y", Action::CopyPassage),
    ("?", Action::Help),
    ("esc", Action::Cancel),
    ("ctrl-l", Action::Redraw),
    ("ctrl-z", Action::Suspend),
    ("q", Action::Quit),
    ("ctrl-c", Action::ForceQuit),
    ("/", Action::OpenSearch),
    ("n", Action::NextMatch),
    ("N", Action::PrevMatch),
    ("e", Action::OpenEntityPicker),
    ("*", Action::EntityAtCursor),
    ("c", Action::OpenConcordance),
    ("m", Action::Bookmark),
    ("v", Action::SelectPassages),
    ("'", Action::OpenBookmarkList),
];

/// Key bindings: an ordered list, so help shows keys in a stable order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    bindings: Vec<(Key, Action)>,
}

/// One row of the help overlay: the keys of an action and what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpRow {
    /// The keys, as shown (`j Down`).
    pub keys: Vec<String>,
    /// What the action does.
    pub label: &'static str,
}

/// One section of the help overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpSection {
    /// The heading.
    pub title: &'static str,
    /// The actions in it that have at least one key.
    pub rows: Vec<HelpRow>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::defaults()
    }
}

impl Keymap {
    /// The default bindings of [`DEFAULT_KEYS`].
    pub fn defaults() -> Keymap {
        let bindings = DEFAULT_KEYS
            .iter()
            .filter_map(|&(k, a)| Key::parse(k).ok().map(|k| (k, a)))
            .collect();
        Keymap { bindings }
    }

    /// An empty map (for tests and for building one from scratch).
    pub fn empty() -> Keymap {
        Keymap {
            bindings: Vec::new(),
        }
    }

    /// Binds `key` to `action`, replacing what the key did before.
    pub fn bind(&mut self, key: Key, action: Action) {
        match self.bindings.iter_mut().find(|(k, _)| *k == key) {
            Some(b) => b.1 = action,
            None => self.bindings.push((key, action)),
        }
    }

    /// Removes whatever `key` did.
    pub fn unbind(&mut self, key: Key) {
        self.bindings.retain(|(k, _)| *k != key);
    }

    /// The action bound to `key`.
    pub fn action(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(k, _)| *k == key)
            .map(|&(_, a)| a)
    }

    /// The keys bound to `action`, in binding order.
    pub fn keys(&self, action: Action) -> Vec<Key> {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|&(k, _)| k)
            .collect()
    }

    /// The first key bound to `action`, as shown (for hints).
    pub fn hint(&self, action: Action) -> Option<String> {
        self.keys(action).first().map(Key::to_string)
    }

    /// The help overlay's content: every bound action, grouped.
    pub fn help_sections(&self) -> Vec<HelpSection> {
        let mut sections: Vec<(Group, HelpSection)> = Vec::new();
        for &action in Action::ALL {
            let keys: Vec<String> = self.keys(action).iter().map(Key::to_string).collect();
            if keys.is_empty() {
                continue;
            }
            let group = action.group();
            let row = HelpRow {
                keys,
                label: action.label(),
            };
            match sections.iter_mut().find(|(g, _)| *g == group) {
                Some((_, s)) => s.rows.push(row),
                None => sections.push((
                    group,
                    HelpSection {
                        title: group.title(),
                        rows: vec![row],
                    },
                )),
            }
        }
        sections.sort_by_key(|(g, _)| *g);
        sections.into_iter().map(|(_, s)| s).collect()
    }

    /// The key table of the README, generated from the same data as the
    /// help overlay: one Markdown table per section.
    pub fn markdown_table(&self) -> String {
        let mut out = String::new();
        for s in self.help_sections() {
            out.push_str(&format!(
                "#### {}\n\n| keys | action |\n|---|---|\n",
                s.title
            ));
            for r in s.rows {
                let keys: Vec<String> = r
                    .keys
                    .iter()
                    .map(|k| {
                        if k == "`" {
                            "`` ` ``".to_string()
                        } else if k == "|" {
                            "`\\|`".to_string()
                        } else {
                            format!("`{k}`")
                        }
                    })
                    .collect();
                out.push_str(&format!("| {} | {} |\n", keys.join(" "), r.label));
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::KeyCode;

    #[test]
    fn every_default_key_parses_and_is_unique() {
        let mut seen = std::collections::HashSet::new();
        for &(k, _) in DEFAULT_KEYS {
            let key = Key::parse(k).unwrap_or_else(|e| panic!("{k}: {e}"));
            assert!(seen.insert(key), "{k} is bound twice");
        }
        assert_eq!(Keymap::defaults().bindings.len(), DEFAULT_KEYS.len());
    }

    #[test]
    fn defaults_of_the_issue() {
        let m = Keymap::defaults();
        assert_eq!(m.action(Key::new(KeyCode::Tab)), Some(Action::FocusNext));
        assert_eq!(
            m.action(Key::new(KeyCode::BackTab)),
            Some(Action::FocusPrev)
        );
        assert_eq!(m.action(Key::char('J')), Some(Action::NextPassage));
        assert_eq!(m.action(Key::char('}')), Some(Action::NextPassage));
        assert_eq!(m.action(Key::ctrl('o')), Some(Action::JumpBack));
        assert_eq!(
            m.action(Key::new(KeyCode::Backspace)),
            Some(Action::JumpBack)
        );
        assert_eq!(m.action(Key::ctrl('t')), Some(Action::JumpForward));
        assert_eq!(m.action(Key::char('\'')), Some(Action::OpenBookmarkList));
        assert_eq!(m.action(Key::char('x')), None);
    }

    #[test]
    fn every_bindable_action_has_a_default_key() {
        let m = Keymap::defaults();
        for &a in Action::ALL {
            assert!(!m.keys(a).is_empty(), "{a:?} has no default key");
        }
    }

    #[test]
    fn help_lists_every_binding_exactly_once() {
        let m = Keymap::defaults();
        let shown: usize = m
            .help_sections()
            .iter()
            .flat_map(|s| &s.rows)
            .map(|r| r.keys.len())
            .sum();
        assert_eq!(shown, DEFAULT_KEYS.len());
        let titles: Vec<_> = m.help_sections().iter().map(|s| s.title).collect();
        assert_eq!(titles.first(), Some(&"Moving"));
        assert_eq!(titles.last(), Some(&Group::General.title()));
    }

    #[test]
    fn bind_replaces_and_unbind_removes() {
        let mut m = Keymap::defaults();
        m.bind(Key::char('j'), Action::Quit);
        assert_eq!(m.action(Key::char('j')), Some(Action::Quit));
        assert_eq!(m.keys(Action::Down), vec![Key::new(KeyCode::Down)]);
        m.unbind(Key::char('j'));
        assert_eq!(m.action(Key::char('j')), None);
    }
}
