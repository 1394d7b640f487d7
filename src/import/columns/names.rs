//! The headers that name each column, folded (see `columns`), and the
//! heading `soxa export` writes for it. Adding a way clerks write a header
//! is adding a string here.

use super::Column;

/// A column's heading as `soxa export` writes it, and the folded headers
/// that name it (the heading's own folded form among them).
pub struct Spec {
    pub column: Column,
    pub heading: &'static str,
    pub names: &'static [&'static str],
}

const HAMLET_NAMES: &[&str] = &[
    "thon",
    "ap",
    "ban",
    "to dan pho",
    "khu pho",
    "thon/to dan pho",
    "thon/ap",
    "thon xom",
    "xom",
    "dia ban",
    "hamlet",
    "village",
];
const PHONE_NAMES: &[&str] =
    &["so dien thoai", "dien thoai", "sdt", "so dt", "dt", "phone", "phone number", "telephone", "mobile"];
const ID_NAMES: &[&str] = &[
    "cccd",
    "so cccd",
    "can cuoc",
    "can cuoc cong dan",
    "so can cuoc",
    "so dinh danh",
    "so dinh danh ca nhan",
    "cmnd",
    "so cmnd",
    "cmnd/cccd",
    "cccd/cmnd",
    "so cmnd/cccd",
    "so cccd/cmnd",
    "national id",
    "id number",
];
const NOTE_NAMES: &[&str] = &["ghi chu", "notes", "note"];
const HOUSEHOLD_CODE_NAMES: &[&str] = &["ma ho", "ma ho gia dinh", "ma so ho", "household code", "household id"];

pub const HOUSEHOLD_COLUMNS: &[Spec] = &[
    Spec { column: Column::HouseholdCode, heading: "Mã hộ", names: HOUSEHOLD_CODE_NAMES },
    Spec {
        column: Column::HamletCode,
        heading: "Mã thôn",
        names: &["ma thon", "ma ap", "ma to dan pho", "hamlet code"],
    },
    Spec { column: Column::Hamlet, heading: "Thôn", names: HAMLET_NAMES },
    Spec {
        column: Column::HeadName,
        heading: "Họ tên chủ hộ",
        names: &[
            "ho ten chu ho",
            "ho va ten chu ho",
            "ten chu ho",
            "chu ho",
            "ho ten",
            "ho va ten",
            "head",
            "head of household",
            "head name",
            "name",
        ],
    },
    Spec {
        column: Column::BirthYear,
        heading: "Năm sinh",
        names: &["nam sinh", "nam sinh chu ho", "ngay sinh", "ngay sinh chu ho", "birth year", "year of birth"],
    },
    Spec { column: Column::NationalId, heading: "CCCD", names: ID_NAMES },
    Spec {
        column: Column::Address, heading: "Địa chỉ", names: &["dia chi", "noi o", "dia chi thuong tru", "address"]
    },
    Spec {
        column: Column::Members,
        heading: "Số nhân khẩu",
        names: &[
            "so nhan khau",
            "so khau",
            "nhan khau",
            "so thanh vien",
            "so nguoi",
            "members",
            "household members",
            "household size",
            "size",
        ],
    },
    Spec { column: Column::Phone, heading: "Số điện thoại", names: PHONE_NAMES },
    Spec {
        column: Column::LivingSince,
        heading: "Sinh sống từ ngày",
        names: &["sinh song tu ngay", "sinh song tu", "ngay den", "living since", "living here since", "since"],
    },
    Spec {
        column: Column::MovedOut,
        heading: "Ngày chuyển đi",
        names: &["ngay chuyen di", "chuyen di", "moved out", "moved out on"],
    },
    Spec { column: Column::Notes, heading: "Ghi chú", names: NOTE_NAMES },
    Spec {
        column: Column::CommitmentDate,
        heading: "Ngày ký cam kết",
        names: &[
            "ngay ky cam ket",
            "ngay ky",
            "ky cam ket",
            "ngay cam ket",
            "commitment date",
            "commitment signed",
            "signed on",
            "date signed",
        ],
    },
    Spec {
        column: Column::CommitmentYear,
        heading: "Năm cam kết",
        names: &["nam cam ket", "cam ket nam", "commitment year"],
    },
];

