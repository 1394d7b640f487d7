//! A lean reader of a bucket of briefs: the very bytes bincode writes for
//! `Vec<Brief>` (`codec`, standard configuration: a version byte, then
//! varints in little-endian, zigzag for signed numbers, a `u32` varint per
//! enum variant, a `u8` per option and boolean, a length before each list
//! and text), read field by field without serde's machinery, which is most
//! of the dashboard's first frame at 100,000 households (377,000 briefs).
//! Anything it does not expect, it refuses (`Unexpected`); the caller then
//! decodes with bincode itself, so the answer is always bincode's. The
//! tests hold it to bincode on every variant and edge of the varints.

use chrono::NaiveDate;

use crate::domain::brief::{Brief, CaseBrief, CommitmentBrief, FollowUpBrief, HouseholdBrief, ViolationBrief};
use crate::domain::{CaseCategory, CaseStatus, CommitmentStatus, HouseholdStatus};

/// Bytes this reader does not expect (bincode is asked instead).
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Unexpected;

type Read<T> = Result<T, Unexpected>;

/// The briefs of one bucket value written at `version`, or `Unexpected`.
pub(super) fn bucket(bytes: &[u8], version: u8) -> Read<Vec<Brief>> {
    let (&v, payload) = bytes.split_first().ok_or(Unexpected)?;
    if v != version {
        return Err(Unexpected);
    }
    let mut r = Reader { bytes: payload, at: 0 };
    let n = r.len()?;
    // Each brief takes at least 4 bytes: never reserve more than can come.
    let mut out = Vec::with_capacity(n.min(payload.len() / 4));
    for _ in 0..n {
        out.push(r.brief()?);
    }
    if r.at != payload.len() {
        return Err(Unexpected);
    }
    Ok(out)
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Read<&'a [u8]> {
        let end = self.at.checked_add(n).ok_or(Unexpected)?;
        let out = self.bytes.get(self.at..end).ok_or(Unexpected)?;
        self.at = end;
        Ok(out)
    }

    fn byte(&mut self) -> Read<u8> {
        Ok(self.take(1)?[0])
    }

    /// A varint of a type `width` bytes wide (2, 4 or 8): one byte below
    /// 251, else 251, 252 or 253 then 2, 4 or 8 bytes, none wider than the
    /// type, as bincode reads them.
    fn varint(&mut self, width: usize) -> Read<u64> {
        let first = self.byte()?;
        let n = match first {
            0..=250 => return Ok(u64::from(first)),
            251 => 2,
            252 => 4,
            253 => 8,
            _ => return Err(Unexpected),
        };
        if n > width {
            return Err(Unexpected);
        }
        let mut le = [0u8; 8];
        le[..n].copy_from_slice(self.take(n)?);
        Ok(u64::from_le_bytes(le))
    }

    fn u64(&mut self) -> Read<u64> {
        self.varint(8)
    }

    fn u16(&mut self) -> Read<u16> {
        u16::try_from(self.varint(2)?).map_err(|_| Unexpected)
    }

    fn u32(&mut self) -> Read<u32> {
        u32::try_from(self.varint(4)?).map_err(|_| Unexpected)
    }

    fn len(&mut self) -> Read<usize> {
        usize::try_from(self.u64()?).map_err(|_| Unexpected)
    }

    fn i32(&mut self) -> Read<i32> {
        let n = self.u32()?;
        // Zigzag: even is positive, odd is negative.
        let half = (n / 2) as i32;
        Ok(if n.is_multiple_of(2) { half } else { !half })
    }

    fn flag(&mut self) -> Read<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(Unexpected),
        }
    }

    fn date(&mut self) -> Read<NaiveDate> {
        NaiveDate::from_num_days_from_ce_opt(self.i32()?).ok_or(Unexpected)
    }

    fn opt_date(&mut self) -> Read<Option<NaiveDate>> {
        if self.flag()? { self.date().map(Some) } else { Ok(None) }
    }

    fn text(&mut self) -> Read<String> {
        let n = self.len()?;
        let bytes = self.take(n)?;
        std::str::from_utf8(bytes).map(str::to_string).map_err(|_| Unexpected)
    }

    fn brief(&mut self) -> Read<Brief> {
        Ok(match self.u32()? {
            0 => Brief::Household(self.household()?),
            1 => Brief::Commitment(self.commitment()?),
            2 => Brief::Case(self.case()?),
            _ => return Err(Unexpected),
        })
    }

    fn household(&mut self) -> Read<HouseholdBrief> {
        Ok(HouseholdBrief {
            id: self.u64()?,
            hamlet: self.u64()?,
            living_since: self.opt_date()?,
            status: match self.u32()? {
                0 => HouseholdStatus::Active,
                1 => HouseholdStatus::MovedOut { on: self.date()? },
                _ => return Err(Unexpected),
            },
        })
    }

    fn commitment(&mut self) -> Read<CommitmentBrief> {
        let (id, household, year) = (self.u64()?, self.u64()?, self.u16()?);
        let status = match self.u32()? {
            0 => CommitmentStatus::Signed,
            1 => CommitmentStatus::Refused,
            2 => CommitmentStatus::Absent,
            _ => return Err(Unexpected),
        };
        let date = self.date()?;
        let n = self.len()?;
        // Each violation takes at least 2 bytes.
        let mut violations = Vec::with_capacity(n.min(self.bytes.len() / 2));
        for _ in 0..n {
            violations.push(ViolationBrief { date: self.date()?, description: self.text()? });
        }
        Ok(CommitmentBrief { id, household, year, status, date, violations })
    }

    fn case(&mut self) -> Read<CaseBrief> {
        let (id, hamlet) = (self.u64()?, self.u64()?);
        let category = match self.u32()? {
            0 => CaseCategory::Neighbours,
            1 => CaseCategory::Civil,
            2 => CaseCategory::Family,
            3 => CaseCategory::MinorViolation,
            4 => CaseCategory::Other,
            _ => return Err(Unexpected),
        };
        let (received, assigned, started) = (self.date()?, self.opt_date()?, self.opt_date()?);
        let status = match self.u32()? {
            0 => CaseStatus::Received,
            1 => CaseStatus::InProgress,
            2 => CaseStatus::Successful,
            3 => CaseStatus::Unsuccessful,
            4 => CaseStatus::Transferred,
            5 => CaseStatus::Withdrawn,
            _ => return Err(Unexpected),
        };
        let closed = self.opt_date()?;
        let follow_up = match self.flag()? {
            true => {
                let due = self.date()?;
                let kept = if self.flag()? { Some(self.flag()?) } else { None };
                Some(FollowUpBrief { due, kept })
            }
            false => None,
        };
        Ok(CaseBrief { id, hamlet, category, received, assigned, started, status, closed, follow_up })
    }
}

#[cfg(test)]
mod tests;
