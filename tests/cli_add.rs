//! `dossier add` with files and with web addresses served by a local HTTP
//! server (no internet needed): Markdown with front matter in the dossier
//! folder, duplicates reported, clear errors for 404, non-HTML, TLS, and
//! the folder chosen by --corpus, DOSSIER_CORPUS, config.toml or the
//! default `articles/` in the data folder.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use common::http::{Route, serve};
use dossier::core::fetch::{self, Limits};

const PAGE: &str = "tests/data/readability/lemonde-1/source.html";
const TITLE: &str = "Le projet de loi sur le renseignement massivement approuvé à l'Assemblée";

struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        Home {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    fn path(&self, p: &str) -> PathBuf {
        self.dir.path().join(p)
    }
    fn run(&self, args: &[&str], env: &[(&str, &Path)]) -> Output {
        let mut c = Command::new(env!("CARGO_BIN_EXE_dossier"));
        c.args(args)
            .env_remove("DOSSIER_CORPUS")
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .env("DOSSIER_DATA_DIR", self.path("data"))
            .env("DOSSIER_CONFIG_DIR", self.path("config"));
        for (k, v) in env {
            c.env(k, v);
        }
        c.output().expect("the binary runs")
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn md_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| r.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "md"));
    v
}

fn page_windows_1252() -> Vec<u8> {
    let page = std::fs::read_to_string(PAGE).unwrap();
    encoding_rs::WINDOWS_1252.encode(&page).0.into_owned()
}

#[test]
fn a_url_is_added_once_then_read_searched_and_shown() {
    let home = Home::new();
    let base = serve(
        vec![
            Route::html(
                "/lemonde",
                "text/html; charset=windows-1252",
                page_windows_1252(),
            ),
            Route::html("/logo.png", "image/png", vec![0x89, b'P', b'N', b'G', 0, 0]),
            Route::html(
                "/binary",
                "text/html",
                vec![0x89, b'P', b'N', b'G', 0, 0, 7, 0],
            ),
        ],
        12,
    );
    let dossier = home.path("dossier");
    let env = [("DOSSIER_CORPUS", dossier.as_path())];
    let url = format!("{base}/lemonde");

    let o = home.run(&["add", &url], &env);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let out = text(&o.stdout);
    assert!(out.starts_with("added "), "{out}");
    assert!(out.contains(TITLE), "{out}");
    let files = md_files(&dossier);
    assert_eq!(files.len(), 1, "{files:?}");
    let md = std::fs::read_to_string(&files[0]).unwrap();
    assert!(md.starts_with(&format!("---\ntitle: {TITLE}\n")), "{md}");
    assert!(
        md.contains("\nauthor: Martin Untersinger (avec Damien Leloup et Morgane Tual)\n"),
        "{md}"
    );
    assert!(md.contains("\nsource: Le Monde.fr\n"), "{md}");
    assert!(md.contains(&format!("\nurl: {url}\n")), "{md}");
    assert!(md.contains("\nadded: 20"), "{md}");
    assert!(
        md.contains("Les députés ont, sans surprise, adopté"),
        "{md}"
    );

    // The same URL again, and the same page as a saved file: not added.
    let o = home.run(&["add", &url], &env);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        text(&o.stdout).contains("(same URL); not added again"),
        "{}",
        text(&o.stdout)
    );
    let o = home.run(&["add", PAGE], &env);
    assert!(
        text(&o.stdout).contains("(same text); not added again"),
        "{}",
        text(&o.stdout)
    );
    assert_eq!(md_files(&dossier).len(), 1);

    // Errors name the address and say what is wrong; the rest still runs.
    let o = home.run(
        &[
            "add",
            &format!("{base}/gone"),
            &format!("{base}/logo.png"),
            &format!("{base}/binary"),
        ],
        &env,
    );
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.contains("/gone: HTTP 404") && err.contains("not there"),
        "{err}"
    );
    assert!(
        err.contains("/logo.png: not a web page (image/png)"),
        "{err}"
    );
    assert!(
        err.contains("/binary: the server calls it a web page but sends binary data"),
        "{err}"
    );
    assert_eq!(md_files(&dossier).len(), 1);

    // Read back: listed, found by a phrase, shown with its metadata.
    let o = home.run(&["list", "--json"], &env);
    let row: serde_json::Value =
        serde_json::from_str(text(&o.stdout).lines().next().unwrap()).unwrap();
    assert_eq!(row["title"], TITLE);
    assert_eq!(row["source"], "Le Monde.fr");
    let id = row["id"].as_str().unwrap().to_string();
    let o = home.run(&["search", "\"sans surprise\""], &env);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(text(&o.stdout).contains(&id), "{}", text(&o.stdout));
    let o = home.run(&["show", &id], &env);
    let shown = text(&o.stdout);
    assert!(
        shown.starts_with(&format!("{TITLE}\nMartin Untersinger")),
        "{shown}"
    );
}

