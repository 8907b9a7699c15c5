//! The draft of a note, a new bookmark's or an edited one's, kept in the
//! state folder while it is typed so that nothing typed is lost to
//! `kill -9`, a crash or `Ctrl-c`:
//! written (by the runtime, atomically, at most every [`DRAFT_EVERY_MS`])
//! as the text changes, offered back in the note editor at the next start,
//! deleted when the note is saved or discarded. This module is the file's
//! format ([`super::note::NoteEditor::draft`] makes one, `bookmarking.rs`
//! offers one back); it never touches the file.

/// The least time between two writes of the draft file.
pub const DRAFT_EVERY_MS: u64 = 300;

/// The draft file's content.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Draft {
    /// Always 1.
    pub version: u32,
    /// The article's id (empty for an edited bookmark that had lost its
    /// text).
    pub article: String,
    /// The first passage bookmarked (from 1; 0 with no article).
    pub first: usize,
    /// The last one.
    pub last: usize,
    /// The note as typed.
    pub text: String,
    /// The bookmark whose note is edited (its id); absent for a new
    /// bookmark's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bookmark: Option<String>,
}

impl Draft {
    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a draft file's text.
    pub fn parse(text: &str) -> Result<Draft, String> {
        let d: Draft = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if d.version != 1 {
            return Err(format!(
                "version {} is not one this dossier knows (1)",
                d.version
            ));
        }
        Ok(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_round_trip_and_bad_ones_are_errors() {
        let d = Draft {
            version: 1,
            article: "a".into(),
            first: 2,
            last: 3,
            text: "two\nlines".into(),
            bookmark: None,
        };
        assert_eq!(Draft::parse(&d.to_json()).unwrap(), d);
        assert!(Draft::parse("{").is_err());
        let v9 = d.to_json().replace("\"version\": 1", "\"version\": 9");
        assert!(Draft::parse(&v9).unwrap_err().contains("version 9"));
        // A new bookmark's draft says nothing of a bookmark; an edit's does.
        assert!(!d.to_json().contains("bookmark"));
        let edit = Draft {
            bookmark: Some("b1".into()),
            ..d
        };
        assert_eq!(Draft::parse(&edit.to_json()).unwrap(), edit);
    }
}
