//! Words of backups and restores: `soxa backup`, `soxa restore`, the
//! automatic daily copy in the interface, and every way they can fail.

use crate::domain::Lang;
use crate::store::backup::{BackupError, ReadError};

texts!(BackupText {
    Running => "Đang sao lưu…", "Backing up…";
    AutoDone => "Đã sao lưu tự động:", "Automatic backup saved:";
    Saved => "Đã sao lưu vào", "Backup written to";
    Entries => "mục", "entries";
    Restored => "Đã khôi phục", "Restored";
    Into => "vào", "into";
    MadeAt => "sao lưu lúc", "taken at";
    MovedAside => "Cơ sở dữ liệu cũ được giữ nguyên tại", "The previous database was kept, unchanged, in";
});

/// Automatic backups named for a time after now (a clock that once ran
/// ahead): they are kept, and not taken for the newest.
pub fn future_dated(lang: Lang, files: &[std::path::PathBuf]) -> String {
    let names: Vec<String> =
        files.iter().map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()).collect();
    let (n, names) = (files.len(), names.join(", "));
    match lang {
        Lang::Vi => format!(
            "Chú ý: {n} bản sao lưu tự động mang ngày trong tương lai (đồng hồ máy từng chạy sai): {names}. soxa giữ nguyên chúng nhưng không coi là bản mới nhất; hãy kiểm tra ngày giờ của máy."
        ),
        Lang::En => format!(
            "Note: {n} automatic backups are dated in the future (the PC's clock was once wrong): {names}. soxa keeps them but does not take them for the newest; check the PC's date and time."
        ),
    }
}

/// What opening did about a restore or demo a crash cut short (one sentence).
pub fn recovered(lang: Lang, r: &crate::store::swap::Recovered) -> String {
    use crate::store::swap::{Kind, Recovered};
    match (r, lang) {
        (Recovered::Finished { kind: Kind::Restore, aside: Some(a) }, Lang::Vi) => format!(
            "Lần khôi phục trước bị ngắt giữa chừng; soxa đã hoàn tất nó: sổ từ bản sao lưu đang được dùng, sổ cũ được giữ nguyên tại {}.",
            a.display()
        ),
        (Recovered::Finished { kind: Kind::Restore, aside: Some(a) }, Lang::En) => format!(
            "The last restore was interrupted; soxa finished it: the ledger from the backup is in use, and the previous one is kept, unchanged, in {}.",
            a.display()
        ),
        (Recovered::Finished { kind: Kind::Restore, aside: None }, Lang::Vi) => {
            "Lần khôi phục trước bị ngắt giữa chừng; soxa đã hoàn tất nó: sổ từ bản sao lưu đang được dùng.".into()
        }
        (Recovered::Finished { kind: Kind::Restore, aside: None }, Lang::En) => {
            "The last restore was interrupted; soxa finished it: the ledger from the backup is in use.".into()
        }
        (Recovered::Finished { kind: Kind::Demo, .. }, Lang::Vi) => {
            "Lần tạo xã mẫu trước bị ngắt ở bước cuối; soxa đã hoàn tất nó: xã mẫu mới đang được dùng.".into()
        }
        (Recovered::Finished { kind: Kind::Demo, .. }, Lang::En) => {
            "The last demo was interrupted at its last step; soxa finished it: the new demo commune is in use.".into()
        }
        (Recovered::Finished { kind: Kind::Compact, .. }, Lang::Vi) => {
            "Lần thu gọn sổ trước bị ngắt ở bước cuối; soxa đã hoàn tất nó: sổ đã thu gọn đang được dùng.".into()
        }
        (Recovered::Finished { kind: Kind::Compact, .. }, Lang::En) => {
            "The last compaction was interrupted at its last step; soxa finished it: the compacted ledger is in use.".into()
        }
        (Recovered::RolledBack { .. }, Lang::Vi) => {
            "Lần thay sổ trước bị ngắt giữa chừng và sổ mới không còn; soxa đã đặt lại sổ cũ, như trước khi thay.".into()
        }
        (Recovered::RolledBack { .. }, Lang::En) => {
            "The last replacement of the ledger was interrupted and the new one is gone; soxa put the previous ledger back, as it was before.".into()
        }
    }
}

/// How to restore the newest automatic backup over a damaged database (said
/// when opening finds damage and when `soxa check` finds mismatches). The
/// damaged store is moved aside, never deleted.
pub fn restore_advice(lang: Lang, newest: &std::path::Path, db: &std::path::Path) -> String {
    let (b, db) = (newest.display(), db.display());
    match lang {
        Lang::Vi => format!(
            "Bản sao lưu tự động mới nhất là {b}; khôi phục bằng: soxa restore \"{b}\" --db \"{db}\" --replace (sổ hỏng được giữ lại trong thư mục backups)."
        ),
        Lang::En => format!(
            "The newest automatic backup is {b}; restore it with: soxa restore \"{b}\" --db \"{db}\" --replace (the damaged ledger is kept in the backups folder)."
        ),
    }
}

