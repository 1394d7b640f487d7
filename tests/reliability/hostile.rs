//! Hostile field values through the validation every form and import uses
//! (each record's `normalize` then `validate`, which `Store::insert` runs):
//! each is cleaned or refused with the intended field and problem, a refused
//! save changes nothing, and nothing that reaches the screen carries a
//! control character.

use chrono::NaiveDate;
use soxa::domain::date::{check_past, parse_dmy};
use soxa::domain::{AuditEntry, CaseStatus, Field, FieldError, Household, Lang, MediationCase, Member, Problem, Role};
use soxa::store::{Store, StoreError};
use unicode_normalization::UnicodeNormalization;

use crate::common::tui::Tui;
use crate::common::{TestDb, case, hamlet, household, member, now, ymd};

fn today() -> NaiveDate {
    now().date()
}

/// Nothing a terminal would act on, nothing invisible that changes how text
/// is drawn, and NFC.
fn assert_displayable(s: &str, what: &str) {
    assert!(!s.chars().any(char::is_control), "{what}: control character left in {s:?}");
    assert!(!s.contains(['\u{200E}', '\u{200F}', '\u{202E}', '\u{200D}', '\u{FEFF}']), "{what}: format mark in {s:?}");
    assert!(!s.contains('\u{FFFD}'), "{what}: U+FFFD (bytes that were not text) in {s:?}");
    assert!(s.nfc().eq(s.chars()), "{what}: not NFC: {s:?}");
}

