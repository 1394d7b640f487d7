//! The history of each kind of record, written through a real store on a
//! fixed clock and read back in words.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Entry, Line, Shift, load};
use crate::domain::{
    AuditAction, CaseCategory, CaseStatus, CatalogItem, Commitment, CommitmentStatus, Commune, EntityKind, Hamlet,
    HamletKind, Household, Lang, MediationCase, Member, Party, Role, Team, TeamKind, Training, Violation,
};
use crate::store::{Clock, OpenOptions, Store};

fn day(d: u32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap()
}

fn at(d: u32, m: u32, h: u32) -> NaiveDateTime {
    day(d, m).and_hms_opt(h, 0, 0).unwrap()
}

struct Fx {
    _dir: tempfile::TempDir,
    store: Store,
    hamlet: Hamlet,
}

impl Fx {
    /// A commune with two catalog items and one hamlet, by "Lê Thị Hoa".
    fn new() -> Fx {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("db"), &OpenOptions::default()).unwrap();
        store.set_clock(Clock::Fixed(at(2, 3, 8)));
        store.set_operator("Lê Thị Hoa");
        let mut commune = Commune::new("Xã An Khang", "Tuyên Quang");
        commune.catalog = vec![
            CatalogItem { id: 1, text: "Không ma túy".into(), active: true },
            CatalogItem { id: 2, text: "Không pháo nổ".into(), active: true },
        ];
        store.save_commune(commune).unwrap();
        let hamlet = store.insert(Hamlet::new("T01", "Đông", HamletKind::Thon)).unwrap();
        Fx { _dir: dir, store, hamlet }
    }

    fn at(&mut self, d: u32, m: u32, h: u32) {
        self.store.set_clock(Clock::Fixed(at(d, m, h)));
    }

    fn history(&self, lang: Lang, records: &[(EntityKind, u64)]) -> Vec<Entry> {
        load(&self.store, lang, records).unwrap()
    }
}

fn set(label: &str, old: &str, new: &str) -> Line {
    Line { label: label.into(), shift: Shift::Set { old: old.into(), new: new.into() } }
}

fn added(label: &str, item: &str) -> Line {
    Line { label: label.into(), shift: Shift::Added(item.into()) }
}

fn removed(label: &str, item: &str) -> Line {
    Line { label: label.into(), shift: Shift::Removed(item.into()) }
}

#[test]
fn a_household_and_its_commitment_newest_first_with_old_and_new_values() {
    let mut fx = Fx::new();
    let mut h = fx.store.insert(Household::new("T01-0001", fx.hamlet.id, "Nguyễn Văn An")).unwrap();
    fx.at(3, 3, 9);
    h.phone = Some("0912345678".into());
    h.members = 4;
    let h = fx.store.update(h).unwrap();
    fx.at(4, 3, 10);
    let mut c = fx.store.insert(Commitment::signed(h.id, 2026, day(4, 3), vec![1, 2])).unwrap();
    fx.at(5, 3, 11);
    c.violations.push(Violation { date: day(5, 3), description: "Đánh bạc".into() });
    c.items = vec![1];
    fx.store.update(c.clone()).unwrap();

    let entries = fx.history(Lang::Vi, &[(EntityKind::Household, h.id), (EntityKind::Commitment, c.id)]);
    let heads: Vec<_> = entries.iter().map(|e| (e.at, e.action, e.subject.as_str())).collect();
    assert_eq!(
        heads,
        [
            (at(5, 3, 11), AuditAction::Update, "Cam kết năm 2026"),
            (at(4, 3, 10), AuditAction::Create, "Cam kết năm 2026"),
            (at(3, 3, 9), AuditAction::Update, "T01-0001 Nguyễn Văn An"),
            (at(2, 3, 8), AuditAction::Create, "T01-0001 Nguyễn Văn An"),
        ]
    );
    assert!(entries.iter().all(|e| e.operator == "Lê Thị Hoa"));
    assert_eq!(
        entries[0].lines,
        [removed("Các nội dung cam kết", "Không pháo nổ"), added("Vi phạm", "05/03/2026 Đánh bạc")]
    );
    assert_eq!(entries[1].lines, [], "an addition's values are those the next edit changes");
    assert_eq!(entries[2].lines, [set("Số nhân khẩu", "1", "4"), set("Số điện thoại", "(trống)", "091****678")]);
}

#[test]
fn english_words_and_an_undone_change_read_as_a_restore() {
    let mut fx = Fx::new();
    let h = fx.store.insert(Household::new("T01-0001", fx.hamlet.id, "Nguyễn Văn An")).unwrap();
    fx.at(3, 3, 9);
    let mut c = Commitment::signed(h.id, 2026, day(3, 3), vec![1]);
    c.status = CommitmentStatus::Refused;
    c.reason = "Đi vắng".into();
    let c = fx.store.insert(c).unwrap();
    let mut signed = c.clone();
    signed.status = CommitmentStatus::Signed;
    signed.reason.clear();
    fx.at(4, 3, 9);
    fx.store.update(signed).unwrap();
    fx.at(5, 3, 9);
    let entries = fx.store.audit_of(EntityKind::Commitment, c.id).unwrap();
    fx.store.restore::<Commitment>(entries[1].before.as_deref().unwrap()).unwrap();

    let entries = fx.history(Lang::En, &[(EntityKind::Commitment, c.id)]);
    assert_eq!(entries[0].action, AuditAction::Restore);
    assert_eq!(entries[0].subject, "Commitment 2026");
    assert_eq!(entries[0].lines, [set("Status", "Signed", "Refused"), set("Reason", "(empty)", "Đi vắng")]);
    assert_eq!(entries[1].lines, [set("Status", "Refused", "Signed"), set("Reason", "Đi vắng", "(empty)")]);
}