/// One sentence for each way a backup or restore can fail.
pub fn backup_error(lang: Lang, e: &BackupError) -> String {
    use BackupError::*;
    match (e, lang) {
        (Write { path, detail }, Lang::Vi) => format!("Không ghi được vào {} ({detail}).", path.display()),
        (Write { path, detail }, Lang::En) => format!("Could not write to {} ({detail}).", path.display()),
        (Read { path, detail }, Lang::Vi) => format!("Không đọc được tệp {} ({detail}).", path.display()),
        (Read { path, detail }, Lang::En) => format!("Cannot read the file {} ({detail}).", path.display()),
        (Exists { path }, Lang::Vi) => format!(
            "Tệp {} đã có; soxa không ghi đè. Hãy chọn tên khác, hoặc thêm --force để thay tệp cũ.",
            path.display()
        ),
        (Exists { path }, Lang::En) => format!(
            "The file {} exists already; soxa will not overwrite it. Choose another name, or add --force to replace it.",
            path.display()
        ),
        (Invalid { path, problem }, _) => invalid_file(lang, path, problem),
        (HasDatabase { path }, Lang::Vi) => format!(
            "Thư mục {} đã có cơ sở dữ liệu. Hãy khôi phục vào thư mục mới (--db <thư mục mới>), hoặc thêm --replace để thay thế: cơ sở dữ liệu hiện có sẽ được chuyển vào thư mục backups, không bị xóa.",
            path.display()
        ),
        (HasDatabase { path }, Lang::En) => format!(
            "The folder {} holds a database already. Restore into a new folder (--db <new folder>), or add --replace to replace it: the current database is moved into its backups folder, not deleted.",
            path.display()
        ),
        (Open(e), _) => crate::i18n::open_error(lang, e),
        (Store(e), _) => crate::i18n::store_error(lang, e),
        (Cancelled, Lang::Vi) => "Đã dừng sao lưu; chưa có tệp nào được ghi.".into(),
        (Cancelled, Lang::En) => "The backup was stopped; no file was written.".into(),
        (Locked { .. } | WrongKey { .. } | NotAKey | Recipient, _) => locked_error(lang, e),
        (Mismatch { .. } | NoSpace { .. }, _) => compact_error(lang, e),
    }
}

/// The refusals of `soxa compact` (the ledger is left as it was).
fn compact_error(lang: Lang, e: &BackupError) -> String {
    use crate::i18n::numbers::size;
    match (e, lang) {
        (BackupError::Mismatch { tree }, Lang::Vi) => format!(
            "Bản thu gọn không khớp với sổ (bảng {tree}); soxa đã bỏ bản đó, sổ giữ nguyên như trước. Hãy chạy soxa check."
        ),
        (BackupError::Mismatch { tree }, Lang::En) => format!(
            "The compacted copy does not match the ledger (tree {tree}); soxa discarded it and the ledger is as it was. Run soxa check."
        ),
        (BackupError::NoSpace { path, needed, free }, Lang::Vi) => format!(
            "Ổ đĩa chứa {} chỉ còn trống {}, cần khoảng {} để thu gọn; chưa có gì bị thay đổi. Hãy giải phóng chỗ trống rồi chạy lại.",
            path.display(),
            size(lang, *free),
            size(lang, *needed)
        ),
        (BackupError::NoSpace { path, needed, free }, Lang::En) => format!(
            "The disk holding {} has {} free and compaction needs about {}; nothing was changed. Free some space and run it again.",
            path.display(),
            size(lang, *free),
            size(lang, *needed)
        ),
        _ => String::new(),
    }
}

/// "Ledger compacted: 271 MB → 200 MB (live data 88 MB), 35 s".
pub fn compacted(lang: Lang, c: &crate::store::compact::Compacted) -> String {
    use crate::i18n::numbers::{seconds, size};
    let (b, a, l, t) = (size(lang, c.before), size(lang, c.after), size(lang, c.live), seconds(lang, c.seconds));
    match lang {
        Lang::Vi => format!(
            "Đã thu gọn sổ: {b} → {a} (dữ liệu thật {l}), {t}. Bản sao lưu trước khi thu gọn: {}",
            c.backup.display()
        ),
        Lang::En => {
            format!("Ledger compacted: {b} → {a} (live data {l}), {t}. Backup taken before: {}", c.backup.display())
        }
    }
}

