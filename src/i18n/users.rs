//! Words of the command line's users (`soxa user ...`), the recovery sheet
//! printed once when the first user is made, the demo's users and the
//! access log written as CSV.

use crate::domain::Lang;

texts!(UserText {
    NewPassphrase => "Mật khẩu mới của", "New passphrase of";
    Again => "Gõ lại mật khẩu: ", "Type the passphrase again: ";
    Added => "Đã thêm người dùng", "Added user";
    Removed => "Đã xóa người dùng", "Removed user";
    Changed => "Đã đổi mật khẩu của", "Changed the passphrase of";
    NoUsers => "Sổ chưa có người dùng: ai mở sổ cũng làm được mọi việc (như trước). Thêm người quản trị đầu tiên bằng: soxa user add TÊN --role admin", "The ledger has no users yet: whoever opens it may do everything (as before). Add the first administrator with: soxa user add NAME --role admin";
    Name => "Tên", "Name";
    Role => "Vai trò", "Role";
    Hamlet => "Thôn", "Hamlet";
    Created => "Tạo ngày", "Created";
    Passphrase => "Mật khẩu", "Passphrase";
    NowSignIn => "Từ nay mọi lệnh trên sổ này cần --user TÊN và mật khẩu.", "From now on every command on this ledger needs --user NAME and the passphrase.";
    DemoUsers => "Người dùng của xã mẫu (mật khẩu chỉ để thử, in một lần):", "The demo's users (passphrases for trying only, printed once):";
    DemoSignIn => "Ví dụ: soxa search nguyen --user \"cong an\"", "For example: soxa search nguyen --user \"cong an\"";
    NoAccessLog => "Nhật ký truy cập chưa có dòng nào.", "The access log has no entries yet.";
    LogWritten => "Đã ghi nhật ký truy cập", "Wrote the access log";
    Entries => "dòng", "entries";
    At => "Thời điểm", "When";
    Operator => "Người dùng", "User";
    Event => "Việc", "What";
    Report => "báo cáo", "the report of";
});

/// The recovery sheet, printed once when the first user is created: the
/// secret key, what it is for, where to keep it.
pub fn recovery_sheet(lang: Lang, secret: &str) -> String {
    let rule = "=".repeat(66);
    let body = match lang {
        Lang::Vi => [
            "KHÓA KHÔI PHỤC CỦA SỔ (in ra một lần duy nhất)",
            "Mọi bản sao lưu làm từ nay được khóa bằng khóa này. Khôi phục (soxa restore)",
            "một bản sao lưu bất kỳ làm từ nay đều cần khóa này.",
            "Hãy in ra và cất trong tủ an toàn của xã; soxa không thể hiện lại khóa này.",
        ],
        Lang::En => [
            "THE LEDGER'S RECOVERY KEY (printed this once only)",
            "Every backup made from now on is locked with this key. A restore",
            "(soxa restore) of any backup made from now on needs it.",
            "Print it and keep it in the commune's safe; soxa cannot show it again.",
        ],
    };
    format!("{rule}\n{}\n\n  {secret}\n\n{}\n{rule}", body[0], body[1..].join("\n"))
}

/// "Mật khẩu mới của Lê Thị Hoa: " (asked without echo).
pub fn new_passphrase_prompt(lang: Lang, name: &str) -> String {
    format!("{} {name}: ", UserText::NewPassphrase.get(lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sheet_shows_the_key_and_where_to_keep_it() {
        let vi = recovery_sheet(Lang::Vi, "AGE-SECRET-KEY-1XYZ");
        assert!(vi.contains("AGE-SECRET-KEY-1XYZ") && vi.contains("tủ an toàn của xã"), "{vi}");
        let en = recovery_sheet(Lang::En, "AGE-SECRET-KEY-1XYZ");
        assert!(en.contains("commune's safe") && en.contains("cannot show it again"), "{en}");
        assert!(vi.lines().chain(en.lines()).all(|l| unicode_width::UnicodeWidthStr::width(l) <= 80));
    }
}