pub const MEMBER_COLUMNS: &[Spec] = &[
    Spec {
        column: Column::Team,
        heading: "Tổ/đội",
        names: &["to/doi", "to doi", "to", "doi", "ten to", "ten to doi", "ten to/doi", "team", "team name"],
    },
    Spec { column: Column::Hamlet, heading: "Thôn", names: HAMLET_NAMES },
    Spec {
        column: Column::FullName,
        heading: "Họ và tên",
        names: &["ho va ten", "ho ten", "ho ten thanh vien", "ten", "thanh vien", "full name", "name"],
    },
    Spec { column: Column::Role, heading: "Chức danh", names: &["chuc danh", "chuc vu", "vai tro", "role"] },
    Spec { column: Column::Gender, heading: "Giới tính", names: &["gioi tinh", "gioi", "gender", "sex"] },
    Spec {
        column: Column::BirthDate,
        heading: "Ngày sinh",
        names: &["ngay sinh", "nam sinh", "ngay thang nam sinh", "birth date", "date of birth", "birth year"],
    },
    Spec { column: Column::Phone, heading: "Số điện thoại", names: PHONE_NAMES },
    Spec { column: Column::NationalId, heading: "CCCD", names: ID_NAMES },
    Spec { column: Column::HouseholdCode, heading: "Mã hộ", names: HOUSEHOLD_CODE_NAMES },
    Spec {
        column: Column::DecisionNumber,
        heading: "Số quyết định",
        names: &["so quyet dinh", "quyet dinh", "so qd", "so quyet dinh cong nhan", "decision number"],
    },
    Spec {
        column: Column::DecisionDate,
        heading: "Ngày quyết định",
        names: &["ngay quyet dinh", "ngay qd", "decision date"],
    },
    Spec {
        column: Column::Joined,
        heading: "Ngày tham gia",
        names: &["ngay tham gia", "ngay vao", "tham gia tu", "tham gia tu ngay", "joined", "joined on", "date joined"],
    },
    Spec {
        column: Column::Left,
        heading: "Ngày thôi tham gia",
        names: &["ngay thoi tham gia", "thoi tham gia", "ngay nghi", "ngay ra", "left", "left on"],
    },
    Spec {
        column: Column::LeftReason,
        heading: "Lý do thôi tham gia",
        names: &["ly do thoi tham gia", "ly do nghi", "ly do", "reason for leaving"],
    },
    Spec { column: Column::Notes, heading: "Ghi chú", names: NOTE_NAMES },
];

const HAMLET_CODE: Spec = Spec {
    column: Column::HamletCode,
    heading: "Mã thôn",
    names: &["ma thon", "ma ap", "ma to dan pho", "hamlet code"],
};
const YEAR: Spec = Spec { column: Column::Year, heading: "Năm", names: &["nam", "nam danh gia", "year"] };

/// Self-management models: one row per model and year reviewed.
pub const MODEL_COLUMNS: &[Spec] = &[
    HAMLET_CODE,
    Spec {
        column: Column::ModelName,
        heading: "Tên mô hình",
        names: &["ten mo hinh", "mo hinh", "model", "model name"],
    },
    Spec { column: Column::ModelKind, heading: "Loại", names: &["loai", "loai mo hinh", "kind", "model kind"] },
    Spec {
        column: Column::ModelStarted,
        heading: "Ngày xây dựng",
        names: &["ngay xay dung", "ngay thanh lap", "xay dung tu", "started", "start date"],
    },
    YEAR,
    Spec {
        column: Column::Verdict,
        heading: "Đánh giá",
        names: &["danh gia", "ket qua danh gia", "review", "verdict"],
    },
    Spec { column: Column::ReviewDate, heading: "Ngày đánh giá", names: &["ngay danh gia", "review date"] },
    Spec { column: Column::ReviewReason, heading: "Lý do", names: &["ly do", "ly do thanh loai", "reason"] },
];

/// Yearly assessments of residential areas: one row per hamlet and year.
pub const ASSESSMENT_COLUMNS: &[Spec] = &[
    HAMLET_CODE,
    YEAR,
    Spec {
        column: Column::AreaResult,
        heading: "Kết quả",
        names: &["ket qua", "ket qua danh gia", "an toan ve antt", "result"],
    },
    Spec {
        column: Column::Classification, heading: "Xếp loại", names: &["xep loai", "xep loai phong trao", "class"]
    },
    Spec { column: Column::Registered, heading: "Ngày đăng ký", names: &["ngay dang ky", "dang ky", "registered"] },
    Spec { column: Column::Criterion1, heading: "Tiêu chí 1", names: &["tieu chi 1", "criterion 1"] },
    Spec { column: Column::Criterion2, heading: "Tiêu chí 2", names: &["tieu chi 2", "criterion 2"] },
    Spec { column: Column::Criterion3, heading: "Tiêu chí 3", names: &["tieu chi 3", "criterion 3"] },
    Spec { column: Column::Criterion4, heading: "Tiêu chí 4", names: &["tieu chi 4", "criterion 4"] },
    Spec { column: Column::Criterion5, heading: "Tiêu chí 5", names: &["tieu chi 5", "criterion 5"] },
    Spec {
        column: Column::DecisionNumber,
        heading: "Số quyết định",
        names: &["so quyet dinh", "quyet dinh", "so qd", "so quyet dinh cong nhan", "decision number"],
    },
    Spec {
        column: Column::DecisionDate,
        heading: "Ngày quyết định",
        names: &["ngay quyet dinh", "ngay qd", "decision date"],
    },
];

