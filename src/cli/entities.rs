//! `dossier entities` and `dossier mentions` (being written; see issue 5).

use super::{Ctx, EntitiesArgs, MentionsArgs};
use crate::core::Error;

/// `dossier entities`.
pub fn list(_ctx: &mut Ctx, _args: &EntitiesArgs) -> Result<i32, Error> {
    Err(Error::BadArgument("entities is not available yet".into()))
}

/// `dossier mentions NAME`.
pub fn mentions(_ctx: &mut Ctx, _args: &MentionsArgs) -> Result<i32, Error> {
    Err(Error::BadArgument("mentions is not available yet".into()))
}
