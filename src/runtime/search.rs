//! The search thread and the search history file: the part of the runtime
//! that serves [`Effect::Search`](crate::app::Effect::Search) and
//! [`Effect::SaveHistory`](crate::app::Effect::SaveHistory).

use std::io;
use std::path::Path;
use std::sync::{Arc, mpsc};

use super::{Event, load_kept};
use crate::app::search::{self, SearchRequest};
use crate::app::{App, Level, Msg};
use crate::core::Corpus;
use crate::core::atomic::write_atomic;
use crate::core::entity::EntityIndex;
use crate::core::search::{EntitySynonyms, SearchIndex};

/// What the search thread is asked to do.
pub(super) enum ToSearch {
    /// Answer this request.
    Request(SearchRequest),
    /// Index these articles (reloaded), with their entities, and answer
    /// from them from now on (if they are the ones indexed, only their
    /// entities are new: their entity index sent after them).
    Corpus(Arc<Corpus>, Arc<EntityIndex>),
    /// The index of these articles, built ahead (the folder read at start,
    /// indexed before its entities are found): used when the app asks for
    /// them ([`ToSearch::Corpus`]), never before, so that no answer points
    /// into articles the app does not have yet. Shared: the index file is
    /// written from it meanwhile.
    Indexed(Arc<Corpus>, Arc<SearchIndex>),
}

/// Starts the search thread: it builds the index, then answers requests
/// until the reader ends. Of the requests waiting when it gets to them,
/// only the latest of each scope is answered; a reloaded corpus waiting
/// is indexed before them (the latest only).
pub(super) fn spawn_search(
    corpus: Arc<Corpus>,
    entities: Arc<EntityIndex>,
    events: mpsc::Sender<Event>,
) -> io::Result<mpsc::Sender<ToSearch>> {
    let (tx, rx) = mpsc::channel::<ToSearch>();
    std::thread::Builder::new()
        .name("search".into())
        .spawn(move || {
            let mut corpus = corpus;
            let mut entities = entities;
            let mut index = Arc::new(SearchIndex::build(&corpus));
            // The entity index's names, catalogued and discovered, as
            // `dossier search` uses them; its mentions answer `@name`.
            let mut synonyms = EntitySynonyms::from_entities(entities.entities());
            let mut ready: Option<(Arc<Corpus>, Arc<SearchIndex>)> = None;
            while let Ok(first) = rx.recv() {
                let mut latest: Vec<SearchRequest> = Vec::new();
                let mut reloaded = None;
                for next in std::iter::once(first).chain(rx.try_iter()) {
                    match next {
                        ToSearch::Request(req) => {
                            latest.retain(|r| r.scope != req.scope);
                            latest.push(req);
                        }
                        ToSearch::Corpus(c, e) => reloaded = Some((c, e)),
                        ToSearch::Indexed(c, built) => ready = Some((c, built)),
                    }
                }
                if let Some((c, e)) = reloaded {
                    // The same articles with their entity index (sent
                    // after them): the index of their words stays.
                    if !Arc::ptr_eq(&c, &corpus) {
                        index = match ready.take() {
                            Some((r, built)) if Arc::ptr_eq(&r, &c) => built,
                            _ => Arc::new(SearchIndex::build(&c)),
                        };
                        corpus = c;
                    }
                    entities = e;
                    synonyms = EntitySynonyms::from_entities(entities.entities());
                }
                latest.sort_by_key(|r| r.id);
                for req in latest {
                    let results = search::run(&index, &corpus, &synonyms, Some(&entities), &req);
                    if events.send(Event::Searched(results)).is_err() {
                        return;
                    }
                }
            }
        })?;
    Ok(tx)
}

/// Reads the search history, for the app; a bad file is reported, not
/// fatal.
pub(super) fn load_history(path: &Path) -> Option<Msg> {
    match load_kept(path, search::parse_history) {
        Ok(Some(h)) => Some(Msg::SearchHistory(h)),
        Ok(None) => None,
        Err(problem) => Some(Msg::Notify(
            format!(
                "The search history in {} could not be read ({problem}); starting a new one — \
                 the file will be replaced after your next search",
                path.display()
            ),
            Level::Warning,
        )),
    }
}

/// Writes the search history atomically.
pub(super) fn save_history(path: &Path, app: &App) -> Result<(), String> {
    write_atomic(path, app.search_history_json().as_bytes()).map_err(|e| {
        format!(
            "could not save the search history to {}: {e}",
            path.display()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Config;

    #[test]
    fn the_search_history_round_trips_and_a_bad_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("history.json");
        let mut app = App::new(Corpus::bundled(), Config::default(), true);
        app.update(Msg::SearchHistory(vec!["lachin".into(), "aliev".into()]));
        save_history(&p, &app).unwrap();
        let mut back = App::new(Corpus::bundled(), Config::default(), true);
        back.update(load_history(&p).unwrap());
        assert_eq!(back.search_history(), ["lachin", "aliev"]);
        std::fs::write(&p, "[oops").unwrap();
        back.update(load_history(&p).unwrap());
        assert!(back.message().unwrap().text.contains("search history"));
    }
}
