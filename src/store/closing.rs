//! Closed periods (chốt số liệu) in the store: closing and reopening, the
//! figures as sent, and the refusal of writes that would change what a
//! closed period froze (the rule itself is `domain::closing`).
//!
//! Layout of the `closed_periods` tree, keyed by the period's code
//! ("2026-Q3"), values in JSON so that they can still be read after the
//! record types change:
//!
//! - `p<code>`: the header (format version, period, when, by whom);
//! - `s<code>`: the summary as sent, as the caller serialized it;
//! - `a<code>/<audit id>` and `b<code>/<audit id>`: header and summary of a
//!   closing that was reopened, kept so the figures once sent are never
//!   lost; the audit id is the reopening's.
//!
//! The headers are read once when the store opens and kept in memory
//! (refreshed by every close and reopen), so the check each write makes
//! costs a few comparisons, not a read.

use chrono::NaiveDateTime;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::error::ClosingError;
use super::record::Record;
use super::tables::{Key, T};
use super::write::{AUDIT_VERSION, audit_index_key};
use super::{Mismatch, Store, StoreError, codec};
use crate::domain::closing::{ClosedPeriod, Fact, MAX_REASON, What, covering, first_frozen_change, period_entity_id};
use crate::domain::text::clean_line;
use crate::domain::{AuditAction, AuditEntry, EntityKind, Household, Period};

/// Version of the JSON written under `p` and `s`.
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Header {
    format_version: u32,
    /// `Period::code`, which parses back to the same period.
    period: String,
    closed_at: NaiveDateTime,
    closed_by: String,
}

fn header_key(code: &str) -> Vec<u8> {
    Key::new().u8(b'p').text(code).build()
}

fn summary_key(code: &str) -> Vec<u8> {
    Key::new().u8(b's').text(code).build()
}

fn archive_key(prefix: u8, code: &str, audit: u64) -> Vec<u8> {
    Key::new().u8(prefix).text(code).u8(b'/').u64(audit).build()
}

fn damaged(detail: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt { tree: T::Closed.name(), detail: detail.to_string() }
}

impl Store {
    /// Reads every closed period's header (not the summaries).
    pub(super) fn read_closed(&self) -> Result<Vec<ClosedPeriod>, StoreError> {
        let mut out = Vec::new();
        for kv in self.raw(T::Closed).scan_prefix([b'p']) {
            let (_, value) = kv?;
            let header: Header = serde_json::from_slice(&value).map_err(damaged)?;
            let period = Period::parse(&header.period).map_err(|_| damaged(format!("period {}", header.period)))?;
            out.push(ClosedPeriod { period, closed_at: header.closed_at, closed_by: header.closed_by });
        }
        out.sort_by_key(|c| (c.period.start, c.period.end));
        Ok(out)
    }

