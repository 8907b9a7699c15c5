//! The note editor: a small text box (ratatui-textarea) that opens when a
//! passage is bookmarked (`m`) or a note is edited (`e` in the bookmark
//! list). `Enter` saves, `Esc` cancels (nothing is saved), `Alt-Enter` or
//! `Ctrl-j` adds a line break.
//!
//! Saving leaves as an [`Effect::Bookmarks`]; the editor itself never
//! touches the file, nor the App: it answers with a [`Step`] like every
//! overlay. The editor closes at once but asks ([`Request::KeepNote`]) for
//! a copy to wait in the App until the runtime says the save went through,
//! so a failed save opens it again with the text. While a new bookmark's
//! note is typed, each change asks for its draft to be written
//! ([`Effect::SaveDraft`]).

use ratatui::style::{Modifier, Style};
use ratatui_textarea::{Input, Key as TaKey, TextArea, WrapMode};

use super::action::Action;
use super::bookmark_list::BookmarkList;
use super::bookmarks::BookmarkChange;
use super::draft::Draft;
use super::effect::Effect;
use super::hint::Hint::{self, Key as K, Keys};
use super::key::{Key, KeyCode};
use super::keymap::Keymap;
use super::keymap::Mode;
use super::notice::Level;
use super::step::{Ctx, Request, Step};
use super::typing::{edit_text, is_line_edit};
use crate::core::Corpus;
use crate::core::bookmarks::PassageSpan;

/// What the note is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A new bookmark of these passages of article `article` (an index).
    New {
        /// Index of the article in the corpus.
        article: usize,
        /// The passages (1-based).
        passages: PassageSpan,
    },
    /// The note of an existing bookmark.
    Edit {
        /// The bookmark's id.
        id: String,
    },
}

/// The note editor's state.
#[derive(Debug, Clone)]
pub struct NoteEditor {
    /// What the note is for.
    pub target: NoteTarget,
    /// The text being typed (boxed: a text area is large).
    pub text: Box<TextArea<'static>>,
    /// The bookmark list to go back to afterwards (when editing from it).
    pub back: Option<Box<BookmarkList>>,
    /// The note as it was when the editor opened.
    pub original: String,
    /// Where the edited bookmark was when the editor opened (article
    /// index, passages), to bookmark that passage again if the bookmark
    /// is deleted meanwhile (by another dossier).
    pub place: Option<(usize, PassageSpan)>,
    /// Why the last save failed (naming the file and what to do), shown
    /// in the box until the note is saved or discarded.
    pub error: Option<String>,
}

impl PartialEq for NoteEditor {
    fn eq(&self, other: &Self) -> bool {
        self.target == other.target
            && self.text.lines() == other.text.lines()
            && self.back == other.back
    }
}

impl Eq for NoteEditor {}

impl NoteEditor {
    /// An empty note for a new bookmark.
    pub fn new_bookmark(article: usize, passages: PassageSpan) -> NoteEditor {
        NoteEditor::with_text(NoteTarget::New { article, passages }, "", None)
    }

    /// The note of bookmark `id`, at `place` (if it is placed), to edit;
    /// `back` is reopened afterwards.
    pub fn edit(
        id: String,
        note: &str,
        place: Option<(usize, PassageSpan)>,
        back: Option<BookmarkList>,
    ) -> NoteEditor {
        let mut editor = NoteEditor::with_text(NoteTarget::Edit { id }, note, back.map(Box::new));
        editor.place = place;
        editor
    }

    fn with_text(target: NoteTarget, note: &str, back: Option<Box<BookmarkList>>) -> NoteEditor {
        let mut text = TextArea::new(note.split('\n').map(str::to_string).collect());
        text.set_wrap_mode(WrapMode::WordOrGlyph);
        text.set_cursor_line_style(Style::new());
        text.set_cursor_style(Style::new().add_modifier(Modifier::REVERSED));
        text.set_placeholder_text("a note (optional)");
        // No colour: the reader may run with NO_COLOR.
        text.set_placeholder_style(Style::new().add_modifier(Modifier::DIM));
        text.move_cursor(ratatui_textarea::CursorMove::Bottom);
        text.move_cursor(ratatui_textarea::CursorMove::End);
        NoteEditor {
            target,
            text: Box::new(text),
            back,
            original: note.to_string(),
            place: None,
            error: None,
        }
    }

    /// The note as typed, without trailing blank lines.
    pub fn note(&self) -> String {
        self.text.lines().join("\n").trim_end().to_string()
    }

