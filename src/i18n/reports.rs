//! Words of the Reports screen (the periodic summary on screen), and the
//! number formats it shares with the dashboard.

use crate::domain::Lang;

texts!(ReportsText {
    Title => "Báo cáo", "Reports";
    KeyPrev => "Kỳ trước", "Previous";
    KeyNext => "Kỳ sau", "Next";
    KeyKind => "Loại kỳ", "Period kind";
    KeyChoose => "Chọn kỳ", "Pick period";
    KeyCurrent => "Kỳ hiện tại", "Current period";
    KeySection => "Mục sau", "Next section";
    KeySectionBack => "Mục trước", "Previous section";
    Households => "Hộ gia đình", "Households";
    Teams => "Tổ, đội", "Teams";
    Mediation => "Hòa giải", "Mediation";
    NotOver => "kỳ chưa kết thúc", "period not over yet";
    Computing => "Đang tính số liệu…", "Computing…";
    PeriodPrompt => "Kỳ báo cáo", "Period";
    PeriodHint => "Enter: xem · Esc: hủy · hoặc gõ 2026-Q3, 2026-H1, 2026",
        "Enter: show · Esc: cancel · or type 2026-Q3, 2026-H1, 2026";
    Hamlet => "Thôn", "Hamlet";
    Commune => "Toàn xã", "Commune";
    CommuneWide => "Cấp xã", "Commune-wide";
    Total => "Tổng", "Total";
    NoHamlets => "Chưa có thôn nào: hãy thêm thôn ở màn hình Cài đặt.", "No hamlets yet: add them in Settings.";
    ColActive => "Hộ", "Active";
    ColSigned => "Đã ký", "Signed";
    ColCoverage => "Tỷ lệ", "Rate";
    ColNew => "Mới ký", "New";
    ColRefused => "Từ chối", "Refused";
    ColAbsent => "Vắng", "Absent";
    ColNotContacted => "Chưa ký", "Not yet";
    ColViolations => "Vi phạm", "Viol.";
    CoverageChart => "Tỷ lệ ký cam kết theo thôn", "Coverage by hamlet";
    HouseholdsLegend => "Hộ: đang sinh sống cuối kỳ · Mới ký: ký trong kỳ · Chưa ký: chưa có bản cam kết · Vi phạm: trong kỳ",
        "Active: living here at period end · New: signed in the period · Not yet: no commitment · Viol.: in the period";
    TeamsByKind => "Tổ, đội đang hoạt động theo loại", "Active teams by kind";
    Members => "Thành viên", "Members";
    MembersActive => "Đang tham gia cuối kỳ", "Active at period end";
    MembersJoined => "Vào trong kỳ", "Joined in the period";
    MembersLeft => "Thôi tham gia trong kỳ", "Left in the period";
    Mediators => "Hòa giải viên", "Mediators";
    MediatorsWomen => "Hòa giải viên nữ", "Women mediators";
    TeamsLeader => "Tổ, đội không đúng một tổ trưởng", "Teams without exactly one leader";
    ByHamlet => "Theo thôn", "By hamlet";
    ColTeams => "Tổ/đội", "Teams";
    ColMembers => "T.viên", "Memb.";
    ColJoined => "Vào", "In";
    ColLeft => "Thôi", "Out";
    ColShort => "Thiếu", "Short";
    ColLeader => "TT", "Lead";
    ColTrained => "T.huấn", "Trained";
    ColMediators => "HGV", "Med.";
    ColWomen => "Nữ", "Women";
    NoSecurity => "Thôn chưa có tổ bảo vệ ANTT", "Hamlets without a security team";
    NoMediation => "Thôn chưa có tổ hòa giải", "Hamlets without a mediation team";
    Nothing => "không có", "none";
    CarriedOver => "Kỳ trước chuyển sang", "Carried over";
    Received => "Tiếp nhận trong kỳ", "Received in the period";
    Closed => "Kết thúc trong kỳ", "Closed in the period";
    Pending => "Đang giải quyết cuối kỳ", "Pending at period end";
    SuccessRate => "Tỷ lệ hòa giải thành", "Success rate";
    LateStart => "Chậm bắt đầu hòa giải", "Late to start";
    Overdue => "Quá hạn", "Overdue";
    ByCategory => "Tiếp nhận theo loại vụ việc", "Received by category";
    ColCarried => "Cũ", "Carr.";
    ColReceived => "Mới", "Recv.";
    ColSuccessful => "Thành", "Succ.";
    ColUnsuccessful => "K.thành", "Unsucc.";
    ColTransferred => "Chuyển", "Transf.";
    ColWithdrawn => "Rút", "Withdr.";
    ColPending => "Đang", "Pend.";
    ColLate => "Chậm", "Late";
    ColOverdue => "Q.hạn", "Overdue";
    CasesLegend => "Cũ: kỳ trước chuyển sang · Mới: tiếp nhận trong kỳ · Thành, K.thành, Chuyển, Rút: kết thúc trong kỳ · Đang: chưa xong cuối kỳ · Chậm: chậm bắt đầu · Q.hạn: quá hạn",
        "Carr.: carried over · Recv.: received · Succ., Unsucc., Transf., Withdr.: closed in the period · Pend.: open at period end · Late: late to start · Overdue: open too long";
});

pub use super::number;

pub use super::numbers::percent;

/// "Cam kết năm 2026", heading the households section.
pub fn commitments_of(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Vi => format!("Cam kết năm {year}"),
        Lang::En => format!("Commitments for {year}"),
    }
}

/// "Dưới chỉ tiêu 95%: 3 thôn".
pub fn below_target(lang: Lang, target: u8, hamlets: usize) -> String {
    match lang {
        Lang::Vi => format!("Dưới chỉ tiêu {target}%: {hamlets} thôn"),
        Lang::En if hamlets == 1 => format!("Below the {target}% target: 1 hamlet"),
        Lang::En => format!("Below the {target}% target: {hamlets} hamlets"),
    }
}

/// "Đã tập huấn năm 2026".
pub fn trained_in(lang: Lang, year: i32) -> String {
    match lang {
        Lang::Vi => format!("Đã tập huấn năm {year}"),
        Lang::En => format!("Trained in {year}"),
    }
}

/// "Tổ, đội dưới 3 người".
pub fn teams_below(lang: Lang, min: u8) -> String {
    match lang {
        Lang::Vi => format!("Tổ, đội dưới {min} người"),
        Lang::En => format!("Teams under {min} members"),
    }
}

/// The abbreviations of the teams table.
pub fn teams_legend(lang: Lang, min: u8, year: i32) -> String {
    match lang {
        Lang::Vi => format!(
            "Thiếu: dưới {min} người · TT: không đúng một tổ trưởng · T.huấn: đã tập huấn năm {year} · HGV: hòa giải viên"
        ),
        Lang::En => {
            format!("Short: under {min} members · Lead: not exactly one leader · Trained: in {year} · Med.: mediators")
        }
    }
}
