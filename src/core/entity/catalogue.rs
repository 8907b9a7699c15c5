//! Reading an entity catalogue (`entities.toml`).
//!
//! The format (documented for users at the top of `corpus/entities.toml`):
//!
//! ```toml
//! [[entity]]
//! name = "Ilham Aliyev"            # required: the canonical name
//! kind = "person"                  # person, place, organisation, event, other
//! aliases = ["Aliyev", "Aliev"]    # optional: other names as written
//! case_sensitive = true            # optional (see below)
//! nested = false                   # optional: not counted inside longer names
//! ```
//!
//! `case_sensitive` unset means: an alias written in capitals only (`US`,
//! `U.S.`, `ICC`) matches only in capitals, every other name in any case.
//! `true` makes every name of the entity match only as written, `false`
//! none.
//!
//! Parsing is forgiving, because a typo in one entry should not cost the
//! user the whole catalogue: a bad entry is skipped (or repaired) with a
//! warning naming its line; only a file that is not TOML at all is dropped,
//! and then the reader runs with discovered entities alone. Nothing here
//! panics on any input.

use std::collections::HashMap;

use super::Kind;
use super::matcher::name_key;

/// One entity as the catalogue describes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The canonical name.
    pub name: String,
    /// Its kind.
    pub kind: Kind,
    /// Other names, as written (duplicates and names taken by another entry
    /// removed).
    pub aliases: Vec<String>,
    /// `case_sensitive` as given.
    pub case_sensitive: Option<bool>,
    /// `nested` as given (true when unset): whether a name of the entity
    /// inside a longer name of another entity ("Rome" in "Rome Statute")
    /// counts as a mention of it.
    pub nested: bool,
    /// The line of the entry's `[[entity]]` header (1-based).
    pub line: usize,
}

/// The parsed catalogue and what was wrong with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Catalogue {
    /// The usable entries, in file order.
    pub entries: Vec<Entry>,
    /// Problems, each starting with `line N:` and saying what was done and
    /// how to fix it.
    pub warnings: Vec<String>,
}

#[derive(serde::Deserialize)]
struct File {
    #[serde(default)]
    entity: Vec<toml::Spanned<toml::Table>>,
}

const KEYS: &str = "name, kind, aliases, case_sensitive, nested";

/// Parses the text of an `entities.toml`.
pub fn parse(text: &str) -> Catalogue {
    let mut cat = Catalogue::default();
    let file: File = match toml::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map_or(1, |s| line_of(text, s.start));
            cat.warnings.push(format!(
                "line {line}: {}; the catalogue is not used until this is fixed (only discovered entities are shown)",
                e.message().trim_end_matches('\n')
            ));
            return cat;
        }
    };
    // Which entry (by line) already owns each folded name.
    let mut owners: HashMap<String, (String, usize)> = HashMap::new();
    for spanned in file.entity {
        let line = header_line(text, spanned.span().start);
        let table = spanned.into_inner();
        if let Some(entry) = entry(table, line, &mut owners, &mut cat.warnings) {
            cat.entries.push(entry);
        }
    }
    cat
}

/// Reads one `[[entity]]` table; `None` (with a warning) when it cannot be
/// used at all.
fn entry(
    table: toml::Table,
    line: usize,
    owners: &mut HashMap<String, (String, usize)>,
    warnings: &mut Vec<String>,
) -> Option<Entry> {
    let mut warn = |m: String| warnings.push(format!("line {line}: {m}"));
    let name = match table.get("name") {
        Some(toml::Value::String(s)) if !name_key(s).is_empty() => s.trim().to_string(),
        Some(toml::Value::String(_)) | None => {
            warn(format!(
                "this [[entity]] has no name; add name = \"...\" (the keys are {KEYS}); the entry is skipped"
            ));
            return None;
        }
        Some(other) => {
            warn(format!(
                "name must be a string in quotes, not {}; the entry is skipped",
                other.type_str()
            ));
            return None;
        }
    };
    for key in table.keys() {
        if !matches!(
            key.as_str(),
            "name" | "kind" | "aliases" | "case_sensitive" | "nested"
        ) {
            warn(format!(
                "unknown key '{key}' in the entry for '{name}' is ignored (the keys are {KEYS})"
            ));
        }
    }
    let kind = match table.get("kind") {
        None => Kind::Other,
        Some(toml::Value::String(k)) => Kind::parse(k).unwrap_or_else(|| {
            warn(format!(
                "unknown kind '{k}' for '{name}' (use person, place, organisation, event or other); it is counted as other"
            ));
            Kind::Other
        }),
        Some(other) => {
            warn(format!(
                "kind for '{name}' must be a string, not {}; it is counted as other",
                other.type_str()
            ));
            Kind::Other
        }
    };
    let case_sensitive = match table.get("case_sensitive") {
        None => None,
        Some(toml::Value::Boolean(b)) => Some(*b),
        Some(other) => {
            warn(format!(
                "case_sensitive for '{name}' must be true or false, not {}; it is ignored",
                other.type_str()
            ));
            None
        }
    };
    let nested = match table.get("nested") {
        None => true,
        Some(toml::Value::Boolean(b)) => *b,
        Some(other) => {
            warn(format!(
                "nested for '{name}' must be true or false, not {}; it is ignored",
                other.type_str()
            ));
            true
        }
    };
    let raw_aliases: Vec<String> = match table.get("aliases") {
        None => Vec::new(),
        Some(toml::Value::String(s)) => vec![s.clone()],
        Some(toml::Value::Array(items)) => items
            .iter()
            .filter_map(|v| match v {
                toml::Value::String(s) => Some(s.clone()),
                other => {
                    warn(format!(
                        "an alias of '{name}' is {}, not a string in quotes; it is ignored",
                        other.type_str()
                    ));
                    None
                }
            })
            .collect(),
        Some(other) => {
            warn(format!(
                "aliases of '{name}' must be a list of strings, e.g. aliases = [\"A\", \"B\"], not {}; they are ignored",
                other.type_str()
            ));
            Vec::new()
        }
    };
    let key = name_key(&name);
    if let Some((owner, owner_line)) = owners.get(&key) {
        warn(format!(
            "'{name}' is already a name of '{owner}' (line {owner_line}); this entry is skipped, merge the two entries"
        ));
        return None;
    }
    owners.insert(key, (name.clone(), line));
    let mut aliases = Vec::new();
    for alias in raw_aliases {
        let alias = alias.trim().to_string();
        let key = name_key(&alias);
        if !key.chars().any(char::is_alphanumeric) {
            warn(format!(
                "an alias of '{name}' has no letter or digit; it is ignored"
            ));
            continue;
        }
        match owners.get(&key) {
            Some((owner, _)) if *owner == name => {} // repeated, or the same when folded
            Some((owner, owner_line)) => warn(format!(
                "alias '{alias}' of '{name}' is already a name of '{owner}' (line {owner_line}); it is ignored here"
            )),
            None => {
                owners.insert(key, (name.clone(), line));
                aliases.push(alias);
            }
        }
    }
    Some(Entry {
        name,
        kind,
        aliases,
        case_sensitive,
        nested,
        line,
    })
}

