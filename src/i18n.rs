//! Every sentence and label the clerk can see, in Vietnamese and English.
//!
//! The domain, the store and output speak in keys (`Field`, `Problem`,
//! `Warning`, `OpenError`, `OutputError`...); this module turns them into
//! words, so a missing translation is a compile error (every `match` is
//! exhaustive) and no English leaks into the Vietnamese interface. It sits
//! below `import` and `report` and knows none of their types: the words of
//! those live beside them (`import::words`, `report::export::words`), made
//! with this module's `texts!`, `pick` and key words.

use crate::domain::date::format_dmy;
use crate::domain::{
    CaseCategory, CaseStatus, CommitmentStatus, EntityKind, Field, FieldError, Lang, Period, PeriodKind, Problem, Role,
    TeamKind, Warning,
};
use crate::store::{OpenError, StoreError};

/// Declares an enum of text keys with their Vietnamese and English words:
/// `texts!(Ui { Save => "Lưu", "Save"; })` gives `Ui::Save.get(lang)`.
/// Each part of the interface keeps its words in its own submodule.
macro_rules! texts {
    ($(#[$meta:meta])* $name:ident { $($key:ident => $vi:literal, $en:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $($key),* }

        impl $name {
            pub fn get(self, lang: $crate::domain::Lang) -> &'static str {
                match (self, lang) {
                    $(($name::$key, $crate::domain::Lang::Vi) => $vi,
                      ($name::$key, $crate::domain::Lang::En) => $en,)*
                }
            }
        }
    };
}
pub(crate) use texts;

pub use numbers::number;

pub mod access;
pub mod backups;
pub mod closing;
pub mod console;
pub mod dashboard;
pub mod help;
pub mod history;
pub mod households;
pub mod importing;
pub mod init;
pub mod locked;
pub mod mediation;
pub mod numbers;
pub mod output;
pub mod privacy;
pub mod recovery;
pub mod reports;
pub mod retention;
pub mod settings;
pub mod signin;
pub mod targets;
pub mod targets_screen;
pub mod teams;
pub mod ui;
pub mod undo;
pub mod usage;
pub mod users;

