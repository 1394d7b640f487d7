//! Words of the Mediation screen: the case list, its filters, the case
//! detail and the intake and progress forms.

texts!(MediationText {
    Title => "Hòa giải", "Mediation";
    Cases => "vụ việc", "cases";
    // Table columns
    ColNumber => "Số", "No.";
    ColReceived => "Ngày nhận", "Received";
    ColHamlet => "Thôn", "Hamlet";
    ColCategory => "Loại", "Category";
    ColParties => "Các bên", "Parties";
    ColStatus => "Trạng thái", "Status";
    ColDays => "Số ngày", "Days";
    ColDaysShort => "Ngày", "Days";
    ColFlags => "Cảnh báo", "Warnings";
    // Filters
    FilterStatus => "Trạng thái", "Status";
    FilterCategory => "Loại", "Category";
    FilterHamlet => "Thôn", "Hamlet";
    FilterYear => "Năm", "Year";
    All => "Tất cả", "All";
    Open => "Đang mở", "Open";
    Overdue => "Quá hạn", "Overdue";
    LateStart => "Chậm bắt đầu", "Late start";
    FollowUpsDue => "Đến hạn theo dõi", "Follow-ups due";
    FiltersCleared => "Đã bỏ lọc", "Filters cleared";
    NoCases => "Chưa có vụ việc nào. Nhấn n để tiếp nhận vụ việc mới.", "No cases yet. Press n to log a new case.";
    NoMatch => "Không có vụ việc nào khớp bộ lọc. Nhấn Esc để bỏ lọc.", "No case matches the filters. Press Esc to clear them.";
    // Keys
    KeyStatus => "Lọc trạng thái", "Filter by status";
    KeyCategory => "Lọc loại vụ việc", "Filter by category";
    KeyHamlet => "Lọc thôn", "Filter by hamlet";
    KeyYear => "Lọc năm", "Filter by year";
    KeyMove => "Chuyển trạng thái", "Move status";
    KeyFollowUp => "Ghi kết quả theo dõi", "Record follow-up";
    KeyBook => "Xuất sổ theo dõi hòa giải", "Write the mediation book";
    // The book dialog (b)
    BookShort => "Xuất sổ", "Book";
    BookTeam => "Tổ hòa giải", "Mediation team";
    BookYear => "Năm", "Year";
    BookHint => "Tab: đổi tổ · ↑↓: đổi năm · Enter: ô sau, xuất · Esc: hủy", "Tab: team · ↑↓: year · Enter: next field, write · Esc: cancel";
    BookNoTeam => "Chưa có tổ hòa giải nào: thêm tổ ở màn hình Tổ, đội.", "No mediation team yet: add one on the Teams screen.";
    BookWriting => "Đang xuất sổ hòa giải…", "Writing the mediation book…";
    // How a case arrived
    SourceParty => "Các bên yêu cầu", "A party asked";
    SourceMediator => "Hòa giải viên phát hiện", "A mediator saw it";
    SourceCommune => "Xã chuyển đến", "Referred by the commune";
    // Short words for the table
    ShortNeighbours => "Mâu thuẫn", "Neighbours";
    ShortCivil => "Dân sự", "Civil";
    ShortFamily => "Gia đình", "Family";
    ShortMinor => "Vi phạm nhỏ", "Minor offence";
    ShortOther => "Khác", "Other";
    ShortReceived => "Mới nhận", "Received";
    ShortInProgress => "Đang hòa giải", "In progress";
    ShortSuccessful => "Thành", "Successful";
    ShortUnsuccessful => "Không thành", "Unsuccessful";
    ShortTransferred => "Đã chuyển", "Transferred";
    ShortWithdrawn => "Đã rút", "Withdrawn";
    // Forms
    FormNew => "Tiếp nhận vụ việc mới", "New mediation case";
    FormEdit => "Sửa vụ việc", "Edit case";
    FormProgress => "Tiến độ vụ việc", "Case progress";
    Party => "Bên", "Party";
    IfAny => "(nếu có)", "(optional)";
    PartyName => "họ tên", "name";
    PartyAge => "tuổi", "age";
    PartyAddress => "địa chỉ", "address";
    Mediator => "Hòa giải viên", "Mediator";
    NoMediator => "—", "—";
    InvitedHint => "Người được mời (cách nhau ;)", "Invited (separate with ;)";
    StepTo => "Chuyển sang", "Move to";
    StepDate => "Ngày", "Date";
    StepNote => "Ghi chú, kết quả", "Note, outcome";
    AgreementOrDemands => "Thỏa thuận / yêu cầu", "Agreement / demands";
    KeepStatus => "— Giữ nguyên trạng thái", "— Keep the status";
    FollowUpDue => "Ngày theo dõi thực hiện", "Follow-up on";
    KeptUnknown => "Chưa kiểm tra", "Not checked yet";
    KeptYes => "Có thực hiện", "Kept";
    KeptNo => "Không thực hiện", "Not kept";
    NotSuccessful => "Chỉ vụ việc hòa giải thành mới theo dõi việc thực hiện thỏa thuận.", "Only a successful case has an agreement to follow up.";
    ConfirmDelete => "Xóa vụ việc {}? (c/k)", "Delete case {}? (y/n)";
    // Detail
    Detail => "Vụ việc", "Case";
    DetailHint => "Esc: danh sách · m: chuyển trạng thái · f: theo dõi · e: sửa · h: lịch sử", "Esc: list · m: move status · f: follow-up · e: edit · h: history";
    Age => "tuổi", "years old";
    Days => "ngày", "days";
    Nothing => "—", "—";
    Invited => "Người được mời", "Invited";
    Outcome => "Kết quả", "Outcome";
    FollowUp => "Theo dõi thực hiện", "Follow-up";
    Steps => "Diễn biến", "Steps";
    Due => "hạn", "due";
    OpenFor => "đang mở", "open for";
    TookDays => "giải quyết trong", "settled in";
});
