use super::*;
use crate::import::sheet::Cell;

fn row(number: usize, cells: &[&str]) -> Row {
    Row { number, cells: cells.iter().map(|c| Cell::text(c)).collect() }
}

#[test]
fn vietnamese_headers_with_or_without_diacritics_in_any_case() {
    let h = Kind::Households;
    for header in
        ["Họ tên chủ hộ", "ho ten chu ho", "HỌ TÊN CHỦ HỘ", "  Họ  tên   chủ hộ ", "Chủ hộ", "Họ và tên chủ hộ"]
    {
        assert_eq!(h.column_of(header), Some(Column::HeadName), "{header}");
    }
    let cases = [
        ("Thôn", Column::Hamlet),
        ("Ấp", Column::Hamlet),
        ("Tổ dân phố", Column::Hamlet),
        ("Thôn/Tổ dân phố", Column::Hamlet),
        ("Số khẩu", Column::Members),
        ("Số nhân khẩu", Column::Members),
        ("Số điện thoại", Column::Phone),
        ("SĐT", Column::Phone),
        ("sdt", Column::Phone),
        ("Mã hộ", Column::HouseholdCode),
        ("MA HO", Column::HouseholdCode),
        ("Mã thôn", Column::HamletCode),
        ("Ngày ký cam kết", Column::CommitmentDate),
        ("CCCD", Column::NationalId),
        ("Số CCCD/CMND", Column::NationalId),
        ("Địa chỉ", Column::Address),
        ("Năm sinh", Column::BirthYear),
        ("Ghi chú", Column::Notes),
        ("Năm cam kết", Column::CommitmentYear),
        ("Ngày chuyển đi", Column::MovedOut),
        ("Sinh sống từ ngày", Column::LivingSince),
    ];
    for (header, column) in cases {
        assert_eq!(h.column_of(header), Some(column), "{header}");
    }
}

#[test]
fn english_headers() {
    let h = Kind::Households;
    assert_eq!(h.column_of("Household code"), Some(Column::HouseholdCode));
    assert_eq!(h.column_of("Head"), Some(Column::HeadName));
    assert_eq!(h.column_of("Hamlet"), Some(Column::Hamlet));
    assert_eq!(h.column_of("Phone"), Some(Column::Phone));
    assert_eq!(h.column_of("Members"), Some(Column::Members));
    assert_eq!(Kind::Members.column_of("Team"), Some(Column::Team));
    assert_eq!(Kind::Members.column_of("Joined"), Some(Column::Joined));
}

#[test]
fn extra_words_after_a_known_header_are_allowed_and_unknown_ones_ignored() {
    let h = Kind::Households;
    assert_eq!(h.column_of("Số điện thoại (nếu có)"), Some(Column::Phone));
    assert_eq!(h.column_of("Ngày ký cam kết năm 2026"), Some(Column::CommitmentDate));
    assert_eq!(h.column_of("STT"), None);
    assert_eq!(h.column_of("Thông tin khác"), None);
    assert_eq!(h.column_of("Thônx"), None);
}

#[test]
fn member_headers() {
    let m = Kind::Members;
    assert_eq!(m.column_of("Tổ/đội"), Some(Column::Team));
    assert_eq!(m.column_of("Tên tổ"), Some(Column::Team));
    assert_eq!(m.column_of("Họ và tên"), Some(Column::FullName));
    assert_eq!(m.column_of("Chức vụ"), Some(Column::Role));
    assert_eq!(m.column_of("Giới tính"), Some(Column::Gender));
    assert_eq!(m.column_of("Năm sinh"), Some(Column::BirthDate));
    assert_eq!(m.column_of("Tổ dân phố"), Some(Column::Hamlet));
}

#[test]
fn every_exported_heading_reads_back_as_its_column() {
    for kind in [Kind::Households, Kind::Members] {
        for column in kind.columns() {
            assert_eq!(kind.column_of(column.heading()), Some(column), "{kind:?} {}", column.heading());
        }
    }
}

#[test]
fn the_header_row_may_sit_below_a_title() {
    let rows = vec![
        row(1, &["DANH SÁCH HỘ GIA ĐÌNH THÔN ĐÔNG"]),
        row(2, &[]),
        row(3, &["STT", "Mã hộ", "Họ tên chủ hộ", "Ấp", "Số khẩu", "Số khẩu"]),
        row(4, &["1", "A1", "Nguyễn Văn An", "Mỹ Lợi", "4", "5"]),
    ];
    let header = Header::find(Kind::Households, &rows).unwrap();
    assert_eq!((header.row, header.index), (3, 2));
    assert_eq!(
        header.found,
        vec![(Column::HouseholdCode, 1), (Column::HeadName, 2), (Column::Hamlet, 3), (Column::Members, 4)]
    );
    assert_eq!(header.ignored, vec!["STT".to_string(), "Số khẩu".to_string()]);
    assert_eq!(header.hamlet_kind, HamletKind::Ap);
    assert_eq!(header.missing(Kind::Households), vec![]);
}

#[test]
fn missing_required_columns_are_named() {
    let rows = vec![row(1, &["Họ tên chủ hộ", "Số khẩu"])];
    let header = Header::find(Kind::Households, &rows).unwrap();
    assert_eq!(header.missing(Kind::Households), vec![Column::HouseholdCode, Column::Hamlet]);
    let rows = vec![row(1, &["Mã hộ", "Họ tên chủ hộ", "Mã thôn"])];
    assert_eq!(Header::find(Kind::Households, &rows).unwrap().missing(Kind::Households), vec![]);
    assert_eq!(Header::find(Kind::Households, &[row(1, &["Mã hộ", "xyz"])]), None);
}

#[test]
fn hamlet_kinds_from_words() {
    assert_eq!(kind_named("Tổ dân phố 3"), HamletKind::ToDanPho);
    assert_eq!(kind_named("Khu phố"), HamletKind::KhuPho);
    assert_eq!(kind_named("Ấp Mỹ Lợi"), HamletKind::Ap);
    assert_eq!(kind_named("Bản Mường"), HamletKind::Ban);
    assert_eq!(kind_named("Đông"), HamletKind::Thon);
    assert_eq!(kind_named("Apple"), HamletKind::Thon);
}
