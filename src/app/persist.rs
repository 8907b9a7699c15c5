//! The reading state kept across restarts (`state.json` in the data
//! folder): the article read last and, per article, the passage cursor and
//! the first byte shown. Keyed by article id, so adding or removing files
//! in a corpus folder keeps the other positions.
//!
//! Only (de)serialisation lives here; the runtime reads and writes the file
//! (atomically, with [`crate::core::atomic::write_atomic`]). The file holds
//! nothing but positions, so an unreadable one is replaced, with a message.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The current format version.
pub const VERSION: u32 = 1;

/// Where the reader was in one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedPosition {
    /// The passage under the cursor, 1-based as everywhere the user sees.
    pub passage: usize,
    /// The byte of the article text shown at the top of the pane.
    pub top: usize,
}

/// Everything in `state.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedState {
    /// Format version ([`VERSION`]).
    pub version: u32,
    /// The id of the article open when the reader quit.
    pub last: Option<String>,
    /// Positions by article id.
    #[serde(default)]
    pub positions: BTreeMap<String, SavedPosition>,
    /// One pane at a time (`z`) rather than the list beside the text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub one_pane: bool,
}

impl SavedState {
    /// Parses the file's text; the error says what is wrong.
    pub fn parse(text: &str) -> Result<SavedState, String> {
        let s: SavedState = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if s.version > VERSION {
            return Err(format!(
                "it was written by a newer dossier (format {}, this one reads {VERSION})",
                s.version
            ));
        }
        Ok(s)
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        let mut s = SavedState {
            version: VERSION,
            last: Some("a".into()),
            ..SavedState::default()
        };
        s.positions.insert(
            "a".into(),
            SavedPosition {
                passage: 3,
                top: 99,
            },
        );
        assert_eq!(SavedState::parse(&s.to_json()), Ok(s));
        assert!(SavedState::parse("{not json").is_err());
        assert!(SavedState::parse("").is_err());
        assert!(
            SavedState::parse(r#"{"version":99,"last":null}"#)
                .unwrap_err()
                .contains("newer")
        );
    }
}
