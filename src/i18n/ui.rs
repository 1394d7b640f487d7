//! Words of the interface frame: screen names, key hints, the footer, the
//! help overlay, the quick lookup, forms and confirmations.

texts!(Ui {
    AppName => "Sổ xã", "Commune ledger";
    Dashboard => "Tổng quan", "Dashboard";
    Households => "Hộ gia đình", "Households";
    Teams => "Tổ, đội", "Teams";
    Mediation => "Hòa giải", "Mediation";
    Reports => "Báo cáo", "Reports";
    Settings => "Cài đặt", "Settings";
    Targets => "Chỉ tiêu", "Targets";
    Quit => "Thoát", "Quit";
    Help => "Trợ giúp", "Help";
    Lookup => "Tra cứu", "Lookup";
    Open => "Mở", "Open";
    Back => "Quay lại", "Back";
    Up => "Lên", "Up";
    Down => "Xuống", "Down";
    PageUp => "Trang trước", "Page up";
    PageDown => "Trang sau", "Page down";
    Top => "Đầu danh sách", "First";
    Bottom => "Cuối danh sách", "Last";
    New => "Thêm mới", "New";
    Edit => "Sửa", "Edit";
    Delete => "Xóa", "Delete";
    Undo => "Hoàn tác", "Undo";
    Redo => "Làm lại", "Redo";
    History => "Lịch sử thay đổi", "Change history";
    NextField => "Ô tiếp theo", "Next field";
    PrevField => "Ô trước", "Previous field";
    Save => "Lưu", "Save";
    Cancel => "Hủy", "Cancel";
    Choose => "Chọn", "Choose";
    Saved => "Đã lưu", "Saved";
    Deleted => "Đã xóa", "Deleted";
    Undone => "Đã hoàn tác", "Undone";
    KeysOr => " hoặc ", " or ";
    Redone => "Đã làm lại", "Redone";
    NothingToUndo => "Không còn gì để hoàn tác", "Nothing to undo";
    NothingToRedo => "Không còn gì để làm lại", "Nothing to redo";
    ConfirmDiscard => "Bỏ các thay đổi chưa lưu? (c/k)", "Discard unsaved changes? (y/n)";
    SpaceKey => "Phím cách", "Space";
    Yes => "Có", "Yes";
    No => "Không", "No";
    FixErrors => "Chưa lưu: hãy sửa các ô báo lỗi", "Not saved: fix the fields marked in red";
    LookupPrompt => "Gõ tên, mã hộ, số điện thoại, số vụ việc (không cần dấu)", "Type a name, household code, phone or case number (diacritics optional)";
    NoResults => "Không có kết quả", "No results";
    HelpTitle => "Các phím trên màn hình này", "Keys on this screen";
    HelpClose => "Nhấn Esc để đóng", "Press Esc to close";
    Busy => "Đang xử lý…", "Working…";
    Loading => "Đang mở sổ…", "Opening the ledger…";
    Error => "Lỗi", "Error";
    Search => "Tìm", "Search";
    Filter => "Lọc", "Filter";
    Sort => "Sắp xếp", "Sort";
    All => "Tất cả", "All";
    Year => "Năm", "Year";
    Hamlet => "Thôn", "Hamlet";
    Status => "Trạng thái", "Status";
    Of => "trên", "of";
    DraftRecovered => "Đã khôi phục bản nhập dở từ lần trước", "A form left unfinished last time was recovered";
    DraftUnreadable => "Bản nhập dở lần trước không đọc được hoặc không còn khớp biểu mẫu nên đã bỏ; không có gì bị ghi", "A form left unfinished last time could not be read or no longer fits its form, so it was dropped; nothing was written";
    DraftOtherLedger => "Bản nhập dở lần trước thuộc một sổ khác (trước khi khôi phục hoặc tạo dữ liệu mẫu) nên đã bỏ; không có gì bị ghi", "A form left unfinished last time belongs to another ledger (before a restore or a demo), so it was dropped; nothing was written";
    DraftRecordGone => "Bản nhập dở lần trước là của một hồ sơ đã bị xóa nên đã bỏ; không có gì bị ghi", "A form left unfinished last time was for a record that has since been deleted, so it was dropped; nothing was written";
    DraftChangedTitle => "Bản nhập dở: hồ sơ đã thay đổi", "Unfinished form: the record has changed";
    DraftChangedIntro => "Hồ sơ này đã được sửa sau khi bạn bắt đầu nhập (nhập từ tệp, hoàn tác…): lúc bắt đầu → bây giờ. Nếu mở lại, các ô bạn đã gõ giữ giá trị của bạn, các ô khác lấy giá trị mới; chưa có gì được lưu.", "This record was changed after you began the form (an import, an undo…): when begun → now. If you go on, the fields you typed keep your values and the others take the new ones; nothing has been saved.";
    DraftTyped => "bạn đã gõ:", "you typed:";
    DraftChangedElsewhere => "Các thay đổi nằm ở phần không có trên biểu mẫu này.", "The changes are in parts this form does not show.";
    DraftChoose => "Enter: mở lại để xem và lưu · Esc: bỏ bản nhập dở", "Enter: reopen to check and save · Esc: drop the unfinished form";
    DraftDropped => "Đã bỏ bản nhập dở; không có gì bị ghi", "The unfinished form was dropped; nothing was written";
    Done => "Đồng ý", "OK";
    Close => "Đóng", "Close";
    Scroll => "Cuộn", "Scroll";
    PageScroll => "Cuộn trang", "Scroll a page";
    DraftReopen => "Mở lại biểu mẫu", "Reopen the form";
    DraftDrop => "Bỏ bản nhập dở", "Drop the unfinished form";
    WriteIn => "Ghi vào sổ", "Write to the ledger";
    ReadFile => "Đọc tệp", "Read the file";
});

/// The status line after characters that were not text were dropped from
/// a paste or typed keys (bytes that are not UTF-8, which the terminal
/// turns into U+FFFD).
pub fn unreadable_dropped(lang: crate::domain::Lang, n: usize) -> String {
    match lang {
        crate::domain::Lang::Vi => format!(
            "Đã bỏ {n} ký tự không đọc được (không phải UTF-8) khỏi phần vừa dán hoặc gõ: hãy xem lại ô vừa nhập."
        ),
        crate::domain::Lang::En => format!(
            "Dropped {n} unreadable characters (not UTF-8) from what was just pasted or typed: check the field."
        ),
    }
}

/// The status line after Ctrl+Z (`back`) or Ctrl+Y: what was undone or
/// redone, "Đã hoàn tác: sửa hộ «T01-0012 Nguyễn Văn An»", with how many
/// other records the same change touched.
pub fn undone(lang: crate::domain::Lang, back: bool, change: Option<Undone<'_>>) -> String {
    let done = if back { Ui::Undone } else { Ui::Redone }.get(lang);
    let Some(c) = change else { return done.to_string() };
    let what = format!(
        "{} {}",
        super::audit_action(lang, c.action).to_lowercase(),
        super::entity(lang, c.kind).to_lowercase()
    );
    let more = match (c.more, lang) {
        (0, _) => String::new(),
        (n, crate::domain::Lang::Vi) => format!(" và {n} thay đổi khác"),
        (n, crate::domain::Lang::En) => format!(" and {n} other changes"),
    };
    format!("{done}: {what} «{}»{more}", c.label)
}

/// A change undone or redone, as `undone` names it.
pub struct Undone<'a> {
    pub action: crate::domain::AuditAction,
    pub kind: crate::domain::EntityKind,
    pub label: &'a str,
    pub more: usize,
}