/// Picks the Vietnamese or English text.
pub fn pick(lang: Lang, vi: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// Parses `vi` / `en` (as typed after `--lang` or in `SOXA_LANG`).
pub fn parse_lang(s: &str) -> Option<Lang> {
    match s.trim().to_ascii_lowercase().as_str() {
        "vi" | "vn" | "vie" => Some(Lang::Vi),
        "en" | "eng" => Some(Lang::En),
        _ => None,
    }
}

pub fn field(lang: Lang, f: Field) -> &'static str {
    use Field::*;
    let (vi, en) = match f {
        CommuneName => ("Tên xã", "Commune name"),
        Province => ("Tỉnh", "Province"),
        SignerName => ("Người ký", "Signer"),
        SignerTitle => ("Chức danh người ký", "Signer's title"),
        Operator => ("Người nhập liệu", "Operator"),
        TeamMinMembers => ("Số thành viên tối thiểu", "Minimum team size"),
        OverdueDays => ("Số ngày quá hạn", "Overdue after (days)"),
        CoverageTarget => ("Chỉ tiêu tỷ lệ ký (%)", "Coverage target (%)"),
        CatalogItem => ("Nội dung cam kết", "Commitment item"),
        HamletCode => ("Mã thôn", "Hamlet code"),
        HamletName => ("Tên thôn", "Hamlet name"),
        HouseholdCode => ("Mã hộ", "Household code"),
        Hamlet => ("Thôn/tổ dân phố", "Hamlet"),
        HeadName => ("Họ tên chủ hộ", "Head of household"),
        HeadBirthYear => ("Năm sinh chủ hộ", "Head's birth year"),
        NationalId => ("Số CCCD", "National ID"),
        Address => ("Địa chỉ", "Address"),
        MemberCount => ("Số nhân khẩu", "Household members"),
        Phone => ("Số điện thoại", "Phone"),
        LivingSince => ("Sinh sống từ ngày", "Living here since"),
        MovedOut => ("Ngày chuyển đi", "Moved out on"),
        Notes => ("Ghi chú", "Notes"),
        Household => ("Hộ gia đình", "Household"),
        Year => ("Năm", "Year"),
        CommitmentDate => ("Ngày ký cam kết", "Commitment date"),
        Reason => ("Lý do", "Reason"),
        Representative => ("Người đại diện ký", "Signed by"),
        Witness => ("Người chứng kiến", "Witness"),
        Items => ("Các nội dung cam kết", "Items committed"),
        ViolationDate => ("Ngày vi phạm", "Violation date"),
        ViolationDescription => ("Nội dung vi phạm", "Violation"),
        TeamName => ("Tên tổ/đội", "Team name"),
        Established => ("Ngày thành lập", "Established on"),
        Dissolved => ("Ngày giải thể", "Dissolved on"),
        Team => ("Tổ/đội", "Team"),
        FullName => ("Họ và tên", "Full name"),
        BirthDate => ("Ngày sinh", "Date of birth"),
        DecisionNumber => ("Số quyết định công nhận", "Decision number"),
        DecisionDate => ("Ngày quyết định", "Decision date"),
        Joined => ("Ngày tham gia", "Joined on"),
        Left => ("Ngày thôi tham gia", "Left on"),
        LeftReason => ("Lý do thôi tham gia", "Reason for leaving"),
        TrainingDate => ("Ngày tập huấn", "Training date"),
        TrainingCourse => ("Nội dung tập huấn", "Training course"),
        RatingYear => ("Năm xếp loại", "Rating year"),
        Gender => ("Giới tính", "Gender"),
        Role => ("Chức danh", "Role"),
        TeamKind => ("Loại tổ/đội", "Team kind"),
        Passed => ("Kết quả", "Result"),
        CaseNumber => ("Số vụ việc", "Case number"),
        Received => ("Ngày tiếp nhận", "Received on"),
        Parties => ("Các bên", "Parties"),
        PartyName => ("Họ tên bên liên quan", "Party's name"),
        PartyAge => ("Tuổi", "Age"),
        PartyAddress => ("Địa chỉ bên liên quan", "Party's address"),
        Content => ("Nội dung vụ việc", "Case summary"),
        Mediators => ("Hòa giải viên", "Mediators"),
        Assigned => ("Ngày phân công", "Assigned on"),
        Started => ("Ngày bắt đầu hòa giải", "Mediation began on"),
        Closed => ("Ngày kết thúc", "Closed on"),
        Agreement => ("Nội dung thỏa thuận", "Agreement"),
        FollowUpDate => ("Ngày theo dõi", "Follow-up date"),
        FollowUpNote => ("Kết quả theo dõi", "Follow-up note"),
        Status => ("Trạng thái", "Status"),
        Source => ("Nguồn tiếp nhận", "How it arrived"),
        Category => ("Loại vụ việc", "Category"),
        Invited => ("Người được mời", "Invited persons"),
        FollowUpKept => ("Thực hiện thỏa thuận", "Agreement kept"),
        PlanTarget => ("Chỉ tiêu kế hoạch", "Plan target"),
        DueDate => ("Hạn báo cáo (ngày/tháng)", "Report due (day/month)"),
        ModelName => ("Tên mô hình", "Model name"),
        ModelKind => ("Loại mô hình", "Model kind"),
        ModelStarted => ("Ngày xây dựng", "Started"),
        ReviewYear => ("Năm đánh giá", "Review year"),
        ReviewDate => ("Ngày đánh giá", "Review date"),
        ReviewReason => ("Lý do", "Reason"),
        Verdict => ("Đánh giá", "Review"),
        Registered => ("Ngày đăng ký", "Registered on"),
        Criteria => ("Tiêu chí", "Criteria"),
        AreaResult => ("Kết quả", "Result"),
        Classification => ("Xếp loại", "Classification"),
        OutreachDate => ("Ngày tuyên truyền", "Session date"),
        Topic => ("Chủ đề", "Topic"),
        Speaker => ("Báo cáo viên", "Speaker"),
        Attending => ("Hộ tham dự", "Attending households"),
        HeadCount => ("Số người dự", "Head count"),
        OperatorName => ("Tên người dùng", "User name"),
        OperatorRole => ("Vai trò", "Role"),
        Passphrase => ("Mật khẩu", "Passphrase"),
        IdleLockMinutes => ("Tự khóa sau (phút không dùng)", "Lock after (idle minutes)"),
        RetentionMovedOut => ("Giữ dữ liệu hộ chuyển đi (năm)", "Keep moved-out households (years)"),
        RetentionLeftMember => ("Giữ dữ liệu thành viên đã rời tổ (năm)", "Keep members who left (years)"),
        RetentionClosedCase => ("Giữ dữ liệu vụ việc đã kết thúc (năm)", "Keep closed cases (years)"),
        RequestReceived => ("Ngày nhận yêu cầu", "Received on"),
        RequestPerson => ("Người yêu cầu", "Requested by"),
        RequestKind => ("Nội dung yêu cầu", "What is asked"),
        AcknowledgeBy => ("Hạn xác nhận đã nhận", "Acknowledge by"),
        ActBy => ("Hạn giải quyết", "Act by"),
        RequestStatus => ("Tình trạng", "Status"),
        Answer => ("Trả lời", "Answer"),
        Answered => ("Ngày trả lời", "Answered on"),
    };
    pick(lang, vi, en)
}