#[test]
fn without_a_setting_articles_go_to_the_data_folder_which_is_then_read() {
    let home = Home::new();
    let o = home.run(&["add", PAGE], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let dir = home.path("data/articles");
    assert_eq!(md_files(&dir).len(), 1);
    assert!(
        text(&o.stderr).contains("articles are kept in"),
        "{}",
        text(&o.stderr)
    );
    let o = home.run(&["list"], &[]);
    assert!(text(&o.stdout).contains(TITLE), "{}", text(&o.stdout));
    assert_eq!(text(&o.stdout).lines().count(), 1);
}

#[test]
fn config_toml_names_the_folder_relative_to_the_config_folder() {
    let home = Home::new();
    std::fs::create_dir_all(home.path("config")).unwrap();
    std::fs::write(home.path("config/config.toml"), "corpus = \"research\"\n").unwrap();
    let o = home.run(&["add", PAGE], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(md_files(&home.path("config/research")).len(), 1);
    // --corpus wins over the setting.
    let other = home.path("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("a.txt"), "Other\n\nAnother text.").unwrap();
    let o = home.run(&["list", "--corpus", other.to_str().unwrap()], &[]);
    assert!(
        text(&o.stdout).starts_with("a\tOther"),
        "{}",
        text(&o.stdout)
    );
    // A broken config.toml is named, and its setting not used.
    std::fs::write(home.path("config/config.toml"), "corpus = [\n").unwrap();
    let o = home.run(&["list"], &[]);
    assert!(
        text(&o.stderr).contains("its settings are not used"),
        "{}",
        text(&o.stderr)
    );
}

#[test]
fn bad_files_give_messages() {
    let home = Home::new();
    let bin = home.path("x.html");
    std::fs::write(&bin, [0u8, 159, 146, 150, 0, 1]).unwrap();
    let env = [("DOSSIER_CORPUS", home.dir.path())];
    let o = home.run(&["add", bin.to_str().unwrap(), "missing.html"], &env);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.contains("x.html: looks like a binary file"), "{err}");
    assert!(err.contains("missing.html: cannot be read"), "{err}");
}

#[test]
fn fetch_limits_redirects_timeouts_and_tls() {
    let big = vec![b'a'; 5000];
    let base = serve(
        vec![
            Route::html("/big", "text/html", big),
            Route {
                path: "/loop",
                status: "302 Found",
                headers: vec![("Location".into(), "/loop".into())],
                body: Vec::new(),
            },
        ],
        20,
    );
    let limits = Limits {
        total: Duration::from_secs(2),
        connect: Duration::from_secs(2),
        redirects: 3,
        max_bytes: 1000,
    };
    let e = fetch::fetch(&format!("{base}/big"), limits).unwrap_err();
    assert!(e.contains("larger than"), "{e}");
    let e = fetch::fetch(&format!("{base}/loop"), limits).unwrap_err();
    assert!(e.contains("more than 3 redirects"), "{e}");
    let e = fetch::fetch(&format!("{base}/silent"), limits).unwrap_err();
    assert!(e.contains("no complete answer within 2 s"), "{e}");
    let tls = base.replace("http://", "https://");
    let e = fetch::fetch(&format!("{tls}/big"), limits).unwrap_err();
    assert!(e.contains("secure connection failed"), "{e}");
}
