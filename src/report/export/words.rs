//! Words of the report exports (xlsx, csv, markdown, json), of
//! `soxa report`, and of the export dialog on the Reports screen; and the
//! sentences of [`ExportError`]. They live here, not in `i18n`, because
//! `i18n` sits below `report` and knows none of its types.

use chrono::{Datelike, NaiveDate};

use crate::domain::Lang;
use crate::i18n::{pick, texts};
use crate::report::export::ExportError;

texts!(ExportText {
    NationalName => "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIETNAM";
    NationalMotto => "Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness";
    IssuerBody => "ỦY BAN NHÂN DÂN", "PEOPLE'S COMMITTEE";
    DocNumber => "Số:        /BC-UBND", "No.:        /BC-UBND";
    Title => "BÁO CÁO", "REPORT";
    Subject => "Kết quả thực hiện phong trào Toàn dân bảo vệ an ninh Tổ quốc",
        "Results of the movement \"All people protect national security\"";
    SignHint => "(Ký, ghi rõ họ tên)", "(Signature and full name)";
    SealHint => "(Ký, ghi rõ họ tên, đóng dấu)", "(Signature, full name and seal)";
    PreparerDefault => "NGƯỜI LẬP BÁO CÁO", "PREPARED BY";
    ApproverDefault => "TM. ỦY BAN NHÂN DÂN", "FOR THE PEOPLE'S COMMITTEE";
    SecTeams => "II. TỔ, ĐỘI VÀ THÀNH VIÊN", "II. TEAMS AND MEMBERS";
    SecMediation => "III. HÒA GIẢI Ở CƠ SỞ", "III. GRASSROOTS MEDIATION";
    TabHouseholds => "Hộ gia đình theo thôn", "Households by hamlet";
    TabTeams => "Tổ, đội đang hoạt động cuối kỳ, theo loại", "Teams active at the end of the period, by kind";
    TabMembers => "Thành viên tổ, đội", "Team members";
    TabCases => "Vụ việc hòa giải", "Mediation cases";
    TabCategories => "Vụ việc tiếp nhận trong kỳ, theo loại", "Cases received in the period, by category";
    Hamlet => "Thôn, tổ dân phố", "Hamlet";
    RowCommuneWide => "Tổ, đội cấp xã", "Commune-wide teams";
    RowTotal => "Tổng cộng", "Total";
    Active => "Hộ đang sinh sống cuối kỳ", "Households at the end of the period";
    Signed => "Đã ký cam kết", "Signed";
    Coverage => "Tỷ lệ ký", "Coverage";
    NewlySigned => "Ký mới trong kỳ", "Newly signed in the period";
    Refused => "Từ chối ký", "Refused";
    Absent => "Vắng mặt", "Absent";
    NotContacted => "Chưa có bản cam kết", "No commitment yet";
    Violations => "Vi phạm trong kỳ", "Violations in the period";
    TeamsTotal => "Tổng số tổ, đội", "Teams";
    NoSecurity => "Chưa có tổ bảo vệ ANTT", "No security team";
    NoMediation => "Chưa có tổ hòa giải", "No mediation team";
    Members => "Thành viên cuối kỳ", "Members at the end of the period";
    Joined => "Vào trong kỳ", "Joined in the period";
    Left => "Thôi trong kỳ", "Left in the period";
    NotOneLeader => "Tổ, đội không đúng một tổ trưởng", "Teams without exactly one leader";
    Mediators => "Hòa giải viên", "Mediators";
    MediatorsWomen => "Hòa giải viên nữ", "Women mediators";
    CarriedOver => "Kỳ trước chuyển sang", "Carried over";
    Received => "Tiếp nhận trong kỳ", "Received in the period";
    Successful => "Hòa giải thành", "Successful";
    Unsuccessful => "Hòa giải không thành", "Unsuccessful";
    Transferred => "Chuyển cơ quan có thẩm quyền", "Transferred to an authority";
    Withdrawn => "Rút yêu cầu", "Withdrawn";
    Pending => "Đang giải quyết cuối kỳ", "Pending at the end of the period";
    SuccessRate => "Tỷ lệ hòa giải thành", "Success rate";
    LateStart => "Chậm bắt đầu hòa giải", "Late to start";
    Overdue => "Quá hạn", "Overdue";
    ReceivedTotal => "Tổng tiếp nhận", "Total received";
    ShortBelow => "Dưới CT", "Below";
    ShortNoSecurity => "Chưa ANTT", "No sec.";
    ShortNoMediation => "Chưa HG", "No med.";
    ShortSecurity => "ANTT", "Sec.";
    ShortSelfManaged => "Tự quản", "Self-m.";
    ShortMediation => "Hòa giải", "Med.";
    ShortShockBrigade => "Xung kích", "Shock";
    ShortMilitia => "DQTV", "Militia";
    ShortOtherTeam => "Khác", "Other";
    ShortNeighbours => "Mâu thuẫn", "Neighb.";
    ShortCivil => "Dân sự", "Civil";
    ShortFamily => "HN-GĐ", "Family";
    ShortMinor => "VPPL nhỏ", "Minor";
    ShortOtherCase => "Khác", "Other";
    ShortTotal => "Tổng", "Total";
    Mark => "x", "x";
    Nothing => "(không có)", "(none)";
    SheetSummary => "Tổng hợp", "Summary";
    DetRefusals => "Hộ từ chối ký cam kết", "Households that refused to sign";
    SheetRefusals => "Từ chối ký", "Refusals";
    DetViolations => "Vi phạm cam kết trong kỳ", "Violations in the period";
    SheetViolations => "Vi phạm", "Violations";
    DetTeams => "Tổ, đội có cảnh báo cuối kỳ", "Teams with warnings at the end of the period";
    SheetTeams => "Tổ đội cần kiện toàn", "Teams with warnings";
    DetOpen => "Vụ việc đang giải quyết cuối kỳ", "Cases open at the end of the period";
    SheetOpen => "Vụ việc đang giải quyết", "Open cases";
    DetOverdue => "Vụ việc quá hạn cuối kỳ", "Cases overdue at the end of the period";
    SheetOverdue => "Vụ việc quá hạn", "Overdue cases";
    SheetNotSigned => "Hộ chưa ký", "Not signed";
    No => "STT", "No.";
    State => "Tình trạng", "Status";
    Warnings => "Cảnh báo", "Warnings";
    Info => "Thông tin báo cáo", "Report information";
    Item => "Mục", "Item";
    Value => "Giá trị", "Value";
    Period => "Kỳ báo cáo", "Period";
    From => "Từ ngày", "From";
    To => "Đến ngày", "To";
    CommitmentYear => "Năm cam kết", "Commitment year";
    GeneratedAt => "Lập lúc", "Generated at";
    LateStartDays => "Số ngày phải bắt đầu hòa giải", "Days to begin mediation";
    PersonalData => "Số CCCD, số điện thoại", "National ID and phone numbers";
    PersonalMasked => "đã che", "masked";
    PersonalFull => "đầy đủ", "in full";
    Legend => "Ghi chú", "Key";
    Appendix => "PHỤ LỤC: DANH SÁCH CHI TIẾT", "APPENDIX: DETAIL LISTS";
    MadeWith => "Lập bằng soxa", "Made with soxa";
    Page => "Trang", "Page";
    KeyExport => "Xuất báo cáo", "Export";
    DialogTitle => "Xuất báo cáo", "Export report";
    DialogFormat => "Định dạng", "Format";
    DialogFile => "Tệp", "File";
    InDocuments => "Đề xuất lưu trong thư mục Tài liệu (Documents); có thể sửa đường dẫn.",
        "Proposed in your Documents folder; you may edit the path.";
    InCurrent => "Đề xuất lưu trong thư mục đang chạy soxa; có thể sửa đường dẫn.",
        "Proposed in the folder soxa was started from; you may edit the path.";
    Masked => "Số CCCD và số điện thoại được che (****).", "National ID and phone numbers are masked (****).";
    CsvNote => "CSV: mỗi bảng một tệp, cùng tên mở đầu, cạnh tệp này.",
        "CSV: one file per table, sharing this name, next to it.";
    DialogHint => "Tab: đổi định dạng · Enter: xuất · Esc: hủy", "Tab: change format · Enter: export · Esc: cancel";
    Exporting => "Đang xuất báo cáo…", "Exporting the report…";
    Exported => "Đã xuất", "Exported";
    Overwrite => "Tệp này đã có. Nhấn Enter lần nữa để ghi đè, hoặc sửa tên tệp.",
        "This file exists. Press Enter again to replace it, or change the name.";
    EmptyName => "Hãy nhập tên tệp.", "Type a file name.";
    Written => "Đã xuất báo cáo", "Report written for";
});

