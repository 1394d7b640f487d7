//! Words of the Households screen.

use crate::domain::Lang;

texts!(HouseholdsText {
    Title => "Hộ gia đình", "Households";
    // Keys
    KeySign => "Ký hôm nay", "Sign today";
    KeyCommit => "Cam kết", "Commitment";
    KeyRefuse => "Ghi từ chối ký", "Mark refused";
    KeyViolation => "Ghi vi phạm", "Record a violation";
    KeyDeleteCommitment => "Xóa bản cam kết của năm đang xem", "Delete the commitment of the year shown";
    KeySearch => "Tìm", "Find";
    KeyHamlet => "Thôn", "Hamlet";
    KeyStatus => "Lọc theo trạng thái cam kết", "Filter by commitment status";
    KeySort => "Đổi cách sắp xếp", "Change sort order";
    KeyPrevYear => "Năm trước", "Previous year";
    KeyNextYear => "Năm sau", "Next year";
    // The commitment form's labels, by status
    DateSigned => "Ngày ký cam kết", "Signed on";
    DateRefused => "Ngày từ chối ký", "Refused on";
    DateAbsent => "Ngày đến (vắng nhà)", "Visited on (nobody home)";
    WhoSigned => "Người đại diện ký", "Signed by";
    WhoRefused => "Người từ chối", "Refused by";
    WhoMet => "Người đại diện (nếu gặp)", "Representative (if met)";
    // Table and filters
    ColCode => "Mã hộ", "Code";
    ColHead => "Chủ hộ", "Head of household";
    ColMembers => "NK", "Ppl";
    NotYet => "Chưa ký", "Not yet";
    MovedOutShort => "Chuyển đi", "Moved out";
    StatusLabel => "Cam kết", "Commitment";
    SortCode => "mã hộ", "code";
    SortName => "tên chủ hộ", "head's name";
    SortHamlet => "thôn", "hamlet";
    SearchLabel => "Tìm", "Find";
    SearchHint => "gõ không dấu · Enter giữ · Esc xóa", "no diacritics needed · Enter keeps · Esc clears";
    Empty => "Chưa có hộ nào. Nhấn n để thêm hộ.", "No households yet. Press n to add one.";
    NoMatch => "Không có hộ nào khớp bộ lọc. Nhấn Esc để bỏ lọc.", "No household matches the filters. Press Esc to clear them.";
    FiltersCleared => "Đã bỏ lọc", "Filters cleared";
    PickHamlet => "Chọn thôn", "Choose a hamlet";
    PickHint => "gõ để tìm · Enter chọn · Esc", "type to narrow · Enter picks · Esc";
    // Detail
    Living => "Đang sinh sống", "Living here";
    MovedOut => "Đã chuyển đi", "Moved out";
    SinceAlways => "không rõ (tính là từ trước)", "unknown (counted as always)";
    Unknown => "không rõ", "unknown";
    CommitmentsByYear => "Cam kết theo năm", "Commitments by year";
    NoCommitments => "Chưa có bản cam kết nào", "No commitment yet";
    Violations => "Vi phạm", "Violations";
    InTeams => "Người trong hộ tham gia tổ, đội", "People of the household in teams";
    NoTeams => "Không có ai", "Nobody";
    LeftTeam => "đã thôi", "left";
    NoneSelected => "Chưa chọn hộ nào", "No household selected";
    // Forms and messages
    NewHousehold => "Thêm hộ gia đình", "New household";
    EditHousehold => "Sửa hộ", "Edit household";
    CommitmentTitle => "Bản cam kết", "Commitment";
    ViolationTitle => "Ghi vi phạm cam kết năm", "Violation of the commitment of";
    NoHamlets => "Chưa có thôn nào: thêm thôn trong Cài đặt trước", "No hamlets yet: add them in Settings first";
    SignMovedOut => "Hộ đã chuyển đi, không ký cam kết", "This household has moved out and cannot sign";
    NoCatalog => "Danh mục nội dung cam kết đang trống: thêm trong Cài đặt", "The list of commitment items is empty: add items in Settings";
});

pub use super::number;

/// The screen's title: "Hộ gia đình · cam kết năm 2026".
pub fn title(lang: Lang, year: u16) -> String {
    match lang {
        Lang::Vi => format!("Hộ gia đình · cam kết năm {year}"),
        Lang::En => format!("Households · commitments {year}"),
    }
}

/// "8 nội dung".
pub fn items(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("{n} nội dung"),
        Lang::En if n == 1 => "1 item".into(),
        Lang::En => format!("{n} items"),
    }
}

/// The heading of the items list in the detail view.
pub fn items_of(lang: Lang, year: u16) -> String {
    match lang {
        Lang::Vi => format!("Nội dung đã cam kết năm {year}"),
        Lang::En => format!("Items committed for {year}"),
    }
}

/// "Cam kết năm 2026", in the change history.
pub fn commitment_of(lang: Lang, year: u16) -> String {
    match lang {
        Lang::Vi => format!("Cam kết năm {year}"),
        Lang::En => format!("Commitment {year}"),
    }
}

/// The delete question, saying what goes with the household.
pub fn confirm_delete(lang: Lang, code: &str, head: &str, commitments: usize) -> String {
    match (lang, commitments) {
        (Lang::Vi, 0) => format!("Xóa hộ {code} {head}? (c/k)"),
        (Lang::Vi, n) => format!("Xóa hộ {code} {head} cùng {n} bản cam kết của hộ? (c/k)"),
        (Lang::En, 0) => format!("Delete household {code} {head}? (y/n)"),
        (Lang::En, 1) => format!("Delete household {code} {head} and its commitment? (y/n)"),
        (Lang::En, n) => format!("Delete household {code} {head} and its {n} commitments? (y/n)"),
    }
}

pub fn cannot_sign_today(lang: Lang, year: u16) -> String {
    match lang {
        Lang::Vi => format!("Không ghi ký hôm nay cho năm {year} được: nhấn c để nhập ngày ký"),
        Lang::En => format!("Cannot record a signature today for {year}: press c to type the date"),
    }
}

pub fn already_signed(lang: Lang, year: u16, date: &str) -> String {
    match lang {
        Lang::Vi => format!("Hộ đã ký cam kết năm {year} ngày {date}"),
        Lang::En => format!("Already signed for {year} on {date}"),
    }
}

/// The question before `d` deletes a commitment.
pub fn confirm_delete_commitment(lang: Lang, year: u16, code: &str, head: &str) -> String {
    match lang {
        Lang::Vi => format!("Xóa bản cam kết năm {year} của hộ {code} {head}? (c/k)"),
        Lang::En => format!("Delete the {year} commitment of household {code} {head}? (y/n)"),
    }
}

pub fn no_commitment(lang: Lang, year: u16) -> String {
    match lang {
        Lang::Vi => format!("Hộ chưa có bản cam kết năm {year}"),
        Lang::En => format!("No commitment for {year}"),
    }
}

pub fn violation_needs_signed(lang: Lang, year: u16) -> String {
    match lang {
        Lang::Vi => format!("Hộ chưa ký cam kết năm {year}: chỉ ghi vi phạm khi đã ký"),
        Lang::En => format!("No signed commitment for {year}: violations need one"),
    }
}
