//! Which folder of articles a command reads, and which one `dossier add`
//! writes to.
//!
//! Reading: `--corpus DIR`, else `DOSSIER_CORPUS`, else `corpus = "..."` in
//! config.toml, else the dossier folder `articles/` in the data folder when
//! it exists (`dossier add` made it), else the bundled articles.
//! Adding: the same, but instead of the bundled articles, `articles/` in
//! the data folder (created on first use).
//!
//! In config.toml, `~/` is the home folder and a relative path is relative
//! to the config folder; `--corpus` and `DOSSIER_CORPUS` are relative to
//! the current folder.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Cli;
use crate::app::config::Config;
use crate::core::corpus::LoadOptions;
use crate::core::paths::Paths;
use crate::core::regular_file;

/// The environment variable naming the dossier folder.
pub const ENV: &str = "DOSSIER_CORPUS";

/// Where the folder setting came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// `--corpus`.
    Flag,
    /// `DOSSIER_CORPUS`.
    Env,
    /// `corpus` in config.toml.
    Config,
    /// `articles/` in the data folder.
    Default,
}

/// The folder set by flag, environment or config, if any.
fn chosen(cli: &Cli, paths: &Paths, config: Option<&Config>) -> Option<(PathBuf, From)> {
    if let Some(d) = &cli.corpus {
        return Some((d.clone(), From::Flag));
    }
    if let Some(d) = std::env::var_os(ENV).filter(|v| !v.is_empty()) {
        return Some((PathBuf::from(d), From::Env));
    }
    config?
        .corpus
        .as_ref()
        .map(|c| (resolve(c, &paths.config_dir), From::Config))
}

/// config.toml's settings, `None` when there is no file. Problems are
/// reported on `err` and the file's settings ignored.
fn config(paths: &Paths, err: &mut dyn Write) -> Option<Config> {
    let file = paths.config_file();
    // Never a plain open: a config.toml that is a pipe must not block.
    let text = match regular_file::read_to_string(&file) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
        Err(e) => {
            let _ = writeln!(
                err,
                "dossier: warning: {} could not be read ({e}); its settings are not used",
                file.display()
            );
            return None;
        }
    };
    match Config::parse(&text) {
        Ok(c) => Some(c),
        Err(e) => {
            let _ = writeln!(
                err,
                "dossier: warning: {}: {e}; its settings are not used",
                file.display()
            );
            None
        }
    }
}

/// `~/x` in the home folder; a relative path in `base`.
fn resolve(setting: &str, base: &Path) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
    if setting == "~"
        && let Some(h) = home()
    {
        return h;
    }
    if let Some(rest) = setting.strip_prefix("~/")
        && let Some(h) = home()
    {
        return h.join(rest);
    }
    let p = PathBuf::from(setting);
    if p.is_absolute() { p } else { base.join(p) }
}

/// The default dossier folder: `articles/` in the data folder.
pub fn default_dir(paths: &Paths) -> PathBuf {
    paths.data_dir.join("articles")
}

/// What to read: the folder (`None` for the bundled articles) and how to
/// load it (`clean = false` in config.toml reads copied pages as written).
pub fn to_read(cli: &Cli, err: &mut dyn Write) -> (Option<PathBuf>, LoadOptions) {
    let paths = Paths::detect();
    let config = config(&paths, err);
    let opts = LoadOptions {
        clean: config.as_ref().is_none_or(|c| c.clean),
    };
    if let Some((d, _)) = chosen(cli, &paths, config.as_ref()) {
        return (Some(d), opts);
    }
    let d = default_dir(&paths);
    (d.is_dir().then_some(d), opts)
}

/// The folder `dossier add` writes to, and where that choice came from.
pub fn to_add(cli: &Cli, err: &mut dyn Write) -> (PathBuf, From) {
    let paths = Paths::detect();
    let config = config(&paths, err);
    chosen(cli, &paths, config.as_ref()).unwrap_or_else(|| (default_dir(&paths), From::Default))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_paths_resolve_against_home_and_the_config_folder() {
        let base = Path::new("/etc/dossier");
        assert_eq!(resolve("/data/x", base), PathBuf::from("/data/x"));
        assert_eq!(resolve("notes", base), PathBuf::from("/etc/dossier/notes"));
        if let Some(b) = directories::BaseDirs::new() {
            assert_eq!(resolve("~/research", base), b.home_dir().join("research"));
        }
    }
}
