//! Passage search: query parsing, matching on folded text, ranking.
//! (Being written; see issue 4.)
