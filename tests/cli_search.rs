//! `dossier search` as a user runs it: plain lines and JSON Lines on the
//! bundled corpus, exit statuses 0 (found), 1 (nothing found) and 2 (bad
//! arguments or corpus).

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
fn plain_lines_are_id_passage_tab_sentence() {
    let o = dossier(&["search", "1,960", "troops"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let first = out.lines().next().unwrap();
    assert_eq!(
        first,
        "story-of-a-betrayal:2\tOn paper, Russia was to have a five-year mandate with a clause for extension, deploying 1,960 troops to Nagorno-Karabakh."
    );
    assert!(o.stderr.is_empty());
}

#[test]
fn every_hit_is_one_line_with_one_tab() {
    let o = dossier(&["search", "russia", "--limit", "200"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines.len() > 50, "{} lines", lines.len());
    for l in &lines {
        let (head, sentence) = l.split_once('\t').unwrap();
        assert!(!sentence.contains('\t') && !sentence.is_empty(), "{l}");
        let (id, n) = head.rsplit_once(':').unwrap();
        assert!(!id.is_empty() && n.parse::<usize>().is_ok(), "{l}");
    }
}

#[test]
fn limit_caps_the_number_of_lines() {
    let o = dossier(&["search", "--limit", "3", "russia"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(text(&o.stdout).lines().count(), 3);
}

#[test]
fn json_lines_have_the_documented_fields_and_char_offsets() {
    let o = dossier(&["search", "canback", "--json", "--limit", "1"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["article"], "story-of-a-betrayal");
    assert_eq!(
        r["title"],
        "The story of a betrayal: Why Russia acquiesced in the ethnic cleansing in Nagorno-Karabakh"
    );
    assert_eq!(r["passage"], 1);
    assert!(r["score"].as_u64().unwrap() > 0);
    let passage = r["text"].as_str().unwrap();
    assert!(passage.starts_with("On November 17, the International Court of Justice"));
    let m = r["matches"].as_array().unwrap();
    assert_eq!(m.len(), 1);
    let (s, e) = (
        m[0][0].as_u64().unwrap() as usize,
        m[0][1].as_u64().unwrap() as usize,
    );
    let chars: Vec<char> = passage.chars().collect();
    // The catalogue knows him as Rasmus Canbäck: the full name matches too.
    assert_eq!(chars[s..e].iter().collect::<String>(), "Rasmus Canbäck");
}

#[test]
fn a_name_finds_the_entity_by_its_other_names() {
    // "Aliev" is written once; the catalogue makes it find "Aliyev" too,
    // as an exact match.
    let o = dossier(&["search", "aliev", "apologized", "--limit", "1"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stdout).starts_with("complicity-peacebuilding:20\t"),
        "{}",
        text(&o.stdout)
    );
}

#[test]
fn json_scores_do_not_increase() {
    let o = dossier(&["search", "lachin", "corridor", "--json"]);
    let out = text(&o.stdout);
    let scores: Vec<u64> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["score"]
                .as_u64()
                .unwrap()
        })
        .collect();
    assert!(scores.len() > 3);
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn nothing_found_exits_1_quietly() {
    let o = dossier(&["search", "xylophone"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    assert!(o.stderr.is_empty());
    let o = dossier(&["search", "russia", "!russia"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn bad_arguments_exit_2_with_advice() {
    let o = dossier(&["search", "--", "---"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no word to look for"),
        "{}",
        text(&o.stderr)
    );
    let o = dossier(&["search", "russia", "--limit", "0"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--limit must be at least 1"));
    let o = dossier(&["search"]);
    assert_eq!(o.status.code(), Some(2));
    let o = dossier(&["--corpus", "/nonexistent/folder", "search", "russia"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("cannot open the corpus folder"));
}

#[test]
fn searches_a_corpus_folder() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.txt"),
        "Alpha\n\nThe Hakari bridge.\n\nOther text.",
    )
    .unwrap();
    std::fs::write(dir.path().join("b.txt"), "Beta\n\nNothing here.").unwrap();
    let d = dir.path().to_str().unwrap();
    let o = dossier(&["--corpus", d, "search", "hakary", "brige"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stdout), "a:1\tThe Hakari bridge.\n");
}

#[test]
fn a_misremembered_word_gives_the_best_partial_matches_and_says_so() {
    let o = dossier(&["search", "airport", "crowd", "yerevan", "--json"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.contains("no passage has all 3 words; best matches with 2"),
        "{err}"
    );
    let first: serde_json::Value =
        serde_json::from_str(text(&o.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(first["article"], "crisis-russia-strategy");
    assert_eq!(first["passage"], 16);
    assert_eq!(first["matched"], 2);
    assert_eq!(first["words"], 3);
    assert_eq!(first["missing"], serde_json::json!(["yerevan"]));
}

#[test]
fn nothing_at_all_exits_1_and_an_unknown_entity_names_the_closest() {
    let o = dossier(&["search", "qqqqx", "zzzzy"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let o = dossier(&["search", "@lachni", "blockade"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o.stderr).contains("'Lachin corridor'"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn at_names_keep_the_passages_that_mention_the_entities() {
    let all = dossier(&["search", "blockade", "--limit", "200"]);
    let some = dossier(&[
        "search",
        "@lachin",
        "@peacekeepers",
        "blockade",
        "--limit",
        "200",
    ]);
    assert_eq!(some.status.code(), Some(0), "{}", text(&some.stderr));
    let (all, some) = (text(&all.stdout), text(&some.stdout));
    assert!(some.lines().count() < all.lines().count());
    for line in some.lines() {
        assert!(all.contains(line), "{line}");
    }
    assert!(some.contains("complicity-peacebuilding:23\t"), "{some}");
}

/// `dossier search` in a folder, with the cache under `home`.
fn search_in(home: &std::path::Path, dir: &std::path::Path, q: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["--corpus", dir.to_str().unwrap(), "search"])
        .args(q)
        .env("DOSSIER_DATA_DIR", home.join("data"))
        .env("DOSSIER_CONFIG_DIR", home.join("config"))
        .env("DOSSIER_CACHE_DIR", home.join("cache"))
        .output()
        .expect("the binary runs")
}

#[test]
fn discovered_names_are_kept_in_the_cache_and_a_bad_cache_is_rebuilt() {
    let home = tempfile::tempdir().unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "# One\n\nPresident Ilham Aliyev met the ministers in Baku.\n\n\
         Later Aliyev said the talks were over.\n",
    )
    .unwrap();
    let first = search_in(home.path(), dir.path(), &["aliyev", "talks"]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let kept: Vec<_> = walk(&home.path().join("cache"));
    assert_eq!(kept.len(), 1, "{kept:?}");
    // The same answer from the cache, and from a cache cut in half.
    let second = search_in(home.path(), dir.path(), &["aliyev", "talks"]);
    assert_eq!(text(&second.stdout), text(&first.stdout));
    let bytes = std::fs::read(&kept[0]).unwrap();
    std::fs::write(&kept[0], &bytes[..bytes.len() / 2]).unwrap();
    let third = search_in(home.path(), dir.path(), &["aliyev", "talks"]);
    assert_eq!(text(&third.stdout), text(&first.stdout));
    let json = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).unwrap();
    assert_eq!(
        json(&std::fs::read(&kept[0]).unwrap()),
        json(&bytes),
        "rewritten whole"
    );
    // A new article is searched at once: the cache is stale, not trusted.
    std::fs::write(
        dir.path().join("b.md"),
        "# Two\n\nAliyev and the talks again.\n",
    )
    .unwrap();
    let fourth = search_in(home.path(), dir.path(), &["aliyev", "talks"]);
    assert!(
        text(&fourth.stdout).contains("b:1"),
        "{}",
        text(&fourth.stdout)
    );
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