enum Want {
    /// Saved, as this text.
    Clean(&'static str),
    /// Saved; only displayable-ness is checked (long emoji strings...).
    Kept,
    /// Refused with this problem on the name field.
    Refused(Problem),
}

/// Name fields: the household head, a team member and a case party share
/// these rules.
fn name_table() -> Vec<(String, Want)> {
    use Want::*;
    let nfd_name: String = "Nguyễn Thị Ánh".nfd().collect();
    vec![
        (String::new(), Refused(Problem::Required)),
        ("   \t \u{3000} ".into(), Refused(Problem::Required)),
        ("\u{200B}\u{FEFF}".into(), Refused(Problem::Required)),
        ("\0\x01\x7f".into(), Refused(Problem::Required)),
        ("Đ".repeat(10_000), Refused(Problem::TooLong { max: 100 })),
        ("a ".repeat(5_000), Refused(Problem::TooLong { max: 100 })),
        ("\x1b[2JNguyễn Văn An".into(), Clean("[2JNguyễn Văn An")),
        ("Lê Văn\x1b]0;x\x07 Bình".into(), Clean("Lê Văn]0;x Bình")),
        ("\x1b[31mĐỏ\x1b[0m".into(), Clean("[31mĐỏ[0m")),
        ("Trần\0Thị\x01 Lan\r\n".into(), Clean("TrầnThị Lan")),
        ("\u{202E}Phạm Hùng\u{200F}\u{200E}".into(), Clean("Phạm Hùng")),
        ("\u{061C}\u{2066}Hoàng\u{2069} Yến".into(), Clean("Hoàng Yến")),
        ("Bùi Thị Mai 🌸🇻🇳".into(), Clean("Bùi Thị Mai 🌸🇻🇳")),
        ("👨\u{200D}👩\u{200D}👧 Gia đình".into(), Clean("👨👩👧 Gia đình")),
        (nfd_name, Clean("Nguyễn Thị Ánh")),
        ("\u{0301}\u{0323}An".into(), Clean("An")),
        ("\u{85}Ngô\u{2028}Quý".into(), Clean("Ngô Quý")),
        ("🌸".repeat(101), Refused(Problem::TooLong { max: 100 })),
        ("🌸".repeat(100), Kept),
        // Issue 17 item 10: what a decoder puts for bytes that were not UTF-8.
        ("Nguy\u{FFFD}\u{FFFD}n Văn \u{FFFD}An".into(), Clean("Nguyn Văn An")),
        ("\u{FFFD}\u{FFFD}".into(), Refused(Problem::Required)),
        (format!("Lê{}", "\u{FFFD}".repeat(200)), Clean("Lê")),
    ]
}

fn problem_on(errs: &[FieldError], field: Field) -> Option<Problem> {
    errs.iter().find(|e| e.field == field).map(|e| e.problem)
}

#[test]
fn hostile_names_are_cleaned_or_refused_on_every_record() {
    for (input, want) in name_table() {
        let mut h = Household::new("T01-0001", 1, &input);
        h.normalize();
        let mut m = Member::new(1, &input, Role::Member, ymd(2022, 1, 10));
        m.normalize();
        let mut c = case(1, ymd(2026, 3, 2), &input, "Đỗ Văn Nam");
        c.normalize();
        let results = [
            (h.head_name.clone(), h.validate(today()).err(), Field::HeadName),
            (m.full_name.clone(), m.validate(today()).err(), Field::FullName),
            (c.parties[0].name.clone(), c.validate(today()).err(), Field::PartyName),
        ];
        for (cleaned, errs, field) in results {
            let what = format!("{field:?} from {:?}", input.chars().take(40).collect::<String>());
            assert_displayable(&cleaned, &what);
            let errs = errs.unwrap_or_default();
            match &want {
                Want::Clean(s) => {
                    assert_eq!(&cleaned, s, "{what}");
                    assert_eq!(errs, vec![], "{what}");
                }
                Want::Kept => assert_eq!(errs, vec![], "{what}"),
                Want::Refused(p) => assert_eq!(problem_on(&errs, field), Some(*p), "{what}: {errs:?}"),
            }
        }
    }
}

#[test]
fn hostile_dates_are_refused_by_name() {
    // Days their month does not have: refused, saying so.
    let no_such_day = |day, month, year, last| Err(Problem::NoSuchDay { day, month, year, last });
    assert_eq!(parse_dmy("31/02/2026"), no_such_day(31, 2, 2026, 28));
    assert_eq!(parse_dmy("29/02/2025"), no_such_day(29, 2, 2025, 28));
    let bad = [
        "00/13/2025",
        "32/01/2026",
        "00/01/2026",
        "01/00/2026",
        "1/1/26",
        "01/01/99999",
        "-1/01/2026",
        "",
        "   ",
        "\x1b[2J",
        "31/02",
        "1/2/3/2026",
        "٣١/٠١/٢٠٢٦",
        "１/１/２０２６",
        "99999999999/1/2026",
        "ngày 1/1/2026",
    ];
    for input in bad {
        assert_eq!(parse_dmy(input), Err(Problem::BadDate), "{input:?}");
    }
    assert_eq!(parse_dmy("29/02/2024"), Ok(ymd(2024, 2, 29)));
    assert_eq!(parse_dmy(" 1.2.2026 "), Ok(ymd(2026, 2, 1)));
    assert_eq!(check_past(ymd(2026, 11, 24), today()), Some(Problem::DateInFuture));
    assert_eq!(check_past(ymd(9999, 12, 31), today()), Some(Problem::DateInFuture));
    assert_eq!(check_past(ymd(1899, 12, 31), today()), Some(Problem::DateTooEarly));
    assert_eq!(check_past(NaiveDate::MIN, today()), Some(Problem::DateTooEarly));
    assert_eq!(check_past(ymd(1900, 1, 1), today()), None);
    assert_eq!(check_past(today(), today()), None);

    let mut h = household("T01-0001", 1, "Nguyễn Văn An");
    h.living_since = Some(ymd(2030, 1, 1));
    h.head_birth_year = Some(1899);
    let errs = h.validate(today()).unwrap_err();
    assert_eq!(problem_on(&errs, Field::LivingSince), Some(Problem::DateInFuture));
    assert_eq!(problem_on(&errs, Field::HeadBirthYear), Some(Problem::OutOfRange { min: 1900, max: 2026 }));

    let mut m = member(1, "Lê Thị Hoa", Role::Member);
    m.birth_date = Some(ymd(1850, 5, 5));
    assert_eq!(problem_on(&m.validate(today()).unwrap_err(), Field::BirthDate), Some(Problem::DateTooEarly));
    m.birth_date = Some(ymd(2027, 5, 5));
    assert_eq!(problem_on(&m.validate(today()).unwrap_err(), Field::BirthDate), Some(Problem::DateInFuture));
}

#[test]
fn absurd_counts_and_malformed_numbers_are_refused() {
    for (members, ok) in [(0u16, false), (1, true), (60, true), (61, false), (u16::MAX, false)] {
        let mut h = household("T01-0001", 1, "Nguyễn Văn An");
        h.members = members;
        let problem = h.validate(today()).err().and_then(|e| problem_on(&e, Field::MemberCount));
        assert_eq!(problem.is_none(), ok, "{members} members");
    }
    // The household form reads a count as i64 and refuses what does not fit
    // (negative, astronomically large) before the record is built.
    assert!(u16::try_from(-5i64).is_err());
    let ids = [
        ("03306800123", false),
        ("0330680012345", false),
        ("03306800123a", false),
        ("０３３０６８００１２３４", false),
        ("033068001234\x1b", true),
        (" 033 068 001 234 ", true),
        ("033-068-001-234", false),
    ];
    for (id, ok) in ids {
        let mut h = household("T01-0001", 1, "Nguyễn Văn An");
        h.national_id = Some(id.into());
        h.normalize();
        let problem = h.validate(today()).err().and_then(|e| problem_on(&e, Field::NationalId));
        assert_eq!(problem.is_none(), ok, "{id:?} -> {:?}", h.national_id);
        if ok {
            assert_eq!(h.national_id.as_deref(), Some("033068001234"));
        }
    }
    for (phone, ok) in [("0912\x1b[2J345678", false), ("+84 912 345 678", true), ("0912345678901234", false)] {
        let mut h = household("T01-0001", 1, "Nguyễn Văn An");
        h.phone = Some(phone.into());
        h.normalize();
        let problem = h.validate(today()).err().and_then(|e| problem_on(&e, Field::Phone));
        assert_eq!(problem.is_none(), ok, "{phone:?} -> {:?}", h.phone);
    }
}

#[test]
fn a_case_closed_before_it_was_received_is_refused() {
    let mut c = case(1, ymd(2026, 5, 10), "Nguyễn Văn An", "Trần Thị Bình");
    c.status = CaseStatus::Successful;
    c.closed = Some(ymd(2026, 5, 9));
    let errs = c.validate(today()).unwrap_err();
    assert_eq!(problem_on(&errs, Field::Closed), Some(Problem::BeforeDate(Field::Received)));
    c.closed = Some(ymd(2026, 5, 10));
    assert_eq!(c.validate(today()), Ok(()));
    c.closed = None;
    assert_eq!(problem_on(&c.validate(today()).unwrap_err(), Field::Closed), Some(Problem::Required));
    let mut open = case(1, ymd(2026, 5, 10), "Nguyễn Văn An", "Trần Thị Bình");
    open.move_to(CaseStatus::InProgress, ymd(2026, 5, 11), "\x1b[2J bắt đầu").unwrap();
    open.normalize();
    assert_displayable(&open.history[0].note, "history note");
    let _: &MediationCase = &open;
}

/// What a refused save must leave exactly as it was.
fn state(store: &Store) -> (usize, Vec<AuditEntry>, Vec<soxa::store::Mismatch>) {
    (store.count::<Household>(), store.recent_audit(usize::MAX).unwrap(), store.check().unwrap())
}

#[test]
fn refused_saves_change_nothing_and_cleaned_ones_are_stored_clean() {
    let db = TestDb::new();
    let store = &db.store;
    let t01 = store.insert(hamlet("T01", "Thôn Đông")).unwrap().id;
    store.insert(household("T01-0001", t01, "Nguyễn Văn An")).unwrap();
    let mut saved = 1;
    for (n, (input, want)) in name_table().into_iter().enumerate() {
        let before = state(store);
        let result = store.insert(household(&format!("T01-{:04}", n + 2), t01, &input));
        match (want, result) {
            (Want::Refused(p), Err(StoreError::Invalid(errs))) => {
                assert_eq!(problem_on(&errs, Field::HeadName), Some(p));
                assert_eq!(state(store), before, "a refused save changed the store");
            }
            (Want::Clean(_) | Want::Kept, Ok(h)) => {
                saved += 1;
                let back: Household = store.get(h.id).unwrap().unwrap();
                assert_eq!(back, h);
                assert_displayable(&back.head_name, "stored head name");
            }
            (_, other) => panic!("{:?}: unexpected {other:?}", input.chars().take(40).collect::<String>()),
        }
    }
    // The same code typed differently is the same household.
    for dup in ["T01-0001", " t01-0001 ", "t01-\u{200B}0001", "T01-0001\x1b"] {
        let before = state(store);
        let err = store.insert(household(dup, t01, "Trần Văn Khác")).unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(e) if problem_on(e, Field::HouseholdCode) == Some(Problem::Duplicate)),
            "{dup:?}: {err:?}"
        );
        assert_eq!(state(store), before, "{dup:?}: a refused duplicate changed the store");
    }
    // A hostile update is refused whole: the stored household is unchanged.
    let first = store.household_by_code("T01-0001").unwrap().unwrap();
    let mut bad = first.clone();
    bad.head_name = "Nguyễn Văn Mới".into();
    bad.members = 0;
    let before = state(store);
    assert!(store.update(bad).is_err());
    assert_eq!(state(store), before);
    assert_eq!(store.get::<Household>(first.id).unwrap(), Some(first));
    assert_eq!(store.count::<Household>(), saved);
    assert_eq!(store.check().unwrap(), vec![]);
}