/// "I. HỘ GIA ĐÌNH KÝ CAM KẾT NĂM 2026".
pub fn section_households(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Vi => format!("I. HỘ GIA ĐÌNH KÝ CAM KẾT NĂM {year}"),
        Lang::En => format!("I. HOUSEHOLD COMMITMENTS FOR {year}"),
    }
}

/// "Dưới chỉ tiêu 95%".
pub fn below_target(lang: Lang, target: u8) -> String {
    match lang {
        Lang::Vi => format!("Dưới chỉ tiêu {target}%"),
        Lang::En => format!("Below the {target}% target"),
    }
}

/// "Thôn dưới chỉ tiêu 95%: Thôn Đông, Thôn Tây".
pub fn below_target_line(lang: Lang, target: u8, hamlets: &str) -> String {
    match lang {
        Lang::Vi => format!("Thôn dưới chỉ tiêu {target}%: {hamlets}"),
        Lang::En => format!("Hamlets below the {target}% target: {hamlets}"),
    }
}

/// "Tổ, đội dưới 3 người".
pub fn below_min(lang: Lang, min: u8) -> String {
    match lang {
        Lang::Vi => format!("Tổ, đội dưới {min} người"),
        Lang::En => format!("Teams under {min} members"),
    }
}

/// "Đã tập huấn năm 2026".
pub fn trained(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Vi => format!("Đã tập huấn năm {year}"),
        Lang::En => format!("Trained in {year}"),
    }
}