/// Outreach sessions: one row per attending household.
pub const OUTREACH_COLUMNS: &[Spec] = &[
    Spec {
        column: Column::OutreachDate,
        heading: "Ngày",
        names: &["ngay", "ngay tuyen truyen", "ngay to chuc", "date", "session date"],
    },
    HAMLET_CODE,
    Spec { column: Column::HouseholdCode, heading: "Mã hộ", names: HOUSEHOLD_CODE_NAMES },
    Spec {
        column: Column::Topic, heading: "Chủ đề", names: &["chu de", "noi dung", "noi dung tuyen truyen", "topic"]
    },
    Spec {
        column: Column::Speaker, heading: "Báo cáo viên", names: &["bao cao vien", "nguoi trinh bay", "speaker"]
    },
    Spec {
        column: Column::HeadCount, heading: "Số người dự", names: &["so nguoi du", "so nguoi", "head count"]
    },
];

/// The mediation book, as the Ministry of Justice's form lays it out: STT;
/// ngày tiếp nhận; hòa giải viên, người được mời; họ tên, tuổi, địa chỉ
/// các bên; nội dung; thỏa thuận / yêu cầu; kết quả; ghi chú.
pub const CASE_COLUMNS: &[Spec] = &[
    Spec { column: Column::CaseNumber, heading: "STT", names: &["stt", "so tt", "so thu tu", "so vu viec", "no"] },
    Spec {
        column: Column::Received,
        heading: "Ngày tiếp nhận",
        names: &[
            "ngay tiep nhan",
            "ngay nhan",
            "ngay thang tiep nhan",
            "ngay thang nam tiep nhan",
            "ngay tiep nhan vu viec",
            "ngay",
            "received",
            "date received",
        ],
    },
    Spec {
        column: Column::Mediators,
        heading: "Hòa giải viên, người được mời",
        names: &[
            "hoa giai vien",
            "hoa giai vien nguoi duoc moi",
            "hoa giai vien va nguoi duoc moi",
            "ho ten hoa giai vien",
            "nguoi hoa giai",
            "mediators",
            "mediator",
        ],
    },
    Spec {
        column: Column::Parties,
        heading: "Họ tên, tuổi, địa chỉ các bên",
        names: &[
            "ho ten tuoi dia chi cac ben",
            "ho ten tuoi dia chi cua cac ben",
            "ho va ten tuoi dia chi cac ben",
            "cac ben",
            "cac ben tranh chap",
            "ben tranh chap",
            "ho ten cac ben",
            "parties",
        ],
    },
    Spec {
        column: Column::Content,
        heading: "Nội dung",
        names: &["noi dung", "noi dung vu viec", "noi dung chinh cua vu viec", "tom tat vu viec", "content"],
    },
    Spec {
        column: Column::Agreement,
        heading: "Thỏa thuận đạt được / yêu cầu của các bên",
        names: &[
            "thoa thuan",
            "thoa thuan dat duoc",
            "thoa thuan dat duoc yeu cau cua cac ben",
            "yeu cau cua cac ben",
            "agreement",
        ],
    },
    Spec {
        column: Column::Outcome, heading: "Kết quả", names: &["ket qua", "ket qua hoa giai", "outcome", "result"]
    },
    Spec { column: Column::OutcomeSuccess, heading: "Thành", names: &["thanh", "hoa giai thanh", "successful"] },
    Spec {
        column: Column::OutcomeFailure,
        heading: "Không thành",
        names: &["khong thanh", "hoa giai khong thanh", "unsuccessful"],
    },
    Spec {
        column: Column::Closed,
        heading: "Ngày kết thúc",
        names: &["ngay ket thuc", "ngay hoa giai", "ngay hoa giai xong", "closed", "closed on"],
    },
    Spec { column: Column::Category, heading: "Loại vụ việc", names: &["loai vu viec", "loai", "category"] },
    Spec { column: Column::Hamlet, heading: "Thôn", names: HAMLET_NAMES },
    Spec { column: Column::Notes, heading: "Ghi chú", names: NOTE_NAMES },
];
