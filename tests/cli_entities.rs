//! `dossier entities` and `dossier mentions`, run as the real binary on the
//! bundled corpus and on folders made here, with temporary data and config
//! folders so the user's own files are never touched.

use std::path::Path;
use std::process::{Command, Output};

use dossier::core::Corpus;
use unicode_width::UnicodeWidthStr;

struct Run {
    code: i32,
    out: String,
    err: String,
}

fn dossier(args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    let out: Output = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("DOSSIER_DATA_DIR", home.path().join("dossier"))
        .env_remove("DOSSIER_BOOKMARKS")
        .output()
        .expect("run dossier");
    Run {
        code: out.status.code().unwrap_or(-1),
        out: String::from_utf8(out.stdout).unwrap(),
        err: String::from_utf8(out.stderr).unwrap(),
    }
}

fn json_lines(s: &str) -> Vec<serde_json::Value> {
    s.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn entities_plain_is_an_aligned_table_most_mentioned_first() {
    let r = dossier(&["entities"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.err, "");
    let lines: Vec<&str> = r.out.lines().collect();
    assert!(lines[0].starts_with("KIND") && lines[0].contains("NAME"));
    assert!(lines[0].ends_with("MENTIONS  ARTICLES       FROM"));
    let russia: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(russia, ["place", "Russia", "144", "5", "catalogue"]);
    // Columns line up: every row is as wide as the header.
    let width = lines[0].width();
    for l in &lines[1..] {
        assert_eq!(l.width(), width, "{l}");
    }
    assert!(lines.len() > 60);
}

#[test]
fn entities_json_has_the_documented_keys() {
    let r = dossier(&["entities", "--json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let rows = json_lines(&r.out);
    assert!(rows.len() > 60);
    for row in &rows {
        for key in [
            "name",
            "kind",
            "aliases",
            "mentions",
            "articles",
            "discovered",
        ] {
            assert!(row.get(key).is_some(), "no {key} in {row}");
        }
    }
    let aliyev = rows.iter().find(|r| r["name"] == "Ilham Aliyev").unwrap();
    assert_eq!(aliyev["kind"], "person");
    assert_eq!(aliyev["mentions"], 7);
    assert_eq!(aliyev["articles"], 3);
    assert_eq!(aliyev["discovered"], false);
    assert!(
        aliyev["aliases"]
            .as_array()
            .unwrap()
            .contains(&"Aliev".into())
    );
    assert_eq!(aliyev["per_article"]["story-of-a-betrayal"], 5);
}

#[test]
fn mentions_plain_is_aligned_kwic_with_article_and_passage() {
    let r = dossier(&["mentions", "lavrov", "--context", "20"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.out);
    assert!(lines[0].starts_with("russia-seals-demise:2 "));
    assert!(lines[1].starts_with("complicity-peacebuilding:18 "));
    assert!(lines[2].starts_with("complicity-peacebuilding:19 "));
    // The mention starts in the same column on every line.
    let cols: Vec<usize> = lines
        .iter()
        .map(|l| {
            let at = l
                .find("Sergei Lavrov")
                .or_else(|| l.find("Lavrov"))
                .unwrap();
            l[..at].width()
        })
        .collect();
    assert!(cols.iter().all(|&c| c == cols[0]), "{cols:?}\n{}", r.out);
    assert!(lines[0].contains("foreign minister  Sergei Lavrov  warned"));
}

#[test]
fn mentions_json_offsets_are_chars_into_the_passage() {
    let r = dossier(&["mentions", "Aliev", "--json", "--context", "10"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let rows = json_lines(&r.out);
    assert_eq!(rows.len(), 7);
    let corpus = Corpus::bundled();
    for row in &rows {
        assert_eq!(row["entity"], "Ilham Aliyev");
        assert_eq!(row["field"], "body");
        let a = corpus.get(row["article"].as_str().unwrap()).unwrap();
        let p = a
            .passage(row["passage"].as_u64().unwrap() as usize)
            .unwrap();
        let chars: Vec<char> = a.passage_text(p).chars().collect();
        let (s, e) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        let surface: String = chars[s..e].iter().collect();
        assert_eq!(surface, row["surface"].as_str().unwrap());
        assert!(["Aliyev", "Ilham Aliyev", "Ilham Aliev"].contains(&surface.as_str()));
        let (left, right) = (
            row["left"].as_str().unwrap(),
            row["right"].as_str().unwrap(),
        );
        assert!(left.chars().count() <= 10);
        assert!(right.chars().count() <= 10);
        // A context cut short is cut where a word starts (ends), with `…`,
        // unless one word is all there is room for.
        let text = a.passage_text(p).replace(char::is_whitespace, " ");
        let one_word = |s: &str| !s.trim().contains(' ');
        if let Some(rest) = left.strip_prefix('…') {
            assert!(
                text.contains(&format!(" {rest}")) || one_word(rest),
                "{left:?}"
            );
        }
        if let Some(rest) = right.strip_suffix('…') {
            assert!(
                text.contains(&format!("{rest} ")) || one_word(rest),
                "{right:?}"
            );
        }
    }
}

#[test]
fn mentions_in_a_title_say_so() {
    let r = dossier(&["mentions", "Nagorno-Karabakh", "--json"]);
    let rows = json_lines(&r.out);
    let first = &rows[0];
    assert_eq!(first["article"], "russia-seals-demise");
    assert_eq!(first["field"], "title");
    assert_eq!(first["passage"], 0);
    assert_eq!(first["start"], 27);
    assert_eq!(first["end"], 43);
    let plain = dossier(&["mentions", "Nagorno-Karabakh"]);
    assert!(
        plain.out.starts_with("russia-seals-demise:title "),
        "{}",
        plain.out
    );
}

#[test]
fn an_unknown_name_exits_1_with_suggestions() {
    let r = dossier(&["mentions", "Lavorv"]);
    assert_eq!(r.code, 1);
    assert_eq!(r.out, "");
    assert!(
        r.err
            .contains("no entity is named 'Lavorv'; did you mean 'Sergei Lavrov'"),
        "{}",
        r.err
    );
    let r = dossier(&["mentions", "qqqqqqqqqqqqqq"]);
    assert_eq!(r.code, 1);
    assert!(
        r.err.contains("`dossier entities` lists them all"),
        "{}",
        r.err
    );
}

#[test]
fn a_folder_with_its_own_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "one.txt",
        "First report\n\nThe Acme Corporation met Jane Q. Doe in Springfield. Acme’s offer stood.\n\nACME is loud; acme is not an acronym here.",
    );
    write(
        dir.path(),
        "two.md",
        "# Second report\n\nSpringfield again, and Doe.",
    );
    write(
        dir.path(),
        "entities.toml",
        "[[entity]]\nname = \"Acme Corporation\"\nkind = \"organisation\"\naliases = [\"Acme\", \"ACME\"]\n\n[[entity]]\nname = \"Jane Q. Doe\"\nkind = \"person\"\naliases = [\"Doe\"]\n\n[[entity]]\nname = \"Springfield\"\nkind = \"place\"\n",
    );
    let d = dir.path().to_str().unwrap();
    let r = dossier(&["--corpus", d, "entities", "--json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let rows = json_lines(&r.out);
    let get = |n: &str| rows.iter().find(|r| r["name"] == n).cloned().unwrap();
    // "Acme" (any case) and "ACME" (capitals only): acme, Acme, Acme’s,
    // ACME — and "acme" matches because the non-acronym alias "Acme" does.
    assert_eq!(get("Acme Corporation")["mentions"], 4);
    assert_eq!(get("Jane Q. Doe")["mentions"], 2);
    assert_eq!(get("Springfield")["mentions"], 2);
    assert_eq!(get("Springfield")["articles"], 2);
    let r = dossier(&["--corpus", d, "mentions", "doe"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert_eq!(r.out.lines().count(), 2);
    assert!(
        r.out.lines().nth(1).unwrap().starts_with("two:1 "),
        "{}",
        r.out
    );
}

#[test]
fn a_folder_without_a_catalogue_gets_discovered_entities() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Notes\n\nThe spokesman Maria Ivanova spoke to the Global Witness staff. Later, Maria Ivanova met the Global Witness team again.\n\nIvanova left.",
    );
    let d = dir.path().to_str().unwrap();
    let r = dossier(&["--corpus", d, "entities", "--json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let rows = json_lines(&r.out);
    let names: Vec<(&str, &str, u64, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["kind"].as_str().unwrap(),
                r["mentions"].as_u64().unwrap(),
                r["discovered"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Maria Ivanova", "person", 3, true),
            ("Global Witness", "organisation", 2, true)
        ]
    );
    let plain = dossier(&["--corpus", d, "entities"]);
    assert!(plain.out.lines().nth(1).unwrap().ends_with("discovery"));
}

#[test]
fn a_broken_catalogue_warns_and_the_command_still_works() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Notes\n\nThey met Global Witness. Then Global Witness left.",
    );
    write(
        dir.path(),
        "entities.toml",
        "[[entity]]\nname = \"X\"\nkind = person\n",
    );
    let d = dir.path().to_str().unwrap();
    let r = dossier(&["--corpus", d, "entities"]);
    assert_eq!(r.code, 0, "{}", r.err);
    assert!(r.err.contains("entities.toml: line 3:"), "{}", r.err);
    assert!(r.err.contains("only discovered entities"), "{}", r.err);
    assert!(r.out.contains("Global Witness"));
}

#[test]
fn entities_with_lists_the_entities_of_the_same_passages() {
    let r = dossier(&["entities", "--with", "Lachin corridor", "--json"]);
    assert_eq!(r.code, 0, "{}", r.err);
    let rows = json_lines(&r.out);
    assert!(!rows.is_empty());
    // Most shared passages first; every passage is ARTICLE:PASSAGE.
    let counts: Vec<u64> = rows
        .iter()
        .map(|r| r["passages"].as_u64().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    for row in &rows {
        let places = row["where"].as_array().unwrap();
        assert_eq!(places.len() as u64, row["passages"].as_u64().unwrap());
        assert!(places.iter().all(|p| p.as_str().unwrap().contains(':')));
    }
    assert!(rows.iter().any(|r| r["name"] == "Nagorno-Karabakh"));
    // The passages agree with a search for both entities.
    let karabakh = rows
        .iter()
        .find(|r| r["name"] == "Nagorno-Karabakh")
        .unwrap();
    let s = dossier(&[
        "search",
        "@\"Lachin corridor\" @nagorno-karabakh",
        "--limit",
        "100",
    ]);
    assert_eq!(s.code, 0, "{}", s.err);
    let mut hits: Vec<&str> = s
        .out
        .lines()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    hits.sort_unstable();
    let mut want: Vec<&str> = karabakh["where"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    want.sort_unstable();
    assert_eq!(hits, want);
    // Plain: a table, and a name that names nothing exits 1.
    let plain = dossier(&["entities", "--with", "Lachin corridor"]);
    assert!(plain.out.starts_with("KIND"), "{}", plain.out);
    let none = dossier(&["entities", "--with", "Zzyzx"]);
    assert_eq!(none.code, 1);
    assert!(
        none.err.contains("no entity is named 'Zzyzx'"),
        "{}",
        none.err
    );
}

#[test]
fn mentions_accepts_a_title_before_a_discovered_name() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.txt",
        "Notes\n\nPresident Kennedy met the press. Later Kennedy left for Boston, where John F. Kennedy spoke.",
    );
    let d = dir.path().to_str().unwrap();
    for name in ["President Kennedy", "Kennedy", "john f. kennedy"] {
        let r = dossier(&["--corpus", d, "mentions", name, "--json"]);
        assert_eq!(r.code, 0, "{name}: {}", r.err);
        let rows = json_lines(&r.out);
        assert_eq!(rows.len(), 3, "{name}: {}", r.out);
        assert_eq!(rows[0]["entity"], "John F. Kennedy");
    }
}
