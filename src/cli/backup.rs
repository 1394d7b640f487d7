//! `soxa backup FILE` and `soxa restore FILE`.

use super::{Context, Failure};
use crate::i18n::Say;

#[derive(clap::Args, Debug)]
pub struct BackupArgs {}

#[derive(clap::Args, Debug)]
pub struct RestoreArgs {}

pub fn backup(_ctx: &mut Context, _args: BackupArgs) -> Result<(), Failure> {
    Err(Failure::Refused(Say::UnexpectedError))
}

pub fn restore(_ctx: &mut Context, _args: RestoreArgs) -> Result<(), Failure> {
    Err(Failure::Refused(Say::UnexpectedError))
}
