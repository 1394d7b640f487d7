//! One test per kind of record: the parts that changed, with old and new
//! values, and list items added or removed.

use chrono::NaiveDate;

use super::{Delta, Fact, FieldChange, Label, changed_fields, diff};
use crate::domain::{
    CaseCategory, CaseStatus, CatalogItem, Commitment, CommitmentStatus, Commune, EntityKind, Field, FollowUp, Gender,
    Hamlet, HamletKind, Household, HouseholdStatus, Lang, MediationCase, Member, Party, Rating, Role, StatusChange,
    Team, TeamKind, TeamStatus, Training, Violation, YearRating,
};

fn day(d: u32, m: u32, y: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn set(label: Label, old: Fact, new: Fact) -> FieldChange {
    FieldChange { label, delta: Delta::Set { old, new } }
}

fn f(field: Field) -> Label {
    Label::Field(field)
}

fn text(s: &str) -> Fact {
    Fact::Text(s.into())
}

#[test]
fn an_unchanged_record_has_no_changes() {
    let h = Household::new("T01-0001", 1, "Nguyễn Văn An");
    assert_eq!(diff(&h, &h.clone()), []);
}

#[test]
fn household_fields_show_old_and_new() {
    let old = Household::new("T01-0001", 1, "Nguyễn Văn An");
    let mut new = old.clone();
    new.head_name = "Nguyễn Văn Ân".into();
    new.hamlet = 2;
    new.phone = Some("0912345678".into());
    new.status = HouseholdStatus::MovedOut { on: day(1, 3, 2026) };
    new.stamp.updated_at = day(2, 3, 2026).and_hms_opt(8, 0, 0).unwrap();
    assert_eq!(
        diff(&old, &new),
        [
            set(f(Field::Hamlet), Fact::Ref(EntityKind::Hamlet, 1), Fact::Ref(EntityKind::Hamlet, 2)),
            set(f(Field::HeadName), text("Nguyễn Văn An"), text("Nguyễn Văn Ân")),
            set(f(Field::Phone), Fact::Empty, text("0912345678")),
            set(f(Field::MovedOut), Fact::Empty, Fact::Date(day(1, 3, 2026))),
        ],
        "the stamp is not a change a person made"
    );
}

#[test]
fn changed_fields_name_each_field_once_and_leave_lists_out() {
    let old = Member::new(1, "Lò Văn Páo", Role::Member, day(1, 1, 2024));
    let mut new = old.clone();
    new.role = Role::Leader;
    new.full_name = "Lò Văn Pao".into();
    new.left = Some(crate::domain::Departure { on: day(1, 6, 2026), reason: "Chuyển đi".into() });
    new.trainings.push(Training { date: day(2, 2, 2025), course: "PCCC".into(), passed: true });
    assert_eq!(changed_fields(&old, &new), [Field::FullName, Field::Role, Field::Left, Field::LeftReason]);
    assert_eq!(changed_fields(&old, &old.clone()), []);
}

#[test]
fn commitment_violations_are_items_added_and_removed() {
    let old = Commitment::signed(7, 2026, day(5, 1, 2026), vec![1, 2, 3]);
    let mut new = old.clone();
    new.status = CommitmentStatus::Refused;
    new.items = vec![3, 1, 4];
    new.violations.push(Violation { date: day(12, 3, 2026), description: "Đánh bạc".into() });
    let changes = diff(&old, &new);
    assert_eq!(
        changes,
        [
            set(
                f(Field::Status),
                Fact::CommitmentStatus(CommitmentStatus::Signed),
                Fact::CommitmentStatus(CommitmentStatus::Refused)
            ),
            FieldChange { label: f(Field::Items), delta: Delta::Removed(Fact::CatalogItem(2)) },
            FieldChange { label: f(Field::Items), delta: Delta::Added(Fact::CatalogItem(4)) },
            FieldChange {
                label: Label::Violations,
                delta: Delta::Added(Fact::Parts(vec![Fact::Date(day(12, 3, 2026)), text("Đánh bạc")])),
            },
        ]
    );
    // An edited violation: the old one out, the new one in.
    let mut later = new.clone();
    later.violations[0].description = "Đánh bạc ăn tiền".into();
    let labels: Vec<_> =
        diff(&new, &later).into_iter().map(|c| (c.label, matches!(c.delta, Delta::Added(_)))).collect();
    assert_eq!(labels, [(Label::Violations, false), (Label::Violations, true)]);
}

#[test]
fn team_place_and_dissolution() {
    let old = Team::new("Tổ bảo vệ thôn Đông", TeamKind::Security, Some(3));
    let mut new = old.clone();
    new.hamlet = None;
    new.status = TeamStatus::Dissolved { on: day(30, 6, 2026) };
    assert_eq!(
        diff(&old, &new),
        [
            set(f(Field::Hamlet), Fact::Ref(EntityKind::Hamlet, 3), Fact::CommuneWide),
            set(f(Field::Dissolved), Fact::Empty, Fact::Date(day(30, 6, 2026))),
        ]
    );
}

#[test]
fn member_trainings_ratings_and_leaving() {
    let old = Member::new(4, "Lê Thị Hoa", Role::Member, day(1, 2, 2024));
    let mut new = old.clone();
    new.role = Role::Leader;
    new.gender = Some(Gender::Female);
    new.trainings.push(Training { date: day(5, 6, 2026), course: "Kỹ năng hòa giải".into(), passed: true });
    new.ratings.push(YearRating { year: 2025, rating: Rating::Good });
    new.left = Some(crate::domain::Departure { on: day(1, 9, 2026), reason: "Chuyển công tác".into() });
    assert_eq!(
        diff(&old, &new),
        [
            set(f(Field::Gender), Fact::Empty, Fact::Gender(Gender::Female)),
            set(f(Field::Role), Fact::Role(Role::Member), Fact::Role(Role::Leader)),
            set(f(Field::Left), Fact::Empty, Fact::Date(day(1, 9, 2026))),
            set(f(Field::LeftReason), Fact::Empty, text("Chuyển công tác")),
            FieldChange {
                label: Label::Trainings,
                delta: Delta::Added(Fact::Parts(vec![
                    Fact::Date(day(5, 6, 2026)),
                    text("Kỹ năng hòa giải"),
                    Fact::Passed(true)
                ])),
            },
            FieldChange {
                label: Label::Ratings,
                delta: Delta::Added(Fact::Parts(vec![Fact::Year(2025), Fact::Rating(Rating::Good)])),
            },
        ]
    );
}

#[test]
fn case_parties_mediators_steps_and_follow_up() {
    let party = |name: &str| Party { name: name.into(), age: None, address: String::new(), household: None };
    let mut old = MediationCase::new(day(2, 3, 2026), 5, CaseCategory::Civil, vec![party("An"), party("Bình")]);
    old.year = 2026;
    old.seq = 4;
    let mut new = old.clone();
    new.parties[1].age = Some(40);
    new.mediators = vec![9];
    new.history.push(StatusChange { date: day(4, 3, 2026), status: CaseStatus::InProgress, note: "Họp".into() });
    new.status = CaseStatus::InProgress;
    new.follow_up = Some(FollowUp { due: day(4, 4, 2026), kept: Some(true), note: String::new() });
    let changes = diff(&old, &new);
    let bình = |age| Fact::Parts(vec![text("Bình"), age, Fact::Empty, Fact::Empty]);
    assert_eq!(
        changes,
        [
            FieldChange { label: f(Field::Parties), delta: Delta::Removed(bình(Fact::Empty)) },
            FieldChange { label: f(Field::Parties), delta: Delta::Added(bình(Fact::Age(40))) },
            FieldChange { label: f(Field::Mediators), delta: Delta::Added(Fact::Ref(EntityKind::Member, 9)) },
            set(f(Field::Status), Fact::CaseStatus(CaseStatus::Received), Fact::CaseStatus(CaseStatus::InProgress)),
            set(f(Field::FollowUpDate), Fact::Empty, Fact::Date(day(4, 4, 2026))),
            set(f(Field::FollowUpKept), Fact::Empty, Fact::Kept(true)),
            FieldChange {
                label: Label::Steps,
                delta: Delta::Added(Fact::Parts(vec![
                    Fact::Date(day(4, 3, 2026)),
                    Fact::CaseStatus(CaseStatus::InProgress),
                    text("Họp")
                ])),
            },
        ]
    );
}

#[test]
fn hamlet_and_commune_settings() {
    let old = Hamlet::new("T01", "Đông", HamletKind::Thon);
    let mut new = old.clone();
    new.kind = HamletKind::ToDanPho;
    assert_eq!(
        diff(&old, &new),
        [set(Label::HamletKind, Fact::HamletKind(HamletKind::Thon), Fact::HamletKind(HamletKind::ToDanPho))]
    );

    let mut old = Commune::new("Xã An Khang", "Tuyên Quang");
    old.catalog = vec![CatalogItem { id: 1, text: "Không ma túy".into(), active: true }];
    let mut new = old.clone();
    new.settings.overdue_days = 45;
    new.settings.language = Lang::En;
    new.approver.name = "Trần Văn Bốn".into();
    new.catalog[0].active = false;
    let changes = diff(&old, &new);
    assert_eq!(
        changes,
        [
            set(Label::ApproverName, Fact::Empty, text("Trần Văn Bốn")),
            set(f(Field::OverdueDays), Fact::Number(old.settings.overdue_days.into()), Fact::Number(45)),
            set(Label::Language, Fact::Lang(Lang::Vi), Fact::Lang(Lang::En)),
            FieldChange {
                label: f(Field::CatalogItem),
                delta: Delta::Removed(Fact::Parts(vec![text("Không ma túy")]))
            },
            FieldChange {
                label: f(Field::CatalogItem),
                delta: Delta::Added(Fact::Parts(vec![text("Không ma túy"), Fact::Retired])),
            },
        ]
    );
}

#[test]
fn a_repeated_list_item_is_counted_as_often_as_it_occurs() {
    let old = Commitment::signed(7, 2026, day(5, 1, 2026), vec![1, 1]);
    let mut new = old.clone();
    new.items = vec![1];
    assert_eq!(diff(&old, &new), [FieldChange { label: f(Field::Items), delta: Delta::Removed(Fact::CatalogItem(1)) }]);
}
