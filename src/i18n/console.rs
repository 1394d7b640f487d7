//! Words of the console window itself: holding a Windows window open, and
//! the sentence after the interface ended abnormally (see `cli::supervise`).

texts!(Console {
    PressEnterToClose => "Nhấn Enter để đóng cửa sổ này.", "Press Enter to close this window.";
});

/// After the interface's process was killed or aborted: the terminal was
/// put back; what was saved is safe (every save is written before it is
/// acknowledged).
pub fn stopped(lang: crate::domain::Lang, how: &str) -> String {
    match lang {
        crate::domain::Lang::Vi => format!(
            "soxa bị dừng đột ngột ({how}); màn hình dòng lệnh đã được trả lại như cũ, các dữ liệu đã báo \"Đã lưu\" vẫn còn nguyên: hãy mở lại soxa."
        ),
        crate::domain::Lang::En => format!(
            "soxa was stopped abruptly ({how}); the terminal was put back as it was, and everything reported \"Saved\" is kept: open soxa again."
        ),
    }
}
