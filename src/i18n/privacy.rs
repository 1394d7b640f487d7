//! Words of `soxa purge`: erasing a person's personal data on request.

use super::{entity, field, number};
use crate::domain::Lang;
use crate::store::PurgePreview;

texts!(PrivacyText {
    WillErase => "Sẽ xóa vĩnh viễn thông tin cá nhân sau:", "This personal data will be erased for good:";
    Kept => "Giữ lại (không có thông tin cá nhân): mã, thôn, ngày tháng, trạng thái, số liệu cho báo cáo.",
        "Kept (not personal): codes, hamlet, dates, statuses, the figures reports count.";
    Confirm => "Không thể hoàn tác. Gõ \"co\" rồi Enter để xóa, hoặc Enter để thôi: ",
        "This cannot be undone. Type \"yes\" then Enter to erase, or just Enter to stop: ";
    Cancelled => "Đã thôi, không xóa gì.", "Stopped; nothing was erased.";
    NothingToErase => "Hồ sơ này không còn thông tin cá nhân nào để xóa.", "This record holds no personal data to erase.";
    OldBackups => "Lưu ý: các bản sao lưu làm trước lúc này vẫn còn thông tin đã xóa. Bản sao lưu mới thì không. Hãy xóa các bản cũ nếu người đó yêu cầu:",
        "Note: backups made before now still hold the erased data; new backups do not. Delete the old ones if the person asks:";
    NoHousehold => "Không có hộ nào mang mã này.", "No household has this code.";
    NoMember => "Không có thành viên nào mang mã số hoặc tên này.", "No member has this number or name.";
    ManyMembers => "Có nhiều thành viên trùng tên; hãy gõ mã số (#) của người cần xóa:",
        "Several members have this name; give the number (#) of the one to erase:";
    NoCase => "Không có vụ việc nào mang số này (gõ như 12/2026).", "No case has this number (type it like 12/2026).";
    NoParty => "Vụ việc này không có bên thứ này (đếm từ 1).", "This case has no party with this number (counting from 1).";
    Linked => "Còn liên quan (không tự xóa; dùng soxa purge member / party nếu là cùng một người):",
        "Still linked (not erased; use soxa purge member / party if it is the same person):";
});

/// "Đã xóa thông tin cá nhân: Hộ #12 T01-0001; viết lại 3 mục nhật ký."
pub fn done(lang: Lang, p: &PurgePreview) -> String {
    let kind = entity(lang, p.kind);
    let audits = number(lang, p.audit_entries);
    match lang {
        Lang::Vi => format!(
            "Đã xóa thông tin cá nhân ({kind} {}); viết lại {audits} mục nhật ký thay đổi; {} hồ sơ kèm theo.",
            p.reference, p.related
        ),
        Lang::En => format!(
            "Personal data erased ({kind} {}); {audits} change-log entries rewritten; {} related records.",
            p.reference, p.related
        ),
    }
}

/// One line of the preview: "  Số CCCD: 001234567890".
pub fn erased_line(lang: Lang, f: crate::domain::Field, value: &str) -> String {
    format!("  {}: {value}", field(lang, f))
}
