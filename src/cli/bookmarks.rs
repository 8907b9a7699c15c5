//! `dossier bookmarks ...` (being written; see issue 6).

use super::{BookmarksCommand, Ctx};
use crate::core::Error;

/// `dossier bookmarks list|add|remove|export`.
pub fn run(_ctx: &mut Ctx, _cmd: &BookmarksCommand) -> Result<i32, Error> {
    Err(Error::BadArgument("bookmarks is not available yet".into()))
}
