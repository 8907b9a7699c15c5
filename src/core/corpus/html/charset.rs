//! The charset of a page, found as a browser finds it, and its bytes
//! decoded with encoding_rs.

use encoding_rs::Encoding;

/// A page's bytes decoded to text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// The encoding used (its WHATWG name, e.g. `windows-1252`).
    pub encoding: &'static str,
    /// Something the user should know: a guessed charset, invalid bytes.
    pub warning: Option<String>,
}

/// Decodes a page: a byte-order mark wins, then the charset of the HTTP
/// `Content-Type` (`http_charset`, for fetched pages), then a
/// `<meta charset>` or `<meta http-equiv="Content-Type">` in the first
/// 4 KiB, unless the bytes are valid UTF-8 with non-ASCII text (a page
/// re-encoded when saved); without any, UTF-8 when the bytes are valid
/// UTF-8, else windows-1252 (what browsers assume for undeclared legacy
/// pages).
pub fn decode(bytes: &[u8], http_charset: Option<&str>) -> Decoded {
    let utf8 = std::str::from_utf8(bytes).is_ok();
    let declared = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| http_charset.and_then(|l| Encoding::for_label(l.trim().as_bytes())))
        .or_else(|| {
            // A page saved by a browser is often re-encoded as UTF-8 with
            // its old `<meta charset>` left in: text that is valid UTF-8
            // beyond ASCII is UTF-8, whatever the tag says.
            meta_charset(bytes).filter(|_| !utf8 || bytes.is_ascii())
        })
        .map(Encoding::output_encoding);
    let (encoding, guessed) = match declared {
        Some(e) => (e, false),
        None if utf8 => (encoding_rs::UTF_8, false),
        None => (encoding_rs::WINDOWS_1252, true),
    };
    let (cow, used, had_errors) = encoding.decode(bytes);
    let warning = if guessed {
        Some("no charset declared and not UTF-8; read as windows-1252".to_string())
    } else if had_errors {
        Some(format!(
            "bytes that are not valid {}; they are shown as \u{FFFD}",
            used.name()
        ))
    } else {
        None
    };
    Decoded {
        text: cow.into_owned(),
        encoding: used.name(),
        warning,
    }
}

/// The charset named by a `<meta>` tag in the first 4 KiB, if any.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i;
        let end = find(&lower[start..], b">").map_or(lower.len(), |j| start + j);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + b"charset".len()..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest.strip_prefix(b"\"").unwrap_or(rest);
                let rest = rest.strip_prefix(b"'").unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|b| !(b.is_ascii_alphanumeric() || b"-_.:".contains(b)))
                    .unwrap_or(rest.len());
                if let Some(e) = Encoding::for_label(&rest[..len]) {
                    return Some(e);
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}
