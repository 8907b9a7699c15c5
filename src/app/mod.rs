//! The reader's state and behaviour (being written; see issue 3).
