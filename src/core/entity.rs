//! Entities: the catalogue, the mention index, discovery.
//! (Being written; see issue 5.)