pub fn problem(lang: Lang, p: Problem) -> String {
    match (p, lang) {
        (Problem::Required, _) => pick(lang, "không được để trống", "is required").into(),
        (Problem::TooLong { max }, Lang::Vi) => format!("dài quá {max} ký tự"),
        (Problem::TooLong { max }, Lang::En) => format!("is longer than {max} characters"),
        (Problem::BadDate, _) => {
            pick(lang, "không phải ngày hợp lệ (nhập dd/mm/yyyy)", "is not a valid date (type dd/mm/yyyy)").into()
        }
        (Problem::DateInFuture, _) => pick(lang, "không được sau ngày hôm nay", "cannot be in the future").into(),
        (Problem::DateTooEarly, _) => pick(lang, "không được trước năm 1900", "cannot be before 1900").into(),
        (Problem::BeforeDate(f), Lang::Vi) => format!("không được trước {}", field(lang, f).to_lowercase()),
        (Problem::BeforeDate(f), Lang::En) => format!("cannot be before the {}", field(lang, f).to_lowercase()),
        (Problem::AfterDate(f), Lang::Vi) => format!("không được sau {}", field(lang, f).to_lowercase()),
        (Problem::AfterDate(f), Lang::En) => format!("cannot be later than \u{201c}{}\u{201d}", field(lang, f)),
        (Problem::NeedsMediator, _) => {
            pick(lang, "cần chọn hòa giải viên (hoặc để trống ô này)", "needs a mediator (or leave it empty)").into()
        }
        (Problem::StepOutOfOrder, _) => {
            pick(lang, "không được trước ngày của bước trước", "cannot be before the date of the step before it").into()
        }
        (Problem::NoSuchDay { day, month, year, last }, Lang::Vi) => {
            format!("tháng {month}/{year} không có ngày {day} (chỉ có {last} ngày)")
        }
        (Problem::NoSuchDay { day, month, year, last }, Lang::En) => {
            format!("month {month}/{year} has no day {day} (it has {last} days)")
        }
        (Problem::NotANumber, _) => pick(lang, "phải là một số", "must be a number").into(),
        (Problem::OutOfRange { min, max }, Lang::Vi) => format!("phải từ {min} đến {max}"),
        (Problem::OutOfRange { min, max }, Lang::En) => format!("must be between {min} and {max}"),
        (Problem::NationalIdDigits, _) => pick(lang, "phải gồm đúng 12 chữ số", "must be exactly 12 digits").into(),
        (Problem::PhoneFormat, _) => pick(
            lang,
            "không phải số điện thoại Việt Nam (10-11 chữ số, bắt đầu bằng 0)",
            "is not a Vietnamese phone number (10-11 digits starting with 0)",
        )
        .into(),
        (Problem::TooFewParties { min }, Lang::Vi) => format!("cần ít nhất {min} bên"),
        (Problem::TooFewParties { min }, Lang::En) => format!("needs at least {min} parties"),
        (Problem::NotAllowedForStatus, _) => {
            pick(lang, "không dùng cho trạng thái này", "does not apply to this status").into()
        }
        (Problem::Duplicate, _) => pick(lang, "đã có trong sổ", "is already in the ledger").into(),
        (Problem::UnknownReference, _) => pick(lang, "không có trong sổ", "does not exist in the ledger").into(),
        (Problem::ViolationNeedsSigned, _) => {
            pick(lang, "chỉ ghi vi phạm khi hộ đã ký cam kết", "can only be recorded against a signed commitment")
                .into()
        }
        (Problem::BadTransition, _) => {
            pick(lang, "không chuyển được sang trạng thái này", "cannot move to this status").into()
        }
        (Problem::BadPeriod, _) => pick(
            lang,
            "không phải kỳ báo cáo hợp lệ (ví dụ 2026-Q3, 2026-H1, 2026 hoặc 05/01/2026..31/03/2026)",
            "is not a valid period (for example 2026-Q3, 2026-H1, 2026 or 05/01/2026..31/03/2026)",
        )
        .into(),
        (Problem::PeriodOrder, _) => {
            pick(lang, "ngày kết thúc không được trước ngày bắt đầu", "the end date cannot be before the start date")
                .into()
        }
        (Problem::TooShort { min }, Lang::Vi) => format!("cần ít nhất {min} ký tự"),
        (Problem::TooShort { min }, Lang::En) => format!("needs at least {min} characters"),
        (Problem::Mismatch, _) => pick(lang, "hai lần gõ không giống nhau", "the two typings differ").into(),
    }
}

