//! `dossier bookmarks ...` as a user and a script see it: output, exit
//! codes, the file it writes, and bookmarks following their text when the
//! corpus is edited.

mod bookmarks_support;

use bookmarks_support::{Env, ids, read_file};

#[test]
fn add_list_remove_round_trip() {
    let env = Env::new();
    let r = env.run(&["bookmarks", "list"]);
    assert_eq!((r.code, r.out.as_str()), (0, ""));
    assert!(r.err.contains("no bookmarks yet"), "{}", r.err);

    let a = env.add(&[], "story-of-a-betrayal:3", "pull quote\nsecond line");
    let b = env.add(&[], "russia-seals:2-3", "a range");
    let c = env.add(&[], "2:1", "");
    assert_ne!(a, b);

    // Plain: corpus order, aligned, the quote's start, the note on one line.
    let r = env.run(&["bookmarks", "list"]);
    assert_eq!(r.code, 0, "{r:?}");
    let lines: Vec<&str> = r.out.lines().collect();
    assert_eq!(lines.len(), 3, "{}", r.out);
    assert!(
        lines[0].starts_with(&format!(
            "{b}  russia-seals-demise:2-3     “Russia has been"
        )),
        "{}",
        r.out
    );
    assert!(
        lines[1].starts_with(&format!("{c}  complicity-peacebuilding:1  “Russia used")),
        "{}",
        r.out
    );
    assert!(
        lines[2].starts_with(&format!(
            "{a}  story-of-a-betrayal:3       “Three years later,"
        )),
        "{}",
        r.out
    );
    assert!(
        lines[2].ends_with("…”  pull quote / second line"),
        "{}",
        r.out
    );
    assert!(lines.iter().all(|l| l.chars().count() < 160));

    // JSON Lines.
    let r = env.run(&["bookmarks", "list", "--json"]);
    let rows: Vec<serde_json::Value> = r
        .out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 3);
    let row = &rows[2];
    assert_eq!(row["id"], a.as_str());
    assert_eq!(row["article"], "story-of-a-betrayal");
    assert_eq!(row["passage"], 3);
    assert_eq!(row["last_passage"], 3);
    assert_eq!(row["status"], "anchored");
    assert_eq!(row["note"], "pull quote\nsecond line");
    assert!(
        row["title"]
            .as_str()
            .unwrap()
            .starts_with("The story of a betrayal")
    );
    assert!(
        row["quote"]
            .as_str()
            .unwrap()
            .starts_with("Three years later, none of the hundreds")
    );
    assert_rfc3339(row["created"].as_str().unwrap());
    assert_eq!(rows[0]["last_passage"], 3);

    let r = env.run(&["bookmarks", "remove", &b]);
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.out.contains(&b));
    let r = env.run(&["bookmarks", "remove", &b]);
    assert_eq!(r.code, 1, "{r:?}");
    assert!(
        r.err.contains(&format!("no bookmark has the id '{b}'")),
        "{}",
        r.err
    );
    assert_eq!(ids(&read_file(&env.file())), [a, c]);
}

fn assert_rfc3339(s: &str) {
    let t = time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339);
    assert!(t.is_ok(), "{s} is not RFC 3339");
}

#[test]
fn the_file_is_pretty_versioned_json_with_rfc3339_times_and_a_quote_selector() {
    let env = Env::new();
    env.add(&[], "story-of-a-betrayal:3", "why it matters");
    let text = std::fs::read_to_string(env.file()).unwrap();
    assert!(
        text.starts_with("{\n  \"version\": 1,\n  \"bookmarks\": [\n    {\n      \"id\": "),
        "{text}"
    );
    assert!(text.ends_with("}\n"));
    let v = read_file(&env.file());
    let b = &v["bookmarks"][0];
    assert_rfc3339(b["created"].as_str().unwrap());
    assert_rfc3339(b["updated"].as_str().unwrap());
    assert!(b["created"].as_str().unwrap().ends_with('Z'));
    assert_eq!(b["passages"], serde_json::json!({"first": 3, "last": 3}));
    let q = &b["quote"];
    assert!(
        q["exact"]
            .as_str()
            .unwrap()
            .ends_with("quietly stood by the sidelines.")
    );
    assert_eq!(q["prefix"].as_str().unwrap().chars().count(), 32);
    assert_eq!(q["suffix"], "\n\nA recurring theory in Armenian");
    assert_eq!(b["note"], "why it matters");
}

