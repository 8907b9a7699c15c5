//! The project's own key type: what the keymap, the config file, the help
//! overlay and the tests speak of.
//!
//! This is the only place where crossterm key events are converted
//! ([`Key::from_crossterm`]); everything above it sees a [`Key`]. A key is
//! written as in the config file: `j`, `J`, `ctrl-d`, `shift-tab`, `enter`,
//! `space`, `pagedown`, `f1`, `alt-x` ([`Key::parse`]), and shown as in the
//! help overlay: `j`, `J`, `Ctrl-d`, `Shift-Tab`, `Enter`, `Space`,
//! `PageDown` ([`std::fmt::Display`]).
//!
//! Terminals cannot tell some keys apart (`Ctrl-i` is `Tab`, `Ctrl-m` is
//! `Enter`, `Ctrl-[` is `Esc`); such keys are folded into one here so a
//! binding never silently fails to fire.

use crossterm::event::{KeyCode as CtKeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// A key without its modifiers. Shift is folded into the character
/// (`J`, `{`) and into [`KeyCode::BackTab`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KeyCode {
    /// A printable character, as typed (`j`, `J`, `?`, `'`).
    Char(char),
    /// Enter / Return.
    Enter,
    /// Escape.
    Esc,
    /// Tab (also `Ctrl-i`).
    Tab,
    /// Shift-Tab.
    BackTab,
    /// Backspace (also `Ctrl-h` on many terminals).
    Backspace,
    /// Delete.
    Delete,
    /// Insert.
    Insert,
    /// Arrow up.
    Up,
    /// Arrow down.
    Down,
    /// Arrow left.
    Left,
    /// Arrow right.
    Right,
    /// Page up.
    PageUp,
    /// Page down.
    PageDown,
    /// Home.
    Home,
    /// End.
    End,
    /// A function key, `F1`..`F24`.
    F(u8),
}

/// A key with the modifiers a terminal can report reliably.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Control held.
    pub ctrl: bool,
    /// Alt (Meta) held.
    pub alt: bool,
}

/// Names of the special keys, as written in the config file (lower case)
/// and as shown in help; the first name of a key is the one shown.
const NAMES: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Return", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Escape", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Shift-Tab", KeyCode::BackTab),
    ("BackTab", KeyCode::BackTab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Del", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PgUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("PgDn", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("Space", KeyCode::Char(' ')),
    ("Minus", KeyCode::Char('-')),
];

