use super::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn t(s: &str) -> Cell {
    Cell::text(s)
}

#[test]
fn dates_as_clerks_type_them() {
    assert_eq!(date(&t("19/02/2026")), Ok(Some(ymd(2026, 2, 19))));
    assert_eq!(date(&t("9/2/2026")), Ok(Some(ymd(2026, 2, 9))));
    assert_eq!(date(&t(" 09-02-2026 ")), Ok(Some(ymd(2026, 2, 9))));
    assert_eq!(date(&t("2026-02-19")), Ok(Some(ymd(2026, 2, 19))));
    assert_eq!(date(&t("19/02/2026 00:00:00")), Ok(Some(ymd(2026, 2, 19))));
    assert_eq!(date(&Cell::Empty), Ok(None));
}

#[test]
fn excel_dates_and_serial_numbers() {
    assert_eq!(date(&Cell::Date(ymd(2026, 2, 19))), Ok(Some(ymd(2026, 2, 19))));
    assert_eq!(date(&Cell::Number(46_072.0)), Ok(Some(ymd(2026, 2, 19))));
    assert_eq!(date(&t("46072")), Ok(Some(ymd(2026, 2, 19))));
    assert_eq!(date(&Cell::Number(-3.0)), Err(Problem::BadDate));
}

#[test]
fn bad_dates_are_refused() {
    for bad in ["19/02/26", "hôm qua", "2026", "02/19/2026"] {
        assert_eq!(date(&t(bad)), Err(Problem::BadDate), "{bad}");
    }
    // The right shape, a day the month does not have: said so.
    assert_eq!(date(&t("31/02/2026")), Err(Problem::NoSuchDay { day: 31, month: 2, year: 2026, last: 28 }));
}

#[test]
fn years_and_counts() {
    assert_eq!(year(&t("1968")), Ok(Some(1968)));
    assert_eq!(year(&Cell::Number(1968.0)), Ok(Some(1968)));
    assert_eq!(year(&t("30/04/1975")), Ok(Some(1975)));
    assert_eq!(year(&Cell::Date(ymd(1975, 4, 30))), Ok(Some(1975)));
    assert_eq!(year(&t("khoảng 1970")), Err(Problem::NotANumber));
    assert_eq!(count(&t(" 4 ")), Ok(Some(4)));
    assert_eq!(count(&Cell::Number(5.0)), Ok(Some(5)));
    assert_eq!(count(&t("4 người")), Err(Problem::NotANumber));
    assert_eq!(count(&Cell::Number(4.5)), Err(Problem::NotANumber));
    assert_eq!(count(&t("99999999")), Ok(Some(u16::MAX)));
}

#[test]
fn numbers_excel_mangled_are_put_back() {
    assert_eq!(phone(&Cell::Number(912_345_678.0)).as_deref(), Some("0912345678"));
    assert_eq!(phone(&t("912.345.678")).as_deref(), Some("0912345678"));
    assert_eq!(phone(&t("0912 345 678")).as_deref(), Some("0912 345 678"));
    assert_eq!(phone(&Cell::Empty), None);
    assert_eq!(national_id(&Cell::Number(1_234_567_890.0)), NationalId::Given(Some("001234567890".into())));
    assert_eq!(national_id(&t("033068001234")), NationalId::Given(Some("033068001234".into())));
    assert_eq!(national_id(&t("********1234")), NationalId::Masked);
    assert_eq!(national_id(&Cell::Empty), NationalId::Given(None));
}

#[test]
fn roles_and_genders() {
    assert_eq!(role(&t("Tổ trưởng")), Ok(Role::Leader));
    assert_eq!(role(&t("ĐỘI PHÓ")), Ok(Role::Deputy));
    assert_eq!(role(&t("hoa giai vien")), Ok(Role::Mediator));
    assert_eq!(role(&Cell::Empty), Ok(Role::Member));
    assert_eq!(role(&t("Bí thư")), Err(Bad::Unknown));
    assert_eq!(gender(&t("Nữ")), Ok(Some(Gender::Female)));
    assert_eq!(gender(&t("nam")), Ok(Some(Gender::Male)));
    assert_eq!(gender(&t("không rõ")), Err(Bad::Unknown));
}

#[test]
fn births_may_be_only_a_year() {
    assert_eq!(birth(&t("1975")), Ok(Some(ymd(1975, 1, 1))));
    assert_eq!(birth(&Cell::Number(1975.0)), Ok(Some(ymd(1975, 1, 1))));
    assert_eq!(birth(&t("30/04/1975")), Ok(Some(ymd(1975, 4, 30))));
}