/// "Số CCCD: phải gồm đúng 12 chữ số", "Party's name (row 2): is required".
pub fn field_error(lang: Lang, e: &FieldError) -> String {
    let label = field(lang, e.field);
    let row = match e.row {
        Some(n) => format!(" ({} {n})", pick(lang, "dòng", "row")),
        None => String::new(),
    };
    format!("{label}{row}: {}", problem(lang, e.problem))
}

pub fn open_error(lang: Lang, e: &OpenError) -> String {
    match (e, lang) {
        (OpenError::Locked { path }, Lang::Vi) => format!(
            "Cơ sở dữ liệu {} đang được mở ở một cửa sổ soxa khác. Hãy đóng cửa sổ đó rồi thử lại.",
            path.display()
        ),
        (OpenError::Locked { path }, Lang::En) => {
            format!("The database {} is open in another soxa window. Close that window and try again.", path.display())
        }
        (OpenError::NewerVersion { path, found, supported }, Lang::Vi) => format!(
            "Cơ sở dữ liệu {} được tạo bởi phiên bản soxa mới hơn (lược đồ {found}, bản này chỉ đọc đến {supported}). Hãy cập nhật soxa; dữ liệu không bị thay đổi.",
            path.display()
        ),
        (OpenError::NewerVersion { path, found, supported }, Lang::En) => format!(
            "The database {} was made by a newer version of soxa (schema {found}; this version reads up to {supported}). Please update soxa; nothing was changed.",
            path.display()
        ),
        (OpenError::Damaged { path, detail, backup }, _) => damaged(lang, path, detail, backup.as_deref()),
        (OpenError::NotWritable { path, detail }, Lang::Vi) => format!(
            "Không ghi được vào thư mục {} ({detail}). Hãy chọn thư mục khác bằng --db hoặc kiểm tra quyền ghi.",
            path.display()
        ),
        (OpenError::NotWritable { path, detail }, Lang::En) => format!(
            "Cannot write to the folder {} ({detail}). Choose another folder with --db or check its permissions.",
            path.display()
        ),
        (OpenError::NotADatabase { path }, Lang::Vi) => format!(
            "Thư mục {} đã có tệp khác và không phải cơ sở dữ liệu soxa. Hãy chọn một thư mục trống.",
            path.display()
        ),
        (OpenError::NotADatabase { path }, Lang::En) => format!(
            "The folder {} holds other files and is not a soxa database. Choose an empty folder.",
            path.display()
        ),
        (OpenError::Missing { path }, Lang::Vi) => {
            format!("Không có cơ sở dữ liệu soxa tại {}.", path.display())
        }
        (OpenError::Missing { path }, Lang::En) => format!("There is no soxa database at {}.", path.display()),
        (OpenError::NotAFolder { path }, Lang::Vi) => {
            format!("{} là một tệp, không phải thư mục. Hãy chỉ --db tới một thư mục.", path.display())
        }
        (OpenError::NotAFolder { path }, Lang::En) => {
            format!("{} is a file, not a folder. Point --db at a folder.", path.display())
        }
    }
}

fn damaged(lang: Lang, path: &std::path::Path, detail: &str, backup: Option<&std::path::Path>) -> String {
    let detail = crate::store::plain_detail(detail);
    // The technical detail (sled's or the codec's words) is English: it is
    // given to English readers and to whoever the clerk calls for help via
    // `soxa check`, not spelled into the Vietnamese sentence.
    let head = match lang {
        Lang::Vi => format!("Cơ sở dữ liệu {} bị hỏng, không đọc được.", path.display()),
        Lang::En => format!("The database {} is damaged ({detail}).", path.display()),
    };
    let advice = match (backup, lang) {
        (Some(b), _) => format!(" {}", backups::restore_advice(lang, b, path)),
        (None, Lang::Vi) => " Không tìm thấy bản sao lưu tự động nào; hãy liên hệ cán bộ kỹ thuật.".into(),
        (None, Lang::En) => " No automatic backup was found; ask for technical help.".into(),
    };
    head + &advice
}