/// The interface's one-line offer, with the key that accepts it.
pub fn compact_offer(lang: Lang, folder: u64, live: u64, key: &str) -> String {
    use crate::i18n::numbers::size;
    let (f, l) = (size(lang, folder), size(lang, live));
    match lang {
        Lang::Vi => format!("Sổ đang chiếm {f}, dữ liệu thật chỉ {l}: bấm {key} để thu gọn khi thoát."),
        Lang::En => format!("The ledger takes {f} on disk for {l} of data: press {key} to compact it when you quit."),
    }
}

/// Said once the clerk accepted the offer.
pub fn compact_accepted(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Sổ sẽ được thu gọn khi thoát (sao lưu trước, rồi chép sang bản mới và kiểm tra).",
        Lang::En => "The ledger will be compacted when you quit (a backup first, then a checked copy).",
    }
}

/// Printed on the terminal after the interface closed, before compacting.
pub fn compacting(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Đang thu gọn sổ…",
        Lang::En => "Compacting the ledger…",
    }
}

/// The refusals of a locked backup (one sentence each; nothing written).
fn locked_error(lang: Lang, e: &BackupError) -> String {
    use BackupError::*;
    match (e, lang) {
        (Locked { path }, Lang::Vi) => format!(
            "Tệp sao lưu {} được khóa bằng khóa khôi phục; hãy nhập khóa (AGE-SECRET-KEY-1...) hoặc dùng --key-file <tệp>; không có gì bị thay đổi.",
            path.display()
        ),
        (Locked { path }, Lang::En) => format!(
            "The backup {} is locked with the recovery key; type the key (AGE-SECRET-KEY-1...) or give --key-file <file>; nothing was changed.",
            path.display()
        ),
        (WrongKey { path }, Lang::Vi) => format!(
            "Khóa khôi phục này không mở được tệp sao lưu {} (bản sao lưu làm trước khi đổi khóa cần khóa cũ); không có gì bị thay đổi.",
            path.display()
        ),
        (WrongKey { path }, Lang::En) => format!(
            "This recovery key does not open the backup {} (backups made before the key was changed need the old key); nothing was changed.",
            path.display()
        ),
        (NotAKey, Lang::Vi) => {
            "Đây không phải khóa khôi phục: khóa bắt đầu bằng AGE-SECRET-KEY-1, như in trên tờ khóa khôi phục; không có gì bị thay đổi.".into()
        }
        (NotAKey, Lang::En) => {
            "That is not a recovery key: the key begins with AGE-SECRET-KEY-1, as printed on the recovery sheet; nothing was changed.".into()
        }
        (_, Lang::Vi) => {
            "Khóa khôi phục lưu trong sổ không đọc được nên soxa không sao lưu (để không ghi bản không khóa); hãy tạo khóa mới bằng soxa recovery-key.".into()
        }
        (_, Lang::En) => {
            "The recovery key kept in the ledger does not read, so soxa made no backup (rather than an unlocked one); make a new key with soxa recovery-key.".into()
        }
    }
}

texts!(RecoveryText {
    KeyPrompt => "Khóa khôi phục (AGE-SECRET-KEY-1..., không hiện khi gõ): ", "Recovery key (AGE-SECRET-KEY-1..., not shown as you type): ";
});

fn invalid_file(lang: Lang, path: &std::path::Path, problem: &ReadError) -> String {
    let path = path.display();
    match (problem, lang) {
        (ReadError::NotABackup, Lang::Vi) => format!("{path} không phải tệp sao lưu của soxa."),
        (ReadError::NotABackup, Lang::En) => format!("{path} is not a soxa backup file."),
        (ReadError::NewerFormat { .. } | ReadError::NewerSchema { .. }, Lang::Vi) => format!(
            "Tệp sao lưu {path} được tạo bởi phiên bản soxa mới hơn. Hãy cập nhật soxa rồi khôi phục lại; không có gì bị thay đổi."
        ),
        (ReadError::NewerFormat { .. } | ReadError::NewerSchema { .. }, Lang::En) => format!(
            "The backup {path} was made by a newer version of soxa ({problem}). Update soxa, then restore again; nothing was changed."
        ),
        // As in the "damaged database" sentence, the technical detail is
        // given in English only.
        (ReadError::Damaged(_), Lang::Vi) => format!(
            "Tệp sao lưu {path} bị hỏng nên không dùng được; không có gì bị thay đổi. Hãy dùng một bản sao lưu khác (các bản tự động nằm trong thư mục backups)."
        ),
        (ReadError::Damaged(detail), Lang::En) => format!(
            "The backup {path} is damaged ({detail}); nothing was changed. Use another backup (automatic ones are in the backups folder)."
        ),
        (ReadError::Io(detail), Lang::Vi) => format!("Không đọc được tệp {path} ({detail})."),
        (ReadError::Io(detail), Lang::En) => format!("Cannot read the file {path} ({detail})."),
    }
}
