//! Records past their retention (`domain::retention`) and erasing them
//! (`soxa purge --expired`, Settings → "Xóa dữ liệu hết hạn").
//!
//! Finding them: households and cases from their briefs (the `briefs`
//! tree's household and case buckets, not the 100,000 full records), then
//! each due one read to see whether its people are already erased; members
//! by a scan of the `members` tree (a few thousand at most).
//!
//! Erasing them is one `Store::purge` per person (a household, a member, a
//! case party), each its own transaction flushed before the next: the
//! existing purge rewrites audit entries and outreach sessions from what it
//! reads, so two purges cannot share one transaction without one
//! overwriting the other's rewrite. A crash part-way leaves every finished
//! purge whole and the rest untouched; an erased person is no longer due,
//! so running it again finishes the rest. One `PurgedExpired` line goes to
//! the access log at the end (or at the first error, with the records done
//! so far); each purge also leaves its `Purge` entry in the change log.

use chrono::NaiveDate;

use super::briefs::decode_bucket;
use super::tables::T;
use super::{PurgeTarget, Store, StoreError};
use crate::domain::brief::Brief;
use crate::domain::operator::{AccessEvent, Retention};
use crate::domain::purge::PURGED_NAME;
use crate::domain::retention::{self, Ended, Retained};
use crate::domain::{EntityKind, Household, Id, MediationCase, Member};

/// One record past its retention, with what erasing it means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpiredRecord {
    pub kind: Retained,
    pub id: Id,
    /// The household code, `#12` for a member, the case number: never a name.
    pub reference: String,
    /// The day it ended (moved out, left, closed).
    pub ended: NaiveDate,
    /// The purges that erase it (one per party still named for a case).
    pub targets: Vec<PurgeTarget>,
}

impl Store {
    /// Every record past its retention on `today` under the ledger's
    /// privacy settings, households then members then cases, in id order.
    pub fn expired(&self, today: NaiveDate) -> Result<Vec<ExpiredRecord>, StoreError> {
        let r = self.privacy()?.retention;
        let mut out = self.expired_households(&r, today)?;
        out.extend(self.expired_members(&r, today)?);
        out.extend(self.expired_cases(&r, today)?);
        Ok(out)
    }

    /// Erases the records `expired` listed (as the administrator saw
    /// them), one purge at a time (see the module's note on a crash), and
    /// logs `PurgedExpired` once. Returns how many were erased.
    pub fn purge_expired(&self, due: &[ExpiredRecord]) -> Result<usize, StoreError> {
        let mut done = 0;
        for record in due {
            if let Err(e) = record.targets.iter().try_for_each(|t| self.purge(*t).map(|_| ())) {
                if done > 0 {
                    self.log_expired(done)?;
                }
                return Err(e);
            }
            done += 1;
        }
        if done > 0 {
            self.log_expired(done)?;
        }
        Ok(done)
    }

    fn log_expired(&self, records: usize) -> Result<(), StoreError> {
        let records = u32::try_from(records).unwrap_or(u32::MAX);
        self.log_access(AccessEvent::PurgedExpired { records })
    }

    /// The briefs of one kind that `ended` gives an end to, due on `today`.
    fn due_briefs(
        &self,
        kind: EntityKind,
        r: &Retention,
        today: NaiveDate,
        ended: impl Fn(&Brief) -> Option<Ended>,
    ) -> Result<Vec<Ended>, StoreError> {
        let mut all = Vec::new();
        for kv in self.table(T::Briefs).scan_prefix([kind.code()]) {
            let (_, bytes) = kv?;
            let briefs = decode_bucket(&bytes)
                .map_err(|e| StoreError::Corrupt { tree: T::Briefs.name(), detail: e.to_string() })?;
            all.extend(briefs.iter().filter_map(&ended));
        }
        Ok(retention::due(all, r, today))
    }

    fn expired_households(&self, r: &Retention, today: NaiveDate) -> Result<Vec<ExpiredRecord>, StoreError> {
        let due = self.due_briefs(EntityKind::Household, r, today, |b| match b {
            Brief::Household(h) => retention::moved_out(h),
            _ => None,
        })?;
        let mut out = Vec::new();
        for e in due {
            let Some(h) = self.get::<Household>(e.id)? else { continue };
            if h.head_name != PURGED_NAME {
                out.push(record(e, h.code, vec![PurgeTarget::Household(e.id)]));
            }
        }
        Ok(out)
    }

    fn expired_members(&self, r: &Retention, today: NaiveDate) -> Result<Vec<ExpiredRecord>, StoreError> {
        let members = self.all_where::<Member>(|m| m.left.is_some())?;
        let due = retention::due(members.iter().filter_map(retention::left), r, today);
        Ok(due.into_iter().map(|e| record(e, format!("#{}", e.id), vec![PurgeTarget::Member(e.id)])).collect())
    }

    fn expired_cases(&self, r: &Retention, today: NaiveDate) -> Result<Vec<ExpiredRecord>, StoreError> {
        let due = self.due_briefs(EntityKind::Case, r, today, |b| match b {
            Brief::Case(c) => retention::closed(c),
            _ => None,
        })?;
        let mut out = Vec::new();
        for e in due {
            let Some(c) = self.get::<MediationCase>(e.id)? else { continue };
            let parties = retention::parties_left(&c);
            if !parties.is_empty() {
                let targets = parties.into_iter().map(|index| PurgeTarget::Party { case: c.id, index }).collect();
                out.push(record(e, c.number(), targets));
            }
        }
        Ok(out)
    }
}

fn record(e: Ended, reference: String, targets: Vec<PurgeTarget>) -> ExpiredRecord {
    ExpiredRecord { kind: e.kind, id: e.id, reference, ended: e.on, targets }
}
