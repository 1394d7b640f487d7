//! Words of retention (`soxa purge --expired`, the dashboard's reminder,
//! Settings → "Xóa dữ liệu hết hạn") and of the data subjects' register
//! (`soxa request`, Settings → "Yêu cầu về dữ liệu cá nhân").

use super::{number, pick};
use crate::domain::Lang;
use crate::domain::request::{RequestKind, RequestStatus};
use crate::domain::retention::Retained;

texts!(RetainText {
    NoneDue => "Không có hồ sơ nào hết hạn lưu giữ thông tin cá nhân.",
        "No record is past its retention of personal data.";
    DryRun => "Chạy thử: chưa xóa gì.", "Dry run: nothing was erased.";
    WillErase => "Sẽ xóa vĩnh viễn thông tin cá nhân của các hồ sơ trên (mã, ngày tháng, số liệu báo cáo vẫn giữ).",
        "The personal data of the records above will be erased for good (codes, dates and report figures are kept).";
    ExpiredTakesNoRecord => "--expired không đi cùng household / member / party: chọn một trong hai.",
        "--expired does not go with household / member / party: choose one.";
    SayWhat => "Hãy nói xóa gì: household MÃ, member SỐ-HOẶC-TÊN, party VỤ-VIỆC BÊN, hoặc --expired.",
        "Say what to erase: household CODE, member NUMBER-OR-NAME, party CASE N, or --expired.";
    Interrupted => "Đã dừng giữa chừng vì lỗi; các hồ sơ đã xóa vẫn đã xóa. Chạy lại lệnh để xóa nốt.",
        "Stopped part-way by an error; the records erased stay erased. Run the command again to finish.";
    NoRequests => "Sổ yêu cầu chưa có yêu cầu nào.", "The register holds no request yet.";
    RequestSaved => "Đã ghi yêu cầu vào sổ.", "Request entered in the register.";
    Overdue => "QUÁ HẠN", "OVERDUE";
    RetentionForm => "Thời hạn lưu giữ thông tin cá nhân", "How long personal data is kept";
    NewRequest => "Ghi yêu cầu về dữ liệu cá nhân", "New personal data request";
    EditRequest => "Sửa yêu cầu về dữ liệu cá nhân", "Edit personal data request";
    HolidaysHint => "Tính 2 ngày làm việc, bỏ thứ Bảy, Chủ nhật; soxa không biết ngày lễ, Tết: nếu có, hãy sửa hạn.",
        "2 working days, Saturdays and Sundays skipped; soxa does not know public holidays: move the date if one falls inside.";
    PurgeExpiredKey => "Xóa dữ liệu hết hạn", "Erase expired data";
    PurgeExpiredNote => "Xem trước các hồ sơ (theo mã) rồi hỏi lại; xóa bằng đúng chức năng xóa theo yêu cầu, không hoàn tác được.",
        "Previews the records (by code), then asks; erases with the same purge as on request; cannot be undone.";
});

/// "Hộ chuyển đi" / "Moved-out households": the kind in a count or list.
pub fn kind(lang: Lang, k: Retained) -> &'static str {
    match k {
        Retained::MovedOut => pick(lang, "Hộ đã chuyển đi", "Households moved out"),
        Retained::LeftMember => pick(lang, "Thành viên đã rời tổ", "Members who left"),
        Retained::ClosedCase => pick(lang, "Vụ việc đã kết thúc", "Closed cases"),
    }
}

/// "Hộ đã chuyển đi: 3 (T01-0001, T02-0040, ...)".
pub fn count_line(lang: Lang, k: Retained, references: &[String]) -> String {
    format!("{}: {} ({})", kind(lang, k), number(lang, references.len()), references.join(", "))
}

/// "Đã xóa thông tin cá nhân của 12 hồ sơ hết hạn lưu giữ."
pub fn purged(lang: Lang, n: usize) -> String {
    let n = number(lang, n);
    match lang {
        Lang::Vi => format!("Đã xóa thông tin cá nhân của {n} hồ sơ hết hạn lưu giữ."),
        Lang::En => format!("Erased the personal data of {n} records past retention."),
    }
}

/// The question after the preview.
pub fn purge_question(lang: Lang, n: usize) -> String {
    let n = number(lang, n);
    match lang {
        Lang::Vi => format!("Xóa vĩnh viễn thông tin cá nhân của {n} hồ sơ trên? Không thể hoàn tác. (c/k)"),
        Lang::En => format!("Erase the personal data of these {n} records for good? This cannot be undone. (y/n)"),
    }
}

/// "hạn" / "due": before a request's next deadline.
pub fn due_word(lang: Lang) -> &'static str {
    pick(lang, "hạn", "due")
}

/// "trả lời" / "answered": before the day a closed request was answered.
pub fn answered_word(lang: Lang) -> &'static str {
    pick(lang, "trả lời", "answered")
}

/// The dashboard's line for the administrator.
pub fn due_line(lang: Lang, n: usize) -> String {
    let n = number(lang, n);
    match lang {
        Lang::Vi => format!("{n} hồ sơ đã hết hạn lưu giữ thông tin cá nhân (Cài đặt → Xóa dữ liệu hết hạn)"),
        Lang::En => format!("{n} records are past the retention of personal data (Settings → Erase expired data)"),
    }
}

/// The dashboard's line of overdue requests.
pub fn overdue_line(lang: Lang, n: usize) -> String {
    let n = number(lang, n);
    match lang {
        Lang::Vi => format!("{n} yêu cầu về dữ liệu cá nhân đã quá hạn (Cài đặt → Yêu cầu về dữ liệu cá nhân)"),
        Lang::En => format!("{n} personal data requests are overdue (Settings → Personal data requests)"),
    }
}

pub fn request_kind(lang: Lang, k: RequestKind) -> &'static str {
    match k {
        RequestKind::See => pick(lang, "Xem dữ liệu", "See their data"),
        RequestKind::Correct => pick(lang, "Sửa dữ liệu", "Correct it"),
        RequestKind::Delete => pick(lang, "Xóa dữ liệu", "Delete it"),
        RequestKind::Object => pick(lang, "Phản đối xử lý", "Object to processing"),
    }
}

pub fn request_status(lang: Lang, s: RequestStatus) -> &'static str {
    match s {
        RequestStatus::Received => pick(lang, "Đã nhận", "Received"),
        RequestStatus::Acknowledged => pick(lang, "Đã xác nhận", "Acknowledged"),
        RequestStatus::Done => pick(lang, "Đã giải quyết", "Done"),
        RequestStatus::Refused => pick(lang, "Từ chối", "Refused"),
    }
}

/// The word typed for a kind on the command line and read back.
pub fn kind_code(k: RequestKind) -> &'static str {
    match k {
        RequestKind::See => "see",
        RequestKind::Correct => "correct",
        RequestKind::Delete => "delete",
        RequestKind::Object => "object",
    }
}
