//! Golden bytes of the values issue 15 stores outside the record trees:
//! an operator, access-log entries (every event is stored by its position:
//! new events only ever go at the end), the privacy settings, the wrong
//! sign-ins in a row and a data subject's request, all at version 1.
//!
//! NEVER CHANGE THESE BYTES: ledgers hold exactly these. A failure means a
//! stored type changed shape: put the old shape back, or add a version.

use serde::Serialize;
use serde::de::DeserializeOwned;
use soxa::domain::EntityKind;
use soxa::domain::access::OperatorRole;
use soxa::domain::operator::{
    AccessEntry, AccessEvent, Operator, PersonalNumber, PrivacySettings, Retention, SignInFailures,
};
use soxa::domain::request::{DataRequest, RequestKind, RequestStatus};
use soxa::store::codec;

use super::{at, hex, unhex};
use crate::common::ymd;

fn assert_golden<V: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(value: &V, golden: &str) {
    let bytes = codec::encode(1, value).unwrap();
    assert_eq!(hex(&bytes), golden, "the stored form of {} changed", std::any::type_name::<V>());
    assert_eq!(&codec::decode_current::<V>(&unhex(golden), 1).unwrap(), value);
}

fn entry(id: u64, event: AccessEvent) -> AccessEntry {
    AccessEntry { id, at: at(2026, 12, 6, 9, 30), operator: "Lê Thị Hoa".into(), event }
}

#[test]
fn an_operator() {
    let op = Operator {
        name: "Đỗ Văn An".into(),
        role: OperatorRole::HamletHead,
        hamlet: Some(3),
        passphrase_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA".into(),
        created_at: at(2026, 12, 1, 8, 0),
        passphrase_changed_at: at(2026, 12, 6, 9, 30),
    };
    assert_golden(&op, GOLDEN_OPERATOR);
}

#[test]
fn access_log_entries() {
    let events = [
        AccessEvent::SignedIn,
        AccessEvent::SignInFailed { name: "le thi".into() },
        AccessEvent::Unmasked {
            kind: EntityKind::Household,
            id: 1_042,
            reference: "T03-0127".into(),
            number: PersonalNumber::Phone,
        },
        AccessEvent::ExportedBook {
            team: "Tổ hòa giải thôn Đông".into(), year: 2026, file: "so.xlsx.zip".into()
        },
        AccessEvent::PurgedExpired { records: 12 },
        AccessEvent::OperatorAdded { name: "Đỗ Văn An".into(), role: OperatorRole::Viewer },
        AccessEvent::RecoveryKeyRotated,
        AccessEvent::RequestUpdated { id: 7 },
        AccessEvent::Compacted { before: 215_800_000, after: 190_800_000 },
    ];
    let got: Vec<String> = events
        .iter()
        .enumerate()
        .map(|(i, e)| hex(&codec::encode(1, &entry(i as u64 + 1, e.clone())).unwrap()))
        .collect();
    assert_eq!(got, GOLDEN_ACCESS, "the stored form of access-log entries changed");
    for (e, golden) in events.iter().zip(GOLDEN_ACCESS) {
        assert_eq!(codec::decode_current::<AccessEntry>(&unhex(golden), 1).unwrap().event, *e);
    }
}

#[test]
fn privacy_settings_and_wrong_sign_ins() {
    let settings = PrivacySettings {
        idle_lock_minutes: 10,
        retention: Retention { moved_out_years: 5, left_member_years: 3, closed_case_years: 7 },
        recovery_recipient: Some("age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq".into()),
    };
    assert_golden(&settings, GOLDEN_PRIVACY);
    assert_golden(&SignInFailures { count: 4, last_at: at(2026, 12, 6, 9, 30) }, GOLDEN_FAILURES);
}

#[test]
fn a_data_subjects_request() {
    let r = DataRequest {
        id: 7,
        received: ymd(2026, 12, 4),
        person: "Nguyễn Văn Hỏi".into(),
        kind: RequestKind::Delete,
        acknowledge_by: ymd(2026, 12, 8),
        act_by: ymd(2026, 12, 19),
        status: RequestStatus::Done,
        answer: "Đã xóa".into(),
        answered: Some(ymd(2026, 12, 6)),
        updated_at: at(2026, 12, 6, 9, 30),
    };
    assert_golden(&r, GOLDEN_REQUEST);
}

const GOLDEN_OPERATOR: &str = "010dc490e1bb972056c4836e20416e0301032c246172676f6e32696424763d3139246d3d31393435362c743d322c703d3124633246736441246147467a6141fc00fd1cd6fc30562ad6";
const GOLDEN_ACCESS: [&str; 9] = [
    "0101fc30562ad60d4cc3aa205468e1bb8b20486f6100",
    "0102fc30562ad60d4cc3aa205468e1bb8b20486f6101066c6520746869",
    "0103fc30562ad60d4cc3aa205468e1bb8b20486f610202fb1204085430332d3031323701",
    "0104fc30562ad60d4cc3aa205468e1bb8b20486f61041d54e1bb952068c3b261206769e1baa369207468c3b46e20c490c3b46e67fbea070b736f2e786c73782e7a6970",
    "0105fc30562ad60d4cc3aa205468e1bb8b20486f61060c",
    "0106fc30562ad60d4cc3aa205468e1bb8b20486f61080dc490e1bb972056c4836e20416e04",
    "0107fc30562ad60d4cc3aa205468e1bb8b20486f610b",
    "0108fc30562ad60d4cc3aa205468e1bb8b20486f610f07",
    "0109fc30562ad60d4cc3aa205468e1bb8b20486f6110fcc0d8dc0cfc80605f0b",
];
const GOLDEN_PRIVACY: &str = "010a050307013e6167653171717171717171717171717171717171717171717171717171717171717171717171717171717171717171717171717171717171717171717171";
const GOLDEN_FAILURES: &str = "0104fc30562ad6";
const GOLDEN_REQUEST: &str = "0107fce4941600134e677579e1bb856e2056c4836e2048e1bb8f6902fcec941600fc029516000209c490c3a32078c3b36101fce8941600fc30562ad6";
