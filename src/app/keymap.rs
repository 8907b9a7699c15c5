//! The key map: which [`Key`] asks for which [`Action`], in the panes and
//! in each overlay ([`Mode`]).
//!
//! The defaults are data tables: [`DEFAULT_KEYS`] for the panes (and every
//! overlay, for what it does not bind itself), [`MODE_KEYS`] for the keys an
//! overlay reads first (the note editor's Enter, the bookmark list's `d`,
//! the concordance's sort keys, the keys that move a list while text is
//! typed). The user's `config.toml` adds to them or overrides them (see
//! [`crate::app::config`]).
//! The help overlay (the panes' keys, then each overlay's own, in the words
//! of [`MODE_LABELS`] where they differ from the panes'), the status bar
//! hints and the README's key tables are all generated from a [`Keymap`], so
//! they can never disagree with what the keys do.

use super::action::{Action, Group};
use super::key::Key;

/// The default bindings, in the order help lists a key for an action.
/// Plain keys every terminal sends over SSH; arrows and vim/less keys both.
pub const DEFAULT_KEYS: &[(&str, Action)] = &[
    ("tab", Action::FocusNext),
    ("shift-tab", Action::FocusPrev),
    ("z", Action::TogglePanes),
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
    ("H", Action::ShowHidden),
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
    ("w", Action::OpenCoOccurrence),
    ("m", Action::Bookmark),
    ("v", Action::SelectPassages),
    ("'", Action::OpenBookmarkList),
];

/// Where a key is read: the panes, or an overlay that reads some keys
/// itself before the panes' bindings (and text typing) get them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The source list and the reading pane (and every overlay, for the
    /// keys it does not bind itself).
    Panes,
    /// The search bar.
    Search,
    /// The entity picker.
    Entities,
    /// The concordance.
    Concordance,
    /// The bookmark list.
    Bookmarks,
    /// The note editor.
    Note,
    /// A line of typed text: the search bar, the entity picker's and the
    /// bookmark list's filters (read after the overlay's own keys).
    Line,
}

impl Mode {
    /// The overlay modes, with their table names in `config.toml`
    /// (`[keys.note]`).
    pub const OVERLAYS: &'static [(Mode, &'static str)] = &[
        (Mode::Search, "search"),
        (Mode::Entities, "entities"),
        (Mode::Concordance, "concordance"),
        (Mode::Bookmarks, "bookmarks"),
        (Mode::Note, "note"),
        (Mode::Line, "line"),
    ];

    /// The heading of the mode's keys in help.
    pub fn help_title(self) -> &'static str {
        match self {
            Mode::Panes => "Panes",
            Mode::Search => "In the search bar",
            Mode::Entities => "In the entity picker",
            Mode::Concordance => "In the concordance",
            Mode::Bookmarks => "In the bookmark list",
            Mode::Note => "In the note editor",
            Mode::Line => "Typing (search bar, filters, note)",
        }
    }

    /// The overlay mode named `name` in `config.toml`.
    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::OVERLAYS
            .iter()
            .find(|(_, n)| *n == name)
            .map(|&(m, _)| m)
    }
}

/// The keys each overlay reads before the panes' bindings. In the overlays
/// that take typed text (search bar, entity picker, note editor), only keys
/// that cannot be text are bound.
pub const MODE_KEYS: &[(Mode, &str, Action)] = &[
    (Mode::Search, "enter", Action::Open),
    (Mode::Search, "esc", Action::Cancel),
    (Mode::Search, "up", Action::Up),
    (Mode::Search, "ctrl-p", Action::Up),
    (Mode::Search, "down", Action::Down),
    (Mode::Search, "ctrl-n", Action::Down),
    (Mode::Search, "pageup", Action::PageUp),
    (Mode::Search, "pagedown", Action::PageDown),
    (Mode::Entities, "enter", Action::Open),
    (Mode::Entities, "esc", Action::Cancel),
    (Mode::Entities, "up", Action::Up),
    (Mode::Entities, "ctrl-p", Action::Up),
    (Mode::Entities, "down", Action::Down),
    (Mode::Entities, "ctrl-n", Action::Down),
    (Mode::Entities, "pageup", Action::PageUp),
    (Mode::Entities, "pagedown", Action::PageDown),
    (Mode::Entities, "home", Action::Top),
    (Mode::Entities, "end", Action::Bottom),
    (Mode::Concordance, "a", Action::SortByArticle),
    (Mode::Concordance, "l", Action::SortByLeft),
    (Mode::Concordance, "r", Action::SortByRight),
    (Mode::Concordance, "s", Action::NextSort),
    (Mode::Bookmarks, "/", Action::FilterList),
    (Mode::Bookmarks, "e", Action::EditNote),
    (Mode::Bookmarks, "d", Action::DeleteBookmark),
    (Mode::Note, "enter", Action::SaveNote),
    (Mode::Note, "alt-enter", Action::NewLine),
    (Mode::Note, "ctrl-j", Action::NewLine),
    (Mode::Note, "esc", Action::Cancel),
    (Mode::Line, "left", Action::CharLeft),
    (Mode::Line, "right", Action::CharRight),
    (Mode::Line, "home", Action::LineStart),
    (Mode::Line, "ctrl-a", Action::LineStart),
    (Mode::Line, "end", Action::LineEnd),
    (Mode::Line, "ctrl-e", Action::LineEnd),
    (Mode::Line, "backspace", Action::DeleteBack),
    (Mode::Line, "delete", Action::DeleteForward),
    (Mode::Line, "ctrl-w", Action::DeleteWordBack),
    (Mode::Line, "ctrl-u", Action::DeleteToStart),
    (Mode::Line, "ctrl-k", Action::DeleteToEnd),
];

