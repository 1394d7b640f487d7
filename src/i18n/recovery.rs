//! Words of the recovery key: the sheet printed once when a key is made
//! (`soxa recovery-key`, and the first user's creation), and the command's
//! own sentences.

use std::path::Path;

use crate::domain::Lang;

/// The recovery sheet: the secret key with what it is and how to keep it.
/// Shown once; soxa does not keep the secret.
pub fn sheet(lang: Lang, secret: &str) -> String {
    let lines: &[&str] = match lang {
        Lang::Vi => &[
            "KHÓA KHÔI PHỤC CỦA SỔ (soxa)",
            "",
            "Đây là khóa mở các bản sao lưu của sổ. Mọi bản sao lưu, kể cả bản",
            "tự động, đều được khóa bằng khóa này: không có khóa thì không khôi",
            "phục được sổ từ bản sao lưu.",
            "",
            "- In tờ này ra giấy và cất trong két sắt; không lưu khóa trên máy,",
            "  không gửi qua mạng.",
            "- Bản sao lưu làm trước khi đổi khóa vẫn cần khóa CŨ: giữ tờ cũ cho",
            "  đến khi không còn cần các bản đó.",
            "- soxa không giữ khóa này và không thể hiện lại nó.",
            "- Khôi phục: soxa restore <tệp> rồi gõ khóa, hoặc",
            "  soxa restore <tệp> --key-file <tệp chứa tờ này>.",
        ],
        Lang::En => &[
            "RECOVERY KEY OF THE LEDGER (soxa)",
            "",
            "This key opens the ledger's backups. Every backup, the automatic",
            "ones too, is locked with it: without the key no backup can be",
            "restored.",
            "",
            "- Print this sheet on paper and keep it in the safe; do not keep",
            "  the key on the PC, do not send it over the network.",
            "- Backups made before the key was changed still need the OLD key:",
            "  keep the old sheet while those backups are needed.",
            "- soxa does not keep this key and cannot show it again.",
            "- To restore: soxa restore <file>, then type the key, or",
            "  soxa restore <file> --key-file <file holding this sheet>.",
        ],
    };
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        out.push('\n');
        if i == 1 {
            out.push_str(&format!("    {secret}\n\n"));
        }
    }
    out
}

/// `soxa recovery-key` on a ledger without users.
pub fn no_users(lang: Lang) -> String {
    match lang {
        Lang::Vi => "Sổ này chưa có người dùng: hãy tạo người dùng đầu tiên trước (khóa khôi phục được tạo cùng lúc); không có gì bị thay đổi.".into(),
        Lang::En => "This ledger has no users yet: create the first user first (the recovery key is made with it); nothing was changed.".into(),
    }
}

/// Said after the sheet was also written to a file.
pub fn sheet_written(lang: Lang, path: &Path) -> String {
    match lang {
        Lang::Vi => {
            format!("Đã ghi tờ khóa khôi phục vào {} (chỉ chủ máy đọc được); in ra rồi xóa tệp này.", path.display())
        }
        Lang::En => format!(
            "The recovery sheet was written to {} (readable by its owner only); print it, then delete the file.",
            path.display()
        ),
    }
}