pub fn store_error(lang: Lang, e: &StoreError) -> String {
    match (e, lang) {
        (StoreError::Invalid(errors), _) => errors.iter().map(|e| field_error(lang, e)).collect::<Vec<_>>().join("; "),
        // Never "Không tìm thấy xã." alone: say how to make it.
        (StoreError::NotFound { kind: EntityKind::Commune, .. }, _) => say(lang, Say::NoCommune).to_string(),
        (StoreError::NotFound { kind, .. }, Lang::Vi) => {
            format!("Không tìm thấy {}.", entity(lang, *kind).to_lowercase())
        }
        (StoreError::NotFound { kind, .. }, Lang::En) => format!("{} not found.", entity(lang, *kind)),
        (StoreError::InUse { kind, count }, Lang::Vi) => format!(
            "Không xóa được {} vì còn {} bản ghi đang dùng đến.",
            entity(lang, *kind).to_lowercase(),
            number(lang, count)
        ),
        (StoreError::InUse { kind, count }, Lang::En) => format!(
            "Cannot delete this {} while {} records still use it.",
            entity(lang, *kind).to_lowercase(),
            number(lang, count)
        ),
        (StoreError::Corrupt { tree, detail }, Lang::Vi) => {
            format!("Dữ liệu bị hỏng trong bảng {tree} ({}). Hãy chạy soxa check.", crate::store::plain_detail(detail))
        }
        (StoreError::Corrupt { tree, detail }, Lang::En) => {
            format!("Damaged data in table {tree} ({}). Run soxa check.", crate::store::plain_detail(detail))
        }
        (StoreError::Storage(detail), Lang::Vi) => {
            format!(
                "Không ghi/đọc được dữ liệu trên đĩa ({}). Dữ liệu chưa được lưu.",
                crate::store::plain_detail(detail)
            )
        }
        (StoreError::Storage(detail), Lang::En) => {
            format!("Could not read or write the disk ({}). Nothing was saved.", crate::store::plain_detail(detail))
        }
        (StoreError::Closing(e), _) => closing::error(lang, e),
        (StoreError::Access(e), _) => access::error(lang, e),
    }
}

/// What an audit entry did, as a verb.
pub fn audit_action(lang: Lang, a: crate::domain::AuditAction) -> &'static str {
    use crate::domain::AuditAction;
    let (vi, en) = match a {
        AuditAction::Create => ("Thêm", "Added"),
        AuditAction::Update => ("Sửa", "Changed"),
        AuditAction::Delete => ("Xóa", "Deleted"),
        AuditAction::Restore => ("Khôi phục", "Restored"),
        AuditAction::Close => ("Chốt số liệu", "Closed"),
        AuditAction::Reopen => ("Mở lại", "Reopened"),
        AuditAction::Purge => ("Xóa thông tin cá nhân", "Personal data erased"),
    };
    pick(lang, vi, en)
}

pub fn entity(lang: Lang, k: EntityKind) -> &'static str {
    let (vi, en) = match k {
        EntityKind::Commune => ("Xã", "Commune"),
        EntityKind::Hamlet => ("Thôn", "Hamlet"),
        EntityKind::Household => ("Hộ", "Household"),
        EntityKind::Commitment => ("Cam kết", "Commitment"),
        EntityKind::Team => ("Tổ/đội", "Team"),
        EntityKind::Member => ("Thành viên", "Member"),
        EntityKind::Case => ("Vụ việc", "Case"),
        EntityKind::Period => ("Kỳ báo cáo", "Period"),
        EntityKind::Model => ("Mô hình tự quản", "Self-management model"),
        EntityKind::Assessment => ("Đánh giá khu dân cư", "Area assessment"),
        EntityKind::Outreach => ("Buổi tuyên truyền", "Outreach session"),
    };
    pick(lang, vi, en)
}

pub fn commitment_status(lang: Lang, s: CommitmentStatus) -> &'static str {
    match s {
        CommitmentStatus::Signed => pick(lang, "Đã ký", "Signed"),
        CommitmentStatus::Refused => pick(lang, "Từ chối", "Refused"),
        CommitmentStatus::Absent => pick(lang, "Vắng mặt", "Absent"),
    }
}

pub fn not_contacted(lang: Lang) -> &'static str {
    pick(lang, "Chưa ký", "Not yet signed")
}

