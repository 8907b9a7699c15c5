//! Compiles the bundled corpus (`corpus/*.txt`, `corpus/*.md` and
//! `corpus/entities.toml`) into the binary, so an installed `dossier` works
//! from any directory.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| {
                    (n.ends_with(".txt") || n.ends_with(".md"))
                        && !n.starts_with('.')
                        && n != "README.md"
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("/// `(file name, contents)` of each bundled article.\n");
    out.push_str("pub static ARTICLES: &[(&str, &str)] = &[\n");
    for n in &names {
        let path = dir.join(n);
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({n:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let entities = dir.join("entities.toml");
    println!("cargo:rerun-if-changed={}", entities.display());
    if entities.exists() {
        writeln!(
            out,
            "/// The bundled entity catalogue.\npub static ENTITIES: Option<&str> = Some(include_str!({:?}));",
            entities.display().to_string()
        )
        .unwrap();
    } else {
        out.push_str(
            "/// The bundled entity catalogue.\npub static ENTITIES: Option<&str> = None;\n",
        );
    }
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("bundled_corpus.rs");
    std::fs::write(dest, out).unwrap();
}
