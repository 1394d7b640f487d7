//! `soxa close PERIOD` and `soxa reopen PERIOD --reason TEXT`: closing a
//! period's figures once its report is sent (chốt số liệu), and reopening
//! it; `soxa close --list` lists the closed periods.
//!
//! Exit codes: 0 done; 1 refused (already closed, not closed, not begun,
//! not ended without `--early`, no reason; the message says which); 2 wrong arguments (a period that
//! does not read); 3-7 the database could not be opened.

use super::usage::BadValue;
use super::{Context, Failure, out, outln, table};
use crate::domain::Period;
use crate::domain::access::Action;
use crate::domain::closing::{ClosedPeriod, days_left, overlapping};
use crate::domain::date::format_dmy;
use crate::domain::indicator::Indicator;
use crate::i18n::closing::{self as words, ClosingText as T};
use crate::i18n::usage::Expected;
use crate::report::{self, Summary, compare};
use crate::store::{ClosingError, StoreError};

#[derive(clap::Args, Debug)]
pub struct CloseArgs {
    /// The period to close: 2026-Q3, 2026-H1, 2026 or 01/07/2026..30/09/2026.
    #[arg(value_parser = parse_period, required_unless_present = "list", conflicts_with = "list")]
    period: Option<Period>,
    /// List the closed periods instead of closing one.
    #[arg(long)]
    list: bool,
    /// Close a period that has not ended yet (its remaining days are closed too).
    #[arg(long, conflicts_with = "list")]
    early: bool,
}

#[derive(clap::Args, Debug)]
pub struct ReopenArgs {
    /// The closed period to reopen, as it was closed (2026-Q3...).
    #[arg(value_parser = parse_period)]
    period: Period,
    /// Why it is reopened; kept in the audit log.
    #[arg(long)]
    reason: String,
}

fn parse_period(s: &str) -> Result<Period, BadValue> {
    Period::parse(s).map_err(|_| BadValue::new(s, Expected::Period))
}

/// The figures `soxa close` prints: the ones a province reads first.
const KEY_FIGURES: [Indicator; 12] = [
    Indicator::Active,
    Indicator::Signed,
    Indicator::Coverage,
    Indicator::NewlySigned,
    Indicator::NotContacted,
    Indicator::Violations,
    Indicator::ActiveTeams,
    Indicator::ActiveMembers,
    Indicator::Received,
    Indicator::Successful,
    Indicator::Pending,
    Indicator::SuccessRate,
];

pub fn close(ctx: &mut Context, args: CloseArgs) -> Result<(), Failure> {
    let Some(period) = args.period else {
        let store = ctx.open(false)?;
        list(ctx, &store.closed_periods());
        return Ok(());
    };
    let (store, _) = ctx.open_commune()?;
    ctx.require(Action::ClosePeriod)?;
    let lang = ctx.lang;
    // Refuse before the long computation when the answer is known.
    if let Some(closed) = store.closed_period(&period) {
        return Err(StoreError::from(ClosingError::AlreadyClosed(closed.period)).into());
    }
    if period.start <= store.today()
        && let Some(days) = days_left(&period, store.today()).filter(|_| !args.early)
    {
        return Err(Failure::Said(words::refused_early(lang, &period, days)));
    }
    let summary: Summary = report::summarize(&report::load(&store, &period)?, &period);
    let closed = store.close_period(period, &summary)?;
    outln!("{}", words::closed_done(lang, &period));
    let plan = store.commune()?.map(|c| c.plan).unwrap_or_default();
    if let Some((which, date)) = plan.due_of(&period) {
        outln!("{}", words::report_due(lang, which, date, store.today()));
    }
    outln!("{} · {} – {}", words::closed_on(lang, &closed, true), format_dmy(period.start), format_dmy(period.end));
    if period.end > store.today() {
        outln!("{}", T::NotOverNote.get(lang));
    }
    let figures = compare::commune_figures(&summary);
    let rows: Vec<Vec<String>> = KEY_FIGURES
        .iter()
        .filter_map(|k| figures.iter().find(|(i, _)| i == k))
        .map(|(i, v)| vec![format!("  {}", words::indicator(lang, *i)), words::value(lang, *v)])
        .collect();
    out!("{}", table::render(&rows));
    Ok(())
}

pub fn reopen(ctx: &mut Context, args: ReopenArgs) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    ctx.require(Action::ReopenPeriod)?;
    let reopened = store.reopen_period(&args.period, &args.reason)?;
    let closed = store.closed_periods();
    let still = overlapping(&closed, &reopened.period);
    outln!("{}", words::reopened_done(ctx.lang, &reopened.period, &still));
    Ok(())
}

fn list(ctx: &Context, closed: &[ClosedPeriod]) {
    let lang = ctx.lang;
    if closed.is_empty() {
        outln!("{}", T::NoneClosed.get(lang));
        return;
    }
    outln!("{}:", T::OtherClosed.get(lang));
    for c in closed {
        outln!("  {}", words::closed_item(lang, c));
    }
}
