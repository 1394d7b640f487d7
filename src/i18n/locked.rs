//! The words of locked exports (`crate::output::locked`): the passphrase's
//! prompts on the command line, the two masked fields of the interface's
//! dialogs, the line that says a file was locked and needs the passphrase,
//! and why nothing was written when the passphrase was refused.

use crate::domain::{FieldError, Lang, Problem};

super::texts! {
    /// Short texts of locked exports.
    LockText {
        Prompt => "Mật khẩu cho tệp nén (ít nhất 8 ký tự): ", "Passphrase for the ZIP file (at least 8 characters): ";
        PromptAgain => "Gõ lại mật khẩu: ", "Type the passphrase again: ";
        Passphrase => "Mật khẩu", "Passphrase";
        Again => "Nhập lại mật khẩu", "Passphrase again";
        Locked => "Tệp nén đã khóa bằng mật khẩu (AES-256): mở bằng 7-Zip hoặc WinRAR với mật khẩu vừa đặt.", "The ZIP file is locked with the passphrase (AES-256): open it with 7-Zip or WinRAR and that passphrase.";
        NothingWritten => "Chưa ghi tệp nào.", "Nothing was written.";
        BookNote => "Sổ ghi tên các bên: tệp được nén và khóa bằng mật khẩu (AES-256).", "The book names the parties: it is zipped and locked with a passphrase.";
    }
}

/// "Mật khẩu: cần ít nhất 8 ký tự", "Nhập lại mật khẩu: hai lần gõ không
/// giống nhau": the field named as the dialog labels it (a mismatch is
/// the second field's).
pub fn field_error(lang: Lang, e: &FieldError) -> String {
    let label = if e.problem == Problem::Mismatch { LockText::Again } else { LockText::Passphrase };
    format!("{}: {}", label.get(lang), super::problem(lang, e.problem))
}

/// The command line's refusal: the problem, then that nothing was written.
pub fn refused(lang: Lang, e: &FieldError) -> String {
    format!("{}. {}", field_error(lang, e), LockText::NothingWritten.get(lang))
}
