//! Golden bytes: the exact stored form of one value of each main record type
//! at record version 1.
//!
//! NEVER CHANGE THESE BYTES. Databases in communes hold exactly these bytes.
//! If one of these tests fails, a stored type changed shape: put the old shape
//! back, or add a new record version (a frozen struct for version 1 and a
//! `From<V1>` conversion in `Record::decode`) and pin the new version's bytes
//! in a new test beside these.

mod privacy;

use chrono::NaiveDateTime;
use soxa::domain::{
    AreaResult, Assessment, CatalogItem, Classification, Commune, Mark, Model, Outreach, Plan, Review, Verdict,
};
use soxa::domain::{
    CaseCategory, CaseSource, CaseStatus, Commitment, CommitmentStatus, Departure, FollowUp, Gender, Household,
    HouseholdStatus, MediationCase, Member, Party, Rating, Role, Stamp, StatusChange, Training, Violation, YearRating,
};
use soxa::store::{COMMUNE_VERSION, Record, decode_commune};

use crate::common::ymd;

fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    ymd(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

fn stamp() -> Stamp {
    Stamp { created_at: at(2026, 2, 10, 8, 30), updated_at: at(2026, 11, 23, 9, 0) }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Vec<u8> {
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

/// `value` encodes to exactly `golden`, and `golden` decodes to `value`.
fn assert_golden<R: Record + PartialEq + std::fmt::Debug>(value: &R, golden: &str) {
    let bytes = value.encode().unwrap();
    assert_eq!(bytes[0], 1, "record version 1");
    assert_eq!(hex(&bytes), golden, "the stored form of {} changed", std::any::type_name::<R>());
    assert_eq!(&R::decode(&unhex(golden)).unwrap(), value);
}

fn household() -> Household {
    Household {
        id: 1_042,
        code: "T03-0127".into(),
        hamlet: 3,
        head_name: "Nguyễn Văn An".into(),
        head_birth_year: Some(1968),
        national_id: Some("033068001234".into()),
        address: "Xóm 2, thôn Đông".into(),
        members: 5,
        phone: Some("0912345678".into()),
        living_since: Some(ymd(1995, 6, 1)),
        status: HouseholdStatus::MovedOut { on: ymd(2026, 8, 15) },
        notes: "Chuyển vào Bình Dương".into(),
        stamp: stamp(),
    }
}

fn commitment() -> Commitment {
    Commitment {
        id: 20_001,
        household: 1_042,
        year: 2026,
        status: CommitmentStatus::Signed,
        date: ymd(2026, 2, 14),
        reason: String::new(),
        representative: "Nguyễn Văn An".into(),
        witness: "Lê Văn Bình".into(),
        items: vec![1, 2, 5, 300],
        violations: vec![Violation { date: ymd(2026, 2, 17), description: "Đốt pháo nổ".into() }],
        notes: String::new(),
        stamp: stamp(),
    }
}

fn member() -> Member {
    Member {
        id: 555,
        team: 12,
        full_name: "Đặng Thị Lan".into(),
        birth_date: Some(ymd(1975, 4, 30)),
        gender: Some(Gender::Female),
        phone: None,
        national_id: Some("001175009876".into()),
        household: Some(1_042),
        role: Role::Mediator,
        decision_number: "15/QĐ-UBND".into(),
        decision_date: Some(ymd(2022, 1, 5)),
        joined: ymd(2022, 1, 10),
        left: Some(Departure { on: ymd(2026, 6, 30), reason: "Chuyển công tác".into() }),
        trainings: vec![Training { date: ymd(2025, 5, 20), course: "Kỹ năng hòa giải".into(), passed: true }],
        ratings: vec![YearRating { year: 2025, rating: Rating::Good }],
        notes: "Ghi chú\ndòng hai".into(),
        stamp: stamp(),
    }
}

fn mediation_case() -> MediationCase {
    MediationCase {
        id: 90_000,
        year: 2026,
        seq: 12,
        received: ymd(2026, 9, 1),
        source: CaseSource::CommuneReferred,
        hamlet: 3,
        category: CaseCategory::Civil,
        parties: vec![
            Party {
                name: "Trần Văn Bình".into(), age: Some(58), address: "Thôn Đông".into(), household: Some(1_042)
            },
            Party { name: "Phạm Thị Hoa".into(), age: None, address: String::new(), household: None },
        ],
        content: "Tranh chấp ranh giới đất".into(),
        mediators: vec![555],
        invited: vec!["Ông Lý Văn Sơn".into()],
        assigned: Some(ymd(2026, 9, 2)),
        started: Some(ymd(2026, 9, 4)),
        status: CaseStatus::Successful,
        closed: Some(ymd(2026, 9, 10)),
        agreement: "Dời hàng rào 0,5 m".into(),
        outcome_notes: String::new(),
        follow_up: Some(FollowUp { due: ymd(2026, 12, 10), kept: None, note: String::new() }),
        history: vec![StatusChange {
            date: ymd(2026, 9, 4), status: CaseStatus::InProgress, note: "Họp lần 1".into()
        }],
        stamp: stamp(),
    }
}

#[test]
fn household_v1() {
    assert_golden(&household(), HOUSEHOLD_V1);
}

#[test]
fn commitment_v1() {
    assert_golden(&commitment(), COMMITMENT_V1);
}

#[test]
fn member_v1() {
    assert_golden(&member(), MEMBER_V1);
}

#[test]
fn mediation_case_v1() {
    assert_golden(&mediation_case(), CASE_V1);
}

// Never change these bytes; add a new version instead.
const HOUSEHOLD_V1: &str = concat!(
    "01fb1204085430332d3031323703104e677579e1bb856e2056c4836e20416e01fbb007010c3033333036383030313233",
    "341458c3b36d20322c207468c3b46e20c490c3b46e6705010a3039313233343536373801fcfa3a160001fc069416001b",
    "43687579e1bb836e2076c3a06f2042c3ac6e682044c6b0c6a16e67fc10d915d3fc200108d6",
);
const COMMITMENT_V1: &str = concat!(
    "01fb214efb1204fbea0700fc9a92160000104e677579e1bb856e2056c4836e20416e0e4cc3aa2056c4836e2042c3ac6e",
    "6804010205fb2c0101fca092160011c490e1bb9174207068c3a16f206ee1bb9500fc10d915d3fc200108d6",
);
const MEMBER_V1: &str = concat!(
    "01fb2b020c11c490e1bab76e67205468e1bb8b204c616e01fca8011600010100010c30303131373530303938373601fb",
    "1204030b31352f51c4902d55424e4401fce0861600fcea86160001fcaa9316001343687579e1bb836e2063c3b46e6720",
    "74c3a16301fc7e901600164be1bbb9206ec4836e672068c3b261206769e1baa3690101fbe9070112476869206368c3ba",
    "0a64c3b26e6720686169fc10d915d3fc200108d6",
);
const CASE_V1: &str = concat!(
    "01fc905f0100fbea070cfc2894160002030102115472e1baa76e2056c4836e2042c3ac6e68013a0c5468c3b46e20c490",
    "c3b46e6701fb1204105068e1baa16d205468e1bb8b20486f610000001f5472616e68206368e1baa5702072616e682067",
    "69e1bb9b6920c491e1baa57401fb2b020112c3946e67204cc3bd2056c4836e2053c6a16e01fc2a94160001fc2e941600",
    "0201fc3a9416001644e1bb9d692068c3a06e672072c3a06f20302c35206d0001fcf0941600000001fc2e941600010d48",
    "e1bb8d70206ce1baa76e2031fc10d915d3fc200108d6",
);

// Issue 13: the commune at record version 2 (plan and two catalogs added),
// version 1's bytes still read, and the three new kinds at version 1.

fn model() -> Model {
    Model {
        id: 70_001,
        name: "Camera an ninh thôn Đông".into(),
        kind: 4,
        hamlet: Some(3),
        started: ymd(2024, 5, 1),
        team: Some(12),
        reviews: vec![
            Review { year: 2024, verdict: Verdict::Effective, date: Some(ymd(2024, 12, 5)), reason: String::new() },
            Review { year: 2025, verdict: Verdict::Dropped, date: Some(ymd(2025, 11, 30)), reason: "Hỏng".into() },
        ],
        notes: String::new(),
        stamp: stamp(),
    }
}

fn assessment() -> Assessment {
    Assessment {
        id: 71_002,
        hamlet: 3,
        year: 2026,
        registered: Some(ymd(2026, 2, 14)),
        marks: vec![
            Mark { criterion: 1, met: true, note: String::new() },
            Mark { criterion: 3, met: false, note: "Có tranh chấp đất".into() },
        ],
        result: Some(AreaResult::NotSafe),
        classification: Some(Classification::Average),
        decision_number: "12/QĐ-UBND".into(),
        decision_date: Some(ymd(2026, 12, 20)),
        notes: String::new(),
        stamp: stamp(),
    }
}

fn outreach() -> Outreach {
    Outreach {
        id: 72_003,
        date: ymd(2026, 4, 2),
        hamlets: vec![3, 4],
        topic: "Phòng chống ma túy".into(),
        speaker: "Đại úy Lê Văn Hùng".into(),
        households: vec![1_042, 1_043, 90_000],
        head_count: 57,
        notes: String::new(),
        stamp: stamp(),
    }
}

#[test]
fn model_v1() {
    assert_golden(&model(), MODEL_V1);
}

#[test]
fn assessment_v1() {
    assert_golden(&assessment(), ASSESSMENT_V1);
}

#[test]
fn outreach_v1() {
    assert_golden(&outreach(), OUTREACH_V1);
}

fn small_commune() -> Commune {
    let mut c = Commune::new("Xã Nhất Tiến", "Bình Phước");
    c.catalog = vec![CatalogItem { id: 1, text: "Không đốt pháo".into(), active: true }];
    c.model_kinds.truncate(2);
    c.criteria.truncate(1);
    c.criteria[0].text = "Tiêu chí 1".into();
    c.stamp = stamp();
    c
}

/// A version 1 commune (before issue 13) reads with the default plan and
/// the seeded catalogs; version 2 is pinned as written now.
#[test]
fn commune_v1_reads_and_v2_is_pinned() {
    let v1 = decode_commune(&unhex(COMMUNE_V1)).unwrap();
    let seeded = Commune::new("x", "y");
    assert_eq!((v1.name.as_str(), v1.province.as_str()), ("Xã Nhất Tiến", "Bình Phước"));
    assert_eq!(v1.catalog, vec![CatalogItem { id: 1, text: "Không đốt pháo".into(), active: true }]);
    assert_eq!((v1.plan, v1.model_kinds, v1.criteria), (Plan::default(), seeded.model_kinds, seeded.criteria));
    assert_eq!(v1.stamp, stamp());
    let c = small_commune();
    let bytes = soxa::store::codec::encode(COMMUNE_VERSION, &c).unwrap();
    assert_eq!(bytes[0], 2);
    assert_eq!(hex(&bytes), COMMUNE_V2);
    assert_eq!(decode_commune(&unhex(COMMUNE_V2)).unwrap(), c);
}

const MODEL_V1: &str = concat!(
    "01fc711101001b43616d65726120616e206e696e68207468c3b46e20c490c3b46e67040103fc7e8d1600010c02fbe8070001",
    "fc328f160000fbe9070201fc029216000648e1bb8f6e6700fc10d915d3fc200108d6",
);
const ASSESSMENT_V1: &str = concat!(
    "01fc5a15010003fbea0701fc9a9216000201010003001743c3b3207472616e68206368e1baa57020c491e1baa574010101",
    "020b31322f51c4902d55424e4401fc0495160000fc10d915d3fc200108d6",
);
const OUTREACH_V1: &str = concat!(
    "01fc43190100fcf8921600020304165068c3b26e67206368e1bb916e67206d612074c3ba7919c490e1baa16920c3ba7920",
    "4cc3aa2056c4836e2048c3b96e6703fb1204fb1304fc905f01003900fc10d915d3fc200108d6",
);
/// Written by the commune's version 1 shape (name, province, approver,
/// preparer, settings, catalog, stamp).
const COMMUNE_V1: &str = concat!(
    "011158c3a3204e68e1baa574205469e1babf6e0e42c3ac6e68205068c6b0e1bb9b6300000000031e036400000101134b68",
    "c3b46e6720c491e1bb9174207068c3a16f01fc10d915d3fc200108d6",
);
/// The plan (thirteen settings) and the two catalogs come after the
/// commitment catalog.
const COMMUNE_V2: &str = concat!(
    "021158c3a3204e68e1baa574205469e1babf6e0e42c3ac6e68205068c6b0e1bb9b6300000000031e036400000101134b68",
    "c3b46e6720c491e1bb9174207068c3a16f01644b5a1e3200500103460f050f0b0a0c02011054e1bb952074e1bbb1207175",
    "e1baa36e01021b4e68c3b36d206c69c3aa6e206769612074e1bbb1207175e1baa36e0101010c5469c3aa75206368c3ad20",
    "3101fc10d915d3fc200108d6",
);