#[test]
fn add_explains_bad_specs_and_writes_nothing() {
    let env = Env::new();
    for (spec, expect) in [
        ("story-of-a-betrayal", "does not say which passage"),
        ("story-of-a-betrayal:0", "is not a passage number"),
        ("story-of-a-betrayal:x", "is not a passage number"),
        (
            "story-of-a-betrayal:6-4",
            "write the smaller number first (4-6)",
        ),
        (
            "story-of-a-betrayal:999",
            "has 44 passages, so there is no passage 999",
        ),
        ("story-of-a-betrayal:40-60", "no passage 60"),
        ("nope:1", "no article has the id 'nope'"),
    ] {
        let r = env.run(&["bookmarks", "add", spec]);
        assert_eq!(r.code, 2, "{spec}: {r:?}");
        assert!(r.err.contains(expect), "{spec}: {}", r.err);
    }
    assert!(!env.file().exists());
}

#[test]
fn bookmarks_flag_and_environment_choose_the_file() {
    let env = Env::new();
    let by_env = env.path("env.json");
    let by_flag = env.path("flag.json");
    let r = env
        .cmd(&["bookmarks", "add", "story-of-a-betrayal:2"])
        .env("DOSSIER_BOOKMARKS", &by_env)
        .output()
        .unwrap();
    assert!(r.status.success());
    let flag = by_flag.to_str().unwrap();
    let r = env
        .cmd(&[
            "--bookmarks",
            flag,
            "bookmarks",
            "add",
            "story-of-a-betrayal:3",
        ])
        .env("DOSSIER_BOOKMARKS", &by_env)
        .output()
        .unwrap();
    assert!(r.status.success());
    assert_eq!(ids(&read_file(&by_env)).len(), 1);
    assert_eq!(ids(&read_file(&by_flag)).len(), 1);
    assert!(!env.file().exists());
}

