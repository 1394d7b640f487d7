//! `soxa import households FILE`: households from a clerk's spreadsheet.

use super::{Context, Failure};
use crate::i18n::Say;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_ctx: &mut Context, _args: Args) -> Result<(), Failure> {
    Err(Failure::Refused(Say::UnexpectedError))
}