impl Key {
    /// A plain key.
    pub const fn new(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// A printable character without modifiers.
    pub const fn char(c: char) -> Key {
        Key::new(KeyCode::Char(c))
    }

    /// `Ctrl-` + a character.
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Converts a crossterm key event; `None` for releases and for keys
    /// dossier has no name for (media keys, lone modifiers, ...).
    pub fn from_crossterm(ev: &KeyEvent) -> Option<Key> {
        if ev.kind == KeyEventKind::Release {
            return None;
        }
        let code = match ev.code {
            CtKeyCode::Char(c) => KeyCode::Char(c),
            CtKeyCode::Enter => KeyCode::Enter,
            CtKeyCode::Esc => KeyCode::Esc,
            CtKeyCode::Tab if ev.modifiers.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            CtKeyCode::Tab => KeyCode::Tab,
            CtKeyCode::BackTab => KeyCode::BackTab,
            CtKeyCode::Backspace => KeyCode::Backspace,
            CtKeyCode::Delete => KeyCode::Delete,
            CtKeyCode::Insert => KeyCode::Insert,
            CtKeyCode::Up => KeyCode::Up,
            CtKeyCode::Down => KeyCode::Down,
            CtKeyCode::Left => KeyCode::Left,
            CtKeyCode::Right => KeyCode::Right,
            CtKeyCode::PageUp => KeyCode::PageUp,
            CtKeyCode::PageDown => KeyCode::PageDown,
            CtKeyCode::Home => KeyCode::Home,
            CtKeyCode::End => KeyCode::End,
            CtKeyCode::F(n) => KeyCode::F(n),
            _ => return None,
        };
        Some(
            Key {
                code,
                ctrl: ev.modifiers.contains(KeyModifiers::CONTROL),
                alt: ev.modifiers.contains(KeyModifiers::ALT),
            }
            .normalised(),
        )
    }

    /// Folds keys a terminal cannot tell apart into one: `Ctrl-i` is `Tab`,
    /// `Ctrl-m` and `Ctrl-j` are `Enter`, `Ctrl-[` is `Esc`, `Ctrl-D` is
    /// `Ctrl-d`, `Ctrl-Space` is `Ctrl-@`.
    pub fn normalised(mut self) -> Key {
        if self.ctrl
            && let KeyCode::Char(c) = self.code
        {
            let lower = c.to_ascii_lowercase();
            let folded = match lower {
                'i' => Some(KeyCode::Tab),
                'm' | 'j' => Some(KeyCode::Enter),
                '[' => Some(KeyCode::Esc),
                _ => None,
            };
            match folded {
                Some(code) => {
                    self.code = code;
                    self.ctrl = false;
                }
                None => self.code = KeyCode::Char(lower),
            }
        }
        self
    }

    /// Parses a key as written in the config file: an optional `ctrl-`
    /// (`c-`), `alt-` (`a-`, `m-`) or `shift-` prefix, then one character or
    /// a key name (`enter`, `esc`, `tab`, `space`, `pagedown`, `f5`, ...).
    /// Names and prefixes ignore case; single characters keep it (`J` is
    /// shift-j).
    pub fn parse(s: &str) -> Result<Key, String> {
        let mut rest = s.trim();
        if rest.is_empty() {
            return Err("an empty key name".into());
        }
        let mut key = Key::new(KeyCode::Esc);
        let mut shift = false;
        while let Some((prefix, tail)) = rest.split_once('-') {
            // A lone "-" is the minus key, not a prefix.
            if tail.is_empty() {
                break;
            }
            match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "c" | "control" => key.ctrl = true,
                "alt" | "a" | "m" | "meta" => key.alt = true,
                "shift" | "s" => shift = true,
                _ => break,
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if shift { c.to_ascii_uppercase() } else { c }),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
                    if !(1..=24).contains(&n) {
                        return Err(format!("'{s}': function keys go from f1 to f24"));
                    }
                    KeyCode::F(n)
                } else if let Some(&(_, code)) = NAMES
                    .iter()
                    .find(|(name, _)| name.eq_ignore_ascii_case(&lower))
                {
                    code
                } else {
                    return Err(format!(
                        "'{s}' is not a key; write one character (j, J, ?) or a name such as \
                         enter, esc, tab, space, up, pagedown, home, f1, with ctrl-, alt- or shift- before it"
                    ));
                }
            }
        };
        if shift {
            match key.code {
                KeyCode::Tab => key.code = KeyCode::BackTab,
                KeyCode::Char(_) | KeyCode::BackTab => {}
                _ => {
                    return Err(format!(
                        "'{s}': terminals do not report shift with this key; bind it without shift-"
                    ));
                }
            }
        }
        Ok(key.normalised())
    }

    /// Parses a key sequence as the tests write it: characters stand for
    /// themselves, `<name>` for a key [`Key::parse`] understands
    /// (`jj<enter>J<c-o><s-tab>`); `<lt>` is `<`.
    pub fn parse_sequence(s: &str) -> Result<Vec<Key>, String> {
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(c) = rest.chars().next() {
            if c == '<'
                && let Some(end) = rest.find('>')
                && end > 1
            {
                let name = &rest[1..end];
                out.push(if name.eq_ignore_ascii_case("lt") {
                    Key::char('<')
                } else {
                    Key::parse(name)?
                });
                rest = &rest[end + 1..];
                continue;
            }
            out.push(Key::char(c));
            rest = &rest[c.len_utf8()..];
        }
        Ok(out)
    }
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "F{n}"),
            code => {
                let name = NAMES
                    .iter()
                    .find(|(_, c)| *c == code)
                    .map_or("?", |(n, _)| n);
                f.write_str(name)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ct(code: CtKeyCode, mods: KeyModifiers) -> Option<Key> {
        Key::from_crossterm(&KeyEvent::new(code, mods))
    }

    #[test]
    fn crossterm_events_become_keys() {
        assert_eq!(
            ct(CtKeyCode::Char('J'), KeyModifiers::SHIFT),
            Some(Key::char('J'))
        );
        assert_eq!(
            ct(CtKeyCode::Char('d'), KeyModifiers::CONTROL),
            Some(Key::ctrl('d'))
        );
        assert_eq!(
            ct(CtKeyCode::BackTab, KeyModifiers::SHIFT),
            Some(Key::new(KeyCode::BackTab))
        );
        assert_eq!(
            ct(CtKeyCode::Tab, KeyModifiers::SHIFT),
            Some(Key::new(KeyCode::BackTab))
        );
        // Ctrl-i is Tab in a terminal; treat it so everywhere.
        assert_eq!(
            ct(CtKeyCode::Char('i'), KeyModifiers::CONTROL),
            Some(Key::new(KeyCode::Tab))
        );
        let mut release = KeyEvent::new(CtKeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(Key::from_crossterm(&release), None);
        assert_eq!(ct(CtKeyCode::CapsLock, KeyModifiers::NONE), None);
    }

    #[test]
    fn parse_and_display_round_trip() {
        for (written, shown) in [
            ("j", "j"),
            ("J", "J"),
            ("shift-j", "J"),
            ("ctrl-d", "Ctrl-d"),
            ("C-D", "Ctrl-d"),
            ("shift-tab", "Shift-Tab"),
            ("backtab", "Shift-Tab"),
            ("enter", "Enter"),
            ("space", "Space"),
            ("PgDn", "PageDown"),
            ("f5", "F5"),
            ("alt-x", "Alt-x"),
            ("-", "-"),
            ("ctrl--", "Ctrl--"),
            ("'", "'"),
        ] {
            let k = Key::parse(written).unwrap_or_else(|e| panic!("{written}: {e}"));
            assert_eq!(k.to_string(), shown, "{written}");
            assert_eq!(Key::parse(shown), Ok(k), "{shown} parses back");
        }
    }

    #[test]
    fn bad_keys_are_explained() {
        assert!(Key::parse("").is_err());
        assert!(Key::parse("hyperkey").unwrap_err().contains("not a key"));
        assert!(Key::parse("f99").unwrap_err().contains("f24"));
        assert!(Key::parse("shift-up").unwrap_err().contains("shift"));
    }

    #[test]
    fn sequences() {
        let keys = Key::parse_sequence("jj<enter>J<c-o><lt><").unwrap();
        assert_eq!(
            keys,
            vec![
                Key::char('j'),
                Key::char('j'),
                Key::new(KeyCode::Enter),
                Key::char('J'),
                Key::ctrl('o'),
                Key::char('<'),
                Key::char('<'),
            ]
        );
        assert!(Key::parse_sequence("<nonsense>").is_err());
    }
}