pub fn case_status(lang: Lang, s: CaseStatus) -> &'static str {
    match s {
        CaseStatus::Received => pick(lang, "Mới tiếp nhận", "Received"),
        CaseStatus::InProgress => pick(lang, "Đang hòa giải", "In progress"),
        CaseStatus::Successful => pick(lang, "Hòa giải thành", "Successful"),
        CaseStatus::Unsuccessful => pick(lang, "Hòa giải không thành", "Unsuccessful"),
        CaseStatus::Transferred => pick(lang, "Đã chuyển cơ quan có thẩm quyền", "Transferred"),
        CaseStatus::Withdrawn => pick(lang, "Đã rút yêu cầu", "Withdrawn"),
    }
}

pub fn case_category(lang: Lang, c: CaseCategory) -> &'static str {
    match c {
        CaseCategory::Neighbours => pick(lang, "Mâu thuẫn giữa các bên", "Conflict between neighbours"),
        CaseCategory::Civil => pick(lang, "Tranh chấp dân sự", "Civil dispute"),
        CaseCategory::Family => pick(lang, "Hôn nhân và gia đình", "Marriage and family"),
        CaseCategory::MinorViolation => pick(lang, "Vi phạm pháp luật nhỏ", "Minor violation"),
        CaseCategory::Other => pick(lang, "Khác", "Other"),
    }
}

pub fn team_kind(lang: Lang, k: TeamKind) -> &'static str {
    match k {
        TeamKind::Security => pick(lang, "Tổ bảo vệ ANTT", "Security team"),
        TeamKind::SelfManaged => pick(lang, "Tổ tự quản ANTT", "Self-management team"),
        TeamKind::Mediation => pick(lang, "Tổ hòa giải", "Mediation team"),
        TeamKind::ShockBrigade => pick(lang, "Đội xung kích", "Shock brigade"),
        TeamKind::Militia => pick(lang, "Dân quân tự vệ", "Militia"),
        TeamKind::Other => pick(lang, "Tổ/đội khác", "Other team"),
    }
}

pub fn role(lang: Lang, r: Role) -> &'static str {
    match r {
        Role::Leader => pick(lang, "Tổ trưởng", "Leader"),
        Role::Deputy => pick(lang, "Tổ phó", "Deputy"),
        Role::Member => pick(lang, "Tổ viên", "Member"),
        Role::Mediator => pick(lang, "Hòa giải viên", "Mediator"),
    }
}

pub fn warning(lang: Lang, w: Warning) -> String {
    match (w, lang) {
        (Warning::TeamNoLeader, _) => pick(lang, "Chưa có tổ trưởng", "No leader").into(),
        (Warning::ModelNotReviewed { year }, Lang::Vi) => format!("Chưa đánh giá năm {year}"),
        (Warning::ModelNotReviewed { year }, Lang::En) => format!("Not reviewed for {year}"),
        (Warning::HamletNoEffectiveModel { year }, Lang::Vi) => format!("Chưa có mô hình hiệu quả năm {year}"),
        (Warning::HamletNoEffectiveModel { year }, Lang::En) => format!("No effective model in {year}"),
        (Warning::TeamSeveralLeaders { count }, Lang::Vi) => format!("Có {count} tổ trưởng"),
        (Warning::TeamSeveralLeaders { count }, Lang::En) => format!("{count} leaders"),
        (Warning::TeamUnderStrength { have, min }, Lang::Vi) => format!("Thiếu người: {have}/{min} thành viên"),
        (Warning::TeamUnderStrength { have, min }, Lang::En) => format!("Under strength: {have}/{min} members"),
        (Warning::MediationTeamNoWoman, _) => {
            pick(lang, "Tổ hòa giải chưa có thành viên nữ", "Mediation team has no woman").into()
        }
        (Warning::MemberUnder18 { age }, Lang::Vi) => format!("Chưa đủ 18 tuổi khi tham gia ({age})"),
        (Warning::MemberUnder18 { age }, Lang::En) => format!("Under 18 on joining ({age})"),
        (Warning::MemberOver70 { age }, Lang::Vi) => format!("Trên 70 tuổi ({age}), cần Chủ tịch quyết định"),
        (Warning::MemberOver70 { age }, Lang::En) => format!("Over 70 ({age}): needs the chair's decision"),
        (Warning::MemberNotTrainedThisYear, _) => pick(lang, "Chưa tập huấn trong năm", "Not trained this year").into(),
        (Warning::CaseLateStart { days }, Lang::Vi) => format!("Chậm bắt đầu hòa giải ({} ngày)", number(lang, days)),
        (Warning::CaseLateStart { days }, Lang::En) => format!("Mediation not begun ({} days)", number(lang, days)),
        (Warning::CaseOverdue { days }, Lang::Vi) => format!("Quá hạn ({} ngày)", number(lang, days)),
        (Warning::CaseOverdue { days }, Lang::En) => format!("Overdue ({} days)", number(lang, days)),
    }
}

