//! The words of the import dialog (Settings "Nhập dữ liệu", `i` on
//! Households and Teams): the kinds of file it takes, the file picker and
//! its keys. The report's own lines are `import::words`.

texts!(ImportingText {
    Title => "Nhập dữ liệu", "Import data";
    KeyImport => "Nhập dữ liệu", "Import data";
    ChooseKind => "Chọn loại dữ liệu cần nhập:", "Choose what to import:";
    Households => "Hộ gia đình", "Households";
    HouseholdsAbout => "danh sách hộ, kèm cam kết các năm nếu có", "the household list, with the commitments of each year if any";
    Teams => "Tổ, đội và thành viên", "Teams and members";
    TeamsAbout => "danh sách thành viên theo tổ; tạo tổ chưa có", "members by team; teams not in the ledger are created";
    Members => "Thành viên tổ, đội", "Team members";
    MembersAbout => "thêm thành viên vào các tổ đã có", "members added to teams already in the ledger";
    Models => "Mô hình tự quản", "Self-management models";
    ModelsAbout => "mô hình và đánh giá hằng năm", "models and their yearly reviews";
    Assessments => "Đánh giá khu dân cư", "Area assessments";
    AssessmentsAbout => "kết quả đánh giá từng năm của thôn", "each hamlet's yearly result";
    Outreach => "Buổi tuyên truyền", "Outreach sessions";
    OutreachAbout => "mỗi dòng một hộ tham dự", "a row per attending household";
    Cases => "Sổ hòa giải", "Mediation book";
    CasesAbout => "sổ theo dõi hòa giải theo mẫu Bộ Tư pháp", "the Ministry of Justice layout";
    TitleTeams => "Nhập tổ, đội và thành viên từ tệp", "Import teams and members from a file";
    FilePrompt => "Chọn tệp .xlsx/.csv bên dưới hoặc gõ đường dẫn (chạy thử trước, chưa ghi gì):", "Pick a .xlsx/.csv file below or type its path (a dry run comes first):";
    NoFiles => "Thư mục này không có tệp .xlsx hay .csv nào.", "No .xlsx or .csv file in this folder.";
    NoMatch => "Không có tệp nào khớp với tên đã gõ.", "No file matches the name typed.";
    CannotList => "Không mở được thư mục này.", "Cannot open this folder.";
    Up => "(thư mục trên)", "(folder above)";
    KindHint => "↑↓ chọn · Enter tiếp · Esc hủy", "↑↓ choose · Enter next · Esc cancel";
    FileHint => "↑↓ chọn · Enter mở · Backspace lên thư mục trên · Esc hủy", "↑↓ choose · Enter opens · Backspace goes up · Esc cancels";
    Choose => "Chọn", "Choose";
    Open => "Mở", "Open";
    Next => "Tiếp", "Next";
    GoUp => "Lên trên", "Go up";
    NeedCommune => "Sổ chưa có thông tin xã: hãy nhập tên xã ở Cài đặt (mục Thông tin xã, nhấn e) trước khi nhập dữ liệu.", "The ledger has no commune yet: enter its name in Settings (Commune section, press e) before importing.";
});
