//! `soxa report --period P --format F -o FILE`: the summary of a period,
//! written by one of `report::export`'s writers.

use super::{Context, Failure};
use crate::i18n::Say;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_ctx: &mut Context, _args: Args) -> Result<(), Failure> {
    Err(Failure::Refused(Say::UnexpectedError))
}
