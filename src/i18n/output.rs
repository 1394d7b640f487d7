//! The sentences of [`OutputError`]: why a file soxa was asked to write
//! (a report, an export, the rejected rows) was not written. Each says
//! only what to change: nothing was left half written.

use std::path::Path;

use crate::domain::Lang;
use crate::output::OutputError;

pub fn error(lang: Lang, e: &OutputError) -> String {
    let shown = |p: &Path| p.display().to_string();
    match (e, lang) {
        (OutputError::InsideLedger { path, ledger }, Lang::Vi) => format!(
            "{} nằm trong thư mục sổ {}; soxa không ghi tệp vào đó để sổ không bị hỏng. Hãy chọn thư mục khác (ví dụ Tài liệu).",
            shown(path),
            shown(ledger)
        ),
        (OutputError::InsideLedger { path, ledger }, Lang::En) => format!(
            "{} is inside the ledger folder {}; soxa writes no file there, so the ledger cannot be damaged. Choose another folder (Documents, for example).",
            shown(path),
            shown(ledger)
        ),
        (OutputError::Exists(p), Lang::Vi) => {
            format!("Tệp {} đã có; soxa không ghi đè. Hãy chọn tên khác, hoặc thêm --force để thay tệp cũ.", shown(p))
        }
        (OutputError::Exists(p), Lang::En) => format!(
            "The file {} exists already; soxa will not overwrite it. Choose another name, or add --force to replace it.",
            shown(p)
        ),
        (OutputError::NoFolder(p), Lang::Vi) => {
            format!("Không có thư mục {}. Hãy chọn một thư mục đã có.", shown(p))
        }
        (OutputError::NoFolder(p), Lang::En) => {
            format!("The folder {} does not exist. Choose an existing folder.", shown(p))
        }
        (OutputError::IsFolder(p), Lang::Vi) => {
            format!("{} là một thư mục. Hãy cho tên tệp, ví dụ {}.", shown(p), example(p))
        }
        (OutputError::IsFolder(p), Lang::En) => {
            format!("{} is a folder. Give a file name, for example {}.", shown(p), example(p))
        }
        (OutputError::InUse(p), Lang::Vi) => format!(
            "Tệp {} đang mở trong chương trình khác (Excel?). Hãy đóng tệp đó rồi thử lại, hoặc đặt tên khác.",
            shown(p)
        ),
        (OutputError::InUse(p), Lang::En) => format!(
            "The file {} is open in another program (Excel?). Close it and try again, or choose another name.",
            shown(p)
        ),
        (OutputError::Denied(p), Lang::Vi) => {
            format!("Không được phép ghi {}. Hãy chọn thư mục khác (ví dụ Tài liệu).", shown(p))
        }
        (OutputError::Denied(p), Lang::En) => {
            format!("Not allowed to write {}. Choose another folder (Documents, for example).", shown(p))
        }
        (OutputError::Write { path, source }, Lang::Vi) => {
            format!("Không ghi được tệp {} ({source}). Tệp chưa được ghi.", shown(path))
        }
        (OutputError::Write { path, source }, Lang::En) => {
            format!("Could not write {} ({source}). Nothing was written.", shown(path))
        }
    }
}

/// `<folder>/bao-cao.xlsx`: what to type instead of a bare folder.
fn example(folder: &Path) -> String {
    folder.join("bao-cao.xlsx").display().to_string()
}
