//! Styles of every element, in two palettes: the 16 ANSI colours (so the
//! reader looks the same on a Linux console, over SSH and in tmux) and,
//! when `NO_COLOR` is set, no colour at all — bold, reverse, italic and
//! underline only. Nothing else in `ui/` names a colour.

use ratatui::style::{Color, Modifier, Style};

use crate::app::{HighlightKind, Level, MarkKind};

/// The palette in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// The colour palette, or the colourless one when `color` is false.
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn pick(&self, colored: Style, plain: Style) -> Style {
        if self.color { colored } else { plain }
    }

    /// A pane's border.
    pub fn border(&self, focused: bool) -> Style {
        match focused {
            true => self.pick(
                Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            false => self.pick(Style::new().fg(Color::DarkGray), Style::new()),
        }
    }

    /// A pane's title in its border.
    pub fn pane_title(&self, focused: bool) -> Style {
        match focused {
            true => Style::new().add_modifier(Modifier::BOLD),
            false => Style::new(),
        }
    }

    /// The selected row of the source list.
    pub fn selected(&self, focused: bool) -> Style {
        match focused {
            true => Style::new().add_modifier(Modifier::REVERSED),
            false => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// The marker of the open article in the list.
    pub fn open_marker(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// The second column of the source list.
    pub fn list_column(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    /// The article title at the top of the reading pane.
    pub fn title(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// The metadata line under the title.
    pub fn meta(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }

    /// Body text.
    pub fn text(&self) -> Style {
        Style::new()
    }

    /// A heading passage.
    pub fn heading(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// A quote passage.
    pub fn quote(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }

    /// The symbol and style of a margin mark.
    pub fn mark(&self, kind: MarkKind) -> (&'static str, Style) {
        match kind {
            MarkKind::Cursor => (
                "▌",
                self.pick(
                    Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
            ),
            MarkKind::Bookmark => (
                "*",
                self.pick(
                    Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
            ),
            MarkKind::Selected => (
                "│",
                self.pick(
                    Style::new().fg(Color::Green),
                    Style::new().add_modifier(Modifier::BOLD),
                ),
            ),
        }
    }

    /// A highlighted span, patched over the text's own style.
    pub fn highlight(&self, kind: HighlightKind) -> Style {
        match kind {
            HighlightKind::SearchHit => self.pick(
                Style::new().bg(Color::Yellow).fg(Color::Black),
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
            HighlightKind::CurrentHit => self.pick(
                Style::new()
                    .bg(Color::LightYellow)
                    .fg(Color::Black)
                    .add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            ),
            HighlightKind::Mention => self.pick(
                Style::new()
                    .fg(Color::LightCyan)
                    .add_modifier(Modifier::UNDERLINED),
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
            HighlightKind::CurrentMention => self.pick(
                Style::new().bg(Color::Cyan).fg(Color::Black),
                Style::new().add_modifier(Modifier::REVERSED),
            ),
        }
    }

    /// The text cursor of the search bar.
    pub fn cursor(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The mode label at the left of the status bar.
    pub fn mode(&self) -> Style {
        self.pick(
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    /// The key hints of the status bar.
    pub fn hints(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    /// A message in the status bar.
    pub fn message(&self, level: Level) -> Style {
        match level {
            Level::Info => Style::new(),
            Level::Warning => self.pick(
                Style::new().fg(Color::Yellow),
                Style::new().add_modifier(Modifier::BOLD),
            ),
            Level::Error => self.pick(
                Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            ),
        }
    }

    /// A key in the help overlay.
    pub fn help_key(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    /// A section heading in the help overlay.
    pub fn help_heading(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::Yellow)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }
}