#[test]
fn export_markdown_groups_by_article_with_quotes_notes_and_citations() {
    let env = Env::new();
    env.add(&[], "story-of-a-betrayal:3", "the pull quote");
    env.add(&[], "complicity-peacebuilding:2-3", "");
    env.add(&[], "story-of-a-betrayal:1", "opening\nsecond line");
    let r = env.run(&["bookmarks", "export"]);
    assert_eq!(r.code, 0, "{r:?}");
    let md = r.out;
    assert!(
        md.starts_with("# Bookmarks\n\n## Russia’s Complicity in the Failure"),
        "{md}"
    );
    let complicity = md.find("## Russia’s Complicity").unwrap();
    let betrayal = md.find("## The story of a betrayal").unwrap();
    assert!(complicity < betrayal);
    assert!(
        md.contains("\n>\n> "),
        "two passages are one quote block: {md}"
    );
    assert!(md.contains(
        "— *Russia’s Complicity in the Failure of Peacebuilding and Peacekeeping in Nagorno-Karabakh*, Sossi Tatikyan, OSTWEST MONITORING, 2023-12-12, passages 2–3\n"
    ), "{md}");
    // Within an article, passage order: 1 before 3.
    let opening = md
        .find("\n\nopening\\\nsecond line\n\n— *The story of a betrayal")
        .unwrap();
    let pull = md
        .find("> Three years later, none of the hundreds of thousands of Armenians")
        .unwrap();
    assert!(betrayal < opening && opening < pull, "{md}");
    assert!(md.contains("sidelines.\n\nthe pull quote\n\n— *The story of a betrayal: Why Russia acquiesced in the ethnic cleansing in Nagorno-Karabakh*, passage 3\n"), "{md}");
    assert!(!md.contains("Orphaned"));

    let r = env.run(&["bookmarks", "export", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&r.out).unwrap();
    assert_eq!(v["bookmarks"].as_array().unwrap().len(), 3);
    assert_eq!(v["bookmarks"][0]["author"], "Sossi Tatikyan");
    assert!(r.out.starts_with("{\n  \"version\": 1,\n  \"exported\": "));
}

const ARTICLE: &str = "---\nid: notes\ntitle: Field notes\nauthor: A. Writer\nsource: The Review\ndate: 2024-03-01\n---\n\n";

fn paragraphs(list: &[&str]) -> String {
    format!("{ARTICLE}{}\n", list.join("\n\n"))
}

const MARKED: &str =
    "The convoy left at dawn and nobody was allowed to take more than one bag across the bridge.";
const GONE: &str =
    "A paragraph the author later deleted, about the weather in the mountains that autumn.";

#[test]
fn a_bookmark_follows_its_paragraph_and_one_whose_text_was_deleted_is_orphaned() {
    let env = Env::new();
    let corpus = env.path("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    let file = corpus.join("notes.md");
    let first = [
        "An opening paragraph of the notes.",
        "A second paragraph follows here.",
        MARKED,
        GONE,
        "The end.",
    ];
    std::fs::write(&file, paragraphs(&first)).unwrap();
    let dir = corpus.to_str().unwrap();
    let marked = env.add(&["--corpus", dir], "notes:3", "the bridge");
    let gone = env.add(&["--corpus", dir], "notes:4", "weather");

    // Two paragraphs inserted before: the marked one is now passage 5.
    let edited = [
        "A new first paragraph, added later.",
        "## A new heading",
        first[0],
        first[1],
        MARKED,
        "The end.",
    ];
    std::fs::write(&file, paragraphs(&edited)).unwrap();
    let r = env.run(&["--corpus", dir, "bookmarks", "list", "--json"]);
    assert_eq!(r.code, 0, "{r:?}");
    let rows: Vec<serde_json::Value> = r
        .out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["id"], marked.as_str());
    assert_eq!(
        (rows[0]["passage"].as_u64(), rows[0]["status"].as_str()),
        (Some(5), Some("moved"))
    );
    assert_eq!(rows[1]["id"], gone.as_str());
    assert_eq!(rows[1]["status"], "orphaned");
    assert_eq!(rows[1]["passage"], 4, "an orphan keeps its saved place");

    let r = env.run(&["--corpus", dir, "bookmarks", "list"]);
    assert!(
        r.out
            .lines()
            .any(|l| l.starts_with(&gone) && l.contains("notes:4 (orphaned)")),
        "{}",
        r.out
    );
    assert!(
        r.out
            .lines()
            .any(|l| l.starts_with(&marked) && l.contains("notes:5 ")),
        "{}",
        r.out
    );

    let r = env.run(&["--corpus", dir, "bookmarks", "export"]);
    let orphans = r.out.find("## Orphaned bookmarks").expect(&r.out);
    assert!(
        r.out[orphans..].contains(&format!("> {GONE}\n\nweather\n")),
        "{}",
        r.out
    );
    assert!(r.out[..orphans].contains(&format!("> {MARKED}\n\nthe bridge\n\n— *Field notes*, A. Writer, The Review, 2024-03-01, passage 5\n")), "{}", r.out);

    // Listing writes nothing; the next change saves the new place, and the
    // orphan stays in the file.
    assert_eq!(
        read_file(&env.file())["bookmarks"][0]["passages"]["first"],
        3
    );
    env.add(&["--corpus", dir], "notes:1", "");
    let v = read_file(&env.file());
    assert_eq!(v["bookmarks"][0]["passages"]["first"], 5);
    assert_eq!(ids(&v)[..2], [marked, gone.clone()]);
    assert_eq!(v["bookmarks"][1]["quote"]["exact"], GONE);

    // Restoring the text brings the orphan back.
    std::fs::write(&file, paragraphs(&first)).unwrap();
    let r = env.run(&["--corpus", dir, "bookmarks", "list", "--json"]);
    assert!(
        r.out
            .lines()
            .any(|l| l.contains(&gone) && l.contains("\"status\":\"anchored\"")),
        "{}",
        r.out
    );
}

#[test]
fn notes_from_a_hand_edited_file_cannot_reach_the_terminal_as_escapes() {
    let env = Env::new();
    env.add(&[], "story-of-a-betrayal:2", "plain");
    let text = std::fs::read_to_string(env.file()).unwrap();
    std::fs::write(
        env.file(),
        text.replace("\"plain\"", "\"evil \\u001b]0;title\\u0007 note\""),
    )
    .unwrap();
    // The whole sequence goes, not only its ESC and BEL.
    for (args, shown) in [
        (&["bookmarks", "list"][..], "evil  note"),
        (&["bookmarks", "export"], "evil  note"),
    ] {
        let r = env.run(args);
        assert_eq!(r.code, 0, "{r:?}");
        assert!(r.out.contains(shown), "{}", r.out);
        assert!(!r.out.contains('\u{1b}') && !r.out.contains('\u{7}'));
    }
}

#[cfg(unix)]
#[test]
fn a_write_protected_file_is_listed_and_exported_but_never_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.add(&[], "story-of-a-betrayal:2", "kept");
    let file = env.file();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let before = std::fs::read(&file).unwrap();
    for args in [&["bookmarks", "list"][..], &["bookmarks", "export"]] {
        let r = env.run(args);
        assert_eq!(r.code, 0, "{r:?}");
        assert!(r.out.contains("kept"), "{}", r.out);
    }
    // Checked by the mode bits, so this holds when the tests run as root.
    let r = env.run(&["bookmarks", "add", "story-of-a-betrayal:3", "--note", "no"]);
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.err.contains(&format!("chmod u+w {}", file.display())),
        "{}",
        r.err
    );
    assert_eq!(std::fs::read(&file).unwrap(), before);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o444);
}
