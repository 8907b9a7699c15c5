//! Which rows of the screen moved since the last frame: the reading pane's
//! text when it scrolled, the source list when it scrolled. Told to the
//! [`Screen`](super::screen::Screen) before a frame, so that it can scroll
//! those rows on the terminal instead of writing them again. Reads the app,
//! never changes it; a hint that turns out wrong costs bytes, never a wrong
//! screen.

use ratatui::layout::Rect;

use super::screen::Scroll;
use crate::app::App;
use crate::app::layout::{Layout, list_inner};

/// Where the scrolling panes were in one frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Panes {
    reader: Option<Pane>,
    list: Option<Pane>,
}

/// One pane's scrolling rows and what it showed in them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pane {
    /// The rows that scroll.
    rows: Rect,
    /// What the rows show (the article and its wrap width; the number of
    /// articles and rows per article): rows move only within the same.
    what: (usize, usize),
    /// The first row shown, in rows of the pane's content.
    first: usize,
}

impl Panes {
    /// The panes of `app` on a `width`x`height` screen, as `ui::draw` lays
    /// them out.
    pub(crate) fn of(app: &App, width: u16, height: u16) -> Panes {
        let layout = Layout::new(width, height, app.focus, app.panes);
        if layout.too_small {
            return Panes::default();
        }
        let reader = layout
            .reader
            .filter(|_| app.article().is_some())
            .map(|pane| Pane {
                rows: app.reader_areas_in(pane).text,
                what: (app.open, app.view().width),
                first: app.scroll(),
            });
        let list = layout.list.map(|pane| {
            let inner = list_inner(pane);
            let rows = usize::from(inner.height);
            let per = app.list_item_rows(rows);
            let shown = (rows / per * per) as u16;
            Pane {
                rows: Rect::new(inner.x, inner.y, inner.width, shown),
                what: (app.corpus.articles.len(), per),
                first: app.list_offset(rows) * per,
            }
        });
        Panes { reader, list }
    }

    /// The rows that moved from `before` to `self`.
    pub(crate) fn scrolls_since(&self, before: &Panes) -> Vec<Scroll> {
        [(self.reader, before.reader), (self.list, before.list)]
            .into_iter()
            .filter_map(|(now, then)| {
                let (now, then) = (now?, then?);
                let by = now.first as i64 - then.first as i64;
                let moved = now.rows == then.rows
                    && now.what == then.what
                    && by != 0
                    && by.unsigned_abs() < u64::from(now.rows.height);
                moved.then(|| Scroll {
                    top: now.rows.y,
                    bottom: now.rows.bottom(),
                    by: by as i32,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, Config};
    use crate::core::Corpus;

    #[test]
    fn scrolling_the_reader_moves_its_text_rows() {
        let mut app = App::with_size(Corpus::bundled(), Config::default(), true, (100, 30));
        app.update(Action::FocusNext);
        let before = Panes::of(&app, 100, 30);
        app.update(Action::Down);
        let after = Panes::of(&app, 100, 30);
        let text = app.reader_areas_in(app.layout().reader.unwrap()).text;
        assert_eq!(
            after.scrolls_since(&before),
            vec![Scroll {
                top: text.y,
                bottom: text.bottom(),
                by: 1
            }]
        );
        app.update(Action::HalfPageUp);
        let back = Panes::of(&app, 100, 30);
        assert_eq!(back.scrolls_since(&after)[0].by, -1);
        // Another article: nothing moved, everything changed.
        app.update(Action::NextArticle);
        assert_eq!(Panes::of(&app, 100, 30).scrolls_since(&back), vec![]);
    }

    #[test]
    fn moving_the_selection_past_the_bottom_scrolls_the_list_rows() {
        // 40 articles (the bundled texts again and again): one row each.
        let dir = tempfile::tempdir().unwrap();
        let bundled = Corpus::bundled();
        for i in 0..40 {
            let a = &bundled.articles[i % bundled.articles.len()];
            let text = format!("{} ({i})\n\n{}", a.title, a.text);
            std::fs::write(dir.path().join(format!("a{i:02}.txt")), text).unwrap();
        }
        let corpus = Corpus::load_dir(dir.path()).unwrap();
        let mut app = App::with_size(corpus, Config::default(), true, (100, 30));
        let list = list_inner(app.layout().list.unwrap());
        let mut before = Panes::of(&app, 100, 30);
        let mut moved = Vec::new();
        for _ in 0..list.height + 2 {
            app.update(Action::Down);
            let now = Panes::of(&app, 100, 30);
            moved.extend(now.scrolls_since(&before));
            before = now;
        }
        let one = Scroll {
            top: list.y,
            bottom: list.bottom(),
            by: 1,
        };
        assert_eq!(moved, vec![one; 3]);
    }
}