    /// Takes every key but `Ctrl-c` (which still quits).
    pub(super) fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        match ctx.keymap.action_in(Mode::Note, key) {
            Some(Action::SaveNote) => Some(self.save(ctx)),
            Some(Action::Cancel) => Some(Step::Close(vec![
                Request::Notify("Cancelled: nothing saved".into(), Level::Info),
                Effect::SaveDraft(None).into(),
            ])),
            Some(Action::NewLine) => {
                self.text.insert_newline();
                Some(self.typed(ctx))
            }
            // Any other action (quit from anywhere) goes to the key map.
            Some(_) => None,
            None if key.ctrl && key.code == KeyCode::Char('c') => None,
            // The editing keys of a typed line, as in the search bar;
            // what that table does not bind (Up, Down, the text area's
            // own Emacs keys) goes to the text area.
            None => Some(match ctx.keymap.action_in(Mode::Line, key) {
                Some(a) if is_line_edit(a) => {
                    let before = self.text.lines().to_vec();
                    edit_text(&mut self.text, a);
                    match self.text.lines() == before.as_slice() {
                        true => Step::stay(),
                        false => self.typed(ctx),
                    }
                }
                _ => match self.text.input(to_input(key)) {
                    true => self.typed(ctx),
                    false => Step::stay(),
                },
            }),
        }
    }

    /// The text changed: keep the draft.
    fn typed(&self, ctx: &Ctx) -> Step {
        let draft = self
            .draft(ctx.corpus)
            .map(|d| Effect::SaveDraft(Some(d.to_json())).into());
        Step::Stay(draft.into_iter().collect())
    }

    /// The draft of the note: a new bookmark's (its passages), or an
    /// edited one's (its id, and where it was when the editor opened).
    pub fn draft(&self, corpus: &Corpus) -> Option<Draft> {
        let (place, bookmark) = match &self.target {
            NoteTarget::New { article, passages } => (Some((*article, *passages)), None),
            NoteTarget::Edit { id } => (self.place, Some(id.clone())),
        };
        let (article, first, last) = match place {
            Some((article, span)) => (
                corpus.articles.get(article)?.id.clone(),
                span.first,
                span.last,
            ),
            None => (String::new(), 0, 0),
        };
        Some(Draft {
            version: 1,
            article,
            first,
            last,
            text: self.text.lines().join("\n"),
            bookmark,
        })
    }

    /// Replaces the text (a draft offered back), the cursor at its end.
    pub fn set_text(&mut self, text: &str) {
        let target = self.target.clone();
        let back = self.back.take();
        let place = self.place;
        *self = NoteEditor::with_text(target, text, back);
        self.original = String::new();
        self.place = place;
    }

    /// Pasted text: inserted at the cursor at once, line breaks kept,
    /// control characters left out.
    pub(super) fn paste(&mut self, ctx: &Ctx, text: &str) -> Step {
        self.text.insert_str(crate::core::text::sanitise(text));
        self.typed(ctx)
    }

    /// Actions that reach the editor (only from keys it did not take).
    pub(super) fn update(&mut self, _ctx: &Ctx, action: Action) -> Step {
        match action {
            Action::ForceQuit | Action::Resize { .. } | Action::Redraw => Step::Pass,
            _ => Step::stay(),
        }
    }

    fn save(&mut self, ctx: &Ctx) -> Step {
        let Some(change) = self.change(ctx.corpus) else {
            return Step::close();
        };
        // Kept (with the list to go back to) until the save is done.
        Step::Close(vec![
            Request::KeepNote,
            Effect::Bookmarks(change).into(),
            Effect::SaveDraft(None).into(),
        ])
    }

    /// The change that saves this note; `None` if the article is gone.
    fn change(&self, corpus: &Corpus) -> Option<BookmarkChange> {
        let note = self.note();
        Some(match &self.target {
            NoteTarget::New { article, passages } => BookmarkChange::Add {
                article: corpus.articles.get(*article)?.id.clone(),
                passages: *passages,
                note,
            },
            NoteTarget::Edit { id } => BookmarkChange::SetNote {
                id: id.clone(),
                note,
            },
        })
    }

    /// [`NoteEditor::change`] when there is something to save: a new
    /// bookmark with some note typed, or a note changed from the saved one.
    pub(super) fn unsaved_change(&self, corpus: &Corpus) -> Option<BookmarkChange> {
        let typed = match self.target {
            NoteTarget::New { .. } => !self.note().is_empty(),
            NoteTarget::Edit { .. } => self.note() != self.original.trim_end(),
        };
        if typed { self.change(corpus) } else { None }
    }
}

/// The textarea's own key type for one of ours.
fn to_input(key: Key) -> Input {
    let k = match key.code {
        KeyCode::Char(c) => TaKey::Char(c),
        KeyCode::Enter => TaKey::Enter,
        KeyCode::Esc => TaKey::Esc,
        KeyCode::Tab => TaKey::Tab,
        KeyCode::Backspace => TaKey::Backspace,
        KeyCode::Delete => TaKey::Delete,
        KeyCode::Up => TaKey::Up,
        KeyCode::Down => TaKey::Down,
        KeyCode::Left => TaKey::Left,
        KeyCode::Right => TaKey::Right,
        KeyCode::PageUp => TaKey::PageUp,
        KeyCode::PageDown => TaKey::PageDown,
        KeyCode::Home => TaKey::Home,
        KeyCode::End => TaKey::End,
        KeyCode::F(n) => TaKey::F(n),
        KeyCode::BackTab | KeyCode::Insert => TaKey::Null,
    };
    Input {
        key: k,
        ctrl: key.ctrl,
        alt: key.alt,
        shift: false,
    }
}

impl super::step::Room for NoteEditor {
    fn mode(&self) -> &'static str {
        "NOTE"
    }
    fn hints(&self) -> &'static [Hint] {
        &[
            K(Mode::Note, Action::SaveNote, "save"),
            Keys(Mode::Note, Action::NewLine, "new line"),
            K(Mode::Note, Action::Cancel, "cancel"),
        ]
    }
    fn update(&mut self, ctx: &Ctx, action: Action) -> Step {
        NoteEditor::update(self, ctx, action)
    }
    fn key(&mut self, ctx: &Ctx, key: Key) -> Option<Step> {
        NoteEditor::key(self, ctx, key)
    }
    fn takes_text(&self, keymap: &Keymap, key: Key) -> bool {
        super::step::is_text_in(keymap, Mode::Note, key)
    }
    fn type_text(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        Some(NoteEditor::paste(self, ctx, text))
    }
    fn paste(&mut self, ctx: &Ctx, text: &str) -> Option<Step> {
        Some(NoteEditor::paste(self, ctx, text))
    }
}
