//! `soxa export households FILE`: records as a spreadsheet in the same
//! columns `soxa import` reads, so a round trip keeps every household.

use super::{Context, Failure};
use crate::i18n::Say;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_ctx: &mut Context, _args: Args) -> Result<(), Failure> {
    Err(Failure::Refused(Say::UnexpectedError))
}
