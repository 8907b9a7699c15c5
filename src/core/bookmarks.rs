//! Bookmarks: the store on disk, re-anchoring.
//! (Being written; see issue 6.)
