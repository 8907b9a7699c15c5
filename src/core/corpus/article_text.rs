//! An article's display text ([`ArticleText`]): a string that is either
//! owned (an article read from a file) or a range of the index file kept
//! in the cache folder, served from its memory map without a copy.
//!
//! Both are a [`ByteString`] (a UTF-8 checked view of reference-counted
//! bytes): a kept text shares the map, so the map lives as long as an
//! article that reads from it, and only the pages of the texts that are
//! read are in the reader's memory. The bytes of a kept text are checked
//! to be UTF-8 once, when it is made ([`ArticleText::kept`]); a range that
//! is not is an error for the caller to report, never a panic.
//!
//! Why a map may live while the reader runs: nothing ever writes to a
//! kept index file in place (a new one is written beside it and renamed
//! over it), so the mapped bytes never change under a text.
//!
//! Cloning is cheap (a reference count); the text derefs to `str`.

use std::fmt;
use std::ops::{Deref, Range};

use bytes::Bytes;
use bytestring::ByteString;

/// The display text of an article.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleText(ByteString);

impl ArticleText {
    /// `range` of `kept` (the bytes of an index file), when it is in them
    /// and UTF-8; `None` otherwise. No byte is copied.
    pub fn kept(kept: &Bytes, range: Range<usize>) -> Option<ArticleText> {
        if range.start > range.end || range.end > kept.len() {
            return None;
        }
        ByteString::try_from(kept.slice(range))
            .ok()
            .map(ArticleText)
    }

    /// `range` of `kept` when its bytes are those of `text` (a text
    /// written there and read back): no byte copied, and none checked
    /// twice (they equal a `str`'s, so they are UTF-8). `None` otherwise.
    pub fn kept_as(kept: &Bytes, range: Range<usize>, text: &str) -> Option<ArticleText> {
        let bytes = kept.get(range.clone())?;
        if bytes != text.as_bytes() {
            return None;
        }
        // SAFETY: the bytes equal those of `text`, a `str`: UTF-8.
        Some(ArticleText(unsafe {
            ByteString::from_bytes_unchecked(kept.slice(range))
        }))
    }

    /// The text as a `str`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for ArticleText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for ArticleText {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<String> for ArticleText {
    fn from(s: String) -> ArticleText {
        ArticleText(ByteString::from(s))
    }
}

impl From<&str> for ArticleText {
    fn from(s: &str) -> ArticleText {
        ArticleText(ByteString::from(s))
    }
}

impl PartialEq<str> for ArticleText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for ArticleText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for ArticleText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<ArticleText> for String {
    fn eq(&self, other: &ArticleText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<ArticleText> for str {
    fn eq(&self, other: &ArticleText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<ArticleText> for &str {
    fn eq(&self, other: &ArticleText) -> bool {
        *self == other.as_str()
    }
}

impl fmt::Debug for ArticleText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for ArticleText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_text_is_its_range_uncopied() {
        let kept = Bytes::from_static("xx Ставрополь yy".as_bytes());
        let t = ArticleText::kept(&kept, 3..23).unwrap();
        assert_eq!(t, "Ставрополь");
        assert_eq!(t.as_ptr(), kept[3..].as_ptr());
    }

    #[test]
    fn a_range_outside_the_bytes_or_not_utf8_is_refused() {
        let kept = Bytes::from_static("é and more".as_bytes());
        // Cuts "é" in two.
        assert!(ArticleText::kept(&kept, 1..4).is_none());
        assert!(ArticleText::kept(&kept, 0..kept.len() + 1).is_none());
        #[allow(clippy::reversed_empty_ranges)]
        let backwards = 4..2;
        assert!(ArticleText::kept(&kept, backwards).is_none());
        assert_eq!(ArticleText::kept(&kept, 2..2).unwrap(), "");
    }

    #[test]
    fn a_text_read_back_is_kept_only_as_written() {
        let kept = Bytes::from_static("xx Ставрополь yy".as_bytes());
        let t = ArticleText::kept_as(&kept, 3..23, "Ставрополь").unwrap();
        assert_eq!(t, "Ставрополь");
        assert_eq!(t.as_ptr(), kept[3..].as_ptr());
        assert!(ArticleText::kept_as(&kept, 3..23, "Ставрополъ").is_none());
        assert!(ArticleText::kept_as(&kept, 3..22, "Ставрополь").is_none());
        assert!(ArticleText::kept_as(&kept, 3..99, "Ставрополь").is_none());
    }

    #[test]
    fn an_owned_text_compares_as_its_string() {
        let t = ArticleText::from("One. Two.".to_string());
        assert_eq!(t, "One. Two.");
        assert_eq!(t.len(), 9);
        assert_eq!(&t[5..], "Two.");
        assert_eq!(format!("{t:?}"), "\"One. Two.\"");
    }
}