#[test]
fn escape_sequences_never_reach_the_screen() {
    let mut tui = Tui::demo(Lang::Vi);
    let t = tui.store().hamlet_by_code("T01").unwrap().unwrap().id;
    let mut h = household("T01-9901", t, "\x1b[2J\x1b]0;x\x07Hộ\u{202E} Độc Hại\0");
    h.address = "\x1b[31mXóm\x1b[0m 9\x07".into();
    h.notes = "Ghi chú\x1b[H\x1b[2J\r\ndòng hai\x1b]8;;http://x\x07".into();
    tui.store().insert(h).unwrap();
    let stored = tui.store().household_by_code("T01-9901").unwrap().unwrap();
    assert_displayable(&stored.head_name, "stored name");
    for keys in ["2/doc hai<enter>", "<enter>"] {
        tui.press(keys);
        for (w, hgt) in [(80, 24), (120, 40)] {
            let terminal = tui.draw(w, hgt);
            let buf = terminal.backend().buffer();
            for cell in buf.content() {
                assert!(!cell.symbol().chars().any(char::is_control), "control character drawn: {:?}", cell.symbol());
            }
        }
    }
    let screen = tui.text(120, 40);
    assert!(screen.contains("Độc Hại"), "the record is shown:\n{screen}");
    assert!(screen.contains("[2J"), "the harmless rest of the text is shown as typed:\n{screen}");
}