/// 1-based line of a byte offset.
fn line_of(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.as_bytes()[..byte]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// The line of the `[[entity]]` header that owns the table starting at
/// `byte` (the span may start at the header or at the first key).
fn header_line(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    let line = line_of(text, byte);
    let starts_header = text[byte..].trim_start().starts_with("[[");
    if starts_header {
        return line_of(
            text,
            byte + (text[byte..].len() - text[byte..].trim_start().len()),
        );
    }
    match text[..byte].rfind("[[") {
        Some(h) => line_of(text, h),
        None => line,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_entries_in_order_with_their_lines() {
        let text = "# c\n\n[[entity]]\nname = \"Ilham Aliyev\"\nkind = \"person\"\naliases = [\"Aliyev\", \"Aliev\"]\n\n[[entity]]\nname = \"US\"\nkind = \"place\"\ncase_sensitive = true\n";
        let c = parse(text);
        assert_eq!(c.warnings, Vec::<String>::new());
        assert_eq!(c.entries.len(), 2);
        assert_eq!(c.entries[0].name, "Ilham Aliyev");
        assert_eq!(c.entries[0].kind, Kind::Person);
        assert_eq!(c.entries[0].aliases, ["Aliyev", "Aliev"]);
        assert_eq!(c.entries[0].line, 3);
        assert_eq!(c.entries[1].line, 8);
        assert_eq!(c.entries[1].case_sensitive, Some(true));
    }

    #[test]
    fn a_file_that_is_not_toml_names_the_line_and_drops_the_catalogue() {
        let c = parse("[[entity]]\nname = \"A\"\nkind = person\n");
        assert!(c.entries.is_empty());
        assert_eq!(c.warnings.len(), 1);
        assert!(c.warnings[0].starts_with("line 3:"), "{}", c.warnings[0]);
        assert!(c.warnings[0].contains("only discovered entities"));
    }

    #[test]
    fn bad_entries_are_skipped_or_repaired_with_their_line() {
        let text = "[[entity]]\nkind = \"person\"\n\n[[entity]]\nname = \"B\"\nkind = \"persn\"\nalias = \"x\"\naliases = [\"Bee\", 3, \"  \"]\n";
        let c = parse(text);
        assert_eq!(c.entries.len(), 1);
        assert_eq!(c.entries[0].name, "B");
        assert_eq!(c.entries[0].kind, Kind::Other);
        assert_eq!(c.entries[0].aliases, ["Bee"]);
        let w = c.warnings.join("\n");
        assert!(w.contains("line 1: this [[entity]] has no name"), "{w}");
        assert!(w.contains("line 4: unknown key 'alias'"), "{w}");
        assert!(w.contains("line 4: unknown kind 'persn'"), "{w}");
        assert!(w.contains("line 4: an alias of 'B' is integer"), "{w}");
        assert!(w.contains("no letter or digit"), "{w}");
    }

    #[test]
    fn a_name_belongs_to_one_entity_only() {
        let text = "[[entity]]\nname = \"Georgia\"\nkind = \"place\"\n\n[[entity]]\nname = \"Georgia Meloni\"\naliases = [\"GEORGIA\", \"Meloni\"]\n\n[[entity]]\nname = \"georgia\"\n";
        let c = parse(text);
        assert_eq!(c.entries.len(), 2);
        assert_eq!(c.entries[1].aliases, ["Meloni"]);
        let w = c.warnings.join("\n");
        assert!(w.contains("line 5: alias 'GEORGIA' of 'Georgia Meloni' is already a name of 'Georgia' (line 1)"), "{w}");
        assert!(
            w.contains("line 9: 'georgia' is already a name of 'Georgia' (line 1)"),
            "{w}"
        );
    }

    #[test]
    fn empty_and_comment_only_files_are_empty_catalogues() {
        assert_eq!(parse(""), Catalogue::default());
        assert_eq!(parse("# nothing yet\n"), Catalogue::default());
    }

    #[test]
    fn the_bundled_catalogue_parses_cleanly() {
        let text = crate::core::Corpus::bundled()
            .entities_toml
            .expect("bundled entities.toml");
        let c = parse(&text);
        assert_eq!(c.warnings, Vec::<String>::new());
        assert!(c.entries.len() >= 60, "{} entries", c.entries.len());
    }
}
