//! The lean reader against bincode: every variant, every width of varint,
//! options and texts; and refusals where bincode would refuse or where it
//! is not sure, so the caller asks bincode.

use chrono::NaiveDate;

use super::super::{VERSION, decode_bucket, encode_bucket};
use super::{Unexpected, bucket};
use crate::domain::brief::{Brief, CaseBrief, CommitmentBrief, FollowUpBrief, HouseholdBrief, ViolationBrief};
use crate::domain::{CaseCategory, CaseStatus, CommitmentStatus, HouseholdStatus};

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Ids at each edge of bincode's varints.
const IDS: [u64; 9] = [0, 1, 250, 251, 65_535, 65_536, 4_294_967_295, 4_294_967_296, u64::MAX];

fn every_kind() -> Vec<Brief> {
    let mut out = Vec::new();
    let days = [ymd(1, 1, 1), ymd(1900, 1, 1), ymd(2026, 11, 23), ymd(9999, 12, 31)];
    for (i, id) in IDS.into_iter().enumerate() {
        let day = days[i % days.len()];
        let status = if i.is_multiple_of(2) { HouseholdStatus::Active } else { HouseholdStatus::MovedOut { on: day } };
        let living_since = (!i.is_multiple_of(3)).then_some(day);
        out.push(Brief::Household(HouseholdBrief { id, hamlet: IDS[8 - i], living_since, status }));
    }
    for (i, status) in CommitmentStatus::ALL.into_iter().enumerate() {
        for year in [0, 250, 251, 2026, u16::MAX] {
            let violations = (0..i)
                .map(|k| ViolationBrief {
                    date: days[k], description: format!("Đốt pháo nổ lần {k} ở thôn Đông")
                })
                .collect();
            let c = CommitmentBrief { id: IDS[i + 3], household: IDS[i], year, status, date: days[i], violations };
            out.push(Brief::Commitment(c));
        }
    }
    let kept = [None, Some(true), Some(false)];
    for (i, category) in CaseCategory::ALL.into_iter().enumerate() {
        for (j, status) in CaseStatus::ALL.into_iter().enumerate() {
            let day = |k: usize| (!(i + j + k).is_multiple_of(3)).then_some(days[(i + j + k) % days.len()]);
            let follow_up = (!j.is_multiple_of(2)).then(|| FollowUpBrief { due: days[j % 4], kept: kept[(i + j) % 3] });
            out.push(Brief::Case(CaseBrief {
                id: IDS[(i + j) % IDS.len()],
                hamlet: IDS[j],
                category,
                received: days[i % 4],
                assigned: day(1),
                started: day(2),
                status,
                closed: day(3),
                follow_up,
            }));
        }
    }
    out
}

#[test]
fn reads_what_bincode_reads_on_every_variant_and_edge() {
    let briefs = every_kind();
    let bytes = encode_bucket(&briefs).unwrap();
    assert_eq!(decode_bucket(&bytes).unwrap(), briefs, "bincode itself");
    assert_eq!(bucket(&bytes, VERSION), Ok(briefs));
    for one in every_kind() {
        let bytes = encode_bucket(std::slice::from_ref(&one)).unwrap();
        assert_eq!(bucket(&bytes, VERSION), Ok(vec![one]));
    }
    assert_eq!(bucket(&encode_bucket(&[]).unwrap(), VERSION), Ok(Vec::new()));
}

#[test]
fn refuses_what_it_does_not_expect() {
    let bytes = encode_bucket(&every_kind()).unwrap();
    // Cut short anywhere, or with a byte too many: refused, as bincode does.
    for end in 0..bytes.len() {
        assert_eq!(bucket(&bytes[..end], VERSION), Err(Unexpected), "cut at {end}");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert_eq!(bucket(&longer, VERSION), Err(Unexpected));
    assert!(decode_bucket(&longer).is_err());
    // Another version, an unknown variant, a bad flag.
    assert_eq!(bucket(&bytes, VERSION + 1), Err(Unexpected));
    let one = |b: Brief| encode_bucket(&[b]).unwrap();
    let mut variant = one(every_kind()[0].clone());
    variant[2] = 3;
    assert_eq!(bucket(&variant, VERSION), Err(Unexpected));
    assert!(decode_bucket(&variant).is_err());
    let plain = HouseholdBrief { id: 0, hamlet: 1, living_since: None, status: HouseholdStatus::Active };
    let mut flag = one(Brief::Household(plain));
    // [version, count 1, variant 0, id 0, hamlet 1, living_since none, active]
    assert_eq!(flag, vec![VERSION, 1, 0, 0, 1, 0, 0]);
    flag[5] = 2;
    assert_eq!(bucket(&flag, VERSION), Err(Unexpected));
    assert!(decode_bucket(&flag).is_err());
}

#[test]
fn refuses_a_varint_wider_than_its_type() {
    // A year (u16) written as a u32 varint: bincode refuses it, so does this.
    let c = CommitmentBrief {
        id: 1,
        household: 2,
        year: 7,
        status: CommitmentStatus::Signed,
        date: ymd(2026, 1, 1),
        violations: Vec::new(),
    };
    let good = encode_bucket(&[Brief::Commitment(c)]).unwrap();
    // [version, count, variant 1, id 1, household 2, year 7, ...]
    assert_eq!(&good[..6], &[VERSION, 1, 1, 1, 2, 7]);
    let mut wide = good[..5].to_vec();
    wide.extend([252, 7, 0, 0, 0]);
    wide.extend(&good[6..]);
    assert!(decode_bucket(&wide).is_err());
    assert_eq!(bucket(&wide, VERSION), Err(Unexpected));
    // Written as a u16 varint, it is the same year to both.
    let mut u16_wide = good[..5].to_vec();
    u16_wide.extend([251, 7, 0]);
    u16_wide.extend(&good[6..]);
    assert_eq!(bucket(&u16_wide, VERSION).unwrap(), decode_bucket(&u16_wide).unwrap());
}
