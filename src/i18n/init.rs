//! Words of `soxa init`: the commune created, the refusal on a ledger that
//! has one, and what to do next.

use crate::domain::Lang;

texts!(InitText {
    Created => "Đã tạo thông tin xã", "Created the commune";
    Hamlets => "thôn/tổ dân phố", "hamlets";
    Items => "nội dung cam kết theo danh mục chuẩn", "commitment items from the standard list";
    Next => "Tiếp theo:", "Next:";
    PreviewHouseholds => "Xem trước danh sách hộ (không ghi gì)", "Preview the households (writes nothing)";
    ImportHouseholds => "Nhập danh sách hộ và các năm cam kết", "Import the households and their years of commitments";
    ImportMembers => "Nhập thành viên các tổ, đội", "Import the team members";
    Open => "Mở giao diện (Cài đặt: người ký, danh mục cam kết)", "Open the interface (Settings: signers, commitment items)";
});

/// "Sổ ... đã có xã X: ..." — the refusal of a second `soxa init`.
pub fn already(lang: Lang, name: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "Sổ này đã có xã {name}: `soxa init` không tạo lại; sửa thông tin xã ở màn hình Cài đặt (chạy `soxa`)."
        ),
        Lang::En => format!(
            "This ledger already has the commune {name}: `soxa init` does not make it again; edit it on the Settings screen (run `soxa`)."
        ),
    }
}