    fn cached_closed(&self) -> std::sync::RwLockReadGuard<'_, Vec<ClosedPeriod>> {
        // A poisoned lock only means a panic elsewhere; the list is whole.
        self.closed.read().unwrap_or_else(|p| p.into_inner())
    }

    pub(super) fn set_closed(&self, list: Vec<ClosedPeriod>) {
        *self.closed.write().unwrap_or_else(|p| p.into_inner()) = list;
    }

    /// Every closed period, by first day.
    pub fn closed_periods(&self) -> Vec<ClosedPeriod> {
        self.cached_closed().clone()
    }

    /// The closing of exactly these days, if closed.
    pub fn closed_period(&self, period: &Period) -> Option<ClosedPeriod> {
        self.cached_closed().iter().find(|c| same_days(&c.period, period)).cloned()
    }

    /// The figures stored when `period` was closed, read back into `S`
    /// (the caller's summary type). `None` when the period is not closed.
    pub fn closed_summary<S: DeserializeOwned>(&self, period: &Period) -> Result<Option<S>, StoreError> {
        let Some(closed) = self.closed_period(period) else { return Ok(None) };
        let Some(bytes) = self.raw(T::Closed).get(summary_key(&closed.period.code()))? else {
            return Err(damaged(format!("no summary for {}", closed.period.code())));
        };
        serde_json::from_slice(&bytes).map(Some).map_err(damaged)
    }

    /// Closes `period`, storing `summary` (its figures as sent) beside it:
    /// from now on writes that change facts dated inside it are refused.
    /// Audited and flushed. Refused for a period that has not begun or
    /// whose days are already closed.
    pub fn close_period<S: Serialize>(&self, period: Period, summary: &S) -> Result<ClosedPeriod, StoreError> {
        let _guard = self.write_guard();
        if period.start > self.today() {
            return Err(ClosingError::NotStarted(period).into());
        }
        if self.closed_period(&period).is_some() {
            return Err(ClosingError::AlreadyClosed(period).into());
        }
        let closed = ClosedPeriod { period, closed_at: self.now(), closed_by: self.operator.clone() };
        let code = period.code();
        let header = Header {
            format_version: FORMAT_VERSION,
            period: code.clone(),
            closed_at: closed.closed_at,
            closed_by: closed.closed_by.clone(),
        };
        let header = serde_json::to_vec(&header).map_err(damaged)?;
        let summary = serde_json::to_vec(summary).map_err(damaged)?;
        let audit = self.period_audit(&period, AuditAction::Close, code.clone())?;
        let puts = vec![(header_key(&code), header), (summary_key(&code), summary)];
        self.commit_closing(puts, Vec::new(), &audit)?;
        self.set_closed(self.read_closed()?);
        Ok(closed)
    }

    /// Reopens the closed `period`: its facts may change again. The reason
    /// (required, one line) goes into the audit log; the figures as sent
    /// are kept aside. Audited and flushed. Returns the closing undone.
    pub fn reopen_period(&self, period: &Period, reason: &str) -> Result<ClosedPeriod, StoreError> {
        let _guard = self.write_guard();
        let reason = clean_line(reason);
        if reason.is_empty() {
            return Err(ClosingError::NoReason.into());
        }
        if reason.chars().count() > MAX_REASON {
            return Err(ClosingError::ReasonTooLong { max: MAX_REASON }.into());
        }
        let closed = self.closed_period(period).ok_or(ClosingError::NotClosed(*period))?;
        let code = closed.period.code();
        let audit = self.period_audit(&closed.period, AuditAction::Reopen, format!("{code}: {reason}"))?;
        let tree = self.raw(T::Closed);
        let mut puts = Vec::new();
        for (from, to) in [(header_key(&code), b'a'), (summary_key(&code), b'b')] {
            if let Some(value) = tree.get(&from)? {
                puts.push((archive_key(to, &code, audit.id), value.to_vec()));
            }
        }
        self.commit_closing(puts, vec![header_key(&code), summary_key(&code)], &audit)?;
        self.set_closed(self.read_closed()?);
        Ok(closed)
    }

    fn period_audit(&self, period: &Period, action: AuditAction, summary: String) -> Result<AuditEntry, StoreError> {
        let id = self.db.generate_id()? + 1;
        Ok(AuditEntry {
            id,
            at: self.now(),
            operator: self.operator.clone(),
            entity: EntityKind::Period,
            entity_id: period_entity_id(period),
            action,
            summary,
            group: id,
            before: None,
        })
    }

    /// Puts and removes in `closed_periods` plus the audit entry, in one
    /// transaction, then flushes. A closing is not a record change, so it is
    /// not offered to undo (`last_group` forgets the previous one).
    fn commit_closing(
        &self,
        puts: Vec<(Vec<u8>, Vec<u8>)>,
        removes: Vec<Vec<u8>>,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let audit_bytes = codec::encode(AUDIT_VERSION, audit)
            .map_err(|e| StoreError::Corrupt { tree: T::Audit.name(), detail: e.to_string() })?;
        let audit_ix = audit_index_key(audit);
        let trees = (self.raw(T::Closed), self.raw(T::Audit), self.raw(T::IxAuditEntity));
        self.counters.transaction();
        let result = trees.transaction(|(closed, log, ix)| {
            for key in &removes {
                closed.remove(key.as_slice())?;
            }
            for (key, value) in &puts {
                closed.insert(key.as_slice(), value.as_slice())?;
            }
            log.insert(&audit.id.to_be_bytes(), audit_bytes.as_slice())?;
            ix.insert(audit_ix.as_slice(), &audit.id.to_be_bytes())?;
            Ok::<(), ConflictableTransactionError<StoreError>>(())
        });
        match result {
            Ok(()) => {}
            Err(TransactionError::Abort(e)) => return Err(e),
            Err(TransactionError::Storage(e)) => return Err(e.into()),
        }
        self.flush()?;
        *self.last_group.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(())
    }

    /// Refuses a change of one record whose facts dated inside a closed
    /// period differ before and after (see `domain::closing`).
    pub(super) fn refuse_frozen(
        &self,
        kind: EntityKind,
        label: &str,
        before: &[Fact],
        after: &[Fact],
    ) -> Result<(), StoreError> {
        let closed = self.cached_closed();
        if closed.is_empty() {
            return Ok(());
        }
        let frozen = |d| closed.iter().any(|c| c.period.contains(d));
        let Some(date) = first_frozen_change(before, after, frozen) else { return Ok(()) };
        let period = covering(&closed, date).map_or(Period::quarter_containing(date), |c| c.period);
        let record = self.record_name(label, before.iter().chain(after));
        Err(ClosingError::Frozen { period, kind, record, date }.into())
    }

    /// How a refusal names the record: its label, except that a commitment
    /// (labelled by ids) is named by its household and year.
    fn record_name<'a>(&self, label: &str, mut facts: impl Iterator<Item = &'a Fact>) -> String {
        let commitment = facts.find_map(|f| match f.what {
            What::Commitment { household, year, .. } => Some((household, year)),
            _ => None,
        });
        match commitment.map(|(h, year)| (self.get::<Household>(h), year)) {
            Some((Ok(Some(h)), year)) => format!("{} / {year}", h.label()),
            _ => label.to_string(),
        }
    }

    /// True when some period is closed: lets bulk loads skip the check.
    pub(super) fn any_closed(&self) -> bool {
        !self.cached_closed().is_empty()
    }
}

