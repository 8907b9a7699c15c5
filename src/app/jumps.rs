//! The jump list: where the reader was before each jump (article switch,
//! top/bottom, and later search hits and mentions), walked with `Ctrl-o`
//! (back) and `Ctrl-t` (forward) as in vim.
//!
//! Pure bookkeeping over [`Location`]s; the caller moves the view.

/// A place in the corpus: an article, its passage cursor and the first byte
/// shown at the top of the pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    /// Index of the article in the corpus.
    pub article: usize,
    /// Index (0-based) of the passage under the cursor.
    pub passage: usize,
    /// Byte of the article text at the top of the pane.
    pub top: usize,
}

/// Earlier and later places, with the position in between.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JumpList {
    entries: Vec<Location>,
    /// Index of the entry the reader is on; `entries.len()` means "not on an
    /// entry" (the newest place, not recorded yet).
    at: usize,
}

/// At most this many places are kept.
const MAX: usize = 100;

impl JumpList {
    /// Records `here` before jumping away from it; forgets the places ahead.
    pub fn record(&mut self, here: Location) {
        self.entries.truncate(self.at);
        if self.entries.last() != Some(&here) {
            self.entries.push(here);
        }
        if self.entries.len() > MAX {
            self.entries.remove(0);
        }
        self.at = self.entries.len();
    }

    /// The place to go back to from `here`, if any.
    pub fn back(&mut self, here: Location) -> Option<Location> {
        if self.at == 0 {
            return None;
        }
        if self.at == self.entries.len() {
            // Remember where we are so that forward can return here.
            if self.entries.last() == Some(&here) {
                self.at -= 1;
                if self.at == 0 {
                    self.at = 1;
                    return None;
                }
            } else {
                self.entries.push(here);
            }
        }
        self.at -= 1;
        self.entries.get(self.at).copied()
    }

    /// The place to go forward to, if any.
    pub fn forward(&mut self) -> Option<Location> {
        if self.at + 1 >= self.entries.len() {
            return None;
        }
        self.at += 1;
        self.entries.get(self.at).copied()
    }

    /// How many places are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no jump was recorded.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Moves every place through `f` (the articles were reloaded: their
    /// indices changed); places `f` drops are forgotten.
    pub fn remap(&mut self, mut f: impl FnMut(Location) -> Option<Location>) {
        let old_at = self.at;
        let mut at = old_at;
        let mut kept = Vec::with_capacity(self.entries.len());
        for (i, e) in self.entries.drain(..).enumerate() {
            match f(e) {
                Some(l) => kept.push(l),
                None if i < old_at => at -= 1,
                None => {}
            }
        }
        self.entries = kept;
        self.at = at.min(self.entries.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(article: usize) -> Location {
        Location {
            article,
            passage: 0,
            top: 0,
        }
    }

    #[test]
    fn back_and_forward_walk_the_history() {
        let mut j = JumpList::default();
        assert_eq!(j.back(loc(0)), None);
        j.record(loc(0)); // jumped 0 -> 1
        j.record(loc(1)); // jumped 1 -> 2
        assert_eq!(j.back(loc(2)), Some(loc(1)));
        assert_eq!(j.back(loc(1)), Some(loc(0)));
        assert_eq!(j.back(loc(0)), None);
        assert_eq!(j.forward(), Some(loc(1)));
        assert_eq!(j.forward(), Some(loc(2)));
        assert_eq!(j.forward(), None);
    }

    #[test]
    fn a_new_jump_forgets_the_places_ahead() {
        let mut j = JumpList::default();
        j.record(loc(0));
        j.record(loc(1));
        assert_eq!(j.back(loc(2)), Some(loc(1)));
        j.record(loc(1)); // jumped 1 -> 3
        assert_eq!(j.forward(), None);
        assert_eq!(j.back(loc(3)), Some(loc(1)));
        assert_eq!(j.back(loc(1)), Some(loc(0)));
    }

    #[test]
    fn going_back_from_a_recorded_place_does_not_stall() {
        let mut j = JumpList::default();
        j.record(loc(0));
        j.record(loc(1));
        // We are at 1 again (e.g. went there by hand) and press back.
        assert_eq!(j.back(loc(1)), Some(loc(0)));
    }

    #[test]
    fn remapping_drops_places_and_keeps_the_position() {
        let mut j = JumpList::default();
        for i in 0..4 {
            j.record(loc(i));
        }
        assert_eq!(j.back(loc(4)), Some(loc(3)));
        assert_eq!(j.back(loc(3)), Some(loc(2)));
        // Article 1 is gone; the others move up by one.
        j.remap(|l| match l.article {
            1 => None,
            a if a > 1 => Some(loc(a - 1)),
            a => Some(loc(a)),
        });
        assert_eq!(j.len(), 4);
        assert_eq!(j.back(loc(1)), Some(loc(0)));
        assert_eq!(j.forward(), Some(loc(1)));
        assert_eq!(j.forward(), Some(loc(2)));
    }

    #[test]
    fn keeps_a_bounded_history() {
        let mut j = JumpList::default();
        for i in 0..(MAX + 20) {
            j.record(loc(i));
        }
        assert_eq!(j.len(), MAX);
    }
}
