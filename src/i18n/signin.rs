//! Words of the interface's sign-in and lock screens, the Settings
//! sections "Người dùng" (users, the idle lock) and "Nhật ký truy cập"
//! (the access log), and the recovery sheet shown once when the first
//! user is created.

use super::pick;
use crate::domain::Lang;

texts!(SignInText {
    Title => "Đăng nhập", "Sign in";
    Intro => "Sổ này có người dùng. Hãy gõ tên và mật khẩu.", "This ledger has users. Type your name and passphrase.";
    Name => "Tên người dùng", "User name";
    Passphrase => "Mật khẩu", "Passphrase";
    HintSignIn => "Enter: đăng nhập · Tab: đổi ô · Esc: thoát", "Enter: sign in · Tab: next field · Esc: quit";
    LockTitle => "Đã khóa", "Locked";
    LockIntro => "Sổ đã tự khóa vì lâu không dùng. Gõ mật khẩu để mở lại; việc đang làm vẫn còn nguyên.",
        "The ledger locked itself after a while unused. Type the passphrase to go on; your work is kept.";
    HintLock => "Enter: mở khóa · Tab: người dùng khác · Esc: thoát", "Enter: unlock · Tab: another user · Esc: quit";
    OtherTitle => "Người dùng khác", "Another user";
    OtherIntro => "Đăng nhập bằng người dùng khác: biểu mẫu đang mở được đóng, bản nháp vẫn giữ trên máy.",
        "Sign in as another user: the open form is closed, its draft is kept on this computer.";
    HintOther => "Enter: đăng nhập · Tab: đổi ô · Esc: thoát", "Enter: sign in · Tab: next field · Esc: quit";
    NeedName => "Hãy gõ tên người dùng.", "Type the user name.";
});

texts!(UsersText {
    SecUsers => "Người dùng", "Users";
    SecAccessLog => "Nhật ký truy cập", "Access log";
    IdleLock => "Tự khóa sau (phút)", "Lock after (minutes)";
    ColName => "Tên", "Name";
    ColRole => "Vai trò", "Role";
    ColHamlet => "Thôn", "Hamlet";
    ColCreated => "Tạo ngày", "Created";
    NoUsers => "Chưa có người dùng: ai mở soxa trên máy này cũng làm được mọi việc. Nhấn n để thêm người dùng đầu tiên (vai trò Quản trị); từ đó soxa hỏi tên và mật khẩu khi mở.",
        "No users yet: anyone opening soxa on this computer may do everything. Press n to add the first user (an administrator); from then on soxa asks for a name and passphrase.";
    HintUsers => "n: thêm · e: đổi mật khẩu (dòng đầu: số phút tự khóa) · d: xóa", "n: add · e: change passphrase (first line: lock minutes) · d: remove";
    HintLog => "↑↓: cuộn · x: xuất ra tệp CSV", "↑↓: scroll · x: export to a CSV file";
    EmptyLog => "Nhật ký truy cập còn trống.", "The access log is empty.";
    AddTitle => "Thêm người dùng", "Add a user";
    PassTitle => "Đổi mật khẩu", "Change the passphrase";
    IdleTitle => "Tự khóa sau bao nhiêu phút không dùng", "Lock after how many minutes unused";
    PassAgain => "Gõ lại mật khẩu", "Passphrase again";
    NoHamlet => "(không)", "(none)";
    HintDialog => "Enter: lưu · Tab: ô sau · ←→: chọn · Esc: thôi", "Enter: save · Tab: next field · ←→: choose · Esc: cancel";
    HintQuestion => "c/Enter: có · k/Esc: không", "y/Enter: yes · n/Esc: no";
    Added => "Đã thêm người dùng.", "User added.";
    PassChanged => "Đã đổi mật khẩu.", "Passphrase changed.";
    Removed => "Đã xóa người dùng.", "User removed.";
    IdleSaved => "Đã lưu thời gian tự khóa.", "Idle lock saved.";
    SheetTitle => "Khóa khôi phục bản sao lưu", "Backup recovery key";
    SheetIntro => "Hãy chép khóa dưới đây ra giấy và cất ở nơi an toàn, tách khỏi máy tính. Khóa chỉ hiện MỘT lần này. Nếu mọi mật khẩu đều bị quên, chỉ khóa này mở được các bản sao lưu đã mã hóa.",
        "Copy the key below on paper and keep it somewhere safe, away from the computer. It is shown this ONE time. If every passphrase is forgotten, only this key opens the encrypted backups.";
    SheetDone => "Enter: đã chép xong", "Enter: copied";
});

/// "Xóa người dùng Lê Thị Hoa? (c/k)"
pub fn confirm_remove(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Vi => format!("Xóa người dùng {name}? (c/k)"),
        Lang::En => format!("Remove the user {name}? (y/n)"),
    }
}

/// "Người dùng: Lê Thị Hoa" on the lock screen.
pub fn locked_user(lang: Lang, name: &str) -> String {
    format!("{}: {name}", pick(lang, "Người dùng", "User"))
}

/// "Đổi mật khẩu của Lê Thị Hoa".
pub fn pass_title(lang: Lang, name: &str) -> String {
    format!("{} {} {name}", UsersText::PassTitle.get(lang), pick(lang, "của", "of"))
}

/// "Đã xuất nhật ký truy cập: /home/xa/nhat-ky-truy-cap-2026-12-06.csv"
pub fn log_exported(lang: Lang, file: &str) -> String {
    format!("{}: {file}", pick(lang, "Đã xuất nhật ký truy cập", "Access log exported"))
}

/// The export's file name: "nhat-ky-truy-cap-2026-12-06.csv".
pub fn log_file_name(lang: Lang, date: &str) -> String {
    format!("{}-{date}.csv", pick(lang, "nhat-ky-truy-cap", "access-log"))
}

/// The export's header row.
pub fn log_columns(lang: Lang) -> [&'static str; 3] {
    [pick(lang, "Thời điểm", "When"), pick(lang, "Người dùng", "User"), pick(lang, "Việc", "What")]
}
