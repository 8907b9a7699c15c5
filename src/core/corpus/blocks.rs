//! How the body of a text article splits into blocks: paragraphs
//! separated by blank lines (or one per line in a file that has no blank
//! line at all), with `#` headings and `>` quotes marked. Shared by the
//! parser (which makes passages of the blocks) and the cleaner (which
//! judges them); it knows nothing of either.

use super::PassageKind;

/// True when a body has several text lines and no blank line between any
/// two of them: such a file holds one paragraph per line.
pub(super) fn is_one_per_line(body: &str) -> bool {
    let (mut non_empty, mut prev_text, mut gap) = (0, false, false);
    for l in body.lines() {
        if l.trim().is_empty() {
            gap = prev_text;
        } else {
            if gap {
                return false;
            }
            non_empty += 1;
            prev_text = true;
        }
    }
    non_empty > 1
}

/// Calls `emit(lines, kind)` for each block of a body: blocks are separated
/// by blank lines, or are one per line when `one_per_line`. The lines come
/// trimmed, with the `#` or `>` marker removed; the caller joins them with a
/// space.
pub(super) fn for_each_block(
    body: &str,
    one_per_line: bool,
    mut emit: impl FnMut(&[&str], PassageKind),
) {
    let mut cur: Vec<&str> = Vec::new();
    let mut flush = |cur: &mut Vec<&str>| {
        if cur.is_empty() {
            return;
        }
        let first = cur[0];
        let hashes = first.len() - first.trim_start_matches('#').len();
        let kind = if (1..=6).contains(&hashes) && first[hashes..].starts_with(' ') {
            PassageKind::Heading
        } else if first.starts_with("> ") || first == ">" {
            PassageKind::Quote
        } else {
            PassageKind::Paragraph
        };
        let mut parts: Vec<&str> = Vec::with_capacity(cur.len());
        for (i, l) in cur.drain(..).enumerate() {
            let l = match kind {
                PassageKind::Heading if i == 0 => l.trim_start_matches('#').trim_start(),
                PassageKind::Quote => l.strip_prefix('>').map_or(l, str::trim_start),
                _ => l,
            };
            if !l.is_empty() {
                parts.push(l);
            }
        }
        if !parts.is_empty() {
            emit(&parts, kind);
        }
    };
    for l in body.lines() {
        let t = l.trim();
        if t.is_empty() {
            flush(&mut cur);
        } else {
            cur.push(t);
            if one_per_line {
                flush(&mut cur);
            }
        }
    }
    flush(&mut cur);
}