/// A period in words, as it heads a report: "Quý III năm 2026",
/// "6 tháng đầu năm 2026", "Năm 2026", "Từ 05/01/2026 đến 31/03/2026".
pub fn period_label(lang: Lang, p: &Period) -> String {
    match (p.kind, lang) {
        (PeriodKind::Quarter { year, q }, Lang::Vi) => format!("Quý {} năm {year}", roman(q)),
        (PeriodKind::Quarter { year, q }, Lang::En) => format!("Quarter {q}, {year}"),
        (PeriodKind::Half { year, h: 1 }, Lang::Vi) => format!("6 tháng đầu năm {year}"),
        (PeriodKind::Half { year, .. }, Lang::Vi) => format!("6 tháng cuối năm {year}"),
        (PeriodKind::Half { year, h: 1 }, Lang::En) => format!("First half of {year}"),
        (PeriodKind::Half { year, .. }, Lang::En) => format!("Second half of {year}"),
        (PeriodKind::Year(year), Lang::Vi) => format!("Năm {year}"),
        (PeriodKind::Year(year), Lang::En) => format!("Year {year}"),
        (PeriodKind::Custom, Lang::Vi) => format!("Từ {} đến {}", format_dmy(p.start), format_dmy(p.end)),
        (PeriodKind::Custom, Lang::En) => format!("From {} to {}", format_dmy(p.start), format_dmy(p.end)),
    }
}

/// Quarters are numbered in Roman figures in Vietnamese reports.
fn roman(q: u8) -> &'static str {
    match q {
        1 => "I",
        2 => "II",
        3 => "III",
        _ => "IV",
    }
}

/// Sentences of the command line, keyed by what they say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Say {
    NoMatches,
    CheckClean,
    CheckFound,
    CheckExamples,
    CheckMore,
    EmptyLedger,
    DemoCreated,
    DemoRefusesRealData,
    DemoReplacing,
    Active,
    Dissolved,
    MovedOut,
    Left,
    CommuneWide,
    SizeOnDisk,
    UnexpectedError,
    NoCommune,
    NoPassphrase,
}