/// "Hộ chưa ký cam kết năm 2026".
pub fn not_signed_title(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Vi => format!("Hộ chưa ký cam kết năm {year}"),
        Lang::En => format!("Households not signed for {year}"),
    }
}

/// "Quý III năm 2026 (từ 01/07/2026 đến 30/09/2026)"; a range of days is
/// already its own dates.
pub fn period_line(lang: Lang, label: &str, start: NaiveDate, end: NaiveDate, custom: bool) -> String {
    use crate::domain::date::format_dmy;
    if custom {
        return label.to_string();
    }
    let (from, to) = (format_dmy(start), format_dmy(end));
    match lang {
        Lang::Vi => format!("{label} (từ {from} đến {to})"),
        Lang::En => format!("{label} ({from} to {to})"),
    }
}

/// "Nhất Tiến, ngày 23 tháng 11 năm 2026", as the place and date line of an
/// official document reads.
pub fn place_and_date(lang: Lang, place: &str, day: NaiveDate) -> String {
    let (d, m, y) = (day.day(), day.month(), day.year());
    let place = if place.is_empty() { String::new() } else { format!("{place}, ") };
    match lang {
        Lang::Vi => format!("{place}ngày {d:02} tháng {m:02} năm {y}"),
        Lang::En => format!("{place}{}", day.format("%-d %B %Y")),
    }
}

/// "Thời gian: 1,42 giây (đọc dữ liệu 0,95 · tính 0,05 · ghi tệp 0,42)".
pub fn timing(lang: Lang, total: f64, load: f64, compute: f64, write: f64) -> String {
    let n = |x: f64| crate::i18n::numbers::decimal(lang, x, 2);
    match lang {
        Lang::Vi => format!(
            "Thời gian: {} giây (đọc dữ liệu {} · tính {} · ghi tệp {})",
            n(total),
            n(load),
            n(compute),
            n(write)
        ),
        Lang::En => {
            format!("Time: {} s (reading {} · computing {} · writing {})", n(total), n(load), n(compute), n(write))
        }
    }
}

/// The sentence the clerk reads when an export fails; nothing was left half
/// written, so each sentence says only what to change.
pub fn error(lang: Lang, e: &ExportError) -> String {
    match e {
        ExportError::Output(e) => crate::i18n::output::error(lang, e),
        ExportError::Build(detail) => format!(
            "{} ({detail})",
            pick(lang, "Không tạo được nội dung báo cáo", "Could not build the report's contents")
        ),
    }
}
