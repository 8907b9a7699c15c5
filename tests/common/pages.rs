//! Real saved web pages for tests: Mozilla Readability's test pages in
//! `tests/data/readability/` (see its NOTICE), laid out as a user's
//! dossier would be.

use std::path::Path;

/// Copies every Readability test page into `dir` as `<name>.html`, spread
/// over four subfolders `part-0` … `part-3` (a folder too large to read
/// before the first frame).
pub fn readability_folder(dir: &Path) {
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/readability");
    let mut names: Vec<_> = std::fs::read_dir(&pages)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| pages.join(n).join("source.html").is_file())
        .collect();
    names.sort();
    for (i, name) in names.iter().enumerate() {
        let sub = dir.join(format!("part-{}", i % 4));
        std::fs::create_dir_all(&sub).unwrap();
        let to = sub.join(Path::new(name).with_extension("html"));
        std::fs::copy(pages.join(name).join("source.html"), to).unwrap();
    }
}
