//! Drawing the reader (being written; see issue 3).