#[test]
fn a_team_and_a_member_name_what_they_point_to() {
    let mut fx = Fx::new();
    let mut team =
        fx.store.insert(Team::new("Tổ hòa giải thôn Đông", TeamKind::Mediation, Some(fx.hamlet.id))).unwrap();
    let mut m = fx.store.insert(Member::new(team.id, "Trần Thị Mai", Role::Member, day(1, 3))).unwrap();
    fx.at(3, 3, 9);
    team.hamlet = None;
    fx.store.update(team.clone()).unwrap();
    m.role = Role::Mediator;
    m.trainings.push(Training { date: day(3, 3), course: "Kỹ năng hòa giải".into(), passed: true });
    fx.store.update(m.clone()).unwrap();

    let team_history = fx.history(Lang::Vi, &[(EntityKind::Team, team.id)]);
    assert_eq!(team_history[0].lines, [set("Thôn/tổ dân phố", "Thôn Đông", "Toàn xã")]);
    let member = fx.history(Lang::Vi, &[(EntityKind::Member, m.id)]);
    assert_eq!(
        member[0].lines,
        [set("Chức danh", "Tổ viên", "Hòa giải viên"), added("Tập huấn", "03/03/2026 Kỹ năng hòa giải, đạt")]
    );
}

#[test]
fn a_case_lists_parties_mediators_and_steps_as_lines() {
    let mut fx = Fx::new();
    let team = fx.store.insert(Team::new("Tổ hòa giải", TeamKind::Mediation, Some(fx.hamlet.id))).unwrap();
    let mediator = fx.store.insert(Member::new(team.id, "Lê Văn Tâm", Role::Mediator, day(1, 1))).unwrap();
    let party = |name: &str| Party { name: name.into(), age: None, address: String::new(), household: None };
    let mut case = MediationCase::new(day(2, 3), fx.hamlet.id, CaseCategory::Civil, vec![party("An"), party("Bình")]);
    case.content = "Tranh chấp lối đi".into();
    let mut case = fx.store.insert(case).unwrap();
    fx.at(4, 3, 14);
    case.parties[1].age = Some(40);
    case.mediators = vec![mediator.id];
    case.move_to(CaseStatus::InProgress, day(4, 3), "Họp hai bên").unwrap();
    fx.store.update(case.clone()).unwrap();

    let entries = fx.history(Lang::Vi, &[(EntityKind::Case, case.id)]);
    assert_eq!(entries[0].subject, "1/2026 An - Bình");
    assert_eq!(
        entries[0].lines,
        [
            removed("Các bên", "Bình"),
            added("Các bên", "Bình, 40 tuổi"),
            added("Hòa giải viên", "Lê Văn Tâm"),
            set("Ngày bắt đầu hòa giải", "(trống)", "04/03/2026"),
            set("Trạng thái", "Mới tiếp nhận", "Đang hòa giải"),
            added("Diễn biến", "04/03/2026 Đang hòa giải, Họp hai bên"),
        ]
    );
}

#[test]
fn the_commune_and_a_hamlet() {
    let mut fx = Fx::new();
    fx.at(3, 3, 9);
    let mut c = fx.store.commune().unwrap().unwrap();
    c.settings.overdue_days = 45;
    c.catalog[1].active = false;
    c.preparer.name = "Phạm Văn Năm".into();
    fx.store.save_commune(c).unwrap();
    let mut h = fx.hamlet.clone();
    h.name = "Đông Hạ".into();
    fx.store.update(h).unwrap();

    let commune = fx.history(Lang::Vi, &[(EntityKind::Commune, 0)]);
    assert_eq!(commune.len(), 2);
    assert_eq!(
        commune[0].lines,
        [
            set("Họ tên người lập", "(trống)", "Phạm Văn Năm"),
            set("Số ngày quá hạn", "30", "45"),
            removed("Nội dung cam kết", "Không pháo nổ"),
            added("Nội dung cam kết", "Không pháo nổ, ngừng dùng"),
        ]
    );
    let hamlet = fx.history(Lang::Vi, &[(EntityKind::Hamlet, fx.hamlet.id)]);
    assert_eq!(hamlet[0].lines, [set("Tên thôn", "Đông", "Đông Hạ")]);
}

#[test]
fn a_deleted_reference_is_named_by_its_id_and_long_text_is_clipped() {
    let mut fx = Fx::new();
    let h = fx.store.insert(Household::new("T01-0001", fx.hamlet.id, "Nguyễn Văn An")).unwrap();
    let team = fx.store.insert(Team::new("Tổ bảo vệ", TeamKind::Security, None)).unwrap();
    let mut m = Member::new(team.id, "Trần Văn Ba", Role::Member, day(1, 3));
    m.household = Some(h.id);
    let mut m = fx.store.insert(m).unwrap();
    fx.at(3, 3, 9);
    m.household = None;
    m.notes = format!("Dòng một\nDòng hai {}", "x".repeat(300));
    fx.store.update(m.clone()).unwrap();
    fx.store.delete::<Household>(h.id).unwrap();

    let entries = fx.history(Lang::Vi, &[(EntityKind::Member, m.id)]);
    let Shift::Set { old, .. } = &entries[0].lines[0].shift else { panic!("a set") };
    assert_eq!(old, &format!("#{} (đã xóa)", h.id));
    let Shift::Set { new, .. } = &entries[0].lines[1].shift else { panic!("a set") };
    assert!(new.starts_with("Dòng một / Dòng hai xxx"));
    assert_eq!(new.chars().count(), 160);
    assert!(new.ends_with('…'));
}
