//! `soxa close PERIOD` and `soxa reopen PERIOD --reason TEXT`: closing a
//! period's figures once its report is sent (chốt số liệu).

use super::{Context, Failure};
use crate::i18n::Say;

#[derive(clap::Args, Debug)]
pub struct CloseArgs {}

#[derive(clap::Args, Debug)]
pub struct ReopenArgs {}

pub fn close(_ctx: &mut Context, _args: CloseArgs) -> Result<(), Failure> {
    Err(Failure::Refused(Say::UnexpectedError))
}

pub fn reopen(_ctx: &mut Context, _args: ReopenArgs) -> Result<(), Failure> {
    Err(Failure::Refused(Say::UnexpectedError))
}
