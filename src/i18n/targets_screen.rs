//! Words of the Targets screen (Chỉ tiêu): its three tabs (self-management
//! models, the safe-area assessment grid, outreach sessions and their
//! attendance), their keys, columns, warnings and notes. The values of the
//! new kinds (verdicts, results, classifications) are `targets`'.

texts!(TargetsText {
    TabModels => "Mô hình tự quản", "Models";
    TabGrid => "Khu dân cư an toàn", "Safe areas";
    TabOutreach => "Tuyên truyền", "Outreach";
    Year => "Năm", "Year";
    // Keys
    KeyTab => "Đổi thẻ", "Next tab";
    KeyPrevTab => "Thẻ trước", "Previous tab";
    KeyPrevYear => "Năm trước", "Previous year";
    KeyNextYear => "Năm sau", "Next year";
    KeyReview => "Đánh giá năm", "Review";
    KeyHamlet => "Lọc thôn", "Filter by hamlet";
    KeyState => "Lọc đánh giá", "Filter by review";
    KeyLeft => "Ô trái", "Cell left";
    KeyRight => "Ô phải", "Cell right";
    KeyToggle => "Đạt / không", "Toggle";
    KeyType => "Gõ để sửa ô", "Type to edit";
    KeySave => "Lưu", "Save";
    KeyAttendance => "Danh sách hộ dự", "Attendance";
    KeyAllPresent => "Tất cả có mặt", "All present";
    KeyNonePresent => "Bỏ chọn hết", "None present";
    KeyPresent => "Có mặt / vắng", "Present / absent";
    // Models
    ColModel => "Tên mô hình", "Model";
    ColKind => "Loại", "Kind";
    ColPlace => "Thôn", "Hamlet";
    ColWarnings => "Cảnh báo", "Warnings";
    CommuneWide => "Toàn xã", "Commune-wide";
    All => "Tất cả", "All";
    NotReviewed => "Chưa đánh giá", "Not reviewed";
    NoModels => "Chưa có mô hình nào. Nhấn n để thêm.", "No model yet. Press n to add one.";
    NoMatch => "Không có mô hình nào khớp bộ lọc. Nhấn Esc để bỏ lọc.", "No model matches the filters. Press Esc to clear them.";
    HamletsWithout => "Thôn chưa có mô hình hiệu quả", "Hamlets without an effective model";
    NotReviewedCount => "mô hình chưa đánh giá", "models not reviewed";
    NewModel => "Thêm mô hình tự quản", "New self-management model";
    EditModel => "Sửa mô hình", "Edit model";
    ReviewTitle => "Đánh giá mô hình", "Review of";
    ConfirmDeleteModel => "Xóa mô hình {}? (c/k)", "Delete the model {}? (y/n)";
    NoTeam => "— Không", "— None";
    FiltersCleared => "Đã bỏ lọc", "Filters cleared";
    // Grid
    ColHamlet => "Thôn", "Hamlet";
    ColRegistered => "Đăng ký", "Registered";
    ColResult => "Kết quả", "Result";
    ColClass => "Xếp loại", "Class";
    ColDecision => "Số QĐ", "Decision";
    ColDecisionDate => "Ngày QĐ", "Decided";
    Criterion => "Tiêu chí", "Criterion";
    CriterionShort => "TC", "C";
    CommuneRow => "Toàn xã", "Commune";
    SigningPart => "phần 100% hộ ký cam kết, tính từ sổ", "the 100% of households signed, from the ledger";
    SigningMet => "đạt", "met";
    SigningNotMet => "chưa đạt", "not met";
    Unsaved => "dòng chưa lưu · Ctrl+S để lưu", "rows not saved · Ctrl+S saves";
    DiscardGrid => "Nhấn Esc lần nữa để bỏ các thay đổi chưa lưu.", "Press Esc again to drop the changes not saved.";
    Discarded => "Đã bỏ các thay đổi chưa lưu.", "Changes not saved were dropped.";
    NothingToSave => "Không có thay đổi nào để lưu.", "Nothing to save.";
    NotEditable => "Ô này tính từ các thôn, không sửa được.", "This row is computed from the hamlets.";
    BadDate => "Ngày không hợp lệ (dd/mm/yyyy).", "Not a valid date (dd/mm/yyyy).";
    CommuneSafe => "Xã đạt chuẩn \"An toàn về ANTT\"", "The commune qualifies as safe";
    CommuneNotSafe => "Xã chưa đạt chuẩn", "The commune does not qualify yet";
    AreasRegistered => "khu dân cư đăng ký", "areas registered";
    AreasRecognised => "được công nhận", "recognised";
    NoHamlets => "Chưa có thôn nào. Thêm thôn ở màn hình Cài đặt.", "No hamlet yet. Add them in Settings.";
    // Outreach
    ColDate => "Ngày", "Date";
    ColTopic => "Chủ đề", "Topic";
    ColSpeaker => "Báo cáo viên", "Speaker";
    ColHouseholds => "Hộ dự", "Households";
    ColPeople => "Người", "People";
    NoSessions => "Chưa có buổi tuyên truyền nào trong năm. Nhấn n để ghi buổi mới.", "No outreach session this year. Press n to record one.";
    Reach => "hộ được tuyên truyền", "households reached";
    TargetWord => "chỉ tiêu", "target";
    NewSession => "Ghi buổi tuyên truyền", "New outreach session";
    EditSession => "Sửa buổi tuyên truyền", "Edit outreach session";
    HamletCodes => "Thôn (mã, cách nhau dấu phẩy)", "Hamlets (codes, separated by commas)";
    ConfirmDeleteSession => "Xóa buổi tuyên truyền ngày {}? (c/k)", "Delete the session of {}? (y/n)";
    Attendance => "Hộ tham dự", "Attending households";
    Present => "có mặt", "present";
    NotSaved => "chưa lưu", "not saved";
    OfListed => "trên", "of";
    DiscardAttendance => "Nhấn Esc lần nữa để bỏ các đánh dấu chưa lưu.", "Press Esc again to drop the marks not saved.";
    AttendanceHint => "Space: có mặt/vắng · a: tất cả · u: bỏ hết · Ctrl+S: lưu · Esc: quay lại", "Space: present/absent · a: all · u: none · Ctrl+S: save · Esc: back";
    GridHint => "←→↑↓: ô · Space: đạt/không, đổi kết quả · số hoặc Enter: sửa ô · Ctrl+S: lưu", "←→↑↓: cell · Space: toggle · digits or Enter: edit · Ctrl+S: save";
});