pub fn say(lang: Lang, s: Say) -> &'static str {
    let (vi, en) = match s {
        Say::NoMatches => ("Không tìm thấy kết quả nào.", "No matches."),
        Say::NoPassphrase => (
            "Không đọc được mật khẩu: hãy chạy trong cửa sổ dòng lệnh, hoặc đưa mật khẩu qua đầu vào chuẩn với --passphrase-stdin.",
            "Could not read the passphrase: run in a terminal window, or give it on standard input with --passphrase-stdin.",
        ),
        Say::NoCommune => (
            "Sổ chưa có thông tin xã: hãy tạo bằng lệnh `soxa init --commune \"Tên xã\" --province \"Tên tỉnh\"` hoặc ở màn hình Cài đặt (chạy `soxa`).",
            "The ledger has no commune yet: create it with `soxa init --commune \"Name\" --province \"Province\"` or on the Settings screen (run `soxa`).",
        ),
        Say::CheckClean => ("Không phát hiện sai lệch nào.", "No problems found."),
        Say::CheckFound => ("Phát hiện sai lệch:", "Problems found:"),
        Say::CheckExamples => ("Ví dụ:", "Examples:"),
        Say::CheckMore => ("sai lệch khác không in ra.", "more not shown."),
        Say::EmptyLedger => (
            "Sổ chưa có dữ liệu. Chạy `soxa demo` để xem một xã mẫu.",
            "The ledger is empty. Run `soxa demo` to see a demo commune.",
        ),
        Say::DemoCreated => ("Đã tạo xã mẫu", "Demo commune created"),
        Say::DemoRefusesRealData => (
            "Thư mục này chứa sổ thật, không phải xã mẫu; soxa demo không ghi đè. Hãy chọn thư mục khác bằng --db.",
            "This folder holds a real ledger, not a demo; soxa demo will not overwrite it. Choose another folder with --db.",
        ),
        Say::DemoReplacing => ("Thay xã mẫu cũ bằng xã mẫu mới.", "Replacing the previous demo commune."),
        Say::Active => ("Đang hoạt động", "Active"),
        Say::Dissolved => ("Đã giải thể", "Dissolved"),
        Say::MovedOut => ("Đã chuyển đi", "Moved out"),
        Say::Left => ("Đã thôi tham gia", "Left"),
        Say::CommuneWide => ("Toàn xã", "Commune-wide"),
        Say::SizeOnDisk => ("Dung lượng trên đĩa", "Size on disk"),
        Say::UnexpectedError => ("Lỗi không mong đợi", "Unexpected error"),
    };
    pick(lang, vi, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_impossible_day_is_told_apart_from_a_wrong_format() {
        let date = |text: &str, lang| match crate::domain::date::parse_dmy(text) {
            Err(p) => field_error(lang, &FieldError::new(Field::LivingSince, p)),
            Ok(d) => format!("{d}"),
        };
        assert_eq!(date("31/02/2026", Lang::Vi), "Sinh sống từ ngày: tháng 2/2026 không có ngày 31 (chỉ có 28 ngày)");
        assert_eq!(date("31/02/2026", Lang::En), "Living here since: month 2/2026 has no day 31 (it has 28 days)");
        assert_eq!(date("3102", Lang::Vi), "Sinh sống từ ngày: không phải ngày hợp lệ (nhập dd/mm/yyyy)");
        assert_eq!(date("3102", Lang::En), "Living here since: is not a valid date (type dd/mm/yyyy)");
    }

    #[test]
    fn case_dates_out_of_order_name_both_fields() {
        let e = FieldError::new(Field::Assigned, Problem::AfterDate(Field::Closed));
        assert_eq!(field_error(Lang::Vi, &e), "Ngày phân công: không được sau ngày kết thúc");
        assert_eq!(field_error(Lang::En, &e), "Assigned on: cannot be later than \u{201c}Closed on\u{201d}");
        let e = FieldError::new(Field::Assigned, Problem::NeedsMediator);
        assert_eq!(field_error(Lang::Vi, &e), "Ngày phân công: cần chọn hòa giải viên (hoặc để trống ô này)");
        assert_eq!(field_error(Lang::En, &e), "Assigned on: needs a mediator (or leave it empty)");
    }

    #[test]
    fn field_errors_name_the_field_and_row() {
        let e = FieldError::in_row(Field::PartyName, 2, Problem::Required);
        assert_eq!(field_error(Lang::Vi, &e), "Họ tên bên liên quan (dòng 2): không được để trống");
        assert_eq!(field_error(Lang::En, &e), "Party's name (row 2): is required");
        let e = FieldError::new(Field::Closed, Problem::BeforeDate(Field::Received));
        assert_eq!(field_error(Lang::Vi, &e), "Ngày kết thúc: không được trước ngày tiếp nhận");
    }

    #[test]
    fn open_errors_are_one_sentence_each() {
        let path = std::path::PathBuf::from("/tmp/x");
        let e = OpenError::Locked { path };
        assert!(open_error(Lang::Vi, &e).contains("cửa sổ soxa khác"));
        assert!(open_error(Lang::En, &e).contains("another soxa window"));
    }

    #[test]
    fn periods_read_as_in_a_report_heading() {
        let label = |text: &str, lang| period_label(lang, &Period::parse(text).unwrap());
        assert_eq!(label("2026-Q3", Lang::Vi), "Quý III năm 2026");
        assert_eq!(label("2026-Q4", Lang::Vi), "Quý IV năm 2026");
        assert_eq!(label("2026-Q3", Lang::En), "Quarter 3, 2026");
        assert_eq!(label("2026-H1", Lang::Vi), "6 tháng đầu năm 2026");
        assert_eq!(label("2026-H2", Lang::Vi), "6 tháng cuối năm 2026");
        assert_eq!(label("2026-H1", Lang::En), "First half of 2026");
        assert_eq!(label("2026", Lang::Vi), "Năm 2026");
        assert_eq!(label("2026", Lang::En), "Year 2026");
        assert_eq!(label("2026-01-05..2026-03-31", Lang::Vi), "Từ 05/01/2026 đến 31/03/2026");
        assert_eq!(label("2026-01-05..2026-03-31", Lang::En), "From 05/01/2026 to 31/03/2026");
        assert_eq!(problem(Lang::En, Problem::PeriodOrder), "the end date cannot be before the start date");
    }

    #[test]
    fn languages_parse() {
        assert_eq!(parse_lang("EN"), Some(Lang::En));
        assert_eq!(parse_lang("vi"), Some(Lang::Vi));
        assert_eq!(parse_lang("fr"), None);
    }
}