impl Store {
    /// For `check`: every closing's header reads, and its figures as sent
    /// are there and are JSON.
    pub(super) fn check_closed(&self, found: &mut Vec<Mismatch>) -> Result<(), StoreError> {
        let tree = self.raw(T::Closed);
        let problem = |what: String| Mismatch { tree: T::Closed.name(), id: None, what };
        for kv in tree.scan_prefix([b'p']) {
            let (key, value) = kv?;
            let code = String::from_utf8_lossy(&key[1..]).into_owned();
            if let Err(e) = serde_json::from_slice::<Header>(&value) {
                found.push(problem(format!("{code}: unreadable header ({e})")));
            }
            match tree.get(summary_key(&code))? {
                Some(bytes) if serde_json::from_slice::<serde::de::IgnoredAny>(&bytes).is_ok() => {}
                Some(_) => found.push(problem(format!("{code}: the figures as sent are not JSON"))),
                None => found.push(problem(format!("{code}: the figures as sent are missing"))),
            }
        }
        Ok(())
    }
}

/// Two periods over the same days ("2026-Q3" and "01/07/2026..30/09/2026").
fn same_days(a: &Period, b: &Period) -> bool {
    a.start == b.start && a.end == b.end
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::store::{Clock, OpenError, OpenOptions};

    fn store(dir: &tempfile::TempDir) -> Store {
        let mut s = Store::open(&dir.path().join("db"), &OpenOptions::default()).unwrap();
        let now = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap().and_hms_opt(9, 0, 0).unwrap();
        s.set_clock(Clock::Fixed(now));
        s
    }

    #[test]
    fn damaged_figures_are_found_by_check_and_a_damaged_header_stops_opening() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(&dir);
        let q3 = Period::quarter(2026, 3).unwrap();
        s.close_period(q3, &vec![1, 2, 3]).unwrap();
        assert!(s.check().unwrap().is_empty());
        assert_eq!(s.closed_summary::<Vec<u32>>(&q3).unwrap(), Some(vec![1, 2, 3]));
        s.raw(T::Closed).insert(summary_key("2026-Q3"), b"{not json".to_vec()).unwrap();
        let found = s.check().unwrap();
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].what.contains("not JSON"));
        assert!(matches!(s.closed_summary::<Vec<u32>>(&q3), Err(StoreError::Corrupt { .. })));
        s.raw(T::Closed).insert(header_key("2026-Q3"), b"[]".to_vec()).unwrap();
        s.flush().unwrap();
        drop(s);
        let reopened = Store::open(&dir.path().join("db"), &OpenOptions::default());
        assert!(matches!(reopened, Err(OpenError::Damaged { .. })));
    }

    #[test]
    fn headers_are_plain_json_naming_the_period_by_its_code() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = store(&dir);
        s.set_operator("Lê Thị Hoa");
        s.close_period(Period::half(2026, 1).unwrap(), &"figures").unwrap();
        let header = s.raw(T::Closed).get(header_key("2026-H1")).unwrap().unwrap();
        assert_eq!(
            std::str::from_utf8(&header).unwrap(),
            r#"{"format_version":1,"period":"2026-H1","closed_at":"2026-11-23T09:00:00","closed_by":"Lê Thị Hoa"}"#
        );
    }
}
