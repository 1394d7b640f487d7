//! Words of `soxa undo`: the newest change, the question, the outcome.

use super::number;
use crate::domain::Lang;

texts!(UndoText {
    Newest => "Thay đổi mới nhất:", "The newest change:";
    Confirm => "Hoàn tác thay đổi này? Gõ \"co\" rồi Enter, hoặc Enter để thôi: ",
        "Undo this change? Type \"yes\" then Enter, or just Enter to stop: ";
    Cancelled => "Đã thôi, không hoàn tác gì.", "Stopped; nothing was undone.";
    Undone => "Đã hoàn tác. Chạy lại soxa undo để làm lại.", "Undone. Run soxa undo again to redo.";
    Nothing => "Không có gì để hoàn tác.", "There is nothing to undo.";
    Closing => "Thay đổi mới nhất là chốt hoặc mở lại số liệu: không hoàn tác được; dùng soxa reopen.",
        "The newest change closed or reopened a period: it is not undone; use soxa reopen.";
});

/// "… và 12 bản ghi nữa" when a long change is shown in part.
pub fn more(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("… và {} bản ghi nữa", number(lang, n)),
        Lang::En => format!("… and {} more records", number(lang, n)),
    }
}
