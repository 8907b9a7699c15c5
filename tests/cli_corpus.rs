//! The binary's `list` and `show` on the bundled corpus and on folders of bad
//! files: clear messages on stderr, exit statuses 0/1/2, nothing panics.

use std::path::Path;
use std::process::{Command, Output};

fn dossier(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("DOSSIER_DATA_DIR", home.path().join("data"))
        .env("DOSSIER_CONFIG_DIR", home.path().join("config"))
        .output()
        .expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn list_prints_one_tab_separated_line_per_article() {
    let o = dossier(&["list"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 5);
    let first: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(first[0], "russia-seals-demise");
    assert_eq!(first[1], "Russia seals the demise of Nagorno-Karabakh");
    assert!(first[2].parse::<usize>().unwrap() > 900);
    assert!(o.stderr.is_empty());
}

#[test]
fn list_json_has_the_documented_fields() {
    let o = dossier(&["list", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 5);
    let r = &rows[1];
    assert_eq!(r["id"], "complicity-peacebuilding");
    assert_eq!(r["author"], "Sossi Tatikyan");
    assert_eq!(r["source"], "OSTWEST MONITORING");
    assert_eq!(r["date"], "2023-12-12");
    assert!(r["words"].as_u64().unwrap() > 2000);
    assert_eq!(r["passages"], 32);
    assert!(rows[0]["author"].is_null());
}

#[test]
fn show_prints_title_meta_and_paragraphs() {
    let o = dossier(&["show", "complicity-peacebuilding"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some(
            "Russia’s Complicity in the Failure of Peacebuilding and Peacekeeping in Nagorno-Karabakh"
        )
    );
    assert_eq!(
        lines.next(),
        Some("Sossi Tatikyan · OSTWEST MONITORING · 2023-12-12")
    );
    assert_eq!(lines.next(), Some(""));
    assert!(out.contains("\n\nRussia used the Karabakh conflict as a bargaining chip"));
    // The same article by number and by a unique start of its id.
    assert_eq!(dossier(&["show", "2"]).stdout, o.stdout);
    assert_eq!(dossier(&["show", "compl"]).stdout, o.stdout);
}

#[test]
fn show_unknown_id_exits_2_and_lists_the_ids() {
    let o = dossier(&["show", "nope"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("no article has the id 'nope'"), "{err}");
    assert!(err.contains("story-of-a-betrayal"), "{err}");
}

#[test]
fn missing_corpus_folder_exits_2_naming_it() {
    let o = dossier(&["--corpus", "/no/such/folder", "list"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("/no/such/folder"), "{err}");
    assert!(o.stdout.is_empty());
}

#[test]
fn empty_corpus_folder_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let o = dossier(&["--corpus", dir.path().to_str().unwrap(), "list"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("no articles to read in"), "{err}");
    assert!(err.contains(dir.path().to_str().unwrap()), "{err}");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

#[test]
fn bad_files_are_skipped_or_repaired_with_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    write(
        d,
        "a-good.txt",
        "Plain Title\n\nFirst paragraph.\n\nSecond one.\n".as_bytes(),
    );
    write(d, "b-latin1.txt", b"Caf\xe9 title\n\nNa\xefve text here.\n");
    write(d, "c-binary.txt", b"\x7fELF\x00\x01\x02binary");
    write(d, "d-empty.md", b"");
    write(
        d,
        "e-escape.md",
        b"Evil \x1b]0;owned\x07title\n\nText \x1b[2J with \xc2\x9b escapes.\n",
    );
    write(d, "notes.pdf", b"%PDF ignored, not an article");
    let o = dossier(&["--corpus", d.to_str().unwrap(), "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let ids: Vec<&str> = out.lines().map(|l| l.split('\t').next().unwrap()).collect();
    assert_eq!(ids, ["a-good", "b-latin1", "e-escape"]);
    assert!(out.contains("Caf\u{fffd} title"), "{out}");
    let err = text(&o.stderr);
    assert!(err.contains("b-latin1.txt: not valid UTF-8"), "{err}");
    assert!(
        err.contains("c-binary.txt: skipped: looks like a binary file"),
        "{err}"
    );
    assert!(
        err.contains("d-empty.md: skipped: the file is empty"),
        "{err}"
    );
    assert!(!err.contains("notes.pdf"), "{err}");
    // No control character from the files reaches the output.
    let shown = dossier(&["--corpus", d.to_str().unwrap(), "show", "e-escape"]);
    let s = text(&shown.stdout);
    assert!(
        !s.contains('\u{1b}') && !s.contains('\u{7}') && !s.contains('\u{9b}'),
        "{s:?}"
    );
    // The whole sequence goes, not only its ESC.
    assert!(s.starts_with("Evil title\n"), "{s:?}");
}

#[test]
fn only_bad_files_is_an_error_that_points_at_the_warnings() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.txt", b"\x00\x00\x00");
    write(dir.path(), "y.txt", b"   \n\n");
    let o = dossier(&["--corpus", dir.path().to_str().unwrap(), "list"]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("all 2 article files were skipped"), "{err}");
}

#[test]
fn a_file_instead_of_a_folder_is_explained() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("one.txt");
    std::fs::write(&f, "T\n\nx").unwrap();
    let o = dossier(&["--corpus", f.to_str().unwrap(), "list"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("is a file, not a folder"));
}

#[test]
fn a_large_file_loads() {
    let dir = tempfile::tempdir().unwrap();
    let para =
        "The Lachin corridor was blockaded for months, and Russian peacekeepers did not act. ";
    let mut body = String::from("Big\n\n");
    while body.len() < 8 << 20 {
        body.push_str(&para.repeat(10));
        body.push_str("\n\n");
    }
    write(dir.path(), "big.txt", body.as_bytes());
    let o = dossier(&["--corpus", dir.path().to_str().unwrap(), "list", "--json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(text(&o.stdout).trim()).unwrap();
    assert!(v["passages"].as_u64().unwrap() > 9000);
}

#[test]
fn output_to_a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["show", "complicity-peacebuilding"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(!err.contains("panicked"), "{err}");
    assert!(status.code().is_some_and(|c| c == 0), "{status:?} {err}");
}

#[test]
fn an_unreadable_file_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.txt", b"Title\n\nText.");
    std::os::unix::fs::symlink(dir.path().join("gone.txt"), dir.path().join("b.txt")).unwrap();
    let o = dossier(&["--corpus", dir.path().to_str().unwrap(), "list"]);
    assert_eq!(o.status.code(), Some(0));
    let err = text(&o.stderr);
    assert!(err.contains("b.txt: skipped: could not be read"), "{err}");
}

/// A page copied as text: a ticker and a menu before the article, a
/// subscribe box after it.
fn copied_page(dir: &Path) {
    let prose = "The ministers met in the capital on Tuesday and agreed that the talks \
would go on for as long as it takes, because neither side wanted to be the one that walked \
away from the table after so many months of work on the text of the agreement.";
    let prose2 = "It was not the first time that the two of them had met, but it was the \
first time that they had done so in public, and with the cameras of the world on them as they \
spoke about what the war had done to the people of the region and what was left to rebuild.";
    std::fs::write(
        dir.join("page.txt"),
        format!(
            "Talks go on in the capital - The Daily Paper\n\n• USD87.74 • EUR95.76\n\nHome\n\n\
             News\n\n{prose}\n\n{prose2}\n\nSubscribe to our weekly digest\n"
        ),
    )
    .unwrap();
}

#[test]
fn show_hides_page_furniture_and_all_shows_it_marked() {
    let dir = tempfile::tempdir().unwrap();
    copied_page(dir.path());
    let corpus = dir.path().to_str().unwrap();
    let o = dossier(&["--corpus", corpus, "show", "page"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let shown = text(&o.stdout);
    assert!(shown.starts_with("Talks go on in the capital\n"), "{shown}");
    assert!(!shown.contains("USD87"), "{shown}");
    assert!(!shown.contains("Subscribe"), "{shown}");
    assert!(shown.contains("The ministers met"));

    let o = dossier(&["--corpus", corpus, "show", "page", "--all"]);
    let all = text(&o.stdout);
    assert!(
        all.contains(
            "[hidden: short line away from the article's prose (menu, ticker, tag)] • USD87.74"
        ),
        "{all}"
    );
    assert!(all.contains("Subscribe to our weekly digest"), "{all}");
    // Hidden blocks stand where they were: the ticker before the prose.
    assert!(all.find("USD87").unwrap() < all.find("The ministers").unwrap());
    assert!(all.find("Subscribe").unwrap() > all.find("cameras").unwrap());
}

#[test]
fn show_json_says_which_blocks_were_hidden_and_why() {
    let dir = tempfile::tempdir().unwrap();
    copied_page(dir.path());
    let o = dossier(&[
        "--corpus",
        dir.path().to_str().unwrap(),
        "show",
        "page",
        "--json",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["title"], "Talks go on in the capital");
    assert_eq!(v["passages"].as_array().unwrap().len(), 2);
    assert_eq!(v["passages"][0]["number"], 1);
    let hidden = v["hidden"].as_array().unwrap();
    let reasons: Vec<&str> = hidden
        .iter()
        .map(|h| h["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons[0], "page-title", "{reasons:?}");
    assert!(reasons.contains(&"short"), "{reasons:?}");
    assert_eq!(reasons.last(), Some(&"boilerplate"), "{reasons:?}");
    assert!(
        hidden
            .iter()
            .all(|h| !h["why"].as_str().unwrap().is_empty())
    );
    let last = hidden.last().unwrap();
    assert_eq!(last["after"], 2);
    assert!(last["text"].as_str().unwrap().starts_with("Subscribe"));
}

#[test]
fn clean_false_in_config_reads_copied_pages_as_written() {
    let dir = tempfile::tempdir().unwrap();
    copied_page(dir.path());
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.toml"), "clean = false\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--corpus", dir.path().to_str().unwrap(), "show", "page"])
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("DOSSIER_DATA_DIR", home.path().join("data"))
        .env("DOSSIER_CONFIG_DIR", &config)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let shown = text(&o.stdout);
    assert!(
        shown.starts_with("Talks go on in the capital - The Daily Paper\n"),
        "{shown}"
    );
    assert!(shown.contains("USD87.74"), "{shown}");
    assert!(shown.contains("Subscribe to our weekly digest"), "{shown}");
}

#[test]
fn articles_in_subfolders_are_listed_and_shown_with_their_folder() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("court/2024")).unwrap();
    std::fs::create_dir_all(d.join(".git")).unwrap();
    write(d, "top.txt", b"Top\n\nAt the top.");
    write(
        &d.join("court/2024"),
        "day.txt",
        b"Day one\n\nThe court sat.",
    );
    write(&d.join(".git"), "x.txt", b"Hidden\n\nNot an article.");
    let corpus = d.to_str().unwrap();
    let o = dossier(&["--corpus", corpus, "list"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0].split('\t').count(), 3, "{out}");
    assert!(lines[1].starts_with("day\tDay one\t") && lines[1].ends_with("\tcourt/2024"));
    let json = text(&dossier(&["--corpus", corpus, "list", "--json"]).stdout);
    let rows: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows[0]["folder"], "");
    assert_eq!(rows[1]["folder"], "court/2024");
    let shown = text(&dossier(&["--corpus", corpus, "show", "day"]).stdout);
    assert!(shown.starts_with("Day one\nin court/2024/\n"), "{shown}");
    let shown = text(&dossier(&["--corpus", corpus, "show", "day", "--json"]).stdout);
    let v: serde_json::Value = serde_json::from_str(shown.trim()).unwrap();
    assert_eq!(v["folder"], "court/2024");
}
