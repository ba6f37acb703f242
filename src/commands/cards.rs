//! `cards [--weeks N] [--campaign holiday] [--tag TAG]`: the cards to post, with post-by dates
//! and addresses.

use super::{open_owned, output, Io};
use crate::config::{CardsRequest, Config};
use crate::contact::Keep;
use crate::error::{Error, Result};
use crate::exit::Exit;
use crate::render;
use crate::report::greetings;

pub(crate) fn cards(config: &Config, io: &mut Io<'_>, request: &CardsRequest) -> Result<Exit> {
    let (session, _) = open_owned(config, io, Keep::LEAN)?;
    let (index, settings) = (&session.index, &session.settings);
    let tag = request.tag.as_deref();
    let out = output(config, request.format);
    if request.holiday {
        let campaign = greetings::holiday(index, settings.holiday_post_by, tag);
        render::greetings::campaign(io.out, &out, &campaign).map_err(Error::Output)?;
    } else {
        let list = greetings::list(index, &settings.cards, request.weeks, tag);
        render::greetings::list(io.out, &out, &list).map_err(Error::Output)?;
    }
    Ok(Exit::Success)
}
