//! `soxa request list | add`: the data subjects' register (who asked to
//! see, correct or delete their personal data, or objected, and by when
//! the commune must answer). Administrators only (`ManageRequests`).
//!
//! Exit codes: 0 listed or entered; 1 refused (role, a bad field), or a
//! storage error; 3-7 the database could not be opened.

use super::{Context, Failure, outln};
use crate::domain::access::Action;
use crate::domain::date::{format_dmy, parse_dmy};
use crate::domain::request::{DataRequest, RequestKind};
use crate::domain::{Field, FieldError};
use crate::i18n::retention::{self as words, RetainText};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    what: What,
}

#[derive(clap::Subcommand, Debug)]
enum What {
    /// Every request, oldest first; those past a deadline are marked.
    List,
    /// Enter a request: who asked (their name as given) and what.
    Add {
        /// The requester's name as given.
        #[arg(long)]
        person: String,
        #[arg(long, value_enum)]
        kind: KindArg,
        /// The day it was received (dd/mm/yyyy); today if left out.
        #[arg(long)]
        received: Option<String>,
    },
}

/// What is asked, as typed on the command line.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum KindArg {
    See,
    Correct,
    Delete,
    Object,
}

impl From<KindArg> for RequestKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::See => RequestKind::See,
            KindArg::Correct => RequestKind::Correct,
            KindArg::Delete => RequestKind::Delete,
            KindArg::Object => RequestKind::Object,
        }
    }
}

pub fn run(ctx: &mut Context, args: Args) -> Result<(), Failure> {
    let store = ctx.open(false)?;
    ctx.require(Action::ManageRequests)?;
    match args.what {
        What::List => {
            let all = store.requests()?;
            if all.is_empty() {
                outln!("{}", RetainText::NoRequests.get(ctx.lang));
            }
            for r in &all {
                outln!("{}", line(ctx, r, store.today()));
            }
        }
        What::Add { person, kind, received } => {
            let received = match received {
                Some(text) => parse_dmy(&text)
                    .map_err(|p| crate::store::StoreError::Invalid(vec![FieldError::new(Field::RequestReceived, p)]))?,
                None => store.today(),
            };
            let saved = store.record_request(DataRequest::new(received, &person, kind.into()))?;
            outln!("{}", RetainText::RequestSaved.get(ctx.lang));
            outln!("{}", line(ctx, &saved, store.today()));
        }
    }
    Ok(())
}

/// "3  01/12/2026  Nguyễn Văn An  Xóa dữ liệu  03/12/2026  16/12/2026  Đã nhận  QUÁ HẠN".
fn line(ctx: &Context, r: &DataRequest, today: chrono::NaiveDate) -> String {
    let mut text = format!(
        "{}  {}  {}  {}  {}: {}  {}: {}  {}",
        r.id,
        format_dmy(r.received),
        r.person,
        words::request_kind(ctx.lang, r.kind),
        crate::i18n::field(ctx.lang, Field::AcknowledgeBy),
        format_dmy(r.acknowledge_by),
        crate::i18n::field(ctx.lang, Field::ActBy),
        format_dmy(r.act_by),
        words::request_status(ctx.lang, r.status),
    );
    if r.is_overdue(today) {
        text.push_str(&format!("  {}", RetainText::Overdue.get(ctx.lang)));
    }
    text
}
