//! The register: numbering, validation, the access log's lines.

use chrono::NaiveDate;

use super::*;
use crate::domain::Field;
use crate::domain::request::{RequestKind, RequestStatus};
use crate::store::{Clock, OpenOptions};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn open(dir: &std::path::Path) -> Store {
    let mut store = Store::open(dir, &OpenOptions::default()).unwrap();
    store.set_clock(Clock::Fixed(day(7).and_hms_opt(9, 0, 0).unwrap()));
    store
}

#[test]
fn requests_are_numbered_saved_and_logged_by_number_only() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    let first = store.record_request(DataRequest::new(day(1), " Nguyễn  Văn An ", RequestKind::See)).unwrap();
    let second = store.record_request(DataRequest::new(day(7), "Lê Thị Hoa", RequestKind::Delete)).unwrap();
    assert_eq!((first.id, second.id), (1, 2));
    assert_eq!(first.person, "Nguyễn Văn An", "cleaned");
    assert_eq!((first.acknowledge_by, first.act_by), (day(3), day(16)));
    let mut done = second.clone();
    done.status = RequestStatus::Done;
    done.answered = Some(day(7));
    done.answer = "Đã xóa hộ T01-0001".into();
    store.update_request(done.clone()).unwrap();
    assert_eq!(
        store.requests().unwrap().iter().map(|r| r.status).collect::<Vec<_>>(),
        [RequestStatus::Received, RequestStatus::Done]
    );
    assert_eq!(store.overdue_requests(day(7)).unwrap(), 1, "the first was not acknowledged by the 3rd");
    let log: Vec<AccessEvent> = store.access_log(10).unwrap().into_iter().map(|e| e.event).collect();
    assert_eq!(
        log,
        [
            AccessEvent::RequestUpdated { id: 2 },
            AccessEvent::RequestRecorded { id: 2 },
            AccessEvent::RequestRecorded { id: 1 },
        ]
    );
    drop(store);
    let store = open(&tmp.path().join("db"));
    assert_eq!(store.request(2).unwrap().unwrap().answer, done.answer, "flushed and read back");
}

#[test]
fn a_bad_request_is_refused_naming_the_field_and_nothing_is_written() {
    let tmp = tempfile::tempdir().unwrap();
    let store = open(&tmp.path().join("db"));
    let e = store.record_request(DataRequest::new(day(8), "An", RequestKind::Object)).unwrap_err();
    let StoreError::Invalid(errors) = e else { panic!("not invalid: {e:?}") };
    assert_eq!(errors[0].field, Field::RequestReceived, "received tomorrow");
    let mut unknown = DataRequest::new(day(1), "An", RequestKind::See);
    unknown.id = 9;
    assert!(store.update_request(unknown).is_err());
    assert!(store.requests().unwrap().is_empty() && store.access_log(10).unwrap().is_empty());
}