/// What an action does in an overlay, where it says more than its label in
/// the panes ([`Action::label`]); help and the README's overlay table read
/// this.
pub const MODE_LABELS: &[(Mode, Action, &str)] = &[
    (Mode::Search, Action::Open, "go to the selected result"),
    (Mode::Search, Action::Cancel, "close the search bar"),
    (
        Mode::Search,
        Action::Up,
        "previous result, or earlier queries",
    ),
    (Mode::Search, Action::Down, "next result, or later queries"),
    (Mode::Search, Action::PageUp, "a page of results up"),
    (Mode::Search, Action::PageDown, "a page of results down"),
    (Mode::Entities, Action::Open, "follow the selected entity"),
    (Mode::Entities, Action::Cancel, "close the picker"),
    (Mode::Entities, Action::Up, "previous entity"),
    (Mode::Entities, Action::Down, "next entity"),
    (Mode::Entities, Action::PageUp, "a page of entities up"),
    (Mode::Entities, Action::PageDown, "a page of entities down"),
    (Mode::Entities, Action::Top, "first entity"),
    (Mode::Entities, Action::Bottom, "last entity"),
    (Mode::Note, Action::Cancel, "close without saving"),
];

/// Key bindings: ordered lists, so help shows keys in a stable order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// The panes' bindings.
    bindings: Vec<(Key, Action)>,
    /// The overlays' own bindings.
    modes: Vec<(Mode, Key, Action)>,
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
        let modes = MODE_KEYS
            .iter()
            .filter_map(|&(m, k, a)| Key::parse(k).ok().map(|k| (m, k, a)))
            .collect();
        Keymap { bindings, modes }
    }

    /// An empty map (for tests and for building one from scratch).
    pub fn empty() -> Keymap {
        Keymap {
            bindings: Vec::new(),
            modes: Vec::new(),
        }
    }

    /// Binds `key` to `action` in `mode`, replacing what the key did there.
    pub fn bind_in(&mut self, mode: Mode, key: Key, action: Action) {
        if mode == Mode::Panes {
            return self.bind(key, action);
        }
        match self
            .modes
            .iter_mut()
            .find(|(m, k, _)| *m == mode && *k == key)
        {
            Some(b) => b.2 = action,
            None => self.modes.push((mode, key, action)),
        }
    }

    /// Removes whatever `key` did in `mode`.
    pub fn unbind_in(&mut self, mode: Mode, key: Key) {
        if mode == Mode::Panes {
            return self.unbind(key);
        }
        self.modes.retain(|(m, k, _)| !(*m == mode && *k == key));
    }

    /// The action `mode` binds `key` to itself (not the panes' binding).
    pub fn action_in(&self, mode: Mode, key: Key) -> Option<Action> {
        if mode == Mode::Panes {
            return self.action(key);
        }
        self.modes
            .iter()
            .find(|(m, k, _)| *m == mode && *k == key)
            .map(|&(_, _, a)| a)
    }

    /// The keys that ask for `action` in `mode`: its own, else the panes'.
    pub fn keys_in(&self, mode: Mode, action: Action) -> Vec<Key> {
        let own: Vec<Key> = self
            .modes
            .iter()
            .filter(|(m, _, a)| *m == mode && *a == action)
            .map(|&(_, k, _)| k)
            .collect();
        if own.is_empty() {
            self.keys(action)
        } else {
            own
        }
    }

    /// The first key that asks for `action` in `mode`, as shown.
    pub fn hint_in(&self, mode: Mode, action: Action) -> Option<String> {
        self.keys_in(mode, action).first().map(Key::to_string)
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
        let mut out: Vec<HelpSection> = sections.into_iter().map(|(_, s)| s).collect();
        // Then the keys each overlay reads itself.
        for &(mode, _) in Mode::OVERLAYS {
            let rows: Vec<HelpRow> = self
                .mode_actions(mode)
                .into_iter()
                .map(|a| HelpRow {
                    keys: self.keys_in(mode, a).iter().map(Key::to_string).collect(),
                    label: label_in(mode, a),
                })
                .collect();
            if !rows.is_empty() {
                out.push(HelpSection {
                    title: mode.help_title(),
                    rows,
                });
            }
        }
        out
    }

    /// The actions bound in overlay mode `mode`, each once, in the order
    /// of their first key.
    fn mode_actions(&self, mode: Mode) -> Vec<Action> {
        let mut actions: Vec<Action> = Vec::new();
        for &(m, _, a) in &self.modes {
            if m == mode && !actions.contains(&a) {
                actions.push(a);
            }
        }
        actions
    }

    /// The README's table of the keys each overlay reads first (its own
    /// bindings; everything else works as in the panes).
    pub fn overlay_markdown_table(&self) -> String {
        let mut out = String::from("| overlay (`[keys.…]`) | keys | action |\n|---|---|---|\n");
        for &(mode, name) in Mode::OVERLAYS {
            for a in self.mode_actions(mode) {
                let keys: Vec<String> = self
                    .keys_in(mode, a)
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect();
                let action = a.name().unwrap_or_default();
                out.push_str(&format!(
                    "| {name} | {} | `{action}`: {} |\n",
                    keys.join(" "),
                    label_in(mode, a)
                ));
            }
        }
        out
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

/// What `action` does in `mode`, in the words of help.
pub fn label_in(mode: Mode, action: Action) -> &'static str {
    MODE_LABELS
        .iter()
        .find(|&&(m, a, _)| m == mode && a == action)
        .map_or_else(|| action.label(), |&(_, _, label)| label)
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
            let in_an_overlay = MODE_KEYS.iter().any(|&(_, _, b)| b == a);
            assert!(
                !m.keys(a).is_empty() || in_an_overlay,
                "{a:?} has no default key"
            );
        }
    }

    #[test]
    fn overlay_keys_parse_are_unique_and_fall_back_to_the_panes() {
        let mut seen = std::collections::HashSet::new();
        for &(m, k, _) in MODE_KEYS {
            let key = Key::parse(k).unwrap_or_else(|e| panic!("{k}: {e}"));
            assert!(seen.insert((m, key)), "{k} is bound twice in {m:?}");
        }
        let mut m = Keymap::defaults();
        assert_eq!(
            m.action_in(Mode::Note, Key::new(KeyCode::Enter)),
            Some(Action::SaveNote)
        );
        assert_eq!(
            m.hint_in(Mode::Bookmarks, Action::Open).as_deref(),
            Some("Enter")
        );
        m.bind_in(Mode::Bookmarks, Key::char('x'), Action::DeleteBookmark);
        m.unbind_in(Mode::Bookmarks, Key::char('d'));
        assert_eq!(
            m.hint_in(Mode::Bookmarks, Action::DeleteBookmark)
                .as_deref(),
            Some("x")
        );
        assert_eq!(m.action_in(Mode::Bookmarks, Key::char('d')), None);
        assert_eq!(m.action(Key::char('d')), None, "the panes are untouched");
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
        assert_eq!(shown, DEFAULT_KEYS.len() + MODE_KEYS.len());
        let titles: Vec<_> = m.help_sections().iter().map(|s| s.title).collect();
        assert_eq!(titles.first(), Some(&"Moving"));
        // The panes' sections, then one for each overlay's own keys.
        let general = titles.iter().position(|&t| t == Group::General.title());
        assert_eq!(general, Some(titles.len() - 1 - Mode::OVERLAYS.len()));
        assert_eq!(titles.last(), Some(&Mode::Line.help_title()));
        // Every overlay label says what the key does there.
        for &(mode, action, _) in MODE_LABELS {
            assert!(MODE_KEYS.iter().any(|&(m, _, a)| (m, a) == (mode, action)));
        }
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
