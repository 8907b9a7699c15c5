//! `dossier search` (being written; see issue 4).

use super::{Ctx, SearchArgs};
use crate::core::Error;

/// `dossier search QUERY...`.
pub fn run(_ctx: &mut Ctx, _args: &SearchArgs) -> Result<i32, Error> {
    Err(Error::BadArgument("search is not available yet".into()))
}
