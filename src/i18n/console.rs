//! Words of the console window itself: holding a Windows window open, the
//! question before a new ledger is made in a folder given on the command
//! line, and the sentence after the interface ended abnormally (see
//! `cli::supervise`).

use std::path::Path;

use crate::domain::Lang;

texts!(Console {
    PressEnterToClose => "Nhấn Enter để đóng cửa sổ này.", "Press Enter to close this window.";
});

/// After the interface's process was killed or aborted: the terminal was
/// put back; what was saved is safe (every save is written before it is
/// acknowledged).
pub fn stopped(lang: Lang, how: &str) -> String {
    match lang {
        Lang::Vi => format!(
            "soxa bị dừng đột ngột ({how}); màn hình dòng lệnh đã được trả lại như cũ, các dữ liệu đã báo \"Đã lưu\" vẫn còn nguyên: hãy mở lại soxa."
        ),
        Lang::En => format!(
            "soxa was stopped abruptly ({how}); the terminal was put back as it was, and everything reported \"Saved\" is kept: open soxa again."
        ),
    }
}

/// Before the interface makes a new ledger in a folder named on the
/// command line that holds none.
pub fn create_here(lang: Lang, path: &Path) -> String {
    match lang {
        Lang::Vi => format!("Chưa có sổ ở {}. Tạo sổ mới ở đây? (c/k)", path.display()),
        Lang::En => format!("No ledger at {}. Create a new one here? (y/n)", path.display()),
    }
}

/// A yes typed at a terminal question, in either language.
pub fn is_yes(answer: &str) -> bool {
    let answer = answer.trim().to_lowercase();
    ["c", "có", "co", "y", "yes"].contains(&answer.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_clear_yes_is_a_yes() {
        for yes in ["c", "C\n", " có ", "y", "Yes"] {
            assert!(is_yes(yes), "{yes}");
        }
        for no in ["", "\n", "k", "n", "không", "cc"] {
            assert!(!is_yes(no), "{no}");
        }
    }
}
